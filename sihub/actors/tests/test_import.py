"""Importing actors, offerings and relations: every row checked, duplicates found, all or nothing."""

from __future__ import annotations

import csv
import io
import itertools
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook

from sihub.actors import orgnr
from sihub.actors.importers import (
    ImportFile,
    NameIndex,
    actors_import,
    normalise_name,
    similar_names,
)
from sihub.actors.models import Actor, Offering, Relation
from sihub.actors.tests.factories import make_actor, make_offering, make_relation
from sihub.core import importing
from sihub.core.importing import ImportFileError
from sihub.core.models import AuditEntry

HEADER = ["name", "org_number", "sector", "type", "description_sv", "description_en", "website",
          "home_municipality", "latitude", "longitude", "counties", "municipalities", "national",
          "international", "sdgs", "targets", "themes"]
OFFERING_HEADER = ["actor", "kind", "title_sv", "title_en", "stages", "target_sectors",
                   "counties", "municipalities", "national", "url", "opens_on", "closes_on"]
RELATION_HEADER = ["from", "kind", "to", "started_on", "ended_on", "source"]

NUMBER = "556036-0793"  # a valid organisation number (Luhn)
_serial = itertools.count(1)


def org_number() -> str:
    """A fresh valid organisation number of a legal entity (third digit ≥ 2)."""
    return orgnr.with_check_digit(f"802{next(_serial):06d}")


def actor_row(**overrides: str) -> dict[str, str]:
    return {
        "name": "Coompanion Västerbotten", "org_number": NUMBER, "sector": "social-economy",
        "type": "cooperative", "description_sv": "Rådgivning för kooperativ.",
        "description_en": "Advice for cooperatives.", "website": "https://example.org/coompanion",
        "home_municipality": "2480", "latitude": "63.8258", "longitude": "20.2630",
        "counties": "24;25", "municipalities": "2480", "national": "no", "international": "yes",
        "sdgs": "8", "targets": "10.2", "themes": "inclusive-working-life", **overrides,
    }


def csv_bytes(rows: list[dict[str, str]], header: list[str] = HEADER, *,
              delimiter: str = ",", names: list[str] | None = None) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(names or header)
    for r in rows:
        writer.writerow([r.get(h, "") for h in header])
    return out.getvalue().encode("utf-8")


