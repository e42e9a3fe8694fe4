"""More constructions of real news (issue 10): several parties, documents, intents, non-participants.

One row per rule or lexicon entry, each on a short article written for the test.
"""

from __future__ import annotations

from datetime import date

import pytest

from events.helpers import case_table

pytestmark = pytest.mark.issue(10)


CASES = [
    # (case, text, expected (source, type, target, negated), must not appear)
    ("document: a resolution speaks for whoever adopted it", "The UN Security Council met on Friday. The council "
     "adopted a resolution that urges the Taliban to reopen girls' schools.", {("UN", "REQUEST", "AFG", False)},
     set()),
    ("document: a statement released by a ministry", "Tehran released a statement that condemned Kabul's dam "
     "project.", {("IRN", "ACCUSE", "AFG", False)}, set()),
    ("document: welcoming a text does not make it yours", "China welcomed a resolution that calls on the Taliban "
     "to respect women's rights.", set(), {("CHN", "REQUEST", "AFG", False)}),
    # several parties
    ("meeting: guests of a hosted meeting consult the host", "Uzbekistan hosted a round of talks involving "
     "Iran, Pakistan and Kazakhstan on Tuesday.", {("IRN", "CONSULT", "UZB", False), ("PAK", "CONSULT", "UZB", False),
                                                   ("KAZ", "CONSULT", "UZB", False)},
     {("IRN", "CONSULT", "PAK", False), ("PAK", "CONSULT", "KAZ", False)}),
    # reference
    ("reference: 'the delegation' is the one a name described before", "A Kyrgyz delegation flew to Kabul on "
     "Monday. In the city the delegation met with ministers from Afghanistan.", {("KGZ", "CONSULT", "AFG", False)},
     set()),
]


test_events_news_construction = case_table(CASES, date(2024, 4, 2))
