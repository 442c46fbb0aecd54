"""Reads for knowledge pages: the tags a page carries and what else is related to it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.apps import apps
from django.db.models import Count, F, Q, QuerySet, Value
from django.utils.text import capfirst
from wagtail.models import Page

from sihub.core.models import County, Municipality, Sector, Theme
from sihub.knowledge.models import MethodPage
from sihub.sdg.models import Goal, Target

# Page types whose pages can be "related" to a knowledge page: everything
# editorial that carries the ecosystem tags. Labels, not imports, so knowledge
# does not import cases (and a project without cases still works).
RELATED_PAGE_TYPES = (
    "knowledge.KnowledgeArticlePage",
    "knowledge.MethodPage",
    "knowledge.StoryPage",
    "knowledge.PublicationPage",
    "cases.CasePage",
)


@dataclass(frozen=True)
class PageTags:
    """The ecosystem tags of one page, ready to show."""

    goals: list[Goal]
    targets: list[Target]
    themes: list[Theme]
    sectors: list[Sector]
    counties: list[County]
    municipalities: list[Municipality]

    def __bool__(self) -> bool:
        return any((self.goals, self.targets, self.themes, self.sectors, self.counties,
                    self.municipalities))


def page_tags(page: Any) -> PageTags:
    """A page's goals, targets, themes, sectors and places, each in its natural order.

    ``.all()`` (not ``values_list``) so that a preview, whose tags are still
    in memory, shows what the editor chose.
    """
    return PageTags(
        goals=sorted(page.sdgs.all(), key=lambda g: g.number),
        targets=sorted(page.sdg_targets.select_related("goal"),
                       key=lambda t: (t.goal.number, t.sort_order)),
        themes=sorted(page.themes.all(), key=lambda t: t.name.casefold()),
        sectors=sorted(page.sectors.all(), key=lambda s: s.sort_order),
        counties=sorted(page.counties.all(), key=lambda c: c.code),
        municipalities=sorted(page.municipalities.all(), key=lambda m: m.name.casefold()),
    )


@dataclass(frozen=True)
class RelatedItem:
    page: Page
    kind: Any  # (lazy) what sort of page it is, for the reader: "News", "Method or tool"…
    summary: str
    shared: int  # goals and themes it has in common with the page it is related to


def related_content(page: Any, limit: int = 6) -> list[RelatedItem]:
    """Live, public pages in ``page``'s language sharing goals or themes with it.

    Ranked by how many goals and themes they share, then newest first. One
    query per page type, whatever the number of candidates.
    """
    goal_ids = [g.pk for g in page.sdgs.all()]
    theme_ids = [t.pk for t in page.themes.all()]
    if limit <= 0 or not (goal_ids or theme_ids):
        return []
    private = Page.objects.all().private_q()  # one query, shared by every page type
    items: list[RelatedItem] = []
    for model in _related_models():
        rows = (
            model.objects.live().exclude(private)
            .filter(locale_id=page.locale_id).exclude(pk=page.pk)
            .annotate(shared_goals=_shared("sdgs", goal_ids),
                      shared_themes=_shared("themes", theme_ids))
            .annotate(shared=F("shared_goals") + F("shared_themes"))
            .filter(shared__gt=0)
            .order_by("-shared", "-first_published_at", "pk")
            .defer_streamfields()[:limit]
        )
        items += [RelatedItem(p, _kind(p), _summary(p), p.shared) for p in rows]
    items.sort(key=lambda item: (-item.shared, -_timestamp(item.page.first_published_at),
                                 item.page.title))
    return items[:limit]


def related_methods(page: Any) -> QuerySet[Any]:
    """The methods an editor linked to, as live public pages in ``page``'s language.

    A translation copies the links as they were, pointing at the source
    language's pages; following the translation key finds this language's.
    """
    keys = [m.translation_key for m in page.related_methods.all()]
    if not keys:
        return MethodPage.objects.none()
    return (MethodPage.objects.live().public()
            .filter(locale_id=page.locale_id, translation_key__in=keys)
            .exclude(pk=page.pk).order_by("title").defer_streamfields())


def _related_models() -> Iterable[Any]:
    for label in RELATED_PAGE_TYPES:
        app_label, model_name = label.split(".")
        if apps.is_installed(f"sihub.{app_label}"):
            yield apps.get_model(app_label, model_name)


def _shared(relation: str, ids: list[int]) -> Any:
    if not ids:
        return Value(0)
    return Count(relation, filter=Q(**{f"{relation}__in": ids}), distinct=True)


def _kind(page: Any) -> str:
    if hasattr(page, "get_kind_display"):  # stories and news say which they are
        return str(page.get_kind_display())
    return capfirst(page._meta.verbose_name)


def _summary(page: Any) -> str:
    return getattr(page, "intro", "") or getattr(page, "summary", "") or ""


def _timestamp(moment: datetime | None) -> float:
    return moment.timestamp() if moment else 0.0
