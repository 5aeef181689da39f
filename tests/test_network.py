"""Network views built from RDF, from any conforming graph."""

from __future__ import annotations

import pytest

from taskgraph.errors import UsageError
from taskgraph.network import VIEWS, as_store, build_view, read_assignments, to_networkx
from taskgraph.parse import parse_plan
from taskgraph.query import load_store
from taskgraph.rdf import serialize, to_rdf


def test_views_from_plan(plan):
    """Every view has the expected size on the Shen County plan."""
    a = read_assignments(as_store(plan))
    sizes = {v: (build_view(a, v).number_of_nodes(), build_view(a, v).number_of_edges()) for v in VIEWS}
    assert sizes["units"][0] == 41
    assert sizes["leaders"][0] == 41  # 6 leaders + 35 lead units
    assert sizes["coleaders"] == (6, 5)
    full = build_view(a, "full")
    kinds = {d["kind"] for _, d in full.nodes(data=True)}
    assert kinds == {"task", "section", "unit", "leader"}
    assert sum(1 for _, d in full.nodes(data=True) if d["kind"] == "task") == 92


def test_newman_weights():
    """Newman weights: three units on one task share 1/(3-1) each; shared-task weight 1."""
    G = to_networkx(parse_plan("一、目标\n1.甲。（牵头单位：A局、B局；责任单位：C局）"), view="units")
    assert {d["newman"] for *_, d in G.edges(data=True)} == {0.5}
    assert {d["weight"] for *_, d in G.edges(data=True)} == {1}


def test_dependency_direction():
    """Dependencies point from lead unit to responsible unit."""
    G = to_networkx(parse_plan("一、目标\n1.甲。（牵头单位：A局；责任单位：C局）"), view="dependencies")
    labels = {n: d["label"] for n, d in G.nodes(data=True)}
    assert [(labels[u], labels[v]) for u, v in G.edges()] == [("A局", "C局")]


def test_from_any_conforming_rdf(plan, tmp_path):
    """A Turtle file written elsewhere gives the same views as the parsed plan."""
    path = tmp_path / "g.ttl"
    path.write_text(serialize(to_rdf(plan), "ttl"), encoding="utf-8")
    store, _ = load_store([path])
    from_file = read_assignments(store)
    from_plan = read_assignments(as_store(plan))
    assert [t.number for t in from_file.tasks] == [t.number for t in from_plan.tasks]
    g1, g2 = build_view(from_file, "units"), build_view(from_plan, "units")
    assert set(g1.edges) == set(g2.edges)


def test_unknown_view():
    """An unknown view is a usage error."""
    with pytest.raises(UsageError):
        to_networkx(parse_plan("一、目标\n1.甲。（牵头单位：A局）"), view="nope")
