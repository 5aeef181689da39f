"""Atomic writes, refused links and folder locks (taskgraph.safety; issue 14)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from taskgraph.errors import InputError
from taskgraph.safety import FolderLock, atomic_output, atomic_write


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_atomic_write_replaces_the_file(tmp_path: Path) -> None:
    """atomic_write replaces an existing file's content and leaves no temporary file behind."""
    out = tmp_path / "plan.nt"
    out.write_text("old\n")
    atomic_write(out, "新的\n")
    assert out.read_text(encoding="utf-8") == "新的\n"
    atomic_write(out, b"\x00bytes")
    assert out.read_bytes() == b"\x00bytes"
    assert leftovers(tmp_path) == []


def test_text_is_written_as_given(tmp_path: Path) -> None:
    """atomic_write writes text byte for byte: no newline translation, the encoding asked for."""
    out = tmp_path / "a.csv"
    atomic_write(out, "a\r\nb\n", encoding="gbk")
    assert out.read_bytes() == "a\r\nb\n".encode("gbk")


def test_an_error_keeps_the_old_file(tmp_path: Path) -> None:
    """When the block raises, the old file is intact and the hidden temporary file is gone."""
    out = tmp_path / "report.md"
    out.write_text("old")
    with pytest.raises(RuntimeError), atomic_output(out) as fh:
        fh.write("half of the new")
        raise RuntimeError("killed")
    assert out.read_text() == "old"
    assert leftovers(tmp_path) == []


def test_a_new_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    """A new file gets the permissions open() would give (not mkstemp's 0600); an old one keeps its own."""
    umask = os.umask(0o022)
    try:
        atomic_write(tmp_path / "new.txt", "x")
        assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o644
        kept = tmp_path / "kept.txt"
        kept.write_text("x")
        kept.chmod(0o600)
        atomic_write(kept, "y")
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    finally:
        os.umask(umask)


def test_a_symlink_is_refused_and_its_target_untouched(tmp_path: Path) -> None:
    """An output path that is a symbolic link is refused with one line; the file it points to is unchanged."""
    target = tmp_path / "precious.txt"
    target.write_text("precious")
    link = tmp_path / "out.csv"
    link.symlink_to(target)
    with pytest.raises(InputError, match="is a symbolic link; taskgraph replaces files") as caught:
        atomic_write(link, "overwritten")
    assert caught.value.path == str(link)
    assert target.read_text() == "precious"
    assert link.is_symlink()


def test_a_dangling_symlink_is_refused(tmp_path: Path) -> None:
    """A symbolic link to a missing file is refused too: writing through it would create a file elsewhere."""
    link = tmp_path / "out.ttl"
    link.symlink_to(tmp_path / "elsewhere" / "x.ttl")
    with pytest.raises(InputError, match="symbolic link"):
        atomic_write(link, "x")
    assert not (tmp_path / "elsewhere").exists()


def test_a_directory_or_missing_folder_is_refused(tmp_path: Path) -> None:
    """A directory given as the output file, or a file in a folder that does not exist, is an InputError."""
    with pytest.raises(InputError, match="is a directory"):
        atomic_write(tmp_path, "x")
    with pytest.raises(InputError, match="no folder"):
        atomic_write(tmp_path / "missing" / "a.txt", "x")


