"""API: survey questionnaires and the aggregate results of public rounds (/api/v1/surveys).

What leaves is what a published report could show:

* ``/surveys`` and ``/surveys/{id}`` — the questions of published
  questionnaires (a retired one stays readable by id, since old rounds used
  it); never a draft.
* ``/surveys/rounds`` — rounds whose results an analyst made public
  (``results_public``; never a round not yet open), with how many responses count.
* ``/surveys/rounds/{id}/results`` — per question: counts, percentages, mean
  and median, optionally broken down by sector, region or size. Groups
  smaller than ``SIHUB_SURVEYS_MIN_GROUP`` are hidden (``stats.suppress``:
  null), and so is a second cell wherever a lone hidden one could be worked
  back from a total.

Never here: free-text answers, single responses, who answered, invitations
(the output schemas have no field that could carry them). A round without
public results answers 404, as if it did not exist.
"""

# No "from __future__ import annotations": ninja reads Query[...] from the signature.

import datetime as dt
from collections.abc import Callable
from typing import Any, Literal

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from sihub.api.errors import errors
from sihub.api.pagination import PageNumberPagination
from sihub.surveys import schema as survey_schema
from sihub.surveys import selectors, stats
from sihub.surveys.models import (
    Questionnaire,
    QuestionnaireStatus,
    ResponseStatus,
    SurveyRound,
)

router = Router(tags=["Surveys"])
Language = Literal["sv", "en"]
Breakdown = Literal["sector", "region", "size"]


def _lang(value: Any) -> str:
    return value if value in ("sv", "en") else "sv"


# --- Questionnaires -------------------------------------------------------------------------


class SurveyOptionOut(Schema):
    code: str
    label: str


class SurveyConditionOut(Schema):
    question: str = Field(description="Code of the earlier question it depends on.")
    values: list[str] = Field(description="Shown when that question was answered with any of "
                                          "these.")


class SurveyQuestionOut(Schema):
    code: str = Field(description="Stable across versions of the questionnaire.")
    kind: str = Field(examples=list(survey_schema.KINDS))
    text: str
    help: str
    required: bool
    show_if: SurveyConditionOut | None
    options: list[SurveyOptionOut] = Field(description="Choice, matrix: the answer options.")
    rows: list[SurveyOptionOut] = Field(description="Matrix: the statements.")
    dimension: str = Field(description="sector / region / size when results can be broken "
                                       "down by this question, else empty.")
    max_choices: int | None
    minimum: float | None = Field(description="Scale: lowest point; number: lowest allowed.")
    maximum: float | None
    min_label: str = Field(description="Scale: what the lowest point means.")
    max_label: str
    unit: str
    bins: list[float] = Field(description="Number: upper limits of the groups in results.")


class SurveySectionOut(Schema):
    key: str
    title: str
    intro: str
    show_if: SurveyConditionOut | None
    questions: list[SurveyQuestionOut]


class SurveyQuestionnaireOut(Schema):
    id: int
    family: str = Field(description="What the versions have in common.")
    version: int
    status: str
    title: str
    intro: str
    published_at: dt.datetime | None
    sections: list[SurveySectionOut]


def _condition(condition: survey_schema.Condition | None) -> dict[str, Any] | None:
    if condition is None:
        return None
    return {"question": condition.question, "values": list(condition.values)}


def _options(options: tuple[survey_schema.Option, ...], lang: str) -> list[dict[str, str]]:
    return [{"code": o.code, "label": o.label(lang)} for o in options]


def question_out(q: survey_schema.Question, lang: str) -> dict[str, Any]:
    return {"code": q.code, "kind": q.kind, "text": q.text(lang), "help": q.help(lang),
            "required": q.required, "show_if": _condition(q.show_if),
            "options": _options(q.options, lang), "rows": _options(q.rows, lang),
            "dimension": q.dimension, "max_choices": q.max_choices, "minimum": q.minimum,
            "maximum": q.maximum, "min_label": q.min_label(lang), "max_label": q.max_label(lang),
            "unit": q.unit(lang), "bins": list(q.bins)}


def questionnaire_out(questionnaire: Questionnaire, lang: str) -> dict[str, Any]:
    """The questionnaire as respondents see it (no consent records, no answers)."""
    sections = [{"key": s.key, "title": s.title(lang), "intro": s.intro(lang),
                 "show_if": _condition(s.show_if),
                 "questions": [question_out(q, lang) for q in s.questions]}
                for s in questionnaire.schema.sections]
    return {"id": questionnaire.pk, "family": questionnaire.family,
            "version": questionnaire.version, "status": questionnaire.status,
            "title": getattr(questionnaire, f"title_{lang}") or questionnaire.title_sv,
            "intro": getattr(questionnaire, f"intro_{lang}") or questionnaire.intro_sv,
            "published_at": questionnaire.published_at, "sections": sections}


