"""The ecosystem graph: nodes, edges from every provider, and how they are drawn."""

from __future__ import annotations

import pytest

from sihub.actors import graph
from sihub.actors.graph import Edge, EdgeStyle
from sihub.actors.models import Actor, RelationKind
from sihub.actors.tests.factories import make_actor, make_relation

pytestmark = pytest.mark.django_db


@pytest.fixture
def clean_registries():
    providers, kinds = dict(graph._PROVIDERS), dict(graph._EDGE_KINDS)
    yield
    graph._PROVIDERS.clear()
    graph._PROVIDERS.update(providers)
    graph._EDGE_KINDS.clear()
    graph._EDGE_KINDS.update(kinds)


def test_it_builds_nodes_for_published_actors_with_their_home_region():
    actor = make_actor("Umeå Hub", sector_slug="civil-society", home="2480")
    make_actor("Hidden", is_published=False)

    nodes, edges = graph.ecosystem_graph()

    assert [(n.id, n.label, n.sector, n.county, n.municipality, n.url) for n in nodes] == [
        (actor.pk, "Umeå Hub", "civil-society", "24", "2480", actor.get_absolute_url())]
    assert edges == []


def test_it_keeps_only_edges_between_the_chosen_actors(clean_registries):
    a, b = make_actor("A", sector_slug="public"), make_actor("B", sector_slug="private")
    c = make_actor("C", sector_slug="public")
    make_relation(a, b, RelationKind.PARTNER)
    graph.register_edge_provider("test", lambda: [Edge(a.pk, c.pk, "coalition", "test"),
                                                  Edge(b.pk, c.pk, "coalition", "test")])

    _nodes, all_edges = graph.ecosystem_graph()
    _nodes, public_edges = graph.ecosystem_graph(Actor.objects.filter(sector__slug="public"))

    assert {(e.source, e.target, e.kind, e.origin) for e in all_edges} == {
        (a.pk, b.pk, "partner", "relations"), (a.pk, c.pk, "coalition", "test"),
        (b.pk, c.pk, "coalition", "test")}
    assert [(e.source, e.target) for e in public_edges] == [(a.pk, c.pk)]


def test_it_gives_every_sector_its_own_colour_and_shape():
    styles = graph.sector_styles()

    assert [s.slug for s in styles] == ["public", "private", "academia", "civil-society",
                                        "social-economy"]
    assert len({s.colour for s in styles}) == len({s.shape for s in styles}) == 5
    assert all(s.points or s.shape == "ellipse" for s in styles)


def test_it_names_and_styles_every_relation_kind():
    kinds = graph.edge_kinds()

    assert set(RelationKind.values) <= set(kinds)
    assert kinds[RelationKind.FUNDS][1].directed
    assert not kinds[RelationKind.PARTNER][1].directed
    assert len({(kinds[k][1].line, kinds[k][1].colour) for k in RelationKind.values}) == len(
        RelationKind.values)


def test_it_lets_a_provider_name_its_kind_of_edge(clean_registries):
    style = EdgeStyle(line="dotted", colour="#009E73", directed=False, dash="2 3")
    graph.register_edge_kind("coalition", "Same coalition", style)

    assert graph.edge_kinds()["coalition"] == ("Same coalition", style)
    assert graph.edge_kind_label("coalition") == "Same coalition"
    assert graph.edge_kind_label("event_co_host") == "Event co host"  # unnamed: readable anyway
