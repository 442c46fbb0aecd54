"""The calendar page: list, filters, archive, registration state on cards, queries."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from sihub.core.models import County, Municipality
from sihub.events.models import (
    EventLanguage,
    EventPage,
    EventSeries,
    EventType,
    Registration,
    RegistrationStatus,
)
from sihub.events.tests.conftest import make_event
from sihub.sdg.models import Goal

pytestmark = pytest.mark.django_db

CARD_TITLE = re.compile(r'class="event-card__title"><a href="[^"]*">([^<]*)</a>')


def titles(response) -> list[str]:
    assert response.status_code == 200
    return CARD_TITLE.findall(response.content.decode())


def register(event: EventPage, n: int, status: str = RegistrationStatus.CONFIRMED) -> None:
    for i in range(n):
        Registration.objects.create(event=event, name=f"Person {i}",
                                    email=f"p{i}-{status}@example.org", status=status)


@pytest.fixture
def tagged(calendars) -> dict[str, EventPage]:
    """Three events that differ in every filter."""
    series = EventSeries.objects.create(name_sv="Regionala nätverket", name_en="Regional network",
                                        slug="regionala-natverket")
    other = EventSeries.objects.create(name_sv="Lunchseminarier", name_en="Lunch seminars",
                                       slug="lunch")
    return {
        "workshop": make_event(
            calendars, "Verkstad i Stockholm", days=5, event_type=EventType.WORKSHOP,
            counties=list(County.objects.filter(code="01")),
            sdgs=list(Goal.objects.filter(number=5)),
            series=series, language=EventLanguage.SWEDISH),
        "webinar": make_event(
            calendars, "Webbinarium från Göteborg", days=6, event_type=EventType.WEBINAR,
            municipality=Municipality.objects.get(code="1480"),
            sdgs=list(Goal.objects.filter(number=13)), language=EventLanguage.ENGLISH,
            online_url="https://meet.example.org/abc"),
        "seminar": make_event(
            calendars, "Lunchseminarium om klimat", days=7, event_type=EventType.SEMINAR,
            series=other, language=EventLanguage.BOTH, venue_name="Folkets hus", city="Umeå"),
    }


# --- List ---------------------------------------------------------------------


def test_it_lists_upcoming_live_public_events_of_its_language_in_order(client, calendars):
    make_event(calendars, "Senare", days=20)
    make_event(calendars, "Snart", days=2)
    make_event(calendars, "Förra veckan", days=-7)
    draft = make_event(calendars, "Utkast", days=3, english=False)
    draft.unpublish()
    secret = make_event(calendars, "Hemligt", days=4, english=False)
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)

    assert titles(client.get("/sv/kalender/")) == ["Snart", "Senare"]
    assert titles(client.get("/en/calendar/")) == ["Snart (en)", "Senare (en)"]


def test_it_shows_an_event_that_is_under_way_as_upcoming(client, calendars):
    make_event(calendars, "Pågår", days=-1 / 24, hours=3)
    assert titles(client.get("/sv/kalender/")) == ["Pågår"]


def test_it_groups_the_list_by_month(client, calendars):
    tz = timezone.get_current_timezone()
    year = timezone.localdate().year + 2
    make_event(calendars, "Januari", start=timezone.datetime(year, 1, 31, 23, 30, tzinfo=tz))
    make_event(calendars, "Februari", start=timezone.datetime(year, 2, 1, 0, 30, tzinfo=tz))
    html = client.get("/en/calendar/").content.decode()
    january = html.index(f"January {year}</h2>")
    february = html.index(f"February {year}</h2>")
    assert january < html.index("Januari (en)") < february < html.index("Februari (en)")


def test_it_paginates_and_keeps_the_filters_in_the_pager(client, calendars):
    for day in range(21):
        make_event(calendars, f"Verkstad {day:02d}", days=day + 1, english=False,
                   event_type=EventType.WORKSHOP)
    make_event(calendars, "Seminarium", days=2, english=False, event_type=EventType.SEMINAR)
    first = client.get("/sv/kalender/?type=workshop")
    assert len(titles(first)) == 20
    assert "type=workshop&amp;page=2" in first.content.decode()
    assert titles(client.get("/sv/kalender/?type=workshop&page=2")) == ["Verkstad 20"]
    assert len(titles(client.get("/sv/kalender/?page=abc"))) == 20


def test_it_speaks_english_on_the_english_calendar(client, tagged):
    html = client.get("/en/calendar/").content.decode()
    for text in ("Upcoming", "Past events", "Filter events", "Show events", "3 upcoming events",
                 "Subscribe", "Webinar", "Online", "Folkets hus, Umeå",
                 "Regional network", 'lang="en"'):
        assert text in html, text
    assert "Regionala nätverket" not in html


# --- Registration state on the cards -------------------------------------------


def test_it_shows_where_registration_stands_counted_on_the_canonical_page(client, calendars):
    now = timezone.now()
    waiting = make_event(calendars, "Väntelista", days=2, capacity=2)
    full = make_event(calendars, "Fullt", days=3, capacity=2, waiting_list=False)
    places = make_event(calendars, "Platser", days=4, capacity=5)
    make_event(calendars, "Stängd", days=5, registration_closes=now - timedelta(hours=1))
    make_event(calendars, "Öppnar snart", days=6, registration_opens=now + timedelta(days=1))
    make_event(calendars, "Ingen anmälan", days=7, registration_enabled=False)
    register(waiting, 2)
    register(waiting, 1, RegistrationStatus.WAITING)
    register(full, 2)
    register(places, 1)
    register(places, 3, RegistrationStatus.CANCELLED)

    html = client.get("/en/calendar/").content.decode()
    cards = dict(re.findall(r'">([^<]*) \(en\)</a></h3>(.*?)</article>', html, re.S))
    assert "Full — waiting list" in cards["Väntelista"]
    assert "Full</p>" in cards["Fullt"] and "waiting list" not in cards["Fullt"]
    assert "4 places left" in cards["Platser"]
    assert "Registration closed" in cards["Stängd"]
    assert "Registration opens" in cards["Öppnar snart"]
    assert "event-status" not in cards["Ingen anmälan"]


# --- Filters --------------------------------------------------------------------


@pytest.mark.parametrize(("query", "expected"), [
    ("type=workshop", ["workshop"]),
    ("type=webinar", ["webinar"]),
    ("region=01", ["workshop"]),  # tagged with the county
    ("region=14", ["webinar"]),  # the venue's municipality is in the county
    ("region=25", []),
    ("sdg=5", ["workshop"]),
    ("sdg=13", ["webinar"]),
    ("language=sv", ["workshop", "seminar"]),  # the bilingual one suits both
    ("language=en", ["webinar", "seminar"]),
    ("series=lunch", ["seminar"]),
    ("q=klimat", ["seminar"]),
    ("q=Umeå", ["seminar"]),
    ("q=regionala", ["workshop"]),
    ("type=seminar&language=en", ["seminar"]),
    ("type=workshop&language=en", []),
    ("type=workshop&region=01&sdg=5&series=regionala-natverket&language=sv", ["workshop"]),
])
def test_each_filter_narrows_the_list(client, tagged, query, expected):
    names = {page.title: key for key, page in tagged.items()}
    assert [names[t] for t in titles(client.get(f"/sv/kalender/?{query}"))] == expected


def test_it_ignores_filter_values_it_does_not_know(client, tagged):
    query = "type=party&region=99&sdg=18&sdg=x&language=fr&series=nope&page=9"
    assert len(titles(client.get(f"/sv/kalender/?{query}"))) == 3
    assert len(titles(client.get("/sv/kalender/?region=01&sdg=banana"))) == 1


def test_it_says_how_many_match_and_offers_to_clear(client, tagged):
    html = client.get("/en/calendar/?type=workshop").content.decode()
    assert "1 upcoming event (filtered)" in html
    assert 'href="?">Clear filters</a>' in html
    assert '<option value="workshop" selected>' in html
    nothing = client.get("/en/calendar/?type=conference").content.decode()
    assert "No events match these filters." in nothing
    assert "Clear filters" not in client.get("/en/calendar/").content.decode()


def test_it_offers_the_ical_feed_of_the_current_filter(client, tagged):
    html = client.get("/en/calendar/?type=workshop&sdg=5&q=x").content.decode()
    assert 'href="/en/events/calendar.ics?type=workshop&amp;sdg=5&amp;q=x"' in html
    webcal = "webcal://localhost/en/events/calendar.ics?type=workshop&amp;sdg=5&amp;q=x"
    assert f'href="{webcal}"' in html
    plain = client.get("/sv/kalender/").content.decode()
    assert 'href="/sv/events/calendar.ics"' in plain


# --- Archive --------------------------------------------------------------------


def test_the_archive_lists_past_events_newest_first(client, calendars):
    make_event(calendars, "För länge sedan", days=-60)
    make_event(calendars, "Nyss", days=-2)
    make_event(calendars, "Kommande", days=2)
    assert titles(client.get("/sv/kalender/?when=past")) == ["Nyss", "För länge sedan"]
    html = client.get("/en/calendar/?when=past").content.decode()
    assert "2 past events" in html
    assert '<a href="?when=past" aria-current="page">Past events</a>' in html
    assert "Show upcoming events" in html
    assert "event-status" not in html  # no sign-up state on events that are over
    assert "Browse past events" in client.get("/en/calendar/").content.decode()


def test_the_archive_takes_the_filters(client, calendars):
    make_event(calendars, "Gammal verkstad", days=-5, event_type=EventType.WORKSHOP)
    make_event(calendars, "Gammalt seminarium", days=-6, event_type=EventType.SEMINAR)
    assert titles(client.get("/sv/kalender/?when=past&type=seminar")) == ["Gammalt seminarium"]
    html = client.get("/sv/kalender/?when=past&type=seminar").content.decode()
    assert '<input type="hidden" name="when" value="past">' in html


# --- Queries --------------------------------------------------------------------


def _events(calendars, first: int, count: int, series: EventSeries) -> None:
    goals = list(Goal.objects.filter(number__in=[3, 10]))
    for n in range(first, first + count):
        page = make_event(calendars, f"Möte {n}", days=n + 1, capacity=4, series=series,
                          sdgs=goals, counties=list(County.objects.filter(code="01")))
        register(page, 1)


@pytest.mark.parametrize("url", ["/en/calendar/", "/sv/kalender/", "/en/calendar/?sdg=3&region=01",
                                 "/en/calendar/?view=month"])
def test_the_number_of_queries_does_not_grow_with_the_events(client, calendars, url,
                                                             django_assert_max_num_queries):
    series = EventSeries.objects.create(name_sv="Serie", name_en="Series", slug="serie")
    _events(calendars, 0, 3, series)
    client.get(url)  # warm the caches (site root paths, content types)
    with CaptureQueriesContext(connection) as three:
        assert client.get(url).status_code == 200
    _events(calendars, 3, 9, series)
    with django_assert_max_num_queries(len(three)):
        response = client.get(url)
    if "view=month" not in url:
        assert len(titles(response)) == 12
