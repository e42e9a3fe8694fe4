"""The store's schema as an ordered list of migrations, and `migrate`, which applies the pending ones in order.

A migration is never edited once released: a change to the schema is a new entry at the end, so a
database written by any earlier blocwatch can be brought up to date.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import duckdb

from blocwatch.errors import StoreError
from blocwatch.store.claims import CREATE_CLAIMS
from blocwatch.store.duck import one, transaction, utc_now
from blocwatch.store.tallies import FILL_CONTEXTS, FILL_MONTHS, FILL_REPORTS


class Migration(NamedTuple):
    version: int
    description: str
    statements: tuple[str, ...]


# The coded fields an event and a cluster of events share, in the order migration 1 created them in both tables.
_CODED_COLUMNS = (
    "source VARCHAR NOT NULL", "target VARCHAR NOT NULL", "type VARCHAR NOT NULL", "quad TINYINT NOT NULL",
    "goldstein DOUBLE NOT NULL", "negated BOOLEAN NOT NULL", "cameo VARCHAR", "date VARCHAR", "day DATE",
    "date_precision VARCHAR",
)
_CODED = ",\n            ".join(_CODED_COLUMNS)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents, sentences, events, event clusters", (
        """CREATE TABLE documents (
            id VARCHAR PRIMARY KEY,
            origin VARCHAR NOT NULL,
            title VARCHAR,
            url VARCHAR,
            outlet VARCHAR,
            date DATE,
            language VARCHAR,
            text VARCHAR NOT NULL,
            raw_text VARCHAR,
            content_hash VARCHAR NOT NULL,
            ingested_at TIMESTAMP NOT NULL
        )""",
        # Only sentences that hold events are kept: they are the evidence, the rest is in documents.text.
        """CREATE TABLE sentences (
            doc VARCHAR NOT NULL,
            sentence INTEGER NOT NULL,
            start_char INTEGER,
            end_char INTEGER,
            text VARCHAR NOT NULL,
            PRIMARY KEY (doc, sentence)
        )""",
        "CREATE SEQUENCE event_ids START 1",
        # `date` keeps the extractor's string; `day` is its first day, for comparisons and periods.
        f"""CREATE TABLE events (
            id BIGINT PRIMARY KEY DEFAULT nextval('event_ids'),
            doc VARCHAR NOT NULL,
            {_CODED},
            recognition VARCHAR,
            evidence VARCHAR NOT NULL,
            confidence DOUBLE,
            sentence INTEGER,
            sentence_start INTEGER,
            sentence_end INTEGER,
            mode VARCHAR,
            contexts VARCHAR[],
            location VARCHAR
        )""",
        "CREATE INDEX events_doc ON events (doc)",
        f"""CREATE TABLE event_clusters (
            id INTEGER PRIMARY KEY,
            {_CODED},
            location VARCHAR,
            evidence VARCHAR NOT NULL,
            doc VARCHAR NOT NULL,
            contexts VARCHAR[],
            num_mentions INTEGER NOT NULL,
            num_articles INTEGER NOT NULL,
            num_outlets INTEGER NOT NULL,
            first_date DATE,
            last_date DATE
        )""",
        # Links are not removed with their events: until schema 2, a link to a missing event, or an
        # event without a link, was how the store knew the clusters were out of date.
        "CREATE TABLE cluster_events (cluster INTEGER NOT NULL, event BIGINT NOT NULL)",
    )),
    # Two anti-joins over events and their cluster links took seconds per query on ten million events:
    # a counter of writes, and the count the clusters were built from, answer "out of date?" at once.
    # The monthly tallies let relations and blocs add up months rather than clusters; a store from
    # before has clusters but no tallies, so it is out of date until its next ingest rebuilds both.
    Migration(2, "write counter for cluster freshness; monthly tallies of clusters and their contexts", (
        "CREATE TABLE store_state (writes BIGINT NOT NULL, clustered_writes BIGINT NOT NULL)",
        "INSERT INTO store_state SELECT 1, CASE WHEN EXISTS (SELECT 1 FROM events) THEN 0 ELSE 1 END",
        # `month` is the first day of the month of the clusters' `day`; NULL for undated clusters.
        """CREATE TABLE cluster_months (
            month DATE,
            source VARCHAR NOT NULL,
            target VARCHAR NOT NULL,
            quad TINYINT NOT NULL,
            negated BOOLEAN NOT NULL,
            clusters BIGINT NOT NULL,
            goldstein DOUBLE NOT NULL
        )""",
        # `first` is where the first cluster naming the context stands when clusters are read by date.
        """CREATE TABLE cluster_month_contexts (
            month DATE,
            source VARCHAR NOT NULL,
            target VARCHAR NOT NULL,
            quad TINYINT NOT NULL,
            negated BOOLEAN NOT NULL,
            context VARCHAR NOT NULL,
            clusters BIGINT NOT NULL,
            first STRUCT(day DATE, id INTEGER, pos INTEGER) NOT NULL
        )""",
    )),
    # A publication date known only to its month or year was stored as its first day, and shown as that
    # day; where it came from was not kept. Documents stored before carry NULLs: read as day-precise.
    Migration(3, "precision and source of each document's publication date", (
        "ALTER TABLE documents ADD COLUMN date_precision VARCHAR",
        "ALTER TABLE documents ADD COLUMN date_source VARCHAR",
    )),
    # Counting a group's articles and outlets joined every cluster to its events and their documents: 17 s
    # on ten million events. Each cluster's reports, one row per article, are now kept beside the clusters
    # (filled by migration 5 from the clusters already stored, as every clustering refills them).
    Migration(4, "each cluster's reports: its articles and outlets, with its confidence", (
        """CREATE TABLE cluster_reports (
            cluster INTEGER NOT NULL,
            source VARCHAR NOT NULL,
            target VARCHAR NOT NULL,
            quad TINYINT NOT NULL,
            negated BOOLEAN NOT NULL,
            day DATE,
            goldstein DECIMAL(9, 4) NOT NULL,
            confidence DECIMAL(9, 4),
            outlets INTEGER NOT NULL,
            lead BOOLEAN NOT NULL,
            doc INTEGER NOT NULL,
            outlet INTEGER
        )""",
    )),
    # A happening known only to its year was counted in January of it by month or quarter: the tallies
    # and reports now keep each cluster's date precision, and are filled again from the stored clusters.
    Migration(5, "the date precision of each cluster in the monthly tallies and the reports", (
        "ALTER TABLE cluster_months ADD COLUMN precision VARCHAR",
        "ALTER TABLE cluster_reports ADD COLUMN precision VARCHAR",
        "DELETE FROM cluster_months",
        FILL_MONTHS,
        "DELETE FROM cluster_reports",
        FILL_REPORTS,
    )),
    # A week across two months was counted in the month of its Monday: it is placed by its middle day now.
    Migration(6, "weeks counted in the month of their middle day in the monthly tallies", (
        "DELETE FROM cluster_months",
        FILL_MONTHS,
        "DELETE FROM cluster_month_contexts",
        FILL_CONTEXTS,
    )),
    # `recognition` read its claims from the events table, in ingest order: every event was scanned and
    # every document joined (3 s on ten million events). The claims are copied into a table of their own.
    Migration(7, "recognition claims in a table of their own, with their articles' outlet, url and date", (
        CREATE_CLAIMS,
    )),
)

LATEST = MIGRATIONS[-1].version


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The version of the newest migration applied to the database."""
    return int(one(con, "SELECT coalesce(max(version), 0) FROM schema_version"))


