"""The Store: one interface to a blocwatch database, whatever holds it.

A Store reads and writes through a backend that lends it a DuckDB connection: a DuckDB file
(`blocwatch.store.duckfile`, one writer at a time, readers alongside) or a Parquet dataset's views
(`blocwatch.store.dataset`, read-only). The SQL lives in `queries`, `tallies`, `claims` and `writer`; this
class checks what may be done and hands each call its connection.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

import duckdb

from blocwatch.errors import DataError, StoreError
from blocwatch.model import Article, Event
from blocwatch.store import claims, queries, tallies, writer
from blocwatch.store.migrations import schema_version
from blocwatch.store.records import (
    ClusterRank,
    ClusterTally,
    ContextTally,
    DocumentPage,
    DocumentView,
    EventCluster,
    EvidenceTally,
    StoredEvent,
)


class Backend(Protocol):
    """Where a Store's tables are: it lends the connection, and may let go of it between uses."""

    path: Path
    read_only: bool

    def connection(self) -> duckdb.DuckDBPyConnection:
        """The open connection (opened anew if `release` let go of it)."""
        ...

    def release(self) -> None:
        """Let other processes at the data until the connection is next asked for."""
        ...

    def close(self) -> None:
        ...


class HeldConnection:
    """A backend holding one connection for its whole life: an in-memory database (a dataset's views,
    or a scratch database that a Parquet part is made in), which closing would lose."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: Path, *, read_only: bool):
        self._connection = connection
        self.path = path
        self.read_only = read_only

    def connection(self) -> duckdb.DuckDBPyConnection:
        return self._connection

    def release(self) -> None:
        """Nothing to let go of: no other process can reach an in-memory database."""

    def close(self) -> None:
        self._connection.close()


class Store:
    """A blocwatch database: the documents, events and event clusters, and the queries the analyses need.

    Made by `open_store`; use it as a context manager or call `close()`.
    """

    def __init__(self, backend: Backend, *, min_confidence: float = 0.0):
        self._backend = backend
        self.path = backend.path
        self.read_only = backend.read_only
        self.min_confidence = min_confidence

    def confident(self, min_confidence: float) -> Store:
        """This store as the analyses should see it with `--min-confidence`: the clusters, tallies and
        recognition claims it reads leave out what is less likely than `min_confidence` to be right.

        A happening (cluster) is left out when even its most confident report is below the threshold; a
        recognition claim (an event) when it is. The view shares this store's connection: close this
        store, not the view. 0 leaves nothing out.
        """
        return Store(self._backend, min_confidence=min_confidence)

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection, for inspection and bulk loads (blocwatch itself goes through Store methods)."""
        return self._backend.connection()

    def release(self) -> None:
        """Let readers in other processes open the file until this store is next used.

        A writer's connection holds DuckDB's file lock, which shuts readers out too; an ingest lets go
        of it between batches. No other writer gets in meanwhile. A no-op for in-memory databases.
        """
        self._backend.release()

    def close(self) -> None:
        self._backend.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def schema_version(self) -> int:
        """The version of the newest migration applied to this database."""
        return schema_version(self.connection)

    def content_hash(self, doc: str) -> str | None:
        """The content hash stored for document `doc`, or None when it has not been ingested."""
        return self.content_hashes([doc]).get(doc)

    def content_hashes(self, docs: Sequence[str]) -> dict[str, str]:
        """The content hashes stored for those of `docs` that have been ingested, by document id."""
        return queries.content_hashes(self.connection, docs)

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

        A run killed mid-way leaves each document whole or absent. A document id given twice keeps
        its first article, as an ingest on either engine does.

        Args:
            documents: (article, every event extracted from it) pairs.

        Returns:
            The articles refused, none of whose rows are written: each with the DataError saying why
            (an event type outside PLOVER, or a date that is not ISO 8601).

        Raises:
            StoreError: the store was opened read-only.
        """
        self._check_writable()
        return writer.write_documents(self.connection, documents)

    def replace_clusters(self, clusters: Iterable[tuple[ClusterRank, EventCluster]]) -> int:
        """Replace every event cluster, event-to-cluster link and monthly tally, in one transaction.

        Clusters are staged as they come and numbered from 1 in rank order at the end, so the caller
        never holds them all.

        Args:
            clusters: (rank, cluster) pairs in any order; the ids the clusters carry are ignored.

        Returns:
            How many clusters were written.

        Raises:
            StoreError: the store was opened read-only.
        """
        self._check_writable()
        return writer.replace_clusters(self.connection, clusters)

    def rebuild_tallies(self) -> None:
        """Recompute the monthly tallies from the stored clusters, and the recognition claims from the
        stored events, in one transaction.

        `replace_clusters` and the writes keep them up to date; this is for clusters and events written by
        other means (a bulk load in SQL).

        Raises:
            StoreError: the store was opened read-only.
        """
        self._check_writable()
        writer.rebuild_tallies(self.connection)

    def events(self, *, target: str | None = None) -> list[StoredEvent]:
        """Stored events in insertion order, optionally only those toward `target`."""
        return queries.events(self.connection, target=target, min_confidence=self.min_confidence)

    def recognition_claims(self, target: str) -> list[StoredEvent]:
        """The recognition claims (CAMEO 054 events) about `target`, in insertion order."""
        return claims.claims(self.connection, target, min_confidence=self.min_confidence)

    def events_by_dyad(self) -> Iterator[list[StoredEvent]]:
        """Every stored event, one (actor pair in either order, polarity) group at a time, in insertion order.

        Rows are fetched as they are consumed, so memory holds one group rather than the store.
        """
        return queries.events_by_dyad(self.connection)

    def clusters(
        self, *, actor: str | None = None, pair: tuple[str, str] | None = None, type: str | None = None,
        since: dt.date | None = None, until: dt.date | None = None, negated: bool | None = None,
        undated: bool = False,
    ) -> list[EventCluster]:
        """Event clusters with the articles reporting them, ordered by date (undated last).

        Args:
            actor: only clusters with this actor as source or target.
            pair: only clusters between these two actors, in either direction.
            type: only this PLOVER type.
            since: only clusters dated on or after this day (undated ones are left out).
            until: only clusters dated on or before this day (undated ones are left out).
            negated: only negated (True) or only asserted (False) events; None keeps both.
            undated: keep undated clusters even when `since` or `until` is given.

        While an ingest runs (or after one was interrupted) the clusters are those of the last
        clustering: documents written since are left out (`clusters_stale` tells).
        """
        return queries.clusters(self.connection, actor=actor, pair=pair, type=type, since=since, until=until,
                                negated=negated, undated=undated, min_confidence=self.min_confidence)

    def count_undated(self, *, actor: str | None = None, pair: tuple[str, str] | None = None,
                      type: str | None = None, negated: bool | None = None, among: Sequence[str] | None = None) -> int:
        """How many undated clusters match the filters of `clusters` (and, with `among`, are between two
        of those actors): what a date bound leaves out."""
        return queries.count_undated(self.connection, actor=actor, pair=pair, type=type, negated=negated,
                                     among=among, min_confidence=self.min_confidence)

    def tally_clusters(
        self, sources: Sequence[str], *, targets: Sequence[str] | None = None, by: str | None = None,
        since: dt.date | None = None, until: dt.date | None = None, undated: bool = False,
    ) -> list[ClusterTally]:
        """Count asserted (not negated) clusters by source, target, quad class and period, in the database.

        Whole months come from the monthly tallies, and only the days at the ends of `since`-`until`
        from the clusters (every cluster from the clusters, when `min_confidence` leaves some out). A
        cluster from an actor to itself is not counted.

        Args:
            sources: only clusters from these actors.
            targets: only clusters toward these actors; None: toward anyone.
            by: "month", "quarter" or "year" to count per period; None counts over all time.
            since: only clusters dated on or after this day (undated ones are left out).
            until: only clusters dated on or before this day (undated ones are left out).
            undated: count undated clusters (with period None) even when `since` or `until` is given.

        As `clusters`, counts are those of the last clustering.
        """
        return tallies.tally_clusters(self.connection, sources, targets=targets, by=by, since=since, until=until,
                                      undated=undated, min_confidence=self.min_confidence)

    def tally_contexts(self, sources: Sequence[str], *, targets: Sequence[str] | None = None,
                       since: dt.date | None = None) -> list[ContextTally]:
        """Count asserted clusters by source, target, quad class and each context they name, in the database
        (whole months from the monthly tallies, as `tally_clusters` does).

        Args:
            sources: only clusters from these actors.
            targets: only clusters toward these actors; None: toward anyone.
            since: only clusters dated on or after this day (undated ones are left out).

        As `clusters`, counts are those of the last clustering.
        """
        return tallies.tally_contexts(self.connection, sources, targets=targets, since=since,
                                      min_confidence=self.min_confidence)

    def tally_evidence(self, members: Sequence[str], *, by: str | None = None, since: dt.date | None = None,
                       until: dt.date | None = None, outsiders: bool = True) -> list[EvidenceTally]:
        """Count a group's asserted clusters with their articles, outlets and confidence, in the database:
        between members per pair and side, for the whole group, and members' conflictual acts toward
        outsiders (see `EvidenceTally.kind`).

        Args:
            members: the group's actor codes.
            by: "month", "quarter" or "year" to count per period; None counts over all time.
            since: only clusters dated on or after this day (undated ones are left out).
            until: only clusters dated on or before this day (undated ones are left out).
            outsiders: also count members' conflictual acts toward outsiders (False: only the group's own).

        As `clusters`, counts are those of the last clustering.
        """
        return tallies.tally_evidence(self.connection, members, by=by, since=since, until=until, outsiders=outsiders,
                                      min_confidence=self.min_confidence)

    def clusters_stale(self) -> bool:
        """True when documents were written after the event clusters were last built: an ingest is running,
        or was interrupted (the next ingest finishes it)."""
        return queries.clusters_stale(self.connection)

    def actors(self) -> set[str]:
        """Every actor code that is the source or target of a stored event."""
        return queries.actors(self.connection)

    def has_actor(self, code: str) -> bool:
        """Whether some stored event has `code` as its source or target."""
        return queries.has_actor(self.connection, code)

    def counts(self) -> dict[str, int]:
        """Row counts of every table, by table name."""
        return queries.counts(self.connection)

    def cluster_actors(self) -> dict[str, int]:
        """Every actor of an event cluster with how many clusters name it, most often named first."""
        return queries.cluster_actors(self.connection)

    def actor_activity(self) -> dict[str, tuple[int, dt.date | None, dt.date | None]]:
        """Every actor of an event cluster: (clusters naming it, their first day, their last day), by code."""
        return queries.actor_activity(self.connection)

    def cluster_locations(self) -> list[str]:
        """Each distinct location the event clusters name, in order."""
        return queries.cluster_locations(self.connection)

    def cluster_span(self) -> tuple[dt.date | None, dt.date | None]:
        """The first and last day of the event clusters (None, None when none is dated)."""
        return queries.cluster_span(self.connection)

    def document_page(self, *, limit: int, offset: int = 0) -> DocumentPage:
        """`limit` stored documents from `offset` on, in date order (undated last), with their event counts."""
        return queries.document_page(self.connection, limit=limit, offset=offset)

    def document(self, doc: str) -> DocumentView | None:
        """Document `doc` with its clean text and its events in reading order, or None when not stored."""
        return queries.document(self.connection, doc)

    def export_events(self) -> list[dict[str, Any]]:
        """Every event as an export record (fields, weights, cluster id, article's outlet, url and date)."""
        return queries.export_events(self.connection)

    def copy_events(self, out: Path) -> int:
        """Write every event's export record to the Parquet file `out`; returns how many were written."""
        return queries.copy_events(self.connection, out)

    def cluster_added(self) -> dict[int, dt.datetime]:
        """When the newest document of each event cluster was ingested, by cluster id."""
        return queries.cluster_added(self.connection)

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only, so nothing can be written to it")
