"""Interrupted and failing builds leave the previous outputs as they were; report.json and --strict."""

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import graph
from graph.cli import cli
from tests.badfiles import GOOD


def _snapshot(folder: Path) -> dict[str, bytes]:
    """The outputs in ``folder`` (the cache is not an output: an interrupted build may add to it)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".cache" not in p.relative_to(folder).parts
    }


@pytest.fixture()
def previous(tmp_path):
    """An OUTDIR holding the outputs of an earlier build."""
    out = tmp_path / "out"
    graph.build([], outdir=out, page=False)
    return out, _snapshot(out)


def test_interruptions_report_json_lists_built_and_skipped(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    graph.build([tmp_path / "in"], outdir=tmp_path / "out", page=False)
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in report["documents"]] == ["good"]
    assert report["skipped"] == [{"path": str(tmp_path / "in" / "empty.txt"), "reason": "empty file"}]
    assert report["counts"]["documents"] == 1 and report["counts"]["skipped"] == 1


def test_interruptions_strict_fails_on_any_skip(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    runner = CliRunner()
    relaxed = runner.invoke(cli, ["build", str(tmp_path / "in"), "-o", str(tmp_path / "a"), "--no-page"])
    assert relaxed.exit_code == 0
    strict = runner.invoke(cli, ["build", str(tmp_path / "in"), "-o", str(tmp_path / "b"), "--no-page", "--strict"])
    assert strict.exit_code == 1
    assert strict.output.endswith("Error: 1 file(s) skipped (--strict); the outputs were written\n")


def test_interruptions_full_disk_is_a_clean_error(previous, monkeypatch):
    from graph import writers

    out, before = previous

    def full(self, graph_iri, triples):
        raise OSError(errno.ENOSPC, "No space left on device", str(out / "graph.nq"))

    monkeypatch.setattr(writers.GraphWriter, "add_graph", full)
    result = CliRunner().invoke(cli, ["build", "-o", str(out), "--no-page"])
    assert result.exit_code == 1
    assert result.output == f"Error: {out / 'graph.nq'}: No space left on device\n"
    assert _snapshot(out) == before
    assert [p.name for p in out.parent.iterdir()] == ["out"]


@pytest.mark.parametrize("signum, status", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_interruptions_signal_leaves_previous_outputs(previous, tmp_path, signum, status):
    out, before = previous
    corpus = tmp_path / "big"
    corpus.mkdir()
    for n in range(400):
        (corpus / f"doc-{n:03}.txt").write_text(GOOD * 20, encoding="utf-8")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "graph", "build", str(corpus), "-o", str(out), "--no-page"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(out.parent.glob(".out.*.tmp")):
        time.sleep(0.05)  # wait until the build has started writing
    assert list(out.parent.glob(".out.*.tmp")), "the build never started writing"
    process.send_signal(signum)
    _stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == status
    assert stderr.strip().splitlines()[-1] == f"Interrupted: {out} was left as it was before this build."
    assert _snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["big", "out"]
