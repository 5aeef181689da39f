"""The outline of a plan: items at every numbering level, and which of them are tasks.

:func:`build_items` walks the cleaned lines (and table rows) once and groups them into
:class:`Item` objects: a numbered paragraph with its continuation lines, the labelled lines
after it (``牵头单位：…``), and notes after a notes header (``进展情况：``). :func:`arrange`
nests items by the rank of their markers. :func:`decide` then finds each item's attribution and
applies the genre's rule (issue 10): **the task is whatever carries an attribution**, at any
level; an item whose children carry attributions is a heading (its own attribution, if any,
covers the block); a heading can name the leader or unit for its block (``朱伟县长牵头重点工作``);
an attribution can cover several targets above it (``以上4项目标的责任单位均为…``) or precede
the task it belongs to.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from taskgraph.model import Role, Warning
from taskgraph.parse.attribution import (
    LEADS_IN,
    Attribution,
    Field,
    Written,
    find_attribution,
    find_lead_in,
    find_predicate_attribution,
    looks_like_party,
    parse_fields,
    parse_predicates,
    split_names,
    titled_person,
)
from taskgraph.parse.markers import PARAGRAPH, Marker, find_marker
from taskgraph.parse.normalise import Line
from taskgraph.parse.spans import task_spans
from taskgraph.parse.tables import KEY_NUMBER, KEY_TEXT, Row
from taskgraph.parse.vocabulary import (
    BODY_NAME,
    BOX,
    CLOSERS,
    LEADER_HEADING,
    LEADER_LINE,
    LEADER_UNIT_HEADING,
    MULTI_TARGET,
    MULTI_TARGET_ROLE,
    NOTES_HEADER,
    OPENERS,
    PREDICATE_LABEL,
    ROLE_LABEL,
    ROLE_LABELS,
    UNIT_HEADING,
)

# Punctuation that ends a paragraph.
CLOSED = tuple("。）)】〕］]！？；;”!?")
# Separators that leave a labelled line open for the next line: "责任单位：省经信厅、省财政厅、"
_OPEN_LIST = tuple("、，,；;:：")
# "抄送：县委有关部门，…" and "莘县人民政府办公室2024年1月20日印发" end the plan's body.
CC = re.compile(r"^抄\s*送\s*[:：]")
PRINTED = re.compile(
    r"^(?P<office>.*?)(?P<date>[0-9〇零一二三四五六七八九]{4}年[0-9一二三四五六七八九十]{1,3}月[0-9一二三四五六七八九十]{1,3}日)\s*印发$"
)
# Numbering run together inside one paragraph: "…。2.推进…", "…）（二）聚焦…", "…(X牵头负责)(2)完善…"
# (Chizhou 2017), "…。三、…".
_RUN_ON_MARKER = (
    r"(?=\d{1,6}[.．、](?![\d%％])|[（(]\d{1,4}[）)]|[（(][一二三四五六七八九十]{1,3}[）)]"
    r"|[一二三四五六七八九十]{1,3}、|[一二三四五六七八九十]{1,2}是)"
)
RUN_TOGETHER = re.compile(r"(?<=[。）)；;])\s*" + _RUN_ON_MARKER)
# A heading with the first task on the same line: "一、主要目标 1.地区生产总值增长6%。…"
HEADING_THEN_TASK = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])[^。，；\d]{2,20}?(?=\d{1,3}[.．](?![\d%％]))"
)
# Any opening and any closing bracket, counted to know whether an item's bracket is still open:
# "…牵头单位：县发" / "展改革局；…）".
_OPENER = re.compile("[" + re.escape(OPENERS) + "]")
_CLOSER = re.compile("[" + re.escape(CLOSERS) + "]")
# Where the two patterns above may cut a line, over all the lines joined, each after a newline:
# a pattern that starts with a character class or a newline is scanned for it in C, where one
# that starts with a look-behind or ^ is tried at every character (issue 12). After the newline,
# a look-ahead: a match running on into the next line must not hide a match at its start.
_RUN_TOGETHER_AT = re.compile(r"[。）)；;][^\S\n]*" + _RUN_ON_MARKER)
_HEADING_THEN_TASK_AT = re.compile("\n(?=" + HEADING_THEN_TASK.pattern.lstrip("^") + ")")
# A verb that closes an attribution bracket: "…（市商务局负责）".
# A heading's leader in a bracket at its end: "一、巩固拓展脱贫攻坚成果（州长扎西才让牵头）".
_LEADER_IN_BRACKET = re.compile(
    r"[（(](?P<who>[^（）()，,；;：:、]{2,16}?)(?:牵头负责|牵头|负责|分管|主抓)[）)]$"
)
# What a web page puts after the plan: "相关阅读", "往期推荐", "延伸阅读".
_AFTER_PLAN = re.compile(
    r"^\s*(?:相关阅读|相关链接|相关新闻|相关文章|往期推荐|往期回顾|延伸阅读|推荐阅读|猜你喜欢|热点推荐)\s*[:：]?\s*$"
)
_CLOSING_VERB = re.compile(r"(牵头|负责|配合|协办|参与|落实|实施)[^（(〔【\[［]{0,8}$")


@dataclass(eq=False, slots=True)
class Item:
    """A numbered or unnumbered paragraph, the lines that belong to it, and what it turns out to be."""

    marker: Marker | None
    lines: list[Line]
    offset: int = 0  # characters of lines[0] before the body (the marker, or a key "重点工作：")
    labels: list[list[Line]] = field(default_factory=list)
    notes: list[Line] = field(default_factory=list)
    row: Row | None = None
    number: str | None = None
    parent: Item | None = None
    children: list[Item] = field(default_factory=list)
    run_together: bool = False  # split out of the same source line as the item before it
    kind: str = ""  # task | heading | multi | orphan | prose
    attribution: Attribution | None = None
    fields: list[tuple[Role, list[Written], list[str]]] = field(default_factory=list)
    block: list[tuple[Role, list[Written], list[str]]] = field(default_factory=list)
    text: str = ""
    orig: str = ""
    joined: str = ""  # the lines joined, after the offset: text, attribution and anything after it
    depth: int = 0  # brackets open at the end of the body so far
    bare: bool = False  # a task by its place, with no attribution of its own
    leading: bool = False  # its attribution comes before its text

    def add(self, line: Line) -> None:
        """Append a continuation line, keeping count of open brackets."""
        self.lines.append(line)
        self.depth = max(0, self.depth + _balance(line.text))

    @property
    def rank(self) -> int:
        return self.marker.rank if self.marker else PARAGRAPH

    def line_at(self, offset: int) -> int:
        """The source line of character ``offset`` of the item's joined body text."""
        position = 0
        for k, line in enumerate(self.lines):
            position += len(line.text) - (self.offset if k == 0 else 0)
            if offset < position:
                return line.number
        return self.lines[-1].number if self.lines else self.line

    @property
    def empty(self) -> bool:
        """Only a marker so far: "(一)" on a line of its own, its title on the next."""
        return len(self.lines) == 1 and not self.lines[0].text[self.offset :].strip()

    @property
    def first(self) -> str:
        """The item's first line (or table text), for messages."""
        return self.lines[0].text if self.lines else (self.row.text if self.row else "")

    @property
    def line(self) -> int:
        return self.lines[0].number if self.lines else (self.row.line if self.row else 0)

    @property
    def label(self) -> str | None:
        """The number as written, for messages and the model."""
        return self.number if self.number is not None else (self.marker.number if self.marker else None)


