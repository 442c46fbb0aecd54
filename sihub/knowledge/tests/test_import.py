"""Importing publications, and the admin import view (dry run, then confirm)."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import translation
from openpyxl import Workbook

from sihub.cases.models import CaseIndexPage, CasePage
from sihub.conftest import login
from sihub.core.importing import ImportReport, pages_import
from sihub.core.models import AuditEntry
from sihub.knowledge import wagtail_hooks
from sihub.knowledge.importers import PUBLICATIONS
from sihub.knowledge.models import PublicationIndexPage, PublicationPage

HEADER = ["title", "authors", "publisher", "year", "language", "type", "abstract",
          "external_url", "doi", "isbn", "sdgs", "themes"]
VALID_ISBN = "978-0-306-40615-7"


def row(**overrides: str) -> dict[str, str]:
    return {
        "title": "Social innovation i Sverige", "authors": "Anna Forskare; Bo Utredare",
        "publisher": "Kompetenscentret", "year": "2023", "language": "sv", "type": "report",
        "abstract": "En kartläggning.", "external_url": "https://example.org/rapport.pdf",
        "doi": "10.1234/si.2023", "isbn": VALID_ISBN, "sdgs": "8;10",
        "themes": "social-procurement", **overrides,
    }


def csv_bytes(rows: list[dict[str, str]], *, delimiter: str = ",", bom: bool = False,
              header: list[str] | None = None) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header or HEADER)
    for r in rows:
        writer.writerow([r.get(h, "") for h in HEADER])
    return ("\ufeff" if bom else "").encode() + out.getvalue().encode("utf-8")


def run(index: PublicationIndexPage, data: bytes, filename: str = "pubs.csv",
        **kwargs: Any) -> ImportReport:
    return pages_import(importer=PUBLICATIONS, index_page=index, source=io.BytesIO(data),
                        filename=filename, size=len(data), **kwargs)


@pytest.fixture
def index(demo_site) -> PublicationIndexPage:
    page = PublicationIndexPage(title="Publikationer", slug="publikationer")
    demo_site["sv"].add_child(instance=page)
    page.save_revision().publish()
    return page


def nothing_written() -> bool:
    return (not PublicationPage.objects.exists()
            and not AuditEntry.objects.filter(action="import.completed").exists())


# --- Publications -------------------------------------------------------------------------


def test_it_imports_valid_publications(index):
    report = run(index, csv_bytes([row(), row(title="A guide", language="English",
                                              type="Guide", isbn="", doi="", sdgs="")]))

    assert report.ok, report.errors
    report_page = PublicationPage.objects.get(title="Social innovation i Sverige")
    assert report_page.authors == "Anna Forskare; Bo Utredare"
    assert (report_page.year, report_page.language, report_page.publication_type) == (
        2023, "sv", "report")
    assert report_page.abstract == "En kartläggning."
    assert report_page.isbn == VALID_ISBN and report_page.doi == "10.1234/si.2023"
    assert sorted(g.number for g in report_page.sdgs.all()) == [8, 10]
    assert [t.slug for t in report_page.themes.all()] == ["social-procurement"]
    guide = PublicationPage.objects.get(title="A guide")
    assert (guide.language, guide.publication_type) == ("en", "guide")
    assert not guide.live
    assert AuditEntry.objects.get(action="import.completed").data["kind"] == "publications"


def test_it_imports_publications_from_xlsx_with_numbers_in_cells(index):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Titel", "Författare", "År", "Språk", "Typ", "Länk", "ISBN", "Globala mål"])
    sheet.append(["Rapporten", "A. Forskare", 2021, "svenska", "Report",
                  "https://example.org/r", 9780306406157, 8])
    out = io.BytesIO()
    workbook.save(out)

    report = run(index, out.getvalue(), filename="publikationer.xlsx", publish=True)

    assert report.ok, report.errors
    page = PublicationPage.objects.get()
    assert page.live and page.year == 2021 and page.isbn == "9780306406157"
    assert [g.number for g in page.sdgs.all()] == [8]


@pytest.mark.parametrize("overrides, column", [
    ({"isbn": "978-0-306-40615-8"}, "isbn"),
    ({"doi": "doi:10.1234"}, "doi"),
    ({"year": "20x3"}, "year"),
    ({"year": "1850"}, "year"),
    ({"external_url": ""}, "external_url"),  # neither PDF nor link
    ({"type": "podcast"}, "type"),
    ({"language": "de"}, "language"),
    ({"authors": ""}, "authors"),
    ({"sdgs": "0"}, "sdgs"),
])
def test_one_bad_publication_writes_nothing_and_is_reported(index, overrides, column):
    report = run(index, csv_bytes([row(), row(**overrides)]), publish=True)

    assert [(e.row, e.column) for e in report.errors] == [(3, column)]
    assert nothing_written()


def test_the_publications_command_imports_and_summarises_errors(index, tmp_path, capsys):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_bytes(csv_bytes([row()], delimiter=";", bom=True))
    bad.write_bytes(csv_bytes([row(isbn="123")]))

    with pytest.raises(CommandError, match=r"row 2, isbn: “123” is not a valid ISBN"), \
            translation.override("en"):
        call_command("import_publications", str(bad), "--index-page", str(index.pk))
    call_command("import_publications", str(good), "--index-page", str(index.pk))

    assert "Imported 1 publications as drafts" in capsys.readouterr().out
    assert PublicationPage.objects.count() == 1


# --- The admin view -----------------------------------------------------------------------

START = "/admin/import/"
CONFIRM = "/admin/import/confirm/"


@pytest.fixture(autouse=True)
def pending_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(wagtail_hooks.PENDING, "directory", tmp_path / "pending")
    return tmp_path / "pending"


def upload(data: bytes, name: str = "pubs.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


def test_an_editor_sees_the_form_with_the_indexes_and_columns(index, editor):
    html = login(editor).get(START).content.decode()

    assert "Publikationer" in html
    assert "external_url" in html and "författare" in html


def test_the_dry_run_shows_row_errors_and_writes_nothing(index, editor):
    client = login(editor)
    data = csv_bytes([row(), row(sdgs="18"), row(isbn="123")])

    response = client.post(START, {"index": index.pk, "file": upload(data)})

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="import-errors"' in html
    assert "<td>3</td>" in html and "<td>sdgs</td>" in html
    assert "<td>4</td>" in html and "<td>isbn</td>" in html
    assert 'name="token"' not in html  # nothing to confirm
    assert nothing_written()


def test_an_editor_confirms_a_checked_file_and_it_is_imported(index, editor, pending_dir):
    client = login(editor)
    data = csv_bytes([row(), row(title="Andra rapporten")])

    preview = client.post(START, {"index": index.pk, "file": upload(data), "publish": "on"})

    assert preview.status_code == 200
    html = preview.content.decode()
    assert 'name="token"' in html and "Andra rapporten" in html
    assert "import-errors" not in html
    assert nothing_written()  # the dry run saved nothing
    token = client.session[wagtail_hooks.SESSION_KEY]["token"]

    response = client.post(CONFIRM, {"token": token})

    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{index.pk}/"
    assert PublicationPage.objects.filter(live=True).count() == 2
    entry = AuditEntry.objects.get(action="import.completed")
    assert entry.actor_id == editor.pk
    assert list(pending_dir.iterdir()) == []  # the kept file is gone
    # The same confirmation cannot import twice.
    assert client.post(CONFIRM, {"token": token}).status_code == 302
    assert PublicationPage.objects.count() == 2


def test_the_view_imports_good_examples_under_their_index(demo_site, editor):
    cases = CaseIndexPage(title="Goda exempel", slug="goda-exempel")
    demo_site["sv"].add_child(instance=cases)
    client = login(editor)
    data = b"titel;sammanfattning;utmaning;l\xc3\xb6sning\nL\xc3\xa4xhj\xc3\xa4lp;S;C;L\n"

    client.post(START, {"index": cases.pk, "file": upload(data, "exempel.csv")})
    client.post(CONFIRM, {"token": client.session[wagtail_hooks.SESSION_KEY]["token"]})

    page = CasePage.objects.get()
    assert page.title == "Läxhjälp" and not page.live


def test_the_confirmation_needs_the_csrf_token(index, editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    client.get(START)
    csrf = client.cookies["csrftoken"].value
    client.post(START, {"index": index.pk, "file": upload(csv_bytes([row()])),
                        "csrfmiddlewaretoken": csrf})
    token = client.session[wagtail_hooks.SESSION_KEY]["token"]

    forged = client.post(CONFIRM, {"token": token})

    assert forged.status_code == 403
    assert nothing_written()
    genuine = client.post(CONFIRM, {"token": token, "csrfmiddlewaretoken": csrf})
    assert genuine.status_code == 302
    assert PublicationPage.objects.count() == 1


def test_the_confirmation_needs_the_token_of_this_session(index, editor):
    client = login(editor)
    client.post(START, {"index": index.pk, "file": upload(csv_bytes([row()]))})

    response = client.post(CONFIRM, {"token": "0" * 32})

    assert response.status_code == 302 and response["Location"] == START
    assert nothing_written()


def test_the_view_refuses_files_it_cannot_read(index, editor):
    client = login(editor)
    big = upload(b"title\n" + b"x" * (5 * 1024 * 1024), "big.csv")

    for bad in (big, upload(b"x", "pubs.pdf")):
        response = client.post(START, {"index": index.pk, "file": bad})
        assert response.status_code == 200
        assert 'name="token"' not in response.content.decode()
    assert nothing_written()


def test_the_view_refuses_an_index_the_editor_may_not_use(index, editor, demo_site):
    response = login(editor).post(START, {"index": demo_site["sv"].pk,
                                          "file": upload(csv_bytes([row()]))})

    assert response.status_code == 200  # the form says the choice is not valid
    assert "import-errors" not in response.content.decode()
    assert nothing_written()


@pytest.mark.parametrize("persona", ["member", "analyst"])
def test_people_without_page_rights_cannot_import(index, persona, request):
    client = login(request.getfixturevalue(persona))

    assert client.get(START).status_code == 302
    response = client.post(START, {"index": index.pk, "file": upload(csv_bytes([row()]))})
    assert response.status_code == 302
    assert client.post(CONFIRM, {"token": "0" * 32}).status_code == 302
    assert nothing_written()


def test_anonymous_visitors_are_sent_to_log_in(client, index):
    response = client.post(START, {"index": index.pk, "file": upload(csv_bytes([row()]))})

    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client.post(CONFIRM, {"token": "0" * 32}).status_code == 302
    assert nothing_written()
