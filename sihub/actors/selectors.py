"""Reads of actors for the directory, profiles, "find support", the API and exports.

Published data only: every public read starts from ``published_actors()``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from sihub.actors import matching
from sihub.actors.graph import LinkedItem, linked_content
from sihub.actors.models import (
    SYMMETRIC_RELATIONS,
    Actor,
    ActorKind,
    Offering,
    OfferingKind,
    Relation,
    RelationKind,
)
from sihub.core import facets as facet_lib
from sihub.core.facets import Facet, FacetResult, Option

DIRECTORY_PER_PAGE = 24
REGION_PARAM = "region"


def _serves_counties(codes: Sequence[Any]) -> Q:
    return (Q(counties__code__in=codes) | Q(municipalities__county__code__in=codes)
            | Q(home_municipality__county__code__in=codes) | Q(serves_national=True))


def _once(load: Callable[[], Iterable[tuple[Any, str]]]) -> Callable[[], list[tuple[Any, str]]]:
    """Options read once per ``actor_facets()`` call: filtering and counting ask several times."""
    loaded: list[list[tuple[Any, str]]] = []

    def options() -> list[tuple[Any, str]]:
        if not loaded:
            loaded.append(list(load()))
        return loaded[0]

    return options


def actor_facets() -> list[Facet]:
    """The directory's filters; the API and the exports filter the same way.

    Call it once per request: the options are loaded once per call (and their
    labels are in the language active at the time).
    """
    from sihub.core.models import County, Sector, Theme
    from sihub.sdg.models import Goal

    return [
        Facet("sector", _("Sector"), "sector__slug",
              _once(lambda: [(s.slug, s.name) for s in Sector.objects.all()])),
        Facet("type", _("Type"), "kind", lambda: list(ActorKind.choices)),
        Facet(REGION_PARAM, _("Region served"), "counties__code",
              _once(lambda: [(c.code, c.name) for c in County.objects.all()]),
              condition=_serves_counties),
        Facet("offering", _("Offers"), "offerings__kind", lambda: list(OfferingKind.choices)),
        Facet("sdg", _("Global goal"), "sdgs__number",
              _once(lambda: [(g.number, f"{g.number}. {g.title}") for g in Goal.objects.all()]),
              cast=int),
        Facet("theme", _("Theme"), "themes__slug",
              _once(lambda: [(t.slug, t.name) for t in Theme.objects.all()])),
    ]


def published_actors() -> QuerySet[Actor]:
    return Actor.objects.published()


def searched_actors(params: Mapping[str, Any]) -> QuerySet[Actor]:
    """Published actors whose name contains ``q`` (or whose organisation number is ``q``)."""
    queryset = published_actors()
    q = (params.get("q") or "").strip()
    if q:
        # SQLite's LIKE folds ASCII letters only, so "UMEÅ" would miss "Umeå":
        # also try the lower-case, upper-case and capitalised spellings.
        spellings = {q, q.lower(), q.upper(), q.capitalize(), q.title()}
        by_name = Q()
        for spelling in spellings:
            by_name |= Q(name__icontains=spelling)
        queryset = queryset.filter(by_name | Q(org_number=q))
    return queryset


def filtered_actors(params: Mapping[str, Any]) -> QuerySet[Actor]:
    """Published actors matching the directory's filters in ``params`` and its name search ``q``."""
    return facet_lib.apply(searched_actors(params), actor_facets(), params)


def actor_facet_counts(base: QuerySet[Actor], facets: Sequence[Facet],
                       params: Mapping[str, Any]) -> list[FacetResult]:
    """``facets.counts``, with the region facet counted the way it filters.

    The region facet filters by a condition (served counties, served
    municipalities' counties, the home county, or all of Sweden), while the
    generic counter only sees the ``counties__code`` lookup; a count that
    disagreed with the number of results after ticking the box would mislead.
    """
    results = facet_lib.counts(base, facets, params)
    for index, result in enumerate(results):
        if result.facet.param == REGION_PARAM:
            results[index] = _region_counts(base, facets, result.facet, params)
    return results


def _region_counts(base: QuerySet[Actor], facets: Sequence[Facet], facet: Facet,
                   params: Mapping[str, Any]) -> FacetResult:
    others = facet_lib.apply(base, facets, params, skip=facet).order_by()
    by_county: dict[str, set[int]] = defaultdict(set)
    for lookup in ("counties__code", "municipalities__county__code",
                   "home_municipality__county__code"):
        for pk, code in others.filter(**{f"{lookup}__isnull": False}).values_list(
                "pk", lookup).distinct():
            by_county[code].add(pk)
    national = set(others.filter(serves_national=True).values_list("pk", flat=True))
    chosen = set(facet.selected(params))
    result = FacetResult(facet)
    for value, label in facet.options():
        n = len(by_county.get(value, set()) | national)
        if n or value in chosen:
            result.options.append(Option(value, label, n, value in chosen))
    return result