def workbook_bytes(sheets: dict[str, tuple[list[str], list[list[Any]]]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, (header, rows) in sheets.items():
        sheet = workbook.create_sheet(title)
        sheet.append(header)
        for r in rows:
            sheet.append(r)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def file(data: bytes, name: str = "actors.csv") -> ImportFile:
    return ImportFile(io.BytesIO(data), name, len(data))


def run(data: bytes | None = None, name: str = "actors.csv", **kwargs: Any):
    if data is not None:
        kwargs["actors_file"] = file(data, name)
    return actors_import(**kwargs)


def nothing_imported(before: int = 0) -> bool:
    return (Actor.objects.count() == before and not Offering.objects.exists()
            and not AuditEntry.objects.filter(action="import.completed").exists())


# --- A valid file ---------------------------------------------------------------------------


def test_it_imports_an_actor_with_its_places_tags_and_a_first_revision(db):
    report = run(csv_bytes([actor_row(), actor_row(name="Umeå kommun", org_number="",
                                                   sector="public", type="municipality")]))

    assert report.ok and report.rows == 2 and len(report.created) == 2, report.errors
    actor = Actor.objects.get(org_number=NUMBER)
    assert actor.name == "Coompanion Västerbotten" and actor.slug == "coompanion-vasterbotten"
    assert actor.sector.slug == "social-economy" and actor.kind == "cooperative"
    assert actor.description_en == "Advice for cooperatives."
    assert actor.home_municipality.code == "2480"
    assert (actor.latitude, actor.longitude) == (63.8258, 20.263)
    assert sorted(c.code for c in actor.counties.all()) == ["24", "25"]
    assert [m.code for m in actor.municipalities.all()] == ["2480"]
    assert (actor.serves_national, actor.serves_international) == (False, True)
    assert sorted(g.number for g in actor.sdgs.all()) == [8, 10]  # 10.2 brings goal 10
    assert [t.code for t in actor.sdg_targets.all()] == ["10.2"]
    assert [t.slug for t in actor.themes.all()] == ["inclusive-working-life"]
    assert actor.is_published and actor.latest_revision is not None
    assert actor.latest_revision.content["name"] == "Coompanion Västerbotten"
    entry = AuditEntry.objects.get(action="import.completed")
    assert entry.data == {"kind": "actors", "rows": 2, "created": 2, "offerings": 0,
                          "relations": 0, "similar_confirmed": 0}
    # Each actor's own trail starts as actor_create's does.
    assert sorted(AuditEntry.objects.filter(action="actor.created").values_list(
        "target_id", flat=True)) == sorted(str(pk) for pk in report.created)


def test_it_reads_swedish_headers_names_yes_no_and_decimal_commas(db):
    swedish = ["Namn", "Organisationsnummer", "Sektor", "Typ", "Beskrivning", "Beskrivning_en",
               "Webbplats", "Hemkommun", "Latitud", "Longitud", "Län", "Kommuner", "Nationell",
               "Internationell", "Globala mål", "Delmål", "Teman"]
    data = csv_bytes([actor_row(org_number="5560360793", sector="Social ekonomi",
                                type="Cooperative", home_municipality="Umeå kommun",
                                latitude="63,8258", longitude="20,263",
                                counties="Västerbottens län;Norrbotten", municipalities="Skellefteå",
                                national="ja", international="nej",
                                themes="Inkluderande arbetsliv")],
                     delimiter=";", names=swedish)

    report = run(data)

    assert report.ok, report.errors
    actor = Actor.objects.get()
    assert actor.org_number == NUMBER  # normalised
    assert actor.sector.slug == "social-economy" and actor.kind == "cooperative"
    assert actor.home_municipality.name == "Umeå" and actor.latitude == 63.8258
    assert sorted(c.code for c in actor.counties.all()) == ["24", "25"]
    assert [m.name for m in actor.municipalities.all()] == ["Skellefteå"]
    assert (actor.serves_national, actor.serves_international) == (True, False)
    assert [t.slug for t in actor.themes.all()] == ["inclusive-working-life"]


def test_it_imports_a_workbook_of_actors_offerings_and_relations(db):
    known = make_actor("Region Västerbotten", sector_slug="public", kind="region",
                       org_number=org_number())
    data = workbook_bytes({
        "Aktörer": (HEADER, [
            [actor_row()[h] for h in HEADER],
            [actor_row(name="Mikrofonden Norr", org_number="", sector="civil-society",
                       type="funder", latitude="", longitude="")[h] for h in HEADER],
        ]),
        "Erbjudanden": (OFFERING_HEADER, [
            [NUMBER, "advice", "Starta kooperativ", "Start a cooperative", "idea;startup",
             "social-economy", "24", "2480;2482", "nej", "https://example.org/start",
             "2025-01-01", "2025-12-31"],
            ["mikrofonden norr", "Funding", "Lån", None, None, None, None, None, "ja", None,
             None, None],
        ]),
        "Relationer": (RELATION_HEADER, [
            ["Mikrofonden Norr", "funds", NUMBER, "2024-01-01", None, "https://example.org/a"],
            [known.org_number, "partner", "Coompanion Västerbotten", None, None, ""],
        ]),
    })

    report = run(data, "ecosystem.xlsx")

    assert report.ok, report.errors
    assert (report.rows, report.offering_rows, report.relation_rows) == (2, 2, 2)
    coompanion = Actor.objects.get(org_number=NUMBER)
    mikrofonden = Actor.objects.get(name="Mikrofonden Norr")
    start = coompanion.offerings.get()
    assert (start.kind, start.title_sv, start.title_en) == ("advice", "Starta kooperativ",
                                                           "Start a cooperative")
    assert start.stages == ["idea", "startup"]
    assert [s.slug for s in start.target_sectors.all()] == ["social-economy"]
    assert [c.code for c in start.counties.all()] == ["24"]
    assert sorted(m.code for m in start.municipalities.all()) == ["2480", "2482"]
    assert str(start.opens_on) == "2025-01-01" and str(start.closes_on) == "2025-12-31"
    loan = mikrofonden.offerings.get()
    assert loan.kind == "funding" and loan.national
    assert set(Relation.objects.values_list("source_actor", "kind", "target_actor")) == {
        (mikrofonden.pk, "funds", coompanion.pk), (known.pk, "partner", coompanion.pk)}
    assert Relation.objects.get(kind="funds").source == "https://example.org/a"
    assert AuditEntry.objects.filter(action="actor.relation_created").count() == 2
    # The first revision holds the offerings too: the history starts complete.
    assert len(coompanion.latest_revision.content["offerings"]) == 1
    assert AuditEntry.objects.get(action="import.completed").data["relations"] == 2


def test_it_adds_offerings_to_an_actor_in_the_directory_with_a_new_revision(db, admin_user):
    known = make_actor("Almi Nord", sector_slug="public", kind="funder", org_number=org_number())
    make_offering(known, "funding", title="Lån")
    data = csv_bytes([{"actor": known.slug, "kind": "advice", "title_sv": "Rådgivning"}],
                     OFFERING_HEADER)

    report = actors_import(offerings_file=file(data, "erbjudanden.csv"), user=admin_user)

    assert report.ok and report.created == [] and report.offerings == 1, report.errors
    assert [o.title_sv for o in known.offerings.order_by("sort_order")] == ["Lån", "Rådgivning"]
    known.refresh_from_db()
    assert known.latest_revision.user == admin_user
    assert len(known.latest_revision.content["offerings"]) == 2


def test_a_dry_run_checks_everything_and_writes_nothing(db):
    report = run(csv_bytes([actor_row(), actor_row(name="Två", org_number="")]), dry_run=True)

    assert report.ok and report.rows == 2 and report.titles == ["Coompanion Västerbotten", "Två"]
    assert report.created == []
    assert nothing_imported()


def test_it_gives_every_actor_its_own_slug_and_never_a_reserved_one(db):
    make_actor("Map", slug="map-2")  # "map" itself is the map page's address
    report = run(csv_bytes([actor_row(name="Map", org_number=""),
                            actor_row(name="Network", org_number="")]), allow_similar=True)

    assert report.ok, report.errors
    assert sorted(Actor.objects.values_list("slug", flat=True)) == ["map-2", "map-3", "network-2"]


# --- Bad rows: nothing is written, and sheet, row and column are named -------------------------


@pytest.mark.parametrize("overrides, column, fragment", [
    ({"org_number": "556036-0794"}, "org_number", "check digit"),
    ({"org_number": "640823-3234"}, "org_number", "personal identity number"),
    ({"org_number": "55-60"}, "org_number", "ten digits"),
    ({"name": ""}, "name", ""),
    ({"sector": "government"}, "sector", "government"),
    ({"sector": ""}, "sector", "sector"),
    ({"type": "club"}, "type", "club"),
    ({"type": ""}, "type", ""),
    ({"home_municipality": "Gotham"}, "home_municipality", "Gotham"),
    ({"counties": "24;99"}, "counties", "99"),
    ({"municipalities": "9999"}, "municipalities", "9999"),
    ({"longitude": ""}, "longitude", "both"),
    ({"latitude": "95"}, "latitude", "90"),
    ({"latitude": "north"}, "latitude", "north"),
    ({"national": "maybe"}, "national", "maybe"),
    ({"sdgs": "8;18"}, "sdgs", "18"),
    ({"targets": "8.99"}, "targets", "8.99"),
    ({"themes": "no-such-theme"}, "themes", "no-such-theme"),
    ({"website": "example.org"}, "website", ""),
])
def test_one_bad_actor_row_writes_nothing_and_is_reported(db, overrides, column, fragment):
    rows = [actor_row(name="Första", org_number=""),
            actor_row(**{"name": "Rad tre", **overrides}),
            actor_row(name="Fjärde", org_number="")]

    with translation.override("en"):
        report = run(csv_bytes(rows))

    assert not report.ok
    assert [(e.sheet, e.row, e.column) for e in report.errors] == [("actors.csv", 3, column)]
    assert fragment in report.errors[0].message
    assert report.created == []
    assert nothing_imported()


def test_it_gives_the_org_number_reason_in_swedish_too(db):
    with translation.override("sv"):
        report = run(csv_bytes([actor_row(org_number="556036-0794")]))

    with translation.override("sv"):
        from sihub.actors.models import ORGNR_MESSAGES

        expected = str(ORGNR_MESSAGES["checksum"])
    assert [e.message for e in report.errors] == [expected]


@pytest.mark.parametrize("sheet, rows, column, fragment", [
    ("offerings", [{"actor": "Nobody AB", "kind": "advice", "title_sv": "X"}], "actor", "Nobody"),
    ("offerings", [{"actor": "556677-8899", "kind": "advice", "title_sv": "X"}], "actor",
     "organisation number"),
    ("offerings", [{"actor": NUMBER, "kind": "money", "title_sv": "X"}], "kind", "money"),
    ("offerings", [{"actor": NUMBER, "kind": "advice", "title_sv": ""}], "title_sv", ""),
    ("offerings", [{"actor": NUMBER, "kind": "advice", "title_sv": "X", "stages": "idea;late"}],
     "stages", "late"),
    ("offerings", [{"actor": NUMBER, "kind": "advice", "title_sv": "X", "opens_on": "2025-05-01",
                    "closes_on": "2025-04-01"}], "closes_on", "before"),
    ("offerings", [{"actor": NUMBER, "kind": "advice", "title_sv": "X", "opens_on": "1 maj"}],
     "opens_on", "1 maj"),
    ("relations", [{"from": NUMBER, "kind": "partner", "to": "Coompanion Västerbotten"}], "to",
     "itself"),
    ("relations", [{"from": NUMBER, "kind": "likes", "to": "Umeå kommun"}], "kind", "likes"),
    ("relations", [{"from": NUMBER, "kind": "funds", "to": "Umeå kommun"},
                   {"from": NUMBER, "kind": "funds", "to": "Umeå kommun"}], "kind", "Row 2"),
    ("relations", [{"from": NUMBER, "kind": "partner", "to": "Umeå kommun"},
                   {"from": "Umeå kommun", "kind": "partner", "to": NUMBER}], "kind", "Row 2"),
    ("relations", [{"from": NUMBER, "kind": "funds", "to": "Umeå kommun", "started_on": "2024-02-01",
                    "ended_on": "2023-01-01"}], "ended_on", "before"),
])
def test_a_bad_offering_or_relation_writes_nothing_not_even_the_actors(db, sheet, rows, column,
                                                                        fragment):
    header = OFFERING_HEADER if sheet == "offerings" else RELATION_HEADER
    data = workbook_bytes({
        "actors": (HEADER, [[actor_row()[h] for h in HEADER],
                            [actor_row(name="Umeå kommun", org_number="", sector="public",
                                       type="municipality")[h] for h in HEADER]]),
        sheet: (header, [[r.get(h, "") for h in header] for r in rows]),
    })

    with translation.override("en"):
        report = run(data, "all.xlsx")

    assert not report.ok
    assert [(e.sheet, e.column) for e in report.errors] == [(f"all.xlsx › {sheet}", column)]
    assert report.errors[0].row == len(rows) + 1
    assert fragment in report.errors[0].message
    assert nothing_imported() and not Relation.objects.exists()


def test_it_refuses_a_relation_already_in_the_directory_either_way_round_if_symmetric(db):
    a = make_actor("Alfa", org_number=org_number())
    b = make_actor("Beta", org_number=org_number())
    make_relation(a, b, "partner")
    make_relation(a, b, "funds")
    data = csv_bytes([{"from": "Beta", "kind": "partner", "to": "Alfa"},
                      {"from": "Alfa", "kind": "funds", "to": "Beta"},
                      {"from": "Beta", "kind": "funds", "to": "Alfa"}], RELATION_HEADER)

    report = actors_import(relations_file=file(data, "relations.csv"))

    assert [(e.row, e.column) for e in report.errors] == [(2, "kind"), (3, "kind")]
    assert Relation.objects.count() == 2


def test_a_name_shared_by_two_actors_must_be_given_as_an_org_number(db):
    make_actor("Stadsmissionen", slug="stadsmissionen-1")
    make_actor("Stadsmissionen", slug="stadsmissionen-2")
    data = csv_bytes([{"actor": "Stadsmissionen", "kind": "advice", "title_sv": "X"}],
                     OFFERING_HEADER)

    with translation.override("en"):
        report = actors_import(offerings_file=file(data, "o.csv"))

    assert [(e.row, e.column) for e in report.errors] == [(2, "actor")]
    assert "organisation number" in report.errors[0].message


def test_it_collects_every_error_of_every_row(db):
    report = run(csv_bytes([actor_row(sdgs="18", themes="nope"), actor_row(org_number=""),
                            actor_row(name="", type="x", org_number="")]))

    assert {(e.row, e.column) for e in report.errors} == {
        (2, "sdgs"), (2, "themes"), (4, "name"), (4, "type")}
    assert report.error_rows() == 2
    assert nothing_imported()


def test_it_reports_unknown_duplicate_and_missing_columns(db):
    report = run("namn,name,colour\nA,B,red\n".encode())

    assert {(e.row, e.column) for e in report.errors} >= {
        (1, "name"), (1, "colour"), (1, "sector")}
    assert nothing_imported()


# --- Likely duplicates ------------------------------------------------------------------------


def test_an_org_number_in_the_directory_is_an_error_whatever_its_spelling(db):
    make_actor("Coompanion", org_number=NUMBER)

    with translation.override("en"):
        report = run(csv_bytes([actor_row(name="Helt annat namn", org_number="5560360793")]))

    assert [(e.row, e.column) for e in report.errors] == [(2, "org_number")]
    assert "already in the directory: “Coompanion”" in report.errors[0].message
    assert Actor.objects.count() == 1


def test_the_same_org_number_twice_in_the_file_is_an_error(db):
    with translation.override("en"):
        report = run(csv_bytes([actor_row(), actor_row(name="Annat", org_number="16556036-0793")]))

    assert [(e.row, e.column, e.message) for e in report.errors] == [
        (3, "org_number", "Row 2 has the same organisation number.")]
    assert nothing_imported()


def test_a_similar_name_is_a_warning_and_nothing_is_written_until_confirmed(db):
    make_actor("Mikrofonden Väst ek. för.")

    with translation.override("en"):
        report = run(csv_bytes([actor_row(name="Mikrofonden Väst Ekonomisk förening",
                                          org_number=""),
                                actor_row(name="Helt annan förening", org_number="")]))

    assert report.ok and report.needs_confirmation
    assert [(w.row, w.column) for w in report.warnings] == [(2, "name")]
    assert "“Mikrofonden Väst ek. för.”" in report.warnings[0].message
    assert report.created == [] and nothing_imported(before=1)

    confirmed = run(csv_bytes([actor_row(name="Mikrofonden Väst Ekonomisk förening",
                                         org_number=""),
                               actor_row(name="Helt annan förening", org_number="")]),
                    allow_similar=True)

    assert confirmed.ok and len(confirmed.created) == 2
    assert AuditEntry.objects.get(action="import.completed").data["similar_confirmed"] == 1


def test_similar_names_within_the_file_are_a_warning(db):
    with translation.override("en"):
        report = run(csv_bytes([actor_row(name="Ung Företagsamhet AB", org_number=""),
                                actor_row(name="Ung företagsamhet", org_number="")]))

    assert [(w.row, w.message) for w in report.warnings] == [
        (3, "Looks like “Ung Företagsamhet AB” in row 2.")]


def test_actors_with_different_org_numbers_are_never_similar(db):
    make_actor("Mikrofonden Väst", org_number=org_number())

    report = run(csv_bytes([actor_row(name="Mikrofonden Väst")]))

    assert report.ok and not report.warnings and len(report.created) == 1


def test_it_normalises_legal_forms_away():
    assert normalise_name("Coompanion Göteborg ek. för.") == "coompanion göteborg"
    assert normalise_name("COOMPANION  Göteborg, Ekonomisk Förening") == "coompanion göteborg"
    assert normalise_name("Stiftelsen Allmänna Barnhuset") == "allmänna barnhuset"
    assert normalise_name("Leksell Social Ventures AB (publ)") == "leksell social ventures"
    assert normalise_name("Hyresgästföreningen, ideell förening") == "hyresgästföreningen"
    assert normalise_name("Umeå kommun") == "umeå kommun"  # not a legal form: tells apart
    assert normalise_name("AB") == ""


def test_the_name_index_finds_near_equal_names_in_any_word_order():
    index = NameIndex([normalise_name("Stadsmissionen i Stockholm"), normalise_name("Röda Korset")])

    assert [p for p, _s in index.similar(normalise_name("Stockholm Stadsmissionen i"))] == [0]
    assert index.similar(normalise_name("Röda Korsets ungdomsförbund")) == []
    assert index.add(normalise_name("Röda korset Umeå")) == 2
    assert [p for p, _s in index.similar(normalise_name("Röda Korset, Umeå"))] == [2]


def test_it_finds_similar_names_but_not_merely_related_ones():
    names = [normalise_name(n) for n in ("Coompanion Norrbotten", "Umeå universitet",
                                         "Leksell Social Venture", "Region Västernorrland")]

    assert [i for i, _s in similar_names(normalise_name("Leksell Social Ventures AB"), names)] == [2]
    assert similar_names(normalise_name("Coompanion Västerbotten"), names) == []
    assert similar_names(normalise_name("Region Västerbotten"), names) == []
    assert similar_names("", names) == []


# --- Files that cannot be imported at all ------------------------------------------------------


class Unreadable(io.BytesIO):
    def read(self, *args: Any) -> bytes:
        raise AssertionError("the file was read")


def test_it_refuses_an_oversized_file_before_reading_it(db):
    with pytest.raises(ImportFileError, match="5 MB"):
        actors_import(actors_file=ImportFile(Unreadable(), "big.csv", importing.MAX_BYTES + 1))
    assert nothing_imported()


def test_it_refuses_more_than_5000_rows(db):
    data = ("name,sector,type\n" + "".join(f"Aktör {i},public,agency\n"
                                           for i in range(importing.MAX_ROWS + 1))).encode()
    with pytest.raises(ImportFileError, match="5,000"):
        run(data)
    assert nothing_imported()


def test_it_refuses_a_workbook_that_unpacks_too_large(db, monkeypatch):
    data = workbook_bytes({"actors": (HEADER, [[actor_row()[h] for h in HEADER]])})
    monkeypatch.setattr(importing, "MAX_UNPACKED_BYTES", 1000)

    with pytest.raises(ImportFileError, match="5 MB"):
        run(data, "actors.xlsx")
    assert nothing_imported()


def test_it_refuses_the_same_table_twice_and_nothing_at_all(db):
    data = workbook_bytes({"actors": (HEADER, []), "offerings": (OFFERING_HEADER, [])})
    with pytest.raises(ImportFileError, match="twice"), translation.override("en"):
        actors_import(actors_file=file(data, "a.xlsx"),
                      offerings_file=file(csv_bytes([], OFFERING_HEADER), "o.csv"))
    with pytest.raises(ImportFileError), translation.override("en"):
        actors_import()


@pytest.mark.parametrize("filename, data", [
    ("actors.txt", b"name\nA\n"),
    ("actors.xlsx", b"name\nnot a zip\n"),
    ("actors.csv", "name\nFöreningen\n".encode("latin-1")),
    ("actors.csv", b""),
])
def test_it_refuses_files_it_cannot_read(db, filename, data):
    with pytest.raises(ImportFileError):
        run(data, filename)


def test_a_conflict_while_writing_leaves_nothing_behind(db):
    """Someone adds an actor with the same number between the check and the write."""
    def progress(stage: str, done: int, total: int) -> None:
        if stage == "checked" and done == total:
            make_actor("Kom före", org_number=NUMBER)

    report = run(csv_bytes([actor_row(name="Först", org_number=""), actor_row()]),
                 progress=progress)

    assert not report.ok and report.created == []
    assert list(Actor.objects.values_list("name", flat=True)) == ["Kom före"]
    assert not AuditEntry.objects.filter(action="import.completed").exists()


# --- Who may import --------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["member", "outsider", "analyst"])
def test_it_refuses_people_who_may_not_add_actors(persona, request):
    person = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        run(csv_bytes([actor_row()]), user=person)
    assert nothing_imported()


def test_it_records_the_person_who_imported(admin_user):
    report = run(csv_bytes([actor_row()]), user=admin_user)

    actor = Actor.objects.get(pk=report.created[0])
    assert actor.latest_revision.user == admin_user
    assert AuditEntry.objects.get(action="import.completed").actor_id == admin_user.pk


# --- The management command ------------------------------------------------------------------


def test_the_command_imports_and_reports_progress(db, tmp_path, capsys):
    actors = tmp_path / "actors.csv"
    actors.write_bytes(csv_bytes([actor_row(), actor_row(name="Två", org_number="")]))
    relations = tmp_path / "relations.csv"
    relations.write_bytes(csv_bytes([{"from": "Två", "kind": "funds", "to": NUMBER}],
                                    RELATION_HEADER))

    call_command("import_actors", str(actors), "--relations", str(relations))

    out = capsys.readouterr().out
    assert "checked 2/2" in out and "created 2/2" in out
    assert "Imported 2 actors, 0 offerings, 1 relations." in out
    assert Actor.objects.count() == 2 and Relation.objects.count() == 1


def test_the_command_dry_run_writes_nothing(db, tmp_path, capsys):
    path = tmp_path / "actors.csv"
    path.write_bytes(csv_bytes([actor_row()]))

    call_command("import_actors", str(path), "--dry-run")

    assert "Dry run: all rows are valid (1 actors" in capsys.readouterr().out
    assert nothing_imported()


def test_the_command_needs_allow_similar_for_similar_names(db, tmp_path, capsys):
    make_actor("Ung Företagsamhet")
    path = tmp_path / "actors.csv"
    path.write_bytes(csv_bytes([actor_row(name="Ung företagsamhet AB", org_number="")]))

    with pytest.raises(CommandError, match="Nothing was imported"), translation.override("en"):
        call_command("import_actors", str(path))
    assert Actor.objects.count() == 1

    call_command("import_actors", str(path), "--allow-similar")
    assert Actor.objects.count() == 2


def test_the_command_summarises_the_row_errors(db, tmp_path):
    path = tmp_path / "actors.csv"
    path.write_bytes(csv_bytes([actor_row(), actor_row(name="B", org_number="", sdgs="18")]))

    with pytest.raises(CommandError) as exc, translation.override("en"):
        call_command("import_actors", str(path))

    assert "1 row has errors; nothing was imported." in str(exc.value)
    assert "actors.csv, row 3, sdgs:" in str(exc.value)
    assert nothing_imported()


def test_the_command_explains_unreadable_input(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_actors", str(tmp_path / "missing.csv"))
    with pytest.raises(CommandError, match="Give a file"):
        call_command("import_actors")


# --- The admin: upload, check, confirm ---------------------------------------------------------

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.test import Client  # noqa: E402

from sihub.actors import admin_import  # noqa: E402  (registers the admin views)
from sihub.conftest import login  # noqa: E402

START = "/admin/import/actors/"
CONFIRM = "/admin/import/actors/confirm/"


@pytest.fixture
def pending_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(admin_import.PENDING, "directory", tmp_path / "pending")
    return tmp_path / "pending"


def upload(data: bytes, name: str = "actors.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


def test_an_importer_sees_the_form_with_the_columns(admin_user, pending_dir, settings):
    settings.LANGUAGE_CODE = "en"  # the admin in English: Swedish headers only as aliases
    html = login(admin_user).get(START).content.decode()

    assert 'name="actors_file"' in html and 'name="relations_file"' in html
    assert "org_number" in html and "organisationsnummer" in html and "erbjudanden" not in html
    assert "<caption" in html and 'scope="col"' in html


def test_the_dry_run_shows_row_errors_and_writes_nothing(admin_user, pending_dir):
    client = login(admin_user)
    data = csv_bytes([actor_row(), actor_row(name="B", org_number="", sdgs="18")])

    response = client.post(START, {"actors_file": upload(data)})

    html = response.content.decode()
    assert response.status_code == 200 and 'id="import-errors"' in html
    assert "<td>3</td>" in html and "<td>sdgs</td>" in html and "<td>actors.csv</td>" in html
    assert 'name="token"' not in html
    assert nothing_imported()


def test_a_checked_file_is_imported_on_confirmation_once(admin_user, pending_dir):
    client = login(admin_user)
    relations = csv_bytes([{"from": "Två", "kind": "funds", "to": NUMBER}], RELATION_HEADER)

    preview = client.post(START, {
        "actors_file": upload(csv_bytes([actor_row(), actor_row(name="Två", org_number="")])),
        "relations_file": upload(relations, "relationer.csv")})

    html = preview.content.decode()
    assert 'name="token"' in html and "Två" in html and "import-errors" not in html
    assert 'name="allow_similar"' not in html  # nothing to confirm about duplicates
    assert nothing_imported() and len(list(pending_dir.iterdir())) == 2
    token = client.session[admin_import.SESSION_KEY]["token"]

    response = client.post(CONFIRM, {"token": token})

    assert response.status_code == 302
    assert response["Location"] == "/admin/snippets/actors/actor/"  # the actors' listing
    assert Actor.objects.count() == 2 and Relation.objects.count() == 1
    assert AuditEntry.objects.get(action="import.completed").actor_id == admin_user.pk
    assert list(pending_dir.iterdir()) == []
    again = client.post(CONFIRM, {"token": token})
    assert again.status_code == 302 and again["Location"] == START
    assert Actor.objects.count() == 2


def test_similar_names_need_the_box_ticked(admin_user, pending_dir):
    make_actor("Ung Företagsamhet")
    client = login(admin_user)

    preview = client.post(START, {"actors_file": upload(csv_bytes([
        actor_row(name="Ung företagsamhet AB", org_number="")]))})

    html = preview.content.decode()
    assert 'id="import-warnings"' in html and "Ung Företagsamhet" in html
    assert 'name="allow_similar"' in html and '<label for="id_allow_similar">' in html
    token = client.session[admin_import.SESSION_KEY]["token"]

    unticked = client.post(CONFIRM, {"token": token})
    assert unticked.status_code == 200 and 'name="allow_similar"' in unticked.content.decode()
    assert Actor.objects.count() == 1

    ticked = client.post(CONFIRM, {"token": token, "allow_similar": "on"})
    assert ticked.status_code == 302
    assert Actor.objects.count() == 2
    assert list(pending_dir.iterdir()) == []


def test_the_confirmation_needs_the_csrf_token_and_this_sessions_token(admin_user, pending_dir):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user, backend="django.contrib.auth.backends.ModelBackend")
    client.get(START)
    csrf = client.cookies["csrftoken"].value
    client.post(START, {"actors_file": upload(csv_bytes([actor_row()])),
                        "csrfmiddlewaretoken": csrf})
    token = client.session[admin_import.SESSION_KEY]["token"]

    assert client.post(CONFIRM, {"token": token}).status_code == 403
    wrong = client.post(CONFIRM, {"token": "0" * 32, "csrfmiddlewaretoken": csrf})
    assert wrong.status_code == 302 and wrong["Location"] == START
    assert nothing_imported()
    assert client.post(CONFIRM, {"token": token, "csrfmiddlewaretoken": csrf}).status_code == 302
    assert Actor.objects.count() == 1


def test_the_view_refuses_files_it_cannot_read_or_none_at_all(admin_user, pending_dir):
    client = login(admin_user)
    big = upload(b"name\n" + b"x" * (5 * 1024 * 1024), "big.csv")

    for files in ({"actors_file": big}, {"actors_file": upload(b"x", "actors.pdf")},
                  {"offerings_file": upload(b"name\nnot a zip", "o.xlsx")}, {}):
        response = client.post(START, files)
        assert response.status_code == 200
        html = response.content.decode()
        assert 'name="token"' not in html and "import-errors" not in html
    assert nothing_imported()


def test_an_editor_may_import(editor, pending_dir):
    client = login(editor)
    client.post(START, {"actors_file": upload(csv_bytes([actor_row()]))})

    response = client.post(CONFIRM, {"token": client.session[admin_import.SESSION_KEY]["token"]})

    assert response.status_code == 302
    assert Actor.objects.get().latest_revision.user == editor


@pytest.mark.parametrize("persona", ["member", "outsider", "analyst", "facilitator"])
def test_people_who_may_not_add_actors_cannot_import(persona, request, pending_dir):
    person = request.getfixturevalue(persona)
    if person.has_perm("actors.add_actor"):
        pytest.fail("this persona may add actors; the test needs one who may not")
    client = login(person)

    assert client.get(START).status_code in (302, 403)
    response = client.post(START, {"actors_file": upload(csv_bytes([actor_row()]))})
    assert response.status_code in (302, 403)
    assert client.post(CONFIRM, {"token": "0" * 32}).status_code in (302, 403)
    assert nothing_imported()


def test_anonymous_visitors_are_sent_to_log_in(client, db, pending_dir):
    response = client.post(START, {"actors_file": upload(csv_bytes([actor_row()]))})

    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client.post(CONFIRM, {"token": "0" * 32}).status_code == 302
    assert nothing_imported()
