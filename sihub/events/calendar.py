"""The calendar page (list, month, archive, filters) and the event page's context.

``filter_events`` is the one place the calendar's filters are read and
applied: the page and the iCalendar feed (``views_calendar``) both call it, so
a feed subscribed from a filtered calendar holds exactly what the page showed.

Registration state comes from each event's **canonical page** (registrations
hang there, see ``models.EventPage.canonical``); for a list it is found for
all events at once — one query for the canonical pages, one for the counts —
so the number of queries does not grow with the number of events.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sihub.core import facets as facet_lib
from sihub.core import seo
from sihub.events import calendar_logic as logic
from sihub.events import selectors
from sihub.events.models import EventLanguage, EventPage, EventSeries, EventType

PER_PAGE = 20
QUERY_MAX_LENGTH = 100
FILTER_PARAMS = ("type", "region", "sdg", "language", "series")
# The card and page fields a list needs; the rich-text body stays in the database.
LIST_DEFERRED = ("body", "accessibility_info")
SCHEMA_MODES = {
    "offline": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "mixed": "https://schema.org/MixedEventAttendanceMode",
}


# --- Filters ------------------------------------------------------------------


def _memo(options: Callable[[], Iterable[tuple[Any, str]]]) -> Callable[[], list[tuple[Any, str]]]:
    """Options read once per request: the form and the validation share one query."""
    return cache(lambda: list(options()))


def _county_options() -> list[tuple[str, str]]:
    from sihub.core.models import County

    return [(c.code, c.name) for c in County.objects.all()]


def _goal_options() -> list[tuple[int, str]]:
    from sihub.sdg.models import Goal

    return [(g.number, str(g)) for g in Goal.objects.all()]


def _region(codes: Iterable[Any]) -> Q:
    """An event is in a county when tagged with it or when its venue is there."""
    codes = list(codes)
    return Q(counties__code__in=codes) | Q(municipality__county__code__in=codes)


def _language(codes: Iterable[Any]) -> Q:
    """A bilingual event suits those who look for either language."""
    return Q(language__in=[*codes, EventLanguage.BOTH])


def calendar_facets() -> list[facet_lib.Facet]:
    """The calendar's filters, in form order (fresh option caches each call)."""
    return [
        facet_lib.Facet("type", _("Type"), "event_type", _memo(lambda: EventType.choices)),
        facet_lib.Facet("region", _("County"), "counties__code", _memo(_county_options),
                        condition=_region),
        facet_lib.Facet("sdg", _("Global goal"), "sdgs__number", _memo(_goal_options),
                        cast=int),
        facet_lib.Facet("language", pgettext_lazy("of an event", "Language"), "language",
                        _memo(lambda: [(lang.value, lang.label) for lang in
                                       (EventLanguage.SWEDISH, EventLanguage.ENGLISH)]),
                        condition=_language),
        facet_lib.Facet("series", _("Series"), "series__slug",
                        _memo(lambda: [(s.slug, s.name) for s in EventSeries.objects.all()])),
    ]


@dataclass
class CalendarFilter:
    """The filters in a request that name something real (the rest are ignored)."""

    facets: list[facet_lib.Facet]
    chosen: dict[str, list[Any]] = field(default_factory=dict)
    q: str = ""

    @property
    def active(self) -> bool:
        return bool(self.q) or any(self.chosen.values())

    def pairs(self) -> list[tuple[str, Any]]:
        pairs = [(name, value) for name in FILTER_PARAMS for value in self.chosen.get(name, [])]
        return [*pairs, ("q", self.q)] if self.q else pairs

    def query_string(self) -> str:
        """The filters as URL parameters, without "?" (empty when none)."""
        return urlencode(self.pairs())

    def label(self) -> str:
        """What the filters choose, in words (for a feed's name)."""
        words = []
        for facet in self.facets:
            names = dict(facet.options())
            words += [str(names[value]) for value in self.chosen.get(facet.param, [])]
        if self.q:
            words.append(f"“{self.q}”")
        return ", ".join(words)

    def fields(self) -> list[dict[str, Any]]:
        """Each filter for the form: its parameter, label, options and choice."""
        return [{"param": f.param, "label": f.label, "options": f.options(),
                 "selected": (self.chosen.get(f.param) or [None])[0]} for f in self.facets]


