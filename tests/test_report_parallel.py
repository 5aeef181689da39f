"""taskgraph report in several processes (issue 12): the same files as in one, and a part that
fails in a child process gives the same one line as in one process, never a traceback or a hang.

The failure cases run the command line in a fresh Python (a report forks only while one thread
runs, and a test process may hold others), with one part of the report replaced."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="reports run in one process without fork")

TINY = "某县2024年政府工作报告重点工作任务分工方案\n\n1. 推进乡村振兴。（牵头领导：丁卫东；牵头单位：县财政局；责任单位：县农业农村局）\n"
INTERNAL = "; set TASKGRAPH_DEBUG=1 for the traceback and please report it"
FIGURES = "taskgraph.render.figures.write_figures"
VALIDATION = "taskgraph.shacl.validate_quads"

# Notes the process it runs in and the one the part runs in, replaces the part, runs the command.
SCRIPT = """
import os, signal, sys, time
import {module} as target
from taskgraph.errors import TaskgraphError

class Unpicklable(Exception):
    def __init__(self, what, why):
        super().__init__(f"{{what}}: {{why}}")

def note(what):
    with open({record!r}, "a", encoding="utf-8") as fh:
        fh.write(f"{{what}} {{os.getpid()}}\\n")

def replaced(*args, **kwargs):
    note("part")
{body}

note("main")
target.{name} = replaced
{more}
from taskgraph.cli import main
sys.argv = ["taskgraph", "report", {plan!r}, "-o", {out!r}, "-q"]
main()
"""


def run_report(
    tmp_path: Path, part: str, body: str, jobs: str, more: str = ""
) -> tuple[int, str, dict[str, int]]:
    """``taskgraph report`` on a tiny plan, ``part`` replaced by ``body``: the exit code, stderr,
    and the process the command and the part ran in."""
    module, name = part.rsplit(".", 1)
    plan = tmp_path / "plan.txt"
    plan.write_text(TINY, encoding="utf-8")
    record = tmp_path / f"record-{jobs}"
    script = SCRIPT.format(
        module=module,
        name=name,
        record=str(record),
        body=textwrap.indent(textwrap.dedent(body).strip(), "    "),
        more=textwrap.dedent(more),
        plan=str(plan),
        out=str(tmp_path / f"out{jobs}"),
    )
    env = dict(os.environ, TASKGRAPH_JOBS=jobs)
    env.pop("TASKGRAPH_DEBUG", None)
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=240
    )
    pids = dict(line.split() for line in record.read_text(encoding="utf-8").splitlines())
    return done.returncode, done.stderr, {k: int(v) for k, v in pids.items()}


def test_the_files_are_the_same_in_one_process_and_in_three(tmp_path, plan_path):
    """Validation and figures in child processes change no byte and no file's place in the list."""
    from taskgraph.report import write_report

    one = write_report([plan_path], tmp_path / "one", jobs=1)
    three = write_report([plan_path], tmp_path / "three", jobs=2)
    names = [p.relative_to(one.folder) for p in one.files]
    assert names == [p.relative_to(three.folder) for p in three.files]
    assert len(names) == len(set(names)) > 40
    for name in names:
        assert (one.folder / name).read_bytes() == (three.folder / name).read_bytes(), name
    assert (one.conforms, one.violations) == (three.conforms, three.violations)


@pytest.mark.parametrize(
    "error, line",
    [
        ('TaskgraphError("the part failed")', "Error: the part failed"),
        ('ValueError("no such colour")', "Error: internal error (ValueError: no such colour)" + INTERNAL),
        (
            'Unpicklable("figure", "too wide")',
            "Error: internal error (Unpicklable: figure: too wide)" + INTERNAL,
        ),
    ],
)
@pytest.mark.parametrize("part", [FIGURES, VALIDATION])
def test_a_failing_part_is_the_same_one_line_in_a_child(tmp_path, error, line, part):
    for jobs in ("2", "1"):
        code, err, pids = run_report(tmp_path, part, f"raise {error}", jobs)
        assert code == 1, err
        assert "Traceback" not in err
        assert err.strip().splitlines()[-1] == line, jobs
        assert (pids["part"] != pids["main"]) == (jobs == "2")  # in a child, or here
        _assert_unlocked(tmp_path / f"out{jobs}")


def test_a_child_that_dies_is_one_line(tmp_path):
    code, err, pids = run_report(tmp_path, FIGURES, "os.kill(os.getpid(), signal.SIGKILL)", "2")
    assert code == 1, err
    assert pids["part"] != pids["main"]
    assert err.strip().splitlines()[-1] == (
        "Error: a process writing the report ended without finishing its part (signal 9)"
    )
    _assert_unlocked(tmp_path / "out2")


def test_children_are_stopped_when_this_process_fails(tmp_path):
    """An error here stops the children before the folder is unlocked (nothing writes into it
    after), leaving no half-written file; no wait for a child that would run for ten minutes."""
    started = str(tmp_path / "started")
    slow = f"""
    open({started!r}, "w").close()
    time.sleep(600)
    """
    fail_pages = f"""
    import taskgraph.render.html as html

    def fail(*args, **kwargs):
        for _ in range(3000):  # once the figures have begun in their child
            if os.path.exists({started!r}):
                raise TaskgraphError("the pages could not be written")
            time.sleep(0.01)
        raise TaskgraphError("the figures were not drawn in a child process")

    html.render_html = fail
    """
    code, err, pids = run_report(tmp_path, FIGURES, slow, "2", more=fail_pages)
    assert pids["part"] != pids["main"]
    assert code == 1, err
    assert err.strip().splitlines()[-1] == "Error: the pages could not be written"
    _assert_unlocked(tmp_path / "out2")
    assert not [p for p in (tmp_path / "out2").rglob(".*") if p.name != ".taskgraph.lock"]


def _assert_unlocked(folder: Path) -> None:
    from taskgraph.safety import FolderLock

    with FolderLock(folder):
        pass


def test_deferred_font_subsets_give_the_same_pages(corpus):
    """Pages whose fonts are cut together, from one font holding all their characters, are the
    pages cut one by one (a subset is the same whatever font holding its characters it comes from)."""
    from taskgraph.export import measured_view
    from taskgraph.render.fonts import deferred_subsets
    from taskgraph.render.html import render_html

    views = [measured_view(corpus, view) for view in ("units", "leaders", "full")]
    with deferred_subsets() as fonts:
        pages = [render_html(G, None, "test") for G in views]
    together = [fonts.fill(page) for page in pages]
    assert together == [render_html(G, None, "test") for G in views]
    assert all("TASKGRAPHFONT" not in page for page in together)
