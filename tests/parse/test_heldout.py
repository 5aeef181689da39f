"""Held-out plans: written after the parser and scored with `evaluate` against hand annotations.

They stand in for the plans of other governments. The first run, before any change for them:
province-predicates and district-traditional-table scored F1 = 1 on every field; city-labelled
found every task but scored 0.857 on other units (a section heading after a labelled line was
read as a unit), fixed in layout.py. Each must keep F1 >= 0.90 and 90% of tasks found.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from taskgraph.evaluate import evaluate, read_gold
from taskgraph.parse import read_plan

HELDOUT = Path(__file__).resolve().parents[1] / "fixtures" / "heldout"
PLANS = sorted(HELDOUT.glob("*.txt"))


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_heldout_scores(path):
    """Tasks found >= 90% and field-level F1 >= 0.90 on leaders, lead units and other units."""
    result = evaluate(read_plan(path), read_gold(path.with_suffix(".gold.json")))
    assert result["tasks_found"] >= 0.9
    for field, score in result["scores"].items():
        assert score.f1 >= 0.9, (field, score)