def localised_pagination(out: Callable[[Any, str], Any]) -> type[PageNumberPagination]:
    """The API's page shape, each item of the page put in the language asked (``out``)
    after slicing, so only one page of rows is read and turned into output."""

    class Localised(PageNumberPagination):
        def paginate_queryset(self, queryset: Any, pagination: PageNumberPagination.Input,
                              request: HttpRequest, **params: Any) -> dict[str, Any]:
            page = super().paginate_queryset(queryset, pagination, request, **params)
            lang = _lang(request.GET.get("lang"))
            page["results"] = [out(item, lang) for item in page["results"]]
            return page

    return Localised


QuestionnairePagination = localised_pagination(questionnaire_out)


# --- Rounds ---------------------------------------------------------------------------------


class SurveyRoundOut(Schema):
    id: int
    slug: str
    title: str
    questionnaire: int = Field(description="Id of the questionnaire version used.")
    family: str
    version: int
    status: str = Field(examples=["open", "closed"])
    opens_at: dt.datetime | None
    closes_at: dt.datetime | None
    responses: int = Field(description="Submitted responses that count in the results.")


def _rounds() -> QuerySet[SurveyRound]:
    counted = Q(responses__status=ResponseStatus.SUBMITTED, responses__excluded=False)
    return (selectors.public_results_rounds()
            .annotate(api_responses=Count("responses", filter=counted)))


def round_out(survey_round: SurveyRound, lang: str) -> dict[str, Any]:
    def local(value: dt.datetime | None) -> dt.datetime | None:
        return timezone.localtime(value) if value else None

    return {"id": survey_round.pk, "slug": survey_round.slug,
            "title": getattr(survey_round, f"title_{lang}") or survey_round.title_sv,
            "questionnaire": survey_round.questionnaire_id,
            "family": survey_round.questionnaire.family,
            "version": survey_round.questionnaire.version, "status": survey_round.status,
            "opens_at": local(survey_round.opens_at), "closes_at": local(survey_round.closes_at),
            "responses": survey_round.api_responses}  # type: ignore[attr-defined]


RoundPagination = localised_pagination(round_out)


# --- Results --------------------------------------------------------------------------------


class SurveyCountOut(Schema):
    code: str
    label: str
    count: int | None = Field(description="null: hidden, the group is too small.")
    percent: float | None = Field(description="Of those who answered, one decimal; null: "
                                              "hidden.")


class SurveyMatrixRowOut(Schema):
    code: str
    label: str
    answered: int
    counts: list[SurveyCountOut]


class SurveyQuestionResultOut(Schema):
    code: str
    kind: str
    text: str
    shown: int = Field(description="Respondents who were shown the question (skip logic).")
    answered: int
    suppressed: bool = Field(description="Fewer answered than the smallest group shown: no "
                                         "distribution.")
    counts: list[SurveyCountOut] = Field(description="Choice, scale, number (grouped). Multiple "
                                               "choice: shares may add up to more than 100.")
    mean: float | None
    median: float | None
    rows: list[SurveyMatrixRowOut] = Field(description="Matrix questions.")


class SurveyCellOut(Schema):
    count: int | None
    percent: float | None = Field(description="Of the group's answers (column per cent).")


class SurveyCrossRowOut(Schema):
    code: str
    label: str
    cells: list[SurveyCellOut] = Field(description="One per group, in the order of ``groups``.")
    total: SurveyCellOut


class SurveyGroupOut(Schema):
    code: str
    label: str
    answered: int | None = Field(description="In this group, answered the question; null: "
                                             "hidden.")


class SurveyCrossTabOut(Schema):
    question: str
    suppressed: bool
    groups: list[SurveyGroupOut]
    total_answered: int | None
    rows: list[SurveyCrossRowOut]
    means: list[float | None] = Field(description="Scale and number: mean per group.")
    total_mean: float | None


class SurveyBreakdownOut(Schema):
    by: str
    question: str = Field(description="Code of the question the groups come from.")
    tables: list[SurveyCrossTabOut]


class SurveyResultsOut(Schema):
    round: SurveyRoundOut
    min_group: int = Field(description="Counts below this are hidden (null).")
    questions: list[SurveyQuestionResultOut]
    breakdown: SurveyBreakdownOut | None = Field(
        description="With ``by``: per question, by the groups of that question; null when "
                    "the questionnaire has no such question.")


