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
