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
