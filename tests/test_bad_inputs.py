"""Bad, awkward and hostile files: each has a decided outcome, and good documents beside them
are built exactly as they would be alone."""

from pathlib import Path

import pytest

import graph
from graph.errors import InputError
from tests.badfiles import GOOD, write_bad_files


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad") / "in"
    outcomes = write_bad_files(folder)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    outcomes["good.txt"] = ("built", None)
    out = folder.parent / "out"
    return folder, outcomes, graph.build([folder], outdir=out, page=False), out


def test_bad_inputs_each_case_has_its_outcome(mixed):
    folder, outcomes, result, _out = mixed
    built = {Path(d.source).name for d in result.documents}
    skipped = {Path(s.path).name: s.reason for s in result.skipped}
    for name, (outcome, reason) in outcomes.items():
        if outcome == "built":
            assert name in built, f"{name} was not built ({skipped.get(name)})"
        else:
            assert skipped.get(name) == reason, f"{name}: {skipped.get(name)!r}, expected {reason!r}"
    assert len(built) + len(skipped) == len(outcomes)


def test_bad_inputs_pdf_message_says_to_convert_it(tmp_path):
    write_bad_files(tmp_path / "in")
    with pytest.raises(InputError) as info:
        graph.read(tmp_path / "in" / "scan.txt")
    assert "pdftotext" in str(info.value)


@pytest.mark.parametrize("name, warning", [("cp1252.txt", "cp1252"), ("invalid-utf8.txt", "cp1252")])
def test_bad_inputs_wrong_encodings_build_with_a_warning(mixed, name, warning):
    folder, _outcomes, result, _out = mixed
    (document,) = [d for d in result.documents if d.source == name]
    assert any(warning in w for w in document.warnings)


def test_bad_inputs_decoded_text(mixed):
    folder, _outcomes, _result, _out = mixed
    assert "\u201cregular\u201d" in graph.read(folder / "cp1252.txt").text
    assert "\ufffd" in graph.read(folder / "invalid-utf8.txt").text
    assert graph.read(folder / "utf16-bom.txt").text == graph.read(folder / "utf16-le.txt").text
    html = graph.read(folder / "script.html").text
    assert "We agreed" not in html and "condemned" not in html and "color" not in html
    assert "& meet again <soon>" in html


def test_bad_inputs_good_documents_build_as_they_would_alone(mixed, tmp_path):
    folder, _outcomes, _result, out = mixed
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "good.txt").write_text(GOOD, encoding="utf-8")
    graph.build([alone], outdir=tmp_path / "out", page=False)
    graph_iri = "<https://w3id.org/diplograph/id/graph/good> ."

    def lines(path):
        return sorted(line for line in path.read_text(encoding="utf-8").splitlines() if line.endswith(graph_iri))

    assert lines(out / "graph.nq") == lines(tmp_path / "out" / "graph.nq")
    assert (out / "text" / "good.txt").read_bytes() == (tmp_path / "out" / "text" / "good.txt").read_bytes()


def test_bad_inputs_long_line_is_processed_in_blocks(mixed):
    _folder, _outcomes, result, _out = mixed
    (document,) = [d for d in result.documents if d.source == "long-line.txt"]
    assert document.actions == 1  # the one action at the end of a 5 MB line, past spaCy's max_length


def test_bad_inputs_unreadable_file_is_skipped(tmp_path, monkeypatch):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "locked.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "in" / "good.txt").write_text(GOOD, encoding="utf-8")
    original = Path.read_bytes

    def read_bytes(self):  # CI runs as root, so permissions are simulated
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = graph.build([tmp_path / "in"], outdir=tmp_path / "out", page=False)
    assert [d.doc_id for d in result.documents] == ["good"]
    assert [(Path(s.path).name, s.reason) for s in result.skipped] == [("locked.txt", "cannot be read")]


@pytest.mark.slow
def test_bad_inputs_fifty_megabyte_text_is_built(tmp_path):
    from tests.badfiles import large_text

    data = large_text(50_000_000)
    assert len(data) == 50_000_000
    (tmp_path / "large.txt").write_bytes(data)
    result = graph.build([tmp_path / "large.txt"], outdir=tmp_path / "out", page=False, cache=False)
    (document,) = result.documents
    paragraphs = data.count(b"\n\n") - 1  # after the date line
    assert document.actions == (paragraphs + 9) // 10
    text = (tmp_path / "out" / "text" / "large.txt").read_text(encoding="utf-8")
    assert text.count("NATO and Russia agreed to hold consultations") == document.actions
