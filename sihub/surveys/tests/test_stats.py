"""Survey statistics on eight hand-written responses to SMALL_BODY, figures checked by hand.

Respondent   sector  region size  stage   staff sdgs       measure how optimism barriers (f/s)
R1           public  north  small startup   0   1,8        yes     "A"  5       big/small
R2           public  north  small startup   3   8          no           4       big/big
R3           private south  large growth   12   4,8,10     yes     "B"  3       small/–
R4           private south  small growth   60   8          no           4       big/small
R5           civil   north  small growth    9   1          yes     "C"  2       big/big
R6           civil   north  large growth    1   4          no           4       –
R7           civil   south  small startup  49   –          no           5       –
R8           public  north  small startup  50   1,8        yes     ""   1       –
(profit, growth only: R3 profit, R4 loss, R5 even, R6 even; story: R1 only)
"""

from __future__ import annotations

import copy

import pytest

from sihub.surveys import schema, stats
from sihub.surveys.tests.conftest import SMALL_BODY, option

SCHEMA = schema.parse(SMALL_BODY)


def r(sector, region, size, stage, staff, sdgs, measure, how, optimism, barriers=None,
      profit=None, story=None):
    answers = {"q_sector": sector, "q_region": region, "q_size": size, "q_stage": stage,
               "q_staff": staff, "q_measure": measure, "q_optimism": optimism}
    for code, value in (("q_sdgs", sdgs), ("q_measure_how", how), ("q_barriers", barriers),
                        ("q_profit", profit), ("q_story", story)):
        if value is not None:
            answers[code] = value
    return answers


ANSWERS = [
    r("public", "north", "small", "startup", 0, ["1", "8"], "yes", "A", 5,
      {"finance": "big", "skills": "small"}, story="Vi skapar jobb."),
    r("public", "north", "small", "startup", 3, ["8"], "no", None, 4,
      {"finance": "big", "skills": "big"}),
    r("private", "south", "large", "growth", 12, ["4", "8", "10"], "yes", "B", 3,
      {"finance": "small"}, profit="profit"),
    r("private", "south", "small", "growth", 60, ["8"], "no", None, 4,
      {"finance": "big", "skills": "small"}, profit="loss"),
    r("civil", "north", "small", "growth", 9, ["1"], "yes", "C", 2,
      {"finance": "big", "skills": "big"}, profit="even"),
    r("civil", "north", "large", "growth", 1, ["4"], "no", None, 4, profit="even"),
    r("civil", "south", "small", "startup", 49, None, "no", None, 5),
    r("public", "north", "small", "startup", 50, ["1", "8"], "yes", "", 1),
]


def by_code(results):
    return {res.code: res for res in results}


def counts(result):
    return {c.code: c.count for c in result.counts}


def percents(result):
    return {c.code: None if c.percent is None else round(c.percent, 1) for c in result.counts}


@pytest.fixture
def res():
    return by_code(stats.results(SCHEMA, ANSWERS))


# --- Results per question ---------------------------------------------------------------


def test_single_choice_counts_and_percent_of_those_who_answered(res):
    sector = res["q_sector"]
    assert (sector.shown, sector.answered) == (8, 8)
    assert counts(sector) == {"public": 3, "private": 2, "civil": 3}
    assert percents(sector) == {"public": 37.5, "private": 25.0, "civil": 37.5}
    assert [c.label.en for c in sector.counts] == ["Public", "Private", "Civil society"]


def test_multiple_choice_percent_is_of_respondents_and_may_exceed_100(res):
    sdgs = res["q_sdgs"]
    assert sdgs.answered == 7  # R7 gave no goal
    assert counts(sdgs) == {"1": 3, "4": 2, "8": 5, "10": 1}
    assert percents(sdgs) == {"1": 42.9, "4": 28.6, "8": 71.4, "10": 14.3}
    assert sum(c.percent for c in sdgs.counts) > 100


