"""Who may read and change what in events: the rule in one place.

* everyone reads live event pages, the calendar and the iCalendar feeds;
* anyone may sign up to an event whose registration is open; a registration
  is reached by its signed link (``tokens.py``) or, for a logged-in person, by
  their account (``Registration.user``);
* organisers — staff with ``events.view_registration`` (facilitators,
  administrators) — read the participant list, statistics and feedback of
  every event; ``events.change_registration`` lets them check people in,
  write to participants, run matchmaking and record outcomes;
* a matchmaking profile belongs to its user alone.

An event that is not live does not exist for anyone here (Http404); a page
one may read but an organiser's page one may not raises PermissionDenied.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from sihub.events.models import EventPage, Registration, RegistrationStatus

VIEW_PARTICIPANTS = "events.view_registration"
ORGANISE = "events.change_registration"
VIEW_FEEDBACK = "events.view_feedback"


def _active(user: Any) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def live_events() -> QuerySet[EventPage]:
    return EventPage.objects.live().public()


def get_event(pk: int) -> EventPage:
    """The live event ``pk`` as its canonical page (registrations hang there), or 404."""
    page = live_events().filter(pk=pk).first()
    if page is None:
        raise Http404("No such event")
    canonical = page.canonical
    if not canonical.live:
        raise Http404("No such event")
    return canonical


def user_can_view_participants(user: Any, event: EventPage | None = None) -> bool:
    return _active(user) and user.has_perm(VIEW_PARTICIPANTS)


def user_can_organise(user: Any, event: EventPage | None = None) -> bool:
    return _active(user) and user.has_perm(ORGANISE)


def user_can_view_feedback(user: Any, event: EventPage | None = None) -> bool:
    return _active(user) and (user.has_perm(VIEW_FEEDBACK) or user.has_perm(VIEW_PARTICIPANTS))


def get_event_for_organiser(user: Any, pk: int, *, change: bool = False) -> EventPage:
    """The event for an organiser's page; 404 when not live, 403 without the right."""
    event = get_event(pk)
    allowed = user_can_organise(user, event) if change else user_can_view_participants(user, event)
    if not allowed:
        raise PermissionDenied
    return event


def places_taken(event: EventPage) -> int:
    return Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count()


def places_left(event: EventPage) -> int | None:
    """Free places on the canonical event, None when there is no limit."""
    if event.capacity is None:
        return None
    return max(0, event.capacity - places_taken(event))


def registration_counts(events: list[EventPage]) -> dict[int, dict[str, int]]:
    """{canonical event id: {"confirmed": n, "waiting": n}} for many events in one query."""
    rows = (Registration.objects.filter(event__in=events)
            .values("event_id")
            .annotate(confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
                      waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING))))
    return {row["event_id"]: {"confirmed": row["confirmed"], "waiting": row["waiting"]}
            for row in rows}


def registrations_of_account(user: Any) -> QuerySet[Registration]:
    """The registrations of an account: linked to it, or made with its address.

    Anonymised rows match neither (no account, a placeholder address).
    """
    if user is None or not getattr(user, "pk", None):
        return Registration.objects.none()
    wanted = Q(user=user)
    if (user.email or "").strip():
        wanted |= Q(email__iexact=user.email.strip())
    return Registration.objects.filter(wanted)


def registrations_of_user(user: Any) -> QuerySet[Registration]:
    """A logged-in person's registrations, latest event first."""
    if not _active(user):
        return Registration.objects.none()
    return registrations_of_account(user).select_related("event").order_by("-event__start")
