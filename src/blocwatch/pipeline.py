"""The only module that knows the stage order: sources -> pages -> articles -> events -> store.

`run` ingests into a DuckDB store, in this process or with a pool of worker processes; `run_dask`
does the same work on a Dask cluster and writes a Parquet dataset (`blocwatch.store.dataset`).
Both read the sources as a stream and hand pages to the coders in chunks, a few chunks ahead, so
memory holds those chunks rather than the corpus. Each chunk is cleaned and coded in one place
(`code_pages`), whichever engine runs it.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from blocwatch.analysis.clusters import build_clusters
from blocwatch.clean import DEFAULT_OPTIONS, CleanOptions, clean
from blocwatch.errors import ParameterError
from blocwatch.fetch import fetch_sources, is_url
from blocwatch.ingest import DEFAULT_MAX_BYTES, count_documents, read_sources
from blocwatch.model import Article, Event, Problem, RawPage, RunReport
from blocwatch.published import infer
from blocwatch.store import Store
from blocwatch.store.dataset import building_dataset, create_dataset, seal_dataset, write_part

if TYPE_CHECKING:
    from concurrent.futures import Future

    from dask.distributed import Client
    from dask.distributed import Future as DaskFuture

    from blocwatch.events import Extractor

ProgressCallback = Callable[[int, int | None, Problem | None], None]
Coded = tuple[Article, list[Event]]
Outcome = Coded | Problem | None
"""What became of one page: its article and events, the Problem that stopped it, or None when the
store already holds the same content."""
Chunk = list[tuple[RawPage, str | None]]
"""Pages to code together, each with the content hash the store holds for its id (None: not stored)."""
StoredHashes = Callable[[list[str]], dict[str, str]]

# A chunk is a task for a worker and a write transaction: a batch for the parser, a short loss if killed,
# and at the end of a run the most one worker may still be coding while the others wait. It ends at about
# 8 news articles' worth of text, or at 256 shorter documents (each chunk costs tens of milliseconds of
# writing, whatever its size).
CHUNK_CHARACTERS = 25_000
CHUNK_DOCUMENTS = 256
# The middle of a long run is cut in chunks that may hold four times the text: a chunk costs the writing
# process some 35 ms whatever its size (a transaction, hash lookups), an eighth of all the CPU of a run of
# two-sentence briefs cut at 80 of them. Its first and last documents keep the ordinary size, so that the
# workers start at once and finish together, and a short run is cut as before.
_ENDS_OF_A_LONG_RUN = 2_000  # documents
_LONG_RUN_GROWTH = 4
# Dask parts: several per worker, so that all are busy, but never so small that files multiply.
_DASK_PARTS_PER_WORKER = 4
_DASK_CHUNK_RANGE = (16, 256)
# Chunks in flight per worker. Results are taken in input order, so while one worker codes a long chunk
# the others go on only as far as the chunks already handed out: two each left one idle behind a chunk
# of one long article; four each keep it busy behind a chunk several times the usual length.
_AHEAD = 4
# Letting readers at the file closes the writer's connection, which folds its log into the file: some 50 ms
# of the writing process's CPU, taken from the workers on two cores. After every chunk (two a second on one
# core, eight on two) that was a tenth of the CPU the writing process spent; once a second is enough for
# readers, who wait for the file up to 30 s.
_RELEASE_SECONDS = 1.0


def iter_pages(
    sources: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES, allow_private: bool = False
) -> Iterator[RawPage | Problem]:
    """Read every document named by `sources`: URLs and feeds through `blocwatch.fetch`, the rest as files.

    Args:
        sources: paths, folders, "-" or URLs, in any mix.
        max_bytes: per-input size limit.
        allow_private: let URLs reach private and loopback addresses.
    """
    for source in sources:
        if is_url(source):
            yield from fetch_sources([source], allow_private=allow_private, max_bytes=max_bytes)
        else:
            yield from read_sources([source], max_bytes=max_bytes)


def iter_articles(
    sources: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES, options: CleanOptions = DEFAULT_OPTIONS,
    allow_private: bool = False,
) -> Iterator[Article | Problem]:
    """Read and clean every document named by `sources`, yielding Problems alongside articles.

    Args:
        sources: paths, folders, "-" or URLs (see `iter_pages`).
        max_bytes: per-input size limit.
        options: clean-stage thresholds.
        allow_private: let URLs reach private and loopback addresses.
    """
    for item in iter_pages(sources, max_bytes=max_bytes, allow_private=allow_private):
        yield item if isinstance(item, Problem) else clean(item, options=options)


def code_pages(
    pages: Chunk, *, extractor: Callable[[], Extractor],
    options: CleanOptions = DEFAULT_OPTIONS,
) -> list[Outcome]:
    """Clean a chunk of pages and code the articles whose content is not stored already.

    Args:
        pages: each page with the content hash the store holds for its id (None: not stored).
        extractor: returns the extractor; called only when some article is to be coded.
        options: clean-stage thresholds.

    Returns:
        One outcome per page, in order.
    """
    outcomes: list[Outcome] = []
    changed: list[tuple[int, Article]] = []  # where in `outcomes` each article to be coded goes
    for page, stored in pages:
        article = clean(page, options=options)
        if isinstance(article, Article) and article.content_hash != stored:
            changed.append((len(outcomes), article))
        outcomes.append(article if isinstance(article, Problem) else None)
    if changed:
        coded = code_articles([article for _, article in changed], extractor=extractor())
        for (n, _), outcome in zip(changed, coded, strict=True):
            outcomes[n] = (infer(*outcome), outcome[1]) if isinstance(outcome, tuple) else outcome
    return outcomes


def code_articles(articles: Sequence[Article], *, extractor: Extractor) -> list[Coded | Problem]:
    """Code a batch of articles together; an article the extractor fails on becomes a failed Problem.

    When the batch raises, each article is coded again alone, so one page that trips a bug costs
    that page and not the run.

    Args:
        articles: the batch; its sentences are parsed together.
        extractor: a loaded extractor.

    Returns:
        One (article, events) or Problem per article, in order.
    """
    try:
        return list(extractor.extract_many(articles))
    except Exception:  # whatever a hostile page trips; the article at fault is found and named below
        return [_code_alone(article, extractor) for article in articles]


def _code_alone(article: Article, extractor: Extractor) -> Coded | Problem:
    """One article's events, or the failed Problem naming the error that stopped its coding."""
    try:
        return article, extractor.extract(article)
    except Exception as exc:  # reported as the document's failure, with the error that stopped it
        return Problem(article.origin, f"internal error while coding events: {type(exc).__name__}: {exc}")


