"""Measure the network page at scale: file size, build time, time to a settled page in Chromium.

    python scripts/bench_page.py [--sizes 100 1000 5000] [--runs 3] [--no-readme]

For each size a synthetic graph (seeded: actors, frameworks, topics and actions stated in
documents, as a build makes them) with exactly that many nodes in the default view is
written with ``graph.page.write_page``; Debian's headless Chromium (/usr/bin/chromium,
driven by Playwright, every non-file request aborted) opens it and the time from navigation
start until the page is loaded, drawn and idle is read from the page's clock. Each figure is
the median of ``--runs`` runs. The table is printed and written into README.md between
``<!-- page-bench:start -->`` and ``<!-- page-bench:end -->``.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.ids import action_iri, actor_iri, document_iri, framework_iri, topic_iri
from graph.namespaces import DG
from graph.page import page_html

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
TYPES = (DG.Agree, DG.Decide, DG.Welcome, DG.Support, DG.Call, DG.Sign)
SETTLED = """() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(
  () => requestIdleCallback(() => done({now: performance.now(), physics: network.physics.options.enabled,
  drawn: network.body.data.nodes.length})))))"""


def synthetic_graph(size: int, seed: int = 1994) -> Graph:
    """A graph whose default view has exactly ``size`` nodes (``size`` >= 10)."""
    rng = random.Random(seed)
    actors = [actor_iri(f"a{i}") for i in range(max(2, size // 10))]
    frameworks = [framework_iri(f"f{i}") for i in range(max(1, size // 40))]
    topics = [topic_iri(f"t{i}") for i in range(max(1, size // 40))]
    documents = [document_iri(f"bench-{i:04d}") for i in range(max(1, size // 50))]
    count = size - len(actors) - len(frameworks) - len(topics)
    g = Graph()
    for kind in TYPES:
        g.add((kind, RDF.type, DG.ActionType))
        g.add((kind, SKOS.prefLabel, Literal(str(kind).rsplit("#", 1)[-1].lower(), lang="en")))
    for number, document in enumerate(documents):
        g.add((document, RDF.type, DG.Document))
        g.add((document, DCTERMS.title, Literal(f"Communiqué {number}")))
        g.add((document, DCTERMS.date, Literal(f"{1990 + number % 10}-{1 + number % 12:02d}-{1 + number % 28:02d}")))
    for number, actor in enumerate(actors):
        g.add((actor, RDF.type, DG.Actor))
        g.add((actor, RDF.type, DG.State if number % 3 else DG.Organisation))
        g.add((actor, RDFS.label, Literal(f"Actor {number}", lang="en")))
        g.add((documents[number % len(documents)], DG.mentions, actor))
    for number, framework in enumerate(frameworks):
        g.add((framework, RDF.type, DG.Framework))
        g.add((framework, RDFS.label, Literal(f"Framework {number}", lang="en")))
        g.add((documents[number % len(documents)], DG.mentions, framework))
    for number, topic in enumerate(topics):
        g.add((topic, RDF.type, DG.Topic))
        g.add((topic, SKOS.prefLabel, Literal(f"topic {number}", lang="en")))
    weights = [1 / (1 + i) for i in range(len(actors))]  # a few actors act often, most rarely
    for number in range(count):
        document = documents[number % len(documents)]
        action = action_iri(str(document).rsplit("/", 1)[-1], number)
        g.add((action, RDF.type, DG.AgreedAction))
        g.add((action, DG.actionType, rng.choice(TYPES)))
        g.add((action, DG.statedIn, document))
        for agent in set(rng.choices(actors, weights, k=rng.randint(1, 3))):
            g.add((action, DG.agent, agent))
        if rng.random() < 0.5:
            g.add((action, DG.framework, rng.choice(frameworks)))
        topic = topics[number] if number < len(topics) else rng.choice(topics) if rng.random() < 0.3 else None
        if topic is not None:
            g.add((action, DG.topic, topic))
        words = " ".join(rng.choice(("cooperation", "security", "dialogue", "peace", "partnership")) for _ in range(8))
        g.add((action, DG.object, Literal(f"to further {words}")))
        g.add((action, DG.evidence, Literal(f"The Ministers agreed to further {words}.")))
        g.add((action, DG.paragraph, Literal(1 + number % 30)))
    return g


def allow_files(route: Any, outside: list[str]) -> None:
    """Serve ``file:`` URLs; record and abort every other request."""
    if route.request.url.startswith("file:"):
        route.continue_()
    else:
        outside.append(route.request.url)
        route.abort()


def measure(sizes: list[int], runs: int) -> list[dict[str, float]]:
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for size in sizes:
            data = synthetic_graph(size)
            path = Path(folder) / f"graph-{size}.html"
            builds, loads, pages = [], [], set()
            for _ in range(runs):
                started = time.perf_counter()
                html = page_html(data).encode("utf-8")
                path.write_bytes(html)
                builds.append(time.perf_counter() - started)
                pages.add(html)
                page = browser.new_page(viewport={"width": 1280, "height": 860})
                outside: list[str] = []
                page.route("**/*", lambda route, outside=outside: allow_files(route, outside))
                page.goto(path.as_uri(), wait_until="load", timeout=300_000)
                settled = page.evaluate(SETTLED)
                assert settled["drawn"] == size and settled["physics"] is False and not outside, (size, settled, outside)
                loads.append(settled["now"] / 1000)
                page.close()
            assert len(pages) == 1, "the page differs between builds"
            edges = html.count(b'"from":')
            rows.append({"nodes": size, "edges": edges, "bytes": len(html), "build": statistics.median(builds), "load": statistics.median(loads)})
            print(f"{size} nodes: built in {statistics.median(builds):.2f} s, settled in {statistics.median(loads):.2f} s", file=sys.stderr)
        browser.close()
    return rows


def table(rows: list[dict[str, float]], runs: int) -> str:
    lines = [
        "| nodes | edges | graph.html | build the page | open in Chromium until drawn and idle |",
        "|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['nodes']:,} | {row['edges']:,} | {row['bytes'] / 1e6:.1f} MB | {row['build']:.2f} s | {row['load']:.2f} s |"
        )
    cpus = os.cpu_count() or 1
    lines.append("")
    lines.append(
        f"Median of {runs} runs on a {cpus}-core machine (Python {platform.python_version()}, Debian's headless "
        "Chromium); `python scripts/bench_page.py` measures again and rewrites this table."
    )
    return "\n".join(lines)


def write_readme(text: str) -> None:
    readme = ROOT / "README.md"
    content = readme.read_text(encoding="utf-8")
    pattern = re.compile(r"(<!-- page-bench:start -->\n).*?(<!-- page-bench:end -->)", re.DOTALL)
    if not pattern.search(content):
        raise SystemExit("README.md has no <!-- page-bench:start --> ... <!-- page-bench:end --> markers")
    readme.write_text(pattern.sub(lambda m: m.group(1) + text + "\n" + m.group(2), content), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-readme", action="store_true", help="print the table only")
    args = parser.parse_args()
    if min(args.sizes) < 10:
        parser.error("sizes start at 10 nodes")
    text = table(measure(args.sizes, args.runs), args.runs)
    print(text)
    if not args.no_readme:
        write_readme(text)


if __name__ == "__main__":
    main()
