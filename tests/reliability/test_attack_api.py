"""Issue 14, the HTTP API: days at the calendar's ends (finding 8), security headers and the Host allow-list
(12), a bloc of every actor (14), errors that name server paths, short tokens, ingest duplicates, and slow
clients held by the real server. The store is a real DuckDB file; the server a real `blocwatch serve`
on 127.0.0.1."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from fastapi.testclient import TestClient

from blocwatch.api import create_app
from blocwatch.api.guard import CONTENT_SECURITY_POLICY
from blocwatch.errors import ParameterError
from blocwatch.store import open_store
from conftest import INGEST_TOKEN, make_event, put, run_cli, serving

pytestmark = pytest.mark.issue(14)

AUTH = {"Authorization": f"Bearer {INGEST_TOKEN}"}


@pytest.fixture(scope="module")
def small_db(tmp_path_factory):
    """A closed store with a few hand-built events between Pakistan, Afghanistan, China and Russia."""
    path = tmp_path_factory.mktemp("attack-api") / "small.duckdb"
    with open_store(path) as store:
        put(store, "a", [make_event("PAK", "AFG", "ACCUSE", date="2024-03-02")], published="2024-03-03")
        put(store, "b", [make_event("CHN", "AFG", "AGREE", date="2024-05-10"),
                         make_event("RUS", "AFG", "CONSULT", date="2024-06-01")], published="2024-06-02")
        from blocwatch.analysis.clusters import build_clusters

        build_clusters(store)
    return path


@pytest.fixture(scope="module")
def client(small_db):
    # Not raising server exceptions: a 500 is what a client would see, and what the test must not.
    with TestClient(create_app(small_db), raise_server_exceptions=False) as opened:
        yield opened


@pytest.mark.parametrize("query", [
    "/api/relations/PAK/AFG?since=9999-12-15", "/api/relations/PAK/AFG?until=9999",
    "/api/relations/PAK/AFG?until=0001-01-15", "/api/bloc?members=PAK,AFG&since=9999-12-15",
    "/api/events?until=0001-01", "/api/graph?since=9999-12-31", "/api/recognition/AFG?as_of=9999-12",
])
def test_finding08_days_at_the_ends_of_the_calendar_are_400(client, query):
    response = client.get(query)
    assert response.status_code == 400, response.text
    assert "outside the days that can be asked for (1900 to 2100)" in response.json()["error"]


@pytest.mark.parametrize("path", ["/api/relations/PAK/AFG", "/api/events", "/api/graph"])
def test_since_after_until_is_400(client, path):
    response = client.get(path, params={"since": "2024-06", "until": "2024-01"})
    assert response.status_code == 400
    assert response.json() == {"error": "2024-01-31 is before since (2024-06-01): the period would be empty",
                               "parameter": "until"}


def test_finding08_cli_says_so_in_one_line(small_db):
    result = run_cli("relations", "PAK", "AFG", "--since", "9999-12-15", "--db", small_db)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr == ("error: --since: '9999-12-15' is outside the days that can be asked for "
                             "(1900 to 2100)\n")


@pytest.mark.parametrize("path", ["/", "/api/overview", "/static/app.js", "/api/nothing", "/api/bloc?members=PAK"])
def test_finding12_every_answer_carries_the_security_headers(client, path):
    headers = client.get(path).headers
    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "script-src 'self';" in CONTENT_SECURITY_POLICY and "unsafe-inline'; img" in CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY" and headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize(("host", "status"), [
    ("127.0.0.1:8000", 200), ("localhost", 200), ("[::1]:8000", 200), ("news.example", 200),
    ("evil.example", 421), ("127.0.0.1.evil.example", 421), ("", 421),
])
def test_finding12_requests_for_another_host_are_refused(small_db, host, status):
    app = create_app(small_db, allowed_hosts=["127.0.0.1", "localhost", "::1", "news.example"])
    with TestClient(app, raise_server_exceptions=False) as allowed:
        response = allowed.get("/api/overview", headers={"Host": host})
    assert response.status_code == status
    if status == 421:
        assert "does not answer for the host" in response.json()["error"]
        assert response.headers["x-frame-options"] == "DENY"


def test_finding14_a_bloc_of_every_actor_is_refused_at_once(client):
    from blocwatch.actors import load_gazetteer

    codes = sorted(load_gazetteer().codes)
    assert len(codes) > 200
    response = client.get("/api/bloc", params={"members": ",".join(codes)})
    assert response.status_code == 400
    assert response.json()["error"].startswith(f"{len(codes)} actors named; a bloc may have at most 25")
    assert client.get("/api/bloc", params={"members": ",".join(codes[:25])}).status_code in (200, 400)
    assert client.get("/api/bloc", params={"members": "PAK,AFG,CHN,RUS"}).status_code == 200


def test_errors_do_not_show_server_paths(client, small_db):
    body = client.get("/api/relations/XXQ/AFG").text
    assert "unknown actor code 'XXQ'" in body
    assert str(small_db.parent) not in body and "/tmp" not in body and "small.duckdb" not in body


def test_a_short_ingest_token_is_refused_at_start(small_db, tmp_path):
    with pytest.raises(ParameterError, match="at least 32 characters"):
        create_app(tmp_path / "new.duckdb", allow_ingest=True, token="a")
    result = subprocess.run([sys.executable, "-m", "blocwatch", "serve", "--db", str(small_db), "--allow-ingest"],
                            capture_output=True, text=True, timeout=120, env={**os.environ, "BLOCWATCH_TOKEN": "a"})
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("error: BLOCWATCH_TOKEN: --allow-ingest needs a token of at least 32 characters")


def test_ingest_duplicate_ids_count_once_and_name_no_temporary_file(ingest_client):
    text = ("Kazakhstan and the Taliban government signed a trade agreement in Astana on Monday, the ministry said. "
            "The delegations agreed to meet again in Kabul.")
    body = {"documents": [{"id": "twice", "text": text}, {"id": "twice", "text": text.replace("Monday", "Friday")}]}
    answer = ingest_client.post("/api/ingest", json=body, headers=AUTH)
    assert answer.status_code == 200
    report = answer.json()
    assert report["documents"] == 1
    assert ingest_client.get("/api/documents").json()["total"] == 1
    [problem] = report["problems"]
    assert problem["document"] == "twice"
    assert problem["reason"] == ("has the same document id 'twice' as document 1 of the request, and is skipped (the "
                                 "first is kept)")
    assert "/tmp" not in answer.text and "request.jsonl" not in answer.text


@pytest.fixture(scope="module")
def served(small_db, tmp_path_factory):
    """A real `blocwatch serve` with a one-second header limit and a three-second request limit: its port."""
    log = tmp_path_factory.mktemp("served") / "serve.log"
    with serving(small_db, log, "--header-timeout", "1", "--request-timeout", "3") as url:
        yield urllib.parse.urlsplit(url).port


def _held_for(port: int, first: bytes, drip: bytes, seconds: float) -> tuple[float, bytes]:
    """Send `first`, then `drip` every 0.2 s for up to `seconds`: how long the server kept the connection,
    and what it answered."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=seconds + 5) as connection:
        connection.sendall(first)
        try:
            while time.monotonic() - started < seconds:
                time.sleep(0.2)
                connection.sendall(drip)
        except OSError:
            pass  # closed by the server
        answer = b""
        try:
            while piece := connection.recv(4096):
                answer += piece
        except OSError:
            pass
    return time.monotonic() - started, answer


