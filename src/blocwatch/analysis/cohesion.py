"""Bloc cohesion: event clusters among a group of actors -> how cooperative it is, where it frays,
whom it stands against, and a plain-language verdict with the numbers behind it.

Counts are of clusters (happenings) that were asserted, not negated.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from blocwatch.analysis.checks import actor_code
from blocwatch.errors import ParameterError
from blocwatch.plover import COOPERATIVE_QUADS
from blocwatch.store import ContextTally, Store

_TOP_CONTEXTS = 3
# A group is a bloc when this share of its internal dealings is cooperative, no pair is in conflict,
# and it has at least one common adversary; cooperation is dominant from half.
_BLOC_SHARE = 0.7
_DOMINANT_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class PairCohesion:
    """Two members' dealings (both directions) and the contexts that bind and divide them."""

    a: str
    b: str
    cooperative: int
    conflictual: int
    net: float
    binding: tuple[str, ...]
    dividing: tuple[str, ...]

    def to_json(self) -> dict:
        return {"a": self.a, "b": self.b, "cooperative": self.cooperative, "conflictual": self.conflictual,
                "net": round(self.net, 2), "contexts": {"binding": list(self.binding),
                                                        "dividing": list(self.dividing)}}


@dataclass(frozen=True, slots=True)
class Adversary:
    """An outside actor that members act against: `events` conflictual events by `members`."""

    actor: str
    events: int
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Friction:
    """A pair of members with `events` conflictual events between them."""

    a: str
    b: str
    events: int


@dataclass(frozen=True, slots=True)
class Bloc:
    """The cohesion of a group; `cohesion` runs from -1 (all conflict) to 1 (all cooperation)."""

    members: list[str]
    cohesion: float
    cooperative: int
    conflictual: int
    pairs: list[PairCohesion]
    common_adversaries: list[Adversary]
    frictions: list[Friction]
    verdict: str

    def to_json(self) -> dict:
        return {"members": self.members, "cohesion": self.cohesion, "pairs": [p.to_json() for p in self.pairs],
                "common_adversaries": [{"actor": x.actor, "events": x.events} for x in self.common_adversaries],
                "frictions": [{"a": f.a, "b": f.b, "events": f.events} for f in self.frictions],
                "verdict": self.verdict}

    def rows(self) -> list[dict]:
        return [{"a": p.a, "b": p.b, "cooperative": p.cooperative, "conflictual": p.conflictual,
                 "net": round(p.net, 2), "binding": ", ".join(p.binding), "dividing": ", ".join(p.dividing)}
                for p in self.pairs]


def bloc(store: Store, members: list[str], *, since: date | None = None) -> Bloc:
    """Score how far `members` act as a bloc.

    Args:
        store: the database.
        members: two or more actor codes.
        since: count only events dated on or after this day (undated ones are then left out).

    Raises:
        ParameterError: fewer than two distinct members, or an unknown actor code.
    """
    group = list(dict.fromkeys(actor_code(store, code, parameter="members") for code in members))
    if len(group) < 2:
        raise ParameterError("members", "name at least two different actors")
    inside = set(group)
    pair_quads: dict[frozenset, Counter] = defaultdict(Counter)
    pair_net: dict[frozenset, float] = defaultdict(float)
    against: dict[str, Counter] = defaultdict(Counter)
    # Counted in the database: the members may have millions of clusters between them in a large store.
    for tally in store.tally_clusters(group, since=since):
        cooperative = tally.quad in COOPERATIVE_QUADS
        if tally.target in inside:
            key = frozenset((tally.source, tally.target))
            pair_quads[key][cooperative] += tally.clusters
            pair_net[key] += tally.goldstein
        elif not cooperative:
            against[tally.target][tally.source] += tally.clusters
    pair_contexts = _contexts(store.tally_contexts(group, targets=group, since=since))
    pairs = []
    for a, b in combinations(group, 2):
        key = frozenset((a, b))
        pairs.append(PairCohesion(
            a, b, pair_quads[key][True], pair_quads[key][False], pair_net[key],
            tuple(pair_contexts[(key, True)][:_TOP_CONTEXTS]), tuple(pair_contexts[(key, False)][:_TOP_CONTEXTS])))
    adversaries = sorted(
        (Adversary(actor, sum(by.values()), tuple(sorted(by))) for actor, by in against.items()
         if len(by) >= 2 or sum(by.values()) >= 2),
        key=lambda x: (-len(x.members), -x.events, x.actor))
    frictions = [Friction(p.a, p.b, p.conflictual) for p in pairs if p.conflictual]
    cooperative = sum(p.cooperative for p in pairs)
    conflictual = sum(p.conflictual for p in pairs)
    total = cooperative + conflictual
    cohesion = round((cooperative - conflictual) / total, 2) if total else 0.0
    return Bloc(group, cohesion, cooperative, conflictual, pairs, adversaries, frictions,
                _verdict(cooperative, total, frictions, adversaries))


def _contexts(tallies: list[ContextTally]) -> dict[tuple[frozenset, bool], list[str]]:
    """Per pair and side (cooperative or not), its contexts from the most to the least named; ties in
    the order they first appear when the clusters are read by date."""
    counts: dict[tuple[frozenset, bool, str], list] = {}
    for tally in tallies:
        key = (frozenset((tally.source, tally.target)), tally.quad in COOPERATIVE_QUADS, tally.context)
        entry = counts.setdefault(key, [0, tally.first])
        entry[0] += tally.clusters
        entry[1] = min(entry[1], tally.first)
    ranked: dict[tuple[frozenset, bool], list[str]] = defaultdict(list)
    for (pair, cooperative, context), _ in sorted(counts.items(), key=lambda item: (-item[1][0], item[1][1])):
        ranked[(pair, cooperative)].append(context)
    return ranked


def _verdict(cooperative: int, total: int, frictions: list[Friction], adversaries: list[Adversary]) -> str:
    if not total:
        return "no evidence: the store holds no events between members of the group"
    share = cooperative / total
    measured = f"{share:.0%} of {total} events inside the group are cooperative"
    strains = []
    if frictions:
        strains.append(f"{_count(len(frictions), 'pair')} {'has' if len(frictions) == 1 else 'have'} frictions "
                       f"({', '.join(f'{f.a}–{f.b}' for f in frictions)})")
    names = ", ".join(x.actor for x in adversaries)
    if share >= _BLOC_SHARE and not frictions and adversaries:
        shared = _count(len(adversaries), "common adversary")
        return f"a bloc: {measured}, no pair has frictions, and they share {shared} ({names})"
    if share >= _DOMINANT_SHARE:
        strains.append(f"only {_count(len(adversaries), 'common adversary')} ({names})" if adversaries
                       else "no common adversary")
        return f"cooperation without a bloc: {measured}, but {' and '.join(strains)}"
    return f"a divided group: only {measured}" + (f"; {strains[0]}" if strains else "")


def _count(number: int, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{number} {noun if number == 1 else plural}"
