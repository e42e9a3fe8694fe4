"""When a page was published, and how we know: given with it, its HTML metadata, its URL or its text.

Each source is tried in that order, and the first that tells wins; `date_source` records which
("given", "metadata", "url", "text"; "inferred" is set later, from the events an undated article
reports). A date is kept at the precision its source gives: "/2023/07/" in a URL is July 2023, not
the first of July.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

import dateparser
import htmldate

from blocwatch.model import Article, Event
from blocwatch.precision import Published

__all__ = ["SOURCES", "from_metadata", "from_url", "infer", "parse_given"]

SOURCES = ("given", "metadata", "url", "text", "inferred")

_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
# Path segments that carry a date: /2023/07/31/, /2023/07/, /20231230, /2023-07-31, /31-Jul-2023
_URL_FORMS = (
    re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>0[1-9]|1[0-2])/(?P<d>0[1-9]|[12]\d|3[01])(?=/|$)"),
    re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>0[1-9]|1[0-2])(?=/|$)"),
    re.compile(r"(?<![\d])(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\d])"),
    re.compile(r"/(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?=[/._-]|$)"),
    re.compile(r"/(?P<d>0?[1-9]|[12]\d|3[01])-(?P<mon>[A-Za-z]{3})[a-z]*-(?P<y>(?:19|20)\d\d)(?=/|$)"),
    re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<mon>[A-Za-z]{3})[a-z]*/(?P<d>0?[1-9]|[12]\d|3[01])(?=/|$)"),
)


def parse_given(value: str) -> Published | None:
    """A publication date given with the input: ISO 8601 at day, month or year precision
    ("2024-03-18", "2024-03", "2024"), or written out ("18 March 2024", "March 2024")."""
    found = Published.parse(value)
    if found:
        return found
    parsed = dateparser.parse(value, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first",
                                                                 "RETURN_AS_TIMEZONE_AWARE": False})
    if parsed is None:
        return None
    has_day = re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b(?!\d)", re.sub(r"\b\d{4}\b", "", value))
    return Published(parsed.date(), "day") if has_day else Published(parsed.date().replace(day=1), "month")


def from_metadata(html: str) -> Published | None:
    """The date a page's markup declares (meta tags, JSON-LD, <time>), read by htmldate without the
    URL and without guessing from the running text, so each source stays apart."""
    try:
        found = htmldate.find_date(html, extensive_search=False, original_date=True, url=None)
    except Exception:  # htmldate raises assorted lxml and value errors on hostile markup
        return None
    return Published.parse(found) if found else None


def from_url(url: str | None) -> Published | None:
    """The date in a URL's path, at the precision it gives ("/2023/07/" is a month)."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url.strip(), flags=re.IGNORECASE)
    for form in _URL_FORMS:
        match = form.search(path)
        if not match:
            continue
        parts = match.groupdict()
        month = int(parts["m"]) if parts.get("m") else _month(parts.get("mon") or "")
        if not month:
            continue
        try:
            day = date(int(parts["y"]), month, int(parts["d"]) if parts.get("d") else 1)
        except ValueError:
            continue
        if day > date.today():
            continue
        return Published(day, "day" if parts.get("d") else "month")
    return None


def _month(word: str) -> int:
    key = word[:3].lower()
    return _MONTHS.index(key) + 1 if key in _MONTHS else 0


def infer(article: Article, events: Sequence[Event]) -> Article:
    """An undated article dated by the latest day its events are fully dated to (no earlier than it
    can have been written); the article as it was when it has a date or no such event."""
    if article.date is not None:
        return article
    days = [date.fromisoformat(e.date) for e in events if e.date and e.date_precision == "day"]
    if not days:
        return article
    return replace(article, date=max(days), date_precision="day", date_source="inferred")
