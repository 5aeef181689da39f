"""Tables of tasks: rows read by their columns, whatever format they came from.

A table's header row names its columns (序号 / 重点工作 / 分管领导 / 牵头单位 / 责任单位 / 备注 …);
each data row is then a task, its role cells read through the same role registry as a bracket
(issue 10: one registry makes ``参与单位`` mean the same in both). A row whose cells are all
the same (a section spanning the table) or that names no party and has no number is a heading.

Tables come as real rows (web pages, Word, PDF, spreadsheets, pipe tables in text) or, in text
copied out of a page, flattened one cell per line (Guangzhou 2021, Jiaxing 2022, Shaoxing 2020):
:func:`recover_rows` finds such a header and rebuilds the rows, matching cells to columns by
position when every cell is there and by what they look like when empty cells vanished.
Two-column tables whose left column holds keys (``重点工作: | … |`` / ``牵头单位: | … |``,
Guangzhou 2015) are records, one task per record.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from taskgraph.model import Role
from taskgraph.parse.attribution import parse_fields, parse_predicates
from taskgraph.parse.normalise import Cells, Line, clean
from taskgraph.parse.vocabulary import ROLE_LABEL
from taskgraph.registry import COLUMN_DIVISION, COLUMN_NUMBER, COLUMN_OTHER, COLUMN_TEXT, ROLE_LABELS

# Role labels as column names, longest first: "市政府分管领导" ends with "分管领导".
_ROLE_COLUMNS = sorted(ROLE_LABELS, key=len, reverse=True)
# A name that ends with one of them; searched, the match that starts first is the longest.
_ROLE_COLUMN = re.compile("(?:" + "|".join(re.escape(c) for c in _ROLE_COLUMNS if len(c) >= 2) + r")\Z")
_ROLE_VALUES = {label: role.value for label, role in ROLE_LABELS.items()}
# What a header cell's name leaves out: "主 要 工 作 任 务", "责任单位：", "*备注".
_NOT_IN_NAME = re.compile(r"[\s:：*＊]")
# A note in brackets after a header's name: "责任单位（排名第一的为牵头单位）", "完成时限（年底前）".
_HEADER_NOTE = re.compile(r"(?<=[\u4e00-\u9fff])\s*[（(][^（()）]{1,30}[）)]\s*$")
# A header cell: a name of 1 to 16 characters without sentence punctuation, whatever it leaves
# out around them ("主 要 工 作 任 务", "牵头单位：").
_HEADERISH = re.compile(r"^[\s:：*＊]*(?:[^\s:：*＊。；;，,][\s:：*＊]*){1,16}\Z")
# The same, for each line of lines joined with a newline before each (scanned for the newline in C).
_HEADERISH_LINE = re.compile(
    r"\n(?=(?:[^\S\n]|[:：*＊])*(?:[^\s:：*＊。；;，,](?:[^\S\n]|[:：*＊])*){1,16}(?:\n|\Z))"
)
# What joins two names in one header cell: "重点任务及具体措施", "牵头单位/责任单位".
_JOINED = re.compile(r"[及和与、/\uff0f]")
_TASK_WORDS = ("任务", "工作", "事项", "内容", "目标")
# A row number as its own cell: "12", "12.", "（12）".
ROW_NUMBER = re.compile(r"^[（(]?(\d{1,6})[）)．.、]?$")
# Columns that give the task's deadline: "完成时限".
DEADLINE_COLUMNS = frozenset({"完成时限", "时限要求", "完成时间", "时间节点", "时限", "完成期限", "时间安排"})
# Keys of a site's metadata table (索引号 / 发文字号 …): not a plan's table.
META_KEYS = re.compile(
    r"^(索\s*引\s*号|发文机关|发文字号|文\s*号|成文日期|发布日期|发文日期|主题分类|发布机构|公开方式|效力状态|有\s*效\s*性|分\s*类)"
)


@dataclass
class Row:
    """A data row read against its header: number, text, role cells and others."""

    line: int
    number: str | None
    text: str  # simplified
    orig: str  # as written
    roles: dict[Role, tuple[str, str]] = field(default_factory=dict)  # role -> (simplified, as written)
    other: dict[str, str] = field(default_factory=dict)
    heading: bool = False
    deadline: str | None = None


def column_of(cell: str) -> str | None:
    """What a header cell names: ``number``, ``text``, ``deadline``, ``other``, a role value, or None.

    Examples
    --------
    >>> column_of("市政府分管领导"), column_of("主 要 工 作 任 务"), column_of("备注"), column_of("序号")
    ('lead_leader', 'text', 'other', 'number')
    """
    cell = _HEADER_NOTE.sub("", cell)  # "责任单位（排名第一的为牵头单位）": the note is the plan's
    if not _HEADERISH.match(cell):
        return None  # a line of text: nearly every line stops here
    name = _NOT_IN_NAME.sub("", cell)
    if name in COLUMN_NUMBER:
        return "number"
    if name in DEADLINE_COLUMNS:
        return "deadline"
    if name in COLUMN_DIVISION:
        return "division"
    if name in COLUMN_OTHER:
        return "other"
    # The longest role label the name ends with, and the name at most 4 characters longer.
    m = _ROLE_COLUMN.search(name)
    if m and len(name) <= len(m.group()) + 4:
        return _ROLE_VALUES[m.group()]
    parts = _JOINED.split(name)
    if len(parts) > 1 and all(p in ROLE_LABELS for p in parts):
        return _ROLE_VALUES[parts[-1]]  # "牵头单位/责任单位": the lead marked in the cell ("（牵头）")
    if name in COLUMN_TEXT:
        return "text"
    if len(parts) > 1 and (parts[0].endswith(("任务", "工作", "事项")) and len(parts[0]) <= 12):
        return "text"  # "重点工作任务及目标", "重点任务及具体措施", "主要工作任务及目标要求"
    if name.endswith(_TASK_WORDS) and 8 < len(name) <= 14:
        return "text"  # "政府工作报告重点工作任务"
    if name.endswith(("任务", "工作", "内容", "事项", "目标", "指标")) and len(name) <= 8:
        return "text"
    if name.endswith(
        ("时限", "进展", "情况", "备注", "时间", "措施", "计划", "完成值", "目标值", "预期目标", "投资")
    ):
        return "other"
    if re.match(r"^\d{4}年", name) or name.startswith(("总投资", "计划投资")):
        return "other"  # "2024年计划投资", "总投资（亿元）", "建设内容及规模"
    return None


def header_columns(cells: tuple[str, ...]) -> list[str | None] | None:
    """The columns of a header row, or None when the row is no header of a task table."""
    columns = [column_of(c) for c in cells]
    if "text" not in columns:
        # "序号 | 具体措施 | 牵头单位": with no task column, the measures are the tasks
        measures = [
            k
            for k, c in enumerate(cells)
            if columns[k] == "other" and _NOT_IN_NAME.sub("", c).endswith("措施")
        ]
        if len(measures) == 1:
            columns[measures[0]] = "text"
    named = [c for c in columns if c]
    roles = [c for c in named if c not in ("number", "text", "other", "deadline")]
    filled = len([c for c in cells if c])
    # Columns it does not know may stand beside those it does (a plan's own "建设地点"), but not
    # outnumber them: a row of data is no header.
    if (
        len(named) >= 2
        and "text" in named
        and roles
        and (len(named) >= filled - 1 or len(named) * 2 > filled)
    ):
        return columns
    return None


def _role(column: str | None) -> Role | None:
    return (
        Role(column) if column and column not in ("number", "text", "other", "deadline", "division") else None
    )


def read_rows(
    rows: list[Cells], continued: list[str | None] | None = None
) -> tuple[list[Row], list[Cells], list[str | None] | None]:
    """Rows of a table read against its header; rows before the header are returned apart, and
    the columns read.

    ``continued`` are the columns of the table before it: a table with no header of its own
    whose rows have as many cells and start with a row number goes on with that table (a table
    broken by a page, the header not repeated).
    """
    columns = None
    if continued is not None and _continues(rows, continued):
        columns = continued
    before: list[Cells] = []
    out: list[Row] = []
    previous: Cells | None = None  # the cells of the last data row (and of the rows merged into it)
    header_texts: tuple[str, ...] = ()
    for k, row in enumerate(rows):
        if columns is None:
            found = header_columns(row.texts)
            # A header over two rows ("责任单位" over "牵头单位 | 配合单位"): the lower row wins.
            if found is None and k + 1 < len(rows):
                merged = tuple(b if column_of(b) else a for a, b in zip(row.texts, rows[k + 1].texts))
                if header_columns(merged) and not header_columns(rows[k + 1].texts):
                    found = header_columns(merged)
            if found is not None and k + 1 < len(rows) and header_columns(rows[k + 1].texts):
                found = None  # "责任分工" over "牵头领导 | 牵头单位 | 配合单位": the lower row names them
            if found is None:
                before.append(row)
                continue
            columns, header_texts = found, row.texts
            continue
        if row.texts == header_texts or header_columns(row.texts):
            continue  # a header repeated on the next page
        if previous is not None and _merged_down(row, previous, columns):
            previous = _joined(previous, row)
            out[-1] = _data_row(previous, columns)
            continue
        previous = row
        out.append(_data_row(row, columns))
    return out, before, columns


def _merged_down(row: Cells, above: Cells, columns: list[str | None]) -> bool:
    """Whether ``row`` is one more line of the task above: the task's number and its units in cells
    merged down over both (repeated by the reader), only its measures or deadline its own
    ("1 | 加快发展新质生产力 | 1.实施… | 省工信厅" over "| | 2.培育… |")."""
    if len(row.texts) != len(above.texts) or "number" not in columns:
        return False
    k = columns.index("number")
    number = row.texts[k].strip()
    if not number or number != above.texts[k].strip() or not ROW_NUMBER.match(number):
        return False
    roles = [i for i, c in enumerate(columns) if c is not None and _role(c) is not None]
    return (
        bool(roles)
        and any(row.texts[i] for i in roles)
        and all(row.texts[i] == above.texts[i] for i in roles)
    )


def _joined(above: Cells, row: Cells) -> Cells:
    """Two rows of one task as one: each cell once, or both when they differ (measures in order)."""

    def join(a: str, b: str) -> str:
        return (
            a
            if b == a or not b
            else (b if not a else f"{a}{'' if a.endswith(('。', '；', ';')) else '；'}{b}")
        )

    return Cells(
        above.number,
        above.table,
        tuple(join(a, b) for a, b in zip(above.texts, row.texts)),
        tuple(join(a, b) for a, b in zip(above.origs, row.origs)),
        above.header,
    )


def _continues(rows: list[Cells], columns: list[str | None]) -> bool:
    """Whether a table without a header goes on with a table whose columns are ``columns``."""
    if "number" not in columns or any(header_columns(r.texts) for r in rows[:2]):
        return False
    first = next((r for r in rows if any(r.texts)), None)
    if first is None or len(first.texts) != len(columns):
        return False
    return ROW_NUMBER.match(first.texts[columns.index("number")].strip()) is not None


def _data_row(row: Cells, columns: list[str | None]) -> Row:
    texts = list(row.texts) + [""] * (len(columns) - len(row.texts))
    origs = list(row.origs) + [""] * (len(columns) - len(row.origs))
    filled = {t for t in texts if t}
    number = text = orig = ""
    roles: dict[Role, tuple[str, str]] = {}
    other: dict[str, str] = {}
    deadline = None
    for column, t, o in zip(columns, texts, origs):
        if column == "number":
            number = t
        elif column == "deadline":
            deadline = o or None
        elif column == "text":
            text, orig = (text + t, orig + o) if text else (t, o)
        elif column == "division" or ((role := _role(column)) is not None and ROLE_LABEL.match(t)):
            # labelled fields in one cell: "牵头领导：王海 牵头单位：县农业农村局 责任单位：…", or
            # predicates: "省文化和旅游厅牵头，省医保局配合"
            fields, _, cell_deadline = parse_fields(t)
            if not fields and column == "division":
                fields = parse_predicates(t.rstrip("。；;"), strict=True) or ()
            for f in fields:
                names = "、".join(w.text for w in f.names)
                if names:
                    prev = roles.get(f.role)
                    roles[f.role] = (f"{prev[0]}、{names}", f"{prev[1]}、{names}") if prev else (names, names)
            deadline = deadline or cell_deadline
        elif (role := _role(column)) is not None:
            if t.startswith("由") and (verbs := parse_predicates(t.rstrip("。；;"), strict=True)):
                _add_predicates(roles, verbs)  # "由食品安全协调科牵头负责" under 牵头单位
            elif t:
                prev = roles.get(role)
                roles[role] = (f"{prev[0]}、{t}", f"{prev[1]}、{o}") if prev else (t, o)
        elif column == "other" and t:
            other[str(len(other))] = o
    if not roles:
        # "由登记注册科牵头，行政审批科、信息中心配合" in a 备注 column: the row's parties
        for note in other.values():
            if ("牵头" in note or "负责" in note) and (
                verbs := parse_predicates(note.rstrip("。；;"), strict=True)
            ):
                _add_predicates(roles, verbs)
                break
    m = ROW_NUMBER.match(number.strip())
    heading = len(filled) == 1 and len(texts) > 1 and not m
    if not roles and not m:
        heading = True
    if heading and not text:
        text = orig = next((t for t in texts if t), "")
    return Row(row.number, m.group(1) if m else (number or None), text, orig, roles, other, heading, deadline)


def _add_predicates(roles: dict[Role, tuple[str, str]], fields: tuple[Any, ...]) -> None:
    """Add the names of predicate fields to a row's cells by role."""
    for f in fields:
        names = "、".join(w.text for w in f.names)
        if names:
            prev = roles.get(f.role)
            roles[f.role] = (f"{prev[0]}、{names}", f"{prev[1]}、{names}") if prev else (names, names)


