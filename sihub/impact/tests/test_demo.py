"""The impact demo: twelve complete initiatives, each with a computable SROI, made once."""

from __future__ import annotations

from collections import Counter

import pytest

from sihub.actors import demo as actors_demo
from sihub.conftest import _person
from sihub.core.demo import ACCOUNTS
from sihub.core.models import AuditEntry
from sihub.impact import demo, services
from sihub.impact.models import (
    Indicator,
    Initiative,
    InitiativeMembership,
    Measurement,
    ToCLink,
    ValueMapRow,
)


def _seed() -> list[str]:
    lines: list[str] = []
    demo.seed(scale=0, log=lines.append)
    return lines


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Demo accounts (as core makes them), the actors, then the initiatives; once per module."""
    with django_db_blocker.unblock():
        from django.db import transaction

        atomic = transaction.atomic()
        atomic.__enter__()
        for email, first, last, roles, superuser in ACCOUNTS:
            _person(email, roles, first_name=first, last_name=last, is_superuser=superuser,
                    is_staff=superuser)
        actors_demo.seed(scale=0, log=lambda _m: None)
        lines = _seed()
        yield lines
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def _counts() -> dict[str, int]:
    return {"initiatives": Initiative.objects.count(), "rows": ValueMapRow.objects.count(),
            "measurements": Measurement.objects.count(), "links": ToCLink.objects.count(),
            "teams": InitiativeMembership.objects.count(), "audit": AuditEntry.objects.count()}


def test_it_makes_twelve_initiatives_eight_of_them_published(seeded, db):
    initiatives = Initiative.objects.filter(slug__in=[s["slug"] for s in demo.INITIATIVES])
    assert initiatives.count() >= 12
    assert initiatives.filter(is_public=True).count() == 8
    assert initiatives.filter(is_public=False).count() == 4
    assert len(set(initiatives.values_list("programme__name", flat=True))) >= 4  # 3 + none
    assert len(set(initiatives.values_list("counties__code", flat=True))) >= 10
    assert len(set(initiatives.values_list("sdgs__number", flat=True))) >= 10
    sectors = set(initiatives.values_list("owners__sector__slug", flat=True))
    assert {"public", "social-economy", "civil-society", "academia", "private"} <= sectors


def test_every_initiative_is_complete_and_its_sroi_computable(seeded, db):
    for initiative in Initiative.objects.filter(slug__in=[s["slug"] for s in demo.INITIATIVES]):
        result = services.initiative_sroi(initiative)  # raises if it cannot be computed
        assert result.sroi_ratio > 0, initiative.slug
        assert 2 <= initiative.stakeholders.count() <= 4
        assert initiative.owners.exists() and initiative.public_summary_en
        assert initiative.theory_of_change is not None
        links = initiative.theory_of_change.links.all()
        assert links.exists() and all(link.assumption for link in links)
        for indicator in Indicator.objects.filter(outcome__initiative=initiative):
            totals = indicator.measurements.filter(breakdown_dimension="").count()
            assert 6 <= totals <= 12, indicator.name
        # Every value-map row uses a library proxy or says where its value comes from.
        for row in initiative.value_map_rows.all():
            assert row.proxy_id or row.proxy_source


def test_it_values_negative_outcomes_and_splits_some_by_gender(seeded, db):
    rows = ValueMapRow.objects.filter(outcome__positive=False)
    assert rows.exists()
    assert all(row.value_per_unit < 0 for row in rows)
    groups = Counter(Measurement.objects.filter(breakdown_dimension="kön")
                     .values_list("breakdown_value", flat=True))
    assert groups["kvinnor"] == groups["män"] > 0
    assert ValueMapRow.objects.filter(proxy__isnull=False).values("proxy").distinct().count() >= 5


def test_the_demo_member_leads_some_teams(seeded, db):
    member = ACCOUNTS[-1][0]
    roles = Counter(InitiativeMembership.objects.filter(user__email=member)
                    .values_list("role", flat=True))
    assert roles["lead"] >= 1 and sum(roles.values()) >= 3


def test_running_it_again_creates_nothing(seeded, db):
    before = _counts()
    lines = _seed()
    assert _counts() == before
    assert "0 added" in lines[-1]
