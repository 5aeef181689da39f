"""Writing files safely, and text made safe for the formats it goes into (issue 14).

Files: :func:`atomic_write` and :func:`atomic_output` write beside the target and rename, so a
reader sees the old file or the new one, never half of one, and a run killed mid-write leaves
the old file intact; an output path that is a symbolic link is refused, never followed.
:class:`FolderLock` keeps two runs from writing one folder at once.

Text: :func:`csv_safe` (cells a spreadsheet would evaluate), :func:`xml_safe` (characters XML
1.0 forbids), :func:`mathtext_safe` (``$`` that matplotlib reads as a formula) and
:func:`markdown_escape` (Markdown and HTML in names) — each for names that come from a plan
and so may hold anything.
"""

from __future__ import annotations

import csv
import os
import re
import secrets
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import IO, Any

from taskgraph.errors import InputError

_LINK = "is a symbolic link; taskgraph replaces files, it does not write through links"
# Names of this process's open streams (links by design, to whatever the shell opened):
# written through, never replaced. Other devices (/dev/null) are found by their file type.
_STREAMS = ("/dev/stdout", "/dev/stderr", "/dev/fd/", "/proc/self/fd/")


def _writable_target(path: str | os.PathLike[str]) -> tuple[str, bool]:
    """The output path, and whether it is a stream (a device or pipe) to write straight into.

    Raises :class:`InputError` for a symbolic link, a directory, or a missing folder.
    """
    name = os.fspath(path)
    if name.startswith(_STREAMS):  # ``-o /dev/stdout``
        return name, True
    try:
        info = os.lstat(name)
    except FileNotFoundError:
        folder = os.path.dirname(os.path.abspath(name))
        if not os.path.isdir(folder):
            raise InputError(f"cannot write: no folder {folder}", name) from None
        return name, False
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", name) from None
    if stat.S_ISLNK(info.st_mode):
        raise InputError(_LINK, name)
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a directory; give a file name to write", name)
    return name, not stat.S_ISREG(info.st_mode)  # a FIFO or a device is written through


def _temporary(target: str) -> tuple[int, str]:
    """A new hidden file beside ``target``, opened for writing with the permissions a new file gets."""
    folder, base = os.path.split(os.path.abspath(target))
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    while True:
        temp = os.path.join(folder, f".{base}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temp, flags, 0o666), temp  # 0o666 less the umask, as open() would give
        except FileExistsError:
            continue
        except OSError as exc:
            raise InputError(f"cannot write: {exc.strerror}", target) from None


@contextmanager
def atomic_output(
    path: str | os.PathLike[str], mode: str = "w", encoding: str | None = "utf-8", newline: str | None = None
) -> Iterator[IO[Any]]:
    """Open ``path`` for writing so that it is replaced whole, or not at all.

    Data goes to a hidden file in the same folder, which is flushed, synced and then renamed
    over ``path`` (``os.replace``: one step, on the same file system). When the block raises,
    the hidden file is removed and ``path`` keeps its old content. An existing file keeps its
    permission bits. A device or pipe (``/dev/stdout``, a FIFO) is written straight into.

    ``mode`` is ``"w"`` (text, ``encoding`` and ``newline`` as for :func:`open`) or ``"wb"``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "tasks.csv"
    >>> with atomic_output(out) as fh:
    ...     _ = fh.write("task,unit\\n")
    >>> out.read_text()
    'task,unit\\n'
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_output writes with mode 'w' or 'wb', not {mode!r}")
    target, is_stream = _writable_target(path)
    text_args: dict[str, Any] = {} if mode == "wb" else {"encoding": encoding, "newline": newline}
    if is_stream:
        with open(target, mode, **text_args) as fh:
            yield fh
        return
    fd, temp = _temporary(target)
    try:
        with os.fdopen(fd, mode, **text_args) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.chmod(temp, stat.S_IMODE(os.stat(target).st_mode))
        except FileNotFoundError:
            pass
        os.replace(temp, target)  # renames the name itself: a link put there meanwhile is replaced
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise


def atomic_write(path: str | os.PathLike[str], data: str | bytes, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``data`` (text in ``encoding``, or bytes) in one step; see :func:`atomic_output`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "plan.nt"
    >>> atomic_write(out, "<a:s> <a:p> <a:o> .\\n")
    >>> out.read_text()
    '<a:s> <a:p> <a:o> .\\n'
    """
    if isinstance(data, bytes):
        with atomic_output(path, "wb") as fh:
            fh.write(data)
    else:
        with atomic_output(path, "w", encoding=encoding, newline="") as fh:
            fh.write(data)


class FolderLock:
    """Hold a folder for one taskgraph run: an exclusive lock on ``folder/.taskgraph.lock``.

    Entering creates the folder when needed and takes the lock without waiting; when another
    process holds it, :class:`InputError` says so (issue 14: two ``report`` runs into one folder
    both exited 0 and left a mix of the two). Leaving releases it, also on an error. The lock
    file stays (removing it would let a third run lock a different file); it is hidden.

    Examples
    --------
    >>> import tempfile
    >>> with FolderLock(tempfile.mkdtemp() + "/report"):
    ...     pass
    """

    NAME = ".taskgraph.lock"

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = os.fspath(folder)
        self._fd: int | None = None

    def __enter__(self) -> FolderLock:
        import fcntl

        if os.path.lexists(self.folder) and not os.path.isdir(self.folder):
            raise InputError("is a file, not a folder to write into", self.folder)
        try:
            os.makedirs(self.folder, exist_ok=True)
            fd = os.open(
                os.path.join(self.folder, self.NAME),
                os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0),
                0o666,
            )
        except OSError as exc:
            raise InputError(f"cannot write into this folder: {exc.strerror}", self.folder) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise InputError("another taskgraph run is writing this folder", self.folder) from None
        self._fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        import fcntl

        if self._fd is not None:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            finally:
                os.close(self._fd)
                self._fd = None


