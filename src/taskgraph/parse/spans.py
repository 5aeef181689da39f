"""Task spans: runs of lines that the outline can take as one item without reading them one by one.

:func:`~taskgraph.parse.outline.build_items` decides for each line whether it starts an item,
goes on with the current one, or is a label, a note or the end of the body. In a typical plan
almost every line goes on with the numbered task above it (Shen County 2024)::

    1.地区生产总值增长 6%，固定资产投资增长 8%，居民人均
    可支配收入增长 6.5%。（牵头领导：丁卫东；牵头单位：县发
    展改革局；责任单位：县政府有关部门〔单位〕，各镇人民政府

:func:`task_spans` finds such runs with a few regular expressions over the text of all the lines
at once (issue 12: the parser read plan text over 100 times slower than a plain pass over it) and
keeps those for which build_items's rules would add every line to the item that the first one
starts, whatever came before the run. The one rule that depends on
what came before (a number after a broken line may be part of the sentence) build_items checks
when it reaches the run. Every other run is read line by line, as before.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from taskgraph.parse.markers import Marker, find_marker
from taskgraph.parse.normalise import Line
from taskgraph.parse.tables import KEY_NUMBER, KEY_TEXT, Row
from taskgraph.parse.vocabulary import NOTES_HEADER, PREDICATE_LABEL, ROLE_LABEL

# The patterns below run over all the lines joined, with a newline before each line: a pattern
# that starts with a newline is scanned for it in C, where one that starts with ^ is tried at
# every character (issue 12). What follows the newline is a look-ahead, so that a match that runs
# on into the next line never hides a match at the start of that line.
#
# A line that may start with a numbering marker: every pattern of markers.RANKS begins with one
# of these ("1.推进…", "（一）聚焦…", "一、主要目标", "第一部分", "①加快…").
_MARKER_FIRST = re.compile(r"\n(?=[\d第（(①-⑳一二三四五六七八九十百零〇两])")
# Lines that may end the body: "抄送：县委有关部门，…", "莘县人民政府办公室 2024 年 1月 20 日印发".
_BODY_END = re.compile(r"\n(?=抄)|印发(?=\n|\Z)")
# A line that build_items reads as a key, a label or a notes header when no bracket is open:
# "责任单位：县政府有关部门〔单位〕，…" (a wrapped attribution), "序号：12", "重点工作：…",
# "进展情况：…". Matched over all the lines at once, it may also match across a line break, which
# only makes a run be read line by line.
_KEYED = re.compile(
    "\n(?="
    + "|".join(
        f"(?:{p.pattern.lstrip('^')})"
        for p in (KEY_NUMBER, KEY_TEXT, ROLE_LABEL, PREDICATE_LABEL, NOTES_HEADER)
    )
    + ")",
    re.M,
)
# The longest run build_items adds to an item while a bracket is open ("len(current.lines) < 40").
_MOST_LINES = 40


def task_spans(pieces: list[tuple[Line | Row, bool]], width: int | None) -> dict[int, tuple[int, Marker]]:
    """Runs of lines build_items can take whole: ``{index of the first piece: (index of the last,
    the first line's marker)}``.

    ``pieces`` are build_items's input (lines, their pieces and table rows, with whether a piece
    was split out of the line before it); ``width`` the width PDF extraction broke lines at.
    """
    spans: dict[int, tuple[int, Marker]] = {}
    start = 0
    for k, (entry, _) in enumerate([*pieces, (None, False)]):
        if not isinstance(entry, Line):  # a table row, or the end: the lines before it are a run
            if k > start:
                _spans_in_run(pieces, start, k, width, spans)
            start = k + 1
    return spans


def _spans_in_run(
    pieces: list[tuple[Line | Row, bool]],
    lo: int,
    hi: int,
    width: int | None,
    spans: dict[int, tuple[int, Marker]],
) -> None:
    """The spans among the lines ``pieces[lo:hi]``."""
    from taskgraph.parse.outline import CC, PRINTED, _attribution_closes, _balance, _closed

    texts = [p[0].text for p in pieces[lo:hi]]  # type: ignore[union-attr]
    lengths = [len(text) for text in texts]
    joined = "\n" + "\n".join(texts)  # a newline before each line
    starts = list(accumulate([n + 1 for n in lengths], initial=0))

    def index(position: int) -> int:
        """The line of a match that starts at ``position`` (the newline before it, or in it)."""
        return bisect_right(starts, position) - 1

    # Lines that end a run: a marker starts an item there, or the body ends.
    ends: set[int] = set()
    for m in _BODY_END.finditer(joined):
        i = index(m.start())
        if CC.match(texts[i]) or PRINTED.match(texts[i]):
            ends.add(i)
    markers = {}
    for m in _MARKER_FIRST.finditer(joined):
        i = index(m.start())
        if i not in ends and (marker := find_marker(texts[i])) is not None:
            markers[i] = marker
    # Lines that go on with the item only while a bracket is open: those with a key or a label at
    # their start, and those after a line shorter than the width lines were broken at.
    needy = {index(m.start()) for m in _KEYED.finditer(joined)}
    needy.update(i + 1 for i, n in enumerate(lengths) if not width or n < width)
    # and those after a full line that closes an attribution ("…增长15%以上。（X牵头，Y负责）",
    # "…增长5%。牵头单位：县发展改革局；责任单位：县财政局。")
    needy.update(
        i + 1
        for i, text in enumerate(texts)
        if text.endswith(("）", ")", "〕", "】", "。"))
        and width
        and lengths[i] >= width
        and _attribution_closes(text)
    )
    checks = sorted(needy)
    bounds = sorted(ends | markers.keys())
    for s, t in zip(bounds, [*bounds[1:], len(texts)]):
        marker = markers.get(s)
        if marker is None or t - s > _MOST_LINES:
            continue
        e = t - 1  # the run's last line; t is the line after it (or the end of the lines)
        needs = checks[bisect_right(checks, s) : bisect_right(checks, e)]
        if needs:
            depth = max(0, _balance(texts[s][marker.end :]))  # open brackets after each line
            depths = [depth]
            for text in texts[s + 1 : needs[-1]]:
                depth = max(0, depth + _balance(text))
                depths.append(depth)
            if not all(depths[i - s - 1] for i in needs):
                continue
        # The line after the run starts an item of its own: it ends the body, or its marker is read
        # as a marker (a line broken mid-sentence may hold a number: "…完成" / "3、4月份").
        if t < len(texts) and t not in ends:
            wrapped = bool(width) and lengths[e] >= width and not _closed(texts[e])  # type: ignore[operator]
            if wrapped or pieces[lo + t][1]:
                continue
        spans[lo + s] = (lo + e, marker)
