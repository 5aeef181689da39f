"""RemoteStore against a real Oxigraph server: the same answers as LocalStore, and clear refusals."""

from __future__ import annotations

import re
import time
from collections import Counter
from importlib.resources import files

import pytest

from taskgraph.endpoint import EndpointError, RemoteStore
from taskgraph.errors import QueryError

from .conftest import free_port

pytestmark = pytest.mark.server

TG = "PREFIX tg: <https://w3id.org/taskgraph/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
LIBRARY = sorted(
    (p.name, p.read_text(encoding="utf-8"))
    for p in files("taskgraph").joinpath("queries").iterdir()
    if p.name.endswith(".rq")
)
# "# param: leader — the leader, e.g. 丁卫东"
PARAM = re.compile(r"^#\s*param:\s*(\w+)", re.M)
VALUES = {"leader": "丁卫东", "unit": "县国资局"}


def typed(rows):
    """Rows with each value's type beside it, counted: equal only when values and types agree."""
    return Counter(tuple((type(v).__name__, v) for v in row) for row in rows)


def same(local, remote, query, bindings=None):
    """Assert one query gives the same columns and rows, of the same types, on both stores."""
    a = local.select(query, bindings)
    b = remote.select(query, bindings)
    rows_a, rows_b = a.fetch(), b.fetch()
    assert b.columns == a.columns
    assert typed(rows_b) == typed(rows_a)
    return rows_a


@pytest.fixture(scope="module")
def remote(server, loaded):
    store = RemoteStore(server.query)
    yield store
    store.close()


def test_push_summary(loaded):
    """The fixture's push sent both graphs and counted every triple."""
    local, summary = loaded
    assert summary.graphs == 2
    assert summary.triples == len(local)
    assert summary.bytes > 0


def test_graphs(loaded, remote):
    """graphs() lists the named graphs the local store lists."""
    local, _ = loaded
    assert (
        remote.graphs()
        == local.graphs()
        == [
            "https://w3id.org/taskgraph/id/plan/shen/2024",
            "https://w3id.org/taskgraph/id/plan/shen/2025",
        ]
    )


@pytest.mark.parametrize(("name", "text"), LIBRARY, ids=[n for n, _ in LIBRARY])
def test_library_query(loaded, remote, name, text):
    """Every query of the library gives the same columns and rows remotely as locally."""
    local, _ = loaded
    bindings = {p: VALUES[p] for p in PARAM.findall(text)}
    rows = same(local, remote, text, bindings)
    if bindings or name in ("assignments.rq", "plans.rq", "unit-roles.rq"):
        assert rows, "the test data should give rows here"


def test_types(loaded, remote):
    """Integers, decimals, doubles, booleans, dates, language strings, IRIs and unbound values convert alike."""
    local, _ = loaded
    query = (
        TG
        + """SELECT ?t ?index ?desc ?date (?index / 2 AS ?half) (?index * 1.5e0 AS ?dbl) (?index > 1 AS ?big)
    WHERE { GRAPH ?g { ?t a tg:Task ; tg:index ?index OPTIONAL { ?t <http://purl.org/dc/terms/description> ?desc }
    OPTIONAL { ?g <http://purl.org/dc/terms/issued> ?date } } }"""
    )
    rows = same(local, remote, query)
    kinds = {type(v).__name__ for row in rows for v in row}
    assert kinds == {"str", "int", "float", "bool", "NoneType"}


def test_select_star_columns(loaded, remote):
    """SELECT * gives the local store's column order, whatever order the server uses."""
    local, _ = loaded
    same(local, remote, TG + "SELECT * WHERE { GRAPH ?g { ?u a tg:Unit ; skos:prefLabel ?name } }")
    same(local, remote, TG + "SELECT * WHERE { GRAPH ?g { ?u skos:prefLabel ?name } }", {"name": "县财政局"})


def test_union_default_graph(server, loaded):
    """Without GRAPH, the Oxigraph server's union-default-graph option matches the local union."""
    local, _ = loaded
    store = RemoteStore(server.query + "?union-default-graph")
    same(local, store, TG + "SELECT ?u ?name WHERE { ?u a tg:Unit ; skos:prefLabel ?name }")


