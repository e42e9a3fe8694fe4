"""The event lexicon (data/lexicon.jsonl) and grammatical cues (data/grammar.json)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field, fields
from importlib import resources

from blocwatch.errors import DataError

PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}
_POS = {"verb": ("VERB",), "noun": ("NOUN", "PROPN"), "adj": ("ADJ",)}


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon entry: a word that signals an event, with what it needs around it."""

    lemma: str
    pos: str
    type: str
    cameo: str
    recognition: str | None = None
    mode: str | None = None
    objects: frozenset[str] = frozenset()
    objects_any: frozenset[str] = frozenset()
    target_heads: frozenset[str] = frozenset()
    require_target_head: bool = False
    particle: str | None = None
    particle_any: frozenset[str] = frozenset()
    of: str = "target"
    inverse: bool = False
    # the level follows the rank of whoever is accredited or hosted: an ambassador's is `credentials`,
    # a chargé's or a diplomat's `mission` (EVENTS.md's ladder); with no rank named, `recognition` stands
    level_by_rank: bool = False
    intent: bool = False
    negator: bool = False
    when_negated: tuple[str, str] | None = None
    only_negated: bool = False
    needs_target: bool = False
    needs_source: bool = False
    needs_predicate: bool = False
    symmetric: bool = False
    from_source: bool = False
    place_target: bool = False
    alleged: bool = False
    recipient: bool = False
    topic: bool = False

    @property
    def specificity(self) -> int:
        """Entries with more constraints win over plainer ones for the same word."""
        return bool(self.objects) * 4 + bool(self.objects_any) * 3 + bool(self.particle or self.particle_any) * 2 \
            + self.needs_predicate * 2


@dataclass(frozen=True, slots=True)
class Grammar:
    """Cue words, as sets of lemmas or lower-case phrases."""

    negators: frozenset[str]
    blockers: frozenset[str]
    negating_preps: frozenset[str]
    negating_dets: frozenset[str]
    exceptions: frozenset[str]
    light_verbs: frozenset[str]
    modals: frozenset[str]
    future: frozenset[str]
    continuation: frozenset[str]
    obligation: frozenset[str]
    hedges: frozenset[str]
    conditional_marks: frozenset[str]
    speech_verbs: frozenset[str]
    receiving_verbs: frozenset[str]
    ambassador_ranks: frozenset[str]
    mission_ranks: frozenset[str]
    warning_verbs: frozenset[str]
    responsibility_verbs: frozenset[str]
    responsibility_objects: frozenset[str]
    target_preps: frozenset[str]
    location_preps: frozenset[str]
    plural_pronouns: frozenset[str]
    personal_pronouns: frozenset[str]
    singular_pronouns: frozenset[str]
    pair_pattern: re.Pattern
    non_actor_heads: frozenset[str]
    definite_heads: frozenset[str]
    seated_heads: frozenset[str]
    group_heads: frozenset[str]
    force_heads: frozenset[str]
    retaliation: frozenset[str]
    institution_heads: frozenset[str]
    framing_preps: frozenset[str]
    state_agent_heads: frozenset[str]
    stative_passives: frozenset[str]
    accusation_nouns: frozenset[str]
    prospective_modifiers: frozenset[str]
    ultimatum_marks: frozenset[str]


@dataclass(slots=True)
class Lexicon:
    """Triggers indexed by (lemma, coarse part of speech), plus the grammar cues."""

    grammar: Grammar
    triggers: dict[tuple[str, str], list[Trigger]] = field(default_factory=dict)

    def lookup(self, lemma: str, pos: str) -> list[Trigger]:
        """Entries for a lemma and spaCy coarse POS tag, most specific first."""
        for name, tags in _POS.items():
            if pos in tags:
                return self.triggers.get((lemma, name), [])
        return []


def load_lexicon() -> Lexicon:
    """Load and check the packaged lexicon and grammar cues.

    Raises:
        DataError: an entry names an unknown PLOVER type or lacks a required field.
    """
    base = resources.files("blocwatch.data")
    cues = json.loads(base.joinpath("grammar.json").read_text("utf-8"))
    cues["responsibility_verbs"] = cues["responsibility"]["verbs"]
    cues["responsibility_objects"] = cues["responsibility"]["objects"]
    # Every set-valued field of Grammar is a list of the same name in grammar.json.
    sets = [f.name for f in fields(Grammar) if f.type == "frozenset[str]"]
    missing = [name for name in [*sets, "pair_pattern"] if name not in cues]
    if missing:
        raise DataError(f"grammar.json: missing {', '.join(missing)}")
    grammar = Grammar(**{name: frozenset(cues[name]) for name in sets},
                      pair_pattern=re.compile(cues["pair_pattern"], re.IGNORECASE))
    triggers: dict[tuple[str, str], list[Trigger]] = defaultdict(list)
    for number, line in enumerate(base.joinpath("lexicon.jsonl").read_text("utf-8").splitlines(), 1):
        entry = json.loads(line)
        if "_about" in entry:
            continue
        trigger = _trigger(entry, number)
        triggers[(trigger.lemma, trigger.pos)].append(trigger)
    for entries in triggers.values():
        entries.sort(key=lambda t: -t.specificity)
    return Lexicon(grammar=grammar, triggers=dict(triggers))


def _trigger(entry: dict, number: int) -> Trigger:
    where = f"lexicon.jsonl line {number}"
    missing = {"lemma", "pos", "type", "cameo"} - entry.keys()
    if missing:
        raise DataError(f"{where}: missing {', '.join(sorted(missing))}")
    if entry["type"] not in PLOVER_TYPES or entry["pos"] not in _POS:
        raise DataError(f"{where}: unknown type {entry['type']!r} or part of speech {entry['pos']!r}")
    values = dict(entry)
    for key in ("objects", "objects_any", "target_heads", "particle_any"):
        values[key] = frozenset(values.get(key, ()))
    if "when_negated" in values:
        values["when_negated"] = (values["when_negated"]["type"], values["when_negated"]["cameo"])
    return Trigger(**values)
