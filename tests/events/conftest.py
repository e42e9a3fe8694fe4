"""The `read` fixture: a sentence of our own, parsed and read as the coder reads it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from blocwatch.actors import find_mentions
from blocwatch.events.discourse import pair_phrases
from blocwatch.events.sentence import Discourse, Sentence, read_sentence


@pytest.fixture(scope="session")
def read(extractor) -> Callable[..., Sentence]:
    """A function: text -> the `Sentence` the coder works on (its actors placed, its pair phrases found)."""

    def _read(text: str, discourse: Discourse | None = None, on: date = date(2024, 5, 1)) -> Sentence:
        doc = extractor.nlp(text)
        mentions = find_mentions(doc, extractor.gazetteer, extractor.nlp)
        s = read_sentence(doc[:], mentions, gazetteer=extractor.gazetteer, lexicon=extractor.lexicon, on=on,
                          discourse=discourse or Discourse())
        s.pairs = pair_phrases(s)
        return s

    return _read
