"""Coalition personas and builders: two coalitions with separate members, plus staff.

Members speak for their organisation through its contact account
(``CoalitionMember.contact``); facilitators (core/roles.py) manage coalitions.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from sihub.actors.tests.factories import make_actor
from sihub.coalitions.models import (
    Coalition,
    CoalitionMember,
    MemberRole,
    MemberStatus,
    Phase,
)
from sihub.conftest import _person
from sihub.core.models import User
from sihub.core.roles import MEMBER


def make_coalition(title: str, *, phase: str = Phase.EXPLORE, public: bool = False,
                   **fields: Any) -> Coalition:
    """A coalition straight in the database (tests of services build through services)."""
    from django.utils.text import slugify

    return Coalition.objects.create(title=title, slug=fields.pop("slug", slugify(title)),
                                    challenge=fields.pop("challenge", f"Utmaningen: {title}"),
                                    phase=phase, is_public=public, **fields)


def add_member(coalition: Coalition, *, actor: Any = None, sector: str = "civil-society",
               role: str = MemberRole.PARTNER, contact: User | None = None,
               status: str = MemberStatus.ACTIVE) -> CoalitionMember:
    actor = actor or make_actor(sector_slug=sector)
    return CoalitionMember.objects.create(
        coalition=coalition, actor=actor, role=role, status=status, contact=contact,
        contact_name=contact.get_full_name() if contact else "",
        contact_email=contact.email if contact else "",
        responded_at=timezone.now() if status == MemberStatus.ACTIVE else None)


@pytest.fixture
def member_a(db) -> User:
    """The contact person of an organisation in coalition A."""
    return _person("anna.a@example.org", [MEMBER])


@pytest.fixture
def member_b(db) -> User:
    """The contact person of an organisation in coalition B only."""
    return _person("bertil.b@example.org", [MEMBER])


@pytest.fixture
def coalition_a(member_a) -> Coalition:
    """Unpublished; member_a's organisation is its initiator."""
    coalition = make_coalition("Inkluderande arbetsliv i Umeå")
    add_member(coalition, sector="public", role=MemberRole.INITIATOR, contact=member_a)
    return coalition


@pytest.fixture
def coalition_b(member_b) -> Coalition:
    """Published; member_b's organisation is a partner."""
    coalition = make_coalition("Mat och gemenskap", public=True, phase=Phase.ACT)
    add_member(coalition, sector="private", role=MemberRole.PARTNER, contact=member_b)
    return coalition
