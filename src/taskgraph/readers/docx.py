"""The .docx reader: a Word document's body, paragraphs and tables in document order.

The package is read straight from the zip with a hardened lxml parser (no DTD, no entities,
no network), after its members' sizes are checked, so that a zip bomb is refused before it
is unpacked. Only the three parts the text needs are parsed: the main document, its
numbering and its styles (plus the core properties for the title); headers, footers,
comments and images are never opened.

Word's automatic numbering is not in a paragraph's text: it is rendered here from
``numbering.xml`` (``1.``, ``一、``, ``（一）``, ``①``, ``%1.%2``), so that a list item reads as
printed. Table cells merged across (``gridSpan``) or down (``vMerge``) are repeated into every
cell they cover; rows marked to repeat on each page (``w:tblHeader``) are header rows.
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from taskgraph.errors import InputError
from taskgraph.readers.blocks import Block, Document, Paragraph, Row

# A zip is refused when its members would unpack to more than this (a zip bomb unpacks a
# few KB into GB); real plans unpack to a few MB.
MAX_UNPACKED = int(os.environ.get("TASKGRAPH_MAX_UNPACKED", str(200 * 1024 * 1024)))
MAX_MEMBERS = 10_000
# What zipfile raises on a damaged member (NotImplementedError: a compression it does not know).
_DAMAGED = (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError)

_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_DC = "http://purl.org/dc/elements/1.1/"

# Never a DTD, never an entity, never the network: OOXML has no use for any of them.
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
)


def open_package(data: bytes, path: str, kind: str) -> zipfile.ZipFile:
    """Open an Office package, refusing a damaged zip, a zip bomb and XML parts with a DTD.

    ``kind`` names the format in messages (``.docx``, ``.xlsx``). The sizes checked are the
    ones the zip declares; :mod:`zipfile` stops unpacking a member at its declared size.
    """
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        members = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(
            f"cannot read this {kind} file: it is damaged or not a {kind} ({exc})", path
        ) from None
    if len(members) > MAX_MEMBERS:
        raise InputError(
            f"this {kind} file holds {len(members):,} parts, more than any document; refused", path
        )
    total = sum(m.file_size for m in members)
    if total > MAX_UNPACKED:
        raise InputError(
            f"this {kind} file would unpack to {total // 2**20:,} MB, over the limit of "
            f"{MAX_UNPACKED // 2**20} MB (a zip bomb?); refused; set TASKGRAPH_MAX_UNPACKED to read it",
            path,
        )
    for member in members:
        if member.filename.endswith((".xml", ".rels")) and member.file_size:
            try:
                with package.open(member) as fh:
                    head = fh.read(8192).replace(b"\x00", b"")
            except _DAMAGED as exc:
                raise InputError(
                    f"cannot read this {kind} file: {member.filename} is damaged ({exc})", path
                ) from None
            if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
                raise InputError(
                    f"this {kind} file declares a DTD in {member.filename}; refused for safety", path
                )
    return package


def read_part(package: zipfile.ZipFile, name: str, path: str, kind: str) -> etree._Element | None:
    """Parse one XML member of a package, or None when it is absent."""
    try:
        raw = package.read(name)
    except KeyError:
        return None
    except _DAMAGED as exc:
        raise InputError(f"cannot read this {kind} file: {name} is damaged ({exc})", path) from None
    try:
        return etree.fromstring(raw, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise InputError(
            f"cannot read this {kind} file: {name} is not well-formed XML ({exc})", path
        ) from None


def relationships(package: zipfile.ZipFile, source: str, path: str, kind: str) -> dict[str, str]:
    """The targets of a part's relationships by their type's last word (``officeDocument``, ``styles`` …)."""
    folder, name = posixpath.split(source)
    rels = read_part(package, posixpath.join(folder, "_rels", name + ".rels"), path, kind)
    targets: dict[str, str] = {}
    if rels is None:
        return targets
    for rel in rels.iter(f"{{{_REL}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        kind_name = (rel.get("Type") or "").rstrip("/").rsplit("/", 1)[-1]
        target = rel.get("Target") or ""
        resolved = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(folder, target))
        )
        targets.setdefault(kind_name, resolved)
    return targets


def core_title(package: zipfile.ZipFile, path: str, kind: str) -> str | None:
    """The title in a package's core properties, or None."""
    core = relationships(package, "", path, kind).get("core-properties", "docProps/core.xml")
    root = read_part(package, core, path, kind)
    if root is None:
        return None
    title = root.find(f"{{{_DC}}}title")
    text = (title.text or "").strip() if title is not None else ""
    return text or None


