"""Every term taskgraph uses, in one place: roles, kinds of party, levels of government, views
and options, with the Chinese and English labels and the words real plans write for them.

The parser, the RDF writer, the analysis, the pages and the command line all read this module;
a label a new government uses is one more entry here, and a role can never mean one thing in a
bracket and another in a table (issue 10: ``参与单位`` did).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """What a party does for a task; the values are the JSON keys' singular forms."""

    LEAD_LEADER = "lead_leader"
    LEAD_UNIT = "lead_unit"
    RESPONSIBLE_UNIT = "responsible_unit"
    COOPERATING_UNIT = "cooperating_unit"

    @property
    def plural(self) -> str:
        return self.value + "s"

    @property
    def term(self) -> Term:
        return ROLE_TERMS[self]

    @property
    def label_zh(self) -> str:
        return ROLE_TERMS[self].zh


class Kind(StrEnum):
    """What a named party is."""

    PERSON = "person"  # a leader named by name: 丁卫东
    UNIT = "unit"  # one organisation: 县财政局
    COLLECTIVE = "collective"  # many unnamed parties: 各镇人民政府〔街道办事处〕, 县政府各位县长
    GROUP = "group"  # a named set of units the plan defines: 县属开发区管委会

    @property
    def term(self) -> Term:
        return KIND_TERMS[self]


class Level(StrEnum):
    """The level of government a plan (and its jurisdiction) belongs to."""

    NATIONAL = "national"
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    DISTRICT = "district"
    TOWN = "town"
    ZONE = "zone"

    @property
    def term(self) -> Term:
        return LEVEL_TERMS[self]


@dataclass(frozen=True)
class Term:
    """A term with its labels and a sentence saying what it means."""

    name: str
    zh: str
    en: str
    description: str = ""


ROLE_TERMS: dict[Role, Term] = {
    Role.LEAD_LEADER: Term("LeadLeader", "牵头领导", "lead leader", "The leader who oversees the task."),
    Role.LEAD_UNIT: Term("LeadUnit", "牵头单位", "lead unit", "A unit that leads the task."),
    Role.RESPONSIBLE_UNIT: Term(
        "ResponsibleUnit", "责任单位", "responsible unit", "A unit that answers for carrying the task out."
    ),
    Role.COOPERATING_UNIT: Term(
        "CooperatingUnit", "配合单位", "cooperating unit", "A unit that assists the lead."
    ),
}

KIND_TERMS: dict[Kind, Term] = {
    Kind.PERSON: Term("person", "领导", "leader", "A leader named by name."),
    Kind.UNIT: Term("unit", "单位", "unit", "One organisation: a bureau, a commission, a town government."),
    Kind.COLLECTIVE: Term(
        "collective", "泛指", "collective", "Many unnamed parties at once: 各镇人民政府, 县政府有关部门."
    ),
    Kind.GROUP: Term("group", "简称组", "group", "A short name a plan defines for several units."),
}

LEVEL_TERMS: dict[Level, Term] = {
    Level.NATIONAL: Term("national", "国家", "national", "The State Council and its ministries."),
    Level.PROVINCE: Term("province", "省级", "province", "A province, autonomous region or municipality."),
    Level.CITY: Term("city", "市级", "city", "A prefecture-level city (地级市) or autonomous prefecture."),
    Level.COUNTY: Term("county", "县级", "county", "A county, county-level city or banner."),
    Level.DISTRICT: Term("district", "区级", "district", "An urban district."),
    Level.TOWN: Term("town", "乡镇", "town", "A town, township or sub-district."),
    Level.ZONE: Term("zone", "功能区", "zone", "A development zone or new area with its own committee."),
}

# ---------------------------------------------------------------------------------------------
# The words real plans write for each role. Every place that reads a role (a label before a
# colon, a table column, a verb after names) maps through these tables.

