"""The "find support" ranking: which offerings fit a person's need, in what order, and why.

Pure Python over plain data (no Django), so the rules are tested directly and
the view only gathers ``Candidate`` rows and turns ``Reason`` codes into
sentences.

Rules, in the order they are applied:

1. **Kind** — the offering's kind must be one of the kinds the person needs.
2. **Open** — an offering whose closing date has passed is left out.
3. **Region** — an offering that names where it is offered (municipalities,
   counties or all of Sweden) matches when it names the person's
   municipality, else their county, else all of Sweden; one that names only
   other places is left out. An offering that names no place is offered
   wherever its actor works: the actor's home municipality and the
   municipalities it serves, the counties it serves, or all of Sweden. No
   regional match at all: left out.
4. **Sector** — an offering limited to certain sectors is left out unless the
   person's sector is one of them; one with no limit is open to all.
5. **Stage** — the same for stages. An offering for other stages is *left
   out*, not ranked down: money for scaling is of no use to someone with an
   idea, and a list that only holds what one may apply for is easier to trust.

When the person gives no sector or no stage, rules 4 or 5 do not apply.

Score (higher first), with the region deciding first and the rest ordering
offerings within the same regional tier:

======================================  ======
offered in the person's municipality       600
offered in the person's county             500
offered in all of Sweden                   400
actor works in the person's municipality   300
actor works in the person's county         200
actor works in all of Sweden               100
open now (rather than opening later)        40
meant for the person's sector               20
meant for the person's stage                20
each global goal shared with the actor       1 (at most 3)
======================================  ======

The bonuses add up to at most 83, below the 100 between two regional tiers.
Ties are broken by offering id, so the same input always gives the same list.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

# Reason codes: the view turns each into a sentence (params are codes and dates, not text).
KIND = "kind"
REGION_MUNICIPALITY = "region_municipality"
REGION_COUNTY = "region_county"
REGION_NATIONAL = "region_national"
ACTOR_MUNICIPALITY = "actor_municipality"
ACTOR_COUNTY = "actor_county"
ACTOR_NATIONAL = "actor_national"
SECTOR_TARGETED = "sector_targeted"
SECTOR_ANY = "sector_any"
STAGE_TARGETED = "stage_targeted"
STAGE_ANY = "stage_any"
OPEN_NOW = "open_now"
OPENS_LATER = "opens_later"
SHARED_SDGS = "shared_sdgs"

REGION_SCORES = {
    REGION_MUNICIPALITY: 600,
    REGION_COUNTY: 500,
    REGION_NATIONAL: 400,
    ACTOR_MUNICIPALITY: 300,
    ACTOR_COUNTY: 200,
    ACTOR_NATIONAL: 100,
}
OPEN_NOW_BONUS = 40
SECTOR_BONUS = 20
STAGE_BONUS = 20
SDG_BONUS = 1
SDG_BONUS_MAX = 3


@dataclass(frozen=True)
class Need:
    """What the person asked for. Codes, not objects: kinds are OfferingKind values."""

    kinds: frozenset[str]
    municipality_code: str
    county_code: str
    sector_slug: str | None = None
    stage: str | None = None
    sdgs: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Candidate:
    """One offering with what the ranking needs to know about it and its actor."""

    offering_id: int
    kind: str
    stages: frozenset[str] = frozenset()  # empty: every stage
    target_sectors: frozenset[str] = frozenset()  # sector slugs; empty: every sector
    municipalities: frozenset[str] = frozenset()  # where it is offered (codes)
    counties: frozenset[str] = frozenset()
    national: bool = False
    opens_on: date | None = None
    closes_on: date | None = None
    actor_home_municipality: str | None = None
    actor_municipalities: frozenset[str] = frozenset()
    actor_counties: frozenset[str] = frozenset()
    actor_serves_national: bool = False
    actor_sdgs: frozenset[int] = frozenset()

    @property
    def names_a_place(self) -> bool:
        return bool(self.municipalities or self.counties or self.national)


@dataclass(frozen=True)
class Reason:
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Match:
    offering_id: int
    score: int
    reasons: list[Reason]


def region_reason(need: Need, candidate: Candidate) -> Reason | None:
    """The best regional match, or None when the offering is not offered where the person is."""
    if candidate.names_a_place:
        if need.municipality_code in candidate.municipalities:
            return Reason(REGION_MUNICIPALITY, {"municipality": need.municipality_code})
        if need.county_code in candidate.counties:
            return Reason(REGION_COUNTY, {"county": need.county_code})
        if candidate.national:
            return Reason(REGION_NATIONAL)
        return None
    if (need.municipality_code == candidate.actor_home_municipality
            or need.municipality_code in candidate.actor_municipalities):
        return Reason(ACTOR_MUNICIPALITY, {"municipality": need.municipality_code})
    if need.county_code in candidate.actor_counties:
        return Reason(ACTOR_COUNTY, {"county": need.county_code})
    if candidate.actor_serves_national:
        return Reason(ACTOR_NATIONAL)
    return None


def match(need: Need, candidate: Candidate, today: date) -> Match | None:
    """Score one offering against the need; None when a rule leaves it out."""
    if candidate.kind not in need.kinds:
        return None
    if candidate.closes_on is not None and candidate.closes_on < today:
        return None
    region = region_reason(need, candidate)
    if region is None:
        return None
    reasons = [Reason(KIND, {"kind": candidate.kind}), region]
    score = REGION_SCORES[region.code]

    if need.sector_slug is not None:
        if not candidate.target_sectors:
            reasons.append(Reason(SECTOR_ANY))
        elif need.sector_slug in candidate.target_sectors:
            reasons.append(Reason(SECTOR_TARGETED, {"sector": need.sector_slug}))
            score += SECTOR_BONUS
        else:
            return None

    if need.stage is not None:
        if not candidate.stages:
            reasons.append(Reason(STAGE_ANY))
        elif need.stage in candidate.stages:
            reasons.append(Reason(STAGE_TARGETED, {"stage": need.stage}))
            score += STAGE_BONUS
        else:
            return None

    if candidate.opens_on is not None and candidate.opens_on > today:
        reasons.append(Reason(OPENS_LATER, {"opens_on": candidate.opens_on,
                                            "closes_on": candidate.closes_on}))
    else:
        reasons.append(Reason(OPEN_NOW, {"closes_on": candidate.closes_on}))
        score += OPEN_NOW_BONUS

    shared = sorted(need.sdgs & candidate.actor_sdgs)
    if shared:
        reasons.append(Reason(SHARED_SDGS, {"goals": tuple(shared)}))
        score += min(len(shared) * SDG_BONUS, SDG_BONUS_MAX)

    return Match(offering_id=candidate.offering_id, score=score, reasons=reasons)


def rank(need: Need, candidates: Iterable[Candidate], today: date) -> list[Match]:
    """The matching offerings, best first; equal scores in offering-id order."""
    matches = [m for c in candidates if (m := match(need, c, today)) is not None]
    matches.sort(key=lambda m: (-m.score, m.offering_id))
    return matches
