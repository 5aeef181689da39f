"""Synthetic plans shaped like the Shen County 2024 plan, for benchmarks.

Each plan has a notice, issuer and date, a two-line title, 3 sections and 7 subsections,
92 tasks whose attributions name 1-2 of 6 leaders, 1-3 of 35 lead units, collectives and a
group defined in task 1, second nameplates and an occasional doubled-prefix typo; lines are
wrapped at 26 characters with blank lines between them and page numbers, as PDF text is.

By default every plan is a county of its own (``昌宁1县``, ``安和2县`` …), all dated 2024.
With ``--per-county K`` the plans come in series of K consecutive years of one county, as a
real year-over-year corpus does: the same county name and mostly the same units, leaders and
tasks, while from one year to the next a unit may be renamed (县商务投资促进局 → 县商务局),
added or dropped, a leader replaced, a few tasks dropped, added or given new targets, and the
title, date and section headings carry the year.

    python benchmarks/generate.py 100 /tmp/corpus-100
    python benchmarks/generate.py 100 /tmp/county-100 --per-county 100    # one county, 100 years
    python benchmarks/generate.py 20 /tmp/series --per-county 5 --seed 7

``plan_of_tasks`` and ``plan_of_names`` write the single large plans of the linearity
benchmark (``run.py --tasks``): one plan of N tasks, one task naming N units.
"""

from __future__ import annotations

import argparse
import itertools
import random
from dataclasses import dataclass, field, replace
from pathlib import Path

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国庆东海波宁辉林红春晨荣顺卫丹昌"
PLACE = "安平泰和宁康丰顺昌盛永定兴隆福新华阳东西南北山河川湖江海云松柏桐梓"
UNITS = [
    "县发展改革局",
    "县财政局",
    "县商务投资促进局",
    "县科技局",
    "县人力资源社会保障局",
    "县工业和信息化局",
    "县农业农村局",
    "县市场监管局",
    "县交通运输局",
    "县文化和旅游局",
    "县自然资源和规划局",
    "县住房城乡建设局",
    "县综合执法局",
    "县交警大队",
    "县政府办公室",
    "县行政审批局",
    "县地方金融监管局",
    "县高铁新城服务中心",
    "县环委办",
    "县水利局",
    "市生态环境局分局",
    "县教育体育局",
    "县卫生健康局",
    "县体育运动中心",
    "县民政局",
    "县安委会办公室",
    "县应急局",
    "县信访局",
    "县公安局",
    "县退役军人事务局",
    "县司法局",
    "县统计局",
    "县水务集团",
    "县农发公司",
    "县审计局",
]
NAMEPLATES = {"县财政局": "县国资局", "县农业农村局": "县乡村振兴局", "县政府办公室": "县大数据局"}
ZONES = ["经济开发区管委会", "化工产业园服务中心", "农业高新技术产业开发区管委会"]
COLLECTIVES = ["县政府有关部门〔单位〕", "各镇人民政府〔街道办事处〕"]
PHRASES = [
    "深入推进",
    "加快建设",
    "持续优化",
    "全面落实",
    "着力打造",
    "积极探索",
    "扎实开展",
    "大力发展",
    "稳步推进",
    "高标准建设",
    "统筹推进",
    "切实加强",
]
OBJECTS = [
    "重点项目建设",
    "营商环境",
    "乡村振兴",
    "城市更新",
    "数字经济",
    "绿色低碳转型",
    "公共服务体系",
    "安全生产",
    "招商引资",
    "科技创新平台",
    "高标准农田",
    "养老服务体系",
    "医疗卫生服务",
    "文化惠民工程",
    "交通路网",
]
# Institutional reforms of a county from one year to the next: renamings …
RENAMINGS = {
    "县商务投资促进局": "县商务局",
    "县综合执法局": "县城市管理局",
    "县地方金融监管局": "县金融服务中心",
    "县行政审批局": "县行政审批服务局",
    "县教育体育局": "县教育和体育局",
    "县体育运动中心": "县体育事业发展中心",
    "县农发公司": "县农业发展集团",
    "县环委办": "县生态环境保护委员会办公室",
}
# … and units set up (added) in a later year.
NEW_UNITS = [
    "县医疗保障局",
    "县数据局",
    "县国防动员办公室",
    "县消防救援大队",
    "县供销合作社",
    "县林业局",
    "县机关事务服务中心",
    "县融媒体中心",
    "县粮食和物资储备局",
    "县乡村振兴服务中心",
]
# Sections of a plan and the number of tasks in each (92 in all, as in Shen County 2024).
SECTION_SIZES = (3, 84, 5)
FIRST_SERIES_YEAR = 1950  # the parser reads years from 1949 to 2100


