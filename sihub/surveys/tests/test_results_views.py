"""The staff results pages of a round: who may see them, and the numbers they show.

The data set (``data``): three counted responses, one in progress and one
left out; the last two would change every figure if they were counted.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from sihub.actors.tests.factories import make_actor
from sihub.conftest import login
from sihub.core.models import AuditEntry
from sihub.sdg.models import Goal
from sihub.surveys import tokens
from sihub.surveys.models import Invitation, SurveyResponse
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

AGGREGATE_PAGES = ["results", "crosstab", "free_text"]
RAW_PAGES = ["responses"]


def answers(**changes: Any) -> dict[str, Any]:
    out = copy.deepcopy(FULL_ANSWERS)
    out.update(changes)
    return {k: v for k, v in out.items() if v is not None}


@pytest.fixture
def data(survey_round) -> dict[str, SurveyResponse]:
    """Counted: civil/north (optimism 4), public/south start-up that does not measure
    (optimism 2), public/north (optimism 5). Not counted: a private one in progress and a
    private one left out."""
    return {
        "civil": make_response(survey_round, answers(), text_sdgs={"q_story": [4, 8]}),
        "startup": make_response(survey_round, answers(
            q_sector="public", q_region="south", q_optimism=2, q_stage="startup",
            q_measure="no", q_measure_how=None, q_profit=None,
            q_story="Vi driver ett kafé med praktikplatser."), text_sdgs={"q_story": [8]}),
        "public": make_response(survey_round, answers(q_sector="public", q_optimism=5,
                                                      q_story=None)),
        "in_progress": make_response(survey_round, answers(q_sector="private", q_optimism=1),
                                     submitted=False),
        "excluded": make_response(survey_round, answers(q_sector="private", q_optimism=1,
                                                        q_story="Räknas inte."),
                                  excluded=True, flag="duplicate"),
    }


def url(name: str, survey_round: Any, *args: Any) -> str:
    return reverse(f"surveys:{name}", args=[survey_round.pk if hasattr(survey_round, "pk")
                                            else survey_round, *args])


def result(page: Any, code: str) -> Any:
    """The ResultView of question ``code`` in a results page's context."""
    for section in page.context["sections"]:
        for item in section.results:
            if item.code == code:
                return item
    raise AssertionError(code)


def counts(item: Any) -> dict[str, tuple[int | None, float | None]]:
    return {c.code: (c.count, None if c.percent is None else round(c.percent, 1))
            for c in item.result.counts}


# --- Who may see what ------------------------------------------------------------------------


def test_it_sends_anonymous_visitors_to_log_in(client, survey_round, data):
    pages = [url(n, survey_round) for n in AGGREGATE_PAGES + RAW_PAGES]
    pages += [url("response", survey_round, data["civil"].pk),
              reverse("surveys:compare") + f"?a={survey_round.pk}"]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 302, page
        assert "login" in response.url and "next=" in response.url
    assert client.post(url("response", survey_round, data["civil"].pk),
                       {"action": "exclude"}).status_code == 302
    assert not SurveyResponse.objects.get(pk=data["civil"].pk).excluded


@pytest.mark.parametrize("persona", ["member", "outsider"])
def test_it_refuses_people_without_a_staff_role(request, persona, survey_round, data):
    client = login(request.getfixturevalue(persona))
    for name in AGGREGATE_PAGES + RAW_PAGES:
        assert client.get(url(name, survey_round)).status_code == 403, name
    assert client.get(url("response", survey_round, data["civil"].pk)).status_code == 403
    assert client.get(reverse("surveys:compare") + f"?a={survey_round.pk}").status_code == 403
    assert client.get(reverse("surveys:compare")).status_code == 403


@pytest.mark.parametrize("persona", ["editor", "facilitator"])
def test_editors_and_facilitators_see_aggregates_but_no_single_response(
        request, persona, survey_round, data):
    client = login(request.getfixturevalue(persona))
    for name in AGGREGATE_PAGES:
        assert client.get(url(name, survey_round)).status_code == 200, name
    assert client.get(reverse("surveys:compare") + f"?a={survey_round.pk}").status_code == 200
    assert client.get(url("responses", survey_round)).status_code == 403
    assert client.get(url("response", survey_round, data["civil"].pk)).status_code == 403
    response = client.post(url("response", survey_round, data["civil"].pk), {"action": "exclude"})
    assert response.status_code == 403
    assert not SurveyResponse.objects.get(pk=data["civil"].pk).excluded
    # The tab to the responses is not offered either.
    assert url("responses", survey_round) not in client.get(url("results", survey_round)
                                                            ).content.decode()


