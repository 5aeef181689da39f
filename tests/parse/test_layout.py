"""The parts of a plan: notice, issuer, date, publication note, title, headings, cc, printing line."""

from __future__ import annotations

import pytest

from taskgraph.parse.frontmatter import parse_date
from taskgraph.parse.markers import chinese_number


def _roles(plan, sort=False):
    """Each task's (role, name) pairs, in the plan's order or sorted."""
    pairs = [[(a.role.value, a.party.name) for a in t.assignments] for t in plan.tasks]
    return [sorted(p) for p in pairs] if sort else pairs


def test_notice_is_not_sections(plan):
    """The notice's numbered requirements (一、统一思想认识…) are not plan sections."""
    assert [s.title for s in plan.sections] == [
        "一、主要预期目标",
        "二、2024 年主要工作任务",
        "三、切实加强政府自身建设",
    ]
    assert plan.notice.startswith("一、统一思想认识，提高政治站位。")
    assert plan.notice.endswith("确保全年各项目标任务圆满完成。")


def test_title_spans_two_lines(plan):
    """The title broken over two lines is joined."""
    assert plan.title == "2024年县政府工作报告重点工作任务责任分工方案"


def test_printing_line(plan):
    """The printing line gives the issuing office and the print date; the cc list is split."""
    assert plan.issued_by_office == "莘县人民政府办公室"
    assert plan.printed == "2024-01-20"
    assert plan.cc[0] == "县委有关部门" and plan.cc[-1] == "县人武部"


def test_last_task_stops_at_cc(plan):
    """Task 92's text ends at its attribution; the cc list is not part of it."""
    assert "抄送" not in plan.tasks[-1].text
    assert plan.tasks[-1].responsible_units[-1].name == "县属开发区管委会"


def test_subsections(plan):
    """Subsections (一)…(七) sit under section 二."""
    assert len(plan.sections[1].subsections) == 7
    assert plan.tasks[3].subsection == "（一）聚焦重点项目，持续厚植发展动能"
    assert plan.tasks[87].subsection is None


def test_dates_and_numbers():
    """Dates in digits or Chinese numerals become ISO 8601."""
    assert parse_date("2024年1月20日") == "2024-01-20"
    assert parse_date("二〇二三年十二月三十一日") == "2023-12-31"
    assert parse_date("2024年13月1日") is None
    assert chinese_number("九十九") == 99


def test_or_more_wrapped_to_the_next_line_is_no_attribution_for_several():
    """A line starting "以上" after a wrap ("增长6.5%" / "以上。（牵头…）") goes on with the task;
    "以上2项目标的责任单位均为X" covers the two targets above it."""
    from taskgraph import parse_plan

    wrapped = parse_plan(
        "一、主要目标\n1.服务业增加值增长6.5%\n以上。（牵头领导：丁卫东；牵头单位：县发展改革局）\n"
        "2.新增就业4200人。（牵头单位：县人力资源社会保障局）\n"
    )
    assert [(t.number, t.text) for t in wrapped.tasks] == [
        ("1", "服务业增加值增长6.5%以上。"),
        ("2", "新增就业4200人。"),
    ]
    assert [a.party.name for a in wrapped.tasks[0].assignments] == ["丁卫东", "县发展改革局"]
    covered = parse_plan(
        "一、主要目标\n1.地区生产总值增长6%。\n2.一般公共预算收入增长6%。\n以上2项目标的责任单位均为县发展改革局。\n"
    )
    assert [[a.party.name for a in t.assignments] for t in covered.tasks] == [["县发展改革局"]] * 2


def test_role_labels_in_square_brackets_without_a_colon():
    """【牵头领导】王刚【牵头单位】X【责任单位】Y, inline or a label a line, reads as labelled fields."""
    from taskgraph import parse_plan

    inline = parse_plan(
        "一、优化营商环境\n1.全面推行企业开办“一日办结”。【牵头领导】王刚【牵头单位】县市场监管局"
        "【责任单位】县税务局、县行政审批局\n2.深化审批制度改革。【牵头单位】县住建局【责任单位】县自然资源局\n"
    )
    lines = parse_plan(
        "1.全面推行企业开办一日办结。\n【牵头单位】县市场监管局\n【责任单位】：县税务局、县行政审批局\n"
        "2.深化审批制度改革。\n【牵头单位】县住建局\n"
    )
    for plan in (inline, lines):
        first = plan.tasks[0]
        assert first.text.startswith("全面推行企业开办") and "牵头" not in first.text
        by_role = {(a.role.value, a.party.name) for a in first.assignments}
        assert {
            ("lead_unit", "县市场监管局"),
            ("responsible_unit", "县税务局"),
            ("responsible_unit", "县行政审批局"),
        } <= by_role
        assert {(a.role.value, a.party.name) for a in plan.tasks[1].assignments} >= {
            ("lead_unit", "县住建局")
        }
    assert ("lead_leader", "王刚") in {(a.role.value, a.party.name) for a in inline.tasks[0].assignments}


def test_names_on_lines_of_their_own_in_one_table_cell_are_apart(tmp_path):
    """<td>县财政局<br>各乡镇人民政府</td>: two responsible units, not one glued name; a task's
    text broken over two lines of its cell stays one text."""
    from taskgraph import read_plan

    page = tmp_path / "plan.html"
    page.write_text(
        "<html><head><meta charset='utf-8'><title>2024年县政府重点工作任务分解表</title></head><body>"
        "<p>2024年县政府重点工作任务分解表</p><table>"
        "<tr><th>序号</th><th>工作任务</th><th>牵头领导</th><th>牵头单位</th><th>责任单位</th></tr>"
        "<tr><td>1</td><td>新建农村<br>幸福院10处。</td><td>李娟<br>王刚</td><td>县民政局</td>"
        "<td>县财政局<br>各乡镇人民政府</td></tr>"
        "<tr><td>2</td><td>新增城镇就业3200人。</td><td>李娟</td><td>县人社局</td><td>县教体局</td></tr>"
        "</table></body></html>",
        encoding="utf-8",
    )
    task = read_plan(page).tasks[0]
    assert task.text == "新建农村幸福院10处。"
    by_role = [(a.role.value, a.party.name) for a in task.assignments]
    assert by_role == [
        ("lead_leader", "李娟"),
        ("lead_leader", "王刚"),
        ("lead_unit", "县民政局"),
        ("responsible_unit", "县财政局"),
        ("responsible_unit", "各乡镇人民政府"),
    ]


def test_a_table_broken_by_a_page_goes_on_without_its_header(tmp_path):
    """The second <table> after a page number, with no header row of its own, holds tasks 3 and 4
    of the same table: read against the first table's columns, not dropped."""
    from taskgraph import read_plan

    def rows(numbers: range) -> str:
        return "".join(
            f"<tr><td>{n}</td><td>第{n}项任务。</td><td>王刚</td><td>县交通运输局</td><td>各乡镇人民政府</td></tr>"
            for n in numbers
        )

    page = tmp_path / "plan.html"
    page.write_text(
        "<html><head><meta charset='utf-8'></head><body><p>2024年县政府重点工作任务分解表</p><table>"
        "<tr><td>序号</td><td>工作任务</td><td>牵头领导</td><td>牵头单位</td><td>责任单位</td></tr>"
        f"{rows(range(1, 3))}</table><p>— 2 —</p><table>{rows(range(3, 5))}</table></body></html>",
        encoding="utf-8",
    )
    plan = read_plan(page)
    assert [(t.number, t.text) for t in plan.tasks] == [(str(n), f"第{n}项任务。") for n in range(1, 5)]
    assert all(len(t.assignments) == 3 for t in plan.tasks)


