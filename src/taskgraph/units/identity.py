"""Identity of a unit: one key under which the written forms of one unit meet.

Plans write one bureau many ways: ``县发改局``, ``县发展改革局`` and ``县发展和改革局`` are one
organisation; so are ``市发改委`` and ``市发展和改革委员会``. The short forms and their preferred
spelling are data (``data/abbreviations.csv``); this module adds the grammatical variants that
hold for every name: 和 between two lines of work, 委员会/委, 人民政府/政府, 办公室/办. A key is
only meant to join names within one jurisdiction's plans: ``县财政局`` of two counties share a key.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from taskgraph.units._data import data_rows

# A romanisation that a web mirror put after characters: "南沙區(qū)政府", "市發(fā)改委"
# (guangzhou-2006-noisy-trad).
PINYIN_NOTE = re.compile(r"[（(][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]+[）)]")
# Any bracket pair around a second nameplate or a note: "县发改局(粮食局)", "各街道(功能区)",
# "县财政局〔县国资局〕"; all are written 〔〕 in a canonical form, as the Shen County plan does.
OPEN_BRACKETS = "（(【[\uff3b"  # \uff3b: the full-width square bracket
CLOSE_BRACKETS = "）)】]\uff3d"
# A list-closing 等 after a name: "省商务厅等" (guangdong-province-2021).
TRAILING_ETC = re.compile(r"(?<=.)等$")
# A jurisdiction prefix written twice: "县县民政局" (Shen County 2024, task 77). 市市场监管局 is
# 市 + 市场监管局 and no typo.
DOUBLED_PREFIX = re.compile(r"^([县区省州镇乡旗])\1|^(市)市(?!场)")
# 和 joining two lines of work ("市文化和旅游局"), but not in place names that start with it
# (和平区, 和田市, 和县, 和龙市 ...).
JOINING_AND = re.compile(r"(?<=.)和(?!平|田|顺|龙|静|政|林|硕|县|布克)")
# Suffix variants, in order: "管委会" and "管理委员会" (an administrative committee) before
# "委员会"/"委会" (a commission: 安委会), then the government and the office.
SUFFIX_VARIANTS = (
    (re.compile(r"管理委员会|管委会"), "管委"),
    (re.compile(r"委员会|委会"), "委"),
    (re.compile(r"人民政府"), "政府"),
    (re.compile(r"办公室"), "办"),
)


@cache
def _abbreviations() -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation of every written form, longest first, and what each becomes."""
    table: dict[str, str] = {}
    for row in data_rows("abbreviations.csv"):
        table[row["variant"]] = row["preferred"]
    for preferred in list(table.values()):
        # A preferred form stands for itself, so that the scan does not cut into it.
        table.setdefault(preferred, preferred)
    alternation = "|".join(sorted(map(re.escape, table), key=len, reverse=True))
    return re.compile(alternation), table


def _traditional(name: str) -> bool:
    from taskgraph.parse.chinese import simplify_characters

    return simplify_characters(name) != name


def clean(name: str) -> str:
    """A written name with the accidents of writing removed: spaces, traditional characters,
    romanisation notes, bracket shapes, a list-closing 等 and a doubled prefix.

    Examples
    --------
    >>> clean("南沙區(qū)政府"), clean("县发改局(粮食局)"), clean("县县民政局 ")
    ('南沙区政府', '县发改局〔粮食局〕', '县民政局')
    """
    name = re.sub(r"\s+", "", name)
    name = PINYIN_NOTE.sub("", name)
    if _traditional(name):
        from taskgraph.parse.chinese import simplify_name

        name = simplify_name(name)
    name = name.translate(str.maketrans(OPEN_BRACKETS, "〔" * len(OPEN_BRACKETS)))
    name = name.translate(str.maketrans(CLOSE_BRACKETS, "〕" * len(CLOSE_BRACKETS)))
    name = TRAILING_ETC.sub("", name)
    return DOUBLED_PREFIX.sub(lambda m: m.group(1) or m.group(2), name)


@lru_cache(maxsize=8192)
def canonical_form(name: str) -> str:
    """The preferred written form of a unit's name: cleaned, with every short form of a line of
    work spelt as the State Council's documents spell it.

    Examples
    --------
    >>> canonical_form("县发改局"), canonical_form("市人社局"), canonical_form("区市场局")
    ('县发展改革局', '市人力资源社会保障局', '区市场监管局')
    >>> canonical_form("市發改委"), canonical_form("省药监局")
    ('市发展改革委', '省药品监管局')
    """
    pattern, table = _abbreviations()
    return pattern.sub(lambda m: table[m.group(0)], clean(name))


@lru_cache(maxsize=8192)
def unit_key(name: str) -> str:
    """A key under which the written forms of one unit meet.

    Examples
    --------
    >>> unit_key("县发改局") == unit_key("县发展改革局") == unit_key("县发展和改革局")
    True
    >>> unit_key("市发改委") == unit_key("市发展和改革委员会")
    True
    >>> unit_key("县财政局") == unit_key("县商务局"), unit_key("市文化和旅游局") == unit_key("市文化局")
    (False, False)
    """
    key = JOINING_AND.sub("", canonical_form(name))
    for pattern, replacement in SUFFIX_VARIANTS:
        key = pattern.sub(replacement, key)
    return key
