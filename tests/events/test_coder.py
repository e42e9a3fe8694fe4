"""coder: the passes in order, on whole sentences of our own."""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch.actors import find_mentions
from blocwatch.events import coder
from blocwatch.events.discourse import Discourse

pytestmark = pytest.mark.issue(10)


def _code(extractor, text: str, discourse: Discourse) -> set[tuple]:
    doc = extractor.nlp(text)
    events = coder.code_sentence(doc[:], find_mentions(doc, extractor.gazetteer, extractor.nlp),
                                 gazetteer=extractor.gazetteer, lexicon=extractor.lexicon, on=date(2024, 5, 1),
                                 discourse=discourse)
    return {(e.source, e.type, e.target, e.negated) for e in events}


def test_the_coder_is_its_list_of_passes():
    names = [f"{step.__module__.rsplit('.', 1)[1]}.{step.__name__}" for step in coder.PASSES]
    assert names[0] == "triggers.own_event" and names[-1] == "finalise.type_and_cameo"
    assert names.index("polarity.negation") < names.index("arguments.roles") < names.index("parties.pairs")


def test_a_sentence_codes_and_moves_the_discourse_on(extractor):
    state = Discourse()
    assert _code(extractor, "Kazakhstan signed a rail deal with Afghanistan.", state) == {
        ("KAZ", "AGREE", "AFG", False)}
    assert state.subjects == ["KAZ"]
    # the next sentence's pronoun is the previous subject
    assert _code(extractor, "It has not recognised the Taliban government.", state) == {
        ("KAZ", "SUPPORT", "AFG", True)}


def test_a_claim_in_a_later_sentence_codes_the_attack(extractor):
    state = Discourse()
    assert _code(extractor, "A suicide bomber struck a mosque in Kunduz.", state) == set()
    assert _code(extractor, "The Islamic State claimed the attack.", state) == {("ISKP", "ASSAULT", "AFG", False)}
