"""The HTML reader: a web page, as saved from a browser or served by a government site.

The page is decoded (BOM, then the page's own ``<meta charset>``, then UTF-8, then GB18030)
and parsed with lxml's forgiving HTML parser, which never fetches anything and never reads a
DTD. Block elements (``<p>``, ``<div>``, ``<li>``, ``<h1>``…, ``<br>``) end paragraphs; a data
table becomes :class:`Row` blocks with ``colspan``/``rowspan`` cells repeated; a table that only
lays out the page (it holds other tables, headings, a form, or a single column) is read as
the content it wraps.

What a government site puts around a document is left out: scripts, styles, navigation,
page headers and footers, share and print buttons, breadcrumbs (当前位置: 首页 > …). The site's
metadata (the 索引号 / 发文字号 / 成文日期 table, the "发布时间：… 来源：…" line and
``<meta name="PubDate">``) goes to :attr:`Document.meta` instead of the blocks.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from lxml import etree

from taskgraph.errors import InputError
from taskgraph.readers.blocks import Block, Document, Paragraph, Row

# --- decoding --------------------------------------------------------------------------------

# Where the page states its charset: <meta http-equiv="Content-Type" content="text/html; charset=gb2312">
# or <meta charset="utf-8">, and in XHTML <?xml version="1.0" encoding="GBK"?>.
_META_CHARSET = re.compile(rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9_:.\-]+)", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"^\s*<\?xml\b[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9_.\-]+)", re.IGNORECASE)
# How far into the page a charset declaration is looked for (browsers look at 1 KB; Chinese
# sites put long comments and scripts first).
_PRESCAN = 16384
# Labels of the GB family: a page that says GB2312 or GBK uses GBK characters (莘, 〔〕 are not
# all GB2312), and GB18030 decodes all of them.
_GB_LABELS = {"gb2312", "gbk", "gb_2312", "gb_2312-80", "x-gbk", "cp936", "ms936", "windows-936", "csgb2312"}
_GB_LABELS |= {"euc-cn", "chinese", "iso-ir-58", "gb18030", "csiso58gb231280"}
_BIG5_LABELS = {"big5", "big5-hkscs", "cn-big5", "x-x-big5", "csbig5", "cp950"}
# Codecs of Western labels (iso-8859-1, windows-1252, us-ascii); on a Chinese page they are wrong.
_LATIN_CODECS = {"iso8859-1", "latin-1", "cp1252", "ascii"}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes, as a Python codec name, or None.

    GB2312 and GBK come back as GB18030, their superset; a UTF-16 label on a page that is
    evidently ASCII-compatible (it was found by a byte search) means UTF-8, as in browsers.

    Examples
    --------
    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=GB2312">')
    'gb18030'
    >>> declared_charset(b"<meta charset='utf-8'>"), declared_charset(b"<p>none</p>")
    ('utf-8', None)
    """
    head = data[:_PRESCAN]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if not match:
        return None
    label = match.group(1).decode("ascii", "replace").strip().lower()
    if label in _GB_LABELS:
        return "gb18030"
    if label in _BIG5_LABELS:
        return "big5hkscs"
    if label.startswith(("utf-16", "utf16", "ucs-2", "unicode")):
        return "utf-8"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(data: bytes, path: str = "<bytes>") -> tuple[str, str, list[tuple[int | None, str]]]:
    """Decode a page's bytes; return ``(text, encoding, notes)``.

    The BOM wins over the page's declaration, the declaration over a guess; a declaration the
    bytes do not fit (a GBK page that says UTF-8) gives way to UTF-8, then GB18030, with a note.

    Examples
    --------
    >>> decode_html('<meta charset="gbk"><p>一、目标</p>'.encode("gbk"))[:2]
    ('<meta charset="gbk"><p>一、目标</p>', 'gb18030')
    >>> decode_html(codecs.BOM_UTF8 + '<meta charset="gbk"><p>一</p>'.encode())[1]
    'utf-8-sig'
    """
    if not data.strip():
        raise InputError("the file is empty", path)
    notes: list[tuple[int | None, str]] = []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            if "\ufffd" in text:
                notes.append((None, f"bytes that are not {encoding} were replaced by U+FFFD"))
            return text, encoding, notes
    declared = declared_charset(data)
    candidates = [declared] if declared else []
    if declared is None or declared in _LATIN_CODECS:
        # A Chinese page labelled Latin-1 is mislabelled; Latin-1 decodes anything, so it goes last.
        candidates = ["utf-8", "gb18030", *candidates]
    else:
        candidates += ["utf-8", "gb18030"]
    for encoding in dict.fromkeys(candidates):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if declared and encoding != declared and declared not in _LATIN_CODECS:
            notes.append((None, f"the page declares {declared} but is not; read as {encoding}"))
        return text, encoding, notes
    encoding = candidates[0]
    text = data.decode(encoding, errors="replace")
    notes.append((None, f"bytes that are not {encoding} were replaced by U+FFFD"))
    return text, encoding, notes


