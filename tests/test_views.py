"""The views of the network page, the node cut, the fast layout and the GEXF/GraphML exports."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF, SKOS

import graph
from graph.cli import cli
from graph.ids import action_iri, actor_iri, document_iri
from graph.namespaces import DG
from graph.network_export import FIXED_DATE, gexf_date, network_bytes
from graph.page import page_html
from graph.page_data import collect, elements, node_size
from graph.page_layout import SPRING_LIMIT, keep_best_linked, layout
from tests.test_page import (
    ACT1,
    ACT2,
    NACC,
    NATO,
    PFP,
    RUS,
    TOPIC,
    embedded,
    external_references,
    parse,
    sample_graph,
)

REPO_ROOT = Path(__file__).resolve().parents[1]
UKR, DOC2 = actor_iri("ukr"), document_iri("dev-02-y")


def joint_graph() -> Graph:
    """The sample graph and three more actions of NATO and Russia (two agree, one sign) in PfP."""
    g = sample_graph()
    g.add((DOC2, RDF.type, DG.Document))
    g.add((DOC2, DCTERMS.date, Literal(date(1997, 5, 27))))
    g.add((DG.Sign, SKOS.prefLabel, Literal("sign", lang="en")))
    g.add((UKR, RDF.type, DG.State))
    g.add((UKR, DG.acronym, Literal("Ukraine")))
    for number, kind in ((1, DG.Agree), (2, DG.Sign)):
        action = action_iri("dev-02-y", number)
        g.add((action, RDF.type, DG.AgreedAction))
        g.add((action, DG.actionType, kind))
        g.add((action, DG.statedIn, DOC2))
        g.add((action, DG.framework, PFP))
        g.add((action, DG.object, Literal(f"object {number}")))
        for agent in (NATO, RUS):
            g.add((action, DG.agent, agent))
    g.add((action_iri("dev-02-y", 2), DG.agent, UKR))
    return g


def nodes_of(html: str) -> dict[str, dict]:
    return {node["id"]: node for node in embedded(html)["nodes"]}


def edges_of(html: str) -> dict[tuple[str, str], dict]:
    return {(edge["from"], edge["to"]): edge for edge in embedded(html)["edges"]}


def test_views_default_sizes_entities_by_degree_and_dashes_negation() -> None:
    nodes, edges = elements(joint_graph())
    by_id = {node["id"]: node for node in nodes}
    assert by_id[str(NATO)]["size"] == node_size(3) > by_id[str(NACC)]["size"] == node_size(1)
    assert by_id[str(ACT2)]["label"] == "not welcome"
    assert by_id[str(ACT2)]["shapeProperties"]["borderDashes"]
    assert "shapeProperties" not in by_id[str(ACT1)]
    dashed = {(edge["from"], edge["to"]) for edge in edges if edge.get("dashes")}
    assert dashed == {(str(ACT2), str(NACC))}


def test_views_tooltips_of_actions_and_entities() -> None:
    nodes = nodes_of(page_html(sample_graph()))
    action = nodes[str(ACT1)]["title"].split("\n")
    assert action[:3] == ["agree", "Agents: North Atlantic Treaty Organization; Russia", "Object: to deepen cooperation in peacekeeping"]
    assert action[3:] == ["Frameworks: Partnership for Peace", "Date: 1994-12-02", "Document: Chairman's Summary, paragraph 3", "Evidence: We agreed."]
    assert nodes[str(NATO)]["title"].endswith("Wikidata: Q7184\nActions: 1 as agent")
    assert nodes[str(NACC)]["title"].endswith("Actions: 1 as agent, 0 in this framework")
    assert nodes[str(PFP)]["title"].endswith("Actions: 1 in this framework")
    assert nodes[str(TOPIC)]["title"] == "peacekeeping\nTopic\nActions: 1"


def test_views_actors_one_weighted_edge_per_pair() -> None:
    html = page_html(joint_graph(), view="actors")
    nodes, edges = nodes_of(html), edges_of(html)
    assert set(nodes) == {str(NATO), str(RUS), str(NACC), str(UKR)}
    nato_rus = edges[(str(NATO), str(RUS))]
    assert nato_rus["label"] == "3: agree \u00d72, sign"
    assert nato_rus["width"] == 3
    assert nato_rus["types"] == ["agree", "sign"] and nato_rus["docs"] == [0, 1]
    assert nato_rus["title"].startswith("North Atlantic Treaty Organization and Russia: 3 joint actions\nagree \u00d72, sign\n")
    assert "1997-05-27 sign: object 2" in nato_rus["title"]
    assert edges[(str(NATO), str(UKR))]["label"] == "1: sign"
    assert len(edges) == 3  # NATO-Russia, NATO-Ukraine, Russia-Ukraine; NACC acted alone
    assert all(node["kind"] in ("State", "Organisation") for node in nodes.values())
    assert "Actors that acted jointly" in html


def test_views_frameworks_links_actors_to_their_frameworks() -> None:
    html = page_html(joint_graph(), view="frameworks")
    nodes, edges = nodes_of(html), edges_of(html)
    assert set(edges) == {(str(NATO), str(PFP)), (str(RUS), str(PFP)), (str(UKR), str(PFP))}
    assert edges[(str(NATO), str(PFP))]["label"] == "3: agree \u00d72, sign"
    assert edges[(str(UKR), str(PFP))]["width"] == 1
    assert set(nodes) == {str(NATO), str(RUS), str(UKR), str(PFP)}
    assert nodes[str(PFP)]["size"] > nodes[str(UKR)]["size"]


@pytest.mark.parametrize("view", ["default", "actors", "frameworks"])
def test_views_pages_are_safe_and_stable(view: str) -> None:
    html = page_html(joint_graph(), view=view)
    assert external_references(html) == []
    assert page_html(joint_graph(), view=view) == html
    code = "".join(text for attrs, text in parse(html).scripts if attrs.get("type") != "application/json")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in code
    assert 'id="find"' in html and 'id="filter-kind"' in html and 'id="details"' in html


def test_views_page_meta_lists_what_the_filters_offer() -> None:
    html = page_html(joint_graph())
    (meta,) = [text for attrs, text in parse(html).scripts if attrs.get("id") == "page-meta"]
    assert '"kinds":["State","Organisation","Framework","Agreed action","Topic"]' in meta
    assert '"types":["agree","not welcome","sign"]' in meta
    assert "1994-12-02 \\u2014 Chairman's Summary" in meta


def test_views_page_max_nodes_keeps_the_best_linked() -> None:
    full = embedded(page_html(joint_graph()))
    degree = {node["id"]: 0 for node in full["nodes"]}
    for edge in full["edges"]:
        degree[edge["from"]] += 1
        degree[edge["to"]] += 1
    best = sorted(degree, key=lambda node: (-degree[node], node))[:4]
    assert degree[best[0]] == 5 and str(ACT1) in best
    html = page_html(joint_graph(), max_nodes=4)
    assert set(nodes_of(html)) == set(best)
    kept = embedded(html)["edges"]
    assert kept and all(edge["from"] in best and edge["to"] in best for edge in kept)
    summary = re.search(r'<p id="summary">(.*?)</p>', html).group(1)
    assert summary.startswith(f"4 nodes and {len(kept)} edges shown: the 4 nodes with the most edges of 10.")
    assert f"Left out: 6 nodes and {13 - len(kept)} edges" in summary
    assert re.search(r'<p id="summary">10 nodes and 13 edges\.</p>', page_html(joint_graph()))


def synthetic_links(count: int) -> tuple[list[str], list[tuple[str, str]]]:
    """A hub-and-spoke graph of ``count`` nodes, deterministic."""
    nodes = [f"n{i:05d}" for i in range(count)]
    links = [(nodes[i], nodes[(i * 7919) % max(1, i)]) for i in range(1, count)]
    links += [(nodes[i], nodes[i // 50]) for i in range(50, count, 3)]
    return nodes, links


def test_views_layout_of_a_large_graph_is_fast_and_stable() -> None:
    nodes, links = synthetic_links(5000)
    nodes += [f"lone{i}" for i in range(30)]
    started = time.perf_counter()
    positions = layout(nodes, links)
    assert time.perf_counter() - started < 20
    assert set(positions) == set(nodes)
    assert all(isinstance(x, int) and isinstance(y, int) for x, y in positions.values())
    assert len(set(positions.values())) > 0.95 * len(nodes)
    assert layout(list(reversed(nodes)), list(reversed(links))) == positions
    assert len(keep_best_linked(nodes, links, SPRING_LIMIT)) == SPRING_LIMIT


def test_views_layout_of_a_small_graph_is_a_spring_layout() -> None:
    assert layout([], []) == {}
    assert layout(["a"], []) == {"a": (0, 0)}
    positions = layout(["a", "b", "c"], [("a", "b"), ("b", "c"), ("a", "a")])
    assert len(set(positions.values())) == 3


def test_views_gexf_and_graphml_hold_the_default_view(tmp_path: Path) -> None:
    data = joint_graph()
    page = embedded(page_html(data))
    gexf_path, graphml_path = tmp_path / "graph.gexf", tmp_path / "graph.graphml"
    gexf_path.write_bytes(network_bytes(data, "gexf"))
    graphml_path.write_bytes(network_bytes(data, "graphml"))
    for read in (nx.read_gexf(gexf_path), nx.read_graphml(graphml_path)):
        assert set(read.nodes) == {node["id"] for node in page["nodes"]}
        assert read.number_of_edges() == len(page["edges"])
    gexf = gexf_path.read_text(encoding="utf-8")
    assert 'lastmodifieddate="1997-05-27"' in gexf  # the newest document date, not today
    assert "<viz:position" in gexf and "<viz:color" in gexf
    assert nx.read_graphml(graphml_path).nodes[str(NATO)]["label"] == "North Atlantic Treaty Organization"


def test_views_gexf_date_without_documents() -> None:
    assert gexf_date(collect(Graph())) == FIXED_DATE
    assert f'lastmodifieddate="{FIXED_DATE}"' in network_bytes(Graph(), "gexf").decode("utf-8")
    with pytest.raises(ValueError):
        network_bytes(Graph(), "dot")


def test_views_build_writes_the_views_and_formats(tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["build", "-o", str(tmp_path / "a"), "--view", "actors", "--view", "frameworks", "--view", "default"]
    args += ["--format", "gexf", "--format", "graphml", "--page-max-nodes", "12"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "a").glob("graph*"))
    assert written == [
        "graph-actors.html", "graph-frameworks.html", "graph.gexf", "graph.graphml", "graph.html",
        "graph.nq", "graph.trig", "graph.ttl",
    ]  # fmt: skip
    assert len(embedded((tmp_path / "a" / "graph.html").read_text(encoding="utf-8"))["nodes"]) == 12
    assert len(nx.read_gexf(tmp_path / "a" / "graph.gexf").nodes) == 19  # the export is never cut
    assert runner.invoke(cli, args[:3] + ["--view", "actors", "--format", "gexf"]).exit_code == 0
    again = sorted(p.name for p in (tmp_path / "a").glob("graph*"))
    assert again == written  # an earlier build's other files are left alone


def test_views_build_defaults_and_bad_usage(tmp_path: Path) -> None:
    graph.build([], outdir=tmp_path / "a")
    assert not (tmp_path / "a" / "graph-actors.html").exists() and (tmp_path / "a" / "graph.html").exists()
    result = graph.build([], outdir=tmp_path / "b", page=False, formats=["graphml"])
    assert (tmp_path / "b" / "graph.graphml").exists() and not (tmp_path / "b" / "graph.html").exists()
    runner = CliRunner()
    assert runner.invoke(cli, ["build", "-o", str(tmp_path / "c"), "--page-max-nodes", "0"]).exit_code == 2
    assert runner.invoke(cli, ["build", "-o", str(tmp_path / "c"), "--view", "people"]).exit_code == 2
    assert runner.invoke(cli, ["build", "-o", str(tmp_path / "c"), "--format", "dot"]).exit_code == 2
    with pytest.raises(graph.errors.UsageError):
        graph.build([], outdir=tmp_path / "c", views=["people"])
    assert result.ok and not (tmp_path / "c").exists()


def test_views_outputs_are_byte_identical_across_processes(tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out-{seed}"
        env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), PYTHONHASHSEED=seed, PYTHONDONTWRITEBYTECODE="1")
        args = [sys.executable, "-m", "graph", "build", "-o", str(out), "--view", "default", "--view", "actors"]
        args += ["--view", "frameworks", "--format", "gexf", "--format", "graphml"]
        subprocess.run(args, cwd=tmp_path, env=env, check=True, timeout=300, capture_output=True)
        outputs.append({p.name: p.read_bytes() for p in sorted(out.glob("graph*"))})
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == 8
