"""RDF files a user gives taskgraph, checked before any parser sees them (issue 14).

Two RDF syntaxes can make a parser do far more than read the file. XML-based ones (RDF/XML,
TriX) can declare entities in a DOCTYPE: about 1 KB of nested entities ("billion laughs") took
Oxigraph to 11.7 GB in 60 s, and external entities read other files. JSON-LD can name its
``@context`` by IRI, or ``@import`` one: rdflib then fetched it over the network (or from a
``file:`` path), and hung on a server that never answered. :func:`check_rdf` refuses both,
and files over the size limit, in time linear in the file; :func:`no_network` keeps rdflib's
JSON-LD parser from fetching any context while it is active, in case a file reaches rdflib
without being checked.
"""

from __future__ import annotations

import codecs
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from taskgraph.errors import InputError

# Format names (taskgraph's, rdflib's, media types, file extensions) by the syntax they are in.
_XML = {"xml", "rdf", "rdfxml", "rdf/xml", "rdf+xml", "application/rdf+xml", "owl", "trix", "pretty-xml"}
_JSONLD = {"jsonld", "json-ld", "json", "application/ld+json"}
_TEXT = {
    *("ttl", "turtle", "text/turtle", "longturtle", "n3", "text/n3"),
    *("nt", "ntriples", "n-triples", "nt11", "application/n-triples"),
    *("trig", "application/trig", "nq", "nquads", "n-quads", "application/n-quads"),
}
# A document type or entity declaration, in any case (quick-xml, under Oxigraph, is lenient):
# '<!DOCTYPE rdf:RDF [ <!ENTITY lol "lol"> … ]>'.
_DECLARATION = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
# How UTF-16 and UTF-32 XML starts: a byte order mark, or "<?" with zero bytes between.
_WIDE_STARTS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, b"<\x00", b"\x00<", b"\x00\x00")


def _kind(fmt: Any, data: bytes) -> str:
    """``"xml"``, ``"jsonld"`` or ``"text"``: the syntax family of format ``fmt``.

    ``fmt`` is a name (``"xml"``, ``"json-ld"``, ``"application/rdf+xml"``) or anything with a
    ``file_extension`` (a pyoxigraph ``RdfFormat``); a name taskgraph does not know is told
    from the data's first character, so that no unknown name lets a file through unchecked.
    """
    name = str(getattr(fmt, "file_extension", fmt)).strip().lower().lstrip(".")
    if name in _XML:
        return "xml"
    if name in _JSONLD:
        return "jsonld"
    if name in _TEXT:
        return "text"
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"{", b"[")):
        return "jsonld"
    if head.startswith(b"<") or data.startswith(_WIDE_STARTS):
        return "xml"
    return "text"


def _xml_declares(data: bytes) -> bool:
    """Whether XML ``data`` declares a document type or an entity, in any encoding a parser reads."""
    if _DECLARATION.search(data):  # UTF-8 and the ASCII-compatible encodings
        return True
    # UTF-16 and UTF-32 spell "<!DOCTYPE" as ASCII with zero bytes between, BOM or not.
    return b"\x00" in data and bool(_DECLARATION.search(data.replace(b"\x00", b"")))


def _remote_context(node: Any) -> str | None:
    """The first context in ``node`` that would be fetched: an IRI ``@context`` or an ``@import``."""
    stack = [node]
    push = stack.append
    while stack:  # a loop, not recursion: the depth is the file's, not ours
        item = stack.pop()
        if type(item) is dict:
            if "@import" in item:
                return str(item["@import"])
            context = item.get("@context")
            if context is not None:
                for entry in context if type(context) is list else (context,):
                    if type(entry) is str:
                        return entry
            for value in item.values():
                if type(value) is dict or type(value) is list:
                    push(value)
        elif type(item) is list:
            for value in item:
                if type(value) is dict or type(value) is list:
                    push(value)
    return None


