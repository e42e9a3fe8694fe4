"""Event confidence: what the coder knows about an event -> a calibrated probability that it is right.

Reads a coded event with its parsed sentence and the sentence's actor mentions; writes the features
named in FEATURES and, through the logistic model in data/calibration.json, the event's `confidence`.
The model is fitted by `benchmarks/calibration.py --write` on the gold sets we may tune on (see
data/README.md); nothing is learned at run time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TypeGuard

from spacy.tokens import Doc

from blocwatch.actors import Gazetteer, Mention
from blocwatch.errors import DataError
from blocwatch.events.lexicon import Grammar
from blocwatch.events.sentence import Coded
from blocwatch.plover import RECOGNITION_CAMEO, quads

__all__ = ["FEATURES", "Calibration", "event_features", "load_calibration", "parse_calibration"]

_QUADS = quads()
_KINDS = ("name", "capital", "demonym", "institution", "armed_group", "igo", "generic", "person")
_FAR = 3.0  # an actor not named in the sentence (a pronoun, "the group"): as far as distance is counted

FEATURES: tuple[str, ...] = (
    "hand", "noun", "passive", "negated", "recognition", "quad_2", "quad_3", "quad_4",
    "source_named", "target_named", "source_distance", "target_distance",
    *(f"source_{kind}" for kind in _KINDS), *(f"target_{kind}" for kind in _KINDS),
    "actors", "events", "hedged", "quoted", "reported", "lead", "length", "states",
)


@dataclass(frozen=True, slots=True)
class Calibration:
    """A logistic model over FEATURES: weights, intercept and what it was fitted on."""

    weights: Mapping[str, float]
    intercept: float

    def probability(self, features: Mapping[str, float]) -> float:
        """The probability that an event with these features is right, to two decimals."""
        score = self.intercept + sum(self.weights[name] * features[name] for name in FEATURES)
        return round(1.0 / (1.0 + math.exp(-score)), 2)


@lru_cache(maxsize=1)
def load_calibration() -> Calibration:
    """The packaged model (data/calibration.json), checked against FEATURES.

    Raises:
        DataError: the file lacks a feature's weight, names an unknown one, or holds a non-number.
    """
    return parse_calibration(json.loads(resources.files("blocwatch.data").joinpath("calibration.json")
                                        .read_text("utf-8")))


def parse_calibration(raw: Mapping[str, object]) -> Calibration:
    """A model from the JSON shape of data/calibration.json.

    Raises:
        DataError: as for `load_calibration`.
    """
    weights, intercept = raw.get("weights"), raw.get("intercept")
    if not isinstance(weights, dict) or set(weights) != set(FEATURES):
        known = set(weights) if isinstance(weights, dict) else set()
        raise DataError(f"calibration.json: weights must name exactly the coder's features; missing "
                        f"{sorted(set(FEATURES) - known)}, unknown {sorted(known - set(FEATURES))}; "
                        f"refit with benchmarks/calibration.py --write")
    if not all(_finite(v) for v in weights.values()) or not _finite(intercept):
        raise DataError("calibration.json: every weight and the intercept must be a finite number")
    return Calibration({k: float(v) for k, v in weights.items()}, float(intercept))


def _finite(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def event_features(coded: Coded, doc: Doc, mentions: list[Mention], *, resolved: Mapping[int, tuple[str, str]],
                   events_in_sentence: int, sentence_index: int, gazetteer: Gazetteer,
                   grammar: Grammar) -> dict[str, float]:
    """What the passes know about one event, as numbers.

    Args:
        coded: the event as the coder left it (trigger, entry, actors, hand-set confidence).
        doc: its parsed sentence.
        mentions: the sentence's actor mentions.
        resolved: mention start token -> (actor code, mention kind), at the article's date.
        events_in_sentence: how many events the coder found in the same sentence.
        sentence_index: the sentence's place in the article (0 is the headline or lead).
        gazetteer: for which codes are states.
        grammar: the hedge, modal and speech-verb cues.
    """
    trigger = coded.trigger
    features = dict.fromkeys(FEATURES, 0.0)
    quad = _QUADS.get(coded.type, 1)
    features.update({
        "hand": coded.confidence,
        "noun": float(trigger.pos_ in ("NOUN", "PROPN")),
        "passive": float(any(c.dep_ == "nsubjpass" for c in trigger.children)),
        "negated": float(coded.negated),
        "recognition": float(coded.cameo == RECOGNITION_CAMEO),
        "actors": min(len({code for code, _ in resolved.values()}) / 5, 2.0),
        "events": min(events_in_sentence / 5, 2.0),
        "hedged": float(any(t.lemma_.lower() in grammar.hedges or t.lower_ in grammar.modals for t in doc)),
        "quoted": float(any(t.text in ('"', "“", "”", "'") for t in doc)),
        "reported": float(any(t.lemma_ in grammar.speech_verbs for t in doc)),
        "lead": float(sentence_index == 0),
        "length": min(len(doc) / 40, 2.0),
        "states": float(coded.source in gazetteer.states and coded.target in gazetteer.states),
    })
    if quad > 1:
        features[f"quad_{quad}"] = 1.0
    for role, code in (("source", coded.source), ("target", coded.target)):
        named = [(abs(m.start - trigger.i), kind) for m in mentions
                 for c, kind in [resolved.get(m.start, ("", ""))] if c == code]
        if named:
            distance, kind = min(named)
            features[f"{role}_named"] = 1.0
            features[f"{role}_distance"] = min(distance / 10, _FAR)
            if kind in _KINDS:
                features[f"{role}_{kind}"] = 1.0
        else:
            features[f"{role}_distance"] = _FAR
    return features
