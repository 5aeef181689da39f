"""The text reader: a plain-text file, in whatever encoding, as a stream of blocks.

Plans come as UTF-8 (with or without BOM), as GB18030/GBK from older Windows tools, and as
UTF-16 from Word's "save as text". Anything else is an :class:`InputError`.

Each line is a :class:`Paragraph` (the layout joins lines that PDF extraction broke); lines
split on ``|`` are the rows of a table as web pages and Markdown write them
(``重点工作: | 发展文化事业… |``, Guangzhou 2015). Only ``\n`` (and ``\r``) end a line: a
form feed, which pdftotext puts at each page break, must not shift the line numbers that
warnings and ``tg:sourceLine`` report (issue 14).
"""

from __future__ import annotations

import codecs
import re

from taskgraph.errors import InputError
from taskgraph.readers.blocks import Block, Document, Paragraph, Row
from taskgraph.readers.columns import column_blocks, first_header

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control characters other than tab, newline, carriage return and form feed mark a binary file.
_CONTROL = {c for c in range(32) if c not in (9, 10, 12, 13)} | {127}


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    bad = sum(1 for ch in sample if ord(ch) in _CONTROL or ch == "\ufffd")
    return bad / len(sample) > 0.01


def _plausible(text: str) -> float:
    """The share of characters a Chinese plan is made of: CJK, ASCII, CJK punctuation, spaces."""
    sample = text[:4096]
    good = sum(
        1
        for ch in sample
        if " " <= ch <= "~"
        or ch in "\n\r\t"
        or "\u3000" <= ch <= "\u303f"
        or "\u4e00" <= ch <= "\u9fff"
        or "\uff00" <= ch <= "\uffef"
        or "\u2000" <= ch <= "\u206f"
    )
    return good / max(1, len(sample))


def _utf16_without_bom(data: bytes) -> str | None:
    # UTF-16 without BOM: the byte order whose decoding looks like a plan wins.
    if len(data) % 2 or b"\x00" not in data:
        return None
    best, score = None, 0.9
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            value = _plausible(data.decode(encoding))
        except UnicodeDecodeError:
            continue
        if value > score:
            best, score = encoding, value
    return best


def decode_bytes(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Decode a plan's bytes; return ``(text, encoding)``.

    Examples
    --------
    >>> decode_bytes("一、目标".encode("gb18030"))
    ('一、目标', 'gb18030')
    >>> decode_bytes(codecs.BOM_UTF8 + "1.任务".encode())
    ('1.任务', 'utf-8-sig')
    """
    if not data.strip():
        raise InputError("the file is empty", path)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"cannot decode as {encoding}: {exc.reason}", path) from None
            return _checked(text, encoding, path)
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return _checked(data.decode(utf16), utf16, path)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise InputError("this is a binary file, not a plan's text", path)
    for encoding in ("utf-8", "gb18030"):
        try:
            return _checked(data.decode(encoding), encoding, path)
        except UnicodeDecodeError:
            continue
    raise InputError("cannot decode the file as UTF-8, GB18030 or UTF-16", path)


def _checked(text: str, encoding: str, path: str) -> tuple[str, str]:
    if _looks_binary(text):
        raise InputError("this is a binary file, not a plan's text", path)
    if not text.strip():
        raise InputError("the file is empty", path)
    return text, encoding


# A line of a pipe table: at least one "|" between two cells ("重点工作: | 发展文化事业。 |").
_PIPE = re.compile(r"\S.*\|.*\S|^\s*\|.*\|\s*$")
# A Markdown separator row: "|---|:---:|"
_RULE = re.compile(r"^[\s|:\-–—]+$")


def parse_text(text: str) -> tuple[Block, ...]:
    """The blocks of a plain text: a paragraph per non-empty line, a row per pipe-table line.

    Examples
    --------
    >>> blocks = parse_text("一、目标\\n\\n1.增长6%。\\f\\n序号 | 任务 |\\n1 | 甲 |")
    >>> [(type(b).__name__, b.line) for b in blocks]
    [('Paragraph', 1), ('Paragraph', 3), ('Row', 4), ('Row', 5)]
    >>> blocks[3].cells
    ('1', '甲')
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in text and _tab_separated(text):
        return _tab_rows(text)
    blocks: list[Block] = []
    table = -1
    in_table = False
    raws = text.split("\n")
    # A table in columns of spaces (pdftotext -layout): from its header on, read by its columns.
    layout = first_header(raws) if "  " in text else None
    if layout is not None:
        rest, raws = raws[layout:], raws[:layout]
    # A run of two lines or more with two tabs or more each: a tab-separated table in the text.
    tabbed = [raw.count("\t") >= 2 for raw in raws] if "\t" in text else [False] * len(raws)
    for number, raw in enumerate(raws, start=1):
        line = raw.replace("\f", "").replace("\v", " ")
        if not line.strip():
            continue
        k = number - 1
        if tabbed[k] and ((k > 0 and tabbed[k - 1]) or (k + 1 < len(raws) and tabbed[k + 1])):
            cells = [c.strip() for c in line.split("\t")]
            while cells and not cells[-1]:
                cells.pop()
            if not in_table:
                table += 1
                in_table = True
            blocks.append(Row(tuple(cells), number, table))
            continue
        if "|" in line and _PIPE.search(line):
            if _RULE.match(line):
                continue
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not in_table:
                table += 1
                in_table = True
            blocks.append(Row(tuple(cells), number, table))
            continue
        in_table = False
        blocks.append(Paragraph(line, number))
    if layout is not None:
        blocks.extend(column_blocks(rest, layout + 1, table + 1))
    return tuple(blocks)


def _tab_separated(text: str) -> bool:
    """Whether the text is a table with tabs between cells (Excel's "Unicode text" export): most of
    its lines hold two tabs or more, not a tab of indentation here and there."""
    lines = [line for line in text.split("\n") if line.strip()]
    tabbed = sum(1 for line in lines if line.count("\t") >= 2)
    return tabbed >= 3 and tabbed * 2 >= len(lines)


def _tab_rows(text: str) -> tuple[Block, ...]:
    """The rows of a tab-separated text, a quoted cell holding line breaks kept whole; a line of
    one cell (a title, a note) is a paragraph."""
    import csv

    blocks: list[Block] = []
    reader = csv.reader(text.split("\n"), delimiter="\t", quotechar='"')
    start = 1
    for cells in reader:
        line, start = start, reader.line_num + 1
        cells = [c.strip() for c in cells]
        while cells and not cells[-1]:
            cells.pop()
        if not any(cells):
            continue
        if len(cells) == 1:
            blocks.append(Paragraph(cells[0].replace("\f", ""), line))
        else:
            blocks.append(Row(tuple(cells), line, 0))
    return tuple(blocks)


def read(data: bytes, path: str) -> Document:
    """Read a plain-text plan from its bytes."""
    text, encoding = decode_bytes(data, path)
    return Document(path, "text", parse_text(text), encoding)
