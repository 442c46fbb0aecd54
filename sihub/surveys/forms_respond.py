"""The respondent's forms: starting (consent), mailing the resume link, and a section's questions.

The questions of a section are not a Django form (their number and kinds
come from the questionnaire): ``section_fields`` makes one ``QuestionField``
per question, with everything its ``surveys/_question_<kind>.html`` template
needs (names, ids, the options ticked, help and error ids for
``aria-describedby``, and the skip logic as data attributes for
``respond.js``). Reading the posted values is ``answers.read_section``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sihub.core.forms import LabelledForm
from sihub.surveys import answers as answers_module
from sihub.surveys.schema import (
    LONG_TEXT,
    MATRIX,
    MULTIPLE,
    NUMBER,
    SCALE,
    SHORT_TEXT,
    SINGLE,
    Question,
    Section,
)


class HoneypotMixin:
    """A field hidden from people (its wrapper has ``hidden``) that form-filling bots fill in."""

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))  # type: ignore[attr-defined]


def _honeypot() -> forms.CharField:
    return forms.CharField(label=_("Leave this field empty"), required=False,
                           widget=forms.TextInput(attrs={"autocomplete": "off",
                                                         "tabindex": "-1"}))


class StartForm(HoneypotMixin, LabelledForm):
    consent = forms.BooleanField(
        label=_("I have read the text above and agree to it."),
        error_messages={"required": _("To take part, tick the box to agree to how your "
                                      "answers are used.")},
        widget=forms.CheckboxInput(attrs={"aria-describedby": "consent-text"}))
    website = _honeypot()


class ResumeMailForm(HoneypotMixin, LabelledForm):
    email = forms.EmailField(
        label=_("Your e-mail address"), max_length=254,
        help_text=_("We send the link once and do not keep the address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    website = _honeypot()


# --- A section's questions -------------------------------------------------------------------


@dataclass
class Choice:
    value: str
    label: str
    id: str
    checked: bool = False


@dataclass
class Row:
    code: str
    label: str
    name: str
    choices: list[Choice]


@dataclass
class QuestionField:
    question: Question
    text: str
    name: str
    id: str
    help: str = ""
    error: str = ""
    hidden: bool = False
    value: str = ""
    unit: str = ""
    min_label: str = ""
    max_label: str = ""
    max_length: int | None = None
    hint: str = ""
    show_if_name: str = ""
    show_if_values: str = ""
    choices: list[Choice] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.question.kind

    @property
    def template(self) -> str:
        if self.kind in (SINGLE, MULTIPLE, SCALE):
            return "surveys/_question_choice.html"
        if self.kind == MATRIX:
            return "surveys/_question_matrix.html"
        return "surveys/_question_text.html"

    @property
    def input_type(self) -> str:
        return "checkbox" if self.kind == MULTIPLE else "radio"

    @property
    def is_long(self) -> bool:
        return self.kind == LONG_TEXT

    @property
    def is_number(self) -> bool:
        return self.kind == NUMBER

    @property
    def help_id(self) -> str:
        return f"{self.id}-help" if self.help else ""

    @property
    def hint_id(self) -> str:
        return f"{self.id}-hint" if self.hint else ""

    @property
    def unit_id(self) -> str:
        return f"{self.id}-unit" if self.unit and self.kind == NUMBER else ""

    @property
    def error_id(self) -> str:
        return f"{self.id}-error" if self.error else ""

    @property
    def describedby(self) -> str:
        ids = (self.help_id, self.hint_id, self.unit_id, self.error_id)
        return " ".join(i for i in ids if i)

    @property
    def optional(self) -> bool:
        return not self.question.required

    @property
    def anchor(self) -> str:
        """Where the error summary links to: the first input of the question."""
        if self.choices:
            return self.choices[0].id
        if self.rows and self.rows[0].choices:
            return self.rows[0].choices[0].id
        return self.id

    @property
    def inputmode(self) -> str:
        return "numeric" if self.question.integer else "decimal"


def answers_as_data(section: Section, answers: Mapping[str, Any]) -> dict[str, list[str]]:
    """Saved answers in the shape the page posts them, to fill the page in."""
    data: dict[str, list[str]] = {}
    for q in section.questions:
        value = answers.get(q.code)
        if value in (None, "", [], {}):
            continue
        if q.kind == MATRIX and isinstance(value, Mapping):
            for row, option in value.items():
                data[answers_module.row_field_name(q.code, str(row))] = [str(option)]
        elif q.kind == MULTIPLE and isinstance(value, list):
            data[answers_module.field_name(q.code)] = [str(v) for v in value]
        elif q.kind == NUMBER and isinstance(value, float) and value.is_integer():
            data[answers_module.field_name(q.code)] = [str(int(value))]
        else:
            data[answers_module.field_name(q.code)] = [str(value)]
    return data


def _values(data: Any, name: str) -> list[str]:
    if hasattr(data, "getlist"):
        return [str(v) for v in data.getlist(name)]
    value = data.get(name)
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]


def _choices(name: str, field_id: str, options: list[tuple[str, str]], data: Any
             ) -> list[Choice]:
    ticked = set(_values(data, name))
    return [Choice(value=value, label=label, id=f"{field_id}_{i}", checked=value in ticked)
            for i, (value, label) in enumerate(options)]


def question_field(question: Question, data: Any, *, lang: str, error: str = "",
                   hidden: bool = False) -> QuestionField:
    """What one question's template needs, filled from ``data`` (posted or ``answers_as_data``)."""
    name = answers_module.field_name(question.code)
    field_id = f"id_{name}"
    qf = QuestionField(
        question=question, text=question.text(lang), name=name, id=field_id,
        help=question.help(lang), error=error, hidden=hidden, unit=question.unit(lang),
        min_label=question.min_label(lang), max_label=question.max_label(lang))
    if question.show_if:
        qf.show_if_name = answers_module.field_name(question.show_if.question)
        qf.show_if_values = ",".join(question.show_if.values)
    if question.kind in (SINGLE, MULTIPLE):
        qf.choices = _choices(name, field_id,
                              [(o.code, o.label(lang)) for o in question.options], data)
        if question.kind == MULTIPLE and question.max_choices:
            qf.hint = gettext("Choose at most %(n)d.") % {"n": question.max_choices}
    elif question.kind == SCALE:
        qf.choices = _choices(name, field_id, _scale_options(question, lang), data)
    elif question.kind == MATRIX:
        options = [(o.code, o.label(lang)) for o in question.options]
        for row in question.rows:
            row_name = answers_module.row_field_name(question.code, row.code)
            qf.rows.append(Row(code=row.code, label=row.label(lang), name=row_name,
                               choices=_choices(row_name, f"id_{row_name}", options, data)))
    else:
        values = _values(data, name)
        qf.value = values[-1] if values else ""
        if question.kind in (SHORT_TEXT, LONG_TEXT):
            qf.max_length = answers_module.max_length(question)
            if question.kind == LONG_TEXT or question.max_length:
                qf.hint = gettext("At most %(n)d characters.") % {"n": qf.max_length}
        elif question.kind == NUMBER:
            qf.hint = _number_hint(question)
    return qf


