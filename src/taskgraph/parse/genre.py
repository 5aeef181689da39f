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
    r"(总结|通报|解读|答记者问|问答|讲话|发言|致辞|报道|综述|纪实|述职报告|工作报告|情况报告|调研报告|的报告|新闻发布会|简报|快讯)$"
)
# A title that says it allocates tasks wins over a look-alike noun before it:
# "关于印发2024年政府工作报告重点工作任务分工方案的通知".
PLAN_TITLE = re.compile(r"分工|分解|责任清单|任务清单|台账|落实.{0,6}(方案|意见)|实施意见|实施方案|工作要点|重点工作|印发")
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
        if not t:
            continue
        if LOOKALIKE_TITLE.search(t) and not re.search(r"(方案|分工|分解|清单)(的)?(通知|意见)?$", t):
            return "lookalike"
        if PLAN_TITLE.search(t):
            return "plan"
    return None


def refusal(titles: list[str], opening: list[str], tasks: list[tuple[str, int]]) -> str | None:
    """Why the document is not a task allocation, or None when it reads as one.

    ``titles`` are the document's title lines (its file title first), ``opening`` its first
    lines, ``tasks`` the candidate tasks as (attribution style, number of parties).
    """
    if not tasks:
        return "no task with a lead or responsible unit or leader was found"
    strong = sum(1 for style, _ in tasks if style in STRONG)
    kind = title_kind(titles)
    if kind == "lookalike":
        return "its title names another kind of document"
    if any(SPEECH.match(t) for t in opening):
        return "it reads as a speech or a work report"
    if kind != "plan" and any(NEWS.search(t) for t in opening) and strong < 3:
        return "it reads as a news story"
    if strong == 0 and (len(tasks) < 3 or kind != "plan"):
        return "its units are named only in running sentences, not attributed task by task"
    return None
