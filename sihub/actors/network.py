"""The network view and the network analysis page.

Both read ``graph.ecosystem_graph()``: actors as nodes, relations and the
edges other apps contribute as links. The metrics are computed by the pure
``analysis`` module; the analysis page caches them under a fingerprint of the
data (so an added actor or relation shows at once) for ten minutes at most
(so edges from other apps, which the fingerprint does not see, refresh too).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from sihub.actors import analysis, maps
from sihub.actors.graph import (
    DEFAULT_EDGE_STYLE,
    Edge,
    Node,
    ecosystem_graph,
    edge_kind_label,
    edge_kinds,
    sector_styles,
)
from sihub.actors.models import Actor, Offering, OfferingKind, Relation
from sihub.actors.selectors import actor_facets, filtered_actors, published_actors
from sihub.core import facets as facet_lib
from sihub.core import pagecache
from sihub.core.models import County

# More nodes than this and the browser spends seconds on layout and drawing:
# the view shows the best-connected ones and says so.
NODE_LIMIT = 800
# Up to this many nodes the force-directed "cose" layout runs; above it the
# cheap "concentric" layout (rings by number of links) keeps the page responsive.
COSE_LIMIT = 250
TABLE_SIZE = 20
FILTERS = ("region", "sector", "sdg")
ANALYSIS_TIMEOUT = 10 * 60
COMPACT = {"separators": (",", ":"), "ensure_ascii": False}


# ---------------------------------------------------------------------------
# The network view


@dataclass(frozen=True)
class FilterControl:
    param: str
    label: Any
    options: list[tuple[str, str]]
    selected: str


def network_filters(params: Any) -> list[FilterControl]:
    """One select per filter, its current value checked against the known options."""
    controls = []
    for facet in actor_facets():
        if facet.param not in FILTERS:
            continue
        chosen = facet_lib.known_values(facet, params)
        controls.append(FilterControl(
            param=facet.param, label=facet.label,
            options=[(str(value), label) for value, label in facet.options()],
            selected=str(chosen[0]) if chosen else ""))
    return sorted(controls, key=lambda c: FILTERS.index(c.param))


@dataclass(frozen=True)
class NetworkGraph:
    nodes: list[Node]
    edges: list[Edge]
    total_nodes: int  # before keeping the best-connected NODE_LIMIT

    @property
    def truncated(self) -> bool:
        return self.total_nodes > len(self.nodes)


def network_graph(params: Any) -> NetworkGraph:
    nodes, edges = ecosystem_graph(filtered_actors(params))
    unique: dict[tuple[int, int, str], Edge] = {}
    for edge in edges:  # a link reported twice (say, by two providers) is drawn once
        unique.setdefault((edge.source, edge.target, edge.kind), edge)
    shown, links = analysis.keep_best_connected(nodes, list(unique.values()), NODE_LIMIT)
    return NetworkGraph(nodes=shown, edges=links, total_nodes=len(nodes))


@require_safe
def network_page(request: HttpRequest) -> HttpResponse:
    graph = network_graph(request.GET)
    top = analysis.top_by_degree(graph.nodes, graph.edges, TABLE_SIZE)
    styles = sector_styles()
    urls = {node.id: node.url for node in graph.nodes}
    names = {s.slug: s.name for s in styles}
    known_kinds = edge_kinds()
    edge_legend = list(known_kinds.values()) + [
        (edge_kind_label(kind), DEFAULT_EDGE_STYLE)
        for kind in sorted({e.kind for e in graph.edges} - set(known_kinds))]
    query = request.GET.urlencode()
    config = {
        "data": reverse("actors:network_data") + (f"?{query}" if query else ""),
        "coseLimit": COSE_LIMIT,
        "sectors": {s.slug: {"colour": s.colour, "shape": s.shape, "name": s.name} for s in styles},
        "edges": {kind: {"line": style.line, "colour": style.colour, "directed": style.directed,
                         "label": str(label)} for kind, (label, style) in known_kinds.items()},
        "text": {
            "loading": str(_("Drawing the network…")),
            "failed": str(_("The network could not be drawn. "
                            "The table below lists the best-connected actors.")),
            "empty": str(_("No actors match these filters.")),
            "selected": str(_("Selected: %(name)s (%(sector)s). Press Enter to open the profile.")),
            "help": str(_("Use the arrow keys to move between actors, Enter to open a profile.")),
        },
    }
    return render(request, "actors/network.html", {
        "filters": network_filters(request.GET),
        "graph": graph,
        "shown_count": len(graph.nodes),
        "edge_count": len(graph.edges),
        "top": [(score, urls[score.id], names.get(score.sector, score.sector)) for score in top],
        "sector_styles": styles,
        "edge_legend": edge_legend,
        "network_config": config,
        "node_limit": NODE_LIMIT,
    })


@require_safe
def graph_data(request: HttpRequest) -> JsonResponse:
    """Elements for Cytoscape.js: ``{"nodes": [{"data": {id, label, sector, url, degree}}],
    "edges": [{"data": {id, source, target, kind[, label]}}]}`` plus whether it was cut."""
    graph = network_graph(request.GET)
    degree: dict[int, set[int]] = {node.id: set() for node in graph.nodes}
    for edge in graph.edges:
        degree[edge.source].add(edge.target)
        degree[edge.target].add(edge.source)
    nodes = [{"data": {"id": f"n{n.id}", "label": n.label, "sector": n.sector, "url": n.url,
                       "degree": len(degree[n.id])}} for n in graph.nodes]
    edges = []
    for index, edge in enumerate(graph.edges):
        data = {"id": f"e{index}", "source": f"n{edge.source}", "target": f"n{edge.target}",
                "kind": edge.kind}
        if edge.label:
            data["label"] = edge.label
        edges.append({"data": data})
    return JsonResponse({
        "nodes": nodes, "edges": edges,
        "total": graph.total_nodes, "truncated": graph.truncated,
        "layout": "cose" if len(nodes) <= COSE_LIMIT else "concentric",
    }, json_dumps_params=COMPACT)


# ---------------------------------------------------------------------------
# The analysis, computed once per state of the data


@dataclass(frozen=True)
class EcosystemAnalysis:
    network: analysis.NetworkAnalysis
    gaps: analysis.GapTable
    computed_at: datetime


def data_fingerprint() -> str:
    """Cheap to read; changes on any insert, delete, (un)publishing or bump of ``updated_at``,
    and whenever the page cache is retired."""
    actors = Actor.objects.aggregate(
        n=Count("pk"), published=Count("pk", filter=Q(is_published=True)), top=Max("pk"),
        changed=Max("updated_at"))
    relations = Relation.objects.aggregate(n=Count("pk"), top=Max("pk"), changed=Max("created_at"))
    offerings = Offering.objects.aggregate(n=Count("pk"), top=Max("pk"))
    # The page cache's version moves on every saved actor, offering, relation
    # or tag change and on every page published (good examples bring edges).
    raw = repr((sorted(actors.items()), sorted(relations.items()), sorted(offerings.items()),
                pagecache.current_version()))
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def compute_ecosystem_analysis() -> EcosystemAnalysis:
    nodes, edges = ecosystem_graph()
    counties = list(County.objects.order_by("code").values_list("code", flat=True))
    county_of = maps.municipality_counties()
    reach = maps.offering_reach(maps.current_offerings(published_actors()))
    return EcosystemAnalysis(
        network=analysis.analyse(nodes, edges),
        gaps=analysis.gap_table((r.for_gap_table(county_of) for r in reach), counties,
                                OfferingKind.values),
        computed_at=timezone.now())


def ecosystem_analysis() -> EcosystemAnalysis:
    """The analysis of every published actor, from the cache while the data is unchanged."""
    key = f"sihub:actors:analysis:{data_fingerprint()}"
    result = cache.get(key)
    if result is None:
        result = compute_ecosystem_analysis()
        cache.set(key, result, ANALYSIS_TIMEOUT)
    return result


# ---------------------------------------------------------------------------
# The analysis page: the cached numbers with today's names and links


@dataclass(frozen=True)
class ActorRow:
    score: analysis.ActorScore
    url: str
    sector: str


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    colour: str


def _bar(counts: list[int], colours: list[str]) -> list[Segment]:
    """A stacked bar of shares, in percent of the row's total."""
    total = sum(counts)
    segments, x = [], 0.0
    for n, colour in zip(counts, colours, strict=True):
        if n:
            width = 100 * n / total
            segments.append(Segment(round(x, 2), round(width, 2), colour))
            x += width
    return segments


