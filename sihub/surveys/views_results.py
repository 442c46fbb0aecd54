"""Staff results pages of one survey round: results, cross-tabulation, free text, comparison,
and the raw responses (analysts only).

Every view has one shape: fetch and authorise the round through ``selectors``
(aggregates: ``round_for_results``; single responses: ``round_for_responses``),
read the GET forms, compute with ``stats`` (no figures are computed here),
draw with ``charts``, render. Only counted responses (submitted, not left out)
enter a figure (``selectors.counted_answers``). Staff pages show every count:
small groups are hidden only where results are public (``stats.suppress``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sihub.core.i18n import current_language
from sihub.sdg.models import Goal
from sihub.surveys import charts, frame, logic, selectors, stats
from sihub.surveys import schema as schema_module
from sihub.surveys.forms_results import (
    ANY,
    FLAGGED,
    NO_FLAG,
    AnswerFilterForm,
    CompareForm,
    CrosstabForm,
    FreeTextForm,
    ResponseActionForm,
    ResponseFilterForm,
    flag_label,
)
from sihub.surveys.models import SurveyResponse, SurveyRound
from sihub.surveys.schema import Question, Schema, number_text
from sihub.surveys.services_results import response_set_excluded

PER_PAGE = 50


# --- Shared pieces -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Filtered:
    """The filter form and the answers it keeps, out of all counted answers."""

    form: AnswerFilterForm
    total: int
    answers: list[dict[str, Any]]

    @property
    def active(self) -> bool:
        return bool(self.form.filters())


def _filtered(request: HttpRequest, survey_round: SurveyRound, *, extra: bool = True
              ) -> Filtered:
    schema = survey_round.questionnaire.schema
    form = AnswerFilterForm(request.GET or None, schema=schema, extra=extra)
    answers = selectors.counted_answers(survey_round)
    filters = form.filters()
    kept = stats.filter_answers(schema, answers, filters) if filters else answers
    return Filtered(form, len(answers), list(kept))


def _query_without(request: HttpRequest, *names: str) -> str:
    """The current query string less ``names`` (for pager links that keep the filters)."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _page(request: HttpRequest, items: Sequence[Any] | QuerySet[Any]) -> Any:
    return Paginator(items, PER_PAGE).get_page(request.GET.get("page"))


# --- Results -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResultView:
    """One question on the results page: its figures, chart (with table) and extras."""

    question: Question
    text: str
    result: stats.QuestionResult
    chart: charts.BarChart | None
    unit: str = ""

    @property
    def code(self) -> str:
        return self.question.code

    @property
    def is_text(self) -> bool:
        return self.question.is_text

    @property
    def has_average(self) -> bool:
        return self.question.kind in (schema_module.SCALE, schema_module.NUMBER)


@dataclass(frozen=True)
class SectionView:
    key: str
    title: str
    results: list[ResultView] = field(default_factory=list)


def _result_view(result: stats.QuestionResult, lang: str) -> ResultView:
    question = result.question
    chart = None
    if result.has_distribution:
        # The page lists shown, answered, mean and median itself: the note keeps only
        # what the figures do not say.
        note = (_("Several answers could be chosen, so the shares may add up to more than "
                  "100 %.") if question.kind == schema_module.MULTIPLE else "")
        chart = replace(charts.result_chart(result, lang=lang), note=note)
    return ResultView(question, question.text(lang) or question.code, result, chart,
                      unit=question.unit(lang))


def result_sections(schema: Schema, found: Iterable[stats.QuestionResult], lang: str
                    ) -> list[SectionView]:
    """The results grouped by the questionnaire's sections, in order."""
    by_code = {r.code: r for r in found}
    return [SectionView(s.key, s.title(lang) or s.key,
                        [_result_view(by_code[q.code], lang) for q in s.questions
                         if q.code in by_code])
            for s in schema.sections]


