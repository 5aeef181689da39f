"""NetworkX views of a set of plans, built from :class:`~taskgraph.assignments.Assignments`.

The records come straight from parsed plans or from any conforming RDF (a file, a store, an
endpoint); the views are the same either way. Views (``VIEWS``, terms of the registry):

- ``full``: the heterogeneous graph: task, unit, leader and section nodes; edges labelled by role.
- ``units``: unit–unit co-assignment projection; ``weight`` = shared tasks, ``newman`` =
  Newman's collaboration weight, the sum over shared tasks of 1/(n_t − 1).
- ``dependencies``: directed lead unit → responsible/cooperating unit, ``weight`` = tasks.
- ``leaders``: leader–unit oversight (a leader and a lead unit named on the same task).
- ``coleaders``: leader–leader co-oversight, ``weight`` = tasks overseen together.

Collectives (各镇人民政府〔街道办事处〕 …) touch nearly every task, so ``collectives="exclude"``
is the default; ``"include"`` keeps them as nodes. A group (县属开发区管委会) is shorthand for
its member units, so by default (``groups="expand"``) it is replaced by them; ``"keep"`` keeps
it as one node.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

import networkx as nx

from taskgraph.assignments import Assignments, Party, TaskRecord
from taskgraph.registry import VIEWS as VIEW_TERMS
from taskgraph.registry import check

VIEWS = tuple(VIEW_TERMS)


def _node(G: nx.Graph, p: Party) -> None:
    if p.iri not in G:
        G.add_node(
            p.iri,
            label=p.name,
            kind=("leader" if p.is_leader and p.kind == "person" else p.kind),
            collective=p.kind == "collective",
            leader=p.is_leader,
        )


def _tie(G: nx.Graph, u: str, v: str, **extra: float) -> None:
    """Add one to the ``weight`` of the tie u–v (and to each ``extra`` attribute), creating it."""
    if G.has_edge(u, v):
        data = G.edges[u, v]
        data["weight"] += 1
        for key, value in extra.items():
            data[key] += value
    else:
        G.add_edge(u, v, weight=1, **extra)


def full_graph(a: Assignments) -> nx.Graph:
    """Task, section, unit and leader nodes; task–party edges carry ``role``."""
    G = nx.Graph(view="full")
    for t in a.tasks:
        G.add_node(
            t.iri,
            label=f"任务{t.number}",
            kind="task",
            number=t.number,
            text=t.text,
            section=t.section_title or "",
            subsection=t.subsection_title or "",
            plan=a.plan_title(t),
        )
        for sec, title, kind in (
            (t.section, t.section_title, "section"),
            (t.subsection, t.subsection_title, "section"),
        ):
            if sec:
                G.add_node(sec, label=title or "", kind=kind)
        if t.subsection and t.section:
            G.add_edge(t.subsection, t.section, role="part_of")
        inner = t.subsection or t.section
        if inner:
            G.add_edge(t.iri, inner, role="part_of")
        for role, parties in t.parties.items():
            for p in parties:
                _node(G, p)
                if G.has_edge(t.iri, p.iri):
                    G.edges[t.iri, p.iri]["role"] += "+" + role
                else:
                    G.add_edge(t.iri, p.iri, role=role)
    return G


# A task naming more parties than this is left out of the co-assignment projection (its units
# stay as nodes): 10,000 units on one task would make a clique of 50 million ties (issue 14).
# Real plans name at most a few dozen per task. Each task left out is listed in
# ``G.graph["too_many_parties"]`` and reported as a warning.
MAX_PARTIES = 150


def units_graph(a: Assignments) -> nx.Graph:
    """Unit–unit co-assignment: ``weight`` shared tasks, ``newman`` collaboration weight."""
    G = nx.Graph(view="units", too_many_parties=[])
    for t in a.tasks:
        units = t.units()
        for p in units:
            _node(G, p)
        if len(units) < 2:
            continue
        if len(units) > MAX_PARTIES:
            G.graph["too_many_parties"].append((t.iri, len(units)))
            continue
        share = 1.0 / (len(units) - 1)
        for p, q in combinations(units, 2):
            _tie(G, p.iri, q.iri, newman=share)
    return G


def dependency_graph(a: Assignments) -> nx.DiGraph:
    """Directed lead unit → responsible or cooperating unit on the same task; ``weight`` = tasks."""
    G = nx.DiGraph(view="dependencies", too_many_parties=[])
    for t in a.tasks:
        leads = t.parties.get("lead_unit", [])
        others = t.units(("responsible_unit", "cooperating_unit"))
        for p in leads + others:
            _node(G, p)
        if len(leads) * len(others) > MAX_PARTIES * MAX_PARTIES // 2:
            G.graph["too_many_parties"].append((t.iri, len(leads) + len(others)))
            continue
        for p in leads:
            for q in others:
                if p.iri != q.iri:
                    _tie(G, p.iri, q.iri)
    return G


def leaders_graph(a: Assignments) -> nx.Graph:
    """Leader–unit oversight: a leader and a lead unit named on the same task; ``weight`` = tasks."""
    G = nx.Graph(view="leaders")
    for t in a.tasks:
        for leader in t.parties.get("lead_leader", []):
            _node(G, leader)
            for unit in t.parties.get("lead_unit", []):
                _node(G, unit)
                _tie(G, leader.iri, unit.iri)
    return G


def coleaders_graph(a: Assignments) -> nx.Graph:
    """Leader–leader co-oversight; ``weight`` = tasks overseen together."""
    G = nx.Graph(view="coleaders")
    for t in a.tasks:
        leaders = t.parties.get("lead_leader", [])
        for p in leaders:
            _node(G, p)
        for p, q in combinations(leaders, 2):
            _tie(G, p.iri, q.iri)
    return G


_BUILDERS = {
    "full": full_graph,
    "units": units_graph,
    "dependencies": dependency_graph,
    "leaders": leaders_graph,
    "coleaders": coleaders_graph,
}


def build_view(
    a: Assignments, view: str = "full", collectives: str = "exclude", groups: str = "expand"
) -> nx.Graph:
    """One of ``VIEWS`` from assignments already read."""
    check(view, VIEW_TERMS, "view")
    return _BUILDERS[view](a.filtered(collectives, groups))


def to_networkx(
    source: Any, view: str = "full", collectives: str = "exclude", groups: str = "expand"
) -> nx.Graph:
    """A NetworkX view of a :class:`~taskgraph.corpus.Corpus`, a parsed Plan (or list of plans),
    or :class:`~taskgraph.assignments.Assignments`.

    Examples
    --------
    >>> from taskgraph.parse import parse_plan
    >>> plan = parse_plan("一、目标\\n1.甲。（牵头单位：县财政局、县商务局；责任单位：县统计局）")
    >>> G = to_networkx(plan, view="units")
    >>> sorted(G.nodes[n]["label"] for n in G), G.number_of_edges()
    (['县商务局', '县统计局', '县财政局'], 3)
    """
    from taskgraph.corpus import as_assignments

    return build_view(as_assignments(source), view, collectives, groups)


__all__ = ["VIEWS", "Assignments", "Party", "TaskRecord", "build_view", "to_networkx"]
