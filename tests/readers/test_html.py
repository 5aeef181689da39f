"""The HTML reader: pages as sites serve them, chrome left out, tables kept as rows."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

import makedocs
from taskgraph.errors import InputError
from taskgraph.readers import read_document
from taskgraph.readers.blocks import Paragraph, Row
from taskgraph.readers.html import decode_html, is_chrome, meta_pairs, normalise_space, parse_html, read

from .checks import (
    assert_no_chrome,
    assert_site_meta,
    assert_task_table,
    assert_tasks_in_order,
    paragraphs,
    rows,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "readers"


def blocks_of(html: str) -> list[tuple]:
    """The blocks of a page as plain tuples: ("p", text) and ("row", cells, header)."""
    blocks, _, _, _ = parse_html(html)
    return [("p", b.text) if isinstance(b, Paragraph) else ("row", b.cells, b.header) for b in blocks]


# --- the Shen County plan ------------------------------------------------------------------


def test_plan_page(built, shen):
    """(a) The plan as a GBK page with site chrome: its paragraphs exactly, in order, and nothing else."""
    doc = read_document(built["a"])
    assert doc.format == "html" and doc.encoding == "gb18030"
    assert paragraphs(doc) == [makedocs.HEAD_META[0][1], *shen.paragraphs()]
    assert_tasks_in_order(doc, shen)
    assert_no_chrome(doc)
    assert rows(doc) == []


def test_plan_page_metadata(built):
    """(a) The title, the <meta name> pairs and the 索引号 table and date line go to the document."""
    doc = read_document(built["a"])
    assert doc.title == makedocs.PAGE_TITLE
    assert_site_meta(doc)
    meta = dict(doc.meta)
    for key, value in makedocs.HEAD_META:
        assert meta[key] == value
    assert meta["发布时间"] == "2024-01-22 09:30" and meta["来源"] == "莘县人民政府办公室"
    assert doc.notes == ()


def test_plan_page_lines(built, shen):
    """Each paragraph's line is the line of its <p> in the source."""
    source = built["a"].read_bytes().decode("gbk").splitlines()
    doc = read_document(built["a"])
    for block in doc.blocks[1:]:
        assert block.text in source[block.line - 1]


def test_table_page(built, shen, gold):
    """(b) A page whose tasks are table rows inside a layout table: 92 task rows, headings spanning, header."""
    doc = read_document(built["b"])
    assert_task_table(doc, shen, gold)
    assert_no_chrome(doc)
    assert_site_meta(doc)
    assert paragraphs(doc) == [makedocs.HEAD_META[0][1], shen.title]


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "gbk", "utf-16"])
def test_plan_page_in_other_encodings(shen, encoding):
    """The page decodes the same whatever encoding it is served in."""
    page = makedocs.html_page(shen.paragraphs(), encoding=encoding)
    if encoding == "utf-16":  # a page saved as "Unicode" by Notepad: a BOM, and a stale declaration
        page = page.decode("utf-16").replace("utf-16", "gb2312").encode("utf-16")
    doc = read(page, "page.html")
    assert paragraphs(doc)[1:] == shen.paragraphs()


# --- encodings -------------------------------------------------------------------------------


def test_gb2312_meta_decodes_gbk_characters():
    """A page that says GB2312 but holds GBK-only characters (·, 莘) is read as GB18030."""
    page = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><p>莘县·一〔2024〕</p>'
    text, encoding, notes = decode_html(page.encode("gbk"))
    assert encoding == "gb18030" and "莘县·一〔2024〕" in text and notes == []


def test_bom_beats_meta():
    """A UTF-8 BOM wins over a page's GB2312 declaration."""
    page = codecs.BOM_UTF8 + '<meta charset="gb2312"><p>县财政局</p>'.encode()
    doc = read(page, "x.html")
    assert doc.encoding == "utf-8-sig" and paragraphs(doc) == ["县财政局"]


def test_wrong_declaration_falls_back():
    """A GBK page that declares UTF-8 is read as GB18030, with a note saying so."""
    page = '<meta charset="utf-8"><p>县财政局</p>'.encode("gbk")
    doc = read(page, "x.html")
    assert paragraphs(doc) == ["县财政局"] and doc.encoding == "gb18030"
    assert "declares utf-8" in doc.notes[0][1]


