"""Reads of actors for the directory, the API and exports (published data only)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from sihub.actors.models import Actor, ActorKind, OfferingKind
from sihub.core import facets as facet_lib
from sihub.core.facets import Facet


def _serves_counties(codes: Sequence[Any]) -> Q:
    return (Q(counties__code__in=codes) | Q(municipalities__county__code__in=codes)
            | Q(home_municipality__county__code__in=codes) | Q(serves_national=True))


def actor_facets() -> list[Facet]:
    """The directory's filters; the API and the exports filter the same way."""
    from sihub.core.models import County, Sector, Theme
    from sihub.sdg.models import Goal

    return [
        Facet("sector", _("Sector"), "sector__slug",
              lambda: [(s.slug, s.name) for s in Sector.objects.all()]),
        Facet("type", _("Type"), "kind", lambda: list(ActorKind.choices)),
        Facet("region", _("Region served"), "counties__code",
              lambda: [(c.code, c.name) for c in County.objects.all()],
              condition=_serves_counties),
        Facet("offering", _("Offers"), "offerings__kind", lambda: list(OfferingKind.choices)),
        Facet("sdg", _("Global goal"), "sdgs__number",
              lambda: [(g.number, f"{g.number}. {g.title}") for g in Goal.objects.all()],
              cast=int),
        Facet("theme", _("Theme"), "themes__slug",
              lambda: [(t.slug, t.name) for t in Theme.objects.all()]),
    ]


def published_actors() -> QuerySet[Actor]:
    return Actor.objects.published()


def filtered_actors(params: Mapping[str, Any]) -> QuerySet[Actor]:
    """Published actors matching the directory's filters in ``params`` (plus ``q``, a name search)."""
    queryset = facet_lib.apply(published_actors(), actor_facets(), params)
    q = (params.get("q") or "").strip()
    if q:
        queryset = queryset.filter(Q(name__icontains=q) | Q(org_number=q))
    return queryset
