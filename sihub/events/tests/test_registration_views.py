"""The sign-up form, the registration page by its signed link, cancelling, "my registrations"."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone

from sihub.actors.tests.factories import make_actor
from sihub.conftest import login
from sihub.core.models import Sector
from sihub.events import services
from sihub.events.models import (
    ConsentKind,
    EventPage,
    Registration,
    RegistrationConsent,
    RegistrationStatus,
)
from sihub.events.tests.conftest import make_event
from sihub.events.tokens import registration_from_token, registration_token

pytestmark = pytest.mark.django_db


def form(email: str = "ada@example.org", **fields) -> dict[str, str]:
    return {"name": "Ada Lind", "email": email, "organisation": "Föreningen Lind",
            "dietary_needs": "Vegan", "consent_registration": "on", **fields}


def register_url(event: EventPage, language: str = "en") -> str:
    return f"/{language}/events/{event.pk}/register/"


def page_url(registration: Registration, language: str = "en") -> str:
    return f"/{language}/events/registration/{registration_token(registration)}/"


def links_to(url: str, registration: Registration, language: str = "en") -> bool:
    """Whether url is the signed page of this registration (tokens carry a timestamp)."""
    prefix = f"/{language}/events/registration/"
    if not url.startswith(prefix):
        return False
    return registration_from_token(url[len(prefix):].rstrip("/")).pk == registration.pk


def cancel_url(registration: Registration, language: str = "en") -> str:
    return page_url(registration, language) + "cancel/"


def signed_up(event: EventPage, who: str = "bo", **fields) -> Registration:
    registration, _ = services.registration_create(
        event=event, name=who.title(), email=f"{who}@example.org",
        consents={ConsentKind.REGISTRATION: True}, **fields)
    return registration


# --- The form --------------------------------------------------------------------------------


def test_it_shows_the_form_in_english_with_the_consents_in_full(event, client):
    html = client.get(register_url(event)).content.decode()
    assert "Sign up for Verkstad om inkludering (en)" in html
    assert "10 places left." in html
    assert "I agree that photos and film in which I can be seen" in html
    assert "(required)" in html and 'name="consent_share_contact"' in html
    assert 'hidden aria-hidden="true"' in html  # the honeypot's wrapper


def test_it_takes_the_english_page_id_and_counts_on_the_canonical_event(event, client,
                                                                        calendars):
    english = event.get_translation(calendars["en"].locale)
    response = client.post(register_url(english), form())
    assert response.status_code == 302
    [registration] = Registration.objects.all()
    assert registration.event_id == event.pk and registration.language == "en"


def test_it_404s_for_an_event_that_is_not_live(event, client):
    event.unpublish()
    assert client.get(register_url(event)).status_code == 404
    assert client.post(register_url(event), form()).status_code == 404
    assert not Registration.objects.exists()


def test_a_sign_up_lands_on_the_registration_page(event, client,
                                                  django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url(event), form(sector=str(Sector.objects.first().pk)))
    [registration] = Registration.objects.all()
    assert response.status_code == 302 and links_to(response["Location"], registration)
    html = client.get(response["Location"]).content.decode()
    assert "You are registered. We have sent a confirmation to ada@example.org." in html
    assert "You are registered" in html and "Cancel my registration" in html
    assert "/event.ics" in html
    assert registration.dietary_needs == "Vegan" and registration.user is None
    assert registration.sector == Sector.objects.first()
    assert [m.to for m in mail.outbox] == [["ada@example.org"]]
    consents = dict(RegistrationConsent.objects.values_list("kind", "granted"))
    assert consents == {"registration": True, "photos": False, "share_contact": False}


def test_a_full_event_puts_people_on_the_waiting_list_and_says_where(calendars, client):
    event = make_event(calendars, "Liten", capacity=1)
    signed_up(event, "bo")
    html = client.get(register_url(event)).content.decode()
    assert "The event is full" in html and "Join the waiting list" in html
    response = client.post(register_url(event), form(), follow=True)
    assert "You are number 1 on the waiting list" in response.content.decode()
    assert Registration.objects.get(email="ada@example.org").status == RegistrationStatus.WAITING


def test_it_explains_what_is_missing(event, client):
    response = client.post(register_url(event), form(consent_registration="", email="nope"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "There are 2 problems with the form" in html
    assert "Tick the box to agree: without it we cannot register you." in html
    assert not Registration.objects.exists()


@pytest.mark.parametrize(("fields", "message"), [
    ({"registration_enabled": False}, "Registration for this event is closed."),
    ({"capacity": 1, "waiting_list": False}, "The event is full, and there is no waiting list."),
])
def test_a_closed_or_full_event_gets_a_clear_message_not_an_error(calendars, client, fields,
                                                                  message):
    event = make_event(calendars, "Stängt", **fields)
    if fields.get("capacity"):
        signed_up(event, "bo")
    get = client.get(register_url(event))
    assert get.status_code == 200 and message in get.content.decode()
    assert 'name="email"' not in get.content.decode()
    post = client.post(register_url(event), form())
    assert post.status_code == 409 and message in post.content.decode()
    assert not Registration.objects.filter(email="ada@example.org").exists()


def test_a_registration_that_opens_later_says_when(calendars, client):
    opens = timezone.now() + timedelta(days=2)
    event = make_event(calendars, "Snart", registration_opens=opens)
    html = client.get(register_url(event)).content.decode()
    assert "Registration for this event has not opened yet." in html
    assert "Registration opens on" in html


def test_the_same_address_again_gets_a_friendly_answer_and_no_cancel_link(event, client):
    first = signed_up(event, "ada")
    response = client.post(register_url(event), form(email="ADA@example.org"))
    html = response.content.decode()
    assert response.status_code == 200 and "You were already registered" in html
    assert registration_token(first) not in html  # typing an address must not hand over its link
    assert Registration.objects.count() == 1


def test_the_account_holder_is_taken_to_the_registration_they_already_have(event, member):
    first = signed_up(event, "ada", user=None)
    Registration.objects.filter(pk=first.pk).update(email=member.email)
    first.refresh_from_db()
    client = login(member)
    response = client.post(register_url(event), form(email=member.email), follow=True)
    assert links_to(response.redirect_chain[-1][0], first)
    assert "You were already registered for this event." in response.content.decode()


def test_a_logged_in_person_is_prefilled_and_linked(event, member):
    member.first_name, member.last_name = "Maja", "Medlem"
    member.save()
    client = login(member)
    html = client.get(register_url(event)).content.decode()
    assert 'value="Maja Medlem"' in html and f'value="{member.email}"' in html
    client.post(register_url(event), form(email=member.email.upper()))
    client.post(register_url(event), form(email="colleague@example.org"))
    mine = Registration.objects.get(email=member.email)
    colleague = Registration.objects.get(email="colleague@example.org")
    assert mine.user == member and colleague.user is None


def test_it_links_the_organisation_to_a_published_actor_of_that_name(event, client):
    actor = make_actor("Föreningen Lind")
    make_actor("Dold förening", is_published=False)
    html = client.get(register_url(event)).content.decode()
    assert '<option value="Föreningen Lind">' in html and "Dold förening" not in html
    client.post(register_url(event), form(organisation="föreningen lind"))
    client.post(register_url(event), form(email="bo@example.org", organisation="Dold förening"))
    assert Registration.objects.get(email="ada@example.org").actor == actor
    assert Registration.objects.get(email="bo@example.org").actor is None


def test_a_bot_that_fills_the_honeypot_registers_no_one(event, client):
    response = client.post(register_url(event), form(website="http://spam.example"))
    assert response.status_code == 302 and response["Location"] == register_url(event)
    assert not Registration.objects.exists()


@override_settings(SIHUB_EVENTS_REGISTRATIONS_PER_IP_HOUR=2)
def test_one_address_may_post_only_so_often(event, client):
    assert client.post(register_url(event), form(email="a@example.org")).status_code == 302
    assert client.post(register_url(event), form(email="b@example.org")).status_code == 302
    response = client.post(register_url(event), form(email="c@example.org"))
    assert response.status_code == 429 and "Too many attempts" in response.content.decode()
    assert Registration.objects.count() == 2


# --- The registration page and cancelling ----------------------------------------------------


def test_the_registration_page_needs_a_valid_link(event, client):
    registration = signed_up(event, "bo")
    token = registration_token(registration)
    assert client.get(f"/en/events/registration/{token}/").status_code == 200
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    assert client.get(f"/en/events/registration/{tampered}/").status_code == 404
    assert client.get("/en/events/registration/nonsense/").status_code == 404


def test_the_page_shows_the_place_in_line(calendars, client):
    event = make_event(calendars, "Kö", capacity=1)
    signed_up(event, "ada")
    signed_up(event, "bo")
    cia = signed_up(event, "cia")
    html = client.get(page_url(cia)).content.decode()
    assert "You are number 2 on the waiting list" in html


def test_opening_the_cancel_link_does_not_cancel(event, client):
    registration = signed_up(event, "bo")
    response = client.get(cancel_url(registration))
    assert response.status_code == 200
    assert "Yes, cancel my registration" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_posting_the_cancel_form_cancels_and_promotes_the_next(
        calendars, client, django_capture_on_commit_callbacks):
    event = make_event(calendars, "Populär", capacity=1)
    ada, bo = signed_up(event, "ada"), signed_up(event, "bo")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(cancel_url(ada), follow=True)
    html = response.content.decode()
    assert "Your registration is cancelled." in html and "This registration is cancelled" in html
    assert "Sign up again" in html
    ada.refresh_from_db()
    bo.refresh_from_db()
    assert (ada.status, bo.status) == ("cancelled", "confirmed")
    assert sorted(m.to[0] for m in mail.outbox) == ["ada@example.org", "bo@example.org"]
    again = client.post(cancel_url(ada), follow=True)
    assert "This registration is already cancelled." in again.content.decode()


def test_a_tampered_cancel_link_cancels_nothing(event, client):
    registration = signed_up(event, "bo")
    bad = f"/en/events/registration/{registration_token(registration)}x/cancel/"
    assert client.get(bad).status_code == 404
    assert client.post(bad).status_code == 404
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_a_past_event_cannot_be_cancelled_from_the_page(event, client):
    registration = signed_up(event, "bo")
    EventPage.objects.filter(pk=event.pk).update(start=timezone.now() - timedelta(days=3),
                                                 end=timezone.now() - timedelta(days=2))
    html = client.get(page_url(registration)).content.decode()
    assert "Cancel my registration" not in html
    response = client.post(cancel_url(registration))
    assert response.status_code == 409
    assert "can no longer be cancelled" in response.content.decode()


def test_the_cancel_form_needs_a_csrf_token(event):
    registration = signed_up(event, "bo")
    response = Client(enforce_csrf_checks=True).post(cancel_url(registration))
    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


# --- My registrations ------------------------------------------------------------------------


def test_my_registrations_need_an_account(client):
    response = client.get("/en/events/mine/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_my_registrations_list_upcoming_and_past_with_their_links(calendars, member, outsider):
    soon = make_event(calendars, "Snart", capacity=1)
    later = make_event(calendars, "Senare", days=30)
    past = make_event(calendars, "Förr", days=-30)
    signed_up(soon, "someone")
    waiting = signed_up(soon, "maja", user=member)
    by_address = signed_up(later, "x")
    Registration.objects.filter(pk=by_address.pk).update(email=member.email)
    by_address.refresh_from_db()
    Registration.objects.create(event=past, name="Maja", email=member.email, user=member)
    signed_up(later, "other")
    html = login(member).get("/en/events/mine/").content.decode()
    upcoming, past_part = html.split('id="mine-past"')
    assert upcoming.index("Snart (en)") < upcoming.index("Senare (en)")
    assert "Waiting list, number 1" in upcoming
    assert page_url(waiting) in upcoming and page_url(by_address) in upcoming
    assert "Förr (en)" in past_part
    assert "other@example.org" not in html and "Someone" not in html
    outsider_html = login(outsider).get("/en/events/mine/").content.decode()
    assert "You are not signed up for any upcoming event." in outsider_html
    assert "Snart" not in outsider_html


def test_my_registrations_take_a_fixed_number_of_queries(calendars, member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(member)
    counts = []
    for n in range(4):
        event = make_event(calendars, f"Träff {n}", capacity=1, days=5 + n)
        signed_up(event, "first")
        signed_up(event, "maja", user=member)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/en/events/mine/")
        counts.append(len(queries))
    assert len(re.findall("Waiting list, number 1", response.content.decode())) == 4
    assert counts[1] == counts[2] == counts[3], counts
