"""The interactive network page ``graph.html``: actors, frameworks, actions and topics.

pyvis supplies the vis-network bundle and its page template, rendered in memory with
``Network.generate_html`` (never written to disk, so no ``lib/`` folder appears). This
module then makes the page self-contained and safe:

- the template's links to Bootstrap on a CDN, and its commented-out links, are removed;
- pyvis is given no nodes or edges. The graph travels in a ``<script type="application/json">``
  block whose ``<``, ``>``, ``&``, U+2028 and U+2029 are written as ``\\u`` escapes, so no
  label can close the block or become markup; the template's script reads it with
  ``JSON.parse``;
- tooltips are plain strings: vis-network 9 sets a string ``title`` as the popup's
  ``innerText`` (only a DOM ``Element`` would be inserted as markup, and none is ever made
  from the data). Labels are drawn on the canvas as text.

Node positions are computed here (networkx, fixed seed, rounded to integers) and physics is
off, so the same graph gives the same bytes and the page is still when opened.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import networkx as nx
from pyvis.network import Network
from rdflib import Graph

from graph.page_data import STYLES, Style, elements

LAYOUT_SEED = 1994
"""Seed of the spring layout: the same graph always gets the same positions."""

OPTIONS: dict[str, Any] = {
    "physics": {"enabled": False},
    "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": False},
    "nodes": {"font": {"size": 14}, "widthConstraint": {"maximum": 180}},
    "edges": {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
        "color": {"color": "#9a9a9a", "highlight": "#333333"},
        "font": {"size": 11, "align": "middle"},
        "smooth": False,
    },
    "interaction": {"hover": True, "tooltipDelay": 150},
}
"""vis-network options: no physics (positions come from Python), arrows, edge labels."""

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}
_TOKEN = re.compile(r"<!--.*?-->|<(script|style)\b([^>]*)>.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_SRC_ATTRIBUTE = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_MARKUP_JUNK = re.compile(
    r"<link\b[^>]*>"  # stylesheets on a CDN
    r"|<center>\s*<h1>\s*</h1>\s*</center>",  # the template's empty heading, rendered twice
    re.IGNORECASE,
)
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")

_CSS = """
body { font-family: sans-serif; margin: 0.5em 1em; }
#legend { display: flex; flex-wrap: wrap; gap: 0.4em 1.4em; align-items: center; margin: 0.4em 0; }
#legend span { display: inline-flex; align-items: center; gap: 0.35em; }
#legend svg { width: 16px; height: 16px; }
#mynetwork div.vis-tooltip { white-space: pre-wrap; max-width: 36em; }
"""

_SWATCHES = {
    "dot": '<circle cx="8" cy="8" r="7"/>',
    "diamond": '<polygon points="8,0 16,8 8,16 0,8"/>',
    "triangle": '<polygon points="8,1 16,15 0,15"/>',
    "box": '<rect x="0" y="3" width="16" height="10" rx="3"/>',
    "ellipse": '<ellipse cx="8" cy="8" rx="8" ry="5"/>',
}

_BOOT = 'var graphData = JSON.parse(document.getElementById("graph-data").textContent);'


def safe_json(value: Any) -> str:
    """``value`` as JSON that can stand inside an HTML ``<script>`` element.

    Keys are sorted; every non-ASCII character (U+2028 and U+2029 among them) and ``<``,
    ``>``, ``&`` (which occur only inside JSON strings) are written as ``\\u`` escapes, so
    ``</script>`` or ``<!--`` never appears and the text parses back to the same value.
    """
    text = json.dumps(value, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return re.sub("[<>&]", lambda match: _JSON_ESCAPES[match.group()], text)


def layout(node_ids: list[str], links: list[tuple[str, str]]) -> dict[str, tuple[int, int]]:
    """Integer positions of the nodes: a seeded spring layout of the sorted graph."""
    if not node_ids:
        return {}
    network = nx.Graph()
    network.add_nodes_from(sorted(node_ids))
    network.add_edges_from(sorted(links))
    scale = 110 * math.sqrt(len(node_ids)) + 60
    spread = 2.5 / math.sqrt(len(node_ids))  # more room between nodes than networkx's default
    positions = nx.spring_layout(network, k=spread, seed=LAYOUT_SEED, scale=scale)
    return {node: (int(round(float(x))), int(round(float(y)))) for node, (x, y) in positions.items()}


def graph_data(data: Graph) -> dict[str, list[dict[str, Any]]]:
    """The vis-network nodes (with x, y) and edges of ``data``, sorted."""
    nodes, edges = elements(data)
    positions = layout([node["id"] for node in nodes], [(edge["from"], edge["to"]) for edge in edges])
    for node in nodes:
        node["x"], node["y"] = positions[node["id"]]
    return {"nodes": nodes, "edges": edges}


def _legend(styles: tuple[Style, ...]) -> str:
    items = "".join(
        f'<span><svg viewBox="0 0 16 16" fill="{style.color}" aria-hidden="true">'
        f"{_SWATCHES[style.shape]}</svg>{style.name}</span>"
        for style in styles
    )
    edges = "<span>Edges: agent, framework, part, topic (from an action)</span>"
    return f'<div id="legend"><strong>Legend</strong>{items}{edges}</div>'


def _replace_once(html: str, old: str, new: str) -> str:
    if html.count(old) != 1:
        raise RuntimeError(f"the pyvis page template has changed: expected {old!r} once")
    return html.replace(old, new)


def _markup(html: str) -> str:
    return _BLANK_LINES.sub("\n", _MARKUP_JUNK.sub("", html))


def _self_contained(html: str) -> str:
    """``html`` without comments, ``<link>`` elements and scripts loaded by ``src``.

    Comments, scripts and styles are found left to right as a browser does, so a link inside
    a comment goes with the comment and markup is never looked for inside a script or style.
    """
    parts: list[str] = []
    position = 0
    for match in _TOKEN.finditer(html):
        parts.append(_markup(html[position : match.start()]))
        if match.group(1) and not _SRC_ATTRIBUTE.search(match.group(2)):
            parts.append(match.group())
        position = match.end()
    parts.append(_markup(html[position:]))
    return "".join(parts)


def page_html(data: Graph) -> str:
    """The self-contained HTML page of the graph ``data``.

    ``data`` is the union of all named graphs of a build. The page embeds vis-network and
    requests nothing over the network.
    """
    net = Network(height="80vh", width="100%", directed=True, cdn_resources="in_line")
    net.options = OPTIONS  # a dict: pyvis writes it with json.dumps
    html = _self_contained(net.generate_html())
    html = _replace_once(html, "nodes = new vis.DataSet([]);", "nodes = new vis.DataSet(graphData.nodes);")
    html = _replace_once(html, "edges = new vis.DataSet([]);", "edges = new vis.DataSet(graphData.edges);")
    html = _replace_once(html, "<html>", '<!DOCTYPE html>\n<html lang="en">')
    html = _replace_once(html, '<meta charset="utf-8">', '<meta charset="utf-8">\n<title>diplograph network</title>')
    html = _replace_once(html, "</head>", f"<style>{_CSS}</style>\n</head>")  # after vis-network's CSS
    header = (
        "<h1>Actors, frameworks and agreed actions</h1>\n"
        f"{_legend(STYLES)}\n"
        f'<script type="application/json" id="graph-data">{safe_json(graph_data(data))}</script>\n'
        f"<script>{_BOOT}</script>\n"
    )
    html = _replace_once(html, "<body>", f"<body>\n{header}")
    return html


def write_page(data: Graph, path: Path) -> None:
    """Write ``page_html(data)`` to ``path`` as UTF-8 (and nothing else anywhere)."""
    Path(path).write_bytes(page_html(data).encode("utf-8"))


__all__ = ["OPTIONS", "page_html", "safe_json", "write_page"]
