"""Builders for the shared-work tests: commitments, meetings, initiatives, a partner member."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from sihub.coalitions.models import (
    Coalition,
    CoalitionMember,
    Commitment,
    CommitmentStatus,
    Meeting,
    MemberRole,
)
from sihub.coalitions.tests.conftest import add_member
from sihub.conftest import _person
from sihub.core.roles import MEMBER


def member_of(coalition: Coalition, user: Any) -> CoalitionMember:
    return CoalitionMember.objects.get(coalition=coalition, contact=user)


def add_partner(coalition: Coalition, email: str = "petra.partner@example.org",
                sector: str = "academia") -> tuple[Any, CoalitionMember]:
    """A second, non-steward member organisation with its own contact account."""
    user = _person(email, [MEMBER])
    return user, add_member(coalition, sector=sector, role=MemberRole.PARTNER, contact=user)


def make_commitment(member: CoalitionMember, *, kind: str = "time", description: str = "",
                    amount: Decimal | int | None = None, unit: str = "",
                    due_on: date | None = None, days_overdue: int | None = None,
                    status: str = CommitmentStatus.PROMISED, **fields: Any) -> Commitment:
    if days_overdue is not None:
        due_on = timezone.localdate() - timedelta(days=days_overdue)
    commitment = Commitment(coalition=member.coalition, member=member, kind=kind,
                            description=description or f"Löfte från {member.actor.name}",
                            amount=None if amount is None else Decimal(amount), unit=unit,
                            due_on=due_on, status=status, **fields)
    commitment.full_clean()
    commitment.save()
    return commitment


def make_meeting(coalition: Coalition, title: str = "Möte", *, days_from_now: int = 7,
                 **fields: Any) -> Meeting:
    return Meeting.objects.create(coalition=coalition, title=title,
                                  starts_at=timezone.now() + timedelta(days=days_from_now),
                                  **fields)


def make_initiative(title: str, *, public: bool) -> Any:
    from django.utils.text import slugify

    from sihub.impact.models import Initiative

    return Initiative.objects.create(title=title, slug=slugify(title), is_public=public)


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
