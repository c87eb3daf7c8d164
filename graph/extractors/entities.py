"""Find the actors, frameworks and persons a document names.

Gazetteer names are matched with spaCy's PhraseMatcher over the normalised text,
longest match first. Case matters ("the Alliance", not "an alliance"; "US", not "us"),
except in all-capital headings. A name resolves to the entry valid on the document's
date. A state's adjective names the state only in front of a head that stands for it
("the Estonian Government", "the Latvian delegation": ``state_organ_heads`` in
``graph/data/grammar.json``), never alone ("Russian troops"). Acronyms defined in the
text (``Full Name (ACR)``) whose name is headed by an institutional noun become entities
of that document even when the gazetteer lacks them.
Nothing here looks at another document.
"""

from __future__ import annotations

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
_NAME = re.compile(rf"{_CAPITAL}(?:\s(?:{_CAPITAL}|(?:of|for|on|and|the|in)(?=\s(?:the\s)?[A-Z])))+")
_CONNECTOR = re.compile(r"\s(?:of|for|on)\s")
_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")
_CAPITAL_LINE = re.compile(r"^(?=[^\n]*[A-Z]{2}[^\n]* [^\n]*[A-Z]{2})[^a-z\n]+$", re.MULTILINE)
"""A line with two or more words in capitals and no lower-case letter: a heading."""
_CAPITAL_WORD = re.compile(r"[A-Z][A-Z'\u2019]*(?:-[A-Z]+)*")
_SMALL_WORDS = frozenset({"OF", "FOR", "ON", "AND", "THE", "IN", "A", "AN", "TO"})
_NAME_STARTS = re.compile(r" (?:of|and) (?:the )?")
"""Where a name may begin inside a longer capitalised phrase ("Meeting of the | Visegrad Group",
"Government of Israel and the | Palestine Liberation Organization")."""
_YEAR_AFTER = re.compile(r" (?:19|20)\d\d\b")


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

    def named_in_headings(self) -> bool:
        """Whether a heading's name with this head is an entity: a body or a meeting. A text
        ("... DECLARATION", "... CHARTER") named in a heading is mostly the document itself."""
        return self.meeting or "Organisation" in self.classes


