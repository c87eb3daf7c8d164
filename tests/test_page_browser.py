"""The network pages in a real browser: headless Chromium driven by Playwright.

Every test routes all requests: a ``file:`` URL is served, anything else is recorded and
aborted, and the record must stay empty. The ``chromium`` fixture (tests/conftest.py)
skips these tests with a reason when /usr/bin/chromium or playwright is missing (fails on CI).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import graph
from graph.query import query_text, run_query

pytestmark = pytest.mark.browser

REPO_ROOT = Path(__file__).resolve().parents[1]
SCREENSHOT = REPO_ROOT / "docs" / "graph.png"
SEED_OBJECT = "to develop an extensive individual Partnership Programme"

SHOWN_NODES = """
SELECT (COUNT(DISTINCT ?node) AS ?count) WHERE {
  { ?node a dg:AgreedAction }
  UNION { ?action a dg:AgreedAction ; dg:topic ?node . ?node a dg:Topic }
  UNION {
    VALUES ?class { dg:Actor dg:State dg:Organisation dg:Framework }
    ?node a ?class .
    { ?document dg:mentions ?node } UNION { ?action a dg:AgreedAction ; dg:agent|dg:framework ?node }
  }
}
"""
SHOWN_EDGES = """
SELECT (COUNT(*) AS ?count) WHERE {
  SELECT DISTINCT ?action ?property ?target WHERE {
    VALUES ?property { dg:agent dg:framework dg:hasPart dg:topic }
    ?action a dg:AgreedAction ; ?property ?target .
  }
}
"""


@dataclass
class Visit:
    """An open page, and everything that happened that should not have."""

    page: Any
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _route(visit: Visit, route: Any) -> None:
    url = route.request.url
    if url.startswith("file:"):
        route.continue_()
    else:
        visit.requests.append(url)
        route.abort()


@pytest.fixture()
def visit(chromium: Any) -> Iterator[Any]:
    """``visit(path)`` opens a page offline and waits until it is drawn and idle."""
    context = chromium.new_context(viewport={"width": 1280, "height": 860}, device_scale_factor=1)
    visits: list[Visit] = []

    def open_page(path: Path) -> Visit:
        page = context.new_page()
        found = Visit(page)
        visits.append(found)
        page.route("**/*", lambda route: _route(found, route))
        page.on("request", lambda request: None if request.url.startswith("file:") else found.requests.append(request.url))
        page.on("dialog", lambda dialog: (found.dialogs.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: found.errors.append(str(error)))
        page.goto(path.resolve().as_uri(), wait_until="load")
        page.wait_for_function("() => typeof network !== 'undefined' && window.diplograph !== undefined")
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestIdleCallback(done)))")
        return found

    yield open_page
    context.close()


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled example built once: its OUTDIR."""
    outdir = tmp_path_factory.mktemp("example") / "out"
    assert graph.build([], outdir=outdir).ok
    return outdir


def count(outdir: Path, sparql: str) -> int:
    (solution,) = list(run_query(outdir / "graph.trig", query_text(sparql)))  # type: ignore[arg-type]
    return int(solution["count"].value)


def click_node(found: Visit, node_id: str) -> None:
    """Bring the node to the middle of the view, then click it with the mouse."""
    page = found.page
    page.evaluate("id => network.focus(id, {scale: 1.5})", node_id)
    point = page.evaluate("id => network.canvasToDOM(network.getPosition(id))", node_id)
    box = page.locator("#mynetwork canvas").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def test_page_browser_example_loads_offline(visit, example):
    found = visit(example / "graph.html")
    assert found.requests == []
    assert found.errors == [] and found.dialogs == []
    assert found.page.evaluate("() => network.body.data.nodes.length") > 0


def test_page_browser_counts_match_sparql(visit, example):
    found = visit(example / "graph.html")
    nodes = found.page.evaluate("() => network.body.data.nodes.length")
    edges = found.page.evaluate("() => network.body.data.edges.length")
    assert (nodes, edges) == (count(example, SHOWN_NODES), count(example, SHOWN_EDGES))
    assert nodes == found.page.evaluate("() => Object.keys(network.body.nodes).length")
    assert found.requests == []


