"""The calendar's pure rules: which month a URL asks for, the weeks of a month,
and where an event's registration stands. No Django here, so the rules are
tested fast and directly and read the same from pages, feeds and the API.
"""

from __future__ import annotations

import calendar as std_calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})\Z")
# A month outside these years is a hand-edited URL; the page shows this month
# instead (and the previous/next links can never step out of ``date``'s range).
FIRST_YEAR, LAST_YEAR = 1900, 9998


def parse_month(value: str | None, today: date) -> date:
    """The first day of the month ``YYYY-MM`` names, else of ``today``'s month."""
    match = MONTH_RE.match(value or "")
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12:
            return date(year, month, 1)
    return today.replace(day=1)


def shift_month(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_weeks(first: date) -> list[list[date]]:
    """The weeks that show ``first``'s month, Monday first, whole weeks (days of
    the months either side included)."""
    return std_calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)


def days_of(start: datetime, end: datetime) -> list[date]:
    """The local dates an event takes place on (``start``/``end`` already local).

    An event that ends at midnight does not take place on the day that begins.
    """
    first = start.date()
    last = (end - timedelta(microseconds=1)).date() if end > start else first
    last = max(first, last)
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


# --- Registration -------------------------------------------------------------

ENDED = "ended"
NO_REGISTRATION = "none"  # not registered for on sihub
NOT_YET_OPEN = "not_yet_open"
CLOSED = "closed"
FULL = "full"
WAITING_LIST = "waiting_list"
OPEN = "open"


@dataclass(frozen=True)
class RegistrationState:
    kind: str
    places_left: int | None = None  # with OPEN; None means no limit
    opens: datetime | None = None  # with NOT_YET_OPEN

    @property
    def can_register(self) -> bool:
        """Whether the Register button leads somewhere (a place or the waiting list)."""
        return self.kind in (OPEN, WAITING_LIST)


def registration_state(*, now: datetime, end: datetime, enabled: bool, capacity: int | None,
                       waiting_list: bool, opens: datetime | None, closes: datetime,
                       confirmed: int) -> RegistrationState:
    """Where sign-up stands for an event; ``closes`` is the end of the window
    (``EventPage.registration_window_closes``), ``confirmed`` the places taken."""
    if end < now:
        return RegistrationState(ENDED)
    if not enabled:
        return RegistrationState(NO_REGISTRATION)
    if opens is not None and now < opens:
        return RegistrationState(NOT_YET_OPEN, opens=opens)
    if closes < now:
        return RegistrationState(CLOSED)
    if capacity is None:
        return RegistrationState(OPEN)
    left = max(0, capacity - confirmed)
    if left:
        return RegistrationState(OPEN, places_left=left)
    return RegistrationState(WAITING_LIST if waiting_list else FULL)
