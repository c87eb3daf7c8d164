"""The spaCy pipeline of diplograph: blank English, sentence starts and lookup lemmas.

No statistical model is needed: the lemma table comes from ``spacy-lookups-data``
(installed, read offline). Sentences follow spaCy's sentencizer, except that abbreviations
and paragraph markers do not end them. Both components work on arrays of the whole Doc
(``Doc.to_array``/``from_array``) rather than token by token: parsing is most of the time
a document takes, and Python loops over tokens were most of that.
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
SENTENCES = "diplograph_sentences"
LEMMAS = "diplograph_lemmas"
TOKENIZER = "diplograph_tokenizer.v1"

_MARKER = re.compile(
    r"^\s*(?:[\u2022\u00b7\u25aa\u25cf\u25e6\u25a0\u25ba\u2023\u2013*\-]|o"
    r"|\(?\d{1,3}[.)]|\d{1,3}(?:\.\d{1,3})+\.?|\((?:[a-zA-Z]|[ivxl]{1,5})\)|[a-z]\)|[IVX]{1,7}\.)\s+"
)
_MARKER_REACH = 9
"""The longest marker of ``_MARKER`` other than a dotted number ("(viii)", "VIII.")."""
_PREFIX_TOKENS = 12
"""How many tokens' text ``_marker_end`` reads first (a Doc's whole text is built token by token)."""
_LEADING_SPACE = re.compile(r"\s*")
_OTHER_THAN_NUMBERING = re.compile(r"[^\s\d.]")
_BLOCK_CUT = re.compile(r"[.!?;:][\"')\]\u201d\u2019]*\s")


class _Sentences:
    """Sentence starts: spaCy's sentencizer rule, then no break inside a leading paragraph
    marker or before a lower-case word after ".".

    The sentencizer's rule (a sentence starts at the first word after a run holding a full
    stop, "!" or "?") is computed with arrays over the whole Doc, not a Python loop over its
    tokens; only the few starts found are looked at one by one. A start already set on the
    Doc is kept, as the sentencizer keeps it.
    """

    def __init__(self, nlp: Language) -> None:
        from spacy.pipeline import Sentencizer

        hashes = sorted(nlp.vocab.strings.add(char) for char in Sentencizer.default_punct_chars)
        self.punct = numpy.array(hashes, dtype=numpy.uint64)  # sorted, for searchsorted

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import IS_PUNCT, ORTH, SENT_START

        if len(doc) == 0:
            return doc
        columns = doc.to_array([ORTH, IS_PUNCT, SENT_START])
        at = numpy.minimum(numpy.searchsorted(self.punct, columns[:, 0]), len(self.punct) - 1)
        period = self.punct[at] == columns[:, 0]  # the token is one of the punctuation characters
        word = ~period & (columns[:, 1] == 0)
        # A word starts a sentence when the last period-or-word token before it is a period.
        marked = numpy.flatnonzero(period | word)
        follows_period = numpy.zeros(len(doc), dtype=bool)
        follows_period[marked[1:]] = period[marked[:-1]]
        starts = word & follows_period
        starts[0] = True
        current = columns[:, 2].astype(numpy.int64)  # -1 is stored as 2**64 - 1
        current = numpy.where(current == 0, numpy.where(starts, 1, -1), current)
        self._fix(doc, current)
        doc.from_array([SENT_START], current.astype(numpy.uint64))
        return doc

    @staticmethod
    def _fix(doc: Doc, sent_start: numpy.ndarray) -> None:
        """No sentence break inside a leading paragraph marker, or before a lower-case word after "."."""
        marker_end = _marker_end(doc)
        for i in numpy.flatnonzero(sent_start[1:] == 1).tolist():
            token = doc[i + 1]
            if token.idx <= marker_end or token.text[:1].islower() and doc[i].text.endswith("."):
                sent_start[i + 1] = -1


def _marker_end(doc: Doc) -> int:
    """Where the paragraph marker that opens ``doc`` ends (0 for none).

    Reads the text of the first tokens only, when that decides the match: ``_MARKER`` is
    anchored, and past its first ``_MARKER_REACH`` characters (after leading spaces) it can
    only go on over spaces, digits and full stops. So when the prefix read holds another
    character beyond that reach, the match cannot run into the rest of the text.
    """
    prefix = "".join(token.text_with_ws for token in doc[:_PREFIX_TOKENS])
    if len(doc) > _PREFIX_TOKENS:
        reach = _LEADING_SPACE.match(prefix).end() + _MARKER_REACH
        if not _OTHER_THAN_NUMBERING.search(prefix, reach):
            prefix = doc.text
    marker = _MARKER.match(prefix)
    return marker.end() if marker else 0


class _Lemmas:
    """Lemmas from the lookup table of ``spacy-lookups-data``, read for each token's lower-case
    form, so rules match a verb at the start of a sentence or in a heading as anywhere else
    ("Welcomes" -> "welcome"). These are the lemmas of spaCy's lookup lemmatizer for
    lower-case words, and of the lower-case form for the others.

    A token's lemma depends on its lower-case form alone, so each form is looked up once (the
    cache lives as long as the pipeline) and the Doc's lemmas are set from one array, not
    token by token. Every token gets its lemma (the Docs come new from the tokenizer).
    """

    def __init__(self, nlp: Language) -> None:
        from spacy.lookups import load_lookups

        self.strings = nlp.vocab.strings
        self.table = load_lookups(lang=nlp.vocab.lang, tables=["lemma_lookup"]).get_table("lemma_lookup")
        self.cache: dict[int, int] = {}

    def _lemma(self, lower: int) -> int:
        form = self.strings[lower]
        lemma = self.strings.add(self.table.get(form, form))
        self.cache[lower] = lemma
        return lemma

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import LEMMA, LOWER

        if len(doc) == 0:
            return doc
        cache = self.cache
        lemmas = [cache[h] if h in cache else self._lemma(h) for h in doc.to_array(LOWER).tolist()]
        doc.from_array([LEMMA], numpy.array(lemmas, dtype=numpy.uint64))
        return doc


def _sentences_factory(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    return _Sentences(nlp)


def _lemmas_factory(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    return _Lemmas(nlp)


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

    if not Language.has_factory(SENTENCES):
        Language.factory(SENTENCES, func=_sentences_factory)
    if not Language.has_factory(LEMMAS):
        Language.factory(LEMMAS, func=_lemmas_factory)
    if not spacy.registry.has("tokenizers", TOKENIZER):
        spacy.registry.tokenizers.register(TOKENIZER, func=_tokenizer_factory)
    # The tokenizer comes from the config, so the default one (whose special cases take a
    # quarter of a second to load) is never built; all its rules are set at once, as setting
    # a Tokenizer's parts one by one reloads every special case each time.
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    nlp.add_pipe(SENTENCES)
    nlp.add_pipe(LEMMAS)
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
    """The Docs of :func:`parse_paragraphs`, one at a time: only a batch is held."""
    from spacy.tokens import Doc

    nlp = english()

    def pieces() -> Iterator[tuple[str, int]]:
        for index, para in enumerate(paragraphs):
            for piece in _blocks(text[para.start : para.end]):
                yield piece, index

    group: list[Doc] = []
    current = -1
    for doc, owner in nlp.pipe(pieces(), as_tuples=True, batch_size=256):
        if owner != current and group:
            yield group[0] if len(group) == 1 else Doc.from_docs(group, ensure_whitespace=False)
            group = []
        current = owner
        group.append(doc)
    if group:
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
