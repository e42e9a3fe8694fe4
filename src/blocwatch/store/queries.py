"""Reading the store: events, event clusters, documents, counts and the rows of exports. Each function
takes the connection of a Store (a DuckDB file, or a Parquet dataset's views) and returns the store's
records; `Store` documents the ones the analyses call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import duckdb

from blocwatch.model import Event
from blocwatch.store.duck import cursor, fetched, marks, one, quoted
from blocwatch.store.records import (
    CLUSTER_COLUMNS,
    EVENT_COLUMNS,
    EVENT_FIELDS,
    TABLES,
    DocumentPage,
    DocumentSummary,
    DocumentView,
    EventCluster,
    StoredEvent,
    cluster_from_row,
    event_from_row,
    stored_event,
)
from blocwatch.store.tallies import CONFIDENT_CLUSTERS, span_end

# An export's row per event: the Event's fields, its weights, its cluster and its article's metadata.
_EXPORT_EVENTS = (
    f"SELECT e.id, {', '.join(f'e.{name}' for name in EVENT_FIELDS)}, e.quad, e.goldstein, l.cluster, d.outlet, "
    "d.url, d.date AS published, d.date_precision AS published_precision, d.date_source AS published_source "
    "FROM events e JOIN documents d ON d.id = e.doc "
    "LEFT JOIN cluster_events l ON l.event = e.id ORDER BY e.id")


def content_hashes(con: duckdb.DuckDBPyConnection, docs: Sequence[str]) -> dict[str, str]:
    """The content hashes stored for those of `docs` that have been ingested, by document id."""
    if not docs:
        return {}
    # One query for a batch: a query costs far more than an index lookup.
    return dict(con.execute(f"SELECT id, content_hash FROM documents WHERE id IN ({marks(docs)})",
                            list(docs)).fetchall())


def events(con: duckdb.DuckDBPyConnection, *, target: str | None,
           min_confidence: float = 0.0) -> list[StoredEvent]:
    """Stored events in insertion order, optionally only those toward `target`, and at least
    `min_confidence` likely to be right."""
    where: list[str] = []
    params: list[Any] = []
    if min_confidence > 0:
        where.append("e.confidence >= ?")
        params.append(min_confidence)
    if target is not None:
        where.append("e.target = ?")
        params.append(target)
    return [stored_event(row) for row in con.execute(_events_query(" AND ".join(where), "e.id"), params).fetchall()]


def events_by_dyad(con: duckdb.DuckDBPyConnection) -> Iterator[list[StoredEvent]]:
    """Every stored event, one (actor pair in either order, polarity) group at a time, in insertion order,
    fetched as they are consumed."""
    reader = cursor(con)  # its own connection: the caller may write while this one reads
    try:
        # Both directions of a pair together: acts done with each other are reported either way round
        result = reader.execute(_events_query("", "least(e.source, e.target), greatest(e.source, e.target), "
                                                  "e.negated, e.id"))
        group: list[StoredEvent] = []
        for row in fetched(result):
            stored = stored_event(row)
            if group and (_dyad(group[0].event), group[0].event.negated) != (_dyad(stored.event), stored.event.negated):
                yield group
                group = []
            group.append(stored)
        if group:
            yield group
    finally:
        reader.close()


def clusters(
    con: duckdb.DuckDBPyConnection, *, actor: str | None, pair: tuple[str, str] | None, type: str | None,
    since: dt.date | None, until: dt.date | None, negated: bool | None, undated: bool = False,
    min_confidence: float = 0.0,
) -> list[EventCluster]:
    """Event clusters with the articles reporting them, ordered by date (see `Store.clusters`)."""
    where, params = _cluster_filters(actor, pair, type, negated, min_confidence)
    # A date known to its month or year is within the bounds when its span overlaps them.
    for clause, value in ((f"{span_end('c.day', 'c.date_precision')} >= ?", since), ("c.day <= ?", until)):
        if value is not None:
            where.append(f"({clause} OR c.day IS NULL)" if undated else clause)
            params.append(value)
    names = ", ".join(f"c.{c}" for c in CLUSTER_COLUMNS)
    query = (
        f"SELECT {names}, list(e.id ORDER BY e.id), list(DISTINCT e.doc ORDER BY e.doc), "
        "list(DISTINCT d.outlet ORDER BY d.outlet) FILTER (WHERE d.outlet IS NOT NULL), "
        "list(DISTINCT d.url ORDER BY d.url) FILTER (WHERE d.url IS NOT NULL) "
        "FROM event_clusters c JOIN cluster_events l ON l.cluster = c.id JOIN events e ON e.id = l.event "
        f"JOIN documents d ON d.id = e.doc {'WHERE ' + ' AND '.join(where) if where else ''} "
        "GROUP BY ALL ORDER BY c.day NULLS LAST, c.id")
    return [cluster_from_row(row) for row in con.execute(query, params).fetchall()]


def count_undated(con: duckdb.DuckDBPyConnection, *, actor: str | None, pair: tuple[str, str] | None,
                  type: str | None, negated: bool | None, among: Sequence[str] | None = None,
                  min_confidence: float = 0.0) -> int:
    """How many undated clusters match the filters of `clusters` (see `Store.count_undated`)."""
    where, params = _cluster_filters(actor, pair, type, negated, min_confidence)
    if among is not None:
        where.append(f"c.source IN ({marks(among)}) AND c.target IN ({marks(among)}) AND c.source <> c.target")
        params += [*among, *among]
    return int(one(con, "SELECT count(*) FROM event_clusters c WHERE " + " AND ".join([*where, "c.day IS NULL"]),
                   params))


def _cluster_filters(actor: str | None, pair: tuple[str, str] | None, type: str | None,
                     negated: bool | None, min_confidence: float) -> tuple[list[str], list[Any]]:
    """SQL conditions on event_clusters (as `c`) and their parameters, for the filters `clusters` takes."""
    where: list[str] = []
    params: list[Any] = []
    if min_confidence > 0:
        where.append(f"c.id IN ({CONFIDENT_CLUSTERS.replace('$min', '?')})")
        params.append(min_confidence)
    if actor is not None:
        where.append("(c.source = ? OR c.target = ?)")
        params += [actor, actor]
    if pair is not None:
        where.append("((c.source = ? AND c.target = ?) OR (c.source = ? AND c.target = ?))")
        params += [pair[0], pair[1], pair[1], pair[0]]
    for clause, value in (("c.type = ?", type), ("c.negated = ?", negated)):
        if value is not None:
            where.append(clause)
            params.append(value)
    return where, params


def clusters_stale(con: duckdb.DuckDBPyConnection) -> bool:
    """True when documents were written after the event clusters were last built."""
    return bool(one(con, "SELECT writes <> clustered_writes FROM store_state"))


def actors(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Every actor code that is the source or target of a stored event."""
    return {row[0] for row in con.execute("SELECT source FROM events UNION SELECT target FROM events").fetchall()}


