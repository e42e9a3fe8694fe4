"""Recognition: stored CAMEO 054 events toward one actor -> each state's rung on the ladder as of a date.

The ladder (`../shared/spec/EVENTS.md`), from the lowest rung up: `mission` (diplomats below ambassador
accepted, an embassy handed over), `credentials` (an ambassador accepted), `formal` (de jure
recognition). A claim grants a rung, or refuses it (a negated event). Only states recognise: claims
by organisations, armed groups or "the West" are left out.

Each rung is read on its own, from its dated claims in the order of the days they speak of (a claim
dated "2025-07" speaks of July 2025; one dated by its article's publication only, of that day):
- claims that say the same (grant or refusal) one after another form a run; a grant run's first claim
  gives the day the rung was reached, refined by a later grant of the run that is more precise and
  falls within it ("in 2024" then "on 30 January 2024": reached 2024-01-30);
- a grant after a refusal that it does not overlap supersedes it: the state moved up;
- a claim that overlaps the standing one in time and says the opposite is decided by the more precise
  of the two, then by the better attested (more articles), then for the grant; the loser is contradicted;
- a refusal after a grant revokes it only when at least as well attested as the grant's run; otherwise
  the refusal is contradicted (a later article repeating a stale "has not recognised").
As of a day, a claim counts when it surely came by then: a claim known only to its month or year once
that whole span is over (unlike --since/--until, whose bounds keep whatever overlaps them, a status says
what was reached). Undated claims count only with no `as_of`. An undated grant is read as the latest
step: it stands over dated refusals, reached "after" the last dated claim; an undated refusal never
overrides a grant.

A state's level is its highest rung granted; `refuses` lists the higher rungs whose standing claim
refuses them. A state with no rung granted either refuses (a refusal stands) or has no evidence.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from blocwatch.analysis.checks import actor_code
from blocwatch.precision import format_date, period_end
from blocwatch.store import Store, StoredEvent

LEVELS = ("mission", "credentials", "formal")  # lowest rung first
REFUSES = "refuses"
NO_EVIDENCE = "no evidence"
# How precisely a claim's date says when it happened; a date from the publication only bounds it.
_PRECISION_RANK = {"published": 0, "year": 1, "month": 2, "week": 3, "day": 4}
# Roles of a claim in its rung's reading.
DECIDES, AGREES, SUPERSEDED, CONTRADICTED = "decides", "agrees", "superseded", "contradicted"
# How a rung stands: refused or not, the claim deciding it, and for an undated grant the day it came after.
_Outcome = tuple[bool, "RecognitionClaim", date | None]


@cache
def state_codes() -> frozenset[str]:
    """The actor codes of states (data/countries.csv): the only actors that can recognise."""
    # Imported here: the gazetteer module imports spaCy, which other analyses never need.
    from blocwatch.actors import load_gazetteer

    return frozenset(load_gazetteer().states)


@dataclass(frozen=True, slots=True)
class RecognitionClaim:
    """One article's statement that a state granted (or refused) a rung, with where to read it."""

    actor: str
    doc: str
    date: dt.date | None
    precision: str | None
    level: str
    refuses: bool
    quote: str
    outlet: str | None
    url: str | None
    confidence: float

    @property
    def when(self) -> str:
        """The date cut to its precision ("2025-07" for a month), or "undated"."""
        return when(self.date, self.precision)

    @property
    def last_day(self) -> dt.date | None:
        """The last day the claim's date may mean (the month's last day for "2025-07")."""
        return period_end(self.date, self.precision) if self.date else None

    def to_json(self) -> dict[str, object]:
        return {"actor": self.actor, "doc": self.doc, "date": self.when, "precision": self.precision,
                "level": self.level, "refuses": self.refuses, "quote": self.quote, "outlet": self.outlet,
                "url": self.url, "confidence": self.confidence}


@dataclass(frozen=True, slots=True)
class ClaimReading:
    """What the ladder made of a claim: it `decides` its rung, `agrees` with the claim that does, was
    `superseded` by a later step, or was `contradicted` by `by` (the reason says why)."""

    claim: RecognitionClaim
    role: str
    by: RecognitionClaim | None = None
    reason: str = ""

    def to_json(self) -> dict[str, object]:
        return {**self.claim.to_json(), "role": self.role, "reason": self.reason,
                "by": {"doc": self.by.doc, "date": self.by.when} if self.by else None}


