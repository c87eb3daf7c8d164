"""Clause structure of the action extractor: where a subject stands, which verbs share it and
where an object ends. Each case is a sentence written for the test, in one of the shapes
communiqués, conclusions, press releases and speeches use."""

import pytest

from graph.gazetteer import load_gazetteer
from graph.pipeline import Extractor
from graph.reader import read_text

NAC = "Ministerial Meeting of the North Atlantic Council\n\n3 June 1996\n\n"
EUROPEAN_COUNCIL = "EUROPEAN COUNCIL IN MADRID\n\n16 December 1995\n\n"
UN_PRESS = "Press Release SC/9999\n12 May 1995\n\nSECURITY COUNCIL ACTS\n\n"


@pytest.fixture(scope="module")
def extractor():
    return Extractor(load_gazetteer())


def found(extractor, text, issuers=()):
    extraction = extractor(read_text(text, name="t.txt"), issuers=issuers)
    return [(a.type, a.agents, a.object) for a in extraction.actions]


def spoken(extractor, sentence):
    """The actions of ``sentence`` in a speech by Latvia."""
    return found(extractor, "12 May 1995\n\n" + sentence, issuers=("lva",))


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("We will enhance the Partnership for Peace, and we welcome the active participation of Partners.",
         [("Commit", ("nac",), "enhance the Partnership for Peace"), ("Welcome", ("nac",), "the active participation of Partners")]),
        ("NATO supports the reform, and Russia welcomes the offer.",
         [("Support", ("nato",), "the reform"), ("Welcome", ("rus",), "the offer")]),
        ("We have invited the High Commissioner to visit and we welcome his recommendations.",
         [("Invite", ("nac",), "the High Commissioner to visit"), ("Welcome", ("nac",), "his recommendations")]),
        ("We agreed that NATO will reduce its forces, and we welcome the decision of Russia.",
         [("Agree", ("nac",), "that NATO will reduce its forces"), ("Welcome", ("nac",), "the decision of Russia")]),
    ],
)
def test_a_clause_with_its_own_subject_ends_the_object_before_it(extractor, sentence, expected):
    assert found(extractor, NAC + sentence) == expected


def test_inside_a_that_clause_a_named_subject_stays_in_the_object(extractor):
    sentence = "We agreed that NATO will reduce its forces, and Russia will withdraw its troops."
    assert found(extractor, NAC + sentence) == [
        ("Agree", ("nac",), "that NATO will reduce its forces, and Russia will withdraw its troops"),
    ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("We welcome the report and have decided to establish a working group.",
         [("Welcome", ("nac",), "the report"), ("Decide", ("nac",), "to establish a working group")]),
        ("We welcome the report and will continue to support the process.",
         [("Welcome", ("nac",), "the report"), ("Commit", ("nac",), "to support the process")]),
        ("We endorse the concept and have directed the Council in Permanent Session to implement it.",
         [("Support", ("nac",), "the concept"), ("Call", ("nac",), "the Council in Permanent Session to implement it")]),
    ],
)
def test_a_plain_present_shares_its_subject_with_a_perfect_or_a_modal(extractor, sentence, expected):
    assert found(extractor, NAC + sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("NATO Allies support the independence of Ukraine.", [("Support", ("nato",), "the independence of Ukraine")]),
        ("NATO Defence Ministers agreed to review the force structure.", [("Agree", ("nato",), "to review the force structure")]),
        ("EU Foreign Ministers welcomed the agreement.", [("Welcome", ("eu",), "the agreement")]),
        ("Allied Ministers agreed to meet again.", [("Agree", ("nac",), "to meet again")]),
    ],
)
def test_the_people_of_an_actor_act_for_it(extractor, sentence, expected):
    assert found(extractor, NAC + sentence) == expected


def test_a_possessive_partner_is_not_the_actor(extractor):
    assert found(extractor, NAC + "Russia's partners agreed to meet again.") == []


