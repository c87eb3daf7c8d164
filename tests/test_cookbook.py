"""The cookbook: every shipped query runs, pyoxigraph and rdflib agree on its answers,
parameters resolve from ids, labels, acronyms and IRIs, and `diplograph queries` lists them."""

import re

import pytest
from click.testing import CliRunner
from rdflib import Dataset

import graph
from graph.cli import cli
from graph.cookbook import read_header, recipe, recipe_names, recipes
from graph.errors import DiplographError
from graph.ids import actor_iri, framework_iri
from graph.query import QueryText, query_text, run_query

DOC_A = """Press Release (95)12
10 May 1995

Meeting of the North Atlantic Council with Ukraine

1. NATO and Ukraine agreed to develop peacekeeping cooperation within the Partnership for Peace.

2. NATO welcomed the decision of Russia to join the Partnership for Peace and invited Russia to intensify political consultations.

3. Russia and Ukraine agreed to pursue information sharing on arms control.
"""

DOC_B = """Statement by the North Atlantic Council
3 December 1996

1. NATO and Russia agreed to expand military cooperation in the framework of the Partnership for Peace.

2. Ukraine welcomed the progress of the Partnership for Peace on civil emergency planning.

3. The Allies did not agree to discuss the proposal of Russia.
"""

LISTING = """\
actions-by-actor          Which actions did an actor take, with their type, object, frameworks, date and document?
                            --param actor=...  the actor: an id (rus), a label (Russia), an acronym (NATO) or an <IRI>
actions-by-type-and-year  How many actions of each type do the documents of each year state?
actors-in-framework       Which actors act in a framework, and in how many actions?
                            --param framework=...  the framework: an id (pfp), a label, an acronym (NACC) or an <IRI>
documents-mentioning      Which documents mention an entity?
                            --param entity=...  the actor, framework or person: an id, a label, an acronym or an <IRI>
frameworks-timeline       Which frameworks do the documents of each year mention, and in how many documents?
joint-actions             Which actions did two actors take jointly?
                            --param actor=...  one actor: an id, a label, an acronym or an <IRI>
                            --param other=...  the other actor, given the same way
topics-by-framework       Which topics of cooperation do the actions in each framework address, and how often?
"""

REQUIRED = {
    "actions-by-actor", "joint-actions", "actors-in-framework", "frameworks-timeline",
    "documents-mentioning", "topics-by-framework", "actions-by-type-and-year",
}
LIST_COLUMNS = {"frameworks", "agents"}
"""Columns made with GROUP_CONCAT: SPARQL fixes no order for their items, so tests sort them."""


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    out = tmp_path_factory.mktemp("cookbook") / "seed"
    assert graph.build([], outdir=out, page=False).ok
    return out


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    root = tmp_path_factory.mktemp("cookbook-small")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(DOC_A, encoding="utf-8")
    (corpus / "b.txt").write_text(DOC_B, encoding="utf-8")
    out = root / "out"
    result = graph.build([corpus], outdir=out, page=False)
    assert len(result.documents) == 2
    return out


# the entity each parameter is bound to, per corpus
BINDINGS = {
    "seed": {"actor": actor_iri("rus"), "other": actor_iri("nato"), "framework": framework_iri("pfp"), "entity": actor_iri("nacc")},
    "small": {"actor": actor_iri("ukr"), "other": actor_iri("nato"), "framework": framework_iri("pfp"), "entity": actor_iri("rus")},
}


def _cell(name, text):
    return " ".join(sorted(text.split())) if name in LIST_COLUMNS else text


def oxigraph_rows(out, query, params):
    solutions = run_query(out, query, params)
    names = [v.value for v in solutions.variables]
    return names, sorted(
        tuple(_cell(n, "" if s[n] is None else s[n].value) for n in names) for s in solutions
    )


def rdflib_rows(out, text, bindings):
    dataset = Dataset(default_union=True)
    dataset.parse(out / "graph.trig", format="trig")
    result = dataset.query(text, initBindings=bindings)
    names = [str(v) for v in result.vars]
    return names, sorted(tuple(_cell(n, "" if r[n] is None else str(r[n])) for n in names) for r in result)


