"""Issue 12's speed and scale targets, measured side by side in one run.

    python benchmarks/run.py --sizes 1,100 --series 5,10 --tasks 1000,10000     # a quick run
    python benchmarks/run.py                                  # 1, 100, 1,000 plans; series; tasks
    python benchmarks/run.py --sizes "" --series "" --tasks "" --big 10000 --merge   # 10,000 plans

Four experiments, each on corpora ``generate.py`` writes (``--sizes 1`` is the Shen County plan
itself):

- **corpus** (``--sizes``): plans of one county each. ``taskgraph parse``; ``taskgraph build
  DIR -o out.EXT`` in Turtle, N-Triples, N-Quads and TriG, each against its floor — a process
  that loads the same quads (the N-Quads the build wrote) into pyoxigraph and serialises them in
  the same syntax (the union of the graphs, each triple once, where the syntax has no graphs),
  run after it in the same round; ``build --store`` against pyoxigraph's own ``bulk_load`` of
  the same quads; every library query on the store (``taskgraph query --store DIR NAME --format
  csv -o FILE``, with the rows it gives); ``analyze --store`` (the units view); ``report
  --store``; and the engines check.
- **series** (``--series``): one county over k consecutive years (the same units across plans,
  a few renamed, added or dropped each year), k = 1 and each of ``--series``; every command as
  above (the query library summed over its queries), and the ratio of k plans to k times one.
- **tasks** (``--tasks``, ``--names``): one plan of N tasks (and, with ``--names``, one task
  naming N units): ``parse``, ``build -o plan.ttl`` and ``report`` on the plan file, and how each
  grows against the input.
- **big** (``--big``, opt-in): build into a store, the query library and the units analysis.

The engines check (``agree``) runs every library query on the in-memory store built from the
plan files, on the on-disk store ``build --store`` wrote and, when ``.venv/bin/oxigraph`` is
there, on an Oxigraph server reading that store, and requires the same columns and the same rows
(values and Python types) in the same order.

Every measurement is a process of its own, timed from outside: wall time, CPU time (user +
system) and peak resident memory come from the kernel for that child alone (``os.wait4``). The
machine is shared and has 2 cores, so each figure is the median of ``--repeat`` runs and each
build is paired with its floor in the same round, the ratio taken round by round. Writes
``--out`` (Markdown: a table per experiment, the ratios the targets are stated in, met or not
met for each target) and ``--json``, after every step, so a run that stops leaves its figures.
``--focused`` also runs the focused benchmarks (parse_speed, startup, endpoint, queries,
measures) and keeps their output.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import plan_of_names, plan_of_tasks, write_corpus  # noqa: E402

SHEN_COUNTY = ROOT / "data" / "shenxian-2024-task-allocation.txt"
BIN = Path(sys.executable).parent
OXIGRAPH = BIN / "oxigraph"
SYNTAXES = {"nq": "N-Quads", "ttl": "Turtle", "nt": "N-Triples", "trig": "TriG"}
STAGES = ("parse", "build", "store", "query", "analyze", "report", "agree")
EXPERIMENTS = ("corpus", "series", "tasks", "big", "focused")
FOCUSED = ("parse_speed", "startup", "endpoint", "queries", "measures")
UNIT = "县国资局"  # the second nameplate of 县财政局: every plan here names it

# Issue 12's targets.
FLOOR_RATIO = 3.0  # build within 3 times pyoxigraph's own parse + write of the same quads
TRIPLES_PER_SECOND = 150_000
REPORT_SECONDS, REPORT_MB = 180.0, 4096.0  # the full report at 1,000 plans
QUERY_SECONDS = 2.0  # each library query on the store at 1,000 plans
BIG_SECONDS, BIG_MB = 1800.0, 16384.0  # store, query library and units analysis at 10,000 plans
LINEAR_SLACK = 1.25  # "linear": time grows at most 1.25 times as fast as the input, for noise


def taskgraph() -> list[str]:
    """The ``taskgraph`` command of this environment."""
    binary = BIN / "taskgraph"
    return [str(binary)] if binary.exists() else [sys.executable, "-m", "taskgraph"]


# ------------------------------------------------------------------ one process, timed from outside


@dataclass
class Sample:
    """One run of one process: wall and CPU seconds, peak memory, and how it ended.

    ``peak_mb`` is the kernel's peak resident set of the process (or of the largest process it
    started and waited for); ``group_mb`` the largest sum of the proportional set sizes of every
    process of its group, sampled twice a second (forked workers and a server included, pages
    they share counted once), or 0 when the run was too short to sample.
    """

    wall: float
    cpu: float
    peak_mb: float
    ok: bool
    note: str = ""  # the last line of stderr (a command's summary, or why it failed)
    group_mb: float = 0.0


def group_pss_mb(group: int) -> float:
    """The proportional set sizes (MB) of the processes of process group ``group``, summed."""
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                stat = fh.read()
            # After the command name (in brackets, maybe with spaces): state, parent, group.
            if int(stat[stat.rindex(b")") + 2 :].split()[2]) != group:
                continue
            with open(f"/proc/{entry.name}/smaps_rollup", "rb") as fh:
                total += next((int(line.split()[1]) for line in fh if line.startswith(b"Pss:")), 0)
        except (OSError, ValueError, IndexError):
            continue
    return total / 1024


def run_process(command: Sequence[str], timeout: float, stdout: Path | None = None) -> Sample:
    """Run ``command`` in a session of its own; its own rusage (``os.wait4``), killed after ``timeout``."""
    env = {**os.environ, "MPLBACKEND": "Agg"}
    group_peak = 0.0
    with tempfile.TemporaryFile() as err:
        out = open(stdout, "wb") if stdout else None
        try:
            started = time.perf_counter()
            proc = subprocess.Popen(
                list(command),
                stdout=out or subprocess.DEVNULL,
                stderr=err,
                env=env,
                start_new_session=True,
            )
            timed_out, done = threading.Event(), threading.Event()

            def stop() -> None:
                timed_out.set()
                _kill_group(proc.pid)

            def sample_memory() -> None:
                nonlocal group_peak
                while not done.wait(0.5):
                    group_peak = max(group_peak, group_pss_mb(proc.pid))

            timer = threading.Timer(timeout, stop)
            sampler = threading.Thread(target=sample_memory, daemon=True)
            timer.start()
            sampler.start()
            try:
                _, status, usage = os.wait4(proc.pid, 0)
            finally:
                timer.cancel()
                done.set()
            wall = time.perf_counter() - started
            sampler.join()
            proc.returncode = os.waitstatus_to_exitcode(status)
            _kill_group(proc.pid)  # anything it started and left behind (a server)
        finally:
            if out:
                out.close()
        err.seek(0)
        lines = err.read().decode("utf-8", errors="replace").strip().splitlines()
    note = lines[-1][:300] if lines else ""
    if timed_out.is_set():
        note = f"stopped after {timeout:g} s"
    cpu = usage.ru_utime + usage.ru_stime
    return Sample(wall, cpu, usage.ru_maxrss / 1024, proc.returncode == 0, note, group_peak)


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def summary(samples: list[Sample], **extra: Any) -> dict[str, Any]:
    """Median wall and CPU seconds and the largest peak of ``samples``, with every run kept."""
    good = [s for s in samples if s.ok] or samples
    failed = [s for s in samples if not s.ok]
    return {
        "wall": statistics.median(s.wall for s in good),
        "cpu": statistics.median(s.cpu for s in good),
        "peak_mb": max(s.peak_mb for s in samples),
        "group_mb": max(s.group_mb for s in samples),
        "ok": not failed,
        "error": failed[0].note if failed else None,
        "note": samples[-1].note,
        "runs": [asdict(s) for s in samples],
        **extra,
    }


@dataclass
class Settings:
    """What every stage needs: repeats, the time limit, where to work, which stages to time."""

    repeat: int
    timeout: float
    stages: tuple[str, ...]
    once_after: float = 300.0  # a run longer than this is not repeated
    report_timeout: float = 900.0  # the time limit of a report on a corpus (the target is 180 s)
    log: Callable[[str], None] = field(default=lambda message: print(message, file=sys.stderr, flush=True))


def repeated(
    settings: Settings,
    label: str,
    command: Sequence[str],
    stdout: Path | None = None,
    before: Callable[[], None] | None = None,
    repeat: int | None = None,
    timeout: float | None = None,
) -> dict[str, Any]:
    """``command`` run ``repeat`` times (``before`` each run, untimed); the summary of the runs.

    A run that fails, or takes longer than ``settings.once_after``, is not repeated.
    """
    samples = []
    for _ in range(repeat or settings.repeat):
        if before:
            before()
        sample = run_process(command, timeout or settings.timeout, stdout)
        samples.append(sample)
        group = (
            f" ({sample.group_mb:.0f} MB all processes)" if sample.group_mb > 1.05 * sample.peak_mb else ""
        )
        settings.log(
            f"  {label}: {sample.wall:.2f} s, {sample.peak_mb:.0f} MB{group}"
            + ("" if sample.ok else f" FAILED: {sample.note}")
        )
        if not sample.ok or sample.wall > settings.once_after:
            break
    return summary(samples)


def _number(pattern: str, text: str) -> int | None:
    found = re.search(pattern, text or "")
    return int(found.group(1)) if found else None


def csv_rows(path: Path) -> int | None:
    """Rows of a CSV file, its header left out."""
    if not path.exists():
        return None
    with open(path, encoding="utf-8", newline="") as fh:
        return max(sum(1 for _ in csv.reader(fh)) - 1, 0)


def _clear(path: Path) -> Callable[[], None]:
    def clear() -> None:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()

    return clear


# ------------------------------------------------------------------ the stages


def stage_parse(settings: Settings, plans: Path, work: Path) -> dict[str, Any]:
    out = work / "parse.json"
    result = repeated(settings, "parse", [*taskgraph(), "parse", str(plans), "-q", "-o", str(out)])
    result["mb_out"] = out.stat().st_size / 1e6 if out.exists() else None
    _clear(out)()
    return result


FLOORS = ("stream", "loaded")


def stage_build(settings: Settings, plans: Path, work: Path, syntaxes: Sequence[str]) -> dict[str, Any]:
    """Each syntax: ``taskgraph build`` and its two pyoxigraph floors, run one after the other in each round.

    The floors read the N-Quads the build wrote and write the same statements in the same syntax
    (with the same prefixes; where the syntax has no graphs, the union of the graphs, each triple
    once, as the build writes it). ``stream`` parses and writes as it goes: the time pyoxigraph
    itself takes to parse and write the triples, the floor of the target. ``loaded`` first holds
    every quad in memory as Python objects, as a build holds the quads it made, then writes them.
    """
    from taskgraph.rdf import PREFIXES

    nq = work / "out.nq"
    if "nq" not in syntaxes and not nq.exists():
        ensure_nquads(settings, plans, nq)
    ordered = ["nq", *[s for s in syntaxes if s != "nq"]] if "nq" in syntaxes else list(syntaxes)
    samples: dict[str, dict[str, list[Sample]]] = {
        s: {"build": [], **{f: [] for f in FLOORS}} for s in ordered
    }
    inside: dict[tuple[str, str], list[float]] = {}
    counts: dict[tuple[str, str], int] = {}
    for round_ in range(settings.repeat):
        for syntax in ordered:
            out = work / f"out.{syntax}"
            build = run_process([*taskgraph(), "build", str(plans), "-q", "-o", str(out)], settings.timeout)
            samples[syntax]["build"].append(build)
            for mode in FLOORS:
                floor_out, floor_json = work / f"floor.{syntax}", work / f"floor-{syntax}.json"
                command = [
                    sys.executable,
                    str(Path(__file__)),
                    "--child",
                    "floor",
                    mode,
                    str(nq),
                    str(floor_out),
                    syntax,
                    json.dumps(PREFIXES),
                ]
                floor = run_process(command, settings.timeout, stdout=floor_json) if build.ok else build
                samples[syntax][mode].append(floor)
                if floor.ok and build.ok:
                    child = json.loads(floor_json.read_text(encoding="utf-8"))
                    inside.setdefault((syntax, mode), []).append(child["seconds"])
                    counts[syntax, mode] = child["statements"]
                _clear(floor_out)()
                _clear(floor_json)()
            if syntax != "nq":
                _clear(out)()
            stream, loaded = samples[syntax]["stream"][-1], samples[syntax]["loaded"][-1]
            settings.log(
                f"  build {syntax} (round {round_ + 1}): {build.wall:.2f} s; floors {stream.wall:.2f} s streamed, "
                f"{loaded.wall:.2f} s loaded"
                + (
                    f" = {build.wall / stream.wall:.2f}x"
                    if build.ok and stream.ok
                    else f" FAILED: {build.note}"
                )
            )
    result: dict[str, Any] = {}
    for syntax in ordered:
        builds = samples[syntax]["build"]
        statements = _number(r"(\d+) statements", builds[-1].note)
        build = summary(builds, statements=statements)
        entry: dict[str, Any] = {
            "build": build,
            "per_second": statements / build["wall"] if statements and build["ok"] else None,
        }
        for mode in FLOORS:
            floors = samples[syntax][mode]
            pairs = [(b, f) for b, f in zip(builds, floors) if b.ok and f.ok]
            seconds = inside.get((syntax, mode), [])
            entry[mode] = summary(
                floors,
                statements=counts.get((syntax, mode)),
                inside=statistics.median(seconds) if seconds else None,
            )
            entry[mode]["ratio"] = statistics.median(b.wall / f.wall for b, f in pairs) if pairs else None
            entry[mode]["cpu_ratio"] = (
                statistics.median(b.cpu / f.cpu for b, f in pairs if f.cpu) if pairs else None
            )
            entry[mode]["same_count"] = statements == counts.get((syntax, mode))
        # The target's ratio: against the streamed floor, median of the round-by-round ratios.
        entry["ratio"], entry["cpu_ratio"] = entry["stream"]["ratio"], entry["stream"]["cpu_ratio"]
        result[syntax] = entry
    return result


def ensure_nquads(settings: Settings, plans: Path, nq: Path) -> None:
    """The corpus as N-Quads (untimed), for the floors."""
    if not nq.exists():
        sample = run_process([*taskgraph(), "build", str(plans), "-q", "-o", str(nq)], settings.timeout)
        if not sample.ok:
            raise SystemExit(f"taskgraph build {plans} -o {nq} failed: {sample.note}")


def stage_store(settings: Settings, plans: Path, work: Path, repeat: int | None = None) -> dict[str, Any]:
    """``build --store`` (a fresh store each run; the last is kept) against ``bulk_load`` of its quads."""
    store = work / "store"
    result = repeated(
        settings,
        "build --store",
        [*taskgraph(), "build", str(plans), "-q", "--store", str(store)],
        before=_clear(store),
        repeat=repeat,
    )
    result["quads"] = _number(r"\((\d+) quads in the store\)", result["note"])
    nq = work / "out.nq"
    if result["ok"] and nq.exists():
        floor_store = work / "floor-store"
        command = [sys.executable, str(Path(__file__)), "--child", "load", str(nq), str(floor_store)]
        result["floor"] = repeated(
            settings, "floor: bulk_load", command, before=_clear(floor_store), repeat=repeat
        )
        _clear(floor_store)()
        result["ratio"] = result["wall"] / result["floor"]["wall"] if result["floor"]["ok"] else None
    return result


def ensure_store(settings: Settings, plans: Path, work: Path) -> Path:
    """The on-disk store of the corpus (built untimed when the store stage was not timed)."""
    store = work / "store"
    if not (store / "CURRENT").exists():
        sample = run_process(
            [*taskgraph(), "build", str(plans), "-q", "--store", str(store)], settings.timeout
        )
        if not sample.ok:
            raise SystemExit(f"taskgraph build {plans} --store {store} failed: {sample.note}")
    return store


def corpus_leader(settings: Settings, store: Path, work: Path) -> str:
    """A leader the corpus names (the first by name), for the queries that take one."""
    query = (
        "PREFIX tg: <https://w3id.org/taskgraph/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT ?name WHERE { GRAPH ?g { ?l a tg:Leader ; skos:prefLabel ?name } } ORDER BY STR(?name) LIMIT 1"
    )
    out = work / "leader.csv"
    run_process(
        [*taskgraph(), "query", "--store", str(store), "-e", query, "--format", "csv", "-o", str(out)],
        settings.timeout,
    )
    rows = out.read_text(encoding="utf-8").splitlines() if out.exists() else []
    _clear(out)()
    return rows[1].strip() if len(rows) > 1 else ""


def query_params(name: str, leader: str) -> dict[str, str]:
    from taskgraph.query import library

    values = {"unit": UNIT, "leader": leader}
    return {p: values[p] for p, _ in library()[name].params if p in values}


def stage_query(settings: Settings, store: Path, work: Path, repeat: int | None = None) -> dict[str, Any]:
    """Every library query on the store, each in a process of its own, with the rows it gives."""
    from taskgraph.query import library

    leader = corpus_leader(settings, store, work)
    out = work / "query.csv"
    queries = {}
    for name in library():
        params = query_params(name, leader)
        command = [
            *taskgraph(),
            "query",
            "--store",
            str(store),
            name,
            "--format",
            "csv",
            "-o",
            str(out),
            "--timeout",
            str(settings.timeout),
            *[f"--param={k}={v}" for k, v in params.items()],
        ]
        result = repeated(settings, f"query {name}", command, before=_clear(out), repeat=repeat)
        result["rows"] = csv_rows(out) if result["ok"] else None
        result["params"] = params
        queries[name] = result
    _clear(out)()
    walls = [q["wall"] for q in queries.values()]
    return {
        "queries": queries,
        "wall": sum(walls),
        "cpu": sum(q["cpu"] for q in queries.values()),
        "peak_mb": max(q["peak_mb"] for q in queries.values()),
        "slowest": max(queries, key=lambda n: queries[n]["wall"]),
        "ok": all(q["ok"] for q in queries.values()),
    }


def stage_analyze(settings: Settings, store: Path, work: Path, repeat: int | None = None) -> dict[str, Any]:
    out = work / "units.csv"
    command = [
        *taskgraph(),
        "analyze",
        "--store",
        str(store),
        "--view",
        "units",
        "--format",
        "csv",
        "-o",
        str(out),
    ]
    result = repeated(settings, "analyze --view units", command, before=_clear(out), repeat=repeat)
    result["rows"] = csv_rows(out) if result["ok"] else None
    _clear(out)()
    return result


def stage_report(
    settings: Settings, source: list[str], work: Path, label: str = "report", timeout: float | None = None
) -> dict[str, Any]:
    """``taskgraph report SOURCE -o DIR`` into a fresh folder each run; the files it wrote."""
    out = work / "report"
    command = [*taskgraph(), "report", *source, "-q", "-o", str(out)]
    result = repeated(settings, label, command, before=_clear(out), timeout=timeout)
    result["files"] = _number(r"wrote (\d+) files", result["note"])
    _clear(out)()
    return result


def stage_agree(settings: Settings, plans: Path, store: Path, work: Path) -> dict[str, Any]:
    """Every library query on the in-memory store, the on-disk store and a server: the same rows?"""
    out = work / "agree.json"
    command = [
        sys.executable,
        str(Path(__file__)),
        "--child",
        "agree",
        str(plans),
        str(store),
        str(out),
        str(settings.timeout),
    ]
    sample = run_process(command, settings.timeout)
    result = summary([sample])
    if sample.ok and out.exists():
        result.update(json.loads(out.read_text(encoding="utf-8")))
    _clear(out)()
    differ = [n for n, q in result.get("queries", {}).items() if not q["same"]]
    result["agree"] = sample.ok and not differ
    settings.log(
        f"  agree ({', '.join(result.get('backends', []))}): "
        + (
            "same rows on every engine"
            if result["agree"]
            else f"DIFFERENT: {', '.join(differ) or sample.note}"
        )
    )
    return result


# ------------------------------------------------------------------ children


def child_floor(mode: str, nquads: str, output: str, syntax: str, prefixes: str) -> None:
    """A floor: pyoxigraph reads the quads and writes them in ``syntax``; prints seconds inside and statements.

    ``stream`` parses and writes as it goes; ``loaded`` holds every quad first. Where the syntax
    has no graphs, each triple is written once, the way ``taskgraph build`` does it (a set of
    the triples' hashes).
    """
    import pyoxigraph as ox

    started = time.perf_counter()
    rdf_format = {
        "nq": ox.RdfFormat.N_QUADS,
        "ttl": ox.RdfFormat.TURTLE,
        "nt": ox.RdfFormat.N_TRIPLES,
        "trig": ox.RdfFormat.TRIG,
    }[syntax]
    parsed = ox.parse(path=nquads, format=ox.RdfFormat.N_QUADS)
    quads: Iterable[Any] = list(parsed) if mode == "loaded" else parsed
    count = 0

    def statements() -> Iterator[Any]:
        nonlocal count
        if rdf_format.supports_datasets:
            for quad in quads:
                count += 1
                yield quad
            return
        seen: set[int] = set()
        for quad in quads:
            triple = quad.triple
            key = hash(triple)
            if key not in seen:
                seen.add(key)
                count += 1
                yield triple

    with open(output, "wb") as fh:
        ox.serialize(
            statements(), fh, rdf_format, prefixes=json.loads(prefixes) if syntax in ("ttl", "trig") else None
        )
    print(json.dumps({"seconds": time.perf_counter() - started, "statements": count}))


def child_load(nquads: str, folder: str) -> None:
    """The store's floor: pyoxigraph bulk-loads the quads into an on-disk store."""
    import pyoxigraph as ox

    store = ox.Store(folder)
    store.bulk_load(path=nquads, format=ox.RdfFormat.N_QUADS)
    store.flush()


def child_agree(plans: str, store_dir: str, output: str, timeout: str) -> None:
    """Every library query on each engine; the same columns and rows (values, types, order) as on disk?"""
    from queries import leader_of, start_server, typed

    from taskgraph.corpus import Corpus
    from taskgraph.endpoint import RemoteStore
    from taskgraph.errors import TaskgraphError
    from taskgraph.query import library, run_query
    from taskgraph.store import LocalStore

    limit = float(timeout)
    disk = LocalStore(store_dir, read_only=True)
    backends: dict[str, Any] = {"disk": disk, "memory": Corpus.read([plans]).backend}
    server = start_server(Path(store_dir)) if OXIGRAPH.exists() else None
    if server:
        backends["server"] = RemoteStore(server[1], timeout=limit)
    values = {"unit": UNIT, "leader": leader_of(disk)}
    results: dict[str, Any] = {}
    try:
        for name, query in library().items():
            params = {p: values[p] for p, _ in query.params}
            answers: dict[str, Any] = {}
            errors: dict[str, str] = {}
            for label, backend in backends.items():
                try:
                    rows = run_query(backend, query.text, params, timeout=limit)
                    answers[label] = (tuple(rows.columns), typed(rows.fetch()))
                except TaskgraphError as exc:
                    errors[label] = str(exc)
            reference = answers.get("disk")
            differ: dict[str, str] = {}
            for label in backends:
                answer = answers.get(label)
                if label in errors:
                    differ[label] = f"failed: {errors[label]}"
                elif reference is None or answer == reference:
                    continue
                elif answer[0] != reference[0]:
                    differ[label] = f"columns {answer[0]} against {reference[0]}"
                elif sorted(map(repr, answer[1])) == sorted(map(repr, reference[1])):
                    differ[label] = "the same rows in another order"
                else:
                    mine, theirs = set(answer[1]), set(reference[1])
                    extra = next((r for r in answer[1] if r not in theirs), None)
                    missing = next((r for r in reference[1] if r not in mine), None)
                    differ[label] = (
                        f"{len(answer[1])} rows against {len(reference[1])} on disk; "
                        f"first row only here: {extra}; first only on disk: {missing}"
                    )
            results[name] = {
                "rows": len(reference[1]) if reference else None,
                "same": not differ,
                "differ": differ,
            }
    finally:
        if server:
            backends["server"].close()
            server[0].terminate()
            server[0].wait()
    Path(output).write_text(
        json.dumps({"backends": list(backends), "queries": results, "params": values}, ensure_ascii=False),
        encoding="utf-8",
    )


CHILDREN: dict[str, Callable[..., None]] = {"floor": child_floor, "load": child_load, "agree": child_agree}


# ------------------------------------------------------------------ the experiments


def corpus_stages(
    settings: Settings, plans: Path, work: Path, syntaxes: Sequence[str], stages: Sequence[str]
) -> dict[str, Any]:
    """Every stage of ``stages`` (of those asked for) on the corpus in ``plans``."""
    wanted = [s for s in stages if s in settings.stages]
    out: dict[str, Any] = {}
    if "parse" in wanted:
        out["parse"] = stage_parse(settings, plans, work)
    if "build" in wanted:
        out["build"] = stage_build(settings, plans, work, syntaxes)
    if "store" in wanted:
        ensure_nquads(settings, plans, work / "out.nq")
        out["store"] = stage_store(settings, plans, work)
    if {"query", "analyze", "report", "agree"} & set(wanted):
        store = ensure_store(settings, plans, work)
        if "query" in wanted:
            out["query"] = stage_query(settings, store, work)
        if "analyze" in wanted:
            out["analyze"] = stage_analyze(settings, store, work)
        if "report" in wanted:
            limit = settings.report_timeout
            out["report"] = stage_report(settings, ["--store", str(store)], work, "report --store", limit)
            out["report_files"] = stage_report(settings, [str(plans)], work, "report PLANS", limit)
        if "agree" in wanted:
            out["agree"] = stage_agree(settings, plans, store, work)
    return out


def stamp() -> dict[str, Any]:
    """When, on which commit, and how busy the machine was."""
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "src"], cwd=ROOT, capture_output=True, text=True)
    return {
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "commit": commit.stdout.strip() or None,
        "src_changed": bool(dirty.stdout.strip()),
        "load": os.getloadavg()[0],
    }