def test_ask(loaded, remote):
    """ASK gives one row ("ask",) with a bool, as locally."""
    local, _ = loaded
    assert same(local, remote, TG + "ASK { GRAPH ?g { ?t a tg:Task } }") == [(True,)]
    assert same(local, remote, TG + "ASK { GRAPH ?g { ?t a tg:Plan ; tg:year 1999 } }") == [(False,)]


TRICKY = [
    '县"特殊"局\\新}',
    'x" } } INSERT DATA { <a:a> <a:a> <a:a> } #',
    'a"} UNION { ?u ?p ?name } #',
    "line\nbreak\r\ttab",
    "back\\slash\\",
    "\\u0022 and \\U0000007D",
    "'single' '''triple'''",
    "#{comment}",
    "县财政局",
]


@pytest.mark.parametrize("value", TRICKY)
def test_binding_values(loaded, remote, value):
    """Bound values with quotes, backslashes, newlines, braces and injection attempts match as plain strings."""
    local, _ = loaded
    query = TG + "SELECT ?u ?name WHERE { GRAPH ?g { ?u skos:prefLabel ?l FILTER(STR(?l) = ?name) } }"
    rows = same(local, remote, query, {"name": value})
    assert len(rows) == (2 if value == "县财政局" else 1 if value.startswith("县") else 0)
    assert [name for _, name in rows] == [value] * len(rows)


def test_binding_refused_when_not_selected(remote):
    """A variable the query does not select cannot be bound (as in the local store)."""
    with pytest.raises(QueryError, match=r"\?name"):
        remote.select(TG + "SELECT ?u WHERE { ?u skos:prefLabel ?name }", {"name": "x"})
    with pytest.raises(QueryError, match="letters"):
        remote.select(TG + "SELECT ?u WHERE { ?u skos:prefLabel ?name }", {"u }": "x"})


def test_refused_before_sending():
    """Updates, SERVICE and CONSTRUCT are refused without any request (the endpoint here is closed)."""
    store = RemoteStore(f"http://127.0.0.1:{free_port()}/query")
    with pytest.raises(QueryError, match="Update"):
        store.select("INSERT DATA { <a:a> <a:a> <a:a> }")
    with pytest.raises(QueryError, match="SERVICE"):
        store.select("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    with pytest.raises(QueryError, match="CONSTRUCT"):
        store.select("CONSTRUCT WHERE { ?s ?p ?o }")


def test_unreachable():
    """A closed port is one line naming the refused connection."""
    store = RemoteStore(f"http://127.0.0.1:{free_port()}/query", timeout=5)
    with pytest.raises(EndpointError) as error:
        store.select("SELECT * WHERE { ?s ?p ?o }").fetch()
    message = str(error.value)
    assert "connection refused" in message and "\n" not in message


def test_timeout(proxy):
    """A query that runs past its timeout is stopped at the timeout, with one line saying so."""
    store = RemoteStore(proxy.base + "/slow", timeout=0.5)
    started = time.monotonic()
    with pytest.raises(QueryError, match=r"longer than 0\.5 s"):
        store.select("SELECT ?x WHERE { ?x ?p ?o }").fetch()
    assert time.monotonic() - started < 2


def test_server_errors(server, remote):
    """A server's refusal is one line with the HTTP status and the first line of its message."""
    with pytest.raises(
        QueryError, match=r"^http://127\.0\.0\.1:\d+/query: the endpoint refused the query: HTTP 400"
    ):
        remote.select("SELECT ?s WHERE { ?s ?p ?o . FILTER(isFancy(?s)) }").fetch()
    with pytest.raises(EndpointError, match="HTTP 404 Not Found: POST /nothere") as error:
        RemoteStore(server.base + "/nothere").select("SELECT * WHERE { ?s ?p ?o }").fetch()
    assert "\n" not in str(error.value) and len(str(error.value)) < 300


def test_stop_early_then_query_again(loaded, remote):
    """Leaving a large answer unread does not disturb the next query on the same store."""
    local, _ = loaded
    rows = remote.select("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }").rows
    next(rows)
    rows.close()
    same(local, remote, TG + "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
