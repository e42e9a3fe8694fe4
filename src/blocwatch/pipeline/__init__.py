"""The only package that knows the stage order: sources -> pages -> articles -> events -> store.

`run` ingests into a DuckDB store, in this process or with a pool of worker processes; `run_dask`
does the same work on a Dask cluster and writes a Parquet dataset (`blocwatch.store.dataset`).
Both read the sources as a stream and hand pages to the coders in chunks, a few chunks ahead, so
memory holds those chunks rather than the corpus. Each chunk is cleaned and coded in one place
(`code_pages`), whichever engine runs it.

    coding    the pages of the sources, and a chunk of them cleaned and coded, whichever engine runs it
    chunking  the page stream cut into chunks (each a task and a write transaction), and the run's tally
    local     `run`: this process or a pool of worker processes, into a DuckDB store
    dask      `run_dask`: a Dask cluster, into a Parquet dataset (Dask imported only when it runs)
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from blocwatch.pipeline.chunking import CHUNK_CHARACTERS, CHUNK_DOCUMENTS
from blocwatch.pipeline.coding import code_articles, code_pages, iter_articles, iter_pages, process_extractor

if TYPE_CHECKING:
    from blocwatch.pipeline.dask import run_dask
    from blocwatch.pipeline.local import run

__all__ = [
    "CHUNK_CHARACTERS", "CHUNK_DOCUMENTS", "code_articles", "code_pages", "iter_articles", "iter_pages",
    "process_extractor", "run", "run_dask",
]


# The engines are imported when asked for: a worker, which imports this package to code, needs neither the
# store nor the clusters they write (see blocwatch/__init__.py).
_ENGINES = {"run": "blocwatch.pipeline.local", "run_dask": "blocwatch.pipeline.dask"}


def __getattr__(name: str) -> object:
    if name not in _ENGINES:
        raise AttributeError(f"module 'blocwatch.pipeline' has no attribute {name!r}")
    return getattr(import_module(_ENGINES[name]), name)