def run_corpus(
    settings: Settings,
    sizes: list[int],
    syntaxes: Sequence[str],
    work: Path,
    save: Callable[[str, str, dict[str, Any]], None],
) -> None:
    for n in sizes:
        settings.log(f"corpus of {n} plan(s)")
        folder = work / f"corpus-{n}"
        plans = folder / "plans"
        plans.mkdir(parents=True, exist_ok=True)
        if n == 1:
            shutil.copy(SHEN_COUNTY, plans / SHEN_COUNTY.name)
        else:
            write_corpus(n, plans)
        started = stamp()
        stages = corpus_stages(settings, plans, folder, syntaxes, STAGES)
        save("corpus", str(n), {"plans": n, "tasks": _tasks(stages, n), "stamp": started, "stages": stages})
        shutil.rmtree(folder, ignore_errors=True)


def _tasks(stages: dict[str, Any], n: int) -> int | None:
    """The tasks of the corpus, as ``build`` reported them (92 a plan when it did not run)."""
    notes = [stages.get("store", {}).get("note")] + [
        b["build"]["note"] for b in stages.get("build", {}).values()
    ]
    found = [x for x in (_number(r"(\d+) tasks", note or "") for note in notes) if x is not None]
    return found[0] if found else 92 * n


def run_series(
    settings: Settings, ks: list[int], work: Path, save: Callable[[str, str, dict[str, Any]], None]
) -> None:
    """One county over k years, k = 1 and each of ``ks``: the first k plans of one series."""
    top = max(ks)
    every = write_corpus(top, work / "series-all", per_county=top)
    for k in sorted({1, *ks}):
        settings.log(f"one county, {k} year(s)")
        folder = work / f"series-{k}"
        plans = folder / "plans"
        plans.mkdir(parents=True, exist_ok=True)
        for path in every[:k]:
            shutil.copy(path, plans / path.name)
        started = stamp()
        stages = corpus_stages(settings, plans, folder, ["nq"], STAGES)
        save("series", str(k), {"plans": k, "tasks": _tasks(stages, k), "stamp": started, "stages": stages})
        shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(work / "series-all", ignore_errors=True)


