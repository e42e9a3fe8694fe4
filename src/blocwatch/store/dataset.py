"""Store stage at scale: the store's tables as a folder of Parquet files, written in parts by Dask
workers (`blocwatch ingest --engine dask`) and read back as a read-only Store of DuckDB views.

    DIR/blocwatch-dataset.json                        written last: schema version and row counts
    DIR/documents/month=2024-03/part-000012.parquet   by month of publication (month=undated)
    DIR/sentences/month=2024-03/part-000012.parquet   by their document's month
    DIR/events/month=2024-03/part-000012.parquet      by month of the event's day
    DIR/recognition_claims/month=2024-03/...          the recognition claims among them, likewise
    DIR/event_clusters/part-000000.parquet            built once every part is in, as are
    DIR/cluster_events/part-000000.parquet            the event links, the monthly tallies and the reports
    DIR/cluster_months/..., DIR/cluster_month_contexts/..., DIR/cluster_reports/...

A part's rows are made in an in-memory database by the store's own writer, so they are checked and
typed exactly as in a DuckDB file, and the views take their columns from the same migrations. A
folder without the manifest is an ingest that did not finish, and does not open.

A document id met twice in one ingest keeps its first document, on this engine as on a DuckDB file
(`blocwatch.pipeline` skips the later copies and reports them).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

import duckdb

from blocwatch.errors import DataError, StoreError
from blocwatch.model import Article, Event
from blocwatch.store.duck import one, quoted
from blocwatch.store.migrations import LATEST, migrate
from blocwatch.store.records import TABLES
from blocwatch.store.store import HeldConnection, Store
from blocwatch.store.writer import write_documents

MANIFEST = "blocwatch-dataset.json"
_FORMAT = "blocwatch parquet dataset"
_MONTH = "coalesce(strftime({}, '%Y-%m'), 'undated')"
# What each part writes, with the month it is filed under. Event ids are offset by the part number,
# so that they are unique across parts and keep the input order, as a DuckDB file's sequence does.
_PARTS = {
    "documents": f"SELECT *, {_MONTH.format('date')} AS month FROM documents",
    "sentences": f"SELECT s.*, {_MONTH.format('d.date')} AS month FROM sentences s JOIN documents d ON d.id = s.doc",
    "events": f"SELECT * REPLACE (id + {{offset}} AS id), {_MONTH.format('day')} AS month FROM events ORDER BY id",
    "recognition_claims": f"SELECT * REPLACE (id + {{offset}} AS id), {_MONTH.format('day')} AS month "
                          "FROM recognition_claims ORDER BY id",
}
_DERIVED = ("event_clusters", "cluster_events", "cluster_months", "cluster_month_contexts", "cluster_reports")
_PART_IDS = 1 << 32


def create_dataset(path: Path) -> None:
    """Make `path` a new, empty dataset folder.

    Raises:
        StoreError: `path` is a file, a folder that is not empty, or in a folder that does not exist.
    """
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: is a file; --engine dask writes a Parquet dataset folder: name a new or "
                         "empty folder")
    if path.is_dir() and any(path.iterdir()):
        raise StoreError(f"{path}: folder is not empty; --engine dask writes a new dataset: remove it or "
                         "name a new folder")
    if not path.parent.is_dir():
        raise StoreError(f"{path}: folder {path.parent} does not exist")
    path.mkdir(exist_ok=True)


def write_part(
    path: Path, number: int, documents: Sequence[tuple[Article, Sequence[Event]]]
) -> list[tuple[Article, DataError]]:
    """Write one chunk's documents, sentences and events into the dataset at `path`.

    Each file appears whole or not at all (written aside, then renamed), and writing a part again
    replaces it, so a task that Dask retries leaves no duplicate.

    Args:
        path: the dataset folder.
        number: the part's number, unique in the dataset and rising in input order.
        documents: (article, its events) pairs.

    Returns:
        The articles refused, with why (see `Store.write_many`).
    """
    name = f"part-{number:06d}"
    aside = path / f".{name}.tmp"
    shutil.rmtree(aside, ignore_errors=True)  # what a killed try of this task left
    aside.mkdir()
    with duckdb.connect() as con:
        migrate(con, path, read_only=False)
        refused = write_documents(con, documents)
        # One partitioned COPY a table: a COPY for each month (forty in two years of news) cost ten times more
        # than coding a chunk of briefs spent on writing it.
        for table, select in _PARTS.items():
            con.execute(f"COPY ({select.format(offset=number * _PART_IDS)}) TO {quoted(aside / table)} "
                        f"(FORMAT parquet, PARTITION_BY (month), FILENAME_PATTERN '{name}')")
    for file in sorted(aside.rglob("*.parquet")):
        folder = path / file.parent.relative_to(aside)
        folder.mkdir(parents=True, exist_ok=True)
        os.replace(file, folder / f"{name}.parquet")
    shutil.rmtree(aside)
    return refused


def building_dataset(path: Path) -> Store:
    """The dataset's parts as a Store whose cluster tables are in memory and writable, to build them."""
    return Store(HeldConnection(_views(path, _DERIVED), path, read_only=False))