# --- text ------------------------------------------------------------------------------------

# HTML's collapsible white space; no-break space and the ideographic space are not in it.
_COLLAPSIBLE = re.compile(r"[ \t\n\r\f]+")
# Zero-width spaces and joiners, stray BOMs and soft hyphens that web editors leave in text.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\xad]")


def _wide(ch: str) -> bool:
    """CJK characters and punctuation, between which a line break in the source is no space."""
    return (
        "\u2e80" <= ch <= "\u9fff"
        or "\uf900" <= ch <= "\ufaff"
        or "\uff00" <= ch <= "\uffef"
        or "\u2010" <= ch <= "\u2027"
        or "\U00020000" <= ch <= "\U0003134f"
    )


def _collapse(match: re.Match[str]) -> str:
    # CSS Text 3: a segment break between two East Asian wide characters is removed, so
    # "持续厚植\n发展动能" in the source reads as one word, as browsers show it.
    run, text = match.group(), match.string
    start, end = match.start(), match.end()
    if ("\n" in run or "\r" in run) and 0 < start and end < len(text):
        if _wide(text[start - 1]) and _wide(text[end]):
            return ""
    return " "


def normalise_space(text: str) -> str:
    """Collapse a paragraph's source white space as a browser shows it.

    ``&nbsp;`` becomes a plain space and ``\\u3000`` stays: both are spaces the author typed,
    and the parser normalises them.

    Examples
    --------
    >>> normalise_space("  一、持续厚植\\n   发展动能 \\n 2024 ")
    '一、持续厚植发展动能 2024'
    >>> normalise_space("\\u3000\\u30001.增长\\xa06%")
    '\\u3000\\u30001.增长 6%'
    """
    text = _INVISIBLE.sub("", text)
    text = _COLLAPSIBLE.sub(_collapse, text).strip(" ")
    text = text.replace("\xa0", " ")
    return text if text.strip(" \u3000") else ""


# --- chrome and site metadata ----------------------------------------------------------------

# A breadcrumb: "当前位置：首页 > 政务公开 > 政策文件", "您现在的位置: 首页 >> 通知公告", "首页 > 政务公开".
_BREADCRUMB = re.compile(
    r"^\s*(?:(?:当前|您现在|你现在|您|你|所在|当前的)(?:的)?位置\s*[：:]|首页\s*(?:>|\uff1e|»|>>|→|/|\\|-))"
)
# Share buttons: "分享到：微信 微博 QQ空间", "分享：" (not "分享经济…", a policy term).
_SHARE = re.compile(r"^\s*(?:分享[到至]|分享\s*[：:])")
# The site's footer: "鲁ICP备05001234号", "鲁公网安备 37152202000123号", "网站标识码：3715220001", "版权所有：…".
_SITE_FOOTER = re.compile(
    r"ICP备|ICP证|公网安备|网站标识码|版权所有|Copyright|©|技术支持\s*[：:]|网站地图|联系我们"
)
# Buttons and tools: "【字体：大 中 小】", "【打印本页】", "【关闭窗口】", "[打印]", "扫一扫在手机打开当前页".
_CHROME_TOKEN = re.compile(
    r"[【\[]\s*(?:(?:字体|字号|文字)\s*[：:]?\s*)?(?:[大中小默认]\s*){2,4}[】\]]"
    r"|(?:字体|字号|文字)\s*[：:]\s*(?:[大中小默认]\s*){2,4}"
    r"|[【\[]\s*(?:打印(?:本页|此页|文章|正文)?|关闭(?:窗口|本页|页面)?|返回(?:顶部|首页|列表)?|"
    r"(?:加入)?收藏(?:本页)?|保存(?:本页|文章)?|纠错|分享|大|中|小|默认)\s*[】\]]"
    r"|扫一扫在手机(?:上)?打开当前页|打印本页|打印此页|关闭窗口|关闭本页|返回顶部|加入收藏"
    r"|(?<![\u4e00-\u9fff])(?:打印|关闭|收藏|返回|微信|微博|QQ空间|QQ好友|新浪微博|腾讯微博|人人网)(?![\u4e00-\u9fff])"
)
# What is left of a line of buttons once the buttons are gone: separators and brackets.
_LEFTOVER = re.compile(r"[\s|\uff5c丨/·•:：,，【】\[\]（）()]*")  # \uff5c: full-width |

