"""The clean stage's budget per page, so that a hostile or broken page is skipped rather than cleaned
for minutes or into gigabytes: its elements counted before it is parsed, and the processor time it has
taken checked between the steps of cleaning it (CleanOptions sets both).
"""

from __future__ import annotations

import re
import time
from itertools import islice


class TooComplex(Exception):
    """A page over the clean stage's budget of elements or seconds."""


class Budget:
    """The processor time a page may take, checked between the steps of cleaning it."""

    def __init__(self, seconds: float):
        self._seconds = seconds
        self._ends = time.thread_time() + seconds

    def check(self) -> None:
        """Raise TooComplex once the page has had its time."""
        if time.thread_time() > self._ends:
            raise TooComplex(f"still not done after the budget of {self._seconds:g} s of processor time")


_START_TAG = re.compile(r"<[A-Za-z]")


def check_elements(content: str, limit: int) -> None:
    """Count the page's start tags up to `limit` without parsing it, so an oversized tree is never built.

    Raises:
        TooComplex: the page has more than `limit` elements.
    """
    if sum(1 for _ in islice(_START_TAG.finditer(content), limit + 1)) > limit:
        raise TooComplex(f"more than {limit:,} elements, over the budget")
