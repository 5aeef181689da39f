"""The ``taskgraph`` command line: each command a few lines over :class:`taskgraph.corpus.Corpus`.

Library errors become one line on stderr and an exit code in ONE place (:class:`_Group`);
heavy libraries are imported inside the commands that need them, so ``--help`` is fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any, TextIO, cast

import click

from taskgraph.errors import TaskgraphError
from taskgraph.registry import COLLECTIVES, GROUPS, VIEWS


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
        except MemoryError:
            raise _Failure(
                "out of memory: the input is too large for this machine (see the README's limits)", 1
            ) from None
        except OSError as exc:
            name = f"{exc.filename}: " if exc.filename else ""
            raise _Failure(f"{name}{exc.strerror or exc}", 1) from None
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:  # a bug: still one line, unless TASKGRAPH_DEBUG asks for the traceback
            if os.environ.get("TASKGRAPH_DEBUG"):
                raise
            first = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
            raise _Failure(
                f"internal error ({type(exc).__name__}: {first}); set TASKGRAPH_DEBUG=1 for the traceback "
                "and please report it",
                1,
            ) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="taskgraph")
def cli() -> None:
    """Chinese government task allocation plans as a knowledge graph.

    Parse plans (重点工作任务分工方案) in any format governments publish them, build RDF,
    run SPARQL, analyse the coordination network, compare plans across years and places,
    and render it all. Run "taskgraph COMMAND --help" for each command.

    Example: taskgraph report data/shenxian-2024-task-allocation.txt -o out
    """


# ------------------------------------------------------------------ shared options and helpers


def _emit(text: str, output: str | None) -> None:
    if output:
        from taskgraph.safety import atomic_write

        atomic_write(output, text if text.endswith("\n") else text + "\n")
    else:
        click.echo(text.rstrip("\n"))


def _say(message: str) -> None:
    click.echo(message, err=True)


def _warn_plan(plan: Any) -> None:
    for w in plan.warnings:
        where = f"{plan.source}:{w.line}" if w.line else plan.source
        click.echo(f"{where}: warning: {w.message}", err=True)


def _progress() -> Callable[[int, int, str], None] | None:
    """A progress line on stderr when it is a terminal; nothing otherwise."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int, path: str) -> None:
        width = 24
        filled = int(width * done / max(total, 1))
        name = os.path.basename(path)[:40]
        end = "\n" if done >= total else ""
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name:<40}{end}")
        sys.stderr.flush()

    return show


_ALIASES = click.option(
    "--aliases",
    type=click.Path(dir_okay=False),
    help="CSV jurisdiction,from,to,since of renamed and merged units.",
)
_LANG = click.option(
    "--lang",
    type=click.Choice(["zh", "en", "both"]),
    default="zh",
    show_default=True,
    help="Language of the figures' labels: Chinese, English or both.",
)
_DPI = click.option(
    "--dpi",
    type=click.IntRange(min=50, max=1200),
    default=300,
    show_default=True,
    help="Resolution of PNG figures.",
)
_SOURCES = click.argument("sources", nargs=-1, type=click.Path(), metavar="SOURCE...")


def source_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """The options every command that reads plans shares."""
    options = [
        click.option("--store", "store", type=click.Path(file_okay=False), help="Read an on-disk store built with `build --store`."),
        click.option("--endpoint", metavar="URL", help="Read from a SPARQL 1.1 endpoint (its query URL)."),
        click.option("--header", "headers", multiple=True, metavar="'NAME: VALUE'", help="HTTP header for --endpoint (repeatable), e.g. an Authorization token."),
    ]  # fmt: skip
    for option in reversed(options):
        f = option(f)
    return _plan_options(f)


def _plan_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """How plans are read: the manifest, the aliases, the base IRI; -q for the parser's warnings."""
    options = [
        click.option("--manifest", type=click.Path(dir_okay=False), help="CSV path,jurisdiction,level,year that overrides what the plans say."),
        _ALIASES,
        click.option("--base", default=None, metavar="IRI", help="Base IRI of the data (default https://w3id.org/taskgraph/id/)."),
        click.option("-q", "--quiet", is_flag=True, help="Do not print the parser's warnings."),
    ]  # fmt: skip
    for option in reversed(options):
        f = option(f)
    return f


