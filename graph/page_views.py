"""The views ``build --view`` draws, each into its own page.

- ``default`` (graph.html): actors, frameworks, actions and topics (:func:`graph.page_data.elements`).
- ``actors`` (graph-actors.html): one edge per pair of actors that acted jointly, as wide as
  their joint actions are many and labelled with their number and types.
- ``frameworks`` (graph-frameworks.html): an edge from each actor to each framework it acts
  in, as wide as those actions are many, labelled the same way.

An edge of the last two views carries the documents and action types of its actions, so
the page's filters apply to it; its tooltip lists the actions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from rdflib import URIRef

from graph.namespaces import DG
from graph.page_data import (
    FRAMEWORK,
    ORGANISATION,
    STATE,
    STYLES,
    Element,
    Facts,
    Style,
    action_counts,
    elements,
    entity_node,
    node_size,
    texts,
    type_summary,
)

LISTED_ACTIONS = 12
"""How many actions an edge's tooltip lists before it says how many more there are."""


@dataclass(frozen=True)
class View:
    """A page: its file name, heading, legend and how its nodes and edges are made."""

    name: str
    filename: str
    heading: str
    styles: tuple[Style, ...]
    edges: str
    """The legend's line about edges."""
    make: Callable[[Facts], tuple[list[Element], list[Element]]]


def _caption(facts: Facts, action: URIRef) -> str:
    """One line about an action: date, type, object."""
    dates = sorted({facts.dates[facts.documents[i]] for i in facts.action_docs[action] if facts.documents[i] in facts.dates})
    objects = texts(facts.data, action, DG.object)
    words = " ".join((objects[0] if objects else "").split())
    words = words if len(words) <= 100 else words[:99] + "…"
    return " ".join(part for part in (", ".join(dates), facts.labels[action] + ":", words) if part)


def _weighted_edge(facts: Facts, source: URIRef, target: URIRef, actions: list[URIRef], heading: str) -> Element:
    labels = [facts.labels[action] for action in actions]
    lines = [heading, type_summary(labels), ""]
    lines += [_caption(facts, action) for action in actions[:LISTED_ACTIONS]]
    if len(actions) > LISTED_ACTIONS:
        lines.append(f"… and {len(actions) - LISTED_ACTIONS} more")
    return {
        "id": f"{source} {target}",
        "from": str(source),
        "to": str(target),
        "label": f"{len(actions)}: {type_summary(labels)}",
        "title": "\n".join(lines),
        "width": min(12, len(actions)),
        "docs": sorted({i for action in actions for i in facts.action_docs[action]}),
        "types": sorted(set(labels)),
    }


def _entity_nodes(facts: Facts, entities: set[URIRef], edges: list[Element]) -> list[Element]:
    """The nodes of ``entities``, sized by their edges, with their action counts."""
    degree: Counter[str] = Counter()
    docs: dict[str, set[int]] = {}
    types: dict[str, set[str]] = {}
    for edge in edges:
        for end in (edge["from"], edge["to"]):
            degree[end] += 1
            docs.setdefault(end, set()).update(edge["docs"])
            types.setdefault(end, set()).update(edge["types"])
    as_agent: Counter[URIRef] = Counter()
    as_framework: Counter[URIRef] = Counter()
    for action in facts.actions:
        as_agent.update(facts.targets(action, "agent"))
        as_framework.update(facts.targets(action, "framework"))
    nodes = []
    for entity in sorted(entities, key=str):
        counts = action_counts(facts, entity, as_agent[entity], as_framework[entity])
        node = entity_node(facts, entity, docs=docs.get(str(entity), set()), types=types.get(str(entity), set()), counts=counts)
        node["size"] = node_size(degree[str(entity)])
        nodes.append(node)
    return nodes


def actor_elements(facts: Facts) -> tuple[list[Element], list[Element]]:
    """Every actor that is an agent, and an edge per pair of actors that acted jointly."""
    agents: set[URIRef] = set()
    joint: dict[tuple[URIRef, URIRef], list[URIRef]] = {}
    for action in facts.actions:
        found = facts.targets(action, "agent")
        agents.update(found)
        for i, first in enumerate(found):
            for second in found[i + 1 :]:
                joint.setdefault((first, second), []).append(action)
    edges = []
    for (first, second), actions in sorted(joint.items(), key=lambda item: (str(item[0][0]), str(item[0][1]))):
        count = len(actions)
        heading = f"{facts.label(first)} and {facts.label(second)}: {count} joint action{'s' if count != 1 else ''}"
        edge = _weighted_edge(facts, first, second, actions, heading)
        edge["arrows"] = {"to": {"enabled": False}}
        edges.append(edge)
    return _entity_nodes(facts, agents, edges), edges


def framework_elements(facts: Facts) -> tuple[list[Element], list[Element]]:
    """Actors and frameworks, an edge from each actor to each framework it acts in."""
    acting: dict[tuple[URIRef, URIRef], list[URIRef]] = {}
    for action in facts.actions:
        for agent in facts.targets(action, "agent"):
            for framework in facts.targets(action, "framework"):
                acting.setdefault((agent, framework), []).append(action)
    edges = []
    for (agent, framework), actions in sorted(acting.items(), key=lambda item: (str(item[0][0]), str(item[0][1]))):
        count = len(actions)
        heading = f"{facts.label(agent)} in {facts.label(framework)}: {count} action{'s' if count != 1 else ''}"
        edges.append(_weighted_edge(facts, agent, framework, actions, heading))
    entities = {end for pair in acting for end in pair}
    return _entity_nodes(facts, entities, edges), edges


VIEWS: dict[str, View] = {
    view.name: view
    for view in (
        View(
            "default", "graph.html", "Actors, frameworks and agreed actions", STYLES,
            "Edges: agent, framework, part, topic (from an action); dashed: a negated action", elements,
        ),
        View(
            "actors", "graph-actors.html", "Actors that acted jointly", (STATE, ORGANISATION),
            "Edges: joint actions of two actors (number: types), wider for more", actor_elements,
        ),
        View(
            "frameworks", "graph-frameworks.html", "Actors and the frameworks they act in",
            (STATE, ORGANISATION, FRAMEWORK),
            "Edges: from an actor to a framework it acts in (number: types), wider for more", framework_elements,
        ),
    )
}
"""The views by name, in the order ``--view`` lists them."""

DEFAULT_VIEWS = ("default",)
