"""Finding the attribution of a task and splitting it into roles and names.

Three ways plans write it, tried in order on a task's paragraph:

1. a bracket with role labels at the end: ``（牵头领导：丁卫东；牵头单位：县财政局；责任单位：…）``;
2. labelled lines after the task: ``牵头单位：区发改局`` / ``责任单位：各街道，区直各部门``
   (found by :mod:`taskgraph.parse.plan`, parsed here with :func:`parse_fields`);
3. predicates: ``（市发展改革委负责）``, ``（市政府办公室、市数据局牵头，市级各有关部门按职责分工负责）``,
   or a closing sentence ``市教育局牵头，市人社局配合。``.

Every name keeps its offset in the paragraph, so that the caller can take the name as written
from the original text when the parser worked on a simplified copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from taskgraph.model import Role
from taskgraph.parse.vocabulary import (
    CLOSERS,
    JOINERS,
    NAME_SEPARATORS,
    OPENERS,
    PREDICATE,
    PREDICATE_LABEL,
    PREDICATE_ROLES,
    ROLE_LABEL,
    ROLE_LABELS,
    UNIT_SUFFIX,
)

# Brackets that can hold an attribution: "（牵头领导：丁卫东；牵头单位：县发展改革局；…）"
# (Shen County 2024, task 1); square and 〔〕 brackets when unit names have round ones.
ATTRIBUTION_OPENERS = "（(〔【["
_CLAUSE_SEPARATORS = "，,；;。"
_PREDICATE_FIELD = re.compile(PREDICATE_LABEL.pattern.lstrip("^"))


@dataclass(frozen=True)
class Written:
    """A name as written in a list; ``separator`` is the character before it ('' for the first),
    ``offset`` its position in the text it was split from (after the caller's ``base``)."""

    text: str
    separator: str
    offset: int = 0


@dataclass(frozen=True)
class Field:
    """One field of an attribution: its role, its label (or verb) and its names."""

    role: Role
    label: str
    names: tuple[Written, ...]


@dataclass(frozen=True)
class Attribution:
    """An attribution found in a task paragraph."""

    start: int  # index of its opening bracket (or first character) in the paragraph
    end: int | None  # index after its closing bracket; None when it is cut off
    content: str
    fields: tuple[Field, ...]
    unlabelled: str  # text before the first label, which names no role
    style: str = "parenthesis"  # parenthesis | labelled-lines | predicate


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


def looks_like_party(name: str) -> bool:
    """Whether a name reads as a unit or a collective (for predicates and 及).

    Examples
    --------
    >>> looks_like_party("市发展改革委"), looks_like_party("各有关部门"), looks_like_party("年内完成")
    (True, True, False)
    """
    from taskgraph.parse.names import is_collective

    name = re.sub(r"[（(〔【\[].*?[）)〕】\]]$", "", name.strip()).rstrip("等")
    return bool(name) and (bool(UNIT_SUFFIX.search(name)) or is_collective(name))


def split_names(text: str, base: int = 0) -> tuple[Written, ...]:
    """Split a list of names on 、，, (outside brackets), keeping each name's separator and offset.

    ``及`` joins two names when both sides read as units.

    Examples
    --------
    >>> [w.text for w in split_names("县政府有关部门〔单位〕，各镇人民政府〔街道办事处〕、县发改局")]
    ['县政府有关部门〔单位〕', '各镇人民政府〔街道办事处〕', '县发改局']
    >>> [(w.text, w.offset) for w in split_names("市教育局及各区县政府", base=10)]
    [('市教育局', 10), ('各区县政府', 15)]
    """
    names: list[Written] = []
    depth, start, separator = 0, 0, ""

    def add(end: int) -> None:
        piece = text[start:end]
        stripped = piece.strip().rstrip("。.")
        if stripped:
            offset = base + start + (len(piece) - len(piece.lstrip()))
            names.extend(_split_joined(stripped, separator, offset))

    for i, ch in enumerate(text):
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in NAME_SEPARATORS:
            add(i)
            start, separator = i + 1, ch
    add(len(text))
    return tuple(names)


def _split_joined(name: str, separator: str, offset: int) -> list[Written]:
    """``市教育局及各区县政府`` -> two names, when every part reads as a unit."""
    pieces, cursor = [], 0
    for m in JOINERS.finditer(name):
        pieces.append((name[cursor : m.start()], cursor))
        cursor = m.end()
    pieces.append((name[cursor:], cursor))
    if len(pieces) == 1 or not all(looks_like_party(p) for p, _ in pieces):
        return [Written(name, separator, offset)]
    return [Written(p, separator if k == 0 else "及", offset + at) for k, (p, at) in enumerate(pieces)]


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


def find_attribution(paragraph: str) -> Attribution | None:
    """Find a labelled attribution bracket in a task paragraph, or None when it has none.

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
    fields, unlabelled = parse_fields(content, start + 1)
    return Attribution(start, end, content, fields, unlabelled)


def parse_fields(content: str, base: int = 0, stops: tuple[int, ...] = ()) -> tuple[tuple[Field, ...], str]:
    """Split an attribution's content into labelled fields; return them and unlabelled text.

    ``stops`` are offsets in ``content`` where a field ends without a new one starting (a line
    ``完成时限：…`` after ``配合单位：…``).
    """
    labels = []
    depth = 0
    top_level = []
    for ch in content:
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
        top_level.append(depth == 0)
    # A label needs no separator before it: "牵头单位：市商务局 配合单位：…" loses its space in
    # normalisation, and a colon inside a list of names does not otherwise occur.
    for m in ROLE_LABEL.finditer(content):
        if top_level[m.start()]:
            labels.append(m)
    # "部门分工：市教育局牵头，市人社局配合" is a field written with predicates.
    labels += [m for m in _PREDICATE_FIELD.finditer(content) if top_level[m.start()]]
    labels.sort(key=lambda m: m.start())
    fields: list[Field] = []
    for k, m in enumerate(labels):
        stop = labels[k + 1].start() if k + 1 < len(labels) else len(content)
        stop = min([stop, *(x for x in stops if x > m.end())])
        body = content[m.end() : stop]
        trimmed = body.rstrip().rstrip("；;，, 。")
        if m.re is _PREDICATE_FIELD:
            fields.extend(parse_predicates(trimmed, base + m.end()) or ())
        else:
            fields.append(Field(ROLE_LABELS[m.group(1)], m.group(1), split_names(trimmed, base + m.end())))
    head = content[: labels[0].start()] if labels else content
    return tuple(fields), head.strip().strip("；;，, ")


def parse_predicates(content: str, base: int = 0) -> tuple[Field, ...] | None:
    """Read ``市政府办公室、市数据局牵头，市级各有关部门按职责分工负责`` as roles.

    Clauses are split on ，；。; each is names + a verb (牵头, 负责, 配合 …). ``负责`` alone marks
    the lead unit when no clause says ``牵头``. A clause without a verb or whose names do not
    read as units (``年内完成``) is a note and is skipped. None when no clause has a verb.

    Examples
    --------
    >>> fields = parse_predicates("市政府办公室、市数据局牵头，市级各有关部门按职责分工负责")
    >>> [(f.role.value, [w.text for w in f.names]) for f in fields]
    [('lead_unit', ['市政府办公室', '市数据局']), ('responsible_unit', ['市级各有关部门'])]
    >>> [(f.role.value, [w.text for w in f.names]) for f in parse_predicates("市发展改革委负责")]
    [('lead_unit', ['市发展改革委'])]
    """
    clauses, depth, start = [], 0, 0
    for i, ch in enumerate(content + "，"):
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in _CLAUSE_SEPARATORS:
            clauses.append((content[start:i], start))
            start = i + 1
    parsed = []
    for clause, at in clauses:
        stripped = clause.strip()
        m = PREDICATE.match(stripped)
        if not m:
            continue
        names = split_names(m.group("names"), base + at + (len(clause) - len(clause.lstrip())))
        names = tuple(w for w in names if w.text)
        if names and all(looks_like_party(w.text) for w in names):
            parsed.append((PREDICATE_ROLES[m.group("verb")], m.group("verb"), names))
    if not parsed:
        return None
    from taskgraph.parse.names import is_collective

    has_lead = any(kind == "lead" for kind, _, _ in parsed)
    fields = []
    for k, (kind, verb, names) in enumerate(parsed):
        if (
            kind == "responsible"
            and not has_lead
            and k == 0
            and not all(is_collective(w.text) for w in names)
        ):
            kind = "lead"  # "（市发展改革委负责）": the one in charge; "（各有关部门分别负责）" is not
        role = {
            "lead": Role.LEAD_UNIT,
            "responsible": Role.RESPONSIBLE_UNIT,
            "cooperating": Role.COOPERATING_UNIT,
        }[kind]
        fields.append(Field(role, verb, names))
    return tuple(fields)


def find_predicate_attribution(paragraph: str) -> Attribution | None:
    """A predicate attribution: the last top-level bracket that parses as predicates, or a
    closing sentence (after the last 。, or a ``部门分工：`` label) that does."""
    depth = 0
    candidates = []
    for i, ch in enumerate(paragraph):
        if ch in OPENERS:
            if depth == 0 and ch in ATTRIBUTION_OPENERS:
                candidates.append(i)
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
    for start in reversed(candidates):
        end = _closing(paragraph, start)
        if end is None:
            continue
        if paragraph[end:].strip("。；;，, "):
            continue  # only a bracket at the end of the task
        content = paragraph[start + 1 : end - 1]
        fields = parse_predicates(content, start + 1)
        if fields:
            return Attribution(start, end, content, fields, "", "predicate")
        break
    label = None
    for m in re.finditer(r"(部门分工|责任分工|任务分工|工作分工|分工)\s*[:：]", paragraph):
        label = m
    if label and PREDICATE_LABEL.match(paragraph[label.start() :]):
        content = paragraph[label.end() :]
        fields = parse_predicates(content, label.end())
        if fields:
            return Attribution(label.start(), len(paragraph), content, fields, "", "predicate")
    body = paragraph.rstrip("。 ")
    cut = max(body.rfind("。"), body.rfind("；"))
    if cut >= 0:
        content = paragraph[cut + 1 :]
        fields = parse_predicates(content, cut + 1)
        if fields and all(f.names for f in fields):
            return Attribution(cut + 1, len(paragraph), content, fields, "", "predicate")
    return None
