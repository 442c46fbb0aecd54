"""Builders for the matchmaking tests: an event with slots, and registered people with profiles.

Registrations are made straight in the database (the registration services
are tested elsewhere); profiles, participation and runs go through
``matchmaking_services``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from sihub.conftest import _person
from sihub.core.models import Sector, User
from sihub.events import matchmaking_services as services
from sihub.events.models import (
    EventPage,
    MatchParticipant,
    MatchSlot,
    Registration,
    RegistrationStatus,
)
from sihub.events.tests.conftest import make_event
from sihub.sdg.models import Goal

# Who comes to the network meeting: name, sector, offers, seeks, interests, goals.
PEOPLE = [
    ("Alva Andersson", "public", "Arbetsmarknadsinsatser för unga och praktikplatser i kommunen",
     "Sociala företag som kan anställa unga", "inkludering, arbetsliv", (8, 10)),
    ("Bo Berg", "social-economy", "Arbetsintegrerande socialt företag som anställer unga",
     "Upphandling och samarbete med kommunen", "inkludering, sociala företag", (8,)),
    ("Cecilia Chen", "academia", "Forskning om effektmätning och utvärdering",
     "Praktiska fall att utvärdera", "effektmätning, social innovation", (4, 8)),
    ("David Dahl", "private", "Finansiering och mentorskap för sociala entreprenörer",
     "Sociala innovationer att investera i", "impact investing", (8, 9)),
    ("Eva Ek", "civil-society", "Volontärer och lokala nätverk i förorten",
     "Finansiering för vårt integrationsprojekt", "integration, volontärer", (10, 11)),
    ("Fredrik Falk", "public", "Lokaler och stöd till föreningar",
     "Forskning om vad som fungerar", "utvärdering, föreningsliv", (11,)),
]


def slot_times(event: EventPage, count: int = 3) -> list[tuple[Any, Any]]:
    """``count`` slots of 20 minutes every half hour from the event's start."""
    return [(event.start + timedelta(minutes=30 * i), event.start + timedelta(minutes=30 * i + 20))
            for i in range(count)]


def match_event(calendars: Any, title: str = "Matchträff", slots: int = 3,
                tables: int = 10, **fields: Any) -> EventPage:
    fields.setdefault("matchmaking_enabled", True)
    event = make_event(calendars, title, **fields)
    for start, end in slot_times(event, slots):
        MatchSlot.objects.create(event=event, start=start, end=end, tables=tables)
    return event


def register(event: EventPage, user: User, *, status: str = RegistrationStatus.CONFIRMED,
             by_email: bool = False) -> Registration:
    return Registration.objects.create(
        event=event, user=None if by_email else user, name=user.get_full_name() or user.email,
        email=user.email, status=status)


def give_profile(user: User, sector: str = "public", offers: str = "Kunskap om upphandling",
                 seeks: str = "Sociala företag", interests: str = "inkludering",
                 goals: tuple[int, ...] = (8,), organisation: str = "") -> Any:
    return services.profile_save(
        user=user,
        fields={"sector": Sector.objects.get(slug=sector), "offers": offers, "seeks": seeks,
                "interests": interests, "organisation": organisation or f"Org {user.pk}"},
        sdgs=Goal.objects.filter(number__in=goals))


def person(email: str, name: str = "") -> User:
    first, _, last = name.partition(" ")
    return _person(email, [], first_name=first, last_name=last)


def crowd(event: EventPage, people: list[tuple] | None = None) -> list[MatchParticipant]:
    """The people above, registered, with profiles, opted in at every slot."""
    out = []
    for name, sector, offers, seeks, interests, goals in people or PEOPLE:
        user = User.objects.filter(email=f"{name.split()[0].lower()}@example.org").first() \
            or person(f"{name.split()[0].lower()}@example.org", name)
        register(event, user)
        if not hasattr(user, "match_profile"):
            give_profile(user, sector, offers, seeks, interests, goals,
                         organisation=f"{name.split()[1]} AB")
        out.append(services.participant_join(user=user, event=event))
    return out


@pytest.fixture
def mevent(calendars) -> EventPage:
    return match_event(calendars)
