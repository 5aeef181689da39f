"""SPARQL servers beyond one machine: query one (SPARQL 1.1 Protocol), push plans to one (Graph Store).

:class:`RemoteStore` is the :class:`taskgraph.store.Backend` of a SPARQL endpoint: the same query
gives the same columns and rows, of the same Python types, as :class:`taskgraph.store.LocalStore`
holding the same data. :func:`push` sends named graphs, one HTTP request per graph, to a server's
Graph Store endpoint. Credentials come from ``--header`` lines, from the URL, or from ``~/.netrc``
(or ``$NETRC``), and are never written into an error message. See docs/endpoints.md for the
servers (Oxigraph, QLever, Fuseki, Virtuoso, GraphDB) and what each needs for union queries.

Nothing here talks to any host but the one in the URL the caller gives.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import os
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import quote, unquote, urlsplit

from taskgraph.errors import QueryError, TaskgraphError, UsageError
from taskgraph.sparql import bind as bind
from taskgraph.sparql import check_bindings, query_shape
from taskgraph.sparql import sparql_string as sparql_string
from taskgraph.store import DEFAULT_TIMEOUT, Rows

RESULTS_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
TURTLE = "text/turtle"
# The most of a server's error message that goes into ours (its first line only).
MESSAGE_LIMIT = 200
_CHUNK = 1 << 16

# A header given on the command line: "Authorization: Bearer eyJhbGci…"
_HEADER = re.compile(r"^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:\s*(.*)$")
# Headers the HTTP layer sets itself; a user's value would corrupt the request.
_RESERVED = {"content-length", "content-type", "host", "transfer-encoding", "connection"}


class EndpointError(TaskgraphError):
    """A SPARQL server cannot be reached, refused the request, or answered with an HTTP error."""


# ------------------------------------------------------------------ headers, URLs, credentials


def parse_header(text: str) -> tuple[str, str]:
    """One ``--header`` line, ``"Name: value"``, as a (name, value) pair.

    Examples
    --------
    >>> parse_header("Authorization: Bearer abc")
    ('Authorization', 'Bearer abc')
    """
    match = _HEADER.match(text.strip())
    if not match or "\n" in text or "\r" in text:
        raise UsageError('a header is "Name: value", one line, e.g. "Authorization: Bearer TOKEN"')
    name, value = match.group(1), match.group(2).strip()
    if name.lower() in _RESERVED:
        raise UsageError(f"the {name} header is set by taskgraph and cannot be given")
    return name, value


def _headers(headers: Iterable[str | tuple[str, str]]) -> list[tuple[str, str]]:
    pairs = []
    for header in headers:
        name, value = (
            parse_header(header) if isinstance(header, str) else parse_header(f"{header[0]}: {header[1]}")
        )
        pairs.append((name, value))
    return pairs


@dataclass(frozen=True)
class _Target:
    """Where requests go: the parts of an endpoint URL, and the URL as it may be shown."""

    scheme: str
    host: str
    port: int
    path: str  # with the query string
    shown: str  # scheme://host:port/path, without credentials or query string
    userinfo: tuple[str, str] | None

    def with_query(self, extra: str) -> str:
        """The request path with ``extra`` (``graph=…``) added to the URL's own query string."""
        return f"{self.path}{'&' if '?' in self.path else '?'}{extra}"


def _target(url: str) -> _Target:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"an endpoint is an http:// or https:// URL, not {_shown(url)!r}")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise UsageError(f"bad port in the endpoint URL {_shown(url)!r}") from None
    host = parts.hostname
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    shown_host = f"[{host}]" if ":" in host else host
    shown = f"{parts.scheme}://{shown_host}:{port}{parts.path or '/'}"
    userinfo = None
    if parts.username is not None:
        userinfo = (unquote(parts.username), unquote(parts.password or ""))
    return _Target(parts.scheme, host, port, path, shown, userinfo)


