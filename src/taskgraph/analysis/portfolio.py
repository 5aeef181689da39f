"""Leader portfolios (分管): which lead units each leader oversees.

Evidence comes from single-leader tasks: when one leader alone is named on a task, each of
its lead units is in that leader's portfolio. For a unit, the leader with the most such tasks
is its overseer; ``confidence`` is that leader's share of the unit's single-leader tasks.
A multi-leader task's lead units are then attributed to the task leader whose portfolio
holds them; a unit with no evidence among that task's leaders is left ``unresolved``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Oversight:
    unit: str  # IRI
    leader: str | None  # IRI, None when unresolved
    evidence: int  # single-leader tasks supporting it
    confidence: float  # evidence / all single-leader tasks of the unit


def infer_portfolios(assignments: Any) -> dict[str, Oversight]:
    """The overseeing leader of every lead unit that has single-leader evidence.

    Examples
    --------
    >>> from taskgraph.assignments import Assignments, Party, TaskRecord
    >>> L1, L2, U = Party("L1", "L1", "person", True), Party("L2", "L2", "person", True), Party("U", "U", "unit", False)
    >>> ts = [TaskRecord(f"t{i}", i, "", "", "", None, None, None, None,
    ...                  {"lead_leader": [L], "lead_unit": [U]}) for i, L in enumerate([L1, L1, L2])]
    >>> infer_portfolios(Assignments(ts, {}))["U"]
    Oversight(unit='U', leader='L1', evidence=2, confidence=0.6667)
    """
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for t in assignments.tasks:
        leaders = [p for p in t.parties.get("lead_leader", []) if p.kind == "person"]
        if len(leaders) != 1:
            continue
        for u in t.parties.get("lead_unit", []):
            counts[u.iri][leaders[0].iri] += 1
    out = {}
    for unit, c in counts.items():
        (leader, n), total = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0], sum(c.values())
        out[unit] = Oversight(unit, leader, n, round(n / total, 4))
    return out


def attribute_joint_tasks(
    assignments: Any, portfolios: dict[str, Oversight] | None = None
) -> list[dict[str, Any]]:
    """For each lead unit of each multi-leader task, the leader it is attributed to.

    Returns records with ``task`` (IRI), ``number``, ``unit``, ``leader`` (IRI or None),
    ``evidence``, ``confidence`` and ``status`` (``portfolio``, ``other-leader`` when the
    unit's overseer is not among the task's leaders, or ``unresolved``).
    """
    portfolios = portfolios if portfolios is not None else infer_portfolios(assignments)
    records = []
    for t in assignments.tasks:
        leaders = [p.iri for p in t.parties.get("lead_leader", []) if p.kind == "person"]
        if len(leaders) < 2:
            continue
        for u in t.parties.get("lead_unit", []):
            o = portfolios.get(u.iri)
            if o is None:
                status, leader, evidence, confidence = "unresolved", None, 0, 0.0
            elif o.leader in leaders:
                status, leader, evidence, confidence = "portfolio", o.leader, o.evidence, o.confidence
            else:
                status, leader, evidence, confidence = "other-leader", None, o.evidence, o.confidence
            records.append(
                {
                    "task": t.iri,
                    "number": t.number,
                    "unit": u.iri,
                    "unit_name": u.name,
                    "leader": leader,
                    "evidence": evidence,
                    "confidence": confidence,
                    "status": status,
                }
            )
    return records
