"""Importing good examples: every row checked, all rows written or none."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook

from sihub.cases.importers import CASES
from sihub.cases.models import CaseIndexPage, CasePage
from sihub.core import importing
from sihub.core.importing import ImportFileError, pages_import
from sihub.core.models import AuditEntry

HEADER = ["title", "summary", "challenge", "solution", "target_groups", "actors_involved",
          "stage", "county_code", "municipality_code", "sdgs", "targets", "themes", "website",
          "contact_name", "contact_email"]


def row(**overrides: str) -> dict[str, str]:
    return {
        "title": "Läxhjälp i Umeå", "summary": "Frivilliga hjälper elever.",
        "challenge": "Skolresultat, ojämlikhet", "solution": "Studenter och föreningar; gratis",
        "target_groups": "Elever i årskurs 7–9", "actors_involved": "Umeå kommun\nUmeå universitet",
        "stage": "implementation", "county_code": "24", "municipality_code": "2480",
        "sdgs": "4;10", "targets": "4.1;8.5", "themes": "education;children-youth",
        "website": "https://example.org/laxhjalp", "contact_name": "Karin Kontakt",
        "contact_email": "karin@example.org", **overrides,
    }


def csv_bytes(rows: list[dict[str, str]], *, delimiter: str = ",", bom: bool = False,
              header: list[str] | None = None) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header or HEADER)
    for r in rows:
        writer.writerow([r.get(h, "") for h in HEADER])
    return ("\ufeff" if bom else "").encode() + out.getvalue().encode("utf-8")


def xlsx_bytes(rows: list[list[Any]], header: list[str]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for r in rows:
        sheet.append(r)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def run(index: CaseIndexPage, data: bytes, filename: str = "cases.csv",
        **kwargs: Any) -> importing.ImportReport:
    return pages_import(importer=CASES, index_page=index, source=io.BytesIO(data),
                        filename=filename, size=len(data), **kwargs)


@pytest.fixture
def index(demo_site) -> CaseIndexPage:
    page = CaseIndexPage(title="Goda exempel", slug="goda-exempel")
    demo_site["sv"].add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def index_en(demo_site) -> CaseIndexPage:
    page = CaseIndexPage(title="Good examples", slug="good-examples")
    demo_site["en"].refresh_from_db()  # the fixture's copy has a stale url_path
    demo_site["en"].add_child(instance=page)
    page.save_revision().publish()
    return page


def nothing_written() -> bool:
    return (not CasePage.objects.exists()
            and not AuditEntry.objects.filter(action="import.completed").exists())


# --- A valid file -----------------------------------------------------------------------


def test_it_imports_a_valid_csv_as_drafts_with_fields_and_tags(index):
    data = csv_bytes([row(), row(title="Matbanken", stage="", county_code="01",
                                 municipality_code="", sdgs="2", targets="", themes="food")])

    report = run(index, data)

    assert report.ok and report.rows == 2 and len(report.created) == 2
    first, second = (CasePage.objects.get(pk=pk) for pk in report.created)
    assert first.get_parent().pk == index.pk and first.locale_id == index.locale_id
    assert not first.live and first.latest_revision is not None
    assert first.title == "Läxhjälp i Umeå" and first.slug == "laxhjalp-i-umea"
    assert first.challenge == "Skolresultat, ojämlikhet"
    assert first.actors_involved == "Umeå kommun\nUmeå universitet"
    assert first.stage == "implementation" and second.stage == "pilot"  # blank: the default
    assert sorted(g.number for g in first.sdgs.all()) == [4, 8, 10]  # 8.5 brings goal 8
    assert sorted(t.code for t in first.sdg_targets.all()) == ["4.1", "8.5"]
    assert sorted(t.slug for t in first.themes.all()) == ["children-youth", "education"]
    assert [c.code for c in first.counties.all()] == ["24"]
    assert [m.code for m in first.municipalities.all()] == ["2480"]
    assert first.contact_email == "karin@example.org"
    entry = AuditEntry.objects.get(action="import.completed")
    assert entry.target_id == str(index.pk)
    assert entry.data == {"kind": "cases", "rows": 2, "created": 2, "published": False}


def test_it_publishes_when_asked(index):
    report = run(index, csv_bytes([row()]), publish=True)

    page = CasePage.objects.get(pk=report.created[0])
    assert page.live and page.first_published_at is not None
    assert AuditEntry.objects.get(action="import.completed").data["published"] is True


def test_it_creates_the_pages_in_the_language_of_the_index(index_en):
    report = run(index_en, csv_bytes([row(title="Homework help")]))

    page = CasePage.objects.get(pk=report.created[0])
    assert page.locale.language_code == "en"


def test_it_infers_the_county_from_the_municipality(index):
    report = run(index, csv_bytes([row(county_code="", municipality_code="180")]))

    page = CasePage.objects.get(pk=report.created[0])
    assert [m.code for m in page.municipalities.all()] == ["0180"]
    assert [c.code for c in page.counties.all()] == ["01"]


def test_it_reads_swedish_headers_semicolons_and_a_byte_order_mark(index):
    swedish = ["Titel", "Sammanfattning", "Utmaning", "Lösning", "Målgrupper", "Aktörer",
               "Fas", "Länskod", "Kommunkod", "Globala mål", "Delmål", "Teman", "Webbplats",
               "Kontaktperson", "E-post"]
    data = csv_bytes([row(), row(title="Andra, med komma")], delimiter=";", bom=True,
                     header=swedish)

    report = run(index, data)

    assert report.ok, report.errors
    assert sorted(CasePage.objects.values_list("title", flat=True)) == [
        "Andra, med komma", "Läxhjälp i Umeå"]
    assert CasePage.objects.get(title="Andra, med komma").summary == "Frivilliga hjälper elever."


def test_it_accepts_choice_labels_in_swedish_or_english(index):
    report = run(index, csv_bytes([row(stage="Scaling"), row(title="B", stage="PILOT")]))

    assert report.ok, report.errors
    assert sorted(CasePage.objects.values_list("stage", flat=True)) == ["pilot", "scaling"]


def test_it_imports_an_xlsx_file(index):
    header = ["Titel", "summary", "challenge", "solution", "sdgs", "targets", "county_code",
              "municipality_code", "themes"]
    data = xlsx_bytes([
        ["Läxhjälp", "S", "C", "L", 4, "4.1", 24, 2480, "education"],
        ["Matbanken", "S", "C", "L", "2;12", None, None, None, None],
        [None, None, None, None, None, None, None, None, None],  # blank rows are skipped
    ], header)

    report = run(index, data, filename="cases.xlsx")

    assert report.ok, report.errors
    page = CasePage.objects.get(title="Läxhjälp")
    assert [g.number for g in page.sdgs.all()] == [4]
    assert [c.code for c in page.counties.all()] == ["24"]
    assert [m.code for m in page.municipalities.all()] == ["2480"]
    assert sorted(g.number for g in CasePage.objects.get(title="Matbanken").sdgs.all()) == [2, 12]


# --- One bad row: nothing is written, and the row and column are named ----------------


@pytest.mark.parametrize("overrides, column, fragment", [
    ({"sdgs": "4;18"}, "sdgs", "18"),
    ({"targets": "8.99"}, "targets", "8.99"),
    ({"themes": "no-such-theme"}, "themes", "no-such-theme"),
    ({"county_code": "01", "municipality_code": "2480"}, "municipality_code", "Umeå"),
    ({"municipality_code": "9999"}, "municipality_code", "9999"),
    ({"county_code": "99"}, "county_code", "99"),
    ({"title": ""}, "title", ""),
    ({"solution": ""}, "solution", ""),
    ({"stage": "done"}, "stage", "done"),
    ({"contact_email": "karin-at-example"}, "contact_email", ""),
    ({"website": "example.org"}, "website", ""),
    ({"title": "x" * 300}, "title", "255"),
])
def test_one_bad_row_writes_nothing_and_is_reported(index, overrides, column, fragment):
    data = csv_bytes([row(), row(**{"title": "Rad tre", **overrides}), row()])

    report = run(index, data, publish=True)

    assert not report.ok
    assert [(e.row, e.column) for e in report.errors] == [(3, column)]
    assert fragment in report.errors[0].message
    assert report.created == []
    assert nothing_written()


def test_it_collects_every_error_of_every_row(index):
    data = csv_bytes([row(sdgs="18", themes="nope"), row(), row(title="", stage="x")])

    report = run(index, data)

    assert {(e.row, e.column) for e in report.errors} == {
        (2, "sdgs"), (2, "themes"), (4, "title"), (4, "stage")}
    assert report.error_rows() == 2
    assert nothing_written()


def test_a_dry_run_checks_everything_and_writes_nothing(index):
    report = run(index, csv_bytes([row(), row(title="Två")]), dry_run=True)

    assert report.ok and report.rows == 2 and report.titles == ["Läxhjälp i Umeå", "Två"]
    assert report.created == []
    assert nothing_written()


def test_it_gives_every_page_its_own_slug(index):
    run(index, csv_bytes([row()]))
    report = run(index, csv_bytes([row(), row()]))

    assert report.ok
    assert sorted(CasePage.objects.values_list("slug", flat=True)) == [
        "laxhjalp-i-umea", "laxhjalp-i-umea-2", "laxhjalp-i-umea-3"]


# --- Files that cannot be imported at all ----------------------------------------------


class Unreadable(io.BytesIO):
    def read(self, *args: Any) -> bytes:
        raise AssertionError("the file was read")


def test_it_refuses_an_oversized_file_before_reading_it(index):
    with pytest.raises(ImportFileError, match="5 MB"):
        pages_import(importer=CASES, index_page=index, source=Unreadable(),
                     filename="big.csv", size=importing.MAX_BYTES + 1)
    assert nothing_written()


def test_it_refuses_a_file_whose_size_was_understated(index):
    data = b"title\n" + b"x\n" * (importing.MAX_BYTES // 2 + 1)
    with pytest.raises(ImportFileError, match="5 MB"):
        pages_import(importer=CASES, index_page=index, source=io.BytesIO(data),
                     filename="big.csv", size=10)


def test_it_refuses_more_than_5000_rows(index):
    data = ("title\n" + "".join(f"Exempel {i}\n" for i in range(importing.MAX_ROWS + 1))).encode()
    with pytest.raises(ImportFileError, match="5,000"):
        run(index, data)
    assert nothing_written()


@pytest.mark.parametrize("filename, data", [
    ("cases.txt", b"title\nA\n"),
    ("cases.xlsx", b"title\nnot a zip\n"),
    ("cases.csv", "title\nLäxhjälp\n".encode("latin-1")),
    ("cases.csv", b""),
])
def test_it_refuses_files_it_cannot_read(index, filename, data):
    with pytest.raises(ImportFileError):
        run(index, data, filename=filename)


def test_it_reports_unknown_duplicate_and_missing_columns(index):
    data = "summary,sdg,sdgs,colour\nS,3,4,red\n".encode()

    report = run(index, data)

    assert {(e.row, e.column) for e in report.errors} >= {
        (1, "sdgs"), (1, "colour"), (1, "title")}
    assert nothing_written()


# --- Who may import ----------------------------------------------------------------------


def test_it_refuses_a_person_who_may_not_add_pages_there(index, member, analyst):
    for person in (member, analyst):
        with pytest.raises(PermissionDenied):
            run(index, csv_bytes([row()]), actor=person)
    assert nothing_written()


def test_it_records_the_person_who_imported(index, editor):
    report = run(index, csv_bytes([row()]), actor=editor, publish=True)

    page = CasePage.objects.get(pk=report.created[0])
    assert page.owner == editor and page.live
    assert AuditEntry.objects.get(action="import.completed").actor_id == editor.pk


# --- The management command ----------------------------------------------------------------


def test_the_command_imports_and_reports_progress(index, tmp_path, capsys):
    path = tmp_path / "cases.csv"
    path.write_bytes(csv_bytes([row(), row(title="Två")]))

    call_command("import_cases", str(path), "--index-page", str(index.pk), "--publish")

    out = capsys.readouterr().out
    assert "checked 2/2" in out and "created 2/2" in out
    assert "Imported 2 cases published" in out
    assert CasePage.objects.filter(live=True).count() == 2


def test_the_command_dry_run_writes_nothing(index, tmp_path, capsys):
    path = tmp_path / "cases.csv"
    path.write_bytes(csv_bytes([row()]))

    call_command("import_cases", str(path), "--index-page", str(index.pk), "--dry-run")

    assert "Dry run: all 1 rows are valid" in capsys.readouterr().out
    assert nothing_written()


def test_the_command_summarises_the_row_errors(index, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_bytes(csv_bytes([row(), row(sdgs="18")]))

    with pytest.raises(CommandError) as exc, translation.override("en"):
        call_command("import_cases", str(path), "--index-page", str(index.pk))

    assert "1 row has errors; nothing was imported." in str(exc.value)
    assert "row 3, sdgs:" in str(exc.value)
    assert nothing_written()


def test_the_command_refuses_an_oversized_file(index, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_bytes(b"title\n" + b"x" * importing.MAX_BYTES)

    with pytest.raises(CommandError, match="5 MB"):
        call_command("import_cases", str(path), "--index-page", str(index.pk))


def test_the_command_needs_a_good_examples_index(index, demo_site, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_bytes(csv_bytes([row()]))

    with pytest.raises(CommandError, match="is not a good examples index"), \
            translation.override("en"):
        call_command("import_cases", str(path), "--index-page", str(demo_site["sv"].pk))
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_cases", str(tmp_path / "missing.csv"), "--index-page", str(index.pk))
