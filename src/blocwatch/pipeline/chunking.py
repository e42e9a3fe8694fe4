"""How a run cuts the stream of pages into chunks, and tallies what became of them: the chunk is a
worker's task and a write transaction on either engine."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator

import numpy

from blocwatch.fetch import is_url
from blocwatch.ingest import count_documents
from blocwatch.model import Problem, RawPage, RunReport
from blocwatch.pipeline.coding import Chunk

ProgressCallback = Callable[[int, int | None, Problem | None], None]
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
# Chunks in flight per worker. Results are taken in input order, so while one worker codes a long chunk
# the others go on only as far as the chunks already handed out: two each left one idle behind a chunk
# of one long article; four each keep it busy behind a chunk several times the usual length.
AHEAD = 4


class Tally:
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


def chunks(
    items: Iterable[RawPage | Problem], tally: Tally, *, size: int, characters: int | None, stored: StoredHashes,
    expected: int | None = None,
) -> Iterator[Chunk]:
    """Pages in chunks of `size` pages (or fewer holding `characters`, more in the middle of a run
    `expected` to be long), each with its stored content hash; reading problems go to `tally`.

    A document id met again in the same run keeps its first page, on either engine: a dataset's parts
    are never rewritten, so a later copy could not replace an earlier one there. A later run still
    replaces a stored document whose content changed.
    """
    seen = SeenIds()
    chunk: list[RawPage] = []
    held = read = 0
    for item in items:
        if isinstance(item, Problem):
            tally.note(item)
            continue
        earlier = seen.earlier(item.id, item.origin)
        if earlier is not None:
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


class SeenIds:
    """The document ids a run has met, for its rule that the first page of an id is kept.

    A dict of every id and its origin held some 190 bytes a document (38 MB at 200,000, 1.9 GB at ten
    million). Here the origins of the last `recent` ids or more are kept, and every older id only as a
    16-byte digest in sorted arrays, the smaller merged into the larger as they fill (each array at least
    twice the size of the next, so a lookup bisects a few dozen at most). A copy of an older id is still
    caught; its warning then says "an earlier document of this run" instead of naming it.
    """

    def __init__(self, recent: int = 16_384):
        self._recent = recent
        self._origins: dict[bytes, str] = {}
        self._previous: dict[bytes, str] = {}  # the generation before, so that `recent` are always named
        self._older: list[numpy.ndarray] = []  # sorted digests, largest first

    def earlier(self, doc_id: str, origin: str) -> str | None:
        """Where `doc_id` was met before in this run, or None if it is new (and is now remembered at
        `origin`)."""
        key = hashlib.blake2b(doc_id.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        for origins in (self._origins, self._previous):
            if key in origins:
                return origins[key]
        if any(_holds(digests, key) for digests in self._older):
            return "an earlier document of this run"
        self._origins[key] = origin
        if len(self._origins) >= self._recent:
            if self._previous:
                self._keep(numpy.array(sorted(self._previous), dtype="S16"))
            self._previous, self._origins = self._origins, {}
        return None

    def _keep(self, digests: numpy.ndarray) -> None:
        self._older.append(digests)
        while len(self._older) > 1 and len(self._older[-2]) < 2 * len(self._older[-1]):
            last = self._older.pop()
            self._older[-1] = numpy.sort(numpy.concatenate([self._older[-1], last]))


def _holds(digests: numpy.ndarray, key: bytes) -> bool:
    at = int(numpy.searchsorted(digests, key))
    # numpy hands a fixed-width bytes value back without its trailing zero bytes
    return at < len(digests) and digests[at] == key.rstrip(b"\0")


def _growth(read: int, expected: int | None) -> int:
    """How many times the ordinary text a chunk may hold once `read` of `expected` documents are read."""
    middle = expected is not None and _ENDS_OF_A_LONG_RUN <= read <= expected - _ENDS_OF_A_LONG_RUN
    return _LONG_RUN_GROWTH if middle else 1


def _with_hashes(pages: list[RawPage], stored: StoredHashes) -> Chunk:
    hashes = stored([page.id for page in pages])
    return [(page, hashes.get(page.id)) for page in pages]


def expected(sources: list[str]) -> int | None:
    """The documents `sources` hold, counted before they are read; None when some is a URL or stdin."""
    if any(source == "-" or is_url(source) for source in sources):
        return None
    return count_documents(sources)
