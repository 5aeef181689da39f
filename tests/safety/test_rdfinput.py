"""RDF input checked before parsing: entity declarations, fetched contexts, size (taskgraph.rdfinput)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taskgraph import readers
from taskgraph.errors import InputError
from taskgraph.rdfinput import check_rdf, no_network

# "Billion laughs": ten entities, each ten of the one before; about 1 KB, 10^9 "lol"s expanded.
LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{k} "{("&lol" + (str(k - 1) if k > 1 else "") + ";") * 10}">\n' for k in range(1, 10)
    )
    + ']>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">\n'
    ' <rdf:Description rdf:about="http://example.org/a"><ex:p>&lol9;</ex:p></rdf:Description>\n</rdf:RDF>\n'
).encode()
EXTERNAL = (
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>'
)
PLAIN_XML = (
    b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    b'xmlns:ex="http://example.org/"><rdf:Description rdf:about="http://example.org/a">'
    b"<ex:p>&amp; &lt;!DOCTYPE in text is fine</ex:p></rdf:Description></rdf:RDF>"
)
INLINE = {"@context": {"ex": "http://example.org/", "name": "ex:name"}, "@id": "ex:a", "name": "县财政局"}


def test_billion_laughs_is_refused_in_milliseconds() -> None:
    """A 1 KB billion-laughs RDF/XML file is refused before parsing, in well under 50 ms."""
    assert len(LAUGHS) < 1100
    started = time.perf_counter()
    with pytest.raises(InputError, match="DOCTYPE or an entity declaration") as caught:
        check_rdf(LAUGHS, "xml", "laughs.rdf")
    assert time.perf_counter() - started < 0.05
    assert str(caught.value).startswith("laughs.rdf: ") and "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "data",
    [
        EXTERNAL,
        LAUGHS.replace(b"DOCTYPE", b"doctype"),
        LAUGHS.decode().encode("utf-16"),  # with a byte order mark
        LAUGHS.decode().encode("utf-16-le"),  # without one
        LAUGHS.decode().encode("utf-32"),
        b"\xef\xbb\xbf" + LAUGHS,
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><!ENTITY x "y"></rdf:RDF>',
    ],
    ids=["external", "lowercase", "utf-16", "utf-16-no-bom", "utf-32", "bom", "entity-only"],
)
def test_entity_declarations_are_refused_in_any_encoding(data: bytes) -> None:
    """External entities, lower-case DOCTYPE, UTF-16/32 with or without BOM, a bare ENTITY: all refused."""
    with pytest.raises(InputError, match="DOCTYPE"):
        check_rdf(data, "xml", "x.rdf")


@pytest.mark.parametrize("fmt", ["xml", "rdf", "application/rdf+xml", "trix", "pretty-xml", "owl", "unknown"])
def test_every_xml_format_name_is_checked(fmt: str) -> None:
    """Every name for an XML syntax, and a name taskgraph does not know, gets the DOCTYPE check."""
    with pytest.raises(InputError):
        check_rdf(EXTERNAL, fmt, "x")


def test_a_pyoxigraph_format_is_checked() -> None:
    """A pyoxigraph RdfFormat is told by its file extension."""
    import pyoxigraph as ox

    with pytest.raises(InputError):
        check_rdf(EXTERNAL, ox.RdfFormat.RDF_XML, "x.rdf")
    check_rdf(PLAIN_XML, ox.RdfFormat.RDF_XML, "x.rdf")


def test_plain_rdf_xml_passes_and_parses() -> None:
    """RDF/XML without declarations passes, and still parses (escaped '<!DOCTYPE' in text is data)."""
    from rdflib import Graph

    check_rdf(PLAIN_XML, "xml", "ok.rdf")
    assert len(Graph().parse(data=PLAIN_XML, format="xml")) == 1


def test_text_syntaxes_are_only_size_checked() -> None:
    """Turtle naming '<!DOCTYPE' in a string is not XML and passes."""
    check_rdf(b'<http://e/a> <http://e/p> "<!DOCTYPE x>" .', "ttl", "a.ttl")
    check_rdf(b'<http://e/a> <http://e/p> "<!ENTITY x>" <http://e/g> .', "nq", "a.nq")


@pytest.mark.parametrize(
    "document",
    [
        {"@context": "https://schema.org/", "@id": "x"},
        {"@context": "file:///etc/passwd"},
        {"@context": "ctx.jsonld"},
        {"@context": [{"ex": "http://example.org/"}, "http://127.0.0.1:9/ctx"]},
        {"@context": {"@import": "http://127.0.0.1:9/ctx", "ex": "http://example.org/"}},
        {"@context": {"knows": {"@id": "http://e/knows", "@context": "http://127.0.0.1:9/scoped"}}},
        {"@graph": [{"@id": "x", "http://e/p": {"@context": "http://127.0.0.1:9/deep", "@id": "y"}}]},
        [{"@id": "a"}, {"@context": "http://127.0.0.1:9/second"}],
    ],
    ids=["remote", "file", "relative", "list", "import", "scoped", "deep", "array"],
)
def test_contexts_that_would_be_fetched_are_refused(document: object) -> None:
    """A string context anywhere (remote, file:, relative), one in a list, a scoped one, or @import is refused."""
    with pytest.raises(InputError, match="is not fetched") as caught:
        check_rdf(json.dumps(document).encode(), "jsonld", "c.jsonld")
    assert str(caught.value).startswith("c.jsonld: ")


def test_inline_context_passes_and_parses() -> None:
    """JSON-LD with only inline contexts passes and parses to its triple."""
    from rdflib import Graph

    data = json.dumps(INLINE, ensure_ascii=False).encode()
    check_rdf(data, "json-ld", "ok.jsonld")
    with no_network():
        assert len(Graph().parse(data=data, format="json-ld")) == 1


def test_null_context_passes() -> None:
    """A null @context (which clears the context) fetches nothing and passes."""
    check_rdf(b'{"@context": null, "@id": "http://e/a"}', "jsonld", "n.jsonld")


def test_bad_json_is_one_line() -> None:
    """JSON-LD that is not JSON is an InputError with the line, and deep nesting is refused without a RecursionError."""
    with pytest.raises(InputError, match="not valid JSON-LD") as caught:
        check_rdf(b'{\n"@id": "a",,\n}', "jsonld", "bad.jsonld")
    assert caught.value.line == 2
    with pytest.raises(InputError, match="nested too deeply"):
        check_rdf(b"[" * 200_000 + b"]" * 200_000, "jsonld", "deep.jsonld")


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda c: (
            st.lists(c, max_size=3)
            | st.dictionaries(st.sampled_from(["@id", "@context", "@import", "p", "@graph"]), c, max_size=3)
        ),
        max_leaves=20,
    )
)
def test_refused_exactly_when_a_context_is_named(document: object) -> None:
    """Any JSON document is refused exactly when some @context is a string (or lists one) or some @import exists."""

    def fetches(node: object) -> bool:
        if isinstance(node, list):
            return any(fetches(n) for n in node)
        if isinstance(node, dict):
            ctx = node.get("@context")
            if "@import" in node or isinstance(ctx, str):
                return True
            if isinstance(ctx, list) and any(isinstance(c, str) for c in ctx):
                return True
            return any(fetches(v) for v in node.values())
        return False

    data = json.dumps(document).encode()
    if fetches(document):
        with pytest.raises(InputError):
            check_rdf(data, "jsonld", "h.jsonld")
    else:
        check_rdf(data, "jsonld", "h.jsonld")


def test_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Input over taskgraph.readers.MAX_BYTES is refused, naming the variable that raises the limit."""
    monkeypatch.setattr(readers, "MAX_BYTES", 1024 * 1024)
    with pytest.raises(InputError, match="TASKGRAPH_MAX_BYTES"):
        check_rdf(b" " * (1024 * 1024 + 1), "ttl", "big.ttl")
    check_rdf(b" " * (1024 * 1024), "ttl", "ok.ttl")


def test_no_network_refuses_inside_rdflib() -> None:
    """Under no_network, rdflib itself refuses a remote context or an @import (the second line of defence)."""
    from rdflib import Graph

    remote = json.dumps({"@context": "http://127.0.0.1:9/ctx", "@id": "http://e/a"})
    imported = json.dumps({"@context": {"@import": "file:///etc/hostname"}, "@id": "http://e/a"})
    for data in (remote, imported):
        with pytest.raises(InputError, match="is not fetched"), no_network():
            Graph().parse(data=data, format="json-ld")


def test_no_network_is_scoped(tmp_path: Path) -> None:
    """The guard holds only while a no_network block is open: outside it rdflib reads a file: context as before."""
    from rdflib import Graph

    ctx = tmp_path / "ctx.jsonld"
    ctx.write_text(json.dumps({"@context": {"name": "http://e/name"}}))
    data = json.dumps({"@context": ctx.as_uri(), "@id": "http://e/a", "name": "x"})
    with pytest.raises(InputError), no_network(), no_network():
        Graph().parse(data=data, format="json-ld")
    assert len(Graph().parse(data=data, format="json-ld")) == 1
