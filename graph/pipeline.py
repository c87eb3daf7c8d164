"""``build()``: read documents, extract, write the graph. The CLI's ``build`` wraps it."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from graph.builder import entity_triples, shared_triples
from graph.document import Document
from graph.extractors.actions import ActionFinder
from graph.extractors.entities import EntityFinder, entity_from_entry
from graph.extractors.issuer import find_issuers
from graph.gazetteer import Gazetteer, load_gazetteer
from graph.ids import SHARED_GRAPH
from graph.inputs import SkippedInput, discover, example_paths
from graph.metadata import MetadataRow, merge_metadata, row_for
from graph.progress import Mode, Progress
from graph.records import Entity, Extraction, IssuerFinding
from graph.signals import check as check_signals
from graph.work import BuiltDocument, DocumentOutput, Settings, process
from graph.writers import GraphWriter, OutputFolder

DEFAULT_OUTDIR = Path("diplograph-out")

__all__ = ["BuiltDocument", "Extractor", "Result", "build", "extract"]


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
    cached: int = 0
    """Documents whose output came from the cache."""

    def counts(self) -> dict[str, int]:
        """The totals ``report.json`` states."""
        return {
            "documents": len(self.documents), "skipped": len(set(self.skipped)), "entities": self.entities,
            "actions": self.actions, "unresolved": self.unresolved, "triples": self.triples,
        }

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


def write_network(
    nquads: Path, out: OutputFolder, *, views: Sequence[str], max_nodes: int, formats: Sequence[str]
) -> None:
    """The network pages of ``views`` and the network files of ``formats``, from the graph just written."""
    from graph.page import write_page
    from graph.page_data import collect
    from graph.page_views import VIEWS
    from graph.terms import union_of_nquads

    facts = collect(union_of_nquads(nquads))
    for view in views:
        write_page(facts, out.path(VIEWS[view].filename), view=view, max_nodes=max_nodes)
    if formats:
        from graph.network_export import write_network as write_network_file

        for fmt in formats:
            write_network_file(facts, out.path(f"graph.{fmt}"), fmt)


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


def report_entry(document: BuiltDocument) -> dict[str, Any]:
    """One document's entry in ``report.json``."""
    return {
        "id": document.doc_id, "source": document.source, "actions": document.actions, "triples": document.triples,
        "warnings": list(document.warnings), "entities": list(document.referenced),
    }


def write_report(
    path: Path, *, documents: Sequence[dict[str, Any]], skipped: Sequence[SkippedInput], counts: dict[str, int],
    settings: dict[str, Any], shard: str | None = None,
) -> None:
    """``report.json``: what was built and what was skipped, and why, and the settings that
    decide the outputs (no times: byte-stable). ``diplograph merge`` reads it back."""
    import json

    from graph import __version__

    report: dict[str, Any] = {
        "diplograph": __version__,
        "settings": settings,
        "documents": list(documents),
        "skipped": [
            {"path": s.path, "reason": s.reason}
            for s in sorted(set(skipped), key=lambda s: (s.path, s.reason))
        ],
        "counts": counts,
    }
    if shard is not None:
        report["shard"] = shard
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")


def output_settings(fingerprint: str, formats: Sequence[str], views: Sequence[str], page_max_nodes: int) -> dict[str, Any]:
    """What, besides the documents, decides a build's bytes (``report.json``'s ``settings``)."""
    return {
        "fingerprint": fingerprint, "formats": sorted(set(formats)), "views": list(views),
        "page_max_nodes": page_max_nodes,
    }


def choose_entity(current: Entity | None, candidate: Entity, successor: Any) -> Entity:
    """The record kept for an id two documents describe differently (say, with and without
    an acronym): the one whose description sorts first by :func:`description_key`, so the
    choice depends on neither the order of the documents nor how they were split between
    shards (see :mod:`graph.merge`)."""
    if current is None or current == candidate:
        return candidate
    return candidate if _description_key_of(candidate, successor) < _description_key_of(current, successor) else current


@lru_cache(maxsize=4096)
def _description_key_of(entity: Entity, successor: Any) -> tuple[int, str]:
    """:func:`description_key` of an entity's description (the same few descriptions come back
    for every document that names the entity)."""
    return description_key(entity_triples(entity, successor))


def description_key(triples: Sequence[Any]) -> tuple[int, str]:
    """Orders two descriptions of one subject: the fuller first (more triples: an acronym,
    more names), then by their sorted N-Triples lines."""
    lines = sorted({" ".join(term.n3() for term in triple) for triple in triples})
    return -len(lines), "\n".join(lines)


