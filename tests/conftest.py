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
