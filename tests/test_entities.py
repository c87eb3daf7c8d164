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
        ("Following the Freedonian Liberation Organization decision, talks resumed.", ["Freedonian Liberation Organization"]),
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
        "Review Conference 1999",  # not in capitals: three capitals needed, or a meeting's place first
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


def resolutions(mentions):
    """The numbers of the Security Council resolutions among ``mentions``, in text order, once each."""
    prefix = "framework-un-security-council-resolution-"
    return list(dict.fromkeys(m.entity_id.removeprefix(prefix) for m in mentions if m.entity_id.startswith(prefix)))


@pytest.mark.parametrize(
    "sentence, numbers",
    [
        ("The Security Council resolutions 1160 (1998) and 1199 (1998) must be implemented.", ["1160", "1199"]),
        ("Acting under Security Council Resolutions 713 (1991), 757 (1992) and 787 (1992), they met.", ["713", "757", "787"]),
        ("The UN Security Council resolutions 824, 836 and 844 remain in force.", ["824", "836", "844"]),
        ("Security Council resolution 1244 (1999), paragraph 9 (1999), was read out.", ["1244"]),
    ],
)
def test_entities_security_council_resolution_numbers_are_whole(finder, sentence, numbers):
    _, _, mentions = found(finder, f"12 May 1999\n\n{sentence}")
    assert resolutions(mentions) == numbers


@pytest.mark.parametrize(
    "sentence, numbers",
    [
        ("Recalling its resolution 1160 (1998) of 31 March 1998, the Council met.", ["1160"]),
        ("They called for the full implementation of resolutions 1160 (1998) and 1199 (1998).", ["1160", "1199"]),
        ("Resolution 1203 (1998) endorsed the agreements.", ["1203"]),
        ("It recalled resolutions 713 (1991), 757 (1992), and 787 (1992) on the former Yugoslavia.", ["713", "757", "787"]),
        ("The Council adopted Security Council resolution 1199 (1998) today.", ["1199"]),
        # the General Assembly numbers its resolutions by session
        ("The Assembly recalled its resolution 47/121 of 18 December 1992.", []),
        ("General Assembly resolution 2758 (XXVI) restored the lawful rights.", []),
        ("By General Assembly resolution 1514 (1960) the Declaration was adopted.", []),
        ("The draft resolution (1998) was withdrawn; resolution 12/1998 (1998) too.", []),
    ],
)
def test_entities_a_resolution_numbered_with_its_year_is_the_security_councils(finder, sentence, numbers):
    _, entities, mentions = found(finder, f"12 May 1999\n\n{sentence}")
    assert resolutions(mentions) == numbers
    for number in numbers:
        assert entities[f"framework-un-security-council-resolution-{number}"].label == f"UN Security Council Resolution {number}"


def test_entities_a_resolution_found_by_two_patterns_is_one_mention(finder):
    _, _, mentions = found(finder, "12 May 1999\n\nThe Security Council resolution 1199 (1998) was adopted.")
    assert [m.rule for m in mentions if m.entity_id.endswith("-1199")] == ["entity-unsc-resolution"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a context alias standing alone, in a text that names its context
        ("12 May 1996\n\nThe European Council asked the Commission to report.", ["european-council", "european-commission"]),
        ("12 May 1996\n\nThe Commission's proposal was welcomed by the European Union.", ["european-commission", "eu"]),
        ("12 May 1996\n\nThe European Union thanked the new Commission.", ["eu", "european-commission"]),
        ("9 May 1994\n\nWEU Ministers asked the Planning Cell to report.", ["weu", "weu-planning-cell"]),
        ("9 May 1994\n\nWEU Ministers met the Forum of Consultation.", ["weu", "weu-forum-of-consultation"]),
        ("12 May 1998\n\nBosnia and Herzegovina must carry out the Peace Agreement in full.", ["bih", "dayton-agreement"]),
        ("9 May 1996\n\nThe OSCE Chairman reported to the Permanent Council on Thursday.", ["osce", "osce-permanent-council"]),
        ("9 May 1994\n\nWEU Ministers met. The Council of Ministers in Luxembourg agreed.", ["weu", "weu-council-of-ministers", "lux"]),
        # the word before, or the name after "of" or "in", names the context: it decides
        ("9 May 1996\n\nThe CSCE Permanent Council met.", ["csce", "osce-permanent-council"]),
        ("12 May 1996\n\nThe President of the Commission of the European Union spoke.", ["european-commission", "eu"]),
        ("12 May 1998\n\nWe support the Peace Agreement in Bosnia and Herzegovina.", ["dayton-agreement", "bih"]),
    ],
)
def test_entities_a_context_alias_that_stands_alone_names_its_body(finder, text, expected):
    _, _, mentions = found(finder, text)
    assert ids(mentions) == expected


