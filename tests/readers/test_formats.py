"""The Shen County plan in every format governments publish gives the same tasks, leaders and
units as its gold annotation (issue 10): a GBK web page, a web page whose tasks are table rows,
Word with paragraphs (and with Word's own numbering), Word with the table, a spreadsheet, and
PDFs printed by Chromium from both web pages. The tests make these files themselves."""

from __future__ import annotations

import shutil

import pytest

from makedocs import (
    docx_paragraphs,
    docx_table,
    html_page,
    html_table_page,
    pdf_from_html,
    shenxian,
    xlsx_table,
)
from taskgraph.errors import InputError
from taskgraph.parse import read_plan

ROLES = ("lead_leaders", "lead_units", "responsible_units")


def _expected(gold):
    return [
        (
            str(t["number"]),
            t["text"],
            t["lead_leaders"],
            t["lead_units_canonical"],
            t["responsible_units_canonical"],
        )
        for t in gold["tasks"]
    ]


def _got(plan):
    return [
        (
            t.number,
            t.text,
            [p.name for p in t.lead_leaders],
            [p.name for p in t.lead_units],
            [p.name for p in t.responsible_units],
        )
        for t in plan.tasks
    ]


def _check(plan, gold):
    assert [w.code for w in plan.warnings] == []
    assert _got(plan) == _expected(gold)
    assert [s.title.replace(" ", "") for s in plan.sections] == list(
        dict.fromkeys(t["section"].replace(" ", "") for t in gold["tasks"])
    )


def test_gbk_web_page(tmp_path, gold):
    """A GB2312-declared page with a site's navigation, metadata table, share buttons and footer."""
    path = tmp_path / "plan.html"
    path.write_bytes(html_page(shenxian().paragraphs(), encoding="gbk"))
    plan = read_plan(path)
    _check(plan, gold)
    assert plan.format == "html" and plan.document_number == "莘政字〔2024〕3号"


def test_web_page_table(tmp_path, gold):
    """A page whose tasks are rows of a table (序号 / 重点工作 / 牵头领导 / 牵头单位 / 责任单位),
    sections as rows spanning the table."""
    path = tmp_path / "table.html"
    path.write_bytes(html_table_page(shenxian().rows()))
    _check(read_plan(path), gold)


@pytest.mark.parametrize("numbering", [False, True], ids=["typed", "word-numbering"])
def test_word_paragraphs(tmp_path, gold, numbering):
    """A .docx of the plan's paragraphs, numbers typed or made by Word's automatic numbering."""
    path = docx_paragraphs(shenxian().paragraphs(), tmp_path / "plan.docx", numbering=numbering)
    _check(read_plan(path), gold)


def test_word_table(tmp_path, gold):
    """A .docx holding the task table, section rows merged across it."""
    path = docx_table(shenxian().rows(), tmp_path / "table.docx")
    _check(read_plan(path), gold)


def test_spreadsheet(tmp_path, gold):
    """An .xlsx of the task table."""
    path = xlsx_table(shenxian().rows(), tmp_path / "table.xlsx")
    _check(read_plan(path), gold)


needs_chromium = pytest.mark.skipif(
    shutil.which("chromium") is None and not __import__("os").environ.get("CI"),
    reason="needs Debian's chromium (CI installs it)",
)


@pytest.mark.browser
@pytest.mark.slow
@needs_chromium
@pytest.mark.parametrize("kind", ["paragraphs", "table"])
def test_pdf_printed_by_chromium(tmp_path, gold, kind):
    """A PDF printed from the web page (running header, footer and page numbers removed; the
    table's ruled rows read as rows)."""
    page = (
        html_page(shenxian().paragraphs(), encoding="utf-8")
        if kind == "paragraphs"
        else html_table_page(shenxian().rows(), encoding="utf-8", layout_table=False)
    )
    path = pdf_from_html(page, tmp_path / f"{kind}.pdf")
    plan = read_plan(path)
    assert _got(plan) == _expected(gold)


def test_scanned_pdf_and_legacy_word(tmp_path):
    """A scanned PDF and a legacy .doc each give one line naming the remedy."""
    from makedocs import ole2_bytes, scanned_pdf

    scan = scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(InputError, match="OCR"):
        read_plan(scan)
    doc = tmp_path / "plan.doc"
    doc.write_bytes(ole2_bytes())
    with pytest.raises(InputError, match="soffice --headless --convert-to docx"):
        read_plan(doc)
