"""The export of members and commitments: CSV and XLSX, contacts for managers only."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from sihub.coalitions.tests.work_fixtures import add_partner, make_commitment, member_of
from sihub.conftest import login


def export_url(coalition, fmt: str, what: str | None = None) -> str:
    path = reverse("coalitions:export", args=[coalition.pk, fmt])
    return f"{path}?what={what}" if what else path


def rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_it_exports_members_as_csv_without_emails_for_members(coalition_a, member_a):
    partner, _ = add_partner(coalition_a)
    response = login(member_a).get(export_url(coalition_a, "csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    header, *body = rows(response)
    assert header == ["organisation", "sector", "role", "status", "joined"]
    assert len(body) == 2
    assert {r[2] for r in body} == {"initiator", "partner"}
    assert "@" not in response.content.decode()


def test_it_gives_managers_the_contact_people(coalition_a, member_a, facilitator):
    header, *body = rows(login(facilitator).get(export_url(coalition_a, "csv", "members")))
    assert header[-2:] == ["contact_name", "contact_email"]
    assert body[0][-1] == member_a.email


def test_it_exports_commitments_as_csv(coalition_a, member_a):
    make_commitment(member_of(coalition_a, member_a), kind="money", amount=1500, unit="SEK",
                    description="=HYPERLINK(\"http://evil\")", days_overdue=3)
    header, *body = rows(login(member_a).get(export_url(coalition_a, "csv", "commitments")))
    assert header == ["organisation", "kind", "description", "amount", "unit", "due_on",
                      "status", "overdue_days"]
    [row] = body
    assert row[1:5] == ["money", "'=HYPERLINK(\"http://evil\")", "1500.00", "SEK"]
    assert row[-1] == "3"


def test_it_exports_both_sheets_as_xlsx(coalition_a, member_a, editor):
    from openpyxl import load_workbook

    make_commitment(member_of(coalition_a, member_a), description="Timmar")
    response = login(editor).get(export_url(coalition_a, "xlsx"))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["members", "commitments"]
    members = list(workbook["members"].iter_rows(values_only=True))
    assert members[0] == ("organisation", "sector", "role", "status", "joined")
    assert len(members) == 2
    assert list(workbook["commitments"].iter_rows(values_only=True))[1][2] == "Timmar"
    assert not any("@" in str(v) for row in members for v in row if v)


def test_it_refuses_unknown_formats_and_sections(coalition_a, member_a):
    client = login(member_a)
    assert client.get(export_url(coalition_a, "json")).status_code == 404
    assert client.get(export_url(coalition_a, "csv", "passwords")).status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_it_keeps_exports_inside_the_workspace(fmt, coalition_a, coalition_b, member_b,
                                               outsider):
    assert login(member_b).get(export_url(coalition_a, fmt)).status_code == 404
    assert Client().get(export_url(coalition_a, fmt)).status_code == 404
    assert Client().get(export_url(coalition_b, fmt)).status_code == 403
    assert login(outsider).get(export_url(coalition_b, fmt)).status_code == 403
    assert login(member_b).get(export_url(coalition_b, fmt)).status_code == 200
