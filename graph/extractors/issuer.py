"""Find the body that issued a document ("We, the Foreign Ministers ... of the NACC",
"Meeting of the North Atlantic Council", "The Defence Planning Committee ... met").

Patterns are data (``graph/data/issuer-patterns.jsonl``); they only point at where the
issuer is named, and the entity mentions already found say who it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graph.datafiles import DATA_DIR, read_jsonl
from graph.document import Document
from graph.errors import DataError
from graph.records import Entity, EntityMention, IssuerFinding

OPENING_BODY_PARAGRAPHS = 2
"""How many body paragraphs after the header the issuer patterns look at."""


@dataclass(frozen=True)
class IssuerPattern:
    rule: str
    regex: re.Pattern[str]


@lru_cache(maxsize=1)
def issuer_patterns() -> tuple[IssuerPattern, ...]:
    """The issuer patterns, in the order they are tried."""
    path = DATA_DIR / "issuer-patterns.jsonl"
    patterns = []
    for line, obj in read_jsonl(path, required=("id", "pattern"), allowed=("id", "pattern")):
        try:
            regex = re.compile(obj["pattern"])
        except re.error as exc:
            raise DataError(path, line, f"invalid regular expression: {exc}") from exc
        if "at" not in regex.groupindex and "span" not in regex.groupindex:
            raise DataError(path, line, 'the pattern needs a group named "at" or "span"')
        patterns.append(IssuerPattern(obj["id"], regex))
    return tuple(patterns)


def opening_end(document: Document) -> int:
    """Offset where the document's opening (header and first body paragraphs) ends."""
    seen = 0
    for para in document.paragraphs:
        if para.kind == "body":
            seen += 1
            if seen == OPENING_BODY_PARAGRAPHS:
                return para.end
    return len(document.text)


def find_issuers(document: Document, entities: dict[str, Entity], mentions: list[EntityMention]) -> list[IssuerFinding]:
    """The issuing bodies of ``document`` found by the first pattern that yields any."""
    end = opening_end(document)
    opening = document.text[:end]
    bodies = [m for m in mentions if m.end <= end and "Organisation" in entities[m.entity_id].classes]
    if not bodies:
        return []
    for pattern in issuer_patterns():
        for match in pattern.regex.finditer(opening):
            found = _issuers_at(match, bodies, opening)
            if found:
                return [IssuerFinding(m.entity_id, m.start, m.end, pattern.rule) for m in found]
    return []


def _issuers_at(match: re.Match[str], bodies: list[EntityMention], text: str) -> list[EntityMention]:
    if "at" in match.re.groupindex and match.group("at") is not None:
        at = match.start("at")
        return [m for m in bodies if m.start == at][:1]
    start, end = match.span("span")
    inside = [m for m in bodies if m.start >= start and m.end <= end]
    if not inside:
        return []
    heads = [m for m in inside if not re.search(r"\bof\s+(?:the\s+)?$", text[start : m.start])]
    chosen = heads or inside[-1:]
    unique: dict[str, EntityMention] = {}
    for m in chosen:
        unique.setdefault(m.entity_id, m)
    return list(unique.values())
