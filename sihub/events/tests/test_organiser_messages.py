"""Organisers' messages: a confirmation, then one e-mail per recipient of the chosen group."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sihub.conftest import login
from sihub.core.models import AuditEntry
from sihub.events.models import ParticipantMessage, RegistrationStatus
from sihub.events.organiser_services import participants_message_send
from sihub.events.organiser_tasks import send_participant_message
from sihub.events.tests.organiser_testdata import register, url
from sihub.events.tokens import registration_from_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(event):
    """Two confirmed (one checked in, one English), one waiting, one cancelled, one anonymised."""
    return {
        "anna": register(event, "Anna", email="anna@example.org", checked_in=True),
        "bob": register(event, "Bob", email="bob@example.org", language="en"),
        "wera": register(event, "Wera", email="wera@example.org",
                         status=RegistrationStatus.WAITING),
        "carl": register(event, "Carl", email="carl@example.org",
                         status=RegistrationStatus.CANCELLED),
        "gone": register(event, "", email="", anonymised_at=timezone.now()),
    }


def _send(client, event, audience, *, action="send", subject="Viktigt", body="Hej!\nVälkomna."):
    return client.post(url("messages", event.pk), {"action": action, "audience": audience,
                                                   "subject": subject, "body": body})


def _recipients() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


@pytest.mark.parametrize(("audience", "expected"), [
    ("confirmed", {"anna@example.org", "bob@example.org"}),
    ("waiting", {"wera@example.org"}),
    ("checked_in", {"anna@example.org"}),
    ("active", {"anna@example.org", "bob@example.org", "wera@example.org"}),
])
def test_it_writes_to_the_chosen_group_only(facilitator, event, people, audience, expected,
                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _send(login(facilitator), event, audience)
    assert response.status_code == 302
    assert _recipients() == expected
    assert all(len(message.to) == 1 for message in mail.outbox)  # nobody sees another address
    message = ParticipantMessage.objects.get(event=event)
    assert (message.audience, message.recipients, message.sent_by) == (
        audience, len(expected), facilitator)


def test_each_mail_is_in_the_recipients_language_with_their_own_link(
        facilitator, event, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _send(login(facilitator), event, "confirmed", subject="Program\nändrat",
              body="Vi börjar 10:00.")
    by_address = {message.to[0]: message for message in mail.outbox}
    english, swedish = by_address["bob@example.org"], by_address["anna@example.org"]
    assert english.subject == swedish.subject == "Program ändrat"
    assert english.body.startswith("Vi börjar 10:00.")
    assert 'You receive this message because you signed up for "Verkstad om inkludering (en)"' \
        in english.body
    assert "/en/events/registration/" in english.body
    assert "/sv/events/registration/" in swedish.body
    assert "Verkstad om inkludering" in swedish.body
    token = english.body.split("/en/events/registration/")[1].split("/")[0]
    assert registration_from_token(token) == people["bob"]


def test_it_asks_for_confirmation_with_the_count_before_sending(facilitator, event, people):
    response = _send(login(facilitator), event, "active", action="preview")
    assert response.status_code == 200
    assert response.context["preview"]["count"] == 3
    assert mail.outbox == []
    assert not ParticipantMessage.objects.exists()
    assert 'value="send"' in response.content.decode()


def test_edit_returns_to_the_filled_in_form(facilitator, event, people):
    response = _send(login(facilitator), event, "active", action="edit", subject="Utkast")
    assert response.status_code == 200
    assert response.context["preview"] is None
    assert 'value="Utkast"' in response.content.decode()
    assert not ParticipantMessage.objects.exists()


def test_an_empty_group_is_refused(facilitator, event, django_capture_on_commit_callbacks):
    register(event, "Anna")
    client = login(facilitator)
    assert _send(client, event, "waiting", action="preview").status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = _send(client, event, "waiting")
    assert response.status_code == 400
    assert response.context["summary"]
    assert mail.outbox == []
    assert not ParticipantMessage.objects.exists()


def test_a_message_needs_a_subject_and_a_body(facilitator, event, people):
    response = _send(login(facilitator), event, "active", subject="", body="")
    assert response.status_code == 400
    anchors = [anchor for anchor, _message in response.context["summary"]]
    assert anchors == ["id_subject", "id_body"]
    assert not ParticipantMessage.objects.exists()


def test_earlier_messages_are_listed(facilitator, event, people,
                                     django_capture_on_commit_callbacks):
    client = login(facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        _send(client, event, "waiting", subject="Du står på väntelistan")
    response = client.get(url("messages", event.pk))
    html = response.content.decode()
    assert "Du står på väntelistan" in html
    assert list(response.context["sent_messages"]) == list(ParticipantMessage.objects.all())


def test_sending_leaves_an_audit_entry_without_addresses(facilitator, event, people,
                                                         django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _send(login(facilitator), event, "confirmed")
    entry = AuditEntry.objects.get(action="events.participants_messaged")
    assert entry.data["recipients"] == 2 and entry.data["audience"] == "confirmed"
    assert "@" not in str(entry.data) + entry.target_label


@pytest.mark.parametrize("persona", ["outsider", "analyst", "editor"])
def test_people_who_do_not_organise_cannot_send(request, event, people, persona):
    response = _send(login(request.getfixturevalue(persona)), event, "active")
    assert response.status_code == 403
    assert not ParticipantMessage.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, event, people):
    response = _send(client, event, "active")
    assert response.status_code == 302 and "/login/" in response.url
    assert not ParticipantMessage.objects.exists()


# --- The service and the task on their own -----------------------------------------------------


def test_the_service_checks_the_right_again(analyst, event, people):
    with pytest.raises(PermissionDenied):
        participants_message_send(actor=analyst, event=event, audience="active", subject="S",
                                  body="B")


def test_the_service_refuses_an_unknown_audience(facilitator, event, people):
    with pytest.raises(ValidationError):
        participants_message_send(actor=facilitator, event=event, audience="everyone",
                                  subject="S", body="B")


def test_the_task_skips_people_who_cancelled_since(facilitator, event, people):
    message = ParticipantMessage.objects.create(event=event, subject="S", body="B",
                                                audience="active", recipients=2,
                                                sent_by=facilitator)
    people["bob"].status = RegistrationStatus.CANCELLED
    people["bob"].save()
    sent = send_participant_message.call(message.pk, [people["anna"].pk, people["bob"].pk])
    assert sent == 1
    assert _recipients() == {"anna@example.org"}


def test_the_task_sends_nothing_for_a_missing_message(db):
    assert send_participant_message.call(999_999, [1, 2]) == 0
    assert mail.outbox == []
