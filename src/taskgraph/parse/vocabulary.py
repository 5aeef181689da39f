"""The words plans use, as data: role labels, collective names, bracket notes.

A plan of a new government that writes its roles differently needs a new entry here, not
a new branch in the parser.
"""

from __future__ import annotations

import re

from taskgraph.model import Role

# Role labels before a colon in an attribution, e.g. "牵头领导：丁卫东" (Shen County 2024).
ROLE_LABELS: dict[str, Role] = {
    **{
        label: Role.LEAD_LEADER
        for label in (
            "牵头领导", "责任领导", "分管领导", "联系领导", "牵头县领导", "牵头市领导",
            "牵头区领导", "牵头省领导", "责任县领导", "责任市领导", "责任区领导", "分管县领导",
            "分管市领导", "分管区领导", "分管省领导", "县级领导", "市级领导", "区级领导",
            "牵头负责领导", "县领导", "市领导", "区领导", "省领导", "领导",
        )
    },
    **{
        label: Role.LEAD_UNIT
        for label in (
            "牵头单位", "牵头部门", "主办单位", "主责单位", "牵头责任单位", "责任牵头单位",
            "主要责任单位", "牵头", "牵头处室", "牵头科室",
        )
    },
    **{
        label: Role.RESPONSIBLE_UNIT
        for label in (
            "责任单位", "责任部门", "承办单位", "落实单位", "实施单位", "参与单位", "责任主体",
            "具体责任单位",
        )
    },
    **{
        label: Role.COOPERATING_UNIT
        for label in (
            "配合单位", "协办单位", "协同单位", "配合部门", "协助单位", "协办部门", "配合",
            "参加单位", "协作单位",
        )
    },
}

# Longest label first, so that "牵头县领导" wins over "领导"; the colon may be half-width.
ROLE_LABEL = re.compile(
    "(" + "|".join(sorted(map(re.escape, ROLE_LABELS), key=len, reverse=True)) + r")\s*[:：]"
)

# Names that stand for many parties at once: "县政府有关部门〔单位〕", "各镇人民政府〔街道办事处〕",
# "县政府各位县长" (Shen County 2024); "各相关单位", "…领导小组其他成员单位" (other plans).
COLLECTIVE = re.compile(
    r"^各|有关部门|有关单位|相关部门|相关单位|有关方面|各位|成员单位|^全体|直各|各部门|各单位|各级"
    r"|各有关|^有关|^相关|班子成员"
)

# A bracket after a name that defines a short name for a run of units:
# "县省级农业高新技术产业开发区管委会〔以下简称县属开发区管委会〕" (Shen County 2024, task 1).
ABBREVIATION = re.compile(r"^(?:以下简称|以下统称|下称|简称|统称)[:：]?\s*[“\"]?(.+?)[”\"]?$")

# Bracketed notes after a name that are not a second nameplate.
NOTES = frozenset({"含", "牵头", "负责", "排名第一的为牵头单位", "列第一位的为牵头单位"})

OPENERS = "（(〔【[{《“"
CLOSERS = "）)〕】]}》”"

# Separators between names in a list: "县发展改革局、县农业农村局", "…〔单位〕，各镇人民政府…".
NAME_SEPARATORS = "、，,；;"

# A leader named by a 2-4 character personal name (丁卫东, 田丹).
PERSON_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")

# Jurisdiction prefixes whose accidental doubling is a typo: "县县民政局" (Shen County 2024, task 77).
DOUBLED_PREFIX = re.compile(r"^([县市区省州镇乡旗])\1")
