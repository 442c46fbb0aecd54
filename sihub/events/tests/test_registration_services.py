"""Registration rules: window, places and waiting list, duplicates, consents, promotion, mails."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone, translation
from icalendar import Calendar

from sihub.core.models import AuditEntry, Sector
from sihub.events import services
from sihub.events.consents import CONSENT_TEXT_VERSION, consent_text
from sihub.events.emails import mail_subject
from sihub.events.models import (
    ConsentKind,
    EventPage,
    Registration,
    RegistrationConsent,
    RegistrationStatus,
)
from sihub.events.registration_tasks import send_registration_email
from sihub.events.tests.conftest import make_event

pytestmark = pytest.mark.django_db

CONSENTS = {ConsentKind.REGISTRATION: True, ConsentKind.PHOTOS: False,
            ConsentKind.SHARE_CONTACT: True}


def sign_up(event: EventPage, who: str, **fields) -> tuple[Registration, bool]:
    fields.setdefault("consents", CONSENTS)
    return services.registration_create(event=event, name=who.title(),
                                        email=f"{who}@example.org", **fields)


def statuses(event: EventPage) -> list[tuple[str, str]]:
    return list(Registration.objects.filter(event=event).order_by("created_at", "pk")
                .values_list("email", "status"))


def ics_of(message) -> Calendar:
    [part] = [a for a in message.attachments if not isinstance(a, tuple)]
    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "PUBLISH"
    return Calendar.from_ical(part.get_payload(decode=True))


# --- Places and the waiting list -------------------------------------------------------------


def test_it_confirms_while_places_remain_then_fills_the_waiting_list_in_order(calendars):
    event = make_event(calendars, "Liten verkstad", capacity=2)
    for who in ("ada", "bo", "cia", "dan"):
        sign_up(event, who)
    assert statuses(event) == [
        ("ada@example.org", "confirmed"), ("bo@example.org", "confirmed"),
        ("cia@example.org", "waiting"), ("dan@example.org", "waiting")]
    cia, dan = Registration.objects.filter(status=RegistrationStatus.WAITING).order_by("pk")
    assert (services.waiting_position(cia), services.waiting_position(dan)) == (1, 2)
    assert services.waiting_position(Registration.objects.get(email="ada@example.org")) is None


def test_it_refuses_a_full_event_without_a_waiting_list(calendars):
    event = make_event(calendars, "Utan kö", capacity=1, waiting_list=False)
    sign_up(event, "ada")
    with pytest.raises(services.EventFull):
        sign_up(event, "bo")
    assert Registration.objects.filter(event=event).count() == 1


def test_it_takes_everyone_when_there_is_no_limit(calendars):
    event = make_event(calendars, "Webbinarium", capacity=None)
    for n in range(5):
        sign_up(event, f"person{n}")
    assert {s for _e, s in statuses(event)} == {"confirmed"}


def test_it_counts_places_on_the_canonical_event_whichever_page_is_given(calendars):
    event = make_event(calendars, "Tvåspråkig", capacity=1)
    english = event.get_translation(calendars["en"].locale).specific
    registration, _ = sign_up(english, "ada")
    assert registration.event_id == event.pk
    assert sign_up(english, "bo")[0].status == RegistrationStatus.WAITING


# --- The registration window -----------------------------------------------------------------


@pytest.mark.parametrize(("fields", "error"), [
    ({"registration_enabled": False}, services.RegistrationClosed),
    ({"registration_opens": timezone.now() + timedelta(days=1)}, services.RegistrationNotYetOpen),
    ({"registration_closes": timezone.now() - timedelta(minutes=1)}, services.RegistrationClosed),
    ({"days": -0.01, "hours": 2}, services.RegistrationClosed),  # already started
])
def test_it_refuses_outside_the_registration_window(calendars, fields, error):
    event = make_event(calendars, "Stängd", capacity=10, **fields)
    with pytest.raises(error):
        sign_up(event, "ada")
    assert not Registration.objects.exists()
    assert isinstance(services.sign_up_refusal(event), error)


def test_it_accepts_inside_the_window(calendars):
    now = timezone.now()
    event = make_event(calendars, "Öppen", capacity=10,
                       registration_opens=now - timedelta(days=1),
                       registration_closes=now + timedelta(days=1))
    assert services.sign_up_refusal(event) is None
    assert sign_up(event, "ada")[1] is True


def test_it_reads_the_window_afresh_inside_the_lock(event):
    """The form was shown while open; an organiser closed registration before the post."""
    EventPage.objects.filter(pk=event.pk).update(registration_enabled=False)
    with pytest.raises(services.RegistrationClosed):
        sign_up(event, "ada")


# --- Duplicates ------------------------------------------------------------------------------


def test_the_same_address_gets_its_registration_back_once(event,
                                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first, created = sign_up(event, "ada")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again, created_again = services.registration_create(
            event=event, name="Ada Again", email="  ADA@Example.org ", consents=CONSENTS)
    assert created and not created_again
    assert again.pk == first.pk and again.name == "Ada"
    assert Registration.objects.count() == 1 and first.email == "ada@example.org"
    assert callbacks == [] and len(mail.outbox) == 1


def test_a_cancelled_address_may_sign_up_again(event):
    first, _ = sign_up(event, "ada")
    services.registration_cancel(registration=first)
    second, created = sign_up(event, "ada")
    assert created and second.pk != first.pk and second.status == RegistrationStatus.CONFIRMED


# --- Consents and the audit log --------------------------------------------------------------


def test_it_records_each_consent_with_its_exact_text_and_version(event):
    registration, _ = sign_up(event, "ada", language="en")
    consents = {c.kind: c for c in RegistrationConsent.objects.filter(registration=registration)}
    assert {k: c.granted for k, c in consents.items()} == {
        "registration": True, "photos": False, "share_contact": True}
    for kind, consent in consents.items():
        assert consent.text == consent_text(kind, "en")
        assert consent.text_version == CONSENT_TEXT_VERSION
    assert consents["photos"].text.startswith("I agree that photos")
    assert f"{settings.SIHUB_EVENTS_RETENTION_DAYS} days" in consents["registration"].text


def test_it_refuses_without_the_registration_consent(event):
    with pytest.raises(services.ConsentRequired):
        sign_up(event, "ada", consents={**CONSENTS, ConsentKind.REGISTRATION: False})
    assert not Registration.objects.exists()


def test_the_audit_log_names_no_one(event, member):
    registration, _ = sign_up(event, "ada", user=member, organisation="Föreningen Ada")
    services.registration_cancel(registration=registration)
    entries = AuditEntry.objects.filter(action__startswith="events.registration_")
    assert [e.action for e in entries.order_by("pk")] == [
        "events.registration_created", "events.registration_cancelled"]
    for entry in entries:
        text = f"{entry.target_label} {entry.data}".lower()
        assert "ada" not in text and "example.org" not in text
        assert entry.target_id == str(event.pk)
        assert entry.data["registration"] == registration.pk
    created = entries.get(action="events.registration_created")
    assert created.actor_id == member.pk and created.data["status"] == "confirmed"


# --- Cancelling and promotion ----------------------------------------------------------------


def test_cancelling_gives_the_place_to_the_first_in_line_with_a_calendar_file(
        calendars, django_capture_on_commit_callbacks):
    event = make_event(calendars, "Populär", capacity=1, venue_name="Folkets hus",
                       city="Umeå")
    with django_capture_on_commit_callbacks(execute=True):
        ada, _ = sign_up(event, "ada")
        bo, _ = sign_up(event, "bo")
        cia, _ = sign_up(event, "cia")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.registration_cancel(registration=ada) is True
    assert statuses(event) == [("ada@example.org", "cancelled"), ("bo@example.org", "confirmed"),
                               ("cia@example.org", "waiting")]
    cia.refresh_from_db()
    assert services.waiting_position(cia) == 1
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"ada@example.org", "bo@example.org"}
    with translation.override("sv"):  # the registrants signed up in Swedish
        assert by_address["ada@example.org"].subject == mail_subject("cancelled", "Populär")
        assert by_address["bo@example.org"].subject == mail_subject("promoted", "Populär")
    assert not [a for a in by_address["ada@example.org"].attachments]
    cal = ics_of(by_address["bo@example.org"])
    [vevent] = cal.walk("VEVENT")
    assert str(vevent["summary"]) == "Populär"
    assert vevent.decoded("dtstart") == event.start
    assert "Folkets hus" in str(vevent["location"])
    assert str(cal["method"]) == "PUBLISH"
    assert AuditEntry.objects.filter(action="events.registration_promoted",
                                     data__registration=bo.pk).exists()


def test_cancelling_twice_changes_nothing_the_second_time(event,
                                                          django_capture_on_commit_callbacks):
    ada, _ = sign_up(event, "ada")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.registration_cancel(registration=ada) is True
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert services.registration_cancel(registration=ada) is False
    assert callbacks == [] and len(mail.outbox) == 1
    assert ada.status == RegistrationStatus.CANCELLED


def test_leaving_the_waiting_list_promotes_no_one(calendars):
    event = make_event(calendars, "Kö", capacity=1)
    sign_up(event, "ada")
    bo, _ = sign_up(event, "bo")
    sign_up(event, "cia")
    services.registration_cancel(registration=bo)
    assert statuses(event) == [("ada@example.org", "confirmed"), ("bo@example.org", "cancelled"),
                               ("cia@example.org", "waiting")]


def test_raising_the_capacity_promotes_as_many_as_fit_in_order(calendars):
    event = make_event(calendars, "Utökad", capacity=1)
    for who in ("ada", "bo", "cia", "dan"):
        sign_up(event, who)
    EventPage.objects.filter(pk=event.pk).update(capacity=3)
    promoted = services.promote_waiting(event.pk)
    assert [Registration.objects.get(pk=pk).email for pk in promoted] == [
        "bo@example.org", "cia@example.org"]
    assert statuses(event)[-1] == ("dan@example.org", "waiting")


def test_a_past_event_can_no_longer_be_cancelled(calendars):
    event = make_event(calendars, "Förbi", capacity=5)
    ada, _ = sign_up(event, "ada")
    EventPage.objects.filter(pk=event.pk).update(start=timezone.now() - timedelta(days=2),
                                                 end=timezone.now() - timedelta(days=1))
    ada.event.refresh_from_db()
    with pytest.raises(services.CancellationClosed):
        services.registration_cancel(registration=ada)
    assert Registration.objects.get(pk=ada.pk).status == RegistrationStatus.CONFIRMED


# --- Mails -----------------------------------------------------------------------------------


def test_the_confirmation_is_in_the_registrants_language_with_a_working_link(
        event, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(event, "ada", language="en", sector=Sector.objects.first())
    [message] = mail.outbox
    assert message.subject == "You are registered: Verkstad om inkludering (en)"
    assert "You are registered for Verkstad om inkludering (en)." in message.body
    html = message.alternatives[0][0]
    assert "<a href=\"http" in html and message.alternatives[0][1] == "text/html"
    [link] = [w for w in message.body.split() if "/registration/" in w]
    assert link.startswith(settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/en/events/")
    path = link.removeprefix(settings.WAGTAILADMIN_BASE_URL.rstrip("/"))
    with translation.override("en"):
        page = client.get(path)
    assert page.status_code == 200 and "You are registered" in page.content.decode()
    [vevent] = ics_of(message).walk("VEVENT")
    assert str(vevent["summary"]) == "Verkstad om inkludering (en)"
    assert "/en/calendar/" in str(vevent["url"])


def test_the_waiting_list_mail_gives_the_place_in_line_and_no_calendar_file(
        calendars, django_capture_on_commit_callbacks):
    event = make_event(calendars, "Fullsatt", capacity=1)
    sign_up(event, "ada")
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(event, "bo")
        sign_up(event, "cia", language="en")
    swedish, english = mail.outbox
    with translation.override("sv"):
        assert swedish.subject == mail_subject("waiting", "Fullsatt")
    assert english.subject == "You are on the waiting list: Fullsatt (en)"
    assert "on the waiting list, number 2." in english.body
    assert not swedish.attachments and not english.attachments


def test_a_queued_mail_is_not_sent_when_the_registration_changed_meanwhile(event):
    ada, _ = sign_up(event, "ada")
    services.registration_cancel(registration=ada)
    mail.outbox.clear()
    assert send_registration_email.call(ada.pk, "confirmed") is False
    assert send_registration_email.call(ada.pk, "cancelled") is True
    assert send_registration_email.call(ada.pk, "nonsense") is False
    assert len(mail.outbox) == 1
