"""The .docx reader: body paragraphs and tables in order, Word's numbering as printed, merged cells."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

import makedocs
from taskgraph.errors import InputError
from taskgraph.readers import read_document, sniff
from taskgraph.readers.blocks import Paragraph, Row
from taskgraph.readers.docx import read

from .checks import assert_task_table, assert_tasks_in_order, paragraphs, rows


def blocks_of(path) -> list[tuple]:
    doc = read(path.read_bytes(), str(path))
    return [
        ("p", b.text, b.line) if isinstance(b, Paragraph) else ("row", b.cells, b.line, b.header)
        for b in doc.blocks
    ]


def p(text: str, extra: str = "") -> str:
    """A paragraph of WordprocessingML with one run of ``text``."""
    return f"<w:p>{extra}<w:r><w:t xml:space='preserve'>{text}</w:t></w:r></w:p>"


# --- the Shen County plan ------------------------------------------------------------------


def test_plan_paragraphs_with_word_numbering(built, shen):
    """(c) The plan with Word's automatic numbering reads as printed: "一、", "（一）", "1." in the text."""
    doc = read_document(built["c"])
    assert doc.format == "docx" and doc.title == shen.title
    assert paragraphs(doc) == shen.paragraphs()
    assert_tasks_in_order(doc, shen)
    assert [b.line for b in doc.blocks] == list(range(1, len(doc.blocks) + 1))


def test_plan_table(built, shen, gold):
    """(d) The task table: header row flagged (w:tblHeader), headings merged across, 92 task rows."""
    doc = read_document(built["d"])
    assert_task_table(doc, shen, gold)
    assert paragraphs(doc) == [shen.title]
    found = rows(doc)
    assert found[0].line == 2 and found[-1].line == len(found) + 1, "a row counts as one line after the title"


# --- numbering -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fmt, text, expected",
    [
        ("decimal", "%1.", ["1.甲", "2.乙", "3.丙"]),
        ("decimal", "%1、", ["1、甲", "2、乙", "3、丙"]),
        ("decimal", "（%1）", ["（1）甲", "（2）乙", "（3）丙"]),
        ("chineseCounting", "%1、", ["一、甲", "二、乙", "三、丙"]),
        ("chineseCounting", "（%1）", ["（一）甲", "（二）乙", "（三）丙"]),
        ("chineseCountingThousand", "%1、", ["一、甲", "二、乙", "三、丙"]),
        ("japaneseCounting", "%1.", ["一.甲", "二.乙", "三.丙"]),
        ("ideographTraditional", "%1、", ["甲、甲", "乙、乙", "丙、丙"]),
        ("decimalEnclosedCircle", "%1", ["①甲", "②乙", "③丙"]),
        ("upperLetter", "%1.", ["A.甲", "B.乙", "C.丙"]),
        ("lowerLetter", "(%1)", ["(a)甲", "(b)乙", "(c)丙"]),
        ("upperRoman", "%1.", ["I.甲", "II.乙", "III.丙"]),
        ("decimal", "%1", ["1 甲", "2 乙", "3 丙"]),
        ("bullet", "\uf06c", ["甲", "乙", "丙"]),
    ],
)
def test_numbering_formats(tmp_path, fmt, text, expected):
    """Each common list format renders its number into the paragraph, as Word prints it."""
    path = makedocs.docx_list(
        [("甲", 1, 0), ("乙", 1, 0), ("丙", 1, 0)], [[(fmt, text)]], tmp_path / "l.docx"
    )
    assert [b[1] for b in blocks_of(path)] == expected


def test_hostile_start_values_stay_numbers():
    """A list that starts at two billion prints its number, not a string of two billion letters."""
    from taskgraph.readers.docx import format_number

    assert format_number(2_000_000_000, "upperLetter") == "2000000000"
    assert format_number(2_000_000_000, "upperRoman") == "2000000000"
    assert format_number(123, "chineseCounting") == "一百二十三"


def test_chinese_numbers_past_ten(tmp_path):
    """Chinese counting goes on past ten as written: 十、十一、二十."""
    items = [(str(i), 1, 0) for i in range(1, 22)]
    path = makedocs.docx_list(items, [[("chineseCounting", "%1、")]], tmp_path / "l.docx")
    texts = [b[1] for b in blocks_of(path)]
    assert (
        texts[9] == "十、10"
        and texts[10] == "十一、11"
        and texts[19] == "二十、20"
        and texts[20] == "二十一、21"
    )


def test_multilevel_numbers_restart_below(tmp_path):
    """ "%1.%2" shows both levels; a lower level restarts after a higher one."""
    levels = [[("decimal", "%1."), ("decimal", "%1.%2")]]
    items = [("目标", 1, 0), ("甲", 1, 1), ("乙", 1, 1), ("任务", 1, 0), ("丙", 1, 1)]
    path = makedocs.docx_list(items, levels, tmp_path / "l.docx")
    assert [b[1] for b in blocks_of(path)] == ["1.目标", "1.1 甲", "1.2 乙", "2.任务", "2.1 丙"]


