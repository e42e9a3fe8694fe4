"""Gather the benchmarks' figures into a Markdown report: the date, the machine, and each target with
the number measured against it.

    python benchmarks/results.py FOLDER [--seconds N] > benchmarks/RESULTS.md

FOLDER holds the JSON files that throughput.py, memory.py, query.py, scale_out.py, clusters.py and hostile_pages.py
wrote with --json
(scripts/bench.sh runs them all, then this).
"""

from __future__ import annotations

import argparse
import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from harness import ROOT

BENCH_MINUTES = 15  # the budget for the whole of scripts/bench.sh

# What keeps the largest memory size out of a 15-minute bench, which two of the reasons below give
_TWO_HUNDRED_K = ("Coding 200k real-shaped documents takes 12-16 minutes alone on 2 cores, as the host allows, all "
                  "but a little of it the coding of their words (the memory figures give each size's seconds)")

# Why a target can be missed here, printed under the table for each one that is.
LIMITS = {
    "extract": "Extract parses only the sentences its gate lets through (two actors, or one and a cue, and a "
               "word that may trigger an event), but in real news most sentences hold both: about four words in "
               "five are parsed, and segmentation, actor matching and coding come on top (benchmarks/README.md "
               "has the profile).",
    "quality": "The extractor lost events or dates on ../shared/real against the figures recorded in "
               "benchmarks/floors.json.",
    "workers_steady": "Two workers need two free cores, which they share with the ingest process (reading, storing); "
                      "on a shared machine other processes take a share too (the cores busy are in the figures, "
                      "and benchmarks/README.md says where a parallel run loses).",
    "workers_wall": "A run's end (the clusters, built in one process) takes the same seconds with 1 or 2 workers, "
                    "and so does the model's load, which the fork server now does while the command imports "
                    "(blocwatch.forkserver): two workers store their first chunk about as early as one (the figures "
                    "give the seconds before the first chunk and after the last), and the rest is the host's load "
                    "on both cores (benchmarks/README.md).",
    "memory": "What grows with the corpus is the writing process: its DuckDB indexes and buffers (about 265 MB "
              "at 10k, 300 at 200k), and a longer run gives the processes' separate highs more chances to meet "
              "(benchmarks/README.md, 'Memory at 200k'; the checkpoints of completed row groups and the ids kept "
              "against duplicates, which grew it before, are bounded).",
    "memory_sizes": f"{_TWO_HUNDRED_K}, so scripts/bench.sh without --full measures 10k and 50k. Measured apart "
                    "(benchmarks/README.md, 'Memory at 200k'): +8.2% at 200k against 10k on 2026-12-03 (842 against "
                    "778 MB).",
    "bench_time": f"{_TWO_HUNDRED_K}, so a run that measures them (scripts/bench.sh --full) cannot also fit the "
                  "other benchmarks in 15 minutes; scripts/bench.sh without --full measures 10k and 50k.",
    "query": "A query reads every row group of the tables that holds its actors. Counts and weights add up from "
             "monthly tallies, but a group's distinct articles and outlets do not: they are counted over every "
             "report of its happenings (about 1.2 million for the bloc of five on the synthetic store). "
             "The share of a full scan, timed in the same run, says less about other processes' load.",
    "clusters": "A report vaguer than a week that fits several happenings of other articles stays apart "
                "rather than be guessed into one; each such report costs recall.",
    "hostile_pages": "Within the element budget a page is parsed and extracted whole: its cost per element is "
                     "the HTML parser's and trafilatura's, which this project does not control; over the budget "
                     "only the count of its start tags is paid.",
    "dask": "Each worker imports spaCy and loads a model before its first part, and the clusters are built after "
            "the last in one process: the same seconds with 1 or 2 workers (the figures give the seconds before "
            "the first part and after the last), and at the end one worker may code the last part alone.",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seconds", type=float, help="how long the whole benchmark run took")
    options = parser.parse_args()
    records = (json.loads(path.read_text()) for path in sorted(options.folder.glob("*.json")))
    found = {record["benchmark"]: record for record in records}
    rows: list[tuple[str, str, str, bool]] = []  # target, measured, key of LIMITS, met
    if "throughput" in found:
        rows += _throughput(found["throughput"]["figures"])
    if "memory" in found:
        rows += _memory(found["memory"]["figures"])
    if "query" in found:
        rows += _query(found["query"]["figures"])
    if "dask" in found:
        rows += _dask(found["dask"]["figures"])
    if "clusters" in found:
        rows += _clusters(found["clusters"]["figures"])
    if "hostile_pages" in found:
        rows += _hostile_pages(found["hostile_pages"]["figures"])
    if options.seconds:
        sizes = sorted(int(size) for size in found.get("memory", {}).get("figures", {}).get("sizes", {}))
        rows.append((f"every benchmark within {BENCH_MINUTES} minutes on 2 cores",
                     f"{options.seconds / 60:.1f} minutes (memory at {', '.join(f'{n / 1000:g}k' for n in sizes)} "
                     "documents)", "bench_time", options.seconds <= BENCH_MINUTES * 60))
    print(_report(found, rows, options.seconds))


def _throughput(figures: dict) -> list[tuple[str, str, str, bool]]:
    ratio = figures["extract_vs_bare"]
    quality = figures.get("quality")
    rows = [("full extract >= 2.0x bare `nlp.pipe` of the model as installed (words/s)",
             f"{ratio:.2f}x ({figures['extract']['words_per_s']:.0f} vs {figures['bare']['words_per_s']:.0f} "
             f"words/s, {figures['documents']} documents)"
             + (f"; in CPU time {figures['extract_vs_bare_cpu']:.2f}x" if "extract_vs_bare_cpu" in figures else "")
             + (f"; against bare `nlp.pipe` on NumPy's BLAS, as extract runs it, "
                f"{figures['extract_vs_bare_same_blas']:.2f}x" if "extract_vs_bare_same_blas" in figures else ""),
             "extract", min(ratio, figures.get("extract_vs_bare_cpu", ratio)) >= 2.0)]
    if quality and "date_accuracy" in quality:
        rows.append((f"the same run's extractor on all of ../shared/real: F1 >= {quality['f1_before']} (as recorded "
                     f"in floors.json), date accuracy >= {quality['dates_floor']}",
                     f"F1 {quality['f1']:.3f} (P {quality['precision']:.3f} R {quality['recall']:.3f}), dates "
                     f"{quality['date_accuracy']:.3f}", "quality", quality["kept"]))
    if "ingest_2_vs_1" in figures:
        one, two, ratios = figures["ingest_1"], figures["ingest_2"], figures["ingest_2_vs_1"]
        rows.append(("2 workers >= 1.8x 1 worker, full ingest: steady rate",
                     f"{ratios['steady']:.2f}x ({two['steady_docs_per_s']:.1f} vs {one['steady_docs_per_s']:.1f} "
                     "docs/s)", "workers_steady", ratios["steady"] >= 1.8))
        rows.append(("2 workers >= 1.8x 1 worker, full ingest: wall time of `blocwatch ingest` (start-up included)",
                     f"{ratios['wall']:.2f}x ({two['docs_per_s']:.1f} vs {one['docs_per_s']:.1f} docs/s)",
                     "workers_wall", ratios["wall"] >= 1.8))
    return rows


def _memory(figures: dict) -> list[tuple[str, str, str, bool]]:
    sizes = {int(size): value for size, value in figures["sizes"].items()}
    if "growth" not in figures:
        return []
    largest, base, growth = max(sizes), figures["growth_base"], figures["growth"]
    shown = ", ".join(f"{size / 1000:g}k: {value['peak_rss_mb']:.0f} MB, {value['docs_per_s']:.0f} docs/s"
                      for size, value in sorted(sizes.items()))
    rows = [(f"peak RSS at {largest / 1000:g}k documents within 10% of {base / 1000:g}k",
             f"{growth:+.1%} ({shown}; {figures['workers']} workers)", "memory", abs(growth) <= 0.10)]
    if largest < 200_000 or base != 10_000:
        projected = figures.get("projected_seconds", {}).get("200000")
        rows.append(("sizes 10k, 50k and 200k documents measured", f"measured {', '.join(map(str, sorted(sizes)))}"
                     + (f"; 200k at the {largest / 1000:g}k rate would take {projected / 60:.0f} minutes alone"
                        if projected else ""), "memory_sizes", False))
    return rows


def _query(figures: dict) -> list[tuple[str, str, str, bool]]:
    millions = figures["events"] / 1e6
    scan = figures.get("full_scan")
    return [(f"`{name}` on {millions:g}M events < 0.2 s median",
             f"{value['median'] * 1000:.0f} ms (range {value['min'] * 1000:.0f}-{value['max'] * 1000:.0f})"
             + (f"; {value['vs_full_scan']:.2f}x a full scan of the clusters ({scan['median'] * 1000:.0f} ms, "
                "same run)" if scan else ""),
             "query", value["median"] < 0.2) for name, value in figures["queries"].items()]


def _dask(figures: dict) -> list[tuple[str, str, str, bool]]:
    if "two_vs_one" not in figures:
        return []
    one, two, ratio = figures["workers_1"], figures["workers_2"], figures["two_vs_one"]
    rows = [(f"Dask with 2 workers >= 1.7x 1 worker ({figures['documents']} documents, >= 5,000)",
             f"{ratio:.2f}x ({two['seconds']:.1f} s vs {one['seconds']:.1f} s, each a whole `blocwatch ingest "
             "--engine dask` run on a started `dask scheduler` and `dask worker --nthreads 1` processes"
             + (f", the mean of {figures['repeats']} runs each (1 worker "
                f"{', '.join(f'{s:.1f}' for s in one['wall_seconds'])} s; 2 workers "
                f"{', '.join(f'{s:.1f}' for s in two['wall_seconds'])} s)" if figures.get("repeats", 1) > 1 else "")
             + (f"; steady rate {figures['two_vs_one_steady']:.2f}x" if "two_vs_one_steady" in figures else "")
             + ")", "dask",
             ratio >= 1.7 and figures["documents"] >= 5000)]
    estimate = figures.get("estimate")
    if estimate:
        rows.append(("paper estimate: 10M articles (benchmarks/README.md)",
                     f"{estimate['core_hours']:,.0f} core-hours at {estimate['per_core_words_per_s']:.0f} words/s a "
                     f"core, {estimate['words_per_article']:.0f} words an article: {estimate['cores_for_a_day']} cores "
                     f"for a day, {estimate['hours_on_64_cores']:.0f} h on 64", "dask", True))
    return rows


def _clusters(figures: dict) -> list[tuple[str, str, str, bool]]:
    counts = (f"{figures['events']} labelled events; {figures['both']} of {figures['clustered_pairs']} clustered pairs "
              f"right, {figures['both']} of {figures['same_pairs']} same-happening pairs found")
    return [("clustering across articles: pairwise precision >= 0.9 (benchmarks/data/clusters)",
             f"{figures['precision']:.3f} ({counts})", "clusters", figures["precision"] >= 0.9),
            ("clustering across articles: pairwise recall >= 0.8", f"{figures['recall']:.3f}", "clusters",
             figures["recall"] >= 0.8)]


def _hostile_pages(figures: dict) -> list[tuple[str, str, str, bool]]:
    rows = []
    for shape, value in figures["shapes"].items():
        low, high = min(value["elements"]), max(value["elements"])
        rows.append((f"cleaning a page of {shape}: time an element at {high:,} elements <= 1.5x at {low:,}",
                     f"{value['linear_ratio']:.2f}x", "hostile_pages", value["linear_ratio"] <= 1.5))
        rows.append((f"the attack's {value['full_mb']:.1f} MB page of {shape} refused by the budget of "
                     f"{figures['budget_elements']:,} elements",
                     f"{'refused' if value['full_refused'] else 'not refused'} in {value['full_seconds']:.2f} s "
                     f"({value['full_time_ratio']:.2f}x the time, {value['full_memory_ratio']:.2f}x the memory of "
                     f"the largest page within budget)", "hostile_pages", value["full_refused"]))
    return rows


def _report(found: dict, rows: list[tuple[str, str, str, bool]], seconds: float | None) -> str:
    machine = next(iter(found.values()))["machine"] if found else {}
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    # RESULTS.md itself is being written (the shell truncated it): its change says nothing of the code measured
    dirty = subprocess.run(["git", "status", "--porcelain", "--", ".", ":!benchmarks/RESULTS.md"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    lines = [
        "# Benchmark results",
        "",
        f"Written by `scripts/bench.sh` on {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}, at commit {commit}"
        f"{' with uncommitted changes' if dirty else ''}"
        f"{f'; all benchmarks took {seconds / 60:.1f} minutes' if seconds else ''}.",
        "",
        f"Machine: {machine.get('cores')} cores ({machine.get('cpu')}), {machine.get('memory_gb')} GB, "
        f"{machine.get('system')}, Python {machine.get('python')}. Load average (1, 5, 15 min) when each "
        "benchmark began: " + "; ".join(f"{name} {record['machine']['load']}" for name, record in found.items())
        + ".",
        "",
        "| target | measured | met |",
        "| --- | --- | --- |",
        *(f"| {target} | {measured} | {'yes' if met else '**no**'} |" for target, measured, _, met in rows),
    ]
    missed = list(dict.fromkeys(key for _, _, key, met in rows if not met))
    if missed:
        lines += ["", "## Targets not met, and what limits them", ""]
        for key in missed:  # one line per limit, naming every target it holds back
            targets = [target for target, _, found, met in rows if found == key and not met]
            lines.append(f"- {'; '.join(targets)}: {LIMITS[key]}")
    lines += ["", "## Figures", ""]
    for name, record in found.items():
        corpus = record["figures"].get("corpus")
        lines += [f"### {name}", "", *([f"Corpus: {corpus}.", ""] if corpus else []),
                  "```json", json.dumps(record["figures"], indent=1), "```", ""]
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    main()
