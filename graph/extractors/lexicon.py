"""The action extractor's data: trigger words, subject words, closed word classes, topics.

All of it lives in ``graph/data/`` as JSON Lines (one entry per line, each with a stable
id that becomes ``dg:rule``) or JSON; this module loads and checks it once.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from graph.datafiles import DATA_DIR, read_jsonl
from graph.errors import DataError
from graph.ontology import action_types


@dataclass(frozen=True)
class Trigger:
    """A word or phrase that governs an action of ``type``."""

    rule: str
    type: str
    pattern: tuple[dict[str, Any], ...]
    nominal: bool = False
    modal: bool = False
    object_excludes: re.Pattern[str] | None = None
    object_requires: re.Pattern[str] | None = None
    """The word governs an action only when its object begins like this ("extend" + "the mandate")."""
    reported: bool = False
    """The word governs an action only in reported speech ("The representative said his
    Government would contribute troops": "would" reports a "will")."""
    first_person: bool = False
    """The phrase names its agent by a first-person possessive ("It is our hope that ..."):
    the agents are the document's issuers."""
    listed_states: bool = False
    """When no subject is read in front, the States named in the clause before the word are
    its agents (the countries listed before "align themselves with this declaration")."""


SUBJECT_REFERENCES = ("issuer", "body", "plural", "singular", "speaker", "named-head")
"""What a subject word may refer to (see ``graph/data/subjects.jsonl``)."""


@dataclass(frozen=True)
class SubjectWord:
    """A subject that is not a named actor, and what it refers to."""

    rule: str
    pattern: tuple[dict[str, Any], ...]
    refers: str


@dataclass(frozen=True)
class Topic:
    """An area of cooperation and the terms that name it."""

    id: str
    label: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Grammar:
    """Closed word classes (lower case)."""

    between_subject_and_verb: frozenset[str]
    not_adverbs_in_ly: frozenset[str]
    negations: frozenset[str]
    refusals: frozenset[str]
    be_forms: frozenset[str]
    before_subject: frozenset[str]
    clause_openers: frozenset[str]
    pp_heads: frozenset[str]
    parenthetical_openers: frozenset[str]
    intro_openers: frozenset[str]
    member_nouns: frozenset[str]
    compound_heads: frozenset[str]
    """Plural heads right after an actor's name that stand for it ("NATO Allies", "EU Foreign Ministers")."""
    portfolios: frozenset[str]
    """Words between an actor's name and a compound head ("Defence" in "NATO Defence Ministers")."""
    state_organ_heads: frozenset[str]
    """Heads after a state's adjective that stand for the state itself ("the Estonian Government")."""
    acts_done_or_not: frozenset[str]
    """Action types an actor has done or not: under an obligation ("we must adopt X") they are
    not done, whoever the subject."""
    belief_words: frozenset[str]
    """Words whose that-clause is believed, not pledged ("in the firm belief that we will")."""
    mental_verbs: frozenset[str]
    """Verbs whose complement clause may follow without "that" ("I expect we shall adopt it"):
    that clause is what is thought, not what is done."""
    embedded_openers: frozenset[str]
    """Words before a subject that make its clause a question or a relative clause ("where we
    want to go"): it states no act."""
    before_infinitive: frozenset[str]
    """Words that may stand between a catenative and its "to" ("allow me first of all to")."""
    catenatives: frozenset[str]
    time_words: frozenset[str]
    time_phrase_openers: frozenset[str]
    """Words a time phrase before a subject begins with ("This year", "In May 1995")."""
    opening_time_words: frozenset[str]
    """The words of a time phrase that may open a clause before its subject without a comma
    ("This year my country signed", "In May 1995 Latvia joined"), numbers apart."""
    determiners: frozenset[str]
    speaker_heads: frozenset[str]
    """Titles after an actor, possessive or not, whose holder speaks for it ("France's representative")."""
    spokesmen: frozenset[str]
    """Heads that take "for" as well as "of" before the actor they speak for ("the spokesman for the Alliance")."""
    obligation_modals: frozenset[str]
    """Modals that ask for an act rather than state one ("This must be condemned by the UN")."""
    modals: frozenset[str]
    conditionals: frozenset[str]
    """Words that open a condition: its verb states no act ("if we wish to ensure ...")."""
    performative_types: frozenset[str]
    """Action types done by saying one wishes to do them ("I wish to thank"): after "wish to",
    "would like to" the act is the action; other verbs ("We want to establish") are a wish."""
    types_without_reduced_passive: frozenset[str]
    """Action types a participle after a noun does not state ("the efforts undertaken by X")."""
    body_heads: frozenset[str]
    """Heads of "The Council", "The Group" ...: the body the document names with that head
    when the issuer's name has another."""
    discourse_verbs: frozenset[str]
    """Verbs of a speaker's own speaking ("I shall not dwell on", "I will now turn to"): after
    "I" and a modal they say how the speech goes on, not what the State will do."""
    focus_phrases: frozenset[str]
    """Phrases that may stand between "and" and a coordinated verb ("and in particular supports")."""
    participle_prepositions: frozenset[str]
    """After a bare comma, a past form followed by one of these is a participle describing
    the noun before it ("a discussion, aimed at devising a concept"), not a coordinated verb."""
    saying_verbs: frozenset[str]
    """Verbs that report what a speaker said ("The representative of X said his Government ...")."""


def _pattern(path: Any, line: int, value: Any) -> tuple[dict[str, Any], ...]:
    if not isinstance(value, list) or not value or not all(isinstance(t, dict) for t in value):
        raise DataError(path, line, '"pattern" must be a non-empty list of token objects')
    return tuple(value)


def _regex(path: Any, line: int, obj: dict[str, Any], key: str) -> re.Pattern[str] | None:
    if key not in obj:
        return None
    try:
        return re.compile(obj[key])
    except (re.error, TypeError) as exc:
        raise DataError(path, line, f'"{key}" is not a valid regular expression: {exc}') from exc


@lru_cache(maxsize=1)
def triggers() -> tuple[Trigger, ...]:
    """The trigger lexicon (``graph/data/triggers.jsonl``)."""
    path = DATA_DIR / "triggers.jsonl"
    known = action_types()
    found = []
    allowed = ("id", "type", "pattern", "nominal", "modal", "object_excludes", "object_requires", "reported", "listed_states", "first_person")
    for line, obj in read_jsonl(path, required=("id", "type", "pattern"), allowed=allowed):
        if obj["type"] not in known:
            raise DataError(path, line, f'unknown action type "{obj["type"]}" (the ontology has {", ".join(sorted(known))})')
        excludes, requires = (_regex(path, line, obj, key) for key in ("object_excludes", "object_requires"))
        pattern = _pattern(path, line, obj["pattern"])
        flags = {key: bool(obj.get(key)) for key in ("nominal", "modal", "reported", "listed_states", "first_person")}
        found.append(Trigger(obj["id"], obj["type"], pattern, object_excludes=excludes, object_requires=requires, **flags))
    return tuple(found)


@lru_cache(maxsize=1)
def subject_words() -> tuple[SubjectWord, ...]:
    """The subject lexicon (``graph/data/subjects.jsonl``)."""
    path = DATA_DIR / "subjects.jsonl"
    found = []
    for line, obj in read_jsonl(path, required=("id", "pattern", "refers"), allowed=("id", "pattern", "refers")):
        if obj["refers"] not in SUBJECT_REFERENCES:
            raise DataError(path, line, f'"refers" must be one of {", ".join(SUBJECT_REFERENCES)}')
        found.append(SubjectWord(obj["id"], _pattern(path, line, obj["pattern"]), obj["refers"]))
    return tuple(found)


@lru_cache(maxsize=1)
def topics() -> tuple[Topic, ...]:
    """The topic scheme (``graph/data/topics.jsonl``)."""
    path = DATA_DIR / "topics.jsonl"
    found = []
    for line, obj in read_jsonl(path, required=("id", "label", "terms"), allowed=("id", "label", "terms")):
        terms = obj["terms"]
        if not isinstance(terms, list) or not terms or not all(isinstance(t, str) and t.strip() for t in terms):
            raise DataError(path, line, '"terms" must be a non-empty list of phrases')
        found.append(Topic(obj["id"], obj["label"], tuple(terms)))
    return tuple(found)


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """The closed word classes (``graph/data/grammar.json``)."""
    path = DATA_DIR / "grammar.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(path, exc.lineno, f"invalid JSON: {exc.msg}") from exc
    try:
        return Grammar(**{name: frozenset(raw[name]) for name in Grammar.__dataclass_fields__})
    except KeyError as exc:
        raise DataError(path, 1, f"missing word class {exc}") from exc
