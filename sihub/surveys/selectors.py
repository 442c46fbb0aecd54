"""Who may read what in surveys, and the querysets the pages start from.

* Analysts (``surveys.change_surveyround``) build questionnaires, run rounds
  and manage invitations.
* Single responses and invitations — raw data — are for those with
  ``surveys.view_surveyresponse`` only (analysts, administrators).
* Aggregates (counts, percentages, charts) are for staff with
  ``surveys.view_surveyround`` (editors and facilitators too, for reports);
  the public sees aggregates only for rounds with ``results_public``, with
  groups below ``SIHUB_SURVEYS_MIN_GROUP`` hidden.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from sihub.surveys.models import (
    Questionnaire,
    QuestionnaireStatus,
    ResponseStatus,
    RoundStatus,
    SurveyResponse,
    SurveyRound,
)


def can_manage(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_perm("surveys.change_surveyround"))


def can_see_results(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_perm("surveys.view_surveyround"))


def can_see_responses(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_perm("surveys.view_surveyresponse"))


def can_exclude(user: Any) -> bool:
    """Whether ``user`` may leave a response out of the results (or count it again)."""
    return bool(user.is_authenticated and user.has_perm("surveys.change_surveyresponse"))


def _require(allowed: bool) -> None:
    if not allowed:
        # Anonymous people are sent to log in by the views' decorator; others get 403.
        raise PermissionDenied


def require_results(user: Any) -> None:
    """403 unless ``user`` may see aggregate results (pages not about one round)."""
    _require(can_see_results(user))


def require_manager(user: Any) -> None:
    """403 unless ``user`` runs surveys (pages not about one round)."""
    _require(can_manage(user))


def round_for_results(user: Any, round_id: int) -> SurveyRound:
    """A round whose aggregates ``user`` may see (404 unknown, 403 not allowed)."""
    require_results(user)
    return _round(round_id)


def round_for_responses(user: Any, round_id: int) -> SurveyRound:
    _require(can_see_responses(user))
    return _round(round_id)


def round_for_manager(user: Any, round_id: int) -> SurveyRound:
    require_manager(user)
    return _round(round_id)


def questionnaire_for_manager(user: Any, questionnaire_id: int) -> Questionnaire:
    require_manager(user)
    questionnaire = Questionnaire.objects.filter(pk=questionnaire_id).first()
    if questionnaire is None:
        raise Http404
    return questionnaire


def _round(round_id: int) -> SurveyRound:
    found = SurveyRound.objects.select_related("questionnaire").filter(pk=round_id).first()
    if found is None:
        raise Http404
    return found


def response_in_round(survey_round: SurveyRound, response_id: int) -> SurveyResponse:
    """One response of the round, with who answered (404 when it is another round's)."""
    found = (survey_round.responses.select_related("invitation", "actor", "user")
             .filter(pk=response_id).first())
    if found is None:
        raise Http404
    return found


def counted_responses(survey_round: SurveyRound) -> QuerySet[SurveyResponse]:
    """The responses that count in the results: submitted and not left out by an analyst."""
    return survey_round.responses.filter(status=ResponseStatus.SUBMITTED, excluded=False)


def counted_answers(survey_round: SurveyRound) -> list[dict[str, Any]]:
    """The answers of the counted responses, oldest first (input of ``stats``)."""
    return list(counted_responses(survey_round).order_by("submitted_at", "pk")
                .values_list("answers", flat=True))


def published_questionnaires() -> QuerySet[Questionnaire]:
    return Questionnaire.objects.filter(status=QuestionnaireStatus.PUBLISHED)


def public_results_rounds() -> QuerySet[SurveyRound]:
    """Rounds whose aggregate results anyone may see (API, report pages)."""
    return (SurveyRound.objects.filter(results_public=True)
            .exclude(status=RoundStatus.DRAFT).select_related("questionnaire"))


def open_public_rounds() -> QuerySet[SurveyRound]:
    """Rounds anyone may answer now by the public link (listed on the surveys page)."""
    rounds = SurveyRound.objects.filter(status=RoundStatus.OPEN, public_link=True)
    return rounds.select_related("questionnaire")


def comparable_rounds(survey_round: SurveyRound) -> QuerySet[SurveyRound]:
    """Other rounds of the same questionnaire family (any version)."""
    return (SurveyRound.objects.filter(questionnaire__family=survey_round.questionnaire.family)
            .exclude(pk=survey_round.pk).exclude(status=RoundStatus.DRAFT)
            .select_related("questionnaire"))
