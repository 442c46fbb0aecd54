"""Template access to the knowledge selectors, so page templates stay declarative."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import QuerySet

from sihub.knowledge import selectors

register = template.Library()


@register.simple_tag
def page_tags(page: Any) -> selectors.PageTags:
    """``{% page_tags page as tags %}``: the page's goals, themes, places…"""
    return selectors.page_tags(page)


@register.simple_tag
def related_content(page: Any, limit: int = 6) -> list[selectors.RelatedItem]:
    """``{% related_content page as related %}``: see selectors.related_content."""
    return selectors.related_content(page, limit=limit)


@register.simple_tag
def related_methods(page: Any) -> QuerySet[Any]:
    """``{% related_methods page as methods %}``: see selectors.related_methods."""
    return selectors.related_methods(page)
