"""Formats read only after a conversion: one line that says what the file is and how to convert it.

Governments still publish plans as Word 97–2003 (.doc), WPS (.wps, .et), Excel 97–2003 (.xls),
RTF, OpenDocument and OFD, China's fixed-layout format. Reading them would need LibreOffice or
an OFD reader at run time; instead the reader refuses them with the command that converts them.

Examples
--------
>>> print(refusal("doc", "plan.doc"))
plan.doc: this is a legacy Word document (.doc); convert it first: soffice --headless --convert-to docx plan.doc
"""

from __future__ import annotations

import shlex

from taskgraph.errors import InputError

_SOFFICE = "soffice --headless --convert-to {target} {file}"

# What each format is, and what it becomes: (description, LibreOffice target or None, other remedy).
_FORMATS: dict[str, tuple[str, str | None, str | None]] = {
    "doc": ("a legacy Word document (.doc)", "docx", None),
    "wps": ("a WPS Writer document (.wps)", "docx", "or save it as .docx in WPS Office"),
    "rtf": ("an RTF document (.rtf)", "docx", None),
    "odt": ("an OpenDocument text (.odt)", "docx", None),
    "xls": ("a legacy Excel workbook (.xls)", "xlsx", None),
    "et": ("a WPS Spreadsheets workbook (.et)", "xlsx", "or save it as .xlsx in WPS Office"),
    "ods": ("an OpenDocument spreadsheet (.ods)", "xlsx", None),
    "ppt": ("a PowerPoint presentation (.ppt)", "pdf", None),
    "pptx": ("a PowerPoint presentation (.pptx)", "pdf", None),
}


def refusal(fmt: str, path: str) -> InputError:
    """The :class:`InputError` for a file of format ``fmt`` the readers do not read.

    Examples
    --------
    >>> refusal("xls", "任务 2024.xls").message
    "this is a legacy Excel workbook (.xls); convert it first: soffice --headless --convert-to xlsx '任务 2024.xls'"
    >>> refusal("ofd", "a.ofd").message.startswith("this is an OFD document")
    True
    """
    file = shlex.quote(path) if path else "FILE"
    if fmt in _FORMATS:
        what, target, other = _FORMATS[fmt]
        command = _SOFFICE.format(target=target, file=file)
        extra = f" ({other})" if other else ""
        return InputError(f"this is {what}; convert it first: {command}{extra}", path)
    if fmt == "ofd":
        return InputError(
            "this is an OFD document (.ofd), China's fixed-layout format; export it to PDF with an OFD "
            "reader first (e.g. 数科OFD阅读器 or 福昕OFD版式办公套件: 文件 > 另存为 PDF)",
            path,
        )
    if fmt == "ceb":
        return InputError(
            "this is an Apabi CEB document (.ceb); export it to PDF with Apabi Reader first", path
        )
    if fmt == "encrypted":
        return InputError(
            "this Office document is password-protected; open it in Word or WPS, remove the password "
            "and save it again as .docx or .xlsx",
            path,
        )
    if fmt == "ole":
        return InputError(
            "this is an old Office file of an unknown kind; open it in Word, Excel or WPS and save it as "
            ".docx, .xlsx or .pdf",
            path,
        )
    if fmt == "zip":
        return InputError(
            "this is a zip archive, not a plan document; unpack it and read the files inside", path
        )
    return InputError(
        f"cannot read this {fmt} file; save the plan as .txt, .html, .docx, .xlsx or .pdf first",
        path,
    )
