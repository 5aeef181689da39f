"""The .xlsx reader: a sheet is a table, merged ranges repeated, values as the sheet shows them."""

from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
import pytest

import makedocs
from taskgraph.errors import InputError
from taskgraph.readers import read_document, sniff
from taskgraph.readers.blocks import Paragraph
from taskgraph.readers.xlsx import read

from .checks import assert_task_table, rows


def test_plan_workbook(built, shen, gold):
    """(g) The task table in a workbook: the sheet's name, the merged title, then the task table."""
    doc = read_document(built["g"])
    assert doc.format == "xlsx"
    assert doc.blocks[0] == Paragraph("重点工作任务", 0)
    title = doc.blocks[1]
    assert title.cells == (shen.title,) * 5 and title.line == 1 and not title.header
    table = type(doc)(doc.source, doc.format, doc.blocks[2:])
    assert_task_table(table, shen, gold)
    assert rows(doc)[1].line == 3 and rows(doc)[1].header, "the print-title row is the header"
    assert rows(doc)[3].cells[0] == "1", "numbers as written, not 1.0"


def _workbook(tmp_path, fill) -> bytes:
    wb = openpyxl.Workbook()
    fill(wb)
    path = tmp_path / "w.xlsx"
    wb.save(str(path))
    return path.read_bytes()


def test_values_as_shown(tmp_path):
    """Numbers, percentages, dates, booleans and formulas read as the sheet shows them."""

    def fill(wb):
        ws = wb.active
        ws.append(
            [
                1,
                2.0,
                6.5,
                0.1 + 0.2,
                True,
                dt.datetime(2024, 1, 20),
                dt.date(2024, 2, 1),
                " 县财政局\r\n县教体局 ",
            ]
        )
        ws["A2"] = 0.065
        ws["A2"].number_format = "0.0%"
        ws["B2"] = "=1+1"  # never calculated by Excel: no cached value

    assert [r.cells for r in rows(read(_workbook(tmp_path, fill), "w.xlsx"))] == [
        ("1", "2", "6.5", "0.3", "TRUE", "2024-01-20", "2024-02-01", "县财政局\n县教体局"),
        ("6.5%",),
    ]


def test_merged_ranges_and_empty_cells(tmp_path):
    """A merged range is repeated over its cells; trailing empty cells are dropped, empty rows skipped."""

    def fill(wb):
        ws = wb.active
        ws["A1"] = "序号"
        ws["B1"] = "任务"
        ws["C1"] = "牵头领导"
        ws["A3"] = 1
        ws["B3"] = "甲"
        ws["C3"] = "丁卫东"
        ws.merge_cells("C3:C4")
        ws["A4"] = 2
        ws["B4"] = "乙"
        ws["A5"] = "二、任务"
        ws.merge_cells("A5:C5")
        ws["A6"] = 3
        ws["E6"] = None
        ws["F7"] = "   "

    doc = read(_workbook(tmp_path, fill), "w.xlsx")
    assert [(r.cells, r.line) for r in rows(doc)] == [
        (("序号", "任务", "牵头领导"), 1),
        (("1", "甲", "丁卫东"), 3),
        (("2", "乙", "丁卫东"), 4),
        (("二、任务",) * 3, 5),
        (("3",), 6),
    ]


def test_sheets_are_tables_and_hidden_sheets_are_left_out(tmp_path):
    """Each visible sheet is one table after its name; a hidden sheet is left out with a note."""

    def fill(wb):
        wb.active.title = "市直部门"
        wb.active.append(["1", "甲"])
        hidden = wb.create_sheet("代码表")
        hidden.append(["x", "y"])
        hidden.sheet_state = "hidden"
        wb.create_sheet("空白")
        wb.create_sheet("县区").append(["2", "乙"])

    doc = read(_workbook(tmp_path, fill), "w.xlsx")
    assert [(type(b).__name__, getattr(b, "text", None) or b.table) for b in doc.blocks] == [
        ("Paragraph", "市直部门"),
        ("Row", 0),
        ("Paragraph", "县区"),
        ("Row", 1),
    ]
    assert doc.notes == ((None, "the hidden sheet '代码表' was left out"),)


def test_bogus_dimension_does_not_pad(tmp_path):
    """A sheet that states its size as A1:XFD1048576 is read by its cells, quickly."""

    def fill(wb):
        wb.active.append(["1", "甲"])

    data = _workbook(tmp_path, fill)
    with zipfile.ZipFile(tmp_path / "w.xlsx") as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(b'<dimension ref="A1:B1"/>', b'<dimension ref="A1:XFD1048576"/>')
    assert b"XFD1048576" in parts[sheet]
    data = makedocs.zip_bytes(parts)
    assert [r.cells for r in rows(read(data, "w.xlsx"))] == [("1", "甲")]


def test_hostile_merge_is_bounded(tmp_path):
    """A range merged over every column of 1,500 rows is refused, not expanded for minutes."""

    def fill(wb):
        for r in range(1, 1501):
            wb.active.cell(row=r, column=1, value=r)

    _workbook(tmp_path, fill)
    with zipfile.ZipFile(tmp_path / "w.xlsx") as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    sheet = "xl/worksheets/sheet1.xml"  # written by hand: openpyxl itself would take minutes
    parts[sheet] = parts[sheet].replace(
        b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1500"/></mergeCells>'
    )
    with pytest.raises(InputError, match="cells"):
        read(makedocs.zip_bytes(parts), "w.xlsx")


def test_damaged_workbooks():
    """A damaged zip, a package that is not a workbook, a DTD: one-line InputErrors."""
    with pytest.raises(InputError, match="damaged"):
        read(b"PK\x03\x04" + b"\x00" * 64, "w.xlsx")
    with pytest.raises(InputError, match="not a workbook"):
        read(makedocs.zip_bytes({"xl/nothing.xml": b"<x/>"}), "w.xlsx")
    with pytest.raises(InputError, match="DTD"):
        read(makedocs.zip_bytes({"xl/workbook.xml": b'<!DOCTYPE x [<!ENTITY a "b">]><x/>'}), "w.xlsx")


def test_xlsx_sniffed_by_content(built, tmp_path):
    """A workbook named .zip is still read as a workbook."""
    path = tmp_path / "plan.zip"
    path.write_bytes(built["g"].read_bytes())
    assert sniff(path.read_bytes(), str(path)) == "xlsx"


def test_a_sheet_of_instructions_is_left_out(tmp_path):
    """A 填报说明 sheet after the tasks ("1．本表由各牵头单位负责填报…") holds no tasks: left out, with a note."""

    def fill(wb):
        wb.active.title = "重点任务"
        wb.active.append(["序号", "重点任务", "牵头单位"])
        wb.active.append(["01", "推进政务服务改革。", "区政务服务管理局"])
        notes = wb.create_sheet("填报说明")
        notes.append(["1．本表由各牵头单位负责填报，每月25日前报送。"])
        notes.append(["2．牵头单位汇总后报区政府办公室。"])

    doc = read(_workbook(tmp_path, fill), "w.xlsx")
    assert [getattr(b, "text", None) for b in doc.blocks if type(b).__name__ == "Paragraph"] == ["重点任务"]
    assert doc.notes == ((None, "the sheet '填报说明' (how to fill the table in) was left out"),)