@dataclass(frozen=True, slots=True)
class RecognitionStatus:
    """One state's place on the ladder as of the report's date, and every claim behind it."""

    actor: str
    level: str | None
    reached: date | None
    precision: str | None
    refuses: tuple[str, ...]
    claims: list[ClaimReading] = field(default_factory=list)

    @property
    def status(self) -> str:
        """The rung reached, else "refuses" (a refusal stands), else "no evidence"."""
        return self.level or (REFUSES if self.refuses else NO_EVIDENCE)

    def to_json(self) -> dict[str, object]:
        return {"actor": self.actor, "status": self.status, "level": self.level,
                "reached": when(self.reached, self.precision) if self.level else None, "precision": self.precision,
                "refuses": list(self.refuses), "claims": [c.to_json() for c in self.claims]}


@dataclass(frozen=True, slots=True)
class RecognitionReport:
    """Where each state that made claims about recognising `target` stands, as of `as_of` (None: every
    claim, dated or not). `undated_left_out`: the undated claims that `as_of` left out (an undated claim
    may come from any time; `undated` counts them anyway)."""

    target: str
    as_of: date | None
    statuses: list[RecognitionStatus]
    undated_left_out: int = 0

    def to_json(self) -> dict[str, object]:
        return {"target": self.target, "as_of": self.as_of.isoformat() if self.as_of else None,
                "statuses": [s.to_json() for s in self.statuses], "undated_left_out": self.undated_left_out}

    def rows(self) -> list[dict[str, object]]:
        """One line per state: its rung, since when, what it refuses, and the claims counted."""
        return [{"actor": s.actor, "status": s.status, "reached": when(s.reached, s.precision) if s.level else "",
                 "refuses": ", ".join(s.refuses), "claims": len(s.claims),
                 "contradicted": sum(c.role == CONTRADICTED for c in s.claims),
                 "deciding claims": "; ".join(f"{c.claim.level} {c.claim.when} {c.claim.doc}" for c in s.claims
                                              if c.role == DECIDES)} for s in self.statuses]

    def claim_rows(self) -> list[dict[str, object]]:
        """One line per claim, its whole quote included: the CSV export."""
        return [{"actor": s.actor, "date": c.claim.when, "precision": c.claim.precision or "",
                 "level": c.claim.level, "stance": REFUSES if c.claim.refuses else "grants", "role": c.role,
                 "document": c.claim.doc, "outlet": c.claim.outlet or "", "url": c.claim.url or "",
                 "quote": c.claim.quote} for s in self.statuses for c in s.claims]


@dataclass(frozen=True, slots=True)
class RecognitionHistory:
    """Each state's status at the end of every year from the first to the last that holds a dated claim,
    and (`now`) with every claim counted, undated ones too."""

    target: str
    years: list[int]
    statuses: dict[str, list[str]]
    now: dict[str, str]

    def to_json(self) -> dict[str, object]:
        return {"target": self.target, "years": self.years,
                "statuses": [{"actor": actor, "by_year": dict(zip(map(str, self.years), row, strict=True)),
                              "all_claims": self.now[actor]} for actor, row in self.statuses.items()]}

    def rows(self) -> list[dict[str, object]]:
        return [{"actor": actor, **dict(zip(map(str, self.years), row, strict=True)), "all claims": self.now[actor]}
                for actor, row in self.statuses.items()]


def recognition(store: Store, target: str, *, as_of: date | None = None, undated: bool = False) -> RecognitionReport:
    """Each state's rung on the recognition ladder toward `target` as of a date, from the store's 054 events.

    Every state with a claim at any date is listed, so one whose claims all come later shows "no evidence".

    Args:
        store: the database.
        target: the recognised actor's code (e.g. AFG).
        as_of: count only claims dated on or before this day, a claim known only to its week, month or
            year when its whole span is (undated ones are left out, and counted in `undated_left_out`,
            unless `undated`); None counts every claim, undated ones too.
        undated: with `as_of`, count undated claims too.

    Raises:
        ParameterError: `target` is not a known actor code.
    """
    target = actor_code(store, target, parameter="TARGET")
    return _report(target, recognition_claims(store, target), as_of, undated=undated)


