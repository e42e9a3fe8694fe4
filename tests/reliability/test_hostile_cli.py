"""The real commands (`python -m blocwatch clean|extract|ingest`) on a folder of hostile files: one
line per bad input naming it and the reason, the good documents through, never a traceback, and
exit 1 because some inputs failed."""

from __future__ import annotations

import json
import os
import random

import pytest

from conftest import DATA, read_jsonl, real_sentences, run_cli

pytestmark = pytest.mark.issue(7)

GOOD = (DATA / "articles" / "d05_iran_taliban_border_clash.txt").read_text()
_RUN_ON = "Pakistan and Afghanistan reopened the Torkham crossing on Friday after a week of talks and "

# file name, content, the reason its warning gives (None: read as a document)
HOSTILE = [
    ("good.txt", GOOD.encode(), None),
    ("random.txt", random.Random(7).randbytes(4000), "binary data"),
    ("utf16-cut.txt", GOOD.encode("utf-16")[:1001], "not valid UTF-16"),
    ("deep.json", b"[" * 100_000, "JSON nested too deeply to read"),
    ("records.jsonl", "\n".join([
        json.dumps({"id": "rec-good", "text": GOOD, "date": "Feb 30 2024", "title": "\u202eTalks\u200b"}),
        json.dumps({"id": ["list"], "text": GOOD}),
        json.dumps({"id": "rec-missing"}),
        json.dumps({"id": "rec-lone", "text": "\\ud800".join(real_sentences()[:6])}),
        '{"id": "cut", "text": "Pakistan and',
    ]).encode(), "field 'id' must be a non-empty string or number"),
    ("mixed-scripts.txt", ("Border talks \u202e\u200b\U0001F600\n\n" + " ".join(
        s.replace(" ", " \u200d", 3) + " \u0645\u0635\u0631 e\u0301" for s in real_sentences()[:8])).encode(), None),
    ("broken.html", ("<html><body>" + "<div><span><b>" * 60 + GOOD.replace("\n\n", "<p>")).encode(), None),
    ("one-line.txt", (_RUN_ON * 12_000).encode(), None),
    ("empty.txt", b"", "file is empty"),
]
_LATIN1_NAME = os.fsdecode(b"caf\xe9.txt")  # a name that is not UTF-8, as archives from old systems hold


@pytest.fixture
def hostile_folder(tmp_path):
    folder = tmp_path / "hostile"
    folder.mkdir()
    for name, content, _ in HOSTILE:
        (folder / name).write_bytes(content)
    (folder / _LATIN1_NAME).write_text(GOOD)
    return folder


def _check_warnings(folder, stderr: str) -> None:
    assert "Traceback" not in stderr
    for name, _, reason in HOSTILE:
        if reason:
            assert any(str(folder / name) in line and reason in line for line in stderr.splitlines()), name
    assert f"{folder}/records.jsonl:3: record lacks required field(s): text" in stderr
    assert f"{folder}/records.jsonl:5: not valid JSON" in stderr


def test_hostile_cli_clean(hostile_folder):
    result = run_cli("clean", hostile_folder, "--format", "json")
    _check_warnings(hostile_folder, result.stderr)
    ids = {record["id"] for record in read_jsonl(result.stdout)}
    assert {"good", "rec-good", "rec-lone", "broken", "one-line", "caf\\udce9"} <= ids
    assert result.returncode == 1


def test_hostile_cli_extract(hostile_folder):
    result = run_cli("extract", hostile_folder, "--format", "jsonl")
    _check_warnings(hostile_folder, result.stderr)
    docs = {event["doc"] for event in read_jsonl(result.stdout)}
    assert {"good", "rec-good", "broken", "caf\\udce9"} <= docs
    assert result.returncode == 1


def test_hostile_cli_ingest(hostile_folder, tmp_path):
    report = tmp_path / "problems.jsonl"
    result = run_cli("ingest", hostile_folder, "--db", tmp_path / "db.duckdb", "--report", report)
    _check_warnings(hostile_folder, result.stderr)
    problems = read_jsonl(report.read_text(encoding="utf-8"))
    failed = sorted(p["origin"].rsplit("/", 1)[-1] for p in problems if p["failed"])
    assert failed == ["deep.json", "random.txt", "records.jsonl:2", "records.jsonl:3", "records.jsonl:5",
                      "utf16-cut.txt"]
    assert "documents: 7," in result.stdout and "failed: 6" in result.stdout
    assert result.returncode == 1