@login_required
@require_GET
def results(request: HttpRequest, pk: int) -> HttpResponse:
    """Every question of the round with its counts, shares and chart; filters by answers."""
    survey_round = selectors.round_for_results(request.user, pk)
    schema = survey_round.questionnaire.schema
    lang = current_language()
    filtered = _filtered(request, survey_round)
    sections = result_sections(schema, stats.results(schema, filtered.answers), lang)
    return render(request, "surveys/results.html", {
        **frame.round_frame(request, survey_round, "results"),
        "filtered": filtered,
        "sections": sections,
    })


# --- Cross-tabulation --------------------------------------------------------------------------


@dataclass(frozen=True)
class CrossCell:
    count: int | None
    percent: float | None


@dataclass(frozen=True)
class CrossRowView:
    label: str
    cells: list[CrossCell]


@dataclass(frozen=True)
class CrossView:
    """A cross-tabulation with its labels in the page's language, and the chart."""

    title: str
    by: str
    columns: list[tuple[str, int | None]]  # (label, base), the total column last
    rows: list[CrossRowView]
    means: list[float | None]  # empty unless scale or number, total last
    multiple: bool
    chart: charts.BarChart


def cross_view(table: stats.CrossTab, lang: str) -> CrossView:
    columns = [(c.label(lang), c.base) for c in table.columns]
    columns.append((table.total_column.label(lang), table.total_column.base))
    rows = [CrossRowView(r.label(lang), [CrossCell(c.count, c.percent)
                                         for c in (*r.cells, r.total)])
            for r in table.rows]
    means: list[float | None] = []
    if table.question.kind in (schema_module.SCALE, schema_module.NUMBER):
        means = [*table.means, table.total_mean]
    return CrossView(table.question.text(lang), table.by.text(lang), columns, rows, means,
                     table.question.kind == schema_module.MULTIPLE,
                     charts.crosstab_chart(table, lang=lang))


def _crosstab_defaults(schema: Schema) -> dict[str, str]:
    """The first question that is no breakdown, by the first breakdown: a table at once."""
    dimensions = schema.dimensions()
    codes = {q.code for q in dimensions.values()}
    choices = [q for q in schema.questions if q.kind in stats.CROSSTAB_KINDS]
    question = next((q for q in choices if q.code not in codes), choices[0] if choices else None)
    out = {}
    if question is not None:
        out["question"] = question.code
    if dimensions:
        out["by"] = next(iter(dimensions))
    return out


@login_required
@require_GET
def crosstab(request: HttpRequest, pk: int) -> HttpResponse:
    """One question broken down by sector, region or size: column shares, counts and bases."""
    survey_round = selectors.round_for_results(request.user, pk)
    schema = survey_round.questionnaire.schema
    data = request.GET.copy()
    for name, value in _crosstab_defaults(schema).items():
        data.setdefault(name, value)
    form = CrosstabForm(data, schema=schema)
    filtered = _filtered(request, survey_round)
    selection = form.selection()
    table = None
    if selection is not None:
        question, by = selection
        table = cross_view(stats.crosstab(question, by, filtered.answers), current_language())
    return render(request, "surveys/crosstab.html", {
        **frame.round_frame(request, survey_round, "crosstab"),
        "form": form,
        "filtered": filtered,
        "table": table,
        "has_dimensions": bool(schema.dimensions()),
        # Errors only for a choice the user made (the defaults always fit).
        "show_errors": "question" in request.GET or "by" in request.GET,
    })


# --- Free text ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TextAnswer:
    """One free-text answer and the goals suggested for it; never who wrote it."""

    question: Question
    text: str
    goals: list[Goal]


def _goal_numbers(raw: Any) -> list[int]:
    out = []
    for value in raw if isinstance(raw, list | tuple) else ():
        try:
            out.append(int(value))
        except (TypeError, ValueError):
            continue
    return out


