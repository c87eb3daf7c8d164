"""Printed metadata of a document: date, title, reference symbol and document type.

Everything is looked for in the *header region*: the paragraphs before the first
numbered paragraph or the first body paragraph of 25 words or more, plus the
opening characters of that paragraph. The lexicons (month names, labels, reference
symbol patterns, document type words) are data, in ``graph/data/reader.json``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from graph.datafiles import DATA_DIR
from graph.document import Paragraph
from graph.errors import DataError

LEXICON_PATH = DATA_DIR / "reader.json"

HEADER_BODY_WORDS = 25
"""A body paragraph of this many words ends the header region."""
HEADER_SNIPPET = 200
"""How many characters of the paragraph that ends the header region are searched too."""
TITLE_MAX_WORDS = 20
DATELINE_EXTRA_WORDS = 3
"""A paragraph is a dateline when no more than this many words surround its date."""

DATELINE_MAX_CHARS = 40
"""No longer text is a date alone ("Wednesday, 22nd of September 1999" fits)."""
_DIGIT = re.compile(r"\d")
CLOSERS = "\"')]}\u201d\u2019\u00bb"
"""Closing quotes and brackets, looked past when a text's last character matters."""
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Lexicon:
    """The reader's lexicons, compiled."""

    months: dict[str, int]
    first_year: int
    source_line: re.Pattern[str]
    retrieved_line: re.Pattern[str]
    updated_line: re.Pattern[str]
    debris_line: re.Pattern[str]
    page_break_line: re.Pattern[str]
    title_label: re.Pattern[str]
    identifiers: tuple[re.Pattern[str], ...]
    doc_types: tuple[tuple[re.Pattern[str], str], ...]
    continuation_words: frozenset[str]
    title_continuation_words: frozenset[str]
    title_abbreviations: frozenset[str]
    """Abbreviations (case as written) after which a line does not end a sentence ("Mr.")."""
    date_patterns: tuple[re.Pattern[str], ...]


