"""Writes and reads for the self-assessment (``assessment.py`` holds the questionnaire).

A submission is never edited: each one is a new ``SelfAssessment`` row, so
the team can see how the initiative developed (the page compares the latest
with the one before). Writing is for the initiative's writers (the same rule
as every other change, through ``selectors.require_change``); reading follows
the initiative (a published initiative's latest result is public).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from sihub.core.i18n import current_language
from sihub.core.services import audit_record
from sihub.impact import assessment, selectors
from sihub.impact.models import Initiative, SelfAssessment

SELF_ASSESSMENT_SUBMITTED = "impact.self_assessment_submitted"

# Translated sentences for ``assessment.AnswerProblem.code`` (the module's are English).
ANSWER_MESSAGES = {
    "not_a_mapping": gettext_lazy("The answers could not be read."),
    "unknown_question": gettext_lazy("“%(question)s” is not a question of this self-assessment."),
    "missing": gettext_lazy("Answer this question: “%(question)s”."),
    "not_a_whole_number": gettext_lazy(
        "The answer to “%(question)s” must be one of the steps 0–4."),
    "out_of_range": gettext_lazy("The answer to “%(question)s” must be one of the steps 0–4."),
}


def answers_validation_error(error: assessment.AnswersError) -> ValidationError:
    """The problems as a translated ValidationError on ``answers``, naming each question."""
    language = current_language()
    messages = []
    for problem in error.problems:
        known = assessment.QUESTIONS.get(problem.question)
        name = known[1].text.get(language) if known else problem.question
        messages.append(ValidationError(str(ANSWER_MESSAGES[problem.code]) % {"question": name},
                                        code=problem.code))
    return ValidationError({"answers": messages})


def self_assessment_submit(*, initiative: Initiative, user: Any,
                           answers: Mapping[str, Any]) -> SelfAssessment:
    """Score ``answers`` and keep them as a new submission; ValidationError when they don't fit."""
    selectors.require_change(user, initiative)
    try:
        result = assessment.score(answers)
    except assessment.AnswersError as exc:
        raise answers_validation_error(exc) from None
    submission = SelfAssessment(
        initiative=initiative, questionnaire_version=assessment.VERSION,
        answers=assessment.validate_answers(answers), scores=result.as_json(),
        overall=result.overall, created_by=user)
    submission.full_clean()
    with transaction.atomic():
        submission.save()
        Initiative.objects.filter(pk=initiative.pk).update(updated_at=timezone.now())
        audit_record(actor=user, action=SELF_ASSESSMENT_SUBMITTED, target=submission,
                     data={"initiative_id": initiative.pk, "overall": str(result.overall),
                           "scores": result.as_json()})
    return submission


# --- Reads for an initiative the caller has fetched through ``selectors`` ------------------


def self_assessments_of(initiative: Initiative) -> QuerySet[SelfAssessment]:
    """Newest first (the model's ordering, served by its (initiative, -created_at) index)."""
    return SelfAssessment.objects.filter(initiative=initiative).order_by("-created_at", "-pk")


def latest_two(initiative: Initiative) -> tuple[SelfAssessment | None, SelfAssessment | None]:
    """The latest submission and the one before it (either may be None)."""
    rows = list(self_assessments_of(initiative)[:2])
    return (rows[0] if rows else None, rows[1] if len(rows) > 1 else None)


def result_of(submission: SelfAssessment | None) -> assessment.Result | None:
    """The stored scores as an ``assessment.Result`` (what the team saw when they submitted)."""
    if submission is None:
        return None
    return assessment.Result.from_json(submission.scores, submission.overall)