# Keys of a site's metadata, as the 政府信息公开 block or the line under the title writes
# them: "索引号：11371522004303040T/2024-00017", "发文字号：莘政字〔2024〕3号",
# "发布时间：2024-01-22 09:30 来源：莘县人民政府办公室". Sites pad keys to align them ("索 引 号").
META_KEYS = (
    "索引号",
    "信息索取号",
    "主题分类",
    "发文机关",
    "发布机构",
    "发文单位",
    "发文字号",
    "文号",
    "成文日期",
    "成文时间",
    "发文日期",
    "印发日期",
    "公开日期",
    "发布日期",
    "发布时间",
    "生效日期",
    "废止日期",
    "有效性",
    "公文种类",
    "体裁分类",
    "组配分类",
    "服务对象分类",
    "信息分类",
    "所属机构",
    "信息来源",
    "来源",
    "作者",
    "浏览次数",
    "点击数",
    "访问次数",
    "阅读次数",
    "公开方式",
    "公开范围",
    "统一编号",
    "名称",
    "标题",
    "关键词",
    "主题词",
)
# Keys that make a table the site's metadata table (a task table never has them).
_STRONG_KEYS = {
    "索引号",
    "信息索取号",
    "发文机关",
    "发布机构",
    "发文字号",
    "文号",
    "成文日期",
    "发布日期",
    "主题分类",
}
# Keys that also start ordinary sentences; a line of them alone is not metadata.
_WEAK_KEYS = {"名称", "标题", "关键词", "主题词", "作者", "公开方式", "公开范围"}


def _keys(keys: set[str] | tuple[str, ...]) -> str:
    return "|".join(r"\s*".join(map(re.escape, k)) for k in sorted(keys, key=len, reverse=True))


_KEY_PATTERN = _keys(META_KEYS)
# One "key：" inside a line: "  来源：莘县人民政府办公室", or run on to the value before it as a
# printed page's cells are, "…/2024-00017发文机关：莘县人民政府"; a weak key needs a space or a
# bracket before it.
_META_KEY = re.compile(
    rf"(?:^|(?<=[\s|\uff5c】\]]))({_keys(_WEAK_KEYS)})\s*[：:]|({_keys(set(META_KEYS) - _WEAK_KEYS)})\s*[：:]"
)
# A cell that is a key alone: "索 引 号：", "发文字号".
_KEY_CELL = re.compile(rf"^\s*({_KEY_PATTERN})\s*[：:]?\s*$")
# A cell that is a key and its value: "成文日期：2024-01-20".
_PAIR_CELL = re.compile(rf"^\s*({_KEY_PATTERN})\s*[：:]\s*(.+?)\s*$", re.DOTALL)


def _key(raw: str) -> str:
    return re.sub(r"\s+", "", raw)


def meta_pairs(line: str) -> list[tuple[str, str]]:
    """The key–value pairs of a line made only of site metadata, else ``[]``.

    Examples
    --------
    >>> meta_pairs("发布时间：2024-01-22 09:30  来源：莘县人民政府办公室 【字体：大 中 小】")
    [('发布时间', '2024-01-22 09:30'), ('来源', '莘县人民政府办公室')]
    >>> meta_pairs("索 引 号：11371522/2024-00017"), meta_pairs("名称：某方案"), meta_pairs("1.增长6%")
    ([('索引号', '11371522/2024-00017')], [], [])
    """
    text = _CHROME_TOKEN.sub(" ", line.replace("\u3000", " ")).strip()
    matches = list(_META_KEY.finditer(text))
    if not matches or matches[0].start() != 0:
        return []
    pairs = []
    for match, following in zip(matches, [*matches[1:], None]):
        value = text[match.end() : following.start() if following else len(text)]
        pairs.append((_key(match.group(1) or match.group(2)), value.strip(" \t|\uff5c丨")))
    keys = [k for k, _ in pairs]
    if len(set(keys)) != len(keys) or (len(keys) == 1 and keys[0] in _WEAK_KEYS):
        return []
    return pairs


