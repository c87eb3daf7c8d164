from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import DCTERMS, RDF, XSD, Dataset, Literal

import graph
from graph.errors import UsageError
from graph.ids import SHARED_GRAPH, document_graph_iri, document_iri, entity_iri
from graph.inputs import discover
from graph.namespaces import DG
from graph.validate import validate

SEED_ENTITIES = {"nato", "rus", "nacc", "pfp", "csce", "pfp-framework-document", "ipp"}
SEED_ID = "nato-russia-summary-1994-06-22"


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    outdir = tmp_path_factory.mktemp("seed") / "out"
    return graph.build([], outdir=outdir)


def test_pipeline_seed_builds_the_bundled_example(seed_build):
    assert [d.doc_id for d in seed_build.documents] == [SEED_ID]
    assert seed_build.skipped == []
    assert set(seed_build.documents[0].entities) == SEED_ENTITIES
    for name in ("graph.ttl", "graph.trig", "graph.nq", f"text/{SEED_ID}.txt"):
        assert (seed_build.outdir / name).is_file(), name


def test_pipeline_seed_document_metadata(seed_build):
    ds = Dataset()
    ds.parse(seed_build.outdir / "graph.trig", format="trig")
    g = ds.graph(document_graph_iri(SEED_ID))
    doc = document_iri(SEED_ID)
    assert g.value(doc, DCTERMS.title) == Literal("Summary of Conclusion")
    assert g.value(doc, DCTERMS.date) == Literal("1994-06-22", datatype=XSD.date)
    assert g.value(doc, DCTERMS.modified) == Literal("2000-10-31", datatype=XSD.date)
    assert g.value(doc, DCTERMS.source) is not None
    mentioned = {str(o).rsplit("/", 1)[1] for o in g.objects(doc, DG.mentions)}
    assert mentioned == SEED_ENTITIES


def test_pipeline_seed_named_graphs_split_document_and_shared(seed_build):
    ds = Dataset()
    ds.parse(seed_build.outdir / "graph.trig", format="trig")
    names = {str(c.identifier) for c in ds.graphs() if len(c)}
    assert names == {str(document_graph_iri(SEED_ID)), str(SHARED_GRAPH)}
    shared = ds.graph(SHARED_GRAPH)
    assert (entity_iri("nato", ("Organisation",)), RDF.type, DG.Organisation) in shared
    assert (entity_iri("nato", ("Organisation",)), RDF.type, DG.Actor) in shared
    assert (entity_iri("pfp", ("Framework",)), RDF.type, DG.Framework) in shared
    assert (DG.Agree, RDF.type, DG.ActionType) in shared


def test_pipeline_seed_outputs_agree_and_conform(seed_build):
    counts = {}
    for name in ("graph.ttl", "graph.trig", "graph.nq"):
        counts[name] = len(list(ox.parse(path=str(seed_build.outdir / name))))
    assert counts["graph.ttl"] == counts["graph.trig"] == counts["graph.nq"] == seed_build.triples
    report = validate(seed_build.outdir)
    assert report.conforms, "\n".join(map(str, report.problems))


def test_pipeline_text_file_is_the_normalised_text(seed_build):
    text = (seed_build.outdir / "text" / f"{SEED_ID}.txt").read_text(encoding="utf-8")
    assert text == graph.read(Path(graph.__file__).parent / "data" / "example" / f"{SEED_ID}.txt").text


def test_pipeline_same_input_same_bytes(seed_build, tmp_path):
    again = graph.build([], outdir=tmp_path / "again")
    for name in ("graph.ttl", "graph.trig", "graph.nq", f"text/{SEED_ID}.txt"):
        assert (again.outdir / name).read_bytes() == (seed_build.outdir / name).read_bytes(), name


def test_pipeline_document_graph_is_the_same_alone_or_in_a_corpus(tmp_path):
    from graph.inputs import example_paths

    (tmp_path / "in").mkdir()
    seed = example_paths()[0]
    (tmp_path / "in" / seed.name).write_bytes(seed.read_bytes())
    (tmp_path / "in" / "other.txt").write_text("3 March 1995\n\nThe CSCE and Ukraine agreed on a Contact Group.\n")
    alone = graph.build([seed], outdir=tmp_path / "alone")
    corpus = graph.build([tmp_path / "in"], outdir=tmp_path / "corpus")
    assert len(corpus.documents) == 2

    def doc_quads(outdir):
        lines = (outdir / "graph.nq").read_text(encoding="utf-8").splitlines()
        return sorted(line for line in lines if line.endswith(f"<{document_graph_iri(SEED_ID)}> ."))

    assert doc_quads(alone.outdir) == doc_quads(corpus.outdir)