@pytest.mark.parametrize("persona", ["analyst", "admin_user"])
def test_analysts_see_everything(request, persona, survey_round, data):
    client = login(request.getfixturevalue(persona))
    for name in AGGREGATE_PAGES + RAW_PAGES:
        assert client.get(url(name, survey_round)).status_code == 200, name
    assert client.get(url("response", survey_round, data["civil"].pk)).status_code == 200
    assert client.get(reverse("surveys:compare")).status_code == 200


def test_an_unknown_round_or_response_is_not_found(analyst, survey_round, data):
    client = login(analyst)
    for name in AGGREGATE_PAGES + RAW_PAGES:
        assert client.get(url(name, 99999)).status_code == 404, name
    assert client.get(url("response", 99999, data["civil"].pk)).status_code == 404
    assert client.get(reverse("surveys:compare") + "?a=99999").status_code == 404
    # A response of another round is not found through this one.
    other = make_round(survey_round.questionnaire, "other-2027")
    assert client.get(url("response", other, data["civil"].pk)).status_code == 404


# --- Results ---------------------------------------------------------------------------------


def test_results_count_only_submitted_responses_that_are_not_left_out(editor, survey_round,
                                                                       data):
    page = login(editor).get(url("results", survey_round))
    assert page.context["filtered"].total == 3
    sector = result(page, "q_sector")
    assert sector.result.shown == sector.result.answered == 3
    assert counts(sector) == {"public": (2, 66.7), "private": (0, 0.0), "civil": (1, 33.3)}
    optimism = result(page, "q_optimism")
    assert round(optimism.result.mean, 2) == 3.67 and optimism.result.median == 4
    # Skip logic: the finance section only for growing organisations (2 of 3).
    profit = result(page, "q_profit")
    assert (profit.result.shown, profit.result.answered) == (2, 2)
    how = result(page, "q_measure_how")
    assert how.is_text and how.result.answered == 2
    html = page.content.decode()
    assert "3 svarande räknas" in html or "3 respondents counted" in html
    assert "66,7" in html  # the share in the chart's table, Swedish decimal comma
    assert "Civilsamhälle" in html  # option labels in the page's language, not codes
    assert f"{url('free_text', survey_round)}?question=q_measure_how" in html


def test_results_show_labels_in_english_on_english_pages(editor, survey_round, data):
    with translation.override("en"):
        path = url("results", survey_round)
    html = login(editor).get(path).content.decode()
    assert "Civil society" in html and "Civilsamhälle" not in html


def test_matrix_questions_show_one_row_per_statement(editor, survey_round, data):
    page = login(editor).get(url("results", survey_round))
    barriers = result(page, "q_barriers")
    finance = barriers.result.rows[0]
    assert finance.answered == 3
    assert [(c.code, c.count) for c in finance.counts] == [("small", 0), ("big", 3)]
    assert barriers.chart is not None and len(barriers.chart.groups) == 2


def test_filters_change_the_numbers(editor, survey_round, data):
    page = login(editor).get(url("results", survey_round), {"f_q_sector": "public"})
    assert len(page.context["filtered"].answers) == 2
    assert counts(result(page, "q_sector"))["public"] == (2, 100.0)
    assert result(page, "q_optimism").result.mean == 3.5
    html = page.content.decode()
    assert "2 av 3" in html or "2 of 3" in html
    # Two filters: public and north leaves one; an extra single-choice question filters too.
    page = login(editor).get(url("results", survey_round),
                             {"f_q_sector": "public", "f_q_region": "north"})
    assert len(page.context["filtered"].answers) == 1
    page = login(editor).get(url("results", survey_round), {"f_q_stage": "startup"})
    assert result(page, "q_optimism").result.mean == 2
    # Several answers of one question are alternatives.
    page = login(editor).get(url("results", survey_round),
                             {"f_q_sector": ["public", "civil"]})
    assert len(page.context["filtered"].answers) == 3


