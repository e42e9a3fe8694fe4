"""Several parties: who acts on whom when an event has more than one side.

Reads: the sources and targets the argument passes found, "between" phrases, pair phrases.
Writes: `Candidate.pairs`, the (source, target) pairs the event is coded for: each pair of a group
that agrees or meets among itself ("X, Y and Z signed"), else every source with every target.
"""

from __future__ import annotations

from spacy.tokens import Token

from blocwatch.events import phrases
from blocwatch.events.sentence import Actor, Candidate, Sentence, unique


def between(s: Sentence, noun: Token) -> list[Actor]:
    """Everyone named after "between": "trade between the two states", "talks between Pakistan
    and Afghanistan's Taliban government" (where the parser makes Pakistan a possessor)."""
    found: list[Actor] = []
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"):
        for phrase in (c for c in prep.children if c.dep_ == "pobj"):
            found += phrases.actors_of(s, phrase) + [Actor(s.codes[t.i], t.i) for t in phrase.subtree
                                                     if t.i in s.codes]
    return unique(found)


def pairs(s: Sentence, c: Candidate) -> str | None:
    """Pair the sources with the targets; a group acting among itself yields each pair once."""
    entry = c.entry
    source_codes = {a.code for a in c.sources}
    # "X, Y and Z signed": each pair agreed; "the three agreed to extend the China-Pakistan corridor"
    # names one of them again, not a fourth party
    mutual = {a.code for a in c.targets} <= source_codes
    if mutual and len(source_codes) >= 2 and (entry.symmetric or entry.type in s.grammar.mutual_types) \
            and entry.cameo != "045" and not (entry.needs_target and not c.targets):  # "X and Y supply": whom?
        codes = list(dict.fromkeys(a.code for a in c.sources))
        c.pairs = [(a, b) for i, a in enumerate(codes) for b in codes[i + 1:]]
    elif mutual and c.targets and all(a.token in s.pairs for a in c.sources):
        c.pairs = []  # "the two leaders opened a bridge carrying power from one to the other": no act on the other
    else:
        c.pairs = [(source.code, target.code) for source in c.sources for target in c.targets]
    return None
