"""NetworkX views of the knowledge graph, built from a SPARQL SELECT (queries/assignments.rq).

Because the views come from a query over the ontology, any conforming RDF can be analysed,
not only plans parsed in this session. Views (``VIEWS``):

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

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import networkx as nx

from taskgraph.errors import UsageError
from taskgraph.query import get_query

VIEWS = ("full", "units", "dependencies", "leaders", "coleaders")
COLLECTIVES = ("exclude", "include", "separate")
GROUPS = ("keep", "expand")
UNIT_ROLES = ("lead_unit", "responsible_unit", "cooperating_unit")


@dataclass(frozen=True)
class Party:
    """A leader or unit of the graph: IRI, canonical name and kind."""

    iri: str
    name: str
    kind: str  # person | unit | collective | group
    is_leader: bool


@dataclass
class TaskRecord:
    """One task with the parties in each role, in written order."""

    iri: str
    number: int
    text: str
    plan: str
    plan_title: str
    section: str | None
    section_title: str | None
    subsection: str | None
    subsection_title: str | None
    parties: dict[str, list[Party]]

    def units(self, roles: tuple[str, ...] = UNIT_ROLES) -> list[Party]:
        seen, out = set(), []
        for role in roles:
            for p in self.parties.get(role, []):
                if p.iri not in seen:
                    seen.add(p.iri)
                    out.append(p)
        return out


@dataclass
class Assignments:
    """Every task of the graph with its parties, and the groups' members."""

    tasks: list[TaskRecord]
    groups: dict[str, list[Party]]

    def filtered(self, collectives: str = "exclude", groups: str = "expand") -> Assignments:
        """The same tasks with collectives dropped (unless included) and groups expanded on request."""
        _check(collectives, COLLECTIVES, "collectives")
        _check(groups, GROUPS, "groups")
        tasks = []
        for t in self.tasks:
            parties: dict[str, list[Party]] = {}
            for role, ps in t.parties.items():
                out: list[Party] = []
                for p in ps:
                    if p.kind == "collective" and collectives != "include":
                        continue
                    members = self.groups.get(p.iri) if p.kind == "group" and groups == "expand" else None
                    for q in members or [p]:
                        if q not in out:
                            out.append(q)
                parties[role] = out
            tasks.append(TaskRecord(**{**t.__dict__, "parties": parties}))
        return Assignments(tasks, self.groups)


def _check(value: str, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        raise UsageError(f"unknown {what} option {value!r} (one of {', '.join(allowed)})")


def read_assignments(store: Any) -> Assignments:
    """Read tasks and parties from an Oxigraph store (see :func:`taskgraph.query.load_store`)."""
    tasks: dict[str, TaskRecord] = {}
    parties: dict[tuple[str, str, str, bool], Party] = {}  # one object per party: less memory

    def value(term: Any) -> Any:
        return None if term is None else term.value

    # Straight from Oxigraph's solutions: converting every cell through Result costs half the
    # time on large corpora (450k rows for 1,000 plans).
    for sol in store.query(get_query("assignments").text, use_default_graph_as_union=True):
        iri = sol["task"].value
        t = tasks.get(iri)
        if t is None:
            t = tasks[iri] = TaskRecord(
                iri,
                int(sol["number"].value),
                value(sol["text"]) or "",
                value(sol["plan"]) or "",
                value(sol["plan_title"]) or "",
                value(sol["section"]),
                value(sol["section_title"]),
                value(sol["subsection"]),
                value(sol["subsection_title"]),
                {},
            )
        role = sol["role"].value
        key = (sol["agent"].value, sol["name"].value, sol["kind"].value, role == "lead_leader")
        party = parties.get(key)
        if party is None:
            party = parties[key] = Party(*key)
        listed = t.parties.setdefault(role, [])
        if party not in listed:
            listed.append(party)
    groups: dict[str, list[Party]] = defaultdict(list)
    members = store.query(
        "PREFIX tg: <https://w3id.org/taskgraph/ontology#> PREFIX org: <http://www.w3.org/ns/org#> "
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT ?g ?m ?name WHERE { ?g a tg:UnitGroup ; org:hasMember ?m . ?m skos:prefLabel ?name } "
        "ORDER BY ?g ?name",
        use_default_graph_as_union=True,
    )
    for sol in members:
        groups[sol["g"].value].append(Party(sol["m"].value, sol["name"].value, "unit", False))
    ordered = sorted(tasks.values(), key=lambda t: (t.plan, t.number, t.iri))
    return Assignments(ordered, dict(groups))


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
            plan=t.plan_title,
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


def units_graph(a: Assignments) -> nx.Graph:
    """Unit–unit co-assignment: ``weight`` shared tasks, ``newman`` collaboration weight."""
    G = nx.Graph(view="units")
    for t in a.tasks:
        units = t.units()
        for p in units:
            _node(G, p)
        if len(units) < 2:
            continue
        share = 1.0 / (len(units) - 1)
        for p, q in combinations(units, 2):
            _tie(G, p.iri, q.iri, newman=share)
    return G


def dependency_graph(a: Assignments) -> nx.DiGraph:
    """Directed lead unit → responsible or cooperating unit on the same task; ``weight`` = tasks."""
    G = nx.DiGraph(view="dependencies")
    for t in a.tasks:
        leads = t.parties.get("lead_unit", [])
        others = t.units(("responsible_unit", "cooperating_unit"))
        for p in leads + others:
            _node(G, p)
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
    _check(view, VIEWS, "view")
    return _BUILDERS[view](a.filtered(collectives, groups))


def to_networkx(
    source: Any, view: str = "full", collectives: str = "exclude", groups: str = "expand"
) -> nx.Graph:
    """A NetworkX view of a store, an rdflib Dataset or a parsed Plan (or list of plans).

    Examples
    --------
    >>> from taskgraph.parse import parse_plan
    >>> plan = parse_plan("一、目标\\n1.甲。（牵头单位：县财政局、县商务局；责任单位：县统计局）")
    >>> G = to_networkx(plan, view="units")
    >>> sorted(G.nodes[n]["label"] for n in G), G.number_of_edges()
    (['县商务局', '县统计局', '县财政局'], 3)
    """
    return build_view(read_assignments(as_store(source)), view, collectives, groups)


def as_store(source: Any) -> Any:
    """An Oxigraph store from a store, an rdflib Dataset, a Plan or a list of Plans."""
    from taskgraph.model import Plan
    from taskgraph.query import to_store
    from taskgraph.rdf import to_rdf

    if isinstance(source, Plan) or (
        isinstance(source, (list, tuple)) and source and isinstance(source[0], Plan)
    ):
        return to_store(to_rdf(source))
    if hasattr(source, "quads") and hasattr(source, "serialize"):
        return to_store(source)
    return source
