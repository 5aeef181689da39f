"""CliRunner tests for build, validate, queries and query."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rdflib import Graph

from taskgraph.cli import cli


@pytest.fixture
def runner():
    return CliRunner()


BUILT: dict[str, str] = {}


@pytest.fixture(scope="module")
def ttl(tmp_path_factory, plan_path):
    path = tmp_path_factory.mktemp("rdf") / "shenxian.ttl"
    result = CliRunner().invoke(cli, ["build", str(plan_path), "-o", str(path)])
    assert result.exit_code == 0, result.output
    BUILT["stderr"] = result.stderr
    return path


def test_build_turtle(ttl, runner):
    """build writes Turtle whose triples a plain rdflib parse reads, and reports those counts."""
    g = Graph().parse(ttl)
    assert f"1 plan(s), 92 tasks, {len(g)} statements" in BUILT["stderr"]


@pytest.mark.parametrize("ext, fmt", [("nt", None), ("trig", None), ("jsonld", None), ("data", "nq")])
def test_build_formats(runner, plan_path, tmp_path, ext, fmt):
    """The format comes from the extension or --format."""
    out = tmp_path / f"g.{ext}"
    args = ["build", str(plan_path), "-o", str(out)] + (["--format", fmt] if fmt else [])
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "92 tasks" in result.stderr and out.stat().st_size > 100_000


def test_build_unknown_extension(runner, plan_path, tmp_path):
    """An output with no known extension and no --format is a usage error."""
    result = runner.invoke(cli, ["build", str(plan_path), "-o", str(tmp_path / "g.data")])
    assert result.exit_code == 2 and "--format" in result.stderr


def test_build_stable(runner, plan_path, tmp_path, ttl):
    """Turtle output is byte-identical across runs."""
    again = tmp_path / "again.ttl"
    runner.invoke(cli, ["build", str(plan_path), "-o", str(again)])
    assert again.read_bytes() == ttl.read_bytes()


def test_validate_ok(runner, ttl, plan_path):
    """validate exits 0 for a conforming graph and for a plan parsed on the fly, a line each."""
    result = runner.invoke(cli, ["validate", str(ttl), str(plan_path)])
    assert result.exit_code == 0
    assert result.stdout.count("conforms") == 2


def _without(ttl, tmp_path, predicate, task="/task/30"):
    g = Graph().parse(ttl)
    for s, p, o in list(g.triples((None, None, None))):
        if task in str(s) and str(p).endswith(predicate):
            g.remove((s, p, o))
    broken = tmp_path / "broken.nt"
    broken.write_text(g.serialize(format="nt"), encoding="utf-8")
    return broken


def test_validate_missing_lead_unit_is_a_warning(runner, ttl, tmp_path):
    """A task without a lead unit is what many plans do: exit 0, a warning line naming the task."""
    result = runner.invoke(cli, ["validate", str(_without(ttl, tmp_path, "#leadUnit"))])
    assert result.exit_code == 0 and "conforms (1 warning(s))" in result.stdout
    assert "warning: task 30" in result.stderr and "lead unit" in result.stderr


def test_validate_fails(runner, ttl, tmp_path):
    """validate exits 1 and names the task when an association names no agent."""
    result = runner.invoke(cli, ["validate", str(_without(ttl, tmp_path, "#agent", "/task/30/"))])
    assert result.exit_code == 1
    assert "does not conform" in result.stderr and "exactly one agent" in result.stderr


def test_validate_bad_rdf(runner, tmp_path):
    """A file that is not valid Turtle is one clear error line, exit 1."""
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 1 and "not valid TTL" in result.stderr
    assert "Traceback" not in result.output


def test_queries_lists_library(runner):
    """queries lists every library query with its description and parameters."""
    result = runner.invoke(cli, ["queries"])
    assert result.exit_code == 0
    assert "lead-load" in result.stdout and "unit-tasks --param unit=…" in result.stdout


def test_query_named_table(runner, ttl):
    """A named query prints an aligned table; 县农业农村局 leads 13 tasks."""
    result = runner.invoke(cli, ["query", str(ttl), "lead-load"])
    assert result.exit_code == 0
    first = result.stdout.splitlines()[2].split()
    assert first[:2] == ["县农业农村局", "13"]


def test_query_on_plan_json(runner, plan_path):
    """A plan document is a SOURCE too; JSON output is an array of objects."""
    result = runner.invoke(
        cli, ["query", str(plan_path), "unit-tasks", "--param", "unit=县国资局", "--format", "json"]
    )
    rows = json.loads(result.stdout)
    assert [r["number"] for r in rows] == ["2", "48", "66", "82"]


def test_query_file_and_expression(runner, ttl, tmp_path):
    """-f FILE.rq and -e SPARQL run too, with csv and tsv output."""
    rq = tmp_path / "n.rq"
    rq.write_text(
        "SELECT (COUNT(*) AS ?n) WHERE { ?t a <http://www.w3.org/ns/prov#Activity> }", encoding="utf-8"
    )
    assert runner.invoke(cli, ["query", str(ttl), "-f", str(rq), "--format", "csv"]).stdout == "n\n92\n"
    result = runner.invoke(cli, ["query", str(ttl), "-e", "ASK { ?s ?p ?o }", "--format", "tsv"])
    assert result.stdout == "ask\nTrue\n"


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["-e", "DELETE WHERE { ?s ?p ?o }"], 1, "Update is not allowed"),
        (["-e", "SELECT ?x WHERE {"], 1, "syntax error"),
        (["unit-tasks"], 1, "needs --param unit"),
        (["no-such-query"], 2, "no query named"),
        (["lead-load", "--param", "novalue"], 2, "name=value"),
    ],
)
def test_query_errors(runner, ttl, args, code, message):
    """Query errors: one line, the right exit code."""
    result = runner.invoke(cli, ["query", str(ttl), *args])
    assert result.exit_code == code, result.output
    assert message in result.stderr


def test_query_missing_source(runner, tmp_path):
    """A missing source file is named in the error."""
    result = runner.invoke(cli, ["query", str(tmp_path / "none.ttl"), "lead-load"])
    assert result.exit_code == 1 and "none.ttl" in result.stderr
