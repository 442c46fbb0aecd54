"""Organisers' writes: checking people in, writing to participants, noting exports.

Each function checks the organiser's right again (a view is not the only
caller), validates, saves and leaves an audit record. Audit entries name the
event and the registration's id, never a participant's name or address
(``Registration.__str__`` holds the name, so the event is the target).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sihub.core.services import audit_record
from sihub.events import selectors
from sihub.events.models import EventPage, ParticipantMessage, Registration, RegistrationStatus
from sihub.events.organiser_selectors import Audience, message_recipients

SUBJECT_MAX = 200
BODY_MAX = 10_000


def registration_check_in(*, actor: Any, registration: Registration,
                          present: bool) -> Registration:
    """Mark ``registration`` as present (checked in now) or absent again.

    Idempotent: checking in someone already checked in keeps the first time.
    A cancelled registration cannot be checked in (sign them up again first).
    """
    if not selectors.user_can_organise(actor, registration.event):
        raise PermissionDenied
    if present and registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("A cancelled registration cannot be checked in."),
                              code="cancelled")
    if present == (registration.checked_in_at is not None):
        return registration
    with transaction.atomic():
        registration.checked_in_at = timezone.now() if present else None
        # An anonymised row has no name or address left; its attendance still counts.
        blanked = ["name", "email"] if registration.anonymised_at else None
        registration.full_clean(exclude=blanked, validate_unique=False,
                                validate_constraints=False)
        registration.save(update_fields=["checked_in_at"])
        audit_record(actor=actor,
                     action="events.checked_in" if present else "events.check_in_undone",
                     target=registration.event, data={"registration": registration.pk})
    return registration


def participants_message_send(*, actor: Any, event: EventPage, audience: str, subject: str,
                              body: str) -> ParticipantMessage:
    """Record a message to ``audience`` and e-mail each recipient on its own, in the background.

    The recipients are fixed now (their ids go to the task), so someone who
    signs up a minute later does not get a message written before they came.
    """
    if not selectors.user_can_organise(actor, event):
        raise PermissionDenied
    if audience not in Audience.values:
        raise ValidationError({"audience": _("Choose whom to write to.")}, code="audience")
    subject = " ".join(subject.split())  # one line: no header injection, no stray breaks
    with transaction.atomic():
        recipient_ids = list(message_recipients(event, audience).values_list("pk", flat=True))
        if not recipient_ids:
            raise ValidationError({"audience": _("Nobody in this group can be written to.")},
                                  code="no_recipients")
        message = ParticipantMessage(event=event, audience=audience, subject=subject,
                                     body=body.strip(), recipients=len(recipient_ids),
                                     sent_by=actor, sent_at=timezone.now())
        message.full_clean()
        message.save()
        audit_record(actor=actor, action="events.participants_messaged", target=event,
                     data={"message": message.pk, "audience": audience,
                           "recipients": len(recipient_ids)})
        from sihub.events.organiser_tasks import send_participant_message

        message_id = message.pk
        transaction.on_commit(
            lambda: send_participant_message.enqueue(message_id, recipient_ids))
    return message


def participants_export_record(*, actor: Any, event: EventPage, fmt: str, rows: int) -> None:
    """Note that someone took the participants' personal data out of sihub (accountability)."""
    if not selectors.user_can_view_participants(actor, event):
        raise PermissionDenied
    audit_record(actor=actor, action="events.participants_exported", target=event,
                 data={"format": fmt, "rows": rows})
