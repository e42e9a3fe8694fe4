"""The signed, weighted actor network and its GraphML/GEXF/JSON forms."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest

from blocwatch.analysis import actor_graph, build_clusters, write_graph
from conftest import make_event, put

pytestmark = pytest.mark.issue(4)


def test_graph_edges_are_signed_and_weighted(store):
    put(store, "d", [make_event("PAK", "AFG", "ASSAULT", date="2024-03-18"),
                     make_event("PAK", "AFG", "CONSULT", date="2024-07-02", sentence=1),
                     make_event("CHN", "AFG", "AID", date="2024-07-02", sentence=2)])
    build_clusters(store)
    graph = actor_graph(store)
    edges = {(e.source, e.target): (e.events, e.cooperative, e.conflictual, e.weight, e.sign) for e in graph.edges}
    assert edges == {("PAK", "AFG"): (2, 1, 1, -9.0, -1), ("CHN", "AFG"): (1, 1, 0, 7.0, 1)}
    assert graph.nodes == {"AFG": 3, "CHN": 1, "PAK": 2}
    for format, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        loaded = reader(io.BytesIO(write_graph(graph, format).encode()))
        assert loaded.edges["PAK", "AFG"]["weight"] == -9.0
    assert json.loads(write_graph(graph, "json"))["edges"][0]["source"] == "CHN"
