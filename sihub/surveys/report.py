"""What a public monitor report page shows: key figures, charts, breakdowns, comparison.

``MonitorReportPage.get_context`` calls ``report_context(page, request)``; the
template is ``surveys/monitor_report_page.html``. The figures come from
``stats`` and the drawings from ``charts``; this module only chooses what to
show and says it in words, in the page's language.

A public page shows **aggregates only**, and each passes through
``stats.suppress(…, settings.SIHUB_SURVEYS_MIN_GROUP)`` before it is drawn or
put in words: a group smaller than the minimum shows "–", never its number.
Free-text answers are never read. If the round's results are not public
(``selectors.public_results_rounds``), nothing is computed at all: the page
shows its editorial text and a note, so editors can publish the text first.
An earlier round to compare with is used only if it is public too and of the
same questionnaire family (questions are matched by code).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from sihub.core.i18n import localized
from sihub.surveys import charts, selectors, stats
from sihub.surveys.schema import MATRIX, MULTIPLE, NUMBER, SCALE, SINGLE, Question, Schema

# Shown as charts when the page names no questions.
DEFAULT_CHART_KINDS = (SINGLE, MULTIPLE, SCALE, MATRIX)
CHART_KINDS = (SINGLE, MULTIPLE, SCALE, MATRIX, NUMBER)
# The public API's aggregate results of a round, when it exists (kwargs: slug).
API_URL_NAME = "api-v1:survey_round_results"


@dataclass(frozen=True)
class Figure:
    """A key figure: ``value`` ("62 %", "3,4", "48") and what it means, in words."""

    value: str
    text: str
    change: str = ""  # "+5 percentage points since …"; empty without a comparison
    hidden: bool = False  # too few answers to show


@dataclass(frozen=True)
class QuestionCharts:
    code: str
    heading: str
    chart: charts.BarChart
    breakdown: charts.BarChart | None = None
    comparison: charts.BarChart | None = None


@dataclass(frozen=True)
class Report:
    public: bool
    lang: str
    round_title: str
    responses: int = 0
    compare_title: str = ""
    breakdown_name: str = ""
    figures: list[Figure] = field(default_factory=list)
    questions: list[QuestionCharts] = field(default_factory=list)
    min_group: int = 1
    opens_at: Any = None
    closes_at: Any = None
    anonymous: bool = True
    api_url: str = ""


def page_language(page: Any) -> str:
    code = (getattr(getattr(page, "locale", None), "language_code", "") or "sv")[:2]
    return code if code in ("sv", "en") else "sv"


def is_public(survey_round: Any) -> bool:
    return selectors.public_results_rounds().filter(pk=survey_round.pk).exists()


def _comparable(page: Any) -> Any:
    other = page.compare_with
    if other is None or other.pk == page.round_id or not is_public(other):
        return None
    if other.questionnaire.family != page.round.questionnaire.family:
        return None
    return other


def chart_codes(page: Any, schema: Schema) -> list[Question]:
    """The questions to chart: those named (that can be charted), else every choice/scale."""
    codes = page.codes(page.chart_questions)
    if not codes:
        return [q for q in schema.questions if q.kind in DEFAULT_CHART_KINDS]
    found = [schema.question(code) for code in codes]
    return [q for q in found if q is not None and q.kind in CHART_KINDS]


# --- Key figures in words -----------------------------------------------------------------


def _decimal(value: float) -> str:
    """One decimal in the active language's style, none when it is a whole number."""
    value = round(value, 1)
    return number_format(value, 0 if float(value).is_integer() else 1)


def _whole(percent: float) -> int:
    return int(percent + 0.5)  # as charts.percent_text rounds


def _signed(number: float) -> str:
    number = round(number, 1)
    text = _decimal(abs(number))
    return f"+{text}" if number > 0 else f"−{text}" if number < 0 else text


def _option_code(question: Question, figure: stats.KeyFigure) -> str:
    return next((o.code for o in question.options if o.label == figure.detail), "")


def _percent_change(question: Question, figure: stats.KeyFigure, before: Any,
                    answers: Sequence[dict[str, Any]], schema: Schema,
                    min_group: int) -> str:
    code = _option_code(question, figure)
    earlier = before["schema"].question(question.code)
    if not code or earlier is None or figure.value is None:
        return ""
    comparison = stats.suppress(
        stats.compare(earlier, before["answers"], question, answers,
                      schema_a=before["schema"], schema_b=schema), min_group)
    row = next((r for r in comparison.rows if r.code == code), None)
    if row is None or not row.in_both:
        return ""
    points = _whole(row.b_percent) - _whole(row.a_percent)
    return _("%(points)s percentage points since %(round)s") % {
        "points": _signed(points), "round": before["title"]}


