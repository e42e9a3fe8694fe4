"""What every benchmark shares: the machine it ran on, the corpus it reads, timing, and its results file.

Each benchmark prints its figures and, with --json FILE, writes them there too, for
`benchmarks/results.py` to gather into RESULTS.md (scripts/bench.sh runs them all).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
CORPORA = [path for path in (SEEDS, ROOT / "examples" / "corpus", ROOT / "tests" / "data" / "articles")
           if path.exists()]


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


def source_folder() -> Path:
    """The real articles the speed benchmarks read: the seeds where ../shared is present, else our examples."""
    return SEEDS if SEEDS.exists() else ROOT / "examples" / "corpus"


def parser(description: str) -> argparse.ArgumentParser:
    """A benchmark's argument parser, with the --json option every benchmark has."""
    made = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    made.add_argument("--json", type=Path, help="also write the figures to this file")
    return made


@dataclass(frozen=True)
class Corpus:
    """Copies of real articles in `folder` (inside the temporary folder `scratch`), and their size."""

    scratch: Path
    folder: Path
    documents: int
    words: int


@contextmanager
def copied_corpus(min_words: int) -> Iterator[Corpus]:
    """A temporary folder of renamed copies of the source's files, holding at least `min_words` clean words."""
    from blocwatch.model import Article
    from blocwatch.pipeline import iter_articles

    source = source_folder()
    words = {Path(a.origin).name: len(a.text.split()) for a in iter_articles([str(source)])
             if isinstance(a, Article)}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "corpus"
        folder.mkdir()
        documents = total = 0
        while total < min_words:
            for name, count in sorted(words.items()):
                shutil.copyfile(source / name, folder / f"c{documents:05d}_{name}")
                documents += 1
                total += count
        print(f"corpus: {documents} documents, {total} words (copies of {source})")
        yield Corpus(Path(scratch), folder, documents, total)


@dataclass(frozen=True)
class Timing:
    """Seconds per run over the repeats: mean, standard deviation and every run."""

    mean: float
    spread: float
    runs: list[float]


def timed(run: Callable[[], object], repeats: int) -> Timing:
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        seconds.append(time.perf_counter() - start)
    return Timing(statistics.mean(seconds), statistics.stdev(seconds) if len(seconds) > 1 else 0.0, seconds)


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
