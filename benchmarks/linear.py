"""Does the cost grow linearly with the input? One plan of 1,000, 10,000 and 100,000 tasks.

    python benchmarks/linear.py                        # parse at 1k, 10k, 100k tasks; names per task
    python benchmarks/linear.py --sizes 1000,4000      # quicker
    python benchmarks/linear.py --commands             # also `taskgraph parse`, `build`, `report`

Each plan is written in the genre of the Shen County plan (``一、`` sections, ``（一）``
subsections, ``1.任务文本。（牵头领导：…；牵头单位：县X局；责任单位：…）`` tasks, lines
wrapped at 26 characters with blank lines and page numbers between them, as PDF text is).
Another set of plans has a single task naming 2,500 … 20,000 distinct units, for the cost of
names per task. Every measurement runs in its own process: its time, tasks (or names) per
second, MB per second and peak memory (from the kernel, ``wait4``) are printed, with the
growth against the size before it — about 1.0x per 1.0x of input is linear; a growth of time
near the square of the size ratio is quadratic. Issue 14 found the parser quadratic in both.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import COLLECTIVES, OBJECTS, PHRASES, PLACE, UNITS, _wrap  # noqa: E402

CHINESE_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 40 → 四十, 99 → 九十九 (section numbers go up to 99 here)."""
    if n < 10:
        return CHINESE_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CHINESE_DIGITS[tens]) + "十" + (CHINESE_DIGITS[ones] if ones else "")


def _page(lines: list[str]) -> str:
    """Lines as pdftotext gives them: wrapped, blank lines between, a page number every 43 lines."""
    out = []
    for k, line in enumerate(lines, start=1):
        out.append(line)
        out.append("")
        if k % 43 == 0:
            out.append(f"— {k // 43} —")
    return "\n".join(out) + "\n"


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


def child_parse(path: str) -> None:
    """In the child process: parse ``path`` once and print seconds, tasks and names as JSON."""
    from taskgraph.parse import read_plan

    started = time.perf_counter()
    plan = read_plan(path)
    seconds = time.perf_counter() - started
    names = sum(len(t.assignments) for t in plan.tasks)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "tasks": len(plan.tasks), "names": names, "peak_mb": peak_mb}))


def run_child(path: Path, timeout: float) -> tuple[dict | None, str]:
    """Parse ``path`` in a child process; its JSON result, or None and why not."""
    code = f"import sys; sys.path.insert(0, {str(HERE)!r}); from linear import child_parse; child_parse({str(path)!r})"
    try:
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, f"stopped after {timeout:g} s"
    if proc.returncode != 0:
        return None, (proc.stderr.strip().splitlines() or ["failed"])[-1][:120]
    return json.loads(proc.stdout.strip().splitlines()[-1]), ""


def growth(rows: list[dict], key: str, size_key: str) -> list[str]:
    """'×r' of ``key`` against the row before, beside the input's own growth."""
    out = ["—"]
    for before, now in zip(rows, rows[1:]):
        if before.get(key) and now.get(key):
            out.append(f"{now[key] / before[key]:.1f}x for {now[size_key] / before[size_key]:.1f}x input")
        else:
            out.append("—")
    return out


def report(title: str, rows: list[dict], unit: str) -> None:
    """Print one table of measurements."""
    print(f"\n{title}")
    print(
        f"{unit:>9} {'MB':>7} {'seconds':>9} {unit + '/s':>12} {'MB/s':>7} {'peak MB':>8} {'found':>8}  time growth"
    )
    for row, grown in zip(rows, growth(rows, "seconds", "size")):
        if row.get("seconds") is None:
            print(f"{row['size']:>9,} {row['mb']:>7.1f} {'—':>9}  {row.get('error', '')}")
            continue
        print(
            f"{row['size']:>9,} {row['mb']:>7.1f} {row['seconds']:>9.2f} {row['size'] / row['seconds']:>12,.0f} "
            f"{row['mb'] / row['seconds']:>7.2f} {row['peak_mb']:>8.0f} {row['found']:>8,}  {grown}"
        )


