"""Scoring a parse against a hand-checked gold annotation: tasks found and field-level F1.

The gold is JSON in the shape of ``tests/fixtures/shenxian-2024.gold.json``: ``{"tasks": [{"number",
"lead_leaders", "lead_units", "responsible_units", …}]}``, with optional ``*_canonical`` lists
(used when present) and ``cooperating_units``. Fields are compared as sets of (task number,
name) pairs: leaders, lead units, and other units (responsible and cooperating together).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from taskgraph.errors import InputError
from taskgraph.model import Plan

FIELDS = ("leaders", "lead_units", "other_units")


@dataclass(frozen=True)
class Score:
    field: str
    gold: int
    found: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _gold_pairs(task: dict[str, Any], field: str) -> set[tuple[int, str]]:
    def names(key: str) -> list[str]:
        return task.get(f"{key}_canonical") or task.get(key) or []

    n = int(task["number"])
    if field == "leaders":
        return {(n, x) for x in names("lead_leaders")}
    if field == "lead_units":
        return {(n, x) for x in names("lead_units")}
    return {(n, x) for x in names("responsible_units") + names("cooperating_units")}


def _plan_pairs(plan: Plan, field: str) -> set[tuple[int, str]]:
    out = set()
    for t in plan.tasks:
        parties = {
            "leaders": t.lead_leaders,
            "lead_units": t.lead_units,
            "other_units": (*t.responsible_units, *t.cooperating_units),
        }[field]
        out |= {(t.number, p.name) for p in parties}
    return out


def evaluate(plan: Plan, gold: dict[str, Any]) -> dict[str, Any]:
    """Tasks found and per-field precision, recall and F1 of ``plan`` against ``gold``.

    Examples
    --------
    >>> from taskgraph.parse import parse_plan
    >>> plan = parse_plan("一、目标\\n1.甲。（牵头单位：县财政局；责任单位：县统计局）")
    >>> gold = {"tasks": [{"number": 1, "lead_units": ["县财政局"], "responsible_units": ["县审计局"]}]}
    >>> result = evaluate(plan, gold)
    >>> result["tasks_found"], result["scores"]["lead_units"].f1, result["scores"]["other_units"].f1
    (1.0, 1.0, 0.0)
    """
    gold_tasks = gold.get("tasks", [])
    numbers = {t.number for t in plan.tasks}
    found = sum(1 for t in gold_tasks if int(t["number"]) in numbers)
    scores = {}
    for field in FIELDS:
        g = set().union(*(_gold_pairs(t, field) for t in gold_tasks)) if gold_tasks else set()
        p = _plan_pairs(plan, field)
        scores[field] = Score(field, len(g), len(p), len(g & p))
    return {
        "tasks_gold": len(gold_tasks),
        "tasks_parsed": len(plan.tasks),
        "tasks_found": found / len(gold_tasks) if gold_tasks else 1.0,
        "scores": scores,
    }


def read_gold(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read a gold annotation file."""
    name = os.fspath(path)
    try:
        data = json.loads(Path(name).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("no such file", name) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"not a JSON gold annotation: {exc}", name) from None
    if not isinstance(data, dict) or not isinstance(data.get("tasks"), list):
        raise InputError('a gold annotation is an object with a "tasks" list', name)
    for task in data["tasks"]:
        if not isinstance(task, dict) or "number" not in task:
            raise InputError('every gold task needs a "number"', name)
    return data
