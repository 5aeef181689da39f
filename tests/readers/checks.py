"""What every reader must give for the Shen County plan, whatever the format it came in."""

from __future__ import annotations

import re

import makedocs
from taskgraph.readers.blocks import Document, Paragraph, Row


def squeeze(text: str) -> str:
    """``text`` without any white space: layout, not content."""
    return re.sub(r"\s+", "", text)


def names(cell: str) -> list[str]:
    """A cell of names split as the gold splits them, on 、 and ，."""
    return re.split("[、，]", squeeze(cell))


def paragraphs(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, Paragraph)]


def rows(doc: Document) -> list[Row]:
    return [b for b in doc.blocks if isinstance(b, Row)]


def assert_tasks_in_order(doc: Document, plan: makedocs.Plan) -> None:
    """Every task of the plan, with its attribution, appears in the paragraphs in order."""
    text = "".join(squeeze(t) for t in paragraphs(doc))
    at = 0
    for task in plan.tasks:
        wanted = squeeze(task.paragraph())
        found = text.find(wanted, at)
        assert found >= 0, f"task {task.number} missing or out of order: {wanted[:30]}"
        at = found + len(wanted)


def assert_task_table(doc: Document, plan: makedocs.Plan, gold: dict) -> None:
    """The task table: a header row, a row spanning the table per heading, 92 task rows as in the gold."""
    found = rows(doc)
    assert len({r.table for r in found}) == 1, "the task table is one table"
    headers = [r for r in found if r.header]
    assert headers, "the header row is flagged"
    assert all(tuple(squeeze(c) for c in r.cells) == makedocs.HEADER for r in headers)
    body = [r for r in found if not r.header]
    spanning = [r for r in body if len(set(r.cells)) == 1]
    headings = [squeeze(b.text) for b in plan.body if isinstance(b, makedocs.Heading)]
    assert [squeeze(r.cells[0]) for r in spanning] == headings
    assert all(len(r.cells) == len(makedocs.HEADER) for r in spanning), (
        "a heading is repeated into every cell"
    )
    tasks = [r for r in body if len(set(r.cells)) > 1]
    assert len(tasks) == len(gold["tasks"]) == 92
    for row, task in zip(tasks, gold["tasks"]):
        assert len(row.cells) == 5
        assert squeeze(row.cells[0]) == str(task["number"])
        assert squeeze(row.cells[1]) == task["text"], task["number"]
        assert names(row.cells[2]) == task["lead_leaders"], task["number"]
        assert names(row.cells[3]) == task["lead_units"], task["number"]
        assert names(row.cells[4]) == task["responsible_units"], task["number"]
    lines = [r.line for r in found]
    assert lines == sorted(lines), "rows come in document order"


def assert_no_chrome(doc: Document, words: tuple[str, ...] = makedocs.CHROME_WORDS) -> None:
    """No text of the site's chrome among the blocks."""
    for block in doc.blocks:
        text = block.text if isinstance(block, Paragraph) else " ".join(block.cells)
        for word in words:
            assert word not in text, f"chrome {word!r} in block at line {block.line}: {text[:40]}"


def assert_site_meta(doc: Document) -> None:
    """The site's metadata table and <meta> tags are in Document.meta."""
    meta = dict(doc.meta)
    for key, value in makedocs.PAGE_META:
        assert meta.get(key) == value, key
