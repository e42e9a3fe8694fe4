"""finalise: type and CAMEO code by mood, and one event a key."""

from __future__ import annotations

import pytest

from blocwatch.events import finalise, parties, triggers
from blocwatch.events.sentence import Candidate, Coded

from .helpers import candidate_for, word

pytestmark = pytest.mark.issue(10)


def _typed(s, text: str, mood: str = "real", negated: bool = False) -> Candidate:
    candidate = candidate_for(s, text, mood=mood, negated=negated)
    parties.pairs(s, candidate)
    assert finalise.type_and_cameo(s, candidate) is None
    return candidate


def test_an_announced_act_of_cooperation_is_an_intent_to_agree(read):
    candidate = _typed(read("Russia will send wheat to Afghanistan."), "send", mood="future")
    assert (candidate.type, candidate.cameo) == ("AGREE", "030")


def test_an_announced_act_of_conflict_is_a_threat(read):
    candidate = _typed(read("Iran will impose sanctions on Azerbaijan."), "impose", mood="future")
    assert (candidate.type, candidate.cameo) == ("THREATEN", "130")


def test_an_ultimatum_is_a_threat_whatever_the_act(read):
    candidate = _typed(read("Turkey will send troops to Syria."), "send", mood="ultimatum")
    assert (candidate.type, candidate.cameo) == ("THREATEN", "130")


def test_a_vow_not_to_act_is_a_rejection(read):
    candidate = _typed(read("Iran vowed not to supply weapons to Armenia."), "vowed")
    assert (candidate.type, candidate.cameo) == ("REJECT", "120")


def test_coded_events_carry_the_place_and_the_rung(read):
    s = read("Pakistan accepted the credentials of the Afghan ambassador in Islamabad.")
    candidate = _typed(s, "accepted")
    [event] = finalise.coded(s, candidate)
    assert (event.source, event.target, event.cameo, event.recognition) == ("PAK", "AFG", "054", "credentials")


def test_distinct_keeps_the_most_confident_of_each_key(read):
    s = read("Iran signed a deal with Tajikistan.")
    entry = triggers.match(s, word(s, "signed"))

    def event(confidence: float, target: str = "TJK") -> Coded:
        return Coded(word(s, "signed"), entry, "IRN", target, False, "AGREE", "057", confidence)

    kept = finalise.distinct([event(0.6), event(0.85), event(0.7, "PAK")])
    assert [(e.target, e.confidence) for e in kept] == [("TJK", 0.85), ("PAK", 0.7)]
