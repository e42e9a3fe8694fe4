"""The store's schema as an ordered list of migrations; `open_store` applies the pending ones in order.

A migration is never edited once released: a change to the schema is a new entry at the end, so a
database written by any earlier blocwatch can be brought up to date.
"""

from __future__ import annotations

from typing import NamedTuple


class Migration(NamedTuple):
    version: int
    description: str
    statements: tuple[str, ...]


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
        """CREATE TABLE events (
            id BIGINT PRIMARY KEY DEFAULT nextval('event_ids'),
            doc VARCHAR NOT NULL,
            source VARCHAR NOT NULL,
            target VARCHAR NOT NULL,
            type VARCHAR NOT NULL,
            quad TINYINT NOT NULL,
            goldstein DOUBLE NOT NULL,
            negated BOOLEAN NOT NULL,
            cameo VARCHAR,
            date VARCHAR,
            day DATE,
            date_precision VARCHAR,
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
        """CREATE TABLE event_clusters (
            id INTEGER PRIMARY KEY,
            source VARCHAR NOT NULL,
            target VARCHAR NOT NULL,
            type VARCHAR NOT NULL,
            quad TINYINT NOT NULL,
            goldstein DOUBLE NOT NULL,
            negated BOOLEAN NOT NULL,
            cameo VARCHAR,
            date VARCHAR,
            day DATE,
            date_precision VARCHAR,
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
        # Links are not removed with their events: a link to a missing event, or an event without a
        # link, is how the store knows the clusters are out of date (see Store.clusters_stale).
        "CREATE TABLE cluster_events (cluster INTEGER NOT NULL, event BIGINT NOT NULL)",
    )),
)

LATEST = MIGRATIONS[-1].version
