"""diplograph: a knowledge graph of actors, frameworks and agreed actions from diplomatic documents.

Library first::

    import graph
    doc = graph.read("communique.txt")        # -> Document (normalised text, structure, metadata)
    result = graph.build(["corpus/"], outdir="out")   # -> Result (counts, skipped files)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["build", "read", "extract", "Result", "Document", "__version__"]

if TYPE_CHECKING:
    from graph.document import Document
    from graph.pipeline import Result, build, extract
    from graph.reader import read


def __getattr__(name: str) -> Any:
    # Heavy modules (spaCy, rdflib) load only when their function is first used.
    if name in ("build", "extract", "Result"):
        from graph import pipeline

        return getattr(pipeline, name)
    if name == "read":
        from graph.reader import read

        return read
    if name == "Document":
        from graph.document import Document

        return Document
    raise AttributeError(f"module 'graph' has no attribute {name!r}")
