"""SHACL validation: the Shen County graph conforms; broken graphs say what is wrong."""

from __future__ import annotations

from rdflib import URIRef

from taskgraph.namespaces import TG
from taskgraph.parse import parse_plan
from taskgraph.rdf import to_rdf
from taskgraph.shacl import validate


def test_shenxian_conforms(plan):
    """The Shen County graph conforms to the shapes, with no violation and no warning."""
    report = validate(plan)
    assert report.conforms and report.violations == ()


def test_task_without_lead_unit_is_a_warning(plan):
    """A task that names no lead unit is what many plans do: a warning naming the task, not a violation."""
    ds = to_rdf(plan)
    for s, p, o, g in list(ds.quads((None, TG.leadUnit, None, None))):
        if str(s).endswith("/task/30"):
            ds.remove((s, p, o, g))
    report = validate(ds)
    assert report.conforms and report.errors == ()
    (warning,) = report.warnings
    assert warning.what == "task 30" and warning.severity == "Warning"
    assert "lead unit" in str(warning) and str(warning).startswith("task 30 <")


def test_responsible_only_plan_validates():
    """A plan that names only responsible units (Tongchuan style) validates with warnings."""
    report = validate(parse_plan("一、目标\n1.甲。（市财政局负责）\n2.乙。（责任单位：市商务局）"))
    assert report.conforms and [w.what for w in report.warnings if "lead unit" in w.message] == ["task 2"]


def test_association_without_agent(plan):
    """An association that names no agent is a violation."""
    ds = to_rdf(parse_plan("一、目标\n1.甲。（牵头单位：县财政局）"))
    for s, p, o, g in list(ds.quads((None, URIRef("http://www.w3.org/ns/prov#agent"), None, None))):
        ds.remove((s, p, o, g))
    report = validate(ds)
    assert not report.conforms
    assert any("exactly one agent" in v.message for v in report.violations)