def _corpus(sources: tuple[str, ...], store: str | None, endpoint: str | None, headers: tuple[str, ...],
            manifest: str | None, aliases: str | None, base: str | None, quiet: bool) -> Any:  # fmt: skip
    from taskgraph.corpus import Corpus
    from taskgraph.iris import DEFAULT_BASE

    base = base or DEFAULT_BASE
    if store and endpoint:
        raise click.UsageError("give --store or --endpoint, not both")
    if (store or endpoint) and sources:
        raise click.UsageError("SOURCE files and --store/--endpoint are read apart: give one or the other")
    if store:
        return Corpus.open(store, base)
    if endpoint:
        return Corpus.connect(endpoint, headers, base)
    if not sources and not manifest:
        raise click.UsageError("give SOURCE files or folders, a --manifest, --store DIR or --endpoint URL")
    corpus = Corpus.read(
        sources,
        manifest=manifest,
        aliases=aliases,
        base=base,
        progress=_progress(),
        on_plan=None if quiet else _warn_plan,
    )
    if not quiet:
        for source, w in corpus.warnings:
            if w.code == "duplicate-document":
                click.echo(f"{source}: warning: {w.message}", err=True)
    return corpus


_TABLE_FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table", show_default=True,
    help="Aligned table, CSV, TSV or JSON.",
)  # fmt: skip
_EXCEL = click.option(
    "--excel", is_flag=True, help="CSV/TSV with a byte-order mark, so Excel on Windows reads the Chinese."
)
_OUTPUT = click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here, not to stdout.")
_TIMEOUT = click.option(
    "--timeout", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
    help="Stop a query after this long (default 120 s, or $TASKGRAPH_QUERY_TIMEOUT; 0: no limit).",
)  # fmt: skip
_COLLECTIVES = click.option(
    "--collectives", type=click.Choice(list(COLLECTIVES)), default="exclude", show_default=True,
    help="Collectives (各镇人民政府〔街道办事处〕 …) out of the network, in it, or reported apart.",
)  # fmt: skip
_GROUPS = click.option(
    "--groups", type=click.Choice(list(GROUPS)), default="expand", show_default=True,
    help="Replace a group a plan defines (县属开发区管委会) by its member units, or keep it as one node.",
)  # fmt: skip
_VIEW_CHOICE = click.Choice(list(VIEWS))


def _write_table(columns: Any, rows: Any, fmt: str, output: str | None, excel: bool = False) -> int:
    """Stream rows to the output file (atomically) or stdout."""
    from taskgraph.tables import write_rows

    if output:
        from taskgraph.safety import atomic_output

        with atomic_output(output, "w") as fh:
            return write_rows(columns, rows, fmt, cast(TextIO, fh), excel)
    return write_rows(columns, rows, fmt, sys.stdout, excel)


def _shorten(corpus: Any, rows: Any) -> Any:
    """IRIs under the data's base shown without it (``plan/莘县/2024-…``) in tables for people."""
    base = corpus.minter.base
    for row in rows:
        yield tuple(v[len(base) :] if isinstance(v, str) and v.startswith(base) else v for v in row)


# ------------------------------------------------------------------ parse, build, validate


@cli.command()
@_SOURCES
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here, not to stdout.")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True,
              help="JSON document per plan, or one CSV row per assignment.")  # fmt: skip
@_EXCEL
@click.option(
    "--manifest",
    type=click.Path(dir_okay=False),
    help="CSV path,jurisdiction,level,year that overrides what the plans say.",
)
@click.option("-q", "--quiet", is_flag=True, help="Do not print the parser's warnings on stderr.")
def parse(
    sources: tuple[str, ...], output: str | None, fmt: str, excel: bool, manifest: str | None, quiet: bool
) -> None:
    """Parse plans (text, web pages, Word, PDF, spreadsheets; folders of them) into tasks.

    Warnings (a missing task number, an attribution cut off, …) go to stderr with the
    file and line; they are in the JSON output too.

    Example: taskgraph parse data/shenxian-2024-task-allocation.txt -o plan.json
    """
    from taskgraph.records import plans_to_csv, plans_to_json

    corpus = _corpus(sources, None, None, (), manifest, None, None, quiet)
    plans = list(corpus.plans)
    text = plans_to_json(plans) if fmt == "json" else plans_to_csv(plans, excel)
    _emit(text, output)


