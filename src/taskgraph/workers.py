"""Work spread over processes: how many may run, and reading many files in order across them.

One setting decides it everywhere (``jobs``, else ``$TASKGRAPH_JOBS``): 1 keeps everything in
this process; 2 or more allows that many where ``os.fork`` exists; neither given, every CPU this
process may use, where forking is safe (Linux, one thread running: a fork copies only the
calling thread, so a lock another thread holds would stay locked in the child).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Generator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Fewer items than this are read in this process: starting workers would cost more.
MIN_ITEMS = 16


def processes(jobs: int | None = None) -> int:
    """How many processes may work at once (1: only this one).

    Examples
    --------
    >>> processes(1)
    1
    """
    import threading

    if jobs is None and os.environ.get("TASKGRAPH_JOBS", "").strip().isdigit():
        jobs = int(os.environ["TASKGRAPH_JOBS"])
    if (jobs is not None and jobs < 2) or not hasattr(os, "fork"):
        return 1
    if jobs is not None:
        return jobs
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cpus if sys.platform == "linux" and cpus > 1 and threading.active_count() == 1 else 1


def ordered_map(
    work: Callable[[T], R], items: Sequence[T], jobs: int | None = None
) -> Generator[R, None, None]:
    """``work(item)`` for each item, in the order of ``items``, across forked worker processes
    when :func:`processes` allows more than one and there are at least :data:`MIN_ITEMS` items.

    What ``work`` returns comes back pickled. An exception it raises is raised here, when its
    item's turn comes, as it was raised there (taskgraph's errors keep their file and line); the
    workers are stopped when the iteration ends or is left early.
    """
    count = min(processes(jobs), len(items))
    if count < 2 or len(items) < MIN_ITEMS:
        yield from map(work, items)
        return
    import multiprocessing

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    try:
        # The work is handed to each worker as it is forked, never pickled: any callable will do.
        pool = multiprocessing.get_context("fork").Pool(count, initializer=_take, initargs=(work,))
    except OSError:  # no process left for a worker: work here
        yield from map(work, items)
        return
    try:
        yield from pool.imap(_call, items, chunksize=max(1, min(8, len(items) // (4 * count))))
    finally:
        pool.terminate()
        pool.join()


_work: Callable[[Any], Any] | None = None  # in a worker: what it was forked to do


def _take(work: Callable[[Any], Any]) -> None:
    global _work
    _work = work


def _call(item: Any) -> Any:
    assert _work is not None
    return _work(item)
