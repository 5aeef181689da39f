"""Formats read only after a conversion, and how a file's format is told from its bytes."""

from __future__ import annotations

import codecs

import pytest
from click.testing import CliRunner

import makedocs
from taskgraph.errors import InputError
from taskgraph.readers import plan_files, read_document, sniff


@pytest.mark.parametrize(
    "name, data, fmt, message",
    [
        (
            "plan.doc",
            makedocs.ole2_bytes("WordDocument"),
            "doc",
            "legacy Word document.*--convert-to docx .*plan\\.doc",
        ),
        (
            "plan.wps",
            makedocs.ole2_bytes("WordDocument"),
            "wps",
            "WPS Writer.*--convert-to docx .*plan\\.wps",
        ),
        (
            "plan.xls",
            makedocs.ole2_bytes("Workbook"),
            "xls",
            "legacy Excel workbook.*--convert-to xlsx .*plan\\.xls",
        ),
        ("plan.et", makedocs.ole2_bytes("Workbook"), "et", "WPS Spreadsheets.*--convert-to xlsx .*plan\\.et"),
        ("plan.ofd", makedocs.ofd_bytes(), "ofd", "OFD document.*export it to PDF"),
        ("plan.rtf", rb"{\rtf1\ansi 1.task}", "rtf", "RTF document.*--convert-to docx"),
        ("plan.docx", makedocs.ole2_bytes("EncryptedPackage"), "encrypted", "password-protected"),
        ("plan.bin", makedocs.ole2_bytes("WordDocument"), "doc", "legacy Word document"),
        ("plan.bin", makedocs.ole2_bytes("Workbook"), "xls", "legacy Excel workbook"),
        ("plan.bin", makedocs.ole2_bytes("Other"), "ole", "old Office file"),
        ("plan.zip", makedocs.zip_bytes({"a.txt": b"x"}), "zip", "zip archive"),
        (
            "plan.odt",
            makedocs.zip_bytes(
                {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}
            ),
            "odt",
            "OpenDocument text.*--convert-to docx",
        ),
    ],
)
def test_legacy_files_refused_with_the_conversion(tmp_path, name, data, fmt, message):
    """(h) Legacy and foreign files: an InputError of one line that names the file and the conversion."""
    path = tmp_path / name
    path.write_bytes(data)
    assert sniff(data, str(path)) == fmt
    with pytest.raises(InputError, match=message) as err:
        read_document(path)
    assert "\n" not in str(err.value) and str(path) in str(err.value)


def test_command_quotes_the_path(tmp_path):
    """A path with spaces is quoted in the command, so that it can be pasted into a shell."""
    path = tmp_path / "任务 分工.doc"
    path.write_bytes(makedocs.ole2_bytes())
    with pytest.raises(InputError, match=r"--convert-to docx '.*任务 分工\.doc'"):
        read_document(path)


def test_cli_exits_1_with_one_line(tmp_path):
    """Through the command line a legacy file is one line on stderr and exit code 1."""
    from taskgraph.cli import cli

    path = tmp_path / "plan.doc"
    path.write_bytes(makedocs.ole2_bytes())
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "soffice --headless --convert-to docx" in lines[0]


@pytest.mark.parametrize(
    "data, name, fmt",
    [
        (b"%PDF-1.7 ...", "", "pdf"),
        (b"\r\n\x00garbage\n%PDF-1.4\n" + b"x" * 100 + b"\n%%EOF\n", "a.pdf", "pdf"),
        (codecs.BOM_UTF16_LE + "<html><body><p>一</p></body></html>".encode("utf-16-le"), "a.htm", "html"),
        ("<div><p>一、目标</p></div>".encode("gbk"), "a.txt", "html"),
        ("一、目标\n1.增长6%".encode("gbk"), "a.html", "text"),
    ],
)
def test_sniff(data, name, fmt):
    """The bytes decide the format; a page saved as .txt is HTML, a PDF after junk bytes is a PDF."""
    assert sniff(data, name) == fmt


def test_folder_lists_workbooks_and_legacy_files(tmp_path):
    """A folder yields its plans, workbooks among them, and legacy files, which then say what to convert."""
    for name in ("a.xlsx", "b.doc", "c.png", ".hidden.docx", "d.pdf"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.rsplit("/", 1)[-1] for p in plan_files(tmp_path)] == ["a.xlsx", "b.doc", "d.pdf"]