@cli.command()
@_SOURCES
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="The RDF file to write.")
@click.option(
    "--store",
    "store_dir",
    type=click.Path(file_okay=False),
    help="Add or replace each plan's graph in this on-disk store.",
)
@click.option("--format", "fmt", type=click.Choice(["ttl", "nt", "jsonld", "xml", "trig", "nq"]), default=None,
              help="RDF format; from the file extension when not given.")  # fmt: skip
@_plan_options
def build(sources: tuple[str, ...], output: str | None, store_dir: str | None, fmt: str | None,
          manifest: str | None, aliases: str | None, base: str | None, quiet: bool) -> None:  # fmt: skip
    """Build the RDF knowledge graph of plans: a file, or an on-disk store.

    One named graph per plan (kept in TriG, N-Quads, JSON-LD and the store; merged in Turtle,
    N-Triples and RDF/XML). IRIs are deterministic, so output is stable across runs; a plan
    built into a store again replaces its graph.

    Example: taskgraph build data/shenxian-2024-task-allocation.txt -o shenxian.ttl
    """
    from taskgraph.rdf import format_for

    if not output and not store_dir:
        raise click.UsageError("give -o FILE or --store DIR (or both)")
    if output:
        format_for(output, fmt)
    corpus = _corpus(sources, None, None, (), manifest, aliases, base, quiet)
    tasks = sum(len(p.tasks) for p in corpus.plans)
    if output:
        _, count = corpus.write_rdf(output, fmt)
        _say(f"wrote {output}: {len(corpus.plans)} plan(s), {tasks} tasks, {count} statements")
    if store_dir:
        count = corpus.write_store(store_dir)
        _say(f"stored {len(corpus.plans)} plan(s), {tasks} tasks in {store_dir} ({count} quads in the store)")


@cli.command()
@_SOURCES
@source_options
def validate(sources: tuple[str, ...], store: str | None, endpoint: str | None, headers: tuple[str, ...],
             manifest: str | None, aliases: str | None, base: str | None, quiet: bool) -> None:  # fmt: skip
    """Check plans or RDF against the SHACL shapes, one plan's graph at a time.

    Exit 0 when every graph conforms (warnings, such as a task that names no lead unit, are
    printed but allowed: the genre allows them); 1 with one line per violation otherwise.

    Example: taskgraph validate shenxian.ttl
    """
    failed = False
    groups: list[tuple[str, tuple[str, ...]]] = [(s, (s,)) for s in sources]
    for name, group in groups or [(store or endpoint or "", ())]:
        corpus = _corpus(group, store, endpoint, headers, manifest, aliases, base, quiet)
        report = corpus.validate()
        for v in report.violations:
            click.echo(f"{name}: {v.severity.lower()}: {v}", err=True)
        if report.errors:
            failed = True
            click.echo(f"{name}: does not conform ({len(report.errors)} violation(s))", err=True)
            continue
        note = f" ({len(report.warnings)} warning(s))" if report.warnings else ""
        click.echo(f"{name}: conforms{note}")
    if failed:
        raise _Failure("validation failed", 1)