@dataclass
class Outline:
    """The items of a plan in document order, and the lines before and after its body."""

    items: list[Item]
    tail: list[Line]
    warnings: list[Warning]


def _balance(text: str) -> int:
    """Brackets opened minus brackets closed in ``text``."""
    return len(_OPENER.findall(text)) - len(_CLOSER.findall(text))


def _closed(text: str) -> bool:
    return text.endswith(CLOSED)


def _last_lines(item: Item) -> str:
    """The item's last two lines joined: an attribution broken as "…按职责分工负" / "责）"."""
    return "".join(line.text for line in item.lines[-2:])


def _attribution_closes(text: str) -> bool:
    """Whether a line ends with a complete attribution (the item is complete): a bracket, or a
    sentence of predicates ("…推动更多科技企业在科创板上市。省地方金融监管局牵头，湖南证监局配合。")."""
    body = text.rstrip("。；;，,")
    if not body.endswith(("）", ")", "〕", "】", "]", "］")):
        if not text.endswith("。"):
            return False
        sentence = body[body.rfind("。") + 1 :]
        if ROLE_LABEL.match(sentence):
            return True  # "…。牵头单位：县财政局；责任单位：县统计局。": labels close the task
        return (
            bool(sentence)
            and bool(_CLOSING_VERB.search(body))
            and bool(parse_predicates(sentence, strict=True))
        )
    if ROLE_LABEL.search(body) or _CLOSING_VERB.search(body[:-1]):
        return True
    # "（区科技局牵头；完成时间：2016年9月底前）": a verb closes a clause before the deadline
    opener = max(body.rfind(ch) for ch in "（(〔【[［")
    return opener >= 0 and any(_CLOSING_VERB.search(c) for c in re.split("[；;]", body[opener + 1 : -1])[:-1])


def _continues(item: Item, text: str, prev_closed: bool, full: bool = False) -> bool:
    """Whether a line that starts no item goes on with a numbered item that has no attribution yet.

    A task (numbered 1., (1) …) goes on until its attribution, even past a line that happens to
    end a sentence ("…打造全国最大的“活珠子”" / "生产基地。（牵头领导：…）"), unless the line
    starts a paragraph of its own ("以上2项目标的责任单位均为…", a leader's heading). A heading
    (一、, （一）) goes on only when it was broken off mid-sentence or mid-title, or when the line is
    its attribution; an unnumbered task under it is a paragraph of its own. A line as long as
    the page's lines (``full``) is the start of such a paragraph, not the rest of a title.
    """
    if MULTI_TARGET.match(text):
        return False  # "以上任务由X牵头，Y配合。": for the items above, not the last one alone
    if _assigns_by_number(text):
        return False  # "任务分工：第1—3项由县发改局牵头…": for the items above by number
    if prev_closed and LEADS_IN.match(item.first[item.offset :]):
        return False  # "第六条　【市环保局牵头】…下降2%。": its attribution led into it; it is whole
    if _attribution_line(text):
        return True
    if item.rank >= 3:
        return not (MULTI_TARGET.match(text) or LEADER_HEADING.match(text) or UNIT_HEADING.match(text))
    return not prev_closed and (_mid_sentence(item) or (_heading_like(text) and not full))


def _heading_like(text: str) -> bool:
    """A short line without sentence punctuation: the rest of a heading broken over two lines
    (a heading may end in a quotation: "…持续守牢“一排底线”")."""
    return len(text) <= 30 and not _closed(text.rstrip('”」』"')) and "。" not in text


def _mid_sentence(item: Item) -> bool:
    """Whether an item that does not end a sentence is a sentence broken off ("…，新增专精特新
    中小企业" / "500家。") rather than a heading ("一、经济发展")."""
    body = item.lines[-1].text[item.offset if len(item.lines) == 1 else 0 :]
    return len(item.lines) > 1 or len(body) >= 20 or any(ch in body for ch in "，,、；;：:")


