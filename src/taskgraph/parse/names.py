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

from taskgraph.model import Kind, Party, Role, Warning
from taskgraph.parse.attribution import Written
from taskgraph.parse.vocabulary import (
    ABBREVIATION,
    COLLECTIVE,
    DOUBLED_PREFIX,
    NOTE_PREFIX,
    NOTES,
    PERSON_NAME,
    PERSON_WITH_TITLE,
    TITLE_THEN_PERSON,
    UNIT_SUFFIX,
)

# A name with a bracketed suffix: "县财政局〔县国资局〕", "县发改局（粮食局）".
BRACKETED = re.compile(r"^(?P<outer>.+?)\s*[〔（(【\[［〈](?P<inner>[^〔（(【\[［〈]+)[〕）)】\]］〉]$")
TRAILING_ETC = re.compile(r"(?<=.)等$")


@dataclass(frozen=True)
class Occurrence:
    """A written name in one task's field, before resolution."""

    task: int  # the task's index in the plan's drafts
    line: int
    role: Role
    index: int  # position in its field
    written: Written  # the text used for resolution (simplified in a traditional plan)
    as_written: str = ""  # the name exactly as the document writes it
    number: str | None = None  # the task's number as written, for warnings


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
        if inner is None or inner in NOTES or NOTE_PREFIX.match(inner):
            continue
        abbreviation = ABBREVIATION.match(inner)
        if abbreviation:
            group = abbreviation.group(1)
            members = _run(fields[(occ.task, occ.role)], occ.index)
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

    # Pass 2: every occurrence to a party.
    expanded = _expanded_lists(fields)
    parties: dict[tuple[int, Role, int], Party] = {}
    for occ in occurrences:
        written = occ.written.text
        as_written = occ.as_written or written
        key = (occ.task, occ.role, occ.index)
        if occ.role is Role.LEAD_LEADER:
            # "王 东" (Guangzhou 2021, a table cell), "副县长李明", "李明副市长"
            name = TRAILING_ETC.sub("", written).replace(" ", "")
            titled = PERSON_WITH_TITLE.match(name) or TITLE_THEN_PERSON.match(name)
            if titled and not is_collective(name):
                name = titled.group("name")
            kind = Kind.COLLECTIVE if is_collective(name) or not PERSON_NAME.match(name) else Kind.PERSON
            parties[key] = Party(name, as_written, kind)
            continue
        if is_collective(written):
            parties[key] = Party(TRAILING_ETC.sub("", written), as_written, Kind.COLLECTIVE)
            continue
        name = _typo(expanded.get(key, _base(written)[0]))
        name = aliases.get(name, name)
        kind = Kind.GROUP if name in groups else Kind.UNIT
        parties[key] = Party(name, as_written, kind)
    _merge_variants(parties, aliases)
    return Resolution(parties, aliases, typos, groups, warnings)


# A place name and what follows it: "南区政府" -> ("南区", "政府").
_PLACE_AND_SUFFIX = re.compile(r"^(?P<place>.+?[区县市镇乡州旗])(?P<suffix>.+)$")
# A jurisdiction prefix at the start of a name: "市发改委".
_JURISDICTION = re.compile(r"^[省市县区州旗]")


def _expanded_lists(fields: dict[tuple[int, Role], list[Written]]) -> dict[tuple[int, Role, int], str]:
    """Names completed from their neighbours in a 、-joined run (shared suffix, dropped prefix)."""
    out: dict[tuple[int, Role, int], str] = {}
    for (task, role), names in fields.items():
        if role is Role.LEAD_LEADER:
            continue
        bases = [_base(w.text)[0] for w in names]
        starts, ends = _runs(names)
        for i, base in enumerate(bases):
            if is_collective(names[i].text):
                continue
            # "黄区、南区政府": a bare place name takes the suffix of a later name of the same kind
            # (looked for among the next few names of its run: a run can be thousands long).
            if not UNIT_SUFFIX.search(base) or (base[-1:] in "区县市镇乡州旗" and len(base) <= 4):
                for j in range(i + 1, min(ends[i], i + 12) + 1):
                    m = _PLACE_AND_SUFFIX.match(bases[j])
                    if m and m.group("place")[-1] == base[-1] and len(base) <= 4:
                        out[(task, role, i)] = base + m.group("suffix")
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
                and UNIT_SUFFIX.search(base)
                and not any(ch in base[:2] for ch in "区县市镇乡省州旗")
            ):
                out[(task, role, i)] = prefix.group(0) + base
    return out


def _runs(names: list[Written]) -> tuple[list[int], list[int]]:
    """For each name, the first and last index of the 、-joined run it belongs to (one pass each way)."""
    starts, ends = [0] * len(names), [0] * len(names)
    for i, w in enumerate(names):
        starts[i] = starts[i - 1] if i and w.separator == "、" else i
    for i in range(len(names) - 1, -1, -1):
        ends[i] = ends[i + 1] if i + 1 < len(names) and names[i + 1].separator == "、" else i
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


def _merge_variants(parties: dict[tuple[int, Role, int], Party], aliases: dict[str, str]) -> None:
    """Give the units written two ways in one plan one canonical name: the most frequent form."""
    counts: dict[str, dict[str, int]] = {}
    for p in parties.values():
        if p.kind is Kind.UNIT:
            forms = counts.setdefault(unit_key(p.name), {})
            forms[p.name] = forms.get(p.name, 0) + 1
    canonical = {}
    for forms in counts.values():
        if len(forms) > 1:
            best = sorted(forms.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]
            for form in forms:
                if form != best:
                    canonical[form] = best
                    aliases.setdefault(form, best)
    for key, p in list(parties.items()):
        if p.name in canonical:
            parties[key] = Party(canonical[p.name], p.as_written, p.kind)


def _run(names: list[Written], index: int) -> tuple[str, ...]:
    """The canonical names of the 、-joined run of units that ends at ``index``."""
    start = index
    while start > 0 and names[start].separator == "、" and not is_collective(names[start - 1].text):
        start -= 1
    return tuple(_typo(_base(w.text)[0]) for w in names[start : index + 1])
