"""Both engines give the same values: NetworkX and the compiled one (igraph, sparse matrices)."""

from __future__ import annotations

import math
import random

import networkx as nx
import pytest

from taskgraph.analysis import measures
from taskgraph.errors import UsageError


def _weighted(G: nx.Graph, seed: int = 7) -> nx.Graph:
    rng = random.Random(seed)
    for _, _, data in G.edges(data=True):
        data["weight"] = rng.randint(1, 5)
    return G


def _florentine() -> nx.Graph:
    G = nx.florentine_families_graph()
    G.add_node("Isolated")
    return G


def _disconnected() -> nx.Graph:
    G = nx.union(nx.complete_graph(4), nx.path_graph(["p", "q", "r", "s"]))
    G.add_edges_from([(("iri", 1), ("iri", 2)), (("iri", 2), ("iri", 3))])
    G.add_node("alone")
    return G


GRAPHS = {
    "karate": nx.karate_club_graph,  # weighted: interactions between members
    "florentine": _florentine,
    "star": lambda: nx.star_graph(6),
    "path": lambda: nx.path_graph(7),
    "disconnected": _disconnected,
    "weighted-random": lambda: _weighted(nx.gnp_random_graph(60, 0.08, seed=3)),
    "weighted-disconnected": lambda: _weighted(nx.union(nx.cycle_graph(5), nx.wheel_graph(range(10, 17)))),
    "iris": lambda: nx.relabel_nodes(
        _weighted(nx.barabasi_albert_graph(80, 2, seed=5)), lambda v: f"https://w3id.org/taskgraph/u/{v}"
    ),
}
DIRECTED = {
    "directed-random": lambda: _weighted(nx.gnp_random_graph(40, 0.08, directed=True, seed=11)),
    "directed-chain": lambda: nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("e", "d")]),
}


def _same(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    assert list(a) == list(b)
    for v in a:
        assert a[v] == pytest.approx(b[v], abs=1e-9, nan_ok=True), v


def _both(measure, G, **kwargs):
    return measure(G, engine="networkx", **kwargs), measure(G, engine="igraph", **kwargs)


@pytest.mark.parametrize("name", GRAPHS)
@pytest.mark.parametrize(
    ("measure", "kwargs"),
    [
        (measures.betweenness, {}),
        (measures.betweenness, {"weight": "weight"}),
        (measures.closeness, {}),
        (measures.closeness, {"distance": "weight"}),
        (measures.eigenvector, {}),
        (measures.eigenvector, {"weight": None}),
        (measures.constraint, {}),
        (measures.constraint, {"weight": None}),
        (measures.effective_size, {}),
        (measures.effective_size, {"weight": None}),
        (measures.pagerank, {}),
        (measures.core_number, {}),
    ],
    ids=lambda x: getattr(x, "__name__", None) or ",".join(f"{k}={v}" for k, v in x.items()) or "default",
)
def test_engines_agree_undirected(name, measure, kwargs):
    """Every measure has the same value on both engines, to 1e-9, on each named undirected graph."""
    _same(*_both(measure, GRAPHS[name](), **kwargs))


@pytest.mark.parametrize("name", DIRECTED)
@pytest.mark.parametrize(
    "measure",
    [
        measures.betweenness,
        measures.eigenvector,
        measures.constraint,
        measures.effective_size,
        measures.pagerank,
        measures.core_number,
    ],
)
def test_engines_agree_directed(name, measure):
    """The measures defined on directed graphs agree on both engines too."""
    _same(*_both(measure, DIRECTED[name]()))


def test_engines_match_networkx_itself():
    """The NetworkX engine is NetworkX: betweenness, closeness, constraint, PageRank, cores of karate."""
    G = nx.karate_club_graph()
    for engine in ("networkx", "igraph"):
        _same(measures.betweenness(G, engine=engine), nx.betweenness_centrality(G))
        _same(measures.closeness(G, engine=engine), nx.closeness_centrality(G))
        _same(measures.constraint(G, engine=engine), nx.constraint(G, weight="weight"))
        _same(measures.pagerank(G, engine=engine), nx.pagerank(G, tol=1e-14, max_iter=10_000))
        _same(measures.core_number(G, engine=engine), nx.core_number(G))


def test_effective_size_follows_burt_not_networkx_matrix_shortcut():
    """Weighted effective size is Burt's, as NetworkX computes node by node (its matrix shortcut differs).

    Triangle 0–1 (1), 1–2 (3), 0–2 (1), plus 2–3 (2). For ego 1: contact 0 is redundant by
    p_12 · m_02 = 3/4 · 1, contact 2 by p_10 · m_20 = 1/4 · 1/3; ES = 1/4 + 11/12 = 7/6.
    """
    G = nx.Graph()
    G.add_weighted_edges_from([(0, 1, 1), (1, 2, 3), (0, 2, 1), (2, 3, 2)])
    for engine in ("networkx", "igraph"):
        assert measures.effective_size(G, engine=engine)[1] == pytest.approx(7 / 6)
    assert nx.effective_size(G, nodes=list(G), weight="weight")[1] == pytest.approx(7 / 6)


def test_directed_effective_size_counts_incoming_ties():
    """On a directed graph a node with incoming ties only has an effective size, not NaN (both engines)."""
    G = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("e", "d")])
    for engine in ("networkx", "igraph"):
        assert measures.effective_size(G, engine=engine)["d"] == pytest.approx(2.0)


