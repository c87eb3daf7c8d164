"""The interactive network pages: ``graph.html`` and the other views of :mod:`graph.page_views`.

pyvis supplies the vis-network bundle and its page template, rendered in memory with
``Network.generate_html`` (never written to disk, so no ``lib/`` folder appears). This
module then makes the page self-contained and safe:

- the template's links to Bootstrap on a CDN, and its commented-out links, are removed;
- pyvis is given no nodes or edges. The graph travels in a ``<script type="application/json">``
  block whose ``<``, ``>``, ``&``, U+2028 and U+2029 are written as ``\\u`` escapes, so no
  label can close the block or become markup; the template's script reads it with
  ``JSON.parse``. A second block, ``page-meta``, holds what the filters list;
- tooltips are plain strings: vis-network 9 sets a string ``title`` as the popup's
  ``innerText`` (only a DOM ``Element`` would be inserted as markup, and none is ever made
  from the data). Labels are drawn on the canvas as text; the details panel, the search box
  and the filters (:mod:`graph.page_ui`) set text only.

Node positions are computed here (:mod:`graph.page_layout`, fixed seed, rounded to integers)
and physics is off, so the same graph gives the same bytes and the page is still when opened.
A page holds at most ``max_nodes`` nodes: the best-linked ones, and it says what was cut.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

from pyvis.network import Network
from rdflib import Graph

from graph.page_data import Element, Facts, collect, document_caption
from graph.page_layout import LAYOUT_SEED, keep_best_linked, layout
from graph.page_ui import CONTROLS, CSS, DETAILS, SCRIPT
from graph.page_views import VIEWS, View

DEFAULT_MAX_NODES = 5000
"""The most nodes a page holds unless ``--page-max-nodes`` says otherwise."""

LARGE_PAGE = 1000
"""From this many nodes on, edges are hidden while the view is dragged or zoomed."""

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
_CARD = '<div class="card" style="width: 100%">\n            <div id="mynetwork" class="card-body"></div>\n        </div>'

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


class PageData:
    """One view of a graph, cut to ``max_nodes`` and laid out: what a page embeds."""

    def __init__(self, facts: Facts, view: View, max_nodes: int = DEFAULT_MAX_NODES) -> None:
        if max_nodes < 1:
            raise ValueError("a page holds at least one node")
        nodes, edges = view.make(facts)
        self.view = view
        self.total_nodes, self.total_edges = len(nodes), len(edges)
        links = [(edge["from"], edge["to"]) for edge in edges]
        if len(nodes) > max_nodes:
            kept = keep_best_linked([node["id"] for node in nodes], links, max_nodes)
            nodes = [node for node in nodes if node["id"] in kept]
            edges = [edge for edge in edges if edge["from"] in kept and edge["to"] in kept]
            links = [(edge["from"], edge["to"]) for edge in edges]
        positions = layout([node["id"] for node in nodes], links)
        for node in nodes:
            node["x"], node["y"] = positions[node["id"]]
        self.nodes: list[Element] = nodes
        self.edges: list[Element] = edges
        shown_docs = sorted({i for item in (*nodes, *edges) for i in item.get("docs", ())})
        self.documents = [[i, _caption(facts, i)] for i in shown_docs]
        """[index, "date \u2014 title"] of each document the shown nodes and edges come from."""
        self.kinds = [style.name for style in view.styles if any(node["kind"] == style.name for node in nodes)]
        self.types = sorted({t for item in (*nodes, *edges) for t in item.get("types", ())})

    @property
    def cut(self) -> bool:
        """True when nodes were left out."""
        return len(self.nodes) < self.total_nodes

    def graph(self) -> dict[str, list[Element]]:
        """The vis-network nodes (with x, y) and edges."""
        return {"nodes": self.nodes, "edges": self.edges}

    def meta(self) -> dict[str, Any]:
        """What the filters list: classes, documents (by index) and action types."""
        return {"kinds": self.kinds, "documents": self.documents, "types": self.types, "view": self.view.name}

    def summary(self) -> str:
        """One sentence: how many nodes and edges the page shows, and what was cut."""
        shown = f"{len(self.nodes):,} nodes and {len(self.edges):,} edges"
        if not self.cut:
            return f"{shown}."
        left = self.total_nodes - len(self.nodes)
        return (
            f"{shown} shown: the {len(self.nodes):,} nodes with the most edges of {self.total_nodes:,}. "
            f"Left out: {left:,} nodes and {self.total_edges - len(self.edges):,} edges "
            "(build with a larger --page-max-nodes to show more)."
        )


def _caption(facts: Facts, index: int) -> str:
    document = facts.documents[index]
    return " \u2014 ".join(part for part in (facts.dates.get(document), document_caption(facts.data, document)) if part)


def graph_data(data: Graph, *, view: str = "default", max_nodes: int = DEFAULT_MAX_NODES) -> dict[str, list[Element]]:
    """The vis-network nodes (with x, y) and edges of a view of ``data``, sorted."""
    return PageData(collect(data), VIEWS[view], max_nodes).graph()


def _legend(view: View) -> str:
    items = "".join(
        f'<span><svg viewBox="0 0 16 16" fill="{style.color}" aria-hidden="true">'
        f"{_SWATCHES[style.shape]}</svg>{style.name}</span>"
        for style in view.styles
    )
    return f'<div id="legend"><strong>Legend</strong>{items}<span>{view.edges}</span></div>'


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


def _options(nodes: int) -> dict[str, Any]:
    options = copy.deepcopy(OPTIONS)
    if nodes >= LARGE_PAGE:
        options["interaction"] |= {"hideEdgesOnDrag": True, "hideEdgesOnZoom": True}
    return options


def render(page: PageData) -> str:
    """The self-contained HTML of a laid-out view."""
    net = Network(height="80vh", width="100%", directed=True, cdn_resources="in_line")
    net.options = _options(len(page.nodes))  # a dict: pyvis writes it with json.dumps
    html = _self_contained(net.generate_html())
    html = _replace_once(html, "nodes = new vis.DataSet([]);", "nodes = new vis.DataSet(graphData.nodes);")
    html = _replace_once(html, "edges = new vis.DataSet([]);", "edges = new vis.DataSet(graphData.edges);")
    html = _replace_once(html, "<html>", '<!DOCTYPE html>\n<html lang="en">')
    title = "diplograph network" + ("" if page.view.name == "default" else f": {page.view.name}")
    html = _replace_once(html, '<meta charset="utf-8">', f'<meta charset="utf-8">\n<title>{title}</title>')
    html = _replace_once(html, "</head>", f"<style>{CSS}</style>\n</head>")  # after vis-network's CSS
    header = (
        f"<h1>{page.view.heading}</h1>\n"
        f"{_legend(page.view)}\n"
        f"{CONTROLS}\n"
        f'<p id="summary">{page.summary()}</p>\n'
        f'<script type="application/json" id="graph-data">{safe_json(page.graph())}</script>\n'
        f'<script type="application/json" id="page-meta">{safe_json(page.meta())}</script>\n'
        f"<script>{_BOOT}</script>\n"
    )
    html = _replace_once(html, "<body>", f"<body>\n{header}")
    html = _replace_once(html, _CARD, f'<div id="main">\n{_CARD}\n{DETAILS}\n</div>')
    html = _replace_once(html, "</body>", f"<script>{SCRIPT}</script>\n</body>")
    return html


def page_html(data: Graph | Facts, *, view: str = "default", max_nodes: int = DEFAULT_MAX_NODES) -> str:
    """The self-contained HTML page of one view of the graph ``data``.

    ``data`` is the union of all named graphs of a build (or its :func:`graph.page_data.collect`).
    The page embeds vis-network and requests nothing over the network.
    """
    facts = data if isinstance(data, Facts) else collect(data)
    return render(PageData(facts, VIEWS[view], max_nodes))


def write_page(
    data: Graph | Facts, path: Path, *, view: str = "default", max_nodes: int = DEFAULT_MAX_NODES
) -> None:
    """Write ``page_html(data, view=view, max_nodes=max_nodes)`` to ``path`` as UTF-8 (and nothing else anywhere)."""
    Path(path).write_bytes(page_html(data, view=view, max_nodes=max_nodes).encode("utf-8"))


__all__ = ["DEFAULT_MAX_NODES", "OPTIONS", "PageData", "graph_data", "page_html", "safe_json", "write_page"]
