"""Character spans of a text already taken by mentions: overlap and containment tests whose
cost does not grow with the number of mentions, so a document of many megabytes (tens of
thousands of mentions, as many candidate names) is not read in quadratic time.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate


class TakenSpans:
    """Spans ``(start, end)`` of a text; ``overlaps`` is ``any(not (end <= s or start >= e) ...)``
    over them, answered from a map of the characters they cover."""

    def __init__(self, length: int, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._covered = bytearray(length)
        self._empty: list[tuple[int, int]] = []  # spans of no character (none seen), tested one by one
        self._all: list[tuple[int, int]] = []  # every span, for a query of no character
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        """Take the span ``start:end``."""
        self._all.append((start, end))
        if end <= start or start < 0:
            self._empty.append((start, end))
            return
        if end > len(self._covered):
            self._covered.extend(bytes(end - len(self._covered)))
        self._covered[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """True when ``start:end`` shares a character with a taken span, or holds an empty one inside."""
        if end <= start or start < 0:
            return any(not (end <= s or start >= e) for s, e in self._all)
        if self._covered.find(1, start, end) != -1:
            return True
        return any(not (end <= s or start >= e) for s, e in self._empty)


class Containers:
    """Spans ``(s, e)``; ``contains(start, end)`` is ``any(s <= start and end <= e ...)``, by bisection."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _e in ordered]
        self._reach = list(accumulate((e for _s, e in ordered), max))  # the furthest end so far

    def contains(self, start: int, end: int) -> bool:
        """True when one of the spans holds ``start:end``."""
        i = bisect_right(self._starts, start)  # the spans starting at or before ``start``
        return i > 0 and self._reach[i - 1] >= end
