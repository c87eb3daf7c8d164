"""Corpus scale: a process pool that changes no byte, the build cache, and progress reports."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import graph
from graph import cache as cache_module
from graph.cli import cli
from graph.progress import Progress
from tests.badfiles import GOOD


def _files(folder: Path) -> dict[str, bytes]:
    """Every output file under ``folder``, the cache left out."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".cache" not in p.relative_to(folder).parts
    }


def _corpus(folder: Path, count: int = 6) -> Path:
    """Small documents that differ in their actors, one of them not a document at all."""
    folder.mkdir(parents=True, exist_ok=True)
    states = ["Estonia", "Latvia", "Lithuania", "Poland", "Hungary", "Romania", "Bulgaria", "Albania"]
    for n in range(count):
        state = states[n % len(states)]
        (folder / f"doc-{n:02}.txt").write_text(
            f"{n + 1} March 1994\n\nNATO and {state} agreed to hold regular consultations.\n"
            f"{state} welcomed the Partnership for Peace.\n",
            encoding="utf-8",
        )
    (folder / "doc-03b.txt").write_bytes(b"")  # skipped, between two documents
    return folder


# ---------------------------------------------------------------------------- -j N


def test_scale_two_jobs_write_the_same_bytes_as_one(tmp_path):
    corpus = _corpus(tmp_path / "in")
    one = graph.build([corpus], outdir=tmp_path / "one", jobs=1, cache=False, formats=["jsonld", "gexf"])
    two = graph.build([corpus], outdir=tmp_path / "two", jobs=2, cache=False, formats=["jsonld", "gexf"])
    assert [d.doc_id for d in two.documents] == [d.doc_id for d in one.documents]
    assert [s.reason for s in two.skipped] == ["empty file"]
    assert _files(tmp_path / "two") == _files(tmp_path / "one")
    assert "graph.html" in _files(tmp_path / "one") and "graph.jsonld" in _files(tmp_path / "one")


@pytest.mark.corpus
@pytest.mark.slow
def test_scale_dev_corpus_jobs_are_byte_identical(tmp_path, corpus_dir):
    args = ["--format", "jsonld", "--format", "graphml", "--view", "default", "--view", "actors", "--no-cache", "-q"]
    runner = CliRunner()
    for jobs, name in (("1", "one"), ("2", "two")):
        result = runner.invoke(cli, ["build", str(corpus_dir / "dev"), "-o", str(tmp_path / name), "-j", jobs, *args])
        assert result.exit_code == 0, result.output
    one, two = _files(tmp_path / "one"), _files(tmp_path / "two")
    assert one == two
    assert len([name for name in one if name.startswith("text/")]) == 16


# ---------------------------------------------------------------------------- the cache


def test_scale_cache_reuses_unchanged_documents_and_gives_the_same_bytes(tmp_path):
    corpus = _corpus(tmp_path / "in")
    out = tmp_path / "out"
    first = graph.build([corpus], outdir=out, page=False)
    assert first.cached == 0
    second = graph.build([corpus], outdir=out, page=False)
    assert second.cached == len(second.documents) == 6
    graph.build([corpus], outdir=tmp_path / "fresh", page=False, cache=False)
    assert _files(out) == _files(tmp_path / "fresh")
    assert not (tmp_path / "fresh" / ".cache").exists()


@pytest.mark.parametrize("jobs", [1, 2])
def test_scale_cache_misses_only_the_changed_file(tmp_path, jobs):
    corpus = _corpus(tmp_path / "in")
    out = tmp_path / "out"
    graph.build([corpus], outdir=out, page=False)
    (corpus / "doc-02.txt").write_text("4 May 1995\n\nThe Council welcomed the Partnership for Peace.\n", encoding="utf-8")
    again = graph.build([corpus], outdir=out, page=False, jobs=jobs)
    assert again.cached == 5
    graph.build([corpus], outdir=tmp_path / "fresh", page=False, cache=False)
    assert _files(out) == _files(tmp_path / "fresh")


def test_scale_cache_misses_a_file_whose_metadata_changed(tmp_path):
    corpus = _corpus(tmp_path / "in")
    out = tmp_path / "out"
    meta = tmp_path / "meta.csv"
    meta.write_text("file,date\ndoc-01.txt,1994-03-09\n", encoding="utf-8")
    graph.build([corpus], outdir=out, page=False, metadata=[meta])
    assert graph.build([corpus], outdir=out, page=False, metadata=[meta]).cached == 6
    meta.write_text("file,date\n\ndoc-01.txt,1994-03-09\n", encoding="utf-8")  # same values, another line
    assert graph.build([corpus], outdir=out, page=False, metadata=[meta]).cached == 6
    meta.write_text("file,date\ndoc-01.txt,1994-03-10\n", encoding="utf-8")
    assert graph.build([corpus], outdir=out, page=False, metadata=[meta]).cached == 5


