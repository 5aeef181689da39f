"""A synthetic corpus of plans shaped like the Shen County 2024 plan, for benchmarks.

Each plan has a notice, issuer and date, a two-line title, 3 sections and 7 subsections,
92 tasks whose attributions name 1-2 of 6 leaders, 1-3 of 35 lead units, collectives and a
group defined in task 1, second nameplates and an occasional doubled-prefix typo; lines are
wrapped at 26 characters with blank lines between them and page numbers, as PDF text is.

    python benchmarks/generate.py 100 /tmp/corpus-100
"""

from __future__ import annotations

import random
import sys
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


def _wrap(text: str, width: int = 26) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)]


def generate_plan(seed: int) -> str:
    """The text of one synthetic plan; the same seed gives the same text."""
    rng = random.Random(seed)
    county = rng.choice(PLACE) + rng.choice(PLACE) + str(seed) + "县"
    leaders = [
        "".join([rng.choice(SURNAMES), rng.choice(GIVEN), rng.choice(GIVEN)][: rng.choice([2, 3, 3])])
        for _ in range(6)
    ]
    leaders = list(dict.fromkeys(leaders)) or ["王伟"]
    zones = [county[:2] + z for z in ZONES]
    group = "县属开发区管委会"
    out = [
        "一、统一思想认识，提高政治站位。各级各部门要把落实《报告》作为一项重要政治任务。",
        "二、细化目标任务,密切协作配合。各牵头单位要根据责任分工，研究制定重点工作实施方案。",
        f"{county}人民政府",
        "2024 年 1 月 20 日",
        "（此件公开发布）",
        "2024 年县政府工作报告重点工作任务",
        "责任分工方案",
    ]
    sections = [
        ("一、主要预期目标", [None]),
        ("二、2024 年主要工作任务", [f"（{c}）聚焦重点领域{c}，持续推动发展" for c in "一二三四五六七"]),
        ("三、切实加强政府自身建设", [None]),
    ]
    sizes = [3, 84, 5]
    number = 0
    for (title, subsections), size in zip(sections, sizes):
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
                text = f"{rng.choice(PHRASES)}{rng.choice(OBJECTS)}，{rng.choice(PHRASES)}{rng.choice(OBJECTS)}，完成年度目标 {rng.randint(2, 99)} 个。"
                names = rng.sample(leaders, k=min(len(leaders), rng.choice([1, 1, 1, 2])))
                if number == 92:
                    names = ["县政府各位县长"]
                units = rng.sample(UNITS, k=rng.choice([1, 1, 1, 1, 2, 3]))
                written = []
                for u in units:
                    if u in NAMEPLATES and rng.random() < 0.2:
                        written.append(f"{u}〔{NAMEPLATES[u]}〕")
                    elif rng.random() < 0.01:
                        written.append("县" + u)
                    else:
                        written.append(u)
                responsible = list(COLLECTIVES)
                if number == 1:
                    responsible.append("、".join(zones) + f"〔以下简称{group}〕")
                elif rng.random() < 0.45:
                    responsible.append(group)
                if rng.random() < 0.15:
                    responsible.insert(0, rng.choice(UNITS))
                attribution = f"（牵头领导：{'、'.join(names)}；牵头单位：{'、'.join(written)}；责任单位：{'，'.join(responsible)}）"
                out.extend(_wrap(f"{number}.{text}{attribution}"))
    out.append("抄送：县委有关部门，县人大常委会办公室，县政协办公室。")
    out.append(f"{county}人民政府办公室 2024 年 1月 20 日印发")
    lines = []
    for k, line in enumerate(out, start=1):
        lines.append(line)
        lines.append("")
        if k % 43 == 0:
            lines.append(f"— {k // 43} —")
    return "\n".join(lines) + "\n"


def write_corpus(n: int, folder: str | Path, start: int = 1) -> list[Path]:
    """Write ``n`` synthetic plans into ``folder``; return their paths."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for seed in range(start, start + n):
        path = out / f"plan-{seed:05d}.txt"
        path.write_text(generate_plan(seed), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python benchmarks/generate.py N FOLDER")
    write_corpus(int(sys.argv[1]), sys.argv[2])
