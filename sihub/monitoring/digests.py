"""Writes for the monitoring digest: compose an edition from kept items, publish it, mail it.

A digest is one edition in one language. Composing copies each chosen item
into a ``DigestEntry`` (title, link, source, blurb), so a published edition
never changes when the item is edited, re-fetched or deleted. Composition is
only possible while the digest is a draft; publishing freezes it and enqueues
``digest_tasks.send_digest`` once the transaction commits.

Sending (``digest_send``) is idempotent and safe to run twice at once: every
mail is sent inside a small transaction that first inserts its
``DigestDelivery`` row (unique per digest and subscriber) and commits right
after the mail went out. A second sender blocks on that row and then skips
the subscriber; a crash before the commit leaves no row, so the rerun mails
that one person (the only mail that can go twice: the one in flight).
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F, Max, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from sihub.core.seo import plain_text
from sihub.core.services import audit_record
from sihub.monitoring.models import (
    Digest,
    DigestDelivery,
    DigestEntry,
    DigestStatus,
    Item,
    ItemStatus,
    Subscriber,
)

logger = logging.getLogger(__name__)

LANGUAGES = ("sv", "en")
MAX_PREFILL = 20  # items a new digest starts with, most relevant first
SUMMARY_LENGTH = 600  # a blurb is a few sentences, not the article
TITLE_LENGTH = 1000
SOURCE_LENGTH = 200

ADD = "monitoring.add_digest"
CHANGE = "monitoring.change_digest"
VIEW = "monitoring.view_digest"

DIGEST_CREATED = "monitoring.digest_created"
DIGEST_UPDATED = "monitoring.digest_updated"
DIGEST_ENTRIES_ADDED = "monitoring.digest_entries_added"
DIGEST_ENTRY_REMOVED = "monitoring.digest_entry_removed"
DIGEST_ENTRY_MOVED = "monitoring.digest_entry_moved"
DIGEST_ENTRY_UPDATED = "monitoring.digest_entry_updated"
DIGEST_PUBLISHED = "monitoring.digest_published"
DIGEST_SENT = "monitoring.digest_sent"


class DigestError(ValueError):
    """A digest change that is not allowed: published already, empty, bad period, …"""


# --- Pure helpers ----------------------------------------------------------------------


def last_full_week(today: date) -> tuple[date, date]:
    """Monday to Sunday of the week before ``today``'s: the default period of a new digest."""
    monday = today - timedelta(days=today.weekday())
    return monday - timedelta(days=7), monday - timedelta(days=1)


def default_title(*, language: str, period_start: date) -> str:
    """"Monitoring digest, week 48 2026", in the digest's language (ISO week of the start)."""
    year, week, _weekday = period_start.isocalendar()
    with translation.override(language):
        return gettext("Monitoring digest, week %(week)d %(year)d") % {"week": week,
                                                                       "year": year}


def _period_bounds(digest: Digest) -> tuple[datetime, datetime]:
    """The period as aware datetimes in the site's time zone: [start 00:00, day after end 00:00)."""
    start = timezone.make_aware(datetime.combine(digest.period_start, time.min))
    end = timezone.make_aware(datetime.combine(digest.period_end + timedelta(days=1), time.min))
    return start, end


# --- Reads -------------------------------------------------------------------------------


def candidate_items(*, digest: Digest) -> QuerySet[Item]:
    """Kept items in the digest's language published in its period, most relevant first.

    Items without a link cannot be an entry (readers need somewhere to go).
    """
    start, end = _period_bounds(digest)
    return (Item.objects.filter(status=ItemStatus.KEPT, language=digest.language,
                                published_at__gte=start, published_at__lt=end)
            .exclude(link="")
            .select_related("source")
            .order_by("-relevance", F("published_at").desc(nulls_last=True), "-pk"))


def addable_items(*, digest: Digest) -> QuerySet[Item]:
    """Candidates not yet in the digest: the compose page's "add kept items" list."""
    return candidate_items(digest=digest).exclude(digest_entries__digest=digest)


