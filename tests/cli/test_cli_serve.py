"""`blocwatch serve` as a real process: it answers over HTTP on its port, and refuses to start, in one
line, on a missing database or on --allow-ingest without BLOCWATCH_TOKEN."""

from __future__ import annotations

import json
import urllib.request

import pytest

from conftest import run_cli

pytestmark = pytest.mark.issue(5)


def test_cli_serve_answers_over_http(live_server):
    with urllib.request.urlopen(f"{live_server[1]}/api/overview", timeout=5) as response:
        assert response.status == 200 and json.load(response)["documents"] > 0
    with urllib.request.urlopen(f"{live_server[1]}/", timeout=5) as response:
        assert response.headers["content-type"].startswith("text/html")


def test_cli_serve_refuses_ingest_without_a_token(dev_db, monkeypatch):
    monkeypatch.delenv("BLOCWATCH_TOKEN", raising=False)
    result = run_cli("serve", "--db", dev_db, "--allow-ingest")
    assert result.returncode == 1
    assert result.stderr.startswith("error: BLOCWATCH_TOKEN: --allow-ingest needs a token")


def test_cli_serve_refuses_a_missing_database(tmp_path):
    result = run_cli("serve", "--db", tmp_path / "absent.duckdb")
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert "no blocwatch database here" in result.stderr
