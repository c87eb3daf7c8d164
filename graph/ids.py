"""Identifiers: slugs and the instance IRIs other tools rely on.

Every IRI of an instance is made here, from the base in the ontology
(``https://w3id.org/diplograph/id/``); no other module spells one.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

from graph.namespaces import ID_BASE

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify(text: str) -> str:
    """Lower-case ASCII slug of ``text``: ``"EST_50_1995"`` -> ``"est-50-1995"``.

    Accents are dropped ("Zürich" -> "zurich"); a text with no ASCII letter or
    digit left gets ``doc-`` and a short hash of the original, so the slug is
    never empty and the same text always gives the same slug.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    if not slug:
        slug = "doc-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    return slug


def actor_iri(entity_id: str) -> URIRef:
    """IRI of an Actor (a state, an organisation, a body that is also a framework)."""
    return URIRef(f"{ID_BASE}actor/{entity_id}")


def framework_iri(entity_id: str) -> URIRef:
    """IRI of a Framework that is not an Actor (programme, treaty, plan, document)."""
    return URIRef(f"{ID_BASE}framework/{entity_id}")


def person_iri(entity_id: str) -> URIRef:
    """IRI of a Person."""
    return URIRef(f"{ID_BASE}person/{entity_id}")


def topic_iri(topic_id: str) -> URIRef:
    """IRI of a Topic (an area of cooperation)."""
    return URIRef(f"{ID_BASE}topic/{topic_id}")


def document_iri(doc_id: str) -> URIRef:
    """IRI of a Document."""
    return URIRef(f"{ID_BASE}document/{doc_id}")


def action_iri(doc_id: str, rank: int) -> URIRef:
    """IRI of the ``rank``-th (1-based, by start offset) AgreedAction of a document."""
    return URIRef(f"{ID_BASE}action/{doc_id}/{rank}")


def document_graph_iri(doc_id: str) -> URIRef:
    """Named graph holding what one document says."""
    return URIRef(f"{ID_BASE}graph/{doc_id}")


SHARED_GRAPH = URIRef(f"{ID_BASE}graph/shared")
"""Named graph with the entity descriptions, action types and topics."""


def entity_iri(entity_id: str, classes: tuple[str, ...]) -> URIRef:
    """IRI of an entity by its classes: Actors first, then Persons, then Frameworks."""
    if "State" in classes or "Organisation" in classes:
        return actor_iri(entity_id)
    if "Person" in classes:
        return person_iri(entity_id)
    return framework_iri(entity_id)


def doc_id_from_iri(iri: str) -> str | None:
    """The ``<doc>`` of a document or document-graph IRI, else ``None``."""
    for kind in ("document/", "graph/"):
        prefix = f"{ID_BASE}{kind}"
        if iri.startswith(prefix):
            rest = iri[len(prefix):]
            if kind == "graph/" and rest == "shared":
                return None
            return rest
    return None
