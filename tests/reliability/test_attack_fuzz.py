"""Issue 14, a hypothesis fuzz run over what comes from outside: file names, record ids, titles, URLs,
HTTP reason phrases and content types, and article text, each laced with Rich markup and control
characters. The commands run in process (Typer's runner, a real DuckDB file each time, a real server on
127.0.0.1): never an exception, never a control character on the terminal, and never a lost document:
every input either is in the store or is named by a warning."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from hostile_server import raw_server
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from blocwatch.cli import app
from blocwatch.cli.terminal import printable
from blocwatch.ingest import encodable
from blocwatch.store import open_store

pytestmark = pytest.mark.issue(14)

HOSTILE = ["[/i]", "[bold]", "[/]", "[link=file:///etc/passwd]x", "[red on blue]", "\x1b[2J", "\x1b]0;owned\x07",
           "\x9b31m", "\n", "\r", "\t", "\x00", "\x7f", "\u202e", "\u2028", "\ud800", "{}", "%s", "\\", "'", '"']
pieces = st.one_of(st.sampled_from(HOSTILE), st.text(min_size=1, max_size=6))
hostile = st.lists(pieces, max_size=6).map("".join)
# What the terminal obeys: C0 and C1 controls (but tabs and the line breaks between lines), DEL, and display
# reordering.
_OBEYED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SENTENCE = ("Kazakhstan and the Taliban government signed a trade agreement in Astana on Monday, the ministry "
            "said, and agreed to meet again in Kabul next month.")
# Derandomised, so a run is repeatable; no shrinking, which takes minutes over whole commands.
FUZZ = settings(max_examples=20, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _invoke(*args: str):
    result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # shown with its traceback: the defect the fuzz run looks for
    for stream in (result.stdout, result.stderr):
        assert not _OBEYED.search(stream), repr(_OBEYED.search(stream).group(0))
    return result


def _stored(db: Path) -> set[str]:
    with open_store(db, read_only=True) as store:
        return {row[0] for row in store.connection.execute("SELECT id FROM documents").fetchall()}


def _warned_about(stderr: str) -> str:
    return stderr.replace("\n", " ")


@FUZZ
@given(records=st.lists(st.tuples(hostile, hostile, hostile, hostile), min_size=1, max_size=4))
def test_fuzz_records_ids_titles_urls_and_text(tmp_path_factory, records):
    folder = tmp_path_factory.mktemp("fuzz-records")
    lines = [json.dumps({"id": doc, "title": title, "url": url, "text": f"{SENTENCE} {text}"})
             for doc, title, url, text in records]
    (folder / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = folder / "x.duckdb"
    result = _invoke("ingest", "--db", db, "--", folder / "in.jsonl")
    stored = _stored(db) if db.exists() else set()
    for number, (doc, *_rest) in enumerate(records, 1):
        if encodable(doc) in stored:
            continue
        # Not stored: a warning must name its line.
        assert f"in.jsonl:{number}:" in _warned_about(result.stderr), (doc, result.stderr)
    if stored:
        listed = _invoke("events", "--db", db)
        assert listed.exit_code == 0
        _invoke("events", "--db", db, "--format", "csv")
        _invoke("extract", folder / "in.jsonl")


# File names: any character a Linux name may hold (not "/", NUL or a lone surrogate), hostile pieces among them.
_NAMEABLE = [h for h in HOSTILE if "\x00" not in h and "/" not in h and "\ud800" not in h]
name_pieces = st.one_of(st.sampled_from(_NAMEABLE),
                        st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"),
                                min_size=1, max_size=6))
names = st.lists(name_pieces, min_size=1, max_size=5).map("".join)


@FUZZ
@given(stems=st.lists(names, min_size=1, max_size=4, unique=True), text=hostile)
def test_fuzz_file_names_and_article_text(tmp_path_factory, stems, text):
    folder = tmp_path_factory.mktemp("fuzz-files")
    written = []
    for stem in stems:
        name = f"{stem}.txt"
        if stem.startswith(".") or len(name.encode()) > 255:
            continue  # hidden files are passed over by design; longer names the file system refuses
        (folder / name).write_text(f"{SENTENCE} {text}\n", encoding="utf-8", errors="surrogatepass")
        written.append(name)
    db = folder.parent / f"{folder.name}.duckdb"
    result = _invoke("ingest", "--db", db, "--", folder)
    stored = _stored(db) if db.exists() else set()
    for name in written:
        if encodable(Path(name).stem) not in stored:
            # Not stored: the warning names the file, as far as the terminal can show its name.
            assert printable(name) in _warned_about(result.stderr), (name, result.stderr)
    _invoke("clean", folder)


@pytest.fixture(scope="module")
def answering():
    """A server on 127.0.0.1 answering each request with the status line and headers the test sets."""
    reply = {"head": b"HTTP/1.1 200 OK\r\n\r\n"}

    def send(connection):
        connection.sendall(reply["head"])

    with raw_server(send, lifetime=600) as base:
        yield base, reply


@FUZZ
@given(reason=hostile, content_type=hostile, path=hostile, body=hostile)
def test_fuzz_urls_reason_phrases_and_content_types(tmp_path_factory, answering, reason, content_type, path, body):
    base, reply = answering
    page = f"<html><body><p>{SENTENCE} {body}</p></body></html>".encode("utf-8", "backslashreplace")
    status = "404" if len(reason) % 2 else "200"
    reply["head"] = (f"HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nConnection: close\r\n"
                     f"Content-Length: {len(page)}\r\n\r\n").encode("utf-8", "backslashreplace") + page
    urls = list(dict.fromkeys([f"{base}/{quote(path.encode('utf-8', 'backslashreplace'))}", f"{base}/{path}",
                               f"http://[{path}]/", f"http://127.0.0.1:{len(path)}{path}", f"{path}://x/"]))
    db = tmp_path_factory.mktemp("fuzz-urls") / "x.duckdb"
    result = _invoke("ingest", "--db", db, "--allow-private", "--", *urls)
    stored = _stored(db) if db.exists() else set()
    # Each URL is a stored document or a one-line warning (a repeated URL: a warning about its id).
    warnings = [line for line in result.stderr.splitlines() if line.startswith(("error: ", "warning: "))]
    assert len(stored) + len(warnings) >= len(urls), (urls, stored, result.stderr)