# --- Directory ----------------------------------------------------------------

SORTS: dict[str, tuple[tuple[str, ...], Any]] = {
    "name": (("name", "pk"), _("Name A–Ö")),
    "newest": (("-created_at", "-pk"), _("Newest first")),
}
DEFAULT_SORT = "name"


@dataclass(frozen=True)
class ActorCard:
    """One directory result: the actor and the kinds of support it offers."""

    actor: Actor
    offering_kinds: list[tuple[str, str]]  # (value, label) in OfferingKind order


@dataclass
class Directory:
    page: Page
    cards: list[ActorCard]
    facet_results: list[FacetResult]
    sort: str
    any_filter: bool


def directory(params: Mapping[str, Any], *, with_counts: bool = True) -> Directory:
    """One page of the directory for ``params`` (q, facets, sort, page).

    Like ``core.listing``: ids are sorted and paginated, then whole rows are
    loaded for one page only, with what the cards show.
    """
    facets = actor_facets()
    base = searched_actors(params)
    filtered = facet_lib.apply(base, facets, params)
    sort = params.get("sort") or DEFAULT_SORT
    if sort not in SORTS:
        sort = DEFAULT_SORT
    ordered = filtered.order_by(*SORTS[sort][0])
    page = Paginator(ordered.values_list("pk", flat=True), DIRECTORY_PER_PAGE).get_page(
        params.get("page"))
    ids = list(page.object_list)
    rows = {a.pk: a for a in Actor.objects.filter(pk__in=ids).select_related(
        "sector", "home_municipality__county")}
    actors = [rows[pk] for pk in ids if pk in rows]
    prefetch_related_objects(actors, "sdgs")
    kinds: dict[int, set[str]] = defaultdict(set)
    for actor_id, kind in Offering.objects.filter(actor_id__in=ids).order_by().values_list(
            "actor_id", "kind").distinct():
        kinds[actor_id].add(kind)
    cards = [
        ActorCard(actor, [(v, label) for v, label in OfferingKind.choices if v in kinds[actor.pk]])
        for actor in actors
    ]
    page.object_list = cards
    return Directory(
        page=page,
        cards=cards,
        facet_results=actor_facet_counts(base, facets, params) if with_counts else [],
        sort=sort,
        any_filter=bool((params.get("q") or "").strip())
        or any(f.selected(params) for f in facets),
    )


def sort_options() -> list[tuple[str, Any]]:
    return [(key, label) for key, (_order, label) in SORTS.items()]


# --- Profile ------------------------------------------------------------------


def get_published_actor(slug: str) -> Actor:
    """The published actor with ``slug``, or 404 (an unpublished one is not there at all)."""
    actor = (published_actors().select_related("sector", "home_municipality__county", "logo")
             .filter(slug=slug).first())
    if actor is None:
        raise Http404("No such actor")
    return actor


# How a relation reads from the target's side ("X funds Y" → Y "is funded by" X).
INVERSE_LABELS = {
    RelationKind.PARTNER: _("Partner of"),
    RelationKind.FUNDS: _("Funded by"),
    RelationKind.MEMBER_OF: _("Has as member"),
    RelationKind.OWNS: _("Owned by"),
    RelationKind.COLLABORATES: _("Collaborates with"),
}


@dataclass(frozen=True)
class RelationLine:
    label: Any  # lazy translation, e.g. "Funded by"
    other: Actor
    started_on: date | None
    ended_on: date | None
    is_current: bool
    source: str


@dataclass
class RelationGroup:
    label: Any
    lines: list[RelationLine] = field(default_factory=list)


def actor_relations(actor: Actor) -> list[RelationGroup]:
    """The actor's relations both ways, to published actors only, grouped by how they read.

    A symmetric relation recorded in both directions is shown once.
    """
    relations = (
        Relation.objects.filter(Q(source_actor=actor) | Q(target_actor=actor))
        .filter(source_actor__is_published=True, target_actor__is_published=True)
        .select_related("source_actor", "target_actor").order_by("kind", "pk")
    )
    outgoing_labels = dict(RelationKind.choices)
    lines: list[tuple[int, RelationLine]] = []
    seen: set[tuple[str, int]] = set()
    order = {kind: i for i, kind in enumerate(RelationKind.values)}
    for relation in relations:
        outgoing = relation.source_actor_id == actor.pk
        other = relation.target_actor if outgoing else relation.source_actor
        symmetric = relation.kind in SYMMETRIC_RELATIONS
        direction = "both" if symmetric else ("out" if outgoing else "in")
        key = (f"{relation.kind}:{direction}", other.pk)
        if key in seen:
            continue
        seen.add(key)
        label = (outgoing_labels[relation.kind] if outgoing or symmetric
                 else INVERSE_LABELS[RelationKind(relation.kind)])
        # Outgoing first within a kind, so "Funds" comes before "Funded by".
        rank = order.get(relation.kind, 99) * 2 + (0 if outgoing or symmetric else 1)
        lines.append((rank, RelationLine(label, other, relation.started_on, relation.ended_on,
                                         relation.is_current, relation.source)))
    lines.sort(key=lambda item: (item[0], not item[1].is_current, item[1].other.name.lower()))
    return [RelationGroup(label=group[0][1].label, lines=[line for _rank, line in group])
            for _key, grouped in groupby(lines, key=lambda item: item[0])
            if (group := list(grouped))]


