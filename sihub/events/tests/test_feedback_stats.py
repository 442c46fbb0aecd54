"""Feedback arithmetic and chart geometry (no database)."""

from __future__ import annotations

import pytest

from sihub.events.feedback_stats import Answer, rating_chart, summarise


def test_it_counts_the_rate_against_those_who_came_when_people_were_checked_in():
    summary = summarise([Answer(5), Answer(3)], checked_in=4, confirmed=10)
    assert (summary.base, summary.base_kind, summary.response_rate) == (4, "checked_in", 50)


def test_it_counts_the_rate_against_those_registered_without_check_in():
    summary = summarise([Answer(5), Answer(3)], checked_in=0, confirmed=8)
    assert (summary.base, summary.base_kind, summary.response_rate) == (8, "confirmed", 25)


def test_it_has_no_rate_and_no_average_without_anyone():
    summary = summarise([], checked_in=0, confirmed=0)
    assert summary.response_rate is None and summary.average_rating is None
    assert summary.recommend_percent is None and summary.average_contacts is None
    assert [row.count for row in summary.distribution] == [0, 0, 0, 0, 0]


def test_it_averages_only_the_questions_answered():
    summary = summarise([Answer(4, True, 2), Answer(2, None, None), Answer(5, False, 7)],
                        checked_in=3, confirmed=3)
    assert summary.average_rating == pytest.approx(3.67)
    assert (summary.recommend_yes, summary.recommend_answered, summary.recommend_percent) == (
        1, 2, 50)
    assert (summary.average_contacts, summary.contacts_answered) == (4.5, 2)
    assert [(r.rating, r.count, r.percent) for r in summary.distribution] == [
        (1, 0, 0), (2, 1, 33), (3, 0, 0), (4, 1, 33), (5, 1, 33)]


def test_it_draws_bars_in_proportion_with_five_on_top():
    summary = summarise([Answer(5)] * 4 + [Answer(4)] * 2, checked_in=0, confirmed=6)
    chart = rating_chart(summary.distribution)
    assert [bar.rating for bar in chart.bars] == [5, 4, 3, 2, 1]
    five, four, three = chart.bars[:3]
    assert five.width == pytest.approx(2 * four.width)
    assert three.width == 0
    assert all(bar.y < nxt.y for bar, nxt in zip(chart.bars, chart.bars[1:]))
    assert chart.ticks[0][1] == 0 and chart.ticks[-1][1] >= 4
    assert max(bar.value_x for bar in chart.bars) < chart.width


def test_it_keeps_a_round_axis_for_large_counts():
    summary = summarise([Answer(3)] * 137, checked_in=0, confirmed=200)
    chart = rating_chart(summary.distribution)
    values = [value for _x, value in chart.ticks]
    assert values[-1] >= 137 and len(values) <= 7
    assert all(b - a == values[1] - values[0] for a, b in zip(values, values[1:]))
