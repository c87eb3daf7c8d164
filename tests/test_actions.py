"""The action extractor: one parametrized test per rule, on sentences written for the test,
and the seed end to end against its committed golden graph."""

from pathlib import Path

import pytest
from rdflib import Dataset, Graph

import graph
from graph.extractors.lexicon import SUBJECT_REFERENCES, grammar, subject_words, topics, triggers
from graph.gazetteer import load_gazetteer
from graph.ids import document_graph_iri
from graph.ontology import action_types
from graph.pipeline import Extractor
from graph.reader import read_text
from tests.graphs import assert_isomorphic

GOLDEN = Path(__file__).parent / "data" / "golden"
NAC_HEADER = "Meeting of the North Atlantic Council\n\n12 May 1994\n\n"


@pytest.fixture(scope="module")
def extractor():
    return Extractor(load_gazetteer())


def actions(extractor, text):
    extraction = extractor(read_text(text, name="t.txt"))
    return [(a.type, a.agents, a.object, a.negated, a.rule) for a in extraction.actions]


def spoken(extractor, sentence, issuer="lva"):
    """The actions of one sentence of a text whose issuer is ``issuer`` (a State's speech)."""
    return extractor(read_text("12 May 1994\n\n" + sentence, name="t.txt"), issuers=(issuer,)).actions


def summary(extractor, text):
    return [(t, agents, obj) for t, agents, obj, _n, _r in actions(extractor, text)]


# ---------------------------------------------------------------- subjects


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12 May 1994\n\nThe Alliance and Russia agreed to hold regular talks.",
         [("Agree", ("nato", "rus"), "to hold regular talks")]),
        ("12 May 1994\n\nNATO and Ukraine welcomed the progress of their dialogue.",
         [("Welcome", ("nato", "ukr"), "the progress of their dialogue")]),
        ("12 May 1994\n\nFinland, Slovenia and Sweden signed the Framework Document.",
         [("Sign", ("fin", "svn", "swe"), "the Framework Document")]),
        ("12 May 1994\n\nBoth Hungary and Poland support the enlargement of the Alliance.",
         [("Support", ("hun", "pol"), "the enlargement of the Alliance")]),
        ("12 May 1994\n\nThe Allies condemned the attacks on civilians.",
         [("Condemn", ("nato",), "the attacks on civilians")]),
        ("12 May 1994\n\nThe Security Council, acting under Chapter VII of the Charter, authorized the deployment of the force.",
         [("Decide", ("unsc",), "the deployment of the force")]),
        ("12 May 1994\n\nThe Permanent Joint Council reviewed the situation in Kosovo.",
         [("Consult", ("pjc",), "the situation in Kosovo")]),
        ("12 May 1994\n\nThe Heads of State or Government of the CSCE participating States adopted the Budapest Document.",
         [("Decide", ("csce",), "the Budapest Document")]),
        ("12 May 1994\n\nThe Foreign Ministers of Estonia and Latvia agreed to coordinate their border policies.",
         [("Agree", ("est", "lva"), "to coordinate their border policies")]),
    ],
)
def test_actions_named_subjects(extractor, text, expected):
    assert summary(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (NAC_HEADER + "1. The Council reviewed the situation in the region.", [("Consult", ("nac",), "the situation in the region")]),
        (NAC_HEADER + "1. Ministers welcomed the report of the working group.", [("Welcome", ("nac",), "the report of the working group")]),
        (NAC_HEADER + "1. We, the Heads of State and Government, agree to meet again next year.", [("Agree", ("nac",), "to meet again next year")]),
        (NAC_HEADER + "1. We, the Foreign Ministers, meeting in Brussels, have decided to open the talks.",
         [("Decide", ("nac",), "to open the talks")]),
    ],
)
def test_actions_subject_words_resolve_to_the_issuer(extractor, text, expected):
    assert summary(extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "12 May 1994\n\nWe welcome the decision of the parties.",
        "12 May 1994\n\nMinisters agreed to meet again.",
    ],
)
def test_actions_unresolved_issuer_is_counted_not_guessed(extractor, text):
    extraction = extractor(read_text(text, name="t.txt"))
    assert extraction.actions == [] and extraction.unresolved == 1


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12 May 1994\n\nNATO and Russia met in Paris. They agreed to resume the talks.",
         [("Agree", ("nato", "rus"), "to resume the talks")]),
        ("12 May 1994\n\nFrance and Germany signed the treaty. They also agreed to consult each other.",
         [("Sign", ("fra", "deu"), "the treaty"), ("Agree", ("fra", "deu"), "to consult each other")]),
    ],
)
def test_actions_they_is_the_nearest_plural_subject(extractor, text, expected):
    assert summary(extractor, text)[-len(expected):] == expected


def test_actions_they_without_antecedent_is_unresolved(extractor):
    extraction = extractor(read_text("12 May 1994\n\nThey agreed to resume the talks.", name="t.txt"))
    assert extraction.actions == [] and extraction.unresolved == 1


@pytest.mark.parametrize(
    "text",
    [
        "12 May 1994\n\nThis relationship will be developed in a transparent way.",
        "12 May 1994\n\nCooperation between NATO and Russia will continue to grow.",
        "12 May 1994\n\nThe programme, launched by the Council, will support reform.",
        "12 May 1994\n\nThe Alliance and Russia have contributions to make to European security.",
        "12 May 1994\n\nIts support for the reforms was welcome news.",
    ],
)
def test_actions_statements_of_fact_and_passives_are_not_actions(extractor, text):
    assert actions(extractor, text) == []