@pytest.mark.parametrize(
    "header, sentence, expected",
    [
        (NAC, "The Union is ready to play its full part.", []),
        (NAC, "We welcome the decision of the European Union. The Union will support the reconstruction.",
         [("Welcome", ("nac",), "the decision of the European Union"), ("Support", ("eu",), "the reconstruction")]),
        (EUROPEAN_COUNCIL, "The Union is ready to play its full part in the European Union.",
         [("Commit", ("eu",), "to play its full part in the European Union")]),
        ("Declaration of the Council of Ministers of the Western European Union\n\n9 May 1994\n\n",
         "The Union will send observers to the region.", [("Commit", ("weu",), "send observers to the region")]),
        (NAC, "We welcome the European Union and the Western European Union. The Union will help.",
         [("Welcome", ("nac",), "the European Union and the Western European Union")]),
    ],
)
def test_the_union_is_the_one_union_the_document_names(extractor, header, sentence, expected):
    assert found(extractor, header + sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The Council welcomed the elections. It commended the efforts of the Group of Friends.",
         [("Welcome", ("nac",), "the elections"), ("Welcome", ("nac",), "the efforts of the Group of Friends")]),
        ("The Council noted the report. It further requested the Committee to examine the proposals.",
         [("Note", ("nac",), "the report"), ("Call", ("nac",), "the Committee to examine the proposals")]),
        ("NATO further decided to act.", [("Decide", ("nato",), "to act")]),
        ("We welcome further requests for membership.", [("Welcome", ("nac",), "further requests for membership")]),
    ],
)
def test_it_after_a_body_and_further_as_an_adverb(extractor, sentence, expected):
    assert found(extractor, NAC + sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Mr. President, allow me first of all to congratulate you on your election.",
         [("Welcome", ("lva",), "you on your election")]),
        ("Allow me, on behalf of my delegation, to congratulate you on your election.",
         [("Welcome", ("lva",), "you on your election")]),
        ("Allow me at the outset to thank the Secretary-General.", [("Welcome", ("lva",), "the Secretary-General")]),
        ("My delegation wishes to thank the Secretary-General.", [("Welcome", ("lva",), "the Secretary-General")]),
    ],
)
def test_words_between_a_catenative_and_its_infinitive(extractor, sentence, expected):
    assert spoken(extractor, sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("This year my country signed the Europe Agreement.", [("Sign", ("lva",), "the Europe Agreement")]),
        ("In 1994 Latvia signed the Framework Document.", [("Sign", ("lva",), "the Framework Document")]),
        ("In May 1995 we welcomed the decision.", [("Welcome", ("lva",), "the decision")]),
        ("Through close cooperation we will be able to strengthen security.", [("Commit", ("lva",), "able to strengthen security")]),
        ("In the resolution Latvia welcomed it.", []),
        ("We in the Baltic States welcome the decision.", [("Welcome", ("lva",), "the decision")]),
    ],
)
def test_a_time_phrase_or_a_nominative_pronoun_opens_the_clause(extractor, sentence, expected):
    assert spoken(extractor, sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Last year, Latvia joined the Partnership for Peace.", [("Sign", ("lva",), "the Partnership for Peace")]),
        ("Latvia wishes to join the European Union.", [("Seek", ("lva",), "to join the European Union")]),
        # joining others in an act is doing it
        ("I wish to join previous speakers in congratulating you.", [("Welcome", ("lva",), "you")]),
        ("Latvia has joined NATO and Russia in condemning the attack.", [("Condemn", ("lva",), "the attack")]),
        ("Latvia joins the consensus.", []),
    ],
)
def test_joining_an_organisation_or_a_treaty_is_accession(extractor, sentence, expected):
    assert spoken(extractor, sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("By the terms of resolution 1004 (1995), adopted unanimously, the Council demanded that the forces withdraw.",
         [("Call", ("unsc",), "that the forces withdraw")]),
        ("Adopting resolution 1004 (1995), the Council demanded the release of personnel.",
         [("Decide", ("unsc",), "resolution 1004 (1995)"), ("Call", ("unsc",), "the release of personnel")]),
        ("In this context, adopted the report.", [("Decide", ("unsc",), "the report")]),
    ],
)
def test_a_participle_after_a_noun_is_no_bare_verb(extractor, sentence, expected):
    assert found(extractor, UN_PRESS + sentence) == expected


