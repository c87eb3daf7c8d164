"""The interactive network page (graph.page): content, styles, safety, self-containment, stability."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from pyvis.network import Network
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from graph.ids import action_iri, actor_iri, document_iri, framework_iri, person_iri, topic_iri
from graph.namespaces import DG
from graph.page import page_html, write_page

REPO_ROOT = Path(__file__).resolve().parents[1]
WIKIDATA = "http://www.wikidata.org/entity/"

NATO, RUS, NACC = actor_iri("nato"), actor_iri("rus"), actor_iri("nacc")
PFP, TOPIC, UNUSED_TOPIC = framework_iri("pfp"), topic_iri("peacekeeping"), topic_iri("arms-control")
DOC, PERSON = document_iri("dev-01-x"), person_iri("secretary-general")
ACT1, ACT2 = action_iri("dev-01-x", 1), action_iri("dev-01-x", 2)

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</script>",
    "quote \" and ' and back\\slash",
    "line\u2028separator\u2029paragraph & <!-- comment",
    '<a href="https://example.org/x">link</a>',
]


def sample_graph(nato_label: str = "North Atlantic Treaty Organization", evidence: str = "We agreed.") -> Graph:
    """Actors, a body that is also a framework, a framework, topics, two actions, a person, a document."""
    g = Graph()
    for node, classes in (
        (NATO, (DG.Actor, DG.Organisation)),
        (RUS, (DG.Actor, DG.State)),
        (NACC, (DG.Actor, DG.Organisation, DG.Framework)),
        (PFP, (DG.Framework,)),
        (PERSON, (DG.Person,)),
        (DOC, (DG.Document,)),
        (TOPIC, (DG.Topic,)),
        (UNUSED_TOPIC, (DG.Topic,)),
        (ACT1, (DG.AgreedAction,)),
        (ACT2, (DG.AgreedAction,)),
        (DG.Agree, (DG.ActionType,)),
        (DG.Welcome, (DG.ActionType,)),
    ):
        for cls in classes:
            g.add((node, RDF.type, cls))
    for node, label, ident in (
        (NATO, nato_label, "nato"),
        (RUS, "Russia", "rus"),
        (NACC, "North Atlantic Cooperation Council", "nacc"),
        (PFP, "Partnership for Peace", "pfp"),
        (PERSON, "Secretary General", "secretary-general"),
    ):
        g.add((node, RDFS.label, Literal(label, lang="en")))
        g.add((node, DCTERMS.identifier, Literal(ident)))
    g.add((NATO, DG.acronym, Literal("NATO")))
    g.add((NATO, SKOS.altLabel, Literal("the Alliance", lang="en")))
    g.add((NATO, OWL.sameAs, URIRef(WIKIDATA + "Q7184")))
    g.add((RUS, OWL.sameAs, URIRef(WIKIDATA + "Q159")))
    g.add((TOPIC, SKOS.prefLabel, Literal("peacekeeping", lang="en")))
    g.add((UNUSED_TOPIC, SKOS.prefLabel, Literal("arms control", lang="en")))
    g.add((DG.Agree, SKOS.prefLabel, Literal("agree", lang="en")))
    g.add((DG.Welcome, SKOS.prefLabel, Literal("welcome", lang="en")))
    g.add((DOC, DCTERMS.title, Literal("Chairman's Summary")))
    g.add((DOC, DCTERMS.date, Literal(date(1994, 12, 2))))
    g.add((DOC, DG.mentions, PERSON))
    g.add((DOC, DG.issuedBy, NACC))
    for action, kind, agents in ((ACT1, DG.Agree, (NATO, RUS)), (ACT2, DG.Welcome, (NACC,))):
        g.add((action, DG.actionType, kind))
        for agent in agents:
            g.add((action, DG.agent, agent))
        g.add((action, DG.statedIn, DOC))
        g.add((action, DG.start, Literal(0)))
        g.add((action, DG.end, Literal(10)))
        g.add((action, DG.rule, Literal("test-rule")))
    g.add((ACT1, DG.object, Literal("to deepen cooperation in peacekeeping")))
    g.add((ACT1, DG.evidence, Literal(evidence)))
    g.add((ACT1, DG.paragraph, Literal(3)))
    g.add((ACT1, DG.framework, PFP))
    g.add((ACT1, DG.topic, TOPIC))
    g.add((ACT1, DG.hasPart, ACT2))
    g.add((ACT2, DG.object, Literal("the report")))
    g.add((ACT2, DG.evidence, Literal("We do not welcome the report.")))
    g.add((ACT2, DG.negated, Literal(True)))
    return g


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class PageParser(HTMLParser):
    """Start tags with their attributes, the text of each script and style, the legend's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self.legend: list[str] = []
        self._open: list[str] = []
        self._legend_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        if tag in VOID:
            return
        self._open.append(tag)
        if dict(attrs).get("id") == "legend" or self._legend_depth:
            self._legend_depth += 1
        if tag == "script":
            self.scripts.append((dict(attrs), ""))

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()
            if self._legend_depth:
                self._legend_depth -= 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        current = self._open[-1] if self._open else ""
        if current == "script":
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        elif current == "style":
            self.styles.append(data)
        elif self._legend_depth:
            self.legend.append(data)