# ------------------------------------------------------------------ queries


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
@click.argument("args", nargs=-1, metavar="SOURCE... [NAME]")
@click.option("-f", "--file", "query_file", type=click.Path(dir_okay=False), help="Run the query in FILE.rq.")
@click.option("-e", "--expression", help="Run this SPARQL SELECT or ASK query.")
@click.option(
    "-p", "--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind ?NAME to the string VALUE."
)
@_TABLE_FORMAT
@_EXCEL
@_OUTPUT
@_TIMEOUT
@source_options
def query(args: tuple[str, ...], query_file: str | None, expression: str | None, params: tuple[str, ...], fmt: str,
          excel: bool, output: str | None, timeout: float | None, store: str | None, endpoint: str | None,
          headers: tuple[str, ...], manifest: str | None, aliases: str | None, base: str | None, quiet: bool) -> None:  # fmt: skip
    """Run a SPARQL query over plans, RDF files, a store or an endpoint.

    Name a library query (see `taskgraph queries`) as the last argument, or give -f FILE.rq
    or -e "SPARQL". Every library row names its plan, jurisdiction and year (left out when
    one plan is loaded). Parameters are bound as values, never pasted into the query; SPARQL
    Update and SERVICE are refused; rows stream to the output as they come.

    Example: taskgraph query data/shenxian-2024-task-allocation.txt lead-load
    """
    from taskgraph.query import PLAN_COLUMNS, get_query, library, read_query_file, run_query

    sources, name = args, None
    if query_file and expression:
        raise click.UsageError("give only one of NAME, -f FILE.rq or -e SPARQL")
    if not (query_file or expression):
        if not args:
            raise click.UsageError("give SOURCE... and a query: NAME, -f FILE.rq or -e SPARQL")
        sources, name = args[:-1], args[-1]
        if name not in library():
            raise click.UsageError(f"no query named {name!r}; `taskgraph queries` lists them")
    if name:
        q = get_query(name)
    elif query_file:
        q = read_query_file(query_file)
    else:
        from taskgraph.query import parse_query_file

        q = parse_query_file(expression or "", "expression")
    corpus = _corpus(sources, store, endpoint, headers, manifest, aliases, base, quiet)
    rows = run_query(corpus.backend, q.text, _params(params), [p for p, _ in q.params], timeout)
    columns, stream = list(rows.columns), rows.rows
    if name and fmt == "table" and corpus.plan_count <= 1:
        keep = [k for k, c in enumerate(columns) if c not in PLAN_COLUMNS]
        columns = [columns[k] for k in keep]
        stream = (tuple(r[k] for k in keep) for r in stream)
    if fmt == "table":
        stream = _shorten(corpus, stream)
    _write_table(columns, stream, fmt, output, excel)


# ------------------------------------------------------------------ analysis


_ANALYZE_VIEWS = ("units", "leaders", "tasks", "network", "joint")


@cli.command()
@_SOURCES
@click.option("--view", type=click.Choice(_ANALYZE_VIEWS), default="units", show_default=True,
              help="Units, leaders, tasks, whole-network figures, or jointly led tasks attributed by portfolio.")  # fmt: skip
@click.option("--by", default=None, metavar="KEYS",
              help="Sum over plans by plan columns: jurisdiction, level, year, function (of a unit), or corpus for one network over every plan.")  # fmt: skip
@click.option(
    "--measure", "-m", default=None, help="Sort by this column (default: coordination_load for units)."
)
@click.option("--top", "-n", type=click.IntRange(min=1), default=None, help="Only the first N rows.")
@_COLLECTIVES
@_GROUPS
@click.option("--brokerage-by", type=click.Choice(["section", "leader"]), default="section", show_default=True,
              help="Groups for Gould–Fernandez brokerage: a unit's main section or its overseeing leader.")  # fmt: skip
@click.option("--brokerage-on", type=click.Choice(["dependencies", "coassignment"]), default="dependencies",
              show_default=True, help="Brokerage on lead → responsible ties or on co-assignment ties.")  # fmt: skip
