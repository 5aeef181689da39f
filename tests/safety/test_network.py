"""Nothing taskgraph reads reaches the network: SERVICE and remote JSON-LD contexts (issue 14).

Each test points the request at ``listener`` (a local server recording every connection) and
asserts that the refusal comes fast and that nothing connected.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import textwrap
import time

import pytest

from taskgraph.errors import InputError, QueryError
from taskgraph.rdfinput import check_rdf, no_network
from taskgraph.store import LocalStore

from .conftest import NETWORK_GUARD, Listener


def settle(listener: Listener) -> list[tuple[str, int]]:
    """The connections recorded, after giving a late one time to arrive."""
    time.sleep(0.2)
    return listener.connections


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep urllib from sending the controls' requests to a proxy instead of the listener."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")


def test_the_listener_records_connections(listener: Listener) -> None:
    """Control: a connection to the listener is recorded, so an empty record means nothing connected."""
    with socket.create_connection(("127.0.0.1", listener.port), timeout=2):
        pass
    assert len(settle(listener)) == 1


@pytest.mark.parametrize("silent", ["", "SILENT "])
def test_service_fails_fast_without_connecting(listener: Listener, silent: str) -> None:
    """SERVICE (and SERVICE SILENT) to a local server through LocalStore.select fails at once and never connects."""
    store = LocalStore()
    started = time.monotonic()
    with pytest.raises(QueryError, match="SERVICE") as caught:
        store.select(f"SELECT * WHERE {{ SERVICE {silent}<{listener.url}/sparql> {{ ?s ?p ?o }} }}").fetch()
    assert time.monotonic() - started < 1
    assert str(listener.port) not in str(caught.value)
    assert settle(listener) == []


def test_remote_context_fails_fast_without_connecting(listener: Listener) -> None:
    """A JSON-LD file whose @context is on a local server is refused by check_rdf at once, with no connection."""
    data = json.dumps({"@context": f"{listener.url}/ctx", "@id": "http://e/a"}).encode()
    started = time.monotonic()
    with pytest.raises(InputError, match="is not fetched"):
        check_rdf(data, "jsonld", "remote.jsonld")
    assert time.monotonic() - started < 1
    assert settle(listener) == []


def test_rdflib_under_no_network_does_not_connect(listener: Listener) -> None:
    """rdflib parsing the same file inside no_network refuses the context without connecting."""
    from rdflib import Graph

    data = json.dumps({"@context": f"{listener.url}/ctx", "@id": "http://e/a"})
    with pytest.raises(InputError), no_network():
        Graph().parse(data=data, format="json-ld")
    assert settle(listener) == []


def test_rdflib_alone_connects(listener: Listener) -> None:
    """Control (the bug in issue 14): rdflib without the guard does fetch the context from the listener."""
    from rdflib import Graph

    data = json.dumps({"@context": f"{listener.url}/ctx", "@id": "http://e/a"})
    with pytest.raises(Exception):  # noqa: B017 - the listener hangs up; the point is the connection
        Graph().parse(data=data, format="json-ld")
    assert len(settle(listener)) >= 1


def test_oxigraph_does_not_fetch_contexts(listener: Listener) -> None:
    """Oxigraph, which loads files for the store, refuses a remote context without connecting."""
    import pyoxigraph as ox

    data = json.dumps({"@context": f"{listener.url}/ctx", "@id": "http://e/a", "http://e/p": "x"}).encode()
    with pytest.raises(SyntaxError):
        list(ox.parse(data, ox.RdfFormat.JSON_LD))
    assert settle(listener) == []


CHILD = textwrap.dedent(
    """
    import json, sys, urllib.error, urllib.request
    url = sys.argv[1]
    from taskgraph.errors import InputError, QueryError
    from taskgraph.rdfinput import check_rdf, no_network
    from taskgraph.store import LocalStore
    from rdflib import Graph

    outcome = {}
    try:
        LocalStore().select("SELECT * WHERE { SERVICE <" + url + "/sparql> { ?s ?p ?o } }").fetch()
    except QueryError:
        outcome["service"] = "refused"
    document = json.dumps({"@context": url + "/ctx", "@id": "http://e/a"})
    try:
        check_rdf(document.encode(), "jsonld", "remote.jsonld")
    except InputError:
        outcome["check_rdf"] = "refused"
    try:
        with no_network():
            Graph().parse(data=document, format="json-ld")
    except InputError:
        outcome["rdflib"] = "refused"
    outcome["attempts_by_taskgraph"] = len(attempts)
    try:
        urllib.request.urlopen(url, timeout=2)
    except urllib.error.URLError as exc:  # urllib wraps the guard's error
        outcome["guard"] = "blocked" if isinstance(exc.reason, NetworkBlocked) else repr(exc)
    outcome["attempts_with_control"] = len(attempts)
    print(json.dumps(outcome))
    """
)


def test_nothing_tries_to_connect_with_the_network_blocked(listener: Listener) -> None:
    """In a process whose sockets cannot connect, the same three refusals happen and no connection is even tried."""
    result = subprocess.run(
        [sys.executable, "-c", NETWORK_GUARD + CHILD, listener.url],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    outcome = json.loads(result.stdout)
    assert outcome == {
        "service": "refused",
        "check_rdf": "refused",
        "rdflib": "refused",
        "attempts_by_taskgraph": 0,
        "guard": "blocked",
        "attempts_with_control": 1,
    }
    assert settle(listener) == []
