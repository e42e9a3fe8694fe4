"""Store stage: articles and their events -> an embedded DuckDB file, read back by analyses and exports.

One process writes at a time (DuckDB's file lock); any number may read. Each document is written
in one transaction, so a run killed at any point leaves every document either whole or absent.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from blocwatch.errors import DataError, StoreError
from blocwatch.model import Article, Event
from blocwatch.plover import plover_types
from blocwatch.store.schema import LATEST, MIGRATIONS

DEFAULT_PATH = Path("blocwatch.duckdb")
_RETRY_SECONDS = 0.2


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event as stored: the extractor's Event plus its row id, weights and its article's metadata."""

    id: int
    event: Event
    day: date | None
    quad: int
    goldstein: float
    outlet: str | None
    url: str | None
    published: date | None


@dataclass(frozen=True, slots=True)
class EventCluster:
    """One happening, reported by one or more events (possibly in several articles).

    The representative fields come from its best-dated, most confident event; `events` are the ids
    of every member. `docs`, `outlets` and `urls` are filled when clusters are read back.
    """

    id: int
    source: str
    target: str
    type: str
    quad: int
    goldstein: float
    negated: bool
    cameo: str | None
    date: str | None
    day: date | None
    date_precision: str | None
    location: str | None
    evidence: str
    doc: str
    contexts: tuple[str, ...]
    num_mentions: int
    num_articles: int
    num_outlets: int
    first_date: date | None
    last_date: date | None
    events: tuple[int, ...]
    docs: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()


_EVENT_COLUMNS = ("doc", "source", "target", "type", "quad", "goldstein", "negated", "cameo", "date", "day",
                  "date_precision", "recognition", "evidence", "confidence", "sentence", "sentence_start",
                  "sentence_end", "mode", "contexts", "location")
_CLUSTER_COLUMNS = ("id", "source", "target", "type", "quad", "goldstein", "negated", "cameo", "date", "day",
                    "date_precision", "location", "evidence", "doc", "contexts", "num_mentions", "num_articles",
                    "num_outlets", "first_date", "last_date")
TABLES = ("documents", "sentences", "events", "event_clusters", "cluster_events")


def open_store(path: str | Path = DEFAULT_PATH, *, read_only: bool = False, wait: float = 0.0) -> Store:
    """Open (creating and migrating it when writable) the blocwatch database at `path`.

    Args:
        path: the DuckDB file.
        read_only: open for reading only; several readers may share the file, but not with a writer.
        wait: seconds to keep retrying while another process holds the file; 0 fails at once.

    Raises:
        StoreError: the file is missing (read-only), busy, not a blocwatch store, or from a newer blocwatch.
    """
    path = Path(path)
    if read_only and not path.exists():
        raise StoreError(f"{path}: no blocwatch database here (create it with `blocwatch ingest ... --db {path}`)")
    if not read_only and not path.parent.is_dir():
        raise StoreError(f"{path}: folder {path.parent} does not exist")
    deadline = time.monotonic() + wait
    while True:
        try:
            connection = duckdb.connect(str(path), read_only=read_only)
            break
        except duckdb.IOException as exc:
            message = str(exc)
            if "lock" not in message.lower():
                raise StoreError(f"{path}: cannot be opened as a DuckDB database ({message})") from None
            if time.monotonic() >= deadline:
                waited = f"; gave up after waiting {wait:.0f} s" if wait else ""
                raise StoreError(f"database is busy (another blocwatch is writing to {path}){waited}") from None
            time.sleep(_RETRY_SECONDS)
        except duckdb.Error as exc:
            raise StoreError(f"{path}: cannot be opened as a DuckDB database ({exc})") from None
    store = Store(connection, path, read_only=read_only)
    try:
        store._migrate()
    except BaseException:
        connection.close()
        raise
    return store