def read_filter(params: Mapping[str, Any]) -> CalendarFilter:
    facets = calendar_facets()
    chosen = {f.param: facet_lib.known_values(f, params) for f in facets}
    q = " ".join(str(params.get("q", "") or "").split())[:QUERY_MAX_LENGTH]
    return CalendarFilter(facets=facets, chosen=chosen, q=q)


def filter_events(qs: QuerySet[EventPage], params: Mapping[str, Any]
                  ) -> tuple[QuerySet[EventPage], CalendarFilter]:
    """``qs`` narrowed by the calendar's filters in ``params`` (type, region, sdg,
    language, series, q), and the filters as read. Unknown values are ignored."""
    flt = read_filter(params)
    qs = facet_lib.apply(qs, flt.facets, flt.chosen)
    if flt.q:
        words = Q()
        for word in flt.q.split()[:8]:
            words &= (Q(title__icontains=word) | Q(intro__icontains=word)
                      | Q(venue_name__icontains=word) | Q(city__icontains=word)
                      | Q(series__name_sv__icontains=word) | Q(series__name_en__icontains=word))
        qs = qs.filter(words)
    return qs, flt


# --- Registration state -------------------------------------------------------


def canonical_pages(pages: list[EventPage]) -> dict[int, EventPage | None]:
    """{page id: its live canonical page, or None} for many pages in one query at most."""
    result: dict[int, EventPage | None] = {}
    foreign: dict[Any, list[EventPage]] = {}
    for page in pages:
        if page.locale.language_code == settings.LANGUAGE_CODE:
            result[page.pk] = page
        else:
            foreign.setdefault(page.translation_key, []).append(page)
    if foreign:
        found = {c.translation_key: c for c in EventPage.objects.live().defer(*LIST_DEFERRED)
                 .filter(translation_key__in=list(foreign),
                         locale__language_code=settings.LANGUAGE_CODE)}
        for key, group in foreign.items():
            for page in group:
                # No Swedish translation: the page itself is canonical (models.EventPage.canonical).
                result[page.pk] = found.get(key, page)
    return result


def state_of(canonical: EventPage | None, counts: Mapping[int, Mapping[str, int]],
             now: datetime) -> logic.RegistrationState:
    if canonical is None or canonical.pk is None or not canonical.live:
        return logic.RegistrationState(logic.NO_REGISTRATION)
    return logic.registration_state(
        now=now, end=canonical.end, enabled=canonical.registration_enabled,
        capacity=canonical.capacity, waiting_list=canonical.waiting_list,
        opens=canonical.registration_opens, closes=canonical.registration_window_closes(),
        confirmed=counts.get(canonical.pk, {}).get("confirmed", 0))


def state_label(state: logic.RegistrationState) -> str:
    """What a visitor reads about sign-up (empty when there is nothing to say)."""
    if state.kind == logic.OPEN:
        if state.places_left is None:
            return gettext("Registration open")
        return ngettext("%(n)s place left", "%(n)s places left",
                        state.places_left) % {"n": state.places_left}
    if state.kind == logic.NOT_YET_OPEN and state.opens is not None:
        return gettext("Registration opens %(when)s") % {
            "when": date_format(timezone.localtime(state.opens), "j F Y H:i")}
    return {
        logic.ENDED: gettext("This event has ended"),
        logic.CLOSED: gettext("Registration closed"),
        logic.FULL: gettext("Full"),
        logic.WAITING_LIST: gettext("Full — waiting list"),
    }.get(state.kind, "")


# --- Places -------------------------------------------------------------------


def has_place(event: EventPage) -> bool:
    return bool(event.venue_name or event.street_address or event.city)


def attendance_mode(event: EventPage) -> str:
    """"offline", "online" or "mixed" (a venue and an online link)."""
    if event.online_url:
        return "mixed" if has_place(event) else "online"
    return "offline"


def place_text(event: EventPage) -> str:
    place = ", ".join(p for p in (event.venue_name, event.city) if p)
    mode = attendance_mode(event)
    if mode == "online":
        return gettext("Online")
    if mode == "mixed":
        return gettext("%(place)s and online") % {"place": place}
    return place


# --- The calendar page --------------------------------------------------------


@dataclass
class EventCard:
    page: EventPage
    state: logic.RegistrationState
    label: str
    place: str


@dataclass
class DayCell:
    day: date
    in_month: bool
    is_today: bool
    events: list[EventPage] = field(default_factory=list)