def parse_figures(folder: Path, sizes: list[int], names: list[int], timeout: float) -> dict[str, list[dict]]:
    """Parse time, throughput and peak memory for plans of ``sizes`` tasks and of ``names`` names."""
    results: dict[str, list[dict]] = {"tasks": [], "names": []}
    for kind, counts, make in (("tasks", sizes, plan_of_tasks), ("names", names, plan_of_names)):
        for n in counts:
            path = folder / f"{kind}-{n}.txt"
            path.write_text(make(n), encoding="utf-8")
            row: dict = {"size": n, "mb": path.stat().st_size / 1e6, "path": str(path)}
            result, error = run_child(path, timeout)
            if result is None:
                row["error"] = error
            else:
                row.update(seconds=result["seconds"], peak_mb=result["peak_mb"])
                row["found"] = result["tasks"] if kind == "tasks" else result["names"]
            results[kind].append(row)
    return results


def command_figures(folder: Path, rows: list[dict], timeout: float) -> None:
    """Time `taskgraph parse`, `build` and `report` on each plan, when those commands work."""
    taskgraph = shutil.which("taskgraph", path=str(Path(sys.executable).parent)) or "taskgraph"
    print(f"\ncommands ({taskgraph}), wall seconds and peak MB (a command that fails is reported, not fatal)")
    print(f"{'tasks':>9} {'command':>8} {'seconds':>9} {'tasks/s':>10} {'peak MB':>8}  note")
    for row in rows:
        plan = row["path"]
        commands = {
            "parse": [taskgraph, "parse", plan, "-q", "-o", str(folder / "out.json")],
            "build": [taskgraph, "build", plan, "-q", "-o", str(folder / "out.nt")],
            "report": [taskgraph, "report", plan, "-q", "-o", str(folder / f"report-{row['size']}")],
        }
        for name, args in commands.items():
            started = time.perf_counter()
            proc = subprocess.Popen(
                args,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                env={**os.environ, "MPLBACKEND": "Agg"},
            )
            deadline = started + timeout
            status, usage = 0, None
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if time.perf_counter() > deadline:
                    proc.kill()
                    _, status, usage = os.wait4(proc.pid, 0)
                    break
                time.sleep(0.05)
            seconds = time.perf_counter() - started
            err = proc.stderr.read().decode(errors="replace").strip().splitlines() if proc.stderr else []
            note = (
                ""
                if status == 0
                else (f"stopped after {timeout:g} s" if seconds >= timeout else (err or ["failed"])[-1][:80])
            )
            peak = usage.ru_maxrss / 1024 if usage else 0
            print(
                f"{row['size']:>9,} {name:>8} {seconds:>9.2f} {row['size'] / seconds:>10,.0f} {peak:>8.0f}  {note}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="tasks per plan")
    parser.add_argument("--names", default="2500,5000,10000,20000", help="units named by the one task")
    parser.add_argument("--commands", action="store_true", help="also time the taskgraph commands")
    parser.add_argument("--timeout", type=float, default=900, help="seconds allowed for one measurement")
    parser.add_argument("--keep", metavar="DIR", help="write the plans here and keep them")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    names = [int(s) for s in args.names.split(",") if s]
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="tg-linear-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        results = parse_figures(folder, sizes, names, args.timeout)
        report("read_plan on one plan of N tasks", results["tasks"], "tasks")
        report("read_plan on one task naming N units", results["names"], "names")
        short = [r for r in results["tasks"] if r.get("found") is not None and r["found"] != r["size"]]
        for r in short:
            print(f"note: the plan of {r['size']:,} tasks parsed to {r['found']:,} tasks")
        if args.commands:
            command_figures(folder, results["tasks"], args.timeout)
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
