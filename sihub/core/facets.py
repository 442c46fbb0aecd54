"""Faceted filtering with counts, for any queryset (no knowledge of the models).

Within one facet the chosen values are alternatives (OR); across facets they
all apply (AND). Each facet's counts are computed with every *other* facet
applied, so a visitor sees how many items each further choice would give.
Filter state lives in the URL (``?sdg=3&sdg=8&region=24``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet


@dataclass(frozen=True)
class Facet:
    param: str  # the URL parameter
    label: Any  # lazy translation
    lookup: str  # ORM path filtered and counted, e.g. "sdgs__number"
    options: Callable[[], Iterable[tuple[Any, str]]]  # (value, label) in display order
    cast: Callable[[str], Any] = str
    # How chosen values filter, when more than ``lookup__in`` (e.g. "serves
    # county X" also matches actors that serve all of Sweden).
    condition: Callable[[Sequence[Any]], Q] | None = None

    def selected(self, params: Mapping[str, Any]) -> list[Any]:
        raw = params.getlist(self.param) if hasattr(params, "getlist") else params.get(self.param, [])
        if isinstance(raw, str):
            raw = [raw]
        values = []
        for item in raw:
            try:
                values.append(self.cast(item))
            except (TypeError, ValueError):
                continue  # a hand-edited URL: ignore what cannot be read
        return values


@dataclass
class Option:
    value: Any
    label: str
    count: int
    selected: bool


@dataclass
class FacetResult:
    facet: Facet
    options: list[Option] = field(default_factory=list)

    @property
    def has_selection(self) -> bool:
        return any(o.selected for o in self.options)


def _condition(facet: Facet, values: Sequence[Any]) -> Q:
    if facet.condition is not None:
        return facet.condition(values)
    return Q(**{f"{facet.lookup}__in": values})


def known_values(facet: Facet, params: Mapping[str, Any],
                 allowed: dict[str, set[Any]] | None = None) -> list[Any]:
    """The selected values the facet offers: a stale or hand-edited link is ignored."""
    values = facet.selected(params)
    if not values:
        return []
    allowed = {} if allowed is None else allowed
    if facet.param not in allowed:
        allowed[facet.param] = {value for value, _label in facet.options()}
    return [v for v in values if v in allowed[facet.param]]


def apply(qs: QuerySet[Any], facets: Sequence[Facet], params: Mapping[str, Any],
          *, skip: Facet | None = None,
          allowed: dict[str, set[Any]] | None = None) -> QuerySet[Any]:
    allowed = {} if allowed is None else allowed
    for facet in facets:
        if facet is skip:
            continue
        values = known_values(facet, params, allowed)
        if values:
            # A subquery keeps joins from multiplying rows across facets.
            ids = qs.model._default_manager.filter(_condition(facet, values)).values("pk")
            qs = qs.filter(pk__in=ids)
    return qs


def counts(qs: QuerySet[Any], facets: Sequence[Facet],
           params: Mapping[str, Any]) -> list[FacetResult]:
    results = []
    allowed: dict[str, set[Any]] = {}
    for facet in facets:
        base = apply(qs, facets, params, skip=facet, allowed=allowed)
        rows = (
            base.order_by()
            .values(facet.lookup)
            .annotate(n=Count("pk", distinct=True))
            .values_list(facet.lookup, "n")
        )
        by_value = {value: n for value, n in rows if value is not None}
        chosen = set(facet.selected(params))
        result = FacetResult(facet)
        for value, label in facet.options():
            n = by_value.get(value, 0)
            if n or value in chosen:
                result.options.append(Option(value, label, n, value in chosen))
        results.append(result)
    return results
