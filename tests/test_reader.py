"""The document reader: decoding, HTML, normalisation, structure and sentences."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.document import Document
from graph.errors import InputError
from graph.nlp import parse_paragraphs
from graph.reader import read, read_text
from graph.reader.html import html_to_text

SEED = Path(__file__).resolve().parents[1] / "graph" / "data" / "example" / "nato-russia-summary-1994-06-22.txt"
GOLDEN = Path(__file__).resolve().parent / "data" / "golden"


def texts(doc: Document) -> list[str]:
    """The text of each paragraph."""
    return [doc.text[p.start : p.end] for p in doc.paragraphs]


def assert_well_formed(doc: Document) -> None:
    """Offsets in range, paragraphs in order and apart, sentences inside their paragraph."""
    assert doc.text == doc.text.strip()
    assert "\n\n\n" not in doc.text
    assert doc.text == "\n\n".join(texts(doc))
    previous_end = -1
    for para in doc.paragraphs:
        assert previous_end < para.start < para.end <= len(doc.text)
        assert "\n" not in doc.text[para.start : para.end]
        assert para.start <= (para.body_start or para.start) <= para.end
        if para.marker:
            assert doc.text[para.start :].startswith(para.marker)
        previous_end = para.end
    for sent in doc.sentences:
        para = doc.paragraphs[sent.paragraph]
        assert para.start <= sent.start < sent.end <= para.end
        chunk = doc.text[sent.start : sent.end]
        assert chunk == chunk.strip()
    assert len(doc.parsed) == len(doc.paragraphs)


# ---------------------------------------------------------------------------
# The seed


def test_reader_seed_golden() -> None:
    doc = read(SEED)
    assert doc.text == (GOLDEN / "seed.txt").read_text(encoding="utf-8")
    assert_well_formed(doc)
    assert (doc.title, doc.date, doc.modified, doc.identifier) == ("Summary of Conclusion", "1994-06-22", "2000-10-31", None)
    assert "Go to Index" not in doc.text and "Updated" not in doc.text
    numbered = [(p.number, p.kind, p.marker) for p in doc.paragraphs if p.number is not None]
    assert numbered == [
        (1, "body", "1."),
        (1, "body", None),
        (2, "body", "2."),
        (2, "body", None),
        (3, "body", "3."),
        (4, "body", "4."),
        (4, "bullet", "\u2022"),
        (4, "bullet", "\u2022"),
        (4, "bullet", "\u2022"),
    ]
    assert all(p.level == 1 for p in doc.paragraphs if p.kind == "bullet")
    assert doc.source == SEED.name and doc.path == str(SEED)
    assert doc.doc_id == "nato-russia-summary-1994-06-22"


def test_reader_seed_body_start_after_marker() -> None:
    doc = read(SEED)
    first = next(p for p in doc.paragraphs if p.marker == "1.")
    assert doc.text[first.body_start :].startswith("Both the Alliance")


# ---------------------------------------------------------------------------
# Layouts (texts written for these tests in the shapes of the corpus)

PRESS_RELEASE = """\
PRESS RELEASE M-NAC-1(96)44        For Immediate Release
                                       3rd June 1996


           FINAL COMMUNIQUE OF THE MINISTERIAL MEETING OF
                  THE NORTH ATLANTIC COUNCIL
                        3RD JUNE 1996


     1.   The North Atlantic Council met in Ministerial
session in Berlin today.  Ministers reviewed the
adaptation of the Alliance to the new security
environment.

     2.   Ministers welcomed the progress made in
implementing the Peace Agreement and expressed their
support for the work of the High Representative.
"""

PRESS_RELEASE_TEXT = """\
PRESS RELEASE M-NAC-1(96)44 For Immediate Release

3rd June 1996

FINAL COMMUNIQUE OF THE MINISTERIAL MEETING OF THE NORTH ATLANTIC COUNCIL

3RD JUNE 1996

1. The North Atlantic Council met in Ministerial session in Berlin today. Ministers reviewed the \
adaptation of the Alliance to the new security environment.

2. Ministers welcomed the progress made in implementing the Peace Agreement and expressed their \
support for the work of the High Representative."""

INDENTED_PARAGRAPHS = """\
          We, the Ministers of Defence, met today in
Brussels to review the work of the Alliance.  We
agreed on the points set out below.
          The Alliance remains the essential forum for
consultation among its members on security matters
affecting their commitments.
"""

INDENTED_PARAGRAPHS_TEXT = """\
We, the Ministers of Defence, met today in Brussels to review the work of the Alliance. We agreed \
on the points set out below.

