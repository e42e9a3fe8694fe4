"""Bloc cohesion on hand-built events: pairs, frictions, common adversaries and the verdict."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from blocwatch.analysis import bloc, build_clusters
from blocwatch.errors import ParameterError
from conftest import make_event, put

pytestmark = pytest.mark.issue(4)


def _group(store):
    events = [
        make_event("CHN", "AFG", "COOPERATE", date="2023-01-05", contexts=("economic",)),
        make_event("RUS", "AFG", "SUPPORT", date="2025-07-03", contexts=("diplomatic",)),
        make_event("AFG", "RUS", "CONSULT", date="2025-07-10", contexts=("diplomatic",)),
        make_event("CHN", "PAK", "AGREE", date="2023-05-06", contexts=("economic", "diplomatic")),
        make_event("PAK", "AFG", "ASSAULT", date="2024-03-18", contexts=("military", "territory")),
        make_event("AFG", "PAK", "THREATEN", date="2023-02-03", contexts=("territory",)),
        make_event("CHN", "USA", "ACCUSE", date="2021-08-17"),
        make_event("RUS", "USA", "ACCUSE", date="2021-08-20"),
        make_event("IRN", "ISR", "THREATEN", date="2024-04-01"),
        make_event("CHN", "AFG", "AID", negated=True, date="2023-03-01"),
    ]
    put(store, "d", [replace(e, sentence=n) for n, e in enumerate(events)])
    build_clusters(store)


def test_cohesion_reports_pairs_frictions_adversaries_and_verdict(store):
    _group(store)
    result = bloc(store, ["chn", "RUS", "PAK", "AFG"]).to_json()
    assert list(result) == ["members", "cohesion", "pairs", "common_adversaries", "frictions", "verdict"]
    pairs = {(p["a"], p["b"]): p for p in result["pairs"]}
    assert len(pairs) == 6
    assert pairs[("RUS", "AFG")]["cooperative"] == 2 and pairs[("RUS", "AFG")]["contexts"]["binding"] == [
        "diplomatic"]
    assert (pairs[("PAK", "AFG")]["cooperative"], pairs[("PAK", "AFG")]["conflictual"]) == (0, 2)
    assert pairs[("PAK", "AFG")]["contexts"]["dividing"][0] == "territory"
    assert pairs[("PAK", "AFG")]["net"] == -16.0
    assert result["frictions"] == [{"a": "PAK", "b": "AFG", "events": 2}]
    assert result["common_adversaries"] == [{"actor": "USA", "events": 2}]
    assert result["cohesion"] == round((4 - 2) / 6, 2)
    assert result["verdict"] == ("cooperation without a bloc: 67% of 6 events inside the group are cooperative, "
                                 "but 1 pair has frictions (PAK–AFG) and only 1 common adversary (USA)")


def test_cohesion_one_member_acting_repeatedly_makes_an_adversary(store):
    put(store, "d", [make_event("IRN", "ISR", "THREATEN", date="2024-04-01"),
                     make_event("IRN", "ISR", "ACCUSE", date="2024-05-01", sentence=1),
                     make_event("IRN", "AFG", "CONSULT", date="2024-05-02", sentence=2)])
    build_clusters(store)
    result = bloc(store, ["IRN", "AFG"])
    assert [(x.actor, x.events) for x in result.common_adversaries] == [("ISR", 2)]
    assert result.verdict.startswith("a bloc: 100% of 1 events")


def test_cohesion_since_and_empty_group(store):
    _group(store)
    assert bloc(store, ["CHN", "RUS", "PAK", "AFG"], since=date(2025, 1, 1)).cooperative == 2
    empty = bloc(store, ["IRN", "RUS"])
    assert empty.verdict.startswith("no evidence") and empty.cohesion == 0.0


@pytest.mark.parametrize("members, message", [(["AFG", "afg"], "at least two"), (["AFG", "XQZ"], "'XQZ'")])
def test_cohesion_bad_members_are_parameter_errors(store, members, message):
    _group(store)
    with pytest.raises(ParameterError, match=message):
        bloc(store, members)
