"""The ``taskgraph`` command line: a thin layer over the library.

Library errors become one line on stderr and an exit code in ONE place (:class:`_Group`);
heavy libraries are imported inside the commands that need them, so ``--help`` is fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from taskgraph.errors import TaskgraphError


class _Failure(click.ClickException):
    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TaskgraphError as exc:
            raise _Failure(str(exc), exc.exit_code) from None
        except OSError as exc:
            name = f"{exc.filename}: " if exc.filename else ""
            raise _Failure(f"{name}{exc.strerror or exc}", 1) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="taskgraph")
def cli() -> None:
    """Chinese government task allocation plans as a knowledge graph.

    Parse plans (重点工作任务分工方案), build RDF, run SPARQL, analyse the coordination
    network and render it. Run ``taskgraph COMMAND --help`` for each command.

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
            for w in plan.warnings:
                where = f"{plan.source}:{w.line}" if w.line else plan.source
                click.echo(f"{where}: warning: {w.message}", err=True)
        plans.append(plan)
    return plans


@cli.command()
@click.argument("plans", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here, not to stdout.")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True,
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


def main() -> None:
    """Entry point of the ``taskgraph`` console script."""
    cli(prog_name="taskgraph")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
