"""What the network page shows: the nodes and edges of a diplograph graph, as plain data.

The graph is read once into :class:`Facts` (the drawn entities, the actions and what each
links to); the views of :mod:`graph.page_views` turn the facts into nodes and edges. This
module holds the default view: actors (states, organisations and their bodies), frameworks
that are not actors, agreed actions and the topics of actions become nodes; documents and
persons do not. Edges run from an action to its agents, frameworks, parts and topics.

Labels and tooltips are plain text built from the graph's literals; ``graph.page`` embeds
them so that they stay text. Every node carries ``kind`` (its class), ``docs`` (indices into
``Facts.documents``) and ``types`` (the action types it takes part in), which the page's
filters read.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from graph.namespaces import DG

WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
"""Namespace of the Wikidata items entities are ``owl:sameAs``."""

NEGATED_DASHES = [6, 4]
"""Dash pattern of a negated action's border and of its edges."""


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

Element = dict[str, Any]
"""A vis-network node or edge: plain JSON data."""


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


def is_negated(data: Graph, action: Node) -> bool:
    """True when the graph states the action is negated."""
    return any(isinstance(o, Literal) and o.value is True for o in data.objects(action, DG.negated))


def action_label(data: Graph, action: Node) -> str:
    """The action's type label ("agree"), "not agree" when it is negated."""
    action_types = sorted(data.objects(action, DG.actionType), key=str)
    words = [text(data, t, SKOS.prefLabel) or str(t).rsplit("#", 1)[-1].lower() for t in action_types]
    label = ", ".join(words) or "action"
    return f"not {label}" if is_negated(data, action) else label


def document_caption(data: Graph, document: Node) -> str:
    """A document as one line: its title (else its id, its IRI)."""
    return text(data, document, DCTERMS.title) or text(data, document, DCTERMS.identifier) or str(document)


def action_title(data: Graph, action: Node) -> str:
    """Tooltip of an action: type, agents, object, frameworks, date, document, evidence."""
    lines = [action_label(data, action)]
    agents = sorted(name(data, agent) for agent in data.objects(action, DG.agent))
    if agents:
        lines.append("Agents: " + "; ".join(agents))
    lines.extend(f"Object: {value}" for value in texts(data, action, DG.object))
    frameworks = sorted(name(data, framework) for framework in data.objects(action, DG.framework))
    if frameworks:
        lines.append("Frameworks: " + "; ".join(frameworks))
    documents = sorted(data.objects(action, DG.statedIn), key=str)
    dates = sorted({date for document in documents for date in texts(data, document, DCTERMS.date)})
    if dates:
        lines.append("Date: " + ", ".join(dates))
    for document in documents:
        where = [document_caption(data, document)]
        where += [f"paragraph {number}" for number in texts(data, action, DG.paragraph)]
        lines.append("Document: " + ", ".join(where))
    lines.extend(f"Evidence: {value}" for value in texts(data, action, DG.evidence))
    return "\n".join(lines)


@dataclass
class Facts:
    """The graph as the views need it: drawn entities and actions, and what links them."""

    data: Graph
    types: dict[URIRef, set[Node]]
    styles: dict[URIRef, Style]
    """Every drawn node (entity, action, topic) and its style."""
    actions: list[URIRef]
    documents: list[URIRef]
    """Documents, by date then IRI; nodes refer to them by index."""
    dates: dict[URIRef, str]
    links: dict[tuple[URIRef, str], list[URIRef]] = field(default_factory=dict)
    """(action, edge label) -> the drawn targets, sorted."""
    labels: dict[URIRef, str] = field(default_factory=dict)
    """Action -> its label ("agree", "not agree")."""
    action_docs: dict[URIRef, list[int]] = field(default_factory=dict)
    mentioned_in: dict[URIRef, list[int]] = field(default_factory=dict)

    def targets(self, action: URIRef, label: str) -> list[URIRef]:
        """The drawn nodes an action's ``label`` edges point to."""
        return self.links.get((action, label), [])

    def label(self, node: URIRef) -> str:
        """The label of a drawn node."""
        style = self.styles[node]
        if style is ACTION:
            return self.labels[node]
        if style is TOPIC:
            return text(self.data, node, SKOS.prefLabel, RDFS.label) or str(node)
        return name(self.data, node)

    def newest_date(self) -> str | None:
        """The latest ``dcterms:date`` of the documents, or None."""
        return max(self.dates.values(), default=None)


