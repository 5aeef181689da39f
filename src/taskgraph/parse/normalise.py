"""Cleaning the block stream while remembering where every piece came from.

Text copied out of a PDF has page numbers such as ``— 14 —``, stray spaces at page starts and
spaces between CJK characters and digits (``增长 6%``). Web pages and hostile files add
zero-width and bidirectional control characters that would make ``县财政\\u200d局`` a second
unit beside ``县财政局`` (issue 14). :func:`to_lines` drops the noise and returns
:class:`Line` objects (for paragraphs) and :class:`Cells` (for table rows) that carry the line
of the original file, so that every later warning can name it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from taskgraph.readers.blocks import Block, Paragraph

# A page number as PDF extraction leaves it; the Shen County plan has "— 14 —" on its own line.
PAGE_NUMBER = re.compile(
    r"^[—－\-–─]{1,3}\s*\d{1,4}\s*[—－\-–─]{1,3}$|^第\s*\d{1,4}\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?$|^\d{1,3}\s*/\s*\d{1,3}$"
)

# What a page number can start with besides a digit ("— 14 —", "第 5 页"): other lines are spared
# the pattern.
_PAGE_FIRST = "—－-–─第"

# Full-width digits and Latin letters (１２３ＡＢＣ) mean the same as ASCII ones; punctuation is
# kept as written because the attribution grammar and ``as_written`` depend on it.
_TRANSLATE: dict[int, int | None] = {
    **{0xFF10 + i: 0x30 + i for i in range(10)},
    **{0xFF21 + i: 0x41 + i for i in range(26)},
    **{0xFF41 + i: 0x61 + i for i in range(26)},
    0x3000: 0x20,  # ideographic space
    0xA0: 0x20,
    0x2002: 0x20,
    0x2003: 0x20,
    0x2009: 0x20,
    0x202F: 0x20,
    0x09: 0x20,
}
# Characters that carry no text: zero-width spaces and joiners, bidirectional controls, the BOM,
# soft hyphens, C0/C1 controls other than tab, and noncharacters such as U+FFFE (issue 14:
# "丁\u200b卫东" became a collective, ESC made RDF/XML not well-formed).
for _cp in (
    *range(0x00, 0x09),
    *range(0x0A, 0x20),
    0x7F,
    *range(0x80, 0xA0),
    0xAD,
    *range(0x200B, 0x2010),
    *range(0x202A, 0x202F),
    *range(0x2060, 0x2070),
    0xFEFF,
    0xFFFE,
    0xFFFF,
    *range(0xFFF9, 0xFFFC),
    # emoji and dingbats before a label or a task ("📌牵头单位：", "👉推进…", "✅"): pictures, no text;
    # ★ and ☆ (U+2605, U+2606), which mark a lead, are not among them
    *range(0x1F000, 0x1FB00),
    *range(0x2700, 0x27C0),
    0xFE0F,
    0x20E3,
):
    _TRANSLATE[_cp] = None


# Any character of the table or any space (" 地区生产总值增长 6%，"): str.translate looks every
# character up in a dict, so the lines that need no cleaning (most) are found with one regex scan.
def _ranges(points: Iterable[int]) -> str:
    """A character class's body for code points, runs written as ranges ("\\U0001f000-\\U0001faff"):
    a class of thousands of single characters costs a search its time on every line."""
    out: list[str] = []
    run: list[int] = []
    for cp in sorted(points):
        if run and cp == run[-1] + 1:
            run.append(cp)
            continue
        if run:
            out.append(re.escape(chr(run[0])) + (f"-{re.escape(chr(run[-1]))}" if len(run) > 1 else ""))
        run = [cp]
    if run:
        out.append(re.escape(chr(run[0])) + (f"-{re.escape(chr(run[-1]))}" if len(run) > 1 else ""))
    return "".join(out)


_UNCLEAN = re.compile(r"[\s" + _ranges(_TRANSLATE) + "]")

_SPACES = re.compile(r"\s+")
# A role label written with a semicolon or 为 for its colon, at the start of a field: "牵头领导；贾国顺；",
# "责任单位为县招商服务中心，县发改局配合。".
_LABEL_THEN_SEMICOLON = re.compile(
    r"(?<![^（(；;，,。\s])((?:牵头|责任|分管|配合|协办)(?:[县市区省州]?领导|单位|部门))(?:[；;]|为)(?=[\u4e00-\u9fff])"
)
# Bullets a copy from a web page or WeChat puts before a line (★ and ☆ mark leads: not among them).
_BULLETS = "▲●◆■□◇○►▶◉◎"
# A space between two words: the runs of letters on each side decide whether it stays.
# Two CJK characters, as on each side of the space that stays in "市发改委 市财政局".
_CJK_PAIR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{2}")
_ASCII = re.compile(r"[A-Za-z0-9]")
# Spaces inside task text are kept only between Latin words and numbers (issue 14: "and cloud
# computing" lost its spaces); between Chinese words they are PDF noise in a task's text.
_TEXT_SPACE = re.compile(r"(?<![A-Za-z0-9.,%]) | (?![A-Za-z0-9])")


def _keep_space(left: str, right: str) -> bool:
    """Whether a space between the word ``left`` and the word ``right`` means something.

    It does between Latin words ("PM 2.5", "and cloud computing") and between two Chinese words
    of two or more characters each, which is how a table cell separates units
    ("市发改委 市财政局"); it does not next to a digit ("增长 6%") or between single characters,
    which is letter spacing ("主 要 工 作 任 务", "王 东").
    """
    if _ASCII.fullmatch(left[-1]) and _ASCII.fullmatch(right[0]):
        return True
    # Two characters on each side are enough to tell a run of two or more. A name may end in its
    # bracket: "各镇（街道）　　完成时限：2024年12月底" is a name and the next field.
    if left[-1] in "）)〕】]］" and len(left) > 2:
        return bool(_CJK_PAIR.match(right))
    return bool(_CJK_PAIR.fullmatch(left[-2:]) and _CJK_PAIR.match(right))


@dataclass(frozen=True, slots=True)
class Line:
    """A cleaned paragraph (or a piece of one), ``number`` 1-based in the original file.

    ``orig`` is the cleaned text as written; ``text`` is the same with traditional characters
    simplified one for one (equal to ``orig`` in a simplified document), so offsets agree;
    ``raw`` keeps the original spacing, for headings.
    """

    number: int
    text: str
    raw: str
    orig: str = ""


@dataclass(frozen=True, slots=True)
class Cells:
    """A table row, each cell cleaned; ``texts`` simplified, ``origs`` as written."""

    number: int
    table: int
    texts: tuple[str, ...]
    origs: tuple[str, ...]
    header: bool = False


def strip_invisible(text: str) -> str:
    """Remove zero-width, bidirectional and control characters; map odd spaces to spaces.

    Examples
    --------
    >>> strip_invisible("县财政\\u200d局"), strip_invisible("丁\\u200b卫东\\x1b")
    ('县财政局', '丁卫东')
    """
    return text.translate(_TRANSLATE)


def clean(text: str) -> str:
    """Normalise the spacing of one line (see :func:`_keep_space` for which spaces stay).

    Examples
    --------
    >>> clean(" 地区生产总值增长 6%，增长 6.5%。")
    '地区生产总值增长6%，增长6.5%。'
    >>> clean("ＰＭ 2.5 浓度"), clean("主 要 工 作 任 务"), clean("市发改委  市财政局")
    ('PM 2.5浓度', '主要工作任务', '市发改委 市财政局')
    """
    return _clean(text.translate(_TRANSLATE))


def _clean(translated: str) -> str:
    """:func:`clean` of a line already through :func:`strip_invisible`."""
    if _SPACES.search(translated) is None:
        return translated  # most lines have no space at all
    words = _SPACES.sub(" ", translated).strip().split(" ")
    out = words[0]
    for word in words[1:]:
        out += (" " + word) if _keep_space(out, word) else word
    return out


def compact(text: str) -> str:
    """A task's text or a title: no spaces but those between Latin words and numbers.

    Examples
    --------
    >>> compact("推进 市发改委 工作"), compact("发展 big data and cloud computing 产业")
    ('推进市发改委工作', '发展big data and cloud computing产业')
    """
    return _TEXT_SPACE.sub("", text) if " " in text else text


def spaced(text: str) -> str:
    """The line with runs of spaces kept as one space (for headings and table cells).

    Examples
    --------
    >>> spaced("  王 东\\u3000 ")
    '王 东'
    """
    return _SPACES.sub(" ", text.translate(_TRANSLATE)).strip()


@cache
def _bracket_label() -> re.Pattern[str]:
    from taskgraph.registry import ROLE_LABELS

    labels = "|".join(sorted(map(re.escape, ROLE_LABELS), key=len, reverse=True))
    # A label, not a note: a colon follows, or a name ("市教育局〔牵头〕、" is a note on 市教育局).
    return re.compile(rf"[【\[〔［]\s*({labels})\s*[】\]〕］](?:\s*[:：]|(?=\s*[^\s、，,；;。）)〕】\]］]))")


def bracket_labels(text: str) -> str:
    """A role label in brackets written without a colon (``【牵头单位】县财政局``) as a label with one,
    the line keeping its length, so that every offset into it still points into the original.

    Examples
    --------
    >>> bracket_labels("1.推进。【牵头领导】王刚【牵头单位】县财政局")
    '1.推进。 牵头领导：王刚 牵头单位：县财政局'
    >>> bracket_labels("【责任单位】：县税务局")
    '责任单位：  县税务局'
    """

    def label(m: re.Match[str]) -> str:
        pad = " " * (len(m.group()) - len(m.group(1)) - 1)
        return (pad + m.group(1) + "：") if m.start() else (m.group(1) + "：" + pad)

    return _bracket_label().sub(label, text)


def to_lines(blocks: Iterable[Block], traditional: bool) -> list[Line | Cells]:
    """Cleaned lines and rows, without empty lines and page numbers.

    ``traditional`` makes ``text`` of each line a simplified copy (same length as ``orig``).

    Examples
    --------
    >>> from taskgraph.readers.text import parse_text
    >>> [(ln.number, ln.text) for ln in to_lines(parse_text("1.甲\\n\\n— 2 —\\n 乙 3 个\\n"), False)]
    [(1, '1.甲'), (4, '乙3个')]
    >>> to_lines(parse_text("牽頭單位：縣財政局"), True)[0].text
    '牵头单位：县财政局'
    """
    from taskgraph.parse.chinese import simplify_characters

    simplify = simplify_characters if traditional else None
    out: list[Line | Cells] = []
    page_tops: list[int] = []  # where in ``out`` a line follows a page number
    paged = False
    for block in blocks:
        if isinstance(block, Paragraph):
            if _UNCLEAN.search(block.text) is None:
                cleaned = raw = block.text  # nothing to clean: the common line
            else:
                translated = block.text.translate(_TRANSLATE)
                cleaned, raw = _clean(translated), _SPACES.sub(" ", translated).strip()
            if cleaned and cleaned[0] in _BULLETS:
                # "▲ 推进…", "● 牵头单位：…": a bullet, no part of the text
                cleaned = cleaned.lstrip(_BULLETS + " ")
                raw = raw.lstrip(_BULLETS + " ")
            if "：：" in cleaned:
                cleaned = raw = cleaned.replace("：：", "：")  # "责任单位：：市编办"
            if (
                "领导；" in cleaned or "单位；" in cleaned or "单位为" in cleaned or "领导为" in cleaned
            ) and _LABEL_THEN_SEMICOLON.search(cleaned):
                cleaned = _LABEL_THEN_SEMICOLON.sub(
                    r"\1：", cleaned
                )  # "牵头领导；贾国顺；" as "牵头领导：贾国顺；"
                raw = _LABEL_THEN_SEMICOLON.sub(r"\1：", raw)
            if not cleaned:
                continue
            if (cleaned[0] in _PAGE_FIRST or cleaned[0].isdigit()) and PAGE_NUMBER.match(cleaned):
                paged = True
                continue
            if paged:
                page_tops.append(len(out))
                paged = False
            text = simplify(cleaned) if simplify else cleaned
            if "】" in text or "]" in text or "〕" in text or "］" in text:
                text = bracket_labels(text)
            out.append(Line(block.line, text, raw, cleaned))
        else:
            # A line break inside a cell ("县财政局<br>各乡镇人民政府", a Word cell of two paragraphs)
            # parts names like a space does; within a task's text it goes, like any space there.
            origs = tuple(spaced(c.replace("\n", " ")) if "\n" in c else spaced(c) for c in block.cells)
            if not any(origs):
                continue
            texts = tuple(simplify(c) for c in origs) if simplify else origs
            out.append(Cells(block.line, block.table, texts, origs, block.header))
            paged = False
    return _without_running_heads(out, page_tops) if page_tops else out


# What a running head never holds: sentence punctuation, a bracket closing what came before.
_RUN_ON = re.compile(r"[。；;，,：:]|^[）)〕】\]］]")


def _without_running_heads(out: list[Line | Cells], page_tops: list[int]) -> list[Line | Cells]:
    """``out`` without the running head of each page: a line that follows a page number and is
    the document's first line, or a title-like line that follows half the page numbers ("— 2 —" /
    "枫林街道2026年重点工作任务分解方案" in the middle of an attribution, as pdftotext gives it)."""
    first = next((e.text for e in out if isinstance(e, Line)), None)
    tops = [(k, e.text) for k in page_tops if isinstance(e := out[k], Line)]
    counts = Counter(text for _, text in tops)
    heads = {
        k
        for k, text in tops
        if text == first
        or (counts[text] >= max(2, len(tops) // 2) and len(text) >= 6 and not _RUN_ON.search(text))
    }
    if not heads:
        return out
    return [e for k, e in enumerate(out) if k not in heads]
