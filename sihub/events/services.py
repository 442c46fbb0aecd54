"""Registration writes: sign up, cancel, promote from the waiting list — never overbooking.

The one rule that matters: **places are counted and a registration is written
inside one ``capacity_lock(event_id)``**, and every write that changes who has
a place (sign-up, cancellation, promotion) takes the same lock. The lock is a
transaction that holds

* on PostgreSQL, a row lock on the event (``SELECT … FOR UPDATE``): sign-ups
  to the same event queue behind each other, other events are not touched;
* on SQLite, the database's write lock, taken when the transaction begins
  (our connections use ``transaction_mode=IMMEDIATE``, see ``sihub/env.py``;
  ``select_for_update`` is a no-op there).

So the count a sign-up sees cannot change before its row is written. The
concurrency tests (``tests/test_concurrency.py``) fire 60 parallel sign-ups at
a real server for 10 places, and a control server that replaces
``capacity_lock`` with a no-op must overbook — the proof the test can fail.

Domain refusals are exceptions (``RegistrationError`` and its kinds) that the
views turn into messages. Audit entries name the event and the registration's
id, never the person. Mails go out through ``registration_tasks`` after the
commit, with ids only.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sihub.core.services import audit_record
from sihub.events.consents import (
    CONSENT_KINDS,
    CONSENT_TEXT_VERSION,
    REQUIRED_CONSENTS,
    consent_text,
)
from sihub.events.models import (
    ACTIVE_STATUSES,
    EventPage,
    Registration,
    RegistrationConsent,
    RegistrationStatus,
)

# Mail kinds (registration_tasks.send_registration_email, emails.py).
MAIL_CONFIRMED, MAIL_WAITING, MAIL_PROMOTED, MAIL_CANCELLED = (
    "confirmed", "waiting", "promoted", "cancelled")


# --- Domain errors -------------------------------------------------------------------------


class RegistrationError(Exception):
    """A sign-up or cancellation the rules refuse; ``message`` is for the person."""

    message: Any = _("Registration is not possible.")

    def __str__(self) -> str:
        return str(self.message)


class RegistrationClosed(RegistrationError):
    message = _("Registration for this event is closed.")


class RegistrationNotYetOpen(RegistrationClosed):
    message = _("Registration for this event has not opened yet.")


class EventFull(RegistrationError):
    message = _("The event is full, and there is no waiting list.")


class ConsentRequired(RegistrationError):
    message = _("We need your consent to process your registration.")


class CancellationClosed(RegistrationError):
    message = _("The event has already taken place: the registration can no longer be "
                "cancelled.")


# --- The lock ------------------------------------------------------------------------------


@contextmanager
def capacity_lock(event_id: int) -> Iterator[None]:
    """One transaction in which nobody else can change the event's places (see the module doc).

    The tests replace this with a no-op to show that, without it, parallel
    sign-ups overbook: keep every count-then-write on places inside it.
    """
    with transaction.atomic():
        # ``of=("self",)``: lock the event's own row, not the Wagtail page row
        # editors publish through.
        list(EventPage.objects.select_for_update(of=("self",))
             .filter(pk=event_id).values_list("pk", flat=True))
        yield


def _places_taken(event_id: int) -> int:
    """Confirmed places — call it inside ``capacity_lock`` only."""
    return Registration.objects.filter(event_id=event_id,
                                       status=RegistrationStatus.CONFIRMED).count()


def _limits(event: EventPage) -> EventPage:
    """The event's registration settings as they are now (an organiser may have changed them)."""
    event.refresh_from_db(fields=["capacity", "waiting_list", "registration_enabled",
                                  "registration_opens", "registration_closes", "start", "end"])
    return event


# --- Reads the views need (not locked: for display only) -----------------------------------


def window_error(event: EventPage, *, now: datetime | None = None) -> RegistrationError | None:
    """Why the registration window is shut (or None when it is open)."""
    now = now or timezone.now()
    if not event.registration_enabled:
        return RegistrationClosed()
    if event.registration_opens and now < event.registration_opens:
        return RegistrationNotYetOpen()
    if now >= event.registration_window_closes():
        return RegistrationClosed()
    return None


def sign_up_refusal(event: EventPage) -> RegistrationError | None:
    """Why the form should not be offered right now (closed, or full without a waiting list)."""
    from sihub.events.selectors import places_left

    error = window_error(event)
    if error is None and not event.waiting_list and places_left(event) == 0:
        error = EventFull()
    return error


