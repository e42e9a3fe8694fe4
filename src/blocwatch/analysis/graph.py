"""The actor network: event clusters -> a signed, weighted directed graph, written as GraphML, GEXF or JSON.

An edge A -> B sums what A did to B: `weight` is the total Goldstein score (its sign is the edge's
sign), with counts of cooperative and conflictual happenings. Negated events are left out.
"""

from __future__ import annotations

import io
import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from datetime import date

import networkx as nx

from blocwatch.errors import ParameterError
from blocwatch.plover import COOPERATIVE_QUADS
from blocwatch.store import Store

GRAPH_FORMATS = ("graphml", "gexf", "json")


@dataclass(slots=True)
class _EdgeTally:
    cooperative: int = 0
    conflictual: int = 0
    weight: float = 0.0


@dataclass(frozen=True, slots=True)
class GraphEdge:
    source: str
    target: str
    events: int
    cooperative: int
    conflictual: int
    weight: float
    sign: int


@dataclass(frozen=True, slots=True)
class ActorGraph:
    """Actors (with how many happenings involve each) and the directed edges between them."""

    nodes: dict[str, int]
    edges: list[GraphEdge]
    undated_left_out: int = 0  # undated happenings a date bound left out

    def to_networkx(self) -> nx.DiGraph:
        graph = nx.DiGraph()
        for actor, events in self.nodes.items():
            graph.add_node(actor, label=actor, events=events)
        for edge in self.edges:
            graph.add_edge(edge.source, edge.target, **{k: v for k, v in asdict(edge).items()
                                                        if k not in ("source", "target")})
        return graph

    def to_json(self) -> dict[str, object]:
        return {"nodes": [{"id": actor, "events": events} for actor, events in self.nodes.items()],
                "edges": [asdict(edge) for edge in self.edges], "undated_left_out": self.undated_left_out}


def actor_graph(store: Store, *, since: date | None = None, until: date | None = None,
                undated: bool = False) -> ActorGraph:
    """Build the signed, weighted actor network from the store's event clusters.

    Args:
        store: the database.
        since: count only clusters dated on or after this day (undated ones are left out and
            counted in `undated_left_out`, unless `undated`).
        until: count only clusters dated on or before this day.
        undated: count undated clusters within date bounds too.
    """
    totals: dict[tuple[str, str], _EdgeTally] = defaultdict(_EdgeTally)
    nodes: Counter[str] = Counter()
    for cluster in store.clusters(since=since, until=until, negated=False, undated=undated):
        if cluster.source == cluster.target:
            continue
        entry = totals[(cluster.source, cluster.target)]
        if cluster.quad in COOPERATIVE_QUADS:
            entry.cooperative += 1
        else:
            entry.conflictual += 1
        entry.weight += cluster.goldstein
        nodes.update((cluster.source, cluster.target))
    edges = [GraphEdge(source, target, e.cooperative + e.conflictual, e.cooperative, e.conflictual,
                       round(e.weight, 2), (e.weight > 0) - (e.weight < 0))
             for (source, target), e in sorted(totals.items())]
    bounded = since is not None or until is not None
    left_out = store.count_undated(negated=False) if bounded and not undated else 0
    return ActorGraph(dict(sorted(nodes.items())), edges, left_out)


def write_graph(graph: ActorGraph, format: str) -> str:
    """The graph as GraphML, GEXF or JSON text.

    Raises:
        ParameterError: an unknown format.
    """
    if format == "json":
        return json.dumps(graph.to_json(), indent=2)
    if format not in GRAPH_FORMATS:
        raise ParameterError("--format", f"unknown graph format {format!r} (one of {', '.join(GRAPH_FORMATS)})")
    buffer = io.BytesIO()
    writer = nx.write_graphml if format == "graphml" else nx.write_gexf
    writer(graph.to_networkx(), buffer)
    return buffer.getvalue().decode("utf-8")
