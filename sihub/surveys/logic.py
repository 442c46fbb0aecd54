"""Skip logic: which sections and questions a respondent sees, given the answers so far.

A section or question with a condition (``show_if``) is shown when the
question it names is itself shown and was answered with one of the listed
values, or, for a comparison ("at least 10"), with a number that compares so
(an unanswered question meets no condition); conditions only point backwards
(``schema.problems`` checks), so one pass in questionnaire order settles
everything. Answers to questions that end up hidden are dropped on submission
(``prune``): changing an earlier answer cannot leave answers to questions the
respondent no longer sees.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from sihub.surveys.schema import MULTIPLE, Condition, Question, Schema, Section


def answer_values(question: Question | None, value: Any) -> set[str]:
    """An answer as the set of strings a condition compares with."""
    if question is None or value in (None, "", [], {}):
        return set()
    if question.kind == MULTIPLE and isinstance(value, list | tuple):
        return {str(v) for v in value}
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return {str(value)}


def answer_number(value: Any) -> float | None:
    """An answer as the number a comparison tests (None: unanswered or not a number)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _met(condition: Condition | None, schema: Schema, answers: Mapping[str, Any],
         shown: set[str]) -> bool:
    """Whether ``condition`` holds, given the answers and the questions shown before it."""
    if condition is None:
        return True
    if condition.question not in shown:
        return False
    value = answers.get(condition.question)
    if condition.is_comparison:
        number = answer_number(value)
        return number is not None and condition.compare(number)
    question = schema.question(condition.question)
    return bool(answer_values(question, value) & set(condition.values))


def visible(schema: Schema, answers: Mapping[str, Any]) -> list[Question]:
    """The questions shown for these answers, in order."""
    shown: set[str] = set()
    out: list[Question] = []
    for section in schema.sections:
        if not _met(section.show_if, schema, answers, shown):
            continue
        for question in section.questions:
            if _met(question.show_if, schema, answers, shown):
                shown.add(question.code)
                out.append(question)
    return out


def visible_codes(schema: Schema, answers: Mapping[str, Any]) -> set[str]:
    return {q.code for q in visible(schema, answers)}


def visible_sections(schema: Schema, answers: Mapping[str, Any]) -> list[Section]:
    """The sections with at least one question shown, in order."""
    codes = visible_codes(schema, answers)
    return [s for s in schema.sections if any(q.code in codes for q in s.questions)]


def prune(schema: Schema, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers without those to questions the respondent does not see (or that do not exist)."""
    codes = visible_codes(schema, answers)
    return {code: value for code, value in answers.items() if code in codes}
