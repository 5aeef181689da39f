"""Plans as plain records: the JSON document of ``taskgraph parse`` and its CSV rows."""

from __future__ import annotations

import io
import json
from typing import Any

from taskgraph.model import Party, Plan, Role, Task, Warning


def party_to_dict(party: Party) -> dict[str, str]:
    return {"name": party.name, "as_written": party.as_written, "kind": party.kind.value}


def warning_to_dict(warning: Warning) -> dict[str, Any]:
    return {"code": warning.code, "line": warning.line, "task": warning.task, "message": warning.message}


def task_to_dict(task: Task) -> dict[str, Any]:
    record: dict[str, Any] = {
        "index": task.index,
        "number": task.number,
        "section": task.section,
        "subsection": task.subsection,
        "text": task.text,
        "line": task.line,
    }
    for role in Role:
        record[role.plural] = [party_to_dict(p) for p in task.parties(role)]
    record["attribution"] = task.attribution
    record["deadline"] = task.deadline
    return record


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The JSON-ready record of one plan, in the shape of the CLI contract."""
    return {
        "source": plan.source,
        "title": plan.title,
        "issuer": plan.issuer,
        "issued_by_office": plan.issued_by_office,
        "date": plan.date,
        "printed": plan.printed,
        "publication": plan.publication,
        "jurisdiction": plan.jurisdiction,
        "level": plan.level.value if plan.level else None,
        "year": plan.year,
        "document_number": plan.document_number,
        "cc": list(plan.cc),
        "layout": plan.layout,
        "format": plan.format,
        "encoding": plan.encoding,
        "digest": plan.digest,
        "sections": [
            {"number": s.number, "title": s.title, "subsections": list(s.subsections)} for s in plan.sections
        ],
        "aliases": dict(plan.aliases),
        "typos": dict(plan.typos),
        "groups": {g.name: list(g.members) for g in plan.groups},
        "tasks": [task_to_dict(t) for t in plan.tasks],
        "warnings": [warning_to_dict(w) for w in plan.warnings],
    }


def plans_to_json(plans: list[Plan]) -> str:
    """``{"documents": [...]}`` as indented UTF-8 JSON (Chinese kept as Chinese)."""
    return json.dumps({"documents": [plan_to_dict(p) for p in plans]}, ensure_ascii=False, indent=2)


CSV_COLUMNS = (
    "source",
    "index",
    "number",
    "section",
    "subsection",
    "role",
    "name",
    "as_written",
    "kind",
    "text",
)


def plans_to_csv(plans: list[Plan], excel: bool = False) -> str:
    """One row per assignment (a task with no attribution still gets one row, role empty).

    Cells a spreadsheet would evaluate are written safely; ``excel`` adds a byte-order mark.
    """
    from taskgraph.safety import csv_writer

    out = io.StringIO()
    if excel:
        out.write("\ufeff")
    writer = csv_writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for plan in plans:
        for task in plan.tasks:
            base = (plan.source, task.index, task.number or "", task.section or "", task.subsection or "")
            if not task.assignments:
                writer.writerow((*base, "", "", "", "", task.text))
            for a in task.assignments:
                p = a.party
                writer.writerow((*base, a.role.value, p.name, p.as_written, p.kind.value, task.text))
    return out.getvalue()
