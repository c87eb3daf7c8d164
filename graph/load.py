"""Loading a built graph into a triple store over HTTP (``diplograph load``).

Each named graph of ``OUTDIR/graph.nq`` (one per document, and ``graph/shared``) is sent
on its own, so a reload replaces a graph and never duplicates it:

* by the SPARQL 1.1 Graph Store HTTP Protocol: ``PUT ENDPOINT?graph=<graph IRI>`` with the
  graph's triples as N-Triples;
* or, for stores without that protocol, by SPARQL 1.1 Update: a form-encoded POST of
  ``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { ... } }`` to the update endpoint.

The quads are read with pyoxigraph and grouped by graph while streaming; only one graph's
triples are held as text at a time. Credentials come from ``DIPLOGRAPH_USER`` and
``DIPLOGRAPH_PASSWORD`` or from a netrc file (``NETRC``, else ``~/.netrc``), never from the
command line. HTTP is the standard library's urllib. Server errors (5xx) and failed
connections are retried with exponential backoff; a client error (4xx) is reported at once.
"""

from __future__ import annotations

import base64
import http.client
import netrc
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from typing import Literal

import pyoxigraph as ox

from graph import __version__
from graph.errors import DiplographError

DEFAULT_TIMEOUT = 60.0
"""Seconds to wait for the store to answer one request."""
DEFAULT_RETRIES = 3
"""How many times a request is tried again after a 5xx answer or a failed connection."""
DEFAULT_BACKOFF = 0.5
"""Seconds before the first retry; each further retry waits twice as long."""
USER_VARIABLE = "DIPLOGRAPH_USER"
PASSWORD_VARIABLE = "DIPLOGRAPH_PASSWORD"
BODY_EXCERPT = 200
"""How many characters of an error answer's body a message quotes."""

AuthScheme = Literal["basic", "digest"]
Sleep = Callable[[float], object]


@dataclass(frozen=True)
class Credentials:
    """A user name and password for the store, and the HTTP authentication scheme to use."""

    user: str
    password: str = field(repr=False)
    scheme: AuthScheme = "basic"


@dataclass(frozen=True)
class LoadedGraph:
    """One named graph sent to the store."""

    iri: str
    triples: int


@dataclass
class LoadReport:
    """What :func:`load` sent: the graphs (in file order), their triples, the time it took."""

    endpoint: str
    graphs: list[LoadedGraph]
    seconds: float
    retries: int = 0
    """Requests that had to be sent again (after a 5xx answer or a failed connection)."""

    @property
    def triples(self) -> int:
        """Triples sent, summed over the graphs."""
        return sum(g.triples for g in self.graphs)

    def summary(self) -> str:
        """The one-line summary the command line prints."""
        n = len(self.graphs)
        return (
            f"Loaded {n} graph{'s' if n != 1 else ''} ({self.triples} triples) "
            f"into {self.endpoint} in {self.seconds:.1f} s"
        )


def nquads_file(target: str | Path) -> Path:
    """The N-Quads file behind ``target``: an OUTDIR's graph.nq, or an ``.nq`` file itself."""
    path = Path(target)
    if path.is_dir():
        if (path / "graph.nq").is_file():
            return path / "graph.nq"
        raise DiplographError(f"{path}: no graph.nq here (run diplograph build -o {path} first)")
    if not path.is_file():
        raise DiplographError(f"{path}: no such file or folder")
    if path.suffix.lower() != ".nq":
        raise DiplographError(f"{path}: not an N-Quads file (give an OUTDIR or its graph.nq)")
    return path


def _quads(path: Path) -> Iterator[tuple[str, ox.Triple]]:
    """(graph IRI, triple) for each quad of ``path``.

    A parse error or a triple outside any named graph is a DiplographError.
    """
    try:
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
            if not isinstance(quad.graph_name, ox.NamedNode):
                raise DiplographError(f"{path}: a triple outside any named graph ({quad.triple}); rebuild with diplograph build")
            yield quad.graph_name.value, quad.triple
    except (SyntaxError, ValueError) as exc:
        raise DiplographError(f"{path}: cannot be read as N-Quads ({exc})") from exc
    except OSError as exc:
        raise DiplographError(f"{path}: cannot be read ({exc.strerror or exc})") from exc