The Alliance remains the essential forum for consultation among its members on security matters \
affecting their commitments."""

ARCHIVE = """\
source: https://example.org/docu/comm/c951214a.htm
retrieved-as: written for the tests

Updated: 12-Mar-2001 Ministerial Communiqus

at the
of the

14 Dec. 1995

Final Communiqu

  1. Ministers met in Brussels today.

    They reviewed the situation in the former Yugoslavia.

  2. Ministers agreed that:

    1. the parties shall respect the cease-fire;

    2. the Council shall review the situation.

  3. Ministers thanked the host country.

 [ Go to Index ]  [ Go to Homepage ]
"""

ARCHIVE_TEXT = """\
at the of the

14 Dec. 1995

Final Communiqu

1. Ministers met in Brussels today.

They reviewed the situation in the former Yugoslavia.

2. Ministers agreed that:

1. the parties shall respect the cease-fire;

2. the Council shall review the situation.

3. Ministers thanked the host country."""

ONE_LINE = (
    "Meeting of the Council of Ministers Luxembourg, 22nd November 1993 1. The Council of Ministers met "
    "in Luxembourg today under the chairmanship of the Presidency. Ministers reviewed the progress made "
    "in the implementation of earlier decisions. 2. Ministers agreed to strengthen the operational role "
    "of the organisation in crisis management. 3. Ministers expressed their concern at the situation in "
    "the region and called for an end to the fighting."
)

SPEECH = """\
It is an honour for me to address
the General Assembly at this session. I
congratulate the President.
My country attaches great importance to the
work of the United Nations in the field of
12


peace-keeping and development. We support the
reform of the Organization.
The question of disarmament remains of
the highest importance.
"""

SPEECH_TEXT = """\
It is an honour for me to address the General Assembly at this session. I congratulate the President.

My country attaches great importance to the work of the United Nations in the field of peace-keeping \
and development. We support the reform of the Organization.

The question of disarmament remains of the highest importance."""

BULLET_METADATA = """\
Joint Statement on Cooperation

  \u2022 14 Mar. 1998
  \u2022 |
  \u2022 Last updated: 02 Feb. 2009 10:15

  1. Ministers met today.
