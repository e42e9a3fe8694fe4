"""What a store holds, for browsing: a page of documents, one document with its events placed in its
clean text, and an overview (counts, actors, the span of dates) that pickers and sliders start from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from blocwatch.store import DocumentPage, DocumentSummary, DocumentView, Store

__all__ = ["CorpusOverview", "DocumentPage", "DocumentSummary", "DocumentView", "list_documents", "read_document",
           "summarise"]


@dataclass(frozen=True, slots=True)
class CorpusOverview:
    """Row counts, every actor with the number of event clusters naming it, and the clusters' span.

    `clusters_stale`: documents were written after the clusters were built (an ingest is running, or
    was interrupted), and the cluster figures leave them out.
    """

    documents: int
    events: int
    clusters: int
    actors: dict[str, int]
    first_day: date | None
    last_day: date | None
    clusters_stale: bool

    def to_json(self) -> dict[str, Any]:
        return {"documents": self.documents, "events": self.events, "clusters": self.clusters,
                "actors": [{"id": actor, "clusters": count} for actor, count in self.actors.items()],
                "first_day": _iso(self.first_day), "last_day": _iso(self.last_day),
                "clusters_stale": self.clusters_stale}


def list_documents(store: Store, *, limit: int, offset: int = 0) -> DocumentPage:
    """A page of the stored documents with their event counts.

    Args:
        store: the database.
        limit: at most this many documents.
        offset: skip this many first.
    """
    return store.document_page(limit=limit, offset=offset)


def read_document(store: Store, doc: str) -> DocumentView | None:
    """Document `doc` with its clean text and events, or None when the store does not hold it."""
    return store.document(doc)


def summarise(store: Store) -> CorpusOverview:
    """Counts, actors (most often named first) and the first and last day of the store's event clusters."""
    counts = store.counts()
    first, last = store.cluster_span()
    return CorpusOverview(counts["documents"], counts["events"], counts["event_clusters"], store.cluster_actors(),
                          first, last, store.clusters_stale())


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
