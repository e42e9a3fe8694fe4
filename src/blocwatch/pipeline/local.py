"""The run on this machine: chunks coded in this process or by a pool of worker processes, written to a
DuckDB store in input order."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import TYPE_CHECKING

from blocwatch.analysis.clusters import build_clusters
from blocwatch.clean import DEFAULT_OPTIONS, CleanOptions
from blocwatch.errors import ParameterError
from blocwatch.forkserver import worker_context
from blocwatch.ingest import DEFAULT_MAX_BYTES
from blocwatch.model import RunReport
from blocwatch.pipeline import chunking
from blocwatch.pipeline.chunking import CHUNK_CHARACTERS, CHUNK_DOCUMENTS, ProgressCallback
from blocwatch.pipeline.coding import Chunk, Outcome, chunk_report, code_pages, confident, iter_pages, process_extractor
from blocwatch.store import Store

if TYPE_CHECKING:
    from concurrent.futures import Future

    from blocwatch.events import Extractor

# Letting readers at the file closes the writer's connection, which folds its log into the file: some 50 ms
# of the writing process's CPU, taken from the workers on two cores. After every chunk (two a second on one
# core, eight on two) that was a tenth of the CPU the writing process spent; once a second is enough for
# readers, who wait for the file up to 30 s.
_RELEASE_SECONDS = 1.0


def run(
    sources: Iterable[str], *, store: Store, extractor: Extractor | None = None, workers: int = 1,
    max_bytes: int = DEFAULT_MAX_BYTES, options: CleanOptions = DEFAULT_OPTIONS, allow_private: bool = False,
    on_progress: ProgressCallback | None = None, min_confidence: float = 0.0,
) -> RunReport:
    """Ingest `sources` into `store`: read, clean, extract and write each document, then rebuild clusters.

    Documents whose content hash is already stored are left alone (counted as unchanged) and the
    extractor is loaded only if some document changed. Documents are written a chunk per
    transaction, so an interrupted run keeps every chunk it finished, each document whole, and the
    next run does the rest.

    Args:
        sources: paths, folders, "-" or URLs (see `iter_pages`).
        store: a store opened for writing.
        extractor: a loaded extractor, for coding in this process; None loads one when first needed.
        workers: processes that clean and code (each loads its own model); 1 codes in this process.
        max_bytes: per-input size limit.
        options: clean-stage thresholds.
        allow_private: let URLs reach private and loopback addresses.
        on_progress: called as (documents done, documents expected or None, problem or None) as
            documents finish; the expectation counts the input files before they are read, and is
            None when some source is a URL or standard input.
        min_confidence: events less likely than this to be right are not stored.

    Raises:
        ParameterError: `workers` is below 1.
    """
    check_workers(workers)
    sources = list(sources)
    expected = chunking.expected(sources)
    tally = chunking.Tally(on_progress, expected)

    released = 0.0  # when readers last got the file (time.monotonic)

    def idle() -> None:
        # Readers (`blocwatch serve`) get the file while a chunk is coded here or this process waits for a
        # worker's, a second apart at most; the next lookup or write takes it back.
        nonlocal released
        if time.monotonic() - released >= _RELEASE_SECONDS:
            store.release()
            released = time.monotonic()

    chunks = chunking.chunks(iter_pages(sources, max_bytes=max_bytes, allow_private=allow_private), tally,
                             size=CHUNK_DOCUMENTS, characters=CHUNK_CHARACTERS, stored=store.content_hashes,
                             expected=expected)
    coder = (lambda: extractor) if extractor is not None else process_extractor
    for outcomes in _coded(chunks, workers=workers, extractor=coder, options=options, idle=idle):
        outcomes = confident(outcomes, min_confidence)
        refused = store.write_many([o for o in outcomes if isinstance(o, tuple)])
        tally.add(chunk_report(outcomes, refused))
    if tally.report.documents or store.clusters_stale():
        build_clusters(store)
    return tally.report


def _coded(
    chunks: Iterator[Chunk], *, workers: int, extractor: Callable[[], Extractor],
    options: CleanOptions, idle: Callable[[], None],
) -> Iterator[list[Outcome]]:
    """Each chunk's outcomes, in input order: coded here, or by a pool of `workers` processes; `idle` is
    called before this process codes a chunk or waits for a worker's."""
    if workers == 1:
        for chunk in chunks:
            idle()
            yield code_pages(chunk, extractor=extractor, options=options)
        return
    # The pool may notice a dead worker when a chunk is submitted as well as when a result is read.
    with lost_workers_reported(BrokenProcessPool), ProcessPoolExecutor(workers, mp_context=worker_context()) as pool:
        pending: deque[Future[list[Outcome]]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(code_pages, chunk, extractor=process_extractor, options=options))
            if len(pending) >= chunking.AHEAD * workers:
                yield _when_done(pending.popleft(), idle)
        while pending:
            yield _when_done(pending.popleft(), idle)


def _when_done(future: Future[list[Outcome]], idle: Callable[[], None]) -> list[Outcome]:
    if not future.done():
        idle()
    return future.result()


@contextmanager
def lost_workers_reported(lost: type[BaseException]) -> Iterator[None]:
    """A worker that died (killed, or out of memory) is reported as a user error, not a traceback."""
    try:
        yield
    except lost:
        raise ParameterError("--workers", "a worker process ended abruptly (killed, or out of memory: try fewer "
                                          "workers); run the ingest again (a DuckDB file keeps the documents "
                                          "already written, a dataset is written anew)") from None


def check_workers(workers: int) -> None:
    """Refuse a number of worker processes below 1, naming --workers."""
    if workers < 1:
        raise ParameterError("--workers", f"{workers} is not a number of processes (give 1 or more)")