def _short(text: str, limit: int = 80) -> str:
    text = text.replace("\n", " ").replace("\r", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_rdf(data: bytes, fmt: Any, path: str) -> None:
    """Refuse RDF that would make a parser fetch, expand or read without bound.

    Raises :class:`InputError` (one line naming ``path``) for data over
    ``taskgraph.readers.MAX_BYTES``; XML-based RDF (RDF/XML, TriX) with a DOCTYPE or an entity
    declaration; JSON-LD that is not JSON, or whose ``@context`` anywhere is an IRI (remote or
    ``file:``), a list holding one, or an ``@import`` — only inline context objects are read.
    Turtle, N-Triples, TriG and N-Quads fetch nothing and are checked for size only. The check
    reads the data once (JSON-LD: one ``json.loads``), so it takes milliseconds where the parser
    would take minutes.

    Examples
    --------
    >>> check_rdf(b'{"@context": {"ex": "http://example.org/"}, "@id": "ex:a"}', "jsonld", "a.jsonld")
    >>> check_rdf(b'{"@context": "https://schema.org/"}', "jsonld", "b.jsonld")
    Traceback (most recent call last):
    taskgraph.errors.InputError: b.jsonld: JSON-LD context 'https://schema.org/' is not fetched: taskgraph never reaches the network or other files; put the context inline
    """
    from taskgraph import readers

    limit = readers.max_bytes()
    if len(data) > limit:
        raise readers.too_large(limit, path)
    kind = _kind(fmt, data)
    if kind == "xml" and _xml_declares(data):
        raise InputError(
            "XML with a DOCTYPE or an entity declaration is refused (entity expansion, external files)", path
        )
    if kind == "jsonld":
        try:
            document = json.loads(data)
        except RecursionError:
            raise InputError("not valid JSON-LD: nested too deeply", path) from None
        except ValueError as exc:  # JSONDecodeError, or bytes in no JSON encoding
            line = getattr(exc, "lineno", None)
            message = getattr(exc, "msg", None) or str(exc).splitlines()[0]
            raise InputError(f"not valid JSON-LD: {_short(message)}", path, line) from None
        remote = _remote_context(document)
        if remote is not None:
            raise InputError(
                f"JSON-LD context {_short(remote)!r} is not fetched: taskgraph never reaches the network "
                "or other files; put the context inline",
                path,
            )


# How many no_network() blocks are open, in any thread: while one is, no context is fetched.
_offline = 0
_offline_lock = threading.Lock()
_installed = False


def _install() -> None:
    """Put the guard in front of rdflib's one way of reading a JSON-LD context (once)."""
    global _installed
    with _offline_lock:
        if _installed:
            return
        from rdflib.plugins.shared.jsonld.context import Context

        # rdflib 7 reads every string @context and every @import through Context._fetch_context
        # (rdflib/plugins/shared/jsonld/context.py); it takes no document loader to replace.
        fetch = Context._fetch_context

        def _fetch_context(
            self: Context, source: str, base: str | None, referenced_contexts: set[str]
        ) -> Any:
            if _offline:
                raise InputError(
                    f"JSON-LD context {_short(str(source))!r} is not fetched: taskgraph never reaches the "
                    "network or other files; put the context inline"
                )
            return fetch(self, source, base, referenced_contexts)

        Context._fetch_context = _fetch_context  # type: ignore[method-assign]
        _installed = True


@contextmanager
def no_network() -> Iterator[None]:
    """While the block runs, rdflib's JSON-LD parser fetches no context, remote or ``file:``.

    A string ``@context`` or an ``@import`` met by rdflib raises :class:`InputError` instead of
    being read — in every thread, since parsing may run in a worker. This is the second line
    of defence behind :func:`check_rdf`, for data that reaches rdflib another way.

    Examples
    --------
    >>> from rdflib import Graph
    >>> with no_network():
    ...     Graph().parse(data='{"@context": "http://127.0.0.1:9/c", "@id": "x:a"}', format="json-ld")
    Traceback (most recent call last):
    taskgraph.errors.InputError: JSON-LD context 'http://127.0.0.1:9/c' is not fetched: taskgraph never reaches the network or other files; put the context inline
    """
    global _offline
    _install()
    with _offline_lock:
        _offline += 1
    try:
        yield
    finally:
        with _offline_lock:
            _offline -= 1


__all__ = ["check_rdf", "no_network"]
