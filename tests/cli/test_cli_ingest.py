"""`blocwatch ingest` as a long command: a progress bar with rate and ETA on a terminal, silenced by
--quiet; and one-line errors for the engine options."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from conftest import DATA, ROOT, run_cli, run_cli_here

pytestmark = pytest.mark.issue(6)

_COPIES = 2  # twice the dev articles: more than one chunk, so the bar moves twice and has a rate
_DOCUMENTS = _COPIES * len(list((DATA / "articles").glob("*.txt")))


def _ingest_on_a_terminal(*args) -> subprocess.CompletedProcess:
    """`blocwatch ingest` with Rich told that standard error is an interactive terminal."""
    env = {**os.environ, "TTY_COMPATIBLE": "1", "TTY_INTERACTIVE": "1", "COLUMNS": "160"}
    return subprocess.run([sys.executable, "-m", "blocwatch", "ingest", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """A folder of the dev articles twice over, ingested once on a terminal: (folder, database, result)."""
    root = tmp_path_factory.mktemp("progress")
    folder = root / "docs"
    folder.mkdir()
    for copy in range(_COPIES):
        for source in sorted((DATA / "articles").glob("*.txt")):
            (folder / f"c{copy}_{source.name}").write_text(source.read_text())
    db = root / "corpus.duckdb"
    return folder, db, _ingest_on_a_terminal(folder, "--db", db)


def test_cli_ingest_progress_shows_count_rate_and_eta(ingested):
    result = ingested[2]
    assert result.returncode == 0 and result.stdout.startswith(f"documents: {_DOCUMENTS}, events: ")
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", result.stderr)  # the terminal's colour and cursor codes
    assert re.search(rf"coding .* \d+/{_DOCUMENTS} \d+\.\d docs/s \d+:\d\d:\d\d ETA \d+:\d\d:\d\d", shown)


@pytest.mark.parametrize("quiet", [False, True])
def test_cli_ingest_quiet_silences_the_progress_bar(ingested, quiet):
    folder, db, _ = ingested
    again = _ingest_on_a_terminal(folder, "--db", db, *(["--quiet"] if quiet else []))
    assert again.returncode == 0
    if quiet:
        assert again.stdout == again.stderr == ""
    else:
        assert f"{_DOCUMENTS}/{_DOCUMENTS}" in again.stderr and f"unchanged: {_DOCUMENTS}" in again.stdout


@pytest.mark.parametrize("args, message", [
    (["--engine", "dask", "--db", "out.duckdb"], "error: --db: out.duckdb: --engine dask writes a Parquet dataset "
                                                 "folder"),
    (["--scheduler", "tcp://127.0.0.1:8786"], "error: --scheduler: a Dask scheduler is used only with --engine dask"),
    (["--workers", "0"], "error: --workers: 0 is not a number of processes"),
])
def test_cli_ingest_engine_options_give_one_line_errors(tmp_path, args, message):
    result = run_cli_here("ingest", DATA / "articles" / "d02_xi_karimi_credentials.txt", "--db", tmp_path / "x.duckdb",
                          *args, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1


def test_cli_ingest_unreachable_scheduler_is_one_line_error_and_writes_nothing(tmp_path):
    import socket

    with socket.socket() as probe:  # a port nothing listens on once the probe closes
        probe.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    dataset = tmp_path / "dataset"
    result = run_cli("ingest", DATA / "articles" / "d02_xi_karimi_credentials.txt", "--engine", "dask",
                     "--scheduler", address, "--db", dataset)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith(f"error: --scheduler: no Dask scheduler answers at {address}")
    assert result.stderr.count("\n") == 1
    assert not dataset.exists() or not any(dataset.iterdir())
