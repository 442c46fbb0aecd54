"""The calendar's pure rules (calendar_logic): months, weeks, days, registration state."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from sihub.events import calendar_logic as logic

TODAY = date(2026, 5, 20)
NOW = datetime(2026, 5, 20, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(("value", "expected"), [
    ("2026-12", date(2026, 12, 1)),
    ("2031-01", date(2031, 1, 1)),
    ("2026-13", date(2026, 5, 1)),
    ("2026-00", date(2026, 5, 1)),
    ("0001-01", date(2026, 5, 1)),
    ("9999-12", date(2026, 5, 1)),  # its "next month" would not exist
    ("2026-1", date(2026, 5, 1)),
    ("2026-12\n", date(2026, 5, 1)),
    ("", date(2026, 5, 1)),
    (None, date(2026, 5, 1)),
])
def test_it_reads_a_month_or_falls_back_to_this_one(value, expected):
    assert logic.parse_month(value, TODAY) == expected


def test_it_steps_across_years():
    assert logic.shift_month(date(2026, 12, 1), 1) == date(2027, 1, 1)
    assert logic.shift_month(date(2026, 1, 1), -1) == date(2025, 12, 1)
    assert logic.shift_month(date(logic.LAST_YEAR, 12, 1), 1) == date(logic.LAST_YEAR + 1, 1, 1)


def test_the_weeks_are_whole_and_start_on_monday():
    weeks = logic.month_weeks(date(2026, 3, 1))  # a Sunday
    assert weeks[0][0] == date(2026, 2, 23) and weeks[0][-1] == date(2026, 3, 1)
    assert weeks[-1][-1] == date(2026, 4, 5)
    assert all(len(w) == 7 and w[0].weekday() == 0 for w in weeks)


def test_an_event_ending_at_midnight_is_not_on_the_next_day():
    start = datetime(2026, 5, 12, 9, 0)
    assert logic.days_of(start, datetime(2026, 5, 14, 0, 0)) == [date(2026, 5, 12),
                                                                 date(2026, 5, 13)]
    assert logic.days_of(start, datetime(2026, 5, 12, 12, 0)) == [date(2026, 5, 12)]
    assert logic.days_of(start, start) == [date(2026, 5, 12)]


def state(**overrides):
    fields = {"now": NOW, "end": NOW + timedelta(days=3), "enabled": True, "capacity": 10,
              "waiting_list": True, "opens": None, "closes": NOW + timedelta(days=2),
              "confirmed": 0}
    fields.update(overrides)
    return logic.registration_state(**fields)


def test_registration_states():
    assert state() == logic.RegistrationState(logic.OPEN, places_left=10)
    assert state(confirmed=9).places_left == 1
    assert state(capacity=None).places_left is None and state(capacity=None).can_register
    assert state(confirmed=10).kind == logic.WAITING_LIST
    assert state(confirmed=12, waiting_list=False).kind == logic.FULL
    assert not state(confirmed=10, waiting_list=False).can_register
    assert state(closes=NOW - timedelta(seconds=1)).kind == logic.CLOSED
    later = NOW + timedelta(days=1)
    assert state(opens=later) == logic.RegistrationState(logic.NOT_YET_OPEN, opens=later)
    assert state(enabled=False).kind == logic.NO_REGISTRATION
    assert state(end=NOW - timedelta(minutes=1), enabled=False).kind == logic.ENDED