def text_answers(schema: Schema, rows: Iterable[tuple[Mapping[str, Any], Mapping[str, Any]]],
                 questions: Sequence[Question], goals: Mapping[int, Goal],
                 goal: int | None = None) -> list[TextAnswer]:
    """The answers to ``questions`` (question by question) from (answers, text_sdgs) pairs.

    Only answers to questions the respondent saw count, as in ``stats``;
    ``goal`` keeps the answers tagged with that goal.
    """
    rows = list(rows)
    visible = [(logic.visible_codes(schema, answers), answers, tags) for answers, tags in rows]
    out = []
    for question in questions:
        for codes, answers, tags in visible:
            text = str(answers.get(question.code) or "").strip()
            if question.code not in codes or not text:
                continue
            numbers = _goal_numbers(tags.get(question.code))
            if goal is not None and goal not in numbers:
                continue
            out.append(TextAnswer(question, text, [goals[n] for n in numbers if n in goals]))
    return out


def _grouped(page_items: Iterable[TextAnswer], lang: str) -> list[tuple[Question, str, list]]:
    """One page's answers grouped by question, in order (a question may go on over pages)."""
    out: list[tuple[Question, str, list[TextAnswer]]] = []
    for item in page_items:
        if not out or out[-1][0].code != item.question.code:
            out.append((item.question, item.question.text(lang) or item.question.code, []))
        out[-1][2].append(item)
    return out


@login_required
@require_GET
def free_text(request: HttpRequest, pk: int) -> HttpResponse:
    """The free-text answers with their suggested global goals, 50 a page, without identity.

    Only the answers and the tags are read from the database, so no name,
    account, organisation or invitation can reach the page even in a round
    that records them.
    """
    survey_round = selectors.round_for_results(request.user, pk)
    schema = survey_round.questionnaire.schema
    lang = current_language()
    goals = {g.number: g for g in Goal.objects.order_by("number")}
    form = FreeTextForm(request.GET or None, schema=schema, goals=goals.values())
    filter_form = AnswerFilterForm(request.GET or None, schema=schema, extra=False)
    rows = list(selectors.counted_responses(survey_round).order_by("submitted_at", "pk")
                .values_list("answers", "text_sdgs"))
    filters = filter_form.filters()
    if filters:
        kept = {id(a) for a in stats.filter_answers(schema, [a for a, _t in rows], filters)}
        rows = [(a, t) for a, t in rows if id(a) in kept]
    questions = form.chosen_questions()
    items = text_answers(schema, rows, questions, goals, form.chosen_goal())
    page = _page(request, items)
    counts = {q.code: 0 for q in questions}
    for item in items:
        counts[item.question.code] += 1
    return render(request, "surveys/free_text.html", {
        **frame.round_frame(request, survey_round, "free_text"),
        "form": form,
        "filter_form": filter_form,
        "any_filter": bool(filters) or form.chosen_goal() is not None,
        "questions": [(q, q.text(lang) or q.code, counts[q.code]) for q in questions],
        "has_text_questions": any(q.is_text for q in schema.questions),
        "groups": _grouped(page.object_list, lang),
        "results": page,
        "filter_query": _query_without(request, "page"),
        "respondents": len(rows),
    })


# --- Comparing two rounds ----------------------------------------------------------------------


@dataclass(frozen=True)
class ComparedQuestion:
    text: str
    chart: charts.BarChart


def _round_order(first: SurveyRound, second: SurveyRound) -> tuple[SurveyRound, SurveyRound]:
    """Earlier round first, so a change reads from then to now (``stats``: B − A)."""
    def when(r: SurveyRound) -> Any:
        return (r.opens_at or r.created_at, r.pk)
    return (first, second) if when(first) <= when(second) else (second, first)


