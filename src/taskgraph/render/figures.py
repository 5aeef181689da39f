"""Static figures for papers: PNG, SVG and PDF, in Chinese, English or both, each saying what made it.

Every figure is drawn at the size asked (``--size``, inches) or a page width of 6.5 in, with
font sizes that follow its width (9 pt on a page, 7 pt in a 3.5 in journal column). Text stays
text: SVG names the shipped CJK font (``svg.fonttype: none``, editable in Illustrator or
Inkscape), PDF embeds a subset of it as Type 42. A caption line under the figure — and in the
file's metadata: PNG ``Description``, SVG ``<desc>``, PDF ``Subject`` — states the choices that
made it, because they change the result: 县发展改革局's coordination load is 34 with groups split
into their members and 22 with groups kept (issue 13).

All text goes through :func:`taskgraph.safety.mathtext_safe`, so a name holding ``$x$`` is drawn
as written. Data with nothing to draw gives a figure that says so. matplotlib is imported inside
the functions: importing this module costs nothing.
"""

from __future__ import annotations

import io
import math
import os
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

MAX_LEADERS = 30
MAX_SECTIONS = 40
FORMATS = ("png", "svg", "pdf")
LANGS = ("zh", "en", "both")
PAGE_WIDTH = 6.5  # inches: a page of text between margins
BLUE, YELLOW, GREY = "#0869a8", "#f2b134", "#a9b4bb"


@dataclass(frozen=True)
class FigureOptions:
    """How figures are drawn: formats, resolution, size, language, and the analysis choices."""

    formats: tuple[str, ...] = ("png", "svg")
    dpi: int = 300
    size: tuple[float, float] | None = None
    lang: str = "zh"
    collectives: str = "exclude"
    groups: str = "expand"
    top: int = 20

    def __post_init__(self) -> None:
        from taskgraph.errors import UsageError
        from taskgraph.registry import COLLECTIVES, GROUPS, check

        for fmt in self.formats:
            check(fmt, FORMATS, "figure format")
        check(self.lang, LANGS, "language")
        check(self.collectives, COLLECTIVES, "collectives option")
        check(self.groups, GROUPS, "groups option")
        if self.dpi < 10 or self.top < 1:
            raise UsageError("dpi must be 10 or more and top 1 or more")

    @classmethod
    def parse(cls, formats: tuple[str, ...], dpi: int, size: str | None, lang: str, collectives: str,
              groups: str, top: int) -> FigureOptions:  # fmt: skip
        """Options from the command line; ``size`` is ``WxH`` in inches."""
        from taskgraph.errors import UsageError

        dims = None
        if size:
            try:
                w, h = (float(x) for x in size.lower().split("x"))
            except ValueError:
                raise UsageError(f"--size must be WxH in inches, e.g. 6.5x4, not {size!r}") from None
            if not (0.5 <= w <= 40 and 0.5 <= h <= 40):
                raise UsageError("--size must be between 0.5 and 40 inches each way")
            dims = (w, h)
        return cls(tuple(formats), dpi, dims, lang, collectives, groups, top)


@dataclass(frozen=True)
class Scope:
    """What a figure counts: tasks and plans (the caption says "92 tasks of 1 plan")."""

    tasks: int
    plans: int

    @classmethod
    def of(cls, assignments: Any) -> Scope:
        """The scope of a set of records (``Corpus.assignments``)."""
        return cls(len(assignments.tasks), len(assignments.plans))


# ------------------------------------------------------------------------------------ text


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _char_width(ch: str) -> float:
    """Width of a character in ems, near DejaVu Sans and Droid Sans Fallback's advances."""
    if _wide(ch) or ch == "…":
        return 1.0
    if ch == " ":
        return 0.32
    if ch in "mwMW":
        return 0.95
    if ch.islower():
        return 0.56
    if ch.isupper():
        return 0.7
    return 0.64


def text_width(text: str) -> float:
    """Width of ``text`` in ems: a Chinese character is one em, a Latin letter about 0.6.

    Examples
    --------
    >>> text_width("县财政局"), round(text_width("Bureau 2"), 2)
    (4.0, 4.46)
    """
    return sum(_char_width(ch) for ch in text)


# A line may not start with closing punctuation ("，", "）", "、"): it stays with what it closes.
_NO_LINE_START = set("，。、；：？！）》」』〕】”\u2019,.;:?!)%…")
# The pieces a line may break between: a run of Latin with the spaces after it, or one wide
# character: "County Finance Bureau" breaks between words, "县财政局" between characters.
_PIECES = re.compile(r"[^\s\u2e80-\ufaff\uff00-\uffef]+\s*|\s+|.", re.S)


def wrap(text: str, width: float, max_lines: int = 3) -> str:
    """``text`` broken into lines of at most ``width`` ems; past ``max_lines`` it ends in "…".

    Latin breaks between words, Chinese between characters, never before closing punctuation.

    Examples
    --------
    >>> wrap("County Development and Reform Bureau", 14)
    'County Development and\\nReform Bureau'
    >>> wrap("县省级农业高新技术产业开发区管委会", 9)
    '县省级农业高新技术\\n产业开发区管委会'
    >>> wrap("（一）聚焦重点项目，持续厚植发展动能", 10, 1)
    '（一）聚焦重点项目…'
    """
    lines: list[str] = []
    line = ""
    for piece in _PIECES.findall(" ".join(text.split())):
        if line and text_width(line + piece.rstrip()) > width and piece[0] not in _NO_LINE_START:
            lines.append(line.rstrip())
            line = ""
        if not line:
            if piece.isspace():
                continue
            while text_width(piece.rstrip()) > width and len(piece.rstrip()) > 1:  # a word longer than a line
                cut = max(
                    1, max(k for k in range(1, len(piece) + 1) if text_width(piece[:k]) <= width or k == 1)
                )
                lines.append(piece[:cut])
                piece = piece[cut:]
        line += piece
    if line.strip():
        lines.append(line.rstrip())
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while len(last) > 1 and text_width(last) + 1 > width:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last.rstrip("，、；,; ") + "…"]
    return "\n".join(lines)


def shorten(text: str, width: float) -> str:
    """``text`` on one line of at most ``width`` ems: cut at its first comma, then with "…".

    A plan's heading keeps its numbering whole (``（一）``, ``一、``).

    Examples
    --------
    >>> shorten("（一）聚焦重点项目，持续厚植发展动能", 12)
    '（一）聚焦重点项目'
    >>> shorten("三、切实加强政府自身建设", 8)
    '三、切实加强政…'
    """
    head = re.split(r"[，,；;。]", text, maxsplit=1)[0]
    if len(head) >= 4:
        text = head
    if text_width(text) <= width:
        return text
    numbering = _NUMBERING.match(text)
    keep = len(numbering.group(0)) + 1 if numbering else 1
    while len(text) > keep and text_width(text) + 1 > width:
        text = text[:-1]
    return text + "…"


