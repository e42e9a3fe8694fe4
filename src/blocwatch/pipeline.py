"""The only module that knows the stage order: sources -> pages -> articles (-> events)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from blocwatch.clean import DEFAULT_OPTIONS, CleanOptions, clean
from blocwatch.ingest import DEFAULT_MAX_BYTES, read_sources
from blocwatch.model import Article, Problem


def iter_articles(
    sources: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES, options: CleanOptions = DEFAULT_OPTIONS
) -> Iterator[Article | Problem]:
    """Read and clean every document named by `sources`, yielding Problems alongside articles.

    Args:
        sources: paths, folders or "-" (see `blocwatch.ingest.read_sources`).
        max_bytes: per-input size limit.
        options: clean-stage thresholds.
    """
    for item in read_sources(sources, max_bytes=max_bytes):
        yield item if isinstance(item, Problem) else clean(item, options=options)
