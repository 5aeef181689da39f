"""Encodings are detected without the user saying so; unreadable files are clear errors."""

from __future__ import annotations

import codecs

import pytest

from taskgraph.errors import InputError
from taskgraph.parse import read_plan
from taskgraph.readers import read_document as read_text
from taskgraph.readers.text import decode_bytes


@pytest.mark.parametrize(
    "encoding, expected",
    [
        ("gb18030", "gb18030"),
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-8", "utf-8"),
    ],
)
def test_plan_in_other_encodings(tmp_path, plan_text, plan, encoding, expected):
    """The plan saved as GB18030, UTF-16 (with and without BOM) or UTF-8 with BOM parses the same."""
    path = tmp_path / "plan.txt"
    path.write_bytes(plan_text.encode(encoding))
    other = read_plan(path)
    assert other.encoding == expected
    assert other.tasks == plan.tasks
    assert len(other.tasks) == 92


def test_gbk_is_read_as_gb18030(tmp_path, plan_text):
    """GBK is a subset of GB18030, so a GBK file is read too."""
    path = tmp_path / "plan.txt"
    path.write_bytes(plan_text.encode("gbk"))
    assert len(read_plan(path).tasks) == 92


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"  \n\n \t", "empty"),
        (bytes(range(256)) * 8, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64, "binary"),
        (b"\x80\xff" * 50, "cannot decode"),
    ],
)
def test_unreadable_bytes(data, message):
    """Empty, binary and undecodable bytes raise InputError saying which."""
    with pytest.raises(InputError, match=message):
        decode_bytes(data, "x.txt")


def test_missing_and_directory(tmp_path):
    """A missing path and a directory are InputErrors that name the path."""
    with pytest.raises(InputError, match="no such file") as err:
        read_text(tmp_path / "nope.txt")
    assert "nope.txt" in str(err.value)
    with pytest.raises(InputError, match="directory"):
        read_text(tmp_path)


def test_bom_removed():
    """A UTF-8 BOM does not end up in the text."""
    text, encoding = decode_bytes(codecs.BOM_UTF8 + "一、目标".encode())
    assert text == "一、目标" and encoding == "utf-8-sig"


def test_a_tab_separated_table_is_read_as_rows(tmp_path):
    """Excel's "Unicode text" export: UTF-16 with a BOM, tabs between cells, a quoted cell over two
    lines; read as a table, a line of one cell as a paragraph."""
    from taskgraph import read_plan

    text = (
        "2024年县政府重点工作任务分解表\r\n"
        "序号\t工作任务\t牵头领导\t牵头单位\t责任单位\t完成时限\r\n"
        "1\t新建农村公路50公里。\t王刚\t县交通运输局\t县财政局、各乡镇人民政府\t年底\r\n"
        '2\t"完成城区供水管网改造，\r\n新建加压泵站2座。"\t王刚\t县水务集团\t县住建局\t10月底\r\n'
        "3\t创建省级现代农业示范区。\t李娟\t县农业农村局\t县财政局\t年底\r\n"
    )
    path = tmp_path / "plan.txt"
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    plan = read_plan(path)
    assert [t.number for t in plan.tasks] == ["1", "2", "3"]
    assert plan.tasks[1].text == "完成城区供水管网改造，新建加压泵站2座。"
    assert {(a.role.value, a.party.name) for a in plan.tasks[0].assignments} == {
        ("lead_leader", "王刚"),
        ("lead_unit", "县交通运输局"),
        ("responsible_unit", "县财政局"),
        ("responsible_unit", "各乡镇人民政府"),
    }


# A table as `pdftotext -layout` writes it: columns of spaces, a cell centred on its row's
# number, a row broken by a page (the header repeated), a section row between rows.
LAYOUT = """                2024年桐溪县政府工作报告重点工作任务分工表

  序号    重点工作任务                              牵头县领导     牵头单位              责任单位

  一、坚定不移抓产业强实体

        推进工业倍增行动，全年新增规上工                                                县发改局、县统计局、
  1     业企业20家以上，规上工业增加值                    周建华       县经信局              各乡镇（街道）
        增长8%。

  2     新建高标准农田3.5万亩，粮食播                    副县长       县农业农村局            县财政局、县自然资源
        种面积稳定在42万亩以上。                      吴海燕                         局、县水利局

  3     完成农村生活污水治理行政村30个，                   吴海燕       县农业农村局            市生态环境局桐溪分局、
        改造提升农村户厕2000户，同步完                   刘志强                         县住建局

                                        — 5 —
  序号    重点工作任务                              牵头县领导     牵头单位              责任单位
        善管护机制。                                                               各乡镇

  各牵头单位要细化工作措施，每月25日前报送进展情况。
"""


def test_a_table_in_columns_of_spaces_is_read_by_its_columns():
    """Each row's cells from their columns, wrapped lines joined, a name broken over two lines
    whole, two leaders on two lines apart, a row broken by a page whole; the closing words no row."""
    from taskgraph import parse_plan

    plan = parse_plan(LAYOUT)
    rows = [(t.number, t.text[:8], [(a.role.value, a.party.name) for a in t.assignments]) for t in plan.tasks]
    assert rows == [
        (
            "1",
            "推进工业倍增行动",
            [
                ("lead_leader", "周建华"),
                ("lead_unit", "县经信局"),
                ("responsible_unit", "县发改局"),
                ("responsible_unit", "县统计局"),
                ("responsible_unit", "各乡镇（街道）"),
            ],
        ),
        (
            "2",
            "新建高标准农田3",
            [
                ("lead_leader", "吴海燕"),
                ("lead_unit", "县农业农村局"),
                ("responsible_unit", "县财政局"),
                ("responsible_unit", "县自然资源局"),
                ("responsible_unit", "县水利局"),
            ],
        ),
        (
            "3",
            "完成农村生活污水",
            [
                ("lead_leader", "吴海燕"),
                ("lead_leader", "刘志强"),
                ("lead_unit", "县农业农村局"),
                ("responsible_unit", "市生态环境局桐溪分局"),
                ("responsible_unit", "县住建局"),
                ("responsible_unit", "各乡镇"),
            ],
        ),
    ]
    assert plan.tasks[2].text.endswith("同步完善管护机制。")
    assert plan.tasks[0].section == "一、坚定不移抓产业强实体"
