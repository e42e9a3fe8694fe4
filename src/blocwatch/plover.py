"""PLOVER event types as the store and the analyses weigh them (quad class, Goldstein-style score), and the
CAMEO codes that code and analyses single out (the recognition code, 054).

Read from data/plover_types.csv and data/cameo.csv (see data/README.md), the one place these facts live.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from blocwatch.errors import DataError
from blocwatch.packaged import packaged_rows

COOPERATIVE_QUADS = (1, 2)
CONFLICTUAL_QUADS = (3, 4)


@dataclass(frozen=True, slots=True)
class PloverType:
    """One PLOVER event type: its quad class (1 verbal cooperation ... 4 material conflict) and weight."""

    type: str
    quad: int
    quad_name: str
    goldstein: float
    # Done with each other rather than to the other (meet, agree, cooperate): reports of one such act
    # name its parties in either order
    mutual: bool = False


@cache
def plover_types() -> dict[str, PloverType]:
    """The 16 PLOVER types by name, read once from the packaged data file.

    Raises:
        DataError: the file is missing, lacks a column, or holds a quad outside 1-4 or a score outside -10..10.
    """
    name = "plover_types.csv"
    types: dict[str, PloverType] = {}
    for number, row in packaged_rows(name):
        try:
            if row["mutual"] not in ("0", "1"):
                raise ValueError(f"mutual is {row['mutual']!r}, not 0 or 1")
            entry = PloverType(row["type"], int(row["quad"]), row["quad_name"], float(row["goldstein"]),
                               row["mutual"] == "1")
        except (KeyError, TypeError, ValueError) as exc:
            raise DataError(f"{name} line {number}: expected type,quad,quad_name,goldstein,mutual ({exc})") from exc
        if entry.quad not in (1, 2, 3, 4) or not -10 <= entry.goldstein <= 10:
            raise DataError(f"{name} line {number}: quad must be 1-4 and goldstein within -10..10")
        types[entry.type] = entry
    return types


def quads() -> dict[str, int]:
    """The quad class (1-4) of every PLOVER type, by type."""
    return {name: entry.quad for name, entry in plover_types().items()}


@dataclass(frozen=True, slots=True)
class CameoRole:
    """A CAMEO code blocwatch singles out, with the PLOVER type an event coded to it has."""

    code: str
    type: str
    meaning: str


@cache
def cameo_roles() -> dict[str, CameoRole]:
    """The CAMEO codes blocwatch singles out, by their role ("recognition": 054, "threat": 130), from
    data/cameo.csv.

    Raises:
        DataError: the file is missing, or a row lacks its role, a three-digit code or a PLOVER type, or
            repeats a role.
    """
    name = "cameo.csv"
    types = plover_types()
    roles: dict[str, CameoRole] = {}
    for number, row in packaged_rows(name):
        role, code, kind = row.get("role") or "", row.get("code") or "", row.get("type") or ""
        if not role or len(code) != 3 or not code.isdigit() or kind not in types:
            raise DataError(f"{name} line {number}: expected role,code,type,meaning with a three-digit CAMEO code "
                            f"and a PLOVER type (got {code!r}, {kind!r})")
        if role in roles:
            raise DataError(f"{name} line {number}: role {role!r} is given twice")
        roles[role] = CameoRole(code, kind, row.get("meaning") or "")
    return roles


def cameo_codes() -> dict[str, str]:
    """The code of each role of `cameo_roles`."""
    return {role: entry.code for role, entry in cameo_roles().items()}


def coded_as(role: str) -> tuple[str, str]:
    """The PLOVER type and CAMEO code of an event coded for `role` (a role of data/cameo.csv)."""
    entry = cameo_roles()[role]
    return entry.type, entry.code


RECOGNITION_CAMEO = cameo_codes()["recognition"]
