"""Jurisdictions: their level of government and their English names.

A jurisdiction is written as a proper name and a level word (莘县, 广州市, 浙江省, 妹冢镇,
聊城鲁西经济开发区) or, inside a unit's name, as a bare level word (县, 市, 省). English names
follow the romanisation of Chinese place names: pinyin without tones, the syllables of a word
joined, an apostrophe where a syllable starting with a, o or e would run into the one before
(Xi'an), and the level word translated (莘县 -> Shen County, 浙江省 -> Zhejiang Province). A
prefecture-level or county-level city is its name alone (广州市 -> Guangzhou).
"""

from __future__ import annotations

import re
from functools import cache

from taskgraph.registry import Level
from taskgraph.units._data import data_lines, data_rows
from taskgraph.units.identity import clean

# The level words a jurisdiction ends with, longest first where one ends another: "自治区"
# before "区", "经济开发区" before "开发区". Each with its level and its English pattern, where
# "{}" stands for the romanised proper name.
LEVEL_WORDS: tuple[tuple[str, Level, str], ...] = (
    ("特别行政区", Level.PROVINCE, "{} Special Administrative Region"),
    ("自治区", Level.PROVINCE, "{} Autonomous Region"),
    ("自治州", Level.CITY, "{} Autonomous Prefecture"),
    ("自治县", Level.COUNTY, "{} Autonomous County"),
    ("自治旗", Level.COUNTY, "{} Autonomous Banner"),
    ("经济技术开发区", Level.ZONE, "{} Economic and Technological Development Zone"),
    ("高新技术产业开发区", Level.ZONE, "{} High-tech Industrial Development Zone"),
    ("经济开发区", Level.ZONE, "{} Economic Development Zone"),
    ("综合保税区", Level.ZONE, "{} Comprehensive Bonded Zone"),
    ("工业园区", Level.ZONE, "{} Industrial Park"),
    ("开发区", Level.ZONE, "{} Development Zone"),
    ("高新区", Level.ZONE, "{} High-tech Zone"),
    ("经开区", Level.ZONE, "{} Economic Development Zone"),
    ("产业园", Level.ZONE, "{} Industrial Park"),
    ("功能区", Level.ZONE, "{} Functional Zone"),
    ("新区", Level.ZONE, "{} New Area"),
    ("园区", Level.ZONE, "{} Park"),
    ("地区", Level.CITY, "{} Prefecture"),
    ("林区", Level.COUNTY, "{} Forestry District"),
    ("街道", Level.TOWN, "{} Sub-district"),
    ("省", Level.PROVINCE, "{} Province"),
    ("市", Level.CITY, "{}"),
    ("州", Level.CITY, "{} Prefecture"),
    ("盟", Level.CITY, "{} League"),
    ("县", Level.COUNTY, "{} County"),
    ("旗", Level.COUNTY, "{} Banner"),
    ("区", Level.DISTRICT, "{} District"),
    ("镇", Level.TOWN, "{} Town"),
    ("乡", Level.TOWN, "{} Township"),
)

# A bare prefix of a unit's name, the level it stands for and its English adjective:
# "县发展改革局" -> County, "省财政厅" -> Provincial.
PREFIXES: dict[str, tuple[Level, str]] = {
    "国务院": (Level.NATIONAL, "State Council"),
    "国家": (Level.NATIONAL, "National"),
    "中央": (Level.NATIONAL, "Central"),
    "全国": (Level.NATIONAL, "National"),
    "省": (Level.PROVINCE, "Provincial"),
    "自治区": (Level.PROVINCE, "Autonomous Region"),
    "市": (Level.CITY, "Municipal"),
    "州": (Level.CITY, "Prefectural"),
    "县": (Level.COUNTY, "County"),
    "旗": (Level.COUNTY, "Banner"),
    "区": (Level.DISTRICT, "District"),
    "镇": (Level.TOWN, "Town"),
    "乡": (Level.TOWN, "Township"),
    "街道": (Level.TOWN, "Sub-district"),
}

# Province-level municipalities: written …市 but a province (北京市, 上海市, 天津市, 重庆市).
MUNICIPALITIES = frozenset({"北京", "上海", "天津", "重庆"})

