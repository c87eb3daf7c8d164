"""``build()``: read documents, extract, write the graph. The CLI's ``build`` wraps it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from pathlib import Path

from graph.builder import Triple, document_triples, shared_triples
from graph.document import Document
from graph.errors import InputError
from graph.extractors.actions import ActionFinder
from graph.extractors.entities import EntityFinder, entity_from_entry
from graph.extractors.issuer import find_issuers
from graph.gazetteer import Gazetteer, load_gazetteer
from graph.ids import SHARED_GRAPH, document_graph_iri
from graph.inputs import SkippedInput, discover, example_paths
from graph.metadata import MetadataRow, merge_metadata, row_for
from graph.records import Entity, Extraction, IssuerFinding
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
    actions: int
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
    unresolved: int = 0
    """Actions left out because their agent could not be resolved."""
    triples: int = 0
    store: Any = None
    """With ``store=``: the :class:`graph.diskstore.StoreReport` of the store update."""

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
        self.actions = ActionFinder(english(), part_of=self._part_of)

    def _part_of(self, entity_id: str) -> tuple[str, ...]:
        return self.gazetteer[entity_id].part_of if entity_id in self.gazetteer else ()

    def __call__(self, document: Document, *, issuers: Sequence[str] = ()) -> Extraction:
        """Everything found in ``document``; ``issuers`` (gazetteer ids) override the issuer the text names."""
        entities, mentions = self.entities(document)
        if issuers:
            for entity_id in issuers:
                entities.setdefault(entity_id, entity_from_entry(self.gazetteer[entity_id]))
            issuers_found = [IssuerFinding(entity_id, 0, 0, "issuer-metadata") for entity_id in issuers]
        else:
            issuers_found = find_issuers(document, entities, mentions)
        actions, unresolved = self.actions(document, entities, mentions, issuers_found)
        for action in actions:
            for framework in (f for a in (action, *action.parts) for f in a.frameworks):
                if framework not in entities and framework in self.gazetteer:
                    entities[framework] = entity_from_entry(self.gazetteer[framework])
        return Extraction(
            document=document, entities=entities, mentions=mentions, issuers=issuers_found, actions=actions,
            unresolved=unresolved,
        )

    def successor(self, entity_id: str) -> Entity | None:
        """The record of a gazetteer entry named as a successor."""
        return entity_from_entry(self.gazetteer[entity_id]) if entity_id in self.gazetteer else None


def apply_metadata(document: Document, row: MetadataRow) -> Document:
    """``document`` with the values ``row`` gives in place of what its text says."""
    from dataclasses import replace

    changes = {
        "date": row.date, "title": row.title, "identifier": row.identifier,
        "doc_type": row.doc_type, "source_url": row.source,
    }
    return replace(document, **{k: v for k, v in changes.items() if v is not None})


def check_issuers(rows: dict[str, MetadataRow], gazetteer: Gazetteer) -> None:
    """Every issuer a metadata row names must be an actor of the gazetteer."""
    from graph.errors import DataError

    for row in rows.values():
        for entity_id in row.issuer:
            if entity_id not in gazetteer or not gazetteer[entity_id].is_actor:
                raise DataError(row.origin, row.line, f'issuer "{entity_id}" is not an actor of the gazetteer (use an id like "est" or "nato")')


def _write_page(triples: list[Triple], path: Path) -> None:
    from rdflib import Graph

    from graph.page import write_page

    data = Graph()
    for triple in triples:
        data.add(triple)
    write_page(data, path)


def extract(path: str | Path, *, gazetteers: Sequence[str | Path] = ()) -> Extraction:
    """Read one file and run the extractors on it."""
    from graph.reader import read

    return Extractor(load_gazetteer(gazetteers))(read(path))


def build(
    paths: Sequence[str | Path] = (),
    *,
    outdir: str | Path = DEFAULT_OUTDIR,
    gazetteers: Sequence[str | Path] = (),
    metadata: Sequence[str | Path] = (),
    formats: Sequence[str] = (),
    store: str | Path | None = None,
    page: bool = True,
) -> Result:
    """Build the knowledge graph of the documents under ``paths`` into ``outdir``.

    ``paths`` are files or folders (folders are read recursively); none builds the
    bundled example. ``gazetteers`` are extra JSON Lines gazetteer files; ``metadata`` CSV
    files give per-file date, issuer, title, identifier, type or source; ``formats``
    adds optional outputs (``"jsonld"``: graph.jsonld); ``store`` is a folder where an
    embedded pyoxigraph store is kept in step (only changed graphs rewritten); ``page=False``
    skips the network page ``graph.html``. Outputs are written all or nothing; a file
    that cannot be read as a document is skipped and listed in ``Result.skipped``.
    """
    from graph.reader import read

    inputs, skipped = discover(list(paths) or example_paths())
    extractor = Extractor(load_gazetteer(gazetteers))
    overrides = merge_metadata(list(metadata))
    check_issuers(overrides, extractor.gazetteer)
    result = Result(outdir=Path(outdir), skipped=list(skipped))
    shared: dict[str, Entity] = {}
    everything: list[Triple] = []
    with OutputFolder(outdir) as out:
        writer = GraphWriter(out.path("."), formats=formats)
        try:
            for item in inputs:
                try:
                    document = read(item.path, doc_id=item.doc_id)
                except InputError as exc:
                    result.skipped.append(SkippedInput(str(item.path), exc.reason))
                    continue
                row = row_for(overrides, item.relative, item.path.name)
                if row is not None:
                    document = apply_metadata(document, row)
                extraction = extractor(document, issuers=row.issuer if row else ())
                triples: list[Triple] = document_triples(extraction)
                writer.add_graph(document_graph_iri(document.doc_id), triples)
                if page:
                    everything += triples
                out.path(f"text/{document.doc_id}.txt").write_text(document.text, encoding="utf-8", newline="")
                shared.update(extraction.entities)
                result.actions += sum(1 + len(a.parts) for a in extraction.actions)
                result.unresolved += extraction.unresolved
                result.documents.append(
                    BuiltDocument(
                        doc_id=document.doc_id,
                        source=document.source,
                        title=document.title,
                        date=document.date,
                        entities=tuple(sorted({m.entity_id for m in extraction.mentions})),
                        actions=len(extraction.actions),
                        triples=len(set(triples)),
                        warnings=document.warnings,
                    )
                )
            if result.documents:
                shared_graph = shared_triples(shared.values(), extractor.successor)
                writer.add_graph(SHARED_GRAPH, shared_graph)
                if page:
                    _write_page(everything + shared_graph, out.path("graph.html"))
        finally:
            writer.close()
        result.entities = len(shared)
        result.triples = writer.triples
        if result.documents:
            out.commit()
    if result.documents and store is not None:
        from graph.diskstore import update_store

        result.store = update_store(store, Path(outdir) / "graph.nq")
    return result
