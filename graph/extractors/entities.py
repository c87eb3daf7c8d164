"""Find the actors, frameworks and persons a document names.

Gazetteer names are matched with spaCy's PhraseMatcher over the normalised text,
longest match first. Case matters ("the Alliance", not "an alliance"; "US", not "us"),
except in all-capital headings. A name resolves to the entry valid on the document's
date. Acronyms defined in the text (``Full Name (ACR)``) whose name is headed by an
institutional noun become entities of that document even when the gazetteer lacks them.
Nothing here looks at another document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from graph.datafiles import DATA_DIR, read_jsonl
from graph.document import Document
from graph.extractors.acronyms import find_acronym_definitions
from graph.gazetteer import Gazetteer, GazetteerEntry
from graph.ids import slugify
from graph.records import Entity, EntityMention

RULE_GAZETTEER = "entity-gazetteer"
RULE_ACRONYM = "entity-acronym-definition"
RULE_LOCAL_NAME = "entity-local-name"

_CLASS_ORDER = ("State", "Organisation", "Framework", "Person")
_PREPOSITION = re.compile(r"\s(?:of|on|for|in|between|to|against|with)\s")


@dataclass(frozen=True)
class HeadNoun:
    """An institutional noun that heads a name, and the classes such a name gets."""

    rule: str
    noun: str
    classes: tuple[str, ...]


@lru_cache(maxsize=1)
def head_nouns() -> dict[str, HeadNoun]:
    """The institutional-noun lexicon, keyed by the noun and its plural."""
    path = DATA_DIR / "institutional-nouns.jsonl"
    table: dict[str, HeadNoun] = {}
    for _, obj in read_jsonl(path, required=("id", "noun", "class"), allowed=("id", "noun", "class")):
        noun = HeadNoun(obj["id"], obj["noun"], tuple(obj["class"]))
        table[noun.noun] = noun
        plural = noun.noun[:-1] + "ies" if noun.noun.endswith("y") else noun.noun + "s"
        table.setdefault(plural, noun)
    return table


def entity_from_entry(entry: GazetteerEntry) -> Entity:
    """The record of a gazetteer entry."""
    return Entity(
        id=entry.id,
        classes=tuple(c for c in _CLASS_ORDER if c in entry.classes),
        label=entry.label,
        aliases=tuple(entry.aliases),
        acronym=entry.acronym,
        wikidata=entry.wikidata,
        valid_from=entry.valid_from,
        valid_to=entry.valid_to,
        replaced_by=tuple(entry.replaced_by),
        part_of=tuple(entry.part_of),
    )


def _case_matches(found: str, name: str) -> bool:
    """True when ``found`` (the text) may be read as ``name`` (a gazetteer name)."""
    if found == name:
        return True
    if name[:1].islower() and found[:1].upper() == name[:1].upper() and found[1:] == name[1:]:
        return True  # "The Alliance" at a sentence start for "the Alliance"
    letters = [c for c in found if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return len(name.split()) >= 2 or len(letters) >= 5  # an all-capital heading
    return False


class EntityFinder:
    """Finds entity mentions in documents, for one gazetteer (build it once, call it often)."""

    def __init__(self, gazetteer: Gazetteer, nlp: Any) -> None:
        from spacy.matcher import PhraseMatcher

        self.gazetteer = gazetteer
        self.nlp = nlp
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._names: dict[int, list[str]] = {}
        for name, _entity_id in gazetteer.names():
            key = nlp.vocab.strings.add(name.lower())
            if key not in self._names:
                self._names[key] = []
                self.matcher.add(name.lower(), [nlp.make_doc(name)])
            if name not in self._names[key]:
                self._names[key].append(name)

    def __call__(self, document: Document) -> tuple[dict[str, Entity], list[EntityMention]]:
        """The entities of ``document`` (by id) and their mentions, in text order."""
        from spacy.util import filter_spans

        from graph.nlp import parse_paragraphs

        parsed = document.parsed or tuple(parse_paragraphs(document.text, document.paragraphs))
        entities: dict[str, Entity] = {}
        mentions: list[EntityMention] = []
        for paragraph, doc in zip(document.paragraphs, parsed, strict=True):
            spans = []
            for match_id, start, end in self.matcher(doc):
                span = doc[start:end]
                span.label = match_id
                spans.append(span)
            for span in filter_spans(spans):
                entry = self._resolve(span.text, span.label, document.date)
                if entry is None:
                    continue
                entities.setdefault(entry.id, entity_from_entry(entry))
                begin = paragraph.start + span.start_char
                mentions.append(EntityMention(entry.id, begin, begin + len(span.text), span.text, RULE_GAZETTEER))
        self._add_local_entities(document, entities, mentions)
        mentions.sort(key=lambda m: (m.start, m.end))
        return entities, mentions

    def _resolve(self, found: str, key: int, date: str | None) -> GazetteerEntry | None:
        for name in self._names.get(key, ()):
            if _case_matches(found, name):
                entry = self.gazetteer.resolve(name, date)
                if entry is not None:
                    return entry
        return None

    def _add_local_entities(self, document: Document, entities: dict[str, Entity], mentions: list[EntityMention]) -> None:
        text = document.text
        taken = [(m.start, m.end) for m in mentions]

        def free(start: int, end: int) -> bool:
            return all(end <= s or start >= e for s, e in taken)

        nouns = head_nouns()
        local: list[Entity] = []
        for definition in find_acronym_definitions(text):
            if not free(definition.long_start, definition.long_end) or not free(definition.acr_start, definition.acr_end):
                continue  # already a gazetteer name
            if self.gazetteer.candidates(definition.acronym) or self.gazetteer.candidates(definition.long):
                continue
            head_part = _PREPOSITION.split(f" {definition.long} ", maxsplit=1)[0].split()
            head = nouns.get(head_part[-1]) if head_part else None
            if head is None:
                continue
            label = " ".join(definition.long.split())
            primary = head.classes[0].lower()
            entity = Entity(
                id=f"{primary}-{slugify(label)}",
                classes=head.classes,
                label=label,
                acronym=definition.acronym,
                local=True,
            )
            entities.setdefault(entity.id, entity)
            local.append(entity)
        for entity in local:
            for name, rule_id in ((entity.label, RULE_LOCAL_NAME), (entity.acronym or "", RULE_ACRONYM)):
                if not name:
                    continue
                for match in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text):
                    if free(match.start(), match.end()):
                        taken.append((match.start(), match.end()))
                        mentions.append(EntityMention(entity.id, match.start(), match.end(), match.group(), rule_id))
