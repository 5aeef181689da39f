"""How fast can Oxigraph itself give each library query's rows from an on-disk store? (issue 12)

Issue 12 asks that each library query on the store of 1,000 plans take at most 2 s. This
measures, for every query, side by side in one process each:

- ``taskgraph``: the command a user runs (``taskgraph query --store DIR NAME --format csv -o FILE``),
  a process of its own, timed from outside;
- ``oxigraph``: pyoxigraph evaluating the same query text on the same store and handing over every
  row's terms, with no Python conversion and nothing written — the engine's own time;
- ``one pattern``: for scale, pyoxigraph returning the rows of the single triple pattern
  ``GRAPH ?g { ?a prov:agent ?agent }`` (one row per task and party: as many rows as
  ``assignments`` has), three terms a row.

A query whose ``oxigraph`` time is over 2 s cannot meet the target on this engine, whatever
taskgraph does around it.

    python benchmarks/query_floor.py --store /tmp/s1000          # a store built by taskgraph build --store
    python benchmarks/query_floor.py --plans 1000 --work /tmp/qf  # generate, build, then measure
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

ONE_PATTERN = "SELECT ?g ?a ?agent WHERE { GRAPH ?g { ?a <http://www.w3.org/ns/prov#agent> ?agent } }"


def taskgraph() -> list[str]:
    exe = Path(sys.executable).with_name("taskgraph")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "taskgraph.cli"]


def engine_seconds(store: Path, query: str, runs: int) -> tuple[float, int]:
    """Median seconds for pyoxigraph to evaluate ``query`` and hand over every term, in a child."""
    code = (
        "import json, sys, time, pyoxigraph as ox\n"
        "s = ox.Store.read_only(sys.argv[1]); q = sys.argv[2]; out = []\n"
        "for _ in range(int(sys.argv[3])):\n"
        "    t = time.perf_counter(); n = 0\n"
        "    for row in s.query(q):\n"
        "        for term in row: pass\n"
        "        n += 1\n"
        "    out.append((time.perf_counter() - t, n))\n"
        "print(json.dumps(out))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(store), query, str(runs)], capture_output=True, text=True, check=True
    )
    runs_out = json.loads(done.stdout)
    return statistics.median(t for t, _ in runs_out), runs_out[0][1]


def first_leader(store: Path) -> str:
    """A leader the corpus names (the first by name), as run.py picks one."""
    import pyoxigraph as ox

    query = (
        "PREFIX tg: <https://w3id.org/taskgraph/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT ?name WHERE { GRAPH ?g { ?l a tg:Leader ; skos:prefLabel ?name } } ORDER BY STR(?name) LIMIT 1"
    )
    rows = list(ox.Store.read_only(str(store)).query(query))
    return rows[0][0].value if rows else ""


def command_seconds(store: Path, name: str, params: dict[str, str], out: Path, runs: int) -> float:
    """Median wall seconds of ``taskgraph query --store`` as a process of its own."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [*taskgraph(), "query", "--store", str(store), name, "--format", "csv", "-o", str(out),
             *[f"--param={k}={v}" for k, v in params.items()]],
            check=True, capture_output=True,
        )  # fmt: skip
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--store", type=Path, help="an on-disk store built by taskgraph build --store")
    parser.add_argument("--plans", type=int, default=1000, help="without --store: plans to generate")
    parser.add_argument("--work", type=Path, default=Path("/tmp/tg-query-floor"), help="where to build")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement; the median counts")
    args = parser.parse_args()
    from run import query_params  # the parameters run.py gives the queries

    from taskgraph.query import library
    from taskgraph.sparql import bind

    store = args.store
    if store is None:
        from generate import write_corpus

        plans, store = args.work / "plans", args.work / "store"
        if not store.exists():
            write_corpus(args.plans, plans)
            subprocess.run([*taskgraph(), "build", str(plans), "--store", str(store), "-q"], check=True)
    leader = first_leader(store)
    out = args.work / "rows.csv"
    args.work.mkdir(parents=True, exist_ok=True)
    one, rows_one = engine_seconds(store, ONE_PATTERN, args.runs)
    print(f"store {store}; one pattern ({rows_one:,} rows of 3 terms): {one:.2f} s in Oxigraph itself\n")
    print(f"{'query':<32} {'rows':>9} {'taskgraph s':>12} {'oxigraph s':>11}  {'engine over 2 s':>15}")
    for name, query in library().items():
        params = query_params(name, leader)
        text = bind(query.text, params) if params else query.text
        engine, rows = engine_seconds(store, text, args.runs)
        command = command_seconds(store, name, params, out, args.runs)
        over = "yes" if engine > 2 else ""
        print(f"{name:<32} {rows:>9,} {command:>12.2f} {engine:>11.2f}  {over:>15}")
    if out.exists():
        os.unlink(out)


if __name__ == "__main__":
    main()