# ---------------------------------------------------------------- verbs and phrases


@pytest.mark.parametrize(
    "sentence, type_, obj",
    [
        ("Russia and Ukraine have agreed that the talks will continue.", "Agree", "that the talks will continue"),
        ("Russia and Ukraine decided to open consulates.", "Decide", "to open consulates"),
        ("Russia and Ukraine warmly welcome the new agreement.", "Welcome", "the new agreement"),
        ("Russia and Ukraine note with satisfaction the progress made.", "Welcome", "the progress made"),
        ("Russia and Ukraine paid tribute to the mediators.", "Welcome", "the mediators"),
        ("Russia and Ukraine are pleased by the results.", "Welcome", "by the results"),
        ("Russia and Ukraine remain committed to the peace process.", "Commit", "to the peace process"),
        ("Russia and Ukraine look forward to the next meeting.", "Seek", "the next meeting"),
        ("Russia and Ukraine expressed concern about the fighting.", "Condemn", "about the fighting"),
        ("Russia and Ukraine called upon the parties to cease fire.", "Call", "the parties to cease fire"),
        ("Russia and Ukraine launched a joint programme.", "Launch", "a joint programme"),
        ("Russia and Ukraine invited observers to the elections.", "Invite", "observers to the elections"),
        ("Russia and Ukraine reiterated their commitment to the treaty.", "Reaffirm", "their commitment to the treaty"),
        ("Russia and Ukraine took note of the report.", "Note", "the report"),
        ("Russia and Ukraine exchanged views on the crisis.", "Consult", "on the crisis"),
        ("Russia and Ukraine will intensify their cooperation.", "Commit", "their cooperation"),
        ("Russia and Ukraine shall work together on border issues.", "Commit", "work together on border issues"),
        ("Russia and Ukraine endorsed the plan.", "Support", "the plan"),
        ("Russia and Ukraine seek to strengthen their ties.", "Seek", "to strengthen their ties"),
    ],
)
def test_actions_verbs_and_phrases_of_the_type_table(extractor, sentence, type_, obj):
    assert summary(extractor, "12 May 1994\n\n" + sentence) == [(type_, ("rus", "ukr"), obj)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12 May 1994\n\nThe signature of the Partnership for Peace Framework Document by Ukraine opened a new chapter.",
         [("Sign", ("ukr",), "the Partnership for Peace Framework Document")]),
        ("12 May 1994\n\nWe noted the establishment of the Euro-Atlantic Partnership Council by the Allies and their Partners.",
         [("Launch", ("nato",), "the Euro-Atlantic Partnership Council")]),
        ("12 May 1994\n\nThe signature of the treaty was delayed.", []),
    ],
)
def test_actions_nominal_forms_need_an_agent(extractor, text, expected):
    assert [a for a in summary(extractor, text) if a[0] in ("Sign", "Launch")] == expected


# ---------------------------------------------------------------- structure


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12 May 1994\n\nGreece and Turkey welcome the talks held in Geneva, and seek to continue them.",
         [("Welcome", ("grc", "tur"), "the talks held in Geneva"), ("Seek", ("grc", "tur"), "to continue them")]),
        ("12 May 1994\n\nSpain and Portugal reviewed the accord and endorsed its conclusions.",
         [("Consult", ("esp", "prt"), "the accord"), ("Support", ("esp", "prt"), "its conclusions")]),
        ("12 May 1994\n\nSpain and Portugal agreed to develop and support the new fund.",
         [("Agree", ("esp", "prt"), "to develop and support the new fund")]),
        ("12 May 1994\n\nItaly and Malta stressed the risks and agreed to share data.",
         [("Agree", ("ita", "mlt"), "to share data")]),
    ],
)
def test_actions_coordinated_verbs(extractor, text, expected):
    assert summary(extractor, text) == expected


@pytest.mark.parametrize(
    "text, negated",
    [
        ("12 May 1994\n\nRussia and Belarus did not agree to the proposal.", True),
        ("12 May 1994\n\nRussia and Belarus will not accept the new borders.", True),
        ("12 May 1994\n\nRussia and Belarus refused to sign the accord.", True),
        ("12 May 1994\n\nRussia and Belarus agreed to the proposal.", False),
    ],
)
def test_actions_negation(extractor, text, negated):
    (found,) = actions(extractor, text)
    assert found[3] is negated


@pytest.mark.parametrize("bullet", ["•", "-", "(a)"])
def test_actions_list_items_become_parts(extractor, bullet):
    marks = [bullet, bullet, bullet] if bullet != "(a)" else ["(a)", "(b)", "(c)"]
    text = (
        "12 May 1994\n\n1. Ukraine and Moldova agreed to cooperate in:\n\n"
        f"   {marks[0]} exchange of information on border crossings;\n\n"
        f"   {marks[1]} joint training of customs officers; and\n\n"
        f"   {marks[2]} peacekeeping exercises.\n\n2. The meeting closed."
    )
    extraction = extractor(read_text(text, name="t.txt"))
    (action,) = extraction.actions
    assert (action.type, action.agents, action.object) == ("Agree", ("ukr", "mda"), "to cooperate in")
    assert [p.object for p in action.parts] == [
        "exchange of information on border crossings", "joint training of customs officers", "peacekeeping exercises"]
    assert [p.topics for p in action.parts] == [("information-sharing",), (), ("peacekeeping",)]
    document = extraction.document
    for part in action.parts:
        assert document.text[part.start : part.end] == part.evidence == part.object
        assert part.paragraph == action.paragraph == 1 and part.agents == action.agents


