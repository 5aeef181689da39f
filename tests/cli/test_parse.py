"""CliRunner tests for `taskgraph parse`: every outcome, success and failure."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from taskgraph.cli import cli


@pytest.fixture
def runner():
    return CliRunner()


def test_parse_json(runner, plan_path):
    """JSON output has the contract's shape and 92 tasks."""
    result = runner.invoke(cli, ["parse", str(plan_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)["documents"][0]
    assert {"title", "issuer", "date", "sections", "tasks", "warnings"} <= set(doc)
    assert len(doc["tasks"]) == 92
    task = doc["tasks"][47]
    assert task["lead_units"] == [{"name": "县财政局", "as_written": "县财政局〔县国资局〕", "kind": "unit"}]
    assert {
        "number",
        "section",
        "subsection",
        "text",
        "lead_leaders",
        "lead_units",
        "responsible_units",
    } <= set(task)
    assert "县财政局" in result.stdout  # Chinese stays Chinese, not \\u escapes


def test_parse_csv_to_file(runner, plan_path, tmp_path):
    """CSV output has one row per assignment: 106 + 111 + 229."""
    out = tmp_path / "plan.csv"
    result = runner.invoke(cli, ["parse", str(plan_path), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 106 + 111 + 229
    assert {r["role"] for r in rows} == {"lead_leader", "lead_unit", "responsible_unit"}


def test_parse_two_plans(runner, plan_path, tmp_path):
    """Several plans give several documents; the same document given twice is parsed once, with a warning."""
    other = tmp_path / "other.txt"
    other.write_text("一、目标\n1.甲。（牵头单位：县财政局）\n", encoding="utf-8")
    result = runner.invoke(cli, ["parse", str(plan_path), str(other), str(plan_path)])
    assert len(json.loads(result.stdout)["documents"]) == 2
    assert "the same document as" in result.stderr


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "no such file"),
        ("dir", "no plan file in this folder"),
        (b"", "the file is empty"),
        (b"\x00\x01\x02\x03" * 100, "binary file"),
        ("这是一份通知。".encode(), "no task allocation found"),
    ],
)
def test_parse_bad_input(runner, tmp_path, content, message):
    """Bad input: one line on stderr naming the file and the problem, exit 1, no traceback."""
    path = tmp_path / "plan.txt"
    if content == "dir":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    result = runner.invoke(cli, ["parse", str(path)])
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0
    assert str(path) in result.stderr and message in result.stderr
    assert "Traceback" not in result.output


def test_parse_warnings_on_stderr(runner, tmp_path):
    """Warnings name file and line on stderr; the tasks are still in the output."""
    path = tmp_path / "plan.txt"
    path.write_text(
        "一、目标\n1.甲。（牵头单位：县财政局）\n\n3.乙。（牵头单位：县商务局）\n", encoding="utf-8"
    )
    result = runner.invoke(cli, ["parse", str(path)])
    assert result.exit_code == 0
    assert f"{path}:4: warning: task 2 missing" in result.stderr
    assert len(json.loads(result.stdout)["documents"][0]["tasks"]) == 2
    quiet = runner.invoke(cli, ["parse", "-q", str(path)])
    assert quiet.stderr == ""


@pytest.mark.parametrize("args", [["parse"], ["parse", "x.txt", "--format", "xml"], ["nope"]])
def test_parse_usage_errors(runner, args):
    """Wrong usage exits 2."""
    assert runner.invoke(cli, args).exit_code == 2


def test_unexpected_error_is_one_line(runner, plan_path, monkeypatch):
    """A bug still ends in one line on stderr and exit 1, not a traceback (TASKGRAPH_DEBUG re-raises)."""
    import taskgraph.records

    def boom(plans):
        raise RuntimeError("boom")

    monkeypatch.setattr(taskgraph.records, "plans_to_json", boom)
    monkeypatch.delenv("TASKGRAPH_DEBUG", raising=False)
    result = runner.invoke(cli, ["parse", str(plan_path)])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Error: internal error (RuntimeError: boom); set TASKGRAPH_DEBUG=1 for the traceback and please report it"
    )
    monkeypatch.setenv("TASKGRAPH_DEBUG", "1")
    assert isinstance(runner.invoke(cli, ["parse", str(plan_path)]).exception, RuntimeError)