def actor_offerings(actor: Actor) -> list[Offering]:
    return list(actor.offerings.order_by("sort_order", "pk").prefetch_related(
        "target_sectors", "counties", "municipalities"))

def actor_tags(actor: Actor) -> dict[str, list[Any]]:
    prefetch_related_objects(
        [actor], "sdgs", Prefetch("sdg_targets", queryset=_targets()), "themes", "counties",
        "municipalities")
    return {
        "goals": list(actor.sdgs.all()),
        "targets": list(actor.sdg_targets.all()),
        "themes": list(actor.themes.all()),
        "counties": list(actor.counties.all()),
        "municipalities": list(actor.municipalities.all()),
    }


def _targets() -> QuerySet[Any]:
    from sihub.sdg.models import Target

    return Target.objects.select_related("goal")


def grouped_linked_content(actor: Actor) -> list[tuple[str, list[LinkedItem]]]:
    """What other areas link to the actor, grouped by their kind in the order they come."""
    groups: dict[str, list[LinkedItem]] = {}
    for item in linked_content(actor.pk):
        groups.setdefault(str(item.kind), []).append(item)
    return list(groups.items())


def is_representative(actor: Actor, user: Any) -> bool:
    return bool(user.is_authenticated
                and actor.representatives.filter(user_id=user.pk).exists())


# --- Find support ---------------------------------------------------------------


def support_candidates(kinds: Iterable[str], today: date) -> list[matching.Candidate]:
    """Offerings of published actors of the given kinds, not yet closed, as ranking input.

    A fixed number of queries whatever the number of offerings: one for the
    offerings, three for where and for whom they are offered, four for their
    actors' regions and goals. The id lists are subqueries, not parameters, so
    they stay within the database's variable limit.
    """
    offerings = (
        Offering.objects.filter(actor__is_published=True, kind__in=list(kinds))
        .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today))
        .order_by()
    )
    rows = list(offerings.values_list(
        "pk", "kind", "stages", "national", "opens_on", "closes_on", "actor_id",
        "actor__home_municipality__code", "actor__serves_national"))
    if not rows:
        return []
    offering_ids = offerings.values("pk")
    actor_ids = offerings.values("actor_id")

    def by_owner(through: Any, owner: str, value: str, owner_ids: Any) -> dict[int, set[Any]]:
        found: dict[int, set[Any]] = defaultdict(set)
        for owner_id, item in through.objects.filter(**{f"{owner}__in": owner_ids}).values_list(
                owner, value):
            found[owner_id].add(item)
        return found

    target_sectors = by_owner(Offering.target_sectors.through, "offering_id", "sector__slug",
                              offering_ids)
    counties = by_owner(Offering.counties.through, "offering_id", "county__code", offering_ids)
    municipalities = by_owner(Offering.municipalities.through, "offering_id",
                              "municipality__code", offering_ids)
    actor_counties = by_owner(Actor.counties.through, "actor_id", "county__code", actor_ids)
    actor_municipalities = by_owner(Actor.municipalities.through, "actor_id",
                                    "municipality__code", actor_ids)
    actor_sdgs = by_owner(Actor.sdgs.through, "actor_id", "goal__number", actor_ids)
    return [
        matching.Candidate(
            offering_id=pk, kind=kind, stages=frozenset(stages or ()),
            target_sectors=frozenset(target_sectors[pk]), municipalities=frozenset(
                municipalities[pk]), counties=frozenset(counties[pk]), national=national,
            opens_on=opens_on, closes_on=closes_on, actor_home_municipality=home,
            actor_municipalities=frozenset(actor_municipalities[actor_id]),
            actor_counties=frozenset(actor_counties[actor_id]),
            actor_serves_national=serves_national,
            actor_sdgs=frozenset(actor_sdgs[actor_id]),
        )
        for pk, kind, stages, national, opens_on, closes_on, actor_id, home, serves_national
        in rows
    ]


def offerings_by_id(ids: Sequence[int]) -> list[Offering]:
    """Offerings for one page of matches, in the order of ``ids``, with their actors."""
    rows = {o.pk: o for o in Offering.objects.filter(pk__in=ids).select_related(
        "actor__sector", "actor__home_municipality").prefetch_related(
        "target_sectors", "counties", "municipalities")}
    return [rows[pk] for pk in ids if pk in rows]
