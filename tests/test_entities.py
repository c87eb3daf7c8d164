import pytest

from graph.extractors.acronyms import find_acronym_definitions
from graph.extractors.entities import EntityFinder, head_nouns
from graph.extractors.issuer import find_issuers, issuer_patterns
from graph.gazetteer import load_gazetteer
from graph.nlp import english
from graph.reader import read_text


@pytest.fixture(scope="module")
def finder():
    return EntityFinder(load_gazetteer(), english())


def found(finder, text, name="t.txt"):
    document = read_text(text, name=name)
    entities, mentions = finder(document)
    return document, entities, mentions


def ids(mentions):
    return [m.entity_id for m in mentions]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12 May 1994\n\nThe Alliance and Russia agreed to meet again.", ["nato", "rus"]),
        ("12 May 1994\n\nThe Allies welcomed the decision of the North Atlantic Cooperation Council.", ["nato", "nacc"]),
        ("12 May 1994\n\nFinland, Slovenia and Sweden joined the Partnership for Peace.", ["fin", "svn", "swe", "pfp"]),
        ("12 May 1994\n\nThe Russian Federation signed the PfP Framework Document.", ["rus", "pfp-framework-document"]),
        ("12 May 1994\n\nMinisters looked at Russia's Individual Partnership Programme under PfP.", ["rus", "ipp", "pfp"]),
        ("12 May 1994\n\nThe NATO-Russia Permanent Joint Council met.", ["pjc"]),
    ],
)
def test_entities_gazetteer_names_longest_first(finder, text, expected):
    _, _, mentions = found(finder, text)
    assert ids(mentions) == expected


@pytest.mark.parametrize(
    "text",
    [
        "12 May 1994\n\nThe treaty created an alliance between them and gave us time.",
        "12 May 1994\n\nThe allies of the partners met in turkey and chad.",
    ],
)
def test_entities_case_matters_outside_headings(finder, text):
    _, _, mentions = found(finder, text)
    assert mentions == []


def test_entities_all_capital_headings_match(finder):
    _, _, mentions = found(finder, "CHAIRMAN'S SUMMARY OF THE MEETING OF THE NORTH ATLANTIC COOPERATION COUNCIL\n\n12 May 1994\n\nText.")
    assert ids(mentions) == ["nacc"]


@pytest.mark.parametrize(
    "heading, label, printed",
    [
        ("CSCE BUDAPEST SUMMIT 1994", "CSCE Budapest Summit 1994", "CSCE BUDAPEST SUMMIT 1994"),
        ("VIENNA SUMMIT 1993", "Vienna Summit 1993", "VIENNA SUMMIT 1993"),
        ("THE BALTIC SEA STATES COUNCIL", "Baltic Sea States Council", "BALTIC SEA STATES COUNCIL"),
        ("MEETING OF THE EURO-ATLANTIC COORDINATION GROUP", "Euro-Atlantic Coordination Group", "EURO-ATLANTIC COORDINATION GROUP"),
    ],
)
def test_entities_names_in_capital_headings(finder, heading, label, printed):
    document, entities, mentions = found(finder, f"{heading}\n\n12 May 1994\n\nThe Council met.")
    local = [m for m in mentions if m.rule == "entity-capitalised-name"]
    assert [(entities[m.entity_id].label, m.text) for m in local] == [(label, printed)]
    assert document.text[local[0].start : local[0].end] == printed


@pytest.mark.parametrize(
    "sentence, names",
    [
        ("The Chairman of the Baltic Sea States Council spoke.", ["Baltic Sea States Council"]),
        ("A Meeting of the Euro-Atlantic Coordination Group took place.", ["Euro-Atlantic Coordination Group"]),
        ("Talks between the Government of Freedonia and the Freedonian Liberation Organization resumed.",
         ["Freedonian Liberation Organization"]),
        ("Freedonia and the Freedonian Liberation Organization signed.", ["Freedonian Liberation Organization"]),
        ("The Speaker of Freedonia's National Unity Assembly spoke.", []),
        ("The Trade and Transit Agreement with Freedonia was signed.", ["Trade and Transit Agreement"]),
    ],
)
def test_entities_names_inside_longer_capitalised_phrases(finder, sentence, names):
    _, _, mentions = found(finder, f"12 May 1994\n\n{sentence}")
    assert [m.text for m in mentions if m.rule == "entity-capitalised-name"] == names


