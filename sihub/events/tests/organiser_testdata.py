"""Builders for the organisers' pages tests: registrations straight in the database."""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone, translation

from sihub.core.models import Sector
from sihub.events.models import (
    ConsentKind,
    EventPage,
    Registration,
    RegistrationConsent,
    RegistrationStatus,
)

_serial = itertools.count(1)


def register(event: EventPage, name: str | None = None, *, sector: str | None = "public",
             status: str = RegistrationStatus.CONFIRMED, checked_in: bool = False,
             photos: bool | None = None, share_contact: bool | None = None,
             **fields: Any) -> Registration:
    """A registration of ``event`` as the services would leave it (no e-mail sent)."""
    n = next(_serial)
    name = name or f"Person {n}"
    fields.setdefault("email", f"person{n}@example.org")
    fields.setdefault("created_at", timezone.now() - timedelta(days=30) + timedelta(minutes=n))
    registration = Registration.objects.create(
        event=event, name=name, status=status,
        sector=Sector.objects.get(slug=sector) if sector else None,
        checked_in_at=timezone.now() if checked_in else None, **fields)
    for kind, granted in ((ConsentKind.REGISTRATION, True), (ConsentKind.PHOTOS, photos),
                          (ConsentKind.SHARE_CONTACT, share_contact)):
        if granted is not None:
            RegistrationConsent.objects.create(registration=registration, kind=kind,
                                               granted=granted, text=f"Consent {kind}",
                                               text_version="1")
    return registration


def url(name: str, *args: Any, language: str = "sv") -> str:
    with translation.override(language):
        return reverse(f"events:{name}", args=args)
