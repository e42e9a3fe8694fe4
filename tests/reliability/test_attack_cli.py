"""Issue 14, what reaches the terminal: Rich markup in outside strings (findings 1 and 2), escape sequences
and line breaks in them (6), and folders this user may not read (7). The real `python -m blocwatch`."""

from __future__ import annotations

import codecs
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from conftest import read_jsonl, run_cli_here

pytestmark = pytest.mark.issue(14)

# Two event sentences, written for these tests, each carrying text that Rich would read as markup.
MARKED_UP = ("Pakistan condemned the Taliban government [/i] after the attack on the Torkham border crossing on "
             "Monday, officials said in Islamabad.\n\nThe foreign ministry in Islamabad summoned the Afghan envoy "
             "[bold]on Tuesday[/bold] to protest the shelling.\n")
PLAIN = ("Uzbekistan and the Taliban government signed an agreement on the trans-Afghan railway in Termez on "
         "Wednesday, the transport ministry said.\n\nThe two sides agreed to meet again in Kabul next month.\n")


def test_finding01_markup_in_a_duplicated_id_does_not_end_the_ingest(tmp_path):
    records = tmp_path / "f.jsonl"
    records.write_text("".join(json.dumps({"id": "dup[/i]", "text": text}) + "\n" for text in (MARKED_UP, PLAIN)))
    later = tmp_path / "later.txt"
    later.write_text(PLAIN)
    db = tmp_path / "x.duckdb"
    result = run_cli_here("ingest", records, later, "--db", db)
    assert "Traceback" not in result.stderr and "MarkupError" not in result.stderr
    assert "has the same document id 'dup[/i]'" in result.stderr  # shown as written, not as markup
    assert "documents: 2," in result.stdout, result.stdout  # the first 'dup[/i]' (kept) and the later source
    listed = read_jsonl(run_cli_here("export", "--format", "jsonl", "--db", db).stdout)
    assert {event["doc"] for event in listed} >= {"later"}


def test_finding02_markup_in_an_event_sentence_prints_in_the_tables(tmp_path):
    article = tmp_path / "markup.txt"
    article.write_text(MARKED_UP)
    extracted = run_cli_here("extract", article)
    assert extracted.returncode == 0, extracted.stderr
    assert "[/i]" in extracted.stdout and "[bold]on" in extracted.stdout
    db = tmp_path / "x.duckdb"
    assert run_cli_here("ingest", article, "--db", db, "--quiet").returncode == 0
    listed = run_cli_here("events", "--db", db, "--wide")
    assert listed.returncode == 0 and "Traceback" not in listed.stderr, listed.stderr
    assert "[/i]" in listed.stdout


def test_finding06_escape_sequences_and_line_breaks_never_reach_the_terminal(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "clear\x1b[2J\nscreen.txt").write_text("")  # an empty file: one warning naming it
    (folder / "title.txt").write_text("Border talks\x1b]0;pwned\x07 resume\n\n"
                                      + PLAIN.replace("Termez", "Termez\x9b2J"))
    result = run_cli_here("clean", folder)
    for stream in (result.stdout, result.stderr):
        assert not any(ch in stream for ch in "\x1b\x07\x9b"), repr(stream)
    [warning] = [line for line in result.stderr.splitlines() if "file is empty" in line]
    assert warning == f"warning: {folder}/clear[2J screen.txt: file is empty"
    assert "Termez2J on Wednesday" in result.stdout
    as_json = run_cli_here("clean", folder, "--format", "json")
    assert "\x9b" not in as_json.stdout and "\\u009b" in as_json.stdout  # still the data, as an escape
    assert [r["text"] for r in read_jsonl(as_json.stdout) if "\x9b" in r["text"]]


def _read_as_another_user(source: Path) -> list[list]:
    """What `read_sources` makes of `source`, read by a user that permissions stop: `nobody`, in a forked
    child, when this is root (whom they do not stop). Problems as [origin, reason, failed]; pages as [id]."""
    from blocwatch.ingest import read_sources
    from blocwatch.model import Problem

    def read() -> list[list]:
        return [[i.origin, i.reason, i.failed] if isinstance(i, Problem) else [i.id]
                for i in read_sources([str(source)])]

    if os.geteuid() != 0:
        return read()
    for encoding in ("utf-8-sig", "cp1252"):  # looked up on first use, from files `nobody` may not open
        codecs.lookup(encoding)
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (runs in the child)
        status = 1
        try:
            os.close(reading)
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            os.write(writing, json.dumps(read()).encode())
            status = 0
        finally:
            os._exit(status)
    os.close(writing)
    with os.fdopen(reading, "rb") as pipe:
        answer = pipe.read()
    assert os.waitpid(child, 0)[1] == 0, "the unprivileged reader failed"
    return json.loads(answer)


def test_finding07_an_unreadable_folder_is_named_not_skipped():
    # Outside pytest's own temporary folder, which only its owner may enter.
    root = Path(tempfile.mkdtemp(prefix="blocwatch-perm-"))
    closed = root / "closed"
    try:
        root.chmod(0o755)
        (root / "open").mkdir()
        (root / "open" / "good.txt").write_text(PLAIN)
        closed.mkdir()
        (closed / "hidden.txt").write_text(PLAIN)
        closed.chmod(0)
        assert _read_as_another_user(root) == [[str(closed), "folder cannot be read: Permission denied", True],
                                               ["good"]]
        assert _read_as_another_user(closed) == [[str(closed), "folder cannot be read: Permission denied", True]]
    finally:
        closed.chmod(0o755)
        shutil.rmtree(root)
