"""The calendar's month view: the grid, its boundaries, navigation, bad input."""

from __future__ import annotations

from datetime import datetime
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from sihub.events.models import EventType
from sihub.events.tests.conftest import make_event

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year + 3


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=timezone.get_current_timezone())


class _Cells(HTMLParser):
    """The day cells of the grid: (class, aria-current, visible text)."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[dict[str, str]] = []
        self._cell: dict[str, str] | None = None
        self._hidden = 0

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        attrs = dict(attrs)
        if tag == "td":
            self._cell = {"class": attrs.get("class", ""),
                          "current": attrs.get("aria-current") or "", "text": ""}
        elif (self._cell is not None and tag == "span"
              and "cal-day__weekday" in (attrs.get("class") or "")):
            self._hidden += 1

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag == "td" and self._cell is not None:
            self._cell["text"] = " ".join(self._cell["text"].split())
            self.cells.append(self._cell)
            self._cell = None
        elif tag == "span" and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._cell is not None and not self._hidden:
            self._cell["text"] += data


def cells(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    parser = _Cells()
    parser.feed(response.content.decode())
    return parser.cells


def test_it_puts_events_on_the_first_and_the_last_day_of_the_month(client, calendars):
    make_event(calendars, "Första", start=local(YEAR, 3, 1, 0, 30), english=False)
    make_event(calendars, "Sista", start=local(YEAR, 3, 31, 21, 0), english=False)
    make_event(calendars, "Kvällen före", start=local(YEAR, 2, 28, 23, 0), hours=0.5, english=False)
    make_event(calendars, "Dagen efter", start=local(YEAR, 4, 1, 0, 0), english=False)
    response = client.get(f"/sv/kalender/?view=month&month={YEAR}-03")
    grid = cells(response)
    assert len(grid) % 7 == 0
    inside = [c for c in grid if "cal-day--outside" not in c["class"]]
    assert len(inside) == 31
    assert inside[0]["text"] == "1 00:30 Första"
    assert inside[-1]["text"] == "31 21:00 Sista"
    assert all("Första" not in c["text"] and "Sista" not in c["text"] for c in inside[1:-1])
    # Days of February and April fill the weeks, marked, without their events.
    outside = [c for c in grid if "cal-day--outside" in c["class"]]
    assert outside and all("(annan månad)" in c["text"] for c in outside)
    html = response.content.decode()
    assert "Kvällen före" not in html and "Dagen efter" not in html


def test_the_weeks_start_on_monday(client, calendars):
    first_sunday = next(d for d in range(1, 8) if datetime(YEAR, 3, d).weekday() == 6)
    make_event(calendars, "Söndag", start=local(YEAR, 3, first_sunday, 10, 0))
    grid = cells(client.get(f"/sv/kalender/?view=month&month={YEAR}-03"))
    leading = datetime(YEAR, 3, 1).weekday()  # days of February before the 1st
    assert grid[leading]["text"].startswith("1")
    sunday = next(i for i, c in enumerate(grid) if "Söndag" in c["text"])
    assert sunday % 7 == 6
    html = client.get(f"/en/calendar/?view=month&month={YEAR}-03").content.decode()
    assert html.index('title="Monday"') < html.index('title="Sunday"')
    assert "<caption>March" in html and f"1 event in March {YEAR}" in html


def test_an_event_over_several_days_is_on_each_day(client, calendars):
    make_event(calendars, "Konferens", start=local(YEAR, 5, 12, 9, 0), end=local(YEAR, 5, 14, 0, 0))
    inside = [c for c in cells(client.get(f"/en/calendar/?view=month&month={YEAR}-05"))
              if "cal-day--outside" not in c["class"]]
    assert inside[11]["text"] == "12 09:00 Konferens (en)"
    assert "cont." in inside[12]["text"] and "Konferens" in inside[12]["text"]
    assert "Konferens" not in inside[13]["text"]  # it ends at midnight


def test_it_marks_today_with_words(client, calendars):
    grid = cells(client.get("/en/calendar/?view=month"))
    today = [c for c in grid if c["current"] == "date"]
    assert len(today) == 1
    assert "Today" in today[0]["text"]
    assert today[0]["text"].startswith(str(timezone.localdate().day))


@pytest.mark.parametrize("month", ["2031-13", "banana", "99999-01", "0000-01", "2031-1", ""])
def test_a_month_it_cannot_read_shows_this_month(client, calendars, month):
    response = client.get(f"/en/calendar/?view=month&month={month}")
    html = response.content.decode()
    this_month = timezone.localdate().strftime("%B %Y")
    assert f"<caption>{this_month}</caption>" in html
    assert "This month</a>" not in html


def test_it_links_the_months_either_side_keeping_the_filters(client, calendars):
    html = client.get(f"/en/calendar/?view=month&month={YEAR}-01&type=workshop").content.decode()
    assert f'rel="prev" href="?view=month&amp;month={YEAR - 1}-12&amp;type=workshop"' in html
    assert f'rel="next" href="?view=month&amp;month={YEAR}-02&amp;type=workshop"' in html
    assert "This month</a>" in html
    assert f'<input type="hidden" name="month" value="{YEAR}-01">' in html
    assert '<a href="?view=month&amp;type=workshop" aria-current="page">Month</a>' in html


def test_the_month_takes_the_filters(client, calendars):
    make_event(calendars, "Verkstad", start=local(YEAR, 6, 3, 10, 0), english=False,
               event_type=EventType.WORKSHOP)
    make_event(calendars, "Seminarium", start=local(YEAR, 6, 4, 10, 0), english=False,
               event_type=EventType.SEMINAR)
    text = " ".join(c["text"] for c in cells(
        client.get(f"/sv/kalender/?view=month&month={YEAR}-06&type=seminar")))
    assert "Seminarium" in text and "Verkstad" not in text


def test_the_month_shows_past_events_too_but_not_drafts(client, calendars):
    make_event(calendars, "Förra veckan", days=-7, english=False)
    draft = make_event(calendars, "Utkast", days=-7, english=False)
    draft.unpublish()
    month = timezone.localtime(draft.start).strftime("%Y-%m")
    text = " ".join(c["text"] for c in cells(client.get(f"/sv/kalender/?view=month&month={month}")))
    assert "Förra veckan" in text and "Utkast" not in text