# "一、主要预期目标", "（一）聚焦重点项目，…": a heading's numbering (the issue: never break inside it).
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十百]+、|（[一二三四五六七八九十百]+）|\d+[.、．])")
_CHINESE_DIGITS = {ch: k for k, ch in enumerate("零一二三四五六七八九")}


def chinese_number(text: str) -> int | None:
    """The value of a Chinese numeral up to 999.

    Examples
    --------
    >>> chinese_number("七"), chinese_number("十二"), chinese_number("二十"), chinese_number("甲")
    (7, 12, 20, None)
    """
    if not text or any(ch not in _CHINESE_DIGITS and ch not in "十百" for ch in text):
        return None
    total, digit = 0, 0
    for ch in text:
        if ch == "百":
            total, digit = total + (digit or 1) * 100, 0
        elif ch == "十":
            total, digit = total + (digit or 1) * 10, 0
        else:
            digit = _CHINESE_DIGITS[ch]
    return total + digit


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out, n = out + letters, n - value
    return out


def section_number(section: str | None, subsection: str | None) -> str | None:
    """The English numbering of a (sub)section from its heading: ``II.1`` for 二、… / （一）….

    Examples
    --------
    >>> section_number("二、2024 年主要工作任务", "（三）聚焦城乡融合"), section_number("一、主要预期目标", None)
    ('II.3', 'I')
    """
    found = []
    for title, pattern in (
        (section, r"^([一二三四五六七八九十百]+)、"),
        (subsection, r"^（([一二三四五六七八九十百]+)）"),
    ):
        if title:
            m = re.match(pattern, title)
            n = chinese_number(m.group(1)) if m else None
            if n is None:
                return None
            found.append(n)
    if not found or section is None:
        return None
    return ".".join([_roman(found[0]), *(str(n) for n in found[1:])])


# Compound surnames (复姓), and surnames read otherwise than the character's common reading.
_COMPOUND_SURNAMES = {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "令狐", "慕容", "长孙", "宇文", "司徒", "夏侯", "端木", "独孤", "南宫", "西门"}  # fmt: skip
_SURNAME_READINGS = {"单": "shan", "解": "xie", "曾": "zeng", "仇": "qiu", "朴": "piao", "区": "ou", "查": "zha", "盖": "ge", "乐": "yue", "缪": "miao", "覃": "qin", "翟": "zhai", "万": "wan", "曲": "qu", "长": "chang", "沈": "shen", "重": "chong", "任": "ren", "华": "hua", "纪": "ji", "宁": "ning", "尉": "yu", "朝": "chao", "薄": "bo", "柏": "bai", "秘": "bi"}  # fmt: skip
# In a given name 长 is cháng (长荣, 长青, 长春), not the zhǎng of 县长 that pypinyin reads alone.
_GIVEN_READINGS = {"长": "chang"}


def person_english(name: str) -> str | None:
    """A person's name in pinyin, surname first, as English writing gives Chinese names.

    Examples
    --------
    >>> person_english("丁卫东"), person_english("吕西安"), person_english("欧阳修"), person_english("万长荣")
    ('Ding Weidong', "Lü Xi'an", 'Ouyang Xiu', 'Wan Changrong')
    >>> person_english("县政府各位县长") is None
    True
    """
    from pypinyin import lazy_pinyin

    if not 2 <= len(name) <= 4 or not all("\u4e00" <= ch <= "\u9fff" for ch in name):
        return None
    cut = 2 if name[:2] in _COMPOUND_SURNAMES or len(name) == 4 else 1

    def join(syllables: list[str]) -> str:
        out = syllables[0]
        for s in syllables[1:]:
            out += ("'" if s[:1] in "aoe" else "") + s  # Xi'an, not Xian
        return out

    surname = join([_SURNAME_READINGS.get(ch) or lazy_pinyin(ch, v_to_u=True)[0] for ch in name[:cut]])
    given = join(
        [_GIVEN_READINGS.get(ch, s) for ch, s in zip(name[cut:], lazy_pinyin(name[cut:], v_to_u=True))]
    )
    return f"{surname.capitalize()} {given.capitalize()}"


def _number(value: Any, share: bool = False) -> str:
    """A value label: "34", "8.5", "17%"; "—" for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if share:
        return f"{100 * value:.0f}%"
    if abs(value - round(value)) < 1e-9:
        return str(round(value))
    return f"{value:.2f}".rstrip("0") if abs(value) < 1 else f"{value:.1f}"


class _Words:
    """The words of a figure in its language: ``zh``, ``en``, or ``both`` (Chinese, then English)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, zh: str, en: str, sep: str = "\n") -> str:
        if self.lang == "zh":
            return zh
        if self.lang == "en":
            return en
        return zh + sep + en

    def name(self, chinese: str, english: str | None, width: float, lines: int = 2) -> str:
        """A unit or person named in the figure's language, wrapped to ``width`` ems."""
        english = english if isinstance(english, str) and english else None  # a table's NaN too
        if self.lang == "zh" or (self.lang == "en" and not english):
            return wrap(chinese, width, lines)
        if self.lang == "en":
            return wrap(str(english), width, lines)
        if not english:
            return wrap(chinese, width, lines)
        return wrap(chinese, width, 1) + "\n" + wrap(str(english), width, max(1, lines - 1))

    def sentence(self, parts: Sequence[tuple[str, str]]) -> str:
        """Caption parts ``(zh, en)`` joined into a sentence (two, one per language, for ``both``)."""
        zh = "；".join(z for z, _ in parts if z) + "。"
        en = "; ".join(e for _, e in parts if e) + "."
        return self(zh, en[:1].upper() + en[1:])


def _m(text: str) -> str:
    from taskgraph.safety import mathtext_safe

    return mathtext_safe(text)


# ------------------------------------------------------------------------------------ captions

_GROUPS = {
    "expand": ("分组拆分为其成员单位", "groups split into their member units"),
    "keep": ("分组按原文计为一个单位", "groups kept as one unit, as written"),
}
_COLLECTIVES = {
    "exclude": ("不计集合性主体（如各镇人民政府）", "collectives (all town governments, relevant departments …) left out"),
    "include": ("集合性主体作为单位计入（斜线）", "collectives counted as units (hatched)"),
    "separate": ("集合性主体不入网络，其负荷单列（斜线）", "collectives kept out of the network, their load computed apart (hatched)"),
}  # fmt: skip


def _choices(options: FigureOptions) -> list[tuple[str, str]]:
    return [_GROUPS[options.groups], _COLLECTIVES[options.collectives]]