def is_chrome(line: str) -> bool:
    """Whether a line is part of a site's chrome: buttons, a breadcrumb, share links, the footer.

    Examples
    --------
    >>> [is_chrome(s) for s in ("【字体：大 中 小】【打印本页】【关闭窗口】", "当前位置：首页 > 政务公开")]
    [True, True]
    >>> [is_chrome(s) for s in ("分享到：微信 微博", "鲁ICP备05001234号", "1.打印文件并关闭窗口。")]
    [True, True, False]
    """
    if _BREADCRUMB.match(line) or _SHARE.match(line):
        return True
    if len(line) < 200 and _SITE_FOOTER.search(line):
        return True
    rest = _CHROME_TOKEN.sub("", line)
    return rest != line and not _LEFTOVER.sub("", rest)


def _table_meta(rows: list[tuple[str, ...]]) -> list[tuple[str, str]]:
    """The pairs of a site's metadata table ("索引号：" | "113715…" | "发文机关：" | …), or ``[]``."""
    pairs: list[tuple[str, str]] = []
    for cells in rows:
        distinct = [c for i, c in enumerate(cells) if i == 0 or c != cells[i - 1]]
        i = 0
        while i < len(distinct):
            cell = distinct[i]
            key = _KEY_CELL.match(cell)
            if key:
                value = (
                    distinct[i + 1] if i + 1 < len(distinct) and not _KEY_CELL.match(distinct[i + 1]) else ""
                )
                pairs.append((_key(key.group(1)), value.strip()))
                i += 2 if value else 1
                continue
            pair = _PAIR_CELL.match(cell)
            if pair:
                pairs.append((_key(pair.group(1)), pair.group(2)))
            i += 1
    keys = {k for k, _ in pairs}
    return pairs if len(keys) >= 2 and keys & _STRONG_KEYS else []


# --- the tree --------------------------------------------------------------------------------

# Elements whose content is never the document's text.
_SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "title",
    "meta",
    "link",
    "nav",
    "aside",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "svg",
    "math",
    "canvas",
    "video",
    "audio",
    "map",
    "img",
    "button",
    "select",
    "option",
    "textarea",
    "input",
    "datalist",
    "dialog",
}
# Elements that end the paragraph before them and start a new one.
_BLOCK = {
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "table",
    "blockquote",
    "section",
    "article",
    "main",
    "body",
    "html",
    "center",
    "address",
    "figure",
    "figcaption",
    "hr",
    "form",
    "fieldset",
    "legend",
    "details",
    "summary",
    "header",
    "footer",
    "pre",
    "title",
}
# Class or id of a site's chrome: <div class="nav">, <div class="position">, <div id="footer">,
# lists of related files and links (<div class="related">, 相关文件 xgwj, 友情链接 yqlj).
_CHROME_CLASS = re.compile(
    r"^(?:nav|navbar|navigation|mainnav|menu|topmenu|breadcrumbs?|crumbs?|bread|share|bdshare|bdsharebuttonbox|"
    r"sharebox|footer|foot|copyright|sidebar|toolbar|position|location|dqwz|header|topbar|banner|search|searchbox|"
    r"related|relate|related-?(?:files?|links?|news|articles?)|xgwj|xgxx|xglj|xgwz|yqlj|friend-?links?)$",
    re.IGNORECASE,
)
# A stretch of text this long is the document's prose, never chrome: a chrome-named
# container holding it (a site that calls its whole page "header") is read after all.
_PROSE = 80
# Elements that only a page layout puts inside a table.
_LAYOUT_INSIDE = {
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "form",
    "iframe",
    "nav",
    "header",
    "footer",
    "article",
    "main",
}
# HTML clamps spans at these values; the cell budget bounds a hostile colspan="1000" × 100 000 rows.
_MAX_COLSPAN = 1000
_MAX_ROWSPAN = 65534
_MAX_CELLS = 2_000_000
# libxml2 counts source lines in 16 bits.
_LAST_LINE = 65535
_MAX_DEPTH = 400


def _has_prose(el: etree._Element) -> bool:
    for node in el.iter():
        if isinstance(node.tag, str) and node.tag not in ("script", "style") and node.text:
            if len(node.text.strip()) > _PROSE:
                return True
        if node is not el and node.tail and len(node.tail.strip()) > _PROSE:
            return True
    return False


