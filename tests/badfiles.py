"""Generate the bad and awkward inputs of the robustness tests (never pasted: made here).

``write_bad_files(folder)`` writes each case and returns {file name: expected outcome}: an
outcome is ("skipped", reason) or ("built", None).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

GOOD = "12 May 1995\n\nNATO and Russia agreed to hold regular consultations.\n"


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b"")


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("doc.txt", GOOD)
    return buffer.getvalue()


def _pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def write_bad_files(folder: Path) -> dict[str, tuple[str, str | None]]:
    folder.mkdir(parents=True, exist_ok=True)
    cases: dict[str, tuple[bytes, tuple[str, str | None]]] = {
        "empty.txt": (b"", ("skipped", "empty file")),
        "blank.txt": (b" \n\t\r\n  \n", ("skipped", "only whitespace")),
        "image.txt": (_png(), ("skipped", "binary file")),
        "archive.txt": (_zip(), ("skipped", "binary file")),
        "scan.txt": (_pdf(), ("skipped", "PDF file")),
        "nul.txt": (GOOD.encode() + b"\x00\x00\x00" + GOOD.encode(), ("skipped", "binary file")),
        "utf16-bom.txt": (GOOD.encode("utf-16"), ("built", None)),
        "utf16-le.txt": (GOOD.encode("utf-16-le"), ("built", None)),
        "cp1252.txt": ("12 May 1995\n\nNATO and Russia agreed to \u201cregular\u201d talks.\n".encode("cp1252"), ("built", None)),
        "invalid-utf8.txt": (GOOD.encode() + b"\x81\x8d\x8f\x90\x9d caf\xe9.\n", ("built", None)),
        "script.html": (
            b"<html><head><style>p{color:red}</style><script>document.write('<p>We agreed.</p>')</script></head>"
            b"<body><!-- We condemned it. --><![CDATA[ x ]]><p>12 May 1995</p><p>NATO and Russia agreed to hold talks "
            b"&amp; meet again &lt;soon&gt;.</p></body></html>",
            ("built", None),
        ),
        "deep.html": (b"<div>" * 20000 + GOOD.encode() + b"</div>" * 20000, ("built", None)),
        "long-line.txt": (
            b"12 May 1995\n\n" + b"The weather over the region was fine and calm. " * 110000 + b"NATO and Russia agreed to hold talks.",
            ("built", None),
        ),
        "name with spaces, 'quotes' and \u00e9\u00e8.txt".encode("utf-8").decode("utf-8"): (GOOD.encode(), ("built", None)),
    }
    outcomes = {}
    for name, (data, outcome) in cases.items():
        (folder / name).write_bytes(data)
        outcomes[name] = outcome
    (folder / "folder.txt").mkdir()
    outcomes["folder.txt"] = ("skipped", "a folder, not a file")
    (folder / "loop-a.txt").symlink_to(folder / "loop-b.txt")
    (folder / "loop-b.txt").symlink_to(folder / "loop-a.txt")
    outcomes["loop-a.txt"] = ("skipped", "a symbolic link loop")
    outcomes["loop-b.txt"] = ("skipped", "a symbolic link loop")
    return outcomes


def large_text(size: int) -> bytes:
    """A plain-text document of exactly ``size`` bytes: numbered paragraphs of plain prose
    with an agreed action every tenth paragraph (the count is ``(paragraphs + 9) // 10``)."""
    prose = (
        "The situation in the region was reviewed and reports were heard on the work of the "
        "committees, on the budget and on the preparations for the next session. "
    )
    head = b"12 May 1995\n\n"
    parts = [head]
    length = len(head)
    number = 0
    while True:
        number += 1
        text = f"{number}. " + (
            f"NATO and Russia agreed to hold consultations on item {number}. " if number % 10 == 1 else ""
        ) + prose * 3 + "\n\n"
        data = text.encode("ascii")
        if length + len(data) > size:
            break
        parts.append(data)
        length += len(data)
    parts.append(b" " * (size - length - 1) + b"\n")
    return b"".join(parts)
