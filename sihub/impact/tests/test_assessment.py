"""The self-assessment: questionnaire, validation, scoring, bands, advice, history, service."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import translation

from sihub.core.models import AuditEntry
from sihub.impact import assessment, assessment_services
from sihub.impact.assessment import AnswersError, band, score, validate_answers
from sihub.impact.models import SelfAssessment
from sihub.impact.tests.assessment_fixtures import answers, dimension_answers

D = Decimal


# --- The questionnaire itself ----------------------------------------------------------------


def test_it_has_five_dimensions_of_three_to_four_questions_with_five_anchors_each():
    assert [d.key for d in assessment.DIMENSIONS] == [
        "novelty", "social_need", "cross_sector", "evidence", "scaling"]
    for d in assessment.DIMENSIONS:
        assert 3 <= len(d.questions) <= 4
        for q in d.questions:
            assert len(q.anchors) == 5
            assert all(a.sv and a.en for a in q.anchors)
            assert q.text.sv and q.text.en


def test_it_has_advice_in_both_languages_for_every_dimension_and_band():
    sections = {"detail", "stakeholders", "toc", "indicators", "value_map", "sroi"}
    for d in assessment.DIMENSIONS:
        assert set(d.advice) == set(assessment.BANDS)
        for advice in d.advice.values():
            assert len(advice.text.sv) > 80 and len(advice.text.en) > 80
            assert advice.text.sv != advice.text.en
            assert set(advice.links) <= sections


def test_it_keeps_question_keys_unique():
    keys = [q.key for d in assessment.DIMENSIONS for q in d.questions]
    assert len(keys) == len(set(keys)) == len(assessment.QUESTIONS)


# --- Scoring ------------------------------------------------------------------------------------


def test_it_scores_each_dimension_as_the_mean_of_its_answers():
    given = dimension_answers(novelty=4, social_need=3, cross_sector=2, evidence=1, scaling=0)
    given["novelty_scan"] = 2  # novelty: 4, 2, 4 → 10/3
    result = score(given)
    assert result.dimensions == {"novelty": D("3.33"), "social_need": D("3.00"),
                                 "cross_sector": D("2.00"), "evidence": D("1.00"),
                                 "scaling": D("0.00")}
    # Overall: the mean of the exact dimension means, (10/3 + 3 + 2 + 1 + 0) / 5 = 1.8666… → 1.87
    assert result.overall == D("1.87")


def test_it_rounds_half_up_once_at_the_end():
    # novelty 1, 1, 0 → 0.666… → 0.67; the others 0: overall 0.1333… → 0.13
    result = score(answers(0, novelty_solution=1, novelty_scan=1))
    assert result.dimensions["novelty"] == D("0.67")
    assert result.overall == D("0.13")


def test_it_scores_all_zero_and_all_four():
    assert score(answers(0)).overall == D("0.00")
    assert score(answers(4)).overall == D("4.00")
    assert set(score(answers(4)).dimensions.values()) == {D("4.00")}


@pytest.mark.parametrize("value, expected", [
    (D("0"), "low"), (D("1.49"), "low"), (D("1.50"), "medium"), (D("2.99"), "medium"),
    (D("3.00"), "high"), (D("4"), "high"),
])
def test_it_puts_scores_in_bands_at_the_boundaries(value, expected):
    assert band(value) == expected


@pytest.mark.parametrize("total, overall, expected", [
    (22, D("1.47"), "low"), (23, D("1.53"), "medium"),
    (44, D("2.93"), "medium"), (45, D("3.00"), "high"),
])
def test_it_bands_the_overall_score_around_the_boundaries(total, overall, expected):
    """Fifteen answers: overall = total / 15, so 1.5 itself cannot occur; 3.0 can."""
    keys = list(assessment.QUESTIONS)
    given = {key: 0 for key in keys}
    for i in range(total):
        given[keys[i % len(keys)]] += 1
    result = score(given)
    assert result.overall == overall
    assert result.overall_band == expected


def test_it_names_the_weakest_dimensions_and_picks_advice_by_band():
    result = score(dimension_answers(novelty=4, social_need=2, cross_sector=1, evidence=1,
                                     scaling=3))
    assert result.weakest() == ["cross_sector", "evidence"]
    bands = {d.key: (b, a) for d, b, a in assessment.advice_for(result)}
    assert bands["novelty"][0] == "high"
    assert bands["social_need"][0] == "medium"
    assert bands["evidence"][0] == "low"
    assert bands["evidence"][1] is assessment.DIMENSIONS_BY_KEY["evidence"].advice["low"]
    assert "toc" in bands["evidence"][1].links


def test_it_round_trips_stored_scores():
    result = score(answers(3, scaling_spread=0))
    again = assessment.Result.from_json(result.as_json(), result.overall)
    assert again == result
    assert all(isinstance(v, str) for v in result.as_json().values())


# --- Validation ----------------------------------------------------------------------------------


def _codes(exc: AnswersError) -> set[tuple[str, str]]:
    return {(p.code, p.question) for p in exc.problems}


def test_it_rejects_an_unknown_question():
    with pytest.raises(AnswersError) as caught:
        validate_answers({**answers(2), "favourite_colour": 3})
    assert _codes(caught.value) == {("unknown_question", "favourite_colour")}
    assert "favourite_colour: there is no such question" in str(caught.value)


@pytest.mark.parametrize("value", [-1, 5, 99])
def test_it_rejects_values_out_of_range(value):
    with pytest.raises(AnswersError) as caught:
        validate_answers(answers(2, novelty_scan=value))
    assert _codes(caught.value) == {("out_of_range", "novelty_scan")}
    assert "outside 0–4" in str(caught.value)


@pytest.mark.parametrize("value", [True, 2.0, "2", None])
def test_it_rejects_what_is_not_a_whole_number(value):
    with pytest.raises(AnswersError) as caught:
        validate_answers(answers(2, evidence_value=value))
    code = "missing" if value is None else "not_a_whole_number"
    assert _codes(caught.value) == {(code, "evidence_value")}


def test_it_rejects_missing_answers_and_lists_every_problem():
    given = answers(2)
    del given["scaling_spread"]
    del given["need_described"]
    given["novelty_solution"] = 7
    with pytest.raises(AnswersError) as caught:
        validate_answers(given)
    assert _codes(caught.value) == {("missing", "scaling_spread"), ("missing", "need_described"),
                                    ("out_of_range", "novelty_solution")}


def test_it_rejects_what_is_not_a_mapping():
    with pytest.raises(AnswersError) as caught:
        validate_answers([2, 2, 2])
    assert _codes(caught.value) == {("not_a_mapping", "")}


def test_it_returns_answers_in_questionnaire_order():
    given = dict(reversed(list(answers(1).items())))
    assert list(validate_answers(given)) == list(assessment.QUESTIONS)


# --- Comparison ---------------------------------------------------------------------------------


def test_it_compares_with_the_previous_submission_per_dimension():
    before = score(dimension_answers(novelty=1, social_need=2, cross_sector=3, evidence=0,
                                     scaling=2))
    after = score(dimension_answers(novelty=3, social_need=2, cross_sector=1, evidence=0,
                                    scaling=2))
    changes = {c.key: c for c in assessment.compare(after, before)}
    assert changes["novelty"].delta == D("2.00") and changes["novelty"].direction == "up"
    assert changes["cross_sector"].delta == D("-2.00")
    assert changes["cross_sector"].direction == "down"
    assert changes["social_need"].direction == "same"
    assert changes["overall"].previous == D("1.60") and changes["overall"].current == D("1.60")


def test_it_marks_the_first_submission_as_new():
    changes = assessment.compare(score(answers(2)), None)
    assert {c.direction for c in changes} == {"new"}
    assert all(c.delta is None for c in changes)


def test_it_draws_bars_proportional_to_the_score():
    chart = assessment.bar_chart(score(dimension_answers(novelty=4, social_need=2)))
    bars = {b.key: b for b in chart.bars}
    assert bars["novelty"].width == chart.plot_width
    assert bars["social_need"].width == chart.plot_width / 2
    assert bars["scaling"].width == 0
    assert [t[1] for t in chart.ticks] == [0, 1, 2, 3, 4]


# --- The model and the service ------------------------------------------------------------------


def test_it_saves_each_submission_as_a_new_row_with_scores(initiative_a, lead_a):
    first = assessment_services.self_assessment_submit(initiative=initiative_a, user=lead_a,
                                                       answers=answers(1))
    second = assessment_services.self_assessment_submit(initiative=initiative_a, user=lead_a,
                                                        answers=answers(3))
    assert SelfAssessment.objects.filter(initiative=initiative_a).count() == 2
    assert second.overall == D("3.00") and second.scores["evidence"] == "3.00"
    assert second.created_by == lead_a and second.questionnaire_version == assessment.VERSION
    latest, previous = assessment_services.latest_two(initiative_a)
    assert (latest, previous) == (second, first)
    entry = AuditEntry.objects.get(action=assessment_services.SELF_ASSESSMENT_SUBMITTED,
                                   target_id=str(second.pk))
    assert entry.actor_id == lead_a.pk and entry.data["initiative_id"] == initiative_a.pk
    assert entry.data["overall"] == "3.00"


def test_it_keeps_the_assessment_when_its_author_is_deleted(initiative_a, lead_a, contributor_a):
    row = assessment_services.self_assessment_submit(initiative=initiative_a, user=contributor_a,
                                                     answers=answers(2))
    contributor_a.delete()
    row.refresh_from_db()
    assert row.created_by is None


def test_it_lets_contributors_and_analysts_submit(initiative_a, contributor_a, analyst):
    from sihub.impact.tests.conftest import fresh

    for person in (contributor_a, fresh(analyst)):
        assessment_services.self_assessment_submit(initiative=initiative_a, user=person,
                                                   answers=answers(2))
    assert SelfAssessment.objects.filter(initiative=initiative_a).count() == 2


def test_it_refuses_viewers_readers_and_outsiders(initiative_a, viewer_a, lead_b, public_b,
                                                  lead_a):
    with pytest.raises(PermissionDenied):
        assessment_services.self_assessment_submit(initiative=initiative_a, user=viewer_a,
                                                   answers=answers(2))
    with pytest.raises(Http404):
        assessment_services.self_assessment_submit(initiative=initiative_a, user=lead_b,
                                                   answers=answers(2))
    with pytest.raises(PermissionDenied):  # may read the published one, not change it
        assessment_services.self_assessment_submit(initiative=public_b, user=lead_a,
                                                   answers=answers(2))
    assert not SelfAssessment.objects.exists()


def test_it_refuses_bad_answers_with_translated_messages_naming_the_question(initiative_a,
                                                                             lead_a):
    given = answers(2, novelty_scan=9)
    del given["scaling_spread"]
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        assessment_services.self_assessment_submit(initiative=initiative_a, user=lead_a,
                                                   answers=given)
    messages = caught.value.message_dict["answers"]
    assert ("The answer to “Have you found out what others already do (similar initiatives, "
            "research, good examples)?” must be one of the steps 0–4.") in messages
    assert len(messages) == 2
    assert any("How far could it spread" in m for m in messages)
    assert not SelfAssessment.objects.exists()


def test_the_model_checks_answers_against_the_questionnaire(initiative_a):
    row = SelfAssessment(initiative=initiative_a, answers={"nope": 1}, scores={},
                         overall=D("1"))
    with pytest.raises(ValidationError) as caught:
        row.full_clean()
    codes = {e.code for e in caught.value.error_dict["answers"]}
    assert codes == {"unknown_question", "missing"}