def test_tasks_numbered_across_sections(tmp_path):
    """A level that never restarts (lvlRestart 0) numbers the tasks on across sections, as plans do."""
    levels = [[("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.", 0)]]
    items = [
        ("目标", 1, 0),
        ("任务甲", 1, 2),
        ("工作", 1, 0),
        ("项目", 1, 1),
        ("任务乙", 1, 2),
        ("创新", 1, 1),
        ("任务丙", 1, 2),
    ]
    path = makedocs.docx_list(items, levels, tmp_path / "l.docx")
    assert [b[1] for b in blocks_of(path)] == [
        "一、目标",
        "1.任务甲",
        "二、工作",
        "（一）项目",
        "2.任务乙",
        "（二）创新",
        "3.任务丙",
    ]


def test_list_instances_continue_unless_restarted(tmp_path):
    """Two list instances of one definition continue each other; a startOverride restarts one."""
    nums = [(0, {}), (0, {}), (0, {0: 1})]
    items = [("甲", 1, 0), ("乙", 2, 0), ("丙", 3, 0), ("丁", 3, 0), ("戊", 0, 0)]
    path = makedocs.docx_list(items, [[("decimal", "%1.")]], tmp_path / "l.docx", nums=nums)
    assert [b[1] for b in blocks_of(path)] == ["1.甲", "2.乙", "1.丙", "2.丁", "戊"]


def test_numbering_from_paragraph_style(tmp_path):
    """A heading style that carries the numbering (w:numPr in styles.xml) numbers its paragraphs."""
    numbering = makedocs._numbering_xml([[("chineseCounting", "%1、")]], [(0, {})])
    path = tmp_path / "s.docx"
    makedocs.docx_xml(p("目标", "<w:pPr><w:pStyle w:val='TaskHeading'/></w:pPr>") * 2, path, numbering)
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    style = (
        '<w:style w:type="paragraph" w:styleId="TaskHeading"><w:name w:val="Task Heading"/>'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>'
    )
    parts["word/styles.xml"] = parts["word/styles.xml"].replace(b"</w:styles>", style.encode())
    path.write_bytes(makedocs.zip_bytes(parts))
    assert [b[1] for b in blocks_of(path)] == ["一、目标", "二、目标"]


# --- tables ----------------------------------------------------------------------------------


def test_merged_cells_repeated(tmp_path):
    """A cell merged down (vMerge) or across (gridSpan) is repeated into every cell it covers."""
    cell = "<w:tc>{pr}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"

    def tc(text: str = "", pr: str = "") -> str:
        return cell.format(text=text, pr=f"<w:tcPr>{pr}</w:tcPr>" if pr else "")

    header = "<w:trPr><w:tblHeader/></w:trPr>"
    span3, span2 = "<w:gridSpan w:val='3'/>", "<w:gridSpan w:val='2'/>"
    down, still = "<w:vMerge w:val='restart'/>", "<w:vMerge/>"
    body = (
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
        f"<w:tr>{header}{tc('序号')}{tc('任务')}{tc('牵头领导')}</w:tr>"
        f"<w:tr>{tc('一、目标', span3)}</w:tr>"
        f"<w:tr>{tc('1')}{tc('甲')}{tc('丁卫东', down)}</w:tr>"
        f"<w:tr>{tc('2')}{tc('乙')}{tc('', still)}</w:tr>"
        f"<w:tr><w:trPr><w:gridBefore w:val='1'/></w:trPr>{tc('丙', span2)}</w:tr>"
        "</w:tbl>"
    )
    path = makedocs.docx_xml(p("前言") + body + p("后记"), tmp_path / "t.docx")
    assert blocks_of(path) == [
        ("p", "前言", 1),
        ("row", ("序号", "任务", "牵头领导"), 2, True),
        ("row", ("一、目标",) * 3, 3, False),
        ("row", ("1", "甲", "丁卫东"), 4, False),
        ("row", ("2", "乙", "丁卫东"), 5, False),
        ("row", ("", "丙", "丙"), 6, False),
        ("p", "后记", 7),
    ]


def test_cell_paragraphs_and_numbering(tmp_path):
    """A cell's paragraphs are kept apart by a line break; an auto-numbered 序号 column shows its numbers."""
    numbering = makedocs._numbering_xml([[("decimal", "%1")]], [(0, {})])
    numbered = "<w:pPr><w:numPr><w:ilvl w:val='0'/><w:numId w:val='1'/></w:numPr></w:pPr>"
    row = "<w:tr><w:tc><w:p>{n}</w:p></w:tc><w:tc>{p1}{p2}</w:tc></w:tr>"
    body = "<w:tbl>" + "".join(
        row.format(n=numbered, p1=p(a), p2=p(b)) for a, b in (("县财政局", "县教体局"), ("县民政局", ""))
    )
    body += "</w:tbl>"
    path = makedocs.docx_xml(body, tmp_path / "t.docx", numbering)
    assert [b[1] for b in blocks_of(path)] == [("1", "县财政局\n县教体局"), ("2", "县民政局")]


