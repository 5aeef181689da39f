"""Network views as files other tools read: GraphML, GEXF (Gephi), Gephi CSV pair, node-link JSON.

The units view carries every unit measure as node attributes, so Gephi can size and colour
by coordination load or betweenness without recomputing anything.
"""

from __future__ import annotations

import csv
import json
import math
import os
from pathlib import Path
from typing import Any

import networkx as nx

from taskgraph.errors import UsageError

EXPORT_FORMATS = {".graphml": "graphml", ".gexf": "gexf", ".json": "json", ".csv": "csv"}


def attach_measures(G: nx.Graph, table: Any) -> nx.Graph:
    """Copy the columns of a unit table (indexed by ``iri``) onto the matching nodes."""
    if table is None or len(table) == 0:
        return G
    for record in table.to_dict("records"):
        iri = record.get("iri")
        if iri in G:
            for key, value in record.items():
                if key not in ("iri", "unit", "kind"):
                    G.nodes[iri][key] = value
    return G


def measured_view(
    a: Any, view: str, units: Any, leaders: Any, collectives: str = "exclude", groups: str = "expand"
) -> nx.Graph:
    """A network view whose unit nodes carry the unit table's measures and leader nodes their tasks."""
    from taskgraph.network import build_view

    G = build_view(a, view, collectives, groups)
    if view in ("units", "dependencies", "full"):
        attach_measures(G, units)
    if view in ("leaders", "coleaders", "full"):
        for record in leaders.to_dict("records"):
            if record["iri"] in G:
                G.nodes[record["iri"]]["tasks"] = record["tasks"]
    return G


def _clean(value: Any) -> Any:
    """A value GraphML and GEXF accept: no None, no NaN, numpy scalars as Python ones."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def clean_graph(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` whose attributes all have writable types (missing values dropped)."""
    H = G.copy()
    for _, data in list(H.nodes(data=True)) + [(None, d) for *_, d in H.edges(data=True)]:
        for key in list(data):
            value = _clean(data[key])
            if value is None:
                del data[key]
            else:
                data[key] = value
    for key in list(H.graph):
        value = _clean(H.graph[key])
        if value is None:
            del H.graph[key]
        else:
            H.graph[key] = value
    return H


def export_format(path: str | os.PathLike[str]) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in EXPORT_FORMATS:
        raise UsageError(f"cannot export to {os.fspath(path)!r}: use .graphml, .gexf, .json or .csv")
    return EXPORT_FORMATS[suffix]


def write_graph(G: nx.Graph, path: str | os.PathLike[str]) -> list[Path]:
    """Write ``G`` in the format of ``path``'s extension; return the files written.

    ``.csv`` writes the Gephi pair ``NAME.nodes.csv`` and ``NAME.edges.csv``.
    """
    fmt = export_format(path)
    H = clean_graph(G)
    target = Path(path)
    if fmt == "graphml":
        nx.write_graphml(H, target, encoding="utf-8", named_key_ids=True)
        return [target]
    if fmt == "gexf":
        nx.write_gexf(H, target, encoding="utf-8")
        return [target]
    if fmt == "json":
        data = nx.node_link_data(H, edges="links")
        target.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        return [target]
    stem = target.with_suffix("")
    nodes_path, edges_path = Path(f"{stem}.nodes.csv"), Path(f"{stem}.edges.csv")
    node_keys = sorted({k for _, d in H.nodes(data=True) for k in d} - {"label"})
    with open(nodes_path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Id", "Label", *node_keys])
        for n, d in H.nodes(data=True):
            writer.writerow([n, d.get("label", n), *(d.get(k, "") for k in node_keys)])
    edge_keys = sorted({k for *_, d in H.edges(data=True) for k in d} - {"weight"})
    kind = "Directed" if H.is_directed() else "Undirected"
    with open(edges_path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Source", "Target", "Type", "Weight", *edge_keys])
        for u, v, d in H.edges(data=True):
            writer.writerow([u, v, kind, d.get("weight", 1), *(d.get(k, "") for k in edge_keys)])
    return [nodes_path, edges_path]
