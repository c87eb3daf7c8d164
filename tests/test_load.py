"""``diplograph load``: the requests it sends (against a recording server) and real loads (Oxigraph)."""

import base64
import shutil
import time
import urllib.parse
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import graph
from graph.cli import cli
from graph.errors import DiplographError
from graph.load import Credentials, gsp_url, load
from tests.loadserver import (
    OxigraphServer,
    RecordingServer,
    count,
    free_port,
    graph_counts,
    graph_lines,
    oxigraph_command,
)

GRAPH_BASE = "https://w3id.org/diplograph/id/graph/"
SHARED = GRAPH_BASE + "shared"
SEED_GRAPH = GRAPH_BASE + "nato-russia-summary-1994-06-22"


@pytest.fixture(autouse=True)
def no_credentials(monkeypatch, tmp_path):
    """No credentials unless a test sets them: no variables, no netrc, no proxy."""
    for name in ("DIPLOGRAPH_USER", "DIPLOGRAPH_PASSWORD", "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))
    monkeypatch.setenv("HOME", str(tmp_path))


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory):
    """The bundled example, built."""
    out = tmp_path_factory.mktemp("load") / "out"
    graph.build([], outdir=out, page=False)
    return out


def graphs_in(nq: Path) -> dict[str, set[str]]:
    """Each named graph of an N-Quads file: its triples as N-Triples lines."""
    graphs: dict[str, set[str]] = {}
    for quad in ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS):
        graphs.setdefault(quad.graph_name.value, set()).add(str(quad.triple) + " .")
    return graphs


def lines_of(body: bytes) -> set[str]:
    return {str(t) + " ." for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)}


# --- the requests, against a recording server -------------------------------------------------


@pytest.mark.parametrize("path", ["/diplo/data", "/repositories/diplo/rdf-graphs/service"])
def test_load_gsp_puts_each_graph_to_the_endpoint_path_with_graph_parameter(seed_out, path):
    # Fuseki's /DATASET/data and GraphDB's /repositories/REPO/rdf-graphs/service
    expected = graphs_in(seed_out / "graph.nq")
    with RecordingServer() as server:
        report = load(seed_out, server.base + path)
    assert [r.method for r in server.requests] == ["PUT"] * len(expected)
    assert {r.path for r in server.requests} == {path}
    assert [r.params["graph"] for r in server.requests] == [[SEED_GRAPH], [SHARED]]
    for request in server.requests:
        iri = request.params["graph"][0]
        assert request.query == "graph=" + urllib.parse.quote(iri, safe="")
        assert request.headers["Content-Type"] == "application/n-triples"
        assert "Authorization" not in request.headers
        assert lines_of(request.body) == expected[iri]
    assert [(g.iri, g.triples) for g in report.graphs] == [(g, len(t)) for g, t in expected.items()]
    assert report.triples == sum(len(t) for t in expected.values())
    assert report.summary() == f"Loaded 2 graphs ({report.triples} triples) into {server.base + path} in {report.seconds:.1f} s"


def test_load_gsp_url_keeps_an_existing_query_string():
    assert gsp_url("http://h:1/store?x=1", "https://e/g#1") == "http://h:1/store?x=1&graph=https%3A%2F%2Fe%2Fg%231"


def test_load_basic_auth_from_environment_variables(seed_out, monkeypatch):
    monkeypatch.setenv("DIPLOGRAPH_USER", "alice")
    monkeypatch.setenv("DIPLOGRAPH_PASSWORD", "s3cr:et")
    with RecordingServer() as server:
        load(seed_out, server.base + "/store")
    token = base64.b64encode(b"alice:s3cr:et").decode("ascii")
    assert [r.headers["Authorization"] for r in server.requests] == [f"Basic {token}"] * 2


def test_load_basic_auth_from_a_netrc_file(seed_out, monkeypatch, tmp_path):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine example.org login nobody password nothing\nmachine 127.0.0.1 login bob password hunter2\n")
    monkeypatch.setenv("NETRC", str(netrc))
    with RecordingServer() as server:
        load(seed_out, server.base + "/store")
    token = base64.b64encode(b"bob:hunter2").decode("ascii")
    assert {r.headers["Authorization"] for r in server.requests} == {f"Basic {token}"}


