"""The ``taskgraph`` command line: a thin layer over the library.

Library errors become one line on stderr and an exit code in ONE place (:class:`_Group`);
heavy libraries are imported inside the commands that need them, so ``--help`` is fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from taskgraph.errors import TaskgraphError


class _Failure(click.ClickException):
    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code  # type: ignore[misc]  # click reads it per instance


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TaskgraphError as exc:
            raise _Failure(str(exc), exc.exit_code) from None
        except BrokenPipeError:
            raise
        except OSError as exc:
            name = f"{exc.filename}: " if exc.filename else ""
            raise _Failure(f"{name}{exc.strerror or exc}", 1) from None
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:  # a bug: still one line, unless TASKGRAPH_DEBUG asks for the traceback
            if os.environ.get("TASKGRAPH_DEBUG"):
                raise
            raise _Failure(
                f"internal error ({type(exc).__name__}: {exc}); set TASKGRAPH_DEBUG=1 for the traceback "
                "and please report it",
                1,
            ) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="taskgraph")
def cli() -> None:
    """Chinese government task allocation plans as a knowledge graph.

    Parse plans (重点工作任务分工方案), build RDF, run SPARQL, analyse the coordination
    network and render it. Run "taskgraph COMMAND --help" for each command.

    Example: taskgraph report data/shenxian-2024-task-allocation.txt -o out
    """


def _emit(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    else:
        click.echo(text.rstrip("\n"))


def _read_plans(paths: tuple[str, ...], quiet: bool = False) -> list[Any]:
    from taskgraph.parse import read_plan

    plans = []
    for path in paths:
        plan = read_plan(path)
        if not quiet:
            _warn([plan])  # as each plan is read, so warnings come before a later file's error
        plans.append(plan)
    return plans


@cli.command()
@click.argument("plans", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here, not to stdout.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv"]),
    default="json",
    show_default=True,
    help="JSON document per plan, or one CSV row per assignment.",
)
@click.option("-q", "--quiet", is_flag=True, help="Do not print the parser's warnings on stderr.")
def parse(plans: tuple[str, ...], output: str | None, fmt: str, quiet: bool) -> None:
    """Parse PLAN files into tasks, leaders and units.

    Warnings (a missing task number, an attribution cut off, …) go to stderr with the
    file and line; they are in the JSON output too.

    Example: taskgraph parse data/shenxian-2024-task-allocation.txt -o plan.json
    """
    from taskgraph.records import plans_to_csv, plans_to_json

    parsed = _read_plans(plans, quiet)
    _emit(plans_to_json(parsed) if fmt == "json" else plans_to_csv(parsed), output)


def _warn(plans: list[Any]) -> None:
    for plan in plans:
        for w in plan.warnings:
            where = f"{plan.source}:{w.line}" if w.line else plan.source
            click.echo(f"{where}: warning: {w.message}", err=True)


_BASE = click.option(
    "--base",
    default=None,
    metavar="IRI",
    help="Base IRI of the data (default https://w3id.org/taskgraph/id/).",
)
_QUIET = click.option("-q", "--quiet", is_flag=True, help="Do not print parser warnings on stderr.")
_TABLE_FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table", show_default=True
)
_OUTPUT = click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here, not to stdout.")
_SOURCES = click.argument("sources", nargs=-1, required=True, type=click.Path())


def _store(sources: tuple[str, ...], base: str | None, quiet: bool) -> Any:
    from taskgraph.namespaces import DEFAULT_BASE
    from taskgraph.query import load_store

    store, plans = load_store(sources, base or DEFAULT_BASE)
    if not quiet:
        _warn(plans)
    return store


@cli.command()
@click.argument("plans", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The RDF file to write.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["ttl", "nt", "jsonld", "xml", "trig", "nq"]),
    default=None,
    help="RDF format; from the file extension when not given.",
)
@_BASE
@_QUIET
def build(plans: tuple[str, ...], output: str, fmt: str | None, base: str | None, quiet: bool) -> None:
    """Build the RDF knowledge graph of PLAN files.

    One named graph per plan (kept in TriG, N-Quads and JSON-LD; merged in Turtle,
    N-Triples and RDF/XML). IRIs are deterministic, so Turtle output is stable.

    Example: taskgraph build data/shenxian-2024-task-allocation.txt -o shenxian.ttl
    """
    from taskgraph.namespaces import DEFAULT_BASE
    from taskgraph.rdf import format_for, to_rdf, write_rdf

    fmt = format_for(output, fmt)
    parsed = _read_plans(plans, quiet)
    ds = to_rdf(parsed, base or DEFAULT_BASE)
    write_rdf(ds, output, fmt)
    triples = sum(1 for _ in ds.quads((None, None, None, None)))
    click.echo(
        f"wrote {output}: {len(parsed)} plan(s), {sum(len(p.tasks) for p in parsed)} tasks, {triples} triples",
        err=True,
    )


@cli.command()
@click.argument("graphs", nargs=-1, required=True, type=click.Path())
@_BASE
@_QUIET
def validate(graphs: tuple[str, ...], base: str | None, quiet: bool) -> None:
    """Check GRAPH files (RDF, or plans parsed on the fly) against the SHACL shapes.

    Exit 0 when every graph conforms, 1 with one line per violation when one does not.

    Example: taskgraph validate shenxian.ttl
    """
    from taskgraph.namespaces import DEFAULT_BASE
    from taskgraph.rdf import read_sources
    from taskgraph.shacl import validate as run_validation

    failed = False
    for path in graphs:
        ds, plans = read_sources([path], base or DEFAULT_BASE)
        if not quiet:
            _warn(plans)
        report = run_validation(ds)
        violations = [v for v in report.violations if v.severity == "Violation"]
        for v in report.violations:
            click.echo(f"{path}: {v.severity.lower()}: {v}", err=True)
        if violations or not report.conforms:
            failed = True
            click.echo(f"{path}: does not conform ({len(violations)} violation(s))", err=True)
        else:
            click.echo(f"{path}: conforms")
    if failed:
        raise _Failure("validation failed", 1)


@cli.command("queries")
@click.option("-v", "--verbose", is_flag=True, help="Show each query's text too.")
def queries_command(verbose: bool) -> None:
    """List the SPARQL query library with descriptions and parameters.

    Example: taskgraph queries
    """
    from taskgraph.query import library

    for name, q in library().items():
        params = "".join(f" --param {p}=…" for p, _ in q.params)
        click.echo(f"{name}{params}")
        click.echo(f"    {q.description}")
        for p, d in q.params:
            click.echo(f"    {p}: {d}")
        if verbose:
            click.echo("\n".join("      " + ln for ln in q.text.splitlines()))


def _params(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for value in values:
        key, sep, val = value.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{value!r} is not name=value", param_hint="--param")
        out[key.strip()] = val
    return out


@cli.command()
@click.argument("args", nargs=-1, required=True, metavar="SOURCE... [NAME]")
@click.option("-f", "--file", "query_file", type=click.Path(dir_okay=False), help="Run the query in FILE.rq.")
@click.option("-e", "--expression", help="Run this SPARQL SELECT or ASK query.")
@click.option(
    "-p", "--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind ?NAME to the string VALUE."
)
@_TABLE_FORMAT
@_OUTPUT
@_BASE
@_QUIET
def query(
    args: tuple[str, ...],
    query_file: str | None,
    expression: str | None,
    params: tuple[str, ...],
    fmt: str,
    output: str | None,
    base: str | None,
    quiet: bool,
) -> None:
    """Run a SPARQL query over SOURCES (RDF files or plans).

    Name a library query (see `taskgraph queries`) as the last argument, or give -f FILE.rq
    or -e "SPARQL". Parameters are bound as values, never pasted into the query; a bound
    variable must appear in the SELECT clause. SPARQL Update is refused.

    Example: taskgraph query data/shenxian-2024-task-allocation.txt lead-load
    """
    from taskgraph.query import get_query, library, read_query_file, run_query
    from taskgraph.tables import format_rows

    sources, name = args, None
    if query_file and expression:
        raise click.UsageError("give only one of NAME, -f FILE.rq or -e SPARQL")
    if not (query_file or expression):
        if len(args) < 2:
            raise click.UsageError("give SOURCE... and a query: NAME, -f FILE.rq or -e SPARQL")
        sources, name = args[:-1], args[-1]
        if name not in library():
            raise click.UsageError(f"no query named {name!r}; `taskgraph queries` lists them")
    bound = _params(params)
    if name:
        q = get_query(name)
        text, declared = q.text, [p for p, _ in q.params]
    elif query_file:
        q = read_query_file(query_file)
        text, declared = q.text, [p for p, _ in q.params]
    else:
        text, declared = expression or "", []
    store = _store(sources, base, quiet)
    result = run_query(store, text, bound, declared)
    _emit(format_rows(result.columns, result.rows, fmt), output)


_VIEW_CHOICE = click.Choice(["full", "units", "dependencies", "leaders", "coleaders"])
_COLLECTIVES = click.option(
    "--collectives",
    type=click.Choice(["exclude", "include", "separate"]),
    default="exclude",
    show_default=True,
    help="Collectives (各镇人民政府〔街道办事处〕 …) out of the network, in it, or reported apart.",
)
_GROUPS = click.option(
    "--groups",
    type=click.Choice(["expand", "keep"]),
    default="expand",
    show_default=True,
    help="Replace a group (县属开发区管委会) by its member units, or keep it as one node.",
)

_ANALYZE_VIEWS = {
    "units": "unit",
    "leaders": "leader",
    "tasks": "task",
    "network": "network",
    "joint": "joint",
}


def _analysis_frame(a: Any, view: str, collectives: str, groups: str, by: str, on: str) -> Any:
    from taskgraph.analysis import (
        joint_attribution_table,
        leader_table,
        network_summary,
        task_table,
        unit_table,
    )

    if view == "units":
        return unit_table(a, collectives, groups, by, on)
    if view == "leaders":
        return leader_table(a, collectives)
    if view == "tasks":
        return task_table(a)
    if view == "joint":
        return joint_attribution_table(a)
    return network_summary(a, collectives, groups)


@cli.command()
@_SOURCES
@click.option(
    "--view",
    type=click.Choice(list(_ANALYZE_VIEWS)),
    default="units",
    show_default=True,
    help="Units, leaders, tasks, whole-network figures, or jointly led tasks attributed by portfolio.",
)
@click.option(
    "--measure", "-m", default=None, help="Sort by this column (default: coordination_load for units)."
)
@click.option("--top", "-n", type=click.IntRange(min=1), default=None, help="Only the first N rows.")
@_COLLECTIVES
@_GROUPS
@click.option(
    "--brokerage-by",
    type=click.Choice(["section", "leader"]),
    default="section",
    show_default=True,
    help="Groups for Gould–Fernandez brokerage: a unit's main section or its overseeing leader.",
)
@click.option(
    "--brokerage-on",
    type=click.Choice(["dependencies", "coassignment"]),
    default="dependencies",
    show_default=True,
    help="Brokerage on lead → responsible ties or on co-assignment ties.",
)
@click.option("--columns", "-c", default=None, help="Comma-separated columns to show.")
@_TABLE_FORMAT
@_OUTPUT
@_BASE
@_QUIET
def analyze(
    sources: tuple[str, ...],
    view: str,
    measure: str | None,
    top: int | None,
    collectives: str,
    groups: str,
    brokerage_by: str,
    brokerage_on: str,
    columns: str | None,
    fmt: str,
    output: str | None,
    base: str | None,
    quiet: bool,
) -> None:
    """Centrality, coordination load, brokerage and portfolios of SOURCES.

    The units view has one row per unit: tasks led / co-led / responsible, coordination load,
    degree, strength, betweenness, closeness, eigenvector, PageRank, Burt's constraint and
    effective size, k-core, Louvain community, brokerage roles and the inferred overseer.

    Example: taskgraph analyze data/shenxian-2024-task-allocation.txt --top 10
    """
    from taskgraph.network import read_assignments
    from taskgraph.tables import format_rows

    a = read_assignments(_store(sources, base, quiet))
    frame = _analysis_frame(a, view, collectives, groups, brokerage_by, brokerage_on)
    if measure:
        if measure not in frame.columns:
            raise click.BadParameter(
                f"no column {measure!r}; columns: {', '.join(frame.columns)}", param_hint="--measure"
            )
        frame = frame.sort_values(measure, ascending=measure == "constraint", kind="stable")
    if columns:
        wanted = [c.strip() for c in columns.split(",") if c.strip()]
        missing = [c for c in wanted if c not in frame.columns]
        if missing:
            raise click.BadParameter(
                f"no column {missing[0]!r}; columns: {', '.join(frame.columns)}", param_hint="--columns"
            )
        frame = frame[wanted]
    elif fmt == "table" and "iri" in frame.columns:
        frame = frame.drop(columns=["iri"])
        if view == "tasks":
            frame = frame.drop(columns=["plan"])
    if view == "joint" and fmt == "table" and not columns:
        frame = frame.drop(columns=["task", "unit"])
    if top:
        frame = frame.head(top)
    rows = [
        [None if (isinstance(v, float) and v != v) else v for v in r] for r in frame.itertuples(index=False)
    ]
    _emit(format_rows(list(frame.columns), rows, fmt), output)


@cli.command()
@_SOURCES
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="FILE.graphml, FILE.gexf, FILE.json (node-link) or FILE.csv (Gephi nodes/edges pair).",
)
@click.option(
    "--view", type=_VIEW_CHOICE, default="units", show_default=True, help="Which network to export."
)
@_COLLECTIVES
@_GROUPS
@_BASE
@_QUIET
def export(
    sources: tuple[str, ...],
    output: str,
    view: str,
    collectives: str,
    groups: str,
    base: str | None,
    quiet: bool,
) -> None:
    """Export a network view for Gephi, Cytoscape or other tools.

    The units view carries every unit measure as node attributes.

    Example: taskgraph export data/shenxian-2024-task-allocation.txt -o units.gexf
    """
    from taskgraph.analysis import unit_table
    from taskgraph.export import attach_measures, export_format, write_graph
    from taskgraph.network import build_view, read_assignments

    export_format(output)
    a = read_assignments(_store(sources, base, quiet))
    G = build_view(a, view, collectives, groups)
    if view in ("units", "dependencies"):
        attach_measures(G, unit_table(a, "include" if collectives == "include" else "exclude", groups))
    written = write_graph(G, output)
    click.echo(
        f"wrote {', '.join(map(str, written))}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges",
        err=True,
    )


def _titled_view(a: Any, view: str, collectives: str, groups: str) -> tuple[Any, str]:
    """The view with unit measures attached, and a title naming the plans."""
    from taskgraph.analysis import leader_table, unit_table
    from taskgraph.export import measured_view

    units = unit_table(a, "include" if collectives == "include" else "exclude", groups)
    G = measured_view(a, view, units, leader_table(a, collectives), collectives, groups)
    plans = sorted({t.plan_title for t in a.tasks if t.plan_title})
    name = plans[0] if len(plans) == 1 else f"{len(plans)} plans"
    return G, f"{name} — {view}"


@cli.command()
@_SOURCES
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="The HTML file to write."
)
@click.option("--view", type=_VIEW_CHOICE, default="units", show_default=True, help="Which network to draw.")
@click.option(
    "--size-by",
    default=None,
    metavar="MEASURE",
    help="Node size: degree (default), or a unit measure such as coordination_load, betweenness, tasks_led.",
)
@_COLLECTIVES
@_GROUPS
@_BASE
@_QUIET
def render(
    sources: tuple[str, ...],
    output: str,
    view: str,
    size_by: str | None,
    collectives: str,
    groups: str,
    base: str | None,
    quiet: bool,
) -> None:
    """Draw a network view as one self-contained, offline HTML page.

    Colours by node kind with a legend, sizes by a measure, plain-text tooltips, search,
    filters by kind and section; the layout settles and stops.

    Example: taskgraph render data/shenxian-2024-task-allocation.txt -o units.html --size-by coordination_load
    """
    from taskgraph.network import read_assignments
    from taskgraph.render.html import VIEW_SUBTITLES, write_html

    a = read_assignments(_store(sources, base, quiet))
    G, title = _titled_view(a, view, collectives, groups)
    write_html(G, output, size_by, title, VIEW_SUBTITLES[view])
    click.echo(f"wrote {output}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges", err=True)


@cli.command()
@_SOURCES
@click.option(
    "-o", "--output", required=True, type=click.Path(file_okay=False), help="Folder for the figures."
)
@click.option(
    "--top", type=click.IntRange(min=1), default=20, show_default=True, help="Units in the load chart."
)
@_GROUPS
@_BASE
@_QUIET
def figures(
    sources: tuple[str, ...], output: str, top: int, groups: str, base: str | None, quiet: bool
) -> None:
    """Write static figures (PNG and SVG) for papers: coordination load, leader × section, degrees.

    Example: taskgraph figures data/shenxian-2024-task-allocation.txt -o figures
    """
    from taskgraph.analysis import unit_table
    from taskgraph.network import read_assignments
    from taskgraph.render.figures import write_figures

    a = read_assignments(_store(sources, base, quiet))
    paths = write_figures(a, output, unit_table(a, groups=groups), top)
    click.echo(f"wrote {len(paths)} files to {output}", err=True)


@cli.command()
@click.argument("plans", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False), help="The report folder.")
@_BASE
def report(plans: tuple[str, ...], output: str, base: str | None) -> None:
    """Everything in one folder: RDF, validation, queries, tables, pages, figures, summary.md, index.html.

    Progress goes to stderr. Exits 1 (after writing everything) when the graph fails validation.

    Example: taskgraph report data/shenxian-2024-task-allocation.txt -o report
    """
    from taskgraph.namespaces import DEFAULT_BASE
    from taskgraph.report import write_report

    result = write_report(plans, output, base or DEFAULT_BASE, progress=lambda m: click.echo(m, err=True))
    for w in result.warnings:
        click.echo(f"warning: {w}", err=True)
    click.echo(f"wrote {len(result.files)} files to {output}; open {Path(output) / 'index.html'}", err=True)
    if not result.conforms:
        raise _Failure(
            f"the graph does not conform to the shapes ({len(result.violations)} violation(s)); see {output}/rdf/validation.txt",
            1,
        )


@cli.command()
@click.argument("plan", type=click.Path())
@click.option(
    "--gold", "gold_path", required=True, type=click.Path(dir_okay=False), help="The gold annotation (JSON)."
)
@_TABLE_FORMAT
@_QUIET
def evaluate(plan: str, gold_path: str, fmt: str, quiet: bool) -> None:
    """Score the parse of PLAN against a hand-checked gold annotation.

    Prints the share of gold tasks found and precision, recall and F1 for leaders, lead units
    and other units (responsible and cooperating), compared as (task, canonical name) pairs.

    Example: taskgraph evaluate data/shenxian-2024-task-allocation.txt --gold tests/fixtures/shenxian-2024.gold.json
    """
    from taskgraph.evaluate import evaluate as score
    from taskgraph.evaluate import read_gold
    from taskgraph.tables import format_rows

    gold = read_gold(gold_path)
    (parsed,) = _read_plans((plan,), quiet)
    result = score(parsed, gold)
    rows = [
        ["tasks", result["tasks_gold"], result["tasks_parsed"], None, round(result["tasks_found"], 4), None]
    ]
    for s in result["scores"].values():
        rows.append([s.field, s.gold, s.found, round(s.precision, 4), round(s.recall, 4), round(s.f1, 4)])
    _emit(format_rows(["field", "gold", "parsed", "precision", "recall", "f1"], rows, fmt), None)


def main() -> None:
    """Entry point of the ``taskgraph`` console script."""
    try:
        cli(prog_name="taskgraph")
    except BrokenPipeError:  # `taskgraph query … | head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