def run_tasks(
    settings: Settings,
    sizes: list[int],
    names: list[int],
    work: Path,
    save: Callable[[str, str, dict[str, Any]], None],
) -> None:
    """One plan of N tasks: parse, build and report on the plan file; one task naming N units: parse."""
    folder = work / "tasks"
    folder.mkdir(parents=True, exist_ok=True)
    for kind, counts in (("tasks", sizes), ("names", names)):
        for n in counts:
            settings.log(f"one plan of {n:,} {kind}")
            plan = folder / f"plan-{kind}-{n}.txt"
            plan.write_text(plan_of_tasks(n) if kind == "tasks" else plan_of_names(n), encoding="utf-8")
            started = stamp()
            stages: dict[str, Any] = {}
            if "parse" in settings.stages:
                stages["parse"] = stage_parse(settings, plan, folder)
            if kind == "tasks" and "build" in settings.stages:
                out = folder / "plan.ttl"
                stages["build"] = repeated(
                    settings,
                    "build -o plan.ttl",
                    [*taskgraph(), "build", str(plan), "-q", "-o", str(out)],
                    before=_clear(out),
                )
                stages["build"]["statements"] = _number(r"(\d+) statements", stages["build"]["note"])
                _clear(out)()
            if kind == "tasks" and "report" in settings.stages:
                stages["report"] = stage_report(settings, [str(plan)], folder)
            entry = {"size": n, "mb": plan.stat().st_size / 1e6, "stamp": started, "stages": stages}
            save(kind, str(n), entry)
            plan.unlink()
    shutil.rmtree(folder, ignore_errors=True)


