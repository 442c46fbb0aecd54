"""The statistics page: sector mix of who signed up and who came, as a chart and a table."""

from __future__ import annotations

import pytest
from django.utils import timezone

from sihub.conftest import login
from sihub.events.models import RegistrationStatus
from sihub.events.tests.conftest import make_event
from sihub.events.tests.organiser_testdata import register, url

pytestmark = pytest.mark.django_db


def _rows(response) -> dict[str, object]:
    return {row.key: row for row in response.context["mix"].rows}


def test_it_gives_exact_shares_for_a_known_event(facilitator, calendars):
    past = make_event(calendars, "Avslutad konferens", days=-2, capacity=20)
    register(past, sector="public", checked_in=True)
    register(past, sector="public", checked_in=True)
    register(past, sector="public")
    register(past, sector="private", checked_in=True)
    register(past, sector="private")
    response = login(facilitator).get(url("statistics", past.pk, language="en"))
    assert response.status_code == 200
    mix = response.context["mix"]
    rows = _rows(response)
    assert (mix.confirmed, mix.attended, mix.no_shows) == (5, 3, 2)
    assert rows["public"].confirmed_share == pytest.approx(60.0)
    assert rows["private"].confirmed_share == pytest.approx(40.0)
    assert rows["public"].attended_share == pytest.approx(200 / 3)
    assert rows["private"].attended_share == pytest.approx(100 / 3)
    assert mix.attendance_rate == pytest.approx(60.0)
    html = response.content.decode()
    assert "66.7 %" in html and "33.3 %" in html and "60.0 %" in html
    assert "<svg" in html and "<caption" in html
    # Sectors in core.Sector order, with the empty ones too.
    assert list(rows) == ["public", "private", "academia", "civil-society", "social-economy"]


def test_it_shows_percentages_the_swedish_way_in_swedish(facilitator, calendars):
    past = make_event(calendars, "Avslutad träff", days=-2, english=False)
    register(past, sector="public", checked_in=True)
    register(past, sector="public")
    register(past, sector="academia", checked_in=True)
    html = login(facilitator).get(url("statistics", past.pk)).content.decode()
    assert "66,7 %" in html  # two of three registered are public


def test_waiting_list_is_counted_apart_and_cancelled_left_out(facilitator, event):
    register(event, sector="public")
    register(event, sector="academia", status=RegistrationStatus.WAITING)
    register(event, sector="academia", status=RegistrationStatus.WAITING)
    register(event, sector="private", status=RegistrationStatus.CANCELLED)
    response = login(facilitator).get(url("statistics", event.pk, language="en"))
    mix = response.context["mix"]
    assert (mix.confirmed, mix.waiting, mix.cancelled, mix.attended) == (1, 2, 1, 0)
    assert _rows(response)["academia"].waiting_share == pytest.approx(100.0)
    assert _rows(response)["private"].confirmed == 0
    names = [item.name for item in response.context["chart"].legend]
    assert names == ["Registered", "Waiting list"]  # nobody came yet: no empty column
    assert "after the start" in response.content.decode()  # no-shows wait for the event


def test_anonymised_registrations_still_count(facilitator, calendars):
    past = make_event(calendars, "Gammal träff", days=-400, english=False)
    register(past, "", email="", sector="civil-society", checked_in=True,
             anonymised_at=timezone.now())
    register(past, sector="public")
    response = login(facilitator).get(url("statistics", past.pk))
    rows = _rows(response)
    assert rows["civil-society"].confirmed == 1 and rows["civil-society"].attended == 1
    assert rows["civil-society"].attended_share == pytest.approx(100.0)


def test_people_without_a_sector_get_their_own_row(facilitator, event):
    register(event, sector=None, checked_in=True)
    response = login(facilitator).get(url("statistics", event.pk, language="en"))
    rows = _rows(response)
    assert rows[""].label == "No sector given"
    assert rows[""].confirmed_share == pytest.approx(100.0)


def test_an_event_without_registrations_has_no_division_by_zero(facilitator, event):
    response = login(facilitator).get(url("statistics", event.pk, language="en"))
    assert response.status_code == 200
    assert response.context["mix"].is_empty
    assert response.context["chart"] is None
    assert "Nobody has signed up yet" in response.content.decode()


@pytest.mark.parametrize("persona", ["outsider", "member", "analyst"])
def test_statistics_are_refused_to_people_who_do_not_organise(request, event, persona):
    register(event)
    response = login(request.getfixturevalue(persona)).get(url("statistics", event.pk))
    assert response.status_code == 403


def test_statistics_send_anonymous_visitors_to_log_in(client, event):
    response = client.get(url("statistics", event.pk))
    assert response.status_code == 302 and "/login/" in response.url