def _compile(pattern: str, flags: int, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise DataError(LEXICON_PATH, 0, f"{where}: invalid regular expression {pattern!r}: {exc}") from exc


def _any_of(patterns: list[str], flags: int, where: str) -> re.Pattern[str]:
    """One pattern matching where any of ``patterns`` matches (each checked alone first)."""
    for pattern in patterns:
        _compile(pattern, flags, where)
    return _compile("|".join(f"(?:{p})" for p in patterns), flags, where)


def _date_patterns(months: dict[str, int]) -> tuple[re.Pattern[str], ...]:
    """Day-month-year, month-day-year, 8-digit, ISO and month-year patterns."""
    month = "(?P<month>" + "|".join(sorted(months, key=len, reverse=True)) + r")\b\.?"
    ordinal = r"(?:st|nd|rd|th)?"
    range_sep = r"\s*(?:-|\u2013|\u2014|to|and|&)\s*"
    dmy = (
        rf"(?<![\w/])(?:\d{{1,2}}{ordinal}{range_sep})?(?P<day>\d{{1,2}}){ordinal}"
        rf"(?:\s+of)?(?:\s+|-){month}(?:,?\s+|-)(?P<year>\d{{4}})(?!\d)"
    )
    mdy = (
        rf"(?<![\w/]){month}\s+(?:\d{{1,2}}{ordinal}{range_sep})?(?P<day>\d{{1,2}}){ordinal}"
        rf",?\s+(?P<year>\d{{4}})(?!\d)"
    )
    compact = r"(?<![\w/])(?P<year>\d{4})(?P<mnum>\d{2})(?P<day>\d{2})(?![\w/])"
    iso = r"(?<![\w/])(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})(?!\d)"
    month_year = rf"(?<![\w/]){month},?\s+(?P<year>\d{{4}})(?!\d)"
    return tuple(re.compile(p, re.IGNORECASE) for p in (dmy, mdy, compact, iso, month_year))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load and compile ``graph/data/reader.json`` (once)."""
    try:
        raw = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataError(LEXICON_PATH, 0, f"cannot be read ({exc})") from exc
    except json.JSONDecodeError as exc:
        raise DataError(LEXICON_PATH, exc.lineno, f"invalid JSON: {exc.msg}") from exc
    try:
        months = {str(k).lower(): int(v) for k, v in raw["months"].items()}
        ci = re.IGNORECASE
        id_flags = 0 if raw.get("identifier_flags") == "case-sensitive" else ci
        labels = "|".join(f"(?:{p})" for p in raw["title_labels"])
        return Lexicon(
            months=months,
            first_year=int(raw["first_year"]),
            source_line=_compile(raw["header_lines"]["source"], ci, "header_lines"),
            retrieved_line=_compile(raw["header_lines"]["retrieved"], ci, "header_lines"),
            updated_line=_compile(raw["updated_line"], ci, "updated_line"),
            debris_line=_any_of(raw["debris_lines"], ci, "debris_lines"),
            page_break_line=_any_of(raw["page_break_lines"], ci, "page_break_lines"),
            title_label=_compile(rf"^(?:{labels})(?:[\s:;,.\-]+|$)", ci, "title_labels"),
            identifiers=tuple(_compile(p, id_flags, "identifiers") for p in raw["identifiers"]),
            doc_types=tuple((_compile(p, ci, "doc_types"), str(t)) for p, t in raw["doc_types"]),
            continuation_words=frozenset(w.lower() for w in raw["continuation_words"]),
            title_continuation_words=frozenset(w.lower() for w in raw["title_continuation_words"]),
            title_abbreviations=frozenset(raw["title_abbreviations"]),
            date_patterns=_date_patterns(months),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DataError(LEXICON_PATH, 0, f"missing or malformed entry: {exc}") from exc


# ---------------------------------------------------------------------------
# Dates


@dataclass(frozen=True)
class DateMatch:
    """A printed date: where it is and its ISO form ("1994-06-22" or "1999-11")."""

    start: int
    end: int
    iso: str


def _iso(match: re.Match[str], lex: Lexicon, today: dt.date) -> str | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if not lex.first_year <= year <= today.year:
        return None
    if groups.get("month"):
        month = lex.months[groups["month"].lower()]
    else:
        month = int(groups["mnum"])
    if not 1 <= month <= 12:
        return None
    if groups.get("day") is None:
        return f"{year:04d}-{month:02d}"
    try:
        value = dt.date(year, month, int(groups["day"]))
    except ValueError:
        return None
    return value.isoformat() if value <= today else None


def find_dates(text: str) -> Iterator[DateMatch]:
    """Every valid printed date of ``text``, by position (the longest reading at a position).

    A day range ("9-10 June 1994") gives its last day; a month and year alone give
    a year-month (so does an impossible day: "31 June 1994" -> "1994-06"); a year
    outside 1945..today gives nothing.
    """
    lex = lexicon()
    today = dt.date.today()
    found: dict[int, DateMatch] = {}
    for pattern in lex.date_patterns:
        for match in pattern.finditer(text):
            iso = _iso(match, lex, today)
            if iso is None:
                continue
            current = found.get(match.start())
            if current is None or match.end() > current.end:
                found[match.start()] = DateMatch(match.start(), match.end(), iso)
    last_end = -1
    for start in sorted(found):
        if start >= last_end:
            yield found[start]
            last_end = found[start].end


def first_date(text: str) -> DateMatch | None:
    """The first printed date of ``text``, or ``None``."""
    return next(find_dates(text), None)


def is_dateline(text: str, *, extra_words: int = DATELINE_EXTRA_WORDS) -> bool:
    """True when ``text`` is a date with at most ``extra_words`` words around it.

    ``"22 Jun. 1994"`` and ``"Brussels, 10 January 1994"`` are datelines; with
    ``extra_words=0`` only the date itself (and punctuation) is.
    """
    if not _DIGIT.search(text) or (extra_words == 0 and len(text) > DATELINE_MAX_CHARS):
        return False
    dates = list(find_dates(text))
    if not dates:
        return False
    rest = text
    for match in reversed(dates):
        rest = rest[: match.start] + " " + rest[match.end :]
    words = [w for w in re.split(r"[\s,;:()\-\u2013\u2014|\u2022]+", rest) if re.search(r"\w", w)]
    return len(words) <= extra_words


def modified_date(text: str) -> str | None:
    """The date of an "Updated:" line's text ("31-Oct-2000 ..." -> "2000-10-31")."""
    match = first_date(text)
    return match.iso if match and len(match.iso) == 10 else None


# ---------------------------------------------------------------------------
# Header region, title, identifier, type


@dataclass(frozen=True)
class Metadata:
    """What the header of a document says about it."""

    title: str | None
    date: str | None
    identifier: str | None
    doc_type: str | None


def word_count(text: str) -> int:
    """Number of whitespace-separated words."""
    return len(text.split())


def header_end(text: str, paragraphs: Sequence[Paragraph]) -> int:
    """Index of the paragraph that ends the header region (``len(paragraphs)`` if none)."""
    for index, para in enumerate(paragraphs):
        if para.marker is not None and para.number is not None and para.kind != "bullet":
            return index
        if para.kind == "body" and word_count(text[para.start : para.end]) >= HEADER_BODY_WORDS:
            return index
    return len(paragraphs)


def _strip_identifiers(text: str) -> str:
    for pattern in lexicon().identifiers:
        text = pattern.sub(" ", text)
    return " ".join(text.split())


def is_label(text: str) -> bool:
    """True for labels such as "Press Release SC/6143" or "For immediate release" (not titles)."""
    rest = _strip_identifiers(text)
    if not rest:
        return True
    label = lexicon().title_label
    while rest:
        match = label.match(rest)
        if not match or match.end() == 0:
            return False
        rest = rest[match.end() :].strip()
    return True


def is_all_caps(text: str, *, min_letters: int = 2) -> bool:
    """No lower-case letter, and at least ``min_letters`` letters."""
    return text.isupper() and len(_LETTER.findall(text, 0, 64)) >= min_letters


def heading_like(text: str) -> bool:
    """Could ``text`` be (part of) a printed title?"""
    stripped = text.strip()
    if not stripped or word_count(stripped) > TITLE_MAX_WORDS:
        return False
    first = stripped.lstrip("\"'(\u201c\u2018[")[:1]
    if not (first.isupper() or first.isdigit()):
        return False
    if stripped.rstrip(CLOSERS)[-1:] in {",", ".", ";", ":"}:
        return False
    if is_dateline(stripped) or is_label(stripped):
        return False
    return True


def _continues(first: str, second: str) -> bool:
    """Does heading line ``first`` go on in ``second``?"""
    words = first.split()
    last = words[-1].lower() if words else ""
    if last in lexicon().title_continuation_words or first.endswith("/"):
        return True
    return is_all_caps(first) and is_all_caps(second)


def _title(texts: list[str], candidates: list[int], date_index: int | None, end: int) -> str | None:
    """The title among the header paragraphs ``texts`` (``candidates`` are heading-like)."""
    ok = set(candidates)
    if date_index is None:
        chosen = candidates[0] if candidates else None
    else:
        after = [i for i in candidates if i > date_index]
        before = [i for i in candidates if i < date_index]
        chosen = after[0] if after else (before[-1] if before else None)
        if chosen is not None and not after:
            # Nearest heading before the date: walk back to where the title begins.
            while (
                chosen - 1 in ok
                and _continues(texts[chosen - 1], texts[chosen])
                and not is_all_caps(texts[chosen - 1])
            ):
                chosen -= 1
    if chosen is None:
        return None
    parts = [texts[chosen]]
    index = chosen
    while index + 1 < end and index + 1 in ok and _continues(texts[index], texts[index + 1]):
        index += 1
        parts.append(texts[index])
    return " ".join(parts)


def _first_identifier(region: str) -> str | None:
    best: tuple[int, str] | None = None
    for pattern in lexicon().identifiers:
        match = pattern.search(region)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), match.group(0))
    return best[1] if best else None


