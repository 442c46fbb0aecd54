"""Exports of the directory: public data only, filtered like the directory, and they read back."""

from __future__ import annotations

import csv
import io
import itertools
import json
from typing import Any

import networkx as nx
import pytest
from django.core.management import call_command
from django.utils import translation
from openpyxl import load_workbook

from sihub.actors import orgnr
from sihub.actors.exports import (
    ACTOR_FIELDS,
    OFFERING_FIELDS,
    RELATION_FIELDS,
    csv_document,
    ecosystem_network,
    graphml_document,
)
from sihub.actors.graph import Edge, Node
from sihub.actors.importers import ImportFile, actors_import
from sihub.actors.models import Actor, Contact, Offering, Relation
from sihub.actors.tests.factories import make_actor, make_offering, make_relation

CSV = "/sv/actors/export/actors.csv"
XLSX = "/sv/actors/export/actors.xlsx"
GEOJSON = "/sv/actors/export/actors.geojson"
GRAPHML = "/sv/actors/export/ecosystem.graphml"

_serial = itertools.count(1)


def org_number() -> str:
    return orgnr.with_check_digit(f"802{next(_serial):06d}")


@pytest.fixture
def directory(db) -> dict[str, Actor]:
    """Three published actors with offerings, relations and a contact; one hidden actor."""
    coompanion = make_actor("Coompanion Västerbotten", sector_slug="social-economy",
                            kind="cooperative", home="2480", counties=["24", "25"],
                            municipalities=["2480"], sdgs=[8], org_number=org_number(),
                            latitude=63.8258, longitude=20.263, serves_international=True,
                            description_sv="Rådgivning, kurser och nätverk.\nFör kooperativ.",
                            website="https://example.org/coompanion")
    region = make_actor("Region Västerbotten", sector_slug="public", kind="region", home="2480",
                        counties=["24"], org_number=org_number(), serves_national=False)
    # No coordinates of its own and no home: not on the map.
    fund = make_actor("Mikrofonden Sverige", sector_slug="civil-society", kind="funder",
                      org_number=org_number(), serves_national=True,
                      description_en="=HYPERLINK(\"https://evil.example\",\"click\")")
    hidden = make_actor("Hemlig förening", sector_slug="civil-society", org_number=org_number(),
                        is_published=False, latitude=59.3, longitude=18.0)
    make_offering(coompanion, "advice", title="Starta kooperativ", stages=["idea", "startup"],
                  target_sectors=["social-economy"], counties=["24"], title_en="Start a co-op")
    make_offering(fund, "funding", title="Mikrolån", national=True)
    make_relation(region, coompanion, "funds")
    make_relation(coompanion, region, "partner")
    make_relation(fund, coompanion, "funds")
    make_relation(hidden, coompanion, "member_of")
    Contact.objects.create(actor=coompanion, name="Karin Kontakt", email="karin@example.org",
                           phone="070-123 45 67", is_public=True)
    return {"coompanion": coompanion, "region": region, "fund": fund, "hidden": hidden}


