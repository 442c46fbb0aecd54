"""The find-support ranking on small cases with known answers (no database)."""

from __future__ import annotations

from datetime import date

from sihub.actors import matching
from sihub.actors.matching import Candidate, Need, Reason, rank

TODAY = date(2026, 5, 1)
UMEA, VINDELN, STOCKHOLM = "2480", "2404", "0180"
VASTERBOTTEN, STOCKHOLMS_LAN = "24", "01"


def need(**overrides) -> Need:
    """A social enterprise at pilot stage in Umeå that needs funding."""
    values = {"kinds": frozenset({"funding"}), "municipality_code": UMEA,
              "county_code": VASTERBOTTEN, "sector_slug": "social-economy", "stage": "pilot"}
    values.update(overrides)
    return Need(**values)


def offering(offering_id: int, **fields) -> Candidate:
    fields.setdefault("kind", "funding")
    return Candidate(offering_id=offering_id, **fields)


def codes(match: matching.Match) -> list[str]:
    return [r.code for r in match.reasons]


def ids(matches: list[matching.Match]) -> list[int]:
    return [m.offering_id for m in matches]


def test_it_ranks_municipality_over_county_over_nation_over_the_actors_own_region():
    candidates = [
        offering(1, actor_serves_national=True),
        offering(2, actor_counties=frozenset({VASTERBOTTEN})),
        offering(3, actor_home_municipality=UMEA),
        offering(4, national=True),
        offering(5, counties=frozenset({VASTERBOTTEN})),
        offering(6, municipalities=frozenset({UMEA})),
    ]
    matches = rank(need(), candidates, TODAY)
    assert ids(matches) == [6, 5, 4, 3, 2, 1]
    assert [m.reasons[1] for m in matches] == [
        Reason(matching.REGION_MUNICIPALITY, {"municipality": UMEA}),
        Reason(matching.REGION_COUNTY, {"county": VASTERBOTTEN}),
        Reason(matching.REGION_NATIONAL),
        Reason(matching.ACTOR_MUNICIPALITY, {"municipality": UMEA}),
        Reason(matching.ACTOR_COUNTY, {"county": VASTERBOTTEN}),
        Reason(matching.ACTOR_NATIONAL),
    ]


def test_it_gives_every_reason_for_a_full_match_in_order():
    [match] = rank(need(sdgs=frozenset({3, 8, 10})), [offering(
        7, municipalities=frozenset({UMEA}), target_sectors=frozenset({"social-economy"}),
        stages=frozenset({"pilot", "growth"}), closes_on=date(2027, 3, 31),
        actor_sdgs=frozenset({8, 10, 11}))], TODAY)
    assert match.reasons == [
        Reason(matching.KIND, {"kind": "funding"}),
        Reason(matching.REGION_MUNICIPALITY, {"municipality": UMEA}),
        Reason(matching.SECTOR_TARGETED, {"sector": "social-economy"}),
        Reason(matching.STAGE_TARGETED, {"stage": "pilot"}),
        Reason(matching.OPEN_NOW, {"closes_on": date(2027, 3, 31)}),
        Reason(matching.SHARED_SDGS, {"goals": (8, 10)}),
    ]
    assert match.score == 600 + 20 + 20 + 40 + 2


def test_it_leaves_out_other_kinds():
    assert rank(need(), [offering(1, kind="advice", national=True)], TODAY) == []
    matches = rank(need(kinds=frozenset({"advice", "funding"})),
                   [offering(1, kind="advice", national=True), offering(2, national=True)], TODAY)
    assert ids(matches) == [1, 2]


def test_it_leaves_out_offerings_that_name_only_other_places():
    candidates = [
        offering(1, municipalities=frozenset({VINDELN})),  # same county, other municipality
        offering(2, counties=frozenset({STOCKHOLMS_LAN})),
        # Named places win over the actor's reach: this one is for Stockholm only.
        offering(3, municipalities=frozenset({STOCKHOLM}), actor_serves_national=True),
        offering(4, actor_home_municipality=STOCKHOLM, actor_counties=frozenset({STOCKHOLMS_LAN})),
    ]
    assert rank(need(), candidates, TODAY) == []


