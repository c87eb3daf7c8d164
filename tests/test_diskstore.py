"""build --store: an embedded pyoxigraph store kept in step, rewriting only changed graphs."""

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import graph
from graph.cli import cli
from graph.diskstore import is_store, open_store
from graph.errors import DiplographError

DOC_A = "3 May 1995\n\nNATO and Russia agreed to hold talks.\n"
DOC_B = "4 May 1995\n\nUkraine and Poland welcomed the Partnership for Peace.\n"


def _quads(store):
    return sorted(str(q) for q in store.quads_for_pattern(None, None, None, None))


def _graph(store, doc_id):
    name = ox.NamedNode(f"https://w3id.org/diplograph/id/graph/{doc_id}")
    return sorted(str(q) for q in store.quads_for_pattern(None, None, None, name))


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(DOC_A, encoding="utf-8")
    (folder / "b.txt").write_text(DOC_B, encoding="utf-8")
    return folder


def test_diskstore_holds_what_the_files_hold(corpus, tmp_path):
    result = graph.build([corpus], outdir=tmp_path / "out", store=tmp_path / "store", page=False)
    assert is_store(tmp_path / "store")
    assert len(result.store.changed) == 3 and result.store.unchanged == 0
    store = open_store(tmp_path / "store")
    expected = sorted(str(q) for q in ox.parse(path=str(tmp_path / "out" / "graph.nq")))
    assert _quads(store) == expected


def test_diskstore_rebuild_rewrites_only_changed_graphs(corpus, tmp_path):
    graph.build([corpus], outdir=tmp_path / "out", store=tmp_path / "store", page=False)
    before_b = _graph(open_store(tmp_path / "store"), "b")
    again = graph.build([corpus], outdir=tmp_path / "out", store=tmp_path / "store", page=False)
    assert again.store.changed == [] and again.store.unchanged == 3
    (corpus / "a.txt").write_text(DOC_A.replace("hold talks", "meet in June"), encoding="utf-8")
    changed = graph.build([corpus], outdir=tmp_path / "out", store=tmp_path / "store", page=False)
    assert changed.store.changed == ["https://w3id.org/diplograph/id/graph/a"]
    store = open_store(tmp_path / "store")
    assert _graph(store, "b") == before_b
    assert any("meet in June" in q for q in _graph(store, "a"))
    assert not any("hold talks" in q for q in _quads(store))


def test_diskstore_drops_graphs_of_documents_that_are_gone(corpus, tmp_path):
    graph.build([corpus], outdir=tmp_path / "out", store=tmp_path / "store", page=False)
    (corpus / "b.txt").unlink()
    result = graph.build([corpus], outdir=tmp_path / "out", store=tmp_path / "store", page=False)
    assert result.store.removed == ["https://w3id.org/diplograph/id/graph/b"]
    assert "https://w3id.org/diplograph/id/graph/shared" in result.store.changed  # Ukraine and Poland are gone from it
    assert _graph(open_store(tmp_path / "store"), "b") == []


def test_diskstore_refuses_a_folder_that_is_not_a_store(corpus, tmp_path):
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "notes.txt").write_text("mine")
    with pytest.raises(DiplographError, match="not an empty folder nor a diplograph store"):
        graph.build([corpus], outdir=tmp_path / "out", store=tmp_path / "store", page=False)


def test_diskstore_query_reads_the_store_folder(corpus, tmp_path):
    runner = CliRunner()
    built = runner.invoke(cli, ["build", str(corpus), "-o", str(tmp_path / "out"), "--store", str(tmp_path / "store"), "--no-page"])
    assert built.exit_code == 0
    assert f"  store     {tmp_path / 'store'}: 3 graphs written, 0 unchanged, 0 removed\n" in built.output
    result = runner.invoke(cli, ["query", str(tmp_path / "store"), "SELECT ?id WHERE { ?a dg:agent/dcterms:identifier ?id } ORDER BY ?id"])
    assert result.exit_code == 0
    assert result.output.splitlines()[2:] == ["nato", "pol", "rus", "ukr", "(4 rows)"]
