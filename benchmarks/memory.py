"""Peak memory of `blocwatch ingest` as the corpus grows: each size ingested by a fresh process.

    python benchmarks/memory.py [--sizes 1000 10000 50000] [--workers 2] [--parsed 0.05] [--json FILE]

Documents are synthesised by recombining real sentences of the bundled corpora (the seeds where
../shared is present, the examples and the dev articles): two sentences and a date each (a wire
brief), written as JSON Lines files of 500 documents. Sentences that the extractor parses (those its gate lets
through: two actors, or one and a cue) make up --parsed of the draws, the corpora's other sentences
the rest; at the corpora's own share (about 0.8) 61k documents would take far longer than the
benchmark's budget, and the share changes the time a document takes, not what a run keeps.

Peak RSS is the largest sum of the resident memory of the ingest process and its workers, sampled
every 20 ms. The target: the peak at the largest size within 10% of the peak at 10k documents.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from contextlib import suppress
from datetime import date, timedelta
from pathlib import Path

import psutil
from harness import CORPORA, ROOT, parser, print_machine, save

from blocwatch.clean import CleanOptions, clean
from blocwatch.events import Extractor
from blocwatch.model import Article, RawPage
from blocwatch.pipeline import iter_articles

SHARD = 500
SENTENCES = 2
GROWTH_TARGET = 0.10


def main() -> None:
    arguments = parser(__doc__)
    arguments.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 50_000])
    arguments.add_argument("--workers", type=int, default=2)
    arguments.add_argument("--parsed", type=float, default=0.05)
    options = arguments.parse_args()
    print_machine()
    with tempfile.TemporaryDirectory() as tmp:
        shards = _synthesise(Path(tmp) / "corpus", max(options.sizes), options.parsed)
        figures: dict = {"workers": options.workers, "parsed_share": options.parsed, "sizes": {}}
        for size in sorted(options.sizes):
            peak, seconds = _peak_rss(shards[: -(-size // SHARD)], Path(tmp) / f"{size}.duckdb", options.workers)
            figures["sizes"][size] = {"peak_rss_mb": peak / 2**20, "seconds": seconds}
            print(f"{size:>7} documents: peak RSS {peak / 2**20:7.0f} MB   ({seconds:.0f} s, "
                  f"{size / seconds:.0f} docs/s)")
    sizes = figures["sizes"]
    if 10_000 in sizes and max(sizes) > 10_000:
        growth = sizes[max(sizes)]["peak_rss_mb"] / sizes[10_000]["peak_rss_mb"] - 1
        figures["growth_vs_10k"] = growth
        print(f"peak at {max(sizes)} vs 10000 documents: {growth:+.1%} (target within ±{GROWTH_TARGET:.0%})")
    save(options.json, "memory", figures)


def _synthesise(folder: Path, size: int, parsed: float) -> list[Path]:
    """Write `size` documents of recombined real sentences as JSON Lines shards; return the shard files."""
    extractor = Extractor.load()
    gated, other = [], []
    for article in iter_articles([str(path) for path in CORPORA]):
        if isinstance(article, Article):
            for sentence in extractor.segment(article.text):
                if not _kept(sentence.text):
                    continue  # table rows, captions and such: the clean stage would drop the document
                # The extractor's own gate, so that --parsed is the share of sentences it really parses.
                (gated if extractor._worth_parsing(sentence) else other).append(sentence.text)
    print(f"sentences: {len(gated)} parsed by the extractor, {len(other)} not (from {len(CORPORA)} corpora)")
    rng = random.Random(6)
    folder.mkdir(parents=True)
    shards = []
    for start in range(0, size, SHARD):
        shard = folder / f"shard-{start // SHARD:04d}.jsonl"
        with shard.open("w", encoding="utf-8") as out:
            for number in range(start, min(size, start + SHARD)):
                text = " ".join(rng.choice(gated if rng.random() < parsed else other) for _ in range(SENTENCES))
                day = date(2015, 1, 1) + timedelta(days=rng.randrange(4000))
                out.write(json.dumps({"id": f"m{number:06d}", "text": text, "date": day.isoformat()}) + "\n")
        shards.append(shard)
    return shards


def _kept(sentence: str) -> bool:
    """Whether the clean stage keeps `sentence`, as a page of its own, unchanged."""
    article = clean(RawPage(id="s", origin="s", content=sentence, kind="text"), options=CleanOptions(min_words=1))
    return isinstance(article, Article) and article.text.strip() == sentence.strip()


def _peak_rss(shards: list[Path], db: Path, workers: int) -> tuple[int, float]:
    """Ingest `shards` in a new process; return the peak summed RSS of it and its workers, and the seconds."""
    start = time.perf_counter()
    errors = db.with_suffix(".stderr")  # a file, not a pipe: a pipe nobody reads fills and stops the ingest
    with errors.open("w") as stderr:
        process = subprocess.Popen([sys.executable, "-m", "blocwatch", "ingest", *map(str, shards), "--db", str(db),
                                    "--workers", str(workers), "--quiet"], cwd=ROOT, stderr=stderr)
    watched = psutil.Process(process.pid)
    peak = 0
    while process.poll() is None:
        with suppress(psutil.NoSuchProcess):  # a worker ended between listing and reading it
            peak = max(peak, sum(p.memory_info().rss for p in [watched, *watched.children(recursive=True)]))
        time.sleep(0.02)
    if process.returncode != 0:
        raise SystemExit(f"ingest failed: {errors.read_text()[:2000]}")
    return peak, time.perf_counter() - start


if __name__ == "__main__":
    main()
