"""What a report says, gathered from a store (`build_report`): the recognition ladder as of a day and its
history, the bloc verdict with the evidence per year, the busiest pairs over time with their change points,
and, behind every claim, the sentences that carry it and the articles they come from."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from blocwatch.analysis import actor_graph, bloc, read_document, recognition, recognition_history, relations, summarise
from blocwatch.analysis.cohesion import Bloc
from blocwatch.analysis.corpus import CorpusOverview, DocumentSummary
from blocwatch.analysis.dyads import Relations, period_of
from blocwatch.analysis.evidence import Thresholds
from blocwatch.analysis.recognition import RecognitionHistory, RecognitionReport
from blocwatch.errors import ParameterError
from blocwatch.plover import CONFLICTUAL_QUADS
from blocwatch.store import EventCluster, Store

DEFAULT_MEMBERS = ("CHN", "RUS", "IRN", "PAK", "AFG")
_SENTENCES_PER_CLAIM = 6  # the most reported first; the rest are counted, not shown


@dataclass(frozen=True, slots=True)
class Backing:
    """The happenings behind one claim of the report, most reported first, and how many there are in all."""

    claim: str
    clusters: list[EventCluster]
    total: int


@dataclass(frozen=True, slots=True)
class Report:
    """Everything the page shows; `documents` are the articles its sentences cite, by id."""

    generated: date
    as_of: date
    overview: CorpusOverview
    ladder: RecognitionReport
    history: RecognitionHistory
    bloc: Bloc
    dyads: list[Relations]
    backing: list[Backing]
    documents: dict[str, DocumentSummary] = field(default_factory=dict)


def build_report(store: Store, *, target: str = "AFG", members: tuple[str, ...] | list[str] = DEFAULT_MEMBERS,
                 as_of: date | None = None, top: int = 4, thresholds: Thresholds | None = None) -> Report:
    """Gather a report on the store.

    Args:
        store: the database.
        target: whose recognition the ladder follows.
        members: the group whose cohesion the verdict judges.
        as_of: the day of the ladder; None: today.
        top: how many of the busiest pairs to plot over time.
        thresholds: the evidence the bloc's conclusions need.

    Raises:
        ParameterError: an unknown target or member, fewer than two members, or `top` below 1.
    """
    if top < 1:
        raise ParameterError("--top", f"plot at least one pair (got {top})")
    today = date.today()
    group = bloc(store, list(members), by="year", thresholds=thresholds)
    ladder = recognition(store, target, as_of=as_of or today)
    dyads = [relations(store, a, b, by="quarter") for a, b in _busiest_pairs(store, top)]
    backing = _bloc_backing(store, group) + _turn_backing(store, dyads)
    cited = {c.doc for s in ladder.statuses for c in (r.claim for r in s.claims)}
    cited |= {doc for b in backing for cluster in b.clusters for doc in cluster.docs}
    documents = {}
    for doc in sorted(cited):
        view = read_document(store, doc)
        if view is not None:
            documents[doc] = DocumentSummary(view.id, view.title, view.url, view.outlet, view.date,
                                             view.date_precision, view.date_source, len(view.events))
    return Report(today, as_of or today, summarise(store), ladder, recognition_history(store, target), group, dyads,
                  backing, documents)


def _busiest_pairs(store: Store, top: int) -> list[tuple[str, str]]:
    """The `top` pairs with the most happenings between them, both directions counted."""
    volume: dict[tuple[str, str], int] = defaultdict(int)
    for edge in actor_graph(store).edges:
        first, second = sorted((edge.source, edge.target))
        volume[first, second] += edge.events
    return [pair for pair, _ in sorted(volume.items(), key=lambda item: (-item[1], item[0]))[:top]]


def _bloc_backing(store: Store, group: Bloc) -> list[Backing]:
    """The conflictual happenings behind each friction and each common adversary."""
    backing = []
    for friction in group.frictions:
        found = _conflicts(store, friction.a, friction.b)
        backing.append(_backing(f"friction {friction.a}–{friction.b}", found))
    for adversary in group.common_adversaries:
        found = [c for member in adversary.members for c in _conflicts(store, member, adversary.actor)
                 if c.source == member]
        backing.append(_backing(f"common adversary {adversary.actor}", found))
    return backing


def _turn_backing(store: Store, dyads: list[Relations]) -> list[Backing]:
    """The happenings of the period where each plotted pair's net score turned."""
    backing = []
    for dyad in dyads:
        for turn in dyad.turns:
            found = [c for c in store.clusters(pair=(dyad.a, dyad.b), negated=False)
                     if c.day and period_of(c.day, dyad.by) == turn.period]
            backing.append(_backing(f"{dyad.a}–{dyad.b} turns {turn.direction} in {turn.period}", found))
    return backing


def _conflicts(store: Store, a: str, b: str) -> list[EventCluster]:
    return [c for c in store.clusters(pair=(a, b), negated=False) if c.quad in CONFLICTUAL_QUADS]


def _backing(claim: str, clusters: list[EventCluster]) -> Backing:
    ranked = sorted(clusters, key=lambda c: (-c.num_articles, c.day or date.max, c.id))
    return Backing(claim, ranked[:_SENTENCES_PER_CLAIM], len(clusters))
