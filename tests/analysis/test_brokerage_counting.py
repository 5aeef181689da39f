"""Gould–Fernandez brokerage counted fast equals brokerage counted by definition, hubs included."""

from __future__ import annotations

import random
import sys
import time

import networkx as nx
import pytest

import taskgraph.analysis.brokerage  # noqa: F401  (the module, not the function the package exports)
from taskgraph.analysis.brokerage import ROLES, brokerage, brokerage_role

module = sys.modules["taskgraph.analysis.brokerage"]


def by_definition(G, groups):
    """Every triple a → b → c with a, b, c distinct and no tie a → c, one at a time."""
    group = {n: groups.get(n, ("own", n)) for n in G}
    out = {n: {**dict.fromkeys(ROLES, 0), "total": 0} for n in G}
    for b in G:
        for a in G.predecessors(b):
            for c in G.successors(b):
                if len({a, b, c}) == 3 and not G.has_edge(a, c):
                    out[b][brokerage_role(group[a], group[b], group[c])] += 1
                    out[b]["total"] += 1
    return out


def _random_cases(count):
    for seed in range(count):
        rng = random.Random(seed)
        G = nx.gnp_random_graph(rng.randint(1, 22), rng.random() * 0.6, directed=True, seed=seed)
        if seed % 3 == 0:
            G.add_edges_from((v, v) for v in list(G)[:2])
        yield G, {v: rng.randint(0, 3) for v in G if rng.random() < 0.8}


def test_random_graphs_match_definition():
    """On 300 random directed graphs (self-loops, reciprocal ties, ungrouped nodes) counts match."""
    for G, groups in _random_cases(300):
        assert brokerage(G, groups) == by_definition(G, groups)


@pytest.mark.parametrize("path", ["_enumerate", "_aggregate"])
def test_each_counting_path_alone_matches_definition(path, monkeypatch):
    """Listing pairs and counting by groups are each right on their own, whichever a broker would take."""
    monkeypatch.setattr(module, "_enumerate" if path == "_aggregate" else "_aggregate", getattr(module, path))
    for G, groups in _random_cases(150):
        assert brokerage(G, groups) == by_definition(G, groups)


def _hubs(nodes: int, hubs: int) -> nx.DiGraph:
    """Every node sends three ties to random hubs and receives three from them."""
    rng = random.Random(0)
    G = nx.DiGraph()
    for v in range(nodes):
        for _ in range(3):
            G.add_edge(rng.randrange(hubs), v)
            G.add_edge(v, rng.randrange(hubs))
    return G


def test_hubs_match_definition():
    """Around 5 hubs of ~360 ties each, where counting by groups is taken, every count matches."""
    G = _hubs(600, 5)
    groups = {v: v % 7 for v in G}
    assert brokerage(G, groups) == by_definition(G, groups)


def test_hubs_on_twenty_thousand_nodes():
    """20,000 nodes tied both ways to 50 hubs (2,400 ties each) take well under 5 s.

    Listing every two-path costs in(b)·out(b) per hub, 16 s here; counting by groups, 0.15 s.
    """
    G = _hubs(20_000, 50)
    groups = {v: v % 7 for v in G}
    start = time.perf_counter()
    counts = brokerage(G, groups)
    assert time.perf_counter() - start < 5
    # A leaf's counts depend only on its neighbourhood.
    for v in (50, 51, 19_999):
        around = G.subgraph({v, *G.predecessors(v), *G.successors(v)})
        assert counts[v] == by_definition(around, groups)[v]
    assert min(counts[h]["total"] for h in range(50)) > 1_000_000
