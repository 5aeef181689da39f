"""The PDF reader: a PDF with a text layer, as lines in reading order and ruled tables as rows.

pdfplumber (over pdfminer.six) gives each character with its position. Ruled tables are found
with pdfplumber's table finder (the lines strategy: the table's drawn rules); the text inside a
table's box becomes its cells, never paragraphs too, and a cell merged across rows or columns
is repeated into every cell it covers. A table that runs on over a page break keeps its
``table`` number when the next page starts with a table of the same columns; a row that Word
broke across the pages is joined again.

Everything a printer adds to each page is left out: running headers and footers (the same
text at the same height on most pages, a browser's date and URL among them) and page numbers
(``— 3 —``, ``- 3 -``, ``第3页``, ``3/12``, a lone number in the top or bottom margin). Lines a
web page's chrome left in a printed page (share buttons, the 索引号 block) are treated as in
the HTML reader. ``line`` counts the blocks over the whole document; ``page`` is the page.

A PDF without a text layer (a scan) is refused with the OCR command that gives it one.
"""

from __future__ import annotations

import bisect
import io
import logging
import re
import warnings
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from taskgraph.errors import InputError
from taskgraph.readers.blocks import Block, Document, Paragraph, Row
from taskgraph.readers.html import is_chrome, meta_pairs

_OCR = "run OCR on it first, e.g. ocrmypdf --language chi_sim --force-ocr in.pdf out.pdf"

# Page numbers: "— 3 —", "- 3 -", "–3–", "第3页", "第 3 页 共 12 页", "3/12", "3 / 12", "Page 3 of 12", "3".
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[—–\-－―~·•]*\s*\d{1,5}\s*[—–\-－―~·•]*"
    r"|第\s*\d{1,5}\s*页(?:\s*[，,/]?\s*共\s*\d{1,5}\s*页)?"
    r"|\d{1,5}\s*/\s*\d{1,5}"
    r"|(?:page|p\.)\s*\d{1,5}(?:\s*(?:of|/)\s*\d{1,5})?)\s*$",
    re.IGNORECASE,
)
# The top and bottom bands of a page where running headers, footers and page numbers stand:
# GB/T 9704 puts the page number 7 mm under a text area that ends 35 mm above the bottom.
_TOP_BAND = 0.10
_BOTTOM_BAND = 0.12
# A running header or footer is on at least this share of the pages (and on two at least),
# its height varying by at most _SAME_HEIGHT points.
_MOST = 0.5
_SAME_HEIGHT = 6.0
# Rules closer than this (points) are one rule: a cell border drawn as two rectangles.
_SNAP = 2.0
# A cell's line ending this many characters short of the widest line ends the author's line;
# a full line was wrapped by the cell's width and is joined to the next.
_SHORT = 2.0
# pdfminer writes "(cid:123)" for a glyph its font cannot map to Unicode.
_CID = re.compile(r"\(cid:\d+\)")
_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
# A page with more rules than this is a drawing (or hostile): pdfplumber's table finder
# intersects every pair of rules, so the page is read as lines instead.
_MAX_RULES = 5000


@dataclass(frozen=True)
class _Line:
    text: str
    top: float
    bottom: float
    x0: float
    x1: float
    unmapped: int = 0  # "(cid:N)" glyphs left out of the text


@dataclass
class _Table:
    rows: list[tuple[str, ...]]
    tops: list[float]
    columns: tuple[float, ...]
    top: float
    bottom: float
    header: list[bool] = field(default_factory=list)


@dataclass
class _Page:
    number: int
    height: float
    lines: list[_Line]
    tables: list[_Table]
    chars: int
    unmapped: int  # "(cid:N)" glyphs on the page
    images: int


