"""Credentials for a server that asks for them: headers, the URL, netrc; never echoed in errors."""

from __future__ import annotations

import pytest

from taskgraph.endpoint import EndpointError, RemoteStore, push

from .conftest import PASSWORD, TOKEN, USER, delete

pytestmark = pytest.mark.server

QUERY = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture(autouse=True)
def no_netrc(tmp_path, monkeypatch):
    """No test reads the user's own ~/.netrc."""
    monkeypatch.setenv("NETRC", str(tmp_path / "absent"))


def test_401_without_credentials(proxy, loaded):
    """Without credentials the answer is one line: HTTP 401, the server's first line, and a hint."""
    with pytest.raises(EndpointError) as error:
        RemoteStore(proxy.query).select(QUERY).fetch()
    message = str(error.value)
    assert (
        "HTTP 401 Unauthorized: Unauthorized: credentials are needed for this dataset (give credentials"
        in message
    )
    assert "\n" not in message and "second line" not in message


def test_bearer_header(proxy, loaded):
    """An Authorization header given as "Name: value" is sent with every query."""
    local, _ = loaded
    store = RemoteStore(proxy.query, headers=[f"Authorization: Bearer {TOKEN}"])
    assert store.select(QUERY).fetch() == [(len(local),)]


def test_wrong_header_not_echoed(proxy, loaded):
    """A refused token is not repeated in the error."""
    with pytest.raises(EndpointError, match="HTTP 401") as error:
        RemoteStore(proxy.query, headers=["Authorization: Bearer wrong-token-123"]).select(QUERY).fetch()
    assert "wrong-token-123" not in str(error.value)


def test_netrc(proxy, loaded, tmp_path, monkeypatch):
    """Basic credentials come from $NETRC for the endpoint's host."""
    local, _ = loaded
    netrc = tmp_path / "netrc"
    netrc.write_text(f'machine 127.0.0.1\nlogin {USER}\npassword "{PASSWORD}"\n')
    monkeypatch.setenv("NETRC", str(netrc))
    assert RemoteStore(proxy.query).select(QUERY).fetch() == [(len(local),)]
    with pytest.raises(EndpointError, match="HTTP 401"):
        RemoteStore(proxy.query, netrc=False).select(QUERY).fetch()


def test_netrc_wrong_password_not_echoed(proxy, loaded, tmp_path, monkeypatch):
    """A wrong netrc password gives a 401 that names neither login nor password."""
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login mallory password hunter2-secret\n")
    monkeypatch.setenv("NETRC", str(netrc))
    with pytest.raises(EndpointError, match="HTTP 401") as error:
        RemoteStore(proxy.query).select(QUERY).fetch()
    assert "hunter2" not in str(error.value) and "mallory" not in str(error.value)


def test_credentials_in_url(proxy, loaded):
    """user:password@ in the URL is basic authentication, and is not shown in messages."""
    local, _ = loaded
    from urllib.parse import quote

    url = proxy.query.replace("http://", f"http://{USER}:{quote(PASSWORD)}@")
    assert RemoteStore(url).select(QUERY).fetch() == [(len(local),)]
    with pytest.raises(EndpointError) as error:
        RemoteStore(url.replace("/query", "/nothere")).select(QUERY).fetch()
    message = str(error.value)
    assert PASSWORD not in message and quote(PASSWORD) not in message and USER not in message


def test_push_with_header(proxy, server, loaded):
    """push sends the header too: refused without it, accepted with it."""
    data = [("https://w3id.org/taskgraph/id/plan/auth-test", b"<a:s> <a:p> <a:o> .\n")]
    with pytest.raises(
        EndpointError, match=r"push of <https://w3id.org/taskgraph/id/plan/auth-test>: HTTP 401"
    ):
        push(data, proxy.store)
    summary = push(data, proxy.store, headers=[f"Authorization: Bearer {TOKEN}"])
    assert (summary.graphs, summary.triples) == (1, 1)
    delete(server, "https://w3id.org/taskgraph/id/plan/auth-test")