@pytest.mark.parametrize(
    "text, absent",
    [
        # part of a longer capitalised name, before or after
        ("12 May 1996\n\nThe European Union welcomed the work of the Joint Commission.", "european-commission"),
        ("12 May 1996\n\nThe European Union met. Joint Commission talks followed.", "european-commission"),
        ("12 May 1996\n\nThe European Union supports the Commission on Missing Persons.", "european-commission"),
        ("12 May 1996\n\nThe European Union heard Commission President Santer.", "european-commission"),
        ("12 May 1996\n\nThe European Union and the Freedonia-Ruritania Commission met.", "european-commission"),
        ("9 May 1996\n\nThe European Union and the CSCE Council of Ministers met.", "eu-council"),
        ("12 May 1998\n\nBosnia and Herzegovina welcomed the Lusaka Peace Agreement.", "dayton-agreement"),
        # a longer name, or a common noun, in the same text: the bare alias may refer back to it
        ("12 May 1996\n\nThe European Union supports the Commission on Missing Persons. The Commission met in May.",
         "european-commission"),
        ("12 May 1996\n\nThe European Union noted that a Commission was set up. The Commission reported.", "european-commission"),
        ("12 May 1996\n\nThe European Union asked for a commission of inquiry. The Commission will report.", "european-commission"),
        ("12 May 1996\n\nBosnia and Herzegovina and Angola signed peace agreements. The Peace Agreement holds.",
         "dayton-agreement"),
        ("12 May 1996\n\nThe Baltic Council of Ministers and the European Union met. The Council of Ministers agreed.", "eu-council"),
        # a bare alias names only what exists on the document's date
        ("12 May 1994\n\nBosnia and Herzegovina must carry out the Peace Agreement in full.", "dayton-agreement"),
    ],
)
def test_entities_a_context_alias_inside_a_longer_name_names_nothing(finder, text, absent):
    _, _, mentions = found(finder, text)
    assert absent not in ids(mentions)


@pytest.mark.parametrize(
    "text",
    [
        "12 May 1996\n\nThe European Council met. The Council adopted the budget proposed by the Commission.",
        "12 May 1996\n\nThe North Atlantic Council met. The Council welcomed the European Union's decision.",
        "12 May 1996\n\nThe Security Council met. The Council took note of the European Union's statement.",
    ],
)
def test_entities_the_bare_council_is_no_alias_of_the_eu_council(finder, text):
    """"The Council" is each issuer's own council: the context that makes it the EU Council's
    (a text naming the EU) is also that of NATO, WEU, OSCE and UN texts, which name the EU."""
    _, _, mentions = found(finder, text)
    assert "eu-council" not in ids(mentions)


def local_names(mentions, rule="entity-capitalised-name"):
    return [m.text for m in mentions if m.rule == rule]


@pytest.mark.parametrize(
    "sentence, names, classes",
    [
        ("Partners joined the Euro-Atlantic Disaster Response Unit.", ["Euro-Atlantic Disaster Response Unit"], ("Organisation",)),
        ("Russian officers visited the NATO Documentation Centre.", ["NATO Documentation Centre"], ("Organisation",)),
        ("Talks with the Bosnian Serb Army failed.", ["Bosnian Serb Army"], ("Organisation",)),
        ("The Freedonian Crisis Management Cell met daily.", ["Freedonian Crisis Management Cell"], ("Organisation",)),
        ("The UN Regional Training Center opened.", ["UN Regional Training Center"], ("Organisation",)),
        # two capitalised words are a description, however institutional their head
        ("Talks with the Yugoslav Army failed.", [], None),
        ("The Planning Unit reported.", [], None),
    ],
)
def test_entities_institutional_heads_army_unit_centre_cell(finder, sentence, names, classes):
    _, entities, mentions = found(finder, f"12 May 1998\n\n{sentence}")
    local = [m for m in mentions if m.rule == "entity-capitalised-name"]
    assert [m.text for m in local] == names
    assert all(entities[m.entity_id].classes == classes for m in local)


