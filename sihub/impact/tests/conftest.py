"""Impact personas and builders: two initiatives with separate teams, plus staff.
The role permissions come from core/roles.py, as in production.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from sihub.conftest import _person
from sihub.core.models import User
from sihub.core.roles import MEMBER
from sihub.impact import services
from sihub.impact.models import Initiative, MembershipRole

def fresh(user: User) -> User:
    """The same person without cached permissions."""
    return User.objects.get(pk=user.pk)


@pytest.fixture
def lead_a(db) -> User:
    return _person("alva.lead@example.org", [MEMBER])


@pytest.fixture
def lead_b(db) -> User:
    return _person("bruno.lead@example.org", [MEMBER])


def make_initiative(lead: User, title: str, **fields: Any) -> Initiative:
    return services.initiative_create(user=lead, fields={"title": title, **fields})


@pytest.fixture
def initiative_a(lead_a) -> Initiative:
    """Unpublished; team A."""
    return make_initiative(lead_a, "Unga i jobb Umeå", purpose="Hemligt A")


@pytest.fixture
def initiative_b(lead_b) -> Initiative:
    """Unpublished; team B."""
    return make_initiative(lead_b, "Läxhjälp Malmö", purpose="Hemligt B")


@pytest.fixture
def public_b(lead_b) -> Initiative:
    """Published; team B."""
    return make_initiative(lead_b, "Öppen mötesplats", is_public=True,
                           public_summary_sv="Alla får läsa.")


def add_member(initiative: Initiative, lead: User, email: str, role: str) -> User:
    person = _person(email, [MEMBER])
    services.membership_set(initiative=initiative, user=lead, member=person, role=role)
    return fresh(person)


@pytest.fixture
def viewer_a(initiative_a, lead_a) -> User:
    return add_member(initiative_a, lead_a, "vera.viewer@example.org", MembershipRole.VIEWER)


@pytest.fixture
def contributor_a(initiative_a, lead_a) -> User:
    return add_member(initiative_a, lead_a, "carl.contributor@example.org",
                      MembershipRole.CONTRIBUTOR)


def outcome_with_indicator(initiative: Initiative, lead: User, *, indicator: str = "I arbete",
                           stakeholder: str = "Unga 16–24") -> Any:
    group = services.stakeholder_create(initiative=initiative, user=lead, name=stakeholder,
                                        size=40)
    outcome = services.outcome_create(initiative=initiative, user=lead, stakeholder=group,
                                      description="Får arbete")
    return services.indicator_create(outcome=outcome, user=lead, name=indicator, unit="personer",
                                     baseline=Decimal(0), target=Decimal(20))