def survey(path: Path) -> list[LoadedGraph]:
    """The named graphs of ``path`` in file order, with their triple counts.

    diplograph writes each graph's quads together; a graph whose quads are split in two
    runs would be replaced by its second run alone, so it is an error.
    """
    graphs: list[LoadedGraph] = []
    seen: set[str] = set()
    current: str | None = None
    count = 0
    for iri, _triple in _quads(path):
        if iri != current:
            if current is not None:
                graphs.append(LoadedGraph(current, count))
            if iri in seen:
                raise DiplographError(f"{path}: the quads of graph <{iri}> are not together (rebuild with diplograph build)")
            seen.add(iri)
            current, count = iri, 0
        count += 1
    if current is not None:
        graphs.append(LoadedGraph(current, count))
    return graphs


def graph_triples(path: Path) -> Iterator[tuple[str, list[ox.Triple]]]:
    """(graph IRI, its triples) for each run of quads of one graph in ``path``, streaming."""
    current: str | None = None
    triples: list[ox.Triple] = []
    for iri, triple in _quads(path):
        if iri != current and current is not None:
            yield current, triples
            triples = []
        current = iri
        triples.append(triple)
    if current is not None:
        yield current, triples


def ntriples(triples: list[ox.Triple]) -> bytes:
    """``triples`` as N-Triples (UTF-8)."""
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


def update_text(graph_iri: str, body: bytes) -> str:
    """The SPARQL Update that replaces graph ``graph_iri`` by the N-Triples ``body``."""
    g = f"<{graph_iri}>"
    return f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{body.decode('utf-8')}}} }}\n"


def gsp_url(endpoint: str, graph_iri: str) -> str:
    """``endpoint`` with ``graph=<graph IRI>`` (percent-encoded) added to its query string."""
    query = urllib.parse.urlencode({"graph": graph_iri}, quote_via=urllib.parse.quote)
    parts = urllib.parse.urlsplit(endpoint)
    joined = f"{parts.query}&{query}" if parts.query else query
    return urllib.parse.urlunsplit(parts._replace(query=joined))


