"""The public directory: search, facets with honest counts, sorting, paging, htmx, queries."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from sihub.actors.models import ActorKind, OfferingKind
from sihub.actors.tests.factories import make_actor, make_offering
from sihub.conftest import login

URL = "/en/actors/"


def assert_page_is_sound(html: str, language: str) -> None:
    """What every public page promises: language, CSP-safe markup, headings in order."""
    assert f'<html lang="{language}">' in html
    assert not re.search(r"<script(?![^>]*\b(src=|type=\"application/(ld\+)?json\"))", html), \
        "inline <script>"
    assert not re.search(r"\sstyle=", html), "inline style attribute"
    assert "<style" not in html
    levels = [int(n) for n in re.findall(r"<h([1-6])[\s>]", html)]
    assert levels.count(1) == 1, levels
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, f"heading level jumps from h{before} to h{after}: {levels}"


def names(response) -> list[str]:
    return [card.actor.name for card in response.context["cards"]]


def counts(response, param: str) -> dict:
    for result in response.context["facet_results"]:
        if result.facet.param == param:
            return {option.value: option.count for option in result.options}
    raise AssertionError(f"no facet {param}")


@pytest.fixture
def ecosystem(db):
    """Four published actors and one hidden one, spread over sectors, places and offerings."""
    actors = {
        "coop": make_actor("Umeå Kooperativ", sector_slug="social-economy",
                           kind=ActorKind.COOPERATIVE, home="2480", sdgs=[8, 10]),
        "fund": make_actor("Norrlandsfonden Test", sector_slug="private", kind=ActorKind.FUNDER,
                           home="2482", counties=["24", "25"], sdgs=[8]),
        "agency": make_actor("Rikets Verk", sector_slug="public", kind=ActorKind.AGENCY,
                             home="0180", serves_national=True),
        "uni": make_actor("Göteborgs Forskare", sector_slug="academia",
                          kind=ActorKind.UNIVERSITY, home="1480", municipalities=["1480"]),
        "hidden": make_actor("Dold Förening", sector_slug="civil-society", home="2480",
                             is_published=False),
    }
    make_offering(actors["coop"], OfferingKind.ADVICE)
    make_offering(actors["fund"], OfferingKind.FUNDING)
    make_offering(actors["fund"], OfferingKind.ADVICE)
    make_offering(actors["agency"], OfferingKind.FUNDING)
    make_offering(actors["hidden"], OfferingKind.FUNDING)
    return actors


def test_it_lists_published_actors_to_anonymous_visitors(client, ecosystem):
    response = client.get(URL)
    assert response.status_code == 200
    assert names(response) == ["Göteborgs Forskare", "Norrlandsfonden Test", "Rikets Verk",
                               "Umeå Kooperativ"]
    html = response.content.decode()
    assert "Dold Förening" not in html
    assert_page_is_sound(html, "en")


def test_it_shows_the_same_directory_to_a_logged_in_outsider(outsider, ecosystem):
    response = login(outsider).get(URL)
    assert response.status_code == 200
    assert "Dold Förening" not in response.content.decode()
    assert len(names(response)) == 4


def test_it_shows_what_each_card_promises(client, ecosystem):
    html = client.get(URL).content.decode()
    [card] = [c for c in html.split('<li class="card actor-card">') if "Norrlandsfonden" in c]
    assert f'href="/en/actors/{ecosystem["fund"].slug}/"' in card
    assert "Private sector" in card and "Funder" in card and "Skellefteå" in card
    assert "Funding, Advice and coaching" in card
    assert 'class="sdg-chip sdg-8"' in card


def test_it_links_to_the_other_views_and_to_exports_of_the_current_filter(client, ecosystem):
    html = client.get(URL + "?sector=private&page=1").content.decode()
    for path in ("/en/actors/map/", "/en/actors/network/", "/en/actors/analysis/",
                 "/en/actors/find-support/"):
        assert f'href="{path}"' in html
    for path in ("export/actors.csv", "export/actors.xlsx", "export/actors.geojson",
                 "export/ecosystem.graphml"):
        assert f'href="/en/actors/{path}?sector=private"' in html


@pytest.mark.parametrize(("query", "expected"), [
    ("sector=social-economy", ["Umeå Kooperativ"]),
    ("sector=public&sector=academia", ["Göteborgs Forskare", "Rikets Verk"]),
    ("type=funder", ["Norrlandsfonden Test"]),
    ("offering=funding", ["Norrlandsfonden Test", "Rikets Verk"]),
    ("offering=funding&sector=private", ["Norrlandsfonden Test"]),
    ("sdg=10", ["Umeå Kooperativ"]),
    ("sdg=8", ["Norrlandsfonden Test", "Umeå Kooperativ"]),
    # Västerbotten: served explicitly, home county, or all of Sweden.
    ("region=24", ["Norrlandsfonden Test", "Rikets Verk", "Umeå Kooperativ"]),
    ("region=14", ["Göteborgs Forskare", "Rikets Verk"]),
    ("q=fonden", ["Norrlandsfonden Test"]),
    ("q=UMEÅ", ["Umeå Kooperativ"]),  # not only ASCII letters fold, on SQLite too
    ("q=umeå kooperativ", ["Umeå Kooperativ"]),
    ("q=kooperativ", ["Umeå Kooperativ"]),
    ("sector=nonsense", ["Göteborgs Forskare", "Norrlandsfonden Test", "Rikets Verk",
                         "Umeå Kooperativ"]),  # a stale link is ignored, not an error
])
def test_it_filters(client, ecosystem, query, expected):
    assert names(client.get(f"{URL}?{query}")) == expected


def test_it_finds_an_actor_by_organisation_number(client, db):
    make_actor("Med Nummer", org_number="556036-0793")
    make_actor("Utan Nummer")
    assert names(client.get(URL + "?q=556036-0793")) == ["Med Nummer"]


def test_its_region_counts_agree_with_the_results(client, ecosystem):
    response = client.get(URL)
    region = counts(response, "region")
    for code in ("24", "14", "01", "25"):
        assert region[code] == len(names(client.get(f"{URL}?region={code}"))), code
    assert region["24"] == 3
    assert region["03"] == 1  # Uppsala: only the national agency


def test_its_counts_apply_the_other_facets_and_the_search(client, ecosystem):
    response = client.get(URL + "?offering=funding")
    assert counts(response, "sector") == {"private": 1, "public": 1}
    assert counts(response, "offering")[OfferingKind.ADVICE] == 2  # own facet not applied
    response = client.get(URL + "?q=fonden")
    assert counts(response, "sector") == {"private": 1}


def test_it_sorts_by_name_or_newest(client, db):
    now = timezone.now()
    make_actor("Beta", created_at=now - timedelta(days=3))
    make_actor("Alfa", created_at=now - timedelta(days=1))
    make_actor("Gamma", created_at=now - timedelta(days=2))
    assert names(client.get(URL)) == ["Alfa", "Beta", "Gamma"]
    assert names(client.get(URL + "?sort=newest")) == ["Alfa", "Gamma", "Beta"]
    assert names(client.get(URL + "?sort=bogus")) == ["Alfa", "Beta", "Gamma"]


def test_it_pages_24_at_a_time_and_keeps_the_filter_in_the_links(client, db):
    for n in range(26):
        make_actor(f"Aktör {n:02d}", sector_slug="public")
    first = client.get(URL + "?sector=public")
    assert len(names(first)) == 24
    html = first.content.decode()
    assert 'href="?sector=public&amp;page=2"' in html
    second = client.get(URL + "?sector=public&page=2")
    assert names(second) == ["Aktör 24", "Aktör 25"]
    assert names(client.get(URL + "?page=99")) == ["Aktör 24", "Aktör 25"]  # last page


def test_it_answers_htmx_with_the_results_only(client, ecosystem):
    response = client.get(URL + "?type=funder", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'class="facets"' not in html
    assert "Norrlandsfonden Test" in html and "Umeå Kooperativ" not in html
    assert 'href="/en/actors/export/actors.csv?type=funder"' in html
    assert "HX-Request" in response["Vary"]
    assert response.context["facet_results"] == []  # counts are for full pages


def test_it_works_in_swedish(client, ecosystem):
    html = client.get("/sv/actors/").content.decode()
    assert_page_is_sound(html, "sv")
    assert "Näringsliv" in html


def test_the_directory_needs_few_queries_whatever_the_number_of_actors(
        client, db, django_assert_max_num_queries):
    for n in range(30):
        actor = make_actor(f"Aktör {n:02d}", home="2480", sdgs=[n % 17 + 1, 8],
                           counties=["24"])
        make_offering(actor, OfferingKind.FUNDING)
        make_offering(actor, OfferingKind.ADVICE)
    client.get(URL)  # warm the per-process caches (site, locales)
    with django_assert_max_num_queries(24) as captured:
        response = client.get(URL + "?region=24&sdg=8")
    assert len(names(response)) == 24
    with_30 = len(captured.captured_queries)
    for n in range(30, 60):
        actor = make_actor(f"Aktör {n:02d}", home="2480", sdgs=[n % 17 + 1, 8],
                           counties=["24"])
        make_offering(actor, OfferingKind.FUNDING)
    with django_assert_max_num_queries(with_30):
        client.get(URL + "?region=24&sdg=8")


def test_its_public_pages_only_answer_reads(client, ecosystem):
    slug = ecosystem["coop"].slug
    for path in (URL, "/en/actors/find-support/", f"/en/actors/{slug}/"):
        assert client.post(path).status_code == 405, path
        assert client.head(path).status_code == 200, path
