"""Writes for monitoring: fetching a source and ingesting its items.

``source_fetch`` is the one way items get into the database. It is safe to
run again at any time, and after a crash: the network fetch happens outside
any transaction, then everything the fetch changes (items, tags, stories and
the source's ETag/Last-Modified) is written in one transaction per source, so
a worker killed halfway leaves nothing behind and the next run starts from
the same place. The unique (source, guid) constraint backs this up.

Relevance, the order of the triage inbox, is the highest SDG probability the
classifier gives the item (0–1) plus ``ACTOR_BONUS`` for each known actor the
item names, counted up to ``ACTOR_BONUS_MAX_ACTORS`` actors: an item about a
goal *and* about organisations in our ecosystem matters most to the centre.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sihub.actors.models import Actor
from sihub.core.services import audit_record
from sihub.monitoring.fetching import fetch_feed_url
from sihub.monitoring.matching import (
    DUPLICATE_WINDOW,
    MentionFinder,
    canonical_url,
    content_hash,
    similar_titles,
    title_key,
    within_window,
)
from sihub.monitoring.models import Item, ItemStatus, Source, Story
from sihub.monitoring.parse import FeedParseError, ParsedItem, html_to_text, parse_feed
from sihub.monitoring.safe_fetch import FetchError
from sihub.sdg.models import Goal

logger = logging.getLogger(__name__)

ACTOR_BONUS = 0.1
ACTOR_BONUS_MAX_ACTORS = 2
TITLE_LENGTH = 1000
ERROR_LENGTH = 2000


@dataclass
class FetchReport:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: int = 0
    error: str = ""  # the reason, when errors > 0
    not_modified: bool = False

    def __add__(self, other: FetchReport) -> FetchReport:
        return FetchReport(self.new + other.new, self.updated + other.updated,
                           self.unchanged + other.unchanged, self.errors + other.errors)


def source_fetch(*, source: Source) -> FetchReport:
    """Fetch ``source``, store what is new or changed; never raises for a bad feed.

    Errors (refused URL, network, not a feed, or anything failing during
    ingestion) are recorded on the source (``last_error``/``last_error_at``)
    and reported with ``errors=1``; nothing of that fetch is stored.
    """
    try:
        result = fetch_feed_url(source.url, etag=source.etag or None,
                                last_modified=source.last_modified or None)
        if result.not_modified:
            # 304: the feed is as we stored it; only the health check moves.
            Source.objects.filter(pk=source.pk).update(last_success_at=timezone.now())
            return FetchReport(not_modified=True)
        feed = parse_feed(result.content, base_url=result.final_url,
                          content_type=result.content_type)
        return _ingest(source=source, items=feed.items, etag=result.etag or "",
                       last_modified=result.last_modified or "")
    except (FetchError, FeedParseError) as exc:
        return _record_error(source, str(exc))
    except Exception as exc:  # one bad source must not stop a batch
        logger.exception("ingesting feed source %s failed", source.pk)
        return _record_error(source, f"{type(exc).__name__}: {exc}")


def _record_error(source: Source, reason: str) -> FetchReport:
    reason = " ".join(reason.split())[:ERROR_LENGTH]
    Source.objects.filter(pk=source.pk).update(last_error=reason, last_error_at=timezone.now())
    return FetchReport(errors=1, error=reason)


@dataclass
class _Candidate:
    """An item already stored (or stored earlier in this run) that new items may join."""

    source_id: int
    story_id: int | None
    title_key: str
    moment: datetime


def _ingest(*, source: Source, items: list[ParsedItem], etag: str,
            last_modified: str) -> FetchReport:
    from sihub.sdg.classifier import get_classifier
    from sihub.sdg.classifier.text import language, words

    now = timezone.now()
    report = FetchReport()
    # One entry per guid: a feed listing an entry twice keeps the first.
    unique: dict[str, ParsedItem] = {}
    for parsed in items:
        unique.setdefault(parsed.guid, parsed)
    with transaction.atomic():
        # Serialises two workers fetching the same source (a no-op on SQLite,
        # whose writers are serialised anyway).
        source = Source.objects.select_for_update().get(pk=source.pk)
        existing = {item.guid: item for item in Item.objects.filter(
            source=source, guid__in=list(unique))}
        work: list[tuple[ParsedItem, Item | None, str]] = []
        for guid, parsed in unique.items():
            digest = content_hash(parsed.title, parsed.summary, html_to_text(parsed.content_html))
            stored = existing.get(guid)
            if stored is not None and stored.content_hash == digest:
                report.unchanged += 1
                continue
            work.append((parsed, stored, digest))
        if work:
            texts = [_text(parsed) for parsed, _stored, _digest in work]
            # One batch for the whole fetch: the classifier is much faster so.
            results = get_classifier().classify(texts)
            goals = {goal.number: goal for goal in Goal.objects.all()}
            mentions = MentionFinder(Actor.objects.published().values_list("pk", "name"))
            candidates = _candidates(work, now)
            for (parsed, stored, digest), text, result in zip(work, texts, results, strict=True):
                detected = language(words(text))
                actor_ids = mentions.find(text)
                fields = {
                    "link": parsed.link[:2048],
                    "canonical_url": canonical_url(parsed.link)[:2048],
                    "title": parsed.title[:TITLE_LENGTH],
                    "summary": parsed.summary,
                    "content_html": parsed.content_html,
                    "language": detected if detected != "und" else (
                        parsed.language or _source_language(source)),
                    "published_at": parsed.published,
                    "content_hash": digest,
                    "updated_at": now,
                    "relevance": max(result.scores.values(), default=0.0) + ACTOR_BONUS * min(
                        len(actor_ids), ACTOR_BONUS_MAX_ACTORS),
                }
                if stored is None:
                    item = Item(source=source, guid=parsed.guid, fetched_at=now, **fields)
                    # Links were checked by the parser (absolute http/https);
                    # Django's stricter URL rules (e.g. no "_" in host names)
                    # must not make one odd link fail the whole feed.
                    item.full_clean(exclude=["story", "link"], validate_constraints=False)
                    item.save()
                    _join_story(item, candidates)
                    report.new += 1
                else:
                    # Triage (status, star, note) and the story stay as they were.
                    for name, value in fields.items():
                        setattr(stored, name, value)
                    stored.save(update_fields=list(fields))
                    item = stored
                    report.updated += 1
                item.sdgs.set([goals[n] for n in result.sdgs if n in goals])
                item.actors.set(actor_ids)
        source.etag, source.last_modified = etag[:500], last_modified[:100]
        source.last_success_at = now
        source.save(update_fields=["etag", "last_modified", "last_success_at"])
    return report


def _text(parsed: ParsedItem) -> str:
    body = html_to_text(parsed.content_html)
    return "\n".join(part for part in (parsed.title, parsed.summary, body) if part)


def _source_language(source: Source) -> str:
    return source.language if source.language in ("sv", "en") else ""


def _moment(item: Item | ParsedItem, default: datetime) -> datetime:
    value = item.published_at if isinstance(item, Item) else item.published
    return value or default


def _candidates(work: list[tuple[ParsedItem, Item | None, str]],
                now: datetime) -> list[_Candidate]:
    """Stored items within the duplicate window of any item in this fetch (one query)."""
    moments = [_moment(parsed, now) for parsed, _stored, _digest in work]
    start, end = min(moments) - DUPLICATE_WINDOW, max(moments) + DUPLICATE_WINDOW
    rows = Item.objects.filter(
        Q(published_at__range=(start, end))
        | Q(published_at__isnull=True, fetched_at__range=(start, end))
    ).values_list("source_id", "story_id", "title", "published_at", "fetched_at")
    return [_Candidate(source_id, story_id, title_key(title), published or fetched)
            for source_id, story_id, title, published, fetched in rows]


def _join_story(item: Item, candidates: list[_Candidate]) -> None:
    """Put a new item in the story of its near-duplicate, or start a story.

    Near-duplicates: the same canonical URL (any source), or, from another
    source, a title at least 90 % similar published within ±3 days.
    """
    story_id: int | None = None
    if item.canonical_url:
        story_id = (Item.objects.filter(canonical_url=item.canonical_url, story__isnull=False)
                    .exclude(pk=item.pk).order_by("pk").values_list("story_id", flat=True)
                    .first())
    key = title_key(item.title)
    moment = item.published_at or item.fetched_at
    if story_id is None and key:
        story_id = next((c.story_id for c in candidates
                         if c.story_id is not None and c.source_id != item.source_id
                         and within_window(c.moment, moment)
                         and similar_titles(c.title_key, key)), None)
    if story_id is None:
        story = Story.objects.create(title=item.title or item.link or item.guid,
                                     first_item=item, created_at=item.fetched_at)
        story_id = story.pk
    Item.objects.filter(pk=item.pk).update(story_id=story_id)
    item.story_id = story_id
    candidates.append(_Candidate(item.source_id, story_id, key, moment))


# --- Triage: an analyst keeps, discards, stars or annotates items ----------------------

ITEM_KEPT = "monitoring.item_kept"
ITEM_DISCARDED = "monitoring.item_discarded"
ITEM_STARRED = "monitoring.item_starred"
ITEM_UNSTARRED = "monitoring.item_unstarred"
ITEM_NOTED = "monitoring.item_noted"
TRIAGE = "monitoring.change_item"
NOTE_LENGTH = 2000

# action -> (field, value or None for the note, audit action)
_TRIAGE_ACTIONS: dict[str, tuple[str, object, str]] = {
    "keep": ("status", ItemStatus.KEPT, ITEM_KEPT),
    "discard": ("status", ItemStatus.DISCARDED, ITEM_DISCARDED),
    "star": ("starred", True, ITEM_STARRED),
    "unstar": ("starred", False, ITEM_UNSTARRED),
    "note": ("note", None, ITEM_NOTED),
}
TRIAGE_ACTIONS = tuple(_TRIAGE_ACTIONS)


class TriageError(ValueError):
    """An unknown triage action, a note that is missing or too long, or no permission."""


def item_triage(*, items: Iterable[Item], user: Any, action: str,
                note: str | None = None) -> int:
    """Apply one triage ``action`` to ``items``; returns how many items changed.

    Each item that changes gets one audit entry (with the value before), all
    in one transaction; an item already in the wanted state is left alone.
    """
    if action not in _TRIAGE_ACTIONS:
        raise TriageError(f"Unknown triage action: {action!r}")
    if not user.has_perm(TRIAGE):
        raise TriageError("The user may not triage feed items.")
    field, value, audit_action = _TRIAGE_ACTIONS[action]
    if action == "note":
        if note is None:
            raise TriageError("A note action needs the note.")
        value = note.strip()
        if len(value) > NOTE_LENGTH:
            raise TriageError(f"A note is at most {NOTE_LENGTH} characters.")
    changed = 0
    with transaction.atomic():
        for item in items:
            before = getattr(item, field)
            if before == value:
                continue
            setattr(item, field, value)
            item.save(update_fields=[field])
            audit_record(actor=user, action=audit_action, target=item,
                         data={"field": field, "before": before, "after": value})
            changed += 1
    return changed
