"""Build plan documents in every format governments publish them in, for the readers' tests.

The Shen County plan (``data/shenxian-2024-task-allocation.txt``) is rebuilt as paragraphs and
as a task table, then written as a web page with site chrome, a .docx, an .xlsx, a PDF printed
by headless Chromium, a scanned PDF, and the legacy files the readers refuse. Nothing here
touches the network: Chromium runs with networking off and loads only the page it prints.

Examples
--------
>>> plan = shenxian()
>>> len(plan.tasks), plan.rows()[0]
(92, ('序号', '重点工作', '牵头领导', '牵头单位', '责任单位'))
"""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN_PATH = ROOT / "data" / "shenxian-2024-task-allocation.txt"
HEADER = ("序号", "重点工作", "牵头领导", "牵头单位", "责任单位")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

# A line that starts a paragraph in the PDF-extracted plan: "1.地区生产总值…", "二、2024 年主要工作任务",
# "（一）聚焦重点项目…", "莘县人民政府", "2024 年 1 月 20 日", "（此件公开发布）", "抄送：…".
_START = re.compile(
    r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.|莘县人民政府|\d{4} 年|（此件|抄送)"
)
# A task with its attribution: "2.一般公共预算收入增长6%。（牵头领导：丁卫东；牵头单位：县财政局；责任单位：…）"
# A page number of the printed plan: "— 14 —".
_PAGE_NUMBER = re.compile(r"^—\s*\d+\s*—$")
_TASK = re.compile(r"^(\d+)\.(.*?)（牵头领导：(.*?)；牵头单位：(.*?)；责任单位：(.*)）$")
_SECTION = re.compile(r"^[一二三四五六七八九十]+、")
_SUBSECTION = re.compile(r"^（[一二三四五六七八九十]+）")


@dataclass(frozen=True)
class Heading:
    """A section (level 1, ``一、…``) or subsection (level 2, ``（一）…``) heading."""

    text: str
    level: int


@dataclass(frozen=True)
class Task:
    """A numbered task and its attribution, names as written (separators kept)."""

    number: int
    text: str
    leaders: str
    lead_units: str
    responsible_units: str

    def paragraph(self) -> str:
        """The task as the plan prints it: number, text, attribution parenthesis."""
        return (
            f"{self.number}.{self.text}（牵头领导：{self.leaders}；牵头单位：{self.lead_units}；"
            f"责任单位：{self.responsible_units}）"
        )

    def row(self) -> tuple[str, ...]:
        """The task as a row of the task table."""
        return (str(self.number), self.text, self.leaders, self.lead_units, self.responsible_units)


@dataclass(frozen=True)
class Plan:
    """A plan as its parts: the notice before the title, the title, the body, the closing lines."""

    front: tuple[str, ...]
    title: str
    body: tuple[Heading | Task, ...]
    back: tuple[str, ...]

    @property
    def tasks(self) -> tuple[Task, ...]:
        return tuple(b for b in self.body if isinstance(b, Task))

    def paragraphs(self) -> list[str]:
        """Every paragraph of the plan in order, tasks with their attribution."""
        body = [b.text if isinstance(b, Heading) else b.paragraph() for b in self.body]
        return [*self.front, self.title, *body, *self.back]

    def rows(self) -> list[tuple[str, ...]]:
        """The task table: the header, a one-cell row per heading (it spans the table), a row per task."""
        return [HEADER] + [(b.text,) if isinstance(b, Heading) else b.row() for b in self.body]


@lru_cache(maxsize=1)
def shenxian() -> Plan:
    """The Shen County 2024 plan rebuilt from its PDF-extracted text (whitespace removed)."""
    paragraphs: list[str] = []
    for raw in PLAN_PATH.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or _PAGE_NUMBER.match(line):
            continue
        if not paragraphs or _START.match(line):
            paragraphs.append(line)
        else:
            paragraphs[-1] += line
    paragraphs = [re.sub(r"\s+", "", p) for p in paragraphs]
    at = next(i for i, p in enumerate(paragraphs) if p.startswith("2024年县政府工作报告"))
    end = next(i for i, p in enumerate(paragraphs) if p.startswith("抄送"))
    body: list[Heading | Task] = []
    for p in paragraphs[at + 1 : end]:
        task = _TASK.match(p)
        if task:
            number, text, leaders, leads, responsible = task.groups()
            body.append(Task(int(number), text, leaders, leads, responsible))
        elif _SECTION.match(p):
            body.append(Heading(p, 1))
        elif _SUBSECTION.match(p):
            body.append(Heading(p, 2))
        else:  # pragma: no cover - the plan has nothing else
            raise ValueError(f"unexpected paragraph in the plan: {p[:30]}")
    return Plan(tuple(paragraphs[:at]), paragraphs[at], tuple(body), tuple(paragraphs[end:]))


