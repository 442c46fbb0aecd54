"""API: methods and tools, stories and news, publications, good examples, knowledge articles.

Only live pages that everyone may see are listed or shown: drafts, pages
waiting for moderation (members' submitted examples) and pages behind a view
restriction answer 404. The list filters are the index pages' own facets
(``listing_facets()``), so the API and the website filter alike.

Contact names and e-mail addresses of good examples are personal data (see
core/privacy.py) and are left out of the API: they stay on the page itself.
"""

# No "from __future__ import annotations": ninja reads Query[...] from the signature.

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from wagtail.models import Page

from sihub.api.errors import errors
from sihub.api.pagination import PageNumberPagination
from sihub.cases.models import CaseIndexPage, CasePage, Stage
from sihub.core import facets as facet_lib
from sihub.core.listing import FacetedIndexMixin
from sihub.knowledge.models import (
    Facilitation,
    KnowledgeArticlePage,
    MethodIndexPage,
    MethodPage,
    Phase,
    PublicationIndexPage,
    PublicationLanguage,
    PublicationPage,
    PublicationType,
    StoryIndexPage,
    StoryKind,
    StoryPage,
)
from sihub.sdg.tagging import tag_facets

methods_router = Router(tags=["Methods and tools"])
stories_router = Router(tags=["Stories and news"])
publications_router = Router(tags=["Publications"])
cases_router = Router(tags=["Good examples"])
articles_router = Router(tags=["Knowledge articles"])

# The ecosystem tags every page type carries; one query each, whatever the page size.
TAG_PREFETCH = ("sdgs", "sdg_targets", "themes", "sectors", "counties", "municipalities")

# Bounded so hand-made or generated values can never reach the database as
# something it cannot compare (huge integers, NUL characters).
GoalNumber = Annotated[int, Field(ge=1, le=17)]
Slug = Annotated[str, Field(min_length=1, max_length=50, pattern=r"^[-a-zA-Z0-9_]+$")]
CountyCode = Annotated[str, Field(pattern=r"^\d{2}$", examples=["24"])]
Year = Annotated[int, Field(ge=1, le=9999)]
PageId = Annotated[int, Field(ge=1, le=2**63 - 1)]


# --- Filters ---------------------------------------------------------------


class TagFilters(Schema):
    lang: Literal["sv", "en"] = Field("sv", description="Language version of the pages.")
    sdg: list[GoalNumber] = Field([], description="Global goal number; repeat for any of several.")
    theme: list[Slug] = Field([], description="Theme slug.")
    region: list[CountyCode] = Field([], description="County code, e.g. 24.")
    sector: list[Slug] = Field([], description="Sector slug.")


class MethodFilters(TagFilters):
    phase: list[Phase] = []
    facilitation: list[Facilitation] = []


class StoryFilters(TagFilters):
    kind: list[StoryKind] = []
    year: list[Year] = []


class PublicationFilters(TagFilters):
    type: list[PublicationType] = []
    language: list[PublicationLanguage] = Field([], description="Language of the publication.")
    year: list[Year] = []


class CaseFilters(TagFilters):
    stage: list[Stage] = []


# --- Output ----------------------------------------------------------------


class PageOut(Schema):
    id: int
    title: str
    url: str | None = Field(description="Absolute address of the page on the website.")
    locale: str = Field(alias="locale.language_code", examples=["sv"])
    first_published_at: datetime | None
    sdgs: list[int] = Field(examples=[[3, 8]])
    targets: list[str] = Field(examples=[["8.5"]])
    themes: list[str]
    sectors: list[str]
    counties: list[str] = Field(examples=[["24"]])
    municipalities: list[str] = Field(examples=[["2480"]])

    @staticmethod
    def resolve_url(obj: Page, context: dict[str, Any]) -> str | None:
        return obj.get_full_url(context["request"])

    # .all() reads the prefetched rows; a values_list() would query again per page.
    @staticmethod
    def resolve_sdgs(obj: Any) -> list[int]:
        return [g.number for g in obj.sdgs.all()]

    @staticmethod
    def resolve_targets(obj: Any) -> list[str]:
        return [t.code for t in obj.sdg_targets.all()]

    @staticmethod
    def resolve_themes(obj: Any) -> list[str]:
        return [t.slug for t in obj.themes.all()]

    @staticmethod
    def resolve_sectors(obj: Any) -> list[str]:
        return [s.slug for s in obj.sectors.all()]

    @staticmethod
    def resolve_counties(obj: Any) -> list[str]:
        return [c.code for c in obj.counties.all()]

    @staticmethod
    def resolve_municipalities(obj: Any) -> list[str]:
        return [m.code for m in obj.municipalities.all()]


class MethodOut(PageOut):
    intro: str
    purpose: str
    phase: str
    time_needed: str
    group_size_min: int | None
    group_size_max: int | None
    facilitation: str
    materials: str


class StoryOut(PageOut):
    kind: str
    author: str
    date: date
    intro: str = Field(description="The lead.")
    tags: list[str]

    @staticmethod
    def resolve_tags(obj: Any) -> list[str]:
        return sorted(t.name for t in obj.tags.all())


