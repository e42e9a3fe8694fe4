"""The DuckDB-file backend: one process writes at a time (a lock file beside the database); any number
may read, also while an ingest runs.

The writer holds DuckDB's own file lock, which shuts readers out too, only while it writes a batch:
between batches it closes its connection (`release`) and the next use reopens it. A batch of documents
is written in one transaction, so a run killed at any point leaves every document whole or absent.
"""

from __future__ import annotations

import time
from pathlib import Path

import duckdb

from blocwatch.errors import StoreError
from blocwatch.store.duck import quoted
from blocwatch.store.failures import check_length, translated
from blocwatch.store.lock import LockTimeout, WriterLock
from blocwatch.store.migrations import migrate
from blocwatch.store.store import Store

_RETRY_SECONDS = 0.2
# How long a writer waits for readers to close the file: a reader holds it for one query or one command.
_READERS_WAIT = 60.0
_CHECKPOINT = "4MB"
# A checkpoint that completes a row group holds all of that group's columns in memory at once: with DuckDB's
# 122,880 rows, the ingest's writing process grew by some 200 MB as its documents table passed that count
# (a peak that a 10k-document run never reaches, so peak memory grew with the corpus); with 16,384 rows by
# 40-75 MB at each multiple. Row groups of 4,096 rows (two of DuckDB's vectors) keep it within the writer's
# usual swing, and the analyses on ten million events take the same time within the noise (query.py).
_ROW_GROUP_ROWS = 4_096


class DuckFile:
    """A DuckDB file as a Store's backend; a writer also holds the lock that keeps other writers out."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: Path, *, read_only: bool,
                 lock: WriterLock | None):
        self._open: duckdb.DuckDBPyConnection | None = connection
        self.path = path
        self.read_only = read_only
        self._lock = lock

    def connection(self) -> duckdb.DuckDBPyConnection:
        if self._open is None:
            self._open = _connect(self.path, read_only=self.read_only, wait=_READERS_WAIT)
        return self._open

    def release(self) -> None:
        """Close the connection (DuckDB folds its log into the file as it closes) and keep the writer lock,
        so that readers get in and no other writer does. A reader keeps its connection."""
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


def open_file(path: Path, *, read_only: bool, wait: float) -> Store:
    """Open (creating and migrating it when writable) the DuckDB file at `path`; see `open_store`.

    Raises:
        StoreError: the file is missing (read-only), busy, damaged, not a blocwatch store, or from a newer
            blocwatch.
    """
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
    store = Store(DuckFile(connection, path, read_only=read_only, lock=lock))
    try:
        with translated(path):
            check_length(connection, path)
            migrate(connection, path, read_only=read_only)
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


def _writer(path: Path) -> duckdb.DuckDBPyConnection:
    """A connection writing `path` in row groups of `_ROW_GROUP_ROWS` (an option DuckDB takes only on ATTACH)."""
    connection = duckdb.connect()
    try:
        connection.execute(f"ATTACH {quoted(path)} AS store (ROW_GROUP_SIZE {_ROW_GROUP_ROWS})")
        connection.execute("USE store")
    except BaseException:
        connection.close()
        raise
    return connection


def _connect(path: Path, *, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection to `path`, retried for `wait` seconds while another process holds the file."""
    deadline = time.monotonic() + wait
    while True:
        try:
            connection = duckdb.connect(str(path), read_only=True) if read_only else _writer(path)
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
