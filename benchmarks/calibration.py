"""How well `confidence` predicts that an event is right, on folds the model did not see.

    python benchmarks/calibration.py            # reliability table on held-out folds
    python benchmarks/calibration.py --write    # also refit on every set and write data/calibration.json

Codes every gold set we may tune on (our dev corpus; from ../shared, where present, the seeds, the
challenge sentences, the PLOVER gold sentences and the real articles r001-r032 only: r033-r048 stay
held out) and labels each event by the scorer's rule: right when its (source, target, type, negated)
tuple matches a gold entry of its document; events matching only optional entries are left out.
A logistic regression (scikit-learn) over the features of blocwatch.events.confidence is fitted on
four fifths of the documents and predicts the fifth, five times; the table compares the predicted
probability with the observed share of right events per bin. Refit after any change to the coder,
the lexicon or FEATURES: the package reads only the written coefficients.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Mapping
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from blocwatch.evaluate import _merge, _type
from blocwatch.events import Extractor
from blocwatch.events.confidence import FEATURES
from blocwatch.model import Article
from blocwatch.pipeline import iter_articles

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OUTPUT = ROOT / "src" / "blocwatch" / "data" / "calibration.json"
TUNING_REAL = re.compile(r"r0(0[1-9]|[12][0-9]|3[0-2])$")  # r001-r032; r033-r048 are held out
SETS = {
    "dev": (ROOT / "tests" / "data" / "articles", ROOT / "tests" / "data" / "gold" / "dev.jsonl"),
    "seeds": (SHARED / "seeds", SHARED / "gold" / "seeds.jsonl"),
    "challenge": (SHARED / "challenge" / "input.jsonl", SHARED / "challenge" / "gold.jsonl"),
    "plover_gsr": (SHARED / "peer" / "plover-gsr-input.jsonl", SHARED / "gold" / "plover-gsr.jsonl"),
    "real": (SHARED / "real" / "input.jsonl", SHARED / "real" / "gold"),
}
BINS = (0.0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
C = 1.0  # inverse L2 strength: a thousand-odd events, thirty-odd features


class _Recorder:
    """Stands in for the shipped model during coding: keeps each event's features, returns a placeholder."""

    def __init__(self) -> None:
        self.features: list[dict[str, float]] = []

    def probability(self, features: Mapping[str, float]) -> float:
        self.features.append(dict(features))
        return float(len(self.features) - 1)  # the event's row, read back below


def _gold(path: Path) -> list[dict]:
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    rows = [json.loads(line) for f in files for line in f.read_text().splitlines() if line.strip()]
    return [r for r in rows if not r["doc"].startswith("r") or TUNING_REAL.match(r["doc"])]


def _label(event: dict, entries) -> int | None:
    """1 right, 0 wrong, None when it matches only optional entries (neither counted nor missed)."""
    key = (event["source"], event["target"], _type(event["type"]), bool(event["negated"]))
    matching = [g for g in entries if g.matches(*key, quad=False)
                and (g.recognition or str(event.get("cameo") or "") != "054")]
    if not matching:
        return 0
    return 1 if any(g.required for g in matching) else None


def collect() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Features, labels, document groups and hand-set confidences of every labelled event."""
    recorder = _Recorder()
    extractor = Extractor.load()
    extractor.calibration = recorder
    features, labels, groups, used = [], [], [], []
    for name, (inputs, gold_path) in SETS.items():
        if not inputs.exists():
            print(f"{name:<11} skipped: {inputs} is absent")
            continue
        rows = _gold(gold_path)
        docs, gold = {r["doc"] for r in rows}, _merge(rows)
        articles = (a for a in iter_articles([str(inputs)]) if isinstance(a, Article) and a.id in docs)
        count = 0
        for article, events in extractor.extract_many(articles):
            for event in events:
                label = _label(event.to_json(), gold[article.id])
                if label is not None and event.source != event.target:
                    features.append(recorder.features[int(event.confidence)])
                    labels.append(label)
                    groups.append(f"{name}/{article.id}")
                    count += 1
        used.append(f"{name} ({count} events)")
    matrix = np.array([[row[f] for f in FEATURES] for row in features])
    return matrix, np.array(labels), np.array(groups), matrix[:, FEATURES.index("hand")], used


def _fit(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> LogisticRegression:
    """Each gold set weighs the same: our clean dev prose would otherwise teach that most events are right."""
    sets = np.array([g.split("/")[0] for g in groups])
    names, counts = np.unique(sets, return_counts=True)
    weight = dict(zip(names, len(sets) / (len(names) * counts), strict=True))
    return LogisticRegression(C=C, max_iter=2000).fit(x, y, sample_weight=np.array([weight[s] for s in sets]))


def reliability(predicted: np.ndarray, y: np.ndarray, title: str) -> None:
    print(f"\n{title}\n  {'bin':<11}{'events':>7}{'predicted':>11}{'observed':>10}")
    for low, high in zip(BINS, BINS[1:], strict=False):
        inside = (predicted >= low) & (predicted < high)
        if inside.any():
            print(f"  {low:.1f}-{min(high, 1.0):.1f}   {inside.sum():>7}{predicted[inside].mean():>11.2f}"
                  f"{y[inside].mean():>10.2f}")
    high = predicted >= 0.8
    share = y[high].mean() if high.any() else float("nan")
    print(f"  confidence >= 0.8: {high.sum()} events, {share:.1%} right")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help=f"refit on everything and write {OUTPUT.name}")
    options = parser.parse_args()
    x, y, groups, hand, used = collect()
    print(f"events: {len(y)} ({y.mean():.1%} right) from {len(set(groups))} documents: {', '.join(used)}")
    held_out = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=5).split(x, y, groups):
        held_out[test] = _fit(x[train], y[train], groups[train]).predict_proba(x[test])[:, 1]
    reliability(hand, y, "hand-set constants (before)")
    reliability(held_out, y, "fitted model, held-out folds (5-fold, by document)")
    print("\n  per set, held out: events with confidence >= 0.8 and the share right")
    sets = np.array([g.split("/")[0] for g in groups])
    for name in dict.fromkeys(sets):
        mine = (sets == name) & (held_out >= 0.8)
        share = f"{y[mine].mean():.1%}" if mine.any() else "-"
        print(f"  {name:<11}{mine.sum():>5} of {(sets == name).sum():>4}  {share:>6} right "
              f"(all its events: {y[sets == name].mean():.1%})")
    brier_hand, brier_fit = np.mean((hand - y) ** 2), np.mean((held_out - y) ** 2)
    print(f"\nBrier score: hand-set {brier_hand:.3f}, fitted (held out) {brier_fit:.3f}")
    high = held_out >= 0.8
    ok = bool(high.any()) and y[high].mean() >= 0.8
    if options.write:
        model = _fit(x, y, groups)
        OUTPUT.write_text(json.dumps({
            "_about": "Logistic model of an event's chance of being right (blocwatch.events.confidence); "
                      "written by benchmarks/calibration.py --write, never by hand.",
            "fitted_on": used,
            "intercept": round(float(model.intercept_[0]), 6),
            "weights": {name: round(float(w), 6) for name, w in zip(FEATURES, model.coef_[0], strict=True)},
        }, indent=1) + "\n")
        print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