def _attribution_line(text: str) -> bool:
    """A line that is only an attribution for the item above it: "（牵头单位：市发改委）",
    "由市财政局负责落实。", "市教育局牵头，市人社局配合。"."""
    if text[:1] in "（(〔【[［" and (
        ROLE_LABEL.search(text) or _CLOSING_VERB.search(text.rstrip("。；;）)〕】]］"))
    ):
        return True
    return bool(parse_predicates(text.rstrip("。；; "), strict=True))


def _opens_block(current: Item | None) -> bool:
    """Whether a line naming only leaders ("牵头区领导：周永强") heads the tasks below it rather
    than finishing the item above: that item is no numbered task (a title, a heading, a table
    row) or already has its attribution. The item a key opened ("重点工作：…") takes it as a field."""
    if current is not None and current.marker is None and current.lines and KEY_TEXT.match(current.first):
        return False
    if current is None or current.marker is None or current.row is not None:
        return True
    return bool(current.labels) or _attribution_closes(_last_lines(current))


def _rest_of_name(last: str, text: str) -> bool:
    """Whether a short line ends the name a label line broke off ("责任单位：…、区重点项目服务中" /
    "心", a page break between them): the label line stops in mid-name (no closing punctuation, no
    complete unit at its end) and the line is a few characters with no punctuation of its own."""
    return (
        len(text) <= 6
        and not last.endswith(("。", "；", ";", "）", ")", "〕", "】"))
        and not any(ch in text for ch in "。；;，,：:、（(")
        and not looks_like_party(last.rsplit("、", 1)[-1].split("：")[-1])
    )


def _is_label(text: str) -> bool:
    return bool(ROLE_LABEL.match(text) or PREDICATE_LABEL.match(text))


def build_items(entries: list[Line | Row], width: int | None) -> Outline:
    """Group lines into items in one pass (see the module docstring).

    ``width`` is the width at which a text file's lines were broken (PDF extraction), or None
    for formats whose paragraphs are whole (web pages, Word): a line at least ``width`` long that
    does not end a sentence continues on the next line.
    """
    items: list[Item] = []
    tail: list[Line] = []
    warnings: list[Warning] = []
    current: Item | None = None
    mode = "body"  # body | labels | notes
    last_value: dict[int, int] = {}
    pending_number: str | None = None
    note_value = 0  # the numbering of notes after a notes header
    prev: Line | None = None
    prev_closed = True
    ended = False

    def wrapped(line: Line | None) -> bool:
        return bool(line is not None and width and len(line.text) >= width and not _closed(line.text))

    def broken(line: Line | None) -> bool:
        """A line that reached the width PDF extraction broke lines at, whatever its last character."""
        return bool(line is not None and width and len(line.text) >= width)

    def start(marker: Marker | None, line: Line, offset: int = 0) -> Item:
        nonlocal current, mode, pending_number
        item = Item(marker, [line], offset, number=pending_number)
        item.depth = max(0, _balance(line.text[offset:]))
        pending_number = None
        if prev is not None and line.number == prev.number and items:
            item.run_together = True
        items.append(item)
        if marker is not None:
            last_value[marker.rank] = marker.value
        current, mode = item, "body"
        return item

    pieces = _pieces(entries)
    spans = task_spans(pieces, width)
    k = 0
    while k < len(pieces):
        entry, split = pieces[k]
        k += 1
        span = spans.get(k - 1)
        if span is not None and not ended and mode != "notes":
            # A run of lines that all go on with the item its first line starts (see
            # :mod:`taskgraph.parse.spans`), unless that line's number is read as part of a
            # sentence broken before it.
            end, first = span
            if not ((wrapped(prev) or split) and first.value not in (1, last_value.get(first.rank, 0) + 1)):
                item = start(first, entry, first.end)  # type: ignore[arg-type]
                item.lines.extend(p[0] for p in pieces[k : end + 1])  # type: ignore[misc]
                # item.depth is left as the first line left it: build_items asks for it only
                # while it adds lines to the item, and the line after the run starts another.
                prev = item.lines[-1]
                prev_closed = _closed(prev.text) or _is_label(prev.text)
                k = end + 1
                continue
        if isinstance(entry, Row):
            item = Item(None, [], row=entry, number=entry.number)
            if entry.heading:
                line = Line(entry.line, entry.text, entry.orig, entry.orig)
                marker = find_marker(entry.text)
                item = Item(marker, [line], marker.end if marker else 0, row=entry)
                item.kind = "heading-row"
            elif entry.number is not None:
                marker = find_marker(entry.number + ".") or find_marker(entry.number + "、")
                item.marker = marker
            items.append(item)
            current, mode, prev, prev_closed = item, "body", None, True
            continue
        line = entry
        text = line.text
        if ended:
            tail.append(line)
            continue
        if CC.match(text) or PRINTED.match(text):
            tail.append(line)
            ended = True
            continue
        marker = find_marker(text)
        if (
            marker is None
            and current is not None
            and mode == "body"
            and current.depth > 0
            and current.marker is not None
            and current.row is None
            and len(current.lines) < 40
        ):
            current.add(line)  # "…牵头单位：县发展改革局；" / "责任单位：…": a bracket broken over lines
            prev, prev_closed = line, False
            continue
        if marker is not None and mode == "notes" and current is not None and current.marker is not None:
            expected = last_value.get(current.marker.rank, 0) + 1
            if marker.rank >= current.marker.rank and (
                marker.value != expected
                or (
                    marker.value == note_value + 1
                    and not _attribution_closes(text)
                    and not ROLE_LABEL.search(text)
                )
            ):
                note_value = marker.value
                marker = None  # numbered notes ("进展情况：1.完成规划编制。")
        if (
            marker is not None
            and (wrapped(prev) or split)
            and marker.value not in (1, last_value.get(marker.rank, 0) + 1)
        ):
            marker = None  # "…完成\n3、4月份…": a number in a broken line, not a marker
        if marker is not None:
            start(marker, line, marker.end)
        elif (m := KEY_NUMBER.match(text)) is not None:
            pending_number = m.group(2)
        elif (m := KEY_TEXT.match(text)) is not None:
            start(None, line, m.end())
        elif LEADER_LINE.match(text) and _opens_block(current):
            start(None, line)  # "牵头区领导：周永强" over the tasks below it, not the item above
        elif _assigns_by_number(text):
            start(None, line)  # "任务分工：第1—3项由县发改局牵头…": the items above, by number
        elif _is_label(text):
            if current is None or (mode == "body" and current.kind == "heading-row"):
                current = start(None, line, len(text))  # an attribution before any task
                current.kind = "orphan"
            current.labels.append([line])
            mode = "labels"
        elif NOTES_HEADER.match(text) and current is not None:
            current.notes.append(line)
            mode, note_value = "notes", 0
            warnings.append(
                Warning(
                    "notes",
                    f"notes after task {current.label or current.first[:10]} are not part of it: {text[:30]}",
                    line.number,
                    current.label,
                )
            )
        elif mode == "notes" and current is not None:
            current.notes.append(line)
        elif mode == "labels" and current is not None:
            last = current.labels[-1][-1].text
            if last.endswith(_OPEN_LIST) or wrapped(prev) or _rest_of_name(last, text):
                current.labels[-1].append(line)
            elif re.match(r"^[\u4e00-\u9fff]{2,8}\s*[:：]", text):
                current.notes.append(line)  # "完成时限：…" after the labels
            else:
                start(None, line)
        elif current is None:
            start(None, line)
        elif current.row is not None:
            start(None, line)
        elif (
            current.marker is not None
            and not current.labels
            and (
                (broken(prev) and not _attribution_closes(_last_lines(current)))
                or current.empty
                or (
                    not _attribution_closes(_last_lines(current))
                    and _continues(current, text, prev_closed, wrapped(line))
                )
            )
        ):
            current.add(line)  # the item goes on: a broken line, or its attribution on the next line
        elif current.marker is None and not current.labels and (broken(prev) and not prev_closed):
            current.add(line)
        else:
            start(None, line)
        prev = line
        prev_closed = _closed(text) or _is_label(text)
    return Outline(items, tail, warnings)


