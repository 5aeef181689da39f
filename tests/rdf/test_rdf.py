"""The knowledge graph: counts any SPARQL user can check, formats, IRIs, literals."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from taskgraph.corpus import Corpus
from taskgraph.namespaces import ORG, RDF, SKOS, TG
from taskgraph.parse import parse_plan
from taskgraph.rdf import to_rdf, write_rdf


def read_back(path, fmt):
    """The file parsed by rdflib (an independent reader)."""
    ds = Dataset()
    parser = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig", "nq": "nquads", "xml": "xml"}[
        fmt
    ]
    if fmt in ("trig", "nq", "jsonld"):
        ds.parse(path, format=parser)
    else:
        ds.graph(URIRef("urn:x-file")).parse(path, format=parser)
    return ds


PROV_SKOS = """
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


@pytest.fixture(scope="module")
def ds(plan):
    return to_rdf(plan)


def _union(ds: Dataset) -> Graph:
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def _one(g: Graph, query: str):
    return next(iter(g.query(PROV_SKOS + query)))[0].toPython()


def test_prov_skos_only_counts(ds):
    """Without any tg: term, SPARQL finds 92 tasks, 111 lead-unit associations, 35 lead units."""
    g = _union(ds)
    assert _one(g, "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t a prov:Activity }") == 92
    lead = '?a prov:hadRole ?r . ?r skos:prefLabel "牵头单位"@zh .'
    assert (
        _one(g, f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?t prov:qualifiedAssociation ?a . {lead} }}")
        == 111
    )
    assert _one(g, f"SELECT (COUNT(DISTINCT ?u) AS ?n) WHERE {{ ?a prov:agent ?u . {lead} }}") == 35
    for unit, expected in (("县发展改革局", 12), ("县农业农村局", 13)):
        q = (
            "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t prov:qualifiedAssociation ?a . ?a prov:agent ?u . "
            f'{lead} ?u skos:prefLabel "{unit}"@zh }}'
        )
        assert _one(g, q) == expected, unit


def test_second_nameplate_resolved(ds):
    """县乡村振兴局 (task 79) is the altLabel of 县农业农村局, and its written form is kept."""
    g = _union(ds)
    unit = next(g.subjects(SKOS.prefLabel, Literal("县农业农村局", lang="zh")))
    assert Literal("县乡村振兴局", lang="zh") in set(g.objects(unit, SKOS.altLabel))
    assert Literal("县乡村振兴局", lang="zh") in set(g.objects(None, TG.asWritten))


def test_types_and_groups(ds):
    """Collectives and the group are typed; group members are org:hasMember."""
    g = _union(ds)
    assert len(set(g.subjects(RDF.type, TG.CollectiveUnit))) == 2
    assert len(set(g.subjects(RDF.type, TG.CollectiveLeader))) == 1
    assert len(set(g.subjects(RDF.type, TG.Leader))) == 6
    (group,) = set(g.subjects(RDF.type, TG.UnitGroup))
    assert len(set(g.objects(group, ORG.hasMember))) == 3


def test_plan_metadata(ds):
    """Title, issuer, date and the cc list sit on the plan node."""
    g = _union(ds)
    (plan,) = set(g.subjects(RDF.type, TG.Plan))
    assert len(set(g.objects(plan, TG.copiedTo))) == 7
    assert str(g.value(plan, URIRef("http://purl.org/dc/terms/issued"))) == "2024-01-20"


def test_literals_tagged_zh(ds):
    """Every Chinese literal carries @zh."""
    for _, _, o, _ in ds.quads((None, None, None, None)):
        if isinstance(o, Literal) and any("\u4e00" <= ch <= "\u9fff" for ch in str(o)):
            if o.datatype is None:
                assert o.language == "zh", o


def test_deterministic(plan, tmp_path):
    """Two builds give the same Turtle bytes."""
    write_rdf(plan, tmp_path / "a.ttl")
    write_rdf(plan, tmp_path / "b.ttl")
    assert (tmp_path / "a.ttl").read_bytes() == (tmp_path / "b.ttl").read_bytes()