def test_scale_counts_per_point_mean_and_median(res):
    optimism = res["q_optimism"]
    assert counts(optimism) == {"1": 1, "2": 1, "3": 1, "4": 3, "5": 2}
    assert optimism.mean == 3.5
    assert optimism.median == 4.0
    assert optimism.counts[0].label.en == "1 (Low)"
    assert optimism.counts[-1].label.sv == "5 (Hög)"
    assert optimism.counts[1].label.en == "2"


def test_number_is_grouped_by_bins_with_mean_and_median_of_raw_values(res):
    staff = res["q_staff"]
    assert counts(staff) == {"le_1": 2, "le_9": 2, "le_49": 2, "gt_49": 2}
    assert [c.label.en for c in staff.counts] == ["0–1", "2–9", "10–49", "50 or more"]
    assert [c.label.sv for c in staff.counts][-1] == "50 eller fler"
    assert staff.mean == 23.0
    assert staff.median == 10.5


def test_number_bins_for_decimals_and_without_minimum():
    question = schema.Question("q_x", schema.NUMBER, schema.Text("x", "x"), integer=False,
                               bins=(1.5, 10.0))
    labels = [(label.sv, label.en) for _c, label, _a, _u in stats.number_bins(question)]
    assert labels == [("högst 1,5", "up to 1.5"), ("1,5–10", "1.5–10"),
                      ("mer än 10", "more than 10")]
    result = stats.question_result(question, [{"q_x": 1.5}, {"q_x": 1.6}, {"q_x": 11}])
    assert counts(result) == {"le_1.5": 1, "le_10": 1, "gt_10": 1}


def test_number_without_bins_has_only_mean_and_median():
    question = schema.Question("q_x", schema.NUMBER, schema.Text("x", "x"))
    result = stats.question_result(question, [{"q_x": 2}, {"q_x": 4}, {"q_x": 9}, {}])
    assert (result.answered, result.counts, result.mean, result.median) == (3, [], 5.0, 4.0)


def test_skip_logic_base_shown_versus_answered(res):
    how = res["q_measure_how"]
    assert (how.shown, how.answered) == (4, 3)  # only those measuring saw it; R8 left it empty
    assert how.texts == []  # free text only on request
    profit = res["q_profit"]  # the finance section: growing organisations only
    assert (profit.shown, profit.answered) == (4, 4)
    assert counts(profit) == {"loss": 1, "even": 2, "profit": 1}


def test_texts_only_with_include_text():
    how = by_code(stats.results(SCHEMA, ANSWERS, include_text=True))["q_measure_how"]
    assert how.texts == ["A", "B", "C"]


def test_an_answer_left_to_a_hidden_question_does_not_count():
    stale = r("public", "north", "small", "startup", 5, ["1"], "no", None, 3, profit="loss")
    profit = by_code(stats.results(SCHEMA, ANSWERS + [stale]))["q_profit"]
    assert (profit.shown, profit.answered, counts(profit)["loss"]) == (4, 4, 1)
    direct = stats.question_result(SCHEMA.question("q_profit"), ANSWERS + [stale],
                                   schema=SCHEMA)
    assert counts(direct) == counts(profit)


def test_matrix_rows_have_their_own_base(res):
    barriers = res["q_barriers"]
    assert barriers.answered == 5
    finance, skills = barriers.rows
    assert finance.answered == 5
    assert {c.code: c.count for c in finance.counts} == {"small": 1, "big": 4}
    assert [round(c.percent, 1) for c in finance.counts] == [20.0, 80.0]
    assert skills.answered == 4
    assert {c.code: c.count for c in skills.counts} == {"small": 2, "big": 2}


def test_unknown_option_codes_are_not_counted_as_answers():
    question = SCHEMA.question("q_sector")
    result = stats.question_result(question, [{"q_sector": "gone"}, {"q_sector": "civil"},
                                              {"q_sector": ""}])
    assert (result.answered, counts(result)["civil"]) == (1, 1)
    assert result.counts[2].percent == 100.0


