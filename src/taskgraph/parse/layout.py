"""The layout of a plan: front matter, title, headings, numbered tasks, cc list, printing line.

:func:`split_layout` works on normalised :class:`Line` objects and groups them into blocks;
it does not look inside a task (that is :mod:`taskgraph.parse.attribution`'s job).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from taskgraph.model import Warning
from taskgraph.parse.normalise import Line
from taskgraph.parse.vocabulary import LEADER_HEADING, LEADER_LINE, ROLE_LABEL

# "1.地区生产总值增长6%" — a task number; "2.5%" is no task because a digit follows the dot.
TASK_START = re.compile(r"^(\d{1,3})\s*[.．、](?![\d%％])")
# "(1)推进…" — plans that number their tasks in brackets.
TASK_PAREN = re.compile(r"^[（(](\d{1,3})[）)](?!\d)")
# A heading with the first task on the same line: "一、主要目标 1.地区生产总值增长6%。…"
HEADING_THEN_TASK = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])[^。，；\d]{2,20}?(?=\d{1,3}[.．](?![\d%％]))"
)
# Numbering run together inside one line: "…。2.推进…", "…）（二）聚焦…", "…。三、…".
RUN_TOGETHER = re.compile(
    r"(?<=[。）)；;])\s*(?=\d{1,3}[.．、](?![\d%％])|[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)"
)
# "二、2024年主要工作任务"
SECTION = re.compile(r"^([一二三四五六七八九十]{1,3})、")
# "（一）聚焦重点项目，持续厚植发展动能"
SUBSECTION = re.compile(r"^[（(]([一二三四五六七八九十]{1,3})[）)]")
# "（此件公开发布）"
PUBLICATION = re.compile(r"^[（(](此件[^）)]{1,12})[）)]$")
# "2024年1月20日" (spaces removed) or "二〇二四年一月二十日"
DATE = re.compile(
    r"^([0-9〇零一二三四五六七八九]{4})年([0-9一二三四五六七八九十]{1,3})月([0-9一二三四五六七八九十]{1,3})日$"
)
# "抄送：县委有关部门，县人大常委会办公室，…"
CC = re.compile(r"^抄\s*送\s*[:：]")
# "莘县人民政府办公室2024年1月20日印发"
PRINTED = re.compile(
    r"^(?P<office>.*?)(?P<date>[0-9〇零一二三四五六七八九]{4}年[0-9一二三四五六七八九十]{1,3}月[0-9一二三四五六七八九十]{1,3}日)\s*印发$"
)
# "附件" / "附件1" above the plan's title
ANNEX = re.compile(r"^附\s*件\s*\d*[:：]?$")

CLOSED = tuple("。）)】！？；;”")

_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}


def chinese_number(text: str) -> int:
    """Read 一 … 九十九 (and plain digits).

    Examples
    --------
    >>> chinese_number("十二"), chinese_number("二十"), chinese_number("七"), chinese_number("12")
    (12, 20, 7, 12)
    """
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_DIGITS.get(tens, 1) if tens else 1) * 10 + (_DIGITS.get(ones, 0) if ones else 0)
    value = 0
    for ch in text:
        value = value * 10 + _DIGITS[ch]
    return value


def parse_date(text: str) -> str | None:
    """ISO 8601 for a written date, or None.

    Examples
    --------
    >>> parse_date("2024年1月20日"), parse_date("二〇二四年一月二十日")
    ('2024-01-20', '2024-01-20')
    """
    m = DATE.match(text)
    if not m:
        return None
    year = m.group(1)
    year_n = int(year) if year.isdigit() else int("".join(str(_DIGITS[c]) for c in year))
    month, day = chinese_number(m.group(2)), chinese_number(m.group(3))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year_n:04d}-{month:02d}-{day:02d}"


@dataclass
class Block:
    """A section or subsection heading, or a task, with the lines it spans."""

    kind: str  # "section" | "subsection" | "task"
    number: int
    lines: list[Line]


@dataclass
class Layout:
    """A plan's lines grouped by what they are."""

    notice: list[Line] = field(default_factory=list)
    issuer: Line | None = None
    date: Line | None = None
    publication: Line | None = None
    title: list[Line] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    cc: list[Line] = field(default_factory=list)
    printed: Line | None = None
    trailer: list[Line] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    numbering: str = "numbered"  # numbered | bracketed | unnumbered
    tables: bool = False  # tasks came from a flattened table or key-value lines


