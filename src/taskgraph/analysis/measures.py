"""Centrality, structural holes, cohesion: each a function of ``G`` returning ``{node: value}``.

Every measure runs on one of two engines with the same values (to 1e-9; Louvain aside, whose
partition depends on the visiting order): NetworkX, or igraph and sparse matrices
(:mod:`taskgraph.analysis.compiled`). ``engine="auto"`` takes NetworkX for graphs below
``IGRAPH_MIN_NODES`` nodes, which it finishes before igraph is even imported, and igraph
above, where the table's measures run 9–26 times faster (busy 2-core machine: 0.49 s against
4.3 s at 10,000 units, 1.3 s against 32 s at 50,000; ``benchmarks/measures.py``). Effective
size takes the compiled engine at every size: it needs no igraph, and NetworkX's node-by-node
loop costs 4–12 ms a node.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import networkx as nx

from taskgraph.errors import UsageError

ENGINES = ("auto", "networkx", "igraph")
# igraph is as fast or faster for every measure from one plan (38 units) up, copying included,
# but importing it costs 0.25 s once per process. Below 1,500 units (about 40 plans) NetworkX
# computes the whole table's measures in less time than that; above, igraph wins by a growing
# margin. Fresh processes, plan-shaped graphs, idle machine: 0.30 s both ways at 1,464 units,
# 0.42 s against 0.98 s at 4,957; loaded (load average 8): 0.91 s against 0.93 s at 1,464 and
# 1.34 s against 2.05 s at 2,966. See benchmarks/measures.py.
IGRAPH_MIN_NODES = 1500


def choose_engine(
    G: nx.Graph, engine: str = "auto", directed: bool = True, min_nodes: int | None = None
) -> str:
    """The engine a measure of ``G`` runs on: ``"networkx"`` or ``"igraph"``.

    ``auto`` takes igraph from ``min_nodes`` nodes (default ``IGRAPH_MIN_NODES``), unless the
    graph is a multigraph, has self-loops, or is directed for a measure defined here only
    undirected (``directed=False``): those stay with NetworkX.

    Examples
    --------
    >>> choose_engine(nx.path_graph(3)), choose_engine(nx.path_graph(IGRAPH_MIN_NODES))
    ('networkx', 'igraph')
    >>> choose_engine(nx.path_graph(3), "igraph")
    'igraph'
    """
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r} (one of {', '.join(ENGINES)})")
    if engine != "auto":
        return engine
    if (
        G.number_of_nodes() < (IGRAPH_MIN_NODES if min_nodes is None else min_nodes)
        or G.is_multigraph()
        or (G.is_directed() and not directed)
        or nx.number_of_selfloops(G)
    ):
        return "networkx"
    return "igraph"


def freeman_degree_centralization(G: nx.Graph) -> float:
    """Freeman's degree centralisation: Σ(d_max − d_i) / ((n − 1)(n − 2)); 1 for a star.

    Examples
    --------
    >>> freeman_degree_centralization(nx.star_graph(4))
    1.0
    >>> freeman_degree_centralization(nx.cycle_graph(5))
    0.0
    """
    n = G.number_of_nodes()
    if n < 3:
        return 0.0
    degrees = [d for _, d in G.degree()]
    top = max(degrees)
    return sum(top - d for d in degrees) / ((n - 1) * (n - 2))


def _leading(H: nx.Graph, weight: str | None) -> tuple[float, dict[Hashable, float]]:
    """The leading eigenvalue and unit-norm eigenvector of a connected graph's adjacency."""
    import numpy as np

    nodes = list(H)
    A = nx.to_scipy_sparse_array(H, nodelist=nodes, weight=weight, dtype=float)
    if len(nodes) <= 200:
        values, vectors = np.linalg.eigh(A.toarray())
        value, vector = values[-1], vectors[:, -1]
    else:
        import scipy.sparse.linalg as sla  # 0.1 s to import: only for the large components

        values, vectors = sla.eigsh(A, k=1, which="LA")
        value, vector = values[0], vectors[:, 0]
    vector = np.abs(vector) / (np.linalg.norm(vector) or 1.0)
    return float(value), dict(zip(nodes, (float(x) for x in vector)))


