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


NETWORK_FORMATS = ("gexf", "graphml")
"""Formats of the default view's network (graph.gexf, graph.graphml) that ``formats`` may name."""


def _write_network(
    triples: list[Triple], out: OutputFolder, *, views: Sequence[str], max_nodes: int, formats: Sequence[str]
) -> None:
    """The network pages of ``views`` and the network files of ``formats``."""
    from rdflib import Graph

    from graph.page import write_page
    from graph.page_data import collect
    from graph.page_views import VIEWS

    data = Graph()
    for triple in triples:
        data.add(triple)
    facts = collect(data)
    for view in views:
        write_page(facts, out.path(VIEWS[view].filename), view=view, max_nodes=max_nodes)
    if formats:
        from graph.network_export import write_network

        for fmt in formats:
            write_network(facts, out.path(f"graph.{fmt}"), fmt)


def _check_network_options(views: Sequence[str], max_nodes: int, formats: Sequence[str]) -> None:
    from graph.errors import UsageError
    from graph.page_views import VIEWS
    from graph.writers import OPTIONAL_FORMATS

    for view in views:
        if view not in VIEWS:
            raise UsageError(f'no view "{view}" (the views: {", ".join(VIEWS)})')
    for fmt in formats:
        if fmt not in OPTIONAL_FORMATS + NETWORK_FORMATS:
            raise UsageError(f'no format "{fmt}" (the formats: {", ".join(OPTIONAL_FORMATS + NETWORK_FORMATS)})')
    if max_nodes < 1:
        raise UsageError(f"a page holds at least one node (got --page-max-nodes {max_nodes})")


def _write_report(result: Result, path: Path) -> None:
    """``report.json``: what was built and what was skipped, and why (no times: byte-stable)."""
    import json

    from graph import __version__

    report = {
        "diplograph": __version__,
        "documents": [
            {"id": d.doc_id, "source": d.source, "actions": d.actions, "triples": d.triples, "warnings": list(d.warnings)}
            for d in result.documents
        ],
        "skipped": [{"path": s.path, "reason": s.reason} for s in sorted(result.skipped, key=lambda s: s.path)],
        "counts": {
            "documents": len(result.documents), "skipped": len(result.skipped), "entities": result.entities,
            "actions": result.actions, "unresolved": result.unresolved, "triples": result.triples,
        },
    }
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")


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
    views: Sequence[str] = ("default",),
    page_max_nodes: int = 5000,
) -> Result:
    """Build the knowledge graph of the documents under ``paths`` into ``outdir``.

    ``paths`` are files or folders (folders are read recursively); none builds the
    bundled example. ``gazetteers`` are extra JSON Lines gazetteer files; ``metadata`` CSV
    files give per-file date, issuer, title, identifier, type or source; ``formats``
    adds optional outputs (``"jsonld"``: graph.jsonld); ``store`` is a folder where an
    embedded pyoxigraph store is kept in step (only changed graphs rewritten); ``page=False``
    skips the network pages. ``views`` names the pages written (``"default"``: graph.html,
    ``"actors"``: graph-actors.html, ``"frameworks"``: graph-frameworks.html); a page holds
    at most ``page_max_nodes`` nodes (the best-linked ones). ``formats`` may also name
    ``"gexf"`` and ``"graphml"``: the default view's network as graph.gexf, graph.graphml
    (written with ``page=False`` too). Outputs are written all or nothing; a file
    that cannot be read as a document is skipped and listed in ``Result.skipped``.
    """
    from graph.reader import read

    _check_network_options(views, page_max_nodes, formats)
    network_formats = [fmt for fmt in formats if fmt in NETWORK_FORMATS]
    views = list(dict.fromkeys(views)) if page else []
    network = bool(views or network_formats)
    inputs, skipped = discover(list(paths) or example_paths())
    extractor = Extractor(load_gazetteer(gazetteers))
    overrides = merge_metadata(list(metadata))
    check_issuers(overrides, extractor.gazetteer)
    result = Result(outdir=Path(outdir), skipped=list(skipped))
    shared: dict[str, Entity] = {}
    everything: list[Triple] = []
    with OutputFolder(outdir) as out:
        writer = GraphWriter(out.path("."), formats=[fmt for fmt in formats if fmt not in NETWORK_FORMATS])
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
                if network:
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
                        actions=sum(1 + len(a.parts) for a in extraction.actions),
                        triples=len(set(triples)),
                        warnings=document.warnings,
                    )
                )
            if result.documents:
                shared_graph = shared_triples(shared.values(), extractor.successor)
                writer.add_graph(SHARED_GRAPH, shared_graph)
                if network:
                    _write_network(
                        everything + shared_graph, out, views=views, max_nodes=page_max_nodes, formats=network_formats
                    )
        finally:
            writer.close()
        result.entities = len(shared)
        result.triples = writer.triples
        if result.documents:
            _write_report(result, out.path("report.json"))
            out.commit()
    if result.documents and store is not None:
        from graph.diskstore import update_store

        result.store = update_store(store, Path(outdir) / "graph.nq")
    return result
