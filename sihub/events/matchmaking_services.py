"""Writes of matchmaking: profiles, taking part, answers, blocks, slots and scheduler runs.

Every function checks the caller's right again (a participant acts only for
themself; slots and runs need ``selectors.user_can_organise``), validates with
``full_clean()``, writes in one transaction and leaves an ``audit_record``
(ids and counts only — never names or profile text). Refusals a person can
fix raise ``MatchmakingError`` with a stable ``code``; ``.message`` is the
translated sentence.

A run (``matchmaking_run``) keeps the meetings both sides accepted, turns
every declined meeting into a ``MatchBlock`` (a declined pair is never
proposed again, even after the meeting row is gone) and replaces all other
meetings with the scheduler's new proposals. Big events run in the
background (``matchmaking_request_run`` → ``matchmaking_tasks``); the
"running" state and the last run's figures are read back from the audit log
(``run_status``), so no extra table is needed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sihub.core.models import AuditEntry
from sihub.core.services import ServiceError, audit_record
from sihub.events import selectors
from sihub.events.models import (
    EventPage,
    MatchBlock,
    MatchMeeting,
    MatchParticipant,
    MatchProfile,
    MatchSlot,
    MeetingAnswer,
    Registration,
    RegistrationStatus,
)

Embed = Callable[[list[str]], np.ndarray]

PROFILE_SAVED = "events.match_profile_saved"
PARTICIPANT_JOINED = "events.match_joined"
PARTICIPANT_LEFT = "events.match_left"
AVAILABILITY_SET = "events.match_availability_set"
PAIR_BLOCKED = "events.match_pair_blocked"
MEETING_ANSWERED = "events.match_meeting_answered"
SLOT_ADDED = "events.match_slot_added"
SLOT_REMOVED = "events.match_slot_removed"
RUN_QUEUED = "events.match_run_queued"
RUN_DONE = "events.match_run"
RUN_FAILED = "events.match_run_failed"

# Up to this many participants a run happens inside the request (a second or
# two); more go to the task queue so the organiser's page does not time out.
RUN_INLINE_LIMIT = 150
# A queued run not finished after this long is taken as lost (a dead worker):
# the page stops saying "running" and the organiser may start another.
RUN_STALE_AFTER = timedelta(minutes=30)
RUN_TIME_LIMIT = 20.0  # seconds the scheduler may search

PROFILE_FIELDS = ("organisation", "sector", "offers", "seeks", "interests")

ERROR_MESSAGES = {
    "not_enabled": _("There is no matchmaking at this event."),
    "not_registered": _("Matchmaking is for registered participants. Register for the event "
                        "first; when your place is confirmed you can join."),
    "no_profile": _("Fill in your matchmaking profile first."),
    "not_participant": _("You do not take part in the matchmaking at this event."),
    "same_person": _("You cannot block yourself."),
    "bad_answer": _("Answer with accept or decline."),
    "running": _("The scheduler is already running for this event. Wait until it has "
                 "finished."),
    "no_slots": _("Add at least one time slot before running the scheduler."),
}


class MatchmakingError(ServiceError):
    """A refused change the person can understand (codes: ERROR_MESSAGES)."""

    messages = ERROR_MESSAGES


# --- Reading what a write needs ------------------------------------------------------------


def confirmed_registration(user: Any, event: EventPage) -> Registration | None:
    """The person's confirmed registration for ``event`` (by account or address), or None.

    One linked to matchmaking already wins, so a second registration under
    another address does not make a second participant.
    """
    rows = list(selectors.registrations_of_user(user)
                .filter(event=event, status=RegistrationStatus.CONFIRMED)
                .select_related("match_participant"))
    for row in rows:
        if hasattr(row, "match_participant"):
            return row
    return rows[0] if rows else None


def profile_of(user: Any) -> MatchProfile | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return MatchProfile.objects.filter(user=user).select_related("sector").first()


def participant_of(user: Any, event: EventPage) -> MatchParticipant | None:
    """The person's participation at ``event``, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (MatchParticipant.objects.filter(event=event, profile__user=user)
            .select_related("profile__sector", "registration").first())