def test_cookbook_ships_the_required_queries_with_a_question_each():
    assert REQUIRED <= set(recipe_names())
    for item in recipes():
        first = item.text.splitlines()[0]
        assert first.startswith("# Question: ") and first.endswith("?"), item.name
        for parameter in item.header.parameters:
            # pyoxigraph's substitutions bind only variables the query selects
            select = re.search(r"^SELECT (.*)$", item.text, re.MULTILINE).group(1)
            assert f"?{parameter.name} " in select + " ", (item.name, parameter.name)


@pytest.mark.parametrize("corpus", ["seed", "small"])
def test_cookbook_every_query_agrees_with_rdflib(corpus, request):
    out = request.getfixturevalue(corpus)
    for item in recipes():
        bindings = {p.name: BINDINGS[corpus][p.name] for p in item.header.parameters}
        params = {name: f"<{iri}>" for name, iri in bindings.items()}
        ox_names, ox_rows = oxigraph_rows(out, query_text(item.name), params)
        rdf_names, rdf_rows = rdflib_rows(out, item.text, bindings)
        assert ox_names == rdf_names, item.name
        assert ox_rows == rdf_rows, item.name


def test_cookbook_every_query_answers_something_on_some_corpus(seed, small):
    for item in recipes():
        answered = []
        for corpus, out in (("seed", seed), ("small", small)):
            params = {p.name: f"<{BINDINGS[corpus][p.name]}>" for p in item.header.parameters}
            answered.append(len(oxigraph_rows(out, query_text(item.name), params)[1]))
        assert max(answered) > 0, item.name


def test_cookbook_actor_named_by_id_label_alias_or_iri_gives_the_same_rows(seed):
    query = query_text("actions-by-actor")
    answers = [
        oxigraph_rows(seed, query, {"actor": value})[1]
        for value in ("rus", "Russia", "Russian Federation", "RUSSIA", f"<{actor_iri('rus')}>")
    ]
    assert len(answers[0]) == 9
    assert all(answer == answers[0] for answer in answers)


def test_cookbook_joint_actions_are_the_seeds_joint_actions(seed):
    names, rows = oxigraph_rows(seed, query_text("joint-actions"), {"actor": "NATO", "other": "Russia"})
    dataset = Dataset(default_union=True)
    dataset.parse(seed / "graph.trig", format="trig")
    expected = dataset.query(
        "PREFIX dg: <https://w3id.org/diplograph/ontology#>\n"
        "SELECT ?object WHERE { ?a dg:agent ?x, ?y ; dg:object ?object }",
        initBindings={"x": actor_iri("nato"), "y": actor_iri("rus")},
    )
    objects = sorted(str(r["object"]) for r in expected)
    assert len(objects) == 8
    assert sorted(row[names.index("object")] for row in rows) == objects
    assert {row[names.index("agents")] for row in rows} == {"nato rus"}


def test_cookbook_small_corpus_answers(small):
    names, rows = oxigraph_rows(small, query_text("joint-actions"), {"actor": "ukr", "other": "nato"})
    assert [row[names.index("object")] for row in rows] == ["to develop peacekeeping cooperation within the Partnership for Peace"]
    names, rows = oxigraph_rows(small, query_text("actions-by-actor"), {"actor": "the Allies"})
    assert ("not agree", "to discuss the proposal of Russia") in {(r[names.index("type")], r[names.index("object")]) for r in rows}
    names, rows = oxigraph_rows(small, query_text("topics-by-framework"), {})
    assert {(r[1].rsplit("/", 1)[1], r[2]) for r in rows} == {
        ("peacekeeping", "1"), ("military-cooperation", "1"), ("civil-emergency-planning", "1"),
    }
    names, rows = oxigraph_rows(small, query_text("documents-mentioning"), {"entity": "PfP"})
    assert [r[names.index("date")] for r in rows] == ["1995-05-10", "1996-12-03"]


def test_cookbook_unknown_actor_is_one_line_error_with_closest_labels(seed):
    result = CliRunner().invoke(cli, ["query", str(seed), "actions-by-actor", "--param", "actor=Rusia"])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert result.output.startswith(f"Error: {seed / 'graph.nq'}: --param actor=Rusia names no actor")
    found = re.search(r'closest: "([^"]+)", "([^"]+)", "([^"]+)";', result.output)
    assert found and found.group(1) == "Russia"