EAPC = "Chairman's Summary of the Meeting of the Euro-Atlantic Partnership Council\nSintra, 30 May 1997\n\n"


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Foreign Ministers and Representatives of the member countries met today in Sintra. They welcomed the new Council.",
         [("Welcome", ("eapc",), "the new Council")]),
        ("The meeting also endorsed the Basic Document.", [("Support", ("eapc",), "the Basic Document")]),
    ],
)
def test_the_participants_of_a_meeting_are_its_issuer(extractor, sentence, expected):
    assert found(extractor, EAPC + sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Latvia fully associates itself with the statement made on behalf of the European Union.",
         [("Support", ("lva",), "the statement made on behalf of the European Union")]),
        ("Bulgaria and Romania align themselves with this declaration.", [("Support", ("bgr", "rou"), "this declaration")]),
        ("We look to Russia to play a constructive role.", [("Call", ("lva",), "Russia to play a constructive role")]),
        ("We look to the future with confidence.", []),
    ],
)
def test_associating_oneself_and_looking_to_an_actor(extractor, sentence, expected):
    assert spoken(extractor, sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The European Council gave its agreement to the budget package.", [("Agree", ("european-council",), "the budget package")]),
        ("We give our full support to the Special Envoy.", [("Support", ("european-council",), "the Special Envoy")]),
        ("The European Council gave a mandate to the Commission to negotiate with Norway.",
         [("Call", ("european-council",), "the Commission to negotiate with Norway")]),
        ("The Twelve welcomed the decision of Denmark.", [("Welcome", ("european-council",), "the decision of Denmark")]),
    ],
)
def test_giving_agreement_support_or_a_mandate(extractor, sentence, expected):
    assert found(extractor, EUROPEAN_COUNCIL + sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("At the same time, the United Nations has to accept that it is accountable.", []),
        ("We have to strive for peace.", [("Seek", ("lva",), "for peace")]),
        ("Namibia will share its youth with us.", []),
        ("Latvia will host the next meeting.", [("Commit", ("lva",), "host the next meeting")]),
        ("The vision about where we want to go is clear.", []),
        ("I wish here to express my anxiety about it.", []),
        ("I wish to express the support of Latvia for all initiatives on the death penalty.",
         [("Support", ("lva",), "of Latvia for all initiatives on the death penalty")]),
    ],
)
def test_obligations_forecasts_and_embedded_clauses_state_no_act(extractor, sentence, expected):
    assert spoken(extractor, sentence) == expected


@pytest.mark.parametrize(
    "sentence, negated",
    [
        ("In this connection, we cannot fail to be concerned by the reduction of resources.", False),
        ("We did not agree to the plan.", True),
        ("Latvia never failed to support the plan.", False),
    ],
)
def test_a_double_negative_is_no_negation(extractor, sentence, negated):
    extraction = extractor(read_text("12 May 1995\n\n" + sentence, name="t.txt"), issuers=("lva",))
    assert [a.negated for a in extraction.actions] == [negated]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The goals of the Decade, which I expect we shall adopt unanimously, should be addressed.", []),
        ("If we apply the terms of the Charter, we will be able to respond to these uncertainties.", []),
        ("If the United Nations is to continue to rely on volunteers, we should protect them.", []),
        ("The Conference worked along the lines we had hoped it would.", []),
        ("We will apply the terms of the Charter.", [("Commit", ("lva",), "apply the terms of the Charter")]),
    ],
)
def test_what_is_expected_or_conditional_is_no_pledge(extractor, sentence, expected):
    assert spoken(extractor, sentence) == expected