def test_a_filter_on_an_answer_that_does_not_exist_filters_nothing(editor, survey_round, data):
    page = login(editor).get(url("results", survey_round), {"f_q_sector": "nonsense"})
    assert page.status_code == 200
    assert len(page.context["filtered"].answers) == 3


def test_left_out_and_unfinished_responses_would_change_the_figures(analyst, survey_round,
                                                                      data):
    """The control: counting the excluded response again moves the numbers."""
    client = login(analyst)
    client.post(url("response", survey_round, data["excluded"].pk), {"action": "include"})
    page = client.get(url("results", survey_round))
    assert page.context["filtered"].total == 4
    assert counts(result(page, "q_sector"))["private"] == (1, 25.0)


# --- Cross-tabulation ------------------------------------------------------------------------


def test_crosstab_gives_column_shares_counts_and_bases(editor, survey_round, data):
    page = login(editor).get(url("crosstab", survey_round),
                             {"question": "q_measure", "by": "sector"})
    table = page.context["table"]
    assert [base for _label, base in table.columns] == [2, 0, 1, 3]  # public, private, civil, total
    yes, no = table.rows
    assert [(c.count, c.percent) for c in yes.cells] == [(1, 50.0), (0, None), (1, 100.0),
                                                         (2, 200 / 3)]
    assert no.cells[0].count == 1
    html = page.content.decode()
    assert "<caption" in html and 'scope="col"' in html and "survey-chart" in html


def test_crosstab_follows_the_filters_and_has_defaults(editor, survey_round, data):
    client = login(editor)
    page = client.get(url("crosstab", survey_round),
                      {"question": "q_measure", "by": "region", "f_q_sector": "public"})
    assert [base for _label, base in page.context["table"].columns] == [1, 1, 2]
    page = client.get(url("crosstab", survey_round))
    assert page.status_code == 200 and page.context["table"] is not None
    page = client.get(url("crosstab", survey_round), {"question": "q_story", "by": "sector"})
    assert page.context["table"] is None and "error-summary" in page.content.decode()


# --- Free text -------------------------------------------------------------------------------


def test_free_text_lists_answers_with_their_suggested_goals(editor, survey_round, data):
    page = login(editor).get(url("free_text", survey_round), {"question": "q_story"})
    html = page.content.decode()
    assert "Vi hjälper unga utan gymnasieexamen" in html
    assert "Vi driver ett kafé med praktikplatser." in html
    assert "Räknas inte." not in html  # left out
    assert page.context["results"].paginator.count == 2
    groups = page.context["groups"]
    first = groups[0][2][0]
    assert [g.number for g in first.goals] == [4, 8]
    goal = Goal.objects.get(number=4)
    assert "sdg-badge sdg-4" in html and goal.title_sv in html


def test_free_text_filters_by_goal_and_by_breakdown(editor, survey_round, data):
    client = login(editor)
    page = client.get(url("free_text", survey_round), {"question": "q_story", "goal": "4"})
    assert page.context["results"].paginator.count == 1
    page = client.get(url("free_text", survey_round),
                      {"question": "q_story", "f_q_sector": "public"})
    html = page.content.decode()
    assert page.context["results"].paginator.count == 1
    assert "kafé" in html and "gymnasieexamen" not in html
    # Every text question when none is chosen: q_measure_how (2) and q_story (2).
    page = client.get(url("free_text", survey_round))
    assert page.context["results"].paginator.count == 4


def test_free_text_is_paginated_by_fifty(editor, survey_round):
    for i in range(51):
        make_response(survey_round, answers(q_story=f"Svar nummer {i}."))
    client = login(editor)
    page = client.get(url("free_text", survey_round), {"question": "q_story"})
    assert len(page.context["results"].object_list) == 50
    page = client.get(url("free_text", survey_round), {"question": "q_story", "page": 2})
    assert [a.text for a in page.context["results"].object_list] == ["Svar nummer 50."]


