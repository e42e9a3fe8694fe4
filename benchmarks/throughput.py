"""Throughput of blocwatch against bare spaCy on the same corpus, measured in one run.

    python benchmarks/throughput.py [--words 150000] [--repeats 1] [--workers 1 2] [--quick] [--json FILE]

The corpus is real-shaped (benchmarks/corpus.py: the sentences of ../shared/real and the seeds,
shuffled into documents of the real articles' lengths) until it holds at least --words words.
Measured, after a warm-up: bare `nlp.pipe` over whole documents; full extract (clean text ->
events, `Extractor.extract_many`); and full ingest (files -> read, clean, extract, DuckDB,
clusters: `pipeline.run`) with each number of --workers. Printed: docs/s and words/s (mean and
spread over repeats), the ratio of extract to bare spaCy, and of each worker count to one worker.
The quality gate runs in the same run: F1 of the same extractor on ../shared/real, printed beside
the ratio, for a speed-up bought with lost events is none. --quick: 15,000 words, for a smoke test.

Ingest is measured twice. Its wall time is that of a whole `blocwatch ingest` command in a new
process, as a user runs it: Python's start-up, the model's load and, with workers, starting them
count. Its steady rate is measured in this process, through `pipeline.run`: the slope of
documents done against time from the first chunk written to the last, which is what more workers
buy on a long run.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path

import corpus
from harness import CpuShare, blocwatch, parser, print_machine, save, timed

from blocwatch.evaluate import score
from blocwatch.events import Extractor
from blocwatch.model import Article
from blocwatch.pipeline import iter_articles, run
from blocwatch.store import open_store

RATIO_TARGETS = {"extract_vs_bare": 2.0, "two_vs_one_worker": 1.8}
REAL = corpus.SHARED / "real"


def main() -> None:
    arguments = parser(__doc__, quick="15,000 words")
    # Long enough that starting the workers (a second or two) does not decide the ratio of workers, as it
    # would not on the corpora that need them; one repeat of each keeps all benchmarks within ten minutes.
    arguments.add_argument("--words", type=int, default=150_000)
    arguments.add_argument("--repeats", type=int, default=1)
    arguments.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    options = arguments.parse_args()
    print_machine()
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        built = list(corpus.documents(words=15_000 if options.quick else options.words))
        folder = scratch / "corpus"
        _, documents, words = corpus.write_jsonl(iter(built), folder)
        articles = corpus.articles(iter(built))
        print(f"corpus: {documents} documents, {words} words ({corpus.load_sources().name})")
        extractor = Extractor.load()
        texts = [a.text for a in articles]
        warm = articles[: max(1, len(articles) // 10)]
        for _ in extractor.extract_many(warm):  # warm-up: caches, lazy loads
            pass

        def bare() -> None:
            for _ in extractor.nlp.pipe(texts, batch_size=64):
                pass

        def extract() -> None:
            for _ in extractor.extract_many(articles):
                pass

        figures: dict = {"corpus": corpus.load_sources().name, "documents": documents, "words": words,
                         "repeats": options.repeats}
        for name, label, work in (("bare", "bare nlp.pipe", bare), ("extract", "blocwatch extract", extract)):
            timing = timed(work, options.repeats)
            figures[name] = {"seconds": timing, "docs_per_s": documents / timing.mean,
                             "words_per_s": words / timing.mean}
            print(f"{label:<32} {documents / timing.mean:8.1f} docs/s {words / timing.mean:10.0f} words/s "
                  f"({timing.mean:.2f} s ± {timing.spread:.2f})")
        figures["extract_vs_bare"] = figures["extract"]["words_per_s"] / figures["bare"]["words_per_s"]
        figures["quality"] = _quality(extractor)
        quality = figures["quality"]
        print(f"ratio extract / bare spaCy: {figures['extract_vs_bare']:.2f}x "
              f"(target >= {RATIO_TARGETS['extract_vs_bare']}); "
              + (f"F1 on ../shared/real {quality['f1']:.3f} (P {quality['precision']:.3f} R {quality['recall']:.3f})"
                 if quality else "F1 on ../shared/real: skipped, ../shared is absent"))
        for workers in options.workers:
            runs = [_steady(folder, scratch / f"w{workers}-{n}.duckdb", workers)
                    for n in range(options.repeats)]
            rate, ours, others = (statistics.mean(run[n] for run in runs) for n in range(3))
            walls = [blocwatch("ingest", folder, "--db", scratch / f"cli-w{workers}-{n}.duckdb", "--workers",
                               workers, "--quiet") for n in range(options.repeats)]
            wall = statistics.mean(walls)
            figures[f"ingest_{workers}"] = {"wall_seconds": walls, "docs_per_s": documents / wall,
                                            "steady_docs_per_s": rate, "steady_words_per_s": rate * words / documents,
                                            "cores_used": ours, "cores_used_by_others": others}
            print(f"{f'blocwatch ingest --workers {workers}':<32} {documents / wall:8.1f} docs/s {words / wall:10.0f} "
                  f"words/s (wall {wall:.1f} s); steady {rate:.1f} docs/s {rate * words / documents:.0f} words/s; "
                  f"cores busy: {ours:.2f} ours, {others:.2f} other processes'")
        for workers in (w for w in options.workers if w > 1 and 1 in options.workers):
            one, more = figures["ingest_1"], figures[f"ingest_{workers}"]
            ratios = {"steady": more["steady_docs_per_s"] / one["steady_docs_per_s"],
                      "wall": more["docs_per_s"] / one["docs_per_s"]}
            figures[f"ingest_{workers}_vs_1"] = ratios
            print(f"ratio {workers} workers / 1 worker: steady {ratios['steady']:.2f}x, wall {ratios['wall']:.2f}x "
                  f"(target >= {RATIO_TARGETS['two_vs_one_worker']} for 2 workers on 2 cores)")
    save(options.json, "throughput", figures)


def _quality(extractor: Extractor) -> dict | None:
    """The extractor's whole-set scores on ../shared/real (None where it is absent)."""
    if not REAL.exists():
        return None
    gold = [json.loads(line) for path in sorted((REAL / "gold").glob("*.jsonl"))
            for line in path.read_text().splitlines() if line.strip()]
    articles = (a for a in iter_articles([str(REAL / "input.jsonl")]) if isinstance(a, Article))
    predicted = [e.to_json() for _, events in extractor.extract_many(articles) for e in events]
    result = score(gold, predicted)
    return {"f1": result.f1, "precision": result.precision, "recall": result.recall, "events": len(predicted)}


def _steady(folder: Path, db: Path, workers: int) -> tuple[float, float, float]:
    """One full ingest into a new database, in this process: its steady rate in documents per second,
    and the cores it and the machine's other processes kept busy."""
    points: list[tuple[float, int]] = []

    def on_progress(done: int, total: int | None, problem: object) -> None:
        if problem is None and done:
            points.append((time.perf_counter(), done))

    with CpuShare() as share, open_store(db) as store:
        run([str(folder)], store=store, workers=workers, on_progress=on_progress)
    if len(points) < 3:
        raise SystemExit(f"{folder}: too few chunks for a steady rate; raise --words")
    # Least squares from the first chunk written to the last: the start-up before it is left out.
    times, done = zip(*points, strict=True)
    slope = statistics.linear_regression(times, done).slope
    return slope, share.ours, share.others


if __name__ == "__main__":
    main()
