"""What a store holds, for browsing: a page of documents, one document with its events placed in its
clean text, and an overview (counts, actors, the span of dates) that pickers and sliders start from.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from blocwatch.model import Event
from blocwatch.store import Store

# The events table names its columns as Event names its fields.
_EVENT_FIELDS = tuple(Event.__dataclass_fields__)


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """A stored document without its text: enough to list it and link to it."""

    id: str
    title: str | None
    url: str | None
    outlet: str | None
    date: date | None
    events: int

    def to_json(self) -> dict:
        return {**asdict(self), "date": _iso(self.date)}


@dataclass(frozen=True, slots=True)
class DocumentPage:
    """`documents` from `offset` on, in date order (undated last), out of `total`."""

    total: int
    documents: list[DocumentSummary]


@dataclass(frozen=True, slots=True)
class DocumentView:
    """One document's clean text and metadata, with its events in reading order (each event's
    `sentence_start`/`sentence_end` are character offsets into `text`)."""

    id: str
    title: str | None
    url: str | None
    outlet: str | None
    date: date | None
    language: str | None
    text: str
    events: list[Event]

    def to_json(self) -> dict:
        return {**{name: getattr(self, name) for name in ("id", "title", "url", "outlet", "language", "text")},
                "date": _iso(self.date), "events": [event.to_json() for event in self.events]}


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

    def to_json(self) -> dict:
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
    total = store.connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    # The page is cut first, so events are counted for its documents only.
    rows = store.connection.execute(
        "WITH page AS (SELECT id, title, url, outlet, date FROM documents ORDER BY date NULLS LAST, id "
        "LIMIT ? OFFSET ?) SELECT p.id, p.title, p.url, p.outlet, p.date, count(e.id) FROM page p "
        "LEFT JOIN events e ON e.doc = p.id GROUP BY ALL ORDER BY p.date NULLS LAST, p.id",
        [limit, offset]).fetchall()
    return DocumentPage(total, [DocumentSummary(*row) for row in rows])


def read_document(store: Store, doc: str) -> DocumentView | None:
    """Document `doc` with its clean text and events, or None when the store does not hold it."""
    row = store.connection.execute(
        "SELECT id, title, url, outlet, date, language, text FROM documents WHERE id = ?", [doc]).fetchone()
    if row is None:
        return None
    events = store.connection.execute(
        f"SELECT {', '.join(_EVENT_FIELDS)} FROM events WHERE doc = ? ORDER BY sentence_start NULLS LAST, id",
        [doc]).fetchall()
    return DocumentView(*row, events=[_event(values) for values in events])


def summarise(store: Store) -> CorpusOverview:
    """Counts, actors (most often named first) and the first and last day of the store's event clusters."""
    counts = store.counts()
    actors = store.connection.execute(
        "SELECT actor, count(*) FROM (SELECT source AS actor FROM event_clusters UNION ALL "
        "SELECT target FROM event_clusters) GROUP BY actor ORDER BY count(*) DESC, actor").fetchall()
    first, last = store.connection.execute("SELECT min(day), max(day) FROM event_clusters").fetchone()
    return CorpusOverview(counts["documents"], counts["events"], counts["event_clusters"], dict(actors), first, last,
                          store.clusters_stale())


def _event(values: tuple) -> Event:
    fields = dict(zip(_EVENT_FIELDS, values, strict=True))
    return Event(**{**fields, "contexts": tuple(fields["contexts"] or ())})


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
