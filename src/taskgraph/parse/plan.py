"""From a document's blocks to a :class:`~taskgraph.model.Plan`: layout, attributions, names.

The steps, each in its own module: :mod:`normalise` (blocks → cleaned lines and rows),
:mod:`tables` (rows read by their columns; flattened tables rebuilt), :mod:`outline` (items at
every numbering level; which are tasks), :mod:`genre` (is it a plan at all), :mod:`frontmatter`
(title, issuer, date, jurisdiction), :mod:`names` (one canonical name per organisation).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from dataclasses import dataclass, field

from taskgraph.collector import collector_paused
from taskgraph.errors import ParseError, UsageError
from taskgraph.model import Assignment, Group, Kind, Plan, Role, Section, Task, Warning
from taskgraph.parse import frontmatter as fm
from taskgraph.parse.attribution import Written, split_names
from taskgraph.parse.chinese import is_traditional, simplify_name
from taskgraph.parse.genre import refusal
from taskgraph.parse.names import NameList, Occurrence, defines_group, resolve
from taskgraph.parse.normalise import Cells, Line, clean, compact, to_lines
from taskgraph.parse.outline import CC, PRINTED, Item, Outline, arrange, build_items, decide
from taskgraph.parse.tables import Row, key_value_lines, read_rows, recover_rows
from taskgraph.parse.vocabulary import FIRST_LISTED_LEADS, LEAD_NOTE, MARKED_LEADS
from taskgraph.readers.blocks import Document, Paragraph

# What FIRST_LISTED_LEADS cannot match without ("列第一位者为牵头单位"): a literal the regex engine
# finds fast, where the pattern itself, all optional groups at its start, is tried at every
# character of the plan (issue 12: a tenth of the Shen County plan's parse).
_FIRST_PLACE = re.compile(r"(?:第一|首)[位个家的]")
# "市财政局、市发改委牵头" in a responsible list: these lead.
_LEADS_HERE = re.compile(r"(牵头负责|牵头)$")
# A verb ending a unit's name inside a labelled list: "各镇（街道）配合", "县财政局按职责分工负责".
_OTHER_VERB = re.compile(
    r"(?:(?P<lead>牵头负责|牵头)|(?P<cooperate>配合|协助|协办|参与)|(?:按职责分工负责|按职责负责|分别负责|共同负责|负责具体落实|负责落实|具体落实|抓好落实|负责))$"
)
# A mark set on a unit's name ("市财政局★"); vocabulary.MARKED_LEADS, the plan's note of what it means.
_MARKS = "★☆▲△※＊*"
_MARK = re.compile(f"^[{re.escape(_MARKS)}]+|[{re.escape(_MARKS)}]+$")
_VERB_ENDINGS = ("牵头", "配合", "协助", "协办", "参与", "负责", "落实")
_UNIT_ROLES = (Role.LEAD_UNIT, Role.RESPONSIBLE_UNIT, Role.COOPERATING_UNIT)
_Fields = list[tuple[Role, list[Written], list[str]]]
# The roles in the order a task lists its assignments.
_ROLES = tuple(Role)


@dataclass(slots=True)
class _Draft:
    """A task before its names are resolved."""

    number: str | None
    section: str | None
    subsection: str | None
    text: str
    line: int
    attribution: str | None
    deadline: str | None
    fields: _Fields = field(default_factory=list)
    style: str = "none"
    inherited: bool = False  # a leader or unit comes from a heading over it


def parse_plan(text: str, source: str = "<string>", encoding: str | None = "utf-8") -> Plan:
    """Parse the text of a task allocation plan.

    Raises :class:`~taskgraph.errors.ParseError` when the text holds no task allocation; every
    recoverable oddity becomes a :class:`~taskgraph.model.Warning` on the plan.

    Examples
    --------
    >>> plan = parse_plan("一、目标\\n1.增长6%。（牵头领导：丁卫东；牵头单位：县财政局〔县国资局〕）")
    >>> task = plan.tasks[0]
    >>> task.section, task.text, task.lead_units[0].name, task.lead_units[0].as_written
    ('一、目标', '增长6%。', '县财政局', '县财政局〔县国资局〕')
    """
    from taskgraph.readers.text import parse_text

    if not isinstance(text, str):
        hint = " (decode it, or give the file to read_plan)" if isinstance(text, (bytes, bytearray)) else ""
        raise UsageError(f"parse_plan takes the plan's text as a str, not {type(text).__name__}{hint}")
    with collector_paused():
        return parse_document(Document(source, "text", parse_text(text), encoding))


def read_plan(path: str | os.PathLike[str]) -> Plan:
    """Read and parse a plan file in any format a reader understands (text, HTML, .docx, PDF …)."""
    from taskgraph.readers import read_document

    if not isinstance(path, (str, os.PathLike)):
        raise UsageError(f"read_plan takes a path to a plan file, not {type(path).__name__}")
    return parse_document(read_document(path))


def _wrap_width(lines: list[Line]) -> int | None:
    """The width at which PDF extraction broke the lines, or None when lines are paragraphs."""
    lengths = sorted(len(ln.text) for ln in lines)
    if len(lengths) < 8:
        return None
    top = lengths[int(len(lengths) * 0.9)]
    near = sum(1 for n in lengths if 0.85 * top <= n <= 1.1 * top)
    return int(0.85 * top) if top >= 15 and near >= max(3, 0.3 * len(lengths)) else None


def _sequence(entries: list[Line | Cells]) -> list[Line | Row]:
    """Lines and table rows in order: runs of rows read by their header, flattened tables rebuilt."""
    out: list[Line | Row] = []
    run: list[Cells] = []
    lines: list[Line] = []
    last: list[str | None] | None = None  # the columns of the last task table

    def flush_lines() -> None:
        out.extend(recover_rows(lines))
        lines.clear()

    def flush_run() -> None:
        if not run:
            return
        tables: dict[int, list[Cells]] = {}
        for cells in run:
            tables.setdefault(cells.table, []).append(cells)
        nonlocal last
        for rows in tables.values():
            data, before, columns = read_rows(rows, last)
            if not data and not before and columns is not None:
                last = columns  # a header alone, a section's line under it: the rows after it go on
                continue
            if data:
                last = columns
                lines.extend(_cell_lines(before))
                flush_lines()
                out.extend(data)
                continue
            kv = key_value_lines(rows)
            lines.extend(kv if kv is not None else _cell_lines(rows))
        run.clear()

    for entry in entries:
        if isinstance(entry, Cells):
            run.append(entry)
            continue
        flush_run()
        lines.append(entry)
    flush_run()
    flush_lines()
    return out


def _cell_lines(rows: list[Cells]) -> list[Line]:
    """Rows of a table that is no task table, cell by cell as lines."""
    return [Line(r.number, clean(t), o, clean(o)) for r in rows for t, o in zip(r.texts, r.origs) if clean(t)]


def parse_document(doc: Document) -> Plan:
    """Parse a document read by any reader (see :mod:`taskgraph.readers`)."""
    with collector_paused():
        return _parse_document(doc)


def _parse_document(doc: Document) -> Plan:
    sample = "".join(b.text if isinstance(b, Paragraph) else "".join(b.cells) for b in doc.blocks[:4000])
    traditional = is_traditional(sample)
    entries = to_lines(doc.blocks, traditional)
    seq = _sequence(entries)
    plain = [e for e in seq if isinstance(e, Line)]
    width = _wrap_width(plain) if doc.format in ("text", "pdf") else None
    outline = build_items(seq, width)
    arrange(outline.items)
    try:
        cells = "".join([c for e in entries if isinstance(e, Cells) for c in e.texts[:12]])
        return _plan_of(doc, seq, plain, outline, traditional, cells)
    finally:
        # An item points at its parent and its children: unlinked, the items are freed as soon as
        # the parse is over; left to the cyclic collector, freeing the 300,000 objects they hold
        # for 10,000 tasks took a quarter of the parse (issue 12).
        for item in outline.items:
            item.parent, item.children = None, []


def _plan_of(
    doc: Document, seq: list[Line | Row], plain: list[Line], outline: Outline, traditional: bool, cells: str
) -> Plan:
    """The plan, from the outline of its document (``cells``: the text of its tables' cells, for
    notes a header makes: "责任单位（排名第一的为牵头单位）")."""
    warnings = outline.warnings + decide(outline.items)
    tasks = [i for i in outline.items if i.kind == "task"]
    body = _body_start(tasks, seq) if tasks else len(seq)
    front_lines = [e for e in seq[:body] if isinstance(e, Line)]
    front = fm.split_front(front_lines)
    title = "".join(ln.orig for ln in front.title)
    if not title.strip():
        title = fm.best_title([doc.title or "", *(ln.text for ln in front_lines[:40])]) or title
    titles = [t for t in (title, doc.title, *(ln.text for ln in front_lines[:8])) if t]
    task_ranks = {t.rank for t in tasks}
    numbered = [i for i in outline.items if i.marker is not None and i.rank in task_ranks]
    share = sum(1 for i in numbered if i.fields) / len(numbered) if numbered else 1.0
    candidates = [
        (t.attribution.style if t.attribution else "none", t.marker is not None or t.row is not None)
        for t in tasks
        if t.fields
    ]
    reason = refusal(
        titles, [ln.text for ln in plain[:12]], candidates, share, [ln.text for ln in front_lines]
    )
    if reason:
        raise ParseError(f"no task allocation found: {reason}", doc.source)
    # A note of the whole plan, in its text or in a table's header ("责任单位（排名第一的为牵头单位）").
    whole = "".join([ln.text for ln in plain]) + cells
    first_listed = bool(_FIRST_PLACE.search(whole) and FIRST_LISTED_LEADS.search(whole))
    starred = "牵头" in whole and any(mark in whole for mark in _MARKS) and bool(MARKED_LEADS.search(whole))
    drafts, sections = _drafts(outline.items, first_listed, warnings, starred)
    warnings.extend(_numbering(tasks))
    return _assemble(doc, drafts, sections, warnings, front, outline.tail, front_lines, traditional, title)


def _body_start(tasks: list[Item], seq: list[Line | Row]) -> int:
    """Index in the sequence where the plan's body begins: the top heading over the first task."""
    top = tasks[0]
    while top.parent is not None:
        top = top.parent
    anchor = top.row if top.row is not None else top.lines[0]
    return next((k for k, e in enumerate(seq) if e is anchor), 0)