@pytest.mark.parametrize("verb", ["apply", "comply with", "rely on"])
def test_verbs_ending_in_ly_are_no_adverbs(extractor, verb):
    assert spoken(extractor, f"We will {verb} the terms of the Charter.") == [
        ("Commit", ("lva",), f"{verb} the terms of the Charter"),
    ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Council members held consultations on the matter. They agreed that the President should make a statement.",
         [("Consult", ("unsc",), "on the matter"), ("Agree", ("unsc",), "that the President should make a statement")]),
        ("The Council met again in the afternoon. It decided to adjourn.", [("Decide", ("unsc",), "to adjourn")]),
        ("The Council held an exchange of views on the crisis.", [("Consult", ("unsc",), "on the crisis")]),
    ],
)
def test_a_body_that_met_is_they_or_it_and_holding_talks_is_consulting(extractor, sentence, expected):
    assert found(extractor, UN_PRESS + sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("At this time, we have reached a stage when peoples can cooperate.", []),
        ("We have reached agreement on the budget.", [("Agree", ("lva",), "on the budget")]),
        ("We have reached a broad agreement on the budget.", [("Agree", ("lva",), "on the budget")]),
        ("Unfortunately, we continue to have a number of problems.", []),
    ],
)
def test_reaching_a_stage_and_continuing_to_have_are_no_acts(extractor, sentence, expected):
    assert spoken(extractor, sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("We act in the firm belief that, together, we will be able to adapt the United Nations.", []),
        ("We are convinced that we will succeed in this task.", []),
        ("We agreed that we will meet again.", [("Agree", ("lva",), "that we will meet again")]),
    ],
)
def test_what_a_belief_says_will_happen_is_no_pledge(extractor, sentence, expected):
    assert spoken(extractor, sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Agreed arrangements have proved inadequate in alleviating debt burdens.", []),
        ("Considering these realities, the only logical conclusion is that peace requires a solution.", []),
        ("Latvia notes with great satisfaction that the situation has improved.",
         [("Welcome", ("lva",), "that the situation has improved")]),
        ("I wish also to seize this opportunity to convey to your predecessor our appreciation.", []),
    ],
)
def test_a_speech_has_no_bare_verbs_and_great_satisfaction_is_a_welcome(extractor, sentence, expected):
    assert spoken(extractor, sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Let me once again wish much success to the Secretary-General.", []),
        ("I wish to recognize with gratitude Ambassador Razali for his leadership.",
         [("Welcome", ("lva",), "Ambassador Razali for his leadership")]),
    ],
)
def test_wishing_success_is_a_courtesy_and_recognising_with_gratitude_a_welcome(extractor, sentence, expected):
    assert spoken(extractor, sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("To that end, we must adopt and develop all available positive initiatives.", []),
        ("We must strive for peace.", [("Seek", ("lva",), "for peace")]),
        ("The General Assembly, at this session, will launch the preparations for the conference.", []),
        ("Latvia will launch the preparations for the conference.", [("Launch", ("lva",), "the preparations for the conference")]),
    ],
)
def test_acts_under_an_obligation_and_forecasts_with_will_are_not_done(extractor, sentence, expected):
    assert spoken(extractor, sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("We have taken decisions to carry forward the adaptation of the Alliance.",
         [("Decide", ("lva",), "to carry forward the adaptation of the Alliance")]),
        ("Latvia took the important decision to join the Partnership for Peace.",
         [("Decide", ("lva",), "to join the Partnership for Peace")]),
        ("Decisions taken by others are not ours.", []),
        ("We have taken a decision.", []),
    ],
)
def test_taking_a_decision_is_deciding(extractor, sentence, expected):
    assert spoken(extractor, sentence) == expected


