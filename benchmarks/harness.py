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
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil

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


def timed(run: Callable[[], object], repeats: int) -> Timing:
    seconds, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        seconds.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return Timing(statistics.mean(seconds), statistics.stdev(seconds) if len(seconds) > 1 else 0.0, seconds,
                  statistics.mean(cpu))


class CpuShare:
    """Cores kept busy while it is open: by this process and the children it waited for, and by the rest
    of the machine (on a shared machine, the other users' share is what a parallel run cannot have).

    Use as `with CpuShare() as share: ...`, then read `share.ours` and `share.others`.
    """

    def __enter__(self) -> CpuShare:
        self._start = (time.perf_counter(), _our_seconds(), _busy_seconds())
        return self

    def __exit__(self, *exc_info: object) -> None:
        wall = time.perf_counter() - self._start[0]
        self.ours = (_our_seconds() - self._start[1]) / wall
        self.others = max(0.0, (_busy_seconds() - self._start[2]) / wall - self.ours)


def _our_seconds() -> float:
    times = psutil.Process().cpu_times()
    return times.user + times.system + times.children_user + times.children_system


def _busy_seconds() -> float:
    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


def blocwatch(*args: object, cwd: Path | None = None) -> float:
    """Run the `blocwatch` command in a new process and return its wall time in seconds.

    Raises:
        SystemExit: the command failed (its error output is printed).
    """
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "blocwatch", *map(str, args)], cwd=cwd or ROOT,
                          capture_output=True, text=True)
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        raise SystemExit(f"blocwatch {' '.join(map(str, args))} failed")
    return time.perf_counter() - start


def save(path: Path | None, name: str, figures: dict) -> None:
    """Write the benchmark's figures, with the machine, to `path` (when given) as JSON."""
    if path is None:
        return
    record = {"benchmark": name, "machine": machine(), "figures": figures}
    path.write_text(json.dumps(record, indent=2, default=lambda o: asdict(o)) + "\n")
