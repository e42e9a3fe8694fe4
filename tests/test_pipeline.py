"""A killed ingest leaves every committed document whole, and the next run finishes the rest."""

from __future__ import annotations

import signal
import subprocess

import pytest

from blocwatch.store import open_store
from conftest import ROOT, events_per_doc, ingest_argv, wait_for_commit

pytestmark = pytest.mark.issue(4)


def test_pipeline_interrupted_ingest_keeps_whole_documents_and_resumes(tmp_path, reference_ingest):
    folder, expected, db = reference_ingest.folder, reference_ingest.events, tmp_path / "killed.duckdb"
    process = subprocess.Popen(ingest_argv(folder, db), cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        wait_for_commit(db, process)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    partial = events_per_doc(db)
    assert 0 < len(partial) < len(expected), "the kill should land mid-run"
    assert all(partial[doc] == expected[doc] for doc in partial)

    rerun = subprocess.run(ingest_argv(folder, db), cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert events_per_doc(db) == expected
    with open_store(db, read_only=True) as resumed:
        assert resumed.counts() == reference_ingest.counts and not resumed.clusters_stale()