def check_endpoint(endpoint: str) -> str:
    """``endpoint`` if it is an http(s) URL with a host and no credentials in it."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DiplographError(f"{endpoint}: not an http:// or https:// URL of a store")
    if parts.username is not None or parts.password is not None:
        raise DiplographError(
            f"{parts.scheme}://{parts.hostname}: credentials do not go in the URL "
            f"(set {USER_VARIABLE} and {PASSWORD_VARIABLE}, or use a netrc file)"
        )
    return endpoint


def find_credentials(endpoint: str, scheme: AuthScheme = "basic") -> Credentials | None:
    """The credentials for ``endpoint``: from the environment, else from a netrc file, else none.

    ``DIPLOGRAPH_USER`` and ``DIPLOGRAPH_PASSWORD`` come first; then the entry for the
    endpoint's host in the file ``NETRC`` names, or ``~/.netrc`` (a missing file means no
    credentials).
    """
    user = os.environ.get(USER_VARIABLE)
    password = os.environ.get(PASSWORD_VARIABLE)
    if user:
        if password is None:
            raise DiplographError(f"{USER_VARIABLE} is set but {PASSWORD_VARIABLE} is not (set both, or neither)")
        return Credentials(user, password, scheme)
    if password:
        raise DiplographError(f"{PASSWORD_VARIABLE} is set but {USER_VARIABLE} is not (set both, or neither)")
    named = os.environ.get("NETRC")
    file = Path(named) if named else Path.home() / ".netrc"
    if not file.is_file():
        return None
    host = urllib.parse.urlsplit(endpoint).hostname or ""
    try:
        # Given no file, netrc reads ~/.netrc and refuses one others can read.
        entry = netrc.netrc(str(file) if named else None).authenticators(host)
    except netrc.NetrcParseError as exc:
        raise DiplographError(f"{file}:{exc.lineno}: {exc.msg}") from exc
    except OSError as exc:
        raise DiplographError(f"{file}: cannot be read ({exc.strerror or exc})") from exc
    if entry is None:
        return None
    login, _account, secret = entry
    return Credentials(login, secret or "", scheme)


class _DigestAuth(urllib.request.HTTPDigestAuthHandler):
    """Digest authentication that takes the store's first refusal of the credentials as final.

    urllib answers every challenge, a refused password included, six times before it gives
    up with a 401 of its own ("digest auth failed"), sending the graph each time. Here a
    challenge to a request that already carried Digest credentials ends the request with the
    store's own 401 answer, unless the store says the nonce was only stale.
    """

    def http_error_401(self, req: urllib.request.Request, fp: object, code: int, msg: str,
                       headers: Message) -> object:
        challenge = headers.get("WWW-Authenticate") or ""
        tried = (req.get_header("Authorization") or "").startswith("Digest ")
        if tried and challenge[:7].lower() == "digest ":
            fields = urllib.request.parse_keqv_list(filter(None, urllib.request.parse_http_list(challenge[7:])))
            if fields.get("stale", "").lower() != "true":
                self.reset_retry_count()
                return None  # the next handler raises the store's 401
        return super().http_error_401(req, fp, code, msg, headers)


def _opener(endpoint: str, credentials: Credentials | None) -> tuple[urllib.request.OpenerDirector, dict[str, str]]:
    """A urllib opener for the store, and the headers every request carries."""
    headers = {"User-Agent": f"diplograph/{__version__}"}
    if credentials is None:
        return urllib.request.build_opener(), headers
    if credentials.scheme == "digest":
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, endpoint, credentials.user, credentials.password)
        return urllib.request.build_opener(_DigestAuth(passwords)), headers
    token = base64.b64encode(f"{credentials.user}:{credentials.password}".encode()).decode("ascii")
    headers["Authorization"] = f"Basic {token}"
    return urllib.request.build_opener(), headers


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _excerpt(error: urllib.error.HTTPError) -> str:
    """The first characters of an error answer's body, on one line."""
    try:
        body = error.read(4 * BODY_EXCERPT)
    except (OSError, http.client.HTTPException):
        body = b""
    finally:
        error.close()
    text = _one_line(body.decode("utf-8", errors="replace"))[:BODY_EXCERPT]
    return f": {text}" if text else ""


def _reason(exc: BaseException) -> str:
    """Why a connection failed, as a short phrase (``Connection refused``, ``timed out``)."""
    if isinstance(exc, urllib.error.URLError) and not isinstance(exc, urllib.error.HTTPError):
        return _reason(exc.reason) if isinstance(exc.reason, BaseException) else str(exc.reason)
    if isinstance(exc, TimeoutError):
        return "timed out"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return _one_line(str(exc)) or type(exc).__name__


def _refused(error: urllib.error.HTTPError, credentials: Credentials | None) -> str:
    """Why a 401 answer came, as a parenthesis: no credentials, the wrong scheme, or refused ones."""
    asked = ((error.headers.get("WWW-Authenticate") if error.headers else None) or "").split(" ", 1)[0].lower()
    if credentials is None:
        return f" (the store wants a user name and password: set {USER_VARIABLE} and {PASSWORD_VARIABLE}, or use a netrc file)"
    if asked in ("basic", "digest") and asked != credentials.scheme:
        return f" (the store asks for {asked.capitalize()} authentication: --auth {asked})"
    return f" (the store refused user {credentials.user!r} with {credentials.scheme.capitalize()} authentication)"


