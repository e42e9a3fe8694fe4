"""Store stage: an embedded DuckDB file holding documents, events and event clusters (`open_store`)."""

from blocwatch.store.store import DEFAULT_PATH, EventCluster, Store, StoredEvent, open_store

__all__ = ["DEFAULT_PATH", "EventCluster", "Store", "StoredEvent", "open_store"]
