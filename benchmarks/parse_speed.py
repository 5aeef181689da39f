"""How fast does the parser read plan text, against a plain pass over the same text? (issue 12)

    python benchmarks/parse_speed.py                    # Shen County, 1,000 and 10,000 tasks
    python benchmarks/parse_speed.py --runs 9 --sizes 1000,10000,100000

The plain pass is the floor the issue measures the parser against: it unwraps the lines, finds
every attribution with one regular expression and splits each field's names on 、 and ，; it
reads no layout, no headings, no front matter and resolves no name.

Every run is a process of its own, as a plan is parsed in real use: the parser is imported and
warmed up on a small plan of its own (dictionaries loaded, patterns compiled), then it parses the
input once, its lists of names and attributions never seen before; the plain pass runs five
times beside it. The figures are medians over ``--runs`` runs: MB of text a second for
``parse_plan`` and for the plain pass, and the ratio of their times, run by run, so that other
work on the machine weighs on both alike. Issue 12's targets: at least 12 MB/s, and at most 20
times the plain pass.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import plan_of_tasks  # noqa: E402

SHEN_COUNTY = ROOT / "data" / "shenxian-2024-task-allocation.txt"

# The plain pass's one attribution pattern: "（牵头领导：丁卫东；牵头单位：县财政局；责任单位：…）"
# (Shen County 2024), its content up to the closing bracket.
PLAIN_ATTRIBUTION = re.compile(r"（(牵头[^）]*)）")
# Names in a field: "县政府有关部门〔单位〕，各镇人民政府〔街道办事处〕、县发展改革局".
PLAIN_SEPARATOR = re.compile(r"[、，]")
# The warm-up plan: every dictionary and pattern the parser loads on first use, none of the names
# of the inputs.
WARM_UP = "一、目标\n1.推进第一项工作。（牵头领导：王明；牵头单位：市测试局；责任单位：市试验中心）\n"


def plain_pass(text: str) -> int:
    """Unwrap the lines, match every attribution, split its names; the number of names found."""
    unwrapped = "".join(text.split("\n"))
    names = 0
    for m in PLAIN_ATTRIBUTION.finditer(unwrapped):
        for field in m.group(1).split("；"):
            names += len(PLAIN_SEPARATOR.split(field.partition("：")[2]))
    return names


def child(path: str) -> None:
    """In a process of its own: seconds to parse ``path`` once and for the plain pass (median of 5)."""
    from taskgraph.parse import parse_plan

    text = Path(path).read_text(encoding="utf-8")
    parse_plan(WARM_UP)
    plain = []
    for _ in range(5):
        started = time.perf_counter()
        plain_pass(text)
        plain.append(time.perf_counter() - started)
    started = time.perf_counter()
    tasks = len(parse_plan(text).tasks)
    parse = time.perf_counter() - started
    print(json.dumps({"parse": parse, "plain": statistics.median(plain), "tasks": tasks}))


def run(path: Path) -> dict:
    """One run, in a child process."""
    code = (
        f"import sys; sys.path.insert(0, {str(HERE)!r}); from parse_speed import child; child({str(path)!r})"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="tasks of the generated plans")
    parser.add_argument("--runs", type=int, default=7, help="runs of each input, the median is kept")
    args = parser.parse_args()
    inputs = [("Shen County 2024", SHEN_COUNTY.read_text(encoding="utf-8"))]
    inputs += [(f"{int(n):,} tasks", plan_of_tasks(int(n))) for n in args.sizes.split(",") if n]
    print(f"{'input':>18} {'MB':>6} {'tasks':>7} {'parse MB/s':>11} {'plain MB/s':>11} {'ratio':>7}")
    with tempfile.TemporaryDirectory(prefix="tg-parse-speed-") as folder:
        for name, text in inputs:
            path = Path(folder) / "plan.txt"
            path.write_text(text, encoding="utf-8")
            mb = len(text.encode("utf-8")) / 1e6
            runs = [run(path) for _ in range(args.runs)]
            parse = statistics.median(r["parse"] for r in runs)
            plain = statistics.median(r["plain"] for r in runs)
            ratio = statistics.median(r["parse"] / r["plain"] for r in runs)
            tasks = runs[0]["tasks"]
            print(f"{name:>18} {mb:>6.2f} {tasks:>7,} {mb / parse:>11.2f} {mb / plain:>11.1f} {ratio:>6.1f}x")
    print("issue 12 asks for at least 12 MB/s and a ratio of at most 20x")


if __name__ == "__main__":
    main()
