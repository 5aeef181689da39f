"""Is this document a task allocation at all?

Look-alikes — a government work report, a work summary, a supervision notice, a news story, a
policy reading — have numbered paragraphs and name units, and a reader that finds tasks in them
invents data (issue 10: 15 invented tasks over 6 such documents). A document is read as a plan
when its tasks carry attributions in the plan's own form (a labelled or bracketed attribution, a
table column) and its title, if it has one, does not say it is something else.
"""

from __future__ import annotations

import re

# The head noun of a look-alike's title: "…工作总结", "…督查情况的通报", "…政策解读",
# "政府工作报告" itself, "…答记者问".
LOOKALIKE_TITLE = re.compile(
    r"(总结|通报|解读|答记者问|问答|讲话|发言|致辞|报道|综述|纪实|述职报告|工作报告|情况报告|调研报告|的报告|新闻发布会|简报|快讯"
    r"|(建议|提案|意见)的(答复|复函|答复函)|答复函|复函|绩效目标表|绩效自评表|预算表|决算表"
    r"|(主持|出席|参加)(召开)?.{0,30}(会议|推进会|座谈会|调度会|现场会|专题会)|联系点(安排)?|分工调整(的通知)?|领导(干部)?联系.{0,30}(安排|名单)》?(的)?通知"
    r"|(召开|举办|开展|参加).{0,30}(会议|活动|培训|调研|检查)的通知|工作计划|工作打算)$"
)
# A title that says it allocates tasks wins over a look-alike noun before it:
# "关于印发2024年政府工作报告重点工作任务分工方案的通知".
PLAN_TITLE = re.compile(
    r"分工|分解|责任清单|任务清单|台账|落实.{0,6}(方案|意见)|实施意见|实施方案|工作要点"
    r"|(印发|下达).{0,60}(方案|意见|清单|要点|计划|安排|任务|事项)|重点工作(任务|事项)?(安排|清单|责任)"
)
# An introduction that says what follows is a report on work done, not tasks to do:
# "现将督查情况通报如下：", "现将有关情况总结如下：", "现将…进展情况报告如下：".
REPORTING = re.compile(r"(通报|总结|汇报|报告)如下|督查情况|督查发现|总结如下")
# Page chrome, not a title: breadcrumbs ("当前位置:首页 > 政务公开 > 工作报告"), site menus.
CHROME = re.compile(r">|＞|首页|当前位置|您现在的位置|栏目|来源[:：]|发布时间|浏览次数")
# Speech and report openings: "各位代表：" (a work report read to the congress).
SPEECH = re.compile(r"^各位代表|^同志们|^各位委员")
# A news story's dateline or byline.
NEWS = re.compile(r"本报讯|记者\s*[\u4e00-\u9fff]{2,4}\s*(报道|摄)|新华社.{0,10}电|央视网消息|（记者")

# Attribution styles that are the plan's own form; a closing sentence of predicates
# ("市教育局牵头，市人社局配合。") is plain prose in a report or a summary too.
STRONG = frozenset({"parenthesis", "labels", "labelled-lines", "table", "predicate", "division"})


def title_kind(titles: list[str]) -> str | None:
    """``lookalike`` when the first title-like line names another genre, ``plan`` when it names a
    task allocation, None when it says neither.

    Examples
    --------
    >>> title_kind(["2023年全县重点工作落实情况的通报"]), title_kind(["2024年政府工作报告"])
    ('lookalike', 'lookalike')
    >>> title_kind(["关于印发2024年政府工作报告重点工作任务分工方案的通知"])
    'plan'
    """
    for title in titles:
        t = re.sub(r"[\s《》〈〉“”\"]", "", title).rstrip("。")
        if not t or len(t) < 6 or CHROME.search(t):
            continue
        if LOOKALIKE_TITLE.search(t) and not re.search(r"(方案|分工|分解|清单)(的)?(通知|意见)?$", t):
            return "lookalike"
        if PLAN_TITLE.search(t):
            return "plan"
    return None


def refusal(
    titles: list[str],
    opening: list[str],
    tasks: list[tuple[str, bool]],
    share: float = 1.0,
    front: list[str] = (),  # type: ignore[assignment]
) -> str | None:
    """Why the document is not a task allocation, or None when it reads as one.

    ``titles`` are the document's title lines (its file title first), ``opening`` its first
    lines, ``tasks`` the candidate tasks as (attribution style, whether it is numbered),
    ``share`` the share of numbered paragraphs at the tasks' level that carry an attribution,
    ``front`` the lines before the first task.
    """
    strong = sum(1 for style, _ in tasks if style in STRONG)
    if not strong:
        # A closing sentence ("…。会务工作由县政府办公室负责。") is an attribution only on numbered
        # items, where a plan puts it on one task after another.
        tasks = [(style, numbered) for style, numbered in tasks if numbered]
    if not tasks:
        return "no task with a lead or responsible unit or leader was found"
    kind = title_kind(titles)
    if kind == "lookalike":
        return "its title names another kind of document"
    if any(SPEECH.match(t) for t in opening):
        return "it reads as a speech or a work report"
    if kind != "plan" and any(REPORTING.search(t) for t in [*opening, *front[-60:]]):
        return "it reports on work done rather than allocating tasks"
    if kind != "plan" and any(NEWS.search(t) for t in opening) and strong < 3:
        return "it reads as a news story"
    if strong == 0 and (share < 0.5 or (len(tasks) < 2 and kind != "plan")):
        return "its units are named only in running sentences, not attributed task by task"
    return None