def _scope(scope: Scope | None) -> list[tuple[str, str]]:
    if scope is None:
        return []
    return [
        (
            f"{scope.plans}个方案共{scope.tasks}项任务",
            f"{_count(scope.tasks, 'task')} of {_plans(scope.plans)}",
        )
    ]


_LOAD_DEFINED = ("协调负荷的定义见 taskgraph README", "coordination load as defined in taskgraph's README")


# ------------------------------------------------------------------------------------ drawing


class _Sheet:
    """One figure being drawn: options, words, font sizes, and the title and caption it carries."""

    def __init__(self, options: FigureOptions) -> None:
        self.options = options
        self.say = _Words(options.lang)
        self.width = options.size[0] if options.size else PAGE_WIDTH
        self.base = 7.0 if self.width < 4.5 else 8.0 if self.width < 6 else 9.0
        self.tick = self.base - 1
        self.small = max(self.base - 1.5, 6)  # 6 pt: the least most journals print
        self.caption_size = max(self.base - 2, 6)
        self.title_size = self.base + 1
        self.name_lines = 3 if self.width >= 4.5 else 2  # lines a long English name may take
        self.title = ""  # as drawn: wrapped, one language per line group
        self.caption = ""
        self.meta_title = ""  # as written into the file's metadata: one line
        self.meta_caption = ""

    # sizes, in points
    def ems(self, fraction: float, size: float) -> float:
        """How many ems of text at ``size`` fit in ``fraction`` of the figure's width."""
        return fraction * self.width * 72 / size

    def set_text(self, title: tuple[str, str], caption: Sequence[tuple[str, str]]) -> None:
        """The title (zh, en) and the caption parts, wrapped to the figure's width."""
        full = self.ems(0.92, self.title_size)
        zh, en = wrap(title[0], full, 2), wrap(title[1], full, 2)
        self.title = self.say(zh, en)
        sentence = self.say.sentence(caption)
        self.caption = "\n".join(
            wrap(line, self.ems(0.92, self.caption_size), 4) for line in sentence.split("\n")
        )
        self.meta_title = self.say(title[0], title[1], " / ")
        self.meta_caption = sentence.replace("\n", " ")

    def chrome(self, legend: bool = False, xlabel: bool = True, ticks: bool = True) -> float:
        """Points taken by all but the plot: title, legend, x labels, caption, margins."""
        height = (self.title.count("\n") + 1) * self.title_size * 1.3 + 10
        height += (self.caption.count("\n") + 1) * self.caption_size * 1.3 + 8
        height += self.small * 1.6 + 4 if legend else 0
        height += self.tick * 1.4 + 4 if ticks else 0
        height += self.base * 1.4 if xlabel else 0
        return height + 6

    def height(self, content: float, legend: bool = False, xlabel: bool = True) -> float:
        """The figure's height in inches: the one asked, or chrome plus ``content`` points."""
        if self.options.size:
            return self.options.size[1]
        return max(2.0, (self.chrome(legend, xlabel) + content) / 72)

    @contextmanager
    def figure(self, height: float, texts: Iterable[str]) -> Iterator[Any]:
        """A matplotlib figure of the sheet's width and ``height``, in the house style."""
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.layout_engine import ConstrainedLayoutEngine

        from taskgraph.render.fonts import matplotlib_font

        shown = "".join([self.title, self.caption, *texts])
        compact = "pdf" in self.options.formats
        family = matplotlib_font(shown, compact=compact)
        rc: Any = {
            "font.family": [family, "DejaVu Sans"],
            "font.size": self.base,
            "axes.titlesize": self.base,
            "axes.labelsize": self.base,
            "xtick.labelsize": self.tick,
            "ytick.labelsize": self.tick,
            "legend.fontsize": self.small,
            "axes.unicode_minus": False,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.linewidth": 0.6,
            "xtick.major.width": 0.6,
            "ytick.major.width": 0.6,
            "svg.fonttype": "none",  # text stays text, in the named font: editable in Illustrator
            "svg.hashsalt": "taskgraph",  # the same figure gives the same file
            "pdf.fonttype": 42,  # a TrueType subset embedded: Chinese shows on any machine
            "figure.dpi": self.options.dpi,  # text is measured as it will be drawn (hinting rounds widths)
        }
        with plt.rc_context(rc):
            fig = plt.figure(
                figsize=(self.width, height), layout=ConstrainedLayoutEngine(h_pad=2 / 72, w_pad=3 / 72)
            )
            try:
                yield fig
            finally:
                plt.close(fig)
                if compact:  # the full font again, for whatever the process draws next
                    matplotlib_font()

    def decorate(self, fig: Any) -> None:
        """The title above the figure and the caption under it."""
        fig.suptitle(_m(self.title), fontsize=self.title_size)
        fig.supxlabel(
            _m(self.caption), x=0.01, ha="left", fontsize=self.caption_size, color="#444444", linespacing=1.25
        )

    def nothing(self, fig: Any, zh: str, en: str) -> None:
        """An empty chart that says why, rather than no file or an exception."""
        ax = fig.add_subplot()
        message = self.say("没有可绘制的内容：" + zh, "Nothing to draw: " + en)
        message = "\n".join(wrap(line, self.ems(0.9, self.base), 3) for line in message.split("\n"))
        ax.text(0.5, 0.5, _m(message), ha="center", va="center", transform=ax.transAxes, color="#555555")
        ax.set_axis_off()
        self.decorate(fig)

    def write(self, fig: Any, path: Path, fmt: str) -> Path:
        """``fig`` written to ``path`` whole or not at all, the caption in the file's metadata."""
        from taskgraph.safety import atomic_output, xml_safe

        title, caption = xml_safe(self.meta_title), xml_safe(self.meta_caption)
        by_format: dict[str, dict[str, Any]] = {
            "png": {"Title": title, "Description": caption, "Software": "taskgraph"},
            "svg": {"Title": title, "Description": caption, "Creator": "taskgraph", "Date": None},
            "pdf": {"Title": title, "Subject": caption, "Creator": "taskgraph", "CreationDate": None},
        }
        metadata = by_format[fmt]
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt, dpi=self.options.dpi, metadata=metadata)
        data = buffer.getvalue()
        if fmt == "svg":
            data = _with_desc(data, caption)
        with atomic_output(path, "wb") as fh:
            fh.write(data)
        return path

    def save(self, fig: Any, folder: Path, name: str) -> list[Path]:
        """``fig`` in every format asked, as ``folder/name.<format>``."""
        folder.mkdir(parents=True, exist_ok=True)
        return [self.write(fig, folder / f"{name}.{fmt}", fmt) for fmt in self.options.formats]


