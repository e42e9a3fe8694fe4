"""recognition: what is recognised, and at which rung."""

from __future__ import annotations

import pytest

from blocwatch.events import recognition, triggers
from blocwatch.events.sentence import Actor, Discourse

from .helpers import article_events, candidate_for, codes, word

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


def test_an_envoy_taken_as_someones_ambassador_is_theirs(read):
    s = read("Tashkent accepted Ahmad Noori as the Taliban's ambassador last week.")
    candidate = candidate_for(s, "accepted")
    assert recognition.recognised(s, candidate) is None
    assert [a.code for a in candidate.targets] == ["AFG"]


def test_a_disclaimer_is_the_speakers_refusal_of_whom_the_talks_are_with(read):
    s = read("Meetings with the Taliban do not amount to recognition, the Danish foreign minister said.")
    candidate = candidate_for(s, "recognition")
    candidate.sources = []
    assert recognition.recognised(s, candidate) is None
    assert ([a.code for a in candidate.sources], [a.code for a in candidate.targets]) == (["DNK"], ["AFG"])


def test_a_phrase_after_coordinated_nouns_is_what_the_second_is_of(read):
    s = read("The visit was no endorsement or recognition of the Taliban government, Oslo said.")
    recognised = word(s, "recognition")
    taliban = word(s, "Taliban")
    actors = [Actor(s.codes[taliban.i], taliban.i)]
    assert recognition.target_head_ok(s, recognised, triggers.match(s, recognised), actors)


LADDER = [
    # (text, (source, target, negated, level) expected, what must not appear)
    ("Tashkent accepted Ahmad Noori as the Taliban's ambassador last week.",
     {("UZB", "AFG", False, "credentials")}, set()),
    ("Kazakhstan has appointed a new ambassador to Afghanistan, its foreign ministry announced.",
     {("KAZ", "AFG", False, "credentials")}, set()),
    ("Uzbekistan, Kyrgyzstan and Pakistan all buy coal from the Taliban government, but none of these "
     "countries has recognised it.",
     {("UZB", "AFG", True, "formal"), ("KGZ", "AFG", True, "formal"), ("PAK", "AFG", True, "formal")},
     {("AFG", "AFG", True, "formal")}),
    ("Meetings with the Taliban do not amount to recognition, the Danish foreign minister said.",
     {("DNK", "AFG", True, "formal")}, {("DNK", "AFG", False, "formal")}),
    ("Our talks in Doha do not mean an endorsement or recognition of the Taliban, Danish head of diplomacy, "
     "Erik Larsen said on Monday.", {("DNK", "AFG", True, "formal")}, {("DNK", "AFG", False, "formal")}),
    ("Kyrgyzstan is the only state so far to have recognised the Taliban government.",
     {("KGZ", "AFG", False, "formal")}, set()),
    ("Tajikistan would recognise the Taliban only if they formed an inclusive government.",
     set(), {("TJK", "AFG", False, "formal"), ("TJK", "AFG", True, "formal")}),
]


@pytest.mark.parametrize(("text", "expected", "absent"), LADDER, ids=[row[0][:40] for row in LADDER])
def test_events_recognition_ladder(extractor, text, expected, absent):
    found = {(e.source, e.target, e.negated, e.recognition) for e in article_events(extractor, text)
             if e.cameo == "054"}
    assert expected <= found, found
    assert not (absent & found), found


def test_a_decision_to_recognise_is_the_recognition(read):
    s = read("Mongolia decided to upgrade Afghanistan's mission in Ulaanbaatar to an embassy.")
    candidate = candidate_for(s, "decided")
    assert recognition.decided(s, candidate) is None
    assert (candidate.entry.cameo, candidate.entry.recognition, candidate.negated) == ("054", "mission", False)
    refused = read("Mongolia decided not to recognise the Taliban government.")
    candidate = candidate_for(refused, "decided")
    recognition.decided(refused, candidate)
    assert (candidate.entry.cameo, candidate.negated) == ("054", True)


def test_a_decision_on_anything_else_stays_an_intention(read):
    s = read("Mongolia decided to expand trade with Iran.")
    candidate = candidate_for(s, "decided")
    recognition.decided(s, candidate)
    assert candidate.entry.cameo == "030"


def test_an_exchange_of_ambassadors_is_one_way_from_a_state_to_a_movement(read):
    s = read("Kyrgyzstan and the Taliban exchanged ambassadors.")
    candidate = candidate_for(s, "exchanged")
    candidate.pairs = [("KGZ", "AFG"), ("AFG", "KGZ")]
    assert recognition.one_way(s, candidate) is None
    assert candidate.pairs == [("KGZ", "AFG")]


def test_unrecognised_by_is_the_agents_recognition_negated(read):
    s = read("The Taliban government, which is still unrecognised by the African Union, opened a consulate.")
    candidate = candidate_for(s, "unrecognised")
    assert recognition.unrecognised(s, candidate) is None
    assert (codes(candidate.sources), codes(candidate.targets), candidate.negated) == (["AU"], ["AFG"], True)


def test_unrecognised_by_no_one_named_is_no_event(read):
    s = read("The unrecognised Taliban government opened a consulate.")
    assert recognition.unrecognised(s, candidate_for(s, "unrecognised")) is not None
