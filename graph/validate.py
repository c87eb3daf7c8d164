"""``validate()``: SHACL against the shapes, and the checks SHACL cannot make.

Beyond the shapes: the evidence of every finding with offsets equals the document's
normalised text (``OUTDIR/text/<doc>.txt``) between ``dg:start`` and ``dg:end``; document
dates lie between 1945 and today, and a "modified" date is not before the document's date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import SH, Graph, URIRef

from graph.ids import doc_id_from_iri
from graph.namespaces import DG
from graph.ontology import ontology_graph, shapes_graph
from graph.store import graph_file, union_graph


@dataclass(frozen=True)
class Problem:
    """One thing that does not hold: the node it concerns and what is wrong."""

    focus: str
    message: str

    def __str__(self) -> str:
        return f"{self.focus}: {self.message}"


@dataclass
class ValidationReport:
    """The outcome of :func:`validate`."""

    target: Path
    triples: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not self.problems


def shacl_problems(data: Graph) -> list[Problem]:
    """The SHACL violations of ``data`` against ``ontology/shapes.ttl``."""
    from pyshacl import validate as shacl_validate

    _conforms, results, _text = shacl_validate(
        data, shacl_graph=shapes_graph(), ont_graph=ontology_graph(), inference="none", allow_warnings=False
    )
    problems = []
    assert isinstance(results, Graph)
    for result in results.subjects(SH.resultSeverity, None):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        where = f" ({path.n3(data.namespace_manager)})" if path is not None else ""
        problems.append(Problem(str(focus), f"{message}{where}"))
    return sorted(problems, key=lambda p: (p.focus, p.message))


def offset_problems(data: Graph, text_dir: Path) -> list[Problem]:
    """Findings whose evidence is not the text at their offsets."""
    problems = []
    texts: dict[str, str | None] = {}
    for node in sorted(set(data.subjects(DG.start, None))):
        start, end = data.value(node, DG.start), data.value(node, DG.end)
        evidence, document = data.value(node, DG.evidence), data.value(node, DG.statedIn)
        if start is None or end is None or evidence is None or not isinstance(document, URIRef):
            continue  # the shapes report what is missing
        doc_id = doc_id_from_iri(str(document))
        if doc_id is None:
            problems.append(Problem(str(node), f"dg:statedIn {document} is not a diplograph document"))
            continue
        if doc_id not in texts:
            path = text_dir / f"{doc_id}.txt"
            texts[doc_id] = path.read_text(encoding="utf-8") if path.is_file() else None
        text = texts[doc_id]
        if text is None:
            problems.append(Problem(str(node), f"text/{doc_id}.txt is missing, so the offsets cannot be checked"))
            continue
        s, e = int(start.toPython()), int(end.toPython())
        if not 0 <= s < e <= len(text):
            problems.append(Problem(str(node), f"offsets {s}-{e} lie outside text/{doc_id}.txt ({len(text)} characters)"))
        elif text[s:e] != str(evidence):
            problems.append(Problem(str(node), f"dg:evidence is not the text at {s}-{e} of text/{doc_id}.txt"))
    return problems


EARLIEST_DATE = "1945"
"""Dates before the United Nations existed are taken for misreadings."""


def date_problems(data: Graph, today: str | None = None) -> list[Problem]:
    """Document dates before 1945 or in the future, and "modified" dates before the document's date."""
    import datetime as dt

    from rdflib import DCTERMS

    today = today or dt.date.today().isoformat()
    problems = []
    for document in sorted(set(data.subjects(DCTERMS.date, None)) | set(data.subjects(DCTERMS.modified, None))):
        date, modified = data.value(document, DCTERMS.date), data.value(document, DCTERMS.modified)
        for name, value in (("dcterms:date", date), ("dcterms:modified", modified)):
            if value is None:
                continue
            text = str(value)
            if text < EARLIEST_DATE:
                problems.append(Problem(str(document), f"{name} {text} is before {EARLIEST_DATE}"))
            elif text[: len(today)] > today[: len(text)]:
                problems.append(Problem(str(document), f"{name} {text} is in the future"))
        if date is not None and modified is not None and str(modified) < str(date)[: len(str(modified))]:
            problems.append(Problem(str(document), f"dcterms:modified {modified} is before dcterms:date {date}"))
    return problems


def validate(target: str | Path) -> ValidationReport:
    """Validate an OUTDIR (or one graph file). The report lists every problem found."""
    path = graph_file(target)
    data = union_graph(path)
    report = ValidationReport(target=Path(target), triples=len(data))
    report.problems += shacl_problems(data)
    report.problems += date_problems(data)
    text_dir = path.parent / "text"
    if any(True for _ in data.subjects(DG.start, None)):
        report.problems += offset_problems(data, text_dir)
    return report
