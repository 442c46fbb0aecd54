"""The directory as files: CSV, XLSX, GeoJSON and GraphML, filtered like the directory.

Every export takes the directory's query string (``?sector=public&region=24``)
through ``filtered_actors``, so it holds published actors only, and only
public data: contact people are never exported.

* **CSV** — one row per actor, the importer's columns (core/importing.py,
  actors/importers.py) in English, plus ``profile_url``; UTF-8 with a byte-order
  mark so Excel shows å, ä and ö, separated by commas (Excel in Swedish
  settings still splits it when opened through "From Text/CSV"; the importer
  reads commas and semicolons alike). Codes rather than names (sector slug,
  type value, municipality and county codes), so the file reads back into the
  importer unchanged.
* **XLSX** — a workbook with a sheet "actors" (the CSV's columns), a sheet
  "offerings" and a sheet "relations" (those between the exported actors), in
  the importer's columns; it too reads back in.
* **GeoJSON** — a FeatureCollection of the actors that have a place (their own
  point, else their home municipality's): [longitude, latitude] as RFC 7946
  wants, with name, org_number, sector, type, url and regions.
* **GraphML** — the ecosystem graph (``ecosystem_graph``) for Gephi, yEd or
  networkx: nodes with label, sector, kind, county and url; edges with kind,
  origin and label. Several links between two actors stay several edges.

Text that a spreadsheet would run as a formula (=, +, -, @ …) is defused: in
CSV with a leading apostrophe (``spreadsheet_safe``), in XLSX by storing every
text cell as text.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import quote

import networkx as nx
from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from sihub.actors.graph import Edge, Node, ecosystem_graph
from sihub.actors.importers import ACTOR_COLUMNS, OFFERING_COLUMNS, RELATION_COLUMNS
from sihub.actors.models import Actor, Offering, Relation
from sihub.actors.selectors import filtered_actors
from sihub.core.importing import LIST_SEPARATOR, spreadsheet_safe

ACTOR_FIELDS = [c.name for c in ACTOR_COLUMNS]  # ends with profile_url
OFFERING_FIELDS = [c.name for c in OFFERING_COLUMNS]
RELATION_FIELDS = [c.name for c in RELATION_COLUMNS]

Absolute = Callable[[str], str]  # a site path → an absolute URL

FORMATS = {
    # name: (content type, file name)
    "csv": ("text/csv; charset=utf-8", "actors.csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "actors.xlsx"),
    "geojson": ("application/geo+json", "actors.geojson"),
    "graphml": ("application/graphml+xml; charset=utf-8", "ecosystem.graphml"),
}


# --- Reading what to export -------------------------------------------------------------
#
# Exports read flat rows (``values_list``) rather than model instances: a
# workbook of 5,000 actors, 10,000 offerings and 20,000 relations would
# otherwise spend most of its time building querysets for each actor's tags.
# A fixed number of queries whatever the number of actors.

ACTOR_VALUES = ("pk", "slug", "name", "org_number", "sector__slug", "kind", "description_sv",
                "description_en", "website", "home_municipality__code", "latitude", "longitude",
                "home_municipality__latitude", "home_municipality__longitude",
                "serves_national", "serves_international")
OFFERING_VALUES = ("pk", "actor_id", "kind", "title_sv", "title_en", "description_sv",
                   "description_en", "stages", "target_groups", "national", "conditions", "url",
                   "opens_on", "closes_on")


def _grouped(through: Any, owner: str, value: str, owners: Any, *order: str,
             ) -> dict[int, list[Any]]:
    """``owner id → [value, …]`` from a many-to-many table, for the owners in a subquery."""
    found: dict[int, list[Any]] = defaultdict(list)
    rows = (through.objects.filter(**{f"{owner}__in": owners})
            .order_by(owner, *(order or (value,))).values_list(owner, value))
    for owner_id, item in rows:
        found[owner_id].append(item)
    return found


def _profile_urls(absolute: Absolute) -> Callable[[str], str]:
    # One reverse() for all: thousands of them are slow (as in graph.ecosystem_graph).
    prefix = reverse("actors:detail", kwargs={"slug": "x"})[:-2]
    return lambda slug: absolute(f"{prefix}{quote(slug)}/")


def actor_rows(actors: QuerySet[Actor]) -> list[dict[str, Any]]:
    """The actors' fields and tags as plain values, in the directory's order (name)."""
    rows = [dict(zip(ACTOR_VALUES, values, strict=True))
            for values in actors.order_by("name", "pk").values_list(*ACTOR_VALUES)]
    ids = actors.order_by().values("pk")
    tags = {
        "counties": _grouped(Actor.counties.through, "actor_id", "county__code", ids),
        "municipalities": _grouped(Actor.municipalities.through, "actor_id",
                                   "municipality__code", ids),
        "sdgs": _grouped(Actor.sdgs.through, "actor_id", "goal__number", ids),
        "targets": _grouped(Actor.sdg_targets.through, "actor_id", "target__code", ids,
                            "target__goal__number", "target__sort_order"),
        "themes": _grouped(Actor.themes.through, "actor_id", "theme__slug", ids),
    }
    for row in rows:
        for name, by_actor in tags.items():
            row[name] = by_actor.get(row["pk"], [])
    return rows


def _reference(row: Mapping[str, Any]) -> str:
    # The importer finds an actor by organisation number, else by name.
    return row["org_number"] or row["name"]


def actor_record(row: Mapping[str, Any], profile_url: Callable[[str], str]) -> dict[str, Any]:
    """One actor as the importer's columns (values the importer reads back)."""
    return {
        "name": row["name"],
        "org_number": row["org_number"],
        "sector": row["sector__slug"],
        "type": row["kind"],
        "description_sv": row["description_sv"],
        "description_en": row["description_en"],
        "website": row["website"],
        "home_municipality": row["home_municipality__code"] or "",
        "latitude": row["latitude"],
        "longitude": row["longitude"],
        "counties": _join(row["counties"]),
        "municipalities": _join(row["municipalities"]),
        "national": _yes_no(row["serves_national"]),
        "international": _yes_no(row["serves_international"]),
        "sdgs": _join(row["sdgs"]),
        "targets": _join(row["targets"]),
        "themes": _join(row["themes"]),
        "profile_url": profile_url(row["slug"]),
    }


