"""The one place that turns extracted records into RDF triples.

A document's triples go to its own named graph (``graph/<doc>``); the descriptions of
the entities it mentions, and the action-type scheme, go to ``graph/shared``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from urllib.parse import quote

from rdflib import DCTERMS, OWL, RDF, RDFS, SKOS, XSD, Literal, URIRef
from rdflib.term import Node

from graph.extractors.lexicon import topics
from graph.ids import action_iri, document_iri, entity_iri, topic_iri
from graph.namespaces import DG
from graph.ontology import action_type_triples, action_types
from graph.records import ActionRecord, Entity, Extraction

Triple = tuple[URIRef, URIRef, Node]
"""One RDF statement (no blank nodes are ever made)."""

WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
_CLASS_IRIS = {"State": DG.State, "Organisation": DG.Organisation, "Framework": DG.Framework, "Person": DG.Person}
_IRI_UNSAFE = re.compile(r"[^A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://[^\s/?#]+")


def safe_iri(url: str) -> URIRef | None:
    """``url`` as an IRI every strict parser accepts (unsafe characters percent-encoded), or None."""
    url = url.strip()
    if not _URL.match(url):
        return None
    return URIRef(_IRI_UNSAFE.sub(lambda m: quote(m.group(), safe=""), url))


def date_literal(value: str) -> Literal:
    """An ISO date ("1994-06-22"), year-month ("1999-11") or year ("1995") as a typed literal."""
    return Literal(value, datatype={4: XSD.gYear, 7: XSD.gYearMonth}.get(len(value), XSD.date))


def document_triples(extraction: Extraction) -> list[Triple]:
    """What one document says: its metadata, the entities it mentions, who issued it."""
    doc = extraction.document
    subject = document_iri(doc.doc_id)
    triples: list[Triple] = [
        (subject, RDF.type, DG.Document),
        (subject, DCTERMS.title, Literal(doc.title or doc.source)),
        (subject, DCTERMS.source, Literal(doc.source)),
    ]
    if doc.source_url and (url := safe_iri(doc.source_url)) is not None:
        triples.append((subject, DCTERMS.source, url))
    if doc.date:
        triples.append((subject, DCTERMS.date, date_literal(doc.date)))
    if doc.modified:
        triples.append((subject, DCTERMS.modified, Literal(doc.modified, datatype=XSD.date)))
    if doc.identifier:
        triples.append((subject, DCTERMS.identifier, Literal(doc.identifier)))
    if doc.doc_type:
        triples.append((subject, DCTERMS.type, Literal(doc.doc_type)))
    for entity_id in sorted({m.entity_id for m in extraction.mentions}):
        entity = extraction.entities[entity_id]
        triples.append((subject, DG.mentions, entity_iri(entity.id, entity.classes)))
    for issuer in extraction.issuers:
        entity = extraction.entities[issuer.entity_id]
        triples.append((subject, DG.issuedBy, entity_iri(entity.id, entity.classes)))
    triples += action_triples(extraction)
    return triples


def ranked_actions(actions: Iterable[ActionRecord]) -> list[ActionRecord]:
    """Actions in the order of their IRIs: by start offset (then governing word), each part right after its parent."""
    ordered: list[ActionRecord] = []
    for action in sorted(actions, key=lambda a: (a.start, a.anchor)):
        ordered.append(action)
        ordered.extend(action.parts)
    return ordered


def action_triples(extraction: Extraction) -> list[Triple]:
    """The agreed actions of one document, ``action/<doc>/<n>``."""
    doc_id = extraction.document.doc_id
    document = document_iri(doc_id)
    types = action_types()
    triples: list[Triple] = []
    rank = {id(a): n for n, a in enumerate(ranked_actions(extraction.actions), start=1)}

    def iri_of(entity_id: str) -> URIRef:
        entity = extraction.entities[entity_id]
        return entity_iri(entity.id, entity.classes)

    for action in ranked_actions(extraction.actions):
        subject = action_iri(doc_id, rank[id(action)])
        triples += [
            (subject, RDF.type, DG.AgreedAction),
            (subject, DG.actionType, types[action.type].iri),
            (subject, DG.object, Literal(action.object)),
            (subject, DG.statedIn, document),
            (subject, DG.evidence, Literal(action.evidence)),
            (subject, DG.start, Literal(action.start)),
            (subject, DG.end, Literal(action.end)),
            (subject, DG.rule, Literal(action.rule)),
        ]
        triples += [(subject, DG.agent, iri_of(a)) for a in action.agents]
        triples += [(subject, DG.framework, iri_of(f)) for f in action.frameworks]
        triples += [(subject, DG.topic, topic_iri(t)) for t in action.topics]
        triples += [(subject, DG.hasPart, action_iri(doc_id, rank[id(p)])) for p in action.parts]
        if action.paragraph is not None:
            triples.append((subject, DG.paragraph, Literal(action.paragraph)))
        if action.negated:
            triples.append((subject, DG.negated, Literal(True)))
    return triples


def topic_triples() -> list[Triple]:
    """The topic scheme's concepts (``graph/data/topics.jsonl``), for graph/shared."""
    triples: list[Triple] = []
    for topic in topics():
        subject = topic_iri(topic.id)
        triples += [
            (subject, RDF.type, DG.Topic),
            (subject, RDF.type, SKOS.Concept),
            (subject, SKOS.prefLabel, Literal(topic.label, lang="en")),
            (subject, RDFS.label, Literal(topic.label, lang="en")),
            (subject, SKOS.inScheme, DG.Topics),
            (subject, DCTERMS.identifier, Literal(topic.id)),
        ]
        triples += [(subject, SKOS.altLabel, Literal(term, lang="en")) for term in topic.terms if term != topic.label]
    return triples


