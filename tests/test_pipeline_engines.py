"""Every engine codes the same events: in this process, with a pool of worker processes, and on Dask
(into a Parquet dataset), on our dev articles and on the seeds."""

from __future__ import annotations

from dataclasses import replace

import pytest

from blocwatch.pipeline import run
from blocwatch.store import open_store

pytestmark = pytest.mark.issue(6)

_EVENT_FIELDS = ("doc, source, target, type, quad, goldstein, negated, cameo, date, day, date_precision, recognition, "
                 "evidence, confidence, sentence, sentence_start, sentence_end, mode, contexts, location")


def _events(path) -> list[tuple]:
    with open_store(path, read_only=True) as store:
        return sorted(store.connection.execute(f"SELECT {_EVENT_FIELDS} FROM events").fetchall(), key=repr)


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
