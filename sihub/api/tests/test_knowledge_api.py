"""The knowledge and good-example endpoints: only live public pages, filtered like the index pages."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from sihub.cases.models import CaseIndexPage, CasePage
from sihub.core.models import County, Municipality, Sector, Theme
from sihub.knowledge.models import (
    KnowledgeArticlePage,
    MethodIndexPage,
    MethodPage,
    PublicationIndexPage,
    PublicationPage,
    StoryIndexPage,
    StoryPage,
)
from sihub.sdg.models import Goal, Target


def _tag(page: Any, *, sdgs: tuple[int, ...] = (), targets: tuple[str, ...] = (),
         themes: tuple[str, ...] = (), sectors: tuple[str, ...] = (),
         counties: tuple[str, ...] = (), municipalities: tuple[str, ...] = ()) -> None:
    page.sdgs = list(Goal.objects.filter(number__in=sdgs))
    page.sdg_targets = list(Target.objects.filter(code__in=targets))
    page.themes = list(Theme.objects.filter(slug__in=themes))
    page.sectors = list(Sector.objects.filter(slug__in=sectors))
    page.counties = list(County.objects.filter(code__in=counties))
    page.municipalities = list(Municipality.objects.filter(code__in=municipalities))


def add(parent: Page, page: Any, *, live: bool = True, **tags: Any) -> Any:
    _tag(page, **tags)
    if live:
        parent.add_child(instance=page)
        page.save_revision().publish()
    else:
        page.live = False
        parent.add_child(instance=page)
        page.save_revision()
    return page


@pytest.fixture
def indexes(demo_site) -> dict[str, dict[str, Page]]:
    """One index of each kind under the home page in each language."""
    result: dict[str, dict[str, Page]] = {}
    for lang, stale_home in demo_site.items():
        # From the database: the fixture's English home keeps the url_path it
        # had before its slug changed, and children would inherit it.
        home = Page.objects.get(pk=stale_home.pk).specific
        result[lang] = {}
        for key, model in (("methods", MethodIndexPage), ("stories", StoryIndexPage),
                           ("publications", PublicationIndexPage), ("cases", CaseIndexPage)):
            index = model(title=f"{key} {lang}", slug=f"{key}-{lang}")
            home.add_child(instance=index)
            index.save_revision().publish()
            result[lang][key] = index
        result[lang]["home"] = home
    return result


def method(title: str, **fields: Any) -> MethodPage:
    return MethodPage(title=title, purpose="Att förstå", **{"phase": "understand", **fields})


def story(title: str, **fields: Any) -> StoryPage:
    return StoryPage(title=title, **{"date": date(2024, 5, 1), **fields})


def publication(title: str, **fields: Any) -> PublicationPage:
    return PublicationPage(title=title, authors="A. Författare",
                           **{"year": 2023, "external_url": "https://example.org/r.pdf", **fields})


def case(title: str, **fields: Any) -> CasePage:
    return CasePage(title=title, summary="Kort.", challenge="Utmaning.", solution="Lösning.",
                    **fields)


# --- Lists and languages ------------------------------------------------------


def test_it_lists_methods_in_swedish_by_default_and_in_english_on_request(client, indexes):
    add(indexes["sv"]["methods"], method("Intervjuer"))
    add(indexes["en"]["methods"], method("Interviews"))

    sv = client.get("/api/v1/methods").json()
    en = client.get("/api/v1/methods", {"lang": "en"}).json()

    assert [m["title"] for m in sv["results"]] == ["Intervjuer"]
    assert sv["results"][0]["locale"] == "sv"
    assert [m["title"] for m in en["results"]] == ["Interviews"]
    assert en["results"][0]["locale"] == "en"


def test_it_returns_the_fields_and_tags_of_a_method(client, indexes):
    page = add(indexes["sv"]["methods"], method("Intervjuer", phase="ideate", group_size_min=3,
                                                 group_size_max=8, time_needed="2 timmar"),
               sdgs=(8, 3), targets=("8.5",), themes=("education",), sectors=("public",),
               counties=("24",), municipalities=("2480",))

    body = client.get(f"/api/v1/methods/{page.pk}").json()

    assert body["id"] == page.pk
    assert body["title"] == "Intervjuer"
    assert body["url"].startswith("http") and body["url"].endswith("/sv/methods-sv/intervjuer/")
    assert body["locale"] == "sv"
    assert body["first_published_at"]
    assert (body["phase"], body["group_size_min"], body["group_size_max"]) == ("ideate", 3, 8)
    assert body["time_needed"] == "2 timmar"
    assert body["sdgs"] == [3, 8]
    assert body["targets"] == ["8.5"]
    assert body["themes"] == ["education"]
    assert body["sectors"] == ["public"]
    assert body["counties"] == ["24"]
    assert body["municipalities"] == ["2480"]


def test_a_detail_carries_the_language_and_address_of_its_page(client, indexes):
    sv = add(indexes["sv"]["publications"], publication("Rapporten"), sdgs=(5,))
    en = add(indexes["en"]["publications"], publication("The report"), sdgs=(5,))

    body_sv = client.get(f"/api/v1/publications/{sv.pk}").json()
    body_en = client.get(f"/api/v1/publications/{en.pk}").json()

    assert (body_sv["locale"], body_en["locale"]) == ("sv", "en")
    assert "/sv/" in body_sv["url"] and "/en/" in body_en["url"]
    assert body_en["title"] == "The report" and body_en["sdgs"] == [5]
    assert client.get("/api/v1/publications", {"lang": "en", "sdg": 5}).json()["count"] == 1


def test_it_lists_stories_and_filters_them_by_kind_and_year(client, indexes):
    stories = indexes["sv"]["stories"]
    add(stories, story("Berättelsen", kind="story", date=date(2023, 3, 1)))
    add(stories, story("Nyheten", kind="news", date=date(2024, 2, 1), author="Redaktionen"))
    add(stories, story("Gammal nyhet", kind="news", date=date(2022, 2, 1)))

    news = client.get("/api/v1/stories", {"kind": "news"}).json()
    assert [s["title"] for s in news["results"]] == ["Nyheten", "Gammal nyhet"]  # newest first
    assert news["results"][0]["author"] == "Redaktionen"
    assert news["results"][0]["date"] == "2024-02-01"

    by_year = client.get("/api/v1/stories", {"year": [2023, 2022]}).json()
    assert {s["title"] for s in by_year["results"]} == {"Berättelsen", "Gammal nyhet"}


def test_it_lists_publications_and_filters_them_by_type_language_and_year(client, indexes):
    pubs = indexes["sv"]["publications"]
    add(pubs, publication("Rapporten", publication_type="report", language="sv", year=2021,
                          doi="10.1234/abc", isbn="978-0-306-40615-7"))
    add(pubs, publication("Guiden", publication_type="guide", language="en", year=2023))

    reports = client.get("/api/v1/publications", {"type": "report"}).json()
    assert [p["title"] for p in reports["results"]] == ["Rapporten"]
    first = reports["results"][0]
    assert (first["type"], first["language"], first["year"]) == ("report", "sv", 2021)
    assert first["doi"] == "10.1234/abc" and first["isbn"] == "978-0-306-40615-7"
    assert first["external_url"] == "https://example.org/r.pdf"
    assert first["document_url"] is None
    assert first["authors"] == "A. Författare"

    english = client.get("/api/v1/publications", {"language": "en"}).json()
    assert [p["title"] for p in english["results"]] == ["Guiden"]
    assert client.get("/api/v1/publications", {"year": 2021}).json()["count"] == 1


def test_it_lists_good_examples_and_filters_them_by_stage(client, indexes):
    cases = indexes["en"]["cases"]
    add(cases, case("Homework help", stage="pilot", contact_name="Karin K",
                    contact_email="karin@example.org", website="https://example.org"))
    add(cases, case("Food bank", stage="scaling"))

    body = client.get("/api/v1/cases", {"lang": "en", "stage": "pilot"}).json()

    assert [c["title"] for c in body["results"]] == ["Homework help"]
    result = body["results"][0]
    assert result["summary"] == "Kort." and result["stage"] == "pilot"
    assert result["website"] == "https://example.org"
    # Personal data stays on the page; the API does not hand it out in bulk.
    assert "contact_name" not in result and "contact_email" not in result


def test_it_lists_knowledge_articles(client, indexes):
    article = add(indexes["sv"]["home"], KnowledgeArticlePage(title="Vad är social innovation?",
                                                              intro="En introduktion."),
                  sdgs=(10,))

    body = client.get("/api/v1/articles", {"sdg": 10}).json()

    assert [a["id"] for a in body["results"]] == [article.pk]
    assert body["results"][0]["intro"] == "En introduktion."
    assert client.get(f"/api/v1/articles/{article.pk}").json()["sdgs"] == [10]


# --- Filters --------------------------------------------------------------------


def test_it_filters_by_the_ecosystem_tags_like_the_index_pages(client, indexes):
    methods = indexes["sv"]["methods"]
    add(methods, method("Umeå-metoden"), sdgs=(3,), themes=("education",), counties=("24",),
        sectors=("public",))
    add(methods, method("Stockholmsmetoden"), sdgs=(8,), themes=("education",),
        counties=("01",), sectors=("private",))
    add(methods, method("Målmetoden"), sdgs=(3, 8))

    def titles(**params: Any) -> set[str]:
        return {m["title"] for m in client.get("/api/v1/methods", params).json()["results"]}

    assert titles(sdg=3) == {"Umeå-metoden", "Målmetoden"}
    assert titles(sdg=[3, 8]) == {"Umeå-metoden", "Stockholmsmetoden", "Målmetoden"}  # any of
    assert titles(sdg=8, theme="education") == {"Stockholmsmetoden"}  # and across facets
    assert titles(region="24") == {"Umeå-metoden"}
    assert titles(sector="private") == {"Stockholmsmetoden"}
    assert titles(phase="scale") == set()


def test_it_answers_unreadable_filters_with_the_error_shape(client, db):
    for params in ({"sdg": 18}, {"region": "Västerbotten"}, {"lang": "de"}, {"phase": "x"},
                   {"theme": "not a slug"}):
        response = client.get("/api/v1/methods", params)
        assert response.status_code == 422, params
        assert response.json()["error"]["code"] == "invalid"


# --- What is never shown ------------------------------------------------------------


def test_it_hides_drafts_from_lists_and_details(client, indexes):
    draft = add(indexes["sv"]["methods"], method("Utkast"), live=False)
    add(indexes["sv"]["methods"], method("Publicerad"))

    body = client.get("/api/v1/methods").json()

    assert [m["title"] for m in body["results"]] == ["Publicerad"]
    response = client.get(f"/api/v1/methods/{draft.pk}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_it_hides_good_examples_waiting_for_approval(client, indexes, member):
    submitted = add(indexes["sv"]["cases"], case("Inskickat exempel", submitted_by=member),
                    live=False)

    assert client.get("/api/v1/cases").json()["count"] == 0
    assert client.get(f"/api/v1/cases/{submitted.pk}").status_code == 404


def test_it_shows_the_published_version_not_a_later_draft(client, indexes):
    page = add(indexes["sv"]["methods"], method("Publicerad titel"))
    page.title = "Ändrad men opublicerad"
    page.save_revision()

    assert client.get(f"/api/v1/methods/{page.pk}").json()["title"] == "Publicerad titel"


def test_it_hides_pages_behind_a_view_restriction(client, indexes):
    page = add(indexes["sv"]["methods"], method("Hemlig"))
    PageViewRestriction.objects.create(page=indexes["sv"]["methods"], password="hemligt",
                                       restriction_type=PageViewRestriction.PASSWORD)

    assert client.get("/api/v1/methods").json()["count"] == 0
    assert client.get(f"/api/v1/methods/{page.pk}").status_code == 404


def test_it_answers_404_for_a_page_of_another_type(client, indexes):
    page = add(indexes["sv"]["methods"], method("Metod"))

    assert client.get(f"/api/v1/cases/{page.pk}").status_code == 404
    assert client.get(f"/api/v1/stories/{page.pk}").status_code == 404
    assert client.get("/api/v1/publications/999999").status_code == 404


# --- Pagination and queries ------------------------------------------------------------


def test_it_paginates_with_the_shared_shape(client, indexes):
    for i in range(5):
        add(indexes["sv"]["methods"], method(f"Metod {i}"))

    body = client.get("/api/v1/methods", {"page": 2, "page_size": 2}).json()

    assert set(body) == {"count", "page", "pages", "next", "previous", "results"}
    assert (body["count"], body["page"], body["pages"]) == (5, 2, 3)
    assert [m["title"] for m in body["results"]] == ["Metod 2", "Metod 3"]
    assert "page=3" in body["next"] and "page=1" in body["previous"]


def _queries(client: Any, path: str, params: dict[str, Any] | None = None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("path, kind, make", [
    ("/api/v1/methods", "methods", method),
    ("/api/v1/stories", "stories", story),
    ("/api/v1/publications", "publications", publication),
    ("/api/v1/cases", "cases", case),
])
def test_the_number_of_queries_does_not_grow_with_the_page(client, indexes, path, kind, make):
    parent = indexes["sv"][kind]
    tags = {"sdgs": (3, 8), "targets": ("8.5",), "themes": ("education",),
            "sectors": ("public",), "counties": ("24",), "municipalities": ("2480",)}
    add(parent, make(f"{kind} 0"), **tags)
    client.get(path)  # warm the per-process caches (content types, site root paths)
    one = _queries(client, path)
    for i in range(1, 8):
        page = add(parent, make(f"{kind} {i}"), **tags)
        if kind == "stories":
            page.tags.add("tagg", f"tagg-{i}")
            page.save_revision().publish()

    many = _queries(client, path)

    assert len(client.get(path).json()["results"]) == 8
    assert many == one


def test_a_detail_needs_few_queries(client, indexes, django_assert_max_num_queries):
    page = add(indexes["sv"]["publications"], publication("Rapport"), sdgs=(3,))
    client.get(f"/api/v1/publications/{page.pk}")
    with django_assert_max_num_queries(10):
        client.get(f"/api/v1/publications/{page.pk}")
