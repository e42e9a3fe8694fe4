"""Every engine codes the same events: in this process, with a pool of worker processes, and on Dask
(into a Parquet dataset), on our dev articles and on the seeds."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from blocwatch.pipeline import run, run_dask
from blocwatch.store import open_store
from blocwatch.store.records import EVENT_COLUMNS

pytestmark = pytest.mark.issue(6)


def _events(path) -> list[tuple]:
    with open_store(path, read_only=True) as store:
        return sorted(store.connection.execute(f"SELECT {', '.join(EVENT_COLUMNS)} FROM events").fetchall(),
                      key=repr)


def test_pipeline_dask_engine_codes_the_same_events(engines):
    root, single, on_dask = engines.root, engines.single, engines.on_dask
    assert (on_dask.documents, on_dask.events, on_dask.failed) == (single.documents, single.events, 0)
    assert on_dask.events > 0 and _events(root / "dataset") == _events(root / "single.duckdb")


def test_pipeline_dask_engine_builds_the_same_clusters(engines):
    root = engines.root
    with open_store(root / "single.duckdb", read_only=True) as single, open_store(
            root / "dataset", read_only=True) as dataset:
        # Event ids differ between the engines (a dataset numbers them by part); nothing else may.
        assert ([replace(c, events=()) for c in dataset.clusters()]
                == [replace(c, events=()) for c in single.clusters()])
        assert dataset.counts() == single.counts() and not dataset.clusters_stale()


def test_pipeline_worker_processes_code_the_same_events(engines):
    root, single = engines.root, engines.single
    with open_store(root / "pool.duckdb") as store:
        pooled = run([engines.folder], store=store, workers=2)
    assert (pooled.documents, pooled.events) == (single.documents, single.events)
    assert _events(root / "pool.duckdb") == _events(root / "single.duckdb")


@pytest.mark.issue(16)
def test_pipeline_engines_keep_the_first_of_a_repeated_document_id(tmp_path, extractor, dask_scheduler):
    records = [
        {"id": "twice", "title": "First copy", "text": "Uzbekistan's foreign minister met Afghan officials in "
         "Termez on 12 March 2024 to talk about a new rail line."},
        {"id": "other", "title": "Another", "text": "Qatar hosted a round of talks about Afghanistan in Doha."},
        {"id": "twice", "title": "Second copy", "text": "Iran closed its border crossing with Afghanistan on "
         "2 April 2024 after a shooting."},
    ]
    source = tmp_path / "repeated.jsonl"
    source.write_text("".join(json.dumps(record) + "\n" for record in records))
    with open_store(tmp_path / "single.duckdb") as store:
        single = run([str(source)], store=store, extractor=extractor)
    on_dask = run_dask([str(source)], dataset=tmp_path / "dataset", scheduler=dask_scheduler, chunk=1)
    for report in (single, on_dask):
        assert report.documents == 2
        [skipped] = report.problems
        assert "same document id 'twice'" in skipped.reason and "first is kept" in skipped.reason
        assert not skipped.failed and skipped.origin.endswith(":3")
    for path in (tmp_path / "single.duckdb", tmp_path / "dataset"):
        with open_store(path, read_only=True) as store:
            page = store.document_page(limit=10)
            assert sorted((d.id, d.title) for d in page.documents) == [("other", "Another"), ("twice", "First copy")]
            assert {s.event.target for s in store.events() if s.event.doc == "twice"} <= {"AFG"}
            assert "IRN" not in store.actors()