@click.option("--columns", "-c", default=None, help="Comma-separated columns to show.")
@click.option(
    "--explain", is_flag=True, help="Print what each column shown means, and why a column is all zero."
)
@_TABLE_FORMAT
@_EXCEL
@_OUTPUT
@source_options
def analyze(sources: tuple[str, ...], view: str, by: str | None, measure: str | None, top: int | None,
            collectives: str, groups: str, brokerage_by: str, brokerage_on: str, columns: str | None, explain: bool,
            fmt: str, excel: bool, output: str | None, store: str | None, endpoint: str | None,
            headers: tuple[str, ...], manifest: str | None, aliases: str | None, base: str | None, quiet: bool) -> None:  # fmt: skip
    """Centrality, coordination load, brokerage and portfolios, per plan.

    The units view has one row per unit of each plan: tasks led / co-led / responsible,
    coordination load, degree, strength, betweenness, closeness, eigenvector, PageRank, Burt's
    constraint and effective size, k-core, Louvain community, brokerage roles, the inferred
    overseer, the unit's function and English name. With several plans every row names its
    plan; --by sums them (e.g. --by year, --by level,function). `taskgraph measures` explains
    every column.

    Example: taskgraph analyze data/shenxian-2024-task-allocation.txt --top 10
    """
    corpus = _corpus(sources, store, endpoint, headers, manifest, aliases, base, quiet)
    if view == "units":
        english = fmt != "table" or bool(columns and "english" in columns)
        frame = corpus.units(by, collectives, groups, brokerage_by, brokerage_on, english=english)
    elif view == "leaders":
        frame = corpus.leaders(by, collectives)
    elif view == "tasks":
        frame = corpus.tasks(by)
    elif view == "joint":
        frame = corpus.joint(by)
    else:
        frame = corpus.network(by, collectives, groups)
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
    elif fmt == "table":
        frame = frame.drop(columns=[c for c in ("iri", "english", "task", "unit_iri") if c in frame.columns])
    if top:
        frame = frame.head(top)
    rows = [
        [None if (isinstance(v, float) and v != v) else v for v in r] for r in frame.itertuples(index=False)
    ]
    _write_table(list(frame.columns), _shorten(corpus, rows) if fmt == "table" else rows, fmt, output, excel)
    asked = [measure] if measure else [c.strip() for c in columns.split(",")] if columns else []
    _explain(frame, list(frame.columns) if explain else [c for c in asked if c], explain)
    _view_warnings(corpus)


def _explain(frame: Any, names: list[str], definitions: bool) -> None:
    """Glossary lines for the columns asked about, and why a measure is all zero."""
    if not names:
        return
    from taskgraph.analysis.glossary import GLOSSARY, all_zero_reason

    for column in names:
        entry = GLOSSARY.get(column)
        if entry is None or column not in frame.columns:
            continue
        if definitions:
            click.echo(f"{column}: {entry.definition}", err=True)
        if len(frame) and frame[column].dtype.kind in "if" and not frame[column].fillna(0).any():
            reason = all_zero_reason(column, list(frame[column]))
            if reason:
                click.echo(f"note: {column} is 0 for every row shown. {reason}", err=True)


@cli.command()
@click.argument("names", nargs=-1, metavar="[MEASURE...]")
def measures(names: tuple[str, ...]) -> None:
    """Explain the measures analyze prints: definition, formula, reference, how to read it.

    Example: taskgraph measures coordination_load brokerage_liaison
    """
    from taskgraph.analysis.glossary import GLOSSARY, explain

    for name in names or tuple(GLOSSARY):
        m = explain(name)
        click.echo(f"{m.name} — {m.label_en} ({m.label_zh})")
        click.echo(f"    {m.definition}")
        if m.formula:
            click.echo(f"    formula: {m.formula}")
        click.echo(f"    read it: {m.read}")
        if m.zero_when:
            click.echo(f"    zero when: {m.zero_when}")
        click.echo(f"    reference: {m.reference}")
        click.echo("")


# ------------------------------------------------------------------ outputs


@cli.command()
@_SOURCES
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="FILE.graphml, FILE.gexf, FILE.json (node-link), FILE.csv (Gephi nodes/edges pair), FILE.xlsx or FILE.dta (node table).")  # fmt: skip
@click.option(
    "--view", type=_VIEW_CHOICE, default="units", show_default=True, help="Which network to export."
)
@_COLLECTIVES
@_GROUPS
@_EXCEL
@source_options
def export(sources: tuple[str, ...], output: str, view: str, collectives: str, groups: str, excel: bool,
           store: str | None, endpoint: str | None, headers: tuple[str, ...], manifest: str | None,
           aliases: str | None, base: str | None, quiet: bool) -> None:  # fmt: skip
    """Export a network view for Gephi, Cytoscape, R, Stata or a spreadsheet.

    Unit nodes carry every unit measure as attributes; node ids are short (the IRI is an
    attribute); Chinese labels stay Chinese.

    Example: taskgraph export data/shenxian-2024-task-allocation.txt -o units.gexf
    """
    from taskgraph.export import export_format, measured_view, write_graph

    export_format(output)
    corpus = _corpus(sources, store, endpoint, headers, manifest, aliases, base, quiet)
    G = measured_view(corpus, view, collectives, groups)
    written = write_graph(G, output, excel=excel, base=corpus.minter.base)
    _say(f"wrote {', '.join(map(str, written))}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges")
    _view_warnings(corpus)


