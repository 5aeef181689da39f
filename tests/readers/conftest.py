"""Documents built once per session from the Shen County plan, in every format the readers read.

Tests that need headless Chromium (the printed PDFs) ask for ``printed``: without Chromium they
skip on a developer's machine and fail under ``CI=true``, as in ``tests/test_browser.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import makedocs


@pytest.fixture(scope="session")
def shen() -> makedocs.Plan:
    return makedocs.shenxian()


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, shen: makedocs.Plan) -> dict[str, Path]:
    """(a) the plan as a GBK page, (b) a page of the task table, (c) a .docx of paragraphs with
    Word's numbering, (d) a .docx of the table, (f) a scanned PDF, (g) an .xlsx of the table."""
    out = tmp_path_factory.mktemp("built")
    paths = {
        "a": out / "shenxian.html",
        "b": out / "shenxian-table.html",
    }
    paths["a"].write_bytes(makedocs.html_page(shen.paragraphs()))
    paths["b"].write_bytes(makedocs.html_table_page(shen.rows()))
    paths["c"] = makedocs.docx_paragraphs(
        shen.paragraphs(), out / "shenxian.docx", numbering=True, title=shen.title
    )
    paths["d"] = makedocs.docx_table(shen.rows(), out / "shenxian-table.docx", title=shen.title)
    paths["f"] = makedocs.scanned_pdf(out / "scan.pdf")
    paths["g"] = makedocs.xlsx_table(shen.rows(), out / "shenxian.xlsx", title=shen.title)
    return paths


@pytest.fixture(scope="session")
def chromium() -> str:
    if not makedocs.CHROMIUM:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (.ci/run installs it)")
        pytest.skip("chromium is not installed")
    return makedocs.CHROMIUM


@pytest.fixture(scope="session")
def printed(
    tmp_path_factory: pytest.TempPathFactory, chromium: str, built: dict[str, Path]
) -> dict[str, Path]:
    """(e) pages (a) and (b) printed to PDF by headless Chromium, with its running header and footer."""
    out = tmp_path_factory.mktemp("printed")
    return {
        "a": makedocs.pdf_from_html(built["a"].read_bytes(), out / "shenxian.pdf"),
        "b": makedocs.pdf_from_html(built["b"].read_bytes(), out / "shenxian-table.pdf"),
    }
