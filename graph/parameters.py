"""Query parameters: the name a person types (``Russia``, ``rus``, ``NATO``, ``<IRI>``)
resolved to the IRI of an entity of the graph.

A value in angle brackets is taken as an IRI as it stands. Any other value is matched,
ignoring case, against the ids (``dcterms:identifier``), labels (``rdfs:label``),
acronyms (``dg:acronym``) and other names (``skos:altLabel``) of the actors,
frameworks, persons and topics in the graph, in that order of preference.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import DCTERMS, RDF, RDFS, SKOS, URIRef

from graph.errors import DiplographError
from graph.namespaces import DG

ENTITY_CLASSES: tuple[URIRef, ...] = (DG.Actor, DG.Framework, DG.Person, DG.Topic)
"""The classes whose instances a parameter value can name."""
NAME_PROPERTIES: tuple[URIRef, ...] = (DCTERMS.identifier, RDFS.label, DG.acronym, SKOS.altLabel)
"""The properties a value is matched against, the most telling first."""


@dataclass(frozen=True)
class Name:
    """One name of an entity: the text, how telling it is (0 = its id) and the entity."""

    text: str
    rank: int
    entity: ox.NamedNode


def _node(iri: URIRef) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def entity_names(store: ox.Store) -> dict[str, list[Name]]:
    """Every name of every entity in ``store``, keyed by its case-folded text."""
    entities: set[ox.NamedNode] = set()
    for cls in ENTITY_CLASSES:
        for quad in store.quads_for_pattern(None, _node(RDF.type), _node(cls), None):
            if isinstance(quad.subject, ox.NamedNode):
                entities.add(quad.subject)
    names: dict[str, list[Name]] = {}
    for rank, prop in enumerate(NAME_PROPERTIES):
        for quad in store.quads_for_pattern(None, _node(prop), None, None):
            subject, value = quad.subject, quad.object
            if isinstance(subject, ox.NamedNode) and subject in entities and isinstance(value, ox.Literal):
                names.setdefault(value.value.casefold(), []).append(Name(value.value, rank, subject))
    return names


def closest(value: str, names: Mapping[str, list[Name]], count: int = 3) -> list[str]:
    """The ``count`` names most like ``value`` (difflib's ratio), as they are written."""
    keys = difflib.get_close_matches(value.casefold(), list(names), n=count, cutoff=0.0)
    return [min(names[key], key=lambda n: (n.rank, n.text)).text for key in keys]


def resolve(store: ox.Store, name: str, value: str, origin: str | Path) -> ox.NamedNode:
    """The entity ``--param name=value`` names in ``store`` (loaded from ``origin``)."""
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        try:
            return ox.NamedNode(value[1:-1])
        except ValueError as exc:
            raise DiplographError(f"{origin}: --param {name}={value} is not a valid IRI ({exc}; write it as <https://...>)") from exc
    names = entity_names(store)
    found = names.get(value.casefold(), [])
    if not found:
        suggestions = ", ".join(f'"{text}"' for text in closest(value, names))
        hint = f"closest: {suggestions}; " if suggestions else ""
        raise DiplographError(
            f"{origin}: --param {name}={value} names no actor, framework, person or topic "
            f"({hint}give an id, a label, an acronym or an <IRI>)"
        )
    best = min(n.rank for n in found)
    entities = sorted({n.entity.value for n in found if n.rank == best})
    if len(entities) > 1:
        listed = ", ".join(f"<{iri}>" for iri in entities)
        raise DiplographError(f"{origin}: --param {name}={value} names {len(entities)} entities ({listed}; give one as <IRI>)")
    return ox.NamedNode(entities[0])
