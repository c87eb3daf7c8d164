"""The errors diplograph raises.

Every message names the file (and the line, where there is one), what is wrong and
what to do about it, so the command line can print it as one line with no traceback.
"""

from __future__ import annotations

from pathlib import Path


class DiplographError(Exception):
    """Base class of every error diplograph raises on purpose."""


class InputError(DiplographError):
    """An input document cannot be read or makes no sense as a document.

    ``path`` is the file; ``reason`` a short phrase used in build summaries
    ("empty file", "binary file (PDF)"); ``hint`` says what to do.
    """

    def __init__(self, path: str | Path, reason: str, hint: str = "") -> None:
        self.path = str(path)
        self.reason = reason
        self.hint = hint
        message = f"{self.path}: {reason}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)


class DataError(DiplographError):
    """A data file (gazetteer, lexicon, metadata) has a bad entry.

    The message reads ``file:line: what is wrong``.
    """

    def __init__(self, path: str | Path, line: int, problem: str) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        super().__init__(f"{self.path}:{line}: {problem}")


class UsageError(DiplographError):
    """The request cannot be carried out as given (two inputs with one id, a missing output)."""


class OntologyError(DiplographError):
    """The ontology files are missing or do not parse."""
