"""Intents to stop hostilities (issue 10): "agreed to halt the fighting" is an agreement, not a threat, while
an intent to strike stays a threat. Short articles written for the test."""

from __future__ import annotations

from datetime import date

import pytest

from events.helpers import case_table

pytestmark = pytest.mark.issue(10)

CASES = [
    # (case, text, expected (source, type, target, negated), must not appear)
    ("ceasing: agreeing to halt the fighting", "Armenia and Azerbaijan agreed to halt the fighting along their "
     "border.", {("ARM", "AGREE", "AZE", False)}, {("ARM", "THREATEN", "AZE", False)}),
    ("ceasing: fighting read as the verb's form", "Georgia and Armenia agree to stop fighting near the pass.",
     {("GEO", "AGREE", "ARM", False)}, {("GEO", "THREATEN", "ARM", False)}),
    ("ceasing: pledging to end attacks on a neighbour", "Tajikistan pledged to end its attacks on Kyrgyzstan.",
     set(), {("TJK", "THREATEN", "KGZ", False)}),
    ("ceasing: halting trade is no ceasefire", "Uzbekistan plans to halt trade with Turkmenistan.",
     {("UZB", "THREATEN", "TKM", False)}, set()),
    ("ceasing: an intent to strike stays a threat", "Iran plans to strike the camps in Iraq.",
     {("IRN", "THREATEN", "IRQ", False)}, set()),
]

test_ceasing = case_table(CASES, date(2024, 4, 2))
