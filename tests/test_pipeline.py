"""A killed ingest leaves every committed document whole, and the next run finishes the rest."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

from blocwatch.store import open_store
from conftest import DATA, ROOT

pytestmark = pytest.mark.issue(4)

_COPIES = 5  # 18 articles x 5 names: a run long enough to be killed in the middle


def _command(folder, db) -> list[str]:
    return [sys.executable, "-m", "blocwatch", "ingest", str(folder), "--db", str(db), "--quiet"]


def _ingest(folder, db) -> subprocess.CompletedProcess:
    # The reference run is a process of its own too, so both read the same code and data files.
    return subprocess.run(_command(folder, db), cwd=ROOT, capture_output=True, text=True, timeout=600)


def _events_per_doc(path) -> dict[str, int]:
    with open_store(path, read_only=True) as store:
        return dict(store.connection.execute(
            "SELECT d.id, count(e.id) FROM documents d LEFT JOIN events e ON e.doc = d.id GROUP BY d.id").fetchall())


def _wal_grows(wal, process: subprocess.Popen) -> None:
    """Wait until a document is committed: the write-ahead log grows past the schema's migrations."""
    deadline = time.monotonic() + 120
    while not wal.exists():
        assert process.poll() is None and time.monotonic() < deadline, "ingest ended before writing anything"
        time.sleep(0.01)
    time.sleep(0.3)  # the migrations commit within milliseconds; the extractor then takes a second to load
    schema_only = wal.stat().st_size
    while wal.stat().st_size <= schema_only:
        assert process.poll() is None and time.monotonic() < deadline, "ingest ended before a document"
        time.sleep(0.005)


def test_pipeline_interrupted_ingest_keeps_whole_documents_and_resumes(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    sources = sorted((DATA / "articles").glob("*.txt"))
    for copy in range(_COPIES):
        for source in sources:
            (folder / f"c{copy}_{source.name}").write_text(source.read_text())
    reference, db = tmp_path / "reference.duckdb", tmp_path / "killed.duckdb"
    assert _ingest(folder, reference).returncode == 0
    expected = _events_per_doc(reference)

    process = subprocess.Popen(_command(folder, db), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wal_grows(db.with_name(db.name + ".wal"), process)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    partial = _events_per_doc(db)
    assert 0 < len(partial) < len(expected), "the kill should land mid-run"
    assert all(partial[doc] == expected[doc] for doc in partial)

    rerun = _ingest(folder, db)
    assert rerun.returncode == 0, rerun.stderr
    assert _events_per_doc(db) == expected
    with open_store(db, read_only=True) as resumed, open_store(reference, read_only=True) as whole:
        assert resumed.counts() == whole.counts() and not resumed.clusters_stale()
