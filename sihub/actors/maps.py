"""The ecosystem map: actors or offerings per county/municipality, plus actor markers.

The page draws the committed county and municipality boundaries with Leaflet
(no tile server needed; a tile layer is added only when
``SIHUB_MAP_TILE_URL`` is set). The numbers behind the choropleth are
rendered on the page as a table as well, so the map has a text alternative
and the form works without JavaScript.

Where things are counted:

- an actor in the region of its home municipality;
- an offering in every region where it is *available*: its own counties and
  municipalities, all of Sweden when national, and, when it names no place,
  wherever its actor works. Offerings that have closed are left out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from sihub.actors import analysis
from sihub.actors.graph import sector_styles
from sihub.actors.models import Actor, Offering, OfferingKind
from sihub.actors.selectors import actor_facets, filtered_actors
from sihub.core import facets as facet_lib
from sihub.core.models import County, Municipality, Sector

LEVELS = {"county": _("County"), "municipality": _("Municipality")}
SUBJECTS = {"actors": _("Actors"), "offerings": _("Offerings")}
COMPACT = {"separators": (",", ":")}  # JSON without spaces: the marker file is large


# ---------------------------------------------------------------------------
# Where offerings are available


@dataclass(frozen=True)
class Reach:
    """Where one offering is available."""

    kind: str
    national: bool
    counties: frozenset[str]  # whole counties
    municipalities: frozenset[str]

    def county_codes(self, county_of: Mapping[str, str]) -> frozenset[str]:
        return self.counties | {county_of[m] for m in self.municipalities if m in county_of}

    def for_gap_table(self, county_of: Mapping[str, str]) -> analysis.OfferingReach:
        return analysis.OfferingReach(kind=self.kind, national=self.national,
                                      counties=self.county_codes(county_of))


def _pairs(rows: Iterable[tuple[int, str]]) -> dict[int, set[str]]:
    grouped: dict[int, set[str]] = defaultdict(set)
    for key, code in rows:
        grouped[key].add(code)
    return grouped


def current_offerings(actors: QuerySet[Actor], kinds: Iterable[str] = ()) -> QuerySet[Offering]:
    """Offerings of ``actors`` that have not closed (of ``kinds``, when given)."""
    offerings = Offering.objects.filter(actor__in=actors.values("pk")).filter(
        Q(closes_on__isnull=True) | Q(closes_on__gte=timezone.localdate()))
    kinds = list(kinds)
    return offerings.filter(kind__in=kinds) if kinds else offerings


def offering_reach(offerings: QuerySet[Offering]) -> list[Reach]:
    """Where each offering is available, in a fixed number of queries."""
    rows = list(offerings.order_by().values_list("pk", "kind", "national", "actor_id"))
    ids = [pk for pk, *_rest in rows]
    own_counties = _pairs(Offering.counties.through.objects.filter(offering_id__in=ids)
                          .values_list("offering_id", "county__code"))
    own_municipalities = _pairs(Offering.municipalities.through.objects.filter(offering_id__in=ids)
                                .values_list("offering_id", "municipality__code"))
    # An offering that names no place is offered wherever its actor works.
    placeless = {actor for pk, _kind, national, actor in rows
                 if not national and pk not in own_counties and pk not in own_municipalities}
    actor_counties = _pairs(Actor.counties.through.objects.filter(actor_id__in=placeless)
                            .values_list("actor_id", "county__code"))
    actor_municipalities = _pairs(
        Actor.municipalities.through.objects.filter(actor_id__in=placeless)
        .values_list("actor_id", "municipality__code"))
    actor_home = {pk: (national, home) for pk, national, home in Actor.objects.filter(
        pk__in=placeless).values_list("pk", "serves_national", "home_municipality__code")}

    reach = []
    for pk, kind, national, actor in rows:
        if national or pk in own_counties or pk in own_municipalities:
            reach.append(Reach(kind, national, frozenset(own_counties.get(pk, ())),
                               frozenset(own_municipalities.get(pk, ()))))
            continue
        serves_national, home = actor_home.get(actor, (False, None))
        municipalities = set(actor_municipalities.get(actor, ()))
        if home:
            municipalities.add(home)
        reach.append(Reach(kind, serves_national, frozenset(actor_counties.get(actor, ())),
                           frozenset(municipalities)))
    return reach


def municipality_counties() -> dict[str, str]:
    return dict(Municipality.objects.values_list("code", "county__code"))


# ---------------------------------------------------------------------------
# The selection and its counts


@dataclass(frozen=True)
class MapSelection:
    level: str  # a key of LEVELS
    what: str  # a key of SUBJECTS
    offering_kinds: tuple[str, ...]
    sectors: tuple[str, ...]
    params: Any  # the query parameters, for filtered_actors()


def map_selection(params: Any) -> MapSelection:
    """Read the form; anything unknown falls back to the default."""
    level = params.get("level")
    what = params.get("what")
    by_param = {facet.param: facet for facet in actor_facets()}
    return MapSelection(
        level=level if level in LEVELS else "county",
        what=what if what in SUBJECTS else "actors",
        offering_kinds=tuple(facet_lib.known_values(by_param["offering"], params)),
        sectors=tuple(facet_lib.known_values(by_param["sector"], params)),
        params=params,
    )


@dataclass(frozen=True)
class RegionCounts:
    selection: MapSelection
    regions: list[tuple[str, str]]  # (code, name) of every region at this level
    counts: dict[str, int]  # code → count, regions with none left out
    unplaced: int  # actors without a home municipality, or offerings without a place
    classes: list[analysis.ColourClass]

    @property
    def maximum(self) -> int:
        return max(self.counts.values(), default=0)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def rows(self) -> list[tuple[str, str, int]]:
        return [(code, name, self.counts.get(code, 0)) for code, name in self.regions]

    @property
    def title(self) -> str:
        titles = {
            ("actors", "county"): _("Actors per county, by home municipality"),
            ("actors", "municipality"): _("Actors per municipality, by home municipality"),
            ("offerings", "county"): _("Offerings available per county"),
            ("offerings", "municipality"): _("Offerings available per municipality"),
        }
        return str(titles[(self.selection.what, self.selection.level)])

    @property
    def region_label(self) -> str:
        return str(LEVELS[self.selection.level])

    @property
    def count_label(self) -> str:
        return str(SUBJECTS[self.selection.what])


def _regions(level: str) -> list[tuple[str, str]]:
    if level == "county":
        return [(c.code, c.name) for c in County.objects.order_by("code")]
    return list(Municipality.objects.order_by("code").values_list("code", "name"))


def _actor_counts(selection: MapSelection) -> tuple[dict[str, int], int]:
    field = ("home_municipality__county__code" if selection.level == "county"
             else "home_municipality__code")
    rows = (filtered_actors(selection.params).order_by().values(field)
            .annotate(n=Count("pk")).values_list(field, "n"))
    counts, unplaced = {}, 0
    for code, n in rows:
        if code is None:
            unplaced = n
        else:
            counts[code] = n
    return counts, unplaced


def _offering_counts(selection: MapSelection,
                     regions: list[tuple[str, str]]) -> tuple[dict[str, int], int]:
    offerings = current_offerings(filtered_actors(selection.params), selection.offering_kinds)
    county_of = municipality_counties()
    every = [code for code, _name in regions]
    in_county: dict[str, list[str]] = defaultdict(list)
    for municipality, county in county_of.items():
        in_county[county].append(municipality)
    counts: Counter[str] = Counter()
    unplaced = 0
    for reach in offering_reach(offerings):
        if reach.national:
            where: Iterable[str] = every
        elif selection.level == "county":
            where = reach.county_codes(county_of)
        else:
            where = set(reach.municipalities).union(*(in_county[c] for c in reach.counties))
        if not where:
            unplaced += 1
        counts.update(where)
    return dict(counts), unplaced


def region_counts(selection: MapSelection) -> RegionCounts:
    regions = _regions(selection.level)
    if selection.what == "actors":
        counts, unplaced = _actor_counts(selection)
    else:
        counts, unplaced = _offering_counts(selection, regions)
    known = {code for code, _name in regions}
    counts = {code: n for code, n in counts.items() if code in known and n}
    return RegionCounts(selection=selection, regions=regions, counts=counts, unplaced=unplaced,
                        classes=analysis.colour_classes(max(counts.values(), default=0)))


# ---------------------------------------------------------------------------
# Views


def _legend(classes: list[analysis.ColourClass]) -> list[dict[str, Any]]:
    return [{"from": c.low, "to": c.high, "colour": c.colour} for c in classes]


@require_safe
def map_page(request: HttpRequest) -> HttpResponse:
    selection = map_selection(request.GET)
    result = region_counts(selection)
    tile_url = getattr(settings, "SIHUB_MAP_TILE_URL", "")
    config = {
        "regions": reverse("actors:map_regions"),
        "markers": reverse("actors:map_markers"),
        "boundaries": {"county": static("core/geo/counties.geojson"),
                       "municipality": static("core/geo/municipalities.geojson")},
        "tiles": tile_url,
        "attribution": getattr(settings, "SIHUB_MAP_TILE_ATTRIBUTION", "") if tile_url else "",
        "zero": analysis.ZERO_COLOUR,
        # The boundary files name counties in Swedish only.
        "names": {"county": {c.code: c.name for c in County.objects.all()}},
        "sectors": {s.slug: {"colour": s.colour, "points": s.points} for s in sector_styles()},
        "text": {
            "markers": str(_("Actors (markers)")),
            "regions": str(_("Regions")),
            "none": str(_("none")),
            "loading": str(_("Loading the map…")),
            "unplaced": str(_("Not counted in any region (no place known): %(count)s")),
            "failed": str(_("The map could not be loaded. The table below has the same numbers.")),
        },
    }
    return render(request, "actors/map.html", {
        "selection": selection,
        "result": result,
        "legend": result.classes,
        "zero_colour": analysis.ZERO_COLOUR,
        "levels": list(LEVELS.items()),
        "subjects": list(SUBJECTS.items()),
        "offering_kinds": list(OfferingKind.choices),
        "sectors": [(s.slug, s.name) for s in Sector.objects.order_by("sort_order")],
        "map_config": config,
    })


@require_safe
def region_data(request: HttpRequest) -> JsonResponse:
    """The choropleth's numbers: ``{"level", "what", "counts": {code: n}, "max", "legend"}``."""
    result = region_counts(map_selection(request.GET))
    return JsonResponse({
        "level": result.selection.level,
        "what": result.selection.what,
        "title": result.title,
        "region_label": result.region_label,
        "count_label": result.count_label,
        "counts": result.counts,
        "max": result.maximum,
        "total": result.total,
        "unplaced": result.unplaced,
        "legend": _legend(result.classes),
    }, json_dumps_params=COMPACT)


