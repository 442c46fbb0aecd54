"""The surveys API: questions of published questionnaires, public rounds, aggregates only.

Tested on the router through ninja's TestClient (the lead mounts it at /api/v1/surveys).
"""

from __future__ import annotations

import json

import pytest
from ninja.testing import TestClient

from sihub.surveys.api import router
from sihub.surveys.models import QuestionnaireStatus, RoundStatus
from sihub.surveys.tests.conftest import FULL_ANSWERS, make_questionnaire, make_response, make_round

pytestmark = pytest.mark.django_db

PLANTED_STORY = "Vi heter Anna Andersson på Solrosens kooperativ och mejlar anna@example.org."


@pytest.fixture
def client():
    return TestClient(router)


def answers(sector: str, measure: str, optimism: int, **more):
    return {**FULL_ANSWERS, "q_sector": sector, "q_measure": measure, "q_optimism": optimism,
            "q_story": PLANTED_STORY, **more}


@pytest.fixture
def public_round(questionnaire, settings):
    """A closed round with public results: 6 civil, 6 public, 1 private (+ 2 not counted)."""
    settings.SIHUB_SURVEYS_MIN_GROUP = 3
    survey_round = make_round(questionnaire, "monitor-2025", status=RoundStatus.CLOSED,
                              results_public=True)
    for i in range(6):
        make_response(survey_round, answers("civil", "yes" if i < 3 else "no", 4))
    for i in range(6):
        make_response(survey_round, answers("public", "yes" if i < 3 else "no", 2))
    make_response(survey_round, answers("private", "no", 5))
    make_response(survey_round, answers("private", "no", 1), submitted=False)
    make_response(survey_round, answers("private", "no", 1), excluded=True)
    return survey_round


def by_code(items):
    return {item["code"]: item for item in items}


# --- Questionnaires -----------------------------------------------------------------------


def test_it_lists_published_questionnaires_with_questions_in_the_language_asked(client):
    published = make_questionnaire()
    make_questionnaire(status=QuestionnaireStatus.DRAFT, version=2)
    response = client.get("?lang=en")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["results"][0]
    assert (item["id"], item["family"], item["version"]) == (published.pk, "monitor", 1)
    assert item["title"] == "The monitor"
    assert [s["key"] for s in item["sections"]] == ["organisation", "impact", "finance"]
    questions = by_code(q for s in item["sections"] for q in s["questions"])
    assert questions["q_sector"]["options"][2] == {"code": "civil", "label": "Civil society"}
    assert questions["q_sector"]["dimension"] == "sector"
    assert questions["q_optimism"]["min_label"] == "Low"
    assert questions["q_optimism"]["maximum"] == 5
    assert questions["q_barriers"]["rows"][0]["label"] == "Finance"
    assert questions["q_measure_how"]["show_if"] == {"question": "q_measure",
                                                     "values": ["yes"]}
    assert questions["q_staff"]["bins"] == [1, 9, 49]
    assert item["sections"][2]["show_if"] == {"question": "q_stage", "values": ["growth"]}


def test_swedish_is_the_default_language(client, questionnaire):
    item = client.get("").json()["results"][0]
    assert item["title"] == "Monitorn"
    assert item["sections"][0]["questions"][0]["text"] == "Sektor"


def test_one_questionnaire_by_id_and_drafts_are_404(client, questionnaire):
    draft = make_questionnaire(status=QuestionnaireStatus.DRAFT, version=2)
    retired = make_questionnaire(status=QuestionnaireStatus.RETIRED, version=3)
    assert client.get(f"/{questionnaire.pk}").json()["id"] == questionnaire.pk
    assert client.get(f"/{draft.pk}").status_code == 404
    assert client.get("/999999").status_code == 404
    assert client.get(f"/{retired.pk}").status_code == 200  # old rounds used it
    assert [q["id"] for q in client.get("").json()["results"]] == [questionnaire.pk]


# --- Rounds -------------------------------------------------------------------------------


def test_it_lists_only_rounds_with_public_results_and_counts_counted_responses(
        client, public_round, questionnaire):
    make_round(questionnaire, "hidden-2025", status=RoundStatus.CLOSED)  # results not public
    make_round(questionnaire, "draft-2027", status=RoundStatus.DRAFT, results_public=True)
    body = client.get("/rounds?lang=en").json()
    assert [r["slug"] for r in body["results"]] == ["monitor-2025"]
    item = body["results"][0]
    assert item == {**item, "id": public_round.pk, "title": "The monitor 2025",
                    "questionnaire": questionnaire.pk, "status": "closed", "responses": 13}


