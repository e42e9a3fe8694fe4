"""No day is shown for a date that is not day-precise, on any surface: the CLI table, JSON, CSV, the API
and the dashboard. The corpus: a paper dated only by its month that reports a meeting "on Tuesday"
(known to that month), and a recap that dates an expulsion to a year."""

from __future__ import annotations

import csv
import io
import json
import re
import urllib.request

import pytest

from conftest import ARTIFACTS, ingest_records, run_cli_here, serving

pytestmark = pytest.mark.issue(11)

ARTICLES = [
    {"id": "month-paper", "date": "2024-01", "outlet": "Monthly Review",
     "text": "China hosted a delegation of the Taliban government in Beijing on Tuesday. The talks were about "
             "trade and mining."},
    {"id": "year-recap", "date": "2025-03-02", "outlet": "Annual Digest",
     "text": "Pakistan expelled thousands of Afghan refugees in 2023, the report said. Many of them had lived in "
             "Pakistan for decades."},
]
# A day in any form a surface might print one: 2024-01-01, 20240101, 2023-01-01
DAYS = re.compile(r"\b(?:2024-01-\d\d|202401\d\d|2023-\d\d-\d\d|2023\d{4})\b")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return ingest_records(tmp_path_factory.mktemp("precision"), ARTICLES)[0]


def test_extracted_events_are_told_at_their_precision(tmp_path):
    source = tmp_path / "articles.jsonl"
    source.write_text("".join(json.dumps(article) + "\n" for article in ARTICLES))
    events = [json.loads(line) for line in run_cli_here("extract", source, "--format", "jsonl").stdout.splitlines()]
    assert {(e["doc"], e["date"], e["date_precision"]) for e in events} == {
        ("month-paper", "2024-01", "month"), ("year-recap", "2023", "year")}


def test_cli_table(db, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")
    result = run_cli_here("events", "--db", db)
    assert result.returncode == 0, result.stderr
    rows = {parts[2]: parts[1] for parts in map(str.split, result.stdout.splitlines())
            if len(parts) > 3 and parts[0].isdigit()}
    assert rows == {"CHN": "2024-01", "PAK": "2023"}
    assert not DAYS.search(result.stdout)


def test_cli_csv(db):
    result = run_cli_here("events", "--db", db, "--format", "csv")
    rows = {row["source"]: row["date"] for row in csv.DictReader(io.StringIO(result.stdout))}
    assert rows == {"CHN": "2024-01", "PAK": "2023"}
    assert not DAYS.search(result.stdout)


def test_cli_json(db):
    result = run_cli_here("events", "--db", db, "--format", "json")
    clusters = {c["source"]: c for c in json.loads(result.stdout)}
    assert (clusters["CHN"]["date"], clusters["CHN"]["first_date"], clusters["CHN"]["last_date"]) == (
        "2024-01", "2024-01", "2024-01")
    assert (clusters["PAK"]["date"], clusters["PAK"]["first_date"]) == ("2023", "2023")
    assert not DAYS.search(result.stdout)


def test_csv_export(db):
    result = run_cli_here("export", "--format", "csv", "--db", db)
    rows = {row["Actor1Code"]: row for row in csv.DictReader(io.StringIO(result.stdout))}
    assert (rows["CHN"]["SQLDATE"], rows["CHN"]["MonthYear"], rows["CHN"]["DatePrecision"]) == ("", "202401", "month")
    assert (rows["PAK"]["SQLDATE"], rows["PAK"]["MonthYear"], rows["PAK"]["Year"]) == ("", "", "2023")
    # placed in the middle of its period, not on its first day
    assert 2023.4 < float(rows["PAK"]["FractionDate"]) < 2023.6


def test_jsonl_export(db):
    result = run_cli_here("export", "--format", "jsonl", "--db", db)
    records = {r["source"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert (records["CHN"]["date"], records["PAK"]["date"]) == ("2024-01", "2023")
    assert (records["CHN"]["published"], records["CHN"]["published_source"]) == ("2024-01", "given")
    assert not DAYS.search(result.stdout)


@pytest.fixture(scope="module")
def server(db, tmp_path_factory):
    with serving(db, tmp_path_factory.mktemp("serve") / "serve.log") as url:
        yield url


def test_api(server):
    with urllib.request.urlopen(f"{server}/api/events") as response:
        body = response.read().decode()
    items = {c["source"]: c for c in json.loads(body)["items"]}
    assert (items["CHN"]["date"], items["CHN"]["first_date"], items["PAK"]["date"]) == ("2024-01", "2024-01", "2023")
    assert not DAYS.search(body)


def test_api_documents(server):
    with urllib.request.urlopen(f"{server}/api/documents") as response:
        listed = {d["id"]: d for d in json.loads(response.read())["items"]}
    assert (listed["month-paper"]["date"], listed["month-paper"]["date_source"]) == ("2024-01", "given")
    with urllib.request.urlopen(f"{server}/api/documents/month-paper") as response:
        one = json.loads(response.read())
    assert (one["date"], one["date_precision"], one["events"][0]["date"]) == ("2024-01", "month", "2024-01")


def test_dashboard(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(f"{server}/#timeline/CHN/AFG")
        when = page.locator("#timeline-list li .when")
        when.first.wait_for()
        assert when.all_inner_texts() == ["2024-01"]
        # drawn as a span over its month, marked in the legend, not as a point on the 1st
        page.locator("#timeline-plot .legendtext", has_text="known to the month or year").wait_for()
        assert page.locator("#timeline-plot .scatterlayer .trace").count() >= 1
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "precision-timeline.png"), full_page=True)
        assert not DAYS.search(page.locator("#view-timeline").inner_text())
        page.goto(f"{server}/#documents/month-paper")
        page.locator("#document-meta", has_text="2024-01").wait_for()
        assert not DAYS.search(page.locator("#document-meta").inner_text())
    finally:
        context.close()
