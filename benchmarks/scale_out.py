"""Scale-out on Dask: `blocwatch ingest --engine dask` on a cluster started as a user starts one.

    python benchmarks/scale_out.py [--documents 5000] [--sentences 2] [--workers 1 2] [--repeats 2] [--quick]
                                   [--json FILE]

The corpus is real-shaped (benchmarks/corpus.py): --documents wire briefs of --sentences real news
sentences each. For each worker count N, a scheduler (`dask scheduler`) and N worker processes
(`dask worker --nthreads 1`) are started on 127.0.0.1, then one `blocwatch ingest --engine dask
--scheduler ...` run is timed from start to end: reading, every worker's model load, coding,
writing the Parquet dataset and building the clusters; --repeats runs of each count, in turn, whose
mean counts (all are listed). The target: 2 workers >= 1.7x 1 worker.
Printed beside it: the steady rate of each run (documents per second from the first part stored to
the last), and the seconds before the first part and after the last (the start-up, the clusters).
From the one-worker rate in words per second, a paper estimate of the cores and hours that 10M
articles of the real articles' mean length would take. --quick: 300 documents, a smoke test.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import corpus
from harness import in_turn, ingest, ingest_figures, parser, print_machine, save

DASK = Path(sys.executable).parent / "dask"
ARTICLES = 10_000_000  # about GDELT's yearly English intake
DAY = 24 * 3600


def main() -> None:
    arguments = parser(__doc__, quick="300 documents")
    arguments.add_argument("--documents", type=int, default=5_000)
    arguments.add_argument("--sentences", type=int, default=2)
    arguments.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    arguments.add_argument("--repeats", type=int, default=2)
    options = arguments.parse_args()
    count = 300 if options.quick else options.documents
    print_machine()
    sources = corpus.load_sources()
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        _, documents, words = corpus.write_jsonl(corpus.documents(count, sentences=options.sentences),
                                                 scratch / "corpus")
        print(f"corpus: {documents} documents, {words} words ({sources.name})")
        figures: dict = {"corpus": sources.name, "documents": documents, "words": words, "repeats": options.repeats}
        runs: dict[int, list] = {workers: [] for workers in options.workers}
        for repeat, workers in in_turn(options.workers, options.repeats):
            with _cluster(scratch / f"cluster-{workers}-{repeat}", workers) as (address, started):
                run = ingest(scratch / "corpus", "--engine", "dask", "--scheduler", address, "--db",
                             scratch / f"dataset-{workers}-{repeat}", "--quiet", scratch=scratch)
            runs[workers].append((run, started))
            print(f"dask, {workers} worker(s): {run.wall:6.1f} s  {documents / run.wall:6.1f} docs/s  "
                  f"{words / run.wall:7.0f} words/s; steady {run.steady:.1f} docs/s; first part stored at "
                  f"{run.points[0][0]:.1f} s, {run.wall - run.points[-1][0]:.1f} s after the last (cluster "
                  f"started in {started:.1f} s, not counted)")
        for workers, done in runs.items():
            figures[f"workers_{workers}"] = {**ingest_figures([run for run, _ in done], documents, words),
                                             "cluster_start_seconds": statistics.mean(t for _, t in done)}
    if 1 in options.workers and 2 in options.workers:
        one, two = figures["workers_1"], figures["workers_2"]
        figures["two_vs_one"] = two["docs_per_s"] / one["docs_per_s"]
        figures["two_vs_one_steady"] = two["steady_docs_per_s"] / one["steady_docs_per_s"]
        print(f"ratio 2 workers / 1 worker: {figures['two_vs_one']:.2f}x (target >= 1.7); steady "
              f"{figures['two_vs_one_steady']:.2f}x")
    if 1 in options.workers:
        figures["estimate"] = _estimate(figures["workers_1"]["words_per_s"], sources.words_per_article)
        e = figures["estimate"]
        print(f"paper estimate for {ARTICLES:,} articles of {e['words_per_article']:.0f} words: "
              f"{e['core_hours']:,.0f} core-hours; {e['cores_for_a_day']} cores for a day, "
              f"or {e['hours_on_64_cores']:.0f} hours on 64 cores")
    save(options.json, "dask", figures)


def _estimate(words_per_s: float, words: float) -> dict:
    """Cores and hours for ARTICLES articles of `words` words each, at one worker's rate per core."""
    core_hours = ARTICLES * words / words_per_s / 3600
    return {"words_per_article": words, "per_core_words_per_s": words_per_s, "core_hours": core_hours,
            "cores_for_a_day": int(-(-core_hours * 3600 // DAY)), "hours_on_64_cores": core_hours / 64}


@contextmanager
def _cluster(folder: Path, workers: int):
    """A scheduler and `workers` single-threaded worker processes on 127.0.0.1; yields its address and
    the seconds it took to start. Every process is stopped at the end."""
    folder.mkdir()
    file = folder / "scheduler.json"
    log = (folder / "cluster.log").open("w")
    start = time.perf_counter()
    processes = [subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                   "--scheduler-file", file], stdout=log, stderr=log, cwd=folder)]
    try:
        processes += [subprocess.Popen([DASK, "worker", "--scheduler-file", file, "--nthreads", "1", "--host",
                                        "127.0.0.1", "--no-dashboard", "--local-directory", folder / f"w{n}",
                                        "--preload", "blocwatch.preload"],
                                       stdout=log, stderr=log, cwd=folder) for n in range(workers)]
        address = _wait_for(file, workers, folder / "cluster.log")
        yield address, time.perf_counter() - start
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()


def _wait_for(file: Path, workers: int, log: Path, timeout: float = 120) -> str:
    """The scheduler's address once `workers` workers have joined it (read off its scheduler file and log)."""
    import json

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if file.exists():
            try:
                info = json.loads(file.read_text())
            except ValueError:  # being written
                info = {}
            joined = log.read_text().count("Register worker")
            if info.get("address") and joined >= workers:
                return info["address"]
        time.sleep(0.2)
    raise SystemExit(f"the Dask cluster did not start within {timeout:.0f} s; see {log}:\n{log.read_text()[-2000:]}")


if __name__ == "__main__":
    main()
