"""`blocwatch ingest` exactly as a user runs it, and the moment each chunk was stored.

    python benchmarks/tapped_ingest.py POINTS.json ingest SOURCES... [OPTIONS]

Runs the `blocwatch` command with the arguments after POINTS.json and, as it exits, writes to
POINTS.json the [monotonic seconds, documents done] of every chunk stored (the clock is the system's
monotonic clock, which `time.perf_counter` reads in every process alike). From these a benchmark
takes the run's steady rate, and from its own clock the wall time, of one and the same run in a
fresh process: with its model loaded cold, as each worker's is.
"""

from __future__ import annotations

import atexit
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from blocwatch.forkserver import start_early
from blocwatch.model import Problem

points: list[tuple[float, int]] = []


def tapped(engine: Callable[..., Any]) -> Callable[..., Any]:
    """`engine` (`pipeline.run` or `pipeline.run_dask`) noting each chunk stored, then telling the command."""
    def run(*args: Any, on_progress: Any = None, **kwargs: Any) -> Any:
        def tap(done: int, total: int | None, problem: Problem | None) -> None:
            if problem is None and done:
                points.append((time.perf_counter(), done))
            if on_progress is not None:
                on_progress(done, total, problem)

        return engine(*args, on_progress=tap, **kwargs)

    return run


def main() -> None:
    """What `blocwatch.__main__` does, with the engines tapped once the commands are imported."""
    out = Path(sys.argv.pop(1))
    start_early(sys.argv[1:])
    import blocwatch.cli.ingest as command
    from blocwatch.cli import main as blocwatch_main

    command.run, command.run_dask = tapped(command.run), tapped(command.run_dask)
    atexit.register(lambda: out.write_text(json.dumps(points)))
    sys.argv[0] = "blocwatch"
    blocwatch_main()


if __name__ == "__main__":
    main()