def test_leader_headings_with_you_and_a_bare_count():
    """ "由常务副市长张伟牵头的工作（3项）" and "李娟副县长牵头（2项）" give their leader to the tasks below."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "一、由常务副市长张伟牵头的工作（1项）\n1.一般公共预算收入增长5%。（责任单位：市财政局、市税务局）\n"
        "二、李娟副县长牵头（1项）\n1.新增城镇就业3200人。（责任单位：县人社局）\n"
    )
    leaders = [[a.party.name for a in t.assignments if a.role.value == "lead_leader"] for t in plan.tasks]
    assert leaders == [["张伟"], ["李娟"]]
    assert "牵头" not in "".join(t.text for t in plan.tasks)


def test_a_line_naming_only_leaders_heads_the_tasks_below_it():
    """ "牵头区领导：周永强" over tasks that carry their own brackets is their leader until the next
    such line; it is neither the title's attribution nor the task above's."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "2024年区政府重点工作责任分解\n\n牵头区领导：周永强\n"
        "1.全年招引亿元以上项目30个。（牵头单位：区投资促进局；责任单位：各街道办事处）\n"
        "2.实际使用外资增长10%。（牵头单位：区商务局）\n牵头区领导：吴晓燕\n"
        "3.新增城镇就业8000人。（牵头单位：区人社局）\n4.完成12个老旧小区改造。（牵头单位：区住建局）\n"
    )
    assert [t.number for t in plan.tasks] == ["1", "2", "3", "4"]
    leaders = [[a.party.name for a in t.assignments if a.role.value == "lead_leader"] for t in plan.tasks]
    assert leaders == [["周永强"], ["周永强"], ["吴晓燕"], ["吴晓燕"]]


def roles_of(task) -> set[tuple[str, str]]:
    return {(a.role.value, a.party.name) for a in task.assignments}


def test_more_labels_and_wordings_of_the_first_listed_rule(tmp_path):
    """牵头负责：, bare 主办：/协办：, "排名第一的为牵头单位" in a note or in a column's header."""
    from taskgraph import parse_plan, read_plan

    labels = parse_plan(
        "1.建设镇级农产品集散中心。\n牵头负责：镇经济发展办公室\n配合单位：镇财政所、各村（社区）\n"
        "2.推进国土绿化。（主办：生态保护修复司；协办：规划财务司、各派出机构）\n"
    )
    assert roles_of(labels.tasks[0]) == {
        ("lead_unit", "镇经济发展办公室"),
        ("cooperating_unit", "镇财政所"),
        ("cooperating_unit", "各村（社区）"),
    }
    assert roles_of(labels.tasks[1]) == {
        ("lead_unit", "生态保护修复司"),
        ("cooperating_unit", "规划财务司"),
        ("cooperating_unit", "各派出机构"),
    }
    noted = parse_plan(
        "一、项目建设\n1.实施县级重点项目90个。（责任单位：县发改局、县财政局）\n"
        "2.完成营造林2万亩。（责任单位：县林业局）\n注：责任单位中排名第一的为牵头单位。\n"
    )
    assert [[a.party.name for a in t.assignments if a.role.value == "lead_unit"] for t in noted.tasks] == [
        ["县发改局"],
        ["县林业局"],
    ]
    page = tmp_path / "plan.html"
    page.write_text(
        "<html><head><meta charset='utf-8'></head><body><p>2024年县政府重点工作任务分解表</p><table>"
        "<tr><td>序号</td><td>重点工作</td><td>责任单位（排名第一的为牵头单位）</td></tr>"
        "<tr><td>1</td><td>实施县级重点项目90个。</td><td>县发改局、县财政局</td></tr></table></body></html>",
        encoding="utf-8",
    )
    assert roles_of(read_plan(page).tasks[0]) == {("lead_unit", "县发改局"), ("responsible_unit", "县财政局")}


def test_a_lead_mark_in_brackets_names_the_unit_it_follows_alone():
    """ "市财政局、市税务局（牵头）、各区县人民政府": only 市税务局 leads; "市教育局〔牵头〕、市住建局":
    市教育局 leads (a note, not a label); "市财政局、市发改委牵头" still makes both lead."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "1.优化税收营商环境。（责任单位：市财政局、市税务局（牵头）、各区县人民政府）\n"
        "2.新建中小学5所。（责任单位：市教育局〔牵头〕、市住建局）\n"
        "3.完成预算绩效评价。（责任单位：市财政局、市发改委牵头，各区县人民政府）\n"
    )
    leads = [sorted(a.party.name for a in t.assignments if a.role.value == "lead_unit") for t in plan.tasks]
    assert leads == [["市税务局"], ["市教育局"], ["市发改委", "市财政局"]]
    assert ("responsible_unit", "市财政局") in roles_of(plan.tasks[0])
    assert ("responsible_unit", "市住建局") in roles_of(plan.tasks[1])


def test_a_closing_paragraph_covers_the_tasks_of_its_section():
    """ "以上任务由X牵头，Y配合。" covers every task above it in its section, and "以上2项任务责任单位：Z"
    the two before it; the section headings stay headings."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "2024年区政府工作报告目标任务分解\n一、稳增长\n1.地区生产总值增长6%左右。\n2.一般公共预算收入增长5%。\n"
        "3.固定资产投资增长8%。\n以上任务由区发展改革局牵头，区财政局、区统计局配合。\n二、惠民生\n"
        "4.新增城镇就业5000人。\n5.城镇调查失业率控制在5.5%以内。\n以上2项任务责任单位：区人力资源社会保障局、各街道办事处。\n"
    )
    assert [(t.number, t.section) for t in plan.tasks] == [
        ("1", "一、稳增长"),
        ("2", "一、稳增长"),
        ("3", "一、稳增长"),
        ("4", "二、惠民生"),
        ("5", "二、惠民生"),
    ]
    assert all(
        roles_of(t)
        == {("lead_unit", "区发展改革局"), ("cooperating_unit", "区财政局"), ("cooperating_unit", "区统计局")}
        for t in plan.tasks[:3]
    )
    assert all(("responsible_unit", "区人力资源社会保障局") in roles_of(t) for t in plan.tasks[3:])


def test_a_plan_ordered_by_lead_unit_with_counts():
    """ "一、县发展和改革局（3项）" leads the tasks below it; "一、数字政府（2项）" is only a section."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "2024年县政府重点工作任务分解（按牵头单位）\n一、县发展和改革局（2项）\n"
        "1.实施省市县重点项目120个。（配合单位：各乡镇人民政府）\n2.完成节能降碳改造项目5个。（配合单位：县工信局）\n"
        "二、县教育和体育局牵头（1项）\n1.新建城区中学1所。（配合单位：县住建局）\n"
        "三、数字政府（1项）\n1.建成政务数据平台。（配合单位：县大数据中心）\n"
    )
    leads = [[a.party.name for a in t.assignments if a.role.value == "lead_unit"] for t in plan.tasks]
    assert leads == [["县发展和改革局"], ["县发展和改革局"], ["县教育和体育局"], []]
    assert plan.tasks[3].section == "三、数字政府（1项）"


def test_sub_points_on_their_own_lines_share_the_labels_after_the_last():
    """ "2.加强…。" / "（1）…；" / "（2）…。" / "牵头单位：X": one task 2, its sub-points in its text."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "一、优化营商环境\n1.深化改革。（牵头单位：区行政审批局）\n2.加强社会信用体系建设。\n"
        "（1）完善公共信用信息平台；\n（2）开展专项治理。\n牵头单位：区发展改革局\n责任单位：区市场监管局、区人民法院\n"
        "3.实施区级重点项目100个。（牵头单位：区发展改革局）\n"
    )
    assert [t.number for t in plan.tasks] == ["1", "2", "3"]
    assert plan.tasks[1].text == "加强社会信用体系建设。（1）完善公共信用信息平台；（2）开展专项治理。"
    assert roles_of(plan.tasks[1]) == {
        ("lead_unit", "区发展改革局"),
        ("responsible_unit", "区市场监管局"),
        ("responsible_unit", "区人民法院"),
    }
    assert not plan.warnings