def _pieces(entries: list[Line | Row]) -> list[tuple[Line | Row, bool]]:
    """Lines split where a numbering marker follows the end of a sentence (``split`` is True for
    the pieces after the first)."""
    # The lines that may need cutting, found over all the lines at once (a match across a line
    # break only makes a line be looked at); the rest pass whole.
    texts = [entry.text for entry in entries]
    starts = list(accumulate([len(text) + 1 for text in texts], initial=0))
    joined = "\n" + "\n".join(texts)  # a newline before each line
    looked = {bisect_right(starts, m.start()) - 1 for m in _RUN_TOGETHER_AT.finditer(joined)}
    looked.update(bisect_right(starts, m.start()) - 1 for m in _HEADING_THEN_TASK_AT.finditer(joined))
    if not looked:
        return [(entry, False) for entry in entries]
    out: list[tuple[Line | Row, bool]] = []
    for k, entry in enumerate(entries):
        if k not in looked or isinstance(entry, Row):
            out.append((entry, False))
            continue
        cuts = [m.start() for m in RUN_TOGETHER.finditer(entry.text)]
        bounds = [0, *sorted({c for c in cuts if 0 < c < len(entry.text)}), len(entry.text)]
        pieces = []
        for a, b in zip(bounds, bounds[1:]):
            heading = HEADING_THEN_TASK.match(entry.text[a:b])
            if heading and 0 < heading.end() < b - a:
                pieces += [(a, a + heading.end()), (a + heading.end(), b)]
            else:
                pieces.append((a, b))
        if len(pieces) == 1:
            out.append((entry, False))
            continue
        for k, (a, b) in enumerate(pieces):
            text, orig = entry.text[a:b].strip(), entry.orig[a:b].strip()
            if text:
                out.append((Line(entry.number, text, orig, orig), k > 0))
    return out


def arrange(items: list[Item]) -> None:
    """Nest items by the rank of their markers; unnumbered paragraphs sit under the last heading."""
    stack: list[Item] = []
    for item in items:
        rank = item.rank
        if item.marker is not None and item.marker.style == "decimal":
            # "3.1" is a child of "3." only; under "2." it is a sibling at the same level.
            head = int(item.marker.number.split(".")[0])
            while (
                stack
                and stack[-1].marker is not None
                and stack[-1].marker.style == "num"
                and stack[-1].marker.value != head
            ):
                stack.pop()
        while stack and stack[-1].rank >= rank and not (rank == PARAGRAPH and stack[-1].rank == PARAGRAPH):
            stack.pop()
        if rank == PARAGRAPH:
            while stack and stack[-1].rank == PARAGRAPH:
                stack.pop()
        if stack:
            item.parent = stack[-1]
            stack[-1].children.append(item)
        if rank != PARAGRAPH:
            stack.append(item)


# ------------------------------------------------------------------ reading each item


