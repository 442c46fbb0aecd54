"""The event page: what, when, where, the programme, sign-up state, links, JSON-LD."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from sihub.actors.tests.factories import make_actor
from sihub.conftest import login
from sihub.core.models import Municipality
from sihub.events.models import (
    EventLanguage,
    EventPage,
    EventSeries,
    EventSession,
    EventType,
    Registration,
    RegistrationStatus,
)
from sihub.events.tests.conftest import make_event
from sihub.sdg.models import Goal

pytestmark = pytest.mark.django_db


def english(page: EventPage) -> EventPage:
    return EventPage.objects.get(translation_key=page.translation_key, locale__language_code="en")


def json_ld(html: str) -> list[dict]:
    return [json.loads(block) for block in
            re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def the_event(html: str) -> dict:
    (data,) = [d for d in json_ld(html) if d["@type"] == "Event"]
    return data


def fill(page: EventPage, n: int, status: str = RegistrationStatus.CONFIRMED) -> None:
    for i in range(n):
        Registration.objects.create(event=page, name=f"P{i}", email=f"p{i}{status}@example.org",
                                    status=status)


@pytest.fixture
def conference(calendars) -> EventPage:
    """A hybrid conference with everything filled in, and its programme."""
    series = EventSeries.objects.create(name_sv="Årskonferensen", name_en="The annual conference",
                                        slug="arskonferensen")
    organiser = make_actor("Coompanion Göteborg")
    hidden = make_actor("Dold förening", is_published=False)
    start = (timezone.now() + timedelta(days=30)).replace(hour=8, minute=0, second=0, microsecond=0)
    page = make_event(
        calendars, "Inkluderande arbetsliv", start=start, end=start + timedelta(hours=8),
        event_type=EventType.CONFERENCE, series=series, capacity=100,
        venue_name="Folkets hus", street_address="Järntorget 3", postal_code="413 04",
        city="Göteborg", municipality=Municipality.objects.get(code="1480"),
        online_url="https://meet.example.org/konf", language=EventLanguage.BOTH,
        accessibility_info="Hörslinga och rullstolsramp.",
        organisers=[organiser, hidden], sdgs=list(Goal.objects.filter(number__in=[8, 10])),
        body="<p>En dag om arbete för alla.</p>")
    for p in (page, english(page)):
        EventSession.objects.create(page=p, start=start + timedelta(hours=3), title="Panel",
                                    speakers="Ada, Bo", room="Sal B", sort_order=0)
        EventSession.objects.create(page=p, start=start, end=start + timedelta(hours=1),
                                    title="Välkommen", room="Stora salen", sort_order=1)
    return page


def test_it_shows_the_event(client, conference):
    page = english(conference)
    html = client.get(page.url).content.decode()
    for text in ("<h1>Inkluderande arbetsliv (en)</h1>", "Conference",
                 "Part of The annual conference",
                 "Folkets hus<br>Järntorget 3<br>413 04 Göteborg", "Also online:",
                 'href="https://meet.example.org/konf"', "Swedish and English",
                 "Hörslinga och rullstolsramp.", "Goal 8:", "Goal 10:",
                 "En dag om arbete för alla.",
                 "Speakers: Ada, Bo", "Room: Sal B", "Practical information", "100 places left",
                 'href="/en/actors/coompanion-goteborg/">Coompanion Göteborg</a>',
                 "<li>Dold förening</li>", "Add to calendar (.ics)"):
        assert text in html, text
    assert html.index("Välkommen") < html.index("Panel")  # by start, not by entry order
    start = timezone.localtime(page.start)
    assert start.strftime("%H:%M") in html and start.strftime("%B %Y") in html


def test_it_links_sign_up_and_calendar_for_the_language_shown(client, conference):
    page = english(conference)
    html = client.get(page.url).content.decode()
    # Registrations hang on the Swedish (canonical) page.
    assert f'href="/en/events/{conference.pk}/register/">Register</a>' in html
    assert f'href="/en/events/{page.pk}/event.ics"' in html
    assert '<a href="/en/calendar/">Calendar</a>' in html  # the breadcrumb


@pytest.mark.parametrize(("fields", "confirmed", "label", "button"), [
    ({"capacity": 3}, 1, "2 places left", "Register"),
    ({"capacity": 3}, 3, "Full — waiting list", "Join the waiting list"),
    ({"capacity": 3, "waiting_list": False}, 3, "Full", None),
    ({}, 5, "Registration open", "Register"),
    ({"registration_closes": "past"}, 0, "Registration closed", None),
    ({"registration_opens": "future"}, 0, "Registration opens", None),
    ({"registration_enabled": False}, 0, None, None),
])
def test_it_says_where_sign_up_stands(client, calendars, fields, confirmed, label, button):
    now = timezone.now()
    fields = {k: (now - timedelta(hours=1) if v == "past" else now + timedelta(days=1)
                  if v == "future" else v) for k, v in fields.items()}
    page = make_event(calendars, "Träff", days=5, **fields)
    fill(page, confirmed)
    fill(page, 2, RegistrationStatus.CANCELLED)
    html = client.get(english(page).url).content.decode()
    if label:
        assert f"{label}" in html
    else:
        assert "event-status" not in html
    if button:
        assert f'/register/">{button}</a>' in html
    else:
        assert '/register/">' not in html


def test_places_are_counted_on_the_swedish_page(client, calendars):
    page = make_event(calendars, "Träff", days=5, capacity=4)
    fill(page, 3)
    assert "1 place left" in client.get(english(page).url).content.decode()


def test_a_past_event_says_it_has_ended(client, calendars):
    page = make_event(calendars, "Gammal träff", days=-3, capacity=10)
    html = client.get(english(page).url).content.decode()
    assert "This event has ended" in html
    assert "/register/" not in html  # neither a button nor an offer
    assert "Add to calendar (.ics)" in html


def test_only_organisers_see_the_link_to_the_participants(client, event, facilitator, member,
                                                          outsider):
    link = f'href="/sv/events/{event.pk}/participants/"'
    assert link in login(facilitator).get(event.url).content.decode()
    for person in (member, outsider):
        assert link not in login(person).get(event.url).content.decode()
    assert link not in client.get(event.url).content.decode()


def test_a_draft_event_is_not_found(client, event, facilitator):
    event.unpublish()
    assert client.get(event.url).status_code == 404
    assert login(facilitator).get("/sv/kalender/verkstad-om-inkludering/").status_code == 404


def test_it_describes_itself_in_json_ld(client, conference):
    page = english(conference)
    data = the_event(client.get(page.url).content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["name"] == "Inkluderande arbetsliv (en)"
    assert data["startDate"] == timezone.localtime(page.start).isoformat()
    assert data["startDate"].endswith(("+01:00", "+02:00"))
    assert data["endDate"] == timezone.localtime(page.end).isoformat()
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    place, virtual = data["location"]
    assert place["@type"] == "Place" and place["name"] == "Folkets hus"
    assert place["address"] == {"@type": "PostalAddress", "streetAddress": "Järntorget 3",
                                "postalCode": "413 04", "addressLocality": "Göteborg",
                                "addressRegion": "Västra Götaland County", "addressCountry": "SE"}
    assert virtual == {"@type": "VirtualLocation", "url": "https://meet.example.org/konf"}
    assert [o["name"] for o in data["organizer"]] == ["Coompanion Göteborg", "Dold förening"]
    assert data["organizer"][0]["url"] == "http://localhost/en/actors/coompanion-goteborg/"
    assert "url" not in data["organizer"][1]  # not in the directory: no link to a 404
    assert data["url"] == "http://localhost/en/calendar/inkluderande-arbetsliv-en/"
    assert data["inLanguage"] == ["sv", "en"]
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    assert data["offers"]["url"] == f"http://localhost/en/events/{conference.pk}/register/"


def test_json_ld_of_an_online_event_that_is_full(client, calendars):
    page = make_event(calendars, "Webbinarium", days=4, capacity=1, waiting_list=False,
                      online_url="https://meet.example.org/w", event_type=EventType.WEBINAR)
    fill(page, 1)
    data = the_event(client.get(page.url).content.decode())
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://meet.example.org/w"}
    assert data["offers"]["availability"] == "https://schema.org/SoldOut"
    assert data["inLanguage"] == "sv"


def test_json_ld_cannot_end_the_script_element(client, calendars):
    page = make_event(calendars, "Möte </script><script>alert(1)</script>", days=4,
                      slug="mote-script", english=False)
    html = client.get(page.url).content.decode()
    assert "</script><script>alert(1)" not in html
    assert the_event(html)["name"] == "Möte </script><script>alert(1)</script>"