def run_big(settings: Settings, n: int, work: Path, save: Callable[[str, str, dict[str, Any]], None]) -> None:
    """``n`` plans: build into a store, the query library and the units analysis, once each."""
    settings.log(f"big: {n:,} plans")
    folder = work / f"big-{n}"
    plans = folder / "plans"
    started_generation = time.perf_counter()
    write_corpus(n, plans)
    settings.log(f"  generated {n:,} plans in {time.perf_counter() - started_generation:.0f} s")
    started = stamp()
    stages: dict[str, Any] = {}
    if "store" in settings.stages:
        stages["store"] = stage_store(settings, plans, folder, repeat=1)
    store = ensure_store(settings, plans, folder)
    if "query" in settings.stages:
        stages["query"] = stage_query(settings, store, folder, repeat=1)
    if "analyze" in settings.stages:
        stages["analyze"] = stage_analyze(settings, store, folder, repeat=1)
    save("big", str(n), {"plans": n, "tasks": _tasks(stages, n), "stamp": started, "stages": stages})
    shutil.rmtree(folder, ignore_errors=True)


def focused_commands(sizes: list[int], series: list[int], work: Path) -> dict[str, list[str]]:
    """The focused benchmarks and the arguments run.py gives them."""
    plans = max([n for n in sizes if n <= 1000] or [50])
    corpora = [str(n) for n in sizes if n > 1] or ["100"]
    py = sys.executable
    return {
        "parse_speed": [py, str(HERE / "parse_speed.py"), "--runs", "5"],
        "startup": [py, str(HERE / "startup.py"), "--runs", "5"],
        "endpoint": [py, str(HERE / "endpoint.py"), "--plans", str(plans)],
        "queries": [
            py,
            str(HERE / "queries.py"),
            "--sizes",
            *corpora,
            "--server",
            "--runs",
            "3",
            "--work",
            str(work / "queries"),
        ],
        "measures": [py, str(HERE / "measures.py"), "--sizes", "1000,10000"],
    }


