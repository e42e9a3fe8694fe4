"""Checks of what a user names in an analysis: actor codes, event types and days, with one-line errors."""

from __future__ import annotations

import calendar
from datetime import date

from blocwatch.analysis.directory import nearest_codes
from blocwatch.errors import ParameterError
from blocwatch.plover import plover_types
from blocwatch.store import Store


def actor_code(store: Store, code: str, *, parameter: str) -> str:
    """The actor code `code` in upper case, once known to the store or the gazetteer.

    Args:
        store: the database, whose events name the actors most queries are about.
        code: what the user typed ("afg" is taken as AFG).
        parameter: the parameter to name in the error.

    Raises:
        ParameterError: the code is neither in the store nor in the gazetteer.
    """
    normal = code.strip().upper()
    if store.has_actor(normal):
        return normal
    # Loaded only when the store does not know the code: the gazetteer module imports spaCy.
    from blocwatch.actors import load_gazetteer

    if normal not in load_gazetteer().codes:
        nearest = nearest_codes(store, code)
        hint = f"did you mean {', '.join(nearest)}?" if nearest else "expected a code such as AFG, RUS, ISKP"
        raise ParameterError(parameter, f"unknown actor code {code!r} ({hint} `blocwatch actors QUERY` "
                                        "finds codes by name)")
    return normal


def event_type(name: str) -> str:
    """The PLOVER type `name` in upper case.

    Raises:
        ParameterError: `name` is not one of the 16 PLOVER types.
    """
    normal = name.strip().upper()
    if normal not in plover_types():
        raise ParameterError("--type", f"unknown event type {name!r} (one of {', '.join(plover_types())})")
    return normal


# The days a query may name. The news read is from this century; the bounds keep date arithmetic (a
# period's end, a month's length) away from the ends of the calendar, where it overflows.
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2100, 12, 31)


def day(value: str | None, parameter: str, *, end: bool = False) -> date | None:
    """Parse YYYY, YYYY-MM or YYYY-MM-DD; a year or month means its first day, or its last with `end`.

    Args:
        value: what the user typed; None passes through.
        parameter: the parameter to name in the error.
        end: read a year or month as its last day (for inclusive upper bounds).

    Raises:
        ParameterError: `value` is not one of those forms, not a real day, or outside EARLIEST_DAY to
            LATEST_DAY.
    """
    if value is None:
        return None
    parsed = _parse_day(value, parameter, end=end)
    if not EARLIEST_DAY <= parsed <= LATEST_DAY:
        raise ParameterError(parameter, f"{value!r} is outside the days that can be asked for "
                                        f"({EARLIEST_DAY.year} to {LATEST_DAY.year})")
    return parsed


def period(since: str | None, until: str | None, names: tuple[str, str]) -> tuple[date | None, date | None]:
    """Parse a period's first and last day (each as `day` does; a year or month as `until` means its end).

    Args:
        since, until: what the user typed, or None for an open end.
        names: the two parameters' names, for the errors.

    Raises:
        ParameterError: a day is malformed or out of range, or the period ends before it begins.
    """
    first, last = day(since, names[0]), day(until, names[1], end=True)
    if first is not None and last is not None and last < first:
        raise ParameterError(names[1], f"{last.isoformat()} is before {names[0]} ({first.isoformat()}): "
                                       "the period would be empty")
    return first, last


def _parse_day(value: str, parameter: str, *, end: bool) -> date:
    parts = value.strip().split("-")
    try:
        if len(parts) == 3:
            return date.fromisoformat(value.strip())
        year = int(parts[0])
        if len(parts) == 2:
            month = int(parts[1])
            return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        if len(parts) == 1 and len(parts[0]) == 4:
            return date(year, 12, 31) if end else date(year, 1, 1)
    except ValueError:
        pass
    raise ParameterError(parameter, f"{value!r} is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)")
