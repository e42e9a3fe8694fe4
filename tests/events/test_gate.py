"""The gate before the parser: which sentences are parsed, and the word forms it looks for."""

from __future__ import annotations

from pathlib import Path

import pytest

from blocwatch.model import Article
from blocwatch.nlp import word_forms
from blocwatch.pipeline import iter_articles

DEV = Path(__file__).resolve().parents[1] / "data" / "articles"


def test_word_forms_hold_inflections_and_irregular_forms(extractor):
    forms = word_forms(extractor.nlp, ["meet", "agree", "strike", "stop", "treaty"])
    for word in ("meet", "meets", "meeting", "met", "agreed", "agrees", "agreeing", "struck", "striking",
                 "stopped", "treaties"):
        assert word in forms, word
    assert "talk" not in forms


def _gated(extractor, text: str) -> list[bool]:
    return [extractor._worth_parsing(s) for s in extractor.segment(text)]


@pytest.mark.parametrize("text, parsed", [
    ("Pakistan and Iran met in Tehran on Monday.", True),          # two actors and a trigger's past form
    ("Russia signs a deal with Kazakhstan.", True),                 # present tense, a noun trigger too
    ("China and Russia must act, Pakistan said.", True),            # a word of obligation
    ("Pakistan and Iran are neighbours with a long border.", False),  # two actors, no word of an event
])
def test_gate_parses_two_actors_only_with_a_trigger_word(extractor, text, parsed):
    assert _gated(extractor, text) == [parsed]


def test_gate_parses_the_sentence_before_one_with_a_trigger_word(extractor):
    # The parse of the first sentence tells the second who "the two countries" are, with their roles
    assert _gated(extractor, "Pakistan and Iran are neighbours with a long border. "
                             "The two countries signed a deal.") == [True, True]
    assert _gated(extractor, "Pakistan and Iran are neighbours with a long border. "
                             "Iran and Pakistan are neighbours too.") == [False, False]


def test_gate_keeps_every_sentence_that_holds_a_lexicon_entry(extractor):
    # On our dev articles: a sentence the gate lets through without the trigger words must hold none
    # of the lexicon's (lemma, part of speech) pairs once parsed, else the gate would lose its events.
    lexicon, grammar = extractor.lexicon, extractor.lexicon.grammar
    checked = 0
    for article in iter_articles([str(DEV)]):
        if not isinstance(article, Article):
            continue
        for sentence in extractor.segment(article.text):
            if sentence.triggered_here:
                continue
            sentence.triggered = True
            if not extractor._worth_parsing(sentence):
                continue
            checked += 1
            for token in extractor.nlp(sentence.text):
                assert not (lexicon.lookup(token.lemma_.lower(), token.pos_) or lexicon.lookup(token.lower_, token.pos_)
                            or token.lemma_ in grammar.responsibility_verbs or token.lower_ in grammar.obligation), \
                    f"{token.text!r} ({token.lemma_}, {token.pos_}) in {sentence.text!r}"
    assert checked > 5  # the gate does turn sentences away on these articles