# --- numbers as Word prints them -------------------------------------------------------------

_CN_DIGITS = "〇一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_LEGAL_TRAD_DIGITS = "零壹貳參肆伍陸柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


def _chinese(n: int, digits: str = _CN_DIGITS, units: str = "十百千", zero: str = "零") -> str:
    """A number in Chinese numerals below 10 000, with 万 above: 1 一, 10 十, 21 二十一, 105 一百零五."""
    if n == 0:
        return digits[0]
    if n >= 10000:
        high, low = divmod(n, 10000)
        rest = "" if low == 0 else (zero if low < 1000 else "") + _chinese(low, digits, units, zero)
        return _chinese(high, digits, units, zero) + "万" + rest
    out, pending_zero = "", False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = n // power % 10
        if d == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out += zero
            pending_zero = False
        out += digits[d] + unit
    if digits is _CN_DIGITS and 10 <= n < 20:
        out = out[1:]  # 十一, not 一十一
    return out


def _letters(n: int, upper: bool) -> str:
    # Word repeats the letter: A … Z, AA … ZZ, AAA …; a hostile start value stays a number.
    if n > 26 * 10:
        return str(n)
    letter = chr(ord("A" if upper else "a") + (n - 1) % 26)
    return letter * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if n >= 4000:  # no Roman numeral; and "M" * n would be unbounded
        return str(n)
    out = ""
    for value, numeral in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
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
            out += numeral
            n -= value
    return out


def _enclosed(n: int, ranges: tuple[tuple[int, int, int], ...]) -> str:
    for first, last, code in ranges:
        if first <= n <= last:
            return chr(code + n - first)
    return str(n)


def format_number(n: int, fmt: str) -> str:
    """``n`` in one of Word's number formats (``w:numFmt``); unknown formats as decimals.

    Examples
    --------
    >>> [format_number(n, "chineseCounting") for n in (1, 10, 11, 20, 23, 105)]
    ['一', '十', '十一', '二十', '二十三', '一百零五']
    >>> [format_number(n, f) for n, f in ((3, "ideographTraditional"), (2, "decimalEnclosedCircle"), (28, "upperLetter"))]
    ['丙', '②', 'BB']
    """
    if fmt in ("decimal", "decimalHalfWidth", "arabicAbjad") or n < 0:
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting"):
        return _chinese(n)
    if fmt in ("taiwaneseCountingThousand", "koreanCounting"):
        return _chinese(n)
    if fmt == "ideographDigital" or fmt == "taiwaneseDigital":
        return "".join(_CN_DIGITS[int(d)] for d in str(n))
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _LEGAL_DIGITS, "拾佰仟", "零")
    if fmt == "ideographLegalTraditional":
        return _chinese(n, _LEGAL_TRAD_DIGITS, "拾佰仟", "零")
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _BRANCHES[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _enclosed(n, ((1, 20, 0x2460), (21, 35, 0x3251), (36, 50, 0x32B1)))
    if fmt == "ideographEnclosedCircle":
        return _enclosed(n, ((1, 10, 0x3280),))
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, ((1, 20, 0x2474),))
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, ((1, 20, 0x2488),))
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperLetter", "lowerLetter"):
        return _letters(n, fmt == "upperLetter") if n > 0 else str(n)
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(n) if n > 0 else str(n)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(n)


@dataclass(frozen=True)
class Level:
    """One level of a list definition (``w:lvl``)."""

    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: the (1-based) level that restarts this one
    legal: bool = False  # w:isLgl: every number of the label as a decimal
    suffix: str = "tab"
    style: str | None = None  # w:pStyle: the paragraph style this level belongs to


# "%1" in a level's text: the number of level 1.
_PLACEHOLDER = re.compile(r"%([1-9])")
# A label that ends in a bare digit, letter or Chinese numeral: "1.1", "A", "一" (not "1." or "①").
_BARE = re.compile(r"[0-9A-Za-z〇一二三四五六七八九十百千万]$")


def _val(el: etree._Element | None, w: str, default: str | None = None) -> str | None:
    if el is None:
        return default
    value = el.get(f"{{{w}}}val")
    return default if value is None else value


def _on(el: etree._Element | None, w: str) -> bool:
    # A toggle such as <w:vanish/> or <w:tblHeader w:val="true"/>: on unless it says false.
    return el is not None and _val(el, w, "true") not in ("false", "0", "off")


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


