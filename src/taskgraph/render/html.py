"""Interactive HTML: one self-contained page per network view, drawn from its first frame.

Everything the browser needs is computed here and written into the page (issue 13): node
positions (a deterministic layout, so a screenshot taken right after ``load`` or a printed page
shows the graph, not an empty canvas), the colours of every colour mode with their legends
(kind of unit, function, community), which nodes are labelled first, the sections of the full
view with a layout for each, and the tooltips. The page inlines vis-network (shipped with
pyvis) to draw and pan, its own script and style (``templates/page.js``, ``page.css``) and a
subset of the shipped CJK font; it makes no request. The data sits in a JSON block whose
``<``, ``>`` and ``&`` are escaped, and the script puts every text from it on the page with
``textContent``, so markup in a plan stays inert.
"""

from __future__ import annotations

import json
import math
import os
from collections import Counter
from collections.abc import Hashable, Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import networkx as nx
import numpy as np

from taskgraph.errors import UsageError
from taskgraph.render.layout import EDGE_PX, layout

# Node types, drawn the same in every colour mode: (colour, vis-network shape, legend label).
# Units and groups take the colour of the mode; collectives keep theirs, since they stand for
# many unnamed units and their measures are not comparable with one unit's.
NODE_TYPES = {
    "unit": ("#1f77b4", "dot", "unit 单位"),
    "group": ("#1f77b4", "square", "group 单位组"),
    "collective": ("#e1a100", "hexagon", "collective 集合"),
    "leader": ("#c0392b", "star", "leader 领导"),
    "section": ("#6c5ce7", "diamond", "section 部分"),
    "task": ("#a4b0be", "dot", "task 任务"),
}
COLOURED = ("unit", "group")
# Kinds of unit: the top concepts of the function scheme (units/data/functions.ttl). Red, grey,
# purple and amber are left to leaders, tasks, sections and collectives.
KIND_OF_UNIT_COLOURS = {
    "government-department": "#1f77b4",
    "development-zone": "#2ca02c",
    "local-government": "#8c564b",
    "state-enterprise": "#17becf",
    "public-institution": "#bcbd22",
    "vertical-agency": "#ff7f0e",
    "coordination-body": "#e377c2",
    "party-organ": "#393b79",
    "state-organ": "#637939",
    "mass-organisation": "#f7b6d2",
    "armed-forces": "#843c39",
}
# Functions and communities: distinct colours for the most frequent, the rest in OTHER.
PALETTE = (
    "#1f77b4", "#2ca02c", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#bcbd22", "#393b79",
    "#9edae5", "#98df8a", "#ffbb78", "#637939", "#c49c94", "#aec7e8", "#f7b6d2", "#8c6d31",
    "#5254a3", "#dbdb8d", "#843c39", "#7b4173",
)  # fmt: skip
OTHER = "#b8c2cc"
EDGE_ROLES = {  # role: (colour, legend label)
    "lead_leader": ("rgba(192,57,43,0.45)", "牵头领导 lead leader"),
    "lead_unit": ("rgba(45,52,54,0.55)", "牵头单位 lead unit"),
    "responsible_unit": ("rgba(99,110,114,0.30)", "责任单位 responsible unit"),
    "cooperating_unit": ("rgba(99,110,114,0.22)", "配合单位 cooperating unit"),
    "part_of": ("rgba(108,92,231,0.35)", "所属 part of"),
    "": ("rgba(99,110,114,0.35)", "tie"),
}
ROLE_ZH = {
    "lead_leader": "牵头领导",
    "lead_unit": "牵头单位",
    "responsible_unit": "责任单位",
    "cooperating_unit": "配合单位",
}
VIEW_SUBTITLES = {
    "full": "Tasks, sections, units and leaders; an edge joins a task to each party in its role.",
    "units": "Units tied when named on the same task; edge width = shared tasks.",
    "dependencies": "Arrows from a lead unit to each unit responsible on its tasks; width = tasks.",
    "leaders": "Leaders tied to the lead units of the tasks they oversee; width = tasks.",
    "coleaders": "Leaders tied when they oversee the same task; width = tasks.",
}
# Measures a unit's tooltip shows, each with its glossary definition (issue 13).
UNIT_TOOLTIP = ("coordination_load", "tasks_led", "responsible", "betweenness", "community")
MEASURES = (
    "coordination_load", "tasks_led", "co_led", "responsible", "cooperating", "degree", "strength",
    "newman_strength", "betweenness", "closeness", "eigenvector", "pagerank", "constraint",
    "effective_size", "core", "brokerage_total", "tasks",
)  # fmt: skip
SECTION_LAYOUTS_MAX = 400  # sections of more nodes fall back to the whole view's positions
OPEN_ON_SECTION = 60  # a full view of more nodes opens on one section, not on all of them


