"""Background work for organisers: an organiser's message, e-mailed to each participant.

``organiser_services.participants_message_send`` records the message and
enqueues ``send_participant_message`` on commit with the message's id and the
recipients' ids (never rows). Each person gets their own e-mail (nobody sees
another's address) in the language they signed up in, with a footer naming
the event and their own signed link to see or cancel the registration.

Idempotent per recipient: before each mail the task claims a
``ParticipantMessageRecipient`` row (unique per message and registration) and
stamps ``sent_at`` once the mail server has taken it. A re-run after a crash
(or a second worker running the same task) skips everyone already claimed; a
claim whose send failed with an error is released, so the retry mails that
person. Only a process killed in the instant between handing a mail over and
stamping it leaves a claim without ``sent_at``; after ``CLAIM_TIMEOUT`` a
re-run mails that one person again (better twice than never).

By hand: ``manage.py shell -c "from sihub.events.organiser_tasks import
send_participant_message as t; t.call(MESSAGE_ID, [REGISTRATION_ID, ...])"``.
Running it again mails only those who have not had it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from sihub.events.models import (
    ParticipantMessage,
    ParticipantMessageRecipient,
    Registration,
    RegistrationStatus,
)

# How long a claim without ``sent_at`` counts as another run's send in progress.
CLAIM_TIMEOUT = timedelta(minutes=15)


def participant_email(message: ParticipantMessage, registration: Registration) -> EmailMessage:
    """One recipient's e-mail, rendered in their registration's language."""
    # The registrant's mails (emails.py) already know how to find the event and the
    # signed link in a language; the organiser's message uses the same helpers.
    from sihub.events.emails import absolute, event_in_language, registration_url

    language = registration.language
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        page = event_in_language(message.event, language)
        context = {
            "message": message,
            "registration": registration,
            "event": message.event,
            "event_title": page.title,
            "event_url": absolute(page.get_url() or ""),
            "manage_url": registration_url(registration, language),
        }
        subject = render_to_string("events/email/participant_message.subject.txt",
                                   context).strip()
        body = render_to_string("events/email/participant_message.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body,
                        to=[registration.email])


def _claim(message_id: int, registration_id: int, now: datetime) -> bool:
    """Take the right to mail this person: a new receipt, or a stale one without ``sent_at``."""
    try:
        with transaction.atomic():
            ParticipantMessageRecipient.objects.create(
                message_id=message_id, registration_id=registration_id, claimed_at=now)
        return True
    except IntegrityError:  # already sent, being sent, or left behind by a crash
        return ParticipantMessageRecipient.objects.filter(
            message_id=message_id, registration_id=registration_id, sent_at__isnull=True,
            claimed_at__lt=now - CLAIM_TIMEOUT).update(claimed_at=now) == 1


def _release(message_id: int, registration_id: int) -> None:
    """Give a claim back when nothing went out, so the next run mails the person."""
    ParticipantMessageRecipient.objects.filter(
        message_id=message_id, registration_id=registration_id, sent_at__isnull=True).delete()


@task()
def send_participant_message(message_id: int, registration_ids: list[int]) -> int:
    """E-mail the message to each still-reachable recipient not yet mailed; returns how many.

    Someone who cancelled or was anonymised since the message was written is
    skipped, and so is everyone with a receipt (see the module's docstring).
    A failing mail server stops the run with its error; the people not yet
    mailed are mailed when the task is run again.
    """
    message = ParticipantMessage.objects.select_related("event").filter(pk=message_id).first()
    if message is None:
        return 0
    done = set(ParticipantMessageRecipient.objects.filter(
        message=message, registration_id__in=registration_ids, sent_at__isnull=False)
        .values_list("registration_id", flat=True))
    recipients = (Registration.objects.filter(pk__in=registration_ids, event=message.event,
                                              anonymised_at__isnull=True)
                  .exclude(email="").exclude(status=RegistrationStatus.CANCELLED)
                  .exclude(pk__in=done).order_by("pk"))
    pending = list(recipients)
    if not pending:  # nothing left to do: no need to open a connection to the mail server
        return 0
    sent = 0
    with get_connection() as connection:
        for registration in pending:
            if not _claim(message.pk, registration.pk, timezone.now()):
                continue
            try:
                delivered = connection.send_messages(
                    [participant_email(message, registration)]) or 0
            except Exception:
                _release(message.pk, registration.pk)
                raise
            if not delivered:
                _release(message.pk, registration.pk)
                continue
            ParticipantMessageRecipient.objects.filter(
                message=message, registration=registration).update(sent_at=timezone.now())
            sent += 1
    return sent
