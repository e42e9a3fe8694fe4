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
    ("word: two states upgrading their ties support each other", "Mongolia and Vietnam upgraded their ties to "
     "a strategic partnership.", {("MNG", "SUPPORT", "VNM", False), ("VNM", "SUPPORT", "MNG", False)}, set()),
    ("word: war games are military cooperation", "Indian and French warships began three days of war games "
     "off Goa.", {("IND", "COOPERATE", "FRA", False)}, set()),
    ("word: seeking refuge in a state asks it for shelter", "Hundreds of Tajik families sought refuge in "
     "Kyrgyzstan during the fighting.", {("TJK", "REQUEST", "KGZ", False)}, set()),
    ("name: a common misspelling of Afghanistan", "Iran reopened its border with Afganistan on Sunday.",
     {("IRN", "CONCEDE", "AFG", False)}, set()),
    ("word: a reminder sent to a state asks it to act", "Iran sent a reminder to Pakistan about the unpaid gas "
     "bills.", {("IRN", "REQUEST", "PAK", False)}, set()),
    ("word: hacking a state's networks coerces it", "Investigators said Russian agents hacked the email accounts "
     "of Ukrainian officials.", {("RUS", "COERCE", "UKR", False)}, set()),
    ("word: extraditing a suspect cooperates with the receiving state", "Kyrgyzstan extradited a wanted "
     "blogger to Uzbekistan on Monday.", {("KGZ", "COOPERATE", "UZB", False)}, set()),
]


test_events_world_word = case_table(CASES)