def comparisons(round_a: SurveyRound, round_b: SurveyRound, lang: str
                ) -> tuple[list[ComparedQuestion], list[str], list[str], list[str]]:
    """Per question in both rounds (matched by code) the two distributions and the change.

    Also the questions only in A, only in B, and those in both that cannot be
    compared (free text, or the kind changed between versions).
    """
    schema_a, schema_b = round_a.questionnaire.schema, round_b.questionnaire.schema
    answers_a = selectors.counted_answers(round_a)
    answers_b = selectors.counted_answers(round_b)
    codes_a = {q.code for q in schema_a.questions}
    codes_b = {q.code for q in schema_b.questions}
    compared, not_comparable = [], []
    comparisons = stats.compare_all(schema_a, answers_a, schema_b, answers_b)
    for question_b in schema_b.questions:
        question_a = schema_a.question(question_b.code)
        if question_a is None:
            continue
        text = question_b.text(lang) or question_b.code
        if question_b.is_text or question_a.kind != question_b.kind:
            not_comparable.append(text)
            continue
        comparison = comparisons[question_b.code]
        if not comparison.rows:  # a number question without groups: nothing to set side by side
            not_comparable.append(text)
            continue
        compared.append(ComparedQuestion(text, charts.comparison_chart(
            comparison, a_name=round_a.title, b_name=round_b.title, lang=lang)))
    only_a = [q.text(lang) or q.code for q in schema_a.questions if q.code not in codes_b]
    only_b = [q.text(lang) or q.code for q in schema_b.questions if q.code not in codes_a]
    return compared, only_a, only_b, not_comparable


