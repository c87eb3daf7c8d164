"""Where the page draws each node, computed before the page is written.

Positions are integers from a seeded layout of the sorted graph, so the same graph always
gives the same bytes and the page opens still (vis-network's physics is off).

- Up to :data:`SPRING_LIMIT` nodes: a networkx spring layout (its dense solver: numpy only).
- More: the :data:`SPRING_LIMIT` best-linked nodes get the spring layout; every other node
  is set on a ring around its best-linked neighbour already placed, breadth first; nodes
  linked to none of those are set on a grid below. This takes well under a second for
  5,000 nodes, where a spring layout of all of them takes minutes.

:func:`keep_best_linked` cuts a graph to the nodes with the most edges, for ``--page-max-nodes``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

LAYOUT_SEED = 1994
"""Seed of the spring layout: the same graph always gets the same positions."""

SPRING_LIMIT = 400
"""The most nodes laid out by the spring layout (networkx's dense solver runs below 500)."""

RING_STEP = 90
"""Distance in pixels between the rings of nodes set around a neighbour."""

GRID_STEP = 140
"""Distance in pixels between the nodes of the grid of unlinked nodes."""

Position = tuple[int, int]


def degrees(node_ids: Iterable[str], links: Iterable[tuple[str, str]]) -> dict[str, int]:
    """The number of edges at each node (a loop counts twice)."""
    found = dict.fromkeys(node_ids, 0)
    for source, target in links:
        found[source] += 1
        found[target] += 1
    return found


def by_links(degree: dict[str, int]) -> list[str]:
    """Node ids, most edges first, then by id: the order of importance."""
    return sorted(degree, key=lambda node: (-degree[node], node))


def keep_best_linked(node_ids: list[str], links: list[tuple[str, str]], limit: int) -> set[str]:
    """The ``limit`` nodes with the most edges (ties broken by id)."""
    return set(by_links(degrees(node_ids, links))[:limit])


def _spring(node_ids: list[str], links: list[tuple[str, str]], total: int) -> dict[str, tuple[float, float]]:
    network = nx.Graph()
    network.add_nodes_from(sorted(node_ids))
    network.add_edges_from(sorted(links))
    scale = 110 * math.sqrt(total) + 60
    spread = 2.5 / math.sqrt(len(node_ids))  # more room between nodes than networkx's default
    if len(node_ids) == 1:
        return {node_ids[0]: (0.0, 0.0)}
    positions = nx.spring_layout(network, k=spread, seed=LAYOUT_SEED, scale=scale, method="force")
    return {node: (float(x), float(y)) for node, (x, y) in positions.items()}


def _ring(centre: tuple[float, float], count: int) -> list[tuple[float, float]]:
    """``count`` places on rings around ``centre``: 8 on the first, 8 more on each further ring."""
    places = []
    ring, seat = 1, 0
    for _ in range(count):
        capacity = 8 * ring
        angle = 2 * math.pi * seat / capacity + ring * 0.5
        radius = RING_STEP * ring
        places.append((centre[0] + radius * math.cos(angle), centre[1] + radius * math.sin(angle)))
        seat += 1
        if seat == capacity:
            ring, seat = ring + 1, 0
    return places


def layout(node_ids: list[str], links: list[tuple[str, str]]) -> dict[str, Position]:
    """Integer positions of the nodes (see the module's description)."""
    if not node_ids:
        return {}
    links = [(a, b) for a, b in links if a != b]
    degree = degrees(node_ids, links)
    order = by_links(degree)
    core = sorted(order[:SPRING_LIMIT])
    core_set = set(core)
    placed = _spring(core, [(a, b) for a, b in links if a in core_set and b in core_set], len(node_ids))
    neighbours: dict[str, set[str]] = defaultdict(set)
    for a, b in links:
        neighbours[a].add(b)
        neighbours[b].add(a)
    pending = [node for node in order if node not in core_set]
    while pending:
        children: dict[str, list[str]] = defaultdict(list)
        waiting = []
        for node in pending:
            anchors = [other for other in neighbours[node] if other in placed]
            if anchors:
                children[min(anchors, key=lambda other: (-degree[other], other))].append(node)
            else:
                waiting.append(node)
        if not children:
            break
        for anchor in sorted(children):
            for node, place in zip(children[anchor], _ring(placed[anchor], len(children[anchor]))):
                placed[node] = place
        pending = waiting
    if pending:
        bottom = max(y for _, y in placed.values()) + 2 * GRID_STEP
        left = min(x for x, _ in placed.values())
        columns = max(1, math.ceil(math.sqrt(len(pending))))
        for number, node in enumerate(sorted(pending)):
            placed[node] = (left + GRID_STEP * (number % columns), bottom + GRID_STEP * (number // columns))
    return {node: (round(x), round(y)) for node, (x, y) in placed.items()}