def test_it_leaves_out_offerings_for_other_sectors_and_says_when_open_to_all():
    candidates = [
        offering(1, national=True, target_sectors=frozenset({"private", "public"})),
        offering(2, national=True),
        offering(3, national=True, target_sectors=frozenset({"social-economy", "private"})),
    ]
    matches = rank(need(), candidates, TODAY)
    assert ids(matches) == [3, 2]
    assert matching.SECTOR_TARGETED in codes(matches[0])
    assert matching.SECTOR_ANY in codes(matches[1])


def test_it_leaves_out_offerings_for_other_stages_and_ranks_the_stage_match_first():
    candidates = [
        offering(1, national=True, stages=frozenset({"established"})),
        offering(2, national=True),
        offering(3, national=True, stages=frozenset({"pilot"})),
    ]
    matches = rank(need(), candidates, TODAY)
    assert ids(matches) == [3, 2]
    assert matching.STAGE_TARGETED in codes(matches[0])
    assert matching.STAGE_ANY in codes(matches[1])


def test_it_ignores_sector_and_stage_when_the_person_gives_none():
    candidates = [offering(1, national=True, target_sectors=frozenset({"private"}),
                           stages=frozenset({"established"}))]
    [match] = rank(need(sector_slug=None, stage=None), candidates, TODAY)
    assert codes(match) == [matching.KIND, matching.REGION_NATIONAL, matching.OPEN_NOW]


def test_it_puts_open_offerings_before_later_ones_and_drops_closed_ones():
    candidates = [
        offering(1, national=True, opens_on=date(2026, 9, 1), closes_on=date(2026, 12, 31)),
        offering(2, national=True, closes_on=date(2026, 4, 30)),  # closed yesterday
        offering(3, national=True, opens_on=date(2026, 1, 1), closes_on=TODAY),  # last day
        offering(4, national=True, opens_on=TODAY),  # first day
    ]
    matches = rank(need(), candidates, TODAY)
    assert ids(matches) == [3, 4, 1]
    assert matches[0].reasons[-1] == Reason(matching.OPEN_NOW, {"closes_on": TODAY})
    assert matches[1].reasons[-1] == Reason(matching.OPEN_NOW, {"closes_on": None})
    assert matches[2].reasons[-1] == Reason(
        matching.OPENS_LATER, {"opens_on": date(2026, 9, 1), "closes_on": date(2026, 12, 31)})


def test_it_keeps_the_region_first_whatever_the_bonuses():
    """A perfect national offering still comes after a plain one in the person's county."""
    best_national = offering(1, national=True, target_sectors=frozenset({"social-economy"}),
                             stages=frozenset({"pilot"}), actor_sdgs=frozenset({1, 2, 3, 4}))
    plain_county = offering(2, counties=frozenset({VASTERBOTTEN}), opens_on=date(2027, 1, 1))
    matches = rank(need(sdgs=frozenset({1, 2, 3, 4})), [best_national, plain_county], TODAY)
    assert ids(matches) == [2, 1]
    assert matches[1].score == 400 + 20 + 20 + 40 + 3  # the goals bonus stops at 3


def test_it_gives_shared_goals_a_small_lift_within_a_tier():
    candidates = [offering(1, national=True), offering(2, national=True, actor_sdgs=frozenset({5}))]
    matches = rank(need(sdgs=frozenset({5})), candidates, TODAY)
    assert ids(matches) == [2, 1]
    assert matches[0].score - matches[1].score == 1


def test_it_breaks_ties_by_offering_id_whatever_the_input_order():
    candidates = [offering(i, national=True) for i in (9, 3, 5)]
    assert ids(rank(need(), candidates, TODAY)) == [3, 5, 9]
    assert ids(rank(need(), list(reversed(candidates)), TODAY)) == [3, 5, 9]
