"""The cross-sector balance: counts, shares, missing and dominant sectors, and the warnings."""

from __future__ import annotations

import pytest
from django.utils import translation

from sihub.coalitions.balance import balance_from_counts, coalition_balance
from sihub.coalitions.models import MemberStatus
from sihub.coalitions.suggest import sector_mix
from sihub.coalitions.tests.conftest import add_member, make_coalition
from sihub.core.models import Sector


def _sectors():
    return list(Sector.objects.order_by("sort_order"))


@pytest.mark.django_db
def test_it_names_the_missing_sectors_in_english():
    with translation.override("en"):
        balance = balance_from_counts({"public": 2, "private": 1, "civil-society": 1}, _sectors())
    assert balance.total == 4
    assert [s.slug for s in balance.missing] == ["academia"]
    assert balance.dominant is None
    assert balance.warnings == ("No member from academia yet",)
    assert not balance.is_balanced


@pytest.mark.django_db
def test_it_calls_a_sector_with_60_percent_dominant():
    counts = {"private": 3, "public": 1, "academia": 1}
    with translation.override("en"):
        balance = balance_from_counts(counts, _sectors())
    assert balance.dominant is not None and balance.dominant.slug == "private"
    assert balance.dominant.percent == 60
    assert "Private sector makes up 60 % of the members" in balance.warnings
    # The same rule as the suggestions' sector bonus.
    assert sector_mix(counts).dominant == "private"
    assert [s.slug for s in balance.missing] == ["civil-society"]


@pytest.mark.django_db
def test_exactly_half_is_not_dominant():
    balance = balance_from_counts({"private": 2, "public": 1, "academia": 1}, _sectors())
    assert balance.dominant is None
    assert [s.slug for s in balance.missing] == ["civil-society"]


@pytest.mark.django_db
def test_a_balanced_mix_has_no_warning_and_social_economy_counts_toward_the_total():
    balance = balance_from_counts({"public": 1, "private": 1, "academia": 1, "civil-society": 1,
                                   "social-economy": 2}, _sectors())
    assert balance.is_balanced and balance.warnings == ()
    assert balance.total == 6
    shares = {s.slug: (s.count, s.percent) for s in balance.sectors}
    assert shares["social-economy"] == (2, 33)
    assert shares["public"] == (1, 17)


@pytest.mark.django_db
def test_the_bar_segments_follow_each_other_as_plain_numbers():
    with translation.override("sv"):
        balance = balance_from_counts({"public": 1, "private": 2}, _sectors())
    segments = [(s.slug, s.bar_x, s.bar_width) for s in balance.present]
    assert segments == [("public", "0", "33.33"), ("private", "33.33", "66.67")]


@pytest.mark.django_db
def test_an_empty_coalition_says_so_once():
    with translation.override("en"):
        balance = balance_from_counts({}, _sectors())
    assert balance.total == 0
    assert len(balance.missing) == 4
    assert balance.warnings == ("The coalition has no active members yet.",)


@pytest.mark.django_db
def test_it_warns_in_swedish_by_default():
    balance = balance_from_counts({"public": 1, "private": 1, "civil-society": 1}, _sectors())
    assert balance.missing[0].name == "Akademi"


@pytest.mark.django_db
def test_coalition_balance_counts_active_members_only(django_assert_max_num_queries):
    coalition = make_coalition("Balans")
    add_member(coalition, sector="public")
    add_member(coalition, sector="private")
    add_member(coalition, sector="private")
    add_member(coalition, sector="private")
    add_member(coalition, sector="academia", status=MemberStatus.INVITED)
    add_member(coalition, sector="civil-society", status=MemberStatus.LEFT)
    with django_assert_max_num_queries(2), translation.override("en"):
        balance = coalition_balance(coalition)
    assert balance.total == 4
    assert [s.slug for s in balance.missing] == ["academia", "civil-society"]
    assert balance.dominant.slug == "private" and balance.dominant.percent == 75
    assert balance.warnings == ("No member from academia yet",
                                "No member from civil society and idea-driven sector yet",
                                "Private sector makes up 75 % of the members")
