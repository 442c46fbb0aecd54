"""The value map as XLSX: export in the guide's layout, import back all-or-nothing."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal as D
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from sihub.conftest import login
from sihub.core.importing import ImportFileError
from sihub.core.models import AuditEntry
from sihub.impact import services
from sihub.impact.models import FinancialProxy, ValueMapRow
from sihub.impact.tests.conftest import fresh, outcome_with_indicator
from sihub.impact.tests.sroi_fixtures import known_map
from sihub.impact.valuemap_xlsx import COLUMNS, value_map_import_xlsx, value_map_workbook

pytestmark = pytest.mark.django_db

FIELDS = ("stakeholder_id", "outcome_id", "indicator_id", "quantity", "proxy_id", "proxy_value",
          "proxy_source", "deadweight", "displacement", "attribution", "drop_off",
          "duration_years", "starts_after_activity", "position")


@pytest.fixture(autouse=True)
def _english():
    """The workbook's headers and messages are checked in English (tests start in Swedish)."""
    with translation.override("en"):
        yield


def snapshot(initiative: Any) -> list[tuple[Any, ...]]:
    return [tuple(getattr(r, f) for f in FIELDS)
            for r in ValueMapRow.objects.filter(initiative=initiative).order_by("position", "pk")]


@pytest.fixture
def proxy(db) -> FinancialProxy:
    return FinancialProxy.objects.create(
        key="anstalt-dygn", name_sv="Anstaltsdygn", name_en="Prison day", value_sek=D(3202),
        unit="SEK per dygn", base_year=2019, source_title="Årsredovisning 2019",
        source_publisher="Kriminalvården")


@pytest.fixture
def two_rows(initiative_a, lead_a, proxy) -> Any:
    """A known row with own value, plus a late-starting library-proxy row on another outcome."""
    first = known_map(initiative_a, lead_a)
    indicator = outcome_with_indicator(initiative_a, lead_a, indicator="Återfall",
                                       stakeholder="Samhället")
    services.value_map_row_create(initiative=initiative_a, user=lead_a, fields={
        "stakeholder": indicator.outcome.stakeholder, "outcome": indicator.outcome,
        "indicator": None, "quantity": D("12.5"), "proxy": proxy,
        "deadweight": D("0.1234"), "displacement": D(0), "attribution": D("0.3"),
        "drop_off": D("0.2"), "duration_years": 5, "starts_after_activity": True,
        "position": 1})
    return first


def as_file(data: bytes, name: str = "map.xlsx") -> io.BytesIO:
    f = io.BytesIO(data)
    f.name = name
    return f


def sheet_of(data: bytes) -> Any:
    return load_workbook(io.BytesIO(data)).active


def header_row(sheet: Any) -> int:
    for row in sheet.iter_rows(min_row=1, max_row=20):
        if row[0].value == str(COLUMNS[0][1]):
            return row[0].row
    raise AssertionError("no header row")


def test_it_exports_the_guides_columns_with_numbers_and_percent_formats(two_rows, lead_a):
    initiative = two_rows.initiative
    with translation.override("en"):
        sheet = sheet_of(value_map_workbook(initiative))
    assert sheet["A2"].value == "Initiative" and sheet["B2"].value == initiative.title
    assert sheet["B3"].value == 100000 and sheet["B4"].value == pytest.approx(0.035)
    assert "%" in sheet["B4"].number_format
    top = header_row(sheet)
    headers = [c.value for c in sheet[top]]
    assert headers[:6] == ["Stakeholder", "Outcome", "Indicator", "Quantity",
                           "Financial proxy", "Source"]
    assert headers[-3:] == ["Duration (years)", "Starts (during/after)", "Impact (SEK)"]
    first = {h: c for h, c in zip(headers, sheet[top + 1], strict=False)}
    assert first["Quantity"].value == 10
    assert first["Deadweight"].value == pytest.approx(0.25)
    assert first["Deadweight"].number_format.endswith("%")
    assert first["Impact (SEK)"].value == 108000
    second = {h: c.value for h, c in zip(headers, sheet[top + 2], strict=False)}
    assert second["Financial proxy"] == "Prison day"
    assert second["Starts (during/after)"] == "after"
    assert second["Value per unit (SEK)"] == 3202


