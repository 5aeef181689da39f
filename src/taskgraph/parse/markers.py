"""Numbering markers at the start of a line, at every level the genre uses.

Official documents number their levels 一、 > （一） > 1. > （1） > ① (GB/T 9704), and plans put
their tasks at any of them: ``1.`` (Shen County 2024), ``（一）`` (Guangzhou 2006, Wuhan Caidian
2023), ``一、`` (Liaoning 2025), ``(1)`` (Chizhou 2017), ``1.1``, ``第一项``. A marker's ``rank``
orders the levels; a plan need not use all of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN = "一二三四五六七八九十百零〇两"
_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}

# "第一部分 主要目标", "第二章" — parts above sections.
PART = re.compile(rf"^第([{_CN}\d]{{1,4}})(部分|章|篇)[、，,：:．.\s]*")
# "一、主要预期目标" (Shen County 2024); "一." and "一，" in careless copies.
CN = re.compile(rf"^([{_CN}]{{1,4}})\s*[、.．]\s*")
# "（一）聚焦重点项目" (Shen County 2024); "(一)" with half-width brackets (Guangzhou 2006).
CN_PAREN = re.compile(rf"^[（(]\s*([{_CN}]{{1,4}})\s*[）)]\s*")
# "第一项 地区生产总值增长6%", "第三条".
ORDINAL = re.compile(rf"^第([{_CN}\d]{{1,5}})(项|条|方面|类)[、，,：:．.\s]*")
# "1.地区生产总值增长6%" (Shen County 2024), "1、", "1﹒", "1．"; "2.5%" is no marker.
NUM = re.compile(r"^(\d{1,6})\s*[.．、﹒](?![\d%％])\s*")
# "1.1 推进…", "2.3.1"; not "1.5倍", "134.6公里" (quantities) nor "2024.1.20" (a date).
DECIMAL = re.compile(
    r"^(\d{1,2}(?:[.．]\d{1,2}){1,2})(?![\d%％.．])(?![倍万亿元个吨米千百台家项所座条公亩平人户辆套方度秒分天年月日])[、.．\s]*"
)
# "(1)全面落实…" (Chizhou 2017), "（1）", "（第1项）".
NUM_PAREN = re.compile(r"^[（(]\s*(?:第\s*)?(\d{1,6})\s*(?:项|条)?\s*[）)]\s*")
# "1）推进…" and "一）…": a closing bracket only, as some plans number.
NUM_HALF = re.compile(r"^(\d{1,6})\s*[）)](?![\d%％])\s*")
CN_HALF = re.compile(rf"^([{_CN}]{{1,4}})\s*[）)]\s*")
# "①加快…"
CIRCLED = re.compile(r"^([①-⑳])\s*")
# "一是推进…；二是…": points run in inside a paragraph.
CN_IS = re.compile(r"^([一二三四五六七八九十]{1,3})是")

# The patterns by rank: a lower rank is a higher level.
RANKS: tuple[tuple[int, str, re.Pattern[str]], ...] = (
    (0, "part", PART),
    (1, "cn", CN),
    (2, "cn-paren", CN_PAREN),
    (3, "ordinal", ORDINAL),
    (4, "num", NUM),
    (5, "decimal", DECIMAL),
    (6, "num-paren", NUM_PAREN),
    (6, "num-half", NUM_HALF),
    (2, "cn-half", CN_HALF),
    (7, "circled", CIRCLED),
    (8, "cn-is", CN_IS),
)
# Rank of an unnumbered paragraph: below every numbered level.
PARAGRAPH = 9

# The patterns that can match a line, by its first character (a digit aside), in RANKS order.
_FIRST = {"part": "第", "cn": _CN, "cn-paren": "（(", "ordinal": "第", "num-paren": "（(", "cn-half": _CN}
_FIRST |= {"circled": "".join(chr(c) for c in range(ord("①"), ord("⑳") + 1)), "cn-is": "一二三四五六七八九十"}
_BY_FIRST: dict[str, tuple[tuple[int, str, re.Pattern[str]], ...]] = {
    ch: tuple(r for r in RANKS if ch in _FIRST.get(r[1], "")) for ch in "".join(_FIRST.values())
}
_BY_DIGIT = tuple(r for r in RANKS if r[1] in ("num", "decimal", "num-half"))


@dataclass(frozen=True, slots=True)
class Marker:
    """A numbering marker: its rank and style, the numeral as written, its value, its length."""

    rank: int
    style: str
    number: str
    value: int
    end: int


def chinese_number(text: str) -> int:
    """Read 一 … 九千九百九十九 (and plain digits).

    Examples
    --------
    >>> chinese_number("十二"), chinese_number("二十"), chinese_number("一百零三"), chinese_number("12")
    (12, 20, 103, 12)
    """
    if text.isdigit():
        return int(text)
    if "十" not in text and "百" not in text:
        return int("".join(str(_DIGITS.get(ch, 0)) for ch in text) or 0)  # "二〇二四", "七"
    total = current = 0
    for ch in text:
        if ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            current = _DIGITS.get(ch, 0)
    return total + current


def find_marker(text: str) -> Marker | None:
    """The numbering marker at the start of ``text``, or None.

    Examples
    --------
    >>> find_marker("（一）聚焦重点项目").number, find_marker("12.推进").value, find_marker("2.5%增长")
    ('一', 12, None)
    >>> m = find_marker("1.2 推进数字化"); (m.style, m.number, m.value)
    ('decimal', '1.2', 2)
    >>> find_marker("0、优良天数"), find_marker("05.推进").value
    (None, 5)
    """
    first = text[:1]
    ranks = _BY_FIRST.get(first)
    if ranks is None:
        if not first.isdigit():
            return None
        ranks = _BY_DIGIT
    for rank, style, pattern in ranks:
        m = pattern.match(text)
        if not m:
            continue
        number = m.group(1).replace("．", ".")
        if style == "circled":  # "①" is the numeral 1 in a circle, as "(1)" is 1 in brackets
            value = ord(number) - ord("①") + 1
            number = str(value)
        elif style == "decimal":
            value = int(number.split(".")[-1])
        else:
            value = chinese_number(number)
        if value == 0:
            return None  # "0、" is the rest of a number broken over lines ("PM1" / "0、")
        return Marker(rank, style, number, value, m.end())
    return None
