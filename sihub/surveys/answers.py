"""Reading and checking a respondent's answers (no database).

A section page posts one field per question (``field_name(code)``; a matrix
one per row, ``row_field_name(code, row)``; a multiple-choice question one
value per ticked box). ``read_section`` turns that into the stored values
(formats in ``schema.py``) and the errors to show; ``validate_complete``
checks a whole answer set before submission.

Whether a question must be answered depends on whether it is *shown*
(``logic.visible``) for the answers so far, this page's answers included: a
required question hidden by skip logic is never an error, and an answer to a
hidden question is dropped rather than kept.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from sihub.core.i18n import current_language
from sihub.surveys import logic
from sihub.surveys.schema import (
    LONG_TEXT,
    MATRIX,
    MULTIPLE,
    NUMBER,
    SCALE,
    SHORT_TEXT,
    SINGLE,
    Question,
    Schema,
    Section,
    number_text,
)

# Longest text answers when the questionnaire sets no limit (characters).
DEFAULT_MAX_LENGTH = {SHORT_TEXT: 300, LONG_TEXT: 5000}

Values = dict[str, Any]
Errors = dict[str, str]


def field_name(code: str) -> str:
    """The form field of a question (a prefix keeps codes apart from other fields)."""
    return f"a-{code}"


def row_field_name(code: str, row: str) -> str:
    """The form field of one row of a matrix question."""
    return f"a-{code}--{row}"


def max_length(question: Question) -> int:
    return question.max_length or DEFAULT_MAX_LENGTH.get(question.kind, 300)


# --- Form data to stored values ------------------------------------------------------------


def _getlist(data: Mapping[str, Any], name: str) -> list[str]:
    """All values posted under ``name`` (a QueryDict, or a plain dict in tests and commands)."""
    if hasattr(data, "getlist"):
        return [str(v) for v in data.getlist(name)]
    value = data.get(name)
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return [str(value)]


def _one(data: Mapping[str, Any], name: str) -> str:
    values = _getlist(data, name)
    return values[-1].strip() if values else ""


def parse_number(raw: str) -> float | None:
    """A number as people type it: "1 200", "12,5" (Swedish comma) or "12.5"; None if not one."""
    cleaned = raw.replace("\u00a0", "").replace(" ", "").replace("\u2212", "-").replace(",", ".")
    if not cleaned:
        return None
    try:
        number = float(Decimal(cleaned))
    except (InvalidOperation, ValueError):
        return None
    return number if math.isfinite(number) else None


def _label(question: Question, code: str, lang: str) -> str:
    option = question.option(code)
    return option.label(lang) if option else code


def _read_single(q: Question, data: Mapping[str, Any]) -> tuple[Any, str | None]:
    raw = _one(data, field_name(q.code))
    if not raw:
        return None, None
    if raw not in q.option_codes():
        return None, _("Choose one of the answers given.")
    return raw, None


def _read_multiple(q: Question, data: Mapping[str, Any], lang: str) -> tuple[Any, str | None]:
    raw = {v.strip() for v in _getlist(data, field_name(q.code)) if v.strip()}
    if not raw:
        return None, None
    if raw - set(q.option_codes()):
        return None, _("Choose among the answers given.")
    value = [code for code in q.option_codes() if code in raw]  # in option order
    if error := _combination_error(q, value, lang):
        return None, error
    return value, None


def _combination_error(q: Question, value: list[str], lang: str) -> str | None:
    """What is wrong with a valid set of ticked options: an exclusive answer with others,
    or more answers than allowed."""
    if len(value) > 1:
        exclusive = next((code for code in q.exclusive_codes() if code in value), None)
        if exclusive is not None:
            return _("“%(answer)s” cannot be combined with other answers.") % {
                "answer": _label(q, exclusive, lang)}
    if q.max_choices is not None and len(value) > q.max_choices:
        return _("Choose at most %(n)d answers.") % {"n": q.max_choices}
    return None


def _read_scale(q: Question, data: Mapping[str, Any]) -> tuple[Any, str | None]:
    raw = _one(data, field_name(q.code))
    if not raw:
        return None, None
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or value not in q.scale_points():
        points = q.scale_points() or (0,)
        return None, _("Choose a value from %(low)d to %(high)d.") % {
            "low": points[0], "high": points[-1]}
    return value, None


def _read_number(q: Question, data: Mapping[str, Any]) -> tuple[Any, str | None]:
    raw = _one(data, field_name(q.code))
    if not raw:
        return None, None
    number = parse_number(raw)
    if number is None:
        return None, _("Write a number, for example 12.")
    return _check_number(q, number)


def _check_number(q: Question, number: float) -> tuple[Any, str | None]:
    if q.integer and not float(number).is_integer():
        return None, _("Write a whole number.")
    if q.minimum is not None and number < q.minimum:
        return None, _("Write a number of at least %(n)s.") % {"n": number_text(q.minimum)}
    if q.maximum is not None and number > q.maximum:
        return None, _("Write a number of at most %(n)s.") % {"n": number_text(q.maximum)}
    return (int(number) if q.integer else float(number)), None


def _read_text(q: Question, data: Mapping[str, Any]) -> tuple[Any, str | None]:
    values = _getlist(data, field_name(q.code))
    # Browsers send line breaks as CRLF; count (and keep) them as one character.
    raw = (values[-1] if values else "").replace("\r\n", "\n").strip()
    if not raw:
        return None, None
    if q.kind == SHORT_TEXT:
        raw = " ".join(raw.split())
    return _check_text(q, raw)


def _check_text(q: Question, text: str) -> tuple[Any, str | None]:
    limit = max_length(q)
    if len(text) > limit:
        return None, _("Write at most %(limit)d characters (you wrote %(n)d).") % {
            "limit": limit, "n": len(text)}
    return text, None


def _read_matrix(q: Question, data: Mapping[str, Any], lang: str) -> tuple[Any, str | None]:
    value: dict[str, str] = {}
    options = q.option_codes()
    for row in q.rows:
        raw = _one(data, row_field_name(q.code, row.code))
        if not raw:
            continue
        if raw not in options:
            return None, _("Choose one of the answers given in the row “%(row)s”.") % {
                "row": row.label(lang)}
        value[row.code] = raw
    return (value or None), None


def read_question(question: Question, data: Mapping[str, Any], lang: str | None = None
                  ) -> tuple[Any, str | None]:
    """One question's posted answer as stored (None when unanswered) and what is wrong with it.

    Whether it had to be answered is decided by ``read_section`` (it depends on skip logic).
    """
    lang = lang or current_language()
    kind = question.kind
    if kind == SINGLE:
        return _read_single(question, data)
    if kind == MULTIPLE:
        return _read_multiple(question, data, lang)
    if kind == SCALE:
        return _read_scale(question, data)
    if kind == NUMBER:
        return _read_number(question, data)
    if kind in (SHORT_TEXT, LONG_TEXT):
        return _read_text(question, data)
    if kind == MATRIX:
        return _read_matrix(question, data, lang)
    return None, None


def _missing_message(question: Question, value: Any, lang: str) -> str | None:
    """Why a required, shown question is not answered enough (None when it is)."""
    if question.kind == MATRIX:
        answered = value if isinstance(value, Mapping) else {}
        missing = [row.label(lang) for row in question.rows if row.code not in answered]
        if not missing:
            return None
        if len(missing) == len(question.rows):
            return _("Answer every row.")
        return _("Answer every row; missing: %(rows)s.") % {"rows": ", ".join(missing)}
    if value in (None, "", [], {}):
        if question.kind == MULTIPLE:
            return _("Choose at least one answer.")
        if question.kind in (SINGLE, SCALE):
            return _("Choose an answer.")
        return _("Answer this question.")
    return None


def read_section(schema: Schema, section: Section, data: Mapping[str, Any], *,
                 answers: Mapping[str, Any], lang: str | None = None, require: bool = True
                 ) -> tuple[Values, Errors]:
    """The answers posted for one section page, and the errors by question code.

    ``answers`` are those saved so far; this page's answers replace theirs for
    the section's questions before deciding which questions are shown, so a
    question revealed by an answer on the same page is required at once (the
    view shows the page again), and one hidden by it is dropped. With
    ``require=False`` (saving to continue later, going back) unanswered
    required questions are not errors.
    """
    lang = lang or current_language()
    values: Values = {}
    errors: Errors = {}
    for question in section.questions:
        value, error = read_question(question, data, lang)
        if error:
            errors[question.code] = error
        elif value is not None:
            values[question.code] = value
    merged = merge(answers, section, values)
    shown = logic.visible_codes(schema, merged)
    values = {code: value for code, value in values.items() if code in shown}
    errors = {code: message for code, message in errors.items() if code in shown}
    if require:
        for question in section.questions:
            if question.code in shown and question.required and question.code not in errors:
                message = _missing_message(question, values.get(question.code), lang)
                if message:
                    errors[question.code] = message
    return values, errors


def merge(answers: Mapping[str, Any], section: Section, values: Mapping[str, Any]) -> Values:
    """``answers`` with the section's questions answered exactly by ``values``."""
    codes = {q.code for q in section.questions}
    merged = {code: value for code, value in answers.items() if code not in codes}
    merged.update({code: value for code, value in values.items() if code in codes})
    return merged


