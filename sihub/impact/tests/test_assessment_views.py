"""The self-assessment page: who sees the form, who sees only the result, who sees nothing."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from sihub.conftest import login
from sihub.impact import assessment_services
from sihub.impact.models import SelfAssessment
from sihub.impact.tests.assessment_fixtures import answers, dimension_answers, post_data
from sihub.impact.tests.conftest import fresh


def url(initiative, language: str = "sv") -> str:
    with translation.override(language):
        return reverse("impact:assessment", args=[initiative.pk])


def has_form(response) -> bool:
    return b'name="novelty_solution"' in response.content


# --- Permission matrix --------------------------------------------------------------------------


def test_it_shows_the_form_to_the_team_lead(initiative_a, lead_a):
    response = login(lead_a).get(url(initiative_a))
    assert response.status_code == 200
    assert has_form(response)
    assert response.context["section"] == "assessment" and response.context["can_write"]


def test_it_saves_a_contributors_submission_and_redirects(initiative_a, contributor_a):
    client = login(contributor_a)
    response = client.post(url(initiative_a), post_data(answers(3)))
    assert response.status_code == 302
    assert response["Location"] == url(initiative_a) + "#result"
    row = SelfAssessment.objects.get(initiative=initiative_a)
    assert row.created_by == contributor_a and str(row.overall) == "3.00"
    page = client.get(response["Location"])
    assert [m.level_tag for m in page.context["messages"]] == ["success"]


def test_it_lets_an_analyst_read_and_write_any_initiative(initiative_a, analyst):
    client = login(fresh(analyst))
    assert has_form(client.get(url(initiative_a)))
    assert client.post(url(initiative_a), post_data(answers(2))).status_code == 302
    assert SelfAssessment.objects.filter(initiative=initiative_a).count() == 1


def test_it_shows_a_viewer_the_result_but_no_form_and_refuses_their_post(initiative_a, lead_a,
                                                                         viewer_a):
    assessment_services.self_assessment_submit(initiative=initiative_a, user=lead_a,
                                               answers=answers(1))
    client = login(viewer_a)
    response = client.get(url(initiative_a))
    assert response.status_code == 200
    assert not has_form(response)
    assert response.context["result"].overall == 1
    assert client.post(url(initiative_a), post_data(answers(4))).status_code == 403
    assert SelfAssessment.objects.count() == 1


@pytest.mark.parametrize("who", ["lead_b", "outsider", "anonymous"])
def test_it_hides_an_unpublished_initiative_from_others(who, initiative_a, lead_b, outsider):
    client = {"lead_b": login(lead_b), "outsider": login(outsider), "anonymous": Client()}[who]
    assert client.get(url(initiative_a)).status_code == 404
    assert client.post(url(initiative_a), post_data(answers(4))).status_code == 404
    assert not SelfAssessment.objects.exists()


def test_it_shows_the_public_the_latest_result_of_a_published_initiative(public_b, lead_b):
    assessment_services.self_assessment_submit(initiative=public_b, user=lead_b,
                                               answers=answers(1))
    assessment_services.self_assessment_submit(initiative=public_b, user=lead_b,
                                               answers=answers(4))
    client = Client()
    response = client.get(url(public_b, "en"))
    assert response.status_code == 200
    assert not has_form(response)
    assert b"<form method=\"post\"" not in response.content
    assert response.context["result"].overall == 4
    assert b"Overall score: <strong>4.00</strong> of 4 (Strong)" in response.content
    assert client.post(url(public_b), post_data(answers(0))).status_code == 403
    assert SelfAssessment.objects.count() == 2


def test_it_says_so_when_nothing_has_been_assessed(public_b):
    response = Client().get(url(public_b, "en"))
    assert response.status_code == 200
    assert b"No self-assessment has been made yet." in response.content
    assert response.context["result"] is None


# --- The form -----------------------------------------------------------------------------------


def test_it_renders_each_question_as_a_radio_group_with_a_legend(initiative_a, lead_a):
    response = login(lead_a).get(url(initiative_a, "en"))
    html = response.content.decode()
    assert html.count("<fieldset") == 15
    assert html.count("<legend") == 15
    assert "How new is the solution compared with what is already done" in html
    assert 'type="radio" name="novelty_solution" value="4"' in html
    assert "4 – A way of working not tried in Sweden before" in html
    assert "<h4>Novelty</h4>" in html
    assert 'style="' not in html and "onclick" not in html


def test_it_rerenders_an_incomplete_form_with_status_400_and_an_error_summary(initiative_a,
                                                                             lead_a):
    given = post_data(answers(2))
    del given["evidence_value"]
    given["novelty_scan"] = "9"
    response = login(lead_a).post(url(initiative_a, "en"), given)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_evidence_value_0"' in html
    assert 'href="#id_novelty_scan_0"' in html
    assert "Choose one of the answers." in html
    assert not SelfAssessment.objects.exists()
    # What was answered stays chosen.
    assert re.search(r'<input [^>]*value="2"[^>]*id="id_novelty_solution_2"[^>]*checked', html)


def test_it_prefills_the_form_with_the_previous_answers(initiative_a, lead_a):
    assessment_services.self_assessment_submit(initiative=initiative_a, user=lead_a,
                                               answers=answers(1, scaling_spread=4))
    form = login(lead_a).get(url(initiative_a)).context["form"]
    assert form["scaling_spread"].value() == "4"
    assert form["novelty_solution"].value() == "1"


# --- Result, advice and history -----------------------------------------------------------------


def test_it_shows_scores_as_a_chart_and_a_table_with_advice(initiative_a, lead_a):
    assessment_services.self_assessment_submit(
        initiative=initiative_a, user=lead_a,
        answers=dimension_answers(novelty=4, social_need=2, cross_sector=3, evidence=0,
                                  scaling=1))
    response = login(lead_a).get(url(initiative_a, "en"))
    html = response.content.decode()
    assert '<svg class="assessment-chart__svg"' in html and 'role="img"' in html
    assert '<th scope="row">Evidence</th>' in html
    assert "Write down the theory of change" in html  # evidence, low band
    assert reverse("impact:toc", args=[initiative_a.pk]).replace("/sv/", "/en/") in html
    assert "Start here" in html
    result = response.context["result"]
    assert [d.band for d in result.dimensions] == ["high", "medium", "high", "low", "low"]
    assert result.overall_change is None  # nothing to compare with yet


def test_it_marks_no_dimension_to_start_with_when_all_score_the_same(initiative_a, lead_a):
    assessment_services.self_assessment_submit(initiative=initiative_a, user=lead_a,
                                               answers=answers(2))
    response = login(lead_a).get(url(initiative_a, "en"))
    assert b"Start here" not in response.content
    assert not any(d.weakest for d in response.context["result"].dimensions)


def test_it_compares_the_latest_submission_with_the_one_before(initiative_a, lead_a):
    assessment_services.self_assessment_submit(
        initiative=initiative_a, user=lead_a,
        answers=dimension_answers(novelty=1, social_need=2, cross_sector=2, evidence=1,
                                  scaling=1))
    assessment_services.self_assessment_submit(
        initiative=initiative_a, user=lead_a,
        answers=dimension_answers(novelty=3, social_need=2, cross_sector=1, evidence=1,
                                  scaling=1))
    response = login(lead_a).get(url(initiative_a, "en"))
    result = response.context["result"]
    changes = {d.key: d.change for d in result.dimensions}
    assert str(changes["novelty"].delta) == "2.00" and changes["novelty"].direction == "up"
    assert changes["cross_sector"].direction == "down"
    assert changes["social_need"].direction_label == "unchanged"
    assert (str(result.overall_change.previous), str(result.overall_change.current)) == (
        "1.40", "1.60")
    html = response.content.decode()
    assert "+2.00" in html and "+0.20" in html and "(higher)" in html and "(lower)" in html
    assert "2 self-assessments have been saved" in html


def test_it_shows_swedish_texts_on_swedish_pages(initiative_a, lead_a):
    assessment_services.self_assessment_submit(initiative=initiative_a, user=lead_a,
                                               answers=answers(0))
    html = login(lead_a).get(url(initiative_a)).content.decode()
    assert "Hur ny är lösningen jämfört med det som redan görs" in html
    assert "Skriv ner förändringsteorin" in html
    assert "Tidigt skede" in html
