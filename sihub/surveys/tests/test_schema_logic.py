"""Exclusive answers and number comparisons in skip logic (schema, logic, answers; no database).

Hand-written questionnaires: a multiple-choice question with exclusive answers
("none", "don't know"), and skip logic that compares a number or scale answer
with one number (``>=``, ``>``, ``<=``, ``<``), chained through sections and
questions. The built-in template and the demo's answers must keep passing.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from django.http import QueryDict
from django.utils import translation

from sihub.surveys import answers, demo, exports, logic, schema
from sihub.surveys.answers import field_name
from sihub.surveys.blocks import ConditionBlock, MultipleChoiceOptionBlock
from sihub.surveys.template import template_body
from sihub.surveys.tests.conftest import option, question, section
from sihub.surveys.wording import condition_words


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def exclusive(code: str, label: str) -> dict[str, Any]:
    return {**option(code, label), "exclusive": True}


def cond(target: str, values: str, operator: str | None = None) -> dict[str, str]:
    """A stored condition; without ``operator`` as stored before comparisons existed."""
    raw = {"question": target, "values": values}
    if operator is not None:
        raw["operator"] = operator
    return raw


SUPPORT = question("multiple_choice", "q_support", "Stöd", "Support", max_choices=3, options=[
    option("finance", "Finansiering", "Finance"), option("networks", "Nätverk", "Networks"),
    option("legal", "Juridik", "Legal advice"), option("training", "Utbildning", "Training"),
    exclusive("none", "None of these"), exclusive("dont_know", "Don't know")])

CHOICE_SCHEMA = schema.parse([section("support", "Stöd", "Support", [
    SUPPORT,
    question("single_choice", "q_done", "Klar?", "Done?", options=[
        exclusive("yes", "Yes"), option("no", "No")]),
])])


def staff_body(operator: str, value: str = "10") -> list[dict[str, Any]]:
    """A number question and one follow-up shown by comparing its answer with ``value``."""
    return [section("organisation", "Organisationen", "The organisation", [
        question("number", "q_staff", "Anställda", "Employees", minimum="0", maximum="100000",
                 integer=False),
        question("short_text", "q_follow", "Mer", "More",
                 show_if=cond("q_staff", value, operator)),
    ])]


# Chains: q_employees (number) → q_share (scale, if ≥ 1) → q_why (if the scale > 3);
# the section "team" only when q_staff > 9, and q_team_note after it tests a question in it.
CHAIN_BODY = [
    section("organisation", "Organisationen", "The organisation", [
        question("number", "q_employees", "Anställda", "Employees", minimum="0",
                 integer=True),
        question("scale", "q_share", "Andel", "Share", minimum=1, maximum=5,
                 show_if=cond("q_employees", "1", ">=")),
        question("long_text", "q_why", "Varför?", "Why?", required=False,
                 show_if=cond("q_share", "3", ">")),
        question("number", "q_staff", "Personal", "Staff", minimum="0", integer=True),
    ]),
    section("team", "Teamet", "The team", [
        question("scale", "q_team", "Team", "Team", minimum=1, maximum=5),
    ], show_if=cond("q_staff", "9", ">")),
    section("end", "Slut", "End", [
        question("short_text", "q_team_note", "Om teamet", "About the team", required=False,
                 show_if=cond("q_team", "2", "<=")),
        question("short_text", "q_always", "Övrigt", "Other", required=False),
    ]),
]
CHAIN = schema.parse(CHAIN_BODY)


# --- Exclusive answers ------------------------------------------------------------------------


def test_exclusive_options_are_read_from_the_stream():
    q = CHOICE_SCHEMA.question("q_support")
    assert q.exclusive_codes() == ("none", "dont_know")
    assert q.option("finance").exclusive is False
    # Only a multiple-choice question has answers that exclude others.
    assert CHOICE_SCHEMA.question("q_done").exclusive_codes() == ()
    assert schema.problems(CHOICE_SCHEMA) == []


@pytest.mark.parametrize("value", [["none"], ["dont_know"], ["finance"],
                                   ["finance", "networks", "legal"]])
def test_an_exclusive_answer_alone_or_ordinary_ones_together_are_fine(value):
    q = CHOICE_SCHEMA.question("q_support")
    assert answers.check_value(q, value, "en") is None


@pytest.mark.parametrize("value, named", [
    (["finance", "none"], "None of these"),
    (["none", "dont_know"], "None of these"),
    (["networks", "dont_know"], "Don't know"),
])
def test_an_exclusive_answer_with_another_is_refused(value, named):
    q = CHOICE_SCHEMA.question("q_support")
    assert answers.check_value(q, value, "en") == (
        f"“{named}” cannot be combined with other answers.")
    assert answers.validate_complete(CHOICE_SCHEMA, {"q_support": value, "q_done": "yes"},
                                     "en") == {"q_support": answers.check_value(q, value, "en")}


def test_the_combination_is_named_before_too_many_answers():
    q = CHOICE_SCHEMA.question("q_support")
    assert "cannot be combined" in answers.check_value(
        q, ["finance", "networks", "legal", "none"], "en")
    assert answers.check_value(q, ["finance", "networks", "legal", "training"], "en") \
        == "Choose at most 3 answers."


def test_the_page_refuses_the_combination_and_keeps_nothing():
    data = QueryDict(mutable=True)
    data.setlist(field_name("q_support"), ["none", "finance"])
    data[field_name("q_done")] = "no"
    values, errors = answers.read_section(CHOICE_SCHEMA, CHOICE_SCHEMA.sections[0], data,
                                          answers={}, lang="en")
    assert errors == {"q_support": "“None of these” cannot be combined with other answers."}
    assert values == {"q_done": "no"}
    data.setlist(field_name("q_support"), ["none"])
    values, errors = answers.read_section(CHOICE_SCHEMA, CHOICE_SCHEMA.sections[0], data,
                                          answers={}, lang="en")
    assert errors == {} and values == {"q_support": ["none"], "q_done": "no"}


def test_the_editor_block_marks_options_not_exclusive_by_default():
    block = MultipleChoiceOptionBlock()
    assert block.to_python({"code": "a", "label_sv": "A", "label_en": "A"})["exclusive"] is False


# --- Number comparisons -----------------------------------------------------------------------


@pytest.mark.parametrize("operator, answer, shown", [
    (">=", 9, False), (">=", 10, True), (">=", 11, True), (">=", 9.99, False),
    (">", 10, False), (">", 10.5, True), (">", 11, True),
    ("<=", 10, True), ("<=", 11, False), ("<=", 0, True),
    ("<", 10, False), ("<", 9, True), ("<", 9.5, True),
])
def test_each_comparison_at_and_around_its_boundary(operator, answer, shown):
    parsed = schema.parse(staff_body(operator))
    assert schema.problems(parsed) == []
    assert ("q_follow" in logic.visible_codes(parsed, {"q_staff": answer})) is shown


@pytest.mark.parametrize("operator", [">=", ">", "<=", "<"])
@pytest.mark.parametrize("answer", [None, "", "12", True])
def test_an_unanswered_or_non_number_target_meets_no_comparison(operator, answer):
    parsed = schema.parse(staff_body(operator))
    given = {} if answer is None else {"q_staff": answer}
    assert "q_follow" not in logic.visible_codes(parsed, given)


def test_a_decimal_limit_compares_as_a_number():
    parsed = schema.parse(staff_body(">=", "2.5"))
    assert schema.problems(parsed) == []
    assert parsed.question("q_follow").show_if.number == 2.5
    assert "q_follow" in logic.visible_codes(parsed, {"q_staff": 2.5})
    assert "q_follow" not in logic.visible_codes(parsed, {"q_staff": 2})


def test_a_scale_can_be_compared_too():
    found = CHAIN.question("q_why")
    assert found.show_if == schema.Condition("q_share", ("3",), ">")
    given = {"q_employees": 4}
    assert "q_why" not in logic.visible_codes(CHAIN, {**given, "q_share": 3})
    assert "q_why" in logic.visible_codes(CHAIN, {**given, "q_share": 4})


def test_a_hidden_target_hides_what_depends_on_it():
    stale = {"q_employees": 0, "q_share": 5, "q_why": "Because.", "q_staff": 3,
             "q_team": 1, "q_team_note": "Small.", "q_always": "Hej"}
    # No employees: the scale is hidden, so the question that compares it is hidden too,
    # even though its stored answer (5) would meet "> 3".
    codes = logic.visible_codes(CHAIN, stale)
    assert codes == {"q_employees", "q_staff", "q_always"}
    assert logic.prune(CHAIN, stale) == {"q_employees": 0, "q_staff": 3, "q_always": "Hej"}
    assert [s.key for s in logic.visible_sections(CHAIN, stale)] == ["organisation", "end"]


def test_a_section_shown_by_a_comparison_reveals_its_chain():
    given = {"q_employees": 2, "q_share": 4, "q_staff": 10, "q_team": 2}
    assert logic.visible_codes(CHAIN, given) == {
        "q_employees", "q_share", "q_why", "q_staff", "q_team", "q_team_note", "q_always"}
    assert "q_team_note" not in logic.visible_codes(CHAIN, {**given, "q_team": 3})
    # 9 is not more than 9: the section and what tests it disappear.
    assert logic.visible_codes(CHAIN, {**given, "q_staff": 9}) == {
        "q_employees", "q_share", "q_why", "q_staff", "q_always"}


def test_a_comparison_revealed_on_the_same_page_is_required_at_once():
    organisation = CHAIN.sections[0]
    data = QueryDict(mutable=True)
    data[field_name("q_employees")] = "3"
    data[field_name("q_staff")] = "1"
    values, errors = answers.read_section(CHAIN, organisation, data, answers={}, lang="en")
    assert errors == {"q_share": "Choose an answer."}
    data[field_name("q_employees")] = "0"
    data[field_name("q_share")] = "5"
    values, errors = answers.read_section(CHAIN, organisation, data, answers={}, lang="en")
    assert errors == {} and values == {"q_employees": 0, "q_staff": 1}


def test_whole_answer_sets_follow_the_comparisons():
    assert answers.validate_complete(CHAIN, {"q_employees": 0, "q_staff": 0}, "en") == {}
    assert set(answers.validate_complete(CHAIN, {"q_employees": 1, "q_staff": 10}, "en")) \
        == {"q_share", "q_team"}


def test_a_condition_stored_without_operator_means_one_of():
    body = [section("s", "S", "S", [
        question("single_choice", "q_a", "A", options=[option("x", "X"), option("y", "Y")]),
        question("short_text", "q_b", "B", show_if=cond("q_a", "x")),
        question("short_text", "q_c", "C", show_if=cond("q_a", "y", "")),
    ])]
    parsed = schema.parse(body)
    assert parsed.question("q_b").show_if.operator == schema.IN
    assert parsed.question("q_c").show_if.operator == schema.IN
    assert schema.problems(parsed) == []
    assert logic.visible_codes(parsed, {"q_a": "x"}) == {"q_a", "q_b"}
    assert ConditionBlock().to_python(cond("q_a", "x"))["operator"] == "in"


# --- Problems ---------------------------------------------------------------------------------


def _problems(show_if: dict[str, str], target_kind: str = "number") -> list[str]:
    targets = {
        "number": question("number", "q_t", "T", minimum="0", maximum="100"),
        "scale": question("scale", "q_t", "T", minimum=1, maximum=5),
        "single_choice": question("single_choice", "q_t", "T",
                                  options=[option("a", "A"), option("b", "B")]),
        "short_text": question("short_text", "q_t", "T"),
    }
    return schema.problems(schema.parse([section("s", "S", "S", [
        targets[target_kind], question("short_text", "q_x", "X", show_if=show_if)])]))


@pytest.mark.parametrize("show_if, kind, words", [
    (cond("q_t", "a", ">="), "single_choice", "only a number or scale question"),
    (cond("q_t", "5"), "number", "compare it with a number"),
    (cond("q_t", "5", "in"), "number", "compare it with a number"),
    (cond("q_t", "5", ">"), "short_text", "choice, scale or number question"),
    (cond("q_t", "5", "=="), "number", "unknown comparison “==”"),
    (cond("q_t", "", ">="), "number", "exactly one number"),
    (cond("q_t", "1,5", ">="), "number", "exactly one number"),
    (cond("q_t", "ten", "<"), "number", "exactly one number"),
    (cond("q_t", "nan", "<"), "number", "exactly one number"),
    (cond("q_t", "100", ">"), "number", "would never be shown"),
    (cond("q_t", "0", "<"), "number", "would never be shown"),
    (cond("q_t", "5", ">"), "scale", "would never be shown"),
    (cond("q_t", "1", "<"), "scale", "would never be shown"),
])
def test_a_comparison_that_does_not_fit_its_target_is_a_problem(show_if, kind, words):
    found = _problems(show_if, kind)
    assert len(found) == 1 and words in found[0], found


@pytest.mark.parametrize("show_if, kind", [
    (cond("q_t", "100", ">="), "number"), (cond("q_t", "0", "<="), "number"),
    (cond("q_t", "-5", ">"), "number"), (cond("q_t", "4", ">"), "scale"),
    (cond("q_t", "2", "<"), "scale"), (cond("q_t", "1,2"), "scale"),
    (cond("q_t", "a,b"), "single_choice"),
])
def test_fitting_conditions_are_no_problem(show_if, kind):
    assert _problems(show_if, kind) == []


def test_a_comparison_beyond_the_highest_allowed_number_is_a_problem_unless_open_ended():
    parsed = schema.parse(staff_body(">", "1000000"))
    assert schema.problems(parsed) == [
        "Skip logic of “q_follow”: no answer to “q_staff” can meet the comparison, so it would "
        "never be shown."]
    open_ended = staff_body(">", "1000000")
    open_ended[0]["value"]["questions"][0]["value"]["maximum"] = ""
    assert schema.problems(schema.parse(open_ended)) == []


# --- In words -----------------------------------------------------------------------------------


def test_the_preview_and_the_codebook_say_comparisons_in_words():
    staff = CHAIN.sections[1].show_if
    assert condition_words(staff, CHAIN, "en") == (
        "Shown only if the answer to q_staff “Staff” is more than 9.")
    share = CHAIN.question("q_share").show_if
    assert condition_words(share, CHAIN, "en") == (
        "Shown only if the answer to q_employees “Employees” is at least 1.")
    assert exports.shown_if(CHAIN, CHAIN.question("q_team"), "en") == (
        "Shown only if the answer to q_staff “Staff” is more than 9.")
    assert exports.shown_if(CHAIN, CHAIN.question("q_team_note"), "en") == (
        "Shown only if the answer to q_team “Team” is at most 2.")
    assert exports.shown_if(CHAIN, CHAIN.question("q_why"), "sv") == (
        "Visas bara om svaret på q_share “Andel” är mer än 3.")
    below = schema.Condition("q_staff", ("2.5",), "<")
    assert condition_words(below, CHAIN, "en").endswith("is less than 2.5.")


# --- The built-in template and the demo ---------------------------------------------------------


def test_the_template_marks_no_support_exclusive_and_has_no_problems():
    parsed = schema.parse(template_body())
    assert schema.problems(parsed) == []
    assert parsed.question("q_support").exclusive_codes() == ("none",)
    assert [q.code for q in parsed.questions if q.exclusive_codes()] == ["q_support"]


def test_demo_answers_are_valid_and_the_checker_uses_exclusive_answers():
    parsed = schema.parse(template_body())
    for seed in range(60):
        given = demo.answers_for(random.Random(seed), parsed, year=2026, lang="sv")
        assert demo.answer_problems(parsed, given) == [], seed
    given = demo.answers_for(random.Random(3), parsed, year=2026, lang="en")
    mixed = {**given, "q_support": ["networks", "none"]}
    assert demo.answer_problems(parsed, mixed) == [
        "q_support: “We need no support at the moment” cannot be combined with other answers."]


# --- On the page ----------------------------------------------------------------------------------


def test_the_choice_template_marks_exclusive_boxes_and_the_comparison():
    from django.template.loader import render_to_string

    from sihub.surveys.forms_respond import question_field

    support = question_field(CHOICE_SCHEMA.question("q_support"), {}, lang="en")
    html = render_to_string(support.template, {"f": support})
    assert html.count(" data-exclusive>") == 2
    assert 'value="none" id="id_a-q_support_4" data-exclusive>' in html
    assert 'value="finance" id="id_a-q_support_0">' in html
    assert "data-exclusive-text=" in html and "cannot be combined with others" in html
    share = question_field(CHAIN.question("q_share"), {}, lang="en")
    html = render_to_string(share.template, {"f": share})
    assert 'data-show-if="a-q_employees" data-show-op="&gt;=" data-show-values="1"' in html
    assert "data-exclusive" not in html
