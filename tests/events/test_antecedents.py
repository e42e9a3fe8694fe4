"""antecedents: the actors named before a phrase that it stands for or takes in."""

from __future__ import annotations

import pytest

from blocwatch.events import antecedents
from blocwatch.events.sentence import Discourse

from .helpers import codes, word

pytestmark = pytest.mark.issue(10)


def _earlier(*subjects: str) -> Discourse:
    state = Discourse()
    state.advance(list(subjects), list(subjects), list(subjects))
    return state


def test_a_plural_pronoun_never_stands_for_one_person_alone(read):
    one = Discourse()
    one.advance(["PAK"], ["PAK", "CHN"], ["PAK", "CHN"], lone_person=True)
    s = read("They signed a trade deal.", one)
    assert codes(antecedents.named_before(s, word(s, "They"))) == ["PAK", "CHN"]  # those the person met
    alone = Discourse()
    alone.advance(["PAK"], ["PAK"], ["PAK"], lone_person=True)
    s = read("They signed a trade deal.", alone)
    assert antecedents.named_before(s, word(s, "They")) == []
    s = read("Ishaq Dar said that they would sign.", _earlier("CHN"))
    assert codes(antecedents.named_before(s, word(s, "they"))) == ["CHN"]  # not Dar: the previous subjects
    s = read("Pakistan said that they would sign.")
    assert codes(antecedents.named_before(s, word(s, "they"))) == ["PAK"]  # a state may be "they"


def test_names_hung_on_an_earlier_phrase_are_listed_before_the_last(read):
    s = read("Beyond Europe, Japan, Brazil and Canada have kept their distance from the Taliban.")
    assert codes(antecedents.listed_before(s, word(s, "Canada"))) == ["JPN", "BRA"]


def test_a_pronoun_is_the_latest_name_before_it_or_the_previous_subjects(read):
    s = read("Tajikistan said it would not host the talks.")
    assert codes(antecedents.named_before(s, word(s, "it"))) == ["TJK"]
    s = read("They later met the Taliban in Termez.", _earlier("KAZ", "UZB"))
    assert codes(antecedents.named_before(s, word(s, "They"))) == ["KAZ", "UZB"]


def test_a_group_is_the_earlier_subjects_where_several_else_the_previous_ones(read):
    s = read("Neither of them has sent an ambassador.", _earlier("KAZ", "UZB"))
    neither = word(s, "Neither")
    assert codes(antecedents.group_before(s, neither, ["IRN", "IRN", "TUR"])) == ["IRN", "TUR"]
    assert codes(antecedents.group_before(s, neither, ["IRN"])) == ["KAZ", "UZB"]


def test_a_definite_description_is_the_latest_subject(read):
    earlier = Discourse(last_subjects=["UZB"])
    s = read("The ministry did not comment.", earlier)
    assert codes(antecedents.latest_subject_described(s, word(s, "ministry"))) == ["UZB"]
    s = read("A ministry did not comment.", earlier)
    assert antecedents.latest_subject_described(s, word(s, "ministry")) == []


def test_a_description_recalls_the_actor_last_named_so(read):
    earlier = Discourse()
    earlier.name("UN", ["council"])
    s = read("Pakistan pressed the council to ease the sanctions.", earlier)
    assert antecedents.described_before(s, word(s, "council")) == "UN"
