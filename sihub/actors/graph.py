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
    nodes = [
        Node(id=pk, label=name, sector=sector, kind=kind, county=county, municipality=municipality,
             url=reverse("actors:detail", kwargs={"slug": slug}))
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