@pytest.mark.parametrize(
    "text, expected",
    [
        (NAC_HEADER + "1. reaffirmed its support for the negotiations;\n\n2. condemned the shelling of the city;",
         [("Reaffirm", ("nac",), "its support for the negotiations"), ("Condemn", ("nac",), "the shelling of the city")]),
        (NAC_HEADER + "1. Expresses its concern at the fighting;\n\n2. Decides to remain seized of the matter.",
         [("Condemn", ("nac",), "at the fighting"), ("Decide", ("nac",), "to remain seized of the matter")]),
    ],
)
def test_actions_bare_verbs_of_decisions_take_the_issuer(extractor, text, expected):
    assert summary(extractor, text) == expected


@pytest.mark.parametrize(
    "text, frameworks",
    [
        ("12 May 1994\n\nAustria and Hungary agreed to deepen cooperation within the framework of the NACC.", ("nacc",)),
        ("12 May 1994\n\nAustria and Hungary agreed to draw up an Individual Partnership Programme.", ("ipp", "pfp")),
        ("12 May 1994\n\nUnder the NACC Work Plan, Austria and Hungary agreed to exchange officers.", ("nacc-work-plan", "nacc")),
    ],
)
def test_actions_frameworks_named_or_placing(extractor, text, frameworks):
    extraction = extractor(read_text(text, name="t.txt"))
    (action,) = extraction.actions
    assert action.frameworks == frameworks


@pytest.mark.parametrize(
    "text",
    ["12 May 1994\n\nNATO and Russia agreed to", "12 May 1994\n\nNATO and Russia agreed to pursue the dialogue on"],
)
def test_actions_cut_off_sentence_gives_nothing(extractor, text):
    assert actions(extractor, text) == []


def test_actions_evidence_is_the_text_at_its_offsets(extractor):
    text = NAC_HEADER + "1. The Council welcomed the report. Ministers agreed to meet again in June."
    extraction = extractor(read_text(text, name="t.txt"))
    assert len(extraction.actions) == 2
    for action in extraction.actions:
        assert extraction.document.text[action.start : action.end] == action.evidence
        assert extraction.document.text[action.object_start : action.object_end] == action.object
        assert not action.evidence.startswith("1.")


# ---------------------------------------------------------------- data files


def test_actions_lexicons_load_and_use_known_types():
    known = action_types()
    assert {t.type for t in triggers()} == set(known)
    assert len({t.rule for t in triggers()}) == len(triggers())
    assert {s.refers for s in subject_words()} == set(SUBJECT_REFERENCES)
    assert "peacekeeping" in {t.id for t in topics()}
    assert "have" in grammar().between_subject_and_verb


def test_actions_bad_trigger_entry_names_file_and_line(tmp_path, monkeypatch):
    from graph.errors import DataError
    from graph.extractors import lexicon

    data = tmp_path / "data"
    data.mkdir()
    (data / "triggers.jsonl").write_text('# c\n{"id": "x", "type": "Agre", "pattern": [{"LEMMA": "x"}]}\n')
    monkeypatch.setattr(lexicon, "DATA_DIR", data)
    lexicon.triggers.cache_clear()
    try:
        with pytest.raises(DataError, match=r'triggers.jsonl:2: unknown action type "Agre"'):
            lexicon.triggers()
    finally:
        lexicon.triggers.cache_clear()


# ---------------------------------------------------------------- the seed, end to end


def test_actions_seed_document_graph_is_the_golden_graph(tmp_path):
    result = graph.build([], outdir=tmp_path / "out", page=False)
    ds = Dataset()
    ds.parse(tmp_path / "out" / "graph.trig", format="trig")
    built = Graph()
    for triple in ds.graph(document_graph_iri(result.documents[0].doc_id)):
        built.add(triple)
    expected = Graph().parse(GOLDEN / "seed-document.ttl", format="turtle")
    assert_isomorphic(expected, built)


def test_actions_seed_gives_exactly_the_expected_actions(extractor):
    from graph.inputs import example_paths

    extraction = extractor(graph.read(example_paths()[0]))
    got = [(a.type, a.agents, a.object[:40], a.paragraph, a.frameworks, len(a.parts)) for a in extraction.actions]
    assert got == [
        ("Welcome", ("nato", "rus"), "the progress already made in their relat", 1, ("nacc",), 0),
        ("Seek", ("nato", "rus"), "to strengthen them further", 1, (), 0),
        ("Sign", ("rus",), "Partnership for Peace", 2, ("pfp",), 0),
        ("Agree", ("nato", "rus"), "to develop an extensive individual Partn", 2, ("ipp", "pfp"), 0),
        ("Agree", ("nato", "rus"), "to set in train the development of a far", 3, ("pfp",), 0),
        ("Agree", ("nato", "rus"), "to pursue a broad, enhanced dialogue and", 4, (), 3),
    ]
    assert [p.topics for p in extraction.actions[-1].parts] == [
        ("information-sharing",), ("political-consultation",), ("peacekeeping",)]


