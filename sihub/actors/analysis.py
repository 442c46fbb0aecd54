"""Network metrics for the ecosystem graph: key actors, brokers, communities, gaps.

Pure Python with networkx, no Django: the caller passes nodes and edges (the
``Node``/``Edge`` dataclasses of ``sihub.actors.graph``, or plain tuples) and
gets frozen dataclasses back, so the same code serves the analysis page, the
API, a management command and the benchmarks, and is tested on small graphs
with known answers.

Accepted shapes:

- a node: anything with ``id``, ``sector`` and ``county`` attributes (and,
  optionally, ``label``), or a tuple ``(id, sector, county[, label])``;
- an edge: anything with ``source``, ``target`` and ``kind``, or a tuple
  ``(source, target, kind)``.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

# Louvain and sampled betweenness are random algorithms; a fixed seed makes the
# page show the same answer for the same data (and the tests repeatable).
SEED = 20_30

# Exact betweenness costs about one breadth-first search per node, i.e.
# n × (n + m) steps. Above this many steps a sample of source nodes is used
# (networkx's ``k``), sized to stay within the budget. For 5,000 actors and
# 20,000 links that is k = 18: about 0.7 s of the 1–1.5 s ``analyse()`` takes
# on the 2-core reference machine (measured November 2026).
BETWEENNESS_BUDGET = 450_000
MIN_SAMPLE = 16


# ---------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class ActorScore:
    id: int
    label: str
    sector: str
    degree: int  # distinct neighbours
    degree_centrality: float  # degree / (n - 1)
    betweenness: float  # normalised, 0..1


@dataclass(frozen=True)
class Broker:
    """An actor whose neighbours come from sectors other than its own."""

    actor: ActorScore
    other_sectors: tuple[str, ...]  # sector slugs of its neighbours, own sector excluded


@dataclass(frozen=True)
class Community:
    number: int  # 1 = largest
    size: int
    sectors: tuple[tuple[str, int], ...]  # (sector, members) most common first
    top_members: tuple[ActorScore, ...]  # by degree

    @property
    def dominant_sectors(self) -> tuple[tuple[str, int], ...]:
        return self.sectors[:3]


@dataclass(frozen=True)
class NetworkAnalysis:
    node_count: int
    edge_count: int  # after collapsing parallel links of different kinds
    isolated_count: int  # actors without any link
    by_degree: tuple[ActorScore, ...]
    by_betweenness: tuple[ActorScore, ...]
    brokers: tuple[Broker, ...]
    communities: tuple[Community, ...]
    community_count: int  # communities of two or more actors (``communities`` may be cut)
    betweenness_sample: int | None  # sources sampled; None when exact
    sector_mix: dict[str | None, dict[str, int]] = field(default_factory=dict)


# ---------------------------------------------------------------------------
# Input


def _node_fields(node: Any) -> tuple[int, str, str | None, str]:
    if isinstance(node, tuple | list):
        node_id, sector, county = node[0], node[1], node[2]
        label = node[3] if len(node) > 3 else str(node_id)
        return node_id, sector, county, label
    return node.id, node.sector, node.county, getattr(node, "label", str(node.id))


def _edge_fields(edge: Any) -> tuple[int, int, str]:
    if isinstance(edge, tuple | list):
        return edge[0], edge[1], edge[2]
    return edge.source, edge.target, edge.kind


def build_graph(nodes: Iterable[Any], edges: Iterable[Any]) -> nx.Graph:
    """An undirected graph: one edge per pair of actors, with the kinds of link as ``kinds``.

    Nodes and edges go in sorted, so the seeded algorithms see the same order every time,
    whatever order the caller used.
    Self-loops and edges to unknown nodes are dropped.
    """
    graph = nx.Graph()
    rows = sorted((_node_fields(n) for n in nodes), key=lambda row: row[0])
    for node_id, sector, county, label in rows:
        graph.add_node(node_id, sector=sector, county=county, label=label)
    kinds: dict[tuple[int, int], set[str]] = {}
    for source, target, kind in map(_edge_fields, edges):
        if source == target or source not in graph or target not in graph:
            continue
        key = (source, target) if source < target else (target, source)
        if key in kinds:
            kinds[key].add(kind)
        else:
            kinds[key] = {kind}
    # Sorted too: the order of neighbours steers Louvain as much as the seed does.
    graph.add_edges_from((source, target, {"kinds": tuple(sorted(pair_kinds))})
                         for (source, target), pair_kinds in sorted(kinds.items()))
    return graph


# ---------------------------------------------------------------------------
# Metrics


def betweenness(graph: nx.Graph, *,
                budget: int = BETWEENNESS_BUDGET) -> tuple[dict[int, float], int | None]:
    """Normalised betweenness, exact when affordable, else from a seeded sample of sources."""
    n = graph.number_of_nodes()
    if n < 3:
        return {node: 0.0 for node in graph}, None
    size = n + graph.number_of_edges()
    if n * size <= budget:
        return nx.betweenness_centrality(graph, normalized=True), None
    k = min(n, max(MIN_SAMPLE, budget // size))
    return nx.betweenness_centrality(graph, k=k, normalized=True, seed=SEED), k


def _scores(graph: nx.Graph, between: Mapping[int, float]) -> dict[int, ActorScore]:
    n = graph.number_of_nodes()
    scale = 1 / (n - 1) if n > 1 else 0.0
    return {
        node: ActorScore(id=node, label=data["label"], sector=data["sector"],
                         degree=graph.degree(node), degree_centrality=graph.degree(node) * scale,
                         betweenness=between.get(node, 0.0))
        for node, data in graph.nodes(data=True)
    }


def _by_degree(score: ActorScore) -> tuple[Any, ...]:
    return (-score.degree, -score.betweenness, score.label, score.id)


def _by_betweenness(score: ActorScore) -> tuple[Any, ...]:
    return (-score.betweenness, -score.degree, score.label, score.id)


def brokers(graph: nx.Graph, scores: Mapping[int, ActorScore], *,
            min_other_sectors: int = 2) -> list[Broker]:
    """Actors linked to at least ``min_other_sectors`` sectors besides their own.

    Ranked by how many other sectors they bridge, then by betweenness: an
    actor that joins otherwise separate parts of the network is the stronger
    broker among those reaching equally many sectors.
    """
    found = []
    for node, data in graph.nodes(data=True):
        others = {graph.nodes[nb]["sector"] for nb in graph.neighbors(node)} - {data["sector"]}
        if len(others) >= min_other_sectors:
            found.append(Broker(actor=scores[node], other_sectors=tuple(sorted(others))))
    found.sort(key=lambda b: (-len(b.other_sectors), *_by_betweenness(b.actor)))
    return found


def louvain_communities(graph: nx.Graph, seed: int = SEED) -> list[set[Any]]:
    """The Louvain method (Blondel et al. 2008) for modularity, resolution 1, unweighted input.

    networkx's ``louvain_communities`` gives the same kind of answer (the tests
    compare the two) but took 1.2–3 s on 5,000 actors and 20,000 links, most
    of it in long tails of passes that move a handful of nodes. This version
    keeps integer-indexed adjacency dicts and ends a level once a pass moves
    fewer than 0.5 % of its nodes, which keeps the analysis within its 2 s goal.
    """
    rng = random.Random(seed)  # nosec B311 - a repeatable order, not a secret
    nodes = list(graph)
    index = {node: i for i, node in enumerate(nodes)}
    # adj[i][j]: weight between i and j; adj[i][i]: weight of links inside i
    adj: list[dict[int, float]] = [{} for _ in nodes]
    for u, v in graph.edges():
        if u != v:
            adj[index[u]][index[v]] = 1.0
            adj[index[v]][index[u]] = 1.0
    members: list[list[Any]] = [[node] for node in nodes]
    while True:
        size = len(adj)
        degree = [sum(row.values()) + row.get(i, 0.0) for i, row in enumerate(adj)]
        two_m = sum(degree)
        if not two_m:
            break
        community = list(range(size))
        total = degree[:]  # sum of the degrees in each community
        order = list(range(size))
        rng.shuffle(order)
        enough = max(1, size // 200)
        moved_any, moves = False, enough
        while moves >= enough:
            moves = 0
            for u in order:
                current, k_u = community[u], degree[u]
                links: dict[int, float] = {}
                for v, weight in adj[u].items():
                    if v != u:
                        links[community[v]] = links.get(community[v], 0.0) + weight
                total[current] -= k_u
                share = k_u / two_m
                best, best_gain = current, links.get(current, 0.0) - total[current] * share
                for candidate, weight in links.items():
                    gain = weight - total[candidate] * share
                    if gain > best_gain:
                        best, best_gain = candidate, gain
                total[best] += k_u
                if best != current:
                    community[u] = best
                    moves += 1
                    moved_any = True
        if not moved_any:
            break
        # Fold each community into one node and repeat on the smaller graph.
        label: dict[int, int] = {}
        for c in community:
            label.setdefault(c, len(label))
        folded: list[dict[int, float]] = [{} for _ in label]
        folded_members: list[list[Any]] = [[] for _ in label]
        for u, row in enumerate(adj):
            cu = label[community[u]]
            folded_members[cu].extend(members[u])
            target = folded[cu]
            for v, weight in row.items():
                cv = label[community[v]]
                if v == u:
                    target[cu] = target.get(cu, 0.0) + weight
                elif cu == cv:
                    target[cu] = target.get(cu, 0.0) + weight / 2  # seen from both ends
                else:
                    target[cv] = target.get(cv, 0.0) + weight
        adj, members = folded, folded_members
    return [set(group) for group in members]


def communities(graph: nx.Graph, scores: Mapping[int, ActorScore], *,
                top_members: int = 5) -> list[Community]:
    """Louvain communities (seeded) of two or more actors, largest first."""
    if graph.number_of_edges() == 0:
        return []
    groups = [g for g in louvain_communities(graph) if len(g) > 1]
    groups.sort(key=lambda g: (-len(g), min(g)))
    result = []
    for number, group in enumerate(groups, start=1):
        sectors = Counter(graph.nodes[node]["sector"] for node in group)
        members = sorted((scores[node] for node in group), key=_by_degree)
        result.append(Community(
            number=number, size=len(group),
            sectors=tuple(sorted(sectors.items(), key=lambda item: (-item[1], item[0]))),
            top_members=tuple(members[:top_members])))
    return result


def sector_mix(nodes: Iterable[Any]) -> dict[str | None, dict[str, int]]:
    """County code → sector → number of actors based there (None: no home county)."""
    mix: dict[str | None, Counter[str]] = defaultdict(Counter)
    for _id, sector, county, _label in map(_node_fields, nodes):
        mix[county][sector] += 1
    return {county: dict(counter) for county, counter in mix.items()}


def analyse(nodes: Sequence[Any], edges: Iterable[Any], *, top: int = 10,
            max_communities: int = 10) -> NetworkAnalysis:
    """Everything the analysis page shows about the network, in one pass."""
    graph = build_graph(nodes, edges)
    between, sample = betweenness(graph)
    scores = _scores(graph, between)
    ranked = list(scores.values())
    groups = communities(graph, scores)
    return NetworkAnalysis(
        node_count=graph.number_of_nodes(),
        edge_count=graph.number_of_edges(),
        isolated_count=sum(1 for _node, degree in graph.degree() if degree == 0),
        by_degree=tuple(sorted((s for s in ranked if s.degree), key=_by_degree)[:top]),
        by_betweenness=tuple(sorted((s for s in ranked if s.betweenness > 0),
                                    key=_by_betweenness)[:top]),
        brokers=tuple(brokers(graph, scores)[:top]),
        communities=tuple(groups[:max_communities]),
        community_count=len(groups),
        betweenness_sample=sample,
        sector_mix=sector_mix(nodes),
    )


def top_by_degree(nodes: Sequence[Any], edges: Iterable[Any], limit: int) -> list[ActorScore]:
    """The best-connected actors (no betweenness: cheap enough for every request)."""
    graph = build_graph(nodes, edges)
    scores = _scores(graph, {})
    return sorted((s for s in scores.values() if s.degree), key=_by_degree)[:limit]


def keep_best_connected(nodes: Sequence[Any], edges: Sequence[Any],
                        limit: int) -> tuple[list[Any], list[Any]]:
    """At most ``limit`` nodes, those with most distinct neighbours, and the edges among them.

    The inputs come back unchanged (same objects, same order) when they fit.
    """
    if len(nodes) <= limit:
        return list(nodes), list(edges)
    neighbours: dict[int, set[int]] = defaultdict(set)
    for source, target, _kind in map(_edge_fields, edges):
        if source != target:
            neighbours[source].add(target)
            neighbours[target].add(source)
    ids = [_node_fields(n)[0] for n in nodes]
    kept = set(sorted(ids, key=lambda i: (-len(neighbours[i]), i))[:limit])
    return ([n for n, i in zip(nodes, ids, strict=True) if i in kept],
            [e for e in edges if _edge_fields(e)[0] in kept and _edge_fields(e)[1] in kept])


# ---------------------------------------------------------------------------
# Where support is missing: region × offering kind


@dataclass(frozen=True)
class OfferingReach:
    """One offering: its kind and the counties where it is available."""

    kind: str
    counties: frozenset[str]
    national: bool = False


@dataclass(frozen=True)
class GapTable:
    counties: tuple[str, ...]
    kinds: tuple[str, ...]
    counts: dict[tuple[str, str], int]  # (county, kind) → offerings available

    def count(self, county: str, kind: str) -> int:
        return self.counts.get((county, kind), 0)

    def rows(self) -> list[tuple[str, list[int]]]:
        return [(c, [self.count(c, k) for k in self.kinds]) for c in self.counties]

    @property
    def gaps(self) -> list[tuple[str, str]]:
        """(county, kind) pairs where nothing is offered."""
        return [(c, k) for c in self.counties for k in self.kinds if not self.count(c, k)]

    def gaps_by_kind(self) -> dict[str, int]:
        return {k: sum(1 for c in self.counties if not self.count(c, k)) for k in self.kinds}


def gap_table(offerings: Iterable[OfferingReach], counties: Sequence[str],
              kinds: Sequence[str]) -> GapTable:
    """Count, for every county and kind, the offerings available there; 0 is a gap.

    A national offering counts in every county; counties or kinds not asked
    for are ignored.
    """
    wanted_counties = set(counties)
    wanted_kinds = set(kinds)
    counts: Counter[tuple[str, str]] = Counter()
    for offering in offerings:
        if offering.kind not in wanted_kinds:
            continue
        where = wanted_counties if offering.national else offering.counties & wanted_counties
        for county in where:
            counts[(county, offering.kind)] += 1
    return GapTable(counties=tuple(counties), kinds=tuple(kinds), counts=dict(counts))


# ---------------------------------------------------------------------------
# Colour classes for a choropleth (equal steps over 1..max; 0 has its own class)


@dataclass(frozen=True)
class ColourClass:
    low: int
    high: int
    colour: str


# ColorBrewer YlGnBu, 5 classes: sequential, safe for colour-blind readers and in grey print.
SEQUENTIAL = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
ZERO_COLOUR = "#f0f0f0"


def colour_classes(maximum: int, palette: Sequence[str] = SEQUENTIAL) -> list[ColourClass]:
    """Up to ``len(palette)`` classes of whole numbers covering 1..maximum."""
    if maximum < 1:
        return []
    steps = min(len(palette), maximum)
    bounds = [math.ceil(maximum * i / steps) for i in range(1, steps + 1)]
    # With fewer classes than colours, spread them over the palette's range.
    picks = [palette[round(i * (len(palette) - 1) / (steps - 1))] if steps > 1 else palette[-1]
             for i in range(steps)]
    classes, low = [], 1
    for high, colour in zip(bounds, picks, strict=True):
        classes.append(ColourClass(low=low, high=high, colour=colour))
        low = high + 1
    return classes
