"""stats.py: the sector mix and its chart geometry, without a database."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sihub.events import stats

SECTORS = [("public", "Public"), ("private", "Private"), ("academia", "Academia")]


def mix(rows, sectors=SECTORS):
    return stats.sector_mix(rows, sectors, no_sector_label="None given")


def test_it_counts_registered_and_attended_shares_per_sector():
    rows = ([("public", "confirmed", True)] * 2 + [("public", "confirmed", False)]
            + [("private", "confirmed", True)] + [("private", "confirmed", False)])
    result = mix(rows)
    by_key = {r.key: r for r in result.rows}
    assert (result.confirmed, result.attended, result.no_shows) == (5, 3, 2)
    assert by_key["public"].confirmed_share == pytest.approx(60.0)
    assert by_key["private"].confirmed_share == pytest.approx(40.0)
    assert by_key["public"].attended_share == pytest.approx(200 / 3)
    assert by_key["private"].attended_share == pytest.approx(100 / 3)
    assert result.attendance_rate == pytest.approx(60.0)


def test_it_keeps_every_sector_in_order_and_puts_no_sector_last():
    result = mix([("", "confirmed", False), ("academia", "waiting", False)])
    assert [r.key for r in result.rows] == ["public", "private", "academia", stats.NO_SECTOR]
    assert result.rows[-1].label == "None given"
    assert result.rows[0].confirmed == 0 and result.rows[0].confirmed_share == 0.0


def test_it_leaves_out_the_no_sector_row_when_nobody_is_in_it():
    result = mix([("public", "confirmed", False)])
    assert stats.NO_SECTOR not in [r.key for r in result.rows]


def test_it_gives_no_shares_and_no_rate_for_an_empty_event():
    result = mix([])
    assert result.is_empty
    assert result.attendance_rate is None
    assert all(r.confirmed_share is None and r.attended_share is None for r in result.rows)
    assert result.no_shows == 0


def test_it_keeps_waiting_list_and_cancelled_apart():
    result = mix([("public", "waiting", False), ("public", "waiting", False),
                  ("private", "waiting", False), ("private", "cancelled", False),
                  ("public", "confirmed", False)])
    by_key = {r.key: r for r in result.rows}
    assert (result.confirmed, result.waiting, result.cancelled) == (1, 3, 1)
    assert result.registered == 4
    assert by_key["public"].waiting_share == pytest.approx(200 / 3)
    assert by_key["private"].confirmed == 0  # the cancelled one is not registered


def test_a_walk_in_from_the_waiting_list_came_but_does_not_change_the_attendance_rate():
    result = mix([("public", "confirmed", True), ("public", "confirmed", False),
                  ("private", "waiting", True)])
    assert result.attended == 2
    assert result.walk_ins == 1
    assert result.attended_confirmed == 1
    assert result.no_shows == 1
    assert result.attendance_rate == pytest.approx(50.0)


def test_an_unknown_sector_key_gets_its_own_row():
    result = mix([("new-sector", "confirmed", False)])
    assert result.rows[-1].key == "new-sector"
    assert result.rows[-1].confirmed_share == pytest.approx(100.0)


def test_share_is_none_for_a_zero_whole():
    assert stats.share(0, 0) is None
    assert stats.share(1, 4) == 25.0


# --- Chart ---------------------------------------------------------------------------------


def test_the_chart_scales_to_a_round_value_above_the_largest_share():
    chart = stats.mix_chart(["Public", "Private"], [
        ("Registered", 0, [(60.0, 3), (40.0, 2)]),
        ("Came", 2, [(200 / 3, 2), (100 / 3, 1)]),
    ])
    assert chart.ticks[0].value == 0
    assert chart.ticks[-1].value >= Decimal(67)
    assert chart.ticks[-1].value <= Decimal(100)
    plot_width = chart.plot_right - chart.plot_x
    top = float(chart.ticks[-1].value)
    public_registered = chart.groups[0].bars[0]
    assert public_registered.width == pytest.approx(plot_width * 60 / top)
    assert public_registered.series == 0
    assert chart.groups[0].bars[1].series == 2  # the column keeps its style
    assert public_registered.text_x == pytest.approx(chart.plot_x + public_registered.width + 4)
    # Bars of one group do not overlap, groups follow each other downwards.
    first, second = chart.groups[0].bars
    assert second.y >= first.y + first.height
    assert chart.groups[1].bars[0].y > second.y + second.height
    assert chart.height > chart.plot_bottom
    assert [item.name for item in chart.legend] == ["Registered", "Came"]


def test_the_chart_runs_to_100_when_there_are_no_shares():
    chart = stats.mix_chart(["Public"], [("Registered", 0, [(None, 0)])])
    assert [t.value for t in chart.ticks] == [0, 25, 50, 75, 100]
    assert chart.groups[0].bars[0].width == 0.0


def test_a_full_share_fills_the_plot():
    chart = stats.mix_chart(["Public"], [("Registered", 0, [(100.0, 4)])])
    bar = chart.groups[0].bars[0]
    assert bar.width == pytest.approx(chart.plot_right - chart.plot_x)
