"""Text made safe for CSV, XML, matplotlib and Markdown (taskgraph.safety; issue 14)."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from taskgraph.safety import csv_safe, csv_writer, markdown_escape, mathtext_safe, xml_safe

# Any Unicode, lone surrogates and controls included: names come from hostile files.
ANY_TEXT = st.text(alphabet=st.characters(codec=None, categories=None), max_size=60)
FORMULA = ("=", "+", "-", "@", "\t", "\r")
# The drawing tests draw CJK with matplotlib's default font, which has no CJK glyphs.
pytestmark = pytest.mark.filterwarnings("ignore:Glyph .* missing from font")


@pytest.mark.parametrize(
    "cell",
    ['=HYPERLINK("http://evil","x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1"],
)
def test_formula_cells_are_quoted(cell: str) -> None:
    """Each of OWASP's formula starts (=, +, -, @, tab, CR) gets a leading apostrophe."""
    assert csv_safe(cell) == "'" + cell


def test_other_cells_are_unchanged() -> None:
    """Names, empty text, numbers (negative ones too), None and booleans are written as they are."""
    for value in ["县财政局", "", " =1", "１+1", -3, 2.5, None, True]:
        assert csv_safe(value) == value


@given(ANY_TEXT)
def test_no_cell_starts_with_a_formula_character(text: str) -> None:
    """Whatever the text, csv_safe never yields a cell starting with a formula character, and only ever prefixes."""
    safe = csv_safe(text)
    assert not safe.startswith(FORMULA)
    assert safe in (text, "'" + text)


@settings(max_examples=50)
@given(st.lists(st.lists(ANY_TEXT.filter(lambda t: "\x00" not in t), max_size=4), max_size=4))
def test_csv_writer_round_trip(rows: list[list[str]]) -> None:
    """Rows written by csv_writer read back cell for cell, each made safe and none starting a formula."""
    out = io.StringIO(newline="")
    csv_writer(out).writerows(rows)
    back = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    expected = [[csv_safe(c) for c in row] for row in rows if row]
    assert [row for row in back if row] == [row for row in expected if row]
    assert not any(cell.startswith(FORMULA) for row in back for cell in row)


@given(ANY_TEXT)
def test_xml_safe_text_always_parses(text: str) -> None:
    """xml_safe output parses with xml.etree as element text and as an attribute value."""
    safe = xml_safe(text)
    root = ET.fromstring(f"<n name={quoteattr(safe)}>{escape(safe)}</n>".encode())
    assert root.text is None or root.text.replace("\n", "") == safe.replace("\r", "").replace("\n", "")


@given(ANY_TEXT)
def test_xml_safe_keeps_what_xml_allows(text: str) -> None:
    """xml_safe only removes characters: it is idempotent and keeps every allowed character in order."""
    safe = xml_safe(text)
    assert xml_safe(safe) == safe
    assert all(c in text for c in safe)
    assert len(safe) <= len(text)


def test_xml_safe_examples() -> None:
    """ESC, U+FFFE, U+FFFF, NUL and a lone surrogate go; tab, newline, CR, emoji and CJK stay."""
    assert xml_safe("县财政\x1b局\ufffe\uffff\x00\ud800") == "县财政局"
    assert xml_safe("a\tb\nc\rd😀") == "a\tb\nc\rd😀"


def test_graphml_with_hostile_names_reads_back(tmp_path: Path) -> None:
    """A GraphML file whose names went through xml_safe is well-formed and reads back with the same names."""
    import networkx as nx

    names = ["县财政\x1b局", "丁\u200b卫东\ufffe", "<b>&amp;</b>", "a\x00b"]
    G = nx.Graph()
    G.add_edges_from((xml_safe(a), xml_safe(b)) for a, b in zip(names, names[1:]))
    path = tmp_path / "g.graphml"
    nx.write_graphml(G, path)
    assert set(nx.read_graphml(path).nodes) == {xml_safe(n) for n in names}


def drawn(text: str) -> tuple[str, bool]:
    """What matplotlib draws for ``text`` and whether it reads it as mathtext (after drawing it)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(1, 1))
    try:
        label = fig.text(0, 0, text)
        fig.canvas.draw()
        return label._preprocess_math(label.get_text())  # type: ignore[no-any-return]
    finally:
        plt.close(fig)


@pytest.mark.parametrize("name", ["$\\frac$", "成本$5$万元", "$x$", "a$b", "\\$", "$$", "$\\$", "tail\\"])
def test_mathtext_safe_is_drawn_literally(name: str) -> None:
    """A name with dollars (issue 14: ``$\\frac$`` crashed figures) is drawn as written, not as a formula."""
    assert drawn(mathtext_safe(name)) == (name, False)


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet="$\\ab{}^_ 县", max_size=12))
def test_mathtext_safe_never_makes_a_formula(name: str) -> None:
    """Any mix of dollars, backslashes and TeX characters is drawn literally and never raises."""
    assert drawn(mathtext_safe(name)) == (name, False)


@given(ANY_TEXT)
def test_markdown_escape_leaves_no_html(text: str) -> None:
    """No '<' or '>' survives markdown_escape, so no HTML tag can reach the page, and there is no line break."""
    safe = markdown_escape(text)
    assert "<" not in safe and ">" not in safe
    assert len(safe.splitlines()) <= 1


@given(st.lists(ANY_TEXT, min_size=1, max_size=4))
def test_markdown_table_keeps_its_cells(cells: list[str]) -> None:
    """A table row of escaped names splits (on unescaped '|', as GitHub does) into exactly those cells."""
    row = "| " + " | ".join(markdown_escape(c) for c in cells) + " |"
    parts = re.split(r"(?<!\\)((?:\\\\)*)\|", row)
    assert len(parts[::2]) - 2 == len(cells)


def test_markdown_escape_examples() -> None:
    """Emphasis, code, links, headings and tags are shown as written."""
    assert markdown_escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert markdown_escape("# 县委") == "\\# 县委"
    assert markdown_escape("- 项目") == "\\- 项目"
    assert markdown_escape("a|b") == "a\\|b"
    assert markdown_escape("*_`[x](y)`_*") == "\\*\\_\\`\\[x\\](y)\\`\\_\\*"
    assert markdown_escape("县\n# 局") == "县 # 局"
    assert markdown_escape("&lt;") == "&amp;lt;"