@pytest.mark.corpus
def test_actions_every_dev_document_yields_an_action(corpus_dir, extractor):
    for path in sorted((corpus_dir / "dev").glob("*.txt")):
        extraction = extractor(graph.read(path))
        assert extraction.actions, f"{path.name}: no action"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Security Council,\n\nRecalling its earlier resolutions on the region,\n\nWelcoming the report of the Secretary-General,\n\n"
         "1. Condemns the attacks on the safe areas;\n\n2. Calls upon all parties to respect the ceasefire;\n\n3. Decides to remain seized of the matter.",
         [("Reaffirm", ("unsc",), "its earlier resolutions on the region"), ("Welcome", ("unsc",), "the report of the Secretary-General"),
          ("Condemn", ("unsc",), "the attacks on the safe areas"), ("Call", ("unsc",), "all parties to respect the ceasefire"),
          ("Decide", ("unsc",), "to remain seized of the matter")]),
    ],
)
def test_actions_resolution_layout_preambular_and_operative(extractor, text, expected):
    assert summary(extractor, "12 May 1994\n\n" + text) == expected


@pytest.mark.parametrize(
    "sentence, obj",
    [
        ("The Security Council this afternoon adopted a resolution on Haiti.", "a resolution on Haiti"),
        ("The Security Council yesterday evening condemned the attack.", "the attack"),
        ("The Security Council, meeting in emergency session, unanimously demanded an end to the shelling.", "an end to the shelling"),
    ],
)
def test_actions_press_release_time_phrases_between_subject_and_verb(extractor, sentence, obj):
    (found,) = summary(extractor, "12 May 1994\n\n" + sentence)
    assert found[1:] == (("unsc",), obj)


@pytest.mark.parametrize(
    "sentence, parent, parts",
    [
        ("Norway and Iceland agreed to cooperate in: fisheries research; coastal patrols; and search and rescue.",
         "to cooperate in", ["fisheries research", "coastal patrols", "search and rescue"]),
        ("Norway and Iceland decided: (a) to open a joint office; (b) to exchange liaison officers.",
         "", ["to open a joint office", "to exchange liaison officers"]),
    ],
)
def test_actions_inline_lists_become_parts(extractor, sentence, parent, parts):
    extraction = extractor(read_text("12 May 1994\n\n" + sentence, name="t.txt"))
    (action,) = extraction.actions
    assert [p.object for p in action.parts] == parts
    assert action.agents == ("nor", "isl")
    for part in action.parts:
        assert extraction.document.text[part.start : part.end] == part.evidence
    if parent:
        assert action.object == parent


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Mr. President, I would like to welcome warmly the new Member States.", ("Welcome", "warmly the new Member States")),
        ("My delegation is delighted to welcome the Principality of Andorra.", ("Welcome", "the Principality of Andorra")),
        ("I wish to commend the Secretary-General for his report.", ("Welcome", "the Secretary-General for his report")),
        ("We express the hope that the talks will succeed.", ("Seek", "that the talks will succeed")),
        ("Latvia, a small country of the Baltic, supports the reform of the Council.", ("Support", "the reform of the Council")),
    ],
)
def test_actions_speech_formulas(extractor, sentence, expected):
    meta = "12 May 1994\n\n"
    extraction = extractor(read_text(meta + sentence, name="t.txt"), issuers=("lva",))
    assert [(a.type, a.object) for a in extraction.actions] == [expected]
    assert extraction.actions[0].agents == ("lva",)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("This demands the attention of all States.", []),
        ("I wish to refer to the burden of the foreign debt.", []),
        ("Latvia wishes to express its deepest admiration for the negotiators.", [("Welcome", "for the negotiators")]),
        ("We wish to strengthen our ties with the region.", [("Seek", "to strengthen our ties with the region")]),
        ("I wish you every success in your work.", []),
        ("I wish, first, to address the question of debt.", []),
        ("I seek the indulgence of the Assembly for my long statement.", []),
        ("We seek a peaceful settlement of the dispute.", [("Seek", "a peaceful settlement of the dispute")]),
        ("This crime must be condemned by the Security Council.", []),
        ("The plan was approved by the Security Council.", [("Support", "The plan")]),
        # the Assembly's adoption is nested in the object of the support: one action
        ("Latvia supports the decisions adopted by the General Assembly at its last session.",
         [("Support", "the decisions adopted by the General Assembly at its last session")]),
        ("Latvia continues to be gravely concerned at the violence.", []),
        ("I am pleased to inform the Assembly that the elections were held.", []),
    ],
)
def test_actions_speech_formulas_that_state_nothing(extractor, sentence, expected):
    found = spoken(extractor, sentence)
    assert [(a.type, a.object) for a in found] == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Kenya has undertaken far-reaching economic reforms.", []),
        ("Kenya undertakes to respect the ceasefire.", [("Commit", ("ken",), "to respect the ceasefire")]),
        ("We note with growing concern the rise in piracy.", [("Condemn", ("lva",), "the rise in piracy")]),
        ("We are confident that the Organization of African Unity will support the plan.", []),
        ("We believe that Russia will sign the treaty.", []),
        ("We urge all States to sign and ratify the convention.", [("Call", ("lva",), "all States to sign and ratify the convention")]),
        ("We urge all nations to support the plan and adopt the statute.", [("Call", ("lva",), "all nations to support the plan and adopt the statute")]),
        ("Estonia signed the treaty. It will also ratify the protocol.", [("Sign", ("est",), "the treaty")]),
        ("The European Council met. It welcomed the report.", [("Welcome", ("european-council",), "the report")]),
        ("The European Council met. Peace came. The talks went on. Winter came. It welcomed the report.", []),
    ],
)
def test_actions_rules_from_the_judged_speech_sample(extractor, sentence, expected):
    found = spoken(extractor, sentence)
    assert [(a.type, a.agents, a.object) for a in found] == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The European Council asked the Commission to report by June.", [("Call", "the Commission to report by June")]),
        ("The Security Council encourages the parties to resume talks.", [("Call", "the parties to resume talks")]),
        ("The European Council asked whether the plan would work.", []),
    ],
)
def test_actions_ask_and_encourage_are_calls(extractor, sentence, expected):
    extraction = extractor(read_text("12 May 1994\n\n" + sentence, name="t.txt"))
    assert [(a.type, a.object) for a in extraction.actions] == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Allow me to begin by congratulating you on your election.", [("Welcome", "you on your election")]),
        ("Let me congratulate the Secretary-General on his report.", [("Welcome", "the Secretary-General on his report")]),
        ("Permit me to express our gratitude to the outgoing President.", [("Welcome", "to the outgoing President")]),
        ("We congratulate Namibia on its independence.", [("Welcome", "Namibia on its independence")]),
    ],
)
def test_actions_speech_openings(extractor, sentence, expected):
    found = spoken(extractor, sentence)
    assert [(a.type, a.object) for a in found] == expected
    assert all(a.agents == ("lva",) for a in found)


