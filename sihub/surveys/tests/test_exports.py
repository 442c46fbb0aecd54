"""The anonymised dataset and its codebook: columns, codes, no identities, rights."""

from __future__ import annotations

import copy
import csv
import io
import random
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from sihub.conftest import login
from sihub.core.models import AuditEntry
from sihub.surveys import exports
from sihub.surveys.models import Invitation
from sihub.surveys.tests.conftest import (
    FULL_ANSWERS,
    SMALL_BODY,
    make_questionnaire,
    make_response,
    make_round,
    option,
    question,
)

pytestmark = pytest.mark.django_db

# A start-up that does not measure: the finance section and q_measure_how are not shown.
STARTUP = {"q_sector": "public", "q_region": "north", "q_size": "large", "q_stage": "startup",
           "q_staff": 3, "q_sdgs": ["1"], "q_measure": "no", "q_optimism": 2,
           "q_barriers": {"finance": "small", "skills": "big"}}


def answers(**changes: Any) -> dict[str, Any]:
    return {**FULL_ANSWERS, **changes}


def read_csv(content: bytes) -> list[dict[str, str]]:
    assert content.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def by_staff(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Rows by their (unique in these tests) number of employees."""
    return {str(row["q_staff"]): row for row in rows}


@pytest.fixture
def filled_round(survey_round):
    """Six counted responses, one unfinished and one left out."""
    make_response(survey_round, answers())
    make_response(survey_round, STARTUP)
    # Shown but not answered (an older answer set): the optimism scale is missing.
    make_response(survey_round, {k: v for k, v in answers(q_staff=40).items()
                                 if k != "q_optimism"})
    for staff in (5, 6, 7):
        make_response(survey_round, answers(q_staff=staff, q_sector="public"))
    make_response(survey_round, answers(q_staff=999), submitted=False)
    make_response(survey_round, answers(q_staff=998), excluded=True)
    return survey_round


def test_it_writes_one_row_per_counted_response_with_answer_codes(filled_round):
    table = exports.dataset(filled_round, coarsen=False)
    assert table.fields == (
        "respondent", "round", "language", "q_sector", "q_region", "q_size", "q_stage",
        "q_staff", "q_sdgs__1", "q_sdgs__4", "q_sdgs__8", "q_sdgs__10", "q_measure",
        "q_optimism", "q_barriers__finance", "q_barriers__skills", "q_profit")
    rows = by_staff(table.records)
    assert sorted(rows) == ["12", "3", "40", "5", "6", "7"]  # not 999 or 998
    full = rows["12"]
    assert full["round"] == "monitor-2026" and full["language"] == "sv"
    assert (full["q_sector"], full["q_region"], full["q_stage"]) == ("civil", "north", "growth")
    assert [full[f"q_sdgs__{g}"] for g in (1, 4, 8, 10)] == [0, 1, 0, 1]
    assert (full["q_barriers__finance"], full["q_barriers__skills"]) == ("big", "small")
    assert (full["q_optimism"], full["q_profit"]) == (4, "even")
    startup = rows["3"]
    assert startup["q_profit"] == exports.NOT_SHOWN == "NA"
    assert [startup[f"q_sdgs__{g}"] for g in (1, 4, 8, 10)] == [1, 0, 0, 0]
    assert rows["40"]["q_optimism"] == exports.NOT_ANSWERED == ""


def test_respondent_numbers_run_in_a_shuffled_order(filled_round):
    counted = list(filled_round.responses.filter(status="submitted", excluded=False)
                   .order_by("submitted_at", "pk"))
    staff_by_pk = {r.pk: str(r.answers["q_staff"]) for r in counted}
    in_submission_order = [staff_by_pk[r.pk] for r in counted]
    records = exports.dataset(filled_round, rng=random.Random(7)).records
    assert [r["respondent"] for r in records] == list(range(1, 7))
    in_export_order = [str(r["q_staff"]) for r in records]
    assert in_export_order != in_submission_order
    assert sorted(in_export_order) == sorted(in_submission_order)
    pk_of = {staff: pk for pk, staff in staff_by_pk.items()}
    assert [pk_of[s] for s in in_export_order] != [r["respondent"] for r in records]


def test_the_order_is_never_the_order_of_answering():
    class NoShuffle(random.Random):
        def shuffle(self, x):  # type: ignore[override]
            return None

    assert exports._shuffled([1, 2, 3], NoShuffle()) == [2, 3, 1]
    assert exports._shuffled([1], NoShuffle()) == [1]


def test_it_holds_no_identities_even_when_the_round_records_them(named_round):
    from sihub.actors.tests.factories import make_actor

    actor = make_actor("Kvarnens Sociala Företag")
    invitation = Invitation.objects.create(round=named_round, email="lena.larsson@example.org",
                                           name="Lena Larsson", actor=actor,
                                           token_digest="x" * 64, submitted_at=timezone.now())
    from sihub.core.models import User

    person = User.objects.create_user("per.persson@example.org", "a long password 123")
    make_response(named_round, answers(), invitation=invitation, actor=actor,
                  client_digest="c" * 64)
    make_response(named_round, STARTUP, user=person, actor=actor)
    content, filename, rows = exports.data_file(named_round, "csv")
    text = content.decode("utf-8-sig")
    assert (filename, rows) == ("named-2026-data.csv", 2)
    for secret in ("lena", "Larsson", "example.org", "Kvarnens", "c" * 20, "per.persson",
                   FULL_ANSWERS["q_story"], FULL_ANSWERS["q_measure_how"], "samtycker",
                   timezone.localdate().isoformat(), timezone.localdate().isoformat()[:7]):
        assert secret not in text
    header = read_csv(content)[0].keys()
    assert not {"user", "actor", "invitation", "email", "submitted_at", "q_story",
                "q_measure_how"} & set(header)
    assert sorted(r["respondent"] for r in read_csv(content)) == ["1", "2"]


def test_free_text_comes_only_when_asked_and_says_so_in_the_file_name(survey_round):
    make_response(survey_round, answers())
    content, filename, _rows = exports.data_file(survey_round, "csv", include_text=True)
    assert filename == "monitor-2026-data-free-text.csv"
    (row,) = read_csv(content)
    assert row["q_story"] == FULL_ANSWERS["q_story"]
    assert row["q_measure_how"] == FULL_ANSWERS["q_measure_how"]


def test_formula_like_text_is_defused(survey_round):
    survey_round.title_sv = "=HYPERLINK(\"http://evil.example\")"
    survey_round.save()
    make_response(survey_round, answers(q_story="=1+2", q_staff=-3))
    content, _name, _rows = exports.data_file(survey_round, "csv", include_text=True)
    (row,) = read_csv(content)
    assert row["q_story"] == "'=1+2"
    assert row["q_staff"] == "-3"  # a number stays a number
    book, _name = exports.codebook_file(survey_round, "csv")
    assert '"\'=HYPERLINK' in book.decode("utf-8-sig")
    workbook, _name, _rows = exports.data_file(survey_round, "xlsx", include_text=True)
    sheet = load_workbook(io.BytesIO(workbook))["data"]
    header = [c.value for c in sheet[1]]
    story = sheet.cell(row=2, column=header.index("q_story") + 1)
    assert story.value == "=1+2" and story.data_type == "s"  # text, not a formula


def _three_regions() -> list[dict[str, Any]]:
    body = copy.deepcopy(SMALL_BODY)
    body[0]["value"]["questions"][1] = question(
        "single_choice", "q_region", "Region", "Region", dimension="region",
        options=[option("north", "Norr", "North"), option("south", "Söder", "South"),
                 option("east", "Öst", "East")])
    return body


def test_regions_with_too_few_respondents_are_hidden(settings):
    settings.SIHUB_SURVEYS_MIN_GROUP = 3
    survey_round = make_round(make_questionnaire(family="three", body=_three_regions()))
    for staff, region in ((1, "north"), (2, "north"), (3, "north"), (4, "south"),
                          (5, "south"), (6, "east")):
        make_response(survey_round, answers(q_staff=staff, q_region=region))
    rows = by_staff(exports.dataset(survey_round).records)
    assert [rows[s]["q_region"] for s in "123456"] == ["north"] * 3 + ["hidden"] * 3
    rows = by_staff(exports.dataset(survey_round, coarsen=False).records)
    assert [rows[s]["q_region"] for s in "456"] == ["south", "south", "east"]


def test_a_single_small_region_takes_the_next_smallest_with_it(survey_round, settings):
    settings.SIHUB_SURVEYS_MIN_GROUP = 3
    for staff in range(1, 7):
        make_response(survey_round, answers(q_staff=staff))  # north
    make_response(survey_round, answers(q_staff=7, q_region="south"))
    # Hiding south alone would leave "hidden" meaning "south".
    assert {r["q_region"] for r in exports.dataset(survey_round).records} == {"hidden"}
    assert exports.hidden_regions({"a": 9, "b": 4, "c": 1}, 3) == {"b", "c"}
    assert exports.hidden_regions({"a": 9, "b": 4, "c": 1, "d": 2}, 3) == {"c", "d"}
    assert exports.hidden_regions({"a": 9, "b": 4}, 3) == set()


def codebook_values(table: exports.Table) -> dict[str, dict[str, dict[str, Any]]]:
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for record in table.records:
        out.setdefault(record["variable"], {})[str(record["value"])] = record
    return out


def test_the_codebook_explains_every_column_and_value(filled_round):
    data = exports.dataset(filled_round, include_text=True)
    book = codebook_values(exports.codebook(filled_round, include_text=True))
    assert list(book) == list(data.fields)
    for field in data.fields[3:]:
        kind = next(iter(book[field].values()))["kind"]
        if kind in ("number", "short_text", "long_text"):
            continue
        for record in data.records:
            assert str(record[field]) in book[field], (field, record[field])
    assert book["q_sector"]["civil"]["label_en"] == "Civil society"
    assert book["q_sector"]["civil"]["required"] == "yes"
    assert "NA" not in book["q_sector"]  # always shown
    assert book["q_sdgs__4"]["1"]["question_en"] == "Goals: Goal 4"
    assert book["q_sdgs__4"]["0"]["label_sv"] == "inte vald"
    assert book["q_optimism"]["1"]["label_en"] == "1 – Low"
    assert book["q_optimism"]["5"]["label_sv"] == "5 – Hög"
    assert book["q_staff"]["0..100000"]["label_en"] == (
        "whole number (people), at least 0, at most 100000")
    assert book["q_barriers__skills"]["big"]["question_sv"] == "Hinder: Kompetens"
    how = book["q_measure_how"]
    assert how["NA"]["label_en"].startswith("The question was not shown")
    assert how["text"]["shown_if_en"] == (
        "Shown only if the answer to q_measure “Do you measure?” is “Yes” (yes).")
    assert book["q_profit"]["NA"]["shown_if_sv"] == (
        "Visas bara om svaret på q_stage “Fas” är “Tillväxt” (growth).")
    assert "hidden" in book["q_region"] and "hidden" not in book["q_sector"]
    assert book["respondent"]["1..6"]["label_en"].startswith("Running number")
    assert set(book["language"]) == {"sv", "en"}
    assert book["round"]["monitor-2026"]["label_sv"] == "Monitorn 2026"


def test_the_workbook_holds_data_and_codebook(filled_round):
    content, filename, rows = exports.data_file(filled_round, "xlsx")
    assert (filename, rows) == ("monitor-2026-data.xlsx", 6)
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["data", "codebook"]
    data_header = [c.value for c in workbook["data"][1]]
    assert workbook["data"].max_row == 7
    described = {row[0] for row in workbook["codebook"].iter_rows(min_row=2, values_only=True)}
    assert described == set(data_header)
    assert "q_story" not in data_header


# --- Views ----------------------------------------------------------------------------------


def _url(name: str, survey_round, fmt: str = "csv") -> str:
    return reverse(f"surveys:{name}", kwargs={"pk": survey_round.pk, "fmt": fmt})


def test_it_lets_an_editor_take_the_anonymised_data(filled_round, editor):
    response = login(editor).get(_url("export", filled_round))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="monitor-2026-data.csv"' in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    assert len(read_csv(response.content)) == 6
    entry = AuditEntry.objects.get(action="surveys.export")
    assert entry.actor_id == editor.pk and entry.target_id == str(filled_round.pk)
    assert entry.data == {"what": "data", "format": "csv", "free_text": False, "rows": 6}


def test_it_refuses_free_text_to_an_editor_and_gives_it_to_an_analyst(filled_round, editor,
                                                                       analyst):
    assert login(editor).get(_url("export", filled_round) + "?text=1").status_code == 403
    assert not AuditEntry.objects.filter(action="surveys.export").exists()
    response = login(analyst).get(_url("export", filled_round, "xlsx") + "?text=1")
    assert response.status_code == 200
    assert "monitor-2026-data-free-text.xlsx" in response["Content-Disposition"]
    header = [c.value for c in load_workbook(io.BytesIO(response.content))["data"][1]]
    assert "q_story" in header
    assert AuditEntry.objects.get(action="surveys.export").data["free_text"] is True


def test_it_gives_the_codebook(filled_round, facilitator):
    response = login(facilitator).get(_url("codebook", filled_round, "xlsx"))
    assert response.status_code == 200
    assert "monitor-2026-codebook.xlsx" in response["Content-Disposition"]
    assert load_workbook(io.BytesIO(response.content)).sheetnames == ["codebook"]
    response = login(facilitator).get(_url("codebook", filled_round))
    assert {r["variable"] for r in read_csv(response.content)} >= {"q_story", "q_sdgs__10"}
    assert AuditEntry.objects.filter(action="surveys.export", data__what="codebook").count() == 2


def test_it_refuses_members_outsiders_and_the_anonymous(filled_round, member, outsider, client):
    for name in ("export", "codebook"):
        url = _url(name, filled_round)
        assert login(member).get(url).status_code == 403
        assert login(outsider).get(url).status_code == 403
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]
    assert not AuditEntry.objects.filter(action="surveys.export").exists()


def test_it_404s_unknown_formats_and_rounds(filled_round, analyst):
    staff = login(analyst)
    assert staff.get(_url("export", filled_round, "json")).status_code == 404
    assert staff.get(_url("codebook", filled_round, "pdf")).status_code == 404
    missing = reverse("surveys:export", kwargs={"pk": filled_round.pk + 100, "fmt": "csv"})
    assert staff.get(missing).status_code == 404
