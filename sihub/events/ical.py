"""iCalendar (RFC 5545) for events: one VEVENT per event, feeds of many.

Times are written in UTC (``DTSTART:…Z``), which every calendar program
reads without a VTIMEZONE block; each event carries a link back to its page
(``URL`` and in the description) and a stable ``UID`` (the translation key,
so the Swedish and English feeds describe the same event).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from datetime import timezone as dt_timezone
from typing import Any

from icalendar import Calendar, vText
from icalendar import Event as VEvent

PRODID = "-//sihub//events//EN"


def _utc(value: datetime) -> datetime:
    return value.astimezone(dt_timezone.utc)


def _location(event: Any) -> str:
    parts = [event.venue_name, event.street_address,
             " ".join(p for p in (event.postal_code, event.city) if p)]
    place = ", ".join(p for p in parts if p)
    if event.online_url:
        return f"{place} / {event.online_url}" if place else event.online_url
    return place


def vevent(event: Any, *, url: str, uid_suffix: str = "", summary: str | None = None,
           description: str | None = None, start: datetime | None = None,
           end: datetime | None = None, stamp: datetime | None = None) -> VEvent:
    """The VEVENT of an event page (or, with the overrides, of a meeting at it)."""
    item = VEvent()
    item.add("uid", f"{event.translation_key}{uid_suffix}@sihub")
    item.add("dtstamp", _utc(stamp or datetime.now(dt_timezone.utc)))
    item.add("dtstart", _utc(start or event.start))
    item.add("dtend", _utc(end or event.end))
    item.add("summary", summary if summary is not None else event.title)
    text = description if description is not None else (event.intro or "")
    item.add("description", f"{text}\n\n{url}".strip())
    item.add("url", url)
    location = _location(event)
    if location:
        item["location"] = vText(location)
    if getattr(event, "last_published_at", None):
        item.add("last-modified", _utc(event.last_published_at))
    return item


def calendar(components: Iterable[VEvent], *, name: str, method: str | None = None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    cal.add("x-wr-calname", name)
    for component in components:
        cal.add_component(component)
    return cal


def to_bytes(cal: Calendar) -> bytes:
    return cal.to_ical()
