"""Extraction holds across layouts and damage: the same text gives the same findings."""

import pytest

import graph
from graph.gazetteer import load_gazetteer
from graph.pipeline import Extractor
from graph.reader import read_text


@pytest.fixture(scope="module")
def extractor():
    return Extractor(load_gazetteer())


def findings(extraction):
    return [(a.agents, a.type, a.object, a.frameworks) for a in extraction.actions for a in (a, *a.parts)]


@pytest.mark.corpus
def test_layouts_dev_01_and_02_agree_up_to_where_01_is_cut(corpus_dir, extractor):
    short = extractor(graph.read(corpus_dir / "dev" / "01-nacc-chairmans-summary-1994-pressrelease.txt"))
    long = extractor(graph.read(corpus_dir / "dev" / "02-nacc-chairmans-summary-1994-archive.txt"))
    tail = " ".join(short.document.text.split()[-8:])
    cut = long.document.text.find(tail)
    assert cut > 0, "the end of 01 is not in 02"
    cut += len(tail)
    assert set(findings(short)) <= set(findings(long))
    for action in long.actions:
        if (action.agents, action.type, action.object, action.frameworks) not in set(findings(short)):
            assert action.object_end > cut, f"02 finds more than 01 before 01 ends: {action}"
    short_entities = {m.entity_id for m in short.mentions if m.start > len(short.document.text) - len(short.document.text.split("1.", 1)[-1])}
    long_entities = {m.entity_id for m in long.mentions}
    assert short_entities <= long_entities
    for mention in long.mentions:
        if mention.entity_id not in {m.entity_id for m in short.mentions}:
            assert mention.start >= cut, f"02 names {mention.entity_id} before 01 ends"


ARCHIVE = """Updated: 31-Oct-2000 Ministerial Communiqus

of the
at the

5 May 1995

Final Communiqu\u00e9

  1. The Foreign Ministers of the member countries of the North Atlantic Cooperation Council met in Oslo. We welcomed the
progress of the Partnership for Peace.

    We agreed to strengthen the NACC Work Plan.

 [ Go to Index ]  [ Go to Homepage ]"""

PRESS_RELEASE = """PRESS COMMUNIQUE M-NACC-1(95)41     For Immediate Release
                                        5th May 1995


                      FINAL COMMUNIQUE

     1.   The Foreign Ministers of the member countries of
the North Atlantic Cooperation Council met in Oslo. We
welcomed the progress of the Partnership for Peace.

     We agreed to strengthen the NACC Work Plan.
"""

HTML = """<html><head><title>Final Communique</title><script>var x = "<p>We agreed to nothing.</p>";</script></head>
<body><ul><li>05 May. 1995</li><li>|</li><li>Press Release M-NACC-1(95)41</li></ul>
<h1>Final Communiqu&eacute;</h1>
<p>1. The Foreign Ministers of the member countries of the North Atlantic Cooperation Council met in Oslo.
We welcomed the progress of the Partnership&nbsp;for&nbsp;Peace.</p>
<p>We agreed to strengthen the NACC Work Plan.</p><!-- We condemned nothing. --></body></html>"""


@pytest.mark.parametrize("name, text", [("archive.txt", ARCHIVE), ("press.txt", PRESS_RELEASE), ("page.html", HTML)])
def test_layouts_same_findings_in_every_layout(extractor, name, text):
    extraction = extractor(read_text(text, name=name))
    assert extraction.document.date == "1995-05-05"
    assert [i.entity_id for i in extraction.issuers] == ["nacc"]
    assert [(a.agents, a.type, a.object) for a in extraction.actions] == [
        (("nacc",), "Welcome", "the progress of the Partnership for Peace"),
        (("nacc",), "Agree", "to strengthen the NACC Work Plan"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "3 May 1995\n\nThe Alliance and Russia agreed to develop a programme corresponding to Russias size.",
        "3 May 1995\n\nThe Alliance and Russia agreed to develop a programme\n\n12\n\ncorresponding to Russia's size.",
        "3 May 1995\n\nThe Alliance and Russia agreed to develop a programme corresponding to Russia\u2019s size.",
        # a page number after a word that ends no sentence, before a capital
        "3 May 1995\n\nThe Alliance and Russia agreed to develop a programme corresponding to\n\n- 4 -\n\nRussia's size.",
    ],
)
def test_layouts_damage_lost_apostrophes_page_numbers(extractor, text):
    extraction = extractor(read_text(text, name="t.txt"))
    (action,) = extraction.actions
    assert action.agents == ("nato", "rus") and action.type == "Agree"
    assert {m.entity_id for m in extraction.mentions} == {"nato", "rus"}
    assert [m.entity_id for m in extraction.mentions if "size" in extraction.document.text[m.end : m.end + 8]] == ["rus"]
    assert action.object.endswith("size")


CPS_PAGE = """Press Statement

Meeting of the Euro-Atlantic Partnership Council

  \u2022 14 Mar. 1998
  \u2022 |
  \u2022 Last updated: 04 Nov. 2008 16:20

Ministers welcomed the work of the Partnership for Peace. They agreed to meet again in June.
"""


def test_layouts_bullet_metadata_page(extractor):
    extraction = extractor(read_text(CPS_PAGE, name="cps.txt"))
    assert extraction.document.date == "1998-03-14" and extraction.document.modified == "2008-11-04"
    assert [i.entity_id for i in extraction.issuers] == ["eapc"]
    assert [(a.agents, a.type) for a in extraction.actions] == [(("eapc",), "Welcome"), (("eapc",), "Agree")]


@pytest.mark.parametrize(
    "text",
    [
        "3 May 1995\n\nThe OSCE\u00e2\u20ac\u2122s participating States welcomed the \u00e2\u20ac\u0153Platform\u00e2\u20ac\u009d.",
        "3 May 1995\n\nThe OSCE\u2019s participating States welcomed the \u201cPlatform\u201d.",
    ],
)
def test_layouts_mojibake_quotes_keep_names_apart(extractor, text):
    extraction = extractor(read_text(text, name="t.txt"))
    assert [m.entity_id for m in extraction.mentions] == ["osce"]
    assert [(a.agents, a.type) for a in extraction.actions] == [(("osce",), "Welcome")]


def test_layouts_running_heads_and_form_feeds_inside_a_sentence(extractor):
    text = (
        "EUROPEAN COUNCIL AT CORFU\n\n24 and 25 June 1994\n\n"
        "1. The European Council called on the Council and\n\fCorfu - Presidency Conclusions\n2\n\n"
        "the European Parliament to adopt the measures.\n\n"
        "2. The European Council welcomed the elections.\n\fCorfu - Presidency Conclusions\n3\n\n"
        "3. The European Council noted the report.\n"
    )
    extraction = extractor(read_text(text, name="t.txt"))
    assert "Presidency Conclusions" not in extraction.document.text
    assert [(a.type, a.object) for a in extraction.actions] == [
        ("Call", "the Council and the European Parliament to adopt the measures"),
        ("Welcome", "the elections"),
        ("Note", "the report"),
    ]


def test_layouts_a_line_printed_once_after_a_page_break_is_text(extractor):
    text = "NORTH ATLANTIC COUNCIL\n\n3 May 1995\n\n1. The Council welcomed the elections.\n\fThe Council noted the report.\n"
    extraction = extractor(read_text(text, name="t.txt"))
    assert [(a.type, a.object) for a in extraction.actions] == [("Welcome", "the elections"), ("Note", "the report")]
