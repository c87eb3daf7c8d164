"""Properties that hold for any input: the build never crashes, outputs parse and conform,
every action's offsets lie inside its document and the text there is its evidence."""

import os
import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import graph
from graph.gazetteer import load_gazetteer
from graph.pipeline import Extractor
from graph.reader import read_text
from graph.validate import validate

EXAMPLES = int(os.environ.get("DIPLOGRAPH_HYPOTHESIS_EXAMPLES", "25"))
PROFILE = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def extractor():
    return Extractor(load_gazetteer())


def _check(extraction):
    text = extraction.document.text
    for action in extraction.actions:
        for each in (action, *action.parts):
            assert 0 <= each.start < each.end <= len(text)
            assert text[each.start : each.end] == each.evidence
            assert 0 <= each.object_start < each.object_end <= len(text)
            assert text[each.object_start : each.object_end] == each.object
    for mention in extraction.mentions:
        assert text[mention.start : mention.end] == mention.text


@PROFILE
@given(st.text(min_size=1, max_size=400))
def test_properties_random_text_never_crashes(extractor, text):
    from graph.errors import InputError

    try:
        document = read_text(text, name="random.txt")
    except InputError:
        return  # empty, whitespace or binary-looking input is skipped with a reason
    _check(extractor(document))


def _dev_sentences(corpus_dir: Path) -> list[str]:
    sentences = []
    for path in sorted((corpus_dir / "dev").glob("*.txt")):
        document = graph.read(path)
        sentences += [document.text[s.start : s.end] for s in document.sentences if len(document.text[s.start : s.end]) > 20]
    return sentences


@pytest.mark.corpus
def test_properties_mixtures_of_dev_sentences(corpus_dir, extractor, tmp_path_factory):
    sentences = _dev_sentences(corpus_dir)

    @PROFILE
    @given(st.lists(st.sampled_from(sentences), min_size=1, max_size=12), st.sampled_from(["\n\n", " ", "\n"]))
    def check(chosen, joiner):
        document = read_text("12 May 1995\n\n" + joiner.join(chosen), name="mix.txt")
        _check(extractor(document))

    check()


@pytest.mark.corpus
def test_properties_a_built_mixture_parses_and_conforms(corpus_dir, tmp_path):
    sentences = _dev_sentences(corpus_dir)
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        (folder / f"mix-{n}.txt").write_text("12 May 1995\n\n" + "\n\n".join(sentences[n::7][:15]), encoding="utf-8")
    result = graph.build([folder], outdir=tmp_path / "out", page=False)
    assert len(result.documents) == 3
    for name in ("graph.ttl", "graph.trig", "graph.nq"):
        assert len(list(ox.parse(path=str(tmp_path / "out" / name)))) == result.triples
    report = validate(tmp_path / "out")
    assert report.conforms, "\n".join(map(str, report.problems[:10]))


@pytest.mark.corpus
def test_properties_same_bytes_whatever_the_input_order(corpus_dir, tmp_path):
    files = sorted((corpus_dir / "dev").glob("*.txt"))
    graph.build(files, outdir=tmp_path / "a", formats=["jsonld"])
    graph.build(list(reversed(files)), outdir=tmp_path / "b", formats=["jsonld"])
    shutil.copytree(corpus_dir / "dev", tmp_path / "copy")
    graph.build([tmp_path / "copy"], outdir=tmp_path / "c", formats=["jsonld"])
    names = sorted(
        str(p.relative_to(tmp_path / "a"))
        for p in (tmp_path / "a").rglob("*")
        if p.is_file() and ".cache" not in p.relative_to(tmp_path / "a").parts  # keyed by path: not an output
    )
    assert "graph.html" in names and any(re.match(r"text/.+\.txt$", n) for n in names)
    for name in names:
        first = (tmp_path / "a" / name).read_bytes()
        assert (tmp_path / "b" / name).read_bytes() == first, name
        assert (tmp_path / "c" / name).read_bytes() == first, name
