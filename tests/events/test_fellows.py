"""fellows: the others a ranking of the subject names as having done the act too."""

from __future__ import annotations

import pytest

from blocwatch.events import fellows

from .helpers import candidate_for, codes

pytestmark = pytest.mark.issue(10)


def test_an_ordinal_rank_adds_those_named_before(read):
    s = read("Armenia became the second country, after Georgia, to sign the accord with Iran.")
    candidate = candidate_for(s, "sign")
    assert fellows.also_did(s, candidate) is None
    assert codes(candidate.sources) == ["ARM", "GEO"]


def test_do_so_refers_the_rank_to_the_clause_it_hangs_on(read):
    s = read("Armenia signed the accord with Iran, becoming the second country after Georgia to do so.")
    candidate = candidate_for(s, "signed")
    fellows.also_did(s, candidate)
    assert codes(candidate.sources) == ["ARM", "GEO"]


def test_do_so_past_a_verb_of_saying(read):
    s = read("Armenia has signed the accord with Iran, officials said, becoming the second country after Georgia "
             "to do so.")
    candidate = candidate_for(s, "signed")
    fellows.also_did(s, candidate)
    assert codes(candidate.sources) == ["ARM", "GEO"]


def test_the_first_to_act_and_a_plain_after_add_no_one(read):
    first = read("Armenia signed the accord with Iran, becoming the first country to do so.")
    candidate = candidate_for(first, "signed")
    fellows.also_did(first, candidate)
    assert codes(candidate.sources) == ["ARM"]
    later = read("Armenia signed the accord with Iran after talks with Georgia.")
    candidate = candidate_for(later, "signed")
    fellows.also_did(later, candidate)
    assert codes(candidate.sources) == ["ARM"]
