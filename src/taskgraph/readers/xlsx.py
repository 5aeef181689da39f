"""The .xlsx reader: each sheet of a workbook as one table of rows.

openpyxl reads the cells in read-only (streaming) mode, which does not know merged cells, so
the sheet's ``<mergeCell>`` ranges are read in a second streaming pass with lxml; a merged
range's value is repeated into every cell it covers. Values read as the sheet shows them:
``1`` not ``1.0``, ``6.5%`` for a percentage, dates as ``2024-01-20``; formulas give the value
Excel last computed. Rows the sheet repeats on each printed page (its print titles) are
header rows. Each sheet's name comes first as a :class:`Paragraph` (``line`` 0), then its
rows (``line`` = the row number); empty trailing cells are dropped and empty rows skipped.
Hidden sheets are left out, with a note.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile
from collections.abc import Iterator
from typing import Any

from lxml import etree

from taskgraph.errors import InputError
from taskgraph.readers.blocks import Block, Document, Paragraph, Row
from taskgraph.readers.docx import core_title, open_package

# A merged range: <mergeCell ref="A3:E3"/>.
_RANGE = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$")
# A sheet of instructions, not of tasks: "填报说明", "填表说明", "说明", "注意事项".
_INSTRUCTIONS = re.compile(r"^(?:填报|填表|编制)?(?:说明|要求|注意事项)$")
# Cells looked at over all sheets, merged ranges counted cell by cell: a plan has a few
# thousand; a range merged over A1:XFD1048576 would have the reader fill 17 billion.
_MAX_CELLS = 2_000_000


def _column(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


def parse_range(ref: str) -> tuple[int, int, int, int] | None:
    """``(first row, first column, last row, last column)`` of a range such as ``A3:E3``, 1-based.

    Examples
    --------
    >>> parse_range("A3:E3"), parse_range("$B$2"), parse_range("bogus")
    ((3, 1, 3, 5), (2, 2, 2, 2), None)
    """
    match = _RANGE.match(ref.strip().upper())
    if not match:
        return None
    c0, r0, c1, r1 = match.groups()
    c1, r1 = c1 or c0, r1 or r0
    return int(r0), _column(c0), int(r1), _column(c1)


def _merges(package: zipfile.ZipFile, member: str) -> list[tuple[int, int, int, int]]:
    """The merged ranges of a sheet, read as a stream (rows are dropped as they pass)."""
    ranges = []
    try:
        with package.open(member) as fh:
            for _, el in etree.iterparse(
                fh, events=("end",), resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
            ):
                tag = el.tag if isinstance(el.tag, str) else ""
                if tag.endswith("}mergeCell"):
                    found = parse_range(el.get("ref") or "")
                    if found:
                        ranges.append(found)
                elif tag.endswith("}row"):
                    el.clear()
                    parent = el.getparent()
                    while parent is not None and el.getprevious() is not None:
                        del parent[0]
    except (KeyError, etree.XMLSyntaxError):
        return ranges
    return ranges


def format_value(value: Any, number_format: str = "General") -> str:
    """A cell's value as the sheet shows it.

    Examples
    --------
    >>> [format_value(v) for v in (1, 1.0, 6.5, 0.1 + 0.2, None, True, " 县财政局 ")]
    ['1', '1', '6.5', '0.3', '', 'TRUE', '县财政局']
    >>> format_value(0.065, "0.0%"), format_value(dt.datetime(2024, 1, 20))
    ('6.5%', '2024-01-20')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        percent = "%" in (number_format or "")
        number = value * 100 if percent else value
        text = str(int(number)) if number.is_integer() and abs(number) < 1e15 else format(number, ".15g")
        return text + ("%" if percent else "")
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _print_rows(ws: Any) -> range:
    titles = getattr(ws, "_print_rows", None) or ""
    match = re.match(r"^\$?(\d+):\$?(\d+)$", str(titles))
    return range(int(match.group(1)), int(match.group(2)) + 1) if match else range(0)


def _rows(ws: Any, merges: list[tuple[int, int, int, int]], budget: list[int], path: str) -> Iterator[Row]:
    """The sheet's non-empty rows with merged values repeated; ``budget`` counts cells left."""
    header_rows = _print_rows(ws)
    starts: dict[int, list[tuple[int, int, int, int]]] = {}
    for m in merges:
        starts.setdefault(m[0], []).append(m)
    active: list[tuple[tuple[int, int, int, int], str]] = []
    number = 0
    for cells in ws.iter_rows():
        number = next((c.row for c in cells if getattr(c, "row", None)), number + 1)
        budget[0] -= max(1, len(cells))
        if budget[0] < 0:
            raise InputError(f"the workbook has more than {_MAX_CELLS:,} cells; this is not a plan", path)
        values = {
            c.column: format_value(c.value, getattr(c, "number_format", "General"))
            for c in cells
            if getattr(c, "column", None) and c.value is not None
        }
        active = [(m, v) for m, v in active if m[2] >= number]
        for m in starts.pop(number, []):
            active.append((m, values.get(m[1], "")))
        for (_, c0, _, c1), value in active:
            budget[0] -= c1 - c0 + 1
            if budget[0] < 0:
                raise InputError(f"the workbook has more than {_MAX_CELLS:,} cells; this is not a plan", path)
            for c in range(c0, min(c1, 16384) + 1):
                values[c] = value
        while values and not values[max(values)]:
            del values[max(values)]
        if not any(v.strip() for v in values.values()):
            continue
        width = max(values)
        yield Row(tuple(values.get(c, "") for c in range(1, width + 1)), number, -1, number in header_rows)


def read(data: bytes, path: str) -> Document:
    """Read an Excel workbook (.xlsx, .xlsm) from its bytes."""
    import openpyxl

    package = open_package(data, path, ".xlsx")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Workbook contains no default style", unsupported extensions
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises KeyError, InvalidFileException, TypeError … on broken files
        message = " ".join(str(exc).split())[:200]
        raise InputError(
            f"cannot read this .xlsx file: it is damaged or not a workbook ({message})", path
        ) from None
    blocks: list[Block] = []
    notes: list[tuple[int | None, str]] = []
    budget = [_MAX_CELLS]
    table = 0
    try:
        for ws in wb.worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible":
                notes.append((None, f"the hidden sheet {ws.title!r} was left out"))
                continue
            if _INSTRUCTIONS.match(ws.title.strip()):
                notes.append((None, f"the sheet {ws.title!r} (how to fill the table in) was left out"))
                continue
            ws.reset_dimensions()  # a stated dimension of A1:XFD1048576 would pad every row
            member = getattr(ws, "_worksheet_path", None)  # openpyxl's read-only sheets know their part
            merges = _merges(package, member) if member else []
            rows = [Row(r.cells, r.line, table, r.header) for r in _rows(ws, merges, budget, path)]
            if rows:
                blocks.append(Paragraph(ws.title, 0))
                blocks.extend(rows)
                table += 1
    except InputError:
        raise
    except Exception as exc:
        message = " ".join(str(exc).split())[:200]
        raise InputError(f"cannot read this .xlsx file: a sheet is damaged ({message})", path) from None
    finally:
        wb.close()
    return Document(path, "xlsx", tuple(blocks), None, core_title(package, path, ".xlsx"), (), tuple(notes))