UN_PRESS_HEADER = "Press Release SC/9999\n12 May 1994\n\nThe Security Council met today.\n\n"


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The representative of Norway welcomed the ceasefire.", [("Welcome", ("nor",), "the ceasefire")]),
        ("The delegate of Brazil supported the draft resolution.", [("Support", ("bra",), "the draft resolution")]),
        ("The Ambassador of Austria condemned the shelling of the town.", [("Condemn", ("aut",), "the shelling of the town")]),
        ("The delegation of Kenya welcomed the report.", [("Welcome", ("ken",), "the report")]),
        ("The head of the delegation of Chile welcomed the report.", [("Welcome", ("chl",), "the report")]),
        ("The spokesman for the Alliance welcomed the ceasefire.", [("Welcome", ("nato",), "the ceasefire")]),
        ("Norway's representative welcomed the ceasefire.", [("Welcome", ("nor",), "the ceasefire")]),
        ("The United States' representative welcomed the ceasefire.", [("Welcome", ("usa",), "the ceasefire")]),
        ("The Kenya delegation supported the draft resolution.", [("Support", ("ken",), "the draft resolution")]),
        ("Council members expressed concern at the fighting.", [("Condemn", ("unsc",), "at the fighting")]),
        ("The Council members welcomed the ceasefire.", [("Welcome", ("unsc",), "the ceasefire")]),
        ("Members of the Council welcomed the ceasefire.", [("Welcome", ("unsc",), "the ceasefire")]),
        # not a state, not a subject, or no actor named
        ("The representative of the Secretary-General welcomed the ceasefire.", []),
        ("The representative of the Secretary-General said the parties had agreed.", []),
        ("The Special Envoy for the former Yugoslavia welcomed the ceasefire.", []),
        ("The spokesman for the Secretary-General welcomed the ceasefire.", []),
        ("A representative of Kenya welcomed the report.", []),
        ("The Secretary-General's representative welcomed the report.", []),
        # an adjective names the State only before a head noun of the State's own ("Norwegian delegation")
        ("The Norwegian delegation welcomed the ceasefire.", [("Welcome", ("nor",), "the ceasefire")]),
        ("The Norwegian representative welcomed the ceasefire.", []),
    ],
)
def test_actions_press_release_speakers_for_states(extractor, sentence, expected):
    assert summary(extractor, UN_PRESS_HEADER + sentence) == expected


@pytest.mark.parametrize(
    "header, sentence, expected",
    [
        ("CSCE Helsinki Document 1992\n10 July 1992\n\nThe CSCE participating States met in Helsinki.\n\n",
         "The participating States decided to open a mission in Moldova.", [("Decide", ("csce",), "to open a mission in Moldova")]),
        ("CSCE Helsinki Document 1992\n10 July 1992\n\nThe CSCE participating States met in Helsinki.\n\n",
         "All participating States agreed to exchange military information.", [("Agree", ("csce",), "to exchange military information")]),
        ("Declaration by the Presidency on behalf of the European Union\n3 March 1995\n\nThe European Union is concerned.\n\n",
         "The Union urges the parties to return to the negotiating table.", [("Call", ("eu",), "the parties to return to the negotiating table")]),
        ("Declaration by the Presidency on behalf of the European Union\n3 March 1995\n\nThe European Union is concerned.\n\n",
         "The Soviet Union agreed to withdraw its forces.", [("Agree", ("suhh",), "to withdraw its forces")]),
        ("Declaration by the Presidency on behalf of the European Union\n3 March 1995\n\nThe European Union is concerned.\n\n",
         "The Western European Union decided to send a police force.", [("Decide", ("weu",), "to send a police force")]),
        (NAC_HEADER, "Allies agreed to review their force posture.", [("Agree", ("nac",), "to review their force posture")]),
    ],
)
def test_actions_body_and_member_subjects_take_the_issuing_body(extractor, header, sentence, expected):
    assert summary(extractor, header + sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The Union calls on the parties to stop the fighting.",
        "The participating States agreed to reduce their forces.",
        "Council members welcomed the ceasefire.",
        "Allies agreed to review their force posture.",
        "Our allies welcomed the ceasefire.",
        "The Council welcomed the agreement signed in Dayton.",
        "The Commission decided to send observers.",
    ],
)
def test_actions_body_subjects_are_never_an_issuing_state(extractor, sentence):
    found = spoken(extractor, sentence)
    assert found == []


