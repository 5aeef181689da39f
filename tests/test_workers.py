"""Plans parsed across worker processes (issue 12): the same plans, warnings and errors, in the
same order, as in one process.

Each case runs the command line in a fresh Python: workers are forked only while one thread
runs, and a test process may hold others (pytest-xdist's)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from taskgraph.workers import MIN_ITEMS, ordered_map, processes

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork"), reason="plans are parsed in one process without fork"
)

DOCS = Path(__file__).parent / "fixtures" / "realplans" / "docs"


def taskgraph(*args: str, jobs: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, TASKGRAPH_JOBS=jobs)
    env.pop("TASKGRAPH_DEBUG", None)
    code = "from taskgraph.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=300
    )


def test_the_development_set_parses_the_same_in_one_process_and_in_three():
    """24 real plans in five formats: the JSON and the warnings on stderr are the same, in order."""
    assert len(list(DOCS.iterdir())) >= MIN_ITEMS
    one = taskgraph("parse", str(DOCS), jobs="1")
    three = taskgraph("parse", str(DOCS), jobs="3")
    assert one.returncode == three.returncode == 0, one.stderr + three.stderr
    assert one.stdout == three.stdout and one.stderr == three.stderr
    assert one.stdout.count('"source"') == len(list(DOCS.iterdir()))


def test_a_bad_file_in_a_worker_gives_the_same_one_line(tmp_path):
    """An empty file among twenty plans: the one line naming it and exit code 1, no traceback."""
    folder = tmp_path / "plans"
    shutil.copytree(DOCS, folder)
    (folder / "m-empty.txt").write_bytes(b"")
    one = taskgraph("build", str(folder), "-o", str(tmp_path / "one.nq"), jobs="1")
    two = taskgraph("build", str(folder), "-o", str(tmp_path / "two.nq"), jobs="2")
    assert one.returncode == two.returncode == 1
    assert one.stderr == two.stderr
    last = two.stderr.strip().splitlines()[-1]
    assert "m-empty.txt" in last and "Traceback" not in two.stderr


def test_ordered_map_keeps_the_order_and_raises_in_turn():
    """In this process (one job): the values in order; an error raised at its item's turn."""
    assert list(ordered_map(str, list(range(40)), jobs=1)) == [str(n) for n in range(40)]
    assert processes(1) == 1
    seen = []
    with pytest.raises(ZeroDivisionError):
        for value in ordered_map(lambda n: 1 / (n - 5), list(range(20)), jobs=1):
            seen.append(value)
    assert len(seen) == 5


def test_work_runs_in_other_processes_with_two_jobs():
    """With two jobs and enough items, the work (any callable, a lambda too) runs in forked
    workers, never in the calling process."""
    code = (
        "import os; from taskgraph.workers import ordered_map\n"
        "pids = set(ordered_map(lambda _: os.getpid(), list(range(64)), jobs=2))\n"
        "print(len(pids), os.getpid() in pids)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    workers, here = done.stdout.split()
    assert 1 <= int(workers) <= 2 and here == "False", done.stderr
