"""lexicon: the grammar's PLOVER type lists and the conflict types come from the PLOVER table."""

from __future__ import annotations

import pytest

from blocwatch.events.lexicon import load_lexicon
from blocwatch.plover import CONFLICTUAL_QUADS, plover_types

pytestmark = pytest.mark.issue(10)


def test_conflict_types_are_those_of_the_conflictual_quads():
    types = plover_types()
    assert load_lexicon().conflictual == {name for name, kind in types.items() if kind.quad in CONFLICTUAL_QUADS}
    assert "ASSAULT" in load_lexicon().conflictual and "AGREE" not in load_lexicon().conflictual


def test_the_grammars_type_lists_name_plover_types():
    grammar, types = load_lexicon().grammar, plover_types()
    for name in ("mutual_types", "located_types", "noun_located_types", "charge_types", "clause_target_types",
                 "noun_clause_target_types", "measure_target_types"):
        assert getattr(grammar, name) and getattr(grammar, name) <= types.keys(), name


def test_ordered_lists_keep_their_order():
    grammar = load_lexicon().grammar
    assert grammar.np_preps[0] == "by"  # the doer's phrase is tried first
    assert [word for word, _ in grammar.group_sizes][0] == "three"  # before "two": "the three" is no pair
