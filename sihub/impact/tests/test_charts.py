"""Chart geometry and progress: pure functions, no database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from sihub.impact import charts


def test_it_picks_round_ticks_that_cover_the_range():
    assert charts.nice_ticks(D(0), D(17)) == [D(0), D(5), D(10), D(15), D(20)]
    assert charts.nice_ticks(D(0), D(100)) == [D(0), D(20), D(40), D(60), D(80), D(100)]
    assert charts.nice_ticks(D("-3.2"), D("0.7")) == [D(-4), D(-3), D(-2), D(-1), D(0), D(1)]
    assert charts.nice_ticks(D(0), D(9)) == [D(0), D(2), D(4), D(6), D(8), D(10)]


def test_it_uses_2_5_steps_and_small_decimals():
    assert charts.nice_ticks(D(0), D(12)) == [D(0), D("2.5"), D(5), D("7.5"), D(10), D("12.5")]
    assert charts.nice_ticks(D("0.01"), D("0.013")) == [D("0.01"), D("0.011"), D("0.012"),
                                                       D("0.013")]


def test_it_gives_a_flat_value_an_axis_around_it():
    ticks = charts.nice_ticks(D(3), D(3))
    assert ticks[0] < D(3) < ticks[-1] and ticks[0] > 0
    assert charts.nice_ticks(D(0), D(0))[0] == 0 and charts.nice_ticks(D(0), D(0))[-1] == 1


def test_it_writes_tick_values_as_people_do():
    assert str(charts.tidy(D("12.5000"))) == "12.5"
    assert str(charts.tidy(D("100.0000"))) == "100"
    assert str(charts.tidy(D("-0.0000"))) == "0"


SERIES = [("Total", [(date(2025, 1, 1), D(0)), (date(2025, 7, 2), D(10)),
                     (date(2025, 3, 2), D(4))])]


def test_it_scales_values_to_the_plot_and_dates_to_time():
    chart = charts.line_chart(SERIES, target=D(20), height=300)
    top, bottom = chart.top, chart.plot_bottom
    first, middle, last = chart.lines[0].points  # sorted by date
    assert [p.on for p in (first, middle, last)] == [date(2025, 1, 1), date(2025, 3, 2),
                                                     date(2025, 7, 2)]
    assert first.x == chart.left and last.x == pytest.approx(chart.plot_right)
    # 2 March is 60 of 182 days in: x in proportion to time, not to the point's rank.
    assert middle.x == pytest.approx(chart.left + (chart.plot_right - chart.left) * 60 / 182)
    # Axis 0–20: 0 at the bottom, 10 half-way up, the target at the top.
    assert first.y == pytest.approx(bottom)
    assert last.y == pytest.approx((top + bottom) / 2)
    assert chart.target is not None and chart.target.y == pytest.approx(top)
    assert chart.ticks[0].value == 0 and chart.ticks[-1].value == 20
    assert chart.lines[0].path.startswith(f"M{chart.left:.1f} {bottom:.1f} L")


def test_it_places_the_baseline_and_target_lines():
    chart = charts.line_chart(SERIES, baseline=D(5), target=D(15))
    assert chart.baseline is not None and chart.target is not None
    # Higher values are higher up (smaller y); the 0–15 range keeps 0 on the axis.
    assert chart.target.y < chart.baseline.y < chart.lines[0].points[0].y
    ticks = [t.value for t in chart.ticks]
    assert ticks[0] == 0 and ticks[-1] >= 15


def test_it_keeps_a_target_above_the_data_inside_the_axis():
    chart = charts.line_chart(SERIES, target=D(50))
    assert chart.ticks[-1].value >= 50
    assert chart.top <= chart.target.y <= chart.plot_bottom


def test_it_draws_a_decreasing_target_below_the_baseline():
    points = [(date(2025, 1, 1), D(30)), (date(2025, 6, 1), D(22))]
    chart = charts.line_chart([("Absences", points)], baseline=D(30), target=D(10))
    assert chart.baseline.y < chart.target.y  # 30 above 10


def test_it_handles_an_empty_series():
    chart = charts.line_chart([("Total", [])])
    assert chart.is_empty and chart.lines[0].path == "" and chart.ticks == []
    assert charts.line_chart([]).is_empty


def test_it_puts_a_single_point_in_the_middle():
    chart = charts.line_chart([("Total", [(date(2025, 5, 1), D(7))])])
    (point,) = chart.lines[0].points
    assert point.x == pytest.approx((chart.left + chart.plot_right) / 2)
    assert chart.top < point.y < chart.plot_bottom
    assert chart.lines[0].path == f"M{point.x:.1f} {point.y:.1f}"
    assert [label.on for label in chart.x_labels] == [date(2025, 5, 1)]


def test_it_keeps_line_names_apart_and_limits_the_lines():
    same = [(date(2025, 1, 1), D(5)), (date(2025, 2, 1), D(5))]
    chart = charts.line_chart([(f"g{i}", same) for i in range(10)])
    assert len(chart.lines) == charts.MAX_LINES
    ys = sorted(line.label_y for line in chart.lines)
    assert all(b - a >= 14 - 1e-9 for a, b in zip(ys, ys[1:], strict=False))


def test_it_computes_progress_for_an_increasing_target():
    assert charts.progress_towards(D(5), D(0), D(20)) == 25
    assert charts.progress_towards(D(30), D(10), D(20)) == 200  # past the target
    assert charts.progress_towards(D(5), D(10), D(20)) == -50  # moved away
    assert charts.progress_towards(D(5), None, D(20)) == 25  # no baseline: from 0


def test_it_computes_progress_for_a_decreasing_target():
    # Fewer absences: from 30 days to 10; at 20 it is half-way.
    assert charts.progress_towards(D(20), D(30), D(10)) == 50
    assert charts.progress_towards(D(10), D(30), D(10)) == 100
    assert charts.progress_towards(D(35), D(30), D(10)) == -25


def test_it_handles_a_target_equal_to_the_baseline_and_missing_values():
    assert charts.progress_towards(D(10), D(10), D(10)) == 100
    assert charts.progress_towards(D(12), D(10), D(10)) == 0
    assert charts.progress_towards(None, D(0), D(10)) is None
    assert charts.progress_towards(D(3), D(0), None) is None


def test_it_clamps_the_bar_but_not_the_number():
    meter = charts.progress_meter(D(150))
    assert meter.fill == 100 and meter.reached and meter.percent == 150
    behind = charts.progress_meter(D(-20))
    assert behind.fill == 0 and behind.backwards and not behind.reached
    assert charts.progress_meter(None).percent is None


def test_it_draws_a_sparkline_only_for_two_or_more_values():
    assert charts.sparkline([D(1)]) == ""
    assert charts.sparkline([D(1), D(3)], width=80, height=20) == "1.0,19.0 79.0,1.0"
    assert charts.sparkline([D(2), D(2)], width=80, height=20) == "1.0,10.0 79.0,10.0"
