"""An embedded pyoxigraph store on disk, kept in step with a build (``build --store DIR``).

After a build has written its outputs, the store is updated graph by graph from
``OUTDIR/graph.nq`` (written one named graph after another), so a corpus of many thousands of
documents never has to fit in Python objects. A digest of each graph's N-Quads is kept in
``DIR/diplograph-digests.json``: a rebuild rewrites only the graphs whose digest changed, and
drops the graphs of documents that are gone.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.errors import DiplographError

DIGESTS = "diplograph-digests.json"
"""The file in a store folder that records each graph's digest; it marks the folder as a store."""


@dataclass
class StoreReport:
    """What an update changed: graph IRIs rewritten, left alone and removed."""

    changed: list[str]
    unchanged: int
    removed: list[str]


def is_store(path: str | Path) -> bool:
    """True for a folder written by :func:`update_store`."""
    return (Path(path) / DIGESTS).is_file()


def graphs_of(nquads: Path) -> Iterator[tuple[str, bytes]]:
    """(graph IRI, its N-Quads lines) for each run of lines of one graph in ``nquads``."""
    current: str | None = None
    lines: list[bytes] = []
    with nquads.open("rb") as handle:
        for line in handle:
            stripped = line.rstrip()
            if not stripped:
                continue
            graph = stripped[stripped.rfind(b"<") + 1 : stripped.rfind(b">")].decode("utf-8")
            if graph != current and lines:
                assert current is not None
                yield current, b"".join(lines)
                lines = []
            current = graph
            lines.append(line)
    if lines and current is not None:
        yield current, b"".join(lines)


def update_store(store_dir: str | Path, nquads: str | Path) -> StoreReport:
    """Bring the store at ``store_dir`` in step with the N-Quads file of a build."""
    folder = Path(store_dir)
    if folder.exists() and any(folder.iterdir()) and not is_store(folder):
        raise DiplographError(f"{folder}: not an empty folder nor a diplograph store (choose another --store DIR)")
    try:
        store = ox.Store(str(folder))
    except OSError as exc:
        raise DiplographError(f"{folder}: cannot be opened as a store ({exc})") from exc
    digest_file = folder / DIGESTS
    old: dict[str, str] = json.loads(digest_file.read_text(encoding="utf-8")) if digest_file.is_file() else {}
    new: dict[str, str] = {}
    report = StoreReport(changed=[], unchanged=0, removed=[])
    for graph, data in graphs_of(Path(nquads)):
        digest = hashlib.sha256(data).hexdigest()
        new[graph] = digest
        if old.get(graph) == digest and store.contains_named_graph(ox.NamedNode(graph)):
            report.unchanged += 1
            continue
        name = ox.NamedNode(graph)
        if store.contains_named_graph(name):
            store.remove_graph(name)
        store.extend(ox.parse(data, format=ox.RdfFormat.N_QUADS))
        report.changed.append(graph)
    for graph in sorted(set(old) - set(new)):
        name = ox.NamedNode(graph)
        if store.contains_named_graph(name):
            store.remove_graph(name)
        report.removed.append(graph)
    store.flush()
    temporary = digest_file.with_suffix(".tmp")
    temporary.write_text(json.dumps(new, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(temporary, digest_file)
    return report


def open_store(store_dir: str | Path) -> ox.Store:
    """The store at ``store_dir``, read-only."""
    try:
        return ox.Store.read_only(str(store_dir))
    except OSError as exc:
        raise DiplographError(f"{store_dir}: cannot be opened as a store ({exc})") from exc
