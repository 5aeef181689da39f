"""From text to :class:`~taskgraph.model.Plan`: layout, attributions, names, warnings."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from taskgraph.errors import ParseError
from taskgraph.model import Assignment, Group, Plan, Role, Section, Task, Warning
from taskgraph.parse.attribution import (
    Attribution,
    Written,
    find_attribution,
    find_predicate_attribution,
    parse_fields,
    split_names,
)
from taskgraph.parse.chinese import is_traditional, simplify_name
from taskgraph.parse.layout import (
    CC,
    PRINTED,
    PUBLICATION,
    TASK_PAREN,
    TASK_START,
    Block,
    Layout,
    parse_date,
    split_layout,
)
from taskgraph.parse.names import Occurrence, resolve
from taskgraph.parse.normalise import Line, normalise
from taskgraph.parse.vocabulary import (
    FIRST_LISTED_LEADS,
    LEAD_NOTE,
    LEADER_HEADING,
    LEADER_LINE,
    PREDICATE_LABEL,
    ROLE_LABEL,
)

_WHITESPACE = re.compile(r"\s+")
# "莘县人民政府" -> "莘县"; "XX市人民政府办公室" -> "XX市"
_GOVERNMENT = re.compile(r"(人民政府办公室|人民政府办公厅|人民政府|政府办公室|政府办公厅|政府)$")
# A line that starts with a key other than a role: "完成时限：2024年12月" ends the field before it.
OTHER_KEY = re.compile(r"^[\u4e00-\u9fff]{2,6}\s*[:：]")
# A header after a task that introduces notes, not tasks: "进展情况：1.完成规划编制。"
NOTES_HEADER = re.compile(r"^(进展情况|工作进展|完成情况|推进情况|进度安排|工作措施|具体措施|备注)[:：]")
# "市财政局、市发改委牵头" in a responsible list: these lead.
_LEADS_HERE = re.compile(r"(牵头负责|牵头)$")


@dataclass
class _Draft:
    """A task before its names are resolved."""

    number: int
    section: str | None
    subsection: str | None
    text: str
    line: int
    attribution: str | None
    complete: bool
    fields: list[tuple[Role, list[Written], list[str]]] = field(default_factory=list)
    style: str = "none"
    from_heading: bool = False  # its leader comes from a heading over it


def _line_at(lines: list[Line], offset: int) -> int:
    """The original line number of character ``offset`` of the joined ``lines``."""
    position = 0
    for line in lines:
        position += len(line.text)
        if offset < position:
            return line.number
    return lines[-1].number


def _heading(block: Block) -> str:
    return "".join(line.raw for line in block.lines).strip()


def _labelled_lines(block: Block, prefix: int) -> tuple[int, tuple[int, ...]] | None:
    """Offset (in the paragraph) of the first line after the first that starts with a role label,
    and the offsets of later lines that start with some other key (``完成时限：``)."""
    position = len(block.lines[0].text) - prefix
    start = None
    stops = []
    for line in block.lines[1:]:
        if ROLE_LABEL.match(line.text) or PREDICATE_LABEL.match(line.text):
            start = position if start is None else start
        elif start is not None and OTHER_KEY.match(line.text):
            stops.append(position - start)
        position += len(line.text)
    return None if start is None else (start, tuple(stops))


def _find(paragraph: str, block: Block, prefix: int) -> Attribution | None:
    """The task's attribution: a labelled bracket, labelled lines, or predicates."""
    found = find_attribution(paragraph)
    if found is not None:
        return found
    labelled = _labelled_lines(block, prefix)
    if labelled is not None:
        at, stops = labelled
        content = paragraph[at:]
        fields, unlabelled = parse_fields(content, at, stops)
        return Attribution(at, len(paragraph), content, fields, unlabelled, "labelled-lines")
    return find_predicate_attribution(paragraph)


