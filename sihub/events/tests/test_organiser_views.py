"""The organisers' participant list and check-in; who may open the organisers' pages."""

from __future__ import annotations

import pytest
from django.utils import timezone

from sihub.actors.tests.factories import make_actor
from sihub.conftest import login
from sihub.core.models import AuditEntry
from sihub.events.models import EventPage, Registration, RegistrationStatus
from sihub.events.tests.conftest import make_event
from sihub.events.tests.organiser_testdata import register, url

pytestmark = pytest.mark.django_db

READ_PAGES = [("participants", ()), ("statistics", ()), ("messages", ()),
              ("participants_export", ("csv",)), ("participants_export", ("xlsx",))]


# --- Access ----------------------------------------------------------------------------------


# Each test walks every page (building an event is the slow part of these tests).


def test_it_sends_anonymous_visitors_to_log_in(client, event):
    for name, extra in READ_PAGES:
        response = client.get(url(name, event.pk, *extra))
        assert response.status_code == 302, name
        assert "/login/" in response.url and "next=" in response.url


@pytest.mark.parametrize("persona", ["outsider", "member", "editor", "analyst"])
def test_it_refuses_people_who_do_not_organise(request, event, persona):
    client = login(request.getfixturevalue(persona))
    for name, extra in READ_PAGES:
        assert client.get(url(name, event.pk, *extra)).status_code == 403, name
    response = client.post(url("messages", event.pk), {"action": "send", "audience": "active",
                                                       "subject": "S", "body": "B"})
    assert response.status_code == 403


@pytest.mark.parametrize("persona", ["facilitator", "admin_user"])
def test_it_lets_organisers_in(request, event, persona):
    client = login(request.getfixturevalue(persona))
    for name, extra in READ_PAGES:
        assert client.get(url(name, event.pk, *extra)).status_code == 200, name


def test_an_event_that_is_not_live_is_not_found(facilitator, event):
    registration = register(event)
    EventPage.objects.filter(pk=event.pk).update(live=False)
    client = login(facilitator)
    for name, extra in READ_PAGES:
        assert client.get(url(name, event.pk, *extra)).status_code == 404, name
    response = client.post(url("check_in", event.pk, registration.pk), {"present": "1"})
    assert response.status_code == 404


def test_an_unknown_event_is_not_found(facilitator, db):
    assert login(facilitator).get(url("participants", 999_999)).status_code == 404


def test_the_english_translation_id_reaches_the_canonical_event(facilitator, event):
    register(event, "Astrid Lindgren")
    english = EventPage.objects.exclude(pk=event.pk).get(translation_key=event.translation_key)
    response = login(facilitator).get(url("participants", english.pk, language="en"))
    assert response.status_code == 200
    assert "Astrid Lindgren" in response.content.decode()


@pytest.mark.parametrize("persona", ["outsider", "member", "editor", "analyst"])
def test_check_in_is_refused_to_people_who_do_not_organise(request, event, persona):
    registration = register(event)
    response = login(request.getfixturevalue(persona)).post(
        url("check_in", event.pk, registration.pk), {"present": "1"})
    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_check_in_sends_anonymous_visitors_to_log_in(client, event):
    registration = register(event)
    response = client.post(url("check_in", event.pk, registration.pk), {"present": "1"})
    assert response.status_code == 302 and "/login/" in response.url
    registration.refresh_from_db()
    assert registration.checked_in_at is None


# --- The list --------------------------------------------------------------------------------


def _names(response) -> list[str]:
    return [row.registration.name for row in response.context["rows"]]


def test_it_lists_the_registrations_with_what_organisers_need(facilitator, event):
    actor = make_actor("Föreningen Framåt", sector_slug="civil-society")
    register(event, "Berit Berg", sector="civil-society", actor=actor, organisation="",
             dietary_needs="Vegan", accessibility_needs="Hörslinga", photos=True,
             share_contact=False)
    response = login(facilitator).get(url("participants", event.pk, language="en"))
    html = response.content.decode()
    assert "Berit Berg" in html
    assert f'href="{actor.get_absolute_url()}"' in html
    assert "Vegan" in html and "Hörslinga" in html
    assert "Civil society and idea-driven sector" in html
    row = response.context["rows"][0]
    assert (row.photo_consent, row.share_contact) == (True, False)
    assert "<caption" in html and 'scope="col"' in html


