"""sentence: the working state the passes share, read from a sentence of our own."""

from __future__ import annotations

import pytest

from blocwatch.events.sentence import Actor, definite, in_place_phrase, is_place, located_in, place_of, unique

from .helpers import article_events, word

pytestmark = pytest.mark.issue(10)


def test_actors_are_placed_on_their_tokens_and_provinces_only_locate(read):
    s = read("Pakistani jets bombed hideouts in Khost.")
    assert s.codes == {0: "PAK"}
    assert s.located == {word(s, "Khost").i: "AFG"}  # a province is where, never who


def test_states_named_outright_are_places_but_not_as_modifiers(read):
    s = read("Qatar's envoy met Iranian officials in Kabul.")
    assert is_place(s, word(s, "Kabul"))
    assert not is_place(s, word(s, "Qatar"))  # a possessor: "Qatar's envoy" is a person, not the place
    assert in_place_phrase(s, word(s, "Kabul").i)
    assert not in_place_phrase(s, word(s, "Iranian").i)


def test_a_phrase_locates_its_province_in_a_state(read):
    s = read("A bomb exploded at a mosque in Kunduz.")
    assert located_in(s, word(s, "mosque"), set()) == [Actor("AFG", word(s, "Kunduz").i, 0.8)]
    assert located_in(s, word(s, "mosque"), {"AFG"}) == []


@pytest.mark.parametrize(("text", "where", "state"), [
    ("Shells landed on a crowded market in Gaza.", "Gaza", "PSE"),
    ("Gunmen fired on a bus outside Jammu.", "Jammu", "IND"),
])
def test_a_city_news_datelines_name_locates_in_its_state(read, text, where, state):
    s = read(text)
    assert s.located == {word(s, where).i: state} and not s.codes


def test_the_place_of_a_trigger_prefers_a_city_to_a_state(read):
    s = read("Iran and Pakistan held talks in Quetta.")
    assert place_of(s, s.sent.root) == "Quetta"


def test_definite_and_unique(read):
    s = read("The council met the group.")
    assert definite(s, word(s, "council")) and definite(s, word(s, "group"))
    other = read("A council met.")
    assert not definite(other, word(other, "council"))
    assert [a.code for a in unique([Actor("IRN", 1), Actor("PAK", 3), Actor("IRN", 5)])] == ["IRN", "PAK"]


@pytest.mark.parametrize(("text", "where"), [
    ("Kazakh and Afghan diplomats held talks in Astana on Friday.", "Astana"),
    ("The Turkish envoy met Taliban officials at a hotel in Ankara.", "Ankara"),
    ("Talks between Iran and Pakistan opened in New Delhi.", "New Delhi"),
    ("A Tajik delegation flew to Kabul for talks with the Taliban.", "Kabul"),
    ("TEHRAN — Iran signed a water deal with the Taliban.", "TEHRAN"),
    ("ISLAMABAD, Pakistan — Pakistan summoned the Afghan envoy.", "ISLAMABAD"),
    ("Ankara - AA - Turkey signed a trade deal with the Taliban.", "Ankara"),
])
def test_a_capital_named_where_something_happens_is_its_place(read, text, where):
    s = read(text)
    assert place_of(s, s.sent.root) == where


@pytest.mark.parametrize("text", [
    "Ankara accepted the credentials of an Afghan envoy.",  # the capital acts: it is no venue
    "Kabul sent a letter to Tehran.",  # a recipient, not a destination
    "BREAKING — Iran signed a water deal with the Taliban.",  # a dateline that names no place
    "Pakistan warned of a change in the Kabul-Beijing partnership.",  # a capital modifying what the phrase names
])
def test_a_capital_that_acts_or_receives_is_no_place(read, text):
    s = read(text)
    assert place_of(s, s.sent.root) is None


def test_a_venue_capital_places_the_event_and_its_state_still_acts(extractor):
    events = article_events(extractor, "Beijing hosted Taliban ministers for talks in Beijing on Monday.")
    assert {(e.source, e.target, e.location) for e in events} == {("CHN", "AFG", "Beijing")}
