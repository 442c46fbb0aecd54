"""The self-assessment form: one radio group per question, grouped by dimension.

Built from ``assessment.DIMENSIONS`` in the active language, so the form,
the scoring and the advice can never disagree about which questions exist.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sihub.core.forms import ErrorSummaryMixin
from sihub.core.i18n import current_language
from sihub.impact import assessment


class SelfAssessmentForm(ErrorSummaryMixin, forms.Form):
    """Every question is required; each choice shows its step and what it means."""

    def __init__(self, *args: Any, previous: Mapping[str, int] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = current_language()
        for dimension in assessment.DIMENSIONS:
            for question in dimension.questions:
                choices = [(str(value), f"{value} – {anchor.get(language)}")
                           for value, anchor in enumerate(question.anchors)]
                self.fields[question.key] = forms.TypedChoiceField(
                    label=question.text.get(language), choices=choices, coerce=int,
                    widget=forms.RadioSelect, required=True,
                    error_messages={"required": _("Choose one of the answers.")})
                if previous and question.key in previous:
                    self.fields[question.key].initial = str(previous[question.key])

    def fieldsets(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        """(title, description, bound fields) per dimension, in questionnaire order."""
        language = current_language()
        return [(d.title.get(language), d.description.get(language),
                 [self[q.key] for q in d.questions]) for d in assessment.DIMENSIONS]

    def answers(self) -> dict[str, int]:
        return {key: self.cleaned_data[key] for key in assessment.QUESTIONS}