def _heading_like(line: Line) -> bool:
    return len(line.text) <= 40 and not line.text.endswith(("。", "；", "，", ";", ","))


def _split_run_together(lines: list[Line]) -> list[Line]:
    """Split lines where a number or heading marker follows the end of a sentence or a heading."""
    out = []
    for line in lines:
        for piece in _split_at(line, [m.start() for m in RUN_TOGETHER.finditer(line.text)]):
            heading = HEADING_THEN_TASK.match(piece.text)
            out.extend(_split_at(piece, [heading.end()]) if heading else [piece])
    return out


def _split_at(line: Line, cuts: list[int]) -> list[Line]:
    cuts = [c for c in cuts if 0 < c < len(line.text)]
    if not cuts:
        return [line]
    bounds = [0, *sorted(set(cuts)), len(line.text)]
    pieces = []
    for a, b in zip(bounds, bounds[1:]):
        text, orig = line.text[a:b].strip(), line.orig[a:b].strip()
        if text:
            pieces.append(Line(line.number, text, orig, orig))
    return pieces


def _first_task(lines: list[Line], task_re: re.Pattern[str]) -> int | None:
    starts = [i for i, ln in enumerate(lines) if task_re.match(ln.text)]
    for i in starts:
        if int(task_re.match(lines[i].text).group(1)) == 1:  # type: ignore[union-attr]
            return i
    return starts[0] if starts else None


def _first_unnumbered(lines: list[Line]) -> int | None:
    """The paragraph start of the first line that holds an attribution, for unnumbered plans."""
    for i, line in enumerate(lines):
        if ROLE_LABEL.search(line.text):
            j = i
            while j > 0 and not lines[j - 1].text.endswith(CLOSED) and not _is_heading(lines[j - 1].text):
                j -= 1
            return j
    return None


def _is_heading(text: str) -> bool:
    return bool(SECTION.match(text) or SUBSECTION.match(text)) and _heading_like_text(text)


def _heading_like_text(text: str) -> bool:
    return len(text) <= 40 and not text.endswith(("。", "；", "，", ";", ","))


def split_layout(lines: list[Line]) -> Layout:
    """Group normalised lines into the parts of a plan (see the module docstring)."""
    from taskgraph.parse.tables import unflatten_tables

    layout = Layout()
    lines, layout.tables = unflatten_tables(lines)
    lines = _split_run_together(lines)
    task_re = TASK_START
    first = _first_task(lines, TASK_START)
    if first is None:
        first = _first_task(lines, TASK_PAREN)
        task_re, layout.numbering = TASK_PAREN, "bracketed"
    if first is None:
        first = _first_unnumbered(lines)
        task_re, layout.numbering = TASK_START, "unnumbered"
    if first is None:
        return layout
    # Walk back over the short lines above the first task: the title and the first headings.
    head = first
    while head > 0 and _heading_like(lines[head - 1]) and not _front_marker(lines[head - 1]):
        head -= 1
    _front_matter(lines[:head], layout)
    body_start = head
    while body_start < first and not (
        SECTION.match(lines[body_start].text)
        or SUBSECTION.match(lines[body_start].text)
        or LEADER_HEADING.match(lines[body_start].text)
    ):
        if not ANNEX.match(lines[body_start].text):
            layout.title.append(lines[body_start])
        body_start += 1
    _body(lines[body_start:], layout, task_re)
    return layout


def _front_marker(line: Line) -> bool:
    return bool(PUBLICATION.match(line.text) or DATE.match(line.text) or PRINTED.match(line.text))