def _leads_in_lists(
    fields: list[tuple[Role, list[Written]]], first_listed: bool
) -> list[tuple[Role, list[Written]]]:
    """Move units marked as leads inside another list (``市发改委牵头``, ``（牵头）``, or the first
    listed when the plan says so) into a lead-unit field."""
    has_lead = any(role is Role.LEAD_UNIT and names for role, names in fields)
    out: list[tuple[Role, list[Written]]] = []
    moved: list[Written] = []
    for role, names in fields:
        if role not in (Role.RESPONSIBLE_UNIT, Role.COOPERATING_UNIT) or has_lead:
            out.append((role, names))
            continue
        keep: list[Written] = []
        for w in names:
            m = _LEADS_HERE.search(w.text) or LEAD_NOTE.search(w.text)
            if m and len(w.text) > len(m.group(0)):
                moved.append(Written(w.text[: m.start()].strip(), w.separator, w.offset))
                # "市财政局、市发改委牵头": the 、-joined names before it lead too
                while keep and w.separator == "、" and keep[-1].separator != "，":
                    moved.insert(len(moved) - 1, keep.pop())
                    if moved[-2].separator != "、":
                        break
            else:
                keep.append(w)
        out.append((role, keep))
    if not moved and first_listed and not has_lead:
        for k, (role, names) in enumerate(out):
            if role is Role.RESPONSIBLE_UNIT and names:
                moved, out[k] = [names[0]], (role, names[1:])
                break
    if moved:
        out.insert(0, (Role.LEAD_UNIT, moved))
    return out


def parse_plan(text: str, source: str = "<string>", encoding: str = "utf-8") -> Plan:
    """Parse the text of a task allocation plan.

    Raises :class:`~taskgraph.errors.ParseError` when the text holds no task; every recoverable
    oddity becomes a :class:`~taskgraph.model.Warning` on the plan.

    Examples
    --------
    >>> plan = parse_plan("一、目标\\n1.增长6%。（牵头领导：丁卫东；牵头单位：县财政局〔县国资局〕）")
    >>> task = plan.tasks[0]
    >>> task.section, task.text, task.lead_units[0].name, task.lead_units[0].as_written
    ('一、目标', '增长6%。', '县财政局', '县财政局〔县国资局〕')
    """
    traditional = is_traditional(text)
    lines = normalise(text, traditional)
    layout = split_layout(lines)
    if not any(b.kind == "task" for b in layout.blocks):
        raise ParseError("no numbered task found (expected lines such as '1.…（牵头单位：…）')", source)
    first_listed = bool(FIRST_LISTED_LEADS.search("".join(line.text for line in lines)))
    drafts, sections, warnings = _drafts(layout, traditional, first_listed)
    return _assemble(layout, drafts, sections, warnings, source, encoding, traditional)


def _number_prefix(layout: Layout, text: str) -> int:
    pattern = {"numbered": TASK_START, "bracketed": TASK_PAREN}.get(layout.numbering)
    m = pattern.match(text) if pattern else None
    return m.end() if m else 0