def run_focused(
    settings: Settings,
    names: list[str],
    commands: dict[str, list[str]],
    save: Callable[[str, str, dict[str, Any]], None],
) -> None:
    for name in names:
        settings.log(f"focused: {name}")
        with tempfile.NamedTemporaryFile(suffix=".txt", delete=False) as fh:
            path = Path(fh.name)
        sample = run_process(commands[name], settings.timeout, stdout=path)
        output = path.read_text(encoding="utf-8", errors="replace")
        path.unlink()
        command = " ".join(
            ["python", *[Path(c).name if c.endswith(".py") else c for c in commands[name][1:]]]
        )
        save(
            "focused",
            name,
            {"command": command, "stamp": stamp(), "sample": asdict(sample), "output": output},
        )


# ------------------------------------------------------------------ Markdown


def _s(x: float | None) -> str:
    """Seconds (or any ratio) to show."""
    if x is None:
        return "–"
    return f"{x:.3f}" if x < 1 else f"{x:.2f}" if x < 100 else f"{x:,.0f}"


def _mb(x: float | None) -> str:
    return "–" if x is None else f"{x:,.0f}"


def _n(x: int | float | None) -> str:
    return "–" if x is None else f"{x:,.0f}"


def _plans(n: int | str) -> str:
    return "1 plan" if int(n) == 1 else f"{int(n):,} plans"


def _met(ok: bool | None) -> str:
    return "not measured" if ok is None else "**met**" if ok else "**NOT MET**"


def _peak(r: dict[str, Any]) -> str:
    """Peak MB: the largest process, and every process of the group when they held more together."""
    peak, group = r.get("peak_mb"), r.get("group_mb") or 0
    return _mb(peak) + (f" ({_mb(group)} all processes)" if peak and group > 1.05 * peak else "")


def _query_analyze_lines(st: dict) -> list[str]:
    """The rows of a stage table for the query library and the units analysis, where measured."""
    lines = []
    if "query" in st:
        q = st["query"]
        slowest = f"slowest {q['slowest']} {_s(q['queries'][q['slowest']]['wall'])} s"
        lines.append(_stage_line(f"query library ({len(q['queries'])} queries, summed)", q, slowest))
    if "analyze" in st:
        lines.append(
            _stage_line("analyze --view units", st["analyze"], f"{_n(st['analyze'].get('rows'))} rows")
        )
    return lines


def _stage_line(name: str, r: dict[str, Any], detail: str = "") -> str:
    failed = "" if r.get("ok", True) else f" FAILED: {r.get('error') or r.get('note')}"
    runs = len(r.get("runs", [])) if "runs" in r else None
    once = f" ({runs} run)" if runs == 1 else ""
    return f"| {name} | {_s(r.get('wall'))}{once} | {_s(r.get('cpu'))} | {_peak(r)} | {detail}{failed} |"


def _stamp_line(entry: dict[str, Any]) -> str:
    s = entry.get("stamp", {})
    changed = " with uncommitted changes in src/" if s.get("src_changed") else ""
    return f"Measured {s.get('date', '?')} on commit {s.get('commit', '?')}{changed}; load average {s.get('load', 0):.1f} at the start."


def markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    verdicts = targets(results)
    lines = [
        "# Speed and scale (issue 12)",
        "",
        f"Machine: {m['cpus']} CPUs ({m['processor']}), {m['memory_gb']:.0f} GB of memory, Python {m['python']}, "
        f"pyoxigraph {m['pyoxigraph']}, {m['platform']}. Shared with other work: figures are medians of "
        f"{results['settings']['repeat']} runs and targets are read as ratios measured side by side.",
        "",
        f"Produced by `{results['command']}`. Every measurement is a process of its own, timed from outside: "
        "wall and CPU seconds (user + system) and peak resident memory (MB) of that process alone, from the "
        "kernel (`os.wait4`).",
        "",
        "## Targets",
        "",
        "| target | measured | verdict |",
        "|---|---|---|",
        *[f"| {t} | {measured} | {_met(ok)} |" for t, measured, ok in verdicts],
        "",
    ]
    lines += corpus_markdown(results.get("corpus", {}))
    lines += series_markdown(results.get("series", {}))
    lines += agree_markdown(results)
    lines += tasks_markdown(results.get("tasks", {}), results.get("names", {}))
    lines += big_markdown(results.get("big", {}))
    lines += focused_markdown(results.get("focused", {}))
    return "\n".join(lines) + "\n"


def corpus_markdown(corpus: dict[str, Any]) -> list[str]:
    if not corpus:
        return []
    lines = ["## Corpora of n plans (one county each, 92 tasks a plan)", ""]
    for n, entry in sorted(corpus.items(), key=lambda kv: int(kv[0])):
        st = entry["stages"]
        what = "the Shen County 2024 plan" if n == "1" else f"{int(n):,} plans"
        lines += [f"### {what} ({_n(entry.get('tasks'))} tasks)", "", _stamp_line(entry), ""]
        lines += ["| stage | wall s | CPU s | peak MB | notes |", "|---|---:|---:|---:|---|"]
        if "parse" in st:
            lines.append(
                _stage_line("parse", st["parse"], f"JSON of {st['parse'].get('mb_out') or 0:.1f} MB")
            )
        for syntax, b in st.get("build", {}).items():
            lines.append(
                _stage_line(
                    f"build -o out.{syntax}",
                    b["build"],
                    f"{_n(b['build'].get('statements'))} statements, {_n(b.get('per_second'))} a second",
                )
            )
            for mode in FLOORS:
                lines.append(
                    _stage_line(
                        f"floor ({mode}): pyoxigraph, {SYNTAXES[syntax]}",
                        b[mode],
                        f"{_s(b[mode].get('inside'))} s inside the process; build ÷ floor {_s(b[mode].get('ratio'))}",
                    )
                )
        if "store" in st:
            s = st["store"]
            lines.append(_stage_line("build --store", s, f"{_n(s.get('quads'))} quads"))
            if s.get("floor"):
                lines.append(
                    _stage_line(
                        "floor: pyoxigraph bulk_load",
                        s["floor"],
                        f"build --store is {_s(s.get('ratio'))} times this",
                    )
                )
        lines += _query_analyze_lines(st)
        for key, label in REPORTS.items():
            if key in st:
                lines.append(_stage_line(label, st[key], f"{_n(st[key].get('files'))} files"))
        if "agree" in st:
            a = st["agree"]
            lines.append(
                _stage_line(
                    "engines agree",
                    a,
                    f"{', '.join(a.get('backends', []))}: "
                    + ("same rows" if a.get("agree") else "**rows differ**"),
                )
            )
        lines.append("")
        store_files, plan_files = st.get("report", {}).get("files"), st.get("report_files", {}).get("files")
        if store_files and plan_files and store_files < plan_files:
            lines += [
                f"`report --store` wrote {store_files:,} files and `report PLANS` {plan_files:,}: read from a store, "
                "the report leaves out what it writes for each plan from the plan files (`plans/NAME/`), so the "
                "two are not the same work.",
                "",
            ]
        if st.get("build"):
            lines += [
                "Build against its floors. Ratios are medians of the round-by-round ratios of wall times (CPU: "
                "of CPU times); the target is a ratio to the streamed floor of at most "
                f"{FLOOR_RATIO:g} and at least {TRIPLES_PER_SECOND:,} statements a second:",
                "",
                "| syntax | statements | build s | streamed floor s | ratio | CPU ratio | loaded floor s | ratio "
                "| statements/s | same count | verdict |",
                "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
            ]
            for syntax, b in st["build"].items():
                same = all(b[m].get("same_count") for m in FLOORS)
                lines.append(
                    f"| {SYNTAXES[syntax]} | {_n(b['build'].get('statements'))} | {_s(b['build']['wall'])} | "
                    f"{_s(b['stream']['wall'])} | {_s(b.get('ratio'))} | {_s(b.get('cpu_ratio'))} | "
                    f"{_s(b['loaded']['wall'])} | {_s(b['loaded'].get('ratio'))} | "
                    f"{_n(b.get('per_second'))} | {'yes' if same else '**no**'} | {_met(_build_ok(b))} |"
                )
            lines.append("")
    with_queries = {n: e["stages"]["query"] for n, e in corpus.items() if "query" in e["stages"]}
    if with_queries:
        sizes = sorted(with_queries, key=int)
        lines += [
            f"### Each library query on the store (`taskgraph query --store DIR NAME --format csv -o FILE`, "
            f"target ≤ {QUERY_SECONDS:g} s at 1,000 plans)",
            "",
            "| query | " + " | ".join(f"{_plans(n)}: rows | s" for n in sizes) + " |",
            "|---|" + "---:|---:|" * len(sizes),
        ]
        for name in with_queries[sizes[0]]["queries"]:
            cells = []
            for n in sizes:
                q = with_queries[n]["queries"].get(name, {})
                cells.append(
                    f"{_n(q.get('rows'))} | {_s(q.get('wall'))}" + ("" if q.get("ok", True) else " FAILED")
                )
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        lines.append("")
    return lines