EU_DECLARATION = "Declaration by the Presidency on behalf of the European Union on Ruritania\n\nBrussels, 12 May 1997\n\n"
PRESS_RELEASE = "UNITED NATIONS\n\nSecurity Council\n\nSC/9999\n\n12 May 1998\n\n"


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The Central and Eastern European countries associated with the European Union, the associated countries "
         "Cyprus and Malta, and the EFTA countries, members of the European Economic Area, align themselves with this declaration.",
         [("Support", ("cyp", "mlt"), "this declaration")]),
        ("Bulgaria, Hungary and Poland, and Cyprus, align themselves with this declaration.",
         [("Support", ("bgr", "hun", "pol", "cyp"), "this declaration")]),
        # no State named: no agent to read
        ("The countries associated with the European Union align themselves with this declaration.", []),
    ],
)
def test_the_states_listed_before_align_themselves_are_its_agents(extractor, sentence, expected):
    assert found(extractor, EU_DECLARATION + sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Russia supports the mission, and will participate in its work.",
         [("Support", ("rus",), "the mission"), ("Commit", ("rus",), "participate in its work")]),
        ("NATO will continue to follow developments and remains ready to consider further measures.",
         [("Commit", ("nato",), "to follow developments"), ("Commit", ("nato",), "to consider further measures")]),
        # a verb of no action type after "and" ends the object
        ("Ministers welcomed the elections and underlined the importance of the reforms.",
         [("Welcome", ("nac",), "the elections")]),
        ("NATO supports the plan and stresses that it must be carried out.", [("Support", ("nato",), "the plan")]),
        # a participle before a noun stays in the object
        ("Ministers welcomed the elections and related reforms.", [("Welcome", ("nac",), "the elections and related reforms")]),
        # inside a that-clause the verbs are the clause's
        ("Ministers agreed that Russia wanted peace and stressed the need for talks.",
         [("Agree", ("nac",), "that Russia wanted peace and stressed the need for talks")]),
    ],
)
def test_a_finite_verb_after_and_shares_the_named_subject(extractor, sentence, expected):
    assert found(extractor, NAC + sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("We have decided to launch a discussion on security, aimed at devising a concept.",
         [("Decide", ("nac",), "to launch a discussion on security, aimed at devising a concept")]),
        ("We welcomed the report, adopted by the Council, and agreed on its publication.",
         [("Welcome", ("nac",), "the report, adopted by the Council"), ("Agree", ("nac",), "on its publication")]),
        ("We welcomed the report, noted the plan and agreed on its publication.",
         [("Welcome", ("nac",), "the report"), ("Note", ("nac",), "the plan"), ("Agree", ("nac",), "on its publication")]),
    ],
)
def test_a_participle_after_a_comma_describes_the_noun(extractor, sentence, expected):
    assert found(extractor, NAC + sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Ministers declared their political will to provide a force.", [("Commit", ("nac",), "to provide a force")]),
        ("Ministers declared NATO's readiness to contribute.", [("Commit", ("nac",), "to contribute")]),
        ("The Council regrets the outcome of the referendum.", [("Condemn", ("nac",), "the outcome of the referendum")]),
        ("The Council regrets to announce a delay.", []),
        ("Ministers insisted that the parties respect the ceasefire.", [("Call", ("nac",), "that the parties respect the ceasefire")]),
        ("Ministers insisted on several occasions.", []),
        ("The Council heard an exchange of views with the President.", [("Consult", ("nac",), "with the President")]),
        ("Ukraine has joined the consensus on the decision.", [("Agree", ("ukr",), "on the decision")]),
        ("Having considered the report pursuant to that resolution, the Council agreed to act.",
         [("Consult", ("nac",), "the report pursuant to that resolution"), ("Agree", ("nac",), "to act")]),
        ("The Council considers that the talks must resume.", []),
        ("The relationship between Norway and the Union will continue within the framework of the Agreement.", []),
        ("Ministers reaffirmed the humanitarian tasks, peace-keeping tasks and tasks of combat forces.",
         [("Reaffirm", ("nac",), "the humanitarian tasks, peace-keeping tasks and tasks of combat forces")]),
    ],
)
def test_close_synonyms_and_their_other_senses(extractor, sentence, expected):
    assert found(extractor, NAC + sentence) == expected


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        (["SERGEY IVANOV (Russian Federation) said that the text did not authorize force. "
          "His country would continue to work within the Contact Group, and it supported the efforts of the OSCE."],
         [("Commit", ("rus",), "to work within the Contact Group"), ("Support", ("rus",), "the efforts of the OSCE")]),
        (["The representative of China said his country was concerned about the situation, but it did not favour sanctions."],
         [("Condemn", ("chn",), "the situation"), ("Support", ("chn",), "sanctions")]),
        (["Mr. LI (China) said his delegation supported the resolution."], [("Support", ("chn",), "the resolution")]),
        # "It" in a sentence of its own is not the speaker's State
        (["The representative of France said his Government supported the text. It welcomed the report."],
         [("Support", ("fra",), "the text")]),
        # "His country" with no speaker before it refers to nobody
        (["His country would continue to work within the Contact Group."], []),
    ],
)
def test_reported_speech_goes_on_after_the_sentence_that_names_the_speaker(extractor, paragraphs, expected):
    assert found(extractor, PRESS_RELEASE + "\n\n".join(paragraphs)) == expected