def _drafts(
    layout: Layout, traditional: bool, first_listed: bool
) -> tuple[list[_Draft], list[tuple[int, str, list[str]]], list[Warning]]:
    warnings: list[Warning] = list(layout.warnings)
    drafts: list[_Draft] = []
    sections: list[tuple[int, str, list[str]]] = []
    section = subsection = None
    leaders: list[Written] = []  # from a leader heading, for the tasks under it
    previous = 0
    seen: set[int] = set()
    notes_open = False  # the last task ended with a notes header ("进展情况：")
    # For each task block, the numbers of the task blocks after it: a block whose number comes
    # again later is numbered notes when it has no attribution.
    tasks = [b for b in layout.blocks if b.kind == "task"]
    later = {id(b): {c.number for c in tasks[k + 1 :]} for k, b in enumerate(tasks)}
    for block in layout.blocks:
        if block.kind in ("section", "subsection", "leader"):
            title = _heading(block)
            heading_leaders = _heading_leaders(block)
            if block.kind == "section":
                section, subsection = title, None
                sections.append((block.number, section, []))
                leaders = heading_leaders
            elif block.kind == "subsection":
                subsection = title
                if sections:
                    sections[-1][2].append(subsection)
                else:
                    sections.append((0, "", [subsection]))
                leaders = heading_leaders or leaders
            else:
                leaders = heading_leaders
            continue
        number, start = block.number, block.lines[0].number
        prefix = _number_prefix(layout, block.lines[0].text)
        paragraph = "".join(line.text for line in block.lines)[prefix:]
        original = "".join(line.orig for line in block.lines)[prefix:]
        attribution = _find(paragraph, block, prefix)
        if (
            attribution is None
            and drafts
            and layout.numbering != "unnumbered"
            and (number <= previous or number in later.get(id(block), ()) or notes_open)
        ):
            warnings.append(
                Warning(
                    "notes",
                    f"numbered notes after task {drafts[-1].number} are not a task: {paragraph[:30]}",
                    start,
                    drafts[-1].number,
                )
            )
            continue
        notes_open = False
        if layout.numbering != "unnumbered":
            warnings.extend(_numbering(number, previous, seen, start))
        previous = max(previous, number)
        seen.add(number)
        draft = _Draft(number, section, subsection, "", start, None, False)
        if attribution is None:
            body = original
            warnings.append(Warning("no-attribution", f"task {number} has no attribution", start, number))
            fields: list[tuple[Role, list[Written]]] = []
        else:
            draft.style = attribution.style
            draft.complete = attribution.end is not None
            body = original[: attribution.start]
            draft.attribution = original[
                attribution.start + (1 if attribution.style == "parenthesis" else 0) : (
                    attribution.end - (1 if attribution.style == "parenthesis" else 0)
                )
                if attribution.end
                else len(original)
            ]
            at_line = _line_at(block.lines, attribution.start + prefix)
            fields = [(f.role, list(f.names)) for f in attribution.fields]
            if attribution.end is None:
                lost = ""
                if fields and fields[-1][1]:
                    lost = fields[-1][1].pop().text
                detail = f"; the last name '{lost}' may be incomplete and is left out" if lost else ""
                warnings.append(
                    Warning(
                        "attribution-cut-off",
                        f"the attribution of task {number} is cut off (no closing bracket){detail}",
                        at_line,
                        number,
                    )
                )
            else:
                rest = original[attribution.end :].strip("。；;，, ")
                if rest and NOTES_HEADER.match(rest):
                    notes_open = True
                    warnings.append(
                        Warning(
                            "notes",
                            f"notes after task {number} are not part of it: {rest[:30]}",
                            _line_at(block.lines, attribution.end + prefix),
                            number,
                        )
                    )
                elif rest:
                    body += original[attribution.end :]
                    warnings.append(
                        Warning(
                            "text-after-attribution",
                            f"task {number} has text after its attribution: {rest[:30]}",
                            _line_at(block.lines, attribution.end + prefix),
                            number,
                        )
                    )
            if attribution.unlabelled:
                warnings.append(
                    Warning(
                        "unlabelled-names",
                        f"task {number}: '{attribution.unlabelled[:40]}' in the attribution has no "
                        "role label and is left out",
                        at_line,
                        number,
                    )
                )
        fields = _leads_in_lists(fields, first_listed)
        if leaders and not any(role is Role.LEAD_LEADER for role, _ in fields):
            fields.insert(0, (Role.LEAD_LEADER, list(leaders)))
            draft.from_heading = True
        draft.text = _WHITESPACE.sub("", body)
        for role, names in fields:
            written = [_as_written(w, original, traditional) for w in names if w.text]
            draft.fields.append((role, [w for w, _ in written], [a for _, a in written]))
        drafts.append(draft)
    return drafts, sections, warnings


def _as_written(w: Written, original: str, traditional: bool) -> tuple[Written, str]:
    """The name to resolve (simplified, phrases included) and the name as the document writes it."""
    if w.offset < 0 or w.offset + len(w.text) > len(original):
        return w, w.text  # leader names from headings carry their own text
    as_written = original[w.offset : w.offset + len(w.text)]
    if not traditional:
        return w, as_written
    return Written(simplify_name(as_written), w.separator, w.offset), as_written


def _heading_leaders(block: Block) -> list[Written]:
    """Leaders named by a heading: "李明副市长牵头重点工作" or "分管市领导：李明、王强"."""
    text = "".join(line.text for line in block.lines)
    m = LEADER_HEADING.match(text)
    if m:
        return [Written(m.group("name"), "", -1)]
    m = LEADER_LINE.match(text)
    if m:
        return [Written(w.text, w.separator, -1) for w in split_names(m.group("names"))]
    return []


