"""Positions for the interactive pages, computed before the page is written (issue 13).

Each connected component is laid out alone (Kamada-Kawai, Fruchterman-Reingold or pivot MDS by
size, all in igraph), overlapping discs are pushed apart, and the components are packed in
shelves; the full view of a plan can be drawn clustered by section. Nothing is random: the same
graph gives the same picture under any hash seed.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import Any

import networkx as nx
import numpy as np

EDGE_PX = {"full": 80.0}  # layout length of an edge, in pixels; 120 elsewhere
KK_MAX = 300  # components up to this size get Kamada-Kawai, larger ones Fruchterman-Reingold
FR_MAX = 1000  # and above this size, pivot MDS (linear time)


def _pivot_mds(g: Any, pivots: int = 50) -> np.ndarray:
    """Pivot MDS (Brandes and Pich 2006): classical scaling of the graph distances to a few
    pivots chosen far apart; one breadth-first search per pivot, so linear in the graph."""
    n = g.vcount()
    k = min(pivots, n)
    D = np.empty((n, k))
    nearest = np.full(n, np.inf)
    p = 0
    for i in range(k):
        D[:, i] = g.distances(source=[p])[0]
        nearest = np.minimum(nearest, D[:, i])
        p = int(np.argmax(nearest))
    C = D**2
    C = -0.5 * (C - C.mean(axis=0) - C.mean(axis=1)[:, None] + C.mean())
    U, S, _ = np.linalg.svd(C, full_matrices=False)
    coords = U[:, :2] * S[:2]
    # Signs of singular vectors are arbitrary: fix them so the picture does not flip.
    return coords * np.where(coords[np.abs(coords).argmax(axis=0), [0, 1]] < 0, -1.0, 1.0)


def _component_coords(n: int, edges: list[tuple[int, int]]) -> np.ndarray:
    """Coordinates of one connected component, about one unit per edge, deterministic.

    Kamada-Kawai up to ``KK_MAX`` nodes, Fruchterman-Reingold up to ``FR_MAX``, pivot MDS
    above, spread so that the nodes of a small-world graph are not all in a few edge lengths.
    """
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return np.array([[-0.5, 0.0], [0.5, 0.0]])
    import igraph as ig

    g = ig.Graph(n=n, edges=edges)
    if n <= KK_MAX:
        # The seed-free start is a circle, so the result is the same on every run.
        coords = np.array(g.layout_kamada_kawai().coords)
    elif n <= FR_MAX:
        start = np.random.default_rng(42).uniform(-1.0, 1.0, (n, 2)) * math.sqrt(n)
        coords = np.array(g.layout_fruchterman_reingold(seed=start.tolist(), grid="nogrid").coords)
    else:
        coords = _pivot_mds(g)
        extent = float(np.ptp(coords, axis=0).max()) or 1.0
        return (coords - coords.mean(axis=0)) / extent * math.sqrt(n) * 0.5
    if edges:
        a, b = np.array(edges).T
        median = float(np.median(np.hypot(*(coords[a] - coords[b]).T)))
        if median > 0:
            coords = coords / median
    return coords - coords.mean(axis=0)


def _separate(xy: np.ndarray, radii: np.ndarray, pad: float, rounds: int = 40) -> np.ndarray:
    """Push apart nodes whose discs (plus ``pad``) overlap; pairs found with a k-d tree."""
    if len(xy) < 2:
        return xy
    from scipy.spatial import cKDTree

    reach = 2 * float(radii.max()) + pad
    for _ in range(rounds):
        pairs = cKDTree(xy).query_pairs(reach, output_type="ndarray")
        if not len(pairs):
            break
        i, j = pairs.T
        delta = xy[j] - xy[i]
        dist = np.hypot(*delta.T)
        need = radii[i] + radii[j] + pad
        over = dist < need
        if not over.any():
            break
        i, j, delta, dist, need = i[over], j[over], delta[over], dist[over], need[over]
        # Coincident nodes move apart along a fixed direction per pair, for determinism.
        angle = (i * 7919 + j * 104729) % 360 * math.pi / 180
        unit = np.where(
            dist[:, None] > 1e-9,
            delta / np.maximum(dist, 1e-9)[:, None],
            np.column_stack([np.cos(angle), np.sin(angle)]),
        )
        push = unit * ((need - dist) / 2)[:, None]
        np.add.at(xy, i, -push)
        np.add.at(xy, j, push)
    return xy


def _pack(boxes: list[tuple[float, float]], gap: float, aspect: float = 1.5) -> list[tuple[float, float]]:
    """Top-left corners of boxes (largest first) packed in shelves about ``aspect`` times wider than tall."""
    area = sum((w + gap) * (h + gap) for w, h in boxes)
    width = max(max((w for w, _ in boxes), default=0.0), math.sqrt(area * aspect))
    out: list[tuple[float, float]] = []
    x = y = shelf = 0.0
    for w, h in boxes:
        if x > 0 and x + w > width:
            x, y, shelf = 0.0, y + shelf + gap, 0.0
        out.append((x, y))
        x += w + gap
        shelf = max(shelf, h)
    return out


def _ring_coords(
    H: nx.Graph, members: list[Hashable], clusters: dict[Hashable, Hashable], radii: np.ndarray
) -> np.ndarray:
    """The full view clustered by section: each section's tasks in a disc around its node, the
    discs on a ring in document order, every party inside the ring at the mean of its tasks
    pulled towards the centre (a unit of one section sits by it, one of many in the middle).
    Linear in the size of the graph."""
    at = {n: i for i, n in enumerate(members)}
    xy = np.zeros((len(members), 2))
    # Every section is a slot on the ring, in document order: 二、 stands just before its （一）.
    order = [n for n in members if n in clusters.values() or H.nodes[n].get("kind") == "section"]
    tasks: dict[Hashable, list[Hashable]] = {c: [] for c in order}
    for n in members:
        if n in clusters and clusters[n] != n and clusters[n] in tasks:
            tasks[clusters[n]].append(n)
    step, golden = 30.0, math.pi * (3 - math.sqrt(5))
    reach = {c: step * math.sqrt(len(tasks[c]) + 1) + 30.0 for c in order}
    total = sum(2 * r + 40.0 for r in reach.values())
    ring = max(total / (2 * math.pi), 2 * max(reach.values()))
    arc = 0.0
    for c in order:
        angle = -math.pi / 2 + 2 * math.pi * (arc + reach[c] + 20.0) / total
        arc += 2 * reach[c] + 40.0
        centre = np.array([math.cos(angle), math.sin(angle)]) * ring
        xy[at[c]] = centre
        for j, t in enumerate(tasks[c]):
            rho = step * math.sqrt(j + 1.5)
            xy[at[t]] = centre + rho * np.array([math.cos(j * golden), math.sin(j * golden)])
    placed = set(order) | {t for c in order for t in tasks[c]}
    # Parties at the mean of their tasks, a little inside: by their section when they have one,
    # towards the middle when their tasks are all round the ring.
    for n in members:
        if n not in placed:
            near = [xy[at[m]] for m in sorted((m for m in H.neighbors(n) if m in placed), key=at.__getitem__)]
            if near:
                xy[at[n]] = np.mean(near, axis=0) * 0.8
    return _separate(xy, radii, pad=12.0, rounds=120)


def _text_half_width(text: str) -> float:
    """About half the width in pixels of a 12 px label: Chinese characters 12 px, others 7."""
    return sum(12.0 if ord(ch) > 0x2E80 else 7.0 for ch in text) / 2


def layout(
    G: nx.Graph,
    radii: dict[Hashable, float] | None = None,
    edge_px: float = 120.0,
    clusters: dict[Hashable, Hashable] | None = None,
) -> dict[Hashable, tuple[float, float]]:
    """Positions in pixels: each connected component laid out alone, then components packed.

    Kamada-Kawai for components up to ``KK_MAX`` nodes, grid Fruchterman-Reingold above (both
    compiled, in igraph), discs of ``radii`` pushed apart, the largest component first, with
    room for the labels. Laying out components one by one costs the sum of their sizes'
    squares, not the square of the whole, and nothing is random: the same graph gives the same
    picture. With ``clusters`` (task or section -> its innermost section), a component of more
    than one section is drawn clustered by section (``_ring_coords``).

    Examples
    --------
    >>> pos = layout(nx.Graph([("a", "b"), ("b", "c"), ("x", "y")]))
    >>> sorted(pos), pos == layout(nx.Graph([("a", "b"), ("b", "c"), ("x", "y")]))
    (['a', 'b', 'c', 'x', 'y'], True)
    """
    H = G.to_undirected(as_view=True) if G.is_directed() else G
    radius = radii or {}
    pieces = sorted(nx.connected_components(H), key=lambda c: -len(c))
    index = {n: i for i, n in enumerate(G)}
    laid: list[tuple[list[Hashable], np.ndarray, tuple[float, float]]] = []
    for nodes in pieces:
        members = sorted(nodes, key=index.__getitem__)
        r = np.array([radius.get(n, 8.0) for n in members])
        if clusters and len({clusters[n] for n in members if n in clusters}) > 1:
            xy = _ring_coords(H, members, clusters, r)
        else:
            local = {n: i for i, n in enumerate(members)}
            # Sorted: a subgraph view iterates its nodes in the order of a set, which varies by run.
            edges = sorted((local[u], local[v]) for u in members for v in H[u] if local[u] < local.get(v, -1))
            xy = _component_coords(len(members), edges) * edge_px
            if len(members) > 2:
                xy = _separate(xy, r, pad=edge_px * 0.25, rounds=40 if len(members) <= FR_MAX else 10)
        half = np.maximum(r, [_text_half_width(str(G.nodes[n].get("label", ""))) for n in members])
        lo = np.array([(xy[:, 0] - half).min(), (xy[:, 1] - r).min()])
        hi = np.array([(xy[:, 0] + half).max(), (xy[:, 1] + r + 16.0).max()])
        laid.append((members, xy - lo, (float(hi[0] - lo[0]), float(hi[1] - lo[1]))))
    corners = _pack([box for *_, box in laid], gap=edge_px * 0.4)
    positions: dict[Hashable, tuple[float, float]] = {}
    for (members, xy, _), (cx, cy) in zip(laid, corners):
        for n, (px, py) in zip(members, xy):
            positions[n] = (round(float(px + cx), 1), round(float(py + cy), 1))
    return positions
