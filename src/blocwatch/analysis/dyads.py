"""Relations between two actors: event clusters of the pair -> counts per quad and net score per period.

Counts are of clusters (happenings), not of articles, so a bombing reported ten times counts once;
negated events did not happen and are left out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from blocwatch.analysis.checks import actor_code
from blocwatch.analysis.evidence import ChangePoint, Evidence, change_points
from blocwatch.errors import ParameterError
from blocwatch.plover import plover_types
from blocwatch.store import Store

PERIODS = ("month", "quarter", "year")


@dataclass(frozen=True, slots=True)
class PeriodRelation:
    """What `source` did to `target` in one period: events per quad (1-4) and the sum of their scores."""

    period: str
    source: str
    target: str
    quads: tuple[int, int, int, int]
    net: float

    def to_json(self) -> dict[str, object]:
        return {"period": self.period, "source": self.source, "target": self.target,
                **dict(zip(_quad_keys(), self.quads, strict=True)), "events": sum(self.quads),
                "net": round(self.net, 2)}


@dataclass(frozen=True, slots=True)
class PairPeriod:
    """The pair's dealings in one period, both directions together: the evidence (happenings, articles,
    outlets, confidence) and the net score with each happening weighed by its confidence."""

    period: str
    evidence: Evidence
    net: float

    def to_json(self) -> dict[str, object]:
        return {"period": self.period, "net": round(self.net, 2), **self.evidence.to_json()}


@dataclass(frozen=True, slots=True)
class Relations:
    """Both directions of a pair's dealings, period by period; `undated` clusters fit no period. `series`
    holds both directions together with their evidence, and `turns` the periods where its confidence-weighted
    net score changes sign (as `bloc --by` marks them). `coarser`: happenings known only to a period coarser
    than `by` (their year, when counting by month or quarter), per year; no `by` period holds them, and
    `series` leaves them out."""

    a: str
    b: str
    by: str
    periods: list[PeriodRelation]
    undated: int
    series: list[PairPeriod] = field(default_factory=list)
    turns: list[ChangePoint] = field(default_factory=list)
    coarser: list[PeriodRelation] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"a": self.a, "b": self.b, "by": self.by, "periods": [p.to_json() for p in self.periods],
                "undated": self.undated, "series": [p.to_json() for p in self.series],
                "turns": [t.to_json() for t in self.turns], "coarser": [p.to_json() for p in self.coarser]}

    def rows(self) -> list[dict[str, object]]:
        return [p.to_json() for p in self.periods]


def relations(
    store: Store, a: str, b: str, *, by: str = "month", since: date | None = None, until: date | None = None
) -> Relations:
    """Counts per quad class and net cooperation score (sum of Goldstein scores) per period, both ways.

    Args:
        store: the database.
        a: one actor code.
        b: the other actor code.
        by: "month", "quarter" or "year".
        since: first day counted (inclusive).
        until: last day counted (inclusive).

    Raises:
        ParameterError: an unknown actor code, the same actor twice, or an unknown period.
    """
    if by not in PERIODS:
        raise ParameterError("--by", f"unknown period {by!r} (one of {', '.join(PERIODS)})")
    a, b = actor_code(store, a, parameter="X"), actor_code(store, b, parameter="Y")
    if a == b:
        raise ParameterError("X Y", f"name two different actors (got {a} twice)")
    # Keyed by (too coarse for `by`?, period, source, target).
    quads: dict[tuple[bool, str, str, str], tuple[int, int, int, int]] = {}
    nets: dict[tuple[bool, str, str, str], float] = defaultdict(float)
    undated = 0
    # Counted in the database: a pair can have hundreds of thousands of clusters in a large store.
    for tally in store.tally_clusters([a, b], targets=[a, b], by=by, since=since, until=until, undated=True):
        if tally.period is None:
            undated += tally.clusters
            continue
        period = period_of(tally.period, "year" if tally.coarse else by)
        for key in ((tally.coarse, period, a, b), (tally.coarse, period, b, a)):
            quads.setdefault(key, (0, 0, 0, 0))  # both directions in every period, the quiet one as zeros
        key = (tally.coarse, period, tally.source, tally.target)
        counts = list(quads[key])
        counts[tally.quad - 1] += tally.clusters
        quads[key] = (counts[0], counts[1], counts[2], counts[3])
        nets[key] += tally.goldstein
    rows = [(key[0], PeriodRelation(key[1], key[2], key[3], counts, nets[key]))
            for key, counts in sorted(quads.items(), key=lambda item: (item[0][1], item[0][2] != a))]
    periods = [row for coarse, row in rows if not coarse]
    coarser = [row for coarse, row in rows if coarse]
    series = sorted((PairPeriod(period_of(t.period, by), Evidence.of(t), t.weighted_goldstein)
                     for t in store.tally_evidence([a, b], by=by, since=since, until=until, outsiders=False)
                     if t.kind == "group" and t.period is not None), key=lambda p: p.period)
    return Relations(a, b, by, periods, undated, series, change_points([(p.period, p.net) for p in series]),
                     coarser)


def period_of(day: date, by: str) -> str:
    """The label of the period holding `day`: 2024-01, 2024-Q1 or 2024."""
    if by == "year":
        return f"{day.year}"
    if by == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year}-{day.month:02d}"


def _quad_keys() -> list[str]:
    names = {t.quad: t.quad_name.replace(" ", "_") for t in plover_types().values()}
    return [names[quad] for quad in (1, 2, 3, 4)]
