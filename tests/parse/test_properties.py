"""Property tests: layout noise changes nothing; no input raises anything but our own errors."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from taskgraph.errors import TaskgraphError
from taskgraph.parse import parse_plan
from taskgraph.parse.normalise import PAGE_NUMBER
from taskgraph.readers.text import decode_bytes

MARKER = re.compile(r"^\s*(\d+\.|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _essence(plan):
    """What must not change: every task's place, text and parties (whitespace aside)."""
    squash = lambda s: None if s is None else re.sub(r"\s", "", s)  # noqa: E731
    return [(t.number, squash(t.section), squash(t.subsection), t.text, t.assignments) for t in plan.tasks]


def _body_range(lines: list[str]) -> range:
    """Indices of the lines between the plan's first section and the cc list."""
    first = next(i for i, ln in enumerate(lines) if ln.strip() == "一、主要预期目标")
    last = next(i for i, ln in enumerate(lines) if ln.strip().startswith("抄送"))
    return range(first, last)


@SETTINGS
@given(data=st.data())
def test_rebreaking_lines_changes_nothing(plan_text, plan, data):
    """Breaking lines of the plan's body at arbitrary places gives the same tasks."""
    lines = plan_text.splitlines()
    body = _body_range(lines)
    chosen = data.draw(st.lists(st.sampled_from(list(body)), min_size=1, max_size=30, unique=True))
    for i in sorted(chosen, reverse=True):
        line = lines[i]
        if PAGE_NUMBER.match(line.strip()):
            continue  # a page number is not text that a PDF would wrap
        # A paragraph's number marker starts its line in any layout; breaks come after it.
        marker = MARKER.match(line)
        low = marker.end() if marker else 1
        if len(line) - 1 < low:
            continue
        cut = data.draw(st.integers(low, len(line) - 1))
        pair = line[cut - 1 : cut + 1]
        if pair.isascii() and pair.isalnum() and not pair.isdigit():
            continue  # a PDF breaks Latin words at spaces, never inside "IPO" or "PM10"
        gap = data.draw(st.sampled_from(["\n", "\n\n", "\n \n", "\n\n "]))
        lines[i] = line[:cut] + gap + line[cut:]
    assert _essence(parse_plan("\n".join(lines))) == _essence(plan)


@SETTINGS
@given(data=st.data())
def test_blank_lines_and_page_markers_change_nothing(plan_text, plan, data):
    """Blank lines, page numbers and leading spaces added between lines give the same tasks."""
    lines = plan_text.splitlines()
    positions = data.draw(st.lists(st.integers(0, len(lines)), min_size=1, max_size=40))
    for pos in sorted(positions, reverse=True):
        noise = data.draw(st.sampled_from(["", "   ", "— 3 —", "- 17 -", "－ 2 －", "第 5 页", "\t"]))
        lines.insert(pos, noise)
    assert _essence(parse_plan("\n".join(lines))) == _essence(plan)


@settings(max_examples=40, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("1２.．、（）()〔〕：:；;，一二十县局牵头领导单位责任甲乙\n 。抄送印发年月日")
        )
    )
)
def test_arbitrary_plan_like_text_never_crashes(text):
    """Text made of the grammar's own characters parses or raises a TaskgraphError, nothing else."""
    try:
        plan = parse_plan(text)
    except TaskgraphError:
        return
    assert plan.tasks


@settings(max_examples=40, deadline=None)
@given(st.text())
def test_arbitrary_text_never_crashes(text):
    """Arbitrary Unicode parses or raises a TaskgraphError, nothing else."""
    try:
        parse_plan(text)
    except TaskgraphError:
        pass


@settings(max_examples=40, deadline=None)
@given(st.binary())
def test_arbitrary_bytes_never_crash(data):
    """Arbitrary bytes decode or raise a TaskgraphError, nothing else."""
    try:
        decode_bytes(data)
    except TaskgraphError:
        pass
