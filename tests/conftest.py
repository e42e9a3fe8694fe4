"""Fixtures shared by every test: paths to shared/ and test data, a CLI runner, the spaCy model."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SHARED = ROOT.parent / "shared"


def _shared(relative: str) -> Path:
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"needs ../shared/{relative}, which is not beside this clone")
    return path


@pytest.fixture(scope="session")
def shared():
    """A function returning a path under ../shared/, skipping the test where it is absent."""
    return _shared


def run_cli(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the real `blocwatch` console entry point in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "blocwatch", *map(str, args)],
        input=stdin, capture_output=True, text=True, cwd=cwd or ROOT, timeout=600,
    )


def read_jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture
def store(tmp_path):
    """A real blocwatch database (DuckDB file) in the test's temporary folder, open for writing."""
    from blocwatch.store import open_store

    with open_store(tmp_path / "test.duckdb") as opened:
        yield opened


@pytest.fixture(scope="session")
def extractor():
    """The real extractor, loaded once per test process (spaCy model, gazetteer, lexicon)."""
    from blocwatch.events import Extractor

    return Extractor.load()


def make_article(doc: str, *, published: str | None = None, outlet: str | None = None, url: str | None = None,
                 text: str | None = None):
    """A hand-built Article (its text defaults to a line naming the document)."""
    from datetime import date

    from blocwatch.model import Article

    body = text or f"Article {doc}: what the wires reported."
    return Article(id=doc, origin=f"{doc}.txt", title=f"Title of {doc}", url=url, outlet=outlet,
                   date=date.fromisoformat(published) if published else None, language="en",
                   raw_text=body, text=body)


def make_event(source: str, target: str, type: str, *, doc: str = "doc", negated: bool = False,
               date: str | None = None, precision: str | None = None, cameo: str | None = None,
               recognition: str | None = None, location: str | None = None, evidence: str | None = None,
               contexts: tuple[str, ...] = (),
               sentence: int = 0, confidence: float = 0.8):
    """A hand-built Event; a date without a precision is taken as a day."""
    from blocwatch.model import Event

    return Event(doc=doc, source=source, target=target, type=type, negated=negated, cameo=cameo, date=date,
                 date_precision=precision or ("day" if date else None), recognition=recognition,
                 evidence=evidence or f"{source} {type} {target} ({doc})", confidence=confidence,
                 sentence=sentence, contexts=contexts, location=location)


def put(store, doc: str, events: list, *, published: str | None = None, outlet: str | None = None,
        url: str | None = None) -> None:
    """Write a hand-built article holding `events` (each rebuilt with this document's id) into `store`."""
    from dataclasses import replace

    store.write(make_article(doc, published=published, outlet=outlet, url=url),
                [replace(event, doc=doc) for event in events])