def parse(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    parser.close()
    return parser


def embedded(html: str) -> dict[str, Any]:
    """The graph data the page embeds, parsed back from its JSON block."""
    blocks = [(attrs, text) for attrs, text in parse(html).scripts if attrs.get("id") == "graph-data"]
    assert len(blocks) == 1 and blocks[0][0].get("type") == "application/json"
    result: dict[str, Any] = json.loads(blocks[0][1])
    return result


def nodes_by_id(html: str) -> dict[str, dict[str, Any]]:
    return {node["id"]: node for node in embedded(html)["nodes"]}


REFERENCE_ATTRIBUTES = {
    "src", "href", "srcset", "action", "formaction", "poster", "data", "background",
    "xlink:href", "ping", "manifest", "codebase", "cite", "longdesc",
}  # fmt: skip
LOADING_TAGS = {
    "link", "iframe", "frame", "object", "embed", "base", "img", "image", "audio", "video",
    "source", "track", "use",
}  # fmt: skip


def external_references(html: str) -> list[str]:
    """Everything in ``html`` that would make a browser load something: must be empty."""
    parser = parse(html)
    found: list[str] = []
    css = list(parser.styles)
    for tag, attrs in parser.tags:
        if tag in LOADING_TAGS:
            found.append(f"<{tag}>")
        for name, value in attrs:
            if name in REFERENCE_ATTRIBUTES:
                found.append(f"{tag} {name}={value}")
            if name == "style" and value:
                css.append(value)
            if name == "http-equiv" and value and value.lower() == "refresh":
                found.append("meta refresh")
    for text in css:
        found += [f"@import in {text[:40]!r}" for _ in re.finditer(r"@import", text, re.IGNORECASE)]
        for url in re.findall(r"url\(\s*['\"]?([^'\")\s]*)", text, re.IGNORECASE):
            if not url.lower().startswith("data:"):
                found.append(f"url({url})")
    return found


def test_page_holds_every_node_and_edge() -> None:
    data = embedded(page_html(sample_graph()))
    ids = [node["id"] for node in data["nodes"]]
    assert sorted(ids) == ids
    assert set(ids) == {str(n) for n in (NATO, RUS, NACC, PFP, TOPIC, ACT1, ACT2)}  # no unused topic
    edges = {(edge["from"], edge["label"], edge["to"]) for edge in data["edges"]}
    assert edges == {
        (str(ACT1), "agent", str(NATO)),
        (str(ACT1), "agent", str(RUS)),
        (str(ACT1), "framework", str(PFP)),
        (str(ACT1), "topic", str(TOPIC)),
        (str(ACT1), "part", str(ACT2)),
        (str(ACT2), "agent", str(NACC)),
    }
    assert len(data["edges"]) == len(edges) == len({edge["id"] for edge in data["edges"]})


def test_page_styles_differ_per_class() -> None:
    nodes = nodes_by_id(page_html(sample_graph()))
    by_class = {n: (nodes[str(n)]["color"], nodes[str(n)]["shape"]) for n in (RUS, NATO, PFP, ACT1, TOPIC)}
    assert len(set(by_class.values())) == 5
    assert len({color for color, _ in by_class.values()}) == 5
    assert len({shape for _, shape in by_class.values()}) == 5
    assert (nodes[str(NACC)]["color"], nodes[str(NACC)]["shape"]) == by_class[NATO]
    assert nodes[str(ACT2)]["color"] == nodes[str(ACT1)]["color"]


def test_page_has_a_legend_of_every_class() -> None:
    html = page_html(sample_graph())
    legend = " ".join(parse(html).legend)
    for name in ("Legend", "State", "Organisation", "Framework", "Agreed action", "Topic", "agent", "part"):
        assert name in legend
    for node in embedded(html)["nodes"]:
        assert node["color"] in html.split('id="graph-data"')[0]  # its swatch is in the legend


def test_page_labels_actions_and_negation() -> None:
    nodes = nodes_by_id(page_html(sample_graph()))
    assert nodes[str(ACT1)]["label"] == "agree"
    assert nodes[str(ACT2)]["label"] == "not welcome"
    assert nodes[str(TOPIC)]["label"] == "peacekeeping"
    assert nodes[str(NATO)]["label"] == "North Atlantic Treaty Organization"


def test_page_tooltips_describe_actions_and_entities() -> None:
    nodes = nodes_by_id(page_html(sample_graph()))
    action = nodes[str(ACT1)]["title"]
    expected = ("agree", "North Atlantic Treaty Organization", "Russia", "to deepen cooperation", "We agreed.")
    for part in (*expected, "Chairman's Summary", "1994-12-02", "paragraph 3"):
        assert part in action
    assert nodes[str(ACT2)]["title"].startswith("not welcome")
    nato = nodes[str(NATO)]["title"]
    for part in ("North Atlantic Treaty Organization", "NATO", "the Alliance", "Q7184"):
        assert part in nato
    assert "Framework" in nodes[str(NACC)]["title"]
    assert "http" not in nato  # the Wikidata id, not a link


def test_page_requests_nothing_over_the_network() -> None:
    html = page_html(sample_graph())
    assert external_references(html) == []
    for attrs, _ in parse(html).scripts:
        assert "src" not in attrs
    # the check is not vacuous: pyvis's own page links Bootstrap on a CDN
    raw = Network(cdn_resources="in_line").generate_html()
    assert any("https://" in ref for ref in external_references(raw))


def test_page_tooltips_are_text_in_vis_network() -> None:
    html = page_html(sample_graph())
    code = "".join(text for attrs, text in parse(html).scripts if attrs.get("type") != "application/json")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"):
        assert sink not in code
    # vis-network's popup: an Element is appended, anything else is set as innerText
    assert re.search(r'key:"setText",value:function\((\w)\)\{if\(\1 instanceof Element\).{0,200}innerText=\1\}', code)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_page_keeps_hostile_labels_as_text(hostile: str) -> None:
    html = page_html(sample_graph(nato_label=hostile, evidence=hostile))
    benign = page_html(sample_graph(nato_label="NATO label", evidence="Evidence."))
    raws = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\u2028", "\u2029", "<!-- comment", "<a href")
    for raw in raws:
        assert raw not in html
    assert html.count("</script") == benign.count("</script")
    assert [tag for tag, _ in parse(html).tags] == [tag for tag, _ in parse(benign).tags]
    nodes = nodes_by_id(html)
    assert nodes[str(NATO)]["label"] == hostile
    assert nodes[str(NATO)]["title"].startswith(hostile + "\n")
    assert f"Evidence: {hostile}" in nodes[str(ACT1)]["title"].split("\n")


def test_page_is_byte_identical_for_the_same_graph() -> None:
    first = page_html(sample_graph())
    assert page_html(sample_graph()) == first
    reordered = Graph()
    for triple in sorted(sample_graph(), reverse=True):
        reordered.add(triple)
    assert page_html(reordered) == first


def test_page_is_still_with_fixed_positions() -> None:
    html = page_html(sample_graph())
    for node in embedded(html)["nodes"]:
        assert isinstance(node["x"], int) and isinstance(node["y"], int)
    assert len({(node["x"], node["y"]) for node in embedded(html)["nodes"]}) == 7
    options = re.search(r"var options = (\{.*?\});\n", html)
    assert options and json.loads(options.group(1))["physics"]["enabled"] is False
    assert "multi" not in options.group(1)  # labels are never parsed as markup
    assert "var network;" in html and "network = new vis.Network(" in html


def test_page_of_an_empty_graph() -> None:
    html = page_html(Graph())
    assert embedded(html) == {"edges": [], "nodes": []}
    assert external_references(html) == []


def test_page_write_page_writes_only_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cwd = tmp_path / "cwd"
    out = tmp_path / "out"
    cwd.mkdir()
    out.mkdir()
    monkeypatch.chdir(cwd)
    write_page(sample_graph(), out / "graph.html.tmp")
    assert list(cwd.iterdir()) == []
    assert [p.name for p in out.iterdir()] == ["graph.html.tmp"]
    assert (out / "graph.html.tmp").read_bytes() == page_html(sample_graph()).encode("utf-8")


def test_page_import_and_render_leave_the_cwd_empty(tmp_path: Path) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    script = (
        "import sys; from pathlib import Path; from rdflib import Graph\n"
        "from graph.page import write_page\n"
        "write_page(Graph(), Path(sys.argv[1]))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), PYTHONDONTWRITEBYTECODE="1")
    target = tmp_path / "graph.html"
    subprocess.run([sys.executable, "-c", script, str(target)], cwd=cwd, env=env, check=True, timeout=300)
    assert list(cwd.iterdir()) == []
    assert target.read_bytes().startswith(b"<!DOCTYPE html>")


def test_page_is_byte_identical_across_processes(tmp_path: Path) -> None:
    script = (
        "import sys; from pathlib import Path\n"
        "sys.path.insert(0, sys.argv[2])\n"
        "from test_page import sample_graph\n"
        "from graph.page import write_page\n"
        "write_page(sample_graph(), Path(sys.argv[1]))\n"
    )
    pages = []
    for seed in ("1", "2"):
        target = tmp_path / f"graph-{seed}.html"
        env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), PYTHONHASHSEED=seed, PYTHONDONTWRITEBYTECODE="1")
        args = [sys.executable, "-c", script, str(target), str(REPO_ROOT / "tests")]
        subprocess.run(args, cwd=tmp_path, env=env, check=True, timeout=300)
        pages.append(target.read_bytes())
    assert pages[0] == pages[1] == page_html(sample_graph()).encode("utf-8")
