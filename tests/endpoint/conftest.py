"""A real Oxigraph server for the endpoint tests, an authenticating proxy in front of it, and the data.

The ``oxigraph`` package from PyPI ships the server binary. The server is started once per test
session on 127.0.0.1 with a free port and an empty folder, and stopped at the end; the tests
marked ``server`` skip when the binary is missing, except under CI=true, where they fail.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

# Two plans of one county, one named graph each, sharing units (as year-over-year corpora do).
# One unit's name holds a quote, a backslash and a brace, so that bound values with them match.
TRIG = r"""
@base <https://w3id.org/taskgraph/id/> .
@prefix tg: <https://w3id.org/taskgraph/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<plan/shen/2024> {
  <plan/shen/2024> a tg:Plan ; dcterms:title "沈县2024年政府工作报告重点工作任务分工方案"@zh ;
    tg:jurisdiction "沈县"@zh ; tg:year 2024 ; tg:level "county" ; dcterms:issued "2024-03-01"^^xsd:date ;
    dcterms:publisher <unit/shen/office> .
  <unit/shen/office> a tg:Unit ; skos:prefLabel "县政府办公室"@zh ; skos:altLabel "县大数据局"@zh .
  <plan/shen/2024/section/1> a tg:Section ; dcterms:isPartOf <plan/shen/2024> ; tg:number 1 ;
    dcterms:title "一、稳增长"@zh .
  <plan/shen/2024/task/1> a tg:Task ; tg:inPlan <plan/shen/2024> ; tg:index 1 ; dcterms:identifier "1" ;
    tg:number 1 ; dcterms:description "地区生产总值增长6%左右。"@zh ; tg:inSection <plan/shen/2024/section/1> ;
    tg:leadLeader <leader/shen/ding> ; tg:leadUnit <unit/shen/finance> , <unit/shen/odd> ;
    tg:responsibleUnit <collective/shen/towns> ;
    prov:qualifiedAssociation <plan/shen/2024/task/1/a1> , <plan/shen/2024/task/1/a2> ,
      <plan/shen/2024/task/1/a3> , <plan/shen/2024/task/1/a4> .
  <plan/shen/2024/task/1/a1> prov:agent <leader/shen/ding> ; prov:hadRole tg:LeadLeader ; tg:position 1 .
  <plan/shen/2024/task/1/a2> prov:agent <unit/shen/finance> ; prov:hadRole tg:LeadUnit ; tg:position 1 ;
    tg:asWritten "县国资局"@zh .
  <plan/shen/2024/task/1/a3> prov:agent <unit/shen/odd> ; prov:hadRole tg:LeadUnit ; tg:position 2 .
  <plan/shen/2024/task/1/a4> prov:agent <collective/shen/towns> ; prov:hadRole tg:ResponsibleUnit ;
    tg:position 1 .
  <plan/shen/2024/task/2> a tg:Task ; tg:inPlan <plan/shen/2024> ; tg:index 2 ; dcterms:identifier "2" ;
    tg:number 2 ; tg:inSection <plan/shen/2024/section/1> ;
    tg:leadLeader <leader/shen/ding> ; tg:leadUnit <unit/shen/finance> ;
    tg:cooperatingUnit <group/shen/zones> ;
    prov:qualifiedAssociation <plan/shen/2024/task/2/a1> , <plan/shen/2024/task/2/a2> , <plan/shen/2024/task/2/a3> .
  <plan/shen/2024/task/2/a1> prov:agent <leader/shen/ding> ; prov:hadRole tg:LeadLeader ; tg:position 1 .
  <plan/shen/2024/task/2/a2> prov:agent <unit/shen/finance> ; prov:hadRole tg:LeadUnit ; tg:position 1 .
  <plan/shen/2024/task/2/a3> prov:agent <group/shen/zones> ; prov:hadRole tg:CooperatingUnit ; tg:position 1 .
  <leader/shen/ding> a tg:Leader ; skos:prefLabel "丁卫东"@zh .
  <unit/shen/finance> a tg:Unit ; skos:prefLabel "县财政局"@zh ; skos:altLabel "县国资局"@zh .
  <unit/shen/odd> a tg:Unit ; skos:prefLabel "县\"特殊\"局\\新}"@zh .
  <unit/shen/tax> a tg:Unit ; skos:prefLabel "县税务局"@zh .
  <collective/shen/towns> a tg:CollectiveUnit ; skos:prefLabel "各镇人民政府〔街道办事处〕"@zh .
  <group/shen/zones> a tg:UnitGroup ; skos:prefLabel "县属开发区管委会"@zh ; org:hasMember <unit/shen/finance> , <unit/shen/tax> .
}

