"""Pausing Python's cyclic garbage collector over work that makes many objects that live on.

The collector runs whenever enough new container objects have been made, and every full
collection walks every object alive: the plans of a corpus, the items of a parse, the modules a
report loads. Work that makes hundreds of thousands of objects that stay alive (a parse, the
statements of a plan, a report's parts) pays for each collection again and again while making
no cycles worth collecting. Paused, whatever cycles it did make are collected as usual once it
is over.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for the length of the block (nested blocks are fine).

    Examples
    --------
    >>> import gc
    >>> with collector_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
