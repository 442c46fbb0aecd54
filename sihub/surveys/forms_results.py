"""Forms of the staff results pages of a round: filters, cross-tabulation, free text, compare.

All but ``ResponseActionForm`` are GET forms built from the round's
questionnaire (its questions and options), so a field never offers an answer
code the questionnaire does not have; a bad value in the query string filters
nothing rather than failing the page.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from sihub.core.forms import LabelledForm
from sihub.core.i18n import current_language
from sihub.surveys import schema as schema_module
from sihub.surveys import stats
from sihub.surveys.models import ResponseStatus, SurveyRound
from sihub.surveys.schema import Question, Schema

FILTER_PREFIX = "f_"


def lang() -> str:
    """The language the questionnaire's labels are shown in ("sv" or "en")."""
    return current_language()


def _question_label(question: Question) -> str:
    return question.text(lang()) or question.code


def filter_field_name(code: str) -> str:
    return f"{FILTER_PREFIX}{code}"


class AnswerFilterForm(LabelledForm):
    """Keep only the respondents who gave one of the ticked answers, question by question.

    One group of boxes per breakdown question (sector, region, size) and, under
    "more filters", one per other single-choice question. Within a question the
    ticked answers are alternatives (or); across questions they all apply (and).
    """

    def __init__(self, *args: Any, schema: Schema, extra: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.schema = schema
        dimensions = schema.dimensions()
        self.dimension_codes = [q.code for q in dimensions.values()]
        self.extra_codes = [q.code for q in schema.questions
                            if extra and q.kind == schema_module.SINGLE
                            and q.code not in self.dimension_codes]
        for code in (*self.dimension_codes, *self.extra_codes):
            question = schema.question(code)
            assert question is not None
            self.fields[filter_field_name(code)] = forms.MultipleChoiceField(
                label=_question_label(question), required=False,
                choices=[(o.code, o.label(lang())) for o in question.options],
                widget=forms.CheckboxSelectMultiple)

    def dimension_fields(self) -> list[forms.BoundField]:
        return [self[filter_field_name(code)] for code in self.dimension_codes]

    def extra_fields(self) -> list[forms.BoundField]:
        return [self[filter_field_name(code)] for code in self.extra_codes]

    def extra_in_use(self) -> bool:
        """Whether a "more filters" box is ticked (the group is then shown open)."""
        filters = self.filters()
        return any(code in filters for code in self.extra_codes)

    def filters(self) -> dict[str, list[str]]:
        """``{question code: ticked answer codes}`` for the questions with a ticked answer.

        Invalid fields (an answer code the question does not have) are left out.
        """
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        out: dict[str, list[str]] = {}
        for code in (*self.dimension_codes, *self.extra_codes):
            values = data.get(filter_field_name(code)) or []
            if values:
                out[code] = list(values)
        return out

    def describe(self) -> list[tuple[str, list[str]]]:
        """(question text, [answer labels]) of the filters in use, for the summary sentence."""
        out = []
        for code, values in self.filters().items():
            question = self.schema.question(code)
            if question is None:
                continue
            labels = [o.label(lang()) for o in question.options if o.code in values]
            out.append((_question_label(question), labels))
        return out


class CrosstabForm(LabelledForm):
    """Which question to break down, and by which breakdown question."""

    question = forms.ChoiceField(label=_("Question"))
    by = forms.ChoiceField(label=_("Break down by"))

    def __init__(self, *args: Any, schema: Schema, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.schema = schema
        dimensions = schema.dimensions()
        self.fields["question"].choices = [
            (q.code, _question_label(q)) for q in schema.questions
            if q.kind in stats.CROSSTAB_KINDS]
        self.fields["by"].choices = [(name, _question_label(q)) for name, q in dimensions.items()]

    def selection(self) -> tuple[Question, Question] | None:
        """The question and the breakdown question chosen, or None until both are valid."""
        if not self.is_bound or not self.is_valid():
            return None
        question = self.schema.question(self.cleaned_data["question"])
        by = self.schema.dimension(self.cleaned_data["by"])
        if question is None or by is None:
            return None
        return question, by


class FreeTextForm(LabelledForm):
    """Which free-text question to read, and answers tagged with which global goal."""

    question = forms.ChoiceField(label=_("Question"), required=False)
    goal = forms.TypedChoiceField(label=_("Global goal"), required=False, coerce=int,
                                  empty_value=None)

    def __init__(self, *args: Any, schema: Schema, goals: Iterable[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.schema = schema
        self.fields["question"].choices = [
            ("", pgettext_lazy("free-text questions", "All")),
            *[(q.code, _question_label(q)) for q in schema.questions if q.is_text]]
        self.fields["goal"].choices = [
            ("", pgettext_lazy("global goals", "Any")),
            *[(g.number, str(g)) for g in goals]]

    def _data(self) -> dict[str, Any]:
        if not self.is_bound:
            return {}
        self.is_valid()
        return getattr(self, "cleaned_data", {})

    def chosen_questions(self) -> list[Question]:
        """The text questions to list: the one chosen, or every one."""
        code = self._data().get("question") or ""
        texts = [q for q in self.schema.questions if q.is_text]
        return [q for q in texts if q.code == code] if code else texts

    def chosen_goal(self) -> int | None:
        return self._data().get("goal")


class CompareForm(LabelledForm):
    """Two rounds of the same questionnaire family."""

    a = forms.TypedChoiceField(label=_("Round"), coerce=int)
    b = forms.TypedChoiceField(
        label=_("Compare with"), coerce=int,
        error_messages={"invalid_choice": _("Choose a round of the same questionnaire.")})

    def __init__(self, *args: Any, rounds: Iterable[SurveyRound],
                 comparable: Iterable[SurveyRound], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["a"].choices = [(r.pk, _round_label(r)) for r in rounds]
        self.comparable = list(comparable)
        self.fields["b"].choices = [("", _("Choose a round")),
                                    *[(r.pk, _round_label(r)) for r in self.comparable]]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("a") is not None and data.get("a") == data.get("b"):
            self.add_error("b", _("Choose another round than the first."))
        return data


def _round_label(survey_round: SurveyRound) -> str:
    return f"{survey_round.title} ({survey_round.questionnaire})"


# --- Raw responses (analysts) ------------------------------------------------------------------

ANY = ""
FLAGGED = "flagged"
NO_FLAG = "none"
FLAGS = (("too_fast", _("Answered too fast")), ("duplicate", _("Possible duplicate")),
         ("same_browser", _("Answered before from the same browser")))


class ResponseFilterForm(LabelledForm):
    """GET filters of the response list; a bad value filters nothing."""

    status = forms.ChoiceField(
        label=_("Status"), required=False,
        choices=[(ANY, pgettext_lazy("response status", "All")), *ResponseStatus.choices])
    flag = forms.ChoiceField(
        label=_("Flag"), required=False,
        choices=[(ANY, pgettext_lazy("response flag", "Any")), (FLAGGED, _("Any flag")),
                 *FLAGS, (NO_FLAG, _("No flag"))])
    excluded = forms.ChoiceField(
        label=_("In the results"), required=False,
        choices=[(ANY, pgettext_lazy("counted or not", "Either")),
                 ("no", _("Not left out")), ("yes", _("Left out"))])

    def values(self) -> dict[str, str]:
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) or ANY for name in self.fields}


class ResponseActionForm(forms.Form):
    """Leave a response out of the results or count it again: the state to set, not a toggle."""

    EXCLUDE, INCLUDE = "exclude", "include"
    action = forms.ChoiceField(choices=[(EXCLUDE, EXCLUDE), (INCLUDE, INCLUDE)])


def flag_label(flag: str) -> str:
    return str(dict(FLAGS).get(flag, flag))