def _own_participant(user: Any, participant: MatchParticipant) -> None:
    if not getattr(user, "is_authenticated", False) or participant.profile.user_id != user.pk:
        raise PermissionDenied


def _require_organiser(actor: Any, event: EventPage) -> None:
    # actor None is the system (a task or a management command acting for staff).
    if actor is not None and not selectors.user_can_organise(actor, event):
        raise PermissionDenied


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


# --- The profile ---------------------------------------------------------------------------


def profile_save(*, user: Any, fields: Mapping[str, Any],
                 sdgs: Iterable[Any] = ()) -> MatchProfile:
    """Create or update the person's own profile (used at every event they join)."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    profile = MatchProfile.objects.filter(user=user).first() or MatchProfile(user=user)
    created = profile.pk is None
    for name in PROFILE_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(profile, name, value.strip() if isinstance(value, str) else value)
    profile.full_clean()
    with transaction.atomic():
        profile.save()
        profile.sdgs.set(list(sdgs))
        # The user as target: the audit log never copies a person's label (their address).
        audit_record(actor=user, action=PROFILE_SAVED, target=user,
                     data={"profile": profile.pk, "created": created})
    return profile


# --- Taking part ---------------------------------------------------------------------------


def participant_join(*, user: Any, event: EventPage,
                     slots: Iterable[MatchSlot] | None = None) -> MatchParticipant:
    """Opt in to matchmaking at ``event``: confirmed registration and a profile needed.

    Joining twice gives the first participation back. ``slots`` None means
    available at every slot (the person narrows it down afterwards).
    """
    if not event.matchmaking_enabled:
        raise MatchmakingError("not_enabled")
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    registration = confirmed_registration(user, event)
    if registration is None:
        raise MatchmakingError("not_registered")
    profile = profile_of(user)
    if profile is None:
        raise MatchmakingError("no_profile")
    existing = (MatchParticipant.objects.filter(event=event, profile=profile)
                .select_related("registration").first())
    if existing is not None:
        if existing.registration_id != registration.pk \
                and existing.registration.status != RegistrationStatus.CONFIRMED:
            # Cancelled and registered again: the participation follows the new registration.
            with transaction.atomic():
                existing.registration = registration
                existing.save(update_fields=["registration"])
                audit_record(actor=user, action=PARTICIPANT_JOINED, target=event,
                             data={"participant": existing.pk, "rejoined": True})
        return existing
    chosen = list(MatchSlot.objects.filter(event=event)) if slots is None else \
        [s for s in slots if s.event_id == event.pk]
    participant = MatchParticipant(event=event, registration=registration, profile=profile)
    participant.full_clean()
    with transaction.atomic():
        participant.save()
        participant.available_slots.set(chosen)
        audit_record(actor=user, action=PARTICIPANT_JOINED, target=event,
                     data={"participant": participant.pk, "slots": len(chosen)})
    return participant


def participant_leave(*, user: Any, participant: MatchParticipant) -> None:
    """Opt out: the participation goes, with the person's meetings and blocks at this event."""
    _own_participant(user, participant)
    event = participant.event
    with transaction.atomic():
        meetings = MatchMeeting.objects.filter(
            Q(first=participant) | Q(second=participant)).count()
        pk = participant.pk
        participant.delete()
        audit_record(actor=user, action=PARTICIPANT_LEFT, target=event,
                     data={"participant": pk, "meetings_removed": meetings})


def participant_set_availability(*, user: Any, participant: MatchParticipant,
                                 slots: Iterable[MatchSlot]) -> MatchParticipant:
    """The slots in which the person can meet (only this event's slots count)."""
    _own_participant(user, participant)
    chosen = [s for s in slots if s.event_id == participant.event_id]
    with transaction.atomic():
        participant.available_slots.set(chosen)
        audit_record(actor=user, action=AVAILABILITY_SET, target=participant.event,
                     data={"participant": participant.pk, "slots": sorted(s.pk for s in chosen)})
    return participant