def test_actions_body_subjects_take_only_the_issuing_body_of_a_joint_statement(extractor):
    extraction = extractor(read_text("12 May 1994\n\nThe Union welcomed the ceasefire.", name="t.txt"), issuers=("eu", "rus"))
    assert [(a.type, a.agents, a.object) for a in extraction.actions] == [("Welcome", ("eu",), "the ceasefire")]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Latvia has ratified the Convention against Torture.", [("Sign", "the Convention against Torture")]),
        ("Latvia acceded to the Treaty on the Non-Proliferation of Nuclear Weapons.", [("Sign", "the Treaty on the Non-Proliferation of Nuclear Weapons")]),
        ("Latvia has concluded agreements on free trade with its neighbours.", [("Sign", "on free trade with its neighbours")]),
        ("Latvia has applied for membership in the Council of Europe.", [("Seek", "membership in the Council of Europe")]),
        ("Latvia stands ready to host the next meeting.", [("Commit", "to host the next meeting")]),
        ("We are deeply grateful to the donor countries for their help.", [("Welcome", "to the donor countries for their help")]),
        ("I should like to extend our warmest congratulations to the new members.", [("Welcome", "to the new members")]),
        ("Latvia expresses its readiness to contribute troops.", [("Commit", "to contribute troops")]),
        ("We express our determination to fight terrorism.", [("Commit", "to fight terrorism")]),
        ("We reaffirm our determination to fight terrorism.", [("Reaffirm", "our determination to fight terrorism")]),
        ("We concluded that the plan would not work.", []),
        ("We consider it important to reduce the budget.", []),
        ("We all recall how the crisis began.", []),
        ("We continue to believe that the Conference should be enlarged.", []),
        ("For every dollar saved now, we shall have to spend two later.", []),
        ("We wish to assure you of our full cooperation.", []),
        ("We will continue to support the peace process.", [("Commit", "to support the peace process")]),
        ("We recall our commitment to the Charter.", [("Reaffirm", "our commitment to the Charter")]),
        ("We will consider the report of the working group.", [("Consult", "the report of the working group")]),
        ("The rules that apply for each region differ.", []),
    ],
)
def test_actions_accession_thanks_and_readiness(extractor, sentence, expected):
    found = spoken(extractor, sentence)
    assert [(a.type, a.object) for a in found] == expected
    assert all(a.agents == ("lva",) for a in found)


# ---------------------------------------------------------------- press releases, resolutions and speeches

QUOTED_RESOLUTION = (
    UN_PRESS_HEADER +
    "The full text of resolution 999 (1994) reads as follows:\n\n"
    '"The Security Council,\n\n'
    '"Recalling its earlier resolutions on the situation,\n\n'
    '"Welcoming the report of the Secretary-General,\n\n'
    '"1. Decides to extend the mandate of the Mission until 30 June 1994;\n\n'
    '"2. Decides to remain seized of the matter."\n'
)


def test_actions_quoted_resolution_paragraphs_open_with_a_quote_mark(extractor):
    assert summary(extractor, QUOTED_RESOLUTION) == [
        ("Reaffirm", ("unsc",), "its earlier resolutions on the situation"),
        ("Welcome", ("unsc",), "the report of the Secretary-General"),
        ("Decide", ("unsc",), "to extend the mandate of the Mission until 30 June 1994"),
        ("Decide", ("unsc",), "to remain seized of the matter"),
    ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Unanimously adopting resolution 999 (1994), the Council demanded that the parties respect the ceasefire.",
         [("Decide", ("unsc",), "resolution 999 (1994)"), ("Call", ("unsc",), "that the parties respect the ceasefire")]),
        ("Welcoming the report of the Secretary-General, NATO and Russia agreed to meet again.",
         [("Welcome", ("nato", "rus"), "the report of the Secretary-General"), ("Agree", ("nato", "rus"), "to meet again")]),
        ("Noting the report, Ukraine will send observers.",
         [("Note", ("ukr",), "the report"), ("Commit", ("ukr",), "send observers")]),
    ],
)
def test_actions_fronted_participle_shares_the_subject_after_its_comma(extractor, sentence, expected):
    assert summary(extractor, UN_PRESS_HEADER + sentence) == expected