def _hidden(el: etree._Element) -> bool:
    if el.get("hidden") is not None:
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _skipped(el: etree._Element) -> bool:
    tag = el.tag
    if tag in _SKIP or _hidden(el):
        return True
    if tag in ("header", "footer"):
        # A page's header and footer; an article's own <header> holds its title.
        return not any(a.tag in ("article", "main") for a in el.iterancestors())
    if tag == "form":
        return not _has_prose(el)  # a search box; ASP.NET sites wrap the whole page in a form
    names = f"{el.get('class') or ''} {el.get('id') or ''}".split()
    if any(_CHROME_CLASS.match(n) for n in names):
        return not _has_prose(el)
    return False


def _int(value: str | None, default: int, top: int) -> int:
    try:
        number = int(re.sub(r"[^\d].*$", "", (value or "").strip()) or default)
    except ValueError:
        return default
    return max(0, min(number, top))


@dataclass
class _Builder:
    """Accumulates inline text into paragraphs while the tree is walked (mutable working state)."""

    path: str
    cell: bool = False  # inside a data table's cell: collect lines, no chrome or metadata filter
    blocks: list[Block] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    meta: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[int | None, str]] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    start: int | None = None
    last: int = 1
    tables: int = 0
    cells: int = 0
    marker: str = ""  # an <ol> item's number, put before the item's first text

    def add(self, text: str | None) -> None:
        if not text:
            return
        if self.start is None and text.strip(" \t\n\r\f"):
            self.start = self.last
        if self.marker and text.strip(" \t\n\r\f"):
            self.parts.append(self.marker)
            self.marker = ""
        self.parts.append(text)

    def flush(self) -> None:
        if not self.parts:
            return
        text = normalise_space("".join(self.parts))
        line = self.start if self.start is not None else self.last
        self.parts, self.start = [], None
        if not text:
            return
        if self.cell:
            self.lines.append(text)
        elif is_chrome(text):
            return
        elif pairs := meta_pairs(text):
            self.meta.extend(pairs)
        else:
            self.blocks.append(Paragraph(text, line))

    def see(self, el: etree._Element) -> None:
        line = el.sourceline
        if line:
            if line >= _LAST_LINE and not any("65535" in n for _, n in self.notes):
                self.notes.append(
                    (_LAST_LINE, "line numbers past 65535 are not exact (lxml counts no further)")
                )
            self.last = line


def _walk(el: etree._Element, out: _Builder, depth: int = 0) -> None:
    """Read ``el`` and its descendants (not its tail) into ``out``."""
    if not isinstance(el.tag, str) or _skipped(el):
        return
    out.see(el)
    tag = el.tag
    if tag == "br":
        out.flush()
        return
    if tag == "table" and not out.cell:
        _table(el, out, depth)
        return
    if tag == "pre":
        out.flush()
        for offset, piece in enumerate("".join(el.itertext()).split("\n")):
            out.last = (el.sourceline or out.last) + offset
            out.add(piece)
            out.flush()
        return
    block = tag in _BLOCK
    if block:
        out.flush()
    if depth > _MAX_DEPTH:  # past the parser's own nesting limit: text only
        out.add("".join(el.itertext()))
    else:
        out.add(el.text)
        numbers = _list_numbers(el) if tag == "ol" else {}
        for child in el:
            if child in numbers:
                out.flush()
                out.marker = numbers[child]
            _walk(child, out, depth + 1)
            out.marker = ""
            out.add(child.tail)
    if block:
        out.flush()


# An ordered list's numbers as the browser draws them: <ol type="a" start="3">, or a CSS
# list-style-type such as "cjk-ideographic" (一、二、) or "none".
_OL_TYPES = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
_CSS_LIST = re.compile(r"list-style(?:-type)?\s*:\s*([a-z-]+)", re.IGNORECASE)
_CSS_TYPES = {
    "decimal": "decimal",
    "decimal-leading-zero": "decimalZero",
    "lower-alpha": "lowerLetter",
    "lower-latin": "lowerLetter",
    "upper-alpha": "upperLetter",
    "upper-latin": "upperLetter",
    "lower-roman": "lowerRoman",
    "upper-roman": "upperRoman",
    "cjk-ideographic": "chineseCounting",
    "cjk-decimal": "ideographDigital",
    "simp-chinese-informal": "chineseCounting",
    "trad-chinese-informal": "chineseCounting",
    "circled-decimal": "decimalEnclosedCircle",
}


