"""Member suggestions from the database: rows in, ``suggest.rank``, translated reasons out.

``suggest.py`` knows nothing of Django; this module gathers its plain
``Challenge`` (from the coalition) and ``Candidate`` rows (from the published
actors), in a fixed number of queries however many actors there are (the
prefetches below; ``tests/test_suggest_views.py`` counts them), and turns each
``Reason`` code into a sentence in the active language. ``Reason.message``
is the English fallback for a code this module does not know yet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sihub.actors.models import Actor, OfferingKind, Relation
from sihub.coalitions import suggest
from sihub.coalitions.models import Coalition, CoalitionMember, MemberStatus
from sihub.core.models import County, Sector

Embed = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class SuggestionRow:
    """One suggested actor as a page or the API shows it."""

    actor: Actor
    score: float  # the ranking's score, about 0–1
    reasons: tuple[str, ...]  # translated, strongest first
    codes: tuple[str, ...]  # the reasons' codes, same order

    @property
    def percent(self) -> int:
        return max(0, min(100, round(self.score * 100)))

    @property
    def bar_width(self) -> str:
        """The score bar's width in percent, as a plain string (no localised decimals in SVG)."""
        return str(self.percent)


@dataclass
class _Context:
    """What reason sentences need beyond the reason itself: names by id or code."""

    places: dict[str, str]  # county or municipality code → name
    member_names: dict[int, str]  # actor id → name
    sector_names: dict[str, str]  # sector slug → name (active language)


# --- Gathering ----------------------------------------------------------------------------


def _text(*parts: str) -> str:
    return "\n".join(p for p in parts if p and p.strip())


def challenge_for(coalition: Coalition) -> tuple[suggest.Challenge, dict[int, str]]:
    """The coalition as the ranking sees it, and the names of its active members.

    Only active members count toward the sector mix (as in ``balance.py``)
    and toward relations; the caller excludes every actor with a membership
    row (invited, declined, left too) from the candidates.
    """
    municipalities = list(coalition.municipalities.select_related("county"))
    active = list(CoalitionMember.objects.filter(coalition=coalition, status=MemberStatus.ACTIVE)
                  .select_related("actor__sector"))
    sectors: dict[str, int] = defaultdict(int)
    for m in active:
        sectors[m.actor.sector.slug] += 1
    names = {c.code: c.name for c in County.objects.all()}
    names.update({m.code: m.name for m in municipalities})
    challenge = suggest.Challenge(
        text=_text(coalition.challenge, coalition.vision, coalition.goals),
        sdgs=frozenset(coalition.sdgs.values_list("number", flat=True)),
        targets=frozenset(coalition.targets.values_list("code", flat=True)),
        county_codes=frozenset(coalition.counties.values_list("code", flat=True)),
        municipality_codes=frozenset(m.code for m in municipalities),
        needed_offering_kinds=frozenset(coalition.needed_offering_kinds or ()),
        member_ids=frozenset(m.actor_id for m in active),
        member_sectors=dict(sectors),
        region_names=names,
    )
    return challenge, {m.actor_id: m.actor.name for m in active}


def candidate_actors(*, exclude_ids: Sequence[int] = (), sector: str | None = None) -> list[Actor]:
    """Published actors with everything a ``Candidate`` needs, in six queries."""
    actors = (Actor.objects.published().exclude(pk__in=list(exclude_ids))
              .select_related("sector", "home_municipality")
              .prefetch_related("offerings", "sdgs", "sdg_targets", "counties", "municipalities"))
    if sector:
        actors = actors.filter(sector__slug=sector)
    return list(actors.order_by("name", "pk"))


def related_ids(member_ids: Sequence[int]) -> dict[int, set[int]]:
    """Actor id → the members it has a current relation with, either direction (one query).

    Only relations touching a member matter to the ranking, so only those are read.
    """
    if not member_ids:
        return {}
    today = timezone.localdate()
    rows = (Relation.objects.filter(Q(source_actor_id__in=member_ids)
                                    | Q(target_actor_id__in=member_ids))
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
            .values_list("source_actor_id", "target_actor_id"))
    members = set(member_ids)
    out: dict[int, set[int]] = defaultdict(set)
    for source, target in rows:
        if target in members:
            out[source].add(target)
        if source in members:
            out[target].add(source)
    return out


