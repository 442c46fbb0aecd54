"""An online link kept for participants: hidden in public, given to those with a place."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext
from icalendar import Calendar

from sihub.conftest import login
from sihub.events import services
from sihub.events.models import ConsentKind, EventPage, EventType, RegistrationStatus
from sihub.events.tests.conftest import make_event
from sihub.events.tests.test_event_page import english, the_event
from sihub.events.tokens import registration_token

pytestmark = pytest.mark.django_db

LINK = "https://meet.example.org/hemlig-verkstad"
OPEN_LINK = "https://meet.example.org/oppet-webbinarium"
NOTE_EN = "The link is sent to registered participants."


@pytest.fixture
def private(calendars) -> EventPage:
    """A hybrid workshop whose online link is for registered participants only."""
    return make_event(calendars, "Hemlig verkstad", event_type=EventType.WORKSHOP, capacity=1,
                      venue_name="Folkets hus", city="Umeå", online_url=LINK,
                      online_url_participants_only=True)


@pytest.fixture
def public(calendars) -> EventPage:
    """A webinar whose link anyone may see (the default)."""
    return make_event(calendars, "Öppet webbinarium", event_type=EventType.WEBINAR,
                      online_url=OPEN_LINK)


def sign_up(event: EventPage, who: str, **fields):
    registration, _ = services.registration_create(
        event=event, name=who.title(), email=f"{who}@example.org",
        consents={ConsentKind.REGISTRATION: True}, **fields)
    return registration


def visible(html: str) -> str:
    """The page without its JSON-LD block (tested on its own)."""
    return re.sub(r'<script type="application/ld\+json">.*?</script>', "", html, flags=re.S)


def vevents(response) -> dict[str, dict]:
    assert response.status_code == 200
    return {str(e["summary"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}


def test_it_is_off_by_default(calendars):
    page = make_event(calendars, "Vanlig träff", online_url=OPEN_LINK)
    assert page.online_url_participants_only is False
    assert page.public_online_url == OPEN_LINK


def test_the_editor_sets_it_next_to_the_online_link(admin_user, private):
    html = login(admin_user).get(f"/admin/pages/{private.pk}/edit/").content.decode()
    with translation.override("sv"):  # the admin speaks the site's default language
        label = gettext("Show the online link to registered participants only")
    assert label in html
    link_at = html.index('name="online_url"')
    flag_at = html.index('name="online_url_participants_only"')
    assert link_at < flag_at < html.index('name="accessibility_info"')


# --- In public: the page, the feeds, the API --------------------------------------------------


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_public_page_says_the_link_is_sent_to_participants(client, private, language):
    page = private if language == "sv" else english(private)
    html = visible(client.get(page.url).content.decode())
    assert LINK not in html
    if language == "en":
        assert f"Also online: {NOTE_EN}" in html


def test_the_public_page_still_shows_an_open_link(client, public):
    html = client.get(english(public).url).content.decode()
    assert OPEN_LINK in html and NOTE_EN not in html


def test_json_ld_keeps_the_event_online_without_the_link(client, private):
    # Needs the calendar.py change handed to the lead (event_json_ld uses public_online_url).
    html = client.get(english(private).url).content.decode()
    data = the_event(html)
    assert LINK not in str(data)
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert {"@type": "VirtualLocation"} in data["location"]


def test_the_calendar_feed_leaves_the_link_out(client, private, public):
    items = vevents(client.get("/en/events/calendar.ics"))
    hidden = items["Hemlig verkstad (en)"]
    assert LINK not in str(hidden.to_ical(), "utf-8")
    assert str(hidden["location"]) == (
        "Folkets hus, Umeå / Online – the link is sent to registered participants")
    assert OPEN_LINK in str(items["Öppet webbinarium (en)"]["location"])


def test_the_public_event_file_leaves_the_link_out(client, private):
    response = client.get(f"/en/events/{english(private).pk}/event.ics")
    assert LINK not in response.content.decode()
    assert "private" not in response.get("Cache-Control", "")


def test_the_api_tells_only_that_the_event_is_online(client, private):
    listing = client.get("/api/v1/events").json()
    detail = client.get(f"/api/v1/events/{private.pk}?lang=en").json()
    [item] = [e for e in listing["results"] if e["id"] == private.pk]
    assert item["online"] is True and detail["online"] is True
    assert LINK not in str(listing) and LINK not in str(detail)


# --- To participants: the mails, their page, their calendar file ------------------------------


def test_the_confirmation_and_its_calendar_file_carry_the_link(
        private, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(private, "ada", language="en")
    [message] = mail.outbox
    assert LINK in message.body
    assert LINK in message.alternatives[0][0]
    [part] = [a for a in message.attachments if not isinstance(a, tuple)]
    [item] = Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")
    assert str(item["location"]) == f"Folkets hus, Umeå / {LINK}"


def test_the_waiting_list_mail_does_not_and_the_promotion_does(
        private, django_capture_on_commit_callbacks):
    ada = sign_up(private, "ada")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(private, "bo")  # one place: Bo waits
    [waiting] = mail.outbox
    assert LINK not in waiting.body and not waiting.attachments
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=ada)
    [promoted] = [m for m in mail.outbox if m.to == ["bo@example.org"]]
    assert LINK in promoted.body
    [part] = [a for a in promoted.attachments if not isinstance(a, tuple)]
    assert LINK in part.get_payload(decode=True).decode()


def test_someone_with_a_place_sees_the_link_on_their_registration_page(client, private):
    token = registration_token(sign_up(private, "ada"))
    html = client.get(f"/en/events/registration/{token}/").content.decode()
    assert f'href="{LINK}"' in html
    assert f"/event.ics?registration={quote(token, safe='/')}" in html


def test_someone_waiting_does_not(client, private):
    sign_up(private, "ada")
    waiting = sign_up(private, "bo")
    assert waiting.status == RegistrationStatus.WAITING
    html = client.get(f"/en/events/registration/{registration_token(waiting)}/").content.decode()
    assert LINK not in html


def test_their_own_calendar_file_carries_the_link_and_is_not_cached(client, private):
    token = registration_token(sign_up(private, "ada"))
    response = client.get(f"/en/events/{english(private).pk}/event.ics",
                          {"registration": token})
    [item] = vevents(response).values()
    assert str(item["location"]) == f"Folkets hus, Umeå / {LINK}"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_a_token_of_another_event_or_of_someone_waiting_gets_the_public_file(
        client, calendars, private):
    other = make_event(calendars, "Annan träff", english=False)
    elsewhere = registration_token(sign_up(other, "ada"))
    sign_up(private, "bo")
    waiting = registration_token(sign_up(private, "cia"))
    for token in (elsewhere, waiting):
        response = client.get(f"/sv/events/{private.pk}/event.ics", {"registration": token})
        assert response.status_code == 200 and LINK not in response.content.decode()


def test_a_forged_token_is_refused(client, private):
    response = client.get(f"/sv/events/{private.pk}/event.ics", {"registration": "nonsense"})
    assert response.status_code == 404
