"""The Shen County plan parses to exactly its hand-checked gold annotation."""

from __future__ import annotations

import re

import pytest

from taskgraph.model import Kind, Role
from taskgraph.records import plans_to_json


def _squash(text: str | None) -> str | None:
    return None if text is None else re.sub(r"\s", "", text)


def test_task_count(plan, gold):
    """All 92 numbered tasks are found, in order, with no warning."""
    assert [t.number for t in plan.tasks] == [str(n) for n in range(1, 93)]
    assert len(plan.tasks) == gold["expected_counts"]["tasks"]
    assert plan.warnings == ()


@pytest.mark.parametrize("index", range(92))
def test_task_matches_gold(plan, gold, index):
    """Each task's place, text, leaders and units, written and canonical, equal the gold."""
    expected, task = gold["tasks"][index], plan.tasks[index]
    assert task.number == str(expected["number"])
    assert task.section == expected["section"]
    assert task.subsection == expected["subsection"]
    assert _squash(task.text) == _squash(expected["text"])
    assert [p.as_written for p in task.lead_leaders] == expected["lead_leaders"]
    assert [p.name for p in task.lead_leaders] == expected["lead_leaders"]
    for role in ("lead_units", "responsible_units"):
        parties = getattr(task, role)
        assert [p.as_written for p in parties] == expected[role]
        assert [p.name for p in parties] == expected[f"{role}_canonical"]
    expanded = []
    for p in task.responsible_units:
        expanded.extend(plan.group_members(p.name) or (p.name,))
    assert expanded == expected["responsible_units_expanded"]


def test_document_metadata(plan, gold):
    """Title, issuer, office, date, publication note and cc list equal the gold."""
    doc = gold["document"]
    assert plan.title == doc["title"]
    assert plan.issuer == doc["issuer"]
    assert plan.issued_by_office == doc["issued_by_office"]
    assert plan.date == doc["date"]
    assert plan.publication == doc["publication"]
    assert list(plan.cc) == doc["cc"]
    assert plan.jurisdiction == "莘县"


def test_resolution_tables(plan, gold):
    """Aliases, typos and groups found by the parser are the gold's."""
    assert dict(plan.aliases) == gold["aliases"]
    assert dict(plan.typos) == gold["typos"]
    assert {g.name: list(g.members) for g in plan.groups} == gold["groups"]


def test_counts(plan, gold):
    """Assignment counts and distinct names equal the gold's expected counts."""
    counts = gold["expected_counts"]
    assignments = [a for t in plan.tasks for a in t.assignments]
    by_role = {role: [a for a in assignments if a.role is role] for role in Role}
    assert len(by_role[Role.LEAD_LEADER]) == counts["leader_assignments"]
    assert len(by_role[Role.LEAD_UNIT]) == counts["lead_unit_assignments"]
    assert len(by_role[Role.RESPONSIBLE_UNIT]) == counts["responsible_unit_assignments_as_written"]
    assert len({a.party.name for a in by_role[Role.LEAD_UNIT]}) == counts["distinct_lead_units_canonical"]
    units = {a.party.name for a in assignments if a.role is not Role.LEAD_LEADER}
    assert sorted(units) == sorted(gold["units_canonical"])
    assert len(units) == counts["distinct_units_canonical_including_collectives_and_group"]
    people = {a.party.name for a in by_role[Role.LEAD_LEADER] if a.party.kind is Kind.PERSON}
    assert sorted(people) == sorted(gold["leaders"])
    assert len({s.title for s in plan.sections}) == counts["sections_top_level"]
    assert sum(len(s.subsections) for s in plan.sections) == counts["subsections"]


def test_kinds(plan, gold):
    """Collectives, the group and persons get their own kinds."""
    kinds = {a.party.name: a.party.kind for t in plan.tasks for a in t.assignments}
    for name in gold["collective_units"] + gold["collective_leaders"]:
        assert kinds[name] is Kind.COLLECTIVE
    assert kinds["县属开发区管委会"] is Kind.GROUP
    assert kinds["丁卫东"] is Kind.PERSON
    assert kinds["县财政局"] is Kind.UNIT


def test_parse_json_golden(plan, golden):
    """The full JSON document of the plan is stable (tests/golden/shenxian-2024.parse.json)."""
    text = plans_to_json([plan]).replace(plan.source, "shenxian-2024-task-allocation.txt")
    golden("shenxian-2024.parse.json", text + "\n")