def test_undeclared_page_tries_utf8_then_gb18030():
    """Without a declaration, UTF-8 is tried first, then GB18030."""
    assert read("<p>一、目标</p>".encode(), "x.html").encoding == "utf-8"
    assert read("<p>一、目标</p>".encode("gbk"), "x.html").encoding == "gb18030"


def test_xml_declaration():
    """An XHTML page's <?xml encoding?> is a declaration too."""
    page = '<?xml version="1.0" encoding="GBK"?><html><body><p>县财政局</p></body></html>'.encode("gbk")
    doc = read(page, "x.xhtml")
    assert doc.encoding == "gb18030" and paragraphs(doc) == ["县财政局"]


def test_empty_page():
    """An empty file is an InputError, a page with no text an empty document."""
    with pytest.raises(InputError, match="empty"):
        read(b"  \n", "x.html")
    assert read(b"<html><body><script>x()</script></body></html>", "x.html").blocks == ()


# --- paragraphs ------------------------------------------------------------------------------


def test_br_inside_p():
    """<br> inside a <p> ends a paragraph, as the page shows it."""
    assert blocks_of("<p>一、目标<br/>1.增长6%<br><br>2.增长8%</p>") == [
        ("p", "一、目标"),
        ("p", "1.增长6%"),
        ("p", "2.增长8%"),
    ]


def test_block_boundaries():
    """<div>, <li>, <h1>–<h6> and text between blocks are paragraphs; inline tags are not boundaries."""
    html = "<h1>方案</h1>前言<div>一、<b>目标</b><span>任务</span></div><ul><li>甲</li><li>乙</li></ul>尾"
    assert blocks_of(html) == [
        ("p", "方案"),
        ("p", "前言"),
        ("p", "一、目标任务"),
        ("p", "甲"),
        ("p", "乙"),
        ("p", "尾"),
    ]


def test_entities_and_spaces():
    """Entities are decoded; &nbsp; becomes a space and U+3000 stays; a source line break between
    Chinese characters is no space, as browsers show it."""
    html = "<p>\u3000\u30001.推进&ldquo;放管服&rdquo;改革&nbsp;&amp;&#x4e00;体化\n   建设 A\nB</p>"
    assert blocks_of(html) == [("p", "\u3000\u30001.推进“放管服”改革 &一体化建设 A B")]


@pytest.mark.parametrize(
    "html, texts",
    [
        ("<ol><li>甲</li><li><p>乙</p></li><li value=7>丙</li></ol>", ["1.甲", "2.乙", "7.丙"]),
        ('<ol type="a" start="2"><li>甲</li><li>乙</li></ol>', ["b.甲", "c.乙"]),
        (
            '<ol style="list-style-type: cjk-ideographic"><li>目标</li><li>任务</li></ol>',
            ["一、目标", "二、任务"],
        ),
        ('<ol style="list-style: none"><li>甲</li></ol><ul><li>乙</li></ul>', ["甲", "乙"]),
    ],
)
def test_ordered_list_numbers(html, texts):
    """An <ol> item reads with the number the browser draws before it, as Word's numbering does."""
    assert [t for _, t in blocks_of(html)] == texts


def test_pre_keeps_lines():
    """A <pre> block's lines are paragraphs with their own source lines."""
    blocks, _, _, _ = parse_html("<html><body>\n<pre>一、目标\n\n1.增长6%\n</pre></body></html>")
    assert [(b.text, b.line) for b in blocks] == [("一、目标", 2), ("1.增长6%", 4)]


def test_normalise_space_drops_blank():
    """A paragraph of spaces alone is no paragraph."""
    assert normalise_space(" \xa0\u3000 \n") == ""


# --- what is left out ------------------------------------------------------------------------