def test_a_quoted_sub_item_is_a_part_of_the_demand_before_it(extractor):
    text = PRESS_RELEASE + (
        'The text reads as follows:\n\n"The Security Council,\n\n"1. Demands that the parties take the following steps:\n\n'
        '"(a) cease all hostilities;\n\n"(b) allow the return of refugees;\n\n"2. Decides to remain seized of the matter."'
    )
    extraction = extractor(read_text(text, name="t.txt"))
    demand = next(a for a in extraction.actions if a.type == "Call")
    assert [p.object for p in demand.parts] == ["cease all hostilities", "allow the return of refugees"]
    assert [a.type for a in extraction.actions] == ["Call", "Decide"]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # courtesy frames: the act inside them is the action
        ("I join previous speakers in congratulating you on your election.", [("Welcome", ("lva",), "you on your election")]),
        ("May I also take this opportunity to express our appreciation to the Secretary-General.",
         [("Welcome", ("lva",), "to the Secretary-General")]),
        ("I wish also to seize this opportunity to pay tribute to the Secretary-General.",
         [("Welcome", ("lva",), "the Secretary-General")]),
        ("I avail myself of this opportunity to thank the Secretary-General.", [("Welcome", ("lva",), "the Secretary-General")]),
        ("First let me congratulate you on your election.", [("Welcome", ("lva",), "you on your election")]),
        ("I wish also to record my delegation's profound appreciation for his work.", [("Welcome", ("lva",), "for his work")]),
        ("Let me renew my delegation's homage to the late President.", [("Welcome", ("lva",), "to the late President")]),
        # a wish to speak is no wish of the State; a memory is no reaffirmation
        ("I want to talk to the Assembly about reform.", []),
        ("Latvia wishes to put on record its support for the plan.", []),
        ("I recall my meetings with you last year.", []),
        ("I recall the commitments made at Rio.", [("Reaffirm", ("lva",), "the commitments made at Rio")]),
    ],
)
def test_speech_courtesies_and_frames(extractor, sentence, expected):
    assert spoken(extractor, sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("It is our sincere hope that the talks will succeed.", [("Seek", ("lva",), "that the talks will succeed")]),
        ("It is our hope for the future.", []),
        ("My country shares the belief that reform is needed.", [("Agree", ("lva",), "that reform is needed")]),
        ("We have already voiced our support for the plan.", [("Support", ("lva",), "for the plan")]),
        ("We are appalled at the massacres.", [("Condemn", ("lva",), "the massacres")]),
        ("Latvia and other Baltic countries fully support the plan.", [("Support", ("lva",), "the plan")]),
        ("My country, therefore, welcomes the views of the Secretary-General.",
         [("Welcome", ("lva",), "the views of the Secretary-General")]),
        # "It" after the speaking State as subject is that State, in the next sentence only
        ("Latvia supports the plan. It intends to join the Commission.",
         [("Support", ("lva",), "the plan"), ("Commit", ("lva",), "to join the Commission")]),
        ("Latvia supports the plan. The meeting will help, and it will allow agreements.", [("Support", ("lva",), "the plan")]),
        ("Latvia supports the plan. The talks were long. It intends to join the Commission.", [("Support", ("lva",), "the plan")]),
    ],
)
def test_speech_phrases_and_subjects(extractor, sentence, expected):
    assert spoken(extractor, sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # "The Group" is the one group the document names, when the issuer is no group
        ("Ministers welcomed the work of the Contact Group. The Group will meet again in May.",
         [("Welcome", ("nac",), "the work of the Contact Group"), ("Commit", ("contact-group",), "meet again in May")]),
        ("Ministers welcomed the report. The Council will meet again in May.",
         [("Welcome", ("nac",), "the report"), ("Commit", ("nac",), "meet again in May")]),
        # a progressive after "have been"
        ("We have been examining ways to improve cooperation.", [("Consult", ("nac",), "ways to improve cooperation")]),
        # "to the Partnership" is no infinitive: the verb after "and" shares the subject
        ("We remain committed to the Partnership for Peace and welcome the work of the Commission.",
         [("Commit", ("nac",), "to the Partnership for Peace"), ("Welcome", ("nac",), "the work of the Commission")]),
        ("We agreed to develop the programme and support its aims.",
         [("Agree", ("nac",), "to develop the programme and support its aims")]),
    ],
)
def test_body_heads_progressives_and_infinitives(extractor, sentence, expected):
    assert found(extractor, NAC + sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # courtesies with a long aside, or wishing someone success, are no wishes of the State
        ("I wish, on behalf of my country, the Republic of Latvia, to congratulate you on your election.", []),
        ("I wish the Secretary-General every success.", []),
        ("I wish to place special emphasis on the early adoption of the convention.", []),
        # how the speaker goes on, and comparisons, are no acts
        ("I shall not try to disguise our doubts about this request.", []),
        ("I will now turn to the question of reform.", []),
        ("I will support the proposal.", [("Support", ("lva",), "the proposal")]),
        ("Reform will not be as successful as we could hope it to be.", []),
        ("With you today I would like to discuss these three challenges.", []),
        ("We wish to remind the international community of its role.", []),
        ("Latvia would accede to the wishes of the Council if it were decided that sanctions were justified.", []),
        ("We will discuss the matter with our partners.", [("Consult", ("lva",), "the matter with our partners")]),
        ("We would welcome a decision by the Council.", [("Welcome", ("lva",), "a decision by the Council")]),
        ("We wish to see the peace process succeed.", [("Seek", ("lva",), "to see the peace process succeed")]),
        # a passive of a pledge in a relative clause describes the noun
        ("Latvia fully supports the reforms that are being undertaken by the United Nations.",
         [("Support", ("lva",), "the reforms that are being undertaken by the United Nations")]),
        # a verb coordinated inside a relative clause is the clause's
        ("We call upon those nations that have contributed or continue to contribute to the war to end it.",
         [("Call", ("lva",), "those nations that have contributed or continue to contribute to the war to end it")]),
        ("We welcome the decision which NATO took and call on Russia to agree.",
         [("Welcome", ("lva",), "the decision which NATO took"), ("Call", ("lva",), "Russia to agree")]),
    ],
)
def test_speech_precision_from_the_samples(extractor, sentence, expected):
    assert spoken(extractor, sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # an action read from a noun phrase inside another action's object is nested in it
        ("Ministers supported the measures decided by the Security Council.",
         [("Support", ("nac",), "the measures decided by the Security Council")]),
        ("We welcome the signature of the Treaty by the United States and Russia.",
         [("Welcome", ("nac",), "the signature of the Treaty by the United States and Russia")]),
        # standing alone, it is an action
        ("The signature of the Partnership for Peace by Russia opens an opportunity.",
         [("Sign", ("rus",), "the Partnership for Peace")]),
        ("The proposals have been welcomed by Russia.", [("Welcome", ("rus",), "The proposals")]),
    ],
)
def test_an_action_inside_another_actions_object_is_nested(extractor, sentence, expected):
    assert found(extractor, NAC + sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a focus phrase between "and" and the verb
        ("Latvia welcomes the views of the Secretary-General, and in particular supports his proposals.",
         [("Welcome", ("lva",), "the views of the Secretary-General"), ("Support", ("lva",), "his proposals")]),
        ("We welcome the report and, above all, support its conclusions.",
         [("Welcome", ("lva",), "the report"), ("Support", ("lva",), "its conclusions")]),
        # names inside a phrase after "by" are no subject
        ("Mediators appointed by the United Nations and the European Union advocated peace plans.", []),
    ],
)
def test_focus_phrases_and_names_inside_phrases(extractor, sentence, expected):
    assert spoken(extractor, sentence) == expected


