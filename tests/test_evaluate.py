"""Scoring parses against gold annotations."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from taskgraph.cli import cli
from taskgraph.evaluate import evaluate
from taskgraph.parse import parse_plan

GOLD = "tests/fixtures/shenxian-2024.gold.json"


def test_shenxian_scores_one(plan, gold):
    """The Shen County parse finds every task and scores F1 = 1 on every field."""
    result = evaluate(plan, gold)
    assert result["tasks_found"] == 1.0
    assert {f: s.f1 for f, s in result["scores"].items()} == {
        "leaders": 1.0,
        "lead_units": 1.0,
        "other_units": 1.0,
    }


def test_scores_by_hand():
    """One wrong responsible unit out of two and a missing task give the numbers worked by hand."""
    plan = parse_plan("一、目标\n1.甲。（牵头领导：张三；牵头单位：A局；责任单位：B局、C局）")
    gold = {
        "tasks": [
            {
                "number": 1,
                "lead_leaders": ["张三"],
                "lead_units": ["A局"],
                "responsible_units": ["B局", "D局"],
            },
            {"number": 2, "lead_leaders": ["李四"], "lead_units": ["E局"], "responsible_units": []},
        ]
    }
    result = evaluate(plan, gold)
    assert result["tasks_found"] == 0.5
    other = result["scores"]["other_units"]
    assert (other.precision, other.recall, other.f1) == (0.5, 0.5, 0.5)
    lead = result["scores"]["lead_units"]
    assert (lead.precision, lead.recall) == (1.0, 0.5) and lead.f1 == pytest.approx(2 / 3)


def test_evaluate_cli(plan_path, tmp_path):
    """The command prints the scores; a bad gold file is one error line."""
    result = CliRunner().invoke(cli, ["evaluate", str(plan_path), "--gold", GOLD, "--format", "json"])
    rows = json.loads(result.stdout)
    assert [r["field"] for r in rows] == ["tasks", "leaders", "lead_units", "other_units"]
    assert all(r["f1"] == 1 for r in rows[1:])
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", str(plan_path), "--gold", str(bad)])
    assert result.exit_code == 1 and "tasks" in result.stderr
