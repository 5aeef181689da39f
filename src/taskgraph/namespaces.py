"""RDF namespaces. ``TG`` is a closed :class:`~rdflib.namespace.DefinedNamespace`: a term that is
not in ontology/taskgraph.ttl raises, and a test checks the two agree."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

TG_IRI = "https://w3id.org/taskgraph/ontology#"
DEFAULT_BASE = "https://w3id.org/taskgraph/id/"
SH = Namespace("http://www.w3.org/ns/shacl#")


class TG(DefinedNamespace):
    """The taskgraph ontology (ontology/taskgraph.ttl)."""

    _NS = Namespace(TG_IRI)
    _fail = True
    _extras = ["from", "to"]  # noqa: RUF012 - of a Renaming; Python keywords, so TG["from"], TG["to"]

    # classes
    Plan: URIRef
    Section: URIRef
    Task: URIRef
    Unit: URIRef
    CollectiveUnit: URIRef
    UnitGroup: URIRef
    Leader: URIRef
    CollectiveLeader: URIRef
    Role: URIRef
    # role vocabulary (tg:from and tg:to, of a Renaming, are Python keywords: TG["from"], TG["to"])
    Roles: URIRef
    LeadLeader: URIRef
    LeadUnit: URIRef
    ResponsibleUnit: URIRef
    CooperatingUnit: URIRef
    # properties
    leadLeader: URIRef
    leadUnit: URIRef
    responsibleUnit: URIRef
    cooperatingUnit: URIRef
    asWritten: URIRef
    position: URIRef
    number: URIRef
    sourceLine: URIRef
    inSection: URIRef
    inSubsection: URIRef
    inPlan: URIRef
    jurisdiction: URIRef
    copiedTo: URIRef
    publicationNote: URIRef
    issuedByOffice: URIRef
    printed: URIRef
    # a corpus of plans
    index: URIRef
    year: URIRef
    level: URIRef
    digest: URIRef
    deadline: URIRef
    function: URIRef
    Renaming: URIRef
    since: URIRef


PREFIXES = {
    "tg": TG_IRI,
    "org": str(ORG),
    "prov": str(PROV),
    "foaf": str(FOAF),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
}

__all__ = [
    "DCTERMS",
    "DEFAULT_BASE",
    "FOAF",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SH",
    "SKOS",
    "TG",
    "XSD",
]
