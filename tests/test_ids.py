import pytest

from graph.ids import ID_PATTERN, action_iri, doc_id_from_iri, document_graph_iri, document_iri, entity_iri, slugify


@pytest.mark.parametrize(
    "text, slug",
    [("EST_50_1995", "est-50-1995"), ("dev/01-NACC Summary", "dev-01-nacc-summary"), ("Zürich déclaration", "zurich-declaration"),
     ("  --A--  ", "a"), ("M-NACC-2(94)117", "m-nacc-2-94-117")],
)
def test_ids_slugify(text, slug):
    assert slugify(text) == slug
    assert ID_PATTERN.match(slug)


@pytest.mark.parametrize("text", ["Москва", "", "!!!", "北京"])
def test_ids_slugify_never_empty_and_stable(text):
    slug = slugify(text)
    assert ID_PATTERN.match(slug) and slug == slugify(text)


@pytest.mark.parametrize(
    "entity_id, classes, iri",
    [("rus", ("State",), "https://w3id.org/diplograph/id/actor/rus"),
     ("nacc", ("Organisation", "Framework"), "https://w3id.org/diplograph/id/actor/nacc"),
     ("pfp", ("Framework",), "https://w3id.org/diplograph/id/framework/pfp"),
     ("person-javier-solana", ("Person",), "https://w3id.org/diplograph/id/person/person-javier-solana")],
)
def test_ids_entity_iri(entity_id, classes, iri):
    assert str(entity_iri(entity_id, classes)) == iri


def test_ids_document_and_action_iris():
    assert str(document_iri("seed")) == "https://w3id.org/diplograph/id/document/seed"
    assert str(action_iri("seed", 3)) == "https://w3id.org/diplograph/id/action/seed/3"
    assert doc_id_from_iri(str(document_graph_iri("seed"))) == "seed"
    assert doc_id_from_iri("https://w3id.org/diplograph/id/graph/shared") is None
