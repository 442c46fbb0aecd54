"""The network view, its JSON feed and the cached analysis page."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sihub.actors import graph, network
from sihub.actors.graph import Edge
from sihub.actors.models import Actor, OfferingKind, RelationKind
from sihub.actors.tests.factories import make_actor, make_offering, make_relation
from sihub.conftest import login

pytestmark = pytest.mark.django_db

STOCKHOLM, UMEA = "0180", "2480"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.fixture
def provider():
    """Register an edge provider for one test, and take it away afterwards."""
    registered: list[str] = []

    def register(name, edges):
        graph.register_edge_provider(name, lambda: list(edges))
        registered.append(name)

    yield register
    for name in registered:
        graph._PROVIDERS.pop(name, None)


def graph_json(client: Client, **params: str) -> dict:
    response = client.get(reverse("actors:network_data"), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def node_labels(data: dict) -> set[str]:
    return {n["data"]["label"] for n in data["nodes"]}


# --- graph data ---------------------------------------------------------------


def test_it_serves_actors_and_relations_for_cytoscape():
    school = make_actor("School", sector_slug="academia", home=STOCKHOLM)
    city = make_actor("City", sector_slug="public", home=STOCKHOLM)
    make_relation(city, school, RelationKind.FUNDS)

    data = graph_json(Client())

    nodes = {n["data"]["label"]: n["data"] for n in data["nodes"]}
    assert nodes["School"] == {"id": f"n{school.pk}", "label": "School", "sector": "academia",
                               "url": school.get_absolute_url(), "degree": 1}
    assert [e["data"] for e in data["edges"]] == [
        {"id": "e0", "source": f"n{city.pk}", "target": f"n{school.pk}", "kind": "funds"}]
    assert (data["total"], data["truncated"], data["layout"]) == (2, False, "cose")


def test_it_leaves_out_unpublished_actors_and_their_links():
    shown = make_actor("Shown")
    hidden = make_actor("Hidden", is_published=False)
    make_relation(shown, hidden)

    data = graph_json(Client())

    assert node_labels(data) == {"Shown"}
    assert data["edges"] == []


def test_it_includes_the_edges_of_a_registered_provider(provider):
    a, b = make_actor("Alpha"), make_actor("Beta")
    hidden = make_actor("Hidden", is_published=False)
    provider("test-coalitions", [Edge(a.pk, b.pk, "coalition", "coalitions", "Coalition X"),
                                 Edge(a.pk, hidden.pk, "coalition", "coalitions")])

    data = graph_json(Client())

    assert [e["data"] for e in data["edges"]] == [
        {"id": "e0", "source": f"n{a.pk}", "target": f"n{b.pk}", "kind": "coalition",
         "label": "Coalition X"}]


def test_it_filters_by_sector_region_and_goal():
    public = make_actor("Public in Umeå", sector_slug="public", home=UMEA, sdgs=[3])
    private = make_actor("Private in Umeå", sector_slug="private", home=UMEA, sdgs=[8])
    make_actor("Public in Stockholm", sector_slug="public", home=STOCKHOLM, sdgs=[3])
    make_relation(public, private)

    assert node_labels(graph_json(Client(), sector="public")) == {
        "Public in Umeå", "Public in Stockholm"}
    umea = graph_json(Client(), region="24")
    assert node_labels(umea) == {"Public in Umeå", "Private in Umeå"}
    assert len(umea["edges"]) == 1
    assert node_labels(graph_json(Client(), sdg="8")) == {"Private in Umeå"}


def test_it_ignores_bad_filter_values():
    make_actor("Anyone")

    data = graph_json(Client(), sector="nope", region="99", sdg="x")

    assert node_labels(data) == {"Anyone"}


# --- the network page ---------------------------------------------------------


def test_it_lists_the_best_connected_actors_with_links_to_their_profiles():
    hub = make_actor("Hub", sector_slug="public")
    for name in ("One", "Two", "Three"):
        make_relation(hub, make_actor(name, sector_slug="private"))
    make_actor("Loner")

    response = Client().get(reverse("actors:network"))

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<th scope="row"><a href="{hub.get_absolute_url()}">Hub</a></th>' in html
    assert "Loner" not in html  # no links, no rank
    top = [score.label for score, _url, _sector in response.context["top"]]
    assert top[0] == "Hub"
    assert '<script id="network-config" type="application/json">' in html
    assert 'id="__________cytoscape_stylesheet"' in html  # keeps Cytoscape from injecting <style>


def test_it_shows_the_sectors_and_kinds_of_link_in_its_legend():
    response = Client().get(reverse("actors:network"))

    html = response.content.decode()
    styles = response.context["sector_styles"]
    assert len(styles) == 5
    assert len({(s.colour, s.shape) for s in styles}) == 5
    for style in styles:  # a shape and a name beside each colour
        assert f'fill="{style.colour}" stroke="#1a1a1a"/></svg> {style.name}</li>' in html
    for kind in RelationKind:
        assert f"</svg> {kind.label}" in html


def test_it_keeps_the_filter_choices_in_the_form():
    response = Client().get(reverse("actors:network"), {"sector": "academia", "region": "24"})

    html = response.content.decode()
    assert '<option value="academia" selected>' in html
    assert '<option value="24" selected>' in html
    assert response.context["network_config"]["data"].endswith("?sector=academia&region=24")


def test_it_hides_unpublished_actors_from_the_network_page_even_for_editors(editor):
    hub = make_actor("Hub")
    make_relation(hub, make_actor("Secret partner", is_published=False))
    make_relation(hub, make_actor("Known partner"))

    html = login(editor).get(reverse("actors:network")).content.decode()

    assert "Known partner" in html
    assert "Secret partner" not in html


# --- the analysis page and its cache -------------------------------------------


def test_it_shows_key_actors_brokers_communities_and_gaps():
    hub = make_actor("Hub", sector_slug="public", home=STOCKHOLM)
    others = (("Firm", "private"), ("University", "academia"), ("Club", "civil-society"))
    for name, sector in others:
        make_relation(hub, make_actor(name, sector_slug=sector, home=UMEA))
    make_offering(hub, OfferingKind.FUNDING, counties=["01"])
    make_offering(hub, OfferingKind.ADVICE, national=True)
    make_actor("Secret", is_published=False, home=STOCKHOLM)

    response = Client().get(reverse("actors:analysis"))

    assert response.status_code == 200
    html = response.content.decode()
    context = response.context
    assert context["by_degree"][0].score.label == "Hub"
    assert context["by_degree"][0].url == hub.get_absolute_url()
    assert [row.score.label for row, _others in context["brokers"]] == ["Hub"]
    assert context["communities"][0][0].size == 4
    assert "Secret" not in html
    gap_rows = dict(context["gap_rows"])
    kinds = list(OfferingKind.values)
    assert gap_rows["Stockholms län"][kinds.index("funding")] == 1
    assert gap_rows["Västerbottens län"][kinds.index("funding")] == 0
    assert gap_rows["Västerbottens län"][kinds.index("advice")] == 1
    assert '<td class="num gap">' in html
    mix = {row["name"]: row["total"] for row in context["mix_rows"]}
    assert mix == {"Stockholms län": 1, "Västerbottens län": 3}


def test_it_writes_gaps_as_words_not_only_colour(client):
    make_actor("Lonely")

    html = client.get(reverse("actors:analysis")).content.decode()

    assert html.count('<td class="num gap">') == 21 * len(OfferingKind.values)
    gap_cell = html[html.index('<td class="num gap">'):]
    assert gap_cell.split("</td>")[0].split(">")[-1].strip() in ("none", "inga")


def test_it_reuses_the_cached_analysis_while_the_data_is_unchanged():
    a, b = make_actor("Alpha"), make_actor("Beta")
    make_relation(a, b)
    first = network.ecosystem_analysis()

    # A rename that does not touch updated_at is not seen by the fingerprint …
    Actor.objects.filter(pk=a.pk).update(name="Renamed")
    cached = network.ecosystem_analysis()
    # … until the row says it changed.
    Actor.objects.filter(pk=a.pk).update(updated_at=timezone.now())
    fresh = network.ecosystem_analysis()

    assert {s.label for s in cached.network.by_degree} == {"Alpha", "Beta"}
    assert cached.computed_at == first.computed_at
    assert {s.label for s in fresh.network.by_degree} == {"Renamed", "Beta"}


def test_it_recomputes_when_a_relation_is_added():
    a, b, c = make_actor("Alpha"), make_actor("Beta"), make_actor("Gamma")
    make_relation(a, b)
    before = network.ecosystem_analysis()
    fingerprint = network.data_fingerprint()

    make_relation(b, c)
    after = network.ecosystem_analysis()

    assert network.data_fingerprint() != fingerprint
    assert (before.network.edge_count, after.network.edge_count) == (1, 2)


def test_it_recomputes_when_an_actor_is_unpublished():
    a, b = make_actor("Alpha"), make_actor("Beta")
    make_relation(a, b)
    assert network.ecosystem_analysis().network.node_count == 2

    Actor.objects.filter(pk=b.pk).update(is_published=False)

    assert network.ecosystem_analysis().network.node_count == 1


def test_it_shows_the_analysis_to_everyone(member, outsider):
    make_actor("Anyone")

    for client in (Client(), login(member), login(outsider)):
        assert client.get(reverse("actors:analysis")).status_code == 200


@pytest.mark.parametrize("name", ["actors:network", "actors:network_data", "actors:analysis"])
def test_it_refuses_to_change_anything(name, member):
    response = login(member).post(reverse(name))

    assert response.status_code == 405


def test_it_keeps_the_best_connected_actors_when_the_network_is_large(monkeypatch):
    monkeypatch.setattr(network, "NODE_LIMIT", 2)
    hub, partner_ = make_actor("Hub"), make_actor("Partner")
    make_actor("Loner")  # no links: the first to go when the graph is capped
    make_relation(hub, partner_)

    data = graph_json(Client())
    html = Client().get(reverse("actors:network")).content.decode()

    assert node_labels(data) == {"Hub", "Partner"}
    assert (data["total"], data["truncated"]) == (3, True)
    assert '<p class="notice">' in html


def test_it_asks_for_a_cheap_layout_above_the_cose_limit(monkeypatch):
    monkeypatch.setattr(network, "COSE_LIMIT", 1)
    make_actor("One"), make_actor("Two")

    assert graph_json(Client())["layout"] == "concentric"


def test_it_draws_the_network_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    actors = [make_actor(f"Actor {i}", home=UMEA) for i in range(10)]
    for a, b in zip(actors, actors[1:], strict=False):
        make_relation(a, b)

    # One query for the relations, one per edge provider (cases, events), the rest fixed.
    with django_assert_max_num_queries(7):
        data = graph_json(Client(), sector="public")

    assert len(data["edges"]) == 9


def test_it_computes_the_analysis_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    actors = []
    for i in range(12):
        actors.append(make_actor(f"Actor {i}", home=UMEA, counties=["24"]))
        make_offering(actors[-1], OfferingKind.FUNDING)
        make_offering(actors[-1], OfferingKind.ADVICE, municipalities=[STOCKHOLM])
    for a, b in zip(actors, actors[1:], strict=False):
        make_relation(a, b)

    # About 20 whatever the size: the fingerprint, the graph, the offerings'
    # places, the names and links shown, and the site's own (menu, locales).
    with django_assert_max_num_queries(24):
        response = Client().get(reverse("actors:analysis"))

    assert response.status_code == 200
    assert len(response.context["by_degree"]) == 10


def test_it_counts_the_links_other_apps_provide_in_the_analysis(provider):
    a, b, c = make_actor("Alpha"), make_actor("Beta"), make_actor("Gamma")
    make_relation(a, b)
    provider("test-events", [Edge(b.pk, c.pk, "event", "events")])

    result = network.compute_ecosystem_analysis()

    assert result.network.edge_count == 2
    assert result.network.by_betweenness[0].label == "Beta"


def test_it_recomputes_when_an_offering_moves_to_another_county():
    """An edit keeps the counts and ids; the saved row retires the cache all the same."""
    from sihub.actors.tests.factories import county, make_offering

    actor = make_actor("Alpha", home="2480")
    offering = make_offering(actor, OfferingKind.FUNDING, counties=["24"])
    before = network.ecosystem_analysis().gaps
    offering.counties.set([county("01")])
    offering.save()  # a ParentalManyToManyField writes on save
    after = network.ecosystem_analysis().gaps
    assert before != after
