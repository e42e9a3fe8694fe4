"""`blocwatch ingest`: read, clean and code documents into a DuckDB file or a Parquet dataset."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TypedDict

import typer

from blocwatch.cli.app import MaxMb, MinConfidence, app, exit_code, out, progress_bar, warn
from blocwatch.errors import ParameterError
from blocwatch.forkserver import DASK, ENGINE, INGEST, WORKERS
from blocwatch.ingest import MIB
from blocwatch.model import Problem
from blocwatch.pipeline import run, run_dask
from blocwatch.store import DEFAULT_PATH, open_store
from blocwatch.store.failures import translated

_FEW_DOCUMENTS = 5  # runs longer than this get a progress bar
_WAIT_SECONDS = 300.0


class Engine(StrEnum):
    duckdb = "duckdb"
    dask = DASK


class _RunOptions(TypedDict):
    """What `ingest` passes to either engine alike."""

    max_bytes: int
    allow_private: bool
    workers: int
    min_confidence: float


@app.command(INGEST)
def ingest_command(
    sources: Annotated[list[str], typer.Argument(help="Files, folders, - for standard input, URLs or feed URLs.")],
    db: Annotated[Path, typer.Option(
        "--db", help="Where to write: the DuckDB file; with --engine dask, a new or empty folder for the Parquet "
                     "dataset.")] = DEFAULT_PATH,
    workers: Annotated[int, typer.Option(
        *WORKERS, help="Processes that clean and code documents, each loading its own model; with "
                       "--engine dask, the workers of the local cluster.")] = 1,
    engine: Annotated[Engine, typer.Option(
        ENGINE, help="duckdb: write the DuckDB file named by --db; dask: run on a Dask cluster and write a "
                     "Parquet dataset partitioned by month.")] = Engine.duckdb,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="With --engine dask: the address of a running Dask scheduler (tcp://host:8786) to "
                            "use instead of a local cluster.")] = None,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Let URLs reach private and loopback addresses (a server on your network).")]
    = False,
    wait: Annotated[bool, typer.Option(
        "--wait", help=f"If another blocwatch is writing to the database, wait for it (up to "
                       f"{_WAIT_SECONDS:.0f} s) instead of failing.")] = False,
    report: Annotated[Path | None, typer.Option(
        "--report", help="Write one JSON line per skipped or failed input to this file.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
    max_mb: MaxMb = 10.0,
    min_confidence: MinConfidence = 0.0,
) -> None:
    """Read, clean and code documents into the database; unchanged documents are skipped."""
    if scheduler is not None and engine is not Engine.dask:
        raise ParameterError("--scheduler", "a Dask scheduler is used only with --engine dask")
    if engine is Engine.dask and db.suffix == ".duckdb":
        raise ParameterError("--db", f"{db}: --engine dask writes a Parquet dataset folder, not a DuckDB file; "
                                     "name a folder (e.g. --db blocwatch-dataset)")
    options = _RunOptions(max_bytes=int(max_mb * MIB), allow_private=allow_private, workers=workers,
                          min_confidence=min_confidence)
    with progress_bar(quiet=quiet) as progress:
        bar = None

        def on_progress(done: int, total: int | None, problem: Problem | None) -> None:
            nonlocal bar
            if problem:
                warn(problem)
            if bar is None and (total is None or total > _FEW_DOCUMENTS):
                bar = progress.add_task("coding", total=total)
            if bar is not None:
                progress.update(bar, completed=done)

        if engine is Engine.dask:
            result = run_dask(sources, dataset=db, scheduler=scheduler, on_progress=on_progress, **options)
        else:
            with translated(db), open_store(db, wait=_WAIT_SECONDS if wait else 0.0) as store:
                result = run(sources, store=store, on_progress=on_progress, **options)
    if report:
        try:
            report.write_text("".join(json.dumps({"origin": p.origin, "reason": p.reason, "failed": p.failed},
                                                 ensure_ascii=False) + "\n" for p in result.problems),
                              encoding="utf-8")
        except OSError as exc:
            raise ParameterError("--report", f"{report}: cannot be written ({exc.strerror or exc})") from None
    if not quiet:
        out.print(f"documents: {result.documents}, events: {result.events}, unchanged: {result.unchanged}, "
                  f"skipped: {result.skipped}, failed: {result.failed}", highlight=False)
        if result.undated:
            out.print(f"undated: {result.undated} of the documents stored show no publication date (not in their "
                      "metadata, URL or text, and no fully dated event to infer one from)", highlight=False)
    raise typer.Exit(exit_code(result.documents + result.unchanged, result.failed))