# Labels before a colon: "牵头领导：丁卫东" (Shen County 2024), "分管省领导:林克庆" (Guangdong 2021).
ROLE_LABELS: dict[str, Role] = {
    **dict.fromkeys(
        (
            "牵头领导", "责任领导", "分管领导", "联系领导", "牵头负责领导", "主抓领导", "包抓领导",
            "牵头县领导", "牵头市领导", "牵头区领导", "牵头省领导", "牵头州领导", "牵头旗领导",
            "责任县领导", "责任市领导", "责任区领导", "责任省领导", "责任州领导", "责任旗领导", "责任盟领导",
            "分管旗领导", "分管盟领导", "牵头盟领导", "分管厅领导", "牵头厅领导", "分管局领导", "牵头局领导",
            "分管部领导", "牵头部领导", "责任部领导",
            "分管县领导", "分管市领导", "分管区领导", "分管省领导", "分管州领导", "分管副县长",
            "分管副市长", "分管副区长", "分管副省长", "联系县领导", "联系市领导", "联系区领导",
            "县级领导", "市级领导", "区级领导", "省级领导", "县领导", "市领导", "区领导", "省领导",
            "牵头负责同志", "责任人", "领导", "包村领导", "包联领导", "包片领导", "包保领导", "挂点领导",
        ),
        Role.LEAD_LEADER,
    ),
    **dict.fromkeys(
        (
            "牵头单位", "牵头部门", "牵头责任单位", "牵头负责单位", "牵头负责部门", "责任牵头单位",
            "牵头落实单位", "主办单位", "主办部门", "主责单位", "主责部门", "主要责任单位",
            "牵头处室", "牵头科室", "牵头", "牵头负责", "主办", "主办司局", "牵头司局", "主办处室",
            "牵头股室", "牵头站所", "主办科室",
        ),
        Role.LEAD_UNIT,
    ),
    **dict.fromkeys(
        (
            "责任单位", "责任部门", "承办单位", "落实单位", "实施单位", "责任主体", "具体责任单位",
            "负责单位", "负责部门", "负责落实单位", "工作责任单位", "责任处室", "责任科室", "责任司局",
            "责任站所", "责任站办所", "责任办所", "责任站办", "责任股室",
        ),
        Role.RESPONSIBLE_UNIT,
    ),
    **dict.fromkeys(
        (
            "配合单位", "配合部门", "协办单位", "协办部门", "协同单位", "协同部门", "协作单位",
            "协作部门", "协助单位", "参与单位", "参与部门", "参加单位", "配合处室", "配合", "协办",
            "协办司局", "配合司局", "参加司局", "配合科室", "配合股室", "配合站所", "协办科室", "协办处室",
        ),
        Role.COOPERATING_UNIT,
    ),
}  # fmt: skip

# Verbs after a list of names: "市教育局牵头，市人社局配合" (issue 10), "（市发展改革委负责）"
# (Tongchuan 2025). ``负责`` alone, with no 牵头 in the attribution, names the unit in charge.
ROLE_VERBS: dict[str, Role] = {
    "牵头负责": Role.LEAD_UNIT,
    "牵头抓总": Role.LEAD_UNIT,
    "牵头落实": Role.LEAD_UNIT,
    "牵头推进": Role.LEAD_UNIT,
    "牵头": Role.LEAD_UNIT,
    "主办": Role.LEAD_UNIT,
    "负总责": Role.RESPONSIBLE_UNIT,
    "抓落实": Role.RESPONSIBLE_UNIT,
    "抓好": Role.RESPONSIBLE_UNIT,
    "指导督促": Role.COOPERATING_UNIT,
    "督促指导": Role.COOPERATING_UNIT,
    "负责落实": Role.RESPONSIBLE_UNIT,
    "具体落实": Role.RESPONSIBLE_UNIT,
    "抓好落实": Role.RESPONSIBLE_UNIT,
    "组织实施": Role.RESPONSIBLE_UNIT,
    "负责": Role.RESPONSIBLE_UNIT,
    "落实": Role.RESPONSIBLE_UNIT,
    "配合": Role.COOPERATING_UNIT,
    "协办": Role.COOPERATING_UNIT,
    "协同": Role.COOPERATING_UNIT,
    "协作": Role.COOPERATING_UNIT,
    "协助": Role.COOPERATING_UNIT,
    "参与": Role.COOPERATING_UNIT,
}

