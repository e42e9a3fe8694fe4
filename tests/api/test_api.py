"""The HTTP API in process (TestClient, lifespan running) over real DuckDB files built from our dev articles
and from the seeds: every endpoint, bad parameters (always a 4xx JSON error), read-only access, ingest."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import threading

import pytest
from fastapi.testclient import TestClient

from blocwatch.api import create_app
from blocwatch.api.access import Gate
from blocwatch.errors import ParameterError, StoreError
from blocwatch.store import open_store
from conftest import DATA, INGEST_BODY_LIMIT, INGEST_TOKEN

pytestmark = pytest.mark.issue(5)

AUTH = {"Authorization": f"Bearer {INGEST_TOKEN}"}
READ_PATHS = ["/api/overview", "/api/documents", "/api/documents/{doc}", "/api/events", "/api/relations/{x}/{y}",
              "/api/recognition/{target}", "/api/recognition/{target}/history", "/api/bloc", "/api/graph"]


def _json(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def test_api_overview_counts_actors_and_span(api_client):
    body = _json(api_client.get("/api/overview"), 200)
    assert body["documents"] >= 5 and body["events"] >= body["clusters"] > 0
    assert {"AFG", "RUS", "CHN"} <= {actor["id"] for actor in body["actors"]}
    assert body["first_day"] < body["last_day"] and body["clusters_stale"] is False


def test_api_documents_pages_without_overlap(api_client):
    first = _json(api_client.get("/api/documents", params={"limit": 2}), 200)
    second = _json(api_client.get("/api/documents", params={"limit": 2, "offset": 2}), 200)
    every = _json(api_client.get("/api/documents", params={"limit": 500}), 200)
    assert (first["limit"], first["offset"], len(first["items"])) == (2, 0, 2)
    assert [d["id"] for d in first["items"] + second["items"]] == [d["id"] for d in every["items"][:4]]
    assert len(every["items"]) == every["total"] == first["total"]
    assert _json(api_client.get("/api/documents"), 200)["limit"] == 50


def test_api_document_events_point_at_their_sentences(api_client):
    listed = _json(api_client.get("/api/documents", params={"limit": 500}), 200)["items"]
    doc = max(listed, key=lambda d: d["events"])
    body = _json(api_client.get(f"/api/documents/{doc['id']}"), 200)
    assert len(body["events"]) == doc["events"] > 0 and body["text"]
    for event in body["events"]:
        assert body["text"][event["sentence_start"]:event["sentence_end"]] == event["evidence"]


@pytest.mark.parametrize("path", ["/api/documents/no-such-doc", "/api/documents/..%2F..%2Fetc%2Fpasswd",
                                  "/static/..%2Fapi%2Fapp.py", "/static/index.html", "/api/nothing"])
def test_api_unknown_paths_are_404_json(api_client, path):
    assert _json(api_client.get(path), 404)["error"]


@pytest.mark.parametrize("params, check", [
    ({"pair": "RUS,AFG"}, lambda c: {c["source"], c["target"]} == {"RUS", "AFG"}),
    ({"pair": "afg, rus"}, lambda c: {c["source"], c["target"]} == {"RUS", "AFG"}),
    ({"actor": "RUS"}, lambda c: "RUS" in (c["source"], c["target"])),
    ({"type": "assault"}, lambda c: c["type"] == "ASSAULT"),
    ({"since": "2022", "until": "2022-12"}, lambda c: c["date"].startswith("2022")),
])
def test_api_events_filters(api_client, params, check):
    body = _json(api_client.get("/api/events", params={**params, "limit": 500}), 200)
    assert body["items"] and all(check(cluster) for cluster in body["items"])
    assert all(cluster["evidence"] and cluster["docs"] for cluster in body["items"])


def test_api_events_pages_cover_the_listing(api_client):
    every = _json(api_client.get("/api/events", params={"limit": 500}), 200)
    pages = [_json(api_client.get("/api/events", params={"limit": 7, "offset": offset}), 200)["items"]
             for offset in range(0, every["total"], 7)]
    assert [c["id"] for page in pages for c in page] == [c["id"] for c in every["items"]]


def test_api_relations_both_directions_per_period(api_client):
    body = _json(api_client.get("/api/relations/rus/afg", params={"by": "year"}), 200)
    assert (body["a"], body["b"], body["by"]) == ("RUS", "AFG", "year")
    assert {(p["source"], p["target"]) for p in body["periods"]} == {("RUS", "AFG"), ("AFG", "RUS")}
    assert all(len(p["period"]) == 4 for p in body["periods"])


@pytest.mark.parametrize("actor, status", [("RUS", "formal"), ("CHN", "credentials")])
def test_api_recognition_status_with_evidence(api_client, actor, status):
    body = _json(api_client.get("/api/recognition/AFG"), 200)
    found = {s["actor"]: s for s in body["statuses"]}
    assert (body["target"], body["as_of"]) == ("AFG", None)
    assert found[actor]["status"] == status
    assert any(not claim["refuses"] and claim["quote"] and claim["role"] == "decides"
               for claim in found[actor]["claims"])


def test_api_recognition_as_of_counts_only_earlier_claims(api_client):
    body = _json(api_client.get("/api/recognition/AFG", params={"as_of": "2020"}), 200)
    assert body["as_of"] == "2020-12-31"
    assert body["statuses"] and all(s["status"] == "no evidence" and not s["claims"] for s in body["statuses"])


def test_api_recognition_history_by_year(api_client):
    body = _json(api_client.get("/api/recognition/AFG/history"), 200)
    assert body["years"] == sorted(body["years"]) and body["years"][0] >= 2021
    rus = next(row for row in body["statuses"] if row["actor"] == "RUS")
    assert list(rus["by_year"]) == [str(year) for year in body["years"]] and rus["all_claims"] == "formal"


def test_api_bloc_cohesion_frictions_and_verdict(api_client):
    body = _json(api_client.get("/api/bloc", params={"members": "CHN,RUS,IRN,PAK,AFG"}), 200)
    assert body["members"] == ["CHN", "RUS", "IRN", "PAK", "AFG"] and -1 <= body["cohesion"] <= 1
    assert body["verdict"] and len(body["pairs"]) == 10
    for friction in body["frictions"]:  # each rests on two articles, or on one happening two outlets reported
        evidence = friction["evidence"]
        assert (evidence["happenings"] >= 2 and evidence["articles"] >= 2) or evidence["widest"] >= 2
    assert body["thresholds"]["verdict_happenings"] == 10 and body["evidence"]["inside"]["happenings"] > 0


def test_api_bloc_by_quarter_and_thresholds(api_client):
    body = _json(api_client.get("/api/bloc", params={"members": "PAK,AFG", "by": "quarter",
                                                     "min_happenings": 1000}), 200)
    assert body["by"] == "quarter" and body["periods"]
    assert all(re.fullmatch(r"\d{4}-Q[1-4]", p["period"]) for p in body["periods"])
    assert sum(p["evidence"]["inside"]["happenings"] for p in body["periods"]) <= body["evidence"]["inside"][
        "happenings"]
    assert body["verdict"].startswith("not enough evidence") and "needs 1000 happenings" in body["verdict"]


def test_api_graph_window_narrows_the_network(api_client):
    whole = _json(api_client.get("/api/graph"), 200)
    window = _json(api_client.get("/api/graph", params={"since": "2023-01", "until": "2023-06"}), 200)
    assert 0 < sum(e["events"] for e in window["edges"]) < sum(e["events"] for e in whole["edges"])
    assert all(e["sign"] == (e["weight"] > 0) - (e["weight"] < 0) for e in whole["edges"])


@pytest.mark.parametrize("path, parameter", [
    ("/api/events?actor=XQZ", "actor"),
    ("/api/events?pair=RUS", "pair"),
    ("/api/events?pair=RUS,XQZ", "pair"),
    ("/api/events?type=BOMB", "type"),
    ("/api/events?since=last%20week", "since"),
    ("/api/events?until=2024-13", "until"),
    ("/api/events?limit=501", "limit"),
    ("/api/events?limit=0", "limit"),
    ("/api/events?limit=ten", "limit"),
    ("/api/documents?limit=1000000", "limit"),
    ("/api/documents?offset=-1", "offset"),
    ("/api/relations/XQZ/AFG", "x"),
    ("/api/relations/RUS/RUS", "x y"),
    ("/api/relations/RUS/AFG?by=week", "by"),
    ("/api/recognition/XQZ", "target"),
    ("/api/recognition/AFG?as_of=2024-02-31", "as_of"),
    ("/api/bloc", "members"),
    ("/api/bloc?members=PAK", "members"),
    ("/api/bloc?members=PAK,XQZ", "members"),
    ("/api/bloc?members=PAK,AFG&since=soon", "since"),
    ("/api/graph?since=2024-00", "since"),
])
def test_api_bad_parameter_is_400_naming_it(api_client, path, parameter):
    body = _json(api_client.get(path), 400)
    assert body["parameter"] == parameter and body["error"]


def test_api_openapi_lists_every_endpoint_and_no_ingest(api_client):
    schema = _json(api_client.get("/openapi.json"), 200)
    assert set(READ_PATHS) <= set(schema["paths"]) and "/api/ingest" not in schema["paths"]
    assert "limit" in {p["name"] for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    assert _json(api_client.post("/api/ingest", json={"documents": []}), 404)["error"]


def test_api_dashboard_assets_are_served_locally(api_client):
    page = api_client.get("/")
    assert page.status_code == 200 and "/static/plotly.min.js" in page.text and "http" not in page.text
    for name in ("app.js", "app.css", "plotly.min.js"):
        assert api_client.get(f"/static/{name}").status_code == 200


def test_api_closes_the_database_between_requests(dev_db, tmp_path):
    copy = tmp_path / "copy.duckdb"
    shutil.copy(dev_db, copy)
    with TestClient(create_app(copy)) as client:
        _json(client.get("/api/overview"), 200)
        # A writer in this very process could not open the file beside a connection left open.
        with open_store(copy):
            pass
        _json(client.get("/api/overview"), 200)


def test_api_busy_database_is_503_then_recovers(dev_db, tmp_path):
    copy = tmp_path / "copy.duckdb"
    shutil.copy(dev_db, copy)
    holder = ("import duckdb, sys\ncon = duckdb.connect(sys.argv[1])\nprint('locked', flush=True)\n"
              "sys.stdin.read()\n")
    with TestClient(create_app(copy, busy_wait=0.2)) as client:
        writer = subprocess.Popen([sys.executable, "-c", holder, str(copy)], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True)
        try:
            assert writer.stdout.readline().strip() == "locked"
            response = client.get("/api/events")
            assert _json(response, 503)["error"].startswith("database is busy")
            assert response.headers["retry-after"] == "1"
        finally:
            writer.communicate("")
        _json(client.get("/api/events"), 200)


def test_api_gate_keeps_readers_out_while_writing():
    gate = Gate()
    with gate.writing(1.0), pytest.raises(StoreError, match="database is busy"), gate.reading(0.05):
        pass
    entered = threading.Event()

    def write() -> None:
        with gate.writing(5.0):
            entered.set()

    with gate.reading(1.0):
        writer = threading.Thread(target=write)
        writer.start()
        assert not entered.wait(0.1)
    writer.join(5.0)
    assert entered.is_set()


def test_api_ingest_needs_a_token_to_start(tmp_path):
    with pytest.raises(ParameterError, match="BLOCWATCH_TOKEN"):
        create_app(tmp_path / "new.duckdb", allow_ingest=True)


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": INGEST_TOKEN},
                                     {"Authorization": f"Basic {INGEST_TOKEN}"}])
def test_api_ingest_without_the_token_is_401(ingest_client, headers):
    response = ingest_client.post("/api/ingest", json={"documents": [{"id": "x", "text": "Russia met Iran."}]},
                                  headers=headers)
    assert _json(response, 401)["error"] and response.headers["www-authenticate"] == "Bearer"
    assert _json(ingest_client.get("/api/overview"), 200)["documents"] == 0


def test_api_ingest_body_over_the_cap_is_413(ingest_client):
    big = {"documents": [{"id": "big", "text": "x" * INGEST_BODY_LIMIT}]}
    assert "limit" in _json(ingest_client.post("/api/ingest", json=big, headers=AUTH), 413)["error"]
    # Streamed without a Content-Length, the body is counted as it arrives.
    chunks = (b" " * 4096 for _ in range(INGEST_BODY_LIMIT // 4096 + 2))
    streamed = ingest_client.post("/api/ingest", content=chunks, headers={**AUTH, "Content-Type": "application/json"})
    assert _json(streamed, 413)["error"]


def test_api_ingest_rejects_a_malformed_body(ingest_client):
    body = _json(ingest_client.post("/api/ingest", json={"documents": [{"id": "x"}]}, headers=AUTH), 400)
    assert body["parameter"] == "documents.0.text"


def test_api_ingest_stores_documents_then_skips_them(ingest_client):
    article = (DATA / "articles" / "d04_russia_recognises_taliban.txt").read_text()
    documents = {"documents": [{"id": "d04", "text": article}, {"id": "blank", "text": "   "}]}
    first = _json(ingest_client.post("/api/ingest", json=documents, headers=AUTH), 200)
    assert first["documents"] == 1 and first["events"] > 0
    assert [p["document"] for p in first["problems"]] == ["blank"]
    found = {s["actor"]: s["status"] for s in _json(ingest_client.get("/api/recognition/AFG"), 200)["statuses"]}
    assert found["RUS"] == "formal"
    again = _json(ingest_client.post("/api/ingest", json=documents, headers=AUTH), 200)
    assert (again["documents"], again["unchanged"]) == (0, 1)
