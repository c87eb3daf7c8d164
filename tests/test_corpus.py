"""The development corpus builds, and its outputs parse and conform."""

import pyoxigraph as ox
import pytest
from rdflib import Dataset

import graph
from graph.validate import validate

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def dev_build(corpus_dir, tmp_path_factory):
    return graph.build([corpus_dir / "dev"], outdir=tmp_path_factory.mktemp("dev") / "out", formats=["jsonld"])


def test_corpus_every_dev_document_builds(corpus_dir, dev_build):
    expected = sorted(p.stem for p in (corpus_dir / "dev").glob("*.txt"))
    assert [d.doc_id for d in dev_build.documents] == expected
    assert dev_build.skipped == []
    assert all(d.entities for d in dev_build.documents)


@pytest.mark.parametrize("name", ["graph.ttl", "graph.trig", "graph.nq"])
def test_corpus_outputs_parse_in_rdflib_and_pyoxigraph(dev_build, name):
    path = dev_build.outdir / name
    assert len(list(ox.parse(path=str(path)))) == dev_build.triples
    ds = Dataset()
    ds.parse(path, format={"graph.ttl": "turtle", "graph.trig": "trig", "graph.nq": "nquads"}[name])
    assert len(ds) + sum(len(g) for g in ds.graphs() if g.identifier != ds.default_graph.identifier) >= dev_build.triples


def test_corpus_outputs_conform_to_the_shapes(dev_build):
    report = validate(dev_build.outdir)
    assert report.conforms, "\n".join(map(str, report.problems[:20]))


@pytest.mark.parametrize(
    "doc_id, issuer",
    [("02-nacc-chairmans-summary-1994-archive", "nacc"), ("04-nacc-istanbul-statement-1994", "nacc"),
     ("05-nacc-final-communique-1992", "nacc"), ("06-pfp-invitation-1994-pressrelease", "nato"),
     ("10-nato-russia-pjc-ambassadors-1999", "pjc"), ("12-osce-istanbul-summit-declaration-1999", "osce")],
)
def test_corpus_issuers(corpus_dir, doc_id, issuer):
    extraction = graph.extract(corpus_dir / "dev" / f"{doc_id}.txt")
    assert [i.entity_id for i in extraction.issuers] == [issuer]


def test_corpus_every_format_holds_the_same_graph(dev_build):
    from rdflib import Graph

    from tests.graphs import assert_isomorphic

    def union(name, fmt):
        if fmt == "turtle":
            return Graph().parse(dev_build.outdir / name, format=fmt)
        ds = Dataset()
        ds.parse(dev_build.outdir / name, format=fmt)
        g = Graph()
        for s, p, o, _c in ds.quads((None, None, None, None)):
            g.add((s, p, o))
        return g

    reference = union("graph.nq", "nquads")
    assert len(reference) == dev_build.triples
    for name, fmt in (("graph.ttl", "turtle"), ("graph.trig", "trig"), ("graph.jsonld", "json-ld")):
        assert_isomorphic(reference, union(name, fmt))
