"""What taskgraph lets a SPARQL query do, and how it runs one: read only, local, in bounded time.

:func:`check_query` refuses updates and federated queries (``SERVICE``) before anything runs;
:func:`stream` runs a query and yields its rows one by one under a time limit.
"""

from __future__ import annotations

import queue
import re
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from typing import Any

from taskgraph.errors import QueryError, TaskgraphError

# An update operation after any PREFIX/BASE declarations: "INSERT DATA { … }", "DELETE WHERE …"
_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>|#[^\n]*(?:\n|$))\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.IGNORECASE,
)
_SERVICE_REFUSED = (
    "SERVICE (a federated query to another server) is not allowed: taskgraph queries never leave this machine"
)

# The lexical pieces of a query in which "SERVICE" is not a keyword. A string: "…", '…',
# """…""", '''…''' (SPARQL 1.1, STRING_LITERAL*; an escape takes the next character).
_STRING = re.compile(
    r"'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\""
    r"|'(?:[^'\\\n\r]|\\.)*'|\"(?:[^\"\\\n\r]|\\.)*\"",
    re.S,
)
# What might be an IRI: "<http://…>". Wider than SPARQL's IRIREF on purpose (it may hold \u
# escapes, and Oxigraph decides by context whether "<" is an IRI or "less than"): both readings
# are followed, so a wider pattern can only find more, never hide anything.
_IRI = re.compile(r"<[^<>]*>")
# A comment runs to the end of the line; any line break ends it (more code, never less).
_COMMENT = re.compile(r"#[^\n\r\x0b\x0c\x85\u2028\u2029]*")
# Characters where the reading of a query can change; between them is plain code.
_SPECIAL = re.compile(r"['\"#<\\]")
# The keyword, in any case: Oxigraph reads "trueSERVICE", "1SERVICE" and "SERVICEex:s" as it.
_KEYWORD = re.compile(r"service", re.IGNORECASE)


def _keyword_in(text: str, start: int, end: int) -> int | None:
    """The first position in ``text[start:end]`` (plain code) where SERVICE is the keyword."""
    for match in _KEYWORD.finditer(text, start, end):
        k = match.start()
        j = k
        while j > 0 and (text[j - 1].isalnum() or text[j - 1] == "_"):
            j -= 1
        # Only inside a variable (?service, $xservice), a prefixed name's local part
        # (tg:service) or a blank node label (_:service) is it not the keyword: those tokens
        # are read greedily, so the letters cannot be split off.
        if (j == 0 or text[j - 1] not in "?$:") and not _inside_iri(text, k):
            return k
    return None


def _inside_iri(text: str, k: int) -> bool:
    """Whether position ``k`` lies in ``<…>`` with no ``{`` after it: an IRI, whatever "<" is.

    Read as an IRI, ``<http://x/service>`` holds no keyword. Read as "less than", "service"
    could be the keyword only if its group ``{ … }`` followed, and nothing but a variable, a
    name, spaces and comments may stand between SERVICE and ``{`` — never a ``>`` outside a
    comment. So without a ``{`` or a ``#`` (``SERVICE ex:s #>`` hides the ``>``) before the
    ``>``, neither reading has the keyword (an IRI of over 4 KB is not looked into).
    """
    opening = text.rfind("<", max(0, k - 4096), k)
    if opening < 0 or text.rfind(">", opening, k) >= 0:
        return False
    closing = text.find(">", k, k + 4096)
    return closing >= 0 and not any(c in "<{#" for c in text[k:closing])


def _service_position(text: str) -> int | None:
    """Where ``text`` may hold the SERVICE keyword outside strings, IRIs and comments, or None.

    Reads the query as every lexer that agrees with SPARQL on strings and comments could:
    where ``<`` might start an IRI or be "less than", and where ``\\`` might escape the next
    character (``tg:a\\#b``), both readings are followed (a position reached by either is
    code), so no string, IRI or comment seen by one reading can hide the keyword from the
    other. Every position is reached once or twice: time is linear in the query.
    """
    n = len(text)
    reached = bytearray(n + 2)
    reached[0] = 1
    i = 0
    while i < n:
        if not reached[i]:
            i += 1
            continue
        char = text[i]
        if char in "'\"":
            string = _STRING.match(text, i)
            reached[string.end() if string else i + 1] = 1
        elif char == "#":
            comment = _COMMENT.match(text, i)
            reached[comment.end() if comment else i + 1] = 1
        elif char == "<":
            reached[i + 1] = 1
            iri = _IRI.match(text, i)
            if iri:
                reached[iri.end()] = 1
        elif char == "\\":
            reached[i + 1] = 1
            reached[i + 2] = 1
        else:
            special = _SPECIAL.search(text, i)
            end = special.start() if special else n
            found = _keyword_in(text, i, end)
            if found is not None:
                return found
            reached[end] = 1
            i = end
            continue
        i += 1
    return None


