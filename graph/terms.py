"""RDF terms between pyoxigraph (fast parsing and writing) and rdflib (the rest of the package)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from graph.errors import DiplographError

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_rdflib(term: object) -> Node:
    """A pyoxigraph IRI or literal as the rdflib term the builder would have made."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise DiplographError(f"cannot read the term {term!r} (diplograph writes no blank nodes)")


def union_of_nquads(path: Path) -> Graph:
    """Every triple of every named graph of the N-Quads file at ``path``, as one rdflib graph."""
    union = Graph()
    with path.open("rb") as handle:
        for quad in ox.parse(handle, format=ox.RdfFormat.N_QUADS):
            union.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return union
