"""The lookups the dashboard's filters, legend and map need: actors by name, the codebook, located places."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from blocwatch import web
from blocwatch.analysis.directory import actor_directory
from blocwatch.analysis.geo import Point, landmarks, locations
from blocwatch.api import responses
from blocwatch.api.access import read_store
from blocwatch.api.schemas import ERROR_RESPONSES
from blocwatch.plover import plover_types
from blocwatch.store import Store

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)

ReadStore = Annotated[Store, Depends(read_store)]


@router.get("/actors", response_model=responses.ActorDirectory)
def get_actors(
    store: ReadStore,
    q: Annotated[str | None, Query(description="A code or part of a name, any case (Taliban finds AFG); none "
                                               "lists the store's actors.")] = None,
) -> dict[str, Any]:
    """Actor codes with their names, number of happenings and first and last day, as `blocwatch actors`."""
    return actor_directory(store, q).to_json()


@router.get("/codebook", response_model=responses.Codebook)
def get_codebook() -> dict[str, Any]:
    """The PLOVER event types with their quad class and Goldstein-style score, as the analyses weigh them."""
    return {"types": [{"type": t.type, "quad": t.quad, "quad_name": t.quad_name, "goldstein": t.goldstein}
                      for t in plover_types().values()]}


@router.get("/locations", response_model=responses.Locations)
def get_locations(store: ReadStore) -> dict[str, Any]:
    """Each location the store's happenings name, with the gazetteer's point for it (null where it has none), and
    every point the gazetteer knows (`landmarks`, for bearings), and whether the server has country outlines
    to draw under them (`outlines`, at /static/world_110m.json)."""
    return {"locations": {name: _point(point) for name, point in locations(store).items()},
            "landmarks": [_point(point) for point in landmarks()], "outlines": web.OUTLINES.is_file()}


def _point(point: Point | None) -> dict[str, Any] | None:
    return None if point is None else {"place": point.place, "lat": point.lat, "lon": point.lon}