# --- web pages ------------------------------------------------------------------------------

PAGE_TITLE = "莘县人民政府关于印发2024年县政府工作报告重点工作任务责任分工方案的通知_莘县人民政府"
PAGE_META = (
    ("索引号", "11371522004303040T/2024-00017"),
    ("发文机关", "莘县人民政府"),
    ("发文字号", "莘政字〔2024〕3号"),
    ("成文日期", "2024-01-20"),
    ("发布日期", "2024-01-22"),
    ("主题分类", "综合政务"),
)
HEAD_META = (
    ("ArticleTitle", "莘县人民政府关于印发2024年县政府工作报告重点工作任务责任分工方案的通知"),
    ("PubDate", "2024-01-22 09:30"),
    ("ContentSource", "莘县人民政府办公室"),
    ("Keywords", "重点工作,责任分工"),
)
# What the site puts around a document; none of it may reach the blocks.
CHROME_WORDS = ("分享到", "索引号", "当前位置", "打印本页", "关闭窗口", "网站标识码", "首页", "字体")


def _declared(encoding: str) -> str:
    # Sites serving GBK pages declare GB2312 more often than not.
    return "gb2312" if encoding.lower() in ("gbk", "gb2312", "gb18030", "cp936") else encoding


def _page(body: str, encoding: str, chrome: bool, title: str, layout_table: bool) -> bytes:
    e = html.escape
    head_meta = "".join(f'<meta name="{k}" content="{e(v)}">\n' for k, v in HEAD_META) if chrome else ""
    top = bottom = ""
    if chrome:
        cells = "".join(
            f"<tr><td class='t'>{e(k)}：</td><td>{e(v)}</td><td class='t'>{e(k2)}：</td><td>{e(v2)}</td></tr>\n"
            for (k, v), (k2, v2) in zip(PAGE_META[::2], PAGE_META[1::2])
        )
        top = f"""<div class="header"><div class="logo"><img src="logo.png" alt="莘县人民政府"></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/zmhd/">政民互动</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政策文件</div>
<table class="xxgk" border="0" cellspacing="0">
{cells}</table>
<div class="article"><h1>{e(HEAD_META[0][1])}</h1>
<div class="info">发布时间：2024-01-22 09:30&nbsp;&nbsp;来源：莘县人民政府办公室&nbsp;&nbsp;【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
"""
        bottom = """<div class="bdsharebuttonbox">分享到：<a class="bds_weixin" title="分享到微信">微信</a>
<a class="bds_tsina" title="分享到新浪微博">微博</a></div>
<div class="tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="footer"><p>主办：莘县人民政府办公室&nbsp;&nbsp;网站标识码：3715220001</p>
<p>鲁ICP备05001234号&nbsp;&nbsp;鲁公网安备 37152202000123号</p></div>
"""
    main = f'{top}<div id="zoom" class="TRS_Editor">\n{body}</div>\n{bottom}'
    if layout_table:  # older sites lay the whole page out in one table
        main = f'<table width="1000" align="center" cellpadding="0"><tr><td>\n{main}</td></tr></table>\n'
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={_declared(encoding)}" />
<title>{e(title)}</title>
{head_meta}<style>body {{ font-size: 16px; }} .t {{ font-weight: bold; }} p {{ text-indent: 2em; }}</style>
<script type="text/javascript">var _hmt = _hmt || []; var tag = "<p>统计代码</p>";</script>
</head>
<body>
{main}<script>window.bd_share_config = {{"common": {{"bdText": "分享到"}}}};</script>
</body>
</html>
"""
    return page.encode(encoding)


def html_page(
    paragraphs: list[str],
    encoding: str = "gbk",
    chrome: bool = True,
    title: str = PAGE_TITLE,
    layout_table: bool = False,
) -> bytes:
    """A web page holding ``paragraphs`` as ``<p>``, with a government site's chrome around them.

    The chrome is a header with a navigation bar, a breadcrumb (当前位置), the site's metadata
    table (索引号 …), a line with the date, source and font-size buttons, share and print
    buttons and a footer; the ``<head>`` has ``<meta name="ArticleTitle|PubDate|…">``.
    A GBK page declares ``charset=gb2312`` as such sites do.
    """
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)
    return _page(body, encoding, chrome, title, layout_table)


def table_html(rows: list[tuple[str, ...]], header_rows: int = 1) -> str:
    """``rows`` as an HTML table: the first ``header_rows`` as ``<th>`` in ``<thead>``, one-cell rows spanning."""
    width = max(len(r) for r in rows)
    out = ['<table border="1" cellspacing="0" cellpadding="4" class="MsoTableGrid">\n<thead>\n']
    for i, row in enumerate(rows):
        tag = "th" if i < header_rows else "td"
        if i == header_rows:
            out.append("</thead>\n<tbody>\n")
        if len(row) == 1:
            out.append(f'<tr><{tag} colspan="{width}"><b>{html.escape(row[0])}</b></{tag}></tr>\n')
        else:
            cells = "".join(f"<{tag}>{html.escape(c)}</{tag}>" for c in row)
            out.append(f"<tr>{cells}</tr>\n")
    out.append("</tbody>\n</table>\n")
    return "".join(out)


def html_table_page(
    rows: list[tuple[str, ...]],
    encoding: str = "gbk",
    chrome: bool = True,
    before: list[str] | None = None,
    after: list[str] | None = None,
    layout_table: bool = True,
    title: str = PAGE_TITLE,
) -> bytes:
    """A web page whose tasks are the rows of a table (header row, section rows spanning it).

    By default the page is laid out the old way, inside one wrapping table, which the reader
    must see through.
    """
    before = before if before is not None else [shenxian().title]
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in before) + table_html(rows)
    body += "".join(f"<p>{html.escape(p)}</p>\n" for p in after or [])
    return _page(body, encoding, chrome, title, layout_table)


# --- Word -----------------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# The lists docx_paragraphs(numbering=True) gives: (numFmt, lvlText) of each abstractNum.
_PLAN_LISTS = (("chineseCounting", "%1、"), ("chineseCounting", "（%1）"), ("decimal", "%1."))
_NUMBERED = (
    (re.compile(r"^[一二三四五六七八九十]+、"), 0),
    (re.compile(r"^（[一二三四五六七八九十]+）"), 1),
    (re.compile(r"^\d+\."), 2),
)


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _numbering_xml(levels: list[list[tuple]], nums: list[tuple[int, dict[int, int]]]) -> bytes:
    """numbering.xml: one abstractNum per entry of ``levels`` (its levels' ``(numFmt, lvlText)``, or
    ``(numFmt, lvlText, lvlRestart)``), one num per entry of ``nums`` (abstractNum id, {ilvl: startOverride})."""
    out = [f'<w:numbering xmlns:w="{W}">']
    for a, lvls in enumerate(levels):
        out.append(f'<w:abstractNum w:abstractNumId="{a}"><w:multiLevelType w:val="multilevel"/>')
        for i, (fmt, text, *restart) in enumerate(lvls):
            again = f'<w:lvlRestart w:val="{restart[0]}"/>' if restart else ""
            out.append(
                f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{again}'
                f'<w:lvlText w:val="{html.escape(text)}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:ind w:left="{420 * (i + 1)}" w:hanging="420"/></w:pPr></w:lvl>'
            )
        out.append("</w:abstractNum>")
    for n, (a, overrides) in enumerate(nums, start=1):
        out.append(f'<w:num w:numId="{n}"><w:abstractNumId w:val="{a}"/>')
        for ilvl, start in overrides.items():
            out.append(f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>')
        out.append("</w:num>")
    out.append("</w:numbering>")
    return "".join(out).encode("utf-8")


def _set_numbering(document, xml: bytes) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.parts.numbering import NumberingPart

    part = NumberingPart.load(
        PackURI("/word/numbering.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
        xml,
        document.part.package,
    )
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype == RT.NUMBERING:
            document.part.drop_rel(rel_id)
    document.part.relate_to(part, RT.NUMBERING)


def _number(paragraph, num_id: int, ilvl: int = 0) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    level = OxmlElement("w:ilvl")
    level.set(qn("w:val"), str(ilvl))
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), str(num_id))
    numpr.append(level)
    numpr.append(num)
    ppr.insert(0, numpr)


def _new_docx(title: str | None):
    import docx

    document = docx.Document()
    if title is not None:
        document.core_properties.title = title
    return document


def docx_paragraphs(
    paragraphs: list[str], path: Path, numbering: bool = False, title: str | None = None
) -> Path:
    """A .docx of ``paragraphs``; with ``numbering`` their numbers are Word's automatic numbering.

    Numbered paragraphs (``一、``, ``（一）``, ``1.``) lose their number from the text and get a
    ``w:numPr`` instead, as when a drafter uses Word's list buttons: ``一、`` items before the
    plan's title are one list, the plan's sections a second instance of it restarted at 一
    (``startOverride``), subsections and tasks lists of their own.
    """
    document = _new_docx(title)
    if numbering:
        nums = [(0, {}), (0, {0: 1}), (1, {}), (2, {})]
        _set_numbering(document, _numbering_xml([[lvl] for lvl in _PLAN_LISTS], nums))
    seen_title = False
    for text in paragraphs:
        if text == shenxian().title:
            seen_title = True
        kind = next((k for rx, k in _NUMBERED if rx.match(text)), None) if numbering else None
        if kind is None:
            document.add_paragraph(text)
            continue
        p = document.add_paragraph(next(rx for rx, k in _NUMBERED if k == kind).sub("", text, count=1))
        num_id = {0: 2 if seen_title else 1, 1: 3, 2: 4}[kind]
        _number(p, num_id)
    document.save(str(path))
    return path


def docx_list(
    items: list[tuple[str, int, int]],
    levels: list[list[tuple]],
    path: Path,
    nums: list[tuple[int, dict[int, int]]] | None = None,
) -> Path:
    """A .docx of list items ``(text, numId, ilvl)`` numbered by ``levels`` (see ``_numbering_xml``)."""
    document = _new_docx(None)
    nums = nums if nums is not None else [(a, {}) for a in range(len(levels))]
    _set_numbering(document, _numbering_xml(levels, nums))
    for text, num_id, ilvl in items:
        p = document.add_paragraph(text)
        if num_id:
            _number(p, num_id, ilvl)
    document.save(str(path))
    return path


def docx_xml(body: str, path: Path, numbering: bytes | None = None) -> Path:
    """A .docx whose body is ``body``, WordprocessingML written by hand (``w:`` is declared),
    for what python-docx does not write: merged cells, tracked changes, fields, text boxes."""
    from docx.oxml import parse_xml

    document = _new_docx(None)
    if numbering is not None:
        _set_numbering(document, numbering)
    element = document.element.body
    section = element[-1]
    for child in list(element):
        if child is not section:
            element.remove(child)
    namespaces = (
        f'xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml"'
    )
    for child in parse_xml(f"<w:body {namespaces}>{body}</w:body>"):
        section.addprevious(child)
    document.save(str(path))
    return path


def docx_table(
    rows: list[tuple[str, ...]],
    path: Path,
    before: list[str] | None = None,
    after: list[str] | None = None,
    header_rows: int = 1,
    title: str | None = None,
) -> Path:
    """A .docx holding ``rows`` as one table: header rows repeated on each page (``w:tblHeader``),
    one-cell rows merged across the table (``w:gridSpan``)."""
    from docx.oxml import OxmlElement

    document = _new_docx(title)
    for text in before if before is not None else [shenxian().title]:
        document.add_paragraph(text)
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, values in enumerate(rows):
        row = table.rows[r]
        if r < header_rows:
            row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        if len(values) == 1:
            merged = row.cells[0].merge(row.cells[width - 1])
            merged.text = values[0]
            continue
        for c, value in enumerate(values):
            row.cells[c].text = value
    for text in after or []:
        document.add_paragraph(text)
    document.save(str(path))
    return path


# --- spreadsheets ---------------------------------------------------------------------------


def xlsx_table(
    rows: list[tuple[str, ...]],
    path: Path,
    title: str | None = None,
    sheet: str = "重点工作任务",
    header_rows: int = 1,
) -> Path:
    """An .xlsx of ``rows`` on one sheet: a title merged across the first row, then the table;
    numbers in the first column as numbers, one-cell rows merged across the table, the header
    rows repeated on each printed page (print titles)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    width = max(len(r) for r in rows)
    at = 1
    if title:
        ws.cell(row=1, column=1, value=title)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        at = 3  # a blank row under the title, as drafters leave one
    for r, values in enumerate(rows, start=at):
        if len(values) == 1:
            ws.cell(row=r, column=1, value=values[0])
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
            continue
        for c, value in enumerate(values, start=1):
            ws.cell(row=r, column=c, value=int(value) if value.isdigit() else value)
    if header_rows:
        ws.print_title_rows = f"{at}:{at + header_rows - 1}"
    wb.save(str(path))
    return path


