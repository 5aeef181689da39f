"""One folder with everything: RDF, validation, query results, tables, pages, figures, summary.

:func:`write_report` is the whole pipeline (parse → rdf → queries → network → analysis →
render) run on one or more plans; ``taskgraph report`` and ``make demo`` call it.
"""

from __future__ import annotations

import html
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO, cast

# The most plans that each get a full report of their own by default (see write_report).
EACH_PLAN_LIMIT = 50

BROKERAGE_COLUMNS = [
    "unit",
    "brokerage_total",
    "brokerage_coordinator",
    "brokerage_itinerant",
    "brokerage_representative",
    "brokerage_gatekeeper",
    "brokerage_liaison",
]
VIEWS_IN_REPORT = ("units", "full", "dependencies", "leaders", "coleaders")


@dataclass
class Report:
    """What a report wrote and found."""

    folder: Path
    files: list[Path] = field(default_factory=list)
    conforms: bool = True
    violations: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _parallel(jobs: int | None) -> bool:
    """Whether to run parts of a report in forked child processes (see :mod:`taskgraph.workers`)."""
    from taskgraph.workers import processes

    return processes(jobs) > 1


class _Background:
    """``work()`` run in a forked child process while this one goes on; :meth:`result` waits for it.

    The child writes its files itself, atomically, into the folder this process holds locked
    (the lock is held until every child has ended). What ``work`` returns, or the exception it
    raises, comes back pickled through a pipe; the exception is raised again here as it was
    there, so the command line shows the same one line. A child that ends without an answer
    (killed, out of memory) gives one line too. Not in ``parallel``, ``work`` runs here, when
    :meth:`result` is first called.
    """

    def __init__(self, work: Callable[[], Any], parallel: bool) -> None:
        import threading

        self._work: Callable[[], Any] | None = work
        self._pid = 0
        self._fd = -1
        self._done = False
        self._value: Any = None
        if parallel and threading.active_count() == 1:  # (a query's worker thread may linger)
            self._fork()

    def _fork(self) -> None:
        import gc

        read, write = os.pipe()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        gc.freeze()  # the child never collects (and finalises) this process's objects
        try:
            pid = os.fork()
        except OSError:  # no memory or process left for a child: run here instead
            gc.unfreeze()
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child: never returns into the caller
            code = 1
            try:
                import signal

                # Stopped by cancel(): unwind, so that a file being written is removed, not left half.
                signal.signal(signal.SIGTERM, _stop)
                os.close(read)
                with os.fdopen(write, "wb") as fh:
                    fh.write(_outcome(self._work))
                code = 0
            finally:
                for stream in (sys.stdout, sys.stderr):
                    try:
                        stream.flush()
                    except BaseException:
                        pass
                os._exit(code)
        gc.unfreeze()
        os.close(write)
        self._pid, self._fd, self._work = pid, read, None

    def result(self) -> Any:
        """What ``work()`` returned; its exception raised again if it raised one."""
        if self._done:
            return self._value
        self._done = True
        if self._work is not None:  # not forked
            work, self._work = self._work, None
            self._value = work()
            return self._value
        import pickle

        fd, self._fd = self._fd, -1
        with os.fdopen(fd, "rb") as fh:
            data = fh.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = 0
        if not data:
            from taskgraph.errors import TaskgraphError

            how = (
                f"signal {os.WTERMSIG(status)}"
                if os.WIFSIGNALED(status)
                else f"exit status {os.waitstatus_to_exitcode(status)}"
            )
            raise TaskgraphError(f"a process writing the report ended without finishing its part ({how})")
        kind, value = pickle.loads(data)
        if kind == "error":
            raise value
        if kind == "foreign":
            raise _foreign(*value)
        self._value = value
        return value

    def cancel(self) -> None:
        """Stop the child if it still runs, and wait for it (the folder's lock outlives no child).

        The child is asked to stop (SIGTERM: it unwinds, removing a file it was writing) and
        killed if it has not within 10 s, deep in code that does not see the request."""
        import signal
        import time

        if self._pid:
            try:
                os.kill(self._pid, signal.SIGTERM)
                for _ in range(1000):
                    if os.waitpid(self._pid, os.WNOHANG)[0]:
                        break
                    time.sleep(0.01)
                else:
                    os.kill(self._pid, signal.SIGKILL)
                    os.waitpid(self._pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self._pid = 0
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
        self._done = True


def _stop(signum: int, frame: Any) -> None:
    raise SystemExit(1)


def _outcome(work: Callable[[], Any] | None) -> bytes:
    """In a child: ``work()``'s value or exception, pickled, for :meth:`_Background.result`."""
    import pickle

    try:
        assert work is not None
        return pickle.dumps(("value", work()))
    except BaseException as exc:
        if os.environ.get("TASKGRAPH_DEBUG"):
            import traceback

            traceback.print_exc()
        try:
            data = pickle.dumps(("error", exc))
            copy = pickle.loads(data)[1]
            if type(copy) is type(exc) and str(copy) == str(exc):
                return data
        except Exception:
            pass
        from taskgraph.errors import TaskgraphError

        exit_code = exc.exit_code if isinstance(exc, TaskgraphError) else None
        return pickle.dumps(("foreign", (type(exc).__module__, type(exc).__name__, str(exc), exit_code)))


def _foreign(module: str, name: str, message: str, exit_code: int | None) -> BaseException:
    """An exception that the command line shows as it would the child's, which could not be pickled."""
    from taskgraph.errors import TaskgraphError

    if exit_code is not None:
        error = TaskgraphError(message)
        error.exit_code = exit_code
        return error
    return type(name, (Exception,), {"__module__": module})(message)


def _table(frame: Any, columns: Sequence[str], top: int | None = None) -> str:
    from taskgraph.safety import markdown_escape

    rows = frame.head(top) if top else frame
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for record in rows.to_dict("records"):
        cells = []
        for c in columns:
            v = record.get(c)
            if isinstance(v, float):
                v = "" if v != v else f"{v:.3g}"
            cells.append(markdown_escape(str(v if v is not None else "")))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_report(
    source: Any,
    folder: str | os.PathLike[str],
    base: str | None = None,
    progress: Callable[[str], None] | None = None,
    jobs: int | None = None,
    each_plan: bool | None = None,
) -> Report:
    """The whole pipeline on a corpus (or plan files) into one folder; return what it wrote.

    ``source`` is a :class:`~taskgraph.corpus.Corpus`, or paths of plans (a list, never a bare
    string, which would be read as many one-letter paths). With several plans, each plan gets
    the full report in ``plans/NAME/`` and the folder's top level compares them side by side.
    The folder is locked while it is written: a second run into it is refused.

    ``each_plan``: whether each plan of several gets its full report under ``plans/``; None
    (the default) gives one to each plan of a corpus of at most :data:`EACH_PLAN_LIMIT` plans.
    A thousand plans are read through the corpus tables, figures and RDF: a full report each
    would take about two seconds a plan. A plan read from a store never gets one (its text is
    not there to report on).

    ``jobs`` is how many processes may write a plan's report at once: validation and figures
    run in forked child processes beside the rest (1: all in this process; None: as
    ``$TASKGRAPH_JOBS`` says, else wherever forking is safe and there is a second CPU). The
    files are the same either way.
    """
    from taskgraph.corpus import Corpus
    from taskgraph.errors import UsageError
    from taskgraph.iris import DEFAULT_BASE
    from taskgraph.safety import FolderLock

    if isinstance(source, (str, os.PathLike)):
        source = [source]
    if isinstance(source, Corpus):
        corpus = source
    elif isinstance(source, (list, tuple)):
        corpus = Corpus.read(source, base=base or DEFAULT_BASE)
    else:
        raise UsageError(f"write_report takes a Corpus or a list of plan paths, not {type(source).__name__}")
    say = progress or (lambda _: None)
    out = Path(folder)
    # Children read only the parsed plans, never a store or an endpoint (a handle on either
    # is not to be shared across a fork): a corpus read from one is reported in one process.
    parallel = _parallel(jobs) and bool(corpus.plans) and len(corpus.plans) == corpus.plan_count
    with FolderLock(out):
        if corpus.plan_count <= 1:
            return _plan_report(corpus, out, say, parallel)
        report = Report(out)
        by_plan = corpus.by_plan() if _each_plan(each_plan, corpus.plan_count) else {}
        names = _slugs(corpus)
        plans_by_iri = {corpus.minter.plan(p): p for p in corpus.plans}
        for k, (iri, _) in enumerate(by_plan.items(), start=1):
            say(f"[{k}/{len(by_plan)}] report on {names[iri]}")
            plan = plans_by_iri.get(iri)
            single = Corpus([plan], base=corpus.minter.base, renamings=corpus.renamings) if plan else None
            if single is None:
                continue  # a plan read from a store: the corpus table covers it
            sub = _plan_report(single, out / "plans" / names[iri], lambda _: None, parallel)
            report.files += sub.files
            report.conforms = report.conforms and sub.conforms
            report.violations += sub.violations
            report.warnings += sub.warnings
        say("comparing the plans side by side")
        report.files += _corpus_outputs(corpus, out, names)
        each = any(path.is_relative_to(out / "plans") for path in report.files)
        if not each:
            report.warnings += [
                f"{os.path.basename(p.source)}:{w.line or ''}: {w.message}"
                for p in corpus.plans
                for w in p.warnings
            ]
        summary = _corpus_summary(corpus, report, each)
        _write(report, out / "summary.md", summary)
        _write(report, out / "index.html", _index(f"{corpus.plan_count} plans", report, summary))
        return report


def _each_plan(each_plan: bool | None, plans: int) -> bool:
    return plans <= EACH_PLAN_LIMIT if each_plan is None else bool(each_plan)


def _slugs(corpus: Any) -> dict[str, str]:
    """A short folder name for each plan: jurisdiction-year, numbered when two share one."""
    out: dict[str, str] = {}
    seen: dict[str, int] = {}
    for iri, info in corpus.assignments.plans.items():
        stem = (
            "-".join(str(x) for x in (info.jurisdiction, info.year) if x) or Path(info.source or "plan").stem
        )
        stem = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in stem)
        seen[stem] = seen.get(stem, 0) + 1
        out[iri] = stem if seen[stem] == 1 else f"{stem}-{seen[stem]}"
    return out


