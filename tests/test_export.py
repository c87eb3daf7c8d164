"""Exports: graph.jsonld (build --format jsonld) and event data (diplograph export)."""

import csv

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

import graph
from graph.cli import cli
from graph.errors import DiplographError
from graph.export import COLUMNS, export_actions
from tests.graphs import assert_isomorphic

SEED_ID = "nato-russia-summary-1994-06-22"


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "out"
    graph.build([], outdir=out, formats=["jsonld"], page=False)
    return out


def _union(path, fmt):
    ds = Dataset()
    ds.parse(path, format=fmt)
    union = Graph()
    for s, p, o, _g in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def test_export_jsonld_round_trips_isomorphic_to_trig(seed_out):
    assert_isomorphic(_union(seed_out / "graph.trig", "trig"), _union(seed_out / "graph.jsonld", "json-ld"))
    quads = {str(q) for q in ox.parse(path=str(seed_out / "graph.jsonld"))}
    assert quads == {str(q) for q in ox.parse(path=str(seed_out / "graph.nq"))}


def test_export_jsonld_keeps_named_graphs_and_an_inline_context(seed_out):
    text = (seed_out / "graph.jsonld").read_text(encoding="utf-8")
    assert text.startswith('{"@context": {"actor": "https://w3id.org/diplograph/id/actor/"')
    graphs = {q.graph_name.value for q in ox.parse(path=str(seed_out / "graph.jsonld"))}
    assert graphs == {f"https://w3id.org/diplograph/id/graph/{SEED_ID}", "https://w3id.org/diplograph/id/graph/shared"}


def test_export_jsonld_is_byte_stable(seed_out, tmp_path):
    graph.build([], outdir=tmp_path / "again", formats=["jsonld"], page=False)
    assert (tmp_path / "again" / "graph.jsonld").read_bytes() == (seed_out / "graph.jsonld").read_bytes()


def test_export_jsonld_only_when_asked(tmp_path):
    graph.build([], outdir=tmp_path / "out", page=False)
    assert not (tmp_path / "out" / "graph.jsonld").exists()


def test_export_actions_csv_rows_per_action_and_agent(seed_out, tmp_path):
    path = tmp_path / "actions.csv"
    assert export_actions(seed_out, path) == 17  # 8 joint actions x 2 agents + the signature by Russia
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == COLUMNS
    assert path.read_text(encoding="utf-8").splitlines()[0] == ",".join(COLUMNS)
    first = rows[0]
    assert (first["document"], first["agent_id"], first["co_agents"], first["type"], first["cameo"]) == (
        SEED_ID, "nato", "rus", "welcome", "051")
    assert first["frameworks"] == "nacc" and first["date"] == "1994-06-22" and first["paragraph"] == "1"
    sign = [r for r in rows if r["type"] == "sign"]
    assert [(r["agent_id"], r["co_agents"], r["cameo"], r["object"]) for r in sign] == [("rus", "", "057", "Partnership for Peace")]
    parts = [r for r in rows if r["part_of"]]
    assert len(parts) == 6 and {r["part_of"].rsplit("/", 1)[1] for r in parts} == {"6"}
    assert {r["topics"] for r in parts} == {"information-sharing", "political-consultation", "peacekeeping"}


def test_export_actions_tsv_keeps_one_line_per_row(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "t.txt").write_text(
        "3 May 1995\n\nNATO and Russia agreed to\tmeet \"soon\" in\nMoscow.\n", encoding="utf-8")
    graph.build([tmp_path / "in"], outdir=tmp_path / "out", page=False)
    path = tmp_path / "a.tsv"
    assert export_actions(tmp_path / "out", path) == 2
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and all(line.count("\t") == len(COLUMNS) - 1 for line in lines)


def test_export_to_a_missing_folder_is_a_user_error(seed_out, tmp_path):
    with pytest.raises(DiplographError, match="does not exist"):
        export_actions(seed_out, tmp_path / "nowhere" / "a.csv")


def test_export_cli_prints_the_row_count(seed_out, tmp_path):
    result = CliRunner().invoke(cli, ["export", str(seed_out), "--actions", str(tmp_path / "a.csv")])
    assert result.exit_code == 0
    assert result.output == f"Wrote 17 rows to {tmp_path / 'a.csv'}\n"
    assert CliRunner().invoke(cli, ["export", str(seed_out)]).exit_code == 2