def _wrap(text: str, width: int = 26) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)]


@dataclass
class TaskSpec:
    """One task before it is written: text, leaders and units (by their ids in the county)."""

    text: str
    leaders: list[str]
    units: list[int]  # ids into County.names
    forms: list[str]  # per unit: "plain", "nameplate" (县财政局〔县国资局〕) or "typo" (县县财政局)
    in_group: bool  # the development-zone group is among the responsible units
    extra: int | None  # one more responsible unit (an id), named before the collectives


@dataclass
class County:
    """A county's plan in one year: its name, leaders, units and tasks."""

    seed: int
    name: str
    leaders: list[str]
    names: dict[int, str]  # unit id → its current name
    alive: list[int]  # the unit ids that exist this year, in order
    tasks: list[TaskSpec] = field(default_factory=list)
    day: int = 20


def _county_name(seed: int) -> str:
    rng = random.Random(seed)
    return rng.choice(PLACE) + rng.choice(PLACE) + str(seed) + "县"


def _leader_name(rng: random.Random) -> str:
    return "".join([rng.choice(SURNAMES), rng.choice(GIVEN), rng.choice(GIVEN)][: rng.choice([2, 3, 3])])


def _task_text(rng: random.Random) -> str:
    return f"{rng.choice(PHRASES)}{rng.choice(OBJECTS)}，{rng.choice(PHRASES)}{rng.choice(OBJECTS)}，完成年度目标 {rng.randint(2, 99)} 个。"


def county_plan(seed: int) -> County:
    """The county of ``seed`` and its plan, drawn exactly as ``generate_plan`` has always drawn it."""
    rng = random.Random(seed)
    name = rng.choice(PLACE) + rng.choice(PLACE) + str(seed) + "县"
    leaders = list(dict.fromkeys(_leader_name(rng) for _ in range(6))) or ["王伟"]
    ids = {u: k for k, u in enumerate(UNITS)}
    county = County(seed, name, leaders, dict(enumerate(UNITS)), list(range(len(UNITS))))
    for number in range(1, sum(SECTION_SIZES) + 1):
        text = _task_text(rng)
        chosen = rng.sample(leaders, k=min(len(leaders), rng.choice([1, 1, 1, 2])))
        units = rng.sample(UNITS, k=rng.choice([1, 1, 1, 1, 2, 3]))
        forms = []
        for u in units:
            if u in NAMEPLATES and rng.random() < 0.2:
                forms.append("nameplate")
            elif rng.random() < 0.01:
                forms.append("typo")
            else:
                forms.append("plain")
        in_group = number != 1 and rng.random() < 0.45
        extra = ids[rng.choice(UNITS)] if rng.random() < 0.15 else None
        county.tasks.append(TaskSpec(text, chosen, [ids[u] for u in units], forms, in_group, extra))
    return county


def _new_task(rng: random.Random, county: County) -> TaskSpec:
    units = rng.sample(county.alive, k=rng.choice([1, 1, 1, 1, 2, 3]))
    return TaskSpec(
        _task_text(rng),
        rng.sample(county.leaders, k=min(len(county.leaders), rng.choice([1, 1, 1, 2]))),
        units,
        ["plain"] * len(units),
        rng.random() < 0.45,
        rng.choice(county.alive) if rng.random() < 0.15 else None,
    )