def doc_type_of(texts: Sequence[str]) -> str | None:
    """The document type the first text that names one says (earliest mention wins)."""
    for text in texts:
        best: tuple[int, int, str] | None = None
        for rank, (pattern, kind) in enumerate(lexicon().doc_types):
            match = pattern.search(text)
            if match and (best is None or (match.start(), rank) < best[:2]):
                best = (match.start(), rank, kind)
        if best:
            return best[2]
    return None


def extract_metadata(text: str, paragraphs: Sequence[Paragraph], *, fallback_title: str | None = None) -> Metadata:
    """Date, title, identifier and type printed in the header region of a normalised text.

    ``fallback_title`` (an HTML ``<title>`` or the file's base name) is used when no
    heading-like paragraph is printed; it does not count for the document type.
    """
    end = header_end(text, paragraphs)
    texts = [text[p.start : p.end] for p in paragraphs[:end]]
    snippet = text[paragraphs[end].start : paragraphs[end].start + HEADER_SNIPPET] if end < len(paragraphs) else ""
    date: str | None = None
    date_index: int | None = None
    for index, chunk in enumerate([*texts, snippet]):
        match = first_date(chunk)
        if match:
            date, date_index = match.iso, index
            break
    candidates = [
        i for i, para in enumerate(paragraphs[:end]) if para.kind in ("heading", "body") and heading_like(texts[i])
    ]
    printed_title = _title(texts, candidates, date_index, end)
    identifier = _first_identifier("\n\n".join([*texts, snippet]))
    doc_type = doc_type_of([t for t in (printed_title, "\n\n".join(texts)) if t])
    return Metadata(
        title=printed_title or fallback_title,
        date=date,
        identifier=identifier,
        doc_type=doc_type,
    )
