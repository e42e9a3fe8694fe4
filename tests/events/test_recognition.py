"""recognition: what is recognised, and at which rung."""

from __future__ import annotations

import pytest

from blocwatch.events import recognition, triggers
from blocwatch.events.discourse import Discourse

from .helpers import candidate_for, word

pytestmark = pytest.mark.issue(10)



def test_the_rung_follows_the_rank_accredited(read):
    ambassador = read("Pakistan accepted the credentials of the Afghan ambassador.")
    accepted = word(ambassador, "accepted")
    assert recognition.level(ambassador, accepted, triggers.match(ambassador, accepted)) == "credentials"
    charge = read("Russia accredited a Taliban charge d'affaires.")
    accredited = word(charge, "accredited")
    assert recognition.level(charge, accredited, triggers.match(charge, accredited)) == "mission"


def test_formal_recognition_has_its_own_rung(read):
    s = read("Russia recognised the Taliban government.")
    recognised = word(s, "recognised")
    assert recognition.level(s, recognised, triggers.match(s, recognised)) == "formal"


def test_recognition_of_a_state_is_kept_and_remembered(read):
    state = Discourse()
    s = read("Russia recognised the Taliban government.", state)
    candidate = candidate_for(s, "recognised")
    assert recognition.recognised(s, candidate) is None
    assert state.recognition_target == "AFG"


def test_a_recognition_naming_nothing_takes_the_articles_target(read):
    s = read("None of them has extended recognition.", Discourse(recognition_target="AFG"))
    candidate = candidate_for(s, "recognition")
    candidate.targets = []
    assert recognition.recognised(s, candidate) is None
    assert [a.code for a in candidate.targets] == ["AFG"]