def _with_desc(svg: bytes, caption: str) -> bytes:
    """The SVG with the caption in a ``<desc>`` element after its ``<title>`` (what screen readers read)."""
    from xml.sax.saxutils import escape

    text = svg.decode("utf-8")
    title = text.find("</title>")
    at = title + len("</title>") if title >= 0 else text.find(">", text.find("<svg")) + 1
    return (text[:at] + f"\n <desc>{escape(caption)}</desc>" + text[at:]).encode("utf-8")


def _make_room(fig: Any, ax: Any, labels: Sequence[tuple[Any, float]], axis: str = "x") -> None:
    """Stretch the value axis so that every value label (``(text, value)``) ends inside the axes."""
    if (ax.get_xscale() if axis == "x" else ax.get_yscale()) == "log":
        low, high = ax.get_xlim() if axis == "x" else ax.get_ylim()
        ax.set_xlim(low, high * 3) if axis == "x" else ax.set_ylim(low, high * 3)
        return
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    box = ax.get_window_extent(renderer)
    low, high = ax.get_xlim() if axis == "x" else ax.get_ylim()
    span = box.width if axis == "x" else box.height
    need = high
    for text, value in labels:
        if not text.get_text():
            continue
        extent = text.get_window_extent(renderer)
        end = (box.x0 if axis == "x" else box.y0) + (value - low) / (high - low) * span
        beyond = (extent.x1 if axis == "x" else extent.y1) - end
        free = span * 0.97 - beyond
        if free > span * 0.2:
            need = max(need, low + (value - low) * span / free)
        else:
            need = max(need, high * 3)
    if axis == "x":
        ax.set_xlim(low, need)
    else:
        ax.set_ylim(low, need)


def _legend(sheet: _Sheet, ax: Any, fraction: float) -> None:
    """The legend above the axes, in two columns when they fit ``fraction`` of the figure's width."""
    _, labels = ax.get_legend_handles_labels()
    widest = max((text_width(line) for label in labels for line in label.split("\n")), default=0)
    two = 2 * (widest + 3.5) * sheet.small <= fraction * sheet.width * 72
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=2 if two else 1, frameon=False, borderaxespad=0.3,
              handlelength=1.2)  # fmt: skip


def _fit_rows(sheet: _Sheet, lines: Sequence[int], height_pt: float, legend: bool = False) -> int:
    """How many rows, each ``lines[i]`` text lines tall, fit a figure ``height_pt`` points high."""
    room = height_pt - sheet.chrome(legend)
    for n in range(len(lines), 0, -1):
        if n * _pitch(sheet, lines[:n]) <= room:
            return n
    return min(1, len(lines))


def _pitch(sheet: _Sheet, lines: Sequence[int]) -> float:
    """Points per row of a bar chart whose labels have ``lines`` text lines: two neighbouring
    labels must not touch (a label is centred on its bar)."""
    line = sheet.tick * 1.2
    pairs = [(a + b) / 2 for a, b in zip(lines, lines[1:])] or [max(lines, default=1)]
    return max(max(pairs) * line + 2.5, line * 1.4)


def clipped(fig: Any) -> list[str]:
    """The texts of a laid-out figure that are cut: off the canvas, or a value label past its axes."""
    from matplotlib.text import Annotation

    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    canvas = fig.bbox
    out = []
    for ax in fig.axes:
        box = ax.get_window_extent(renderer)
        for t in ax.texts:
            extent = t.get_window_extent(renderer)
            if (
                isinstance(t, Annotation)
                and t.get_text()
                and (extent.x1 > box.x1 + 1 or extent.y1 > box.y1 + 1)
            ):
                out.append(t.get_text())  # a value label past the end of its axis
        for t in [*_tick_labels(ax), ax.xaxis.label, ax.yaxis.label, ax.title]:
            if t.get_visible() and t.get_text() and not _inside(t.get_window_extent(renderer), canvas):
                out.append(t.get_text())
        legend = ax.get_legend()
        if legend is not None and not _inside(legend.get_window_extent(renderer), canvas):
            out.append("legend")
    for t in fig.texts + [x for x in (fig._suptitle, fig._supxlabel) if x is not None]:
        if t.get_visible() and t.get_text() and not _inside(t.get_window_extent(renderer), canvas):
            out.append(t.get_text())
    return out


def _tick_labels(ax: Any, axes: str = "xy") -> list[Any]:
    """The tick labels ``ax`` shows (matplotlib keeps more, off the view, that are not drawn)."""
    out = []
    for axis, limits in [
        (a, lim)
        for name, a, lim in (("x", ax.xaxis, ax.get_xlim()), ("y", ax.yaxis, ax.get_ylim()))
        if name in axes
    ]:
        low, high = sorted(limits)
        for tick in axis.get_major_ticks():
            label = tick.label1
            if label.get_visible() and label.get_text() and low - 1e-9 <= tick.get_loc() <= high + 1e-9:
                out.append(label)
    return out


def _inside(extent: Any, canvas: Any) -> bool:
    return bool(
        extent.x0 >= canvas.x0 - 1
        and extent.x1 <= canvas.x1 + 1
        and extent.y0 >= canvas.y0 - 1
        and extent.y1 <= canvas.y1 + 1
    )


def _crowded(fig: Any, ax: Any) -> bool:
    """Whether the row labels of ``ax`` overlap or run off the canvas, or a value label runs past
    the axes: then the figure shows fewer rows (other texts do not depend on the rows)."""
    cut = set(clipped(fig))
    renderer = fig.canvas.get_renderer()
    labels = _tick_labels(ax, "y")
    if cut & {t.get_text() for t in [*labels, *ax.texts]}:
        return True
    boxes = sorted((t.get_window_extent(renderer) for t in labels), key=lambda b: b.y0)
    return any(low.y1 > high.y0 + 0.5 for low, high in zip(boxes, boxes[1:]))


@dataclass(frozen=True)
class _Series:
    """One set of bars: its legend entry, values (None: missing), colour, hatches, value labels."""

    label: str
    values: Sequence[float | None]
    colour: str
    hatch: Sequence[str] = ()
    value_labels: Sequence[str] | None = None


_Text = tuple[tuple[str, str], list[tuple[str, str]]]  # a title (zh, en) and the caption's parts
_T = TypeVar("_T")


