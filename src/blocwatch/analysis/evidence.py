"""How much evidence a figure rests on, the thresholds a conclusion needs, and where a series turns.

A figure counts happenings (event clusters), the articles and outlets reporting them, and their
weight: the sum of each happening's confidence, so that a happening the extractor is unsure of
counts for less.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from blocwatch.store import EvidenceTally


@dataclass(frozen=True, slots=True)
class Evidence:
    """Happenings, the distinct articles and outlets reporting them, and their summed confidence."""

    happenings: int = 0
    articles: int = 0
    outlets: int = 0
    weight: float = 0.0
    widest: int = 0  # the most outlets reporting any one of the happenings

    @classmethod
    def of(cls, tally: EvidenceTally | None) -> Evidence:
        if tally is None:
            return cls()
        return cls(tally.happenings, tally.articles, tally.outlets, tally.weight, tally.widest)

    def to_json(self) -> dict[str, object]:
        return {**asdict(self), "weight": round(self.weight, 2)}

    def describe(self) -> str:
        """"12 happenings in 9 articles from 5 outlets" (or "... outlets not recorded")."""
        outlets = f"from {count(self.outlets, 'outlet')}" if self.outlets else "outlets not recorded"
        return f"{count(self.happenings, 'happening')} in {count(self.articles, 'article')}, {outlets}"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The evidence each conclusion needs; each is an option of `bloc` with these defaults.

    A friction needs `friction_happenings` conflictual happenings reported in `friction_articles`
    articles, or one happening reported by `friction_outlets` outlets; a common adversary needs
    conflictual acts from `adversary_members` members; a verdict needs `verdict_happenings` happenings
    inside the group.
    """

    friction_happenings: int = 2
    friction_articles: int = 2
    friction_outlets: int = 2
    adversary_members: int = 2
    verdict_happenings: int = 10

    def friction(self, conflict: Evidence) -> bool:
        """Whether a pair's conflictual evidence makes a friction."""
        return ((conflict.happenings >= self.friction_happenings and conflict.articles >= self.friction_articles)
                or (conflict.happenings >= 1 and conflict.widest >= self.friction_outlets))

    def to_json(self) -> dict[str, object]:
        return asdict(self)


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True, slots=True)
class ChangePoint:
    """The period where a net score changes sign: from `before` (the last period with a non-zero score)
    to `after`."""

    period: str
    previous: str
    before: float
    after: float

    @property
    def direction(self) -> str:
        return "toward conflict" if self.after < 0 else "toward cooperation"

    def to_json(self) -> dict[str, object]:
        return {"period": self.period, "previous": self.previous, "before": round(self.before, 2),
                "after": round(self.after, 2), "direction": self.direction}


def change_points(series: list[tuple[str, float]]) -> list[ChangePoint]:
    """Where a net score per period turns: each period whose sign differs from that of the last non-zero
    period before it (periods in order; zero periods neither turn nor break a run)."""
    turns, last = [], None
    for period, net in series:
        if not net:
            continue
        if last is not None and (net > 0) != (last[1] > 0):
            turns.append(ChangePoint(period, last[0], last[1], net))
        last = (period, net)
    return turns


def count(number: int, noun: str) -> str:
    """"1 pair", "2 pairs", "3 common adversaries"."""
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{number} {noun if number == 1 else plural}"