def check_query(text: str) -> None:
    """Refuse what a taskgraph query may not do: update the graph, or reach another server.

    ``SERVICE`` is refused wherever it could be the keyword (``SERVICE SILENT`` too, in any
    case, glued to other tokens as Oxigraph accepts it), and nowhere else: not in strings,
    IRIs, comments, variable names or prefixed names. The refusal is one line and names no
    server.

    Examples
    --------
    >>> check_query("SELECT ?s WHERE { ?s ?p ?o }")
    >>> check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    taskgraph.errors.QueryError: SERVICE (a federated query to another server) is not allowed: taskgraph queries never leave this machine
    >>> check_query('SELECT ?service WHERE { ?service ?p "SERVICE" } # no SERVICE here')
    """
    if _UPDATE.match(text):
        raise QueryError("SPARQL Update is not allowed: taskgraph queries only read the graph")
    if _service_position(text) is not None:
        raise QueryError(_SERVICE_REFUSED)


def _one_line(exc: BaseException) -> str:
    """An error's first line, short and printable (an error may quote a whole remote page)."""
    text = str(exc).strip()
    line = text.splitlines()[0] if text else type(exc).__name__
    line = "".join(c if c.isprintable() else " " for c in line)
    return line if len(line) <= 200 else line[:199] + "…"


def stream(run: Callable[[], Any], convert: Callable[[Any], Any], timeout: float | None) -> Any:
    """Run ``run()`` (a pyoxigraph query) and stream its rows as :class:`taskgraph.store.Rows`.

    One worker thread evaluates the query and hands rows over in batches through a small
    queue (at most 16 batches of 512 rows wait), so the caller writes them out as they come
    and memory stays bounded; each value goes through ``convert``.

    ``timeout`` seconds (None or 0: no limit) bound the query's own work: the time the worker
    spends evaluating, the wait for the first row included. Time the caller spends with the
    rows does not count, so ``taskgraph query … | less`` is not cut short, while a cartesian
    product that the caller keeps reading still stops. When the time is up the caller gets a
    :class:`QueryError` at once. A lazily evaluated query (a join, a cartesian product) stops
    within one batch; an operator that must see every row before giving the first (ORDER BY,
    GROUP BY, COUNT) runs on inside Oxigraph, which pyoxigraph gives no way to interrupt, until
    it yields that row — the worker then stops; the command line exits at once and ends it.
    When the caller stops early (closes the iterator, or drops it unread), the worker stops at
    its next batch.
    """
    import pyoxigraph as ox

    from taskgraph.store import Rows

    limit = timeout if timeout and timeout > 0 else None
    channel: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=16)
    stop = threading.Event()
    too_long = f"the query ran longer than {timeout:g} s and was stopped (raise --timeout)" if limit else ""

    def work() -> None:
        started = time.monotonic()
        blocked = 0.0  # time spent waiting for the caller to take rows: not the query's

        def put(item: tuple[str, Any]) -> bool:
            nonlocal blocked
            since = time.monotonic()
            while not stop.is_set():
                try:
                    channel.put(item, timeout=0.1)
                    break
                except queue.Full:
                    continue
            blocked += time.monotonic() - since
            return not stop.is_set()

        try:
            result = run()
            if isinstance(result, (bool, ox.QueryBoolean)):
                put(("ask", bool(result)))
                return
            if not isinstance(result, ox.QuerySolutions):
                put(
                    (
                        "error",
                        QueryError(
                            "only SELECT and ASK queries give tables; CONSTRUCT and DESCRIBE are not supported"
                        ),
                    )
                )
                return
            if not put(("columns", tuple(v.value for v in result.variables))):
                return
            batch: list[tuple[Any, ...]] = []
            for solution in result:
                batch.append(tuple(map(convert, solution)))  # values come in the order of the columns
                if len(batch) >= 512:
                    if limit and time.monotonic() - started - blocked > limit:
                        put(("error", QueryError(too_long)))
                        return
                    if not put(("rows", batch)):
                        return
                    batch = []
            if put(("rows", batch)):
                put(("end", None))
        except TaskgraphError as exc:
            put(("error", exc))
        except Exception as exc:  # Oxigraph's OSError, RuntimeError …: one line in the caller's thread
            put(("error", QueryError(f"the query failed: {_one_line(exc)}")))

    waited = 0.0  # time the caller spent waiting for the worker, which was working all along

    def take() -> tuple[str, Any]:
        nonlocal waited
        since = time.monotonic()
        try:
            return channel.get(timeout=None if limit is None else max(0.0, limit - waited))
        except queue.Empty:
            stop.set()
            raise QueryError(too_long) from None
        finally:
            waited += time.monotonic() - since

    def finish() -> None:
        stop.set()
        while not channel.empty():  # let a worker waiting on a full queue see the stop
            channel.get_nowait()

    threading.Thread(target=work, name="taskgraph-query", daemon=True).start()
    try:
        kind, value = take()
    except BaseException:
        finish()
        raise
    if kind == "error":
        finish()
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
            finish()

    iterator = rows()
    weakref.finalize(iterator, stop.set)  # rows dropped unread: a generator never started has no finally
    return Rows(columns, iterator)