# --- Results ------------------------------------------------------------------------------


def test_results_give_counts_percentages_and_means(client, public_round):
    response = client.get(f"/rounds/{public_round.pk}/results?lang=en")
    assert response.status_code == 200
    body = response.json()
    assert body["min_group"] == 3
    assert body["round"]["responses"] == 13
    questions = by_code(body["questions"])
    measure = questions["q_measure"]
    assert (measure["shown"], measure["answered"]) == (13, 13)
    assert by_code(measure["counts"])["yes"] == {"code": "yes", "label": "Yes", "count": 6,
                                                 "percent": 46.2}
    optimism = questions["q_optimism"]
    assert optimism["mean"] == 3.15  # (6 × 4 + 6 × 2 + 5) / 13
    assert optimism["median"] == 4.0


def test_results_hide_small_groups(client, public_round):
    sector = by_code(client.get(f"/rounds/{public_round.pk}/results").json()["questions"])[
        "q_sector"]
    counts = {c["code"]: (c["count"], c["percent"]) for c in sector["counts"]}
    # private = 1 is hidden, and public (6) with it: else 13 − 6 − 6 would give it away.
    assert counts == {"public": (None, None), "private": (None, None), "civil": (6, 46.2)}


def test_results_never_carry_free_text_or_respondents(client, public_round):
    raw = client.get(f"/rounds/{public_round.pk}/results?by=sector").content.decode()
    assert "Anna" not in raw and "example.org" not in raw and "Solros" not in raw
    assert FULL_ANSWERS["q_measure_how"] not in raw
    body = json.loads(raw)
    story = by_code(body["questions"])["q_story"]
    assert story["answered"] == 13
    assert "texts" not in story and story["counts"] == []
    for name in ("responses", "invitations", "respondents", "email", "answers"):
        assert name not in body
    assert "q_story" not in {t["question"] for t in body["breakdown"]["tables"]}


def test_results_by_sector_are_crosstabs_with_suppression(client, public_round):
    body = client.get(f"/rounds/{public_round.pk}/results?by=sector&lang=en").json()
    breakdown = body["breakdown"]
    assert (breakdown["by"], breakdown["question"]) == ("sector", "q_sector")
    tables = {t["question"]: t for t in breakdown["tables"]}
    assert "q_sector" not in tables
    measure = tables["q_measure"]
    assert [(g["code"], g["answered"]) for g in measure["groups"]] == [
        ("public", 6), ("private", None), ("civil", 6)]
    yes, no = measure["rows"]
    # The private group (1) is hidden; its "yes" (0) would follow from 6 − 3 − 3, so
    # public's "yes" goes too, and then public's "no" (else 6 − hidden).
    assert [c["count"] for c in yes["cells"]] == [None, None, 3]
    assert [c["count"] for c in no["cells"]] == [None, None, 3]
    assert yes["cells"][2]["percent"] == 50.0
    assert yes["total"] == {"count": 6, "percent": 46.2}
    optimism = tables["q_optimism"]
    assert optimism["means"] == [2.0, None, 4.0]


def test_unknown_breakdown_is_invalid_and_missing_dimension_gives_none(client, public_round):
    assert client.get(f"/rounds/{public_round.pk}/results?by=colour").status_code == 422
    other = make_questionnaire(family="other", body=[])
    empty_round = make_round(other, "other-2025", status=RoundStatus.CLOSED,
                             results_public=True)
    result = client.get(f"/rounds/{empty_round.pk}/results?by=size").json()
    assert result["breakdown"] is None and result["questions"] == []


def test_a_whole_question_is_hidden_below_min_group(client, public_round, settings):
    settings.SIHUB_SURVEYS_MIN_GROUP = 14
    measure = by_code(client.get(f"/rounds/{public_round.pk}/results").json()["questions"])[
        "q_measure"]
    assert measure["suppressed"] is True
    assert all(c["count"] is None and c["percent"] is None for c in measure["counts"])


def test_rounds_without_public_results_are_404(client, questionnaire):
    hidden = make_round(questionnaire, "hidden-2025", status=RoundStatus.CLOSED)
    make_response(hidden, answers("civil", "yes", 4))
    draft = make_round(questionnaire, "draft-2027", status=RoundStatus.DRAFT,
                       results_public=True)
    assert client.get(f"/rounds/{hidden.pk}/results").status_code == 404
    assert client.get(f"/rounds/{draft.pk}/results").status_code == 404
    assert client.get("/rounds/999999/results").status_code == 404
