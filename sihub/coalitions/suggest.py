"""Member suggestions: which ecosystem actors fit a coalition's challenge, in what order, and why.

Pure Python and numpy over plain data (no Django), so the rules are tested
directly on small known cases; the Django layer gathers ``Challenge`` and
``Candidate`` rows, calls ``rank`` and turns each ``Reason`` code into a
translated sentence (``Reason.message`` is an English fallback for logs, the
API and tests).

A candidate's score is a weighted sum of components, each between 0 and 1:

==================  ======  ====================================================
component           weight  value
==================  ======  ====================================================
``semantic``         0.30   cosine (clipped at 0) between the challenge text and
                            the candidate's description + offerings, in one
                            Swedish/English vector space
``sdg_overlap``      0.20   Jaccard of the goals; when the challenge names
                            targets: 0.6 × goals + 0.4 × share of its targets
                            the candidate names
``region``           0.15   1.0 same municipality, 0.7 same county, 0.4 serves
                            all of Sweden, else 0
``offerings``        0.15   share of the needed offering kinds it offers
``relations``        0.10   related members, saturating: min(k, 3) / 3
``missing_sector``   0.10   1 when its sector is one the coalition lacks
``dominant_sector`` −0.05   1 when its sector already holds > 50 % of members
==================  ======  ====================================================

The last two are the sector balance: with ``prefer_missing_sectors=False``
neither applies and the order is by fit alone. A candidate with no fit at
all (every component but the sector ones 0) is not suggested; nor are
existing members. Equal scores are ordered by name, then id, so the same
input always gives the same list. The README beside this file says more.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sihub.sdg.classifier.multilingual import (  # noqa: F401 - MultilingualEmbedder re-exported
    MultilingualEmbedder,
    default_embedder,
    unit_rows,
)

# The balance sectors of the issue (companies, public sector, academia, civil
# society), as the slugs of sihub.core.services.SECTORS (copied: this module
# imports no Django). "social-economy" is a sector of its own there: it counts
# toward the member total but is not one a coalition must have.
BALANCE_SECTORS: tuple[str, ...] = ("private", "public", "academia", "civil-society")
DOMINANT_SHARE = 0.5  # a sector holding more than this share of members dominates

# Reason codes: the Django layer turns each into a translated sentence.
SEMANTIC = "semantic"
SDG_OVERLAP = "sdg_overlap"
REGION_MUNICIPALITY = "region_municipality"
REGION_COUNTY = "region_county"
REGION_NATIONAL = "region_national"
OFFERINGS = "offerings"
RELATIONS = "relations"
MISSING_SECTOR = "missing_sector"
DOMINANT_SECTOR = "dominant_sector"

FIT_COMPONENTS = ("semantic", "sdg_overlap", "region", "offerings", "relations")
SECTOR_COMPONENTS = ("missing_sector", "dominant_sector")
PENALTIES = frozenset({"dominant_sector"})  # subtracted, not added
_ORDER = {n: i for i, n in enumerate(FIT_COMPONENTS + SECTOR_COMPONENTS)}

DEFAULT_WEIGHTS: Mapping[str, float] = {
    "semantic": 0.30,
    "sdg_overlap": 0.20,
    "region": 0.15,
    "offerings": 0.15,
    "relations": 0.10,
    "missing_sector": 0.10,
    "dominant_sector": 0.05,
}

REGION_SCORES = {REGION_MUNICIPALITY: 1.0, REGION_COUNTY: 0.7, REGION_NATIONAL: 0.4}
GOAL_SHARE = 0.6  # of sdg_overlap when the challenge names targets; the rest is targets
RELATIONS_SATURATE = 3  # related to this many members counts as fully related
SEMANTIC_REASON_MIN = 0.2  # below this similarity the text is not given as a reason

Embed = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class Challenge:
    """The coalition's challenge and who is already in it.

    Sets may be ``set`` or ``frozenset``; nothing here changes them.

    Region codes are the Swedish ones of sihub.core (county "24", municipality
    "2480"); a municipality's county is its first two digits.
    ``region_names`` (code → name) only makes the English messages readable.
    """

    text: str
    sdgs: AbstractSet[int] = frozenset()
    targets: AbstractSet[str] = frozenset()  # "8.6", "10.2"
    county_codes: AbstractSet[str] = frozenset()
    municipality_codes: AbstractSet[str] = frozenset()
    needed_offering_kinds: AbstractSet[str] = frozenset()  # OfferingKind values
    member_ids: AbstractSet[int] = frozenset()
    member_sectors: Mapping[str, int] = field(default_factory=dict)  # sector slug → members
    region_names: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Candidate:
    """An ecosystem actor as the ranking sees it."""

    id: int
    name: str
    sector: str  # sector slug
    description: str = ""
    offering_kinds: AbstractSet[str] = frozenset()
    offering_texts: Sequence[str] = ()  # titles and descriptions, either language
    sdgs: AbstractSet[int] = frozenset()
    targets: AbstractSet[str] = frozenset()
    county_codes: AbstractSet[str] = frozenset()  # counties served
    municipality_codes: AbstractSet[str] = frozenset()  # home and served municipalities
    serves_national: bool = False
    related_ids: AbstractSet[int] = frozenset()  # actors it has a relation with, either way

    @property
    def text(self) -> str:
        return "\n".join(t for t in (self.description, *self.offering_texts) if t.strip())


@dataclass(frozen=True)
class Reason:
    """Why a candidate ranks where it does: a code, its numbers, an English fallback."""

    code: str
    params: Mapping[str, Any]
    message: str


@dataclass(frozen=True)
class Suggestion:
    candidate_id: int
    score: float
    components: dict[str, float]
    reasons: list[Reason]


@dataclass(frozen=True)
class SectorMix:
    """The coalition's sector balance: also what the balance warning shows."""

    total: int
    missing: tuple[str, ...]  # balance sectors with no member, in BALANCE_SECTORS order
    dominant: str | None  # the sector holding more than half the members, if any


