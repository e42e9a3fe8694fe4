"""coder: the passes in order, on whole sentences of our own."""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch.actors import find_mentions
from blocwatch.events import coder
from blocwatch.events.sentence import Discourse
from blocwatch.model import Article
from conftest import read_jsonl, run_cli_here

pytestmark = pytest.mark.issue(10)


def _code(extractor, text: str, discourse: Discourse, decisions: list | None = None) -> set[tuple]:
    doc = extractor.nlp(text)
    events = coder.code_sentence(doc[:], find_mentions(doc, extractor.gazetteer, extractor.nlp),
                                 gazetteer=extractor.gazetteer, lexicon=extractor.lexicon, on=date(2024, 5, 1),
                                 discourse=discourse, decisions=decisions)
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


def test_the_trail_says_what_each_pass_decided(extractor):
    decisions: list[coder.Decision] = []
    _code(extractor, "Uzbekistan has not recognised the Taliban government.", Discourse(), decisions)
    [decision] = [d for d in decisions if d.trigger.text == "recognised"]
    assert decision.trail[0] == "triggers.match: 'recognised' is recognise (verb), SUPPORT 054"
    assert "polarity.negation: negated" in decision.trail
    assert "arguments.roles: sources UZB; targets AFG" in decision.trail
    [event] = decision.events
    assert event.trail == decision.trail


def test_the_trail_of_a_dropped_trigger_ends_with_the_reason(extractor):
    decisions: list[coder.Decision] = []
    assert _code(extractor, "Russia could send wheat to Afghanistan.", Discourse(), decisions) == set()
    [decision] = [d for d in decisions if d.trigger.text == "send"]
    assert decision.events == ()
    assert decision.trail[-1] == "polarity.modality: dropped, hypothetical, conditional, hedged or asked"


def test_extract_explain_prints_the_trails_and_jsonl_stays_the_contract(tmp_path):
    article = tmp_path / "a1.txt"
    article.write_text("Border talks\n2024-05-01\n\nUzbekistan has not recognised the Taliban government. "
                       "Russia could send wheat to Afghanistan.\n", encoding="utf-8")
    explained = run_cli_here("extract", article, "--explain")
    assert explained.returncode == 0, explained.stderr
    assert "  'recognised' -> UZB SUPPORT AFG 054 negated" in explained.stdout.splitlines()
    assert "      polarity.negation: negated" in explained.stdout.splitlines()
    assert "'send'" not in explained.stdout  # dropped triggers only with --explain-all
    everything = run_cli_here("extract", article, "--explain-all")
    assert "  'send' -> no event" in everything.stdout.splitlines()
    [record] = read_jsonl(run_cli_here("extract", article, "--format", "jsonl").stdout)
    assert "trail" not in record and record["negated"] is True



def test_explain_shows_the_actors_read_again_at_the_event_date(extractor):
    text = "Tajikistan banned the Taliban in 2003."
    article = Article(id="t", origin="test", title=None, url=None, outlet=None, date=date(2024, 5, 1), language="en",
                      raw_text=text, text=text)
    [explanation] = extractor.explain(article)
    assert explanation.events == ("TJK SANCTION TAL 160",)
    assert "finalise.at_event_date: TJK > AFG is TJK > TAL at the event's date" in explanation.trail
