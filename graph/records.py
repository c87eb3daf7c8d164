"""The plain records the extractors find. The builder turns them into triples.

Records hold no RDF: ids, labels, offsets into the document's normalised text, and
the id of the rule that produced them. ``as_json()`` gives what ``diplograph extract
--jsonl`` prints.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from graph.document import Document


@dataclass(frozen=True)
class Entity:
    """An actor, framework or person a document refers to.

    ``local`` is true for an entity found only in this document's text (an acronym
    defined there, a name headed by an institutional noun); its id is
    ``<class>-<slug of the name>``.
    """

    id: str
    classes: tuple[str, ...]
    label: str
    aliases: tuple[str, ...] = ()
    acronym: str | None = None
    wikidata: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    replaced_by: tuple[str, ...] = ()
    part_of: tuple[str, ...] = ()
    local: bool = False

    @property
    def is_actor(self) -> bool:
        """True for states and organisations (the possible agents of actions)."""
        return "State" in self.classes or "Organisation" in self.classes


@dataclass(frozen=True)
class EntityMention:
    """A span of the text that names an entity."""

    entity_id: str
    start: int
    end: int
    text: str
    rule: str

    def as_json(self, entity: Entity) -> dict[str, Any]:
        return {
            "kind": "entity",
            "id": self.entity_id,
            "class": list(entity.classes),
            "label": entity.label,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "rule": self.rule,
        }


@dataclass(frozen=True)
class IssuerFinding:
    """The body that issued the document, found at a span of the text."""

    entity_id: str
    start: int
    end: int
    rule: str

    def as_json(self) -> dict[str, Any]:
        return {"kind": "issuer", "id": self.entity_id, "start": self.start, "end": self.end, "rule": self.rule}


@dataclass(frozen=True)
class ActionRecord:
    """An agreed action: who (``agents``, actor ids) did what (``type``, ``object``).

    ``start``/``end`` delimit the evidence (the sentence, or a list item for a part) in
    the normalised text; ``object_start``/``object_end`` the object; ``anchor`` is the
    offset of the governing word, which orders actions that share a sentence.
    """

    type: str
    agents: tuple[str, ...]
    object: str
    object_start: int
    object_end: int
    evidence: str
    start: int
    end: int
    anchor: int
    rule: str
    paragraph: int | None = None
    frameworks: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    negated: bool = False
    parts: tuple[ActionRecord, ...] = ()
    subject_rule: str | None = None

    def as_json(self) -> dict[str, Any]:
        record = {"kind": "action", **asdict(self)}
        record["id"] = self.type
        record["parts"] = [{"kind": "part", **asdict(p)} for p in self.parts]
        for part in record["parts"]:
            part.pop("parts")
        return record


@dataclass
class Extraction:
    """Everything found in one document."""

    document: Document
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[EntityMention] = field(default_factory=list)
    issuers: list[IssuerFinding] = field(default_factory=list)
    actions: list[ActionRecord] = field(default_factory=list)
    unresolved: int = 0
    """Actions left out because their agent could not be resolved."""

    def records(self) -> list[dict[str, Any]]:
        """All findings as JSON-ready dicts, in text order (document metadata first)."""
        doc = self.document
        out: list[dict[str, Any]] = [
            {
                "kind": "document",
                "id": doc.doc_id,
                "source": doc.source,
                "title": doc.title,
                "date": doc.date,
                "modified": doc.modified,
                "identifier": doc.identifier,
                "type": doc.doc_type,
                "source_url": doc.source_url,
            }
        ]
        found: list[dict[str, Any]] = [m.as_json(self.entities[m.entity_id]) for m in self.mentions]
        found += [i.as_json() for i in self.issuers]
        found += [a.as_json() for a in self.actions]
        found.sort(key=lambda r: (r["start"], r.get("anchor", r["start"]), r["end"], r["kind"], str(r["id"])))
        return out + found
