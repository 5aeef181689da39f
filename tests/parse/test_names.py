"""One test per name resolution rule of the gold's 'about' field."""

from __future__ import annotations

from taskgraph.model import Kind
from taskgraph.parse import parse_plan


def _leaders(plan):
    """Each task's leaders as (name, kind)."""
    return [
        [(a.party.name, a.party.kind.value) for a in t.assignments if a.role.value == "lead_leader"]
        for t in plan.tasks
    ]


def _plan(*attributions: str):
    body = "\n".join(f"{i}.任务{i}。（{a}）" for i, a in enumerate(attributions, start=1))
    return parse_plan("一、目标\n" + body)


def test_second_nameplate():
    """'县财政局〔县国资局〕' is one organisation, canonical 县财政局, both names kept."""
    plan = _plan("牵头单位：县财政局〔县国资局〕")
    party = plan.tasks[0].lead_units[0]
    assert (party.name, party.as_written, party.kind) == ("县财政局", "县财政局〔县国资局〕", Kind.UNIT)
    assert dict(plan.aliases) == {"县国资局": "县财政局"}


def test_name_written_only_by_second_nameplate():
    """'县乡村振兴局' alone resolves to the organisation that carries it, defined before or after."""
    plan = _plan("牵头单位：县乡村振兴局", "牵头单位：县农业农村局〔县乡村振兴局〕")
    assert [t.lead_units[0].name for t in plan.tasks] == ["县农业农村局", "县农业农村局"]
    assert plan.tasks[0].lead_units[0].as_written == "县乡村振兴局"


def test_abbreviation_defines_group():
    """'〔以下简称X〕' defines group X of the 、-joined run ending at the defining unit."""
    plan = _plan(
        "牵头单位：县财政局；责任单位：各镇人民政府〔街道办事处〕，甲管委会、乙中心、丙管委会〔以下简称开发区〕",
        "牵头单位：县财政局；责任单位：开发区",
    )
    assert dict((g.name, g.members) for g in plan.groups) == {"开发区": ("甲管委会", "乙中心", "丙管委会")}
    defining = plan.tasks[0].responsible_units[-1]
    assert defining.name == "丙管委会" and defining.kind is Kind.UNIT
    assert plan.tasks[1].responsible_units[0].kind is Kind.GROUP


def test_collective_units_kept_whole():
    """Collective names keep their bracket and their own kind."""
    plan = _plan("牵头单位：县财政局；责任单位：县政府有关部门〔单位〕，各镇人民政府〔街道办事处〕")
    units = plan.tasks[0].responsible_units
    assert [(u.name, u.kind) for u in units] == [
        ("县政府有关部门〔单位〕", Kind.COLLECTIVE),
        ("各镇人民政府〔街道办事处〕", Kind.COLLECTIVE),
    ]
    assert plan.aliases == ()


def test_collective_leader():
    """'县政府各位县长' is a collective leader, not a person."""
    plan = _plan("牵头领导：县政府各位县长；牵头单位：县政府办公室")
    assert plan.tasks[0].lead_leaders[0].kind is Kind.COLLECTIVE


def test_duplication_typo_corrected():
    """'县县民政局' becomes 县民政局 and the written form is kept."""
    plan = _plan("牵头单位：县县民政局")
    party = plan.tasks[0].lead_units[0]
    assert (party.name, party.as_written) == ("县民政局", "县县民政局")
    assert dict(plan.typos) == {"县县民政局": "县民政局"}


def test_brackets_respected_when_splitting():
    """Separators inside brackets do not split a name."""
    plan = _plan("牵头单位：县发改局（粮食局、物价局）、县财政局")
    assert [u.as_written for u in plan.tasks[0].lead_units] == ["县发改局（粮食局、物价局）", "县财政局"]


