"""triggers: which words signal an event, with which lexicon entry."""

from __future__ import annotations

import pytest

from blocwatch.events import triggers
from blocwatch.events.sentence import Candidate

from .helpers import word

pytestmark = pytest.mark.issue(10)


def test_a_verb_matches_its_entry(read):
    s = read("Iran signed a deal with Tajikistan.")
    entry = triggers.match(s, word(s, "signed"))
    assert (entry.type, entry.lemma) == ("AGREE", "sign")
    assert triggers.match(s, word(s, "with")) is None


def test_a_particle_entry_needs_its_particle_and_not_a_date(read):
    s = read("Turkey called on Kabul to reopen schools.")
    assert triggers.match(s, word(s, "called")).type == "REQUEST"
    assert triggers.has_particle(word(s, "called"), {"on"})
    call = read("Russia called Iran on Saturday.")
    assert not triggers.has_particle(word(call, "called"), {"on"})
    assert triggers.match(call, word(call, "called")).type == "CONSULT"


def test_attacks_are_known_by_their_entry(read):
    s = read("Iran condemned the bombing in Kunduz.")
    assert triggers.is_attack(s, word(s, "bombing"))
    assert not triggers.is_attack(s, word(s, "condemned"))


def test_an_attack_framed_by_another_act_stays_an_event(read):
    s = read("China condemned Pakistan's air strikes.")
    strikes = word(s, "strikes")
    assert triggers.attack_framed(s, strikes)
    candidate = Candidate(strikes, triggers.match(s, strikes), is_noun=True)
    assert triggers.own_event(s, candidate) is None


def test_the_object_of_an_event_verb_is_dropped(read):
    s = read("Iran criticised the pact between Turkey and Azerbaijan.")
    noun = word(s, "pact")
    entry = triggers.match(s, noun)
    assert entry is not None
    assert "criticised" in triggers.own_event(s, Candidate(noun, entry, is_noun=True))
    light = read("Uzbekistan signed an agreement with Turkmenistan.")  # "sign" is a light verb: the noun codes
    noun = word(light, "agreement")
    assert triggers.own_event(light, Candidate(noun, triggers.match(light, noun), is_noun=True)) is None