def _bar_figure(sheet: _Sheet, text: Callable[[int], _Text], labels: Sequence[str], series: Sequence[_Series],
                xlabel: str, write: Callable[[Any], _T], stacked: bool = False) -> _T:  # fmt: skip
    """Horizontal bars, one row per label (first on top), value labels at the bars' ends.

    ``text(n)`` gives the title and caption for ``n`` rows; at a size asked, rows are dropped
    from the end while their labels crowd. ``write(fig)`` saves the figure.
    """
    # Paired bars carry a value label each: a row is at least two value labels high.
    least = 1 if stacked or len(series) == 1 else math.ceil(len(series) * sheet.small / sheet.tick)
    lines = [max(label.count("\n") + 1, least) for label in labels]
    legend = any(s.label for s in series)
    n = len(labels)
    if sheet.options.size:
        sheet.set_text(*text(n))
        n = _fit_rows(sheet, lines, sheet.options.size[1] * 72, legend)
    while True:
        sheet.set_text(*text(n))
        with sheet.figure(sheet.height(n * _pitch(sheet, lines[:n]), legend), labels[:n]) as fig:
            ax = fig.add_subplot()
            y = list(range(n))
            shown: list[tuple[Any, float]] = []
            left = [0.0] * n
            height = 0.8 if stacked else 0.8 / len(series)
            for k, s in enumerate(series):
                values = [v or 0.0 for v in s.values[:n]]
                where = y if stacked else [j + (k - (len(series) - 1) / 2) * height for j in y]
                bars = ax.barh(where, values, height=height, left=left if stacked else None, color=s.colour,
                               hatch=list(s.hatch[:n]) or None, edgecolor="white", linewidth=0.3,
                               label=_m(s.label) if s.label else None)  # fmt: skip
                ends = [a + b for a, b in zip(left, values)] if stacked else values
                if s.value_labels is not None:
                    texts = ax.bar_label(
                        bars, labels=[_m(t) for t in s.value_labels[:n]], padding=2, fontsize=sheet.small
                    )
                    shown += list(zip(texts, ends))
                if stacked:
                    left = ends
            ax.set_yticks(y, [_m(label) for label in labels[:n]])
            ax.set_ylim(n - 0.5, -0.5)
            ax.set_xlabel(
                _m("\n".join(wrap(part, sheet.ems(0.55, sheet.base), 2) for part in xlabel.split("\n")))
            )
            ax.grid(axis="x", alpha=0.3, linewidth=0.5)
            ax.set_axisbelow(True)
            if legend:
                _legend(sheet, ax, 0.55)
            sheet.decorate(fig)
            _make_room(fig, ax, shown)
            if n <= 1 or not sheet.options.size or not _crowded(fig, ax):
                return write(fig)
        n -= 1


def _heat_figure(sheet: _Sheet, text: Callable[[int], _Text], rows: Sequence[str], columns: Sequence[str],
                 matrix: Sequence[Sequence[float]], scale: str, write: Callable[[Any], _T]) -> _T:  # fmt: skip
    """A heat map, numbers in the cells; at a size asked, rows are dropped from the end while they crowd."""
    from matplotlib.ticker import MaxNLocator

    lines = [r.count("\n") + 1 for r in rows]
    under = _column_label_height(sheet, columns)
    n = len(rows)
    if sheet.options.size:
        sheet.set_text(*text(n))
        n = _fit_rows(sheet, lines, sheet.options.size[1] * 72 - under)
    while True:
        sheet.set_text(*text(n))
        content = n * (_pitch(sheet, lines[:n]) + sheet.tick * 0.8) + under
        with sheet.figure(sheet.height(content, xlabel=False), [*rows[:n], *columns]) as fig:
            ax = fig.add_subplot()
            shown = [list(r) for r in matrix[:n]]
            mesh = ax.pcolormesh(shown, cmap="Blues", edgecolors="white", linewidth=0.5, vmin=0)
            ax.set_xlim(0, len(columns))
            ax.set_ylim(n, 0)
            ax.set_xticks([k + 0.5 for k in range(len(columns))], [_m(c) for c in columns], rotation=45, ha="right",
                          rotation_mode="anchor")  # fmt: skip
            ax.set_yticks([k + 0.5 for k in range(n)], [_m(r) for r in rows[:n]])
            ax.tick_params(length=0)
            for spine in ax.spines.values():
                spine.set_visible(False)
            top = max((v for row in shown for v in row), default=0)
            if n * len(columns) <= 600:
                for i, row in enumerate(shown):
                    for j, v in enumerate(row):
                        if v:
                            ax.text(j + 0.5, i + 0.5, _number(v), ha="center", va="center",
                                    fontsize=sheet.small, color="white" if v > top / 2 else "#222222")  # fmt: skip
            bar = fig.colorbar(mesh, ax=ax, shrink=0.8, aspect=25, pad=0.02)
            bar.ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
            bar.set_label(_m(scale), fontsize=sheet.tick)
            bar.ax.tick_params(labelsize=sheet.small)
            bar.outline.set_visible(False)
            sheet.decorate(fig)
            if n <= 1 or not sheet.options.size or not _crowded(fig, ax):
                return write(fig)
        n -= 1


def _column_label_height(sheet: _Sheet, columns: Sequence[str]) -> float:
    """Points under a heat map for its column labels, written at 45°."""
    widest = max((text_width(c) for c in columns), default=1)
    return (widest + 1) * sheet.tick * 0.71 + 6


# ------------------------------------------------------------------------------------ figures


def answering_load(
    assignments: Any, collectives: str = "exclude", groups: str = "expand"
) -> dict[str, float]:
    """The part of each unit's coordination load that comes from tasks others lead (by IRI).

    The rest is leading: tasks led and the partners aligned on them (see
    :mod:`taskgraph.analysis.load`, whose weight for answering this uses).
    """
    from taskgraph.analysis.load import WEIGHTS

    a = assignments.filtered("include" if collectives != "exclude" else "exclude", groups)
    out: dict[str, float] = defaultdict(float)
    for t in a.tasks:
        leads = {p.iri for p in t.parties.get("lead_unit", [])}
        for p in t.units():
            if p.iri not in leads:
                out[p.iri] += WEIGHTS["responsible"]
    return dict(out)


def coordination_load_figure(units: Any, folder: str | os.PathLike[str], options: FigureOptions | None = None,
                             scope: Scope | None = None, answering: dict[str, float] | None = None) -> list[Path]:  # fmt: skip
    """Horizontal bars: the top units by coordination load, split into leading and answering.

    ``units`` is a unit table (``Corpus.units``); ``answering`` the part of each unit's load
    from tasks others lead, by IRI (:func:`answering_load`; estimated from the role counts when
    not given). Collectives, when counted, are hatched.
    """
    options = options or FigureOptions()
    sheet = _Sheet(options)
    folder = Path(folder)
    data = units.dropna(subset=["coordination_load"])
    data = data[data["coordination_load"] > 0].head(options.top)
    caption = [*_choices(options), *_scope(scope), _LOAD_DEFINED]

    def text(n: int) -> _Text:
        return (f"协调负荷最高的前{n}个单位", f"Top {_count(n, 'unit')} by coordination load"), caption

    if data.empty:
        sheet.set_text(("各单位的协调负荷", "Coordination load of units"), caption)
        with sheet.figure(sheet.height(72), []) as fig:
            sheet.nothing(fig, "没有单位承担任务。", "no unit is named on any task.")
            return sheet.save(fig, folder, "coordination-load")
    width = sheet.ems(0.36, sheet.tick)
    english = data["english"] if "english" in data.columns else [None] * len(data)
    labels = [sheet.say.name(u, e, width, sheet.name_lines) for u, e in zip(data["unit"], english)]
    load = data["coordination_load"].astype(float).tolist()
    if answering is not None:
        answer = [min(answering.get(iri, 0.0), v) for iri, v in zip(data["iri"], load)]
    else:
        answer = [min(0.5 * (r + c), v) for r, c, v in zip(data["responsible"], data["cooperating"], load)]
    hatch = ["////" if k == "collective" else "" for k in data["kind"]]
    series = [
        _Series(sheet.say("牵头（任务及协作方）", "leading (tasks + partners)"), [v - a for v, a in zip(load, answer)], BLUE, hatch),
        _Series(sheet.say("配合他人牵头的任务", "answering for others' tasks"), answer, YELLOW, hatch, [_number(v) for v in load]),
    ]  # fmt: skip
    xlabel = sheet.say("协调负荷指数", "coordination load index")
    return _bar_figure(
        sheet,
        text,
        labels,
        series,
        xlabel,
        lambda fig: sheet.save(fig, folder, "coordination-load"),
        stacked=True,
    )