def _analysis_context(result: EcosystemAnalysis) -> dict[str, Any]:
    net = result.network
    styles = sector_styles()
    sector_name = {s.slug: s.name for s in styles}
    county_name = {c.code: c.name for c in County.objects.all()}
    ids = {s.id for s in (*net.by_degree, *net.by_betweenness)}
    ids |= {b.actor.id for b in net.brokers}
    ids |= {m.id for c in net.communities for m in c.top_members}
    slugs = dict(published_actors().filter(pk__in=ids).values_list("pk", "slug"))

    def row(score: analysis.ActorScore) -> ActorRow:
        slug = slugs.get(score.id)
        return ActorRow(score, reverse("actors:detail", kwargs={"slug": slug}) if slug else "",
                        sector_name.get(score.sector, score.sector))

    mix_rows = []
    for code in [*sorted(k for k in net.sector_mix if k is not None), None]:
        if code not in net.sector_mix:
            continue
        counts = [net.sector_mix[code].get(s.slug, 0) for s in styles]
        mix_rows.append({
            "name": county_name.get(code, code) if code else _("No home municipality"),
            "counts": counts, "total": sum(counts),
            "bar": _bar(counts, [s.colour for s in styles])})
    kind_label = dict(OfferingKind.choices)
    gaps = result.gaps
    return {
        "result": result,
        "net": net,
        "by_degree": [row(s) for s in net.by_degree],
        "by_betweenness": [row(s) for s in net.by_betweenness],
        "brokers": [(row(b.actor), [sector_name.get(s, s) for s in b.other_sectors])
                    for b in net.brokers],
        "communities": [(c, [(sector_name.get(s, s), n) for s, n in c.dominant_sectors],
                         [row(m) for m in c.top_members]) for c in net.communities],
        "sector_styles": styles,
        "mix_rows": mix_rows,
        "gap_kinds": [kind_label.get(k, k) for k in gaps.kinds],
        "gap_rows": [(county_name.get(code, code), cells) for code, cells in gaps.rows()],
        "gap_count": len(gaps.gaps),
        "gaps_by_kind": [(kind_label.get(k, k), n) for k, n in gaps.gaps_by_kind().items()],
        "county_count": len(gaps.counties),
    }


@require_safe
def analysis_page(request: HttpRequest) -> HttpResponse:
    return render(request, "actors/analysis.html", _analysis_context(ecosystem_analysis()))
