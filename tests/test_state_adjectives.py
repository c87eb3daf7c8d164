"""Adjectival state names: "the Estonian Government" names Estonia, "Russian troops" names nobody.

The adjectives are data (``scripts/data/state-adjectives.jsonl``, written into the ``adjectives``
field of ``graph/data/gazetteer/states.jsonl``); the heads that stand for the state are
``state_organ_heads`` in ``graph/data/grammar.json``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import DataError
from graph.extractors.entities import RULE_STATE_ADJECTIVE, EntityFinder
from graph.extractors.lexicon import grammar
from graph.gazetteer import Gazetteer, load_gazetteer, read_entries
from graph.nlp import english
from graph.pipeline import Extractor
from graph.reader import read_text

DATE = "12 May 1994\n\n"
X = '{"id": "x", "class": ["State"], "label": "X"'  # a good state, left open for one more field
LEFT_OUT = ("American", "Congolese", "Dominican", "Guinean", "Korean", "Macedonian", "Samoan", "Palestinian")


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="module")
def extractor(gazetteer):
    return Extractor(gazetteer)


@pytest.fixture(scope="module")
def finder(gazetteer):
    return EntityFinder(gazetteer, english())


def mentions(finder, text):
    document = read_text(text, name="t.txt")
    _entities, found = finder(document)
    for mention in found:
        assert document.text[mention.start : mention.end] == mention.text
    return [(m.entity_id, m.text, m.rule) for m in found]


def actions(extractor, text):
    return [(a.type, a.agents) for a in extractor(read_text(text, name="t.txt")).actions]


def write(path: Path, *lines: str) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


# ---------------------------------------------------------------- actions


@pytest.mark.parametrize(
    "text, expected",
    [
        (DATE + "The Estonian Government welcomed the decision.", ("Welcome", ("est",))),
        (DATE + "The Latvian delegation supports the proposal of the Chairman.", ("Support", ("lva",))),
        (DATE + "The Lithuanian authorities condemned the attack on the border post.", ("Condemn", ("ltu",))),
        ("12 May 1990\n\nThe Soviet leadership agreed to withdraw the troops.", ("Agree", ("suhh",))),
    ],
)
def test_state_adjectives_make_an_agent(extractor, text, expected):
    assert expected in actions(extractor, text)


def test_state_adjectives_bare_adjective_is_no_agent(extractor):
    assert not any("rus" in agents for _type, agents in actions(extractor, DATE + "Russian troops withdrew from the region."))


# ---------------------------------------------------------------- mentions


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Estonian Government welcomed the decision.", [("est", "Estonian Government", RULE_STATE_ADJECTIVE)]),
        ("We met the Latvian delegation.", [("lva", "Latvian delegation", RULE_STATE_ADJECTIVE)]),
        ("We met the Latvian Delegation.", [("lva", "Latvian Delegation", RULE_STATE_ADJECTIVE)]),
        ("He said: The Russian authorities agreed.", [("rus", "Russian authorities", RULE_STATE_ADJECTIVE)]),
        ("The Ukrainian leadership and Poland agreed.", [("ukr", "Ukrainian leadership", RULE_STATE_ADJECTIVE), ("pol", "Poland", "entity-gazetteer")]),
        ("The East German Government agreed.", [("ddde", "East German Government", RULE_STATE_ADJECTIVE)]),
        ("The German Government agreed.", [("deu", "German Government", RULE_STATE_ADJECTIVE)]),
        ("The South Korean authorities agreed.", [("kor", "South Korean authorities", RULE_STATE_ADJECTIVE)]),
        ("The Bissau-Guinean Government agreed.", [("gnb", "Bissau-Guinean Government", RULE_STATE_ADJECTIVE)]),
    ],
)
def test_state_adjectives_mention_spans_adjective_and_head(finder, text, expected):
    assert mentions(finder, DATE + text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Russian troops withdrew from the region.",  # no head: an adjective alone names nobody
        "The Estonian people welcomed the decision.",
        "The Estonian and Latvian Governments welcomed the decision.",  # plural heads are not listed
        "The estonian Government welcomed the decision.",  # the adjective as the gazetteer writes it
        "The Estonian GOVERNMENT welcomed the decision.",  # the head in lower or title case
        "The Congolese Government welcomed the decision.",  # ambiguous adjectives are left out
        "The Korean delegation welcomed the decision.",
        "The Dominican Government welcomed the decision.",
        "The American delegation welcomed the decision.",
        "The Macedonian Government welcomed the decision.",
        "The Turkish Cypriot leadership rejected the plan.",  # a qualified adjective is not the state
        "The Kosovo Albanian delegation signed the agreement.",
        "The pro-Russian leadership rejected the plan.",
    ],
)
def test_state_adjectives_no_mention(finder, text):
    assert mentions(finder, DATE + text) == []


# ---------------------------------------------------------------- data


def test_state_adjectives_heads_are_a_closed_set():
    assert grammar().state_organ_heads == {"government", "delegation", "authorities", "leadership"}


def test_state_adjectives_package_data(gazetteer):
    pairs = list(gazetteer.adjectives())
    adjectives = [adjective for adjective, _id in pairs]
    assert ("Estonian", "est") in pairs and ("Soviet", "suhh") in pairs and ("Yugoslav", "yucs") in pairs
    assert len(adjectives) == len(set(adjectives)), "an adjective stands under one state only"
    assert all(gazetteer[entity_id].classes == ("State",) for _adjective, entity_id in pairs)
    assert not set(adjectives) & {name for name, _id in gazetteer.names()}, "adjectives are never names"
    assert not set(adjectives) & set(LEFT_OUT)


def test_state_adjectives_resolve_by_date(tmp_path):
    path = write(
        tmp_path / "mine.jsonl",
        '{"id": "old-x", "class": ["State"], "label": "Old X", "adjectives": ["Xish"], "valid_to": "1991-12-31"}',
        '{"id": "new-x", "class": ["State"], "label": "New X", "adjectives": ["Xish"], "valid_from": "1992-01-01"}',
    )
    gazetteer = load_gazetteer([path])
    assert gazetteer.resolve_adjective("Xish", "1990").id == "old-x"
    assert gazetteer.resolve_adjective("Xish", "1994-05-12").id == "new-x"
    assert gazetteer.resolve_adjective("Yish", "1994") is None
    assert gazetteer.candidates("Xish") == []


def test_state_adjectives_in_a_user_gazetteer(tmp_path):
    path = write(tmp_path / "mine.jsonl", '{"id": "xland", "class": ["State"], "label": "Xland", "adjectives": ["Xlandic"]}')
    gazetteer = load_gazetteer([path])
    assert gazetteer["xland"].adjectives == ("Xlandic",)
    extractor = Extractor(gazetteer)
    assert actions(extractor, DATE + "The Xlandic Government welcomed the decision.") == [("Welcome", ("xland",))]


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (X + ', "adjectives": "Xish"}', '"adjectives" must be a list of strings, got "Xish"'),
        (X + ', "adjectives": ["Xish", 3]}', '"adjectives" must be a list of strings, item 2 is 3'),
        (X + ', "adjectives": ["Xish", ""]}', '"adjectives" item 2 is empty; remove it'),
        (X + ', "adjectives": [" Xish"]}', '"adjectives" item 1 has spaces at its start or end: " Xish"'),
        (X + ', "adjectives": ["xish"]}', '"adjectives" item 1 must start with a capital letter, as texts write it: "xish"'),
        (X + ', "adjectives": ["X"]}', 'adjective "X" is a name of the entry (label, acronym or alias), matched already; remove it'),
        (X + ', "adjectives": ["Xish", "Xish"]}', 'adjective "Xish" is given twice; remove one'),
        (
            '{"id": "x", "class": ["Organisation"], "label": "X", "adjectives": ["Xish"]}',
            '"adjectives" are for states only ("Estonian" for Estonia); remove them or make the class ["State"]',
        ),
    ],
)
def test_state_adjectives_bad_line_raises_data_error(tmp_path, line, problem):
    path = write(tmp_path / "bad.jsonl", "# a comment", "", X + "}", line.replace('"id": "x"', '"id": "y"'))
    with pytest.raises(DataError) as caught:
        read_entries(path)
    assert str(caught.value) == f"{path}:4: {problem}"
