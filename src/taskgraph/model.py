"""The data model of a parsed plan: frozen dataclasses and enums, no I/O and no rdflib.

A :class:`Plan` holds its :class:`Task` objects in document order; each task holds its
:class:`Assignment` objects (a :class:`Role` and a :class:`Party`), and every party keeps
both its canonical ``name`` and the name ``as_written`` in the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    """What a party does for a task; the values are the JSON keys' singular forms."""

    LEAD_LEADER = "lead_leader"  # 牵头领导 / 责任领导 / 分管领导
    LEAD_UNIT = "lead_unit"  # 牵头单位
    RESPONSIBLE_UNIT = "responsible_unit"  # 责任单位
    COOPERATING_UNIT = "cooperating_unit"  # 配合单位 / 协办单位

    @property
    def label_zh(self) -> str:
        return _ROLE_ZH[self]

    @property
    def plural(self) -> str:
        return self.value + "s"


_ROLE_ZH = {
    Role.LEAD_LEADER: "牵头领导",
    Role.LEAD_UNIT: "牵头单位",
    Role.RESPONSIBLE_UNIT: "责任单位",
    Role.COOPERATING_UNIT: "配合单位",
}


class Kind(StrEnum):
    """What a named party is."""

    PERSON = "person"  # a leader named by name: 丁卫东
    UNIT = "unit"  # one organisation: 县财政局
    COLLECTIVE = "collective"  # many unnamed parties: 各镇人民政府〔街道办事处〕, 县政府各位县长
    GROUP = "group"  # a named set of units defined in the plan: 县属开发区管委会


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
    """A numbered task: its place, its text before the attribution, and who does what."""

    number: int
    section: str | None
    subsection: str | None
    text: str
    assignments: tuple[Assignment, ...]
    line: int  # line of the original file where the task starts
    attribution: str | None = None  # the attribution as written, without its brackets

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
    task: int | None = None


@dataclass(frozen=True)
class Group:
    """A name the plan defines for several units (〔以下简称X〕)."""

    name: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """One task allocation plan."""

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
    cc: tuple[str, ...] = ()
    notice: str | None = None
    aliases: tuple[tuple[str, str], ...] = ()  # (second nameplate, canonical name)
    typos: tuple[tuple[str, str], ...] = ()  # (as written, corrected)
    groups: tuple[Group, ...] = ()
    layout: str = "parenthesis"
    encoding: str = "utf-8"
    warnings: tuple[Warning, ...] = field(default=())

    def group_members(self, name: str) -> tuple[str, ...]:
        """The members of group ``name``, or ``()`` when it is no group."""
        for g in self.groups:
            if g.name == name:
                return g.members
        return ()
