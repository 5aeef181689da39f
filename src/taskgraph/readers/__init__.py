"""Readers, one per file format, each turning a file into one :class:`Document` of blocks.

:func:`read_document` tells the format from the file's first bytes (its extension only breaks
ties), so a web page saved as ``.txt`` or a PDF without an extension is still read right.
Formats that need a conversion first (.doc, .wps, .xls, .ofd, scanned PDFs) are refused with
one line that names the conversion.
"""

from __future__ import annotations

import codecs
import io
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

from taskgraph.errors import InputError
from taskgraph.readers.blocks import Block, Document, Paragraph, Row

# Files larger than this are refused before they are read (issue 14: /dev/zero as a plan was
# read without limit). The largest real plan seen is under 2 MB; a corpus is many files.
MAX_BYTES = 64 * 1024 * 1024


def max_bytes() -> int:
    """The size limit now: ``TASKGRAPH_MAX_BYTES`` when set (read at each call), else ``MAX_BYTES``."""
    value = os.environ.get("TASKGRAPH_MAX_BYTES", "").strip()
    if value.isdigit():
        return int(value)
    return MAX_BYTES


def too_large(limit: int, name: str) -> InputError:
    """The one error for a file over the size limit."""
    size = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit:,} bytes"
    return InputError(f"larger than the limit of {size}; set TASKGRAPH_MAX_BYTES to read it", name)


# Extensions a folder is searched for; anything else in a folder is not a plan and is passed over.
PLAN_EXTENSIONS = (".txt", ".text", ".htm", ".html", ".shtml", ".xhtml", ".docx", ".pdf", ".xlsx")
# Formats read only after a conversion; in a folder they are errors, not silently skipped.
LEGACY_EXTENSIONS = (".doc", ".wps", ".xls", ".et", ".ofd", ".rtf", ".odt", ".ceb")
# Stream names in an OLE2 compound file's directory (UTF-16): what kind of old Office file it is.
_OLE2_STREAMS = (
    ("EncryptedPackage", "encrypted"),  # a password-protected .docx/.xlsx is an OLE2 file
    ("WordDocument", "doc"),
    ("Workbook", "xls"),
    ("Book", "xls"),
    ("PowerPoint Document", "ppt"),
)
# The mimetype member of an OpenDocument package.
_ODF_TYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}


def read_bytes(path: str | os.PathLike[str], limit: int | None = None) -> bytes:
    """The bytes of ``path``, refused with an :class:`InputError` when missing or over ``limit``."""
    name = os.fspath(path)
    limit = max_bytes() if limit is None else limit
    if not os.path.exists(name):
        raise InputError("no such file", name)
    if os.path.isdir(name):
        raise InputError("is a directory, not a plan file", name)
    try:
        with open(name, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", name) from None
    if len(data) > limit:
        raise too_large(limit, name)
    return data


def sniff(data: bytes, path: str = "") -> str:
    """The format of a file from its first bytes: text, html, docx, xlsx, pdf, or a legacy format name.

    An Office zip is told by its members (``word/``, ``xl/``, ``OFD.xml``), an OLE2 file by its
    streams (``WordDocument``, ``Workbook``, ``EncryptedPackage``); the extension breaks ties
    (``.wps`` and ``.et`` are OLE2 files that read like ``.doc`` and ``.xls``).

    Examples
    --------
    >>> sniff(b"%PDF-1.7 ..."), sniff(b"<!DOCTYPE html><html>"), sniff("1.任务".encode())
    ('pdf', 'html', 'text')
    """
    head = data[:2048]
    suffix = Path(path).suffix.lower()
    if head.startswith(b"%PDF") or (b"%PDF-" in data[:1024] and b"%%EOF" in data[-2048:]):
        return "pdf"  # readers accept junk before the header, within the first 1 KB
    if head.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2: .doc, .xls, .wps, .et
        return _ole2(data, suffix)
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip(data, suffix)
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if _looks_html(head):
        return "html"
    return "text"


def _ole2(data: bytes, suffix: str) -> str:
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "encrypted"
    if suffix in LEGACY_EXTENSIONS or suffix == ".ppt":
        return suffix.lstrip(".")
    for stream, fmt in _OLE2_STREAMS:
        if stream.encode("utf-16-le") + b"\x00\x00" in data:
            return fmt
    return "ole"


def _zip(data: bytes, suffix: str) -> str:
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        names = package.namelist()
        mimetype = package.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, KeyError, RuntimeError):
        # A damaged package: its first member's name, or its extension, says what it was meant to be.
        names, mimetype = [], b""
    if any(n.startswith("word/") for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    if "OFD.xml" in names or any(n.endswith("/OFD.xml") for n in names):
        return "ofd"
    if mimetype.strip() in _ODF_TYPES:
        return _ODF_TYPES[mimetype.strip()]
    if any(n.startswith("ppt/") for n in names):
        return "pptx"
    if not names:
        start = data[:65536]
        if b"word/" in start or suffix == ".docx":
            return "docx"
        if b"xl/" in start or suffix == ".xlsx":
            return "xlsx"
        if b"OFD.xml" in start or suffix == ".ofd":
            return "ofd"
    if suffix in (".docx", ".xlsx", ".ofd", ".odt"):
        return suffix.lstrip(".")
    return "zip"


def _looks_html(head: bytes) -> bool:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # a page saved as "Unicode"
        head = head.decode("utf-16", "ignore").encode("utf-8", "ignore")
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in head.lower():
        return True
    markers = (b"<html", b"<head", b"<body", b"<meta ", b"<div", b"<p>", b"<p ", b"<table", b"<br")
    return sum(1 for m in markers if m in head.lower()) >= 2


def read_document(path: str | os.PathLike[str]) -> Document:
    """Read one file into a :class:`Document`, whatever its format.

    Raises :class:`InputError` (one line naming the file) when it cannot be read as a plan.
    """
    name = os.fspath(path)
    data = read_bytes(name)
    fmt = sniff(data, name)
    if fmt == "text":
        from taskgraph.readers import text

        return text.read(data, name)
    if fmt == "html":
        from taskgraph.readers import html

        return html.read(data, name)
    if fmt == "docx":
        from taskgraph.readers import docx

        return docx.read(data, name)
    if fmt == "pdf":
        from taskgraph.readers import pdf

        return pdf.read(data, name)
    if fmt == "xlsx":
        from taskgraph.readers import xlsx

        return xlsx.read(data, name)
    from taskgraph.readers import legacy

    raise legacy.refusal(fmt, name)


def plan_files(path: str | os.PathLike[str]) -> list[str]:
    """The plan files a path stands for: itself, or every plan file in a folder, sorted.

    Hidden files and files with other extensions (images, JSON, RDF) in a folder are passed
    over; legacy office files are kept, so that reading them says what to convert.
    """
    name = os.fspath(path)
    if not os.path.isdir(name):
        return [name]
    found = []
    for root, dirs, files in os.walk(name):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if f.startswith("."):
                continue
            if Path(f).suffix.lower() in PLAN_EXTENSIONS + LEGACY_EXTENSIONS:
                found.append(os.path.join(root, f))
    return sorted(found)


def read_documents(paths: list[str | os.PathLike[str]]) -> Iterator[Document]:
    """Read every file the paths stand for (folders expanded), one document at a time."""
    for path in paths:
        for name in plan_files(path):
            yield read_document(name)


__all__ = [
    "Block",
    "Document",
    "Paragraph",
    "Row",
    "plan_files",
    "read_document",
    "read_documents",
    "sniff",
]
