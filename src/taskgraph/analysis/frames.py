"""Analysis tables as pandas DataFrames: units, leaders, tasks, and whole-network figures."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import networkx as nx
import pandas as pd

from taskgraph.analysis.brokerage import ROLES, brokerage
from taskgraph.analysis.load import coordination_load
from taskgraph.analysis.measures import freeman_degree_centralization, louvain, unit_centralities
from taskgraph.analysis.portfolio import attribute_joint_tasks, infer_portfolios
from taskgraph.assignments import Assignments
from taskgraph.errors import UsageError
from taskgraph.network import build_view, coleaders_graph, dependency_graph, units_graph
from taskgraph.registry import COLLECTIVES

BROKERAGE_GROUPS = ("section", "leader")


def as_assignments(source: Any) -> Assignments:
    from taskgraph.corpus import as_assignments as convert

    return convert(source)


BROKERAGE_NETWORKS = ("dependencies", "coassignment")
UNIT_COLUMNS = [
    "unit", "kind", "tasks_led", "co_led", "responsible", "cooperating", "coordination_load", "degree",
    "strength", "newman_strength", "betweenness", "closeness", "eigenvector", "pagerank", "constraint",
    "effective_size", "core", "community", *(f"brokerage_{r}" for r in (*ROLES, "total")), "overseer",
    "overseer_confidence", "iri",
]  # fmt: skip
LEADER_COLUMNS = [
    "leader", "kind", "tasks", "sole_tasks", "joint_tasks", "units_overseen", "portfolio_units", "sections",
    "subsections", "co_leaders", "co_oversight_tasks", "iri",
]  # fmt: skip


def _role_counts(a: Assignments) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for t in a.tasks:
        leads = {p.iri for p in t.parties.get("lead_unit", [])}
        for iri in leads:
            counts[iri]["tasks_led"] += 1
            counts[iri]["co_led"] += len(leads) > 1
        for role, key in (("responsible_unit", "responsible"), ("cooperating_unit", "cooperating")):
            for iri in {p.iri for p in t.parties.get(role, [])}:
                counts[iri][key] += 1
    return counts


def unit_groups(a: Assignments, by: str = "section") -> dict[str, str]:
    """A group for each unit, for brokerage: the section it leads most tasks in, or its overseer.

    A unit that leads nothing takes the section it is most often responsible in (``section``)
    or stays a group of its own (``leader``).
    """
    if by not in BROKERAGE_GROUPS:
        raise UsageError(f"unknown brokerage grouping {by!r} (one of {', '.join(BROKERAGE_GROUPS)})")
    if by == "leader":
        return {u: o.leader for u, o in infer_portfolios(a).items() if o.leader}
    lead: dict[str, Counter[str]] = defaultdict(Counter)
    other: dict[str, Counter[str]] = defaultdict(Counter)
    for t in a.tasks:
        where = t.subsection or t.section or ""
        for p in t.parties.get("lead_unit", []):
            lead[p.iri][where] += 1
        for p in t.units(("responsible_unit", "cooperating_unit")):
            other[p.iri][where] += 1
    groups = {}
    for unit in set(lead) | set(other):
        c = lead.get(unit) or other[unit]
        groups[unit] = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return groups


def unit_table(
    assignments: Any,
    collectives: str = "exclude",
    groups: str = "expand",
    brokerage_by: str = "section",
    brokerage_on: str = "dependencies",
) -> pd.DataFrame:
    """One row per unit: role counts, coordination load, centralities, brokerage, community.

    ``collectives="separate"`` computes every measure without collectives, then appends the
    collectives' own rows with their counts and load only. Brokerage runs on the directed
    lead → responsible graph (``brokerage_on="dependencies"``), or on the co-assignment
    graph with each tie in both directions (``"coassignment"``); units are grouped by the
    section they lead most tasks in (``brokerage_by="section"``) or by overseeing leader.
    """
    assignments = as_assignments(assignments)
    if brokerage_on not in BROKERAGE_NETWORKS:
        raise UsageError(
            f"unknown brokerage network {brokerage_on!r} (one of {', '.join(BROKERAGE_NETWORKS)})"
        )
    if collectives not in COLLECTIVES:
        raise UsageError(f"unknown collectives option {collectives!r} (one of {', '.join(COLLECTIVES)})")
    a = assignments.filtered("include" if collectives == "include" else "exclude", groups)
    U, D = units_graph(a), dependency_graph(a)
    measures = unit_centralities(U, D)
    community, _ = louvain(U)
    broker = brokerage(D if brokerage_on == "dependencies" else U.to_directed(), unit_groups(a, brokerage_by))
    load = coordination_load(a)
    counts = _role_counts(a)
    portfolios = infer_portfolios(a)
    leader_names = _leader_names(a)
    rows = []
    for iri in U.nodes:
        c = counts.get(iri, Counter())
        o = portfolios.get(iri)
        row = {
            "unit": U.nodes[iri]["label"],
            "kind": U.nodes[iri]["kind"],
            "tasks_led": c["tasks_led"],
            "co_led": c["co_led"],
            "responsible": c["responsible"],
            "cooperating": c["cooperating"],
            "coordination_load": round(load.get(iri, 0.0), 4),
        }
        for key in (
            "degree",
            "strength",
            "newman_strength",
            "betweenness",
            "closeness",
            "eigenvector",
            "pagerank",
            "constraint",
            "effective_size",
            "core",
        ):
            value = measures[key].get(iri, 0.0 if key != "constraint" else float("nan"))
            row[key] = round(float(value), 6) if isinstance(value, float) else value
        row["community"] = community.get(iri)
        for role in (*ROLES, "total"):
            row[f"brokerage_{role}"] = broker.get(iri, {}).get(role, 0)
        row["overseer"] = leader_names.get(o.leader) if o and o.leader else None
        row["overseer_confidence"] = o.confidence if o else None
        row["iri"] = iri
        rows.append(row)
    if collectives == "separate":
        full = assignments.filtered("include", groups)
        full_counts, full_load = _role_counts(full), coordination_load(full)
        seen = set()
        for t in full.tasks:
            for p in t.units():
                if p.kind == "collective" and p.iri not in seen:
                    seen.add(p.iri)
                    c = full_counts[p.iri]
                    rows.append(
                        {
                            "unit": p.name,
                            "kind": "collective",
                            "tasks_led": c["tasks_led"],
                            "co_led": c["co_led"],
                            "responsible": c["responsible"],
                            "cooperating": c["cooperating"],
                            "coordination_load": round(full_load.get(p.iri, 0.0), 4),
                            "iri": p.iri,
                        }
                    )
    frame = pd.DataFrame(rows, columns=UNIT_COLUMNS)
    if not frame.empty:
        frame = frame.sort_values(
            ["coordination_load", "tasks_led", "unit"], ascending=[False, False, True], kind="stable"
        ).reset_index(drop=True)
    # Tasks naming too many parties to project (see network.MAX_PARTIES), for a warning.
    frame.attrs["too_many_parties"] = list(U.graph.get("too_many_parties", ()))
    return frame


def _leader_names(a: Assignments) -> dict[str, str]:
    return {p.iri: p.name for t in a.tasks for p in t.parties.get("lead_leader", [])}


def leader_table(assignments: Any, collectives: str = "exclude") -> pd.DataFrame:
    """One row per leader: tasks, sole/joint tasks, units overseen, portfolio, sections, co-leaders."""
    assignments = as_assignments(assignments)
    a = assignments.filtered("include" if collectives != "exclude" else "exclude", "keep")
    C = coleaders_graph(a)
    stats: dict[str, dict[str, Any]] = {}
    for t in a.tasks:
        leaders = t.parties.get("lead_leader", [])
        for p in leaders:
            s = stats.setdefault(
                p.iri,
                {
                    "leader": p.name,
                    "kind": "person" if p.kind == "person" else "collective",
                    "tasks": 0,
                    "sole_tasks": 0,
                    "joint_tasks": 0,
                    "units": set(),
                    "sections": set(),
                    "subsections": set(),
                },
            )
            s["tasks"] += 1
            s["sole_tasks" if len(leaders) == 1 else "joint_tasks"] += 1
            s["units"] |= {u.iri for u in t.parties.get("lead_unit", [])}
            if t.section:
                s["sections"].add(t.section)
            if t.subsection:
                s["subsections"].add(t.subsection)
    portfolio = Counter(o.leader for o in infer_portfolios(a).values())
    rows = []
    for iri, s in stats.items():
        rows.append(
            {
                "leader": s["leader"],
                "kind": s["kind"],
                "tasks": s["tasks"],
                "sole_tasks": s["sole_tasks"],
                "joint_tasks": s["joint_tasks"],
                "units_overseen": len(s["units"]),
                "portfolio_units": portfolio.get(iri, 0),
                "sections": len(s["sections"]),
                "subsections": len(s["subsections"]),
                "co_leaders": C.degree(iri) if iri in C else 0,
                "co_oversight_tasks": C.degree(iri, weight="weight") if iri in C else 0,
                "iri": iri,
            }
        )
    frame = pd.DataFrame(rows, columns=LEADER_COLUMNS)
    if frame.empty:
        return frame
    return frame.sort_values(["tasks", "leader"], ascending=[False, True], kind="stable").reset_index(
        drop=True
    )


def task_table(assignments: Any) -> pd.DataFrame:
    """One row per task: its place and how many parties of each kind and role it names.

    Examples
    --------
    >>> from taskgraph.parse import parse_plan
    >>> plan = parse_plan("一、目标\\n1.甲。（牵头领导：张三、李四；牵头单位：县财政局；责任单位：各镇人民政府）")
    >>> task_table(plan)[["number", "leaders", "lead_units", "collectives", "joint"]].to_dict("records")
    [{'number': '1', 'leaders': 2, 'lead_units': 1, 'collectives': 1, 'joint': True}]
    """
    assignments = as_assignments(assignments)
    rows = []
    for t in assignments.tasks:
        every = [p for ps in t.parties.values() for p in ps]
        rows.append(
            {
                "number": t.number,
                "section": t.section_title,
                "subsection": t.subsection_title,
                "leaders": len(t.parties.get("lead_leader", [])),
                "lead_units": len(t.parties.get("lead_unit", [])),
                "responsible": len(t.parties.get("responsible_unit", [])),
                "cooperating": len(t.parties.get("cooperating_unit", [])),
                "collectives": sum(1 for p in every if p.kind == "collective"),
                "joint": len(t.parties.get("lead_leader", [])) > 1 or len(t.parties.get("lead_unit", [])) > 1,
                "text": t.text,
                "iri": t.iri,
            }
        )
    return pd.DataFrame(rows)


def joint_attribution_table(assignments: Any) -> pd.DataFrame:
    """Lead units of multi-leader tasks attributed to a leader by portfolio, with evidence."""
    assignments = as_assignments(assignments)
    records = attribute_joint_tasks(assignments)
    names = _leader_names(assignments)
    for r in records:
        r["leader"] = names.get(r["leader"]) if r["leader"] else None
    return pd.DataFrame(
        records, columns=["number", "unit_name", "leader", "evidence", "confidence", "status", "task", "unit"]
    )


def network_summary(assignments: Any, collectives: str = "exclude", groups: str = "expand") -> pd.DataFrame:
    """Whole-network figures per view: nodes, edges, density, degree centralisation, components, modularity."""
    assignments = as_assignments(assignments)
    rows = []
    for view in ("units", "dependencies", "leaders", "coleaders", "full"):
        G = build_view(assignments, view, "include" if collectives == "include" else "exclude", groups)
        U = G.to_undirected() if G.is_directed() else G
        row = {
            "view": view,
            "nodes": G.number_of_nodes(),
            "edges": G.number_of_edges(),
            "density": round(nx.density(G), 6),
            "degree_centralization": round(freeman_degree_centralization(U), 6),
            "components": nx.number_connected_components(U) if U.number_of_nodes() else 0,
        }
        if view == "units":
            membership, q = louvain(G)
            row["communities"] = len(set(membership.values()))
            row["modularity"] = round(q, 6)
        rows.append(row)
    return pd.DataFrame(rows)
