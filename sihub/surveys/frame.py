"""What every staff page of a survey round puts in its context for ``round_base.html``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from sihub.surveys import selectors
from sihub.surveys.models import SurveyRound


def round_frame(request: HttpRequest, survey_round: SurveyRound, section: str) -> dict[str, Any]:
    return {
        "survey_round": survey_round,
        "section": section,
        "can_manage": selectors.can_manage(request.user),
        "can_see_responses": selectors.can_see_responses(request.user),
    }