def _ancestors(item: Item) -> list[Item]:
    out = []
    parent = item.parent
    while parent is not None:
        out.append(parent)
        parent = parent.parent
    return out[::-1]


def _title(item: Item) -> str:
    """A heading's title as written: its first line, and the next ones while it goes on (a heading
    broken over lines: "二、2024 年主要工" / "作任务"), never the prose under it."""
    if item.row is not None and item.kind != "heading":
        return item.orig
    lines = item.lines[:1]
    for line in item.lines[1:4]:
        last = lines[-1].text[item.offset if len(lines) == 1 else 0 :]
        if (
            last.endswith(("。", "；", "）", ")"))
            or len(line.text) > 30
            or any(ch in line.text for ch in "。；;")
        ):
            break
        lines.append(line)
    return "".join(ln.raw for ln in lines).strip()


def _drafts(
    items: list[Item], first_listed: bool, warnings: list[Warning], starred: bool = False
) -> tuple[list[_Draft], list[Section]]:
    """Task drafts with inherited fields, and the sections that hold tasks."""
    drafts: list[_Draft] = []
    sections: dict[int, tuple[int, str, list[str]]] = {}
    context: _Fields = []  # from an unnumbered heading ("县示范区管委会牵头工作（8项）")
    context_item: Item | None = None
    used: set[int] = set()  # headings whose block some task inherited
    last_task = next((i for i in reversed(items) if i.kind == "task"), None)
    # Where a task stands (its section, subsection and the blocks it inherits), worked out once for
    # all the tasks under the same heading.
    places: dict[tuple[int, int, int], tuple[str | None, str | None, list[tuple[Item | None, _Fields]]]] = {}
    for item in items:
        if item.kind == "heading":
            if item.marker is None:
                context, context_item = item.block, item
            else:
                context, context_item = [], None
            continue
        if item.kind != "task":
            continue
        place = places.get((id(item.parent), id(context_item), item.rank))
        if place is None:
            chain = [a for a in _ancestors(item) if a.kind == "heading"]
            if context_item is not None and (not chain or chain[0].rank > item.rank):
                chain = [context_item, *chain]
            section = _title(chain[0]) if chain else None
            subsection = _title(chain[1]) if len(chain) > 1 else None
            if chain:
                entry = sections.setdefault(
                    id(chain[0]), (chain[0].marker.value if chain[0].marker else 0, section or "", [])
                )
                if subsection and subsection not in entry[2]:
                    entry[2].append(subsection)
            blocks = [(a, a.block) for a in chain if a.block] + ([(context_item, context)] if context else [])
            place = places[(id(item.parent), id(context_item), item.rank)] = (section, subsection, blocks)
        section, subsection, blocks = place
        own: _Fields = [(r, list(n), list(w)) for r, n, w in item.fields]
        a = item.attribution
        if (
            first_listed
            and a is not None
            and (
                a.style == "bare"
                # "（A、B、C负责）" where the first listed leads: 负责 names no lead of its own
                or (a.style == "predicate" and len(own) == 1 and own[0][0] is Role.LEAD_UNIT
                    and not any("牵头" in f.label for f in a.fields))
            )
        ):  # fmt: skip
            # "（市发展改革委，市统计局）" where the plan says the first listed leads: the rest are
            # responsible, not leads too
            own = [
                part
                for r, n, w in own
                for part in ((r, n[:1], w[:1]), (Role.RESPONSIBLE_UNIT, n[1:], w[1:]))
                if part[1]
            ]
        fields = _leads_in_lists(own, first_listed, starred)
        inherited = False
        for owner, block in reversed(blocks):
            for role, names, written in block:
                if not any(r is role and n for r, n, _ in fields):
                    fields.insert(
                        0 if role is Role.LEAD_LEADER else len(fields), (role, list(names), list(written))
                    )
                    inherited = True
                    used.add(id(owner))
        a = item.attribution
        style = a.style if a is not None else "none"
        attribution = a.content if a is not None and a.content else None
        draft = _Draft(
            item.label, section, subsection, compact(item.orig), item.line, attribution,
            a.deadline if a is not None else None, fields, style, inherited,
        )  # fmt: skip
        _cut_off(item, draft, warnings, item is last_task)
        if not fields:
            warnings.append(
                Warning("no-attribution", f"task {item.label} has no attribution", item.line, item.label)
            )
        drafts.append(draft)
    for item in items:
        if item.kind == "heading" and item.block and id(item) not in used:
            warnings.append(
                Warning(
                    "attribution-without-task",
                    f"the attribution under '{item.first[:20]}' applies to no task: every task under it names its own",
                    item.labels[0][0].number if item.labels else item.line,
                )
            )
    return drafts, [Section(n, t, tuple(subs)) for n, t, subs in sections.values()]