# The first characters that make a spreadsheet evaluate a cell (OWASP, "CSV Injection"):
# "=HYPERLINK(…)", "+cmd|' /C calc'!A0", "-2+3", "@SUM(…)", and tab or CR before any of them.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as written: text that it would evaluate gets a leading ``'``.

    Numbers, None and other text are returned unchanged.

    Examples
    --------
    >>> csv_safe("=HYPERLINK(\\"http://x\\")"), csv_safe("县财政局"), csv_safe(-3)
    ('\\'=HYPERLINK("http://x")', '县财政局', -3)
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class SafeWriter:
    """A :func:`csv.writer` whose every cell goes through :func:`csv_safe`."""

    def __init__(self, fh: IO[str], **fmtparams: Any) -> None:
        self._writer = csv.writer(fh, **fmtparams)

    def writerow(self, row: Iterable[Any]) -> Any:
        """Write one row, its cells made safe."""
        return self._writer.writerow([csv_safe(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        """Write every row, their cells made safe."""
        for row in rows:
            self.writerow(row)


def csv_writer(fh: IO[str], **fmtparams: Any) -> SafeWriter:
    """A CSV writer over ``fh`` that writes every cell through :func:`csv_safe`.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> csv_writer(out, lineterminator="\\n").writerow(["@SUM(A1)", 3])
    12
    >>> out.getvalue()
    "'@SUM(A1),3\\n"
    """
    return SafeWriter(fh, **fmtparams)


# Characters XML 1.0 does not allow (its "Char" production): C0 controls but tab, LF and CR,
# lone surrogates, U+FFFE and U+FFFF. ESC and U+FFFE in a name made GraphML unreadable.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids, so that any XML written with it is well-formed.

    Examples
    --------
    >>> xml_safe("县财政\\x1b局\\ufffe")
    '县财政局'
    """
    return _NOT_XML.sub("", text)


def mathtext_safe(text: str) -> str:
    r"""``text`` as matplotlib draws it literally: every ``$`` escaped, so none starts a formula.

    matplotlib reads text with an even number of unescaped ``$`` as mathtext (a name holding
    ``$x$`` was drawn as a formula, and ``$\frac$`` crashed ``figures``); it draws ``\$`` as ``$``.

    Examples
    --------
    >>> mathtext_safe("成本$5$万元")
    '成本\\$5\\$万元'
    """
    return text.replace("$", r"\$")


# Markdown's inline punctuation, escaped with a backslash (CommonMark: any ASCII punctuation
# may be); "|" would end a table cell. "<", ">" and "&" become entities so that no HTML survives.
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]|~])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Characters that open a block when they begin a line: heading, list, setext underline.
_MARKDOWN_LINE_START = re.compile(r"^(\s*)([#+=-])", re.M)


def markdown_escape(text: str) -> str:
    """``text`` as Markdown that shows it as written, in prose or a table cell, with no HTML.

    Line breaks become spaces (a cell is one line).

    Examples
    --------
    >>> markdown_escape("<b>县|局</b>*")
    '&lt;b&gt;县\\\\|局&lt;/b&gt;\\\\*'
    >>> markdown_escape("# 县委")
    '\\\\# 县委'
    """
    text = re.sub(r"[&<>]", lambda m: _HTML[m.group()], text)
    text = _MARKDOWN_INLINE.sub(r"\\\1", text)
    text = " ".join(text.splitlines())
    return _MARKDOWN_LINE_START.sub(r"\1\\\2", text)


__all__ = [
    "FolderLock",
    "SafeWriter",
    "atomic_output",
    "atomic_write",
    "csv_safe",
    "csv_writer",
    "markdown_escape",
    "mathtext_safe",
    "xml_safe",
]
