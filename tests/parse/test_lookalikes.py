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