def test_chrome_left_out():
    """Scripts, styles, navigation, page header and footer, forms, hidden elements, buttons and
    breadcrumbs are not blocks; an article's own <header> is."""
    html = """<html><head><style>p{}</style><script>var a = "<p>x</p>";</script></head><body>
    <header><a href="/">首页</a> 政务公开</header>
    <nav><a>首页</a></nav>
    <div class="nav"><a>首页</a><a>机构</a></div>
    <form><input value="搜索"><button>搜索</button></form>
    <div class="position">您现在的位置：<a>首页</a> &gt;&gt; 通知公告</div>
    <div>首页 &gt; 政务公开 &gt; 政策文件</div>
    <article><header><h1>关于印发方案的通知</h1></header>
    <p>一、目标</p><p style="display: none">隐藏</p><p hidden>也隐藏</p>
    <div>【字体：<a>大</a> <a>中</a> <a>小</a>】【打印本页】【关闭窗口】</div>
    <div class="bdsharebuttonbox">分享到：<a>微信</a></div>
    <p>分享到：微博 QQ空间</p>
    <noscript>请打开脚本</noscript><template><p>模板</p></template><iframe>框架</iframe>
    </article>
    <footer>版权所有：县政府 <a>网站地图</a></footer>
    <div id="footer">主办单位：县政府办公室</div>
    <p>鲁ICP备05001234号</p>
    </body></html>"""
    assert blocks_of(html) == [("p", "关于印发方案的通知"), ("p", "一、目标")]


def test_chrome_named_container_with_prose_is_read():
    """A container named like chrome ("header") that holds the document's prose is read after all."""
    prose = "1." + "推进重点项目建设" * 12
    assert blocks_of(f'<div class="header"><p>{prose}</p></div>') == [("p", prose)]


def test_asp_net_form_wrapping_the_page_is_read():
    """A form that wraps the whole page (ASP.NET sites) is read; its controls are not."""
    prose = "1." + "推进重点项目建设" * 12
    assert blocks_of(f'<form id="form1"><input type="hidden" value="x"><p>{prose}</p></form>') == [
        ("p", prose)
    ]


@pytest.mark.parametrize(
    "line, chrome",
    [
        ("【字体：大 中 小】【打印本页】【关闭窗口】", True),
        ("[打印] [关闭]", True),
        ("当前位置：首页 > 政务公开 > 政策文件", True),
        ("分享到：", True),
        ("扫一扫在手机打开当前页", True),
        ("网站标识码：3715220001 鲁公网安备 37152202000123号", True),
        ("1.打印文件并关闭窗口。", False),
        ("分享经济加快发展。", False),
        ("（一）聚焦重点项目，持续厚植发展动能", False),
        ("首页", False),
    ],
)
def test_is_chrome(line, chrome):
    """Lines of buttons, breadcrumbs and site footers are chrome; a plan's sentences are not."""
    assert is_chrome(line) is chrome


@pytest.mark.parametrize(
    "line, pairs",
    [
        (
            "发布时间：2024-01-22  来源：县政府办公室  浏览次数：",
            [("发布时间", "2024-01-22"), ("来源", "县政府办公室"), ("浏览次数", "")],
        ),
        ("索 引 号：113715/2024-00017", [("索引号", "113715/2024-00017")]),
        (
            "发文字号：莘政字〔2024〕3号成文日期：2024-01-20",
            [("发文字号", "莘政字〔2024〕3号"), ("成文日期", "2024-01-20")],
        ),
        ("标题：关于印发方案的通知", []),
        ("资金来源：县财政", []),
        ("1.来源：县财政", []),
    ],
)
def test_meta_pairs(line, pairs):
    """A line made only of site metadata gives its pairs; anything else gives none."""
    assert meta_pairs(line) == pairs


def test_metadata_block_as_list():
    """Metadata written as a list of "key：value" items goes to meta, not to the blocks."""
    html = """<ul class="xxgk"><li><span>索引号：</span><span>113715/2024-00017</span></li>
    <li><b>发文机关：</b>莘县人民政府</li></ul><p>一、目标</p>"""
    blocks, _, meta, _ = parse_html(html)
    assert [b.text for b in blocks] == ["一、目标"]
    assert meta == [("索引号", "113715/2024-00017"), ("发文机关", "莘县人民政府")]


def test_metadata_table_with_padded_keys():
    """A metadata table whose keys are padded to align ("索 引 号") goes to meta, not to the rows."""
    html = """<table><tr><td>索&nbsp;引&nbsp;号：</td><td>113715/2024-00017</td>
    <td>主题分类：</td><td>综合政务</td></tr>
    <tr><td>发文机关：</td><td colspan="3">莘县人民政府</td></tr>
    <tr><td>成文日期：2024-01-20</td><td>有 效 性：</td><td>有效</td></tr></table>"""
    blocks, _, meta, _ = parse_html(html)
    assert blocks == ()
    assert meta == [
        ("索引号", "113715/2024-00017"),
        ("主题分类", "综合政务"),
        ("发文机关", "莘县人民政府"),
        ("成文日期", "2024-01-20"),
        ("有效性", "有效"),
    ]