def recognition_history(store: Store, target: str) -> RecognitionHistory:
    """Each state's status toward `target` at every year's end, over the years that hold dated claims.

    Raises:
        ParameterError: `target` is not a known actor code.
    """
    target = actor_code(store, target, parameter="TARGET")
    claims = recognition_claims(store, target)
    dated = [c.date.year for found in claims.values() for c in found if c.date]
    years = list(range(min(dated), max(dated) + 1)) if dated else []
    reports = [_report(target, claims, date(year, 12, 31)) for year in years]
    now = {s.actor: s.status for s in _report(target, claims, None).statuses}
    return RecognitionHistory(target, years, {
        actor: [next(s.status for s in report.statuses if s.actor == actor) for report in reports]
        for actor in now}, now)


def recognition_claims(store: Store, target: str) -> dict[str, list[RecognitionClaim]]:
    """Every state's claims about recognising `target` (a known code), by state."""
    states = state_codes()
    claims: dict[str, list[RecognitionClaim]] = defaultdict(list)
    for stored in store.recognition_claims(target):
        if stored.event.source in states and stored.event.source != target:
            claims[stored.event.source].append(_claim(stored))
    return claims


def read_claims(actor: str, claims: list[RecognitionClaim]) -> RecognitionStatus:
    """One state's status from its claims (already limited to those that count), by the module's rules."""
    readings: list[ClaimReading] = []
    standing: dict[str, _Outcome] = {}
    for level in LEVELS:
        found = [c for c in claims if c.level == level]
        if found:
            outcome, level_readings = _read_level(found)
            readings += level_readings
            if outcome is not None:
                standing[level] = outcome
    granted = [level for level in LEVELS if level in standing and not standing[level][0]]
    top = granted[-1] if granted else None
    refused = tuple(level for level in LEVELS if level in standing and standing[level][0]
                    and (top is None or LEVELS.index(level) > LEVELS.index(top)))
    reached, precision = None, None
    if top:
        _, deciding, after = standing[top]
        reached, precision = (after, "after") if after else (deciding.date, deciding.precision)
    readings.sort(key=lambda r: (r.claim.date is None, r.claim.date or date.min, LEVELS.index(r.claim.level),
                                 r.claim.doc))
    return RecognitionStatus(actor, top, reached, precision, refused, readings)


def when(day: date | None, precision: str | None) -> str:
    """A day as precisely as it is known: "2025", "2025-07" or "2025-07-03"; "undated" for None."""
    if day is None:
        return "undated"
    if precision == "after":
        return f"after {day.isoformat()}"
    return format_date(day, precision)


def _report(target: str, claims: dict[str, list[RecognitionClaim]], as_of: date | None, *,
            undated: bool = False) -> RecognitionReport:
    statuses = [read_claims(actor, [c for c in found if _counts(c, as_of, undated)]) for actor, found in claims.items()]
    rank = {status: n for n, status in enumerate((*reversed(LEVELS), REFUSES, NO_EVIDENCE))}
    statuses.sort(key=lambda s: (rank[s.status], s.actor))
    left_out = 0 if as_of is None or undated else sum(c.date is None for found in claims.values() for c in found)
    return RecognitionReport(target, as_of, statuses, left_out)


@dataclass(slots=True)
class _Statement:
    """The claims of one rung that say the same thing about the same date: attested by their articles."""

    claims: list[RecognitionClaim]
    day: date

    @property
    def last_day(self) -> date:
        return period_end(self.day, self.first.precision)

    @property
    def first(self) -> RecognitionClaim:
        return self.claims[0]

    @property
    def refuses(self) -> bool:
        return self.first.refuses

    @property
    def rank(self) -> int:
        return _PRECISION_RANK.get(self.first.precision or "", 0)

    @property
    def articles(self) -> int:
        return len({c.doc for c in self.claims})

    def overlaps(self, other: _Statement) -> bool:
        return self.day <= other.last_day and other.day <= self.last_day