def next_year(county: County, rng: random.Random) -> County:
    """The same county a year later: a few units renamed, added or dropped, a leader replaced,
    a few tasks dropped, added or given new targets; everything else as it was."""
    names = dict(county.names)
    alive = list(county.alive)
    leaders = list(county.leaders)
    renamed: set[int] = set()
    if rng.random() < 0.3:
        candidates = [k for k in alive if names[k] in RENAMINGS]
        if candidates:
            k = rng.choice(candidates)
            names[k] = RENAMINGS[names[k]]
            renamed.add(k)
    if rng.random() < 0.3:
        unused = [u for u in NEW_UNITS if u not in names.values()]
        if unused:
            k = max(names) + 1
            names[k] = rng.choice(unused)
            alive.append(k)
    dropped: int | None = None
    if rng.random() < 0.2 and len(alive) > 30:
        core = {k for k, u in names.items() if u in NAMEPLATES or u == "县发展改革局"}
        dropped = rng.choice([k for k in alive if k not in core])
        alive.remove(dropped)
    if rng.random() < 0.3:
        fresh = _leader_name(rng)
        if fresh not in leaders:
            old = rng.randrange(len(leaders))
            leaders = [fresh if k == old else x for k, x in enumerate(leaders)]
    swap = dict(zip(county.leaders, leaders))
    later = replace(county, names=names, alive=alive, leaders=leaders, tasks=[], day=rng.randint(8, 28))
    for task in county.tasks:
        units = [rng.choice(alive) if u == dropped else u for u in task.units]
        keep = list(dict.fromkeys(units))
        forms = [task.forms[units.index(u)] for u in keep]
        forms = ["plain" if u in renamed else f for u, f in zip(keep, forms)]
        extra = None if task.extra == dropped else task.extra
        later.tasks.append(
            replace(task, leaders=[swap[x] for x in task.leaders], units=keep, forms=forms, extra=extra)
        )
    # Tasks 1 (it defines the group) and the last (every county head) stay; a few others change.
    middle = range(1, len(later.tasks) - 1)
    for k in rng.sample(middle, k=rng.randint(3, 8)):
        later.tasks[k] = _new_task(rng, later)
    for k in rng.sample(middle, k=5):
        target = f"完成年度目标 {rng.randint(2, 99)} 个。"
        text = later.tasks[k].text
        later.tasks[k] = replace(later.tasks[k], text=text[: text.rindex("完成年度目标")] + target)
    return later


def _written(name: str, form: str) -> str:
    if form == "nameplate" and name in NAMEPLATES:
        return f"{name}〔{NAMEPLATES[name]}〕"
    if form == "typo":
        return "县" + name
    return name


def render(county: County, year: int = 2024) -> str:
    """The text of the county's plan for ``year``, laid out as pdftotext gives the Shen County plan."""
    zones = [county.name[:2] + z for z in ZONES]
    group = "县属开发区管委会"
    date = f"{year} 年 1 月 {county.day} 日"
    out = [
        "一、统一思想认识，提高政治站位。各级各部门要把落实《报告》作为一项重要政治任务。",
        "二、细化目标任务,密切协作配合。各牵头单位要根据责任分工，研究制定重点工作实施方案。",
        f"{county.name}人民政府",
        date,
        "（此件公开发布）",
        f"{year} 年县政府工作报告重点工作任务",
        "责任分工方案",
    ]
    sections = [
        ("一、主要预期目标", [None]),
        (f"二、{year} 年主要工作任务", [f"（{c}）聚焦重点领域{c}，持续推动发展" for c in "一二三四五六七"]),
        ("三、切实加强政府自身建设", [None]),
    ]
    tasks = iter(county.tasks)
    number = 0
    for (title, subsections), size in zip(sections, SECTION_SIZES):
        out.append(title)
        per = [
            size // len(subsections) + (1 if k < size % len(subsections) else 0)
            for k in range(len(subsections))
        ]
        for sub, count in zip(subsections, per):
            if sub:
                out.append(sub)
            for _ in range(count):
                number += 1
                task = next(tasks)
                names = ["县政府各位县长"] if number == sum(SECTION_SIZES) else task.leaders
                written = [_written(county.names[u], f) for u, f in zip(task.units, task.forms)]
                responsible = list(COLLECTIVES)
                if number == 1:
                    responsible.append("、".join(zones) + f"〔以下简称{group}〕")
                elif task.in_group:
                    responsible.append(group)
                if task.extra is not None:
                    responsible.insert(0, county.names[task.extra])
                attribution = f"（牵头领导：{'、'.join(names)}；牵头单位：{'、'.join(written)}；责任单位：{'，'.join(responsible)}）"
                out.extend(_wrap(f"{number}.{task.text}{attribution}"))
    out.append("抄送：县委有关部门，县人大常委会办公室，县政协办公室。")
    out.append(f"{county.name}人民政府办公室 {date.replace(' 月', '月')}印发")
    return _page(out)


def _page(lines: list[str]) -> str:
    """Lines as pdftotext gives them: blank lines between, a page number every 43 lines."""
    out = []
    for k, line in enumerate(lines, start=1):
        out.append(line)
        out.append("")
        if k % 43 == 0:
            out.append(f"— {k // 43} —")
    return "\n".join(out) + "\n"


def generate_plan(seed: int) -> str:
    """The text of one synthetic plan, a county of its own, dated 2024; the same seed gives the same text."""
    return render(county_plan(seed), 2024)


def first_year(years: int) -> int:
    """The first year of a series of ``years`` consecutive plans: ending in 2024 when it can."""
    return max(FIRST_SERIES_YEAR, 2024 - years + 1)


