"""Tables laid out in columns of spaces, as ``pdftotext -layout`` writes a PDF's table.

::

      序号    重点工作任务                    牵头县领导     牵头单位        责任单位
            推进工业倍增行动，全年新增规上工                                  县发改局、县统计局、
      1     业企业20家以上，规上工业增加值        周建华       县经信局        各乡镇（街道）
            增长8%。

A header line names three columns or more (序号 first) with two spaces or more between them;
from there each line is cut into runs at two spaces or more, and each run goes to the column
whose header starts nearest to it. A row is the lines around one number in the 序号 column: a
band of lines between blank lines holds one row (its number may stand in the middle, the cell
centred), or several, each number starting the next; a band without a number goes on with the
row before it (a row broken by a page). A line of one run at the left margin (a section, a
closing paragraph, a page number) stays a paragraph, and so does what follows a line of prose;
a repeated header is left out. The lines of a cell are joined by line breaks, which the layout
reads as it reads a cell's line breaks in any table.
"""

from __future__ import annotations

import re
from functools import cache

from taskgraph.readers.blocks import Block, Paragraph, Row

# Runs of text on a line: two spaces or more part them.
_GAP = re.compile(r"\s{2,}")
_RUN = re.compile(r"\S+(?: \S+)*")
# A row's number in the 序号 column: "1", "12", "01".
_NUMBER = re.compile(r"^\d{1,3}\.?$")


@cache
def _header_words() -> frozenset[str]:
    from taskgraph.registry import COLUMN_DIVISION, COLUMN_NUMBER, COLUMN_OTHER, COLUMN_TEXT, ROLE_LABELS

    return frozenset((*COLUMN_NUMBER, *COLUMN_TEXT, *COLUMN_DIVISION, *COLUMN_OTHER, *ROLE_LABELS))


def header_at(line: str) -> list[tuple[int, str]] | None:
    """The columns a header line names, as (start, name), or None when it is no such header.

    Examples
    --------
    >>> header_at("  序号    重点工作任务      牵头单位    责任单位")
    [(2, '序号'), (8, '重点工作任务'), (20, '牵头单位'), (28, '责任单位')]
    >>> header_at("序号 重点工作任务 牵头单位") is None
    True
    """
    if "  " not in line or "序" not in line:
        return None
    runs = [(m.start(), m.group()) for m in _RUN.finditer(line)]
    if len(runs) < 3 or not _GAP.search(line.strip()):
        return None
    words = _header_words()
    from taskgraph.registry import COLUMN_NUMBER

    if runs[0][1] not in COLUMN_NUMBER or sum(1 for _, name in runs if name in words) < 3:
        return None
    return runs


def first_header(lines: list[str]) -> int | None:
    """The index of the first header line of a table in columns of spaces, or None."""
    for k, line in enumerate(lines):
        if "序" in line and "  " in line and header_at(line) is not None:
            return k
    return None


def column_blocks(lines: list[str], first_number: int, table: int) -> list[Block]:
    """The blocks of ``lines`` (``lines[0]`` a header line; ``first_number`` is its line number in
    the file): a header row, then a row per task, and paragraphs for the lines of one run."""
    header = header_at(lines[0])
    assert header is not None
    starts = [start for start, _ in header]
    names = tuple(name for _, name in header)
    width = starts[2] - starts[1]  # a run longer than the task's column is prose, not a cell
    blocks: list[Block] = [Row(names, first_number, table, header=True)]
    # Each band: the (line number, runs by column) of consecutive lines that hold runs in columns.
    band: list[tuple[int, dict[int, str]]] = []
    rows: list[tuple[int, list[list[str]]]] = []  # (line number, lines of each cell) in order
    out: list[tuple[int, Block | None]] = []  # blocks in order; None where the next row stands

    def column(start: int) -> int:
        return min(range(len(starts)), key=lambda k: (abs(starts[k] - start), k))

    def close_band() -> None:
        if not band:
            return
        numbered = [k for k, (_, cells) in enumerate(band) if _NUMBER.match(cells.get(0, ""))]
        if not numbered:
            if rows:  # a row broken by a page: the rest of the row before
                for _, cells in band:
                    for c, text in cells.items():
                        rows[-1][1][c].append(text)
            else:
                out.extend((n, Paragraph("  ".join(cells.values()), n)) for n, cells in band)
            band.clear()
            return
        bounds = [0, *numbered[1:], len(band)]
        for k, (lo, hi) in enumerate(zip(bounds, bounds[1:])):
            n = band[numbered[k]][0]
            texts: list[list[str]] = [[] for _ in names]
            for _, line_cells in band[lo:hi]:
                for c, text in line_cells.items():
                    texts[c].append(text)
            rows.append((n, texts))
            out.append((n, None))
        band.clear()

    for k, raw in enumerate(lines[1:], start=1):
        number = first_number + k
        line = raw.replace("\f", "").replace("\v", " ").rstrip()
        if not line.strip():
            close_band()
            continue
        if header_at(line) is not None:
            continue  # the header again, on the next page
        runs = [(m.start(), m.group()) for m in _RUN.finditer(line)]
        cells: dict[int, str] = {}
        for start, text in runs:
            c = column(start)
            cells[c] = f"{cells[c]} {text}" if c in cells else text
        numbered = _NUMBER.match(cells.get(0, "")) is not None
        if (
            len(runs) == 1
            and not numbered
            and (0 in cells or _is_page_number(runs[0][1]) or len(runs[0][1]) > width)
        ):
            # a section, a closing paragraph, a page number: a paragraph of its own
            close_band()
            out.append((number, Paragraph(line.strip(), number)))
            continue
        band.append((number, cells))
    close_band()
    # A cell's line as long as the column's longest was wrapped: the next goes on with it
    # ("区发改局、区大数据" / "中心"); a shorter one ended there ("吴海燕" / "刘志强").
    widest = [max((len(t) for _, texts in rows for t in texts[c]), default=0) for c in range(len(names))]
    made = iter(rows)
    for _, block in out:
        if block is None:
            n, texts = next(made)
            blocks.append(Row(tuple(_joined(lines, widest[c]) for c, lines in enumerate(texts)), n, table))
        else:
            blocks.append(block)
    return blocks


def _joined(lines: list[str], widest: int) -> str:
    """The lines of one cell as its text: a wrapped line runs on, a line that ended breaks."""
    text = lines[0] if lines else ""
    for before, line in zip(lines, lines[1:]):
        text += ("" if len(before) >= widest - 1 else "\n") + line
    return text


def _is_page_number(text: str) -> bool:
    return bool(re.fullmatch(r"[-—–－\s]*\d{1,4}[-—–－\s]*", text))
