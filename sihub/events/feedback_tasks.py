"""Background work after the event: inviting participants to give feedback.

``send_feedback_invitations(event_id)`` mails each participant of an event
that has ended a link to the feedback form (their registration's signed
link). It runs once per event: the audit record it leaves
(``FEEDBACK_INVITED``) is the mark, checked and written under a lock on the
event's row, so a second run — by hand or by the scheduler — sends nothing.
Who is invited: those checked in when the organisers used check-in, else
everyone with a place; never the waiting list, the cancelled, the
anonymised or those who already answered.

``send_due_feedback_invitations()`` takes no arguments, for the scheduler:
it invites for every event that ended within ``INVITE_WITHIN``.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from sihub.core.models import AuditEntry
from sihub.core.services import audit_record
from sihub.events.models import EventPage, Registration, RegistrationStatus

FEEDBACK_INVITED = "events.feedback_invited"
# Events that ended this long ago or less get invitations; older ones are left alone
# (a first run of the scheduler must not mail people about last year's events).
INVITE_WITHIN = timedelta(days=7)


def _already_invited(event_id: int) -> bool:
    return AuditEntry.objects.filter(action=FEEDBACK_INVITED, target_type="events.eventpage",
                                     target_id=str(event_id)).exists()


def _invitees(event: EventPage) -> list[Registration]:
    rows = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED,
                                       anonymised_at__isnull=True, feedback__isnull=True)
    if Registration.objects.filter(event=event, checked_in_at__isnull=False).exists():
        rows = rows.filter(checked_in_at__isnull=False)
    return list(rows.order_by("pk"))


def _mail(registration: Registration, event: EventPage) -> tuple[str, str]:
    from sihub.events.tokens import registration_token

    language = registration.language if registration.language in dict(settings.LANGUAGES) \
        else settings.LANGUAGE_CODE
    with translation.override(language):
        page = event.localized
        context = {
            "name": registration.name,
            "title": page.title,
            "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
                "events:feedback", args=[registration_token(registration)]),
        }
        subject = render_to_string("events/email/feedback_invitation_subject.txt",
                                   context).strip()
        body = render_to_string("events/email/feedback_invitation.txt", context)
    return subject, body


@task()
def send_feedback_invitations(event_id: int) -> int:
    """Invite the participants of an event that has ended to give feedback; returns mails sent."""
    with transaction.atomic():
        event = EventPage.objects.select_for_update().filter(pk=event_id).first()
        if event is None or event.end > timezone.now() or _already_invited(event_id):
            return 0
        invitees = _invitees(event)
        audit_record(actor=None, action=FEEDBACK_INVITED, target=event,
                     data={"invited": len(invitees)})
    sent = 0
    for registration in invitees:
        subject, body = _mail(registration, event)
        send_mail(subject, body, None, [registration.email])
        sent += 1
    return sent


@task()
def send_due_feedback_invitations() -> int:
    """For the scheduler: invitations for every live event that ended within INVITE_WITHIN."""
    now = timezone.now()
    ids = EventPage.objects.live().filter(end__lte=now, end__gt=now - INVITE_WITHIN,
                                          registrations__isnull=False).distinct()
    return sum(send_feedback_invitations.call(pk) for pk in ids.values_list("pk", flat=True))
