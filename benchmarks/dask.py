"""The Dask engine against the single-process engine on the same corpus, each run as a user runs it.

    python benchmarks/dask.py [--words 60000] [--workers 1 2] [--repeats 1] [--json FILE]

The corpus is the seeds (or the bundled examples) copied until it holds --words words. Each run is
a new `blocwatch ingest` process timed from start to end, so Python's start-up, the local Dask
cluster's start and every worker's model load count: `--engine duckdb` (this machine's single
process writing a DuckDB file), then `--engine dask --workers N` for each N (a local cluster of N
processes writing a Parquet dataset). The target: Dask with 2 workers not slower than the single
process. (This file runs `blocwatch` in other processes and never imports the dask package, which
its own name would shadow here.)
"""

from __future__ import annotations

import statistics

from harness import blocwatch, copied_corpus, parser, print_machine, save


def main() -> None:
    arguments = parser(__doc__)
    arguments.add_argument("--words", type=int, default=60_000)
    arguments.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    arguments.add_argument("--repeats", type=int, default=1)
    options = arguments.parse_args()
    print_machine()
    with copied_corpus(options.words) as corpus:
        runs = {"single process": [blocwatch("ingest", corpus.folder, "--db", corpus.scratch / f"single-{n}.duckdb",
                                             "--quiet") for n in range(options.repeats)]}
        for workers in options.workers:
            runs[f"dask, {workers} workers"] = [
                blocwatch("ingest", corpus.folder, "--engine", "dask", "--workers", workers, "--db",
                          corpus.scratch / f"dask{workers}-{n}", "--quiet") for n in range(options.repeats)]
    documents = corpus.documents
    single = statistics.mean(runs["single process"])
    figures: dict = {"documents": documents, "words": corpus.words, "runs": runs}
    for name, seconds in runs.items():
        mean = statistics.mean(seconds)
        figures[name] = {"seconds": mean, "docs_per_s": documents / mean, "vs_single": single / mean}
        print(f"{name:<18} {mean:6.1f} s  {documents / mean:6.1f} docs/s  {single / mean:.2f}x the single process")
    save(options.json, "dask", figures)


if __name__ == "__main__":
    main()
