"""Find the actors, frameworks and persons a document names.

Gazetteer names are matched with spaCy's PhraseMatcher over the normalised text,
longest match first. Case matters ("the Alliance", not "an alliance"; "US", not "us"),
except in all-capital headings. A name resolves to the entry valid on the document's
date. A state's adjective names the state only in front of a head that stands for it
("the Estonian Government", "the Latvian delegation": ``state_organ_heads`` in
``graph/data/grammar.json``), never alone ("Russian troops"). Acronyms defined in the
text (``Full Name (ACR)``) whose name is headed by an institutional noun become entities
of that document even when the gazetteer lacks them, and so do capitalised names headed by
such a noun: three capitalised words or an acronym ("NATO Documentation Centre"), a meeting's
place and the meeting ("Lisbon Summit": ``graph/data/meeting-places.jsonl``), or a noun that
comes first ("Operation Sharp Guard"). A context alias ("the Commission", "the Permanent
Council") names the body of the context the text names, and only where it stands alone,
not as part of a longer name ("the Joint Commission", "the Commission on Human Rights").
Nothing here looks at another document.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from graph.datafiles import DATA_DIR, read_jsonl
from graph.document import Document
from graph.extractors.acronyms import find_acronym_definitions
from graph.extractors.lexicon import grammar
from graph.extractors.spans import Containers, TakenSpans
from graph.gazetteer import Gazetteer, GazetteerEntry
from graph.ids import slugify
from graph.records import Entity, EntityMention

RULE_GAZETTEER = "entity-gazetteer"
RULE_ACRONYM = "entity-acronym-definition"
RULE_LOCAL_NAME = "entity-local-name"
RULE_LOST_APOSTROPHE = "entity-possessive-without-apostrophe"
RULE_CAPITALISED_NAME = "entity-capitalised-name"
RULE_STATE_ADJECTIVE = "entity-state-adjective"

_CAPITAL = r"(?:[A-Z]{2,}(?:[-/][A-Z][A-Za-z]*)?|[A-Z][a-z][\w'\u2019-]*)"
_NAME = re.compile(rf"{_CAPITAL}(?:\s(?:{_CAPITAL}|(?:of|for|on|and|in)(?:\sthe)?(?=\s[A-Z])))+")
"""Capitalised words, joined by "of", "for", "on", "and" or "in", each maybe with "the" ("Conference on
Security and Co-operation in Europe", "Treaty on the Non-Proliferation ..."); a "the" that follows no
such word begins a name ("At the | Madrid Summit | the Allies agreed")."""
_CONNECTOR = re.compile(r"\s(?:of|for|on)\s")
_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")
_CAPITAL_LINE = re.compile(r"^(?=[^\n]*[A-Z]{2}[^\n]* [^\n]*[A-Z]{2})[^a-z\n]+$", re.MULTILINE)
"""A line with two or more words in capitals and no lower-case letter: a heading."""
_CAPITAL_WORD = re.compile(r"[A-Z][A-Z'\u2019]*(?:-[A-Z]+)*")
_SMALL_WORDS = frozenset({"OF", "FOR", "ON", "AND", "THE", "IN", "A", "AN", "TO"})
_OCR_DIGIT = re.compile(r"(?<=[A-Za-z])[10](?=[a-z])|(?<=[a-z])1(?![\w-])")
"""A digit inside a word of letters, as OCR reads "l" and "o": "A1liance", "Counci1", "C0uncil"
(not "G7", "M-NAC-1", "S/1994/1", "A4")."""
_OCR_LETTERS = {"1": "l", "0": "o"}
_NAME_STARTS = re.compile(r" (?:of|and) (?:the )?")
"""Where a name may begin inside a longer capitalised phrase ("Meeting of the | Visegrad Group",
"Government of Israel and the | Palestine Liberation Organization")."""
_YEAR_AFTER = re.compile(r" (?:19|20)\d\d\b")
_PATTERN_NUMBER = re.compile(r"(?<![\w(/])\d{1,4}(?![\w/)]| \))")
"""A number in the "numbers" group of an entity pattern: a whole number, not a year in brackets
("1160 (1998) and 1199 (1998)" gives 1160 and 1199, not 199) nor part of "47/121"."""


@dataclass(frozen=True)
class EntityPattern:
    """Entities named by a pattern ("Security Council resolutions 824 and 836")."""

    rule: str
    regex: re.Pattern[str]
    classes: tuple[str, ...]
    id_template: str
    label_template: str


@lru_cache(maxsize=1)
def entity_patterns() -> tuple[EntityPattern, ...]:
    """The entity patterns (``graph/data/entity-patterns.jsonl``)."""
    from graph.errors import DataError

    path = DATA_DIR / "entity-patterns.jsonl"
    found = []
    fields = ("id", "pattern", "class", "id_template", "label_template")
    for line, obj in read_jsonl(path, required=fields, allowed=fields):
        try:
            regex = re.compile(obj["pattern"])
        except re.error as exc:
            raise DataError(path, line, f"invalid regular expression: {exc}") from exc
        if "numbers" not in regex.groupindex:
            raise DataError(path, line, 'the pattern needs a group named "numbers"')
        found.append(EntityPattern(obj["id"], regex, tuple(obj["class"]), obj["id_template"], obj["label_template"]))
    return tuple(found)


@lru_cache(maxsize=1)
def person_titles() -> tuple[re.Pattern[str], dict[str, str]]:
    """Titles followed by a name (``graph/data/person-titles.jsonl``): one regular expression,
    and the rule id of each title."""
    path = DATA_DIR / "person-titles.jsonl"
    rules = {obj["title"]: obj["id"] for _, obj in read_jsonl(path, required=("id", "title"), allowed=("id", "title"))}
    name = r"[A-Z][a-z\u00c0-\u024f'\u2019-]+"
    alternatives = "|".join(re.escape(t) for t in sorted(rules, key=lambda t: (-len(t), t)))
    particle = r"(?:van|von|de|den|der|du|la|le|di|da|ter)\s"
    pattern = re.compile(rf"(?<![\w-])(?P<title>{alternatives})\s(?P<name>{name}(?:\s(?:{particle})*{name}){{0,2}})")
    return pattern, rules


@lru_cache(maxsize=1)
def not_entity_phrases() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Phrases that contain a gazetteer name without naming the entity (``not-entities.jsonl``)."""
    path = DATA_DIR / "not-entities.jsonl"
    return tuple(
        (obj["id"], re.compile(r"(?<![\w-])" + re.escape(obj["phrase"]) + r"(?![\w-])", re.IGNORECASE))
        for _, obj in read_jsonl(path, required=("id", "phrase"), allowed=("id", "phrase"))
    )

_CLASS_ORDER = ("State", "Organisation", "Framework", "Person")
_PREPOSITION = re.compile(r"\s(?:of|on|for|in|between|to|against|with)\s")


@dataclass(frozen=True)
class HeadNoun:
    """An institutional noun that heads a name, and the classes such a name gets."""

    rule: str
    noun: str
    classes: tuple[str, ...]
    located: bool = False
    """The name may go on with "in" and a place ("United Nations Mission in Haiti")."""
    meeting: bool = False
    """The name is of a meeting ("Istanbul Summit"): in a heading, something the document names."""
    leading: bool = False
    """The noun may also come first, before capitalised words ("Operation Sharp Guard")."""

    def named_in_headings(self) -> bool:
        """Whether a heading's name with this head is an entity: a body or a meeting. A text
        ("... DECLARATION", "... CHARTER") named in a heading is mostly the document itself."""
        return self.meeting or "Organisation" in self.classes


@lru_cache(maxsize=1)
def head_nouns() -> dict[str, HeadNoun]:
    """The institutional-noun lexicon, keyed by the noun and its plural."""
    path = DATA_DIR / "institutional-nouns.jsonl"
    table: dict[str, HeadNoun] = {}
    fields = ("id", "noun", "class", "located", "meeting", "leading")
    for _, obj in read_jsonl(path, required=("id", "noun", "class"), allowed=fields):
        noun = HeadNoun(
            obj["id"], obj["noun"], tuple(obj["class"]),
            bool(obj.get("located")), bool(obj.get("meeting")), bool(obj.get("leading")),
        )
        table[noun.noun] = noun
        plural = noun.noun[:-1] + "ies" if noun.noun.endswith("y") else noun.noun + "s"
        table.setdefault(plural, noun)
    return table


def _meeting_at_place(name: str) -> bool:
    """Whether ``name`` is two words, a place where meetings were held and a meeting ("Lisbon
    Summit", "Minsk Conference"): a name, though two capitalised words are mostly a description
    ("Review Conference", "Ministerial Conference")."""
    words = name.split()
    if len(words) != 2:
        return False
    head = head_nouns().get(words[1])
    return head is not None and head.meeting and head.noun == words[1] and words[0] in meeting_places()


def _names_a_body(words: str) -> bool:
    """Whether capitalised ``words`` after "and the" are a name of their own, headed by an
    institutional noun ("United Nations Development Programme"), not the end of one name
    ("Committee on Trade and the Environment")."""
    head_part = _CONNECTOR.split(f" {words} ", maxsplit=1)[0].split()
    return bool(head_part) and head_part[0][:1].isupper() and head_part[-1] in head_nouns()


def _non_entity_spans(text: str) -> Containers:
    """Where ``text`` prints a phrase of ``not-entities.jsonl``: nothing inside names an entity
    ("the former Yugoslavia" is no state, "European Currency Unit" no body)."""
    return Containers(m.span() for _rule, regex in not_entity_phrases() for m in regex.finditer(text))


@lru_cache(maxsize=1)
def meeting_places() -> frozenset[str]:
    """The places that name a meeting held there ("Lisbon Summit"; ``graph/data/meeting-places.jsonl``),
    without a leading "The" ("The Hague" is "Hague", as in "the Hague Summit")."""
    path = DATA_DIR / "meeting-places.jsonl"
    return frozenset(
        obj["place"].removeprefix("The ") for _, obj in read_jsonl(path, required=("id", "place"), allowed=("id", "place"))
    )


@lru_cache(maxsize=1)
def leading_names() -> re.Pattern[str] | None:
    """Names whose institutional noun comes first ("Operation Deliberate Force"): the noun, then
    capitalised words, the first of which is no institutional noun ("Operation Plan" is none)."""
    leading = sorted({noun.noun for noun in head_nouns().values() if noun.leading})
    if not leading:
        return None
    nouns = "|".join(re.escape(noun) for noun in leading)
    return re.compile(rf"(?P<noun>{nouns}) (?P<first>{_CAPITAL})(?: {_CAPITAL})*")


def entity_from_entry(entry: GazetteerEntry) -> Entity:
    """The record of a gazetteer entry."""
    return Entity(
        id=entry.id,
        classes=tuple(c for c in _CLASS_ORDER if c in entry.classes),
        label=entry.label,
        aliases=tuple(entry.aliases),
        acronym=entry.acronym,
        wikidata=entry.wikidata,
        valid_from=entry.valid_from,
        valid_to=entry.valid_to,
        replaced_by=tuple(entry.replaced_by),
        part_of=tuple(entry.part_of),
    )


def _case_matches(found: str, name: str) -> bool:
    """True when ``found`` (the text) may be read as ``name`` (a gazetteer name)."""
    if found == name:
        return True
    if name[:1].islower() and found[:1].upper() == name[:1].upper() and found[1:] == name[1:]:
        return True  # "The Alliance" at a sentence start for "the Alliance"
    letters = [c for c in found if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return len(name.split()) >= 2 or len(letters) >= 5  # an all-capital heading
    return False


def _alternation(words: list[str]) -> str:
    """A regular expression for ``words`` as a trie ("Ira(?:n|q)"), matching as ``A|B|...`` with
    the longest words first would, but without trying every word at every position of a text.

    Where several words match at one position they are prefixes of one another, so they lie on
    one path of the trie; trying a longer branch before ending a word tries them longest first.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = "(?:" + "|".join(branches) + ")" if len(branches) > 1 or "" in node else branches[0]
        return body + "?" if "" in node else body

    return pattern(trie)


_WORD_START = re.compile(r"(?<![\w-])\w")
_WORD_OR_HYPHEN = re.compile(r"[\w-]")


def _whole_word_occurrences(text: str, names: list[str]) -> dict[str, list[int]]:
    r"""Where each name occurs in ``text`` as ``re.finditer(r"(?<![\w-])NAME(?![\w-])")`` finds it.

    One pass over the word starts of the text serves every name (a long document defines
    hundreds of acronyms; a search of the whole text for each would take quadratic time).
    A name that does not start with a word character is searched for on its own.
    """
    found: dict[str, list[int]] = {name: [] for name in names}
    by_start: dict[str, list[str]] = {}
    for name in found:
        if len(name) >= 2 and _WORD_START.match(name):
            by_start.setdefault(name[:2], []).append(name)
        else:
            found[name] = [m.start() for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text)]
    if by_start:
        last_end = dict.fromkeys(found, 0)  # where each name's previous occurrence ends: none overlap
        for word in _WORD_START.finditer(text):
            start = word.start()
            for name in by_start.get(text[start : start + 2], ()):
                end = start + len(name)
                if start >= last_end[name] and text.startswith(name, start) and not _WORD_OR_HYPHEN.match(text, end):
                    found[name].append(start)
                    last_end[name] = end
    return found


_JOINERS = frozenset("-\u2010\u2011")
"""Hyphens that join a word to the adjective after them ("pro-Russian", "Greek-Cypriot")."""


def _stands_alone(doc: Any, i: int) -> bool:
    """False when the word before token ``i`` qualifies it: a capitalised word that neither starts
    the sentence nor is a determiner ("Turkish Cypriot", "Kosovo Albanian"), or a hyphen."""
    if i == 0:
        return True
    before = doc[i - 1]
    if not before.whitespace_ and (before.text in _JOINERS or before.text[-1:].isalnum()):
        return False
    if before.text[:1].isupper() and not before.is_sent_start:
        return before.lower_ in grammar().determiners
    return True


_NAME_GOES_ON = frozenset({"of", "on", "for"})
"""Words after which a capitalised word goes on with a name ("Commission on Human Rights")."""
_CALENDAR_WORDS = frozenset(calendar.month_name[1:]) | frozenset(calendar.day_name)
"""Capitalised words that do not go on with a name ("the Permanent Council on Thursday")."""


@dataclass(frozen=True)
class _ContextUse:
    """Where a context alias ("the Commission", "the Permanent Council") is printed, and what
    stands next to it: a context alias names a body only when it stands alone, not as part of a
    longer capitalised name ("the Joint Commission", "the Commission on Human Rights")."""

    start: int
    end: int
    text: str
    key: int
    qualifier_end: int | None = None
    """The end of a capitalised word before the alias ("OSCE Permanent Council", "Joint Commission"):
    the alias then counts only when that word names the body's context, its owner."""
    complement_start: int | None = None
    """The start of a capitalised word after "of/on/for (the)" ("Permanent Council of the CSCE",
    "Commission on Human Rights"): the same."""
    place_start: int | None = None
    """The start of a capitalised word after "in (the)": when it names the body's context, the
    owner ("the Peace Agreement in Bosnia and Herzegovina"); any other says nothing ("the
    Commission in Brussels", "the Council of Ministers in Luxembourg")."""
    joined: bool = False
    """A capitalised word follows ("Commission President", "Council Regulation"), or a hyphen joins
    the alias to the word before ("Euro-Commission"): it names nothing by itself."""


def _context_use(span: Any, key: int, offset: int) -> _ContextUse:
    """What stands around the context alias ``span`` of a paragraph that starts at ``offset``."""
    doc = span.doc
    qualifier_end = complement_start = place_start = None
    joined = False
    if span.start > 0 and not doc[span.start - 1].is_space:
        before = doc[span.start - 1]
        if not before.whitespace_ and (before.text in _JOINERS or before.text[-1:].isalnum()):
            joined = True  # "Euro-Commission": part of another word
        elif before.text[:1].isupper() and before.lower_ not in grammar().determiners:
            qualifier_end = offset + before.idx + len(before.text)
    if span.end < len(doc) and not doc[span.end].is_space:
        after = doc[span.end]
        if after.lower_ in _NAME_GOES_ON or after.lower_ == "in":
            k = span.end + 1
            if k < len(doc) and doc[k].lower_ == "the":
                k += 1
            if k < len(doc) and _capitalised(doc[k]):
                if after.lower_ == "in":
                    place_start = offset + doc[k].idx
                else:
                    complement_start = offset + doc[k].idx
        elif _capitalised(after) and not after.is_sent_start and not (after.text.isupper() and not span.text.isupper()):
            # ("Council of Ministers PETERSBERG DECLARATION": a heading in capitals begins there)
            joined = True
    return _ContextUse(
        offset + span.start_char, offset + span.end_char, span.text, key,
        qualifier_end, complement_start, place_start, joined,
    )


def _holds_words(name: str, words: str) -> bool:
    """Whether ``name`` holds ``words`` as whole words, whatever the case and the spaces
    ("Commission on Human Rights" holds "Commission")."""
    return f" {words.lower()} " in f" {' '.join(name.split()).lower()} "


def _used_as_common_noun(text: str, alias: str) -> bool:
    """Whether ``text`` uses the words of ``alias`` as a common noun: in lower case, singular or
    plural ("appointed a commission", "the Arusha peace agreements"), or after an indefinite
    article ("reviewed by a Commission")."""
    words = r"\s+".join(re.escape(word) for word in alias.split())
    lower = r"\s+".join(re.escape(word) for word in alias.lower().split())
    return re.search(rf"(?<![\w-])(?:{lower}s?|(?:[Aa]n?)\s+{words})(?![\w-])", text) is not None


def _capitalised(token: Any) -> bool:
    """A capitalised word that may go on with a name (not a month or a day)."""
    return token.text[:1].isupper() and token.text not in _CALENDAR_WORDS


class EntityFinder:
    """Finds entity mentions in documents, for one gazetteer (build it once, call it often)."""

    def __init__(self, gazetteer: Gazetteer, nlp: Any) -> None:
        from spacy.matcher import PhraseMatcher

        self.gazetteer = gazetteer
        self.nlp = nlp
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._names: dict[int, list[str]] = {}
        for name, _entity_id in gazetteer.names():
            key = nlp.vocab.strings.add(name.lower())
            if key not in self._names:
                self._names[key] = []
                self.matcher.add(name.lower(), [nlp.make_doc(name)])
            if name not in self._names[key]:
                self._names[key].append(name)
        self._contextual_keys = {key for key, names in self._names.items() if any(gazetteer.contextual(n) for n in names)}
        # "the Estonian Government": an adjective and a head that stands for the state, in the same
        # matcher as the names (one pass over the text); the case is checked in _resolve_adjective
        self._adjective_phrases: dict[int, list[tuple[str, str]]] = {}
        heads = sorted(grammar().state_organ_heads)
        for adjective in sorted({adjective for adjective, _entity_id in gazetteer.adjectives()}):
            for head in heads:
                phrase = f"{adjective} {head}"
                key = nlp.vocab.strings.add(phrase.lower())
                if key not in self._names and key not in self._adjective_phrases:
                    self.matcher.add(phrase.lower(), [nlp.make_doc(phrase)])
                self._adjective_phrases.setdefault(key, []).append((adjective, head))
        # "Russias size": a possessive whose apostrophe was lost in transmission
        states = sorted(
            {name for name, entity_id in gazetteer.names() if "State" in gazetteer[entity_id].classes
             and len(name) >= 4 and not name.endswith("s") and name[:1].isupper()},
            key=lambda n: (-len(n), n),
        )
        self._possessive = re.compile(
            r"(?<!\bthe )\b(?P<name>" + _alternation(states) + r")s(?= [a-z])"
        ) if states else None

    def __call__(self, document: Document) -> tuple[dict[str, Entity], list[EntityMention]]:
        """The entities of ``document`` (by id) and their mentions, in text order."""
        from spacy.util import filter_spans

        from graph.nlp import parse_paragraphs

        parsed = document.parsed or tuple(parse_paragraphs(document.text, document.paragraphs))
        entities: dict[str, Entity] = {}
        mentions: list[EntityMention] = []
        contextual: list[_ContextUse] = []  # names whose meaning depends on what the text names
        for paragraph, doc in zip(document.paragraphs, parsed, strict=True):
            spans = []
            doc = self._read_through_ocr_digits(doc)  # "North Atlantic A1liance" is the Alliance
            for match_id, start, end in self.matcher(doc):
                span = doc[start:end]
                if match_id not in self._adjective_phrases and not self._case_fits(span.text, match_id):
                    continue  # "the nuclear Non-Proliferation Treaty" hides no "Non-Proliferation Treaty"
                span.label = match_id
                spans.append(span)
            for span in filter_spans(spans):
                rule = RULE_GAZETTEER
                begin = paragraph.start + span.start_char
                if self._contextual(span.text, span.label):
                    contextual.append(_context_use(span, span.label, paragraph.start))
                    continue
                entry = self._resolve(span.text, span.label, document.date)
                if entry is None and span.label in self._adjective_phrases:
                    rule = RULE_STATE_ADJECTIVE
                    entry = self._resolve_adjective(span, document.date)
                if entry is None:
                    continue
                entities.setdefault(entry.id, entity_from_entry(entry))
                printed = document.text[begin : begin + len(span.text)]
                mentions.append(EntityMention(entry.id, begin, begin + len(span.text), printed, rule))
        for use, entry in self._resolve_context_uses(contextual, mentions, document.text, document.date):
            entities.setdefault(entry.id, entity_from_entry(entry))  # "the Permanent Council" of a text that names WEU
            mentions.append(EntityMention(entry.id, use.start, use.end, use.text, RULE_GAZETTEER))
        if contextual:
            mentions.sort(key=lambda m: (m.start, m.end))
        self._add_possessives(document, entities, mentions)
        not_names = _non_entity_spans(document.text)
        mentions = [m for m in mentions if not not_names.contains(m.start, m.end)]
        self._add_pattern_entities(document, entities, mentions)
        self._add_local_entities(document, entities, mentions, not_names)
        self._add_capitalised_names(document, entities, mentions, not_names)
        self._add_persons(document, entities, mentions)
        mentions = [m for m in mentions if not self._is_own_title(document, entities, m)]
        mentions.sort(key=lambda m: (m.start, m.end))
        used = {m.entity_id for m in mentions}
        return {k: v for k, v in entities.items() if k in used}, mentions

    def _read_through_ocr_digits(self, doc: Any) -> Any:
        """``doc``, or when a word of it holds a digit that OCR put for a letter ("A1liance",
        "Counci1", "C0uncil"), a Doc of the same text with the letters back, for the name
        matcher only: the text and its offsets are unchanged, since each digit stands for one
        letter."""
        if not _OCR_DIGIT.search(doc.text):
            return doc
        fixed = _OCR_DIGIT.sub(lambda m: _OCR_LETTERS[m.group()], doc.text)
        return self.nlp.make_doc(fixed)

    @staticmethod
    def _is_own_title(document: Document, entities: dict[str, Entity], mention: EntityMention) -> bool:
        """A framework named by the document's whole title is the document itself, not something it
        names; a meeting ("CSCE BUDAPEST SUMMIT 1994") is what the document comes from."""
        entity = entities[mention.entity_id]
        words = [word for word in entity.label.split() if not word.isdigit()]
        head = head_nouns().get(words[-1]) if words else None
        return (
            entity.classes == ("Framework",)
            and not (head is not None and head.meeting)
            and " ".join(mention.text.split()).lower() == " ".join((document.title or "").split()).lower()
        )

    def _add_pattern_entities(self, document: Document, entities: dict[str, Entity], mentions: list[EntityMention]) -> None:
        """Entities named by a pattern (``entity-patterns.jsonl``): one per number in the match.
        A text matched by an earlier pattern is not read again by a later one."""
        taken = TakenSpans(len(document.text))
        for pattern in entity_patterns():
            for match in pattern.regex.finditer(document.text):
                if taken.overlaps(match.start(), match.end()):
                    continue
                taken.add(match.start(), match.end())
                for number in _PATTERN_NUMBER.finditer(match.group("numbers")):
                    n = number.group()
                    entity = Entity(
                        id=pattern.id_template.format(n=n), classes=pattern.classes,
                        label=pattern.label_template.format(n=n), local=True,
                    )
                    entities.setdefault(entity.id, entity)
                    mentions.append(EntityMention(entity.id, match.start(), match.end(), match.group(), pattern.rule))

    def _add_persons(self, document: Document, entities: dict[str, Entity], mentions: list[EntityMention]) -> None:
        """Titled people: "Secretary General Solana", "Russian Foreign Minister Primakov", "Mr. Kozyrev"."""
        taken = TakenSpans(len(document.text), ((m.start, m.end) for m in mentions))
        pattern, rules = person_titles()
        for match in pattern.finditer(document.text):
            start, end = match.span("name")
            if taken.overlaps(start, end):
                continue  # "President of the Russian Federation" is no name; "General Assembly" is a body
            name = match.group("name")
            if self.gazetteer.candidates(name) or name.split()[0] in ("The", "Of"):
                continue
            label = f"{match.group('title')} {name}"
            entity = Entity(id=f"person-{slugify(name)}", classes=("Person",), label=label, local=True)
            entities.setdefault(entity.id, entity)
            mentions.append(EntityMention(entity.id, match.start(), end, match.group(), rules[match.group("title")]))
            taken.add(match.start(), end)

    def _add_capitalised_names(
        self, document: Document, entities: dict[str, Entity], mentions: list[EntityMention], not_names: Containers
    ) -> None:
        """Capitalised names headed by an institutional noun ("January NATO Summit"); a name
        that is no such name may hold one after "of" ("Meeting of the Visegrad Group"), and a
        phrase may hold two ("Operation Sharp Guard and Operation Deny Flight"). A name inside
        a phrase of ``not-entities.jsonl`` ("European Currency Unit") is none."""
        taken = TakenSpans(len(document.text), ((m.start, m.end) for m in mentions))
        text, headings = self._recased_headings(document.text)
        titles = Containers((p.start, p.end) for p in document.paragraphs if p.kind == "heading")
        for match in _NAME.finditer(text):
            in_heading = headings.contains(match.start(), match.end())
            in_title = in_heading or titles.contains(match.start(), match.end())
            starts = [match.start()] + [match.start() + m.end() for m in _NAME_STARTS.finditer(match.group())]
            free_from = match.start()  # where the phrase goes on after the last name found in it
            for start in starts:
                if start < free_from:
                    continue
                found = self._capitalised_name(
                    text, start, match.end(), in_heading, taken, inner=start != match.start(), in_title=in_title
                )
                if found is None:
                    continue
                name, head = found
                begin = text.index(name, start)
                free_from = begin + len(name)
                if not_names.contains(begin, begin + len(name)):
                    continue
                primary = head.classes[0].lower()
                entity = Entity(id=f"{primary}-{slugify(name)}", classes=head.classes, label=name, local=True)
                entities.setdefault(entity.id, entity)
                printed = document.text[begin : begin + len(name)]
                mentions.append(EntityMention(entity.id, begin, begin + len(name), printed, RULE_CAPITALISED_NAME))
                taken.add(begin, begin + len(name))

    def _capitalised_name(
        self, text: str, start: int, end: int, in_heading: bool, taken: TakenSpans, *,
        inner: bool = False, in_title: bool = False,
    ) -> tuple[str, HeadNoun] | None:
        """The name ``text[start:end]`` gives (trimmed) and its head noun, or None. An ``inner``
        name, one that begins inside a longer phrase, has no "and" or possessive before its head
        ("Namibia's National Assembly"); no name has "and the" before its head ("Israel and the
        ... Organization"): a later start is tried. ``in_heading``: the name is in a line of
        capitals; ``in_title``: in a heading of any case, where a text named is the document's own
        title or a headline about it ("Excerpts From NATO Declaration on Expanding the Alliance")."""
        nouns = head_nouns()
        name = text[start:end]
        if name.startswith(("The ", "the ", "A ", "An ")):
            start += name.index(" ") + 1
            name = name[name.index(" ") + 1 :]
        leading = self._leading_name(name)
        if leading is not None:
            name, head = leading  # "Operation Sharp Guard"
            if in_title and not head.named_in_headings():
                return None
            if taken.overlaps(start, start + len(name)) or self.gazetteer.candidates(name):
                return None
            return name, head
        if " in " in name:
            before_in = name.split(" in ", 1)[0]
            located = nouns.get(before_in.split()[-1])
            if located is None or not located.located or located.noun != before_in.split()[-1]:
                name = before_in  # "the Euro-Mediterranean Conference in Barcelona": a meeting place
        head_part = _CONNECTOR.split(f" {name.split(' in ', 1)[0]} ", maxsplit=1)[0].strip()
        second = name.find(" and the ", len(head_part))
        if second != -1 and _names_a_body(name[second + len(" and the ") :]):
            name = name[:second]  # "... Centre on Transnational Corporations and the ... Commission on ...": two names
        if name.isupper() or " " not in name:
            return None  # an all-capital heading, or a single word
        year = _YEAR_AFTER.match(text, start + len(name)) if in_heading and name.split()[-1] in nouns else None
        short = sum(1 for w in name.split() if w[:1].isupper()) < 3 and not _ACRONYM.search(name) and not year
        if short and not _meeting_at_place(name):
            return None  # "Work Plan", "Ministerial Council": a description, not a name ("Lisbon Summit" is one)
        head_word = head_part.split()[-1]
        head = nouns.get(head_word)
        if head is None or head.noun != head_word:
            return None  # no institutional head, or a plural ("the NACC/PfP Committees")
        if in_title and not head.named_in_headings():
            return None  # "PETERSBERG DECLARATION": the document's own title
        if " and the " in head_part or inner and (" and " in head_part or re.search(r"['\u2019]s\b", head_part)):
            return None  # two names ("Israel and the Palestine Liberation Organization"), or a possessive
        head_start = start + len(head_part) - len(head_word)
        if taken.overlaps(head_start, start + len(head_part)):
            return None  # the head belongs to a name already found
        if self.gazetteer.candidates(name):
            return None
        return name + (year.group() if year else ""), head  # "ISTANBUL SUMMIT 1999"

    @staticmethod
    def _leading_name(name: str) -> tuple[str, HeadNoun] | None:
        """The name at the start of ``name`` whose institutional noun comes first ("Operation
        Sharp Guard"), and that noun; None when there is none, or when the words end in an
        institutional noun of other classes, which heads them ("Operation Lifeline Sudan
        Agreement" is an agreement)."""
        pattern = leading_names()
        leading = pattern.match(name) if pattern is not None else None
        if leading is None:
            return None
        nouns = head_nouns()
        head = nouns[leading.group("noun")]
        if leading.group("first") in nouns:
            return None  # "Operation Plan": a description
        last = nouns.get(leading.group().split()[-1])
        if last is not None and last.noun == leading.group().split()[-1] and last.classes != head.classes:
            return None
        return leading.group(), head

    def _recased_headings(self, text: str) -> tuple[str, Containers]:
        """``text`` with its all-capital lines written as names are ("OSCE ISTANBUL SUMMIT 1999"
        becomes "OSCE Istanbul Summit 1999": acronyms the gazetteer knows stay in capitals, small
        words go to lower case), and the spans of those lines. Offsets are unchanged."""
        lines = [match.span() for match in _CAPITAL_LINE.finditer(text)]
        if not lines:
            return text, Containers([])

        def recase(word: re.Match[str]) -> str:  # "OSCE" and "NATO" stay as they are
            printed = word.group()
            if printed in _SMALL_WORDS:
                return printed.lower()
            if "-" in printed:  # "NATO-RUSSIA", "EURO-ATLANTIC": each part on its own
                return "-".join(recase_part(part) for part in printed.split("-"))
            return recase_part(printed)

        def recase_part(printed: str) -> str:
            if len(printed) < 2 or self.gazetteer.candidates(printed):
                return printed
            written = printed[:1] + printed[1:].lower()
            return written if len(written) == len(printed) else printed

        pieces: list[str] = []
        done = 0
        for begin, end in lines:
            pieces += [text[done:begin], _CAPITAL_WORD.sub(recase, text[begin:end])]
            done = end
        pieces.append(text[done:])
        return "".join(pieces), Containers(lines)

    def _add_possessives(self, document: Document, entities: dict[str, Entity], mentions: list[EntityMention]) -> None:
        if self._possessive is None:
            return
        taken = TakenSpans(len(document.text), ((m.start, m.end) for m in mentions))
        for match in self._possessive.finditer(document.text):
            start, end = match.span()
            if taken.overlaps(start, end):
                continue
            entry = self.gazetteer.resolve(match.group("name"), document.date)
            if entry is None:
                continue
            entities.setdefault(entry.id, entity_from_entry(entry))
            mentions.append(EntityMention(entry.id, start, end, match.group(), RULE_LOST_APOSTROPHE))

    def _resolve(self, found: str, key: int, date: str | None, named: Mapping[str, int] | None = None) -> GazetteerEntry | None:
        for name in self._names.get(key, ()):
            if _case_matches(found, name):
                entry = self.gazetteer.resolve(name, date, named)
                if entry is not None:
                    return entry
        return None

    def _case_fits(self, found: str, key: int) -> bool:
        """Whether ``found`` is printed as one of the gazetteer names matched under ``key`` may be."""
        return any(_case_matches(found, name) for name in self._names.get(key, ()))

    def _contextual(self, found: str, key: int) -> bool:
        """Whether the name ``found`` is a context alias (its entry depends on what the text names)."""
        return key in self._contextual_keys and any(_case_matches(found, name) and self.gazetteer.contextual(name) for name in self._names.get(key, ()))

    def _resolve_context_uses(
        self, uses: list[_ContextUse], mentions: list[EntityMention], text: str, date: str | None
    ) -> list[tuple[_ContextUse, GazetteerEntry]]:
        """The entries the context aliases ``uses`` name, given the ``mentions`` of the rest of ``text``.

        An alias names its body only where it stands alone:
        - a capitalised word before it, or a capitalised name after "of", "on" or "for", must name
          the body's context, which then decides ("the OSCE Permanent Council", "the Permanent
          Council of the CSCE"); any other makes a longer name ("the Joint Commission", "the
          Commission on Human Rights"), as does a gazetteer name that holds the alias ("the
          North Atlantic Council");
        - the context named after "in" decides too ("the Peace Agreement in Bosnia and
          Herzegovina"); another place says nothing ("the Council of Ministers in Luxembourg");
        - a capitalised word after the alias makes no name ("Commission President").
        Where the text holds a longer name, or uses the alias as a common noun ("a commission",
        "a Commission"), a bare alias may refer back to that, and is left unresolved in the whole
        text. A bare alias names only an entry that exists on the document's date ("the Peace
        Agreement" of 1993 is not the Dayton agreement of 1995).
        """
        if not uses:
            return []
        named = Counter(m.entity_id for m in mentions)
        by_end = {m.end: m.entity_id for m in mentions}
        by_start = {m.start: m.entity_id for m in mentions}
        owners: dict[int, set[str]] = {}  # by alias key: the ids whose naming makes it a body's name
        longer: set[int] = set()  # the alias keys that the text also uses in a longer name or as a common noun
        for key, alias in {use.key: use.text for use in uses}.items():
            entries = [entry for name in self._names[key] for entry in self.gazetteer.candidates(name)]
            candidates = {entry.id for entry in entries}
            owners[key] = {other for entry in entries for other in entry.context}
            if _used_as_common_noun(text, alias) or any(
                m.entity_id not in candidates and _holds_words(m.text, alias) for m in mentions
            ):
                longer.add(key)
        kept: list[tuple[_ContextUse, str | None]] = []
        for use in uses:
            owner = None
            for position, found in ((use.qualifier_end, by_end), (use.complement_start, by_start)):
                if position is None:
                    continue
                if found.get(position) not in owners[use.key]:
                    longer.add(use.key)  # "the Joint Commission": a name of its own
                    break
                owner = found[position]
            else:
                place = by_start.get(use.place_start) if use.place_start is not None else None
                if place in owners[use.key]:
                    owner = place  # "the Peace Agreement in Bosnia and Herzegovina"
                if not use.joined:
                    kept.append((use, owner))
        resolved = []
        for use, owner in kept:
            if owner is None and use.key in longer:
                continue  # "the Commission" after "the Joint Commission" may be that commission
            weights = named if owner is None else {**named, owner: max(named.values(), default=0) + 1}
            entry = self._resolve(use.text, use.key, date, weights)
            if entry is not None and (owner is not None or entry.valid_on(date)):
                resolved.append((use, entry))
        return resolved

    def _resolve_adjective(self, span: Any, date: str | None) -> GazetteerEntry | None:
        """The state of "<Adjective> <head>": the adjective as the gazetteer writes it, the head in
        lower or title case ("the Latvian delegation", "the Estonian Government"), and the adjective
        not the end of a longer qualifier ("the Kosovo Albanian leadership", "pro-Russian")."""
        if not _stands_alone(span.doc, span.start):
            return None
        words = " ".join(span.text.split())
        for adjective, head in self._adjective_phrases[span.label]:
            title = " ".join(word[:1].upper() + word[1:] for word in head.split())
            if words in (f"{adjective} {head}", f"{adjective} {title}"):
                return self.gazetteer.resolve_adjective(adjective, date)
        return None

    def _add_local_entities(
        self, document: Document, entities: dict[str, Entity], mentions: list[EntityMention], not_names: Containers
    ) -> None:
        """Acronyms defined in the text whose long form is headed by an institutional noun
        ("Balkan Liaison Group (BLG)"), unless the long form is in a phrase of ``not-entities.jsonl``."""
        text = document.text
        taken = TakenSpans(len(text), ((m.start, m.end) for m in mentions))

        def free(start: int, end: int) -> bool:
            return not taken.overlaps(start, end)

        nouns = head_nouns()
        local: list[Entity] = []
        heads: dict[str, int] = {}  # a long form -> where its head noun ends in it
        for definition in find_acronym_definitions(text):
            head_part = _PREPOSITION.split(f" {definition.long} ", maxsplit=1)[0].split()
            head = nouns.get(head_part[-1]) if head_part else None
            if head is None:
                continue
            head_word = list(re.finditer(r"\S+", definition.long))[len(head_part) - 1]
            if not free(definition.long_start + head_word.start(), definition.long_start + head_word.end()):
                continue  # the head belongs to a name found already (a name inside it, "United Nations", may not)
            if not free(definition.acr_start, definition.acr_end):
                continue
            if self.gazetteer.candidates(definition.acronym) or self.gazetteer.candidates(definition.long):
                continue
            if not_names.contains(definition.long_start, definition.long_end):
                continue  # "European Currency Unit (ECU)": no body
            heads[" ".join(definition.long.split())] = len(" ".join(head_part))
            label = " ".join(definition.long.split())
            primary = head.classes[0].lower()
            entity = Entity(
                id=f"{primary}-{slugify(label)}",
                classes=head.classes,
                label=label,
                acronym=definition.acronym,
                local=True,
            )
            entities.setdefault(entity.id, entity)
            local.append(entity)
        named = [
            (entity, name, rule_id)
            for entity in local
            for name, rule_id in ((entity.label, RULE_LOCAL_NAME), (entity.acronym or "", RULE_ACRONYM))
            if name
        ]
        found = _whole_word_occurrences(text, [name for _entity, name, _rule in named])
        seen: set[str] = set()
        for entity, name, rule_id in named:
            if name in seen:
                continue  # every place it names was taken (or refused) the first time
            seen.add(name)
            for start in found[name]:
                end = start + len(name)
                head_end = heads.get(name) if rule_id == RULE_LOCAL_NAME else None
                if free(start, end) or head_end is not None and free(start + head_end - 1, start + head_end):
                    taken.add(start, end)
                    mentions.append(EntityMention(entity.id, start, end, name, rule_id))
