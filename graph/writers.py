"""Writing graphs: Turtle, TriG and N-Quads, sorted, byte-stable, all or nothing.

Triples are sorted (subjects in natural order, ``rdf:type`` first, then predicates and
objects by their text) and serialised by pyoxigraph, one named graph at a time, so the
bytes depend only on the triples and the writer never holds the whole corpus.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO

import pyoxigraph as ox
from rdflib import RDF, BNode, Literal, URIRef
from rdflib.term import Node

from graph.builder import Triple
from graph.errors import DiplographError
from graph.jsonld import JsonLdWriter, graph_object
from graph.namespaces import ID_BASE

PREFIXES: dict[str, str] = {
    "dg": "https://w3id.org/diplograph/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "actor": f"{ID_BASE}actor/",
    "framework": f"{ID_BASE}framework/",
    "person": f"{ID_BASE}person/",
    "topic": f"{ID_BASE}topic/",
    "document": f"{ID_BASE}document/",
    "wd": "http://www.wikidata.org/entity/",
}
GRAPH_FILES = ("graph.ttl", "graph.trig", "graph.nq")
OPTIONAL_FORMATS = ("jsonld",)
"""Formats ``build --format`` adds to the three always written."""

_DIGITS = re.compile(r"(\d+)")


def _natural(text: str) -> str:
    """A key that sorts texts with their numbers in numeric order ("doc-9" before "doc-10").

    Digit runs become their value's length (as one character) and digits; text runs end
    with a NUL, below any character of an IRI. Comparing two keys as strings then gives the
    order of comparing the runs one by one, numbers as numbers: a plain string comparison
    in C instead of a comparison of tuples.
    """
    parts = _DIGITS.split(text)
    for i in range(1, len(parts), 2):
        digits = str(int(parts[i]))
        parts[i] = chr(0x10 + len(digits)) + digits
    return "\0".join(parts)


def _object_key(node: Node) -> tuple[object, ...]:
    if isinstance(node, URIRef):
        return (0, _natural(str(node)))
    if isinstance(node, Literal):
        return (1, str(node.datatype or ""), node.language or "", str(node))
    raise DiplographError(f"blank nodes are never written (got {node!r})")


def sort_triples(triples: Iterable[Triple]) -> list[Triple]:
    """Distinct triples in the order every writer uses."""
    # A term recurs in many triples: compute each IRI's key once, looked up by its plain
    # text (str hashing and equality run in C; rdflib's run in Python).
    iri_keys: dict[str, str] = {}
    rdf_type = str(RDF.type)

    def natural(text: str) -> str:
        found = iri_keys.get(text)
        if found is None:
            found = iri_keys[text] = _natural(text)
        return found

    def key(triple: Triple) -> tuple[object, ...]:
        subject, predicate, obj = triple
        predicate_text = str(predicate)
        object_key = (0, natural(str(obj))) if type(obj) is URIRef else _object_key(obj)
        return (natural(str(subject)), predicate_text != rdf_type, predicate_text, object_key)

    return sorted(set(triples), key=key)


def to_oxigraph(node: Node) -> ox.NamedNode | ox.Literal:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype is not None and str(node.datatype) != "http://www.w3.org/2001/XMLSchema#string":
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    if isinstance(node, BNode):
        raise DiplographError(f"blank nodes are never written (got {node!r})")
    raise DiplographError(f"cannot write the term {node!r}")


def _prefix_header() -> bytes:
    return "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items()).encode("utf-8") + b"\n"


SPILL_TRIPLES = 100_000
"""A named graph with more triples than this is serialised into files, not held as bytes."""
CHUNK_FORMATS = ("ttl", "trig", "nq", "jsonld")


@dataclass(frozen=True)
class GraphChunk:
    """One named graph serialised for every output file: what the writer appends.

    Chunks are made where the triples are (in a worker process, or read back from the
    cache) and written in ``<doc>`` order by :class:`GraphWriter`, so a build never holds
    more than one document's triples. A large graph's serialisations are files (``files``,
    by format, in a folder of the build's) rather than bytes, so that neither the worker nor
    the writer holds them; the bytes written are the same either way.
    """

    graph: str
    triples: int
    ttl: bytes = b""
    trig: bytes = b""
    nq: bytes = b""
    jsonld: bytes | None = None
    files: dict[str, str] | None = None
    """For a spilled chunk: format -> path of a file holding what pyoxigraph (or json) wrote."""
    temporary: bool = True
    """The files are the build's own, removed once written (not the cache's)."""

    def open(self, fmt: str) -> BinaryIO:
        """The bytes to append for ``fmt``, as a file object."""
        import io

        if self.files is not None:
            return open(self.files[fmt], "rb")  # noqa: SIM115 - the caller closes it
        data = getattr(self, fmt)
        if data is None:
            raise DiplographError(f"graph {self.graph} was serialised without {fmt}")
        return io.BytesIO(data)

    def discard(self) -> None:
        """Remove the files of a spilled chunk (never those of the cache)."""
        if not self.temporary:
            return
        for path in (self.files or {}).values():
            Path(path).unlink(missing_ok=True)


def _ox_triples(ordered: list[Triple]) -> list[ox.Triple]:
    iris: dict[str, ox.NamedNode] = {}

    def term(node: Node) -> ox.NamedNode | ox.Literal:
        if type(node) is not URIRef:
            return to_oxigraph(node)
        text = str(node)
        converted = iris.get(text)
        if converted is None:
            converted = iris[text] = ox.NamedNode(text)
        return converted

    return [ox.Triple(term(s), term(p), term(o)) for s, p, o in ordered]  # type: ignore[arg-type]


def graph_chunk(
    graph_iri: URIRef, triples: Iterable[Triple], *, jsonld: bool = False, spill: Path | None = None
) -> GraphChunk:
    """The serialisations of one named graph (its triples are sorted here).

    Pass the triples as a fresh iterable (not a list kept elsewhere): they are dropped once
    sorted. With ``spill`` (a folder), a graph of more than :data:`SPILL_TRIPLES` triples
    is serialised into files there.
    """
    ordered = sort_triples(triples)
    del triples
    count = len(ordered)
    if not count:
        return GraphChunk(graph=str(graph_iri), triples=0, jsonld=b"" if jsonld else None)
    g = ox.NamedNode(str(graph_iri))
    document: dict[str, Any] | None = graph_object(graph_iri, ordered, PREFIXES) if jsonld else None
    ox_triples = _ox_triples(ordered)
    del ordered

    def quads() -> Iterator[ox.Quad]:
        return (ox.Quad(t.subject, t.predicate, t.object, g) for t in ox_triples)

    if spill is not None and count > SPILL_TRIPLES:
        spill.mkdir(parents=True, exist_ok=True)
        base = spill / hashlib.sha256(str(graph_iri).encode("utf-8")).hexdigest()[:24]
        files = {fmt: f"{base}.{fmt}" for fmt in ("ttl", "trig", "nq")}
        ox.serialize(ox_triples, files["ttl"], format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        ox.serialize(quads(), files["trig"], format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
        ox.serialize(quads(), files["nq"], format=ox.RdfFormat.N_QUADS)
        if document is not None:
            files["jsonld"] = f"{base}.jsonld"
            with open(files["jsonld"], "w", encoding="utf-8") as handle:
                json.dump(document, handle, ensure_ascii=False, sort_keys=True)
        return GraphChunk(graph=str(graph_iri), triples=count, files=files)
    ttl = ox.serialize(ox_triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""
    trig = ox.serialize(quads(), format=ox.RdfFormat.TRIG, prefixes=PREFIXES) or b""
    nq = ox.serialize(quads(), format=ox.RdfFormat.N_QUADS) or b""
    text = json.dumps(document, ensure_ascii=False, sort_keys=True).encode("utf-8") if document is not None else None
    return GraphChunk(graph=str(graph_iri), triples=count, ttl=ttl, trig=trig, nq=nq, jsonld=text)


def _copy_body(source: BinaryIO, target: BinaryIO) -> None:
    """Append what pyoxigraph wrote for one graph without its ``@prefix`` lines (the file's
    header declares them once) and with exactly one blank line after it."""
    line = source.readline()
    while line.startswith(b"@prefix ") or line == b"\n":
        if not line:
            return
        line = source.readline()
    pending = b""  # newlines held back until more text follows
    data = line
    while data:
        body = data.rstrip(b"\n")
        if body:
            target.write(pending + body)
            pending = data[len(body) :]
        else:
            pending += data
        data = source.read(1 << 20)
    target.write(b"\n\n")


class GraphWriter:
    """Writes named graphs one after another into graph.ttl, graph.trig and graph.nq.

    Files are written into ``folder`` (a temporary folder of the caller's).
    """

    def __init__(self, folder: Path, *, formats: Sequence[str] = ()) -> None:
        """``formats`` adds optional outputs: ``"jsonld"`` writes graph.jsonld."""
        self.folder = folder
        self.triples = 0
        self.jsonld = "jsonld" in formats
        self._files: dict[str, BinaryIO] = {name: open(folder / name, "wb") for name in GRAPH_FILES}
        header = _prefix_header()
        self._files["graph.ttl"].write(header)
        self._files["graph.trig"].write(header)
        self._jsonld = JsonLdWriter(open(folder / "graph.jsonld", "wb"), PREFIXES) if self.jsonld else None

    def add_graph(self, graph_iri: URIRef, triples: Sequence[Triple]) -> None:
        """Append one named graph (its triples are sorted here)."""
        self.add_chunk(graph_chunk(graph_iri, triples, jsonld=self.jsonld))

    def add_chunk(self, chunk: GraphChunk) -> None:
        """Append one named graph serialised by :func:`graph_chunk`."""
        if not chunk.triples:
            return
        for fmt in ("ttl", "trig"):
            with chunk.open(fmt) as source:
                _copy_body(source, self._files[f"graph.{fmt}"])
        with chunk.open("nq") as source:
            shutil.copyfileobj(source, self._files["graph.nq"], 1 << 20)
        if self._jsonld is not None:
            with chunk.open("jsonld") as source:
                self._jsonld.add_stream(source)
        self.triples += chunk.triples

    def close(self) -> None:
        for handle in self._files.values():
            handle.close()
        if self._jsonld is not None:
            self._jsonld.close()


class OutputFolder:
    """All-or-nothing output: files are written into a temporary folder beside OUTDIR and
    moved into OUTDIR only by :meth:`commit`. On an error nothing in OUTDIR changes.

    Only the names diplograph writes are replaced; other files in OUTDIR are left alone.
    """

    def __init__(self, outdir: str | Path) -> None:
        self.outdir = Path(outdir)
        self.staging: Path | None = None

    def __enter__(self) -> OutputFolder:
        parent = self.outdir.resolve().parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            if self.outdir.exists() and not self.outdir.is_dir():
                raise DiplographError(f"{self.outdir}: exists and is not a folder (choose another -o OUTDIR)")
            self.staging = Path(tempfile.mkdtemp(prefix=f".{self.outdir.name}.", suffix=".tmp", dir=parent))
        except OSError as exc:
            raise DiplographError(f"{self.outdir}: cannot be written ({exc.strerror or exc})") from exc
        return self

    def path(self, name: str) -> Path:
        """Where to write ``name`` (a path relative to OUTDIR) before the commit."""
        assert self.staging is not None, "use OutputFolder as a context manager"
        target = self.staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def commit(self) -> None:
        """Move every staged file and folder into OUTDIR."""
        assert self.staging is not None
        try:
            self.outdir.mkdir(parents=True, exist_ok=True)
            for item in sorted(self.staging.iterdir()):
                destination = self.outdir / item.name
                if destination.is_dir() and not destination.is_symlink():
                    old = self.staging / f".old-{item.name}"
                    destination.rename(old)
                    item.rename(destination)
                    shutil.rmtree(old)
                else:
                    os.replace(item, destination)
        except OSError as exc:
            raise DiplographError(f"{self.outdir}: cannot be written ({exc.strerror or exc})") from exc

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