def test_a_fifo_is_written_through(tmp_path: Path) -> None:
    """A named pipe (like /dev/stdout) is written into, not replaced by a regular file."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    atomic_write(fifo, "rows\n")
    reader.join(timeout=5)
    assert got == [b"rows\n"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@settings(max_examples=60, deadline=None)
@given(old=st.binary(max_size=2000), new=st.binary(max_size=2000), cut=st.none() | st.integers(0, 2000))
def test_old_or_new_never_a_mix(
    tmp_path_factory: pytest.TempPathFactory, old: bytes, new: bytes, cut: int | None
) -> None:
    """After atomic_output the file holds the old content (the write failed after ``cut`` bytes) or the new, never a mix."""
    out = tmp_path_factory.mktemp("w") / "f.bin"
    out.write_bytes(old)
    if cut is None:
        with atomic_output(out, "wb") as fh:
            fh.write(new)
        assert out.read_bytes() == new
    else:
        with pytest.raises(OSError), atomic_output(out, "wb") as fh:
            fh.write(new[:cut])
            raise OSError("disk full")
        assert out.read_bytes() == old
    assert leftovers(out.parent) == []


def test_a_reader_never_sees_half_a_file(tmp_path: Path) -> None:
    """A reader polling the file while it is rewritten 60 times sees one whole version or the other."""
    out = tmp_path / "big.nt"
    versions = [b"a" * 100_000, b"b" * 60_000]
    out.write_bytes(versions[0])
    seen: set[bytes] = set()
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            seen.add(out.read_bytes())

    reader = threading.Thread(target=read)
    reader.start()
    for k in range(60):
        atomic_write(out, versions[k % 2])
    done.set()
    reader.join()
    assert seen <= set(versions)


def test_a_killed_write_leaves_the_old_file(tmp_path: Path) -> None:
    """A process killed in the middle of a write leaves the old file whole (issue 14: a truncated .nt)."""
    out = tmp_path / "plan.nt"
    out.write_text("old\n")
    script = (
        "import sys, time\n"
        "from taskgraph.safety import atomic_output\n"
        f"with atomic_output({str(out)!r}) as fh:\n"
        "    fh.write('new ' * 100000); fh.flush()\n"
        "    print('writing', flush=True)\n"
        "    time.sleep(60)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline() == "writing\n"
    child.kill()
    child.wait()
    assert out.read_text() == "old\n"


def test_folder_lock_creates_and_releases(tmp_path: Path) -> None:
    """FolderLock creates the folder and its hidden lock file, and can be taken again once released."""
    folder = tmp_path / "report"
    with FolderLock(folder):
        assert (folder / ".taskgraph.lock").exists()
    with FolderLock(folder):
        pass


def test_folder_lock_is_exclusive(tmp_path: Path) -> None:
    """While one run holds the folder, a second is refused with one line naming the folder."""
    with (
        FolderLock(tmp_path),
        pytest.raises(InputError, match="another taskgraph run is writing this folder") as caught,
    ):
        with FolderLock(tmp_path):
            pass
    assert caught.value.path == str(tmp_path)


def test_folder_lock_between_processes(tmp_path: Path) -> None:
    """A lock held by another process refuses this one, and is free again once that process ends."""
    script = (
        "import sys\n"
        "from taskgraph.safety import FolderLock\n"
        f"with FolderLock({str(tmp_path)!r}):\n"
        "    print('locked', flush=True)\n"
        "    sys.stdin.read()\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stdin is not None
    assert child.stdout.readline() == "locked\n"
    try:
        with pytest.raises(InputError, match="another taskgraph run"), FolderLock(tmp_path):
            pass
    finally:
        child.stdin.close()
        child.wait(timeout=10)
    with FolderLock(tmp_path):
        pass


def test_folder_lock_released_on_error(tmp_path: Path) -> None:
    """An error inside the block releases the lock."""
    with pytest.raises(KeyError), FolderLock(tmp_path):
        raise KeyError("boom")
    started = time.monotonic()
    with FolderLock(tmp_path):
        pass
    assert time.monotonic() - started < 1


def test_folder_lock_refuses_a_file(tmp_path: Path) -> None:
    """A file given as the folder to lock is an InputError, not a traceback."""
    path = tmp_path / "report"
    path.write_text("x")
    with pytest.raises(InputError, match="is a file"), FolderLock(path):
        pass


def test_dev_stdout_is_written_through() -> None:
    """``-o /dev/stdout`` (a link by design) writes to the process's standard output instead of being refused."""
    script = "from taskgraph.safety import atomic_write; atomic_write('/dev/stdout', 'rows\\n')"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=30, check=True
    )
    assert result.stdout == "rows\n"