def test_role_vocabulary_and_halfwidth():
    """责任领导 / 配合单位 / 协办单位 labels and half-width punctuation are understood."""
    plan = parse_plan(
        "一、目标\n1.甲。(责任领导:张三;牵头单位:县财政局;配合单位:县审计局,县税务局)\n"
        "2.乙。（分管领导：李四；牵头单位：县商务局；协办单位：县统计局）"
    )
    first, second = plan.tasks
    assert [p.name for p in first.lead_leaders] == ["张三"]
    assert [p.name for p in first.cooperating_units] == ["县审计局", "县税务局"]
    assert [p.name for p in second.lead_leaders] == ["李四"]
    assert [p.name for p in second.cooperating_units] == ["县统计局"]


def test_a_leaders_title_spaced_from_the_name_is_no_second_person():
    """ "副市长 李建华", "周永强 副区长" and "周永强（副区长）" are one leader each, named without the title."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "一、工业经济（分管县领导：副县长 张建国）\n"
        "1.规上工业增加值增长8%。（责任单位：县工信局）\n"
        "二、城市建设\n"
        "2.改造老旧小区11个。（牵头领导：副市长 李建华、周永强 副区长；牵头单位：市住建局）\n"
        "3.新建公园3处。（责任领导：周永强（副区长）；牵头单位：市城管局）\n"
    )
    leaders = [[name for name, _ in task] for task in _leaders(plan)]
    assert leaders == [["张建国"], ["李建华", "周永强"], ["周永强"]]
    assert all(
        a.party.kind.value == "person"
        for t in plan.tasks
        for a in t.assignments
        if a.role.value == "lead_leader"
    )


def test_a_party_post_before_the_title_goes_with_its_leader():
    """ "县委常委、副县长 刘建华", "县委常委 刘建华" and "刘建华（县委常委、副县长）" are one leader, 刘建华."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "1.推进乡村振兴。（牵头领导：县委常委、副县长 刘建华；牵头单位：县农业农村局）\n"
        "2.推进城市更新。（牵头领导：县委常委 刘建华、副县长 王强；牵头单位：县住建局）\n"
        "3.推进国企改革。（牵头领导：刘建华（县委常委、副县长）；牵头单位：县财政局）\n"
    )
    leaders = _leaders(plan)
    assert leaders == [
        [("刘建华", "person")],
        [("刘建华", "person"), ("王强", "person")],
        [("刘建华", "person")],
    ]


def test_more_posts_and_titles_leave_the_leaders_name():
    """县政府党组成员、副县长李明 / 挂职副县长张三 / 县长助理王五 are 李明, 张三, 王五; a heading that
    names a leader by title only (县长牵头的重点工作, 常务副县长牵头的重点工作) keeps the title."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "1.推进国企改革。（牵头领导：县政府党组成员、副县长李明；牵头单位：县财政局）\n"
        "2.推进招商引资。（牵头领导：挂职副县长张三、县长助理王五；牵头单位：县商务局）\n"
        "3.完成高标准农田2000亩。（责任领导：张明；责任站所：农业综合服务中心）\n"
    )
    leaders = [[name for name, _ in task] for task in _leaders(plan)]
    assert leaders == [["李明"], ["张三", "王五"], ["张明"]]
    assert ("responsible_unit", "农业综合服务中心") in {
        (a.role.value, a.party.name) for a in plan.tasks[2].assignments
    }
    titled = parse_plan(
        "一、县长牵头的重点工作\n1.地区生产总值增长6%。（牵头单位：县发改局）\n"
        "二、常务副县长牵头的重点工作\n2.一般公共预算收入增长5%。（牵头单位：县财政局）\n"
    )
    assert [
        [a.party.as_written for a in t.assignments if a.role.value == "lead_leader"] for t in titled.tasks
    ] == [
        ["县长"],
        ["常务副县长"],
    ]
    assert titled.tasks[1].assignments[0].party.name == "常务副县长"


def test_lists_closed_by_deng_or_a_predicate_and_split_by_slashes():
    """ "…、市农业农村局等" and "…等按职责分工负责" after a label drop the closing words; "区发改局/区商务局"
    is two units; "市教育局等有关部门" stays whole."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "1.治理水环境。（牵头单位：市生态环境局；责任单位：市水务局、市农业农村局等）\n"
        "2.优化金融服务。（责任单位：市发改委、人行市中心支行等按职责分工负责）\n"
        "3.推进数字经济。（牵头单位：区工信局/区数据局；责任单位：市教育局等有关部门）\n"
    )
    names = [[a.party.name for a in t.assignments] for t in plan.tasks]
    assert names == [
        ["市生态环境局", "市水务局", "市农业农村局"],
        ["市发改委", "人行市中心支行"],
        ["区工信局", "区数据局", "市教育局等有关部门"],
    ]


