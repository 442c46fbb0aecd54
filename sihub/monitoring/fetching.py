"""The safe fetcher with this site's settings: the Django side of safe_fetch."""

from __future__ import annotations

from django.conf import settings

from sihub.monitoring.safe_fetch import DEFAULT_USER_AGENT, FetchResult, fetch


def fetcher_user_agent() -> str:
    """Names the fetcher and where its operators can be found, as feed hosts expect."""
    return f"{DEFAULT_USER_AGENT} (+{settings.WAGTAILADMIN_BASE_URL})"


def fetch_feed_url(
    url: str, *, etag: str | None = None, last_modified: str | None = None
) -> FetchResult:
    """Fetch one feed URL under the site's network policy; raises FetchRefused/FetchFailed."""
    return fetch(
        url,
        etag=etag,
        last_modified=last_modified,
        allow_private=settings.SIHUB_FEEDS_ALLOW_PRIVATE_NETWORKS,
        allowed_networks=settings.SIHUB_FEEDS_ALLOWED_NETWORKS,
        user_agent=fetcher_user_agent(),
    )