@pytest.mark.parametrize(
    "sentence, names",
    [
        ("Ministers prepared the Lisbon Summit.", ["Lisbon Summit"]),
        ("They looked to the Minsk Conference for a settlement.", ["Minsk Conference"]),
        ("At the Madrid Summit the Allies invited three countries.", ["Madrid Summit"]),
        ("The Chairman of the Minsk Conference reported.", ["Minsk Conference"]),
        ("Leaders met at the Hague Summit.", ["Hague Summit"]),
        # no place first: a description
        ("The Review Conference closed.", []),
        ("The Ministerial Conference met.", []),
        ("The Intergovernmental Conference will open in 1996.", []),
        ("The Donors Conference pledged money.", []),
        # a place, but no meeting
        ("The Lisbon Declaration was adopted.", []),
    ],
)
def test_entities_a_meeting_named_by_its_place(finder, sentence, names):
    _, entities, mentions = found(finder, f"12 May 1996\n\n{sentence}")
    assert local_names(mentions) == names
    assert all(entities[m.entity_id].classes == ("Framework",) for m in mentions if m.rule == "entity-capitalised-name")


def test_entities_meeting_places_load():
    from graph.extractors.entities import meeting_places

    places = meeting_places()
    assert {"Lisbon", "Minsk", "Madrid", "Hague"} <= places and "Review" not in places


@pytest.mark.parametrize(
    "sentence, names, classes",
    [
        ("WEU and NATO conducted Operation Sharp Guard in the Adriatic.", ["Operation Sharp Guard"], ("Organisation",)),
        ("Operation Deliberate Force ended in September.", ["Operation Deliberate Force"], ("Organisation",)),
        ("They ran Operation Sharp Guard and Operation Deny Flight.", ["Operation Sharp Guard", "Operation Deny Flight"],
         ("Organisation",)),
        ("The Operation Plan was approved.", [], None),
        # the words end in a head of other classes, which heads them
        ("The Government signed the Operation Lifeline Sudan Agreement.", ["Operation Lifeline Sudan Agreement"], ("Framework",)),
    ],
)
def test_entities_an_operation_named_after_its_head(finder, sentence, names, classes):
    _, entities, mentions = found(finder, f"12 May 1995\n\n{sentence}")
    local = [m for m in mentions if m.rule == "entity-capitalised-name"]
    assert [m.text for m in local] == names
    assert all(entities[m.entity_id].classes == classes for m in local)


@pytest.mark.parametrize(
    "sentence, names",
    [
        ("We thank the Freedonian Centre for Human Settlements and the Ruritanian Development Programme.",
         ["Freedonian Centre for Human Settlements", "Ruritanian Development Programme"]),
        ("The Freedonian Committee on Trade and the Environment met.", ["Freedonian Committee on Trade and the Environment"]),
    ],
)
def test_entities_two_names_joined_by_and_the(finder, sentence, names):
    _, _, mentions = found(finder, f"12 May 1995\n\n{sentence}")
    assert local_names(mentions) == names


@pytest.mark.parametrize(
    "text",
    [
        "12 May 1995\n\nThe value of the European Currency Unit fell.",
        "12 May 1995\n\nThe European Currency Unit (ECU) rose. The ECU is a basket.",
        "12 May 1995\n\nA bomb went off at the World Trade Center.",
        "12 May 1995\n\nThe talks were held at the Vienna International Centre.",
    ],
)
def test_entities_not_entity_phrases_name_no_body(finder, text):
    _, entities, _ = found(finder, text)
    assert not [e for e in entities.values() if e.local]


