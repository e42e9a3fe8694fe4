"""Store stage: articles and their events -> an embedded DuckDB file, read back by analyses and exports.

One process writes at a time (a lock file beside the database); any number may read, also while an
ingest runs: the writer holds DuckDB's own file lock, which shuts readers out too, only while it
writes a batch. A batch of documents is written in one transaction, so a run killed at any point
leaves every document either whole or absent.
A folder written by `blocwatch ingest --engine dask` opens as the same Store, read-only
(`blocwatch.store.dataset`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import islice
from pathlib import Path

import duckdb
import pyarrow as pa

from blocwatch.errors import DataError, StoreError
from blocwatch.model import Article, Event
from blocwatch.plover import plover_types
from blocwatch.store.lock import LockTimeout, WriterLock
from blocwatch.store.schema import LATEST, MIGRATIONS

DEFAULT_PATH = Path("blocwatch.duckdb")
_RETRY_SECONDS = 0.2
# How long a writer waits for readers to close the file: a reader holds it for one query or one command.
_READERS_WAIT = 60.0
_CHECKPOINT = "4MB"


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
_DOCUMENT_COLUMNS = ("id", "origin", "title", "url", "outlet", "date", "language", "text", "raw_text",
                     "content_hash", "ingested_at")
_SENTENCE_COLUMNS = ("doc", "sentence", "start_char", "end_char", "text")
TABLES = ("documents", "sentences", "events", "event_clusters", "cluster_events", "cluster_months",
          "cluster_month_contexts")
_FETCH_ROWS = 10_000
_STAGE_ROWS = 10_000
_ONE_DAY = timedelta(days=1)

ClusterRank = tuple[date | None, list[str], int]
"""Where a cluster stands in the numbering: its first day (None: undated, numbered last), then a list of
strings (the clustering's block key), then its smallest event id."""


@dataclass(frozen=True, slots=True)
class ClusterTally:
    """Asserted (not negated) clusters from `source` to `target` of one quad class, in one period:
    how many, and the sum of their Goldstein scores. `period` is the period's first day, or None
    for undated clusters and for counts over all time."""

    period: date | None
    source: str
    target: str
    quad: int
    clusters: int
    goldstein: float


@dataclass(frozen=True, slots=True)
class ContextTally:
    """How many asserted clusters from `source` to `target` of one quad class name `context`, and where
    the first of them stands in date order: (first day, cluster id, position among its contexts)."""

    source: str
    target: str
    quad: int
    context: str
    clusters: int
    first: tuple[date, int, int]


@dataclass(frozen=True, slots=True)
class EvidenceTally:
    """Asserted clusters of a group of actors in one period (None: undated, or all time), with how well
    they are attested: the articles and outlets reporting them, the most outlets behind any one of them,
    and their confidence (each cluster weighs its most confident report's).

    `kind` says what is counted: "pair" (both ways between members `a` < `b`, one side: cooperative or
    not), "side" (every pair together, one side), "group" (every pair, both sides), "member" (member `b`'s
    conflictual acts toward outsider `a`) or "outsider" (every member's conflictual acts toward `a`).
    """

    period: date | None
    kind: str
    a: str | None
    b: str | None
    cooperative: bool | None
    happenings: int
    articles: int
    outlets: int
    widest: int
    weight: float
    weighted_goldstein: float


@dataclass(frozen=True, slots=True)
class _DocumentRows:
    document: tuple
    sentences: list[tuple]
    events: list[tuple]


def open_store(path: str | Path = DEFAULT_PATH, *, read_only: bool = False, wait: float = 0.0) -> Store:
    """Open (creating and migrating it when writable) the blocwatch database at `path`.

    Args:
        path: the DuckDB file, or a Parquet dataset folder written by `blocwatch ingest --engine dask`
            (read-only).
        read_only: open for reading only. Readers share the file with each other, and with a writer
            between two of its batches.
        wait: seconds to keep retrying while another writer holds the database (for a reader: while
            a writer writes a batch); 0 fails at once. A writer that has the database to itself may
            still wait up to a minute for readers to close the file.

    Raises:
        StoreError: the file is missing (read-only), busy, not a blocwatch store, or from a newer blocwatch;
            or a dataset folder was opened for writing.
    """
    path = Path(path)
    if path.is_dir():
        from blocwatch.store.dataset import open_dataset  # a cycle: the dataset's views are a Store too

        return open_dataset(path, read_only=read_only)
    if read_only and not path.exists():
        raise StoreError(f"{path}: no blocwatch database here (create it with `blocwatch ingest ... --db {path}`)")
    if not read_only and not path.parent.is_dir():
        raise StoreError(f"{path}: folder {path.parent} does not exist")
    lock = None if read_only else _writer_lock(path, wait)
    try:
        connection = _connect(path, read_only=read_only, wait=wait if read_only else _READERS_WAIT)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    store = Store(connection, path, read_only=read_only, lock=lock)
    try:
        store._migrate()
    except BaseException:
        store.close()
        raise
    return store


def _writer_lock(path: Path, wait: float) -> WriterLock:
    """The lock that makes this process the database's only writer, held until the store closes.

    DuckDB's own lock cannot serve: a writer lets go of it between batches so that readers get in.
    """
    lock = WriterLock(path.with_name(path.name + ".lock"))
    try:
        lock.acquire(wait)
    except LockTimeout:
        waited = f"; gave up after waiting {wait:.0f} s" if wait else ""
        raise StoreError(f"database is busy (another blocwatch is writing to {path}){waited}") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot lock it for writing ({exc.strerror or exc})") from None
    return lock


def _connect(path: Path, *, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection to `path`, retried for `wait` seconds while another process holds the file."""
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
                holder = "another blocwatch is writing to" if read_only else "other processes are reading"
                raise StoreError(f"database is busy ({holder} {path}){waited}") from None
            time.sleep(_RETRY_SECONDS)
        except duckdb.Error as exc:
            raise StoreError(f"{path}: cannot be opened as a DuckDB database ({exc})") from None
    if not read_only:
        # A writer folds its log into the file every few megabytes, rather than DuckDB's default 16 MB:
        # a long ingest then holds less in memory between checkpoints, and each checkpoint is smaller.
        connection.execute(f"SET checkpoint_threshold = '{_CHECKPOINT}'")
    return connection


class Store:
    """A blocwatch database: the single writer of its file, and the queries the analyses need.

    Made by `open_store`; use it as a context manager or call `close()`.
    """

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: Path, *, read_only: bool,
                 lock: WriterLock | None = None):
        self._open: duckdb.DuckDBPyConnection | None = connection
        self.path = path
        self.read_only = read_only
        self._lock = lock

    @property
    def _con(self) -> duckdb.DuckDBPyConnection:
        if self._open is None:
            self._open = _connect(self.path, read_only=self.read_only, wait=_READERS_WAIT)
        return self._open

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection, for read queries and COPY exports (writes go through Store methods)."""
        return self._con

    def release(self) -> None:
        """Let readers in other processes open the file until this store is next used.

        A writer's connection holds DuckDB's file lock, which shuts readers out too; an ingest
        closes it between batches (DuckDB folds its log into the file as it closes) and the next
        query reopens it. The writer lock stays held, so no other writer gets in meanwhile. Only a
        writer with a lock file lets go: a dataset's views or an in-memory store would be lost.
        """
        if self._lock is not None and self._open is not None:
            self._open.close()
            self._open = None

    def close(self) -> None:
        if self._open is not None:
            self._open.close()
            self._open = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

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
        if not pending:
            return
        # All in one transaction: a process killed while upgrading leaves the old schema, never one between.
        with self._transaction():
            self._con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                              "description VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)")
            for migration in pending:
                for statement in migration.statements:
                    self._con.execute(statement)
                self._con.execute("INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                                  [migration.version, migration.description, _utc_now()])

    def schema_version(self) -> int:
        """The version of the newest migration applied to this file."""
        return self._con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]

    def content_hash(self, doc: str) -> str | None:
        """The content hash stored for document `doc`, or None when it has not been ingested."""
        return self.content_hashes([doc]).get(doc)

    def content_hashes(self, docs: Sequence[str]) -> dict[str, str]:
        """The content hashes stored for those of `docs` that have been ingested, by document id."""
        if not docs:
            return {}
        # One query for a batch: a query costs far more than an index lookup.
        return dict(self._con.execute(f"SELECT id, content_hash FROM documents WHERE id IN ({_marks(docs)})",
                                      list(docs)).fetchall())

    def write(self, article: Article, events: Sequence[Event]) -> None:
        """Store an article and its events in one transaction, replacing whatever it held before.

        Args:
            article: the cleaned article (its `id` is the document's key).
            events: every event extracted from it (an empty list stores the article without events).

        Raises:
            DataError: an event has a type outside PLOVER or a date that is not ISO 8601.
            StoreError: the store was opened read-only.
        """
        refused = self.write_many([(article, events)])
        if refused:
            raise refused[0][1]

    def write_many(self, documents: Sequence[tuple[Article, Sequence[Event]]]) -> list[tuple[Article, DataError]]:
        """Store several articles and their events in one transaction, each replacing what it held before.

        A run killed mid-way leaves each document whole or absent. An id given twice keeps its last
        article.

        Args:
            documents: (article, every event extracted from it) pairs.

        Returns:
            The articles refused, none of whose rows are written: each with the DataError saying why
            (an event type outside PLOVER, or a date that is not ISO 8601).

        Raises:
            StoreError: the store was opened read-only.
        """
        self._check_writable()
        latest: dict[str, _DocumentRows] = {}
        refused: list[tuple[Article, DataError]] = []
        for article, events in documents:
            try:
                rows = _document_rows(article, events)
            except DataError as exc:
                refused.append((article, exc))
                continue
            latest.pop(article.id, None)  # the later copy is written, and after the others, as it was read
            latest[article.id] = rows
        if not latest:
            return refused
        now = _utc_now()
        with self._transaction():
            # Most documents of a run are new: only those already stored have rows to delete.
            stored = list(self.content_hashes(list(latest)))
            if stored:
                for table, key in (("events", "doc"), ("sentences", "doc"), ("documents", "id")):
                    self._con.execute(f"DELETE FROM {table} WHERE {key} IN ({_marks(stored)})", stored)
            self._insert("documents", _DOCUMENT_COLUMNS, [(*rows.document, now) for rows in latest.values()])
            self._insert("sentences", _SENTENCE_COLUMNS, [row for rows in latest.values() for row in rows.sentences])
            self._insert("events", _EVENT_COLUMNS, [row for rows in latest.values() for row in rows.events])
            self._con.execute("UPDATE store_state SET writes = writes + 1")
        return refused

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only, so nothing can be written to it")

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
        query = _events_query(" AND ".join(where), "e.id")
        return [_stored_event(row) for row in self._con.execute(query, params).fetchall()]

    def events_by_dyad(self) -> Iterator[list[StoredEvent]]:
        """Every stored event, one (actor pair in either order, polarity) group at a time, in insertion order.

        Rows are fetched as they are consumed, so memory holds one group rather than the store.
        """
        cursor = self._con.cursor()  # its own connection: the caller may write while this one reads
        try:
            # Both directions of a pair together: acts done with each other are reported either way round
            result = cursor.execute(_events_query("", "least(e.source, e.target), greatest(e.source, e.target), "
                                                      "e.negated, e.id"))
            group: list[StoredEvent] = []
            for row in _fetched(result):
                stored = _stored_event(row)
                if group and (_dyad(group[0].event), group[0].event.negated) != (
                        _dyad(stored.event), stored.event.negated):
                    yield group
                    group = []
                group.append(stored)
            if group:
                yield group
        finally:
            cursor.close()

    def replace_clusters(self, clusters: Iterable[tuple[ClusterRank, EventCluster]]) -> int:
        """Replace every event cluster, event-to-cluster link and monthly tally, in one transaction.

        Clusters are staged as they come and numbered from 1 in rank order at the end, so the caller
        never holds them all. They are laid out by source and target, so that queries about some
        actors read only those actors' part of the table.

        Args:
            clusters: (rank, cluster) pairs in any order; the ids the clusters carry are ignored.

        Returns:
            How many clusters were written.

        Raises:
            StoreError: the store was opened read-only.
        """
        self._check_writable()
        with self._transaction():
            self._con.execute("CREATE OR REPLACE TEMP TABLE _staged_clusters AS FROM event_clusters LIMIT 0")
            self._con.execute("CREATE OR REPLACE TEMP TABLE _staged_ranks (cluster INTEGER, first_day DATE, "
                              "key VARCHAR[], first_event BIGINT)")
            self._con.execute("CREATE OR REPLACE TEMP TABLE _staged_links AS FROM cluster_events LIMIT 0")
            staged = 0
            for batch in _batches(clusters, _STAGE_ROWS):
                numbered = [(staged + n, rank, cluster) for n, (rank, cluster) in enumerate(batch, 1)]
                staged += len(batch)
                self._insert("_staged_clusters", _CLUSTER_COLUMNS, [
                    (number, *(list(getattr(c, name)) if name == "contexts" else getattr(c, name)
                               for name in _CLUSTER_COLUMNS[1:])) for number, _, c in numbered])
                self._insert("_staged_ranks", ("cluster", "first_day", "key", "first_event"),
                             [(number, *rank) for number, rank, _ in numbered])
                self._insert("_staged_links", ("cluster", "event"),
                             [(number, event) for number, _, c in numbered for event in c.events])
            self._con.execute("DELETE FROM cluster_events")
            self._con.execute("DELETE FROM event_clusters")
            self._con.execute("CREATE OR REPLACE TEMP TABLE _numbers AS SELECT cluster, row_number() OVER "
                              "(ORDER BY first_day NULLS LAST, key, first_event) AS id FROM _staged_ranks")
            names = ", ".join(_CLUSTER_COLUMNS[1:])
            self._con.execute(f"INSERT INTO event_clusters (id, {names}) SELECT n.id, {names} FROM _staged_clusters "
                              "s JOIN _numbers n ON n.cluster = s.id ORDER BY s.source, s.target, s.day, n.id")
            self._con.execute("INSERT INTO cluster_events SELECT n.id, l.event FROM _staged_links l "
                              "JOIN _numbers n USING (cluster) ORDER BY n.id, l.event")
            self._refresh_tallies()
            self._con.execute("UPDATE store_state SET clustered_writes = writes")
            for table in ("_staged_clusters", "_staged_ranks", "_staged_links", "_numbers"):
                self._con.execute(f"DROP TABLE {table}")
        return staged

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

        While an ingest runs (or after one was interrupted) the clusters are those of the last
        clustering: documents written since are left out (`clusters_stale` tells).
        """
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

    def tally_clusters(
        self, sources: Sequence[str], *, targets: Sequence[str] | None = None, by: str | None = None,
        since: date | None = None, until: date | None = None, undated: bool = False,
    ) -> list[ClusterTally]:
        """Count asserted (not negated) clusters by source, target, quad class and period, in the database.

        Whole months come from the monthly tallies, and only the days at the ends of `since`-`until`
        from the clusters, so a count over millions of clusters adds up thousands of rows. A cluster
        from an actor to itself is not counted.

        Args:
            sources: only clusters from these actors.
            targets: only clusters toward these actors; None: toward anyone.
            by: "month", "quarter" or "year" to count per period; None counts over all time.
            since: only clusters dated on or after this day (undated ones are left out).
            until: only clusters dated on or before this day (undated ones are left out).
            undated: count undated clusters (with period None) even when `since` or `until` is given.

        As `clusters`, counts are those of the last clustering.
        """
        selection, params = _selection(sources, targets, since, until, undated)
        rows = _tallied("month, source, target, quad, clusters, goldstein", "cluster_months", _month_rows, selection)
        if by:
            params["by"] = by
        query = (f"SELECT {'date_trunc($by, month)::DATE' if by else 'NULL::DATE'}, source, target, quad, "
                 f"sum(clusters)::BIGINT, sum(goldstein) FROM ({rows}) GROUP BY ALL")
        return [ClusterTally(*row) for row in self._con.execute(query, params).fetchall()]

    def tally_contexts(self, sources: Sequence[str], *, targets: Sequence[str] | None = None,
                       since: date | None = None) -> list[ContextTally]:
        """Count asserted clusters by source, target, quad class and each context they name, in the database
        (whole months from the monthly tallies, as `tally_clusters` does).

        Args:
            sources: only clusters from these actors.
            targets: only clusters toward these actors; None: toward anyone.
            since: only clusters dated on or after this day (undated ones are left out).

        As `clusters`, counts are those of the last clustering.
        """
        selection, params = _selection(sources, targets, since, None, False)
        rows = _tallied("source, target, quad, context, clusters, first", "cluster_month_contexts", _context_rows,
                        selection)
        query = f"SELECT source, target, quad, context, sum(clusters)::BIGINT, min(first) FROM ({rows}) GROUP BY ALL"
        return [ContextTally(source, target, quad, context, count, (first["day"], first["id"], first["pos"]))
                for source, target, quad, context, count, first in self._con.execute(query, params).fetchall()]

    def tally_evidence(self, members: Sequence[str], *, by: str | None = None, since: date | None = None,
                       until: date | None = None) -> list[EvidenceTally]:
        """Count a group's asserted clusters with their articles, outlets and confidence, in the database:
        between members per pair and side, for the whole group, and members' conflictual acts toward
        outsiders (see `EvidenceTally.kind`).

        Args:
            members: the group's actor codes.
            by: "month", "quarter" or "year" to count per period; None counts over all time.
            since: only clusters dated on or after this day (undated ones are left out).
            until: only clusters dated on or before this day (undated ones are left out).

        As `clusters`, counts are those of the last clustering.
        """
        params: dict = {f"m{n}": code for n, code in enumerate(members)}
        group = ", ".join(f"$m{n}" for n in range(len(members)))
        # Toward outsiders only conflictual acts count: the rest is never read, so never joined.
        where = [f"source IN ({group})", "source <> target", "NOT negated", f"(target IN ({group}) OR quad IN (3, 4))"]
        for clause, name, value in (("day >= $since", "since", since), ("day <= $until", "until", until)):
            if value is not None:
                where.append(clause)
                params[name] = value
        if by:
            params["by"] = by
        period = "date_trunc($by, c.day)::DATE" if by else "NULL::DATE"
        # Each cluster once, weighing its most confident report, with the articles and outlets reporting it.
        # Weights are summed as decimals: the same sum in any order, so a Parquet dataset answers as the file does.
        happenings = (
            f"SELECT c.id, {period} AS period, c.source, c.target, c.target IN ({group}) AS inside, "
            "c.quad IN (1, 2) AS cooperative, c.goldstein::DECIMAL(9, 4) AS goldstein, "
            "max(e.confidence)::DECIMAL(9, 4) AS confidence, "
            "list(DISTINCT e.doc) AS docs, "
            "coalesce(list(DISTINCT d.outlet) FILTER (WHERE d.outlet IS NOT NULL), []) AS outlets "
            f"FROM (SELECT * FROM event_clusters WHERE {' AND '.join(where)}) c "
            "JOIN cluster_events l ON l.cluster = c.id JOIN events e ON e.id = l.event "
            "JOIN documents d ON d.id = e.doc GROUP BY ALL")
        figures = ("count(*), len(list_distinct(flatten(list(docs)))), len(list_distinct(flatten(list(outlets)))), "
                   "max(len(outlets)), sum(confidence), sum(goldstein * confidence)")
        query = (
            f"WITH h AS ({happenings}) "
            "SELECT period, CASE WHEN grouping(a, b) = 0 THEN 'pair' WHEN grouping(cooperative) = 0 THEN 'side' "
            f"ELSE 'group' END, a, b, cooperative, {figures} FROM (SELECT *, least(source, target) AS a, "
            "greatest(source, target) AS b FROM h WHERE inside) "
            "GROUP BY GROUPING SETS ((period, a, b, cooperative), (period, cooperative), (period)) "
            "UNION ALL SELECT period, CASE WHEN grouping(source) = 0 THEN 'member' ELSE 'outsider' END, target, "
            f"source, FALSE, {figures} FROM h WHERE NOT inside AND NOT cooperative "
            "GROUP BY GROUPING SETS ((period, target, source), (period, target))")
        return [EvidenceTally(*row[:9], float(row[9]), float(row[10]))
                for row in self._con.execute(query, params).fetchall()]

    def rebuild_tallies(self) -> None:
        """Recompute the monthly tallies from the stored clusters, in one transaction.

        `replace_clusters` keeps them up to date; this is for clusters written by other means (a bulk
        load in SQL).

        Raises:
            StoreError: the store was opened read-only.
        """
        self._check_writable()
        with self._transaction():
            self._refresh_tallies()

    def _refresh_tallies(self) -> None:
        self._con.execute("DELETE FROM cluster_months")
        self._con.execute(f"INSERT INTO cluster_months SELECT month, source, target, quad, negated, sum(clusters), "
                          f"sum(goldstein) FROM ({_month_rows('TRUE')}) GROUP BY ALL ORDER BY source, target, month")
        self._con.execute("DELETE FROM cluster_month_contexts")
        self._con.execute(f"INSERT INTO cluster_month_contexts SELECT month, source, target, quad, negated, context, "
                          f"sum(clusters), min(first) FROM ({_context_rows('TRUE')}) GROUP BY ALL "
                          "ORDER BY source, target, month")

    def clusters_stale(self) -> bool:
        """True when documents were written after the event clusters were last built: an ingest is running,
        or was interrupted (the next ingest finishes it)."""
        return self._con.execute("SELECT writes <> clustered_writes FROM store_state").fetchone()[0]

    def actors(self) -> set[str]:
        """Every actor code that is the source or target of a stored event."""
        return {row[0] for row in self._con.execute(
            "SELECT source FROM events UNION SELECT target FROM events").fetchall()}

    def has_actor(self, code: str) -> bool:
        """Whether some stored event has `code` as its source or target."""
        return self._con.execute("SELECT EXISTS (SELECT 1 FROM events WHERE source = ? OR target = ?)",
                                 [code, code]).fetchone()[0]

    def counts(self) -> dict[str, int]:
        """Row counts of every table, by table name."""
        return {table: self._con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _document_rows(article: Article, events: Sequence[Event]) -> _DocumentRows:
    """The rows of one article: its document, the sentences holding its events, and the events.

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
    document = (article.id, article.origin, article.title, article.url, article.outlet, article.date,
                article.language, article.text, article.raw_text, article.content_hash)
    return _DocumentRows(document, list(sentences.values()), rows)


def _fetched(result: duckdb.DuckDBPyConnection) -> Iterator[tuple]:
    """The rows of a query result, fetched a block at a time."""
    while rows := result.fetchmany(_FETCH_ROWS):
        yield from rows


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _marks(values: Sequence) -> str:
    """Placeholders for `values` as a list of constants, which DuckDB can look up in a key's index."""
    return ", ".join("?" * len(values))


def _events_query(where: str, order: str) -> str:
    names = ", ".join(f"e.{c}" for c in ("id", *_EVENT_COLUMNS))
    return (f"SELECT {names}, d.outlet, d.url, d.date FROM events e JOIN documents d ON d.id = e.doc"
            f"{' WHERE ' + where if where else ''} ORDER BY {order}")


def _tallied(columns: str, tally: str, per_cluster: Callable[[str], str], selection: tuple[str, str, str]) -> str:
    """SQL of the rows to add up: whole months from the `tally` table, the days at the ends from the
    clusters (one row each, as `per_cluster` makes them)."""
    actors, months, days = selection
    return (f"SELECT {columns} FROM {tally} WHERE {actors} AND {months} "
            f"UNION ALL SELECT {columns} FROM ({per_cluster(f'{actors} AND {days}')})")


def _selection(
    sources: Sequence[str], targets: Sequence[str] | None, since: date | None, until: date | None, undated: bool,
) -> tuple[tuple[str, str, str], dict]:
    """SQL selecting asserted clusters between distinct actors, from `sources` (to `targets`), within
    `since`-`until`: (the actors, the whole months to take from the monthly tallies, the days at the
    ends to take from the clusters), and their parameters. Undated clusters count when no bound is
    given, or when `undated` says so.

    The actor codes are constants in the SQL (not a joined list), so that DuckDB skips the parts of
    the tables, laid out by source and target, that hold other actors.
    """
    params: dict = {f"s{n}": code for n, code in enumerate(sources)}
    actors = [f"source IN ({', '.join(f'${name}' for name in params)})", "source <> target", "NOT negated"]
    if targets is not None:
        params.update({f"t{n}": code for n, code in enumerate(targets)})
        actors.append(f"target IN ({', '.join(f'$t{n}' for n in range(len(targets)))})")
    if since is None and until is None:
        return (" AND ".join(actors), "TRUE", "FALSE"), params
    first = since if since is None or since.day == 1 else _next_month(since)
    last = until if until is None or _next_month(until) - _ONE_DAY == until else until.replace(day=1) - _ONE_DAY
    if first is not None and last is not None and first > last:  # not one whole month: every day from clusters
        months, days = ["FALSE"], ["day >= $since AND day <= $until"]
        params.update(since=since, until=until)
    else:
        months, days = [], []
        if first is not None:
            months.append("month >= $first")
            params["first"] = first
        if last is not None:
            months.append("month <= $last")
            params["last"] = last
        if since is not None and first != since:
            days.append("(day >= $since AND day < $first)")
            params["since"] = since
        if until is not None and last != until:
            days.append("(day > $last AND day <= $until)")
            params["until"] = until
    month_sql = " AND ".join(months)
    return (" AND ".join(actors), f"(({month_sql}){' OR month IS NULL' if undated else ''})",
            f"({' OR '.join(days) or 'FALSE'})"), params


def _month_rows(where: str) -> str:
    """One row per cluster, as the monthly tallies add them up."""
    return (f"SELECT date_trunc('month', day)::DATE AS month, source, target, quad, negated, 1 AS clusters, "
            f"goldstein FROM event_clusters WHERE {where}")


def _context_rows(where: str) -> str:
    """One row per cluster and context it names, with where it stands when clusters are read by date."""
    return ("SELECT date_trunc('month', day)::DATE AS month, source, target, quad, negated, context, 1 AS clusters, "
            "{'day': coalesce(day, DATE '9999-12-31'), 'id': id, 'pos': pos} AS first FROM (SELECT *, "
            f"unnest(contexts) AS context, generate_subscripts(contexts, 1) AS pos FROM event_clusters WHERE {where})")


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _dyad(event: Event) -> tuple[str, str]:
    return min(event.source, event.target), max(event.source, event.target)


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