def _cards(pages: list[EventPage], now: datetime, *, past: bool = False) -> list[EventCard]:
    if past:  # nothing to sign up to: no need to count
        ended = logic.RegistrationState(logic.ENDED)
        return [EventCard(page=p, state=ended, label="", place=place_text(p)) for p in pages]
    canonical = canonical_pages(pages)
    live = [c for c in canonical.values() if c is not None and c.pk is not None]
    counts = selectors.registration_counts(list({c.pk: c for c in live}.values())) if live else {}
    cards = []
    for page in pages:
        state = state_of(canonical.get(page.pk), counts, now)
        label = "" if state.kind == logic.ENDED else state_label(state)
        cards.append(EventCard(page=page, state=state, label=label, place=place_text(page)))
    return cards


def _list_context(events: QuerySet[EventPage], *, past: bool, page_number: Any,
                  now: datetime) -> dict[str, Any]:
    if past:
        events = events.filter(end__lt=now).order_by("-start", "-pk")
    else:
        events = events.filter(end__gte=now).order_by("start", "pk")
    events = (events.select_related("series", "locale").defer(*LIST_DEFERRED)
              .prefetch_related("sdgs"))
    results = Paginator(events, PER_PAGE).get_page(page_number)
    cards = _cards(list(results.object_list), now, past=past)
    months = [(month, list(group)) for month, group in itertools.groupby(
        cards, key=lambda c: timezone.localtime(c.page.start).date().replace(day=1))]
    return {"results": results, "months": months, "count": results.paginator.count}


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _month_context(events: QuerySet[EventPage], *, month_param: str | None,
                   today: date) -> dict[str, Any]:
    first = logic.parse_month(month_param, today)
    following = logic.shift_month(first, 1)
    in_month = list(events.filter(start__lt=_local_midnight(following),
                                  end__gt=_local_midnight(first))
                    .select_related("series").defer(*LIST_DEFERRED).order_by("start", "pk"))
    by_day: dict[date, list[EventPage]] = {}
    for event in in_month:
        for day in logic.days_of(timezone.localtime(event.start), timezone.localtime(event.end)):
            by_day.setdefault(day, []).append(event)
    weeks = [[DayCell(day=d, in_month=d.month == first.month, is_today=d == today,
                      events=by_day.get(d, []) if d.month == first.month else [])
              for d in week] for week in logic.month_weeks(first)]
    return {
        "month": first,
        "weeks": weeks,
        "weekdays": [first - timedelta(days=first.weekday()) + timedelta(days=n) for n in range(7)],
        "previous_month": logic.shift_month(first, -1),
        "next_month": following,
        "is_current_month": first == today.replace(day=1),
        "count": len(in_month),
    }


def _query(*pairs: tuple[str, Any], flt: CalendarFilter) -> str:
    return urlencode([*[(k, v) for k, v in pairs if v], *flt.pairs()])


def calendar_context(index: Any, request: HttpRequest) -> dict[str, Any]:
    params = request.GET
    now = timezone.now()
    today = timezone.localdate(now)
    base = EventPage.objects.live().public().child_of(index)
    events, flt = filter_events(base, params)
    view = "month" if params.get("view") == "month" else "list"
    past = view == "list" and params.get("when") == "past"
    if view == "month":
        context = _month_context(events, month_param=params.get("month"), today=today)
        month = context["month"].strftime("%Y-%m")
        state = [("view", "month"), ("month", month)]
        context["previous_query"] = _query(
            ("view", "month"), ("month", context["previous_month"].strftime("%Y-%m")), flt=flt)
        context["next_query"] = _query(
            ("view", "month"), ("month", context["next_month"].strftime("%Y-%m")), flt=flt)
        context["this_month_query"] = _query(("view", "month"), flt=flt)
    else:
        context = _list_context(events, past=past, page_number=params.get("page"), now=now)
        state = [("when", "past")] if past else []
    filter_query = flt.query_string()
    ics_url = reverse("events:calendar_ics") + (f"?{filter_query}" if filter_query else "")
    absolute_ics = seo.absolute_url(seo.site_root_url(request), ics_url)
    context.update({
        "view": view,
        "past": past,
        "filter": flt,
        "filter_fields": flt.fields(),
        "filter_query": filter_query,
        # The view's own parameters, for the form's hidden fields and the pager.
        "state_params": state,
        "page_query": _query(*state, flt=flt),
        "list_query": _query(flt=flt),
        "month_query": _query(("view", "month"), flt=flt),
        "archive_query": _query(("when", "past"), flt=flt),
        "clear_query": urlencode(state),
        "ics_url": ics_url,
        "webcal_url": "webcal://" + absolute_ics.split("://", 1)[-1],
    })
    return context