def test_labelled_fields_inside_one_cell(tmp_path):
    """A 责任分工 column whose cells hold labelled lines, and a 责任单位 column whose cell does,
    give each label its role; "责任分工" over a second header row is only the upper header."""
    from taskgraph import read_plan

    def page(header: str, rows: str, upper: str = "") -> str:
        return (
            "<html><head><meta charset='utf-8'></head><body><p>2024年县政府重点工作任务分解表</p><table>"
            f"{upper}<tr><td>序号</td><td>工作任务</td>{header}<td>完成时限</td></tr>{rows}</table></body></html>"
        )

    cell = (
        "<td><p>牵头领导：王海</p><p>牵头单位：县农业农村局</p><p>责任单位：县财政局、各镇（街道）</p></td>"
    )
    expected = {
        ("lead_leader", "王海"),
        ("lead_unit", "县农业农村局"),
        ("responsible_unit", "县财政局"),
        ("responsible_unit", "各镇（街道）"),
    }
    for n, header in enumerate(["<td>责任分工</td>", "<td>责任单位</td>"]):
        path = tmp_path / f"plan{n}.html"
        path.write_text(
            page(header, f"<tr><td>1</td><td>新建高标准农田4万亩。</td>{cell}<td>年底</td></tr>"),
            encoding="utf-8",
        )
        assert roles_of(read_plan(path).tasks[0]) == expected
    two = tmp_path / "two.html"
    two.write_text(
        page(
            "<td>牵头领导</td><td>牵头单位</td>",
            "<tr><td>1</td><td>新建5G基站200个。</td><td>周斌</td><td>县工信局</td><td>年底</td></tr>",
            "<tr><td>序号</td><td>工作任务</td><td colspan='2'>责任分工</td><td>完成时限</td></tr>",
        ),
        encoding="utf-8",
    )
    assert roles_of(read_plan(two).tasks[0]) == {("lead_leader", "周斌"), ("lead_unit", "县工信局")}


def test_predicates_as_provinces_write_them():
    """Units with no verb take the next clause's; 会同 makes the first lead and the rest cooperate;
    按职能职责分工负责, 根据职责分工负责, 负总责, 抓落实, 指导督促; 包村领导 as a label."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "1.打好污染防治攻坚战。（省生态环境厅牵头，省工业和信息化厅、省公安厅，各市县政府负责）\n"
        "2.推进医养结合。（省民政厅会同省卫生健康委负责）\n"
        "3.推进耕地保护。（省自然资源厅牵头，省直有关部门按职能职责分工负责，各市县政府抓落实）\n"
        "4.推进农村宅基地改革。（各市县政府负总责，省自然资源厅指导督促）\n"
        "5.建设美丽乡村。\n包村领导：王强同志\n责任单位：镇农业农村办\n"
    )
    assert roles_of(plan.tasks[0]) == {
        ("lead_unit", "省生态环境厅"),
        ("responsible_unit", "省工业和信息化厅"),
        ("responsible_unit", "省公安厅"),
        ("responsible_unit", "各市县政府"),
    }
    assert roles_of(plan.tasks[1]) == {("lead_unit", "省民政厅"), ("cooperating_unit", "省卫生健康委")}
    assert roles_of(plan.tasks[2]) == {
        ("lead_unit", "省自然资源厅"),
        ("responsible_unit", "省直有关部门"),
        ("responsible_unit", "各市县政府"),
    }
    assert roles_of(plan.tasks[3]) == {
        ("responsible_unit", "各市县政府"),
        ("cooperating_unit", "省自然资源厅"),
    }
    assert roles_of(plan.tasks[4]) == {("lead_leader", "王强"), ("responsible_unit", "镇农业农村办")}


def test_an_attribution_broken_in_its_last_word_closes_the_task():
    """ "…按职责分工负" / "责）" ends task 1: the prose line after it is not part of it, and task 1 is
    not lost."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "一、主要目标\n1.全县地区生产总值增长6.5%左右。（县发展和改革局牵头，县统计局、县财政局等按职责分工负\n责）\n"
        "要坚持系统观念，统筹发展和安全。\n二、产业发展\n2.引进亿元以上工业项目30个。（县工业和信息化局牵头）\n"
    )
    assert [(t.number, t.text) for t in plan.tasks] == [
        ("1", "全县地区生产总值增长6.5%左右。"),
        ("2", "引进亿元以上工业项目30个。"),
    ]
    assert roles_of(plan.tasks[0]) == {
        ("lead_unit", "县发展和改革局"),
        ("responsible_unit", "县统计局"),
        ("responsible_unit", "县财政局"),
    }