"""

HYPHENS = """\
The Council noted the well-
being of the population, the document M-DPC/NPG-
1(95)57 and the
peace -
process.
"""

LAYOUTS = {
    "press-release": (PRESS_RELEASE, PRESS_RELEASE_TEXT),
    "first-line-indent": (INDENTED_PARAGRAPHS, INDENTED_PARAGRAPHS_TEXT),
    "archive": (ARCHIVE, ARCHIVE_TEXT),
    "speech": (SPEECH, SPEECH_TEXT),
    "bullet-metadata": (BULLET_METADATA, "Joint Statement on Cooperation\n\n14 Mar. 1998\n\n1. Ministers met today."),
    "hyphen": (
        HYPHENS,
        "The Council noted the well-being of the population, the document M-DPC/NPG-1(95)57 and the peace - process.",
    ),
    "crlf": ("Line one of the text\r\nwraps here.\r\n\r\nSecond  paragraph.\r\n", "Line one of the text wraps here.\n\nSecond paragraph."),
    "cr": ("First paragraph.\r\rSecond\tparagraph.\r", "First paragraph.\n\nSecond paragraph."),
}


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_reader_layout_golden(name: str) -> None:
    raw, expected = LAYOUTS[name]
    doc = read_text(raw.encode("utf-8"), name=f"{name}.txt")
    assert doc.text == expected
    assert_well_formed(doc)


def test_reader_press_release_metadata() -> None:
    doc = read_text(PRESS_RELEASE, name="pr.txt")
    assert doc.title == "FINAL COMMUNIQUE OF THE MINISTERIAL MEETING OF THE NORTH ATLANTIC COUNCIL"
    assert (doc.date, doc.identifier, doc.doc_type) == ("1996-06-03", "M-NAC-1(96)44", "communiqué")
    assert [p.number for p in doc.paragraphs] == [None, None, None, None, 1, 2]


def test_reader_archive_structure() -> None:
    doc = read_text(ARCHIVE, name="c951214a.txt")
    assert (doc.title, doc.date, doc.modified) == ("Final Communiqu", "1995-12-14", "2001-03-12")
    assert doc.source_url == "https://example.org/docu/comm/c951214a.htm"
    shape = [(p.kind, p.number, p.level) for p in doc.paragraphs[3:]]
    assert shape == [
        ("body", 1, 0),
        ("body", 1, 0),
        ("body", 2, 0),
        ("item", 2, 1),
        ("item", 2, 1),
        ("body", 3, 0),
    ]


def test_reader_one_line_inline_numbers() -> None:
    doc = read_text(ONE_LINE, name="weu.txt")
    paras = texts(doc)
    assert paras[0] == "Meeting of the Council of Ministers Luxembourg, 22nd November 1993"
    assert [p[:3] for p in paras[1:]] == ["1. ", "2. ", "3. "]
    assert [p.number for p in doc.paragraphs] == [None, 1, 2, 3]
    assert doc.date == "1993-11-22"


def test_reader_bullet_metadata() -> None:
    doc = read_text(BULLET_METADATA, name="statement.txt")
    assert (doc.date, doc.modified, doc.title, doc.doc_type) == ("1998-03-14", "2009-02-02", "Joint Statement on Cooperation", "statement")


def test_reader_roman_numbered_sections() -> None:
    raw = (
        "I. Principles of Cooperation\n\nThe parties will cooperate closely.\n\n"
        "II. Areas of Consultation\n\nThe parties will consult on security.\n"
    )
    doc = read_text(raw, name="charter.txt")
    assert [(p.kind, p.number, p.marker) for p in doc.paragraphs] == [
        ("heading", 1, "I."),
        ("body", 1, None),
        ("heading", 2, "II."),
        ("body", 2, None),
    ]


@pytest.mark.parametrize(
    ("line", "kind", "marker"),
    [
        ("\u2022 sharing of information;", "bullet", "\u2022"),
        ("- sharing of information;", "bullet", "-"),
        ("* sharing of information;", "bullet", "*"),
        ("\u00b7 sharing of information;", "bullet", "\u00b7"),
        ("o sharing of information;", "bullet", "o"),
        ("(a) sharing of information;", "bullet", "(a)"),
        ("a) sharing of information;", "bullet", "a)"),
        ("(iv) sharing of information;", "bullet", "(iv)"),
    ],
)
def test_reader_bullet_markers(line: str, kind: str, marker: str) -> None:
    doc = read_text(f"4. Ministers agreed on:\n\n{line}\n", name="b.txt")
    bullet = doc.paragraphs[1]
    assert (bullet.kind, bullet.marker, bullet.number, bullet.level) == (kind, marker, 4, 1)
    assert doc.text[bullet.body_start :] == "sharing of information;"


@pytest.mark.parametrize(
    ("marker", "number"),
    [("1.", 1), ("12.", 12), ("(3)", 3), ("3)", 3), ("IV.", 4), ("XII.", 12)],
)
def test_reader_paragraph_numbers(marker: str, number: int) -> None:
    doc = read_text(f"{marker} Ministers met in Brussels today.\n", name="n.txt")
    assert (doc.paragraphs[0].number, doc.paragraphs[0].marker) == (number, marker)


# ---------------------------------------------------------------------------
# HTML

HTML_PAGE = """\
<!DOCTYPE html>
<html><head><title>Final Communiqu&eacute; - Example</title>
<style>p { color: red }</style>
<script>var x = "<p>not text</p>";</script></head>
<body>
<!-- navigation: <p>not text either</p> -->
<h1>Final Communiqu&eacute;</h1>
<p>Brussels, 10&nbsp;December
   1996</p>
<p>1. Ministers met in Brussels &amp; agreed:</p>
<ul><li>to enlarge the Alliance;</li><li>to adapt its <b>structures</b>.</li></ul>
<ol type="a"><li>first point;</li><li>second point.</li></ol>
<ol start="2"><li>Ministers thanked the host.</li><li>They will meet again.</li></ol>
<![CDATA[ hidden ]]>
<p>Line one<br>line two</p>
</body></html>
"""

HTML_TEXT = """\
Final Communiqué

Brussels, 10 December 1996

1. Ministers met in Brussels & agreed:

\u2022 to enlarge the Alliance;

\u2022 to adapt its structures.

(a) first point;

(b) second point.

2. Ministers thanked the host.

3. They will meet again.