def test_free_text_never_shows_who_answered(editor, member, named_round):
    actor = make_actor("Kaffekooperativet Bönan")
    invitation = Invitation.objects.create(round=named_round, email="anna@example.org",
                                           name="Anna Andersson", actor=actor,
                                           token_digest=tokens.new_token()[1])
    make_response(named_round, answers(q_story="Vi rostar kaffe med nyanlända."),
                  invitation=invitation, actor=actor, user=member)
    html = login(editor).get(url("free_text", named_round)).content.decode()
    assert "Vi rostar kaffe med nyanlända." in html
    for identity in ("anna@example.org", "Anna Andersson", "Kaffekooperativet", member.email):
        assert identity not in html


# --- Compare ---------------------------------------------------------------------------------


def _second_version_body() -> list[dict[str, Any]]:
    body = copy.deepcopy(SMALL_BODY)
    body[0]["value"]["questions"].append(question("single_choice", "q_new", "Ny", "New", options=[
        option("a", "A"), option("b", "B")]))
    return body


def test_compare_shows_the_change_between_two_rounds(editor, questionnaire):
    from django.utils import timezone

    earlier = make_round(questionnaire, "monitor-2025",
                         opens_at=timezone.now() - timezone.timedelta(days=400))
    newer = make_questionnaire(version=2, body=_second_version_body())
    later = make_round(newer, "monitor-2026", opens_at=timezone.now() - timezone.timedelta(days=5))
    make_response(earlier, answers(q_sector="public"))
    make_response(earlier, answers(q_sector="civil"))
    for sector in ("public", "public", "public", "civil"):
        make_response(later, answers(q_sector=sector, q_new="a"))
    client = login(editor)
    page = client.get(reverse("surveys:compare"), {"a": later.pk, "b": earlier.pk})
    assert page.status_code == 200
    assert page.context["round_a"] == earlier and page.context["round_b"] == later
    sector = next(item for item in page.context["compared"] if item.text == "Sektor")
    public = next(row for row in sector.chart.rows if row.label == "Offentlig")
    assert [cell.value for cell in public.cells] == [50.0, 75.0, 25.0]
    assert page.context["only_b"] == ["Ny"] and page.context["only_a"] == []
    assert "Berätta" in page.context["not_comparable"]  # free text is not compared
    assert "+25,0" in page.content.decode()


def test_compare_offers_only_rounds_of_the_same_family(editor, questionnaire):
    survey_round = make_round(questionnaire, "monitor-2026")
    other_family = make_round(make_questionnaire(family="other"), "other-2026")
    client = login(editor)
    page = client.get(reverse("surveys:compare"), {"a": survey_round.pk})
    assert page.status_code == 200 and page.context["comparable"] == []
    page = client.get(reverse("surveys:compare"), {"a": survey_round.pk, "b": other_family.pk})
    assert page.status_code == 400 and "round_a" not in page.context
    listing = client.get(reverse("surveys:compare"))
    assert f"?a={survey_round.pk}" in listing.content.decode()


# --- Responses (analysts) --------------------------------------------------------------------


def test_the_response_list_shows_status_flags_and_filters(analyst, survey_round, data):
    client = login(analyst)
    page = client.get(url("responses", survey_round))
    assert page.context["results"].paginator.count == 5
    html = page.content.decode()
    assert url("response", survey_round, data["in_progress"].pk) in html
    page = client.get(url("responses", survey_round), {"status": "in_progress"})
    assert [r.response.pk for r in page.context["rows"]] == [data["in_progress"].pk]
    page = client.get(url("responses", survey_round), {"flag": "duplicate"})
    assert [r.response.pk for r in page.context["rows"]] == [data["excluded"].pk]
    page = client.get(url("responses", survey_round), {"excluded": "yes"})
    assert page.context["results"].paginator.count == 1


def _add_named_responses(survey_round: Any, start: int, stop: int) -> None:
    for i in range(start, stop):
        invitation = Invitation.objects.create(round=survey_round, email=f"p{i}@example.org",
                                               token_digest=tokens.new_token()[1])
        make_response(survey_round, answers(), invitation=invitation,
                      actor=make_actor(f"Organisation {i}"))