# --- sections of the full view ----------------------------------------------------------------


class Sections(NamedTuple):
    """The sections of a full view, as the page needs them."""

    info: list[dict[str, Any]]  # in document order: label, depth, tasks, leaf
    of_node: dict[Hashable, list[int]]  # node -> the sections (indexes of info) it is shown in
    members: list[list[Hashable]]  # section index -> its nodes
    clusters: dict[Hashable, Hashable]  # task or innermost section -> that section's node
    tasks: dict[Hashable, int]  # section node -> its tasks, its subsections' included


def _sections(G: nx.Graph) -> Sections:
    """The full view's sections: a section holds its tasks, the parties named on them, its own
    node, its parent's node and its subsections with their tasks; a subsection the same within it.
    """
    sec_nodes = [n for n, d in G.nodes(data=True) if d.get("kind") == "section"]
    if not sec_nodes:
        return Sections([], {}, [], {}, {})
    parent: dict[Hashable, Hashable] = {}
    inner_of: dict[Hashable, Hashable] = {}
    for t, d in G.nodes(data=True):
        if d.get("kind") != "task":
            continue
        inner = next(
            (
                m
                for m in G.neighbors(t)
                if G.nodes[m].get("kind") == "section" and G.edges[t, m].get("role") == "part_of"
            ),
            None,
        )
        if inner is None:
            continue
        inner_of[t] = inner
        if d.get("subsection") and inner not in parent:
            up = [m for m in G.neighbors(inner) if G.nodes[m].get("kind") == "section" and m != inner]
            named = [m for m in up if G.nodes[m].get("label") == d.get("section")] or up
            if named:
                parent[inner] = named[0]
    members: dict[Hashable, set[Hashable]] = {s: {s} for s in sec_nodes}
    tasks: Counter[Hashable] = Counter()
    plans: dict[Hashable, str] = {}
    for t, inner in inner_of.items():
        chain = [inner] + ([parent[inner]] if inner in parent else [])
        party = [m for m in G.neighbors(t) if G.nodes[m].get("kind") != "section"]
        for s in chain:
            members[s] |= {t, *party, *chain}
            tasks[s] += 1
            plans.setdefault(s, str(G.nodes[t].get("plan") or ""))
    children: dict[Hashable, list[Hashable]] = {}
    for child, above in parent.items():
        members[above].add(child)
        children.setdefault(above, []).append(child)
    several_plans = len(set(plans.values())) > 1
    order: list[Hashable] = []
    for s in sec_nodes:
        if s not in parent and tasks[s]:
            order.append(s)
            order += [c for c in children.get(s, []) if tasks[c]]
    info = []
    for s in order:
        label = str(G.nodes[s].get("label") or "")
        if several_plans and plans.get(s):
            label = f"{plans[s]} · {label}"
        info.append(
            {
                "label": label,
                "depth": 1 if s in parent else 0,
                "tasks": tasks[s],
                "leaf": s not in children,
            }
        )
    of_node: dict[Hashable, list[int]] = {}
    node_lists: list[list[Hashable]] = []
    index = {n: i for i, n in enumerate(G)}
    for k, s in enumerate(order):
        nodes = sorted(members[s], key=index.__getitem__)
        node_lists.append(nodes)
        for n in nodes:
            of_node.setdefault(n, []).append(k)
    clusters: dict[Hashable, Hashable] = {**inner_of, **{s: s for s in inner_of.values()}}
    return Sections(info, of_node, node_lists, clusters, dict(tasks))


