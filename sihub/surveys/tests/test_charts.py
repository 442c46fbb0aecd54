"""Survey bar charts: geometry, hidden values, comparison and breakdown, and the template."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from sihub.surveys import charts, schema, stats
from sihub.surveys.tests.conftest import SMALL_BODY
from sihub.surveys.tests.test_stats import ANSWERS

SCHEMA = schema.parse(SMALL_BODY)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def result(code, answers=ANSWERS):
    return next(r for r in stats.results(SCHEMA, answers) if r.code == code)


def bars(chart):
    return [bar for group in chart.groups for bar in group.bars]


def test_one_bar_per_option_proportional_to_the_share():
    chart = charts.result_chart(result("q_sector"), lang="en")
    assert chart.title == "Sector"
    assert [g.label for g in chart.groups] == ["Public", "Private", "Civil society"]
    widths = [bar.width for bar in bars(chart)]
    assert widths[0] == pytest.approx(widths[2])
    assert widths[1] == pytest.approx(widths[0] * 25 / 37.5)
    assert [bar.text for bar in bars(chart)] == ["38 %", "25 %", "38 %"]
    assert chart.legend == []  # one series needs no legend
    assert [(row.label, [c.value for c in row.cells]) for row in chart.rows] == [
        ("Public", [3, 37.5]), ("Private", [2, 25.0]), ("Civil society", [3, 37.5])]
    assert "8 of 8" in chart.note


def test_scale_table_has_the_mean_and_multiple_choice_notes_the_sum():
    optimism = charts.result_chart(result("q_optimism"), lang="en")
    assert optimism.rows[-1].label == "Mean"
    assert optimism.rows[-1].cells[1].value == 3.5
    assert "Mean 3.5, median 4" in optimism.note
    assert "more than 100" in charts.result_chart(result("q_sdgs"), lang="en").note


def test_hidden_counts_show_a_dash_and_say_why():
    chart = charts.result_chart(stats.suppress(result("q_sector"), 3), lang="en")
    public, private, civil = bars(chart)
    assert (public.text, private.text, civil.text) == ("–", "–", "38 %")
    assert public.width == 0
    assert "hidden" in private.tooltip
    assert chart.rows[1].cells[0].hidden and chart.rows[1].cells[0].value is None


def test_no_chart_for_no_answers_or_a_suppressed_question():
    assert charts.result_chart(result("q_sector", []), lang="en").empty
    hidden = charts.result_chart(stats.suppress(result("q_profit"), 5), lang="en")
    assert hidden.empty and "Too few" in hidden.message
    assert hidden.groups == [] and hidden.rows == []


def test_matrix_groups_rows_and_series_are_options():
    chart = charts.result_chart(result("q_barriers"), lang="en")
    assert [g.label for g in chart.groups] == ["Finance", "Skills"]
    assert [item.name for item in chart.legend] == ["Small", "Big"]
    assert [bar.text for bar in chart.groups[0].bars] == ["20 %", "80 %"]
    assert chart.headers == ["Small (%)", "Big (%)", "Answered"]


def test_comparison_has_two_patterned_series_and_the_change_in_the_table():
    two = schema.parse(SMALL_BODY)
    comparison = stats.compare(SCHEMA.question("q_stage"), ANSWERS, two.question("q_stage"),
                               ANSWERS[:5])
    chart = charts.comparison_chart(comparison, a_name="2025", b_name="2026", lang="en")
    assert [(item.name, item.series) for item in chart.legend] == [("2025", 0), ("2026", 1)]
    assert [series for series, _id in chart.pattern_ids] == [1]
    assert [bar.text for bar in chart.groups[0].bars] == ["50 %", "40 %"]
    assert chart.rows[0].cells[2].value == pytest.approx(-10.0)
    assert chart.headers[-1] == "Change (points)"


def test_comparison_marks_options_asked_in_one_round_only():
    a = schema.Question("q", schema.SINGLE, schema.Text("F", "Q"), options=(
        schema.Option("x", schema.Text("X", "X")), schema.Option("y", schema.Text("Y", "Y"))))
    b = schema.Question("q", schema.SINGLE, schema.Text("F", "Q"), options=(
        schema.Option("x", schema.Text("X", "X")), schema.Option("z", schema.Text("Z", "Z"))))
    comparison = stats.compare(a, [{"q": "x"}, {"q": "y"}], b, [{"q": "z"}])
    chart = charts.comparison_chart(comparison, a_name="A", b_name="B", lang="en")
    y_group = chart.groups[1]
    assert y_group.bars[1].text == "–"
    assert "not asked" in y_group.bars[1].tooltip
    assert not chart.rows[1].cells[1].hidden  # not asked is not "too few"


def test_crosstab_one_series_per_group_with_answered_row():
    table = stats.suppress(stats.crosstab(SCHEMA.question("q_measure"),
                                          SCHEMA.question("q_sector"), ANSWERS), 3)
    chart = charts.crosstab_chart(table, lang="en")
    assert chart.title == "Do you measure?, by sector"
    assert [item.name for item in chart.legend] == ["Public", "Private", "Civil society"]
    assert [bar.text for bar in chart.groups[0].bars] == ["–", "–", "–"]
    assert chart.headers[-1] == "Total (%)"
    answered = chart.rows[-1]
    assert answered.label == "Answered"
    assert [c.value for c in answered.cells] == [3, None, 3, 8]
    assert answered.cells[1].hidden


def test_legend_wraps_and_styles_repeat_past_six_series():
    series = [(f"Series {i}", [10.0 * i], ["t"]) for i in range(7)]
    chart = charts._draw("x", "T", "D", ["label"], series)
    assert len({item.y for item in chart.legend}) == 2
    assert chart.legend[6].series == 0
    assert chart.plot_top > chart.legend[-1].y + 14


def test_ids_differ_between_charts():
    first = charts.result_chart(result("q_sector"))
    second = charts.result_chart(result("q_sector"))
    assert first.id != second.id
    assert charts.result_chart(result("q_sector"), chart_id="mine").title_id == "mine-title"


def test_template_renders_an_accessible_svg_and_the_table():
    r = stats.crosstab(SCHEMA.question("q_optimism"), SCHEMA.question("q_size"), ANSWERS)
    html = "".join([
        render_to_string("surveys/_bar_chart.html",
                         {"chart": charts.crosstab_chart(r, chart_id="one")}),
        render_to_string("surveys/_bar_chart.html",
                         {"chart": charts.result_chart(result("q_sector"), chart_id="two")}),
    ])
    assert html.count('role="img"') == 2
    assert 'aria-labelledby="one-title one-desc"' in html
    assert '<title id="one-title">' in html and '<desc id="one-desc">' in html
    assert 'fill="url(#one-pattern-1)"' in html and '<pattern id="one-pattern-1"' in html
    assert html.count("<table") == 2 and 'scope="row"' in html and 'scope="col"' in html
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert "style=" not in html and "<script" not in html
    assert "<td>37.5</td>" in html  # the table under the chart holds the numbers


def test_template_can_leave_the_table_to_the_caller_and_shows_messages():
    chart = charts.result_chart(result("q_sector"))
    assert "<table" not in render_to_string("surveys/_bar_chart.html",
                                            {"chart": chart, "no_table": True})
    empty = charts.result_chart(result("q_sector", []))
    html = render_to_string("surveys/_bar_chart.html", {"chart": empty})
    assert "<svg" not in html and "Nobody has answered" in html


def test_table_numbers_follow_the_language():
    with translation.override("sv"):
        html = render_to_string("surveys/_bar_chart.html",
                                {"chart": charts.result_chart(result("q_sector"))})
    assert "<td>37,5</td>" in html
    assert ">Offentlig<" in html
