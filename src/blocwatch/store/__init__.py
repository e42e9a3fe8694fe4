"""Store stage: an embedded DuckDB file holding documents, events and event clusters (`open_store`), or
a read-only Parquet dataset of the same tables (`dataset`)."""

from blocwatch.store.store import (
    DEFAULT_PATH,
    ClusterRank,
    ClusterTally,
    ContextTally,
    EventCluster,
    EvidenceTally,
    Store,
    StoredEvent,
    open_store,
)

__all__ = ["DEFAULT_PATH", "ClusterRank", "ClusterTally", "ContextTally", "EventCluster", "EvidenceTally", "Store",
           "StoredEvent", "open_store"]
