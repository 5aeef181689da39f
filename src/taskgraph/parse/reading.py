"""Turning a file's bytes into text without asking the user for the encoding.

Plans come as UTF-8 (with or without BOM), as GB18030/GBK from older Windows tools, and as
UTF-16 from Word's "save as text". Anything else is an :class:`InputError`.
"""

from __future__ import annotations

import codecs
import os

from taskgraph.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control characters other than tab, newline, carriage return and form feed mark a binary file.
_CONTROL = {c for c in range(32) if c not in (9, 10, 12, 13)} | {127}


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    bad = sum(1 for ch in sample if ord(ch) in _CONTROL or ch == "\ufffd")
    return bad / len(sample) > 0.01


def _utf16_without_bom(data: bytes) -> str | None:
    # UTF-16 text of CJK and ASCII has NULs in one byte position of most ASCII characters.
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    half = max(1, len(data) // 2)
    if odd > half * 0.2 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.2 and odd < half * 0.05:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Decode a plan's bytes; return ``(text, encoding)``.

    Examples
    --------
    >>> decode_bytes("一、目标".encode("gb18030"))
    ('一、目标', 'gb18030')
    >>> decode_bytes(codecs.BOM_UTF8 + "1.任务".encode())
    ('1.任务', 'utf-8-sig')
    """
    if not data.strip():
        raise InputError("the file is empty", path)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"cannot decode as {encoding}: {exc.reason}", path) from None
            return _checked(text, encoding, path)
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return _checked(data.decode(utf16), utf16, path)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise InputError("this is a binary file, not a plan's text", path)
    for encoding in ("utf-8", "gb18030"):
        try:
            return _checked(data.decode(encoding), encoding, path)
        except UnicodeDecodeError:
            continue
    raise InputError("cannot decode the file as UTF-8, GB18030 or UTF-16", path)


def _checked(text: str, encoding: str, path: str) -> tuple[str, str]:
    if _looks_binary(text):
        raise InputError("this is a binary file, not a plan's text", path)
    if not text.strip():
        raise InputError("the file is empty", path)
    return text, encoding


def read_text(path: str | os.PathLike[str]) -> tuple[str, str]:
    """Read a plan file and decode it; return ``(text, encoding)``."""
    name = os.fspath(path)
    if not os.path.exists(name):
        raise InputError("no such file", name)
    if os.path.isdir(name):
        raise InputError("is a directory, not a plan file", name)
    try:
        with open(name, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", name) from None
    return decode_bytes(data, name)
