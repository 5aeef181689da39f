"""NetworkX against igraph for every unit measure, on plan-shaped units networks.

    python benchmarks/measures.py                          # 1k, 10k and 50k nodes
    python benchmarks/measures.py --sizes 40,200,1000 --json /tmp/measures.json

The networks are built the way ``generate.py`` writes plans, without the text: per plan 92
tasks led by 1–3 of 35 units, 45 % of them naming the three zones of the plan's development-
zone group, 15 % one more responsible unit; collectives left out, as the analysis does by
default. Each plan is then one component of about 38 units, as in a real corpus. Both engines
run every measure; the values must agree to 1e-9 (Louvain: each engine's modularity is
reported, their partitions may differ). The igraph times include copying the graph. The
``family`` row is ``unit_centralities`` plus Louvain, what ``taskgraph analyze`` computes, with
``engine="auto"`` as below and above the threshold (effective size is sparse in both).
Writes a Markdown table to stdout.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import UNITS, ZONES  # noqa: E402

from taskgraph.analysis import measures  # noqa: E402
from taskgraph.analysis.brokerage import brokerage  # noqa: E402
from taskgraph.assignments import Assignments, Party, TaskRecord  # noqa: E402
from taskgraph.network import dependency_graph, units_graph  # noqa: E402

UNITS_PER_PLAN = len(UNITS) + len(ZONES)
MEASURES = (
    "betweenness",
    "closeness",
    "eigenvector",
    "constraint",
    "effective_size",
    "core",
    "pagerank",
    "louvain",
)


def plan_assignments(plans: int, seed: int = 1) -> Assignments:
    """``plans`` synthetic plans' assignments, each with its own units (IRIs ``p<k>/<unit>``)."""
    rng = random.Random(seed)
    tasks = []
    for k in range(plans):
        units = [Party(f"p{k}/{u}", u, "unit", False) for u in UNITS]
        zones = [Party(f"p{k}/{z}", z, "unit", False) for z in ZONES]
        for number in range(1, 93):
            leads = rng.sample(units, k=rng.choice([1, 1, 1, 1, 2, 3]))
            responsible = list(zones) if number == 1 or rng.random() < 0.45 else []
            if rng.random() < 0.15:
                responsible.insert(0, rng.choice(units))
            section = f"p{k}/s{1 if number <= 3 else 3 if number > 87 else 2}"
            tasks.append(
                TaskRecord(
                    iri=f"p{k}/t{number}",
                    index=number,
                    number=str(number),
                    text="",
                    plan=f"p{k}",
                    section=section,
                    section_title=None,
                    subsection=f"{section}/{(number - 4) // 12}" if 3 < number <= 87 else None,
                    subsection_title=None,
                    parties={"lead_unit": leads, "responsible_unit": responsible},
                )
            )
    return Assignments(tasks, {})


