"""The default view's network as GEXF (Gephi) or GraphML (Cytoscape, yEd, igraph), via networkx.

The network is the one graph.html draws, every node (no ``--page-max-nodes`` cut), with the
page's positions, colours and sizes. Nodes carry ``label``, ``kind``, ``description`` (the
page's tooltip text), ``documents`` and ``action_types``; edges carry ``label`` (agent,
framework, part, topic) and ``negated``. A node may have two edges to the same node (an
actor that is also the action's framework), so the graph is a multigraph keyed by label.

Both files are byte-stable: nodes and edges are added in sorted order, and the date
networkx stamps into GEXF (today's) is replaced by the newest document date, or
:data:`FIXED_DATE` when no document has one.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph

from graph.page import PageData
from graph.page_data import Facts, collect
from graph.page_views import VIEWS

FORMATS = ("gexf", "graphml")
FIXED_DATE = "1970-01-01"
"""The GEXF date of a graph whose documents carry none."""

_GEXF_DATE = re.compile(rb'lastmodifieddate="[^"]*"')


def gexf_date(facts: Facts) -> str:
    """The newest document date as an ``xsd:date`` (a month or year gets its first day)."""
    newest = facts.newest_date()
    if newest is None:
        return FIXED_DATE
    parts = newest.split("-")[:3]
    parts += ["01"] * (3 - len(parts))
    return "-".join(parts)


def _rgb(color: str) -> dict[str, int]:
    return {"r": int(color[1:3], 16), "g": int(color[3:5], 16), "b": int(color[5:7], 16)}


def network(data: Graph | Facts, *, viz: bool) -> nx.MultiDiGraph:
    """The default view as a networkx multigraph; ``viz`` adds GEXF's position, colour and size."""
    facts = data if isinstance(data, Facts) else collect(data)
    page = PageData(facts, VIEWS["default"], max_nodes=max(1, len(facts.styles)))
    captions = {index: caption for index, caption in page.documents}
    result = nx.MultiDiGraph()
    for node in page.nodes:
        attributes: dict[str, Any] = {
            "label": node["label"],
            "kind": node["kind"],
            "description": node["title"],
            "documents": "; ".join(captions[i] for i in node["docs"]),
            "action_types": "; ".join(node["types"]),
        }
        size = node.get("size", 12)
        if viz:
            attributes["viz"] = {
                "position": {"x": float(node["x"]), "y": float(-node["y"]), "z": 0.0},
                "color": _rgb(node["color"]) | {"a": 1.0},
                "size": float(size),
            }
        else:
            attributes |= {"x": node["x"], "y": node["y"], "color": node["color"], "size": size}
        result.add_node(node["id"], **attributes)
    for edge in page.edges:
        result.add_edge(edge["from"], edge["to"], key=edge["label"], label=edge["label"], negated="dashes" in edge)
    return result


def network_bytes(data: Graph | Facts, fmt: str) -> bytes:
    """The default view's network as GEXF 1.2 or GraphML, UTF-8."""
    facts = data if isinstance(data, Facts) else collect(data)
    if fmt == "gexf":
        buffer = io.BytesIO()
        nx.write_gexf(network(facts, viz=True), buffer, encoding="utf-8", version="1.2draft")
        return _GEXF_DATE.sub(f'lastmodifieddate="{gexf_date(facts)}"'.encode(), buffer.getvalue(), count=1)
    if fmt == "graphml":
        buffer = io.BytesIO()
        nx.write_graphml_xml(network(facts, viz=False), buffer, encoding="utf-8")
        return buffer.getvalue()
    raise ValueError(f"no network format {fmt!r} (one of {', '.join(FORMATS)})")


def write_network(data: Graph | Facts, path: Path, fmt: str) -> None:
    """Write :func:`network_bytes` to ``path``."""
    Path(path).write_bytes(network_bytes(data, fmt))


__all__ = ["FIXED_DATE", "FORMATS", "gexf_date", "network", "network_bytes", "write_network"]