@lru_cache(maxsize=1)
def process_extractor() -> Extractor:
    """The extractor of this process, loaded on first use: what pool and Dask workers code with."""
    from blocwatch.events import Extractor  # imports spaCy: only where something is to be coded

    return Extractor.load()


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
    _check_workers(workers)
    sources = list(sources)
    expected = _expected(sources)
    tally = _Tally(on_progress, expected)

    released = 0.0  # when readers last got the file (time.monotonic)

    def idle() -> None:
        # Readers (`blocwatch serve`) get the file while a chunk is coded here or this process waits for a
        # worker's, a second apart at most; the next lookup or write takes it back.
        nonlocal released
        if time.monotonic() - released >= _RELEASE_SECONDS:
            store.release()
            released = time.monotonic()

    chunks = _chunks(iter_pages(sources, max_bytes=max_bytes, allow_private=allow_private), tally,
                     size=CHUNK_DOCUMENTS, characters=CHUNK_CHARACTERS, stored=store.content_hashes,
                     expected=expected)
    coder = (lambda: extractor) if extractor is not None else process_extractor
    for outcomes in _coded(chunks, workers=workers, extractor=coder, options=options, idle=idle):
        outcomes = _confident(outcomes, min_confidence)
        refused = store.write_many([o for o in outcomes if isinstance(o, tuple)])
        tally.add(_chunk_report(outcomes, refused))
    if tally.report.documents or store.clusters_stale():
        build_clusters(store)
    return tally.report


