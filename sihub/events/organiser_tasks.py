"""Background work for organisers: an organiser's message, e-mailed to each participant.

``organiser_services.participants_message_send`` records the message and
enqueues ``send_participant_message`` on commit with the message's id and the
recipients' ids (never rows). Each person gets their own e-mail (nobody sees
another's address) in the language they signed up in, with a footer naming
the event and their own signed link to see or cancel the registration.

By hand: ``manage.py shell -c "from sihub.events.organiser_tasks import
send_participant_message as t; t.call(MESSAGE_ID, [REGISTRATION_ID, ...])"``.
Running it again sends again: there is no per-recipient receipt.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from sihub.events.models import ParticipantMessage, Registration, RegistrationStatus


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


@task()
def send_participant_message(message_id: int, registration_ids: list[int]) -> int:
    """E-mail the message to each still-reachable recipient; returns how many were sent.

    Someone who cancelled or was anonymised since the message was written is
    skipped.
    """
    message = ParticipantMessage.objects.select_related("event").filter(pk=message_id).first()
    if message is None:
        return 0
    recipients = (Registration.objects.filter(pk__in=registration_ids, event=message.event,
                                              anonymised_at__isnull=True)
                  .exclude(email="").exclude(status=RegistrationStatus.CANCELLED)
                  .order_by("pk"))
    emails = [participant_email(message, registration) for registration in recipients]
    if not emails:
        return 0
    with get_connection() as connection:
        return connection.send_messages(emails) or 0
