"""The query library through a SPARQL endpoint against the local store, on the same quads.

Loads one N-Quads corpus (generated here, or ``--nquads PATH`` from ``taskgraph build``) into a
:class:`~taskgraph.store.LocalStore` and, graph by graph with :func:`~taskgraph.endpoint.push`,
into an Oxigraph server this script starts on 127.0.0.1 (or ``--endpoint``/``--store-url``);
then runs every query of ``src/taskgraph/queries`` on both, checks that they give the same
columns and rows (values and Python types), and prints the time of each and the ratio
remote/local, per query and for the whole library. The target (issue 12) is within 2 times
the local store for the whole library at 1,000 plans.

    python benchmarks/endpoint.py                 # 50 plans (4,600 tasks)
    python benchmarks/endpoint.py --plans 1000    # the issue's scale
    python benchmarks/endpoint.py --nquads corpus.nq
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from importlib.resources import files
from pathlib import Path
from typing import Any

ID = "https://w3id.org/taskgraph/id/"
TG = "https://w3id.org/taskgraph/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
ORG = "http://www.w3.org/ns/org#"
XSD = "http://www.w3.org/2001/XMLSchema#"
ROLES = ["LeadLeader", "LeadUnit", "ResponsibleUnit", "CooperatingUnit"]
SHORTCUT = {
    "LeadLeader": "leadLeader",
    "LeadUnit": "leadUnit",
    "ResponsibleUnit": "responsibleUnit",
    "CooperatingUnit": "cooperatingUnit",
}
# "# param: leader — the leader, e.g. 丁卫东"
PARAM = re.compile(r"^#\s*param:\s*(\w+)", re.M)


def _lit(text: str, lang: str = "zh") -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + f'"@{lang}'


def _int(n: int) -> str:
    return f'"{n}"^^<{XSD}integer>'


def write_corpus(path: Path, plans: int, per_county: int = 5, seed: int = 12) -> int:
    """Write ``plans`` plans as N-Quads, ``per_county`` years of each county; return the quad count.

    Shaped like taskgraph's RDF: 92 tasks in 3 sections, 6 leaders and 35 units per county
    shared by its plans (each plan's graph repeats their labels and types), qualified
    associations with roles and positions, a collective and a group.
    """
    rng = random.Random(seed)
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for p in range(plans):
            county, year = f"c{p // per_county:04d}", 2015 + p % per_county
            plan = f"{ID}plan/{county}/{year}"
            g = f"<{plan}>"
            lines: list[str] = []

            def add(s: str, pred: str, o: str, lines: list[str] = lines, g: str = g) -> None:
                lines.append(f"{s} <{pred}> {o} {g} .\n")

            leaders = [f"<{ID}leader/{county}/{i}>" for i in range(6)]
            units = [f"<{ID}unit/{county}/{i}>" for i in range(35)]
            collective = f"<{ID}collective/{county}/towns>"
            group = f"<{ID}group/{county}/zones>"
            add(g, RDF_TYPE, f"<{TG}Plan>")
            add(g, f"{DCT}title", _lit(f"{county}县{year}年政府工作报告重点工作任务分工方案"))
            add(g, f"{TG}jurisdiction", _lit(f"{county}县"))
            add(g, f"{TG}year", _int(year))
            add(g, f"{TG}level", '"county"')
            add(g, f"{DCT}issued", f'"{year}-03-01"^^<{XSD}date>')
            add(g, f"{DCT}publisher", units[0])
            for i, leader in enumerate(leaders):
                add(leader, RDF_TYPE, f"<{TG}Leader>")
                add(leader, f"{SKOS}prefLabel", _lit(f"{county}领导{i}"))
            for i, unit in enumerate(units):
                add(unit, RDF_TYPE, f"<{TG}Unit>")
                add(unit, f"{SKOS}prefLabel", _lit(f"县单位{i}局"))
                if i % 10 == 1:
                    add(unit, f"{SKOS}altLabel", _lit(f"县单位{i}办"))
            add(collective, RDF_TYPE, f"<{TG}CollectiveUnit>")
            add(collective, f"{SKOS}prefLabel", _lit("各镇人民政府〔街道办事处〕"))
            add(group, RDF_TYPE, f"<{TG}UnitGroup>")
            add(group, f"{SKOS}prefLabel", _lit("县属开发区管委会"))
            for member in units[30:33]:
                add(group, f"{ORG}hasMember", member)
            sections = [f"<{plan}/section/{k}>" for k in (1, 2, 3)]
            for k, section in enumerate(sections, 1):
                add(section, RDF_TYPE, f"<{TG}Section>")
                add(section, f"{DCT}isPartOf", g)
                add(section, f"{TG}number", _int(k))
                add(section, f"{DCT}title", _lit(f"第{k}部分"))
            for t in range(1, 93):
                task = f"<{plan}/task/{t}>"
                add(task, RDF_TYPE, f"<{TG}Task>")
                add(task, f"{TG}inPlan", g)
                add(task, f"{TG}index", _int(t))
                add(task, f"{DCT}identifier", f'"{t}"')
                add(task, f"{TG}number", _int(t))
                add(task, f"{DCT}description", _lit(f"第{t}项任务：推进重点工作落实。"))
                add(task, f"{TG}inSection", sections[min(2, (t - 1) // 31)])
                parties = {
                    "LeadLeader": rng.sample(leaders, rng.choice((1, 1, 2))),
                    "LeadUnit": rng.sample(units, rng.choice((1, 1, 2, 3))),
                    "ResponsibleUnit": rng.sample([*units, collective], rng.choice((0, 1, 2))),
                    "CooperatingUnit": rng.sample([*units, group], rng.choice((0, 0, 1, 2))),
                }
                for role in ROLES:
                    for position, agent in enumerate(parties[role], 1):
                        a = f"<{plan}/task/{t}/{role}/{position}>"
                        add(task, f"{TG}{SHORTCUT[role]}", agent)
                        add(task, f"{PROV}qualifiedAssociation", a)
                        add(a, f"{PROV}agent", agent)
                        add(a, f"{PROV}hadRole", f"<{TG}{role}>")
                        add(a, f"{TG}position", _int(position))
            out.writelines(lines)
            count += len(lines)
    return count


# Queries with parameters: the local store binds them with Oxigraph's substitutions, the remote
# one writes them into the text (taskgraph.endpoint.bind), which Oxigraph plans differently.
PARAMETERISED = {"leader-tasks", "unit-tasks"}


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "–"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(folder: Path | None) -> tuple[subprocess.Popen[bytes], str]:
    """Start the Oxigraph server of the oxigraph package on a free port (on disk in ``folder``, else
    in memory); return it and its base URL."""
    binary = Path(sys.executable).with_name("oxigraph")
    found = str(binary) if binary.exists() else shutil.which("oxigraph")
    if not found:
        sys.exit("the oxigraph server binary is missing: pip install 'oxigraph>=0.5'")
    port = free_port()
    process = subprocess.Popen(
        [found, "serve", *(["--location", str(folder)] if folder else []), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, f"http://127.0.0.1:{port}"
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                sys.exit("the oxigraph server did not start")
            time.sleep(0.05)


def typed(rows: list[tuple[Any, ...]]) -> Counter[tuple[tuple[str, Any], ...]]:
    return Counter(tuple((type(v).__name__, v) for v in row) for row in rows)


def timed(
    store: Any, query: str, bindings: dict[str, str], repeat: int, timeout: float
) -> tuple[float, tuple[str, ...], list[Any]]:
    """The best of ``repeat`` runs (seconds), the columns and the rows of the last run."""
    best = float("inf")
    columns: tuple[str, ...] = ()
    rows: list[Any] = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = store.select(query, bindings, timeout=timeout)
        rows = result.fetch()
        best = min(best, time.perf_counter() - started)
        columns = result.columns
    return best, columns, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plans", type=int, default=50, help="plans to generate (92 tasks each)")
    parser.add_argument("--nquads", type=Path, help="use this N-Quads file instead of generating one")
    parser.add_argument("--endpoint", help="query URL of a server already holding the same quads")
    parser.add_argument("--store-url", help="Graph Store URL to push the quads to (with --endpoint)")
    parser.add_argument(
        "--server-in-memory", action="store_true", help="the server keeps the data in memory, not on disk"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per query; the best counts")
    parser.add_argument("--timeout", type=float, default=600, help="seconds a query may run")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    import pyoxigraph as ox

    from taskgraph.endpoint import RemoteStore, push, read_graphs
    from taskgraph.errors import TaskgraphError
    from taskgraph.store import LocalStore

    work = Path(tempfile.mkdtemp(prefix="tg-endpoint-bench-"))
    process = None
    try:
        nquads = args.nquads
        if nquads is None:
            nquads = work / "corpus.nq"
            started = time.perf_counter()
            quads = write_corpus(nquads, args.plans)
            print(f"generated {args.plans} plans, {quads:,} quads in {time.perf_counter() - started:.1f} s")
        local = LocalStore()
        started = time.perf_counter()
        local.load(nquads.read_bytes(), ox.RdfFormat.N_QUADS)
        load_local = time.perf_counter() - started
        disk = LocalStore(work / "store")
        started = time.perf_counter()
        disk.load(nquads.read_bytes(), ox.RdfFormat.N_QUADS)
        disk.flush()
        load_disk = time.perf_counter() - started
        print(
            f"local stores: {len(local):,} quads loaded in {load_local:.1f} s (memory), {load_disk:.1f} s (disk)"
        )

        if args.endpoint:
            query_url, store_url = args.endpoint, args.store_url
        else:
            process, base = start_server(None if args.server_in_memory else work / "server")
            query_url, store_url = f"{base}/query", f"{base}/store"
        push_seconds = None
        if store_url:
            summary = push(read_graphs(nquads), store_url, timeout=600)
            push_seconds = summary.seconds
            print(f"pushed {summary}")
        remote = RemoteStore(query_url, timeout=600)

        # Parameters: a leader and a unit that the corpus names.
        leader = local.select(
            f"SELECT ?n WHERE {{ GRAPH ?g {{ ?l a <{TG}Leader> ; <{SKOS}prefLabel> ?n }} }} LIMIT 1"
        ).fetch()
        unit = local.select(
            f"SELECT ?n WHERE {{ GRAPH ?g {{ ?u a <{TG}Unit> ; <{SKOS}altLabel> ?n }} }} LIMIT 1"
        ).fetch()
        values = {"leader": leader[0][0] if leader else "", "unit": unit[0][0] if unit else ""}

        folder = Path(str(files("taskgraph").joinpath("queries")))
        library = sorted(folder.glob("*.rq"))
        stores = {"memory": local, "disk": disk, "remote": remote}
        figures: list[dict[str, Any]] = []
        print(
            f"\n{'query':30} {'rows':>8} {'memory s':>9} {'disk s':>8} {'remote s':>9} {'/disk':>7} {'/memory':>8}"
        )
        totals = dict.fromkeys(stores, 0.0)
        mismatches = []
        for path in library:
            text = path.read_text(encoding="utf-8")
            bindings = {p: values[p] for p in PARAM.findall(text)}
            seconds, answers = {}, {}
            for name, store in stores.items():
                try:
                    seconds[name], columns, rows = timed(store, text, bindings, args.repeat, args.timeout)
                except TaskgraphError as exc:  # a query past --timeout: counted at the timeout
                    print(f"  {path.stem} on {name}: {exc}")
                    seconds[name], columns, rows = args.timeout, (), []
                answers[name] = (columns, typed(rows))
                totals[name] += seconds[name]
            equal = answers["memory"] == answers["disk"] == answers["remote"]
            if not equal:
                mismatches.append(path.stem)
            rows_count = sum(answers["memory"][1].values())
            mark = "" if equal else "  DIFFERENT ROWS"
            print(
                f"{path.stem:30} {rows_count:>8,} {seconds['memory']:>9.3f} {seconds['disk']:>8.3f} "
                f"{seconds['remote']:>9.3f} {_ratio(seconds['remote'], seconds['disk']):>7} "
                f"{_ratio(seconds['remote'], seconds['memory']):>8}{mark}"
            )
            figures.append(
                {
                    "query": path.stem,
                    "rows": rows_count,
                    **{f"{k}_s": v for k, v in seconds.items()},
                    "equal": equal,
                }
            )
        print(
            f"{'whole library':30} {'':>8} {totals['memory']:>9.3f} {totals['disk']:>8.3f} {totals['remote']:>9.3f} "
            f"{_ratio(totals['remote'], totals['disk']):>7} {_ratio(totals['remote'], totals['memory']):>8}"
        )
        plain = [f for f in figures if f["query"] not in PARAMETERISED]
        sums = {k: sum(f[f"{k}_s"] for f in plain) for k in stores}
        print(
            f"{'without ' + '/'.join(sorted(PARAMETERISED)):30} {'':>8} {sums['memory']:>9.3f} {sums['disk']:>8.3f} "
            f"{sums['remote']:>9.3f} {_ratio(sums['remote'], sums['disk']):>7} {_ratio(sums['remote'], sums['memory']):>8}"
        )
        print(
            "same rows everywhere: "
            + ("yes, every query" if not mismatches else "NO: " + ", ".join(mismatches))
        )
        if args.json:
            args.json.write_text(
                json.dumps(
                    {
                        "quads": len(local),
                        "load_memory_s": load_local,
                        "load_disk_s": load_disk,
                        "push_s": push_seconds,
                        "queries": figures,
                        "totals_s": totals,
                    },
                    indent=2,
                ),
                encoding="utf-8",
            )
        remote.close()
        if mismatches:
            sys.exit(1)
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