def _scale_options(question: Question, lang: str) -> list[tuple[str, str]]:
    """The points of a scale; the ends carry their meaning in the label itself, so it is
    read out with the radio button and not only seen above the row."""
    points = question.scale_points()
    out = []
    for point in points:
        meaning = (question.min_label(lang) if point == points[0]
                   else question.max_label(lang) if point == points[-1] else "")
        out.append((str(point), f"{point} – {meaning}" if meaning else str(point)))
    return out


def _number_hint(question: Question) -> str:
    def fmt(value: float) -> str:
        return str(int(value)) if float(value).is_integer() else str(value)

    whole = question.integer
    if question.minimum is not None and question.maximum is not None:
        text = (gettext("A whole number from %(low)s to %(high)s.") if whole
                else gettext("A number from %(low)s to %(high)s."))
        return text % {"low": fmt(question.minimum), "high": fmt(question.maximum)}
    return gettext("A whole number.") if whole else ""


def section_fields(section: Section, data: Any, *, lang: str, errors: Mapping[str, str],
                   shown: set[str]) -> list[QuestionField]:
    """The section's questions; those not shown for the answers so far are marked ``hidden``
    (``respond.js`` reveals them when an answer on the page calls for them)."""
    return [question_field(q, data, lang=lang, error=errors.get(q.code, ""),
                           hidden=q.code not in shown) for q in section.questions]


# --- The review page --------------------------------------------------------------------------


def display_value(question: Question, value: Any, lang: str) -> list[str]:
    """An answer as lines of text for the review page (empty when unanswered)."""
    if value in (None, "", [], {}):
        return []
    if question.kind == SINGLE:
        return [_option_label(question, str(value), lang)]
    if question.kind == MULTIPLE and isinstance(value, list):
        return [_option_label(question, str(v), lang) for v in value]
    if question.kind == MATRIX and isinstance(value, Mapping):
        return [f"{row.label(lang)}: {_option_label(question, str(value[row.code]), lang)}"
                for row in question.rows if row.code in value]
    if question.kind == NUMBER:
        number = int(value) if isinstance(value, float) and value.is_integer() else value
        unit = question.unit(lang)
        return [f"{number} {unit}".strip()]
    if question.kind == SCALE:
        return [gettext("%(value)s (from %(low)s to %(high)s)") % {
            "value": value, "low": int(question.minimum or 0), "high": int(question.maximum or 0)}]
    return [str(value)]


def _option_label(question: Question, code: str, lang: str) -> str:
    option = question.option(code)
    return option.label(lang) if option else code


@dataclass
class ReviewItem:
    question: Question
    text: str
    lines: list[str]
    error: str = ""


@dataclass
class ReviewSection:
    title: str
    step: int
    items: list[ReviewItem]


def review_sections(sections: list[Section], answers: Mapping[str, Any], *,
                    shown: set[str], errors: Mapping[str, str], lang: str
                    ) -> list[ReviewSection]:
    """The shown sections and questions with their answers, numbered as the steps are."""
    out = []
    for step, section in enumerate(sections, start=1):
        items = [ReviewItem(question=q, text=q.text(lang),
                            lines=display_value(q, answers.get(q.code), lang),
                            error=errors.get(q.code, ""))
                 for q in section.questions if q.code in shown]
        out.append(ReviewSection(title=section.title(lang), step=step, items=items))
    return out
