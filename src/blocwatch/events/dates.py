"""When an event happened: a date expression of its sentence resolved against the publication date."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_LEAD = re.compile(r"^(?:(?:on|in|at|by|during|since|from|of|as of)\s+|(?:earlier|later|late|early|mid)(?:-|\s+))",
                   re.IGNORECASE)
_MONTH_LAST_YEAR = re.compile(rf"^({'|'.join(_MONTHS)})\s+(?:of\s+)?last\s+year$", re.IGNORECASE)
_DURATION = re.compile(r"\b(?:years?|months?|weeks?|days?|decades?)\b(?!\s+ago)|\bcentur|\bera\b|-year|-month",
                       re.IGNORECASE)
_CALENDAR_WORD = re.compile(rf"\b(?:{'|'.join(_WEEKDAYS + _MONTHS)}|\d{{4}}|yesterday|today|tonight|ago|"
                            r"last|this|week|month|year)\b", re.IGNORECASE)


def resolve_date(expression: str, published: date | None) -> tuple[date, str] | None:
    """Resolve a date expression ("on Monday", "in May last year", "March 3, 2024").

    Args:
        expression: the text of a DATE entity.
        published: the article's publication date; relative expressions need it.

    Returns:
        The first day of the period meant and its precision ("day", "week", "month", "year"),
        or None for durations ("20 years"), vague spans and anything unresolvable.
    """
    text = expression.strip().strip(".,;")
    while _LEAD.match(text):
        text = _LEAD.sub("", text, count=1)
    lowered = text.lower().removeprefix("the ")
    if not _CALENDAR_WORD.search(lowered):
        return None
    if _DURATION.search(lowered) and not re.search(r"\b(last|this|next|past|ago)\b", lowered):
        return None
    if lowered in ("the past year", "past year", "recent years", "the past few years"):
        return None
    if published is None and not re.search(r"\d{4}", lowered):
        return None  # relative to an unknown day
    if published and lowered in _WEEKDAYS and _WEEKDAYS.index(lowered) == published.weekday():
        return published, "day"  # "on Friday" in a Friday paper means that day
    match = _MONTH_LAST_YEAR.match(lowered)
    if match and published:
        return date(published.year - 1, _MONTHS.index(match.group(1).lower()) + 1, 1), "month"
    data = _parser(published).get_date_data(lowered)
    if data.date_obj is None:
        return None
    found = data.date_obj.date()
    if data.period == "month":
        found = found.replace(day=1)
    elif data.period == "year":
        found = found.replace(month=1, day=1)
    elif data.period == "week":
        found -= timedelta(days=found.weekday())
    return found, data.period


@lru_cache(maxsize=256)
def _parser(published: date | None) -> DateDataParser:
    settings = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"}
    if published:
        settings["RELATIVE_BASE"] = datetime.combine(published, datetime.min.time())
    return DateDataParser(languages=["en"], settings=settings)