def test_no_answers_gives_no_percentages():
    result = stats.question_result(SCHEMA.question("q_optimism"), [])
    assert result.answered == 0
    assert all(c.count == 0 and c.percent is None for c in result.counts)
    assert result.mean is None and result.median is None


# --- Filtering ----------------------------------------------------------------------------


def test_filter_answers_any_value_per_question_all_questions():
    kept = stats.filter_answers(SCHEMA, ANSWERS, {"q_sector": ["public", "civil"],
                                                  "q_sdgs": ["8"]})
    assert kept == [ANSWERS[0], ANSWERS[1], ANSWERS[7]]
    assert stats.filter_answers(SCHEMA, ANSWERS, {"q_optimism": ["4"]}) == [
        ANSWERS[1], ANSWERS[3], ANSWERS[5]]


def test_filter_without_values_is_ignored_and_unknown_question_keeps_nobody():
    assert stats.filter_answers(SCHEMA, ANSWERS, {"q_sector": []}) == ANSWERS
    assert stats.filter_answers(SCHEMA, ANSWERS, {"q_nope": ["x"]}) == []


# --- Cross-tabulation ---------------------------------------------------------------------


def cells(table, row_code):
    row = next(row for row in table.rows if row.code == row_code)
    return [c.count for c in row.cells] + [row.total.count]


def test_crosstab_single_by_sector_with_column_percentages():
    table = stats.crosstab(SCHEMA.question("q_measure"), SCHEMA.question("q_sector"), ANSWERS)
    assert [c.code for c in table.columns] == ["public", "private", "civil"]
    assert [c.base for c in table.columns] == [3, 2, 3]
    assert table.total_column.base == 8
    assert cells(table, "yes") == [2, 1, 1, 4]
    assert cells(table, "no") == [1, 1, 2, 4]
    yes = table.rows[0]
    assert [round(c.percent, 1) for c in yes.cells] == [66.7, 50.0, 33.3]
    assert yes.total.percent == 50.0


def test_crosstab_scale_has_means_per_group():
    table = stats.crosstab(SCHEMA.question("q_optimism"), SCHEMA.question("q_size"), ANSWERS)
    assert [c.base for c in table.columns] == [6, 2]
    assert cells(table, "4") == [2, 1, 3]
    assert table.means == [3.5, 3.5]
    assert table.total_mean == 3.5


def test_crosstab_number_uses_bins_and_multiple_choice_counts_each_pick():
    staff = stats.crosstab(SCHEMA.question("q_staff"), SCHEMA.question("q_region"), ANSWERS)
    assert cells(staff, "le_1") == [2, 0, 2]
    assert cells(staff, "le_49") == [0, 2, 2]
    assert cells(staff, "gt_49") == [1, 1, 2]
    sdgs = stats.crosstab(SCHEMA.question("q_sdgs"), SCHEMA.question("q_sector"), ANSWERS)
    assert [c.base for c in sdgs.columns] == [3, 2, 2]  # R7 answered no goal
    assert cells(sdgs, "8") == [3, 2, 0, 5]
    assert sdgs.rows[2].cells[0].percent == 100.0


def test_crosstab_refuses_text_and_non_single_breakdowns():
    with pytest.raises(ValueError):
        stats.crosstab(SCHEMA.question("q_story"), SCHEMA.question("q_sector"), ANSWERS)
    with pytest.raises(ValueError):
        stats.crosstab(SCHEMA.question("q_measure"), SCHEMA.question("q_sdgs"), ANSWERS)


# --- Comparison ---------------------------------------------------------------------------


def version_two():
    body = copy.deepcopy(SMALL_BODY)
    measure = body[1]["value"]["questions"][1]["value"]
    assert measure["code"] == "q_measure"
    measure["options"] = [option("yes", "Ja", "Yes"), option("planned", "Planerat", "Planned")]
    return schema.parse(body)