@cli.command()
@_SOURCES
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="The HTML file to write."
)
@click.option("--view", type=_VIEW_CHOICE, default="units", show_default=True, help="Which network to draw.")
@click.option("--size-by", default=None, metavar="MEASURE",
              help="Node size: degree (default), or a unit measure such as coordination_load, betweenness, tasks_led.")  # fmt: skip
@_COLLECTIVES
@_GROUPS
@source_options
def render(sources: tuple[str, ...], output: str, view: str, size_by: str | None, collectives: str, groups: str,
           store: str | None, endpoint: str | None, headers: tuple[str, ...], manifest: str | None,
           aliases: str | None, base: str | None, quiet: bool) -> None:  # fmt: skip
    """Draw a network view as one self-contained, offline HTML page.

    Positions are computed before the page is written, so it is drawn from the first frame
    (a screenshot or a print shows the graph). Colours by kind of unit, function or community,
    each with a legend; sizes by a measure; labels that never overlap, more on zoom; tooltips
    with the overseer and measures; search and filters by kind. The full view opens on its
    busiest section, with a selector for every section or all of them clustered.

    Example: taskgraph render data/shenxian-2024-task-allocation.txt -o units.html --size-by coordination_load
    """
    from taskgraph.export import measured_view
    from taskgraph.render.html import VIEW_SUBTITLES, write_html

    corpus = _corpus(sources, store, endpoint, headers, manifest, aliases, base, quiet)
    G = measured_view(corpus, view, collectives, groups)
    write_html(G, output, size_by, f"{_corpus_name(corpus)} — {view}", VIEW_SUBTITLES[view])
    _say(f"wrote {output}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges")
    _view_warnings(corpus)


def _view_warnings(corpus: Any) -> None:
    for w in corpus.view_warnings:
        click.echo(f"warning: {w.message}", err=True)


def _corpus_name(corpus: Any) -> str:
    titles = sorted({p.title for p in corpus.assignments.plans.values() if p.title})
    return titles[0] if len(titles) == 1 else f"{corpus.plan_count} plans"


@cli.command()
@_SOURCES
@click.option(
    "-o", "--output", required=True, type=click.Path(file_okay=False), help="Folder for the figures."
)
@click.option(
    "--top", type=click.IntRange(min=1), default=20, show_default=True, help="Units in the load chart."
)
@click.option("--format", "formats", multiple=True, type=click.Choice(["png", "svg", "pdf"]),
              help="File formats (repeatable; default png and svg).")  # fmt: skip
@_DPI
@click.option("--size", default=None, metavar="WxH", help="Figure size in inches, e.g. 6.5x4.")
@_LANG
@_COLLECTIVES
@_GROUPS
@source_options
def figures(sources: tuple[str, ...], output: str, top: int, formats: tuple[str, ...], dpi: int, size: str | None,
            lang: str, collectives: str, groups: str, store: str | None, endpoint: str | None,
            headers: tuple[str, ...], manifest: str | None, aliases: str | None, base: str | None, quiet: bool) -> None:  # fmt: skip
    """Write static figures for papers: coordination load, leader × section, degrees.

    Each figure states the choices that made it (groups split, collectives left out) under it
    and in the file's metadata.

    Example: taskgraph figures data/shenxian-2024-task-allocation.txt -o figures --format pdf --lang en
    """
    from taskgraph.render.figures import FigureOptions, write_figures

    corpus = _corpus(sources, store, endpoint, headers, manifest, aliases, base, quiet)
    from taskgraph.safety import FolderLock

    options = FigureOptions.parse(formats or ("png", "svg"), dpi, size, lang, collectives, groups, top)
    with FolderLock(output):
        paths = write_figures(corpus, output, options)
    _say(f"wrote {len(paths)} files to {output}")
    _view_warnings(corpus)


