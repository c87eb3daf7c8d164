"""The document reader: a file (text or HTML, any common encoding) -> :class:`Document`.

Example::

    from graph.reader import read
    doc = read("communique.txt")
    doc.title, doc.date, [doc.text[p.start:p.end] for p in doc.paragraphs]
"""

from __future__ import annotations

from pathlib import Path

from graph.document import Document, Sentence
from graph.errors import InputError
from graph.ids import slugify
from graph.reader.decode import decode
from graph.reader.html import html_to_text, looks_like_html
from graph.reader.metadata import extract_metadata
from graph.reader.normalise import normalise, split_header

__all__ = ["load_bytes", "read", "read_bytes", "read_text"]


def read(path: str | Path, *, doc_id: str | None = None) -> Document:
    """Read the document at ``path``.

    ``doc_id`` defaults to the slug of the file's base name without its extension.
    Raises :class:`InputError` for a file that cannot be read as a document (missing,
    empty, only whitespace, PDF, binary).
    """
    return read_bytes(load_bytes(path), path=path, doc_id=doc_id)


def load_bytes(path: str | Path) -> bytes:
    """The bytes of the file at ``path``; :class:`InputError` when it cannot be read."""
    try:
        return Path(path).read_bytes()
    except IsADirectoryError as exc:
        raise InputError(path, "a folder, not a file", "name a text or HTML file") from exc
    except FileNotFoundError as exc:
        raise InputError(path, "no such file", "check the path") from exc
    except OSError as exc:
        raise InputError(path, "cannot be read", exc.strerror or str(exc)) from exc


def read_bytes(data: bytes, *, path: str | Path, doc_id: str | None = None) -> Document:
    """Read the document whose file at ``path`` holds ``data`` (read elsewhere: on a Dask
    worker, the bytes travel with the task). The same as :func:`read` on that file."""
    return _read(data, name=Path(path).name, path=str(path), doc_id=doc_id)


def read_text(text_or_bytes: str | bytes, *, name: str, doc_id: str | None = None) -> Document:
    """Read a document given as text or bytes; ``name`` is its file name (for ids and messages)."""
    return _read(text_or_bytes, name=name, path=None, doc_id=doc_id)


def _read(content: str | bytes, *, name: str, path: str | None, doc_id: str | None) -> Document:
    """Decode, convert HTML, normalise, find metadata and sentences; errors name ``path`` or ``name``."""
    where = path or name
    base = Path(name).name
    if isinstance(content, bytes):
        decoded = decode(content, where)
        text, encoding, warnings = decoded.text, decoded.encoding, list(decoded.warnings)
    else:
        if not content:
            raise InputError(where, "empty file", "the text is empty")
        if not content.strip():
            raise InputError(where, "only whitespace", "the text has no words")
        text, encoding, warnings = content.lstrip("\ufeff"), "utf-8", []
    text, source_url = split_header(text)
    html_title: str | None = None
    if looks_like_html(text, base):
        text, html_title = html_to_text(text)
    normalised = normalise(text)
    if not normalised.text:
        raise InputError(where, "no text", "nothing but a header, markup or page debris was found")
    stem = Path(base).stem or base
    meta = extract_metadata(normalised.text, normalised.paragraphs, fallback_title=html_title or stem)
    document = Document(
        doc_id=doc_id or slugify(stem),
        source=base,
        text=normalised.text,
        paragraphs=normalised.paragraphs,
        title=meta.title,
        date=meta.date,
        modified=normalised.modified,
        identifier=meta.identifier,
        doc_type=meta.doc_type,
        source_url=source_url,
        encoding=encoding,
        warnings=tuple(warnings),
        path=path,
    )
    _add_sentences(document)
    return document


def _add_sentences(document: Document) -> None:
    """Parse the paragraphs with spaCy; keep the Docs and the sentence offsets."""
    from graph.nlp import KEEP_DOCS_CHARS, Reparsed, iter_paragraphs

    keep = len(document.text) <= KEEP_DOCS_CHARS
    parsed = []
    sentences: list[Sentence] = []
    text = document.text
    for index, (para, doc) in enumerate(zip(document.paragraphs, iter_paragraphs(document.text, document.paragraphs), strict=True)):
        if keep:
            parsed.append(doc)
        for sent in doc.sents:
            start = para.start + sent.start_char
            end = para.start + sent.end_char
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                sentences.append(Sentence(start, end, index))
    document.parsed = tuple(parsed) if keep else Reparsed(document.text, document.paragraphs)  # type: ignore[assignment]
    document.sentences = tuple(sentences)
