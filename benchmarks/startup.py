"""Start-up and one-plan report times, each against its baseline (issue 12).

    python benchmarks/startup.py                       # 5 rounds of each command
    python benchmarks/startup.py --runs 9 --only help,analyze
    python benchmarks/startup.py --against /tmp/old/src   # also time another source tree

Issue 12's targets, on the Shen County plan:

- ``taskgraph --help`` at most 2 times ``python -c "import click"``;
- ``taskgraph analyze PLAN`` at most 3 times ``python -c "import rdflib, networkx"``;
- ``taskgraph report PLAN -o DIR`` at most 2 s of wall time.

Every run is a fresh process. Runs are interleaved: each round runs every command once, right
after its baseline, so that other work on a shared machine weighs on both alike. An untimed
first round writes Python's bytecode caches (as installing the package does), also where
``PYTHONDONTWRITEBYTECODE`` is set; ``--no-warm-up`` times the commands as the environment runs
them, compiling taskgraph's modules at every start when that variable is set. The table gives
the median wall time and the median CPU time (user + system, the command's child processes
included) of each, and two ratios to the baseline: of the medians, and the median of each round's
ratio (the steadier one on a busy machine). ``--against SRC`` runs the same commands again with
``SRC`` (a ``src`` folder of another checkout) first on ``PYTHONPATH``, in the same rounds, to
compare two versions side by side.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "data" / "shenxian-2024-task-allocation.txt"
COMMANDS = ("help", "analyze", "report")


@dataclass
class Timing:
    """Wall and CPU seconds of each run of one command line."""

    label: str
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def median_wall(self) -> float:
        return statistics.median(self.wall)

    def median_cpu(self) -> float:
        return statistics.median(self.cpu)


def _taskgraph() -> list[str]:
    """The console script next to this Python, or ``python -m taskgraph.cli``."""
    script = Path(sys.executable).with_name("taskgraph")
    return [str(script)] if script.exists() else [sys.executable, "-m", "taskgraph.cli"]


def run(argv: list[str], env: dict[str, str], timing: Timing) -> None:
    """Run ``argv`` once, output discarded; add its wall and CPU seconds to ``timing``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {message[-1] if message else ''}")
    timing.wall.append(wall)
    timing.cpu.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="rounds; each figure is the median (default 5)")
    parser.add_argument("--plan", type=Path, default=PLAN, help="the plan analyze and report read")
    parser.add_argument("--only", default=",".join(COMMANDS), help="comma-separated: help, analyze, report")
    parser.add_argument("--against", type=Path, default=None, metavar="SRC",
                        help="also time the commands with this src folder first on PYTHONPATH")  # fmt: skip
    parser.add_argument(
        "--no-warm-up", action="store_true", help="no untimed first round writing bytecode caches"
    )
    args = parser.parse_args()
    only = [c.strip() for c in args.only.split(",") if c.strip()]
    unknown = [c for c in only if c not in COMMANDS]
    if unknown or args.runs < 1:
        parser.error(f"--only takes {', '.join(COMMANDS)}; --runs at least 1")

    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    versions = [("", env)]
    if args.against:
        other = dict(env, PYTHONPATH=str(args.against.resolve()))
        versions.append((f" [{args.against}]", other))
    tg = _taskgraph()
    python = sys.executable
    plan = str(args.plan)
    scratch = Path(tempfile.mkdtemp(prefix="taskgraph-startup-"))
    load_before = os.getloadavg()[0]
    # name -> (baseline argv, baseline label, taskgraph argv maker, target)
    specs = {
        "help": ([python, "-c", "import click"], 'python -c "import click"', lambda: [*tg, "--help"], 2.0),
        "analyze": (
            [python, "-c", "import rdflib, networkx"],
            'python -c "import rdflib, networkx"',
            lambda: [*tg, "analyze", plan],
            3.0,
        ),
        "report": (None, "", lambda: [*tg, "report", plan, "-o", tempfile.mkdtemp(dir=scratch)], 2.0),
    }
    baselines = {name: Timing(specs[name][1]) for name in only if specs[name][0] is not None}
    timings = {
        (name, v): Timing(f"taskgraph {name}{label}")
        for name in only
        for v, (label, _) in enumerate(versions)
    }
    try:
        if not args.no_warm_up:
            for name in only:
                base_argv, _, make, _ = specs[name]
                for _, version_env in versions:
                    warm = {k: v for k, v in version_env.items() if k != "PYTHONDONTWRITEBYTECODE"}
                    if base_argv is not None:
                        run(base_argv, warm, Timing(""))
                    run(make(), warm, Timing(""))
        for _ in range(args.runs):
            for name in only:
                base_argv, _, make, _ = specs[name]
                for v, (_, version_env) in enumerate(versions):
                    if base_argv is not None:
                        run(base_argv, env, baselines[name])
                    run(make(), version_env, timings[(name, v)])
            for child in scratch.iterdir():
                shutil.rmtree(child, ignore_errors=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    print(f"Median of {args.runs} interleaved runs, fresh processes; {os.cpu_count()} CPUs, "
          f"load average {load_before:.1f} before and {os.getloadavg()[0]:.1f} after.\n")  # fmt: skip
    print("| command | wall s | CPU s | baseline | baseline wall s | ratio | round ratio | target | met |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name in only:
        base = baselines.get(name)
        target = specs[name][3]
        for v in range(len(versions)):
            t = timings[(name, v)]
            if base is None:
                met = t.median_wall() <= target
                print(f"| {t.label} | {t.median_wall():.3f} | {t.median_cpu():.3f} | — | — | — | — "
                      f"| ≤ {target:g} s | {'yes' if met else 'no'} |")  # fmt: skip
                continue
            # Each version ran right after its own run of the baseline: rounds pair up.
            mine = base.wall[v :: len(versions)]
            ratio = t.median_wall() / statistics.median(mine)
            paired = statistics.median(a / b for a, b in zip(t.wall, mine))
            met = max(ratio, paired) <= target
            print(f"| {t.label} | {t.median_wall():.3f} | {t.median_cpu():.3f} | {base.label} "
                  f"| {statistics.median(mine):.3f} | {ratio:.2f} | {paired:.2f} | ≤ {target:g}× "
                  f"| {'yes' if met else 'no'} |")  # fmt: skip


if __name__ == "__main__":
    main()