def test_load_digest_auth_answers_the_challenge(seed_out, monkeypatch):
    monkeypatch.setenv("DIPLOGRAPH_USER", "carol")
    monkeypatch.setenv("DIPLOGRAPH_PASSWORD", "pw")
    with RecordingServer(digest=True) as server:
        report = load(seed_out, server.base + "/sparql-graph-crud-auth", auth="digest")
    assert len(report.graphs) == 2
    first, second = server.requests[:2]
    assert "Authorization" not in first.headers  # no password is sent before the challenge
    assert second.headers["Authorization"].startswith('Digest username="carol", realm="diplograph-test"')
    assert second.body == first.body


def test_load_credentials_given_directly_and_never_in_the_url(seed_out):
    with RecordingServer() as server:
        load(seed_out, server.base + "/store", auth=Credentials("dan", "x"))
        assert server.requests[0].headers["Authorization"] == "Basic " + base64.b64encode(b"dan:x").decode()
        with pytest.raises(DiplographError, match="credentials do not go in the URL"):
            load(seed_out, server.base.replace("//", "//dan:x@") + "/store")


def test_load_half_the_credentials_is_an_error(seed_out, monkeypatch):
    monkeypatch.setenv("DIPLOGRAPH_USER", "alice")
    with pytest.raises(DiplographError, match="DIPLOGRAPH_PASSWORD is not"):
        load(seed_out, "http://127.0.0.1:9/store")


def test_load_5xx_is_retried_with_exponential_backoff(seed_out):
    sleeps: list[float] = []
    with RecordingServer([503, 503, 201]) as server:
        report = load(seed_out, server.base + "/store", sleep=sleeps.append, backoff=0.01)
    assert sleeps == [0.01, 0.02]
    assert len(server.requests) == 4  # the first graph three times, then the second
    assert server.requests[0].body == server.requests[2].body
    assert report.retries == 2 and len(report.graphs) == 2


def test_load_retries_are_bounded(seed_out):
    sleeps: list[float] = []
    with RecordingServer(default=500, error_body=b"disk full") as server, pytest.raises(DiplographError) as caught:
        load(seed_out, server.base + "/store", retries=2, sleep=sleeps.append, backoff=0.01)
    assert len(server.requests) == 3 and sleeps == [0.01, 0.02]
    assert str(caught.value) == (
        f"{server.base}/store: HTTP 500 Internal Server Error for graph <{SEED_GRAPH}>: disk full after 3 attempts"
    )


def test_load_4xx_is_one_line_and_not_retried(seed_out):
    body = b"Parser error at line 3\n  between columns 1 and 8: " + b"x" * 500
    sleeps: list[float] = []
    with RecordingServer(default=400, error_body=body) as server, pytest.raises(DiplographError) as caught:
        load(seed_out, server.base + "/store", sleep=sleeps.append)
    assert len(server.requests) == 1 and sleeps == []
    message = str(caught.value)
    excerpt = "Parser error at line 3 between columns 1 and 8: " + "x" * 152
    assert len(excerpt) == 200
    assert message == f"{server.base}/store: HTTP 400 Bad Request for graph <{SEED_GRAPH}>: {excerpt}"


def test_load_a_failure_after_some_graphs_says_how_many_were_loaded(seed_out):
    loaded_before = r"HTTP 403 Forbidden for graph <.*/shared> \(1 of 2 graphs were loaded before\)$"
    with RecordingServer([201, 403]) as server, pytest.raises(DiplographError, match=loaded_before):
        load(seed_out, server.base + "/store")


def test_load_a_dropped_connection_is_retried(seed_out):
    sleeps: list[float] = []
    with RecordingServer(["close"]) as server:
        report = load(seed_out, server.base + "/store", sleep=sleeps.append)
    assert len(server.requests) == 3 and len(sleeps) == 1 and len(report.graphs) == 2


def test_load_a_store_that_does_not_answer_times_out(seed_out):
    sleeps: list[float] = []
    with RecordingServer(default="hang") as server, pytest.raises(DiplographError) as caught:
        load(seed_out, server.base + "/store", timeout=0.2, retries=1, sleep=sleeps.append)
    assert str(caught.value) == f"{server.base}/store: cannot send graph <{SEED_GRAPH}> (timed out) after 2 attempts"
    assert len(server.requests) == 2 and len(sleeps) == 1


