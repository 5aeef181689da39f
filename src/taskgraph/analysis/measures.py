"""Centrality, structural holes, cohesion: each a function of ``G`` returning ``{node: value}``."""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx


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
    import scipy.sparse.linalg as sla

    nodes = list(H)
    A = nx.to_scipy_sparse_array(H, nodelist=nodes, weight=weight, dtype=float)
    if len(nodes) <= 200:
        values, vectors = np.linalg.eigh(A.toarray())
        value, vector = values[-1], vectors[:, -1]
    else:
        values, vectors = sla.eigsh(A, k=1, which="LA")
        value, vector = values[0], vectors[:, 0]
    vector = np.abs(vector) / (np.linalg.norm(vector) or 1.0)
    return float(value), dict(zip(nodes, (float(x) for x in vector)))


def eigenvector(G: nx.Graph, weight: str | None = "weight") -> dict[Hashable, float]:
    """Eigenvector centrality, defined on disconnected graphs too.

    The principal eigenvector of the whole adjacency matrix lives on the component with the
    largest leading eigenvalue; every other node scores 0 (NetworkX refuses such graphs).

    Examples
    --------
    >>> c = eigenvector(nx.path_graph(3), weight=None)
    >>> round(c[1], 4), round(c[0], 4)
    (0.7071, 0.5)
    >>> c = eigenvector(nx.union(nx.complete_graph(3), nx.path_graph([7, 8])), weight=None)
    >>> round(c[0], 4), c[7]
    (0.5774, 0.0)
    """
    scores = dict.fromkeys(G, 0.0)
    if G.number_of_edges() == 0:
        return scores
    H = G.to_undirected() if G.is_directed() else G
    best: tuple[float, dict[Hashable, float]] | None = None
    for component in nx.connected_components(H):
        if len(component) < 2:
            continue
        value, vector = _leading(H.subgraph(component).copy(), weight)
        if best is None or value > best[0] + 1e-12:
            best = (value, vector)
    if best:
        scores.update(best[1])
    return scores


def louvain(G: nx.Graph, weight: str = "weight", seed: int = 42) -> tuple[dict[Hashable, int], float]:
    """Louvain communities (seeded, so reproducible) and their modularity.

    Communities are numbered 1, 2, … from the largest; ties by the smallest node.
    """
    if G.number_of_edges() == 0:
        return {n: i for i, n in enumerate(sorted(G, key=str), start=1)}, 0.0
    parts = nx.community.louvain_communities(G, weight=weight, seed=seed)
    parts = sorted(parts, key=lambda c: (-len(c), min(map(str, c))))
    membership = {n: i for i, c in enumerate(parts, start=1) for n in c}
    return membership, nx.community.modularity(G, parts, weight=weight)


def betweenness(G: nx.Graph) -> dict[Hashable, float]:
    """Normalised betweenness, component by component (NetworkX's own is quadratic in |G|).

    Shortest paths never leave a component, so the raw scores are those of the whole graph;
    they are normalised with the whole graph's size, as NetworkX does.

    Examples
    --------
    >>> G = nx.union(nx.path_graph(3), nx.path_graph([5, 6, 7]))
    >>> betweenness(G) == nx.betweenness_centrality(G)
    True
    """
    n = G.number_of_nodes()
    scores = dict.fromkeys(G, 0.0)
    if n <= 2:
        return scores
    scale = 2.0 / ((n - 1) * (n - 2))
    for nodes in nx.connected_components(G):
        if len(nodes) > 2:
            for v, b in nx.betweenness_centrality(G.subgraph(nodes).copy(), normalized=False).items():
                scores[v] = b * scale
    return scores


def closeness(G: nx.Graph) -> dict[Hashable, float]:
    """Closeness (Wasserman–Faust, as NetworkX), component by component.

    Examples
    --------
    >>> G = nx.union(nx.path_graph(3), nx.path_graph([5, 6]))
    >>> reference = nx.closeness_centrality(G)
    >>> all(abs(closeness(G)[v] - reference[v]) < 1e-12 for v in G)
    True
    """
    n = G.number_of_nodes()
    scores = dict.fromkeys(G, 0.0)
    for nodes in nx.connected_components(G):
        if len(nodes) > 1:
            factor = (len(nodes) - 1) / (n - 1)
            for v, c in nx.closeness_centrality(G.subgraph(nodes).copy()).items():
                scores[v] = c * factor
    return scores


def effective_size(G: nx.Graph, weight: str | None = "weight") -> dict[Hashable, float]:
    """Burt's effective size, component by component.

    NetworkX computes it for a whole graph through a dense n × n matrix (11 GB for the 37,638
    units of 1,000 plans); per component, and without the matrix for a very large one, the
    values are the same and the memory is not quadratic.

    Examples
    --------
    >>> G = nx.union(nx.star_graph(3), nx.path_graph([7, 8, 9]))
    >>> effective_size(G, weight=None) == nx.effective_size(G)
    True
    """
    scores: dict[Hashable, float] = {}
    for nodes in nx.connected_components(G):
        H = G.subgraph(nodes).copy()
        scores.update(nx.effective_size(H, nodes=list(H) if len(H) > 2000 else None, weight=weight))
    return {n: scores[n] for n in G}


def unit_centralities(units: nx.Graph, dependencies: nx.DiGraph) -> dict[str, dict[Hashable, float]]:
    """The centrality family on the co-assignment graph (and PageRank on the dependencies).

    ``betweenness`` and ``closeness`` treat ties as unweighted (a tie is a shared task);
    ``eigenvector``, ``strength``, ``constraint`` and ``effective_size`` use ``weight``
    (shared tasks); ``pagerank`` runs on the directed lead → responsible graph, so a unit
    ranks high when many units lead tasks that depend on it.
    """
    G = units
    out: dict[str, dict[Hashable, float]] = {
        "degree": dict(G.degree()),
        "strength": dict(G.degree(weight="weight")),
        "newman_strength": dict(G.degree(weight="newman")),
        "betweenness": betweenness(G),
        "closeness": closeness(G),
        "eigenvector": eigenvector(G),
        "constraint": {
            n: (v if v == v else float("nan")) for n, v in nx.constraint(G, weight="weight").items()
        },
        "effective_size": effective_size(G),
        "core": nx.core_number(G) if G.number_of_nodes() else {},
    }
    D = dependencies
    out["pagerank"] = nx.pagerank(D, weight="weight") if D.number_of_nodes() else {}
    return out
