"""Writes for monitoring: fetching a source and ingesting its items.

``source_fetch`` is the one way items get into the database. It is safe to
run again at any time, and after a crash: the network fetch happens outside
any transaction, then everything the fetch changes (items, tags, stories and
the source's ETag/Last-Modified) is written in one transaction per source, so
a worker killed halfway leaves nothing behind and the next run starts from
the same place. The unique (source, guid) constraint backs this up.

Themes: an item gets its source's themes and those its text names
(``themes.py``), written with a fixed number of queries per fetch whatever the
number of items.

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
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from rapidfuzz import fuzz, process

from sihub.actors.models import Actor
from sihub.core.models import Theme
from sihub.core.services import audit_record
from sihub.monitoring.fetching import fetch_feed_url
from sihub.monitoring.matching import (
    DUPLICATE_WINDOW,
    TITLE_SIMILARITY,
    MentionFinder,
    canonical_url,
    content_hash,
    title_key,
    within_window,
)
from sihub.monitoring.models import Item, ItemStatus, Source, Story
from sihub.monitoring.parse import FeedParseError, ParsedItem, html_to_text, parse_feed
from sihub.monitoring.safe_fetch import FetchError
from sihub.monitoring.themes import get_matcher
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


def source_ingest(*, source: Source, items: list[ParsedItem]) -> FetchReport:
    """Store items parsed elsewhere (demo data, a file) as ``source_fetch`` would.

    No network and no error handling: the caller gets the exception. The
    source's ETag and Last-Modified stay as they are.
    """
    return _ingest(source=source, items=items, etag=source.etag,
                   last_modified=source.last_modified)


def _record_error(source: Source, reason: str) -> FetchReport:
    reason = " ".join(reason.split())[:ERROR_LENGTH]
    Source.objects.filter(pk=source.pk).update(last_error=reason, last_error_at=timezone.now())
    return FetchReport(errors=1, error=reason)


def _ingest(*, source: Source, items: list[ParsedItem], etag: str,
            last_modified: str) -> FetchReport:
    """Store the new and changed items of one fetch, in one transaction.

    The number of queries does not grow with the number of items, but for
    changed items (one UPDATE each; a feed changes few entries at a time): new
    items and their stories are inserted in batches, and the SDG, actor and
    theme links of all items too (``bench/monitoring.py`` measures it).
    """
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
            goals = dict(Goal.objects.values_list("number", "pk"))
            mentions = MentionFinder(Actor.objects.published().values_list("pk", "name"))
            themes = _ThemeTagger(source)
            links = _Links()
            new: list[Item] = []
            for (parsed, stored, digest), text, result in zip(work, texts, results, strict=True):
                tokens = words(text)
                detected = language(tokens)
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
                    # The source exists: its row is locked above (no query per item).
                    item.full_clean(exclude=["story", "link", "source"],
                                    validate_constraints=False)
                    new.append(item)
                    report.new += 1
                else:
                    # Triage (status, star, note) and the story stay as they were.
                    for name, value in fields.items():
                        setattr(stored, name, value)
                    stored.save(update_fields=list(fields))
                    item = stored
                    report.updated += 1
                links.add(item, sdgs=[goals[n] for n in result.sdgs if n in goals],
                          actors=actor_ids, themes=themes.find(tokens))
            _insert_with_stories(new, _candidates(work, now))
            links.save(replaced=[stored.pk for _parsed, stored, _digest in work if stored])
        source.etag, source.last_modified = etag[:500], last_modified[:100]
        source.last_success_at = now
        source.save(update_fields=["etag", "last_modified", "last_success_at"])
    return report


def _text(parsed: ParsedItem) -> str:
    body = html_to_text(parsed.content_html)
    return "\n".join(part for part in (parsed.title, parsed.summary, body) if part)


def _source_language(source: Source) -> str:
    return source.language if source.language in ("sv", "en") else ""


class _ThemeTagger:
    """Item themes for one fetch: the source's themes ∪ those the text names.

    Reads the theme vocabulary and the source's themes once per fetch.
    """

    def __init__(self, source: Source) -> None:
        self.matcher = get_matcher()
        self.ids = dict(Theme.objects.values_list("slug", "pk"))
        self.source_ids = set(source.themes.values_list("pk", flat=True))

    def find(self, tokens: list[str]) -> set[int]:
        found = {self.ids[slug] for slug in self.matcher.find(tokens) if slug in self.ids}
        return self.source_ids | found


class _Links:
    """SDG, actor and theme links of the items of one fetch, written in a few queries.

    Items are added before the new ones have a primary key, so the rows are
    built when saving; changed items lose their old links first.
    """

    RELATIONS = (("sdgs", "goal_id"), ("actors", "actor_id"), ("themes", "theme_id"))

    def __init__(self) -> None:
        self.wanted: list[tuple[Item, dict[str, list[int]]]] = []

    def add(self, item: Item, *, sdgs: Iterable[int], actors: Iterable[int],
            themes: Iterable[int]) -> None:
        self.wanted.append((item, {"sdgs": sorted(set(sdgs)), "actors": sorted(set(actors)),
                                   "themes": sorted(set(themes))}))

    def save(self, *, replaced: list[int]) -> None:
        for name, column in self.RELATIONS:
            through = getattr(Item, name).through
            if replaced:
                through.objects.filter(item_id__in=replaced).delete()
            through.objects.bulk_create(
                [through(item_id=item.pk, **{column: target})
                 for item, targets in self.wanted for target in targets[name]],
                batch_size=500)


@dataclass
class _Candidate:
    """An item already stored (or stored earlier in this run) that new items may join."""

    order: int  # of two matches, the earlier one's story is chosen
    source_id: int
    story: int | Story | None  # a stored story's id, or a story of this run
    moment: datetime


class _Candidates:
    """Items a new item may join, looked up by canonical URL or by similar title.

    Titles are kept in buckets by day, so a new item is compared with the
    items of the days around it only, and rapidfuzz compares a whole bucket in
    one call: a 10,000-item first fetch would otherwise make tens of millions
    of comparisons in Python.
    """

    def __init__(self) -> None:
        self.by_url: dict[str, int | Story] = {}
        self.days: dict[int, tuple[list[str], list[_Candidate]]] = {}
        self.count = 0

    def add(self, *, source_id: int, story: int | Story | None, title: str,
            moment: datetime, url: str = "") -> None:
        if url and story is not None:
            self.by_url.setdefault(url, story)
        key = title_key(title)
        if key:
            keys, candidates = self.days.setdefault(moment.toordinal(), ([], []))
            keys.append(key)
            candidates.append(_Candidate(self.count, source_id, story, moment))
            self.count += 1

    def story_for(self, *, source_id: int, url: str, title: str,
                  moment: datetime) -> int | Story | None:
        """The story to join: same canonical URL (any source), else a similar title.

        Similar: from another source, a title at least 90 % similar,
        published within ±3 days; of several, the earliest item's story.
        """
        if url and (story := self.by_url.get(url)) is not None:
            return story
        key = title_key(title)
        if not key:
            return None
        best: _Candidate | None = None
        day, span = moment.toordinal(), DUPLICATE_WINDOW.days + 1
        for bucket in range(day - span, day + span + 1):
            if bucket not in self.days:
                continue
            keys, candidates = self.days[bucket]
            for _key, _score, index in process.extract(
                    key, keys, scorer=fuzz.ratio, score_cutoff=TITLE_SIMILARITY, limit=None):
                c = candidates[index]
                if (c.story is not None and c.source_id != source_id
                        and within_window(c.moment, moment)
                        and (best is None or c.order < best.order)):
                    best = c
        return best.story if best else None


def _candidates(work: list[tuple[ParsedItem, Item | None, str]], now: datetime) -> _Candidates:
    """Stored items new items of this fetch may join (two queries)."""
    candidates = _Candidates()
    new = [parsed for parsed, stored, _digest in work if stored is None]
    if not new:
        return candidates
    moments = [parsed.published or now for parsed in new]
    start, end = min(moments) - DUPLICATE_WINDOW, max(moments) + DUPLICATE_WINDOW
    rows = Item.objects.filter(
        Q(published_at__range=(start, end))
        | Q(published_at__isnull=True, fetched_at__range=(start, end))
    ).order_by("pk").values_list("source_id", "story_id", "title", "published_at", "fetched_at")
    for source_id, story_id, title, published, fetched in rows:
        candidates.add(source_id=source_id, story=story_id, title=title,
                       moment=published or fetched)
    urls = list({canonical_url(parsed.link)[:2048] for parsed in new} - {""})
    for url, story_id in (Item.objects.filter(canonical_url__in=urls, story__isnull=False)
                          .order_by("pk").values_list("canonical_url", "story_id")):
        candidates.by_url.setdefault(url, story_id)
    return candidates


def _insert_with_stories(items: list[Item], candidates: _Candidates) -> None:
    """Insert new items, each in the story of a near-duplicate or in a new story.

    Stories are chosen first (new ones still unsaved), then the new stories
    and the items are inserted in batches, and each new story's first item is
    set with one UPDATE.
    """
    started: list[Story] = []
    chosen: list[int | Story] = []
    for item in items:
        moment = item.published_at or item.fetched_at
        story = candidates.story_for(source_id=item.source_id, url=item.canonical_url,
                                     title=item.title, moment=moment)
        if story is None:
            story = Story(title=(item.title or item.link or item.guid)[:TITLE_LENGTH],
                          created_at=item.fetched_at)
            started.append(story)
        chosen.append(story)
        candidates.add(source_id=item.source_id, story=story, title=item.title,
                       moment=moment, url=item.canonical_url)
    Story.objects.bulk_create(started, batch_size=500)
    for item, story in zip(items, chosen, strict=True):
        item.story_id = story if isinstance(story, int) else story.pk
    Item.objects.bulk_create(items, batch_size=500)
    if started:
        first = Item.objects.filter(story=OuterRef("pk")).order_by("pk").values("pk")[:1]
        Story.objects.filter(pk__in=[story.pk for story in started]).update(
            first_item=Subquery(first))


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
