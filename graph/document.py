"""The document model: what the reader returns and the extractors read.

Offsets count Unicode code points into ``Document.text`` (the normalised text),
end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

ParagraphKind = Literal["heading", "body", "bullet", "item"]


@dataclass(frozen=True)
class Paragraph:
    """A block of the normalised text.

    ``number`` is the top-level paragraph number this block belongs to (the
    printed number, Roman numerals converted; continuation paragraphs, bullets
    and sub-items carry the number of the numbered paragraph above them), or
    ``None`` when none is printed. ``marker`` is the printed marker that opens
    the block ("1.", "(a)", "•", "II."), kept in the text; ``body_start`` is
    where the block's own words begin, after the marker.
    """

    start: int
    end: int
    kind: ParagraphKind
    number: int | None = None
    marker: str | None = None
    body_start: int | None = None
    level: int = 0


@dataclass(frozen=True)
class Sentence:
    """A sentence of one paragraph (``paragraph`` is its index in ``Document.paragraphs``)."""

    start: int
    end: int
    paragraph: int


@dataclass
class Document:
    """A read document: its normalised text, structure and printed metadata."""

    doc_id: str
    source: str
    text: str
    paragraphs: tuple[Paragraph, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    title: str | None = None
    date: str | None = None
    modified: str | None = None
    identifier: str | None = None
    doc_type: str | None = None
    source_url: str | None = None
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = ()
    path: str | None = field(default=None, compare=False)
    parsed: tuple[Any, ...] = field(default=(), repr=False, compare=False)
    """One spaCy ``Doc`` per paragraph (same order as ``paragraphs``), kept so
    the extractors do not tokenise the text twice. Not part of equality."""

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph that contains ``offset``, or ``None``."""
        lo, hi = 0, len(self.paragraphs)
        while lo < hi:
            mid = (lo + hi) // 2
            para = self.paragraphs[mid]
            if offset < para.start:
                hi = mid
            elif offset >= para.end:
                lo = mid + 1
            else:
                return para
        return None
