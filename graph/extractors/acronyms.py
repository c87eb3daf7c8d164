"""Acronyms defined in the text as ``Full Name (ACR)``.

The long form is found by matching the acronym's letters, right to left, against the
words before the parenthesis, the first letter at the start of a word (the algorithm
of Schwartz and Hearst, 2003, for biomedical abbreviations, which holds for the names
of bodies and programmes too: "Implementation Force (IFOR)", "Partnership for Peace (PfP)").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_DEFINITION = re.compile(r"\(\s*(?P<acr>[A-Z][A-Za-z&\-]{1,11})\s*\)")
_WORD = re.compile(r"[^\s()]+")
_LEADING_LOWER = re.compile(r"^(?:(?:the|a|an|its|our|their|of|and|to|in|by|for|with)\s+)+")


@dataclass(frozen=True)
class AcronymDefinition:
    """``long`` spans ``long_start:long_end``; ``acronym`` spans ``acr_start:acr_end``."""

    long: str
    long_start: int
    long_end: int
    acronym: str
    acr_start: int
    acr_end: int


def _long_form_start(candidate: str, acronym: str) -> int | None:
    """Offset in ``candidate`` where the long form of ``acronym`` begins, or None."""
    letters = [c.lower() for c in acronym if c.isalnum()]
    s = len(letters) - 1
    i = len(candidate) - 1
    while s >= 0:
        ch = letters[s]
        while i >= 0 and (
            candidate[i].lower() != ch or (s == 0 and i > 0 and candidate[i - 1].isalnum())
        ):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    return i + 1


def find_acronym_definitions(text: str) -> Iterator[AcronymDefinition]:
    """Yield every ``Long Form (ACR)`` of ``text`` whose long form is a capitalised name."""
    for match in _DEFINITION.finditer(text):
        acronym = match.group("acr")
        if sum(1 for c in acronym if c.isupper()) < 2:
            continue
        # at most |A| + 5 words (Schwartz and Hearst), within the clause before the parenthesis
        before = text[max(0, match.start() - 300) : match.start()]
        clause_start = max(before.rfind(ch) for ch in ".;:()\n\"") + 1
        clause = before[clause_start:]
        words = list(_WORD.finditer(clause))
        limit = len(acronym) + 5
        if not words:
            continue
        words = words[-limit:]
        window_start = words[0].start()
        window = clause[window_start:].rstrip()
        if window.endswith(","):
            continue
        start = _long_form_start(window, acronym)
        if start is None:
            continue
        long = window[start:]
        trimmed = _LEADING_LOWER.sub("", long)
        start += len(long) - len(trimmed)
        long = trimmed.strip()
        content = [w for w in long.split() if w[:1].isalpha()]
        if len(content) < 2 or not long[:1].isupper():
            continue
        if any(w[:1].islower() and len(w) > 4 for w in content):
            # a lowercase content word: a description, not a name ("a common policy (CP)")
            continue
        absolute = (match.start() - len(before)) + clause_start + window_start + start
        yield AcronymDefinition(
            long=long,
            long_start=absolute,
            long_end=absolute + len(long),
            acronym=acronym,
            acr_start=match.start("acr"),
            acr_end=match.end("acr"),
        )
