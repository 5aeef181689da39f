"""What changed between two plans (or two sets of plans): tasks, units, load and portfolios.

Tasks are matched by their text — character-bigram Dice similarity, candidates found through an
index of bigrams so that large plans stay fast, pairs taken greedily from the most alike —
into carried over (alike at 0.95 or more), changed (at the threshold or more), added and
dropped. Units are matched by identity (:func:`taskgraph.units.unit_key`), so 县发改局 and
县发展和改革局 are one unit; a renaming in the alias file (``since`` given) pairs the old unit with
the new one and is shown as such.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from taskgraph.corpus import Corpus

CARRIED = 0.95


@dataclass(frozen=True)
class TaskRef:
    """A task on one side: its plan, number, text, and lead units."""

    plan: str
    number: str
    text: str
    leads: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"plan": self.plan, "number": self.number, "text": self.text, "lead_units": list(self.leads)}


@dataclass
class Comparison:
    """The result of :func:`compare`; :meth:`to_json` gives the documented JSON."""

    before: list[str]
    after: list[str]
    matched: list[tuple[TaskRef, TaskRef, float]] = field(default_factory=list)
    added: list[TaskRef] = field(default_factory=list)
    removed: list[TaskRef] = field(default_factory=list)
    units_added: list[str] = field(default_factory=list)
    units_removed: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str, int | None]] = field(default_factory=list)
    load: list[dict[str, Any]] = field(default_factory=list)
    portfolios: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "before": self.before,
            "after": self.after,
            "tasks": {
                "matched": [
                    {
                        "status": "carried over" if s >= CARRIED else "changed",
                        "similarity": round(s, 3),
                        "before": b.to_dict(),
                        "after": a.to_dict(),
                    }
                    for b, a, s in self.matched
                ],
                "added": [t.to_dict() for t in self.added],
                "removed": [t.to_dict() for t in self.removed],
            },
            "units": {
                "added": self.units_added,
                "removed": self.units_removed,
                "renamed": [{"from": o, "to": n, "since": y} for o, n, y in self.renamed],
            },
            "load": self.load,
            "portfolios": self.portfolios,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1)

    def rows(self) -> tuple[list[str], list[list[Any]]]:
        """One long table: what (task, unit, load, portfolio), status, name or number, before, after."""
        rows: list[list[Any]] = []
        for b, a, s in self.matched:
            status = "carried over" if s >= CARRIED else "changed"
            rows.append(["task", status, f"{b.number}→{a.number}", b.text, a.text])
        rows += [["task", "added", t.number, None, t.text] for t in self.added]
        rows += [["task", "dropped", t.number, t.text, None] for t in self.removed]
        rows += [["unit", "added", u, None, None] for u in self.units_added]
        rows += [["unit", "removed", u, None, None] for u in self.units_removed]
        rows += [["unit", "renamed", f"{o}→{n}", o, n] for o, n, _ in self.renamed]
        rows += [["load", r["status"], r["unit"], r["before"], r["after"]] for r in self.load]
        rows += [["portfolio", r["status"], r["leader"], r["before"], r["after"]] for r in self.portfolios]
        return ["what", "status", "item", "before", "after"], rows

    @property
    def counts(self) -> dict[str, int]:
        carried = sum(1 for *_, s in self.matched if s >= CARRIED)
        return {
            "carried over": carried,
            "changed": len(self.matched) - carried,
            "added": len(self.added),
            "dropped": len(self.removed),
        }


def _bigrams(text: str) -> Counter[str]:
    text = "".join(text.split())
    return Counter(text[i : i + 2] for i in range(max(1, len(text) - 1)))


def dice(a: Counter[str], b: Counter[str]) -> float:
    """Dice similarity of two bigram bags: 1 for the same text, 0 for nothing in common.

    Examples
    --------
    >>> round(dice(_bigrams("地区生产总值增长6%"), _bigrams("地区生产总值增长5.5%")), 2)
    0.7
    """
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 1.0


def match_tasks(
    before: list[TaskRef], after: list[TaskRef], threshold: float = 0.6
) -> list[tuple[int, int, float]]:
    """Pairs (before index, after index, similarity) of tasks alike at ``threshold`` or more."""
    grams_b = [_bigrams(t.text) for t in before]
    grams_a = [_bigrams(t.text) for t in after]
    index: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(grams_b):
        for gram in g:
            index[gram].append(i)
    pairs = []
    for j, g in enumerate(grams_a):
        shared: Counter[int] = Counter()
        for gram in g:
            for i in index.get(gram, ()):
                shared[i] += 1
        for i, _ in shared.most_common(8):
            s = dice(grams_b[i], g)
            if s >= threshold:
                pairs.append((s, i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_b, used_a, out = set(), set(), []
    for s, i, j in pairs:
        if i not in used_b and j not in used_a:
            used_b.add(i)
            used_a.add(j)
            out.append((i, j, s))
    return sorted(out, key=lambda p: (p[1], p[0]))


def _tasks(corpus: Corpus) -> list[TaskRef]:
    a = corpus.assignments
    out = []
    for t in a.tasks:
        title = a.plan_title(t)
        out.append(TaskRef(title, t.number, t.text, tuple(p.name for p in t.parties.get("lead_unit", []))))
    return out


def _unit_rows(corpus: Corpus) -> dict[str, dict[str, Any]]:
    from taskgraph.units import unit_key

    table = corpus.units("corpus")
    out: dict[str, dict[str, Any]] = {}
    for r in table.to_dict("records"):
        out[unit_key(r["unit"])] = r
    return out


def compare(before: Corpus, after: Corpus, threshold: float = 0.6) -> Comparison:
    """Compare two corpora (each one plan, or several pooled)."""
    from taskgraph.corpus import Corpus
    from taskgraph.errors import UsageError
    from taskgraph.units import unit_key

    for side in (before, after):
        if not isinstance(side, Corpus):
            raise UsageError(
                f"compare takes two Corpus objects (taskgraph.Corpus.read(paths)), not {type(side).__name__}"
            )
    if not isinstance(threshold, (int, float)) or not 0 <= threshold <= 1:
        raise UsageError(f"threshold is a number from 0 to 1, not {threshold!r}")

    result = Comparison(
        sorted(p.title or p.iri for p in before.assignments.plans.values()),
        sorted(p.title or p.iri for p in after.assignments.plans.values()),
    )
    tb, ta = _tasks(before), _tasks(after)
    pairs = match_tasks(tb, ta, threshold)
    result.matched = [(tb[i], ta[j], s) for i, j, s in pairs]
    matched_b, matched_a = {i for i, _, _ in pairs}, {j for _, j, _ in pairs}
    result.removed = [t for i, t in enumerate(tb) if i not in matched_b]
    result.added = [t for j, t in enumerate(ta) if j not in matched_a]

    ub, ua = _unit_rows(before), _unit_rows(after)
    renamings = {
        unit_key(r.old): (r.old, r.new, r.since) for r in (*before.renamings, *after.renamings) if r.since
    }
    renamed_to = {unit_key(new): key for key, (_, new, _) in renamings.items()}
    for key, (old, new, since) in sorted(renamings.items()):
        if key in ub and unit_key(new) in ua:
            result.renamed.append((old, new, since))
    result.units_removed = sorted(
        ub[k]["unit"] for k in ub if k not in ua and not (k in renamings and unit_key(renamings[k][1]) in ua)
    )
    result.units_added = sorted(ua[k]["unit"] for k in ua if k not in ub and renamed_to.get(k) not in ub)
    for key in sorted(set(ub) | set(ua), key=lambda k: (-max(_load(ub.get(k)), _load(ua.get(k))), k)):
        if key in renamed_to and renamed_to[key] in ub:
            continue  # shown on the old unit's row
        b = ub.get(key)
        target = unit_key(renamings[key][1]) if key in renamings else key
        a = ua.get(target)
        name = (a or b or {}).get("unit")
        status = (
            "renamed"
            if key in renamings and a is not None
            else ("added" if b is None else "removed" if a is None else "both")
        )
        result.load.append(
            {
                "unit": name
                if status != "renamed"
                else f"{b['unit'] if b else key}→{a['unit'] if a else ''}",
                "status": status,
                "before": _load(b) if b else None,
                "after": _load(a) if a else None,
                "tasks_led_before": int(b["tasks_led"]) if b else None,
                "tasks_led_after": int(a["tasks_led"]) if a else None,
            }
        )
    lb = {r["leader"]: r for r in before.leaders("corpus").to_dict("records")}
    la = {r["leader"]: r for r in after.leaders("corpus").to_dict("records")}
    for name in sorted(set(lb) | set(la), key=lambda n: (-(la.get(n) or lb.get(n) or {}).get("tasks", 0), n)):
        b, a = lb.get(name), la.get(name)
        result.portfolios.append(
            {
                "leader": name,
                "status": "added" if b is None else "removed" if a is None else "both",
                "before": int(b["tasks"]) if b else None,
                "after": int(a["tasks"]) if a else None,
                "units_before": int(b["units_overseen"]) if b else None,
                "units_after": int(a["units_overseen"]) if a else None,
            }
        )
    return result


def _load(row: dict[str, Any] | None) -> float:
    return float(row["coordination_load"]) if row else 0.0