def offering_records(actors: QuerySet[Actor], rows: Sequence[Mapping[str, Any]],
                     ) -> list[dict[str, Any]]:
    """The offerings of ``actors`` (``rows``: their actor_rows), actor by actor, as columns."""
    by_actor = {row["pk"]: row for row in rows}
    offerings = Offering.objects.filter(actor__in=actors.order_by().values("pk"))
    ids = offerings.order_by().values("pk")
    through = {
        "target_sectors": _grouped(Offering.target_sectors.through, "offering_id",
                                   "sector__slug", ids, "sector__sort_order"),
        "counties": _grouped(Offering.counties.through, "offering_id", "county__code", ids),
        "municipalities": _grouped(Offering.municipalities.through, "offering_id",
                                   "municipality__code", ids),
    }
    order = {pk: index for index, pk in enumerate(by_actor)}
    values = sorted(
        (dict(zip(OFFERING_VALUES, v, strict=True)) for v in offerings.order_by(
            "sort_order", "pk").values_list(*OFFERING_VALUES)),
        key=lambda o: order[o["actor_id"]])  # stable: keeps each actor's own order
    return [{
        "actor": _reference(by_actor[o["actor_id"]]),
        "kind": o["kind"],
        "title_sv": o["title_sv"],
        "title_en": o["title_en"],
        "description_sv": o["description_sv"],
        "description_en": o["description_en"],
        "stages": _join(o["stages"] or []),
        "target_sectors": _join(through["target_sectors"].get(o["pk"], [])),
        "target_groups": o["target_groups"],
        "counties": _join(through["counties"].get(o["pk"], [])),
        "municipalities": _join(through["municipalities"].get(o["pk"], [])),
        "national": _yes_no(o["national"]),
        "conditions": o["conditions"],
        "url": o["url"],
        "opens_on": o["opens_on"],
        "closes_on": o["closes_on"],
    } for o in values]


