"""The compiled engine: the measures of :mod:`taskgraph.analysis.measures`, on igraph and scipy.

Each function takes a NetworkX graph ``G`` (or a :class:`Compiled` copy of one, to convert a
graph once for several measures) and returns ``{node: value}`` with the values NetworkX gives,
normalised the same way; ``tests/analysis/test_compiled.py`` holds both engines to 1e-9.
:func:`taskgraph.analysis.measures.choose_engine` decides when this engine pays for its
conversion; call the functions here directly only to force it.

Measures igraph lacks or defines differently are computed here with sparse matrices:

- effective size (Burt 1992) as ``deg(v) − Σ_w p_vw (A m)_vw``, in blocks of rows so the
  memory stays linear in the edges;
- eigenvector centrality on a disconnected graph: the component with the largest leading
  eigenvalue is found by bracketing every component's eigenvalue at once (Rayleigh quotient
  below, Collatz–Wielandt bound above, with sparse products only, :func:`leading_contenders`),
  and only the components still in contention are solved exactly. One small dense
  eigenproblem per component spends its time waking BLAS threads: on a busy 2-core machine,
  1,000 plans (37,561 units) took 32.5 s that way, 1.4 s with one BLAS thread, and 0.27–0.48 s
  like this, conversion included.

Multigraphs and graphs with self-loops are refused (:func:`to_igraph`): the measures treat
them differently in the two libraries.
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np

if TYPE_CHECKING:
    import igraph as ig
    import scipy.sparse as sp

# Relative slack when discarding a component from the eigenvector contest: far above rounding
# (1e-16) and far below any gap that matters (the tie rule itself works at 1e-12).
_CONTEST_SLACK = 1e-9
# Components up to this size are solved densely (as the NetworkX engine does), larger with ARPACK.
_DENSE_LIMIT = 200
# Entries of a sparse product computed at once by effective_size: bounds its memory (~0.5 GB).
_BLOCK_ENTRIES = 20_000_000


@dataclass(frozen=True)
class Compiled:
    """A NetworkX graph copied into igraph once, to compute several measures from one copy.

    ``nodes[i]`` is the NetworkX node of igraph vertex ``i``; edge attributes named in
    ``weights`` are copied (a missing value counts 1, as in NetworkX).
    """

    graph: ig.Graph
    nodes: tuple[Hashable, ...]
    weights: tuple[str, ...]

    @property
    def directed(self) -> bool:
        return bool(self.graph.is_directed())

    def as_dict(self, values: Iterable[Any]) -> dict[Hashable, Any]:
        """``{node: value}`` from values in vertex order."""
        return dict(zip(self.nodes, values))


def to_igraph(G: nx.Graph, weights: Iterable[str] = ("weight",)) -> Compiled:
    """Copy ``G`` into igraph with the edge attributes ``weights``.

    Examples
    --------
    >>> c = to_igraph(nx.Graph([("a", "b", {"weight": 3}), ("b", "c")]))
    >>> c.nodes, c.graph.get_edgelist(), c.graph.es["weight"]
    (('a', 'b', 'c'), [(0, 1), (1, 2)], [3, 1])
    """
    import igraph as ig

    _refuse(G)
    names = tuple(weights)
    nodes = tuple(G)
    index = {n: i for i, n in enumerate(nodes)}
    directed = G.is_directed()
    edges: list[tuple[int, int]] = []
    columns: list[list[Any]] = [[] for _ in names]
    # Straight from the adjacency (each undirected tie once): twice as fast as G.edges(data=True).
    for u, neighbours in G.adjacency():
        i = index[u]
        for v, data in neighbours.items():
            j = index[v]
            if directed or i < j:
                edges.append((i, j))
                for column, name in zip(columns, names):
                    column.append(data.get(name, 1))
    graph = ig.Graph(n=len(nodes), edges=edges, directed=directed)
    for column, name in zip(columns, names):
        graph.es[name] = column
    return Compiled(graph, nodes, names)


def _refuse(G: nx.Graph) -> None:
    if G.is_multigraph():
        raise nx.NetworkXNotImplemented("the compiled engine does not take multigraphs")
    if nx.number_of_selfloops(G):
        raise nx.NetworkXNotImplemented("the compiled engine does not take self-loops")


def _compile(G: nx.Graph | Compiled, *weights: str | None) -> Compiled:
    wanted = tuple(w for w in weights if w is not None)
    if isinstance(G, Compiled):
        missing = [w for w in wanted if w not in G.weights]
        if missing:
            raise ValueError(f"edge attribute(s) {missing} were not compiled")
        return G
    return to_igraph(G, wanted)


def _undirected(c: Compiled, measure: str) -> None:
    if c.directed:
        raise nx.NetworkXNotImplemented(f"{measure} is defined here for undirected graphs only")


def _adjacency(G: nx.Graph | Compiled, weight: str | None) -> sp.csr_array:
    """The weighted adjacency matrix (both directions for an undirected graph), in node order."""
    import scipy.sparse as sp

    if not isinstance(G, Compiled):
        _refuse(G)
        return nx.to_scipy_sparse_array(G, weight=weight, dtype=float, format="csr")
    n = G.graph.vcount()
    edges = np.asarray(G.graph.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    w = np.asarray(G.graph.es[weight], dtype=float) if weight else np.ones(len(edges))
    rows, cols = edges[:, 0], edges[:, 1]
    if not G.directed:
        rows, cols, w = np.concatenate([rows, cols]), np.concatenate([cols, rows]), np.concatenate([w, w])
    return sp.csr_array((w, (rows, cols)), shape=(n, n))


def betweenness(G: nx.Graph | Compiled, weight: str | None = None) -> dict[Hashable, float]:
    """Betweenness normalised as ``nx.betweenness_centrality`` (by the whole graph's size).

    Examples
    --------
    >>> betweenness(nx.path_graph(3))
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    c = _compile(G, weight)
    n = c.graph.vcount()
    if n <= 2:
        return c.as_dict([0.0] * n)
    # igraph counts each unordered pair once on an undirected graph; NetworkX counts ordered
    # pairs and halves them, then divides by (n − 1)(n − 2).
    scale = (1.0 if c.directed else 2.0) / ((n - 1) * (n - 2))
    raw = c.graph.betweenness(directed=c.directed, weights=weight)
    return c.as_dict(b * scale for b in raw)


def closeness(G: nx.Graph | Compiled, distance: str | None = None) -> dict[Hashable, float]:
    """Closeness as ``nx.closeness_centrality`` (Wasserman–Faust scaled by the component).

    Examples
    --------
    >>> c = closeness(nx.union(nx.path_graph(3), nx.path_graph([5, 6])))
    >>> round(c[0], 4), c[1], c[5]  # (2/3)·(2/4), (2/2)·(2/4), (1/1)·(1/4)
    (0.3333, 0.5, 0.25)
    """
    c = _compile(G, distance)
    _undirected(c, "closeness")
    n = c.graph.vcount()
    if n <= 1:
        return c.as_dict([0.0] * n)
    # igraph averages over the vertices a vertex reaches; NetworkX then scales by the share of
    # the graph reached, (r − 1)/(n − 1), which on an undirected graph is the component's size.
    membership = c.graph.connected_components().membership
    sizes = np.bincount(membership)
    raw = np.nan_to_num(np.asarray(c.graph.closeness(weights=distance, normalized=True), dtype=float))
    return c.as_dict((raw * (sizes[membership] - 1) / (n - 1)).tolist())


def constraint(G: nx.Graph | Compiled, weight: str | None = "weight") -> dict[Hashable, float]:
    """Burt's constraint as ``nx.constraint``; NaN for an isolated node.

    Examples
    --------
    >>> {v: round(x, 4) for v, x in constraint(nx.star_graph(2), weight=None).items()}
    {0: 0.5, 1: 1.0, 2: 1.0}
    """
    c = _compile(G, weight)
    return c.as_dict(c.graph.constraint(weights=weight))


def effective_size(G: nx.Graph | Compiled, weight: str | None = "weight") -> dict[Hashable, float]:
    """Burt's effective size as ``nx.effective_size``; NaN for an isolated node.

    With ``M = W + Wᵀ`` the mutual weights, ``p_vw = M_vw / Σ_x M_vx`` and
    ``m_uw = M_uw / max_x M_ux``, the effective size of ``v`` is
    ``Σ_{u ∈ N(v)} (1 − Σ_{w ∈ N(v)} p_vw m_uw) = |N(v)| − Σ_w p_vw (A m)_vw``
    (Burt 1992; without weights it reduces to Borgatti's ``n − 2t/n``). Sparse matrices only:
    a NetworkX graph is not copied into igraph.

    Examples
    --------
    >>> effective_size(nx.star_graph(3), weight=None)
    {0: 3.0, 1: 1.0, 2: 1.0, 3: 1.0}
    """
    nodes = G.nodes if isinstance(G, Compiled) else tuple(G)
    n = len(nodes)
    if n == 0:
        return {}
    if isinstance(G, Compiled) and weight is not None and weight not in G.weights:
        raise ValueError(f"edge attribute {weight!r} was not compiled")
    W = _adjacency(G, weight)
    directed = G.directed if isinstance(G, Compiled) else G.is_directed()
    M = (W + W.T).tocsr() if directed else W
    A = M.copy()
    A.data[:] = 1.0  # neighbours in either direction, whatever their weight
    degree = np.asarray(A.sum(axis=1)).ravel()
    total = np.asarray(M.sum(axis=1)).ravel()
    top = M.max(axis=1).toarray().ravel()
    P = _scale_rows(M, total)
    m = _scale_rows(M, top)
    redundancy = np.zeros(n)
    # (A m)[v] costs Σ_{u ∈ N(v)} deg(u) entries: take rows in blocks of bounded cost.
    cost = np.cumsum(A @ degree)
    start = 0
    while start < n:
        stop = max(start + 1, int(np.searchsorted(cost, cost[start] + _BLOCK_ENTRIES, side="right")))
        block = (A[start:stop] @ m).multiply(P[start:stop])
        redundancy[start:stop] = np.asarray(block.sum(axis=1)).ravel()
        start = stop
    with np.errstate(invalid="ignore"):
        sizes = np.where(degree > 0, degree - redundancy, np.nan)
    return dict(zip(nodes, sizes.tolist()))


def _scale_rows(M: sp.csr_array, by: np.ndarray) -> sp.csr_array:
    """Each row of ``M`` divided by its entry of ``by`` (rows with 0 stay 0)."""
    import scipy.sparse as sp

    inverse = np.divide(1.0, by, out=np.zeros_like(by), where=by != 0)
    return (sp.diags_array(inverse) @ M).tocsr()


def pagerank(
    G: nx.Graph | Compiled, alpha: float = 0.85, weight: str | None = "weight"
) -> dict[Hashable, float]:
    """PageRank as ``nx.pagerank`` (uniform teleport, dangling nodes spread uniformly), solved exactly.

    Examples
    --------
    >>> {v: round(x, 4) for v, x in pagerank(nx.DiGraph([(0, 1), (1, 0)])).items()}
    {0: 0.5, 1: 0.5}
    """
    c = _compile(G, weight)
    if c.graph.vcount() == 0:
        return {}
    return c.as_dict(
        c.graph.pagerank(directed=c.directed, damping=alpha, weights=weight, implementation="prpack")
    )


def core_number(G: nx.Graph | Compiled) -> dict[Hashable, int]:
    """The k-core number of every node, as ``nx.core_number`` (in + out degree if directed).

    Examples
    --------
    >>> core_number(nx.union(nx.complete_graph(3), nx.path_graph([5, 6])))
    {0: 2, 1: 2, 2: 2, 5: 1, 6: 1}
    """
    c = _compile(G)
    return c.as_dict(c.graph.coreness(mode="all"))


def louvain(
    G: nx.Graph | Compiled, weight: str | None = "weight", seed: int = 42
) -> tuple[dict[Hashable, int], float]:
    """Louvain communities (igraph's multilevel algorithm, seeded) and their modularity.

    Communities are numbered 1, 2, … from the largest, ties by the smallest node (as text).
    igraph visits vertices in a random order: its random generator is set to
    ``random.Random(seed)`` for the call, then back to igraph's default (Python's ``random``).

    Examples
    --------
    >>> G = nx.union(nx.complete_graph(3), nx.complete_graph([5, 6, 7]))
    >>> G.add_edge(0, 5)
    >>> membership, q = louvain(G)
    >>> membership, round(q, 4)
    ({0: 1, 1: 1, 2: 1, 5: 2, 6: 2, 7: 2}, 0.3571)
    """
    import igraph as ig

    c = _compile(G, weight)
    _undirected(c, "louvain")
    n = c.graph.vcount()
    if c.graph.ecount() == 0:
        order = sorted(range(n), key=lambda i: str(c.nodes[i]))
        return {c.nodes[i]: k for k, i in enumerate(order, start=1)}, 0.0
    ig.set_random_number_generator(random.Random(seed))
    try:
        labels = c.graph.community_multilevel(weights=weight).membership
    finally:
        ig.set_random_number_generator(random)
    parts: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        parts.setdefault(label, []).append(i)
    ranked = sorted(parts.values(), key=lambda p: (-len(p), min(str(c.nodes[i]) for i in p)))
    number = {}
    for k, part in enumerate(ranked, start=1):
        for i in part:
            number[i] = k
    membership = [number[i] for i in range(n)]
    q = c.graph.modularity(membership, weights=weight)
    return c.as_dict(membership), float(q)


def eigenvector(G: nx.Graph | Compiled, weight: str | None = "weight") -> dict[Hashable, float]:
    """Eigenvector centrality as :func:`taskgraph.analysis.measures.eigenvector` defines it.

    The unit-norm principal eigenvector of the component with the largest leading eigenvalue
    (the first such component in node order on a tie within 1e-12); every other node scores 0.

    Examples
    --------
    >>> c = eigenvector(nx.union(nx.complete_graph(3), nx.path_graph([7, 8])), weight=None)
    >>> round(c[0], 4), c[7]
    (0.5774, 0.0)
    """
    c = _compile(G, weight)
    _undirected(c, "eigenvector")
    n = c.graph.vcount()
    scores = np.zeros(n)
    if c.graph.ecount() == 0:
        return c.as_dict(scores.tolist())
    A = _adjacency(c, weight)
    membership = np.asarray(c.graph.connected_components().membership, dtype=np.int64)
    order = np.argsort(membership, kind="stable")
    bounds = np.searchsorted(membership[order], np.arange(membership.max() + 2))
    members = [order[bounds[k] : bounds[k + 1]] for k in leading_contenders(A, membership)]
    best: tuple[float, np.ndarray] | None = None
    for nodes, value in zip(members, _leading_values(A, members)):
        if best is None or value > best[0] + 1e-12:
            best = (value, nodes)
    assert best is not None
    nodes = best[1]
    scores[nodes] = _leading_vector(A[nodes][:, nodes])
    return c.as_dict(scores.tolist())


def leading_contenders(A: sp.csr_array, membership: np.ndarray, rounds: int = 300) -> list[int]:
    """The components (in order) whose leading eigenvalue may be the largest of the graph.

    ``A`` is a symmetric non-negative adjacency matrix, ``membership[i]`` the component of
    row ``i`` (components numbered from 0); components of one node never contend.

    For ``x > 0`` on a connected component, ``xᵀAx / xᵀx ≤ λ ≤ max_i (Ax)_i / x_i``; iterating
    ``x ← (A + I)x`` on every component at once tightens both bounds, and a component whose
    upper bound falls below another's lower bound is out.
    """
    k = int(membership.max()) + 1
    size = np.bincount(membership, minlength=k)
    alive = np.flatnonzero(size >= 2)
    nodes = np.flatnonzero(size[membership] >= 2)
    B, group = A[nodes][:, nodes], np.searchsorted(alive, membership[nodes])
    x = np.ones(len(nodes))
    for _ in range(rounds):
        y = B @ x
        lower = np.bincount(group, x * y, len(alive)) / np.bincount(group, x * x, len(alive))
        upper = np.full(len(alive), -np.inf)
        np.maximum.at(upper, group, y / x)
        keep = upper >= lower.max() - _CONTEST_SLACK * max(lower.max(), 1.0)
        if not keep.all():
            inside = keep[group]
            alive, nodes, lower, upper = alive[keep], nodes[inside], lower[keep], upper[keep]
            B, x, y = B[inside][:, inside], x[inside], y[inside]
            group = np.cumsum(keep)[group[inside]] - 1
        # Done when one is left, or when the rest are tied within the slack (no round can split them).
        if len(alive) == 1 or np.all(upper - lower <= _CONTEST_SLACK * np.maximum(upper, 1.0)):
            break
        x = y + x
        x /= np.sqrt(np.bincount(group, x * x, len(alive)))[group]
    return alive.tolist()


def _leading_values(A: sp.csr_array, members: list[np.ndarray]) -> list[float]:
    """The leading eigenvalue of each component; small ones densely, in one batch per size."""
    import scipy.sparse.linalg as sla

    values: list[float] = [0.0] * len(members)
    by_size: dict[int, list[int]] = {}
    for i, nodes in enumerate(members):
        if len(nodes) <= _DENSE_LIMIT:
            by_size.setdefault(len(nodes), []).append(i)
        else:
            values[i] = float(sla.eigsh(A[nodes][:, nodes], k=1, which="LA", return_eigenvectors=False)[0])
    for size, which in by_size.items():
        step = max(1, 4_000_000 // (size * size))
        for s in range(0, len(which), step):
            batch = which[s : s + step]
            dense = np.stack([A[members[i]][:, members[i]].toarray() for i in batch])
            for i, value in zip(batch, np.linalg.eigvalsh(dense)[:, -1]):
                values[i] = float(value)
    return values


def _leading_vector(H: sp.csr_array) -> np.ndarray:
    """The unit-norm, non-negative principal eigenvector of a connected component."""
    import scipy.sparse.linalg as sla

    if H.shape[0] <= _DENSE_LIMIT:
        vector = np.linalg.eigh(H.toarray())[1][:, -1]
    else:
        vector = sla.eigsh(H, k=1, which="LA")[1][:, 0]
    return np.abs(vector) / (np.linalg.norm(vector) or 1.0)