def _list_numbers(ol: etree._Element) -> dict[etree._Element, str]:
    """The number drawn before each <li> of an <ol>: "1.", "b.", "一、"; none for list-style none."""
    from taskgraph.readers.docx import format_number

    css = _CSS_LIST.search(ol.get("style") or "")
    kind = css.group(1).lower() if css else ""
    if kind in ("none", "disc", "circle", "square"):
        return {}
    fmt = _CSS_TYPES.get(kind) or _OL_TYPES.get((ol.get("type") or "1").strip(), "decimal")
    items = [li for li in ol if li.tag == "li"]
    backwards = ol.get("reversed") is not None
    number = _int(ol.get("start"), len(items) if backwards else 1, 10**6)
    numbers = {}
    for li in items:
        number = _int(li.get("value"), number, 10**6)
        text = format_number(number, fmt)
        numbers[li] = text + ("、" if fmt in ("chineseCounting", "ideographDigital") else ".")
        number += -1 if backwards else 1
    return numbers


def _own_rows(table: etree._Element) -> list[etree._Element]:
    """The ``<tr>`` of this table, not of tables nested in it, in document order."""
    rows = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(r for r in child if r.tag == "tr")
    return rows


def _cells(tr: etree._Element) -> list[etree._Element]:
    return [c for c in tr if c.tag in ("td", "th")]


def _is_layout(table: etree._Element, rows: list[etree._Element]) -> bool:
    if (table.get("role") or "").lower() in ("presentation", "none"):
        return True
    if any(isinstance(d.tag, str) and d.tag in _LAYOUT_INSIDE for d in table.iterdescendants()):
        return True
    widest = max(
        (sum(_int(c.get("colspan"), 1, _MAX_COLSPAN) or 1 for c in _cells(r)) for r in rows), default=0
    )
    has_th = any(c.tag == "th" for r in rows for c in _cells(r))
    return widest <= 1 and not has_th


def _cell_text(cell: etree._Element, out: _Builder) -> str:
    inner = _Builder(out.path, cell=True, last=out.last)
    inner.add(cell.text)
    for child in cell:
        _walk(child, inner, 1)
        inner.add(child.tail)
    inner.flush()
    return "\n".join(inner.lines)


def _table(table: etree._Element, out: _Builder, depth: int) -> None:
    rows = _own_rows(table)
    if _is_layout(table, rows):
        out.flush()
        out.add(table.text)
        for child in table:
            _walk(child, out, depth + 1)
            out.add(child.tail)
        out.flush()
        return
    grid: list[tuple[int, list[str], bool]] = []
    carried: dict[int, tuple[int, str]] = {}  # column -> (rows still covered, text)
    for i, tr in enumerate(rows):
        out.see(tr)
        row = {col: text for col, (_, text) in carried.items()}
        carried = {col: (n - 1, text) for col, (n, text) in carried.items() if n > 1}
        cells = _cells(tr)
        col = 0
        for cell in cells:
            while col in row:
                col += 1
            span = _int(cell.get("colspan"), 1, _MAX_COLSPAN) or 1
            down = _int(cell.get("rowspan"), 1, _MAX_ROWSPAN)
            down = len(rows) - i if down == 0 else min(down, len(rows) - i)
            text = _cell_text(cell, out)
            for c in range(col, col + span):
                row[c] = text
                if down > 1:
                    carried[c] = (down - 1, text)
            col += span
        out.cells += len(row)
        if out.cells > _MAX_CELLS:
            raise InputError(f"a table has more than {_MAX_CELLS:,} cells; this is not a plan", out.path)
        header = bool(cells) and (tr.getparent().tag == "thead" or all(c.tag == "th" for c in cells))
        width = max(row) + 1 if row else 0
        grid.append((tr.sourceline or out.last, [row.get(c, "") for c in range(width)], header))
    width = max((len(cells) for _, cells, _ in grid), default=0)
    padded = [(line, tuple(cells + [""] * (width - len(cells))), header) for line, cells, header in grid]
    padded = [r for r in padded if any(c.strip() for c in r[1])]
    pairs = _table_meta([cells for _, cells, _ in padded])
    if pairs:
        out.meta.extend(pairs)
        return
    out.flush()
    for caption in (c for c in table if c.tag == "caption"):
        _walk(caption, out, depth + 1)
    if not padded:
        return
    number = out.tables
    out.tables += 1
    out.blocks.extend(Row(cells, line, number, header) for line, cells, header in padded)