# ------------------------------------------------------------------ flattened tables


def recover_rows(lines: list[Line]) -> list[Line | Row]:
    """Find tables flattened one cell per line and rebuild their rows; other lines pass through.

    Examples
    --------
    >>> cells = ["序号", "重点工作", "牵头单位", "1", "增长6%。", "县财政局", "2", "乙。", "县商务局"]
    >>> out = recover_rows([Line(i, c, c, c) for i, c in enumerate(cells, start=1)])
    >>> [(r.number, r.text, r.roles[Role.LEAD_UNIT][0]) for r in out]
    [('1', '增长6%。', '县财政局'), ('2', '乙。', '县商务局')]
    """
    out: list[Line | Row] = []
    i = 0
    # A header starts at a line that reads as a header cell (found over all the lines at once);
    # the lines between pass through.
    texts = [line.text for line in lines]
    starts = list(accumulate([len(text) + 1 for text in texts], initial=0))
    for k in [bisect_right(starts, m.start()) - 1 for m in _HEADERISH_LINE.finditer("\n" + "\n".join(texts))]:
        if k < i:
            continue  # read as part of the rows of a table above
        out.extend(lines[i:k])
        columns, j = _flat_header(lines, k)
        if columns is None:
            out.append(lines[k])
            i = k + 1
            continue
        rows, i = _flat_rows(lines, j, columns)
        out.extend(rows)
    out.extend(lines[i:])
    return out


