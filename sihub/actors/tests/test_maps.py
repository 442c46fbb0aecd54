"""The map page and its two JSON feeds (region counts, actor markers)."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sihub.actors.models import ActorKind, OfferingKind
from sihub.actors.tests.factories import make_actor, make_offering
from sihub.conftest import login

pytestmark = pytest.mark.django_db

STOCKHOLM, UMEA, GOTEBORG = "0180", "2480", "1480"  # in counties 01, 24, 14


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def regions(client: Client, **params: str) -> dict:
    response = client.get(reverse("actors:map_regions"), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def markers(client: Client, **params: str) -> dict:
    response = client.get(reverse("actors:map_markers"), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


# --- region counts -----------------------------------------------------------


def test_it_counts_published_actors_per_home_county():
    make_actor("A", home=STOCKHOLM)
    make_actor("B", home=STOCKHOLM)
    make_actor("C", home=UMEA)
    make_actor("Hidden", home=UMEA, is_published=False)
    make_actor("Nowhere")

    data = regions(Client())

    assert data["level"] == "county"
    assert data["what"] == "actors"
    assert data["counts"] == {"01": 2, "24": 1}
    assert data["max"] == 2
    assert data["unplaced"] == 1
    assert [(c["from"], c["to"]) for c in data["legend"]] == [(1, 1), (2, 2)]


def test_it_counts_actors_per_municipality_and_filters_by_sector():
    make_actor("A", home=STOCKHOLM, sector_slug="public")
    make_actor("B", home=STOCKHOLM, sector_slug="private")
    make_actor("C", home=UMEA, sector_slug="public")

    data = regions(Client(), level="municipality", sector="public")

    assert data["counts"] == {STOCKHOLM: 1, UMEA: 1}


def test_it_counts_offerings_where_they_are_available():
    funder = make_actor("Funder", home=STOCKHOLM)
    make_offering(funder, OfferingKind.FUNDING, counties=["01", "24"])
    make_offering(funder, OfferingKind.FUNDING, municipalities=[GOTEBORG])
    make_offering(funder, OfferingKind.ADVICE, national=True)
    make_offering(funder, OfferingKind.FUNDING, counties=["24"],
                  closes_on=timezone.localdate() - datetime.timedelta(days=1))  # closed

    funding = regions(Client(), what="offerings", offering="funding")
    everything = regions(Client(), what="offerings")

    assert funding["counts"] == {"01": 1, "24": 1, "14": 1}
    assert everything["counts"]["12"] == 1  # the national offering counts in every county
    assert everything["counts"]["01"] == 2
    assert len(everything["counts"]) == 21


def test_it_places_an_offering_without_a_place_where_its_actor_works():
    local = make_actor("Local", home=UMEA, counties=["14"])
    make_offering(local, OfferingKind.ADVICE)

    counties = regions(Client(), what="offerings")
    municipalities = regions(Client(), what="offerings", level="municipality")

    assert counties["counts"] == {"14": 1, "24": 1}
    assert municipalities["counts"][UMEA] == 1
    assert municipalities["counts"][GOTEBORG] == 1  # a municipality of the served county
    assert STOCKHOLM not in municipalities["counts"]


def test_it_never_counts_offerings_of_unpublished_actors():
    hidden = make_actor("Hidden", home=STOCKHOLM, is_published=False)
    make_offering(hidden, OfferingKind.FUNDING, national=True)

    assert regions(Client(), what="offerings")["counts"] == {}


def test_it_ignores_filter_values_it_does_not_know():
    make_actor("A", home=STOCKHOLM)

    data = regions(Client(), level="galaxy", what="planets", sector="nonsense", offering="x",
                   sdg="banana")

    assert (data["level"], data["what"], data["counts"]) == ("county", "actors", {"01": 1})


# --- markers ------------------------------------------------------------------


def test_it_serves_published_actors_as_geojson_points():
    own_point = make_actor("Own point", home=STOCKHOLM, latitude=59.123456, longitude=18.654321,
                           sector_slug="academia", kind=ActorKind.UNIVERSITY)
    make_actor("Home only", home=UMEA)
    make_actor("Nowhere")
    make_actor("Hidden", home=UMEA, is_published=False)

    data = markers(Client())

    assert data["type"] == "FeatureCollection"
    by_name = {f["properties"]["name"]: f for f in data["features"]}
    assert set(by_name) == {"Own point", "Home only"}
    point = by_name["Own point"]
    assert point["geometry"] == {"type": "Point", "coordinates": [18.6543, 59.1235]}
    assert point["properties"] == {"name": "Own point", "url": own_point.get_absolute_url(),
                                   "sector": "academia", "sector_name": own_point.sector.name,
                                   "kind": "university"}
    home = by_name["Home only"]["geometry"]["coordinates"]
    assert home == pytest.approx([20.26, 63.83], abs=0.2)  # Umeå's centroid


def test_it_filters_markers_like_the_directory():
    make_actor("Public", home=STOCKHOLM, sector_slug="public")
    make_actor("Private", home=STOCKHOLM, sector_slug="private")

    data = markers(Client(), sector="private")

    assert [f["properties"]["name"] for f in data["features"]] == ["Private"]


def test_it_loads_markers_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    for i in range(12):
        make_actor(f"Actor {i}", home=UMEA if i % 2 else STOCKHOLM)

    with django_assert_max_num_queries(3):
        data = markers(Client())

    assert len(data["features"]) == 12


# --- the page -----------------------------------------------------------------


def test_it_renders_the_map_with_its_numbers_as_a_table():
    make_actor("A", home=STOCKHOLM)
    make_actor("B", home=STOCKHOLM)

    response = Client().get(reverse("actors:map"))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="ecosystem-map"' in html
    assert '<script id="map-config" type="application/json">' in html
    table = html[html.index('id="map-table"'):]
    assert "<th scope=\"row\">Stockholms län</th><td>01</td><td class=\"num\">2</td>" in table
    assert table.count("<tr><th scope=\"row\">") == 21  # every county, with or without actors
    assert "<script>" not in html  # the CSP allows no inline script


def test_it_renders_the_table_for_the_chosen_view_without_javascript():
    funder = make_actor("Funder", home=UMEA)
    make_offering(funder, OfferingKind.FUNDING, municipalities=[UMEA])

    response = Client().get(reverse("actors:map"), {"what": "offerings", "level": "municipality",
                                                    "offering": "funding"})

    html = response.content.decode()
    assert '<option value="offerings" selected>' in html
    assert '<option value="funding" selected>' in html
    assert "<th scope=\"row\">Umeå</th><td>2480</td><td class=\"num\">1</td>" in html
    assert html.count("<tr><th scope=\"row\">") == 290


def test_it_adds_a_tile_layer_only_when_configured(settings):
    settings.SIHUB_MAP_TILE_URL = ""
    plain = Client().get(reverse("actors:map")).context["map_config"]
    settings.SIHUB_MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.SIHUB_MAP_TILE_ATTRIBUTION = "© Example"
    tiled = Client().get(reverse("actors:map")).context["map_config"]

    assert (plain["tiles"], plain["attribution"]) == ("", "")
    assert tiled["tiles"] == "https://tiles.example.org/{z}/{x}/{y}.png"
    assert tiled["attribution"] == "© Example"


def test_it_hides_unpublished_actors_even_from_editors(editor):
    make_actor("Secret", home=STOCKHOLM, is_published=False)
    client = login(editor)

    assert regions(client)["counts"] == {}
    assert markers(client)["features"] == []
    assert "Stockholms län</th><td>01</td><td class=\"num\">0</td>" in client.get(
        reverse("actors:map")).content.decode()


@pytest.mark.parametrize("name", ["actors:map", "actors:map_regions", "actors:map_markers"])
def test_it_refuses_to_change_anything(name, member):
    response = login(member).post(reverse(name))

    assert response.status_code == 405
