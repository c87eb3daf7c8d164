"""The spaCy pipeline of diplograph: blank English, sentence starts and lookup lemmas.

No statistical model is needed: the lemma table comes from ``spacy-lookups-data``
(installed, read offline). Sentences follow spaCy's sentencizer, except that abbreviations
and paragraph markers do not end them. One component sets both, reading and writing the
whole Doc at once (``Doc.to_array``/``from_array``) rather than token by token: parsing is
much of the time a document takes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc

    from graph.document import Paragraph

BLOCK_CHARS = 100_000
"""Longer paragraphs are parsed in blocks of at most this many characters."""
KEEP_DOCS_CHARS = 1_000_000
"""A document longer than this keeps no Docs: each reading parses it again (memory stays
in proportion to the longest paragraph, not to the document)."""
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
ANNOTATIONS = "diplograph_annotations"
TOKENIZER = "diplograph_tokenizer.v1"

_MARKER = re.compile(
    r"^\s*[\"\u201c]?(?:[\u2022\u00b7\u25aa\u25cf\u25e6\u25a0\u25ba\u2023\u2013*\-]|o"
    r"|\(?\d{1,3}[.)]|\d{1,3}(?:\.\d{1,3})+\.?|\((?:[a-zA-Z]|[ivxl]{1,5})\)|[a-z]\)|[IVX]{1,7}\.)\s+"
)
_BLOCK_CUT = re.compile(r"[.!?;:][\"')\]\u201d\u2019]*\s")


_STARTS = re.compile("P[PO]*W")
"""Sentence starts in a Doc's token kinds ("P": one of the sentencizer's punctuation
characters, "W": a word, no punctuation, "O": other punctuation): the first word after a
run holding a "P" ends each match."""
_START, _NOT_START = 1, 2**64 - 1
"""SENT_START values as ``Doc.to_array`` gives them (-1 is stored as 2**64 - 1)."""


class _Annotator:
    """Sentence starts and lemmas, set together for each Doc.

    Sentences follow spaCy's sentencizer rule (a sentence starts at the first word after a
    run holding a full stop, "!" or "?"), then there is no break inside a leading paragraph
    marker or before a lower-case word after ".". A start already set on the Doc is kept,
    as the sentencizer keeps it.

    Lemmas come from the lookup table of ``spacy-lookups-data``, read for each token's
    lower-case form, so rules match a verb at the start of a sentence or in a heading as
    anywhere else ("Welcomes" -> "welcome"). These are the lemmas of spaCy's lookup
    lemmatizer for lower-case words, and of the lower-case form for the others.

    Both depend on a token's ORTH alone, so each ORTH is described once (the tables live as
    long as the pipeline) and a Doc costs one ``to_array``, lookups done by ``map``, one
    regular expression over the tokens' kinds and one ``from_array``: no Python loop over
    the tokens, and few numpy calls (at a paragraph's size, their overhead is the cost).
    The lemma table is read as a plain dict (spaCy's ``Table`` hashes every key into a
    Bloom filter, a fifth of a second at start-up); ``get`` gives the same lemma.
    """

    def __init__(self, nlp: Language) -> None:
        import spacy_lookups_data
        from spacy.attrs import LEMMA, ORTH, SENT_START
        from spacy.pipeline import Sentencizer
        from spacy.util import load_language_data

        self.vocab = nlp.vocab
        self.strings = nlp.vocab.strings
        self.periods = frozenset(self.strings.add(char) for char in Sentencizer.default_punct_chars)
        self.table: dict[str, str] = load_language_data(spacy_lookups_data.en["lemma_lookup"])
        self.kind: dict[int, str] = {}
        """ORTH -> "P", "W" or "O" (see ``_STARTS``)."""
        self.lemma: dict[int, int] = {}
        """ORTH -> LEMMA."""
        self.read = [ORTH, SENT_START]
        self.written = [SENT_START, LEMMA]

    def _describe(self, orth: int) -> None:
        lexeme = self.vocab[orth]
        form = lexeme.lower_
        self.kind[orth] = "P" if orth in self.periods else "O" if lexeme.is_punct else "W"
        self.lemma[orth] = self.strings.add(self.table.get(form, form))

    def __call__(self, doc: Doc) -> Doc:
        return self.annotate(doc, doc.text)

    def annotate(self, doc: Doc, text: str) -> Doc:
        """Set the sentence starts and lemmas of ``doc``, the tokens of ``text``."""
        if len(doc) == 0:
            return doc
        columns = doc.to_array(self.read)
        orths = columns[:, 0].tolist()
        lemmas = list(map(self.lemma.get, orths))
        if None in lemmas:
            for orth in set(orths).difference(self.lemma):
                self._describe(orth)
            lemmas = list(map(self.lemma.__getitem__, orths))
        starts = [_NOT_START] * len(orths)
        starts[0] = _START
        found = [match.end() - 1 for match in _STARTS.finditer("".join(map(self.kind.__getitem__, orths)))]
        for i in found:
            starts[i] = _START
        for i in numpy.flatnonzero(columns[:, 1]).tolist():  # a start set on the Doc is kept
            starts[i] = int(columns[i, 1])
            found.append(i)
        self._fix(doc, text, orths, starts, found)
        doc.from_array(self.written, numpy.array([starts, lemmas], dtype=numpy.uint64).T)
        return doc

    def _fix(self, doc: Doc, text: str, orths: list[int], starts: list[int], found: list[int]) -> None:
        """No sentence break inside a leading paragraph marker, or before a lower-case word
        after "."; ``found`` holds the tokens that may start a sentence."""
        marker = _MARKER.match(text)
        marker_end = marker.end() if marker else 0
        strings = self.strings
        for i in found:
            if i == 0 or starts[i] != _START:
                continue
            in_marker = marker_end and doc[i].idx <= marker_end
            if in_marker or strings[orths[i]][:1].islower() and strings[orths[i - 1]].endswith("."):
                starts[i] = _NOT_START


def _annotator_factory(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    return _Annotator(nlp)


def _make_tokenizer(nlp: Language) -> Tokenizer:
    """English tokenizer rules with our abbreviations and extra suffixes, built at once."""
    import spacy.util
    from spacy.symbols import ORTH
    from spacy.tokenizer import Tokenizer

    defaults = nlp.Defaults
    rules = dict(defaults.tokenizer_exceptions)
    rules.update({abbreviation: [{ORTH: abbreviation}] for abbreviation in ABBREVIATIONS})
    return Tokenizer(
        nlp.vocab,
        rules=rules,
        prefix_search=spacy.util.compile_prefix_regex([*defaults.prefixes, MOJIBAKE_QUOTE]).search,
        suffix_search=spacy.util.compile_suffix_regex([*defaults.suffixes, *EXTRA_SUFFIXES]).search,
        infix_finditer=spacy.util.compile_infix_regex([*defaults.infixes, MOJIBAKE_QUOTE]).finditer,
        token_match=defaults.token_match,
        url_match=defaults.url_match,
    )


def _tokenizer_factory() -> Callable[[Language], Tokenizer]:
    return _make_tokenizer


@lru_cache(maxsize=1)
def english() -> Language:
    """The shared pipeline (built once): blank "en" with our tokenizer, sentences and lemmas."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory(ANNOTATIONS):
        Language.factory(ANNOTATIONS, func=_annotator_factory)
    if not spacy.registry.has("tokenizers", TOKENIZER):
        spacy.registry.tokenizers.register(TOKENIZER, func=_tokenizer_factory)
    # The tokenizer comes from the config, so the default one (whose special cases take a
    # quarter of a second to load) is never built; all its rules are set at once, as setting
    # a Tokenizer's parts one by one reloads every special case each time.
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    nlp.add_pipe(ANNOTATIONS)
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
    return list(iter_paragraphs(text, paragraphs))


def iter_paragraphs(text: str, paragraphs: Sequence[Paragraph]) -> Iterator[Doc]:
    """The Docs of :func:`parse_paragraphs`, one at a time: only one paragraph's is held.

    Each block is tokenized and annotated directly (what ``nlp.pipe`` does, without its
    batching and generator layers), and the annotator is given the block's text, so the
    paragraph marker is read from it rather than from the Doc's tokens."""
    from spacy.tokens import Doc

    nlp = english()
    tokenizer = nlp.tokenizer
    annotate = nlp.get_pipe(ANNOTATIONS).annotate
    for para in paragraphs:
        group = [annotate(tokenizer(piece), piece) for piece in _blocks(text[para.start : para.end])]
        yield group[0] if len(group) == 1 else Doc.from_docs(group, ensure_whitespace=False)


class Reparsed:
    """The paragraphs' Docs of a large document, parsed again each time they are read, so
    that they are never all in memory (see ``KEEP_DOCS_CHARS``)."""

    def __init__(self, text: str, paragraphs: Sequence[Paragraph]) -> None:
        self.text = text
        self.paragraphs = paragraphs

    def __iter__(self) -> Iterator[Doc]:
        return iter_paragraphs(self.text, self.paragraphs)

    def __len__(self) -> int:
        return len(self.paragraphs)

    def __bool__(self) -> bool:
        return bool(self.paragraphs)
