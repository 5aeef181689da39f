"""What taskgraph lets a SPARQL query do, and how it runs one: read only, local, in bounded time.

:func:`check_query` refuses updates and federated queries (``SERVICE``) before anything runs;
:func:`bind` writes parameter values into a query as escaped ``VALUES`` clauses, for every
backend alike; :func:`stream` runs a query and yields its rows one by one under a time limit.
"""

from __future__ import annotations

import queue
import re
import threading
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
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

# A SPARQL variable name taskgraph binds: "leader", "unit" (?leader in the query text).
_VARNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# The tokens that matter when a query's group patterns are found: strings, IRIs and comments
# (skipped, since "{" or "VALUES" inside them is text), variables, words (keywords and prefixed
# names such as "tg:Task"), braces and parentheses.
_TOKEN = re.compile(
    r"(?P<skip>'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"|<[^<>\s{}]*>|#[^\n]*)"
    r"|(?P<var>[?$]\w+)"
    r"|(?P<word>[A-Za-z_][\w.-]*(?::[\w.%-]*)?|:[\w.%-]*)"
    r"|(?P<punct>[{}()*])",
    re.S,
)
_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}
_ESCAPES.update({c: f"\\u{c:04X}" for c in [*range(0x20), 0x7F] if c not in _ESCAPES})
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