def test_same_unit_one_iri_across_plans(plan, plan_text):
    """The same bureau in two plans of one county is one node; each plan has its own graph."""
    other = parse_plan(
        plan_text.replace("2024 年县政府工作报告", "2025 年县政府工作报告").replace(
            "地区生产总值增长 6%", "地区生产总值增长 7%"
        )
    )
    ds = to_rdf([plan, other])
    assert len([g for g in ds.graphs() if g.identifier != ds.default_graph.identifier and len(g)]) == 2
    g = _union(ds)
    assert len(set(g.subjects(SKOS.prefLabel, Literal("县财政局", lang="zh")))) == 1
    assert len(set(g.subjects(RDF.type, TG.Task))) == 184


def test_same_document_twice_is_loaded_once(plan_path, tmp_path):
    """The same document given twice (another name, another encoding) is one plan, with a warning."""
    copy = tmp_path / "copy.txt"
    copy.write_bytes(plan_path.read_text(encoding="utf-8").encode("gb18030"))
    corpus = Corpus.read([plan_path, copy])
    assert len(corpus.plans) == 1 and len(corpus.assignments.tasks) == 92
    assert [w.code for _, w in corpus.warnings] == ["duplicate-document"]


def test_base_configurable(plan):
    """--base changes every minted IRI."""
    ds = to_rdf(plan, base="http://example.org/x/")
    subjects = {str(s) for s, _, _, _ in ds.quads((None, RDF.type, TG.Task, None))}
    assert all(s.startswith("http://example.org/x/plan/莘县/") for s in subjects)


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld", "trig", "nq", "xml"])
def test_formats_hold_same_triples(ds, plan, tmp_path, fmt):
    """Each format reads back to the same triples (compared as graphs, not text)."""
    path = tmp_path / f"plan.{ {'jsonld': 'jsonld', 'xml': 'rdf'}.get(fmt, fmt) }"
    write_rdf(Corpus([plan]), path, fmt)
    back = read_back(path, fmt)
    assert isomorphic(_union(back), _union(ds))


def test_trig_named_graph_per_plan(plan, plan_text, tmp_path):
    """TriG output keeps one named graph per plan."""
    other = parse_plan(
        plan_text.replace("2024 年县政府工作报告", "2025 年县政府工作报告").replace(
            "地区生产总值增长 6%", "地区生产总值增长 7%"
        )
    )
    path = tmp_path / "two.trig"
    write_rdf([plan, other], path)
    back = read_back(path, "trig")
    names = {g.identifier for g in back.graphs() if len(g) and g.identifier != back.default_graph.identifier}
    assert len(names) == 2 and all("/plan/莘县/" in str(n) for n in names)
    assert len(back.default_graph) < 300  # only the shared vocabulary: roles and functions of units


@pytest.mark.parametrize("fmt", ["nq", "nt"])
def test_lines_are_oxigraphs_serialisation(plan, plan_text, tmp_path, fmt):
    """N-Quads and N-Triples, written line by line from each term's text, are byte for byte what
    Oxigraph's own writer makes of the same quads; N-Triples keeps a triple two plans share once."""
    from taskgraph.rdf import write_quads

    other = parse_plan(plan_text.replace("2024 年县政府工作报告", "2025 年县政府工作报告"))
    corpus = Corpus([plan, other])
    lines, serialised = tmp_path / f"lines.{fmt}", tmp_path / f"serialised.{fmt}"
    _, count = corpus.write_rdf(lines)
    _, expected = write_quads(corpus.quads(), serialised)
    assert lines.read_bytes() == serialised.read_bytes()
    assert count == expected == len(lines.read_bytes().splitlines())
    quads = sum(1 for _ in corpus.quads())
    assert (count < quads) if fmt == "nt" else (count == quads)
