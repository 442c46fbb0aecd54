"""Signed invitation links: who was invited to which coalition, for 30 days.

The link carries the member row's id, a digest of the invited e-mail address
(the address itself stays out of URLs and server logs) and the moment of the
invitation, signed with the site's secret under a salt of its
own (a token signed for another purpose never reads as an invitation). No
table of tokens is kept: the member row says whether the invitation is still
open, and a new invitation of the same row (a new ``invited_at``) makes the
old link stale. Django-free apart from ``django.core.signing`` and ``salted_hmac``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core import signing
from django.utils.crypto import salted_hmac

SALT = "sihub.coalitions.invitation"
MAX_AGE = timedelta(days=30)


class InvitationTokenError(Exception):
    """A link that cannot be used; ``code`` is ``expired`` or ``invalid``."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class InvitationClaim:
    """What a valid link says: member row, invited address (its digest), invitation time."""

    member_id: int
    email_digest: str
    invited_at: float


def _stamp(moment: datetime | None) -> float:
    return round(moment.timestamp(), 3) if moment is not None else 0.0


def email_digest(email: str) -> str:
    """The address, case-insensitive, as a keyed digest: it binds without revealing."""
    return salted_hmac(SALT, email.strip().lower(), algorithm="sha256").hexdigest()[:24]


def make_token(*, member_id: int, email: str, invited_at: datetime | None) -> str:
    payload = {"m": member_id, "e": email_digest(email), "i": _stamp(invited_at)}
    return signing.dumps(payload, salt=SALT)


def read_token(token: str, *, max_age: timedelta = MAX_AGE) -> InvitationClaim:
    """The claim of a valid link; InvitationTokenError when it expired or was altered."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise InvitationTokenError("expired") from None
    except signing.BadSignature:
        raise InvitationTokenError("invalid") from None
    try:
        return InvitationClaim(member_id=int(payload["m"]), email_digest=str(payload["e"]),
                               invited_at=float(payload["i"]))
    except (KeyError, TypeError, ValueError):
        raise InvitationTokenError("invalid") from None


def matches(claim: InvitationClaim, *, email: str, invited_at: datetime | None) -> bool:
    """Whether the claim still describes the member row (same address, same invitation)."""
    return (claim.email_digest == email_digest(email)
            and claim.invited_at == _stamp(invited_at))