def _flat_header(lines: list[Line], i: int) -> tuple[list[str | None] | None, int]:
    """Columns of a header that starts at line ``i``, one cell per line, and the line after it."""
    if column_of(lines[i].text) is None:
        return None, i
    columns: list[str | None] = []
    j = i
    while j < len(lines):
        column = column_of(lines[j].text)
        # "市政府" / "分管领导": one header cell over two lines.
        if column is None and j + 1 < len(lines) and len(lines[j].text) <= 6:
            column = column_of(lines[j].text + lines[j + 1].text)
            if column is not None and column_of(lines[j + 1].text) == column:
                j += 1
            elif column is not None:
                j += 1
        if column is None:
            break
        columns.append(column)
        j += 1
    named = [c for c in columns if c]
    if len(named) >= 3 and "text" in named and any(_role(c) for c in named):
        return columns, j
    return None, i


def _flat_rows(lines: list[Line], start: int, columns: list[str | None]) -> tuple[list[Line | Row], int]:
    """Rows after a flattened header: each starts at a line holding the next row number."""
    from taskgraph.parse.attribution import is_person_list, looks_like_party, split_names

    after = columns[columns.index("number") + 1 :] if "number" in columns else columns
    out: list[Line | Row] = []
    expected = 1
    i = start
    n = len(lines)

    def is_number(k: int, value: int) -> bool:
        m = ROW_NUMBER.match(lines[k].text)
        return m is not None and int(m.group(1)) == value

    def fits(text: str, column: str | None) -> bool:
        role = _role(column)
        if role is None:
            return False
        names = split_names(text, persons=role is Role.LEAD_LEADER)
        if role is Role.LEAD_LEADER:
            return is_person_list(names)
        return bool(names) and all(looks_like_party(w.text) for w in names)

    while i < n:
        if not is_number(i, expected):
            # Between rows: a section heading spanning the table ("(一)" / "加强战略…"), or the end.
            k = i
            while k < n and not is_number(k, expected) and k - i < 6:
                k += 1
            if k < n and is_number(k, expected):
                out.extend(lines[i:k])
                i = k
                continue
            break
        number_line = lines[i]
        i += 1
        cells: list[Line] = []
        while i < n and not is_number(i, expected + 1):
            cells.append(lines[i])
            i += 1
        out.append(_flat_row(number_line, cells, after, fits))
        expected += 1
    return out, i


