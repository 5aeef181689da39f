"""The PDF reader: lines in reading order, ruled tables as rows, printers' additions left out."""

from __future__ import annotations

import io
import re
import time

import pytest

import makedocs
from taskgraph.errors import InputError
from taskgraph.readers import read_document
from taskgraph.readers.blocks import Paragraph
from taskgraph.readers.pdf import read

from .checks import assert_no_chrome, assert_task_table, assert_tasks_in_order, paragraphs, rows

WIDTHS = [40, 300, 120]
HEADER = ("序号", "重点工作", "牵头单位")


def text(x: float, top: float, string: str, size: float = 12, font: str = "F1") -> tuple:
    return ("text", x, top, size, string, font)


def page_with(
    body: list[str], number: int, header: str = "莘县人民政府文件", footer: str = "— {n} —"
) -> list[tuple]:
    """A page of body lines between a running header and a page number."""
    items = [text(240, 30, header)] if header else []
    items += [text(60, 200 + 20 * i, line) for i, line in enumerate(body)]
    if footer:
        items.append(text(280, 790, footer.format(n=number), 10))
    return items


def kinds(doc) -> list[tuple]:
    return [
        ("p", b.text, b.page) if isinstance(b, Paragraph) else ("row", b.cells, b.table, b.header, b.page)
        for b in doc.blocks
    ]


# --- Chromium-printed Shen County plan -------------------------------------------------------


@pytest.mark.browser
def test_printed_plan(printed, shen):
    """(e) Page (a) printed by Chromium: every task in order, no header, footer, page number or chrome."""
    doc = read_document(printed["a"])
    assert doc.format == "pdf" and doc.title == makedocs.PAGE_TITLE
    assert_tasks_in_order(doc, shen)
    assert_no_chrome(doc, ("分享到", "索引号", "当前位置", "打印本页", "关闭窗口", "网站标识码"))
    for line in paragraphs(doc):
        assert "file://" not in line and not re.fullmatch(r"[\d/ ]+", line), line
        assert not re.match(r"\d+/\d+/\d+, \d+:\d+", line), "Chromium's date header"
    pages = [b.page for b in doc.blocks]
    assert pages == sorted(pages) and pages[-1] > 5
    assert [b.line for b in doc.blocks] == list(range(1, len(doc.blocks) + 1))
    assert dict(doc.meta)["发文字号"] == "莘政字〔2024〕3号"


@pytest.mark.browser
def test_printed_table(printed, shen, gold):
    """(e) Page (b) printed by Chromium: one table over six pages, header repeated, 92 task rows."""
    doc = read_document(printed["b"])
    assert_task_table(doc, shen, gold)
    found = rows(doc)
    assert len({r.page for r in found}) > 3
    assert sum(r.header for r in found) == len({r.page for r in found}), "the header row repeats on each page"
    assert shen.title in paragraphs(doc)


# --- what printers add -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "footer", ["— {n} —", "- {n} -", "–{n}–", "第{n}页", "第 {n} 页 共 3 页", "{n}/3", "{n}", "Page {n} of 3"]
)
def test_page_numbers_and_running_header_removed(footer):
    """Page numbers in any common style and the running header are left out; the body stays."""
    bodies = [["一、目标", "1.增长6%。"], ["2.增长8%。", "3.增长7%。"], ["二、任务"]]
    data = makedocs.simple_pdf([page_with(body, n, footer=footer) for n, body in enumerate(bodies, start=1)])
    doc = read(data, "x.pdf")
    assert kinds(doc) == [
        ("p", "一、目标", 1),
        ("p", "1.增长6%。", 1),
        ("p", "2.增长8%。", 2),
        ("p", "3.增长7%。", 2),
        ("p", "二、任务", 3),
    ]
    assert [b.line for b in doc.blocks] == [1, 2, 3, 4, 5]


