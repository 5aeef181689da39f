"""Name resolution: from the names as written to one canonical name per organisation.

The rules, each from the Shen County 2024 plan (see its gold annotation):

- ``县财政局〔县国资局〕``: a bracket after a unit gives its second nameplate; one organisation,
  canonical ``县财政局``, alias ``县国资局``.
- ``县乡村振兴局`` written alone (task 79) is the second nameplate of ``县农业农村局``.
- ``…管委会〔以下简称县属开发区管委会〕`` defines the group ``县属开发区管委会`` of the units
  joined by 、 up to and including the defining one.
- ``县政府有关部门〔单位〕``, ``各镇人民政府〔街道办事处〕``, leader ``县政府各位县长``: collectives,
  kept whole as nodes of their own kind.
- ``县县民政局`` (task 77): a doubled jurisdiction prefix, corrected to ``县民政局``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from taskgraph.model import Group, Kind, Party, Role, Warning
from taskgraph.parse.attribution import Written
from taskgraph.parse.vocabulary import (
    ABBREVIATION,
    COLLECTIVE,
    DOUBLED_PREFIX,
    NOTES,
    PERSON_NAME,
)

# A name with a bracketed suffix: "县财政局〔县国资局〕", "县发改局（粮食局）".
BRACKETED = re.compile(r"^(?P<outer>.+?)\s*[〔（(【\[](?P<inner>[^〔（(【\[]+)[〕）)】\]]$")
TRAILING_ETC = re.compile(r"(?<=.)等$")


@dataclass(frozen=True)
class Occurrence:
    """A written name in one task's field, before resolution."""

    task: int
    line: int
    role: Role
    index: int  # position in its field
    written: Written


@dataclass
class Resolution:
    """What resolving a plan's names found."""

    parties: dict[tuple[int, Role, int], Party]
    aliases: dict[str, str]
    typos: dict[str, str]
    groups: dict[str, tuple[str, ...]]
    warnings: list[Warning]


def is_collective(name: str) -> bool:
    """Whether ``name`` stands for many unnamed parties.

    Examples
    --------
    >>> is_collective("各镇人民政府〔街道办事处〕"), is_collective("县政府各位县长")
    (True, True)
    >>> is_collective("县发展改革局")
    False
    """
    return bool(COLLECTIVE.search(name))


def _base(written: str) -> tuple[str, str | None]:
    """Split a written name into (outer name, bracket content or None)."""
    name = TRAILING_ETC.sub("", written.strip())
    m = BRACKETED.match(name)
    if m:
        return m.group("outer").strip(), m.group("inner").strip()
    return name, None


def _typo(name: str) -> str:
    return DOUBLED_PREFIX.sub(r"\1", name)


def resolve(occurrences: list[Occurrence], fields: dict[tuple[int, Role], list[Written]]) -> Resolution:
    """Resolve every written name of a plan; two passes so that later definitions count."""
    aliases: dict[str, str] = {}
    typos: dict[str, str] = {}
    groups: dict[str, tuple[str, ...]] = {}
    warnings: list[Warning] = []

    # Pass 1: definitions (second nameplates, abbreviations) and typo corrections.
    for occ in occurrences:
        written = occ.written.text
        if occ.role is Role.LEAD_LEADER or is_collective(written):
            continue
        outer, inner = _base(written)
        fixed = _typo(outer)
        if fixed != outer:
            typos[outer] = fixed
        if inner is None or inner in NOTES:
            continue
        abbreviation = ABBREVIATION.match(inner)
        if abbreviation:
            group = abbreviation.group(1)
            members = _run(fields[(occ.task, occ.role)], occ.index)
            if group in groups and groups[group] != members:
                warnings.append(
                    Warning(
                        "group-redefined",
                        f"task {occ.task}: {group} is defined again with other members",
                        occ.line,
                        occ.task,
                    )
                )
            groups.setdefault(group, members)
        else:
            aliases.setdefault(_typo(inner), fixed)

    # Pass 2: every occurrence to a party.
    parties: dict[tuple[int, Role, int], Party] = {}
    for occ in occurrences:
        written = occ.written.text
        key = (occ.task, occ.role, occ.index)
        if occ.role is Role.LEAD_LEADER:
            name = TRAILING_ETC.sub("", written)
            if is_collective(name) or not PERSON_NAME.match(name):
                kind = Kind.COLLECTIVE if is_collective(name) else Kind.PERSON
            else:
                kind = Kind.PERSON
            parties[key] = Party(name, written, kind)
            continue
        if is_collective(written):
            parties[key] = Party(TRAILING_ETC.sub("", written), written, Kind.COLLECTIVE)
            continue
        outer, _ = _base(written)
        name = _typo(outer)
        name = aliases.get(name, name)
        kind = Kind.GROUP if name in groups else Kind.UNIT
        parties[key] = Party(name, written, kind)
    return Resolution(parties, aliases, typos, groups, warnings)


def _run(names: list[Written], index: int) -> tuple[str, ...]:
    """The canonical names of the 、-joined run of units that ends at ``index``."""
    start = index
    while start > 0 and names[start].separator == "、" and not is_collective(names[start - 1].text):
        start -= 1
    return tuple(_typo(_base(w.text)[0]) for w in names[start : index + 1])
