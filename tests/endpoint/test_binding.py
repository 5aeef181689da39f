"""Binding values into query text, headers, URLs and graph splitting: no server needed."""

from __future__ import annotations

import socket
from collections import Counter

import pyoxigraph as ox
import pytest

from taskgraph.endpoint import (
    N_TRIPLES,
    TURTLE,
    EndpointError,
    RemoteStore,
    _media,
    bind,
    parse_graphs,
    parse_header,
    sparql_string,
)
from taskgraph.errors import QueryError, UsageError
from taskgraph.store import LocalStore

from .conftest import TRIG

TG = "PREFIX tg: <https://w3id.org/taskgraph/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "


@pytest.fixture(scope="module")
def local():
    store = LocalStore()
    store.load(TRIG.encode(), ox.RdfFormat.TRIG)
    return store


def test_sparql_string():
    """Quotes, backslashes and control characters are escaped; everything else stays as it is."""
    assert sparql_string('a"b\\c\nd\re\tf\x00g}县') == '"a\\"b\\\\c\\nd\\re\\tf\\u0000g}县"'
    with pytest.raises(QueryError):
        sparql_string("\ud800")


def test_bind_skips_values_blocks_and_strings():
    """VALUES data blocks and braces inside strings, IRIs and comments are left alone."""
    query = 'SELECT ?x ?v WHERE { ?x ?p "{" . # {\n VALUES ?v { "a" } } VALUES ?x { <a:x> }'
    assert bind(query, {"v": "b"}) == (
        'SELECT ?x ?v WHERE { VALUES ?v { "b" } ?x ?p "{" . # {\n VALUES ?v { "a" } } VALUES ?x { <a:x> }'
    )


def test_bind_subqueries():
    """A subquery gets the values only when it projects the variable (explicitly or with *)."""
    query = "SELECT ?v ?c WHERE { { SELECT (COUNT(?v) AS ?c) WHERE { ?s ?p ?v } } }"
    assert bind(query, {"v": "x"}) == (
        'SELECT ?v ?c WHERE { VALUES ?v { "x" } { SELECT (COUNT(?v) AS ?c) WHERE { ?s ?p ?v } } }'
    )
    query = "SELECT ?v WHERE { { SELECT * WHERE { ?s ?p ?v } } }"
    assert bind(query, {"v": "x", "w": "y"}).count('VALUES (?v ?w) { ("x" "y") }') == 2


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?u ?name WHERE { GRAPH ?g { ?u skos:prefLabel ?l FILTER(STR(?l) = ?name) } }",
        "SELECT ?u ?name WHERE { GRAPH ?g { ?u a tg:Unit OPTIONAL { ?u skos:altLabel ?l FILTER(STR(?l) = ?name) } } }",
        "SELECT ?u ?name WHERE { { ?u skos:prefLabel ?l } UNION { ?u skos:altLabel ?l } FILTER(STR(?l) = ?name) }",
        "SELECT ?name ?n WHERE { { SELECT (COUNT(?name) AS ?n) WHERE { ?u skos:prefLabel ?name } } }",
        "SELECT ?name ?n WHERE { { SELECT ?name (COUNT(?u) AS ?n) WHERE { ?u skos:prefLabel ?l BIND(STR(?l) AS ?name) } GROUP BY ?name } }",
        "SELECT ?u ?name WHERE { ?u skos:prefLabel ?l FILTER EXISTS { ?u skos:altLabel ?a FILTER(STR(?a) = ?name) } }",
        "SELECT ?u ?name WHERE { ?u skos:prefLabel ?l MINUS { ?u skos:altLabel ?a FILTER(STR(?a) != ?name) } }",
        "SELECT ?u ?name WHERE { ?u skos:prefLabel ?l BIND(STR(?l) AS ?name) }",
        'SELECT ?u ?name ?w WHERE { ?u skos:altLabel ?l BIND(CONCAT(?name, "!") AS ?w) }',
    ],
)
def test_bind_matches_local_substitution(local, query):
    """Values written into the text give the rows Oxigraph's own substitution gives."""
    bindings = {"name": "县国资局"}
    expected = local.select(TG + query, bindings)
    actual = local.select(bind(TG + query, bindings))
    assert actual.columns == expected.columns
    assert Counter(actual.fetch()) == Counter(expected.fetch())


def test_bind_refuses_bad_names():
    """A variable name that is not letters, digits and _ cannot be bound."""
    with pytest.raises(QueryError):
        bind("SELECT ?x WHERE { ?x ?p ?o }", {"x } #": "a"})


def test_parse_header():
    """--header lines are "Name: value"; newlines and headers taskgraph sets are refused."""
    assert parse_header("Authorization:Bearer a:b") == ("Authorization", "Bearer a:b")
    for bad in ("no colon", "X-A: b\r\nX-B: c", "Content-Type: text/plain", ": empty"):
        with pytest.raises(UsageError):
            parse_header(bad)


def test_bad_urls():
    """An endpoint must be an http(s) URL; its credentials are not repeated in the message."""
    with pytest.raises(UsageError, match="http"):
        RemoteStore("ftp://u:secret@host/x")
    with pytest.raises(UsageError) as error:
        RemoteStore("file:///etc/passwd")
    assert "secret" not in str(error.value)


def test_dns_failure(monkeypatch):
    """A host name that does not resolve is one line naming it."""

    def fail(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    with pytest.raises(EndpointError, match=r"query: cannot resolve the host name sparql\.example\.invalid$"):
        RemoteStore("https://sparql.example.invalid/query").select("SELECT * WHERE { ?s ?p ?o }")


def test_netrc_errors_do_not_quote_it(tmp_path, monkeypatch):
    """A netrc file that cannot be parsed is named with its line, not its content."""
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login alice password s3cr3t\nbogus-token hunter2\n")
    monkeypatch.setenv("NETRC", str(netrc))
    with pytest.raises(EndpointError, match="line 2") as error:
        RemoteStore("http://127.0.0.1:9/query")
    assert "hunter2" not in str(error.value) and "s3cr3t" not in str(error.value)


def test_parse_graphs():
    """N-Quads split into one N-Triples item per run of one graph; a graph met again is a new item."""
    quads = b"<a:s> <a:p> <a:o> <a:g1> .\n<a:s> <a:p> <a:o2> <a:g1> .\n<a:s> <a:p> <a:o> .\n<a:s> <a:p> <a:o3> <a:g1> .\n"
    items = list(parse_graphs(quads))
    assert [g for g, _ in items] == ["a:g1", None, "a:g1"]
    assert items[0][1].count(b"\n") == 2 and b"<a:g1>" not in items[0][1]


def test_media_sniffing():
    """N-Triples is told from Turtle by its first lines; fmt overrides."""
    assert _media(b'<a:s> <a:p> <a:o> .\n_:b <a:p> "x" .\n<a:s> <a:p', None) == N_TRIPLES
    assert _media(b"@prefix a: <a:> .\na:s a:p a:o .\n", None) == TURTLE
    assert _media(b"<a:s> <a:p> <a:o> ;\n  <a:q> 1 .\n", None) == TURTLE
    assert _media(b"", "turtle") == TURTLE
    with pytest.raises(UsageError):
        _media(b"", "rdf/xml")
