"""Network metrics on small graphs whose answers are known by hand (no database)."""

from __future__ import annotations

import networkx as nx
import pytest

from sihub.actors import analysis
from sihub.actors.analysis import OfferingReach
from sihub.actors.graph import Edge, Node


def nodes_of(ids, sector="public", county="01"):
    return [(i, sector, county, f"Actor {i}") for i in ids]


def partner(*pairs):
    return [(a, b, "partner") for a, b in pairs]


def by_id(scores):
    return {s.id: s for s in scores}


def test_it_ranks_the_centre_of_a_star_first():
    nodes = nodes_of(range(1, 6))
    result = analysis.analyse(nodes, partner((1, 2), (1, 3), (1, 4), (1, 5)))

    assert result.by_degree[0].id == 1
    assert result.by_degree[0].degree == 4
    assert result.by_degree[0].degree_centrality == pytest.approx(1.0)
    assert result.by_betweenness[0].id == 1
    assert result.by_betweenness[0].betweenness == pytest.approx(1.0)
    assert [s.id for s in result.by_betweenness] == [1]  # the leaves lie between no one


def test_it_gives_the_middle_of_a_path_the_highest_betweenness():
    nodes = nodes_of(range(1, 6))
    result = analysis.analyse(nodes, partner((1, 2), (2, 3), (3, 4), (4, 5)))

    between = {s.id: s.betweenness for s in result.by_betweenness}
    assert between[3] == pytest.approx(4 / 6)  # {1,2} × {4,5} of the 6 pairs not involving 3
    assert between[2] == pytest.approx(3 / 6)
    assert between[4] == pytest.approx(3 / 6)
    assert [s.id for s in result.by_betweenness][0] == 3


def test_it_finds_the_bridge_between_two_triangles():
    edges = partner((1, 2), (2, 3), (1, 3), (4, 5), (5, 6), (4, 6), (3, 4))
    result = analysis.analyse(nodes_of(range(1, 7)), edges)

    assert {s.id for s in result.by_betweenness[:2]} == {3, 4}
    assert result.by_betweenness[0].betweenness == pytest.approx(0.6)  # 3 × 2 of 10 pairs
    assert all(s.betweenness == 0 for s in by_id(result.by_degree).values() if s.id not in (3, 4))


def test_it_finds_a_broker_linking_three_other_sectors():
    nodes = [(1, "public", "01", "Hub"), (2, "private", "01", "Firm"),
             (3, "academia", "01", "Uni"), (4, "civil-society", "01", "Club"),
             (5, "public", "01", "Office"), (6, "private", "01", "Shop")]
    # 1 reaches three other sectors; 2 reaches only public; 5 reaches one other sector.
    edges = partner((1, 2), (1, 3), (1, 4), (1, 5), (5, 6))
    result = analysis.analyse(nodes, edges)

    assert [b.actor.id for b in result.brokers] == [1]
    assert result.brokers[0].other_sectors == ("academia", "civil-society", "private")


def test_it_ranks_brokers_by_sectors_bridged_then_betweenness():
    nodes = [(1, "public", None, "A"), (2, "private", None, "B"), (3, "academia", None, "C"),
             (4, "civil-society", None, "D"), (5, "social-economy", None, "E"),
             (6, "private", None, "F"), (7, "academia", None, "G")]
    # 5 bridges two other sectors (public via 1, private via 6 … and academia via 7): three;
    # 1 bridges private, academia, civil-society, social-economy: four.
    edges = partner((1, 2), (1, 3), (1, 4), (1, 5), (5, 6), (5, 7))
    result = analysis.analyse(nodes, edges)

    assert [b.actor.id for b in result.brokers] == [1, 5]
    assert len(result.brokers[0].other_sectors) == 4
    assert len(result.brokers[1].other_sectors) == 3


def test_it_splits_two_cliques_into_two_communities():
    left, right = range(1, 6), range(6, 11)
    edges = [(a, b, "partner") for group in (left, right) for a in group for b in group if a < b]
    edges.append((5, 6, "collaborates"))
    nodes = [(i, "public" if i < 6 else "private", "01", f"A{i}") for i in range(1, 11)]
    nodes.append((11, "academia", "01", "Alone"))
    result = analysis.analyse(nodes, edges)

    assert result.community_count == 2
    members = [{m.id for m in c.top_members} for c in result.communities]
    assert sorted(map(sorted, members)) == [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]]
    assert [c.size for c in result.communities] == [5, 5]
    assert {c.dominant_sectors[0] for c in result.communities} == {("public", 5), ("private", 5)}
    assert result.isolated_count == 1


def test_it_returns_the_same_communities_every_time():
    graph = nx.connected_caveman_graph(6, 5)
    edges = [(a, b, "partner") for a, b in graph.edges]
    nodes = nodes_of(graph.nodes)

    first = analysis.analyse(nodes, edges)
    again = analysis.analyse(list(reversed(nodes)), list(reversed(edges)))

    assert first.communities == again.communities


