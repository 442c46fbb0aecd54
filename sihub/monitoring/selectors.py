"""Permission-aware reads for the analyst's desk: the triage inbox and its CSV export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from sihub.core.models import Theme
from sihub.monitoring.models import Item, ItemStatus, Source
from sihub.monitoring.services import TRIAGE
from sihub.sdg.models import Goal

# Languages the language detector gives; anything else (or none) is "other".
KNOWN_LANGUAGES = ("sv", "en")
OTHER_LANGUAGE = "other"
ANY_STATUS = "all"


@dataclass(frozen=True)
class InboxFilters:
    """What the analyst narrowed the inbox to; ``None``/empty means "any"."""

    status: str | None = ItemStatus.NEW
    source: Source | None = None
    sdg: Goal | None = None
    theme: Theme | None = None
    language: str = ""
    starred: bool | None = None
    published_from: date | None = None
    published_to: date | None = None
    q: str = ""


def require_triage(user: Any) -> None:
    if not user.has_perm(TRIAGE):
        raise PermissionDenied


def triageable_items(*, user: Any) -> QuerySet[Item]:
    """All items ``user`` may triage (every item, for editors and analysts)."""
    require_triage(user)
    return Item.objects.all()


def get_item_for_triage(*, user: Any, item_id: int) -> Item:
    """One item ``user`` may triage (and so promote); PermissionDenied or 404."""
    require_triage(user)
    try:
        return Item.objects.select_related("source").get(pk=item_id)
    except Item.DoesNotExist:
        raise Http404 from None


def inbox_items(*, user: Any, filters: InboxFilters) -> QuerySet[Item]:
    """The inbox: most relevant first, then newest; a fixed number of queries per page.

    Each item carries ``other_sources``: how many other sources carry its story,
    and its tags (SDGs, actors, themes) and promoted page are fetched with it.
    """
    require_triage(user)
    items = (Item.objects.select_related("source", "promoted_page")
             .prefetch_related("sdgs", "actors", "themes"))
    if filters.status:
        items = items.filter(status=filters.status)
    if filters.source is not None:
        items = items.filter(source=filters.source)
    if filters.sdg is not None:
        # One goal: an item links to it at most once, so no duplicate rows.
        items = items.filter(sdgs=filters.sdg)
    if filters.theme is not None:
        # Likewise one theme: no duplicate rows.
        items = items.filter(themes=filters.theme)
    if filters.language == OTHER_LANGUAGE:
        items = items.exclude(language__in=KNOWN_LANGUAGES)
    elif filters.language:
        items = items.filter(language=filters.language)
    if filters.starred is not None:
        items = items.filter(starred=filters.starred)
    if filters.published_from is not None:
        items = items.filter(published_at__date__gte=filters.published_from)
    if filters.published_to is not None:
        items = items.filter(published_at__date__lte=filters.published_to)
    if filters.q:
        items = items.filter(title__icontains=filters.q)
    # Other sources of the same story, counted in the same query as the items.
    others = (Item.objects.filter(story=OuterRef("story"), story__isnull=False)
              .exclude(source=OuterRef("source"))
              .values("story")
              .annotate(n=Count("source", distinct=True))
              .values("n"))
    return (items
            .annotate(other_sources=Coalesce(Subquery(others, output_field=IntegerField()),
                                             Value(0)))
            .order_by("-relevance", F("published_at").desc(nulls_last=True), "-pk"))
