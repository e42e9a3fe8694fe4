"""Store stage: documents, events and event clusters, in an embedded DuckDB file or a read-only Parquet
dataset folder, behind one interface (`Store`, made by `open_store`).

    records     what the store hands back, and the one list of its columns
    migrations  the schema, as an ordered list of migrations, and how they are applied
    writer      documents and clusters in, one transaction each
    queries     events, clusters, documents and counts out
    tallies     the monthly tallies that relations and blocs add up
    store       the Store, over a backend lending it a DuckDB connection:
    duckfile      a DuckDB file (one writer, many readers), or
    dataset       a Parquet dataset written by `blocwatch ingest --engine dask` (DuckDB views, read-only)
"""

from __future__ import annotations

from pathlib import Path

from blocwatch.store.dataset import open_dataset
from blocwatch.store.duckfile import open_file
from blocwatch.store.records import (
    ClusterRank,
    ClusterTally,
    ContextTally,
    DocumentPage,
    DocumentSummary,
    DocumentView,
    EventCluster,
    EvidenceTally,
    StoredEvent,
)
from blocwatch.store.store import Store

DEFAULT_PATH = Path("blocwatch.duckdb")


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
        return open_dataset(path, read_only=read_only)
    return open_file(path, read_only=read_only, wait=wait)


__all__ = ["DEFAULT_PATH", "ClusterRank", "ClusterTally", "ContextTally", "DocumentPage", "DocumentSummary",
           "DocumentView", "EventCluster", "EvidenceTally", "Store", "StoredEvent", "open_store"]
