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

And from the genre at large (issue 7): shared suffixes (``黄区、南区政府`` is 黄区政府 and
南区政府), a dropped jurisdiction prefix (``市发改委、经信委`` is 市发改委 and 市经信委), the same
unit written two ways in one plan (``市发改委`` / ``市发展改革委``: one canonical name, the most
frequent form), bracketed notes that are no nameplate (``（含开发区）``), titles after a leader's
name (``李明副市长``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from taskgraph.model import Kind, Party, Role, Warning
from taskgraph.parse.attribution import Written, titled_person
from taskgraph.parse.vocabulary import (
    ABBREVIATION,
    COLLECTIVE,
    DOUBLED_PREFIX,
    NOTE_PREFIX,
    NOTES,
    PERSON_NAME,
    UNIT_SUFFIX,
)

# A name with a bracketed suffix: "县财政局〔县国资局〕", "县发改局（粮食局）".
BRACKETED = re.compile(r"^(?P<outer>.+?)\s*[〔（(【\[［〈](?P<inner>[^〔（(【\[［〈]+)[〕）)】\]］〉]$")
TRAILING_ETC = re.compile(r"(?<=.)等$")


class Occurrence(NamedTuple):
    """A written name in one task's field, before resolution (a named tuple: a plan makes one per
    name, and a frozen dataclass costs three times as much to build)."""

    task: int  # the task's index in the plan's drafts
    line: int
    role: Role
    position: int  # position in its field
    written: Written  # the text used for resolution (simplified in a traditional plan)
    as_written: str = ""  # the name exactly as the document writes it
    number: str | None = None  # the task's number as written, for warnings


class NameList(NamedTuple):
    """The names of one role in one task, as pass 2 of :func:`resolve` reads them: a plan repeats
    the same lists task after task, and each distinct list is resolved once."""

    role: Role
    texts: tuple[str, ...]  # the texts resolved (simplified in a traditional plan)
    separators: tuple[str, ...]  # the character before each name ('' for the first)
    written: tuple[str, ...]  # each name exactly as the document writes it


@dataclass
class Resolution:
    """What resolving a plan's names found."""

    parties: dict[NameList, tuple[Party, ...]]
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


@lru_cache(maxsize=16384)
def _collective(name: str) -> bool:
    """:func:`is_collective`, remembered: a plan names the same parties task after task."""
    return bool(COLLECTIVE.search(name))


@lru_cache(maxsize=16384)
def _base(written: str) -> tuple[str, str | None]:
    """Split a written name into (outer name, bracket content or None)."""
    name = TRAILING_ETC.sub("", written.strip())
    m = BRACKETED.match(name)
    if m:
        return m.group("outer").strip(), m.group("inner").strip()
    return name, None


@lru_cache(maxsize=16384)
def defines_group(written: str) -> bool:
    """Whether a name defines a group: "…管委会〔以下简称县属开发区管委会〕" (Shen County 2024)."""
    inner = _base(written)[1]
    return inner is not None and ABBREVIATION.match(inner) is not None


@lru_cache(maxsize=16384)
def _typo(name: str) -> str:
    return DOUBLED_PREFIX.sub(r"\1", name)


def resolve(
    occurrences: list[Occurrence], fields: dict[tuple[int, Role], list[Written]], lists: dict[NameList, int]
) -> Resolution:
    """Resolve every written name of a plan; two passes so that later definitions count.

    ``occurrences`` are the names pass 1 reads for definitions and typos, in document order (a
    caller may leave out a list of names it gave before, unless it defines a group: reading it
    again would change nothing); ``fields`` each task's names by role; ``lists`` every distinct
    list of names with the number of times the plan gives it.
    """
    aliases: dict[str, str] = {}
    typos: dict[str, str] = {}
    groups: dict[str, tuple[str, ...]] = {}
    warnings: list[Warning] = []

    # Pass 1: definitions (second nameplates, abbreviations) and typo corrections.
    for occ in occurrences:
        written = occ.written.text
        if occ.role is Role.LEAD_LEADER or _collective(written):
            continue
        outer, inner = _base(written)
        fixed = _typo(outer)
        if fixed != outer:
            typos[outer] = fixed
        if inner is None or inner in NOTES or NOTE_PREFIX.match(inner):
            continue
        abbreviation = ABBREVIATION.match(inner)
        if abbreviation:
            group = abbreviation.group(1)
            members = _run(fields[(occ.task, occ.role)], occ.position)
            if group in groups and groups[group] != members:
                warnings.append(
                    Warning(
                        "group-redefined",
                        f"task {occ.number or occ.task}: {group} is defined again with other members",
                        occ.line,
                        occ.number,
                    )
                )
            groups.setdefault(group, members)
        else:
            aliases.setdefault(_typo(inner), fixed)
            # "县发改局（粮食局）": the second nameplate shares the first one's jurisdiction
            prefix = _JURISDICTION.match(fixed)
            if prefix and not _JURISDICTION.match(inner):
                aliases.setdefault(prefix.group(0) + inner, fixed)

    # Pass 2: every name to a party, list by list.
    parties: dict[NameList, tuple[Party, ...]] = {}
    made: dict[tuple[str, str, Kind], Party] = {}  # one object per distinct party: plans repeat them
    for names in lists:
        expanded = _expanded(names) if names.role is not Role.LEAD_LEADER else {}
        out = []
        for i, (written, as_written) in enumerate(zip(names.texts, names.written)):
            as_written = as_written or written
            if names.role is Role.LEAD_LEADER:
                name, kind = _leader(written)
            elif _collective(written):
                name, kind = TRAILING_ETC.sub("", written), Kind.COLLECTIVE
            else:
                name = _typo(expanded.get(i, _base(written)[0]))
                name = aliases.get(name, name)
                kind = Kind.GROUP if name in groups else Kind.UNIT
            party = made.get((name, as_written, kind))
            if party is None:
                party = made[(name, as_written, kind)] = Party(name, as_written, kind)
            out.append(party)
        parties[names] = tuple(out)
    _merge_variants(parties, lists, aliases)
    return Resolution(parties, aliases, typos, groups, warnings)


@lru_cache(maxsize=4096)
def _leader(written: str) -> tuple[str, Kind]:
    """A leader's name and kind: "王 东" (Guangzhou 2021, a table cell), "副县长李明", "李明副市长"."""
    name = TRAILING_ETC.sub("", written).replace(" ", "")
    titled = titled_person(name)
    if titled and not _collective(name):
        name = titled.group("name")
    kind = Kind.COLLECTIVE if _collective(name) or not PERSON_NAME.match(name) else Kind.PERSON
    return name, kind


# A place name and what follows it: "南区政府" -> ("南区", "政府").
_PLACE_AND_SUFFIX = re.compile(r"^(?P<place>.+?[区县市镇乡州旗])(?P<suffix>.+)$")
# A jurisdiction prefix at the start of a name: "市发改委".
_JURISDICTION = re.compile(r"^[省市县区州旗]")


def _expanded(names: NameList) -> dict[int, str]:
    """Names of a list of units completed from their neighbours in a 、-joined run (shared suffix,
    dropped prefix), by their index."""
    out: dict[int, str] = {}
    bases = [_base(text)[0] for text in names.texts]
    starts, ends = _runs(names.separators)
    for i, base in enumerate(bases):
        if _collective(names.texts[i]):
            continue
        # "黄区、南区政府": a bare place name takes the suffix of a later name of the same kind
        # (looked for among the next few names of its run: a run can be thousands long).
        if not _unit_like(base) or (base[-1:] in "区县市镇乡州旗" and len(base) <= 4):
            for j in range(i + 1, min(ends[i], i + 12) + 1):
                m = _PLACE_AND_SUFFIX.match(bases[j])
                if m and m.group("place")[-1] == base[-1] and len(base) <= 4:
                    out[i] = base + m.group("suffix")
                    break
        # "市发改委、经信委": a short later name takes the first name's jurisdiction prefix.
        run = [starts[i]]
        first = bases[run[0]]
        prefix = _JURISDICTION.match(first)
        if (
            i != run[0]
            and prefix
            and not _JURISDICTION.match(base)
            and len(base) <= 5
            and _unit_like(base)
            and not any(ch in base[:2] for ch in "区县市镇乡省州旗")
        ):
            out[i] = prefix.group(0) + base
    return out


@lru_cache(maxsize=16384)
def _unit_like(name: str) -> bool:
    """Whether a name ends as a unit's does (局, 委, 中心 …), remembered."""
    return bool(UNIT_SUFFIX.search(name))


def _runs(separators: tuple[str, ...]) -> tuple[list[int], list[int]]:
    """For each name, the first and last index of the 、-joined run it belongs to (one pass each way)."""
    n = len(separators)
    starts, ends = [0] * n, [0] * n
    for i, separator in enumerate(separators):
        starts[i] = starts[i - 1] if i and separator == "、" else i
    for i in range(n - 1, -1, -1):
        ends[i] = ends[i + 1] if i + 1 < n and separators[i + 1] == "、" else i
    return starts, ends


def _run_indices(names: list[Written], index: int) -> list[int]:
    """Indices of the 、-joined run that contains ``index``."""
    start = index
    while start > 0 and names[start].separator == "、":
        start -= 1
    end = index
    while end + 1 < len(names) and names[end + 1].separator == "、":
        end += 1
    return list(range(start, end + 1))


def unit_key(name: str) -> str:
    """A key under which two ways of writing one unit meet (rules kept as data in
    :mod:`taskgraph.units`).

    Examples
    --------
    >>> unit_key("市发改委") == unit_key("市发展和改革委员会")
    True
    >>> unit_key("县财政局") == unit_key("县商务局")
    False
    """
    from taskgraph.units import unit_key as key

    return key(name)


def _merge_variants(
    parties: dict[NameList, tuple[Party, ...]], lists: dict[NameList, int], aliases: dict[str, str]
) -> None:
    """Give the units written two ways in one plan one canonical name: the most frequent form."""
    from taskgraph.units import unit_key as key  # imported here, once: the import is slow to repeat

    written: dict[str, int] = {}
    for names, found in parties.items():
        times = lists[names]
        for p in found:
            if p.kind is Kind.UNIT:
                written[p.name] = written.get(p.name, 0) + times
    counts: dict[str, dict[str, int]] = {}
    for name, count in written.items():
        counts.setdefault(key(name), {})[name] = count
    canonical = {}
    for forms in counts.values():
        if len(forms) > 1:
            best = sorted(forms.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]
            for form in forms:
                if form != best:
                    canonical[form] = best
                    aliases.setdefault(form, best)
    if not canonical:
        return
    made: dict[Party, Party] = {}
    for names, found in parties.items():
        if any(p.name in canonical for p in found):
            for p in found:
                if p.name in canonical and p not in made:
                    made[p] = Party(canonical[p.name], p.as_written, p.kind)
            parties[names] = tuple(made.get(p, p) for p in found)


def _run(names: list[Written], index: int) -> tuple[str, ...]:
    """The canonical names of the 、-joined run of units that ends at ``index``."""
    start = index
    while start > 0 and names[start].separator == "、" and not is_collective(names[start - 1].text):
        start -= 1
    return tuple(_typo(_base(w.text)[0]) for w in names[start : index + 1])
