"""The ecosystem graph: actors as nodes, their links as edges, from every area.

``Relation`` rows are the actors app's own edges. Other apps contribute
theirs (case involvement, coalition membership, event co-organisation) by
registering an edge provider in their ``AppConfig.ready()``::

    from sihub.actors.graph import Edge, register_edge_provider

    def case_edges() -> Iterable[Edge]: ...
    register_edge_provider("cases", case_edges)

so this module never imports the apps above it. The network view, the
analysis page and the GraphML export all read ``ecosystem_graph()``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.urls import reverse


@dataclass(frozen=True)
class Node:
    id: int  # Actor pk
    label: str
    sector: str  # Sector slug
    kind: str  # ActorKind value
    county: str | None  # home county code
    municipality: str | None  # home municipality code
    url: str


@dataclass(frozen=True)
class Edge:
    source: int  # Actor pk
    target: int  # Actor pk
    kind: str  # RelationKind value, or the provider's own ("case", "coalition", …)
    origin: str  # "relations" or the registering app's label
    label: str = ""


EdgeProvider = Callable[[], Iterable[Edge]]
_PROVIDERS: dict[str, EdgeProvider] = {}


def register_edge_provider(name: str, provider: EdgeProvider) -> None:
    """Add (or replace, so ``ready()`` may run twice) a source of edges."""
    _PROVIDERS[name] = provider


def edge_providers() -> dict[str, EdgeProvider]:
    return dict(_PROVIDERS)


def ecosystem_graph(actors: Any = None) -> tuple[list[Node], list[Edge]]:
    """Nodes for ``actors`` (default: every published actor) and every edge between them.

    Edges from providers whose ends are not both among the nodes are left out,
    so a filtered graph (one county, one sector) holds only its own links.
    """
    from sihub.actors.models import Actor, Relation

    queryset = Actor.objects.published() if actors is None else actors
    rows = queryset.order_by().values_list(
        "pk", "name", "slug", "sector__slug", "kind", "home_municipality__code",
        "home_municipality__county__code")
    # One reverse() for all profile URLs: thousands of them cost half a second.
    prefix = reverse("actors:detail", kwargs={"slug": "x"})[:-2]
    nodes = [
        Node(id=pk, label=name, sector=sector, kind=kind, county=county, municipality=municipality,
             url=f"{prefix}{quote(slug)}/")
        for pk, name, slug, sector, kind, municipality, county in rows
    ]
    ids = {node.id for node in nodes}
    edges = [
        Edge(source=source, target=target, kind=kind, origin="relations")
        for source, target, kind in Relation.objects.order_by("pk").values_list(
            "source_actor_id", "target_actor_id", "kind")
        if source in ids and target in ids
    ]
    for name in sorted(_PROVIDERS):
        edges.extend(e for e in _PROVIDERS[name]() if e.source in ids and e.target in ids)
    return nodes, edges


# ---------------------------------------------------------------------------
# Linked content: what other areas say about an actor (good examples it is
# involved in, coalitions it belongs to, events it organises), for its profile.


@dataclass(frozen=True)
class LinkedItem:
    title: str
    url: str
    kind: str  # a translated label for the group, e.g. "Good examples"


ContentProvider = Callable[[int], Iterable[LinkedItem]]  # actor pk -> items
_CONTENT: dict[str, ContentProvider] = {}


def register_content_provider(name: str, provider: ContentProvider) -> None:
    _CONTENT[name] = provider


def linked_content(actor_id: int) -> list[LinkedItem]:
    items: list[LinkedItem] = []
    for name in sorted(_CONTENT):
        items.extend(_CONTENT[name](actor_id))
    return items


# ---------------------------------------------------------------------------
# How the graph is drawn: one colour *and* one shape per sector (colour is never
# the only cue), one line style per kind of link. The map, the network view and
# the analysis page share these so a sector looks the same everywhere.

# Okabe & Ito's palette, safe for the common kinds of colour blindness.
SECTOR_COLOURS = ("#0072B2", "#E69F00", "#CC79A7", "#009E73", "#D55E00", "#56B4E9", "#F0E442",
                  "#000000")
# Cytoscape.js node shapes, with the same outline as an SVG polygon in a
# 20 × 20 box for the legends (empty: drawn as a circle).
SECTOR_SHAPES = (
    ("round-rectangle", "2,4 18,4 18,16 2,16"),
    ("diamond", "10,1 19,10 10,19 1,10"),
    ("triangle", "10,2 19,18 1,18"),
    ("ellipse", ""),
    ("hexagon", "1,10 5.5,2 14.5,2 19,10 14.5,18 5.5,18"),
    ("star", "10,1 12.6,7.4 19.5,7.4 14,11.6 16,18.5 10,14.4 4,18.5 6,11.6 0.5,7.4 7.4,7.4"),
    ("vee", "1,2 10,8 19,2 10,18"),
    ("pentagon", "10,1 19,8 15.5,19 4.5,19 1,8"),
)


@dataclass(frozen=True)
class SectorStyle:
    slug: str
    name: str
    colour: str
    shape: str  # Cytoscape.js shape name
    points: str  # SVG polygon points, "" for a circle


def sector_styles() -> list[SectorStyle]:
    """The sectors in display order, each with its colour and shape."""
    from sihub.core.models import Sector

    styles = []
    for index, sector in enumerate(Sector.objects.order_by("sort_order", "pk")):
        shape, points = SECTOR_SHAPES[index % len(SECTOR_SHAPES)]
        styles.append(SectorStyle(slug=sector.slug, name=sector.name,
                                  colour=SECTOR_COLOURS[index % len(SECTOR_COLOURS)],
                                  shape=shape, points=points))
    return styles


@dataclass(frozen=True)
class EdgeStyle:
    line: str  # Cytoscape.js line-style: solid, dashed, dotted
    colour: str
    directed: bool  # drawn with an arrow from source to target
    dash: str = ""  # the same dashes for an SVG legend (stroke-dasharray)


_EDGE_KINDS: dict[str, tuple[Any, EdgeStyle]] = {}
DEFAULT_EDGE_STYLE = EdgeStyle(line="solid", colour="#767676", directed=False)


def register_edge_kind(kind: str, label: Any, style: EdgeStyle = DEFAULT_EDGE_STYLE) -> None:
    """Name (lazily translated) and style a kind of edge a provider contributes ("coalition")."""
    _EDGE_KINDS[kind] = (label, style)


def edge_kinds() -> dict[str, tuple[Any, EdgeStyle]]:
    """Every known kind of edge: the relation kinds first, then those providers registered."""
    from sihub.actors.models import RelationKind

    own = {
        RelationKind.PARTNER: EdgeStyle("solid", "#1a1a1a", False),
        RelationKind.COLLABORATES: EdgeStyle("dashed", "#4a4a4a", False, "6 3"),
        RelationKind.FUNDS: EdgeStyle("solid", "#0072B2", True),
        RelationKind.MEMBER_OF: EdgeStyle("dotted", "#7a5195", True, "2 3"),
        RelationKind.OWNS: EdgeStyle("dashed", "#A6403A", True, "6 3"),
    }
    kinds: dict[str, tuple[Any, EdgeStyle]] = {
        str(kind): (kind.label, own[kind]) for kind in RelationKind}
    kinds.update(_EDGE_KINDS)
    return kinds


def edge_kind_label(kind: str) -> Any:
    known = edge_kinds().get(kind)
    return known[0] if known else kind.replace("_", " ").capitalize()
