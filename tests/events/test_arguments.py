"""arguments: who acts, by construction, and the roles pass."""

from __future__ import annotations

import pytest

from blocwatch.events import arguments, clauses, phrases, triggers

from .helpers import candidate_for, codes, word

pytestmark = pytest.mark.issue(10)




@pytest.mark.parametrize(("text", "verb", "doer"), [
    ("The Russian embassy was attacked by the Islamic State.", "attacked", "ISKP"),  # a passive: its agent
    ("Moscow was the first capital to accept a Taliban ambassador.", "accept", "RUS"),  # the first to act
], ids=["passive agent", "the first state to act"])
def test_the_doer_of_a_passive_or_of_the_first_state_to_act(read, text, verb, doer):
    s = read(text)
    found, has_subject = phrases.subject_of(s, word(s, verb))
    assert (codes(found), has_subject) == ([doer], True)


def test_an_infinitive_takes_its_governors_subject(read):
    s = read("Turkey pledged to work with Kabul on trade.")
    assert phrases.subject_of(s, word(s, "work"))[0][0].code == "TUR"


def test_an_attitude_parsed_as_passive_keeps_its_subject(read):
    s = read("Moscow was prepared to work with Kabul.")
    assert codes(phrases.subject_of(s, word(s, "prepared"))[0]) == ["RUS"]


def test_an_analysts_subject_is_no_actor(read):
    s = read("Analysts said Pakistan closed the border with Afghanistan.")
    assert phrases.subject_of(s, word(s, "said")) == ([], False)


def test_a_noun_takes_its_possessor_or_its_light_verbs_subject(read):
    s = read("Pakistan's deportation of Afghans drew protests.")
    deportation = word(s, "deportation")
    found, has_subject = arguments.noun_source(s, deportation, triggers.match(s, deportation))
    assert (codes(found), has_subject) == (["PAK"], True)
    light = read("Turkey voiced support for the Taliban administration.")
    support = word(light, "support")
    assert clauses.governing_verb(light, support) == word(light, "voiced")
    assert codes(arguments.noun_source(light, support, triggers.match(light, support))[0]) == ["TUR"]


def test_a_received_act_is_the_givers(read):
    s = read("Pakistan's ban drew criticism from Uzbekistan.")
    givers, receivers = arguments.received(s, word(s, "criticism"))
    assert (codes(givers), codes(receivers)) == (["UZB"], ["PAK"])


def test_the_speaker_of_a_reported_clause(read):
    s = read("Lavrov said the US could impose sanctions on Iran.")
    chain = clauses.chain(s, word(s, "impose"))
    assert clauses.speech_verb(s, chain) == word(s, "said")
    assert codes(phrases.speaker(s, chain)) == ["RUS"]


def test_roles_of_a_verb(read):
    s = read("Officials in Kabul met Qatar's envoy.")
    candidate = candidate_for(s, "met", roles=False)
    assert arguments.roles(s, candidate) is None
    assert (codes(candidate.sources), codes(candidate.targets), candidate.has_subject) == (["AFG"], ["QAT"], True)


def test_roles_of_a_noun_between_parties(read):
    s = read("Talks between Pakistan and Afghanistan resumed in Doha.")
    candidate = candidate_for(s, "Talks", roles=False)
    assert arguments.roles(s, candidate) is None
    assert codes(candidate.sources) == ["PAK", "AFG"] and candidate.targets == []
    assert candidate.confidence == 0.75


def test_a_concern_voiced_about_a_group_is_the_speakers_charge(read):
    s = read("Lavrov said the plans of the Islamic State are of concern.")
    candidate = candidate_for(s, "concern")
    assert arguments.voiced(s, candidate) is None
    assert (codes(candidate.sources), codes(candidate.targets)) == (["RUS"], ["ISKP"])


def test_no_subject_takes_the_nearest_actor_with_less_confidence(read):
    s = read("Pakistan closed the crossing, citing attacks from Afghanistan.")
    candidate = candidate_for(s, "closed")
    candidate.sources, candidate.has_subject = [], False
    assert arguments.guessed_source(s, candidate) is None
    assert codes(candidate.sources) == ["PAK"] and candidate.confidence == pytest.approx(0.6)


def test_a_speaker_unknown_by_name_is_known_by_the_title_before_it(read):
    s = read("Our talks do not mean an endorsement of anyone, Danish head of diplomacy, Erik Larsen said.")
    assert codes(phrases.speaker(s, clauses.chain(s, word(s, "mean")))) == ["DNK"]


def test_aid_relied_on_or_thanked_for_goes_to_the_one_relying_or_thanking(read):
    relied = read("Tajikistan's economy depends heavily on Russian economic assistance.")
    assistance = word(relied, "assistance")
    givers, receivers = arguments.benefited(relied, assistance, triggers.match(relied, assistance))
    assert (codes(givers), codes(receivers)) == (["RUS"], ["TJK"])
    thanked = read("Afghanistan thanked Uzbekistan for fuel deliveries and humanitarian assistance.")
    assistance = word(thanked, "assistance")
    givers, receivers = arguments.benefited(thanked, assistance, triggers.match(thanked, assistance))
    assert (codes(givers), codes(receivers)) == (["UZB"], ["AFG"])


@pytest.mark.parametrize(("text", "noun", "owner"), [
    ("Transit cooperation with Turkmenistan is a pillar of Kazakhstan's foreign policy.", "cooperation", "KAZ"),
    ("Trade with Iran is a priority for Tajikistan.", "Trade", "TJK"),
])
def test_an_act_said_to_be_someones_priority_is_theirs(read, text, noun, owner):
    s = read(text)
    found, has_subject = arguments.noun_source(s, word(s, noun), triggers.match(s, word(s, noun)))
    assert (codes(found), has_subject) == ([owner], True)
