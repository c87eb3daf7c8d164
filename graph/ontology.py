"""Where the ontology and shapes live, and the closed table of action types read from them.

The Turtle files in ``ontology/`` are the source of truth. Installed from a wheel they sit
in the package as ``graph/ontology/``; in a source checkout (or an editable install) they
are read from the repository's ``ontology/`` folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, RDFS, SKOS, Graph, URIRef

from graph.errors import OntologyError
from graph.namespaces import DG


def ontology_dir() -> Path:
    """The folder holding ``diplograph.ttl`` and ``shapes.ttl``."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "ontology", here.parent / "ontology"):
        if (candidate / "diplograph.ttl").is_file():
            return candidate
    raise OntologyError(
        f"{here / 'ontology'}: diplograph.ttl not found (reinstall diplograph: the ontology ships with the package)"
    )


def _parse(name: str) -> Graph:
    path = ontology_dir() / name
    try:
        return Graph().parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as exc:
        raise OntologyError(f"{path}: cannot be parsed as Turtle ({exc})") from exc


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The ontology (``ontology/diplograph.ttl``) as an rdflib graph. Do not modify it."""
    return _parse("diplograph.ttl")


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The SHACL shapes (``ontology/shapes.ttl``) as an rdflib graph. Do not modify it."""
    return _parse("shapes.ttl")


@dataclass(frozen=True)
class ActionType:
    """One row of the action-type table: its IRI, preferred label, verbs and CAMEO code."""

    iri: URIRef
    name: str
    label: str
    verbs: tuple[str, ...]
    cameo: str | None


@lru_cache(maxsize=1)
def action_types() -> dict[str, ActionType]:
    """The closed table of action types, keyed by local name ("Agree", "Welcome", ...)."""
    g = ontology_graph()
    table: dict[str, ActionType] = {}
    for iri in sorted(g.subjects(RDF.type, DG.ActionType)):
        assert isinstance(iri, URIRef)
        name = str(iri).rsplit("#", 1)[1]
        notation = g.value(iri, SKOS.notation)
        table[name] = ActionType(
            iri=iri,
            name=name,
            label=str(g.value(iri, SKOS.prefLabel) or g.value(iri, RDFS.label) or name),
            verbs=tuple(sorted(str(v) for v in g.objects(iri, SKOS.altLabel))),
            cameo=str(notation) if notation is not None else None,
        )
    return table


def action_type_triples() -> list[tuple[URIRef, URIRef, object]]:
    """The ontology's statements about the action-type and topic schemes and the action types, for graph/shared."""
    g = ontology_graph()
    subjects = [DG.ActionTypes, DG.Topics, *sorted(g.subjects(RDF.type, DG.ActionType))]
    return [(s, p, o) for s in subjects for p, o in g.predicate_objects(s)]  # type: ignore[misc]
