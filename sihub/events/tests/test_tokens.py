from __future__ import annotations

import pytest
from django.http import Http404
from django.utils import timezone

from sihub.events.models import Registration
from sihub.events.tokens import registration_from_token, registration_token

pytestmark = pytest.mark.django_db


def test_it_finds_the_registration_its_token_names(event):
    reg = Registration.objects.create(event=event, name="Ada", email="ada@example.org")
    assert registration_from_token(registration_token(reg)).pk == reg.pk


def test_it_refuses_a_tampered_token_and_one_for_an_anonymised_row(event):
    reg = Registration.objects.create(event=event, name="Ada", email="ada@example.org")
    token = registration_token(reg)
    with pytest.raises(Http404):
        registration_from_token(token[:-2] + "xx")
    Registration.objects.filter(pk=reg.pk).update(anonymised_at=timezone.now(), email="")
    with pytest.raises(Http404):
        registration_from_token(token)
