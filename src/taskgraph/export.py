"""Network views as files other tools read: GraphML and GEXF (Gephi), the Gephi CSV pair,
node-link JSON, and node tables for spreadsheets (.xlsx) and Stata or R (.dta).

Node ids are short (``unit/莘县/县财政局``: the IRI without the data's base), the full IRI is a
node attribute; unit nodes carry every unit measure, so Gephi sizes and colours by coordination
load or betweenness without recomputing anything. Every file is written atomically; text that
XML cannot hold (control characters) is removed, so GraphML and GEXF are always well-formed.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

import networkx as nx

from taskgraph.errors import UsageError

EXPORT_FORMATS = {
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".json": "json",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".dta": "dta",
}


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


def measured_view(source: Any, view: str, collectives: str = "exclude", groups: str = "expand") -> nx.Graph:
    """A network view whose unit nodes carry the unit table's measures and leader nodes their tasks.

    ``source`` is a :class:`~taskgraph.corpus.Corpus` (its tables computed once and reused) or
    anything :func:`~taskgraph.corpus.as_assignments` takes.
    """
    from taskgraph.corpus import Corpus

    corpus = source if isinstance(source, Corpus) else None
    if corpus is None:
        from taskgraph.corpus import as_assignments
        from taskgraph.network import build_view

        a = as_assignments(source)
        G = build_view(a, view, collectives, groups).copy()
        from taskgraph.analysis import leader_table, unit_table

        units, leaders = unit_table(a, collectives, groups), leader_table(a, collectives)
    else:
        G = corpus.view(view, collectives, groups).copy()
        units = corpus.units("corpus", collectives if collectives != "separate" else "exclude", groups)
        leaders = corpus.leaders("corpus", collectives)
    if view in ("units", "dependencies", "leaders", "full"):
        attach_measures(G, units)
    if view in ("leaders", "coleaders", "full"):
        for record in leaders.to_dict("records"):
            if record["iri"] in G:
                G.nodes[record["iri"]]["tasks"] = record["tasks"]
    return G


def _clean(value: Any) -> Any:
    """A value GraphML and GEXF accept: no None, no NaN, numpy scalars as Python ones."""
    from taskgraph.safety import xml_safe

    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, (int, float, bool)):
        return value
    return xml_safe(str(value))


def short_ids(G: nx.Graph, base: str) -> nx.Graph:
    """A copy of ``G`` with node ids shortened (the IRI without ``base``), the IRI kept as ``iri``."""
    mapping = {n: (n[len(base) :] if isinstance(n, str) and n.startswith(base) else n) for n in G}
    H = nx.relabel_nodes(G, mapping, copy=True)
    for old, new in mapping.items():
        H.nodes[new]["iri"] = old
    return H


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
        raise UsageError(f"cannot export to {os.fspath(path)!r}: use {', '.join(EXPORT_FORMATS)}")
    return EXPORT_FORMATS[suffix]


def node_table(G: nx.Graph) -> Any:
    """The nodes of ``G`` as a DataFrame: id, label and every attribute."""
    import pandas as pd

    keys = sorted({k for _, d in G.nodes(data=True) for k in d} - {"label"})
    rows = [
        {"id": n, "label": d.get("label", n), **{k: d.get(k) for k in keys}} for n, d in G.nodes(data=True)
    ]
    return pd.DataFrame(rows, columns=["id", "label", *keys])


def write_graph(
    G: nx.Graph, path: str | os.PathLike[str], excel: bool = False, base: str | None = None
) -> list[Path]:
    """Write ``G`` in the format of ``path``'s extension; return the files written.

    ``.csv`` writes the Gephi pair ``NAME.nodes.csv`` and ``NAME.edges.csv`` (with a byte-order
    mark when ``excel``); ``.xlsx`` writes nodes and edges as two sheets; ``.dta`` writes the
    node table for Stata and R (``haven::read_dta``).
    """
    from taskgraph.iris import DEFAULT_BASE
    from taskgraph.safety import atomic_output, csv_writer

    fmt = export_format(path)
    H = clean_graph(short_ids(G, base or DEFAULT_BASE))
    target = Path(path)
    if fmt == "graphml":
        with atomic_output(target, "wb") as fh:
            nx.write_graphml(H, fh, encoding="utf-8", named_key_ids=True)
        return [target]
    if fmt == "gexf":
        with atomic_output(target, "wb") as fh:
            nx.write_gexf(H, fh, encoding="utf-8")
        return [target]
    if fmt == "json":
        data = nx.node_link_data(H, edges="links")
        with atomic_output(target, "w") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
        return [target]
    nodes = node_table(H)
    edge_keys = sorted({k for *_, d in H.edges(data=True) for k in d} - {"weight"})
    kind = "Directed" if H.is_directed() else "Undirected"
    edge_rows = [
        [u, v, kind, d.get("weight", 1), *(d.get(k, "") for k in edge_keys)] for u, v, d in H.edges(data=True)
    ]
    edge_columns = ["Source", "Target", "Type", "Weight", *edge_keys]
    if fmt == "xlsx":
        import pandas as pd

        with atomic_output(target, "wb") as fh, pd.ExcelWriter(fh, engine="openpyxl") as writer:
            nodes.to_excel(writer, sheet_name="nodes", index=False)
            pd.DataFrame(edge_rows, columns=edge_columns).to_excel(writer, sheet_name="edges", index=False)
        return [target]
    if fmt == "dta":
        frame = nodes.copy()
        for column in frame.columns:
            if frame[column].dtype == object:
                frame[column] = frame[column].map(lambda v: "" if v is None else str(v))
        frame.columns = [_stata_name(c) for c in frame.columns]
        with atomic_output(target, "wb") as fh:
            frame.to_stata(fh, write_index=False, version=118)
        return [target]
    stem = target.with_suffix("")
    nodes_path, edges_path = Path(f"{stem}.nodes.csv"), Path(f"{stem}.edges.csv")
    with atomic_output(nodes_path, "w") as fh:
        if excel:
            fh.write("\ufeff")
        writer = csv_writer(fh)
        writer.writerow(["Id", "Label", *nodes.columns[2:]])
        for row in nodes.itertuples(index=False):
            writer.writerow(["" if v is None or (isinstance(v, float) and v != v) else v for v in row])
    with atomic_output(edges_path, "w") as fh:
        if excel:
            fh.write("\ufeff")
        writer = csv_writer(fh)
        writer.writerow(edge_columns)
        writer.writerows(edge_rows)
    return [nodes_path, edges_path]


def _stata_name(name: str) -> str:
    """A Stata variable name: letters, digits and underscores, at most 32 characters, no reserved word.

    Examples
    --------
    >>> _stata_name("function"), _stata_name("coordination_load"), _stata_name("2024年")
    ('unit_function', 'coordination_load', 'v_2024_')
    """
    from pandas.io.stata import StataParser

    out = "".join(ch if ch.isascii() and (ch.isalnum() or ch == "_") else "_" for ch in name)
    if out in StataParser().RESERVED_WORDS:  # renamed here, not by pandas with a "_" and a warning
        out = "unit_function" if out == "function" else f"{out}_"
    return (out if out and not out[0].isdigit() else f"v_{out}")[:32]