def seal_dataset(store: Store) -> None:
    """Write the clusters built in `store` (from `building_dataset`) and then the manifest."""
    for table in _DERIVED:
        folder = store.path / table
        folder.mkdir(exist_ok=True)
        store.connection.execute(f"COPY {table} TO {quoted(folder / 'part-000000.parquet')} (FORMAT parquet)")
    parts = _part_rows(store.path, _files(store.path))
    manifest = {"format": _FORMAT, "schema": LATEST, "blocwatch": version("blocwatch"),
                "written_at": datetime.now(UTC).isoformat(timespec="seconds"), "rows": store.counts(),
                "parts": parts}
    (store.path / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def open_dataset(path: Path, *, read_only: bool = True) -> Store:
    """Open the dataset folder at `path` as a read-only Store (DuckDB views over its Parquet files).

    Raises:
        StoreError: opened for writing, no manifest (not a dataset, or an unfinished ingest), a dataset of
            another schema version, or parts that are damaged, missing or not the manifest's.
    """
    if not read_only and (path / MANIFEST).exists():
        raise StoreError(f"{path}: a Parquet dataset folder is read-only; ingest into a DuckDB file "
                         "(--db FILE.duckdb), or write a new dataset with --engine dask")
    if not read_only:
        raise StoreError(f"{path}: is a folder, not a DuckDB file; name a file such as {path / 'blocwatch.duckdb'}")
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreError(f"{path}: not a blocwatch dataset (no {MANIFEST}; a Dask ingest writes it last, "
                         "so an interrupted one leaves none: run it again into an empty folder)") from None
    except (OSError, ValueError) as exc:
        raise StoreError(f"{path / MANIFEST}: cannot be read ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != _FORMAT:
        raise StoreError(f"{path / MANIFEST}: not a blocwatch dataset manifest")
    if manifest.get("schema") != LATEST:
        raise StoreError(f"{path}: a dataset of schema {manifest.get('schema')}, and this blocwatch reads "
                         f"schema {LATEST}; write it again with this blocwatch's `ingest --engine dask`")
    _check_parts(path, manifest)
    return Store(HeldConnection(_views(path, ()), path, read_only=True))


_REWRITE = "write the dataset again with `blocwatch ingest --engine dask` into an empty folder"


def _files(path: Path) -> dict[str, Path]:
    """The dataset's Parquet parts, by their path inside it."""
    return {file.relative_to(path).as_posix(): file
            for table in TABLES for file in sorted((path / table).rglob("*.parquet"))}


def _part_rows(path: Path, files: dict[str, Path]) -> dict[str, int]:
    """Each part's row count, from its footer.

    Raises:
        StoreError: a part is not a whole Parquet file (cut short, overwritten, or not Parquet at all).
    """
    if not files:
        return {}
    with duckdb.connect() as con:
        try:
            # Every footer in one scan: a query per part took a millisecond each, over a second at the end of a
            # Dask ingest of 5,000 briefs (some 2,000 parts) and again each time the dataset is opened.
            found = dict(con.execute("SELECT file_name, num_rows FROM parquet_file_metadata(?)",
                                     [[str(file) for file in files.values()]]).fetchall())
            return {name: found[str(file)] for name, file in files.items()}
        except duckdb.Error:
            pass  # some part is damaged: each is read alone below, to name it
        rows = {}
        for name, file in files.items():
            try:
                rows[name] = one(con, "SELECT num_rows FROM parquet_file_metadata(?)", [str(file)])
            except duckdb.Error as exc:
                reason = str(exc).split("\n")[0].split(": ", 1)[-1]
                raise StoreError(f"{file}: a damaged part of the dataset ({reason}); {_REWRITE}") from None
    return rows


def _check_parts(path: Path, manifest: dict[str, object]) -> None:
    """Check the parts against the manifest, so that a missing part is an error rather than a silent
    shortfall: the parts it lists, with their rows; for a manifest without that list, the tables' totals.

    Raises:
        StoreError: a part is damaged, missing or not one the manifest lists, or the rows differ.
    """
    files = _files(path)
    rows = _part_rows(path, files)
    listed = manifest.get("parts")
    if isinstance(listed, dict):
        for problem, names in (("missing", sorted(set(listed) - set(files))),
                               ("not in its manifest", sorted(set(files) - set(listed))),
                               ("changed since it was written", sorted(n for n in listed if n in rows
                                                                       and rows[n] != listed[n]))):
            if names:
                more = f" and {len(names) - 1} more" if len(names) > 1 else ""
                raise StoreError(f"{path}: part {names[0]}{more} {'is' if len(names) == 1 else 'are'} {problem} "
                                 f"(the manifest lists {len(listed)} parts); {_REWRITE}")
        return
    totals = manifest.get("rows")
    expected = totals if isinstance(totals, dict) else {}
    for table in TABLES:
        found = sum(count for name, count in rows.items() if name.split("/", 1)[0] == table)
        if table in expected and found != expected[table]:
            raise StoreError(f"{path}: its parts hold {found} {table} rows and its manifest lists {expected[table]} "
                             f"(a part is missing or was added); {_REWRITE}")


def _views(path: Path, keep: Sequence[str]) -> duckdb.DuckDBPyConnection:
    """An in-memory database with the current schema, whose tables other than `keep` read the Parquet files."""
    con = duckdb.connect()
    migrate(con, path, read_only=False)
    for table in TABLES:
        if table in keep or next((path / table).rglob("*.parquet"), None) is None:
            continue  # an empty table of the right columns stands for a table no part has rows for
        columns = ", ".join(name for (name,) in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
            [table]).fetchall())
        files = quoted(path / table / "**" / "*.parquet")
        con.execute(f"DROP TABLE {table}")
        con.execute(f"CREATE VIEW {table} AS SELECT {columns} FROM read_parquet({files})")
    return con

