"""What a DuckDB error met while using a store means to the person running blocwatch: a damaged file, a
full disk, or neither. The places that open a store for a command or a request translate through
`translated`, so the first two become one line naming the file and what to do, never a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from blocwatch.errors import StoreError
from blocwatch.store.duck import first_row

# The operating system's words for a write that found no room, as DuckDB passes them on.
_NO_ROOM = ("no space left on device", "file too large", "disk quota exceeded")
# DuckDB's words for a file whose bytes are not what it wrote: cut short, overwritten, or not a database.
_REBUILD = ("restore it from a backup, or build a new one by ingesting the sources again into another file "
            "(--db NEW.duckdb)")
_DAMAGED = ("corrupt", "checksum", "could not read enough bytes", "not a valid duckdb database", "invalid magic",
            "failed to read", "no magic bytes", "invalid parquet", "truncated")


def store_failure(path: Path, exc: BaseException) -> StoreError | None:
    """The user's error for `exc`, met while using the store at `path`; None for any other DuckDB error
    (a query's own bug, which should surface as one).

    The errors `exc` was raised while handling count too: a failed statement aborts its transaction, and
    the next statement's "transaction is aborted" may be what reaches here.
    """
    seen: BaseException | None = exc
    while seen is not None:
        message = str(seen)
        reason = message.split("\n")[0].rsplit("Error: ", 1)[-1].strip()
        lowered = message.lower()
        if any(words in lowered for words in _NO_ROOM):
            return StoreError(f"{path}: the disk is full ({reason}); the documents stored before this were "
                              "written whole: free some space and run the same command again to finish")
        if any(words in lowered for words in _DAMAGED):
            return StoreError(f"{path}: the database is damaged ({reason}); {_REBUILD}")
        seen = seen.__cause__ or seen.__context__
    return None


@contextmanager
def translated(path: Path) -> Iterator[None]:
    """Raise `store_failure`'s StoreError in place of a DuckDB error that means a damaged file or a full disk.

    Raises:
        StoreError: the store at `path` is damaged, or its disk is full.
    """
    try:
        yield
    except duckdb.Error as exc:
        failure = store_failure(path, exc)
        if failure is None:
            raise
        raise failure from None


_HEADER_BYTES = 3 * 4096  # DuckDB's main header and its two database headers, before the first block


def check_length(connection: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Refuse a DuckDB file shorter than the blocks its header says are in use: a file cut short (a full
    disk, a broken copy) opens and answers some queries, then fails on the first block it lacks.

    Skipped while a write-ahead log is beside the file: its blocks are not in the file yet.

    Raises:
        StoreError: the file is shorter than its blocks.
    """
    if Path(f"{path}.wal").exists():
        return
    row = first_row(connection, "SELECT block_size, used_blocks FROM pragma_database_size()")
    needed = _HEADER_BYTES + row[0] * row[1]
    size = path.stat().st_size
    if size < needed:
        raise StoreError(f"{path}: the database is damaged (cut short: {size:,} bytes, where its blocks need "
                         f"{needed:,}); {_REBUILD}")