def waiting_position(registration: Registration) -> int | None:
    """1 for the first in line; None when the registration is not on the waiting list."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    ahead = Registration.objects.filter(
        Q(created_at__lt=registration.created_at)
        | Q(created_at=registration.created_at, pk__lt=registration.pk),
        event_id=registration.event_id, status=RegistrationStatus.WAITING)
    return ahead.count() + 1


# --- Writes --------------------------------------------------------------------------------


def _enqueue_mail(registration_id: int, kind: str) -> None:
    from sihub.events.registration_tasks import send_registration_email

    transaction.on_commit(lambda: send_registration_email.enqueue(registration_id, kind))


def _audit_actor(user: Any) -> Any:
    return user if user is not None else AnonymousUser()


def registration_create(
    *,
    event: EventPage,
    name: str,
    email: str,
    organisation: str = "",
    actor: Any = None,
    sector: Any = None,
    dietary_needs: str = "",
    accessibility_needs: str = "",
    language: str = "sv",
    consents: Mapping[str, bool],
    user: Any = None,
) -> tuple[Registration, bool]:
    """Sign someone up: a place while there are places, else the waiting list.

    ``event`` is the canonical page (``selectors.get_event``); ``actor`` is the
    organisation in the ecosystem directory, ``user`` the account to link.
    Returns ``(registration, created)``: an address that already holds an
    active registration gets that one back with ``created=False`` (no second
    row, no second mail). Raises ``ConsentRequired``, ``RegistrationClosed``
    (or ``RegistrationNotYetOpen``) and ``EventFull``.
    """
    # Places are counted on the canonical page only, whichever translation the
    # caller holds: two languages must never mean two sets of places.
    event = event.canonical
    email = email.strip().lower()
    if any(not consents.get(kind) for kind in REQUIRED_CONSENTS):
        raise ConsentRequired()
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    try:
        with capacity_lock(event.pk):
            return _create_locked(event=event, name=name.strip(), email=email,
                                  organisation=organisation.strip(), actor=actor, sector=sector,
                                  dietary_needs=dietary_needs.strip(),
                                  accessibility_needs=accessibility_needs.strip(),
                                  language=language, consents=consents, user=user)
    except IntegrityError:
        # The one-active-registration-per-address constraint: only reachable
        # when two sign-ups of one address get past the lock (it is the
        # database's last word); answer like any duplicate.
        existing = _active_registration(event.pk, email)
        if existing is None:
            raise
        return existing, False


def _active_registration(event_id: int, email: str) -> Registration | None:
    return (Registration.objects.filter(event_id=event_id, email__iexact=email,
                                        status__in=ACTIVE_STATUSES).first())


def _create_locked(*, event: EventPage, name: str, email: str, organisation: str, actor: Any,
                   sector: Any, dietary_needs: str, accessibility_needs: str, language: str,
                   consents: Mapping[str, bool], user: Any) -> tuple[Registration, bool]:
    now = timezone.now()
    event = _limits(event)
    error = window_error(event, now=now)
    if error is not None:
        raise error
    existing = _active_registration(event.pk, email)
    if existing is not None:
        return existing, False
    if event.capacity is None or _places_taken(event.pk) < event.capacity:
        status = RegistrationStatus.CONFIRMED
    elif event.waiting_list:
        status = RegistrationStatus.WAITING
    else:
        raise EventFull()
    registration = Registration(
        event=event, user=user, name=name, email=email, organisation=organisation, actor=actor,
        sector=sector, dietary_needs=dietary_needs, accessibility_needs=accessibility_needs,
        language=language, status=status, created_at=now, status_changed_at=now)
    # The constraint check would only repeat the look-up above (and, when the
    # lock is switched off in the control test, turn the race into a form error).
    registration.full_clean(validate_constraints=False)
    registration.save()
    records = [RegistrationConsent(registration=registration, kind=kind,
                                   granted=bool(consents.get(kind)),
                                   text=consent_text(kind, language),
                                   text_version=CONSENT_TEXT_VERSION, recorded_at=now)
               for kind in CONSENT_KINDS]
    for record in records:
        record.full_clean(exclude=["registration"], validate_constraints=False)
    RegistrationConsent.objects.bulk_create(records)
    audit_record(actor=_audit_actor(user), action="events.registration_created", target=event,
                 data={"registration": registration.pk, "status": status,
                       "consents": {kind: bool(consents.get(kind)) for kind in CONSENT_KINDS},
                       "consent_version": CONSENT_TEXT_VERSION})
    _enqueue_mail(registration.pk, MAIL_CONFIRMED if status == RegistrationStatus.CONFIRMED
                  else MAIL_WAITING)
    return registration, True


def registration_cancel(*, registration: Registration, actor: Any = None) -> bool:
    """Cancel (idempotent: False when it was cancelled already) and give the place onward.

    The freed place goes to the first on the waiting list in the same locked
    transaction, so no newcomer can take it in between. ``actor`` is the user
    who cancelled (None: the person, by their signed link).
    """
    event = registration.event
    if event.is_past:
        raise CancellationClosed()
    now = timezone.now()
    with capacity_lock(event.pk):
        changed = (Registration.objects
                   .filter(pk=registration.pk, status__in=ACTIVE_STATUSES)
                   .update(status=RegistrationStatus.CANCELLED, status_changed_at=now))
        if changed:
            audit_record(actor=_audit_actor(actor), action="events.registration_cancelled",
                         target=event, data={"registration": registration.pk})
            _enqueue_mail(registration.pk, MAIL_CANCELLED)
            _promote_locked(event, actor=actor, now=now)
    registration.refresh_from_db(fields=["status", "status_changed_at"])
    return bool(changed)


def promote_waiting(event_id: int, *, actor: Any = None) -> list[int]:
    """Fill free places from the waiting list, first come first served (ids promoted).

    Called on every cancellation; organisers call it after raising the
    capacity. ``event_id`` may name any translation: the canonical page is used.
    """
    event = EventPage.objects.get(pk=event_id).canonical
    with capacity_lock(event.pk):
        return _promote_locked(event, actor=actor, now=timezone.now())


def _promote_locked(event: EventPage, *, actor: Any, now: datetime) -> list[int]:
    event = _limits(event)
    if event.end < now:
        return []  # nobody wants a place at an event that is over
    waiting = (Registration.objects.filter(event_id=event.pk, status=RegistrationStatus.WAITING)
               .order_by("created_at", "pk").values_list("pk", flat=True))
    if event.capacity is not None:
        free = event.capacity - _places_taken(event.pk)
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = list(waiting)
    if not promoted:
        return []
    Registration.objects.filter(pk__in=promoted).update(status=RegistrationStatus.CONFIRMED,
                                                        status_changed_at=now)
    for pk in promoted:
        audit_record(actor=_audit_actor(actor), action="events.registration_promoted",
                     target=event, data={"registration": pk})
        _enqueue_mail(pk, MAIL_PROMOTED)
    return promoted
