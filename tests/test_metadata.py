import pytest
from rdflib import DCTERMS, XSD, Dataset, Literal

import graph
from graph.errors import DataError
from graph.ids import document_graph_iri, document_iri
from graph.metadata import read_metadata
from graph.namespaces import DG

SPEECH = "Mr. President, my country welcomes the report. We support the reform of the Security Council.\n"


@pytest.fixture()
def speeches(tmp_path):
    folder = tmp_path / "speeches"
    (folder / "s50").mkdir(parents=True)
    (folder / "s50" / "EST_50_1995.txt").write_text(SPEECH, encoding="utf-8")
    (folder / "LVA_50_1995.txt").write_text(SPEECH, encoding="utf-8")
    meta = tmp_path / "meta.csv"
    meta.write_text(
        "file,date,issuer,title,type,source\n"
        "s50/EST_50_1995.txt,1995,est,General Debate: Estonia,speech,https://example.org/est\n"
        "LVA_50_1995.txt,1995-09-28,lva,,speech,\n",
        encoding="utf-8",
    )
    return folder, meta


def test_metadata_overrides_date_issuer_title_type_source(speeches, tmp_path):
    folder, meta = speeches
    result = graph.build([folder], outdir=tmp_path / "out", metadata=[meta], page=False)
    assert result.actions == 4
    ds = Dataset()
    ds.parse(tmp_path / "out" / "graph.trig", format="trig")
    g = ds.graph(document_graph_iri("s50-est-50-1995"))
    doc = document_iri("s50-est-50-1995")
    assert g.value(doc, DCTERMS.date) == Literal("1995", datatype=XSD.gYear)
    assert str(g.value(doc, DCTERMS.title)) == "General Debate: Estonia"
    assert str(g.value(doc, DCTERMS.type)) == "speech"
    assert str(g.value(doc, DG.issuedBy)).endswith("/actor/est")
    lva = ds.graph(document_graph_iri("lva-50-1995"))
    assert lva.value(document_iri("lva-50-1995"), DCTERMS.date) == Literal("1995-09-28", datatype=XSD.date)
    assert {str(o).rsplit("/", 1)[1] for o in lva.objects(None, DG.agent)} == {"lva"}


@pytest.mark.parametrize(
    "csv_text, message",
    [
        ("name,date\nx.txt,1995\n", 'meta.csv:1: the header needs a "file" column'),
        ("file,colour\nx.txt,red\n", 'meta.csv:1: unknown column "colour"'),
        ("file,date\nx.txt,95\n", 'meta.csv:2: "date" 95 is not YYYY-MM-DD, YYYY-MM or YYYY'),
        ("file,date\nx.txt,1995\nx.txt,1996\n", 'meta.csv:3: "x.txt" is listed twice (first at line 2)'),
        ("file,issuer\nx.txt,Estonia\n", 'meta.csv:2: "issuer" Estonia is not a gazetteer id'),
        ("file,source\nx.txt,not a url\n", 'meta.csv:2: "source" not a url is not a URL'),
    ],
)
def test_metadata_bad_rows_name_file_and_line(tmp_path, csv_text, message):
    path = tmp_path / "meta.csv"
    path.write_text(csv_text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_metadata(path)
    assert str(info.value).startswith(f"{tmp_path / message.split(':', 1)[0]}:{message.split(':', 1)[1]}")


def test_metadata_unknown_issuer_is_a_user_error(speeches, tmp_path):
    folder, _ = speeches
    meta = tmp_path / "bad.csv"
    meta.write_text("file,issuer\nLVA_50_1995.txt,xyz\n", encoding="utf-8")
    with pytest.raises(DataError, match=r'bad.csv:2: issuer "xyz" is not an actor of the gazetteer'):
        graph.build([folder], outdir=tmp_path / "out", metadata=[meta])
    assert not (tmp_path / "out").exists()


def test_metadata_extract_gives_one_file_its_issuer_and_date(tmp_path):
    from click.testing import CliRunner

    from graph.cli import cli

    path = tmp_path / "LVA_50_1995.txt"
    path.write_text("We welcome the report of the Secretary-General and I support his proposals.\n", encoding="utf-8")
    meta = tmp_path / "meta.csv"
    meta.write_text("file,date,issuer\nLVA_50_1995.txt,1995,lva\n", encoding="utf-8")
    runner = CliRunner()
    plain = runner.invoke(cli, ["extract", str(path)])
    assert plain.exit_code == 0 and " action " not in plain.output  # "we" is nobody without an issuer
    given = runner.invoke(cli, ["extract", str(path), "--metadata", str(meta)])
    assert given.exit_code == 0, given.output
    assert given.output.splitlines()[0].endswith("(1995)")
    assert [line.split("  [")[0].split(" action  ")[1] for line in given.output.splitlines() if " action " in line] == [
        "lva Welcome: 'the report of the Secretary-General'", "lva Support: 'his proposals'",
    ]
    meta.write_text("file,issuer\nLVA_50_1995.txt,xyz\n", encoding="utf-8")
    bad = runner.invoke(cli, ["extract", str(path), "--metadata", str(meta)])
    assert bad.exit_code == 1 and 'meta.csv:2: issuer "xyz" is not an actor of the gazetteer' in bad.output