def _build_ok(b: dict[str, Any]) -> bool:
    return bool(
        b["build"]["ok"]
        and b.get("ratio") is not None
        and b["ratio"] <= FLOOR_RATIO
        and (b.get("per_second") or 0) >= TRIPLES_PER_SECOND
    )


REPORTS = {"report": "report --store", "report_files": "report PLANS (from the plan files)"}
SHORT = {"store": "build --store", "report": "report --store", "report_files": "report PLANS"}
SERIES_COMMANDS = {
    "parse": "parse",
    "build": "build -o out.nq",
    "store": "build --store",
    "query": "query library (summed)",
    "analyze": "analyze --view units",
    **REPORTS,
    "agree": "engines agree",
}


def _series_wall(stages: dict[str, Any], command: str) -> dict[str, Any] | None:
    r = stages.get(command)
    if r is None:
        return None
    return r["nq"]["build"] if command == "build" else r


def series_ratios(series: dict[str, Any]) -> dict[str, dict[int, float | None]]:
    """Per command: wall(k) / (k × wall(1)) for each k."""
    out: dict[str, dict[int, float | None]] = {}
    if "1" not in series:
        return out
    for command in SERIES_COMMANDS:
        one = _series_wall(series["1"]["stages"], command)
        if not one or not one.get("wall"):
            continue
        out[command] = {}
        for k, entry in series.items():
            r = _series_wall(entry["stages"], command)
            if int(k) > 1 and r is not None:
                out[command][int(k)] = r["wall"] / (int(k) * one["wall"]) if r.get("ok", True) else None
    return out


def series_markdown(series: dict[str, Any]) -> list[str]:
    if not series:
        return []
    ks = sorted(series, key=int)
    ratios = series_ratios(series)
    first = series[ks[0]]
    lines = [
        "## One county over k years (k plans cost k times one plan)",
        "",
        f"The first k plans of one county's series. {_stamp_line(first)} Wall seconds, the median of the runs; "
        "`k×1` is wall(k) / (k × wall(1)), at most 1 for the target (the fixed cost of starting a command makes "
        "it small at small k); `ms per added plan` is (wall(k) − wall(j)) / (k − j) for each step from the k "
        "before it (j), steady when the cost is linear and growing when it is not.",
        "",
        "| command | "
        + " | ".join(f"k={k} s" for k in ks)
        + " | "
        + " | ".join(f"k={k}: k×1" for k in ks[1:])
        + " | ms per added plan | peak MB (k=1 → k="
        + ks[-1]
        + ") | verdict |",
        "|---|" + "---:|" * len(ks) + "---:|" * (len(ks) - 1) + "---|---|---|",
    ]
    for command, label in SERIES_COMMANDS.items():
        rows = [_series_wall(series[k]["stages"], command) for k in ks]
        if all(r is None for r in rows):
            continue
        walls = [_s(r["wall"]) if r else "–" for r in rows]
        rs = ratios.get(command, {})
        shown = [_s(rs.get(int(k))) for k in ks[1:]]
        steps = [
            f"{1000 * (r2['wall'] - r1['wall']) / (int(k2) - int(k1)):.0f}" if r1 and r2 else "–"
            for (k1, r1), (k2, r2) in zip(zip(ks, rows), zip(ks[1:], rows[1:]))
        ]
        peaks = (
            f"{_mb(rows[0]['peak_mb']) if rows[0] else '–'} → {_mb(rows[-1]['peak_mb']) if rows[-1] else '–'}"
        )
        ok = bool(rs) and all(v is not None and v <= 1.0 for v in rs.values())
        lines.append(
            f"| {label} | "
            + " | ".join(walls)
            + " | "
            + " | ".join(shown)
            + f" | {', '.join(steps) or '–'} | {peaks} | {_met(ok if rs else None)} |"
        )
    lines.append("")
    return lines


def agree_markdown(results: dict[str, Any]) -> list[str]:
    checks = [
        (f"{kind} {n}", e["stages"]["agree"])
        for kind in ("corpus", "series")
        for n, e in sorted(results.get(kind, {}).items(), key=lambda kv: int(kv[0]))
        if "agree" in e["stages"]
    ]
    if not checks:
        return []
    lines = [
        "## The engines give the same rows",
        "",
        "Every library query on the in-memory store built from the plan files, the on-disk store `build --store` "
        "wrote and, when `.venv/bin/oxigraph` is installed, an Oxigraph server reading that store: the same "
        "columns and the same rows (values and Python types) in the same order as on disk.",
        "",
        "| corpus | engines | queries | same rows | differences |",
        "|---|---|---:|---|---|",
    ]
    for label, a in checks:
        queries = a.get("queries", {})
        differ = [
            f"{n}: " + "; ".join(f"{b} {why}" for b, why in q["differ"].items())
            for n, q in queries.items()
            if not q["same"]
        ]
        if not a.get("ok", True):
            differ.append(f"the check failed: {a.get('error')}")
        label = (
            "the Shen County plan"
            if label == "corpus 1"
            else label.replace("corpus", "plans:").replace("series", "one county, k =")
        )
        lines.append(
            f"| {label} | {', '.join(a.get('backends', []))} | {len(queries)} | {'yes' if a.get('agree') else '**no**'} | "
            + ("<br>".join(differ) or "–")
            + " |"
        )
    lines.append("")
    return lines


def growth_rows(entries: dict[str, Any], command: str) -> list[tuple[int, dict[str, Any]]]:
    return [
        (int(n), e["stages"][command])
        for n, e in sorted(entries.items(), key=lambda kv: int(kv[0]))
        if command in e["stages"]
    ]


def growth(rows: list[tuple[int, dict[str, Any]]]) -> list[float | None]:
    """Per step: (time ratio) / (size ratio); at most LINEAR_SLACK counts as linear."""
    out: list[float | None] = []
    for (n1, r1), (n2, r2) in zip(rows, rows[1:]):
        ok = r1.get("ok", True) and r2.get("ok", True) and r1.get("wall")
        out.append(r2["wall"] / r1["wall"] / (n2 / n1) if ok else None)
    return out


