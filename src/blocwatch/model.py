"""Plain dataclasses that the pipeline stages hand to each other.

ingest -> RawPage -> clean -> Article -> nlp/actors/events -> Event -> store -> analysis.
A stage that cannot handle an input returns a Problem instead of raising, so one bad file
never stops a run of thousands.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from blocwatch.precision import format_date


@dataclass(frozen=True, slots=True)
class RawPage:
    """One document as read from a file, a JSON record, a URL or a feed entry.

    Metadata fields are filled only where the source carries them.
    """

    id: str
    origin: str  # what messages name: a path, `path:line`, a URL or `<stdin>`
    content: str
    kind: str  # "html" or "text": whether the cleaner reads markup or plain lines
    title: str | None = None
    url: str | None = None
    date: str | None = None
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: the text the extractor reads, and its metadata."""

    id: str
    origin: str
    title: str | None
    url: str | None
    outlet: str | None
    date: date | None
    language: str
    raw_text: str
    text: str
    # How precisely the page tells `date` (day, month, year; `date` is then the period's first day)
    # and where it was found: given (by the input), metadata, url, text, inferred (from its events).
    date_precision: str = "day"
    date_source: str | None = None

    @property
    def content_hash(self) -> str:
        """Digest of the clean text and the metadata that changes what is extracted."""
        # An inferred date comes from the events, which come from the text: it changes nothing extracted
        when = self.date.isoformat() if self.date and self.date_source != "inferred" else ""
        if when and self.date_precision != "day":  # a day-precise date keeps the digests stored before
            when += f"/{self.date_precision}"
        key = "\x1f".join([self.text, self.title or "", when])
        return hashlib.sha256(key.encode("utf-8")).hexdigest()

    def to_json(self, *, include_raw: bool = False) -> dict[str, Any]:
        """The article as a JSON-ready dict (the `clean --format json` record)."""
        record = asdict(self)
        if not include_raw:
            del record["raw_text"]
        record["date"] = format_date(self.date, self.date_precision)
        record["content_hash"] = self.content_hash
        return record


@dataclass(frozen=True, slots=True)
class Problem:
    """Why an input was skipped or failed. `failed` inputs make the run exit non-zero."""

    origin: str
    reason: str
    failed: bool = True

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event, the unit of the JSONL contract (`../shared/spec/EVENTS.md` section 4)."""

    doc: str
    source: str
    target: str
    type: str
    negated: bool
    cameo: str | None
    date: str | None
    date_precision: str | None
    recognition: str | None
    evidence: str
    confidence: float
    sentence: int
    mode: str | None = None
    contexts: tuple[str, ...] = ()
    location: str | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None

    def to_json(self) -> dict[str, Any]:
        """The event as a JSON-ready dict in the contract's field order."""
        record = asdict(self)
        record["contexts"] = list(self.contexts)
        return record


@dataclass(slots=True)
class RunReport:
    """What a run did: counts and the problems met, for the summary and `--report`."""

    documents: int = 0
    events: int = 0
    unchanged: int = 0
    undated: int = 0  # documents stored with no publication date from any source
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return sum(p.failed for p in self.problems)

    @property
    def skipped(self) -> int:
        return sum(not p.failed for p in self.problems)