# Table columns: a header cell names a role, the task, its number, or something else.
COLUMN_NUMBER = ("序号", "编号", "项目编号", "任务编号", "序")
COLUMN_TEXT = (
    "重点工作", "重点任务", "工作任务", "主要任务", "主要工作任务", "任务内容", "工作内容", "目标任务",
    "任务", "具体任务", "工作事项", "重点工作任务", "主要内容", "内容与要求", "工作目标", "目标要求",
    "主要目标", "指标", "指标名称", "预期目标", "主要指标", "重点事项", "事项", "具体工作", "工作重点",
    "主要工作", "民生实事", "实事项目", "项目名称", "重点工作内容", "主要预期目标", "年度目标",
    "重点项目", "项目", "建设项目", "工作要点",
)  # fmt: skip
# A column whose cells hold labelled fields ("牵头领导：王海 / 牵头单位：县农业农村局 / 责任单位：…").
COLUMN_DIVISION = (
    "责任分工", "分工", "任务分工", "责任分解", "分工情况", "责任领导及单位", "牵头领导及单位",
    "责任单位及领导", "责任主体", "牵头领导和单位", "责任领导和单位", "责任落实",
)  # fmt: skip
COLUMN_OTHER = (
    "备注", "完成时限", "时间节点", "完成时间", "时限要求", "时限", "工作进展", "进展情况", "推进情况",
    "工作措施", "具体措施", "目标值", "目标", "年度目标值", "计划", "进度安排", "阶段目标", "完成情况",
    "预期", "单位", "属性", "类别", "指标属性", "2023年完成", "2024年目标", "计量单位", "建设内容",
    "建设内容及规模", "建设规模", "总投资", "建设年限", "建设地点", "建设性质", "计划投资", "年度计划投资",
)  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Views of the network and the options that shape them.

VIEWS: dict[str, Term] = {
    "full": Term("full", "全图", "full", "Tasks, sections, units and leaders; edges labelled by role."),
    "units": Term(
        "units", "单位协作", "units", "Units tied when named on the same task; weight = shared tasks."
    ),
    "dependencies": Term(
        "dependencies", "牵头→责任", "dependencies", "Directed lead unit → responsible or cooperating unit."
    ),
    "leaders": Term(
        "leaders", "领导—单位", "leaders", "Leaders tied to the lead units of the tasks they oversee."
    ),
    "coleaders": Term(
        "coleaders", "领导协同", "coleaders", "Leaders tied when they oversee a task together."
    ),
}

COLLECTIVES: dict[str, Term] = {
    "exclude": Term("exclude", "排除", "exclude", "Collectives are left out of networks and measures."),
    "include": Term("include", "包含", "include", "Collectives are nodes like any unit."),
    "separate": Term("separate", "单列", "separate", "Left out of the network, reported in their own table."),
}

GROUPS: dict[str, Term] = {
    "expand": Term("expand", "拆分", "expand", "A group a plan defines is replaced by its member units."),
    "keep": Term("keep", "保留", "keep", "A group stays one node, as written."),
}


def check(value: str, allowed: dict[str, Term] | tuple[str, ...], what: str) -> str:
    """``value`` when it is one of ``allowed``; else a :class:`~taskgraph.errors.UsageError`.

    Examples
    --------
    >>> check("units", VIEWS, "view")
    'units'
    """
    if value not in allowed:
        from taskgraph.errors import UsageError

        raise UsageError(f"unknown {what} {value!r} (one of {', '.join(allowed)})")
    return value
