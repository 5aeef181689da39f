"""Finding the attribution of a task and splitting it into roles and names.

The ways plans write it, tried in order on a task's paragraph:

1. a bracket of any kind with role labels: ``（牵头领导：丁卫东；牵头单位：县财政局；责任单位：…）``
   (Shen County 2024), ``〔牵头单位:区政府办公室,责任单位:…〕`` (Jinan Gangcheng 2021), or the
   same labels without a bracket after the task's last sentence;
2. labelled lines after the task: ``牵头单位：区发改局`` / ``责任单位：各街道，区直各部门``
   (found by :mod:`taskgraph.parse.outline`, read here with :func:`parse_fields`);
3. predicates: ``（市发展改革委负责）``, ``（市政府办公室、市数据局牵头，市级各有关部门按职责分工
   负责）``, or a closing sentence ``市教育局牵头，市人社局配合。`` / ``由市财政局负责落实。``.

Every name keeps its offset (in the paragraph, or in the attribution starting at its ``base``),
so that the caller can take the name as written from the original text when the parser worked on
a simplified copy. Every loop here is one pass over its text: a paragraph is never rescanned per
bracket (issue 14: quadratic time). Lists of names and attributions are read once per process
and remembered: a plan repeats them task after task (issue 12).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from taskgraph.model import Role
from taskgraph.parse.vocabulary import (
    CLOSERS,
    DEADLINE,
    FIRST_LISTED_LEADS,
    JOINERS,
    NAME_SEPARATORS,
    OPENERS,
    PERSON_NAME,
    POST_ONLY,
    PREDICATE,
    PREDICATE_LABEL,
    PREDICATE_ROLES,
    ROLE_LABEL,
    ROLE_LABELS,
    STANDING_NOTE,
    TITLE_ONLY,
    UNIT_SUFFIX,
)

# Brackets that can hold an attribution: "（牵头领导：丁卫东；…）" (Shen County 2024), 〔〕 and
# square brackets when unit names have round ones (Xianning Jiayu 2021, Jinan Gangcheng 2021).
ATTRIBUTION_OPENERS = "（(〔【[［"
_CLAUSE_SEPARATORS = "，,；;。"
_PREDICATE_FIELD = re.compile(PREDICATE_LABEL.pattern.lstrip("^"))
# What may close a labelled list and is no name: "等", "等按职责分工负责", "按职责分工负责".
_LABEL_TAIL = re.compile(
    r"(?<=[\u4e00-\u9fff）)〕])(?:等)?(?:(?:按照|按|根据|依据)(?:职能职责|职责职能|职能|职责)(?:分工)?"
    r"(?:负责落实|负责|落实|抓好落实)?|(?<=等)(?:负责|配合|落实))?$"
    r"|(?<=[\u4e00-\u9fff）)〕])等$"
)
# "和" joins two parties when both read as parties: "市教育局和市人社局"; never inside a name
# such as "市文化和旅游局" (one side is no party) or "省发展和改革委员会".
_AND = re.compile(r"和|与|同")
# A unit that names its place or its kind first: "市人社局", "各镇", "国家税务总局", "中共…".
_PLACED = re.compile(r"[省市县区州旗镇乡各]|国家|中央|中共|自治")
# A bracket at the end of a name: "县发改局(粮食局)", "市税务局（列第一位者为…，下同）".
_TRAILING_BRACKET = re.compile(r"[（(〔【\[［〈《][^（(〔【\[［〈《]*[）)〕】\]］〉》]$")
# A name that is only punctuation or a note: "（下同）", "等", "。".
_NOT_A_NAME = re.compile(r"^[\s\W_等]*$")
# Other keys at a clause boundary, which end the field before them: "；完成时限：2024年12月底",
# "  备注:" (Guangzhou 2019).
_OTHER_KEY = re.compile(r"(?:^|(?<=[；;，,。\s]))([\u4e00-\u9fff]{2,8})\s*[:：]")
# Keys whose value is the task's deadline: "完成时限：2024年12月底".
DEADLINE_KEYS = frozenset(
    {"完成时限", "时限要求", "时间节点", "完成时间", "时限", "时间要求", "完成期限", "时间安排"}
)


class Written(NamedTuple):
    """A name as written in a list; ``separator`` is the character before it ('' for the first),
    ``offset`` its position in the text it was split from (after the caller's ``base``).

    A named tuple rather than a frozen dataclass: a plan makes one for every name it lists, and a
    tuple is built in half the time (issue 12)."""

    text: str
    separator: str
    offset: int = 0


@dataclass(frozen=True, slots=True)
class Field:
    """One field of an attribution: its role, its label (or verb) and its names."""

    role: Role
    label: str
    names: tuple[Written, ...]


@dataclass(frozen=True, slots=True)
class Attribution:
    """An attribution found in a task paragraph."""

    start: int  # index of its opening bracket (or first character) in the paragraph
    end: int | None  # index after its closing bracket; None when it is cut off
    content: str
    fields: tuple[Field, ...]
    unlabelled: str  # text before the first label, which names no role
    # parenthesis (labels in a bracket) | labels (labels after the text) | labelled-lines |
    # predicate (verbs in a bracket) | division (a 部门分工： label) | sentence (a closing sentence) | table
    style: str = "parenthesis"
    deadline: str | None = None
    base: int = 0  # where the names' offsets count from in the paragraph


# Every bracket character: the depth of a text is read from these alone, in one regex scan.
_BRACKET = re.compile("[" + re.escape(OPENERS + CLOSERS) + "]")
# What splits a list of names: a separator, or a bracket that hides the separators inside it
# ("县政府有关部门〔单位〕，各镇人民政府〔街道办事处〕").
_LIST_MARK = re.compile("[" + re.escape(OPENERS + CLOSERS + NAME_SEPARATORS) + "]")


class Brackets:
    """The bracket structure of a text, from one scan of its bracket characters.

    A closer with no bracket open is ignored, so the depth never goes below zero. A text without
    brackets costs one failed regex search; every query is a binary search over the brackets,
    never a pass over the characters (issue 12: three Python passes over every character of every
    paragraph were the parser's largest cost).

    Examples
    --------
    >>> b = Brackets("甲（乙〔丙〕）丁")
    >>> [b.depth(i) for i in (0, 2, 4, 7)], b.top(4), b.closing(1)
    ([0, 1, 2, 0], 1, 7)
    """

    __slots__ = ("_depths", "_positions", "_tops", "closings")

    def __init__(self, text: str) -> None:
        positions: list[int] = []
        depths: list[int] = []
        tops: list[int] = []
        closings: dict[int, int] = {}
        stack: list[int] = []
        for m in _BRACKET.finditer(text):
            i = m.start()
            if m.group() in OPENERS:
                stack.append(i)
            elif stack:
                closings[stack.pop()] = i + 1
            else:
                continue  # a closer with nothing open changes nothing
            positions.append(i)
            depths.append(len(stack))
            tops.append(stack[0] if stack else -1)
        self._positions, self._depths, self._tops, self.closings = positions, depths, tops, closings

    def depth(self, i: int) -> int:
        """The number of brackets open before character ``i`` (``i`` itself not counted)."""
        k = bisect_left(self._positions, i)
        return self._depths[k - 1] if k else 0

    def top(self, i: int) -> int:
        """The index of the top-level bracket that character ``i`` stands in, or -1."""
        k = bisect_left(self._positions, i)
        return self._tops[k - 1] if k else -1

    def closing(self, opener: int) -> int | None:
        """The index after the bracket that closes the one opened at ``opener``, or None."""
        return self.closings.get(opener)


def looks_like_party(name: str) -> bool:
    """Whether a name reads as a unit or a collective (for predicates, 及 and spaces).

    Examples
    --------
    >>> looks_like_party("市发展改革委"), looks_like_party("各有关部门"), looks_like_party("年内完成")
    (True, True, False)
    """
    from taskgraph.parse.names import is_collective

    name = _TRAILING_BRACKET.sub("", name.strip()).rstrip("等")
    if not name or DEADLINE.match(name) or len(name) > 40:
        return False
    return bool(UNIT_SUFFIX.search(name)) or is_collective(name)


def _is_note(text: str) -> bool:
    return bool(STANDING_NOTE.search(text))


def split_names(text: str, base: int = 0, persons: bool = False) -> tuple[Written, ...]:
    """Split a list of names on 、，,；; (outside brackets), keeping each name's separator and offset.

    ``及`` and ``和`` join two names when both sides read as parties; a space separates names when
    every part reads as a party (or, with ``persons``, as a personal name); a standing note in
    brackets (``（列第一位者为牵头单位，下同）``) is no name and is dropped.

    Examples
    --------
    >>> [w.text for w in split_names("县政府有关部门〔单位〕，各镇人民政府〔街道办事处〕、县发改局")]
    ['县政府有关部门〔单位〕', '各镇人民政府〔街道办事处〕', '县发改局']
    >>> [(w.text, w.offset) for w in split_names("市教育局及各区县政府", base=10)]
    [('市教育局', 10), ('各区县政府', 15)]
    >>> [w.text for w in split_names("市发改委 市财政局、市税务局（列第一位者为牵头单位，下同）")]
    ['市发改委', '市财政局', '市税务局']
    """
    names = _split_list(text, persons) if len(text) <= _REMEMBERED_LIST else _split(text, persons)
    if not base:
        return names
    return tuple([Written(w.text, w.separator, w.offset + base) for w in names])


# Lists up to this length are split once per process: plans repeat them task after task
# (Shen County 2024 ends 85 of its 92 attributions with one of two responsible lists).
_REMEMBERED_LIST = 400


@lru_cache(maxsize=8192)
def _split_list(text: str, persons: bool) -> tuple[Written, ...]:
    """:func:`_split`, remembered."""
    return _split(text, persons)


def _split(text: str, persons: bool) -> tuple[Written, ...]:
    """:func:`split_names` at offset 0."""
    names: list[Written] = []
    start, separator = 0, ""

    def add(end: int) -> None:
        piece = text[start:end]
        stripped = piece.strip().rstrip("。.")
        if not stripped:
            return
        offset = start + (len(piece) - len(piece.lstrip()))
        for name, written_after, at in _names_in(stripped, separator, persons):
            names.append(Written(name, written_after, offset + at))

    depth = 0
    for m in _LIST_MARK.finditer(text):
        ch = m.group()
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
        elif depth == 0:
            i = m.start()
            add(i)
            start, separator = i + 1, ch
    add(len(text))
    if persons and len(names) > 1:
        return _posts_joined(text, names)
    return tuple(names)


def _posts_joined(text: str, names: list[Written]) -> tuple[Written, ...]:
    """A post alone ("县委常委") joined to the leader after it ("副县长 刘建华"): one person."""
    out: list[Written] = []
    k = 0
    while k < len(names):
        w = names[k]
        if POST_ONLY.match(w.text) and k + 1 < len(names):
            after = names[k + 1]
            out.append(Written(text[w.offset : after.offset + len(after.text)], w.separator, w.offset))
            k += 2
            continue
        if out and TITLE_ONLY.match(w.text) and POST_ONLY.match(out[-1].text.split(" ")[-1]):
            # "刘建平 区委常委、常务副区长" (a name, then its posts, in a cell): one person
            before = out.pop()
            out.append(Written(text[before.offset : w.offset + len(w.text)], before.separator, before.offset))
            k += 1
            continue
        out.append(w)
        k += 1
    return tuple(out)


@lru_cache(maxsize=16384)
def _names_in(piece: str, separator: str, persons: bool) -> tuple[tuple[str, str, int], ...]:
    """The names in one piece of a list (between two separators), as (text, separator, offset):
    split at spaces, joiners or fused leaders' names, notes left out. Remembered: a plan names the
    same units again and again, in lists that differ."""
    names: list[Written] = []
    for w in _split_spaces(piece, separator, 0, persons):
        names.extend(_split_fused(w) if persons else _split_joined(w))
    return tuple((w.text, w.separator, w.offset) for w in _without_notes(names))


def _without_notes(names: list[Written]) -> list[Written]:
    out = []
    for w in names:
        text = w.text
        m = _TRAILING_BRACKET.search(text)
        if m and _is_note(m.group()):
            text = text[: m.start()].rstrip()
        if _NOT_A_NAME.match(text) or (_is_note(text) and not looks_like_party(text)) or _listed_first(text):
            continue
        out.append(Written(text, w.separator, w.offset) if text != w.text else w)
    return out


def _listed_first(text: str) -> bool:
    """Whether a "name" is the plan's note that the first listed leads: "列第一位的为牵头单位"."""
    m = FIRST_LISTED_LEADS.match(text) if "牵头" in text else None
    return m is not None and m.end() >= len(text) - 2


def _split_spaces(name: str, separator: str, offset: int, persons: bool) -> list[Written]:
    """``市发改委 市财政局`` (a table cell) or ``区发改局/区商务局`` -> two names, when every part
    reads as a party."""
    slash = "/" if "/" in name else ("\uff0f" if "\uff0f" in name else None)
    if slash and " " not in name:
        pieces = name.split(slash)
        if len(pieces) > 1 and all(looks_like_party(p) for p in pieces):
            out, cursor = [], 0
            for k, p in enumerate(pieces):
                out.append(Written(p, separator if k == 0 else slash, offset + cursor))
                cursor += len(p) + 1
            return out
        return [Written(name, separator, offset)]
    if " " not in name:
        return [Written(name, separator, offset)]
    parts, cursor = [], 0
    for part in name.split(" "):
        if part:
            parts.append((part, cursor))
        cursor += len(part) + 1
    if persons and any(TITLE_ONLY.match(p) for p, _ in parts):
        parts = _with_titles(name, parts)
        if all(PERSON_NAME.match(p) or TITLE_ONLY.match(p.split(" ")[0]) or TITLE_ONLY.match(p.split(" ")[-1])
               for p, _ in parts):  # fmt: skip
            return [Written(p, separator if k == 0 else " ", offset + at) for k, (p, at) in enumerate(parts)]
        return [Written(name, separator, offset)]
    fits = _person if persons else looks_like_party
    if len(parts) < 2 or not all(fits(p) for p, _ in parts):
        return [Written(name, separator, offset)]
    return [Written(p, separator if k == 0 else " ", offset + at) for k, (p, at) in enumerate(parts)]


def titled_person(text: str) -> re.Match[str] | None:
    """A leader's name with posts and titles around it ("县委常委、副县长 刘建华", "刘建华（副县长）"),
    its ``name`` group the name; None when the text is no such thing."""
    from taskgraph.parse.vocabulary import PERSON_WITH_TITLE, TITLE_THEN_PERSON

    return TITLE_THEN_PERSON.match(text) or PERSON_WITH_TITLE.match(text)


def _person(text: str) -> bool:
    """A leader's name, alone or with a title: "刘洋", "刘洋（管委会副主任）" (two in one cell)."""
    return bool(PERSON_NAME.match(text) or titled_person(text))


def _with_titles(name: str, parts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Leaders' names and their titles, spaced, as one part each: "副市长 李建华" before the name
    when the list starts with a title, "周永强 副区长" or "周永强 （副区长）" after it otherwise."""
    before = bool(TITLE_ONLY.match(parts[0][0]))
    out: list[tuple[str, int]] = []
    pending: int | None = None  # where a title waiting for its name starts
    for part, at in parts:
        title = bool(TITLE_ONLY.match(part))
        if before and title:
            pending = at if pending is None else pending
        elif before:
            start = at if pending is None else pending
            out.append((name[start : at + len(part)], start))
            pending = None
        elif title and out:
            start = out[-1][1]
            out[-1] = (name[start : at + len(part)], start)
        else:
            out.append((part, at))
    if pending is not None:
        out.append((name[pending:].rstrip(), pending))
    return out


def _split_fused(w: Written) -> list[Written]:
    """Leaders written together in one cell: "李明副市长王强副市长", "王东李明" -> two names.

    A run is split only where each part reads as a name (two or three characters from a common
    surname, or a name with its title), never inside a compound surname (欧阳明华).
    """
    from taskgraph.parse.vocabulary import COMPOUND_SURNAMES, SURNAMES, TITLES

    text = w.text
    titled = list(re.finditer(rf"[\u4e00-\u9fff·]{{2,4}}?(?:{TITLES})", text))
    if len(titled) > 1 and "".join(m.group() for m in titled) == text:
        return [
            Written(m.group(), w.separator if k == 0 else "", w.offset + m.start())
            for k, m in enumerate(titled)
        ]
    if (
        not (4 <= len(text) <= 9)
        or not all("\u4e00" <= ch <= "\u9fff" for ch in text)
        or text.startswith(COMPOUND_SURNAMES)
    ):
        return [w]
    cuts = [
        (k) for k in (2, 3) if text[k : k + 1] in SURNAMES and text[0] in SURNAMES and 2 <= len(text) - k <= 6
    ]
    for k in cuts:
        rest = (
            _split_fused(Written(text[k:], "", w.offset + k))
            if len(text) - k > 3
            else [Written(text[k:], "", w.offset + k)]
        )
        if all(2 <= len(r.text) <= 3 for r in rest):
            return [Written(text[:k], w.separator, w.offset), *rest]
    return [w]


def _split_joined(w: Written) -> list[Written]:
    """``市教育局及各区县政府`` -> two names, when every part reads as a party."""
    name = w.text
    for joiner in (JOINERS, _AND):
        pieces, cursor = [], 0
        for m in joiner.finditer(name):
            pieces.append((name[cursor : m.start()], cursor, m.group()))
            cursor = m.end()
        if not pieces:
            continue
        pieces.append((name[cursor:], cursor, ""))
        # 和/与/同 also join the words of one name ("国有林场和种苗管理司", "工业和信息化局"):
        # they part two units only when each after the first names its own place ("市教育局和市人社局")
        if joiner is _AND and not all(_PLACED.match(p) for p, _, _ in pieces[1:]):
            continue
        if all(looks_like_party(p) for p, _, _ in pieces):
            out = []
            for k, (p, at, _) in enumerate(pieces):
                out.append(Written(p, w.separator if k == 0 else pieces[k - 1][2], w.offset + at))
            return out
    return [w]


def find_attribution(paragraph: str) -> Attribution | None:
    """Find a labelled attribution in a task paragraph, or None when it has none.

    The last top-level bracket whose content holds a role label is the attribution (earlier ones
    are part of the text); failing that, role labels written without a bracket after the task's
    last sentence (``…。牵头单位：市发改委；责任单位：…``).

    Examples
    --------
    >>> a = find_attribution("增长6%。（牵头领导：丁卫东；牵头单位：县财政局）")
    >>> [(f.role.value, [w.text for w in f.names]) for f in a.fields]
    [('lead_leader', ['丁卫东']), ('lead_unit', ['县财政局'])]
    >>> find_attribution("增长6%。牵头单位：县财政局").fields[0].names[0].text
    '县财政局'
    """
    labels = list(ROLE_LABEL.finditer(paragraph))
    if not labels:
        return None
    brackets = Brackets(paragraph)
    # A label directly inside a top-level bracket (depth 1) makes that bracket an attribution; the
    # last such bracket wins, and it is nearly always at the end: look from there.
    for m in reversed(labels):
        at = m.start()
        if brackets.depth(at) == 1 and paragraph[opener := brackets.top(at)] in ATTRIBUTION_OPENERS:
            end = brackets.closing(opener)
            content = paragraph[opener + 1 : (end - 1) if end else len(paragraph)]
            fields, unlabelled, deadline = _fields_in(content)
            earlier = (
                _earlier_brackets(paragraph, brackets, labels, opener) if labels[0].start() < opener else ()
            )
            if earlier:
                # "…稳中有增。（牵头单位：省财政厅）开展…活动。（牵头单位：省商务厅）": every bracket's
                # names, offsets counted from the paragraph
                here = tuple(Field(f.role, f.label, _moved(f.names, opener + 1)) for f in fields)
                return Attribution(
                    opener, end, content, (*earlier, *here), unlabelled, "parenthesis", deadline, 0
                )
            return Attribution(opener, end, content, fields, unlabelled, "parenthesis", deadline, opener + 1)
    # Labels without a bracket, after the last sentence: "…。牵头单位：市发改委"
    for m in labels:
        at = m.start()
        if brackets.depth(at) == 0 and (at == 0 or paragraph[at - 1] in "。；;．.！!？? "):
            content = paragraph[at:]
            fields, unlabelled, deadline = _fields_in(content)
            return Attribution(at, len(paragraph), content, fields, unlabelled, "labels", deadline, at)
    return None


def _moved(names: tuple[Written, ...], by: int) -> tuple[Written, ...]:
    return tuple(Written(w.text, w.separator, w.offset + by) for w in names)


def _earlier_brackets(
    paragraph: str, brackets: Brackets, labels: list[re.Match[str]], last: int
) -> tuple[Field, ...]:
    """The fields of the labelled brackets before the one at ``last`` (the State Council's and
    provinces' way: a bracket after several sentences of one task), offsets from the paragraph."""
    openers = sorted(
        {
            opener
            for m in labels
            if brackets.depth(m.start()) == 1
            and (opener := brackets.top(m.start())) < last
            and paragraph[opener] in ATTRIBUTION_OPENERS
            and brackets.closing(opener) is not None
        }
    )
    out: list[Field] = []
    for opener in openers:
        end = brackets.closing(opener)
        assert end is not None
        fields, _, _ = _fields_in(paragraph[opener + 1 : end - 1])
        out.extend(Field(f.role, f.label, _moved(f.names, opener + 1)) for f in fields)
    return tuple(out)


def parse_fields(
    content: str, base: int = 0, stops: tuple[int, ...] = ()
) -> tuple[tuple[Field, ...], str, str | None]:
    """Split an attribution's content into labelled fields; return them, unlabelled text and a deadline.

    ``stops`` are offsets in ``content`` where a field ends without a new one starting (a line
    ``完成时限：…`` after ``配合单位：…``). A key that is no role (``完成时限：2024年底``) ends
    the field before it too; a deadline key gives the deadline.

    Examples
    --------
    >>> fields, _, deadline = parse_fields("牵头单位：县财政局；完成时限：2024年12月底")
    >>> [w.text for w in fields[0].names], deadline
    (['县财政局'], '2024年12月底')
    """
    if stops:
        return _parse_fields(content, base, stops)
    fields, unlabelled, deadline = _fields_in(content)
    if base:
        fields = tuple(
            Field(f.role, f.label, tuple([Written(w.text, w.separator, w.offset + base) for w in f.names]))
            for f in fields
        )
    return fields, unlabelled, deadline


# Attributions up to this length are read once per process: plans repeat them ("牵头领导：丁卫东；
# 牵头单位：县发展改革局；责任单位：县政府有关部门〔单位〕，各镇人民政府〔街道办事处〕").
_REMEMBERED_CONTENT = 600


def _fields_in(content: str) -> tuple[tuple[Field, ...], str, str | None]:
    """:func:`parse_fields` at offset 0 (remembered, unless the content is long)."""
    return _fields_of(content) if len(content) <= _REMEMBERED_CONTENT else _parse_fields(content, 0, ())


@lru_cache(maxsize=8192)
def _fields_of(content: str) -> tuple[tuple[Field, ...], str, str | None]:
    """:func:`parse_fields` at offset 0, remembered."""
    return _parse_fields(content, 0, ())


def _parse_fields(
    content: str, base: int, stops: tuple[int, ...]
) -> tuple[tuple[Field, ...], str, str | None]:
    """:func:`parse_fields`, read afresh."""
    brackets = Brackets(content)
    marks: list[tuple[int, int, str]] = []  # (start, end of label, kind)
    for m in ROLE_LABEL.finditer(content):
        if brackets.depth(m.start()) == 0:
            marks.append((m.start(), m.end(), "role"))
    if "分工" in content:  # in every predicate label
        for m in _PREDICATE_FIELD.finditer(content):
            if brackets.depth(m.start()) == 0:
                marks.append((m.start(), m.end(), "predicate"))
    if not _only_role_keys(content, marks):
        taken = {start for start, _, _ in marks}
        for m in _OTHER_KEY.finditer(content):
            at = m.start(1)
            if brackets.depth(at) == 0 and at not in taken and not _inside(at, marks):
                marks.append((at, m.end(), "other"))
    marks.sort()
    fields: list[Field] = []
    deadline = None
    for k, (at, label_end, kind) in enumerate(marks):
        stop = marks[k + 1][0] if k + 1 < len(marks) else len(content)
        if stops:
            stop = min([stop, *(x for x in stops if x > label_end)])
        body = content[label_end:stop]
        trimmed = body.rstrip().rstrip(
            "；;，, 。\uff5c|"
        )  # "牵头单位：区科技局\uff5c责任单位：…" (a full-width bar)
        label = content[at:label_end].rstrip(":： ")
        if kind == "predicate":
            fields.extend(parse_predicates(trimmed, base + label_end) or ())
        elif kind == "role":
            role = ROLE_LABELS[label.strip()]
            # "分管省领导：王立群；省发展改革委牵头，省统计局等按职责分工负责": predicates after the
            # label's names, past a semicolon, are fields of their own
            after = _predicates_after(trimmed, brackets, label_end, base)
            if after is not None:
                trimmed, predicates = after
            # "责任单位：市发改委、人行市中心支行等按职责分工负责" / "…、市农业农村局等": the label says
            # the role; the closing 等 and the predicate after it are no part of the last name
            trimmed = _LABEL_TAIL.sub("", trimmed)
            names = split_names(trimmed, base + label_end, persons=role is Role.LEAD_LEADER)
            fields.append(Field(role, label, tuple(w for w in names if not _deadline(w.text))))
            if after is not None:
                fields.extend(predicates)
        elif label.strip() in DEADLINE_KEYS:
            deadline = trimmed.strip() or None
    head = content[: marks[0][0]] if marks else content
    if marks and head.strip():
        # "省发展改革委牵头，省统计局等按职责分工负责；分管省领导：马建军": predicates before the labels
        before = parse_predicates(head.rstrip().rstrip("；;，, 。"), base, strict=True)
        if before:
            return (*before, *fields), "", deadline
    return tuple(fields), head.strip().strip("；;，, "), deadline


def _predicates_after(
    body: str, brackets: Brackets, at: int, base: int
) -> tuple[str, tuple[Field, ...]] | None:
    """A labelled field's names and the predicates after them past a semicolon, when the rest reads
    as predicates only: "王立群；省发展改革委牵头，省统计局等按职责分工负责"."""
    for k, ch in enumerate(body):
        if ch in "；;。" and brackets.depth(at + k) == 0:
            rest = body[k + 1 :]
            skip = len(rest) - len(rest.lstrip())
            inner = rest.strip()
            if inner[:1] in "（(" and inner[-1:] in "）)":
                inner, skip = inner[1:-1], skip + 1  # "分管领导：X。（Y牵头，Z配合）"
            predicates = parse_predicates(inner.rstrip("。"), base + at + k + 1 + skip, strict=True)
            return (body[:k], predicates) if predicates else None
    return None


def _only_role_keys(content: str, marks: list[tuple[int, int, str]]) -> bool:
    """Whether every colon of ``content`` ends a role label that starts a clause, so that no other
    key can be there: "牵头领导：丁卫东；牵头单位：县财政局". A key ends at a colon, and one that
    ended at a label's colon would start inside the label, or before it in a run of characters
    that a clause boundary breaks."""
    return content.count("：") + content.count(":") == len(marks) and all(
        kind == "role" and (at == 0 or content[at - 1] in "；;，,。" or content[at - 1].isspace())
        for at, _, kind in marks
    )


def _inside(position: int, marks: list[tuple[int, int, str]]) -> bool:
    return any(start <= position < end for start, end, _ in marks)


@lru_cache(maxsize=16384)
def _deadline(name: str) -> bool:
    return bool(DEADLINE.match(name)) and not looks_like_party(name)


def parse_predicates(
    content: str, base: int = 0, strict: bool = False, promote: bool = True
) -> tuple[Field, ...] | None:
    """Read ``市政府办公室、市数据局牵头，市级各有关部门按职责分工负责`` as roles.

    Clauses are split on ，；。; each is names + a verb (牵头, 负责, 配合 …), optionally after
    ``由`` (``由市财政局负责落实``). ``负责`` alone marks the lead unit when no clause says
    ``牵头``. A clause without a verb or whose names do not read as units (``年内完成``) is a
    note and is skipped (with ``strict``, such a clause makes the whole no attribution). None
    when no clause has a verb. ``promote`` False leaves ``负责`` as written (the caller weighs
    several brackets together).

    Examples
    --------
    >>> fields = parse_predicates("市政府办公室、市数据局牵头，市级各有关部门按职责分工负责")
    >>> [(f.role.value, [w.text for w in f.names]) for f in fields]
    [('lead_unit', ['市政府办公室', '市数据局']), ('responsible_unit', ['市级各有关部门'])]
    >>> [(f.role.value, [w.text for w in f.names]) for f in parse_predicates("这项工作由县民政局负责")]
    [('lead_unit', ['县民政局'])]
    """
    from taskgraph.parse.names import is_collective

    clauses, depth, start = [], 0, 0
    for i, ch in enumerate(content + "，"):
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in _CLAUSE_SEPARATORS:
            clauses.append((content[start:i], start))
            start = i + 1
    parsed: list[tuple[Role, str, tuple[Written, ...]]] = []
    # Units with no verb of their own take the next clause's: "省工业和信息化厅、省公安厅，各市县
    # 政府负责" (Guangdong's lists of 省直 departments, then the cities).
    pending: tuple[Written, ...] = ()
    for clause, at in clauses:
        stripped = clause.strip()
        lead = at + (len(clause) - len(clause.lstrip()))
        m = PREDICATE.match(stripped)
        if not m:
            listed = tuple(w for w in split_names(stripped, base + lead) if w.text) if stripped else ()
            if listed and all(looks_like_party(w.text) for w in listed):
                pending += listed
                continue
            if strict and stripped and not (parsed and _closing_note(stripped)):
                return None
            pending = ()
            continue
        text, offset = m.group("names"), base + lead + m.start("names")
        # "省民政厅会同省卫生健康委负责": the first leads, the others cooperate
        cut = text.find("会同")
        together = split_names(text[cut + 2 :], offset + cut + 2) if cut > 0 else ()
        names = tuple(w for w in split_names(text[:cut] if cut > 0 else text, offset) if w.text)
        together = tuple(w for w in together if w.text)
        if names and _all_parties(names) and all(looks_like_party(w.text) for w in together):
            role, verb = PREDICATE_ROLES[m.group("verb")], m.group("verb")
            if pending:
                names, pending = pending + names, ()
            if together:
                parsed.append((Role.LEAD_UNIT if role is not Role.COOPERATING_UNIT else role, verb, names))
                parsed.append((Role.COOPERATING_UNIT, "会同", together))
                continue
            parsed.append((role, verb, names))
        elif strict and not (parsed and _closing_note(stripped)):
            return None
    if not parsed:
        return None
    has_lead = not promote or any(role is Role.LEAD_UNIT for role, _, _ in parsed)
    fields = []
    for k, (role, verb, names) in enumerate(parsed):
        if (
            role is Role.RESPONSIBLE_UNIT
            and not has_lead
            and k == 0
            and not all(is_collective(w.text) for w in names)
        ):
            role = (
                Role.LEAD_UNIT
            )  # "（市发展改革委负责）": the one in charge; "（各有关部门分别负责）" is not
        fields.append(Field(role, verb, names))
    return tuple(fields)


def _all_parties(names: tuple[Written, ...]) -> bool:
    """Whether every name reads as a party, place names before a shared suffix included:
    "长沙、株洲、湘潭市政府" (长沙市政府, 株洲市政府, 湘潭市政府, written once)."""
    if all(looks_like_party(w.text) for w in names):
        return True
    *places, last = names
    return (
        bool(places)
        and looks_like_party(last.text)
        and last.text.endswith(("政府", "人民政府", "市", "县", "区"))
        and all(looks_like_party(w.text) or _PLACE_NAME.match(w.text) for w in places)
    )


# A place's name alone, its suffix shared with the last of a list: "长沙", "株洲".
_PLACE_NAME = re.compile(r"^[\u4e00-\u9fff]{2,3}$")
# A note closing a group's predicates: "年内持续推进", "长期坚持", "2024年底前完成".
_NOTE_END = re.compile(r"(推进|完成|坚持|落实到位|实施)$")


def _closing_note(clause: str) -> bool:
    """Whether a clause after the predicates is a note of time or manner, not more parties."""
    return len(clause) <= 12 and bool(_NOTE_END.search(clause)) and not looks_like_party(clause)


def find_predicate_attribution(paragraph: str) -> Attribution | None:
    """A predicate attribution: the last top-level bracket that parses as predicates, or a
    closing sentence (after the last 。, or a ``部门分工：`` label) that does."""
    brackets = Brackets(paragraph)
    closings = brackets.closings
    tail = paragraph.rstrip("。；;，, ")
    # The bracket that closes the paragraph (possibly before a final full stop).
    for start in sorted(closings, reverse=True):
        if brackets.depth(start) != 0 or paragraph[start] not in ATTRIBUTION_OPENERS:
            continue
        end = closings[start]
        if end < len(tail):
            # A bracket for each sentence, none closing the task: "…（财政部牵头）…。…（科技部负责）…。"
            each, _ = _sentence_brackets(paragraph, brackets, len(paragraph))
            if each:
                return Attribution(len(paragraph), len(paragraph), "", each, "", "predicate")
            break  # only a bracket at the end of the task
        content = paragraph[start + 1 : end - 1]
        fields = parse_predicates(content, start + 1)
        if fields:
            # The State Council's way: a bracket after each sentence of the task as well
            merged, count = _sentence_brackets(paragraph, brackets, end)
            return Attribution(start, end, content, merged if count > 1 else fields, "", "predicate")
        names = _bare_units(content, start + 1)
        if names:
            # "…年内建成投用。（市住建局、市发展改革委）": units alone in the closing bracket
            return Attribution(start, end, content, (Field(Role.LEAD_UNIT, "", names),), "", "bare")
        break
    label = None
    for m in _PREDICATE_FIELD.finditer(paragraph):
        if brackets.depth(m.start()) == 0:
            label = m
    if label is not None:
        content = paragraph[label.end() :]
        fields = parse_predicates(content, label.end())
        if fields:
            return Attribution(label.start(), len(paragraph), content, fields, "", "division")
    body = paragraph.rstrip("。 ")
    cut = max(body.rfind("。"), body.rfind("；"))
    if cut >= 0 and brackets.depth(cut) == 0:
        content = paragraph[cut + 1 :]
        fields = parse_predicates(content.rstrip("。；; "), cut + 1, strict=True)
        if fields and all(f.names for f in fields):
            return Attribution(cut + 1, len(paragraph), content, fields, "", "sentence")
    return None


def _sentence_brackets(paragraph: str, brackets: Brackets, before: int) -> tuple[tuple[Field, ...], int]:
    """The fields of the top-level brackets ending by ``before`` that read as predicates only
    ("（国家发展改革委、财政部牵头，各有关部门按职责分工负责）"), one list a role, each name once,
    and how many brackets they came from; ``负责`` names the unit in charge only when no bracket
    names a lead."""
    from taskgraph.parse.names import is_collective

    found: list[Field] = []
    count = 0
    for start in sorted(brackets.closings):
        end = brackets.closings[start]
        if end > before or brackets.depth(start) != 0 or paragraph[start] not in ATTRIBUTION_OPENERS:
            continue
        fields = parse_predicates(paragraph[start + 1 : end - 1], start + 1, strict=True, promote=False)
        if fields:
            found.extend(fields)
            count += 1
    by_role: dict[Role, tuple[str, list[Written]]] = {}
    for f in found:
        _, names = by_role.setdefault(f.role, (f.label, []))
        for w in f.names:
            if all(w.text != v.text for v in names):
                names.append(w)
    if found and Role.LEAD_UNIT not in by_role and found[0].role is Role.RESPONSIBLE_UNIT:
        first = found[0]
        if not all(is_collective(w.text) for w in first.names):
            # "（市发展改革委负责）" first, and no bracket says 牵头: the one in charge
            verb, names = by_role.pop(Role.RESPONSIBLE_UNIT)
            rest = [w for w in names if w not in first.names]
            by_role = {
                Role.LEAD_UNIT: (verb, list(first.names)),
                **({Role.RESPONSIBLE_UNIT: (verb, rest)} if rest else {}),
                **by_role,
            }
    return tuple(Field(role, verb, tuple(names)) for role, (verb, names) in by_role.items()), count


# An attribution that leads into the task, up to a colon: "由市发展改革委牵头，市统计局配合：全市…",
# "由常务副市长周振华负责，市发改委牵头，…配合：全年…" (plans of 2006–2012).
_LEAD_IN = re.compile(r"由[^：:。；;]{2,160}?[：:]")
# A task's text that starts with such an attribution, or with units in 【】: "【市发改委】全市…".
LEADS_IN = re.compile(rf"^(?:【[^】]{{2,80}}】|{_LEAD_IN.pattern})")
# A lead-in's leader: "由常务副市长周振华负责".
_LEADER_CLAUSE = re.compile(r"^由?(?P<who>[^，,、]{2,16}?)(?:负责|主抓|牵头负责)$")


def find_lead_in(paragraph: str) -> Attribution | None:
    """An attribution before the task's text, up to a colon, when every clause of it names its
    parties and a verb: a leader ("由常务副市长周振华负责") first, then units.

    Examples
    --------
    >>> a = find_lead_in("由常务副市长周振华负责，市发改委牵头，市统计局配合：全年生产总值增长13%。")
    >>> [(f.role.value, [w.text for w in f.names]) for f in a.fields], a.end
    ([('lead_leader', ['常务副市长周振华']), ('lead_unit', ['市发改委']), ('cooperating_unit', ['市统计局'])], 26)
    """
    if paragraph.startswith("【"):
        # "【市经信委牵头，市科技局配合】推进产业转型升级…", "【市农委、市水务局】新建…"
        end = paragraph.find("】")
        content = paragraph[1:end] if end > 1 else ""
        if not content:
            return None
        verbs = parse_predicates(content, 1, strict=True)
        if verbs:
            return Attribution(0, end + 1, content, verbs, "", "lead-in")
        names = _bare_units(content, 1)
        if names:
            return Attribution(0, end + 1, content, (Field(Role.LEAD_UNIT, "", names),), "", "lead-in")
        return None
    m = _LEAD_IN.match(paragraph)
    if m is None:
        return None
    body = paragraph[: m.end() - 1]
    fields: list[Field] = []
    cut = 0
    first = re.split("[，,；;]", body, maxsplit=1)[0]
    leader = _LEADER_CLAUSE.match(first)
    if leader and titled_person(leader.group("who")):
        who = leader.group("who")
        fields.append(Field(Role.LEAD_LEADER, "", (Written(who, "", leader.start("who")),)))
        cut = len(first) + 1
    rest = body[cut:]
    units = parse_predicates(rest, cut, strict=True) if rest.strip() else ()
    if units is None or not (fields or units):
        return None
    return Attribution(0, m.end(), body, (*fields, *units), "", "lead-in")


def _bare_units(content: str, base: int) -> tuple[Written, ...] | None:
    """The names of a bracket that holds units and nothing else, or None.

    A note (``含开发区``), a definition (``以下简称…``), a deadline or a bracket of collectives
    alone is no attribution.
    """
    from taskgraph.parse.names import is_collective
    from taskgraph.parse.vocabulary import ABBREVIATION, NOTE_PREFIX

    text = content.strip()
    if (
        not text
        or len(text) > 200
        or ABBREVIATION.match(text)
        or NOTE_PREFIX.match(text)
        or ROLE_LABEL.search(text)
    ):
        return None
    names = split_names(text, base + (len(content) - len(content.lstrip())))
    if not names or not all(looks_like_party(w.text) for w in names):
        return None
    if all(is_collective(w.text) for w in names) or any(len(w.text) < 3 for w in names):
        return None
    return names


def is_person_list(names: tuple[Written, ...]) -> bool:
    """Whether every name reads as a personal name (for headings and table cells)."""
    return bool(names) and all(
        (PERSON_NAME.match(w.text) and not UNIT_SUFFIX.search(w.text))  # "县发改局" is no name
        or titled_person(w.text)
        for w in names
    )


__all__ = [
    "LEADS_IN",
    "Attribution",
    "Field",
    "Written",
    "find_attribution",
    "find_lead_in",
    "find_predicate_attribution",
    "looks_like_party",
    "parse_fields",
    "parse_predicates",
    "split_names",
    "titled_person",
]
