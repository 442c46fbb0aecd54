"""The model's own rules: canonical page, dates, one active registration per address."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sihub.events.models import EventPage, Registration, RegistrationStatus
from sihub.events.tests.conftest import make_event

pytestmark = pytest.mark.django_db


def test_it_counts_registrations_on_the_swedish_page_whichever_language(calendars):
    page = make_event(calendars, "Konferens", capacity=5)
    english = page.get_translation(calendars["en"].locale).specific
    assert isinstance(english, EventPage)
    assert english.canonical.pk == page.pk
    assert page.canonical.pk == page.pk


def test_it_refuses_an_event_that_ends_before_it_starts(calendars):
    page = make_event(calendars, "Seminarium")
    page.end = page.start - timedelta(hours=1)
    with pytest.raises(ValidationError) as exc:
        page.full_clean()
    assert "end" in exc.value.message_dict


def test_it_allows_one_active_registration_per_address(event):
    Registration.objects.create(event=event, name="Ada", email="ada@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=event, name="Ada", email="ada@example.org",
                                    status=RegistrationStatus.WAITING)
    Registration.objects.filter(event=event).update(status=RegistrationStatus.CANCELLED)
    Registration.objects.create(event=event, name="Ada", email="ada@example.org")
    assert Registration.objects.filter(event=event).count() == 2