class _Sender:
    """Sends requests to one store, retrying 5xx answers and failed connections."""

    def __init__(self, endpoint: str, credentials: Credentials | None, *, timeout: float, retries: int,
                 backoff: float, sleep: Sleep) -> None:
        self.endpoint = endpoint
        self.credentials = credentials
        self.opener, self.headers = _opener(endpoint, credentials)
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.retried = 0

    def send(self, method: str, url: str, body: bytes, content_type: str, graph_iri: str) -> None:
        """Send one request; raise DiplographError once it cannot succeed."""
        headers = {**self.headers, "Content-Type": content_type}
        attempts = self.retries + 1
        failure = ""
        last: BaseException | None = None
        for attempt in range(1, attempts + 1):
            request = urllib.request.Request(url, data=body, headers=headers, method=method)
            try:
                with self.opener.open(request, timeout=self.timeout) as response:
                    response.read()
                return
            except urllib.error.HTTPError as exc:
                failure = f"HTTP {exc.code} {exc.reason} for graph <{graph_iri}>{_excerpt(exc)}"
                if exc.code == 401:
                    failure += _refused(exc, self.credentials)
                if exc.code < 500:
                    raise DiplographError(f"{self.endpoint}: {failure}") from exc
                last = exc
            except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
                failure = f"cannot send graph <{graph_iri}> ({_reason(exc)})"
                last = exc
            if attempt < attempts:
                self.retried += 1
                self.sleep(self.backoff * 2 ** (attempt - 1))
        tries = f"{attempts} attempt{'s' if attempts != 1 else ''}"
        raise DiplographError(f"{self.endpoint}: {failure} after {tries}") from last


def _credentials(endpoint: str, auth: AuthScheme | Credentials | None) -> Credentials | None:
    if isinstance(auth, Credentials):
        return auth
    if auth not in (None, "basic", "digest"):
        raise DiplographError(f"unknown authentication {auth!r} (use basic or digest)")
    return find_credentials(endpoint, auth or "basic")


def load(
    outdir: str | Path,
    endpoint: str,
    *,
    update: bool = False,
    auth: AuthScheme | Credentials | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    retries: int = DEFAULT_RETRIES,
    backoff: float = DEFAULT_BACKOFF,
    sleep: Sleep = time.sleep,
) -> LoadReport:
    """Send every named graph of ``outdir`` (an OUTDIR or its graph.nq) to the store at ``endpoint``.

    ``endpoint`` is the store's Graph Store Protocol address (each graph is PUT to
    ``endpoint?graph=<IRI>``), or with ``update=True`` its SPARQL Update endpoint (each
    graph is dropped and inserted again). ``auth`` is ``"basic"`` (the default) or
    ``"digest"``, with the credentials taken from the environment or a netrc file, or
    :class:`Credentials` given directly. ``timeout`` is per request in seconds; a 5xx
    answer or a failed connection is tried again up to ``retries`` times, waiting
    ``backoff`` seconds, then twice as long each time (through ``sleep``). Any failure
    is a DiplographError naming the graph and what went wrong.
    """
    started = time.monotonic()
    path = nquads_file(outdir)
    check_endpoint(endpoint)
    if timeout <= 0:
        raise DiplographError(f"the timeout must be more than 0 seconds (got {timeout})")
    if retries < 0:
        raise DiplographError(f"retries cannot be negative (got {retries})")
    planned = survey(path)
    sender = _Sender(endpoint, _credentials(endpoint, auth), timeout=timeout, retries=retries,
                     backoff=backoff, sleep=sleep)
    loaded: list[LoadedGraph] = []
    for graph_iri, triples in graph_triples(path):
        body = ntriples(triples)
        try:
            if update:
                form = urllib.parse.urlencode({"update": update_text(graph_iri, body)}).encode("ascii")
                sender.send("POST", endpoint, form, "application/x-www-form-urlencoded", graph_iri)
            else:
                sender.send("PUT", gsp_url(endpoint, graph_iri), body, "application/n-triples", graph_iri)
        except DiplographError as exc:
            if loaded:
                raise DiplographError(f"{exc} ({len(loaded)} of {len(planned)} graphs were loaded before)") from exc
            raise
        loaded.append(LoadedGraph(graph_iri, len(triples)))
    return LoadReport(endpoint, loaded, time.monotonic() - started, sender.retried)