def _value_change(question: Question, figure: stats.KeyFigure, before: Any,
                  min_group: int) -> str:
    earlier = before["schema"].question(question.code)
    if earlier is None or earlier.kind != question.kind or figure.value is None:
        return ""
    result = stats.suppress(stats.question_result(earlier, before["answers"],
                                                  schema=before["schema"]), min_group)
    old = result.mean if figure.unit == "mean" else result.median
    if old is None:
        return ""
    return _("%(change)s since %(round)s") % {
        "change": _signed(figure.value - old), "round": before["title"]}


def _words(question: Question, figure: stats.KeyFigure, lang: str) -> Figure:
    names = {"question": question.text(lang), "answer": figure.detail(lang)}
    if figure.value is None:
        return Figure("–", _("“%(question)s”: too few answers to show.") % names, hidden=True)
    if figure.unit == "percent":
        text = _("of those who answered “%(question)s” chose “%(answer)s”, the most common "
                 "answer.") % names
        return Figure(charts.percent_text(figure.value), text)
    if figure.unit == "mean":
        text = _("on average for “%(question)s”, on a scale from %(low)s to %(high)s.") % {
            **names, "low": _decimal(question.minimum or 0),
            "high": _decimal(question.maximum or 0)}
        return Figure(_decimal(figure.value), text)
    unit = question.unit(lang)
    text = (_("is the median answer to “%(question)s” (%(unit)s).") % {**names, "unit": unit}
            if unit else _("is the median answer to “%(question)s”.") % names)
    return Figure(_decimal(figure.value), text)


def key_figures(page: Any, schema: Schema, answers: Sequence[dict[str, Any]], before: Any,
                lang: str, min_group: int) -> list[Figure]:
    figures = stats.key_figures(schema, answers, codes=page.codes(page.key_questions),
                                min_group=min_group)
    out = [Figure(number_format(len(answers)), _("responses to the survey."))]
    for figure in figures[1:]:  # the first is the number of responses
        question = schema.question(figure.code)
        if question is None:
            continue
        words = _words(question, figure, lang)
        if before is not None and not words.hidden:
            change = (_percent_change(question, figure, before, answers, schema, min_group)
                      if figure.unit == "percent"
                      else _value_change(question, figure, before, min_group))
            words = Figure(words.value, words.text, change)
        out.append(words)
    return out


# --- Charts -------------------------------------------------------------------------------


def question_charts(page: Any, schema: Schema, answers: Sequence[dict[str, Any]],
                    before: Any, lang: str, min_group: int, round_title: str
                    ) -> list[QuestionCharts]:
    by_code = {r.code: r for r in stats.results(schema, answers)}  # never free text
    comparisons = (stats.compare_all(before["schema"], before["answers"], schema, answers)
                   if before else {})
    by = schema.dimension(page.breakdown) if page.breakdown else None
    out = []
    for question in chart_codes(page, schema):
        result = stats.suppress(by_code[question.code], min_group)
        breakdown = comparison = None
        if by is not None and by.code != question.code and \
                question.kind in stats.CROSSTAB_KINDS:
            table = stats.suppress(stats.crosstab(question, by, answers), min_group)
            breakdown = charts.crosstab_chart(table, lang=lang)
        if question.code in comparisons:
            compared = stats.suppress(comparisons[question.code], min_group)
            comparison = charts.comparison_chart(compared, a_name=before["title"],
                                                 b_name=round_title, lang=lang)
        out.append(QuestionCharts(question.code, question.text(lang),
                                  charts.result_chart(result, lang=lang), breakdown,
                                  comparison))
    return out


def _api_url(survey_round: Any) -> str:
    try:
        return reverse(API_URL_NAME, kwargs={"id": survey_round.pk})
    except NoReverseMatch:
        return ""


def build(page: Any) -> Report:
    """The report of ``page`` in its own language, small groups hidden."""
    lang = page_language(page)
    survey_round = page.round
    with translation.override(lang):
        title = localized(survey_round, "title", lang)
        if not is_public(survey_round):
            return Report(public=False, lang=lang, round_title=title)
        min_group = settings.SIHUB_SURVEYS_MIN_GROUP
        schema = survey_round.questionnaire.schema
        answers = selectors.counted_answers(survey_round)
        other = _comparable(page)
        before = None if other is None else {
            "schema": other.questionnaire.schema, "answers": selectors.counted_answers(other),
            "title": localized(other, "title", lang)}
        by = schema.dimension(page.breakdown) if page.breakdown else None
        return Report(
            public=True, lang=lang, round_title=title, responses=len(answers),
            compare_title=before["title"] if before else "",
            breakdown_name=by.text(lang) if by else "",
            figures=key_figures(page, schema, answers, before, lang, min_group),
            questions=question_charts(page, schema, answers, before, lang, min_group, title),
            min_group=min_group, opens_at=survey_round.opens_at,
            closes_at=survey_round.closes_at, anonymous=survey_round.anonymous,
            api_url=_api_url(survey_round))


def report_context(page: Any, request: HttpRequest | None = None) -> dict[str, Any]:
    """The template context of a ``MonitorReportPage`` (``report``: a ``Report``)."""
    return {"report": build(page)}
