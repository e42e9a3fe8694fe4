"""Checks of what a user names in an analysis: actor codes and event types, with one-line errors."""

from __future__ import annotations

from blocwatch.errors import ParameterError
from blocwatch.plover import plover_types
from blocwatch.store import Store


def actor_code(store: Store, code: str, *, parameter: str) -> str:
    """The actor code `code` in upper case, once known to the store or the gazetteer.

    Args:
        store: the database, whose events name the actors most queries are about.
        code: what the user typed ("afg" is taken as AFG).
        parameter: the parameter to name in the error.

    Raises:
        ParameterError: the code is neither in the store nor in the gazetteer.
    """
    normal = code.strip().upper()
    if normal in store.actors():
        return normal
    # Loaded only when the store does not know the code: the gazetteer module imports spaCy.
    from blocwatch.actors import load_gazetteer

    if normal not in load_gazetteer().codes:
        raise ParameterError(parameter, f"unknown actor code {code!r} (expected a code such as AFG, RUS, "
                                        f"ISKP; no event in {store.path} involves it and the gazetteer lacks it)")
    return normal


def event_type(name: str) -> str:
    """The PLOVER type `name` in upper case.

    Raises:
        ParameterError: `name` is not one of the 16 PLOVER types.
    """
    normal = name.strip().upper()
    if normal not in plover_types():
        raise ParameterError("--type", f"unknown event type {name!r} (one of {', '.join(plover_types())})")
    return normal
