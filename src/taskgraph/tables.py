"""Rows as text: aligned tables for the terminal (CJK-width aware), CSV, TSV and JSON.

:func:`write_rows` streams: CSV, TSV and JSON rows are written as they come, so a large query
answer never sits in memory; the aligned table needs every row first and says so when it cuts
a long cell. CSV cells a spreadsheet would evaluate (``=…``, ``+…``) are written safely
(:func:`taskgraph.safety.csv_safe`), and ``excel=True`` adds the byte-order mark Excel on
Windows needs to read UTF-8.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

TABLE_FORMATS = ("table", "csv", "tsv", "json")
# Cells longer than this are cut in the aligned table.
CELL_WIDTH = 60
TRUNCATED_NOTE = "cells marked … are cut at {width} columns; --format csv or json shows them whole"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(value: Any, limit: int | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:.4f}".rstrip("0").rstrip(".") if value == value else "nan"
    else:
        text = str(value)
    text = text.replace("\n", " ")
    if limit and _width(text) > limit:
        while _width(text) > limit - 1:
            text = text[:-1]
        text += "…"
    return text


def _json_value(value: Any) -> Any:
    if isinstance(value, float) and value != value:
        return None
    return value


def write_rows(
    columns: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str, out: TextIO, excel: bool = False
) -> int:
    """Write rows to ``out`` in ``fmt``; return how many were written."""
    from taskgraph.safety import FORMULA_START

    count = 0
    if fmt == "json":
        out.write("[")
        for row in rows:
            out.write(("," if count else "") + "\n  ")
            out.write(json.dumps(dict(zip(columns, (_json_value(v) for v in row))), ensure_ascii=False))
            count += 1
        out.write("\n]\n" if count else "]\n")
        return count
    if fmt in ("csv", "tsv"):
        if excel:
            out.write("\ufeff")
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        # csv_safe and _cell inlined (half a million rows of fourteen cells: issue 12): text a
        # spreadsheet would evaluate gets a leading "'", None and integers go as they are.
        for row in rows:
            writer.writerow(
                [
                    ("'" + v if v.startswith(FORMULA_START) else v)
                    if isinstance(v, str)
                    else (v if v is None or type(v) is int else _cell(v))
                    for v in row
                ]
            )
            count += 1
        return count
    held = [list(r) for r in rows]
    out.write(format_rows(columns, held, "table") + "\n")
    return len(held)


def format_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str = "table") -> str:
    """Format rows; ``table`` aligns columns by display width and cuts long cells, saying so.

    Examples
    --------
    >>> print(format_rows(["unit", "tasks"], [["县财政局", 3], ["县统计局", 12]]))
    unit      tasks
    --------  -----
    县财政局      3
    县统计局     12
    """
    if fmt != "table":
        out = io.StringIO()
        write_rows(columns, rows, fmt, out)
        return out.getvalue().rstrip("\n")
    cells = [[_cell(v, CELL_WIDTH) for v in row] for row in rows]
    cut = any(
        c.endswith("…") and _width(_cell(v)) > CELL_WIDTH
        for r, row in zip(cells, rows)
        for c, v in zip(r, row)
    )
    widths = [max([_width(c)] + [_width(r[i]) for r in cells]) for i, c in enumerate(columns)]
    numeric = [
        all(isinstance(r[i], (int, float)) or r[i] is None for r in rows) and rows
        for i in range(len(columns))
    ]

    def line(values: Sequence[str]) -> str:
        parts = []
        for i, v in enumerate(values):
            pad = " " * (widths[i] - _width(v))
            parts.append(pad + v if numeric[i] else v + pad)
        return "  ".join(parts).rstrip()

    text = [line(list(columns)), "  ".join("-" * w for w in widths)]
    text.extend(line(r) for r in cells)
    if cut:
        text.append("(" + TRUNCATED_NOTE.format(width=CELL_WIDTH) + ")")
    return "\n".join(text)
