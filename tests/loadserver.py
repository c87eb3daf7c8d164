"""Helpers for the tests of ``diplograph load``: a recording HTTP server and an Oxigraph server.

:class:`RecordingServer` is a small HTTP server in a thread that records every request and
answers from a script (a status code, or ``"close"`` to drop the connection unanswered).
:class:`OxigraphServer` runs the ``oxigraph serve`` command on a free port.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Self

Answer = int | str
"""A scripted answer: an HTTP status code, ``"close"`` to close the connection unanswered, or
``"hang"`` to wait a second first and then close it."""

_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))
"""An opener that ignores proxy settings: the servers are on this machine."""
DIGEST_CHALLENGE = 'Digest realm="diplograph-test", nonce="3f2a9c", qop="auth", algorithm=MD5'


@dataclass(frozen=True)
class Recorded:
    """One request the server received."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes

    @property
    def params(self) -> dict[str, list[str]]:
        """The query string, decoded."""
        return urllib.parse.parse_qs(self.query)


class _Handler(BaseHTTPRequestHandler):
    server: RecordingServer
    protocol_version = "HTTP/1.1"

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parts = urllib.parse.urlsplit(self.path)
        self.server.record(Recorded(self.command, parts.path, parts.query, dict(self.headers.items()), body))
        if self.server.digest and not (self.headers.get("Authorization") or "").startswith("Digest "):
            self._reply(401, b"authentication required", {"WWW-Authenticate": DIGEST_CHALLENGE})
            return
        answer = self.server.next_answer()
        if answer == "hang":
            time.sleep(1.0)
            answer = "close"
        if answer == "close":
            self.close_connection = True
            return
        status = int(answer)
        self._reply(status, self.server.error_body if status >= 400 else b"")

    def _reply(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_PUT = do_POST = do_DELETE = _answer

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""


class RecordingServer(ThreadingHTTPServer):
    """An HTTP server on 127.0.0.1 (a free port) recording every request, answering from a script.

    ``answers`` are used one per request; when they run out, ``default`` answers. With
    ``digest=True`` a request without a Digest ``Authorization`` header gets a 401 challenge
    (not taken from the script).
    """

    daemon_threads = True

    def __init__(self, answers: list[Answer] | None = None, *, default: Answer = 201,
                 error_body: bytes = b"", digest: bool = False) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.answers: deque[Answer] = deque(answers or [])
        self.default = default
        self.error_body = error_body
        self.digest = digest
        self.requests: list[Recorded] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self.server_address[1]}"

    def record(self, request: Recorded) -> None:
        with self._lock:
            self.requests.append(request)

    def next_answer(self) -> Answer:
        with self._lock:
            return self.answers.popleft() if self.answers else self.default

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.shutdown()
        self.server_close()
        self._thread.join(5)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (just now)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def oxigraph_command() -> str | None:
    """The ``oxigraph`` server command: beside this Python (its virtualenv), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    return shutil.which("oxigraph")


class OxigraphServer:
    """``oxigraph serve`` on a free port of 127.0.0.1, its data in ``location``.

    Start it with :meth:`start` (which waits until it answers) and stop it with
    :meth:`stop` (by its process id). The default graph of its queries is the union of
    the named graphs.
    """

    def __init__(self, command: str, location: Path) -> None:
        self.command = command
        self.location = location
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self._log = location.parent / f"{location.name}.log"

    @property
    def base(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self.port}"

    def start(self, wait: float = 30.0) -> OxigraphServer:
        for _ in range(3):  # another process may take the free port first
            self.port = free_port()
            with self._log.open("wb") as log:
                self.process = subprocess.Popen(
                    [self.command, "serve", "--location", str(self.location),
                     "--bind", f"127.0.0.1:{self.port}", "--union-default-graph"],
                    stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                )
            if self._wait(wait):
                return self
        log_text = self._log.read_text(encoding="utf-8", errors="replace")[-2000:]
        raise RuntimeError(f"oxigraph serve did not start: {log_text}")

    def _wait(self, wait: float) -> bool:
        assert self.process is not None
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                select(self.base, "ASK {}", timeout=2)
                return True
            except (urllib.error.URLError, OSError):
                time.sleep(0.05)
        self.stop()
        return False

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.process = None


def select(base: str, query: str, *, timeout: float = 30) -> object:
    """Run ``query`` on the server's ``/query`` endpoint; the SPARQL JSON results, decoded."""
    url = f"{base}/query?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with _DIRECT.open(request, timeout=timeout) as response:
        return json.loads(response.read())


def count(base: str) -> int:
    """Quads in the server's store (triples summed over its named graphs)."""
    results = select(base, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    return int(results["results"]["bindings"][0]["n"]["value"])  # type: ignore[index]


def graph_counts(base: str) -> dict[str, int]:
    """Triples per named graph in the server's store."""
    results = select(base, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {row["g"]["value"]: int(row["n"]["value"]) for row in results["results"]["bindings"]}  # type: ignore[index]


def graph_lines(base: str, graph_iri: str) -> set[str]:
    """The N-Triples lines of one named graph, read back with the Graph Store Protocol."""
    url = f"{base}/store?" + urllib.parse.urlencode({"graph": graph_iri})
    request = urllib.request.Request(url, headers={"Accept": "application/n-triples"})
    with _DIRECT.open(request, timeout=30) as response:
        return {line for line in response.read().decode("utf-8").splitlines() if line.strip()}


def clear(base: str) -> None:
    """Drop every graph of the server's store."""
    data = urllib.parse.urlencode({"update": "DROP ALL"}).encode("ascii")
    request = urllib.request.Request(f"{base}/update", data=data, method="POST")
    with _DIRECT.open(request, timeout=30) as response:
        response.read()
