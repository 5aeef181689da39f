"""Traditional characters, matched through simplified forms (OpenCC's dictionaries).

Parsing works on a character-for-character simplified copy of a traditional document, so
every offset in it is an offset in the original too and ``as_written`` keeps what the
document says. Canonical names go further and also take OpenCC's phrase conversions
(資訊 → 信息), so that a machine-converted plan matches a simplified one.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources


def _dictionary(name: str) -> list[tuple[str, str]]:
    text = resources.files("opencc").joinpath("dictionary").joinpath(name).read_text(encoding="utf-8")
    pairs = []
    for line in text.splitlines():
        key, _, values = line.strip("\r").partition("\t")
        if key and values:
            pairs.append((key, values.split()[0]))
    return pairs


@lru_cache(maxsize=1)
def _characters() -> dict[int, str]:
    return {ord(k): v for k, v in _dictionary("TSCharacters.txt") if len(k) == 1 and len(v) == 1 and k != v}


@lru_cache(maxsize=1)
def _phrases() -> tuple[tuple[str, str], ...]:
    pairs = _dictionary("TWPhrasesRev.txt") + _dictionary("TSPhrases.txt")
    return tuple(sorted(((k, v) for k, v in pairs if k != v), key=lambda kv: -len(kv[0])))


# A CJK ideograph of the basic block, the characters whose share is counted.
_CJK = re.compile("[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _traditional_pattern() -> re.Pattern[str]:
    """Any ideograph of the basic block that has a simplified form: counted by one regex scan
    rather than a dictionary look-up per character."""
    return re.compile("[" + "".join(chr(c) for c in sorted(_characters()) if 0x4E00 <= c <= 0x9FFF) + "]")


def is_traditional(text: str) -> bool:
    """Whether a document is written in traditional characters (over 3% of its CJK characters).

    Examples
    --------
    >>> is_traditional("牽頭單位：市財政局"), is_traditional("牵头单位：市财政局")
    (True, False)
    """
    traditional = len(_traditional_pattern().findall(text))
    if not traditional:
        return False  # a simplified plan, nearly always: the CJK characters need no count
    return traditional / len(_CJK.findall(text)) > 0.03


def simplify_characters(text: str) -> str:
    """Character-for-character simplified form: the result has the same length.

    Examples
    --------
    >>> simplify_characters("責任單位：縣財政局")
    '责任单位：县财政局'
    """
    return text.translate(_characters())


def simplify_name(name: str) -> str:
    """Simplified form of a name, phrase conversions included (lengths may change).

    Examples
    --------
    >>> simplify_name("市資訊局"), simplify_name("市數據局")
    ('市信息局', '市数据局')
    """
    for old, new in _phrases():
        if old in name:
            name = name.replace(old, new)
    return simplify_characters(name)
