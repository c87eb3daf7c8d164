"""The spaCy pipeline of diplograph: blank English, a sentencizer and a lookup lemmatizer.

No statistical model is needed: the lemmatizer's tables come from
``spacy-lookups-data`` (installed, read offline). A small component after the
sentencizer keeps abbreviations and paragraph markers from ending sentences.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from graph.document import Paragraph

BLOCK_CHARS = 100_000
"""Longer paragraphs are parsed in blocks of at most this many characters."""
ABBREVIATIONS = (
    "No.", "Nos.", "Art.", "Arts.", "para.", "paras.", "Para.", "Paras.", "Lt.", "Col.",
    "Amb.", "cf.", "Vol.", "Doc.", "pp.", "Corr.", "Pres.", "Ref.", "Fig.", "approx.",
)  # fmt: skip
"""Abbreviations the English tokenizer would otherwise split before their full stop."""
MOJIBAKE_QUOTE = r"\u00e2\u20ac[\u2122\u0153\u009d\u02dc\u201c\u201d]?"
EXTRA_SUFFIXES = (r"(?<=[a-z][A-Z])\.", MOJIBAKE_QUOTE)
"""A full stop after a mixed-case acronym ("PfP.") is split off, as after "NATO."; so is the
mojibake of a curly quote or apostrophe (UTF-8 read as cp1252: "OSCEâ€™s"), so the name
before it is still a token of its own."""
SENTENCE_FIXES = "diplograph_sentence_fixes"
LOWER_LEMMAS = "diplograph_lower_lemmas"

_MARKER = re.compile(
    r"^\s*(?:[\u2022\u00b7\u25aa\u25cf\u25e6\u25a0\u25ba\u2023\u2013*\-]|o"
    r"|\(?\d{1,3}[.)]|\d{1,3}(?:\.\d{1,3})+\.?|\((?:[a-zA-Z]|[ivxl]{1,5})\)|[a-z]\)|[IVX]{1,7}\.)\s+"
)
_BLOCK_CUT = re.compile(r"[.!?;:][\"')\]\u201d\u2019]*\s")


def _fix_sentence_starts(doc: Doc) -> Doc:
    """No sentence break inside a leading paragraph marker, or before a lower-case word after "."."""
    marker = _MARKER.match(doc.text)
    marker_end = marker.end() if marker else 0
    for token in doc[1:]:
        if not token.is_sent_start:
            continue
        if token.idx <= marker_end:
            token.is_sent_start = False
            continue
        previous = doc[token.i - 1]
        if token.text[:1].islower() and previous.text.endswith("."):
            token.is_sent_start = False
    return doc


def _lower_lemmas_factory(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Lemmas of capitalised words from their lower-case form ("Welcomes" -> "welcome"), so
    rules match a verb at the start of a sentence or in a heading as anywhere else. Uses the
    table the pipeline's lookup lemmatizer already holds (it is filled by ``initialize``)."""
    lemmatizer = nlp.get_pipe("lemmatizer")

    def lower_lemmas(doc: Doc) -> Doc:
        table = lemmatizer.lookups.get_table("lemma_lookup")
        for token in doc:
            lower = token.lower_
            if token.text != lower:
                token.lemma_ = table.get(lower, lower)
        return doc

    return lower_lemmas


@lru_cache(maxsize=1)
def english() -> Language:
    """The shared pipeline (built once): blank "en" + sentencizer + lookup lemmatizer."""
    import spacy
    import spacy.util
    from spacy.language import Language
    from spacy.symbols import ORTH

    if not Language.has_factory(SENTENCE_FIXES):
        Language.component(SENTENCE_FIXES, func=_fix_sentence_starts)
    if not Language.has_factory(LOWER_LEMMAS):
        Language.factory(LOWER_LEMMAS, func=_lower_lemmas_factory)
    from spacy.tokenizer import Tokenizer

    nlp = spacy.blank("en")
    defaults = nlp.Defaults
    rules = dict(defaults.tokenizer_exceptions)
    rules.update({abbreviation: [{ORTH: abbreviation}] for abbreviation in ABBREVIATIONS})
    # One Tokenizer built with every rule at once: setting its parts one by one reloads all
    # special cases each time, which cost most of a second at start-up.
    nlp.tokenizer = Tokenizer(
        nlp.vocab,
        rules=rules,
        prefix_search=spacy.util.compile_prefix_regex([*defaults.prefixes, MOJIBAKE_QUOTE]).search,
        suffix_search=spacy.util.compile_suffix_regex([*defaults.suffixes, *EXTRA_SUFFIXES]).search,
        infix_finditer=spacy.util.compile_infix_regex([*defaults.infixes, MOJIBAKE_QUOTE]).finditer,
        token_match=defaults.token_match,
        url_match=defaults.url_match,
    )
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(SENTENCE_FIXES)
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe(LOWER_LEMMAS)
    nlp.initialize()
    return nlp


def _blocks(text: str, size: int = BLOCK_CHARS) -> list[str]:
    """Cut ``text`` into pieces of at most ``size`` characters, at a sentence end or a space."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = 0
        for match in _BLOCK_CUT.finditer(window):
            cut = match.end()
        if cut == 0:
            cut = window.rfind(" ") + 1
        if cut <= 0:
            cut = size
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def parse_paragraphs(text: str, paragraphs: Sequence[Paragraph]) -> list[Doc]:
    """One spaCy ``Doc`` per paragraph of ``text`` (the paragraph's text exactly)."""
    from spacy.tokens import Doc

    nlp = english()
    pieces: list[str] = []
    owners: list[int] = []
    for index, para in enumerate(paragraphs):
        for piece in _blocks(text[para.start : para.end]):
            pieces.append(piece)
            owners.append(index)
    grouped: list[list[Doc]] = [[] for _ in paragraphs]
    for owner, doc in zip(owners, nlp.pipe(pieces, batch_size=256), strict=True):
        grouped[owner].append(doc)
    return [group[0] if len(group) == 1 else Doc.from_docs(group, ensure_whitespace=False) for group in grouped]