def _head_meta(root: etree._Element) -> tuple[str | None, list[tuple[str, str]]]:
    titles = root.xpath("//title")
    title = normalise_space("".join(titles[0].itertext())) or None if titles else None
    pairs = []
    for meta in root.xpath("//meta[@name][@content]"):
        name = (meta.get("name") or "").strip()
        if name.lower() in _HEAD_META:
            value = normalise_space(meta.get("content") or "")
            if value:
                pairs.append((name, value))
    return title, pairs


# <meta name> a site states about its page (政府网站网页设计规范, GB/T 39735 and the common ones).
_HEAD_META = {
    n.lower()
    for n in (
        "ArticleTitle",
        "PubDate",
        "ContentSource",
        "Keywords",
        "Description",
        "Author",
        "ColumnName",
        "ColumnType",
        "ColumnDescription",
        "ColumnKeywords",
        "SiteName",
        "SiteDomain",
        "SiteIDCode",
        "Url",
        "firstpublishedtime",
        "lastmodifiedtime",
        "publishdate",
    )
}


# Tags that nest without end in broken pages (an unclosed <div> or <font> per paragraph):
# <div class=x>, </font>. Past the parser's depth limit they are dropped, blocks becoming <br>;
# if the page still nests too deep, every tag but a table's becomes a <br>, then every tag.
_NESTING_INLINE = re.compile(r"</?(?:span|font|b|i|u|strong|em|small|big|a|label)\b[^>]*>", re.IGNORECASE)
_NESTING = (
    re.compile(r"</?(?:div|section|article|center|blockquote)\b[^>]*>", re.IGNORECASE),
    re.compile(r"<(?!/?(?:table|tr|td|th|thead|tbody|tfoot|caption|br)\b)/?[a-zA-Z][^>]*>", re.IGNORECASE),
    re.compile(r"</?[a-zA-Z][^>]*>"),
)


def _parse_tree(text: str) -> tuple[etree._Element | None, list[tuple[int | None, str]]]:
    """The page's tree; a page nested past libxml2's limit of 2048 is parsed again with fewer
    tags, since the parser stops reading at that depth."""
    notes: list[tuple[int | None, str]] = []
    for flatten in (None, *_NESTING):
        if flatten is not None:
            text = flatten.sub("<br>", _NESTING_INLINE.sub("", text))
        parser = etree.HTMLParser(
            encoding="utf-8",
            remove_comments=True,
            remove_pis=True,
            no_network=True,
            recover=True,
            collect_ids=False,
            huge_tree=True,  # else libxml2 stops at a depth of 256; the input is size-limited
        )
        root = etree.fromstring(text.encode("utf-8", errors="surrogatepass"), parser)
        if not any("Excessive depth" in e.message for e in parser.error_log):
            break
    if flatten is not None:
        notes.append((None, "the page nests too deep to parse; it was read with most of its tags removed"))
    return root, notes


def parse_html(text: str, path: str = "<string>") -> tuple[tuple[Block, ...], str | None, list, list]:
    """The blocks, title, metadata and notes of a decoded page.

    Examples
    --------
    >>> blocks, title, meta, _ = parse_html(
    ...     "<title>方案</title><div class=nav>首页</div><p>一、目标<br>1.增长6%</p>"
    ...     "<table><tr><th>序号</th><th>任务</th></tr><tr><td>1</td><td>增长</td></tr></table>"
    ... )
    >>> [(type(b).__name__, getattr(b, "text", None) or b.cells) for b in blocks]
    [('Paragraph', '一、目标'), ('Paragraph', '1.增长6%'), ('Row', ('序号', '任务')), ('Row', ('1', '增长'))]
    >>> title, blocks[2].header, blocks[3].header
    ('方案', True, False)
    """
    root, notes = _parse_tree(text)
    if root is None:
        return (), None, [], notes
    title, meta = _head_meta(root)
    out = _Builder(path, notes=notes)
    body = root.find("body")
    _walk(body if body is not None else root, out)
    out.flush()
    return tuple(out.blocks), title, meta + out.meta, out.notes


def read(data: bytes, path: str) -> Document:
    """Read a web page from its bytes."""
    text, encoding, notes = decode_html(data, path)
    blocks, title, meta, more = parse_html(text, path)
    return Document(path, "html", blocks, encoding, title, tuple(meta), tuple(notes + more))
