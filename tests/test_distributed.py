"""Beyond one process: shards joined by ``diplograph merge``, and extraction on a Dask cluster."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import graph
from graph.cli import cli
from tests.conftest import unavailable


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".cache" not in p.relative_to(folder).parts
    }


def _corpus(folder: Path) -> Path:
    """Documents that name one locally defined body differently (with and without its
    acronym), so the shards hold different records of it, and one file that is skipped."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = [
        "3 March 1994\n\nThe Balkan Liaison Group (BLG) met. NATO and Poland agreed to hold consultations.\n",
        "4 March 1994\n\nThe Balkan Liaison Group met. Hungary welcomed the Partnership for Peace.\n",
        "5 March 1994\n\nRomania and NATO agreed to cooperate in peacekeeping.\n",
        "6 March 1994\n\nThe Balkan Liaison Group (BLG) reported. The Council welcomed the report.\n",
        "7 March 1994\n\nBulgaria signed the Partnership for Peace Framework Document.\n",
    ]
    for n, text in enumerate(texts):
        (folder / f"doc-{n}.txt").write_text(text, encoding="utf-8")
    (folder / "notes.txt").write_text("   \n", encoding="utf-8")
    return folder


def _build(args: list[str]) -> None:
    result = CliRunner().invoke(cli, ["build", *args, "-q"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("count", [2, 3])
def test_distributed_shards_merge_into_the_single_build(tmp_path, count):
    corpus = _corpus(tmp_path / "in")
    options = ["--format", "jsonld", "--format", "gexf", "--view", "default", "--view", "actors", "-j", "1"]
    _build([str(corpus), "-o", str(tmp_path / "single"), *options])
    parts = []
    for index in range(1, count + 1):
        part = tmp_path / f"part-{index}"
        _build([str(corpus), "-o", str(part), "--shard", f"{index}/{count}", *options])
        parts.append(str(part))
    result = CliRunner().invoke(cli, ["merge", *reversed(parts), "-o", str(tmp_path / "merged")])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"Merged {count} builds into {tmp_path / 'merged'}: 5 documents"
    assert _files(tmp_path / "merged") == _files(tmp_path / "single")


def test_distributed_shards_split_the_inputs_disjointly(tmp_path):
    corpus = _corpus(tmp_path / "in")
    seen: list[str] = []
    for index in (1, 2, 3):
        result = graph.build([corpus], outdir=tmp_path / f"p{index}", page=False, shard=(index, 3))
        seen += [d.doc_id for d in result.documents]
        report = json.loads((tmp_path / f"p{index}" / "report.json").read_text(encoding="utf-8"))
        assert report["shard"] == f"{index}/3"
    assert sorted(seen) == ["doc-0", "doc-1", "doc-2", "doc-3", "doc-4"]


def test_distributed_the_entity_record_kept_does_not_depend_on_document_order(tmp_path):
    corpus = _corpus(tmp_path / "in")
    forward = graph.build([corpus], outdir=tmp_path / "a", page=False)
    files = sorted(corpus.glob("*.txt"))
    backward = graph.build(list(reversed(files)), outdir=tmp_path / "b", page=False)
    assert forward.entities == backward.entities
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    shared = (tmp_path / "a" / "graph.nq").read_text(encoding="utf-8")
    assert '"BLG"' in shared  # the fuller description (with the acronym) is kept


@pytest.mark.parametrize(
    "shard, message",
    [("0/2", "'0/2' is not I/N with 1 <= I <= N (e.g. 2/4)"), ("3/2", "'3/2' is not I/N"), ("a/b", "'a/b' is not I/N")],
)
def test_distributed_bad_shard_is_a_usage_error(tmp_path, shard, message):
    result = CliRunner().invoke(cli, ["build", "-o", str(tmp_path / "out"), "--shard", shard])
    assert result.exit_code == 2
    assert message in result.output


def test_distributed_merge_refuses_overlapping_or_mismatched_builds(tmp_path):
    corpus = _corpus(tmp_path / "in")
    _build([str(corpus), "-o", str(tmp_path / "a"), "--no-page"])
    _build([str(corpus), "-o", str(tmp_path / "b"), "--no-page"])
    _build([str(corpus), "-o", str(tmp_path / "c"), "--shard", "1/2"])
    _build([str(corpus), "-o", str(tmp_path / "d"), "--shard", "2/2", "--no-page"])
    runner = CliRunner()
    overlap = runner.invoke(cli, ["merge", str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(tmp_path / "m")])
    assert overlap.exit_code == 1
    assert overlap.output == (
        f'Error: the document "doc-0" is in both {tmp_path / "a"} and {tmp_path / "b"} '
        "(merge disjoint builds, such as the shards of one --shard I/N series)\n"
    )
    mismatch = runner.invoke(cli, ["merge", str(tmp_path / "c"), str(tmp_path / "d"), "-o", str(tmp_path / "m")])
    assert mismatch.exit_code == 1
    assert mismatch.output == (
        f"Error: {tmp_path / 'd'} and {tmp_path / 'c'} were built with different views "
        "(build every part with the same options)\n"
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    missing = runner.invoke(cli, ["merge", str(empty), "-o", str(tmp_path / "m")])
    assert missing.exit_code == 1
    assert missing.output == f"Error: {empty}: no report.json here (merge the folders `diplograph build -o` wrote)\n"
    assert not (tmp_path / "m").exists()


def test_distributed_merge_keeps_a_store_in_step(tmp_path):
    corpus = _corpus(tmp_path / "in")
    _build([str(corpus), "-o", str(tmp_path / "p1"), "--shard", "1/2", "--no-page"])
    _build([str(corpus), "-o", str(tmp_path / "p2"), "--shard", "2/2", "--no-page"])
    result = CliRunner().invoke(
        cli, ["merge", str(tmp_path / "p1"), str(tmp_path / "p2"), "-o", str(tmp_path / "m"), "--store", str(tmp_path / "s")]
    )
    assert result.exit_code == 0, result.output
    from graph.diskstore import open_store

    store = open_store(tmp_path / "s")
    graphs = sorted(str(g.value) for g in store.named_graphs())
    assert len(graphs) == 6 and graphs[-1].endswith("graph/shared")


# ---------------------------------------------------------------------------- Dask


@pytest.fixture(scope="module")
def dask_cluster():
    """A local Dask cluster of two worker processes, one thread each, on 127.0.0.1."""
    try:
        from distributed import LocalCluster
    except ImportError:
        unavailable("dask.distributed is not installed (pip install -e '.[dask]')")
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
        worker_dashboard_address=None,
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@pytest.mark.dask
def test_distributed_dask_build_writes_the_local_bytes(tmp_path, dask_cluster):
    corpus = _corpus(tmp_path / "in")
    (corpus / "broken.txt").write_bytes(b"%PDF-1.4\n%%EOF\n")
    meta = tmp_path / "meta.csv"
    meta.write_text("file,date\ndoc-2.txt,1994-03-09\n", encoding="utf-8")
    extra = tmp_path / "extra.jsonl"
    extra.write_text('{"id": "test-group", "class": ["Organisation"], "label": "Balkan Liaison Group"}\n', encoding="utf-8")
    options = ["--metadata", str(meta), "--gazetteer", str(extra), "--format", "jsonld", "--no-cache"]
    _build([str(corpus), "-o", str(tmp_path / "local"), "-j", "1", *options])
    result = CliRunner().invoke(
        cli, ["build", str(corpus), "-o", str(tmp_path / "dask"), "--dask", dask_cluster, "-q", *options]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"Built 5 documents into {tmp_path / 'dask'} (2 skipped)"
    assert _files(tmp_path / "dask") == _files(tmp_path / "local")


@pytest.mark.dask
def test_distributed_dask_without_a_scheduler_is_one_line(tmp_path, dask_cluster):
    result = CliRunner().invoke(
        cli, ["build", "-o", str(tmp_path / "out"), "--dask", "tcp://127.0.0.1:9", "-q"]
    )
    assert result.exit_code == 1
    assert result.output.startswith("Error: tcp://127.0.0.1:9: no Dask scheduler answers there (")
    assert not (tmp_path / "out").exists()
