"""Scoring a parse against a hand annotation: tasks found and field-level precision, recall, F1.

Two shapes of gold are read. The Shen County gold (``tests/fixtures/shenxian-2024.gold.json``)
gives each task's ``number`` and its names, with optional ``*_canonical`` lists used when
present. The real-plans gold (``tests/fixtures/realplans/gold/*.json``) gives ``number`` as
written (or null) and ``text_start``, the first characters of the task's text, and names as
written. A gold task is matched to the first parsed task not matched yet whose text starts the
same way (or, without ``text_start``, whose number is the same); within it, names are compared
per role — leaders, lead units, other units (responsible and cooperating) — after Unicode
normalisation, without spaces, traditional characters folded, and leaders' titles ignored.
Where a gold task names no lead unit, lead and responsible count as one role (reading
``（X负责）`` as X leading is equally valid). A gold with no task is a look-alike: every task
read from it counts as invented.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from taskgraph.errors import InputError
from taskgraph.model import Plan, Task

FIELDS = ("leaders", "lead_units", "other_units")
# Titles after a leader's name, ignored when comparing: "朱伟县长", "卢山副省长".
_TITLE = re.compile(r"(常务)?副?[省市县区州旗]长$")


@dataclass(frozen=True)
class Score:
    """One field's counts and the measures derived from them."""

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


def _norm(text: str | None) -> str:
    from taskgraph.parse.chinese import simplify_name

    return simplify_name(re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")))


def _keys(names: list[Any], leader: bool = False) -> list[set[str]]:
    out = []
    for entry in names:
        values = [entry.name, entry.as_written] if hasattr(entry, "name") else [str(entry)]
        keys = {_norm(v) for v in values if v}
        out.append({_TITLE.sub("", k) for k in keys} if leader else keys)
    return out


def _gold_names(task: dict[str, Any], key: str) -> list[str]:
    return list(task.get(f"{key}_canonical") or task.get(key) or [])


def _match(gold: dict[str, Any], tasks: tuple[Task, ...], used: set[int]) -> int | None:
    start = _norm(gold.get("text_start"))[:10]
    number = gold.get("number")
    for i, t in enumerate(tasks):
        if i in used:
            continue
        if start:
            if start in _norm(t.text)[:60]:
                return i
        elif number is not None and t.number == str(number):
            return i
    return None


def evaluate(plan: Plan | None, gold: dict[str, Any]) -> dict[str, Any]:
    """Tasks found and per-field precision, recall and F1 of ``plan`` against ``gold``.

    ``plan`` is None when the document was refused (no task allocation found).

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
    tasks = plan.tasks if plan is not None else ()
    counts = {f: [0, 0, 0] for f in FIELDS}  # gold, found, correct
    found = 0
    used: set[int] = set()
    for g in gold_tasks:
        lead = _gold_names(g, "lead_units")
        other = _gold_names(g, "responsible_units") + _gold_names(g, "cooperating_units")
        other_field = "other_units" if lead else "lead_units"
        want = [("leaders", k) for k in _keys(_gold_names(g, "lead_leaders"), leader=True)]
        want += [("lead_units", k) for k in _keys(lead)] + [(other_field, k) for k in _keys(other)]
        for f, _ in want:
            counts[f][0] += 1
        i = _match(g, tasks, used)
        if i is None:
            continue
        used.add(i)
        found += 1
        t = tasks[i]
        got = [("leaders", k) for k in _keys(list(t.lead_leaders), leader=True)]
        got += [("lead_units", k) for k in _keys(list(t.lead_units))]
        got += [(other_field, k) for k in _keys([*t.responsible_units, *t.cooperating_units])]
        for f, _ in got:
            counts[f][1] += 1
        free = list(range(len(got)))
        for f, keys in want:
            j = next((j for j in free if got[j][0] == f and keys & got[j][1]), None)
            if j is not None:
                counts[f][2] += 1
                free.remove(j)
    scores = {f: Score(f, *counts[f]) for f in FIELDS}
    return {
        "tasks_gold": len(gold_tasks),
        "tasks_parsed": len(tasks),
        "tasks_found": found / len(gold_tasks) if gold_tasks else 1.0,
        "invented": len(tasks) if not gold_tasks else 0,
        "scores": scores,
    }


def total(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The scores of several documents pooled: task recall, field precision, recall and F1."""
    gold = sum(r["tasks_gold"] for r in results)
    found = sum(r["tasks_found"] * r["tasks_gold"] for r in results)
    tp = sum(s.correct for r in results for s in r["scores"].values())
    fp = sum(s.found - s.correct for r in results for s in r["scores"].values())
    fn = sum(s.gold - s.correct for r in results for s in r["scores"].values())
    p = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return {
        "documents": len(results),
        "tasks_gold": gold,
        "task_recall": round(found) / gold if gold else 1.0,
        "precision": p,
        "recall": rec,
        "f1": 2 * p * rec / (p + rec) if p + rec else 0.0,
        "invented": sum(r["invented"] for r in results),
    }


def evaluate_file(plan_path: str, gold_path: str, on_plan: Any = None) -> dict[str, Any]:
    """Parse ``plan_path`` and score it against the gold in ``gold_path``."""
    from taskgraph.errors import ParseError
    from taskgraph.parse import read_plan

    gold = read_gold(gold_path)
    try:
        plan = read_plan(plan_path)
    except ParseError:
        if gold["tasks"]:
            raise
        plan = None  # a look-alike refused: nothing invented
    if plan is not None and on_plan:
        on_plan(plan)
    return evaluate(plan, gold)


def evaluate_folder(
    folder: str | os.PathLike[str],
) -> tuple[list[tuple[str, dict[str, Any]]], dict[str, Any]]:
    """Score every document of a folder laid out as ``docs/NAME.*`` + ``gold/NAME.json``.

    Leading ``# source:`` / ``# format:`` lines of a text document (the layout of the real-plans
    set) are not part of the plan and are left out. A document that cannot be parsed scores as
    nothing found.
    """
    from taskgraph.errors import ParseError
    from taskgraph.parse import parse_plan, read_plan

    root = Path(folder)
    golds = sorted((root / "gold").glob("*.json"))
    if not golds:
        raise InputError("no gold/*.json here (a folder of docs/ and gold/ is expected)", os.fspath(folder))
    results = []
    for gold_path in golds:
        gold = read_gold(gold_path)
        docs = sorted((root / "docs").glob(gold_path.stem + ".*"))
        if not docs:
            raise InputError(f"no document docs/{gold_path.stem}.* for this gold", os.fspath(gold_path))
        doc = docs[0]
        try:
            if doc.suffix == ".txt":
                from taskgraph.readers import read_bytes
                from taskgraph.readers.text import decode_bytes

                decoded, _ = decode_bytes(read_bytes(doc), os.fspath(doc))  # GBK, UTF-16 … as read_plan
                lines = decoded.splitlines(keepends=True)
                text = "".join(ln for ln in lines if not ln.startswith(("# source:", "# format:")))
                plan = parse_plan(text, os.fspath(doc))
            else:
                plan = read_plan(doc)
        except ParseError:
            plan = None
        results.append((gold_path.stem, evaluate(plan, gold)))
    return results, total([r for _, r in results])


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
    for k, task in enumerate(data["tasks"], start=1):
        if not isinstance(task, dict) or not ("number" in task or "text_start" in task):
            raise InputError(f'gold task {k} needs a "number" or a "text_start"', name)
        for key in ("lead_leaders", "lead_units", "responsible_units", "cooperating_units"):
            value = task.get(key, [])
            if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
                raise InputError(f'gold task {k}: "{key}" must be a list of names', name)
    return data