def join_lines(lines: list[Line], offset: int) -> tuple[str, str]:
    """The text and original of lines joined (a space only between two Latin words)."""
    text = orig = ""
    for k, line in enumerate(lines):
        t = line.text[offset:] if k == 0 else line.text
        o = line.orig[offset:] if k == 0 else line.orig
        # "…big data and cloud" / "computing…": Latin words keep their space; digits broken
        # across lines ("1" / "0亿元") do not get one.
        if text and t and text[-1].isascii() and text[-1].isalpha() and t[0].isascii() and t[0].isalpha():
            text, orig = text + " ", orig + " "
        text, orig = text + t, orig + o
    return text, orig


def _written(names: tuple[Written, ...], orig: str, start: int = 0) -> tuple[list[Written], list[str]]:
    """Names and their form as written, from their offsets counted from ``start`` in ``orig``."""
    out, written = [], []
    for w in names:
        at = start + w.offset
        if 0 <= at and at + len(w.text) <= len(orig):
            written.append(orig[at : at + len(w.text)])
        else:
            written.append(w.text)
        out.append(w)
    return out, written


def read_item(item: Item) -> None:
    """Find the item's text, attribution and fields (its own, before any inheritance)."""
    if item.row is not None and item.kind != "heading-row":
        _read_row(item)
        return
    text, orig = join_lines(item.lines, item.offset)
    item.joined = text
    fields: list[tuple[Role, list[Written], list[str]]] = []
    attribution = find_attribution(text) if text else None
    if attribution is None and text.startswith(("由", "【")):
        attribution = find_lead_in(text)  # "由市发展改革委牵头，市统计局配合：全市…", "【市发改委】全市…"
    if attribution is None and text and not item.labels:
        attribution = find_predicate_attribution(text)
        if attribution is not None and attribution.style == "bare" and item.marker is None:
            # Units alone in brackets count only on a numbered item: "发布机构：市政府办公室（市数据局）"
            # in a page's chrome is a second nameplate, not a task (Tongchuan 2025).
            attribution = None
    if item.marker is None and (multi := MULTI_TARGET_ROLE.match(text)) is not None:
        # "以上4项目标的责任单位均为市发展改革委": one attribution for the targets above
        role = ROLE_LABELS[multi.group("label")]
        names = split_names(multi.group("names"), multi.start("names"), persons=role is Role.LEAD_LEADER)
        attribution = Attribution(
            0, len(text), text, (Field(role, multi.group("label"), names),), "", "multi"
        )
    elif item.marker is None and attribution is None and MULTI_TARGET.match(text) is not None:
        # "以上任务由区发展改革局牵头，区财政局、区统计局配合。": predicates for the targets above
        found = parse_predicates(text.rstrip("。；; "), strict=True)
        if found:
            attribution = Attribution(0, len(text), text, tuple(found), "", "multi")
    if attribution is not None:
        for f in attribution.fields:
            resolved, written = _written(f.names, orig, attribution.base)
            fields.append((f.role, resolved, written))
    if item.labels:
        label_text = "\n".join("".join(line.text for line in group) for group in item.labels)
        label_orig = "\n".join("".join(line.orig for line in group) for group in item.labels)
        found, unlabelled, deadline = parse_fields(label_text)
        for f in found:
            resolved, written = _written(f.names, label_orig)
            fields.append((f.role, resolved, written))
        if attribution is None:
            attribution = Attribution(
                len(text), len(text), label_orig, found, unlabelled, "labelled-lines", deadline
            )
    item.attribution = attribution
    item.fields = [(r, n, w) for r, n, w in fields if n]
    if attribution is not None and attribution.style not in ("labelled-lines", "table"):
        if not text[: attribution.start].strip() and attribution.end:
            # "1.（牵头单位：市发改委）加快…": the attribution before the task's text
            item.text, item.orig = (
                text[attribution.end :].lstrip("，,：: "),
                orig[attribution.end :].lstrip("，,：: "),
            )
            item.leading = True
        else:
            item.text, item.orig = text[: attribution.start], orig[: attribution.start]
    else:
        item.text, item.orig = text, orig


def _read_row(item: Item) -> None:
    row = item.row
    assert row is not None
    marker = find_marker(row.text)
    offset = marker.end if marker and item.marker is None and row.number is None else 0
    if marker and row.number is None:
        item.marker, item.number = marker, marker.number
    text, orig = row.text[offset:], row.orig[offset:]
    fields: list[tuple[Role, list[Written], list[str]]] = []
    for role, (cell, cell_orig) in row.roles.items():
        names = split_names(cell, persons=role is Role.LEAD_LEADER)
        found = parse_predicates(cell) if role is not Role.LEAD_LEADER else None
        if found and any(f.role is not role for f in found):
            # "市财政局牵头，市审计局配合" in one cell: the verbs say the roles.
            for f in found:
                n, w = _written(f.names, cell_orig)
                fields.append((f.role, n, w))
            continue
        n, w = _written(names, cell_orig)
        fields.append((role, n, w))
    inline = find_attribution(text)
    if inline is not None:
        for f in inline.fields:
            n, w = _written(f.names, orig, inline.base)
            fields.append((f.role, n, w))
        text, orig = text[: inline.start], orig[: inline.start]
    item.fields = [(r, n, w) for r, n, w in fields if n]
    item.attribution = (
        Attribution(len(text), len(text), "", (), "", "table", row.deadline) if item.fields else None
    )
    item.text, item.orig = text, orig


# ------------------------------------------------------------------ deciding


