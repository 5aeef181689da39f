"""Documents that are not task allocations yield no task: a work report, a work summary, a
supervision notice (with and without its title), a news story, a policy reading, a meeting
notice, an implementation opinion without attributions, a progress report (issue 10)."""

from __future__ import annotations

from pathlib import Path

import pytest

from taskgraph.errors import ParseError
from taskgraph.parse import read_plan

LOOKALIKES = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "lookalikes").glob("*.txt"))


def test_there_are_lookalikes():
    """The set covers the kinds of look-alike the issue names."""
    assert len(LOOKALIKES) >= 8


@pytest.mark.parametrize("path", LOOKALIKES, ids=lambda p: p.stem)
def test_no_task_invented(path):
    """A look-alike is refused with one line saying no task allocation was found."""
    with pytest.raises(ParseError, match="no task allocation found") as info:
        read_plan(path)
    assert "\n" not in str(info.value) and path.name in str(info.value)


def test_a_reply_to_a_deputys_suggestion_is_refused():
    """ "关于县十八届人大三次会议第45号建议的答复" names 承办单位 and 协办单位 and numbered plans: no plan."""
    import pytest

    from taskgraph import parse_plan
    from taskgraph.errors import ParseError

    with pytest.raises(ParseError, match="another kind of document"):
        parse_plan(
            "云溪县水利局\n关于县十八届人大三次会议第45号建议的答复\n尊敬的王建国代表：\n"
            "一、关于水源保护问题\n1.划定水源保护区。（县水利局负责）\n2.推进水厂改造。（县卫生健康局负责）\n"
            "承办单位：县水利局\n协办单位：县财政局、县卫生健康局\n"
        )


def test_a_news_item_on_a_meeting_is_refused():
    """ "周文斌主持召开全市重点工作推进会" quotes numbered items with 牵头单位: a news item, no plan."""
    import pytest

    from taskgraph import parse_plan
    from taskgraph.errors import ParseError

    with pytest.raises(ParseError, match="another kind of document"):
        parse_plan(
            "周文斌主持召开全市重点工作推进会\n会上，各单位汇报了进展：\n"
            "1.重点项目已开工41个。（牵头单位：市发改委）\n2.新增市场主体3000户。（牵头单位：市市场监管局）\n"
        )


def test_leaders_contact_points_are_refused():
    """ "关于印发《2023年县级领导干部联系重点项目、重点企业和乡镇安排》的通知": no plan."""
    import pytest

    from taskgraph import parse_plan
    from taskgraph.errors import ParseError

    with pytest.raises(ParseError):
        parse_plan(
            "关于印发《2023年县级领导干部联系重点项目、重点企业和乡镇安排》的通知\n"
            "一、县委书记陈国平\n1.沪淮产业合作园项目。（责任单位：县发改局）\n2.县经开区。（责任单位：县经开区管委会）\n"
        )
