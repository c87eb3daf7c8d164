"""HTML -> plain text lines, with the standard library's ``html.parser``.

Script, style and head content, comments and CDATA go; entities are decoded;
block elements end paragraphs (a blank line), ``<br>`` ends a line; list items start
with their marker ("• ", "1. ", "(a) ") and nested lists are indented two spaces per
level, so the text reader sees the same shapes as in plain-text documents. The parser
keeps explicit stacks and never recurses, so any nesting depth is fine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from graph.reader.normalise import int_to_roman

HTML_EXTENSIONS = (".htm", ".html", ".xhtml")
BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li tr table blockquote pre section article dd dt ul ol dl "
    "header footer main aside nav address figure figcaption form fieldset hr caption "
    "center thead tbody tfoot details summary body".split()
)
SKIPPED_TAGS = frozenset({"script", "style", "template", "noscript"})
LIST_INDENT = "  "

_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL
)
_ANY_TAG = re.compile(r"<(?:[a-zA-Z][\w:-]*|/[a-zA-Z]|!--|!doctype)", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")


def looks_like_html(text: str, name: str = "") -> bool:
    """HTML by extension (when it holds tags at all) or by its opening."""
    if _HTML_START.match(text[:4096]):
        return True
    return Path(name).suffix.lower() in HTML_EXTENSIONS and bool(_ANY_TAG.search(text))


@dataclass
class _List:
    ordered: bool
    style: str
    counter: int


def _letters(value: int) -> str:
    out = ""
    while value > 0:
        value, rest = divmod(value - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def _marker(item: _List) -> str:
    if not item.ordered:
        return "\u2022 "
    n = item.counter
    if item.style == "a":
        return f"({_letters(n)}) "
    if item.style == "A":
        return f"({_letters(n).upper()}) "
    if item.style == "i":
        return f"({int_to_roman(n).lower()}) "
    if item.style == "I":
        return f"{int_to_roman(n)}. "
    return f"{n}. "


class _TextBuilder(HTMLParser):
    """Collects the text of a page as lines; blank lines separate paragraphs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.title_parts: list[str] = []
        self._line: list[str] = []
        self._prefix = ""
        self._skip: list[str] = []
        self._lists: list[_List] = []
        self._in_head = False
        self._in_title = False
        self._pre = 0

    # -- output --------------------------------------------------------------
    def _flush(self) -> None:
        text = "".join(self._line)
        self._line = []
        if self._pre:
            if text.strip():
                self.lines.append(text.rstrip())
            return
        text = text.strip()
        if text:
            self.lines.append(self._prefix + text)
            self._prefix = ""

    def _end_paragraph(self) -> None:
        self._flush()
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    # -- parser callbacks ----------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_TAGS:
            self._skip.append(tag)
            return
        if tag == "head":
            self._in_head = True
        elif tag == "title":
            self._in_title = True
        elif tag == "br":
            self._flush()
        elif tag in ("td", "th"):
            self._line.append(" ")
        if tag in BLOCK_TAGS:
            self._in_head = False
            self._end_paragraph()
        if tag == "pre":
            self._pre += 1
        elif tag in ("ul", "ol"):
            values = dict(attrs)
            start = values.get("start") or "1"
            self._lists.append(
                _List(tag == "ol", (values.get("type") or "1").strip(), int(start) - 1 if start.isdigit() else 0)
            )
        elif tag == "li":
            if not self._lists:
                self._lists.append(_List(False, "", 0))
            item = self._lists[-1]
            value = dict(attrs).get("value")
            item.counter = int(value) if value and value.isdigit() else item.counter + 1
            self._prefix = LIST_INDENT * (len(self._lists) - 1) + _marker(item)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_TAGS:
            return
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "hr"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS:
            if tag in self._skip:
                while self._skip and self._skip.pop() != tag:
                    pass
            return
        if tag == "head":
            self._in_head = False
        elif tag == "title":
            self._in_title = False
        if tag in BLOCK_TAGS:
            self._end_paragraph()
        if tag == "li":
            self._prefix = ""
        if tag == "pre" and self._pre:
            self._pre -= 1
        elif tag in ("ul", "ol") and self._lists:
            self._lists.pop()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._in_title:
            self.title_parts.append(data)
            return
        if self._in_head:
            return
        if not self._pre:
            self._line.append(_WHITESPACE.sub(" ", data))
            return
        *complete, last = data.split("\n")
        for piece in complete:
            self._line.append(piece)
            self.lines.append("".join(self._line).rstrip())
            self._line = []
        self._line.append(last)

    def close(self) -> None:
        super().close()
        self._flush()


def html_to_text(markup: str) -> tuple[str, str | None]:
    """The text of an HTML page as lines, and its ``<title>`` (or ``None``)."""
    builder = _TextBuilder()
    builder.feed(markup)
    builder.close()
    title = " ".join("".join(builder.title_parts).split()) or None
    return "\n".join(builder.lines).strip("\n"), title