def _heading_fields(item: Item) -> list[tuple[Role, list[Written], list[str]]]:
    """Leaders or lead units a heading names for its block: "朱伟县长牵头重点工作"."""
    from taskgraph.parse.attribution import is_person_list

    text, orig = join_lines(item.lines[:1], item.offset)
    both = (
        LEADER_UNIT_HEADING.match(item.lines[0].text) if item.lines and "由" in item.lines[0].text else None
    )
    if both:
        leader = both.group("leader")
        titled = titled_person(leader)
        units = split_names(both.group("units"))
        if titled and units and all(looks_like_party(w.text) for w in units):
            written = item.lines[0].orig
            return [
                (
                    Role.LEAD_LEADER,
                    [Written(titled.group("name"), "", -1)],
                    [written[both.start("leader") : both.end("leader")]],
                ),
                (Role.LEAD_UNIT, [Written(w.text, "", -1) for w in units], [w.text for w in units]),
            ]
    inside = _LEADER_IN_BRACKET.search(item.lines[0].text) if item.lines and item.marker is not None else None
    if inside:
        # "一、巩固拓展脱贫攻坚成果（州长扎西才让牵头）": the leader of the section's tasks
        titled = titled_person(inside.group("who"))
        if titled:
            written = item.lines[0].orig[inside.start("who") : inside.end("who")]
            return [(Role.LEAD_LEADER, [Written(titled.group("name"), "", -1)], [written])]
    m = LEADER_HEADING.match(item.lines[0].text) if item.lines else None
    if m:
        # a leader given by title only ("县长牵头的重点工作") stays the title
        group = "name" if m.group("name") else ("after" if m.group("after") else "title")
        name = Written(m.group(group), "", -1)
        return [(Role.LEAD_LEADER, [name], [item.lines[0].orig[m.start("person") : m.end("person")]])]
    m = UNIT_HEADING.match(text)
    if m:
        names = split_names(m.group("names"), m.start("names"))
        if is_person_list(names):
            n, w = _written(names, orig)
            return [(Role.LEAD_LEADER, n, w)]
        if names and all(looks_like_party(w.text) for w in names):
            if m.group("counted") and not all(BODY_NAME.search(w.text) for w in names):
                return []
            n, w = _written(names, orig)
            return [(Role.LEAD_UNIT, n, w)]
    return []


def decide(items: list[Item]) -> list[Warning]:
    """Mark each item task, heading, multi, orphan or prose (see the module docstring)."""
    warnings: list[Warning] = []
    for item in items:
        read_item(item)
    _merge_run_together(items)
    _assigned_by_number(items)
    for item in items:
        # "以上4项目标的责任单位均为…" covers the targets above it; it is no child of the last one.
        if (
            item.marker is None
            and item.fields
            and not item.kind
            and MULTI_TARGET.match(item.first[item.offset :])
        ):
            item.kind = "multi"
    has = {id(i): bool(i.fields) and i.kind != "multi" for i in items}
    below: dict[int, bool] = {}  # a descendant carries an attribution
    numbered: dict[int, bool] = {}  # a numbered descendant does
    for item in reversed(items):
        below[id(item)] = any(has[id(c)] or below[id(c)] for c in item.children)
        numbered[id(item)] = any(
            (has[id(c)] and c.marker is not None) or numbered[id(c)] for c in item.children
        )
    # Headings that name a leader or unit for their block.
    for item in items:
        if item.kind == "orphan":
            continue
        if item.marker is None and item.fields and len(item.lines) == 1 and LEADER_LINE.match(item.first):
            item.kind, item.block = "heading", item.fields  # "牵头区领导：周永强" over a block
            continue
        heading = _heading_fields(item) if item.lines and not has[id(item)] else []
        if heading:
            item.kind, item.block = "heading", heading
        elif item.kind == "heading-row":
            # a section row of a table: "（一）扩大有效投资（牵头县领导：王强）" over the rows below
            item.kind, item.block = "heading", list(item.fields)
    for item in items:
        if item.kind:
            continue
        if has[id(item)] and numbered[id(item)]:
            item.kind, item.block = "heading", item.fields
        elif has[id(item)]:
            item.kind = "task"
        elif below[id(item)]:
            item.kind = "heading"
        else:
            item.kind = "prose"
    _multi_targets(items, warnings)
    _orphans(items, warnings)
    _unattributed(items, warnings)
    return warnings


def _merge_run_together(items: list[Item]) -> None:
    """Sub-points split out of one paragraph whose attribution closes the last one belong to it.

    ``5.推进…。(1)…；(2)…。（牵头单位：X）``: the attribution is the whole item's; in
    ``1.深化商事制度改革。(1)…(X牵头负责)(2)…(X牵头负责)`` (Chizhou 2017) each sub-point has its
    own and they are the tasks.
    """
    for item in items:
        kids = item.children
        if len(kids) < 2 or item.fields:
            continue
        # Paragraphs after the points that name nobody ("各牵头单位要…"), under the last point or
        # beside it, are no point of the task.
        after = [k for k in kids[-1].children if k.marker is None and not k.fields and not k.children]
        if len(after) != len(kids[-1].children):
            after = []
        while len(kids) > 2 and kids[-1].marker is None and not kids[-1].fields and not kids[-1].children:
            after.insert(0, kids[-1])
            kids = kids[:-1]
        if not all(k.run_together and k.lines[0].number == item.line for k in kids):
            # "2.加强…。" / "（1）…；" / "（2）…。" / "牵头单位：X": sub-points on lines of their own
            # and labelled lines after the last, none of them attributed but by those lines.
            last = kids[-1]
            alone = not any(k.fields or k.children for k in kids[:-1]) and all(
                k in after for k in last.children
            )
            if not (
                alone
                and last.attribution is not None
                and (
                    (last.labels and last.attribution.style == "labelled-lines")
                    # "4.建设宜居宜业和美乡村" / "一是…；" / "四是…。（牵头县领导：…）": the points of
                    # one task, its attribution closing the last; never a heading's tasks
                    or (item.marker is not None and _points_of(item, kids))
                )
            ):
                continue
        with_fields = [k for k in kids if k.fields]
        if len(with_fields) == 1 and with_fields[0] is kids[-1] and not item.fields:
            last = kids[-1]
            item.lines += [line for k in kids for line in k.lines]
            item.labels += [g for k in kids for g in k.labels]
            for k in kids:
                k.kind = "merged"
                k.children = [c for c in k.children if c not in after]
            for k in after:
                k.parent = item
            item.children = after
            read_item(item)
            last.fields = []


