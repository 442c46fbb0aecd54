"""A questionnaire's structure as plain dataclasses, read from its stored stream.

``parse(raw)`` takes ``Questionnaire.body.raw_data`` (the StreamField's JSON:
sections holding questions, see ``blocks.py``) and gives a ``Schema``;
``problems(schema)`` lists what makes it unusable (duplicate codes, skip logic
that points forward or at values that do not exist, …). Nothing here touches
the database, so the logic and the statistics built on it can be tested on
small hand-written cases.

Answers are kept as one dict per response, ``{question code: value}``:

=============== ==============================================
kind            value
=============== ==============================================
single_choice   option code (str)
multiple_choice option codes (list of str, in option order)
scale           int between the scale's ends
number          int or float
short_text      str
long_text       str
matrix          {row code: option code}
=============== ==============================================

An unanswered question has no key.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

SINGLE = "single_choice"
MULTIPLE = "multiple_choice"
SCALE = "scale"
NUMBER = "number"
SHORT_TEXT = "short_text"
LONG_TEXT = "long_text"
MATRIX = "matrix"
KINDS = (SINGLE, MULTIPLE, SCALE, NUMBER, SHORT_TEXT, LONG_TEXT, MATRIX)
CHOICE_KINDS = (SINGLE, MULTIPLE)
TEXT_KINDS = (SHORT_TEXT, LONG_TEXT)
# Kinds whose answers a skip-logic condition may test: choices and scales by their answers
# ("is one of"), numbers and scales by a comparison with one number.
CONDITION_KINDS = (SINGLE, MULTIPLE, SCALE, NUMBER)
IN_KINDS = (SINGLE, MULTIPLE, SCALE)
COMPARISON_KINDS = (SCALE, NUMBER)

# How a condition tests its question: one of the listed answers, or a comparison.
IN, AT_LEAST, MORE_THAN, AT_MOST, LESS_THAN = "in", ">=", ">", "<=", "<"
COMPARISONS = (AT_LEAST, MORE_THAN, AT_MOST, LESS_THAN)
OPERATORS = (
    (IN, _("is one of")),
    (AT_LEAST, _("is at least")),
    (MORE_THAN, _("is more than")),
    (AT_MOST, _("is at most")),
    (LESS_THAN, _("is less than")),
)

# Questions that results can be broken down by (cross-tabulation), one each.
SECTOR, REGION, SIZE = "sector", "region", "size"
DIMENSIONS = ((SECTOR, _("sector")), (REGION, _("region")), (SIZE, _("size")))
DIMENSION_NAMES = tuple(name for name, _label in DIMENSIONS)

CODE_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_SCALE_POINTS = 11


@dataclass(frozen=True)
class Text:
    """A text in Swedish and English; ``text(lang)`` falls back to the other language."""

    sv: str = ""
    en: str = ""

    def __call__(self, lang: str = "sv") -> str:
        first, second = (self.en, self.sv) if lang == "en" else (self.sv, self.en)
        return first or second

    def __bool__(self) -> bool:
        return bool(self.sv or self.en)


@dataclass(frozen=True)
class Option:
    code: str
    label: Text
    exclusive: bool = False  # multiple choice: cannot be ticked with another answer


@dataclass(frozen=True)
class Condition:
    """Show only when question ``question`` was answered with one of ``values`` (operator
    ``in``), or, for a comparison (``>=``, ``>``, ``<=``, ``<``), when its answer compares so
    with the one number in ``values``."""

    question: str
    values: tuple[str, ...]
    operator: str = IN

    @property
    def is_comparison(self) -> bool:
        return self.operator in COMPARISONS

    @property
    def number(self) -> float | None:
        """The number a comparison compares with (None: not exactly one finite number)."""
        number = _number(self.values[0]) if len(self.values) == 1 else None
        return number if number is not None and math.isfinite(number) else None

    def compare(self, answer: float) -> bool:
        """Whether ``answer`` meets this comparison (False for "in" or without a number)."""
        limit = self.number
        if limit is None:
            return False
        return {AT_LEAST: answer >= limit, MORE_THAN: answer > limit,
                AT_MOST: answer <= limit, LESS_THAN: answer < limit}.get(self.operator, False)


@dataclass(frozen=True)
class Question:
    code: str
    kind: str
    text: Text
    section: str = ""
    help: Text = field(default_factory=Text)
    required: bool = True
    show_if: Condition | None = None
    options: tuple[Option, ...] = ()
    rows: tuple[Option, ...] = ()  # matrix only
    dimension: str = ""  # choice questions: sector / region / size
    max_choices: int | None = None  # multiple choice
    minimum: float | None = None  # scale (int) and number
    maximum: float | None = None
    integer: bool = True  # number
    unit: Text = field(default_factory=Text)
    min_label: Text = field(default_factory=Text)  # scale
    max_label: Text = field(default_factory=Text)
    bins: tuple[float, ...] = ()  # number: upper limits of the groups in results
    max_length: int | None = None  # text
    classify: bool = False  # text: suggest SDGs for the answers

    @property
    def is_choice(self) -> bool:
        return self.kind in CHOICE_KINDS

    @property
    def is_text(self) -> bool:
        return self.kind in TEXT_KINDS

    def option(self, code: str) -> Option | None:
        return next((o for o in self.options if o.code == code), None)

    def option_codes(self) -> tuple[str, ...]:
        return tuple(o.code for o in self.options)

    def exclusive_codes(self) -> tuple[str, ...]:
        """Multiple choice: the answers that cannot be combined with any other."""
        if self.kind != MULTIPLE:
            return ()
        return tuple(o.code for o in self.options if o.exclusive)

    def scale_points(self) -> tuple[int, ...]:
        if self.kind != SCALE or self.minimum is None or self.maximum is None:
            return ()
        return tuple(range(int(self.minimum), int(self.maximum) + 1))

    def value_codes(self) -> tuple[str, ...]:
        """The answers a condition on this question may name, as strings."""
        if self.kind == SCALE:
            return tuple(str(p) for p in self.scale_points())
        return self.option_codes()


@dataclass(frozen=True)
class Section:
    key: str
    title: Text
    intro: Text = field(default_factory=Text)
    show_if: Condition | None = None
    questions: tuple[Question, ...] = ()


@dataclass(frozen=True)
class Schema:
    sections: tuple[Section, ...] = ()

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for s in self.sections for q in s.questions)

    def question(self, code: str) -> Question | None:
        return next((q for q in self.questions if q.code == code), None)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def dimension(self, name: str) -> Question | None:
        """The question results are broken down by for ``name`` (sector/region/size)."""
        return next((q for q in self.questions if q.dimension == name), None)

    def dimensions(self) -> dict[str, Question]:
        return {name: q for name in DIMENSION_NAMES if (q := self.dimension(name))}


def number_text(value: float | int | None) -> str:
    """A number as a questionnaire writes it: 12 (not 12.0), 2.5 as it is; "" for none."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- Reading the stored stream ---------------------------------------------------------


