"""The actors endpoints: published actors only, never contacts, filtered like the directory."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone
from openapi_spec_validator import validate

from sihub.actors import orgnr
from sihub.actors.graph import Edge, register_edge_provider
from sihub.actors.graph import _PROVIDERS as EDGE_PROVIDERS
from sihub.actors.models import Actor, Contact
from sihub.actors.tests.factories import make_actor, make_offering, make_relation

BASE = "/api/v1/actors"
_serial = itertools.count(1)


def org_number() -> str:
    return orgnr.with_check_digit(f"802{next(_serial):06d}")


@pytest.fixture
def ecosystem(db) -> dict[str, Actor]:
    coompanion = make_actor("Coompanion Västerbotten", sector_slug="social-economy",
                            kind="cooperative", home="2480", counties=["24"],
                            municipalities=["2480"], sdgs=[8], org_number=org_number(),
                            latitude=63.83, longitude=20.26, description_sv="Kooperativ.")
    region = make_actor("Region Västerbotten", sector_slug="public", kind="region", home="2480",
                        counties=["24"], sdgs=[3])
    fund = make_actor("Mikrofonden Sverige", sector_slug="civil-society", kind="funder",
                      serves_national=True)
    stockholm = make_actor("Stockholms stadsmission", sector_slug="civil-society",
                           kind="association", home="0180")
    hidden = make_actor("Hemlig förening", sector_slug="social-economy", home="2480",
                        counties=["24"], is_published=False)
    make_offering(coompanion, "advice", title="Starta kooperativ", stages=["idea"],
                  counties=["24"])
    make_offering(fund, "funding", title="Mikrolån", national=True)
    make_offering(stockholm, "premises", title="Lokaler")  # no place: where the actor works
    make_offering(hidden, "funding", title="Hemligt stöd", counties=["24"])
    funds = make_relation(region, coompanion, "funds")
    # make_relation's first parameter is called "source", so the citation is set here.
    funds.source = "Årsredovisning 2024"
    funds.save()
    make_relation(coompanion, fund, "partner")
    make_relation(hidden, coompanion, "member_of")
    Contact.objects.create(actor=coompanion, name="Karin Kontakt", email="karin@example.org",
                           phone="070-123 45 67", is_public=True)
    return {"coompanion": coompanion, "region": region, "fund": fund, "stockholm": stockholm,
            "hidden": hidden}


def names(body: dict) -> list[str]:
    return [item["name"] for item in body["results"]]


# --- The schema ---------------------------------------------------------------------------


def test_the_openapi_schema_stays_valid_with_the_actor_endpoints(client, db):
    schema = client.get("/api/v1/openapi.json").json()

    validate(schema)
    for path in (BASE, f"{BASE}/offerings", f"{BASE}/relations", f"{BASE}/graph",
                 f"{BASE}/{{slug}}"):
        assert path in schema["paths"]
    assert "post" not in schema["paths"][BASE]  # read-only


# --- Actors ------------------------------------------------------------------------------


def test_it_lists_published_actors_only_by_name(client, ecosystem):
    body = client.get(BASE).json()

    assert body["count"] == 4
    assert names(body) == ["Coompanion Västerbotten", "Mikrofonden Sverige",
                           "Region Västerbotten", "Stockholms stadsmission"]


def test_it_returns_an_actors_public_fields_and_tags(client, ecosystem):
    actor = client.get(BASE, {"q": "coompanion"}).json()["results"][0]

    assert actor == {
        "slug": "coompanion-vasterbotten", "name": "Coompanion Västerbotten",
        "org_number": ecosystem["coompanion"].org_number, "sector": "social-economy",
        "type": "cooperative", "description_sv": "Kooperativ.", "description_en": "",
        "website": "", "url": "http://testserver/sv/actors/coompanion-vasterbotten/",
        "home_municipality": "2480", "home_county": "24",
        "location": {"latitude": 63.83, "longitude": 20.26},
        "counties": ["24"], "municipalities": ["2480"], "national": False,
        "international": False, "sdgs": [8], "targets": [], "themes": [],
        "updated_at": actor["updated_at"],
    }


def test_it_gives_profile_links_in_the_language_asked_for(client, ecosystem):
    actor = client.get(BASE, {"q": "coompanion", "lang": "en"}).json()["results"][0]

    assert actor["url"] == "http://testserver/en/actors/coompanion-vasterbotten/"


@pytest.mark.parametrize("params, expected", [
    ({"sector": "public"}, ["Region Västerbotten"]),
    ({"type": ["funder", "region"]}, ["Mikrofonden Sverige", "Region Västerbotten"]),
    # Serving county 24 includes those that serve all of Sweden.
    ({"region": "24"}, ["Coompanion Västerbotten", "Mikrofonden Sverige", "Region Västerbotten"]),
    ({"region": "01"}, ["Mikrofonden Sverige", "Stockholms stadsmission"]),
    ({"offering": "funding"}, ["Mikrofonden Sverige"]),  # not the hidden actor's
    ({"sdg": [3, 8]}, ["Coompanion Västerbotten", "Region Västerbotten"]),
    ({"sector": "social-economy", "region": "24"}, ["Coompanion Västerbotten"]),
    ({"q": "västerbotten"}, ["Coompanion Västerbotten", "Region Västerbotten"]),
])
def test_it_filters_actors_like_the_directory(client, ecosystem, params, expected):
    assert names(client.get(BASE, params).json()) == expected


def test_it_rejects_filters_it_cannot_read(client, ecosystem):
    for params in ({"type": "club"}, {"region": "Västerbotten"}, {"sdg": 18},
                   {"q": "a\x00b"}, {"q": "x" * 101}):
        response = client.get(BASE, params)
        assert response.status_code == 422, params
        assert response.json()["error"]["code"] == "invalid"


def test_one_actor_comes_with_its_offerings_and_relations(client, ecosystem):
    body = client.get(f"{BASE}/coompanion-vasterbotten").json()

    assert body["name"] == "Coompanion Västerbotten"
    assert [(o["kind"], o["title_sv"], o["stages"], o["counties"]) for o in body["offerings"]] == [
        ("advice", "Starta kooperativ", ["idea"], ["24"])]
    relations = {(r["source_actor"]["slug"], r["kind"], r["target_actor"]["slug"])
                 for r in body["relations"]}
    # Not the hidden actor's membership.
    assert relations == {("region-vasterbotten", "funds", "coompanion-vasterbotten"),
                         ("coompanion-vasterbotten", "partner", "mikrofonden-sverige")}
    funds = next(r for r in body["relations"] if r["kind"] == "funds")
    assert funds["source"] == "Årsredovisning 2024" and funds["is_current"]
    assert funds["source_actor"]["url"] == "http://testserver/sv/actors/region-vasterbotten/"


def test_contacts_never_appear(client, ecosystem):
    for url in (BASE, f"{BASE}/coompanion-vasterbotten", f"{BASE}/offerings",
                f"{BASE}/relations", f"{BASE}/graph"):
        content = client.get(url).content.decode()
        assert "Karin" not in content and "karin@example.org" not in content, url
        assert "070-123" not in content and "contact" not in content.lower(), url


def test_an_unpublished_actor_is_not_found(client, ecosystem):
    response = client.get(f"{BASE}/hemlig-forening")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert client.get(f"{BASE}/no-such-actor").status_code == 404


def test_the_actor_list_costs_a_fixed_number_of_queries(client, ecosystem,
                                                        django_assert_max_num_queries):
    for i in range(15):
        make_actor(f"Förening {i}", counties=["24"], municipalities=["2480"], sdgs=[1, 2],
                   home="2480")

    with django_assert_max_num_queries(10):
        body = client.get(BASE, {"region": "24"}).json()
    assert body["count"] == 18


# --- Offerings ---------------------------------------------------------------------------


def titles(body: dict) -> list[str]:
    return [item["title_sv"] for item in body["results"]]


def test_it_lists_the_offerings_of_published_actors(client, ecosystem):
    body = client.get(f"{BASE}/offerings").json()

    assert titles(body) == ["Starta kooperativ", "Mikrolån", "Lokaler"]
    first = body["results"][0]
    assert first["actor"] == {"slug": "coompanion-vasterbotten", "name": "Coompanion Västerbotten",
                              "url": "http://testserver/sv/actors/coompanion-vasterbotten/"}
    assert first["is_open"] is True


@pytest.mark.parametrize("params, expected", [
    ({"kind": "funding"}, ["Mikrolån"]),
    ({"kind": ["advice", "premises"]}, ["Starta kooperativ", "Lokaler"]),
    # In county 24: there, or nationally; not the Stockholm premises.
    ({"county": "24"}, ["Starta kooperativ", "Mikrolån"]),
    # No place of its own: where its actor works (home in Stockholm, county 01).
    ({"county": "01"}, ["Mikrolån", "Lokaler"]),
    ({"actor": "mikrofonden-sverige"}, ["Mikrolån"]),
])
def test_it_filters_offerings(client, ecosystem, params, expected):
    assert titles(client.get(f"{BASE}/offerings", params).json()) == expected


def test_it_filters_offerings_by_whether_they_are_open(client, ecosystem):
    today = timezone.localdate()
    make_offering(ecosystem["fund"], "funding", title="Stängd utlysning",
                  opens_on=today - timedelta(days=60), closes_on=today - timedelta(days=1))

    assert "Stängd utlysning" not in titles(client.get(f"{BASE}/offerings", {"open": "true"}).json())
    closed = client.get(f"{BASE}/offerings", {"open": "false"}).json()
    assert titles(closed) == ["Stängd utlysning"]
    assert closed["results"][0]["is_open"] is False


def test_the_offering_list_costs_a_fixed_number_of_queries(client, ecosystem,
                                                           django_assert_max_num_queries):
    for i in range(15):
        make_offering(ecosystem["fund"], "funding", counties=["24"], municipalities=["2480"],
                      target_sectors=["public"])

    with django_assert_max_num_queries(6):
        assert client.get(f"{BASE}/offerings", {"county": "24"}).json()["count"] == 17


# --- Relations and the graph -------------------------------------------------------------------


def test_it_lists_relations_between_published_actors_only(client, ecosystem):
    body = client.get(f"{BASE}/relations").json()

    assert body["count"] == 2
    assert {(r["source_actor"]["slug"], r["kind"]) for r in body["results"]} == {
        ("region-vasterbotten", "funds"), ("coompanion-vasterbotten", "partner")}
    only = client.get(f"{BASE}/relations", {"kind": "partner"}).json()
    assert [r["target_actor"]["slug"] for r in only["results"]] == ["mikrofonden-sverige"]
    of_fund = client.get(f"{BASE}/relations", {"actor": "mikrofonden-sverige"}).json()
    assert of_fund["count"] == 1
    assert client.get(f"{BASE}/relations", {"actor": "hemlig-forening"}).json()["count"] == 0


def test_the_graph_has_published_actors_and_their_links(client, ecosystem):
    body = client.get(f"{BASE}/graph").json()

    ids = {ecosystem[k].pk: k for k in ("coompanion", "region", "fund", "stockholm")}
    assert {n["id"] for n in body["nodes"]} == set(ids)
    node = next(n for n in body["nodes"] if n["id"] == ecosystem["coompanion"].pk)
    assert node == {"id": ecosystem["coompanion"].pk, "label": "Coompanion Västerbotten",
                    "sector": "social-economy", "kind": "cooperative", "county": "24",
                    "municipality": "2480",
                    "url": "http://testserver/sv/actors/coompanion-vasterbotten/"}
    assert sorted((ids[e["source"]], e["kind"], ids[e["target"]], e["origin"])
                  for e in body["edges"]) == [
        ("coompanion", "partner", "fund", "relations"),
        ("region", "funds", "coompanion", "relations")]


def test_the_graph_filters_like_the_directory_and_takes_other_areas_links(client, ecosystem):
    coompanion, region = ecosystem["coompanion"].pk, ecosystem["region"].pk
    register_edge_provider("test-coalitions", lambda: [
        Edge(coompanion, region, "coalition", "coalitions", "Koalition Umeå")])
    try:
        body = client.get(f"{BASE}/graph", {"region": "24", "sector": ["public", "social-economy"]})
    finally:
        EDGE_PROVIDERS.pop("test-coalitions")

    graph = body.json()
    assert {n["label"] for n in graph["nodes"]} == {"Coompanion Västerbotten",
                                                    "Region Västerbotten"}
    assert sorted((e["kind"], e["origin"], e["label"]) for e in graph["edges"]) == [
        ("coalition", "coalitions", "Koalition Umeå"), ("funds", "relations", "")]


# --- Nobody writes through these endpoints ---------------------------------------------------


def test_the_actor_endpoints_are_read_only(client, ecosystem, admin_user):
    from wagtail.models import APIToken

    _token, plaintext = APIToken.create_token(user=admin_user, name="test")
    for url in (BASE, f"{BASE}/offerings", f"{BASE}/coompanion-vasterbotten"):
        response = client.post(url, {"name": "Ny"}, content_type="application/json",
                               HTTP_AUTHORIZATION=f"Bearer {plaintext}")
        assert response.status_code == 405, url
    assert Actor.objects.count() == 5
