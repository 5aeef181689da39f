"""Gould–Fernandez brokerage, checked against the five role triads of the original paper.

Gould & Fernandez (1989), Figure 1, draws one triad per role: a → b → c with b the broker and
groups as below. Each triad must give its broker exactly one count of its own role.
"""

from __future__ import annotations

import networkx as nx
import pytest

from taskgraph.analysis.brokerage import ROLES, brokerage

FIGURE_1 = {
    "coordinator": ("A", "A", "A"),
    "itinerant": ("A", "B", "A"),
    "representative": ("A", "A", "B"),
    "gatekeeper": ("B", "A", "A"),
    "liaison": ("A", "B", "C"),
}


@pytest.mark.parametrize("role", ROLES)
def test_figure_1_triads(role):
    """Each triad of Figure 1 gives its broker one count of its role and nothing else."""
    G = nx.DiGraph([("a", "b"), ("b", "c")])
    ga, gb, gc = FIGURE_1[role]
    counts = brokerage(G, {"a": ga, "b": gb, "c": gc})
    assert counts["b"] == {**dict.fromkeys(ROLES, 0), role: 1, "total": 1}
    assert counts["a"]["total"] == counts["c"]["total"] == 0


def test_closed_triad_is_no_brokerage():
    """With a direct tie a → c, b brokers nothing."""
    G = nx.DiGraph([("a", "b"), ("b", "c"), ("a", "c")])
    assert brokerage(G, {"a": 1, "b": 1, "c": 1})["b"]["total"] == 0


def test_hand_worked_network():
    """A small network worked by hand: two groups, one node brokering several ways.

    Groups: x1, x2 in X; y1, y2, b in Y. Ties: x1→b, x2→b, b→y1, b→y2, y1→b, x1→y2.
    For b: (x1,y1) gatekeeper, (x2,y1) gatekeeper, (x2,y2) gatekeeper, (x1,y2) closed,
    (y1,y2) coordinator. So b: gatekeeper 3, coordinator 1. For y1: (b→y1→b) is a = c,
    not counted.
    """
    G = nx.DiGraph([("x1", "b"), ("x2", "b"), ("b", "y1"), ("b", "y2"), ("y1", "b"), ("x1", "y2")])
    groups = {"x1": "X", "x2": "X", "b": "Y", "y1": "Y", "y2": "Y"}
    counts = brokerage(G, groups)
    assert counts["b"] == {
        "coordinator": 1,
        "itinerant": 0,
        "representative": 0,
        "gatekeeper": 3,
        "liaison": 0,
        "total": 4,
    }
    assert counts["y1"]["total"] == 0


def test_undirected_refused():
    """Brokerage needs directions."""
    with pytest.raises(nx.NetworkXError):
        brokerage(nx.Graph([(1, 2)]), {})