def leader_section_figure(
    assignments: Any, folder: str | os.PathLike[str], options: FigureOptions | None = None
) -> list[Path]:
    """Heat map: tasks per lead leader (rows) and (sub)section (columns), numbers in the cells."""
    options = options or FigureOptions()
    sheet = _Sheet(options)
    folder = Path(folder)
    counts: Counter[tuple[str, str]] = Counter()
    sections: dict[str, str | None] = {}
    left_out: set[str] = set()
    for t in assignments.tasks:
        where = t.subsection_title or t.section_title or "—"
        sections.setdefault(where, section_number(t.section_title, t.subsection_title))
        for p in t.parties.get("lead_leader", []):
            if p.kind == "collective" and options.collectives == "exclude":
                left_out.add(p.name)
                continue
            counts[(p.name, where)] += 1
    totals: Counter[str] = Counter()
    for (name, _), v in counts.items():
        totals[name] += v
    # Many plans make many leaders: the figure keeps the busiest, and says so.
    leaders = [name for name, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_LEADERS]]
    every = [s for s in sections if any(counts[(leader, s)] for leader in leaders)]
    columns = every[:MAX_SECTIONS]
    numbered = options.lang == "en" and all(sections[s] for s in columns)
    short = 12 if sheet.width >= 6 else 8
    column_labels = [str(sections[s]) if numbered else shorten(s, short) for s in columns]
    rows = [
        sheet.say.name(
            name, person_english(name) if options.lang != "zh" else None, sheet.ems(0.24, sheet.tick), 1
        )
        for name in leaders
    ]  # pinyin only where it is shown: pypinyin takes 0.25 s to import

    def text(n: int) -> _Text:
        parts = [("每项任务计入其每位牵头领导", "a task overseen by several leaders counts for each")]
        if len(totals) > n:
            parts.append(
                (
                    f"仅列任务最多的{n}位领导（共{len(totals)}位）",
                    f"the {n} busiest of {len(totals)} leaders shown",
                )
            )
        if len(every) > len(columns):
            parts.append(
                (
                    f"仅列前{len(columns)}个部分（共{len(every)}个）",
                    f"the first {len(columns)} of {len(every)} sections shown",
                )
            )
        if left_out:
            parts.append(
                ("不计集合性领导（如" + "、".join(sorted(left_out)[:2]) + "）", "collective leaders left out")
            )
        if numbered:
            parts.append(("", "columns numbered as the plan's sections (I) and subsections (II.1)"))
        if options.lang != "zh":
            parts.append(("", "leaders' names in pinyin"))
        return ("各领导分管任务在各部分的分布", "Tasks overseen per leader and section"), [
            *parts,
            *_scope(Scope.of(assignments)),
        ]

    if not leaders or not columns:
        sheet.set_text(*text(0))
        with sheet.figure(sheet.height(72, xlabel=False), []) as fig:
            if left_out:
                sheet.nothing(
                    fig, "牵头领导均为集合性领导，已不计。", "every lead leader is a collective, left out."
                )
            else:
                sheet.nothing(fig, "方案未列牵头领导。", "the plan names no lead leader.")
            return sheet.save(fig, folder, "leader-section")
    matrix = [[counts[(leader, s)] for s in columns] for leader in leaders]
    scale = sheet.say("任务数", "tasks", " ")
    return _heat_figure(
        sheet, text, rows, column_labels, matrix, scale, lambda fig: sheet.save(fig, folder, "leader-section")
    )