def seed_action(outdir: Path) -> tuple[str, str]:
    """The IRI and evidence sentence of the example's action on the Partnership Programme."""
    sparql = f'SELECT ?action ?evidence WHERE {{ ?action dg:object ?object ; dg:evidence ?evidence . FILTER(STRSTARTS(?object, "{SEED_OBJECT}")) }}'
    (solution,) = list(run_query(outdir / "graph.trig", query_text(sparql)))  # type: ignore[arg-type]
    return solution["action"].value, solution["evidence"].value


def test_page_browser_click_shows_the_evidence(visit, example, tmp_path):
    action, evidence = seed_action(example)
    found = visit(example / "graph.html")
    assert evidence not in found.page.inner_text("#details")
    click_node(found, action)
    assert found.page.evaluate("() => network.getSelectedNodes()") == [action]
    details = found.page.inner_text("#details-text")
    assert evidence in details
    for part in ("agree", "Agents:", "Russia", "Object: " + SEED_OBJECT, "Date: 1994-06-22", "Document:", "Evidence:"):
        assert part in details
    found.page.screenshot(path=str(tmp_path / "clicked.png"))
    assert (tmp_path / "clicked.png").stat().st_size > 0
    assert found.requests == []


HOSTILE_DOCUMENT = """22 June 1994

1. The Alliance and Russia agreed to <script>window.__pwned = 1; alert("x")</script> share <img src=x onerror="window.__pwned = 2; alert(2)"> information.

2. Russia welcomed <svg onload="window.__pwned = 3"></svg> the <body onload="window.__pwned = 4"> report "</script><script>window.__pwned = 5</script>".

3. The Alliance decided to <iframe srcdoc="<script>parent.__pwned = 6</script>"></iframe> <a href="javascript:window.__pwned = 7">act</a> \u2028 now.
"""


ELEMENTS = """() => Array.from(document.querySelectorAll('*'))
  .filter(e => e.tagName !== 'OPTION' && e.closest('.vis-tooltip') === null).map(e => e.tagName)"""
"""The page's elements, less the filters' options and vis-network's tooltip (which the mouse makes)."""


def test_page_browser_hostile_document_stays_text(visit, example, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "hostile.txt").write_text(HOSTILE_DOCUMENT, encoding="utf-8")
    assert graph.build([tmp_path / "in"], outdir=tmp_path / "out").actions >= 2
    found = visit(tmp_path / "out" / "graph.html")
    page = found.page
    assert page.evaluate("() => window.__pwned") is None
    ids = page.evaluate("() => network.body.data.nodes.getIds()")
    for node_id in ids:  # show every node's details: still nothing runs
        page.evaluate("id => diplograph.show(id)", node_id)
    click_node(found, page.evaluate("() => graphData.nodes.find(n => n.kind === 'Agreed action').id"))
    page.hover("#mynetwork canvas")
    assert "<script>" in page.evaluate("() => graphData.nodes.map(n => n.title).join(' ')")
    benign = visit(example / "graph.html").page
    assert page.evaluate(ELEMENTS) == benign.evaluate(ELEMENTS)  # no element came from the text
    assert page.evaluate("() => window.__pwned") is None
    assert found.dialogs == [] and found.errors == [] and found.requests == []


