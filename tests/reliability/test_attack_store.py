"""Issue 14, damaged stores: a Parquet dataset with a part cut short, overwritten or deleted (finding 11),
a DuckDB file cut or overwritten (10), and a disk that fills during an ingest (9). Each is one line naming
the file and what to do, never a traceback and never a silent shortfall."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import DATA, run_cli, run_cli_here

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
    result = run_cli_here("events", "--db", path)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    for text in expected:
        assert text in result.stderr, result.stderr
    return result.stderr


def test_the_intact_dataset_reads(dataset):
    assert run_cli_here("events", "--db", dataset, "--format", "json").returncode == 0


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


@pytest.fixture
def store_copy(dev_db, tmp_path):
    target = tmp_path / "store.duckdb"
    shutil.copy(dev_db, target)
    return target


def _damage(path, how: str) -> None:
    size = path.stat().st_size
    if how == "cut":
        with path.open("r+b") as handle:
            handle.truncate(1 << 20)
    else:  # junk over all but the first quarter: the headers and catalog still open, while the tables' rows,
        # wherever the writer's checkpoints put them (fewer since it releases the file only when idle), are junk
        with path.open("r+b") as handle:
            handle.seek(size // 4)
            handle.write(b"\xab" * (size - size // 4))


@pytest.mark.parametrize("how", ["cut", "overwritten"])
def test_finding10_a_damaged_store_is_one_line_for_readers_and_writers(store_copy, how):
    _damage(store_copy, how)
    for command in (["events"], ["relations", "RUS", "AFG"], ["export", "--format", "jsonl"]):
        result = run_cli_here(*command, "--db", store_copy)
        assert result.returncode == 1 and "Traceback" not in result.stderr, (command, result.stderr)
        [line] = [x for x in result.stderr.splitlines() if x.startswith("error: ")]
        assert line.startswith(f"error: {store_copy}: the database is damaged ("), line
        assert line.endswith("restore it from a backup, or build a new one by ingesting the sources again into "
                             "another file (--db NEW.duckdb)")
    article = DATA / "articles" / "d04_russia_recognises_taliban.txt"
    changed = store_copy.parent / "changed.txt"
    changed.write_text(article.read_text() + "\n\nThe talks resume next week in Kazan.\n")
    ingested = run_cli_here("ingest", changed, "--db", store_copy)
    assert ingested.returncode == 1 and "Traceback" not in ingested.stderr, ingested.stderr
    assert f"error: {store_copy}: the database is damaged (" in ingested.stderr


def test_finding10_a_cut_store_is_refused_by_serve_at_start(store_copy):
    _damage(store_copy, "cut")
    result = run_cli("serve", "--db", store_copy)
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"error: {store_copy}: the database is damaged (cut short")


def test_finding10_the_api_over_an_overwritten_store_says_so_without_its_path(store_copy):
    from fastapi.testclient import TestClient

    from blocwatch.api import create_app

    _damage(store_copy, "overwritten")
    with TestClient(create_app(store_copy), raise_server_exceptions=False) as client:
        answer = client.get("/api/events", params={"limit": 500})
    assert answer.status_code == 500
    assert answer.json()["error"].startswith("the database is damaged (")
    assert str(store_copy.parent) not in answer.text


def test_finding09_a_full_disk_is_one_line_and_the_rerun_finishes(tmp_path):
    """The disk fills at 256 KiB, some way into the dev articles (which need about 400 KiB): a file-size limit
    on the ingest process, which the operating system enforces as it would a full disk (EFBIG rather than
    ENOSPC)."""
    import resource
    import signal
    import subprocess
    import sys

    from conftest import ROOT, events_per_doc

    folder = tmp_path / "many"
    folder.mkdir()
    for article in sorted((DATA / "articles").glob("*.txt")):
        shutil.copy(article, folder / article.name)
    db = tmp_path / "full.duckdb"

    def small_disk():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 18, 1 << 18))

    argv = [sys.executable, "-m", "blocwatch", "ingest", str(folder), "--db", str(db), "--quiet"]
    full = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, timeout=900, preexec_fn=small_disk)
    assert full.returncode == 1 and "Traceback" not in full.stderr, full.stderr
    assert full.stderr.count("\n") == 1
    assert full.stderr.startswith(f"error: {db}: the disk is full (")
    assert "run the same command again to finish" in full.stderr
    stored = events_per_doc(db)  # what was committed opens and reads
    assert 0 < len(stored) < len(list(folder.glob("*.txt"))), "the disk should fill in the middle of the run"
    rerun = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert rerun.returncode == 0, rerun.stderr
    after = events_per_doc(db)
    assert len(after) == len(list(folder.glob("*.txt")))
    assert all(after[doc] == count for doc, count in stored.items())  # nothing committed was changed or lost
