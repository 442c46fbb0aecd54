"""SDG tags for free-text answers, with the real (offline) classifier on clear texts."""

from __future__ import annotations

import copy

import pytest

from sihub.surveys import classify, schema, tasks
from sihub.surveys.tests.conftest import FULL_ANSWERS, SMALL_BODY, make_response

JOBS = ("Vi hjälper långtidsarbetslösa att få jobb och anställning genom arbetsträning och "
        "praktik på arbetsmarknaden.")
FOOD = "Vi minskar matsvinnet och koldioxidutsläppen genom att ta tillvara överbliven mat."


class CountingClassifier:
    """Stands in for the model where only the batching is under test."""

    def __init__(self):
        self.calls = []

    def classify(self, texts):
        self.calls.append(list(texts))
        return [type("Result", (), {"sdgs": [8, 1]})() for _t in texts]


def body_with_two_classified():
    body = copy.deepcopy(SMALL_BODY)
    how = body[1]["value"]["questions"][2]["value"]
    assert how["code"] == "q_measure_how"
    how["classify"] = True
    return schema.parse(body)


def test_it_only_reads_non_empty_answers_to_questions_marked_classify():
    two = body_with_two_classified()
    texts = classify.classified_texts(two, {**FULL_ANSWERS, "q_story": "  "})
    assert texts == {"q_measure_how": FULL_ANSWERS["q_measure_how"]}
    assert classify.classified_texts(schema.parse(SMALL_BODY), FULL_ANSWERS) == {
        "q_story": FULL_ANSWERS["q_story"]}


def test_it_sends_all_texts_of_a_response_in_one_batch_and_sorts_goals():
    fake = CountingClassifier()
    goals = classify.text_goals(body_with_two_classified(), FULL_ANSWERS, fake)
    assert len(fake.calls) == 1 and len(fake.calls[0]) == 2
    assert goals == {"q_measure_how": [1, 8], "q_story": [1, 8]}


def test_it_does_not_call_the_classifier_without_texts():
    fake = CountingClassifier()
    assert classify.text_goals(schema.parse(SMALL_BODY), {"q_sector": "civil"}, fake) == {}
    assert fake.calls == []


def test_the_real_classifier_finds_decent_work_in_a_swedish_answer():
    goals = classify.text_goals(body_with_two_classified(),
                                {"q_measure_how": FOOD, "q_story": JOBS})
    assert 8 in goals["q_story"]
    assert 12 in goals["q_measure_how"] or 13 in goals["q_measure_how"]


def test_goal_counts_count_responses_not_mentions():
    tags = [{"q_story": [8, 4]}, {"q_story": [8, 8]}, {}, {"q_other": [1]}]
    assert classify.goal_counts(tags, "q_story") == {4: 1, 8: 2}


@pytest.mark.django_db
def test_tag_response_sets_the_field_without_saving(survey_round):
    response = make_response(survey_round, {**FULL_ANSWERS, "q_story": JOBS})
    tags = classify.tag_response(response)
    assert 8 in tags["q_story"]
    assert response.text_sdgs is tags
    response.refresh_from_db()
    assert response.text_sdgs == {}


@pytest.mark.django_db
def test_the_task_tags_and_saves_only_text_sdgs(survey_round, monkeypatch):
    response = make_response(survey_round, {**FULL_ANSWERS, "q_story": JOBS})
    real = classify.tag_response

    def meanwhile(loaded, classifier=None):
        # An analyst leaves the response out while the classifier works.
        type(loaded).objects.filter(pk=loaded.pk).update(excluded=True)
        return real(loaded, classifier)

    monkeypatch.setattr(classify, "tag_response", meanwhile)
    tasks.tag_free_text.enqueue(response.pk)  # the immediate backend runs it now
    response.refresh_from_db()
    assert 8 in response.text_sdgs["q_story"]
    assert response.excluded is True  # not overwritten by the task's stale copy
    assert response.answers["q_story"] == JOBS


@pytest.mark.django_db
def test_the_task_is_a_no_op_for_a_missing_response():
    assert tasks.tag_free_text.call(999_999) is None