def test_heads_of_state_of_an_actor_coordinated_with_another(extractor):
    sentence = "The Heads of State of the Alliance and the President of Russia will sign the Act."
    assert found(extractor, NAC + sentence) == [("Sign", ("nato", "rus"), "the Act")]


def test_an_aside_between_dashes_states_nothing(extractor):
    sentence = "Those elements of the package \u2014 the greatest number, we would hope \u2014 which are agreed should be implemented."
    assert spoken(extractor, sentence) == []


def test_negation_between_a_modal_and_its_verb(extractor):
    extraction = extractor(read_text("12 May 1995\n\nWe will not waver in our support. We will continue the talks.", name="t.txt"), issuers=("lva",))
    assert [(a.type, a.object, a.negated) for a in extraction.actions] == [
        ("Commit", "waver in our support", True), ("Commit", "the talks", False),
    ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("From this rostrum we call upon all agencies and the International Committee of the Red Cross to condemn this crime.",
         [("Call", ("lva",), "all agencies and the International Committee of the Red Cross to condemn this crime")]),
        # a name before "to" is who is asked, not who acts
        ("Estonia to condemn this crime, as agreed.", []),
    ],
)
def test_a_name_before_an_infinitive_is_no_subject(extractor, sentence, expected):
    assert spoken(extractor, sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("East Timor continues to be a hot spot.", []),
        ("We will continue to be committed to peace.", [("Commit", ("lva",), "to be committed to peace")]),
        ("As far as Latvia is concerned at this moment, reform must start.", []),
        # a second "will" inside a that-clause is the clause's
        ("We hope that the work of the Tribunals will be effective and will contribute to peace.",
         [("Seek", ("lva",), "that the work of the Tribunals will be effective and will contribute to peace")]),
    ],
)
def test_states_and_that_clauses_in_speeches(extractor, sentence, expected):
    assert spoken(extractor, sentence) == expected


