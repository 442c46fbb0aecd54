"""The methods, stories and publications indexes: facets, sorting, paging, htmx, query counts."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction

from sihub.knowledge.models import (
    MethodIndexPage,
    Phase,
    PublicationIndexPage,
    PublicationType,
    StoryIndexPage,
    StoryKind,
)
from sihub.knowledge.tests.test_pages import (  # noqa: F401 - fixtures
    assert_page_is_sound,
    indexes,
    knowledge,
    method,
    publication,
    story,
    translate,
)

RESULTS_TEMPLATES = {
    MethodIndexPage: "knowledge/method_results.html",
    StoryIndexPage: "knowledge/story_results.html",
    PublicationIndexPage: "knowledge/publication_results.html",
}


@pytest.fixture
def results_templates(monkeypatch):
    """What htmx renders: until the models name these templates, the tests do."""
    for model, template in RESULTS_TEMPLATES.items():
        if model.results_template != template:
            monkeypatch.setattr(model, "results_template", template)


def get(client, index, query: str = "", **headers: Any):
    response = client.get(f"{index.url}?{query}" if query else index.url, **headers)
    assert response.status_code == 200
    return response


def titles(response) -> list[str]:
    return [item.title for item in response.context["results"]]


def counts(response, param: str) -> dict[Any, int]:
    for result in response.context["facet_results"]:
        if result.facet.param == param:
            return {option.value: option.count for option in result.options}
    raise AssertionError(f"no facet {param}")


# --- Filtering ------------------------------------------------------------------


@pytest.fixture
def methods(indexes):
    index = indexes["method"]["sv"]
    return {
        "a": method(index, "A", sdgs=[3], themes=["food"], counties=["24"], phase=Phase.IDEATE),
        "b": method(index, "B", sdgs=[3, 8], themes=["education"], counties=["01"],
                    phase=Phase.TEST),
        "c": method(index, "C", sdgs=[8], themes=["food"], counties=["24"], phase=Phase.IDEATE),
        "d": method(index, "D", phase=Phase.SCALE),
    }


@pytest.mark.parametrize(("query", "expected"), [
    ("", ["A", "B", "C", "D"]),
    ("sdg=3", ["A", "B"]),
    ("sdg=3&sdg=8", ["A", "B", "C"]),  # OR within a facet
    ("theme=food", ["A", "C"]),
    ("region=24", ["A", "C"]),
    ("phase=test", ["B"]),
    ("sdg=8&region=24", ["C"]),  # AND across facets
    ("sdg=3&theme=food&phase=ideate", ["A"]),
    ("sdg=14", []),
])
def test_it_filters_methods(client, indexes, methods, query, expected):
    assert titles(get(client, indexes["method"]["sv"], query)) == expected


def test_it_counts_each_option_with_the_other_filters_applied(client, indexes, methods):
    response = get(client, indexes["method"]["sv"], "sdg=3")
    assert counts(response, "phase") == {"ideate": 1, "test": 1}
    assert counts(response, "region") == {"01": 1, "24": 1}
    assert counts(response, "theme") == {"education": 1, "food": 1}
    # The goal facet itself counts as if no goal were chosen, so 8 can be added.
    assert counts(response, "sdg") == {3: 2, 8: 2}
    html = response.content.decode()
    assert 'name="sdg" value="3" checked' in html
    assert 'name="sdg" value="8">' in html


def test_it_filters_stories_by_kind_and_year(client, indexes):
    index = indexes["story"]["sv"]
    story(index, "Nyhet 2024", kind=StoryKind.NEWS, date=date(2024, 5, 1))
    story(index, "Berättelse 2025", kind=StoryKind.STORY, date=date(2025, 2, 1))
    story(index, "Nyhet 2025", kind=StoryKind.NEWS, date=date(2025, 6, 1))

    assert titles(get(client, index, "kind=news")) == ["Nyhet 2025", "Nyhet 2024"]
    assert titles(get(client, index, "year=2025")) == ["Nyhet 2025", "Berättelse 2025"]
    response = get(client, index, "kind=news&year=2025")
    assert titles(response) == ["Nyhet 2025"]
    assert counts(response, "year") == {2025: 1, 2024: 1}
    assert counts(response, "kind") == {"story": 1, "news": 1}


def test_it_filters_publications_by_type_year_and_language(client, indexes):
    index = indexes["publication"]["sv"]
    publication(index, "Rapport 2020", publication_type=PublicationType.REPORT, year=2020)
    publication(index, "Guide 2023", publication_type=PublicationType.GUIDE, year=2023,
                language="en", sdgs=[5])
    publication(index, "Rapport 2023", publication_type=PublicationType.REPORT, year=2023)

    assert titles(get(client, index, "type=report")) == ["Rapport 2023", "Rapport 2020"]
    assert titles(get(client, index, "year=2023&type=report")) == ["Rapport 2023"]
    assert titles(get(client, index, "language=en")) == ["Guide 2023"]
    assert titles(get(client, index, "sdg=5")) == ["Guide 2023"]
    assert counts(get(client, index, "type=report"), "year") == {2023: 1, 2020: 1}


def test_it_lists_only_live_public_pages_in_the_index_language(client, indexes):
    index = indexes["story"]["sv"]
    shown = story(index, "Publicerad")
    story(index, "Utkast", live=False)
    hidden = story(index, "Bara för inloggade")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    translate(shown, title="Published", slug="published")

    assert titles(get(client, index)) == ["Publicerad"]
    assert titles(get(client, indexes["story"]["en"])) == ["Published"]


# --- Items ------------------------------------------------------------------------


def test_each_item_shows_its_key_facts(client, indexes):
    method(indexes["method"]["sv"], "Metod", phase=Phase.PROTOTYPE, time_needed="90 minuter")
    story(indexes["story"]["sv"], "Nyhet", kind=StoryKind.NEWS, date=date(2025, 1, 31))
    publication(indexes["publication"]["sv"], "Rapport", publication_type=PublicationType.THESIS,
                year=2021, authors="Anna Andersson, Bo Berg")

    with translation.override("sv"):  # the labels as the Swedish catalogue has them, if at all
        prototype, news, thesis = (str(Phase.PROTOTYPE.label), str(StoryKind.NEWS.label),
                                   str(PublicationType.THESIS.label))
    html = get(client, indexes["method"]["sv"]).content.decode()
    assert f"<dd>{prototype}</dd>" in html and "<dd>90 minuter</dd>" in html
    html = get(client, indexes["story"]["sv"]).content.decode()
    assert f"<span>{news}</span>" in html
    assert '<time datetime="2025-01-31">31 januari 2025</time>' in html
    html = get(client, indexes["publication"]["sv"]).content.decode()
    assert f"<span>{thesis}</span>, <span>2021</span>" in html
    assert "Anna Andersson, Bo Berg" in html


@pytest.mark.parametrize("kind", ["method", "story", "publication"])
def test_the_index_pages_are_sound_in_both_languages(client, indexes, kind):
    for language in ("sv", "en"):
        assert_page_is_sound(get(client, indexes[kind][language]).content.decode(), language)


# --- Sorting -----------------------------------------------------------------------


def test_it_sorts_stories_newest_first_unless_asked_otherwise(client, indexes):
    index = indexes["story"]["sv"]
    story(index, "Mitten", date=date(2024, 6, 1))
    story(index, "Äldst", date=date(2023, 1, 1))
    story(index, "Nyast", date=date(2025, 1, 1))

    assert titles(get(client, index)) == ["Nyast", "Mitten", "Äldst"]
    assert titles(get(client, index, "sort=oldest")) == ["Äldst", "Mitten", "Nyast"]
    assert titles(get(client, index, "sort=title")) == ["Mitten", "Nyast", "Äldst"]
    # A hand-edited sort falls back to the default.
    response = get(client, index, "sort=drop+table")
    assert response.context["sort"] == "newest"
    assert titles(response) == ["Nyast", "Mitten", "Äldst"]


def test_it_sorts_publications_by_year_and_methods_by_title(client, indexes):
    for title, year in (("B", 2021), ("A", 2019), ("C", 2024)):
        publication(indexes["publication"]["sv"], title, year=year)
        method(indexes["method"]["sv"], title)

    assert titles(get(client, indexes["publication"]["sv"])) == ["C", "B", "A"]
    assert titles(get(client, indexes["publication"]["sv"], "sort=oldest")) == ["A", "B", "C"]
    assert titles(get(client, indexes["method"]["sv"])) == ["A", "B", "C"]
    html = get(client, indexes["publication"]["sv"], "sort=oldest").content.decode()
    assert '<option value="oldest" selected>' in html


# --- Paging and the URL ------------------------------------------------------------


def test_paging_keeps_the_filters_and_the_sort(client, indexes, monkeypatch):
    monkeypatch.setattr(MethodIndexPage, "per_page", 2)
    index = indexes["method"]["sv"]
    for title in ("A", "B", "C", "D", "E"):
        method(index, title, sdgs=[3])
    method(index, "Otaggad 1")
    method(index, "Otaggad 2")

    first = get(client, index, "sdg=3&sort=title")
    assert titles(first) == ["A", "B"]
    html = first.content.decode()
    assert 'href="?sdg=3&amp;sort=title&amp;page=2"' in html
    assert "Sida 1 av 3" in html

    second = get(client, index, "sdg=3&sort=title&page=2")
    assert titles(second) == ["C", "D"]
    html = second.content.decode()
    assert 'href="?sdg=3&amp;sort=title&amp;page=1"' in html
    assert 'href="?sdg=3&amp;sort=title&amp;page=3"' in html
    assert 'name="sdg" value="3" checked' in html

    assert titles(get(client, index, "sdg=3&sort=title&page=99")) == ["E"]
    assert titles(get(client, index, "sdg=3&sort=title&page=x")) == ["A", "B"]


def test_a_filtered_page_offers_to_clear_the_filters(client, indexes, methods):
    index = indexes["method"]["sv"]
    assert "facets__clear" not in get(client, index).content.decode()
    html = get(client, index, "sdg=3").content.decode()
    assert f'class="facets__clear" href="{index.url}"' in html


# --- htmx ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["method", "story", "publication"])
def test_an_htmx_request_gets_only_the_results(client, indexes, kind, results_templates):
    make = {"method": method, "story": story, "publication": publication}[kind]
    make(indexes[kind]["sv"], "Träff", sdgs=[3])
    make(indexes[kind]["sv"], "Miss", sdgs=[4])

    response = get(client, indexes[kind]["sv"], "sdg=3", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and "<form" not in html
    assert html.lstrip().startswith('<p class="listing__count" role="status">')
    assert ">Träff</a>" in html and "Miss" not in html
    assert f"knowledge/items/{kind}.html" in [t.name for t in response.templates]


@pytest.mark.parametrize("kind", ["method", "story", "publication"])
def test_the_full_page_wraps_the_same_results_for_htmx_to_swap(client, indexes, kind):
    make = {"method": method, "story": story, "publication": publication}[kind]
    make(indexes[kind]["sv"], "Träff")
    response = get(client, indexes[kind]["sv"])
    html = response.content.decode()
    assert '<div id="listing-results" class="listing__results" aria-live="polite">' in html
    assert 'hx-target="#listing-results"' in html
    # The index template picks the item partial itself; no model setting needed for this.
    assert f"knowledge/items/{kind}.html" in [t.name for t in response.templates]


# --- Query counts ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["method", "story", "publication"])
def test_the_index_needs_the_same_queries_for_5_or_40_items(client, indexes, kind, monkeypatch):
    index = indexes[kind]["sv"]
    monkeypatch.setattr(type(index), "per_page", 100)  # every item on one page
    make = {"method": method, "story": story, "publication": publication}[kind]

    def add(numbers: range) -> None:
        for i in numbers:
            make(index, f"Sida {i}", sdgs=[i % 17 + 1], themes=["food"], counties=["24"],
                 **({"date": date(2020 + i % 5, 1, 1)} if kind == "story" else {}),
                 **({"year": 2000 + i % 7} if kind == "publication" else {}))

    def queries() -> int:
        client.get(index.url, {"sdg": [1, 2, 3, 4, 5, 6, 7, 8, 9]})  # warm per-process caches
        with CaptureQueriesContext(connection) as captured:
            response = client.get(index.url, {"sdg": [1, 2, 3, 4, 5, 6, 7, 8, 9]})
        assert response.status_code == 200
        return len(captured)

    add(range(5))
    few = queries()
    add(range(5, 40))
    many = queries()
    assert many == few, f"{few} queries for 5 items, {many} for 40"
