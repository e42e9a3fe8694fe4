"""data/boilerplate.json: the lines and phrases that are a page's furniture rather than its story.

One loader for the two stages that read the file: clean (lines to drop, the end of an article) and
titles (candidates that are no headline). Each list holds regular expressions matched without case.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from importlib import resources

from blocwatch.errors import DataError

FILE = "boilerplate.json"


@lru_cache(maxsize=1)
def pattern_lists() -> dict[str, list[str]]:
    """Each list of the file by its name (keys starting with "_" are notes).

    Raises:
        DataError: the file cannot be read, is no object of lists of strings, or holds a pattern that
            does not compile (named by its list and place).
    """
    try:
        raw = json.loads(resources.files("blocwatch.data").joinpath(FILE).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"{FILE}: cannot be read ({exc}); reinstall blocwatch") from exc
    if not isinstance(raw, dict):
        raise DataError(f"{FILE}: not a JSON object of pattern lists")
    lists = {}
    for name, patterns in raw.items():
        if name.startswith("_"):
            continue
        if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
            raise DataError(f"{FILE}: {name} is not a list of patterns (strings)")
        for number, text in enumerate(patterns, 1):
            try:
                re.compile(text)
            except re.error as exc:
                raise DataError(f"{FILE}: {name} pattern {number} {text!r} does not compile ({exc})") from exc
        lists[name] = patterns
    return lists


@cache
def pattern(*names: str, start: bool = True, end: bool = True) -> re.Pattern[str]:
    """One case-blind pattern for any pattern of the lists `names`, anchored at the start of the text and at
    its end unless told otherwise.

    Raises:
        DataError: as for `pattern_lists`, or a list is missing.
    """
    lists = pattern_lists()
    missing = [name for name in names if name not in lists]
    if missing:
        raise DataError(f"{FILE}: no list {', '.join(missing)}")
    body = "|".join(f"(?:{text})" for name in names for text in lists[name])
    return re.compile(f"{'^' if start else ''}(?:{body}){'$' if end else ''}", re.IGNORECASE)