def test_running_footer_with_varying_numbers_removed():
    """A footer whose text differs only in its numbers (a URL and "2/4") is running furniture."""
    pages = [
        page_with([f"{n}.任务"], n, header="", footer="file:///tmp/plan.html {n}/4") for n in range(1, 5)
    ]
    assert paragraphs(read(makedocs.simple_pdf(pages), "x.pdf")) == ["1.任务", "2.任务", "3.任务", "4.任务"]


def test_repeated_body_text_is_kept():
    """Text repeated on every page outside the margins (a heading of each page's table) is content."""
    pages = [[text(60, 400, "（牵头单位：县财政局）")] for _ in range(3)]
    assert paragraphs(read(makedocs.simple_pdf(pages), "x.pdf")) == ["（牵头单位：县财政局）"] * 3


def test_single_page_keeps_its_top_line():
    """On a one-page PDF a title in the top margin is not a running header."""
    doc = read(makedocs.simple_pdf([page_with(["一、目标"], 1)]), "x.pdf")
    assert paragraphs(doc) == ["莘县人民政府文件", "一、目标"]


def test_mixed_fonts_stay_on_one_line():
    """Digits in another font, whose glyph boxes sit lower, stay on the line of the Chinese around them."""
    items = [text(60, 100, "关于印发", 24), text(156, 100, "2024", 24, "F2"), text(204, 100, "年方案", 24)]
    assert paragraphs(read(makedocs.simple_pdf([items]), "x.pdf")) == ["关于印发2024年方案"]


# --- tables ----------------------------------------------------------------------------------


def test_table_text_is_not_repeated_as_paragraphs():
    """The text inside a ruled table is its cells, never paragraphs too; headings span the table."""
    table, bottom = makedocs.pdf_table([HEADER, ("一、主要目标",), ("1", "增长6%", "县发改局")], 150, WIDTHS)
    items = [text(60, 100, "重点工作任务分工"), *table, text(60, bottom + 20, "抄送：县委")]
    doc = read(makedocs.simple_pdf([items]), "x.pdf")
    assert kinds(doc) == [
        ("p", "重点工作任务分工", 1),
        ("row", HEADER, 0, False, 1),
        ("row", ("一、主要目标",) * 3, 0, False, 1),
        ("row", ("1", "增长6%", "县发改局"), 0, False, 1),
        ("p", "抄送：县委", 1),
    ]


def test_table_split_across_pages():
    """A table continued on the next page keeps its number; its repeated header row is a header."""
    first, _ = makedocs.pdf_table(
        [HEADER, ("1", "增长6%", "县发改局"), ("2", "增长8%", "县财政局")], 600, WIDTHS
    )
    second, _ = makedocs.pdf_table([HEADER, ("3", "增长7%", "县商务局")], 80, WIDTHS)
    third, _ = makedocs.pdf_table([("序号", "说明"), ("1", "另一张表")], 400, [40, 420])
    doc = read(makedocs.simple_pdf([first, second + third]), "x.pdf")
    assert kinds(doc) == [
        ("row", HEADER, 0, True, 1),
        ("row", ("1", "增长6%", "县发改局"), 0, False, 1),
        ("row", ("2", "增长8%", "县财政局"), 0, False, 1),
        ("row", HEADER, 0, True, 2),
        ("row", ("3", "增长7%", "县商务局"), 0, False, 2),
        ("row", ("序号", "说明"), 1, False, 2),
        ("row", ("1", "另一张表"), 1, False, 2),
    ]


def test_text_between_tables_starts_a_new_table():
    """A paragraph between two tables of the same columns makes them two tables."""
    first, _ = makedocs.pdf_table([HEADER, ("1", "甲", "乙")], 700, WIDTHS)
    second, _ = makedocs.pdf_table([HEADER, ("2", "丙", "丁")], 150, WIDTHS)
    doc = read(makedocs.simple_pdf([first, [text(60, 100, "附件2"), *second]]), "x.pdf")
    assert [b.table for b in rows(doc)] == [0, 0, 1, 1]