def participant_block(*, user: Any, participant: MatchParticipant,
                      other: MatchParticipant) -> MatchBlock:
    """"Don't propose me this person": never paired again; open proposals declined on my side."""
    _own_participant(user, participant)
    if other.event_id != participant.event_id:
        raise MatchmakingError("not_participant")
    if other.pk == participant.pk:
        raise MatchmakingError("same_person")
    first, second = _pair(participant.pk, other.pk)
    with transaction.atomic():
        block, created = MatchBlock.objects.get_or_create(
            first_id=first, second_id=second, defaults={"event_id": participant.event_id})
        between = MatchMeeting.objects.filter(
            Q(first=participant, second=other) | Q(first=other, second=participant))
        for meeting in between:
            side = "first_answer" if meeting.first_id == participant.pk else "second_answer"
            setattr(meeting, side, MeetingAnswer.DECLINED)
            meeting.save(update_fields=[side])
        if created:
            audit_record(actor=user, action=PAIR_BLOCKED, target=participant.event,
                         data={"block": block.pk})
    return block


def meeting_answer(*, user: Any, meeting: MatchMeeting, answer: str) -> MatchMeeting:
    """The person's answer for their side of ``meeting`` (may be changed until the next run).

    A decline frees both people; the next run turns it into a block, so the
    pair is never proposed again.
    """
    if answer not in (MeetingAnswer.ACCEPTED, MeetingAnswer.DECLINED):
        raise MatchmakingError("bad_answer")
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    with transaction.atomic():
        locked = (MatchMeeting.objects.select_for_update()
                  .select_related("first__profile", "second__profile").get(pk=meeting.pk))
        if locked.first.profile.user_id == user.pk:
            side = "first_answer"
        elif locked.second.profile.user_id == user.pk:
            side = "second_answer"
        else:
            raise PermissionDenied
        if getattr(locked, side) != answer:
            setattr(locked, side, answer)
            locked.save(update_fields=[side])
            audit_record(actor=user, action=MEETING_ANSWERED, target=locked.event,
                         data={"meeting": locked.pk, "answer": answer})
    return locked


# --- Slots (organisers) --------------------------------------------------------------------


def slot_add(*, actor: Any, event: EventPage, start: datetime, end: datetime,
             tables: int) -> MatchSlot:
    """A time for meetings inside the event's own time, overlapping no other slot."""
    _require_organiser(actor, event)
    errors: dict[str, Any] = {}
    if end <= start:
        errors["end"] = _("A slot must end after it starts.")
    elif start < event.start or end > event.end:
        errors["start"] = _("A slot must lie within the event's time.")
    elif MatchSlot.objects.filter(event=event, start__lt=end, end__gt=start).exists():
        errors["start"] = _("This slot overlaps another slot.")
    if errors:
        raise ValidationError(errors)
    slot = MatchSlot(event=event, start=start, end=end, tables=tables)
    slot.full_clean()
    with transaction.atomic():
        slot.save()
        audit_record(actor=actor, action=SLOT_ADDED, target=event,
                     data={"slot": slot.pk, "tables": tables})
    return slot


def slot_remove(*, actor: Any, slot: MatchSlot) -> None:
    """Remove a slot and the meetings in it."""
    event = slot.event
    _require_organiser(actor, event)
    with transaction.atomic():
        meetings = slot.meetings.count()
        pk = slot.pk
        slot.delete()
        audit_record(actor=actor, action=SLOT_REMOVED, target=event,
                     data={"slot": pk, "meetings_removed": meetings})


# --- Scheduler runs (organisers) -----------------------------------------------------------


@dataclass(frozen=True)
class RunReport:
    """What one run did, as numbers (stored in the audit entry and shown on the grid)."""

    participants: int
    slots: int
    proposed: int  # new proposals written
    kept: int  # meetings both sides had accepted
    removed: int  # earlier proposals replaced
    declined_blocked: int  # declined meetings turned into blocks
    total_fit: float
    average_fit: float
    variety_met: int
    variety_possible: int
    without_meeting: int
    seconds: float

    def as_data(self) -> dict[str, Any]:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(self).items()}


@dataclass(frozen=True)
class RunStatus:
    running: bool
    queued_at: datetime | None
    last: dict[str, Any] | None  # the last finished run's RunReport.as_data()
    last_at: datetime | None
    failed_at: datetime | None  # when the last attempt failed (after the last success)