def sector_mix(member_sectors: Mapping[str, int],
               sectors: Sequence[str] = BALANCE_SECTORS) -> SectorMix:
    total = sum(n for n in member_sectors.values() if n > 0)
    missing = tuple(s for s in sectors if member_sectors.get(s, 0) <= 0)
    dominant = next((s for s, n in sorted(member_sectors.items())
                     if total and n / total > DOMINANT_SHARE), None)
    return SectorMix(total=total, missing=missing, dominant=dominant)


# ---------------------------------------------------------------------------
# Semantic similarity


def semantic_similarities(challenge_text: str, texts: Sequence[str],
                          embed: Embed | None = None) -> np.ndarray:
    """Cosine of each text to the challenge, clipped to 0–1; one embed call for all."""
    sims = np.zeros(len(texts), dtype=np.float64)
    present = [i for i, t in enumerate(texts) if t.strip()]
    if not challenge_text.strip() or not present:
        return sims
    embed = embed or default_embedder()
    m = np.asarray(embed([challenge_text] + [texts[i] for i in present]), dtype=np.float64)
    m = unit_rows(m)
    cos = m[1:] @ m[0]
    sims[present] = np.clip(cos, 0.0, 1.0)
    return sims


# ---------------------------------------------------------------------------
# Components


def _goal_of(target: str) -> int | None:
    head = target.split(".", 1)[0]
    return int(head) if head.isdigit() else None


def _target_order(code: str) -> tuple[tuple[int, str], ...]:
    """"8.6" before "8.10" before "8.a" (the UN's order)."""
    return tuple((int(p), "") if p.isdigit() else (10**6, p) for p in code.split("."))


def _goals(sdgs: Iterable[int], targets: Iterable[str]) -> set[int]:
    """Goals named directly or through one of their targets ("8.6" names goal 8)."""
    return set(sdgs) | {g for t in targets if (g := _goal_of(t)) is not None}


def _and_list(items: Sequence[Any]) -> str:
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def sdg_component(challenge: Challenge, candidate: Candidate) -> tuple[float, Reason | None]:
    goals_c = _goals(challenge.sdgs, challenge.targets)
    goals_k = _goals(candidate.sdgs, candidate.targets)
    shared = sorted(goals_c & goals_k)
    union = goals_c | goals_k
    jaccard = len(shared) / len(union) if union else 0.0
    shared_targets = sorted(challenge.targets & candidate.targets, key=_target_order)
    if challenge.targets:
        target_share = len(shared_targets) / len(challenge.targets)
        value = GOAL_SHARE * jaccard + (1 - GOAL_SHARE) * target_share
    else:
        value = jaccard
    if not shared:
        return value, None
    message = f"Shares SDG{'s' if len(shared) > 1 else ''} {_and_list(shared)}"
    if shared_targets:
        message += f" (target{'s' if len(shared_targets) > 1 else ''} {_and_list(shared_targets)})"
    return value, Reason(SDG_OVERLAP, {"goals": tuple(shared), "targets": tuple(shared_targets),
                                       "jaccard": round(jaccard, 3)}, message)


def region_component(challenge: Challenge, candidate: Candidate) -> tuple[float, Reason | None]:
    names = challenge.region_names
    shared_m = sorted(challenge.municipality_codes & candidate.municipality_codes)
    if shared_m:
        code = shared_m[0]
        return REGION_SCORES[REGION_MUNICIPALITY], Reason(
            REGION_MUNICIPALITY, {"municipality": code}, f"Works in {names.get(code, code)}")
    counties_c = set(challenge.county_codes) | {m[:2] for m in challenge.municipality_codes}
    counties_k = set(candidate.county_codes) | {m[:2] for m in candidate.municipality_codes}
    shared_c = sorted(counties_c & counties_k)
    if shared_c:
        code = shared_c[0]
        return REGION_SCORES[REGION_COUNTY], Reason(
            REGION_COUNTY, {"county": code}, f"Works in {names.get(code, code)}")
    if counties_c and candidate.serves_national:
        return REGION_SCORES[REGION_NATIONAL], Reason(
            REGION_NATIONAL, {}, "Works in all of Sweden")
    return 0.0, None