def test_it_shows_the_place_on_the_waiting_list(facilitator, event):
    register(event, "First waiting", status=RegistrationStatus.WAITING)
    register(event, "Second waiting", status=RegistrationStatus.WAITING)
    response = login(facilitator).get(url("participants", event.pk, language="en"))
    positions = {row.registration.name: row.position for row in response.context["rows"]}
    assert positions == {"First waiting": 1, "Second waiting": 2}
    assert "Waiting list, no. 2" in response.content.decode()


def test_it_counts_places_and_check_ins(facilitator, event):
    for i in range(3):
        register(event, f"Confirmed {i}", checked_in=i == 0)
    register(event, "Waiting", status=RegistrationStatus.WAITING)
    register(event, "Gone", status=RegistrationStatus.CANCELLED)
    counts = login(facilitator).get(url("participants", event.pk)).context["counts"]
    assert counts == {"confirmed": 3, "waiting": 1, "cancelled": 1, "checked_in": 1,
                      "places_left": 7}


def test_it_hides_cancelled_registrations_unless_asked(facilitator, event):
    register(event, "Anna Active")
    register(event, "Carl Cancelled", status=RegistrationStatus.CANCELLED)
    client = login(facilitator)
    assert _names(client.get(url("participants", event.pk))) == ["Anna Active"]
    assert _names(client.get(url("participants", event.pk), {"status": "cancelled"})) == [
        "Carl Cancelled"]
    assert _names(client.get(url("participants", event.pk), {"status": "all"})) == [
        "Anna Active", "Carl Cancelled"]


def test_it_filters_by_sector_check_in_and_search(facilitator, event):
    register(event, "Pia Public", sector="public", checked_in=True)
    register(event, "Per Private", sector="private", organisation="Bolaget AB")
    register(event, "Nils Nobody", sector=None, email="nils@kommun.se")
    client = login(facilitator)
    here = url("participants", event.pk)
    assert _names(client.get(here, {"sector": "private"})) == ["Per Private"]
    assert _names(client.get(here, {"sector": "none"})) == ["Nils Nobody"]
    assert _names(client.get(here, {"checked_in": "yes"})) == ["Pia Public"]
    assert _names(client.get(here, {"checked_in": "no"})) == ["Nils Nobody", "Per Private"]
    assert _names(client.get(here, {"q": "bolaget"})) == ["Per Private"]
    assert _names(client.get(here, {"q": "kommun.se"})) == ["Nils Nobody"]
    # A value that is not a choice filters nothing.
    assert len(_names(client.get(here, {"sector": "nonsense"}))) == 3


def test_it_does_not_list_another_events_registrations(facilitator, calendars, event):
    other = make_event(calendars, "Annat möte", english=False)
    register(other, "Elsewhere")
    register(event, "Here")
    assert _names(login(facilitator).get(url("participants", event.pk))) == ["Here"]


def test_it_pages_by_fifty(facilitator, event):
    for i in range(52):
        register(event, f"Person {i:02d}", email=f"p{i}@example.org")
    client = login(facilitator)
    first = client.get(url("participants", event.pk))
    assert len(first.context["rows"]) == 50
    assert len(client.get(url("participants", event.pk), {"page": 2}).context["rows"]) == 2


def test_an_anonymised_row_is_listed_without_personal_data(facilitator, event):
    register(event, "", email="", anonymised_at=timezone.now())
    response = login(facilitator).get(url("participants", event.pk, language="en"))
    assert "Anonymised" in response.content.decode()


def _fill(event, count: int, offset: int = 0) -> None:
    for i in range(offset, offset + count):
        register(event, photos=True, share_contact=True,
                 actor=make_actor(f"Org {i}") if i % 2 else None,
                 status=RegistrationStatus.WAITING if i % 3 == 0 else "confirmed")


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_stays_within_a_fixed_number_of_queries(
        facilitator, event, count, django_assert_max_num_queries):
    _fill(event, count)
    client = login(facilitator)
    client.get(url("participants", event.pk))  # warm caches (site root, locales)
    # The frame (session, user, permissions, page tree, site, locales) plus 6 for the list.
    with django_assert_max_num_queries(26):
        response = client.get(url("participants", event.pk))
    assert len(response.context["rows"]) == count


