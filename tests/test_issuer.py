"""Issuers named by the layout of a decision or a header (the other issuer rules are tested in
test_entities.py)."""

import pytest

from graph.errors import DataError
from graph.extractors.entities import EntityFinder
from graph.extractors.issuer import find_issuers, issuer_patterns
from graph.gazetteer import load_gazetteer
from graph.nlp import english
from graph.reader import read_text


@pytest.fixture(scope="module")
def finder():
    return EntityFinder(load_gazetteer(), english())


def issuers(finder, text):
    document = read_text(text, name="t.txt")
    entities, mentions = finder(document)
    return [(f.entity_id, f.rule) for f in find_issuers(document, entities, mentions)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a body named after its organisation in the header, on one line or on two
        ("WESTERN EUROPEAN UNION\nCOUNCIL OF MINISTERS\n\nNOORDWIJK DECLARATION\n\nNoordwijk, 14 November 1994\n\n"
         "1. Ministers of Foreign Affairs and of Defence of the WEU member States met in Noordwijk.",
         [("weu-council-of-ministers", "issuer-heading-body")]),
        ("Organization for Security and Co-operation in Europe\n\nPermanent Council\n\nPC.DEC/101\n\n"
         "12 March 1996\n\nDECISION No. 101\n\n1. Decides to extend the mandate of the mission.",
         [("osce-permanent-council", "issuer-heading-body")]),
        # a decision that opens with its body alone on a line
        ("PC.DEC/101\n\n12 March 1996\n\nOrganization for Security and Co-operation in Europe\n\nDECISION No. 101\n\n"
         "The Permanent Council,\n\nRecalling its earlier decisions,\n\n1. Decides to extend the mandate.",
         [("osce-permanent-council", "issuer-decision-opening")]),
        ("Resolution 1031 (1995)\n\n15 December 1995\n\nThe Security Council,\n\nRecalling all its previous resolutions,\n\n"
         "1. Welcomes the Peace Agreement.", [("unsc", "issuer-decision-opening")]),
    ],
)
def test_issuer_from_the_layout(finder, text, expected):
    assert issuers(finder, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the organisation alone in the header: the body-met rule decides
        ("WESTERN EUROPEAN UNION\n\nPETERSBERG DECLARATION\n\nBonn, 19 June 1992\n\n"
         "1. The Council of Ministers of the WEU met in Bonn.", ["weu-council-of-ministers"]),
        # two organisations in the header, neither a body of the other
        ("NORTH ATLANTIC TREATY ORGANISATION\n\nWESTERN EUROPEAN UNION\n\n12 May 1994\n\n"
         "1. The North Atlantic Council met in Brussels.", ["nac"]),
        # a body named before its organisation is not in the organisation's header
        ("NORTH ATLANTIC COUNCIL\n\nNORTH ATLANTIC TREATY ORGANISATION\n\n12 May 1994\n\n"
         "1. The North Atlantic Council met in Brussels.", ["nac"]),
    ],
)
def test_issuer_headers_without_a_body_under_its_organisation(finder, text, expected):
    assert [entity_id for entity_id, _rule in issuers(finder, text)] == expected


def test_issuer_pattern_kinds_are_exclusive(tmp_path, monkeypatch):
    import graph.extractors.issuer as issuer

    (tmp_path / "issuer-patterns.jsonl").write_text('{"id": "x", "heading_body": true, "pattern": "(?P<at>)"}\n', encoding="utf-8")
    monkeypatch.setattr(issuer, "DATA_DIR", tmp_path)
    issuer_patterns.cache_clear()
    try:
        with pytest.raises(DataError, match=r"issuer-patterns.jsonl:1: .*one of"):
            issuer_patterns()
    finally:
        issuer_patterns.cache_clear()


def test_issuer_a_body_right_after_its_organisation_in_a_run_together_header(finder):
    text = ("/pub/archive/weu File: docu1 Western European Union Council of Ministers PETERSBERG DECLARATION "
            "Bonn, 19 June 1992 I. ON WEU AND EUROPEAN SECURITY\n\n1. Ministers of Foreign Affairs and of Defence of "
            "the member States of Western European Union met in Bonn on 19 June 1992.")
    assert issuers(finder, text) == [("weu-council-of-ministers", "issuer-heading-body")]
