"""SHACL validation: the Shen County graph conforms; broken graphs say what is wrong."""

from __future__ import annotations

from rdflib import URIRef

from taskgraph.namespaces import TG
from taskgraph.parse import parse_plan
from taskgraph.rdf import to_rdf
from taskgraph.shacl import validate


def test_shenxian_conforms(plan):
    """The Shen County graph conforms to the shapes, with no violation."""
    report = validate(to_rdf(plan))
    assert report.conforms and report.violations == ()


def test_task_without_lead_unit(plan):
    """Removing task 30's lead units makes the graph fail, and the message names task 30."""
    ds = to_rdf(plan)
    for s, p, o, g in list(ds.quads((None, TG.leadUnit, None, None))):
        if str(s).endswith("/task/30"):
            ds.remove((s, p, o, g))
    report = validate(ds)
    assert not report.conforms
    (violation,) = report.violations
    assert violation.what == "task 30"
    assert "lead unit" in str(violation) and str(violation).startswith("task 30 <")


def test_association_without_agent(plan):
    """An association that names no agent is a violation."""
    ds = to_rdf(parse_plan("一、目标\n1.甲。（牵头单位：县财政局）"))
    for s, p, o, g in list(ds.quads((None, URIRef("http://www.w3.org/ns/prov#agent"), None, None))):
        ds.remove((s, p, o, g))
    report = validate(ds)
    assert not report.conforms
    assert any("exactly one agent" in v.message for v in report.violations)