# --- The event page -----------------------------------------------------------


def _language_codes(event: EventPage) -> str | list[str]:
    return ["sv", "en"] if event.language == EventLanguage.BOTH else event.language


def event_json_ld(event: EventPage, request: HttpRequest, *, url: str,
                  organisers: list[Any], state: logic.RegistrationState,
                  register_url: str) -> SafeString:
    """schema.org Event, escaped for a <script type="application/ld+json"> block."""
    root = seo.site_root_url(request)
    mode = attendance_mode(event)
    places: list[dict[str, Any]] = []
    if has_place(event):
        county = event.municipality.county.name if event.municipality_id else ""
        places.append(seo.compact({
            "@type": "Place",
            "name": event.venue_name or event.city,
            "address": seo.compact({
                "@type": "PostalAddress", "streetAddress": event.street_address,
                "postalCode": event.postal_code, "addressLocality": event.city,
                "addressRegion": county, "addressCountry": "SE",
            }),
        }))
    if event.online_url:
        # A link kept for registered participants is not published: only that it is online.
        places.append(seo.compact({"@type": "VirtualLocation", "url": event.public_online_url}))
    data: dict[str, Any] = {
        "@context": seo.SCHEMA_CONTEXT,
        "@type": "Event",
        "name": event.title,
        "description": seo.description(event),
        "startDate": timezone.localtime(event.start).isoformat(),
        "endDate": timezone.localtime(event.end).isoformat(),
        "eventAttendanceMode": SCHEMA_MODES[mode],
        "eventStatus": "https://schema.org/EventScheduled",
        "location": places[0] if len(places) == 1 else places,
        "organizer": [seo.compact({
            "@type": "Organization", "name": actor.name,
            "url": seo.absolute_url(root, actor.get_absolute_url()) if actor.is_published else "",
        }) for actor in organisers],
        "url": url,
        "inLanguage": _language_codes(event),
    }
    if state.kind in (logic.OPEN, logic.WAITING_LIST, logic.FULL):
        data["offers"] = seo.compact({
            "@type": "Offer",
            "url": seo.absolute_url(root, register_url),
            "availability": ("https://schema.org/InStock" if state.kind == logic.OPEN
                             else "https://schema.org/SoldOut"),
        })
    # Safe inside <script>: json_ld_text writes <, > and & as \u escapes.
    return mark_safe(seo.json_ld_text(seo.compact(data)))  # noqa: S308  # nosec B308 B703


def event_context(event: EventPage, request: HttpRequest) -> dict[str, Any]:
    now = timezone.now()
    canonical = event.canonical
    registrable = canonical.pk is not None and canonical.live
    counts = selectors.registration_counts([canonical]) if registrable else {}
    state = state_of(canonical if registrable else None, counts, now)
    if event.is_past:
        state = logic.RegistrationState(logic.ENDED)
    organisers = list(event.organisers.all())
    register_url = reverse("events:register", args=[canonical.pk]) if registrable else ""
    # A page being previewed before its first save has no URL yet.
    path = (event.get_url(request) if event.pk else None) or request.path
    url = seo.absolute_url(seo.site_root_url(request), path)
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    return {
        "canonical": canonical,
        "registration": state,
        "registration_label": state_label(state),
        "register_url": register_url,
        "ics_url": reverse("events:event_ics", args=[event.pk]) if event.pk else "",
        "same_day": start.date() == end.date(),
        "sessions": sorted(event.sessions.all(), key=lambda s: (s.start, s.sort_order or 0)),
        "organisers": organisers,
        "goals": list(event.sdgs.all()),
        "place": place_text(event),
        "mode": attendance_mode(event),
        "has_place": has_place(event),
        "can_view_participants": registrable and selectors.user_can_view_participants(
            request.user, canonical),
        "event_json_ld": event_json_ld(event, request, url=url, organisers=organisers,
                                       state=state, register_url=register_url),
    }
