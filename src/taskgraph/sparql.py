"""What taskgraph lets a SPARQL query do, and how it runs one: read only, local, in bounded time.

:func:`check_query` refuses updates and federated queries (``SERVICE``) before anything runs;
:func:`stream` runs a query and yields its rows one by one under a time limit.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from taskgraph.errors import QueryError

# An update operation after any PREFIX/BASE declarations: "INSERT DATA { … }", "DELETE WHERE …"
_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>|#[^\n]*(?:\n|$))\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.IGNORECASE,
)
# A federated query: "SERVICE <http://…> { … }", "SERVICE SILENT ?x { … }".
_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)
_STRINGS = re.compile(r"'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"|<[^<>\s]*>|#[^\n]*", re.S)


def check_query(text: str) -> None:
    """Refuse what a taskgraph query may not do: update the graph, or reach another server.

    Examples
    --------
    >>> check_query("SELECT ?s WHERE { ?s ?p ?o }")
    >>> check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    taskgraph.errors.QueryError: SERVICE (a federated query to another server) is not allowed: taskgraph queries never leave this machine
    """
    if _UPDATE.match(text):
        raise QueryError("SPARQL Update is not allowed: taskgraph queries only read the graph")
    if _SERVICE.search(_STRINGS.sub(" ", text)):
        raise QueryError(
            "SERVICE (a federated query to another server) is not allowed: taskgraph queries never leave this machine"
        )


def stream(run: Callable[[], Any], convert: Callable[[Any], Any], timeout: float) -> Any:
    """Run ``run()`` (a pyoxigraph query) and stream its rows as :class:`taskgraph.store.Rows`.

    One worker thread evaluates the query and hands rows over through a small queue, so the
    caller writes them out as they come and memory stays bounded; ``timeout`` seconds (0: no
    limit) bound the whole of it, the wait for the first row included (Oxigraph releases the
    interpreter while it evaluates, so the wait can be given up). When the caller stops early
    or the time is up, the worker stops at its next row.
    """
    import queue

    import pyoxigraph as ox

    from taskgraph.store import Rows

    deadline = time.monotonic() + timeout if timeout and timeout > 0 else None
    channel: queue.Queue[Any] = queue.Queue(maxsize=16)
    stop = threading.Event()
    done = object()

    def work() -> None:
        try:
            result = run()
            if isinstance(result, (bool, ox.QueryBoolean)):
                channel.put(("ask", bool(result)))
                return
            if not isinstance(result, ox.QuerySolutions):
                channel.put(("error", QueryError("only SELECT and ASK queries give tables; CONSTRUCT and DESCRIBE are not supported")))
                return
            columns = tuple(v.value for v in result.variables)
            channel.put(("columns", columns))
            batch: list[tuple[Any, ...]] = []
            for solution in result:
                batch.append(tuple(convert(solution[c]) for c in columns))
                if len(batch) >= 512:
                    if stop.is_set():
                        return
                    channel.put(("rows", batch))
                    batch = []
            channel.put(("rows", batch))
            channel.put(("end", done))
        except BaseException as exc:  # handed to the caller's thread
            channel.put(("error", exc))

    def take() -> tuple[str, Any]:
        wait = None if deadline is None else max(0.0, deadline - time.monotonic())
        try:
            return channel.get(timeout=wait)
        except queue.Empty:
            stop.set()
            raise QueryError(f"the query ran longer than {timeout:g} s and was stopped (raise --timeout)") from None

    threading.Thread(target=work, daemon=True).start()
    kind, value = take()
    if kind == "error":
        raise value
    if kind == "ask":
        return Rows(("ask",), iter([(value,)]))
    columns = value

    def rows() -> Iterator[tuple[Any, ...]]:
        try:
            while True:
                kind, value = take()
                if kind == "rows":
                    yield from value
                elif kind == "error":
                    raise value
                else:
                    return
        finally:
            stop.set()
            while not channel.empty():  # let a worker blocked on a full queue see the stop
                channel.get_nowait()

    return Rows(columns, rows())
