"""Finding the documents to build under the paths a user names."""

from __future__ import annotations

import errno
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from graph.errors import UsageError
from graph.ids import slugify

DOCUMENT_EXTENSIONS = (".txt", ".htm", ".html")


@dataclass(frozen=True)
class InputFile:
    """One file to build: where it is and the ``<doc>`` id it gets."""

    path: Path
    doc_id: str
    relative: str = ""
    """The path relative to the PATH it was found under (``/`` separators)."""


@dataclass(frozen=True)
class SkippedInput:
    """A path that was not built, and why."""

    path: str
    reason: str


def example_paths() -> list[Path]:
    """The bundled example document(s)."""
    folder = resources.files("graph") / "data" / "example"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))


def _relative(path: Path, base: Path) -> Path:
    try:
        return path.relative_to(base)
    except ValueError:
        return Path(path.name)


def _input(path: Path, base: Path) -> InputFile:
    relative = _relative(path, base)
    return InputFile(path, slugify(str(relative.with_suffix(""))), relative.as_posix())


def _walk(folder: Path) -> Iterable[Path]:
    """Paths with a document extension under ``folder``, recursively (hidden ones skipped)."""
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.suffix.lower() in DOCUMENT_EXTENSIONS:
            yield path


def _problem(path: Path) -> str | None:
    """Why ``path`` cannot be a document (a folder, a symbolic link loop, a dangling link), or None."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link loop"
        return "a dangling symbolic link" if path.is_symlink() else f"cannot be read ({exc.strerror})"
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    if not stat.S_ISREG(mode):
        return "not a regular file"
    return None


def discover(paths: Sequence[str | Path]) -> tuple[list[InputFile], list[SkippedInput]]:
    """The files to build under ``paths`` (files or folders), sorted by doc id.

    A file named explicitly is read whatever its extension. Two files with the same
    doc id are a :class:`UsageError` naming both.
    """
    found: list[InputFile] = []
    skipped: list[SkippedInput] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for item in _walk(path):
                problem = _problem(item)
                if problem is not None:
                    skipped.append(SkippedInput(str(item), problem))
                else:
                    found.append(_input(item, path))
        elif path.exists() or path.is_symlink():
            problem = _problem(path)
            if problem is not None:
                skipped.append(SkippedInput(str(path), problem))
            else:
                found.append(_input(path, path.parent))
        else:
            raise UsageError(f"{path}: no such file or folder")
    by_id: dict[str, InputFile] = {}
    for item in found:
        if item.doc_id in by_id and by_id[item.doc_id].path.resolve() != item.path.resolve():
            raise UsageError(
                f"{by_id[item.doc_id].path} and {item.path} both give the document id "
                f'"{item.doc_id}" (rename one of them)'
            )
        by_id[item.doc_id] = item
    return [by_id[k] for k in sorted(by_id)], skipped
