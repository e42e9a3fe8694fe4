"""Bloc cohesion on hand-built events: pairs, evidence thresholds (each below and above), confidence
weights, the verdict, and the figures per period with their change points."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from blocwatch.analysis import bloc, build_clusters
from blocwatch.analysis.evidence import Thresholds
from blocwatch.errors import ParameterError
from conftest import make_event, put

pytestmark = pytest.mark.issue(12)


def _write(store, docs: dict[str, list], outlets: dict[str, str] | None = None) -> None:
    for doc, events in docs.items():
        put(store, doc, [replace(e, sentence=n) for n, e in enumerate(events)], outlet=(outlets or {}).get(doc))
    build_clusters(store)


def _group(store):
    _write(store, {"d": [
        make_event("CHN", "AFG", "COOPERATE", date="2023-01-05", contexts=("economic",)),
        make_event("RUS", "AFG", "SUPPORT", date="2025-07-03", contexts=("diplomatic",)),
        make_event("AFG", "RUS", "CONSULT", date="2025-07-10", contexts=("diplomatic",)),
        make_event("CHN", "PAK", "AGREE", date="2023-05-06", contexts=("economic", "diplomatic")),
        make_event("PAK", "AFG", "ASSAULT", date="2024-03-18", contexts=("military", "territory")),
        make_event("CHN", "USA", "ACCUSE", date="2021-08-17"),
        make_event("RUS", "USA", "ACCUSE", date="2021-08-20"),
        make_event("CHN", "AFG", "AID", negated=True, date="2023-03-01"),
    ], "e": [make_event("AFG", "PAK", "THREATEN", date="2023-02-03", contexts=("territory",))]})


def test_cohesion_reports_pairs_with_their_evidence(store):
    _group(store)
    result = bloc(store, ["chn", "RUS", "PAK", "AFG"]).to_json()
    pairs = {(p["a"], p["b"]): p for p in result["pairs"]}
    assert len(pairs) == 6
    assert pairs[("RUS", "AFG")]["cooperative"] == 2 and pairs[("RUS", "AFG")]["contexts"]["binding"] == [
        "diplomatic"]
    assert pairs[("PAK", "AFG")]["evidence"]["conflictual"] == {
        "happenings": 2, "articles": 2, "outlets": 0, "weight": 1.6, "widest": 0}
    assert pairs[("PAK", "AFG")]["contexts"]["dividing"][0] == "territory"
    assert pairs[("PAK", "AFG")]["net"] == round(-16.0 * 0.8, 2)  # Goldstein scores weighted by confidence
    assert [(f["a"], f["b"], f["events"]) for f in result["frictions"]] == [("PAK", "AFG", 2)]
    adversaries = [(x["actor"], x["members"]) for x in result["common_adversaries"]]
    assert adversaries == [("USA", {"CHN": 1, "RUS": 1})]
    # four of six happenings cooperative, two conflictual: (4 - 2) / 6
    assert result["evidence"]["inside"]["happenings"] == 6 and result["cohesion"] == 0.33
    assert result["verdict"] == ("not enough evidence: a verdict needs 10 happenings inside the group, and there are "
                                 "6 happenings in 2 articles, outlets not recorded: 4 cooperative, 2 conflictual")


@pytest.mark.parametrize("docs, outlets, friction", [
    ({"a": [make_event("PAK", "AFG", "ASSAULT", date="2024-03-18")]}, {}, False),
    ({"a": [make_event("PAK", "AFG", "ASSAULT", date="2024-03-18"),
            make_event("AFG", "PAK", "ACCUSE", date="2024-04-02")]}, {}, False),  # two happenings, one article
    ({"a": [make_event("PAK", "AFG", "ASSAULT", date="2024-03-18")],
      "b": [make_event("AFG", "PAK", "ACCUSE", date="2024-04-02")]}, {}, True),  # two happenings, two articles
    ({"a": [make_event("PAK", "AFG", "ASSAULT", date="2024-03-18")],
      "b": [make_event("PAK", "AFG", "ASSAULT", date="2024-03-18")]}, {"a": "Dawn", "b": "Tolo"}, True),
    ({"a": [make_event("PAK", "AFG", "ASSAULT", date="2024-03-18")],
      "b": [make_event("PAK", "AFG", "ASSAULT", date="2024-03-18")]}, {"a": "Dawn", "b": "Dawn"}, False),
])
def test_cohesion_friction_threshold(store, docs, outlets, friction):
    _write(store, docs, outlets)
    result = bloc(store, ["PAK", "AFG"])
    assert bool(result.frictions) is friction


def test_cohesion_friction_threshold_is_an_option(store):
    _write(store, {"a": [make_event("PAK", "AFG", "ASSAULT", date="2024-03-18")]})
    assert bloc(store, ["PAK", "AFG"], thresholds=Thresholds(friction_happenings=1, friction_articles=1)).frictions


@pytest.mark.parametrize("acts, adversary", [
    ([("IRN", "ISR", "2024-04-01"), ("IRN", "ISR", "2024-05-01")], False),  # one member, however often
    ([("IRN", "ISR", "2024-04-01"), ("AFG", "ISR", "2024-05-01")], True),
])
def test_cohesion_common_adversary_needs_two_members(store, acts, adversary):
    _write(store, {"d": [make_event(s, t, "THREATEN", date=d) for s, t, d in acts]
                   + [make_event("IRN", "AFG", "CONSULT", date="2024-05-02")]})
    assert [x.actor for x in bloc(store, ["IRN", "AFG"]).common_adversaries] == (["ISR"] if adversary else [])


@pytest.mark.parametrize("happenings, enough", [(9, False), (10, True)])
def test_cohesion_verdict_needs_ten_happenings_inside(store, happenings, enough):
    _write(store, {f"d{n}": [make_event("CHN", "PAK", "AGREE", date=f"2024-{n + 1:02d}-03")]
                   for n in range(happenings)})
    verdict = bloc(store, ["CHN", "PAK"]).verdict
    assert verdict.startswith("not enough evidence") is not enough
    assert f"{happenings} happenings in {happenings} articles, outlets not recorded: {happenings} coop" in verdict
    assert bloc(store, ["CHN", "PAK"], thresholds=Thresholds(verdict_happenings=5)).verdict.startswith(
        "cooperation without a bloc")


def test_cohesion_is_weighted_by_confidence(store):
    _write(store, {"a": [make_event("CHN", "PAK", "AGREE", date="2024-01-03", confidence=0.9)],
                   "b": [make_event("PAK", "CHN", "ACCUSE", date="2024-02-03", confidence=0.3)]})
    result = bloc(store, ["CHN", "PAK"])
    assert result.cohesion == 0.5  # the agreement weighs three times the accusation
    assert (result.overall.cooperation.weight, result.overall.conflict.weight) == pytest.approx((0.9, 0.3))


def test_cohesion_by_quarter_marks_the_turn_from_cooperation_to_conflict(store):
    _write(store, {
        "q1": [make_event("PAK", "AFG", "AGREE", date="2024-01-10"), make_event("AFG", "PAK", "COOPERATE",
                                                                               date="2024-02-11")],
        "q2": [make_event("PAK", "AFG", "CONSULT", date="2024-05-06")],
        "q3": [make_event("PAK", "AFG", "ASSAULT", date="2024-08-20")],
        "q3b": [make_event("AFG", "PAK", "ACCUSE", date="2024-09-01")],
        "q4": [make_event("PAK", "AFG", "COERCE", date="2024-11-15")],
    })
    result = bloc(store, ["PAK", "AFG"], by="quarter")
    assert [p.period for p in result.periods] == ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]
    assert [p.cohesion for p in result.periods] == [1.0, 1.0, -1.0, -1.0]
    assert [bool(p.frictions) for p in result.periods] == [False, False, True, False]
    [turn] = result.turns
    assert (turn.a, turn.b, turn.turn.period, turn.turn.previous, turn.turn.direction) == (
        "PAK", "AFG", "2024-Q3", "2024-Q2", "toward conflict")
    rows = result.rows()
    assert [row["turns"] for row in rows] == ["", "", "PAK–AFG toward conflict", ""]
    assert rows[2]["frictions"] == "PAK–AFG" and rows[2]["articles"] == 2


def test_cohesion_since_and_empty_group(store):
    _group(store)
    assert bloc(store, ["CHN", "RUS", "PAK", "AFG"], since=date(2025, 1, 1)).overall.cooperation.happenings == 2
    empty = bloc(store, ["IRN", "RUS"])
    assert empty.verdict.startswith("no evidence") and empty.cohesion == 0.0


@pytest.mark.parametrize("members, by, message", [(["AFG", "afg"], None, "at least two"),
                                                  (["AFG", "XQZ"], None, "'XQZ'"),
                                                  (["AFG", "PAK"], "week", "unknown period 'week'")])
def test_cohesion_bad_parameters_are_parameter_errors(store, members, by, message):
    _group(store)
    with pytest.raises(ParameterError, match=message):
        bloc(store, members, by=by)
