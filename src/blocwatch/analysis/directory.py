"""The actor directory: which codes a store's happenings name, what the gazetteer calls them, and when they
were active; searched by code or by any name ("Taliban" finds AFG and TAL, "Lavrov" finds RUS).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from blocwatch.store import Store

# Kinds of alias that name the actor itself, from which its display name is taken (not a capital, a
# demonym, a person or a place).
_NAME_KINDS = ("name", "institution", "armed_group", "igo")


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor code: its name, the names that matched a query, and its happenings in the store."""

    code: str
    name: str | None
    matched: tuple[str, ...]
    happenings: int
    first_day: date | None
    last_day: date | None

    def to_json(self) -> dict[str, object]:
        return {"code": self.code, "name": self.name, "matched": list(self.matched), "happenings": self.happenings,
                "first_day": _iso(self.first_day), "last_day": _iso(self.last_day)}


@dataclass(frozen=True, slots=True)
class ActorDirectory:
    """The entries a query found, most active first."""

    query: str | None
    entries: list[ActorEntry]

    def to_json(self) -> dict[str, object]:
        return {"query": self.query, "actors": [entry.to_json() for entry in self.entries]}

    def rows(self) -> list[dict[str, object]]:
        return [{"code": e.code, "name": e.name or "", "happenings": e.happenings,
                 "first": _iso(e.first_day) or "", "last": _iso(e.last_day) or "",
                 "matched": ", ".join(e.matched)} for e in self.entries]


def actor_directory(store: Store, query: str | None = None) -> ActorDirectory:
    """The actors of `store` (with no query), or every actor whose code or a name contains `query`.

    Args:
        store: the database whose happenings give the counts and date ranges.
        query: a code or part of a name, any case; None or blank lists the store's actors.
    """
    activity = store.actor_activity()
    names, aliases = _names()
    wanted = (query or "").strip()
    if not wanted:
        found: dict[str, tuple[str, ...]] = {code: () for code in activity}
    else:
        folded = wanted.casefold()
        found = {}
        for code in sorted(set(aliases) | set(activity)):
            matched = tuple(alias for alias in aliases.get(code, ()) if folded in alias.casefold())
            if code.casefold() == folded or matched:
                found[code] = matched[:3]
    entries = [ActorEntry(code, names.get(code), matched, *activity.get(code, (0, None, None)))
               for code, matched in found.items()]
    entries.sort(key=lambda e: (e.code.casefold() != wanted.casefold(), -e.happenings, e.code))
    return ActorDirectory(wanted or None, entries)


def nearest_codes(store: Store, typed: str, *, limit: int = 3) -> list[str]:
    """Codes that `typed` may have meant: those it names (a name such as "Taliban"), then codes spelt like it."""
    by_name = [entry.code for entry in actor_directory(store, typed).entries if entry.code != typed.upper()]
    if by_name:
        return by_name[:limit]
    known = sorted(set(_names()[1]) | {entry.code for entry in actor_directory(store).entries})
    return difflib.get_close_matches(typed.upper(), known, n=limit, cutoff=0.5)


@lru_cache(maxsize=1)
def _names() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """Each code's display name, and every alias of each code, from the gazetteer (loaded once)."""
    from blocwatch.actors import load_gazetteer  # imports spaCy: only a search needs it

    names: dict[str, str] = {}
    aliases: dict[str, list[str]] = {}
    for alias, senses in load_gazetteer().senses.items():
        for sense in senses:
            if alias not in aliases.setdefault(sense.code, []):
                aliases[sense.code].append(alias)
            # A spelt-out name reads better than an abbreviation ("Tehrik-i-Taliban Pakistan", not "TTP").
            if sense.kind in _NAME_KINDS and (sense.code not in names or names[sense.code].isupper()):
                names[sense.code] = alias
    return names, {code: tuple(found) for code, found in aliases.items()}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
