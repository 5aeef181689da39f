"""The one table every view and analysis is built from: tasks with their parties, per plan.

:class:`Assignments` comes straight from parsed plans (:func:`from_plans`) or, when the input is
RDF, an on-disk store or an endpoint, from the graph (:func:`from_store`, the library's
``assignments`` query matched inside each plan's named graph). Both mint the same IRIs
(:class:`taskgraph.iris.Minter`) and give equal records — a test holds the two paths together —
so the analysis never depends on where the plans came from.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from taskgraph.iris import Minter, agent_segment
from taskgraph.model import Plan
from taskgraph.registry import COLLECTIVES, GROUPS, check

UNIT_ROLES = ("lead_unit", "responsible_unit", "cooperating_unit")


@dataclass(frozen=True, slots=True)
class Party:
    """A leader or unit of the graph: IRI, name and kind (person, unit, collective, group)."""

    iri: str
    name: str
    kind: str
    is_leader: bool


@dataclass(frozen=True, slots=True)
class PlanInfo:
    """What the tables say about a plan: its IRI, title, place, level and year."""

    iri: str
    title: str
    jurisdiction: str | None = None
    level: str | None = None
    year: int | None = None
    source: str | None = None


@dataclass
class TaskRecord:
    """One task with the parties in each role, in written order."""

    iri: str
    index: int
    number: str  # as written, or the index when unnumbered
    text: str
    plan: str
    section: str | None
    section_title: str | None
    subsection: str | None
    subsection_title: str | None
    parties: dict[str, list[Party]]

    def units(self, roles: tuple[str, ...] = UNIT_ROLES) -> list[Party]:
        """The distinct units in ``roles``, in the order written."""
        seen, out = set(), []
        for role in roles:
            for p in self.parties.get(role, []):
                if p.iri not in seen:
                    seen.add(p.iri)
                    out.append(p)
        return out


@dataclass
class Assignments:
    """Every task of a set of plans with its parties, the groups' members, and the plans."""

    tasks: list[TaskRecord]
    groups: dict[str, list[Party]]
    plans: dict[str, PlanInfo] = field(default_factory=dict)

    def filtered(self, collectives: str = "exclude", groups: str = "expand") -> Assignments:
        """The same tasks with collectives dropped (unless included) and groups expanded on request."""
        check(collectives, COLLECTIVES, "collectives option")
        check(groups, GROUPS, "groups option")
        tasks = []
        for t in self.tasks:
            parties: dict[str, list[Party]] = {}
            for role, ps in t.parties.items():
                out: dict[Party, None] = {}  # ordered and de-duplicated in one pass
                for p in ps:
                    if p.kind == "collective" and collectives != "include":
                        continue
                    members = self.groups.get(p.iri) if p.kind == "group" and groups == "expand" else None
                    for q in members or [p]:
                        out[q] = None
                parties[role] = list(out)
            tasks.append(replace(t, parties=parties))
        return Assignments(tasks, self.groups, self.plans)

    def plan_title(self, task: TaskRecord) -> str:
        info = self.plans.get(task.plan)
        return info.title if info else ""

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Assignments):
            return NotImplemented
        return (
            self.tasks == other.tasks
            and {k: sorted(v, key=lambda p: p.iri) for k, v in self.groups.items()}
            == {k: sorted(v, key=lambda p: p.iri) for k, v in other.groups.items()}
            and self.plans == other.plans
        )


def plan_info(plan: Plan, iri: str) -> PlanInfo:
    return PlanInfo(
        iri,
        plan.title,
        plan.jurisdiction,
        plan.level.value if plan.level else None,
        plan.year,
        os.path.basename(plan.source),
    )