def _cut_off(item: Item, draft: _Draft, warnings: list[Warning], last: bool = True) -> None:
    """Warnings about the attribution: cut off, text after it, names without a label.

    An attribution with no closing bracket in the document's last task is an excerpt cut off,
    its last name perhaps in half; before another task, only the bracket was left out."""
    a = item.attribution
    if a is None:
        return
    if a.end is None and a.style == "parenthesis" and not last:
        warnings.append(
            Warning(
                "attribution-unclosed",
                f"the attribution of task {item.label} has no closing bracket",
                item.line_at(a.start),
                item.label,
            )
        )
    elif a.end is None and a.style == "parenthesis":
        lost = ""
        if draft.fields and draft.fields[-1][1]:
            lost = draft.fields[-1][2].pop()
            draft.fields[-1][1].pop()
        detail = f"; the last name '{lost}' may be incomplete and is left out" if lost else ""
        warnings.append(
            Warning(
                "attribution-cut-off",
                f"the attribution of task {item.label} is cut off (no closing bracket){detail}",
                item.line_at(a.start),
                item.label,
            )
        )
    elif a.style not in ("labelled-lines", "table") and a.end is not None and not item.leading:
        rest = item.joined[a.end :].strip("。；;，, ")
        if rest:
            warnings.append(
                Warning(
                    "text-after-attribution",
                    f"task {item.label} has text after its attribution: {rest[:30]}",
                    item.lines[-1].number,
                    item.label,
                )
            )
    if a.unlabelled and a.style != "table":
        warnings.append(
            Warning(
                "unlabelled-names",
                f"task {item.label}: '{a.unlabelled[:40]}' in the attribution has no role label and is left out",
                item.line,
                item.label,
            )
        )