def _items(raw: Any) -> list[Any]:
    """A ListBlock's stored items: plain values or {"type": "item", "value": …}."""
    out = []
    for item in raw or ():
        if isinstance(item, Mapping) and item.get("type") == "item" and "value" in item:
            out.append(item["value"])
        else:
            out.append(item)
    return out


def _text(value: Mapping[str, Any], name: str) -> Text:
    return Text(str(value.get(f"{name}_sv") or "").strip(),
                str(value.get(f"{name}_en") or "").strip())


def _number(value: Any) -> float | None:
    if value in (None, ""):
        return None
    try:
        return float(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return None


def _int(value: Any) -> int | None:
    number = _number(value)
    return None if number is None else int(number)


def _condition(raw: Any) -> Condition | None:
    """A stored condition; one stored before operators existed (no ``operator``) means "in".
    An unknown operator is kept as it is, so that ``problems`` can name it."""
    if not isinstance(raw, Mapping) or not str(raw.get("question") or "").strip():
        return None
    values = tuple(v.strip() for v in str(raw.get("values") or "").split(",") if v.strip())
    operator = str(raw.get("operator") or "").strip() or IN
    return Condition(str(raw["question"]).strip(), values, operator)


def _options(raw: Any) -> tuple[Option, ...]:
    return tuple(Option(str(o.get("code") or "").strip(), _text(o, "label"),
                        exclusive=bool(o.get("exclusive")))
                 for o in _items(raw) if isinstance(o, Mapping))


def _bins(raw: Any) -> tuple[float, ...]:
    out = []
    for part in str(raw or "").split(","):
        number = _number(part.strip())
        if number is not None:
            out.append(number)
    return tuple(sorted(set(out)))


def parse_question(kind: str, value: Mapping[str, Any], section: str = "") -> Question:
    return Question(
        code=str(value.get("code") or "").strip(), kind=kind, text=_text(value, "text"),
        section=section, help=_text(value, "help"), required=bool(value.get("required")),
        show_if=_condition(value.get("show_if")), options=_options(value.get("options")),
        rows=_options(value.get("rows")), dimension=str(value.get("dimension") or ""),
        max_choices=_int(value.get("max_choices")),
        minimum=_number(value.get("minimum")), maximum=_number(value.get("maximum")),
        integer=bool(value.get("integer", True)), unit=_text(value, "unit"),
        min_label=_text(value, "min_label"), max_label=_text(value, "max_label"),
        bins=_bins(value.get("bins")), max_length=_int(value.get("max_length")),
        classify=bool(value.get("classify")),
    )


def parse(raw: Iterable[Mapping[str, Any]] | None) -> Schema:
    """The schema of a stored questionnaire body (``body.raw_data``, or the same list)."""
    sections = []
    for block in raw or ():
        if block.get("type") != "section":
            continue
        value = block.get("value") or {}
        key = str(value.get("key") or "").strip()
        questions = tuple(
            parse_question(q.get("type", ""), q.get("value") or {}, key)
            for q in value.get("questions") or () if q.get("type") in KINDS)
        sections.append(Section(key=key, title=_text(value, "title"),
                                intro=_text(value, "intro"),
                                show_if=_condition(value.get("show_if")), questions=questions))
    return Schema(tuple(sections))


# --- What makes a questionnaire unusable ---------------------------------------------


def problems(schema: Schema) -> list[str]:
    """Translated sentences, one per problem; empty when the questionnaire can be published."""
    out: list[str] = []
    if not schema.questions:
        out.append(gettext("The questionnaire has no questions."))
    seen_sections: set[str] = set()
    for section in schema.sections:
        if not CODE_RE.match(section.key):
            out.append(gettext("Section code “%(code)s” must start with a letter and hold only "
                          "lower-case letters, digits and _.") % {"code": section.key})
        if section.key in seen_sections:
            out.append(gettext("Two sections have the code “%(code)s”.") % {"code": section.key})
        seen_sections.add(section.key)
        if not section.title.sv or not section.title.en:
            out.append(gettext("Section “%(code)s” needs a title in Swedish and English.")
                       % {"code": section.key})
    earlier: dict[str, Question] = {}
    dimensions: dict[str, str] = {}
    for section in schema.sections:
        if section.show_if:
            out.extend(_condition_problems(section.show_if, earlier, section.key))
        for question in section.questions:
            out.extend(_question_problems(question, earlier, dimensions))
            earlier.setdefault(question.code, question)
    return out


def _question_problems(q: Question, earlier: Mapping[str, Question],
                       dimensions: dict[str, str]) -> list[str]:
    out: list[str] = []
    names = {"code": q.code}
    if not CODE_RE.match(q.code):
        out.append(gettext("Question code “%(code)s” must start with a letter and hold only "
                      "lower-case letters, digits and _ (at most 40).") % names)
    if q.code in earlier:
        out.append(gettext("Two questions have the code “%(code)s”.") % names)
    if not q.text.sv or not q.text.en:
        out.append(gettext("Question “%(code)s” needs its text in Swedish and English.") % names)
    if q.kind in CHOICE_KINDS or q.kind == MATRIX:
        out.extend(_option_problems(q.code, q.options, minimum=2))
    if q.kind == MATRIX:
        out.extend(_option_problems(q.code, q.rows, minimum=1))
    if q.kind == SCALE:
        if q.minimum is None or q.maximum is None or q.minimum >= q.maximum:
            out.append(gettext("Scale “%(code)s”: the lowest value must be below the highest.")
                       % names)
        elif q.maximum - q.minimum + 1 > MAX_SCALE_POINTS:
            out.append(gettext("Scale “%(code)s” has more than %(n)d points.")
                       % {**names, "n": MAX_SCALE_POINTS})
    if q.kind == NUMBER and q.minimum is not None and q.maximum is not None \
            and q.minimum > q.maximum:
        out.append(gettext("Number “%(code)s”: the lowest allowed value is above the highest.")
                   % names)
    if q.max_choices is not None and q.kind == MULTIPLE and q.max_choices < 1:
        out.append(gettext("Question “%(code)s”: at most zero answers cannot be answered.") % names)
    if q.dimension:
        if q.dimension not in DIMENSION_NAMES or q.kind != SINGLE:
            out.append(gettext("Only single-choice questions can be a breakdown (“%(code)s”).")
                       % names)
        elif q.dimension in dimensions:
            out.append(gettext("Both “%(first)s” and “%(code)s” are marked as %(dimension)s.")
                       % {**names, "first": dimensions[q.dimension], "dimension": q.dimension})
        else:
            dimensions[q.dimension] = q.code
    if q.show_if:
        out.extend(_condition_problems(q.show_if, earlier, q.code))
    return out


def _option_problems(code: str, options: tuple[Option, ...], *, minimum: int) -> list[str]:
    out: list[str] = []
    codes = [o.code for o in options]
    if len(options) < minimum:
        out.append(gettext("Question “%(code)s” needs at least %(n)d answer options or rows.")
                   % {"code": code, "n": minimum})
    for option in options:
        if not option.code or not re.match(r"^[A-Za-z0-9_-]{1,40}$", option.code):
            out.append(gettext("Question “%(code)s”: answer code “%(option)s” may hold only "
                               "letters, digits, - and _.")
                       % {"code": code, "option": option.code})
        if not option.label.sv or not option.label.en:
            out.append(gettext("Question “%(code)s”: answer “%(option)s” needs a label in Swedish "
                          "and English.") % {"code": code, "option": option.code})
    if len(set(codes)) != len(codes):
        out.append(gettext("Question “%(code)s” has two answers with the same code.")
                   % {"code": code})
    return out


def _condition_problems(condition: Condition, earlier: Mapping[str, Question],
                        owner: str) -> list[str]:
    target = earlier.get(condition.question)
    names = {"code": owner, "target": condition.question, "operator": condition.operator}
    if target is None:
        return [gettext("Skip logic of “%(code)s” refers to “%(target)s”, which is not an earlier "
                   "question.") % names]
    if target.kind not in CONDITION_KINDS:
        return [gettext("Skip logic of “%(code)s” can only test a choice, scale or number "
                        "question, not “%(target)s”.") % names]
    if condition.operator not in (IN, *COMPARISONS):
        return [gettext("Skip logic of “%(code)s” has an unknown comparison “%(operator)s”.")
                % names]
    if condition.is_comparison:
        return _comparison_problems(condition, target, names)
    if target.kind not in IN_KINDS:
        return [gettext("Skip logic of “%(code)s”: “%(target)s” is a number; compare it with a "
                   "number (at least, more than, at most, less than).") % names]
    if not condition.values:
        return [gettext("Skip logic of “%(code)s” names no answers of “%(target)s”.") % names]
    unknown = [v for v in condition.values if v not in target.value_codes()]
    if unknown:
        return [gettext("Skip logic of “%(code)s”: “%(target)s” has no answer %(values)s.")
                % {**names, "values": ", ".join(unknown)}]
    return []


def _comparison_problems(condition: Condition, target: Question,
                         names: Mapping[str, str]) -> list[str]:
    """A comparison needs a number or scale question, exactly one number, and an answer that
    can meet it (otherwise what it shows could never be seen)."""
    if target.kind not in COMPARISON_KINDS:
        return [gettext("Skip logic of “%(code)s”: only a number or scale question can be compared "
                   "with a number, not “%(target)s”.") % names]
    if condition.number is None:
        return [gettext("Skip logic of “%(code)s”: a comparison needs exactly one number "
                   "(e.g. 10).") % names]
    if not _can_be_met(condition, target):
        return [gettext("Skip logic of “%(code)s”: no answer to “%(target)s” can meet the "
                   "comparison, so it would never be shown.") % names]
    return []


def _can_be_met(condition: Condition, target: Question) -> bool:
    if target.kind == SCALE:
        return any(condition.compare(point) for point in target.scale_points())
    if condition.operator in (AT_LEAST, MORE_THAN):
        return target.maximum is None or condition.compare(target.maximum)
    return target.minimum is None or condition.compare(target.minimum)