<plan/shen/2025> {
  <plan/shen/2025> a tg:Plan ; dcterms:title "沈县2025年政府工作报告重点工作任务分工方案"@zh ;
    tg:jurisdiction "沈县"@zh ; tg:year 2025 .
  <plan/shen/2025/section/1> a tg:Section ; dcterms:isPartOf <plan/shen/2025> ; tg:number 1 ;
    dcterms:title "一、促发展"@zh .
  <plan/shen/2025/task/1> a tg:Task ; tg:inPlan <plan/shen/2025> ; tg:index 1 ; dcterms:identifier "1" ;
    tg:number 1 ; dcterms:description "财政收入稳步增长。"@zh ; tg:inSection <plan/shen/2025/section/1> ;
    tg:leadLeader <leader/shen/li> ; tg:leadUnit <unit/shen/finance> , <unit/shen/tax> ;
    prov:qualifiedAssociation <plan/shen/2025/task/1/a1> , <plan/shen/2025/task/1/a2> , <plan/shen/2025/task/1/a3> .
  <plan/shen/2025/task/1/a1> prov:agent <leader/shen/li> ; prov:hadRole tg:LeadLeader ; tg:position 1 .
  <plan/shen/2025/task/1/a2> prov:agent <unit/shen/finance> ; prov:hadRole tg:LeadUnit ; tg:position 1 .
  <plan/shen/2025/task/1/a3> prov:agent <unit/shen/tax> ; prov:hadRole tg:LeadUnit ; tg:position 2 .
  <leader/shen/li> a tg:Leader ; skos:prefLabel "李明"@zh .
  <unit/shen/finance> a tg:Unit ; skos:prefLabel "县财政局"@zh ; skos:altLabel "县国资局"@zh .
  <unit/shen/tax> a tg:Unit ; skos:prefLabel "县税务局"@zh .
}
"""

TOKEN = "s3cret-token"
USER, PASSWORD = "alice", "pa:ss word"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "server: starts the Oxigraph server from the oxigraph package")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (closed again at once)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str | None:
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.exists() else shutil.which("oxigraph")


@dataclass(frozen=True)
class Server:
    """An Oxigraph server: its base URL, query and Graph Store URLs."""

    base: str

    @property
    def query(self) -> str:
        return f"{self.base}/query"

    @property
    def store(self) -> str:
        return f"{self.base}/store"


def delete(server: Server, graph: str) -> None:
    """Drop a named graph from the server (Graph Store Protocol DELETE)."""
    from urllib.parse import quote, urlsplit

    conn = http.client.HTTPConnection("127.0.0.1", urlsplit(server.base).port, timeout=10)
    conn.request("DELETE", f"/store?graph={quote(graph, safe='')}")
    assert conn.getresponse().status in (200, 204, 404)
    conn.close()


def _answers(port: int) -> bool:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
        conn.request("GET", "/")
        conn.getresponse().read()
        conn.close()
        return True
    except OSError:
        return False


@contextlib.contextmanager
def running_server(folder: Path) -> Iterator[Server]:
    """An Oxigraph server on a free port of 127.0.0.1 with an empty store in ``folder``, stopped after."""
    binary = oxigraph_binary()
    if binary is None:
        message = "the oxigraph server binary is missing (pip install 'oxigraph>=0.5')"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    port = free_port()
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen(
        [
            binary,
            "serve",
            "--location",
            str(folder / "store"),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout-s",
            "20",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 20
        while not _answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail(
                    f"the oxigraph server did not start: {(folder / 'server.log').read_text()[-500:]}"
                )
            time.sleep(0.05)
        yield Server(f"http://127.0.0.1:{port}")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The session's server, shared by the tests that load the TRIG data."""
    with running_server(tmp_path_factory.mktemp("oxigraph")) as running:
        yield running


@pytest.fixture(scope="session")
def loaded(server: Server):
    """The server holding TRIG (pushed graph by graph) and a LocalStore holding the same."""
    import pyoxigraph as ox

    from taskgraph.endpoint import parse_graphs, push
    from taskgraph.store import LocalStore

    summary = push(parse_graphs(TRIG.encode(), "trig"), server.store)
    local = LocalStore()
    local.load(TRIG.encode(), ox.RdfFormat.TRIG)
    return local, summary


class _Proxy(BaseHTTPRequestHandler):
    """Forwards requests that carry the right credentials to the server; 401 otherwise."""

    upstream: int = 0
    accepted = (f"Bearer {TOKEN}", "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode())

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _handle(self) -> None:
        if self.path.startswith("/slow"):  # an endpoint that takes its time: for timeouts
            time.sleep(3)
            self._reply(
                200, b'{"head":{"vars":["x"]},"results":{"bindings":[]}}', "application/sparql-results+json"
            )
            return
        if self.headers.get("Authorization") not in self.accepted:
            self._reply(
                401, b"Unauthorized: credentials are needed for this dataset\nsecond line", "text/plain"
            )
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        conn = http.client.HTTPConnection("127.0.0.1", self.upstream, timeout=30)
        headers = {
            k: v for k, v in self.headers.items() if k.lower() not in ("host", "authorization", "connection")
        }
        conn.request(self.command, self.path, body=body, headers=headers)
        response = conn.getresponse()
        self._reply(response.status, response.read(), response.getheader("Content-Type") or "text/plain")
        conn.close()

    def _reply(self, status: int, body: bytes, kind: str) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up first (the timeout test)
            pass

    do_GET = do_POST = do_PUT = _handle


@pytest.fixture(scope="session")
def proxy(server: Server) -> Iterator[Server]:
    """A server that asks for credentials (Bearer TOKEN, or basic USER/PASSWORD) in front of ``server``."""
    handler = type("Proxy", (_Proxy,), {"upstream": int(server.base.rsplit(":", 1)[1])})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{httpd.server_address[1]}")
    finally:
        httpd.shutdown()
        httpd.server_close()
