"""Words and names of wire news from outside the region (the PLOVER gold sentences are the yardstick):
one row per lexicon or gazetteer entry, each on a short article written for the test."""

from __future__ import annotations

import pytest

from events.helpers import case_table

pytestmark = pytest.mark.issue(10)


CASES = [
    # (case, text, expected (source, type, target, negated), must not appear)
    ("place: the West Bank is a Palestinian place, not the West", "Israeli troops raided a village in the West "
     "Bank on Friday.", {("ISR", "ASSAULT", "PSE", False)}, {("ISR", "ASSAULT", "WST", False)}),
    ("word: cancelling a visit reduces relations", "The Kazakh foreign minister has cancelled his visit to "
     "Kyrgyzstan after the border clash.", {("KAZ", "SANCTION", "KGZ", False)}, set()),
    ("place: a Palestinian city names the target", "Israeli jets struck a house in Jenin overnight.",
     {("ISR", "ASSAULT", "PSE", False)}, set()),
    ("place: an Iraqi city names the target", "Turkish drones hit a convoy near Kirkuk on Tuesday.",
     {("TUR", "ASSAULT", "IRQ", False)}, set()),
    ("word: extraditing a suspect cooperates with the receiving state", "Kyrgyzstan extradited a wanted "
     "blogger to Uzbekistan on Monday.", {("KGZ", "COOPERATE", "UZB", False)}, set()),
]


test_events_world_word = case_table(CASES)
