"""The page's own controls: a details panel, a search box and filters, all inline.

Everything the script shows comes from the page's JSON blocks and is set as text
(``textContent``, an ``<option>``'s ``value``): no markup is ever made from the data.
The script runs after the network is drawn and uses the page's globals ``graphData``,
``network``, ``nodes`` and ``edges``; ``window.diplograph`` gives tests and users its
functions (``show``, ``showEdge``, ``onClick``, ``find``, ``filter``).
"""

from __future__ import annotations

CSS = """
body { font-family: sans-serif; margin: 0.5em 1em; }
h1 { font-size: 1.4em; margin: 0.3em 0; }
#legend, #controls { display: flex; flex-wrap: wrap; gap: 0.4em 1.4em; align-items: center; margin: 0.4em 0; }
#legend span { display: inline-flex; align-items: center; gap: 0.35em; }
#legend svg { width: 16px; height: 16px; }
#controls select { max-width: 22em; }
#summary { margin: 0.3em 0; color: #444; }
#main { display: flex; gap: 1em; align-items: flex-start; }
#main > .card { flex: 1 1 auto; min-width: 0; }
#details { flex: 0 0 24em; max-height: 80vh; overflow: auto; border: 1px solid lightgray; padding: 0 0.6em; }
#details h2 { font-size: 1em; margin: 0.5em 0; }
#details-text { white-space: pre-wrap; font-size: 0.9em; overflow-wrap: anywhere; }
#mynetwork div.vis-tooltip { white-space: pre-wrap; max-width: 36em; }
"""

CONTROLS = """<div id="controls">
<label>Find <input id="find" type="search" list="find-labels" placeholder="a label, then Enter" autocomplete="off"></label>
<datalist id="find-labels"></datalist>
<label>Class <select id="filter-kind"><option value="">all</option></select></label>
<label>Document <select id="filter-doc"><option value="">all</option></select></label>
<label>Action type <select id="filter-type"><option value="">all</option></select></label>
<span id="find-status" role="status"></span>
</div>"""

DETAILS = """<aside id="details" aria-live="polite"><h2>Details</h2>
<div id="details-text">Click a node or an edge to see what the graph says about it.</div>
</aside>"""

SCRIPT = r"""
(function () {
  "use strict";
  var meta = JSON.parse(document.getElementById("page-meta").textContent);
  var panel = document.getElementById("details-text");
  var status = document.getElementById("find-status");
  var search = document.getElementById("find");
  var selects = {
    kind: document.getElementById("filter-kind"),
    doc: document.getElementById("filter-doc"),
    type: document.getElementById("filter-type")
  };
  var nodeIndex = {};
  var edgeIndex = {};
  var hiddenNodes = {};
  var hiddenEdges = {};
  graphData.nodes.forEach(function (node) { nodeIndex[node.id] = node; });
  graphData.edges.forEach(function (edge) { edgeIndex[edge.id] = edge; });

  function say(text) { panel.textContent = text; }

  function show(id) {
    var node = nodeIndex[id];
    if (node === undefined) { return false; }
    say(node.title);
    return true;
  }

  function showEdge(id) {
    var edge = edgeIndex[id];
    if (edge === undefined) { return false; }
    var from = nodeIndex[edge.from], to = nodeIndex[edge.to];
    say(edge.title || [from.label, "\u2192 " + edge.label + " \u2192", to.label].join("\n"));
    return true;
  }

  function onClick(params) {
    if (params.nodes && params.nodes.length) { return show(params.nodes[0]); }
    if (params.edges && params.edges.length) { return showEdge(params.edges[0]); }
    return false;
  }

  function addOptions(select, pairs) {
    pairs.forEach(function (pair) {
      var option = document.createElement("option");
      option.value = pair[0];
      option.textContent = pair[1];
      select.appendChild(option);
    });
  }

  function passes(item, kind, doc, type) {
    if (kind && item.kind !== undefined && item.kind !== kind) { return false; }
    if (doc !== "" && item.docs !== undefined && item.docs.indexOf(Number(doc)) < 0) { return false; }
    if (type && item.types !== undefined && item.types.indexOf(type) < 0) { return false; }
    return true;
  }

  function filter() {
    var kind = selects.kind.value, doc = selects.doc.value, type = selects.type.value;
    var changed = [], shown = 0;
    graphData.nodes.forEach(function (node) {
      var hidden = !passes(node, kind, doc, type);
      if (!hidden) { shown += 1; }
      if (hidden !== Boolean(hiddenNodes[node.id])) {
        hiddenNodes[node.id] = hidden;
        changed.push({ id: node.id, hidden: hidden });
      }
    });
    nodes.update(changed);
    changed = [];
    graphData.edges.forEach(function (edge) {
      if (edge.docs === undefined && edge.types === undefined) { return; }
      var hidden = !passes({ docs: edge.docs, types: edge.types }, "", doc, type);
      if (hidden !== Boolean(hiddenEdges[edge.id])) {
        hiddenEdges[edge.id] = hidden;
        changed.push({ id: edge.id, hidden: hidden });
      }
    });
    edges.update(changed);
    status.textContent = shown === graphData.nodes.length ? "" : shown + " of " + graphData.nodes.length + " nodes shown";
    return shown;
  }

  function otherNames(node) {
    var line = String(node.title).split("\n").filter(function (text) { return text.indexOf("Also: ") === 0; })[0];
    return line ? line.slice(6).toLowerCase() : "";
  }

  function find(query) {
    var wanted = String(query).trim().toLowerCase();
    if (!wanted) { return null; }
    var found = null, rank = 4;
    graphData.nodes.forEach(function (node) {
      if (hiddenNodes[node.id] || rank === 1) { return; }
      var label = String(node.label).toLowerCase();
      var here = label === wanted ? 1 : label.indexOf(wanted) >= 0 ? 2 : otherNames(node).indexOf(wanted) >= 0 ? 3 : 4;
      if (here < rank) { rank = here; found = node; }
    });
    if (found === null) {
      status.textContent = "No node shown is called \u201c" + query + "\u201d";
      return null;
    }
    network.selectNodes([found.id]);
    network.focus(found.id, { scale: 1.2 });
    show(found.id);
    status.textContent = "";
    return found.id;
  }

  addOptions(selects.kind, meta.kinds.map(function (kind) { return [kind, kind]; }));
  addOptions(selects.doc, meta.documents.map(function (pair) { return [String(pair[0]), pair[1]]; }));
  addOptions(selects.type, meta.types.map(function (type) { return [type, type]; }));
  var labels = {};
  graphData.nodes.forEach(function (node) { labels[node.label] = true; });
  addOptions(document.getElementById("find-labels"), Object.keys(labels).sort().map(function (label) { return [label, ""]; }));

  network.on("click", onClick);
  Object.keys(selects).forEach(function (key) { selects[key].addEventListener("change", filter); });
  search.addEventListener("change", function () { find(search.value); });
  search.addEventListener("keydown", function (event) { if (event.key === "Enter") { find(search.value); } });
  window.diplograph = { show: show, showEdge: showEdge, onClick: onClick, find: find, filter: filter };
})();
"""