# Nationalities in the names of autonomous areas: "广西壮族自治区", "延边朝鲜族自治州".
NATIONALITIES = {
    "壮族": "Zhuang",
    "回族": "Hui",
    "维吾尔": "Uygur",
    "藏族": "Tibetan",
    "蒙古族": "Mongolian",
    "朝鲜族": "Korean",
    "苗族": "Miao",
    "土家族": "Tujia",
    "彝族": "Yi",
    "侗族": "Dong",
    "布依族": "Bouyei",
    "白族": "Bai",
    "傣族": "Dai",
    "哈尼族": "Hani",
    "哈萨克": "Kazak",
    "满族": "Manchu",
    "瑶族": "Yao",
    "黎族": "Li",
    "羌族": "Qiang",
}
# One or more nationalities at the end of a proper name: "湘西土家族苗族".
NATIONALITY_TAIL = re.compile("(?:" + "|".join(NATIONALITIES) + ")+$")
# Pinyin syllables that start with a vowel take an apostrophe inside a word: 西安 -> Xi'an.
VOWEL_START = re.compile(r"^[aoe]")
CJK = re.compile(r"^[\u4e00-\u9fff]+$")
# Words before a level word that make no proper name: "县级市人民政府", "直辖市", "设区市",
# "某某市人民政府办公室" (a template's placeholder), "各区", "全市", "本县"; and a generic prefix:
# no place name starts with 省, 市, 县 or 区, so "县城乡建设局" is 县 + 城乡建设局.
GENERIC = re.compile(
    r"^(县级|地级|直辖|设区|某+|各|全|本|该|有关|相关|所在|当地|上级|下级|同级|其他|[省市县区])"
)
# Common words that end in a level character and are no jurisdiction: "景区管委会" is the
# administrative committee of a scenic area, not of a district called Jing.
COMMON_WORDS = re.compile(
    r"^(城乡|城市|城镇|乡镇|村镇|社区|景区|城区|片区|辖区|校区|灾区|山区|牧区|库区|街区|市区|郊区|老区)$"
)


@cache
def _overrides() -> dict[str, str]:
    return {row["zh"]: row["en"] for row in data_rows("places.csv")}


@cache
def _county_level_cities() -> frozenset[str]:
    return frozenset(data_lines("county_level_cities.txt"))


def split_jurisdiction(jurisdiction: str) -> tuple[str, str] | None:
    """The proper name and the level word of a jurisdiction, or None.

    Examples
    --------
    >>> split_jurisdiction("莘县"), split_jurisdiction("聊城鲁西经济开发区")
    (('莘', '县'), ('聊城鲁西', '经济开发区'))
    >>> split_jurisdiction("县") is None
    True
    """
    if COMMON_WORDS.match(jurisdiction):
        return None
    for word, _, _ in LEVEL_WORDS:
        if jurisdiction.endswith(word):
            # The longest level word decides: 开发区 alone is no district called 开发.
            proper = jurisdiction[: -len(word)]
            if CJK.match(proper) and not GENERIC.match(proper):
                return proper, word
            return None
    return None


def _chain(jurisdiction: str) -> tuple[str, str] | None:
    """A jurisdiction written after the one above it, split in two: 浙江省杭州市 -> (浙江省, 杭州市)."""
    for k in range(3, len(jurisdiction) - 1):
        head, tail = jurisdiction[:k], jurisdiction[k:]
        if head[-1] in "省市州盟" and split_jurisdiction(head) and split_jurisdiction(tail):
            return head, tail
    return None


def level_of(jurisdiction: str) -> Level | None:
    """The level of government of a jurisdiction, or of a bare prefix of a unit's name.

    The result is a :class:`~taskgraph.registry.Level`, a ``str``: ``"national"``,
    ``"province"``, ``"city"``, ``"county"``, ``"district"``, ``"town"`` or ``"zone"``.

    Examples
    --------
    >>> [str(level_of(j)) for j in ("莘县", "浙江省", "广州市", "义乌市", "北京市")]
    ['county', 'province', 'city', 'county', 'province']
    >>> [str(level_of(j)) for j in ("黄埔区", "妹冢镇", "聊城鲁西经济开发区", "国务院", "县")]
    ['district', 'town', 'zone', 'national', 'county']
    >>> level_of("财政局") is None
    True
    """
    jurisdiction = clean(jurisdiction)
    if jurisdiction in PREFIXES:
        return PREFIXES[jurisdiction][0]
    split = split_jurisdiction(jurisdiction)
    if split is None:
        return None
    chain = _chain(jurisdiction)
    if chain is not None:
        return level_of(chain[-1])
    proper, word = split
    if word == "市":
        if proper in MUNICIPALITIES:
            return Level.PROVINCE
        if jurisdiction in _county_level_cities():
            return Level.COUNTY
    return next(level for w, level, _ in LEVEL_WORDS if w == word)


