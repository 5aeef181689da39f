"""Cleaning PDF-extracted text while remembering where every line came from.

Text copied out of a PDF has blank lines between lines, page numbers such as ``— 14 —``,
stray spaces at page starts and spaces between CJK characters and digits (``增长 6%``).
:func:`normalise` drops the noise and returns :class:`Line` objects that carry the line
number of the original file, so that every later warning can name it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A page number as PDF extraction leaves it; the Shen County plan has "— 14 —" on its own line.
PAGE_NUMBER = re.compile(
    r"^[—－\-–─]{1,3}\s*\d{1,4}\s*[—－\-–─]{1,3}$|^第\s*\d{1,4}\s*页(\s*共\s*\d+\s*页)?$"
)

# Full-width digits and Latin letters (１２３ＡＢＣ) mean the same as ASCII ones; punctuation is
# kept as written because the attribution grammar and ``as_written`` depend on it.
_FULLWIDTH_ALNUM = {
    **{0xFF10 + i: 0x30 + i for i in range(10)},
    **{0xFF21 + i: 0x41 + i for i in range(26)},
    **{0xFF41 + i: 0x61 + i for i in range(26)},
    0x3000: 0x20,  # ideographic space
    0xA0: 0x20,
    0xFEFF: None,  # a BOM left in the middle of a concatenated file
}

_SPACES = re.compile(r"\s+")
# A space survives only between two ASCII letters or digits ("PM 2.5" stays, "增长 6%" joins).
_INNER_SPACE = re.compile(r"(?<![A-Za-z0-9]) | (?![A-Za-z0-9])")


@dataclass(frozen=True)
class Line:
    """A non-empty line, ``number`` 1-based in the original file.

    ``orig`` is the cleaned line as written; ``text`` is the same with traditional characters
    simplified one for one (equal to ``orig`` in a simplified document), so offsets agree;
    ``raw`` keeps the original spacing, for headings.
    """

    number: int
    text: str
    raw: str
    orig: str = ""


def clean(text: str) -> str:
    """Normalise the spacing of one line.

    Examples
    --------
    >>> clean(" 地区生产总值增长 6%，增长 6.5%。")
    '地区生产总值增长6%，增长6.5%。'
    >>> clean("ＰＭ 2.5 浓度")
    'PM 2.5浓度'
    """
    text = _SPACES.sub(" ", text.translate(_FULLWIDTH_ALNUM)).strip()
    return _INNER_SPACE.sub("", text)


def normalise(text: str, traditional: bool | None = None) -> list[Line]:
    """Split ``text`` into cleaned, non-empty lines without page numbers.

    ``traditional`` (detected when None) makes ``text`` of each line a simplified copy.

    Examples
    --------
    >>> [(ln.number, ln.text) for ln in normalise("1.甲\\n\\n— 2 —\\n 乙 3 个\\n")]
    [(1, '1.甲'), (4, '乙3个')]
    >>> normalise("牽頭單位：縣財政局")[0].text
    '牵头单位：县财政局'
    """
    from taskgraph.parse.chinese import is_traditional, simplify_characters

    if traditional is None:
        traditional = is_traditional(text)
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        cleaned = clean(raw)
        if not cleaned or PAGE_NUMBER.match(cleaned):
            continue
        simple = simplify_characters(cleaned) if traditional else cleaned
        lines.append(Line(number, simple, _SPACES.sub(" ", raw.translate(_FULLWIDTH_ALNUM)).strip(), cleaned))
    return lines
