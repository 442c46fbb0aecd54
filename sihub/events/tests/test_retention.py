"""Retention: personal data of past events anonymised after the configured time."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from sihub.core.models import AuditEntry, Sector, User
from sihub.events.feedback_services import feedback_submit
from sihub.events.models import (
    ConsentKind,
    Feedback,
    MatchBlock,
    MatchMeeting,
    MatchParticipant,
    MatchProfile,
    MatchSlot,
    Registration,
    RegistrationConsent,
    RegistrationStatus,
)
from sihub.events.retention import RETENTION_DONE, apply_event_retention, placeholder_email
from sihub.events.tests.conftest import make_event

pytestmark = pytest.mark.django_db

DAYS = 30


@pytest.fixture(autouse=True)
def _retention(settings):
    settings.SIHUB_EVENTS_RETENTION_DAYS = DAYS


def register(event, n: int, **fields) -> Registration:
    defaults = {"name": f"Person {n}", "email": f"person{n}@example.org",
                "organisation": "Föreningen Hopp", "dietary_needs": "Vegan",
                "accessibility_needs": "Hörslinga",
                "sector": Sector.objects.get(slug="civil-society")}
    return Registration.objects.create(event=event, **{**defaults, **fields})


def add_matchmaking(event, registrations):
    slot = MatchSlot.objects.create(event=event, start=event.start, end=event.end)
    participants = []
    for reg in registrations:
        user = User.objects.create_user(reg.email, "pw-not-used-123")
        profile = MatchProfile.objects.create(user=user, sector=reg.sector, offers="Lokaler")
        participants.append(MatchParticipant.objects.create(event=event, registration=reg,
                                                            profile=profile))
    MatchMeeting.objects.create(event=event, slot=slot, table=1, first=participants[0],
                                second=participants[1])
    MatchBlock.objects.create(event=event, first=participants[0], second=participants[1])
    return participants


@pytest.fixture
def old(calendars):
    """Ended 31 days ago: past the 30-day retention."""
    return make_event(calendars, "Gammal konferens", days=-31, hours=2)


@pytest.fixture
def recent(calendars):
    """Ended 29 days ago: still kept."""
    return make_event(calendars, "Nyare konferens", days=-29, hours=2)


def test_it_anonymises_registrations_of_events_past_the_limit(old, recent):
    now = timezone.now()
    gone = register(old, 1, checked_in_at=now - timedelta(days=31))
    waiting = register(old, 2, status=RegistrationStatus.WAITING)
    kept = register(recent, 3)
    RegistrationConsent.objects.create(registration=gone, kind=ConsentKind.PHOTOS, granted=True,
                                       text="Foton får tas.", text_version="2026-1")
    assert apply_event_retention() == 2
    gone.refresh_from_db()
    assert (gone.name, gone.organisation, gone.dietary_needs, gone.accessibility_needs) == (
        "", "", "", "")
    assert gone.email == placeholder_email(gone.pk)
    assert gone.anonymised_at is not None and gone.user_id is None
    # Statistics survive: sector, attendance, status.
    assert gone.sector.slug == "civil-society" and gone.checked_in_at is not None
    assert gone.status == RegistrationStatus.CONFIRMED
    consent = RegistrationConsent.objects.get(registration=gone)
    assert (consent.kind, consent.granted, consent.text_version) == ("photos", True, "2026-1")
    waiting.refresh_from_db()
    assert waiting.anonymised_at is not None and waiting.status == RegistrationStatus.WAITING
    kept.refresh_from_db()
    assert kept.name == "Person 3" and kept.email == "person3@example.org"
    assert kept.anonymised_at is None
    assert AuditEntry.objects.filter(action=RETENTION_DONE).count() == 1
    assert "person1" not in str(AuditEntry.objects.get(action=RETENTION_DONE).data)


def test_it_keeps_the_active_registration_constraint_valid(old):
    """Two active registrations of one event anonymised together stay distinct rows."""
    first, second = register(old, 1), register(old, 2)
    assert apply_event_retention() == 2
    emails = set(Registration.objects.filter(pk__in=[first.pk, second.pk])
                 .values_list("email", flat=True))
    assert len(emails) == 2 and all(e.endswith("@anonymised.invalid") for e in emails)


def test_it_is_idempotent(old):
    register(old, 1)
    assert apply_event_retention() == 1
    stamp = Registration.objects.get().anonymised_at
    assert apply_event_retention() == 0
    assert Registration.objects.get().anonymised_at == stamp
    assert AuditEntry.objects.filter(action=RETENTION_DONE).count() == 1


def test_it_works_in_batches(old):
    for n in range(7):
        register(old, n)
    lines = []
    assert apply_event_retention(batch_size=3, log=lines.append) == 7
    assert not Registration.objects.filter(anonymised_at__isnull=True).exists()
    assert lines[-1].strip() == "7/7 anonymised"


def test_it_deletes_matchmaking_and_detaches_feedback(old, recent):
    a, b = register(old, 1), register(old, 2)
    c, d = register(recent, 3), register(recent, 4)
    add_matchmaking(old, [a, b])
    add_matchmaking(recent, [c, d])
    feedback_submit(registration=a, rating=4, useful="Bra fika", new_contacts=2)
    apply_event_retention()
    assert not MatchParticipant.objects.filter(event=old).exists()
    assert not MatchMeeting.objects.filter(event=old).exists()
    assert not MatchBlock.objects.filter(event=old).exists()
    assert MatchParticipant.objects.filter(event=recent).count() == 2
    assert MatchMeeting.objects.filter(event=recent).count() == 1
    # The person's profile carries over to later events: it is theirs, not the event's.
    assert MatchProfile.objects.count() == 4
    feedback = Feedback.objects.get()
    assert feedback.registration_id is None and feedback.event_id == old.pk
    assert (feedback.rating, feedback.useful) == (4, "Bra fika")


def test_statistics_stay_countable(old):
    now = timezone.now()
    public = Sector.objects.get(slug="public")
    register(old, 1, checked_in_at=now)
    register(old, 2, sector=public, checked_in_at=now)
    register(old, 3, sector=public)
    register(old, 4, status=RegistrationStatus.CANCELLED)
    apply_event_retention()
    rows = Registration.objects.filter(event=old)
    assert rows.filter(sector=public).count() == 2
    assert rows.filter(checked_in_at__isnull=False).count() == 2
    assert rows.filter(status=RegistrationStatus.CANCELLED).count() == 1
    assert not rows.exclude(name="").exists()


def test_it_uses_the_end_of_the_event_not_its_start(calendars):
    # A three-day conference that started 32 days ago and ended 29 days ago is still kept.
    long_one = make_event(calendars, "Lång konferens", days=-32, hours=72)
    register(long_one, 1)
    assert apply_event_retention() == 0


def test_the_command_reports_progress(old):
    register(old, 1)
    register(old, 2)
    out = StringIO()
    call_command("apply_event_retention", "--dry-run", stdout=out)
    assert "2 registration(s) due" in out.getvalue()
    assert Registration.objects.filter(anonymised_at__isnull=True).count() == 2
    out = StringIO()
    call_command("apply_event_retention", "--batch-size", "1", stdout=out)
    text = out.getvalue()
    assert "1/2 anonymised" in text and "2/2 anonymised" in text
    assert "2 registration(s) anonymised" in text
    assert not Registration.objects.filter(anonymised_at__isnull=True).exists()


def test_the_task_runs_it(old):
    from sihub.events.tasks import apply_event_retention as task

    register(old, 1)
    assert task.call() == 1
