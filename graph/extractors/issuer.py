"""Find the body that issued a document ("We, the Foreign Ministers ... of the NACC",
"Meeting of the North Atlantic Council", "The Defence Planning Committee ... met"), or the
State whose speech it is.

Patterns are data (``graph/data/issuer-patterns.jsonl``); they only point at where the
issuer is named, and the entity mentions already found say who it is. One entry of the file
is the speaker rule instead of a pattern: a text that speaks in the first person singular
("I", "my country") and names one State far more often than any other is that State's speech
(a speech names its speaker's country more than any other; on the UN General Debate corpus
the rule is right for about 97 in 100 of the speeches it decides on).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path

from graph.datafiles import DATA_DIR, read_jsonl
from graph.document import Document
from graph.errors import DataError
from graph.records import Entity, EntityMention, IssuerFinding

FLAT_HEADER_CHARS = 300
"""In a text whose lines were run together, how far its header may reach: an organisation's
name followed at once by its body's there ("Western European Union Council of Ministers
PETERSBERG DECLARATION ...") names the issuer."""
OPENING_BODY_PARAGRAPHS = 2
"""How many body paragraphs after the header the issuer patterns look at."""


@dataclass(frozen=True)
class SpeakerRule:
    """When a document is a State's speech (see the module's docstring)."""

    first_person: re.Pattern[str]
    """The words of a speaker who speaks for a State ("I wish", "my delegation")."""
    min_first_person: int
    min_mentions: int
    """How often the State must be named ..."""
    dominance: float
    """... and how many times more often than the State named next most often."""


@dataclass(frozen=True)
class IssuerPattern:
    rule: str
    regex: re.Pattern[str] | None
    speaker: SpeakerRule | None = None
    heading_body: bool = False
    """The rule for a body named in the header after its organisation (see ``_heading_body``)."""


@lru_cache(maxsize=1)
def issuer_patterns() -> tuple[IssuerPattern, ...]:
    """The issuer patterns, in the order they are tried."""
    path = DATA_DIR / "issuer-patterns.jsonl"
    patterns = []
    for line, obj in read_jsonl(path, required=("id",), allowed=("id", "pattern", "speaker", "heading_body")):
        if sum(key in obj for key in ("pattern", "speaker", "heading_body")) != 1:
            raise DataError(path, line, 'give one of "pattern", "speaker" or "heading_body"')
        if "heading_body" in obj:
            if obj["heading_body"] is not True:
                raise DataError(path, line, '"heading_body" must be true')
            patterns.append(IssuerPattern(obj["id"], None, heading_body=True))
            continue
        if "speaker" in obj:
            patterns.append(IssuerPattern(obj["id"], None, _speaker_rule(obj["speaker"], path, line)))
            continue
        try:
            regex = re.compile(obj["pattern"])
        except re.error as exc:
            raise DataError(path, line, f"invalid regular expression: {exc}") from exc
        if "at" not in regex.groupindex and "span" not in regex.groupindex:
            raise DataError(path, line, 'the pattern needs a group named "at" or "span"')
        patterns.append(IssuerPattern(obj["id"], regex))
    return tuple(patterns)


def _speaker_rule(raw: object, path: Path, line: int) -> SpeakerRule:
    keys = ("first_person", "min_first_person", "min_mentions", "dominance")
    if not isinstance(raw, dict) or sorted(raw) != sorted(keys):
        raise DataError(path, line, f'"speaker" must be an object with the fields {", ".join(keys)}')
    try:
        first_person = re.compile(raw["first_person"])
    except (re.error, TypeError) as exc:
        raise DataError(path, line, f'"first_person" is not a regular expression: {exc}') from exc
    numbers = [raw[k] for k in keys[1:]]
    if not all(isinstance(n, int | float) and not isinstance(n, bool) and n > 0 for n in numbers):
        raise DataError(path, line, f'{", ".join(keys[1:])} must be positive numbers')
    return SpeakerRule(first_person, int(raw["min_first_person"]), int(raw["min_mentions"]), float(raw["dominance"]))


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
    for pattern in issuer_patterns():
        if pattern.speaker is not None:
            speaker = _speaker(pattern.speaker, document.text, entities, mentions)
            if speaker is not None:
                return [IssuerFinding(speaker.entity_id, speaker.start, speaker.end, pattern.rule)]
            continue
        if pattern.heading_body:
            body = _heading_body(document, entities, bodies)
            if body is not None:
                return [IssuerFinding(body.entity_id, body.start, body.end, pattern.rule)]
            continue
        if not bodies or pattern.regex is None:
            continue
        for match in pattern.regex.finditer(opening):
            found = _issuers_at(match, bodies, opening)
            if found:
                return [IssuerFinding(m.entity_id, m.start, m.end, pattern.rule) for m in found]
    return []


def _heading_body(document: Document, entities: dict[str, Entity], bodies: list[EntityMention]) -> EntityMention | None:
    """A body named in the header after its organisation, ending its heading line or right
    after the organisation's name ("WESTERN EUROPEAN UNION COUNCIL OF MINISTERS", or
    "Organization for Security and Co-operation in Europe" and then "Permanent Council"): the
    body issued the text. A body is the organisation's when its label holds the
    organisation's acronym or name as words."""
    header_end = next((p.start for p in document.paragraphs if p.kind == "body"), len(document.text))
    header = [m for m in bodies if m.end <= max(header_end, FLAT_HEADER_CHARS)]
    line_ends = {p.end for p in document.paragraphs}
    text = document.text
    for later in header:
        label = f" {entities[later.entity_id].label} "
        for earlier in header:
            if earlier.start >= later.start or earlier.entity_id == later.entity_id:
                continue
            adjacent = not text[earlier.end : later.start].strip()
            if not (later.end in line_ends and later.end <= header_end or adjacent):
                continue  # "COUNCIL OF MINISTERS" ends its heading line, or follows its organisation's name
            organisation = entities[earlier.entity_id]
            names = [n for n in (organisation.acronym, organisation.label) if n]
            if any(f" {name} " in label for name in names):
                return later
    return None


def _speaker(rule: SpeakerRule, text: str, entities: dict[str, Entity], mentions: list[EntityMention]) -> EntityMention | None:
    """The first mention of the State whose speech ``text`` is, or None."""
    counts: Counter[str] = Counter()
    first: dict[str, EntityMention] = {}
    for mention in mentions:
        if "State" in entities[mention.entity_id].classes:
            counts[mention.entity_id] += 1
            first.setdefault(mention.entity_id, mention)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < rule.min_mentions:
        return None
    if len(ranked) > 1 and ranked[0][1] < rule.dominance * ranked[1][1]:
        return None
    spoken = islice(rule.first_person.finditer(text), rule.min_first_person)
    return first[ranked[0][0]] if sum(1 for _ in spoken) >= rule.min_first_person else None


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
