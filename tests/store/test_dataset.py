"""A Parquet dataset written by the Dask engine, read in place: the same answers as the DuckDB file
the single-process engine writes, read-only, and refused in one line when unfinished or misnamed."""

from __future__ import annotations

import json
import shutil
from itertools import combinations

import pytest

from blocwatch.analysis import actor_graph, bloc, find_events, recognition, relations
from blocwatch.errors import StoreError
from blocwatch.store import open_store
from blocwatch.store.dataset import MANIFEST, create_dataset
from conftest import make_article, run_cli_here

pytestmark = pytest.mark.issue(6)


def test_dataset_answers_every_analysis_as_duckdb_does(engines):
    with open_store(engines.root / "single.duckdb", read_only=True) as single, open_store(
            engines.root / "dataset", read_only=True) as dataset:
        actors = sorted(single.actors())
        assert sorted(dataset.actors()) == actors
        for target in actors:
            assert recognition(dataset, target).to_json() == recognition(single, target).to_json()
        for a, b in combinations(actors[:6], 2):
            assert relations(dataset, a, b, by="quarter").to_json() == relations(single, a, b, by="quarter").to_json()
        assert bloc(dataset, actors[:4]).to_json() == bloc(single, actors[:4]).to_json()
        assert find_events(dataset).to_json() == find_events(single).to_json()
        assert actor_graph(dataset).to_json() == actor_graph(single).to_json()


def test_dataset_recognition_command_prints_what_it_prints_for_duckdb(engines):
    on_duckdb = run_cli_here("recognition", "AFG", "--db", engines.root / "single.duckdb")
    on_dataset = run_cli_here("recognition", "AFG", "--db", engines.root / "dataset")
    assert on_duckdb.returncode == on_dataset.returncode == 0, on_dataset.stderr
    assert on_dataset.stdout == on_duckdb.stdout and "RUS" in on_dataset.stdout


def test_dataset_manifest_counts_rows(engines):
    manifest = json.loads((engines.root / "dataset" / MANIFEST).read_text())
    with open_store(engines.root / "single.duckdb", read_only=True) as single:
        assert manifest["rows"] == single.counts()


def test_dataset_is_read_only(engines, tmp_path):
    dataset = engines.root / "dataset"
    with pytest.raises(StoreError, match="a Parquet dataset folder is read-only"):
        open_store(dataset)
    with pytest.raises(StoreError, match="is a folder, not a DuckDB file"):
        open_store(tmp_path)
    with open_store(dataset, read_only=True) as store, pytest.raises(StoreError, match="opened read-only"):
        store.write(make_article("new"), [])


def test_dataset_without_manifest_is_an_unfinished_ingest(engines, tmp_path):
    unfinished = tmp_path / "unfinished"
    shutil.copytree(engines.root / "dataset", unfinished)
    (unfinished / MANIFEST).unlink()
    with pytest.raises(StoreError, match="not a blocwatch dataset .*an interrupted one leaves none"):
        open_store(unfinished, read_only=True)


@pytest.mark.parametrize("existing, message", [
    ("file", "is a file"),
    ("full folder", "folder is not empty"),
])
def test_dataset_is_written_only_into_a_new_folder(tmp_path, existing, message):
    target = tmp_path / "dataset"
    if existing == "file":
        target.write_text("not a folder")
    else:
        target.mkdir()
        (target / "old.parquet").write_text("")
    with pytest.raises(StoreError, match=message):
        create_dataset(target)