def _verbs_in_lists(fields: _Fields) -> _Fields:
    """Units a verb at the end of their names gives a role inside a labelled list: under
    ``责任单位：市委宣传部、市文旅局牵头，各镇（街道）配合`` 各镇（街道） cooperates, and
    ``牵头单位：市体育局、市教育局牵头`` names 市教育局. The verb goes; a unit joined to it by 、
    goes with it (``市交通局、市商务局配合``). Leads marked so are moved by :func:`_leads_in_lists`."""
    out: _Fields = []
    moved: dict[Role, list[tuple[Written, str]]] = {}
    for role, names, written in fields:
        if role not in _UNIT_ROLES:
            out.append((role, names, written))
            continue
        keep: list[tuple[Written, str]] = []
        for w, a in zip(names, written):
            m = _OTHER_VERB.search(w.text)
            if not m or len(w.text) == len(m.group(0)) or (m.group("lead") and role is not Role.LEAD_UNIT):
                keep.append((w, a))
                continue
            cut = m.start()
            name = (Written(w.text[:cut].strip(), w.separator, w.offset), a[:cut].strip())
            verb = Role.LEAD_UNIT if m.group("lead") else (
                Role.COOPERATING_UNIT if m.group("cooperate") else Role.RESPONSIBLE_UNIT
            )  # fmt: skip
            if verb is role:
                keep.append(name)
                continue
            group = [name]
            while keep and group[0][0].separator == "、" and not _OTHER_VERB.search(keep[-1][0].text):
                group.insert(0, keep.pop())
            moved.setdefault(verb, []).extend(group)
        out.append((role, [w for w, _ in keep], [a for _, a in keep]))
    for verb, group in moved.items():
        for k, (role, names, written) in enumerate(out):
            if role is verb:
                out[k] = (role, names + [w for w, _ in group], written + [a for _, a in group])
                break
        else:
            out.append((verb, [w for w, _ in group], [a for _, a in group]))
    return [f for f in out if f[1] or f[0] not in _UNIT_ROLES]


