"""Rows as text: aligned tables for the terminal (CJK-width aware), CSV, TSV and JSON."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from typing import Any

TABLE_FORMATS = ("table", "csv", "tsv", "json")


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


def format_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str = "table") -> str:
    """Format rows; ``table`` aligns columns by display width and shortens long cells.

    Examples
    --------
    >>> print(format_rows(["unit", "tasks"], [["县财政局", 3], ["县统计局", 12]]))
    unit      tasks
    --------  -----
    县财政局      3
    县统计局     12
    """
    if fmt == "json":
        return json.dumps([dict(zip(columns, row)) for row in rows], ensure_ascii=False, indent=2)
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_cell(v) for v in row] for row in rows])
        return out.getvalue().rstrip("\n")
    cells = [[_cell(v, 60) for v in row] for row in rows]
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
    return "\n".join(text)