def eigenvector(G: nx.Graph, weight: str | None = "weight", *, engine: str = "auto") -> dict[Hashable, float]:
    """Eigenvector centrality, defined on disconnected graphs too.

    The principal eigenvector of the whole adjacency matrix lives on the component with the
    largest leading eigenvalue; every other node scores 0 (NetworkX refuses such graphs). On a
    tie within 1e-12 the component met first in node order wins. A directed graph is read as
    undirected.

    Examples
    --------
    >>> c = eigenvector(nx.path_graph(3), weight=None)
    >>> round(c[1], 4), round(c[0], 4)
    (0.7071, 0.5)
    >>> c = eigenvector(nx.union(nx.complete_graph(3), nx.path_graph([7, 8])), weight=None)
    >>> round(c[0], 4), c[7]
    (0.5774, 0.0)
    """
    H = G.to_undirected() if G.is_directed() else G
    if choose_engine(H, engine) == "igraph":
        from taskgraph.analysis import compiled

        return compiled.eigenvector(H, weight)
    scores = dict.fromkeys(G, 0.0)
    if G.number_of_edges() == 0:
        return scores
    components = [c for c in nx.connected_components(H) if len(c) > 1]
    if len(components) > 1:
        components = _contending(H, components, weight)
    best: tuple[float, dict[Hashable, float]] | None = None
    for component in components:
        value, vector = _leading(H.subgraph(component).copy(), weight)
        if best is None or value > best[0] + 1e-12:
            best = (value, vector)
    if best:
        scores.update(best[1])
    return scores


def _contending(H: nx.Graph, components: list[set[Hashable]], weight: str | None) -> list[set[Hashable]]:
    """The components, in order, that may have the largest leading eigenvalue.

    A dense eigensolve per component spends its time waking BLAS threads (1,000 plans: 32.5 s on
    a busy 2-core machine, 1.4 s with one thread); bounds from sparse products rule most out first.
    """
    import numpy as np

    from taskgraph.analysis.compiled import leading_contenders

    nodes = [v for c in components for v in c]
    A = nx.to_scipy_sparse_array(H, nodelist=nodes, weight=weight, dtype=float, format="csr")
    membership = np.repeat(np.arange(len(components)), [len(c) for c in components])
    return [components[k] for k in leading_contenders(A, membership)]


def louvain(
    G: nx.Graph, weight: str = "weight", seed: int = 42, *, engine: str = "auto"
) -> tuple[dict[Hashable, int], float]:
    """Louvain communities (seeded, so reproducible) and their modularity.

    Communities are numbered 1, 2, … from the largest; ties by the smallest node. The two
    engines visit nodes in different random orders, so on a graph without a clear structure
    their partitions (and modularities) can differ; each is reproducible.

    Examples
    --------
    >>> G = nx.union(nx.complete_graph(3), nx.complete_graph([5, 6, 7]))
    >>> G.add_edge(0, 5)
    >>> membership, q = louvain(G)
    >>> membership, round(q, 4)
    ({0: 1, 1: 1, 2: 1, 5: 2, 6: 2, 7: 2}, 0.3571)
    """
    if choose_engine(G, engine, directed=False) == "igraph":
        from taskgraph.analysis import compiled

        return compiled.louvain(G, weight, seed)
    if G.number_of_edges() == 0:
        return {n: i for i, n in enumerate(sorted(G, key=str), start=1)}, 0.0
    parts = nx.community.louvain_communities(G, weight=weight, seed=seed)
    parts = sorted(parts, key=lambda c: (-len(c), min(map(str, c))))
    membership = {n: i for i, c in enumerate(parts, start=1) for n in c}
    return membership, nx.community.modularity(G, parts, weight=weight)


def _components(G: nx.Graph) -> Any:
    return nx.weakly_connected_components(G) if G.is_directed() else nx.connected_components(G)


