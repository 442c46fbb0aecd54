"""Signed links to one registration: see it, cancel it, give feedback — without an account.

A token names the registration and a digest of its address and creation
time, signed with SECRET_KEY. It stops working when the registration is
anonymised (retention) or its address changes, and cannot be forged for
another row; it does not expire otherwise (a cancellation link must work
until the event).
"""

from __future__ import annotations

import hashlib

from django.core import signing
from django.http import Http404

from sihub.events.models import Registration

SALT = "sihub.events.registration"


def _digest(registration: Registration) -> str:
    raw = f"{registration.email.lower()}|{registration.created_at.isoformat()}"
    return hashlib.sha256(raw.encode()).hexdigest()[:20]


def registration_token(registration: Registration) -> str:
    # No timestamp (the link does not expire): the same registration always has the same link.
    return signing.Signer(salt=SALT).sign_object(
        {"r": registration.pk, "d": _digest(registration)}, compress=True)


def registration_from_token(token: str) -> Registration:
    """The registration a token names; Http404 for a bad, forged or outdated token."""
    try:
        data = signing.Signer(salt=SALT).unsign_object(token)
    except signing.BadSignature:
        raise Http404("Invalid link") from None
    if not isinstance(data, dict) or not isinstance(data.get("r"), int):
        raise Http404("Invalid link")
    registration = (Registration.objects.select_related("event").filter(pk=data["r"]).first())
    if (registration is None or registration.anonymised_at is not None
            or data.get("d") != _digest(registration)):
        raise Http404("Invalid link")
    return registration