def _front_matter(lines: list[Line], layout: Layout) -> None:
    end = len(lines)
    for i in range(len(lines) - 1, -1, -1):
        text = lines[i].text
        if layout.publication is None and layout.date is None and PUBLICATION.match(text):
            layout.publication, end = lines[i], i
        elif layout.date is None and DATE.match(text):
            layout.date, end = lines[i], i
            if i > 0 and _heading_like(lines[i - 1]) and not lines[i - 1].text.endswith(CLOSED):
                layout.issuer, end = lines[i - 1], i - 1
            break
        elif not _heading_like(lines[i]):
            break
    layout.notice = lines[:end]


def _body(lines: list[Line], layout: Layout, task_re: re.Pattern[str]) -> None:
    section = subsection = last_task = 0
    closed = True  # whether the previous line ended a paragraph
    tail = False
    unnumbered = layout.numbering == "unnumbered"
    for line in lines:
        text = line.text
        if tail:
            if layout.printed is None and PRINTED.match(text):
                layout.printed = line
            elif layout.printed is None:
                layout.cc.append(line)
            else:
                layout.trailer.append(line)
            continue
        if CC.match(text) or PRINTED.match(text):
            if CC.match(text):
                layout.cc.append(line)
            else:
                layout.printed = line
            tail = True
            continue
        block = _start(text, closed, section, subsection, last_task, task_re, unnumbered)
        in_task = bool(layout.blocks) and layout.blocks[-1].kind == "task"
        if block is None and closed and not in_task and LEADER_LINE.match(text):
            block = "leader"
        if block == "section":
            section = chinese_number(SECTION.match(text).group(1))  # type: ignore[union-attr]
            subsection = 0
            layout.blocks.append(Block("section", section, [line]))
        elif block == "subsection":
            subsection = chinese_number(SUBSECTION.match(text).group(1))  # type: ignore[union-attr]
            layout.blocks.append(Block("subsection", subsection, [line]))
        elif block == "leader":
            layout.blocks.append(Block("leader", 0, [line]))
        elif block == "task":
            number = last_task + 1 if unnumbered else int(task_re.match(text).group(1))  # type: ignore[union-attr]
            layout.blocks.append(Block("task", number, [line]))
            last_task = number
        elif in_task or (layout.blocks and not closed):
            layout.blocks[-1].lines.append(line)
        elif ROLE_LABEL.match(text):
            layout.warnings.append(
                Warning(
                    "attribution-without-task",
                    f"an attribution with no task before it: {text[:30]}",
                    line.number,
                )
            )
        elif layout.blocks:
            layout.blocks[-1].lines.append(line)
        else:
            layout.warnings.append(Warning("orphan-text", f"text outside any task: {text[:30]}", line.number))
        # A heading (and its wrapped remainder) ends a paragraph whatever its last character, and
        # so does a labelled line ("责任单位：各区县人民政府", found in a held-out plan).
        closed = (
            text.endswith(CLOSED)
            or (bool(layout.blocks) and layout.blocks[-1].kind != "task")
            or bool(ROLE_LABEL.match(text))
        )


def _start(
    text: str,
    closed: bool,
    section: int,
    subsection: int,
    last_task: int,
    task_re: re.Pattern[str],
    unnumbered: bool,
) -> str | None:
    """What a line starts, given the state: a heading, a task, or nothing (a continuation)."""
    m = task_re.match(text)
    if m and not unnumbered and (int(m.group(1)) == last_task + 1 or closed):
        return "task"
    m = SECTION.match(text)
    if m and closed and chinese_number(m.group(1)) > section:
        return "section"
    m = SUBSECTION.match(text)
    if m and closed and chinese_number(m.group(1)) > subsection:
        return "subsection"
    if closed and LEADER_HEADING.match(text) and len(text) <= 30:
        return "leader"
    if unnumbered and closed and not ROLE_LABEL.match(text):
        return "task"
    return None