def _write(report: Report, path: Path, text: str) -> Path:
    from taskgraph.safety import atomic_write

    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, text)
    report.files.append(path)
    return path


def _frame(report: Report, frame: Any, path: Path) -> None:
    from taskgraph.safety import atomic_output
    from taskgraph.tables import write_rows

    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(path, "w") as fh:
        rows = (
            [None if isinstance(v, float) and v != v else v for v in r] for r in frame.itertuples(index=False)
        )
        write_rows(list(frame.columns), rows, "csv", cast("TextIO", fh))
    report.files.append(path)


def _plan_report(corpus: Any, out: Path, say: Callable[[str], None], parallel: bool = False) -> Report:
    """The report on one plan (a corpus of one), Python's cyclic garbage collector paused.

    The report loads pandas, SciPy, matplotlib and igraph and makes millions of objects that
    live to its end; every full collection walks all of them again, 0.6 s of a 3.8 s report.
    Paused, it costs 25 MB more at the peak; the cycles left are collected once it is over.
    """
    from taskgraph.collector import collector_paused

    with collector_paused():
        return _plan_parts(corpus, out, say, parallel)


def _plan_parts(corpus: Any, out: Path, say: Callable[[str], None], parallel: bool) -> Report:
    """The files of a plan's report.

    With ``parallel``, two child processes share the work (see :class:`_Background`): one
    writes the RDF files and validates the graph as soon as the plan is parsed; the other draws
    the figures once the unit tables they show are computed (here, so that neither computes
    them twice). This process writes the rest. The files are the same either way, listed in
    the same order.
    """
    from taskgraph.export import measured_view, write_graph
    from taskgraph.query import library, run_named
    from taskgraph.records import plans_to_csv, plans_to_json
    from taskgraph.render.figures import FigureOptions, write_figures
    from taskgraph.render.fonts import deferred_subsets, subset_font_data_uri
    from taskgraph.render.html import VIEW_SUBTITLES, render_html
    from taskgraph.safety import atomic_output, atomic_write

    for sub in ("rdf", "queries", "tables", "html", "figures", "exports"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    report = Report(out)
    plans = list(corpus.plans)
    report.warnings += [
        f"{os.path.basename(p.source)}:{w.line or ''}: {w.message}" for p in plans for w in p.warnings
    ]
    plans_json = plans_to_json(plans) if plans else ""
    if plans:
        _write(report, out / "plans.json", plans_json + "\n")
        _write(report, out / "assignments.csv", plans_to_csv(plans))
    rdf_at = len(report.files)  # where the RDF files and validation.txt are listed
    checking = _Background(
        lambda: _graph_files(corpus, out, say if not parallel else lambda _: None), parallel
    )
    drawing: _Background | None = None
    try:
        if parallel:
            say("building the knowledge graph")
            say("validating against the SHACL shapes")
        else:
            checking.result()

        say("running the query library")
        options = FigureOptions()
        if parallel:  # what the figures need, computed or imported once (the child inherits it)
            for by in ("corpus", None):
                corpus.units(by, options.collectives, options.groups, english=options.lang != "zh")
            corpus.view("units", options.collectives, options.groups)
            import matplotlib

            matplotlib.use("Agg")  # as the figures do
            import matplotlib.pyplot  # (the pages import it too, through igraph)
        drawing = _Background(lambda: write_figures(corpus, out / "figures", options), parallel)
        units = corpus.units()
        leaders = corpus.leaders()
        params = {
            "unit": str(units.iloc[0]["unit"]) if len(units) else "",
            "leader": str(leaders.iloc[0]["leader"]) if len(leaders) else "",
        }
        query_results = {}
        for name, q in library().items():
            bound = {p: params.get(p, "") for p, _ in q.params}
            result = run_named(corpus.backend, name, bound)
            query_results[name] = result
            import pandas as pd

            _frame(
                report,
                pd.DataFrame(list(result.rows), columns=list(result.columns)),
                out / "queries" / f"{name}.csv",
            )

        say("computing the analyses")
        tables = {
            "units": units,
            "units-with-collectives": corpus.units(collectives="separate"),
            "units-coassignment-brokerage": corpus.units(brokerage_on="coassignment"),
            "leaders": leaders,
            "tasks": corpus.tasks(),
            "joint-tasks": corpus.joint(),
            "network": corpus.network(),
            "sensitivity": sensitivity_table(corpus),
        }
        for name, frame in tables.items():
            _frame(report, frame, out / "tables" / f"{name}.csv")
        with atomic_output(out / "tables" / "units.json", "w") as fh:
            units.to_json(fh, orient="records", force_ascii=False, indent=1)
        report.files.append(out / "tables" / "units.json")

        say("rendering pages, figures and exports")
        name = plans[0].title if len(plans) == 1 and plans[0].title else "plan"
        pages = []
        # One font cut for the five pages, each page's subset cut from it (see render.fonts).
        with deferred_subsets() as fonts:
            for view in VIEWS_IN_REPORT:
                G = measured_view(corpus, view)
                size = {
                    "units": "coordination_load",
                    "dependencies": "coordination_load",
                    "leaders": "tasks",
                    "coleaders": "tasks",
                }.get(view)
                if size and not any(size in d for _, d in G.nodes(data=True)):
                    size = None  # e.g. a plan that names no leader: size by degree
                path = out / "html" / f"{view}.html"
                pages.append((path, render_html(G, size, f"{name} — {view}", VIEW_SUBTITLES[view])))
                report.files.append(path)
                if view in ("units", "full"):
                    for ext in ("graphml", "gexf"):
                        report.files += write_graph(
                            G, out / "exports" / f"{view}.{ext}", base=corpus.minter.base
                        )
            # The index page's font, cut with the pages' (its text, the summary, comes from these
            # plans and tables; the summary is written once validation is back).
            index_font = subset_font_data_uri(name + plans_json + _CHROME_TEXT)
        for path, page in pages:
            atomic_write(path, fonts.fill(page))
        report.files += drawing.result()

        files, validation = checking.result()
        report.files[rdf_at:rdf_at] = files
        report.conforms = not validation.errors
        report.violations = [str(v) for v in validation.errors]
        summary = _summary(plans, units, leaders, tables, query_results, report.conforms, report)
        _write(report, out / "summary.md", summary)
        _write(report, out / "index.html", fonts.fill(_index(name, report, summary, index_font)))
        return report
    finally:
        for part in (checking, drawing):
            if part is not None:
                part.cancel()


def _graph_files(corpus: Any, out: Path, say: Callable[[str], None]) -> tuple[list[Path], Any]:
    """Write rdf/graph.ttl, rdf/graph.trig and rdf/validation.txt; return them and the validation."""
    from taskgraph.rdf import write_quads
    from taskgraph.safety import atomic_write
    from taskgraph.shacl import validate_quads

    files = []
    say("building the knowledge graph")
    quads = list(corpus.quads())  # built once for both files and the validation (0.2 s each time)
    for name in ("graph.ttl", "graph.trig"):
        write_quads(quads, out / "rdf" / name)
        files.append(out / "rdf" / name)
    say("validating against the SHACL shapes")
    validation = validate_quads(quads)
    text = ("conforms" if not validation.errors else "does not conform") + (
        f" ({len(validation.warnings)} warning(s))\n" if validation.warnings else "\n"
    )
    files.append(out / "rdf" / "validation.txt")
    atomic_write(files[-1], text + "".join(f"{v.severity.lower()}: {v}\n" for v in validation.violations))
    return files, validation


SENSITIVITY_TOP = 10


def sensitivity_table(corpus: Any, top: int = SENSITIVITY_TOP) -> Any:
    """The top units by coordination load under each combination of the group and collective
    options, side by side, so a reader sees at once which ranks are robust (issue 13)."""
    import pandas as pd

    columns = {}
    for groups in ("expand", "keep"):
        for collectives in ("exclude", "include"):
            frame = corpus.units(collectives=collectives, groups=groups)
            ranked = frame.sort_values(
                ["coordination_load", "unit"], ascending=[False, True], kind="stable"
            ).head(top)
            columns[f"groups={groups}, collectives={collectives}"] = [
                f"{r['unit']} ({r['coordination_load']:.3g})" for r in ranked.to_dict("records")
            ] + [""] * (top - len(ranked))
    frame = pd.DataFrame(columns)
    frame.insert(0, "rank", range(1, top + 1))
    return frame


def corpus_table(corpus: Any) -> Any:
    """One row per plan: tasks, leaders, units, joint leadership share, leader span,
    centralisation, collective share, and the heaviest unit and function (issue 11)."""
    import pandas as pd

    rows = []
    network = corpus.network(by=None)
    units = corpus.units(by=None, english=False)
    unit_parts = dict(tuple(units.groupby("plan", sort=False))) if "plan" in units.columns else {}
    net_parts = dict(tuple(network.groupby("plan", sort=False))) if "plan" in network.columns else {}
    for iri, a in corpus.by_plan().items():
        info = a.plans[iri]
        title = corpus.plan_id(iri)
        tasks = a.tasks
        n = len(tasks)
        leaders = {p.iri for t in tasks for p in t.parties.get("lead_leader", []) if p.kind == "person"}
        named = {p.iri for t in tasks for p in t.units() if p.kind == "unit"}
        joint = sum(
            1
            for t in tasks
            if len(t.parties.get("lead_leader", [])) > 1 or len(t.parties.get("lead_unit", [])) > 1
        )
        collective = sum(
            1 for t in tasks if any(p.kind == "collective" for ps in t.parties.values() for p in ps)
        )
        span: dict[str, set[str]] = {}
        for t in tasks:
            for p in t.parties.get("lead_leader", []):
                span.setdefault(p.iri, set()).update(u.iri for u in t.parties.get("lead_unit", []))
        mine = unit_parts.get(title, units.iloc[0:0]) if unit_parts else units
        top = mine.iloc[0] if len(mine) else None
        by_function = (
            mine.groupby("function")["coordination_load"].sum().sort_values(ascending=False)
            if len(mine)
            else None
        )
        net = net_parts.get(title, network.iloc[0:0]) if net_parts else network
        net = net[net["view"] == "units"]
        rows.append(
            {
                "plan": title,
                "title": info.title,
                "jurisdiction": info.jurisdiction,
                "level": info.level,
                "year": info.year,
                "tasks": n,
                "leaders": len(leaders),
                "units": len(named),
                "joint_leadership_share": round(joint / n, 3) if n else None,
                "leader_span": round(sum(len(v) for v in span.values()) / len(span), 2) if span else None,
                "centralization": float(net["degree_centralization"].iloc[0]) if len(net) else None,
                "collective_share": round(collective / n, 3) if n else None,
                "top_unit": top["unit"] if top is not None else None,
                "top_function": by_function.index[0]
                if by_function is not None and len(by_function)
                else None,
            }
        )
    return pd.DataFrame(rows)


def _corpus_outputs(corpus: Any, out: Path, names: dict[str, str]) -> list[Path]:
    from taskgraph.render.figures import FigureOptions, corpus_figure

    report = Report(out)
    table = corpus_table(corpus)
    _frame(report, table, out / "corpus.csv")
    _frame(report, corpus.units(), out / "tables" / "units-by-plan.csv")
    _frame(
        report, corpus.units(by=["plan", "function"], english=False), out / "tables" / "functions-by-plan.csv"
    )
    _frame(report, corpus.leaders(), out / "tables" / "leaders-by-plan.csv")
    (out / "rdf").mkdir(parents=True, exist_ok=True)
    corpus.write_rdf(out / "rdf" / "corpus.trig")
    report.files.append(out / "rdf" / "corpus.trig")
    report.files += corpus_figure(table, out / "figures", FigureOptions())
    from taskgraph.render.figures import Scope, function_figure

    report.files += function_figure(
        corpus.units(english=False), out / "figures", FigureOptions(), Scope.of(corpus.assignments)
    )
    return report.files


def _corpus_summary(corpus: Any, report: Report, each: bool = True) -> str:
    from taskgraph.safety import markdown_escape

    table = corpus_table(corpus)
    if each:
        about = "Each has its full report under `plans/`."
    else:
        about = (
            f"No plan has a report of its own (more than {EACH_PLAN_LIMIT} plans, `--no-each-plan`, or read "
            "from a store): `taskgraph report PLAN -o DIR` writes one, `--each-plan` writes them all; "
            "`taskgraph validate` checks the graph against the shapes."
        )
    lines = ["# Plans side by side", "", f"{corpus.plan_count} plans. {about}", ""]
    lines.append(_table(table, list(table.columns)))
    lines += [
        "",
        "- **joint_leadership_share**: tasks with more than one lead leader or lead unit.",
        "- **leader_span**: lead units a leader oversees, on average.",
        "- **centralization**: Freeman degree centralisation of the units network.",
        "- **collective_share**: tasks that name a collective (各镇人民政府 …).",
        "",
    ]
    if report.warnings:
        lines += ["## Parser warnings", ""] + [f"- {markdown_escape(w)}" for w in report.warnings[:200]]
        if len(report.warnings) > 200:
            lines.append(f"- … and {len(report.warnings) - 200} more (see each plan's summary)")
    return "\n".join(lines) + "\n"


def _summary(
    plans: list[Any],
    units: Any,
    leaders: Any,
    tables: dict[str, Any],
    queries: dict[str, Any],
    conforms: bool,
    report: Report,
) -> str:
    from taskgraph.analysis.load import WEIGHTS
    from taskgraph.safety import markdown_escape

    tasks = tables["tasks"]
    n_tasks = len(tasks)
    lines = ["# Findings", ""]
    for p in plans:
        lines.append(
            f"- **{markdown_escape(p.title or p.source)}** — {markdown_escape(p.issuer or 'issuer unknown')}, {p.date or 'undated'}: "
            f"{len(p.tasks)} tasks, {len(p.sections)} sections, {len(p.warnings)} parser warning(s)."
        )
    lines += [
        "",
        f"The knowledge graph {'conforms to' if conforms else 'does NOT conform to'} the SHACL shapes.",
        "",
    ]

    lines += [
        "## Heaviest coordination load",
        "",
        "Coordination load = Σ over tasks led of (1 + partners on the task) / co-leads "
        f"+ {WEIGHTS['responsible']} × tasks answered for (see the README).",
        "",
    ]
    lines.append(
        _table(
            units,
            [
                "unit",
                "coordination_load",
                "tasks_led",
                "co_led",
                "responsible",
                "degree",
                "betweenness",
                "overseer",
            ],
            10,
        )
    )
    if len(units):
        top = units.iloc[0]
        lines += [
            "",
            f"{markdown_escape(str(top['unit']))} carries the heaviest load ({top['coordination_load']:.3g}): it leads "
            f"{int(top['tasks_led'])} tasks, {int(top['co_led'])} of them jointly.",
        ]

    lines += ["", "## Leaders' portfolios (分管)", ""]
    lines.append(
        _table(
            leaders,
            [
                "leader",
                "tasks",
                "sole_tasks",
                "joint_tasks",
                "units_overseen",
                "portfolio_units",
                "sections",
                "co_leaders",
            ],
        )
    )
    oversight = queries.get("leader-units")
    if oversight is not None:
        by_leader: dict[str, list[str]] = {}
        for row in oversight.to_dicts():
            by_leader.setdefault(row["leader"], []).append(f"{row['unit']} ({row['tasks']})")
        lines.append("")
        for leader in leaders["leader"]:
            if leader in by_leader:
                lines.append(
                    f"- **{markdown_escape(leader)}**: {markdown_escape('、'.join(by_leader[leader][:8]))}"
                    f"{' …' if len(by_leader[leader]) > 8 else ''}"
                )

    joint = tasks[tasks["joint"]] if "joint" in tasks.columns else tasks  # no task: a table without columns
    lines += [
        "",
        "## Jointly led tasks",
        "",
        f"{len(joint)} of {n_tasks} tasks ({100 * len(joint) / max(n_tasks, 1):.0f}%) have more than one lead leader "
        "or lead unit. Their lead units attributed to leaders by portfolio:",
        "",
    ]
    lines.append(
        _table(tables["joint-tasks"], ["number", "unit_name", "leader", "evidence", "confidence", "status"])
    )

    lines += ["", "## Brokers", ""]
    dep = units.sort_values("brokerage_total", ascending=False, kind="stable")
    if len(dep) and dep.iloc[0]["brokerage_total"] > 0:
        lines.append(
            "Gould–Fernandez brokerage on lead → responsible ties (groups = each unit's main section):"
        )
        lines += [
            "",
            _table(
                dep,
                BROKERAGE_COLUMNS,
                8,
            ),
        ]
    else:
        lines.append(
            "No unit brokers on lead → responsible ties: no unit is responsible on one task and lead "
            "of another with a named responsible unit. On co-assignment ties (both directions):"
        )
        co = tables["units-coassignment-brokerage"].sort_values(
            "brokerage_total", ascending=False, kind="stable"
        )
        lines += [
            "",
            _table(
                co,
                BROKERAGE_COLUMNS,
                8,
            ),
        ]
    bet = units.sort_values("betweenness", ascending=False, kind="stable")
    lines += [
        "",
        "Highest betweenness in the co-assignment network: "
        + "、".join(
            f"{markdown_escape(str(r['unit']))} ({r['betweenness']:.3f})"
            for r in bet.head(5).to_dict("records")
        )
        + ".",
    ]

    lines += ["", "## How much falls on collectives", ""]
    with_collectives = int((tasks["collectives"] > 0).sum()) if "collectives" in tasks.columns else 0
    lines.append(
        f"{with_collectives} of {n_tasks} tasks ({100 * with_collectives / max(n_tasks, 1):.0f}%) name at least one "
        "collective (a name for many unnamed units or leaders). They are left out of the network measures "
        "by default; `--collectives include` keeps them."
    )
    involvement = queries.get("collective-involvement")
    if involvement is not None and involvement.rows:
        lines += ["", "| collective | role | tasks | % of tasks |", "|---|---|---|---|"]
        lines += [
            f"| {markdown_escape(r['collective'])} | {r['role']} | {r['tasks']} | {r['percent_of_tasks']} |"
            for r in involvement.to_dicts()
        ]

    lines += ["", "## Network", "", _table(tables["network"], list(tables["network"].columns))]
    if report.warnings:
        lines += ["", "## Parser warnings", ""] + [f"- {markdown_escape(w)}" for w in report.warnings]
    lines += ["", "---", "Written by taskgraph. Files: see index.html.", ""]
    return "\n".join(lines)


# The words of the summary and the index that are no plan's (headings, labels, the glossary's).
_CHROME_TEXT = "涉及任务领导单位部门牵头责任配合分管协调负荷（）：；、，。—…"


def _index(name: str, report: Report, summary: str, font: str | None = None) -> str:
    """The report's index page; ``font``: a data URI of the CJK font for its text, or None to cut one."""
    folder = report.folder
    groups: dict[str, list[Path]] = {}
    for p in report.files:
        rel = p.relative_to(folder)
        groups.setdefault(rel.parts[0] if len(rel.parts) > 1 else "", []).append(rel)
    titles = {
        "": "Report",
        "html": "Interactive graphs",
        "figures": "Figures",
        "tables": "Analysis tables",
        "queries": "SPARQL query results",
        "rdf": "Knowledge graph (RDF)",
        "exports": "Exports for Gephi and other tools",
    }
    parts = []
    for key in ("html", "figures", "", "tables", "queries", "rdf", "exports"):
        files = groups.get(key, [])
        if not files:
            continue
        items = "".join(f'<li><a href="{html.escape(str(f))}">{html.escape(str(f))}</a></li>' for f in files)
        parts.append(f"<h2>{titles[key]}</h2><ul>{items}</ul>")
    figures = "".join(
        f'<figure><img src="{html.escape(str(f))}" alt="{html.escape(f.stem)}"></figure>'
        for f in groups.get("figures", [])
        if f.suffix == ".png"
    )
    from taskgraph.render.fonts import subset_font_data_uri

    title = html.escape(name)
    # The shipped CJK font, cut to the page's own characters, after the reader's sans-serif: the
    # Chinese shows on a machine without a CJK font too, and no request leaves.
    if font is None:
        font = subset_font_data_uri(name + summary + "".join(str(f) for f in report.files))
    return f"""<!DOCTYPE html>
<html lang="zh-Hans"><head><meta charset="utf-8"><title>taskgraph report — {title}</title>
<style>@font-face{{font-family:"taskgraph CJK";src:url({font}) format("truetype")}}
body{{font-family:sans-serif,"taskgraph CJK";max-width:1100px;margin:2em auto;padding:0 1em;color:#222}}
pre{{font-family:monospace,"taskgraph CJK";white-space:pre-wrap;background:#f6f6f6;padding:1em;font-size:13px}}figure{{display:inline-block;margin:0 1em 1em 0}}
img{{max-width:520px;border:1px solid #ddd}}</style></head>
<body><h1>taskgraph report — {title}</h1>
<p>{"The graph conforms to the SHACL shapes." if report.conforms else "The graph does NOT conform to the SHACL shapes: see rdf/validation.txt."}</p>
{parts[0] if parts else ""}
{figures}
{"".join(parts[1:])}
<h2>summary.md</h2><pre>{html.escape(summary)}</pre>
<script type="application/json" id="report-files">{html.escape(json.dumps([str(f.relative_to(folder)) for f in report.files], ensure_ascii=False))}</script>
</body></html>
"""
