"""The work done for one document, wherever it runs: read, extract, serialise.

:func:`process` turns one input file into a :class:`DocumentOutput` (its graph already
serialised, its text, its entities and its counts) or a :class:`graph.inputs.SkippedInput`.
Both are plain picklable data, so the same function runs in this process, in a process
pool (``build -j N``) or on a Dask worker, and its output can be kept in the cache.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import InputError
from graph.inputs import InputFile, SkippedInput
from graph.records import Entity
from graph.writers import GraphChunk

if TYPE_CHECKING:
    from graph.metadata import MetadataRow
    from graph.pipeline import Extractor


@dataclass(frozen=True)
class Settings:
    """What every worker needs to process documents exactly as the main process would."""

    gazetteers: tuple[tuple[str, str], ...] = ()
    """Extra gazetteer files: (path, content), read once by the main process."""
    jsonld: bool = False
    """Serialise JSON-LD too."""


@dataclass(frozen=True)
class BuiltDocument:
    """What one document gave."""

    doc_id: str
    source: str
    title: str | None
    date: str | None
    entities: tuple[str, ...]
    actions: int
    triples: int
    warnings: tuple[str, ...] = ()
    referenced: tuple[str, ...] = ()
    """Ids of every entity the document's graph refers to (named, issuing, or a framework)."""


@dataclass(frozen=True)
class DocumentOutput:
    """Everything a build writes for one document, ready to be written."""

    built: BuiltDocument
    chunk: GraphChunk
    text: str
    entities: tuple[Entity, ...]
    """The records of every entity the document refers to (for graph/shared)."""
    actions: int
    unresolved: int


Outcome = DocumentOutput | SkippedInput
"""What :func:`process` gives for one input file."""


class _Worker:
    """The extractor of one process, built on first use and kept."""

    def __init__(self, settings: Settings) -> None:
        from graph.gazetteer import load_gazetteer
        from graph.pipeline import Extractor

        self.settings = settings
        paths = [path for path, _text in settings.gazetteers]
        self.extractor: Extractor = Extractor(load_gazetteer(paths, texts=dict(settings.gazetteers)))


_workers: dict[Settings, _Worker] = {}


def worker(settings: Settings) -> _Worker:
    """This process's worker for ``settings`` (built once)."""
    if settings not in _workers:
        _workers.clear()
        _workers[settings] = _Worker(settings)
    return _workers[settings]


def process(
    item: InputFile, settings: Settings, row: MetadataRow | None = None, data: bytes | None = None,
    spill: str | None = None,
) -> Outcome:
    """Read, extract and serialise the document at ``item`` (or say why it was skipped).

    ``row`` is the file's metadata row; ``data`` is the file's content when it was read by
    another machine (the file need not exist where this runs); ``spill`` is a folder where
    a large graph is serialised into files (:data:`graph.writers.SPILL_TRIPLES`)."""
    from graph.builder import document_triples
    from graph.ids import document_graph_iri
    from graph.pipeline import apply_metadata
    from graph.reader import read, read_bytes
    from graph.writers import graph_chunk

    state = worker(settings)
    try:
        if data is None:
            document = read(item.path, doc_id=item.doc_id)
        else:
            document = read_bytes(data, path=item.path, doc_id=item.doc_id)
    except InputError as exc:
        return SkippedInput(str(item.path), exc.reason)
    if row is not None:
        document = apply_metadata(document, row)
    extraction = state.extractor(document, issuers=row.issuer if row else ())
    chunk = graph_chunk(
        document_graph_iri(document.doc_id), document_triples(extraction), jsonld=settings.jsonld,
        spill=Path(spill) if spill else None,
    )
    actions = sum(1 + len(a.parts) for a in extraction.actions)
    built = BuiltDocument(
        doc_id=document.doc_id,
        source=document.source,
        title=document.title,
        date=document.date,
        entities=tuple(sorted({m.entity_id for m in extraction.mentions})),
        actions=actions,
        triples=chunk.triples,
        warnings=document.warnings,
        referenced=tuple(sorted(extraction.entities)),
    )
    return DocumentOutput(
        built=built,
        chunk=chunk,
        text=document.text,
        entities=tuple(extraction.entities[k] for k in sorted(extraction.entities)),
        actions=actions,
        unresolved=extraction.unresolved,
    )