@lru_cache(maxsize=1)
def head_nouns() -> dict[str, HeadNoun]:
    """The institutional-noun lexicon, keyed by the noun and its plural."""
    path = DATA_DIR / "institutional-nouns.jsonl"
    table: dict[str, HeadNoun] = {}
    for _, obj in read_jsonl(path, required=("id", "noun", "class"), allowed=("id", "noun", "class", "located", "meeting")):
        noun = HeadNoun(obj["id"], obj["noun"], tuple(obj["class"]), bool(obj.get("located")), bool(obj.get("meeting")))
        table[noun.noun] = noun
        plural = noun.noun[:-1] + "ies" if noun.noun.endswith("y") else noun.noun + "s"
        table.setdefault(plural, noun)
    return table


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
        contextual: list[tuple[int, str, int]] = []  # names whose meaning depends on what the text names
        for paragraph, doc in zip(document.paragraphs, parsed, strict=True):
            spans = []
            for match_id, start, end in self.matcher(doc):
                span = doc[start:end]
                span.label = match_id
                spans.append(span)
            for span in filter_spans(spans):
                rule = RULE_GAZETTEER
                begin = paragraph.start + span.start_char
                if self._contextual(span.text, span.label):
                    contextual.append((begin, span.text, span.label))
                    continue
                entry = self._resolve(span.text, span.label, document.date)
                if entry is None and span.label in self._adjective_phrases:
                    rule = RULE_STATE_ADJECTIVE
                    entry = self._resolve_adjective(span, document.date)
                if entry is None:
                    continue
                entities.setdefault(entry.id, entity_from_entry(entry))
                mentions.append(EntityMention(entry.id, begin, begin + len(span.text), span.text, rule))
        named = Counter(m.entity_id for m in mentions)
        for begin, text, key in contextual:  # "the Permanent Council" of a text that names WEU
            entry = self._resolve(text, key, document.date, named)
            if entry is not None:
                entities.setdefault(entry.id, entity_from_entry(entry))
                mentions.append(EntityMention(entry.id, begin, begin + len(text), text, RULE_GAZETTEER))
        if contextual:
            mentions.sort(key=lambda m: (m.start, m.end))
        self._add_possessives(document, entities, mentions)
        mentions = self._without_non_entities(document, mentions)
        self._add_pattern_entities(document, entities, mentions)
        self._add_local_entities(document, entities, mentions)
        self._add_capitalised_names(document, entities, mentions)
        self._add_persons(document, entities, mentions)
        mentions = [m for m in mentions if not self._is_own_title(document, entities, m)]
        mentions.sort(key=lambda m: (m.start, m.end))
        used = {m.entity_id for m in mentions}
        return {k: v for k, v in entities.items() if k in used}, mentions

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

    @staticmethod
    def _without_non_entities(document: Document, mentions: list[EntityMention]) -> list[EntityMention]:
        spans = [m.span() for _rule, regex in not_entity_phrases() for m in regex.finditer(document.text)]
        inside = Containers(spans)
        return [m for m in mentions if not inside.contains(m.start, m.end)]

    def _add_pattern_entities(self, document: Document, entities: dict[str, Entity], mentions: list[EntityMention]) -> None:
        for pattern in entity_patterns():
            for match in pattern.regex.finditer(document.text):
                for number in re.finditer(r"\d{1,4}(?! ?\))", match.group("numbers")):
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

    def _add_capitalised_names(self, document: Document, entities: dict[str, Entity], mentions: list[EntityMention]) -> None:
        """Capitalised names headed by an institutional noun ("January NATO Summit"); a name
        that is no such name may hold one after "of" ("Meeting of the Visegrad Group")."""
        taken = TakenSpans(len(document.text), ((m.start, m.end) for m in mentions))
        text, headings = self._recased_headings(document.text)
        for match in _NAME.finditer(text):
            in_heading = headings.contains(match.start(), match.end())
            starts = [match.start()] + [match.start() + m.end() for m in _NAME_STARTS.finditer(match.group())]
            for start in starts:
                found = self._capitalised_name(text, start, match.end(), in_heading, taken, inner=start != match.start())
                if found is None:
                    continue
                name, head = found
                primary = head.classes[0].lower()
                entity = Entity(id=f"{primary}-{slugify(name)}", classes=head.classes, label=name, local=True)
                entities.setdefault(entity.id, entity)
                begin = text.index(name, start)
                printed = document.text[begin : begin + len(name)]
                mentions.append(EntityMention(entity.id, begin, begin + len(name), printed, RULE_CAPITALISED_NAME))
                taken.add(begin, begin + len(name))
                break

    def _capitalised_name(
        self, text: str, start: int, end: int, in_heading: bool, taken: TakenSpans, *, inner: bool = False
    ) -> tuple[str, HeadNoun] | None:
        """The name ``text[start:end]`` gives (trimmed) and its head noun, or None. An ``inner``
        name, one that begins inside a longer phrase, has no "and" or possessive before its head
        ("Namibia's National Assembly"); no name has "and the" before its head ("Israel and the
        ... Organization"): a later start is tried."""
        nouns = head_nouns()
        name = text[start:end]
        if name.startswith(("The ", "the ", "A ", "An ")):
            start += name.index(" ") + 1
            name = name[name.index(" ") + 1 :]
        if " in " in name:
            before_in = name.split(" in ", 1)[0]
            located = nouns.get(before_in.split()[-1])
            if located is None or not located.located or located.noun != before_in.split()[-1]:
                name = before_in  # "the Euro-Mediterranean Conference in Barcelona": a meeting place
        if name.isupper() or " " not in name:
            return None  # an all-capital heading, or a single word
        year = _YEAR_AFTER.match(text, start + len(name)) if in_heading and name.split()[-1] in nouns else None
        if sum(1 for w in name.split() if w[:1].isupper()) < 3 and not _ACRONYM.search(name) and not year:
            return None  # "Work Plan", "Ministerial Council": a description, not a name
        head_part = _CONNECTOR.split(f" {name.split(' in ', 1)[0]} ", maxsplit=1)[0].strip()
        head_word = head_part.split()[-1]
        head = nouns.get(head_word)
        if head is None or head.noun != head_word:
            return None  # no institutional head, or a plural ("the NACC/PfP Committees")
        if in_heading and not head.named_in_headings():
            return None  # "PETERSBERG DECLARATION": the document's own title
        if " and the " in head_part or inner and (" and " in head_part or re.search(r"['\u2019]s\b", head_part)):
            return None  # two names ("Israel and the Palestine Liberation Organization"), or a possessive
        head_start = start + len(head_part) - len(head_word)
        if taken.overlaps(head_start, start + len(head_part)):
            return None  # the head belongs to a name already found
        if self.gazetteer.candidates(name):
            return None
        return name + (year.group() if year else ""), head  # "ISTANBUL SUMMIT 1999"

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

    def _contextual(self, found: str, key: int) -> bool:
        """Whether the name ``found`` is a context alias (its entry depends on what the text names)."""
        return key in self._contextual_keys and any(_case_matches(found, name) and self.gazetteer.contextual(name) for name in self._names.get(key, ()))

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

    def _add_local_entities(self, document: Document, entities: dict[str, Entity], mentions: list[EntityMention]) -> None:
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
