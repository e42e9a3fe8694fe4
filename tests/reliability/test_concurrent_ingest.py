"""Two `blocwatch ingest` runs on one database: the second is refused with a one-line "database is
busy" error, or with `--wait` waits for the first and then does its own work; either way the
database ends as the runs, one after the other, would leave it. And `blocwatch serve` answers
throughout an ingest into its database."""

from __future__ import annotations

import subprocess

import pytest

from blocwatch.store import open_store
from conftest import ROOT, events_per_doc, ingest_argv, run_cli_here, serving, wait_for_commit

pytestmark = [pytest.mark.issue(7), pytest.mark.slow]

_LATE = ("d02_xi_karimi_credentials.txt", "d05_iran_taliban_border_clash.txt")


def _late_folder(tmp_path, reference_ingest):
    """Two of the reference articles under new names: the second run's own documents."""
    folder = tmp_path / "late"
    folder.mkdir()
    for name in _LATE:
        (folder / f"late_{name}").write_text((reference_ingest.folder / f"c0_{name}").read_text())
    return folder


def _first_ingest(reference_ingest, db) -> subprocess.Popen:
    """The reference folder's ingest into `db`, once it holds the database and has committed documents."""
    first = subprocess.Popen(ingest_argv(reference_ingest.folder, db), cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
    wait_for_commit(db, first)
    return first


def test_concurrent_second_ingest_is_refused_as_busy(tmp_path, reference_ingest):
    db = tmp_path / "shared.duckdb"
    first = _first_ingest(reference_ingest, db)
    try:
        second = run_cli_here("ingest", _late_folder(tmp_path, reference_ingest), "--db", db)
    finally:
        first.wait(timeout=600)
    assert second.returncode == 1 and second.stdout == ""
    assert second.stderr == f"error: database is busy (another blocwatch is writing to {db})\n"
    assert first.returncode == 0, first.stderr.read()
    assert events_per_doc(db) == reference_ingest.events
    with open_store(db, read_only=True) as store:
        assert store.counts() == reference_ingest.counts and not store.clusters_stale()


def test_concurrent_second_ingest_waits_with_wait(tmp_path, reference_ingest):
    db = tmp_path / "shared.duckdb"
    first = _first_ingest(reference_ingest, db)
    try:
        second = run_cli_here("ingest", _late_folder(tmp_path, reference_ingest), "--db", db, "--wait")
        # Read before the first process has surely exited: it may still be tearing down after it let the
        # database go, but every document of its run must be stored by the time the second one is done.
        stored_when_second_ended = events_per_doc(db)
    finally:
        first.wait(timeout=600)
    assert first.returncode == 0, first.stderr.read()
    assert second.returncode == 0 and second.stdout.startswith("documents: 2,"), second.stderr
    expected = reference_ingest.events | {f"late_{name[:-4]}": reference_ingest.events[f"c0_{name[:-4]}"]
                                          for name in _LATE}
    assert stored_when_second_ended == expected, "the second run did not wait for the first to finish"
    assert events_per_doc(db) == expected
    with open_store(db, read_only=True) as store:
        assert store.counts()["documents"] == len(expected) and not store.clusters_stale()


def test_serve_answers_while_an_ingest_writes(tmp_path, reference_ingest):
    """Every request to a server over the database succeeds during a whole ingest: documents appear
    batch by batch, clusters are those last built (and said to be), and at the end all is current."""
    import json
    import urllib.request

    db = tmp_path / "served.duckdb"
    open_store(db).close()
    seen = []
    with serving(db, tmp_path / "serve.log") as url:
        ingest = subprocess.Popen(ingest_argv(reference_ingest.folder, db), cwd=ROOT, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, text=True)
        try:
            while ingest.poll() is None:
                for path in ("/api/overview", "/api/events?limit=5", "/api/recognition/AFG"):
                    with urllib.request.urlopen(url + path, timeout=30) as response:
                        body = json.load(response)
                        stale = response.headers.get("X-Blocwatch-Clusters") == "stale"
                    if path == "/api/overview":
                        seen.append((ingest.poll() is None, body["documents"], body["clusters_stale"], stale))
        finally:
            ingest.wait(timeout=600)
        assert ingest.returncode == 0, ingest.stderr.read()
        with urllib.request.urlopen(url + "/api/overview", timeout=30) as response:
            final = json.load(response)
            assert response.headers.get("X-Blocwatch-Clusters") is None
    documents = [count for _, count, _, _ in seen]
    assert documents == sorted(documents), "documents went missing between two reads"
    between = [(stale_body, stale_header) for running, count, stale_body, stale_header in seen
               if running and 0 < count < reference_ingest.counts["documents"]]
    assert len(between) >= 2, f"no read while the ingest was half done: {seen}"
    assert all(stale_body and stale_header for stale_body, stale_header in between)
    assert final["documents"] == reference_ingest.counts["documents"] and not final["clusters_stale"]
    assert final["clusters"] == reference_ingest.counts["event_clusters"]
    assert events_per_doc(db) == reference_ingest.events