def migrate(con: duckdb.DuckDBPyConnection, path: Path, *, read_only: bool) -> None:
    """Bring the database on `con` (the file at `path`, named in errors) to the newest schema.

    Args:
        con: a connection to the database.
        path: what to call it in errors.
        read_only: refuse to migrate (a reader cannot write), rather than apply pending migrations.

    Raises:
        StoreError: the database has tables but no schema_version (not a blocwatch store), is from a
            newer blocwatch, or is older and opened read-only.
    """
    latest = MIGRATIONS[-1].version
    tables = {row[0] for row in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
    if "schema_version" in tables:
        current = schema_version(con)
    elif tables:
        raise StoreError(f"{path}: a DuckDB database, but not a blocwatch store "
                         f"(it has tables {', '.join(sorted(tables))} and no schema_version)")
    else:
        current = 0
    if current > latest:
        raise StoreError(f"{path}: written by a newer blocwatch (schema {current}; this one knows up "
                         f"to {latest}); upgrade blocwatch to read it")
    pending = [m for m in MIGRATIONS if m.version > current]
    if pending and read_only:
        raise StoreError(f"{path}: schema {current} is older than this blocwatch's {latest}; "
                         "run `blocwatch ingest` on it once to upgrade it")
    if not pending:
        return
    # All in one transaction: a process killed while upgrading leaves the old schema, never one between.
    with transaction(con):
        con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                    "description VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)")
        for migration in pending:
            for statement in migration.statements:
                con.execute(statement)
            con.execute("INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                        [migration.version, migration.description, utc_now()])
