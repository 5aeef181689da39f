"""Unit names from the fixtures, shared by the tests of taskgraph.units."""

from __future__ import annotations

import json
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ROLES = ("lead_units", "responsible_units", "cooperating_units")


def shen_units() -> list[str]:
    """The distinct canonical unit names of the Shen County 2024 gold, collectives included."""
    gold = json.loads((FIXTURES / "shenxian-2024.gold.json").read_text(encoding="utf-8"))
    return sorted(gold["units_canonical"])


def realplan_units() -> list[str]:
    """Every unit name the real plans' gold annotations write, as written."""
    names: set[str] = set()
    for path in sorted((FIXTURES / "realplans" / "gold").glob("*.json")):
        for task in json.loads(path.read_text(encoding="utf-8"))["tasks"]:
            for role in ROLES:
                names.update(task.get(role) or [])
    return sorted(names)