def betweenness(G: nx.Graph, weight: str | None = None, *, engine: str = "auto") -> dict[Hashable, float]:
    """Normalised betweenness, component by component (NetworkX's own is quadratic in |G|).

    Shortest paths never leave a component, so the raw scores are those of the whole graph;
    they are normalised with the whole graph's size, as NetworkX does. ``weight`` is read as
    a distance (None: every tie counts one step).

    Examples
    --------
    >>> G = nx.union(nx.path_graph(3), nx.path_graph([5, 6, 7]))
    >>> betweenness(G) == nx.betweenness_centrality(G)
    True
    """
    if choose_engine(G, engine) == "igraph":
        from taskgraph.analysis import compiled

        return compiled.betweenness(G, weight)
    n = G.number_of_nodes()
    scores = dict.fromkeys(G, 0.0)
    if n <= 2:
        return scores
    scale = (1.0 if G.is_directed() else 2.0) / ((n - 1) * (n - 2))
    for nodes in _components(G):
        if len(nodes) > 2:
            H = G.subgraph(nodes).copy()
            for v, b in nx.betweenness_centrality(H, normalized=False, weight=weight).items():
                scores[v] = b * scale
    return scores


def closeness(G: nx.Graph, distance: str | None = None, *, engine: str = "auto") -> dict[Hashable, float]:
    """Closeness (Wasserman–Faust, as NetworkX), component by component, of an undirected graph.

    Examples
    --------
    >>> G = nx.union(nx.path_graph(3), nx.path_graph([5, 6]))
    >>> reference = nx.closeness_centrality(G)
    >>> all(abs(closeness(G)[v] - reference[v]) < 1e-12 for v in G)
    True
    """
    if choose_engine(G, engine, directed=False) == "igraph":
        from taskgraph.analysis import compiled

        return compiled.closeness(G, distance)
    n = G.number_of_nodes()
    scores = dict.fromkeys(G, 0.0)
    for nodes in nx.connected_components(G):
        if len(nodes) > 1:
            factor = (len(nodes) - 1) / (n - 1)
            H = G.subgraph(nodes).copy()
            for v, c in nx.closeness_centrality(H, distance=distance).items():
                scores[v] = c * factor
    return scores


def constraint(G: nx.Graph, weight: str | None = "weight", *, engine: str = "auto") -> dict[Hashable, float]:
    """Burt's constraint, as ``nx.constraint``; NaN for an isolated node.

    Examples
    --------
    >>> constraint(nx.star_graph(3), weight=None)[0] == 1 / 3
    True
    """
    if choose_engine(G, engine) == "igraph":
        from taskgraph.analysis import compiled

        return compiled.constraint(G, weight)
    return nx.constraint(G, weight=weight)


def effective_size(
    G: nx.Graph, weight: str | None = "weight", *, engine: str = "auto"
) -> dict[Hashable, float]:
    """Burt's effective size; NaN for an isolated node.

    Burt's definition, ``m_uw`` scaled by *u*'s strongest tie, as NetworkX 3.6 computes it
    node by node (``nodes=[…]``); its whole-graph shortcut (``nodes=None``) scales by *w*'s
    instead and gives other values on weighted graphs (and builds a dense n × n matrix: 11 GB
    for the 37,638 units of 1,000 plans). ``auto`` takes the compiled engine's sparse version
    at every size; ``engine="networkx"`` runs NetworkX node by node, component by component.

    Examples
    --------
    >>> G = nx.union(nx.star_graph(3), nx.path_graph([7, 8, 9]))
    >>> effective_size(G, weight=None) == nx.effective_size(G)
    True
    >>> G = nx.Graph([(0, 1, {"weight": 1}), (1, 2, {"weight": 3}), (0, 2, {"weight": 1})])
    >>> round(effective_size(G)[1], 4)  # 1 − 3/4 · 1 for contact 0, 1 − 1/4 · 1/3 for contact 2
    1.1667
    """
    # Sparse matrices without igraph, so worth it at any size: NetworkX's loop costs 4 ms a node.
    if choose_engine(G, engine, min_nodes=0) == "igraph":
        from taskgraph.analysis import compiled

        return compiled.effective_size(G, weight)
    if G.is_directed():
        G, weight = _mutual(G, weight), "mutual"
    scores: dict[Hashable, float] = {}
    for nodes in nx.connected_components(G):
        H = G.subgraph(nodes).copy()
        scores.update(nx.effective_size(H, nodes=list(H), weight=weight))
    return {n: scores[n] for n in G}