# --- A whole answer set --------------------------------------------------------------------


def check_value(question: Question, value: Any, lang: str | None = None) -> str | None:
    """What is wrong with a stored answer (None when it is a valid value of its kind)."""
    lang = lang or current_language()
    kind = question.kind
    if kind == SINGLE:
        ok = isinstance(value, str) and value in question.option_codes()
        return None if ok else _("Choose one of the answers given.")
    if kind == MULTIPLE:
        if not isinstance(value, list) or not set(map(str, value)) <= set(question.option_codes()):
            return _("Choose among the answers given.")
        return _combination_error(question, [str(v) for v in value], lang)
    if kind == SCALE:
        ok = isinstance(value, int) and not isinstance(value, bool) \
            and value in question.scale_points()
        return None if ok else _("Choose a value on the scale.")
    if kind == NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return _("Write a number, for example 12.")
        return _check_number(question, value)[1]
    if kind in (SHORT_TEXT, LONG_TEXT):
        if not isinstance(value, str):
            return _("Answer this question.")
        return _check_text(question, value)[1]
    if kind == MATRIX:
        if not isinstance(value, Mapping):
            return _("Answer every row.")
        rows = {row.code for row in question.rows}
        if set(value) - rows or set(map(str, value.values())) - set(question.option_codes()):
            return _("Choose among the answers given.")
    return None


def validate_complete(schema: Schema, answers: Mapping[str, Any],
                      lang: str | None = None) -> Errors:
    """Errors by question code that stop a submission: every shown required question
    answered, every answer valid. Answers to hidden questions do not count (they are
    pruned on submission), so they can be neither missing nor wrong."""
    lang = lang or current_language()
    kept = logic.prune(schema, answers)
    errors: Errors = {}
    for question in logic.visible(schema, kept):
        value = kept.get(question.code)
        message = check_value(question, value, lang) if value not in (None, "", [], {}) else None
        if message is None and question.required:
            message = _missing_message(question, value, lang)
        if message:
            errors[question.code] = message
    return errors


def unanswered(questions: Iterable[Question], answers: Mapping[str, Any]) -> list[Question]:
    """The questions without an answer (the review page marks them)."""
    return [q for q in questions if answers.get(q.code) in (None, "", [], {})]
