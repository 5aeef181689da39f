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

Listing the two-paths a → b → c costs in(b)·out(b) for a broker b, quadratic in a hub's
degree. For such a broker the pairs are counted instead from the groups of its senders and
receivers (products of counts), and the pairs that do not count are taken off: a = c (a
reciprocated tie), and the closed ones, each a tie a → c with c ∈ out(a) ∩ out(b) found by
scanning the smaller set. Each broker takes the cheaper way, so the whole costs
O(m + Σ_{a→b} min(out(a), out(b))): at most O(m·√m), and linear in the edges times the
average degree on plan networks, hubs or not. Measured on 20,000 plan-shaped units: 0.07 s
on the dependencies, 0.3 s on co-assignment (every tie both ways; listing: 0.7 s); on 20,000
nodes around 50 hubs of 2,400 ties each, 0.14 s where listing the two-paths takes 16 s.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
        Self-loops are ignored.
    groups : mapping
        The group of each node; a node missing from it is a group of its own.

    Returns
    -------
    dict
        ``{node: {role: count}}`` for every node, every role present (zeros included), plus
        ``"total"``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> brokerage(G, {"a": 1, "b": 2, "c": 3})["b"]["liaison"]
    1
    >>> G.add_edge("a", "c")  # closed: b is no longer needed
    >>> brokerage(G, {"a": 1, "b": 2, "c": 3})["b"]["total"]
    0
    """
    if not G.is_directed():
        from networkx import NetworkXError

        raise NetworkXError("brokerage needs a directed graph")
    group = {n: groups.get(n, ("own", n)) for n in G}
    # Plain sets, self-loops dropped: NetworkX's adjacency views cost more than the counting.
    succ = {n: set(nbrs) - {n} for n, nbrs in G.adjacency()}
    pred: dict[Hashable, set[Hashable]] = {n: set() for n in G}
    for a, receivers in succ.items():
        for c in receivers:
            pred[c].add(a)
    counts = {n: dict.fromkeys(ROLES, 0) for n in G}
    for b in G:
        senders, receivers = pred[b], succ[b]
        if not senders or not receivers:
            continue
        # Closing pairs a → c cost Σ_a min(out(a), out(b)) to find; listing the pairs, in·out.
        closing = sum(min(len(succ[a]), len(receivers)) for a in senders)
        if len(senders) * len(receivers) <= len(senders) + len(receivers) + closing:
            _enumerate(b, senders, receivers, succ, group, counts[b])
        else:
            _aggregate(b, senders, receivers, succ, group, counts[b])
    return {n: {**counts[n], "total": sum(counts[n].values())} for n in G}


def _enumerate(
    b: Hashable,
    senders: set[Hashable],
    receivers: set[Hashable],
    succ: dict[Hashable, set[Hashable]],
    group: dict[Hashable, Hashable],
    row: dict[str, int],
) -> None:
    """Count b's roles pair by pair: every a → b → c with a ≠ c and no tie a → c."""
    gb = group[b]
    for a in senders:
        ga, out_a = group[a], succ[a]
        for c in receivers:
            if c != a and c not in out_a:
                row[brokerage_role(ga, gb, group[c])] += 1


def _aggregate(
    b: Hashable,
    senders: set[Hashable],
    receivers: set[Hashable],
    succ: dict[Hashable, set[Hashable]],
    group: dict[Hashable, Hashable],
    row: dict[str, int],
) -> None:
    """Count b's roles from group counts, then take off the pairs a = c and the closed ones."""
    gb = group[b]
    into, out = Counter(group[a] for a in senders), Counter(group[c] for c in receivers)
    own_in, own_out = into.get(gb, 0), out.get(gb, 0)
    other_in, other_out = len(senders) - own_in, len(receivers) - own_out
    small, large = (into, out) if len(into) <= len(out) else (out, into)
    same_outside = sum(k * large.get(g, 0) for g, k in small.items() if g != gb)
    row["coordinator"] += own_in * own_out
    row["itinerant"] += same_outside
    row["representative"] += own_in * other_out
    row["gatekeeper"] += other_in * own_out
    row["liaison"] += other_in * other_out - same_outside
    for a in senders:
        ga, out_a = group[a], succ[a]
        if a in receivers:  # a → b → a
            row[brokerage_role(ga, gb, ga)] -= 1
        scan, other = (out_a, receivers) if len(out_a) <= len(receivers) else (receivers, out_a)
        for c in scan:
            if c in other:  # a → b → c closed by a → c
                row[brokerage_role(ga, gb, group[c])] -= 1
