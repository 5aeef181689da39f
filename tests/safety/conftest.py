"""A local TCP server that records every connection made to it, for tests that nothing connects.

``listener`` binds 127.0.0.1 on a free port and accepts in a thread; each connection is
recorded and closed at once (so code that did connect would fail fast, not hang). A test
points a SERVICE clause or a JSON-LD context at ``listener.url`` and asserts
``listener.connections == []``. ``NETWORK_GUARD`` is Python source that makes every socket
connection in a process raise, for tests that run taskgraph in a child process with the
network blocked.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest


@dataclass
class Listener:
    """A listening socket on 127.0.0.1 and the peers that connected to it."""

    port: int
    connections: list[tuple[str, int]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.05)
    found = Listener(server.getsockname()[1])
    done = threading.Event()

    def accept() -> None:
        while not done.is_set():
            try:
                conn, peer = server.accept()
            except (TimeoutError, OSError):
                continue
            found.connections.append(peer)
            conn.close()

    thread = threading.Thread(target=accept, name="listener", daemon=True)
    thread.start()
    try:
        yield found
    finally:
        done.set()
        thread.join(timeout=2)
        server.close()


# Run first in a child process: any socket connection (IPv4, IPv6, Unix) raises and is counted.
NETWORK_GUARD = """
import socket
attempts = []
class NetworkBlocked(OSError):
    pass
def _blocked(self, address, *args, **kwargs):
    attempts.append(address)
    raise NetworkBlocked(f"network blocked in this test: connect to {address!r}")
socket.socket.connect = _blocked
socket.socket.connect_ex = _blocked
def _no_lookup(*args, **kwargs):
    attempts.append(args[:2])
    raise NetworkBlocked("network blocked in this test: name lookup")
socket.getaddrinfo = _no_lookup
"""
