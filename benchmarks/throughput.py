"""Throughput of blocwatch against bare spaCy on the same corpus, measured in one run.

    python benchmarks/throughput.py [--words 150000] [--repeats 2] [--ingest-repeats 2] [--workers 1 2] [--quick]
                                    [--json FILE]

The corpus is real-shaped (benchmarks/corpus.py: the sentences of ../shared/real and the seeds,
shuffled into documents of the real articles' lengths) until it holds at least --words words.
Measured, after a warm-up: bare `nlp.pipe` over whole documents, with the model as installed (its
NER too: what running spaCy on the text costs); the same with its matrices multiplied by NumPy's BLAS,
as the extractor's pipeline multiplies them (blocwatch.nlp.load_model), which tells the BLAS's share of
the ratio from that of less work; full extract (clean text -> events, `Extractor.extract_many`); and
full ingest (files -> read, clean, extract, DuckDB, clusters: `pipeline.run`) with each number of
--workers. Bare and extract are timed --repeats times in turn (harness.timed). Printed: docs/s and
words/s (mean and spread over repeats), the ratio of extract to bare spaCy (in wall time, and in this
process's CPU time, which a loaded machine distorts less), and of each worker count to one worker.
The quality gate runs in the same run: F1 and date accuracy of the same extractor on the whole of
../shared/real by ../shared/eval/score.py (totals only), printed beside the ratio against the floors in
benchmarks/floors.json, for a speed-up bought with lost events is none. --quick: 15,000 words, for a smoke test.

Ingest is measured --ingest-repeats times for each number of workers (in turn; the mean counts), each
by one whole `blocwatch ingest` command in a new process, as a user runs it (benchmarks/tapped_ingest.py
notes when each chunk is stored): its wall time, in which Python's start-up, the model's load and, with
workers, starting them count; and
its steady rate, the slope of documents done against time from the first chunk stored to the last,
which is what more workers buy on a long run. Both worker counts so start cold: a run in this
process would find the caches of the extract run above warm (the same corpus), and the workers not.
Printed beside them: the cores that the run (all its processes) and the machine's other processes kept
busy, and the seconds before the first chunk was stored and after the last.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import corpus
from harness import CpuShare, in_turn, ingest, ingest_figures, parser, print_machine, save, timed
from spacy.language import Language

from blocwatch.events import Extractor
from blocwatch.model import Article
from blocwatch.nlp import load_model
from blocwatch.pipeline import iter_articles

RATIO_TARGETS = {"extract_vs_bare": 2.0, "two_vs_one_worker": 1.8}
REAL = corpus.SHARED / "real"
SCORER = corpus.SHARED / "eval" / "score.py"
FLOORS = Path(__file__).with_name("floors.json")


def main() -> None:
    arguments = parser(__doc__, quick="15,000 words")
    # Long enough that starting the workers (a second or two) does not decide the ratio of workers, as it
    # would not on the corpora that need them; two repeats of each keep all benchmarks within 15 minutes.
    arguments.add_argument("--words", type=int, default=150_000)
    arguments.add_argument("--repeats", type=int, default=2)
    # Two ingests of each worker count: a single pair of runs swung by a fifth with the host.
    arguments.add_argument("--ingest-repeats", type=int, default=2)
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
        model = load_model()  # as installed, NER included; the extractor's pipeline runs without it
        # The same model on the extractor's BLAS: how much of the ratio is the BLAS and how much less work
        same_blas = load_model(numpy_blas=True)
        texts = [a.text for a in articles]
        warm = articles[: max(1, len(articles) // 10)]
        for _ in extractor.extract_many(warm):  # warm-up: caches, lazy loads
            pass

        def bare(nlp: Language, texts: list[str]) -> Callable[[], None]:
            def run() -> None:
                for _ in nlp.pipe(texts, batch_size=64):
                    pass
            return run

        for nlp in (model, same_blas):
            bare(nlp, texts[: len(warm)])()

        def extract() -> None:
            for _ in extractor.extract_many(articles):
                pass

        figures: dict = {"corpus": corpus.load_sources().name, "documents": documents, "words": words,
                         "repeats": options.repeats}
        timings = timed({"bare": bare(model, texts), "bare_same_blas": bare(same_blas, texts), "extract": extract},
                        options.repeats)
        for name, label in (("bare", "bare nlp.pipe"), ("bare_same_blas", "bare nlp.pipe, NumPy's BLAS"),
                            ("extract", "blocwatch extract")):
            timing = timings[name]
            figures[name] = {"seconds": timing, "docs_per_s": documents / timing.mean,
                             "words_per_s": words / timing.mean}
            print(f"{label:<32} {documents / timing.mean:8.1f} docs/s {words / timing.mean:10.0f} words/s "
                  f"({timing.mean:.2f} s ± {timing.spread:.2f})")
        figures["extract_vs_bare"] = figures["extract"]["words_per_s"] / figures["bare"]["words_per_s"]
        figures["extract_vs_bare_cpu"] = figures["bare"]["seconds"].cpu / figures["extract"]["seconds"].cpu
        figures["extract_vs_bare_same_blas"] = (figures["extract"]["words_per_s"]
                                                / figures["bare_same_blas"]["words_per_s"])
        figures["quality"] = _quality(extractor)
        quality = figures["quality"]
        print(f"ratio extract / bare spaCy: {figures['extract_vs_bare']:.2f}x in wall time, "
              f"{figures['extract_vs_bare_cpu']:.2f}x in CPU time "
              f"(target >= {RATIO_TARGETS['extract_vs_bare']}); against bare spaCy on NumPy's BLAS as extract "
              f"is, {figures['extract_vs_bare_same_blas']:.2f}x; "
              + (f"on ../shared/real F1 {quality['f1']:.3f} (P {quality['precision']:.3f} R {quality['recall']:.3f}), "
                 f"dates {quality['date_accuracy']:.3f}: {'kept' if quality['kept'] else 'LOST'} (F1 >= "
                 f"{quality['f1_before']}, dates >= {quality['dates_floor']})"
                 if quality else "F1 on ../shared/real: skipped, ../shared is absent"))
        ingests: dict[int, list] = {workers: [] for workers in options.workers}
        for n, workers in in_turn(options.workers, options.ingest_repeats):
            with CpuShare() as share:
                run = ingest(folder, "--db", scratch / f"w{workers}-{n}.duckdb", "--workers", workers, "--quiet",
                             scratch=scratch)
            ingests[workers].append((run, share))
        for workers, runs in ingests.items():
            ours, others = (statistics.mean(getattr(share, name) for _, share in runs) for name in ("ours", "others"))
            done = figures[f"ingest_{workers}"] = {**ingest_figures([run for run, _ in runs], documents, words),
                                                   "cores_used": ours, "cores_used_by_others": others}
            wall, rate = done["seconds"], done["steady_docs_per_s"]
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
    """The extractor's whole-set scores on ../shared/real by its own scorer (None where it is absent),
    and whether they keep the last recorded F1 (floors.json `current`) and the date floor."""
    if not REAL.exists() or not SCORER.exists():
        return None
    articles = (a for a in iter_articles([str(REAL / "input.jsonl")]) if isinstance(a, Article))
    predicted = [json.dumps(e.to_json()) for _, events in extractor.extract_many(articles) for e in events]
    with tempfile.TemporaryDirectory() as folder:
        gold, pred = Path(folder) / "gold.jsonl", Path(folder) / "pred.jsonl"
        gold.write_text("".join(path.read_text() for path in sorted((REAL / "gold").glob("*.jsonl"))))
        pred.write_text("".join(line + "\n" for line in predicted))
        printed = subprocess.run([sys.executable, SCORER, "--gold", gold, "--pred", pred, "--json"],
                                 capture_output=True, text=True, check=True).stdout
        typed = json.JSONDecoder().raw_decode(printed)[0]["typed"]  # the summary, then its headline line
    floors = json.loads(FLOORS.read_text())["real"]
    kept = round(typed["f1"], 3) >= floors["current"] and typed["date_accuracy"] >= floors["floor"]["dates"]
    return {"f1": typed["f1"], "precision": typed["precision"], "recall": typed["recall"],
            "date_accuracy": typed["date_accuracy"], "events": len(predicted), "f1_before": floors["current"],
            "dates_floor": floors["floor"]["dates"], "kept": kept}


if __name__ == "__main__":
    main()