def collect(data: Graph) -> Facts:
    """Read the drawn nodes of ``data`` and their links.

    Topics are drawn only when an action is about them (the scheme lists many more), and
    entities only when a document names them or an action points to them (not, say, the
    successor of a renamed body that no text mentions).
    """
    types: dict[URIRef, set[Node]] = {}
    for subject, cls in data.subject_objects(RDF.type):
        if isinstance(subject, URIRef):
            types.setdefault(subject, set()).add(cls)
    styles = {subject: style for subject, found in types.items() if (style := style_of(found)) is not None}
    actions = sorted((subject for subject, style in styles.items() if style is ACTION), key=str)
    used_topics = {topic for action in actions for topic in data.objects(action, DG.topic)}
    linked = {target for action in actions for predicate, _ in EDGE_LABELS for target in data.objects(action, predicate)}
    named = set(data.objects(None, DG.mentions))
    styles = {
        s: style
        for s, style in styles.items()
        if style is ACTION or (style is TOPIC and s in used_topics) or (style is not TOPIC and (s in linked or s in named))
    }
    document_nodes = [s for s, found in types.items() if DG.Document in found]
    document_nodes += [d for action in actions for d in data.objects(action, DG.statedIn) if isinstance(d, URIRef)]
    dates = {d: date for d in set(document_nodes) if (date := text(data, d, DCTERMS.date)) is not None}
    documents = sorted(set(document_nodes), key=lambda d: (dates.get(d, "\uffff"), str(d)))
    index = {document: number for number, document in enumerate(documents)}
    facts = Facts(data=data, types=types, styles=styles, actions=actions, documents=documents, dates=dates)
    for action in actions:
        facts.labels[action] = action_label(data, action)
        facts.action_docs[action] = sorted(index[d] for d in data.objects(action, DG.statedIn) if d in index)
        for predicate, label in EDGE_LABELS:
            found = sorted((t for t in data.objects(action, predicate) if t in styles), key=str)
            if found:
                facts.links[(action, label)] = found  # type: ignore[assignment]
    for document in documents:
        for entity in data.objects(document, DG.mentions):
            if entity in styles:
                facts.mentioned_in.setdefault(entity, []).append(index[document])  # type: ignore[index]
    return facts


def node_size(degree: int) -> int:
    """The drawn size of an entity with ``degree`` edges: grows with the square root."""
    return min(60, 10 + round(4 * math.sqrt(degree)))


def type_summary(labels: list[str]) -> str:
    """"agree ×2, sign": the action types of ``labels``, most frequent first."""
    counts = sorted(Counter(labels).items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(label if count == 1 else f"{label} \u00d7{count}" for label, count in counts)


def entity_node(facts: Facts, entity: URIRef, *, docs: set[int], types: set[str], counts: str) -> Element:
    """The node of an actor or framework: label, tooltip (with its action counts), filters."""
    style = facts.styles[entity]
    title = entity_title(facts.data, entity, facts.types[entity])
    return {
        "id": str(entity),
        "label": facts.label(entity),
        "title": f"{title}\n{counts}",
        "kind": style.name,
        "color": style.color,
        "shape": style.shape,
        "docs": sorted(docs | set(facts.mentioned_in.get(entity, []))),
        "types": sorted(types),
    }


def action_counts(facts: Facts, entity: URIRef, as_agent: int, in_framework: int) -> str:
    """"Actions: 3 as agent, 1 in this framework": how many actions an entity takes part in."""
    counts = []
    if facts.styles[entity] is not FRAMEWORK:
        counts.append(f"{as_agent} as agent")
    if DG.Framework in facts.types[entity]:
        counts.append(f"{in_framework} in this framework")
    return "Actions: " + ", ".join(counts)


def elements(data: Graph | Facts) -> tuple[list[Element], list[Element]]:
    """The default view: nodes (id, label, title, kind, color, shape, size, docs, types) and
    edges (from an action to its agents, frameworks, parts and topics), sorted by id.

    Entities are sized by their number of edges; a negated action is drawn with a dashed
    border and dashed edges, and labelled "not ...".
    """
    facts = data if isinstance(data, Facts) else collect(data)
    edges: list[Element] = []
    degree: Counter[URIRef] = Counter()
    docs: dict[URIRef, set[int]] = {}
    types: dict[URIRef, set[str]] = {}
    as_agent: Counter[URIRef] = Counter()
    as_framework: Counter[URIRef] = Counter()
    about: Counter[URIRef] = Counter()
    for action in facts.actions:
        label = facts.labels[action]
        negated = label.startswith("not ")
        for _, edge_label in EDGE_LABELS:
            for target in facts.targets(action, edge_label):
                edge: Element = {"id": f"{action} {edge_label} {target}", "from": str(action), "to": str(target)}
                edge["label"] = edge_label
                if negated:
                    edge["dashes"] = NEGATED_DASHES
                edges.append(edge)
                degree[action] += 1
                degree[target] += 1
                if edge_label != "part":
                    docs.setdefault(target, set()).update(facts.action_docs[action])
                    types.setdefault(target, set()).add(label)
                counter = {"agent": as_agent, "framework": as_framework, "topic": about}.get(edge_label)
                if counter is not None:
                    counter[target] += 1
    nodes: list[Element] = []
    for subject in sorted(facts.styles, key=str):
        style = facts.styles[subject]
        if style is ACTION:
            label = facts.labels[subject]
            node: Element = {"id": str(subject), "label": label, "title": action_title(facts.data, subject)}
            node |= {"kind": style.name, "color": style.color, "shape": style.shape}
            node |= {"docs": facts.action_docs[subject], "types": [label]}
            if label.startswith("not "):
                node["shapeProperties"] = {"borderDashes": NEGATED_DASHES}
                node["borderWidth"] = 2
        elif style is TOPIC:
            label = facts.label(subject)
            node = {"id": str(subject), "label": label, "title": f"{label}\nTopic\nActions: {about[subject]}"}
            node |= {"kind": style.name, "color": style.color, "shape": style.shape}
            node |= {"docs": sorted(docs.get(subject, ())), "types": sorted(types.get(subject, ()))}
        else:
            node = entity_node(
                facts, subject, docs=docs.get(subject, set()), types=types.get(subject, set()),
                counts=action_counts(facts, subject, as_agent[subject], as_framework[subject]),
            )
            node["size"] = node_size(degree[subject])
        nodes.append(node)
    return nodes, edges
