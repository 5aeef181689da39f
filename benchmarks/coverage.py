"""How many of the units real plans name get a function and an English name.

    python benchmarks/coverage.py             # figures and the names left uncovered
    python benchmarks/coverage.py --verbose   # every name with its function and English

Two sets of names: the Shen County 2024 plan (``units_canonical`` of its gold annotation: every
distinct canonical name, collectives included and counted on their own) and the units written
in the gold annotations of the real plans of other governments (``tests/fixtures/realplans``:
the names as written, folded to simplified characters and counted once per canonical form).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

from taskgraph.parse.names import is_collective
from taskgraph.units import canonical_form, english_name, function_of

ROOT = Path(__file__).resolve().parent.parent
SHEN_GOLD = ROOT / "tests" / "fixtures" / "shenxian-2024.gold.json"
REALPLANS = ROOT / "tests" / "fixtures" / "realplans" / "gold"
ROLES = ("lead_units", "responsible_units", "cooperating_units")


@dataclass(frozen=True)
class Coverage:
    """Names, and those among them without a function or without an English name."""

    names: tuple[str, ...]
    no_function: tuple[str, ...]
    no_english: tuple[str, ...]

    def share(self, missing: tuple[str, ...]) -> float:
        return 1 - len(missing) / len(self.names) if self.names else 1.0


def measure(names: list[str]) -> Coverage:
    """The coverage of a list of distinct names."""
    return Coverage(
        tuple(names),
        tuple(n for n in names if function_of(n) is None),
        tuple(n for n in names if english_name(n) is None),
    )


def shen_names() -> list[str]:
    """The distinct canonical unit names of the Shen County plan, collectives included."""
    gold = json.loads(SHEN_GOLD.read_text(encoding="utf-8"))
    return sorted(gold["units_canonical"])


def realplan_names() -> list[str]:
    """The unit names of the real plans, one per canonical form (the first as written)."""
    seen: dict[str, str] = {}
    for path in sorted(REALPLANS.glob("*.json")):
        for task in json.loads(path.read_text(encoding="utf-8"))["tasks"]:
            for role in ROLES:
                for name in task.get(role) or []:
                    seen.setdefault(canonical_form(name), name)
    return sorted(seen.values(), key=canonical_form)


def report(title: str, names: list[str], verbose: bool) -> None:
    collectives = [n for n in names if is_collective(canonical_form(n))]
    units = [n for n in names if n not in collectives]
    print(f"## {title}")
    for label, subset in (("all", names), ("units", units), ("collectives", collectives)):
        c = measure(subset)
        print(
            f"{label:12} {len(subset):4} names   function {c.share(c.no_function):6.1%}"
            f"   English {c.share(c.no_english):6.1%}"
        )
    c = measure(names)
    print("without a function:", "、".join(c.no_function) or "none")
    print("without an English name:", "、".join(c.no_english) or "none")
    if verbose:
        for name in names:
            function = function_of(name)
            print(f"  {name}\t{function.id if function else '-'}\t{english_name(name) or '-'}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every name")
    args = parser.parse_args()
    report("Shen County 2024 (gold units_canonical)", shen_names(), args.verbose)
    report("Real plans of other governments (gold, as written)", realplan_names(), args.verbose)


if __name__ == "__main__":
    main()