def _timed(run: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The best time of ``repeat`` runs (one run when it takes more than 10 s), and the value."""
    best, value = math.inf, None
    for _ in range(repeat):
        start = time.perf_counter()
        value = run()
        best = min(best, time.perf_counter() - start)
        if best > 10:
            break
    return best, value


def _difference(a: dict, b: dict) -> float:
    """The largest absolute difference between two ``{node: value}`` (NaN equal to NaN)."""
    assert a.keys() == b.keys()
    worst = 0.0
    for v, x in a.items():
        y = b[v]
        if isinstance(x, float) and isinstance(y, float) and math.isnan(x) and math.isnan(y):
            continue
        worst = max(worst, abs(x - y))
    return worst


def _call(name: str, G: Any, D: Any, engine: str) -> Any:
    if name == "pagerank":
        return measures.pagerank(D, engine=engine)
    if name == "core":
        return measures.core_number(G, engine=engine)
    return getattr(measures, name)(G, engine=engine)


def _family(G: Any, D: Any, min_nodes: int) -> Any:
    """What ``taskgraph analyze`` computes, with ``engine="auto"`` and the given threshold."""
    saved, measures.IGRAPH_MIN_NODES = measures.IGRAPH_MIN_NODES, min_nodes
    try:
        return measures.unit_centralities(G, D), measures.louvain(G)
    finally:
        measures.IGRAPH_MIN_NODES = saved


def bench_size(nodes: int, repeat: int) -> dict[str, Any]:
    """Time both engines on a units network of about ``nodes`` nodes; check their values agree."""
    a = plan_assignments(max(1, round(nodes / UNITS_PER_PLAN)))
    G, D = units_graph(a), dependency_graph(a)
    rows = []
    for name in MEASURES:
        nx_s, nx_value = _timed(lambda name=name: _call(name, G, D, "networkx"), repeat)
        ig_s, ig_value = _timed(lambda name=name: _call(name, G, D, "igraph"), repeat)
        row = {"measure": name, "networkx_s": nx_s, "igraph_s": ig_s}
        if name == "louvain":
            row["networkx_modularity"], row["igraph_modularity"] = nx_value[1], ig_value[1]
            row["difference"] = abs(nx_value[1] - ig_value[1])
        else:
            row["difference"] = _difference(nx_value, ig_value)
            if row["difference"] > 1e-9:
                raise SystemExit(f"{name}: engines differ by {row['difference']:.3g} at {nodes} nodes")
        rows.append(row)
    nx_s, _ = _timed(lambda: _family(G, D, sys.maxsize), repeat)
    ig_s, _ = _timed(lambda: _family(G, D, 0), repeat)
    rows.append({"measure": "family", "networkx_s": nx_s, "igraph_s": ig_s, "difference": None})
    from taskgraph.analysis import compiled

    convert_s, _ = _timed(lambda: compiled.to_igraph(G, ("weight",)), repeat)
    groups = {t.parties["lead_unit"][0].iri: t.subsection or t.section for t in a.tasks}
    broker_s, _ = _timed(lambda: brokerage(D, groups), repeat)
    co_s, _ = _timed(lambda: brokerage(G.to_directed(), groups), repeat)
    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "dependency_edges": D.number_of_edges(),
        "convert_s": convert_s,
        "brokerage_dependencies_s": broker_s,
        "brokerage_coassignment_s": co_s,
        "rows": rows,
    }


def _seconds(x: float) -> str:
    return f"{x:.4f}" if x < 1 else f"{x:.2f}"


def markdown(results: list[dict[str, Any]]) -> str:
    """The results as a Markdown table, one row per size and measure."""
    lines = [
        "| nodes | edges | measure | NetworkX s | igraph s | speed-up | max abs difference |",
        "|---:|---:|---|---:|---:|---:|---|",
    ]
    for r in results:
        for row in r["rows"]:
            if row["measure"] == "louvain":
                diff = f"Q {row['networkx_modularity']:.4f} / {row['igraph_modularity']:.4f}"
            else:
                diff = "" if row["difference"] is None else f"{row['difference']:.1e}"
            speed = row["networkx_s"] / row["igraph_s"] if row["igraph_s"] else math.inf
            lines.append(
                f"| {r['nodes']:,} | {r['edges']:,} | {row['measure']} | {_seconds(row['networkx_s'])} "
                f"| {_seconds(row['igraph_s'])} | {speed:.1f}× | {diff} |"
            )
    lines.append("")
    lines.append(
        "Copying the units network into igraph (included above): "
        + ", ".join(f"{r['nodes']:,} nodes {_seconds(r['convert_s'])} s" for r in results)
        + "."
    )
    lines.append(
        "Gould–Fernandez brokerage (one engine): "
        + ", ".join(
            f"{r['nodes']:,} nodes {_seconds(r['brokerage_dependencies_s'])} s on dependencies, "
            f"{_seconds(r['brokerage_coassignment_s'])} s on co-assignment"
            for r in results
        )
        + "."
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000", help="units per network, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing; the best is kept")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    args = parser.parse_args()
    import igraph

    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        print(f"{size:,} nodes …", file=sys.stderr, flush=True)
        results.append(bench_size(size, args.repeat))
    print(
        f"Machine: {os.cpu_count()} CPUs, {platform.machine()}, Python {platform.python_version()}, "
        f"NetworkX {measures.nx.__version__}, igraph {igraph.__version__}; best of {args.repeat}.\n"
    )
    print(markdown(results))
    if args.json:
        Path(args.json).write_text(json.dumps({"repeat": args.repeat, "sizes": results}, indent=2) + "\n")


if __name__ == "__main__":
    main()
