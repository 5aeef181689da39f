"""Damaged plans keep their tasks and say what is wrong, with line and task number."""

from __future__ import annotations

import re

import pytest

from taskgraph.errors import ParseError
from taskgraph.parse import parse_plan


def _without_task(text: str, number: int) -> str:
    start = re.search(rf"^{number}\.", text, re.M).start()
    end = re.search(rf"^{number + 1}\.", text, re.M).start()
    return text[:start] + text[end:]


def test_task_30_removed(plan_text):
    """Without task 30 there are 91 tasks and a warning names task 30."""
    text = _without_task(plan_text, 30)
    plan = parse_plan(text)
    assert len(plan.tasks) == 91 and "30" not in [t.number for t in plan.tasks]
    (warning,) = plan.warnings
    assert warning.code == "missing-number" and warning.task == "31"
    assert "task 30 missing" in warning.message
    assert text.splitlines()[warning.line - 1].startswith("31.")


def test_cut_inside_task_50_attribution(plan_text):
    """A plan cut inside task 50's attribution keeps tasks 1-49 whole and flags task 50."""
    cut = plan_text.index("县地方金融监管局", plan_text.index("\n50."))
    plan = parse_plan(plan_text[: cut + 3])
    assert [t.number for t in plan.tasks] == [str(n) for n in range(1, 51)]
    assert [t.text for t in plan.tasks[:49]] == [t.text for t in parse_plan(plan_text).tasks[:49]]
    (warning,) = plan.warnings
    assert warning.code == "attribution-cut-off" and warning.task == "50"
    assert "cut off" in warning.message and "县地方" in warning.message
    assert plan.tasks[49].lead_units == ()
    assert [p.name for p in plan.tasks[49].lead_leaders] == ["丁卫东"]
    assert plan_text.splitlines()[warning.line - 1].find("牵头") >= 0


def test_duplicate_number():
    """A repeated task number is kept and warned about."""
    plan = parse_plan("一、目标\n1.甲。（牵头单位：县财政局）\n1.乙。（牵头单位：县商务局）")
    assert [t.number for t in plan.tasks] == ["1", "1"]
    assert [w.code for w in plan.warnings] == ["duplicate-number"]
    assert plan.warnings[0].line == 3


def test_missing_role_label():
    """Names before any role label are reported, not silently dropped."""
    plan = parse_plan("一、目标\n1.甲。（丁卫东；牵头单位：县财政局）")
    (warning,) = plan.warnings
    assert warning.code == "unlabelled-names" and "丁卫东" in warning.message and warning.line == 2


def test_no_attribution():
    """A task with no attribution is kept and warned about."""
    plan = parse_plan("一、目标\n1.甲。\n2.乙。（牵头单位：县财政局）")
    assert len(plan.tasks) == 2
    assert [(w.code, w.task, w.line) for w in plan.warnings] == [("no-attribution", "1", 2)]


def test_no_lead_unit_is_the_genre():
    """Many plans name only responsible units: no warning from the parser (SHACL says it, as a warning)."""
    plan = parse_plan("一、目标\n1.甲。（牵头领导：丁卫东；责任单位：县财政局）")
    assert plan.warnings == ()


def test_no_tasks_is_an_error():
    """Text without any task allocation raises ParseError."""
    with pytest.raises(ParseError, match="no task allocation found"):
        parse_plan("这是一份通知。没有任务。", "notice.txt")


def test_a_bracket_left_open_before_the_next_task_loses_no_name():
    """ "（牵头单位：市财政局；责任单位：市税务局、各乡镇人民政府" with task 2 after it: only the closing
    bracket was left out, every name stays, and a warning says so; the same at the end of the text
    is an excerpt cut off, its half name left out."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "一、重点任务\n"
        "1.推进税收征管。（牵头单位：市财政局；责任单位：市税务局、各乡镇人民政府\n"
        "2.推进改革。（牵头单位：市发改委；责任单位：市财政局）\n"
        "3.推进开放。（牵头单位：市商务局；责任单位：市财\n"
    )
    assert [a.party.name for a in plan.tasks[0].assignments] == ["市财政局", "市税务局", "各乡镇人民政府"]
    assert [a.party.name for a in plan.tasks[2].assignments] == ["市商务局"]
    assert [(w.code, w.task) for w in plan.warnings] == [
        ("attribution-unclosed", "1"),
        ("attribution-cut-off", "3"),
    ]


def test_typing_slips_in_labels_and_a_name_broken_by_a_page():
    """ "牵头领导；贾国顺；" (a semicolon for the colon), "责任单位：：市编办" (two colons), and a label line
    broken in mid-name by a page ("…区重点项目服务中" / "— 2 —" / "心") read as meant."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "一、重点任务\n"
        "1.推进税收征管。（牵头领导；贾国顺；牵头单位：市财政局；责任单位：：市编办）\n"
        "2.推进重点项目建设。\n牵头领导；范立群\n牵头单位：区发改局\n责任单位：区住建局、区重点项目服务中\n— 2 —\n心\n"
        "3.推进改革。\n牵头单位：区财政局\n"
    )
    assert [[(a.role.value, a.party.name) for a in t.assignments] for t in plan.tasks] == [
        [("lead_leader", "贾国顺"), ("lead_unit", "市财政局"), ("responsible_unit", "市编办")],
        [
            ("lead_leader", "范立群"),
            ("lead_unit", "区发改局"),
            ("responsible_unit", "区住建局"),
            ("responsible_unit", "区重点项目服务中心"),
        ],
        [("lead_unit", "区财政局")],
    ]
