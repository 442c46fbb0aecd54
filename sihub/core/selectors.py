"""Reads in core."""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.models import Locale, Page

from sihub.core.i18n import current_language
from sihub.core.models import HomePage


def home_page(language: str | None = None) -> HomePage | None:
    """The live home page in ``language`` (the active language by default)."""
    lang = (language or current_language())[:2]
    return (
        HomePage.objects.live().filter(locale__language_code=lang).order_by("path").first()
        or HomePage.objects.live().order_by("path").first()
    )


def menu_pages(language: str | None = None) -> list[Page]:
    """The areas of work shown in the main navigation: the home page's menu children."""
    home = home_page(language)
    if home is None:
        return []
    return list(home.get_children().live().public().in_menu().order_by("path").specific()
                .defer_streamfields())


def locales() -> QuerySet[Locale]:
    return Locale.objects.all()
