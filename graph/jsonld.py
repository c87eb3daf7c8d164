"""JSON-LD output: one document, the context inline, one entry per named graph, sorted.

The writer appends named graphs one at a time (like the Turtle and TriG writers), so the
file is never held whole in memory and its bytes depend only on the triples.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, BinaryIO

from rdflib import RDF, Literal, URIRef
from rdflib.term import Node

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _compact(iri: str, prefixes: dict[str, str]) -> str:
    """``iri`` as a compact IRI ``prefix:local`` where a prefix fits (the context defines it)."""
    for prefix, base in prefixes.items():
        if iri.startswith(base) and len(iri) > len(base):
            return f"{prefix}:{iri[len(base):]}"
    return iri


def _value(node: Node, prefixes: dict[str, str]) -> dict[str, Any]:
    if isinstance(node, URIRef):
        return {"@id": _compact(str(node), prefixes)}
    assert isinstance(node, Literal)
    value: dict[str, Any] = {"@value": str(node)}
    if node.language:
        value["@language"] = node.language
    elif node.datatype is not None and str(node.datatype) != XSD_STRING:
        value["@type"] = _compact(str(node.datatype), prefixes)
    return value


def graph_object(graph_iri: URIRef, triples: Sequence[tuple[URIRef, URIRef, Node]], prefixes: dict[str, str]) -> dict[str, Any]:
    """A named graph as a JSON-LD graph object; ``triples`` must already be sorted."""
    nodes: dict[str, dict[str, Any]] = {}
    for s, p, o in triples:
        node = nodes.setdefault(str(s), {"@id": _compact(str(s), prefixes)})
        if p == RDF.type:
            node.setdefault("@type", []).append(_compact(str(o), prefixes))
        else:
            node.setdefault(_compact(str(p), prefixes), []).append(_value(o, prefixes))
    return {"@id": _compact(str(graph_iri), prefixes), "@graph": list(nodes.values())}


class JsonLdWriter:
    """Writes ``{"@context": ..., "@graph": [graph objects]}`` to an open binary file."""

    def __init__(self, handle: BinaryIO, prefixes: dict[str, str]) -> None:
        self.handle = handle
        self.prefixes = prefixes
        self.count = 0
        context = json.dumps(prefixes, ensure_ascii=False, sort_keys=True)
        handle.write(f'{{"@context": {context},\n "@graph": [\n'.encode("utf-8"))

    def add(self, graph_iri: URIRef, triples: Sequence[tuple[URIRef, URIRef, Node]]) -> None:
        """Append one named graph."""
        text = json.dumps(graph_object(graph_iri, triples, self.prefixes), ensure_ascii=False, sort_keys=True)
        self.add_text(text.encode("utf-8"))

    def add_text(self, data: bytes) -> None:
        """Append one named graph already serialised (a graph object as UTF-8 JSON)."""
        self.handle.write((b",\n" if self.count else b"") + data)
        self.count += 1

    def add_stream(self, source: BinaryIO) -> None:
        """Append one named graph already serialised, read from ``source``."""
        import shutil

        if self.count:
            self.handle.write(b",\n")
        shutil.copyfileobj(source, self.handle, 1 << 20)
        self.count += 1

    def close(self) -> None:
        self.handle.write(b"\n]}\n")
        self.handle.close()
