"""What the store hands back, and the one list of its columns: stored events, event clusters, tallies,
documents, and the mapping between them and table rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any

from blocwatch.errors import DataError
from blocwatch.model import Article, Event
from blocwatch.plover import plover_types
from blocwatch.precision import format_date

# An events row is the extractor's Event, field for field, plus what the store derives from it.
EVENT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Event))
EVENT_COLUMNS: tuple[str, ...] = (*EVENT_FIELDS, "day", "quad", "goldstein")
DOCUMENT_COLUMNS = ("id", "origin", "title", "url", "outlet", "date", "date_precision", "date_source", "language",
                    "text", "raw_text", "content_hash", "ingested_at")
SENTENCE_COLUMNS = ("doc", "sentence", "start_char", "end_char", "text")
TABLES = ("documents", "sentences", "events", "event_clusters", "cluster_events", "cluster_months",
          "cluster_month_contexts", "cluster_reports", "recognition_claims")

Row = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event as stored: the extractor's Event plus its row id, weights and its article's metadata."""

    id: int
    event: Event
    day: dt.date | None
    quad: int
    goldstein: float
    outlet: str | None
    url: str | None
    published: dt.date | None
    published_precision: str = "day"  # of `published`: day, month or year


@dataclass(frozen=True, slots=True)
class EventCluster:
    """One happening, reported by one or more events (possibly in several articles).

    The representative fields come from its best-dated, most confident event; `events` are the ids
    of every member. `docs`, `outlets` and `urls` are filled when clusters are read back.
    """

    id: int
    source: str
    target: str
    type: str
    quad: int
    goldstein: float
    negated: bool
    cameo: str | None
    date: str | None
    day: dt.date | None
    date_precision: str | None
    location: str | None
    evidence: str
    doc: str
    contexts: tuple[str, ...]
    num_mentions: int
    num_articles: int
    num_outlets: int
    first_date: dt.date | None
    last_date: dt.date | None
    events: tuple[int, ...]
    docs: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()


# The lists a cluster gathers from its members when read; the other fields are event_clusters' columns.
_CLUSTER_LISTS = ("events", "docs", "outlets", "urls")
CLUSTER_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(EventCluster) if f.name not in _CLUSTER_LISTS)

ClusterRank = tuple[dt.date | None, list[str], int]
"""Where a cluster stands in the numbering: its first day (None: undated, numbered last), then a list of
strings (the clustering's block key), then its smallest event id."""


@dataclass(frozen=True, slots=True)
class ClusterTally:
    """Asserted (not negated) clusters from `source` to `target` of one quad class, in one period:
    how many, and the sum of their Goldstein scores. `period` is the period's first day, or None
    for undated clusters and for counts over all time. `coarse`: the clusters' dates are too coarse
    for the periods asked for (known only to their year, counted by month), and `period` is their year."""

    period: dt.date | None
    source: str
    target: str
    quad: int
    clusters: int
    goldstein: float
    coarse: bool = False


@dataclass(frozen=True, slots=True)
class ContextTally:
    """How many asserted clusters from `source` to `target` of one quad class name `context`, and where
    the first of them stands in date order: (first day, cluster id, position among its contexts)."""

    source: str
    target: str
    quad: int
    context: str
    clusters: int
    first: tuple[dt.date, int, int]


@dataclass(frozen=True, slots=True)
class EvidenceTally:
    """Asserted clusters of a group of actors in one period (None: undated, or all time), with how well
    they are attested: the articles and outlets reporting them, the most outlets behind any one of them,
    and their confidence (each cluster weighs its most confident report's).

    `kind` says what is counted: "pair" (both ways between members `a` < `b`, one side: cooperative or
    not), "side" (every pair together, one side), "group" (every pair, both sides), "member" (member `b`'s
    conflictual acts toward outsider `a`) or "outsider" (every member's conflictual acts toward `a`).
    """

    period: dt.date | None
    kind: str
    a: str | None
    b: str | None
    cooperative: bool | None
    happenings: int
    articles: int
    outlets: int
    widest: int
    weight: float
    weighted_goldstein: float


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """A stored document without its text: enough to list it and link to it."""

    id: str
    title: str | None
    url: str | None
    outlet: str | None
    date: dt.date | None
    date_precision: str | None  # of `date`: day, month or year
    date_source: str | None  # given, metadata, url, text or inferred
    events: int

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "date": format_date(self.date, self.date_precision)}


@dataclass(frozen=True, slots=True)
class DocumentPage:
    """`documents` from `offset` on, in date order (undated last), out of `total`."""

    total: int
    documents: list[DocumentSummary]


