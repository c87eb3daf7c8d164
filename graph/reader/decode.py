"""Bytes -> text, whatever the encoding; files that are not text are refused.

UTF-8 (with or without BOM), UTF-16 and UTF-32 with a BOM, UTF-16 without a BOM
(recognised by its NUL bytes), else cp1252. Nothing here raises on an encoding:
undecodable bytes become U+FFFD and a warning says so.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from graph.errors import InputError

SAMPLE_BYTES = 4096
UTF16_NUL_SHARE = 0.6
"""Share of NUL bytes in one byte position that makes BOM-less text UTF-16."""

_BINARY_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_TEXT_HINT = "give a plain-text or HTML file"


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the encoding used and what went wrong on the way."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def _utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when NULs sit in every other byte, as in mostly-ASCII UTF-16."""
    sample = data[: SAMPLE_BYTES - SAMPLE_BYTES % 2]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even = sample[0::2].count(0) / pairs
    odd = sample[1::2].count(0) / pairs
    if odd >= UTF16_NUL_SHARE and even < 0.05:
        return "utf-16-le"
    if even >= UTF16_NUL_SHARE and odd < 0.05:
        return "utf-16-be"
    return None


def _decode_counting(data: bytes, encoding: str) -> tuple[str, int]:
    """``data`` decoded with replacement, and how many replacements were made."""
    text = data.decode(encoding, errors="replace")
    return text, text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")


def decode(data: bytes, path: str | Path) -> Decoded:
    """Decode the bytes of file ``path``, or raise :class:`InputError` for a non-text file."""
    if not data:
        raise InputError(path, "empty file", "the file has no bytes; give a document with text")
    if data.lstrip()[:5] == b"%PDF-" or data.startswith(b"%PDF"):
        raise InputError(path, "PDF file", "convert it to text first, e.g. with pdftotext")
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise InputError(path, "binary file", f"it is {what}; {_TEXT_HINT}")
    warnings: list[str] = []
    bom = next(((b, name) for b, name in _BOMS if data.startswith(b)), None)
    encoding = bom[1] if bom else _utf16_without_bom(data)
    if encoding is not None:
        text, bad = _decode_counting(data[len(bom[0]) :] if bom else data, encoding.removesuffix("-sig"))
        if bad:
            warnings.append(f"decoded as {encoding}: {bad} invalid byte sequence(s) became U+FFFD")
    elif b"\x00" in data:
        raise InputError(path, "binary file", f"it holds NUL bytes; {_TEXT_HINT}")
    else:
        text, bad = _decode_counting(data, "utf-8")
        encoding = "utf-8"
        if bad and len(_UTF8_MULTIBYTE.findall(data)) > bad:
            warnings.append(f"decoded as utf-8: {bad} invalid byte sequence(s) became U+FFFD")
        elif bad:
            text, encoding = data.decode("cp1252", errors="replace"), "cp1252"
            warnings.append("decoded as cp1252: not valid UTF-8")
    if "\x00" in text:
        raise InputError(path, "binary file", f"it holds NUL characters; {_TEXT_HINT}")
    text = text.lstrip("\ufeff")
    if not text:
        raise InputError(path, "empty file", "the file holds only a byte-order mark")
    if not text.strip():
        raise InputError(path, "only whitespace", "the file has no text")
    return Decoded(text=text, encoding=encoding, warnings=tuple(warnings))
