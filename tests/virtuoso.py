"""Helpers for the tests against OpenLink Virtuoso: a server of the test's own, and queries to it.

:class:`VirtuosoServer` runs Debian's ``virtuoso-t`` (package ``virtuoso-opensource``) with a
``virtuoso.ini`` written into a temporary folder: its database, log and transaction files
live there, its SQL and HTTP ports are free ports of 127.0.0.1 (nothing else can reach it),
and its ``dba`` account keeps the password a new database gets, ``dba``. The packaged service
and its system database are never used. As the database's superuser, ``dba`` may write
through the Graph Store Protocol address ``/sparql-graph-crud-auth`` (Digest authentication)
without being granted the SPARQL_UPDATE role.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from tests.loadserver import free_port

USER = "dba"
PASSWORD = "dba"
"""The credentials of a new Virtuoso database's administrator."""
GSP_PATH = "/sparql-graph-crud-auth"
"""Virtuoso's Graph Store Protocol address with Digest authentication."""
GRAPH_BASE = "https://w3id.org/diplograph/id/graph/"
"""Every graph diplograph writes starts with this; Virtuoso keeps system graphs of its own."""
COMMANDS = ("/usr/bin/virtuoso-t", "/usr/lib/virtuoso-opensource-7/bin/virtuoso-t")

_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))
"""An opener that ignores proxy settings: the server is on this machine."""


def virtuoso_command() -> str | None:
    """Debian's ``virtuoso-t``: in /usr/bin, else in the package's own folder, else on PATH."""
    for command in COMMANDS:
        if Path(command).is_file():
            return command
    return shutil.which("virtuoso-t")


def _ini(folder: Path, sql_port: int, http_port: int) -> str:
    """A virtuoso.ini keeping everything in ``folder`` and listening on 127.0.0.1 only."""
    return f"""\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
DirsAllowed = ., {folder}
NumberOfBuffers = 4000
MaxDirtyBuffers = 3000
AllowOSCalls = 0

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
ServerThreads = 10
MaxClientConnections = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10
Charset = UTF-8
EnabledDavVSP = 0
HTTPProxyEnabled = 0

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


class VirtuosoServer:
    """``virtuoso-t`` in the foreground, its database and ``virtuoso.ini`` in ``folder``.

    Start it with :meth:`start` (which waits until its HTTP port answers) and stop it with
    :meth:`stop` (by its process id: SIGTERM, then SIGKILL when it has not ended in time).
    """

    def __init__(self, command: str, folder: Path) -> None:
        self.command = command
        self.folder = folder
        self.sql_port = 0
        self.http_port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self._log = folder / "virtuoso-t.out"

    @property
    def base(self) -> str:
        """``http://127.0.0.1:PORT`` (the HTTP port)."""
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def endpoint(self) -> str:
        """The Graph Store Protocol address (Digest authentication)."""
        return self.base + GSP_PATH

    def start(self, wait: float = 120.0) -> VirtuosoServer:
        for _ in range(3):  # another process may take a free port first
            self._fresh_folder()
            self.sql_port, self.http_port = free_port(), free_port()
            while self.http_port == self.sql_port:
                self.http_port = free_port()
            ini = self.folder / "virtuoso.ini"
            ini.write_text(_ini(self.folder, self.sql_port, self.http_port), encoding="utf-8")
            with self._log.open("wb") as log:
                self.process = subprocess.Popen(
                    [self.command, "+foreground", "+configfile", str(ini)],
                    cwd=self.folder, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                )
            if self._wait(wait):
                return self
        raise RuntimeError(f"virtuoso-t did not start: {self._log_tail()}")

    def _fresh_folder(self) -> None:
        """An empty folder: a new database (whose dba password is dba) on every start."""
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True)

    def _log_tail(self) -> str:
        texts = []
        for log in (self._log, self.folder / "virtuoso.log"):
            if log.is_file():
                texts.append(log.read_text(encoding="utf-8", errors="replace")[-1500:])
        return "\n".join(texts)

    def _wait(self, wait: float) -> bool:
        assert self.process is not None
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.process = None
                return False
            try:
                select(self.base, "ASK {}", timeout=5)
                return True
            except (urllib.error.URLError, OSError, ValueError):
                time.sleep(0.2)
        self.stop()
        return False

    def stop(self, wait: float = 30.0) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(wait)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.process = None


def select(base: str, query: str, *, timeout: float = 30) -> dict[str, object]:
    """Run ``query`` on the server's ``/sparql`` endpoint; the SPARQL JSON results, decoded."""
    params = urllib.parse.urlencode({"query": query, "format": "application/sparql-results+json"})
    request = urllib.request.Request(f"{base}/sparql?{params}", headers={"Accept": "application/sparql-results+json"})
    with _DIRECT.open(request, timeout=timeout) as response:
        return json.loads(response.read())  # type: ignore[no-any-return]


def graph_counts(base: str) -> dict[str, int]:
    """Triples per diplograph graph in the server (its own system graphs left out)."""
    results = select(
        base,
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(STRSTARTS(STR(?g), "{GRAPH_BASE}")) }} GROUP BY ?g',
    )
    return {row["g"]["value"]: int(row["n"]["value"]) for row in results["results"]["bindings"]}  # type: ignore[index]


def clear(base: str) -> None:
    """Delete every diplograph graph of the server (a Graph Store Protocol DELETE each)."""
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, base, USER, PASSWORD)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), urllib.request.HTTPDigestAuthHandler(passwords))
    for iri in graph_counts(base):
        query = urllib.parse.urlencode({"graph": iri})
        with opener.open(urllib.request.Request(f"{base}{GSP_PATH}?{query}", method="DELETE"), timeout=30) as response:
            response.read()