# --- PDF ------------------------------------------------------------------------------------


def _font_style(text: str) -> bytes:
    from taskgraph.render.fonts import subset_font_data_uri

    uri = subset_font_data_uri("".join(ch for ch in set(text) if ord(ch) > 127) + "0123456789")
    return (
        f'<style>@font-face {{ font-family: "TGCJK"; src: url("{uri}"); }}'
        ' * { font-family: "TGCJK", sans-serif !important; } tr { break-inside: auto; }</style>'
    ).encode("ascii")


def _decode(page: bytes) -> str:
    for encoding in ("utf-8", "gb18030"):
        try:
            return page.decode(encoding)
        except UnicodeDecodeError:
            continue
    return page.decode("latin-1")


def pdf_from_html(html_bytes: bytes, path: Path, header_footer: bool = True, timeout: float = 120) -> Path:
    """Print a web page to PDF with headless Chromium, as a reader would with Ctrl+P.

    The shipped CJK font is put into the page (the machine may have none), so the PDF's text
    layer holds the Chinese text. With ``header_footer`` Chromium prints its running header
    (date, title) and footer (file URL, ``1/5``) on every page, as printing from a browser does.
    Raises ``RuntimeError`` when Chromium is missing or fails.
    """
    if not CHROMIUM:
        raise RuntimeError("chromium is not installed")
    style = _font_style(_decode(html_bytes))
    page = re.sub(rb"(<head[^>]*>)", lambda m: m.group(1) + style, html_bytes, count=1)
    with tempfile.TemporaryDirectory(prefix="tg-print-") as tmp:
        source = Path(tmp) / "page.html"
        source.write_bytes(page)
        args = [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-default-browser-check",
            f"--user-data-dir={tmp}/profile",
            f"--print-to-pdf={Path(path).resolve()}",
        ]
        if not header_footer:
            args.append("--no-pdf-header-footer")
        args.append(source.as_uri())
        result = subprocess.run(args, capture_output=True, timeout=timeout, env={**os.environ, "HOME": tmp})
    if result.returncode != 0 or not Path(path).exists():
        raise RuntimeError(f"chromium failed: {result.stderr.decode(errors='replace')[-500:]}")
    return Path(path)