def entity_triples(entity: Entity, successor: Callable[[str], Entity | None]) -> list[Triple]:
    """The description of one entity (for ``graph/shared``). ``successor`` looks up an id
    (of a successor, or of a framework the entity belongs to)."""
    subject = entity_iri(entity.id, entity.classes)
    triples: list[Triple] = []
    if entity.is_actor:
        triples.append((subject, RDF.type, DG.Actor))
    triples += [(subject, RDF.type, _CLASS_IRIS[c]) for c in entity.classes]
    triples += [
        (subject, RDFS.label, Literal(entity.label)),
        (subject, DCTERMS.identifier, Literal(entity.id)),
    ]
    triples += [(subject, SKOS.altLabel, Literal(a)) for a in entity.aliases if a != entity.label]
    if entity.acronym:
        triples.append((subject, DG.acronym, Literal(entity.acronym)))
    if entity.wikidata:
        triples.append((subject, OWL.sameAs, URIRef(WIKIDATA_ENTITY + entity.wikidata)))
    if entity.valid_from:
        triples.append((subject, DG.validFrom, Literal(entity.valid_from, datatype=XSD.date)))
    if entity.valid_to:
        triples.append((subject, DG.validTo, Literal(entity.valid_to, datatype=XSD.date)))
    for next_id in entity.replaced_by:
        follower = successor(next_id)
        if follower is not None:
            triples.append((subject, DG.replacedBy, entity_iri(follower.id, follower.classes)))
    for parent_id in entity.part_of:
        parent = successor(parent_id)
        if parent is not None:
            triples.append((subject, DCTERMS.isPartOf, entity_iri(parent.id, parent.classes)))
    return triples


def shared_triples(entities: Iterable[Entity], successor: Callable[[str], Entity | None]) -> list[Triple]:
    """``graph/shared``: the entities (and their successors, transitively) and the action types."""
    todo = sorted(entities, key=lambda e: e.id)
    described: dict[str, Entity] = {}
    while todo:
        entity = todo.pop()
        if entity.id in described:
            continue
        described[entity.id] = entity
        for next_id in entity.replaced_by + entity.part_of:
            follower = successor(next_id)
            if follower is not None and follower.id not in described:
                todo.append(follower)
    triples: list[Triple] = []
    for entity_id in sorted(described):
        triples += entity_triples(described[entity_id], successor)
    triples += action_type_triples()  # type: ignore[arg-type]
    triples += topic_triples()
    return triples
