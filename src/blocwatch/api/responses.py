"""Response bodies of the JSON endpoints, as pydantic models. FastAPI checks every answer against its
model (a key too many or too few is a server error, not a silent change), and /openapi.json publishes
them, so the schema check (tests/api/test_api_schema.py) catches a wrong shape."""

from __future__ import annotations

import dataclasses
from typing import Any, get_type_hints

from pydantic import BaseModel, ConfigDict, Field, create_model

from blocwatch.analysis.graph import GraphEdge
from blocwatch.analysis.recognition import RecognitionClaim
from blocwatch.model import Event
from blocwatch.plover import plover_types
from blocwatch.store import EventCluster


class Body(BaseModel):
    """A response body: exactly these keys."""

    model_config = ConfigDict(extra="forbid")


_AT_PRECISION = Field(description="A day cut to the cluster's date precision ('2022-08' for a month).")


def mirror(name: str, source: type, doc: str, *, skip: tuple[str, ...] = (), **fields: Any) -> type[Body]:
    """A body with the fields (and types) of the dataclass `source`, but those in `skip`; `fields` add or replace."""
    hints = get_type_hints(source)
    own = {f.name: (hints[f.name], ...) for f in dataclasses.fields(source) if f.name not in skip}
    return create_model(name, __base__=Body, __doc__=doc, **{**own, **fields})


class ActorCount(Body):
    id: str = Field(description="Actor code.")
    clusters: int = Field(description="Event clusters naming the actor, as source or target.")


class Overview(Body):
    """Counts, every actor with its number of event clusters, and the clusters' first and last day."""

    documents: int
    events: int
    clusters: int
    actors: list[ActorCount]
    first_day: str | None
    last_day: str | None
    clusters_stale: bool = Field(description="Documents were written after the clusters were built.")


class DocumentItem(Body):
    id: str
    title: str | None
    url: str | None
    outlet: str | None
    date: str | None = Field(description="The publication date at its precision (2024-01-05, 2024-01 or 2024).")
    date_precision: str | None = Field(description="day, month or year.")
    date_source: str | None = Field(description="Where the date was found: given, metadata, url, text or inferred.")
    events: int


EventBody = mirror("EventBody", Event, "One coded event, in the event contract's field order.")


class DocumentBody(Body):
    id: str
    title: str | None
    url: str | None
    outlet: str | None
    date_precision: str | None
    date_source: str | None
    language: str | None
    text: str
    date: str | None
    events: list[EventBody]  # type: ignore[valid-type]  # built by mirror()


ClusterBody = mirror("ClusterBody", EventCluster, "One happening, with the documents, outlets and URLs reporting it.",
                     skip=("day", "doc", "events"), first_date=(str | None, _AT_PRECISION),
                     last_date=(str | None, _AT_PRECISION))


class DocumentsPage(Body):
    total: int
    limit: int
    offset: int
    items: list[DocumentItem]


class EventsPage(Body):
    total: int
    limit: int
    offset: int
    items: list[ClusterBody]  # type: ignore[valid-type]  # built by mirror()
    undated_left_out: int = Field(description="Undated happenings matching the other filters that since/until "
                                              "left out (0 with undated=true).")


class Evidence(Body):
    """Happenings, the distinct articles and outlets reporting them, their summed confidence, and the most
    outlets behind any one of them."""

    happenings: int
    articles: int
    outlets: int
    weight: float
    widest: int


class ChangePoint(Body):
    period: str
    previous: str
    before: float
    after: float
    direction: str


def _period_relation() -> type[Body]:
    # One count per quad class, named as data/plover_types.csv names the classes.
    quads: dict[str, Any] = {t.quad_name.replace(" ", "_"): (int, ...) for t in plover_types().values()}
    return create_model("PeriodRelation", __base__=Body, __doc__="One direction's counts and net score in a period.",
                        period=(str, ...), source=(str, ...), target=(str, ...), **quads, events=(int, ...),
                        net=(float, ...))


PeriodRelation = _period_relation()


class PairPeriod(Evidence):
    period: str
    net: float