def _assemble(
    layout: Layout,
    drafts: list[_Draft],
    sections: list[tuple[int, str, list[str]]],
    warnings: list[Warning],
    source: str,
    encoding: str,
    traditional: bool,
) -> Plan:
    occurrences: list[Occurrence] = []
    fields: dict[tuple[int, Role], list[Written]] = {}
    for index, draft in enumerate(drafts):
        for role, names, written in draft.fields:
            merged = fields.setdefault((index, role), [])
            base = len(merged)
            merged.extend(names)
            for i, (w, a) in enumerate(zip(names, written)):
                occurrences.append(Occurrence(index, draft.line, role, base + i, w, a))
    resolution = resolve(occurrences, fields)
    warnings = warnings + resolution.warnings
    tasks = []
    for index, d in enumerate(drafts):
        assignments = []
        for role in Role:
            for i, _ in enumerate(fields.get((index, role), [])):
                assignments.append(Assignment(role, resolution.parties[(index, role, i)]))
        task = Task(d.number, d.section, d.subsection, d.text, tuple(assignments), d.line, d.attribution)
        if d.complete and not task.lead_units:
            warnings.append(Warning("no-lead-unit", f"task {d.number} names no lead unit", d.line, d.number))
        tasks.append(task)
    if layout.numbering == "unnumbered":
        warnings.append(
            Warning("unnumbered", f"the tasks are not numbered; they are numbered 1–{len(tasks)} in order")
        )

    issuer = layout.issuer.orig if layout.issuer else None
    printed = PRINTED.match(layout.printed.text) if layout.printed else None
    office = layout.printed.orig[: printed.end("office")] if printed and layout.printed else None
    cc_text = "".join(line.orig for line in layout.cc)
    cc = tuple(n.text for n in split_names(CC.sub("", cc_text).rstrip("。."))) if cc_text else ()
    jurisdiction = None
    for name in (issuer, office):
        if name and _GOVERNMENT.search(name):
            jurisdiction = _GOVERNMENT.sub("", simplify_name(name) if traditional else name)
            break
    publication = PUBLICATION.match(layout.publication.text).group(1) if layout.publication else None  # type: ignore[union-attr]
    for line in layout.trailer:
        warnings.append(
            Warning("trailing-text", f"text after the printing line: {line.text[:30]}", line.number)
        )
    styles = {d.style for d in drafts if d.style != "none"}
    style = "+".join(sorted(styles)) or "none"
    if any(d.from_heading for d in drafts):
        style += "+leader-headings"
    if layout.numbering != "numbered":
        style += f"+{layout.numbering}"
    if layout.tables:
        style += "+table"
    if traditional:
        style += "+traditional"
    return Plan(
        source=source,
        title="".join(line.orig for line in layout.title),
        tasks=tuple(tasks),
        sections=tuple(Section(n, t, tuple(subs)) for n, t, subs in sections),
        issuer=issuer,
        issued_by_office=office,
        date=parse_date(layout.date.text) if layout.date else None,
        printed=parse_date(printed.group("date")) if printed else None,
        publication=publication,
        jurisdiction=jurisdiction,
        cc=cc,
        notice="".join(line.orig for line in layout.notice) or None,
        aliases=tuple(sorted(resolution.aliases.items())),
        typos=tuple(sorted(resolution.typos.items())),
        groups=tuple(Group(name, members) for name, members in resolution.groups.items()),
        layout=style,
        encoding=encoding,
        warnings=tuple(sorted(warnings, key=lambda w: (w.line or 0, w.task or 0))),
    )


def _numbering(number: int, previous: int, seen: set[int], line: int) -> list[Warning]:
    if number in seen:
        return [Warning("duplicate-number", f"task number {number} appears again", line, number)]
    if number < previous:
        return [Warning("out-of-order", f"task {number} follows task {previous}", line, number)]
    if number > previous + 1:
        missing = f"{previous + 1}" if number == previous + 2 else f"{previous + 1}–{number - 1}"
        plural = "" if number == previous + 2 else "s"
        return [
            Warning(
                "missing-number",
                f"task{plural} {missing} missing: task {number} follows task {previous or 'none'}",
                line,
                number,
            )
        ]
    return []


def read_plan(path: str | os.PathLike[str]) -> Plan:
    """Read and parse a plan file (UTF-8, GB18030 or UTF-16, detected)."""
    from taskgraph.readers import read_bytes
    from taskgraph.readers.text import decode_bytes

    text, encoding = decode_bytes(read_bytes(path), os.fspath(path))
    return parse_plan(text, os.fspath(path), encoding)


__all__ = ["parse_plan", "read_plan"]
