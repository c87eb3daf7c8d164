"""``diplograph merge``: join the outputs of several builds into the output of one.

Each build (a shard, ``build --shard I/N``, or any build with the same settings) holds its
documents' named graphs in ``graph.nq`` in ``<doc>`` order, their texts in ``text/`` and
their list in ``report.json``. The merge walks the documents of all the builds in
``<doc>`` order, writes each graph again with the one writer every build uses, and rebuilds
``graph/shared``: for a subject two builds describe differently (an entity one document
gives an acronym and another does not) it keeps the description that sorts first, as a
single build does (:func:`graph.pipeline.choose_entity`). The bytes are those of a single
build of all the documents.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.diskstore import graphs_of
from graph.errors import DiplographError, UsageError
from graph.ids import SHARED_GRAPH, document_graph_iri
from graph.inputs import SkippedInput
from graph.pipeline import (
    NETWORK_FORMATS,
    description_key,
    write_network,
    write_report,
)
from graph.terms import to_rdflib
from graph.writers import GraphWriter, OutputFolder, graph_chunk


class _Build:
    """One build folder being merged."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        path = folder / "report.json"
        try:
            self.report: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            self.documents: list[dict[str, Any]] = self.report["documents"]
            self.settings: dict[str, Any] = self.report["settings"]
        except FileNotFoundError as exc:
            raise DiplographError(f"{folder}: no report.json here (merge the folders `diplograph build -o` wrote)") from exc
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise DiplographError(f"{path}: not a report.json of this diplograph version ({exc}); build it again") from exc
        if not (folder / "graph.nq").is_file():
            raise DiplographError(f"{folder}: no graph.nq here (build it again)")
        self._graphs = graphs_of(folder / "graph.nq")

    def next_graph(self, expected: str) -> bytes:
        """The N-Quads of the next graph, which must be ``expected``."""
        found = next(self._graphs, None)
        if found is None or found[0] != expected:
            raise DiplographError(
                f"{self.folder / 'graph.nq'}: expected the graph <{expected}> here, found "
                f"{'the end of the file' if found is None else '<' + found[0] + '>'} (build it again)"
            )
        return found[1]


def _triples(nquads: bytes) -> Iterator[tuple[Any, Any, Any]]:
    for quad in ox.parse(nquads, format=ox.RdfFormat.N_QUADS):
        yield to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)


def _check_settings(builds: Sequence[_Build]) -> dict[str, Any]:
    first = builds[0]
    for build in builds[1:]:
        if build.report.get("diplograph") != first.report.get("diplograph"):
            raise DiplographError(
                f"{build.folder} was built by diplograph {build.report.get('diplograph')} and {first.folder} by "
                f"{first.report.get('diplograph')} (build them with one version)"
            )
        for key in sorted(set(first.settings) | set(build.settings)):
            if build.settings.get(key) != first.settings.get(key):
                what = "diplograph, its data or the --gazetteer files" if key == "fingerprint" else key
                raise DiplographError(
                    f"{build.folder} and {first.folder} were built with different {what} "
                    f"(build every part with the same options)"
                )
    return first.settings


def merge(sources: Sequence[str | Path], outdir: str | Path, *, store: str | Path | None = None) -> dict[str, int]:
    """Merge the build folders ``sources`` into ``outdir``; returns the counts of its report."""
    if not sources:
        raise UsageError("name at least one build folder to merge")
    builds = [_Build(Path(source)) for source in sources]
    settings = _check_settings(builds)
    owner: dict[str, _Build] = {}
    for build in builds:
        for entry in build.documents:
            if entry["id"] in owner:
                raise DiplographError(
                    f'the document "{entry["id"]}" is in both {owner[entry["id"]].folder} and {build.folder} '
                    f"(merge disjoint builds, such as the shards of one --shard I/N series)"
                )
            owner[entry["id"]] = build
    entries = sorted((entry for build in builds for entry in build.documents), key=lambda e: e["id"])
    skipped = [SkippedInput(s["path"], s["reason"]) for build in builds for s in build.report.get("skipped", [])]
    formats = [fmt for fmt in settings["formats"] if fmt not in NETWORK_FORMATS]
    network_formats = [fmt for fmt in settings["formats"] if fmt in NETWORK_FORMATS]
    with OutputFolder(outdir) as out:
        writer = GraphWriter(out.path("."), formats=formats)
        try:
            for entry in entries:
                build = owner[entry["id"]]
                graph_iri = document_graph_iri(entry["id"])
                nquads = build.next_graph(str(graph_iri))
                writer.add_chunk(graph_chunk(graph_iri, _triples(nquads), jsonld="jsonld" in formats))
                text = out.path(f"text/{entry['id']}.txt")
                try:
                    shutil.copyfile(build.folder / "text" / f"{entry['id']}.txt", text)
                except FileNotFoundError as exc:
                    raise DiplographError(f"{exc.filename}: missing (build {build.folder} again)") from exc
            writer.add_graph(SHARED_GRAPH, _shared(builds))
        finally:
            writer.close()
        views = settings["views"]
        if views or network_formats:
            write_network(
                out.path("graph.nq"), out, views=views, max_nodes=settings["page_max_nodes"], formats=network_formats
            )
        report_counts = {
            "documents": len(entries), "skipped": len(set(skipped)),
            "entities": len({entity for entry in entries for entity in entry["entities"]}),
            "actions": sum(build.report["counts"]["actions"] for build in builds),
            "unresolved": sum(build.report["counts"]["unresolved"] for build in builds),
            "triples": writer.triples,
        }
        write_report(out.path("report.json"), documents=entries, skipped=skipped, counts=report_counts, settings=settings)
        out.commit()
    if store is not None:
        from graph.diskstore import update_store

        update_store(store, Path(outdir) / "graph.nq")
    return report_counts


def _shared(builds: Sequence[_Build]) -> list[tuple[Any, Any, Any]]:
    """``graph/shared`` of all the builds: per subject, the description that sorts first."""
    descriptions: dict[Any, list[list[tuple[Any, Any, Any]]]] = {}
    for build in builds:
        nquads = build.next_graph(str(SHARED_GRAPH))
        by_subject: dict[Any, list[tuple[Any, Any, Any]]] = {}
        for triple in _triples(nquads):
            by_subject.setdefault(triple[0], []).append(triple)
        for subject, triples in by_subject.items():
            descriptions.setdefault(subject, []).append(triples)
    shared: list[tuple[Any, Any, Any]] = []
    for candidates in descriptions.values():
        shared += min(candidates, key=description_key)
    return shared