def test_party_secretaries_department_heads_and_bracketed_notes_leave_the_name():
    """县委副书记、县长杨振华 / 县委常委、宣传部部长孔令华 / 副县长（挂职）赵一鸣 / 县委副书记、县长 鲍文涛
    are 杨振华, 孔令华, 赵一鸣, 鲍文涛: a 、 inside a leader's posts separates no two leaders."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "1.推进乡村振兴。（牵头领导：县委副书记、县长杨振华，县委常委、宣传部部长孔令华；牵头单位：县农业农村局）\n"
        "2.推进城市更新。（牵头领导：副县长（挂职）赵一鸣，县政府党组成员 钱德兴；牵头单位：县住建局）\n"
        "3.推进国企改革。（牵头领导：县委副书记、县长 鲍文涛，县委常委、常务副县长 谭志刚；牵头单位：县财政局）\n"
        "4.推进平安建设。（牵头领导：县委常委、政法委书记王立新；牵头单位：县公安局）\n"
    )
    leaders = _leaders(plan)
    assert leaders == [
        [("杨振华", "person"), ("孔令华", "person")],
        [("赵一鸣", "person"), ("钱德兴", "person")],
        [("鲍文涛", "person"), ("谭志刚", "person")],
        [("王立新", "person")],
    ]


def test_he_parts_two_units_only_when_the_second_names_its_place():
    """和 joins the words of one name (国有林场和种苗管理司, 县工业和信息化局) and parts two units
    that each name their place (市教育局和市人社局, 各乡镇和县直各部门)."""
    from taskgraph.parse.attribution import split_names

    def names(text):
        return [w.text for w in split_names(text)]

    assert names("规划财务司、国有林场和种苗管理司、各派出机构") == [
        "规划财务司",
        "国有林场和种苗管理司",
        "各派出机构",
    ]
    assert names("县工业和信息化局") == ["县工业和信息化局"]
    assert names("市教育局和市人社局") == ["市教育局", "市人社局"]
    assert names("各乡镇和县直各部门") == ["各乡镇", "县直各部门"]


def test_town_and_ministry_leaders_and_posts_in_brackets_leave_the_name():
    """党委副书记、镇长张德明 / 党委委员、武装部长赵刚 / 副镇长 陈芳 / 镇人大主席王海涛 /
    周志勇（区委常委、政法委书记）/ 副县长 魏东升（县公安局局长）/ 陈光明部长: each one person, by name;
    a heading 陈光明部长牵头重点工作 gives its tasks their leader."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "一、重点任务\n"
        "1.推进乡村振兴。（牵头领导：党委副书记、镇长张德明；牵头单位：农业农村办）\n"
        "2.推进平安建设。（牵头领导：党委委员、武装部长赵刚，党委委员、组织委员吴婷；牵头单位：党政办）\n"
        "3.推进城镇建设。（牵头领导：副镇长 陈芳、镇人大主席王海涛；牵头单位：经发办）\n"
        "4.推进法治建设。（牵头领导：周志勇（区委常委、政法委书记）；牵头单位：区司法局）\n"
        "5.推进治安防控。（牵头领导：副县长 魏东升（县公安局局长）；牵头单位：县公安局）\n"
        "二、陈光明部长牵头重点工作\n"
        "6.推进自然资源调查。（规划司牵头，调查司参与）\n"
    )
    leaders = _leaders(plan)
    assert leaders == [
        [("张德明", "person")],
        [("赵刚", "person"), ("吴婷", "person")],
        [("陈芳", "person"), ("王海涛", "person")],
        [("周志勇", "person")],
        [("魏东升", "person")],
        [("陈光明", "person")],
    ]