def _pct(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _num(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _count(c: stats.Count, lang: str) -> dict[str, Any]:
    return {"code": c.code, "label": c.label(lang), "count": c.count, "percent": _pct(c.percent)}


def result_out(result: stats.QuestionResult, lang: str) -> dict[str, Any]:
    """Aggregates only: ``texts`` (free text) is deliberately not passed on."""
    q = result.question
    return {"code": q.code, "kind": q.kind, "text": q.text(lang), "shown": result.shown,
            "answered": result.answered, "suppressed": result.suppressed,
            "counts": [_count(c, lang) for c in result.counts],
            "mean": _num(result.mean), "median": _num(result.median),
            "rows": [{"code": r.option.code, "label": r.option.label(lang),
                      "answered": r.answered, "counts": [_count(c, lang) for c in r.counts]}
                     for r in result.rows]}


def _cell(cell: stats.Cell) -> dict[str, Any]:
    return {"count": cell.count, "percent": _pct(cell.percent)}


def crosstab_out(table: stats.CrossTab, lang: str) -> dict[str, Any]:
    return {"question": table.question.code, "suppressed": table.suppressed,
            "groups": [{"code": c.code, "label": c.label(lang), "answered": c.base}
                       for c in table.columns],
            "total_answered": table.total_column.base,
            "rows": [{"code": r.code, "label": r.label(lang),
                      "cells": [_cell(c) for c in r.cells], "total": _cell(r.total)}
                     for r in table.rows],
            "means": [_num(m) for m in table.means], "total_mean": _num(table.total_mean)}


def public_results(survey_round: SurveyRound, lang: str, by: str | None = None,
                   min_group: int | None = None) -> dict[str, Any]:
    """The round's aggregates with small groups hidden (also usable outside the API)."""
    min_group = settings.SIHUB_SURVEYS_MIN_GROUP if min_group is None else min_group
    schema = survey_round.questionnaire.schema
    answers = selectors.counted_answers(survey_round)
    questions = [result_out(stats.suppress(r, min_group), lang)
                 for r in stats.results(schema, answers)]
    breakdown = None
    dimension = schema.dimension(by) if by else None
    if dimension is not None:
        tables = [crosstab_out(stats.suppress(stats.crosstab(q, dimension, answers), min_group),
                               lang)
                  for q in schema.questions
                  if q.kind in stats.CROSSTAB_KINDS and q.code != dimension.code]
        breakdown = {"by": by, "question": dimension.code, "tables": tables}
    survey_round.api_responses = len(answers)  # type: ignore[attr-defined]
    return {"round": round_out(survey_round, lang), "min_group": min_group,
            "questions": questions, "breakdown": breakdown}


# --- Endpoints ------------------------------------------------------------------------------
# /rounds before /{id}, so that "rounds" is never read as an id.


@router.get("/rounds", response={200: list[SurveyRoundOut], **errors(422)},
            summary="Survey rounds with public results")
@paginate(RoundPagination)
def list_rounds(request: HttpRequest, lang: Language = "sv"):  # type: ignore[no-untyped-def]
    return _rounds().order_by("-opens_at", "-created_at", "-pk")


@router.get("/rounds/{id}/results", response={200: SurveyResultsOut, **errors(404, 422)},
            summary="Aggregate results of one round (small groups hidden)",
            url_name="survey_round_results")
def round_results(request: HttpRequest, id: int, lang: Language = "sv",
                  by: Breakdown | None = None) -> dict[str, Any]:
    survey_round = selectors.public_results_rounds().filter(pk=id).first()
    if survey_round is None:
        raise Http404("No such round")
    return public_results(survey_round, lang, by)


class SurveyQuestionnaireFilters(Schema):
    lang: Language = Field("sv", description="Language of titles and question texts.")
    family: str | None = Field(None, description="Only versions of this questionnaire family.")


@router.get("", response={200: list[SurveyQuestionnaireOut], **errors(422)},
            summary="Published survey questionnaires with their questions")
@paginate(QuestionnairePagination)
def list_questionnaires(request: HttpRequest,  # type: ignore[no-untyped-def]
                        filters: Query[SurveyQuestionnaireFilters]):
    questionnaires = selectors.published_questionnaires()
    if filters.family:
        questionnaires = questionnaires.filter(family=filters.family)
    return questionnaires.order_by("family", "-version", "pk")


@router.get("/{id}", response={200: SurveyQuestionnaireOut, **errors(404, 422)},
            summary="One questionnaire version with its questions")
def get_questionnaire(request: HttpRequest, id: int, lang: Language = "sv") -> dict[str, Any]:
    """Published or retired versions; a draft answers 404."""
    questionnaire = (Questionnaire.objects.exclude(status=QuestionnaireStatus.DRAFT)
                     .filter(pk=id).first())
    if questionnaire is None:
        raise Http404("No such questionnaire")
    return questionnaire_out(questionnaire, lang)
