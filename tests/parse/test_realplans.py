"""Real plans of 24 other governments (tests/fixtures/realplans, the development set of issue 10),
scored against their hand annotations as ``score.py`` scores them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from taskgraph.errors import ParseError
from taskgraph.evaluate import evaluate, total
from taskgraph.parse import parse_plan

REALPLANS = Path(__file__).resolve().parents[1] / "fixtures" / "realplans"
SLUGS = sorted(p.stem for p in (REALPLANS / "gold").glob("*.json"))


def _score(slug: str) -> dict:
    lines = (REALPLANS / "docs" / f"{slug}.txt").read_text(encoding="utf-8").splitlines(keepends=True)
    text = "".join(ln for ln in lines if not ln.startswith(("# source:", "# format:")))
    gold = json.loads((REALPLANS / "gold" / f"{slug}.json").read_text(encoding="utf-8"))
    try:
        plan = parse_plan(text, f"{slug}.txt")
    except ParseError:
        plan = None
    return evaluate(plan, gold)


# Documents whose excerpt ends inside the last task's attribution: that task is read (the gold,
# by its conventions, leaves it out).
CUT_OFF = dict.fromkeys(
    (
        "guangdong-province-2021", "guangzhou-2021-table", "huzhou-changxing-2023",
        "jinan-gangcheng-fangguanfu-2021", "shaoxing-2020-progress-table", "wuhan-caidian-2023",
        "xianning-jiayu-2021",
    ),
    1,
)  # fmt: skip


@pytest.mark.parametrize("slug", SLUGS)
def test_document(slug):
    """Every annotated task of the document is found, as many tasks read as before (a task cut off
    with its attribution stays, with a warning; one cut off before it does not), and every field
    read right."""
    result = _score(slug)
    assert result["tasks_found"] == 1.0
    assert result["tasks_parsed"] == result["tasks_gold"] + CUT_OFF.get(slug, 0)
    for score in result["scores"].values():
        assert score.f1 == 1.0, score


def test_development_set():
    """Task recall and field F1 over the whole set are at least 0.97 (issue 10's bar)."""
    summary = total([_score(slug) for slug in SLUGS])
    assert summary["documents"] == 25
    assert summary["task_recall"] >= 0.97 and summary["f1"] >= 0.97


@pytest.mark.slow
def test_scorer_script():
    """The set's own scorer, run on the installed command line, reports recall and F1 of 1.000."""
    exe = Path(sys.executable).with_name("taskgraph")
    run = subprocess.run(
        [sys.executable, str(REALPLANS / "score.py"), str(exe), str(REALPLANS)],
        capture_output=True, text=True, timeout=300, env={**os.environ, "HOLDOUT_MIN_F1": "0.97"},
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip().splitlines()[-1].startswith("holdout: task_recall=89/89=1.000 field_f1=1.000")


# What each plan says about itself, read through the page chrome around it (breadcrumbs, 听全文,
# 发布日期, a site's name, a document number on its own line, a number the plan only cites).
METADATA = {
    "national-state-council-2020": ("国务院关于落实《政府工作报告》重点工作部门分工的意见", "国务院", "national", 2020, "国发〔2020〕6号"),
    "guangzhou-2021-table": ("广州市人民政府关于印发2021年市政府工作报告部署工作责任分工的通知", "广州市", "city", 2021, "穗府〔2021〕3号"),
    "shaoxing-2020-progress-table": ("市政府2020年重点工作(预下达)一季度进展情况表", None, "city", 2020, None),
    "dongguan-employment-2021-trad": (
        "東莞市人民政府關于貫徹落實《廣東省進一步穩定和擴大就業若干政策措施》的實施意見", "东莞市", "city", 2021, "东府〔2021〕54号",
    ),
    "xining-circulation-2017": ("加快西宁市流通业发展实施意见", None, "city", None, None),
    "guangzhou-2019-task97": ("任务97", None, "city", None, None),
    "wuhan-caidian-2023": ("2023年区《政府工作报告》确定的主要目标任务责任分解方案", "蔡甸区", "district", 2023, "蔡政办〔2023〕1号"),
}  # fmt: skip


@pytest.mark.parametrize("slug", sorted(METADATA))
def test_metadata_through_page_chrome(slug):
    lines = (REALPLANS / "docs" / f"{slug}.txt").read_text(encoding="utf-8").splitlines(keepends=True)
    plan = parse_plan(
        "".join(ln for ln in lines if not ln.startswith(("# source:", "# format:"))), f"{slug}.txt"
    )
    level = plan.level.value if plan.level else None
    assert (plan.title, plan.jurisdiction, level, plan.year, plan.document_number) == METADATA[slug]
