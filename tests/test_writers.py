import random

import pyoxigraph as ox
import pytest
from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from graph.builder import safe_iri
from graph.errors import DiplographError
from graph.ids import action_iri, document_graph_iri, document_iri
from graph.namespaces import DG
from graph.writers import GraphWriter, OutputFolder, sort_triples

HOSTILE = ['quote " and \'', "back\\slash", "new\nline", "tab\tand\rreturn", 'triple """ quotes', "a > b < c",
           "line\u2028separator\u2029", "control \x01\x1f\x7f", "</script><script>alert(1)</script>", "émigré ‘smart’"]


def _triples():
    doc = document_iri("d")
    triples = [(doc, RDF.type, DG.Document)]
    triples += [(action_iri("d", n), DG.object, Literal(f"item {n}")) for n in (1, 2, 10, 11)]
    triples += [(doc, DG.evidence, Literal(text)) for text in HOSTILE]
    return triples


def _write(folder, triples):
    writer = GraphWriter(folder)
    writer.add_graph(document_graph_iri("d"), triples)
    writer.close()
    return {name: (folder / name).read_bytes() for name in ("graph.ttl", "graph.trig", "graph.nq")}


def test_writers_sort_is_natural_and_type_first():
    ordered = sort_triples(_triples())
    subjects = [str(s) for s, _, _ in ordered]
    assert subjects.index(str(action_iri("d", 2))) < subjects.index(str(action_iri("d", 10)))
    doc_rows = [t for t in ordered if t[0] == document_iri("d")]
    assert doc_rows[0][1] == RDF.type


def test_writers_output_does_not_depend_on_input_order(tmp_path):
    triples = _triples()
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = _write(tmp_path / "a", triples)
    shuffled = list(triples)
    random.Random(7).shuffle(shuffled)
    assert _write(tmp_path / "b", shuffled + shuffled[:3]) == first


@pytest.mark.parametrize("name, fmt", [("graph.ttl", "turtle"), ("graph.trig", "trig"), ("graph.nq", "nquads")])
def test_writers_output_parses_back_isomorphic_in_rdflib(tmp_path, name, fmt):
    _write(tmp_path, _triples())
    expected = Graph()
    for t in _triples():
        expected.add(t)
    if fmt == "turtle":
        got = Graph().parse(tmp_path / name, format=fmt)
    else:
        ds = Dataset()
        ds.parse(tmp_path / name, format=fmt)
        got = Graph()
        for s, p, o, g in ds.quads((None, None, None, None)):
            assert g == document_graph_iri("d")
            got.add((s, p, o))
    assert isomorphic(expected, got)


@pytest.mark.parametrize("name", ["graph.ttl", "graph.trig", "graph.nq"])
def test_writers_output_parses_in_pyoxigraph(tmp_path, name):
    _write(tmp_path, _triples())
    quads = list(ox.parse(path=str(tmp_path / name)))
    assert len(quads) == len(set(_triples()))
    evidence = {q.object.value for q in quads if q.predicate.value == str(DG.evidence)}
    assert evidence == set(HOSTILE)


@pytest.mark.parametrize(
    "url, expected",
    [("https://www.nato.int/docu/pr/1994/p94-117.htm", "https://www.nato.int/docu/pr/1994/p94-117.htm"),
     ("http://example.org/a b<c>", "http://example.org/a%20b%3Cc%3E"),
     ("not a url", None), ("javascript:alert(1)", None)],
)
def test_writers_safe_iri(url, expected):
    got = safe_iri(url)
    assert (str(got) if got is not None else None) == expected
    if got is not None:
        ox.NamedNode(str(got))  # a strict IRI parser accepts it


def test_writers_output_folder_is_all_or_nothing(tmp_path):
    outdir = tmp_path / "out"
    outdir.mkdir()
    (outdir / "graph.ttl").write_text("previous")
    (outdir / "notes.md").write_text("the user's own file")
    with pytest.raises(RuntimeError):
        with OutputFolder(outdir) as out:
            out.path("graph.ttl").write_text("half")
            raise RuntimeError("interrupted")
    assert (outdir / "graph.ttl").read_text() == "previous"
    with OutputFolder(outdir) as out:
        out.path("graph.ttl").write_text("new")
        out.path("text/a.txt").write_text("a")
        out.commit()
    assert (outdir / "graph.ttl").read_text() == "new"
    assert (outdir / "text" / "a.txt").read_text() == "a"
    assert (outdir / "notes.md").read_text() == "the user's own file"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no staging folder left behind


def test_writers_refuse_blank_nodes(tmp_path):
    from rdflib import BNode

    writer = GraphWriter(tmp_path)
    with pytest.raises(DiplographError):
        writer.add_graph(URIRef("http://example.org/g"), [(BNode(), RDF.type, DG.Document)])
    writer.close()
