"""Matchmaking writes: profiles, taking part, answers and blocks, slots, and scheduler runs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sihub.core.models import AuditEntry, Sector
from sihub.events import matchmaking as mm
from sihub.events import matchmaking_adapter as adapter
from sihub.events import matchmaking_services as services
from sihub.events.models import (
    MatchBlock,
    MatchMeeting,
    MatchParticipant,
    MatchSlot,
    MeetingAnswer,
    Registration,
    RegistrationStatus,
)
from sihub.events.tests.conftest import make_event
from sihub.events.tests.matchmaking_fixtures import (
    PEOPLE,
    crowd,
    give_profile,
    match_event,
    mevent,  # noqa: F401 - fixture
    person,
    register,
)

pytestmark = pytest.mark.django_db


def _pairs(event) -> set[frozenset[int]]:
    return {frozenset((m.first_id, m.second_id))
            for m in MatchMeeting.objects.filter(event=event)}


# --- Profile and taking part ---------------------------------------------------------------


def test_it_saves_and_updates_the_persons_own_profile(member):
    profile = give_profile(member, "academia", goals=(4, 8))
    assert profile.sector.slug == "academia"
    assert sorted(profile.sdgs.values_list("number", flat=True)) == [4, 8]
    again = services.profile_save(user=member, fields={
        "sector": Sector.objects.get(slug="private"), "offers": "  Mentorskap  "}, sdgs=[])
    assert again.pk == profile.pk and again.offers == "Mentorskap"
    assert again.sector.slug == "private" and not again.sdgs.exists()
    entry = AuditEntry.objects.filter(action=services.PROFILE_SAVED).first()
    assert entry.actor_id == member.pk and entry.target_label == ""  # no address in the log


def test_it_carries_the_profile_over_to_a_later_event(calendars, member):
    first = match_event(calendars, "Första träffen")
    later = match_event(calendars, "Andra träffen", days=40)
    give_profile(member)
    register(first, member)
    register(later, member)
    a = services.participant_join(user=member, event=first)
    b = services.participant_join(user=member, event=later)
    assert a.profile_id == b.profile_id
    assert a.event_id != b.event_id


def test_joining_needs_a_confirmed_registration(mevent, member):
    give_profile(member)
    with pytest.raises(services.MatchmakingError) as exc:
        services.participant_join(user=member, event=mevent)
    assert exc.value.code == "not_registered"
    register(mevent, member, status=RegistrationStatus.WAITING)
    with pytest.raises(services.MatchmakingError):
        services.participant_join(user=member, event=mevent)
    assert not MatchParticipant.objects.exists()


def test_a_registration_by_the_accounts_address_counts(mevent, member):
    give_profile(member)
    registration = register(mevent, member, by_email=True)
    participant = services.participant_join(user=member, event=mevent)
    assert participant.registration_id == registration.pk


def test_joining_needs_a_profile_and_matchmaking_at_the_event(calendars, mevent, member):
    register(mevent, member)
    with pytest.raises(services.MatchmakingError) as exc:
        services.participant_join(user=member, event=mevent)
    assert exc.value.code == "no_profile"
    plain = make_event(calendars, "Utan matchning")
    register(plain, member)
    give_profile(member)
    with pytest.raises(services.MatchmakingError) as exc:
        services.participant_join(user=member, event=plain)
    assert exc.value.code == "not_enabled"


def test_joining_twice_gives_one_participation_available_at_every_slot(mevent, member):
    give_profile(member)
    register(mevent, member)
    first = services.participant_join(user=member, event=mevent)
    second = services.participant_join(user=member, event=mevent)
    assert first.pk == second.pk
    assert first.available_slots.count() == MatchSlot.objects.filter(event=mevent).count() == 3


def test_availability_takes_only_the_events_own_slots(calendars, mevent, member):
    other = match_event(calendars, "Annan träff", days=30)
    give_profile(member)
    register(mevent, member)
    participant = services.participant_join(user=member, event=mevent, slots=[])
    mine = list(MatchSlot.objects.filter(event=mevent)[:1])
    services.participant_set_availability(
        user=member, participant=participant,
        slots=[*mine, *MatchSlot.objects.filter(event=other)])
    assert list(participant.available_slots.all()) == mine


def test_nobody_changes_someone_elses_participation(mevent, member, outsider):
    give_profile(member)
    register(mevent, member)
    participant = services.participant_join(user=member, event=mevent)
    with pytest.raises(PermissionDenied):
        services.participant_set_availability(user=outsider, participant=participant, slots=[])
    with pytest.raises(PermissionDenied):
        services.participant_leave(user=outsider, participant=participant)


def test_leaving_removes_the_participation_and_its_meetings_but_keeps_the_profile(mevent):
    people = crowd(mevent)
    services.matchmaking_run(actor=None, event=mevent)
    leaver = people[0]
    assert MatchMeeting.objects.filter(first=leaver).exists() or \
        MatchMeeting.objects.filter(second=leaver).exists()
    services.participant_leave(user=leaver.profile.user, participant=leaver)
    assert not MatchParticipant.objects.filter(pk=leaver.pk).exists()
    assert not {leaver.pk} & {i for pair in _pairs(mevent) for i in pair}
    assert leaver.profile.user.match_profile.pk == leaver.profile.pk


# --- Answers and blocks --------------------------------------------------------------------


def test_each_side_answers_for_itself_only(mevent, outsider):
    crowd(mevent)
    services.matchmaking_run(actor=None, event=mevent)
    meeting = MatchMeeting.objects.filter(event=mevent).select_related(
        "first__profile__user", "second__profile__user").first()
    services.meeting_answer(user=meeting.second.profile.user, meeting=meeting, answer="accepted")
    meeting.refresh_from_db()
    assert (meeting.first_answer, meeting.second_answer) == ("proposed", "accepted")
    with pytest.raises(PermissionDenied):
        services.meeting_answer(user=outsider, meeting=meeting, answer="declined")
    with pytest.raises(services.MatchmakingError):
        services.meeting_answer(user=meeting.first.profile.user, meeting=meeting,
                                answer="maybe")
    assert AuditEntry.objects.filter(action=services.MEETING_ANSWERED).count() == 1


def test_blocking_declines_open_proposals_between_the_two(mevent):
    crowd(mevent)
    services.matchmaking_run(actor=None, event=mevent)
    meeting = MatchMeeting.objects.filter(event=mevent).select_related(
        "first__profile__user", "second").first()
    block = services.participant_block(user=meeting.first.profile.user,
                                       participant=meeting.first, other=meeting.second)
    meeting.refresh_from_db()
    assert meeting.first_answer == MeetingAnswer.DECLINED
    assert {block.first_id, block.second_id} == {meeting.first_id, meeting.second_id}
    assert block.first_id < block.second_id
    with pytest.raises(services.MatchmakingError):
        services.participant_block(user=meeting.first.profile.user, participant=meeting.first,
                                   other=meeting.first)


# --- Slots ---------------------------------------------------------------------------------


def test_a_slot_lies_inside_the_event_and_overlaps_no_other(calendars, facilitator):
    event = match_event(calendars, slots=0)
    ok = services.slot_add(actor=facilitator, event=event, start=event.start,
                           end=event.start + timedelta(minutes=20), tables=5)
    assert ok.tables == 5
    for start, end, field in (
            (event.start - timedelta(minutes=30), event.start, "start"),  # before the event
            (event.end - timedelta(minutes=10), event.end + timedelta(minutes=10), "start"),
            (event.start + timedelta(minutes=10), event.start + timedelta(minutes=40), "start"),
            (event.start + timedelta(hours=1), event.start + timedelta(hours=1), "end")):
        with pytest.raises(ValidationError) as exc:
            services.slot_add(actor=facilitator, event=event, start=start, end=end, tables=5)
        assert field in exc.value.message_dict
    # Back to back is no overlap.
    services.slot_add(actor=facilitator, event=event, start=event.start + timedelta(minutes=20),
                      end=event.start + timedelta(minutes=40), tables=5)
    assert MatchSlot.objects.filter(event=event).count() == 2


def test_only_organisers_add_or_remove_slots_and_run(mevent, member, analyst):
    slot = MatchSlot.objects.filter(event=mevent).first()
    for user in (member, analyst):
        with pytest.raises(PermissionDenied):
            services.slot_add(actor=user, event=mevent, start=mevent.start,
                              end=mevent.start + timedelta(minutes=5), tables=1)
        with pytest.raises(PermissionDenied):
            services.slot_remove(actor=user, slot=slot)
        with pytest.raises(PermissionDenied):
            services.matchmaking_request_run(actor=user, event=mevent)


def test_removing_a_slot_removes_its_meetings(mevent, facilitator):
    crowd(mevent)
    services.matchmaking_run(actor=facilitator, event=mevent)
    slot = MatchSlot.objects.filter(event=mevent, meetings__isnull=False).first()
    services.slot_remove(actor=facilitator, slot=slot)
    assert not MatchMeeting.objects.filter(slot_id=slot.pk).exists()


# --- Runs ----------------------------------------------------------------------------------


def test_a_run_proposes_valid_meetings_with_scores_and_reasons(mevent, facilitator):
    people = crowd(mevent)
    report = services.matchmaking_run(actor=facilitator, event=mevent)
    meetings = list(MatchMeeting.objects.filter(event=mevent))
    assert report.participants == len(PEOPLE)
    assert report.proposed == len(meetings) > 0
    assert report.without_meeting == 0
    assert all(0 < m.score <= 1 for m in meetings)
    assert all(m.first_id < m.second_id for m in meetings)
    assert all(m.reasons and {"kind", "detail"} <= set(m.reasons[0]) for m in meetings)
    assert any(r["kind"] == "cross_sector" for m in meetings for r in m.reasons)
    # The stored meetings break no rule of the scheduler.
    built = adapter.build_problem(mevent)
    stored = [mm.Meeting(slot=m.slot_id, table=m.table, a=m.first_id, b=m.second_id,
                         score=m.score) for m in meetings]
    assert mm.check(built.problem, stored) == []
    # Six people in three sectors or more: everyone meets two other sectors.
    assert report.variety_possible == len(people) and report.variety_met == len(people)
    entry = AuditEntry.objects.filter(action=services.RUN_DONE).first()
    assert entry.actor_id == facilitator.pk and entry.data["proposed"] == report.proposed
    status = services.run_status(mevent)
    assert not status.running and status.last["proposed"] == report.proposed


def test_a_run_respects_availability(mevent):
    people = crowd(mevent)
    first_slot, *others = list(MatchSlot.objects.filter(event=mevent).order_by("start"))
    only_first, nowhere = people[0], people[1]
    services.participant_set_availability(user=only_first.profile.user, participant=only_first,
                                          slots=[first_slot])
    services.participant_set_availability(user=nowhere.profile.user, participant=nowhere,
                                          slots=[])
    report = services.matchmaking_run(actor=None, event=mevent)
    mine = MatchMeeting.objects.filter(event=mevent).filter(
        first=only_first) | MatchMeeting.objects.filter(event=mevent, second=only_first)
    assert mine.exists() and {m.slot_id for m in mine} == {first_slot.pk}
    assert nowhere.pk not in {i for pair in _pairs(mevent) for i in pair}
    assert report.without_meeting == 1


def test_blocked_pairs_are_never_proposed(mevent):
    people = crowd(mevent)
    services.matchmaking_run(actor=None, event=mevent)
    blocked = [frozenset((m.first_id, m.second_id))
               for m in MatchMeeting.objects.filter(event=mevent)[:3]]
    by_id = {p.pk: p for p in people}
    for pair in blocked:
        a, b = sorted(pair)
        services.participant_block(user=by_id[a].profile.user, participant=by_id[a],
                                   other=by_id[b])
    for seed in (0, 1):
        services.matchmaking_run(actor=None, event=mevent, seed=seed)
        assert not set(blocked) & _pairs(mevent)


def test_accepted_meetings_are_kept_across_runs(mevent):
    crowd(mevent)
    services.matchmaking_run(actor=None, event=mevent)
    meeting = MatchMeeting.objects.filter(event=mevent).select_related(
        "first__profile__user", "second__profile__user").last()
    for user in (meeting.first.profile.user, meeting.second.profile.user):
        services.meeting_answer(user=user, meeting=meeting, answer="accepted")
    one_side = MatchMeeting.objects.filter(event=mevent).exclude(pk=meeting.pk).select_related(
        "first__profile__user").first()
    services.meeting_answer(user=one_side.first.profile.user, meeting=one_side,
                            answer="accepted")
    report = services.matchmaking_run(actor=None, event=mevent, seed=3)
    kept = MatchMeeting.objects.get(pk=meeting.pk)
    assert (kept.slot_id, kept.table, kept.first_answer, kept.second_answer) == (
        meeting.slot_id, meeting.table, "accepted", "accepted")
    assert report.kept == 1
    # Accepted by one side only is a proposal like any other: replaced.
    assert not MatchMeeting.objects.filter(pk=one_side.pk).exists()


def test_a_declined_meeting_is_never_proposed_again(mevent):
    crowd(mevent)
    services.matchmaking_run(actor=None, event=mevent)
    meeting = MatchMeeting.objects.filter(event=mevent).select_related(
        "second__profile__user").first()
    pair = frozenset((meeting.first_id, meeting.second_id))
    services.meeting_answer(user=meeting.second.profile.user, meeting=meeting, answer="declined")
    first = services.matchmaking_run(actor=None, event=mevent)
    assert first.declined_blocked == 1
    assert MatchBlock.objects.filter(first_id=min(pair), second_id=max(pair)).exists()
    assert pair not in _pairs(mevent)
    # Still not after the declined row is long gone.
    services.matchmaking_run(actor=None, event=mevent, seed=7)
    assert pair not in _pairs(mevent)


def test_cancelled_registrations_are_left_out(mevent):
    people = crowd(mevent)
    gone = people[2]
    Registration.objects.filter(pk=gone.registration_id).update(
        status=RegistrationStatus.CANCELLED)
    report = services.matchmaking_run(actor=None, event=mevent)
    assert report.participants == len(PEOPLE) - 1
    assert gone.pk not in {i for pair in _pairs(mevent) for i in pair}


def test_a_cancelled_and_registered_again_person_is_back_in(mevent):
    people = crowd(mevent)
    back = people[0]
    user = back.profile.user
    Registration.objects.filter(pk=back.registration_id).update(
        status=RegistrationStatus.CANCELLED)
    fresh = register(mevent, user)
    again = services.participant_join(user=user, event=mevent)
    assert again.pk == back.pk and again.registration_id == fresh.pk
    assert services.matchmaking_run(actor=None, event=mevent).participants == len(PEOPLE)


def test_max_meetings_and_min_fit_limit_the_proposals(mevent):
    crowd(mevent)
    services.matchmaking_run(actor=None, event=mevent, max_meetings=1)
    counts: dict[int, int] = {}
    for pair in _pairs(mevent):
        for pk in pair:
            counts[pk] = counts.get(pk, 0) + 1
    assert counts and max(counts.values()) == 1
    report = services.matchmaking_run(actor=None, event=mevent, min_fit=1.0)
    assert report.proposed == 0


def test_a_run_needs_slots_and_refuses_while_one_is_queued(calendars, facilitator):
    event = match_event(calendars, slots=0)
    with pytest.raises(services.MatchmakingError) as exc:
        services.matchmaking_request_run(actor=facilitator, event=event)
    assert exc.value.code == "no_slots"
    MatchSlot.objects.create(event=event, start=event.start,
                             end=event.start + timedelta(minutes=20), tables=3)
    from sihub.core.services import audit_record

    audit_record(actor=facilitator, action=services.RUN_QUEUED, target=event)
    assert services.run_status(event).running
    with pytest.raises(services.MatchmakingError) as exc:
        services.matchmaking_request_run(actor=facilitator, event=event)
    assert exc.value.code == "running"


def test_a_big_event_runs_in_the_background(mevent, facilitator, monkeypatch,
                                            django_capture_on_commit_callbacks):
    crowd(mevent)
    monkeypatch.setattr(services, "RUN_INLINE_LIMIT", 2)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report = services.matchmaking_request_run(actor=facilitator, event=mevent)
    assert report is None and len(callbacks) == 1
    assert MatchMeeting.objects.filter(event=mevent).exists()
    status = services.run_status(mevent)
    assert not status.running and status.last["participants"] == len(PEOPLE)


def test_a_failed_background_run_is_noted(mevent, facilitator, monkeypatch):
    from sihub.events.matchmaking_tasks import run_matchmaking

    crowd(mevent)

    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "matchmaking_run", broken)
    with pytest.raises(RuntimeError):
        run_matchmaking.call(mevent.pk, facilitator.pk)
    status = services.run_status(mevent)
    assert status.failed_at is not None and not status.running


def test_the_grid_counts_answers_and_people_without_meetings(mevent):
    people = crowd(mevent)
    extra = person("greta@example.org", "Greta Grå")
    register(mevent, extra)
    give_profile(extra, "private")
    lonely = services.participant_join(user=extra, event=mevent, slots=[])
    services.matchmaking_run(actor=None, event=mevent)
    meetings = list(MatchMeeting.objects.filter(event=mevent).select_related(
        "first__profile__user", "second__profile__user"))
    both, declined = meetings[0], meetings[1]
    for user in (both.first.profile.user, both.second.profile.user):
        services.meeting_answer(user=user, meeting=both, answer="accepted")
    services.meeting_answer(user=declined.first.profile.user, meeting=declined,
                            answer="declined")
    grid = adapter.grid_for(mevent)
    s = grid.summary
    assert s.participants == len(people) + 1
    assert (s.accepted, s.declined, s.proposed) == (1, 1, len(meetings) - 2)
    assert [p.pk for p in s.without_meeting] == [lonely.pk]
    live = [m for m in meetings if m.pk != declined.pk]
    assert s.average_fit == pytest.approx(sum(m.score for m in live) / len(live))
    assert s.variety_possible == len(people)  # the one with no time cannot
    assert len(grid.rows) == max(m.table for m in meetings)
    assert sum(1 for _, cells in grid.rows for c in cells if c) == len(meetings)
