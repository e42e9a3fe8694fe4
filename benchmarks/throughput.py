"""Throughput of blocwatch against bare spaCy on the same corpus, measured in one run.

    python benchmarks/throughput.py [--words 100000] [--repeats 3] [--workers 1 2]

The corpus is the seeds (../shared/seeds) or, where they are absent, the bundled examples,
repeated until it holds at least --words words. Printed: the machine's core count; for bare
`nlp.pipe` over whole documents, full extract (clean text -> events) and, with --workers,
extract with several processes: docs/s and words/s (mean and spread over repeats, after a
warm-up), the ratio to bare spaCy, and peak memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

from blocwatch.events import Extractor
from blocwatch.model import Article
from blocwatch.pipeline import iter_articles

ROOT = Path(__file__).resolve().parents[1]


def corpus(min_words: int) -> list[Article]:
    seeds = ROOT.parent / "shared" / "seeds"
    source = seeds if seeds.exists() else ROOT / "examples" / "corpus"
    base = [a for a in iter_articles([str(source)]) if isinstance(a, Article)]
    articles, words = [], 0
    while words < min_words:
        for article in base:
            copy = Article(**{**{f: getattr(article, f) for f in article.__dataclass_fields__},
                              "id": f"{article.id}-{len(articles)}"})
            articles.append(copy)
            words += len(article.text.split())
    print(f"corpus: {len(articles)} documents, {words} words (from {source})")
    return articles


def timed(label: str, run, articles: list[Article], repeats: int) -> float:
    run(articles[: max(1, len(articles) // 20)])  # warm-up: caches, lazy loads
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        run(articles)
        seconds.append(time.perf_counter() - start)
    words = sum(len(a.text.split()) for a in articles)
    mean = statistics.mean(seconds)
    spread = statistics.stdev(seconds) if len(seconds) > 1 else 0.0
    print(f"{label:<28} {len(articles) / mean:8.1f} docs/s {words / mean:10.0f} words/s "
          f"({mean:.2f} s ± {spread:.2f})")
    return words / mean


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="*", default=[])
    options = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    articles = corpus(options.words)
    extractor = Extractor.load()
    nlp = extractor.nlp

    def bare(batch):
        for _ in nlp.pipe((a.text for a in batch), batch_size=64):
            pass

    def extract(batch, n_process=1):
        for _ in extractor.extract_many(batch, n_process=n_process):
            pass

    baseline = timed("bare nlp.pipe", bare, articles, options.repeats)
    ours = timed("blocwatch extract", extract, articles, options.repeats)
    print(f"ratio extract / bare spaCy: {ours / baseline:.2f}x (target >= 1.0)")
    for workers in options.workers:
        rate = timed(f"blocwatch extract x{workers}", lambda b, w=workers: extract(b, w), articles, options.repeats)
        print(f"ratio {workers} workers / 1 worker: {rate / ours:.2f}x")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