def test_actions_fronted_participle_without_an_actor_after_its_comma_gives_nothing(extractor):
    assert summary(extractor, "12 May 1994\n\nNoting the report, the situation in the region remained tense.") == []


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The representative of Germany said his Government supported the extension of the mandate.",
         [("Support", ("deu",), "the extension of the mandate")]),
        ("The representative of France stated that her country welcomed the agreement.",
         [("Welcome", ("fra",), "the agreement")]),
        ("Speaking after the vote, the representative of Japan said his delegation welcomed the resolution and would continue to support the Mission.",
         [("Welcome", ("jpn",), "the resolution"), ("Commit", ("jpn",), "to support the Mission")]),
        ("The representative of Italy spoke first. He said his Government condemned the attack.",
         [("Condemn", ("ita",), "the attack")]),
        # no speaker who speaks for an actor, or no verb of saying
        ("The Secretary-General said his Government supported the extension.", []),
        ("He said his Government supported the extension.", []),
        ("The representative of Germany asked whether his Government supported the extension.", []),
    ],
)
def test_actions_reported_speech_takes_the_speakers_state(extractor, sentence, expected):
    assert summary(extractor, UN_PRESS_HEADER + sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Latvia has signed the Convention and intends to ratify it.",
         [("Sign", ("lva",), "the Convention"), ("Commit", ("lva",), "to ratify it")]),
        ("Latvia has applied for membership in the Union and seeks closer ties with its neighbours.",
         [("Seek", ("lva",), "membership in the Union"), ("Seek", ("lva",), "closer ties with its neighbours")]),
        ("Latvia welcomed the plan and will support its implementation.",
         [("Welcome", ("lva",), "the plan"), ("Support", ("lva",), "its implementation")]),
        # an infinitive's second verb stays in the object
        ("Latvia agreed to develop the plan and support its implementation.",
         [("Agree", ("lva",), "to develop the plan and support its implementation")]),
    ],
)
def test_actions_finite_verbs_of_any_tense_coordinate(extractor, sentence, expected):
    assert summary(extractor, "12 May 1994\n\n" + sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Together with Estonia and Lithuania, Latvia has established a joint battalion.",
         [("Launch", ("lva",), "a joint battalion")]),
        ("Like Estonia, Latvia supports the reform.", [("Support", ("lva",), "the reform")]),
        ("Estonia, Latvia and Lithuania support the reform.", [("Support", ("est", "lva", "ltu"), "the reform")]),
        ("The Community and its Member States will provide humanitarian assistance.",
         [("Commit", ("ec",), "provide humanitarian assistance")]),
    ],
)
def test_actions_subject_after_an_introductory_phrase_and_with_its_members(extractor, sentence, expected):
    assert summary(extractor, "12 May 1994\n\n" + sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The Security Council extended the mandate of UNPROFOR until 31 March.",
         [("Decide", ("unsc",), "the mandate of UNPROFOR until 31 March")]),
        ("The Security Council renewed its authorization of the operation.",
         [("Decide", ("unsc",), "its authorization of the operation")]),
        ("The Alliance extended an invitation to Ukraine to attend the meeting.",
         [("Invite", ("nato",), "to Ukraine to attend the meeting")]),
        ("NATO extended the runway at the base.", []),
    ],
)
def test_actions_extend_governs_only_a_mandate_or_an_invitation(extractor, sentence, expected):
    assert summary(extractor, "12 May 1994\n\n" + sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # mixed tenses coordinate only after "and"/"or", and a past form after a present one only as a perfect
        ("Namibia welcomes the agreement, signed between the parties in May.",
         [("Welcome", ("nam",), "the agreement, signed between the parties in May")]),
        ("Nigeria welcomes resolution 866, which set up the Mission and called upon States to support it.",
         [("Welcome", ("nga",), "resolution 866, which set up the Mission and called upon States to support it")]),
        ("Namibia supports the plan and has signed the agreement.",
         [("Support", ("nam",), "the plan"), ("Sign", ("nam",), "the agreement")]),
        # asked of another actor, not done by it
        ("Iraq must accept the resolution.", []),
        ("The United Nations should continue to play its role.", []),
        ("We must continue to support the Mission.", [("Commit", ("lva",), "to support the Mission")]),
        # a participle after a noun is a description, not a commitment of the agent
        ("We support the efforts undertaken by the United Nations.", [("Support", ("lva",), "the efforts undertaken by the United Nations")]),
        # a relative clause's passive: the noun before "which"
        ("Iraq violated resolution 687 (1991), which was accepted by Iraq.", [("Agree", ("irq",), "resolution 687 (1991)")]),
        # a parenthetical after the verb is not the object
        ("We are ready, within our means, to take part in the mission.", [("Commit", ("lva",), "to take part in the mission")]),
        ("We note, however, that the talks have stalled.", [("Note", ("lva",), "that the talks have stalled")]),
    ],
)
def test_actions_speech_clauses_about_others(extractor, sentence, expected):
    found = spoken(extractor, sentence)
    assert [(a.type, a.agents, a.object) for a in found] == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The representative of Germany said his Government would contribute troops to the force.",
         [("Commit", ("deu",), "contribute troops to the force")]),
        ("The representative of Japan said that Japan would host the conference.",
         [("Commit", ("jpn",), "host the conference")]),
        ("The representative of Chile said his delegation had voted in favour of the resolution.",
         [("Support", ("chl",), "the resolution")]),
        ("The representative of Chile said Chile had voted for the text.", [("Support", ("chl",), "the text")]),
        # "would" outside reported speech is a wish or a condition
        ("We would like to see peace in the region.", []),
        ("Japan would host the conference if asked.", []),
        # a belief about another actor is not reported speech
        ("The representative of Japan believed that Russia would host the conference.", []),
    ],
)
def test_actions_reported_will_and_votes(extractor, sentence, expected):
    assert summary(extractor, UN_PRESS_HEADER + sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("I wish to express our particular gratitude to Sweden.", [("Welcome", "to Sweden")]),
        ("I wish also to address words of gratitude to the Secretary-General.", [("Welcome", "to the Secretary-General")]),
        ("We are deeply concerned at the fighting in the region.", [("Condemn", "the fighting in the region")]),
        ("The countries concerned by the conflict met in Geneva.", []),
        ("The Government examined the situation in the Middle East.", []),
        ("We examined the situation in the Middle East.", [("Consult", "the situation in the Middle East")]),
        ("We affirm the sovereignty of the State.", [("Reaffirm", "the sovereignty of the State")]),
    ],
)
def test_actions_thanks_concern_examination_affirmation(extractor, sentence, expected):
    found = spoken(extractor, sentence)
    assert [(a.type, a.object) for a in found] == expected