@cli.command()
@_SOURCES
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False), help="The report folder.")
@click.option(
    "--each-plan/--no-each-plan",
    default=None,
    help="Give each plan of several its full report under plans/ (default: up to 50 plans).",
)
@source_options
def report(sources: tuple[str, ...], output: str, each_plan: bool | None, store: str | None, endpoint: str | None,
           headers: tuple[str, ...], manifest: str | None, aliases: str | None, base: str | None, quiet: bool) -> None:  # fmt: skip
    """Everything in one folder: RDF, validation, queries, tables, pages, figures, summary.

    With several plans, the report compares them side by side, and each plan (up to 50, or
    as --each-plan says) gets its own folder. Progress goes to stderr; the folder is locked
    while it is written.

    Example: taskgraph report data/shenxian-2024-task-allocation.txt -o report
    """
    from pathlib import Path

    from taskgraph.report import write_report

    corpus = _corpus(sources, store, endpoint, headers, manifest, aliases, base, quiet)
    result = write_report(corpus, output, progress=_say, each_plan=each_plan)
    _say(f"wrote {len(result.files)} files to {output}; open {Path(output) / 'index.html'}")
    _view_warnings(corpus)
    if not result.conforms:
        raise _Failure(
            f"the graph does not conform to the shapes ({len(result.violations)} violation(s)); see {output}/rdf/validation.txt",
            1,
        )


@cli.command()
@click.argument("old", type=click.Path())
@click.argument("new", type=click.Path())
@_TABLE_FORMAT
@_OUTPUT
@click.option(
    "--figure",
    type=click.Path(dir_okay=False),
    help="Also draw the change in load as a figure (.png, .svg or .pdf).",
)
@_LANG
@_DPI
@_ALIASES
@click.option("--threshold", type=click.FloatRange(0, 1), default=0.6, show_default=True,
              help="How alike two tasks' texts must be to count as the same task changed.")  # fmt: skip
@click.option("-q", "--quiet", is_flag=True, help="Do not print the parser's warnings.")
def compare(old: str, new: str, fmt: str, output: str | None, figure: str | None, lang: str, dpi: int,
            aliases: str | None, threshold: float, quiet: bool) -> None:  # fmt: skip
    """Compare two plans (or two folders of plans): tasks, units, load and portfolios.

    Tasks are matched by their text (carried over, changed, new, dropped); units added and
    removed, renamings from the alias file shown as such; each unit's load and each leader's
    portfolio before and after.

    Example: taskgraph compare shenxian-2023.txt data/shenxian-2024-task-allocation.txt
    """
    from pathlib import Path

    from taskgraph.comparison import compare as run

    if figure and Path(figure).suffix.lower() not in (".png", ".svg", ".pdf"):
        raise click.BadParameter("the figure is a .png, .svg or .pdf file", param_hint="--figure")
    before = _corpus((old,), None, None, (), None, aliases, None, quiet)
    after = _corpus((new,), None, None, (), None, aliases, None, quiet)
    result = run(before, after, threshold)
    if fmt == "json":
        _emit(result.to_json(), output)
    else:
        columns, rows = result.rows()
        _write_table(columns, rows, fmt, output)
    if figure:
        from taskgraph.render.figures import FigureOptions, load_change_figure

        ext = Path(figure).suffix.lower().lstrip(".")
        load_change_figure(
            result, figure, FigureOptions.parse((ext,), dpi, None, lang, "exclude", "expand", 20)
        )
        _say(f"wrote {figure}")


@cli.command()
@_SOURCES
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="The Graph Store Protocol URL (e.g. http://localhost:7878/store).",
)
@click.option(
    "--header",
    "headers",
    multiple=True,
    metavar="'NAME: VALUE'",
    help="HTTP header (repeatable), e.g. an Authorization token.",
)
@click.option("--add", is_flag=True, help="Add to each plan's graph instead of replacing it.")
@click.option(
    "--store", type=click.Path(file_okay=False), help="Push an on-disk store built with `build --store`."
)
@click.option("--timeout", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
              help="Give up on a request after this long (default 120 s; 0: no limit).")  # fmt: skip