def test_load_server_down_is_a_clean_error(seed_out):
    url = f"http://127.0.0.1:{free_port()}/store"
    sleeps: list[float] = []
    with pytest.raises(DiplographError) as caught:
        load(seed_out, url, sleep=sleeps.append)
    assert str(caught.value) == f"{url}: cannot send graph <{SEED_GRAPH}> (Connection refused) after 4 attempts"
    assert sleeps == [0.5, 1.0, 2.0]


def test_load_cli_server_down_exits_1_with_one_line(seed_out):
    url = f"http://127.0.0.1:{free_port()}/store"
    result = CliRunner().invoke(cli, ["load", str(seed_out), "--endpoint", url, "--retries", "0"])
    assert result.exit_code == 1
    assert result.output == f"Error: {url}: cannot send graph <{SEED_GRAPH}> (Connection refused) after 1 attempt\n"


def test_load_update_sends_drop_and_insert_per_graph(seed_out):
    expected = graphs_in(seed_out / "graph.nq")
    with RecordingServer(default=204) as server:
        report = load(seed_out, server.base + "/update", update=True)
    assert len(report.graphs) == 2
    store = ox.Store()
    for request, iri in zip(server.requests, expected, strict=True):
        assert (request.method, request.path, request.query) == ("POST", "/update", "")
        assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
        (update,) = urllib.parse.parse_qs(request.body.decode("ascii"))["update"]
        assert update.startswith(f"DROP SILENT GRAPH <{iri}> ;\nINSERT DATA {{ GRAPH <{iri}> {{\n<")
        assert update.endswith("} }\n")
        store.update(update)
        store.update(update)  # replaces, never duplicates
    for iri, lines in expected.items():
        found = {str(q.triple) + " ." for q in store.quads_for_pattern(None, None, None, ox.NamedNode(iri))}
        assert found == lines


def test_load_cli_load_prints_the_summary(seed_out):
    with RecordingServer() as server:
        result = CliRunner().invoke(cli, ["load", str(seed_out), "--endpoint", server.base + "/store"])
    assert result.exit_code == 0, result.output
    triples = len((seed_out / "graph.nq").read_text(encoding="utf-8").splitlines())
    assert result.output.startswith(f"Loaded 2 graphs ({triples} triples) into {server.base}/store in ")
    assert result.output.endswith(" s\n") and result.output.count("\n") == 1


def test_load_cli_load_needs_one_url_and_has_help(seed_out):
    runner = CliRunner()
    assert runner.invoke(cli, ["load", str(seed_out)]).exit_code == 2
    both = runner.invoke(cli, ["load", str(seed_out), "--endpoint", "http://a/", "--update", "http://a/"])
    assert both.exit_code == 2
    assert runner.invoke(cli, ["load", str(seed_out), "--endpoint", "http://a/", "--password", "x"]).exit_code == 2
    assert "Example: diplograph load" in runner.invoke(cli, ["load", "--help"]).output


def test_load_bad_inputs_are_one_line_errors(tmp_path, seed_out):
    runner = CliRunner()
    result = runner.invoke(cli, ["load", str(tmp_path), "--endpoint", "http://127.0.0.1:9/store"])
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path}: no graph.nq here (run diplograph build -o {tmp_path} first)\n"
    result = runner.invoke(cli, ["load", str(seed_out), "--endpoint", "ftp://example.org/"])
    assert result.output == "Error: ftp://example.org/: not an http:// or https:// URL of a store\n"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('<a:s> <a:p> "x" <a:g> .\nnot N-Quads\n', r"cannot be read as N-Quads \(Parser error at line 2 "),
        ('<a:s> <a:p> "x" .\n', r"a triple outside any named graph"),
    ],
)
def test_load_a_bad_graph_file_is_refused_before_sending(tmp_path, text, problem):
    nq = tmp_path / "graph.nq"
    nq.write_text(text, encoding="utf-8")
    with RecordingServer() as server, pytest.raises(DiplographError, match=problem):
        load(tmp_path, server.base + "/store")
    assert server.requests == []


def test_load_graphs_split_in_two_runs_are_refused_before_sending(tmp_path, seed_out):
    lines = (seed_out / "graph.nq").read_text(encoding="utf-8").splitlines(keepends=True)
    nq = tmp_path / "graph.nq"
    nq.write_text("".join(lines[1:] + lines[:1]), encoding="utf-8")  # the seed graph's first quad moved last
    with RecordingServer() as server, pytest.raises(DiplographError, match="are not together"):
        load(nq, server.base + "/store")
    assert server.requests == []


