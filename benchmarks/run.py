"""Time and peak memory of every stage, on the Shen County plan and synthetic corpora.

    python benchmarks/run.py                 # 1 (the seed), 100 and 1,000 plans
    python benchmarks/run.py --sizes 1,100   # quicker

Each stage runs in its own process (``stage.py``); its peak resident memory comes from the
kernel (``wait4``). Writes ``benchmarks/RESULTS.md`` and ``benchmarks/results.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import write_corpus  # noqa: E402

STAGES = ("parse", "build", "query", "analyze", "render", "rdflib")


def peak_rss_mb(stage: str, workdir: Path, plans: list[Path]) -> tuple[dict, float]:
    """Run a stage and return its result and peak RSS in MB, read with os.wait4."""
    args = [sys.executable, str(HERE / "stage.py"), stage, str(workdir), *map(str, plans)]
    out_path = workdir / f"{stage}.json"
    started = time.perf_counter()
    with open(out_path, "wb") as out:
        proc = subprocess.Popen(
            args, stdout=out, stderr=subprocess.PIPE, env={**os.environ, "MPLBACKEND": "Agg"}
        )
        _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"stage {stage} failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    result = json.loads(out_path.read_text(encoding="utf-8").strip().splitlines()[-1])
    result["wall_seconds"] = time.perf_counter() - started
    return result, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="1,100,1000", help="corpus sizes; 1 is the Shen County plan itself"
    )
    parser.add_argument("--rdflib-timeout", default="60", help="seconds allowed for one rdflib query")
    parser.add_argument("--out", default=str(HERE))
    args = parser.parse_args()
    os.environ["RDFLIB_TIMEOUT"] = args.rdflib_timeout
    sizes = [int(s) for s in args.sizes.split(",")]
    Path(args.out).mkdir(parents=True, exist_ok=True)
    results = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "processor": platform.machine(),
        },
        "sizes": {},
    }
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            plans = (
                [ROOT / "data" / "shenxian-2024-task-allocation.txt"]
                if n == 1
                else write_corpus(n, work / "plans")
            )
            size_results = {}
            for stage in STAGES:
                print(f"{n} plans: {stage} …", file=sys.stderr, flush=True)
                result, rss = peak_rss_mb(stage, work, plans)
                result["peak_rss_mb"] = rss
                size_results[stage] = result
            results["sizes"][str(n)] = size_results
        # Written after every size, so a long run that stops still leaves its figures.
        Path(args.out, "results.json").write_text(
            json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8"
        )
        Path(args.out, "RESULTS.md").write_text(markdown(results), encoding="utf-8")
    Path(args.out, "results.json").write_text(
        json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8"
    )
    Path(args.out, "RESULTS.md").write_text(markdown(results), encoding="utf-8")
    print(markdown(results))


def _s(x: float | None) -> str:
    if x is None:
        return "—"
    return f"{x:.3f}" if x < 10 else f"{x:.1f}"


def markdown(results: dict) -> str:
    m = results["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {m['cpus']} CPUs, {m['processor']}, Python {m['python']}, {m['platform']}.",
        "Produced by `python benchmarks/run.py`; each stage in its own process; peak memory is that process's "
        "maximum resident set size.",
        "",
        "## Stages",
        "",
        "| plans | tasks | stage | seconds | peak MB | notes |",
        "|---|---|---|---|---|---|",
    ]
    for n, stages in results["sizes"].items():
        tasks = stages["parse"]["tasks"]
        for stage in STAGES[:-1]:
            r = stages[stage]
            notes = ""
            if stage == "build":
                notes = f"{r['quads']:,} quads"
            elif stage in ("query", "analyze"):
                notes = f"+ {_s(r['load_seconds'])} s loading N-Quads into Oxigraph"
                if stage == "query":
                    notes += f" ({r['quads'] / max(r['load_seconds'], 1e-9):,.0f} quads/s), all {len(r['queries'])} library queries"
            elif stage == "render":
                notes = f"units page {r['nodes']:,} nodes ({_s(r['html_seconds'])} s, {r['html_bytes'] / 1e6:.1f} MB) + 3 figures"
            lines.append(
                f"| {n} | {tasks:,} | {stage} | {_s(r['seconds'])} | {r['peak_rss_mb']:.0f} | {notes} |"
            )
    lines += ["", "## Library queries: Oxigraph (used) against rdflib's own engine", ""]
    sizes = list(results["sizes"])
    header = "| query | " + " | ".join(f"{n} plans: Oxigraph s | rdflib s" for n in sizes) + " |"
    lines += [header, "|---|" + "---|---|" * len(sizes)]
    names = list(results["sizes"][sizes[0]]["query"]["queries"])
    for name in names:
        cells = []
        for n in sizes:
            ox = results["sizes"][n]["query"]["queries"][name]
            rd = results["sizes"][n]["rdflib"]["queries"].get(name)
            limit = results["sizes"][n]["rdflib"]["limit"]
            cells.append(f"{_s(ox)} | {_s(rd) if rd is not None else f'> {limit:.0f}'}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("")
    loads = [
        f"{n} plans: rdflib {_s(results['sizes'][n]['rdflib']['load_seconds'])} s "
        f"({results['sizes'][n]['query']['quads'] / max(results['sizes'][n]['rdflib']['load_seconds'], 1e-9):,.0f} quads/s), "
        f"Oxigraph {_s(results['sizes'][n]['query']['load_seconds'])} s"
        for n in sizes
    ]
    lines += ["Loading the N-Quads: " + "; ".join(loads) + ".", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