def test_it_round_trips_export_and_import(two_rows, lead_a):
    initiative = two_rows.initiative
    before = snapshot(initiative)
    for language in ("en", "sv"):
        with translation.override(language):
            data = value_map_workbook(initiative)
        report = value_map_import_xlsx(initiative=initiative, user=lead_a, file=as_file(data))
        assert report.ok, report.errors
        assert (report.created, report.deleted) == (2, 2)
        assert snapshot(initiative) == before
    initiative.refresh_from_db()
    assert (initiative.inputs_total, initiative.discount_rate) == (D(100000), D("0.035"))
    assert AuditEntry.objects.filter(action="impact.value_map_imported").count() == 2


def test_it_writes_nothing_when_one_row_has_a_bad_percentage(two_rows, lead_a):
    initiative = two_rows.initiative
    before = snapshot(initiative)
    data = value_map_workbook(initiative)
    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    top = header_row(sheet)
    column = [c.value for c in sheet[top]].index(str(COLUMNS[9][1])) + 1  # attribution
    sheet.cell(row=top + 2, column=column, value=1.5)
    sheet.cell(row=top + 1, column=1).value = "Unga 16–24"  # the good row stays good
    out = io.BytesIO()
    book.save(out)
    report = value_map_import_xlsx(initiative=initiative, user=lead_a,
                                   file=as_file(out.getvalue()))
    assert not report.ok
    assert [e.row for e in report.errors] == [top + 2]
    assert report.errors[0].column == str(COLUMNS[9][1])
    assert "100 %" in report.errors[0].message
    assert (report.created, report.deleted) == (0, 0)
    assert snapshot(initiative) == before


