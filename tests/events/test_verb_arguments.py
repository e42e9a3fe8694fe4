"""Who does what to whom in complex clauses (issue 10): complement clauses under warnings and reports,
obligations, purpose clauses, object control; each row a short article written for the test."""

from __future__ import annotations

import pytest

from events.helpers import case_table

pytestmark = pytest.mark.issue(10)


CASES = [
    # (case, text, expected (source, type, target, negated), must not appear)
    ("warning: the one bound to act is warned", "Tehran warned that Kabul would have to release more water "
     "from the dam.", {("IRN", "THREATEN", "AFG", False)}, set()),
    ("warning: a modal obligation in the clause", "Beijing warned that Manila must stop its patrols near the "
     "reef.", {("CHN", "THREATEN", "PHL", False)}, set()),
    ("warning: a forecast about a state threatens nobody", "The agency warned that Somalia could face famine "
     "this year.", set(), {("UN", "THREATEN", "SOM", False), ("NGO", "THREATEN", "SOM", False)}),
]

test_verb_argument_case = case_table(CASES)