def test_pipeline_discover_rules(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "One.TXT").write_text("x")
    (tmp_path / "a" / "two.htm").write_text("x")
    (tmp_path / "a" / "skip.pdf").write_text("x")
    (tmp_path / "a" / ".hidden.txt").write_text("x")
    (tmp_path / "a" / ".git").mkdir()
    (tmp_path / "a" / ".git" / "x.txt").write_text("x")
    (tmp_path / "a" / "sub").mkdir()
    (tmp_path / "a" / "sub" / "three.html").write_text("x")
    explicit = tmp_path / "notes.md"
    explicit.write_text("x")
    found, skipped = discover([tmp_path / "a", explicit])
    assert [f.doc_id for f in found] == ["notes", "one", "sub-three", "two"]
    assert skipped == []


def test_pipeline_discover_same_doc_id_is_a_user_error(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "a.txt").write_text("x")
    (tmp_path / "y" / "a.txt").write_text("x")
    with pytest.raises(UsageError, match=r"both give the document id \"a\""):
        discover([tmp_path / "x", tmp_path / "y"])


def test_pipeline_skips_bad_files_and_builds_the_rest(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "fake.txt").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    (tmp_path / "in" / "good.txt").write_text("3 March 1995\n\nThe CSCE welcomed Ukraine.\n")
    result = graph.build([tmp_path / "in"], outdir=tmp_path / "out")
    assert [d.doc_id for d in result.documents] == ["good"]
    assert sorted((Path(s.path).name, s.reason) for s in result.skipped) == [
        ("empty.txt", "empty file"), ("fake.txt", "PDF file")]


def test_pipeline_nothing_built_writes_nothing(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    result = graph.build([tmp_path / "in"], outdir=tmp_path / "out")
    assert not result.ok
    assert not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["in"]


HOSTILE_DOCUMENT = (
    "3 March 1995\n\n"
    "1. The Alliance and Russia agreed to <script>alert('x')</script> and </script><img src=x onerror=alert(1)> "
    "\"quoted\" \\ back.\n\n"
    "2. The <b>Council</b> of the \"Union\" </ welcomed it.\n"
)


def test_pipeline_page_is_written_safe_and_stable(tmp_path):
    from tests.test_page import embedded, external_references

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "hostile.txt").write_text(HOSTILE_DOCUMENT, encoding="utf-8")
    first = graph.build([tmp_path / "in"], outdir=tmp_path / "a")
    graph.build([tmp_path / "in"], outdir=tmp_path / "b")
    assert first.actions == 1
    html = (tmp_path / "a" / "graph.html").read_text(encoding="utf-8")
    assert (tmp_path / "b" / "graph.html").read_bytes() == html.encode("utf-8")
    assert external_references(html) == []
    for raw in ("<script>alert('x')</script>", "<img src=x onerror=alert(1)>", "</script><img"):
        assert raw not in html
    evidence = [n["title"] for n in embedded(html)["nodes"] if "alert" in n.get("title", "")]
    assert evidence and "<script>alert('x')</script>" in evidence[0]  # kept as text, escaped in the file
    assert not list(tmp_path.rglob("lib"))


def test_pipeline_no_page(tmp_path):
    result = graph.build([], outdir=tmp_path / "out", page=False)
    assert result.ok and not (tmp_path / "out" / "graph.html").exists()


def test_pipeline_symlink_loops_and_folders_are_skipped_with_a_reason(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("3 March 1995\n\nThe CSCE welcomed Ukraine.\n")
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    (folder / "x.txt").mkdir()
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    result = graph.build([folder], outdir=tmp_path / "out", page=False)
    assert [d.doc_id for d in result.documents] == ["good"]
    assert sorted((Path(s.path).name, s.reason) for s in result.skipped) == [
        ("a.txt", "a symbolic link loop"), ("b.txt", "a symbolic link loop"),
        ("gone.txt", "a dangling symbolic link"), ("x.txt", "a folder, not a file")]
