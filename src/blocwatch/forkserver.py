"""Where an ingest's worker processes come from: a fork server that has loaded the model once
(`blocwatch.preload`), started as early as the command line shows it will be needed.

Kept apart from the pipeline, whose imports (the cleaner, the store, the analyses) are what the early
start overlaps: the `blocwatch` command starts the fork server before it imports its own commands, so
that the server's second or so of loading spaCy runs beside the command's imports on another core rather
than after them.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
from collections.abc import Sequence

_PRELOAD = ["blocwatch.preload"]
# The words of the ingest command that `start_early` reads; the command is declared with these same names.
INGEST = "ingest"
WORKERS = ("--workers", "-w")
ENGINE = "--engine"
DASK = "dask"


def worker_context() -> multiprocessing.context.BaseContext:
    """How pool workers start: forked from a server process that has imported spaCy and loaded the model
    once, so each starts coding at once; spawned (each importing and loading everything anew) where there
    is no fork server. Never forked from the ingest's own process, which holds a progress thread and
    DuckDB's threads."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_PRELOAD)
    return context


def start_early(arguments: Sequence[str]) -> bool:
    """Start the fork server now if `arguments` (the command line after the program's name) ask for an
    ingest on more than one worker process of this machine; True if it was started.

    A guess from the words alone, before Typer parses them: a wrong one costs an idle process that ends
    with this one, and a missed one only the head start. The Dask engine starts workers of its own.
    """
    if not arguments or arguments[0] != INGEST or _value(arguments, ENGINE) == DASK:
        return False
    workers = _value(arguments, *WORKERS)
    if workers is None or not workers.isdigit() or int(workers) < 2:
        return False
    if worker_context().get_start_method() != "forkserver":
        return False
    multiprocessing.forkserver.ensure_running()
    return True


def _value(arguments: Sequence[str], *names: str) -> str | None:
    """The value given to the option called one of `names` ("--workers 2", "--workers=2", "-w 2"), the last
    one given winning as it does in the parser; None if it is not given."""
    found = None
    for at, word in enumerate(arguments):
        for name in names:
            if word == name and at + 1 < len(arguments):
                found = arguments[at + 1]
            elif word.startswith(name + "="):
                found = word.split("=", 1)[1]
    return found