def workbook_bytes(rows: list[list[Any]], block: list[list[Any]] | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    for line in block or []:
        sheet.append(line)
    sheet.append([str(label) for _key, label in COLUMNS])
    for line in rows:
        sheet.append(line)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_it_names_unknown_stakeholders_outcomes_and_proxies(initiative_a, lead_a):
    known_map(initiative_a, lead_a)
    data = workbook_bytes([
        ["Nobody", "Får arbete", "", 1, "", "", 100, 0, 0, 0, 0, 1, "during"],
        ["Unga 16–24", "Something else", "", 1, "", "", 100, 0, 0, 0, 0, 1, "during"],
        ["Unga 16–24", "Får arbete", "", 1, "no-such-proxy", "", "", 0, 0, 0, 0, 1, "later"],
    ])
    with translation.override("en"):
        report = value_map_import_xlsx(initiative=initiative_a, user=lead_a,
                                       file=as_file(data))
    messages = [(e.row, e.column, e.message) for e in report.errors]
    assert (2, "Stakeholder", "This initiative has no stakeholder group “Nobody”.") in messages
    assert any(row == 3 and column == "Outcome" for row, column, _m in messages)
    assert any(row == 4 and column == "Financial proxy" for row, column, _m in messages)
    assert any(row == 4 and column == "Starts (during/after)" for row, column, _m in messages)
    assert ValueMapRow.objects.count() == 1


def test_it_reads_values_not_formulas_and_accepts_percent_text(initiative_a, lead_a):
    known_map(initiative_a, lead_a)
    data = workbook_bytes([
        ["Unga 16–24", "Får arbete", "I arbete", "=1+1", "", "'=HYPERLINK(\"x\")", 100,
         "25 %", "0,1", 0, 0, 1, "during"],
    ])
    with translation.override("en"):
        report = value_map_import_xlsx(initiative=initiative_a, user=lead_a,
                                       file=as_file(data))
    # A formula has no cached value in a file openpyxl wrote: it is read as empty, never run.
    assert [(e.column, e.message) for e in report.errors] == [("Quantity", "A value is required.")]
    data = workbook_bytes([
        ["Unga 16–24", "Får arbete", "I arbete", 3, "", "'=HYPERLINK(\"x\")", 100,
         "25 %", "0,1", 0, 0, 1, "during"],
    ])
    report = value_map_import_xlsx(initiative=initiative_a, user=lead_a, file=as_file(data))
    assert report.ok, report.errors
    row = ValueMapRow.objects.get()
    assert (row.quantity, row.deadweight, row.displacement) == (3, D("0.25"), D("0.1"))
    assert row.proxy_source == '=HYPERLINK("x")'


def test_it_exports_formula_like_text_as_text(initiative_a, lead_a):
    row = known_map(initiative_a, lead_a, proxy_source="=cmd|' /C calc'!A0")
    sheet = sheet_of(value_map_workbook(row.initiative))
    cells = [c for line in sheet.iter_rows() for c in line if c.value and "cmd" in str(c.value)]
    assert cells and all(c.data_type == "s" and c.value.startswith("'=") for c in cells)


def test_it_refuses_files_that_are_not_workbooks(initiative_a, lead_a):
    with pytest.raises(ImportFileError):
        value_map_import_xlsx(initiative=initiative_a, user=lead_a,
                              file=as_file(b"stakeholder,outcome\n"))
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:  # a zip, but not a workbook
        z.writestr("hello.txt", "hello")
    with pytest.raises(ImportFileError):
        value_map_import_xlsx(initiative=initiative_a, user=lead_a,
                              file=as_file(archive.getvalue()))


def test_it_refuses_a_workbook_without_the_header_row(initiative_a, lead_a):
    book = Workbook()
    book.active.append(["Name", "Value"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(ImportFileError):
        value_map_import_xlsx(initiative=initiative_a, user=lead_a, file=as_file(out.getvalue()))


def test_it_rejects_a_bad_inputs_cell_in_the_header_block(two_rows, lead_a):
    data = workbook_bytes([], block=[["Total value of inputs (SEK)", 0], []])
    with translation.override("en"):
        report = value_map_import_xlsx(initiative=two_rows.initiative, user=lead_a,
                                       file=as_file(data))
    assert [e.row for e in report.errors] == [1]
    assert ValueMapRow.objects.count() == 2


# --- Through the view -------------------------------------------------------------------------


def import_url(initiative: Any) -> str:
    with translation.override("en"):
        return reverse("impact:value_map_import", args=[initiative.pk])


def test_it_imports_through_the_page_and_redirects(two_rows, lead_a):
    initiative = two_rows.initiative
    client = login(fresh(lead_a))
    export = client.get(reverse("impact:value_map_export", args=[initiative.pk])).content
    upload = SimpleUploadedFile("map.xlsx", export)
    response = client.post(import_url(initiative), {"file": upload})
    assert response.status_code == 302
    assert ValueMapRow.objects.filter(initiative=initiative).count() == 2


def test_it_lists_row_errors_on_the_page(two_rows, lead_a):
    data = workbook_bytes([["Nobody", "x", "", 1, "", "", 1, 0, 0, 0, 0, 1, "during"]])
    response = login(fresh(lead_a)).post(import_url(two_rows.initiative),
                                         {"file": SimpleUploadedFile("map.xlsx", data)})
    assert response.status_code == 400
    body = response.content.decode()
    assert "nothing was imported" in body and "Nobody" in body
    assert ValueMapRow.objects.count() == 2


def test_it_rejects_other_file_types_and_oversize_uploads(two_rows, lead_a, monkeypatch):
    client = login(fresh(lead_a))
    csv = client.post(import_url(two_rows.initiative),
                      {"file": SimpleUploadedFile("map.csv", b"a,b\n")})
    assert csv.status_code == 400 and "xlsx" in csv.content.decode()
    monkeypatch.setattr("sihub.impact.forms_sroi.MAX_BYTES", 10)
    big = client.post(import_url(two_rows.initiative),
                      {"file": SimpleUploadedFile("map.xlsx", b"x" * 100)})
    assert big.status_code == 400 and "too large" in big.content.decode()
    assert ValueMapRow.objects.count() == 2
