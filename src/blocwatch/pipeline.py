"""The only module that knows the stage order: sources -> pages -> articles -> events -> store."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import TYPE_CHECKING

from blocwatch.analysis.clusters import build_clusters
from blocwatch.clean import DEFAULT_OPTIONS, CleanOptions, clean
from blocwatch.errors import BlocwatchError
from blocwatch.fetch import fetch_sources, is_url
from blocwatch.ingest import DEFAULT_MAX_BYTES, read_sources
from blocwatch.model import Article, Problem, RawPage, RunReport
from blocwatch.store import Store

if TYPE_CHECKING:
    from blocwatch.events import Extractor

ProgressCallback = Callable[[int, int, Problem | None], None]


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


def run(
    sources: Iterable[str], *, store: Store, extractor: Extractor | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES, options: CleanOptions = DEFAULT_OPTIONS, allow_private: bool = False,
    on_progress: ProgressCallback | None = None,
) -> RunReport:
    """Ingest `sources` into `store`: read, clean, extract and write each document, then rebuild clusters.

    Documents whose content hash is already stored are left alone (counted as unchanged) and the
    extractor is loaded only if some document changed. Each document is written in its own
    transaction, so an interrupted run keeps what it finished and the next run does the rest.

    Args:
        sources: paths, folders, "-" or URLs (see `iter_pages`).
        store: a store opened for writing.
        extractor: a loaded extractor; None loads one when first needed.
        max_bytes: per-input size limit.
        options: clean-stage thresholds.
        allow_private: let URLs reach private and loopback addresses.
        on_progress: called as (documents done, documents read, problem or None) after every step.
    """
    report = RunReport()
    notify = on_progress or (lambda done, total, problem: None)
    pages: deque[RawPage] = deque()
    total = done = 0

    def note(problem: Problem) -> None:
        report.problems.append(problem)
        notify(done, total, problem)

    def step() -> None:
        nonlocal done
        done += 1
        notify(done, total, None)

    # Every page is read before coding starts, so progress has a total; coding dwarfs reading anyway.
    for item in iter_pages(sources, max_bytes=max_bytes, allow_private=allow_private):
        if isinstance(item, Problem):
            note(item)
        else:
            pages.append(item)
    total = len(pages)
    first_origin: dict[str, str] = {}

    def changed_articles() -> Iterator[Article]:
        while pages:
            article = clean(pages.popleft(), options=options)
            if isinstance(article, Problem):
                note(article)
                step()
                continue
            earlier = first_origin.setdefault(article.id, article.origin)
            if earlier != article.origin:
                note(Problem(article.origin, f"has the same document id {article.id!r} as {earlier}, "
                                             "and replaces it in the store", failed=False))
            if store.content_hash(article.id) == article.content_hash:
                report.unchanged += 1
                step()
                continue
            yield article

    pending = changed_articles()
    first = next(pending, None)
    if first is not None:
        if extractor is None:
            from blocwatch.events import Extractor  # imports spaCy: only when something is to be extracted

            extractor = Extractor.load()
        for article, events in extractor.extract_many(chain([first], pending)):
            try:
                store.write(article, events)
            except BlocwatchError as exc:
                note(Problem(article.origin, f"not stored: {exc}"))
                step()
                continue
            report.documents += 1
            report.events += len(events)
            step()
    if report.documents or store.clusters_stale():
        build_clusters(store)
    return report