# A clause that gives numbered items their parties: "第1—3项由县发改局牵头，县经贸局配合",
# "第1、2、3项分别由A、B、C牵头，D配合", "第6项由县劳动保障局负责".
_BY_NUMBER = re.compile(
    r"第(?P<numbers>\d{1,3}(?:\s*[—\-－–~\uff5e至到、，,和及]\s*\d{1,3})*)项(?P<each>分别)?(?P<rest>由[^；;。]+)"
)


def _assigns_by_number(text: str) -> bool:
    """Whether a line opens a paragraph giving numbered items their parties ("任务分工：第1—3项由…")."""
    if "项" not in text:
        return False
    by = _BY_NUMBER.search(text)
    return by is not None and by.start() <= 40


def _assigned_by_number(items: list[Item]) -> None:
    """A paragraph that gives the items above it their parties by number ("任务分工：第1—3项由县发改局
    牵头，县经贸局配合；第4、5项由县财政局牵头…", "以上工作由常务副市长刘志远负责。第1项由…"): each
    numbered item it names, with no attribution of its own, gets them (分别: one lead each, in order)."""
    for k, item in enumerate(items):
        if (
            item.marker is not None
            or not item.lines
            or not ("项" in item.first or item.first.startswith("以上"))
        ):
            continue
        text, orig = join_lines(item.lines, item.offset)
        clauses = list(_BY_NUMBER.finditer(text))
        if not clauses:
            if text.startswith("以上") and (leader := _leader_of_block(text)):
                _lead_the_items_above(items, k, leader)  # "以上工作由副县长张建军分管。"
                item.fields, item.attribution, item.kind = [], None, "prose"
            continue
        item.fields, item.attribution = [], None  # not its own, nor the items' above it as a whole
        above = [i for i in items[:k] if i.marker is not None and not i.fields and i.kind != "merged"]
        leader = _leader_of_block(text)
        for m in clauses:
            fields = parse_predicates(m.group("rest"), m.start("rest"), strict=True)
            numbers = _numbers(m.group("numbers"))
            if not fields or not numbers:
                continue
            # the nearest item above with that number written in digits ("3.", "（第3项）"), not "三、"
            targets = {
                n: i
                for i in above
                if i.marker and (n := i.marker.value) in numbers and i.marker.number.isdigit()
            }
            for place, n in enumerate(numbers):
                target = targets.get(n)
                if target is None:
                    continue
                own: list[tuple[Role, list[Written], list[str]]] = list(leader)
                for f in fields:
                    names = list(f.names)
                    if m.group("each") and f.role is Role.LEAD_UNIT and len(names) == len(numbers):
                        names = [names[place]]
                    resolved, written = _written(tuple(names), orig, 0)
                    own.append((f.role, resolved, written))
                target.fields = own
        item.kind = "prose"


def _lead_the_items_above(
    items: list[Item], k: int, leader: list[tuple[Role, list[Written], list[str]]]
) -> None:
    """Give ``leader`` to the numbered items above ``items[k]`` back to their heading (items of one
    level), each that names no leader of its own."""
    rank = None
    for before in reversed(items[:k]):
        if before.marker is None:
            if before.first.startswith("以上"):
                break  # the section before closed with its own
            continue
        if rank is None:
            rank = before.rank
        if before.rank < rank:
            break  # the heading over them
        if before.rank == rank and not any(r is Role.LEAD_LEADER for r, _, _ in before.fields):
            before.fields = [*leader, *before.fields]


def _leader_of_block(text: str) -> list[tuple[Role, list[Written], list[str]]]:
    """The leader a closing paragraph names for the items above: "以上工作由常务副市长刘志远负责。"."""
    from taskgraph.parse.vocabulary import TITLE_THEN_PERSON

    m = re.match(
        r"^以上(?:工作|任务|各项)?由(?P<who>[^，,。；;]{2,18}?)(?:同志)?(?:负责|牵头|分管)[。；;，,]", text
    )
    if m is None or not TITLE_THEN_PERSON.match(m.group("who")):
        return []
    who = m.group("who")
    return [(Role.LEAD_LEADER, [Written(who, "", m.start("who"))], [who])]


def _numbers(spec: str) -> list[int]:
    """ "1—3" → 1, 2, 3; "4、5" → 4, 5 (at most 200 numbers)."""
    out: list[int] = []
    for part in re.split(r"\s*[、，,和及]\s*", spec):
        bounds = [int(x) for x in re.split(r"\s*[—\-－–~\uff5e至到]\s*", part) if x.strip().isdigit()]
        if len(bounds) == 2 and bounds[0] <= bounds[1] <= bounds[0] + 200:
            out.extend(range(bounds[0], bounds[1] + 1))
        elif bounds:
            out.append(bounds[0])
    return out


def _points_of(item: Item, kids: list[Item]) -> bool:
    """Whether ``kids`` are points of the task ``item`` rather than tasks under a heading: 一是,
    二是 … (never tasks of a heading), or (1), ① … under a numbered task (1., 2. …)."""
    styles = {k.marker.style for k in kids if k.marker is not None}
    if len(styles) != 1 or any(k.marker is None for k in kids):
        return False
    style = styles.pop()
    parent = item.marker.style if item.marker is not None else ""
    return style == "cn-is" or (
        style in ("num-paren", "num-half", "circled") and parent in ("num", "decimal")
    )


