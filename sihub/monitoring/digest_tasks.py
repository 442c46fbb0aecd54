"""Background work for the digest: mailing an edition, mailing subscription links.

Tasks take ids and re-read what they need; both are safe to run twice
(``digest_send`` skips people already mailed). ``send_digest`` is enqueued by
``digests.digest_publish`` after its commit; run it by hand with
``manage.py send_digest ID``.
"""

from __future__ import annotations

from typing import Any

from django.core.mail import send_mail
from django_tasks import task

from sihub.monitoring.models import Subscriber

SUBSCRIPTION_MAILS = ("confirm", "already_subscribed")


@task()
def send_digest(digest_id: int) -> dict[str, Any]:
    """Mail a published digest to its language's confirmed subscribers not yet mailed."""
    from sihub.monitoring.digests import digest_send
    from sihub.monitoring.subscriptions import subscribers_purge_unconfirmed

    subscribers_purge_unconfirmed()
    report = digest_send(digest_id=digest_id)
    return {"sent": report.sent, "skipped": report.skipped, "failed": report.failed,
            "finished": report.finished}


@task()
def send_subscription_email(subscriber_id: int, kind: str) -> bool:
    """The confirmation link (or, for a confirmed address, a note); False if the row is gone."""
    from sihub.monitoring.subscriptions import subscription_email

    if kind not in SUBSCRIPTION_MAILS:
        raise ValueError(f"Unknown subscription mail: {kind!r}")
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return False
    if kind == "confirm" and subscriber.confirmed_at is not None:
        return False  # confirmed meanwhile: the link is not needed
    subject, body = subscription_email(subscriber=subscriber, kind=kind)
    send_mail(subject, body, None, [subscriber.email])
    return True


@task()
def purge_unconfirmed_subscribers() -> int:
    """Retention: delete subscriptions not confirmed within 7 days (schedule it daily)."""
    from sihub.monitoring.subscriptions import subscribers_purge_unconfirmed

    return subscribers_purge_unconfirmed()
