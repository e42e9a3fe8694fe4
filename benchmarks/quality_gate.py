"""Score the extractor on every gold set against the floors in benchmarks/floors.json.

    python benchmarks/quality_gate.py [--record] [--raise] [--allow-regression]

Each set names its gold files with their sha256 (a `*` pattern: one digest over the matching files in
name order); a gold file that changed fails the gate until floors.json is updated with it, so that a
gold edit is a visible, explained commit. Prints F1, precision, recall and polarity flips per set (the
sets under ../shared are skipped where it is absent) and exits 1 when a set falls below its floor.
--record writes the measured F1 as each set's `current` figure; --raise sets each F1 floor to the
measurement less a three-point margin (rounded down to 0.01), never lower without --allow-regression.
`honest` is the figure measured before any tuning on the set, kept as it was.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from pathlib import Path

from blocwatch.evaluate import score
from blocwatch.events import Extractor
from blocwatch.model import Article
from blocwatch.pipeline import iter_articles

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ROOT / "benchmarks" / "floors.json"
MARGIN = 0.03
# The extractor's input for each set; the gold files are named in floors.json.
INPUTS = {
    "seeds": "../shared/seeds",
    "dev": "tests/data/articles",
    "plover_gsr": "../shared/peer/plover-gsr-input.jsonl",
    "challenge": "../shared/challenge/input.jsonl",
    "real": "../shared/real/input.jsonl",
}


def gold_files(pattern: str) -> list[Path]:
    """The gold file `pattern` names (relative to the repository), or the files it matches, in name order."""
    folder, _, name = pattern.rpartition("/")
    return sorted((ROOT / folder).glob(name))


def gold_digest(pattern: str) -> str:
    """One sha256 over the bytes of the files `pattern` names, in name order."""
    digest = hashlib.sha256()
    for path in gold_files(pattern):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--record", action="store_true")
    parser.add_argument("--raise", dest="raise_floors", action="store_true")
    parser.add_argument("--allow-regression", action="store_true")
    options = parser.parse_args()
    floors = json.loads(FLOORS.read_text())
    extractor = Extractor.load()
    failed = False
    for name, inputs in INPUTS.items():
        entry = floors[name]
        if not (ROOT / inputs).exists():
            print(f"{name:<12} skipped: {inputs} is absent")
            continue
        changed = [pattern for pattern, digest in entry["gold"].items() if gold_digest(pattern) != digest]
        articles = (a for a in iter_articles([str(ROOT / inputs)]) if isinstance(a, Article))
        predicted = [e.to_json() for _, events in extractor.extract_many(articles) for e in events]
        gold = [json.loads(line) for pattern in entry["gold"] for path in gold_files(pattern)
                for line in path.read_text().splitlines() if line.strip()]
        result = score(gold, predicted)
        floor = entry["floor"]
        below = result.f1 < floor["f1"] or result.flips > floor.get("flips", result.flips) \
            or result.recognition_recall < floor.get("recognition_recall", 0.0)
        verdict = f"GOLD CHANGED: {', '.join(changed)}" if changed else "BELOW FLOOR" if below else "ok"
        failed |= verdict != "ok"
        print(f"{name:<12} F1 {result.f1:.3f} (P {result.precision:.3f} R {result.recall:.3f}) flips {result.flips} "
              f"recognition-R {result.recognition_recall:.3f}  floor {floor['f1']:.2f}  honest {entry['honest']:.3f}"
              f"  {verdict}")
        if options.record:
            entry["current"] = round(result.f1, 3)
        measured = math.floor((result.f1 - MARGIN) * 100) / 100
        if options.raise_floors and (measured > floor["f1"] or options.allow_regression):
            floor["f1"] = measured
    if options.record or options.raise_floors:
        FLOORS.write_text(json.dumps(floors, indent=2) + "\n")
        print(f"written to {FLOORS}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
