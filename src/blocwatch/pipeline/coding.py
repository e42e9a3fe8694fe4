"""Reading and coding, whichever engine runs them: the pages of the sources, and a chunk of pages cleaned
and coded in one place (`code_pages`), with what became of each page counted for the run's report."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from blocwatch.clean import DEFAULT_OPTIONS, CleanOptions, clean
from blocwatch.fetch import fetch_sources, is_url
from blocwatch.ingest import DEFAULT_MAX_BYTES, read_sources
from blocwatch.model import Article, Event, Problem, RawPage, RunReport
from blocwatch.published import infer

if TYPE_CHECKING:
    from blocwatch.events import Extractor

Coded = tuple[Article, list[Event]]
Outcome = Coded | Problem | None
"""What became of one page: its article and events, the Problem that stopped it, or None when the
store already holds the same content."""
Chunk = list[tuple[RawPage, str | None]]
"""Pages to code together, each with the content hash the store holds for its id (None: not stored)."""


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


def confident(outcomes: list[Outcome], min_confidence: float) -> list[Outcome]:
    """The outcomes with only the events at least `min_confidence` likely to be right."""
    if min_confidence <= 0:
        return outcomes
    return [(o[0], [e for e in o[1] if e.confidence >= min_confidence]) if isinstance(o, tuple) else o
            for o in outcomes]


def chunk_report(outcomes: list[Outcome], refused: Sequence[tuple[Article, Exception]]) -> RunReport:
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