# The last characters of the verbs a name in a list may end with (牵头 → 头 …) and the marks set
# on it: most names have none, found by two set look-ups before any search.
_ENDINGS = frozenset(verb[-1] for verb in _VERB_ENDINGS) | frozenset(_MARKS)
_MARK_SET = frozenset(_MARKS)


def _marked_or_verbed(fields: _Fields) -> bool:
    for role, names, _ in fields:
        if role in _UNIT_ROLES:
            for w in names:
                if w.text[-1:] in _ENDINGS or w.text[:1] in _MARK_SET:
                    return True
    return False


def _marks_dropped(fields: _Fields, starred: bool) -> _Fields:
    """Names without the marks set on them ("市财政局★", "★市交通运输局"); where the plan says the
    mark names the lead ("标注★的为牵头单位"), the marked units lead."""
    out: _Fields = []
    leads: list[tuple[Written, str]] = []
    for role, names, written in fields:
        if role not in _UNIT_ROLES:
            out.append((role, names, written))
            continue
        keep: list[tuple[Written, str]] = []
        for w, a in zip(names, written):
            if _MARK.search(w.text) and _MARK.sub("", w.text):
                w, marked = Written(_MARK.sub("", w.text), w.separator, w.offset), True
                a = _MARK.sub("", a)
            else:
                marked = False
            (leads if marked and starred and role is not Role.LEAD_UNIT else keep).append((w, a))
        out.append((role, [w for w, _ in keep], [a for _, a in keep]))
    if leads:
        k = next((k for k, (role, _, _) in enumerate(out) if role is Role.LEAD_UNIT), None)
        if k is None:
            out.insert(0, (Role.LEAD_UNIT, [w for w, _ in leads], [a for _, a in leads]))
        else:
            role, names, written = out[k]
            out[k] = (role, names + [w for w, _ in leads], written + [a for _, a in leads])
    return [f for f in out if f[1] or f[0] not in _UNIT_ROLES]


