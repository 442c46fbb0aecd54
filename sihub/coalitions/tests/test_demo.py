"""The coalitions demo: five coalitions in five phases, every sector, made once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from sihub.actors import demo as actors_demo
from sihub.coalitions import demo
from sihub.coalitions.balance import coalition_balance
from sihub.coalitions.models import (
    OPEN_COMMITMENT_STATUSES,
    Coalition,
    CoalitionMember,
    Commitment,
    Decision,
    Meeting,
    MemberStatus,
    PhaseChange,
)
from sihub.coalitions.selectors import coalitions_of_member
from sihub.conftest import _person
from sihub.core.demo import ACCOUNTS


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Demo accounts (as core makes them), the actors, then the coalitions; once per module."""
    with django_db_blocker.unblock():
        from django.db import transaction

        atomic = transaction.atomic()
        atomic.__enter__()
        for email, first, last, roles, superuser in ACCOUNTS:
            _person(email, roles, first_name=first, last_name=last, is_superuser=superuser,
                    is_staff=superuser)
        actors_demo.seed(scale=0, log=lambda _m: None)
        # One of the demo initiatives the coalitions link to (the impact demo is slow).
        from sihub.core.models import User
        from sihub.impact import services as impact_services

        impact_services.initiative_create(
            user=User.objects.get(email=ACCOUNTS[0][0]),
            fields={"title": "Unga i jobb Umeå", "slug": "unga-i-jobb-umea"})
        lines: list[str] = []
        demo.seed(scale=0, log=lines.append)
        yield lines
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def _demo() -> list[Coalition]:
    return list(Coalition.objects.filter(slug__in=[s["slug"] for s in demo.COALITIONS]))


def test_it_makes_five_coalitions_in_five_phases_four_published(seeded, db):
    coalitions = _demo()
    assert len(coalitions) >= 5
    assert len({c.phase for c in coalitions}) >= 5
    assert sum(c.is_public for c in coalitions) == 4
    assert "5 demo coalitions (4 published); 5 added" in seeded[-1]


def test_every_sector_is_represented_and_each_coalition_spans_the_four(seeded, db):
    members = CoalitionMember.objects.filter(coalition__in=_demo())
    assert set(members.values_list("actor__sector__slug", flat=True)) == {
        "public", "private", "academia", "civil-society", "social-economy"}
    for coalition in _demo():
        sectors = set(coalition.members.values_list("actor__sector__slug", flat=True))
        assert {"public", "private", "academia", "civil-society"} <= sectors, coalition.slug
        assert coalition.members.count() == len(
            next(s for s in demo.COALITIONS if s["slug"] == coalition.slug)["members"])


def test_the_unpublished_one_warns_that_academia_has_not_joined(seeded, db):
    housing = Coalition.objects.get(slug="bostad-for-unga-stockholm")
    assert not housing.is_public
    assert [s.slug for s in coalition_balance(housing).missing] == ["academia"]
    assert housing.members.filter(status=MemberStatus.INVITED).count() == 1


def test_the_demo_member_is_an_active_contact_of_two(seeded, db):
    maja = next(a[0] for a in ACCOUNTS if a[1] == "Maja")
    from sihub.core.models import User

    assert coalitions_of_member(User.objects.get(email=maja)).count() == 2


def test_each_has_a_history_meetings_and_decisions_and_two_a_theory_of_change(seeded, db):
    today = timezone.localdate()
    for coalition in _demo():
        history = list(PhaseChange.objects.filter(coalition=coalition))
        assert history[0].from_phase == "" and history[-1].to_phase == coalition.phase
        assert all(h.decision and h.decided_on <= today for h in history)
        assert Meeting.objects.filter(coalition=coalition).exclude(notes="").exists()
        assert Decision.objects.filter(coalition=coalition, meeting__isnull=False).exists()
    assert sum(c.theory_of_change is not None for c in _demo()) == 2
    linked = Coalition.objects.get(slug="inkluderande-arbetsliv-vasterbotten")
    assert list(linked.initiatives.values_list("slug", flat=True)) == ["unga-i-jobb-umea"]


def test_some_commitments_are_overdue(seeded, db):
    overdue = Commitment.objects.filter(coalition__in=_demo(),
                                        status__in=OPEN_COMMITMENT_STATUSES,
                                        due_on__lt=timezone.localdate())
    assert overdue.exists()
    assert Commitment.objects.filter(due_on__gt=timezone.localdate() + dt.timedelta(days=1),
                                     coalition__in=_demo()).exists()


def test_running_it_again_adds_nothing(seeded, db):
    counts = (Coalition.objects.count(), CoalitionMember.objects.count(),
              Commitment.objects.count(), PhaseChange.objects.count(), Meeting.objects.count())
    lines: list[str] = []
    demo.seed(scale=0, log=lines.append)
    assert lines == ["coalitions: 5 demo coalitions (4 published); 0 added"]
    assert counts == (Coalition.objects.count(), CoalitionMember.objects.count(),
                      Commitment.objects.count(), PhaseChange.objects.count(),
                      Meeting.objects.count())