# --- a real store: Oxigraph ----------------------------------------------------------------


@pytest.fixture(scope="module")
def dev_out(corpus_dir, tmp_path_factory):
    """The dev corpus, built."""
    out = tmp_path_factory.mktemp("load-dev") / "out"
    result = graph.build([corpus_dir / "dev"], outdir=out, page=False)
    return out, result


def snapshot(base: str) -> dict[str, set[str]]:
    """Every named graph of the server, as N-Triples lines."""
    return {iri: graph_lines(base, iri) for iri in graph_counts(base)}


@pytest.mark.oxigraph
def test_load_oxigraph_load_the_example(oxigraph_store, tmp_path):
    result = graph.build([], outdir=tmp_path / "out", page=False)
    report = load(tmp_path / "out", oxigraph_store + "/store")
    assert report.triples == result.triples == count(oxigraph_store)
    assert snapshot(oxigraph_store) == graphs_in(tmp_path / "out" / "graph.nq")


@pytest.mark.oxigraph
@pytest.mark.corpus
def test_load_oxigraph_load_the_dev_corpus_twice(oxigraph_store, dev_out):
    out, result = dev_out
    started = time.monotonic()
    report = load(out, oxigraph_store + "/store")
    seconds = time.monotonic() - started
    assert len(report.graphs) == len(result.documents) + 1
    assert count(oxigraph_store) == result.triples == report.triples
    print(f"dev corpus: {len(report.graphs)} graphs, {report.triples} triples loaded in {seconds:.2f} s")
    before = graph_counts(oxigraph_store)
    load(out, oxigraph_store + "/store")
    assert count(oxigraph_store) == result.triples
    assert graph_counts(oxigraph_store) == before


@pytest.mark.oxigraph
@pytest.mark.corpus
def test_load_oxigraph_load_the_dev_corpus_by_sparql_update(oxigraph_store, dev_out):
    out, result = dev_out
    load(out, oxigraph_store + "/update", update=True)
    load(out, oxigraph_store + "/update", update=True)
    assert count(oxigraph_store) == result.triples
    assert snapshot(oxigraph_store) == graphs_in(out / "graph.nq")


@pytest.mark.oxigraph
@pytest.mark.corpus
def test_load_oxigraph_reload_after_one_document_changed(oxigraph_store, corpus_dir, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_dir / "dev", corpus / "dev")
    out = tmp_path / "out"
    graph.build([corpus / "dev"], outdir=out, page=False)
    load(out, oxigraph_store + "/store")
    before = snapshot(oxigraph_store)

    changed = corpus / "dev" / "03-nac-decisions-gorazde-1994.txt"
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.rstrip() + "\n\nThe Council welcomed the close consultation with Russia.\n", encoding="utf-8")
    result = graph.build([corpus / "dev"], outdir=out, page=False)
    load(out, oxigraph_store + "/store")
    after = snapshot(oxigraph_store)

    assert count(oxigraph_store) == result.triples
    assert after == graphs_in(out / "graph.nq")
    assert before.keys() == after.keys()
    differing = {iri for iri in before if before[iri] != after[iri]}
    assert differing == {GRAPH_BASE + "03-nac-decisions-gorazde-1994"}
    assert len(after[GRAPH_BASE + "03-nac-decisions-gorazde-1994"]) > len(before[GRAPH_BASE + "03-nac-decisions-gorazde-1994"])


@pytest.mark.oxigraph
def test_load_oxigraph_stopped_server_fails_cleanly(oxigraph_server, seed_out, tmp_path):
    command = oxigraph_command()
    assert command is not None  # oxigraph_server has skipped or failed without it
    server = OxigraphServer(command, tmp_path / "store").start()
    url = server.base + "/store"
    assert load(seed_out, url).triples > 0
    server.stop()
    result = CliRunner().invoke(cli, ["load", str(seed_out), "--endpoint", url, "--retries", "1"])
    assert result.exit_code == 1
    assert result.output == f"Error: {url}: cannot send graph <{SEED_GRAPH}> (Connection refused) after 2 attempts\n"
