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
            "牵头领导",
            "责任领导",
            "分管领导",
            "联系领导",
            "牵头县领导",
            "牵头市领导",
            "牵头区领导",
            "牵头省领导",
            "责任县领导",
            "责任市领导",
            "责任区领导",
            "分管县领导",
            "分管市领导",
            "分管区领导",
            "分管省领导",
            "县级领导",
            "市级领导",
            "区级领导",
            "牵头负责领导",
            "县领导",
            "市领导",
            "区领导",
            "省领导",
            "领导",
        )
    },
    **{
        label: Role.LEAD_UNIT
        for label in (
            "牵头单位",
            "牵头部门",
            "主办单位",
            "主责单位",
            "牵头责任单位",
            "责任牵头单位",
            "主要责任单位",
            "牵头",
            "牵头处室",
            "牵头科室",
        )
    },
    **{
        label: Role.RESPONSIBLE_UNIT
        for label in (
            "责任单位",
            "责任部门",
            "承办单位",
            "落实单位",
            "实施单位",
            "参与单位",
            "责任主体",
            "具体责任单位",
        )
    },
    **{
        label: Role.COOPERATING_UNIT
        for label in (
            "配合单位",
            "协办单位",
            "协同单位",
            "配合部门",
            "协助单位",
            "协办部门",
            "配合",
            "参加单位",
            "协作单位",
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
    r"|各有关|^有关|^相关|班子成员|^[省市县区]直|^[省市县区]级|各地$|有关企业|相关企业"
)

# A bracket after a name that defines a short name for a run of units:
# "县省级农业高新技术产业开发区管委会〔以下简称县属开发区管委会〕" (Shen County 2024, task 1).
ABBREVIATION = re.compile(r"^(?:以下简称|以下统称|下称|简称|统称)[:：]?\s*[“\"]?(.+?)[”\"]?$")

# Bracketed notes after a name that are not a second nameplate.
NOTES = frozenset({"含", "牵头", "负责", "排名第一的为牵头单位", "列第一位的为牵头单位"})
# A bracket whose content starts like this is a note, not a second nameplate: "各区（含开发区）".
NOTE_PREFIX = re.compile(r"^(含|包括|不含|除)")
# The bracket after a unit that marks it as the lead in a list: "市财政局（牵头）".
LEAD_NOTE = re.compile(r"[（(]牵头[）)]$")

# What a unit's name ends with; a predicate clause only counts when its names look like units.
UNIT_SUFFIX = re.compile(
    r"(局|委|办|室|厅|部|署|处|科|院|所|站|队|中心|公司|集团|政府|街道|办事处|管委会|委员会|单位|部门|银行|行"
    r"|协会|联合会|团委|妇联|总工会|法院|检察院|海关|镇|乡|区|县|市|组|社|台|馆|会|园|司|局等|门)$"
)

# Predicates instead of labels: "（市发展改革委负责）", "（市工信局牵头负责）",
# "（市政府办公室、市数据局牵头，市级各有关部门按职责分工负责）", "市教育局牵头，市人社局配合".
PREDICATE = re.compile(
    r"^(?P<names>.+?)(?P<modifier>按职责分工|按照职责分工|按职责|分别|共同|具体|积极)?"
    r"(?P<verb>牵头负责|牵头抓总|牵头|负责落实|负责|配合|参与|协助|协办|落实)$"
)
PREDICATE_ROLES = {
    "牵头负责": "lead",
    "牵头抓总": "lead",
    "牵头": "lead",
    "负责落实": "responsible",
    "负责": "responsible",
    "落实": "responsible",
    "配合": "cooperating",
    "参与": "cooperating",
    "协助": "cooperating",
    "协办": "cooperating",
}
# Labels whose value is written with predicates: "部门分工：市教育局牵头，市人社局配合。"
PREDICATE_LABEL = re.compile(r"^(部门分工|责任分工|任务分工|工作分工|分工)\s*[:：]")

# The whole plan says the first unit listed leads: "列第一位者为牵头单位，下同".
FIRST_LISTED_LEADS = re.compile(r"(列|排|排列|排名)?(在)?第一(位|个|家)(者|的)?(单位)?(为|是)牵头(单位)?")

# Leader titles after a name: "李明副市长", "王强省长".
TITLES = (
    "常务副省长|副省长|省长|常务副市长|副市长|市长|常务副县长|副县长|县长|常务副区长|副区长|区长|"
    "副州长|州长|副旗长|旗长|副主席|主席|秘书长|副秘书长|书记|副书记|主任|副主任|同志"
)
# A heading that names the leader of the tasks under it: "李明副市长牵头重点工作",
# "王强省长主抓重点工作"; or a line "分管市领导：李明".
LEADER_HEADING = re.compile(
    rf"^(?:[一二三四五六七八九十]{{1,3}}、|[（(][一二三四五六七八九十]{{1,3}}[）)])?\s*"
    rf"(?P<name>[\u4e00-\u9fff·]{{2,4}}?)(?:{TITLES})(?:同志)?(?:牵头|主抓|分管|负责|联系)(?:的)?(?:重点|主要)?工作"
)
LEADER_LINE = re.compile(r"^(?:分管|牵头|责任|联系)[省市县区州旗]?(?:级)?领导\s*[:：]\s*(?P<names>.+)$")
PERSON_WITH_TITLE = re.compile(rf"^(?P<name>[\u4e00-\u9fff·]{{2,4}}?)(?:{TITLES})$")

OPENERS = "（(〔【[{《“"
CLOSERS = "）)〕】]}》”"

# Separators between names in a list: "县发展改革局、县农业农村局", "…〔单位〕，各镇人民政府…".
NAME_SEPARATORS = "、，,；;"
# Words joining two parties inside one list item: "市教育局及各区县".
JOINERS = re.compile(r"以及|及")

# A leader named by a 2-4 character personal name (丁卫东, 田丹).
PERSON_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")

# Jurisdiction prefixes whose accidental doubling is a typo: "县县民政局" (Shen County 2024, task 77).
DOUBLED_PREFIX = re.compile(r"^([县市区省州镇乡旗])\1")