@pytest.mark.parametrize(
    "heading",
    [
        "BERLIN DECLARATION ON A COMMON PATH OF THE FUTURE",  # a text in a heading is the document itself
        "FINAL COMMUNIQUE OF THE MINISTERIAL SESSION",
        "SUMMIT 1994",
        "Istanbul Summit 1999",  # not in capitals: three capitals needed, as anywhere
    ],
)
def test_entities_capital_headings_that_name_nothing(finder, heading):
    _, _, mentions = found(finder, f"{heading}\n\n12 May 1994\n\nThe Council met.")
    assert [m.text for m in mentions if m.rule == "entity-capitalised-name"] == []


@pytest.mark.parametrize(
    "date, expected",
    [("1994-06-22", "csce"), ("1996-03-01", "csce")],
)
def test_entities_resolve_by_date_keeps_a_historical_name(finder, date, expected):
    document = read_text("The CSCE met.", name="t.txt")
    document.date = date
    _, mentions = finder(document)
    assert ids(mentions) == [expected]


@pytest.mark.parametrize(
    "text, long, acronym",
    [
        ("The multinational Implementation Force (IFOR) will deploy.", "Implementation Force", "IFOR"),
        ("Talks within the Joint Consultative Group (JCG) went on.", "Joint Consultative Group", "JCG"),
        ("Members of the Baltic Battalion Programme (BALTBAT) trained.", "Baltic Battalion Programme", "BALTBAT"),
        ("It joined the Partnership for Peace (PfP) in May.", "Partnership for Peace", "PfP"),
    ],
)
def test_entities_acronym_definitions(text, long, acronym):
    (definition,) = list(find_acronym_definitions(text))
    assert (definition.long, definition.acronym) == (long, acronym)
    assert text[definition.long_start : definition.long_end] == long
    assert text[definition.acr_start : definition.acr_end] == acronym


@pytest.mark.parametrize(
    "text", ["They want a common policy (CP) soon.", "In the year (1994) and (a) list.", "Weapons (WMD) spread."]
)
def test_entities_no_acronym_definition(text):
    assert list(find_acronym_definitions(text)) == []


def test_entities_defined_acronym_becomes_local_entity(finder):
    text = "12 May 1994\n\nThe Balkan Liaison Group (BLG) met. Later the BLG reported to the Council."
    _, entities, mentions = found(finder, text)
    local = entities["organisation-balkan-liaison-group"]
    assert local.local and local.classes == ("Organisation", "Framework") and local.acronym == "BLG"
    assert [m.text for m in mentions if m.entity_id == local.id] == ["Balkan Liaison Group", "BLG", "BLG"]


def test_entities_defined_acronym_without_institutional_head_is_ignored(finder):
    _, entities, _ = found(finder, "12 May 1994\n\nWe discussed Confidence Building Measures (CBMs) at length.")
    assert not [e for e in entities.values() if e.local]


def test_entities_defined_acronym_whose_name_holds_known_names(finder):
    text = "12 May 1994\n\nWe thank the United Nations Liaison Mission in Fiji (UNLMF). The UNLMF reported."
    _, entities, mentions = found(finder, text)
    local = entities["organisation-united-nations-liaison-mission-in-fiji"]
    assert local.acronym == "UNLMF"
    assert [m.text for m in mentions if m.entity_id == local.id] == ["United Nations Liaison Mission in Fiji", "UNLMF", "UNLMF"]
    assert {"un", "fji"} <= set(ids(mentions))  # the names inside stay mentions of their own


@pytest.mark.parametrize(
    "text, name",
    [
        ("12 May 1994\n\nWe thank the United Nations Liaison Mission in Fiji for its work.", "United Nations Liaison Mission in Fiji"),
        ("12 May 1994\n\nThe Baltic Peace Keeping Force in Latvia was praised.", "Baltic Peace Keeping Force in Latvia"),
        ("12 May 1994\n\nWe welcome the Pacific Regional Conference in Suva.", "Pacific Regional Conference"),
    ],
)
def test_entities_missions_and_forces_go_on_with_their_place(finder, text, name):
    _, entities, _ = found(finder, text)
    assert [e.label for e in entities.values() if e.local] == [name]


def test_entities_head_noun_lexicon_has_plurals():
    nouns = head_nouns()
    assert nouns["Councils"].classes == nouns["Council"].classes
    assert nouns["Agencies"].noun == "Agency"


