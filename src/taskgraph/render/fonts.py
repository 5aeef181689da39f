"""The CJK font shipped with taskgraph (Droid Sans Fallback, Apache-2.0), for figures and pages.

Figures register it with matplotlib, so Chinese labels render on a machine with no CJK font.
Pages embed a subset holding just the characters they show (fontTools), so the browser draws
Chinese without a system font and without a network request.

Cutting a subset out of the full font is slow: fontTools reads and prunes all 49,382 glyphs of
the 4 MB file, about 0.35 s each time, and matplotlib does it twice for every PDF figure (to
embed the font as Type 42). So a process cuts the font once, to the common Chinese characters
(the 6,763 hanzi of GB 2312) and punctuation — :func:`compact_font`, 1 MB, 0.45 s to build —
and later subsets are cut from that, in about 0.07 s. A name with a rarer character adds it
to the compact font, which is then rebuilt once.

A report writes five pages: cut one by one, the first from the full font and the second after
building the compact font, they cost a second. Inside :func:`deferred_subsets` a page gets a
placeholder instead, and :meth:`PendingSubsets.fill` then cuts one font holding every
character of every page (0.3 s) and each page's subset from it (0.03 s each). A subset is the
same, byte for byte, whichever font holding its characters it is cut from.
"""

from __future__ import annotations

import atexit
import base64
import io
import os
import secrets
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from taskgraph.resources import package_file

FONT_FILE = "DroidSansFallbackFull.ttf"
FONT_FAMILY = "Droid Sans Fallback"
# Punctuation and symbols a plan or a figure uses, besides the hanzi: general punctuation
# (—, …, “”), arrows (→), geometric shapes (▲), CJK punctuation (、。〔〕), fullwidth forms (（），).
_SYMBOL_RANGES = ((0x2000, 0x2070), (0x2190, 0x2200), (0x25A0, 0x2600), (0x3000, 0x3040), (0xFF00, 0xFFF0))

_lock = threading.Lock()
_state: dict[str, Any] = {
    "compact": None,
    "chars": frozenset(),
    "folder": None,
    "registered": None,
    "full_cuts": 0,
    "source": None,  # (code points, font bytes): the font cut for pages, to cut the next ones from
}
_deferred = threading.local()  # .pending: the PendingSubsets this thread collects, in deferred_subsets()
DATA_URI_PREFIX = "data:font/ttf;base64,"


def font_path() -> Path:
    """Path of the shipped CJK font."""
    return package_file("fonts", FONT_FILE)


@cache
def _font_characters() -> frozenset[int]:
    """The code points the shipped font has a glyph for (it has no Latin letters: DejaVu Sans draws those)."""
    from fontTools.ttLib import TTFont

    with TTFont(str(font_path()), lazy=True) as font:
        return frozenset(font.getBestCmap())


@cache
def common_characters() -> frozenset[int]:
    """The characters the compact font always holds: GB 2312's hanzi and punctuation, and symbols.

    Examples
    --------
    >>> chars = common_characters()
    >>> all(ord(ch) in chars for ch in "县发展改革局莘（一）、，…"), len(chars) > 7000
    (True, True)
    """
    chars = set()
    for high in range(0xA1, 0xF8):  # GB 2312: rows 1-9 symbols, 16-87 hanzi
        for low in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes((high, low)).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    for start, end in _SYMBOL_RANGES:
        chars.update(range(start, end))
    return frozenset(chars)


def _cut(source: Path | bytes, text: str) -> Any:
    """A fontTools font: ``source`` (a path, or a font file's bytes) cut down to the characters of ``text``."""
    from fontTools import subset

    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(io.BytesIO(source) if isinstance(source, bytes) else str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text or " ")
    subsetter.subset(font)
    return font


def compact_font(text: str = "") -> Path:
    """The shipped font cut to :func:`common_characters` and those of ``text``, built once per process.

    It lives in a temporary folder removed when the process ends. A later call whose ``text``
    holds a character outside it (and in the full font) rebuilds it with that character.
    """
    with _lock:
        needed = {ord(ch) for ch in text} & _font_characters()
        if _state["compact"] is not None and needed <= _state["chars"]:
            return Path(_state["compact"])
        chars = frozenset(_state["chars"] | common_characters() | needed) & _font_characters()
        folder = _state["folder"]
        if folder is None:
            folder = _state["folder"] = tempfile.mkdtemp(prefix="taskgraph-fonts-")
            atexit.register(_remove, folder, os.getpid())
        path = Path(folder) / f"DroidSansFallback-{len(chars)}.ttf"
        font = _cut(font_path(), "".join(map(chr, sorted(chars))))
        font.save(str(path))
        font.close()
        _state["compact"], _state["chars"] = str(path), chars
        return path


def _remove(folder: str, owner: int) -> None:
    """Remove the compact font's folder at exit, in the process that made it only (not in a fork)."""
    if os.getpid() == owner:
        shutil.rmtree(folder, True)