class PublicationOut(PageOut):
    authors: str
    publisher: str
    year: int
    language: str
    type: str = Field(alias="publication_type")
    abstract: str = Field(alias="intro")
    document_url: str | None = Field(description="Absolute address of the PDF, if there is one.")
    external_url: str
    doi: str
    isbn: str

    @staticmethod
    def resolve_document_url(obj: Any, context: dict[str, Any]) -> str | None:
        if obj.document is None:
            return None
        return context["request"].build_absolute_uri(obj.document.url)


class CaseOut(PageOut):
    summary: str
    challenge: str
    solution: str
    target_groups: str
    actors_involved: str
    stage: str
    results: str
    scaling: str
    website: str


class ArticleOut(PageOut):
    intro: str


# --- Reads -----------------------------------------------------------------


def _published(model: Any) -> QuerySet[Any]:
    """Live pages everyone may see, with what the output needs fetched up front."""
    return (
        model.objects.live().public()
        .select_related("locale")
        .prefetch_related(*TAG_PREFETCH)
    )


def _listing(qs: QuerySet[Any], filters: TagFilters, facets: list[facet_lib.Facet],
             order: str) -> QuerySet[Any]:
    params = {
        name: [getattr(v, "value", v) for v in values]  # enum members to their values
        for name, values in filters.dict(exclude={"lang"}).items()
    }
    qs = qs.filter(locale__language_code=filters.lang)
    return facet_lib.apply(qs, facets, params).order_by(order, "pk")


def _index_facets(index_model: type[FacetedIndexMixin]) -> list[facet_lib.Facet]:
    # The facets do not depend on which index page asks; an unsaved instance
    # stands in so the API filters exactly as the index pages do.
    return index_model().listing_facets()


def _index_order(index_model: type[FacetedIndexMixin]) -> str:
    return index_model.sort_options[index_model.default_sort][0]


DETAIL_ERRORS = errors(404, 422)


@methods_router.get("", response={200: list[MethodOut], **errors(422)}, summary="Methods and tools")
@paginate(PageNumberPagination)
def list_methods(request: HttpRequest, filters: Query[MethodFilters]):  # type: ignore[no-untyped-def]
    return _listing(_published(MethodPage), filters, _index_facets(MethodIndexPage),
                    _index_order(MethodIndexPage))


@methods_router.get("/{id}", response={200: MethodOut, **DETAIL_ERRORS}, summary="One method or tool")
def get_method(request: HttpRequest, id: PageId) -> MethodPage:
    return get_object_or_404(_published(MethodPage), pk=id)


@stories_router.get("", response={200: list[StoryOut], **errors(422)}, summary="Stories and news")
@paginate(PageNumberPagination)
def list_stories(request: HttpRequest, filters: Query[StoryFilters]):  # type: ignore[no-untyped-def]
    qs = _published(StoryPage).prefetch_related("tags")
    return _listing(qs, filters, _index_facets(StoryIndexPage), _index_order(StoryIndexPage))


@stories_router.get("/{id}", response={200: StoryOut, **DETAIL_ERRORS}, summary="One story or news item")
def get_story(request: HttpRequest, id: PageId) -> StoryPage:
    return get_object_or_404(_published(StoryPage).prefetch_related("tags"), pk=id)


@publications_router.get("", response={200: list[PublicationOut], **errors(422)},
                         summary="Reports, guides, articles and theses")
@paginate(PageNumberPagination)
def list_publications(request: HttpRequest, filters: Query[PublicationFilters]):  # type: ignore[no-untyped-def]
    qs = _published(PublicationPage).select_related("document")
    return _listing(qs, filters, _index_facets(PublicationIndexPage),
                    _index_order(PublicationIndexPage))


@publications_router.get("/{id}", response={200: PublicationOut, **DETAIL_ERRORS},
                         summary="One publication")
def get_publication(request: HttpRequest, id: PageId) -> PublicationPage:
    return get_object_or_404(_published(PublicationPage).select_related("document"), pk=id)


@cases_router.get("", response={200: list[CaseOut], **errors(422)},
                  summary="Good examples of social innovation")
@paginate(PageNumberPagination)
def list_cases(request: HttpRequest, filters: Query[CaseFilters]):  # type: ignore[no-untyped-def]
    return _listing(_published(CasePage), filters, _index_facets(CaseIndexPage),
                    _index_order(CaseIndexPage))


@cases_router.get("/{id}", response={200: CaseOut, **DETAIL_ERRORS}, summary="One good example")
def get_case(request: HttpRequest, id: PageId) -> CasePage:
    return get_object_or_404(_published(CasePage), pk=id)


@articles_router.get("", response={200: list[ArticleOut], **errors(422)},
                     summary="Knowledge articles: what social innovation is, why and how")
@paginate(PageNumberPagination)
def list_articles(request: HttpRequest, filters: Query[TagFilters]):  # type: ignore[no-untyped-def]
    return _listing(_published(KnowledgeArticlePage), filters, tag_facets(),
                    "-first_published_at")


@articles_router.get("/{id}", response={200: ArticleOut, **DETAIL_ERRORS},
                     summary="One knowledge article")
def get_article(request: HttpRequest, id: PageId) -> KnowledgeArticlePage:
    return get_object_or_404(_published(KnowledgeArticlePage), pk=id)