@pytest.mark.parametrize(
    "heading, names",
    [
        ("Excerpts From Freedonian Declaration on Expanding the Union", []),  # a headline about the document
        ("Text of the Freedonian Peace Plan", []),
        ("Meeting of the Baltic Sea States Council", ["Baltic Sea States Council"]),  # a body in a heading is named
        ("The Lisbon Summit", ["Lisbon Summit"]),  # so is a meeting
    ],
)
def test_entities_a_text_named_in_a_title_case_heading_is_the_document(finder, heading, names):
    _, _, mentions = found(finder, f"{heading}\n\n12 May 1997\n\nThe Council met today in the capital and agreed.")
    assert local_names(mentions) == names


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("All States should join the nuclear Non-Proliferation Treaty.", ["npt"]),
        ("Freedonia concluded the Uruguay Round of multilateral trade negotiations.", ["uruguay-round"]),
    ],
)
def test_entities_a_longer_name_printed_in_another_case_hides_no_shorter_one(finder, sentence, expected):
    _, _, mentions = found(finder, f"12 May 1995\n\n{sentence}")
    assert ids(mentions) == expected


def test_entities_entity_patterns_load_in_order():
    from graph.extractors.entities import entity_patterns

    assert [p.rule for p in entity_patterns()] == ["entity-unsc-resolution", "entity-unsc-resolution-by-year"]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The Allies welcomed the entry into force of the Flank Document.", ["nato", "cfe-flank-document"]),
        ("Partners followed the CFE Flank Document closely.", ["cfe-flank-document"]),
        ("Russia made an interpretative statement under paragraph 79 of the Final Recommendations of the Helsinki Consultations.",
         ["rus", "helsinki-final-recommendations"]),
        ("The Kosovo Liberation Army (KLA) and the UCK are one.", ["kla", "kla", "kla"]),
        ("The WEU Council met in Berlin.", ["weu-council-of-ministers"]),
    ],
)
def test_entities_gazetteer_entries_of_the_later_1990s(finder, sentence, expected):
    _, _, mentions = found(finder, f"3 June 1998\n\n{sentence}")
    assert ids(mentions) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12 May 1994\n\nThe Heads of State of the North Atlantic A1liance met in Brussels.", [("nato", "the North Atlantic A1liance")]),
        ("12 May 1994\n\nThe North Atlantic Counci1 met in Brussels.", [("nac", "North Atlantic Counci1")]),
        ("12 May 1994\n\nThe North Atlantic C0uncil met in Brussels.", [("nac", "North Atlantic C0uncil")]),
        # digits that are digits
        ("12 May 1994\n\nThe M-NAC-1 press release and document A4 named nothing.", []),
    ],
)
def test_entities_names_read_through_ocr_digits(finder, text, expected):
    document, _, mentions = found(finder, text)
    assert [(m.entity_id, m.text) for m in mentions] == expected
    assert all(document.text[m.start : m.end] == m.text for m in mentions)


def test_entities_a_context_alias_before_a_heading_in_capitals_stands_alone(finder):
    text = "Western European Union Council of Ministers PETERSBERG DECLARATION Bonn, 19 June 1992\n\nMinisters met."
    _, _, mentions = found(finder, text)
    assert [(m.entity_id, m.text) for m in mentions][:2] == [("weu", "Western European Union"), ("weu-council-of-ministers", "Council of Ministers")]
    assert not [m for m in mentions if m.rule == "entity-capitalised-name"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12 May 1995\n\nThe United Nations must uphold the Charter.", ["un", "un-charter"]),
        ("12 May 1995\n\nUnder Chapter VII of the Charter, the United Nations acted.", ["un-charter", "un"]),
        # a text that names no United Nations body: "the Charter" is some other charter
        ("12 May 1997\n\nNATO and Ukraine signed the Charter.", ["nato", "ukr"]),
        ("12 May 1990\n\nThe members of the Warsaw Treaty met.", ["warsaw-pact"]),
    ],
)
def test_entities_the_charter_and_the_warsaw_treaty(finder, text, expected):
    _, _, mentions = found(finder, text)
    assert ids(mentions) == expected
