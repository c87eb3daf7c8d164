"""Loading a built graph (an OUTDIR or one RDF file) for querying and validation."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph

from graph.errors import DiplographError

RDF_EXTENSIONS = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt", ".jsonld": "json-ld"}


def graph_file(target: str | Path) -> Path:
    """The RDF file behind ``target``: an OUTDIR (its graph.nq or graph.trig) or a file."""
    path = Path(target)
    if path.is_dir():
        for name in ("graph.nq", "graph.trig", "graph.ttl"):
            if (path / name).is_file():
                return path / name
        raise DiplographError(f"{path}: no graph.nq, graph.trig or graph.ttl here (run diplograph build -o {path} first)")
    if not path.is_file():
        raise DiplographError(f"{path}: no such file or folder")
    if path.suffix.lower() not in RDF_EXTENSIONS:
        raise DiplographError(f"{path}: not an RDF file (expected one of {', '.join(sorted(RDF_EXTENSIONS))})")
    return path


def oxigraph_store(target: str | Path) -> ox.Store:
    """A pyoxigraph store holding the graph at ``target``: a store folder written by
    ``build --store`` (opened read-only), or an in-memory store loaded from an OUTDIR or file."""
    from graph.diskstore import is_store, open_store

    if is_store(target):
        return open_store(target)
    path = graph_file(target)
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=ox.RdfFormat.from_extension(path.suffix.lstrip(".")))
    except (SyntaxError, ValueError, OSError) as exc:
        raise DiplographError(f"{path}: cannot be loaded ({exc})") from exc
    return store


def union_graph(target: str | Path) -> Graph:
    """Every triple of every named graph at ``target``, as one rdflib graph."""
    path = graph_file(target)
    fmt = RDF_EXTENSIONS[path.suffix.lower()]
    try:
        if fmt in ("trig", "nquads", "json-ld"):
            dataset = Dataset()
            dataset.parse(path, format=fmt)
            union = Graph()
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                union.add((s, p, o))
            return union
        return Graph().parse(path, format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        raise DiplographError(f"{path}: cannot be parsed ({exc})") from exc