def _leads_in_lists(fields: _Fields, first_listed: bool, starred: bool = False) -> _Fields:
    """Move units marked as leads inside another list (``市发改委牵头``, ``（牵头）``, ``市财政局★``
    where the plan says so, or the first listed when it says so) into a lead-unit field."""
    if _marked_or_verbed(fields):
        fields = _marks_dropped(_verbs_in_lists(fields), starred)
    has_lead = any(role is Role.LEAD_UNIT and names for role, names, _ in fields)
    if has_lead:
        return fields  # a lead unit is named: nothing moves
    out: _Fields = []
    moved: list[tuple[Written, str]] = []
    for role, names, written in fields:
        if role not in (Role.RESPONSIBLE_UNIT, Role.COOPERATING_UNIT) or has_lead:
            out.append((role, names, written))
            continue
        keep: list[tuple[Written, str]] = []
        for w, a in zip(names, written):
            # both patterns end in 牵头: most names are spared two searches
            m = (_LEADS_HERE.search(w.text) or LEAD_NOTE.search(w.text)) if "牵头" in w.text else None
            if m and len(w.text) > len(m.group(0)):
                cut = m.start()
                moved.append((Written(w.text[:cut].strip(), w.separator, w.offset), a[:cut].strip()))
                # "市财政局、市发改委牵头": the 、-joined names before it lead too; a mark in
                # brackets ("市税务局（牵头）") names the unit it follows alone.
                while keep and w.separator == "、" and keep[-1][0].separator != "，" and m.re is _LEADS_HERE:
                    moved.insert(len(moved) - 1, keep.pop())
                    if moved[-2][0].separator != "、":
                        break
            else:
                keep.append((w, a))
        out.append((role, [w for w, _ in keep], [a for _, a in keep]))
    if not moved and first_listed and not has_lead:
        for k, (role, names, written) in enumerate(out):
            if role is Role.RESPONSIBLE_UNIT and names:
                moved, out[k] = [(names[0], written[0])], (role, names[1:], written[1:])
                break
    if moved:
        out.insert(0, (Role.LEAD_UNIT, [w for w, _ in moved], [a for _, a in moved]))
    return out