def test_one_column_table_is_text(tmp_path):
    """A one-column table frames text; its paragraphs are paragraphs."""
    body = f"<w:tbl><w:tr><w:tc>{p('一、目标')}{p('1.增长6%')}</w:tc></w:tr></w:tbl>"
    path = makedocs.docx_xml(body, tmp_path / "t.docx")
    assert blocks_of(path) == [("p", "一、目标", 1), ("p", "1.增长6%", 1)]


# --- runs ------------------------------------------------------------------------------------


def test_runs_as_printed(tmp_path):
    """Hidden and deleted text are left out, inserted text kept, field codes left out but their
    results kept, a line break splits the paragraph, a text box follows its paragraph."""
    body = (
        "<w:p><w:r><w:t>1.推进</w:t></w:r>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"
        "<w:del><w:r><w:delText>删除</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>新增</w:t></w:r></w:ins>"
        "<w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType='separate'/></w:r><w:r><w:t>工作</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType='end'/></w:r>"
        "<w:hyperlink><w:r><w:t>。</w:t></w:r></w:hyperlink>"
        "<w:r><w:br/><w:t>（牵头单位：县财政局）</w:t></w:r>"
        "<w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing><wps:txbx><w:txbxContent>"
        f"{p('文本框')}</w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:textbox><w:txbxContent>{p('文本框')}</w:txbxContent></v:textbox></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r></w:p>"
        "<w:p/>"
        f"<w:sdt><w:sdtContent>{p('内容控件')}</w:sdtContent></w:sdt>"
    )
    path = makedocs.docx_xml(body, tmp_path / "r.docx")
    assert blocks_of(path) == [
        ("p", "1.推进新增工作。", 1),
        ("p", "（牵头单位：县财政局）", 1),
        ("p", "文本框", 1),
        ("p", "内容控件", 3),
    ]


# --- damaged and hostile files ---------------------------------------------------------------


def _declare_size(data: bytes, member: str, size: int) -> bytes:
    """The zip with ``member``'s uncompressed size in the central directory set to ``size``."""
    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    while at >= 0:
        name_length = struct.unpack_from("<H", out, at + 28)[0]
        if out[at + 46 : at + 46 + name_length].decode() == member:
            struct.pack_into("<I", out, at + 24, size)
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


def test_zip_bomb_refused_before_unpacking(built):
    """A member that would unpack to more than 200 MB is refused from the zip's directory alone."""
    data = _declare_size(built["c"].read_bytes(), "word/document.xml", 300 * 2**20)
    with pytest.raises(InputError, match="zip bomb"):
        read(data, "bomb.docx")


@pytest.mark.slow
def test_real_zip_bomb_refused(tmp_path):
    """A real bomb (210 MB of zeros in a small zip) is refused without unpacking it."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("word/document.xml", b"<w:document/>")
        with zf.open("word/padding.xml", "w") as fh:
            chunk = b"\x00" * 2**20
            for _ in range(210):
                fh.write(chunk)
    assert len(out.getvalue()) < 2**20
    with pytest.raises(InputError, match="zip bomb"):
        read(out.getvalue(), "bomb.docx")


def test_dtd_refused(built):
    """An XML part that declares a DTD (the way to an entity bomb or XXE) is refused."""
    with zipfile.ZipFile(built["c"]) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"<w:document", b'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document', 1
    )
    with pytest.raises(InputError, match="DTD"):
        read(makedocs.zip_bytes(parts), "x.docx")


@pytest.mark.parametrize(
    "data, message",
    [
        (b"PK\x03\x04" + b"\x00" * 100, "damaged"),
        (makedocs.zip_bytes({"word/other.xml": b"<x/>"}), "no document part"),
        (makedocs.zip_bytes({"word/document.xml": b"<w:document><unclosed"}), "not well-formed"),
    ],
)
def test_damaged_docx(data, message):
    """A damaged zip, a package without its document, malformed XML: one-line InputErrors."""
    with pytest.raises(InputError, match=message) as err:
        read(data, "x.docx")
    assert "\n" not in str(err.value)


def test_docx_sniffed_by_content(built, tmp_path):
    """A .docx saved without its extension is still read as a Word document."""
    path = tmp_path / "plan.bin"
    path.write_bytes(built["d"].read_bytes())
    assert sniff(path.read_bytes(), str(path)) == "docx"
    assert read_document(path).format == "docx"
    assert any(isinstance(b, Row) for b in read_document(path).blocks)
