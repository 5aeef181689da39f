"""Gould–Fernandez brokerage roles on a directed graph with node groups.

Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a formal approach to
brokerage in transaction networks. *Sociological Methodology* 19, 89–126.

A node ``b`` brokers when ``a → b → c`` and there is no tie ``a → c`` (a, b, c distinct).
With ``A(x)`` the group of ``x``, the triad is counted for ``b`` as:

============== =============================== ===========================================
role           groups                          reading
============== =============================== ===========================================
coordinator    A(a) = A(b) = A(c)              mediates inside its own group
itinerant      A(a) = A(c) ≠ A(b)              an outsider mediating inside another group
                                               (also called consultant)
representative A(a) = A(b) ≠ A(c)              speaks for its group to another
gatekeeper     A(b) = A(c) ≠ A(a)              lets another group in to its own
liaison        A(a), A(b), A(c) all different  links two groups it belongs to neither of
============== =============================== ===========================================

NetworkX has no implementation; this one follows the definitions above (the same as
UCINET's and statnet's ``brokerage``), counting each ordered pair (a, c) once per broker.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

import networkx as nx

ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


def brokerage_role(ga: Hashable, gb: Hashable, gc: Hashable) -> str:
    """The role of the broker ``b`` in the path a → b → c, from the three groups.

    Examples
    --------
    >>> brokerage_role(1, 1, 1), brokerage_role(1, 2, 1), brokerage_role(1, 1, 2)
    ('coordinator', 'itinerant', 'representative')
    >>> brokerage_role(2, 1, 1), brokerage_role(1, 2, 3)
    ('gatekeeper', 'liaison')
    """
    if ga == gb == gc:
        return "coordinator"
    if ga == gc:
        return "itinerant"
    if ga == gb:
        return "representative"
    if gb == gc:
        return "gatekeeper"
    return "liaison"


def brokerage(G: nx.DiGraph, groups: Mapping[Any, Hashable]) -> dict[Hashable, dict[str, int]]:
    """Count the brokerage roles of every node of a directed graph.

    Parameters
    ----------
    G : networkx.DiGraph
        The directed network (edge direction is the flow: a → b means a sends to b).
    groups : mapping
        The group of each node; a node missing from it is a group of its own.

    Returns
    -------
    dict
        ``{node: {role: count}}`` for every node, every role present (zeros included), plus
        ``"total"``.

    Examples
    --------
    >>> G = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> brokerage(G, {"a": 1, "b": 2, "c": 3})["b"]["liaison"]
    1
    """
    if not G.is_directed():
        raise nx.NetworkXError("brokerage needs a directed graph")
    group = {n: groups.get(n, ("own", n)) for n in G}
    result = {n: dict.fromkeys((*ROLES, "total"), 0) for n in G}
    for b in G:
        for a in G.predecessors(b):
            if a == b:
                continue
            for c in G.successors(b):
                if c in (a, b) or G.has_edge(a, c):
                    continue
                role = brokerage_role(group[a], group[b], group[c])
                result[b][role] += 1
                result[b]["total"] += 1
    return result