def test_a_short_text_hard_wrapped_as_pdftotext_does():
    """Twelve lines broken at 38 characters: the unnumbered tasks run over their breaks; a line
    break inside a name (省住 / 房城乡建设厅) leaves the name whole."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "2024年省政府工作报告重点任务分工方案\n\n（一）着力扩大国内需求\n"
        "扎实推进“百县千镇万村高质量发展工程”，新打造30个以上典型县、100个以上\n"
        "典型镇。（省委农办、省农业农村厅牵头，各地级以上市政府负责）\n"
        "大力提振消费，社会消费品零售总额增长5%以上。（省商务厅牵头，省发展改革委等\n按职责分工负责）\n"
        "（二）加快建设现代化产业体系\n新建改造城镇污水管网2000公里，城市生活污水集中收集率达到75%以上。（省住\n"
        "房城乡建设厅牵头，各地级以上市政府负责）\n推动中小企业“专精特新”发展，新培育专精特新中小企业3000家。（省工业和信\n"
        "息化厅负责）\n"
    )
    assert [t.text[:8] for t in plan.tasks] == [
        "扎实推进“百县千",
        "大力提振消费，社",
        "新建改造城镇污水",
        "推动中小企业“专",
    ]
    assert [t.section for t in plan.tasks] == ["（一）着力扩大国内需求"] * 2 + [
        "（二）加快建设现代化产业体系"
    ] * 2
    assert ("lead_unit", "省住房城乡建设厅") in roles_of(plan.tasks[2])
    assert roles_of(plan.tasks[3]) == {("lead_unit", "省工业和信息化厅")}


def test_a_heading_keeps_to_itself_above_a_full_line():
    """ "（一）着力扩大国内需求" over a paragraph wrapped at the page's width: the first full line
    starts the task; it is no rest of the heading."""
    import textwrap

    from taskgraph import parse_plan

    def wrapped(text: str) -> str:
        return "\n".join(textwrap.wrap(text, 24))

    plan = parse_plan(
        "2024年省政府工作报告重点任务分工方案\n（一）着力扩大国内需求\n"
        + wrapped(
            "扎实推进百县千镇万村高质量发展工程，新打造30个以上典型县、100个以上典型镇。（省委农办牵头，各地级以上市政府负责）"
        )
        + "\n"
        + wrapped(
            "大力提振消费，社会消费品零售总额增长5%以上，建设国际消费中心城市。（省商务厅牵头，省发展改革委等按职责分工负责）"
        )
        + "\n（二）加快建设现代化产业体系\n"
        + wrapped(
            "新建改造城镇污水管网2000公里，城市生活污水集中收集率达到75%以上。（省住房城乡建设厅牵头，各地级以上市政府负责）"
        )
        + "\n"
    )
    assert [(t.section, t.text[:6]) for t in plan.tasks] == [
        ("（一）着力扩大国内需求", "扎实推进百县"),
        ("（一）着力扩大国内需求", "大力提振消费"),
        ("（二）加快建设现代化产业体系", "新建改造城镇"),
    ]


def test_a_full_line_that_closes_the_attribution_ends_the_task():
    """In a PDF's text, "…增长15%以上。（X牵头，Y负责）" as long as the page's lines ends task 2: the
    paragraph after it is prose, not part of the task (which then had no attribution)."""
    import textwrap

    from taskgraph import parse_plan

    prose = "要坚持系统观念，统筹发展和安全，加强部门协同，细化工作举措，明确时间节点，确保各项工作落到实处、取得实效。"

    def wrapped(text: str) -> str:
        return "\n".join(textwrap.wrap(text, 30))

    task = "2.实施工业强县战略，全年引进亿元以上工业项目30个，新增规上工业企业25家，力争工业投资增"
    plan = parse_plan(
        "2024年县政府工作报告重点任务分工方案\n一、主要目标\n"
        + wrapped(
            "1.全县地区生产总值增长6.5%左右，一般公共预算收入增长5%。（县发展和改革局牵头，县统计局负责）"
        )
        + "\n"
        + wrapped(prose)
        + "\n二、产业发展\n"
        + wrapped(task)
        + "\n长15%以上。（县工业和信息化局牵头，县经济开发区管委会负责）\n"
        + wrapped(prose)
        + "\n"
    )
    assert [t.number for t in plan.tasks] == ["1", "2"]
    assert roles_of(plan.tasks[1]) == {
        ("lead_unit", "县工业和信息化局"),
        ("responsible_unit", "县经济开发区管委会"),
    }
    assert not [w for w in plan.warnings if w.code == "no-attribution"]


def test_tables_with_columns_of_their_own(tmp_path):
    """An indicator table (计量单位, 2023年完成值, 2024年目标值) and a list of projects (建设内容及规模,
    总投资（亿元）, 包保县领导), each row a task; a tab-separated list after a plan in a text file too."""
    from taskgraph import parse_plan, read_plan

    page = tmp_path / "plan.html"
    page.write_text(
        "<html><head><meta charset='utf-8'></head><body><p>2024年主要预期目标责任分解表</p><table>"
        "<tr><td>序号</td><td>指标名称</td><td>计量单位</td><td>指标属性</td><td>2023年完成值</td>"
        "<td>2024年目标值</td><td>责任单位</td></tr>"
        "<tr><td>1</td><td>地区生产总值增速</td><td>%</td><td>预期性</td><td>6.1</td><td>6.5左右</td><td>县发改局</td></tr>"
        "<tr><td>2</td><td>城镇新增就业</td><td>人</td><td>预期性</td><td>4100</td><td>4200</td><td>县人社局</td></tr>"
        "</table></body></html>",
        encoding="utf-8",
    )
    assert [(t.text, roles_of(t)) for t in read_plan(page).tasks] == [
        ("地区生产总值增速", {("responsible_unit", "县发改局")}),
        ("城镇新增就业", {("responsible_unit", "县人社局")}),
    ]
    plan = parse_plan(
        "一、主要任务\n1.新增城镇就业4200人。（牵头单位：县人社局）\n附件2\n2024年县级重大项目清单\n"
        "序号\t项目名称\t建设内容及规模\t总投资（亿元）\t包保县领导\t责任单位\n"
        "1\t城区供水管网改造项目\t改造供水管网45公里\t3.2\t王刚\t县水利局\n"
        "2\t产业园标准化厂房项目\t新建标准化厂房20万平方米\t6.8\t李娟\t县城投集团\n"
    )
    assert [t.text for t in plan.tasks] == [
        "新增城镇就业4200人。",
        "城区供水管网改造项目",
        "产业园标准化厂房项目",
    ]
    assert roles_of(plan.tasks[2]) == {("lead_leader", "李娟"), ("responsible_unit", "县城投集团")}


def test_a_section_row_names_the_leader_of_the_rows_below(tmp_path):
    """A table's section row "（一）扩大有效投资（牵头县领导：王强）" gives 王强 to the rows under it."""
    from taskgraph import read_plan

    page = tmp_path / "plan.html"
    page.write_text(
        "<html><head><meta charset='utf-8'></head><body><p>2024年县政府重点工作任务分解表</p><table>"
        "<tr><td>序号</td><td>工作任务</td><td>牵头单位</td><td>责任单位</td></tr>"
        "<tr><td colspan='4'>（一）扩大有效投资（牵头县领导：王强）</td></tr>"
        "<tr><td>1</td><td>实施重点项目120个。</td><td>县发改局</td><td>各乡镇人民政府</td></tr>"
        "<tr><td colspan='4'>（二）提振消费（牵头县领导：王刚）</td></tr>"
        "<tr><td>2</td><td>举办促消费活动30场。</td><td>县商务局</td><td>各乡镇人民政府</td></tr>"
        "</table></body></html>",
        encoding="utf-8",
    )
    plan = read_plan(page)
    assert [[a.party.name for a in t.assignments if a.role.value == "lead_leader"] for t in plan.tasks] == [
        ["王强"],
        ["王刚"],
    ]


def test_a_list_of_powers_and_duties_is_no_plan(tmp_path):
    """A department's 权责清单 (职权名称 / 实施依据 / 责任事项 / 责任科室) allocates no task."""
    import pytest

    from taskgraph import read_plan
    from taskgraph.errors import ParseError

    page = tmp_path / "list.html"
    page.write_text(
        "<html><head><meta charset='utf-8'></head><body><p>青山县自然资源和规划局权责清单（2024年版）</p><table>"
        "<tr><td>序号</td><td>职权类型</td><td>职权名称</td><td>实施依据</td><td>责任事项</td><td>追责情形</td><td>责任科室</td></tr>"
        "<tr><td>1</td><td>行政许可</td><td>建设工程规划许可证核发</td><td>《城乡规划法》第四十条</td>"
        "<td>1.受理责任；2.审查责任</td><td>1.对符合法定条件的不予受理</td><td>规划股</td></tr>"
        "<tr><td>2</td><td>行政处罚</td><td>对未取得许可证进行建设的处罚</td><td>《城乡规划法》第六十四条</td>"
        "<td>1.立案责任；2.调查责任</td><td>1.没有法律依据</td><td>执法大队</td></tr>"
        "</table></body></html>",
        encoding="utf-8",
    )
    with pytest.raises(ParseError, match="no task allocation found"):
        read_plan(page)


