"""Finding the attribution at the end of a task and splitting it into roles and names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from taskgraph.model import Role
from taskgraph.parse.vocabulary import (
    CLOSERS,
    NAME_SEPARATORS,
    OPENERS,
    ROLE_LABEL,
    ROLE_LABELS,
)

# Brackets that can hold an attribution: "（牵头领导：丁卫东；牵头单位：县发展改革局；…）"
# (Shen County 2024, task 1); square and 〔〕 brackets when unit names have round ones.
ATTRIBUTION_OPENERS = "（(〔【["


@dataclass(frozen=True)
class Written:
    """A name as written in a list; ``separator`` is the character before it ('' for the first)."""

    text: str
    separator: str


@dataclass(frozen=True)
class Field:
    """One labelled field of an attribution: its role, its label and its names."""

    role: Role
    label: str
    names: tuple[Written, ...]


@dataclass(frozen=True)
class Attribution:
    """An attribution found in a task paragraph."""

    start: int  # index of its opening bracket in the paragraph
    end: int | None  # index after its closing bracket; None when it is cut off
    content: str
    fields: tuple[Field, ...]
    unlabelled: str  # text before the first label, which names no role


def _closing(text: str, start: int) -> int | None:
    depth = 0
    for i in range(start, len(text)):
        ch = text[i]
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth -= 1
            if depth == 0:
                return i + 1
    return None


def split_names(text: str) -> tuple[Written, ...]:
    """Split a list of names on 、，, (outside brackets), keeping each name's separator.

    Examples
    --------
    >>> [w.text for w in split_names("县政府有关部门〔单位〕，各镇人民政府〔街道办事处〕、县发改局")]
    ['县政府有关部门〔单位〕', '各镇人民政府〔街道办事处〕', '县发改局']
    """
    names: list[Written] = []
    depth, current, separator = 0, "", ""
    for ch in text:
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
        if depth == 0 and ch in NAME_SEPARATORS:
            if current.strip():
                names.append(Written(current.strip(), separator))
            current, separator = "", ch
            continue
        current += ch
    if current.strip(" 。.\t"):
        names.append(Written(current.strip().rstrip("。."), separator))
    return tuple(names)


def find_attribution(paragraph: str) -> Attribution | None:
    """Find the attribution in a task paragraph, or None when it has none.

    Examples
    --------
    >>> a = find_attribution("增长6%。（牵头领导：丁卫东；牵头单位：县财政局）")
    >>> [(f.role.value, [w.text for w in f.names]) for f in a.fields]
    [('lead_leader', ['丁卫东']), ('lead_unit', ['县财政局'])]
    """
    found = None
    depth = 0
    for i, ch in enumerate(paragraph):
        if ch in OPENERS:
            if depth == 0 and ch in ATTRIBUTION_OPENERS:
                end = _closing(paragraph, i)
                content = paragraph[i + 1 : (end - 1) if end else len(paragraph)]
                if _top_level_label(content):
                    found = i  # the last labelled bracket is the attribution; earlier ones are text
                if end is None:
                    break
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
    if found is None:
        return None
    start = found
    end = _closing(paragraph, start)
    content = paragraph[start + 1 : (end - 1) if end else len(paragraph)]
    fields, unlabelled = parse_fields(content)
    return Attribution(start, end, content, fields, unlabelled)


def _top_level_label(content: str) -> bool:
    depth = 0
    for i, ch in enumerate(content):
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
        elif depth == 0 and ROLE_LABEL.match(content, i):
            return True
    return False


def parse_fields(content: str) -> tuple[tuple[Field, ...], str]:
    """Split an attribution's content into labelled fields; return them and unlabelled text."""
    labels = []
    depth = 0
    top_level = []
    for i, ch in enumerate(content):
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
        top_level.append(depth == 0)
    for m in ROLE_LABEL.finditer(content):
        if top_level[m.start()] and (m.start() == 0 or content[m.start() - 1] in "；;，, 。\t"):
            labels.append(m)
    fields = []
    for k, m in enumerate(labels):
        stop = labels[k + 1].start() if k + 1 < len(labels) else len(content)
        body = content[m.end() : stop].strip().rstrip("；;，, ")
        fields.append(Field(ROLE_LABELS[m.group(1)], m.group(1), split_names(body)))
    head = content[: labels[0].start()] if labels else content
    return tuple(fields), head.strip().strip("；;，, ")