def test_compare_matches_by_code_and_lists_options_of_either_version():
    two = version_two()
    answers_b = [{"q_measure": "yes"}, {"q_measure": "yes"}, {"q_measure": "planned"},
                 {"q_measure": "planned"}]
    comparison = stats.compare(SCHEMA.question("q_measure"), ANSWERS,
                               two.question("q_measure"), answers_b)
    rows = {row.code: (row.a_percent, row.b_percent, row.change_points)
            for row in comparison.rows}
    assert rows == {"yes": (50.0, 50.0, 0.0), "no": (50.0, None, None),
                    "planned": (None, 50.0, None)}
    assert [row.code for row in comparison.rows] == ["yes", "no", "planned"]
    assert (comparison.a.answered, comparison.b.answered) == (8, 4)


def test_compare_change_is_b_minus_a_in_points():
    question = SCHEMA.question("q_stage")
    comparison = stats.compare(question, ANSWERS, question, ANSWERS[:5])
    startup = comparison.rows[0]
    assert (startup.a_percent, startup.b_percent) == (50.0, 40.0)
    assert startup.change_points == pytest.approx(-10.0)


def test_compare_all_gives_what_each_comparison_gives_and_skips_changed_kinds():
    body = copy.deepcopy(SMALL_BODY)
    body[0]["value"]["questions"][4]["type"] = "scale"  # q_staff: number → scale
    body[0]["value"]["questions"][4]["value"].update(minimum=1, maximum=5)
    two = schema.parse(body)
    answers_b = ANSWERS[:5]
    every = stats.compare_all(SCHEMA, ANSWERS, two, answers_b)
    assert "q_staff" not in every and list(every)[:4] == ["q_sector", "q_region", "q_size",
                                                          "q_stage"]
    for code in ("q_stage", "q_sdgs", "q_barriers", "q_profit"):
        one = stats.compare(SCHEMA.question(code), ANSWERS, two.question(code), answers_b,
                            schema_a=SCHEMA, schema_b=two)
        assert every[code].rows == one.rows, code


# --- Suppression --------------------------------------------------------------------------


def test_suppress_hides_small_counts_and_one_more_when_they_sum_to_the_total(res):
    sector = stats.suppress(res["q_sector"], 3)
    # private (2) is small; alone it could be worked out from 8 − 3 − 3, so one more goes.
    assert counts(sector) == {"public": None, "private": None, "civil": 3}
    assert percents(sector) == {"public": None, "private": None, "civil": 37.5}
    assert not sector.suppressed
    assert counts(res["q_sector"])["public"] == 3  # the original is untouched


def test_suppress_multiple_choice_needs_no_second_cell(res):
    sdgs = stats.suppress(res["q_sdgs"], 3)
    assert counts(sdgs) == {"1": 3, "4": None, "8": 5, "10": None}


def test_suppress_keeps_zeros_and_needs_nothing_more_when_two_are_hidden(res):
    optimism = stats.suppress(res["q_optimism"], 2)
    assert counts(optimism) == {"1": None, "2": None, "3": None, "4": 3, "5": 2}
    assert optimism.mean == 3.5  # a mean does not give the counts away
    one_small = stats.QuestionResult(
        SCHEMA.question("q_stage"), shown=5, answered=5,
        counts=[stats.Count("startup", schema.Text(), 4, 80.0),
                stats.Count("growth", schema.Text(), 1, 20.0)])
    hidden = stats.suppress(one_small, 2)
    assert [c.count for c in hidden.counts] == [None, None]
    with_zero = stats.suppress(stats.question_result(SCHEMA.question("q_sector"),
                                                     [{"q_sector": "public"}] * 4
                                                     + [{"q_sector": "civil"}]), 2)
    assert counts(with_zero) == {"public": None, "private": 0, "civil": None}


def test_suppress_whole_question_below_min_group(res):
    profit = stats.suppress(res["q_profit"], 5)
    assert profit.suppressed
    assert all(c.count is None and c.percent is None for c in profit.counts)
    assert profit.answered == 4
    assert stats.suppress(res["q_optimism"], 9).mean is None
    assert stats.suppress(res["q_optimism"], 8).mean == 3.5  # exactly min_group answered
    assert stats.suppress(res["q_optimism"], 1) is res["q_optimism"]