def test_leaders_of_leagues_prefectures_and_departments_and_their_headings():
    """盟长巴图孟和 / 艾尔肯·买买提专员 / 刘红梅二级巡视员 leave the name; 责任州领导 labels a leader;
    "一、…（州长扎西才让牵头）" and "其木格副盟长牵头负责的重点工作" head their tasks; two leaders with
    their posts in one cell are two."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "一、巩固拓展脱贫攻坚成果（州长扎西才让牵头）\n"
        "1.守牢不发生规模性返贫底线。（牵头单位：州乡村振兴局）\n"
        "二、其木格副盟长牵头负责的重点工作\n"
        "2.推进草原生态保护。（牵头单位：盟林草局）\n"
        "三、其他重点工作\n"
        "3.推进南疆交通建设。（责任州领导：艾尔肯·买买提专员；牵头单位：州交通运输局）\n"
        "4.推进畜牧业发展。（分管厅领导：刘红梅二级巡视员；牵头处室：畜牧处）\n"
        "5.推进新区建设。（牵头领导：刘洋（管委会副主任） 陈思远（管委会副主任）；牵头单位：建设局）\n"
        "6.推进草原旅游。（牵头领导：盟长巴图孟和；牵头单位：盟文旅局）\n"
    )
    leaders = [[name for name, _ in task] for task in _leaders(plan)]
    assert leaders == [
        ["扎西才让"],
        ["其木格"],
        ["艾尔肯·买买提"],
        ["刘红梅"],
        ["刘洋", "陈思远"],
        ["巴图孟和"],
    ]


def test_a_leaders_posts_on_a_line_of_their_own_in_the_cell():
    """ "刘建平" / "区委常委、常务副区长" in one cell is one leader, 刘建平; "乡长、副乡长" stay two."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "一、重点任务\n1.推进改革。（牵头领导：刘建平 区委常委、常务副区长；牵头单位：区发改局）\n"
        "2.推进开放。（牵头领导：乡长、副乡长；牵头单位：区商务局）\n"
    )
    leaders = [[name for name, _ in task] for task in _leaders(plan)]
    assert leaders == [["刘建平"], ["乡长", "副乡长"]]


def test_more_forms_of_a_leader_over_a_block():
    """ "孙蕾同志（副县长）牵头负责（共2项）", "黄立新（常务副区长）牵头负责的工作", "区政府党组成员郑凯牵头负责的
    工作" head their tasks; "以上工作由副县长张建军分管。" closing a section gives its tasks their leader."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "一、孙蕾同志（副县长）牵头负责（共1项）\n1.推进招商引资。（牵头单位：县商务局）\n"
        "二、黄立新（常务副区长）牵头负责的工作\n2.推进教育。（牵头单位：县教育局）\n"
        "三、区政府党组成员郑凯牵头负责的工作\n3.推进改革。（牵头单位：区发改局）\n"
        "四、惠民生\n4.推进养老服务。（牵头单位：县民政局）\n5.推进托育服务。（牵头单位：县卫健局）\n"
        "以上工作由副县长张建军分管。\n"
    )
    assert [[name for name, _ in task] for task in _leaders(plan)] == [
        ["孙蕾"],
        ["黄立新"],
        ["郑凯"],
        ["张建军"],
        ["张建军"],
    ]


def test_two_leaders_over_a_block_and_a_closing_leader_with_posts():
    """ "副区长胡楠、区政府党组成员郑凯牵头负责的工作" gives both; "以上工作由县委常委、副县长周玉兰同志分管。" gives 周玉兰."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "一、副区长胡楠、区政府党组成员郑凯牵头负责的工作（1项）\n1.推进城市更新。（牵头单位：区住建局）\n"
        "二、社会事业\n2.推进教育。（牵头单位：县教育局）\n以上工作由县委常委、副县长周玉兰同志分管。\n"
    )
    assert [[name for name, _ in task] for task in _leaders(plan)] == [["胡楠", "郑凯"], ["周玉兰"]]
