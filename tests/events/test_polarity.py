"""polarity: negation and modality, with their scope."""

from __future__ import annotations

import pytest

from blocwatch.events import clauses, polarity

from .helpers import candidate_for, word

pytestmark = pytest.mark.issue(10)


def _negated(s, text: str) -> bool:
    token = word(s, text)
    return polarity.is_negated(s, clauses.chain(s, token), token)


def test_not_negates_its_verb(read):
    s = read("India does not recognise the Taliban government.")
    assert _negated(s, "recognise")


def test_negation_stops_at_a_coordinated_finite_verb(read):
    s = read("Iran had never accepted the plan and urged talks with Kabul.")
    assert _negated(s, "accepted")
    assert not _negated(s, "urged")


def test_yet_to_and_an_opening_no_negate(read):
    assert _negated(read("Kazakhstan has yet to recognise the Taliban."), "recognise")
    assert _negated(read("But no state, Qatar included, has recognised the Taliban."), "recognised")


def test_no_but_names_the_one_that_does(read):
    assert not _negated(read("No country but Russia has recognised the Taliban."), "recognised")


def test_mood_future_hypothetical_ultimatum_and_question(read):
    def mood(text: str, trigger: str) -> str:
        s = read(text)
        return polarity.mood(s, clauses.chain(s, word(s, trigger)))

    assert mood("Russia will send wheat to Afghanistan.", "send") == "future"
    assert mood("Russia could send wheat to Afghanistan.", "send") == "irrealis"
    assert mood("Turkey will pull its troops out of Syria unless Damascus acts.", "pull") == "ultimatum"
    assert mood("Will China recognise the Taliban?", "recognise") == "irrealis"
    assert mood("Russia sent wheat to Afghanistan.", "sent") == "real"


def test_a_blocker_drops_the_act_unless_negated(read):
    barred = read("Tajikistan was barred from joining the summit.")
    assert "barred" in polarity.scope(barred, candidate_for(barred, "joining", roles=False))
    allowed = read("Russia did not prevent Iran from hosting the talks.")
    candidate = candidate_for(allowed, "hosting", roles=False)
    assert polarity.scope(allowed, candidate) is None
    assert "prevent" not in [t.text for t in candidate.chain]


def test_a_refusal_is_the_event_not_the_refused_act(read):
    s = read("Uzbekistan refused to send aid to Kabul.")
    candidate = candidate_for(s, "send", roles=False)
    polarity.scope(s, candidate)
    assert polarity.negation(s, candidate) is None and candidate.negated
    assert polarity.refusal(s, candidate) is not None


def test_a_possible_act_is_dropped_unless_a_speaker_voices_a_conflict(read):
    aid = read("Russia could send wheat to Afghanistan.")
    candidate = candidate_for(aid, "send", roles=False)
    polarity.scope(aid, candidate)
    assert polarity.modality(aid, candidate) is not None
    threat = read("Lavrov said the US could impose sanctions on Iran.")
    candidate = candidate_for(threat, "impose", roles=False)
    polarity.scope(threat, candidate)
    assert polarity.modality(threat, candidate) is None and candidate.mood == "warned"


def test_a_warning_of_others_attack_is_a_tip_off(read):
    s = read("The US warned Russia that extremists were planning an attack.")
    assert polarity.tip_off(s, candidate_for(s, "warned", roles=False)) is not None


def test_must_in_reported_speech_is_a_demand(read):
    s = read("Pakistan said Afghanistan must act against the militants.")
    assert [(e.source, e.type, e.target) for e in polarity.obligations(s)] == [("PAK", "REQUEST", "AFG")]


def test_a_coordinated_noun_shares_its_first_conjuncts_negation(read):
    s = read("Turkmenistan did not offer support or recognition to the Taliban.")
    assert word(s, "offer") in clauses.chain(s, word(s, "recognition"))
    assert _negated(s, "recognition")


def test_a_thing_said_to_be_impossible_is_negated(read):
    s = read("Kazakhstan said recognition of the Taliban is impossible for now.")
    assert _negated(s, "recognition")


def test_a_claim_not_made_is_no_negated_attack_but_a_denial_is(read):
    silent = read("The TTP has not claimed responsibility for the bombing in Peshawar.")
    candidate = candidate_for(silent, "bombing", roles=False)
    polarity.scope(silent, candidate)
    polarity.negation(silent, candidate)
    assert candidate.negated and polarity.claim_not_made(silent, candidate) is not None
    denied = read("The TTP denied carrying out the bombing in Peshawar.")
    candidate = candidate_for(denied, "bombing", roles=False)
    polarity.scope(denied, candidate)
    polarity.negation(denied, candidate)
    assert candidate.negated and polarity.claim_not_made(denied, candidate) is None