def run_status(event: EventPage) -> RunStatus:
    """Whether a run is queued, and the last finished run's figures (from the audit log)."""
    entries = list(AuditEntry.objects.filter(
        target_type=event._meta.label_lower, target_id=str(event.pk),
        action__in=(RUN_QUEUED, RUN_DONE, RUN_FAILED)).order_by("-created_at", "-id")[:20])
    latest = entries[0] if entries else None
    running = (latest is not None and latest.action == RUN_QUEUED
               and latest.created_at > timezone.now() - RUN_STALE_AFTER)
    done = next((e for e in entries if e.action == RUN_DONE), None)
    failed = next((e for e in entries if e.action == RUN_FAILED), None)
    if failed is not None and done is not None and failed.created_at < done.created_at:
        failed = None
    return RunStatus(running=running, queued_at=latest.created_at if running else None,
                     last=done.data if done else None, last_at=done.created_at if done else None,
                     failed_at=failed.created_at if failed else None)


def matchmaking_request_run(*, actor: Any, event: EventPage, max_meetings: int | None = None,
                            min_fit: float = 0.0) -> RunReport | None:
    """Run now (small events, the report) or queue a background run (big ones, None)."""
    _require_organiser(actor, event)
    if not event.matchmaking_enabled:
        raise MatchmakingError("not_enabled")
    if run_status(event).running:
        raise MatchmakingError("running")
    if not MatchSlot.objects.filter(event=event).exists():
        raise MatchmakingError("no_slots")
    count = MatchParticipant.objects.filter(
        event=event, registration__status=RegistrationStatus.CONFIRMED).count()
    if count <= RUN_INLINE_LIMIT:
        return matchmaking_run(actor=actor, event=event, max_meetings=max_meetings,
                               min_fit=min_fit)
    from sihub.events.matchmaking_tasks import run_matchmaking

    event_id, actor_id = event.pk, getattr(actor, "pk", None)
    with transaction.atomic():
        audit_record(actor=actor, action=RUN_QUEUED, target=event,
                     data={"participants": count})
        transaction.on_commit(lambda: run_matchmaking.enqueue(
            event_id, actor_id, max_meetings, min_fit))
    return None


def matchmaking_run(*, actor: Any, event: EventPage, max_meetings: int | None = None,
                    min_fit: float = 0.0, embed: Embed | None = None, seed: int = 0,
                    time_limit: float | None = RUN_TIME_LIMIT) -> RunReport:
    """Propose meetings for ``event``: keep the accepted, replace the rest (one transaction)."""
    from sihub.events import matchmaking as mm
    from sihub.events import matchmaking_adapter as adapter

    _require_organiser(actor, event)
    if not event.matchmaking_enabled:
        raise MatchmakingError("not_enabled")
    began = time.monotonic()
    built = adapter.build_problem(event, max_meetings=max_meetings, min_fit=min_fit,
                                  embed=embed)
    result = mm.schedule(built.problem, seed=seed, time_limit=time_limit)
    with transaction.atomic():
        written = adapter.write_schedule(event, built, result)
        # The figures of what was written (the adapter re-checks the hard rules).
        problem = built.problem
        total = mm.objective(problem, written.meetings) if written.meetings else 0.0
        possible = mm.variety_possible(problem)
        report = RunReport(
            participants=len(built.participants), slots=len(problem.slots),
            proposed=written.proposed, kept=written.kept, removed=written.removed,
            declined_blocked=written.declined_blocked, total_fit=total,
            average_fit=total / len(written.meetings) if written.meetings else 0.0,
            variety_met=len(mm.variety_met(problem, written.meetings) & possible),
            variety_possible=len(possible), without_meeting=written.without_meeting,
            seconds=time.monotonic() - began)
        audit_record(actor=actor, action=RUN_DONE, target=event, data=report.as_data())
    return report


def matchmaking_run_failed(*, actor: Any, event: EventPage, error: str) -> None:
    """Note a background run that failed, so the page stops saying "running"."""
    audit_record(actor=actor, action=RUN_FAILED, target=event, data={"error": error[:200]})
