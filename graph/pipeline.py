"""``build()``: read documents, extract, write the graph. The CLI's ``build`` wraps it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graph.builder import Triple, document_triples, shared_triples
from graph.document import Document
from graph.errors import InputError
from graph.extractors.entities import EntityFinder, entity_from_entry
from graph.extractors.issuer import find_issuers
from graph.gazetteer import Gazetteer, load_gazetteer
from graph.ids import SHARED_GRAPH, document_graph_iri
from graph.inputs import SkippedInput, discover, example_paths
from graph.records import Entity, Extraction
from graph.writers import GraphWriter, OutputFolder

DEFAULT_OUTDIR = Path("diplograph-out")


@dataclass(frozen=True)
class BuiltDocument:
    """What one document gave."""

    doc_id: str
    source: str
    title: str | None
    date: str | None
    entities: tuple[str, ...]
    triples: int
    warnings: tuple[str, ...] = ()


@dataclass
class Result:
    """The outcome of a build."""

    outdir: Path
    documents: list[BuiltDocument] = field(default_factory=list)
    skipped: list[SkippedInput] = field(default_factory=list)
    entities: int = 0
    actions: int = 0
    triples: int = 0

    @property
    def ok(self) -> bool:
        """True when at least one document was built."""
        return bool(self.documents)


class Extractor:
    """Runs every extractor on a document, with one gazetteer and one spaCy pipeline."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        from graph.nlp import english

        self.gazetteer = gazetteer
        self.entities = EntityFinder(gazetteer, english())

    def __call__(self, document: Document) -> Extraction:
        entities, mentions = self.entities(document)
        issuers = find_issuers(document, entities, mentions)
        return Extraction(document=document, entities=entities, mentions=mentions, issuers=issuers)

    def successor(self, entity_id: str) -> Entity | None:
        """The record of a gazetteer entry named as a successor."""
        return entity_from_entry(self.gazetteer[entity_id]) if entity_id in self.gazetteer else None


def extract(path: str | Path, *, gazetteers: Sequence[str | Path] = ()) -> Extraction:
    """Read one file and run the extractors on it."""
    from graph.reader import read

    return Extractor(load_gazetteer(gazetteers))(read(path))


def build(
    paths: Sequence[str | Path] = (),
    *,
    outdir: str | Path = DEFAULT_OUTDIR,
    gazetteers: Sequence[str | Path] = (),
) -> Result:
    """Build the knowledge graph of the documents under ``paths`` into ``outdir``.

    ``paths`` are files or folders (folders are read recursively); none builds the
    bundled example. ``gazetteers`` are extra JSON Lines gazetteer files. Outputs are
    written all or nothing; a file that cannot be read as a document is skipped and
    listed in ``Result.skipped``.
    """
    from graph.reader import read

    inputs, skipped = discover(list(paths) or example_paths())
    extractor = Extractor(load_gazetteer(gazetteers))
    result = Result(outdir=Path(outdir), skipped=list(skipped))
    shared: dict[str, Entity] = {}
    with OutputFolder(outdir) as out:
        writer = GraphWriter(out.path("."))
        try:
            for item in inputs:
                try:
                    document = read(item.path, doc_id=item.doc_id)
                except InputError as exc:
                    result.skipped.append(SkippedInput(str(item.path), exc.reason))
                    continue
                extraction = extractor(document)
                triples: list[Triple] = document_triples(extraction)
                writer.add_graph(document_graph_iri(document.doc_id), triples)
                out.path(f"text/{document.doc_id}.txt").write_text(document.text, encoding="utf-8", newline="")
                shared.update(extraction.entities)
                result.documents.append(
                    BuiltDocument(
                        doc_id=document.doc_id,
                        source=document.source,
                        title=document.title,
                        date=document.date,
                        entities=tuple(sorted(extraction.entities)),
                        triples=len(set(triples)),
                        warnings=document.warnings,
                    )
                )
            if result.documents:
                writer.add_graph(SHARED_GRAPH, shared_triples(shared.values(), extractor.successor))
        finally:
            writer.close()
        result.entities = len(shared)
        result.triples = writer.triples
        if result.documents:
            out.commit()
    return result
