"""One folder with everything: RDF, validation, query results, tables, pages, figures, summary.

:func:`write_report` is the whole pipeline (parse → rdf → queries → network → analysis →
render) run on one or more plans; ``taskgraph report`` and ``make demo`` call it.
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from taskgraph.namespaces import DEFAULT_BASE

BROKERAGE_COLUMNS = [
    "unit",
    "brokerage_total",
    "brokerage_coordinator",
    "brokerage_itinerant",
    "brokerage_representative",
    "brokerage_gatekeeper",
    "brokerage_liaison",
]
VIEWS_IN_REPORT = ("units", "full", "dependencies", "leaders", "coleaders")


@dataclass
class Report:
    """What a report wrote and found."""

    folder: Path
    files: list[Path] = field(default_factory=list)
    conforms: bool = True
    violations: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _table(frame: Any, columns: Sequence[str], top: int | None = None) -> str:
    rows = frame.head(top) if top else frame
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for record in rows.to_dict("records"):
        cells = []
        for c in columns:
            v = record.get(c)
            if isinstance(v, float):
                v = "" if v != v else f"{v:.3g}"
            cells.append(str(v if v is not None else "").replace("|", "\\|"))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_report(
    paths: Sequence[str | os.PathLike[str]],
    folder: str | os.PathLike[str],
    base: str = DEFAULT_BASE,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Run the whole pipeline on plan files and write the report folder."""
    from taskgraph.analysis import (
        joint_attribution_table,
        leader_table,
        network_summary,
        task_table,
        unit_table,
    )
    from taskgraph.export import measured_view, write_graph
    from taskgraph.network import read_assignments
    from taskgraph.parse import read_plan
    from taskgraph.query import library, run_named, to_store
    from taskgraph.rdf import to_rdf, write_rdf
    from taskgraph.records import plans_to_csv, plans_to_json
    from taskgraph.render.figures import write_figures
    from taskgraph.render.html import VIEW_SUBTITLES, write_html
    from taskgraph.shacl import validate
    from taskgraph.tables import format_rows

    say = progress or (lambda _: None)
    out = Path(folder)
    for sub in ("rdf", "queries", "tables", "html", "figures", "exports"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    report = Report(out)

    def wrote(path: Path) -> Path:
        report.files.append(path)
        return path

    plans = []
    for i, path in enumerate(paths, start=1):
        say(f"[{i}/{len(paths)}] parsing {os.fspath(path)}")
        plan = read_plan(path)
        plans.append(plan)
        report.warnings += [f"{plan.source}:{w.line or ''}: {w.message}" for w in plan.warnings]
    wrote(out / "plans.json").write_text(plans_to_json(plans) + "\n", encoding="utf-8")
    wrote(out / "assignments.csv").write_text(plans_to_csv(plans), encoding="utf-8")

    say("building the knowledge graph")
    ds = to_rdf(plans, base)
    for name in ("graph.ttl", "graph.trig"):
        write_rdf(ds, wrote(out / "rdf" / name))
    say("validating against the SHACL shapes")
    validation = validate(ds)
    report.conforms = validation.conforms
    report.violations = [str(v) for v in validation.violations if v.severity == "Violation"]
    text = "conforms\n" if validation.conforms else "does not conform\n"
    wrote(out / "rdf" / "validation.txt").write_text(
        text + "".join(f"{v.severity.lower()}: {v}\n" for v in validation.violations), encoding="utf-8"
    )

    say("running the query library")
    store = to_store(ds)
    a = read_assignments(store)
    units = unit_table(a)
    leaders = leader_table(a)
    params = {
        "unit": str(units.iloc[0]["unit"]) if len(units) else "",
        "leader": str(leaders.iloc[0]["leader"]) if len(leaders) else "",
    }
    query_results = {}
    for name, q in library().items():
        bound = {p: params.get(p, "") for p, _ in q.params}
        result = run_named(store, name, bound)
        query_results[name] = result
        wrote(out / "queries" / f"{name}.csv").write_text(
            format_rows(result.columns, result.rows, "csv") + "\n", encoding="utf-8"
        )

    say("computing the analyses")
    tables = {
        "units": units,
        "units-with-collectives": unit_table(a, collectives="separate"),
        "units-coassignment-brokerage": unit_table(a, brokerage_on="coassignment"),
        "leaders": leaders,
        "tasks": task_table(a),
        "joint-tasks": joint_attribution_table(a),
        "network": network_summary(a),
    }
    for name, frame in tables.items():
        frame.to_csv(wrote(out / "tables" / f"{name}.csv"), index=False, encoding="utf-8")
    units.to_json(wrote(out / "tables" / "units.json"), orient="records", force_ascii=False, indent=1)

    say("rendering pages, figures and exports")
    plan_name = plans[0].title if len(plans) == 1 else f"{len(plans)} plans"
    for view in VIEWS_IN_REPORT:
        G = measured_view(a, view, units, leaders)
        size = {
            "units": "coordination_load",
            "dependencies": "coordination_load",
            "leaders": "tasks",
            "coleaders": "tasks",
        }.get(view)
        if size and not any(size in d for _, d in G.nodes(data=True)):
            size = None  # e.g. a plan that names no leader: size by degree
        wrote(
            write_html(G, out / "html" / f"{view}.html", size, f"{plan_name} — {view}", VIEW_SUBTITLES[view])
        )
        if view in ("units", "full"):
            for ext in ("graphml", "gexf"):
                report.files += write_graph(G, out / "exports" / f"{view}.{ext}")
    report.files += write_figures(a, out / "figures", units)

    summary = _summary(plans, units, leaders, tables, query_results, validation.conforms, report)
    wrote(out / "summary.md").write_text(summary, encoding="utf-8")
    wrote(out / "index.html").write_text(_index(plans, report, summary), encoding="utf-8")
    return report


def _summary(
    plans: list[Any],
    units: Any,
    leaders: Any,
    tables: dict[str, Any],
    queries: dict[str, Any],
    conforms: bool,
    report: Report,
) -> str:
    from taskgraph.analysis.load import WEIGHTS

    tasks = tables["tasks"]
    n_tasks = len(tasks)
    lines = ["# Findings", ""]
    for p in plans:
        lines.append(
            f"- **{p.title or p.source}** — {p.issuer or 'issuer unknown'}, {p.date or 'undated'}: "
            f"{len(p.tasks)} tasks, {len(p.sections)} sections, {len(p.warnings)} parser warning(s)."
        )
    lines += [
        "",
        f"The knowledge graph {'conforms to' if conforms else 'does NOT conform to'} the SHACL shapes.",
        "",
    ]

    lines += [
        "## Heaviest coordination load",
        "",
        "Coordination load = Σ over tasks led of (1 + partners on the task) / co-leads "
        f"+ {WEIGHTS['responsible']} × tasks answered for (see the README).",
        "",
    ]
    lines.append(
        _table(
            units,
            [
                "unit",
                "coordination_load",
                "tasks_led",
                "co_led",
                "responsible",
                "degree",
                "betweenness",
                "overseer",
            ],
            10,
        )
    )
    if len(units):
        top = units.iloc[0]
        lines += [
            "",
            f"{top['unit']} carries the heaviest load ({top['coordination_load']:.3g}): it leads "
            f"{int(top['tasks_led'])} tasks, {int(top['co_led'])} of them jointly.",
        ]

    lines += ["", "## Leaders' portfolios (分管)", ""]
    lines.append(
        _table(
            leaders,
            [
                "leader",
                "tasks",
                "sole_tasks",
                "joint_tasks",
                "units_overseen",
                "portfolio_units",
                "sections",
                "co_leaders",
            ],
        )
    )
    oversight = queries.get("leader-units")
    if oversight is not None:
        by_leader: dict[str, list[str]] = {}
        for leader, unit, n in oversight.rows:
            by_leader.setdefault(leader, []).append(f"{unit} ({n})")
        lines.append("")
        for leader in leaders["leader"]:
            if leader in by_leader:
                lines.append(
                    f"- **{leader}**: {'、'.join(by_leader[leader][:8])}{' …' if len(by_leader[leader]) > 8 else ''}"
                )

    joint = tasks[tasks["joint"]]
    lines += [
        "",
        "## Jointly led tasks",
        "",
        f"{len(joint)} of {n_tasks} tasks ({100 * len(joint) / max(n_tasks, 1):.0f}%) have more than one lead leader "
        "or lead unit. Their lead units attributed to leaders by portfolio:",
        "",
    ]
    lines.append(
        _table(tables["joint-tasks"], ["number", "unit_name", "leader", "evidence", "confidence", "status"])
    )

    lines += ["", "## Brokers", ""]
    dep = units.sort_values("brokerage_total", ascending=False, kind="stable")
    if len(dep) and dep.iloc[0]["brokerage_total"] > 0:
        lines.append(
            "Gould–Fernandez brokerage on lead → responsible ties (groups = each unit's main section):"
        )
        lines += [
            "",
            _table(
                dep,
                BROKERAGE_COLUMNS,
                8,
            ),
        ]
    else:
        lines.append(
            "No unit brokers on lead → responsible ties: no unit is responsible on one task and lead "
            "of another with a named responsible unit. On co-assignment ties (both directions):"
        )
        co = tables["units-coassignment-brokerage"].sort_values(
            "brokerage_total", ascending=False, kind="stable"
        )
        lines += [
            "",
            _table(
                co,
                BROKERAGE_COLUMNS,
                8,
            ),
        ]
    bet = units.sort_values("betweenness", ascending=False, kind="stable")
    lines += [
        "",
        "Highest betweenness in the co-assignment network: "
        + "、".join(f"{r['unit']} ({r['betweenness']:.3f})" for r in bet.head(5).to_dict("records"))
        + ".",
    ]

    lines += ["", "## How much falls on collectives", ""]
    with_collectives = int((tasks["collectives"] > 0).sum())
    lines.append(
        f"{with_collectives} of {n_tasks} tasks ({100 * with_collectives / max(n_tasks, 1):.0f}%) name at least one "
        "collective (a name for many unnamed units or leaders). They are left out of the network measures "
        "by default; `--collectives include` keeps them."
    )
    involvement = queries.get("collective-involvement")
    if involvement is not None and involvement.rows:
        lines += ["", "| collective | role | tasks | % of tasks |", "|---|---|---|---|"]
        lines += [f"| {c} | {r} | {n} | {p} |" for c, r, n, p in involvement.rows]

    lines += ["", "## Network", "", _table(tables["network"], list(tables["network"].columns))]
    if report.warnings:
        lines += ["", "## Parser warnings", ""] + [f"- {w}" for w in report.warnings]
    lines += ["", "---", "Written by taskgraph. Files: see index.html.", ""]
    return "\n".join(lines)


def _index(plans: list[Any], report: Report, summary: str) -> str:
    folder = report.folder
    groups: dict[str, list[Path]] = {}
    for p in report.files:
        rel = p.relative_to(folder)
        groups.setdefault(rel.parts[0] if len(rel.parts) > 1 else "", []).append(rel)
    titles = {
        "": "Report",
        "html": "Interactive graphs",
        "figures": "Figures",
        "tables": "Analysis tables",
        "queries": "SPARQL query results",
        "rdf": "Knowledge graph (RDF)",
        "exports": "Exports for Gephi and other tools",
    }
    parts = []
    for key in ("html", "figures", "", "tables", "queries", "rdf", "exports"):
        files = groups.get(key, [])
        if not files:
            continue
        items = "".join(f'<li><a href="{html.escape(str(f))}">{html.escape(f.name)}</a></li>' for f in files)
        parts.append(f"<h2>{titles[key]}</h2><ul>{items}</ul>")
    figures = "".join(
        f'<figure><img src="{html.escape(str(f))}" alt="{html.escape(f.stem)}"></figure>'
        for f in groups.get("figures", [])
        if f.suffix == ".png"
    )
    title = html.escape(plans[0].title if len(plans) == 1 else f"{len(plans)} plans")
    return f"""<!DOCTYPE html>
<html lang="zh-Hans"><head><meta charset="utf-8"><title>taskgraph report — {title}</title>
<style>body{{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}}
pre{{white-space:pre-wrap;background:#f6f6f6;padding:1em;font-size:13px}}figure{{display:inline-block;margin:0 1em 1em 0}}
img{{max-width:520px;border:1px solid #ddd}}</style></head>
<body><h1>taskgraph report — {title}</h1>
<p>{"The graph conforms to the SHACL shapes." if report.conforms else "The graph does NOT conform to the SHACL shapes: see rdf/validation.txt."}</p>
{parts[0] if parts else ""}
{figures}
{"".join(parts[1:])}
<h2>summary.md</h2><pre>{html.escape(summary)}</pre>
<script type="application/json" id="report-files">{html.escape(json.dumps([str(f.relative_to(folder)) for f in report.files], ensure_ascii=False))}</script>
</body></html>
"""