def test_verbs_inside_a_labelled_list_give_their_units_a_role():
    """Under a label, ``X配合`` cooperates, ``X负责`` is responsible and ``X牵头`` leads, the verb
    dropped and the units joined to it by 、 going with it; a lead label's own ``牵头`` is dropped."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "一、重点任务\n"
        "1.推进文化惠民。（责任单位：市委宣传部、市文旅局牵头，各镇（街道）配合）\n"
        "2.推进全民健身。（牵头单位：市体育局、市教育局牵头，各镇（街道）配合）\n"
        "3.推进旅游发展。（责任单位：市文旅局牵头，市交通局、市商务局配合，各镇（街道）负责）\n"
    )
    roles = _roles(plan, sort=True)
    assert roles == [
        [("cooperating_unit", "各镇（街道）"), ("lead_unit", "市委宣传部"), ("lead_unit", "市文旅局")],
        [("cooperating_unit", "各镇（街道）"), ("lead_unit", "市体育局"), ("lead_unit", "市教育局")],
        [
            ("cooperating_unit", "市交通局"),
            ("cooperating_unit", "市商务局"),
            ("lead_unit", "市文旅局"),
            ("responsible_unit", "各镇（街道）"),
        ],
    ]


def test_a_leader_label_and_predicates_share_one_bracket():
    """``（分管省领导：王立群；省发展改革委牵头，省统计局等按职责分工负责）`` and the predicates
    first, the label last: the leader from the label, the units from the predicates."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "一、重点任务\n"
        "1.推进数字经济发展。（分管省领导：王立群；省发展改革委牵头，省统计局、省财政厅等按职责分工负责）\n"
        "2.推进开放型经济。（省商务厅牵头，省统计局等按职责分工负责；分管省领导：马建军）\n"
        "3.推进营商环境建设。（分管省领导：王立群；省政务服务管理局负责，省通信管理局配合）\n"
    )
    roles = _roles(plan, sort=True)
    assert roles == [
        [
            ("lead_leader", "王立群"),
            ("lead_unit", "省发展改革委"),
            ("responsible_unit", "省统计局"),
            ("responsible_unit", "省财政厅"),
        ],
        [("lead_leader", "马建军"), ("lead_unit", "省商务厅"), ("responsible_unit", "省统计局")],
        [("cooperating_unit", "省通信管理局"), ("lead_leader", "王立群"), ("lead_unit", "省政务服务管理局")],
    ]


def test_a_closing_paragraph_after_a_sentence_of_predicates_is_no_part_of_the_last_task():
    """The last task's predicates close its paragraph; the plan's closing words after it are
    neither its attribution nor a reason to lose it."""
    from taskgraph import parse_plan

    tasks = "".join(
        f"　　{k}.推进第{k}项工作。扩大规模，推动发展。省{unit}牵头，省财政厅、省统计局配合。\n\n"
        for k, unit in enumerate(["发展改革委", "教育厅", "科技厅", "商务厅"], start=1)
    )
    for closing in (
        "各责任单位要按照本方案要求，于每月5日前将上月工作进展报省政府督查室。",
        "各单位要抓好落实。",
    ):
        plan = parse_plan("一、重点任务\n\n" + tasks + "　　" + closing + "\n")
        assert [t.number for t in plan.tasks] == ["1", "2", "3", "4"]
        last = sorted((a.role.value, a.party.name) for a in plan.tasks[-1].assignments)
        assert last == [
            ("cooperating_unit", "省统计局"),
            ("cooperating_unit", "省财政厅"),
            ("lead_unit", "省商务厅"),
        ]
        assert closing[:4] not in plan.tasks[-1].text


def test_a_task_merged_down_over_its_measures_is_one_task(tmp_path):
    """序号, 重点任务 and the units merged down over one row per 具体措施 (rowspan, as Word and
    Excel merge too): one task per number, its deadlines each once; a task of one row stays one."""
    from taskgraph import read_plan

    rows = [
        (
            '<td rowspan="3">1</td><td rowspan="3">加快发展新质生产力</td>',
            "1.实施技术改造。",
            '<td rowspan="3">省工业和信息化厅</td><td rowspan="3">省发展改革委、省科技厅</td>',
            "2025年12月底",
        ),
        ("", "2.培育未来产业集群。", "", "2025年12月底"),
        ("", "3.新增专精特新企业40家。", "", "2025年11月底"),
        (
            '<td rowspan="2">2</td><td rowspan="2">推进城市更新</td>',
            "1.改造老旧小区。",
            '<td rowspan="2">省住房城乡建设厅</td><td rowspan="2">省财政厅</td>',
            "2025年10月底",
        ),
        ("", "2.新开工保障性住房。", "", "2025年12月底"),
        (
            "<td>3</td><td>办好人民满意的教育</td>",
            "1.扩大学位供给。",
            "<td>省教育厅</td><td>省财政厅</td>",
            "2025年9月底",
        ),
    ]
    body = "".join(
        f"<tr>{lead}<td>{measure}</td>{units}<td>{deadline}</td></tr>"
        for lead, measure, units, deadline in rows
    )
    page = tmp_path / "plan.html"
    page.write_text(
        '<html><head><meta charset="utf-8"><title>2025年重点任务分工方案</title></head><body>'
        "<p>2025年省政府工作报告重点任务分工方案</p><table>"
        "<tr><th>序号</th><th>重点任务</th><th>具体措施</th><th>牵头单位</th><th>责任单位</th><th>完成时限</th></tr>"
        f"{body}</table></body></html>",
        encoding="utf-8",
    )
    plan = read_plan(page)
    assert [(t.number, t.text) for t in plan.tasks] == [
        ("1", "加快发展新质生产力"),
        ("2", "推进城市更新"),
        ("3", "办好人民满意的教育"),
    ]
    assert [t.deadline for t in plan.tasks] == [
        "2025年12月底；2025年11月底",
        "2025年10月底；2025年12月底",
        "2025年9月底",
    ]
    assert [len(t.assignments) for t in plan.tasks] == [3, 2, 2]


def test_town_office_labels_and_a_field_after_a_bracketed_name():
    """牵头科室/配合科室 label a town's offices; "各镇（街道）　　完成时限：…" is a name, then the deadline."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "一、重点任务\n"
        "1.推进环境整治工作。（牵头科室：城市管理办公室；配合科室：财政所、党政综合办公室）\n"
        "2.推进安全生产工作。\n"
        "牵头领导：王建　　牵头单位：区应急局\n"
        "责任单位：区城管局、各镇（街道）　　完成时限：2024年12月底\n"
    )
    roles = _roles(plan, sort=True)
    assert roles == [
        [
            ("cooperating_unit", "党政综合办公室"),
            ("cooperating_unit", "财政所"),
            ("lead_unit", "城市管理办公室"),
        ],
        [
            ("lead_leader", "王建"),
            ("lead_unit", "区应急局"),
            ("responsible_unit", "区城管局"),
            ("responsible_unit", "各镇（街道）"),
        ],
    ]
    assert plan.tasks[1].deadline == "2024年12月底"


def test_a_bracket_after_each_sentence_of_a_task_counts_every_bracket():
    """The State Council's way: "（财政部牵头）" after one sentence, "（科技部负责）" after the next;
    every bracket's units, each once, whether or not a bracket closes the task; 负责 names the
    unit in charge only where no bracket says 牵头."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "一、重点任务\n"
        "1.实施积极的财政政策。优化支出结构（财政部牵头，自然资源部参与）。加快专项债券发行（国家发展改革委、财政部牵头，各有关部门按职责分工负责）。\n"
        "2.推进科技创新。实施重大项目（科技部牵头）。完善激励机制（教育部、人力资源社会保障部负责）。建设创新平台。\n"
        "3.做好稳就业工作。实施就业优先政策（人力资源社会保障部牵头，教育部负责）。加强社会保障（财政厅、医保局负责）\n"
        "4.推进价格改革。放开药品价格（发展改革委负责）。\n"
    )
    roles = _roles(plan)
    assert roles[0] == [
        ("lead_unit", "财政部"),
        ("lead_unit", "国家发展改革委"),
        ("responsible_unit", "各有关部门"),
        ("cooperating_unit", "自然资源部"),
    ]
    assert roles[1] == [
        ("lead_unit", "科技部"),
        ("responsible_unit", "教育部"),
        ("responsible_unit", "人力资源社会保障部"),
    ]
    assert roles[2] == [
        ("lead_unit", "人力资源社会保障部"),
        ("responsible_unit", "教育部"),
        ("responsible_unit", "财政厅"),
        ("responsible_unit", "医保局"),
    ]
    assert roles[3] == [("lead_unit", "发展改革委")]
    assert plan.tasks[0].text.startswith("实施积极的财政政策。优化支出结构（财政部牵头")


