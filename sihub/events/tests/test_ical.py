"""iCalendar: the calendar feed (with the page's filters) and one event's .ics."""

from __future__ import annotations

from datetime import timedelta

import pytest
from icalendar import Calendar

from sihub.events.models import EventPage, EventType
from sihub.events.tests.conftest import make_event

pytestmark = pytest.mark.django_db


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events_of(cal: Calendar) -> dict[str, dict]:
    return {str(e["summary"]): e for e in cal.walk("VEVENT")}


def test_the_feed_holds_the_calendar_of_its_language(client, calendars, event):
    make_event(calendars, "För två veckor sedan", days=-14)
    make_event(calendars, "För länge sedan", days=-45)
    draft = make_event(calendars, "Utkast", days=3, english=False)
    draft.unpublish()

    sv = parse(client.get("/sv/events/calendar.ics"))
    assert str(sv["x-wr-calname"]) == "Kalender – sihub"
    assert set(events_of(sv)) == {"Verkstad om inkludering", "För två veckor sedan"}
    en = parse(client.get("/en/events/calendar.ics"))
    assert str(en["x-wr-calname"]) == "Calendar – sihub"
    assert set(events_of(en)) == {"Verkstad om inkludering (en)", "För två veckor sedan (en)"}


def test_the_same_event_has_the_same_uid_in_both_languages(client, event):
    sv = events_of(parse(client.get("/sv/events/calendar.ics")))["Verkstad om inkludering"]
    en = events_of(parse(client.get("/en/events/calendar.ics")))["Verkstad om inkludering (en)"]
    assert str(sv["uid"]) == str(en["uid"]) == f"{event.translation_key}@sihub"
    assert sv["dtstart"].dt == en["dtstart"].dt == event.start
    assert sv["dtstart"].dt.utcoffset() == timedelta(0)  # written in UTC
    assert sv["dtend"].dt == event.end
    assert str(sv["url"]) == "http://localhost/sv/kalender/verkstad-om-inkludering/"
    assert str(en["url"]) == "http://localhost/en/calendar/verkstad-om-inkludering-en/"


def test_the_feed_takes_the_calendar_filters(client, calendars, event):
    make_event(calendars, "Seminarium", days=3, event_type=EventType.SEMINAR)
    cal = parse(client.get("/en/events/calendar.ics?type=seminar"))
    assert set(events_of(cal)) == {"Seminarium (en)"}
    assert str(cal["x-wr-calname"]) == "Calendar: Seminar – sihub"
    assert set(events_of(parse(client.get("/sv/events/calendar.ics?type=nonsense&sdg=0")))) == {
        "Verkstad om inkludering", "Seminarium"}
    assert events_of(parse(client.get("/sv/events/calendar.ics?q=inkludering"))).keys() == {
        "Verkstad om inkludering"}


def test_one_event_downloads_in_the_language_asked(client, event):
    response = client.get(f"/sv/events/{event.pk}/event.ics")
    assert response["Content-Disposition"] == 'attachment; filename="verkstad-om-inkludering.ics"'
    (item,) = parse(response).walk("VEVENT")
    assert str(item["summary"]) == "Verkstad om inkludering"
    assert str(item["url"]) == "http://localhost/sv/kalender/verkstad-om-inkludering/"
    assert "http://localhost/sv/kalender/verkstad-om-inkludering/" in str(item["description"])

    en_page = EventPage.objects.get(translation_key=event.translation_key,
                                    locale__language_code="en")
    (en_item,) = parse(client.get(f"/en/events/{en_page.pk}/event.ics")).walk("VEVENT")
    assert str(en_item["summary"]) == "Verkstad om inkludering (en)"
    assert str(en_item["uid"]) == str(item["uid"])
    assert str(en_item["url"]) == "http://localhost/en/calendar/verkstad-om-inkludering-en/"


def test_a_slug_with_swedish_letters_gives_a_valid_header(client, calendars):
    page = make_event(calendars, "Möte", slug="möte-i-malmö", english=False)
    response = client.get(f"/sv/events/{page.pk}/event.ics")
    assert response.status_code == 200
    assert "filename*=utf-8''m%C3%B6te-i-malm%C3%B6.ics" in response["Content-Disposition"]


def test_an_event_that_is_not_live_has_no_ics(client, calendars, event):
    event.unpublish()
    assert client.get(f"/sv/events/{event.pk}/event.ics").status_code == 404
    assert client.get("/sv/events/999999/event.ics").status_code == 404
    assert client.get(f"/sv/events/{calendars['sv'].pk}/event.ics").status_code == 404
    assert events_of(parse(client.get("/sv/events/calendar.ics"))) == {}


def test_the_feeds_answer_get_only(client, event):
    assert client.post("/sv/events/calendar.ics").status_code == 405
    assert client.post(f"/sv/events/{event.pk}/event.ics").status_code == 405


def test_a_long_event_from_last_month_that_is_still_on_is_in_the_feed(client, calendars):
    make_event(calendars, "Utställning", days=-40, hours=24 * 50, english=False)
    names = set(events_of(parse(client.get("/sv/events/calendar.ics"))))
    assert names == {"Utställning"}  # the 30-day window is on the end, not the start