def offerings_component(challenge: Challenge, candidate: Candidate) -> tuple[float, Reason | None]:
    needed = challenge.needed_offering_kinds
    offered = sorted(needed & candidate.offering_kinds)
    if not needed or not offered:
        return 0.0, None
    label = _and_list([k.replace("_", " ") for k in offered])
    return len(offered) / len(needed), Reason(
        OFFERINGS, {"kinds": tuple(offered)}, f"Offers {label}, which the challenge needs")


def relations_component(challenge: Challenge, candidate: Candidate) -> tuple[float, Reason | None]:
    related = sorted(candidate.related_ids & challenge.member_ids)
    if not related:
        return 0.0, None
    k = len(related)
    return min(k, RELATIONS_SATURATE) / RELATIONS_SATURATE, Reason(
        RELATIONS, {"count": k, "member_ids": tuple(related)},
        f"Related to {k} member{'s' if k > 1 else ''}")


def semantic_reason(similarity: float) -> Reason | None:
    if similarity < SEMANTIC_REASON_MIN:
        return None
    return Reason(SEMANTIC, {"similarity": round(similarity, 3)},
                  f"Describes work close to the challenge (similarity {similarity:.2f})")


# ---------------------------------------------------------------------------
# Ranking


def rank(challenge: Challenge, candidates: Iterable[Candidate], *,
         weights: Mapping[str, float] = DEFAULT_WEIGHTS,
         prefer_missing_sectors: bool = True,
         limit: int | None = 20,
         embed: Embed | None = None,
         sectors: Sequence[str] = BALANCE_SECTORS) -> list[Suggestion]:
    """The best-fitting non-members, best first, each with its components and reasons.

    ``weights`` may name only some components (the rest keep their default);
    ``embed`` turns texts into vectors (rows), defaulting to the classifier's
    multilingual word vectors; ``limit=None`` returns every suggestion.
    """
    unknown = set(weights) - set(DEFAULT_WEIGHTS)
    if unknown:
        raise ValueError(f"unknown weight(s): {', '.join(sorted(unknown))}")
    w = {**DEFAULT_WEIGHTS, **weights}
    pool = [c for c in candidates if c.id not in challenge.member_ids]
    if not pool:
        return []
    sims = semantic_similarities(challenge.text, [c.text for c in pool], embed)
    mix = sector_mix(challenge.member_sectors, sectors)

    scored: list[tuple[float, str, int, Suggestion]] = []
    for candidate, sim in zip(pool, sims, strict=True):
        components: dict[str, float] = {"semantic": float(sim)}
        found: dict[str, Reason | None] = {"semantic": semantic_reason(float(sim))}
        for name, fn in (("sdg_overlap", sdg_component), ("region", region_component),
                         ("offerings", offerings_component), ("relations", relations_component)):
            components[name], found[name] = fn(challenge, candidate)
        if all(components[n] <= 0.0 for n in FIT_COMPONENTS):
            continue  # nothing but its sector speaks for it
        components["missing_sector"] = components["dominant_sector"] = 0.0
        if prefer_missing_sectors and candidate.sector in mix.missing:
            components["missing_sector"] = 1.0
            found["missing_sector"] = Reason(
                MISSING_SECTOR, {"sector": candidate.sector},
                f"From the {candidate.sector} sector, which the coalition lacks")
        if prefer_missing_sectors and candidate.sector == mix.dominant:
            components["dominant_sector"] = 1.0
            found["dominant_sector"] = Reason(
                DOMINANT_SECTOR, {"sector": candidate.sector,
                                  "share": round(challenge.member_sectors[candidate.sector]
                                                 / mix.total, 3)},
                f"From the {candidate.sector} sector, which already dominates the coalition")

        contribution = {n: (-1 if n in PENALTIES else 1) * w[n] * v for n, v in components.items()}
        score = math.fsum(contribution.values())
        # Strongest reasons first; a penalty is listed last; equal ones in the table's order.
        reasons = [r for n in sorted(found, key=lambda n: (-contribution[n], _ORDER[n]))
                   if (r := found[n]) is not None]
        suggestion = Suggestion(candidate_id=candidate.id, score=round(score, 6),
                                components={n: round(v, 6) for n, v in components.items()},
                                reasons=reasons)
        scored.append((-suggestion.score, candidate.name.casefold(), candidate.id, suggestion))

    scored.sort(key=lambda row: row[:3])
    out = [row[3] for row in scored]
    return out if limit is None else out[:limit]