def read_csv(content: bytes) -> list[dict[str, str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for å, ä, ö
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


# --- CSV ------------------------------------------------------------------------------------


def test_it_exports_published_actors_as_csv_without_contacts(client, directory):
    response = client.get(CSV)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="actors.csv"'
    rows = read_csv(response.content)
    assert [r["name"] for r in rows] == ["Coompanion Västerbotten", "Mikrofonden Sverige",
                                         "Region Västerbotten"]
    first = rows[0]
    assert list(first) == ACTOR_FIELDS
    assert first["org_number"] == directory["coompanion"].org_number
    assert (first["sector"], first["type"], first["home_municipality"]) == (
        "social-economy", "cooperative", "2480")
    assert (first["counties"], first["sdgs"], first["international"]) == ("24;25", "8", "yes")
    assert first["description_sv"] == "Rådgivning, kurser och nätverk.\nFör kooperativ."
    assert first["profile_url"] == "http://testserver/sv/actors/coompanion-vasterbotten/"
    body = response.content.decode("utf-8-sig")
    assert "Hemlig" not in body
    assert "Karin" not in body and "karin@example.org" not in body and "070" not in body


def test_it_filters_the_export_like_the_directory(client, directory):
    rows = read_csv(client.get(CSV, {"sector": "public"}).content)
    assert [r["name"] for r in rows] == ["Region Västerbotten"]

    rows = read_csv(client.get(CSV, {"offering": "funding"}).content)
    assert [r["name"] for r in rows] == ["Mikrofonden Sverige"]

    rows = read_csv(client.get(CSV, {"q": "coompanion"}).content)
    assert [r["name"] for r in rows] == ["Coompanion Västerbotten"]


def test_it_defuses_formulas_but_not_numbers_in_csv(client, directory):
    directory["region"].latitude, directory["region"].longitude = -33.5, -70.6
    directory["region"].save()

    rows = {r["name"]: r for r in read_csv(client.get(CSV).content)}

    assert rows["Mikrofonden Sverige"]["description_en"].startswith("'=HYPERLINK(")
    assert rows["Region Västerbotten"]["longitude"] == "-70.6"


def test_csv_document_defuses_every_formula_prefix():
    records = [{"a": text} for text in ("=1+1", "+46 70", "-x", "@SUM(A1)", "\tcmd", "-12.5",
                                        "Vanlig text", "")]

    rows = list(csv.reader(io.StringIO(csv_document(records, ["a"]).decode("utf-8-sig"))))

    assert [r[0] for r in rows[1:]] == ["'=1+1", "'+46 70", "'-x", "'@SUM(A1)", "'\tcmd",
                                        "-12.5", "Vanlig text", ""]


def test_the_csv_export_reads_back_and_every_row_is_a_known_org_number(client, directory):
    data = client.get(CSV).content

    with translation.override("en"):
        report = actors_import(actors_file=ImportFile(io.BytesIO(data), "actors.csv", len(data)),
                               dry_run=True)

    assert report.rows == 3
    assert [(e.row, e.column) for e in report.errors] == [
        (2, "org_number"), (3, "org_number"), (4, "org_number")]
    assert all("already in the directory" in e.message for e in report.errors)
    assert report.warnings == []
    assert Actor.objects.count() == 4


# --- XLSX ---------------------------------------------------------------------------------


def test_it_exports_a_workbook_of_actors_and_offerings(client, directory):
    response = client.get(XLSX)

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="actors.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["actors", "offerings", "relations"]
    actors, offerings = workbook["actors"], workbook["offerings"]
    assert [c.value for c in actors[1]] == ACTOR_FIELDS
    assert actors["A1"].font.b
    assert [r[0] for r in actors.iter_rows(min_row=2, values_only=True)] == [
        "Coompanion Västerbotten", "Mikrofonden Sverige", "Region Västerbotten"]
    assert actors.cell(2, ACTOR_FIELDS.index("latitude") + 1).value == 63.8258
    formula = actors.cell(3, ACTOR_FIELDS.index("description_en") + 1)
    assert formula.data_type == "s" and formula.value.startswith("=HYPERLINK(")
    assert [c.value for c in offerings[1]] == OFFERING_FIELDS
    rows = list(offerings.iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1], r[2]) for r in rows] == [
        (directory["coompanion"].org_number, "advice", "Starta kooperativ"),
        (directory["fund"].org_number, "funding", "Mikrolån")]
    assert "Karin" not in response.content.decode("latin-1")
    relations = workbook["relations"]
    assert [c.value for c in relations[1]] == RELATION_FIELDS
    number = {k: a.org_number for k, a in directory.items()}
    # Only links between published actors: not the hidden member.
    assert sorted(r[:3] for r in relations.iter_rows(min_row=2, values_only=True)) == sorted([
        (number["region"], "funds", number["coompanion"]),
        (number["coompanion"], "partner", number["region"]),
        (number["fund"], "funds", number["coompanion"])])