def _point(actor: Actor) -> list[float] | None:
    point = actor.coordinates()
    if point is None:
        return None
    latitude, longitude = point
    return [round(longitude, 4), round(latitude, 4)]  # GeoJSON order; 4 decimals ≈ 10 m


@require_safe
def marker_data(request: HttpRequest) -> JsonResponse:
    """Published actors with a place, as GeoJSON points (filtered like the directory)."""
    actors = (filtered_actors(request.GET)
              .select_related("sector", "home_municipality")
              .only("name", "slug", "kind", "latitude", "longitude", "sector__slug",
                    "sector__name_sv", "sector__name_en", "home_municipality__latitude",
                    "home_municipality__longitude")
              .order_by("pk"))
    prefix = reverse("actors:detail", kwargs={"slug": "x"})[:-2]  # one reverse() for thousands
    features = []
    for actor in actors:
        point = _point(actor)
        if point is None:
            continue
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": point},
            "properties": {"name": actor.name, "url": f"{prefix}{quote(actor.slug)}/",
                           "sector": actor.sector.slug, "sector_name": actor.sector.name,
                           "kind": actor.kind},
        })
    return JsonResponse({"type": "FeatureCollection", "features": features},
                        json_dumps_params={**COMPACT, "ensure_ascii": False},
                        content_type="application/geo+json")