def test_actions_preambular_lines_of_a_resolution(extractor):
    text = UN_PRESS_HEADER + '"Deeply concerned at the continued fighting,\n\n"Recalling its resolutions,\n\n"1. Strongly condemns the attack;\n\n"2. Affirms the sovereignty of the State;\n'
    assert summary(extractor, text) == [
        ("Condemn", ("unsc",), "the continued fighting"),
        ("Reaffirm", ("unsc",), "its resolutions"),
        ("Condemn", ("unsc",), "the attack"),
        ("Reaffirm", ("unsc",), "the sovereignty of the State"),
    ]


def test_actions_a_capitalised_adverb_is_skipped_only_where_a_clause_begins(extractor):
    assert summary(extractor, "12 May 1994\n\nItaly agreed to send troops.") == [("Agree", ("ita",), "to send troops")]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Firmly committed to peace, Togo supports the disarmament talks.",
         [("Commit", ("tgo",), "to peace"), ("Support", ("tgo",), "the disarmament talks")]),
        ("Togo wishes to commend the Chairman and would remind members of the Charter.", [("Welcome", ("tgo",), "the Chairman")]),
        ("We hope that the initiatives, with the support of all, would lead to a settlement.",
         [("Seek", ("tgo",), "that the initiatives, with the support of all, would lead to a settlement")]),
        ("We can affirm that the conflict is not ethnic.", []),
        ("In my sixth point I would say that the Council needs reform.", []),
    ],
)
def test_actions_speech_participles_and_would(extractor, sentence, expected):
    found = spoken(extractor, sentence, "tgo")
    assert [(a.type, a.agents, a.object) for a in found] == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("We must act now if we wish to ensure the success of the Conference.", []),
        ("Unless we support the reform, the Organization will fail.", []),
        ("The increasing attention will, we hope, result in greater support.", []),
        ("We hope that the talks will succeed.", [("Seek", "that the talks will succeed")]),
    ],
)
def test_actions_conditions_and_asides_state_nothing(extractor, sentence, expected):
    found = spoken(extractor, sentence)
    assert [(a.type, a.object) for a in found] == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a State's own "we" is never the "they" of the next sentence
        ("We support the African countries. They continue to require our help.", [("Support", "the African countries")]),
        # what goes on is no commitment
        ("We will help. The conflicts continue to require attention.", [("Commit", "help")]),
        ("Latvia will continue to require assistance.", []),
    ],
)
def test_actions_they_and_continue_in_speeches(extractor, sentence, expected):
    found = spoken(extractor, sentence)
    assert [(a.type, a.object) for a in found] == expected


def test_actions_they_after_ministers_is_still_the_issuing_body(extractor):
    text = NAC_HEADER + "Ministers welcomed the report. They agreed to review the force posture."
    assert summary(extractor, text) == [("Welcome", ("nac",), "the report"), ("Agree", ("nac",), "to review the force posture")]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("We want to establish new forms of collaboration.", [("Seek", "to establish new forms of collaboration")]),
        ("I wish to thank the Secretary-General.", [("Welcome", "the Secretary-General")]),
        ("The establishment of an international criminal court is welcomed by Latvia.",
         [("Welcome", "The establishment of an international criminal court")]),
        ("We hope that the United Nations, in all cases, will act impartially.",
         [("Seek", "that the United Nations, in all cases, will act impartially")]),
    ],
)
def test_actions_wishes_passive_nominals_and_that_clauses(extractor, sentence, expected):
    found = spoken(extractor, sentence)
    assert [(a.type, a.object) for a in found] == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("I wish to thank the Secretary-General for his report.", [("Welcome", "the Secretary-General for his report")]),
        ("We thank the donors for their help.", [("Welcome", "the donors for their help")]),
        ("I thank you.", []),
        ("I thank you, Mr. President, for your attention.", []),
    ],
)
def test_actions_thanks_are_welcomes_but_not_the_closing_courtesy(extractor, sentence, expected):
    found = spoken(extractor, sentence)
    assert [(a.type, a.object) for a in found] == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Thanks to the efforts of many, the Organization has a High Commissioner.", []),
        ("Bearing this in mind, I wish to appeal, on behalf of my Government, to the Council to act.",
         [("Call", "to the Council to act")]),
        ("NATO and Russia met. The weather was fine. The talks were long. The hall was cold. They agreed to meet again.", []),
        ("NATO and Russia met. They agreed to meet again.", [("Agree", "to meet again")]),
    ],
)
def test_actions_thanks_to_asides_and_a_distant_they(extractor, sentence, expected):
    found = spoken(extractor, sentence)
    assert [(a.type, a.object) for a in found] == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Let me continue by presenting some elements of our policy.",
        "Today I am pleased to release a report on our work.",
    ],
)
def test_actions_speech_transitions_state_nothing(extractor, sentence):
    found = spoken(extractor, sentence)
    assert found == []
