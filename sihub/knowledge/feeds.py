"""RSS 2.0 and Atom 1.0 feeds of stories, news and publications, one set per language.

    /<lang>/feeds/stories.rss   /<lang>/feeds/stories.atom       stories and news together
    /<lang>/feeds/news.rss      /<lang>/feeds/news.atom          news only
    /<lang>/feeds/publications.rss  /<lang>/feeds/publications.atom

Each holds the 50 latest live, public pages of the language in its URL. They
take the listing pages' filters: ``?sdg=5`` (1–17), ``?theme=<slug>`` and, on
the stories feed, ``?kind=story|news``; a parameter may repeat and its values
are alternatives, as on the listing pages. A value that cannot be read (not a
goal number, not a known theme, not a kind) is ignored, so a hand-edited URL
gives a wider feed, never an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any, ClassVar
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import F, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from sihub.core import facets as facet_lib
from sihub.core.i18n import current_language
from sihub.core.models import Theme
from sihub.core.seo import absolute_url, plain_text, site_root_url
from sihub.knowledge.models import (
    PublicationIndexPage,
    PublicationPage,
    StoryIndexPage,
    StoryKind,
    StoryPage,
)
from sihub.sdg.models import Goal
from sihub.sdg.tagging import tag_facets

FEED_SIZE = 50
SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]{1,50}\Z")
GOAL_RE = re.compile(r"^[0-9]{1,2}\Z")
# Tag URIs (RFC 4151) name each entry by page id, so a renamed or moved page
# stays the same entry in readers; the date only says when the name was minted.
GUID_TEMPLATE = "tag:{host},2025:sihub/page/{pk}"
KIND_HEADINGS = {StoryKind.STORY.value: _("Stories"), StoryKind.NEWS.value: _("News")}


@dataclass(frozen=True)
class FeedFilter:
    """The request's readable filters, and what a feed needs from the request."""

    request: HttpRequest
    language: str
    kinds: tuple[str, ...] = ()
    goals: tuple[Goal, ...] = ()
    themes: tuple[Theme, ...] = ()

    def query_string(self) -> str:
        """The filters as the listing pages spell them (``kind``, ``sdg``, ``theme``)."""
        pairs = ([("kind", k) for k in self.kinds] + [("sdg", g.number) for g in self.goals]
                 + [("theme", t.slug) for t in self.themes])
        return f"?{urlencode(pairs)}" if pairs else ""

    def label(self) -> str:
        """What the filters are called, for the feed's title."""
        return ", ".join([str(g) for g in self.goals] + [t.name for t in self.themes])


@dataclass(frozen=True)
class FeedEntry:
    page: Any
    link: str  # absolute
    guid: str


def read_filter(request: HttpRequest, *, kinds: tuple[str, ...] = ()) -> FeedFilter:
    """The filters in ``request.GET`` that name something real; the rest are dropped."""
    params = request.GET
    numbers = {int(v) for v in params.getlist("sdg") if GOAL_RE.match(v) and 1 <= int(v) <= 17}
    slugs = {v for v in params.getlist("theme") if SLUG_RE.match(v)}
    chosen = tuple(k for k in dict.fromkeys(params.getlist("kind")) if k in kinds)
    return FeedFilter(
        request=request,
        language=current_language(),
        kinds=chosen,
        goals=tuple(Goal.objects.filter(number__in=numbers)) if numbers else (),
        themes=tuple(Theme.objects.filter(slug__in=slugs).order_by("slug")) if slugs else (),
    )


def filter_by_tags(qs: QuerySet[Any], feed_filter: FeedFilter) -> QuerySet[Any]:
    """The same goal and theme filter as the listing pages (one query, subqueries inside)."""
    facets = [f for f in tag_facets() if f.param in ("sdg", "theme")]
    chosen = {"sdg": [g.number for g in feed_filter.goals],
              "theme": [t.slug for t in feed_filter.themes]}
    return facet_lib.apply(qs, facets, chosen)


def _entries(pages: QuerySet[Any], feed_filter: FeedFilter) -> list[FeedEntry]:
    request = feed_filter.request
    root = site_root_url(request)
    host = urlsplit(root).hostname or "localhost"
    entries = []
    for page in pages:
        url = page.get_url(request)
        if url is None:  # not routable (outside any site)
            continue
        entries.append(FeedEntry(page=page, link=absolute_url(root, url),
                                 guid=GUID_TEMPLATE.format(host=host, pk=page.pk)))
    return entries