@contextmanager
def _quiet() -> Iterator[None]:
    """Keep pdfminer's and pdfplumber's warnings (about fonts, colours, metadata) off stderr."""
    loggers = [logging.getLogger(name) for name in ("pdfminer", "pdfplumber")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for lg, level in zip(loggers, levels):
            lg.setLevel(level)


def _wide(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\uffef" or "\u2010" <= ch <= "\u2027"


def _join(left: str, right: str) -> str:
    # A line wrapped inside CJK text continues without a space; Latin words get one.
    if not left or not right:
        return left + right
    return left + right if _wide(left[-1]) or _wide(right[0]) else f"{left} {right}"


def _text_lines(chars: list[dict[str, Any]]) -> list[_Line]:
    from pdfplumber.utils.text import chars_to_textmap

    if not chars:
        return []
    lines = []
    for line in chars_to_textmap(chars).extract_text_lines(return_chars=False):
        text, unmapped = _CID.subn("", line["text"])
        if text.strip():
            box = (float(line["top"]), float(line["bottom"]), float(line["x0"]), float(line["x1"]))
            lines.append(_Line(text.strip(), *box, unmapped))
    return lines


def _on_baseline(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The characters with their boxes set from their baseline and size, not their font's ascent.

    Digits set in a Latin font beside Chinese in another (Word's 仿宋 with Times New Roman, a
    browser's fallback fonts) have boxes a few points apart at 24 pt, enough for pdfplumber
    to make two lines of one; on the baseline they share, they are one line again.
    """
    out = []
    for ch in chars:
        m = ch.get("matrix")
        if m and m[0] > 0 and m[3] > 0 and abs(m[1]) < 1e-6 and abs(m[2]) < 1e-6 and "y1" in ch:
            base = ch["top"] + (ch["y1"] - m[5])
            size = ch.get("size") or (ch["bottom"] - ch["top"])
            ch = {**ch, "top": base - 0.8 * size, "bottom": base + 0.2 * size}
        out.append(ch)
    return out


def cell_text(lines: list[_Line]) -> str:
    """A cell's lines as its text: lines the cell's width wrapped joined, short lines kept apart.

    Examples
    --------
    >>> full = _Line("县政府有关部门〔单位〕，各镇人民政", 0, 10, 0, 170)
    >>> cell_text([full, _Line("府〔街道办事处〕", 12, 22, 0, 80)])
    '县政府有关部门〔单位〕，各镇人民政府〔街道办事处〕'
    >>> cell_text([_Line("县财政局", 0, 10, 0, 40), full])
    '县财政局\\n县政府有关部门〔单位〕，各镇人民政'
    """
    if not lines:
        return ""
    widest = max(line.x1 for line in lines)
    out = lines[0].text
    for before, line in zip(lines, lines[1:]):
        em = (before.x1 - before.x0) / max(1, len(before.text))
        out = out + "\n" + line.text if before.x1 < widest - _SHORT * em else _join(out, line.text)
    return out


def _snap(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _SNAP:
            out.append(v)
    return out


def _index(edges: list[float], value: float) -> int:
    i = bisect.bisect_left(edges, value - _SNAP)
    return min(i, len(edges) - 1)


def _table(cells: list[tuple[float, float, float, float]], chars: list[dict[str, Any]]) -> _Table | None:
    """A found table as a grid: each cell's text repeated over the grid cells it spans."""
    xs = _snap([c[0] for c in cells] + [c[2] for c in cells])
    ys = _snap([c[1] for c in cells] + [c[3] for c in cells])
    if len(xs) < 3 or len(ys) < 2:
        return None  # one column: a box drawn around text, not a table
    spans = [(_index(ys, c[1]), _index(ys, c[3]), _index(xs, c[0]), _index(xs, c[2])) for c in cells]
    owner: dict[tuple[int, int], int] = {}
    for k, (r0, r1, c0, c1) in enumerate(spans):
        for r in range(r0, max(r1, r0 + 1)):
            for c in range(c0, max(c1, c0 + 1)):
                owner.setdefault((r, c), k)
    inside: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        c, r = bisect.bisect_right(xs, cx) - 1, bisect.bisect_right(ys, cy) - 1
        at = owner.get((r, c))
        if at is not None:
            inside[at].append(ch)
    texts = [cell_text(_text_lines(inside.get(k, []))) for k in range(len(cells))]
    rows = []
    for r in range(len(ys) - 1):
        row = tuple(texts[owner[(r, c)]] if (r, c) in owner else "" for c in range(len(xs) - 1))
        rows.append(row)
    keep = [i for i, row in enumerate(rows) if any(cell.strip() for cell in row)]
    if not keep:
        return None
    return _Table(
        [rows[i] for i in keep],
        [ys[i] for i in keep],
        tuple(x - xs[0] for x in xs),
        ys[0],
        ys[-1],
        [False] * len(keep),
    )


def _read_page(page: Any, number: int) -> _Page:
    chars = _on_baseline([ch for ch in page.chars if ch.get("upright", True)] or page.chars)
    unmapped = sum(1 for ch in chars if _CID.fullmatch(ch.get("text", "")))
    tables: list[_Table] = []
    rest = chars
    rules = len(page.rects) + len(page.lines)
    if chars and 0 < rules <= _MAX_RULES:
        settings: dict[str, Any] = dict(_TABLE_SETTINGS)
        verticals = [e for e in page.edges if e.get("orientation") == "v"]
        if verticals:
            # A row broken by the page break has its side rules but no rule under it (Chromium
            # and Word draw none): close it where the side rules end, and likewise on top.
            settings["explicit_horizontal_lines"] = [
                min(e["top"] for e in verticals),
                max(e["bottom"] for e in verticals),
            ]
        for found in page.find_tables(settings):
            x0, top, x1, bottom = found.bbox
            within = [
                ch
                for ch in rest
                if x0 <= (ch["x0"] + ch["x1"]) / 2 <= x1 and top <= (ch["top"] + ch["bottom"]) / 2 <= bottom
            ]
            table = _table(found.cells, within)
            if table is None:
                continue
            tables.append(table)
            taken = {id(ch) for ch in within}
            rest = [ch for ch in rest if id(ch) not in taken]
    return _Page(
        number, float(page.height), _text_lines(rest), tables, len(chars), unmapped, len(page.images)
    )


def _position_key(line: _Line, height: float) -> str | None:
    if line.top < _TOP_BAND * height:
        return "top"
    if line.bottom > (1 - _BOTTOM_BAND) * height:
        return "bottom"
    return None


def _furniture(pages: list[_Page]) -> set[tuple[int, int]]:
    """(page, line index) of running headers, footers and page numbers."""
    drop: set[tuple[int, int]] = set()
    seen: dict[tuple[str, str], list[tuple[int, int, float]]] = defaultdict(list)
    for p, page in enumerate(pages):
        for i, line in enumerate(page.lines):
            band = _position_key(line, page.height)
            if band is None:
                continue
            if _PAGE_NUMBER.match(line.text):
                drop.add((p, i))
                continue
            shape = re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text))
            seen[(band, shape)].append((p, i, line.top))
    with_text = sum(1 for page in pages if page.chars)
    need = max(2, int(_MOST * with_text + 0.999))
    for places in seen.values():
        if len({p for p, _, _ in places}) >= need:
            tops = [t for _, _, t in places]
            if max(tops) - min(tops) <= _SAME_HEIGHT:
                drop.update((p, i) for p, i, _ in places)
    return drop


def _same_columns(a: _Table, b: _Table) -> bool:
    return len(a.columns) == len(b.columns) and all(abs(x - y) <= 3 for x, y in zip(a.columns, b.columns))


def _blocks(pages: list[_Page]) -> tuple[list[Block], list[tuple[str, str]], list[tuple[int | None, str]]]:
    drop = _furniture(pages)
    items: list[tuple[int, float, _Line | _Table]] = []  # (page, top, item) in reading order
    for p, page in enumerate(pages):
        mine: list[tuple[float, _Line | _Table]] = [
            (line.top, line) for i, line in enumerate(page.lines) if (p, i) not in drop
        ]
        mine += [(table.top, table) for table in page.tables]
        mine.sort(key=lambda t: t[0])
        items.extend((page.number, top, item) for top, item in mine)
    blocks: list[Block] = []
    meta: list[tuple[str, str]] = []
    notes: list[tuple[int | None, str]] = []
    unmapped = sum(line.unmapped for _, _, line in items if isinstance(line, _Line))
    if unmapped:
        notes.append((None, f"{unmapped} characters without a Unicode map were left out"))
    number = -1
    last: _Table | None = None
    last_page = 0
    for page_number, _, item in items:
        if isinstance(item, _Line):
            last = None
            if is_chrome(item.text):
                continue
            if pairs := meta_pairs(item.text):
                meta.extend(pairs)
                continue
            blocks.append(Paragraph(item.text, len(blocks) + 1, page_number))
            continue
        rows, header = list(item.rows), list(item.header)
        continued = last is not None and page_number == last_page + 1 and _same_columns(last, item)
        if continued and last is not None:
            if rows and last.rows and rows[0] == last.rows[0]:
                # The header row printed again on the new page: both are header rows.
                header[0] = True
                for b, block in enumerate(blocks):
                    if isinstance(block, Row) and block.table == number and block.cells == rows[0]:
                        blocks[b] = Row(block.cells, block.line, block.table, True, block.page)
                        break
            first = 1 if header[:1] == [True] else 0
            tail = blocks[-1] if blocks else None
            if (
                first < len(rows)
                and isinstance(tail, Row)
                and tail.table == number
                and not rows[first][0].strip()
                and tail.cells[0].strip()
                and len(set(tail.cells)) > 1
                and len(set(rows[first])) > 1
            ):
                # Word lets a row break across pages: the rest of the row has an empty first cell.
                joined = tuple(_join(a, b) for a, b in zip(tail.cells, rows[first]))
                blocks[-1] = Row(joined, tail.line, tail.table, tail.header, tail.page)
                notes.append(
                    (tail.line, f"a table row broken across pages {last_page} and {page_number} was joined")
                )
                del rows[first], header[first]
        else:
            number += 1
        for row, is_header in zip(rows, header):
            blocks.append(Row(row, len(blocks) + 1, number, is_header, page_number))
        last, last_page = item, page_number
    return blocks, meta, notes


def _open(data: bytes, path: str) -> Any:
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        return pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        name = type(cause).__name__
        if "Password" in name or "Encrypt" in name:
            raise InputError(
                "this PDF is encrypted and needs a password; save an unencrypted copy first "
                "(e.g. qpdf --decrypt --password=PASSWORD in.pdf out.pdf)",
                path,
            ) from None
        raise InputError(
            f"cannot read this PDF: it is damaged or not a PDF ({name}: {_one_line(cause)})", path
        ) from None
    except Exception as exc:  # pdfminer raises many kinds on broken files
        raise InputError(
            f"cannot read this PDF: it is damaged ({type(exc).__name__}: {_one_line(exc)})", path
        ) from None


def _one_line(exc: object) -> str:
    return " ".join(str(exc).split())[:200]


def read(data: bytes, path: str) -> Document:
    """Read a PDF with a text layer from its bytes."""
    pages: list[_Page] = []
    with _quiet():
        pdf = _open(data, path)
        try:
            title = pdf.metadata.get("Title")
            for number, page in enumerate(pdf.pages, start=1):
                try:
                    pages.append(_read_page(page, number))
                finally:
                    page.close()
        except InputError:
            raise
        except Exception as exc:
            raise InputError(
                f"cannot read this PDF: it is damaged ({type(exc).__name__}: {_one_line(exc)})", path
            ) from None
        finally:
            pdf.close()
    total = sum(p.chars for p in pages)
    unmapped = sum(p.unmapped for p in pages)
    if total == 0:
        kind = "it is probably a scanned image" if any(p.images for p in pages) else "its pages hold no text"
        raise InputError(f"this PDF has no text layer ({kind}); {_OCR}", path)
    if unmapped > total / 2:
        raise InputError(
            f"this PDF's text layer cannot be decoded (its fonts have no Unicode map); {_OCR}", path
        )
    blocks, meta, notes = _blocks(pages)
    blank = [p.number for p in pages if p.chars == 0]
    if blank:
        shown = ", ".join(map(str, blank[:10])) + (" …" if len(blank) > 10 else "")
        notes.insert(0, (None, f"pages without a text layer (scanned?) were left out: {shown}"))
    return Document(
        path,
        "pdf",
        tuple(blocks),
        None,
        title.strip() if isinstance(title, str) and title.strip() else None,
        tuple(meta),
        tuple(notes),
    )