def test_scale_cache_misses_everything_when_a_gazetteer_or_diplograph_changes(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path / "in")
    out = tmp_path / "out"
    extra = tmp_path / "extra.jsonl"
    extra.write_text('{"id": "test-council", "class": ["Organisation"], "label": "Test Council"}\n', encoding="utf-8")
    graph.build([corpus], outdir=out, page=False, gazetteers=[extra])
    assert graph.build([corpus], outdir=out, page=False, gazetteers=[extra]).cached == 6
    extra.write_text('{"id": "test-council", "class": ["Organisation"], "label": "Test Council", "acronym": "TC"}\n', encoding="utf-8")
    assert graph.build([corpus], outdir=out, page=False, gazetteers=[extra]).cached == 0
    monkeypatch.setattr(graph, "__version__", "0.0.0-test")
    assert graph.build([corpus], outdir=out, page=False, gazetteers=[extra]).cached == 0


def test_scale_cache_fingerprint_follows_the_package_files(monkeypatch, tmp_path):
    settings = graph.work.Settings()
    before = cache_module.fingerprint(settings)
    package_files = cache_module._package_files()
    assert any(name == "data/triggers.jsonl" for name, _ in package_files)
    assert any(name.endswith("diplograph.ttl") for name, _ in package_files)
    changed = tmp_path / "triggers.jsonl"
    changed.write_bytes(dict(package_files)["data/triggers.jsonl"].read_bytes() + b"\n")
    swapped = [(name, changed if name == "data/triggers.jsonl" else path) for name, path in package_files]
    monkeypatch.setattr(cache_module, "_package_files", lambda: swapped)
    assert cache_module.fingerprint(settings) != before


@pytest.mark.parametrize("jobs", [1, 2])
def test_scale_cache_damaged_entry_is_a_miss_and_unused_entries_are_pruned(tmp_path, jobs):
    corpus = _corpus(tmp_path / "in")
    out = tmp_path / "out"
    graph.build([corpus], outdir=out, page=False)
    entries = sorted((out / ".cache").glob("*/*.json"))
    assert len(entries) == 6
    damaged = next(e for e in entries if json.loads(e.read_text(encoding="utf-8"))["built"]["doc_id"] == "doc-00")
    damaged.write_text("{not json", encoding="utf-8")
    (corpus / "doc-05.txt").unlink()
    again = graph.build([corpus], outdir=out, page=False, jobs=jobs)
    assert again.cached == 4 and len(again.documents) == 5
    graph.build([corpus], outdir=tmp_path / "fresh", page=False, cache=False)
    assert _files(out) == _files(tmp_path / "fresh")
    assert len(list((out / ".cache").glob("*/*.json"))) == 5
    for entry in (out / ".cache").glob("*/*.json"):
        json.loads(entry.read_text(encoding="utf-8"))


