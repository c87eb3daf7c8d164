import pytest
from rdflib import OWL, RDF, RDFS, URIRef

from graph.namespaces import DG
from graph.ontology import action_type_triples, action_types, ontology_graph, shapes_graph

EXPECTED_TYPES = {
    "Agree": "050", "Decide": None, "Welcome": "051", "Seek": "030", "Sign": "057", "Launch": None,
    "Invite": None, "Support": "051", "Reaffirm": None, "Note": None, "Commit": "030", "Call": "020",
    "Consult": "040", "Condemn": "111",
}


def test_ontology_action_types_are_the_closed_table():
    table = action_types()
    assert {name: t.cameo for name, t in table.items()} == EXPECTED_TYPES


@pytest.mark.parametrize(
    "name, verb",
    [("Agree", "share the view"), ("Welcome", "note with satisfaction"), ("Commit", "remain committed to"),
     ("Call", "call upon"), ("Condemn", "express concern"), ("Seek", "look forward to"), ("Launch", "set up")],
)
def test_ontology_action_type_verbs(name, verb):
    assert verb in action_types()[name].verbs


@pytest.mark.parametrize(
    "sub, sup",
    [(DG.State, DG.Actor), (DG.Organisation, DG.Actor), (DG.Actor, URIRef("http://www.w3.org/ns/prov#Agent")),
     (DG.AgreedAction, URIRef("http://www.w3.org/ns/prov#Activity")),
     (DG.ActionType, URIRef("http://www.w3.org/2004/02/skos/core#Concept"))],
)
def test_ontology_class_hierarchy(sub, sup):
    assert (sub, RDFS.subClassOf, sup) in ontology_graph()


def test_ontology_has_no_imports_and_actor_framework_not_disjoint():
    g = ontology_graph()
    assert not list(g.objects(None, OWL.imports))
    assert (DG.Actor, OWL.disjointWith, DG.Framework) not in g
    assert (DG.Framework, OWL.disjointWith, DG.Actor) not in g
    assert (DG.Person, OWL.disjointWith, DG.Actor) in g


def test_ontology_shapes_parse_and_target_the_main_classes():
    targets = set(shapes_graph().objects(None, URIRef("http://www.w3.org/ns/shacl#targetClass")))
    assert {DG.Document, DG.AgreedAction, DG.Actor, DG.Framework, DG.Person, DG.ActionType} <= targets


def test_ontology_action_type_triples_describe_every_type():
    subjects = {s for s, _, _ in action_type_triples()}
    assert subjects == {DG.ActionTypes, DG.Topics} | {t.iri for t in action_types().values()}
    assert all((t.iri, RDF.type, DG.ActionType) in ontology_graph() for t in action_types().values())
