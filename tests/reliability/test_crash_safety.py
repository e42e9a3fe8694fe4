"""An ingest killed with SIGKILL at a random point leaves a database that opens, holds every stored
document whole (all its events, as an uninterrupted run codes them), and that a re-run completes to
the same counts as an uninterrupted run. The seeds fix the points; tests/test_pipeline.py kills
right after the first commit. A worker process killed under `--workers 2` ends the run with one
error line, and leaves the same kind of database."""

from __future__ import annotations

import random
import signal
import subprocess
import time

import pytest

from blocwatch.errors import StoreError
from blocwatch.store import open_store
from conftest import ROOT, events_per_doc, ingest_argv, wait_for_commit

pytestmark = [pytest.mark.issue(7), pytest.mark.slow]


def _kill_at_random(db, folder, rng: random.Random, phase: str, coding_seconds: float) -> int:
    """Start an ingest and SIGKILL it: while it opens the database, or at a random time while it codes
    (within the first half of the time an uninterrupted run codes, so that the run is still going).
    Returns the ingest's exit status."""
    process = subprocess.Popen(ingest_argv(folder, db), cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        if phase == "opening":
            while not db.exists():
                assert process.poll() is None, "ingest ended before creating the database"
                time.sleep(0.001)
            time.sleep(rng.uniform(0, 0.05))  # creating the file and migrating the schema
        else:
            wait_for_commit(db, process)
            time.sleep(rng.uniform(0, coding_seconds / 2))
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    return process.returncode


@pytest.mark.parametrize(("seed", "phase"), [(1, "coding"), (2, "coding"), (3, "coding"), (4, "opening")])
def test_crash_safety_sigkill_leaves_whole_documents_and_a_rerun_completes(tmp_path, reference_ingest, seed,
                                                                           phase):
    db, expected = tmp_path / "killed.duckdb", reference_ingest.events
    status = _kill_at_random(db, reference_ingest.folder, random.Random(seed), phase, reference_ingest.coding_seconds)
    assert status == -signal.SIGKILL, f"the ingest ended (status {status}) before the kill landed"

    try:
        partial = events_per_doc(db)  # opens: a killed writer leaves no lock, and a log that DuckDB replays
    except StoreError as exc:  # killed before the schema was committed: a database with nothing in it yet
        assert phase == "opening" and "schema 0 is older than this blocwatch's" in str(exc)
        partial = {}
    assert all(partial[doc] == expected[doc] for doc in partial)
    if phase == "coding":  # killed mid-run: some documents were committed before the kill, not all of them
        assert 0 < len(partial) < len(expected), (len(partial), len(expected))

    rerun = subprocess.run(ingest_argv(reference_ingest.folder, db), cwd=ROOT, capture_output=True, text=True,
                           timeout=600)
    assert rerun.returncode == 0 and rerun.stderr == ""
    assert events_per_doc(db) == expected
    with open_store(db, read_only=True) as resumed:
        assert resumed.counts() == reference_ingest.counts and not resumed.clusters_stale()


def _pool_workers(process: subprocess.Popen) -> list:
    """The coding processes under an ingest with workers: its descendants with none of their own, other
    than multiprocessing's resource tracker (a fork server's workers are its children)."""
    import psutil

    def is_worker(candidate) -> bool:
        try:
            return not candidate.children() and "resource_tracker" not in " ".join(candidate.cmdline())
        except psutil.NoSuchProcess:
            return False

    return [p for p in psutil.Process(process.pid).children(recursive=True) if is_worker(p)]


def _twice_over(reference, folder) -> dict[str, int]:
    """The reference articles twice over in `folder`, under new names, and the events each document gets.

    Two workers code the reference alone in about two and a half seconds, and a reader sees the first
    commit only when the writer next lets readers in (at most once a second, while it waits): on a quiet
    machine that came about a second before the run's end, and once after both workers had gone."""
    folder.mkdir()
    for copy in range(2):
        for source in reference.folder.iterdir():
            (folder / f"r{copy}_{source.name}").write_text(source.read_text())
    return {f"r{copy}_{doc}": events for doc, events in reference.events.items() for copy in range(2)}


def test_crash_safety_a_worker_killed_mid_run_is_one_error_and_a_rerun_completes(tmp_path, reference_ingest):
    db, folder = tmp_path / "worker.duckdb", tmp_path / "docs"
    expected = _twice_over(reference_ingest, folder)
    process = subprocess.Popen(ingest_argv(folder, db, "--workers", "2"), cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_for_commit(db, process)
        workers = _pool_workers(process)
        assert len(workers) == 2, workers
        workers[0].send_signal(signal.SIGKILL)
        stderr = process.communicate(timeout=600)[1]
    finally:
        process.kill()
        process.wait()
    assert process.returncode == 1
    assert stderr.startswith("error: --workers: a worker process ended abruptly") and stderr.count("\n") == 1
    partial = events_per_doc(db)
    assert 0 < len(partial) < len(expected) and all(partial[doc] == expected[doc] for doc in partial)
    rerun = subprocess.run(ingest_argv(folder, db, "--workers", "2"), cwd=ROOT, capture_output=True, text=True,
                           timeout=600)
    assert rerun.returncode == 0 and rerun.stderr == ""
    assert events_per_doc(db) == expected