SPEECH = (
    "I wish to congratulate you, Mr. President. Latvia has followed the work of the Assembly closely.\n\n"
    "We in Latvia remember the support of Estonia. Latvia also thanks Lithuania. My Government welcomes the report.\n"
)


@pytest.mark.parametrize(
    "text, issuer, rule",
    [
        ("10 May 1995\n\n1. We, the Foreign Ministers of the member countries of the North Atlantic Cooperation Council (NACC), met today.",
         ["nacc"], "issuer-we-apposition"),
        ("10 May 1995\n\nWe, the Heads of State or Government of the participating States of the CSCE, have met in Budapest.",
         ["csce"], "issuer-we-apposition"),
        ("Meeting of the North Atlantic Council\n\n10 May 1995\n\n1. The Council reviewed the situation at length today.",
         ["nac"], "issuer-meeting-of"),
        ("10 May 1995\n\n1. The Defence Planning Committee and the Nuclear Planning Group of the North Atlantic Treaty Organisation met in Brussels.",
         ["dpc", "npg"], "issuer-body-met"),
        ("10 May 1995\n\nThe European Council welcomed the report of the Presidency.", ["european-council"], "issuer-sentence-subject"),
        ("10 May 1995\n\nFinland and Sweden discussed fishing rights with Norway.", [], None),
        # a speech: first person singular, one State named far more often than any other
        (SPEECH, ["lva"], "issuer-speaker-state"),
        # the same words about two States named as often: no speaker
        (SPEECH + "Estonia agrees with Estonia's neighbours, and Estonia supports them.\n", [], None),
        # a text that names Latvia as often but does not speak in the first person singular
        (SPEECH.replace("I wish", "They wish").replace("My Government", "The Government"), [], None),
    ],
)
def test_entities_issuer(finder, text, issuer, rule):
    document, entities, mentions = found(finder, text)
    findings = find_issuers(document, entities, mentions)
    assert [f.entity_id for f in findings] == issuer
    assert {f.rule for f in findings} == ({rule} if rule else set())


def test_entities_issuer_patterns_load():
    rules = [p.rule for p in issuer_patterns()]
    assert rules[0] == "issuer-we-apposition" and len(rules) == len(set(rules))


@pytest.mark.parametrize(
    "text, persons",
    [
        ("12 May 1994\n\nSecretary General Woerner met Foreign Minister Kozyrev in Brussels.",
         {"person-woerner": "Secretary General Woerner", "person-kozyrev": "Foreign Minister Kozyrev"}),
        ("12 May 1994\n\nMr. Van den Broek spoke to the President of the Russian Federation.", {"person-van-den-broek": "Mr. Van den Broek"}),
        ("12 May 1994\n\nThe Secretary General of NATO addressed the General Assembly.", {}),
    ],
)
def test_entities_titled_persons(finder, text, persons):
    _, entities, _ = found(finder, text)
    got = {e.id: e.label for e in entities.values() if e.classes == ("Person",)}
    assert got == persons


def test_entities_persons_are_never_agents():
    from graph.gazetteer import load_gazetteer
    from graph.pipeline import Extractor

    extraction = Extractor(load_gazetteer())(read_text("12 May 1994\n\nPresident Yeltsin and Ukraine signed the accord.", name="t.txt"))
    assert [a.agents for a in extraction.actions] == [("ukr",)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("9 May 1994\n\nWEU Ministers instructed the Permanent Council to continue its work.", ["weu", "weu-permanent-council"]),
        ("9 May 1996\n\nThe OSCE Chairman reported to the Permanent Council.", ["osce", "osce-permanent-council"]),
        ("9 May 1996\n\nThe Permanent Council met in the capital.", []),
    ],
)
def test_entities_a_context_alias_takes_the_body_the_text_names(finder, text, expected):
    _, _, mentions = found(finder, text)
    assert ids(mentions) == expected


@pytest.mark.parametrize("date, expected", [("1994-06-22", "pact-on-stability-in-europe"), ("1999-07-30", "stability-pact-for-south-eastern-europe")])
def test_entities_the_stability_pact_is_the_one_of_its_time(finder, date, expected):
    _, _, mentions = found(finder, f"{date}\n\nThe Ministers discussed the Stability Pact.")
    assert ids(mentions) == [expected]
