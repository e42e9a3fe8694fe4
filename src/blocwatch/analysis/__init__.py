"""Analyses over a store: each a typed function `fn(store, ...) -> dataclass` with `to_json()`.

events (`find_events`), relations over time (`relations`), recognition (`recognition`,
`recognition_history`),
bloc cohesion (`bloc`) and the actor network (`actor_graph`); `build_clusters` refreshes the
cross-article dedup the others read; `list_documents`, `read_document` and `summarise` browse the store.
"""

from blocwatch.analysis.clusters import build_clusters, cluster_events, find_events
from blocwatch.analysis.cohesion import bloc
from blocwatch.analysis.corpus import list_documents, read_document, summarise
from blocwatch.analysis.dyads import relations
from blocwatch.analysis.graph import actor_graph, write_graph
from blocwatch.analysis.recognition import recognition, recognition_history

__all__ = ["actor_graph", "bloc", "build_clusters", "cluster_events", "find_events", "list_documents",
           "read_document", "recognition", "recognition_history", "relations", "summarise", "write_graph"]