def test_ten_times_the_people_cost_no_more_queries(facilitator, event):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(facilitator)
    _fill(event, 3)
    client.get(url("participants", event.pk))
    with CaptureQueriesContext(connection) as few:
        client.get(url("participants", event.pk))
    _fill(event, 27, offset=3)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url("participants", event.pk))
    assert len(response.context["rows"]) == 30
    assert len(many) == len(few)


# --- Check-in --------------------------------------------------------------------------------


def test_check_in_records_the_time_and_goes_back_to_the_row(facilitator, event):
    registration = register(event)
    before = timezone.now()
    response = login(facilitator).post(
        url("check_in", event.pk, registration.pk),
        {"present": "1", "back": "sector=public&checked_in=no&page=1"})
    assert response.status_code == 302
    assert response.url == (url("participants", event.pk)
                            + f"?sector=public&checked_in=no&page=1#registration-{registration.pk}")
    registration.refresh_from_db()
    assert registration.checked_in_at is not None and registration.checked_in_at >= before


def test_check_in_can_be_undone(facilitator, event):
    registration = register(event, checked_in=True)
    login(facilitator).post(url("check_in", event.pk, registration.pk), {"present": "0"})
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_checking_in_twice_keeps_the_first_time(facilitator, event):
    registration = register(event, checked_in=True)
    first = registration.checked_in_at
    login(facilitator).post(url("check_in", event.pk, registration.pk), {"present": "1"})
    registration.refresh_from_db()
    assert registration.checked_in_at == first


def test_check_in_leaves_an_audit_entry_without_personal_data(facilitator, event):
    registration = register(event, "Hemlig Person", email="hemlig@example.org")
    login(facilitator).post(url("check_in", event.pk, registration.pk), {"present": "1"})
    entry = AuditEntry.objects.get(action="events.checked_in")
    assert entry.actor_id == facilitator.pk
    assert entry.data == {"registration": registration.pk}
    assert "Hemlig" not in f"{entry.target_label} {entry.data}"
    assert "hemlig@" not in f"{entry.target_label} {entry.data}"


def test_check_in_keeps_only_list_filters_in_the_way_back(facilitator, event):
    registration = register(event)
    response = login(facilitator).post(
        url("check_in", event.pk, registration.pk),
        {"present": "1", "back": "q=x&next=https://evil.example/#frag"})
    assert response.url.startswith(url("participants", event.pk) + "?q=x#registration-")
    assert "evil" not in response.url


def test_check_in_refuses_get(facilitator, event):
    registration = register(event)
    response = login(facilitator).get(url("check_in", event.pk, registration.pk))
    assert response.status_code == 405


def test_check_in_of_another_events_registration_is_not_found(facilitator, calendars, event):
    other = make_event(calendars, "Annat möte", english=False)
    registration = register(other)
    response = login(facilitator).post(url("check_in", event.pk, registration.pk),
                                       {"present": "1"})
    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_a_cancelled_registration_cannot_be_checked_in(facilitator, event):
    registration = register(event, status=RegistrationStatus.CANCELLED)
    response = login(facilitator).post(url("check_in", event.pk, registration.pk),
                                       {"present": "1"}, follow=True)
    assert response.status_code == 200
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_a_bad_check_in_form_is_refused(facilitator, event):
    registration = register(event)
    response = login(facilitator).post(url("check_in", event.pk, registration.pk),
                                       {"present": "maybe"})
    assert response.status_code == 400


def test_check_in_with_htmx_answers_with_the_updated_row_and_counts(facilitator, event):
    registration = register(event, "Greta Garbo")
    response = login(facilitator).post(url("check_in", event.pk, registration.pk, language="en"),
                                       {"present": "1", "back": ""}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<tr id="registration-{registration.pk}"')
    assert "Undo check-in" in html
    assert 'id="participant-counts" hx-swap-oob="true"' in html
    assert Registration.objects.get(pk=registration.pk).checked_in_at is not None
