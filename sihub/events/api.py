"""API: the public calendar of events, read-only (mounted at /api/v1/events).

An event is listed once, by its **canonical** page (``EventPage.canonical``:
the Swedish one, or the page itself when it has no Swedish translation), with
its title, texts and page link in the language asked (``lang``) when that
translation is live. Only live events everyone may see are here, as on the
site (``selectors.get_event``): a draft, an event whose canonical page is not
live, or a page behind a view restriction answers 404.

What leaves is what the event page shows: times, place, organisers (published
directory actors), goals, the programme, and how many places are left. No
personal data: no registrations, names, e-mail addresses or feedback, and not
the online meeting link, which organisers may mean for participants only
(``online`` says whether there is one).
"""

# No "from __future__ import annotations": ninja reads Query[...] from the signature.

import datetime as dt
from typing import Annotated, Any, Literal

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from wagtail.models import Locale
from wagtail.rich_text import expand_db_html

from sihub.actors.models import Actor
from sihub.api.errors import errors
from sihub.api.knowledge import CountyCode, GoalNumber, PageId, Slug
from sihub.api.pagination import PageNumberPagination
from sihub.events import selectors
from sihub.events.calendar_logic import registration_state
from sihub.events.models import EventLanguage, EventPage, EventSession, EventType

router = Router(tags=["Events"])
Language = Literal["sv", "en"]
# Bounded so that midnight in Stockholm, and the day after, stay representable in UTC.
Day = Annotated[dt.date, Field(ge=dt.date(1900, 1, 1), le=dt.date(9000, 12, 31))]


def _lang(value: str | None) -> str:
    return value if value in ("sv", "en") else "sv"


# --- Filters --------------------------------------------------------------------------------


class EventFilters(Schema):
    lang: Language = Field("sv", description="Language of titles, texts and page links.")
    type: list[EventType] = Field([], description="Type of event; repeat for any of several.")
    date_from: Day | None = Field(
        None, alias="from", description="Events that end on or after this day (Europe/Stockholm).")
    date_to: Day | None = Field(
        None, alias="to", description="Events that start on or before this day.")
    sdg: list[GoalNumber] = Field([], description="Global goal number.")
    county: list[CountyCode] = Field(
        [], description="County code, e.g. 24: the county of the venue or one the event is "
                        "tagged with.")
    language: list[EventLanguage] = Field([], description="Language the event is held in.")
    series: list[Slug] = Field([], description="Slug of a recurring series.")

    def apply(self, events: QuerySet[EventPage]) -> QuerySet[EventPage]:
        if self.type:
            events = events.filter(event_type__in=[t.value for t in self.type])
        if self.date_from:
            events = events.filter(end__gte=_midnight(self.date_from))
        if self.date_to:
            events = events.filter(start__lt=_midnight(self.date_to + dt.timedelta(days=1)))
        if self.language:
            events = events.filter(language__in=[v.value for v in self.language])
        if self.series:
            events = events.filter(series__slug__in=self.series)
        # Subqueries keep an event with two matching tags from appearing twice.
        if self.sdg:
            events = events.filter(pk__in=EventPage.objects.filter(
                sdgs__number__in=self.sdg).values("pk"))
        if self.county:
            events = events.filter(pk__in=EventPage.objects.filter(
                Q(counties__code__in=self.county)
                | Q(municipality__county__code__in=self.county)).values("pk"))
        return events


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


# --- Output ---------------------------------------------------------------------------------


class OrganiserOut(Schema):
    id: int
    name: str


class EventOut(Schema):
    id: int = Field(description="The event's canonical id (its Swedish page).")
    title: str
    type: EventType = Field(alias="event_type")
    start: dt.datetime
    end: dt.datetime
    url: str = Field(description="Absolute address of the event's page in the language asked.")
    language: EventLanguage = Field(description="Language the event is held in.")
    series: str | None = Field(description="Slug of the recurring series, if any.")
    venue: str = Field(alias="venue_name")
    city: str
    municipality: str | None = Field(description="Code of the venue's municipality.",
                                     examples=["2480"])
    counties: list[str] = Field(examples=[["24"]])
    online: bool = Field(description="Whether people can take part online.")
    organisers: list[OrganiserOut] = Field(description="Organisers in the ecosystem directory.")
    sdgs: list[int] = Field(examples=[[8, 10]])
    places_total: int | None = Field(alias="capacity", description="None: no limit.")
    places_left: int | None = Field(description="None: no limit.")
    registration_open: bool = Field(
        description="Whether one can sign up on sihub now (a place or the waiting list).")

    # Times in Europe/Stockholm, with their offset.
    @staticmethod
    def resolve_start(obj: EventPage) -> dt.datetime:
        return timezone.localtime(obj.start)

    @staticmethod
    def resolve_end(obj: EventPage) -> dt.datetime:
        return timezone.localtime(obj.end)

    @staticmethod
    def resolve_title(obj: EventPage) -> str:
        return obj.api_shown.title  # type: ignore[attr-defined]

    @staticmethod
    def resolve_url(obj: EventPage, context: dict[str, Any]) -> str:
        return obj.api_shown.get_full_url(context["request"]) or ""  # type: ignore[attr-defined]

    @staticmethod
    def resolve_series(obj: EventPage) -> str | None:
        return obj.series.slug if obj.series else None

    @staticmethod
    def resolve_municipality(obj: EventPage) -> str | None:
        return obj.municipality.code if obj.municipality else None

    # .all() reads the prefetched rows; values_list() would query again per event.
    @staticmethod
    def resolve_counties(obj: EventPage) -> list[str]:
        codes = {c.code for c in obj.counties.all()}
        if obj.municipality:
            codes.add(obj.municipality.county.code)
        return sorted(codes)

    @staticmethod
    def resolve_organisers(obj: EventPage) -> list[Actor]:
        return list(obj.organisers.all())

    @staticmethod
    def resolve_sdgs(obj: EventPage) -> list[int]:
        return sorted(g.number for g in obj.sdgs.all())

    @staticmethod
    def resolve_online(obj: EventPage) -> bool:
        return obj.is_online

    @staticmethod
    def resolve_places_left(obj: EventPage) -> int | None:
        if obj.capacity is None:
            return None
        return max(0, obj.capacity - obj.api_taken)  # type: ignore[attr-defined]

    @staticmethod
    def resolve_registration_open(obj: EventPage) -> bool:
        return registration_state(
            now=timezone.now(), end=obj.end, enabled=obj.registration_enabled,
            capacity=obj.capacity, waiting_list=obj.waiting_list, opens=obj.registration_opens,
            closes=obj.registration_window_closes(),
            confirmed=obj.api_taken).can_register  # type: ignore[attr-defined]