def from_plans(plans: list[Plan], minter: Minter | None = None) -> Assignments:
    """The records of parsed plans, with the IRIs the RDF of the same plans has."""
    mint = minter or Minter()
    tasks: list[TaskRecord] = []
    groups: dict[str, list[Party]] = {}
    infos: dict[str, PlanInfo] = {}
    cache: dict[tuple[str, str, str, bool], Party] = {}  # one object per party: less memory
    for plan in plans:
        p = mint.plan(plan)
        infos[p] = plan_info(plan, p)
        scope = mint.scope(plan)
        sections: dict[str | None, tuple[str, str]] = {}
        subsections: dict[tuple[str | None, str], tuple[str, str]] = {}
        for k, section in enumerate(plan.sections, start=1):
            s = f"{p}/section/{k}"
            sections[section.title] = (s, section.title)
            for j, title in enumerate(section.subsections, start=1):
                subsections[(section.title, title)] = (f"{s}/{j}", title)
        for task in plan.tasks:
            heading = sections.get(task.section)
            sub = subsections.get((task.section, task.subsection)) if task.subsection else None
            listed: dict[str, dict[Party, None]] = {}
            for a in task.assignments:
                segment = agent_segment(a.party, a.role)
                iri = mint.agent(segment, a.party.name, scope)
                leader = a.role.value == "lead_leader"
                kind = a.party.kind.value
                key = (iri, a.party.name, kind, leader)
                party = cache.get(key)
                if party is None:
                    party = cache[key] = Party(*key)
                listed.setdefault(a.role.value, {})[party] = None
            parties = {role: list(ps) for role, ps in listed.items()}
            tasks.append(
                TaskRecord(
                    f"{p}/task/{task.index}",
                    task.index,
                    task.number or str(task.index),
                    task.text,
                    p,
                    heading[0] if heading else None,
                    heading[1] if heading else None,
                    sub[0] if sub else None,
                    sub[1] if sub else None,
                    parties,
                )
            )
        for group in plan.groups:
            gi = mint.agent("group", group.name, scope)
            members = groups.setdefault(gi, [])
            known = set(members)
            for member in group.members:
                unit = Party(mint.agent("unit", member, scope), member, "unit", False)
                if unit not in known:
                    known.add(unit)
                    members.append(unit)
    for members in groups.values():
        members.sort(key=lambda m: (m.name, m.iri))
    tasks.sort(key=lambda t: (t.plan, t.index))
    return Assignments(tasks, groups, infos)


# ------------------------------------------------------------------ from a store


def from_store(backend: Any, timeout: float | None = None) -> Assignments:
    """The records of every plan in a store or endpoint (see :class:`taskgraph.store.Backend`)."""
    from taskgraph.query import get_query

    infos: dict[str, PlanInfo] = {}
    plans = backend.select(get_query("plans").text, timeout=timeout)
    at = {c: k for k, c in enumerate(plans.columns)}
    for row in plans.rows:
        plan = row[at["plan"]]
        infos[plan] = PlanInfo(
            plan,
            row[at["title"]] or "",
            row[at["jurisdiction"]],
            row[at["level"]],
            row[at["year"]],
            row[at["source"]],
        )
    tasks: dict[str, TaskRecord] = {}
    parties: dict[tuple[str, str, str, bool], Party] = {}
    placed: dict[tuple[str, str], set[Party]] = {}
    rows = backend.select(get_query("assignments").text, timeout=timeout)
    index = {c: k for k, c in enumerate(rows.columns)}
    for row in rows.rows:
        iri = row[index["task"]]
        t = tasks.get(iri)
        if t is None:
            t = tasks[iri] = TaskRecord(
                iri,
                int(row[index["index"]]),
                str(row[index["number"]]),
                row[index["text"]] or "",
                row[index["plan"]] or "",
                row[index["section"]],
                row[index["section_title"]],
                row[index["subsection"]],
                row[index["subsection_title"]],
                {},
            )
        role = row[index["role"]]
        if role is None:
            continue  # a task that names no party
        key = (row[index["agent"]], row[index["name"]], row[index["kind"]], role == "lead_leader")
        party = parties.get(key)
        if party is None:
            party = parties[key] = Party(*key)
        seen = placed.setdefault((iri, role), set())
        if party not in seen:
            seen.add(party)
            t.parties.setdefault(role, []).append(party)
    groups: dict[str, list[Party]] = defaultdict(list)
    in_group: set[tuple[str, Party]] = set()
    for group, member, name, *_ in backend.select(get_query("group-members").text, timeout=timeout).rows:
        unit = Party(member, name, "unit", False)
        if (group, unit) not in in_group:
            in_group.add((group, unit))
            groups[group].append(unit)
    for members in groups.values():
        members.sort(key=lambda m: (m.name, m.iri))
    ordered = sorted(tasks.values(), key=lambda t: (t.plan, t.index))
    return Assignments(ordered, dict(groups), infos)
