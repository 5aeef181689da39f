"""The command line against a real SPARQL server: push a plan, then every reading command with
--endpoint gives what it gives on the plan file itself (issue 12: one answer, local or remote)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from taskgraph.cli import cli
from taskgraph.query import library

from .conftest import Server, running_server

pytestmark = pytest.mark.server


def run(*args: object) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def pushed(tmp_path_factory: pytest.TempPathFactory, plan_path: Path) -> Iterator[Server]:
    """A server of its own holding the Shen County plan, pushed by `taskgraph push`."""
    with running_server(tmp_path_factory.mktemp("cli-server")) as server:
        result = CliRunner().invoke(cli, ["push", str(plan_path), "--endpoint", server.store, "-q"])
        assert result.exit_code == 0, result.output + result.stderr
        assert result.stderr.startswith("pushed 2 graphs, ")
        yield server


def test_push_twice_replaces_the_plan(pushed: Server, plan_path: Path) -> None:
    before = run("query", "--endpoint", pushed.query, "plans", "--format", "csv")
    run("push", plan_path, "--endpoint", pushed.store, "-q")
    assert run("query", "--endpoint", pushed.query, "plans", "--format", "csv") == before


@pytest.mark.parametrize("name", sorted(library()))
def test_every_library_query_gives_the_local_rows(pushed: Server, plan_path: Path, name: str) -> None:
    params = {"leader-tasks": ["-p", "leader=丁卫东"], "unit-tasks": ["-p", "unit=县财政局"]}.get(name, [])
    local = run("query", plan_path, name, *params, "--format", "csv", "-q")
    remote = run("query", "--endpoint", pushed.query, name, *params, "--format", "csv")
    assert remote == local
    assert len(local.splitlines()) > 1


@pytest.mark.parametrize("view", ["units", "leaders", "tasks", "network", "joint"])
def test_analyze_gives_the_local_table(pushed: Server, plan_path: Path, view: str) -> None:
    local = run("analyze", plan_path, "--view", view, "--format", "csv", "-q")
    remote = run("analyze", "--endpoint", pushed.query, "--view", view, "--format", "csv")
    assert remote == local


def test_export_and_render_read_the_endpoint(pushed: Server, plan_path: Path, tmp_path: Path) -> None:
    run("export", plan_path, "--view", "units", "-o", tmp_path / "local.graphml", "-q")
    run("export", "--endpoint", pushed.query, "--view", "units", "-o", tmp_path / "remote.graphml")
    assert (tmp_path / "remote.graphml").read_bytes() == (tmp_path / "local.graphml").read_bytes()
    run("render", "--endpoint", pushed.query, "-o", tmp_path / "page.html")
    assert "县财政局" in (tmp_path / "page.html").read_text(encoding="utf-8")


def test_push_a_store(pushed: Server, plan_path: Path, tmp_path: Path) -> None:
    run("build", plan_path, "--store", tmp_path / "store", "-q")
    result = CliRunner().invoke(cli, ["push", "--store", str(tmp_path / "store"), "--endpoint", pushed.store])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("pushed 2 graphs, ")
    assert run("query", "--endpoint", pushed.query, "lead-load", "--format", "csv") == run(
        "query", plan_path, "lead-load", "--format", "csv", "-q"
    )


def test_an_unreachable_endpoint_is_one_line(plan_path: Path) -> None:
    from .conftest import free_port

    url = f"http://127.0.0.1:{free_port()}/query"
    result = CliRunner().invoke(cli, ["analyze", "--endpoint", url])
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "connection refused" in result.stderr
