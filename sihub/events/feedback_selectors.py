"""Reads after the event: feedback figures and answers, outcomes and where they lead.

Who may read: feedback results — organisers and analysts
(``selectors.user_can_view_feedback``); outcomes — organisers, and whoever
may read outcomes (``events.view_eventoutcome``: analysts). The free-text
answers never carry a name: they are read from the feedback rows alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from sihub.coalitions.selectors import coalitions_visible_to
from sihub.events import selectors
from sihub.events.feedback_stats import Answer, FeedbackSummary, summarise
from sihub.events.models import EventOutcome, EventPage, Feedback, Registration, RegistrationStatus
from sihub.impact.selectors import initiatives_visible_to

VIEW_OUTCOMES = "events.view_eventoutcome"


def user_can_view_outcomes(user: Any, event: EventPage | None = None) -> bool:
    if selectors.user_can_view_participants(user, event):
        return True
    return bool(user is not None and user.is_authenticated and user.is_active
                and user.has_perm(VIEW_OUTCOMES))


def feedback_summary(event: EventPage) -> FeedbackSummary:
    """The figures of ``event``'s feedback: two queries, whatever the number of answers."""
    answers = [Answer(rating=r, would_recommend=w, new_contacts=n) for r, w, n in
               Feedback.objects.filter(event=event).values_list(
                   "rating", "would_recommend", "new_contacts")]
    counts = Registration.objects.filter(event=event).aggregate(
        checked_in=Count("pk", filter=Q(checked_in_at__isnull=False)),
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)))
    return summarise(answers, checked_in=counts["checked_in"], confirmed=counts["confirmed"])


@dataclass(frozen=True)
class FreeText:
    useful: list[str]
    improve: list[str]


def free_text_answers(event: EventPage) -> FreeText:
    """What people wrote, without who wrote it (the rows' text only, newest first)."""
    rows = Feedback.objects.filter(event=event).filter(~Q(useful="") | ~Q(improve="")).values_list(
        "useful", "improve")
    return FreeText(useful=[u for u, _i in rows if u], improve=[i for _u, i in rows if i])


def outcomes_of(event: EventPage) -> QuerySet[EventOutcome]:
    return (EventOutcome.objects.filter(event=event)
            .select_related("coalition", "initiative").order_by("created_at", "pk"))


def get_outcome(event: EventPage, pk: Any) -> EventOutcome | None:
    return EventOutcome.objects.filter(event=event, pk=pk).select_related("event").first()


def linkable_coalitions(user: Any) -> QuerySet[Any]:
    return coalitions_visible_to(user).order_by("title")


def linkable_initiatives(user: Any) -> QuerySet[Any]:
    return initiatives_visible_to(user).order_by("title")


def visible_link_ids(user: Any, outcomes: list[EventOutcome]) -> tuple[set[int], set[int]]:
    """Of the coalitions and initiatives ``outcomes`` link to, those ``user`` may open."""
    coalition_ids = {o.coalition_id for o in outcomes if o.coalition_id}
    initiative_ids = {o.initiative_id for o in outcomes if o.initiative_id}
    seen_coalitions = set(coalitions_visible_to(user).filter(pk__in=coalition_ids)
                          .values_list("pk", flat=True)) if coalition_ids else set()
    seen_initiatives = set(initiatives_visible_to(user).filter(pk__in=initiative_ids)
                           .values_list("pk", flat=True)) if initiative_ids else set()
    return seen_coalitions, seen_initiatives
