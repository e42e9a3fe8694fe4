"""Happenings without a date: a date bound leaves them out, says how many, and lets the user keep them
(CLI and API; the dashboard's filter bar has its own "undated" box)."""

from __future__ import annotations

import json
import urllib.request

import pytest

from conftest import ingest_records, run_cli_here, serving

pytestmark = pytest.mark.issue(11)

ARTICLES = [
    {"id": "dated", "date": "2024-03-20",
     "text": "On Monday, China signed a mining deal with the Taliban government in Kabul."},
    {"id": "later", "date": "2024-09-12",
     "text": "On Tuesday, Iran deported hundreds of Afghan migrants across the border at Islam Qala."},
    # no date in the record, its text or anywhere else: its happening is undated
    {"id": "undated", "text": "Pakistan closed the Torkham crossing to Afghan trucks after talks with the Taliban "
                              "government failed."},
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path, ingest = ingest_records(tmp_path_factory.mktemp("undated"), ARTICLES)
    assert "undated: 1 of the documents stored" in ingest.stdout
    return path


def test_cli_events_says_what_a_date_bound_leaves_out_and_keeps_it_on_request(db):
    bounded = run_cli_here("events", "--db", db, "--since", "2024-01", "--format", "json")
    assert {c["docs"][0] for c in json.loads(bounded.stdout)} == {"dated", "later"}
    # the undated article tells two happenings: the closing, and talks that failed (a negated meeting)
    assert "2 undated happenings left out by the date bounds (--undated keeps them)" in bounded.stderr
    kept = run_cli_here("events", "--db", db, "--since", "2024-01", "--undated", "--format", "json")
    assert [c["docs"][0] for c in json.loads(kept.stdout)].count("undated") == 2
    assert "left out" not in kept.stderr
    assert "left out" not in run_cli_here("events", "--db", db).stderr  # no bound, nothing left out


def test_cli_graph_counts_them_too(db):
    result = run_cli_here("graph", "--db", db, "--since", "2024-01")
    assert json.loads(result.stdout)["undated_left_out"] == 1


def test_cli_bloc_counts_the_undated_happenings_between_members(db):
    bounded = run_cli_here("bloc", "PAK", "AFG", "CHN", "--db", db, "--since", "2024-01", "--format", "json")
    assert bounded.returncode == 0, bounded.stderr
    assert json.loads(bounded.stdout)["undated_left_out"] == 1  # the closing; the failed talks are negated
    assert "without --since and --until they count" in bounded.stderr
    whole = run_cli_here("bloc", "PAK", "AFG", "CHN", "--db", db, "--format", "json")
    assert json.loads(whole.stdout)["undated_left_out"] == 0


@pytest.fixture(scope="module")
def server(db, tmp_path_factory):
    with serving(db, tmp_path_factory.mktemp("serve") / "serve.log") as url:
        yield url


def _get(url: str) -> dict:
    with urllib.request.urlopen(url) as response:
        return json.loads(response.read())


def test_api(server):
    bounded = _get(f"{server}/api/events?since=2024-01")
    assert (bounded["total"], bounded["undated_left_out"]) == (2, 2)
    kept = _get(f"{server}/api/events?since=2024-01&undated=true")
    assert (kept["total"], kept["undated_left_out"]) == (4, 0)
    assert _get(f"{server}/api/graph?since=2024-01")["undated_left_out"] == 1  # the network has no negated acts
    assert _get(f"{server}/api/bloc?members=PAK,AFG,CHN&since=2024-01")["undated_left_out"] == 1