Line one line two"""


def test_reader_html_golden() -> None:
    doc = read_text(HTML_PAGE, name="page.html")
    assert doc.text == HTML_TEXT
    assert_well_formed(doc)
    assert (doc.title, doc.date, doc.doc_type) == ("Final Communiqué", "1996-12-10", "communiqué")
    assert [p.number for p in doc.paragraphs[2:]] == [1, 1, 1, 1, 1, 2, 3, 3]


@pytest.mark.parametrize("name", ["page.txt", "page.htm"])
def test_reader_html_detected(name: str) -> None:
    doc = read_text("  <html><body><p>Hello&#44; world.</p></body></html>", name=name)
    assert doc.text == "Hello, world."


def test_reader_html_title_is_fallback() -> None:
    doc = read_text("<html><head><title>Page Title</title></head><body><p>the text here.</p></body></html>", name="x.html")
    assert doc.title == "Page Title"


def test_reader_html_nested_lists_indent() -> None:
    lines, _ = html_to_text("<ol><li>Ministers agreed that:<ol><li>one;</li><li>two.</li></ol></li><li>Next.</li></ol>")
    assert lines.split("\n\n") == ["1. Ministers agreed that:", "  1. one;", "  2. two.", "2. Next."]


@pytest.mark.parametrize("tag", ["div", "blockquote", "ul"])
def test_reader_html_deeply_nested(tag: str) -> None:
    depth = 20_000
    inner = "<li>Deep text.</li>" if tag == "ul" else "<p>Deep text.</p>"
    page = "<html><body>" + f"<{tag}>" * depth + inner + f"</{tag}>" * depth + "</body></html>"
    doc = read_text(page, name="deep.html")
    assert doc.text.endswith("Deep text.")


# ---------------------------------------------------------------------------
# Encodings and refused inputs

TEXT = "Ministers met in Brussels \u201cPartnership for Peace\u201d today."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "utf-32-le"),
    ],
)
def test_reader_encodings(data: bytes, encoding: str) -> None:
    doc = read_text(data, name="enc.txt")
    assert (doc.text, doc.encoding, doc.warnings) == (TEXT, encoding, ())


def test_reader_cp1252_smart_quotes_warn() -> None:
    doc = read_text(b"\x93Partnership for Peace\x94 was launched \x96 today.", name="cp.txt")
    assert doc.text == "\u201cPartnership for Peace\u201d was launched \u2013 today."
    assert doc.encoding == "cp1252"
    assert doc.warnings == ("decoded as cp1252: not valid UTF-8",)


@pytest.mark.parametrize(
    "data",
    [b"Ministers\x81 met today.", "M\u00fcller, Gen\u00e8ve, Z\u00fcrich: ".encode() + b"\xff met today."],
)
def test_reader_invalid_utf8_replaced_with_warning(data: bytes) -> None:
    doc = read_text(data, name="bad.txt")
    assert "\ufffd" in doc.text
    assert len(doc.warnings) == 1


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (codecs.BOM_UTF8, "empty file"),
        (b"  \r\n\t \n", "only whitespace"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"PK\x03\x04\x14\x00\x00\x00", "binary file"),
        (b"\x1f\x8b\x08\x00\x00\x00", "binary file"),
        (b"Minutes of the meeting\x00\x00\x01\x02binary data here", "binary file"),
        (b"source: https://example.org/x.htm\nretrieved-as: nothing\n\n", "no text"),
        (b"<html><head><title>T</title></head><body></body></html>", "no text"),
    ],
)
def test_reader_refuses_input(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        read_text(data, name="bad.txt")
    assert caught.value.reason == reason
    assert caught.value.path == "bad.txt"


def test_reader_pdf_hint(tmp_path: Path) -> None:
    path = tmp_path / "doc.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    with pytest.raises(InputError) as caught:
        read(path)
    assert caught.value.hint == "convert it to text first, e.g. with pdftotext"
    assert caught.value.path == str(path)


@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_reader_refuses_non_files(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "x.txt"
    if kind == "folder":
        path.mkdir()
    with pytest.raises(InputError):
        read(path)


def test_reader_read_file_ids(tmp_path: Path) -> None:
    path = tmp_path / "Final Communiqué (1994).TXT"
    path.write_text("Ministers met today.", encoding="utf-8")
    doc = read(path)
    assert (doc.doc_id, doc.source, doc.path) == ("final-communique-1994", path.name, str(path))
    assert read(path, doc_id="given").doc_id == "given"


# ---------------------------------------------------------------------------
# Sentences


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Mr. Solana met Mr. Primakov in Paris. They signed the Act.", 2),
        ("The Council met on 22 Jun. 1994 in Istanbul. It agreed.", 2),
        ("Ministers recalled resolution No. 824 of the Council. They agreed.", 2),
        ("See Art. 5 of the Treaty and para. 3 above. It applies.", 2),
        ("1. Both parties agreed. They will meet again.", 2),
        ("(a) the parties agreed; and", 1),
        ("Ministers agreed to cooperate under PfP. They met again.", 2),
    ],
)
def test_reader_sentences_respect_abbreviations(text: str, count: int) -> None:
    doc = read_text(text, name="s.txt")
    assert len(doc.sentences) == count
    assert_well_formed(doc)


def test_reader_sentences_stay_in_paragraphs() -> None:
    doc = read(SEED)
    assert_well_formed(doc)
    first = doc.sentences[3]
    assert doc.text[first.start : first.end].startswith("1. Both the Alliance")
    assert doc.text[first.start : first.end].endswith("security.")


def test_reader_long_paragraph_parsed_in_blocks() -> None:
    sentence = "The Ministers agreed to continue their consultations on all matters of common concern. "
    text = (sentence * 3000).strip()
    assert len(text) > 250_000
    doc = read_text(text, name="long.txt")
    assert len(doc.paragraphs) == 1
    assert doc.parsed[0].text == doc.text
    assert len(doc.sentences) == 3000


def test_reader_parse_paragraphs_matches_text() -> None:
    doc = read(SEED)
    docs = parse_paragraphs(doc.text, doc.paragraphs)
    assert [d.text for d in docs] == texts(doc)
    lemmas = {token.text: token.lemma_ for token in docs[3]}
    # lemmas come from the lower-case form, so a capitalised verb matches rules as any other
    assert (lemmas["Alliance"], lemmas["have"], lemmas["contributions"]) == ("alliance", "have", "contribution")
    assert [t.lemma_ for t in parse_paragraphs("Welcomes the report.", [doc.paragraphs[0].__class__(0, 20, "body")])[0]][0] == "welcome"


# ---------------------------------------------------------------------------
# The dev corpus


@pytest.mark.corpus
def test_reader_corpus_well_formed(corpus_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted((corpus_dir / "dev").glob("*.txt"))
    assert files
    for path in files:
        doc = read(path)
        assert_well_formed(doc)
        assert doc.source == path.name
        assert doc.source_url and doc.source_url.startswith("http")
        assert "source:" not in doc.text[:200] and "retrieved-as:" not in doc.text
        assert "[ Go to Index ]" not in doc.text
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


# ---------------------------------------------------------------------------
# Any input


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=400), st.text(max_size=400).map(lambda t: t.encode("utf-8"))))
def test_reader_any_bytes_read_or_refused(data: bytes) -> None:
    try:
        doc = read_text(data, name="any.txt")
    except InputError as exc:
        assert exc.reason
    else:
        assert_well_formed(doc)


LINE_PIECES = st.sampled_from(
    [
        "  1. Ministers met today.", "    2. They agreed:", "\u2022 sharing;", "(a) first;", "22 Jun. 1994",
        "Updated: 31-Oct-2000 x", "12", "----", "FINAL COMMUNIQUE", "the North", "peace-", "keeping is vital.",
        "", "   ", "\f", " [ Go to Index ]", "II. Principles", "<p>text</p>", "M-DPC/NPG-",
    ]
)


@settings(max_examples=150, deadline=None)
@given(lines=st.lists(LINE_PIECES, min_size=1, max_size=25))
def test_reader_layout_pieces_well_formed(lines: list[str]) -> None:
    try:
        doc = read_text("\n".join(lines), name="pieces.txt")
    except InputError as exc:
        assert exc.reason in ("only whitespace", "no text", "empty file")
    else:
        assert_well_formed(doc)


@pytest.mark.parametrize("title", ["Mr.", "Mrs.", "Dr.", "H.E."])
def test_reader_hard_wrap_after_a_title_joins_the_lines(title: str) -> None:
    text = (
        "12 May 1994\n\n"
        f"On behalf of my delegation I congratulate {title}\n"
        "Amara Essy on his election as President of the General\n"
        "Assembly. We are particularly gratified by his election.\n"
    )
    doc = read_text(text, name="speech.txt")
    assert [doc.text[p.start : p.end] for p in doc.paragraphs][-1] == (
        f"On behalf of my delegation I congratulate {title} Amara Essy on his election as President of the "
        "General Assembly. We are particularly gratified by his election."
    )


def test_reader_hard_wrap_after_a_full_stop_still_ends_the_paragraph() -> None:
    text = "12 May 1994\n\nThe meeting ended at noon.\nMinisters met again in June to review the plan.\n"
    doc = read_text(text, name="short.txt")
    assert [doc.text[p.start : p.end] for p in doc.paragraphs][-2:] == [
        "The meeting ended at noon.", "Ministers met again in June to review the plan.",
    ]