def test_the_response_list_takes_the_same_queries_for_many_rows(analyst, named_round):
    client = login(analyst)
    _add_named_responses(named_round, 0, 2)
    client.get(url("responses", named_round))  # the session and the user's profile settle
    with CaptureQueriesContext(connection) as few:
        client.get(url("responses", named_round))
    _add_named_responses(named_round, 2, 30)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url("responses", named_round))
    assert "p29@example.org" in page.content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)


def test_who_answered_is_shown_only_in_rounds_that_record_it(analyst, named_round,
                                                               survey_round):
    invitation = Invitation.objects.create(round=named_round, email="anna@example.org",
                                           token_digest=tokens.new_token()[1])
    named = make_response(named_round, answers(), invitation=invitation)
    make_response(survey_round, answers())
    client = login(analyst)
    assert "anna@example.org" in client.get(url("responses", named_round)).content.decode()
    assert "anna@example.org" in client.get(url("response", named_round, named.pk)
                                            ).content.decode()
    html = client.get(url("responses", survey_round)).content.decode()
    assert "anna@example.org" not in html


def test_one_response_shows_its_answers_by_section_in_words(analyst, survey_round, data):
    page = login(analyst).get(url("response", survey_round, data["civil"].pk))
    html = page.content.decode()
    titles = [title for title, _answers in page.context["sections"]]
    assert titles == ["Organisationen", "Samhällsnytta", "Ekonomi"]
    assert "Civilsamhälle" in html and "Norr" in html and "Mål 10" in html
    assert "Finansiering: Stort" in html and "12 personer" in html
    # The start-up never saw the finance section.
    page = login(analyst).get(url("response", survey_round, data["startup"].pk))
    assert [t for t, _a in page.context["sections"]] == ["Organisationen", "Samhällsnytta"]


def test_an_analyst_leaves_a_response_out_and_counts_it_again(analyst, survey_round, data):
    client = login(analyst)
    target = data["civil"]
    response = client.post(url("response", survey_round, target.pk), {"action": "exclude"})
    assert response.status_code == 302
    assert SurveyResponse.objects.get(pk=target.pk).excluded
    entry = AuditEntry.objects.get(action="survey.response_excluded")
    assert entry.target_id == str(target.pk) and entry.actor_id == analyst.pk
    page = client.get(url("results", survey_round))
    assert page.context["filtered"].total == 2
    # The same request again changes nothing and writes no second entry.
    client.post(url("response", survey_round, target.pk), {"action": "exclude"})
    assert AuditEntry.objects.filter(action="survey.response_excluded").count() == 1
    client.post(url("response", survey_round, target.pk), {"action": "include"})
    assert not SurveyResponse.objects.get(pk=target.pk).excluded
    assert AuditEntry.objects.filter(action="survey.response_included").count() == 1


def test_leaving_out_needs_a_post_with_a_csrf_token(analyst, survey_round, data):
    target = data["civil"]
    client = Client(enforce_csrf_checks=True)
    client.force_login(analyst, backend="django.contrib.auth.backends.ModelBackend")
    assert client.post(url("response", survey_round, target.pk),
                       {"action": "exclude"}).status_code == 403
    assert client.get(url("response", survey_round, target.pk),
                      {"action": "exclude"}).status_code == 200
    assert not SurveyResponse.objects.get(pk=target.pk).excluded
    assert login(analyst).post(url("response", survey_round, target.pk),
                               {"action": "toggle"}).status_code == 400



def test_the_results_page_links_the_downloads_free_text_only_for_analysts(editor, analyst,
                                                                         survey_round, data):
    export = reverse("surveys:export", args=[survey_round.pk, "xlsx"])
    codebook = reverse("surveys:codebook", args=[survey_round.pk, "csv"])
    as_editor = login(editor).get(url("results", survey_round)).content.decode()
    assert f'href="{export}"' in as_editor and f'href="{codebook}"' in as_editor
    assert f'href="{export}?text=1"' not in as_editor
    as_analyst = login(analyst).get(url("results", survey_round)).content.decode()
    assert f'href="{export}?text=1"' in as_analyst
    assert login(analyst).get(f"{export}?text=1").status_code == 200
