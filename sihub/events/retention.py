"""Retention of participants' personal data: anonymised a set time after the event.

``SIHUB_EVENTS_RETENTION_DAYS`` after an event **ended**, its registrations are
anonymised (``anonymise_registrations``, which erasure on request uses too):

* blanked: name, organisation (the free text), dietary and accessibility
  needs; the e-mail address becomes ``anonymised-<id>@anonymised.invalid`` —
  unique per row, so the "one active registration per address and event"
  constraint stays valid, and matching no one's real address;
* unlinked: the account (``user``), and the person's feedback (the answers
  stay, as anonymous answers);
* deleted: the event's matchmaking rows (participants, proposed meetings,
  blocked pairs): who wanted to meet whom is personal;
* kept, for statistics: the event, the status, the sector and the
  organisation in the ecosystem directory (an organisation is not a
  person), the language, the times of sign-up and check-in, and what was
  consented to (kind, yes/no, the text version shown).

Idempotent (``anonymised_at`` marks the rows done), batched (one short
transaction per batch), and returns the number of registrations anonymised.
Scheduled daily (``apps.py``); by hand: ``manage.py apply_event_retention``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from sihub.core.services import audit_record
from sihub.events.models import (
    Feedback,
    MatchBlock,
    MatchMeeting,
    MatchParticipant,
    Registration,
)

BATCH_SIZE = 500
RETENTION_DONE = "events.retention_applied"
PLACEHOLDER_DOMAIN = "anonymised.invalid"


def placeholder_email(pk: int) -> str:
    return f"anonymised-{pk}@{PLACEHOLDER_DOMAIN}"


def retention_cutoff(now: datetime | None = None) -> datetime:
    """Events that ended before this moment are past their retention period."""
    return (now or timezone.now()) - timedelta(days=settings.SIHUB_EVENTS_RETENTION_DAYS)


def registrations_due(now: datetime | None = None) -> models.QuerySet[Registration]:
    return Registration.objects.filter(event__end__lt=retention_cutoff(now),
                                       anonymised_at__isnull=True)


def anonymise_registrations(ids: Iterable[int], *, now: datetime | None = None,
                            blank_feedback_text: bool = False) -> int:
    """Anonymise the registrations ``ids`` (see the module docstring); returns how many.

    ``blank_feedback_text`` also empties the free-text answers of their
    feedback: erasure on request does, because a person may have written
    about themselves; retention keeps them as anonymous answers.
    Call inside a transaction or not: it opens its own.
    """
    ids = list(ids)
    if not ids:
        return 0
    now = now or timezone.now()
    with transaction.atomic():
        rows = Registration.objects.filter(pk__in=ids, anonymised_at__isnull=True)
        wanted = list(rows.values_list("pk", flat=True))
        if not wanted:
            return 0
        # Deleting a participant deletes its meetings and blocked pairs (CASCADE).
        MatchParticipant.objects.filter(registration_id__in=wanted).delete()
        feedback = Feedback.objects.filter(registration_id__in=wanted)
        if blank_feedback_text:
            feedback.update(useful="", improve="", registration=None)
        else:
            feedback.update(registration=None)
        return Registration.objects.filter(pk__in=wanted).update(
            name="", organisation="", dietary_needs="", accessibility_needs="", user=None,
            email=Concat(models.Value("anonymised-"), Cast("pk", models.CharField()),
                         models.Value(f"@{PLACEHOLDER_DOMAIN}"),
                         output_field=models.CharField()),
            anonymised_at=now)


def _delete_matchmaking(event_ids: set[int]) -> None:
    """Everything of the events' matchmaking that says who met (or avoided) whom."""
    MatchMeeting.objects.filter(event_id__in=event_ids).delete()
    MatchBlock.objects.filter(event_id__in=event_ids).delete()
    MatchParticipant.objects.filter(event_id__in=event_ids).delete()


def apply_event_retention(now: datetime | None = None, *, batch_size: int = BATCH_SIZE,
                          log: Callable[[str], None] = lambda _m: None) -> int:
    """Anonymise registrations of events that ended more than the retention period ago."""
    now = now or timezone.now()
    due = registrations_due(now)
    total = due.count()
    log(f"{total} registrations of events that ended before "
        f"{retention_cutoff(now):%Y-%m-%d} to anonymise")
    done = 0
    events: set[int] = set()
    while True:
        batch = list(due.order_by("pk").values_list("pk", "event_id")[:batch_size])
        if not batch:
            break
        batch_events = {event_id for _pk, event_id in batch}
        with transaction.atomic():
            _delete_matchmaking(batch_events)
            count = anonymise_registrations([pk for pk, _e in batch], now=now)
        if count == 0:  # nothing changed: another run took these rows; do not spin
            break
        done += count
        events |= batch_events
        log(f"  {done}/{total} anonymised")
    if done:
        audit_record(actor=None, action=RETENTION_DONE,
                     data={"registrations": done, "events": sorted(events),
                           "retention_days": settings.SIHUB_EVENTS_RETENTION_DAYS})
    return done
