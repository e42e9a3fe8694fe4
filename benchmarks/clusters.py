"""Clustering across articles: pairwise precision and recall on a labelled set of our own.

    python benchmarks/clusters.py [--json FILE]

The set (benchmarks/data/clusters, see its README) is thirteen short articles reporting eight
happenings in different words, dates and orders of the parties, beside look-alike happenings that
are not the same. Its events are extracted, stored in a DuckDB file and clustered as `blocwatch
ingest` clusters them; each event the labels name gets its happening. Over the pairs of labelled
events: precision = pairs in one cluster that report one happening / pairs in one cluster; recall
= pairs reporting one happening that share a cluster / pairs reporting one happening.
Targets: precision >= 0.9, recall >= 0.8.
"""

from __future__ import annotations

import json
import sys
import tempfile
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from harness import ROOT, parser, print_machine, save

from blocwatch.pipeline import run
from blocwatch.plover import plover_types
from blocwatch.store import open_store

DATA = ROOT / "benchmarks" / "data" / "clusters"
TARGETS = {"precision": 0.9, "recall": 0.8}


@dataclass(frozen=True)
class PairScores:
    precision: float
    recall: float
    events: int
    clustered_pairs: int
    same_pairs: int
    both: int


def measure(folder: Path = DATA) -> PairScores:
    """Extract, store and cluster the set's articles, and score the clusters pairwise against its labels."""
    labels: dict[tuple, str] = {}
    for line in (folder / "labels.jsonl").read_text().splitlines():
        row = json.loads(line)
        labels[(row["doc"], row["source"], row["target"], row["type"])] = row["happening"]
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "clusters.duckdb")
        try:
            run([str(folder / "articles.jsonl")], store=store)
            happening: dict[int, str] = {}
            cluster_of: dict[int, int] = {}
            for cluster in store.clusters():
                for event_id in cluster.events:
                    cluster_of[event_id] = cluster.id
            for stored in store.events():
                label = _label(labels, stored.event)
                if label:
                    happening[stored.id] = label
        finally:
            store.close()
    return _score(happening, cluster_of)


def _label(labels: dict[tuple, str], event) -> str | None:
    key = (event.doc, event.source, event.target, event.type)
    if key in labels:
        return labels[key]
    if plover_types()[event.type].mutual:  # labelled in one order, reported in the other
        return labels.get((event.doc, event.target, event.source, event.type))
    return None


def _score(happening: dict[int, str], cluster_of: dict[int, int]) -> PairScores:
    clustered = same = both = 0
    for a, b in combinations(sorted(happening), 2):
        together = cluster_of.get(a) is not None and cluster_of.get(a) == cluster_of.get(b)
        alike = happening[a] == happening[b]
        clustered += together
        same += alike
        both += together and alike
    return PairScores(precision=both / clustered if clustered else 1.0, recall=both / same if same else 1.0,
                      events=len(happening), clustered_pairs=clustered, same_pairs=same, both=both)


def main() -> int:
    options = parser(__doc__).parse_args()
    print_machine()
    scores = measure()
    print(f"labelled events {scores.events}; pairs in one cluster {scores.clustered_pairs}, "
          f"pairs reporting one happening {scores.same_pairs}, both {scores.both}")
    met = scores.precision >= TARGETS["precision"] and scores.recall >= TARGETS["recall"]
    print(f"pairwise precision {scores.precision:.3f} (target {TARGETS['precision']}), "
          f"recall {scores.recall:.3f} (target {TARGETS['recall']}): {'met' if met else 'NOT MET'}")
    corpus = "benchmarks/data/clusters (our own labelled articles)"
    save(options.json, "clusters", {"corpus": corpus, **scores.__dict__})
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
