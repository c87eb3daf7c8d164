import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

import graph
from graph.cli import cli

SEED_ID = "nato-russia-summary-1994-06-22"


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli") / "out"
    result = CliRunner().invoke(cli, ["build", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_cli_build_prints_exact_summary(seed_out):
    out, output = seed_out
    triples = len((out / "graph.nq").read_text(encoding="utf-8").splitlines())
    assert output == (
        f"Built 1 document into {out} (0 skipped)\n"
        "  entities  7\n"
        "  actions   9\n"
        f"  triples   {triples}\n"
    )


def test_cli_version(runner):
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"diplograph, version {graph.__version__}\n"


@pytest.mark.parametrize("command", ["build", "validate", "query", "extract", "queries", "export"])
def test_cli_every_command_has_help_with_an_example(runner, command):
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Example: diplograph " + command in result.output


def test_cli_bad_usage_exits_2(runner):
    assert runner.invoke(cli, ["build", "--no-such-option"]).exit_code == 2
    assert runner.invoke(cli, ["query"]).exit_code == 2


def test_cli_missing_input_is_one_line_error(runner, tmp_path):
    result = runner.invoke(cli, ["build", str(tmp_path / "nope"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path / 'nope'}: no such file or folder\n"
    assert not (tmp_path / "out").exists()


def test_cli_nothing_built_exits_1(runner, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(cli, ["build", str(tmp_path / "empty.txt"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output.endswith(
        f"  skipped   {tmp_path / 'empty.txt'}: empty file\nError: no document was built, so nothing was written\n"
    )


def test_cli_validate_valid_output(runner, seed_out):
    out, _ = seed_out
    result = runner.invoke(cli, ["validate", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{out}: valid (")


def test_cli_validate_reports_problems(runner, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix dg: <https://w3id.org/diplograph/ontology#> .\n"
        "<https://w3id.org/diplograph/id/action/x/1> a dg:AgreedAction ; dg:object \"\" .\n"
    )
    result = runner.invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith(f"{bad}: ") and lines[0].endswith("problems")
    assert any("exactly one dg:actionType" in line for line in lines)
    assert any("at least one agent" in line for line in lines)


def test_cli_validate_checks_evidence_offsets(runner, tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "text" / "x.txt").write_text("We agreed to meet.", encoding="utf-8")
    (tmp_path / "graph.ttl").write_text(
        "@prefix dg: <https://w3id.org/diplograph/ontology#> .\n"
        "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "<https://w3id.org/diplograph/id/document/x> a dg:Document ; dcterms:title \"X\" ; dcterms:source \"x.txt\" .\n"
        "<https://w3id.org/diplograph/id/actor/rus> a dg:Actor, dg:State ; <http://www.w3.org/2000/01/rdf-schema#label> \"Russia\" ; dcterms:identifier \"rus\" .\n"
        "<https://w3id.org/diplograph/id/action/x/1> a dg:AgreedAction ; dg:agent <https://w3id.org/diplograph/id/actor/rus> ;\n"
        "  dg:actionType dg:Agree ; dg:object \"to meet\" ; dg:statedIn <https://w3id.org/diplograph/id/document/x> ;\n"
        "  dg:evidence \"We agreed to greet.\" ; dg:start 0 ; dg:end 18 ; dg:rule \"test\" .\n"
        "dg:Agree a dg:ActionType ; <http://www.w3.org/2004/02/skos/core#prefLabel> \"agree\" ;\n"
        "  <http://www.w3.org/2004/02/skos/core#inScheme> dg:ActionTypes .\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output == (
        f"{tmp_path}: 1 problem\n"
        "  https://w3id.org/diplograph/id/action/x/1: dg:evidence is not the text at 0-18 of text/x.txt\n"
    )


def test_cli_query_table_csv_json_ask(runner, seed_out):
    out, _ = seed_out
    q = "SELECT ?id WHERE { ?e a dg:State ; dcterms:identifier ?id } ORDER BY ?id"
    table = runner.invoke(cli, ["query", str(out), q])
    assert table.exit_code == 0
    assert table.output == "id\n---\nrus\n(1 row)\n"
    csv = runner.invoke(cli, ["query", str(out), q, "--csv"])
    assert csv.output.replace("\r\n", "\n") == "id\nrus\n"
    data = json.loads(runner.invoke(cli, ["query", str(out), q, "--json"]).output)
    assert [b["id"]["value"] for b in data["results"]["bindings"]] == ["rus"]
    ask = runner.invoke(cli, ["query", str(out), "ASK { ?d dg:mentions actor:nato }"])
    assert ask.output == "true\n"


def test_cli_query_default_graph_is_the_union(runner, seed_out):
    out, _ = seed_out
    q = "SELECT ?label WHERE { ?d dg:mentions ?e . ?e rdfs:label ?label } ORDER BY ?label LIMIT 1"
    result = runner.invoke(cli, ["query", str(out), q])
    assert result.exit_code == 0
    assert result.output.splitlines()[2] == "Conference on Security and Co-operation in Europe"


def test_cli_query_from_file_and_bad_sparql(runner, seed_out, tmp_path):
    out, _ = seed_out
    rq = tmp_path / "count.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?d a dg:Document }")
    assert runner.invoke(cli, ["query", str(out), str(rq)]).output == "n\n-\n1\n(1 row)\n"
    bad = runner.invoke(cli, ["query", str(out), "SELEKT nothing"])
    assert bad.exit_code == 1
    assert bad.output.startswith("Error: query: not valid SPARQL (")
    assert "\n" not in bad.output.rstrip("\n")


def test_cli_extract_jsonl_lists_seed_entities_with_offsets(runner):
    from graph.inputs import example_paths

    seed = example_paths()[0]
    result = runner.invoke(cli, ["extract", str(seed), "--jsonl"])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.output.splitlines()]
    assert records[0]["kind"] == "document" and records[0]["date"] == "1994-06-22"
    text = graph.read(seed).text
    entities = [r for r in records if r["kind"] == "entity"]
    assert {r["id"] for r in entities} == {"nato", "rus", "nacc", "pfp", "csce", "pfp-framework-document", "ipp"}
    for r in entities:
        assert text[r["start"] : r["end"]] == r["text"]
        assert r["rule"]
    assert {"the Alliance", "NATO"} <= {r["text"] for r in entities if r["id"] == "nato"}


def test_cli_python_dash_m_graph():
    result = subprocess.run([sys.executable, "-m", "graph", "--version"], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout == f"diplograph, version {graph.__version__}\n"


def test_cli_extract_jsonl_shows_each_action_with_its_rule(runner):
    from graph.inputs import example_paths

    result = runner.invoke(cli, ["extract", str(example_paths()[0]), "--jsonl"])
    actions = [json.loads(line) for line in result.output.splitlines() if '"kind": "action"' in line]
    assert [(a["type"], a["rule"]) for a in actions] == [
        ("Welcome", "welcome"), ("Seek", "seek"), ("Sign", "signature-of"), ("Agree", "agree"), ("Agree", "agree"), ("Agree", "agree")]
    assert [p["rule"] for p in actions[-1]["parts"]] == ["part-list-item"] * 3
    assert all(a["subject_rule"] for a in actions)


def test_cli_extract_table_lists_actions_and_parts(runner):
    from graph.inputs import example_paths

    result = runner.invoke(cli, ["extract", str(example_paths()[0])])
    assert result.exit_code == 0
    assert "     551-760    action  rus Sign: 'Partnership for Peace'  [signature-of]" in result.output.splitlines()
    assert sum(1 for line in result.output.splitlines() if " part " in line) == 3


def test_cli_extract_lists_the_issuer_next_to_its_mention(runner, tmp_path):
    path = tmp_path / "c.txt"
    path.write_text("Meeting of the North Atlantic Council\n\n3 May 1995\n\n1. The Council welcomed the report.\n", encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(path), "--jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    issuer = [r for r in records if r["kind"] == "issuer"]
    assert [(r["id"], r["rule"]) for r in issuer] == [("nac", "issuer-meeting-of")]
    table = runner.invoke(cli, ["extract", str(path)])
    assert table.exit_code == 0 and "issuer" in table.output


@pytest.mark.parametrize(
    "date, modified, problem",
    [
        ('"1939-09-01"^^xsd:date', None, "dcterms:date 1939-09-01 is before 1945"),
        ('"2999-01-01"^^xsd:date', None, "dcterms:date 2999-01-01 is in the future"),
        ('"1995-06-01"^^xsd:date', '"1994-01-01"^^xsd:date', "dcterms:modified 1994-01-01 is before dcterms:date 1995-06-01"),
        ('"1999-11"^^xsd:gYearMonth', '"1999-11-30"^^xsd:date', None),
    ],
)
def test_cli_validate_checks_dates(runner, tmp_path, date, modified, problem):
    lines = [
        "@prefix dg: <https://w3id.org/diplograph/ontology#> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
        f'<https://w3id.org/diplograph/id/document/x> a dg:Document ; dcterms:title "X" ; dcterms:source "x.txt" ; dcterms:date {date} .',
    ]
    if modified:
        lines.append(f"<https://w3id.org/diplograph/id/document/x> dcterms:modified {modified} .")
    (tmp_path / "g.ttl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(tmp_path / "g.ttl")])
    if problem is None:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 1
        assert f"  https://w3id.org/diplograph/id/document/x: {problem}" in result.output.splitlines()