def _multi_targets(items: list[Item], warnings: list[Warning]) -> None:
    """``以上4项目标的责任单位均为X``: the attribution of the items above without their own."""
    for k, item in enumerate(items):
        if item.kind != "multi":
            continue
        text = item.lines[0].text[item.offset :]
        m = MULTI_TARGET.match(text)
        count = None
        if m and m.group("count"):
            from taskgraph.parse.markers import chinese_number

            count = chinese_number(m.group("count"))
        targets: list[Item] = []
        for before in reversed(items[:k]):
            if before.kind == "heading" or (count is not None and len(targets) >= count):
                break
            if before.kind in ("prose", "task") and before.marker is not None and not before.fields:
                if targets and targets[0].marker is not None and before.marker.rank != targets[0].marker.rank:
                    break  # the heading over the targets ("一、稳增长"), not one of them
                targets.append(before)
            elif before.kind == "task":
                break
        for target in targets:
            target.kind = "task"
            target.fields = [(r, list(n), list(w)) for r, n, w in item.fields]
            target.attribution = item.attribution
            parent = target.parent
            while parent is not None and parent.kind == "prose":
                parent.kind = "heading"  # it holds tasks now
                parent = parent.parent
        if not targets:
            item.kind = "task"  # "以上…" with nothing above it to cover: read it as a task


def _orphans(items: list[Item], warnings: list[Warning]) -> None:
    """An attribution before its task belongs to the next item when that item has none."""
    for k, item in enumerate(items):
        if item.kind != "orphan":
            continue
        following = next((i for i in items[k + 1 :] if i.kind not in ("merged",)), None)
        if following is not None and following.kind == "prose" and following.marker is not None:
            following.kind = "task"
            following.fields = item.fields
            following.attribution = item.attribution
            continue
        warnings.append(
            Warning(
                "attribution-without-task",
                f"an attribution with no task before it: {item.first[:30]}",
                item.line,
            )
        )


def _in_boxes(items: list[Item]) -> set[int]:
    """The numbered items of boxes ("专栏1　数字经济重点工程" / "1.算力基础设施：…"): a plan's
    illustrations, no tasks. A box goes on to the next task or heading, or an item above its own."""
    boxed: set[int] = set()
    rank: int | None = None
    inside = False
    for item in items:
        if item.marker is None and item.lines and BOX.match(item.first):
            inside, rank = True, None
            continue
        if not inside:
            continue
        if (
            item.kind in ("task", "heading")
            or item.fields
            or (item.marker is not None and rank is not None and item.rank < rank)
        ):
            inside = False
            continue
        if item.marker is not None:
            rank = item.rank if rank is None else rank
            boxed.add(id(item))
    return boxed


# A part of a plan's notice after its tasks: "三、保障措施" / "（一）加强组织领导" are no tasks.
_SAFEGUARDS = re.compile(r"^\S{0,4}(?:保障措施|工作要求|组织保障|有关要求|工作保障|组织实施|工作措施)")


def _under_safeguards(item: Item) -> bool:
    parent = item.parent
    while parent is not None:
        if parent.lines and _SAFEGUARDS.match(parent.first):
            return True
        parent = parent.parent
    return False


def _under_block(item: Item) -> bool:
    """Whether a heading above the item names units for its block ("一、由县长张德明负责、县发改局
    牵头的工作"): the item has its attribution there, and is no task cut off."""
    parent = item.parent
    while parent is not None:
        if parent.kind == "heading" and any(
            role is not Role.LEAD_LEADER and names for role, names, _ in parent.block
        ):
            return True  # a leader alone over a block ("卢山副省长牵头重点工作"): its tasks name their units
        parent = parent.parent
    return False


def _unattributed(items: list[Item], warnings: list[Warning]) -> None:
    """Numbered items without an attribution at a level where the tasks are: tasks, with a warning.

    The last such item of a document that stops there is cut off and not a task; numbered
    paragraphs at a level where no task is are headings or prose, never tasks.
    """
    ranks = {i.rank for i in items if i.kind == "task" and i.marker is not None}
    first = next((k for k, i in enumerate(items) if i.kind == "task"), len(items))
    top = items[first] if first < len(items) else None
    while top is not None and top.parent is not None:
        top = top.parent
    # Numbered lines before the plan's body (a notice's list of annexes) are no tasks.
    begin = next((k for k, i in enumerate(items) if i is top), first)
    boxed = _in_boxes(items)
    # A page's list of links after the plan ("相关阅读" / "1、临泉县召开…推进会") is no part of it.
    end = next(
        (
            k
            for k in range(first, len(items))
            if items[k].marker is None and _AFTER_PLAN.match(items[k].first)
        ),
        len(items),
    )
    candidates = [
        i
        for i in items[begin:end]
        if i.kind == "prose"
        and i.marker is not None
        and i.rank in ranks
        and id(i) not in boxed
        and not _under_safeguards(i)
    ]
    last = next(
        (i for i in reversed(items[:end]) if i.kind not in ("merged", "prose") or i.marker is not None), None
    )
    for item in candidates:
        if item.children and any(c.kind == "task" for c in item.children):
            continue
        if item is last and not _under_block(item):
            warnings.append(
                Warning(
                    "cut-off",
                    f"the text ends in task {item.label} before its attribution: {item.first[:30]}",
                    item.line,
                    item.label,
                )
            )
            continue
        item.kind, item.bare = "task", True