class Store:
    """A blocwatch database: the single writer of its file, and the queries the analyses need.

    Made by `open_store`; use it as a context manager or call `close()`.
    """

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: Path, *, read_only: bool):
        self._con = connection
        self.path = path
        self.read_only = read_only

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection, for read queries and COPY exports (writes go through Store methods)."""
        return self._con

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self._con.execute("ROLLBACK")
            raise
        self._con.execute("COMMIT")

    def _migrate(self) -> None:
        tables = {row[0] for row in self._con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
        if "schema_version" in tables:
            current = self.schema_version()
        elif tables:
            raise StoreError(f"{self.path}: a DuckDB database, but not a blocwatch store "
                             f"(it has tables {', '.join(sorted(tables))} and no schema_version)")
        else:
            current = 0
        if current > LATEST:
            raise StoreError(f"{self.path}: written by a newer blocwatch (schema {current}; this one knows up "
                             f"to {LATEST}); upgrade blocwatch to read it")
        pending = [m for m in MIGRATIONS if m.version > current]
        if pending and self.read_only:
            raise StoreError(f"{self.path}: schema {current} is older than this blocwatch's {LATEST}; "
                             "run `blocwatch ingest` on it once to upgrade it")
        for migration in pending:
            with self._transaction():
                self._con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                                  "description VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)")
                for statement in migration.statements:
                    self._con.execute(statement)
                self._con.execute("INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                                  [migration.version, migration.description, _utc_now()])

    def schema_version(self) -> int:
        """The version of the newest migration applied to this file."""
        return self._con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]

    def content_hash(self, doc: str) -> str | None:
        """The content hash stored for document `doc`, or None when it has not been ingested."""
        row = self._con.execute("SELECT content_hash FROM documents WHERE id = ?", [doc]).fetchone()
        return row[0] if row else None

    def write(self, article: Article, events: Sequence[Event]) -> None:
        """Store an article and its events in one transaction, replacing whatever it held before.

        Args:
            article: the cleaned article (its `id` is the document's key).
            events: every event extracted from it (an empty list stores the article without events).

        Raises:
            DataError: an event has a type outside PLOVER or a date that is not ISO 8601.
        """
        types = plover_types()
        rows, sentences = [], {}
        for event in events:
            weight = types.get(event.type)
            if weight is None:
                raise DataError(f"{article.origin}: event type {event.type!r} is not a PLOVER type")
            rows.append((article.id, event.source, event.target, event.type, weight.quad, weight.goldstein,
                         event.negated, event.cameo, event.date, _first_day(event.date, article.origin),
                         event.date_precision, event.recognition, event.evidence, event.confidence,
                         event.sentence, event.sentence_start, event.sentence_end, event.mode,
                         list(event.contexts), event.location))
            has_span = event.sentence_start is not None and event.sentence_end is not None
            text = article.text[event.sentence_start:event.sentence_end] if has_span else event.evidence
            sentences.setdefault(event.sentence, (article.id, event.sentence, event.sentence_start,
                                                  event.sentence_end, text))
        with self._transaction():
            for table, key in (("events", "doc"), ("sentences", "doc"), ("documents", "id")):
                self._con.execute(f"DELETE FROM {table} WHERE {key} = ?", [article.id])
            self._con.execute(
                "INSERT INTO documents (id, origin, title, url, outlet, date, language, text, raw_text, "
                "content_hash, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [article.id, article.origin, article.title, article.url, article.outlet, article.date,
                 article.language, article.text, article.raw_text, article.content_hash, _utc_now()])
            self._insert("sentences", ("doc", "sentence", "start_char", "end_char", "text"),
                         list(sentences.values()))
            self._insert("events", _EVENT_COLUMNS, rows)

    def _insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        # One Arrow batch per statement: DuckDB's executemany runs a statement per row.
        if not rows:
            return
        batch = pa.Table.from_pylist([dict(zip(columns, row, strict=True)) for row in rows])
        self._con.register("_batch", batch)
        try:
            names = ", ".join(columns)
            self._con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _batch")
        finally:
            self._con.unregister("_batch")

    def events(self, *, target: str | None = None, cameo: str | None = None) -> list[StoredEvent]:
        """Stored events in insertion order, optionally only those toward `target` or with a CAMEO code."""
        where, params = [], []
        if target is not None:
            where.append("e.target = ?")
            params.append(target)
        if cameo is not None:
            where.append("e.cameo = ?")
            params.append(cameo)
        names = ", ".join(f"e.{c}" for c in ("id", *_EVENT_COLUMNS))
        query = (f"SELECT {names}, d.outlet, d.url, d.date FROM events e JOIN documents d ON d.id = e.doc"
                 f"{' WHERE ' + ' AND '.join(where) if where else ''} ORDER BY e.id")
        return [_stored_event(row) for row in self._con.execute(query, params).fetchall()]

    def replace_clusters(self, clusters: Sequence[EventCluster]) -> None:
        """Replace every event cluster and event-to-cluster link, in one transaction."""
        with self._transaction():
            self._con.execute("DELETE FROM cluster_events")
            self._con.execute("DELETE FROM event_clusters")
            self._insert("event_clusters", _CLUSTER_COLUMNS,
                         [tuple(list(getattr(c, name)) if name == "contexts" else getattr(c, name)
                                for name in _CLUSTER_COLUMNS) for c in clusters])
            self._insert("cluster_events", ("cluster", "event"),
                         [(c.id, event) for c in clusters for event in c.events])

    def clusters(
        self, *, actor: str | None = None, pair: tuple[str, str] | None = None, type: str | None = None,
        since: date | None = None, until: date | None = None, negated: bool | None = None,
    ) -> list[EventCluster]:
        """Event clusters with the articles reporting them, ordered by date (undated last).

        Args:
            actor: only clusters with this actor as source or target.
            pair: only clusters between these two actors, in either direction.
            type: only this PLOVER type.
            since: only clusters dated on or after this day (undated ones are left out).
            until: only clusters dated on or before this day (undated ones are left out).
            negated: only negated (True) or only asserted (False) events; None keeps both.

        Raises:
            StoreError: the clusters are out of date (an ingest was interrupted before rebuilding them).
        """
        if self.clusters_stale():
            raise StoreError(f"{self.path}: event clusters are out of date (an ingest was interrupted); "
                             "run `blocwatch ingest` again to finish it")
        where, params = [], []
        if actor is not None:
            where.append("(c.source = ? OR c.target = ?)")
            params += [actor, actor]
        if pair is not None:
            where.append("((c.source = ? AND c.target = ?) OR (c.source = ? AND c.target = ?))")
            params += [pair[0], pair[1], pair[1], pair[0]]
        for clause, value in (("c.type = ?", type), ("c.day >= ?", since), ("c.day <= ?", until),
                              ("c.negated = ?", negated)):
            if value is not None:
                where.append(clause)
                params.append(value)
        names = ", ".join(f"c.{c}" for c in _CLUSTER_COLUMNS)
        query = (
            f"SELECT {names}, list(e.id ORDER BY e.id), list(DISTINCT e.doc ORDER BY e.doc), "
            "list(DISTINCT d.outlet ORDER BY d.outlet) FILTER (WHERE d.outlet IS NOT NULL), "
            "list(DISTINCT d.url ORDER BY d.url) FILTER (WHERE d.url IS NOT NULL) "
            "FROM event_clusters c JOIN cluster_events l ON l.cluster = c.id JOIN events e ON e.id = l.event "
            f"JOIN documents d ON d.id = e.doc {'WHERE ' + ' AND '.join(where) if where else ''} "
            "GROUP BY ALL ORDER BY c.day NULLS LAST, c.id")
        return [_cluster(row) for row in self._con.execute(query, params).fetchall()]

    def clusters_stale(self) -> bool:
        """True when some event has no cluster or some cluster link points at a replaced event."""
        return self._con.execute(
            "SELECT EXISTS (SELECT 1 FROM events e ANTI JOIN cluster_events l ON l.event = e.id) "
            "OR EXISTS (SELECT 1 FROM cluster_events l ANTI JOIN events e ON e.id = l.event)").fetchone()[0]

    def actors(self) -> set[str]:
        """Every actor code that is the source or target of a stored event."""
        return {row[0] for row in self._con.execute(
            "SELECT source FROM events UNION SELECT target FROM events").fetchall()}

    def counts(self) -> dict[str, int]:
        """Row counts of every table, by table name."""
        return {table: self._con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _first_day(value: str | None, origin: str) -> date | None:
    """The first day of an ISO 8601 date, month (2024-01), year (2024) or week (2024-W05)."""
    if value is None:
        return None
    text = value.strip()
    try:
        if len(text) == 4:
            return date(int(text), 1, 1)
        if len(text) == 7:
            return date(int(text[:4]), int(text[5:7]), 1)
        if "W" in text:
            return date.fromisocalendar(int(text[:4]), int(text[6:8]), 1)
        return date.fromisoformat(text[:10])
    except ValueError:
        raise DataError(f"{origin}: event date {value!r} is not an ISO 8601 date") from None


def _stored_event(row: tuple) -> StoredEvent:
    values = dict(zip(("id", *_EVENT_COLUMNS, "outlet", "url", "published"), row, strict=True))
    event = Event(**{name: values[name] for name in Event.__dataclass_fields__ if name != "contexts"},
                  contexts=tuple(values["contexts"] or ()))
    return StoredEvent(values["id"], event, values["day"], values["quad"], values["goldstein"],
                       values["outlet"], values["url"], values["published"])


def _cluster(row: tuple) -> EventCluster:
    values = dict(zip(_CLUSTER_COLUMNS, row, strict=False))
    events, docs, outlets, urls = row[len(_CLUSTER_COLUMNS):]
    values["contexts"] = tuple(values["contexts"] or ())
    return EventCluster(**values, events=tuple(events), docs=tuple(docs),
                        outlets=tuple(outlets or ()), urls=tuple(urls or ()))
