"""The build cache: what each document gave, kept in ``OUTDIR/.cache/`` by content hash.

An entry's key is the SHA-256 of everything its output depends on:

- the file's bytes, its path as given and its ``<doc>`` id;
- its metadata row (the values, not where the row stands in the CSV);
- the *fingerprint* of the build: diplograph's version and the bytes of every module,
  data file and ontology file of the installed package, the bytes of every extra
  gazetteer, and the optional formats serialised per document.

So a change to any of those misses, and nothing else does. Entries are JSON (never
pickles: a cache folder is data, and loading it runs no code); each is written to a
temporary name and renamed, so an interrupted build leaves no half entry. After a build,
entries it did not use are removed, so the cache holds one corpus's worth.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import asdict, fields
from importlib import resources
from pathlib import Path
from typing import Any

from graph.inputs import InputFile
from graph.metadata import MetadataRow
from graph.ontology import ontology_dir
from graph.records import Entity
from graph.work import BuiltDocument, DocumentOutput, Settings
from graph.writers import GraphChunk

CACHE_FOLDER = ".cache"
FORMAT = 2
"""Version of the entry layout; part of every key."""


def _package_files() -> list[tuple[str, Path]]:
    """(name, path) of every file of the package that can change what a build writes."""
    root = Path(str(resources.files("graph")))
    found = [
        (path.relative_to(root).as_posix(), path)
        for path in root.rglob("*")
        if path.is_file() and path.suffix in (".py", ".json", ".jsonl", ".ttl", ".rq", ".txt") and "__pycache__" not in path.parts
    ]
    ontology = ontology_dir()
    if ontology.resolve() != (root / "ontology").resolve():
        found += [(f"ontology/{path.name}", path) for path in ontology.glob("*.ttl")]
    return sorted(found)


def fingerprint(settings: Settings) -> str:
    """The digest of what every document's output depends on besides its own file."""
    from graph import __version__

    digest = hashlib.sha256(f"diplograph {__version__} cache {FORMAT}\n".encode())
    for name, path in _package_files():
        digest.update(f"{name}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    for _path, text in settings.gazetteers:
        digest.update(b"gazetteer\n")
        digest.update(hashlib.sha256(text.encode("utf-8")).digest())
    digest.update(f"jsonld={settings.jsonld}\n".encode())
    return digest.hexdigest()


def _row_values(row: MetadataRow | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {f.name: getattr(row, f.name) for f in fields(row) if f.name not in ("origin", "line")}


class Cache:
    """Entries of one OUTDIR's cache for one build fingerprint."""

    def __init__(self, outdir: str | Path, fingerprint: str) -> None:
        self.folder = Path(outdir) / CACHE_FOLDER
        self.fingerprint = fingerprint
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0

    def key(self, item: InputFile, row: MetadataRow | None) -> str | None:
        """The key of ``item``'s entry; None when the file cannot be read (it is then not cached)."""
        try:
            data = item.path.read_bytes()
        except OSError:
            return None
        head = json.dumps(
            {"fingerprint": self.fingerprint, "path": str(item.path), "doc": item.doc_id, "relative": item.relative,
             "metadata": _row_values(row)},
            sort_keys=True, ensure_ascii=False,
        )
        digest = hashlib.sha256(head.encode("utf-8"))
        digest.update(b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def has(self, key: str) -> bool:
        """True when an entry is kept under ``key`` (:meth:`get` may still find it unreadable)."""
        return self._path(key).is_file()

    def get(self, key: str) -> DocumentOutput | None:
        """The cached output under ``key``, or None (a missing or unreadable entry is a miss)."""
        self.used.add(key)
        path = self._path(key)
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
            output = _from_json(entry, path.parent)
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return output

    def put(self, key: str, output: DocumentOutput) -> None:
        """Keep ``output`` under ``key`` (a cache that cannot be written is only slower)."""
        self.used.add(key)
        path = self._path(key)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            entry = _to_json(output)
            for fmt, source in (output.chunk.files or {}).items():
                kept = path.with_suffix(f".{fmt}")  # a large graph's files sit beside the entry
                shutil.copyfile(source, temporary)
                os.replace(temporary, kept)
                entry["chunk"]["files"][fmt] = kept.name
            temporary.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, path)
        except OSError:
            temporary.unlink(missing_ok=True)

    def prune(self) -> None:
        """Remove the entries this build did not use."""
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*/*"):
            if path.stem not in self.used or path.name.endswith(".tmp"):
                path.unlink(missing_ok=True)
        for folder in self.folder.iterdir():
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()


def _to_json(output: DocumentOutput) -> dict[str, Any]:
    chunk = output.chunk
    return {
        "built": asdict(output.built),
        "chunk": {
            "graph": chunk.graph, "triples": chunk.triples, "ttl": chunk.ttl.decode("utf-8"),
            "trig": chunk.trig.decode("utf-8"), "nq": chunk.nq.decode("utf-8"),
            "jsonld": chunk.jsonld.decode("utf-8") if chunk.jsonld is not None else None,
            "files": {} if chunk.files is not None else None,
        },
        "text": output.text,
        "entities": [asdict(entity) for entity in output.entities],
        "actions": output.actions,
        "unresolved": output.unresolved,
    }


def _tuples(record: dict[str, Any]) -> dict[str, Any]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in record.items()}


def _from_json(entry: dict[str, Any], folder: Path) -> DocumentOutput:
    chunk = entry["chunk"]
    files = chunk.get("files")
    if files is not None:
        files = {fmt: str(folder / name) for fmt, name in files.items()}
        missing = [path for path in files.values() if not Path(path).is_file()]
        if missing:
            raise OSError(f"{missing[0]}: missing")
    return DocumentOutput(
        built=BuiltDocument(**_tuples(entry["built"])),
        chunk=GraphChunk(
            graph=chunk["graph"], triples=chunk["triples"], ttl=chunk["ttl"].encode("utf-8"),
            trig=chunk["trig"].encode("utf-8"), nq=chunk["nq"].encode("utf-8"),
            jsonld=chunk["jsonld"].encode("utf-8") if chunk["jsonld"] is not None else None,
            files=files, temporary=False,
        ),
        text=entry["text"],
        entities=tuple(Entity(**_tuples(record)) for record in entry["entities"]),
        actions=entry["actions"],
        unresolved=entry["unresolved"],
    )

