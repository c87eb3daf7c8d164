"""A spaCy Matcher that first rules out the patterns a stretch of tokens cannot match.

spaCy's Matcher tries every pattern at every token, so its cost grows with the number of
patterns (about ninety triggers) times the number of tokens, and the trigger matcher runs
on every sentence. Most patterns need words a given sentence lacks ("express ... concern"
needs "concern"). ``RuleMatcher`` reads from the patterns themselves which words each one
needs (a LOWER, LEMMA, ORTH or TEXT value, or an ``IN`` list, on a token that must be
there), and runs a Matcher holding only the patterns whose needed words are all present.
A pattern whose needs cannot be read this way is always run, so the matches are exactly
those of one Matcher holding every pattern. A pattern of one word and nothing else
(``{"LEMMA": "agree"}``, two thirds of the triggers) needs no Matcher at all: its matches are
the tokens that have the word. Matches come in the order of their start, then end, then the
patterns' order.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Any

ATTRS = ("LOWER", "LEMMA", "ORTH")
"""The token attributes a pattern's needed words are read from (TEXT is ORTH)."""
_REQUIRED_OPS = (None, "+")
"""Operators under which the token must occur at least once."""
CACHE_SIZE = 4096
"""How many Matchers for sets of candidate patterns are kept."""

Need = tuple[int, frozenset[int]]
"""One token a pattern needs: an attribute's index in ``ATTRS`` and the hashes it may have."""
Columns = tuple[list[int], ...]
"""A Doc's values of the ``ATTRS``, one list per attribute, token by token."""


def columns(doc: Any) -> Columns:
    """The values of ``ATTRS`` for every token of ``doc`` (read once per Doc, used per sentence)."""
    from spacy.attrs import LEMMA, LOWER, ORTH

    if len(doc) == 0:
        return ([], [], [])
    table = doc.to_array([LOWER, LEMMA, ORTH]).T.tolist()
    return table[0], table[1], table[2]


def _token_needs(spec: Mapping[str, Any], strings: Any) -> list[Need]:
    """What one token of a pattern needs, if it must be there; [] when nothing can be read."""
    if spec.get("OP") not in _REQUIRED_OPS:
        return []
    needs = []
    for key, value in spec.items():
        attr = "ORTH" if key == "TEXT" else key
        if attr not in ATTRS:
            continue
        if isinstance(value, str):
            values = [value]
        elif isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(v, str) for v in value["IN"]):
            values = value["IN"]
        else:
            continue  # NOT_IN, REGEX, FUZZY ...: not a closed set of words
        needs.append((ATTRS.index(attr), frozenset(strings.add(v) for v in values)))
    return needs