def test_suppress_matrix_rows(res):
    barriers = stats.suppress(res["q_barriers"], 3)
    finance, skills = barriers.rows
    assert [c.count for c in finance.counts] == [None, None]  # 1 small, 4 derivable
    assert [c.count for c in skills.counts] == [None, None]
    assert [c.count for c in stats.suppress(res["q_barriers"], 2).rows[0].counts] == [None,
                                                                                     None]


def test_suppress_texts_below_min_group():
    how = by_code(stats.results(SCHEMA, ANSWERS, include_text=True))["q_measure_how"]
    assert stats.suppress(how, 5).texts == []
    assert stats.suppress(how, 3).texts == ["A", "B", "C"]


def test_suppress_crosstab_hides_small_groups_and_cells_that_could_be_derived():
    answers = ([{"q_sector": "public", "q_measure": "yes"}] * 6
               + [{"q_sector": "public", "q_measure": "no"}] * 4
               + [{"q_sector": "private", "q_measure": "yes"}] * 5
               + [{"q_sector": "private", "q_measure": "no"}] * 1
               + [{"q_sector": "civil", "q_measure": "yes"}] * 4
               + [{"q_sector": "civil", "q_measure": "no"}] * 5)
    table = stats.crosstab(SCHEMA.question("q_measure"), SCHEMA.question("q_sector"), answers)
    hidden = stats.suppress(table, 3)
    # private/no = 1 is small; its row, then the public and private columns, give the rest away.
    assert cells(hidden, "yes") == [None, None, 4, 15]
    assert cells(hidden, "no") == [None, None, 5, 10]
    assert hidden.rows[0].cells[2].percent == pytest.approx(100 * 4 / 9)
    assert [c.base for c in hidden.columns] == [10, 6, 9]


def test_suppress_crosstab_small_column_and_small_table():
    table = stats.crosstab(SCHEMA.question("q_measure"), SCHEMA.question("q_sector"), ANSWERS)
    hidden = stats.suppress(table, 3)
    assert [c.base for c in hidden.columns] == [3, None, 3]
    assert cells(hidden, "yes") == [None, None, None, 4]
    assert cells(hidden, "no") == [None, None, None, 4]
    everything = stats.suppress(table, 9)
    assert everything.suppressed and everything.total_column.base is None
    assert cells(everything, "yes") == [None, None, None, None]


def test_suppress_comparison_recomputes_changes():
    question = SCHEMA.question("q_stage")
    comparison = stats.suppress(stats.compare(question, ANSWERS * 2, question, ANSWERS[:4]), 5)
    assert comparison.b.suppressed
    assert all(row.b_percent is None and row.change_points is None for row in comparison.rows)
    assert [row.a_percent for row in comparison.rows] == [50.0, 50.0]


# --- Key figures --------------------------------------------------------------------------


def test_key_figures_responses_and_largest_group_per_dimension():
    figures = stats.key_figures(SCHEMA, ANSWERS)
    assert [(f.code, f.value, f.unit) for f in figures] == [
        ("responses", 8.0, "count"), ("q_sector", 37.5, "percent"),
        ("q_region", 62.5, "percent"), ("q_size", 75.0, "percent")]
    assert figures[1].detail.en == "Public"  # the first of two equal groups
    assert figures[2].detail.en == "North"


def test_key_figures_for_chosen_questions_and_with_suppression():
    figures = stats.key_figures(SCHEMA, ANSWERS, codes=["q_optimism", "q_staff", "q_story",
                                                         "q_nope"])
    assert [(f.code, f.value, f.unit) for f in figures[1:]] == [
        ("q_optimism", 3.5, "mean"), ("q_staff", 10.5, "median")]
    sector = stats.key_figures(SCHEMA, ANSWERS, codes=["q_sector"], min_group=3)[1]
    assert (sector.value, sector.detail.en) == (37.5, "Civil society")  # public is hidden
