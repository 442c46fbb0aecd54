"""Page results when many pages match: cheap ranking, exact count, working pagination."""

import datetime as dt

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils.text import slugify
from wagtail.search import index
from wagtail.search.backends import get_search_backend

from sihub.core.models import ContentPage
from sihub.search.selectors import search_everything


def _publish(parent, title: str, intro: str, published: str | None = None) -> ContentPage:
    page = ContentPage(title=title, slug=slugify(title), intro=intro)
    parent.add_child(instance=page)
    page.save_revision().publish()
    if published:
        ContentPage.objects.filter(pk=page.pk).update(
            first_published_at=dt.datetime.fromisoformat(f"{published}T12:00+00:00"))
    # Publishing indexes the page in a task after the commit, which a test never reaches.
    index.insert_or_update_object(page)
    return page


def _titles(results) -> list[str]:
    return [p.title for p in results.pages]


@pytest.fixture
def many_matches(demo_site):
    """23 live Swedish pages about "kommun", and pages the search must leave out."""
    sv, en = demo_site["sv"], demo_site["en"]
    matching = [_publish(sv, f"Rapport {n}", "En kommun i norr samverkar.", f"2024-01-{n:02}")
                for n in range(1, 24)]
    _publish(sv, "Om skogen", "Inget om det.")
    draft = ContentPage(title="Utkast om kommunen", slug="utkast", intro="Kommunen.", live=False)
    sv.add_child(instance=draft)
    index.insert_or_update_object(draft)
    _publish(en, "Municipal report", "A kommun in English.")
    return matching


# (title, intro, first published) of each page; the query; the titles in the order expected.
RANKINGS = {
    "title first, then the newest": (
        [("Nyheter från norr", "En kommun i norr.", "2025-05-01"),
         ("Kommunen och civilsamhället", "Om samverkan.", "2020-01-01"),
         ("Äldre nyheter", "Kommunerna samverkar.", "2022-01-01")],
        "kommunerna",
        ["Kommunen och civilsamhället", "Nyheter från norr", "Äldre nyheter"]),
    "more words of the query in the title": (
        [("Kommunen växer", "Sociala företag anställer.", "2025-01-01"),
         ("Sociala företag i kommunerna", "Om arbete.", "2019-01-01"),
         ("Årsrapport", "Kommunen och sociala företag.", "2026-01-01")],
        "sociala kommuner",
        ["Sociala företag i kommunerna", "Kommunen växer", "Årsrapport"]),
    # SQLite's LIKE ignores the case of ASCII letters only.
    "a capital Swedish first letter in the title": (
        [("Kort notis", "Äldreomsorg i kommunen.", "2025-01-01"),
         ("Äldreomsorg på landet", "En text.", "2020-01-01")],
        "äldreomsorg",
        ["Äldreomsorg på landet", "Kort notis"]),
}


@pytest.mark.parametrize("case", RANKINGS)
def test_it_lists_pages_with_words_of_the_query_in_the_title_first_then_the_newest(
        demo_site, case):
    pages, query, expected = RANKINGS[case]
    for title, intro, published in pages:
        _publish(demo_site["sv"], title, intro, published)
    assert _titles(search_everything(query, language="sv")) == expected


def test_it_counts_every_matching_page_and_pages_through_all_of_them(many_matches):
    found: list[int] = []
    for number in (1, 2, 3):
        pages = search_everything("kommunerna", language="sv", page_number=number,
                                  per_page=10).pages
        assert pages.paginator.count == 23
        assert pages.number == number
        found += [p.pk for p in pages]
    assert len(found) == 23
    assert set(found) == {p.pk for p in many_matches}
    # The newest first when no title holds the word.
    assert found[0] == many_matches[-1].pk


@pytest.mark.parametrize(("asked", "shown"), [("abc", 1), ("", 1), ("999999", 3), ("-1", 3),
                                              (10**30, 3)])
def test_it_shows_a_real_page_for_a_page_number_out_of_range(many_matches, asked, shown):
    pages = search_everything("kommunerna", language="sv", page_number=asked, per_page=10).pages
    assert pages.number == shown
    assert len(pages) == (3 if shown == 3 else 10)


def test_it_shows_specific_pages_and_loads_only_the_current_slice(many_matches):
    pages = search_everything("kommunerna", language="sv", per_page=5).pages
    with CaptureQueriesContext(connection) as queries:
        shown = list(pages)
    assert len(shown) == 5
    assert all(type(p) is ContentPage for p in shown)
    # One query for the slice of pages, one for their ContentPage rows.
    slice_sql, specific_sql = (q["sql"] for q in queries.captured_queries)
    assert "LIMIT 5" in slice_sql
    assert 'FROM "core_contentpage"' in specific_sql


def test_it_ranks_pages_without_a_relevance_score_per_row(many_matches):
    """The database backends' relevance score is a full-text subquery per row."""
    with CaptureQueriesContext(connection) as queries:
        results = search_everything("kommunerna", language="sv", per_page=10)
        list(results.pages)
    page_queries = [q["sql"] for q in queries.captured_queries
                    if 'FROM "wagtailcore_page"' in q["sql"]]
    assert any("MATCH" in sql or "@@" in sql for sql in page_queries)
    assert not [sql for sql in page_queries if "bm25(" in sql or "ts_rank" in sql]


def test_the_search_page_links_to_the_next_result_page(client, many_matches):
    html = client.get("/sv/search/", {"q": "kommunerna", "page": "2"}).content.decode()
    assert "Rapport 3<" in html  # the newest 20 are on page 1, then 3, 2, 1
    assert 'rel="prev"' in html and 'rel="next"' not in html


class _RankedList(list):
    """Results as a search server gives them: ranked, sliceable, not a queryset."""


class SearchServerStandIn:
    """Answers like Elasticsearch or OpenSearch, which do not run here.

    It ranks with the database backend's own relevance score, so the selector
    must take its order as given instead of ordering a queryset.
    """

    def __init__(self, params: dict) -> None:
        self.database = get_search_backend("wagtail.search.backends.database")

    def search(self, query, queryset, order_by_relevance=True, **kwargs):
        return _RankedList(self.database.search(query, queryset,
                                                order_by_relevance=order_by_relevance))


def test_it_keeps_the_order_of_a_search_server(demo_site):
    sv = demo_site["sv"]
    sparse = _publish(sv, "Nyhet ett", "Något om en kommun bland mycket annat som händer i "
                      "norr och i söder, i städer och på landet, under hela året.", "2025-01-01")
    dense = _publish(sv, "Nyhet två", "Kommun, kommun, kommunen.", "2019-01-01")
    ranked = [p.pk for p in get_search_backend().search(
        "kommun", ContentPage.objects.live().filter(pk__in=[sparse.pk, dense.pk]))]
    assert ranked == [dense.pk, sparse.pk]  # not the newest first: relevance decides
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": {
            "BACKEND": "sihub.search.tests.test_page_ranking.SearchServerStandIn"}}):
        results = search_everything("kommun", language="sv")
    assert [p.pk for p in results.pages] == ranked
    assert results.pages.paginator.count == 2
    assert all(type(p) is ContentPage for p in results.pages)
