"""English names of collectives: the many unnamed parties a plan names at once.

``各镇人民政府〔街道办事处〕``, ``县政府有关部门〔单位〕``, ``各区县政府``, ``省减轻企业负担领导小组其他成员单位``
are descriptions rather than names, and their English is written in lower case as one:
town governments (sub-district offices); relevant departments (units) of the county government.
"""

from __future__ import annotations

import re

from taskgraph.units.english import english_words, unit_english

# "各镇人民政府", "各区县政府", "各县市区政府", "各设区市政府", "各街道办事处", "各街道".
EACH_PLACE = re.compile(
    r"^各(?P<places>设区市|地级以上市|县〔市、区〕|县市区|区县|县区|乡镇|镇街|街道|镇|乡|区|县|市)"
    r"(?P<body>人民政府|政府|街道办事处|办事处)?$"
)
PLACE_NOUNS = {
    "设区市": ("city divided into districts", "cities divided into districts"),
    "地级以上市": ("city at prefecture level and above", "cities at prefecture level and above"),
    "县〔市、区〕": ("county (city, district)", "counties (cities, districts)"),
    "县市区": ("county, city and district", "counties, cities and districts"),
    "区县": ("district and county", "districts and counties"),
    "县区": ("county and district", "counties and districts"),
    "乡镇": ("township and town", "townships and towns"),
    "镇街": ("town and sub-district", "towns and sub-districts"),
    "街道": ("sub-district", "sub-districts"),
    "镇": ("town", "towns"),
    "乡": ("township", "townships"),
    "区": ("district", "districts"),
    "县": ("county", "counties"),
    "市": ("city", "cities"),
}
# Departments or units in general: "县政府有关部门", "区直各部门", "市级各有关部门", "各相关单位",
# "国务院各部门", "区司法局等有关部门" (Shen County 2024; anshan-lishan-2023; xianyang-2022;
# national-state-council-2020; jinan-gangcheng-2021).
DEPARTMENTS = re.compile(
    r"^(?P<owner>.*?)(?P<etc>等)?(?P<which>各有关|各相关|有关|相关|各|其他)(?P<what>部门|单位|部委)$"
)
WHICH = {"各有关": "all relevant", "各相关": "all relevant", "有关": "relevant", "相关": "relevant"}
WHICH.update({"各": "all", "其他": "other"})
WHAT = {"部门": "departments", "单位": "units", "部委": "ministries and commissions"}
# "区直", "市直", "省直": the departments directly under a jurisdiction's government.
DIRECT = re.compile(r"^(?P<level>[省市县区])直$")
# "市级", "区级": of a jurisdiction's level.
LEVEL_ADJECTIVE = re.compile(r"^(?P<level>[省市县区])级$")
# The government of a jurisdiction written by its prefix alone: "县政府" in "县政府有关部门〔单位〕".
GOVERNMENT = re.compile(r"^(?P<level>[省市县区])(人民)?政府$")
OWNER_NOUNS = {"省": "province", "市": "municipality", "县": "county", "区": "district"}
OWNER_ADJECTIVES = {"省": "provincial", "市": "municipal", "县": "county", "区": "district"}
# Member units of a coordinating body: "省减轻企业负担领导小组其他成员单位" (zhejiang-2023).
MEMBERS = re.compile(r"^(?P<body>.+?)(?P<other>其他)?成员单位$")
# Task forces across a jurisdiction: "全区经济运行各专班" (anshan-lishan-2023).
TASK_FORCES = re.compile(r"^全(?P<level>[省市县区])(?P<subject>.+?)各?专班$")
# Collective words that follow a list of places or are bracketed after one.
BRACKET_NOTES = {"街道办事处": "sub-district offices", "功能区": "functional zones", "单位": "units"}


def _owner(owner: str) -> str | None:
    """The "of the county government" part of a collective of departments."""
    if not owner:
        return ""
    m = DIRECT.match(owner)
    if m:
        return f" directly under the {OWNER_NOUNS[m.group('level')]}"
    if owner == "国务院":
        return " of the State Council"
    m = GOVERNMENT.match(owner)
    if m:
        return f" of the {OWNER_ADJECTIVES[m.group('level')]} government"
    english = unit_english(owner)
    return None if english is None else f" of the {english}"


def collective_english(outer: str, inner: str | None) -> str | None:
    """English of a collective name (``outer`` and the content of its final bracket), or None
    when it is no collective this module knows.

    Examples
    --------
    >>> collective_english("各镇人民政府", "街道办事处")
    'town governments (sub-district offices)'
    >>> collective_english("县政府有关部门", "单位")
    'relevant departments (units) of the county government'
    >>> collective_english("县财政局", None) is None
    True
    """
    note = ""
    if inner is not None:
        if inner not in BRACKET_NOTES:
            return None
        note = f" ({BRACKET_NOTES[inner]})"
    m = EACH_PLACE.match(outer)
    if m:
        singular, plural = PLACE_NOUNS[m.group("places")]
        body = m.group("body")
        if body in ("人民政府", "政府"):
            if m.group("places") in ("设区市", "地级以上市"):
                return f"governments of the {plural}{note}"
            return f"{singular} governments{note}"
        if body:
            return f"{singular} offices{note}"
        return f"{plural}{note}"
    if outer == "各地":
        return "all localities"
    m = TASK_FORCES.match(outer)
    if m:
        subject = english_words(m.group("subject"))
        if subject is None:
            return None
        return f"all {subject.lower()} task forces of the {OWNER_NOUNS[m.group('level')]}"
    m = MEMBERS.match(outer)
    if m:
        body = unit_english(m.group("body"))
        if body is None:
            return None
        return f"{'other ' if m.group('other') else ''}member units of the {body}"
    m = DEPARTMENTS.match(outer)
    if m:
        which, what, owner = WHICH[m.group("which")], WHAT[m.group("what")], m.group("owner")
        if m.group("etc"):
            unit = unit_english(owner)
            return None if unit is None else f"{unit} and other {which.replace('all ', '')} {what}{note}"
        level = LEVEL_ADJECTIVE.match(owner)
        if level:
            adjective = OWNER_ADJECTIVES[level.group("level")]
            return f"{which} {adjective} {what}{note}".replace("  ", " ")
        of = _owner(owner)
        if of is None:
            return None
        return f"{which} {what}{note}{of}"
    return None