def _flat_row(number_line: Line, cells: list[Line], after: list[str | None], fits) -> Row:  # type: ignore[no-untyped-def]
    m = ROW_NUMBER.match(number_line.text)
    number = m.group(1) if m else None
    roles: dict[Role, tuple[str, str]] = {}
    if not cells:
        return Row(number_line.number, number, "", "", roles)
    text_at = after.index("text") if "text" in after else 0
    if len(cells) == len(after):
        # Every cell is there: by position (Shaoxing 2020's progress column sits between the task
        # and its unit).
        assigned = list(zip(after, cells))
    else:
        # Empty cells vanished: the text runs until the first cell that fits a role column after it
        # (a leader's name is unmistakable; a wrapped line such as "覆盖全部乡镇" may look like a unit).
        later = after[text_at + 1 :]
        role_columns = [c for c in later if _role(c)]
        k = next(
            (j for j in range(1, len(cells)) if role_columns and fits(cells[j].text, role_columns[0])), None
        )
        if k is None:
            k = next(
                (j for j in range(1, len(cells)) if any(fits(cells[j].text, c) for c in role_columns)),
                len(cells),
            )
        assigned = [("text", c) for c in cells[:k]]
        position = 0
        for cell in cells[k:]:
            while position < len(later) and not fits(cell.text, later[position]) and _role(later[position]):
                position += 1
            if position < len(later):
                assigned.append((later[position], cell))
                position += 1
    text = orig = ""
    other: dict[str, str] = {}
    deadline = None
    line = number_line.number
    for column, cell in assigned:
        if column == "text":
            if not text:
                line = cell.number
            text, orig = text + cell.text, orig + cell.orig
        elif (role := _role(column)) is not None:
            prev = roles.get(role)
            roles[role] = (
                (f"{prev[0]}、{cell.text}", f"{prev[1]}、{cell.orig}") if prev else (cell.text, cell.orig)
            )
        elif column == "other":
            other[str(len(other))] = cell.orig
        elif column == "deadline":
            deadline = cell.orig
    return Row(line, number, text, orig, roles, other, deadline=deadline)


