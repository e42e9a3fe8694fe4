"""Exports: a store -> JSON Lines, GDELT-style CSV, Parquet or PLOVER JSON records.

jsonl, parquet and plover hold one row per coded event (negated ones included, flagged). csv holds
one row per event cluster in GDELT 2.0's event-table shape, since a GDELT row is one happening with
its NumMentions/NumSources/NumArticles; as in GDELT, only asserted (not negated) happenings appear.
GLOBALEVENTID is the cluster id, which is renumbered whenever clusters are rebuilt.
"""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from blocwatch.errors import ParameterError
from blocwatch.precision import format_date, period_middle
from blocwatch.store import EventCluster, Store

EXPORT_FORMATS = ("jsonl", "csv", "parquet", "plover")

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code", "Actor2Code", "EventCode",
    "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles",
    "ActionGeo_FullName", "DATEADDED", "SOURCEURL",
    # blocwatch's own, after GDELT's: what GDELT has no column for.
    "PloverType", "DatePrecision", "Evidence", "Documents",
)


@dataclass(frozen=True, slots=True)
class ExportSummary:
    """How many rows an export wrote, and where (None: standard output)."""

    format: str
    rows: int
    out: Path | None


def export(store: Store, *, format: str, out: Path | None = None) -> ExportSummary:
    """Write the store's events (or, for csv, its event clusters) in `format`.

    Args:
        store: the database.
        format: "jsonl", "csv", "parquet" or "plover".
        out: the file to write; None writes to standard output (not possible for parquet).

    Raises:
        ParameterError: an unknown format, parquet without `out`, or an unwritable `out`.
    """
    if format not in EXPORT_FORMATS:
        raise ParameterError("--format", f"unknown export format {format!r} (one of {', '.join(EXPORT_FORMATS)})")
    if format == "parquet":
        if out is None:
            raise ParameterError("--out", "parquet is a binary format: name a file with --out FILE.parquet")
        return ExportSummary(format, _write_parquet(store, out), out)
    try:
        handle = out.open("w", encoding="utf-8", newline="") if out else sys.stdout
    except OSError as exc:
        raise ParameterError("--out", f"{out}: cannot be written ({exc.strerror or exc})") from None
    try:
        rows = _write_csv(store, handle) if format == "csv" else _write_json_lines(store, handle, format)
    finally:
        if out:
            handle.close()
    return ExportSummary(format, rows, out)


def _write_json_lines(store: Store, handle: TextIO, format: str) -> int:
    records = store.export_events()
    for record in records:
        record["published"] = format_date(record["published"], record.pop("published_precision"))
        record["contexts"] = list(record["contexts"] or [])
        line = _plover_record(record) if format == "plover" else record
        handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    return len(records)


def _plover_record(record: dict[str, Any]) -> dict[str, Any]:
    """An event in PLOVER's JSON vocabulary (event_type, source/target actor, event_text, context, mode)."""
    return {
        "id": f"{record['doc']}-{record['id']}", "event_type": record["type"], "mode": record["mode"],
        "context": record["contexts"], "source_actor": record["source"], "target_actor": record["target"],
        "date": record["date"], "date_precision": record["date_precision"], "negated": record["negated"],
        "event_text": record["evidence"], "story_id": record["doc"], "story_date": record["published"],
        "publisher": record["outlet"], "url": record["url"], "location": record["location"],
        "cameo": record["cameo"], "recognition": record["recognition"], "quad_class": record["quad"],
        "goldstein": record["goldstein"], "confidence": record["confidence"], "cluster": record["cluster"],
    }


def _write_csv(store: Store, handle: TextIO) -> int:
    added = store.cluster_added()
    clusters = store.clusters(negated=False)
    writer = csv.DictWriter(handle, fieldnames=GDELT_COLUMNS)
    writer.writeheader()
    for cluster in clusters:
        writer.writerow(_gdelt_row(cluster, added.get(cluster.id)))
    return len(clusters)


def _gdelt_row(cluster: EventCluster, added: datetime | None) -> dict[str, Any]:
    day: date | None = cluster.day
    cameo = cluster.cameo or ""
    # GDELT's columns at the cluster's precision: a month-precise happening has no SQLDATE, and its
    # FractionDate is the middle of its month, never its first day
    precision = cluster.date_precision
    known_day = day is not None and precision not in ("month", "year")
    middle = period_middle(day, precision) if day else None
    return {
        "GLOBALEVENTID": cluster.id,
        "SQLDATE": day.strftime("%Y%m%d") if day is not None and known_day else "",
        "MonthYear": day.strftime("%Y%m") if day and precision != "year" else "",
        "Year": day.year if day else "",
        "FractionDate": f"{middle.year + (middle.timetuple().tm_yday - 1) / 365:.4f}" if middle else "",
        "Actor1Code": cluster.source, "Actor2Code": cluster.target,
        "EventCode": cameo, "EventBaseCode": cameo[:3], "EventRootCode": cameo[:2],
        "QuadClass": cluster.quad, "GoldsteinScale": cluster.goldstein,
        "NumMentions": cluster.num_mentions, "NumSources": cluster.num_outlets,
        "NumArticles": cluster.num_articles, "ActionGeo_FullName": cluster.location or "",
        "DATEADDED": added.strftime("%Y%m%d%H%M%S") if added else "",
        "SOURCEURL": cluster.urls[0] if cluster.urls else "",
        "PloverType": cluster.type, "DatePrecision": cluster.date_precision or "", "Evidence": cluster.evidence,
        "Documents": ";".join(cluster.docs),
    }


def _write_parquet(store: Store, out: Path) -> int:
    if not out.parent.is_dir():
        raise ParameterError("--out", f"{out}: folder {out.parent} does not exist")
    return store.copy_events(out)
