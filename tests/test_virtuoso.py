"""``diplograph load`` into a real OpenLink Virtuoso: Graph Store Protocol with Digest authentication."""

import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import graph
from graph.cli import cli
from tests.virtuoso import GRAPH_BASE, GSP_PATH, PASSWORD, USER, clear, graph_counts

pytestmark = pytest.mark.virtuoso

SEED_GRAPH = GRAPH_BASE + "nato-russia-summary-1994-06-22"


@pytest.fixture(autouse=True)
def credentials(monkeypatch, tmp_path):
    """Virtuoso's dba account in the environment; no netrc, no proxy."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))
    monkeypatch.setenv("DIPLOGRAPH_USER", USER)
    monkeypatch.setenv("DIPLOGRAPH_PASSWORD", PASSWORD)


@pytest.fixture()
def virtuoso_store(virtuoso_server: str) -> str:
    """The session's Virtuoso server without any diplograph graph: its base URL."""
    clear(virtuoso_server)
    assert graph_counts(virtuoso_server) == {}
    return virtuoso_server


@pytest.fixture(scope="module")
def dev_out(corpus_dir, tmp_path_factory):
    """The dev corpus, built."""
    out = tmp_path_factory.mktemp("virtuoso-dev") / "out"
    result = graph.build([corpus_dir / "dev"], outdir=out, page=False)
    return out, result


def built_counts(out: Path) -> dict[str, int]:
    """Triples per named graph of a build, read from its graph.nq."""
    counts: dict[str, int] = {}
    for quad in ox.parse(path=str(out / "graph.nq"), format=ox.RdfFormat.N_QUADS):
        counts[quad.graph_name.value] = counts.get(quad.graph_name.value, 0) + 1
    return counts


def load(out: Path, base: str) -> str:
    """``diplograph load OUT --endpoint BASE/sparql-graph-crud-auth --auth digest``: its output."""
    result = CliRunner().invoke(cli, ["load", str(out), "--endpoint", base + GSP_PATH, "--auth", "digest"])
    assert result.exit_code == 0, result.output
    return result.output


def test_virtuoso_load_the_example(virtuoso_store, tmp_path):
    out = tmp_path / "out"
    result = graph.build([], outdir=out, page=False)
    expected = built_counts(out)
    assert set(expected) == {SEED_GRAPH, GRAPH_BASE + "shared"}
    assert sum(expected.values()) == result.triples
    output = load(out, virtuoso_store)
    assert output.startswith(f"Loaded 2 graphs ({result.triples} triples) into {virtuoso_store}{GSP_PATH} in ")
    assert graph_counts(virtuoso_store) == expected


@pytest.mark.corpus
def test_virtuoso_load_the_dev_corpus_twice(virtuoso_store, dev_out):
    out, result = dev_out
    expected = built_counts(out)
    assert len(expected) == len(result.documents) + 1
    assert sum(expected.values()) == result.triples
    started = time.monotonic()
    load(out, virtuoso_store)
    seconds = time.monotonic() - started
    print(f"Virtuoso, dev corpus: {len(expected)} graphs, {result.triples} triples loaded in {seconds:.2f} s")
    assert graph_counts(virtuoso_store) == expected
    load(out, virtuoso_store)  # replaces every graph, duplicates none
    assert graph_counts(virtuoso_store) == expected


def test_virtuoso_wrong_password_exits_1_with_one_line(virtuoso_store, tmp_path, monkeypatch):
    out = tmp_path / "out"
    graph.build([], outdir=out, page=False)
    monkeypatch.setenv("DIPLOGRAPH_PASSWORD", "not-" + PASSWORD)
    url = virtuoso_store + GSP_PATH
    result = CliRunner().invoke(cli, ["load", str(out), "--endpoint", url, "--auth", "digest"])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {url}: HTTP 401 Unauthorized for graph <{SEED_GRAPH}> "
        f"(the store refused user '{USER}' with Digest authentication)\n"
    )
    assert graph_counts(virtuoso_store) == {}
