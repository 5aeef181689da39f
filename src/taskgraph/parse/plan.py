"""From text to :class:`~taskgraph.model.Plan`: layout, attributions, names, warnings."""

from __future__ import annotations

import os
import re

from taskgraph.errors import ParseError
from taskgraph.model import Assignment, Group, Kind, Plan, Role, Section, Task, Warning
from taskgraph.parse.attribution import Written, find_attribution
from taskgraph.parse.layout import CC, PRINTED, PUBLICATION, TASK_START, Block, parse_date, split_layout
from taskgraph.parse.names import Occurrence, resolve
from taskgraph.parse.normalise import Line, normalise
from taskgraph.parse.reading import read_text

_WHITESPACE = re.compile(r"\s+")
# "莘县人民政府" -> "莘县"; "XX市人民政府办公室" -> "XX市"
_GOVERNMENT = re.compile(r"(人民政府办公室|人民政府办公厅|人民政府|政府办公室|政府办公厅|政府)$")


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


def parse_plan(text: str, source: str = "<string>", encoding: str = "utf-8") -> Plan:
    """Parse the text of a task allocation plan.

    Raises :class:`~taskgraph.errors.ParseError` when the text holds no numbered task;
    every recoverable oddity becomes a :class:`~taskgraph.model.Warning` on the plan.

    Examples
    --------
    >>> plan = parse_plan("一、目标\\n1.增长6%。（牵头领导：丁卫东；牵头单位：县财政局〔县国资局〕）")
    >>> task = plan.tasks[0]
    >>> task.section, task.text, task.lead_units[0].name, task.lead_units[0].as_written
    ('一、目标', '增长6%。', '县财政局', '县财政局〔县国资局〕')
    """
    lines = normalise(text)
    layout = split_layout(lines)
    tasks_blocks = [b for b in layout.blocks if b.kind == "task"]
    if not tasks_blocks:
        raise ParseError("no numbered task found (expected lines such as '1.…（牵头单位：…）')", source)
    warnings: list[Warning] = list(layout.warnings)

    # First pass over the tasks: text, attribution fields, and every written name.
    drafts = []
    occurrences: list[Occurrence] = []
    fields: dict[tuple[int, Role], list[Written]] = {}
    sections: list[tuple[int, str, list[str]]] = []
    section = subsection = None
    previous = 0
    seen: set[int] = set()
    for block in layout.blocks:
        if block.kind == "section":
            section, subsection = _heading(block), None
            sections.append((block.number, section, []))
            continue
        if block.kind == "subsection":
            subsection = _heading(block)
            if sections:
                sections[-1][2].append(subsection)
            else:
                sections.append((0, "", [subsection]))
            continue
        number, start = block.number, block.lines[0].number
        warnings.extend(_numbering(number, previous, seen, start))
        previous = max(previous, number)
        seen.add(number)
        paragraph = "".join(line.text for line in block.lines)
        paragraph = TASK_START.sub("", paragraph, count=1)
        offset = len(block.lines[0].text) - len(TASK_START.sub("", block.lines[0].text, count=1))
        attribution = find_attribution(paragraph)
        task_fields: list[tuple[Role, list[Written]]] = []
        written_attribution = None
        complete = attribution is not None and attribution.end is not None
        if attribution is None:
            body = paragraph
            warnings.append(Warning("no-attribution", f"task {number} has no attribution", start, number))
        else:
            body = paragraph[: attribution.start]
            attribution_line = _line_at(block.lines, attribution.start + offset)
            written_attribution = attribution.content
            if attribution.end is None:
                lost = ""
                cut = list(attribution.fields)
                if cut and cut[-1].names:
                    lost = cut[-1].names[-1].text
                    cut[-1] = type(cut[-1])(cut[-1].role, cut[-1].label, cut[-1].names[:-1])
                detail = f"; the last name '{lost}' may be incomplete and is left out" if lost else ""
                warnings.append(
                    Warning(
                        "attribution-cut-off",
                        f"the attribution of task {number} is cut off (no closing bracket){detail}",
                        attribution_line,
                        number,
                    )
                )
                attribution = type(attribution)(
                    attribution.start, None, attribution.content, tuple(cut), attribution.unlabelled
                )
            else:
                rest = paragraph[attribution.end :].strip("。；;，, ")
                if rest:
                    body = body + paragraph[attribution.end :]
                    warnings.append(
                        Warning(
                            "text-after-attribution",
                            f"task {number} has text after its attribution: {rest[:30]}",
                            _line_at(block.lines, attribution.end + offset),
                            number,
                        )
                    )
            if attribution.unlabelled:
                warnings.append(
                    Warning(
                        "unlabelled-names",
                        f"task {number}: '{attribution.unlabelled[:40]}' in the attribution has no "
                        "role label and is left out",
                        attribution_line,
                        number,
                    )
                )
            for f in attribution.fields:
                task_fields.append((f.role, list(f.names)))
        key_task = len(drafts)
        for role, names in task_fields:
            merged = fields.setdefault((key_task, role), [])
            base = len(merged)
            merged.extend(names)
            for i, w in enumerate(names):
                occurrences.append(Occurrence(key_task, start, role, base + i, w))
        drafts.append(
            (number, section, subsection, _WHITESPACE.sub("", body), start, written_attribution, complete)
        )

    resolution = resolve(occurrences, fields)
    warnings.extend(resolution.warnings)
    tasks = []
    for index, (number, sec, sub, body, start, written, complete) in enumerate(drafts):
        assignments = []
        for role in Role:
            for i, _ in enumerate(fields.get((index, role), [])):
                assignments.append(Assignment(role, resolution.parties[(index, role, i)]))
        task = Task(number, sec, sub, body, tuple(assignments), start, written)
        if complete and not task.lead_units:
            warnings.append(Warning("no-lead-unit", f"task {number} names no lead unit", start, number))
        tasks.append(task)

    issuer = layout.issuer.text if layout.issuer else None
    printed = PRINTED.match(layout.printed.text) if layout.printed else None
    office = printed.group("office") if printed else None
    cc_text = "".join(line.text for line in layout.cc)
    cc = tuple(n.text for n in _split_cc(CC.sub("", cc_text))) if cc_text else ()
    jurisdiction = None
    for name in (issuer, office):
        if name and _GOVERNMENT.search(name):
            jurisdiction = _GOVERNMENT.sub("", name)
            break
    publication = PUBLICATION.match(layout.publication.text).group(1) if layout.publication else None  # type: ignore[union-attr]
    for line in layout.trailer:
        warnings.append(Warning("trailing-text", f"text after the printing line: {line.text[:30]}", line.number))
    return Plan(
        source=source,
        title="".join(line.text for line in layout.title),
        tasks=tuple(tasks),
        sections=tuple(Section(n, t, tuple(subs)) for n, t, subs in sections),
        issuer=issuer,
        issued_by_office=office,
        date=parse_date(layout.date.text) if layout.date else None,
        printed=parse_date(printed.group("date")) if printed else None,
        publication=publication,
        jurisdiction=jurisdiction,
        cc=cc,
        notice="".join(line.text for line in layout.notice) or None,
        aliases=tuple(sorted(resolution.aliases.items())),
        typos=tuple(sorted(resolution.typos.items())),
        groups=tuple(Group(name, members) for name, members in resolution.groups.items()),
        layout="parenthesis",
        encoding=encoding,
        warnings=tuple(sorted(warnings, key=lambda w: (w.line or 0, w.task or 0))),
    )


def _split_cc(text: str) -> tuple[Written, ...]:
    from taskgraph.parse.attribution import split_names

    return split_names(text.rstrip("。."))


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
    text, encoding = read_text(path)
    return parse_plan(text, os.fspath(path), encoding)


__all__ = ["Kind", "parse_plan", "read_plan"]