def test_page_browser_screenshot_of_the_example(visit, example, tmp_path):
    found = visit(example / "graph.html")
    click_node(found, seed_action(example)[0])
    found.page.evaluate("() => network.fit()")
    found.page.screenshot(path=str(tmp_path / "graph.png"))
    assert (tmp_path / "graph.png").read_bytes().startswith(b"\x89PNG")
    if os.environ.get("DIPLOGRAPH_SCREENSHOT") == "1":  # refresh docs/graph.png
        SCREENSHOT.parent.mkdir(exist_ok=True)
        found.page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.is_file() and 0 < SCREENSHOT.stat().st_size < 200_000
    assert "docs/graph.png" in (REPO_ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.corpus
def test_page_browser_actor_view_of_the_dev_corpus(visit, corpus_dir, tmp_path):
    outdir = tmp_path / "dev"
    assert graph.build([corpus_dir / "dev"], outdir=outdir, views=["actors", "frameworks"]).ok
    found = visit(outdir / "graph-actors.html")
    nato, russia = "https://w3id.org/diplograph/id/actor/nato", "https://w3id.org/diplograph/id/actor/rus"
    pair = found.page.evaluate(
        "ends => network.body.data.edges.get().filter(e => ends.includes(e.from) && ends.includes(e.to))",
        [nato, russia],
    )
    assert len(pair) == 1 and pair[0]["from"] != pair[0]["to"]
    assert int(pair[0]["label"].split(":")[0]) >= 2 and "sign" in pair[0]["label"]
    found.page.evaluate("id => diplograph.showEdge(id)", pair[0]["id"])
    assert "North Atlantic Treaty Organization and Russia:" in found.page.inner_text("#details-text")
    found.page.screenshot(path=str(tmp_path / "actors.png"))
    frameworks = visit(outdir / "graph-frameworks.html")
    assert frameworks.page.evaluate("() => network.body.data.edges.length") > 0
    assert found.requests == [] and found.errors == [] and frameworks.errors == []


def test_page_browser_hover_shows_the_tooltip(visit, example):
    action, evidence = seed_action(example)
    found = visit(example / "graph.html")
    found.page.evaluate("id => network.focus(id, {scale: 1.5})", action)
    point = found.page.evaluate("id => network.canvasToDOM(network.getPosition(id))", action)
    box = found.page.locator("#mynetwork canvas").bounding_box()
    found.page.mouse.move(box["x"] + point["x"] - 3, box["y"] + point["y"])
    found.page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    tooltip = found.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    for part in ("agree", "Agents:", "Frameworks:", "Date: 1994-06-22", "Document:", evidence):
        assert part in tooltip.inner_text()


def test_page_browser_search_finds_a_node_by_label(visit, example):
    found = visit(example / "graph.html")
    page = found.page
    page.fill("#find", "russia")
    page.press("#find", "Enter")
    assert page.evaluate("() => network.getSelectedNodes()") == ["https://w3id.org/diplograph/id/actor/rus"]
    assert page.inner_text("#details-text").startswith("Russia\nState")
    assert "Wikidata: Q159" in page.inner_text("#details-text")
    page.fill("#find", "NATO")  # an acronym: another name of the node
    page.press("#find", "Enter")
    assert page.evaluate("() => network.getSelectedNodes()") == ["https://w3id.org/diplograph/id/actor/nato"]
    page.fill("#find", "no such thing")
    page.press("#find", "Enter")
    assert "No node shown" in page.inner_text("#find-status")
    labels = page.evaluate("() => Array.from(document.querySelectorAll('#find-labels option'), o => o.value)")
    assert "Russia" in labels and labels == sorted(labels)


def test_page_browser_filters_by_class_document_and_type(visit, example):
    found = visit(example / "graph.html")
    page = found.page
    visible = "() => network.body.data.nodes.get().filter(n => !n.hidden)"
    total = page.evaluate("() => network.body.data.nodes.length")
    page.select_option("#filter-kind", "State")
    assert {n["kind"] for n in page.evaluate(visible)} == {"State"}
    assert "1 of 19 nodes shown" in page.inner_text("#find-status")
    page.select_option("#filter-kind", "")
    assert len(page.evaluate(visible)) == total
    page.select_option("#filter-type", "sign")
    shown = page.evaluate(visible)
    actions = [n for n in shown if n["kind"] == "Agreed action"]
    assert [n["label"] for n in actions] == ["sign"] and len(shown) < total
    assert all("sign" in n["types"] for n in shown)
    page.select_option("#filter-type", "")
    options = page.evaluate("() => Array.from(document.querySelectorAll('#filter-doc option'), o => o.textContent)")
    assert options[0] == "all" and options[1].startswith("1994-06-22 \u2014 ")
    page.select_option("#filter-doc", index=1)
    assert len(page.evaluate(visible)) == total  # one document: everything is in it
    assert found.errors == [] and found.requests == []
