"""Builders shared by the survey tests: a small questionnaire of every kind, rounds, responses.

``SMALL_BODY`` is a questionnaire body as the StreamField stores it: two
sections, one question of each kind, a sector/region/size breakdown and skip
logic (``q_measure_how`` only when ``q_measure`` is "yes"; the section
``finance`` only for organisations that are not "startup" in ``q_stage``).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from sihub.surveys import tokens
from sihub.surveys.models import (
    Questionnaire,
    QuestionnaireStatus,
    ResponseStatus,
    RoundStatus,
    SurveyResponse,
    SurveyRound,
)


def option(code: str, sv: str, en: str | None = None) -> dict[str, str]:
    return {"code": code, "label_sv": sv, "label_en": en or sv}


def question(kind: str, code: str, sv: str, en: str | None = None, **fields: Any
             ) -> dict[str, Any]:
    value = {"code": code, "text_sv": sv, "text_en": en or sv, "help_sv": "", "help_en": "",
             "required": fields.pop("required", True),
             "show_if": fields.pop("show_if", {"question": "", "values": ""}), **fields}
    return {"type": kind, "value": value}


def section(key: str, sv: str, en: str, questions: list[dict[str, Any]],
            show_if: dict[str, str] | None = None) -> dict[str, Any]:
    return {"type": "section", "value": {
        "key": key, "title_sv": sv, "title_en": en, "intro_sv": "", "intro_en": "",
        "show_if": show_if or {"question": "", "values": ""}, "questions": questions}}


SMALL_BODY = [
    section("organisation", "Organisationen", "The organisation", [
        question("single_choice", "q_sector", "Sektor", "Sector", dimension="sector", options=[
            option("public", "Offentlig", "Public"), option("private", "Privat", "Private"),
            option("civil", "Civilsamhälle", "Civil society")]),
        question("single_choice", "q_region", "Region", "Region", dimension="region", options=[
            option("north", "Norr", "North"), option("south", "Söder", "South")]),
        question("single_choice", "q_size", "Storlek", "Size", dimension="size", options=[
            option("small", "Liten", "Small"), option("large", "Stor", "Large")]),
        question("single_choice", "q_stage", "Fas", "Stage", options=[
            option("startup", "Uppstart", "Start-up"), option("growth", "Tillväxt", "Growth")]),
        question("number", "q_staff", "Anställda", "Employees", minimum="0", maximum="100000",
                 integer=True, unit_sv="personer", unit_en="people", bins="1,9,49"),
    ]),
    section("impact", "Samhällsnytta", "Impact", [
        question("multiple_choice", "q_sdgs", "Mål", "Goals", max_choices=3, options=[
            option("1", "Mål 1", "Goal 1"), option("4", "Mål 4", "Goal 4"),
            option("8", "Mål 8", "Goal 8"), option("10", "Mål 10", "Goal 10")]),
        question("single_choice", "q_measure", "Mäter ni?", "Do you measure?", options=[
            option("yes", "Ja", "Yes"), option("no", "Nej", "No")]),
        question("short_text", "q_measure_how", "Hur?", "How?", required=True,
                 show_if={"question": "q_measure", "values": "yes"}),
        question("scale", "q_optimism", "Framtidstro", "Optimism", minimum=1, maximum=5,
                 min_label_sv="Låg", min_label_en="Low", max_label_sv="Hög",
                 max_label_en="High"),
        question("matrix", "q_barriers", "Hinder", "Barriers", rows=[
            option("finance", "Finansiering", "Finance"), option("skills", "Kompetens", "Skills")],
            options=[option("small", "Litet", "Small"), option("big", "Stort", "Big")]),
        question("long_text", "q_story", "Berätta", "Tell us", required=False, classify=True),
    ]),
    section("finance", "Ekonomi", "Finances", [
        question("single_choice", "q_profit", "Lönsamhet", "Profitability", options=[
            option("loss", "Förlust", "Loss"), option("even", "Noll", "Break-even"),
            option("profit", "Vinst", "Profit")]),
    ], show_if={"question": "q_stage", "values": "growth"}),
]


def make_questionnaire(*, status: str = QuestionnaireStatus.PUBLISHED, family: str = "monitor",
                       version: int = 1, body: list[dict[str, Any]] | None = None
                       ) -> Questionnaire:
    return Questionnaire.objects.create(
        family=family, version=version, title_sv="Monitorn", title_en="The monitor",
        intro_sv="Om enkäten.", intro_en="About the survey.",
        consent_text_sv="Jag samtycker till att mina svar används i statistik.",
        consent_text_en="I agree that my answers are used in statistics.",
        body=body if body is not None else SMALL_BODY, status=status,
        published_at=timezone.now() if status == QuestionnaireStatus.PUBLISHED else None)


def make_round(questionnaire: Questionnaire, slug: str = "monitor-2026", **fields: Any
               ) -> SurveyRound:
    fields.setdefault("status", RoundStatus.OPEN)
    return SurveyRound.objects.create(
        questionnaire=questionnaire, slug=slug, title_sv=f"Monitorn {slug[-4:]}",
        title_en=f"The monitor {slug[-4:]}", **fields)


def make_response(survey_round: SurveyRound, answers: dict[str, Any], *,
                  submitted: bool = True, **fields: Any) -> SurveyResponse:
    now = timezone.now()
    return SurveyResponse.objects.create(
        round=survey_round, answers=answers, resume_digest=tokens.new_token()[1],
        status=ResponseStatus.SUBMITTED if submitted else ResponseStatus.IN_PROGRESS,
        submitted_at=now if submitted else None,
        consent_text=survey_round.questionnaire.consent_text_sv, consent_given_at=now, **fields)


@pytest.fixture
def questionnaire(db) -> Questionnaire:
    return make_questionnaire()


@pytest.fixture
def survey_round(questionnaire) -> SurveyRound:
    """An open, anonymous round with a public link."""
    return make_round(questionnaire)


@pytest.fixture
def named_round(questionnaire) -> SurveyRound:
    """An open round that records who answered (invitations, accounts, actors)."""
    return make_round(questionnaire, "named-2026", anonymous=False)


# A complete, valid answer set for SMALL_BODY (a growing organisation that measures).
FULL_ANSWERS: dict[str, Any] = {
    "q_sector": "civil", "q_region": "north", "q_size": "small", "q_stage": "growth",
    "q_staff": 12, "q_sdgs": ["4", "10"], "q_measure": "yes",
    "q_measure_how": "Vi följer upp deltagarnas väg till arbete.", "q_optimism": 4,
    "q_barriers": {"finance": "big", "skills": "small"},
    "q_story": "Vi hjälper unga utan gymnasieexamen att få sitt första jobb.",
    "q_profit": "even",
}
