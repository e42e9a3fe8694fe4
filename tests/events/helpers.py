"""Small helpers for the pass tests: a word of a sentence, a candidate for it, actors' codes."""

from __future__ import annotations

from spacy.tokens import Token

from blocwatch.events import arguments, polarity, triggers
from blocwatch.events.sentence import Actor, Candidate, Sentence


def word(s: Sentence, text: str, nth: int = 0) -> Token:
    """The `nth` token of the sentence that reads `text`."""
    return [t for t in s.sent if t.text == text][nth]


def codes(actors: list[Actor]) -> list[str]:
    return [a.code for a in actors]


def candidate_for(s: Sentence, text: str, *, roles: bool = True, **fields) -> Candidate:
    """The candidate of the trigger `text`, with its chain and (with `roles`) its sources and targets."""
    token = word(s, text)
    found = Candidate(token, triggers.match(s, token), token.pos_ in ("NOUN", "PROPN"), **fields)
    found.chain = polarity.chain(s, token)
    if roles:
        arguments.roles(s, found)
    return found