def test_isolated_nodes():
    """An isolated node: constraint and effective size NaN, closeness, betweenness, core and eigenvector 0."""
    G = nx.path_graph(3)
    G.add_node("alone")
    for engine in ("networkx", "igraph"):
        assert math.isnan(measures.constraint(G, engine=engine)["alone"])
        assert math.isnan(measures.effective_size(G, engine=engine)["alone"])
        assert measures.closeness(G, engine=engine)["alone"] == 0
        assert measures.betweenness(G, engine=engine)["alone"] == 0
        assert measures.core_number(G, engine=engine)["alone"] == 0
        assert measures.eigenvector(G, engine=engine)["alone"] == 0


def test_eigenvector_tie_goes_to_the_first_component():
    """Two identical triangles: the one met first in node order carries the eigenvector, on both engines."""
    G = nx.union(nx.complete_graph(["x", "y", "z"]), nx.complete_graph(["a", "b", "c"]))
    for engine in ("networkx", "igraph"):
        c = measures.eigenvector(G, weight=None, engine=engine)
        assert c["x"] == pytest.approx(1 / math.sqrt(3)) and c["a"] == 0


@pytest.mark.slow
def test_eigenvector_many_components_and_a_large_one():
    """Hundreds of small components and one over the dense-solver limit: the same winner and vector."""
    rng = random.Random(2)
    G = nx.gnp_random_graph(260, 0.03, seed=2)
    for k in range(300):
        H = nx.gnp_random_graph(rng.randint(2, 30), 0.4, seed=k)
        G = nx.union(G, nx.relabel_nodes(H, lambda v, k=k: (k, v)))
    _weighted(G)
    _same(*_both(measures.eigenvector, G))
    # A star whose leading eigenvalue, 5·√200 ≈ 71, outranks every other component.
    G.add_edges_from((("hub", i), ("hub", "centre"), {"weight": 5}) for i in range(200))
    a, b = _both(measures.eigenvector, G)
    _same(a, b)
    assert b[("hub", "centre")] > 0.5


def test_louvain_same_partition_when_structure_is_clear():
    """A ring of cliques and two joined cliques: both engines find the cliques, with the same modularity."""
    for G in (nx.ring_of_cliques(6, 5), nx.barbell_graph(6, 0), _disconnected()):
        (m1, q1), (m2, q2) = _both(measures.louvain, G)
        assert m1 == m2
        assert q1 == pytest.approx(q2, abs=1e-9)


