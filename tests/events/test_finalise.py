"""finalise: type and CAMEO code by mood, and one event a key."""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch.actors import find_mentions
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


def test_distinct_keeps_each_rung_of_the_ladder(read):
    s = read("Kazakhstan recognised the Taliban government and accepted the credentials of the Afghan envoy.")
    formal, credentials = (finalise.coded(s, _typed(s, trigger)) for trigger in ("recognised", "accepted"))
    kept = finalise.distinct(formal + credentials)
    assert sorted(e.recognition or "" for e in kept) == ["credentials", "formal"]


def _read_at_event_date(read, extractor, text: str, trigger: str, when, published=date(2024, 4, 2)):
    """The (source, target) of the trigger's event, as `at_event_date` makes it."""
    s = read(text, on=published)
    candidate = _typed(s, trigger)
    [event] = finalise.coded(s, candidate)
    aliases = {i: m.alias for m in find_mentions(s.doc, extractor.gazetteer, extractor.nlp)
               for i in range(m.start, m.end)}
    return finalise.at_event_date(extractor.gazetteer, event, aliases, when, published)


def test_an_actor_is_read_again_at_the_event_date(read, extractor):
    text = "Tajikistan banned the Taliban as a terrorist group."
    assert _read_at_event_date(read, extractor, text, "banned", (date(2003, 1, 1), "year")) == ("TJK", "TAL")
    assert _read_at_event_date(read, extractor, text, "banned", (date(2024, 3, 1), "month")) == ("TJK", "AFG")


def test_a_name_the_text_marks_as_the_earlier_actor_is_not_read_again(read, extractor):
    text = "Tajikistan recognised the previous Taliban government."
    assert _read_at_event_date(read, extractor, text, "recognised", (date(2024, 3, 1), "month")) == ("TJK", "TAL")


def test_the_article_date_standing_in_for_the_event_changes_nothing(read, extractor):
    text = "Tajikistan banned the Taliban as a terrorist group."
    assert _read_at_event_date(read, extractor, text, "banned", (date(2024, 4, 2), "published")) == ("TJK", "AFG")
    assert _read_at_event_date(read, extractor, text, "banned", None) == ("TJK", "AFG")


def test_a_person_outside_every_term_at_the_event_date_acts_for_no_one(read, extractor):
    text = "Shehbaz Sharif criticised India."
    assert _read_at_event_date(read, extractor, text, "criticised", (date(2022, 6, 1), "month")) == ("PAK", "IND")
    assert _read_at_event_date(read, extractor, text, "criticised", (date(2015, 1, 1), "year")) is None
