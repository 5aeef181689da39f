"""The data model of a parsed plan: frozen dataclasses and enums, no I/O and no rdflib.

A :class:`Plan` holds its :class:`Task` objects in document order; each task holds its
:class:`Assignment` objects (a :class:`Role` and a :class:`Party`), and every party keeps
both its canonical ``name`` and the name ``as_written`` in the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from taskgraph.registry import Kind, Level, Role

# Roles and kinds are terms of the registry; the model uses them as its enums.
__all__ = ["Assignment", "Group", "Kind", "Party", "Plan", "Role", "Section", "Task", "Warning"]


@dataclass(frozen=True)
class Party:
    """A leader or unit as named in one place of a plan."""

    name: str
    as_written: str
    kind: Kind


@dataclass(frozen=True)
class Assignment:
    """One party in one role for one task."""

    role: Role
    party: Party


@dataclass(frozen=True)
class Section:
    """A top-level section (一、…) with its subsections (（一）…), titles as written."""

    number: int
    title: str
    subsections: tuple[str, ...] = ()


@dataclass(frozen=True)
class Task:
    """A task: its place, its text before the attribution, and who does what.

    ``index`` counts the plan's tasks from 1 and is unique; ``number`` is the numeral as
    written without its delimiters (``"12"``, ``"一"``, ``"1.2"``), None when unnumbered, and
    can repeat (numbering restarts under each leader heading in some plans).
    """

    index: int
    number: str | None
    section: str | None
    subsection: str | None
    text: str
    assignments: tuple[Assignment, ...]
    line: int  # line of the original file where the task starts
    attribution: str | None = None  # the attribution as written, without its brackets
    deadline: str | None = None  # 完成时限 when the plan gives one

    @property
    def value(self) -> int | None:
        """The number as an integer (the last part of ``1.2``), None when unnumbered."""
        if self.number is None:
            return None
        from taskgraph.parse.markers import chinese_number

        last = self.number.rsplit(".", 1)[-1]
        return chinese_number(last) if last else None

    def parties(self, role: Role) -> tuple[Party, ...]:
        """The parties in ``role``, in the order written."""
        return tuple(a.party for a in self.assignments if a.role is role)

    @property
    def lead_leaders(self) -> tuple[Party, ...]:
        return self.parties(Role.LEAD_LEADER)

    @property
    def lead_units(self) -> tuple[Party, ...]:
        return self.parties(Role.LEAD_UNIT)

    @property
    def responsible_units(self) -> tuple[Party, ...]:
        return self.parties(Role.RESPONSIBLE_UNIT)

    @property
    def cooperating_units(self) -> tuple[Party, ...]:
        return self.parties(Role.COOPERATING_UNIT)


@dataclass(frozen=True)
class Warning:
    """Something odd that the parser recovered from; ``line`` is in the original file."""

    code: str
    message: str
    line: int | None = None
    task: str | None = None  # the task's number as written, when the warning is about a task


@dataclass(frozen=True)
class Group:
    """A name the plan defines for several units (〔以下简称X〕)."""

    name: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """One task allocation plan and what the document says about itself.

    ``jurisdiction`` (莘县), ``level`` and ``year`` place it; ``document_number`` is its 文号
    (莘政发〔2024〕1号); ``digest`` identifies the text whatever the file's format or name, so
    the same document given twice is loaded once.
    """

    source: str
    title: str
    tasks: tuple[Task, ...]
    sections: tuple[Section, ...] = ()
    issuer: str | None = None
    issued_by_office: str | None = None
    date: str | None = None  # ISO 8601
    printed: str | None = None  # ISO 8601 date of the printing line
    publication: str | None = None
    jurisdiction: str | None = None
    level: Level | None = None
    year: int | None = None
    document_number: str | None = None
    cc: tuple[str, ...] = ()
    notice: str | None = None
    aliases: tuple[tuple[str, str], ...] = ()  # (second nameplate, canonical name)
    typos: tuple[tuple[str, str], ...] = ()  # (as written, corrected)
    groups: tuple[Group, ...] = ()
    layout: str = "parenthesis"
    format: str = "text"
    encoding: str | None = "utf-8"
    digest: str = ""
    warnings: tuple[Warning, ...] = field(default=())

    def group_members(self, name: str) -> tuple[str, ...]:
        """The members of group ``name``, or ``()`` when it is no group."""
        for g in self.groups:
            if g.name == name:
                return g.members
        return ()