def test_scale_no_cache_neither_reads_nor_writes_the_cache(tmp_path):
    corpus = _corpus(tmp_path / "in")
    out = tmp_path / "out"
    graph.build([corpus], outdir=out, page=False)
    before = {p: p.read_bytes() for p in (out / ".cache").rglob("*") if p.is_file()}
    (corpus / "doc-00.txt").write_text("2 June 1994\n\nThe Allies decided to meet again.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(corpus), "-o", str(out), "--no-page", "--no-cache", "-q"])
    assert result.exit_code == 0
    assert result.output.startswith("Built 6 documents into")
    assert "from the cache" not in result.output
    assert {p: p.read_bytes() for p in (out / ".cache").rglob("*") if p.is_file()} == before


def test_scale_cli_says_how_many_came_from_the_cache(tmp_path):
    corpus = _corpus(tmp_path / "in", count=2)
    out = tmp_path / "out"
    runner = CliRunner()
    runner.invoke(cli, ["build", str(corpus), "-o", str(out), "--no-page", "-q", "-j", "1"])
    result = runner.invoke(cli, ["build", str(corpus), "-o", str(out), "--no-page", "-q", "-j", "1"])
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == f"Built 2 documents into {out} (1 skipped, 2 from the cache)"


def test_scale_cache_survives_a_moved_outdir_only_for_the_same_inputs(tmp_path):
    corpus = _corpus(tmp_path / "in", count=2)
    graph.build([corpus], outdir=tmp_path / "a", page=False)
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    assert graph.build([corpus], outdir=tmp_path / "b", page=False).cached == 2
    moved = tmp_path / "moved"
    shutil.copytree(corpus, moved)
    assert graph.build([moved], outdir=tmp_path / "b", page=False).cached == 0  # the source path is in the graph


# ---------------------------------------------------------------------------- progress


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_scale_progress_lines_say_count_rate_and_time_left():
    stream, clock = io.StringIO(), _Clock()
    progress = Progress(120, "lines", stream=stream, every=10.0, clock=clock)
    for _ in range(30):
        clock.now += 0.5
        progress.update()
    progress.close()
    assert stream.getvalue() == (
        "diplograph: 20/120 documents (17%), 2.0 documents/s, about 50 s left\n"
    )


def test_scale_progress_long_times_read_in_minutes_and_hours():
    stream, clock = io.StringIO(), _Clock()
    progress = Progress(100_000, "lines", stream=stream, every=1.0, clock=clock)
    clock.now += 2.0
    progress.update()
    assert stream.getvalue() == "diplograph: 1/100000 documents (0%), 0.5 documents/s, about 55 h 33 min left\n"
    stream.truncate(0)
    stream.seek(0)
    for _ in range(9998):
        progress.update()  # no time has passed: no line
    assert stream.getvalue() == ""
    clock.now += 4000.0
    progress.update()
    assert stream.getvalue() == "diplograph: 10000/100000 documents (10%), 2.5 documents/s, about 10 h 00 min left\n"


def test_scale_progress_bar_and_quiet():
    stream = io.StringIO()
    bar = Progress(3, "bar", stream=stream)
    for _ in range(3):
        bar.update()
    bar.close()
    assert stream.getvalue().startswith("\rdiplograph:   0%|") and "0/3 [00:00<?, ?doc/s]" in stream.getvalue()
    quiet = io.StringIO()
    silent = Progress(3, "quiet", stream=quiet)
    for _ in range(3):
        silent.update()
    silent.close()
    assert quiet.getvalue() == ""


def test_scale_quiet_build_writes_nothing_on_stderr(tmp_path):
    corpus = _corpus(tmp_path / "in", count=3)
    result = CliRunner().invoke(cli, ["build", str(corpus), "-o", str(tmp_path / "out"), "--no-page", "-q"])
    assert result.exit_code == 0
    assert result.stderr == ""


def test_scale_jobs_must_be_positive(tmp_path):
    result = CliRunner().invoke(cli, ["build", "-o", str(tmp_path / "out"), "-j", "0"])
    assert result.exit_code == 2
    assert "Invalid value for '-j' / '--jobs': 0 is not in the range x>=1." in result.output



# ---------------------------------------------------------------------------- large documents


def test_scale_large_graphs_spill_to_files_and_give_the_same_bytes(tmp_path, monkeypatch):
    from graph import writers

    corpus = _corpus(tmp_path / "in")
    graph.build([corpus], outdir=tmp_path / "held", jobs=1, cache=False, formats=["jsonld"])
    monkeypatch.setattr(writers, "SPILL_TRIPLES", 5)  # every document's graph goes through files
    for jobs in (1, 2):
        out = tmp_path / f"spilled-{jobs}"
        graph.build([corpus], outdir=out, jobs=jobs, formats=["jsonld"])
        assert _files(out) == _files(tmp_path / "held")
        assert not (out / ".spill").exists()
        assert len(list((out / ".cache").glob("*/*.nq"))) == 6  # the cache keeps the files beside the entry
        again = graph.build([corpus], outdir=out, jobs=jobs, formats=["jsonld"])
        assert again.cached == 6
        assert _files(out) == _files(tmp_path / "held")
        assert len(list((out / ".cache").glob("*/*.nq"))) == 6  # reading from the cache removes nothing


def test_scale_cache_entry_missing_its_files_is_a_miss(tmp_path, monkeypatch):
    from graph import writers

    corpus = _corpus(tmp_path / "in", count=2)
    monkeypatch.setattr(writers, "SPILL_TRIPLES", 5)
    out = tmp_path / "out"
    graph.build([corpus], outdir=out, page=False)
    next((out / ".cache").glob("*/*.ttl")).unlink()
    again = graph.build([corpus], outdir=out, page=False)
    assert again.cached == 1
    graph.build([corpus], outdir=tmp_path / "fresh", page=False, cache=False)
    assert _files(out) == _files(tmp_path / "fresh")


def test_scale_long_documents_are_parsed_again_rather_than_kept(tmp_path, monkeypatch):
    from graph import nlp
    from graph.reader import read

    text = "12 May 1995\n\n" + "".join(
        f"{n}. NATO and Poland agreed to hold consultations on item {n}. Hungary welcomed the Partnership for Peace.\n\n"
        for n in range(1, 60)
    )
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    kept = read(path)
    assert isinstance(kept.parsed, tuple) and len(kept.parsed) == len(kept.paragraphs)
    expected = graph.extract(path).records()
    monkeypatch.setattr(nlp, "KEEP_DOCS_CHARS", 1000)
    reparsed = read(path)
    assert isinstance(reparsed.parsed, nlp.Reparsed)
    assert reparsed.sentences == kept.sentences
    assert [d.text for d in reparsed.parsed] == [d.text for d in kept.parsed]
    assert graph.extract(path).records() == expected
    assert sum(1 for r in expected if r["kind"] == "action") == 118


def test_scale_one_task_of_a_larger_build_runs_in_a_worker_started_at_once(tmp_path):
    from graph.inputs import discover
    from graph.runner import run

    corpus = _corpus(tmp_path / "in")
    (item,), _skipped = discover([corpus / "doc-01.txt"])
    settings = graph.work.Settings()
    here = list(run([(item, None)], settings, jobs=2))  # alone: in this process
    pooled = run([(item, None)], settings, jobs=2, alone=False)
    assert type(pooled).__name__ == "_Pooled"  # the pool is up before the first outcome is asked for
    there = list(pooled)
    assert [o.chunk.nq for o in there] == [o.chunk.nq for o in here]
    pooled.close()
