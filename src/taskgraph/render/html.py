"""Interactive HTML: one self-contained file, offline, built with pyvis and an owned template.

pyvis holds the graph (``net.nodes``/``net.edges`` filled directly: its ``from_nx`` is quadratic)
and ships vis-network; its own templates link Bootstrap from a CDN even "in line", so the page
comes from ``templates/page.html``, with vis-network's JS and CSS inlined and the data as
escaped JSON. Tooltips are plain text (set with ``textContent``), so markup in a plan stays
inert.
"""

from __future__ import annotations

import json
import math
import os
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from taskgraph.errors import UsageError

KIND_COLORS = {
    "task": ("#9aa5b1", "task 任务"),
    "section": ("#6c5ce7", "section 部分"),
    "unit": ("#0984e3", "unit 单位"),
    "group": ("#00b894", "group 单位组"),
    "collective": ("#e1a100", "collective 集合"),
    "leader": ("#d63031", "leader 领导"),
}
KIND_SHAPES = {
    "task": "dot",
    "section": "diamond",
    "unit": "dot",
    "group": "square",
    "collective": "hexagon",
    "leader": "star",
}
FONT_FACE = "TaskgraphCJK, sans-serif"
ROLE_ZH = {
    "lead_leader": "牵头领导",
    "lead_unit": "牵头单位",
    "responsible_unit": "责任单位",
    "cooperating_unit": "配合单位",
    "part_of": "所属",
}
VIEW_SUBTITLES = {
    "full": "Tasks, sections, units and leaders; an edge joins a task to each party in its role.",
    "units": "Units tied when named on the same task; edge width = shared tasks.",
    "dependencies": "Arrows from a lead unit to each unit responsible on its tasks; width = tasks.",
    "leaders": "Leaders tied to the lead units of the tasks they oversee; width = tasks.",
    "coleaders": "Leaders tied when they oversee the same task; width = tasks.",
}
LARGE = 1500  # nodes above which the layout is computed in Python and physics is off


def _vis_asset(name: str) -> str:
    folder = resources.files("pyvis").joinpath("lib").joinpath("vis-9.1.2")
    return folder.joinpath(name).read_text(encoding="utf-8")


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


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def _tooltip(G: nx.Graph, n: Any, data: dict[str, Any], measures: tuple[str, ...]) -> str:
    kind = data.get("kind", "")
    lines = [str(data.get("label", n))]
    if kind == "task":
        if data.get("text"):
            lines.append(str(data["text"]))
        if data.get("section"):
            lines.append(f"{data['section']} {data.get('subsection') or ''}".strip())
        by_role: dict[str, list[str]] = {}
        for m in G.neighbors(n):
            role = G.edges[n, m].get("role", "")
            if role != "part_of":
                for r in role.split("+"):
                    by_role.setdefault(r, []).append(str(G.nodes[m].get("label", m)))
        for role in ("lead_leader", "lead_unit", "responsible_unit", "cooperating_unit"):
            if role in by_role:
                lines.append(f"{ROLE_ZH[role]}：{'、'.join(by_role[role])}")
    else:
        lines.append(f"kind: {kind}")
        for key in measures:
            if (
                key in data
                and data[key] is not None
                and not (isinstance(data[key], float) and math.isnan(data[key]))
            ):
                lines.append(f"{key}: {_fmt(data[key])}")
        if G.is_directed():
            lines.append(f"out: {G.out_degree(n)}, in: {G.in_degree(n)}")
        else:
            lines.append(f"neighbours: {G.degree(n)}")
    return "\n".join(lines)


def _sections(G: nx.Graph) -> dict[Any, list[str]]:
    """The sections each node belongs to: a task its own; others those of their tasks (full view)."""
    out: dict[Any, set[str]] = {n: set() for n in G}
    for n, d in G.nodes(data=True):
        if d.get("kind") == "task":
            for key in ("section", "subsection"):
                if d.get(key):
                    out[n].add(d[key])
            for m in G.neighbors(n):
                out[m] |= {d[k] for k in ("section", "subsection") if d.get(k)}
        elif d.get("sections"):
            out[n] |= set(d["sections"])
    for n, d in G.nodes(data=True):
        if d.get("kind") == "section":
            out[n].add(d.get("label", ""))
    return {n: sorted(s) for n, s in out.items()}


def packed_layout(G: nx.Graph, seed: int = 42) -> dict[Any, tuple[float, float]]:
    """Positions in pixels for a large graph: each component laid out alone, then packed in rows.

    Plans of many places make many components; laying them out one by one costs the sum of
    their squares, not the square of the whole.
    """
    H = G.to_undirected() if G.is_directed() else G
    components = sorted(nx.connected_components(H), key=len, reverse=True)
    positions: dict[Any, tuple[float, float]] = {}
    row_width = 120.0 * math.sqrt(G.number_of_nodes())
    x = y = row_height = 0.0
    for nodes in components:
        size = 60.0 * math.sqrt(len(nodes))
        if len(nodes) == 1:
            local = {next(iter(nodes)): (0.0, 0.0)}
        else:
            iterations = 50 if len(nodes) < 2000 else 15
            local = nx.spring_layout(H.subgraph(nodes).copy(), seed=seed, iterations=iterations)
        if x + 2 * size > row_width and x > 0:
            x, y, row_height = 0.0, y + row_height + 40.0, 0.0
        for n, (px, py) in local.items():
            positions[n] = (x + size + size * float(px), y + size + size * float(py))
        x += 2 * size + 40.0
        row_height = max(row_height, 2 * size)
    return positions