# --- colours ----------------------------------------------------------------------------------


@cache
def _function_index() -> dict[str, tuple[str, str, str]]:
    """English label of each function -> (its id, its top concept's id, English label of that)."""
    from taskgraph.units.functions import concepts

    out = {}
    for concept_id, c in concepts().items():
        top = concepts()[c.broader] if c.broader else c
        out[c.function.en] = (concept_id, top.function.id, top.function.en)
    return out


def _function_of(d: dict[str, Any]) -> str | None:
    """A unit's function (English label): the unit table's, or else classified from its name."""
    value = d.get("function")
    if isinstance(value, str) and value:
        return value
    from taskgraph.units.functions import function_of

    found = function_of(str(d.get("label", "")))
    return found.en if found else None


def _colourings(G: nx.Graph, nodes: list[Hashable]) -> tuple[list[dict[str, Any]], dict[Hashable, list[int]]]:
    """The colour modes: kind of unit, function, community; each node's entry in each legend."""
    from taskgraph.units.functions import concepts

    coloured = [n for n in nodes if G.nodes[n].get("kind") in COLOURED]
    if not coloured:
        return [], {}
    fn = {n: _function_of(G.nodes[n]) for n in coloured}
    known = _function_index()
    kind_of = {n: (known[f][1] if f in known else "") for n, f in fn.items()}
    entries: dict[Hashable, list[int]] = {n: [] for n in coloured}
    modes = []

    by_kind = Counter(kind_of.values())
    counts = Counter(fn.values())
    top_ids = [k for k in KIND_OF_UNIT_COLOURS if k in by_kind] + ([""] if "" in by_kind else [])
    legend = []
    for k in top_ids:
        members = sorted({f for n, f in fn.items() if kind_of[n] == k and f}, key=lambda f: (-counts[f], f))
        if k:
            c = concepts()[k].function
            label = f"{c.en} {c.zh}"
        else:
            label = "function not known 职能未知"
        legend.append(
            {
                "label": label,
                "color": KIND_OF_UNIT_COLOURS.get(k, OTHER),
                "count": by_kind[k],
                "functions": members,
            }
        )
    at_kind = {k: i for i, k in enumerate(top_ids)}
    for n in coloured:
        entries[n].append(at_kind[kind_of[n]])
    modes.append({"key": "kind", "label": "kind of unit", "legend": legend})

    by_fn = Counter(f or "" for f in fn.values())
    ranked = sorted((f for f in by_fn if f), key=lambda f: (-by_fn[f], f))
    named = ranked[: len(PALETTE)]
    legend = []
    zh = {c.function.en: c.function.zh for c in concepts().values()}
    for i, f in enumerate(named):
        legend.append({"label": f"{f} {zh.get(f, '')}".strip(), "color": PALETTE[i], "count": by_fn[f]})
    rest = sum(by_fn[f] for f in ranked[len(PALETTE) :]) + by_fn.get("", 0)
    if rest:
        legend.append({"label": "other functions 其他职能", "color": OTHER, "count": rest})
    at_fn = {f: i for i, f in enumerate(named)}
    for n in coloured:
        entries[n].append(at_fn.get(fn[n] or "", len(named)))
    modes.append({"key": "function", "label": "function", "legend": legend})

    community = {n: G.nodes[n].get("community") for n in coloured}
    community = {
        n: (int(c) if isinstance(c, (int, float, np.integer, np.floating)) and not _nan(c) else None)
        for n, c in community.items()
    }
    if any(c is not None for c in community.values()):
        sizes = Counter(c for c in community.values() if c is not None)
        ranked_c = sorted(sizes, key=lambda c: (-sizes[c], c))
        shown = [c for c in ranked_c if sizes[c] > 1][: len(PALETTE) // 2]
        legend = [
            {"label": f"community {c} 社群", "color": PALETTE[i], "count": sizes[c]}
            for i, c in enumerate(shown)
        ]
        rest_c = sum(sizes[c] for c in ranked_c if c not in shown) + sum(
            1 for c in community.values() if c is None
        )
        if rest_c:
            legend.append({"label": "smaller communities 其他社群", "color": OTHER, "count": rest_c})
        at_c = {c: i for i, c in enumerate(shown)}
        for n in coloured:
            entries[n].append(at_c.get(community[n], len(shown)))
        modes.append({"key": "community", "label": "community", "legend": legend})
    return modes, entries


def _nan(value: Any) -> bool:
    try:
        return math.isnan(value)
    except TypeError:
        return False


# --- tooltips ---------------------------------------------------------------------------------


def _fmt(value: Any) -> str:
    """A number as a reader wants it: 34.0 as 34, 0.1573724 as 0.1574."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def _blank(value: Any) -> bool:
    return value is None or value == "" or _nan(value)


def _names(G: nx.Graph, items: Iterable[tuple[Hashable, int]], limit: int = 12) -> str:
    ranked = sorted(items, key=lambda item: (-item[1], str(G.nodes[item[0]].get("label", item[0]))))
    text = "、".join(
        f"{G.nodes[m].get('label', m)}" + (f" ({w})" if w > 1 else "") for m, w in ranked[:limit]
    )
    return text + (f" … (+{len(ranked) - limit})" if len(ranked) > limit else "")


def tooltip(
    G: nx.Graph, n: Hashable, size_by: str | None = None, section_tasks: dict[Hashable, int] | None = None
) -> list[Any]:
    """A node's tooltip: lines of plain text, and ``[measure, value]`` pairs the page writes out
    with the measure's name and its one-line glossary definition. ``section_tasks`` counts the
    tasks of each section node, its subsections' included.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("u", label="县财政局", kind="unit", function="finance", coordination_load=12.0)
    >>> tooltip(G, "u")
    ['县财政局', 'County Finance Bureau', 'function: finance (government department)', ['coordination_load', '12']]
    """
    d = G.nodes[n]
    kind = d.get("kind", "unit")
    lines: list[Any] = [str(d.get("label", n))]
    if kind == "task":
        if d.get("text"):
            lines.append(str(d["text"]))
        where = " ".join(str(d[k]) for k in ("section", "subsection") if d.get(k))
        if where:
            lines.append(where)
        by_role: dict[str, list[str]] = {}
        for m in G.neighbors(n):
            for role in str(G.edges[n, m].get("role", "")).split("+"):
                if role in ROLE_ZH:
                    by_role.setdefault(role, []).append(str(G.nodes[m].get("label", m)))
        lines += [
            f"{ROLE_ZH[r]} {r.replace('_', ' ')}: {'、'.join(by_role[r])}" for r in ROLE_ZH if r in by_role
        ]
        return lines
    if kind == "section":
        tasks = sum(1 for m in G.neighbors(n) if G.nodes[m].get("kind") == "task")
        lines.append(f"section 部分: {section_tasks.get(n, tasks) if section_tasks else tasks} tasks")
        return lines
    english = d.get("english")
    if _blank(english) and kind in ("unit", "group", "collective") and not d.get("leader"):
        from taskgraph.units.english import english_name

        english = english_name(str(d.get("label", "")))
    if not _blank(english):
        lines.append(str(english))
    if kind == "collective":
        lines.append("collective 集合: stands for many units or leaders the plan does not name one by one")
    if kind == "group":
        lines.append("group 单位组: a name the plan defines for several units")
    if kind in ("unit", "group", "collective") and not d.get("leader"):
        f = _function_of(d)
        if f:
            top = _function_index().get(f, ("", "", ""))[2]
            lines.append(f"function: {f}" + (f" ({top})" if top and top != f else ""))
        if not _blank(d.get("overseer")):
            lines.append(["overseer", str(d["overseer"])])
        shown = [*UNIT_TOOLTIP, *([size_by] if size_by and size_by not in UNIT_TOOLTIP else [])]
        lines += [[k, _fmt(d[k])] for k in shown if k in d and not _blank(d[k])]
    if kind == "leader" or d.get("leader"):
        lines += _leader_lines(G, n)
    elif G.is_directed():
        if G.out_degree(n):
            lines.append(
                f"leads tasks answered by: {_names(G, ((m, G.edges[n, m].get('weight', 1)) for m in G.successors(n)))}"
            )
        if G.in_degree(n):
            lines.append(
                f"answers to the leads: {_names(G, ((m, G.edges[m, n].get('weight', 1)) for m in G.predecessors(n)))}"
            )
    elif G.graph.get("view") != "full" and G.degree(n):
        noun = (
            "leaders (tasks)"
            if all(G.nodes[m].get("kind") == "leader" for m in G.neighbors(n))
            else "partners (shared tasks)"
        )
        lines.append(f"{noun}: {_names(G, ((m, G.edges[n, m].get('weight', 1)) for m in G.neighbors(n)))}")
    return lines


def _leader_lines(G: nx.Graph, n: Hashable) -> list[Any]:
    """A leader's tasks, the units leading them, and the units inferred to be in the portfolio."""
    d = G.nodes[n]
    lines: list[Any] = []
    tasks = [m for m in G.neighbors(n) if G.nodes[m].get("kind") == "task"]
    count = d.get("tasks", len(tasks) if tasks else None)
    if not _blank(count):
        lines.append(["tasks", _fmt(count)])
    units: Counter[Hashable] = Counter()
    if tasks:
        for t in tasks:
            for m in G.neighbors(t):
                if "lead_unit" in str(G.edges[t, m].get("role", "")):
                    units[m] += 1
        lines.append(
            "tasks: "
            + "、".join(str(G.nodes[t].get("label", t)) for t in tasks[:30])
            + (" …" if len(tasks) > 30 else "")
        )
    else:
        for m in G.neighbors(n):
            units[m] = G.edges[n, m].get("weight", 1)
    if units:
        noun = "co-leaders" if all(G.nodes[m].get("kind") == "leader" for m in units) else "lead units"
        lines.append(f"{noun} (tasks): {_names(G, units.items())}")
    # A unit's overseer leads tasks with it, so its portfolio is among the units just counted.
    portfolio = [m for m in units if G.nodes[m].get("overseer") == d.get("label")]
    if portfolio:
        lines.append(
            "portfolio 分管 (inferred): " + "、".join(str(G.nodes[m].get("label", m)) for m in portfolio)
        )
    return lines


def _glossary(keys: Iterable[str]) -> dict[str, dict[str, str]]:
    """Name and one-line definition of each measure a tooltip or the size legend uses."""
    from taskgraph.analysis.glossary import GLOSSARY

    out = {}
    for k in keys:
        m = GLOSSARY.get(k)
        if m is not None:
            first = m.definition.split(". ")[0].rstrip(".") + "."
            out[k] = {"label": m.label_en, "zh": m.label_zh, "definition": first}
        else:
            out[k] = {"label": k.replace("_", " "), "zh": "", "definition": ""}
    return out


# --- the page ---------------------------------------------------------------------------------


def _sizes(G: nx.Graph, nodes: list[Hashable], size_by: str | None) -> dict[Hashable, float]:
    """Node radii in pixels: parties by the measure (area ~ value), tasks and sections fixed."""
    full = G.graph.get("view") == "full"
    values: dict[Hashable, float] = {}
    for n in nodes:
        d = G.nodes[n]
        v = G.degree(n) if size_by in (None, "degree") else d.get(size_by)
        values[n] = (
            float(v) if not _blank(v) and isinstance(v, (int, float, np.integer, np.floating)) else math.nan
        )
    top = max((v for v in values.values() if not math.isnan(v)), default=0.0) or 1.0
    out = {}
    for n in nodes:
        kind = G.nodes[n].get("kind")
        if full and kind == "task":
            out[n] = 6.0
        elif kind == "section":
            out[n] = 15.0
        elif math.isnan(values[n]):
            out[n] = 16.0 if kind == "leader" else 8.0
        else:
            out[n] = round(7.0 + (18.0 if full else 29.0) * math.sqrt(max(values[n], 0.0) / top), 1)
    return out


def _induced(G: nx.Graph, nodes: list[Hashable]) -> nx.Graph:
    """The subgraph on ``nodes``, a graph of its own whose nodes come in the order given
    (``G.subgraph`` would iterate them in the order of a set, which changes from run to run)."""
    H = G.__class__()
    H.graph.update(G.graph)
    H.add_nodes_from((n, G.nodes[n]) for n in nodes)
    keep = set(nodes)
    H.add_edges_from((u, v, d) for u, v, d in G.edges(nodes, data=True) if u in keep and v in keep)
    return H


def _check_size_by(G: nx.Graph, size_by: str | None) -> None:
    if size_by and size_by != "degree" and not any(size_by in d for _, d in G.nodes(data=True)):
        have = [k for k in MEASURES if any(k in d for _, d in G.nodes(data=True))]
        raise UsageError(
            f"no measure {size_by!r} on this view's nodes; try one of: {', '.join(dict.fromkeys(('degree', *have)))}"
        )


def page_data(
    G: nx.Graph, size_by: str | None = None, title: str = "taskgraph", subtitle: str = ""
) -> dict[str, Any]:
    """Everything the page shows, as JSON-ready data: nodes with positions, edges, legends, sections."""
    _check_size_by(G, size_by)
    nodes = list(G)
    index = {n: i for i, n in enumerate(nodes)}
    full = G.graph.get("view") == "full" or any(d.get("kind") == "task" for _, d in G.nodes(data=True))
    radii = _sizes(G, nodes, size_by)
    edge_px = EDGE_PX["full"] if full else 120.0
    sections, of_node, members, clusters, section_tasks = (
        _sections(G) if full else Sections([], {}, [], {}, {})
    )
    pos = layout(G, radii, edge_px, clusters)
    layouts: dict[str, list[float]] = {}
    for k, group in enumerate(members):
        if len(group) <= SECTION_LAYOUTS_MAX:
            local = layout(_induced(G, group), radii, edge_px, clusters)
            layouts[str(k)] = [v for m in group for v in (index[m], *local[m])]
    default = -1
    if sections and G.number_of_nodes() > OPEN_ON_SECTION:
        leaves = [k for k, s in enumerate(sections) if s["leaf"]]
        default = max(leaves or range(len(sections)), key=lambda k: (sections[k]["tasks"], -k))
    modes, entries = _colourings(G, nodes)
    kinds = Counter(G.nodes[n].get("kind", "unit") for n in nodes)
    # Labels drawn first: sections, leaders, then parties by size, tasks last.
    rank = {"section": 0, "leader": 1, "collective": 2, "group": 2, "unit": 2, "task": 4}
    order = sorted(
        range(len(nodes)),
        key=lambda i: (rank.get(G.nodes[nodes[i]].get("kind", "unit"), 3), -radii[nodes[i]], i),
    )
    records = []
    for n in nodes:
        d = G.nodes[n]
        kind = d.get("kind", "unit")
        if kind not in NODE_TYPES:
            kind = "unit"
        x, y = pos[n]
        record: dict[str, Any] = {
            "label": str(d.get("label", n)),
            "kind": kind,
            "x": x,
            "y": y,
            "size": radii[n],
        }
        if n in entries:
            record["c"] = entries[n]
        if of_node.get(n):
            record["sec"] = of_node[n]
        record["tip"] = tooltip(G, n, size_by, section_tasks)
        records.append(record)
    wmax = max((d.get("weight", 1) for *_, d in G.edges(data=True)), default=1) or 1
    roles = list(EDGE_ROLES)
    edges = []
    for u, v, d in G.edges(data=True):
        role = str(d.get("role", "")).split("+")[0]
        w = d.get("weight", 1)
        edges.append(
            [
                index[u],
                index[v],
                round(1 + 5 * w / wmax, 2) if not full else 1,
                roles.index(role) if role in roles else len(roles) - 1,
                w,
            ]
        )
    measure_keys = {k for r in records for k, _ in (t for t in r["tip"] if isinstance(t, list))}
    if size_by:
        measure_keys.add(size_by)
    return {
        "title": title,
        "subtitle": subtitle,
        "view": str(G.graph.get("view", "")),
        "directed": G.is_directed(),
        "nodes": records,
        "edges": edges,
        "labelOrder": order,
        "types": [
            {"kind": k, "color": c, "shape": s, "label": label, "count": kinds[k], "coloured": k in COLOURED}
            for k, (c, s, label) in NODE_TYPES.items()
            if kinds[k]
        ],
        "modes": modes,
        "edgeRoles": [{"color": c, "label": label} for c, label in EDGE_ROLES.values()],
        "roleUsed": sorted({e[3] for e in edges}) if full else [],
        "sections": sections,
        "layouts": layouts,
        "defaultSection": default,
        "sizeBy": size_by or "degree",
        "glossary": _glossary(sorted(measure_keys | {"degree"})),
    }


def _script_json(data: Any) -> str:
    """JSON safe inside <script>: '<', '>' and '&' escaped, so '</script>' cannot close it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _asset(name: str) -> str:
    return resources.files("taskgraph").joinpath("render", "templates", name).read_text(encoding="utf-8")


def _vis_js() -> str:
    folder = resources.files("pyvis").joinpath("lib").joinpath("vis-9.1.2")
    return folder.joinpath("vis-network.min.js").read_text(encoding="utf-8").replace("</script", "<\\/script")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def render_html(G: nx.Graph, size_by: str | None = None, title: str = "taskgraph", subtitle: str = "") -> str:
    """The page as a string: one file, vis-network and a CJK font subset inlined, no request."""
    from jinja2 import Environment

    from taskgraph import __version__
    from taskgraph.render.fonts import subset_font_data_uri

    payload = page_data(G, size_by, title, subtitle)
    data = _script_json(payload)
    page_js = _asset("page.js")
    template = Environment(autoescape=False).from_string(_asset("page.html"))
    return template.render(
        title=_escape(title),
        version=__version__,
        vis_js=_vis_js(),
        page_css=_asset("page.css"),
        page_js=page_js,
        data=data,
        # Every character the page can show: its data (labels, tooltips, legends) and its own text.
        font_base64=subset_font_data_uri(
            json.dumps(payload, ensure_ascii=False) + _asset("page.html") + page_js
        ).split(",", 1)[1],
    )


def write_html(
    G: nx.Graph,
    path: str | os.PathLike[str],
    size_by: str | None = None,
    title: str = "taskgraph",
    subtitle: str = "",
) -> Path:
    """Write the interactive page for ``G`` to ``path`` (UTF-8, atomically); nothing else is written."""
    from taskgraph.safety import atomic_write

    if not isinstance(G, nx.Graph):
        raise UsageError(
            f"write_html takes a NetworkX graph (e.g. corpus.view('units')), not {type(G).__name__}"
        )
    if not isinstance(path, (str, os.PathLike)):
        raise UsageError(f"write_html writes to a path, not {type(path).__name__}")
    target = Path(path)
    atomic_write(target, render_html(G, size_by, title, subtitle))
    return target