def test_a_star_names_the_lead_where_the_plan_says_so():
    """ "标注★的为牵头单位": 市财政局★ and ★市交通运输局 lead, the star dropped; without such a note
    a star is only dropped."""
    from taskgraph import parse_plan

    tasks = (
        "1.地区生产总值增长7%左右。（责任单位：市发展和改革委员会★、市统计局、各区人民政府）\n"
        "2.港口集装箱吞吐量突破300万标箱。（责任单位：★市交通运输局、市港航发展中心）\n"
    )
    noted = parse_plan("说明：责任单位中标注★的为牵头单位，其他为配合单位。\n一、主要目标\n" + tasks)
    assert _roles(noted) == [
        [
            ("lead_unit", "市发展和改革委员会"),
            ("responsible_unit", "市统计局"),
            ("responsible_unit", "各区人民政府"),
        ],
        [("lead_unit", "市交通运输局"), ("responsible_unit", "市港航发展中心")],
    ]
    plain = parse_plan("一、主要目标\n" + tasks)
    names = [a.party.name for t in plain.tasks for a in t.assignments]
    assert "市交通运输局" in names and not any("★" in n for n in names)


def test_points_of_a_task_on_lines_of_their_own_share_the_attribution_after_the_last():
    """ "2.建设和美乡村" / "一是…；" / "二是…。（牵头县领导：…）": one task, whether the attribution
    closes the last point or follows it on labelled lines, and a closing paragraph after it is no
    point; 一是 points each with an attribution of their own stay tasks."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "一、聚焦工业强县\n"
        "1.稳住工业基本盘\n一是新增规上工业企业25家；\n二是实施技改项目40个以上。\n"
        "牵头县领导：郭振华；牵头单位：县工信局；责任单位：县发改局\n"
        "2.建设宜居宜业和美乡村\n一是创建美丽乡村示范村5个；\n"
        "二是新增农村电商服务站点30个。（牵头县领导：黄丽萍；牵头单位：县农业农村局；责任单位：县水利局）\n"
        "3.促进高质量充分就业\n一是新增城镇就业4200人；\n二是建设零工市场1个。\n"
        "牵头县领导：黄丽萍；牵头单位：县人社局；责任单位：县总工会\n"
        "各牵头单位要会同责任单位制定具体落实方案，于3月15日前报县政府办公室。\n"
    )
    assert [t.number for t in plan.tasks] == ["1", "2", "3"]
    assert [[a.party.name for a in t.assignments if a.role.value == "lead_unit"] for t in plan.tasks] == [
        ["县工信局"],
        ["县农业农村局"],
        ["县人社局"],
    ]
    assert "一是创建美丽乡村示范村5个" in plan.tasks[1].text
    assert "各牵头单位" not in plan.tasks[2].text


def test_the_numbered_lines_of_a_box_are_no_tasks():
    """ "专栏1　数字经济重点工程" and its numbered lines illustrate the plan: no tasks, no warning;
    the tasks after the box are read as before it."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "一、加快建设现代化产业体系\n"
        "1.做强先进制造业集群。（市工信局牵头，市发改委配合）\n"
        "专栏1　数字经济重点工程\n"
        "1.算力基础设施：建成市级智算中心一期。\n"
        "2.工业互联网：培育省级工业互联网平台5个。\n"
        "2.加快数字经济发展。（市数据局牵头，市工信局配合）\n"
        "二、持续增进民生福祉\n"
        "3.新增城镇就业5.5万人。（市人社局牵头，各区县政府配合）\n"
        "专栏2　2025年民生实事\n"
        "1.新增普惠托位2000个。\n"
        "2.改造城镇老旧小区120个。\n"
    )
    assert [(t.number, t.assignments[0].party.name) for t in plan.tasks] == [
        ("1", "市工信局"),
        ("2", "市数据局"),
        ("3", "市人社局"),
    ]
    assert not [w for w in plan.warnings if w.code in ("no-attribution", "cut-off")]


def test_an_attribution_leading_into_the_task_up_to_a_colon():
    """ "1、由市发展改革委牵头，市统计局配合：全市…" and "第一项　由常务副市长周振华负责，市发改委牵头，
    …配合：…" (plans of 2008–2012): the parties from the lead-in, the task's text after the colon."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "一、保持经济平稳较快增长\n"
        "1、由市发展改革委牵头，市统计局、市经委配合：全市生产总值增长12%。\n"
        "2、由市招商局牵头，各县（市、区）人民政府负责：全年引进市外内资80亿元。\n"
        "3、由常务副市长周振华负责，市发改委牵头，市统计局配合：财政总收入增长15%。\n"
    )
    assert [t.text for t in plan.tasks] == [
        "全市生产总值增长12%。",
        "全年引进市外内资80亿元。",
        "财政总收入增长15%。",
    ]
    roles = _roles(plan)
    assert roles == [
        [("lead_unit", "市发展改革委"), ("cooperating_unit", "市统计局"), ("cooperating_unit", "市经委")],
        [("lead_unit", "市招商局"), ("responsible_unit", "各县（市、区）人民政府")],
        [
            ("lead_leader", "周振华"),
            ("lead_unit", "市发展改革委"),
            ("cooperating_unit", "市统计局"),
        ],  # one unit
    ]


def test_a_deadline_after_the_predicates_and_a_note_of_the_first_listed_in_every_bracket():
    """ "（区科技局牵头；完成时间：2016年9月底前）" closes the last task before the sign-off; "（责任单位：
    A、B，列第一位的为牵头单位）" makes A the lead and the note no unit."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "一、重点任务\n"
        "1.推进科技创新。（区科技局牵头；完成时间：2016年9月底前）\n"
        "2.推进开放型经济。（区发改局牵头；完成时间：2016年12月底前）\n"
        "江枫区人民政府办公室\n2016年3月5日\n"
    )
    assert [[a.party.name for a in t.assignments] for t in plan.tasks] == [["区科技局"], ["区发改局"]]
    noted = parse_plan(
        "一、重点任务\n"
        "1.推进科技创新。（责任单位：区科技局、区财政局，列第一位的为牵头单位）\n"
        "2.推进招商引资。（责任单位：区商务局、区发改局，列第一位的为牵头单位）\n"
    )
    assert _roles(noted) == [
        [("lead_unit", "区科技局"), ("responsible_unit", "区财政局")],
        [("lead_unit", "区商务局"), ("responsible_unit", "区发改局")],
    ]


def test_labels_that_close_a_task_line_keep_a_note_after_it_out():
    """ "…。牵头单位：县科技局；责任单位：县财政局、县统计局。" closes its task: the note paragraph
    after it is not read into the last unit's name."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "一、重点任务\n"
        "1.推进科技创新，新增高新技术企业10家。牵头单位：县科技局；责任单位：县财政局、县统计局。\n"
        "该项工作要细化年度目标，明确季度节点，按月调度推进情况。\n"
        "2.推进招商引资。牵头单位：县商务局；责任单位：县发改局。\n"
        "本方案自印发之日起施行。\n"
    )
    assert [[a.party.name for a in t.assignments] for t in plan.tasks] == [
        ["县科技局", "县财政局", "县统计局"],
        ["县商务局", "县发改局"],
    ]


def test_a_heading_naming_leader_and_unit_and_units_in_a_leading_bracket():
    """ "一、由县长张德明负责、县发改局牵头的工作" gives its tasks both, the last one too; "第一条　【市发改委】
    全市…" and "【市经信委牵头，市科技局配合】推进…" lead into their tasks, the sign-off after the last
    no part of it."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "棠川县人民政府2011年重点工作责任分解\n"
        "一、由县长张德明负责、县发改局牵头的工作\n"
        "1、全县生产总值增长14%，财政总收入突破8亿元。\n"
        "2、编制完成规划纲要分解实施方案。（县统计局配合）\n"
        "二、由常务副县长赵文华负责、县财政局牵头的工作\n"
        "3、加强非税收入管理，非税收入增长12%。\n"
        "二〇一一年三月八日\n"
    )
    roles = _roles(plan)
    assert roles == [
        [("lead_leader", "张德明"), ("lead_unit", "县发改局")],
        [("lead_leader", "张德明"), ("lead_unit", "县发改局"), ("cooperating_unit", "县统计局")],
        [("lead_leader", "赵文华"), ("lead_unit", "县财政局")],
    ]
    bracketed = parse_plan(
        "鹤渚市2012年主要目标任务责任分解\n"
        "第一条　【市发改委】全市生产总值增长11%以上。\n"
        "第二条　【市经信委牵头，市科技局、市财政局配合】推进产业转型升级。\n"
        "第三条　【市农委、市水务局】新建高标准农田5万亩。\n"
        "鹤渚市人民政府办公室\n2012年3月5日\n"
    )
    assert [(t.text, [a.party.name for a in t.assignments]) for t in bracketed.tasks] == [
        ("全市生产总值增长11%以上。", ["市发改委"]),
        ("推进产业转型升级。", ["市经信委", "市科技局", "市财政局"]),
        ("新建高标准农田5万亩。", ["市农委", "市水务局"]),
    ]


