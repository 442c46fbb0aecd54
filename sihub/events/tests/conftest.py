"""Event builders shared by the events tests: a calendar in both languages and events in it.

Events are built straight in the database (tests of services build through
the services). ``make_event`` gives the Swedish (canonical) page and, with
``english=True``, its English translation.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from sihub.events.models import EventIndexPage, EventPage, EventType


@pytest.fixture
def calendars(demo_site) -> dict[str, EventIndexPage]:
    """The calendar page in Swedish (/sv/kalender/) and English (/en/calendar/)."""
    from sihub.core.demo import _publish, _translate

    sv = EventIndexPage(title="Kalender", slug="kalender", intro="Möten och konferenser.")
    demo_site["sv"].add_child(instance=sv)
    _publish(sv)
    en = _translate(sv, demo_site["en"].locale, "Calendar", "calendar",
                    intro="Meetings and conferences.")
    return {"sv": EventIndexPage.objects.get(pk=sv.pk), "en": EventIndexPage.objects.get(pk=en.pk)}


def make_event(calendars: dict[str, EventIndexPage], title: str = "Nätverksträff", *,
               english: bool = True, days: float = 14, hours: float = 3,
               **fields: Any) -> EventPage:
    """A live event ``days`` from now (negative: in the past); returns the Swedish page."""
    from django.utils.text import slugify

    from sihub.core.demo import _publish, _translate

    start = fields.pop("start", None) or (
        timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=days))
    end = fields.pop("end", None) or start + timedelta(hours=hours)
    fields.setdefault("event_type", EventType.NETWORK_MEETING)
    fields.setdefault("intro", f"Om {title}.")
    m2m = {name: fields.pop(name) for name in ("sdgs", "counties", "organisers") if name in fields}
    page = EventPage(title=title, slug=fields.pop("slug", slugify(title)), start=start, end=end,
                     **fields)
    calendars["sv"].add_child(instance=page)
    for name, values in m2m.items():
        getattr(page, name).set(values)
    _publish(page)
    if english:
        _translate(page, calendars["en"].locale, f"{title} (en)", f"{slugify(title)}-en")
    return EventPage.objects.get(pk=page.pk)


@pytest.fixture
def event(calendars) -> EventPage:
    """An upcoming workshop with 10 places and a waiting list."""
    return make_event(calendars, "Verkstad om inkludering", event_type=EventType.WORKSHOP,
                      capacity=10)