def test_a_verb_whose_object_is_the_list_after_its_colon(extractor):
    text = NAC + (
        "1. The Council has therefore decided:\n\n(a) to call for the withdrawal of heavy weapons;\n\n"
        "(b) to accept the request of the Secretary-General.\n\n2. The Council welcomed the report.\n"
    )
    extraction = extractor(read_text(text, name="t.txt"))
    decide, welcome = extraction.actions
    assert [p.object for p in decide.parts] == ["to call for the withdrawal of heavy weapons", "to accept the request of the Secretary-General"]
    assert decide.object.startswith("to call for the withdrawal") and decide.object.endswith("request of the Secretary-General")
    assert extraction.document.text[decide.object_start : decide.object_end] == decide.object
    assert (welcome.type, welcome.object) == ("Welcome", "the report")
    # with no list after it, "decided:" states nothing
    alone = extractor(read_text(NAC + "1. The Council has therefore decided:\n\n2. The Council welcomed the report.\n", name="t.txt"))
    assert [(a.type, a.object) for a in alone.actions] == [("Welcome", "the report")]


def test_the_numbered_items_of_decides_are_its_parts(extractor):
    text = (
        "Organization for Security and Co-operation in Europe\n\nPermanent Council\n\n12 March 1996\n\n"
        "The Permanent Council,\n\nDecides:\n\n1. To extend the mandate of the Mission until 30 June 1996;\n\n"
        "2. To request the Chairman-in-Office to report on its work.\n\n3. The Mission reported to the Council.\n"
    )
    extraction = extractor(read_text(text, name="t.txt"))
    (decide,) = extraction.actions
    assert decide.type == "Decide" and decide.agents == ("osce-permanent-council",)
    assert [p.object for p in decide.parts] == [
        "To extend the mandate of the Mission until 30 June 1996", "To request the Chairman-in-Office to report on its work",
    ]