def scanned_pdf(path: Path, lines: list[str] | None = None) -> Path:
    """A PDF holding only an image of text, as a scanner makes it: no text layer at all."""
    from PIL import Image, ImageDraw, ImageFont

    from taskgraph.render.fonts import font_path

    lines = lines if lines is not None else shenxian().paragraphs()[:12]
    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(font_path()), 28)
    for i, line in enumerate(lines):
        draw.text((100, 120 + i * 48), line[:38], font=font, fill=0)
    image.save(str(path), "PDF", resolution=150)
    return Path(path)


def _pdf_string(text: str) -> str:
    return "<" + text.encode("utf-16-be").hex().upper() + ">"


def simple_pdf(
    pages: list[list[tuple]],
    path: Path | None = None,
    size: tuple[float, float] = (595, 842),
    unmapped: bool = False,
    encrypted: bool = False,
    sloppy_font: bool = False,
) -> bytes:
    """A small PDF written by hand, for cases no browser prints on demand.

    Each page is a list of ``("text", x, top, size, string)`` and ``("line", x0, top0, x1, top1)``
    items, positions in points from the top-left corner. Text uses the non-embedded font
    STSong-Light with the ``UniGB-UCS2-H`` encoding (as reportlab's ``UnicodeCIDFont`` does),
    which pdfminer maps back to Unicode; ASCII is half width. A text item may name a sixth
    field ``"F2"``: the same glyphs in a font with a deeper descent (a Latin font's metrics),
    whose boxes sit lower on the same baseline.

    ``unmapped`` writes the text with glyph ids that no map turns back into characters (as
    fonts subset without a ToUnicode map do), ``encrypted`` locks the file with a user
    password, ``sloppy_font`` leaves the font's bounding box out (pdfminer warns about it).
    """
    width, height = size
    encoding, ordering = ("Identity-H", "Identity") if unmapped else ("UniGB-UCS2-H", "GB1")
    objects: list[bytes] = []

    def add(body: str | bytes) -> int:
        objects.append(body.encode("latin-1") if isinstance(body, str) else body)
        return len(objects)

    catalog = add("")  # filled in below, once the page tree's number is known
    pages_obj = add("")
    font = add(
        f"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /{encoding} "
        f"/DescendantFonts [{len(objects) + 2} 0 R] >>"
    )
    add(
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        f"/CIDSystemInfo << /Registry (Adobe) /Ordering ({ordering}) /Supplement 2 >> "
        "/FontDescriptor " + f"{len(objects) + 2} 0 R /DW 1000 /W [1 95 500] >>"
    )
    bbox = "" if sloppy_font else "/FontBBox [-25 -254 1000 880] "
    add(
        f"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 {bbox}"
        "/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>"
    )
    latin = add(
        f"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /{encoding} "
        f"/DescendantFonts [{len(objects) + 2} 0 R] >>"
    )
    add(
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        f"/CIDSystemInfo << /Registry (Adobe) /Ordering ({ordering}) /Supplement 2 >> "
        "/FontDescriptor " + f"{len(objects) + 2} 0 R /DW 1000 /W [1 95 500] >>"
    )
    add(
        f"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 {bbox}"
        "/ItalicAngle 0 /Ascent 600 /Descent -400 /CapHeight 600 /StemV 93 >>"
    )
    kids = []
    for items in pages:
        ops = []
        for item in items:
            if item[0] == "text":
                _, x, top, fs, text, *face = item
                ops.append(
                    f"BT /{face[0] if face else 'F1'} {fs} Tf 1 0 0 1 {x} {height - top - fs * 0.88:.2f} Tm "
                    f"{_pdf_string(text)} Tj ET"
                )
            else:
                _, x0, t0, x1, t1 = item
                ops.append(f"0.5 w {x0} {height - t0} m {x1} {height - t1} l S")
        stream = "\n".join(ops).encode("latin-1")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                f"<< /Type /Page /Parent {pages_obj} 0 R /MediaBox [0 0 {width} {height}] "
                f"/Resources << /Font << /F1 {font} 0 R /F2 {latin} 0 R >> >> /Contents {content} 0 R >>"
            )
        )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_obj} 0 R >>".encode()
    objects[pages_obj - 1] = (
        f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    lock = b""
    if encrypted:  # RC4 40-bit with a user password: O and U that no empty password opens
        lock = b" /Encrypt << /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -44 >> /ID [<%s> <%s>]" % (
            b"ab" * 32,
            b"cd" * 32,
            b"01" * 16,
            b"01" * 16,
        )
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, catalog, lock, xref)
    )
    data = out.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data