def _covers(text: str) -> bool:
    return (
        _state["compact"] is not None and ({ord(ch) for ch in text} & _font_characters()) <= _state["chars"]
    )


def matplotlib_font(text: str = "", compact: bool = False) -> str:
    """Register the shipped font with matplotlib and return its family name.

    With ``compact`` (the figure will be written as PDF, which embeds a subset of the font),
    :func:`compact_font` covering ``text`` stands in for the full font: same family name, same
    glyphs and metrics, ten times faster to subset. Only one of the two is registered at a time.
    """
    from matplotlib import font_manager

    path = str(compact_font(text) if compact else font_path())
    with _lock:
        if _state["registered"] != path:
            manager = font_manager.fontManager
            old = _state["registered"]
            if old is not None:
                manager.ttflist = [f for f in manager.ttflist if f.fname != old]
            manager.addfont(path)  # clears matplotlib's cache of font look-ups
            _state["registered"] = path
    return _family(path)


@cache
def _family(path: str) -> str:
    from matplotlib import font_manager

    return str(font_manager.FontProperties(fname=path).get_name())


def subset_font_data_uri(text: str) -> str:
    """A ``data:`` URI of the shipped font cut down to the characters of ``text``.

    The second call in a process builds :func:`compact_font` and cuts from it (and so does
    every call once it exists and covers ``text``). Inside :func:`deferred_subsets` the URI
    holds a placeholder that :meth:`PendingSubsets.fill` replaces.

    Examples
    --------
    >>> uri = subset_font_data_uri("县财政局")
    >>> uri.startswith("data:font/ttf;base64,") and len(uri) < 40_000
    True
    """
    pending = getattr(_deferred, "pending", None)
    if pending is not None:
        return DATA_URI_PREFIX + pending.add(text)
    return DATA_URI_PREFIX + _subsets([_characters(text)])[0]


def _characters(text: str) -> str:
    return "".join(sorted(set(text)))


def _subset_bytes(source: Path | bytes, chars: str) -> bytes:
    font = _cut(source, chars)
    out = io.BytesIO()
    font.save(out)
    font.close()
    return out.getvalue()


def _subsets(wanted: list[str]) -> list[str]:
    """The base64 subsets of the font for each string of characters in ``wanted``.

    Each is cut from the font last cut for pages when that holds every character wanted; else
    the first time from the full font, cut once to all the characters wanted, and later from
    :func:`compact_font` (which then serves every page).
    """
    union = _characters("".join(wanted))
    needed = {ord(ch) for ch in union} & _font_characters()
    cached = _state["source"]
    fresh: bytes | None = None  # the full font cut just now to exactly ``union``
    source: Path | bytes
    if cached is not None and needed <= cached[0]:
        source = cached[1]
    elif _covers(union) or _state["full_cuts"] >= 1:
        source = compact_font(union)
    else:
        _state["full_cuts"] += 1
        source = fresh = _subset_bytes(font_path(), union)
        _state["source"] = (frozenset(needed), source)
    return [
        base64.b64encode(
            fresh if fresh is not None and chars == union else _subset_bytes(source, chars)
        ).decode("ascii")
        for chars in wanted
    ]


class PendingSubsets:
    """The font subsets pages asked for inside :func:`deferred_subsets`, cut together by :meth:`fill`."""

    def __init__(self) -> None:
        self._nonce = secrets.token_hex(8)  # no plan's text holds it by chance
        self._wanted: list[str] = []
        self._done: list[str] | None = None

    def add(self, text: str) -> str:
        """Note a page's characters; return the placeholder standing for its subset (base64 characters)."""
        if self._done is not None:
            raise RuntimeError("the subsets were already cut")
        self._wanted.append(_characters(text))
        return f"TASKGRAPHFONT{self._nonce}N{len(self._wanted) - 1}X"

    def fill(self, page: str) -> str:
        """``page`` with its placeholder replaced by its subset (all subsets are cut on the first call)."""
        if self._done is None:
            self._done = _subsets(self._wanted) if self._wanted else []
        for k, data in enumerate(self._done):
            token = f"TASKGRAPHFONT{self._nonce}N{k}X"
            if token in page:
                page = page.replace(token, data, 1)
        return page


@contextmanager
def deferred_subsets() -> Iterator[PendingSubsets]:
    """Pages rendered inside get a placeholder for their font; ``fill`` each page afterwards.

    Examples
    --------
    >>> with deferred_subsets() as pending:
    ...     pages = [subset_font_data_uri("县财政局"), subset_font_data_uri("县发展改革局")]
    >>> [pending.fill(p) == subset_font_data_uri(t) for p, t in zip(pages, ["县财政局", "县发展改革局"])]
    [True, True]
    """
    if getattr(_deferred, "pending", None) is not None:
        raise RuntimeError("font subsets are already being deferred")
    pending = _deferred.pending = PendingSubsets()
    try:
        yield pending
    finally:
        _deferred.pending = None