def _mutual(G: nx.DiGraph, weight: str | None) -> nx.Graph:
    """An undirected copy whose ``mutual`` weight is w(u, v) + w(v, u) (1 a tie without ``weight``).

    Burt's measures read a directed graph through these mutual weights only. NetworkX's node-by-node
    effective size also takes a node with incoming ties only for isolated (NaN); on this copy it is not.
    """
    H = nx.Graph()
    H.add_nodes_from(G)
    for u, v, data in G.edges(data=True):
        w = 1 if weight is None else data.get(weight, 1)
        if H.has_edge(u, v):
            H[u][v]["mutual"] += w
        else:
            H.add_edge(u, v, mutual=w)
    return H


def pagerank(
    G: nx.Graph, alpha: float = 0.85, weight: str | None = "weight", *, engine: str = "auto"
) -> dict[Hashable, float]:
    """PageRank (teleport and dangling nodes uniform), as ``nx.pagerank`` solved to 1e-12.

    NetworkX's default tolerance stops its power iteration 1e-7 or more per node from the
    fixed point igraph solves for exactly (PRPACK), 6e-9 even at ``tol=1e-13`` on 50,000
    nodes; iterating to an L1 change of 1e-12 makes the engines agree.

    Examples
    --------
    >>> {v: round(x, 4) for v, x in pagerank(nx.DiGraph([(0, 1), (1, 2)])).items()}
    {0: 0.1844, 1: 0.3412, 2: 0.4744}
    """
    if choose_engine(G, engine) == "igraph":
        from taskgraph.analysis import compiled

        return compiled.pagerank(G, alpha, weight)
    if G.number_of_nodes() == 0:
        return {}
    # NetworkX stops when the L1 change falls below n·tol: 1e-12 whatever the size.
    return nx.pagerank(G, alpha=alpha, weight=weight, tol=1e-12 / G.number_of_nodes(), max_iter=10_000)


def core_number(G: nx.Graph, *, engine: str = "auto") -> dict[Hashable, int]:
    """The k-core number of every node (Seidman 1983), as ``nx.core_number``.

    Examples
    --------
    >>> core_number(nx.union(nx.complete_graph(4), nx.path_graph([7, 8])))
    {0: 3, 1: 3, 2: 3, 3: 3, 7: 1, 8: 1}
    """
    if choose_engine(G, engine) == "igraph":
        from taskgraph.analysis import compiled

        return compiled.core_number(G)
    return nx.core_number(G) if G.number_of_nodes() else {}


def unit_centralities(
    units: nx.Graph, dependencies: nx.DiGraph, *, engine: str = "auto"
) -> dict[str, dict[Hashable, Any]]:
    """The centrality family on the co-assignment graph (and PageRank on the dependencies).

    ``betweenness`` and ``closeness`` treat ties as unweighted (a tie is a shared task);
    ``eigenvector``, ``strength``, ``constraint`` and ``effective_size`` use ``weight``
    (shared tasks); ``pagerank`` runs on the directed lead → responsible graph, so a unit
    ranks high when many units lead tasks that depend on it. On the igraph engine each graph
    is converted once for all its measures.
    """
    G, D = units, dependencies
    if G.number_of_nodes() == 0:  # nothing to measure (a plan naming only collectives)
        names = ("degree", "strength", "newman_strength", "betweenness", "closeness", "eigenvector")
        empty: dict[str, dict[Hashable, Any]] = {name: {} for name in names}
        empty.update(constraint={}, effective_size={}, core={}, pagerank={})
        return empty
    if choose_engine(G, engine) == "igraph":
        from taskgraph.analysis import compiled

        U = compiled.to_igraph(G, ("weight",))
        family: dict[str, dict[Hashable, Any]] = {
            "betweenness": compiled.betweenness(U),
            "closeness": compiled.closeness(U),
            "eigenvector": compiled.eigenvector(U),
            "constraint": compiled.constraint(U),
            "effective_size": compiled.effective_size(U),
            "core": compiled.core_number(U),
        }
    else:
        family = {
            "betweenness": betweenness(G, engine="networkx"),
            "closeness": closeness(G, engine="networkx"),
            "eigenvector": eigenvector(G, engine="networkx"),
            "constraint": constraint(G, engine="networkx"),
            "effective_size": effective_size(G, engine=engine),
            "core": core_number(G, engine="networkx"),
        }
    return {
        "degree": dict(G.degree()),
        "strength": dict(G.degree(weight="weight")),
        "newman_strength": dict(G.degree(weight="newman")),
        **family,
        "pagerank": pagerank(D, engine=engine),
    }