def test_it_collapses_links_of_several_kinds_into_one_edge():
    graph = analysis.build_graph(nodes_of([1, 2, 3]),
                                 [(1, 2, "partner"), (2, 1, "funds"), (1, 2, "partner"),
                                  (3, 3, "owns"), (1, 99, "partner")])

    assert graph.number_of_edges() == 1
    assert graph[1][2]["kinds"] == ("funds", "partner")


def test_it_reads_the_dataclasses_of_the_graph_module():
    nodes = [Node(id=i, label=f"N{i}", sector="public", kind="association", county="01",
                  municipality="0180", url=f"/a/{i}/") for i in (1, 2, 3)]
    edges = [Edge(source=1, target=2, kind="partner", origin="relations"),
             Edge(source=2, target=3, kind="coalition", origin="coalitions")]

    result = analysis.analyse(nodes, edges)

    assert result.by_betweenness[0].id == 2
    assert result.by_betweenness[0].label == "N2"


def test_it_counts_the_sector_mix_per_county():
    nodes = [(1, "public", "01", ""), (2, "public", "01", ""), (3, "private", "01", ""),
             (4, "academia", "24", ""), (5, "public", None, "")]

    assert analysis.sector_mix(nodes) == {
        "01": {"public": 2, "private": 1}, "24": {"academia": 1}, None: {"public": 1}}


def test_it_samples_betweenness_on_large_graphs_with_a_fixed_seed():
    graph = analysis.build_graph(nodes_of(range(40)), partner(*((i, i + 1) for i in range(39))))

    exact, exact_sample = analysis.betweenness(graph)
    sampled, sample = analysis.betweenness(graph, budget=100)
    again, _ = analysis.betweenness(graph, budget=100)

    assert exact_sample is None
    assert exact == pytest.approx(nx.betweenness_centrality(graph))
    assert sample == analysis.MIN_SAMPLE
    assert sampled == again
    assert max(sampled, key=sampled.get) in range(10, 30)  # the middle of the path, roughly


def test_it_handles_an_empty_network():
    result = analysis.analyse([], [])

    assert (result.node_count, result.edge_count) == (0, 0)
    assert (result.communities, result.brokers) == ((), ())


def test_it_marks_a_county_without_funding_as_a_gap():
    offerings = [
        OfferingReach(kind="funding", counties=frozenset({"01"})),
        OfferingReach(kind="funding", counties=frozenset({"01", "03"})),
        OfferingReach(kind="advice", counties=frozenset(), national=True),
        OfferingReach(kind="funding", counties=frozenset({"99"})),  # not a county asked for
        OfferingReach(kind="tools", counties=frozenset({"24"})),  # not a kind asked for
    ]

    table = analysis.gap_table(offerings, ["01", "03", "24"], ["funding", "advice"])

    assert table.rows() == [("01", [2, 1]), ("03", [1, 1]), ("24", [0, 1])]
    assert table.gaps == [("24", "funding")]
    assert table.gaps_by_kind() == {"funding": 1, "advice": 0}


def test_it_keeps_the_best_connected_nodes_and_their_edges():
    nodes = nodes_of(range(1, 7))
    edges = partner((1, 2), (1, 3), (1, 4), (2, 3), (5, 6))

    kept_nodes, kept_edges = analysis.keep_best_connected(nodes, edges, 3)

    assert [n[0] for n in kept_nodes] == [1, 2, 3]
    assert kept_edges == partner((1, 2), (1, 3), (2, 3))
    assert analysis.keep_best_connected(nodes, edges, 10) == (nodes, edges)


@pytest.mark.parametrize(("maximum", "expected"), [
    (0, []),
    (1, [(1, 1)]),
    (3, [(1, 1), (2, 2), (3, 3)]),
    (12, [(1, 3), (4, 5), (6, 8), (9, 10), (11, 12)]),
])
def test_it_cuts_counts_into_colour_classes(maximum, expected):
    classes = analysis.colour_classes(maximum)

    assert [(c.low, c.high) for c in classes] == expected
    assert len({c.colour for c in classes}) == len(classes)
    if classes:
        assert classes[-1].colour == analysis.SEQUENTIAL[-1]  # the darkest is the largest


def test_it_finds_communities_as_good_as_networkx_louvain():
    karate = nx.karate_club_graph()
    caveman = nx.relaxed_caveman_graph(8, 6, 0.1, seed=3)

    for graph in (karate, caveman):
        ours = analysis.louvain_communities(graph)
        reference = nx.community.louvain_communities(graph, seed=analysis.SEED)

        assert sorted(n for group in ours for n in group) == sorted(graph)  # a partition
        ours_q = nx.community.modularity(graph, ours)
        assert ours_q >= nx.community.modularity(graph, reference) - 0.02


def test_it_keeps_isolated_actors_out_of_communities():
    graph = analysis.build_graph(nodes_of(range(1, 6)), partner((1, 2)))

    groups = analysis.louvain_communities(graph)

    assert {1, 2} in groups
    assert all(len(g) == 1 for g in groups if g != {1, 2})
