"""parties: the source-target pairs of an event with several parties."""

from __future__ import annotations

import pytest

from blocwatch.events import parties

from .helpers import candidate_for, codes, event_tuples, word

pytestmark = pytest.mark.issue(10)


def _paired(s, text: str) -> list[tuple[str, str]]:
    candidate = candidate_for(s, text)
    assert parties.pairs(s, candidate) is None
    return candidate.pairs


def test_everyone_after_between_is_a_party(read):
    s = read("Talks between Pakistan and Afghanistan resumed in Doha.")
    assert [a.code for a in parties.between(s, word(s, "Talks"))] == ["PAK", "AFG"]


def test_a_group_agreeing_among_itself_yields_each_pair_once(read):
    s = read("Iran, Pakistan and Turkey signed a pact.")
    assert _paired(s, "signed") == [("IRN", "PAK"), ("IRN", "TUR"), ("PAK", "TUR")]


def test_several_sources_each_act_on_the_target(read):
    s = read("China, Iran and Russia urged the Taliban to form an inclusive government.")
    assert _paired(s, "urged") == [("CHN", "AFG"), ("IRN", "AFG"), ("RUS", "AFG")]


def test_a_mediator_acts_on_each_party(read):
    s = read("Qatar mediated talks between Pakistan and Afghanistan.")
    assert _paired(s, "mediated") == [("QAT", "PAK"), ("QAT", "AFG")]


def test_the_guests_of_a_hosted_meeting_are_its_participants(read):
    s = read("Turkmenistan hosted a summit with the participation of Iran and Tajikistan.")
    verb = word(s, "hosted")
    assert codes(parties.participants(s, verb, word(s, "summit"))) == ["IRN", "TJK"]


def test_the_state_a_meeting_is_held_in_hosts_it(read):
    s = read("The trilateral summit was held at the Pakistani foreign ministry on Monday.")
    assert codes(parties.venue_host(s, word(s, "summit"))) == ["PAK"]
    s = read("Ministers met at a session held in Astana.")
    assert codes(parties.venue_host(s, word(s, "session"))) == ["KAZ"]
    s = read("The summit was postponed in Astana.")
    assert parties.venue_host(s, word(s, "summit")) == []


def test_each_other_and_one_another_run_both_ways(read):
    s = read("Uzbekistan and Kazakhstan praised each other at the summit.")
    assert sorted(_paired(s, "praised")) == [("KAZ", "UZB"), ("UZB", "KAZ")]
    s = read("Iran and Pakistan accused one another of sheltering militants.")
    assert sorted(_paired(s, "accused")) == [("IRN", "PAK"), ("PAK", "IRN")]


def test_mediators_of_talks_counted_in_days_consult_each_party(extractor):
    found = event_tuples(extractor, "Uzbekistan and Turkmenistan settled the dispute after a week of talks in Baku "
                                    "mediated by Azerbaijan.")
    assert {("AZE", "CONSULT", "UZB", False), ("AZE", "CONSULT", "TKM", False)} <= found, found
