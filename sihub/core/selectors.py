"""Reads in core."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from wagtail.models import Locale

from sihub.core import pagecache
from sihub.core.i18n import current_language
from sihub.core.models import HomePage


def home_page(language: str | None = None) -> HomePage | None:
    """The live home page in ``language`` (the active language by default)."""
    lang = (language or current_language())[:2]
    return (
        HomePage.objects.live().filter(locale__language_code=lang).order_by("path").first()
        or HomePage.objects.live().order_by("path").first()
    )


def menu_pages(language: str | None = None) -> list[dict[str, str]]:
    """The areas of work in the main navigation: the home page's menu children.

    Every public page shows the menu, so with the page cache on it is kept in
    the cache too, under the same version that publishing bumps.
    """
    lang = (language or current_language())[:2]
    key = None
    if settings.SIHUB_PAGE_CACHE_SECONDS > 0:
        key = f"sihub:menu:{pagecache.current_version()}:{lang}"
        cached = cache.get(key)
        if cached is not None:
            return cached
    home = home_page(lang)
    items: list[dict[str, str]] = []
    if home is not None:
        children = (home.get_children().live().public().in_menu().order_by("path").specific()
                    .defer_streamfields())
        items = [
            {"title": p.title, "url": p.url, "path": p.path, "intro": getattr(p, "intro", "")}
            for p in children
        ]
    if key is not None:
        cache.set(key, items, settings.SIHUB_PAGE_CACHE_SECONDS)
    return items


def locales() -> QuerySet[Locale]:
    return Locale.objects.all()