def degree_distribution_figure(G: Any, folder: str | os.PathLike[str], options: FigureOptions | None = None,
                               scope: Scope | None = None) -> list[Path]:  # fmt: skip
    """Bars: how many units have each number of co-assignment partners (binned when many)."""
    options = options or FigureOptions()
    sheet = _Sheet(options)
    folder = Path(folder)
    degrees = Counter(d for _, d in G.degree())
    parts = [*_choices(options), *_scope(scope),
             ("度：与之同列一项任务的单位数（单位协作网络）", "degree: the units named on a task with it (units view)")]  # fmt: skip
    sheet.set_text(("单位的度分布", "Degree distribution of units"), parts)
    xs = sorted(degrees)
    step = math.ceil((max(xs, default=0) + 1) / 20) if len(xs) > 25 else 1
    bins: Counter[int] = Counter()
    for d, c in degrees.items():
        bins[d // step * step] += c
    xs = sorted(bins)
    heights = [bins[x] for x in xs]
    with sheet.figure(sheet.height(2.4 * 72), []) as fig:
        if G.number_of_edges() == 0:
            sheet.nothing(fig, "没有两个单位同列一项任务。", "no two units are named on the same task.")
            return sheet.save(fig, folder, "degree-distribution")
        ax = fig.add_subplot()
        bars = ax.bar([x + (step - 1) / 2 for x in xs], heights, width=0.8 * step, color=BLUE)
        texts = ax.bar_label(bars, labels=[str(h) for h in heights], padding=1.5, fontsize=sheet.small)
        if max(heights) / max(min(heights), 1) > 100:
            ax.set_yscale("log")
        binned = f"（每{step}为一组）" if step > 1 else ""
        ax.set_xlabel(
            _m(
                sheet.say(
                    f"合作单位数（度）{binned}",
                    "partners (degree)" + (f", in bins of {step}" if step > 1 else ""),
                    " ",
                )
            )
        )
        ax.set_ylabel(_m(sheet.say("单位数", "units", " ")))
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.grid(axis="y", alpha=0.3, linewidth=0.5)
        ax.set_axisbelow(True)
        sheet.decorate(fig)
        _make_room(fig, ax, list(zip(texts, heights)), axis="y")
        return sheet.save(fig, folder, "degree-distribution")


def function_figure(units: Any, folder: str | os.PathLike[str], options: FigureOptions | None = None,
                    scope: Scope | None = None) -> list[Path]:  # fmt: skip
    """Coordination load summed by the function of units: bars for one plan, a heat map for several.

    ``units`` is ``Corpus.units()`` (one row per plan and unit; plan columns when several).
    """
    from taskgraph.units.functions import concepts

    options = options or FigureOptions()
    sheet = _Sheet(options)
    folder = Path(folder)
    zh_of = {c.function.en: c.function.zh for c in concepts().values()}
    frame = units.copy()
    frame["function"] = frame["function"].fillna("unknown")
    several = "plan" in frame.columns and frame["plan"].nunique() > 1
    width = sheet.ems(0.34, sheet.tick)

    def name(function: str) -> str:
        zh = zh_of.get(function, "未归类" if function == "unknown" else function)
        return sheet.say.name(zh, function, width, sheet.name_lines)

    parts = [*_choices(options), *_scope(scope), _LOAD_DEFINED,
             ("单位职能依 taskgraph 的职能分类", "functions after taskgraph's scheme of unit functions")]  # fmt: skip

    def write(fig: Any) -> list[Path]:
        return sheet.save(fig, folder, "function-load")

    if len(frame) == 0 or frame["coordination_load"].fillna(0).sum() == 0:
        sheet.set_text(("各职能单位的协调负荷", "Coordination load by function of unit"), parts)
        with sheet.figure(sheet.height(72), []) as fig:
            sheet.nothing(fig, "没有单位承担任务。", "no unit is named on any task.")
            return write(fig)
    if not several:
        sums = (
            frame.groupby("function")["coordination_load"].sum().sort_values(ascending=False, kind="stable")
        )
        members = frame.groupby("function")["unit"].nunique()
        sums = sums[sums > 0].head(options.top)
        labels = [name(f) for f in sums.index]
        values = [float(v) for v in sums]
        value_labels = [f"{_number(v)} ({int(members[f])})" for f, v in zip(sums.index, values)]
        xlabel = sheet.say(
            "协调负荷指数之和（括号内为单位数）", "coordination load index, summed (units in brackets)"
        )

        def text(n: int) -> _Text:
            return (
                f"协调负荷最高的{n}类单位职能",
                f"Top {_count(n, 'function')} of unit by coordination load",
            ), parts

        return _bar_figure(sheet, text, labels, [_Series("", values, BLUE, (), value_labels)], xlabel, write)
    table = frame.pivot_table(
        index="function", columns="plan", values="coordination_load", aggfunc="sum", fill_value=0
    )
    table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index].head(options.top)
    table = table[list(dict.fromkeys(frame["plan"]))]  # the plans in the corpus's order
    plan_labels = _plan_labels(frame.drop_duplicates("plan"), sheet)
    columns = [plan_labels.get(p, str(p)) for p in table.columns]
    rows = [name(f) for f in table.index]

    def heat_text(n: int) -> _Text:
        return ("各方案中各职能单位的协调负荷", "Coordination load by function of unit, per plan"), parts

    matrix = table.to_numpy().tolist()
    return _heat_figure(
        sheet, heat_text, rows, columns, matrix, sheet.say("协调负荷", "coordination load", " "), write
    )


def _plan_labels(table: Any, sheet: _Sheet) -> dict[str, str]:
    """A short label for each plan: its jurisdiction and year (in English: 莘县 → Shen County)."""
    from taskgraph.units import english_name_for_jurisdiction

    out: dict[str, str] = {}
    for k, (plan, jurisdiction, year) in enumerate(
        zip(table["plan"], table["jurisdiction"], table["year"]), start=1
    ):
        place = str(jurisdiction) if isinstance(jurisdiction, str) else ""
        english = english_name_for_jurisdiction(place) if place else None
        when = str(int(year)) if isinstance(year, (int, float)) and year == year else ""
        title = shorten(str(plan), 10) if not str(plan).startswith(("http://", "https://")) else ""
        zh = f"{place}{when}" if place else title or f"方案{k}"
        en = f"{english or place} {when}".strip() if place else title or f"plan {k}"
        label, k = sheet.say(zh, en, " "), 1
        while label in out.values():  # two plans of one place and year: numbered
            k += 1
            label = f"{sheet.say(zh, en, ' ')} ({k})"
        out[plan] = label
    return out


def write_figures(
    source: Any, folder: str | os.PathLike[str], options: FigureOptions | None = None
) -> list[Path]:
    """All figures of a corpus into ``folder`` (created if needed); return the files written.

    Coordination load, leader × section, degree distribution, and load by function of unit.
    """
    from taskgraph.corpus import Corpus

    options = options or FigureOptions()
    corpus = (
        source
        if isinstance(source, Corpus)
        else Corpus(source if isinstance(source, (list, tuple)) else [source])
    )
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    scope = Scope.of(corpus.assignments)
    if scope.tasks:
        # English names only for figures that show them: romanising loads pypinyin (0.25 s).
        english = options.lang != "zh"
        units = corpus.units("corpus", options.collectives, options.groups, english=english)
        by_plan = corpus.units(None, options.collectives, options.groups, english=english)
        G = corpus.view("units", options.collectives, options.groups)
    else:  # nothing to measure (the analysis needs a unit): figures that say so
        import networkx as nx
        import pandas as pd

        units = by_plan = pd.DataFrame(
            columns=["unit", "kind", "function", "english", "coordination_load", "iri"]
        )
        G = nx.Graph()
    answering = answering_load(corpus.assignments, options.collectives, options.groups)
    paths = coordination_load_figure(units, out, options, scope, answering)
    paths += leader_section_figure(corpus.assignments, out, options)
    paths += degree_distribution_figure(G, out, options, scope)
    paths += function_figure(by_plan, out, options, scope)
    return paths


_PANELS = (
    ("tasks", "任务数", "tasks", False),
    ("joint_leadership_share", "联合牵头占比", "joint leadership", True),
    ("leader_span", "领导跨度", "leader span", False),
    ("centralization", "中心势", "centralisation", False),
    ("collective_share", "集合性主体占比", "collective share", True),
)


