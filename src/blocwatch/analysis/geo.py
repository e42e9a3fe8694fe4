"""Where happenings took place: a cluster's location, as the extractor wrote it ("KAZAN", "Paktika province",
"the Helmand River"), matched to the places gazetteer and the capitals of states, with their coordinates
from data/coordinates.csv (the one place they live). The dashboard's map draws what this locates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from blocwatch.errors import DataError
from blocwatch.packaged import packaged_rows
from blocwatch.store import Store

# Words around a place's name that do not change where it is ("Paktika province", "the city of Herat").
_AROUND = re.compile(r"^(?:the\s+)?(?:(?:city|province|district|region|town|village) of\s+)?|"
                     r"\s+(?:province|district|region|city|valley)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Point:
    """A named place on the map."""

    place: str
    lat: float
    lon: float


@cache
def gazetteer_points() -> dict[str, Point]:
    """Every name and alias of a located place or capital, folded to lower case, with its point.

    Raises:
        DataError: coordinates.csv names something that is neither a place nor a capital, gives a latitude or
            longitude out of range, or leaves a place of places.csv without coordinates.
    """
    names: dict[str, list[str]] = {}
    for row in _rows("places.csv"):
        names[row["name"]] = [row["name"], *_split(row["aliases"])]
    for row in _rows("countries.csv"):
        capitals = _split(row["capitals"])
        for capital in capitals:
            names.setdefault(capitals[0], [])
            names[capitals[0]].append(capital)
    points: dict[str, Point] = {}
    located = set()
    for number, row in packaged_rows("coordinates.csv", ("name", "lat", "lon")):
        name = row["name"]
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except ValueError:
            raise DataError(f"coordinates.csv line {number}: {name}: lat and lon must be numbers") from None
        if name not in names:
            raise DataError(f"coordinates.csv line {number}: {name!r} is neither in places.csv nor a capital")
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise DataError(f"coordinates.csv line {number}: {name}: ({lat}, {lon}) is not on the globe")
        located.add(name)
        for alias in names[name]:
            points[alias.casefold()] = Point(name, lat, lon)
    missing = [row["name"] for row in _rows("places.csv") if row["name"] not in located]
    if missing:
        raise DataError(f"coordinates.csv lacks places of places.csv: {', '.join(missing)}")
    return points


def locate(location: str | None) -> Point | None:
    """The point of a cluster's location, or None when the gazetteer does not place it."""
    if not location:
        return None
    points = gazetteer_points()
    name = " ".join(location.split()).casefold()
    return points.get(name) or points.get(_AROUND.sub("", name))


def landmarks() -> list[Point]:
    """Every located place and capital once, for bearings on a map."""
    return sorted(set(gazetteer_points().values()), key=lambda point: point.place)


def locations(store: Store) -> dict[str, Point | None]:
    """Each distinct location of the store's happenings, with its point where the gazetteer has one."""
    return {location: locate(location) for location in store.cluster_locations()}


def _rows(name: str) -> list[dict[str, str]]:
    return [row for _, row in packaged_rows(name)]


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split("|") if part.strip()]