def test_row_broken_across_pages_is_joined():
    """A row Word broke over a page break (the rest has an empty 序号 cell) is one row again."""
    first, _ = makedocs.pdf_table([HEADER, ("1", "统筹推进县第三污水", "县住建局")], 700, WIDTHS)
    second, _ = makedocs.pdf_table([("", "处理厂建设。", ""), ("2", "增长8%", "县财政局")], 80, WIDTHS)
    doc = read(makedocs.simple_pdf([first, second]), "x.pdf")
    assert [r.cells for r in rows(doc)] == [
        HEADER,
        ("1", "统筹推进县第三污水处理厂建设。", "县住建局"),
        ("2", "增长8%", "县财政局"),
    ]
    assert "broken across pages 1 and 2" in doc.notes[0][1]


def test_wrapped_cell_lines_are_joined():
    """Lines a narrow cell wrapped are joined; a line the author ended short keeps its break."""
    items = [
        ("line", 50, 100, 250, 100),
        ("line", 50, 160, 250, 160),
        ("line", 50, 100, 50, 160),
        ("line", 90, 100, 90, 160),
        ("line", 250, 100, 250, 160),
        text(55, 105, "1"),
        text(95, 105, "县政府有关部门各镇"),
        text(95, 120, "人民政府"),
        text(95, 135, "县财政局局长办公室"),
    ]
    doc = read(makedocs.simple_pdf([items]), "x.pdf")
    assert rows(doc)[0].cells == ("1", "县政府有关部门各镇人民政府\n县财政局局长办公室")


# --- what cannot be read ---------------------------------------------------------------------


def test_scanned_pdf_refused(built):
    """(f) A scan, an image with no text layer, is refused with the OCR command."""
    with pytest.raises(
        InputError, match=r"no text layer \(it is probably a scanned image\).*ocrmypdf"
    ) as err:
        read_document(built["f"])
    assert "\n" not in str(err.value)


def test_blank_pages_noted():
    """Pages without text in a PDF with text are left out with a note naming them."""
    doc = read(makedocs.simple_pdf([[text(60, 100, "一、目标")], []]), "x.pdf")
    assert paragraphs(doc) == ["一、目标"]
    assert "left out: 2" in doc.notes[0][1]


@pytest.mark.parametrize(
    "options, message",
    [
        ({"unmapped": True}, "cannot be decoded.*ocrmypdf"),
        ({"encrypted": True}, "encrypted and needs a password"),
    ],
)
def test_unreadable_text_layer(options, message):
    """Fonts without a Unicode map, or a password, give one clear line."""
    with pytest.raises(InputError, match=message) as err:
        read(makedocs.simple_pdf([[text(60, 100, "一、目标")]], **options), "x.pdf")
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n%garbage\n",
        b"%PDF-1.7\n" + b"\x00" * 500,
        makedocs.simple_pdf([[text(60, 100, "一")]])[:400],
    ],
)
def test_broken_pdf(data):
    """A truncated or garbled PDF is one InputError line, never a traceback."""
    with pytest.raises(InputError, match=r"cannot read this PDF|no text layer") as err:
        read(data, "x.pdf")
    assert "\n" not in str(err.value)


def test_pdfminer_warnings_stay_off_stderr(caplog, capfd):
    """pdfminer's warnings about a font without a bounding box are never logged or printed."""
    import pdfplumber

    data = makedocs.simple_pdf([[text(60, 100, "一、目标")]], sloppy_font=True)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pdf.pages[0].extract_text()
    assert any("FontBBox" in r.getMessage() for r in caplog.records), "the PDF makes pdfminer warn"
    caplog.clear()
    assert paragraphs(read(data, "x.pdf")) == ["一、目标"]
    assert caplog.records == [] and capfd.readouterr().err == ""


@pytest.mark.slow
def test_many_pages_take_linear_time():
    """A PDF of 1,200 pages reads in time proportional to its pages."""

    def seconds(n: int) -> float:
        data = makedocs.simple_pdf([page_with([f"{i}.任务"], i) for i in range(1, n + 1)])
        start = time.perf_counter()
        doc = read(data, "x.pdf")
        assert len(doc.blocks) == n
        return time.perf_counter() - start

    small, large = seconds(300), seconds(1200)
    assert large < 8 * small, (small, large)