def tasks_markdown(tasks: dict[str, Any], names: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for title, entries, unit, commands in (
        ("One plan of N tasks", tasks, "tasks", ("parse", "build", "report")),
        ("One task naming N units", names, "names", ("parse",)),
    ):
        if not entries:
            continue
        sizes = sorted(entries, key=int)
        lines += [
            f"## {title}",
            "",
            f"{_stamp_line(entries[sizes[0]])} Growth: the time ratio of each step divided by its size ratio; "
            f"1.0 is linear, at most {LINEAR_SLACK:g} counts as linear here (noise, and the fixed cost of "
            "starting, only lower it).",
            "",
            "| command | "
            + " | ".join(f"{int(n):,} {unit} ({entries[n]['mb']:.1f} MB): s, peak MB" for n in sizes)
            + " | "
            + unit
            + "/s at the largest | growth per step | verdict |",
            "|---|" + "---:|" * len(sizes) + "---:|---|---|",
        ]
        for command in commands:
            rows = growth_rows(entries, command)
            if not rows:
                continue
            by_size = dict(rows)
            cells = [
                f"{_s(by_size[int(n)]['wall'])}, {_mb(by_size[int(n)]['peak_mb'])}"
                if int(n) in by_size
                else "–"
                for n in sizes
            ]
            steps = growth(rows)
            last_n, last = rows[-1]
            rate = _n(last_n / last["wall"]) if last.get("ok", True) else "–"
            ok = bool(steps) and all(g is not None and g <= LINEAR_SLACK for g in steps)
            failed = [f"{n:,}: {r.get('error')}" for n, r in rows if not r.get("ok", True)]
            lines.append(
                f"| {command} | "
                + " | ".join(cells)
                + f" | {rate} | "
                + (", ".join(_s(g) for g in steps) or "–")
                + (" FAILED " + "; ".join(failed) if failed else "")
                + f" | {_met(ok if steps else None)} |"
            )
        lines.append("")
    return lines


def big_markdown(big: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for n, entry in sorted(big.items(), key=lambda kv: int(kv[0])):
        st = entry["stages"]
        lines += [
            f"## {int(n):,} plans ({_n(entry.get('tasks'))} tasks)",
            "",
            _stamp_line(entry) + " One run each.",
            "",
        ]
        lines += ["| stage | wall s | CPU s | peak MB | notes |", "|---|---:|---:|---:|---|"]
        if "store" in st:
            lines.append(_stage_line("build --store", st["store"], f"{_n(st['store'].get('quads'))} quads"))
            if st["store"].get("floor"):
                lines.append(_stage_line("floor: pyoxigraph bulk_load", st["store"]["floor"]))
        lines += _query_analyze_lines(st)
        lines.append("")
        if "query" in st:
            lines += ["| query | rows | s | peak MB |", "|---|---:|---:|---:|"]
            for name, q in st["query"]["queries"].items():
                lines.append(
                    f"| {name} | {_n(q.get('rows'))} | {_s(q['wall'])} | {_mb(q['peak_mb'])} |"
                    + ("" if q["ok"] else f" FAILED: {q.get('error')}")
                )
            lines.append("")
    return lines


def focused_markdown(focused: dict[str, Any]) -> list[str]:
    lines = [
        "## Focused benchmarks",
        "",
        "Each measures one thing closely and can be run alone: `parse_speed.py` (the parser against a plain "
        "pass over the text: ≥ 12 MB/s, ≤ 20 times), `startup.py` (`--help`, `analyze` and a one-plan report "
        "against their baselines), `endpoint.py` (the library through an Oxigraph server against the local "
        "store: ≤ 2 times at 1,000 plans), `queries.py` (each query in memory, on disk and on a server, in "
        "process), `measures.py` (NetworkX against igraph for every unit measure).",
        "",
    ]
    if not focused:
        return [*lines, "Not run here (`run.py --focused all` runs them).", ""]
    for name, entry in focused.items():
        sample = entry["sample"]
        status = "" if sample["ok"] else f" — FAILED: {sample['note']}"
        lines += [
            f"### {name}",
            "",
            f"`{entry['command']}`: {sample['wall']:.0f} s{status}. {_stamp_line(entry)}",
            "",
            "```",
            entry["output"].rstrip(),
            "```",
            "",
        ]
    return lines


def targets(results: dict[str, Any]) -> list[tuple[str, str, bool | None]]:
    """Each target of issue 12: what it asks, what was measured, met (None: not measured)."""
    out: list[tuple[str, str, bool | None]] = []
    corpus = results.get("corpus", {})
    built = [n for n in sorted(corpus, key=int) if corpus[n]["stages"].get("build")]
    if built:
        n = built[-1]
        b = corpus[n]["stages"]["build"]
        ratios = ", ".join(f"{SYNTAXES[s]} {_s(x.get('ratio'))}" for s, x in b.items())
        rates = ", ".join(f"{SYNTAXES[s]} {_n(x.get('per_second'))}" for s, x in b.items())
        all_ratio = all(
            x["build"]["ok"] and x.get("ratio") is not None and x["ratio"] <= FLOOR_RATIO for x in b.values()
        )
        all_rate = all((x.get("per_second") or 0) >= TRIPLES_PER_SECOND for x in b.values())
        out.append(
            (
                f"build within {FLOOR_RATIO:g}× pyoxigraph's own parse + write of the same quads, any syntax",
                f"at {_plans(n)}: {ratios}",
                all_ratio,
            )
        )
        out.append(
            (
                f"build at least {TRIPLES_PER_SECOND:,} statements a second, any syntax",
                f"at {_plans(n)}: {rates}",
                all_rate,
            )
        )
    else:
        out.append(
            (
                f"build within {FLOOR_RATIO:g}× pyoxigraph, ≥ {TRIPLES_PER_SECOND:,} statements a second",
                "–",
                None,
            )
        )
    series = results.get("series", {})
    ratios = series_ratios(series)
    if ratios:
        worst = {c: max((v for v in r.values() if v is not None), default=None) for c, r in ratios.items()}
        failed = [c for c, r in ratios.items() if any(v is None for v in r.values())]
        shown = ", ".join(f"{SHORT.get(c, c)} {_s(v)}" for c, v in worst.items())
        ok = not failed and all(v is not None and v <= 1.0 for v in worst.values())
        ks = ", ".join(k for k in sorted(series, key=int) if k != "1")
        out.append(
            (
                "k plans of one county cost at most k times one plan, every command",
                f"k = {ks}; largest wall(k)/(k·wall(1)): {shown}"
                + (f"; failed: {', '.join(failed)}" if failed else ""),
                ok,
            )
        )
    else:
        out.append(("k plans of one county cost at most k times one plan, every command", "–", None))
    checks = [
        e["stages"]["agree"]
        for kind in ("corpus", "series")
        for e in results.get(kind, {}).values()
        if "agree" in e["stages"]
    ]
    if checks:
        backends = sorted({b for a in checks for b in a.get("backends", [])})
        out.append(
            (
                "in-memory store, on-disk store and server give identical rows for every library query",
                f"{len(checks)} corpora, {', '.join(backends)}",
                all(a.get("agree") for a in checks),
            )
        )
    else:
        out.append(("the engines give identical rows for every library query", "–", None))
    at_1000 = corpus.get("1000", {}).get("stages", {})
    largest = max(corpus, key=int) if corpus else None
    not_yet = f"not measured (largest corpus here: {_plans(largest)})" if largest else "–"
    for key, label in REPORTS.items():
        target = f"1,000 plans: the full report in ≤ {REPORT_SECONDS / 60:g} min and ≤ {REPORT_MB / 1024:g} GB: {label}"
        if key in at_1000:
            r = at_1000[key]
            peak = max(r["peak_mb"], r.get("group_mb") or 0)
            measured = f"{_s(r['wall'])} s, {_mb(peak)} MB, {_n(r.get('files'))} files"
            out.append((target, measured, r["ok"] and r["wall"] <= REPORT_SECONDS and peak <= REPORT_MB))
        else:
            out.append((target, not_yet, None))
    if "query" in at_1000:
        q = at_1000["query"]
        slow = [
            f"{n} {_s(x['wall'])} s"
            for n, x in q["queries"].items()
            if not x["ok"] or x["wall"] > QUERY_SECONDS
        ]
        out.append(
            (
                f"1,000 plans: each library query on the store ≤ {QUERY_SECONDS:g} s",
                f"slowest {q['slowest']} {_s(q['queries'][q['slowest']]['wall'])} s"
                + (f"; over: {', '.join(slow)}" if slow else ""),
                not slow,
            )
        )
    else:
        out.append((f"1,000 plans: each library query on the store ≤ {QUERY_SECONDS:g} s", not_yet, None))
    big = results.get("big", {}).get("10000", {}).get("stages", {})
    if {"store", "query", "analyze"} <= set(big):
        total = sum(big[s]["wall"] for s in ("store", "query", "analyze"))
        peak = max(max(big[s]["peak_mb"], big[s].get("group_mb") or 0) for s in ("store", "query", "analyze"))
        ok = (
            all(big[s]["ok"] for s in ("store", "query", "analyze"))
            and total <= BIG_SECONDS
            and peak <= BIG_MB
        )
        out.append(
            (
                f"10,000 plans: store, query library and units analysis in ≤ {BIG_SECONDS / 60:g} min, ≤ {BIG_MB / 1024:g} GB",
                f"{total / 60:.1f} min, {_mb(peak)} MB at most",
                ok,
            )
        )
    else:
        out.append(
            (
                f"10,000 plans: store, query library and units analysis in ≤ {BIG_SECONDS / 60:g} min, ≤ {BIG_MB / 1024:g} GB",
                "not measured (`--big 10000`)",
                None,
            )
        )
    tasks = results.get("tasks", {})
    steps = {c: growth(growth_rows(tasks, c)) for c in ("parse", "build", "report")}
    steps = {c: g for c, g in steps.items() if g}
    if steps:
        sizes = ", ".join(f"{int(n):,}" for n in sorted(tasks, key=int))
        shown = "; ".join(f"{c} " + ", ".join(_s(x) for x in g) for c, g in steps.items())
        ok = all(x is not None and x <= LINEAR_SLACK for g in steps.values() for x in g)
        out.append(
            (
                f"one plan of {sizes} tasks: parse, build and report grow linearly (growth ≤ {LINEAR_SLACK:g})",
                f"time ratio ÷ size ratio per step: {shown}",
                ok,
            )
        )
    else:
        out.append(
            ("one plan of 1,000, 10,000, 100,000 tasks: parse, build, report grow linearly", "–", None)
        )
    return out


# ------------------------------------------------------------------ main


def machine() -> dict[str, Any]:
    memory = 0.0
    try:
        with open("/proc/meminfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    memory = int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "processor": platform.machine(),
        "memory_gb": memory,
        "python": platform.python_version(),
        "pyoxigraph": version("pyoxigraph"),
        "platform": platform.platform(),
    }


def _ints(text: str) -> list[int]:
    return [int(x.replace("_", "")) for x in text.split(",") if x.strip()]


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        CHILDREN[sys.argv[2]](*sys.argv[3:])
        return
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", default="1,100,1000", help="corpora of N plans, one county each; 1 is the Shen County plan"
    )
    parser.add_argument(
        "--series", default="5,10,20,100", help="k years of one county (k = 1 is always added)"
    )
    parser.add_argument(
        "--big", default="", help="opt-in: N plans for store, query library and analyze (10000)"
    )
    parser.add_argument(
        "--tasks", default="1000,10000,100000", help="one plan of N tasks: parse, build, report"
    )
    parser.add_argument(
        "--names", default="", help="one task naming N units: parse (e.g. 2500,5000,10000,20000)"
    )
    parser.add_argument("--syntaxes", default=",".join(SYNTAXES), help="syntaxes built against their floor")
    parser.add_argument(
        "--only",
        default="",
        help=f"comma-separated stages ({', '.join(STAGES)}) or experiments "
        f"({', '.join(EXPERIMENTS)}); default all",
    )
    parser.add_argument(
        "--focused", default="", help=f"also run these focused benchmarks: all or {','.join(FOCUSED)}"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each measurement; the median counts (default 3)"
    )
    parser.add_argument(
        "--timeout", type=float, default=3600, help="seconds one process may run (default 3600)"
    )
    parser.add_argument(
        "--report-timeout",
        type=float,
        default=900,
        help="seconds a report on a corpus may run (default 900; the target is 180 at 1,000 plans)",
    )
    parser.add_argument(
        "--once-after",
        type=float,
        default=300,
        help="a run longer than this many seconds is not repeated (300)",
    )
    parser.add_argument(
        "--work", type=Path, default=None, help="where corpora and stores go (default a temporary folder)"
    )
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md", help="the Markdown report")
    parser.add_argument("--json", type=Path, default=HERE / "results.json", help="the figures as JSON")
    parser.add_argument(
        "--merge", action="store_true", help="keep the figures of --json this run does not measure again"
    )
    args = parser.parse_args()

    only = [x.strip() for x in args.only.split(",") if x.strip()]
    unknown = [x for x in only if x not in STAGES and x not in EXPERIMENTS]
    syntaxes = [s.strip() for s in args.syntaxes.split(",") if s.strip()]
    if unknown or any(s not in SYNTAXES for s in syntaxes):
        parser.error(f"unknown stage, experiment or syntax: {', '.join(unknown or syntaxes)}")
    focused = list(FOCUSED) if args.focused == "all" else [x for x in args.focused.split(",") if x]
    if any(f not in FOCUSED for f in focused):
        parser.error(f"--focused takes all or some of {', '.join(FOCUSED)}")
    stages = tuple(s for s in STAGES if s in only) or STAGES
    experiments = [e for e in EXPERIMENTS if e in only] or list(EXPERIMENTS)
    settings = Settings(args.repeat, args.timeout, stages, args.once_after, args.report_timeout)

    results: dict[str, Any] = {}
    if args.merge and args.json.exists():
        results = json.loads(args.json.read_text(encoding="utf-8"))
    results.update(
        machine=machine(),
        command="python benchmarks/run.py " + " ".join(sys.argv[1:]),
        settings={
            "repeat": args.repeat,
            "timeout": args.timeout,
            "once_after": args.once_after,
            "report_timeout": args.report_timeout,
        },
    )

    def save(kind: str, key: str, entry: dict[str, Any]) -> None:
        results.setdefault(kind, {})[key] = entry
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        args.out.write_text(markdown(results), encoding="utf-8")

    work = args.work or Path(tempfile.mkdtemp(prefix="taskgraph-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        if "corpus" in experiments and _ints(args.sizes):
            run_corpus(settings, _ints(args.sizes), syntaxes, work, save)
        if "series" in experiments and _ints(args.series):
            run_series(settings, _ints(args.series), work, save)
        if "tasks" in experiments and (_ints(args.tasks) or _ints(args.names)):
            run_tasks(settings, _ints(args.tasks), _ints(args.names), work, save)
        if "big" in experiments:
            for n in _ints(args.big):
                run_big(settings, n, work, save)
        if ("focused" in experiments or "focused" in only) and focused:
            run_focused(
                settings, focused, focused_commands(_ints(args.sizes), _ints(args.series), work), save
            )
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    args.out.write_text(markdown(results), encoding="utf-8")
    print(markdown(results))


if __name__ == "__main__":
    main()
