"""Counting uses in the cache: "at most N an hour per address or per IP" for public forms.

The counter lives in the cache, so it is shared by all processes when
``SIHUB_CACHE_URL`` points to Redis and counted per process otherwise.
"""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest


def within_limit(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one more use of ``key``; True while the uses in the window are at most ``limit``."""
    cache.add(key, 0, timeout=window_seconds)
    try:
        return cache.incr(key) <= limit
    except ValueError:  # evicted between add and incr: let it through
        return True


def client_within_limit(request: HttpRequest, scope: str, *, limit: int,
                        window_seconds: int = 3600) -> bool:
    """The same per client IP (as log-in throttling sees it, behind SIHUB_PROXY_COUNT proxies)."""
    from axes.helpers import get_client_ip_address

    key = f"sihub:{scope}:{get_client_ip_address(request) or ''}"
    return within_limit(key, limit=limit, window_seconds=window_seconds)