@_plan_options
def push(sources: tuple[str, ...], endpoint: str, headers: tuple[str, ...], add: bool, store: str | None,
         timeout: float | None, manifest: str | None, aliases: str | None, base: str | None, quiet: bool) -> None:  # fmt: skip
    """Send each plan's named graph to a SPARQL 1.1 Graph Store (Oxigraph, Fuseki, GraphDB …).

    Each plan's graph is replaced (or, with --add, added to); what the plans share (roles,
    functions of units, renamings) is added to the default graph. Authentication: --header,
    user:password@ in the URL, or ~/.netrc.

    Example: taskgraph push plans/ --endpoint http://localhost:7878/store
    """
    from taskgraph.endpoint import push as send
    from taskgraph.store import DEFAULT_TIMEOUT

    corpus = _corpus(sources, store, None, (), manifest, aliases, base, quiet)
    summary = send(corpus.graph_payloads(), endpoint, headers=headers, replace=not add,
                   timeout=DEFAULT_TIMEOUT if timeout is None else timeout, progress=_push_progress())  # fmt: skip
    _say(f"pushed {summary} to {endpoint}")


def _push_progress() -> Callable[[int, int | None, str | None], None] | None:
    """The progress line for push: graphs stream, so the total may be unknown until the end."""
    show = _progress()
    if show is None:
        return None

    def step(done: int, total: int | None, graph: str | None) -> None:
        show(done, max(total or done + 1, done), graph or "default graph")

    return step


@cli.command()
@click.argument("plan", type=click.Path())
@click.option(
    "--gold", "gold_path", type=click.Path(dir_okay=False), help="The gold annotation (JSON) of PLAN."
)
@_TABLE_FORMAT
@click.option("-q", "--quiet", is_flag=True, help="Do not print the parser's warnings.")
def evaluate(plan: str, gold_path: str | None, fmt: str, quiet: bool) -> None:
    """Score the parse of PLAN against a hand annotation, or every plan of a folder.

    With --gold, PLAN is one file. Without it, PLAN is a folder holding docs/ and gold/
    (NAME.txt and NAME.json) as in tests/fixtures/realplans; each document is scored and the
    totals printed: task recall, precision, recall and F1 over leaders, lead and other units,
    and tasks invented on look-alike documents (a gold with no task).

    Example: taskgraph evaluate data/shenxian-2024-task-allocation.txt --gold tests/fixtures/shenxian-2024.gold.json
    """
    from taskgraph.evaluate import evaluate_file, evaluate_folder

    if gold_path:
        result = evaluate_file(plan, gold_path, None if quiet else _warn_plan)
        rows = [
            [
                "tasks",
                result["tasks_gold"],
                result["tasks_parsed"],
                None,
                round(result["tasks_found"], 4),
                None,
            ]
        ]
        for s in result["scores"].values():
            rows.append([s.field, s.gold, s.found, round(s.precision, 4), round(s.recall, 4), round(s.f1, 4)])
        _write_table(["field", "gold", "parsed", "precision", "recall", "f1"], rows, fmt, None)
        return
    if not os.path.isdir(plan):
        raise click.UsageError("give --gold GOLD.json, or a folder with docs/ and gold/")
    documents, summary = evaluate_folder(plan)
    rows = [
        [d, r["tasks_gold"], r["tasks_parsed"], round(r["tasks_found"], 3), r["invented"]]
        for d, r in documents
    ]
    _write_table(["document", "gold", "parsed", "task_recall", "invented"], rows, fmt, None)
    click.echo(
        f"total: task recall {summary['task_recall']:.3f}, field F1 {summary['f1']:.3f} "
        f"(precision {summary['precision']:.3f}, recall {summary['recall']:.3f}), "
        f"{summary['invented']} task(s) invented on look-alikes",
        err=True,
    )


def main() -> None:
    """Entry point of the ``taskgraph`` console script."""
    # One BLAS thread (unless the user chose otherwise), set before numpy loads OpenBLAS: the
    # matrices here are small or sparse, and starting and spinning OpenBLAS's threads cost more
    # than they save (0.05 s at import, 0.2 s of CPU for analyze, 0.4 s for a report).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        cli(prog_name="taskgraph")
    except BrokenPipeError:  # `taskgraph query … | head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    finally:
        # Leaving, Python's collector would walk every object pandas, SciPy and matplotlib made
        # (0.15 s for analyze): frozen, they are freed as the modules go, or left to the system.
        import gc

        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    main()