def test_the_workbook_rebuilds_the_directory_it_came_from(client, directory):
    """Export, empty the directory, import: the same actors and offerings again."""
    data = client.get(XLSX).content
    before = read_csv(client.get(CSV).content)
    Actor.objects.all().delete()

    report = actors_import(actors_file=ImportFile(io.BytesIO(data), "actors.xlsx", len(data)))

    assert report.ok and len(report.created) == 3 and report.offerings == 2, report.errors
    assert report.relations == 3
    assert read_csv(client.get(CSV).content) == before
    assert set(Relation.objects.values_list("source_actor__name", "kind", "target_actor__name")) == {
        ("Region Västerbotten", "funds", "Coompanion Västerbotten"),
        ("Coompanion Västerbotten", "partner", "Region Västerbotten"),
        ("Mikrofonden Sverige", "funds", "Coompanion Västerbotten")}
    start = Offering.objects.get(title_sv="Starta kooperativ")
    assert start.stages == ["idea", "startup"] and start.title_en == "Start a co-op"
    assert [s.slug for s in start.target_sectors.all()] == ["social-economy"]
    assert Offering.objects.get(title_sv="Mikrolån").national


def test_a_re_imported_workbook_flags_every_actor_as_known(client, directory):
    data = client.get(XLSX).content

    report = actors_import(actors_file=ImportFile(io.BytesIO(data), "actors.xlsx", len(data)),
                           dry_run=True)

    assert [(e.sheet, e.row, e.column) for e in report.errors] == [
        ("actors.xlsx › actors", row, "org_number") for row in (2, 3, 4)]
    # The offerings and relations point at the file's own rows, so they are fine as such.
    assert (report.offerings, report.relations) == (2, 3)


# --- GeoJSON -------------------------------------------------------------------------------


def test_it_exports_points_as_geojson_longitude_first(client, directory):
    response = client.get(GEOJSON)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    collection = json.loads(response.content)
    assert collection["type"] == "FeatureCollection"
    by_name = {f["properties"]["name"]: f for f in collection["features"]}
    # Mikrofonden has no place; the hidden actor is not published.
    assert sorted(by_name) == ["Coompanion Västerbotten", "Region Västerbotten"]
    coompanion = by_name["Coompanion Västerbotten"]
    assert coompanion["geometry"] == {"type": "Point", "coordinates": [20.263, 63.8258]}
    assert coompanion["properties"] == {
        "name": "Coompanion Västerbotten", "org_number": directory["coompanion"].org_number,
        "sector": "social-economy", "type": "cooperative",
        "url": "http://testserver/sv/actors/coompanion-vasterbotten/",
        "regions": {"home_municipality": "2480", "counties": ["24", "25"],
                    "municipalities": ["2480"], "national": False, "international": True},
    }
    # No point of its own: its home municipality's.
    umea = directory["region"].home_municipality
    assert by_name["Region Västerbotten"]["geometry"]["coordinates"] == [umea.longitude,
                                                                        umea.latitude]
    assert b"Karin" not in response.content


def test_the_geojson_export_is_filtered(client, directory):
    collection = json.loads(client.get(GEOJSON, {"sector": "public"}).content)

    assert [f["properties"]["name"] for f in collection["features"]] == ["Region Västerbotten"]


# --- GraphML --------------------------------------------------------------------------------


def read_graphml(content: bytes) -> Any:
    return nx.read_graphml(io.BytesIO(content), force_multigraph=True)


def test_it_exports_the_ecosystem_graph_as_graphml(client, directory):
    response = client.get(GRAPHML)

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="ecosystem.graphml"'
    graph = read_graphml(response.content)
    assert graph.is_directed() and graph.is_multigraph()
    coompanion, region, fund = (str(directory[k].pk) for k in ("coompanion", "region", "fund"))
    assert set(graph.nodes) == {coompanion, region, fund}  # not the hidden actor
    assert graph.nodes[coompanion] == {
        "label": "Coompanion Västerbotten", "sector": "social-economy", "kind": "cooperative",
        "county": "24", "url": "http://testserver/sv/actors/coompanion-vasterbotten/"}
    assert graph.nodes[fund]["county"] == ""  # no home municipality
    edges = sorted((u, v, d["kind"], d["origin"]) for u, v, d in graph.edges(data=True))
    assert edges == sorted([(region, coompanion, "funds", "relations"),
                            (coompanion, region, "partner", "relations"),
                            (fund, coompanion, "funds", "relations")])