def test_head_meta_and_title():
    """<title> is the title; <meta name> pairs a site states about its page are meta, others not."""
    html = """<head><title> 方案_县政府 </title><meta name="ArticleTitle" content="方案">
    <meta name="PubDate" content="2024-01-22"><meta name="viewport" content="width=device-width">
    <meta name="keywords" content="重点工作"></head><body><p>一</p></body>"""
    _, title, meta, _ = parse_html(html)
    assert title == "方案_县政府"
    assert meta == [("ArticleTitle", "方案"), ("PubDate", "2024-01-22"), ("keywords", "重点工作")]


# --- tables ----------------------------------------------------------------------------------


def test_rowspan_and_colspan():
    """A cell spanning rows and columns is repeated into every cell it covers."""
    html = """<table>
    <tr><th rowspan="2">序号</th><th colspan="2">责任</th></tr>
    <tr><th>牵头单位</th><th>责任单位</th></tr>
    <tr><td>1</td><td rowspan="2" colspan="2">县财政局</td></tr>
    <tr><td>2</td></tr>
    <tr><td colspan="3">二、主要任务</td></tr>
    <tr><td>3</td><td>县教体局</td></tr>
    </table>"""
    assert blocks_of(html) == [
        ("row", ("序号", "责任", "责任"), True),
        ("row", ("序号", "牵头单位", "责任单位"), True),
        ("row", ("1", "县财政局", "县财政局"), False),
        ("row", ("2", "县财政局", "县财政局"), False),
        ("row", ("二、主要任务",) * 3, False),
        ("row", ("3", "县教体局", ""), False),
    ]


def test_thead_rows_are_headers_and_lines_are_rows():
    """Rows in <thead> are header rows even with <td>; each row's line is its <tr>'s."""
    blocks, _, _, _ = parse_html(
        "<table>\n<thead><tr><td>序号</td><td>任务</td></tr></thead>\n<tr><td>1</td><td>甲</td></tr></table>"
    )
    assert [(b.cells, b.header, b.line) for b in blocks] == [
        (("序号", "任务"), True, 2),
        (("1", "甲"), False, 3),
    ]


def test_cell_paragraphs_kept_as_lines():
    """Paragraphs and <br> inside a cell are kept apart by a line break."""
    html = "<table><tr><td>1</td><td><p>县财政局</p><p>县教体局<br>县民政局</p></td></tr></table>"
    assert blocks_of(html) == [("row", ("1", "县财政局\n县教体局\n县民政局"), False)]


def test_layout_tables_read_as_content():
    """Tables that lay out the page (nesting tables, one column, role=presentation) are read as content."""
    html = """<table width="1000"><tr><td><h2>通知</h2></td></tr><tr><td>
      <table><tr><td><p>一、目标</p></td></tr></table>
      <table role="presentation"><tr><td>左</td><td>右</td></tr></table>
      <table border="1"><tr><th>序号</th><th>任务</th></tr><tr><td>1</td><td>甲</td></tr></table>
    </td></tr></table>"""
    blocks, _, _, _ = parse_html(html)
    assert [(type(b).__name__, getattr(b, "text", None) or b.cells) for b in blocks] == [
        ("Paragraph", "通知"),
        ("Paragraph", "一、目标"),
        ("Paragraph", "左"),
        ("Paragraph", "右"),
        ("Row", ("序号", "任务")),
        ("Row", ("1", "甲")),
    ]
    assert {b.table for b in blocks if isinstance(b, Row)} == {0}


def test_tables_numbered_in_order_and_empty_rows_skipped():
    """Data tables are numbered from 0 in document order; rows of empty cells are not rows."""
    html = """<table><tr><td>a</td><td>b</td></tr><tr><td> </td><td>&nbsp;</td></tr></table><p>中</p>
    <table><caption>表2</caption><tr><td>c</td><td>d</td></tr></table>"""
    blocks, _, _, _ = parse_html(html)
    assert [(type(b).__name__, getattr(b, "table", None)) for b in blocks] == [
        ("Row", 0),
        ("Paragraph", None),
        ("Paragraph", None),
        ("Row", 1),
    ]