def county_series(seed: int, years: int) -> list[tuple[int, str]]:
    """``years`` consecutive plans of the county of ``seed``: (year, text), oldest first."""
    county = county_plan(seed)
    start = first_year(years)
    out = []
    for k in range(years):
        if k:
            county = next_year(county, random.Random(seed * 1_000 + k))
        out.append((start + k, render(county, start + k)))
    return out


def write_corpus(n: int, folder: str | Path, start: int = 1, per_county: int = 1) -> list[Path]:
    """Write ``n`` synthetic plans into ``folder``; return their paths.

    With ``per_county`` K > 1, plans come K consecutive years to a county: plans ``start`` …
    ``start + K - 1`` are the county of seed ``start``, and so on (the last county may have
    fewer years). Files are ``plan-00001.txt`` … in that order either way.
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    if per_county <= 1:
        texts = (generate_plan(seed) for seed in range(start, start + n))
    else:
        texts = (
            text
            for first in range(start, start + n, per_county)
            for _, text in county_series(first, per_county)[: start + n - first]
        )
    for seed, text in zip(range(start, start + n), texts):
        path = out / f"plan-{seed:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


# ------------------------------------------------------------------ single large plans

CHINESE_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 40 → 四十, 99 → 九十九 (section numbers go up to 99 here)."""
    if n < 10:
        return CHINESE_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CHINESE_DIGITS[tens]) + "十" + (CHINESE_DIGITS[ones] if ones else "")


def plan_of_tasks(tasks: int, seed: int = 1) -> str:
    """One plan with ``tasks`` numbered tasks in up to 30 sections of up to 10 subsections."""
    rng = random.Random(seed)
    leaders = ["丁卫东", "贾国顺", "王志强", "李秀英", "张建国", "刘海波"]
    sections = max(1, min(30, tasks // 100))
    per_section = -(-tasks // sections)
    lines = ["莘县人民政府", "2024 年 1 月 20 日", "2024 年县政府工作报告重点工作任务", "责任分工方案"]
    number = 0
    for s in range(1, sections + 1):
        lines.append(f"{chinese_number(s)}、聚焦重点领域{s}，持续推动高质量发展")
        subsections = max(1, min(10, per_section // 20))
        per_sub = -(-per_section // subsections)
        for sub in range(1, subsections + 1):
            lines.append(f"（{chinese_number(sub)}）统筹推进第{sub}项重点工作")
            for _ in range(per_sub):
                if number == tasks:
                    break
                number += 1
                text = (
                    f"{rng.choice(PHRASES)}{rng.choice(OBJECTS)}，{rng.choice(PHRASES)}{rng.choice(OBJECTS)}，"
                    f"完成年度目标 {rng.randint(2, 99)} 个。"
                )
                units = "、".join(rng.sample(UNITS, k=rng.choice([1, 1, 2, 3])))
                responsible = "，".join(COLLECTIVES if rng.random() < 0.5 else [rng.choice(UNITS)])
                attribution = (
                    f"（牵头领导：{rng.choice(leaders)}；牵头单位：{units}；责任单位：{responsible}）"
                )
                lines.extend(_wrap(f"{number}.{text}{attribution}"))
    lines.append("抄送：县委有关部门，县人大常委会办公室，县政协办公室。")
    return _page(lines)


def unit_names(count: int) -> list[str]:
    """``count`` distinct unit names: 县安平泰局, 县安平和局, …"""
    alphabet = PLACE.replace("和", "")  # "和" joins two names: 县安和平局 would be two units
    names = ("县" + "".join(chars) + "局" for chars in itertools.product(alphabet, repeat=3))
    return list(itertools.islice(names, count))


def plan_of_names(names: int) -> str:
    """One plan with a single task whose responsible units are ``names`` distinct units."""
    responsible = "、".join(unit_names(names))
    lines = [
        "2024 年县政府工作报告重点工作任务",
        "责任分工方案",
        "一、主要预期目标",
        *_wrap(
            f"1.地区生产总值增长 6%。（牵头领导：丁卫东；牵头单位：县发展改革局；责任单位：{responsible}）"
        ),
    ]
    return _page(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of plans")
    parser.add_argument("folder", type=Path, help="where to write plan-00001.txt …")
    parser.add_argument(
        "--per-county",
        type=int,
        default=1,
        metavar="K",
        help="K consecutive years to each county (default 1)",
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the first plan (default 1)")
    args = parser.parse_args()
    if args.n < 0 or args.per_county < 1:
        parser.error("N must be at least 0 and K at least 1")
    write_corpus(args.n, args.folder, args.seed, args.per_county)


if __name__ == "__main__":
    main()