class RuleMatcher:
    """Matches patterns keyed by rule id, like one spaCy ``Matcher`` holding them all."""

    def __init__(self, vocab: Any, rules: Sequence[tuple[str, Sequence[Mapping[str, Any]]]]) -> None:
        from spacy.matcher import Matcher

        self.vocab = vocab
        self.rules = [(rule, list(pattern)) for rule, pattern in rules]
        check = Matcher(vocab, validate=True)  # a bad pattern fails here, as in one Matcher of all
        for rule, pattern in self.rules:
            check.add(rule, [pattern])
        strings = vocab.strings
        # Every need gets a number; ``_by_value`` finds the needs a word meets, attribute by attribute.
        self._needs_of: list[int] = []  # how many needs each pattern has
        self._pattern_of: list[int] = []  # the pattern of each need
        self._by_value: list[dict[int, list[int]]] = [{} for _ in ATTRS]
        for index, (_rule, pattern) in enumerate(self.rules):
            needs = [need for spec in pattern for need in _token_needs(spec, strings)]
            self._needs_of.append(len(needs))
            for attr, hashes in needs:
                number = len(self._pattern_of)
                self._pattern_of.append(index)
                for value in hashes:
                    self._by_value[attr].setdefault(value, []).append(number)
        self._values = [frozenset(table) for table in self._by_value]
        self._always = [index for index, count in enumerate(self._needs_of) if count == 0]
        # The last token of each pattern, when it must be there and its words can be read.
        self._last: list[tuple[Need, ...] | None] = []
        for _rule, pattern in self.rules:
            last = _token_needs(pattern[-1], strings) if pattern else []
            self._last.append(tuple(last) if last else None)
        self._matchers: OrderedDict[tuple[int, ...], Any] = OrderedDict()
        self._ids = [strings.add(rule) for rule, _pattern in self.rules]
        self._single: list[Need | None] = []
        """For a pattern of one token with one word attribute and no operator, what that token needs."""
        for _rule, pattern in self.rules:
            needs = _token_needs(pattern[0], strings) if len(pattern) == 1 and len(pattern[0]) == 1 else []
            self._single.append(needs[0] if len(needs) == 1 else None)
        self._can_end: dict[tuple[int, int, int], bool] = {}
        """(LOWER, LEMMA, ORTH) of a token -> whether some pattern can end at it."""

    def __call__(self, doc: Any, values: Columns, start: int, end: int, *, ending: bool = False) -> list[tuple[int, int, int]]:
        """The matches in ``doc[start:end]``, as ``Matcher(doc[start:end])`` gives them (offsets
        within the span); ``values`` are the Doc's ``columns``. With ``ending``, only the
        matches that end at the span's last token."""
        if end <= start:
            return []
        if ending and not self._may_end(values, end - 1):
            return []  # no pattern can end at the last token
        satisfied: set[int] = set()  # the needs some token of the span meets
        for attr, column in enumerate(values):
            by_value = self._by_value[attr]
            for value in self._values[attr].intersection(column[start:end]):
                satisfied.update(by_value[value])
        met: dict[int, int] = {}  # pattern -> how many of its needs are satisfied
        for number in satisfied:
            pattern = self._pattern_of[number]
            met[pattern] = met.get(pattern, 0) + 1
        candidates = sorted([pattern for pattern, count in met.items() if count == self._needs_of[pattern]] + self._always)
        if ending:
            candidates = [index for index in candidates if self._meets(self._last[index], values, end - 1)]
        if not candidates:
            return []
        multi = tuple(index for index in candidates if self._single[index] is None)
        found: list[tuple[int, int, int]] = list(self._matcher(multi)(doc[start:end])) if multi else []
        for index in candidates:
            single = self._single[index]
            if single is not None:
                attr, words = single
                column, rule = values[attr], self._ids[index]
                found += [(rule, i - start, i - start + 1) for i in range(start, end) if column[i] in words]
        order = {rule: position for position, rule in enumerate(self._ids[index] for index in candidates)}
        found.sort(key=lambda m: (m[1], m[2], order[m[0]]))
        if ending:
            return [m for m in found if m[2] == end - start]
        return found

    def _may_end(self, values: Columns, i: int) -> bool:
        """False when no pattern can end at token ``i`` (decided once per token form)."""
        key = (values[0][i], values[1][i], values[2][i])
        may = self._can_end.get(key)
        if may is None:
            may = self._can_end[key] = any(self._meets(last, values, i) for last in self._last)
        return may

    @staticmethod
    def _meets(needs: tuple[Need, ...] | None, values: Columns, i: int) -> bool:
        """False when token ``i`` cannot be the last token of a pattern with these ``needs``."""
        return needs is None or all(values[attr][i] in hashes for attr, hashes in needs)

    def _matcher(self, candidates: tuple[int, ...]) -> Any:
        """A Matcher holding the ``candidates`` (pattern indices), in their order (kept for reuse)."""
        matcher = self._matchers.get(candidates)
        if matcher is None:
            from spacy.matcher import Matcher

            matcher = Matcher(self.vocab, validate=False)  # checked once, in __init__
            for index in candidates:
                rule, pattern = self.rules[index]
                matcher.add(rule, [pattern])
            self._matchers[candidates] = matcher
            if len(self._matchers) > CACHE_SIZE:
                self._matchers.popitem(last=False)
        else:
            self._matchers.move_to_end(candidates)
        return matcher