def _round_id(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@login_required
@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    """Two rounds of one questionnaire family side by side (``?a=<round>&b=<round>``).

    Without ``a`` the page lists the rounds to start from.
    """
    selectors.require_results(request.user)
    round_id = _round_id(request.GET.get("a"))
    if round_id is None:
        rounds = SurveyRound.objects.select_related("questionnaire").order_by(
            "questionnaire__family", "-created_at", "-pk")
        return render(request, "surveys/compare.html", {"rounds": rounds, "survey_round": None})
    survey_round = selectors.round_for_results(request.user, round_id)
    comparable = list(selectors.comparable_rounds(survey_round).order_by("-created_at", "-pk"))
    form = CompareForm(request.GET if "b" in request.GET else None,
                       rounds=SurveyRound.objects.select_related("questionnaire"),
                       comparable=comparable, initial={"a": survey_round.pk})
    context: dict[str, Any] = {
        **frame.round_frame(request, survey_round, "compare"),
        "form": form,
        "comparable": comparable,
    }
    status = 200
    if form.is_bound:
        if form.is_valid():
            other = next(r for r in comparable if r.pk == form.cleaned_data["b"])
            round_a, round_b = _round_order(survey_round, other)
            compared, only_a, only_b, not_comparable = comparisons(
                round_a, round_b, current_language())
            context.update(round_a=round_a, round_b=round_b, compared=compared,
                           only_a=only_a, only_b=only_b, not_comparable=not_comparable)
        else:
            status = 400
    return render(request, "surveys/compare.html", context, status=status)


# --- Single responses (analysts) ---------------------------------------------------------------


def _responses(survey_round: SurveyRound, values: Mapping[str, str]
               ) -> QuerySet[SurveyResponse]:
    rows = survey_round.responses.select_related("invitation", "actor", "user")
    if values.get("status"):
        rows = rows.filter(status=values["status"])
    flag = values.get("flag", ANY)
    if flag == FLAGGED:
        rows = rows.exclude(flag="")
    elif flag == NO_FLAG:
        rows = rows.filter(flag="")
    elif flag:
        rows = rows.filter(flag=flag)
    if values.get("excluded") in ("yes", "no"):
        rows = rows.filter(excluded=values["excluded"] == "yes")
    return rows.order_by("-started_at", "-pk")


@dataclass(frozen=True)
class ResponseRow:
    response: SurveyResponse
    flag: str
    who: str  # empty in an anonymous round


def identity(survey_round: SurveyRound, response: SurveyResponse) -> str:
    """Who answered, only where the round records it (organisation, e-mail)."""
    if survey_round.anonymous:
        return ""
    parts = []
    if response.actor_id:
        parts.append(response.actor.name)
    if response.invitation_id:
        parts.append(response.invitation.email)
    elif response.user_id:
        parts.append(response.user.email)
    return ", ".join(parts)


@login_required
@require_GET
def responses(request: HttpRequest, pk: int) -> HttpResponse:
    """Every response (submitted and in progress) with its status and flags, 50 a page."""
    survey_round = selectors.round_for_responses(request.user, pk)
    form = ResponseFilterForm(request.GET or None)
    values = form.values()
    page = _page(request, _responses(survey_round, values))
    rows = [ResponseRow(r, flag_label(r.flag) if r.flag else "", identity(survey_round, r))
            for r in page.object_list]
    return render(request, "surveys/responses.html", {
        **frame.round_frame(request, survey_round, "responses"),
        "form": form,
        "rows": rows,
        "results": page,
        "any_filter": any(values.values()),
        "filter_query": _query_without(request, "page"),
    })


@dataclass(frozen=True)
class AnswerView:
    """One answer in words: ``value`` (one line), ``items`` (several), or ``pairs`` (matrix)."""

    text: str
    value: str = ""
    items: list[str] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    answered: bool = True


def answer_view(question: Question, value: Any, lang: str, goals: list[Goal]) -> AnswerView:
    """An answer as the respondent saw it: option labels, not codes."""
    text = question.text(lang) or question.code
    if value in (None, "", [], {}):
        return AnswerView(text, answered=False)
    kind = question.kind
    if kind == schema_module.SINGLE:
        option = question.option(str(value))
        return AnswerView(text, option.label(lang) if option else str(value))
    if kind == schema_module.MULTIPLE:
        picked = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
        return AnswerView(text, items=[o.label(lang) for o in question.options
                                       if o.code in picked])
    if kind == schema_module.MATRIX and isinstance(value, Mapping):
        pairs = []
        for row in question.rows:
            option = question.option(str(value.get(row.code, "")))
            pairs.append((row.label(lang), option.label(lang) if option else "–"))
        return AnswerView(text, pairs=pairs)
    if kind == schema_module.SCALE:
        return AnswerView(text, _("%(value)s on a scale from %(low)s to %(high)s") % {
            "value": number_text(value), "low": number_text(question.minimum),
            "high": number_text(question.maximum)})
    if kind == schema_module.NUMBER:
        unit = question.unit(lang)
        return AnswerView(text, f"{number_text(value)} {unit}".strip())
    return AnswerView(text, str(value), goals=goals)


def response_sections(schema: Schema, response: SurveyResponse, lang: str,
                      goals: Mapping[int, Goal]) -> list[tuple[str, list[AnswerView]]]:
    """The sections and questions the respondent was shown, with their answers."""
    answers = response.answers or {}
    shown = logic.visible_codes(schema, answers)
    tags = response.text_sdgs or {}
    out = []
    for section in schema.sections:
        views = [answer_view(q, answers.get(q.code), lang,
                             [goals[n] for n in _goal_numbers(tags.get(q.code)) if n in goals])
                 for q in section.questions if q.code in shown]
        if views:
            out.append((section.title(lang) or section.key, views))
    return out


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def response(request: HttpRequest, pk: int, response_id: int) -> HttpResponse:
    """One response's answers by section; POST leaves it out of the results or counts it again."""
    survey_round = selectors.round_for_responses(request.user, pk)
    found = selectors.response_in_round(survey_round, response_id)
    if request.method == "POST":
        form = ResponseActionForm(request.POST)
        if not form.is_valid():
            return HttpResponseBadRequest(_("Say whether to leave the response out or count it."))
        exclude = form.cleaned_data["action"] == ResponseActionForm.EXCLUDE
        response_set_excluded(actor=request.user, response=found, excluded=exclude)
        flash.success(request, _("The response is left out of the results.") if exclude
                      else _("The response counts in the results again."))
        return redirect("surveys:response", survey_round.pk, found.pk)
    lang = current_language()
    goals = {g.number: g for g in Goal.objects.order_by("number")}
    return render(request, "surveys/response.html", {
        **frame.round_frame(request, survey_round, "responses"),
        "response": found,
        "who": identity(survey_round, found),
        "flag": flag_label(found.flag) if found.flag else "",
        "sections": response_sections(survey_round.questionnaire.schema, found, lang, goals),
        "can_exclude": selectors.can_exclude(request.user),
    })
