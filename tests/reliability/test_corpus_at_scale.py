"""A folder of 10,000 files, 1% of them corrupt, ingests in one run: every good file is stored,
every bad one is named on standard error, counted in the summary and listed in `--report`."""

from __future__ import annotations

import json
import random

import pytest

from blocwatch.store import open_store
from conftest import read_jsonl, real_sentences, run_cli_here

pytestmark = [pytest.mark.issue(7), pytest.mark.slow]

FILES = 10_000
_TEXT = "Pakistan and Afghanistan reopened the Torkham crossing on Friday after a week of talks."


def _corrupt(kind: str, rng: random.Random) -> tuple[str, bytes, str, bool]:
    """A corrupt file of `kind`: its suffix, its bytes, the reason its warning gives, whether it fails the run."""
    if kind == "binary":
        return ".txt", rng.randbytes(rng.randint(200, 3000)), "binary data", True
    if kind == "utf-16":
        encoded = (_TEXT * 3).encode("utf-16")
        return ".txt", encoded[:rng.randrange(3, len(encoded), 2)], "not valid UTF-16", True  # cut mid-character
    if kind == "jsonl":
        return ".jsonl", b'{"id": "x", "text": "' + _TEXT.encode() + b'\n', "not valid JSON", True
    return ".txt", b"", "file is empty", False


def _split_by_parsing(sentences: list[str], extractor) -> tuple[list[str], list[str]]:
    """The sentences the extractor would not parse, and those it would."""
    parsed = [s for s in sentences if any(extractor._worth_parsing(x) for x in extractor.segment(s))]
    return [s for s in sentences if s not in parsed], parsed


def test_corpus_10000_files_with_corrupt_ones_ingest_and_report(tmp_path, extractor):
    # Most files recombine sentences that are not parsed, so that the run spends its time reading,
    # cleaning and storing 10,000 files rather than parsing; one in ten carries a sentence to code.
    plain, parsed = _split_by_parsing(real_sentences(), extractor)
    rng = random.Random(FILES)
    folder = tmp_path / "corpus"
    folder.mkdir()
    good, bad = set(), {}
    for n in range(FILES):
        name = f"brief-{n:05d}"
        if n % 100 == 37:
            suffix, content, reason, fails = _corrupt(("binary", "utf-16", "jsonl", "empty")[n // 100 % 4], rng)
            (folder / f"{name}{suffix}").write_bytes(content)
            bad[str(folder / f"{name}{suffix}")] = (reason, fails)
            continue
        sentences = rng.sample(plain, rng.choice((2, 3))) + ([rng.choice(parsed)] if n % 10 == 0 else [])
        if n % 50 == 1:
            record = {"id": name, "text": " ".join(sentences), "date": "2024-03-01"}
            (folder / f"{name}.jsonl").write_text(json.dumps(record) + "\n")
        elif n % 50 == 2:
            paragraphs = "".join(f"<p>{s}</p>" for s in sentences)
            (folder / f"{name}.html").write_text(f"<html><head><title>Brief {n}</title></head><body><nav>Home | "
                                                 f"World</nav><article><h1>Brief {n}</h1>{paragraphs}</article>"
                                                 "<footer>Contact us</footer></body></html>")
        else:
            (folder / f"{name}.txt").write_text(f"Brief {n}\n\n" + " ".join(sentences) + "\n")
        good.add(name)

    db, report = tmp_path / "corpus.duckdb", tmp_path / "problems.jsonl"
    result = run_cli_here("ingest", folder, "--db", db, "--report", report)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    failing = sum(fails for _, fails in bad.values())
    assert result.stdout.startswith(f"documents: {len(good)}, events: ")
    assert f"unchanged: 0, skipped: {len(bad) - failing}, failed: {failing}\n" in result.stdout

    problems = read_jsonl(report.read_text())
    listed = {p["origin"].split(".jsonl:")[0] + ".jsonl" if ".jsonl:" in p["origin"] else p["origin"]: p
              for p in problems}
    assert len(problems) == len(bad) == FILES // 100 and set(listed) == set(bad)
    for origin, (reason, fails) in bad.items():
        assert reason in listed[origin]["reason"] and listed[origin]["failed"] is fails, listed[origin]
        assert origin in result.stderr
    with open_store(db, read_only=True) as store:
        stored = {row[0] for row in store.connection.execute("SELECT id FROM documents").fetchall()}
        events = store.counts()["events"]
    assert stored == good and events > 0