class KnowledgeFeed(Feed):
    """What the stories, news and publications feeds share; RSS 2.0 unless told otherwise."""

    feed_type = Rss201rev2Feed
    kinds: ClassVar[tuple[str, ...]] = ()  # the ?kind= values this feed understands
    name: Any = ""
    blurb: Any = ""
    index_model: Any = Page

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FeedFilter:
        return read_filter(request, kinds=self.kinds)

    def pages(self, feed_filter: FeedFilter) -> QuerySet[Any]:  # pragma: no cover - per feed
        raise NotImplementedError

    def items(self, obj: FeedFilter) -> list[FeedEntry]:
        pages = (filter_by_tags(self.pages(obj), obj)
                 .filter(locale__language_code=obj.language)
                 .defer_streamfields().prefetch_related("sdgs", "themes")[:FEED_SIZE])
        return _entries(pages, obj)

    # --- the channel ---

    def heading(self, obj: FeedFilter) -> str:
        return str(self.name)

    def title(self, obj: FeedFilter) -> str:
        parts = [settings.WAGTAIL_SITE_NAME, self.heading(obj)]
        if obj.label():
            parts.append(obj.label())
        return " – ".join(parts)

    def description(self, obj: FeedFilter) -> str:
        return str(self.blurb)

    def subtitle(self, obj: FeedFilter) -> str | None:
        return str(self.blurb) if self.feed_type is Atom1Feed else None

    def link(self, obj: FeedFilter) -> str:
        """The listing page this feed follows, with the same filters, else the home page."""
        index = (self.index_model.objects.live().public()
                 .filter(locale__language_code=obj.language).order_by("path").first())
        url = index.get_url(obj.request) if index is not None else None
        return absolute_url(site_root_url(obj.request),
                            f"{url or f'/{obj.language}/'}{obj.query_string()}")

    def feed_url(self, obj: FeedFilter) -> str:
        return absolute_url(site_root_url(obj.request), f"{obj.request.path}{obj.query_string()}")

    def feed_guid(self, obj: FeedFilter) -> str:
        # Atom's feed id; the channel link is shared by the stories and news feeds.
        return self.feed_url(obj)

    def author_name(self, obj: FeedFilter) -> str:
        return settings.WAGTAIL_SITE_NAME

    # --- the items ---

    def item_title(self, item: FeedEntry) -> str:
        return item.page.title

    def item_description(self, item: FeedEntry) -> str:
        # Both RSS readers and Atom's summary type="html" read this as HTML:
        # escape the plain-text lead so it shows as written.
        return escape(plain_text(item.page.intro, limit=1000))

    def item_link(self, item: FeedEntry) -> str:
        return item.link

    def item_guid(self, item: FeedEntry) -> str:
        return item.guid

    item_guid_is_permalink = False

    def item_updateddate(self, item: FeedEntry) -> datetime | None:
        page = item.page
        return page.last_published_at or self.item_pubdate(item)

    def item_pubdate(self, item: FeedEntry) -> datetime | None:
        return item.page.first_published_at

    def item_categories(self, item: FeedEntry) -> list[str]:
        return [str(g) for g in item.page.sdgs.all()] + [t.name for t in item.page.themes.all()]


class StoriesFeed(KnowledgeFeed):
    kinds = tuple(StoryKind.values)
    name = _("Stories and news")
    blurb = _("Stories and news about social innovation.")
    index_model = StoryIndexPage

    def heading(self, obj: FeedFilter) -> str:
        if len(obj.kinds) == 1 and self.kinds:  # ?kind=news: call it what it holds
            return str(KIND_HEADINGS[obj.kinds[0]])
        return str(self.name)

    def pages(self, feed_filter: FeedFilter) -> QuerySet[Any]:
        pages = StoryPage.objects.live().public()
        if feed_filter.kinds:
            pages = pages.filter(kind__in=feed_filter.kinds)
        return pages.order_by("-date", F("first_published_at").desc(nulls_last=True), "-pk")

    def item_pubdate(self, item: FeedEntry) -> datetime:
        """The story's date; at the hour it was published when that was on the same day."""
        page = item.page
        published = page.first_published_at
        if published is not None and timezone.localtime(published).date() == page.date:
            return published
        return timezone.make_aware(datetime.combine(page.date, time.min))

    def item_author_name(self, item: FeedEntry) -> str | None:
        return item.page.author or None


class NewsFeed(StoriesFeed):
    kinds = ()
    name = _("News")
    blurb = _("News about social innovation.")

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FeedFilter:
        feed_filter = super().get_object(request, *args, **kwargs)
        return FeedFilter(request=request, language=feed_filter.language,
                          kinds=(StoryKind.NEWS.value,), goals=feed_filter.goals,
                          themes=feed_filter.themes)

    def feed_url(self, obj: FeedFilter) -> str:
        # The kind is the feed's own, not a filter in its URL.
        plain = FeedFilter(request=obj.request, language=obj.language, goals=obj.goals,
                           themes=obj.themes)
        return absolute_url(site_root_url(obj.request), f"{obj.request.path}{plain.query_string()}")


class PublicationsFeed(KnowledgeFeed):
    name = _("Publications")
    blurb = _("Reports, guides, articles and theses about social innovation.")
    index_model = PublicationIndexPage

    def pages(self, feed_filter: FeedFilter) -> QuerySet[Any]:
        return (PublicationPage.objects.live().public()
                .order_by(F("first_published_at").desc(nulls_last=True), "-pk"))

    def item_pubdate(self, item: FeedEntry) -> datetime:
        page = item.page
        return (page.first_published_at or page.last_published_at
                or timezone.make_aware(datetime(page.year, 1, 1)))

    def item_author_name(self, item: FeedEntry) -> str | None:
        return item.page.authors or None


class StoriesAtomFeed(StoriesFeed):
    feed_type = Atom1Feed


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed


class PublicationsAtomFeed(PublicationsFeed):
    feed_type = Atom1Feed