def extract(path: str | Path, *, gazetteers: Sequence[str | Path] = (), metadata: Sequence[str | Path] = ()) -> Extraction:
    """Read one file and run the extractors on it; ``metadata`` CSV files may give its date,
    issuer and the rest, as for :func:`build` (its row is found by the path as given, then
    by the file's name)."""
    from graph.metadata import merge_metadata, row_for
    from graph.reader import read

    gazetteer = load_gazetteer(gazetteers)
    document = read(path)
    rows = merge_metadata(list(metadata))
    check_issuers(rows, gazetteer)
    row = row_for(rows, str(path), Path(path).name)
    if row is None:
        return Extractor(gazetteer)(document)
    return Extractor(gazetteer)(apply_metadata(document, row), issuers=row.issuer)


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
    jobs: int = 1,
    cache: bool = True,
    progress: Mode = "quiet",
    shard: tuple[int, int] | None = None,
    dask: str | None = None,
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
    (written with ``page=False`` too).

    ``jobs`` processes extract documents (a pool starts only for two or more documents;
    the outputs are the same bytes whatever the number). With ``cache``, what each
    document gave is kept in ``outdir/.cache`` and reused while the file, its metadata and
    diplograph are unchanged. ``progress`` is ``"bar"``, ``"lines"`` or ``"quiet"`` (stderr).
    ``shard=(i, n)`` builds only the i-th of n disjoint slices of the inputs (every n-th
    file, from the i-th); ``diplograph merge`` joins the n outputs into the single build's bytes.
    ``dask`` is the address of a Dask scheduler: documents are then extracted as tasks on
    its workers (which need diplograph installed, not the files) instead of by ``jobs``.

    Outputs are written all or nothing; a file that cannot be read as a document is
    skipped and listed in ``Result.skipped``.
    """
    from graph.runner import Outcomes, run, run_on_dask

    _check_network_options(views, page_max_nodes, formats)
    network_formats = [fmt for fmt in formats if fmt in NETWORK_FORMATS]
    views = list(dict.fromkeys(views)) if page else []
    inputs, skipped = discover(list(paths) or example_paths())
    if shard is not None:
        inputs = _shard_of(inputs, shard)
    gazetteer = load_gazetteer(gazetteers)
    overrides = merge_metadata(list(metadata))
    check_issuers(overrides, gazetteer)
    settings = Settings(
        gazetteers=tuple((str(g), Path(g).read_text(encoding="utf-8")) for g in gazetteers),
        jsonld="jsonld" in formats,
    )
    from graph.cache import Cache, fingerprint

    build_fingerprint = fingerprint(settings)
    store_cache = Cache(outdir, build_fingerprint) if cache else None
    rows = [row_for(overrides, item.relative, item.path.name) for item in inputs]
    keys = [store_cache.key(item, row) if store_cache else None for item, row in zip(inputs, rows, strict=True)]
    kept = [store_cache is not None and key is not None and store_cache.has(key) for key in keys]
    todo = [(item, row) for item, row, hit in zip(inputs, rows, kept, strict=True) if not hit]
    result = Result(outdir=Path(outdir), skipped=list(skipped))
    shared: dict[str, Entity] = {}
    successor = _successor(gazetteer)
    meter = Progress(len(inputs), progress)
    computed: Outcomes | None = None
    with OutputFolder(outdir) as out:
        writer = GraphWriter(out.path("."), formats=[fmt for fmt in formats if fmt not in NETWORK_FORMATS])
        try:
            spill = str(out.path(".spill"))
            # the workers start first: they load the extractor while the cached outcomes are read
            computed = (
                run_on_dask(todo, settings, dask) if dask
                else run(todo, settings, jobs=jobs, spill=spill, alone=len(inputs) < 2)
            )
            cached = [store_cache.get(key) if store_cache is not None and key is not None and hit else None
                      for key, hit in zip(keys, kept, strict=True)]
            for item, row, key, hit, present in zip(inputs, rows, keys, cached, kept, strict=True):
                if hit is not None:
                    outcome = hit
                elif present:  # an entry that could not be read after all: build the document here
                    outcome = process(item, settings, row, None, spill)
                else:
                    outcome = next(computed)
                check_signals()
                meter.update()
                if isinstance(outcome, SkippedInput):
                    result.skipped.append(outcome)
                    continue
                if hit is not None:
                    result.cached += 1
                elif store_cache is not None and key is not None:
                    store_cache.put(key, outcome)
                _add_document(result, outcome, writer, out, shared, successor)
            if result.documents:
                writer.add_graph(SHARED_GRAPH, shared_triples(shared.values(), successor))
        finally:
            if computed is not None:
                computed.close()
            writer.close()
            meter.close()
        shutil.rmtree(out.path(".spill"), ignore_errors=True)
        if result.documents and (views or network_formats):
            write_network(out.path("graph.nq"), out, views=views, max_nodes=page_max_nodes, formats=network_formats)
        result.entities = len(shared)
        result.triples = writer.triples
        if result.documents:
            write_report(
                out.path("report.json"),
                documents=[report_entry(d) for d in result.documents],
                skipped=result.skipped,
                counts=result.counts(),
                settings=output_settings(build_fingerprint, formats, views, page_max_nodes),
                shard=f"{shard[0]}/{shard[1]}" if shard else None,
            )
            check_signals()
            out.commit()
            if store_cache is not None:
                store_cache.prune()
    if result.documents and store is not None:
        from graph.diskstore import update_store

        result.store = update_store(store, Path(outdir) / "graph.nq")
    return result


def _shard_of(inputs: list[Any], shard: tuple[int, int]) -> list[Any]:
    from graph.errors import UsageError

    index, count = shard
    if not 1 <= index <= count:
        raise UsageError(f"no shard {index}/{count} (use I/N with 1 <= I <= N, e.g. --shard 1/4)")
    return inputs[index - 1 :: count]


def _successor(gazetteer: Gazetteer) -> Callable[[str], Entity | None]:
    """Looks up the record of a gazetteer entry named as a successor or a parent."""

    def successor(entity_id: str) -> Entity | None:
        return entity_from_entry(gazetteer[entity_id]) if entity_id in gazetteer else None

    return successor


def _add_document(
    result: Result, output: DocumentOutput, writer: GraphWriter, out: OutputFolder, shared: dict[str, Entity],
    successor: Any,
) -> None:
    """Write one document's graph and text, and count what it gave."""
    writer.add_chunk(output.chunk)
    output.chunk.discard()
    out.path(f"text/{output.built.doc_id}.txt").write_text(output.text, encoding="utf-8", newline="")
    for entity in output.entities:
        shared[entity.id] = choose_entity(shared.get(entity.id), entity, successor)
    result.actions += output.actions
    result.unresolved += output.unresolved
    result.documents.append(output.built)
