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
