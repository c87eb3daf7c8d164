"""Writing graphs: Turtle, TriG and N-Quads, sorted, byte-stable, all or nothing.

Triples are sorted (subjects in natural order, ``rdf:type`` first, then predicates and
objects by their text) and serialised by pyoxigraph, one named graph at a time, so the
bytes depend only on the triples and the writer never holds the whole corpus.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

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


def _strip_prefixes(data: bytes) -> bytes:
    lines = data.split(b"\n")
    i = 0
    while i < len(lines) and lines[i].startswith(b"@prefix "):
        i += 1
    return b"\n".join(lines[i:]).lstrip(b"\n")


@dataclass(frozen=True)
class GraphChunk:
    """One named graph serialised for every output file: the bytes the writer appends.

    Chunks are made where the triples are (in a worker process, or read back from the
    cache) and written in ``<doc>`` order by :class:`GraphWriter`, so a build never holds
    more than one document's triples.
    """

    graph: str
    triples: int
    ttl: bytes
    trig: bytes
    nq: bytes
    jsonld: bytes | None = None


def graph_chunk(graph_iri: URIRef, triples: Iterable[Triple], *, jsonld: bool = False) -> GraphChunk:
    """The serialisations of one named graph (its triples are sorted here)."""
    ordered = sort_triples(triples)
    g = ox.NamedNode(str(graph_iri))
    iris: dict[str, ox.NamedNode] = {}

    def term(node: Node) -> ox.NamedNode | ox.Literal:
        if type(node) is not URIRef:
            return to_oxigraph(node)
        text = str(node)
        converted = iris.get(text)
        if converted is None:
            converted = iris[text] = ox.NamedNode(text)
        return converted

    ox_triples = [ox.Triple(term(s), term(p), term(o)) for s, p, o in ordered]  # type: ignore[arg-type]
    del iris
    ttl = ox.serialize(ox_triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""
    trig = ox.serialize((ox.Quad(t.subject, t.predicate, t.object, g) for t in ox_triples), format=ox.RdfFormat.TRIG, prefixes=PREFIXES) or b""
    nq = ox.serialize((ox.Quad(t.subject, t.predicate, t.object, g) for t in ox_triples), format=ox.RdfFormat.N_QUADS) or b""
    document = None
    if jsonld:
        text = json.dumps(graph_object(graph_iri, ordered, PREFIXES), ensure_ascii=False, sort_keys=True)
        document = text.encode("utf-8")
    return GraphChunk(
        graph=str(graph_iri),
        triples=len(ordered),
        ttl=_strip_prefixes(ttl).rstrip(b"\n") + b"\n\n" if ordered else b"",
        trig=_strip_prefixes(trig).rstrip(b"\n") + b"\n\n" if ordered else b"",
        nq=nq,
        jsonld=document,
    )


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
        self._files["graph.ttl"].write(chunk.ttl)
        self._files["graph.trig"].write(chunk.trig)
        self._files["graph.nq"].write(chunk.nq)
        if self._jsonld is not None:
            if chunk.jsonld is None:
                raise DiplographError(f"graph {chunk.graph} was serialised without JSON-LD")
            self._jsonld.add_text(chunk.jsonld)
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