@dataclass
class Numbering:
    """The list definitions of a document and the counters of its lists while it is read.

    Counters are kept per abstract list, as Word does: two list instances (``w:num``) of one
    definition continue each other, unless an instance restarts a level (``startOverride``)
    the first time it is used.
    """

    w: str
    abstracts: dict[str, dict[int, Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, tuple[int | None, Level | None]]]] = field(default_factory=dict)
    styles: dict[str, tuple[str | None, str | None, int | None]] = field(default_factory=dict)
    counters: dict[str, list[int | None]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)

    @classmethod
    def parse(cls, numbering: etree._Element | None, styles: etree._Element | None, w: str) -> Numbering:
        self = cls(w)
        links: dict[str, str] = {}
        if numbering is not None:
            for abstract in numbering.iter(f"{{{w}}}abstractNum"):
                aid = abstract.get(f"{{{w}}}abstractNumId") or ""
                self.abstracts[aid] = {
                    _int(lvl.get(f"{{{w}}}ilvl"), 0): self._level(lvl) for lvl in abstract.iter(f"{{{w}}}lvl")
                }
                link = _val(abstract.find(f"{{{w}}}numStyleLink"), w)
                if link:
                    links[aid] = link
            for num in numbering.iter(f"{{{w}}}num"):
                overrides: dict[int, tuple[int | None, Level | None]] = {}
                for over in num.iter(f"{{{w}}}lvlOverride"):
                    start = _val(over.find(f"{{{w}}}startOverride"), w)
                    lvl = over.find(f"{{{w}}}lvl")
                    overrides[_int(over.get(f"{{{w}}}ilvl"), 0)] = (
                        _int(start, 1) if start is not None else None,
                        self._level(lvl) if lvl is not None else None,
                    )
                aid = _val(num.find(f"{{{w}}}abstractNumId"), w) or ""
                self.nums[num.get(f"{{{w}}}numId") or ""] = (aid, overrides)
        if styles is not None:
            for style in styles.iter(f"{{{w}}}style"):
                numpr = style.find(f"{{{w}}}pPr/{{{w}}}numPr")
                ilvl = _val(numpr.find(f"{{{w}}}ilvl"), w) if numpr is not None else None
                self.styles[style.get(f"{{{w}}}styleId") or ""] = (
                    _val(style.find(f"{{{w}}}basedOn"), w),
                    _val(numpr.find(f"{{{w}}}numId"), w) if numpr is not None else None,
                    _int(ilvl, 0) if ilvl is not None else None,
                )
        # An abstract list linked to a numbering style takes its levels from the style's list.
        for aid, link in links.items():
            target = self._style_num(link)[0]
            if target and target in self.nums and self.nums[target][0] != aid:
                self.abstracts[aid] = self.abstracts.get(self.nums[target][0], {})
        return self

    def _level(self, lvl: etree._Element) -> Level:
        w = self.w
        restart = lvl.find(f"{{{w}}}lvlRestart")
        return Level(
            start=_int(_val(lvl.find(f"{{{w}}}start"), w), 1),
            fmt=_val(lvl.find(f"{{{w}}}numFmt"), w, "decimal") or "decimal",
            text=_val(lvl.find(f"{{{w}}}lvlText"), w, "") or "",
            restart=_int(_val(restart, w), 0) if restart is not None else None,
            legal=_on(lvl.find(f"{{{w}}}isLgl"), w),
            suffix=_val(lvl.find(f"{{{w}}}suff"), w, "tab") or "tab",
            style=_val(lvl.find(f"{{{w}}}pStyle"), w),
        )

    def _style_num(self, style: str | None) -> tuple[str | None, int | None]:
        seen = set()
        while style and style not in seen:
            seen.add(style)
            based, num, ilvl = self.styles.get(style, (None, None, None))
            if num is not None:
                return num, ilvl
            style = based
        return None, None

    def label(self, ppr: etree._Element | None) -> str:
        """The number Word prints before a paragraph (with what follows it), or ``""``."""
        w = self.w
        numpr = ppr.find(f"{{{w}}}numPr") if ppr is not None else None
        num_id = _val(numpr.find(f"{{{w}}}numId"), w) if numpr is not None else None
        ilvl_text = _val(numpr.find(f"{{{w}}}ilvl"), w) if numpr is not None else None
        style = _val(ppr.find(f"{{{w}}}pStyle"), w) if ppr is not None else None
        ilvl = _int(ilvl_text, 0) if ilvl_text is not None else None
        if num_id is None:
            num_id, style_ilvl = self._style_num(style)
            ilvl = ilvl if ilvl is not None else style_ilvl
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        aid, overrides = self.nums[num_id]
        levels = dict(self.abstracts.get(aid, {}))
        for i, (_, lvl) in overrides.items():
            if lvl is not None:
                levels[i] = lvl
        if ilvl is None:  # a heading style's list: the level that names the style
            ilvl = next((i for i, lvl in levels.items() if style and lvl.style == style), 0)
        if ilvl not in levels:
            return ""
        state = self.counters.setdefault(aid, [None] * 10)
        if num_id not in self.used:
            self.used.add(num_id)
            for i, (start, _) in overrides.items():
                if start is not None and 0 <= i < 10:
                    state[i] = start - 1
        level = levels[ilvl]
        current = state[ilvl]
        state[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, 10):
            lvl = levels.get(deeper)
            restart = lvl.restart if lvl is not None and lvl.restart is not None else deeper
            if ilvl < restart:
                state[deeper] = None
        if level.fmt in ("bullet", "none") or not level.text:
            return ""

        def number(match: re.Match[str]) -> str:
            i = int(match.group(1)) - 1
            lvl = levels.get(i, Level())
            value = state[i] if state[i] is not None else lvl.start
            return format_number(value or 0, "decimal" if level.legal else lvl.fmt)

        text = _PLACEHOLDER.sub(number, level.text)
        if level.suffix == "space" or (level.suffix == "tab" and _BARE.search(text)):
            # A tab after "1." prints as a gap, read as nothing; after a bare "1" or "一" a space
            # keeps the number apart from a text that starts with digits.
            text += " "
        return text