def test_louvain_reproducible_and_modularity_consistent():
    """On karate each engine repeats itself, and its modularity is that of its partition."""
    G = nx.karate_club_graph()
    for engine in ("networkx", "igraph"):
        first, q = measures.louvain(G, engine=engine)
        assert measures.louvain(G, engine=engine) == (first, q)
        parts: dict[int, set] = {}
        for v, c in first.items():
            parts.setdefault(c, set()).add(v)
        assert q == pytest.approx(nx.community.modularity(G, parts.values(), weight="weight"), abs=1e-9)
        assert sorted(first.values())[0] == 1 and len(parts[1]) == max(map(len, parts.values()))


def test_louvain_leaves_python_random_alone():
    """Seeding igraph's Louvain does not reseed or consume Python's global random generator."""
    random.seed(99)
    expected = random.random()
    random.seed(99)
    measures.louvain(nx.karate_club_graph(), engine="igraph")
    assert random.random() == expected


def test_unit_centralities_same_on_both_engines():
    """The units table's whole family agrees between engines on a co-assignment network."""
    from taskgraph.assignments import Assignments, Party, TaskRecord
    from taskgraph.network import dependency_graph, units_graph

    rng = random.Random(4)
    units = [Party(f"u{i}", f"单位{i}", "unit", False) for i in range(25)]
    tasks = []
    for n in range(60):
        leads, others = rng.sample(units, 2)[: rng.choice([1, 2])], rng.sample(units, rng.randint(0, 3))
        parties = {"lead_unit": leads, "responsible_unit": [u for u in others if u not in leads]}
        tasks.append(
            TaskRecord(
                iri=f"t{n}",
                index=n,
                number=str(n),
                text="",
                plan="p",
                section="s",
                section_title=None,
                subsection=None,
                subsection_title=None,
                parties=parties,
            )
        )
    a = Assignments(tasks, {})
    U, D = units_graph(a), dependency_graph(a)
    one = measures.unit_centralities(U, D, engine="networkx")
    two = measures.unit_centralities(U, D, engine="igraph")
    assert one.keys() == two.keys()
    for key in one:
        _same(one[key], two[key])


def test_choose_engine():
    """auto: NetworkX below the threshold and for multigraphs, self-loops, undirected-only measures."""
    small, large = nx.path_graph(5), nx.path_graph(measures.IGRAPH_MIN_NODES)
    assert measures.choose_engine(small) == "networkx"
    assert measures.choose_engine(large) == "igraph"
    assert measures.choose_engine(small, min_nodes=0) == "igraph"
    assert measures.choose_engine(nx.MultiGraph(large)) == "networkx"
    looped = large.copy()
    looped.add_edge(0, 0)
    assert measures.choose_engine(looped) == "networkx"
    assert measures.choose_engine(nx.DiGraph(large), directed=False) == "networkx"
    assert measures.choose_engine(small, "igraph") == "igraph"
    with pytest.raises(UsageError):
        measures.choose_engine(small, "graph-tool")


def test_compiled_engine_refuses_what_it_would_get_wrong():
    """Multigraphs and self-loops are refused by the compiled engine, not silently miscounted."""
    looped = nx.path_graph(3)
    looped.add_edge(1, 1)
    for G in (nx.MultiGraph(nx.path_graph(3)), looped):
        with pytest.raises(nx.NetworkXNotImplemented):
            measures.betweenness(G, engine="igraph")
    with pytest.raises(nx.NetworkXNotImplemented):
        measures.louvain(nx.DiGraph([(0, 1)]), engine="igraph")


def test_empty_graphs():
    """Empty graphs give empty results on both engines."""
    for engine in ("networkx", "igraph"):
        for measure in (measures.betweenness, measures.closeness, measures.eigenvector, measures.pagerank):
            assert measure(nx.Graph(), engine=engine) == {}
        assert measures.louvain(nx.Graph(), engine=engine) == ({}, 0.0)