def corpus_figure(
    table: Any, folder: str | os.PathLike[str], options: FigureOptions | None = None
) -> list[Path]:
    """Plans side by side, one small panel per measure: tasks, joint leadership share, leader
    span, centralisation, collective share (``table`` is :func:`taskgraph.report.corpus_table`)."""
    options = options or FigureOptions()
    sheet = _Sheet(options)
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    labels = _plan_labels(table, sheet) if len(table) else {}
    names = (
        [sheet.say.name(labels[p], None, sheet.ems(0.16, sheet.tick), 2) for p in table["plan"]]
        if len(table)
        else []
    )
    columns = 5 if sheet.width >= 6 else 3
    grid_rows = math.ceil(len(_PANELS) / columns)
    parts = [
        (f"{len(table)}个方案", _plans(len(table))),
        ("联合牵头：多于一位牵头领导或一个牵头单位的任务所占比例", "joint leadership: share of tasks with more than one lead leader or lead unit"),
        ("领导跨度：每位牵头领导所涉牵头单位数的平均", "leader span: lead units per lead leader, averaged"),
        ("中心势：单位协作网络的Freeman度中心势（分组拆分，不计集合性主体）",
         "centralisation: Freeman degree centralisation of the units view (groups split, collectives left out)"),
        ("集合性主体占比：列有集合性主体的任务所占比例", "collective share: share of tasks naming a collective"),
    ]  # fmt: skip
    sheet.set_text(("各方案比较", "Plans side by side"), parts)
    lines = [n.count("\n") + 1 for n in names]
    panel_title = sheet.base * 2.8
    content = grid_rows * (len(names) * _pitch(sheet, lines) + panel_title) + (grid_rows - 1) * 8
    with sheet.figure(sheet.height(content, xlabel=False), names) as fig:
        if not names:
            sheet.nothing(fig, "没有方案。", "no plan.")
            return sheet.save(fig, out, "corpus")
        axes = fig.subplots(grid_rows, columns, sharey=True, squeeze=False).ravel()
        y = list(range(len(names)))
        value_labels = []
        for ax, (column, zh, en, share) in zip(axes, _PANELS):
            values = [None if v is None or v != v else float(v) for v in table[column]]
            bars = ax.barh(y, [v or 0 for v in values], color=BLUE, height=0.7)
            texts = ax.bar_label(
                bars, labels=[_number(v, share) for v in values], padding=2, fontsize=sheet.small
            )
            ems = sheet.ems(0.85 / columns, sheet.base)
            ax.set_title(_m(sheet.say(wrap(zh, ems, 2), wrap(en, ems, 2))), fontsize=sheet.base)
            ax.set_yticks(y, [_m(n) for n in names])
            ax.xaxis.set_visible(False)
            ax.spines["bottom"].set_visible(False)
            ax.set_ylim(len(names) - 0.5, -0.5)
            if share:
                ax.set_xlim(0, 1)
            value_labels.append(list(zip(texts, [v or 0 for v in values])))
        for ax in axes[len(_PANELS) :]:
            ax.set_axis_off()
        sheet.decorate(fig)
        for ax, shown in zip(axes, value_labels):
            _make_room(fig, ax, shown)
        return sheet.save(fig, out, "corpus")


# How taskgraph compare computes each unit's load (Corpus.units with its defaults): the
# caption says so whatever the options, which only choose how the figure is drawn.
_COMPARE_CHOICES = ("expand", "exclude")


def load_change_figure(
    comparison: Any, path: str | os.PathLike[str], options: FigureOptions | None = None
) -> Path:
    """The units whose coordination load changed most between two plans, before and after.

    One file, its format from the extension of ``path`` (``.png``, ``.svg`` or ``.pdf``).
    Renamed units (from the alias file) are marked and hatched; a unit new in, or gone from,
    the later plan shows "—" on the side it is missing from.
    """
    from taskgraph.errors import UsageError
    from taskgraph.units import english_name

    target = Path(path)
    fmt = target.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise UsageError(f"a figure is written as .png, .svg or .pdf, not {target.name!r}")
    options = options or FigureOptions()
    options = FigureOptions(
        (fmt,), options.dpi, options.size, options.lang, options.collectives, options.groups, options.top
    )
    sheet = _Sheet(options)
    rows = [r for r in comparison.load if (r["after"] or 0) != (r["before"] or 0)]
    rows.sort(key=lambda r: (-abs((r["after"] or 0) - (r["before"] or 0)), r["unit"]))
    rows = rows[: options.top]
    width = sheet.ems(0.34, sheet.tick)

    def label(row: dict[str, Any]) -> str:
        renamed = row["status"] == "renamed"
        parts = row["unit"].split("→")
        zh = "→".join(parts) + ("（更名）" if renamed else "")
        en = " → ".join(english_name(p) or p for p in parts) + (" (renamed)" if renamed else "")
        return sheet.say.name(zh, en, width, sheet.name_lines)

    matched = len(comparison.matched)
    before, after = matched + len(comparison.removed), matched + len(comparison.added)
    fixed = FigureOptions(groups=_COMPARE_CHOICES[0], collectives=_COMPARE_CHOICES[1])
    caption = [
        (
            f"前：{len(comparison.before)}个方案共{before}项任务",
            f"before: {before} tasks of {_plans(len(comparison.before))}",
        ),
        (
            f"后：{len(comparison.after)}个方案共{after}项任务",
            f"after: {after} tasks of {_plans(len(comparison.after))}",
        ),
        *_choices(fixed),
        *[("“—”为该方案未列此单位", "— not named in that plan")]
        * any(r["before"] is None or r["after"] is None for r in rows),
        *[("更名依别名文件（斜线）", "renamed after the alias file (hatched)")]
        * any(r["status"] == "renamed" for r in rows),
        _LOAD_DEFINED,
    ]

    def text(n: int) -> _Text:
        return (
            f"协调负荷变化最大的{n}个单位",
            f"The {_count(n, 'unit')} whose coordination load changed most",
        ), caption

    def write(fig: Any) -> Path:
        return sheet.write(fig, target, fmt)

    if not rows:
        sheet.set_text(("协调负荷的变化", "Change in coordination load"), caption)
        with sheet.figure(sheet.height(72), []) as fig:
            sheet.nothing(fig, "两方案间没有单位的协调负荷发生变化。", "no unit's coordination load changed.")
            return write(fig)
    b = [r["before"] for r in rows]
    a = [r["after"] for r in rows]
    hatch = ["////" if r["status"] == "renamed" else "" for r in rows]
    series = [
        _Series(sheet.say("前", "before", " "), b, GREY, (), [_number(v) for v in b]),
        _Series(sheet.say("后", "after", " "), a, BLUE, hatch, [_number(v) for v in a]),
    ]
    xlabel = sheet.say("协调负荷指数", "coordination load index")
    return _bar_figure(sheet, text, [label(r) for r in rows], series, xlabel, write)


def _plans(n: int) -> str:
    return _count(n, "plan")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


__all__ = [
    "FigureOptions",
    "Scope",
    "answering_load",
    "clipped",
    "coordination_load_figure",
    "corpus_figure",
    "degree_distribution_figure",
    "function_figure",
    "leader_section_figure",
    "load_change_figure",
    "write_figures",
]
