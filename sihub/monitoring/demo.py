"""Demo data for monitoring: six followed sources and about 150 items (``seed_demo``).

The sources are named like Swedish and European social-innovation sources,
but their URLs are example.org and they are inactive, so the scheduler never
fetches them. Their items come from the feed documents in ``demo_feeds/``,
read by ``parse_feed`` and stored by ``services.source_ingest``, the path a
real fetch takes (tags, themes, stories), with no network. The documents'
dates end on ``ANCHOR``; they are moved so the newest item is from today,
and the items spread over the last twelve weeks.

Idempotent: sources are looked up by URL and items by (source, guid); a
second run finds every item unchanged. A few items of a newly made source
are kept, starred or discarded, so the inbox shows each state.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from sihub.core.demo import Log
from sihub.core.models import Theme
from sihub.monitoring.models import Item, ItemStatus, Source
from sihub.monitoring.parse import parse_feed
from sihub.monitoring.services import source_ingest

FEEDS = Path(__file__).parent / "demo_feeds"
ANCHOR = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)  # the newest entry of the documents


@dataclass(frozen=True)
class DemoSource:
    file: str
    name: str
    url: str
    language: str
    themes: tuple[str, ...] = ()


SOURCES = [
    DemoSource("vinnova.xml", "Vinnova – social innovation",
               "https://vinnova.example.org/nyheter/rss", "sv", ("impact-investment",)),
    DemoSource("coompanion.xml", "Coompanion – nyheter",
               "https://coompanion.example.org/feed/atom", "sv", ("inclusive-working-life",)),
    DemoSource("forum.json", "Forum – idéburna organisationer",
               "https://forum.example.org/feed.json", "sv", ("democracy-participation",)),
    DemoSource("msi.xml", "Mötesplats Social Innovation",
               "https://socialinnovation.example.org/rss", "sv"),
    DemoSource("social_economy_gateway.xml", "Social Economy Gateway (EU)",
               "https://social-economy-gateway.example.org/news/atom", "en"),
    DemoSource("euclid.xml", "Euclid Network", "https://euclidnetwork.example.org/feed", "en",
               ("impact-investment",)),
]


def seed(*, scale: int, log: Log) -> None:
    """Make the demo sources and their items (``scale`` adds nothing here)."""
    shift = timezone.now().replace(hour=12, minute=0, second=0, microsecond=0) - ANCHOR
    new = unchanged = 0
    for demo in SOURCES:
        with transaction.atomic():
            source, created = Source.objects.get_or_create(url=demo.url, defaults={
                "name": demo.name, "language": demo.language, "active": False})
            if created:
                source.themes.set(Theme.objects.filter(slug__in=demo.themes))
            content = (FEEDS / demo.file).read_bytes()
            feed = parse_feed(content, base_url=demo.url)
            items = [replace(item, published=item.published + shift if item.published else None)
                     for item in feed.items]
            report = source_ingest(source=source, items=items)
            new, unchanged = new + report.new, unchanged + report.unchanged
            if created:
                _triage(source)
    log(f"monitoring: {len(SOURCES)} demo feed sources, {new} new items "
        f"({unchanged} already there)")


def _triage(source: Source) -> None:
    """Some items kept, starred or discarded, as an analyst would leave them."""
    items = list(Item.objects.filter(source=source).order_by("-published_at", "pk"))
    for n, item in enumerate(items):
        if n % 5 == 0:
            item.status = ItemStatus.KEPT
        elif n % 9 == 4:
            item.status = ItemStatus.DISCARDED
        item.starred = n % 10 == 0
    Item.objects.bulk_update(items, ["status", "starred"])
