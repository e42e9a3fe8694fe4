"""The read-only JSON endpoints under /api: each parses its parameters, calls one analysis and renders it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query

from blocwatch.analysis import (
    actor_graph,
    bloc,
    find_events,
    list_documents,
    read_document,
    recognition,
    recognition_history,
    relations,
    summarise,
)
from blocwatch.analysis.checks import day, period
from blocwatch.analysis.clusters import EventListing
from blocwatch.analysis.cohesion import MAX_BLOC_MEMBERS
from blocwatch.analysis.evidence import DEFAULT_THRESHOLDS, Thresholds
from blocwatch.api import responses
from blocwatch.api.access import read_store
from blocwatch.api.schemas import ERROR_RESPONSES, ErrorBody
from blocwatch.errors import ParameterError
from blocwatch.store import Store

MAX_LIMIT = 500
DEFAULT_LIMIT = 50

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)

ReadStore = Annotated[Store, Depends(read_store)]


def confident_store(store: ReadStore, min_confidence: Annotated[float, Query(
        ge=0.0, le=1.0, description="Leave out happenings whose most confident report is less likely than this "
                                    "to be right, and recognition claims below it (0-1).")] = 0.0) -> Store:
    """FastAPI dependency: the request's store as the analyses see it with `min_confidence`."""
    return store.confident(min_confidence)


