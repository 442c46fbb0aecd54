"""Reading posted answers into stored values, and checking them (answers.py; no database)."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import QueryDict
from django.utils import translation

from sihub.surveys import answers
from sihub.surveys.answers import field_name, row_field_name
from sihub.surveys.schema import Schema, parse
from sihub.surveys.tests.conftest import FULL_ANSWERS, SMALL_BODY, option, question, section

SCHEMA = parse(SMALL_BODY)
ORGANISATION, IMPACT, FINANCE = SCHEMA.sections


def post(**fields: Any) -> QueryDict:
    """A QueryDict as the page posts it; ``q_x=[…]`` posts several values."""
    data = QueryDict(mutable=True)
    for code, value in fields.items():
        if isinstance(value, dict):
            for row, choice in value.items():
                data[row_field_name(code, row)] = choice
        elif isinstance(value, list):
            data.setlist(field_name(code), [str(v) for v in value])
        else:
            data[field_name(code)] = str(value)
    return data


def read(sec, data, answers_so_far=None, **kwargs):
    return answers.read_section(SCHEMA, sec, data, answers=answers_so_far or {}, lang="en",
                                **kwargs)


ORG_POST = {"q_sector": "civil", "q_region": "north", "q_size": "small", "q_stage": "growth",
            "q_staff": "12"}
IMPACT_POST = {"q_sdgs": ["4", "10"], "q_measure": "yes", "q_measure_how": "Vi följer upp.",
               "q_optimism": "4", "q_barriers": {"finance": "big", "skills": "small"},
               "q_story": "En berättelse."}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_it_reads_a_complete_page_into_the_stored_formats():
    values, errors = read(ORGANISATION, post(**ORG_POST))
    assert errors == {}
    assert values == {"q_sector": "civil", "q_region": "north", "q_size": "small",
                      "q_stage": "growth", "q_staff": 12}
    values, errors = read(IMPACT, post(**IMPACT_POST), {**values})
    assert errors == {}
    assert values == {"q_sdgs": ["4", "10"], "q_measure": "yes",
                      "q_measure_how": "Vi följer upp.", "q_optimism": 4,
                      "q_barriers": {"finance": "big", "skills": "small"},
                      "q_story": "En berättelse."}


def test_it_accepts_a_plain_dict_as_well_as_a_querydict():
    data = {field_name("q_sdgs"): ["10", "4"], field_name("q_measure"): "no",
            field_name("q_optimism"): "2", row_field_name("q_barriers", "finance"): "small",
            row_field_name("q_barriers", "skills"): "big"}
    values, errors = read(IMPACT, data)
    assert errors == {}
    assert values["q_sdgs"] == ["4", "10"]  # in option order, not posting order


# --- Single choice ----------------------------------------------------------------------------


def test_single_choice_must_be_one_of_the_options():
    _values, errors = read(ORGANISATION, post(**{**ORG_POST, "q_sector": "military"}))
    assert errors == {"q_sector": "Choose one of the answers given."}


def test_single_choice_required_when_missing():
    data = {k: v for k, v in ORG_POST.items() if k != "q_region"}
    values, errors = read(ORGANISATION, post(**data))
    assert errors == {"q_region": "Choose an answer."}
    assert "q_region" not in values


# --- Multiple choice --------------------------------------------------------------------------


def test_multiple_choice_must_be_a_subset_of_the_options():
    _values, errors = read(IMPACT, post(**{**IMPACT_POST, "q_sdgs": ["4", "17"]}))
    assert errors == {"q_sdgs": "Choose among the answers given."}


def test_multiple_choice_respects_max_choices():
    _values, errors = read(IMPACT, post(**{**IMPACT_POST, "q_sdgs": ["1", "4", "8", "10"]}))
    assert errors == {"q_sdgs": "Choose at most 3 answers."}
    values, errors = read(IMPACT, post(**{**IMPACT_POST, "q_sdgs": ["1", "4", "8", "4"]}))
    assert errors == {} and values["q_sdgs"] == ["1", "4", "8"]  # a repeat counts once


def test_an_exclusive_answer_stands_alone_when_read_and_when_checked():
    goals = question("multiple_choice", "q_goals", "Mål", "Goals", options=[
        option("1", "Mål 1", "Goal 1"), option("4", "Mål 4", "Goal 4"),
        {**option("none", "Inget", "None of these"), "exclusive": True}])
    q = parse([section("s", "S", "S", [goals])]).question("q_goals")
    assert answers.read_question(q, {field_name("q_goals"): ["1", "none"]}, "en") == (
        None, "“None of these” cannot be combined with other answers.")
    assert answers.read_question(q, {field_name("q_goals"): ["none"]}, "en") == (["none"], None)
    assert answers.check_value(q, ["1", "4"], "en") is None
    assert answers.check_value(q, ["4", "none"], "sv") == (
        "“Inget” cannot be combined with other answers.")  # the label in the answer's language


def test_multiple_choice_required_when_nothing_ticked():
    data = {k: v for k, v in IMPACT_POST.items() if k != "q_sdgs"}
    _values, errors = read(IMPACT, post(**data))
    assert errors == {"q_sdgs": "Choose at least one answer."}


# --- Scale ------------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["0", "6", "3.5", "high"])
def test_scale_must_be_a_whole_number_within_its_ends(raw):
    _values, errors = read(IMPACT, post(**{**IMPACT_POST, "q_optimism": raw}))
    assert errors == {"q_optimism": "Choose a value from 1 to 5."}


@pytest.mark.parametrize("raw,expected", [("1", 1), ("5", 5)])
def test_scale_accepts_its_ends(raw, expected):
    values, errors = read(IMPACT, post(**{**IMPACT_POST, "q_optimism": raw}))
    assert errors == {} and values["q_optimism"] == expected


# --- Number -----------------------------------------------------------------------------------


@pytest.mark.parametrize("raw,expected", [("12", 12), (" 1 200 ", 1200), ("0", 0),
                                          ("100000", 100000), ("7,0", 7)])
def test_number_reads_what_people_type(raw, expected):
    values, errors = read(ORGANISATION, post(**{**ORG_POST, "q_staff": raw}))
    assert errors == {}
    assert values["q_staff"] == expected and isinstance(values["q_staff"], int)


@pytest.mark.parametrize("raw,message", [
    ("twelve", "Write a number, for example 12."),
    ("12.5", "Write a whole number."),
    ("-1", "Write a number of at least 0."),
    ("100001", "Write a number of at most 100000."),
    ("inf", "Write a number, for example 12."),
])
def test_number_refuses_what_is_not_allowed(raw, message):
    _values, errors = read(ORGANISATION, post(**{**ORG_POST, "q_staff": raw}))
    assert errors == {"q_staff": message}


def test_a_decimal_number_is_kept_as_a_float_when_integer_is_off():
    schema = parse([section("s", "S", "S", [
        question("number", "q_share", "Andel", "Share", integer=False, minimum="0",
                 maximum="1")])])
    values, errors = answers.read_section(schema, schema.sections[0], post(q_share="0,25"),
                                          answers={})
    assert errors == {} and values == {"q_share": 0.25}


# --- Text -------------------------------------------------------------------------------------


def test_short_text_has_a_default_limit_of_300_characters():
    _values, errors = read(IMPACT, post(**{**IMPACT_POST, "q_measure_how": "x" * 301}))
    assert errors == {"q_measure_how": "Write at most 300 characters (you wrote 301)."}
    values, errors = read(IMPACT, post(**{**IMPACT_POST, "q_measure_how": "x" * 300}))
    assert errors == {} and len(values["q_measure_how"]) == 300


def test_long_text_has_a_default_limit_of_5000_and_counts_a_line_break_once():
    text = ("x" * 99 + "\r\n") * 50  # 5000 characters as posted, 4950 as stored
    values, errors = read(IMPACT, post(**{**IMPACT_POST, "q_story": text}))
    assert errors == {} and "\r" not in values["q_story"]
    _values, errors = read(IMPACT, post(**{**IMPACT_POST, "q_story": "y" * 5001}))
    assert errors == {"q_story": "Write at most 5000 characters (you wrote 5001)."}


def test_a_text_limit_of_the_questionnaire_wins():
    schema = parse([section("s", "S", "S", [
        question("short_text", "q_name", "Namn", "Name", max_length=5)])])
    _values, errors = answers.read_section(schema, schema.sections[0], post(q_name="Sixsix"),
                                           answers={})
    assert errors == {"q_name": "Write at most 5 characters (you wrote 6)."}


def test_an_optional_text_may_be_left_empty_and_blank_is_empty():
    values, errors = read(IMPACT, post(**{**IMPACT_POST, "q_story": "   "}))
    assert errors == {} and "q_story" not in values


# --- Matrix -----------------------------------------------------------------------------------


def test_matrix_needs_every_row_when_required():
    _values, errors = read(IMPACT, post(**{**IMPACT_POST, "q_barriers": {"finance": "big"}}))
    assert errors == {"q_barriers": "Answer every row; missing: Skills."}
    _values, errors = read(IMPACT, post(**{**IMPACT_POST, "q_barriers": {}}))
    assert errors == {"q_barriers": "Answer every row."}


def test_matrix_options_must_be_valid():
    _values, errors = read(IMPACT, post(**{**IMPACT_POST,
                                           "q_barriers": {"finance": "huge", "skills": "big"}}))
    assert errors == {"q_barriers": "Choose one of the answers given in the row “Finance”."}


def test_an_optional_matrix_keeps_the_rows_answered():
    schema = parse([section("s", "S", "S", [
        question("matrix", "q_m", "M", "M", required=False,
                 rows=[option("a", "A"), option("b", "B")],
                 options=[option("1", "Ett"), option("2", "Två")])])])
    values, errors = answers.read_section(schema, schema.sections[0],
                                          post(q_m={"b": "2"}), answers={})
    assert errors == {} and values == {"q_m": {"b": "2"}}


# --- Skip logic -------------------------------------------------------------------------------


def test_a_hidden_required_question_is_not_required():
    data = {**IMPACT_POST, "q_measure": "no"}
    del data["q_measure_how"]
    values, errors = read(IMPACT, post(**data))
    assert errors == {}
    assert "q_measure_how" not in values


def test_an_answer_to_a_question_hidden_on_the_same_page_is_dropped_even_if_invalid():
    data = {**IMPACT_POST, "q_measure": "no", "q_measure_how": "x" * 400}
    values, errors = read(IMPACT, post(**data))
    assert errors == {} and "q_measure_how" not in values


def test_a_question_brought_up_on_the_same_page_is_required_at_once():
    data = {**IMPACT_POST}
    del data["q_measure_how"]
    _values, errors = read(IMPACT, post(**data))
    assert errors == {"q_measure_how": "Answer this question."}


def test_without_require_only_wrong_answers_are_errors():
    values, errors = read(IMPACT, post(q_sdgs=["4"], q_optimism="9"), require=False)
    assert errors == {"q_optimism": "Choose a value from 1 to 5."}
    assert values == {"q_sdgs": ["4"]}


def test_merge_replaces_the_sections_answers_and_keeps_the_others():
    before = {"q_sector": "civil", "q_sdgs": ["1"], "q_story": "old"}
    merged = answers.merge(before, IMPACT, {"q_sdgs": ["4"]})
    assert merged == {"q_sector": "civil", "q_sdgs": ["4"]}


# --- A complete answer set --------------------------------------------------------------------


def test_full_answers_are_complete():
    assert answers.validate_complete(SCHEMA, FULL_ANSWERS) == {}


def test_a_startup_needs_no_finance_answer_and_a_stale_one_does_not_count():
    startup = {**FULL_ANSWERS, "q_stage": "startup"}
    del startup["q_profit"]
    assert answers.validate_complete(SCHEMA, startup) == {}
    # A bad value left in the now hidden section is not an error either.
    assert answers.validate_complete(SCHEMA, {**startup, "q_profit": "bogus"}) == {}


def test_validate_complete_names_missing_and_wrong_answers():
    incomplete = {**FULL_ANSWERS, "q_optimism": 9, "q_barriers": {"finance": "big"}}
    del incomplete["q_profit"]
    errors = answers.validate_complete(SCHEMA, incomplete, "en")
    assert errors == {"q_optimism": "Choose a value on the scale.",
                      "q_barriers": "Answer every row; missing: Skills.",
                      "q_profit": "Choose an answer."}


def test_validate_complete_ignores_optional_questions_and_hidden_required_ones():
    answers_given = {k: v for k, v in FULL_ANSWERS.items()
                     if k not in ("q_story", "q_measure_how")}
    answers_given["q_measure"] = "no"
    assert answers.validate_complete(SCHEMA, answers_given) == {}


def test_an_empty_schema_has_nothing_to_validate():
    assert answers.validate_complete(Schema(), {}) == {}