class SessionOut(Schema):
    start: dt.datetime
    end: dt.datetime | None
    title: str
    description: str
    speakers: str
    room: str

    @staticmethod
    def resolve_start(obj: EventSession) -> dt.datetime:
        return timezone.localtime(obj.start)

    @staticmethod
    def resolve_end(obj: EventSession) -> dt.datetime | None:
        return timezone.localtime(obj.end) if obj.end else None


class EventDetailOut(EventOut):
    intro: str
    body: str = Field(description="The description as HTML.")
    street_address: str
    postal_code: str
    accessibility: str = Field(description="Step-free access, hearing loop, interpretation …")
    registration_opens: dt.datetime | None
    registration_closes: dt.datetime | None = Field(
        description="When sign-up closes; the start of the event when not set otherwise.")
    matchmaking: bool = Field(alias="matchmaking_enabled",
                              description="Whether the event offers 1:1 matchmaking.")
    sessions: list[SessionOut] = Field(description="The programme, in order.")

    @staticmethod
    def resolve_intro(obj: EventPage) -> str:
        return obj.api_shown.intro  # type: ignore[attr-defined]

    @staticmethod
    def resolve_body(obj: EventPage) -> str:
        return expand_db_html(obj.api_shown.body)  # type: ignore[attr-defined]

    @staticmethod
    def resolve_accessibility(obj: EventPage) -> str:
        return obj.api_shown.accessibility_info  # type: ignore[attr-defined]

    @staticmethod
    def resolve_registration_opens(obj: EventPage) -> dt.datetime | None:
        return timezone.localtime(obj.registration_opens) if obj.registration_opens else None

    @staticmethod
    def resolve_registration_closes(obj: EventPage) -> dt.datetime:
        return timezone.localtime(obj.registration_window_closes())

    @staticmethod
    def resolve_sessions(obj: EventPage) -> list[EventSession]:
        return list(obj.api_shown.sessions.all())  # type: ignore[attr-defined]


# --- Reads ----------------------------------------------------------------------------------


def canonical_events() -> QuerySet[EventPage]:
    """Live public events, each once: its default-language page, or its only page."""
    default = Locale.get_default()
    with_default = EventPage.objects.filter(locale=default).values("translation_key")
    published = Actor.objects.filter(is_published=True).only("pk", "name").order_by("name")
    return (selectors.live_events()
            .filter(Q(locale=default) | ~Q(translation_key__in=with_default))
            .select_related("series", "municipality__county")
            .prefetch_related(Prefetch("organisers", queryset=published), "sdgs", "counties"))


def attach(events: list[EventPage], request: HttpRequest, *, sessions: bool = False) -> None:
    """Give each event its page in the language asked and its places taken (two queries)."""
    lang = _lang(request.GET.get("lang"))
    translations = (selectors.live_events()
                    .filter(translation_key__in=[e.translation_key for e in events],
                            locale__language_code=lang))
    if sessions:
        translations = translations.prefetch_related("sessions")
    shown = {page.translation_key: page for page in translations}
    counts = selectors.registration_counts(events)
    for event in events:
        event.api_shown = shown.get(event.translation_key, event)  # type: ignore[attr-defined]
        event.api_taken = counts.get(event.pk, {}).get("confirmed", 0)  # type: ignore[attr-defined]


class EventPagination(PageNumberPagination):
    """The API's one page shape, with each event's translation and places fetched per page."""

    def paginate_queryset(self, queryset: Any, pagination: PageNumberPagination.Input,
                          request: HttpRequest, **params: Any) -> dict[str, Any]:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        attach(page["results"], request)
        return page


@router.get("", response={200: list[EventOut], **errors(422)},
            summary="Events: conferences, webinars, network meetings, workshops, seminars")
@paginate(EventPagination)
def list_events(request: HttpRequest, filters: Query[EventFilters]):  # type: ignore[no-untyped-def]
    return filters.apply(canonical_events()).order_by("start", "pk")


@router.get("/{id}", response={200: EventDetailOut, **errors(404, 422)},
            summary="One event with its programme")
def get_event(request: HttpRequest, id: PageId, lang: Language = "sv") -> EventPage:
    """By the event's id or the id of any of its translations; 404 unless live and public."""
    canonical = selectors.get_event(id)
    event = canonical_events().filter(pk=canonical.pk).first()
    if event is None:  # the canonical page is live but behind a view restriction
        raise Http404("No such event")
    attach([event], request, sessions=True)
    return event
