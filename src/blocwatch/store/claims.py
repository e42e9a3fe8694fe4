"""The recognition claims: each CAMEO 054 event with its article's outlet, url and date, kept in a small
table of their own. Read from the events table, a `recognition` query scanned every event (seconds on
ten million) and joined every document; the claims are a few in a thousand events, laid out by target."""

from __future__ import annotations

from collections.abc import Iterable

import duckdb

from blocwatch.model import Event
from blocwatch.plover import RECOGNITION_CAMEO
from blocwatch.store.records import EVENT_COLUMNS, StoredEvent, stored_event

# The rows of the claims table: a claim's event columns and its article's, as the event queries read them.
_CLAIM_ROWS = ("SELECT e.*, d.outlet, d.url, d.date AS published, d.date_precision AS published_precision "
               f"FROM events e JOIN documents d ON d.id = e.doc WHERE e.cameo = '{RECOGNITION_CAMEO}'")
CREATE_CLAIMS = f"CREATE TABLE recognition_claims AS {_CLAIM_ROWS} ORDER BY e.target, e.id"
FILL_CLAIMS = f"INSERT INTO recognition_claims {_CLAIM_ROWS} ORDER BY e.target, e.id"


def add_claims(con: duckdb.DuckDBPyConnection, after: int, events: Iterable[Event]) -> None:
    """Copy the claims among events with ids above `after` (those just written, `events`) into the claims table."""
    # The copy is a join: a statement that cost most chunks, which hold no claim, a sixth of their write.
    if not any(event.cameo == RECOGNITION_CAMEO for event in events):
        return
    con.execute(f"INSERT INTO recognition_claims {_CLAIM_ROWS} AND e.id > ? ORDER BY e.target, e.id", [after])


def refill_claims(con: duckdb.DuckDBPyConnection) -> None:
    """Fill the claims table again from the stored events (inside the caller's transaction)."""
    con.execute("DELETE FROM recognition_claims")
    con.execute(FILL_CLAIMS)


def claims(con: duckdb.DuckDBPyConnection, target: str, *, min_confidence: float = 0.0) -> list[StoredEvent]:
    """The recognition claims about `target` in insertion order, those at least `min_confidence` likely to
    be right."""
    names = ", ".join(("id", *EVENT_COLUMNS, "outlet", "url", "published", "published_precision"))
    confident = " AND confidence >= ?" if min_confidence > 0 else ""
    params: list[object] = [target, min_confidence] if min_confidence > 0 else [target]
    return [stored_event(row) for row in con.execute(
        f"SELECT {names} FROM recognition_claims WHERE target = ?{confident} ORDER BY id", params).fetchall()]
