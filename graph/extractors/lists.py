"""Lists inside actions: bullets after a colon, inline "(a) ...; (b) ..." items, cut-off ends."""

from __future__ import annotations

import re
from collections.abc import Sequence

from graph.document import Document, Paragraph

_TRAILING = " \t\n,;:."
_CLOSING_QUOTES = ('"', "\u201d", "\u2019")
_QUOTES = ('"', "\u201c", "\u201d")
_ITEM_MARKER = re.compile(r"\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s+")
_ITEM_SEPARATOR = re.compile(r";\s*(?:(?:and|or)\s+)?")


def cut_off(document: Document, paragraph: Paragraph) -> bool:
    """True when ``paragraph`` is where the text ends and it ends without final punctuation."""
    if paragraph.end < len(document.text.rstrip()):
        return False
    return not document.text[paragraph.start : paragraph.end].rstrip().rstrip("\"'\u201d\u2019)]").endswith(
        (".", "!", "?", ";", ":")
    )


def inline_items(text: str, offset: int) -> list[tuple[str, int]]:
    """The items of a list after a colon ("in: a; b; and c", ": (a) ...; (b) ..."), with offsets."""
    if ":" not in text:
        return []
    tail_start = text.index(":") + 1
    tail = text[tail_start:]
    pieces = [(m.start(), m.end()) for m in _ITEM_SEPARATOR.finditer(tail)]
    if not pieces:
        return []
    bounds = [0] + [e for _s, e in pieces]
    ends = [s for s, _e in pieces] + [len(tail)]
    items = []
    for b, e in zip(bounds, ends, strict=True):
        piece = tail[b:e]
        marker = _ITEM_MARKER.match(piece.lstrip())
        lead = len(piece) - len(piece.lstrip()) + (marker.end() if marker else 0)
        item = trim_item(piece[lead:])
        if item:
            items.append((item, offset + tail_start + b + lead))
    return items if len(items) >= 2 else []


def trim_item(text: str) -> str:
    """A list item without its trailing ";", ",", ".", "and" or "or", or the quote mark that
    closes the quoted text it ends."""
    trimmed = text.rstrip()
    while True:
        before = trimmed
        trimmed = trimmed.rstrip(_TRAILING)
        for word in (" and", " or"):
            if trimmed.endswith(word):
                trimmed = trimmed[: -len(word)]
        if trimmed.endswith(_CLOSING_QUOTES) and not any(q in trimmed[:-1] for q in _QUOTES):
            trimmed = trimmed[:-1]  # the close of a quoted text ('... of the matter."'), not of a quote in the item
        if trimmed == before:
            return trimmed


_INFINITIVE_ITEM = re.compile(r"[Tt]o [a-z]")
"""How the numbered items of a decision's "Decides:" begin ("1. To extend the mandate ...")."""


def list_items(paragraphs: Sequence[Paragraph], index: int, text: str = "") -> list[int]:
    """The bullet or sub-item paragraphs right after paragraph ``index``; or, after an
    unnumbered paragraph, numbered paragraphs from 1 that each begin with an infinitive (the
    operative items of a decision: "Decides: / 1. To extend ... / 2. To request ...")."""
    items = []
    parent = paragraphs[index]
    for follower in range(index + 1, len(paragraphs)):
        paragraph = paragraphs[follower]
        if paragraph.kind in ("bullet", "item") and paragraph.level > parent.level or (
            paragraph.kind == "bullet" and parent.kind != "bullet"
        ):
            items.append(follower)
        else:
            break
    if items or not text or parent.marker is not None:
        return items
    for number, follower in enumerate(range(index + 1, len(paragraphs)), start=1):
        paragraph = paragraphs[follower]
        body = text[paragraph.body_start if paragraph.body_start is not None else paragraph.start : paragraph.end]
        if paragraph.number != number or paragraph.marker is None or not _INFINITIVE_ITEM.match(body):
            break
        items.append(follower)
    return items
