"""Word senses and constructions of real news found missing or over-firing on the later real articles
(issue 10): closings, requests made to others, withdrawals, mediators, hosts of people.

One row per rule or lexicon entry, each on a short article written for the test.
"""

from __future__ import annotations

import pytest

from events.helpers import case_table

pytestmark = pytest.mark.issue(10)


CASES = [
    # (case, text, expected (source, type, target, negated), must not appear)
    ("closing: an embassy shut in a capital acts on that state", "Norway shut down its embassy in Tehran after "
     "the crackdown on protesters last year.", {("NOR", "SANCTION", "IRN", False)}, set()),
    ("request: urging others than actors asks nothing of whom they would deal with", "A UN rights envoy "
     "urged governments to avoid normalising relations with the Taliban.", set(), {("UN", "REQUEST", "AFG", False)}),
    ("request: urging an actor still asks it", "A UN rights envoy urged Kabul to stop jailing women "
     "activists.", {("UN", "REQUEST", "AFG", False)}, set()),
]

test_news_words = case_table(CASES)
