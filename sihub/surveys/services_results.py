"""Analysts' writes on the results of a round: leaving a response out and counting it again."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from sihub.core.services import audit_record
from sihub.surveys import selectors
from sihub.surveys.models import SurveyResponse

RESPONSE_EXCLUDED = "survey.response_excluded"
RESPONSE_INCLUDED = "survey.response_included"


@transaction.atomic
def response_set_excluded(*, actor: Any, response: SurveyResponse, excluded: bool) -> bool:
    """Leave ``response`` out of the results (or count it again); True when that changed.

    The state to set, not a toggle, so a double click or a replayed form changes
    nothing twice; only a change is audited. The respondent's answers are never
    touched: being left out is the analyst's judgement, reversible at any time.
    """
    if not selectors.can_exclude(actor):
        raise PermissionDenied
    locked = SurveyResponse.objects.select_for_update().get(pk=response.pk)
    if locked.excluded == excluded:
        response.excluded = excluded
        return False
    locked.excluded = excluded
    locked.save(update_fields=["excluded"])
    response.excluded = excluded
    audit_record(actor=actor, action=RESPONSE_EXCLUDED if excluded else RESPONSE_INCLUDED,
                 target=locked, data={"round": locked.round_id, "flag": locked.flag})
    return True