def _read_level(claims: list[RecognitionClaim]) -> tuple[_Outcome | None, list[ClaimReading]]:
    """Whether the rung stands refused or granted, the claim deciding it (and, for an undated grant, the last
    dated claim it came after), and each claim's reading."""
    groups: dict[tuple[date | None, str | None, bool], list[RecognitionClaim]] = defaultdict(list)
    for claim in sorted(claims, key=lambda c: (-c.confidence, c.doc)):
        groups[(claim.date, claim.precision, claim.refuses)].append(claim)
    statements = sorted((_Statement(found, day) for (day, _, _), found in groups.items() if day is not None),
                        key=lambda s: (s.day, s.rank, not s.refuses))
    roles: dict[int, tuple[str, RecognitionClaim | None, str]] = {}
    run: list[_Statement] = []  # the statements saying what now stands, in date order
    head: _Statement | None = None  # the one of them that tells best when it began
    for statement in statements:
        if head is None or statement.refuses == head.refuses:
            if head is None or (statement.overlaps(head) and statement.rank > head.rank):
                head = statement
            run.append(statement)
            continue
        latest = run[-1]
        if statement.overlaps(latest):
            wins = (statement.rank, statement.articles, not statement.refuses) > (
                latest.rank, latest.articles, not latest.refuses)
            why = "a claim about the same time that is more precise or better attested"
        elif latest.refuses:
            wins, why = True, ""
        else:
            wins = statement.articles >= sum(s.articles for s in run)
            why = ("a later refusal at least as well attested" if wins
                   else "a grant attested by more articles than this later refusal")
        if wins:
            role = SUPERSEDED if latest.refuses and not why else CONTRADICTED
            for loser in run:
                for claim in loser.claims:
                    roles[id(claim)] = (role, statement.first, why or "a later step up the ladder")
            run, head = [statement], statement
        else:
            for claim in statement.claims:
                roles[id(claim)] = (CONTRADICTED, latest.first, why)
    undated = [c for c in claims if c.date is None]
    late_grant = next((c for c in undated if not c.refuses), None)
    if late_grant is not None and (head is None or head.refuses):
        # Placed after every dated claim: the step up came at some point after the last dated refusal.
        after = max((c.date for c in claims if c.date), default=None)
        for statement in run:
            for claim in statement.claims:
                roles[id(claim)] = (SUPERSEDED, late_grant, "an undated grant is read as a later step up")
        for claim in undated:
            roles[id(claim)] = (DECIDES, None, "") if claim is late_grant else (
                (AGREES, late_grant, "") if not claim.refuses
                else (CONTRADICTED, late_grant, "an undated refusal never overrides a grant"))
        return (False, late_grant, after), [ClaimReading(c, *roles[id(c)]) for c in claims]
    if head is not None:
        deciding = head.first
        for statement in run:
            for claim in statement.claims:
                roles[id(claim)] = (DECIDES, None, "") if claim is deciding else (AGREES, deciding, "")
        for claim in undated:
            roles[id(claim)] = (AGREES, deciding, "") if claim.refuses == deciding.refuses else (
                CONTRADICTED, deciding, "an undated refusal never overrides a grant")
        outcome = (deciding.refuses, deciding, None)
    elif undated:  # only undated refusals
        deciding = undated[0]
        for claim in undated:
            roles[id(claim)] = (DECIDES, None, "") if claim is deciding else (AGREES, deciding, "")
        outcome = (True, deciding, None)
    else:
        outcome = None
    return outcome, [ClaimReading(c, *roles[id(c)]) for c in claims]


def _claim(stored: StoredEvent) -> RecognitionClaim:
    event = stored.event
    level = event.recognition if event.recognition in LEVELS else "formal"
    return RecognitionClaim(event.source, event.doc, stored.day, event.date_precision if stored.day else None, level,
                            event.negated, event.evidence, stored.outlet, stored.url, event.confidence)


def _counts(claim: RecognitionClaim, as_of: date | None, undated: bool) -> bool:
    if as_of is None:
        return True
    if claim.date is None:
        return undated
    # reached for sure: a claim known only to its month or year counts once that whole span is over by
    # `as_of` (a claim "in 2024" is not known to hold on 2024-03-01, but holds at the end of 2024)
    return period_end(claim.date, claim.precision) <= as_of