class Relations(Body):
    a: str
    b: str
    by: str
    periods: list[PeriodRelation]  # type: ignore[valid-type]
    undated: int = Field(description="Clusters between the two with no date, which fit no period.")
    series: list[PairPeriod]
    turns: list[ChangePoint]
    coarser: list[PeriodRelation] = Field(  # type: ignore[valid-type]
        description="Happenings known only to a period coarser than `by` (their year), per year: in no period.")


class ClaimBy(Body):
    doc: str
    date: str


Claim = mirror("Claim", RecognitionClaim, "A claim of recognition and what the ladder made of it.",
               date=(str, Field(description="The claim's date cut to its precision, or 'undated'.")),
               role=(str, ...), reason=(str, ...), by=(ClaimBy | None, ...))


class RecognitionStatus(Body):
    actor: str
    status: str
    level: str | None
    reached: str | None
    precision: str | None
    refuses: list[str]
    claims: list[Claim]  # type: ignore[valid-type]  # built by mirror()


class Recognition(Body):
    target: str
    as_of: str | None
    statuses: list[RecognitionStatus]
    undated_left_out: int = Field(description="Undated claims that as_of left out (undated=true counts them).")


class HistoryRow(Body):
    actor: str
    by_year: dict[str, str]
    all_claims: str


class RecognitionHistory(Body):
    target: str
    years: list[int]
    statuses: list[HistoryRow]


class PairContexts(Body):
    binding: list[str]
    dividing: list[str]


class PairSides(Body):
    cooperative: Evidence
    conflictual: Evidence


class Pair(Body):
    a: str
    b: str
    cooperative: int
    conflictual: int
    net: float
    evidence: PairSides
    contexts: PairContexts


class Friction(Body):
    a: str
    b: str
    events: int
    evidence: Evidence


class Adversary(Body):
    actor: str
    events: int
    members: dict[str, int]
    evidence: Evidence


class GroupSides(Body):
    inside: Evidence
    cooperative: Evidence
    conflictual: Evidence


class Cohesion(Body):
    """A group's dealings in one span: cohesion, the evidence on each side, pairs, frictions, adversaries, verdict."""

    cohesion: float
    cooperative: int
    conflictual: int
    evidence: GroupSides
    pairs: list[Pair]
    frictions: list[Friction]
    common_adversaries: list[Adversary]
    verdict: str


class BlocPeriod(Cohesion):
    period: str


class Thresholds(Body):
    friction_happenings: int
    friction_articles: int
    friction_outlets: int
    adversary_members: int
    verdict_happenings: int


class PairTurn(ChangePoint):
    a: str
    b: str


class Bloc(Cohesion):
    members: list[str]
    thresholds: Thresholds
    by: str | None
    periods: list[BlocPeriod]
    turns: list[PairTurn]
    undated_left_out: int = Field(description="Undated happenings between members that since/until left out "
                                              "(they count over the whole span, with neither).")
    coarser_left_out: int = Field(description="Happenings between members known only to their year, which no "
                                              "month or quarter of `by` holds (they count over the whole span).")


class Node(Body):
    id: str
    events: int


Edge = mirror("Edge", GraphEdge, "What one actor did to another: counts, summed Goldstein score and its sign.")


class Graph(Body):
    nodes: list[Node]
    edges: list[Edge]  # type: ignore[valid-type]  # built by mirror()
    undated_left_out: int = Field(description="Undated happenings that since/until left out (0 with undated=true).")


class IngestProblem(Body):
    document: str | None = Field(description="The document's id, when the problem concerns one.")
    reason: str
    failed: bool


class Ingested(Body):
    documents: int
    events: int
    unchanged: int
    undated: int = Field(description="Documents stored without a publication date.")
    skipped: int
    failed: int
    problems: list[IngestProblem]


class ActorEntry(Body):
    code: str
    name: str | None
    matched: list[str] = Field(description="The names that matched the query.")
    happenings: int
    first_day: str | None
    last_day: str | None


class ActorDirectory(Body):
    query: str | None
    actors: list[ActorEntry]


class PloverType(Body):
    type: str
    quad: int
    quad_name: str
    goldstein: float


class Codebook(Body):
    types: list[PloverType]


class Point(Body):
    place: str
    lat: float
    lon: float


class Locations(Body):
    locations: dict[str, Point | None]
    landmarks: list[Point]
    outlines: bool
