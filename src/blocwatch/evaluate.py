"""Score extracted events against gold events by the rules of EVENTS.md section 5.

Per document, the set of distinct (source, target, type, negated) tuples is compared with the
gold entries: a tuple matches an entry with the same polarity, a type equal to the entry's or
in its `alt` list, and the same actor pair (or the swapped pair where `sym`). Entries with
`req: false` neither count as misses nor turn a match into a false positive.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from blocwatch.plover import RECOGNITION_CAMEO, quads

QUADS = quads()
_OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE"}


@dataclass(slots=True)
class _Gold:
    source: str
    target: str
    types: set[str]
    negated: bool
    symmetric: bool = False
    required: bool = False
    recognition: bool = False
    levels: set[str] = field(default_factory=set)

    def matches(self, source: str, target: str, kind: str, negated: bool, quad: bool) -> bool:
        kinds = {QUADS.get(t, 0) for t in self.types} if quad else self.types
        pair = (self.source, self.target) == (source, target) or (
            self.symmetric and (self.target, self.source) == (source, target))
        return pair and negated == self.negated and (QUADS.get(kind, 0) if quad else kind) in kinds


@dataclass(frozen=True, slots=True)
class Score:
    """Precision, recall and F1 over the gold documents, with the errors that matter most."""

    precision: float
    recall: float
    f1: float
    flips: int
    recognition_recall: float
    missed: tuple[str, ...]
    false_positives: tuple[str, ...]


def score(gold: list[dict[str, Any]], predicted: list[dict[str, Any]], *, quad: bool = False) -> Score:
    """Score predicted event records (the JSONL contract) against gold records.

    Args:
        gold: gold entries (`doc, source, target, type, alt, sym, neg, req, cameo, recognition`).
        predicted: extractor output; documents absent from `gold` are ignored.
        quad: compare types by their quad class (the lenient score).
    """
    golds = _merge(gold)
    tuples: dict[str, dict[tuple[str, str, str, bool], set[tuple[str, str | None]]]] = defaultdict(dict)
    for event in predicted:
        doc, source, target = event.get("doc"), event.get("source"), event.get("target")
        if doc in golds and source and target and source != target:
            key = (source, target, _type(event.get("type")), bool(event.get("negated")))
            tuples[doc].setdefault(key, set()).add((str(event.get("cameo") or ""), event.get("recognition")))
    tp = fp = required = found = flips = rec_required = rec_found = 0
    missed, false_positives = [], []
    for doc, entries in golds.items():
        hit = [False] * len(entries)
        rec_hit = [False] * len(entries)
        for (source, target, kind, negated), seen in tuples.get(doc, {}).items():
            only_recognition = {c for c, _ in seen} == {RECOGNITION_CAMEO}
            matching = [i for i, g in enumerate(entries) if g.matches(source, target, kind, negated, quad)
                        and (g.recognition or not only_recognition)]
            levels = {level for c, level in seen if c == RECOGNITION_CAMEO}
            for i in matching:
                hit[i] = True
                if entries[i].recognition and levels and (not entries[i].levels or levels & entries[i].levels):
                    rec_hit[i] = True
            if any(entries[i].required for i in matching):
                tp += 1
            elif not matching:
                fp += 1
                false_positives.append(f"{doc}: {source} {kind} {target}{' (negated)' if negated else ''}")
                if any(g.matches(source, target, kind, not negated, quad) for g in entries):
                    flips += 1
        for i, entry in enumerate(entries):
            if entry.required:
                required += 1
                found += hit[i]
                if not hit[i]:
                    missed.append(f"{doc}: {entry.source} {'/'.join(sorted(entry.types))} {entry.target}"
                                  f"{' (negated)' if entry.negated else ''}")
                if entry.recognition:
                    rec_required += 1
                    rec_found += rec_hit[i]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = found / required if required else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1, flips, rec_found / rec_required if rec_required else 0.0,
                 tuple(missed), tuple(false_positives))


def _type(value: object) -> str:
    name = str(value or "").strip().upper()
    return _OLD_NAMES.get(name, name)


def _merge(gold: list[dict[str, Any]]) -> dict[str, list[_Gold]]:
    """One entry per (doc, source, target, type, negated); flags and alternatives are united."""
    merged: dict[tuple[str, str, str, str, bool], _Gold] = {}
    by_doc: dict[str, list[_Gold]] = defaultdict(list)
    for row in gold:
        if row.get("no_events"):  # a document where every event found is a false positive
            by_doc.setdefault(row["doc"], [])
            continue
        key = (row["doc"], row["source"], row["target"], _type(row["type"]), bool(row.get("neg")))
        entry = merged.setdefault(key, _Gold(row["source"], row["target"], {key[3]}, key[4]))
        entry.types.update(_type(t) for t in row.get("alt") or [])
        entry.symmetric |= bool(row.get("sym"))
        entry.required |= bool(row.get("req", True))
        entry.recognition |= str(row.get("cameo") or "") == RECOGNITION_CAMEO
        if row.get("recognition"):
            entry.levels.add(row["recognition"])
    for key, entry in merged.items():
        by_doc[key[0]].append(entry)
    return by_doc
