"""Seconds per library query on the on-disk store and in memory, at several corpus sizes.

Generates N synthetic plans (``benchmarks/generate.py``) — or, with ``--series K``, N plans in
series of K per county (one county name, so the same unit IRIs, across years counting down
from 2024) — builds each corpus into an on-disk store with ``taskgraph build --store`` (kept
in ``--work`` and reused), and times every query of the library (or of ``--library DIR``) on
it: on disk, in memory (the same quads loaded into an in-memory store) and, with
``--server``, through an Oxigraph server reading the same store folder. A figure is the
median of ``--runs`` runs in this process; ``--cli`` adds a fresh process per run, as a user
runs it: ``taskgraph query --store DIR NAME --format csv -o /dev/null``. Every backend must
give the same columns and rows, in the same order, with the same Python types; with
``--before DIR`` (the ``.rq`` files of an older library) those are timed too and must give the
same rows as the library's. Prints a Markdown table; exits 1 when any rows differ.

    python benchmarks/queries.py --sizes 100 1000
    python benchmarks/queries.py --sizes 1 5 10 20 100 --series 100     # one county, k plans
    python benchmarks/queries.py --sizes 1000 --series 10 --server --cli
    python benchmarks/queries.py --sizes 100 --before /tmp/old-queries --queries unit-tasks,aliases
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import PLACE, ZONES, generate_plan  # noqa: E402

# The parameter values: a second nameplate every synthetic plan may use, and a leader of the corpus.
UNIT = "县国资局"
TG = "https://w3id.org/taskgraph/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"


def county(seed: int) -> str:
    """The county name generate_plan gives the plan of ``seed``."""
    rng = random.Random(seed)
    return rng.choice(PLACE) + rng.choice(PLACE) + str(seed) + "县"


def write_plans(n: int, folder: Path, series: int | None) -> None:
    """``n`` synthetic plans in ``folder``; with ``series``, ``series`` consecutive plans per county."""
    folder.mkdir(parents=True, exist_ok=True)
    for seed in range(1, n + 1):
        text = generate_plan(seed)
        if series:
            own, shared = county(seed), county(10**6 + (seed - 1) // series)
            for zone in ZONES:
                text = text.replace(own[:2] + zone, shared[:2] + zone)
            text = text.replace(own, shared).replace("2024", str(2024 - (seed - 1) % series))
        (folder / f"plan-{seed:05d}.txt").write_text(text, encoding="utf-8")


def taskgraph_command() -> list[str]:
    binary = Path(sys.executable).with_name("taskgraph")
    return [str(binary)] if binary.exists() else [sys.executable, "-m", "taskgraph"]


def build(work: Path, n: int, series: int | None) -> Path:
    """The on-disk store of ``n`` plans (built once, then reused)."""
    name = f"{n}" + (f"-series{series}" if series else "")
    store = work / f"store-{name}"
    if (store / "CURRENT").exists():
        return store
    plans = work / f"plans-{name}"
    if plans.exists():
        shutil.rmtree(plans)
    write_plans(n, plans, series)
    started = time.perf_counter()
    subprocess.run([*taskgraph_command(), "build", str(plans), "--store", str(store), "-q"], check=True)
    print(f"built {n} plans into {store} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return store


def in_memory(store: Any, work: Path) -> Any:
    """An in-memory store holding the quads of ``store`` (through an N-Quads file)."""
    import pyoxigraph as ox

    from taskgraph.store import LocalStore

    dump = work / "dump.nq"
    store.store.dump(output=str(dump), format=ox.RdfFormat.N_QUADS)
    memory = LocalStore()
    memory.store.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
    dump.unlink()
    return memory


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(store: Path) -> tuple[subprocess.Popen[bytes], str] | None:
    """``oxigraph serve-read-only`` on ``store`` (the binary of the oxigraph package); None if missing."""
    binary = Path(sys.executable).with_name("oxigraph")
    found = str(binary) if binary.exists() else shutil.which("oxigraph")
    if not found:
        return None
    port = free_port()
    process = subprocess.Popen(
        [found, "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, f"http://127.0.0.1:{port}/query"
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                return None
            time.sleep(0.05)


def typed(rows: list[tuple[Any, ...]]) -> list[tuple[tuple[str, Any], ...]]:
    return [tuple((type(v).__name__, v) for v in row) for row in rows]


def timed(runs: int, run: Callable[..., Any], *args: Any) -> tuple[float, Any]:
    """The median of ``runs`` runs of ``run(*args)`` (seconds) and the answer of the last."""
    seconds, answer = [], None
    for _ in range(runs):
        started = time.perf_counter()
        answer = run(*args)
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), answer


def run_command(command: list[str]) -> None:
    subprocess.run(command, check=True)


def leader_of(store: Any) -> str:
    """A leader the corpus names: the first by name."""
    rows = store.select(
        f"SELECT ?n WHERE {{ GRAPH ?g {{ ?l a <{TG}Leader> ; <{SKOS}prefLabel> ?n }} }} ORDER BY STR(?n) LIMIT 1"
    ).fetch()
    return str(rows[0][0]) if rows else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000], help="numbers of plans")
    parser.add_argument(
        "--series", type=int, default=None, metavar="K", help="K plans per county (one county's years)"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per query and backend; the median counts")
    parser.add_argument(
        "--work", type=Path, default=Path("/tmp/taskgraph-query-bench"), help="plans and stores"
    )
    parser.add_argument(
        "--library", type=Path, default=ROOT / "src" / "taskgraph" / "queries", help=".rq folder"
    )
    parser.add_argument(
        "--before", type=Path, default=None, help="an older .rq folder: timed, same rows required"
    )
    parser.add_argument("--queries", default="", help="comma-separated query names (default: all)")
    parser.add_argument("--no-memory", action="store_true", help="skip the in-memory store")
    parser.add_argument("--server", action="store_true", help="also an Oxigraph server on the store folder")
    parser.add_argument("--cli", action="store_true", help="also time `taskgraph query` in a fresh process")
    parser.add_argument("--timeout", type=float, default=600, help="seconds a query may run")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT / "src"))
    from taskgraph.endpoint import RemoteStore
    from taskgraph.errors import TaskgraphError
    from taskgraph.query import parse_query_file, run_query
    from taskgraph.store import LocalStore

    names = sorted(p.stem for p in args.library.glob("*.rq"))
    if args.queries:
        wanted = args.queries.split(",")
        names = [n for n in names if n in wanted]
    texts = {n: parse_query_file((args.library / f"{n}.rq").read_text(encoding="utf-8"), n) for n in names}
    before = {}
    if args.before:
        for n in names:
            path = args.before / f"{n}.rq"
            if path.exists():
                before[n] = parse_query_file(path.read_text(encoding="utf-8"), n)
    args.work.mkdir(parents=True, exist_ok=True)

    figures: dict[int, dict[str, dict[str, Any]]] = {}
    differ: list[str] = []
    for size in args.sizes:
        path = build(args.work, size, args.series)
        disk = LocalStore(path, read_only=True)
        backends: dict[str, Any] = {"disk": disk}
        if not args.no_memory:
            started = time.perf_counter()
            backends["memory"] = in_memory(disk, args.work)
            print(f"{size} plans loaded in memory in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        server = start_server(path) if args.server else None
        if args.server and server is None:
            print("no oxigraph server binary: the server is left out", file=sys.stderr)
        if server:
            backends["server"] = RemoteStore(server[1], timeout=args.timeout)
        values = {"unit": UNIT, "leader": leader_of(disk)}
        figures[size] = {}
        try:
            for name in names:
                query = texts[name]
                params = {p: values[p] for p, _ in query.params}
                row: dict[str, Any] = {"params": params}

                def run(backend: Any, text: str, params: dict[str, str] = params) -> Any:
                    rows = run_query(backend, text, params, timeout=args.timeout)
                    return rows.columns, typed(rows.fetch())

                answers = {}
                for label, backend in backends.items():
                    try:
                        row[label], answers[label] = timed(args.runs, run, backend, query.text)
                    except TaskgraphError as exc:
                        row[label], answers[label] = None, None
                        print(f"  {name} on {label}: {exc}", file=sys.stderr)
                if name in before:
                    try:
                        row["before"], answers["before"] = timed(1, run, disk, before[name].text)
                    except TaskgraphError as exc:
                        row["before"], answers["before"] = None, None
                        print(f"  {name} (before) on disk: {exc}", file=sys.stderr)
                if args.cli:
                    command = [*taskgraph_command(), "query", "--store", str(path), name, "--format", "csv"]
                    command += [f"--param={k}={v}" for k, v in params.items()]
                    command += ["-o", "/dev/null", "--timeout", str(args.timeout)]
                    row["cli"], _ = timed(args.runs, run_command, command)
                reference = answers.get("disk")
                row["rows"] = len(reference[1]) if reference else None
                row["same"] = True
                for label, answer in answers.items():
                    if answer is None or answer == reference:
                        continue
                    same_set = (
                        reference is not None
                        and answer[0] == reference[0]
                        and sorted(map(repr, answer[1])) == sorted(map(repr, reference[1]))
                    )
                    row["same"] = False
                    what = "the same rows in another order" if same_set else "different rows"
                    differ.append(f"{size} plans, {name}: {label} gives {what} than disk")
                figures[size][name] = row
                shown = "  ".join(
                    f"{k} {row[k]:.3f}s"
                    for k in ("disk", "memory", "server", "cli", "before")
                    if row.get(k) is not None
                )
                print(f"{size:>6} {name:32} {row['rows'] or 0:>8} rows  {shown}", file=sys.stderr, flush=True)
        finally:
            if server:
                backends["server"].close()
                server[0].terminate()
                server[0].wait()
    print(markdown(figures, args))
    if args.json:
        args.json.write_text(
            json.dumps({str(k): v for k, v in figures.items()}, ensure_ascii=False, indent=2),
            encoding="utf-8",
        )
    if differ:
        print("\nDIFFERENT ROWS:\n" + "\n".join(differ))
        sys.exit(1)
    print("\nSame rows on every backend" + (" and before/after" if args.before else "") + ": yes.")


def _s(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}" if x < 100 else f"{x:.0f}"


def markdown(figures: dict[int, dict[str, dict[str, Any]]], args: argparse.Namespace) -> str:
    """One row per query; per size, seconds on each backend and the rows."""
    sizes = list(figures)
    kinds = [
        k
        for k in ("before", "disk", "memory", "server", "cli")
        if any(k in r for f in figures.values() for r in f.values())
    ]
    label = {
        "before": "before, disk",
        "disk": "disk",
        "memory": "memory",
        "server": "server",
        "cli": "CLI, disk",
    }
    head = ["query"]
    for size in sizes:
        head += [f"{size}: rows"] + [f"{size}: {label[k]} s" for k in kinds]
    if len(sizes) > 1:
        head.append(f"disk {sizes[-1]}/{sizes[0]} ÷ {sizes[-1] / sizes[0]:g}")
    lines = [
        f"Plans: {', '.join(map(str, sizes))}"
        + (f", in series of {args.series} per county" if args.series else "")
        + f"; median of {args.runs} runs (before: 1 run)",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|",
    ]
    names = list(next(iter(figures.values())))
    totals: dict[tuple[int, str], float] = {}
    for name in names:
        cells = [name]
        for size in sizes:
            row = figures[size][name]
            cells.append(f"{row['rows']:,}" if row.get("rows") is not None else "–")
            for k in kinds:
                cells.append(_s(row.get(k)))
                if row.get(k) is not None:
                    totals[size, k] = totals.get((size, k), 0.0) + row[k]
        if len(sizes) > 1:
            first, last = figures[sizes[0]][name].get("disk"), figures[sizes[-1]][name].get("disk")
            cells.append(f"{last / first / (sizes[-1] / sizes[0]):.2f}" if first and last else "–")
        lines.append("| " + " | ".join(cells) + " |")
    cells = ["**all**"]
    for size in sizes:
        cells.append("")
        cells += [_s(totals.get((size, k))) for k in kinds]
    if len(sizes) > 1:
        first, last = totals.get((sizes[0], "disk")), totals.get((sizes[-1], "disk"))
        cells.append(f"{last / first / (sizes[-1] / sizes[0]):.2f}" if first and last else "–")
    lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