def test_cookbook_parameters_must_match_the_query(seed):
    with pytest.raises(DiplographError, match=r"needs --param actor="):
        run_query(seed, query_text("actions-by-actor"))
    with pytest.raises(DiplographError, match=r'takes no parameter "who"'):
        run_query(seed, query_text("actions-by-actor"), {"actor": "rus", "who": "nato"})
    with pytest.raises(DiplographError, match=r"has no variable \?who"):
        run_query(seed, QueryText("SELECT ?x WHERE { ?x ?p ?o }", "query"), {"who": "nato"})
    with pytest.raises(DiplographError, match=r"not a valid IRI"):
        run_query(seed, query_text("actions-by-actor"), {"actor": "<not an iri>"})


def test_cookbook_ambiguous_name_and_id_preference(tmp_path):
    data = tmp_path / "g.ttl"
    data.write_text(
        "@prefix dg: <https://w3id.org/diplograph/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
        "<https://w3id.org/diplograph/id/actor/a> a dg:Actor ; dcterms:identifier \"a\" ; rdfs:label \"Council\" .\n"
        "<https://w3id.org/diplograph/id/actor/b> a dg:Actor ; dcterms:identifier \"b\" ; rdfs:label \"Council\" .\n"
        "<https://w3id.org/diplograph/id/actor/c> a dg:Actor ; dcterms:identifier \"c\" ; rdfs:label \"A\" .\n",
        encoding="utf-8",
    )
    query = QueryText("SELECT ?x WHERE { ?x a dg:Actor }", "query")
    with pytest.raises(DiplographError, match=r"names 2 entities .*give one as <IRI>"):
        run_query(data, query, {"x": "council"})
    solutions = run_query(data, query, {"x": "A"})  # the id "a" wins over the label "A"
    assert [s["x"].value for s in solutions] == [str(actor_iri("a"))]


def test_cookbook_queries_lists_names_and_questions():
    result = CliRunner().invoke(cli, ["queries"])
    assert result.exit_code == 0
    assert result.output == LISTING


def test_cookbook_a_file_wins_over_a_shipped_name(seed, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "frameworks-timeline").write_text("ASK { ?a dg:agent ?actor }", encoding="utf-8")
    result = CliRunner().invoke(cli, ["query", str(seed), "frameworks-timeline", "--param", "actor=Russia"])
    assert result.output == "true\n"
    assert query_text("frameworks-timeline").origin == "frameworks-timeline"
    assert recipe("no-such-query") is None
    assert query_text("no-such-query").text == "no-such-query"


def test_cookbook_header_lines_must_be_well_formed():
    with pytest.raises(DiplographError, match=r"x\.rq:2: write the parameter line as"):
        read_header("# Question: What?\n# Parameter: actor the actor\nSELECT * {}", "x.rq")
    header = read_header("# Question: What?\n# Parameter: actor - the actor\nSELECT ?actor {}", "x.rq")
    assert header.question == "What?" and [p.name for p in header.parameters] == ["actor"]


def test_cookbook_bad_param_syntax_is_usage_error(seed):
    result = CliRunner().invoke(cli, ["query", str(seed), "actions-by-actor", "--param", "actor"])
    assert result.exit_code == 2


def test_cookbook_rdflib_needs_no_predeclared_prefixes():
    for item in recipes():
        for prefix in set(re.findall(r"\b([a-z]+):[A-Za-z]", item.text.split("\n", 1)[1])) - {"http", "https"}:
            assert f"PREFIX {prefix}: " in item.text, (item.name, prefix)



def test_cookbook_readme_shows_the_listing_and_a_true_example(seed):
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "$ diplograph queries\n" + LISTING + "```" in readme
    command = ["query", str(seed), "actors-in-framework", "--param", "framework=PfP"]
    output = CliRunner().invoke(cli, command).output
    assert "$ diplograph query diplograph-out actors-in-framework --param framework=PfP\n" + output + "```" in readme