def _numbering(tasks: list[Item]) -> list[Warning]:
    """Skipped, repeated and out-of-order task numbers; numbering may restart under each heading."""
    warnings: list[Warning] = []
    previous: dict[int, int] = {}
    seen: dict[int, set[int]] = {}
    parent_of: dict[int, int] = {}
    for item in tasks:
        if item.marker is None or (item.number not in (None, item.marker.number) and item.row is None):
            continue
        rank, value = item.marker.rank, item.marker.value
        parent = id(item.parent)
        if value == 1 and (parent_of.get(rank) != parent or previous.get(rank, 0) >= 2):
            previous[rank], seen[rank] = 0, set()
        parent_of[rank] = parent
        before = previous.get(rank, 0)
        numbers = seen.setdefault(rank, set())
        label = item.label
        if value in numbers:
            warnings.append(
                Warning("duplicate-number", f"task number {label} appears again", item.line, label)
            )
        elif value < before:
            warnings.append(Warning("out-of-order", f"task {label} follows task {before}", item.line, label))
        elif value > before + 1:
            missing = f"{before + 1}" if value == before + 2 else f"{before + 1}–{value - 1}"
            plural = "" if value == before + 2 else "s"
            warnings.append(
                Warning(
                    "missing-number",
                    f"task{plural} {missing} missing: task {label} follows task {before or 'none'}",
                    item.line,
                    label,
                )
            )
        numbers.add(value)
        previous[rank] = max(before, value)
    return warnings