def pdf_table(
    rows: list[tuple[str, ...]], top: float, widths: list[float], left: float = 50, height: float = 24
):
    """Items for ``simple_pdf``: ``rows`` as a ruled table starting at ``top`` (one-cell rows span)."""
    items: list[tuple] = []
    right = left + sum(widths)
    xs = [left]
    for w in widths:
        xs.append(xs[-1] + w)
    y = top
    for row in rows:
        items.append(("line", left, y, right, y))
        edges = [left, right] if len(row) == 1 else xs
        for x in edges:
            items.append(("line", x, y, x, y + height))
        for x, text in zip(edges, row):
            items.append(("text", x + 3, y + 6, 10, text))
        y += height
    items.append(("line", left, y, right, y))
    return items, y


# --- legacy and odd files -------------------------------------------------------------------


def ole2_bytes(stream: str = "WordDocument") -> bytes:
    """The start of an OLE2 compound file (.doc, .wps, .xls, .et) naming one stream."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    entry = stream.encode("utf-16-le").ljust(64, b"\x00")
    return header.ljust(512, b"\x00") + entry.ljust(128, b"\x00") + b"\x00" * 1024


def zip_bytes(members: dict[str, bytes]) -> bytes:
    """A zip archive of ``members``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


def ofd_bytes() -> bytes:
    """An OFD package (GB/T 33190), the fixed-layout format of Chinese e-government."""
    return zip_bytes(
        {
            "OFD.xml": b'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>'
        }
    )
