"""phrases: which actors a noun phrase stands for."""

from __future__ import annotations

import pytest

from blocwatch.events import phrases

from .helpers import codes, word

pytestmark = pytest.mark.issue(10)



def test_a_coordinated_subject_stands_for_each_conjunct(read):
    s = read("China, Iran and Russia urged the Taliban to form an inclusive government.")
    assert codes(phrases.actors_of(s, word(s, "China"))) == ["CHN", "IRN", "RUS"]


def test_companions_join_the_subject(read):
    s = read("Qatar, like Turkey and Egypt, backed the plan.")
    assert codes(phrases.actors_of(s, word(s, "Qatar"))) == ["QAT", "TUR", "EGY"]


def test_envoys_from_a_state_are_the_state(read):
    s = read("Envoys from Russia met the Taliban.")
    assert codes(phrases.actors_of(s, word(s, "Envoys"))) == ["RUS"]


def test_a_modifier_names_the_people_it_describes(read):
    s = read("Kazakh and Uzbek officials visited Kabul.")
    assert codes(phrases.actors_of(s, word(s, "officials"))) == ["KAZ", "UZB"]


def test_a_negative_group_with_an_exception_is_the_exception(read):
    s = read("No SCO member except Russia has recognised the Taliban.")
    member = word(s, "member")
    assert phrases.excepted(s, member)
    assert codes(phrases.actors_of(s, member)) == ["RUS"]


def test_prepositional_actors_look_through_particles(read):
    s = read("Washington moved its troops out of Syria.")
    assert codes(phrases.prep_actors(s, word(s, "moved"), {"of"})) == ["SYR"]
    assert phrases.prep_actors(s, word(s, "moved"), {"with"}) == []


def test_a_document_stands_for_whoever_adopted_it(read):
    s = read("Kazakhstan adopted a declaration that praises Uzbekistan.")
    assert codes(phrases.actors_of(s, word(s, "declaration"))) == ["KAZ"]
    s = read("Kazakhstan praised a declaration that criticises Uzbekistan.")
    assert phrases.actors_of(s, word(s, "declaration")) == []


def test_a_pronoun_subject_of_a_concession_is_the_subject_conceded_to(read):
    s = read("Ankara has not recognised the Taliban, though it hosts their envoy.")
    assert codes(phrases.referents(s, word(s, "it"), 0)) == ["TUR"]
    after = read("Ankara condemned the Taliban after it closed the schools.")
    assert codes(phrases.referents(after, word(after, "it"), 0)) == ["AFG"]  # "after" binds no subject