def _assemble(
    doc: Document,
    drafts: list[_Draft],
    sections: list[Section],
    warnings: list[Warning],
    front: fm.FrontMatter,
    tail: list[Line],
    front_lines: list[Line],
    traditional: bool,
    title: str,
) -> Plan:
    occurrences: list[Occurrence] = []
    fields: dict[tuple[int, Role], list[Written]] = {}  # each task's names by role
    lists: dict[tuple[int, Role], NameList] = {}
    read: set[tuple[bool, tuple[str, ...]]] = set()  # the names pass 1 of resolution has read
    leader = Role.LEAD_LEADER
    for index, draft in enumerate(drafts):
        for role, names, written in draft.fields:
            if traditional:
                names = [Written(simplify_name(a), w.separator, w.offset) for w, a in zip(names, written)]
            spelled = tuple([w.text for w in names])
            key = (index, role)
            before = lists.get(key)
            if before is None:  # the common case: one field per role
                base = 0
                fields[key] = names
                separators = tuple([w.separator for w in names])
                lists[key] = NameList(role, spelled, separators, tuple(written))
            else:  # a role given twice ("牵头单位：…；牵头单位：…"): one list
                base = len(fields[key])
                fields[key] = fields[key] + names
                separators = tuple([w.separator for w in names])
                lists[key] = NameList(
                    role,
                    before.texts + spelled,
                    before.separators + separators,
                    before.written + tuple(written),
                )
            if (role is leader, spelled) in read:
                continue  # read before: nothing new for definitions and typos
            if not any(defines_group(text) for text in spelled):
                read.add((role is leader, spelled))
            for i, (w, a) in enumerate(zip(names, written)):
                occurrences.append(Occurrence(index, draft.line, role, base + i, w, a, draft.number))
    resolution = resolve(occurrences, fields, Counter(lists.values()))
    warnings = warnings + resolution.warnings
    tasks = []
    # Each distinct list of names becomes its assignments once, and its part of the digest once.
    assigned: dict[NameList, tuple[tuple[Assignment, ...], str]] = {}
    digested = []
    for index, d in enumerate(drafts):
        assignments: tuple[Assignment, ...] = ()
        pairs = []
        for role in _ROLES:
            name_list = lists.get((index, role))
            if name_list is None:
                continue
            found = assigned.get(name_list)
            if found is None:
                made = tuple(Assignment(role, party) for party in resolution.parties[name_list])
                shown = ", ".join(repr((role.value, a.party.name)) for a in made)
                found = assigned[name_list] = (made, shown)
            assignments += found[0]
            if found[0]:
                pairs.append(found[1])
        task = Task(
            index + 1,
            d.number,
            d.section,
            d.subsection,
            d.text,
            assignments,
            d.line,
            d.attribution,
            d.deadline,
        )
        tasks.append(task)
        digested.append(f"{task.number}|{task.text}|[{', '.join(pairs)}]")

    issuer = front.issuer.orig if front.issuer else None
    printed_line = next((ln for ln in tail if PRINTED.match(ln.text)), None)
    printed = PRINTED.match(printed_line.text) if printed_line else None
    office = printed_line.orig[: printed.end("office")] if printed and printed_line else None
    cc_lines, in_cc = [], False
    for ln in tail:
        if ln is printed_line:
            break
        in_cc = in_cc or bool(CC.match(ln.text))
        if in_cc:
            cc_lines.append(ln)
    cc_text = "".join(ln.orig for ln in cc_lines)
    cc = tuple(n.text for n in split_names(CC.sub("", cc_text).rstrip("。."))) if cc_text else ()
    texts = [ln.text for ln in front_lines[:60]] + [v for k, v in doc.meta if fm.META_NUMBER.search(k)]
    number = fm.document_number(texts)
    issuer = issuer or next((v for k, v in doc.meta if fm.META_ISSUER.search(k)), None)
    if issuer is None:
        for text in [doc.title or "", *(ln.text for ln in front_lines[:12])]:
            m = fm.ISSUER_IN_TITLE.match(text)
            if m:
                issuer = m.group("issuer")
                break
    jurisdiction = None
    for name in (issuer, office):
        jurisdiction = fm.jurisdiction_of(simplify_name(name) if name and traditional else name)
        if jurisdiction:
            break
    date = fm.parse_date(front.date.text) if front.date else None
    if date is None:
        date = next(
            (fm.parse_date(v[:10]) for k, v in doc.meta if fm.META_DATE.search(k) and fm.parse_date(v[:10])),
            None,
        )
    prefixes = "".join(
        p.name[0] for t in tasks for a in t.assignments if (p := a.party).kind is Kind.UNIT and p.name
    )
    level = fm.level_of(jurisdiction, prefixes)
    publication = fm.PUBLICATION.match(front.publication.text).group(1) if front.publication else None  # type: ignore[union-attr]
    for line in tail:
        if printed_line is not None and line.number > printed_line.number:
            warnings.append(
                Warning("trailing-text", f"text after the printing line: {line.text[:30]}", line.number)
            )
    styles = {d.style for d in drafts if d.style != "none"}
    style = "+".join(sorted(styles)) or "none"
    if any(d.inherited for d in drafts):
        style += "+headings"
    if traditional:
        style += "+traditional"
    digest = hashlib.sha256("\n".join(digested).encode()).hexdigest()[:16]
    return Plan(
        source=doc.source,
        title=title or (doc.title or ""),
        tasks=tuple(tasks),
        sections=tuple(sections),
        issuer=issuer,
        issued_by_office=office,
        date=date,
        printed=fm.parse_date(printed.group("date")) if printed else None,
        publication=publication,
        jurisdiction=jurisdiction,
        level=level,
        year=fm.year_of(title, date, number),
        document_number=number,
        cc=cc,
        notice="".join(ln.orig for ln in front.notice) or None,
        aliases=tuple(sorted(resolution.aliases.items())),
        typos=tuple(sorted(resolution.typos.items())),
        groups=tuple(Group(name, members) for name, members in resolution.groups.items()),
        layout=style,
        format=doc.format,
        encoding=doc.encoding,
        digest=digest,
        warnings=tuple(sorted(warnings, key=lambda w: (w.line or 0, w.code))),
    )


__all__ = ["parse_document", "parse_plan", "read_plan"]
