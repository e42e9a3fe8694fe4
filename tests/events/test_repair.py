"""repair: the known misparses, each recognised on a sentence of our own."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from blocwatch.events import repair

from .helpers import word

pytestmark = pytest.mark.issue(10)


def test_a_wire_dateline_is_where_not_who(read):
    s = read("DOHA: Qatar hosted talks between Iran and Turkey.")
    assert list(s.dateline) == [0]
    assert 0 not in s.codes and s.codes[2] == "QAT"


def test_a_place_in_the_sentence_is_no_dateline(read):
    assert repair.dateline(read("Qatar hosted talks in Doha.").sent) == range(0)


def test_a_title_case_city_and_an_agency_between_dashes_is_a_dateline(read):
    s = read("Dushanbe - KHOVAR - Tajikistan will sell power to Afghanistan.")
    assert list(s.dateline) == [0, 1, 2]
    assert 0 not in s.codes and s.codes[4] == "TJK"


@pytest.mark.parametrize("text", [
    "Tehran said on Monday it would send wheat to Kabul.",  # the capital speaks for its state
    "Tehran - the capital of Iran - said it would send wheat to Kabul.",  # an aside in words, not an agency
    "Kabul - and Herat too - lost power on Sunday.",
])
def test_a_title_case_name_opening_a_sentence_is_no_dateline(read, text):
    assert repair.dateline(read(text).sent) == range(0)


def test_a_bare_verb_after_an_auxiliary_is_a_verb_whatever_its_tag(read):
    s = read("Kabul will telephone diplomats from Tashkent.")
    assert word(s, "telephone").pos_ == "NOUN"  # the tagger's misreading this repairs
    assert repair.verb_after_auxiliary(s.grammar, word(s, "telephone"))


@pytest.mark.parametrize(("text", "noun"), [
    ("The Taliban denied access to aid convoys from Uzbekistan.", "aid"),  # "to" a preposition
    ("Tajikistan said it would be open to talks with Kabul.", "open"),  # an adjective after "be"
    ("Iran offered shelter to flood victims from Herat.", "flood"),
    ("Pakistan said the border would stay closed to Afghan trucks.", "closed"),
])
def test_an_adjective_or_noun_after_no_auxiliary_stays_one(read, text, noun):
    s = read(text)
    assert not repair.verb_after_auxiliary(s.grammar, word(s, noun))


def test_an_attitude_read_as_a_passive_is_stative(read):
    s = read("Moscow was prepared to work with Kabul.")
    assert repair.stative(s.grammar, word(s, "prepared"))
    held = read("The talks were held in Doha.")
    assert not repair.stative(held.grammar, word(held, "held"))


def test_a_participle_before_the_object_parsed_as_a_clause(read):
    s = read("Pakistani jets bombed suspected TTP hideouts in Khost.")
    assert repair.adjective_as_clause(word(s, "bombed")) == word(s, "suspected")
    assert repair.adjective_as_clause(word(read("Pakistani jets bombed hideouts.").sent, "bombed")) is None


def test_stopped_short_of_hangs_on_its_adverb(read):
    s = read("Uzbekistan stopped short of recognising the Taliban.")
    assert repair.via_adverb(word(s, "short"))
    assert not repair.via_adverb(word(s, "recognising"))


def test_a_clause_hung_on_the_measure_belongs_to_what_is_measured(read):
    s = read("Uzbekistan and Turkmenistan settled the dispute after a week of talks in Baku mediated by Azerbaijan.")
    assert word(s, "mediated") in repair.noun_clauses(word(s, "talks"))
    assert repair.noun_clauses(word(s, "dispute")) == []


def _parsed(words: list[str], heads: list[int], deps: list[str], lemmas: list[str]) -> Doc:
    """A parse as the small model gives it, where it gives it only now and then."""
    return Doc(Vocab(), words=words, heads=heads, deps=deps, lemmas=lemmas,
               sent_starts=[True] + [False] * (len(words) - 1))


def test_a_trailing_attribution_parsed_as_a_relative_clause(read):
    grammar = read("Kabul met Tashkent.").grammar
    # "Kabul sheltered the commander, the envoy said": the small model hangs "said" on "commander"
    words = ["Kabul", "sheltered", "the", "commander", ",", "the", "envoy", "said", "."]
    heads = [1, 1, 3, 1, 3, 6, 7, 3, 1]
    deps = ["nsubj", "ROOT", "det", "dobj", "punct", "det", "nsubj", "relcl", "punct"]
    lemmas = ["Kabul", "shelter", "the", "commander", ",", "the", "envoy", "say", "."]
    doc = _parsed(words, heads, deps, lemmas)
    assert repair.attribution_as_relative(grammar, doc[7])
    # "the commander whom the envoy named said nothing": a true relative clause has no comma before it
    words[4], lemmas[4], deps[4] = "whom", "whom", "dobj"
    assert not repair.attribution_as_relative(grammar, _parsed(words, heads, deps, lemmas)[7])


def test_a_fronted_whose_object_belongs_to_the_verb_below(read):
    s = read("Ankara keeps close ties with the Taliban, whose envoy it has yet to accept.")
    antecedent = repair.fronted_whose_object(word(s, "accept"))
    assert antecedent is not None and antecedent.text == "Taliban"
    plain = read("Ankara has yet to accept the Taliban envoy.")
    assert repair.fronted_whose_object(word(plain, "accept")) is None
