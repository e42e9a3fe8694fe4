"""Recognition: stored CAMEO 054 events toward one actor -> each source actor's status as of a date.

The rules, per recognition level (credentials, then formal) and source actor:
- dated claims are read in date order; a grant makes the level stand, and it stands until a later
  dated denial revokes it (a denial from another article than the grant's is also listed as a
  contradiction, so disagreeing sources stay visible);
- an undated grant is placed after every dated denial of its level: the level stands, `since` is the
  date of the last such denial and `date_inferred` is true;
- an undated denial never overrides a grant (it is listed as a contradiction when one stands);
- levels are independent, and the status is the highest level standing: "China has not formally
  recognised the Taliban" does not cancel China's accepting their ambassador's credentials.

`as_of` keeps only claims dated on or before it. An undated claim cannot be placed before any given
day, so it counts only when no `as_of` is given (the status "as of now").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from blocwatch.analysis.checks import actor_code
from blocwatch.store import Store

RECOGNITION_CAMEO = "054"
LEVELS = ("credentials", "formal")  # lowest first; the status is the highest level standing
_NONE = "none"
_QUOTE_CHARS = 100


@dataclass(frozen=True, slots=True)
class RecognitionClaim:
    """One article's statement that an actor granted (or did not grant) recognition."""

    doc: str
    date: date | None
    quote: str
    negated: bool
    recognition: str

    def to_json(self) -> dict:
        return {"doc": self.doc, "date": self.date.isoformat() if self.date else None, "quote": self.quote,
                "negated": self.negated, "recognition": self.recognition}


@dataclass(frozen=True, slots=True)
class Contradiction:
    """A grant and a denial of the same level from different articles, and which one the status follows."""

    recognition: str
    grant: RecognitionClaim
    denial: RecognitionClaim
    resolution: str

    def to_json(self) -> dict:
        return {"recognition": self.recognition, "grant": self.grant.to_json(), "denial": self.denial.to_json(),
                "resolution": self.resolution}


@dataclass(frozen=True, slots=True)
class RecognitionStatus:
    """One source actor's recognition of the target as of the report's date, with the claims behind it."""

    actor: str
    status: str
    since: date | None
    date_inferred: bool
    evidence: list[RecognitionClaim] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"actor": self.actor, "status": self.status, "since": self.since.isoformat() if self.since else None,
                "date_inferred": self.date_inferred, "evidence": [c.to_json() for c in self.evidence],
                "contradictions": [c.to_json() for c in self.contradictions]}

    def deciding_claim(self) -> RecognitionClaim | None:
        """The claim the status rests on: the grant it stands since, or, with none standing, the latest claim."""
        grants = [c for c in self.evidence if c.recognition == self.status and not c.negated]
        dated = [c for c in self.evidence if c.date]
        return (next((c for c in grants if c.date == self.since), None) or next(iter(grants), None)
                or (dated[-1] if dated else next(iter(self.evidence), None)))


@dataclass(frozen=True, slots=True)
class RecognitionReport:
    """Who recognises `target`, as of `as_of` (None: every claim, dated or not)."""

    target: str
    as_of: date | None
    statuses: list[RecognitionStatus]

    def to_json(self) -> list[dict]:
        return [s.to_json() for s in self.statuses]

    def rows(self) -> list[dict]:
        """One line per actor: the claim its status rests on, and how many claims there are (the JSON lists all)."""
        return [{"actor": s.actor, "status": s.status,
                 "since": (s.since.isoformat() + (" (inferred)" if s.date_inferred else "")) if s.since else "",
                 "deciding claim": _claim_line(s.deciding_claim()) if s.evidence else "",
                 "claims": len(s.evidence), "contradictions": len(s.contradictions)} for s in self.statuses]


def recognition(store: Store, target: str, *, as_of: date | None = None) -> RecognitionReport:
    """Each actor's recognition of `target` as of a date, from the store's CAMEO 054 events.

    Args:
        store: the database.
        target: the recognised actor's code (e.g. AFG).
        as_of: count only claims dated on or before this day; None counts every claim, undated ones too.

    Raises:
        ParameterError: `target` is not a known actor code.
    """
    target = actor_code(store, target, parameter="TARGET")
    claims: dict[str, list[RecognitionClaim]] = defaultdict(list)
    for stored in store.events(target=target, cameo=RECOGNITION_CAMEO):
        event = stored.event
        if event.source == target:
            continue
        claim = RecognitionClaim(event.doc, stored.day, event.evidence, event.negated,
                                 event.recognition if event.recognition in LEVELS else "formal")
        if _counts(claim, as_of):
            claims[event.source].append(claim)
    statuses = [resolve_status(actor, found) for actor, found in claims.items()]
    rank = {level: n for n, level in enumerate((*reversed(LEVELS), _NONE))}
    statuses.sort(key=lambda s: (rank[s.status], s.actor))
    return RecognitionReport(target, as_of, statuses)


def resolve_status(actor: str, claims: list[RecognitionClaim]) -> RecognitionStatus:
    """Apply the module's rules to one actor's claims (already limited to those that count).

    Args:
        actor: the source actor's code.
        claims: its grants and denials.
    """
    status, since, inferred, contradictions = _NONE, None, False, []
    for level in LEVELS:
        standing, level_since, level_inferred, found = _resolve_level(
            level, [c for c in claims if c.recognition == level])
        contradictions += found
        if standing:
            status, since, inferred = level, level_since, level_inferred
    evidence = sorted(claims, key=lambda c: (c.date is None, c.date or date.min, c.doc))
    return RecognitionStatus(actor, status, since, inferred, evidence, contradictions)


def _resolve_level(
    level: str, claims: list[RecognitionClaim]
) -> tuple[bool, date | None, bool, list[Contradiction]]:
    """Whether `level` stands, since when, whether that date is inferred, and the contradictions met."""
    # On one day a denial is read before a grant: recognition, once granted, stands.
    dated = sorted((c for c in claims if c.date), key=lambda c: (c.date, not c.negated))
    grant: RecognitionClaim | None = None
    since, inferred, contradictions = None, False, []
    for claim in dated:
        if not claim.negated and grant is None:
            grant, since = claim, claim.date
        elif claim.negated and grant is not None:
            if claim.doc != grant.doc:
                contradictions.append(Contradiction(level, grant, claim, "the later denial revokes the grant"))
            grant, since = None, None
    undated_grant = next((c for c in claims if not c.date and not c.negated), None)
    if grant is None and undated_grant is not None:
        grant = undated_grant
        since = max((c.date for c in dated if c.negated), default=None)
        inferred = since is not None
    if grant is not None:
        contradictions += [Contradiction(level, grant, c, "an undated denial does not override a grant")
                           for c in claims if not c.date and c.negated and c.doc != grant.doc]
    return grant is not None, since, inferred, contradictions


def _counts(claim: RecognitionClaim, as_of: date | None) -> bool:
    if as_of is None:
        return True
    return claim.date is not None and claim.date <= as_of


def _claim_line(claim: RecognitionClaim) -> str:
    when = claim.date.isoformat() if claim.date else "undated"
    verb = "denies" if claim.negated else "grants"
    # A table line, not the record: the full quote is in the JSON output.
    quote = claim.quote if len(claim.quote) <= _QUOTE_CHARS else claim.quote[:_QUOTE_CHARS - 1] + "…"
    return f"{when} {claim.doc} ({verb} {claim.recognition}): {quote}"
