"""The events demo: a year of events of every type in both languages, people, a matchmaking round.

Seeded once per module (a smaller demo: two meetings per series, twelve
matchmaking participants) inside a transaction that is rolled back at the end.
"""

from __future__ import annotations

import pytest
from django.db.models import Count, Q
from django.utils import timezone
from wagtail.models import GroupPagePermission

from sihub.actors import demo as actors_demo
from sihub.conftest import _person
from sihub.core.demo import ACCOUNTS, DEMO_DOMAIN, ensure_area_pages, ensure_home_pages
from sihub.events import demo
from sihub.events.models import (
    EventIndexPage,
    EventOutcome,
    EventPage,
    EventSeries,
    EventType,
    Feedback,
    MatchMeeting,
    MatchParticipant,
    MatchProfile,
    MatchSlot,
    Registration,
    RegistrationConsent,
    RegistrationStatus,
)

PER_SERIES = 2
MATCH = 12


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Accounts and pages as core makes them, the actors, a coalition and an initiative, events."""
    with django_db_blocker.unblock():
        from django.db import transaction

        atomic = transaction.atomic()
        atomic.__enter__()
        for email, first, last, roles, superuser in ACCOUNTS:
            _person(email, roles, first_name=first, last_name=last, is_superuser=superuser,
                    is_staff=superuser)
        ensure_area_pages(ensure_home_pages())
        actors_demo.seed(scale=0, log=lambda _m: None)
        # The coalition and initiative the workshop's outcomes link to (their demos are slow).
        from sihub.coalitions.models import Coalition
        from sihub.core.models import User
        from sihub.impact import services as impact_services

        Coalition.objects.create(title="Inkluderande arbetsliv i Västerbotten",
                                 slug="inkluderande-arbetsliv-vasterbotten", challenge="Jobb.")
        impact_services.initiative_create(
            user=User.objects.get(email=ACCOUNTS[0][0]),
            fields={"title": "Unga i jobb Umeå", "slug": "unga-i-jobb-umea"})
        lines: list[str] = []
        demo.seed(scale=0, log=lines.append, per_series=PER_SERIES, match_participants=MATCH)
        yield lines
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def _expected() -> int:
    return len(demo.plan_events(timezone.localdate(), per_series=PER_SERIES))


def _swedish() -> list[EventPage]:
    return list(EventPage.objects.filter(locale__language_code="sv").live())


def test_it_makes_the_calendar_in_both_languages_for_facilitators(seeded, db):
    sv = EventIndexPage.objects.get(slug="kalender", locale__language_code="sv")
    en = EventIndexPage.objects.get(slug="calendar", locale__language_code="en")
    assert sv.translation_key == en.translation_key
    assert sv.live and en.live and sv.show_in_menus and en.show_in_menus
    assert (sv.title, en.title) == ("Kalender", "Calendar")
    for page in (sv, en):
        codenames = set(GroupPagePermission.objects.filter(
            page=page, group__name="Facilitators").values_list("permission__codename", flat=True))
        assert codenames == {"add_page", "change_page", "publish_page"}


def test_every_type_has_past_and_upcoming_events_in_both_languages(seeded, db):
    now = timezone.now()
    events = _swedish()
    assert len(events) == _expected() >= 19
    for kind in EventType.values:
        of_kind = [e for e in events if e.event_type == kind]
        assert any(e.end < now for e in of_kind), kind
        assert any(e.start > now for e in of_kind), kind
    english = EventPage.objects.filter(locale__language_code="en").live()
    assert english.count() == len(events)
    assert {e.translation_key for e in english} == {e.translation_key for e in events}
    assert min(e.start for e in events) > now - timezone.timedelta(days=190)
    assert max(e.start for e in events) < now + timezone.timedelta(days=190)


def test_events_are_tagged_placed_and_organised_by_demo_actors(seeded, db):
    events = _swedish()
    assert all(e.sdgs.exists() for e in events)
    assert all(e.organisers.exists() for e in events)
    on_site = [e for e in events if e.venue_name]
    assert len({e.city for e in on_site}) >= 5
    assert all(e.municipality and e.counties.filter(pk=e.municipality.county_id).exists()
               for e in on_site)
    assert any(e.is_online and not e.venue_name for e in events)  # webinars
    assert any(e.is_online and e.venue_name for e in events)  # hybrid
    assert {e.language for e in events} == {"sv", "en", "sv-en"}
    assert all(e.accessibility_info for e in events)
    assert EventSeries.objects.count() == 3
    assert EventPage.objects.filter(series__isnull=False, locale__language_code="sv").count() \
        == 3 * PER_SERIES


def test_conferences_and_workshops_have_a_programme_translated(seeded, db):
    conference = EventPage.objects.get(slug="inkluderande-arbetsliv-konferens")
    english = conference.get_translation(
        EventIndexPage.objects.get(slug="calendar").locale).specific
    titles_sv = list(conference.sessions.values_list("title", flat=True))
    titles_en = list(english.sessions.values_list("title", flat=True))
    assert 2 <= len(titles_sv) <= 6 and len(titles_en) == len(titles_sv)
    assert titles_en[0] == "Welcome and opening" and titles_sv[0] == "Välkommen och inledning"
    assert english.intro.startswith("The annual conference")
    for event in _swedish():
        if event.event_type in (EventType.CONFERENCE, EventType.WORKSHOP):
            assert 2 <= event.sessions.count() <= 6, event.slug
            assert all(s.start >= event.start and s.start < event.end
                       for s in event.sessions.all())


def test_full_events_have_a_waiting_list_and_none_is_overbooked(seeded, db):
    counts = {row["event"]: row for row in Registration.objects.values("event").annotate(
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)))}
    full = []
    for event in _swedish():
        row = counts.get(event.pk, {"confirmed": 0, "waiting": 0})
        if event.capacity is not None:
            assert row["confirmed"] <= event.capacity, event.slug
        if row["waiting"]:
            assert row["confirmed"] == event.capacity, event.slug
            full.append(event)
    assert any(e.is_past for e in full) and any(e.start > timezone.now() for e in full)
    assert any(e.capacity is None for e in _swedish())


def test_registrations_look_real_and_keep_no_real_addresses(seeded, db):
    rows = Registration.objects.filter(event__in=_swedish())
    assert rows.count() > 300
    assert not rows.exclude(email__endswith="@example.org").exclude(
        email__endswith=f"@{DEMO_DOMAIN}").exists()
    assert rows.filter(status=RegistrationStatus.CANCELLED).exists()
    assert rows.exclude(dietary_needs="").exists()
    assert rows.filter(actor__isnull=False).values("sector").distinct().count() == 5
    assert not rows.filter(created_at__gt=timezone.now()).exists()
    # Every registration has its three consents, with the text and its version.
    consents = RegistrationConsent.objects.filter(registration__in=rows)
    assert consents.count() == 3 * rows.count()
    assert not consents.filter(kind="registration", granted=False).exists()
    assert not consents.filter(text="").exists() and not consents.filter(text_version="").exists()


def test_past_events_have_check_ins_and_feedback_upcoming_none(seeded, db):
    now = timezone.now()
    past = [e for e in _swedish() if e.end < now and e.registration_enabled]
    confirmed = Registration.objects.filter(event__in=past, status=RegistrationStatus.CONFIRMED)
    share = confirmed.filter(checked_in_at__isnull=False).count() / confirmed.count()
    assert 0.7 < share < 0.9
    upcoming = [e for e in _swedish() if e.start > now]
    assert not Registration.objects.filter(event__in=upcoming, checked_in_at__isnull=False).exists()
    feedback = Feedback.objects.filter(event__in=past)
    assert feedback.values("event").distinct().count() == len(
        {r.event_id for r in confirmed.filter(checked_in_at__isnull=False)})
    assert set(feedback.values_list("rating", flat=True)) >= {3, 4, 5}
    assert not Feedback.objects.filter(event__in=upcoming).exists()
    assert not feedback.filter(registration__checked_in_at__isnull=True).exists()


def test_the_workshop_led_to_a_coalition_and_an_initiative(seeded, db):
    workshop = EventPage.objects.get(slug="samskapande-workshop-vagar-in-i-arbetslivet")
    assert workshop.is_past
    outcomes = list(EventOutcome.objects.filter(event=workshop))
    assert len(outcomes) == 2
    assert outcomes[0].coalition.slug == "inkluderande-arbetsliv-vasterbotten"
    assert outcomes[1].initiative.slug == "unga-i-jobb-umea"


def test_the_conference_has_a_matchmaking_round_with_meetings(seeded, db):
    conference = EventPage.objects.get(slug="inkluderande-arbetsliv-konferens")
    assert conference.matchmaking_enabled and conference.start > timezone.now()
    assert MatchSlot.objects.filter(event=conference).count() == 6
    participants = MatchParticipant.objects.filter(event=conference)
    assert participants.count() == MATCH
    maja = next(a[0] for a in ACCOUNTS if a[1] == "Maja")
    assert participants.filter(profile__user__email=maja).exists()
    profiles = MatchProfile.objects.filter(participations__event=conference)
    assert profiles.values("sector").distinct().count() == 5
    assert profiles.filter(offers__contains="the").exists()  # some write in English
    assert all(p.registration.status == RegistrationStatus.CONFIRMED
               and p.registration.user_id == p.profile.user_id
               for p in participants.select_related("registration", "profile"))
    meetings = MatchMeeting.objects.filter(event=conference)
    assert meetings.exists()
    assert meetings.filter(first_answer="accepted", second_answer="accepted").exists()


def test_running_it_again_adds_nothing(seeded, db):
    counts = [model.objects.count() for model in (
        EventPage, EventSeries, Registration, RegistrationConsent, Feedback, EventOutcome,
        MatchParticipant, MatchMeeting, GroupPagePermission)]
    lines: list[str] = []
    demo.seed(scale=0, log=lines.append, per_series=PER_SERIES, match_participants=MATCH)
    assert counts == [model.objects.count() for model in (
        EventPage, EventSeries, Registration, RegistrationConsent, Feedback, EventOutcome,
        MatchParticipant, MatchMeeting, GroupPagePermission)]
    assert f"{_expected()} demo events" in lines[0] and "0 added" in lines[0]


def test_scale_adds_synthetic_events_once(seeded, db):
    before = EventPage.objects.count()
    demo.seed(scale=1, log=lambda _m: None, per_series=PER_SERIES, match_participants=MATCH)
    assert EventPage.objects.count() == before + demo.SYNTHETIC_PER_SCALE
    synthetic = EventPage.objects.filter(slug__startswith=demo.SYNTHETIC_PREFIX)
    assert synthetic.live().count() == demo.SYNTHETIC_PER_SCALE
    for event in synthetic.filter(capacity__isnull=False):
        assert event.registrations.count() <= event.capacity
    demo.seed(scale=1, log=lambda _m: None, per_series=PER_SERIES, match_participants=MATCH)
    assert EventPage.objects.count() == before + demo.SYNTHETIC_PER_SCALE