def _shown(url: str) -> str:
    """A URL without user, password or query string, for messages."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    return (
        f"{parts.scheme}://{host}{':' + str(parts.port) if parts.port else ''}{parts.path}" if host else "?"
    )


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


def _netrc_auth(host: str) -> str | None:
    """Basic credentials for ``host`` from ``$NETRC`` or ``~/.netrc`` (as curl and requests read them)."""
    import netrc

    path = Path(os.environ.get("NETRC") or Path.home() / ".netrc")
    if not path.is_file():
        return None
    try:
        entry = netrc.netrc(str(path)).authenticators(host)
    except netrc.NetrcParseError as exc:  # its message may quote a password: give the line only
        raise EndpointError(f"cannot read the netrc file (line {exc.lineno})", str(path)) from None
    except OSError as exc:
        raise EndpointError(f"cannot read the netrc file ({exc.strerror})", str(path)) from None
    if not entry:
        return None
    login, _account, password = entry
    return _basic(login or "", password or "")


def _auth_headers(
    target: _Target, headers: Iterable[str | tuple[str, str]], use_netrc: bool
) -> list[tuple[str, str]]:
    pairs = _headers(headers)
    if not any(name.lower() == "authorization" for name, _ in pairs):
        if target.userinfo is not None:
            pairs.append(("Authorization", _basic(*target.userinfo)))
        elif use_netrc:
            auth = _netrc_auth(target.host)
            if auth:
                pairs.append(("Authorization", auth))
    return pairs


# ------------------------------------------------------------------ HTTP


class _Client:
    """HTTP/1.1 to one server, with kept-alive connections reused one request at a time."""

    def __init__(self, target: _Target, headers: list[tuple[str, str]]) -> None:
        self.target = target
        self.headers = headers
        self._idle: list[http.client.HTTPConnection] = []
        self._lock = threading.Lock()

    def connection(self, timeout: float | None) -> tuple[http.client.HTTPConnection, bool]:
        """An idle connection (True: it was reused) or a new one."""
        with self._lock:
            if self._idle:
                conn = self._idle.pop()
                conn.timeout = timeout
                if conn.sock is not None:
                    conn.sock.settimeout(timeout)
                return conn, True
        if self.target.scheme == "https":
            return http.client.HTTPSConnection(
                self.target.host,
                self.target.port,
                timeout=timeout,
                context=ssl.create_default_context(),
                blocksize=_CHUNK,
            ), False
        return http.client.HTTPConnection(
            self.target.host, self.target.port, timeout=timeout, blocksize=_CHUNK
        ), False

    def release(self, conn: http.client.HTTPConnection) -> None:
        with self._lock:
            if len(self._idle) < 4:
                self._idle.append(conn)
                return
        conn.close()

    def request(
        self,
        method: str,
        path: str,
        body: Any,
        headers: Mapping[str, str],
        timeout: float | None,
        what: str,
        retry: bool = True,
        too_long: str | None = None,
    ) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse]:
        """Send one request; return its connection and its successful (2xx) response, or raise one line.

        ``too_long``, when given, is the QueryError message for an answer that does not come
        within ``timeout`` (a connection that cannot be made in time is a network error).
        """
        conn, reused = self.connection(timeout)
        all_headers = dict(self.headers)
        all_headers.update(headers)
        try:
            if conn.sock is None:
                conn.connect()
        except BaseException as exc:
            conn.close()
            raise _network_error(exc, self.target, timeout, what) from None
        try:
            # Without a Content-Length, http.client sends a file or chunks with chunked encoding.
            conn.request(method, path, body=body, headers=all_headers)
            response = conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            conn.close()
            if reused and retry:  # a kept-alive connection the server had closed meanwhile
                return self.request(method, path, body, headers, timeout, what, False, too_long)
            raise EndpointError(f"{what}: the server closed the connection", self.target.shown) from None
        except TimeoutError:
            conn.close()
            if too_long:
                raise QueryError(too_long) from None
            raise _network_error(TimeoutError(), self.target, timeout, what) from None
        except BaseException as exc:
            conn.close()
            raise _network_error(exc, self.target, timeout, what) from None
        if response.status >= 300:
            error = _http_error(response, self.target, what)
            conn.close()
            raise error
        return conn, response


def _network_error(exc: BaseException, target: _Target, timeout: float | None, what: str) -> BaseException:
    """One line naming what went wrong on the way to the server."""
    if isinstance(exc, ConnectionRefusedError):
        reason = f"connection refused (is a server listening on {target.host}:{target.port}?)"
    elif isinstance(exc, socket.gaierror):
        reason = f"cannot resolve the host name {target.host}"
    elif isinstance(exc, TimeoutError):
        reason = f"timed out: no answer within {timeout:g} s" if timeout else "timed out"
    elif isinstance(exc, ssl.SSLError):
        reason = f"TLS error: {_first_line(str(exc.reason or exc))}"
    elif isinstance(exc, OSError):
        reason = f"cannot connect: {exc.strerror or _first_line(str(exc))}"
    elif isinstance(exc, http.client.HTTPException):
        reason = f"bad HTTP answer: {type(exc).__name__}"
    else:
        return exc
    return EndpointError(f"{what}: {reason}", target.shown)


def _first_line(text: str) -> str:
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return line if len(line) <= MESSAGE_LIMIT else line[: MESSAGE_LIMIT - 1] + "…"


def _http_error(response: http.client.HTTPResponse, target: _Target, what: str) -> TaskgraphError:
    """The error for a non-2xx answer: status, reason and the first line of the server's message."""
    try:
        text = response.read(4096).decode("utf-8", "replace")
    except (OSError, http.client.HTTPException):
        text = ""
    if "html" in (response.getheader("Content-Type") or ""):  # an error page: keep its words only
        text = re.sub(r"(?s)<(script|style).*?</\1>|<[^>]*>", " ", text)
        text = "\n".join(" ".join(line.split()) for line in text.splitlines())
    message = f"HTTP {response.status} {response.reason}"
    detail = _first_line(text)
    if detail:
        message += f": {detail}"
    if response.status in (401, 403):
        message += ' (give credentials with --header "Authorization: …" or in ~/.netrc)'
    elif 300 <= response.status < 400 and response.getheader("Location"):
        message += f" (moved to {_shown(response.getheader('Location') or '')}: use that URL)"
    if response.status == 400 and what == "query":
        return QueryError(f"the endpoint refused the query: {message}", target.shown)
    return EndpointError(f"{what}: {message}", target.shown)


