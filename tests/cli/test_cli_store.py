"""The store commands end to end: summaries, --report, output formats, one-line errors. Most run the entry
point in this process; a missing and a busy database go through the real script in a subprocess."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys

import networkx as nx
import pytest

from conftest import DATA, coarse_pair, run_cli, run_cli_here

pytestmark = pytest.mark.issue(4)

CORPUS = ["d02_xi_karimi_credentials.txt", "d04_russia_recognises_taliban.txt", "d05_iran_taliban_border_clash.txt",
          "d12_pakistan_airstrikes_khost_paktika.txt", "d15_doha_pak_afghan_ceasefire.txt"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A folder of five dev articles and a database ingested from it by the CLI."""
    root = tmp_path_factory.mktemp("cli")
    folder = root / "docs"
    folder.mkdir()
    for name in CORPUS:
        (folder / name).write_text((DATA / "articles" / name).read_text())
    db = root / "corpus.duckdb"
    result = run_cli_here("ingest", folder, "--db", db)
    assert result.returncode == 0, result.stderr
    return folder, db, result


def test_cli_store_ingest_prints_summary_and_is_idempotent(corpus):
    folder, db, first = corpus
    assert first.stdout.startswith("documents: 5, events: ") and "unchanged: 0, skipped: 0, failed: 0" in first.stdout
    again = run_cli_here("ingest", folder, "--db", db)
    assert again.returncode == 0 and "documents: 0, events: 0, unchanged: 5" in again.stdout


def test_cli_store_ingest_report_and_exit_code(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "good.txt").write_text((DATA / "articles" / CORPUS[0]).read_text())
    report = tmp_path / "problems.jsonl"
    result = run_cli_here("ingest", tmp_path / "empty.txt", tmp_path / "blob.txt", tmp_path / "good.txt",
                     tmp_path / "absent.txt", "--db", tmp_path / "db.duckdb", "--report", report, "--quiet")
    assert result.returncode == 1 and result.stdout == ""
    lines = [json.loads(line) for line in report.read_text().splitlines()]
    assert [(p["origin"].rsplit("/", 1)[-1], p["failed"]) for p in lines] == [
        ("empty.txt", False), ("blob.txt", True), ("absent.txt", True)]
    assert "binary data" in result.stderr and "absent.txt: no such file or folder" in result.stderr


@pytest.mark.parametrize("args, message", [
    (["recognition", "XQZ"], "error: TARGET: unknown actor code 'XQZ'"),
    (["recognition", "AFG", "--as-of", "2024-02-31"], "error: --as-of: '2024-02-31' is not a date"),
    (["events", "--since", "last week"], "error: --since: 'last week' is not a date"),
    (["events", "--type", "BOMB"], "error: --type: unknown event type 'BOMB'"),
    (["bloc", "PAK"], "error: members: name at least two different actors"),
    (["relations", "PAK", "AFG", "--plot", "out.png"], "error: --plot: out.png: only .html plots are supported"),
    (["export", "--format", "parquet"], "error: --out: parquet is a binary format"),
])
def test_cli_store_bad_parameters_give_one_line_errors(corpus, args, message):
    result = run_cli_here(*args, "--db", corpus[1])
    assert result.returncode == 1
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_cli_store_missing_database_is_one_line_error(tmp_path):
    result = run_cli("recognition", "AFG", "--db", tmp_path / "none.duckdb")
    assert result.returncode == 1 and result.stderr.startswith(f"error: {tmp_path / 'none.duckdb'}: no blocwatch")


def test_cli_store_busy_database_is_one_line_error(corpus, tmp_path):
    db = tmp_path / "busy.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from blocwatch.store import open_store; "
                               "s = open_store(sys.argv[1]); print('ready', flush=True); time.sleep(60)", str(db)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        result = run_cli("ingest", corpus[0], "--db", db)
        assert result.returncode == 1
        assert result.stderr == f"error: database is busy (another blocwatch is writing to {db})\n"
    finally:
        holder.kill()
        holder.wait()


def test_cli_store_analyses_answer_from_the_last_clusters_and_say_so(corpus, tmp_path):
    """What an analysis run during an ingest (or after one was killed) prints: a warning, and the answer
    as of the clusters last built."""
    from blocwatch.store import open_store
    from conftest import make_event, put

    db = tmp_path / "stale.duckdb"
    shutil.copy(corpus[1], db)
    before = run_cli_here("events", "--format", "json", "--db", db)
    with open_store(db) as store:
        put(store, "written_since", [make_event("CHN", "AFG", "AID", date="2025-01-02")])
    after = run_cli_here("events", "--format", "json", "--db", db)
    assert before.stderr == "" and after.returncode == 0
    assert after.stdout == before.stdout
    assert after.stderr.startswith(f"warning: {db}: documents were written after the event clusters were built")
    assert after.stderr.count("\n") == 1


