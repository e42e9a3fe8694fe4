"""discourse: referents across sentences, and the article's running state."""

from __future__ import annotations

import pytest

from blocwatch.events import discourse, phrases
from blocwatch.events.sentence import Candidate, Coded, Discourse

from .helpers import codes, word

pytestmark = pytest.mark.issue(10)



def test_the_two_sides_in_a_clause_of_their_own_are_the_actors_before(read):
    s = read("Kazakhstan sells wheat to Afghanistan, and the two sides signed a trade deal.")
    assert s.pairs == {word(s, "sides").i: ["KAZ", "AFG"]}


def test_the_two_sides_with_no_actors_before_are_the_previous_sentences(read):
    previous = Discourse()
    previous.advance(["IRN"], ["IRN", "PAK"], ["IRN", "PAK"])
    s = read("The two sides agreed to reopen the border.", previous)
    assert list(s.pairs.values()) == [["IRN", "PAK"]]


def test_a_pronoun_in_a_coordinated_clause_is_the_first_clauses_subject(read):
    s = read("Beijing has yet to recognise the Taliban, but it has accepted their envoy.")
    assert codes(phrases.referents(s, word(s, "it"), 0)) == ["CHN"]


def test_a_pronoun_with_no_antecedent_is_the_previous_subject(read):
    previous = Discourse()
    previous.advance(["TUR"], ["TUR"], ["TUR"])
    s = read("It sent aid to Kabul.", previous)
    assert codes(phrases.referents(s, word(s, "It"), 0)) == ["TUR"]


def test_a_speakers_pronoun_is_not_a_name_inside_a_phrase_before_it(read):
    previous = Discourse()
    previous.advance(["PAK"], ["PAK"], ["PAK"])
    s = read("\u201cTogether with the Afghan authorities, we are checking the reports,\u201d she said.", previous)
    assert codes(phrases.referents(s, word(s, "she"), 0)) == ["PAK"]


def test_none_of_these_countries_is_the_group_named_before(read):
    previous = Discourse()
    previous.advance(["IRN", "PAK"], ["IRN", "PAK"], ["IRN", "PAK"])
    s = read("None of these countries has recognised the Taliban.", previous)
    assert codes(phrases.partitive(s, word(s, "None"))) == ["IRN", "PAK"]
    unnamed = read("None of the Gulf states has recognised the Taliban.", previous)
    assert phrases.partitive(unnamed, word(unnamed, "None")) == []  # a group not named: nobody


def test_a_rejected_accusation_targets_its_accuser(read):
    previous = Discourse(accusers={"AFG": "PAK"})
    s = read("The Taliban rejected the accusation.", previous)
    candidate = Candidate(word(s, "rejected"), s.lexicon.lookup("reject", "VERB")[0], is_noun=False)
    candidate.sources = phrases.actors_of(s, word(s, "Taliban"))
    assert discourse.rejected_accuser(s, candidate) is None
    assert codes(candidate.targets) == ["PAK"]


def test_closing_a_sentence_passes_on_its_actors_and_charges(read):
    state = Discourse()
    s = read("Iran accused Pakistan of sheltering militants in Balochistan.", state)
    entry = s.lexicon.lookup("accuse", "VERB")[0]
    discourse.close(s, [Coded(word(s, "accused"), entry, "IRN", "PAK", False, "ACCUSE", "112", 0.85)])
    assert state.accusers == {"PAK": "IRN"}
    assert state.subjects == ["IRN"] and state.last_subjects == ["IRN"]
    assert state.actors == ["IRN", "PAK"] and state.mentions["PAK"] == 1


def test_none_of_these_is_the_listed_doers_not_whom_they_deal_with(read):
    s = read("Uzbekistan, Kyrgyzstan and Pakistan all buy coal from the Taliban government, but none of these "
             "countries has recognised it.")
    assert codes(phrases.partitive(s, word(s, "none"))) == ["UZB", "KGZ", "PAK"]
