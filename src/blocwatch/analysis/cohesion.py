"""Bloc cohesion: event clusters among a group of actors -> how cooperative it is, where it frays,
whom it stands against, and a plain-language verdict with the evidence behind it, overall and per period.

Counts are of clusters (happenings) that were asserted, not negated, each weighing its confidence.
A conclusion is drawn only on enough evidence (`Thresholds`): a friction, a common adversary and the
verdict itself each say what they rest on, and "not enough evidence" where that is too thin.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

from blocwatch.analysis.checks import actor_code
from blocwatch.analysis.dyads import PERIODS, period_of
from blocwatch.analysis.evidence import ChangePoint, Evidence, Thresholds, change_points, count
from blocwatch.errors import ParameterError
from blocwatch.plover import COOPERATIVE_QUADS
from blocwatch.store import ContextTally, EvidenceTally, Store

# A bloc of 25 has 300 pairs to score; an open API must not let one request ask for every actor (232 codes,
# 26,796 pairs, seconds of CPU each time).
MAX_BLOC_MEMBERS = 25
_TOP_CONTEXTS = 3
# A group is a bloc when this share of its internal dealings (by weight) is cooperative, no pair has
# frictions, and it has a common adversary; cooperation is dominant from half.
_BLOC_SHARE = 0.7
_DOMINANT_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class MemberPair:
    """Two members of the group (`a` before `b` in the group's order), both directions together."""

    a: str
    b: str

    def to_json(self) -> dict[str, object]:
        return {"a": self.a, "b": self.b}


@dataclass(frozen=True, slots=True)
class PairCohesion(MemberPair):
    """Two members' dealings (both directions): the evidence on each side, the confidence-weighted net
    score, and the contexts that bind and divide them."""

    cooperation: Evidence
    conflict: Evidence
    net: float
    binding: tuple[str, ...] = ()
    dividing: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {**MemberPair.to_json(self), "cooperative": self.cooperation.happenings,
                "conflictual": self.conflict.happenings, "net": round(self.net, 2),
                "evidence": {"cooperative": self.cooperation.to_json(), "conflictual": self.conflict.to_json()},
                "contexts": {"binding": list(self.binding), "dividing": list(self.dividing)}}


@dataclass(frozen=True, slots=True)
class Adversary:
    """An outside actor that members act against: the conflictual evidence, and how many acts each member."""

    actor: str
    evidence: Evidence
    members: dict[str, int]

    def to_json(self) -> dict[str, object]:
        return {"actor": self.actor, "events": self.evidence.happenings, "members": self.members,
                "evidence": self.evidence.to_json()}


@dataclass(frozen=True, slots=True)
class Friction(MemberPair):
    """A pair of members whose conflictual dealings pass the friction threshold."""

    evidence: Evidence

    def to_json(self) -> dict[str, object]:
        return {**MemberPair.to_json(self), "events": self.evidence.happenings, "evidence": self.evidence.to_json()}


@dataclass(frozen=True, slots=True)
class Cohesion:
    """The group's dealings in one span: cohesion from -1 (all conflict) to 1 (all cooperation), weighted
    by confidence; the evidence on each side and in all; pairs, frictions, adversaries and the verdict."""

    period: str | None
    cohesion: float
    cooperation: Evidence
    conflict: Evidence
    inside: Evidence
    pairs: list[PairCohesion]
    frictions: list[Friction]
    common_adversaries: list[Adversary]
    verdict: str

    def to_json(self) -> dict[str, object]:
        return {"period": self.period, "cohesion": self.cohesion, "cooperative": self.cooperation.happenings,
                "conflictual": self.conflict.happenings, "evidence": {
                    "inside": self.inside.to_json(), "cooperative": self.cooperation.to_json(),
                    "conflictual": self.conflict.to_json()},
                "pairs": [p.to_json() for p in self.pairs],
                "frictions": [f.to_json() for f in self.frictions],
                "common_adversaries": [x.to_json() for x in self.common_adversaries], "verdict": self.verdict}


@dataclass(frozen=True, slots=True)
class PairTurn(MemberPair):
    """A pair's change point: the period its net score changes sign."""

    turn: ChangePoint

    def to_json(self) -> dict[str, object]:
        return {**MemberPair.to_json(self), **self.turn.to_json()}


@dataclass(frozen=True, slots=True)
class Bloc:
    """The cohesion of a group over the whole span, and per period with `by` (`turns`: where a pair's
    net score changed sign)."""

    members: list[str]
    overall: Cohesion
    thresholds: Thresholds
    by: str | None = None
    periods: list[Cohesion] = field(default_factory=list)
    turns: list[PairTurn] = field(default_factory=list)
    undated_left_out: int = 0  # undated happenings between members that `since`/`until` left out
    coarser_left_out: int = 0  # happenings between members known only to a span coarser than `by` (a year)

    @property
    def cohesion(self) -> float:
        return self.overall.cohesion

    @property
    def verdict(self) -> str:
        return self.overall.verdict

    @property
    def pairs(self) -> list[PairCohesion]:
        return self.overall.pairs

    @property
    def frictions(self) -> list[Friction]:
        return self.overall.frictions

    @property
    def common_adversaries(self) -> list[Adversary]:
        return self.overall.common_adversaries

    def to_json(self) -> dict[str, object]:
        overall = self.overall.to_json()
        del overall["period"]
        return {"members": self.members, **overall, "thresholds": self.thresholds.to_json(), "by": self.by,
                "periods": [p.to_json() for p in self.periods], "turns": [t.to_json() for t in self.turns],
                "undated_left_out": self.undated_left_out, "coarser_left_out": self.coarser_left_out}

    def rows(self) -> list[dict[str, object]]:
        """Per period with `by` (cohesion, evidence, frictions, adversaries); else one line per pair."""
        if self.by:
            return [{"period": p.period, "cohesion": p.cohesion, "happenings": p.inside.happenings,
                     "articles": p.inside.articles, "outlets": p.inside.outlets,
                     "cooperative": p.cooperation.happenings, "conflictual": p.conflict.happenings,
                     "frictions": ", ".join(f"{f.a}–{f.b}" for f in p.frictions),
                     "common adversaries": ", ".join(x.actor for x in p.common_adversaries),
                     "turns": ", ".join(f"{t.a}–{t.b} {t.turn.direction}" for t in self.turns
                                        if t.turn.period == p.period)} for p in self.periods]
        return [{"a": p.a, "b": p.b, "cooperative": p.cooperation.happenings, "conflictual": p.conflict.happenings,
                 "articles (cooperative / conflictual)": f"{p.cooperation.articles} / {p.conflict.articles}",
                 "net": round(p.net, 2),
                 "binding": ", ".join(p.binding), "dividing": ", ".join(p.dividing)} for p in self.pairs]


def bloc(store: Store, members: list[str], *, since: date | None = None, until: date | None = None,
         by: str | None = None, thresholds: Thresholds | None = None) -> Bloc:
    """Score how far `members` act as a bloc, overall and, with `by`, per period.

    Args:
        store: the database.
        members: two or more actor codes.
        since: count only events dated on or after this day (undated ones are then left out).
        until: count only events dated on or before this day (undated ones are then left out).
        by: "month", "quarter" or "year" to add the same figures per period; None: over the whole span.
        thresholds: the evidence frictions, adversaries and the verdict need (defaults: `Thresholds()`).

    Raises:
        ParameterError: fewer than two or more than MAX_BLOC_MEMBERS distinct members, an unknown actor code
            or an unknown period.
    """
    if by is not None and by not in PERIODS:
        raise ParameterError("--by", f"unknown period {by!r} (one of {', '.join(PERIODS)})")
    named = list(dict.fromkeys(code.strip().upper() for code in members))
    if len(named) > MAX_BLOC_MEMBERS:
        raise ParameterError("members", f"{len(named)} actors named; a bloc may have at most {MAX_BLOC_MEMBERS} "
                                        "(the pairs to score grow with the square of the members)")
    group = list(dict.fromkeys(actor_code(store, code, parameter="members") for code in named))
    if len(group) < 2:
        raise ParameterError("members", "name at least two different actors")
    rules = thresholds or Thresholds()
    contexts = _contexts(store.tally_contexts(group, targets=group, since=since))
    overall = _cohesion(None, group, store.tally_evidence(group, since=since, until=until), rules, contexts)
    left_out = store.count_undated(among=group, negated=False) if since or until else 0
    if by is None:
        return Bloc(group, overall, rules, undated_left_out=left_out)
    per_period: dict[date, list[EvidenceTally]] = defaultdict(list)
    placed = 0  # happenings inside the group in some period, or undated
    for tally in store.tally_evidence(group, by=by, since=since, until=until):
        placed += tally.happenings if tally.kind == "group" else 0
        if tally.period is not None:
            per_period[tally.period].append(tally)
    labels = {start: period_of(start, by) for start in sorted(per_period)}
    periods = [_cohesion(label, group, per_period[start], rules, {}) for start, label in labels.items()]
    turns = [PairTurn(a, b, turn) for a, b in combinations(group, 2)
             for turn in change_points([(label, next(x.net for x in p.pairs if (x.a, x.b) == (a, b)))
                                        for label, p in zip(labels.values(), periods, strict=True)])]
    turns.sort(key=lambda t: (t.turn.period, t.a, t.b))
    # The periods leave out only what is too coarse for them; the whole span counts it.
    coarser = overall.inside.happenings - placed
    return Bloc(group, overall, rules, by, periods, turns, left_out, coarser)


def _cohesion(period: str | None, group: list[str], tallies: list[EvidenceTally], rules: Thresholds,
              contexts: dict[tuple[frozenset[str], bool], list[str]]) -> Cohesion:
    """The group's figures in one span from its evidence tallies."""
    order = {member: n for n, member in enumerate(group)}
    pair_side: dict[tuple[frozenset[str], bool], EvidenceTally] = {}
    side: dict[bool, EvidenceTally] = {}
    inside = None
    outsiders: dict[str, EvidenceTally] = {}
    by_member: dict[str, dict[str, int]] = defaultdict(dict)
    for tally in tallies:
        # Which of a, b and cooperative a tally has depends on its kind (EvidenceTally says which).
        if tally.kind == "pair":
            assert tally.a is not None and tally.b is not None and tally.cooperative is not None
            pair_side[(frozenset((tally.a, tally.b)), tally.cooperative)] = tally
        elif tally.kind == "side":
            assert tally.cooperative is not None
            side[tally.cooperative] = tally
        elif tally.kind == "group":
            inside = tally
        elif tally.kind == "outsider":
            assert tally.a is not None
            outsiders[tally.a] = tally
        else:
            assert tally.a is not None and tally.b is not None
            by_member[tally.a][tally.b] = tally.happenings
    pairs = []
    for a, b in combinations(group, 2):
        key = frozenset((a, b))
        found = [pair_side.get((key, cooperative)) for cooperative in (True, False)]
        pairs.append(PairCohesion(a, b, Evidence.of(found[0]), Evidence.of(found[1]),
                                  sum(t.weighted_goldstein for t in found if t),
                                  tuple(contexts.get((key, True), [])[:_TOP_CONTEXTS]),
                                  tuple(contexts.get((key, False), [])[:_TOP_CONTEXTS])))
    frictions = [Friction(p.a, p.b, p.conflict) for p in pairs if rules.friction(p.conflict)]
    adversaries = sorted(
        (Adversary(actor, Evidence.of(tally), dict(sorted(by_member[actor].items(), key=lambda m: order[m[0]])))
         for actor, tally in outsiders.items() if len(by_member[actor]) >= rules.adversary_members),
        key=lambda x: (-len(x.members), -x.evidence.weight, x.actor))
    cooperation, conflict = Evidence.of(side.get(True)), Evidence.of(side.get(False))
    total = cooperation.weight + conflict.weight
    cohesion = round((cooperation.weight - conflict.weight) / total, 2) if total else 0.0
    evidence = Evidence.of(inside)
    return Cohesion(period, cohesion, cooperation, conflict, evidence, pairs, frictions, adversaries,
                    _verdict(cooperation, conflict, evidence, frictions, adversaries, rules))


def _contexts(tallies: list[ContextTally]) -> dict[tuple[frozenset[str], bool], list[str]]:
    """Per pair and side (cooperative or not), its contexts from the most to the least named; ties in
    the order they first appear when the clusters are read by date."""
    counts: dict[tuple[frozenset[str], bool, str], tuple[int, tuple[date, int, int]]] = {}
    for tally in tallies:
        key = (frozenset((tally.source, tally.target)), tally.quad in COOPERATIVE_QUADS, tally.context)
        clusters, first = counts.get(key, (0, tally.first))
        counts[key] = (clusters + tally.clusters, min(first, tally.first))
    ranked: dict[tuple[frozenset[str], bool], list[str]] = defaultdict(list)
    for (pair, cooperative, context), _ in sorted(counts.items(), key=lambda item: (-item[1][0], item[1][1])):
        ranked[(pair, cooperative)].append(context)
    return ranked


def _verdict(cooperation: Evidence, conflict: Evidence, inside: Evidence, frictions: list[Friction],
             adversaries: list[Adversary], rules: Thresholds) -> str:
    if not inside.happenings:
        return "no evidence: the store holds no events between members of the group"
    has = f"{inside.describe()}: {cooperation.happenings} cooperative, {conflict.happenings} conflictual"
    if inside.happenings < rules.verdict_happenings:
        return (f"not enough evidence: a verdict needs {rules.verdict_happenings} happenings inside the group, "
                f"and there are {has}")
    share = cooperation.weight / (cooperation.weight + conflict.weight)
    measured = f"{share:.0%} of the group's dealings are cooperative, weighed by confidence ({has})"
    strains = []
    if frictions:
        strains.append(f"{count(len(frictions), 'pair')} {'has' if len(frictions) == 1 else 'have'} frictions "
                       f"({', '.join(f'{f.a}–{f.b}' for f in frictions)})")
    names = ", ".join(x.actor for x in adversaries)
    if share >= _BLOC_SHARE and not frictions and adversaries:
        shared = count(len(adversaries), "common adversary")
        return f"a bloc: {measured}, no pair has frictions, and they share {shared} ({names})"
    if share >= _DOMINANT_SHARE:
        strains.append(f"only {count(len(adversaries), 'common adversary')} ({names})" if adversaries
                       else "no common adversary")
        return f"cooperation without a bloc: {measured}, but {' and '.join(strains)}"
    return f"a divided group: only {measured}" + (f"; {strains[0]}" if strains else "")