def relation_records(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Relations whose two ends are both among the actors ``rows``, as the importer's columns."""
    by_actor = {row["pk"]: row for row in rows}
    # All relations, kept in Python: two "IN (the filtered actors)" conditions
    # are slow in SQLite, and the relations are only a few columns each.
    relations = Relation.objects.order_by("pk").values_list(
        "source_actor_id", "kind", "target_actor_id", "started_on", "ended_on", "source")
    return [{"from": _reference(by_actor[source]), "kind": kind,
             "to": _reference(by_actor[target]), "started_on": started_on,
             "ended_on": ended_on, "source": cited}
            for source, kind, target, started_on, ended_on, cited in relations
            if source in by_actor and target in by_actor]


def _join(values: Iterable[Any]) -> str:
    return LIST_SEPARATOR.join(str(v) for v in values)


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


# --- Writing: pure functions of records --------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def csv_document(records: Iterable[Mapping[str, Any]], fields: Sequence[str]) -> bytes:
    """UTF-8 with a byte-order mark, commas, CRLF; formula-like text defused."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(fields)
    for record in records:
        writer.writerow([spreadsheet_safe(_text(record[f])) for f in fields])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


Records = Iterable[Mapping[str, Any]]


def xlsx_document(sheets: Mapping[str, tuple[Sequence[str], Records]]) -> bytes:
    """A workbook with one sheet per entry: a bold header row, then the records."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, (fields, records) in sheets.items():
        sheet = workbook.create_sheet(title)
        sheet.freeze_panes = "A2"
        header = []
        for name in fields:
            cell = WriteOnlyCell(sheet, value=name)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for record in records:
            row = []
            for name in fields:
                value = record[name]
                cell = WriteOnlyCell(sheet, value=value if value != "" else None)
                if isinstance(value, str):
                    cell.data_type = "s"  # text stays text: "=…" is never a formula
                row.append(cell)
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def geojson_document(rows: Iterable[Mapping[str, Any]],
                     profile_url: Callable[[str], str]) -> dict[str, Any]:
    """A FeatureCollection of the actors with a place: their own point, else their home's."""
    features = []
    for row in rows:
        if row["latitude"] is not None and row["longitude"] is not None:
            latitude, longitude = row["latitude"], row["longitude"]
        elif row["home_municipality__latitude"] is not None:
            latitude = row["home_municipality__latitude"]
            longitude = row["home_municipality__longitude"]
        else:
            continue  # nowhere to draw it
        features.append({
            "type": "Feature",
            "id": row["slug"],
            "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
            "properties": {
                "name": row["name"],
                "org_number": row["org_number"],
                "sector": row["sector__slug"],
                "type": row["kind"],
                "url": profile_url(row["slug"]),
                "regions": {
                    "home_municipality": row["home_municipality__code"],
                    "counties": row["counties"],
                    "municipalities": row["municipalities"],
                    "national": row["serves_national"],
                    "international": row["serves_international"],
                },
            },
        })
    return {"type": "FeatureCollection", "features": features}


def ecosystem_network(nodes: Sequence[Node], edges: Sequence[Edge],
                      absolute: Absolute = str) -> nx.MultiDiGraph:
    """The graph as networkx: node keys are actor ids; GraphML has no "missing", so "" stands in."""
    graph = nx.MultiDiGraph()
    for node in nodes:
        graph.add_node(node.id, label=node.label, sector=node.sector, kind=node.kind,
                       county=node.county or "", url=absolute(node.url))
    for edge in edges:
        graph.add_edge(edge.source, edge.target, kind=edge.kind, origin=edge.origin,
                       label=edge.label)
    return graph


def graphml_document(nodes: Sequence[Node], edges: Sequence[Edge],
                     absolute: Absolute = str) -> str:
    return "\n".join(nx.generate_graphml(ecosystem_network(nodes, edges, absolute))) + "\n"


# --- One place that renders any format (views and the command) ----------------------------


def render_export(fmt: str, params: Mapping[str, Any], absolute: Absolute) -> bytes:
    """The directory filtered by ``params`` as ``fmt`` (one of FORMATS)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    actors = filtered_actors(params)
    if fmt == "graphml":
        nodes, edges = ecosystem_graph(actors)
        return graphml_document(nodes, edges, absolute).encode()
    rows = actor_rows(actors)
    profile_url = _profile_urls(absolute)
    if fmt == "geojson":
        return json.dumps(geojson_document(rows, profile_url), ensure_ascii=False).encode()
    records = [actor_record(row, profile_url) for row in rows]
    if fmt == "csv":
        return csv_document(records, ACTOR_FIELDS)
    return xlsx_document({
        "actors": (ACTOR_FIELDS, records),
        "offerings": (OFFERING_FIELDS, offering_records(actors, rows)),
        "relations": (RELATION_FIELDS, relation_records(rows)),
    })


def site_absolute(base_url: str | None = None) -> Absolute:
    """Absolute URLs without a request (the command): the site's configured base URL."""
    base = (base_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/")
    return lambda path: f"{base}{path}"


# --- Views --------------------------------------------------------------------------------


def _download(request: HttpRequest, fmt: str) -> HttpResponse:
    content_type, filename = FORMATS[fmt]
    response = HttpResponse(render_export(fmt, request.GET, request.build_absolute_uri),
                            content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def actors_csv(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return _download(request, "csv")


@require_GET
def actors_xlsx(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return _download(request, "xlsx")


@require_GET
def actors_geojson(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return _download(request, "geojson")


@require_GET
def graph_graphml(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return _download(request, "graphml")
