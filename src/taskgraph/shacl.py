"""SHACL validation of plan graphs against ontology/shapes.ttl, with readable violations."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from rdflib import Dataset, Graph, URIRef

from taskgraph.namespaces import DCTERMS, RDF, SH, TG
from taskgraph.resources import package_file


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node, what it is (e.g. 'task 30'), the path and the message."""

    focus: str
    what: str
    path: str
    message: str
    severity: str

    def __str__(self) -> str:
        return f"{self.what} <{self.focus}>: {self.message}"


@dataclass(frozen=True)
class ValidationReport:
    """Whether the graphs conform (warnings allowed), and every result found."""

    conforms: bool
    violations: tuple[Violation, ...]
    text: str

    @property
    def errors(self) -> tuple[Violation, ...]:
        """Results of severity Violation: the graph is not valid."""
        return tuple(v for v in self.violations if v.severity == "Violation")

    @property
    def warnings(self) -> tuple[Violation, ...]:
        """Results of severity Warning or Info: what the genre allows but a reader should know
        (a task that names no lead unit)."""
        return tuple(v for v in self.violations if v.severity != "Violation")


def _describe(data: Graph, focus: URIRef) -> str:
    if (focus, RDF.type, TG.Task) in data:
        return f"task {data.value(focus, DCTERMS.identifier) or '?'}"
    for cls in (TG.Plan, TG.Section, TG.Unit, TG.Leader, TG.UnitGroup):
        if (focus, RDF.type, cls) in data:
            return cls.split("#")[-1].lower()
    return "node"


def validate(source: Any) -> ValidationReport:
    """Check each plan's graph against the shapes: a Plan, plans, a Corpus, or pyoxigraph quads.

    Each named graph (a plan) is checked on its own, so that a unit two plans share — one IRI,
    a label in each plan — is never read as having two names.

    Examples
    --------
    >>> from taskgraph.parse import parse_plan
    >>> report = validate(parse_plan("某县2024年重点工作任务分工方案\\n一、目标\\n1.甲。（牵头单位：县财政局）"))
    >>> report.conforms, report.warnings
    (True, ())
    """
    from taskgraph.corpus import Corpus
    from taskgraph.model import Plan

    if isinstance(source, Plan) or (
        isinstance(source, (list, tuple)) and source and isinstance(source[0], Plan)
    ):
        source = Corpus(source if isinstance(source, (list, tuple)) else [source])
    if isinstance(source, Corpus):
        return source.validate()
    if isinstance(source, (Graph, Dataset)):
        return _validate_graph(_union(source))
    return validate_quads(source)


def validate_quads(quads: Iterable[Any]) -> ValidationReport:
    """Validate pyoxigraph quads, one named graph at a time (the default graph is shared vocabulary)."""
    import pyoxigraph as ox

    graphs: dict[str, list[Any]] = {}
    for q in quads:
        if isinstance(q.graph_name, ox.DefaultGraph):
            continue
        graphs.setdefault(q.graph_name.value, []).append(q.triple)
    conforms, texts = True, []
    violations: list[Violation] = []
    for name in sorted(graphs):
        report = _validate_graph(_rdflib_graph(graphs[name]))
        conforms = conforms and report.conforms
        violations.extend(report.violations)
        texts.append(report.text)
    return ValidationReport(conforms, tuple(violations), "\n".join(texts))


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _rdflib_graph(triples: Iterable[Any]) -> Graph:
    """An rdflib graph of pyoxigraph triples, each term converted as the N-Triples parser reads it
    (three times faster than writing N-Triples and parsing them)."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal

    terms: dict[Any, Any] = {}

    def convert(term: Any) -> Any:
        found = terms.get(term)
        if found is None:
            if isinstance(term, ox.NamedNode):
                found = URIRef(term.value)
            elif isinstance(term, ox.BlankNode):
                found = BNode(term.value)
            elif term.language:
                found = Literal(term.value, lang=term.language)
            else:
                datatype = term.datatype.value
                found = Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))
            terms[term] = found
        return found

    g = Graph()
    for t in triples:
        g.add((convert(t.subject), convert(t.predicate), convert(t.object)))
    return g


def _union(ds: Dataset | Graph) -> Graph:
    if not isinstance(ds, Dataset):
        return ds
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


@cache
def _shapes() -> tuple[Graph, Graph]:
    shapes = Graph().parse(package_file("ontology", "shapes.ttl"), format="turtle")
    ontology = Graph().parse(package_file("ontology", "taskgraph.ttl"), format="turtle")
    return shapes, ontology


def _validate_graph(data: Graph) -> ValidationReport:
    import pyshacl

    from taskgraph.rdfinput import no_network

    shapes, ontology = _shapes()
    with no_network():  # pyshacl reads nothing from the network: no owl:imports, no contexts
        conforms, results, text = pyshacl.validate(
            data,
            shacl_graph=shapes,
            ont_graph=ontology,
            inference="none",
            allow_warnings=True,
            do_owl_imports=False,
        )
    violations = []
    for result in results.subjects(SH.resultSeverity, None):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        violations.append(
            Violation(
                focus=str(focus),
                what=_describe(data, focus) if isinstance(focus, URIRef) else "node",
                path=str(path) if path is not None else "",
                message=str(results.value(result, SH.resultMessage) or ""),
                severity=str(results.value(result, SH.resultSeverity)).split("#")[-1],
            )
        )
    violations.sort(key=lambda v: (v.what, v.focus, v.message))
    return ValidationReport(bool(conforms), tuple(violations), str(text))