def test_wrapped_labels_closing_a_task_keep_the_note_after_them_out():
    """PDF text broken at a width: "…收" / "入增长5%。牵头单位：…；责任单位：县财政局、县统计局。" closes
    the task even as a full line, and the note lines after it are no part of its last unit."""
    from taskgraph import parse_plan

    note = [
        "该项工作要细化年度目标，明确季度节点，按月调度推进情况，确保各项",
        "指标稳步提升，年底前全面完成各项目标任务，并形成可复制推广的经验做",
        "法。",
    ]
    lines = ["一、杨振宇县长牵头的重点工作"]
    for k, (unit, others) in enumerate(
        [
            ("县发展改革局", "县财政局、县统计局。"),
            ("县工业和信息化局", "县税务局、县商务局。"),
            ("县商务局", "县财政局、县交通局。"),
        ],
        start=1,
    ):
        lines += [
            f"{k}.推动经济持续回升向好，地区生产总值增长6%左右，一般公共预算收",
            f"入增长5%。牵头单位：{unit}；责任单位：{others}",
            *note,
        ]
    plan = parse_plan("\n".join(lines) + "\n")
    assert [
        [a.party.name for a in t.assignments if a.role.value == "responsible_unit"] for t in plan.tasks
    ] == [
        ["县财政局", "县统计局"],
        ["县税务局", "县商务局"],
        ["县财政局", "县交通局"],
    ]


def test_a_paragraph_giving_the_items_above_their_parties_by_number():
    """ "任务分工：第1—3项由县发改局牵头，…；第4项由县财政局负责" and "第1、2项分别由A、B牵头" (one lead
    each), and "以上工作由常务副市长刘志远负责。第5项由…" after "（第5项）" items: each item its parties,
    never a section heading that shares a number ("二、")."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "一、扩大投资\n"
        "1.全年完成全社会固定资产投资65亿元。\n2.争取扩大内需项目资金3亿元以上。\n"
        "二、壮大县级财力\n"
        "3.地方财政一般预算收入增长15%。\n4.新建标准化农贸市场10个。\n"
        "任务分工：第1、2项分别由县发改局、县经贸局牵头，县统计局配合；第3项由县财政局牵头；第4项由县商务局负责。\n"
        "三、深化改革\n"
        "（第5项）深化商事制度改革。\n（第6项）推进国有企业改革。\n"
        "以上工作由常务副县长刘志远负责。第5—6项由县市场监管局牵头，县国资办配合。\n"
    )
    roles = _roles(plan)
    assert [t.number for t in plan.tasks] == ["1", "2", "3", "4", "5", "6"]
    assert roles[:4] == [
        [("lead_unit", "县发改局"), ("cooperating_unit", "县统计局")],
        [("lead_unit", "县经贸局"), ("cooperating_unit", "县统计局")],
        [("lead_unit", "县财政局")],
        [("lead_unit", "县商务局")],
    ]
    assert (
        roles[4]
        == roles[5]
        == [
            ("lead_leader", "刘志远"),
            ("lead_unit", "县市场监管局"),
            ("cooperating_unit", "县国资办"),
        ]
    )


def test_copies_from_social_media_emoji_bars_and_a_list_of_links_after_the_plan():
    """ "📌牵头单位：区教育局" reads as a label; "区科技局 | 责任单位：…" (written with a full-width bar) ends the name at the full-width
    bar; the "相关阅读" links after the plan are no tasks."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "一、重点任务\n"
        "1、推进教育优质均衡发展。\n📌牵头单位：区教育局　📌配合单位：区发改局、区财政局\n"
        "2、推进科技创新。（牵头单位：区科技局\uff5c责任单位：区财政局、区税务局）\n"
        "3、开展放心消费创建活动。（牵头单位：区市场监管局）\n"
        "相关阅读\n1、区政府召开2026年重点项目推进会\n2、区长访谈：聚焦民生实事\n"
    )
    assert [(t.number, [a.party.name for a in t.assignments]) for t in plan.tasks] == [
        ("1", ["区教育局", "区发改局", "区财政局"]),
        ("2", ["区科技局", "区财政局", "区税务局"]),
        ("3", ["区市场监管局"]),
    ]
    assert not [w for w in plan.warnings if w.code in ("no-attribution", "cut-off")]