def test_hostile_spans_are_bounded():
    """A colspan of a million is clamped, and a table past the cell budget is an InputError."""
    assert len(blocks_of('<table><tr><td colspan="1000000">x</td><td>y</td></tr></table>')[0][1]) == 1001
    rows_html = '<tr><td colspan="1000">x</td></tr>' * 2100
    with pytest.raises(InputError, match="cells"):
        parse_html(f"<table>{rows_html}</table>")


# --- broken and hostile pages ----------------------------------------------------------------


def test_broken_html():
    """Unclosed tags, stray end tags and a missing <body> still read in order."""
    html = "<p>一、目标<p>1.增长6%</td><div>2.增长<b>8%</div></span><table><tr><td>1<td>甲<tr><td>2<td>乙</table>尾"
    assert blocks_of(html) == [
        ("p", "一、目标"),
        ("p", "1.增长6%"),
        ("p", "2.增长8%"),
        ("row", ("1", "甲"), False),
        ("row", ("2", "乙"), False),
        ("p", "尾"),
    ]


def test_no_entity_or_dtd_is_resolved(tmp_path):
    """An external entity in a DOCTYPE is neither fetched nor read from disk."""
    secret = tmp_path / "secret.txt"
    secret.write_text("机密", encoding="utf-8")
    page = f'<!DOCTYPE html [<!ENTITY x SYSTEM "{secret.as_uri()}">]><html><body><p>甲&x;乙</p></body></html>'
    assert "机密" not in paragraphs(read(page.encode(), "x.html"))[0]


def test_deep_nesting():
    """Thousands of nested elements neither crash nor lose the text."""
    doc = read(("<div>" * 5000 + "一、目标" + "</div>" * 5000).encode(), "x.html")
    assert "一、目标" in "".join(paragraphs(doc))


# --- golden pages ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(p.stem for p in FIXTURES.glob("*.html")))
def test_golden_pages(name, request):
    """Hand-written pages give the block streams in tests/fixtures/readers/*.expected.json."""
    doc = read((FIXTURES / f"{name}.html").read_bytes(), f"{name}.html")
    actual = {
        "title": doc.title,
        "encoding": doc.encoding,
        "meta": [list(m) for m in doc.meta],
        "blocks": [
            {"text": b.text, "line": b.line}
            if isinstance(b, Paragraph)
            else {"cells": list(b.cells), "line": b.line, "table": b.table, "header": b.header}
            for b in doc.blocks
        ],
    }
    expected_path = FIXTURES / f"{name}.expected.json"
    if request.config.getoption("--regen-golden"):
        expected_path.write_text(_dump(actual), encoding="utf-8")
    assert actual == json.loads(expected_path.read_text(encoding="utf-8"))


def _dump(value: dict) -> str:
    """JSON with one metadata pair or block per line, so that a change shows as one line."""
    lines = ["{"]
    for i, (key, item) in enumerate(value.items()):
        end = "," if i < len(value) - 1 else ""
        if isinstance(item, list):
            inner = ",\n".join("  " + json.dumps(x, ensure_ascii=False) for x in item)
            lines.append(
                f"  {json.dumps(key)}: [\n{inner}\n  ]{end}" if item else f"  {json.dumps(key)}: []{end}"
            )
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(item, ensure_ascii=False)}{end}")
    return "\n".join([*lines, "}"]) + "\n"


def test_a_list_of_related_files_is_chrome(tmp_path):
    """<div class="related"> with numbered links to other documents adds no task and no warning."""
    from taskgraph import read_plan

    page = tmp_path / "plan.html"
    page.write_text(
        "<html><head><meta charset='utf-8'></head><body><div class='article'>"
        "<p>2024年县政府工作报告重点工作任务分解方案</p><p>一、主要目标</p>"
        "<p>1.地区生产总值增长6%。（牵头单位：县发改局）</p><p>2.新增城镇就业4200人。（牵头单位：县人社局）</p></div>"
        "<div class='related'><h3>相关文件</h3><ul><li><a href='#'>1.XX县人民政府办公室关于2023年重点工作任务完成情况的通报</a></li>"
        "<li><a href='#'>2.XX县2024年政府工作报告</a></li></ul></div></body></html>",
        encoding="utf-8",
    )
    plan = read_plan(page)
    assert [t.text for t in plan.tasks] == ["地区生产总值增长6%。", "新增城镇就业4200人。"]
    assert not plan.warnings
