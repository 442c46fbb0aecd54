"""A whole-response cache for anonymous visitors, emptied when content changes.

Public pages are the same for every visitor without a session, so the rendered
response is kept for ``SIHUB_PAGE_CACHE_SECONDS`` and served without touching
the database. Anything personal bypasses it: requests with a session cookie or
an Authorization header, non-GET requests, the admin, documents, /healthz,
and responses that set cookies, use a CSRF token or say ``no-cache``/``private``.

Publishing, unpublishing, moving or deleting a page bumps a version number that
is part of every key, which retires all cached responses at once. With the
per-process memory cache other processes keep their copies until they expire;
with Redis (``SIHUB_CACHE_URL``) the bump is seen everywhere immediately.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

VERSION_KEY = "sihub:pagecache:version"
BYPASS_PREFIXES = ("/admin/", "/documents/", "/healthz", "/i18n/", "/static/", "/media/")


def current_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return int(version)


def invalidate(*args: Any, **kwargs: Any) -> None:
    """Retire every cached response (connected to Wagtail's publishing signals)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or evicted): any new value retires old keys
        cache.set(VERSION_KEY, current_version() + 1, timeout=None)


def cache_key(request: HttpRequest) -> str | None:
    if settings.SIHUB_PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return None
    if request.path_info.startswith(BYPASS_PREFIXES):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return None
    # htmx asks the same URL for a fragment: it must never be served as the page.
    fragment = "fragment" if request.headers.get("HX-Request") == "true" else "page"
    raw = f"{request.get_host()}{request.get_full_path()}|{fragment}"
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"sihub:page:{current_version()}:{request.method}:{digest}"


def is_cacheable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    control = response.get("Cache-Control", "")
    if any(word in control for word in ("no-cache", "no-store", "private")):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = cache_key(request)
        if key is not None:
            cached = cache.get(key)
            if cached is not None:
                cached["X-Sihub-Cache"] = "hit"
                return cached
        response = self.get_response(request)
        if key is not None and is_cacheable(request, response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            patch_vary_headers(response, ["HX-Request"])
            cache.set(key, response, settings.SIHUB_PAGE_CACHE_SECONDS)
            response["X-Sihub-Cache"] = "miss"
        return response
