"""The fixture corpus: plans written in the variants of the genre, each with its expected JSON.

tests/fixtures/plans/wellformed/NAME.txt + NAME.expected.json parse without surprise;
illformed/ ones keep their tasks and report each oddity as a warning (or fail as they should).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from taskgraph.errors import ParseError
from taskgraph.parse import read_plan

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plans"
CASES = sorted(FIXTURES.glob("*/*.txt"))
ROLES = ("lead_leaders", "lead_units", "responsible_units", "cooperating_units")


def test_corpus_size():
    """At least 20 plans, wellformed and illformed."""
    assert len(CASES) >= 20
    assert {p.parent.name for p in CASES} == {"wellformed", "illformed"}


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fixture(path):
    """The plan parses to its expected tasks, parties, layout and warnings."""
    expected = json.loads(path.with_name(path.stem + ".expected.json").read_text(encoding="utf-8"))
    if "error" in expected:
        with pytest.raises(ParseError, match=expected["error"]):
            read_plan(path)
        return
    plan = read_plan(path)
    got = [
        {"number": t.number, **{role: [p.name for p in getattr(t, role)] for role in ROLES}}
        for t in plan.tasks
    ]
    assert got == expected["tasks"]
    assert Counter(w.code for w in plan.warnings) == Counter(expected["warnings"])
    for number, roles in expected.get("as_written", {}).items():
        task = next(t for t in plan.tasks if t.number == number)
        for role, names in roles.items():
            assert [p.as_written for p in getattr(task, role)] == names
    for alias, canonical in expected.get("aliases", {}).items():
        assert dict(plan.aliases)[alias] == canonical
    kinds = {p.name: p.kind.value for t in plan.tasks for p in (*t.lead_units, *t.responsible_units)}
    for name, kind in expected.get("kinds", {}).items():
        assert kinds[name] == kind
