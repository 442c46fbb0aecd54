"""The stored questionnaire reads back as the same schema, and publishing freezes it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from sihub.surveys import schema
from sihub.surveys.models import Questionnaire, QuestionnaireStatus
from sihub.surveys.tests.conftest import SMALL_BODY, make_questionnaire

pytestmark = pytest.mark.django_db


def test_the_stored_body_reads_back_as_the_written_schema():
    stored = Questionnaire.objects.get(pk=make_questionnaire().pk)
    assert stored.schema == schema.parse(SMALL_BODY)
    assert [q.kind for q in stored.schema.questions][:5] == ["single_choice"] * 4 + ["number"]
    barriers = stored.schema.question("q_barriers")
    assert [r.code for r in barriers.rows] == ["finance", "skills"]
    assert stored.schema.dimension("region").code == "q_region"


def test_a_published_questionnaire_keeps_its_questions():
    questionnaire = make_questionnaire()
    questionnaire.body = SMALL_BODY[:1]
    with pytest.raises(ValidationError):
        questionnaire.full_clean()
    with pytest.raises(ValidationError):
        questionnaire.save()
    questionnaire = Questionnaire.objects.get(pk=questionnaire.pk)
    questionnaire.title_en = "Another title"
    with pytest.raises(ValidationError):
        questionnaire.save()
    assert len(Questionnaire.objects.get(pk=questionnaire.pk).schema.sections) == 3


def test_a_draft_can_change_and_status_can_move_on():
    draft = make_questionnaire(status=QuestionnaireStatus.DRAFT)
    draft.body = SMALL_BODY[:1]
    draft.save()
    assert len(Questionnaire.objects.get(pk=draft.pk).schema.sections) == 1
    published = make_questionnaire(family="other")
    published.status = QuestionnaireStatus.RETIRED
    published.save()
    assert Questionnaire.objects.get(pk=published.pk).status == QuestionnaireStatus.RETIRED
