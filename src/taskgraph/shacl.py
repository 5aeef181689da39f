"""SHACL validation of plan graphs against ontology/shapes.ttl, with readable violations."""

from __future__ import annotations

from dataclasses import dataclass

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
    conforms: bool
    violations: tuple[Violation, ...]
    text: str


def union_graph(ds: Dataset | Graph) -> Graph:
    """All triples of a dataset's graphs in one graph."""
    if not isinstance(ds, Dataset):
        return ds
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def _describe(data: Graph, focus: URIRef) -> str:
    if (focus, RDF.type, TG.Task) in data:
        return f"task {data.value(focus, DCTERMS.identifier) or '?'}"
    for cls in (TG.Plan, TG.Section, TG.Unit, TG.Leader, TG.UnitGroup):
        if (focus, RDF.type, cls) in data:
            return cls.split("#")[-1].lower()
    return "node"


def validate(ds: Dataset | Graph) -> ValidationReport:
    """Check a plan graph against the shapes.

    Examples
    --------
    >>> from taskgraph.parse import parse_plan
    >>> from taskgraph.rdf import to_rdf
    >>> validate(to_rdf(parse_plan("一、目标\\n1.甲。（牵头单位：县财政局）"))).conforms
    True
    """
    import pyshacl

    data = union_graph(ds)
    shapes = Graph().parse(package_file("ontology", "shapes.ttl"), format="turtle")
    ontology = Graph().parse(package_file("ontology", "taskgraph.ttl"), format="turtle")
    conforms, results, text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", allow_warnings=True
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