# ------------------------------------------------------------------ key-value records

# "重点工作: | 发展文化事业。… |" (Guangzhou 2015), "重点工作：推进更高层次的广佛同城化" (Guangzhou 2019).
KEY_TEXT = re.compile(
    r"^(重点工作|重点任务|工作任务|主要任务|任务内容|工作内容|具体任务|任务名称|工作事项)\s*[:：]\s*"
)
KEY_NUMBER = re.compile(r"^(序号|编号|任务编号)\s*[:：]\s*(\d{1,5})$")


def key_value_lines(rows: list[Cells]) -> list[Line] | None:
    """A two-column key–value table as labelled lines (``key：value``), or None when it is not one.

    Keys ending in a colon, or role and text keys, make it one; a site's metadata table
    (索引号 / 发文字号 …) is not a task table and gives no lines.
    """
    pairs = [r for r in rows if len([c for c in r.texts if c]) >= 1]
    if not pairs or any(len(r.texts) > 3 for r in pairs):
        return None
    keyed = sum(1 for r in pairs if r.texts[0].rstrip().endswith((":", "：")) or column_of(r.texts[0]))
    if keyed < max(2, len(pairs) // 2):
        return None
    if any(META_KEYS.match(r.texts[0]) for r in pairs[:3]):
        return []
    out = []
    for r in pairs:
        key, korig = r.texts[0].rstrip(":： "), r.origs[0].rstrip(":： ")
        value = "".join(r.texts[1:]).strip()
        vorig = "".join(r.origs[1:]).strip()
        out.append(Line(r.number, clean(f"{key}：{value}"), f"{korig}：{vorig}", clean(f"{korig}：{vorig}")))
    return out
