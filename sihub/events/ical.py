"""iCalendar (RFC 5545) for events: one VEVENT per event, feeds of many.

Times are written in UTC (``DTSTART:…Z``), which every calendar program
reads without a VTIMEZONE block; each event carries a link back to its page
(``URL`` and in the description) and a stable ``UID`` (the translation key,
so the Swedish and English feeds describe the same event).

An online link that the organisers give to registered participants only
(``online_url_participants_only``) is left out unless the caller writes for
such a participant (``participant=True``: their mail's attachment, their own
download); the caller may put a note in its place (``online_note``).
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


def online_link(event: Any, *, participant: bool = False) -> str:
    """The online link this reader may see: all of them, or only participants."""
    if getattr(event, "online_url_participants_only", False) and not participant:
        return ""
    return event.online_url or ""


def _location(event: Any, *, participant: bool, online_note: str) -> str:
    parts = [event.venue_name, event.street_address,
             " ".join(p for p in (event.postal_code, event.city) if p)]
    place = ", ".join(p for p in parts if p)
    online = online_link(event, participant=participant) or (
        online_note if event.online_url else "")
    if online:
        return f"{place} / {online}" if place else online
    return place


def vevent(event: Any, *, url: str, uid_suffix: str = "", summary: str | None = None,
           description: str | None = None, start: datetime | None = None,
           end: datetime | None = None, stamp: datetime | None = None,
           participant: bool = False, online_note: str = "") -> VEvent:
    """The VEVENT of an event page (or, with the overrides, of a meeting at it).

    ``participant``: written for a registered participant, so a link kept for
    participants is included; else ``online_note`` stands in its place.
    """
    item = VEvent()
    item.add("uid", f"{event.translation_key}{uid_suffix}@sihub")
    item.add("dtstamp", _utc(stamp or datetime.now(dt_timezone.utc)))
    item.add("dtstart", _utc(start or event.start))
    item.add("dtend", _utc(end or event.end))
    item.add("summary", summary if summary is not None else event.title)
    text = description if description is not None else (event.intro or "")
    item.add("description", f"{text}\n\n{url}".strip())
    item.add("url", url)
    location = _location(event, participant=participant, online_note=online_note)
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
