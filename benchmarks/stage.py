"""One benchmark stage, run in its own process so that its peak memory is its own.

    python benchmarks/stage.py STAGE WORKDIR PLAN...

Prints one JSON object: the stage's timings in seconds. ``run.py`` calls it.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path


def _nq(workdir: Path) -> Path:
    return workdir / "corpus.nq"


def _store(workdir: Path):
    import pyoxigraph as ox

    store = ox.Store()
    start = time.perf_counter()
    with open(_nq(workdir), "rb") as fh:
        store.bulk_load(fh, ox.RdfFormat.N_QUADS)
    return store, time.perf_counter() - start


def stage_parse(workdir: Path, plans: list[str]) -> dict:
    from taskgraph.parse import read_plan

    start = time.perf_counter()
    tasks = sum(len(read_plan(p).tasks) for p in plans)
    return {"seconds": time.perf_counter() - start, "tasks": tasks}


def stage_build(workdir: Path, plans: list[str]) -> dict:
    from taskgraph.parse import read_plan
    from taskgraph.rdf import add_plan, new_dataset

    parsed = [read_plan(p) for p in plans]
    start = time.perf_counter()
    quads = 0
    with open(_nq(workdir), "w", encoding="utf-8") as fh:
        for plan in parsed:
            ds = new_dataset()
            add_plan(ds, plan)
            text = ds.serialize(format="nquads")
            quads += text.count("\n")
            fh.write(text)
    return {"seconds": time.perf_counter() - start, "quads": quads}


def stage_query(workdir: Path, plans: list[str]) -> dict:
    from taskgraph.query import library, run_named

    store, load = _store(workdir)
    params = {"unit": "县财政局", "leader": "丁卫东"}
    per_query = {}
    for name, q in library().items():
        start = time.perf_counter()
        run_named(store, name, {p: params[p] for p, _ in q.params})
        per_query[name] = time.perf_counter() - start
    return {
        "seconds": sum(per_query.values()),
        "load_seconds": load,
        "queries": per_query,
        "quads": len(store),
    }


def stage_analyze(workdir: Path, plans: list[str]) -> dict:
    from taskgraph.analysis import leader_table, network_summary, unit_table
    from taskgraph.network import read_assignments

    store, load = _store(workdir)
    start = time.perf_counter()
    a = read_assignments(store)
    read = time.perf_counter() - start
    units = unit_table(a)
    leader_table(a)
    network_summary(a)
    return {
        "seconds": time.perf_counter() - start,
        "load_seconds": load,
        "read_seconds": read,
        "units": len(units),
    }


def stage_render(workdir: Path, plans: list[str]) -> dict:
    from taskgraph.analysis import unit_table
    from taskgraph.export import attach_measures
    from taskgraph.network import build_view, read_assignments
    from taskgraph.render.figures import write_figures
    from taskgraph.render.html import write_html

    store, _ = _store(workdir)
    a = read_assignments(store)
    units = unit_table(a)
    start = time.perf_counter()
    G = attach_measures(build_view(a, "units"), units)
    write_html(G, workdir / "units.html", "coordination_load", "benchmark")
    html = time.perf_counter() - start
    write_figures(a, workdir / "figures", units)
    return {
        "seconds": time.perf_counter() - start,
        "html_seconds": html,
        "nodes": G.number_of_nodes(),
        "html_bytes": (workdir / "units.html").stat().st_size,
    }


class _TimeUp(Exception):
    pass


def stage_rdflib(workdir: Path, plans: list[str]) -> dict:
    """Every library query on rdflib's own engine, each stopped after RDFLIB_TIMEOUT seconds.

    rdflib evaluates SPARQL in Python, so an alarm signal can stop a query between bytecodes;
    no second process is needed (a forked one would copy the graph as it touched it).
    """
    from rdflib import Dataset

    from taskgraph.query import library, run_rdflib

    limit = float(os.environ.get("RDFLIB_TIMEOUT", "60"))
    start = time.perf_counter()
    ds = Dataset()
    ds.parse(_nq(workdir), format="nquads")
    load = time.perf_counter() - start
    params = {"unit": "县财政局", "leader": "丁卫东"}

    def time_up(signum: int, frame: object) -> None:
        raise _TimeUp

    signal.signal(signal.SIGALRM, time_up)
    per_query: dict[str, float | None] = {}
    for name, q in library().items():
        bound = {p: params[p] for p, _ in q.params}
        signal.setitimer(signal.ITIMER_REAL, limit)
        t = time.perf_counter()
        try:
            run_rdflib(ds, q.text, bound)
            per_query[name] = time.perf_counter() - t
        except _TimeUp:
            per_query[name] = None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    return {"load_seconds": load, "queries": per_query, "limit": limit}


STAGES = {
    "parse": stage_parse,
    "build": stage_build,
    "query": stage_query,
    "analyze": stage_analyze,
    "render": stage_render,
    "rdflib": stage_rdflib,
}

if __name__ == "__main__":
    stage, workdir, *plans = sys.argv[1:]
    print(json.dumps(STAGES[stage](Path(workdir), plans)))