def test_the_server_drops_a_client_dripping_headers(served):
    held, answer = _held_for(served, b"GET /api/overview HTTP/1.1\r\nHost: 127.0.0.1\r\n", b"X-Slow: 1\r\n", 8)
    assert answer.startswith(b"HTTP/1.1 408"), answer[:80]
    assert held < 4, f"a client dripping headers held a connection {held:.1f} s with a 1 s limit"


def test_the_server_drops_a_client_dripping_a_body(served):
    head = (b"POST /api/overview HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Content-Length: 100000\r\n\r\n")
    held, answer = _held_for(served, head, b" ", 12)
    assert answer.startswith(b"HTTP/1.1 4"), answer[:80]  # 405 (no such POST) may come first: the body is cut
    assert held < 7, f"a client dripping a body held a connection {held:.1f} s with a 3 s limit"


def test_finding12_the_real_server_refuses_another_host(served):
    request = urllib.request.Request(f"http://127.0.0.1:{served}/api/overview", headers={"Host": "evil.example"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)
    assert refused.value.code == 421
    with urllib.request.urlopen(f"http://localhost:{served}/api/overview", timeout=5) as response:
        assert response.status == 200 and response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("view", ["network", "timeline/PAK/AFG", "bloc", "recognition/AFG"])
def test_finding12_the_dashboard_works_under_the_policy(browser, served, view):
    """Chromium enforces the Content-Security-Policy: the page must draw its views with no violation."""
    context = browser.new_context()
    page = context.new_page()
    violations = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text
            else None)
    page.on("pageerror", lambda error: violations.append(str(error)))
    page.set_default_timeout(15_000)
    try:
        page.goto(f"http://127.0.0.1:{served}/#{view}")
        page.wait_for_function("window.Plotly !== undefined")
        page.wait_for_load_state("networkidle")
        if view == "network":
            labels = page.locator("#network-plot g.textpoint text")
            labels.first.wait_for()
            assert {"PAK", "AFG"} <= set(labels.all_text_contents())
        assert page.locator("#error").is_hidden()
    finally:
        context.close()
    assert violations == []
