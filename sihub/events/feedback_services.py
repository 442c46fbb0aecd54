"""Writes after the event: a participant's feedback, and the outcomes a workshop led to.

Feedback is given through the registration's signed link (no account needed),
once the event has started, by people who were registered (not on the
waiting list, not cancelled). One response per registration: sending the
form again updates it. Outcomes are recorded by organisers
(``selectors.user_can_organise``) and link onward only to a coalition or an
initiative the organiser may see.

Every write is validated with ``full_clean()`` and leaves an audit record
that names the event and the row's id, never the person.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from sihub.coalitions.models import Coalition
from sihub.coalitions.selectors import coalitions_visible_to
from sihub.core.services import ServiceError, audit_record
from sihub.events import selectors
from sihub.events.models import (
    EventOutcome,
    EventPage,
    Feedback,
    Registration,
    RegistrationStatus,
)
from sihub.impact.models import Initiative
from sihub.impact.selectors import initiatives_visible_to

FEEDBACK_SUBMITTED = "events.feedback_submitted"
FEEDBACK_UPDATED = "events.feedback_updated"
OUTCOME_ADDED = "events.outcome_added"
OUTCOME_DELETED = "events.outcome_deleted"

ERROR_MESSAGES = {
    "not_started": gettext_lazy("Feedback opens when the event has started."),
    "not_registered": gettext_lazy("Only people who had a place at the event can give "
                                   "feedback."),
    "coalition_hidden": gettext_lazy("There is no such coalition."),
    "initiative_hidden": gettext_lazy("There is no such initiative."),
}


class FeedbackError(ServiceError):
    """A refusal the person can understand (codes: ERROR_MESSAGES)."""

    messages = ERROR_MESSAGES


# --- Feedback -----------------------------------------------------------------------------


def feedback_refusal(registration: Registration, *, now: Any = None) -> str | None:
    """Why ``registration`` may not give feedback (a key of ERROR_MESSAGES), or None."""
    if registration.status != RegistrationStatus.CONFIRMED or registration.anonymised_at:
        return "not_registered"
    if registration.event.start > (now or timezone.now()):
        return "not_started"
    return None


def feedback_submit(*, registration: Registration, rating: int, useful: str = "",
                    improve: str = "", new_contacts: int | None = None,
                    would_recommend: bool | None = None) -> Feedback:
    """Record (or update) the feedback of ``registration``; one row per registration.

    Raises ``FeedbackError`` when feedback is not open to this registration
    and ``ValidationError`` for answers out of range. The audit record names
    no one, not even a logged-in sender: with the feedback's id it would tie
    the answers to a person.
    """
    refusal = feedback_refusal(registration)
    if refusal:
        raise FeedbackError(refusal)
    answers = {"rating": rating, "useful": useful.strip(), "improve": improve.strip(),
               "new_contacts": new_contacts, "would_recommend": would_recommend}
    try:
        return _save_feedback(registration, answers)
    except IntegrityError:  # the same form sent twice at the same moment: the other won
        return _save_feedback(registration, answers)


def _save_feedback(registration: Registration, answers: dict[str, Any]) -> Feedback:
    with transaction.atomic():
        feedback = Feedback.objects.select_for_update().filter(registration=registration).first()
        created = feedback is None
        if feedback is None:
            feedback = Feedback(event_id=registration.event_id, registration=registration)
        for name, value in answers.items():
            setattr(feedback, name, value)
        # "No answer" to would-recommend is None, which the field's missing blank=True
        # would refuse; the database column allows it.
        feedback.full_clean(exclude=["would_recommend"] if feedback.would_recommend is None
                            else None, validate_unique=False)
        feedback.save()
        audit_record(actor=AnonymousUser(),
                     action=FEEDBACK_SUBMITTED if created else FEEDBACK_UPDATED,
                     target=registration.event, data={"feedback_id": feedback.pk})
    return feedback


# --- Outcomes -----------------------------------------------------------------------------


def outcome_add(*, actor: Any, event: EventPage, title: str, description: str = "",
                coalition: Coalition | None = None,
                initiative: Initiative | None = None) -> EventOutcome:
    """Record what ``event`` led to, optionally linked to a coalition or an initiative."""
    if not selectors.user_can_organise(actor, event):
        raise PermissionDenied
    if coalition is not None and not coalitions_visible_to(actor).filter(
            pk=coalition.pk).exists():
        raise FeedbackError("coalition_hidden")
    if initiative is not None and not initiatives_visible_to(actor).filter(
            pk=initiative.pk).exists():
        raise FeedbackError("initiative_hidden")
    outcome = EventOutcome(event=event, title=title.strip(), description=description.strip(),
                           coalition=coalition, initiative=initiative, created_by=actor)
    outcome.full_clean()
    with transaction.atomic():
        outcome.save()
        audit_record(actor=actor, action=OUTCOME_ADDED, target=event,
                     data={"outcome_id": outcome.pk, "coalition_id": outcome.coalition_id,
                           "initiative_id": outcome.initiative_id})
    return outcome


def outcome_delete(*, actor: Any, outcome: EventOutcome) -> None:
    """Remove a recorded outcome (the coalition or initiative it pointed to stays)."""
    event = outcome.event
    if not selectors.user_can_organise(actor, event):
        raise PermissionDenied
    with transaction.atomic():
        outcome_id = outcome.pk
        outcome.delete()
        audit_record(actor=actor, action=OUTCOME_DELETED, target=event,
                     data={"outcome_id": outcome_id})
