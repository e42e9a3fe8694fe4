"""How an ingest cuts its documents into chunks (each a worker's task and a write transaction)."""

from __future__ import annotations

import pytest

from blocwatch.model import RawPage
from blocwatch.pipeline import chunking

pytestmark = pytest.mark.issue(15)


def _sizes(count: int, expected: int | None) -> list[int]:
    pages = (RawPage(id=f"d{n}", origin=f"d{n}", content="x" * 100, kind="text") for n in range(count))
    tally = chunking.Tally(None, expected)
    chunks = chunking.chunks(pages, tally, size=256, characters=1_000, stored=lambda ids: {}, expected=expected)
    return [len(chunk) for chunk in chunks]


def test_a_long_run_is_cut_in_larger_chunks_between_ordinary_ends():
    ends = chunking._ENDS_OF_A_LONG_RUN
    sizes = _sizes(3 * ends, expected=3 * ends)
    assert sum(sizes) == 3 * ends
    assert sizes[: ends // 10 - 1] == [10] * (ends // 10 - 1)  # 1,000 characters of 100-character pages
    assert max(sizes[-(ends // 10 - 1):]) == 10
    assert max(sizes) == 10 * chunking._LONG_RUN_GROWTH


@pytest.mark.parametrize("expected", [None, 2 * chunking._ENDS_OF_A_LONG_RUN - 1])
def test_a_short_run_or_one_of_unknown_length_keeps_ordinary_chunks(expected):
    count = 2 * chunking._ENDS_OF_A_LONG_RUN - 1
    assert set(_sizes(count, expected)[:-1]) == {10}


def test_a_run_remembers_every_id_it_met_and_names_where_the_recent_ones_were():
    seen = chunking.SeenIds(recent=100)
    assert [seen.earlier(f"doc {n}", f"file:{n}") for n in range(5_000)] == [None] * 5_000
    assert seen.earlier("doc 4990", "file:again") == "file:4990"  # recent: named
    assert seen.earlier("doc 7", "file:again") == "an earlier document of this run"  # older: still caught
    assert all(seen.earlier(f"doc {n}", "again") for n in range(0, 5_000, 7))
    assert seen.earlier("doc 5000", "file:5000") is None
    assert seen.earlier("", "") is None and seen.earlier("", "again") == ""  # an empty origin is still one


def test_the_ids_a_run_remembers_cost_a_few_bytes_each():
    import tracemalloc

    seen = chunking.SeenIds()
    tracemalloc.start()
    for n in range(200_000):
        seen.earlier(f"b{n:07d}", f"/data/corpus/shard-{n // 500:05d}.jsonl:{n % 500 + 1}")
    held, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # a dict of ids and origins held about 190 bytes an id; digests are 16, with 16,384-32,768 origins beside
    assert held / 200_000 < 40, held