def run_dask(
    sources: Iterable[str], *, dataset: Path, scheduler: str | None = None, workers: int = 2,
    chunk: int | None = None, max_bytes: int = DEFAULT_MAX_BYTES, options: CleanOptions = DEFAULT_OPTIONS,
    allow_private: bool = False, on_progress: ProgressCallback | None = None, min_confidence: float = 0.0,
) -> RunReport:
    """Ingest `sources` on a Dask cluster into a new Parquet dataset, partitioned by month.

    This process reads the sources and sends chunks of pages to the workers, which clean, code and
    write their chunk's Parquet files into `dataset` (so it must be a folder the workers can reach
    at the same path); once every chunk is in, this process builds the event clusters and seals the
    dataset. A document id met twice keeps its first document, as `run` does.

    Args:
        sources: paths, folders, "-" or URLs (see `iter_pages`).
        dataset: a new or empty folder.
        scheduler: the address of a running Dask scheduler (tcp://host:8786); None starts a local
            cluster of `workers` processes for this run.
        workers: processes of the local cluster (ignored with `scheduler`).
        chunk: documents per task and per Parquet file; None gives each worker about four tasks, of 16
            to 256 documents (256 when the sources cannot be counted ahead).
        max_bytes: per-input size limit.
        options: clean-stage thresholds.
        allow_private: let URLs reach private and loopback addresses.
        on_progress: as for `run`.
        min_confidence: as for `run`.

    Raises:
        ParameterError: `workers` is below 1, or `scheduler` cannot be reached.
        StoreError: `dataset` is a file, or a folder that is not empty.
    """
    from distributed import KilledWorker

    _check_workers(workers)
    sources = list(sources)
    create_dataset(dataset)
    expected = _expected(sources)
    tally = _Tally(on_progress, expected)
    with _dask_client(scheduler, workers) as client:
        cluster_workers = max(1, len(client.scheduler_info()["workers"]))
        if chunk is None:
            low, high = _DASK_CHUNK_RANGE
            share = high if expected is None else expected // (cluster_workers * _DASK_PARTS_PER_WORKER)
            chunk = min(high, max(low, share))
        chunks = _chunks(iter_pages(sources, max_bytes=max_bytes, allow_private=allow_private), tally,
                         size=chunk, characters=None, stored=lambda docs: {})
        ahead = _AHEAD * cluster_workers
        pending: deque[DaskFuture[RunReport]] = deque()
        with _lost_workers_reported(KilledWorker):
            for number, pages in enumerate(chunks):
                pending.append(client.submit(_code_part, pages, number, str(dataset), options, min_confidence,
                                              pure=False))
                if len(pending) >= ahead:
                    tally.add(pending.popleft().result())
            while pending:
                tally.add(pending.popleft().result())
    with building_dataset(dataset) as store:
        build_clusters(store)
        seal_dataset(store)
    return tally.report


def _code_part(pages: Chunk, number: int, dataset: str, options: CleanOptions, min_confidence: float) -> RunReport:
    """A Dask task: code one chunk and write its Parquet part; only the counts travel back."""
    outcomes = _confident(code_pages(pages, extractor=process_extractor, options=options), min_confidence)
    refused = write_part(Path(dataset), number, [o for o in outcomes if isinstance(o, tuple)])
    return _chunk_report(outcomes, refused)


def _confident(outcomes: list[Outcome], min_confidence: float) -> list[Outcome]:
    """The outcomes with only the events at least `min_confidence` likely to be right."""
    if min_confidence <= 0:
        return outcomes
    return [(o[0], [e for e in o[1] if e.confidence >= min_confidence]) if isinstance(o, tuple) else o
            for o in outcomes]


def _chunk_report(outcomes: list[Outcome], refused: Sequence[tuple[Article, Exception]]) -> RunReport:
    """What became of one chunk's pages, its problems in input order."""
    why = {id(article): exc for article, exc in refused}  # by identity: a refused copy of an id, not the id
    report = RunReport()
    for outcome in outcomes:
        if outcome is None:
            report.unchanged += 1
        elif isinstance(outcome, Problem):
            report.problems.append(outcome)
        elif id(outcome[0]) in why:
            report.problems.append(Problem(outcome[0].origin, f"not stored: {why[id(outcome[0])]}"))
        else:
            report.documents += 1
            report.events += len(outcome[1])
            report.undated += outcome[0].date is None
    return report


class _Tally:
    """The run's report, and its progress told to the caller as documents finish."""

    def __init__(self, on_progress: ProgressCallback | None, expected: int | None):
        self.report = RunReport()
        self._notify = on_progress or (lambda done, total, problem: None)
        self._expected = expected
        self._done = 0
        self._notify(0, expected, None)  # before the first chunk is done, so a progress bar shows at once

    def note(self, problem: Problem) -> None:
        self.report.problems.append(problem)
        self._notify(self._done, self._expected, problem)

    def add(self, chunk: RunReport) -> None:
        for problem in chunk.problems:
            self.note(problem)
        self.report.documents += chunk.documents
        self.report.events += chunk.events
        self.report.unchanged += chunk.unchanged
        self.report.undated += chunk.undated
        self._done += chunk.documents + chunk.unchanged + len(chunk.problems)
        self._notify(self._done, self._expected, None)


