"""Issue 14, damaged stores: a Parquet dataset with a part cut short, overwritten or deleted (finding 11),
a DuckDB file cut or overwritten (10), and a disk that fills during an ingest (9). Each is one line naming
the file and what to do, never a traceback and never a silent shortfall."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import DATA, run_cli

pytestmark = pytest.mark.issue(14)

ARTICLES = sorted((DATA / "articles").glob("*.txt"))[:6]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory, dask_scheduler):
    """A dataset written by the Dask engine from six dev articles, two a part."""
    from blocwatch.pipeline import run_dask

    folder = tmp_path_factory.mktemp("attack-dataset")
    sources = folder / "sources"
    sources.mkdir()
    for article in ARTICLES:
        shutil.copy(article, sources / article.name)
    path = folder / "dataset"
    run_dask([str(sources)], dataset=path, scheduler=dask_scheduler, chunk=2)
    return path


@pytest.fixture
def copy(dataset, tmp_path):
    target = tmp_path / "dataset"
    shutil.copytree(dataset, target)
    return target


def _events_part(path):
    return sorted((path / "events").rglob("*.parquet"))[0]


def _one_line_error(path, *expected: str) -> str:
    result = run_cli("events", "--db", path)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    for text in expected:
        assert text in result.stderr, result.stderr
    return result.stderr


def test_the_intact_dataset_reads(dataset):
    assert run_cli("events", "--db", dataset, "--format", "json").returncode == 0


@pytest.mark.parametrize("damage", ["cut", "junk"])
def test_finding11_a_damaged_part_is_named(copy, damage):
    part = _events_part(copy)
    content = part.read_bytes()
    part.write_bytes(content[: len(content) // 2] if damage == "cut" else b"\x00junk" * 400)
    _one_line_error(copy, f"error: {part}: a damaged part of the dataset", "write the dataset again")


def test_finding11_a_deleted_part_is_an_error_not_a_shortfall(copy):
    part = _events_part(copy)
    part.unlink()
    _one_line_error(copy, f"error: {copy}: part {part.relative_to(copy).as_posix()} is missing",
                    "write the dataset again")


def test_finding11_a_deleted_part_under_an_older_manifest_is_caught_by_the_totals(copy):
    manifest = copy / "blocwatch-dataset.json"
    record = json.loads(manifest.read_text())
    del record["parts"]  # as written before the manifest listed its parts
    manifest.write_text(json.dumps(record))
    _events_part(copy).unlink()
    _one_line_error(copy, f"error: {copy}: its parts hold", "its manifest lists", "write the dataset again")