def to_pyvis(G: nx.Graph, size_by: str | None = None, title: str = "taskgraph", subtitle: str = "") -> Any:
    """A pyvis Network for ``G``, its node and edge lists filled directly (linear time)."""
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=G.is_directed(), cdn_resources="remote", heading="")
    measures = tuple(
        k
        for k in (
            "coordination_load",
            "tasks_led",
            "co_led",
            "responsible",
            "degree",
            "strength",
            "betweenness",
            "eigenvector",
            "pagerank",
            "constraint",
            "community",
            "tasks",
        )
        if any(k in d for _, d in G.nodes(data=True))
    )
    if size_by and size_by != "degree" and not any(size_by in d for _, d in G.nodes(data=True)):
        raise UsageError(
            f"no measure {size_by!r} on this view's nodes; try one of: {', '.join(dict.fromkeys(('degree', *measures)))}"
        )
    values = {
        n: float(G.degree(n) if size_by in (None, "degree") else (d.get(size_by) or 0.0))
        for n, d in G.nodes(data=True)
    }
    values = {n: (0.0 if math.isnan(v) else v) for n, v in values.items()}
    top = max(values.values(), default=0.0) or 1.0
    sections = _sections(G)
    positions = packed_layout(G) if G.number_of_nodes() > LARGE else None
    for n, d in G.nodes(data=True):
        kind = d.get("kind", "unit")
        color = KIND_COLORS.get(kind, ("#636e72", kind))[0]
        node = {
            "id": str(n),
            "label": str(d.get("label", n)),
            "group": kind,
            "color": color,
            "size": 8 + 32 * math.sqrt(max(values[n], 0.0) / top),
            "tooltip": _tooltip(G, n, d, measures),
            "sections": sections[n],
            "font": {"size": 12 if kind == "task" else 15, "face": FONT_FACE},
        }
        node["shape"] = KIND_SHAPES.get(kind, "dot")
        if positions is not None:
            x, y = positions[n]
            node.update(x=round(float(x), 1), y=round(float(y), 1), physics=False)
        net.nodes.append(node)
        net.node_ids.append(str(n))
        net.node_map[str(n)] = node
    wmax = max((d.get("weight", 1) for *_, d in G.edges(data=True)), default=1) or 1
    for u, v, d in G.edges(data=True):
        edge = {
            "from": str(u),
            "to": str(v),
            "width": 1 + 5 * d.get("weight", 1) / wmax,
            "title": f"{ROLE_ZH.get(d.get('role', ''), d.get('role', ''))} {d.get('weight', '')}".strip(),
        }
        if d.get("role") and d["role"] != "part_of":
            edge["label"] = ""
        if G.is_directed():
            edge["arrows"] = "to"
        net.edges.append(edge)
    net.set_options(
        json.dumps(
            {
                "physics": {
                    "enabled": positions is None,
                    "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {
                        "gravitationalConstant": -60,
                        "springLength": 90,
                        "avoidOverlap": 0.4,
                    },
                    "stabilization": {"enabled": True, "iterations": 400, "fit": True},
                },
                "interaction": {
                    "hover": True,
                    "tooltipDelay": 120,
                    "navigationButtons": False,
                    "multiselect": True,
                },
                "edges": {"color": {"color": "#b2bec3", "highlight": "#2d3436"}, "smooth": False},
                "nodes": {"borderWidth": 1},
            }
        )
    )
    net.heading = title
    net.tg_subtitle = subtitle  # type: ignore[attr-defined]
    net.tg_size_by = size_by or "degree"  # type: ignore[attr-defined]
    return net


def render_html(G: nx.Graph, size_by: str | None = None, title: str = "taskgraph", subtitle: str = "") -> str:
    """The page as a string: one file, vis-network inlined, no network request."""
    from jinja2 import Environment

    net = to_pyvis(G, size_by, title, subtitle)
    counts: dict[str, int] = {}
    for node in net.nodes:
        counts[node["group"]] = counts.get(node["group"], 0) + 1
    legend = [
        {"kind": k, "color": c, "label": label, "count": counts[k]}
        for k, (c, label) in KIND_COLORS.items()
        if k in counts
    ]
    all_sections = sorted({s for node in net.nodes for s in node["sections"]})
    payload = {
        "title": title,
        "subtitle": subtitle,
        "nodes": net.nodes,
        "edges": net.edges,
        "options": json.loads(
            net.options
            if isinstance(net.options, str)
            else json.dumps(net.options, default=lambda o: o.__dict__)
        ),
        "legend": legend,
        "sections": all_sections,
        "sizeBy": net.tg_size_by,
    }
    from taskgraph.render.fonts import subset_font_data_uri

    shown = json.dumps(payload, ensure_ascii=False) + title + subtitle + "搜索部分单位领导任务集合组"
    template = Environment(autoescape=False).from_string(
        resources.files("taskgraph")
        .joinpath("render")
        .joinpath("templates")
        .joinpath("page.html")
        .read_text(encoding="utf-8")
    )
    from taskgraph import __version__

    return template.render(
        title=_escape(title),
        version=__version__,
        vis_js=_vis_asset("vis-network.min.js").replace("</script", "<\\/script"),
        vis_css=_vis_asset("vis-network.css"),
        data=_script_json(payload),
        font_uri=subset_font_data_uri(shown),
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def write_html(
    G: nx.Graph,
    path: str | os.PathLike[str],
    size_by: str | None = None,
    title: str = "taskgraph",
    subtitle: str = "",
) -> Path:
    """Write the interactive page for ``G`` to ``path`` (UTF-8); nothing else is written."""
    target = Path(path)
    target.write_text(render_html(G, size_by, title, subtitle), encoding="utf-8")
    return target
