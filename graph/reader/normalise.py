"""Raw text -> normalised text and paragraph structure.

The normalised text has one paragraph per block, paragraphs separated by exactly one
blank line, runs of spaces collapsed, Unicode NFC, no trailing newline. Words are
never rewritten: damage (lost characters, mojibake) stays as found. What goes:

- the ``source:`` / ``retrieved-as:`` header of corpus files (the URL is kept);
- navigation debris, lines of bare bullets or bars, page-break marks and lone page
  numbers, "Updated:" lines (their date is kept as the modification date).

Hard-wrapped lines are joined into paragraphs; a paragraph starts at a blank line,
a paragraph marker or bullet, a first-line indent, a date line, or after a short
line that ends a sentence or a heading (the next word would have fitted on it).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from graph.document import Paragraph, ParagraphKind
from graph.reader.metadata import (
    CLOSERS,
    DATELINE_MAX_CHARS,
    HEADER_BODY_WORDS,
    is_all_caps,
    is_dateline,
    lexicon,
    modified_date,
    word_count,
)

HEADING_MAX_WORDS = 20
HEADING_LINE_MAX_WORDS = 12
MAX_WRAP_WIDTH = 100
"""A longer line was not hard-wrapped: it is a whole paragraph, or its end is one."""
INLINE_SPLIT_MIN_CHARS = 200
"""Only paragraphs at least this long are searched for inline paragraph numbers."""

_HARD_BULLETS = "\u2022\u00b7\u25aa\u25cf\u25e6\u25a0\u25ba\u2023\u27a2"
_SPACE = r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
_SPACES = re.compile(rf" {_SPACE}+|(?! ){_SPACE}+")
"""Runs of spaces that are not already a single " ", each replaced by one " ": the text
every run replaced would give, without a match (and a replacement) between every two words."""
_BULLETED = re.compile(rf"^[{_HARD_BULLETS}]\s*(?P<rest>\S.*)$")
_STARTS_UPPER = re.compile(r"^[\"'(\[\u201c\u2018]?[A-Z0-9\u00c0-\u00de]")
_STARTS_LOWER = re.compile(r"^[\"'(\[\u201c\u2018]?[a-z\u00df-\u00ff]")

# Paragraph markers, tried in this order.
_BULLET = re.compile(rf"^(?P<m>[{_HARD_BULLETS}\u2013*\-]|o)\s+(?=\S)")
_LETTER = re.compile(r"^[\"\u201c]?(?P<m>\((?:[a-z]|[ivxl]{1,5}|[A-Z])\)|[a-z]\))\s+(?=\S)")
"""A lettered sub-item, also in a quoted text printed a paragraph at a time ('"(a) cease ...')."""
_DECIMAL = re.compile(r"^(?P<m>(?P<n>\d{1,3})\.\d{1,3}\.?)\s+(?=\S)")
_NUMBER = re.compile(r"^(?P<m>(?P<n>\d{1,3})[.)]|\((?P<p>\d{1,3})\))\s+(?=\S)")
_ROMAN = re.compile(r"^(?P<m>(?P<r>[IVX]{1,7})\.)\s+(?=[\"'(\u201c]?[A-Z0-9])")
_ANY_MARKER = (_BULLET, _LETTER, _DECIMAL, _NUMBER, _ROMAN)
_INLINE_NUMBER = re.compile(r"(?<!\S)(?P<n>\d{1,3})\.\s+(?=[\"'(\u201c]?[A-Z])")

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_ROMAN_DIGITS = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def roman_to_int(numeral: str) -> int | None:
    """``"XIV"`` -> 14; ``None`` for a string that is not a well-formed numeral."""
    total = 0
    values = [_ROMAN_VALUES.get(ch) for ch in numeral.upper()]
    if not values or None in values:
        return None
    ints = [v for v in values if v is not None]
    for i, value in enumerate(ints):
        total += -value if i + 1 < len(ints) and ints[i + 1] > value else value
    return total if total > 0 and int_to_roman(total) == numeral.upper() else None


def int_to_roman(value: int) -> str:
    """14 -> ``"XIV"`` (1..3999)."""
    out = []
    for number, letters in _ROMAN_DIGITS:
        while value >= number:
            out.append(letters)
            value -= number
    return "".join(out)


@dataclass(frozen=True)
class Line:
    """One non-blank input line: its indentation and its text without it."""

    indent: int
    text: str

    @property
    def end(self) -> int:
        """Column after its last character."""
        return self.indent + len(self.text)


@dataclass
class _RawParagraph:
    text: str
    indent: int


@dataclass
class Normalised:
    """The result of :func:`normalise`."""

    text: str
    paragraphs: tuple[Paragraph, ...]
    modified: str | None = None


def split_header(text: str) -> tuple[str, str | None]:
    """Remove the ``source:`` and ``retrieved-as:`` lines that open a corpus file.

    Returns the rest of the text and the source URL (``None`` without a header).
    """
    lex = lexicon()
    url: str | None = None
    rest = text.lstrip("\ufeff")
    for _ in range(2):
        head, sep, tail = rest.lstrip("\r\n").partition("\n")
        head = head.rstrip("\r")
        source = lex.source_line.match(head)
        if source:
            url = source.group("url")
        elif not lex.retrieved_line.match(head):
            break
        rest = tail if sep else ""
    return rest, url


def ends_sentence(text: str) -> bool:
    """Does ``text`` end with . ! ? : or ; (closing quotes and brackets aside)?"""
    return text.rstrip(CLOSERS)[-1:] in (".", "!", "?", ":", ";")


def _last_word_as_written(text: str) -> str:
    """The last word of ``text``, case and final stop kept ("Mr." of "I congratulate Mr.")."""
    words = text.split()
    return words[-1] if words else ""


def ends_hyphenated(text: str) -> bool:
    """Does ``text`` end with a letter and a hyphen ("well-", "NPG-")?"""
    return len(text) >= 2 and text[-1] == "-" and text[-2].isalpha()


def _first_word(text: str) -> str:
    return text.split(" ", 1)[0]


def _last_word(text: str) -> str:
    words = text.split()
    return words[-1].lower().strip(",;:") if words else ""


def _marker(text: str) -> re.Match[str] | None:
    for pattern in _ANY_MARKER:
        match = pattern.match(text)
        if match:
            return match
    return None


def _title_line(text: str) -> bool:
    """A short line set like a heading: capitalised words, no sentence inside or at its end."""
    words = text.split()
    if not words or len(words) > HEADING_LINE_MAX_WORDS or not _STARTS_UPPER.match(text):
        return False
    if ends_sentence(text) or ". " in text or text.endswith((",", "/", "-")):
        return False
    if _last_word(text) in lexicon().continuation_words:
        return False
    long_words = [w for w in words if sum(c.isalpha() for c in w) >= 4]
    capitalised = [w for w in long_words if w.lstrip("\"'(\u201c")[:1].isupper()]
    return not long_words or len(capitalised) >= 0.6 * len(long_words)


def _placed_dateline(text: str) -> bool:
    """A short line of a place and a date ("Sintra, 30 May 1997", "New York, 12 May 1995")."""
    if len(text) > DATELINE_MAX_CHARS or not is_dateline(text, extra_words=3):
        return False
    place = text.split(",", 1)[0] if "," in text else ""
    return bool(place) and all(word[:1].isupper() for word in place.split()) and not any(ch.isdigit() for ch in place)


def _breaks(a: Line, b: Line, c: Line | None, width: int, *, a_opens: bool) -> bool | None:
    """Does a new paragraph start at line ``b`` (after ``a``, before ``c``)?

    ``width`` is the block's widest line end; ``a_opens`` says ``a`` is the first line
    of its paragraph (only such a line can be a heading). ``None`` means "join
    without a space" (a word hyphenated at the line end).
    """
    if ends_hyphenated(a.text):
        return None
    if b.text[0] in _HARD_BULLETS:
        return True
    if is_dateline(a.text, extra_words=0):
        return True
    if (
        (is_dateline(b.text, extra_words=0) or _placed_dateline(b.text))
        and not a.text.endswith(",")
        and _last_word(a.text) not in lexicon().continuation_words
    ):
        return True
    a_ends_sentence = ends_sentence(a.text) and _last_word_as_written(a.text) not in lexicon().title_abbreviations
    fits = a.end + 1 + len(_first_word(b.text)) <= width or a.end > MAX_WRAP_WIDTH
    if _marker(b.text) and (a_ends_sentence or fits or b.indent != a.indent):
        return True
    if c is not None and b.indent > a.indent + 1 and b.indent > c.indent + 1 and (a_ends_sentence or fits):
        hanging = _marker(a.text)
        if not (hanging and abs(b.indent - (a.indent + hanging.end())) <= 1):
            return True
    starts_upper = bool(_STARTS_UPPER.match(b.text))
    if a_ends_sentence and starts_upper and fits:
        return True
    if a_opens and starts_upper and _title_line(a.text):
        if fits or (is_all_caps(a.text, min_letters=4) and any(ch.islower() for ch in b.text)):
            return True
    return False


def _join(lines: list[Line]) -> str:
    """The lines as one string: a space between them, none after a hyphenated word."""
    parts = [lines[0].text]
    for prev, line in zip(lines, lines[1:]):
        if not ends_hyphenated(prev.text):
            parts.append(" ")
        parts.append(line.text)
    return "".join(parts)


def split_block(lines: list[Line]) -> list[_RawParagraph]:
    """Cut a block of consecutive non-blank lines into paragraphs."""
    width = max(line.end for line in lines)
    paragraphs: list[list[Line]] = [[lines[0]]]
    for k in range(1, len(lines)):
        c = lines[k + 1] if k + 1 < len(lines) else None
        if _breaks(lines[k - 1], lines[k], c, width, a_opens=len(paragraphs[-1]) == 1):
            paragraphs.append([lines[k]])
        else:
            paragraphs[-1].append(lines[k])
    return [_RawParagraph(_join(group), group[0].indent) for group in paragraphs]


def _sentence_end_before(text: str, pos: int) -> bool:
    """``ends_sentence(text[:pos].rstrip())``, read backwards from ``pos`` without copying the
    text before it (a paragraph of megabytes may hold thousands of inline numbers)."""
    i = pos
    while i > 0 and text[i - 1].isspace():
        i -= 1
    while i > 0 and text[i - 1] in CLOSERS:
        i -= 1
    return i > 0 and text[i - 1] in ".!?:;"


def split_inline_numbers(text: str) -> list[str]:
    """Cut a long paragraph holding inline numbered paragraphs (" 1. ... 2. ...") at them.

    The chain starts at a leading marker or at the first "1." and goes on with each next
    number that follows the end of a sentence; at least two markers are needed.
    """
    if len(text) < INLINE_SPLIT_MIN_CHARS:
        return [text]
    lead = _NUMBER.match(text)
    chain: list[int] = []
    expected: int | None = None
    if lead and lead.group("n"):
        chain.append(0)
        expected = int(lead.group("n")) + 1
    for match in _INLINE_NUMBER.finditer(text):
        if match.start() == 0:
            continue
        number = int(match.group("n"))
        if expected is None:
            if number == 1:
                chain.append(match.start())
                expected = 2
        elif number == expected and _sentence_end_before(text, match.start()):
            chain.append(match.start())
            expected += 1
    if len(chain) < 2:
        return [text]
    cuts = ([0] if chain[0] != 0 else []) + chain + [len(text)]
    pieces = [text[s:e].strip() for s, e in zip(cuts, cuts[1:])]
    return [p for p in pieces if p]


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", _SPACES.sub(" ", text).strip())


def _lines(text: str) -> tuple[list[Line | None], str | None]:
    """Input lines with debris removed (``None`` stands for a paragraph break), and the
    date of the first "Updated:" line."""
    lex = lexicon()
    modified: str | None = None
    text = re.sub(r"\r\n?|[\u2028\u2029\x85\v]", "\n", text)
    raw = text.replace("\f", "\n\f\n").split("\n")
    running = _running_heads(raw)
    kept: list[Line | str | None] = []
    after_break = False
    for row in raw:
        form_feed = row.strip(" \t\u00a0") == "\f"  # before rstrip(), which takes the form feed too
        row = row.expandtabs(8).rstrip()
        stripped = row.strip(" \t\u00a0")
        if form_feed or stripped and (lex.page_break_line.match(row) or after_break and stripped in running):
            kept.append("page")
            after_break = True
            continue
        if not stripped:
            kept.append(None)
            continue
        after_break = False
        updated = lex.updated_line.match(row)
        if updated:
            modified = modified or modified_date(updated.group("rest"))
            kept.append(None)
            continue
        if lex.debris_line.match(row):
            kept.append(None)
            continue
        indent = len(row) - len(row.lstrip(" \t\u00a0"))
        bulleted = _BULLETED.match(stripped)
        if bulleted and is_dateline(bulleted.group("rest"), extra_words=0):
            stripped = bulleted.group("rest")
        kept.append(Line(indent, stripped))
    return _resolve_page_breaks(kept), modified


def _running_heads(rows: list[str]) -> frozenset[str]:
    """Lines printed at the top of two or more pages, right after a page break ("Corfu European
    Council - Presidency Conclusions"): page furniture, like the page numbers."""
    lex = lexicon()
    seen: Counter[str] = Counter()
    after_break = False
    for row in rows:
        stripped = row.strip(" \t\u00a0")
        if not stripped:
            continue
        if stripped == "\f" or lex.page_break_line.match(row):
            after_break = True
            continue
        if after_break:
            seen[stripped] += 1
        after_break = False
    return frozenset(line for line, count in seen.items() if count >= 2)


def _resolve_page_breaks(kept: list[Line | str | None]) -> list[Line | None]:
    """A page break inside a sentence disappears (the next line goes on in lower case, or the
    line before ends with a word such as "the" or "of"); elsewhere it is a paragraph break."""
    out: list[Line | None] = []
    index = 0
    while index < len(kept):
        item = kept[index]
        if item != "page":
            out.append(item if isinstance(item, Line) else None)
            index += 1
            continue
        after = index
        while after < len(kept) and not isinstance(kept[after], Line):
            after += 1
        before = next((x for x in reversed(out) if x is not None), None)
        nxt = kept[after] if after < len(kept) else None
        if isinstance(before, Line) and isinstance(nxt, Line) and (
            ends_hyphenated(before.text)
            or not ends_sentence(before.text)
            and (_STARTS_LOWER.match(nxt.text) or _last_word(before.text) in lexicon().continuation_words)
        ):  # "We welcome the / 3 / Alliance's adaptation": a word such as "the" ends no paragraph
            while out and out[-1] is None:
                out.pop()
        else:
            out.append(None)
        index = after
    return out


def raw_paragraphs(text: str) -> tuple[list[_RawParagraph], str | None]:
    """The paragraphs of ``text`` before structure is assigned, and its "Updated:" date."""
    paragraphs: list[_RawParagraph] = []
    block: list[Line] = []
    lines, modified = _lines(text)
    for line in [*lines, None]:
        if line is not None:
            block.append(line)
            continue
        if block:
            for para in split_block(block):
                for piece in split_inline_numbers(_clean(para.text)):
                    paragraphs.append(_RawParagraph(piece, para.indent))
            block = []
    return [p for p in paragraphs if p.text], modified


@dataclass
class _Numbering:
    """State of the paragraph numbering while walking the paragraphs."""

    current: int | None = None
    last: dict[str, int] = field(default_factory=dict)
    indent: dict[str, int] = field(default_factory=dict)


def _heading(text: str, in_header: bool) -> bool:
    """Short and without a sentence end (before the body), or all capitals."""
    words = word_count(text)
    if is_all_caps(text, min_letters=4) and words <= 2 * HEADING_MAX_WORDS:
        return True
    if words > HEADING_MAX_WORDS or ends_sentence(text):
        return False
    if in_header:
        return True
    return (
        not text.endswith(",")
        and bool(_STARTS_UPPER.match(text))
        and _last_word(text) not in lexicon().continuation_words
    )


def structure(raw: list[_RawParagraph]) -> tuple[str, tuple[Paragraph, ...]]:
    """Join the paragraphs into the normalised text and describe each one."""
    state = _Numbering()
    records: list[Paragraph] = []
    offset = 0
    in_header = True
    for para in raw:
        text = para.text
        kind: ParagraphKind = "body"
        number: int | None = state.current
        level = 0
        marker = _marker(text)
        marker_text = marker.group("m") if marker else None
        body_start = marker.end() if marker else 0
        scheme: str | None = None
        value: int | None = None
        if marker is not None and marker.re in (_NUMBER, _DECIMAL):
            scheme, value = "arabic", int(marker.group("n") or marker.group("p"))
        elif marker is not None and marker.re is _ROMAN:
            value = roman_to_int(marker.group("r"))
            scheme = "roman" if value else None
            if value is None:
                marker, marker_text, body_start = None, None, 0
        if marker is not None and scheme is None:
            kind = "bullet"
            level = 1 if number is not None else 0
        elif scheme is not None and value is not None:
            continues = scheme not in state.last or value == state.last[scheme] + 1
            deeper = scheme in state.indent and para.indent > state.indent[scheme]
            if marker is not None and marker.re is _DECIMAL and state.current is not None:
                kind, level = "item", 1
            elif not continues and deeper and state.current is not None:
                kind, level = "item", 1
            else:
                state.last[scheme] = value
                state.indent.setdefault(scheme, para.indent)
                state.current = number = value
                body = text[body_start:]
                if is_all_caps(body, min_letters=4) or (
                    word_count(body) <= HEADING_LINE_MAX_WORDS and _title_line(body)
                ):
                    kind = "heading"
            in_header = False
        elif _heading(text, in_header):
            kind = "heading"
        elif word_count(text) >= HEADER_BODY_WORDS:
            in_header = False
        records.append(
            Paragraph(
                start=offset,
                end=offset + len(text),
                kind=kind,
                number=number,
                marker=marker_text,
                body_start=offset + body_start,
                level=level,
            )
        )
        offset += len(text) + 2
    return "\n\n".join(p.text for p in raw), tuple(records)


def normalise(text: str) -> Normalised:
    """Normalise a document's text (without its corpus header) and find its paragraphs."""
    raw, modified = raw_paragraphs(text)
    normalised, paragraphs = structure(raw)
    return Normalised(text=normalised, paragraphs=paragraphs, modified=modified)