def test_cli_store_analyses_print_json(corpus):
    db = corpus[1]
    recognition = json.loads(run_cli_here("recognition", "AFG", "--format", "json", "--db", db).stdout)["statuses"]
    assert recognition and set(recognition[0]) == {"actor", "status", "level", "reached", "precision", "refuses",
                                                   "claims"}
    assert set(recognition[0]["claims"][0]) == {"actor", "doc", "date", "precision", "level", "refuses", "quote",
                                                "outlet", "url", "confidence", "role", "reason", "by"}
    bloc = json.loads(run_cli_here("bloc", "PAK", "AFG", "IRN", "--format", "json", "--db", db).stdout)
    assert list(bloc) == ["members", "cohesion", "cooperative", "conflictual", "evidence", "pairs", "frictions",
                          "common_adversaries", "verdict", "thresholds", "by", "periods", "turns", "undated_left_out",
                          "coarser_left_out"]
    assert set(bloc["pairs"][0]) == {"a", "b", "cooperative", "conflictual", "net", "evidence", "contexts"}
    by_quarter = run_cli_here("bloc", "PAK", "AFG", "--by", "quarter", "--min-happenings", "1", "--format", "csv",
                         "--db", db).stdout.splitlines()
    assert by_quarter[0] == ("period,cohesion,happenings,articles,outlets,cooperative,conflictual,frictions,"
                             "common adversaries,turns")
    assert len(by_quarter) > 1 and all(re.match(r"\d{4}-Q[1-4],", line) for line in by_quarter[1:])
    events = json.loads(run_cli_here("events", "--pair", "PAK", "AFG", "--format", "json", "--db", db).stdout)
    assert events and all({e["source"], e["target"]} == {"PAK", "AFG"} for e in events)
    assert all(e["docs"] and e["evidence"] for e in events)


def test_cli_recognition_csv_is_one_whole_claim_a_row_and_history_spans_claim_years(corpus):
    db = corpus[1]
    rows = list(csv.DictReader(io.StringIO(run_cli_here("recognition", "AFG", "--format", "csv", "--db", db).stdout)))
    statuses = json.loads(run_cli_here("recognition", "AFG", "--format", "json", "--db", db).stdout)["statuses"]
    assert len(rows) == sum(len(s["claims"]) for s in statuses)
    assert list(rows[0]) == ["actor", "date", "precision", "level", "stance", "role", "document", "outlet", "url",
                             "quote"]
    assert {row["quote"] for row in rows} == {c["quote"] for s in statuses for c in s["claims"]}
    history = json.loads(run_cli_here("recognition", "AFG", "--history", "--format", "json", "--db", db).stdout)
    claim_years = {int(c["date"][:4]) for s in statuses for c in s["claims"] if c["date"] != "undated"}
    assert history["years"] == list(range(min(claim_years), max(claim_years) + 1))


def test_cli_store_tables_csv_plots_graphs_and_exports(corpus, tmp_path):
    db = corpus[1]
    table = run_cli_here("bloc", "PAK", "AFG", "--db", db)
    assert table.returncode == 0 and "cohesion" in table.stdout and "PAK" in table.stdout
    relations = run_cli_here("relations", "PAK", "AFG", "--by", "year", "--format", "csv", "--plot",
                        tmp_path / "pak-afg.html", "--db", db)
    assert relations.stdout.splitlines()[0].startswith("period,source,target,verbal_cooperation")
    assert "plotly" in (tmp_path / "pak-afg.html").read_text()[:100000].lower()
    run_cli_here("graph", "--format", "graphml", "--out", tmp_path / "net.graphml", "--db", db)
    assert nx.read_graphml(tmp_path / "net.graphml").has_edge("PAK", "AFG")
    exported = run_cli_here("export", "--format", "csv", "--out", tmp_path / "gdelt.csv", "--db", db)
    assert exported.returncode == 0 and exported.stderr.startswith("wrote ")
    assert (tmp_path / "gdelt.csv").read_text().startswith("GLOBALEVENTID,SQLDATE,MonthYear,Year")


@pytest.mark.issue(11)
def test_cli_bloc_by_quarter_tells_the_happenings_known_only_to_their_year(tmp_path):
    from blocwatch.store import open_store

    db = tmp_path / "coarse.duckdb"
    with open_store(db) as store:
        coarse_pair(store)
    quarterly = run_cli_here("bloc", "PAK", "AFG", "--by", "quarter", "--db", db)
    assert "1 happening known only to the year in no quarter" in quarterly.stderr
    assert "known only to the year" not in run_cli_here("bloc", "PAK", "AFG", "--by", "year", "--db", db).stderr
    since = run_cli_here("events", "--since", "2024-06-01", "--format", "json", "--db", db)
    assert [c["date"] for c in json.loads(since.stdout)] == ["2024", "2024-06"]
    assert "overlaps" in re.sub(r"\s+", " ", run_cli_here("events", "--help").stdout)
