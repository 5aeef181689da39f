"""The words plans use, as data: role labels, collective names, bracket notes.

A plan of a new government that writes its roles differently needs a new entry here, not
a new branch in the parser.
"""

from __future__ import annotations

import re

from taskgraph.registry import ROLE_LABELS, ROLE_VERBS

# Longest label first, so that "牵头县领导" wins over "领导"; the colon may be half-width; a
# label may be bracketed ("【牵头单位】X") or letter-spaced in a heading cell.
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
NOTE_PREFIX = re.compile(r"^(含|包括|不含|除|负责|牵头|配合|协助|参与|主要|具体|按|排|列|下同|待|暂|原)")
# The bracket after a unit that marks it as the lead in a list: "市财政局（牵头）".
LEAD_NOTE = re.compile(r"[（(〔【\[［]牵头[）)〕】\]］]$")

# What a unit's name ends with; a predicate clause only counts when its names look like units.
UNIT_SUFFIX = re.compile(
    r"(局|委|办|室|厅|部|署|处|科|院|所|站|队|中心|公司|集团|政府|街道|办事处|管委会|委员会|单位|部门|银行|行"
    r"|协会|联合会|团委|妇联|总工会|法院|检察院|海关|镇|乡|区|县|市|组|社|台|馆|会|园|司|局等|门|联|协|校|场|库"
    r"|军|旗|州|省|团|支队|大队|总队|分局|专班|指挥部|工作组)$"
)

# Predicates instead of labels: "（市发展改革委负责）", "（市工信局牵头负责）",
# "（市政府办公室、市数据局牵头，市级各有关部门按职责分工负责）", "市教育局牵头，市人社局配合",
# and closing sentences "由市财政局负责落实。", "这项工作由县民政局负责。" (issue 10).
_VERBS = "|".join(sorted(map(re.escape, ROLE_VERBS), key=len, reverse=True))
PREDICATE = re.compile(
    r"^(?:[^，,。；;由]{0,16}?(?:均|都)?由)?"
    r"(?P<names>.+?)(?P<modifier>(?:按照|按|根据|依据|依)(?:职能职责|职责职能|职能|职责)(?:分工)?|各自|分别|共同|具体|积极|负总责并)?"
    rf"(?P<verb>{_VERBS})(?:工作|实施|推进|完成)?$"
)
PREDICATE_ROLES = ROLE_VERBS
# Labels whose value is written with predicates: "部门分工：市教育局牵头，市人社局配合。"
PREDICATE_LABEL = re.compile(r"^(部门分工|责任分工|任务分工|工作分工|分工)\s*[:：]")

# The whole plan says the first unit listed leads: "列第一位者为牵头单位，下同".
# Also "排名第一的为牵头单位", "第一个责任单位为牵头单位" (issue 10).
FIRST_LISTED_LEADS = re.compile(
    r"(列|排|排列|排名)?(在)?(第一|首)(位|个|家)?(者|的)?(责任|配合)?(单位|部门)?(为|是)(工作|主要)?牵头(单位|部门)?"
)

# A plan's note that a mark on a unit names the lead: "责任单位中标注★的为牵头单位" (issue 10).
MARKED_LEADS = re.compile(r"[★☆▲△※＊*][”\"]?号?(?:的|者)?(?:单位)?(?:为|是)(?:工作)?牵头")

# A box's title: "专栏1　数字经济重点工程", "专栏二 重大项目清单"; its numbered lines are no tasks.
BOX = re.compile(r"^专栏\s*[0-9\uff10-\uff19一二三四五六七八九十]+")

