"""Matchmaking pages: who may see and do what, a participant's flow, the .ics, organisers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils import translation
from icalendar import Calendar

from sihub.conftest import login
from sihub.core.models import Sector
from sihub.events import matchmaking_services as services
from sihub.events.models import (
    MatchBlock,
    MatchMeeting,
    MatchParticipant,
    MatchProfile,
    MatchSlot,
    MeetingAnswer,
)
from sihub.events.tests.conftest import make_event
from sihub.events.tests.matchmaking_fixtures import (
    crowd,
    give_profile,
    match_event,
    mevent,  # noqa: F401 - fixture
    register,
)
from sihub.sdg.models import Goal

pytestmark = pytest.mark.django_db


def url(name: str, *args, lang: str = "en") -> str:
    with translation.override(lang):
        return reverse(f"events:{name}", args=args)


def _mine(participant) -> list[MatchMeeting]:
    return list(MatchMeeting.objects.filter(event=participant.event)
                .filter(first=participant) | MatchMeeting.objects.filter(
                    event=participant.event, second=participant))


@pytest.fixture
def ran(mevent):
    """The six people opted in and the scheduler run once."""
    people = crowd(mevent)
    services.matchmaking_run(actor=None, event=mevent)
    return people


# --- Access --------------------------------------------------------------------------------


def test_it_asks_anonymous_visitors_to_log_in(mevent):
    client = Client()
    for name, args in (("match_profile", ()), ("matchmaking", (mevent.pk,)),
                       ("match_schedule_ics", (mevent.pk,)), ("match_grid", (mevent.pk,)),
                       ("match_slots", (mevent.pk,))):
        response = client.get(url(name, *args))
        assert response.status_code == 302 and "login" in response["Location"], name
    response = client.post(url("meeting_answer", mevent.pk, 1), {"answer": "accepted"})
    assert response.status_code == 302 and "login" in response["Location"]


def test_answers_and_runs_are_post_only(mevent, facilitator, member):
    assert login(member).get(url("meeting_answer", mevent.pk, 1)).status_code == 405
    assert login(facilitator).get(url("match_run", mevent.pk)).status_code == 405


def test_there_is_no_matchmaking_page_without_matchmaking(calendars, member, facilitator):
    plain = make_event(calendars, "Utan matchning")
    register(plain, member)
    assert login(member).get(url("matchmaking", plain.pk)).status_code == 404
    assert login(facilitator).get(url("match_grid", plain.pk)).status_code == 404


def test_it_explains_to_someone_not_registered(mevent, member):
    response = login(member).get(url("matchmaking", mevent.pk))
    assert response.status_code == 403
    text = response.content.decode()
    assert "for registered participants of this event" in text
    assert url("register", mevent.pk) in text


def test_someone_on_the_waiting_list_is_not_let_in(mevent, member):
    register(mevent, member, status="waiting")
    give_profile(member)
    client = login(member)
    assert client.get(url("matchmaking", mevent.pk)).status_code == 403
    client.post(url("matchmaking", mevent.pk), {"action": "join"})
    assert not MatchParticipant.objects.exists()


@pytest.mark.parametrize("persona", ["member", "outsider", "analyst"])
def test_organiser_pages_are_refused_to_others(request, mevent, persona):
    client = login(request.getfixturevalue(persona))
    assert client.get(url("match_grid", mevent.pk)).status_code == 403
    assert client.get(url("match_slots", mevent.pk)).status_code == 403
    assert client.post(url("match_slots", mevent.pk), {"action": "remove", "slot": 1}
                       ).status_code == 403
    assert client.post(url("match_run", mevent.pk)).status_code == 403
    assert MatchSlot.objects.filter(event=mevent).count() == 3


# --- The profile ---------------------------------------------------------------------------


def test_a_person_creates_their_profile_and_comes_back_to_the_event(mevent, member):
    client = login(member)
    back = url("matchmaking", mevent.pk)
    page = client.get(url("match_profile") + f"?next={back}")
    assert page.status_code == 200 and "My matchmaking profile" in page.content.decode()
    response = client.post(url("match_profile"), {
        "organisation": "Umeå kommun", "sector": Sector.objects.get(slug="public").pk,
        "offers": "Praktikplatser", "seeks": "Sociala företag", "interests": "",
        "sdgs": [Goal.objects.get(number=8).pk], "next": back})
    assert response.status_code == 302 and response["Location"] == back
    profile = MatchProfile.objects.get(user=member)
    assert profile.organisation == "Umeå kommun"
    assert list(profile.sdgs.values_list("number", flat=True)) == [8]


def test_the_profile_form_shows_its_errors_and_ignores_foreign_next(member):
    client = login(member)
    response = client.post(url("match_profile"), {"sector": "", "offers": ""})
    assert response.status_code == 400
    text = response.content.decode()
    assert "error-summary" in text and "Sector" in text
    assert not MatchProfile.objects.exists()
    response = client.post(url("match_profile"), {
        "sector": Sector.objects.get(slug="academia").pk, "offers": "Forskning",
        "next": "https://evil.example.com/"})
    assert response.status_code == 302 and response["Location"] == url("match_profile")


def test_the_profile_is_filled_in_when_edited_again(member):
    give_profile(member, "academia", offers="Utvärdering av insatser")
    text = login(member).get(url("match_profile")).content.decode()
    assert "Utvärdering av insatser" in text and "Save the profile" in text


# --- Taking part ---------------------------------------------------------------------------


def test_without_a_profile_the_page_links_to_it(mevent, member):
    register(mevent, member)
    text = login(member).get(url("matchmaking", mevent.pk)).content.decode()
    assert "Create my matchmaking profile" in text
    assert url("match_profile") + "?next=" in text


def test_a_registered_person_joins_chooses_times_and_leaves(mevent, member):
    register(mevent, member)
    give_profile(member)
    client = login(member)
    slots = list(MatchSlot.objects.filter(event=mevent).order_by("start"))
    page = client.get(url("matchmaking", mevent.pk))
    assert "Join the matchmaking" in page.content.decode()
    response = client.post(url("matchmaking", mevent.pk),
                           {"action": "join", "slots": [slots[0].pk, slots[2].pk]})
    assert response.status_code == 302
    participant = MatchParticipant.objects.get(profile__user=member)
    assert set(participant.available_slots.all()) == {slots[0], slots[2]}
    client.post(url("matchmaking", mevent.pk), {"action": "availability",
                                                "slots": [slots[1].pk]})
    assert list(participant.available_slots.all()) == [slots[1]]
    text = client.get(url("matchmaking", mevent.pk)).content.decode()
    assert "No meetings are proposed to you yet" in text
    assert "You are not available at this time." in text
    client.post(url("matchmaking", mevent.pk), {"action": "leave"})
    assert not MatchParticipant.objects.exists()
    assert MatchProfile.objects.filter(user=member).exists()


def test_a_slot_of_another_event_is_not_a_choice(calendars, mevent, member):
    other = match_event(calendars, "Annan träff", days=30)
    register(mevent, member)
    give_profile(member)
    foreign = MatchSlot.objects.filter(event=other).first()
    response = login(member).post(url("matchmaking", mevent.pk),
                                  {"action": "join", "slots": [foreign.pk]})
    assert response.status_code == 400
    assert not MatchParticipant.objects.exists()


# --- My meetings ---------------------------------------------------------------------------


def test_a_participant_sees_their_meetings_with_partner_and_reasons(mevent, ran):
    me = ran[0]  # Alva, public sector
    meetings = _mine(me)
    assert meetings
    partners = {m.second if m.first_id == me.pk else m.first for m in meetings}
    strangers = [p for p in ran if p not in partners and p != me]
    text = login(me.profile.user).get(url("matchmaking", mevent.pk)).content.decode()
    for partner in partners:
        assert partner.registration.name in text
        assert partner.profile.organisation in text
    assert "Why we propose this meeting:" in text
    assert "They bring another sector" in text
    assert "Table" in text and "Accept" in text and "Decline" in text
    # Nobody else's name is shown to me.
    for stranger in strangers:
        assert stranger.registration.name not in text


def test_accepting_and_declining_my_side(mevent, ran):
    me = ran[0]
    first, *rest = _mine(me)
    client = login(me.profile.user)
    response = client.post(url("meeting_answer", mevent.pk, first.pk), {"answer": "accepted"})
    assert response.status_code == 302 and f"#slot-{first.slot_id}" in response["Location"]
    first.refresh_from_db()
    side = "first_answer" if first.first_id == me.pk else "second_answer"
    assert getattr(first, side) == MeetingAnswer.ACCEPTED
    if rest:
        client.post(url("meeting_answer", mevent.pk, rest[0].pk), {"answer": "declined"})
        rest[0].refresh_from_db()
        assert MeetingAnswer.DECLINED in (rest[0].first_answer, rest[0].second_answer)
    response = client.post(url("meeting_answer", mevent.pk, first.pk), {"answer": "maybe"},
                           follow=True)
    assert "Answer with accept or decline." in response.content.decode()


def test_nobody_answers_someone_elses_meeting(mevent, ran, outsider):
    me = ran[0]
    mine = {m.pk for m in _mine(me)}
    others = MatchMeeting.objects.filter(event=mevent).exclude(pk__in=mine).first()
    assert others is not None
    response = login(me.profile.user).post(url("meeting_answer", mevent.pk, others.pk),
                                           {"answer": "declined"})
    assert response.status_code == 404
    assert login(outsider).post(url("meeting_answer", mevent.pk, others.pk),
                                {"answer": "declined"}).status_code == 404
    others.refresh_from_db()
    assert MeetingAnswer.DECLINED not in (others.first_answer, others.second_answer)


def test_a_participant_blocks_a_proposed_partner(mevent, ran):
    me = ran[0]
    meeting = _mine(me)[0]
    partner_id = meeting.second_id if meeting.first_id == me.pk else meeting.first_id
    client = login(me.profile.user)
    response = client.post(url("matchmaking", mevent.pk),
                           {"action": "block", "partner": partner_id})
    assert response.status_code == 302
    assert MatchBlock.objects.filter(first_id=min(me.pk, partner_id),
                                     second_id=max(me.pk, partner_id)).exists()
    # Only someone I was proposed to meet can be blocked from here.
    stranger = next(p for p in ran if p.pk not in {me.pk, partner_id}
                    and p.pk not in {m.first_id for m in _mine(me)}
                    | {m.second_id for m in _mine(me)})
    assert client.post(url("matchmaking", mevent.pk),
                       {"action": "block", "partner": stranger.pk}).status_code == 404


def test_my_schedule_is_an_icalendar_file_with_the_slot_times(mevent, ran):
    me = ran[0]
    meetings = sorted(_mine(me), key=lambda m: m.slot.start)
    accepted, declined = meetings[0], meetings[-1]
    services.meeting_answer(user=me.profile.user, meeting=accepted, answer="accepted")
    other = accepted.second if accepted.first_id == me.pk else accepted.first
    services.meeting_answer(user=other.profile.user, meeting=accepted, answer="accepted")
    if declined.pk != accepted.pk:
        services.meeting_answer(user=me.profile.user, meeting=declined, answer="declined")
    response = login(me.profile.user).get(url("match_schedule_ics", mevent.pk))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    expected = [m for m in meetings if m.pk != declined.pk or declined.pk == accepted.pk]
    assert len(events) == len(expected)
    item = events[f"{mevent.translation_key}-meeting-{accepted.pk}@sihub"]
    assert item.decoded("dtstart") == accepted.slot.start
    assert item.decoded("dtend") == accepted.slot.end
    assert str(item["status"]) == "CONFIRMED"
    assert other.registration.name in str(item["summary"])
    assert f"table {accepted.table}" in str(item["summary"])
    for m in expected:
        if m.pk != accepted.pk:
            assert str(events[f"{mevent.translation_key}-meeting-{m.pk}@sihub"]["status"]) \
                == "TENTATIVE"


def test_there_is_no_schedule_for_someone_not_taking_part(mevent, member):
    register(mevent, member)
    assert login(member).get(url("match_schedule_ics", mevent.pk)).status_code == 404


def test_the_page_speaks_swedish_by_default(mevent, ran):
    text = login(ran[0].profile.user).get(url("matchmaking", mevent.pk, lang="sv")
                                          ).content.decode()
    assert 'lang="sv"' in text


# --- Organisers ----------------------------------------------------------------------------


def test_an_organiser_adds_and_removes_slots(calendars, facilitator):
    event = match_event(calendars, slots=0)
    client = login(facilitator)
    assert client.get(url("match_slots", event.pk)).status_code == 200
    local = timezone.localtime(event.start)
    response = client.post(url("match_slots", event.pk), {
        "action": "add", "slot-start": local.strftime("%Y-%m-%dT%H:%M"),
        "slot-end": (local + timedelta(minutes=20)).strftime("%Y-%m-%dT%H:%M"),
        "slot-tables": 12})
    assert response.status_code == 302
    slot = MatchSlot.objects.get(event=event)
    assert (slot.start, slot.tables) == (event.start, 12)
    overlap = client.post(url("match_slots", event.pk), {
        "action": "add", "slot-start": (local + timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M"),
        "slot-end": (local + timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M"),
        "slot-tables": 5})
    assert overlap.status_code == 400
    assert "This slot overlaps another slot." in overlap.content.decode()
    client.post(url("match_slots", event.pk), {"action": "remove", "slot": slot.pk})
    assert not MatchSlot.objects.filter(event=event).exists()


def test_an_organiser_runs_the_scheduler_and_sees_the_grid(mevent, facilitator):
    people = crowd(mevent)
    client = login(facilitator)
    response = client.post(url("match_run", mevent.pk), {"run-max_meetings": "",
                                                         "run-min_fit": "0"}, follow=True)
    assert response.status_code == 200
    meetings = list(MatchMeeting.objects.filter(event=mevent))
    assert meetings
    text = response.content.decode()
    assert f"The scheduler proposed {len(meetings)} new meetings" in text
    assert "Meeting grid" in text and "Last run" in text
    for p in people:
        assert p.registration.name in text
    # The grid's queries do not grow with the number of people and meetings.
    with CaptureQueriesContext(connection) as small:
        client.get(url("match_grid", mevent.pk))
    crowd(mevent, [("Gun Gran", "academia", "Metodstöd", "Kommuner", "design", (3,)),
                   ("Hans Hed", "private", "Lokaler", "Sociala företag", "fastigheter", (11,)),
                   ("Ida Is", "civil-society", "Volontärer", "Lokaler", "idrott", (3,))])
    services.matchmaking_run(actor=None, event=mevent)
    with CaptureQueriesContext(connection) as big:
        client.get(url("match_grid", mevent.pk))
    assert len(big) == len(small) <= 40  # most are the page frame's (session, menu, locale)


def test_the_grid_summary_counts_answers(mevent, ran, facilitator):
    meetings = list(MatchMeeting.objects.filter(event=mevent).select_related(
        "first__profile__user", "second__profile__user"))
    services.meeting_answer(user=meetings[0].first.profile.user, meeting=meetings[0],
                            answer="declined")
    response = login(facilitator).get(url("match_grid", mevent.pk))
    grid = response.context["grid"]
    assert grid.summary.participants == len(ran)
    assert (grid.summary.declined, grid.summary.proposed) == (1, len(meetings) - 1)
    assert "Declined" in response.content.decode()


def test_the_grid_exports_as_csv(mevent, ran, facilitator):
    response = login(facilitator).get(url("match_grid", mevent.pk) + "?format=csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("Slot,Table,Person 1")
    assert len(lines) == 1 + MatchMeeting.objects.filter(event=mevent).count()


def test_a_big_run_is_shown_as_running_until_done(mevent, facilitator, monkeypatch):
    crowd(mevent)
    monkeypatch.setattr(services, "RUN_INLINE_LIMIT", 2)
    # Without on_commit running (the test's transaction never commits), the run stays queued.
    response = login(facilitator).post(url("match_run", mevent.pk), follow=True)
    text = response.content.decode()
    assert "The scheduler is running" in text
    assert "disabled" in text
    again = login(facilitator).post(url("match_run", mevent.pk), follow=True)
    assert "already running" in again.content.decode()
