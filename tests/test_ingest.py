"""Bad input never stops a run: each gives one warning line naming the file, the rest is processed."""

from __future__ import annotations

import json
import random

import pytest

from blocwatch.ingest import read_file
from blocwatch.model import Problem
from conftest import read_jsonl, run_cli, run_cli_here

pytestmark = pytest.mark.issue(2)

ARTICLE = (
    "Pakistan and Afghanistan reopened the Torkham crossing on Friday after a week of talks.\n\n"
    "Officials from both sides said trucks carrying fruit and coal had started to move again, "
    "and traders on the Pakistani side welcomed the decision after days of losses at the border."
)
SPANISH = (
    "El gobierno de Pakistán y las autoridades de Afganistán reabrieron el paso fronterizo de Torkham "
    "el viernes, después de una semana de conversaciones entre los dos países. Los comerciantes dijeron "
    "que los camiones con fruta y carbón ya podían cruzar la frontera otra vez."
)


def _write_bad(tmp_path, case: str):
    path = tmp_path / {"empty": "empty.txt", "binary": "blob.txt", "cp1252": "legacy.txt", "huge": "huge.txt",
                       "no-article": "menu.html", "spanish": "noticia.txt", "bad-jsonl": "records.jsonl"}[case]
    if case == "empty":
        path.write_bytes(b"")
    elif case == "binary":
        path.write_bytes(bytes(range(256)) * 40)
    elif case == "cp1252":
        path.write_bytes(("Kabul's caf\u00e9 owners \u2013 a report\n\n" + ARTICLE.replace("coal", "caf\u00e9 goods"))
                         .encode("cp1252"))
    elif case == "huge":
        with path.open("w") as handle:
            line = "The border stayed closed for another day as talks went on. " * 20 + "\n"
            for _ in range(50 * 1024 * 1024 // len(line) + 1):
                handle.write(line)
    elif case == "no-article":
        path.write_text("<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a>"
                        "<a href='/w'>World</a></nav></body></html>")
    elif case == "spanish":
        path.write_text("Noticia\n\n" + SPANISH)
    elif case == "bad-jsonl":
        path.write_text(json.dumps({"id": "ok1", "text": ARTICLE}) + "\n{not json\n"
                        + json.dumps({"id": 5, "text": ["wrong"]}) + "\n" + json.dumps({"text": ARTICLE}) + "\n")
    return path


# case, expected words in the warning, whether the run fails (exit 1)
BAD_INPUTS = [
    ("empty", "file is empty", False),
    ("binary", "binary data", True),
    ("cp1252", "not valid UTF-8; read as cp1252", False),
    ("huge", "over the 10 MiB limit", True),
    ("no-article", "no article text", False),
    ("spanish", "not English", False),
    ("bad-jsonl", "not valid JSON", True),
]


@pytest.mark.parametrize(("case", "reason", "fails"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_ingest_bad_input_warns_and_continues(tmp_path, case, reason, fails):
    (tmp_path / "good.txt").write_text("Torkham reopens\n\n" + ARTICLE)
    bad = _write_bad(tmp_path, case)
    result = run_cli_here("clean", tmp_path, "--format", "json")
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if str(bad) in line]
    assert any(reason in line for line in lines), result.stderr
    ids = {record["id"] for record in read_jsonl(result.stdout)}
    assert "good" in ids
    assert result.returncode == (1 if fails else 0)


def test_ingest_cp1252_text_is_decoded(tmp_path):
    _write_bad(tmp_path, "cp1252")
    records = read_jsonl(run_cli_here("clean", tmp_path, "--format", "json").stdout)
    assert "caf\u00e9 goods" in records[0]["text"]


def test_ingest_jsonl_records_each_checked(tmp_path):
    path = _write_bad(tmp_path, "bad-jsonl")
    result = run_cli_here("clean", path, "--format", "json")
    assert [r["id"] for r in read_jsonl(result.stdout)] == ["ok1"]
    assert f"{path}:2: not valid JSON" in result.stderr
    assert f"{path}:3: field 'text' must be a string" in result.stderr
    assert f"{path}:4: record lacks required field(s): id" in result.stderr


def test_ingest_reads_standard_input():
    result = run_cli("clean", "-", "--format", "json", stdin="Torkham reopens\n\n" + ARTICLE)
    assert result.returncode == 0
    (record,) = read_jsonl(result.stdout)
    assert record["title"] == "Torkham reopens"
    assert record["text"].startswith("Pakistan and Afghanistan reopened")


def test_ingest_every_input_failing_exits_2(tmp_path):
    result = run_cli_here("clean", tmp_path / "missing.txt")
    assert result.returncode == 2
    assert "missing.txt: no such file or folder" in result.stderr


@pytest.mark.parametrize(("line", "expected"), [
    ("Mar 9, 2022-11:02Updated:Mar 9, 2022-11:48", "2022-03-09"),
    ("Friday 1 December 2023", "2023-12-01"),
    ("date 2025-07-03", "2025-07-03"),
    ("Published: 30.01.2024", "2024-01-30"),
])
def test_ingest_date_line_in_text(tmp_path, line, expected):
    (tmp_path / "a.txt").write_text(f"Torkham reopens\n{line}\n\n{ARTICLE}")
    (record,) = read_jsonl(run_cli_here("clean", tmp_path / "a.txt", "--format", "json").stdout)
    assert record["date"] == expected


def test_short_random_blobs_without_a_nul_byte_are_binary(tmp_path):
    # A few hundred random bytes often hold no NUL and fewer than 10% control bytes; they must still be
    # refused as binary rather than read as latin-1 text.
    rng = random.Random(37)
    blobs = [blob for blob in (rng.randbytes(rng.randint(200, 600)) for _ in range(400)) if b"\x00" not in blob]
    assert len(blobs) > 50
    for number, blob in enumerate(blobs):
        (tmp_path / f"blob-{number}.txt").write_bytes(blob)
        [problem] = read_file(tmp_path / f"blob-{number}.txt")
        assert isinstance(problem, Problem) and "binary data" in problem.reason, (number, problem)


@pytest.mark.parametrize("encoding", ["cp1252", "cp1251"])
def test_legacy_encoded_text_is_not_mistaken_for_binary(tmp_path, encoding):
    text = {"cp1252": "Caf\u00e9 owners in Kabul \u2013 a r\u00e9sum\u00e9 of the year\n\n" + ARTICLE,
            "cp1251": "\u0422\u0430\u043b\u0438\u0431\u044b \u0438 \u041c\u043e\u0441\u043a\u0432\u0430 "
                      * 40}[encoding]
    (tmp_path / "legacy.txt").write_bytes(text.encode(encoding))
    first = next(read_file(tmp_path / "legacy.txt"))
    assert isinstance(first, Problem) and "not valid UTF-8" in first.reason


def test_utf16_text_with_a_byte_order_mark_is_read(tmp_path):
    (tmp_path / "windows.txt").write_bytes(("Torkham reopens\n\n" + ARTICLE).encode("utf-16"))
    [page] = read_file(tmp_path / "windows.txt")
    assert not isinstance(page, Problem) and "Torkham crossing" in page.content