# Leader titles after a name: "李明副市长", "王强省长".
TITLES = (
    "省长助理|市长助理|县长助理|区长助理|挂职副省长|挂职副市长|挂职副县长|挂职副区长|"
    "常务副省长|副省长|省长|常务副市长|副市长|市长|常务副县长|副县长|县长|常务副区长|副区长|区长|"
    "副州长|州长|副旗长|旗长|副盟长|盟长|常务副专员|副专员|专员|副镇长|镇长|副乡长|乡长|副部长|部长|副厅长|厅长|"
    "一级巡视员|二级巡视员|一级调研员|二级调研员|总农艺师|总工程师|总经济师|总会计师|总规划师|"
    "副主席|主席|秘书长|副秘书长|书记|副书记|主任|副主任|同志"
)
# A post in the party held beside the title: "县委常委、副县长 刘建华", "县委副书记、县长杨振华",
# "县委常委、宣传部部长孔令华", "县委常委、政法委书记王立新".
PARTY_POST = (
    r"(?:(?:[省市县区州旗]委)?常委|[省市县区州旗]委(?:副)?书记"
    r"|(?:[省市县区州旗]委)?(?:宣传部|组织部|统战部)(?:常务副|副)?部长"
    r"|(?:[省市县区州旗]委)?(?:政法委|纪委|纪委监委)(?:常务副|副)?书记"
    r"|(?:[省市县区州旗](?:人民)?政府)?党组(?:成员|副书记|书记)"
    # a town's: "党委副书记、镇长张德明", "党委委员、武装部长赵刚", "镇人大主席王海涛"
    r"|党(?:工)?委(?:副书记|书记|委员)|(?:组织|宣传|统战|纪检|政法)委员|武装部长"
    r"|(?:[镇乡]|街道)?人大(?:工委)?(?:副)?(?:主席|主任))"
)
# A heading that names the leader of the tasks under it: "李明副市长牵头重点工作",
# "王强省长主抓重点工作", "由常务副市长张伟牵头的工作（3项）", "李娟副县长牵头（2项）";
# or a line "分管市领导：李明".
LEADER_HEADING = re.compile(
    rf"^(?:[一二三四五六七八九十]{{1,3}}、|[（(][一二三四五六七八九十]{{1,3}}[）)]|第[一二三四五六七八九十]{{1,3}}部分)?\s*(?:由)?"
    rf"(?P<person>(?P<name>(?!常务)[\u4e00-\u9fff·]{{2,4}}?)(?:同志)?[（(]?(?:{TITLES})[）)]?"
    rf"|(?:(?:{PARTY_POST})?(?:{TITLES})|{PARTY_POST})(?P<after>[\u4e00-\u9fff·]{{2,4}}?)"
    rf"|(?P<title>{TITLES}))(?:同志)?"
    r"(?P<verb>牵头负责|负责牵头|牵头|主抓|分管|负责|联系)"
    r"(?:(?:的)?(?:重点|主要)?(?:工作|任务|事项)|\s*(?:[（(]\s*(?:共)?\d+\s*项\s*[）)])?[:：]?\s*$)"
)
# A heading that names both, the leader first: "一、由县长张德明负责、县发改局牵头的工作".
LEADER_UNIT_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])?\s*由(?P<leader>[^，,、；;：:]{2,16}?)"
    r"(?:负责|主抓|分管|牵头)[、，,](?P<units>[^，,。；;：:]{2,60}?)(?:牵头|负责)(?:落实)?的(?:重点|主要)?(?:工作|任务|事项)"
)
LEADER_LINE = re.compile(r"^(?:分管|牵头|责任|联系)[省市县区州旗]?(?:级)?领导\s*[:：]\s*(?P<names>.+)$")
PERSON_WITH_TITLE = re.compile(
    rf"^(?P<name>(?!常务|挂职)(?:[\u4e00-\u9fff]{{1,6}}·[\u4e00-\u9fff·]{{1,10}}?|[\u4e00-\u9fff·]{{2,4}}?))\s*(?:[（(]?(?:{PARTY_POST}[、，,]?)*(?:{TITLES}|{PARTY_POST})[）)]?"
    # a post in brackets after the name: "魏东升（县公安局局长）"
    r"|[（(][\u4e00-\u9fff、]{2,20}(?:长|书记|主任|委员|主席)[）)])$"
)
# A title alone: "副市长" in "副市长 李建华", "（副区长）" after a name.
TITLE_ONLY = re.compile(rf"^[（(]?(?:常务)?(?:{TITLES}|{PARTY_POST})[）)]?$")
# A title before the name: "副县长李明", "常务副市长 王强" (issue 10), "副县长（挂职）赵一鸣", after
# any posts: "县委常委、宣传部部长孔令华".
TITLE_THEN_PERSON = re.compile(
    rf"^(?:{PARTY_POST}[、，,]?\s*)*(?:(?:{TITLES})(?:[（(]挂职[）)])?|{PARTY_POST})\s*(?P<name>[\u4e00-\u9fff]{{1,6}}·[\u4e00-\u9fff·]{{1,10}}|[\u4e00-\u9fff·]{{2,4}})"
    r"(?:[（(][\u4e00-\u9fff、]{2,20}(?:长|书记|主任|委员|主席)[）)])?$"
)
# A post alone, before the title and name it goes with: "县委常委" in "县委常委、副县长 刘建华".
POST_ONLY = re.compile(rf"^{PARTY_POST}$")
# A heading naming the unit that leads the tasks under it: "县示范区管委会牵头工作（8项）",
# "市发展改革委牵头的重点任务" (issue 10).
# Also a unit and the count of its tasks: "一、县发展和改革局（3项）", "县教育局牵头（2项）" (a plan
# ordered by lead unit); then the name must end as a body does (局, 委, 中心 …), not as a field of
# work ("数字政府（5项）", "产业园区（3项）" are sections).
UNIT_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])?\s*(?P<names>[^，,。；;：:（(]{3,60}?)"
    r"(?:(?:牵头负责|牵头|主抓|负责|承担)(?:的|落实的)?(?:重点|主要)?(?:工作|任务|事项)(?:[（(]\s*(?:共)?\d+\s*项\s*[）)])?"
    r"|(?:牵头|负责)?\s*(?P<counted>[（(]\s*(?:牵头|负责)?\s*(?:共)?\d+\s*项\s*[）)]))[:：]?$"
)
BODY_NAME = re.compile(r"(局|委|办|办公室|中心|管委会|委员会|公司|集团|人民政府|法院|检察院|分局|大队|支队)$")
# One attribution for several targets above it: "以上4项目标的责任单位均为市发展改革委" (issue 10),
# "上述指标由市统计局牵头负责".
# It speaks of what it covers (目标, 任务, 指标 …) or whose it is (由, 均, a role) within a few
# characters: "以上。" or "以上的企业" at the start of a line is "or more" wrapped from the line before.
MULTI_TARGET = re.compile(
    r"^(?:以上|上述)(?P<count>\d{1,3}|[一二三四五六七八九十]{1,3})?(?:项|个|条)?"
    r"(?=[^，,。；;（(]{0,12}?(?:目标|任务|工作|指标|事项|内容|项目|措施|责任|牵头|负责|由|均))[^，,。]{0,12}?"
)
# The same with a role and its value: "以上4项目标的责任单位均为市发展改革委" (issue 10).
MULTI_TARGET_ROLE = re.compile(
    MULTI_TARGET.pattern
    + r"(?:的)?(?P<label>"
    + "|".join(sorted(map(re.escape, ROLE_LABELS), key=len, reverse=True))
    + r")(?:(?:均|都|统一|皆)?(?:为|是|由)[:：]?|\s*[:：])(?P<names>.+?)[。.]?$"
)
# Notes in brackets that speak for the whole plan and name no unit: "（列第一位者为工作牵头单位
# 或汇总单位，下同）" (Huzhou 2020), "（除标注为“牵头”单位外，列第一位的为牵头或汇总单位，下同）"
# (Zhejiang 2024), "（以下各项均需各区配合，不再列出）".
STANDING_NOTE = re.compile(
    r"下同|不再列出|不再一一列出|第一位|第一个|排第一|列第一|汇总单位|除标注|以下各项|以下同"
)
# A deadline or a manner of work inside an attribution, not a party: "完成时限：2024年12月底",
# "年内持续推进" (State Council 2020), "长期坚持", "2024年6月底前".
DEADLINE = re.compile(
    r"^(?:完成时限|时限要求|时间节点|完成时间|时限|时间)?[:：]?\s*(?:\d{4}\s*年|年内|年底|年末|全年|长期|持续|"
    r"\d{1,2}\s*月|[一二三四]季度|每年|逐年|上半年|下半年|常态化|按时|按期|\d{4}[-./]\d)"
)
# A key other than a role before a colon: "完成时限：…" ends the field before it.
OTHER_KEY = re.compile(r"^[\u4e00-\u9fff]{2,8}\s*[:：]")
# A header after a task that introduces notes, not tasks: "进展情况：1.完成规划编制。",
# "年度阶段性工作目标:" / "第一季度:" (Guangzhou 2019).
NOTES_HEADER = re.compile(
    r"^(进展情况|工作进展|进展落实情况|落实情况|完成情况|推进情况|具体推进情况|进度安排|工作措施|具体措施|"
    r"备\s*注|年度阶段性工作目标|阶段性目标|工作目标|\d{4}年工作计划|工作计划|第[一二三四]季度|[一二三四]季度)\s*[:：]"
)

OPENERS = "（(〔【[［{《〈“"
CLOSERS = "）)〕】]］}》〉”"

# Separators between names in a list: "县发展改革局、县农业农村局", "…〔单位〕，各镇人民政府…".
NAME_SEPARATORS = "、，,；;"
# Words joining two parties inside one list item: "市教育局及各区县".
JOINERS = re.compile(r"以及|及")

# Surnames, for leaders' names written together in one cell ("王东李明"): a name starts at one.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "诸葛",
    "上官",
    "东方",
    "夏侯",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "长孙",
    "宇文",
    "司徒",
    "令狐",
)
# A leader named by a 2-4 character personal name (丁卫东, 田丹).
# A name: two to four characters, or a transliterated one with a middle dot ("艾尔肯·买买提").
PERSON_NAME = re.compile(r"^(?:[\u4e00-\u9fff·]{2,4}|[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff·]{1,10})$")

# Jurisdiction prefixes whose accidental doubling is a typo: "县县民政局" (Shen County 2024, task 77).
DOUBLED_PREFIX = re.compile(r"^([县市区省州镇乡旗])\1(?!场)")
