"""Dates known to a precision: a day, an ISO week, a month or a year, never shown finer than known.

A coarse date is kept as the first day of its period with its precision beside it, and written as
"2024-01-05", "2024-W01", "2024-01" or "2024". "published" marks a publication day standing in for an
event's own date: as precise as a day, but only the latest the event can have happened.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import overload

__all__ = ["PRECISIONS", "Published", "format_date", "period_end", "period_middle"]

# From the most to the least precise.
PRECISIONS = ("day", "published", "week", "month", "year")


@dataclass(frozen=True, slots=True)
class Published:
    """When an article appeared, as precisely as its page tells: the first day of a day, month or year."""

    day: date
    precision: str = "day"

    @property
    def last(self) -> date:
        """The last day the article may have appeared on."""
        return period_end(self.day, self.precision)

    @classmethod
    def parse(cls, value: str) -> Published | None:
        """"2024-03-18", "2024-03" or "2024" (ISO 8601 at any of these precisions); None otherwise."""
        text = value.strip()
        try:
            if re.fullmatch(r"\d{4}", text):
                return cls(date(int(text), 1, 1), "year")
            if re.fullmatch(r"\d{4}-\d\d", text):
                return cls(date(int(text[:4]), int(text[5:]), 1), "month")
            return cls(date.fromisoformat(text[:10]), "day")
        except ValueError:
            return None


@overload
def format_date(day: date, precision: str | None) -> str: ...
@overload
def format_date(day: None, precision: str | None) -> None: ...
@overload
def format_date(day: date | None, precision: str | None) -> str | None: ...
def format_date(day: date | None, precision: str | None) -> str | None:
    """A date as precisely as it is known: "2024-01-05", "2024-W01", "2024-01" or "2024"."""
    if day is None:
        return None
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if precision == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return day.isoformat()


def period_end(day: date, precision: str | None) -> date:
    """The last day of the period that `day` (its first day) stands for at `precision`."""
    if precision == "year":
        return date(day.year, 12, 31)
    if precision == "month":
        return day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if precision == "week":
        return day + timedelta(days=6)
    return day


def period_middle(day: date, precision: str | None) -> date:
    """The middle day of that period: where a plot places a date known only to its month or year."""
    return day + (period_end(day, precision) - day) // 2