def romanise(proper: str, context: str = "") -> str | None:
    """A proper name in pinyin, tones dropped, one word per two characters past three.

    ``context`` is what follows the name (its level word), which pypinyin uses to choose the
    reading of a character with several (莘 in 莘县 is shēn, not xīn).

    Examples
    --------
    >>> romanise("聊城鲁西"), romanise("西安", "市"), romanise("莘", "县"), romanise("团", "县")
    ('Liaocheng Luxi', "Xi'an", 'Shen', None)
    """
    if not CJK.match(proper) or (len(proper) < 2 and proper + context not in _overrides()):
        # One character before a level word is seldom a place name (团县委 is the Youth League's
        # county committee); the single-character counties are listed in places.csv.
        return None
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(proper + context, style=Style.NORMAL, v_to_u=True)[: len(proper)]
    sizes = [len(proper)] if len(proper) <= 3 else [2] * (len(proper) // 2)
    if len(proper) > 3 and len(proper) % 2:
        sizes[-1] += 1
    words, start = [], 0
    for size in sizes:
        parts = syllables[start : start + size]
        word = parts[0] + "".join("'" + s if VOWEL_START.match(s) else s for s in parts[1:])
        words.append(word[:1].upper() + word[1:])
        start += size
    return " ".join(words)


def english_name_for_jurisdiction(jurisdiction: str) -> str | None:
    """The English name of a jurisdiction, or None when it is no jurisdiction.

    Examples
    --------
    >>> english_name_for_jurisdiction("莘县"), english_name_for_jurisdiction("广州市")
    ('Shen County', 'Guangzhou')
    >>> english_name_for_jurisdiction("浙江省"), english_name_for_jurisdiction("妹冢镇")
    ('Zhejiang Province', 'Meizhong Town')
    >>> english_name_for_jurisdiction("广西壮族自治区"), english_name_for_jurisdiction("国务院")
    ('Guangxi Zhuang Autonomous Region', 'State Council')
    """
    jurisdiction = clean(jurisdiction)
    overrides = _overrides()
    if jurisdiction in overrides:
        return overrides[jurisdiction]
    split = split_jurisdiction(jurisdiction)
    if split is None:
        return None
    proper, word = split
    chain = _chain(jurisdiction)
    if chain is not None:
        names = [english_name_for_jurisdiction(part) for part in chain]
        return None if None in names else ", ".join(str(n) for n in reversed(names))
    pattern = next(p for w, _, p in LEVEL_WORDS if w == word)
    if word.startswith("自治"):
        tail = NATIONALITY_TAIL.search(proper)
        if tail is None or tail.start() == 0:
            return None
        nationalities = re.findall("|".join(NATIONALITIES), tail.group(0))
        name = romanise(proper[: tail.start()], word)
        if name is None:
            return None
        return pattern.format(name + " " + " and ".join(NATIONALITIES[n] for n in nationalities))
    if Level.ZONE is next(level for w, level, _ in LEVEL_WORDS if w == word):
        from taskgraph.units.english import english_words

        name = english_words(proper) or romanise(proper, word)
    else:
        name = romanise(proper, word)
    return None if name is None else pattern.format(name)


def prefix_english(jurisdiction: str) -> str | None:
    """The English of a jurisdiction as it stands before a unit's name: 杭州市 -> Hangzhou
    Municipal, 浙江省 -> Zhejiang Provincial, 莘县 -> Shen County.

    Examples
    --------
    >>> prefix_english("杭州市"), prefix_english("浙江省"), prefix_english("莘县"), prefix_english("县")
    ('Hangzhou Municipal', 'Zhejiang Provincial', 'Shen County', 'County')
    """
    if jurisdiction in PREFIXES:
        return PREFIXES[jurisdiction][1]
    chain = _chain(jurisdiction)
    if chain is not None:
        # "济南市钢城区人民政府" -> Jinan Gangcheng District People's Government.
        split = split_jurisdiction(chain[0])
        head = None if split is None else _overrides().get(chain[0]) or romanise(*split)
        tail = prefix_english(chain[1])
        return None if head is None or tail is None else f"{head} {tail}"
    name = english_name_for_jurisdiction(jurisdiction)
    if name is None:
        return None
    split = split_jurisdiction(jurisdiction)
    if split is not None and split[1] == "市":
        return name + " Municipal"
    if name.endswith(" Province"):
        return name[: -len(" Province")] + " Provincial"
    return name
