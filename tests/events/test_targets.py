"""targets: on whom an event acts, by construction."""

from __future__ import annotations

import pytest

from blocwatch.events import targets, triggers

from .helpers import candidate_for, codes, event_tuples, word

pytestmark = pytest.mark.issue(10)



def test_a_verbs_object(read):
    s = read("Iran signed a deal with Tajikistan.")
    assert codes(targets.verb_target(s, word(s, "signed"), triggers.match(s, word(s, "signed")))) == ["TJK"]


def test_a_passive_subject_is_the_target(read):
    s = read("The Russian embassy was attacked by the Islamic State.")
    assert codes(targets.verb_target(s, word(s, "attacked"), triggers.match(s, word(s, "attacked")))) == ["RUS"]


def test_a_handover_targets_the_receiver(read):
    s = read("Pakistan handed over to the US a suspected militant.")
    handed = word(s, "handed")
    assert codes(targets.verb_target(s, handed, triggers.match(s, handed))) == ["USA"]


def test_an_intent_targets_what_its_verb_acts_on(read):
    s = read("Turkey pledged to work with Kabul on trade.")
    found, embedded = targets.intent_target(s, word(s, "pledged"))
    assert (codes(found), embedded) == (["AFG"], word(s, "work"))
    assert embedded.i in s.consumed  # the promised act is not coded again


def test_a_threat_targets_whom_its_condition_is_on(read):
    s = read("Iran threatened to close the border unless Kabul released the water.")
    candidate = candidate_for(s, "threatened")
    candidate.targets = []
    assert targets.threat_condition(s, candidate) is None
    assert codes(candidate.targets) == ["AFG"]


def test_a_recall_of_its_own_envoy_targets_the_place_it_is_from(read):
    s = read("Pakistan recalled its ambassador from Tehran.")
    candidate = candidate_for(s, "recalled")
    assert targets.own_phrase(s, candidate) is None
    assert codes(candidate.targets) == ["IRN"]


def test_a_demand_targets_the_subject_of_its_clause(read):
    s = read("Pakistan demanded that Kabul hand over the militants.")
    demanded = word(s, "demanded")
    assert codes(targets.verb_target(s, demanded, triggers.match(s, demanded))) == ["AFG"]


def test_an_investor_in_a_place_cooperates_with_its_state(extractor):
    assert ("KAZ", "COOPERATE", "UZB", False) in event_tuples(
        extractor, "Kazakhstan became a major investor in Uzbek railways last year.")