def test_the_graphml_export_keeps_only_the_links_within_the_filter(client, directory):
    graph = read_graphml(client.get(GRAPHML, {"region": "24", "sector": "social-economy"}).content)

    assert list(graph.nodes) == [str(directory["coompanion"].pk)]
    assert graph.number_of_edges() == 0


def test_graphml_keeps_parallel_links_and_reads_back_equal():
    nodes = [Node(1, "A", "public", "region", "24", "2480", "/a/"),
             Node(2, "B & C", "private", "company", None, None, "/b/")]
    edges = [Edge(1, 2, "funds", "relations"), Edge(1, 2, "coalition", "coalitions", "Koalition")]

    graph = nx.read_graphml(io.StringIO(graphml_document(nodes, edges)), force_multigraph=True)

    back, original = nx.relabel_nodes(graph, int), ecosystem_network(nodes, edges)
    assert dict(back.nodes(data=True)) == dict(original.nodes(data=True))
    assert back.nodes[2]["label"] == "B & C" and back.nodes[2]["county"] == ""

    def links(g: Any) -> list[tuple[int, int, dict[str, Any]]]:
        return sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2]["kind"]))

    assert links(back) == links(original)
    assert [d["kind"] for _u, _v, d in links(back)] == ["coalition", "funds"]


# --- Cost, methods and the command -------------------------------------------------------------


def test_the_exports_cost_a_fixed_number_of_queries(client, directory, django_assert_max_num_queries):
    for i in range(20):
        actor = make_actor(f"Förening {i}", counties=["01"], sdgs=[3, 4], org_number=org_number())
        make_offering(actor, "network", counties=["01"])
        make_relation(actor, directory["coompanion"], "member_of")

    for url in (CSV, XLSX, GEOJSON, GRAPHML):
        with django_assert_max_num_queries(12):
            assert client.get(url, {"region": "01"}).status_code == 200


def test_the_exports_only_answer_get(client, directory):
    for url in (CSV, XLSX, GEOJSON, GRAPHML):
        assert client.post(url).status_code == 405


def test_the_command_writes_each_format_to_a_file_or_stdout(directory, tmp_path):
    path = tmp_path / "actors.xlsx"
    call_command("export_actors", "--format", "xlsx", "--output", str(path),
                 "--base-url", "https://sihub.example", stderr=io.StringIO())
    workbook = load_workbook(path)
    assert workbook["actors"].cell(2, ACTOR_FIELDS.index("profile_url") + 1).value == (
        "https://sihub.example/sv/actors/coompanion-vasterbotten/")

    out = io.StringIO()
    call_command("export_actors", "--format", "csv", "--filter", "sector=public",
                 "--language", "en", stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue().lstrip("\ufeff"))))
    assert [r["name"] for r in rows] == ["Region Västerbotten"]
    assert rows[0]["profile_url"].endswith("/en/actors/region-vasterbotten/")

    out = io.StringIO()
    call_command("export_actors", "--format", "graphml", stdout=out)
    assert read_graphml(out.getvalue().encode()).number_of_nodes() == 3

    out = io.StringIO()
    call_command("export_actors", "--format", "geojson", stdout=out)
    assert len(json.loads(out.getvalue())["features"]) == 2


def test_relations_of_hidden_actors_never_leave_in_an_export(client, directory):
    assert Relation.objects.filter(source_actor=directory["hidden"]).exists()
    graph = read_graphml(client.get(GRAPHML).content)
    assert str(directory["hidden"].pk) not in graph
    assert all(d["kind"] != "member_of" for _u, _v, d in graph.edges(data=True))


def test_a_defused_formula_reads_back_as_the_text_it_was(client, directory):
    data = client.get(CSV).content
    assert b"'=HYPERLINK" in data
    Actor.objects.all().delete()

    report = actors_import(actors_file=ImportFile(io.BytesIO(data), "actors.csv", len(data)))

    assert report.ok, report.errors
    assert Actor.objects.get(name="Mikrofonden Sverige").description_en == (
        '=HYPERLINK("https://evil.example","click")')
