"""Printed metadata: date, title, reference symbol and document type."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.reader import read, read_text
from graph.reader.metadata import find_dates, first_date, is_dateline

BODY = (
    "The Ministers met today in Brussels and reviewed the progress made in their cooperation "
    "during the past year, and they agreed to continue their consultations on all matters of "
    "common concern in the months to come."
)


def document(header: str, *, name: str = "doc.txt", body: str = BODY):
    """Read a document made of ``header`` paragraphs and one long body paragraph."""
    return read_text(f"{header}\n\n{body}\n", name=name)


# ---------------------------------------------------------------------------
# Dates


@pytest.mark.parametrize(
    ("printed", "iso"),
    [
        ("22 Jun. 1994", "1994-06-22"),
        ("22 June 1994", "1994-06-22"),
        ("1 December 1994", "1994-12-01"),
        ("01 Dec. 1994", "1994-12-01"),
        ("2nd December 1994", "1994-12-02"),
        ("2ND DECEMBER 1994", "1994-12-02"),
        ("19th June 1992", "1992-06-19"),
        ("the 3rd of March 1996", "1996-03-03"),
        ("December 2, 1994", "1994-12-02"),
        ("Sept. 30, 1997", "1997-09-30"),
        ("19951215", "1995-12-15"),
        ("31-Oct-2000", "2000-10-31"),
        ("1996-04-12", "1996-04-12"),
        ("November 1999", "1999-11"),
        ("Istanbul, November 1999", "1999-11"),
        ("31 June 1994", "1994-06"),
    ],
)
def test_reader_date_formats(printed: str, iso: str) -> None:
    assert first_date(printed).iso == iso
    assert document(f"{printed}\n\nFinal Communiqué").date == iso


@pytest.mark.parametrize(
    ("printed", "iso"),
    [
        ("9-10 June 1994", "1994-06-10"),
        ("9 - 10 June 1994", "1994-06-10"),
        ("9\u201310 June 1994", "1994-06-10"),
        ("June 9-10, 1994", "1994-06-10"),
        ("30 November - 1 December 1994", "1994-12-01"),
        ("Istanbul, Turkey, 9-10 June 1994", "1994-06-10"),
    ],
)
def test_reader_date_range_gives_last_day(printed: str, iso: str) -> None:
    assert document(printed).date == iso


@pytest.mark.parametrize(
    "printed",
    ["July 9", "signed on 9 July", "1994", "19441215", "19943112", "20991215", "12 May 2999", "M-1(94)2"],
)
def test_reader_date_none_without_valid_year(printed: str) -> None:
    assert first_date(printed) is None
    assert document(f"{printed}\n\nFinal Communiqué").date is None


@pytest.mark.parametrize(
    "updated",
    ["Updated: 31-Oct-2000 Ministerial Communiqus", "  \u2022 Last updated: 05 Nov. 2008 05:12"],
)
def test_reader_updated_date_never_the_date(updated: str) -> None:
    doc = document(f"{updated}\n\nFinal Communiqué")
    assert doc.date is None
    assert doc.modified in ("2000-10-31", "2008-11-05")
    assert "pdated" not in doc.text


def test_reader_date_first_of_header() -> None:
    doc = document("PRESS COMMUNIQUE M-1(94)2\n\n10 January 1994\n\nINVITATION\n\nIssued at the meeting held on 10-11 January 1994")
    assert doc.date == "1994-01-10"


def test_reader_date_only_in_header_region() -> None:
    late = BODY + " " + BODY + " The next meeting will take place on 17 March 1999."
    assert document("Final Communiqué", body=late).date is None
    early = "The Council met on Wednesday, 17 February 1999 at NATO Headquarters. " + BODY
    assert document("Press Statement", body=early).date == "1999-02-17"


def test_reader_find_dates_in_order() -> None:
    found = [m.iso for m in find_dates("From 2 May 1995 to June 1996 and on 19951215.")]
    assert found == ["1995-05-02", "1996-06", "1995-12-15"]


@pytest.mark.parametrize(
    ("text", "extra", "expected"),
    [("22 Jun. 1994", 0, True), ("Brussels, 10 January 1994", 0, False), ("Brussels, 10 January 1994", 3, True), ("Ministers met", 3, False)],
)
def test_reader_dateline(text: str, extra: int, expected: bool) -> None:
    assert is_dateline(text, extra_words=extra) is expected


# ---------------------------------------------------------------------------
# Titles


@pytest.mark.parametrize(
    ("header", "title"),
    [
        ("22 Jun. 1994\n\nSummary of Conclusions", "Summary of Conclusions"),
        ("Press Statement\n\n17 Feb. 1999\n\nMeeting of the Joint Council", "Meeting of the Joint Council"),
        ("News\n\nFor immediate release\n\n17 Feb. 1999\n\nJoint Statement", "Joint Statement"),
        ("M-1(94)2\n\n10 January 1994\n\nPARTNERSHIP FOR PEACE", "PARTNERSHIP FOR PEACE"),
        ("Press Release SC/9999\n\n15 December 1995\n\nCOUNCIL EXTENDS MANDATE", "COUNCIL EXTENDS MANDATE"),
        (
            "10 June 1996\n\nStatement by the Ministers of the\n\nWestern European Union",
            "Statement by the Ministers of the Western European Union",
        ),
        ("10 June 1996\n\nDECLARATION OF THE HEADS OF STATE\n\nAND GOVERNMENT", "DECLARATION OF THE HEADS OF STATE AND GOVERNMENT"),
        ("10 June 1996\n\nNorth Atlantic Council/\n\nCooperation Council", "North Atlantic Council/ Cooperation Council"),
        ("Founding Act on Mutual Relations\n\n27 May. 1997", "Founding Act on Mutual Relations"),
        ("FOR THE RECORD: Charter on Partnership", "FOR THE RECORD: Charter on Partnership"),
        ("at the\nof the\n\n2 Dec. 1994\n\nChairman's Summary", "Chairman's Summary"),
        ("Date: 12 May 1995\n\nRef: PR(95)42\n\nStatement by the Secretary General", "Statement by the Secretary General"),
        ("Chairman's Summary of the Meeting\nSintra, 30 May 1997", "Chairman's Summary of the Meeting"),
        ("Final Communique of the Ministerial Meeting\nNew York, 12 May 1995", "Final Communique of the Ministerial Meeting"),
    ],
)
def test_reader_title(header: str, title: str) -> None:
    assert document(header).title == title


@pytest.mark.parametrize("header", ["22 Jun. 1994", "Press Release", "the North,\nand the"])
def test_reader_title_falls_back_to_file_name(header: str) -> None:
    assert document(header, name="final-communique-1994.txt").title == "final-communique-1994"


def test_reader_title_keeps_printed_damage() -> None:
    assert document("18 Dec. 1992\n\nFinal Communiqu").title == "Final Communiqu"


# ---------------------------------------------------------------------------
# Reference symbols


@pytest.mark.parametrize(
    "symbol",
    ["M-NACC-2(94)117", "M-1(94)2", "M-DPC/NPG-1(95)57", "PR(94)15", "SC/6143", "GA/8961", "S/RES/1031 (1995)", "A/50/790"],
)
def test_reader_identifier(symbol: str) -> None:
    assert document(f"PRESS COMMUNIQUE {symbol} For immediate release\n\n10 January 1994\n\nInvitation").identifier == symbol


def test_reader_identifier_split_over_lines() -> None:
    assert document("Press\nCommuniqué\nM-DPC/NPG-\n1(95)57\n\n8 June 1995").identifier == "M-DPC/NPG-1(95)57"


@pytest.mark.parametrize(
    "header",
    ["Decisions taken at the Meeting in Permanent Session (1)", "Council resolution 1031 (1995)", "NACC/PfP Committees"],
)
def test_reader_identifier_none(header: str) -> None:
    assert document(header).identifier is None


# ---------------------------------------------------------------------------
# Document types


@pytest.mark.parametrize(
    ("header", "doc_type"),
    [
        ("2 Dec. 1994\n\nFinal Communiqué", "communiqué"),
        ("18 Dec. 1992\n\nFinal Communiqu", "communiqué"),
        ("8 June 1995\n\nFinal Communiqu\u00c3\u00a9", "communiqué"),
        ("PRESS COMMUNIQUE M-1(94)2\n\n10 January 1994\n\nPARTNERSHIP FOR PEACE: INVITATION", "communiqué"),
        ("PRESS COMMUNIQUE M-NACC-2(94)117\n\n2nd December 1994\n\nCHAIRMAN'S SUMMARY OF THE MEETING", "chairman's summary"),
        ("2 Dec. 1994\n\nChairman\u00e2\u20ac\u2122s Summary", "chairman's summary"),
        ("22 Jun. 1994\n\nSummary of Conclusion", "summary of conclusions"),
        ("Press Summary\n\nMeeting at Ministerial Level\n\n26 Sep. 1997", "press summary"),
        ("17 Feb. 1999\n\nPress Statement\n\nMeeting at Ambassadorial Level", "statement"),
        ("Press Release SC/6143\n\n15 December 1995\n\nCOUNCIL AUTHORIZES FORCE", "press release"),
        ("ISTANBUL SUMMIT DECLARATION\n\nIstanbul, November 1999", "declaration"),
        ("22 Apr. 1994\n\nDecisions taken at the Meeting of the Council", "decision"),
        ("Resolution 1031 (1995)", "resolution"),
        ("FOR THE RECORD: Charter on a Distinctive Partnership", "charter"),
        ("27 May. 1997\n\nFounding Act on Mutual Relations", None),
    ],
)
def test_reader_doc_type(header: str, doc_type: str | None) -> None:
    assert document(header).doc_type == doc_type


def test_reader_speech_never_guessed() -> None:
    doc = document("Address by the Minister", name="est-50-1995-speech.txt")
    assert doc.doc_type is None


# ---------------------------------------------------------------------------
# The dev corpus

DEV_DATES = {
    "01": "1994-12-02",
    "02": "1994-12-02",
    "03": "1994-04-22",
    "04": "1994-06-10",
    "05": "1992-12-18",
    "06": "1994-01-10",
    "07": "1995-06-08",
    "08": "1997-05-27",
    "09": "1997-09-26",
    "10": "1999-02-17",
    "11": "1992-06-19",
    "12": "1999-11",
}


@pytest.mark.corpus
@pytest.mark.parametrize("prefix", sorted(DEV_DATES))
def test_reader_corpus_dates(corpus_dir: Path, prefix: str) -> None:
    (path,) = sorted((corpus_dir / "dev").glob(f"{prefix}-*.txt"))
    assert read(path).date == DEV_DATES[prefix]