def has_actor(con: duckdb.DuckDBPyConnection, code: str) -> bool:
    """Whether some stored event has `code` as its source or target."""
    return bool(one(con, "SELECT EXISTS (SELECT 1 FROM events WHERE source = ? OR target = ?)", [code, code]))


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row counts of every table, by table name."""
    return {table: int(one(con, f"SELECT count(*) FROM {table}")) for table in TABLES}


def cluster_actors(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Every actor of an event cluster with how many clusters name it, most often named first."""
    return dict(con.execute(
        "SELECT actor, count(*) FROM (SELECT source AS actor FROM event_clusters UNION ALL "
        "SELECT target FROM event_clusters) GROUP BY actor ORDER BY count(*) DESC, actor").fetchall())


def actor_activity(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, dt.date | None, dt.date | None]]:
    """Every actor of an event cluster: how many clusters name it, and their first and last day."""
    return {code: (count, first, last) for code, count, first, last in con.execute(
        "SELECT actor, count(*), min(day), max(day) FROM (SELECT source AS actor, day FROM event_clusters "
        "UNION ALL SELECT target, day FROM event_clusters) GROUP BY actor").fetchall()}


def cluster_locations(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Each distinct location the event clusters name, in order."""
    return [location for (location,) in con.execute(
        "SELECT DISTINCT location FROM event_clusters WHERE location IS NOT NULL ORDER BY location").fetchall()]


def cluster_span(con: duckdb.DuckDBPyConnection) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day of the event clusters (None, None when none is dated)."""
    first, last = con.execute("SELECT min(day), max(day) FROM event_clusters").fetchone() or (None, None)
    return first, last


def document_page(con: duckdb.DuckDBPyConnection, *, limit: int, offset: int) -> DocumentPage:
    """`limit` stored documents from `offset` on, in date order (undated last), with their event counts."""
    total = int(one(con, "SELECT count(*) FROM documents"))
    # The page is cut first, so events are counted for its documents only.
    rows = con.execute(
        "WITH page AS (SELECT id, title, url, outlet, date, coalesce(date_precision, 'day') AS date_precision, "
        "date_source FROM documents ORDER BY date NULLS LAST, id LIMIT ? OFFSET ?) "
        "SELECT p.id, p.title, p.url, p.outlet, p.date, p.date_precision, p.date_source, count(e.id) FROM page p "
        "LEFT JOIN events e ON e.doc = p.id GROUP BY ALL ORDER BY p.date NULLS LAST, p.id",
        [limit, offset]).fetchall()
    return DocumentPage(total, [DocumentSummary(*row) for row in rows])


def document(con: duckdb.DuckDBPyConnection, doc: str) -> DocumentView | None:
    """Document `doc` with its clean text and events in reading order, or None when not stored."""
    row = con.execute("SELECT id, title, url, outlet, date, coalesce(date_precision, 'day'), date_source, language, "
                      "text FROM documents WHERE id = ?", [doc]).fetchone()
    if row is None:
        return None
    rows = con.execute(f"SELECT {', '.join(EVENT_FIELDS)} FROM events WHERE doc = ? "
                       "ORDER BY sentence_start NULLS LAST, id", [doc]).fetchall()
    id, title, url, outlet, day, precision, source, language, text = row
    return DocumentView(id, title, url, outlet, day, precision, source, language, text,
                        [event_from_row(dict(zip(EVENT_FIELDS, values, strict=True))) for values in rows])


def export_events(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every event as an export record: its fields, weights, cluster id and article's outlet, url and date."""
    cursor = con.execute(_EXPORT_EVENTS)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def copy_events(con: duckdb.DuckDBPyConnection, out: Path) -> int:
    """Write the export records of every event to the Parquet file `out`; returns how many."""
    con.execute(f"COPY ({_EXPORT_EVENTS}) TO {quoted(out)} (FORMAT parquet)")
    return int(one(con, "SELECT count(*) FROM events"))


def cluster_added(con: duckdb.DuckDBPyConnection) -> dict[int, dt.datetime]:
    """When the newest document of each event cluster was ingested, by cluster id."""
    return dict(con.execute(
        "SELECT l.cluster, max(d.ingested_at) FROM cluster_events l JOIN events e ON e.id = l.event "
        "JOIN documents d ON d.id = e.doc GROUP BY l.cluster").fetchall())


def _events_query(where: str, order: str) -> str:
    names = ", ".join(f"e.{c}" for c in ("id", *EVENT_COLUMNS))
    return (f"SELECT {names}, d.outlet, d.url, d.date, d.date_precision FROM events e JOIN documents d ON d.id = e.doc"
            f"{' WHERE ' + where if where else ''} ORDER BY {order}")


def _dyad(event: Event) -> tuple[str, str]:
    return min(event.source, event.target), max(event.source, event.target)