ConfidentStore = Annotated[Store, Depends(confident_store)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page (1-{MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=2**31 - 1, description="Items to skip.")]  # DuckDB offsets are 64-bit
_DAY = "YYYY, YYYY-MM or YYYY-MM-DD"
Since = Annotated[str | None, Query(description=f"First day counted ({_DAY}; a year or month: its first day). A date "
                                                "known only to its week, month or year counts when that span overlaps "
                                                "the bounds.")]
Until = Annotated[str | None, Query(description=f"Last day counted ({_DAY}; a year or month: its last day).")]
Undated = Annotated[bool, Query(description="Keep undated happenings within since/until too (left out by default, "
                                            "and counted in undated_left_out).")]


@router.get("/overview", response_model=responses.Overview)
def get_overview(store: ReadStore) -> dict[str, Any]:
    """Counts, every actor with its number of event clusters, and the first and last day of the clusters."""
    return summarise(store).to_json()


@router.get("/documents", response_model=responses.DocumentsPage)
def get_documents(store: ReadStore, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    """Stored documents in date order (undated last), without their text."""
    page = list_documents(store, limit=limit, offset=offset)
    return _page(page.total, limit, offset, [d.to_json() for d in page.documents])


@router.get("/documents/{doc:path}", response_model=responses.DocumentBody,
            responses={404: {"model": ErrorBody, "description": "No document with this id in the store."}})
def get_document(doc: str, store: ReadStore) -> dict[str, Any]:
    """One document's clean text and its events, each with the character offsets of its sentence."""
    view = read_document(store, doc)
    if view is None:
        raise HTTPException(404, f"no document {doc!r} in the store (list them at /api/documents)")
    return view.to_json()


@router.get("/events", response_model=responses.EventsPage)
def get_events(
    store: ConfidentStore,
    actor: Annotated[str | None, Query(description="An actor code, as source or target.")] = None,
    pair: Annotated[str | None, Query(description="Two actor codes, comma-separated (RUS,AFG), either way.")]
    = None,
    type: Annotated[str | None, Query(description="A PLOVER event type (e.g. ASSAULT).")] = None,
    since: Since = None,
    until: Until = None,
    undated: Undated = False,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Event clusters (one per happening) with their evidence and the documents reporting them, by date;
    `undated_left_out` counts the undated ones the date bounds leave out."""
    first, last = period(since, until, ("since", "until"))
    listing = find_events(store, actor=actor, pair=_pair(pair), type=type, since=first, until=last, undated=undated)
    return {**_page(len(listing.clusters), limit, offset,
                    EventListing(listing.clusters[offset:offset + limit]).to_json()),
            "undated_left_out": listing.undated_left_out}


@router.get("/relations/{x}/{y}", response_model=responses.Relations)
def get_relations(
    x: Annotated[str, Path(description="One actor code.")],
    y: Annotated[str, Path(description="The other actor code.")],
    store: ConfidentStore,
    by: Annotated[str, Query(description="Period: month, quarter or year.")] = "month",
    since: Since = None,
    until: Until = None,
) -> dict[str, Any]:
    """Counts per quad class and net cooperation score per period, in both directions."""
    first, last = period(since, until, ("since", "until"))
    return relations(store, x, y, by=by, since=first, until=last).to_json()


@router.get("/recognition/{target}", response_model=responses.Recognition)
def get_recognition(
    target: Annotated[str, Path(description="The recognised actor's code (e.g. AFG).")],
    store: ConfidentStore,
    as_of: Annotated[str | None, Query(description=f"Status as of this day ({_DAY}; a year or month: its last "
                                                   "day). A claim known only to its month or year counts once "
                                                   "that whole span is over by then; undated claims do not count, "
                                                   "unless `undated`.")] = None,
    undated: Annotated[bool, Query(description="With as_of, count undated claims too (left out by default, and "
                                               "counted in undated_left_out).")] = False,
) -> dict[str, Any]:
    """Each state's rung on the recognition ladder (formal, credentials, mission; else refuses or no evidence),
    the date reached, and every claim with what the ladder made of it."""
    return recognition(store, target, as_of=day(as_of, "as_of", end=True), undated=undated).to_json()


@router.get("/recognition/{target}/history", response_model=responses.RecognitionHistory)
def get_recognition_history(
    target: Annotated[str, Path(description="The recognised actor's code (e.g. AFG).")],
    store: ConfidentStore,
) -> dict[str, Any]:
    """Each state's status at every year's end, from the first to the last year holding a dated claim."""
    return recognition_history(store, target).to_json()


@router.get("/bloc", response_model=responses.Bloc)
def get_bloc(
    store: ConfidentStore,
    members: Annotated[str, Query(description=f"Two to {MAX_BLOC_MEMBERS} actor codes, comma-separated "
                                              "(CHN,RUS,IRN).")],
    since: Since = None,
    until: Until = None,
    by: Annotated[str | None, Query(description="Also per period: month, quarter or year.")] = None,
    min_friction_happenings: Annotated[int, Query(
        ge=1, description="A friction needs this many conflictual happenings ...")]
    = DEFAULT_THRESHOLDS.friction_happenings,
    min_friction_articles: Annotated[int, Query(ge=1, description="... in this many articles ...")]
    = DEFAULT_THRESHOLDS.friction_articles,
    min_friction_outlets: Annotated[int, Query(
        ge=1, description="... or one happening reported by this many outlets.")]
    = DEFAULT_THRESHOLDS.friction_outlets,
    min_adversary_members: Annotated[int, Query(
        ge=1, description="A common adversary needs acts from this many members.")]
    = DEFAULT_THRESHOLDS.adversary_members,
    min_happenings: Annotated[int, Query(ge=1, description="A verdict needs this many happenings inside the group.")]
    = DEFAULT_THRESHOLDS.verdict_happenings,
) -> dict[str, Any]:
    """How far the members act as a bloc: cohesion, pairs, frictions, common adversaries and a verdict, each with
    the evidence it rests on; with `by`, the same per period and the periods where a pair's net score turns."""
    thresholds = Thresholds(min_friction_happenings, min_friction_articles, min_friction_outlets,
                            min_adversary_members, min_happenings)
    first, last = period(since, until, ("since", "until"))
    return bloc(store, _codes(members), since=first, until=last, by=by, thresholds=thresholds).to_json()


@router.get("/graph", response_model=responses.Graph)
def get_graph(store: ConfidentStore, since: Since = None, until: Until = None,
              undated: Undated = False) -> dict[str, Any]:
    """The signed, weighted actor network: per directed edge, counts and the sum of Goldstein scores."""
    first, last = period(since, until, ("since", "until"))
    return actor_graph(store, since=first, until=last, undated=undated).to_json()


def _page(total: int, limit: int, offset: int, items: list[Any]) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def _codes(value: str) -> list[str]:
    return [code for code in (part.strip() for part in value.split(",")) if code]


def _pair(value: str | None) -> tuple[str, str] | None:
    if value is None:
        return None
    codes = _codes(value)
    if len(codes) != 2:
        raise ParameterError("pair", f"{value!r} is not two actor codes (expected two codes and a comma, e.g. RUS,AFG)")
    return codes[0], codes[1]
