import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, URIRef

from graph.namespaces import DG, ID_BASE, ONTOLOGY_VERSION
from graph.ontology import ontology_graph

ROOT = Path(__file__).resolve().parents[1]


def test_namespaces_generated_module_is_up_to_date():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_namespaces.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_namespaces_are_closed():
    with pytest.raises(AttributeError):
        DG.Agreee  # noqa: B018 - a typo must fail


def test_namespaces_cover_every_ontology_term():
    g = ontology_graph()
    defined = {str(s) for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(str(DG._NS))}
    assert defined == {str(DG._NS[name]) for name in DG.__annotations__}


def test_namespaces_version_and_base_come_from_the_ontology():
    import graph

    g = ontology_graph()
    ontology = URIRef("https://w3id.org/diplograph/ontology")
    assert str(g.value(ontology, OWL.versionInfo)) == ONTOLOGY_VERSION == graph.__version__
    assert ID_BASE == "https://w3id.org/diplograph/id/"


@pytest.mark.parametrize("term", sorted(DG.__annotations__))
def test_namespaces_every_term_has_label_and_comment(term):
    g = ontology_graph()
    iri = DG._NS[term]
    assert g.value(iri, RDFS.label) is not None, f"dg:{term} has no rdfs:label"
    assert g.value(iri, RDFS.comment) is not None, f"dg:{term} has no rdfs:comment"
    assert (iri, RDF.type, None) in g
