"""Writing to the store: documents with their sentences and events, and the event clusters with their
monthly tallies, each in one transaction."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import duckdb

from blocwatch.errors import DataError
from blocwatch.model import Article, Event
from blocwatch.store.claims import add_claims, refill_claims
from blocwatch.store.duck import batches, insert, marks, transaction, utc_now
from blocwatch.store.queries import content_hashes
from blocwatch.store.records import (
    CLUSTER_COLUMNS,
    DOCUMENT_COLUMNS,
    EVENT_COLUMNS,
    SENTENCE_COLUMNS,
    ClusterRank,
    DocumentRows,
    EventCluster,
    cluster_row,
    document_rows,
)
from blocwatch.store.tallies import refresh_tallies

_STAGE_ROWS = 10_000


def write_documents(
    con: duckdb.DuckDBPyConnection, documents: Sequence[tuple[Article, Sequence[Event]]]
) -> list[tuple[Article, DataError]]:
    """Store articles and their events in one transaction, each replacing what its id held before.

    A document id given more than once keeps its first article, as a whole ingest does (see
    `blocwatch.pipeline`): later copies are left out without a word here, since the reader reported them.

    Returns:
        The articles refused, none of whose rows are written, each with the DataError saying why.
    """
    kept: dict[str, DocumentRows] = {}
    refused: list[tuple[Article, DataError]] = []
    seen: set[str] = set()
    for article, events in documents:
        if article.id in seen:
            continue
        seen.add(article.id)
        try:
            kept[article.id] = document_rows(article, events)
        except DataError as exc:
            refused.append((article, exc))
    if not kept:
        return refused
    now = utc_now()
    with transaction(con):
        # Most documents of a run are new: only those already stored have rows to delete.
        stored = list(content_hashes(con, list(kept)))
        if stored:
            for table, key in (("events", "doc"), ("recognition_claims", "doc"), ("sentences", "doc"),
                               ("documents", "id")):
                con.execute(f"DELETE FROM {table} WHERE {key} IN ({marks(stored)})", stored)
        # Event ids come from a sequence: the events written now are those above the highest one before.
        # (fetchall: a result left open would stop the batch inserts from registering their rows)
        [(before,)] = con.execute("SELECT coalesce(max(id), 0) FROM events").fetchall()
        insert(con, "documents", DOCUMENT_COLUMNS, [(*rows.document, now) for rows in kept.values()])
        insert(con, "sentences", SENTENCE_COLUMNS, [row for rows in kept.values() for row in rows.sentences])
        insert(con, "events", EVENT_COLUMNS, [row for rows in kept.values() for row in rows.events])
        add_claims(con, before, (event for _, events in documents for event in events))
        con.execute("UPDATE store_state SET writes = writes + 1")
    return refused


def replace_clusters(con: duckdb.DuckDBPyConnection, clusters: Iterable[tuple[ClusterRank, EventCluster]]) -> int:
    """Replace every event cluster, event-to-cluster link and monthly tally, in one transaction; returns
    how many clusters were written (see `Store.replace_clusters`)."""
    with transaction(con):
        con.execute("CREATE OR REPLACE TEMP TABLE _staged_clusters AS FROM event_clusters LIMIT 0")
        con.execute("CREATE OR REPLACE TEMP TABLE _staged_ranks (cluster INTEGER, first_day DATE, "
                    "key VARCHAR[], first_event BIGINT)")
        con.execute("CREATE OR REPLACE TEMP TABLE _staged_links AS FROM cluster_events LIMIT 0")
        staged = 0
        for batch in batches(clusters, _STAGE_ROWS):
            numbered = [(staged + n, rank, cluster) for n, (rank, cluster) in enumerate(batch, 1)]
            staged += len(batch)
            insert(con, "_staged_clusters", CLUSTER_COLUMNS, [cluster_row(c, number) for number, _, c in numbered])
            insert(con, "_staged_ranks", ("cluster", "first_day", "key", "first_event"),
                   [(number, *rank) for number, rank, _ in numbered])
            insert(con, "_staged_links", ("cluster", "event"),
                   [(number, event) for number, _, c in numbered for event in c.events])
        con.execute("DELETE FROM cluster_events")
        con.execute("DELETE FROM event_clusters")
        con.execute("CREATE OR REPLACE TEMP TABLE _numbers AS SELECT cluster, row_number() OVER "
                    "(ORDER BY first_day NULLS LAST, key, first_event) AS id FROM _staged_ranks")
        names = ", ".join(CLUSTER_COLUMNS[1:])
        # Laid out by source and target, so that queries about some actors read only their part of the table.
        con.execute(f"INSERT INTO event_clusters (id, {names}) SELECT n.id, {names} FROM _staged_clusters "
                    "s JOIN _numbers n ON n.cluster = s.id ORDER BY s.source, s.target, s.day, n.id")
        con.execute("INSERT INTO cluster_events SELECT n.id, l.event FROM _staged_links l "
                    "JOIN _numbers n USING (cluster) ORDER BY n.id, l.event")
        refresh_tallies(con)
        con.execute("UPDATE store_state SET clustered_writes = writes")
        for table in ("_staged_clusters", "_staged_ranks", "_staged_links", "_numbers"):
            con.execute(f"DROP TABLE {table}")
    return staged


def rebuild_tallies(con: duckdb.DuckDBPyConnection) -> None:
    """`refresh_tallies` and `refill_claims` in a transaction of their own."""
    with transaction(con):
        refresh_tallies(con)
        refill_claims(con)