def _require(user: Any, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied


def _require_draft(digest: Digest) -> None:
    if digest.status != DigestStatus.DRAFT:
        raise DigestError(_("A published digest cannot be changed."))


# --- Composing -----------------------------------------------------------------------


def _entry_for(digest: Digest, item: Item, position: int) -> DigestEntry:
    entry = DigestEntry(
        digest=digest, item=item, position=position,
        title=(item.title or item.link)[:TITLE_LENGTH],
        link=item.link,
        source_name=item.source.name[:SOURCE_LENGTH],
        summary=plain_text(item.summary, limit=SUMMARY_LENGTH),
    )
    entry.full_clean(exclude=["digest", "item"])
    return entry


def _add(digest: Digest, items: Iterable[Item]) -> list[DigestEntry]:
    present = set(digest.entries.exclude(item=None).values_list("item_id", flat=True))
    position = (digest.entries.aggregate(m=Max("position"))["m"] or 0) + 1
    entries = []
    for item in items:
        if item.pk in present:
            continue
        present.add(item.pk)
        entries.append(_entry_for(digest, item, position))
        position += 1
    return DigestEntry.objects.bulk_create(entries)


def digest_create(*, user: Any, language: str, period_start: date, period_end: date,
                  title: str | None = None) -> Digest:
    """A draft digest, pre-filled with the period's most relevant kept items of its language."""
    _require(user, ADD)
    if language not in LANGUAGES:
        raise DigestError(_("Unknown language."))
    if period_end < period_start:
        raise DigestError(_("The period must end on or after its start."))
    title = (title or "").strip() or default_title(language=language, period_start=period_start)
    with transaction.atomic():
        digest = Digest(title=title, language=language, period_start=period_start,
                        period_end=period_end,
                        created_by=user if getattr(user, "is_authenticated", False) else None)
        digest.full_clean()
        digest.save()
        added = _add(digest, candidate_items(digest=digest)[:MAX_PREFILL])
        audit_record(actor=user, action=DIGEST_CREATED, target=digest,
                     data={"language": language, "period_start": period_start.isoformat(),
                           "period_end": period_end.isoformat(), "entries": len(added)})
    return digest


def digest_update(*, digest: Digest, user: Any, title: str, intro: str) -> Digest:
    """Change a draft's title and introduction."""
    _require(user, CHANGE)
    _require_draft(digest)
    digest.title, digest.intro = title.strip(), intro.strip()
    try:
        digest.full_clean()
    except ValidationError as exc:
        raise DigestError("; ".join(exc.messages)) from exc
    with transaction.atomic():
        digest.save(update_fields=["title", "intro"])
        audit_record(actor=user, action=DIGEST_UPDATED, target=digest)
    return digest


def digest_add_items(*, digest: Digest, items: Iterable[Item], user: Any) -> int:
    """Append items (at the end, in the given order); items already in the digest are skipped.

    Only kept items of the digest's language and period may join: the same rule
    as the pre-filled list, so nobody publishes an item that was never triaged.
    """
    _require(user, CHANGE)
    _require_draft(digest)
    allowed = set(candidate_items(digest=digest).values_list("pk", flat=True))
    wanted = [item for item in items if item.pk in allowed]
    with transaction.atomic():
        added = _add(digest, wanted)
        if added:
            audit_record(actor=user, action=DIGEST_ENTRIES_ADDED, target=digest,
                         data={"items": [e.item_id for e in added]})
    return len(added)


def _renumber(digest: Digest) -> list[DigestEntry]:
    """Positions 1..n in the current order, so moving is a swap of neighbours."""
    entries = list(digest.entries.order_by("position", "pk"))
    for number, entry in enumerate(entries, start=1):
        if entry.position != number:
            entry.position = number
            entry.save(update_fields=["position"])
    return entries


def digest_remove_entry(*, entry: DigestEntry, user: Any) -> None:
    _require(user, CHANGE)
    digest = entry.digest
    _require_draft(digest)
    with transaction.atomic():
        data = {"entry": entry.pk, "item": entry.item_id}
        entry.delete()
        _renumber(digest)
        audit_record(actor=user, action=DIGEST_ENTRY_REMOVED, target=digest, data=data)


def digest_move_entry(*, entry: DigestEntry, user: Any, direction: str) -> bool:
    """Move an entry one place "up" or "down"; False when it is already at that end."""
    _require(user, CHANGE)
    if direction not in ("up", "down"):
        raise DigestError(_("Unknown direction."))
    digest = entry.digest
    _require_draft(digest)
    with transaction.atomic():
        entries = _renumber(digest)
        index = next(i for i, e in enumerate(entries) if e.pk == entry.pk)
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(entries):
            return False
        a, b = entries[index], entries[other]
        a.position, b.position = b.position, a.position
        a.save(update_fields=["position"])
        b.save(update_fields=["position"])
        audit_record(actor=user, action=DIGEST_ENTRY_MOVED, target=digest,
                     data={"entry": entry.pk, "direction": direction})
    return True


def digest_update_entry(*, entry: DigestEntry, user: Any, summary: str,
                        title: str | None = None) -> DigestEntry:
    """Edit an entry's blurb (and, optionally, its title) in the draft."""
    _require(user, CHANGE)
    _require_draft(entry.digest)
    entry.summary = summary.strip()
    if title is not None and title.strip():
        entry.title = title.strip()
    if len(entry.summary) > SUMMARY_LENGTH * 2:
        raise DigestError(_("A blurb is at most %(count)d characters.")
                          % {"count": SUMMARY_LENGTH * 2})
    try:
        entry.full_clean(exclude=["digest", "item"])
    except ValidationError as exc:
        raise DigestError("; ".join(exc.messages)) from exc
    with transaction.atomic():
        entry.save(update_fields=["summary", "title"])
        audit_record(actor=user, action=DIGEST_ENTRY_UPDATED, target=entry.digest,
                     data={"entry": entry.pk})
    return entry


# --- Publishing and sending ----------------------------------------------------------------


def digest_publish(*, digest: Digest, user: Any) -> Digest:
    """Publish a draft that has at least one entry, then mail it (after the commit)."""
    from sihub.core import pagecache
    from sihub.monitoring.digest_tasks import send_digest

    _require(user, CHANGE)
    _require_draft(digest)
    with transaction.atomic():
        # Locked so that two editors pressing "publish" at once publish (and send) once.
        locked = Digest.objects.select_for_update().get(pk=digest.pk)
        _require_draft(locked)
        if not locked.entries.exists():
            raise DigestError(_("Add at least one entry before publishing."))
        locked.status = DigestStatus.PUBLISHED
        locked.published_at = timezone.now()
        locked.save(update_fields=["status", "published_at"])
        audit_record(actor=user, action=DIGEST_PUBLISHED, target=locked,
                     data={"entries": locked.entries.count()})
        digest_id = locked.pk
        transaction.on_commit(pagecache.invalidate)  # the archive and feed show it at once
        transaction.on_commit(lambda: send_digest.enqueue(digest_id))
    digest.status, digest.published_at = locked.status, locked.published_at
    return digest


def absolute(path: str) -> str:
    """A site path as an absolute URL on the configured site (SIHUB_BASE_URL)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@dataclass(frozen=True)
class DigestMail:
    subject: str
    text: str
    html: str
    headers: dict[str, str]


def render_digest_email(*, digest: Digest, entries: list[DigestEntry],
                        unsubscribe_url: str) -> DigestMail:
    """The e-mail of ``digest``, for one recipient (the unsubscribe link is theirs)."""
    with translation.override(digest.language):
        context = {
            "digest": digest,
            "entries": entries,
            "archive_url": absolute(reverse("monitoring:detail", args=[digest.pk])),
            "unsubscribe_url": unsubscribe_url,
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        subject = " ".join(render_to_string("monitoring/email/digest_subject.txt",
                                            context).split())
        text = render_to_string("monitoring/email/digest.txt", context)
        html = render_to_string("monitoring/email/digest.html", context)
    headers = {
        # RFC 2369 and RFC 8058: mail clients offer "unsubscribe" and POST to the link.
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"{settings.WAGTAIL_SITE_NAME} digest ({digest.language}) "
                   f"<digest-{digest.language}.{_list_host()}>",
    }
    return DigestMail(subject, text, html, headers)


def _list_host() -> str:
    from urllib.parse import urlsplit

    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"


@dataclass
class SendReport:
    sent: int = 0
    skipped: int = 0  # someone else sent it (a concurrent run)
    failed: int = 0  # refused by the mail server; tried again on the next run
    finished: bool = False


def digest_send(*, digest_id: int) -> SendReport:
    """Mail a published digest to every confirmed subscriber of its language not yet mailed.

    Safe to rerun (after a crash, or by hand with ``manage.py send_digest``):
    people with a ``DigestDelivery`` are skipped. ``sent_at`` is set once
    nobody is left; a recipient the mail server refuses is logged and
    retried on the next run.
    """
    from sihub.monitoring.subscriptions import unsubscribe_url

    report = SendReport()
    digest = Digest.objects.filter(pk=digest_id, status=DigestStatus.PUBLISHED).first()
    if digest is None:
        return report
    entries = list(digest.entries.order_by("position", "pk"))
    confirmed = Subscriber.objects.filter(language=digest.language, confirmed_at__isnull=False)
    pending = list(confirmed.exclude(deliveries__digest=digest).order_by("pk")
                   .values_list("pk", flat=True))
    connection = get_connection()
    with connection:
        for subscriber_id in pending:
            # Read again: whoever unsubscribed while the others were mailed is skipped.
            subscriber = confirmed.filter(pk=subscriber_id).first()
            if subscriber is None:
                continue
            mail = render_digest_email(digest=digest, entries=entries,
                                       unsubscribe_url=unsubscribe_url(subscriber))
            message = EmailMultiAlternatives(mail.subject, mail.text, None, [subscriber.email],
                                             headers=mail.headers, connection=connection)
            message.attach_alternative(mail.html, "text/html")
            try:
                with transaction.atomic():
                    # The claim: a concurrent sender waits here, then finds the row.
                    DigestDelivery.objects.create(digest=digest, subscriber=subscriber)
                    message.send()
            except IntegrityError:
                report.skipped += 1
            except smtplib.SMTPRecipientsRefused:
                logger.warning("digest %s: the mail server refused subscriber %s",
                               digest.pk, subscriber.pk)
                report.failed += 1
            else:
                report.sent += 1
    if report.failed == 0:
        with transaction.atomic():
            changed = Digest.objects.filter(pk=digest.pk, sent_at__isnull=True).update(
                sent_at=timezone.now())
            if changed:
                audit_record(actor=None, action=DIGEST_SENT, target=digest,
                             data={"sent": report.sent})
        report.finished = True
    return report
