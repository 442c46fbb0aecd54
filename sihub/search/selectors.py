"""One search over everything indexed, with Swedish and English stemming."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from wagtail.models import Locale, Page
from wagtail.query import PageQuerySet
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText, SearchQuery

from sihub.actors.models import Actor
from sihub.sdg.models import Goal, Target
from sihub.search.stemming import query_terms

MAX_QUERY_LENGTH = 200
# Organisations are listed above the pages; the directory has the rest.
MAX_ACTORS = 10


def build_query(text: str) -> SearchQuery | None:
    """Every word must match, as itself or as one of its stems."""
    terms = query_terms(text[:MAX_QUERY_LENGTH])
    if not terms:
        return None
    parts: list[SearchQuery] = []
    for alternatives in terms:
        options = [PlainText(alt) for alt in alternatives]
        parts.append(options[0] if len(options) == 1 else Or(options))
    return parts[0] if len(parts) == 1 else And(parts)


@dataclass
class SearchResults:
    query: str
    pages: PaginatorPage | None = None
    goals: list[Goal] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    actors: list[Any] = field(default_factory=list)

    @property
    def total(self) -> int:
        pages = self.pages.paginator.count if self.pages is not None else 0
        return pages + len(self.goals) + len(self.targets) + len(self.actors)


def _contains_any(field: str, words: Iterable[str]) -> Q:
    """``field`` holds one of ``words``, as written, lower-case or capitalised.

    The spellings are needed because SQLite's LIKE ignores case for ASCII
    letters only ("Ä" is not "ä").
    """
    found = Q()
    for word in words:
        for spelling in {word, word.lower(), word.capitalize()}:
            found |= Q(**{f"{field}__icontains": spelling})
    return found


def _matching_actors(text: str, query: SearchQuery, backend: Any) -> list[Actor]:
    """Actors whose name holds a word of the query first, then others the index finds.

    Not ranked by relevance: on the database backend the relevance score is a
    per-row full-text subquery, seconds for a few thousand actors whose
    descriptions share a common word ("kommun"). The directory has the rest.
    """
    actors = Actor.objects.published().select_related("sector", "home_municipality")
    by_name = _contains_any("name", text[:MAX_QUERY_LENGTH].split())
    found = list(actors.filter(by_name).order_by("name")[:MAX_ACTORS]) if by_name else []
    if len(found) < MAX_ACTORS:
        seen = {a.pk for a in found}
        for actor in backend.search(query, actors, order_by_relevance=False)[:MAX_ACTORS * 2]:
            if actor.pk not in seen and len(found) < MAX_ACTORS:
                found.append(actor)
                seen.add(actor.pk)
    return found


def _matching_pages(text: str, query: SearchQuery, backend: Any,
                    pages: PageQuerySet) -> QuerySet[Page] | Any:
    """The pages that match, best first, as specific pages once sliced.

    A search server (Elasticsearch, OpenSearch) ranks by relevance in one pass.
    The database backends rank with a full-text subquery per matching row (on
    SQLite it runs the MATCH again for each row: minutes when 10,000 pages
    share a common word such as "kommunerna"). There the index only says which
    pages match, unranked, and the ordering is cheap and deterministic: pages
    with more words of the query in the title first, then the most recently
    published.
    """
    unranked = backend.search(query, pages, order_by_relevance=False)
    get_queryset = getattr(unranked, "get_queryset", None)
    if get_queryset is None:  # not a database backend: its own ranking is fast
        return backend.search(query, pages.specific())
    title_hits: Any = Value(0)
    for alternatives in query_terms(text[:MAX_QUERY_LENGTH]):
        title_hits += Case(When(_contains_any("title", alternatives), then=1), default=0,
                           output_field=IntegerField())
    return (get_queryset()
            .annotate(title_hits=title_hits)
            .order_by("-title_hits", F("first_published_at").desc(nulls_last=True), "-pk")
            .specific())


def search_everything(text: str, *, language: str, page_number: Any = 1,
                      per_page: int = 20) -> SearchResults:
    results = SearchResults(query=text)
    query = build_query(text)
    if query is None:
        return results
    backend = get_search_backend()
    locale = Locale.objects.filter(language_code=language).first()
    page_qs = Page.objects.live().public()
    if locale is not None:
        page_qs = page_qs.filter(locale=locale)
    pages = _matching_pages(text, query, backend, page_qs)
    results.pages = Paginator(pages, per_page).get_page(page_number)
    results.goals = list(backend.search(query, Goal.objects.all())[:17])
    results.targets = list(backend.search(query, Target.objects.select_related("goal"))[:20])
    results.actors = _matching_actors(text, query, backend)
    return results
