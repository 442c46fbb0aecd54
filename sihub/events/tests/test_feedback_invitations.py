"""The feedback invitation after the event: once per event, to those who came."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from sihub.events.feedback_services import feedback_submit
from sihub.events.feedback_tasks import send_due_feedback_invitations, send_feedback_invitations
from sihub.events.models import Feedback, Registration, RegistrationStatus
from sihub.events.tests.conftest import make_event

pytestmark = pytest.mark.django_db


def register(event, n: int, **fields) -> Registration:
    return Registration.objects.create(event=event, name=f"Person {n}",
                                       email=f"person{n}@example.org", **fields)


@pytest.fixture
def ended(calendars):
    return make_event(calendars, "Nätverksträff i Gävle", days=-1)


def test_it_invites_those_who_came_once(ended):
    now = timezone.now()
    came = register(ended, 1, checked_in_at=now, language="en")
    register(ended, 2)  # registered, never came
    register(ended, 3, status=RegistrationStatus.WAITING, checked_in_at=now)
    answered = register(ended, 4, checked_in_at=now)
    feedback_submit(registration=answered, rating=4)
    assert send_feedback_invitations.call(ended.pk) == 1
    assert [m.to for m in mail.outbox] == [[came.email]]
    assert "How was" in mail.outbox[0].subject
    assert send_feedback_invitations.call(ended.pk) == 0  # idempotent
    assert len(mail.outbox) == 1
    # The link in the mail opens the form.
    url = next(w for w in mail.outbox[0].body.split() if "/feedback/" in w)
    response = Client().post(urlsplit(url).path, {"rating": "5"})
    assert response.status_code == 302
    assert Feedback.objects.filter(registration=came).exists()


def test_it_invites_everyone_with_a_place_when_nobody_was_checked_in(ended):
    register(ended, 1)
    register(ended, 2)
    register(ended, 3, status=RegistrationStatus.CANCELLED)
    assert send_feedback_invitations.call(ended.pk) == 2


def test_it_waits_for_the_end_of_the_event(event):
    register(event, 1)
    assert send_feedback_invitations.call(event.pk) == 0
    assert mail.outbox == []


def test_the_scheduled_run_covers_recent_events_only(calendars, ended):
    long_ago = make_event(calendars, "Förra årets konferens", days=-60)
    register(ended, 1)
    register(long_ago, 2)
    assert send_due_feedback_invitations.call() == 1
    assert send_due_feedback_invitations.call() == 0
    assert [m.to for m in mail.outbox] == [["person1@example.org"]]