def candidate_for(actor: Actor, related: set[int]) -> suggest.Candidate:
    """One actor from prefetched rows (``.all()`` reads the prefetch, no query)."""
    offerings = list(actor.offerings.all())
    municipalities = {m.code for m in actor.municipalities.all()}
    if actor.home_municipality is not None:
        municipalities.add(actor.home_municipality.code)
    return suggest.Candidate(
        id=actor.pk, name=actor.name, sector=actor.sector.slug,
        description=_text(actor.description_sv, actor.description_en),
        offering_kinds=frozenset(o.kind for o in offerings),
        offering_texts=tuple(_text(o.title_sv, o.title_en, o.description_sv, o.description_en)
                             for o in offerings),
        sdgs=frozenset(g.number for g in actor.sdgs.all()),
        targets=frozenset(t.code for t in actor.sdg_targets.all()),
        county_codes=frozenset(c.code for c in actor.counties.all()),
        municipality_codes=frozenset(municipalities),
        serves_national=actor.serves_national,
        related_ids=frozenset(related),
    )


def suggestions_for(coalition: Coalition, *, prefer_missing_sectors: bool = True,
                    sector: str | None = None, limit: int = 20,
                    embed: Embed | None = None) -> list[SuggestionRow]:
    """The best-fitting actors for ``coalition``, best first, with translated reasons.

    Access is the caller's to check (the view asks for the workspace).
    """
    challenge, member_names = challenge_for(coalition)
    exclude = list(CoalitionMember.objects.filter(coalition=coalition)
                   .values_list("actor_id", flat=True))
    actors = candidate_actors(exclude_ids=exclude, sector=sector)
    related = related_ids(sorted(challenge.member_ids))
    by_id = {a.pk: a for a in actors}
    ranked = suggest.rank(challenge, [candidate_for(a, related.get(a.pk, set())) for a in actors],
                          prefer_missing_sectors=prefer_missing_sectors, limit=limit,
                          embed=embed)
    context = _Context(places=dict(challenge.region_names), member_names=member_names,
                       sector_names={s.slug: s.name for s in Sector.objects.all()})
    return [SuggestionRow(actor=by_id[s.candidate_id], score=s.score,
                          reasons=tuple(reason_text(r, context) for r in s.reasons),
                          codes=tuple(r.code for r in s.reasons))
            for s in ranked]


# --- Reasons in words ---------------------------------------------------------------------


def _and_list(items: Sequence[str]) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _sector(context: _Context, slug: str) -> str:
    return _lower_first(context.sector_names.get(slug, slug))


def reason_text(reason: suggest.Reason, context: _Context | None = None) -> str:
    """``reason`` as a sentence in the active language; its English message if the code is new."""
    context = context or _Context(places={}, member_names={}, sector_names={})
    p: dict[str, Any] = dict(reason.params)
    code = reason.code
    if code == suggest.SEMANTIC:
        return _("Describes work close to the challenge (similarity %(similarity)s)") % {
            "similarity": number_format(p["similarity"], 2)}
    if code == suggest.SDG_OVERLAP:
        goals, targets = list(p.get("goals", ())), list(p.get("targets", ()))
        text = ngettext("Shares global goal %(goals)s", "Shares global goals %(goals)s",
                        len(goals)) % {"goals": _and_list([str(g) for g in goals])}
        if targets:
            text = _("%(goals_text)s (%(targets_text)s)") % {
                "goals_text": text,
                "targets_text": ngettext("target %(targets)s", "targets %(targets)s",
                                         len(targets)) % {"targets": _and_list(targets)}}
        return text
    if code == suggest.REGION_MUNICIPALITY:
        place = p.get("municipality", "")
        return _("Works in %(place)s") % {"place": context.places.get(place, place)}
    if code == suggest.REGION_COUNTY:
        place = p.get("county", "")
        return _("Works in %(place)s") % {"place": context.places.get(place, place)}
    if code == suggest.REGION_NATIONAL:
        return _("Works in all of Sweden")
    if code == suggest.OFFERINGS:
        labels = dict(OfferingKind.choices)
        # Quoted: a label may itself hold "and" ("procurement and partnership").
        kinds = [_("“%(kind)s”") % {"kind": _lower_first(str(labels.get(k, k)))}
                 for k in p.get("kinds", ())]
        return _("Offers %(kinds)s, which the challenge needs") % {"kinds": _and_list(kinds)}
    if code == suggest.RELATIONS:
        count = int(p.get("count", 0))
        names = [context.member_names[i] for i in p.get("member_ids", ())
                 if i in context.member_names]
        if names:
            return ngettext("Related to %(count)d member: %(names)s",
                            "Related to %(count)d members: %(names)s", count) % {
                "count": count, "names": _and_list(names)}
        return ngettext("Related to %(count)d member", "Related to %(count)d members",
                        count) % {"count": count}
    if code == suggest.MISSING_SECTOR:
        return _("From %(sector)s, which the coalition lacks") % {
            "sector": _sector(context, p.get("sector", ""))}
    if code == suggest.DOMINANT_SECTOR:
        return _("From %(sector)s, which already makes up %(percent)s %% of the members") % {
            "sector": _sector(context, p.get("sector", "")),
            "percent": round(float(p.get("share", 0)) * 100)}
    return reason.message
