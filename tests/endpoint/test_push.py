"""push: one Graph Store request per named graph, replaced or added, streamed, with progress."""

from __future__ import annotations

import io

import pytest

from taskgraph.endpoint import EndpointError, RemoteStore, push, read_graphs

from .conftest import delete

pytestmark = pytest.mark.server

G = "https://w3id.org/taskgraph/id/plan/push-test"
NT = b'<https://w3id.org/taskgraph/id/t/1> <https://w3id.org/taskgraph/ontology#index> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
NT2 = b'<https://w3id.org/taskgraph/id/t/2> <https://w3id.org/taskgraph/ontology#index> "2"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
TTL = b"@prefix tg: <https://w3id.org/taskgraph/ontology#> .\n<https://w3id.org/taskgraph/id/t/3> tg:index 3 ; tg:number 3 .\n"


def indexes(server, graph=G):
    """The tg:index values in one graph of the server, sorted."""
    query = f"SELECT ?i WHERE {{ GRAPH <{graph}> {{ ?t <https://w3id.org/taskgraph/ontology#index> ?i }} }}"
    return sorted(i for (i,) in RemoteStore(server.query).select(query).rows)


@pytest.fixture
def clean(server):
    yield
    delete(server, G)


def test_replace_and_add(server, clean):
    """PUT replaces a graph, POST (replace=False) adds to it, and a graph met twice is added to."""
    push([(G, NT)], server.store)
    push([(G, NT2)], server.store)
    assert indexes(server) == [2]
    push([(G, NT)], server.store, replace=False)
    assert indexes(server) == [1, 2]
    summary = push([(G, NT), (G, NT2)], server.store)
    assert indexes(server) == [1, 2] and summary.triples == 2


def test_turtle_file_and_chunks(server, clean, tmp_path):
    """Turtle is sent as Turtle; a file and an iterable of chunks are streamed (chunks without a length)."""
    path = tmp_path / "g.ttl"
    path.write_bytes(TTL)
    summary = push([(G, path)], server.store)
    assert indexes(server) == [3] and summary.triples is None and summary.bytes == len(TTL)
    summary = push([(G, iter([NT[:20], NT[20:], NT2]))], server.store)
    assert indexes(server) == [1, 2] and summary.triples == 2 and summary.bytes == len(NT + NT2)
    summary = push([(G, io.BytesIO(NT2))], server.store)
    assert indexes(server) == [2] and summary.triples == 1


def test_progress(server, clean):
    """progress(done, total, graph) is called after each graph, total known for a list."""
    calls = []
    other = G + "/2"
    summary = push([(G, NT), (other, NT2)], server.store, progress=lambda *a: calls.append(a))
    assert calls == [(1, 2, G), (2, 2, other)]
    assert (summary.graphs, summary.triples, summary.bytes) == (2, 2, len(NT + NT2))
    assert "2 graphs, 2 triples" in str(summary)
    delete(server, other)


def test_bad_data(server, clean):
    """Data the server cannot parse is one line: the graph, HTTP 400 and the server's first line."""
    with pytest.raises(EndpointError, match=r"push of <.*push-test>: HTTP 400 Bad Request: .+") as error:
        push([(G, b"<a:s> <a:p> .\n")], server.store)
    assert "\n" not in str(error.value)


def test_read_graphs_and_push(server, clean, tmp_path):
    """An N-Quads file is split into its graphs and pushed graph by graph."""
    path = tmp_path / "plans.nq"
    path.write_bytes(
        NT.replace(b" .\n", f" <{G}> .\n".encode()) + NT2.replace(b" .\n", f" <{G}/2> .\n".encode())
    )
    graphs = list(read_graphs(path))
    assert [g for g, _ in graphs] == [G, G + "/2"]
    summary = push(graphs, server.store)
    assert summary.graphs == 2 and indexes(server) == [1] and indexes(server, G + "/2") == [2]
    delete(server, G + "/2")
