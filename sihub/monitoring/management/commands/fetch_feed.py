"""Fetch and parse one feed URL, store nothing, print the items as JSON lines.

Exit codes: 0 parsed (even with no items), 3 the URL or an address it leads to
was refused, 4 the fetch failed, 5 the document is not a feed. The reason is
one line on stderr.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sihub.monitoring.fetching import fetch_feed_url
from sihub.monitoring.parse import FeedParseError, ParsedItem, parse_feed
from sihub.monitoring.safe_fetch import FetchFailed, FetchRefused

EXIT_REFUSED = 3
EXIT_FAILED = 4
EXIT_NOT_A_FEED = 5


class Command(BaseCommand):
    help = (
        "Fetch one feed URL (RSS, Atom or JSON Feed) with the safe fetcher and print its items "
        "as JSON lines, storing nothing. Exits 3 when the URL is refused, 4 when the fetch "
        "fails, 5 when the document is not a feed."
    )
    # Stores nothing and reads no table: the database need not be ready.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("url", help="http or https URL of the feed")

    def handle(self, *args: Any, url: str, **options: Any) -> None:
        try:
            result = fetch_feed_url(url)
        except FetchRefused as exc:
            raise CommandError(f"Refused: {exc.reason}", returncode=EXIT_REFUSED) from None
        except FetchFailed as exc:
            raise CommandError(f"Fetch failed: {exc.reason}", returncode=EXIT_FAILED) from None
        try:
            feed = parse_feed(
                result.content, base_url=result.final_url, content_type=result.content_type
            )
        except FeedParseError as exc:
            raise CommandError(f"Not a feed: {exc}", returncode=EXIT_NOT_A_FEED) from None
        for item in feed.items:
            self.stdout.write(json.dumps(_item_json(item), ensure_ascii=False))
        # A summary for the person at the terminal; stdout stays pure JSON lines.
        self.stderr.write(
            f"{len(feed.items)} items from {result.final_url} ({feed.format})",
            style_func=lambda text: text,
        )


def _item_json(item: ParsedItem) -> dict[str, Any]:
    return {
        "guid": item.guid,
        "title": item.title,
        "link": item.link,
        "published": item.published.isoformat() if item.published else None,
        "summary": item.summary,
        "author": item.author,
        "language": item.language,
    }
