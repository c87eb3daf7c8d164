"""What the network page shows: the nodes and edges of a diplograph graph, as plain data.

Actors (states, organisations and their bodies), frameworks that are not actors, agreed
actions and the topics of actions become nodes; documents and persons do not. Edges run from an action to
its agents, frameworks, parts and topics. Labels and tooltips are plain text built from the
graph's literals; ``graph.page`` embeds them so that they stay text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from graph.namespaces import DG

WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
"""Namespace of the Wikidata items entities are ``owl:sameAs``."""


@dataclass(frozen=True)
class Style:
    """How the nodes of one class are drawn, and the class's name in the legend."""

    name: str
    color: str
    shape: str


STATE = Style("State", "#4e79a7", "dot")
ORGANISATION = Style("Organisation", "#f28e2b", "diamond")
FRAMEWORK = Style("Framework", "#59a14f", "triangle")
ACTION = Style("Agreed action", "#ff9d9a", "box")
TOPIC = Style("Topic", "#d4a6c8", "ellipse")
STYLES = (STATE, ORGANISATION, FRAMEWORK, ACTION, TOPIC)
"""Every node style, in legend order."""

EDGE_LABELS = ((DG.agent, "agent"), (DG.framework, "framework"), (DG.hasPart, "part"), (DG.topic, "topic"))
"""The properties drawn as edges from an action, and the label of each."""

_KINDS = ((DG.State, "State"), (DG.Organisation, "Organisation"), (DG.Framework, "Framework"))


def style_of(types: set[Node]) -> Style | None:
    """The style of a node with these ``rdf:type`` values; None when it is not drawn."""
    if DG.AgreedAction in types:
        return ACTION
    if DG.Topic in types:
        return TOPIC
    if DG.State in types:
        return STATE
    if DG.Organisation in types or DG.Actor in types:
        return ORGANISATION
    if DG.Framework in types:
        return FRAMEWORK
    return None


def texts(data: Graph, subject: Node, *predicates: URIRef) -> list[str]:
    """The literal values of ``predicates``: English or untagged first, then by text, no repeats."""
    literals = [obj for p in predicates for obj in data.objects(subject, p) if isinstance(obj, Literal)]
    literals.sort(key=lambda lit: (lit.language not in (None, "en"), str(lit), lit.language or ""))
    return list(dict.fromkeys(str(lit) for lit in literals))


def text(data: Graph, subject: Node, *predicates: URIRef) -> str | None:
    """The first of ``texts(data, subject, *predicates)``, or None."""
    found = texts(data, subject, *predicates)
    return found[0] if found else None


def name(data: Graph, entity: Node) -> str:
    """An entity's label (else its acronym, its id, its IRI)."""
    return text(data, entity, RDFS.label) or text(data, entity, DG.acronym, DCTERMS.identifier) or str(entity)


def entity_title(data: Graph, entity: Node, types: set[Node]) -> str:
    """Tooltip of an actor or framework: label, classes, other labels, Wikidata id."""
    label = name(data, entity)
    kinds = [kind for cls, kind in _KINDS if cls in types] or ["Actor"]
    lines = [label, ", ".join(kinds)]
    others = [other for other in texts(data, entity, RDFS.label, SKOS.altLabel, DG.acronym) if other != label]
    if others:
        lines.append("Also: " + "; ".join(others))
    same = (str(obj) for obj in data.objects(entity, OWL.sameAs))
    items = sorted(iri[len(WIKIDATA_ENTITY) :] for iri in same if iri.startswith(WIKIDATA_ENTITY))
    if items:
        lines.append("Wikidata: " + ", ".join(items))
    return "\n".join(lines)


def action_label(data: Graph, action: Node) -> str:
    """The action's type label ("agree"), "not agree" when it is negated."""
    action_types = sorted(data.objects(action, DG.actionType), key=str)
    words = [text(data, t, SKOS.prefLabel) or str(t).rsplit("#", 1)[-1].lower() for t in action_types]
    label = ", ".join(words) or "action"
    negated = any(isinstance(o, Literal) and o.value is True for o in data.objects(action, DG.negated))
    return f"not {label}" if negated else label


def action_title(data: Graph, action: Node) -> str:
    """Tooltip of an action: type, agents, object, evidence sentence, document."""
    lines = [action_label(data, action)]
    agents = sorted(name(data, agent) for agent in data.objects(action, DG.agent))
    if agents:
        lines.append("Agents: " + "; ".join(agents))
    for label, predicate in (("Object", DG.object), ("Evidence", DG.evidence)):
        lines.extend(f"{label}: {value}" for value in texts(data, action, predicate))
    for document in sorted(data.objects(action, DG.statedIn), key=str):
        where = [text(data, document, DCTERMS.title) or str(document)]
        where += texts(data, document, DCTERMS.date)
        where += [f"paragraph {number}" for number in texts(data, action, DG.paragraph)]
        lines.append("Document: " + ", ".join(where))
    return "\n".join(lines)


def elements(data: Graph) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The nodes (id, label, title, color, shape, kind) and edges of ``data``, sorted by id.

    Topics are drawn only when an action is about them (the scheme lists many more), and
    entities only when a document names them or an action points to them (not, say, the
    successor of a renamed body that no text mentions).
    """
    types: dict[URIRef, set[Node]] = {}
    for subject, cls in data.subject_objects(RDF.type):
        if isinstance(subject, URIRef):
            types.setdefault(subject, set()).add(cls)
    styles = {subject: style for subject, found in types.items() if (style := style_of(found)) is not None}
    actions = [subject for subject, style in styles.items() if style is ACTION]
    used_topics = {topic for action in actions for topic in data.objects(action, DG.topic)}
    linked = {target for action in actions for predicate, _ in EDGE_LABELS for target in data.objects(action, predicate)}
    named = set(data.objects(None, DG.mentions))
    styles = {
        s: style
        for s, style in styles.items()
        if style is ACTION or (style is TOPIC and s in used_topics) or (style is not TOPIC and (s in linked or s in named))
    }
    nodes: list[dict[str, Any]] = []
    for subject in sorted(styles, key=str):
        style = styles[subject]
        if style is ACTION:
            label, title = action_label(data, subject), action_title(data, subject)
        elif style is TOPIC:
            label = text(data, subject, SKOS.prefLabel, RDFS.label) or str(subject)
            title = f"{label}\nTopic"
        else:
            label, title = name(data, subject), entity_title(data, subject, types[subject])
        nodes.append(
            {"id": str(subject), "label": label, "title": title, "kind": style.name}
            | {"color": style.color, "shape": style.shape}
        )
    edges: list[dict[str, Any]] = []
    for action in sorted(actions, key=str):
        for predicate, label in EDGE_LABELS:
            for target in sorted(data.objects(action, predicate), key=str):
                if target in styles:
                    edge_id = f"{action} {label} {target}"
                    edges.append({"id": edge_id, "from": str(action), "to": str(target), "label": label})
    return nodes, edges
