"""The glossary explains every column the analysis tables show, and why a column can be all zero."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from taskgraph.analysis.brokerage import ROLES, brokerage_role
from taskgraph.analysis.frames import LEADER_COLUMNS, UNIT_COLUMNS, network_summary
from taskgraph.analysis.glossary import GLOSSARY, TABLES, Measure, all_zero_reason, explain
from taskgraph.assignments import Assignments, Party, TaskRecord
from taskgraph.errors import UsageError

FIELDS = ("name", "label_en", "label_zh", "definition", "formula", "reference", "read", "zero_when")


def _task(n: int, **parties: list[Party]) -> TaskRecord:
    return TaskRecord(
        iri=f"t{n}",
        index=n,
        number=str(n),
        text="",
        plan="p",
        section="s",
        section_title="一、",
        subsection=None,
        subsection_title=None,
        parties=dict(parties),
    )


def _tiny() -> Assignments:
    """Two tasks of one plan: a leader, two lead units, a responsible unit."""
    L, A, B, C = Party("L", "张三", "person", True), *(Party(x, x, "unit", False) for x in "ABC")
    return Assignments(
        [_task(1, lead_leader=[L], lead_unit=[A, B]), _task(2, lead_unit=[B], responsible_unit=[C])], {}
    )


def _network_columns() -> list[str]:
    return list(network_summary(_tiny()).columns)


@pytest.mark.parametrize(
    ("table", "columns"),
    [("units", UNIT_COLUMNS), ("leaders", LEADER_COLUMNS), ("network", _network_columns())],
)
def test_every_column_has_an_entry(table, columns):
    """Each column of the units, leaders and network tables is in the glossary, listed under that table."""
    missing = [c for c in columns if c not in GLOSSARY]
    assert not missing
    assert all(table in GLOSSARY[c].tables for c in columns)


def test_entries_are_complete():
    """Every entry has every field filled, its own name as key, a reference, and known tables."""
    for name, measure in GLOSSARY.items():
        assert isinstance(measure, Measure) and measure.name == name
        for field in FIELDS:
            assert getattr(measure, field).strip(), (name, field)
        assert set(measure.tables) <= set(TABLES) and measure.tables


def test_references_name_the_literature():
    """The measures cite their source: Freeman, Brandes, Bonacich, Page, Burt, Gould–Fernandez, Newman …"""
    expected = {
        "betweenness": ("Freeman", "Brandes"),
        "closeness": ("Freeman",),
        "eigenvector": ("Bonacich",),
        "pagerank": ("Page",),
        "constraint": ("Burt",),
        "effective_size": ("Burt",),
        "newman_strength": ("Newman",),
        "community": ("Blondel",),
        "core": ("Seidman",),
        "brokerage_liaison": ("Gould", "Fernandez"),
        "coordination_load": ("taskgraph",),
        "degree_centralization": ("Freeman",),
        "modularity": ("Newman",),
    }
    for name, authors in expected.items():
        assert all(a in GLOSSARY[name].reference for a in authors), name


@pytest.mark.parametrize("role", ROLES)
def test_role_patterns_agree_with_the_counting(role):
    """Each role's group pattern in the glossary is the one brokerage_role classifies as that role."""
    patterns = {
        "coordinator": ("A(a) = A(b) = A(c)", (1, 1, 1)),
        "itinerant": ("A(a) = A(c) ≠ A(b)", (1, 2, 1)),
        "representative": ("A(a) = A(b) ≠ A(c)", (1, 1, 2)),
        "gatekeeper": ("A(b) = A(c) ≠ A(a)", (2, 1, 1)),
        "liaison": ("A(a), A(b), A(c) all different", (1, 2, 3)),
    }
    pattern, groups = patterns[role]
    entry = explain(f"brokerage_{role}")
    assert pattern in entry.formula and pattern in entry.definition
    assert brokerage_role(*groups) == role


def test_unknown_name_is_a_usage_error():
    """explain and all_zero_reason refuse a name that is not a column."""
    with pytest.raises(UsageError):
        explain("fame")
    with pytest.raises(UsageError):
        all_zero_reason("fame", [0])


def test_all_zero_reason_only_when_all_zero():
    """A reason for an all-zero column; None when any value is not zero or nothing is there; NaN skipped."""
    assert all_zero_reason("betweenness", [0.0, 0.0]).startswith("Every value of betweenness")
    assert all_zero_reason("betweenness", {"a": 0, "b": math.nan}) is not None
    assert all_zero_reason("betweenness", [0.0, 0.1]) is None
    assert all_zero_reason("betweenness", []) is None
    assert all_zero_reason("overseer", [None, None]) is None
    assert all_zero_reason("unit", ["县财政局"]) is None


def test_all_zero_reason_reads_the_network():
    """Given the network, the reason says what in it makes the column zero."""
    leads_only = nx.DiGraph([("县财政局", "县统计局"), ("县商务局", "县统计局")])
    assert "none does both" in all_zero_reason("brokerage_total", [0, 0, 0], leads_only)
    closed = nx.DiGraph([("a", "b"), ("b", "c"), ("a", "c")])
    assert "closed by a direct tie" in all_zero_reason("brokerage_liaison", [0, 0, 0], closed)
    teams = nx.union(nx.complete_graph(4), nx.complete_graph(["x", "y", "z"]))
    assert "all 2 components are cliques" in all_zero_reason("betweenness", [0] * 7, teams)
    assert "no tie" in all_zero_reason("degree", [0, 0], nx.empty_graph(2))