# --- the body --------------------------------------------------------------------------------

# A symbol from a symbol font (w:sym w:char="F06C") is in the private use area: not text.
_PRIVATE = range(0xE000, 0xF900)


@dataclass
class _Reader:
    """Walks a document body in order (mutable working state)."""

    w: str
    numbering: Numbering
    blocks: list[Block] = field(default_factory=list)
    line: int = 0
    tables: int = 0
    in_instruction: bool = False  # inside a field's code (between fldChar begin and separate)

    def q(self, tag: str) -> str:
        return f"{{{self.w}}}{tag}"

    def body(self, container: etree._Element) -> None:
        for child in container:
            tag = child.tag
            if tag == self.q("p"):
                self.line += 1
                for text in self.paragraph(child):
                    self.blocks.append(Paragraph(text, self.line))
            elif tag == self.q("tbl"):
                self.table(child)
            elif tag in (self.q("sdt"), self.q("customXml")):
                content = child.find(self.q("sdtContent"))
                self.body(content if content is not None else child)

    def paragraph(self, p: etree._Element) -> list[str]:
        """A paragraph's text as printed: its number, then its runs; line breaks split it."""
        pieces = [self.numbering.label(p.find(self.q("pPr")))]
        boxes: list[etree._Element] = []
        self.runs(p, pieces, boxes)
        texts = [t for t in (s.strip(" \t") for s in "".join(pieces).split("\n")) if t.strip(" \t\u3000")]
        for box in boxes:
            for inner in (c for c in box if c.tag == self.q("p")):
                texts.extend(t for t in (s.strip(" \t") for s in self.paragraph(inner)) if t)
        return texts

    def runs(self, el: etree._Element, out: list[str], boxes: list[etree._Element]) -> None:
        q = self.q
        for child in el:
            tag = child.tag
            if tag == q("r"):
                rpr = child.find(q("rPr"))
                if rpr is not None and _on(rpr.find(q("vanish")), self.w):
                    continue
                self.run(child, out, boxes)
            elif tag in (q("del"), q("moveFrom"), q("pPr"), q("rPr")):
                continue
            elif tag == f"{{{_MC}}}AlternateContent":
                choice = child.find(f"{{{_MC}}}Choice")
                self.runs(choice if choice is not None else child, out, boxes)
            elif isinstance(tag, str):
                # w:ins, w:hyperlink, w:smartTag, w:fldSimple, w:sdt, w:customXml hold runs.
                self.runs(child, out, boxes)

    def run(self, r: etree._Element, out: list[str], boxes: list[etree._Element]) -> None:
        q = self.q
        for child in r:
            tag = child.tag
            if tag == q("fldChar"):
                kind = child.get(q("fldCharType"))
                self.in_instruction = kind == "begin"
            elif self.in_instruction:
                continue
            elif tag == q("t"):
                out.append(child.text or "")
            elif tag == q("tab"):
                out.append("\t")
            elif tag in (q("br"), q("cr")):
                out.append("\n")
            elif tag == q("noBreakHyphen"):
                out.append("-")
            elif tag == q("sym"):
                code = _int_hex(child.get(q("char")))
                if code is not None and code not in _PRIVATE:
                    out.append(chr(code))
            elif tag == f"{{{_MC}}}AlternateContent":
                choice = child.find(f"{{{_MC}}}Choice")
                boxes.extend((choice if choice is not None else child).iter(q("txbxContent")))
            elif isinstance(tag, str) and tag.endswith(("}drawing", "}pict", "}object")):
                boxes.extend(child.iter(q("txbxContent")))

    def cell_lines(self, tc: etree._Element) -> list[str]:
        lines: list[str] = []
        for p in tc.iter(self.q("p")):
            if not any(a.tag == self.q("txbxContent") for a in p.iterancestors()):
                lines.extend(self.paragraph(p))
        return lines

    def rows(self, tbl: etree._Element) -> list[etree._Element]:
        found = []
        for child in tbl:
            if child.tag == self.q("tr"):
                found.append(child)
            elif child.tag in (self.q("sdt"), self.q("customXml")):
                content = child.find(self.q("sdtContent"))
                found.extend(self.rows(content if content is not None else child))
        return found

    def cells(self, tr: etree._Element) -> list[etree._Element]:
        found = []
        for child in tr:
            if child.tag == self.q("tc"):
                found.append(child)
            elif child.tag in (self.q("sdt"), self.q("customXml")):
                content = child.find(self.q("sdtContent"))
                found.extend(self.cells(content if content is not None else child))
        return found

    def table(self, tbl: etree._Element) -> None:
        q, w = self.q, self.w
        grid: list[tuple[list[str], bool]] = []
        above: dict[int, str] = {}
        for tr in self.rows(tbl):
            trpr = tr.find(q("trPr"))
            col = _int(_val(trpr.find(q("gridBefore")), w) if trpr is not None else None, 0)
            header = trpr is not None and _on(trpr.find(q("tblHeader")), w)
            row: dict[int, str] = {}
            for tc in self.cells(tr):
                tcpr = tc.find(q("tcPr"))
                span = max(
                    1, min(_int(_val(tcpr.find(q("gridSpan")), w) if tcpr is not None else None, 1), 64)
                )
                vmerge = tcpr.find(q("vMerge")) if tcpr is not None else None
                hmerge = tcpr.find(q("hMerge")) if tcpr is not None else None
                text = "\n".join(self.cell_lines(tc))
                if vmerge is not None and _val(vmerge, w, "continue") == "continue":
                    text = above.get(col, text)  # the cell is the one above, continued down
                elif hmerge is not None and _val(hmerge, w, "continue") == "continue" and col > 0:
                    text = row.get(col - 1, text)
                for c in range(col, col + span):
                    row[c] = text
                col += span
            above = row
            width = max(row) + 1 if row else 0
            grid.append(([row.get(c, "") for c in range(width)], header))
        self.emit(grid)

    def emit(self, grid: list[tuple[list[str], bool]]) -> None:
        width = max((len(cells) for cells, _ in grid), default=0)
        if width <= 1:
            # A one-column table frames text (a boxed notice), it is not a table of tasks.
            for cells, _ in grid:
                self.line += 1
                for text in cells[0].split("\n") if cells else []:
                    if text.strip():
                        self.blocks.append(Paragraph(text, self.line))
            return
        number, emitted = self.tables, False
        for cells, header in grid:
            self.line += 1
            if any(c.strip() for c in cells):
                padded = tuple(cells) + ("",) * (width - len(cells))
                self.blocks.append(Row(padded, self.line, number, header))
                emitted = True
        if emitted:
            self.tables += 1


def _int_hex(value: str | None) -> int | None:
    try:
        return int(value, 16) if value else None
    except ValueError:
        return None


def read(data: bytes, path: str) -> Document:
    """Read a Word document (.docx, and .docm/.dotx, which hold the same parts) from its bytes."""
    package = open_package(data, path, ".docx")
    main = relationships(package, "", path, ".docx").get("officeDocument", "word/document.xml")
    root = read_part(package, main, path, ".docx")
    if root is None:
        raise InputError("this .docx file has no document part; it is damaged or not a Word document", path)
    w = _STRICT if root.tag.startswith(f"{{{_STRICT}}}") else _TRANSITIONAL
    body = root.find(f"{{{w}}}body")
    if body is None:
        raise InputError("this .docx file has no document body; it is damaged or not a Word document", path)
    parts = relationships(package, main, path, ".docx")
    numbering = read_part(package, parts["numbering"], path, ".docx") if "numbering" in parts else None
    styles = read_part(package, parts["styles"], path, ".docx") if "styles" in parts else None
    reader = _Reader(w, Numbering.parse(numbering, styles, w))
    reader.body(body)
    return Document(path, "docx", tuple(reader.blocks), None, core_title(package, path, ".docx"))
