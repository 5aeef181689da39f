"""The one stream every reader produces: paragraphs and table rows, in document order.

A reader turns a file of one format into a :class:`Document`; everything after it (layout,
attributions, names) reads only these blocks and never looks at the format again. Tables stay
tables: a row keeps its cells, so the layout reads columns, never a table flattened into text.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph (or, in a text file, a line) and where it stands in the source.

    ``line`` is the line of a text or HTML file, the paragraph number of a .docx, the line of
    the extracted text of a PDF (counted over all pages); ``page`` is the PDF page, else None.
    """

    text: str
    line: int
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a table: its cells as text, merged cells repeated into every cell they cover.

    ``table`` numbers the tables of a document from 0; ``header`` is True when the format
    marks the row as a header (``<th>``, a repeated Word header row); the layout also
    recognises header rows by their words.
    """

    cells: tuple[str, ...]
    line: int
    table: int
    header: bool = False
    page: int | None = None


Block = Paragraph | Row


@dataclass(frozen=True)
class Document:
    """A file read into blocks, with what the reader learnt on the way.

    ``format`` is one of ``text``, ``html``, ``docx``, ``pdf``, ``xlsx``; ``title`` is what the file
    says its title is (HTML ``<title>``, Word core properties), which may differ from the
    plan's title in the body; ``meta`` are key–value pairs a page states about itself
    (a government site's ``索引号 / 发文字号 / 发布机构 / 成文日期`` table, ``<meta name="PubDate">``),
    in document order, for the plan's metadata; ``notes`` are things the reader dropped or
    repaired, as ``(line, message)`` pairs, for the parser's warnings.
    """

    source: str
    format: str
    blocks: tuple[Block, ...]
    encoding: str | None = None
    title: str | None = None
    meta: tuple[tuple[str, str], ...] = field(default=())
    notes: tuple[tuple[int | None, str], ...] = field(default=())
