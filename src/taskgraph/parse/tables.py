"""Tables flattened into text, turned back into numbered tasks with labelled lines.

Two forms (issue 7):

- one cell per line, after a header of column names
  (``序号`` / ``重点工作`` / ``分管领导`` / ``牵头单位`` / ``配合单位`` / ``备注``); empty cells vanish in
  extraction, so cells are matched to columns by what they look like;
- one task per page as key–value lines (``序号：3`` / ``重点工作：…`` / ``牵头单位：…``).

Both are rewritten as ``N.text`` plus ``牵头单位：…`` lines, which the labelled-lines reader
understands; each synthetic line keeps the line number of the cell it came from and the same
prefix in ``text`` and ``orig``, so offsets and names as written stay right.
"""

from __future__ import annotations

import re

from taskgraph.parse.normalise import Line
from taskgraph.parse.vocabulary import PERSON_NAME, PERSON_WITH_TITLE

NUMBER_COLUMNS = re.compile(r"^(序号|编号)$")
TEXT_COLUMNS = re.compile(
    r"^(重点工作|重点任务|工作任务|主要任务|任务内容|工作内容|目标任务|任务|具体任务|工作事项)$"
)
ROLE_COLUMNS = {
    "牵头领导": re.compile(
        r"^(分管领导|牵头领导|责任领导|联系领导|[省市县区]领导|分管[省市县区]领导|牵头[省市县区]领导)$"
    ),
    "牵头单位": re.compile(r"^(牵头单位|牵头部门|主办单位|主责单位)$"),
    "责任单位": re.compile(r"^(责任单位|责任部门|承办单位|落实单位)$"),
    "配合单位": re.compile(r"^(配合单位|协办单位|协同单位|配合部门|参与单位)$"),
}
OTHER_COLUMNS = re.compile(
    r"^(备注|完成时限|时间节点|完成时间|时限要求|工作进展|进展情况|推进情况|工作措施|目标要求)$"
)
ROW_NUMBER = re.compile(r"^(\d{1,3})$")
KEY_NUMBER = re.compile(r"^(序号|编号)\s*[:：]\s*(\d{1,3})$")
KEY_TEXT = re.compile(r"^(重点工作|重点任务|工作任务|主要任务|任务内容|工作内容)\s*[:：]")


def _column(text: str) -> str | None:
    if NUMBER_COLUMNS.match(text):
        return "number"
    if TEXT_COLUMNS.match(text):
        return "text"
    for label, pattern in ROLE_COLUMNS.items():
        if pattern.match(text):
            return label
    if OTHER_COLUMNS.match(text):
        return "other"
    return None


def _fits(text: str, column: str) -> bool:
    from taskgraph.parse.attribution import looks_like_party, split_names

    names = [w.text for w in split_names(text)]
    if not names:
        return False
    if column == "牵头领导":
        return all(PERSON_NAME.match(n) or PERSON_WITH_TITLE.match(n) for n in names)
    if column in ROLE_COLUMNS:
        return all(looks_like_party(n) for n in names)
    return False


def _labelled(line: Line, label: str) -> Line:
    return Line(line.number, f"{label}：{line.text}", f"{label}：{line.raw}", f"{label}：{line.orig}")


def unflatten_tables(lines: list[Line]) -> tuple[list[Line], bool]:
    """Rewrite flattened tables as tasks with labelled lines; return the lines and whether any was found."""
    lines, keyed = _key_value(lines)
    out: list[Line] = []
    i, found = 0, keyed
    while i < len(lines):
        columns: list[str] = []
        j = i
        while j < len(lines) and (column := _column(lines[j].text)):
            columns.append(column)
            j += 1
        if len(columns) >= 3 and "text" in columns and any(c in ROLE_COLUMNS for c in columns):
            found = True
            rows, i = _rows(lines, j, columns)
            out.extend(rows)
            continue
        out.append(lines[i])
        i += 1
    return out, found


def _rows(lines: list[Line], start: int, columns: list[str]) -> tuple[list[Line], int]:
    """Read rows after a header; stop at the first line that cannot start or continue a row."""
    out: list[Line] = []
    expected = 1
    i = start
    after_text = columns[columns.index("text") + 1 :]
    while i < len(lines):
        m = ROW_NUMBER.match(lines[i].text)
        if not m or int(m.group(1)) != expected:
            break
        number_line = lines[i]
        i += 1
        cells: list[Line] = []
        while i < len(lines) and not (ROW_NUMBER.match(lines[i].text) and int(lines[i].text) == expected + 1):
            if _column(lines[i].text) and len(cells) == 0:
                break
            cells.append(lines[i])
            i += 1
        # The task text runs until the first cell that fits the first role column after it (a
        # leader's name is unmistakable; a wrapped line such as "覆盖全部乡镇" may look like a unit).
        roles = [c for c in after_text if c in ROLE_COLUMNS]
        k = next((n for n in range(1, len(cells)) if roles and _fits(cells[n].text, roles[0])), None)
        if k is None:
            k = next(
                (n for n in range(1, len(cells)) if any(_fits(cells[n].text, c) for c in roles)), len(cells)
            )
        text_lines = cells[:k]
        first = text_lines[0] if text_lines else number_line
        prefix = f"{expected}."
        out.append(Line(first.number, prefix + first.text, prefix + first.raw, prefix + first.orig))
        out.extend(text_lines[1:])
        for column in after_text:
            if k >= len(cells):
                break
            if column in ROLE_COLUMNS and _fits(cells[k].text, column):
                out.append(_labelled(cells[k], column))
                k += 1
            elif column == "other" and not any(
                _fits(cells[k].text, c) for c in after_text if c in ROLE_COLUMNS
            ):
                k += 1  # a remark or deadline: not a party
        expected += 1
    return out, i


def _key_value(lines: list[Line]) -> tuple[list[Line], bool]:
    """``序号：3`` + ``重点工作：…`` lines become ``3.…``; role keys are left to the labelled-lines reader."""
    out: list[Line] = []
    number: str | None = None
    found = False
    for line in lines:
        m = KEY_NUMBER.match(line.text)
        if m:
            number, found = m.group(2), True
            continue
        m = KEY_TEXT.match(line.text)
        if m and number is not None:
            cut = m.end()
            prefix = f"{number}."
            out.append(
                Line(
                    line.number,
                    prefix + line.text[cut:],
                    prefix + line.raw.split("：", 1)[-1],
                    prefix + line.orig[cut:],
                )
            )
            number = None
            continue
        out.append(line)
    return out, found
