"""What every benchmark shares: the machine it ran on, timing, and its results file (corpora: corpus.py).

Each benchmark prints its figures and, with --json FILE, writes them there too, for
`benchmarks/results.py` to gather into RESULTS.md (scripts/bench.sh runs them all).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TypeVar

import psutil

T = TypeVar("T")

ROOT = Path(__file__).resolve().parents[1]


def machine() -> dict:
    """Cores, processor, memory, load and Python of this machine, as a record."""
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() \
        else platform.processor()
    return {"cores": os.cpu_count(), "cpu": model, "memory_gb": round(psutil.virtual_memory().total / 2**30),
            "load": [round(x, 1) for x in os.getloadavg()], "python": platform.python_version(),
            "system": f"{platform.system()} {platform.release()}"}


def print_machine() -> None:
    m = machine()
    print(f"machine: {m['cores']} cores ({m['cpu']}), {m['memory_gb']} GB, load {m['load']} "
          f"(1, 5, 15 min), Python {m['python']}")


def parser(description: str, quick: str | None = None) -> argparse.ArgumentParser:
    """A benchmark's argument parser, with the --json option every benchmark has, and --quick (a smoke
    test on small sizes, whose figures mean nothing) where `quick` says what it runs."""
    made = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    made.add_argument("--json", type=Path, help="also write the figures to this file")
    if quick:
        made.add_argument("--quick", action="store_true", help=f"{quick}: a smoke test, not a measurement")
    return made


@dataclass(frozen=True)
class Timing:
    """Seconds per run over the repeats: mean, standard deviation and every run; and the mean CPU seconds
    of this process, which other processes' load on a shared machine changes far less than wall time."""

    mean: float
    spread: float
    runs: list[float]
    cpu: float


def in_turn(items: Sequence[T], repeats: int) -> Iterator[tuple[int, T]]:
    """(repeat, item) for each of `items`, `repeats` times, in turn and the order reversed each time, so that
    a slow spell of a shared host falls on all of them rather than on the one it met (the ratio of two
    works timed one after the other swung from 1.3x to 2.1x between runs of the same code)."""
    for repeat in range(repeats):
        for item in items if repeat % 2 == 0 else list(reversed(items)):
            yield repeat, item


def timed(runs: dict[str, Callable[[], object]], repeats: int) -> dict[str, Timing]:
    """Each of `runs` timed `repeats` times, in turn (see `in_turn`)."""
    seconds: dict[str, list[float]] = {name: [] for name in runs}
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    for _, name in in_turn(list(runs), repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        runs[name]()
        seconds[name].append(time.perf_counter() - start)
        cpu[name].append(time.process_time() - start_cpu)
    return {name: Timing(statistics.mean(s), statistics.stdev(s) if len(s) > 1 else 0.0, s, statistics.mean(cpu[name]))
            for name, s in seconds.items()}


class CpuShare:
    """Cores kept busy while it is open: by this process and every process started under it (sampled
    every 0.1 s, since a fork server's workers are its children, not ours, and end unseen by us), and by
    the rest of the machine (on a shared machine, the other users' share is what a parallel run cannot have).

    Use as `with CpuShare() as share: ...`, then read `share.ours` and `share.others`.
    """

    def __enter__(self) -> CpuShare:
        self._me = psutil.Process()
        self._seen: dict[int, float] = {}  # CPU seconds of each descendant when last sampled
        self._stop = threading.Event()
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._start = (time.perf_counter(), _own_seconds(self._me), _busy_seconds())
        self._sampler.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.1):
            for process in self._me.children(recursive=True):
                with suppress(psutil.Error):  # ended between listing and reading it
                    self._seen[process.pid] = _own_seconds(process)

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._sampler.join()
        wall = time.perf_counter() - self._start[0]
        self.ours = (_own_seconds(self._me) - self._start[1] + sum(self._seen.values())) / wall
        self.others = max(0.0, (_busy_seconds() - self._start[2]) / wall - self.ours)


def _own_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return times.user + times.system


def _busy_seconds() -> float:
    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


TAPPED = Path(__file__).with_name("tapped_ingest.py")


@dataclass(frozen=True)
class IngestRun:
    """One whole `blocwatch ingest` command in a new process: its wall time, and when each chunk was stored
    (seconds since the command started, documents done)."""

    wall: float
    points: list[tuple[float, int]]

    @property
    def steady(self) -> float:
        """Documents per second from the first chunk stored to the last (least squares): the start-up before
        it and the clusters after it left out; what more workers buy on a long run."""
        if len(self.points) < 3:
            raise SystemExit("too few chunks for a steady rate; give the benchmark more documents")
        times, done = zip(*self.points, strict=True)
        return statistics.linear_regression(times, done).slope


def ingest_figures(runs: Sequence[IngestRun], documents: int, words: int) -> dict:
    """The runs' mean rates, and the mean seconds before their first chunk was stored and after their last,
    with every run's wall time."""
    wall, steady = statistics.mean(run.wall for run in runs), statistics.mean(run.steady for run in runs)
    return {"seconds": wall, "docs_per_s": documents / wall, "words_per_s": words / wall,
            "steady_docs_per_s": steady, "steady_words_per_s": steady * words / documents,
            "to_first_chunk_seconds": statistics.mean(run.points[0][0] for run in runs),
            "after_last_chunk_seconds": statistics.mean(run.wall - run.points[-1][0] for run in runs),
            "wall_seconds": [run.wall for run in runs]}


def ingest(*args: object, scratch: Path) -> IngestRun:
    """Run `blocwatch ingest ARGS` in a new process, as a user runs it (benchmarks/tapped_ingest.py notes
    when each chunk is stored).

    Raises:
        SystemExit: the command failed (its error output is printed).
    """
    points_file = scratch / f"points-{time.monotonic_ns()}.json"
    start = time.perf_counter()
    done = subprocess.run([sys.executable, TAPPED, points_file, "ingest", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        raise SystemExit(f"blocwatch ingest {' '.join(map(str, args))} failed")
    return IngestRun(wall, [(moment - start, count) for moment, count in json.loads(points_file.read_text())])


def save(path: Path | None, name: str, figures: dict) -> None:
    """Write the benchmark's figures, with the machine, to `path` (when given) as JSON."""
    if path is None:
        return
    record = {"benchmark": name, "machine": machine(), "figures": figures}
    path.write_text(json.dumps(record, indent=2, default=lambda o: asdict(o)) + "\n")
