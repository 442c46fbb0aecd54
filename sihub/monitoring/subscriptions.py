"""Digest subscriptions by e-mail: double opt-in, one-click unsubscribe, no enumeration.

- ``subscription_request`` records (or refreshes) an unconfirmed subscriber and
  mails a confirmation link; the caller answers the same whatever happened, so
  the form never tells whether an address is subscribed. An address already
  confirmed gets a note instead (with its unsubscribe link), never a change.
- Links carry signed tokens (``django.core.signing``): the confirmation token
  expires after ``CONFIRM_MAX_AGE``; the unsubscribe token does not (old
  e-mails must keep working). Both name the row *and* a keyed fingerprint of
  its address, so a token never fits another row that reuses the id.
- Unconfirmed rows older than ``CONFIRM_MAX_AGE`` are useless (their link has
  expired) and are deleted by ``subscribers_purge_unconfirmed`` — the retention
  rule declared in ``core/privacy.py``; it runs on every new request and with
  every digest sent, so no scheduler is needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext, gettext_lazy

from sihub.core.throttle import within_limit
from sihub.monitoring.digests import LANGUAGES, absolute
from sihub.monitoring.models import Subscriber

CONFIRM_MAX_AGE = timedelta(days=7)
CONSENT_VERSION = "2026-11"
# At most this many confirmation e-mails per address a day: the form cannot be
# used to flood someone's inbox.
MAILS_PER_ADDRESS_PER_DAY = 3

_CONFIRM_SALT = "sihub.monitoring.subscription.confirm"
_UNSUBSCRIBE_SALT = "sihub.monitoring.subscription.unsubscribe"
_FINGERPRINT_SALT = "sihub.monitoring.subscription.address"

NEW, PENDING, ALREADY_CONFIRMED, THROTTLED = "new", "pending", "confirmed", "throttled"

CONSENT_TEXT = gettext_lazy(
    "I want the monitoring digest by e-mail. The centre keeps my e-mail address, the "
    "language I chose and when I subscribed and confirmed, only to send me the digest, "
    "until I unsubscribe (a link in every e-mail does it at once).")


def consent_text(language: str) -> str:
    """The consent sentence exactly as shown in ``language`` (stored with the subscription)."""
    with translation.override(language):
        return str(CONSENT_TEXT)


# --- Tokens ----------------------------------------------------------------------------


class TokenInvalid(Exception):
    """A link that was altered, or made with another key."""


class TokenExpired(TokenInvalid):
    """A confirmation link older than ``CONFIRM_MAX_AGE``."""


def _fingerprint(email: str) -> str:
    return salted_hmac(_FINGERPRINT_SALT, email.strip().lower()).hexdigest()[:20]


def _value(subscriber: Subscriber) -> str:
    return f"{subscriber.pk}.{_fingerprint(subscriber.email)}"


def confirm_token(subscriber: Subscriber) -> str:
    return signing.TimestampSigner(salt=_CONFIRM_SALT).sign(_value(subscriber))


def unsubscribe_token(subscriber: Subscriber) -> str:
    return signing.Signer(salt=_UNSUBSCRIBE_SALT).sign(_value(subscriber))


def _subscriber_for(value: str) -> Subscriber | None:
    pk, _dot, fingerprint = value.partition(".")
    if not pk.isdigit():
        raise TokenInvalid
    subscriber = Subscriber.objects.filter(pk=int(pk)).first()
    if subscriber is None or _fingerprint(subscriber.email) != fingerprint:
        return None  # unsubscribed (or erased) since the link was sent
    return subscriber


def subscriber_by_confirm_token(token: str) -> Subscriber | None:
    """The subscriber a confirmation link is for; None when the row is gone.

    Raises ``TokenExpired`` or ``TokenInvalid``.
    """
    try:
        value = signing.TimestampSigner(salt=_CONFIRM_SALT).unsign(token, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise TokenExpired from exc
    except signing.BadSignature as exc:
        raise TokenInvalid from exc
    return _subscriber_for(value)


def subscriber_by_unsubscribe_token(token: str) -> Subscriber | None:
    """The subscriber an unsubscribe link is for; None when gone. Raises ``TokenInvalid``."""
    try:
        value = signing.Signer(salt=_UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature as exc:
        raise TokenInvalid from exc
    return _subscriber_for(value)


def _url(name: str, token: str, language: str) -> str:
    with translation.override(language):
        return absolute(reverse(name, args=[token]))


def confirm_url(subscriber: Subscriber) -> str:
    return _url("monitoring:confirm", confirm_token(subscriber), subscriber.language)


def unsubscribe_url(subscriber: Subscriber) -> str:
    return _url("monitoring:unsubscribe", unsubscribe_token(subscriber), subscriber.language)


# --- Writes ------------------------------------------------------------------------------


def _may_mail(email: str) -> bool:
    return within_limit(f"sihub:digest:mails:{_fingerprint(email)}",
                        limit=MAILS_PER_ADDRESS_PER_DAY, window_seconds=24 * 3600)


@dataclass(frozen=True)
class SubscriptionOutcome:
    """What happened, for tests and logs only: the visitor is always told the same thing."""

    state: str
    subscriber_id: int | None


def subscription_request(*, email: str, language: str) -> SubscriptionOutcome:
    """Ask for the digest: record an unconfirmed subscriber and mail a confirmation link.

    The consent shown (in ``language``) and its version are recorded with the
    row. Someone asking again before confirming gets a fresh row time (so the
    new link's 7 days hold) and a new mail; a confirmed address is left as it
    is and gets a note. Mails go out after the commit, through the task queue.
    """
    email = email.strip().lower()
    if language not in LANGUAGES:
        raise ValueError(f"Unknown language: {language!r}")
    subscribers_purge_unconfirmed()
    try:
        return _request(email=email, language=language)
    except IntegrityError:  # the same address, asked for twice at the same moment
        return SubscriptionOutcome(PENDING, None)


def _request(*, email: str, language: str) -> SubscriptionOutcome:
    from sihub.monitoring.digest_tasks import send_subscription_email

    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
        if subscriber is not None and subscriber.confirmed_at is not None:
            state, kind = ALREADY_CONFIRMED, "already_subscribed"
        else:
            state = PENDING if subscriber is not None else NEW
            kind = "confirm"
            subscriber = subscriber or Subscriber(email=email)
            subscriber.language = language
            subscriber.consent_text = consent_text(language)
            subscriber.consent_version = CONSENT_VERSION
            subscriber.created_at = timezone.now()
            subscriber.full_clean(validate_unique=False)
            subscriber.save()
        if not _may_mail(email):
            return SubscriptionOutcome(THROTTLED, subscriber.pk)
        subscriber_id = subscriber.pk
        transaction.on_commit(lambda: send_subscription_email.enqueue(subscriber_id, kind))
    return SubscriptionOutcome(state, subscriber_id)


def subscription_confirm(*, subscriber: Subscriber) -> bool:
    """Confirm (the second opt-in); False when it was confirmed already."""
    with transaction.atomic():
        changed = Subscriber.objects.filter(pk=subscriber.pk, confirmed_at__isnull=True).update(
            confirmed_at=timezone.now())
    subscriber.refresh_from_db(fields=["confirmed_at"])
    return bool(changed)


def subscription_cancel(*, subscriber: Subscriber) -> None:
    """Unsubscribe: the row goes (with its deliveries); nothing about the person is kept."""
    Subscriber.objects.filter(pk=subscriber.pk).delete()


def subscribers_purge_unconfirmed(*, now: Any = None) -> int:
    """Delete subscriptions never confirmed within ``CONFIRM_MAX_AGE`` (retention)."""
    cutoff = (now or timezone.now()) - CONFIRM_MAX_AGE
    count, _deleted = Subscriber.objects.filter(confirmed_at__isnull=True,
                                                created_at__lt=cutoff).delete()
    return count


def confirmed_counts() -> dict[str, int]:
    """Confirmed subscribers per language (for the digest list page)."""
    from django.db.models import Count

    rows = (Subscriber.objects.filter(confirmed_at__isnull=False).values("language")
            .annotate(n=Count("pk")))
    counts = {language: 0 for language in LANGUAGES}
    counts.update({row["language"]: row["n"] for row in rows})
    return counts


def subscription_email(*, subscriber: Subscriber, kind: str) -> tuple[str, str]:
    """(subject, body) of the confirmation mail (``kind="confirm"``) or the "already" note."""
    from django.conf import settings
    from django.template.loader import render_to_string

    with translation.override(subscriber.language):
        context = {
            "site_name": settings.WAGTAIL_SITE_NAME,
            "confirm_url": confirm_url(subscriber) if kind == "confirm" else "",
            "unsubscribe_url": unsubscribe_url(subscriber),
            "days": CONFIRM_MAX_AGE.days,
        }
        subject = gettext("Confirm your subscription to the monitoring digest") if (
            kind == "confirm") else gettext("You already subscribe to the monitoring digest")
        body = render_to_string(f"monitoring/email/{kind}.txt", context)
    return subject, body
