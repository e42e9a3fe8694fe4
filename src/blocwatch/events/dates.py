"""When an event happened: a date expression of its sentence resolved against what the article tells about time.

An article's `Timeline` holds its publication date at the precision the page gives it (a day, a month
or a year) and the explicit dates its text names, captions included. A date expression is resolved
against both: "on July 18" in a July 2023 paper is 2023-07-18, "that year" is the year last named,
"on Friday" in a paper dated only by its month is the Friday the article itself names elsewhere, if
it names one; otherwise it is no more precise than the month. A date is never more precise than the
text and the publication date allow.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser

from blocwatch.precision import Published

__all__ = ["Timeline", "dateline_end", "resolve_date"]

_COARSENESS = {"day": 0, "published": 0, "week": 1, "month": 2, "year": 3}

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_LEAD = re.compile(r"^(?:(?:on|in|at|during|from|of|as of|between)\s+|(?:earlier|later|late|early|mid)(?:-|\s+))",
                   re.IGNORECASE)
# A date after these words bounds the event rather than dating it: "has kept its embassy open since 2021".
_BOUND = re.compile(r"^(?:since|until|till|before|after|by|through)\b", re.IGNORECASE)
# "the end of last year", "the middle of March": a part of a period is known only to that period.
_PART_OF = re.compile(r"^(?:the\s+)?(?:(?:very\s+)?(?:end|beginning|start|middle|close|turn|first half|second half"
                      r"|first quarter|last quarter|rest)\s+of\s+)", re.IGNORECASE)
_MONTH_LAST_YEAR = re.compile(rf"^({'|'.join(_MONTHS)})\s+(?:of\s+)?last\s+year$", re.IGNORECASE)
# "October 9 and 10", "9-10 May", "October 9 to 11": a span of days is dated by its first.
_DAY_SPAN = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|—|and|to|&)\s*\d{1,2}(?:st|nd|rd|th)?\b(?!\s*[:.]\d)")
# "that year", "the same month", "in December that year": the period the article last named.
_ANAPHORA = re.compile(rf"^(?:({'|'.join(_MONTHS)})\s+)?(?:of\s+)?(?:that|(?:the\s+)?same)\s+(day|month|year)$",
                       re.IGNORECASE)
_DURATION = re.compile(r"\b(?:years?|months?|weeks?|days?|decades?)\b(?!\s+ago)|\bcentur|\bera\b|-year|-month",
                       re.IGNORECASE)
_CALENDAR_WORD = re.compile(rf"\b(?:{'|'.join(_WEEKDAYS + _MONTHS)}|\d{{4}}|yesterday|today|tonight|ago|"
                            rf"last|this|week|month|year)\b|\b{_MONTH_WORD}(?=\s*\d)", re.IGNORECASE)
_VAGUE = frozenset({"the past year", "past year", "recent years", "the past few years"})
# Expressions whose day is counted from the publication day, so a month-precise paper cannot tell it.
_COUNTED_FROM_TODAY = re.compile(rf"\b(?:{'|'.join(_WEEKDAYS)}|yesterday|today|tonight|week|days?\s+ago)\b",
                                 re.IGNORECASE)
# Explicit dates in running text, captions and datelines: "March 22, 2024", "22 March 2024", "2024-03-22".
_FULL_DATE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH_WORD})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH_WORD}),?\s+(?P<y2>(?:19|20)\d\d)"
    r"|(?P<y3>(?:19|20)\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d))\b"
    rf"|\b(?P<m4>{_MONTH_WORD})\s+(?P<y4>(?:19|20)\d\d)\b"
    r"|\b(?:in|of|since|from|until|by)\s+(?P<y5>(?:19|20)\d\d)\b"
    # without a year, placed by the publication: "killed March 22 night", "on 4 January"
    rf"|\b(?P<m6>{_MONTH_WORD})\s+(?P<d6>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"|\b(?P<d7>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m7>{_MONTH_WORD})",
    re.IGNORECASE)
# A dateline opens an article with its own date ("KABUL, Dec 12 (Reuters) -", "date 2021-08-31"):
# the day the report was filed, not the day of what its first sentence reports.
_DATELINE = re.compile(
    rf"^(?:date\s+\d{{4}}-\d\d-\d\d\b|(?:[A-Z][A-Za-z.'-]+\s*){{1,3}},?\s+(?:{_MONTH_WORD}\s+\d{{1,2}}|\d{{1,2}}\s+"
    rf"{_MONTH_WORD})(?:,?\s+\d{{4}})?\s*(?:\([^)]{{1,40}}\))?\s*[-–—:])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Named:
    offset: int
    day: date
    precision: str


class Timeline:
    """What one article tells about time: its publication and the explicit dates its text names."""

    def __init__(self, text: str, published: Published | None):
        self.published = published
        named = (_named(match, published) for match in _FULL_DATE.finditer(text))
        self._named = [n for n in named if n is not None]
        self._offsets = [n.offset for n in self._named]

    def fallback(self) -> tuple[date, str] | None:
        """The date an event without its own date expression gets: the publication, at its precision."""
        if self.published is None:
            return None
        return self.published.day, "published" if self.published.precision == "day" else self.published.precision

    def latest_day(self) -> date | None:
        """The latest fully dated day the text names (a lower bound for when it was written)."""
        return max((n.day for n in self._named if n.precision == "day"), default=None)

    def resolve(self, expression: str, offset: int | None = None) -> tuple[date, str] | None:
        """Resolve a date expression ("on Monday", "in May last year", "March 3, 2024", "that year").

        Args:
            expression: the text of a DATE entity.
            offset: where it stands in the article's text; anaphora ("that year") look back from there.

        Returns:
            The first day of the period meant and its precision ("day", "week", "month", "year"),
            or None for bounds ("since 2021"), durations ("20 years"), vague spans and anything
            unresolvable.
        """
        text = expression.strip().strip(".,;")
        if _BOUND.match(text):
            return None
        text = re.sub(r"['’]s$", "", text)  # "Monday's attack"
        part = None
        while True:
            if match := _PART_OF.match(text):
                part, text = match.group(0), text[match.end():]
            elif match := _LEAD.match(text):
                text = text[match.end():]
            else:
                break
        lowered = _DAY_SPAN.sub(r"\1", text.lower().removeprefix("the "))
        if match := _ANAPHORA.match(lowered):
            found = self._anaphora(match.group(1), match.group(2), offset)
        else:
            found = self._resolve(lowered)
        if found and part and found[1] == "day":
            return None  # "the end of Monday" is no date; the end of a year is known to its year
        return found

    def _resolve(self, lowered: str) -> tuple[date, str] | None:
        if not _CALENDAR_WORD.search(lowered):
            return None
        if _DURATION.search(lowered) and not re.search(r"\b(last|this|next|past|ago)\b", lowered):
            return None
        if lowered in _VAGUE:
            return None
        published = self.published
        if published is None and not re.search(r"\d{4}", lowered):
            return None  # relative to an unknown day
        if published and published.precision != "day" and _COUNTED_FROM_TODAY.search(lowered) \
                and not re.search(rf"\d{{4}}|\b{_MONTH_WORD}\b", lowered):
            return self._counted_from_unknown_day(lowered)
        base = published.last if published else None
        if base and lowered in _WEEKDAYS and _WEEKDAYS.index(lowered) == base.weekday():
            return base, "day"  # "on Friday" in a Friday paper means that day
        match = _MONTH_LAST_YEAR.match(lowered)
        if match and base:
            return date(base.year - 1, _MONTHS.index(match.group(1).lower()) + 1, 1), "month"
        found = _parsed(lowered, base)
        return _first_day(*found) if found else None

    def _counted_from_unknown_day(self, lowered: str) -> tuple[date, str] | None:
        """A day counted from a publication known only to its month or year: the weekday the article
        names with a full date, if exactly one fits; else the publication period itself."""
        published = self.published
        assert published is not None
        if lowered in _WEEKDAYS:
            weekday = _WEEKDAYS.index(lowered)
            fits = {n.day for n in self._named if n.precision == "day" and n.day.weekday() == weekday
                    and published.day - timedelta(days=6) <= n.day <= published.last}
            if len(fits) == 1:
                return fits.pop(), "day"
        return published.day, published.precision

    def _anaphora(self, month: str | None, unit: str, offset: int | None) -> tuple[date, str] | None:
        """ "that year", "the same month", "in December that year": the period last named before `offset`."""
        end = bisect_left(self._offsets, offset) if offset is not None else len(self._named)
        for named in reversed(self._named[:end]):
            if month:
                return date(named.day.year, _MONTHS.index(month) + 1, 1), "month"
            wanted = {"day": 0, "month": 2, "year": 3}[unit]
            if _COARSENESS[named.precision] > wanted:
                continue  # "the same day" cannot point back to a year
            return _first_day(named.day, unit)
        return None


def resolve_date(expression: str, published: date | None) -> tuple[date, str] | None:
    """Resolve one expression against a day-precise publication date (see `Timeline.resolve`)."""
    return Timeline("", Published(published) if published else None).resolve(expression)


def dateline_end(sentence: str) -> int:
    """Where a dateline that opens `sentence` ends (0 when it has none)."""
    match = _DATELINE.match(sentence)
    return match.end() if match else 0


def _first_day(found: date, period: str) -> tuple[date, str]:
    if period == "month":
        return found.replace(day=1), "month"
    if period == "year":
        return found.replace(month=1, day=1), "year"
    if period == "week":
        monday = found - timedelta(days=found.weekday())
        sunday = monday + timedelta(days=6)
        if monday.month == sunday.month:  # a week inside one month is told as that month
            return monday.replace(day=1), "month"
        return monday, "week"
    return found, "day"


def _named(match: re.Match[str], published: Published | None) -> _Named | None:
    groups = match.groupdict()
    try:
        for n in "67":
            if groups[f"m{n}"]:
                if published is None:
                    return None
                month, day = _month_number(groups[f"m{n}"]), int(groups[f"d{n}"])
                year = published.last.year - (date(published.last.year, month, day) > published.last)
                return _Named(match.start(), date(year, month, day), "day")
        for n in "123":
            if groups[f"y{n}"]:
                written = groups[f"m{n}"]
                number = int(written) if written.isdigit() else _month_number(written)
                return _Named(match.start(), date(int(groups[f"y{n}"]), number, int(groups[f"d{n}"])), "day")
        if groups["y4"]:
            return _Named(match.start(), date(int(groups["y4"]), _month_number(groups["m4"]), 1), "month")
        return _Named(match.start(), date(int(groups["y5"]), 1, 1), "year")
    except ValueError:  # "February 30, 2024", or "May" where it is a name
        return None


def _month_number(word: str) -> int:
    key = word.lower().rstrip(".")[:3]
    for number, name in enumerate(_MONTHS, 1):
        if name.startswith(key):
            return number
    raise ValueError(word)


@lru_cache(maxsize=4096)
def _parsed(lowered: str, base: date | None) -> tuple[date, str] | None:
    """dateparser's reading of an expression against a day: the day and its period ("day", "month", ...).
    Kept, for a call tries dozens of locale patterns (about a millisecond) and news repeats its expressions."""
    data = _parser(base).get_date_data(lowered)
    return (data.date_obj.date(), data.period) if data.date_obj is not None else None


@lru_cache(maxsize=256)
def _parser(base: date | None) -> DateDataParser:
    settings: dict[str, str | datetime] = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"}
    if base:
        settings["RELATIVE_BASE"] = datetime.combine(base, datetime.min.time())
    return DateDataParser(languages=["en"], settings=settings)
