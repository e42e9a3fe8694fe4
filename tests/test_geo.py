"""The places gazetteer's coordinates (data/coordinates.csv): complete, plausible, and matched to the
location strings the extractor writes."""

from __future__ import annotations

import csv
import math
from importlib import resources

import pytest

from blocwatch.analysis.geo import gazetteer_points, locate

pytestmark = pytest.mark.issue(13)

# Farther than this from its state's capital, a place's point is wrong (lat and lon swapped, a sign lost):
# the widest reach among the states with places is Kashgar from Beijing, some 3,400 km.
MAX_FROM_CAPITAL_KM = 3600


def _rows(name: str) -> list[dict]:
    return list(csv.DictReader(resources.files("blocwatch.data").joinpath(name).read_text("utf-8").splitlines()))


def _km(a, b) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def test_every_place_has_a_point_near_its_state_capital():
    points = gazetteer_points()
    capitals = {row["iso3"]: row["capitals"].split("|")[0] for row in _rows("countries.csv") if row["capitals"]}
    far = []
    for row in _rows("places.csv"):
        point = points[row["name"].casefold()]
        capital = points.get(capitals[row["code"]].casefold())
        assert capital is not None, f"no point for {capitals[row['code']]}, capital of {row['code']}"
        if _km(point, capital) > MAX_FROM_CAPITAL_KM:
            far.append(f"{row['name']} ({row['code']}): {_km(point, capital):.0f} km from {capital.place}")
    assert not far


def test_coordinate_rows_are_unique_and_every_alias_is_located():
    names = [row["name"] for row in _rows("coordinates.csv")]
    assert len(names) == len(set(names))
    for row in _rows("places.csv"):
        for alias in filter(None, row["aliases"].split("|")):
            assert locate(alias).place == row["name"]


@pytest.mark.parametrize(("written", "place"), [
    ("KAZAN", "Kazan"), ("NEW DELHI", "New Delhi"), ("Paktika province", "Paktika"), ("the city of Herat", "Herat"),
    ("Mazar-e-Sharif", "Mazar-i-Sharif"), ("Washington, D.C.", "Washington"), ("  Quetta ", "Quetta"),
])
def test_locate_reads_the_extractor_forms(written, place):
    assert locate(written).place == place


@pytest.mark.parametrize(("dateline", "place", "state"), [
    ("DUBAI", "Dubai", "ARE"), ("ISTANBUL", "Istanbul", "TUR"), ("TIANJIN", "Tianjin", "CHN"),
    ("JAMMU", "Jammu", "IND"), ("the Gaza Strip", "Gaza", "PSE"), ("Gaza City", "Gaza", "PSE"),
    ("Mir Ali", "Mir Ali", "PAK"), ("GENEVA", "Geneva", "CHE"), ("Calcutta", "Kolkata", "IND"),
])
def test_cities_of_news_datelines_are_placed_in_their_state(dateline, place, state):
    point = locate(dateline)
    assert point is not None and point.place == place
    capital = {row["iso3"]: row["capitals"].split("|")[0] for row in _rows("countries.csv")}[state]
    assert _km(point, locate(capital)) < MAX_FROM_CAPITAL_KM


@pytest.mark.parametrize("written", ["Central Asia", "the Gulf", "", None, "the Line of Control"])
def test_locate_leaves_what_it_cannot_place(written):
    assert locate(written) is None
