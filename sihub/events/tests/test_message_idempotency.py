"""Organisers' messages go to each person once, even when the task runs again after a crash."""

from __future__ import annotations

from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sihub.conftest import login
from sihub.events.models import ParticipantMessage, ParticipantMessageRecipient
from sihub.events.organiser_services import participants_message_send
from sihub.events.organiser_tasks import CLAIM_TIMEOUT, send_participant_message
from sihub.events.tests.organiser_testdata import register, url

pytestmark = pytest.mark.django_db

CRASHING_BACKEND = "sihub.events.tests.test_message_idempotency.CrashAfterOneBackend"


class CrashAfterOneBackend(EmailBackend):
    """Delivers one mail, then fails as a mail server that goes away half-way would."""

    def send_messages(self, messages):  # type: ignore[no-untyped-def]
        if mail.outbox:
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def people(event):
    return [register(event, name, email=f"{name.lower()}@example.org")
            for name in ("Anna", "Bob", "Cia")]


@pytest.fixture
def message(event, people, facilitator):
    return ParticipantMessage.objects.create(event=event, subject="Ny lokal", body="Vi flyttar.",
                                             audience="confirmed", recipients=len(people),
                                             sent_by=facilitator)


def _ids(people) -> list[int]:
    return [p.pk for p in people]


def _addresses() -> list[str]:
    return sorted(address for sent in mail.outbox for address in sent.to)


def test_it_records_a_receipt_per_person_mailed(message, people):
    assert send_participant_message.call(message.pk, _ids(people)) == 3
    receipts = ParticipantMessageRecipient.objects.filter(message=message)
    assert sorted(r.registration_id for r in receipts) == sorted(_ids(people))
    assert all(r.sent_at is not None for r in receipts)


def test_running_it_again_mails_no_one_twice(message, people):
    send_participant_message.call(message.pk, _ids(people))
    assert send_participant_message.call(message.pk, _ids(people)) == 0
    assert _addresses() == ["anna@example.org", "bob@example.org", "cia@example.org"]


def test_a_retry_after_a_crash_half_way_mails_only_those_left(message, people, settings):
    settings.EMAIL_BACKEND = CRASHING_BACKEND
    with pytest.raises(SMTPServerDisconnected):
        send_participant_message.call(message.pk, _ids(people))
    assert _addresses() == ["anna@example.org"]
    # The failed send gave its claim back: only Anna has a receipt.
    [receipt] = ParticipantMessageRecipient.objects.all()
    assert receipt.registration_id == people[0].pk and receipt.sent_at is not None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_participant_message.call(message.pk, _ids(people)) == 2
    assert _addresses() == ["anna@example.org", "bob@example.org", "cia@example.org"]


def test_someone_being_mailed_by_another_run_is_left_to_it(message, people):
    ParticipantMessageRecipient.objects.create(message=message, registration=people[1])
    assert send_participant_message.call(message.pk, _ids(people)) == 2
    assert _addresses() == ["anna@example.org", "cia@example.org"]


def test_a_claim_left_behind_by_a_killed_run_is_mailed_after_the_timeout(message, people):
    stale = timezone.now() - CLAIM_TIMEOUT - timezone.timedelta(minutes=1)
    ParticipantMessageRecipient.objects.create(message=message, registration=people[1],
                                               claimed_at=stale)
    assert send_participant_message.call(message.pk, _ids(people[1:2])) == 1
    assert _addresses() == ["bob@example.org"]
    assert ParticipantMessageRecipient.objects.get(registration=people[1]).sent_at is not None


def test_the_database_allows_one_receipt_per_person_and_message(message, people):
    ParticipantMessageRecipient.objects.create(message=message, registration=people[0])
    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipantMessageRecipient.objects.create(message=message, registration=people[0])


def test_the_same_person_gets_each_of_two_messages(message, people, facilitator):
    other = ParticipantMessage.objects.create(event=message.event, subject="Påminnelse",
                                              body="I morgon!", audience="confirmed",
                                              recipients=1, sent_by=facilitator)
    send_participant_message.call(message.pk, _ids(people[:1]))
    send_participant_message.call(other.pk, _ids(people[:1]))
    assert [sent.subject for sent in mail.outbox] == ["Ny lokal", "Påminnelse"]


def test_a_message_to_no_one_left_opens_no_connection(message, people, settings):
    settings.EMAIL_BACKEND = CRASHING_BACKEND
    mail.outbox = [object()]  # a crashing server: any attempt to send would raise
    for person in people:
        person.status = "cancelled"
        person.save()
    assert send_participant_message.call(message.pk, _ids(people)) == 0


# --- The messages page ------------------------------------------------------------------------


def test_the_page_says_how_many_of_the_recipients_were_mailed(
        event, people, facilitator, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = CRASHING_BACKEND
    # The task backend records the task's failure; the sender's request is not affected.
    with django_capture_on_commit_callbacks(execute=True):
        participants_message_send(actor=facilitator, event=event, audience="confirmed",
                                  subject="Ny lokal", body="Vi flyttar.")
    response = login(facilitator).get(url("messages", event.pk, language="en"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "sent to 1 of 3" in html
    [listed] = response.context["sent_messages"]
    assert (listed.delivered, listed.recipients) == (1, 3)


def test_the_page_counts_receipts_in_a_fixed_number_of_queries(
        event, people, facilitator, django_assert_num_queries):
    def write(n: int) -> None:
        sent = ParticipantMessage.objects.create(event=event, subject=f"S{n}", body="B",
                                                 audience="confirmed", recipients=3,
                                                 sent_by=facilitator)
        send_participant_message.call(sent.pk, _ids(people))

    client = login(facilitator)
    write(0)
    client.get(url("messages", event.pk, language="en"))  # warm caches (site, locales)
    with CaptureQueriesContext(connection) as one:
        client.get(url("messages", event.pk, language="en"))
    for n in range(1, 5):
        write(n)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url("messages", event.pk, language="en"))
    assert response.content.decode().count("sent to 3 of 3") == 5
