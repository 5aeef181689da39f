"""Network views, and the one data model behind them: records from plans equal records from RDF."""

from __future__ import annotations

import pytest

from taskgraph.assignments import from_plans, from_store
from taskgraph.corpus import Corpus
from taskgraph.errors import UsageError
from taskgraph.network import VIEWS, build_view, to_networkx
from taskgraph.parse import parse_plan, read_plan
from taskgraph.rdf import read_rdf
from taskgraph.store import LocalStore


def test_views_from_plan(corpus):
    """Every view has the expected size on the Shen County plan."""
    a = corpus.assignments
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


@pytest.mark.parametrize("fmt", ["ttl", "trig", "nq", "nt", "jsonld", "xml"])
def test_records_from_rdf_equal_records_from_plans(plan, tmp_path, fmt):
    """The plan written as RDF (any syntax) and read back gives records equal to the plan's own."""
    path = tmp_path / f"g.{'rdf' if fmt == 'xml' else fmt}"
    Corpus([plan]).write_rdf(path)
    store = LocalStore()
    read_rdf(path, store)
    from_file = from_store(store)
    direct = from_plans([plan])
    if fmt in (
        "ttl",
        "nt",
        "xml",
    ):  # a file of triples is one graph named after the file: compare the content
        assert [(t.index, t.number, t.text, t.parties) for t in from_file.tasks] == [
            (t.index, t.number, t.text, t.parties) for t in direct.tasks
        ]
    else:
        assert from_file == direct


def test_both_paths_agree_on_every_fixture(plan_path):
    """Records straight from thirty-odd parsed plans equal those read back from their quads."""
    from pathlib import Path

    paths = [plan_path, *sorted((Path(__file__).parent / "fixtures" / "plans" / "wellformed").glob("*.txt"))]
    plans = [read_plan(p) for p in paths]
    corpus = Corpus(plans)
    store = LocalStore()
    for p in plans:
        store.extend(corpus.plan_quads(p))
    assert from_store(store) == corpus.assignments


def test_unknown_view():
    """An unknown view is a usage error."""
    with pytest.raises(UsageError):
        to_networkx(parse_plan("一、目标\n1.甲。（牵头单位：A局）"), view="nope")