@dataclass
class Rows:
    """A query's answer: column names and a stream of rows of Python values.

    ``rows`` is an iterator: it is consumed once, row by row, so that a large answer is never
    held in memory unless the caller asks for it (:meth:`fetch`).
    """

    columns: tuple[str, ...]
    rows: Iterator[tuple[Any, ...]]

    def fetch(self) -> list[tuple[Any, ...]]:
        """Every remaining row, in a list."""
        return list(self.rows)

    def to_dicts(self) -> list[dict[str, Any]]:
        """Every remaining row, as a dict keyed by column name."""
        return [dict(zip(self.columns, row)) for row in self.rows]

    def to_dataframe(self) -> Any:
        """Every remaining row, as a pandas DataFrame with the query's columns."""
        import pandas as pd

        return pd.DataFrame(self.fetch(), columns=list(self.columns))


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
    """Run ``run()`` (a pyoxigraph query) and stream its rows as :class:`Rows`.

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


# ------------------------------------------------------------------ binding values


def sparql_string(value: str) -> str:
    """``value`` as a SPARQL string literal: quotes, backslashes and control characters escaped.

    Examples
    --------
    >>> print(sparql_string('say "hi"\\n'))
    "say \\"hi\\"\\n"
    """
    if any(0xD800 <= ord(c) <= 0xDFFF for c in value):
        raise QueryError("a bound value cannot contain a lone surrogate character")
    return '"' + value.translate(_ESCAPES) + '"'


def bind(query: str, bindings: Mapping[str, str]) -> str:
    """``query`` with each variable of ``bindings`` bound to a string, in ``VALUES`` clauses.

    SPARQL over HTTP has no parameters, and a trailing ``VALUES`` is joined only after the
    ``WHERE`` pattern (and its ``FILTER``\\s) has been evaluated, so the values go into the
    group patterns where the variables are in scope and used: a ``FILTER(STR(?name) = ?leader)``
    inside ``GRAPH ?plan { … }`` sees ``?leader`` bound, as with Oxigraph's substitutions. They
    go at the start of the query's (or a subquery's) outermost group, so that the variable is
    bound in every row, and of each group that names the variable itself (nested groups decide
    for themselves), or at its end where the group assigns the variable (``BIND(… AS ?x)``);
    not into groups that do not name it (there a join would only hinder the query planner,
    and in ``MINUS`` it would add a shared variable), nor into ``VALUES`` data blocks, nor into
    a subquery that does not project the variable (there it is another variable). The values
    are escaped string literals (:func:`sparql_string`). Both backends bind this way
    (:class:`taskgraph.store.LocalStore` and :class:`taskgraph.endpoint.RemoteStore`), so a
    query is planned alike on both: with the value in the text Oxigraph starts from it.

    Examples
    --------
    >>> bind('SELECT ?x ?leader WHERE { GRAPH ?g { ?x ?p ?n FILTER(?n = ?leader) } }', {"leader": "丁"})
    'SELECT ?x ?leader WHERE { VALUES ?leader { "丁" } GRAPH ?g { VALUES ?leader { "丁" } ?x ?p ?n FILTER(?n = ?leader) } }'
    >>> bind('SELECT ?x ?leader WHERE { ?x ?p ?n OPTIONAL { ?x ?q ?m } }', {"leader": "丁"})
    'SELECT ?x ?leader WHERE { VALUES ?leader { "丁" } ?x ?p ?n OPTIONAL { ?x ?q ?m } }'
    """
    if not bindings:
        return query
    for name in bindings:
        if not _VARNAME.match(name):
            raise QueryError(f"cannot bind {name!r}: a variable name is letters, digits and _")
    tokens = list(query_tokens(query))
    inserts: list[tuple[int, str]] = []
    frames: list[_Frame] = []
    values_pending = False
    for i, (kind, text, start, end) in enumerate(tokens):
        if kind == "word" and text.upper() == "VALUES":
            values_pending = True
        elif kind == "var" and frames:
            frames[-1].named.add(text[1:])
            if i > 0 and tokens[i - 1][1].upper() == "AS":
                frames[-1].assigned.add(text[1:])
        elif text == "{":
            names = frames[-1].names if frames else frozenset(bindings)
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            if values_pending:
                frames.append(_Frame(names, "values", end))
                values_pending = False
            elif following and following[0] == "word" and following[1].upper() == "SELECT":
                projected = _projected(tokens, i + 1)
                frames.append(_Frame(names if projected is None else names & projected, "subquery", end))
            else:
                outermost = not frames or frames[-1].kind == "subquery"
                frames.append(_Frame(names, "group", end, outermost=outermost))
        elif text == "}" and frames:
            frame = frames.pop()
            if frame.kind != "group":
                continue
            bound = [n for n in bindings if n in frame.names and (frame.outermost or n in frame.named)]
            first = [n for n in bound if n not in frame.assigned]
            last = [n for n in bound if n in frame.assigned]
            if first:
                opened = frame.opened
                space = "" if query[opened : opened + 1].isspace() else " "
                inserts.append((opened, " " + _values(first, bindings) + space))
            if last:
                inserts.append((start, _values(last, bindings) + " "))
    pieces = []
    at = 0
    for position, text in sorted(inserts, key=lambda item: item[0]):
        pieces.append(query[at:position])
        pieces.append(text)
        at = position
    pieces.append(query[at:])
    return "".join(pieces)


@dataclass
class _Frame:
    """An open brace of a query being bound: a group pattern, a ``VALUES`` data block or a subquery.

    ``names``: the bound variables in scope inside it; ``opened``: where its text starts;
    ``outermost``: the query's or a subquery's outermost group; ``named``: the variables its own
    text names; ``assigned``: those it assigns (``AS ?x``).
    """

    names: frozenset[str]
    kind: str
    opened: int
    outermost: bool = False
    named: set[str] = field(default_factory=set)
    assigned: set[str] = field(default_factory=set)


def _values(names: list[str], bindings: Mapping[str, str]) -> str:
    if len(names) == 1:
        return f"VALUES ?{names[0]} {{ {sparql_string(bindings[names[0]])} }}"
    return "VALUES ({}) {{ ({}) }}".format(
        " ".join(f"?{n}" for n in names), " ".join(sparql_string(bindings[n]) for n in names)
    )


def _projected(tokens: list[tuple[str | None, str, int, int]], i: int) -> frozenset[str] | None:
    """The variables the subquery whose SELECT is token ``i`` projects (bare or ``AS ?x``); None: ``*``."""
    names: set[str] = set()
    depth = 0
    for j in range(i + 1, len(tokens)):
        kind, text, _, _ = tokens[j]
        if text == "{" or (kind == "word" and text.upper() in ("WHERE", "FROM")):
            break
        if text == "(":
            depth += 1
        elif text == ")":
            depth -= 1
        elif text == "*" and depth == 0:
            return None
        elif kind == "var" and (depth == 0 or tokens[j - 1][1].upper() == "AS"):
            names.add(text[1:])
    return frozenset(names)


def _all_vars(tokens: Iterable[tuple[str | None, str, int, int]]) -> set[str]:
    return {text[1:] for kind, text, _, _ in tokens if kind == "var"}


# An empty store: a query evaluated on it gives its shape (kind and columns) at once.
_EMPTY: Any = None


def query_shape(query: str) -> tuple[str, tuple[str, ...]] | None:
    """("select", columns) or ("ask", ()) or ("graph", ()) as Oxigraph reads ``query``; None if it cannot.

    Columns come from evaluating the query on an empty store (instant): the projection local
    and remote share, in local order; ``SELECT *`` is ordered differently by different servers.
    """
    global _EMPTY
    import pyoxigraph as ox

    if _EMPTY is None:
        _EMPTY = ox.Store()
    try:
        result = _EMPTY.query(query)
    except (SyntaxError, ValueError, OSError, RuntimeError):
        return None  # a server's own SPARQL extensions, or an error the server will name
    if isinstance(result, ox.QuerySolutions):
        return "select", tuple(v.value for v in result.variables)
    if isinstance(result, (bool, ox.QueryBoolean)):
        return "ask", ()
    return "graph", ()


def query_tokens(query: str) -> Iterator[tuple[str | None, str, int, int]]:
    """The tokens of ``query`` that matter for binding: (kind, text, start, end); strings, IRIs and comments skipped."""
    for m in _TOKEN.finditer(query):
        if m.lastgroup != "skip":
            yield m.lastgroup, m.group(), m.start(), m.end()


def check_bindings(
    query: str, bindings: Mapping[str, str], shape: tuple[str, tuple[str, ...]] | None
) -> None:
    """Refuse a binding whose name is not a variable name, or whose variable the query does not select.

    ``shape`` is :func:`query_shape` of ``query`` (None when Oxigraph cannot read it: then any
    variable of the text may be bound, and the backend names the syntax error).
    """
    for name in bindings:
        if not _VARNAME.match(name):
            raise QueryError(f"cannot bind {name!r}: a variable name is letters, digits and _")
        if shape is None:
            known = name in _all_vars(query_tokens(query))
        else:
            known = shape[0] == "select" and name in shape[1]
        if not known:
            raise QueryError(f"cannot bind ?{name}: the query does not select it (add ?{name} to SELECT)")
