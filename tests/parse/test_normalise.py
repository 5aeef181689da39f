"""Each normalisation rule for PDF-extracted text, and the line map it keeps."""

from __future__ import annotations

from taskgraph.parse import parse_plan
from taskgraph.parse.normalise import clean, to_lines
from taskgraph.readers.text import parse_text


def normalise(text):
    return to_lines(parse_text(text), False)


TASK = "一、目标\n1.地区生产总值增长6%。（牵头领导：丁卫东；牵头单位：县发展改革局；责任单位：县财政局）\n"


def test_blank_lines_dropped():
    """Blank lines between lines vanish, and numbering follows the original file."""
    lines = normalise("甲\n\n\n乙\n")
    assert [(ln.number, ln.text) for ln in lines] == [(1, "甲"), (4, "乙")]


def test_page_numbers_dropped():
    """Page numbers like '— 14 —', '- 3 -' and '第 2 页' are not text."""
    lines = normalise("甲\n— 14 —\n- 3 -\n第 2 页\n－15－\n乙")
    assert [ln.text for ln in lines] == ["甲", "乙"]


def test_stray_leading_spaces():
    """Spaces at page starts are stripped."""
    assert normalise("   豆蛋白生产基地")[0].text == "豆蛋白生产基地"


def test_cjk_digit_spaces():
    """Spaces between CJK characters and digits are removed, those between Latin words kept."""
    assert clean("增长 6%，2024 年 1月 20 日") == "增长6%，2024年1月20日"
    assert clean("PM 2.5 浓度") == "PM 2.5浓度"
    assert clean("and cloud computing") == "and cloud computing"


def test_fullwidth_digits():
    """Full-width digits count as digits (a task numbered '１．')."""
    plan = parse_plan(TASK.replace("1.", "１．"))
    assert [t.number for t in plan.tasks] == ["1"]


def test_line_broken_inside_word():
    """A name broken across lines ('县发\\n展改革局') is joined."""
    text = "一、目标\n1.增长6%。（牵头领导：丁卫东；牵头单位：县发\n\n展改革局；责任单位：县财政局）"
    task = parse_plan(text).tasks[0]
    assert [p.name for p in task.lead_units] == ["县发展改革局"]


def test_warning_names_original_line():
    """A warning points at the line of the original file, blank lines and page numbers included."""
    text = "一、目标\n\n1.甲。（牵头单位：县财政局）\n\n— 1 —\n\n3.乙。（牵头单位：县财政局）\n"
    plan = parse_plan(text)
    (warning,) = plan.warnings
    assert warning.line == 7 and warning.task == "3"


def test_a_running_head_after_a_page_number_goes():
    """pdftotext puts each page's head after the page number before it, in the middle of a task:
    a line after a page number that is the document's first line, or after two page numbers, goes;
    the same words elsewhere stay."""
    from taskgraph import parse_plan

    head = "枫林街道2026年重点工作任务分解方案"
    plan = parse_plan(
        f"{head}\n\n一、聚力经济发展\n\n"
        "1.全力抓好招商引资。（牵头领导：王振东；牵头科\n\n— 2 —\n"
        + head
        + "\n\n室：经济发展办公室；责任单位：各社区）\n\n"
        "2.推进楼宇经济。（牵头领导：陈秋华；牵头科室：城市管理办\n\n— 3 —\n"
        + head
        + "\n\n公室；责任单位：各社区）\n"
    )
    roles = [sorted((a.role.value, a.party.name) for a in t.assignments) for t in plan.tasks]
    assert roles == [
        [("lead_leader", "王振东"), ("lead_unit", "经济发展办公室"), ("responsible_unit", "各社区")],
        [("lead_leader", "陈秋华"), ("lead_unit", "城市管理办公室"), ("responsible_unit", "各社区")],
    ]
    assert plan.title == head


def test_bullets_before_a_line_go():
    """ "▲ 1.推进…" and "● 2.推进…" (a copy from a web page) are tasks 1 and 2, the bullet no part of them."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "一、重点任务\n▲ 1.推进教育发展。（牵头单位：区教育局）\n● 2.推进科技创新。（牵头单位：区科技局）\n"
    )
    assert [(t.number, t.text) for t in plan.tasks] == [("1", "推进教育发展。"), ("2", "推进科技创新。")]