def test_bare_brackets_under_the_first_listed_rule():
    """ "括号内列第一位的为牵头单位" said once, then "（市发展改革委，市统计局）": the first leads, the rest
    are responsible."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "各项任务括号内列第一位的为牵头单位，其余为责任单位。\n一、主要目标\n"
        "1.地区生产总值增长6%。（市发展改革委，市统计局）\n"
        "2.一般公共预算收入增长5%。（市财政局、市税务局）\n"
        "3.粮食产量稳定在100万吨。（市农业农村局）\n"
    )
    assert _roles(plan) == [
        [("lead_unit", "市发展改革委"), ("responsible_unit", "市统计局")],
        [("lead_unit", "市财政局"), ("responsible_unit", "市税务局")],
        [("lead_unit", "市农业农村局")],
    ]


@pytest.mark.parametrize(
    ("task_header", "units_header"),
    [
        ("重点工作任务及目标", "牵头单位"),
        ("重点任务及具体措施", "牵头单位"),
        ("政府工作报告重点工作任务", "牵头单位"),
        ("主要工作任务及目标要求", "牵头单位"),
        ("重点任务", "牵头单位/责任单位"),
    ],
)
def test_long_and_joined_header_names(tmp_path, task_header, units_header):
    """A task column named at length ("重点工作任务及目标") and a units column naming two roles
    ("牵头单位/责任单位", the lead marked "（牵头）" in the cell) are read, not the table dropped."""
    from taskgraph import read_plan

    units = "县农业农村局（牵头）<br>县财政局" if "/" in units_header else "县农业农村局"
    page = tmp_path / "plan.html"
    page.write_text(
        '<html><head><meta charset="utf-8"></head><body><p>2025年县政府工作报告重点任务分工方案</p><table>'
        f"<tr><th>序号</th><th>{task_header}</th><th>{units_header}</th></tr>"
        f"<tr><td>1</td><td>新建高标准农田3万亩。</td><td>{units}</td></tr>"
        f"<tr><td>2</td><td>推进农村改厕2000户。</td><td>{units}</td></tr>"
        "</table></body></html>",
        encoding="utf-8",
    )
    plan = read_plan(page)
    assert [t.number for t in plan.tasks] == ["1", "2"]
    for task in plan.tasks:
        assert (task.assignments[0].role.value, task.assignments[0].party.name) == (
            "lead_unit",
            "县农业农村局",
        )
    if "/" in units_header:
        assert [a.party.name for a in plan.tasks[0].assignments if a.role.value == "responsible_unit"] == [
            "县财政局"
        ]


def test_a_labelled_bracket_after_each_of_several_sentences_and_predicates_in_a_division_cell(tmp_path):
    """ "…稳中有增。（牵头单位：省财政厅；责任单位：省审计厅）开展…活动。（牵头单位：省商务厅；…）": both
    brackets' units; a 分工 cell reading "省文化和旅游厅牵头，省医保局配合" gives a lead and a cooperating unit."""
    from taskgraph import parse_plan, read_plan

    plan = parse_plan(
        "一、重点任务\n"
        "1.财政收入稳中有增。（牵头单位：省财政厅；责任单位：省审计厅）开展消费提振年活动。"
        "（牵头单位：省商务厅；责任单位：省人力资源社会保障厅）\n"
        "2.推进改革。（牵头单位：省发改委）\n"
    )
    assert _roles(plan, sort=True)[0] == [
        ("lead_unit", "省商务厅"),
        ("lead_unit", "省财政厅"),
        ("responsible_unit", "省人力资源社会保障厅"),
        ("responsible_unit", "省审计厅"),
    ]
    page = tmp_path / "plan.html"
    page.write_text(
        '<html><head><meta charset="utf-8"></head><body><p>2022年省政府工作报告重点工作分工</p><table>'
        "<tr><th>序号</th><th>重点工作</th><th>分管省领导</th><th>分工</th></tr>"
        "<tr><td>1</td><td>推进文旅融合发展。</td><td>王立群</td><td>省文化和旅游厅牵头，省医保局配合</td></tr>"
        "<tr><td>2</td><td>推进全民健身。</td><td>王立群</td><td>牵头单位：省体育局<br>责任单位：省教育厅</td></tr>"
        "</table></body></html>",
        encoding="utf-8",
    )
    assert _roles(read_plan(page)) == [
        [("lead_leader", "王立群"), ("lead_unit", "省文化和旅游厅"), ("cooperating_unit", "省医保局")],
        [("lead_leader", "王立群"), ("lead_unit", "省体育局"), ("responsible_unit", "省教育厅")],
    ]


def test_a_tab_separated_table_with_a_section_line_under_its_header():
    """ "序号\\t工作任务\\t牵头单位" then "一、…" then rows, "二、…" then rows numbered from 1 again: every
    row is read (the rows after the first section were lost without a word)."""
    from taskgraph import parse_plan

    rows = "".join(
        f"{k}\t推进第{k}项工作。\t省{unit}\t省财政厅\n"
        for k, unit in enumerate(["发改委", "商务厅"], start=1)
    )
    plan = parse_plan(
        "序号\t工作任务\t牵头单位\t责任单位\n一、扩大有效需求\t\t\t\n"
        + rows
        + "二、建设现代化产业体系\t\t\t\n"
        + rows
    )
    assert [(t.number, t.section, t.assignments[0].party.name) for t in plan.tasks] == [
        ("1", "一、扩大有效需求", "省发改委"),
        ("2", "一、扩大有效需求", "省商务厅"),
        ("1", "二、建设现代化产业体系", "省发改委"),
        ("2", "二、建设现代化产业体系", "省商务厅"),
    ]


def test_a_plan_by_department_heads_its_tasks_with_a_unit_not_a_leader():
    """ "县发改局（2项）" over its tasks: 县发改局 leads them (a four-character unit is no person)."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "县发改局（2项）\n1.推进项目建设。\n配合单位：县统计局\n2.推进招商引资。\n配合单位：县商务局\n"
    )
    assert _roles(plan) == [
        [("lead_unit", "县发改局"), ("cooperating_unit", "县统计局")],
        [("lead_unit", "县发改局"), ("cooperating_unit", "县商务局")],
    ]


def test_attributions_written_with_wei_and_a_safeguards_part_after_the_tasks():
    """ "责任单位为县招商服务中心，县发改局、县商务局配合。" and "牵头单位为X，责任单位为Y。" on the next line read as
    labels; "各乡镇负责具体落实" is 各乡镇, responsible; the numbered items of "三、保障措施" are no tasks."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "一、目标任务\n略。\n二、责任分工\n"
        "1.全年引进亿元以上项目20个。\n责任单位为县招商服务中心，县发改局、县商务局配合。\n"
        "2.完成土地出让2000亩。\n牵头单位为县自然资源局，责任单位为县财政局。\n"
        "3.推进农村改厕。\n责任单位为县农业农村局，各乡镇负责具体落实。\n"
        "三、保障措施\n（一）加强组织领导。各单位要高度重视。\n（二）强化督查考核。县政府督查室定期通报。\n"
    )
    assert _roles(plan) == [
        [
            ("responsible_unit", "县招商服务中心"),
            ("cooperating_unit", "县发改局"),
            ("cooperating_unit", "县商务局"),
        ],
        [("lead_unit", "县自然资源局"), ("responsible_unit", "县财政局")],
        [("responsible_unit", "县农业农村局"), ("responsible_unit", "各乡镇")],
    ]
    assert [w for w in plan.warnings if w.code == "no-attribution"] == []


def test_place_names_sharing_a_suffix_a_note_closing_a_group_and_a_ministers_label():
    """ "（省发展改革委、长沙、株洲、湘潭市政府负责）" names four parties; "以上由人民银行牵头，…按职责分工负责，
    年内持续推进。" still covers the tasks above; "分管部领导：李忠副部长" labels a leader."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "一、重点任务\n"
        "1.推进长株潭一体化。（省发展改革委、长沙、株洲、湘潭市政府负责）\n"
        "2.推进金融改革。\n3.推进债市发展。\n"
        "以上由人民银行牵头，银保监会、证监会按职责分工负责，年内持续推进。\n"
        "4.推进就业服务。（牵头司局：就业司）\n分管部领导：李忠副部长\n"
    )
    written = [[a.party.as_written for a in t.assignments] for t in plan.tasks]
    assert written[0] == ["省发展改革委", "长沙", "株洲", "湘潭市政府"]
    assert written[1] == written[2] == ["人民银行", "银保监会", "证监会"]
    assert [a.party.name for a in plan.tasks[3].assignments if a.role.value == "lead_leader"] == ["李忠"]


def test_the_first_listed_rule_over_predicates_and_a_leader_label_before_a_bracket():
    """ "列第一位的单位为牵头单位" with "（A、B、C负责）": A leads, B and C are responsible; "分管领导：X。（Y牵头，
    Z配合）": the leader stops at the full stop, the bracket's units are read."""
    from taskgraph import parse_plan

    plan = parse_plan(
        "各项任务中列第一位的单位为牵头单位，其他为责任单位。\n一、重点任务\n"
        "1.推进民族团结进步创建。（地区民宗委、地区教育局、各县（市）人民政府负责）\n"
        "2.推进宗教事务治理。分管领导：吐尔洪·艾买尔。（地委统战部牵头，地区民族宗教委、各县（市）人民政府配合）\n"
    )
    assert _roles(plan) == [
        [
            ("lead_unit", "地区民宗委"),
            ("responsible_unit", "地区教育局"),
            ("responsible_unit", "各县（市）人民政府"),
        ],
        [
            ("lead_leader", "吐尔洪·艾买尔"),
            ("lead_unit", "地委统战部"),
            ("cooperating_unit", "地区民族宗教委"),
            ("cooperating_unit", "各县（市）人民政府"),
        ],
    ]
