"""Small helpers for the pass tests: a word of a sentence, a candidate for it, actors' codes; and for the
case tables, an article's events as tuples checked against what must and must not be found, and the one
test that runs a table."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.tokens import Token

from blocwatch.events import arguments, clauses, triggers
from blocwatch.events.sentence import Actor, Candidate, Sentence
from blocwatch.model import Article


def word(s: Sentence, text: str, nth: int = 0) -> Token:
    """The `nth` token of the sentence that reads `text`."""
    return [t for t in s.sent if t.text == text][nth]


def codes(actors: list[Actor]) -> list[str]:
    return [a.code for a in actors]


def candidate_for(s: Sentence, text: str, *, roles: bool = True, **fields) -> Candidate:
    """The candidate of the trigger `text`, with its chain and (with `roles`) its sources and targets."""
    token = word(s, text)
    found = Candidate(token, triggers.match(s, token), token.pos_ in ("NOUN", "PROPN"), **fields)
    found.chain = clauses.chain(s, token)
    if roles:
        arguments.roles(s, found)
    return found


def article_events(extractor, text: str, published: date | None = date(2023, 5, 10)) -> list:
    """The events the extractor finds in `text`, read as one article published on `published`."""
    article = Article(id="t", origin="test", title=None, url=None, outlet=None, date=published, language="en",
                      raw_text=text, text=text)
    return extractor.extract(article)


def event_tuples(extractor, text: str, published: date | None = date(2023, 5, 10)) -> set[tuple]:
    """(source, type, target, negated) of each event the extractor finds in `text` as one article."""
    return {(e.source, e.type, e.target, e.negated) for e in article_events(extractor, text, published)}


def check_case(found: set[tuple], case: str, expected: set[tuple], absent: set[tuple]) -> None:
    """Every expected tuple found, and none of those that must not be."""
    assert expected <= found, f"{case}: found {sorted(found)}"
    assert not (absent & found), f"{case}: should not find {sorted(absent & found)}"


def case_table(cases: list[tuple], published: date | None = date(2023, 5, 10)):
    """The test of a case table, to be bound to a `test_` name: each row (case, text, expected tuples, tuples
    that must not appear) read as one article published on `published`, one test case per row."""

    @pytest.mark.parametrize(("case", "text", "expected", "absent"), cases, ids=[c[0] for c in cases])
    def test(extractor, case, text, expected, absent):
        check_case(event_tuples(extractor, text, published), case, expected, absent)

    return test