def _chunks(
    items: Iterable[RawPage | Problem], tally: _Tally, *, size: int, characters: int | None, stored: StoredHashes,
    expected: int | None = None,
) -> Iterator[Chunk]:
    """Pages in chunks of `size` pages (or fewer holding `characters`, more in the middle of a run
    `expected` to be long), each with its stored content hash; reading problems go to `tally`.

    A document id met again in the same run keeps its first page, on either engine: a dataset's parts
    are never rewritten, so a later copy could not replace an earlier one there. A later run still
    replaces a stored document whose content changed.
    """
    first_origin: dict[str, str] = {}
    chunk: list[RawPage] = []
    held = read = 0
    for item in items:
        if isinstance(item, Problem):
            tally.note(item)
            continue
        earlier = first_origin.setdefault(item.id, item.origin)
        if earlier != item.origin:
            tally.note(Problem(item.origin, f"has the same document id {item.id!r} as {earlier}, and is skipped "
                                            "(the first is kept)", failed=False))
            continue
        chunk.append(item)
        read += 1
        held += len(item.content)
        if len(chunk) == size or (characters is not None and held >= characters * _growth(read, expected)):
            yield _with_hashes(chunk, stored)
            chunk, held = [], 0
    if chunk:
        yield _with_hashes(chunk, stored)


def _growth(read: int, expected: int | None) -> int:
    """How many times the ordinary text a chunk may hold once `read` of `expected` documents are read."""
    middle = expected is not None and _ENDS_OF_A_LONG_RUN <= read <= expected - _ENDS_OF_A_LONG_RUN
    return _LONG_RUN_GROWTH if middle else 1


def _with_hashes(pages: list[RawPage], stored: StoredHashes) -> Chunk:
    hashes = stored([page.id for page in pages])
    return [(page, hashes.get(page.id)) for page in pages]


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
    with _lost_workers_reported(BrokenProcessPool), ProcessPoolExecutor(workers, mp_context=_worker_context()) as pool:
        pending: deque[Future[list[Outcome]]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(code_pages, chunk, extractor=process_extractor, options=options))
            if len(pending) >= _AHEAD * workers:
                yield _when_done(pending.popleft(), idle)
        while pending:
            yield _when_done(pending.popleft(), idle)


def _when_done(future: Future[list[Outcome]], idle: Callable[[], None]) -> list[Outcome]:
    if not future.done():
        idle()
    return future.result()


def _worker_context() -> multiprocessing.context.BaseContext:
    """How pool workers start: forked from a server process that has imported spaCy and loaded the model
    once (`blocwatch.preload`), so each starts coding at once; spawned (each importing and loading
    everything anew) where there is no fork server. Never forked from this process, which holds a progress
    thread and DuckDB's threads."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["blocwatch.preload"])
    return context


@contextmanager
def _lost_workers_reported(lost: type[BaseException]) -> Iterator[None]:
    """A worker that died (killed, or out of memory) is reported as a user error, not a traceback."""
    try:
        yield
    except lost:
        raise ParameterError("--workers", "a worker process ended abruptly (killed, or out of memory: try fewer "
                                          "workers); run the ingest again (a DuckDB file keeps the documents "
                                          "already written, a dataset is written anew)") from None


def _expected(sources: list[str]) -> int | None:
    if any(source == "-" or is_url(source) for source in sources):
        return None
    return count_documents(sources)


def _check_workers(workers: int) -> None:
    if workers < 1:
        raise ParameterError("--workers", f"{workers} is not a number of processes (give 1 or more)")


@contextmanager
def _dask_client(scheduler: str | None, workers: int) -> Iterator[Client]:
    """A Dask client of the scheduler at `scheduler`, or of a local cluster of `workers` processes."""
    import logging

    from dask.distributed import Client, LocalCluster

    if scheduler is None:
        # No dashboard: its fixed port would clash between runs, and nothing here reads it.
        with LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None,
                          silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise ParameterError("--scheduler", f"no Dask scheduler answers at {scheduler} ({exc})") from None
    with client:
        yield client
