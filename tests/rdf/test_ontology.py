"""The ontology: well-formed, labelled in two languages, one source of truth."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from taskgraph.namespaces import TG, TG_IRI
from taskgraph.resources import package_file

ROOT = Path(__file__).resolve().parents[2]


def _ontology() -> Graph:
    return Graph().parse(package_file("ontology", "taskgraph.ttl"), format="turtle")


def test_copies_do_not_drift():
    """ontology/ at the top and the package's copy are byte-identical."""
    for name in ("taskgraph.ttl", "shapes.ttl"):
        assert (ROOT / "ontology" / name).read_bytes() == package_file("ontology", name).read_bytes(), name


def test_ontology_header():
    """The ontology has a version, a title, a description and a licence."""
    g = _ontology()
    (onto,) = list(g.subjects(RDF.type, OWL.Ontology))
    for prop in (OWL.versionInfo, DCTERMS.title, DCTERMS.description, DCTERMS.license):
        assert g.value(onto, prop) is not None, prop


def test_every_term_labelled():
    """Every class and property has Chinese and English labels and a comment."""
    g = _ontology()
    terms = [
        s for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty) for s in g.subjects(RDF.type, t)
    ]
    assert len(terms) >= 25
    for term in terms:
        langs = {label.language for label in g.objects(term, RDFS.label)}
        assert {"zh", "en"} <= langs, term
        assert g.value(term, RDFS.comment) is not None, term


def test_alignment():
    """Tasks are prov:Activity, units org:Organization, leaders foaf:Person; shortcuts are associations."""
    g = _ontology()
    assert (TG.Task, RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Activity")) in g
    assert (TG.Unit, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Organization")) in g
    assert (TG.Leader, RDFS.subClassOf, URIRef("http://xmlns.com/foaf/0.1/Person")) in g
    for prop in (TG.leadLeader, TG.leadUnit, TG.responsibleUnit, TG.cooperatingUnit):
        assert (prop, RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/prov#wasAssociatedWith")) in g


def test_role_scheme_labels():
    """The role values form a SKOS scheme labelled 牵头领导 / 牵头单位 / 责任单位 in Chinese."""
    g = _ontology()
    labels = {
        str(label) for c in g.subjects(SKOS.inScheme, TG.Roles) for label in g.objects(c, SKOS.prefLabel)
    }
    assert {"牵头领导", "牵头单位", "责任单位", "配合单位"} <= labels


def test_namespace_matches_ontology():
    """The closed TG namespace in code names exactly the terms the ontology defines."""
    g = _ontology()
    defined = {str(s)[len(TG_IRI) :] for s in g.subjects() if str(s).startswith(TG_IRI)}
    in_code = {name for name in TG.__annotations__} | set(TG._extras)
    assert in_code == defined
