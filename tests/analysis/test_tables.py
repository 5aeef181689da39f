"""Measures on tiny hand-worked graphs, and the analysis tables on the Shen County plan."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from taskgraph.analysis import (
    coordination_load,
    infer_portfolios,
    joint_attribution_table,
    leader_table,
    network_summary,
    task_table,
    unit_table,
)
from taskgraph.analysis.measures import eigenvector, freeman_degree_centralization, louvain
from taskgraph.assignments import Assignments, Party, TaskRecord


def _party(name, kind="unit", leader=False):
    return Party(name, name, kind, leader)


def _task(number, **roles):
    return TaskRecord(
        f"t{number}",
        number,
        str(number),
        "",
        "p",
        "s1",
        "一、",
        None,
        None,
        {k: list(v) for k, v in roles.items()},
    )


A, B, C, D = (_party(x) for x in "ABCD")
L1, L2 = _party("L1", "person", True), _party("L2", "person", True)


@pytest.fixture(scope="module")
def shen(corpus):
    return corpus.assignments


def test_coordination_load_by_hand():
    """Task 1: A and B co-lead with C responsible; task 2: A leads alone with D responsible.

    A: (1 + 2 partners)/2 + (1 + 1)/1 = 3.5; B: 1.5; C: 0.5; D: 0.5.
    """
    a = Assignments(
        [_task(1, lead_unit=[A, B], responsible_unit=[C]), _task(2, lead_unit=[A], responsible_unit=[D])], {}
    )
    assert coordination_load(a) == {"A": 3.5, "B": 1.5, "C": 0.5, "D": 0.5}
    assert coordination_load(a, w_resp=1.0)["C"] == 1.0


def test_portfolio_inference_and_attribution():
    """Single-leader tasks give evidence; a joint task's units go to the leader whose portfolio holds them."""
    tasks = [
        _task(1, lead_leader=[L1], lead_unit=[A]),
        _task(2, lead_leader=[L1], lead_unit=[A]),
        _task(3, lead_leader=[L2], lead_unit=[A]),
        _task(4, lead_leader=[L2], lead_unit=[B]),
        _task(5, lead_leader=[L1, L2], lead_unit=[A, B, C]),
    ]
    a = Assignments(tasks, {})
    p = infer_portfolios(a)
    assert (p["A"].leader, p["A"].evidence, p["A"].confidence) == ("L1", 2, 0.6667)
    assert (p["B"].leader, p["B"].confidence) == ("L2", 1.0)
    assert "C" not in p
    table = joint_attribution_table(a)
    assert list(zip(table.unit_name, table.leader.fillna(""), table.status)) == [
        ("A", "L1", "portfolio"),
        ("B", "L2", "portfolio"),
        ("C", "", "unresolved"),
    ]


def test_constraint_and_effective_size_of_a_star():
    """Burt on a star with three leaves: centre constraint 1/3 and effective size 3; leaves 1 and 1."""
    G = nx.star_graph(3)
    nx.set_edge_attributes(G, 1, "weight")
    constraint = nx.constraint(G, weight="weight")
    size = nx.effective_size(G, weight="weight")
    assert constraint[0] == pytest.approx(1 / 3) and size[0] == pytest.approx(3)
    assert constraint[1] == pytest.approx(1) and size[1] == pytest.approx(1)


def test_centralization_eigenvector_louvain():
    """Freeman centralisation of a star is 1; eigenvector handles disconnected graphs; Louvain is seeded."""
    assert freeman_degree_centralization(nx.star_graph(5)) == 1.0
    G = nx.union(nx.complete_graph(4), nx.path_graph([10, 11]))
    c = eigenvector(G, weight=None)
    assert c[0] == pytest.approx(0.5) and c[10] == 0.0
    two = nx.union(nx.complete_graph(4), nx.complete_graph([5, 6, 7, 8]))
    two.add_edge(0, 5)
    first, q1 = louvain(two)
    second, q2 = louvain(two)
    assert first == second and q1 == q2 and len(set(first.values())) == 2


def test_units_view_counts(shen):
    """Units: 县发展改革局 leads 12 tasks, 县农业农村局 13; collectives absent by default."""
    table = unit_table(shen)
    led = dict(zip(table.unit, table.tasks_led))
    assert led["县发展改革局"] == 12 and led["县农业农村局"] == 13
    assert "collective" not in set(table.kind)
    assert len(table) == 41  # 44 names - 2 collectives - 1 group expanded into its 3 members
    for column in (
        "betweenness",
        "eigenvector",
        "pagerank",
        "constraint",
        "effective_size",
        "core",
        "community",
        "brokerage_total",
        "brokerage_liaison",
        "coordination_load",
        "overseer",
    ):
        assert column in table.columns


def test_units_collective_options(shen):
    """include puts collectives in; separate appends them with counts only; keep leaves the group whole."""
    included = unit_table(shen, collectives="include")
    assert set(included[included.kind == "collective"].unit) == {
        "县政府有关部门〔单位〕",
        "各镇人民政府〔街道办事处〕",
    }
    separate = unit_table(shen, collectives="separate")
    row = separate[separate.unit == "县政府有关部门〔单位〕"].iloc[0]
    assert row.responsible == 90 and math.isnan(row.betweenness)
    kept = unit_table(shen, groups="keep")
    assert dict(zip(kept.unit, kept.kind))["县属开发区管委会"] == "group"


def test_leaders_view(shen):
    """Leaders: 丁卫东 oversees 34 tasks, 9 of them jointly, across 3 sections."""
    table = leader_table(shen)
    row = table.iloc[0]
    assert (row.leader, row.tasks, row.joint_tasks, row.sections) == ("丁卫东", 34, 9, 3)
    assert "县政府各位县长" not in set(table.leader)
    assert "县政府各位县长" in set(leader_table(shen, collectives="include").leader)


def test_tasks_view(shen):
    """Tasks: 92 rows; 16 jointly led."""
    table = task_table(shen)
    assert len(table) == 92 and int(table.joint.sum()) == 16


def test_network_summary(shen):
    """Whole-network figures per view, with modularity for the units view."""
    table = network_summary(shen).set_index("view")
    assert table.loc["units", "nodes"] == 41
    assert table.loc["coleaders", "nodes"] == 6 and table.loc["coleaders", "edges"] == 5
    assert 0 < table.loc["units", "modularity"] < 1


def test_brokerage_on_shen(shen):
    """On lead → responsible ties the plan has no broker (responsible parties are collectives and
    zones that lead elsewhere only with collectives); on co-assignment ties the zones broker most."""
    assert unit_table(shen).brokerage_total.sum() == 0
    co = unit_table(shen, brokerage_on="coassignment").sort_values("brokerage_total", ascending=False)
    assert co.iloc[0].unit in {
        "聊城鲁西经济开发区管委会",
        "县化工产业园服务中心",
        "县省级农业高新技术产业开发区管委会",
    }


def test_componentwise_measures_equal_networkx(shen):
    """Betweenness and closeness computed per component equal NetworkX's on the whole graph."""
    from taskgraph.analysis.measures import betweenness, closeness
    from taskgraph.network import build_view

    G = build_view(shen, "units")
    for mine, theirs in (
        (betweenness(G), nx.betweenness_centrality(G)),
        (closeness(G), nx.closeness_centrality(G)),
    ):
        assert mine.keys() == theirs.keys()
        assert all(mine[v] == pytest.approx(theirs[v], abs=1e-12) for v in G)
