"""--min-confidence on every analysis (events, relations, recognition, bloc, graph, report) and the API's
min_confidence: a happening whose best report is below the threshold, and a claim below it, drop out."""

from __future__ import annotations

import json
from datetime import date

import pytest
from fastapi.testclient import TestClient

from blocwatch.analysis import actor_graph, bloc, build_clusters, find_events, recognition, relations
from blocwatch.api import create_app
from blocwatch.report import build_report
from blocwatch.store import open_store
from conftest import make_event, put, run_cli

pytestmark = pytest.mark.issue(12)

SURE, UNSURE, THRESHOLD = 0.9, 0.3, "0.5"


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """Pakistan and Afghanistan: two sure clashes and one unsure, a sure agreement, an unsure act of
    Pakistan against the TTP, and two recognition claims toward Afghanistan, Russia's sure, China's not."""
    path = tmp_path_factory.mktemp("confidence") / "mixed.duckdb"
    with open_store(path) as store:
        put(store, "a", [make_event("PAK", "AFG", "ASSAULT", date="2024-02-03", confidence=SURE),
                         make_event("AFG", "PAK", "AGREE", date="2024-03-09", confidence=SURE, sentence=1),
                         make_event("RUS", "AFG", "SUPPORT", cameo="054", recognition="formal", date="2025-07-03",
                                    confidence=SURE, sentence=2)], outlet="One")
        put(store, "b", [make_event("AFG", "PAK", "ASSAULT", date="2024-06-20", confidence=SURE),
                         make_event("PAK", "AFG", "ASSAULT", date="2024-09-14", confidence=UNSURE, sentence=1),
                         make_event("PAK", "TTP", "ASSAULT", date="2024-10-01", confidence=UNSURE, sentence=2),
                         make_event("CHN", "AFG", "SUPPORT", cameo="054", recognition="formal", date="2024-01-30",
                                    confidence=UNSURE, sentence=3)], outlet="Two")
        build_clusters(store)
    return path


def _each(store):
    """What each analysis finds, in a few figures."""
    pair = relations(store, "PAK", "AFG", by="year")
    spring_on = relations(store, "PAK", "AFG", by="month", since=date(2024, 3, 5), until=date(2024, 12, 20))
    group = bloc(store, ["PAK", "AFG"]).to_json()
    edges = {(e["source"], e["target"]): e["events"] for e in actor_graph(store).to_json()["edges"]}
    statuses = {s["actor"]: s["status"] for s in recognition(store, "AFG").to_json()["statuses"]}
    return {"events": len(find_events(store, pair=("PAK", "AFG")).clusters),
            "relations": sum(sum(p.quads) for p in pair.periods),
            "relations since": sum(sum(p.quads) for p in spring_on.periods),
            "bloc conflictual": group["conflictual"], "bloc articles": group["evidence"]["inside"]["articles"],
            "graph PAK-AFG": edges.get(("PAK", "AFG")), "graph PAK-TTP": edges.get(("PAK", "TTP")),
            "recognition": statuses}


def test_min_confidence_leaves_out_what_is_below_it_in_every_analysis(mixed):
    with open_store(mixed, read_only=True) as store:
        everything, sure = _each(store), _each(store.confident(0.5))
        assert _each(store.confident(0.0)) == everything
        ladders = [{s.actor for s in build_report(view, members=["PAK", "AFG"]).ladder.statuses
                    if s.status == "formal"} for view in (store, store.confident(0.5))]
    assert everything == {"events": 4, "relations": 4, "relations since": 3, "bloc conflictual": 3, "bloc articles": 2,
                          "graph PAK-AFG": 2, "graph PAK-TTP": 1,
                          "recognition": {"CHN": "formal", "RUS": "formal"}}
    assert sure == {"events": 3, "relations": 3, "relations since": 2, "bloc conflictual": 2, "bloc articles": 2,
                    "graph PAK-AFG": 1, "graph PAK-TTP": None, "recognition": {"RUS": "formal"}}
    assert ladders == [{"CHN", "RUS"}, {"RUS"}]


def test_min_confidence_on_the_commands_and_the_api(mixed):
    shown = json.loads(run_cli("relations", "PAK", "AFG", "--by", "year", "--format", "json", "--db", mixed,
                               "--min-confidence", THRESHOLD).stdout)
    assert sum(p["events"] for p in shown["periods"]) == 3
    claims = run_cli("recognition", "AFG", "--format", "json", "--db", mixed, "--min-confidence", THRESHOLD)
    assert [s["actor"] for s in json.loads(claims.stdout)["statuses"]] == ["RUS"]
    refused = run_cli("bloc", "PAK", "AFG", "--db", mixed, "--min-confidence", "2")
    assert refused.returncode == 2 and "--min-confidence" in refused.stderr
    with TestClient(create_app(mixed)) as client:
        for path, query, key, everything, sure in [
                ("/api/bloc", {"members": "PAK,AFG"}, "conflictual", 3, 2),
                ("/api/events", {"pair": "PAK,AFG"}, "total", 4, 3),
                ("/api/graph", {}, "edges", 5, 3)]:
            figures = [client.get(path, params={**query, **more}).json()
                       for more in ({}, {"min_confidence": THRESHOLD})]
            found = [len(f[key]) if isinstance(f[key], list) else f[key] for f in figures]
            assert found == [everything, sure], path
        assert client.get("/api/recognition/AFG", params={"min_confidence": THRESHOLD}).json()["statuses"][0][
            "actor"] == "RUS"
        assert client.get("/api/relations/PAK/AFG", params={"min_confidence": "1.5"}).status_code in (400, 422)