# The datatypes whose literals become int, float and bool: as taskgraph.store.python_value reads them.
_INTEGERS = {"integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger"}
_FLOATS = {"decimal", "double", "float"}
# Between values of the results document: "[{…}, {…}]"
_BETWEEN = re.compile(r"[\s,]*")


def _cell(cell: dict[str, Any] | None) -> Any:
    """One binding of SPARQL JSON results as the Python value ``python_value`` makes of the same term."""
    if cell is None:
        return None
    value = cell.get("value")
    datatype = cell.get("datatype")
    if datatype is None or not isinstance(value, str):
        return value
    name = datatype.rsplit("#", 1)[-1]
    try:
        if name in _INTEGERS:
            return int(value)
        if name in _FLOATS:
            return float(value)
    except ValueError:
        return value
    if name == "boolean":
        return value == "true"
    return value


class _Results:
    """SPARQL 1.1 JSON results read from an HTTP response as they arrive, a row at a time.

    The document's top level is read key by key; the ``bindings`` array is read one solution
    object at a time with the standard library's JSON decoder (about four times faster here than
    building Oxigraph terms and converting them), so memory holds one block of the answer.
    """

    def __init__(
        self, response: http.client.HTTPResponse, sock: Any, deadline: float | None, too_long: str, shown: str
    ) -> None:
        import codecs
        import json

        self.response = response
        self.sock = sock
        self.deadline = deadline
        self.too_long = too_long
        self.shown = shown
        self.text = ""
        self.pos = 0
        self.decode = codecs.getincrementaldecoder("utf-8")().decode
        self.json = json.JSONDecoder()
        self.top: dict[str, Any] = {}

    def _more(self) -> bool:
        """Read the next block of the answer; False at its end."""
        if self.deadline is not None:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                raise QueryError(self.too_long)
            if self.sock is not None:
                self.sock.settimeout(remaining)
        try:
            block = self.response.read1(_CHUNK)
        except TimeoutError:
            raise QueryError(self.too_long) from None
        except (OSError, http.client.HTTPException) as exc:
            raise EndpointError(f"query: the answer was cut off ({type(exc).__name__})", self.shown) from None
        self.text = self.text[self.pos :] + self.decode(block, final=not block)
        self.pos = 0
        return bool(block)

    def _skip(self) -> str:
        """The next character that is not white space or a comma (not consumed); "" at the end."""
        while True:
            self.pos = _BETWEEN.match(self.text, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self._more():
                return ""

    def _value(self) -> Any:
        import json

        while True:
            try:
                value, self.pos = self.json.raw_decode(self.text, self.pos)
                return value
            except json.JSONDecodeError as exc:
                if not self._more():
                    raise EndpointError(f"query: unreadable results: {exc.msg}", self.shown) from None

    def _expect(self, char: str) -> None:
        found = self._skip()
        if found != char:
            what = repr(found) if found else "the end"
            raise EndpointError(f"query: unreadable results: expected {char!r}, found {what}", self.shown)
        self.pos += 1

    def _key(self) -> str | None:
        """The next key of an object (its colon read), or None after its closing brace."""
        if self._skip() == "}":
            self.pos += 1
            return None
        key = self._value()
        self._expect(":")
        return str(key)

    def start(self) -> bool:
        """Read up to the first solution (True), or the whole of an answer without solutions (False)."""
        self._expect("{")
        while (key := self._key()) is not None:
            if key != "results":
                self.top[key] = self._value()
                continue
            self._expect("{")
            while (inner := self._key()) is not None:
                if inner == "bindings":
                    self._expect("[")
                    return True
                self._value()
        return False

    def columns(self) -> tuple[str, ...] | None:
        head = self.top.get("head")
        return tuple(head.get("vars", ())) if isinstance(head, dict) else None

    def solutions(self) -> Iterator[dict[str, Any]]:
        """The solution objects of the bindings array; then the rest of the document is read."""
        while (char := self._skip()) != "]":
            if not char:
                raise EndpointError("query: the answer was cut off", self.shown)
            yield self._value()
        self.pos += 1
        while self._key() is not None:  # the rest of "results"
            self._value()
        while (key := self._key()) is not None:  # the rest of the document: the head, if it comes last
            self.top[key] = self._value()


# ------------------------------------------------------------------ the backend


class RemoteStore:
    """A SPARQL 1.1 Protocol endpoint as a :class:`taskgraph.store.Backend`.

    ``url`` is the query endpoint (Oxigraph ``http://HOST:7878/query``, Fuseki
    ``http://HOST:3030/DATASET/sparql``, …); ``headers`` are ``"Name: value"`` lines (or pairs)
    sent with every request; without an ``Authorization`` header, user and password come from
    the URL or, when ``netrc`` is true, from ``$NETRC`` or ``~/.netrc`` for the URL's host.

    Queries are POSTed as ``application/sparql-query`` and their JSON results parsed as they
    arrive (by Oxigraph's streaming parser, so terms convert exactly as the local store's do).
    """

    def __init__(
        self,
        url: str,
        headers: Iterable[str | tuple[str, str]] = (),
        timeout: float = DEFAULT_TIMEOUT,
        netrc: bool = True,
    ) -> None:
        self.url = url
        self.timeout = timeout
        target = _target(url)
        self._client = _Client(target, _auth_headers(target, headers, netrc))

    def __repr__(self) -> str:
        return f"RemoteStore({self._client.target.shown!r})"

    def select(
        self, query: str, bindings: Mapping[str, str] | None = None, timeout: float | None = None
    ) -> Rows:
        """Run a SELECT or ASK query on the endpoint; see :func:`taskgraph.sparql.check_query` and :func:`bind`.

        The rows are read from the network as the caller takes them; ``timeout`` seconds (0: no
        limit) bound the whole of it, as in the local store.
        """
        from taskgraph.sparql import check_query

        check_query(query)
        shape = query_shape(query)
        if shape and shape[0] == "graph":
            raise QueryError(
                "only SELECT and ASK queries give tables; CONSTRUCT and DESCRIBE are not supported"
            )
        text = query
        if bindings:
            check_bindings(query, bindings, shape)
            text = bind(query, bindings)
        limit = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + limit if limit and limit > 0 else None
        too_long = f"the query ran longer than {limit:g} s and was stopped (raise --timeout)"
        conn, response = self._client.request(
            "POST",
            self._client.target.path,
            text.encode("utf-8"),
            {"Content-Type": "application/sparql-query; charset=utf-8", "Accept": RESULTS_JSON},
            limit if deadline else None,
            "query",
            too_long=too_long,
        )
        kind = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
        if kind not in (RESULTS_JSON, "application/json", ""):
            conn.close()
            raise EndpointError(
                f"query: the endpoint answered {kind}, not SPARQL results (is this the query URL?)",
                self._client.target.shown,
            )
        results = _Results(response, conn.sock, deadline, too_long, self._client.target.shown)
        try:
            streaming = results.start()
            if not streaming and isinstance(results.top.get("boolean"), bool):
                self._finish(conn, response)
                return Rows(("ask",), iter([(results.top["boolean"],)]))
            columns = results.columns()
            if columns is None:  # the head after the solutions: read them all first
                waiting = list(results.solutions()) if streaming else []
                columns = results.columns() or ()
                streaming = False
            else:
                waiting = []
        except BaseException:
            _close(conn)
            raise
        # The local store's column order (SELECT * is ordered differently by different servers).
        ordered = shape[1] if shape and shape[0] == "select" and set(shape[1]) == set(columns) else columns
        return Rows(ordered, self._rows(results, conn, response, ordered, streaming, waiting))

    def _rows(
        self,
        results: _Results,
        conn: http.client.HTTPConnection,
        response: http.client.HTTPResponse,
        columns: tuple[str, ...],
        streaming: bool,
        waiting: list[dict[str, Any]],
    ) -> Iterator[tuple[Any, ...]]:
        finished = False
        try:
            for solution in results.solutions() if streaming else waiting:
                get = solution.get
                yield tuple([_cell(get(c)) for c in columns])
            finished = True
        finally:
            if finished:
                self._finish(conn, response)
            else:  # stopped early, timed out or failed: the rest of the answer is not wanted
                _close(conn)

    def _finish(self, conn: http.client.HTTPConnection, response: http.client.HTTPResponse) -> None:
        """Read what is left of the answer and keep the connection for the next query."""
        try:
            response.read()
            if not response.will_close:
                if conn.sock is not None:
                    conn.sock.settimeout(conn.timeout)
                self._client.release(conn)
                return
        except (OSError, http.client.HTTPException):
            pass
        conn.close()

    def graphs(self) -> list[str]:
        """The named graphs' IRIs, sorted."""
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(g for (g,) in rows.rows if isinstance(g, str) and not g.startswith("_:"))

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.close()

    def close(self) -> None:
        """Close kept-alive connections."""
        with self._client._lock:
            idle, self._client._idle = self._client._idle, []
        for conn in idle:
            conn.close()


def _close(conn: http.client.HTTPConnection) -> None:
    """Close a connection, waking a thread blocked reading from it."""
    sock = conn.sock
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
    conn.close()


# ------------------------------------------------------------------ push (Graph Store Protocol)


@dataclass(frozen=True)
class PushSummary:
    """What :func:`push` sent: graphs, triples (None when some were not counted), bytes, seconds."""

    graphs: int
    triples: int | None
    bytes: int
    seconds: float

    def __str__(self) -> str:
        triples = "" if self.triples is None else f", {self.triples:,} triples"
        rate = f", {self.bytes / self.seconds / 1e6:.1f} MB/s" if self.seconds > 0 else ""
        return f"{self.graphs:,} graphs{triples}, {self.bytes / 1e6:.1f} MB in {self.seconds:.1f} s{rate}"


GraphData = bytes | bytearray | memoryview | os.PathLike[str] | BinaryIO | Iterable[bytes]


def push(
    graphs: Iterable[tuple[str | None, GraphData]],
    url: str,
    headers: Iterable[str | tuple[str, str]] = (),
    replace: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
    netrc: bool = True,
    progress: Callable[[int, int | None, str | None], None] | None = None,
    fmt: str | None = None,
) -> PushSummary:
    """Send named graphs to a SPARQL 1.1 Graph Store endpoint, one HTTP request per graph.

    ``graphs`` yields ``(graph IRI, data)``: data is N-Triples or Turtle (``fmt`` "n-triples" or
    "turtle"; None: told apart by their first lines) as bytes, a file path, a binary file, or an
    iterable of byte chunks (sent chunked); a file or chunks are streamed, never read whole.
    A None IRI is the default graph. Each named graph is PUT (``replace``: it replaces the graph)
    or POSTed (added to it) to ``url?graph=IRI``; a graph that comes again later in ``graphs`` is
    added to, not replaced. The default graph is always added to, never replaced: it holds what
    every plan shares (roles, functions of units, renamings), for every corpus on the server. ``progress(done, total, graph)`` is called after each graph (total
    None when ``graphs`` has no length). N-Triples are counted as lines; Turtle is not counted.
    """
    target = _target(url)
    client = _Client(target, _auth_headers(target, headers, netrc))
    total = len(graphs) if hasattr(graphs, "__len__") else None  # type: ignore[arg-type]
    started = time.perf_counter()
    sent = triples = done = 0
    counted = True
    seen: set[str | None] = set()
    for graph, data in graphs:
        method = "PUT" if replace and graph is not None and graph not in seen else "POST"
        seen.add(graph)
        where = "default" if graph is None else "graph=" + quote(graph, safe="")
        body, length, kind = _body(data, fmt)
        request_headers = {"Content-Type": kind}
        if length is not None:
            request_headers["Content-Length"] = str(length)
        what = f"push of {'the default graph' if graph is None else '<' + graph + '>'}"
        retry = isinstance(body, (bytes, bytearray, memoryview))  # a stream cannot be sent twice
        try:
            conn, response = client.request(
                method, target.with_query(where), body, request_headers, timeout or None, what, retry
            )
        finally:
            if isinstance(body, _Counter):
                body.close()
        response.read()
        if response.will_close:
            conn.close()
        else:
            client.release(conn)
        sent += body.bytes if isinstance(body, _Counter) else len(body)
        if kind == N_TRIPLES:
            triples += body.lines if isinstance(body, _Counter) else _lines(body)
        else:
            counted = False
        done += 1
        if progress is not None:
            progress(done, total, graph)
    for conn in client._idle:
        conn.close()
    return PushSummary(done, triples if counted else None, sent, time.perf_counter() - started)


def _lines(data: bytes | bytearray | memoryview) -> int:
    """N-Triples statements in ``data``: lines that start with a subject (``<`` or ``_:``)."""
    if isinstance(data, memoryview):
        data = data.obj if isinstance(data.obj, bytes) and len(data.obj) == data.nbytes else data.tobytes()
    return data.count(b"\n<") + data.count(b"\n_:") + (1 if data[:1] in (b"<", b"_") else 0)


class _Counter:
    """A file or chunks, read in blocks as the request is sent, counting bytes and N-Triples lines."""

    def __init__(self, source: Any, first: bytes = b"", owned: bool = False) -> None:
        self.source = source
        self.first = first
        self.owned = owned  # a file opened here, closed here
        self.bytes = 0
        self.lines = 0
        self._at_start = True

    def close(self) -> None:
        if self.owned:
            self.source.close()

    def read(self, size: int = -1) -> bytes:
        if self.first:
            block, self.first = self.first, b""
        elif hasattr(self.source, "read"):
            block = self.source.read(size)
        else:
            block = bytes(next(self.source, b""))
        if block:
            self.bytes += len(block)
            self.lines += block.count(b"\n<") + block.count(b"\n_:")
            if self._at_start and block[:1] in (b"<", b"_"):
                self.lines += 1
            self._at_start = block.endswith(b"\n")
        return block


def _body(data: GraphData, fmt: str | None) -> tuple[Any, int | None, str]:
    """What to send for one graph: the body, its length when known, its media type."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        return data, len(data), _media(bytes(data[:4096]), fmt)
    if isinstance(data, (str, os.PathLike)):
        path = Path(data)
        try:
            handle = path.open("rb")
        except OSError as exc:
            from taskgraph.errors import InputError

            raise InputError(f"cannot read: {exc.strerror}", str(path)) from None
        head = handle.read(4096)
        return _Counter(handle, head, owned=True), path.stat().st_size, _media(head, fmt)
    if hasattr(data, "read"):
        head = data.read(4096)
        return _Counter(data, head), None, _media(head, fmt)
    chunks = iter(data)
    head = b""
    while b"\n" not in head and len(head) < 4096:  # enough to see a whole first line
        chunk = next(chunks, None)
        if chunk is None:
            break
        head += bytes(chunk)
    return _Counter(chunks, head), None, _media(head, fmt)


def _media(head: bytes, fmt: str | None) -> str:
    """The media type of a graph: as ``fmt`` says, else N-Triples when its first lines are."""
    if fmt is not None:
        kinds = {
            "n-triples": N_TRIPLES,
            "nt": N_TRIPLES,
            "ntriples": N_TRIPLES,
            "turtle": TURTLE,
            "ttl": TURTLE,
        }
        if fmt.lower() not in kinds:
            raise UsageError(f"push sends N-Triples or Turtle, not {fmt}")
        return kinds[fmt.lower()]
    lines = [line.strip() for line in head.split(b"\n")[:-1] or head.split(b"\n")]
    statements = [line for line in lines if line and not line.startswith(b"#")]
    if all(line[:1] in (b"<", b"_") and line.endswith(b".") for line in statements):
        return N_TRIPLES
    return TURTLE


# ------------------------------------------------------------------ reading graphs to push


def parse_graphs(data: bytes, fmt: str = "nq") -> Iterator[tuple[str | None, bytes]]:
    """The graphs of N-Quads or TriG ``data`` as ``(graph IRI or None, N-Triples bytes)``, one at a time.

    Consecutive quads of one graph make one item (a plan's N-Quads: one item); a graph that
    comes back later makes another, which :func:`push` adds to the first.
    """
    import pyoxigraph as ox

    return _split(ox.parse(input=data, format=_rdf_format(fmt)))


def read_graphs(path: str | os.PathLike[str]) -> Iterator[tuple[str | None, bytes]]:
    """The graphs of an N-Quads or TriG file, as :func:`parse_graphs` gives them."""
    import pyoxigraph as ox

    suffix = Path(path).suffix.lstrip(".").lower()
    try:
        quads = ox.parse(path=str(path), format=_rdf_format(suffix))
    except OSError as exc:
        from taskgraph.errors import InputError

        raise InputError(f"cannot read: {exc.strerror or exc}", str(path)) from None
    return _split(quads)


def _rdf_format(name: str) -> Any:
    import pyoxigraph as ox

    formats = {
        "nq": ox.RdfFormat.N_QUADS,
        "nquads": ox.RdfFormat.N_QUADS,
        "n-quads": ox.RdfFormat.N_QUADS,
        "trig": ox.RdfFormat.TRIG,
    }
    if name.lower() not in formats:
        raise UsageError(f"graphs are read from N-Quads (.nq) or TriG (.trig), not {name}")
    return formats[name.lower()]


def _split(quads: Iterable[Any]) -> Iterator[tuple[str | None, bytes]]:
    import pyoxigraph as ox

    current: str | None = None
    batch: list[Any] = []
    for quad in quads:
        name = quad.graph_name
        graph = name.value if isinstance(name, ox.NamedNode) else None
        if isinstance(name, ox.BlankNode):
            raise UsageError("a graph named by a blank node cannot be pushed: name it with an IRI")
        if batch and graph != current:
            yield current, ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES) or b""
            batch = []
        current = graph
        batch.append(quad.triple)
    if batch:
        yield current, ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES) or b""
