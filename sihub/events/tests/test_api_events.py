"""The events API: live public events once each, filters, pages, detail, no personal data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from sihub.core.models import County, Municipality
from sihub.events.models import EventLanguage, EventSeries, EventSession, EventType, Registration
from sihub.events.tests.conftest import make_event
from sihub.sdg.models import Goal

URL = "/api/v1/events"


@pytest.fixture(scope="module")
def events(django_db_setup, django_db_blocker):
    """Five live events and one draft, over a month, with tags, places and a programme.

    Made once per module (pages are slow to make) in a transaction rolled back at
    the end; each test's own writes are rolled back after it (the ``db`` fixture).
    """
    with django_db_blocker.unblock():
        from django.db import transaction

        atomic = transaction.atomic()
        atomic.__enter__()
        made = _make_events()
        yield made
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def _make_events() -> dict:
    from sihub.core.demo import _publish, _translate, ensure_area_pages, ensure_home_pages
    from sihub.events.models import EventIndexPage

    homes = ensure_home_pages()
    ensure_area_pages(homes)
    sv = EventIndexPage(title="Kalender", slug="kalender")
    homes["sv"].add_child(instance=sv)
    _publish(sv)
    en = _translate(sv, homes["en"].locale, "Calendar", "calendar")
    calendars = {"sv": sv, "en": en}
    series = EventSeries.objects.create(slug="forum-norr", name_sv="Forum Norr",
                                        name_en="Forum North")
    umea = Municipality.objects.get(code="2480")
    made = {
        "calendars": calendars,
        "webinar": make_event(calendars, "Webbinarium om mål 5", days=-10, hours=1,
                              event_type=EventType.WEBINAR, online_url="https://meet.example.org/x",
                              language=EventLanguage.ENGLISH,
                              sdgs=list(Goal.objects.filter(number=5))),
        "forum": make_event(calendars, "Forum Norr", days=3, series=series, municipality=umea,
                            venue_name="Väven", city="Umeå", capacity=30,
                            sdgs=list(Goal.objects.filter(number__in=[8, 10]))),
        "workshop": make_event(calendars, "Verkstad i Malmö", days=12,
                               event_type=EventType.WORKSHOP, capacity=2,
                               counties=list(County.objects.filter(code="12"))),
        "conference": make_event(calendars, "Konferens", days=20, hours=30,
                                 event_type=EventType.CONFERENCE, language=EventLanguage.BOTH),
        "swedish_only": make_event(calendars, "Bara på svenska", days=25, english=False,
                                   event_type=EventType.SEMINAR),
    }
    draft = make_event(calendars, "Utkast", days=5)
    draft.unpublish()
    made["draft"] = draft
    return made


def _get(client: Client, query: str = "") -> dict:
    response = client.get(f"{URL}{query}")
    assert response.status_code == 200, response.content
    return response.json()


def _titles(data: dict) -> list[str]:
    return [e["title"] for e in data["results"]]


def test_it_lists_each_live_event_once_by_its_canonical_id_in_date_order(events, db, client):
    data = _get(client)
    assert data["count"] == 5
    assert _titles(data) == ["Webbinarium om mål 5", "Forum Norr", "Verkstad i Malmö",
                             "Konferens", "Bara på svenska"]
    assert [e["id"] for e in data["results"]][:4] == [
        events[k].pk for k in ("webinar", "forum", "workshop", "conference")]
    assert "Utkast" not in str(data)  # the draft is not there


def test_it_gives_titles_and_links_in_the_language_asked(events, db, client):
    data = _get(client, "?lang=en")
    first = data["results"][0]
    assert first["title"] == "Webbinarium om mål 5 (en)"
    assert first["id"] == events["webinar"].pk  # still the canonical id
    assert first["url"].startswith("http") and first["url"].endswith(
        "/en/calendar/webbinarium-om-mal-5-en/")
    # An event with no English page is shown in Swedish.
    assert data["results"][-1]["title"] == "Bara på svenska"
    assert _get(client)["results"][0]["url"].endswith("/sv/kalender/webbinarium-om-mal-5/")


def test_it_shows_place_goals_series_and_places_left(events, db, client):
    Registration.objects.create(event=events["workshop"], name="A", email="a@example.org")
    Registration.objects.create(event=events["workshop"], name="B", email="b@example.org",
                                status="cancelled")
    results = {e["id"]: e for e in _get(client)["results"]}
    forum = results[events["forum"].pk]
    assert forum["type"] == "network_meeting" and forum["series"] == "forum-norr"
    assert (forum["venue"], forum["city"], forum["municipality"]) == ("Väven", "Umeå", "2480")
    assert forum["counties"] == ["24"] and forum["online"] is False
    assert forum["sdgs"] == [8, 10] and forum["places_total"] == 30
    assert forum["places_left"] == 30 and forum["registration_open"] is True
    webinar = results[events["webinar"].pk]
    assert webinar["online"] is True and webinar["places_left"] is None
    assert webinar["registration_open"] is False  # it is over
    assert "meet.example.org" not in str(webinar)  # the meeting link stays with participants
    assert results[events["workshop"].pk]["places_left"] == 1
    start = dt.datetime.fromisoformat(forum["start"])
    assert start == events["forum"].start and start.utcoffset() in (
        dt.timedelta(hours=1), dt.timedelta(hours=2))  # Europe/Stockholm


@pytest.mark.parametrize(("query", "expected"), [
    ("?type=workshop&type=conference", ["Verkstad i Malmö", "Konferens"]),
    ("?sdg=5", ["Webbinarium om mål 5"]),
    ("?county=24", ["Forum Norr"]),  # by the venue's municipality
    ("?county=12", ["Verkstad i Malmö"]),  # by the tag
    ("?language=en", ["Webbinarium om mål 5"]),
    ("?language=sv-en", ["Konferens"]),
    ("?series=forum-norr", ["Forum Norr"]),
])
def test_it_filters(events, db, client, query, expected):
    assert _titles(_get(client, query)) == expected


def test_it_filters_by_dates_in_stockholm_time(events, db, client):
    today = timezone.localdate()
    upcoming = _get(client, f"?from={today.isoformat()}")
    assert "Webbinarium om mål 5" not in _titles(upcoming) and upcoming["count"] == 4
    to = (today + dt.timedelta(days=12)).isoformat()
    window = _get(client, f"?from={today.isoformat()}&to={to}")
    assert _titles(window) == ["Forum Norr", "Verkstad i Malmö"]
    for bad in ("from=tomorrow", "to=9999-12-31", "from=0001-01-01"):
        assert client.get(f"{URL}?{bad}").status_code == 422, bad


def test_it_pages_like_the_other_lists(events, db, client):
    first = _get(client, "?page_size=2")
    assert (first["count"], first["pages"], first["page"]) == (5, 3, 1)
    assert len(first["results"]) == 2 and first["previous"] is None
    assert "page=2" in first["next"] and "page_size=2" in first["next"]
    last = _get(client, "?page_size=2&page=3")
    assert _titles(last) == ["Bara på svenska"] and last["next"] is None


def test_the_detail_has_the_programme_in_the_language_asked(events, db, client):
    conference = events["conference"]
    english = conference.get_translation(events["calendars"]["en"].locale).specific
    EventSession.objects.create(page=conference, start=conference.start, title="Välkommen",
                                speakers="Karin Lindqvist, Region Västerbotten")
    EventSession.objects.create(page=english, start=conference.start, title="Welcome",
                                speakers="Karin Lindqvist, Region Västerbotten")
    data = client.get(f"{URL}/{conference.pk}?lang=en").json()
    assert data["id"] == conference.pk and data["title"] == "Konferens (en)"
    assert [s["title"] for s in data["sessions"]] == ["Welcome"]
    assert data["sessions"][0]["speakers"].startswith("Karin")
    assert data["matchmaking"] is False and data["registration_open"] is True
    sv = client.get(f"{URL}/{conference.pk}").json()
    assert [s["title"] for s in sv["sessions"]] == ["Välkommen"]
    # The English page's id leads to the same, canonical event.
    assert client.get(f"{URL}/{english.pk}").json()["id"] == conference.pk


def test_it_keeps_personal_data_out(events, db, client):
    Registration.objects.create(event=events["forum"], name="Hemliga Hedvig",
                                email="hedvig@example.org", dietary_needs="Nötallergi")
    for body in (client.get(URL).content, client.get(f"{URL}/{events['forum'].pk}").content):
        assert b"Hedvig" not in body and b"hedvig@" not in body and b"allergi" not in body


def test_a_draft_or_unknown_event_is_a_json_404_and_a_bad_id_a_422(events, db, client):
    for pk in (events["draft"].pk, 999_999):
        response = client.get(f"{URL}/{pk}")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
    response = client.get(f"{URL}/abc")
    assert response.status_code == 422 and response.json()["error"]["code"] == "invalid"


def test_an_event_behind_a_view_restriction_is_not_public(events, db, client):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=events["forum"], restriction_type="login")
    assert "Forum Norr" not in _titles(_get(client))
    assert client.get(f"{URL}/{events['forum'].pk}").status_code == 404


def test_the_schema_documents_both_paths(db, client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/events" in paths and "/api/v1/events/{id}" in paths
    params = {p["name"] for p in paths["/api/v1/events"]["get"]["parameters"]}
    assert {"type", "from", "to", "sdg", "county", "language", "series", "lang", "page",
            "page_size"} <= params


def test_the_list_takes_a_fixed_number_of_queries(events, db, client,
                                                  django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _get(client)  # warm the site root paths cache
    with CaptureQueriesContext(connection) as five:
        assert _get(client, "?lang=en")["count"] == 5
    for i in range(4):
        event = make_event(events["calendars"], f"Träff {i}", days=i + 1,
                           sdgs=list(Goal.objects.filter(number__in=[3, 4])))
        Registration.objects.create(event=event, name="A", email=f"a{i}@example.org")
    with django_assert_max_num_queries(len(five.captured_queries)):
        assert _get(client, "?lang=en")["count"] == 9
