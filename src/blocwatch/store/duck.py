"""Small DuckDB helpers the store's modules share: transactions, batch inserts, placeholders, quoting."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pyarrow as pa

_FETCH_ROWS = 10_000
T = TypeVar("T")


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Everything done inside is committed together, or rolled back when it raises."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def insert(con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str],
           rows: Sequence[Sequence[object]]) -> None:
    """Insert `rows` (values in `columns` order) into `table` as one Arrow batch."""
    # One Arrow batch per statement: DuckDB's executemany runs a statement per row.
    if not rows:
        return
    # Column by column: a dict for every row took as long as the insert itself.
    batch = pa.Table.from_arrays([pa.array(values) for values in zip(*rows, strict=True)], names=list(columns))
    con.register("_batch", batch)
    try:
        names = ", ".join(columns)
        con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _batch")
    finally:
        con.unregister("_batch")


def one(con: duckdb.DuckDBPyConnection, query: str, params: Sequence[object] | None = None) -> Any:
    """The single value a query returns."""
    return first_row(con, query, params)[0]


def first_row(con: duckdb.DuckDBPyConnection, query: str, params: Sequence[object] | None = None) -> tuple[Any, ...]:
    """The first row of a query that always returns one (an aggregate, EXISTS, a table function's row)."""
    row = con.execute(query, params or []).fetchone()
    assert row is not None, query
    return row


def fetched(result: duckdb.DuckDBPyConnection) -> Iterator[tuple[Any, ...]]:
    """The rows of a query result, fetched a block at a time."""
    while rows := result.fetchmany(_FETCH_ROWS):
        yield from rows


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Another connection to `con`'s database, reading the same catalog: a cursor starts in the instance's
    default one, which is not the store's where the store is attached (the writer's, see duckfile)."""
    [(database,)] = con.execute("SELECT current_database()").fetchall()  # all: an open result would hold `con`
    other = con.cursor()
    other.execute(f"USE {quoted_name(database)}")
    return other


def quoted_name(name: str) -> str:
    """`name` as an SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def marks(values: Sequence[object]) -> str:
    """Placeholders for `values` as a list of constants, which DuckDB can look up in a key's index."""
    return ", ".join("?" * len(values))


def quoted(path: Path) -> str:
    """`path` as an SQL string literal."""
    return "'" + str(path).replace("'", "''") + "'"


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