@dataclass(frozen=True, slots=True)
class DocumentView:
    """One document's clean text and metadata, with its events in reading order (each event's
    `sentence_start`/`sentence_end` are character offsets into `text`)."""

    id: str
    title: str | None
    url: str | None
    outlet: str | None
    date: dt.date | None
    date_precision: str | None
    date_source: str | None
    language: str | None
    text: str
    events: list[Event]

    def to_json(self) -> dict[str, Any]:
        return {**{name: getattr(self, name) for name in ("id", "title", "url", "outlet", "date_precision",
                                                          "date_source", "language", "text")},
                "date": format_date(self.date, self.date_precision),
                "events": [event.to_json() for event in self.events]}


@dataclass(frozen=True, slots=True)
class DocumentRows:
    """The rows one article adds: its document (without the time of writing), the sentences holding its
    events, and the events, each in its table's column order."""

    document: Row
    sentences: list[Row]
    events: list[Row]


def document_rows(article: Article, events: Sequence[Event]) -> DocumentRows:
    """The rows of one article: its document, the sentences holding its events, and the events.

    Raises:
        DataError: an event has a type outside PLOVER or a date that is not ISO 8601.
    """
    types = plover_types()
    rows: list[Row] = []
    sentences: dict[int, Row] = {}
    for event in events:
        weight = types.get(event.type)
        if weight is None:
            raise DataError(f"{article.origin}: event type {event.type!r} is not a PLOVER type")
        values = [list(event.contexts) if name == "contexts" else getattr(event, name) for name in EVENT_FIELDS]
        rows.append((*values, first_day(event.date, article.origin), weight.quad, weight.goldstein))
        has_span = event.sentence_start is not None and event.sentence_end is not None
        text = article.text[event.sentence_start:event.sentence_end] if has_span else event.evidence
        sentences.setdefault(event.sentence, (article.id, event.sentence, event.sentence_start,
                                              event.sentence_end, text))
    document = (article.id, article.origin, article.title, article.url, article.outlet, article.date,
                article.date_precision if article.date else None, article.date_source,
                article.language, article.text, article.raw_text, article.content_hash)
    return DocumentRows(document, list(sentences.values()), rows)


def first_day(value: str | None, origin: str) -> dt.date | None:
    """The first day of an ISO 8601 date, month (2024-01), year (2024) or week (2024-W05).

    Raises:
        DataError: `value` is none of these (`origin` names the input in the message).
    """
    if value is None:
        return None
    text = value.strip()
    try:
        if len(text) == 4:
            return dt.date(int(text), 1, 1)
        if len(text) == 7:
            return dt.date(int(text[:4]), int(text[5:7]), 1)
        if "W" in text:
            return dt.date.fromisocalendar(int(text[:4]), int(text[6:8]), 1)
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise DataError(f"{origin}: event date {value!r} is not an ISO 8601 date") from None


def event_from_row(values: dict[str, Any]) -> Event:
    """The Event a row of the events table holds (extra columns in `values` are ignored)."""
    return Event(**{**{name: values[name] for name in EVENT_FIELDS}, "contexts": tuple(values["contexts"] or ())})


def stored_event(row: Row) -> StoredEvent:
    """A StoredEvent from a row of ("id", *EVENT_COLUMNS, "outlet", "url", "published", "published_precision")."""
    values = dict(zip(("id", *EVENT_COLUMNS, "outlet", "url", "published", "published_precision"), row, strict=True))
    return StoredEvent(values["id"], event_from_row(values), values["day"], values["quad"], values["goldstein"],
                       values["outlet"], values["url"], values["published"], values["published_precision"] or "day")


def cluster_from_row(row: Row) -> EventCluster:
    """An EventCluster from a row of CLUSTER_COLUMNS followed by its four lists."""
    values: dict[str, Any] = dict(zip(CLUSTER_COLUMNS, row, strict=False))
    events, docs, outlets, urls = row[len(CLUSTER_COLUMNS):]
    values["contexts"] = tuple(values["contexts"] or ())
    return EventCluster(**values, events=tuple(events), docs=tuple(docs),
                        outlets=tuple(outlets or ()), urls=tuple(urls or ()))


def cluster_row(cluster: EventCluster, number: int) -> Row:
    """The event_clusters row of `cluster`, numbered `number`."""
    return (number, *(list(cluster.contexts) if name == "contexts" else getattr(cluster, name)
                      for name in CLUSTER_COLUMNS[1:]))
