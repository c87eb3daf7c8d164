"""Find the agreed actions of a document: who agreed, decided, welcomed ... what.

Rules, in the order they apply to each sentence:

1. A trigger (``graph/data/triggers.jsonl``) marks a governing verb or phrase; a verb
   after a form of "be" is passive and governs nothing ("will be developed"); a verb
   after a determiner is a noun ("its support").
2. The subject is read leftwards from the trigger, past auxiliaries, adverbs and a
   parenthetical between commas: named actors ("NATO and Russia": one action, several
   agents), a subject word (``graph/data/subjects.jsonl``: "We", "Ministers" -> the
   issuer; "They" -> the nearest preceding plural subject), or nothing at the start of
   a paragraph or clause (the items of a decision: the issuer, or the subject of the
   verb before); a participle opening the sentence takes the subject after its comma;
   in reported speech "his Government" is the speaker's actor. Any other subject is not
   an actor: no action.
3. The object runs from the word after the trigger (past a parenthetical) to the end of
   the clause (";", the sentence end, or a coordinated verb with its own object).
4. A list (bullets, sub-items) after an object ending in ":" gives one part per item.
5. Negation between subject and verb, or "refuse to", marks the action negated.
6. Frameworks named in the object (or placing the clause: "within the framework of"),
   with the frameworks they belong to; topics named in the object.

A trigger inside another action's object ("agreed to establish") is part of that object,
not an action of its own, unless it is a coordinated verb or a nominal with its own
agent ("the signature of X by Y"). Some clauses state no act of their subject: what
another actor "must" do, a condition ("if we wish to"), an aside (", we hope, "), and
"would" outside reported speech.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Any

from graph.document import Document
from graph.extractors.lexicon import Trigger, grammar, subject_words, topics, triggers
from graph.extractors.lists import cut_off, inline_items, list_items, trim_item
from graph.extractors.matching import RuleMatcher, columns
from graph.extractors.subjects import FINITE, OPENING_QUOTES, Context, Subject, SubjectReader, verb_form
from graph.records import ActionRecord, Entity, EntityMention, IssuerFinding


class _ByStart:
    """Mentions in text order, and those inside a stretch of text found by bisection (a document
    may name tens of thousands of things; reading them all for every paragraph would be slow).
    Mentions not in order of their starts (or ending before they start) are read one by one."""

    def __init__(self, mentions: Sequence[EntityMention]) -> None:
        self.mentions = list(mentions)
        self.starts = [m.start for m in self.mentions]
        self.ordered = all(a <= b for a, b in pairwise(self.starts)) and all(m.start <= m.end for m in self.mentions)

    def inside(self, start: int, end: int) -> list[EntityMention]:
        """The mentions within ``start:end``, in their order."""
        if self.ordered:
            found = self.mentions[bisect_left(self.starts, start) : bisect_right(self.starts, end)]
        else:
            found = self.mentions
        return [m for m in found if m.start >= start and m.end <= end]


class _Frameworks:
    """The frameworks a document names, by offset, with the frameworks they belong to."""

    def __init__(self, mentions: Sequence[EntityMention], entities: dict[str, Entity], part_of: Callable[[str], Sequence[str]]) -> None:
        self.mentions = _ByStart([m for m in mentions if "Framework" in entities[m.entity_id].classes])
        self.part_of = part_of

    def between(self, start: int, end: int) -> tuple[str, ...]:
        """Framework ids named between ``start`` and ``end``, each followed by those it belongs to."""
        out: dict[str, None] = {}
        for mention in self.mentions.inside(start, end):
            out[mention.entity_id] = None
            for parent in self.part_of(mention.entity_id):
                out[parent] = None
        return tuple(out)


_ASIDE_MARKS = frozenset({",", "\u2014", "\u2013", "-", "--", "(", ")"})
"""Marks around an aside (", we hope, ", "\u2014 we would hope \u2014")."""

_DESCRIBED_BY = ("subject-passive-by", "subject-nominal-by")
"""Subject rules of actions read from a noun phrase ("the measures decided by X", "the signature
of X by Y"), which may stand inside another action's object."""


def _without_nested(results: list[tuple[ActionRecord, bool]]) -> list[tuple[ActionRecord, bool]]:
    """The actions of a sentence without those read from a noun phrase inside another action's
    object: "They supported the measures decided by the Security Council" is one Support, as
    "agreed to establish X" is one Agree."""
    hosts = [(r.object_start, r.object_end) for r, _ in results if r.subject_rule not in _DESCRIBED_BY]
    return [
        (r, list_end) for r, list_end in results
        if r.subject_rule not in _DESCRIBED_BY or not any(start <= r.anchor < end for start, end in hosts)
    ]


def _coordinable(first: str, second: str, *, conjunction: bool, perfect: bool, modal: bool = False) -> bool:
    """True when a verb of form ``second`` can share the subject of a verb of form ``first``.

    Forms that differ coordinate only after "and"/"or" (after a bare comma a participle
    describes a noun: "welcomes the agreement, signed in May"), and a past form after a
    present one only as a perfect ("supports X and has signed Y", not "welcomes the plan
    adopted in May and endorsed by the Council"). A plain form ("We welcome") takes a
    perfect or a modal after it ("We welcome X and have decided Y", "... and will continue
    to Z"), never a bare third person or past."""
    if first == second:
        return True
    if not conjunction:
        return False
    if first == "base":
        return modal or perfect and second == "past"
    if first not in FINITE or second not in FINITE:
        return False
    return second == "third" or perfect


class ActionFinder:
    """Finds agreed actions (build it once per spaCy pipeline, call it per document)."""

    def __init__(self, nlp: Any, part_of: Callable[[str], Sequence[str]] | None = None) -> None:
        """``part_of`` gives the ids of the frameworks a framework belongs to (from the gazetteer)."""
        from spacy.matcher import PhraseMatcher

        self.nlp = nlp
        self.grammar = grammar()
        self.part_of = part_of or (lambda _id: ())
        self.triggers: dict[str, Trigger] = {t.rule: t for t in triggers()}
        self.trigger_matcher = RuleMatcher(nlp.vocab, [(t.rule, t.pattern) for t in self.triggers.values()])
        self.subjects = {s.rule: s for s in subject_words()}
        self.subject_matcher = RuleMatcher(nlp.vocab, [(s.rule, s.pattern) for s in self.subjects.values()])
        self.topic_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for topic in topics():
            self.topic_matcher.add(topic.id, [nlp.make_doc(term) for term in topic.terms])

    # ------------------------------------------------------------------ document level

    def __call__(
        self,
        document: Document,
        entities: dict[str, Entity],
        mentions: Sequence[EntityMention],
        issuers: Sequence[IssuerFinding],
    ) -> tuple[list[ActionRecord], int]:
        """The actions of ``document`` in text order, and how many were left out for want of an agent."""
        from graph.nlp import parse_paragraphs

        parsed = document.parsed or tuple(parse_paragraphs(document.text, document.paragraphs))
        actor_ids = tuple(dict.fromkeys(i.entity_id for i in issuers if entities[i.entity_id].is_actor))
        named = tuple(dict.fromkeys(m.entity_id for m in mentions if m.entity_id in entities and entities[m.entity_id].is_actor))
        state_speech = bool(actor_ids) and all("State" in entities[a].classes for a in actor_ids)
        context = Context(issuers=actor_ids, named=named, state_speech=state_speech)
        frameworks = _Frameworks(mentions, entities, self.part_of)
        by_start = _ByStart(mentions)
        text_end = len(document.text.rstrip())
        actions: list[ActionRecord] = []
        consumed: set[int] = set()
        for index, (paragraph, doc) in enumerate(zip(document.paragraphs, parsed, strict=True)):
            if index in consumed:
                continue
            found = _ParagraphReader(self, document, index, doc, entities, by_start, context, frameworks, text_end).read()
            for action, list_end in found:
                if list_end:
                    items = list_items(document.paragraphs, index, document.text)
                    if items:
                        consumed.update(items)
                        if cut_off(document, document.paragraphs[items[-1]]):
                            continue  # the list runs into the end of the text: the sentence is unfinished
                        action = self._with_parts(document, action, items, frameworks)
                if not action.object:
                    continue  # "decided:" with no list after it
                actions.append(action)
        actions.sort(key=lambda a: (a.start, a.anchor))
        return actions, context.unresolved

    def _with_parts(self, document: Document, parent: ActionRecord, items: list[int], frameworks: _Frameworks) -> ActionRecord:
        from dataclasses import replace

        parts = []
        for index in items:
            paragraph = document.paragraphs[index]
            begin = paragraph.body_start if paragraph.body_start is not None else paragraph.start
            text = document.text[begin : paragraph.end]
            trimmed = trim_item(text)
            if not trimmed:
                continue
            end = begin + len(trimmed)
            parts.append(
                ActionRecord(
                    type=parent.type,
                    agents=parent.agents,
                    object=trimmed,
                    object_start=begin,
                    object_end=end,
                    evidence=trimmed,
                    start=begin,
                    end=end,
                    anchor=begin,
                    rule="part-list-item",
                    paragraph=parent.paragraph,
                    frameworks=frameworks.between(begin, end),
                    topics=self.topics_in(document.text[begin:end]),
                    negated=parent.negated,
                    subject_rule=parent.subject_rule,
                )
            )
        if not parent.object and parts:  # "decided: (a) ...; (b) ...": the items are what was decided
            start, end = parts[0].object_start, parts[-1].object_end
            span = document.text[start:end]
            parent = replace(
                parent, object=span, object_start=start, object_end=end,
                frameworks=frameworks.between(start, end), topics=self.topics_in(span),
            )
        return replace(parent, parts=tuple(parts))

    # ------------------------------------------------------------------ helpers used by the reader

    def topics_in(self, text: str) -> tuple[str, ...]:
        doc = self.nlp.make_doc(text)
        found = {self.nlp.vocab.strings[match_id] for match_id, _s, _e in self.topic_matcher(doc)}
        return tuple(sorted(found))


class _ParagraphReader(SubjectReader):
    """Reads the sentences of one paragraph (a spaCy Doc) for actions."""

    def __init__(
        self,
        finder: ActionFinder,
        document: Document,
        index: int,
        doc: Any,
        entities: dict[str, Entity],
        mentions: _ByStart,
        context: Context,
        frameworks: _Frameworks,
        text_end: int,
    ) -> None:
        """``text_end`` is where the document's text ends, trailing spaces left out."""
        self.finder = finder
        self.text_end = text_end
        self.frameworks = frameworks
        self.g = finder.grammar
        self.document = document
        self.paragraph = document.paragraphs[index]
        self.doc = doc
        self.columns = columns(doc)
        strings = finder.nlp.vocab.strings
        semicolon, colon = strings.add(";"), strings.add(":")
        self.clause_marks = [i for i, orth in enumerate(self.columns[2]) if orth == semicolon or orth == colon]
        self.semicolons = [i for i in self.clause_marks if self.columns[2][i] == semicolon]
        self.entities = entities
        self.context = context
        offset = self.paragraph.start
        self.offset = offset
        self.body_token = 0
        self.first = 0
        self.trigger_matches: list[tuple[int, int, int]] = []
        self.trigger_starts: list[int] = []
        if self.paragraph.body_start is not None:
            for token in doc:
                if token.idx + offset >= self.paragraph.body_start:
                    self.body_token = token.i
                    break
        inside = mentions.inside(offset, self.paragraph.end)
        self.mention_by_end: dict[int, tuple[int, EntityMention]] = {}
        for mention in inside:
            span = doc.char_span(mention.start - offset, mention.end - offset, alignment_mode="expand")
            if span is not None:
                self.mention_by_end[span.end - 1] = (span.start, mention)
        self.mention_end_by_start = {start: end for end, (start, _m) in self.mention_by_end.items()}

    # ------------------------------------------------------------------ reading

    def read(self) -> list[tuple[ActionRecord, bool]]:
        out: list[tuple[ActionRecord, bool]] = []
        # the trigger words of the whole paragraph, matched once: (start, end, rule id) by start
        self.trigger_matches = sorted(
            ((start, end, match_id) for match_id, start, end in self.finder.trigger_matcher(self.doc, self.columns, 0, len(self.doc))),
            key=lambda m: m[0],
        )
        self.trigger_starts = [start for start, _end, _id in self.trigger_matches]
        for sentence in self.doc.sents:
            if self._unfinished(sentence):
                continue
            self._note_plural_subject(sentence)
            out += self._sentence(sentence)
            self.context.sentence += 1
        return out


    def _unfinished(self, sentence: Any) -> bool:
        """True for a sentence cut off where the text ends (no final punctuation): it states nothing."""
        if self.offset + sentence.end_char < self.text_end:
            return False
        return not sentence.text.rstrip().rstrip("\"'\u201d\u2019)]").endswith((".", "!", "?", ";", ":"))

    def _matches(self, sentence: Any) -> list[tuple[Trigger, int, int]]:
        """The trigger words of ``sentence``: the longest of overlapping matches (as spaCy's
        ``filter_spans`` keeps them), in text order."""
        low, high = bisect_left(self.trigger_starts, sentence.start), bisect_left(self.trigger_starts, sentence.end)
        inside = [m for m in self.trigger_matches[low:high] if m[1] <= sentence.end]
        taken: set[int] = set()
        kept = []
        for start, end, match_id in sorted(inside, key=lambda m: (m[1] - m[0], -m[0]), reverse=True):
            if not taken.intersection(range(start, end)):
                kept.append((start, end, match_id))
                taken.update(range(start, end))
        strings = self.finder.nlp.vocab.strings
        found = [(self.finder.triggers[strings[match_id]], start, end) for start, end, match_id in sorted(kept)]
        return [(t, start, end) for t, start, end in found if t.object_requires is None or self._object_begins(t, end, sentence.end)]

    def _phrase_excluded(self, trigger: Trigger, end: int, limit: int) -> bool:
        """True when the words after a trigger, up to the next comma, semicolon or colon, have
        its ``object_excludes`` sense ("tasks of combat forces": a noun; "wish to seize this
        opportunity to"): the word governs nothing and coordinates with no verb before it; only a
        clause with a subject of its own ends the object before it (", and I wish them success")."""
        assert trigger.object_excludes is not None
        stop = next((k for k in range(end, limit) if self.doc[k].text in (",", ";", ":")), limit)
        return stop > end and trigger.object_excludes.search(self.doc[end:stop].text) is not None

    def _object_begins(self, trigger: Trigger, end: int, limit: int) -> bool:
        """True when the words after a trigger begin as its ``object_requires`` says."""
        assert trigger.object_requires is not None
        if end >= limit:
            return False
        after = self.doc[end:limit].text
        return trigger.object_requires.match(after) is not None

    def _sentence(self, sentence: Any) -> list[tuple[ActionRecord, bool]]:
        doc = self.doc
        first = max(sentence.start, self.body_token if sentence.start <= self.body_token else sentence.start)
        while first < sentence.end - 1 and doc[first].text in OPENING_QUOTES:
            first += 1  # a quoted text printed a paragraph at a time: '"Welcoming the report ...'
            if first + 2 < sentence.end and doc[first].like_num and doc[first + 1].text in (".", ")"):
                first += 2  # '"1. Decides ...': the item's number after the quote
        self.first = first
        evidence_start = doc[first].idx + self.offset
        evidence_end = sentence.end_char + self.offset
        text = self.document.text
        while evidence_end > evidence_start and text[evidence_end - 1].isspace():
            evidence_end -= 1
        evidence = text[evidence_start:evidence_end]
        matches = self._matches(sentence)
        results: list[tuple[ActionRecord, bool]] = []
        open_actions: list[dict[str, Any]] = []  # governing verbs of this sentence, in order
        object_until = -1  # token index up to which the last action's object reaches
        for trigger, start, end in matches:
            if trigger.nominal:
                record = self._nominal(trigger, start, end, sentence, evidence, evidence_start, evidence_end)
                if record is not None:
                    results.append((record, False))
                continue
            if self.paragraph.kind == "heading" and not self._preambular(start, first):
                continue  # in a heading only a preambular clause ("Recalling ...,") states an action
            verb = start
            not_after_modal = False
            if trigger.modal:
                verb = self._modal_verb(end, sentence.end)
                if verb is None or any(s == verb for _t, s, _e in matches):
                    continue  # no main verb, or the main verb is a trigger of its own
                not_after_modal = sum(self.doc[k].lower_ in self.g.negations for k in range(end, verb)) % 2 == 1  # "will not waver"
            if self._leads_to_verb(trigger, end, matches):
                continue  # "I wish to welcome": the welcome is the action
            kind = self._passive_or_noun(start, trigger, first)
            if kind == "passive":
                record = self._passive_by(trigger, start, end, sentence, first, evidence, evidence_start, evidence_end)
                if record is not None:
                    results.append((record, False))
                continue
            if kind == "noun":
                continue
            excluded = trigger.object_excludes is not None and self._phrase_excluded(trigger, end, sentence.end)
            coordinated = None if excluded else self._coordinated(open_actions, start, trigger) or self._participle(open_actions, start, first)
            if coordinated is None and start < object_until:
                joint = self._own_clause(open_actions[-1], start, first)
                if joint is None:
                    continue  # inside another action's object
                open_actions[-1]["object_end"] = object_until = joint  # "we will enhance X, and we welcome Y"
            if excluded:
                continue  # the word in its other sense ("tasks of", "wish to seize this opportunity to")
            fronted = None if coordinated is not None else self._fronted_participle(start, end, first, sentence.end)
            if coordinated is not None:
                if trigger.reported and not self._reported(coordinated["subject"]):
                    if {t.lower_ for t in self.doc[coordinated["coordinator"] : coordinated["coordinator"] + 2]} & {"and", "or"}:
                        coordinated["object_end"] = coordinated["coordinator"]  # "commend X and would remind Y"
                    continue  # a verb of its own, or part of the object, but not reported speech
                coordinated["object_end"] = coordinated["coordinator"]
                subject = coordinated["subject"]
                negated = coordinated["negated"]
            elif fronted is not None:
                subject, negated = fronted[0], False
            else:
                found = self._subject(start, first, sentence) if not trigger.first_person else self._first_person(start)
                if found is None and trigger.listed_states:
                    found = self._listed_states(start, first)
                if found is None:
                    continue
                subject, negated = found
                if self._obliged(start, first) and (
                    not set(subject.agents) <= set(self.context.issuers) or trigger.type in self.g.acts_done_or_not
                ):
                    continue  # "Iraq must accept the resolution": asked of Iraq; "we must adopt X": not done
                if trigger.reported and not self._reported(subject):
                    continue  # "would" outside reported speech is a condition or a wish
                if self._conditional_or_aside(subject, end, sentence.end):
                    continue  # "if we wish to ensure ...", "X will, we hope, result in Y"
                if subject.begin > first and self.doc[subject.begin - 1].lower_ in self.g.embedded_openers:
                    continue  # "where we want to go", "what we seek": a question or a relative clause
                if subject.begin - 3 >= first and self.doc[subject.begin - 1].lower_ == "as" and self.doc[subject.begin - 3].lower_ == "as":
                    continue  # "as successful as we could hope": a comparison
                if self._about_the_speech(subject, trigger, start, verb, first):
                    continue  # "I shall not dwell on", "I would like to discuss": how the speaker goes on, not an act
                if self._would_if(start, first, sentence.end):
                    continue  # "Liberia would accede to X if it were decided that ...": a hypothesis
                if (trigger.modal or self._will_before(start, first)) and (
                    self._forecast(subject) or self._after_condition(subject, first) or self._believed(subject, first)
                ):
                    continue  # what another actor will do, in a State's speech; what follows "If X, ..."; a belief
            object_start = verb if trigger.modal else end
            object_start = self._past_parenthetical(object_start, sentence.end)
            object_end = fronted[1] if fronted is not None else self._clause_end(object_start, sentence.end)
            object_end = self._coordinated_verb(verb, object_start, object_end)
            if any(t.text == ":" for t in self.doc[object_start:object_end]):
                object_end = sentence.end  # "agreed to cooperate in: a; b; and c": the list is the object
            open_actions.append(
                {
                    "trigger": trigger, "start": start, "verb": verb, "subject": subject, "negated": negated != not_after_modal,
                    "object_start": object_start, "object_end": object_end, "coordinator": None,
                }
            )
            object_until = object_end
        for position, action in enumerate(open_actions):
            record, list_end = self._record(action, open_actions[position + 1 :], evidence, evidence_start, evidence_end)
            if record is not None:
                results.append((record, list_end))
        return _without_nested(results)

    # ------------------------------------------------------------------ the pieces

    def _about_the_speech(self, subject: Subject, trigger: Trigger, start: int, verb: int, first: int) -> bool:
        """True when the speaker "I" says how the speech goes on: a modal and a verb of speaking
        ("I shall not dwell on", "I will now turn to"), or such a verb after "like to", "wish to"
        or "want to" ("I would like to discuss these challenges")."""
        doc = self.doc
        if doc[subject.begin].text != "I":
            return False
        if trigger.modal:
            return doc[verb].lemma_ in self.g.discourse_verbs
        wanted = start - 2 >= first and doc[start - 1].lower_ == "to" and doc[start - 2].lemma_ in ("like", "wish", "want")
        return wanted and doc[start].lemma_ in self.g.discourse_verbs

    def _would_if(self, start: int, first: int, limit: int) -> bool:
        """True for a verb under "would" in a sentence whose condition follows it ("X would
        accede to Y if it were decided ..."): what would happen then is no act."""
        return "would" in self._before_verb(start, first) and any(
            self.doc[k].lower_ in self.g.conditionals for k in range(start + 1, limit)
        )

    def _first_person(self, start: int) -> tuple[Subject, bool] | None:
        """The issuers, for a phrase that names them by "our" or "my" ("It is our hope that")."""
        if not self.context.issuers:
            self.context.unresolved += 1
            return None
        return Subject(self.context.issuers, "subject-first-person-possessive", start), False

    def _listed_states(self, start: int, first: int) -> tuple[Subject, bool] | None:
        """The States named in the clause before the verb at ``start``, when the clause is a
        list of countries and descriptions ("The countries associated with the European Union,
        the associated countries Cyprus and Malta, and the EFTA countries, members of the
        European Economic Area, align themselves with ..."), or None when it names none."""
        clause_start = self._clause_start(start, first)
        if any(self.doc[k].lower_ in ("that", "which", "who", "whose") for k in range(clause_start, start)):
            return None  # "Andorra, which ..., is considering a force that will align itself": not a list
        states: list[str] = []
        begin = start
        for end in range(clause_start, start):
            if end not in self.mention_by_end:
                continue
            token_start, mention = self.mention_by_end[end]
            if "State" in self.entities[mention.entity_id].classes:
                states.append(mention.entity_id)
                begin = min(begin, token_start)
        if not states:
            return None
        return Subject(tuple(dict.fromkeys(states)), "subject-listed-states", begin), False

    def _own_clause(self, previous: dict[str, Any], start: int, first: int) -> int | None:
        """Where a clause with a subject of its own joins the object of the verb before it
        (the comma of ", and" or ", but", or a plain "and" before "we"/"I": "We will enhance
        X, and we welcome Y", "We have invited X and we welcome Y"), or None. Inside a
        that-clause only a first-person subject opens a clause of its own ("agreed that NATO
        will act, and Russia will ..." reports both)."""
        doc = self.doc
        i = start - 1
        while i >= first and self._skippable(doc[i]):
            i -= 1
        if i < first:
            return None
        found = self._named_subject_raw(i, first)
        begin = found.begin if found is not None and found.agents else None
        word = None
        if begin is None:
            word = self._word_match(i, first)
            if word is None or self.finder.subjects[word[0]].refers not in ("issuer", "plural", "singular"):
                return None
            begin = word[1]
        while begin - 1 >= first and doc[begin - 1].lower_ in self.g.before_subject:
            begin -= 1
        conjunction = begin - 1
        if conjunction - 1 < first or doc[conjunction].lower_ not in ("and", "but"):
            return None
        pronoun = word is not None and doc[word[1]].lower_ in ("we", "i")
        if doc[conjunction - 1].text != "," and not pronoun:
            return None  # "welcomed X and Russia ...": a plain "and" may join names; before "we" it joins clauses
        if doc[previous["object_start"]].lower_ == "that" and not pronoun:
            return None
        edge = conjunction - 1 if doc[conjunction - 1].text == "," else conjunction
        return edge if edge > previous["object_start"] else None

    def _preambular(self, start: int, first: int) -> bool:
        """True for the verb of a preambular clause printed as a line of its own: a participle
        opening it ("Recalling ...", "Deeply concerned at ...,": a past one only in a line that
        ends with a comma, as preambular lines do)."""
        doc = self.doc
        if any(not self._skippable(doc[i]) for i in range(first, start)):
            return False
        form = verb_form(doc[start])
        if form == "ing":
            return True
        line = self.document.text[self.paragraph.start : self.paragraph.end].rstrip()
        return form == "past" and line.endswith(",")

    def _leads_to_verb(self, trigger: Trigger, end: int, matches: list[tuple[Trigger, int, int]]) -> bool:
        """True for a catenative verb ("wish", "want") followed by "to" and another trigger
        ("I wish to welcome", "I wish also to thank")."""
        doc = self.doc
        if doc[end - 1].lemma_ not in self.g.catenatives:
            return False
        to = end
        while to < len(doc) and self._skippable(doc[to]) and doc[to].lower_ != "to":
            to += 1
        if to + 1 >= len(doc) or doc[to].lower_ != "to":
            return False
        # "I wish to thank" thanks; "We want to establish X" wants it: only a speech act is done
        # by saying that one wishes to do it
        return any(s == to + 1 and t.type in self.g.performative_types for t, s, _e in matches)

    def _modal_verb(self, after: int, limit: int) -> int | None:
        i = after
        while i < limit and self._skippable(self.doc[i]):
            i += 1
        if i >= limit:
            return None
        token = self.doc[i]
        if token.lower_ == "be" and i + 1 < limit and self.doc[i + 1].lower_ in ("able", "ready", "prepared", "willing"):
            return i + 1  # "we will be able to strengthen": a commitment
        if token.lower_ in self.g.be_forms or not token.is_alpha or token.text != token.lower_ and i > after:
            return None
        if token.lower_ != token.lemma_:
            return None  # "will" + a noun or a participle, not a bare verb
        return i


    def _passive_or_noun(self, start: int, trigger: Trigger, first: int) -> str | None:
        """"passive" for a passive verb ("will be developed", "launched by"), "noun" for a noun
        ("its support"), None for a verb that may govern an action."""
        if trigger.pattern and trigger.pattern[0].get("LEMMA") in ("be", {"IN": ["be", "remain"]}):
            return None
        token = self.doc[start]
        after = start + 1
        if verb_form(token) == "past" and after < len(self.doc) and self.doc[after].lower_ == "by":
            return "passive"  # "the initiatives, launched by NATO": a participle
        i = start - 1
        while i >= first and self._skippable(self.doc[i]) and self.doc[i].lower_ not in self.g.negations:
            i -= 1
        if i < first:
            return None
        previous = self.doc[i]
        if previous.lower_ in self.g.be_forms and token.lower_ != token.lemma_ and not token.lower_.endswith("ing"):
            return "passive"
        if start > first and self.doc[start - 1].lower_ in self.g.determiners:
            before = start - 2
            if self.doc[start - 1].lower_ in self.g.between_subject_and_verb and before >= first and (
                self.doc[before].lower_ in ("it", "we", "they", "i", "he", "she") or before in self.mention_by_end
            ):
                return None  # "It further requested", "NATO further decided": an adverb after the subject
            return "noun"
        return None

    def _passive_by(
        self, trigger: Trigger, start: int, end: int, sentence: Any, first: int,
        evidence: str, evidence_start: int, evidence_end: int,
    ) -> ActionRecord | None:
        """A passive whose agent follows "by": "X was approved by the Council", "X, launched by NATO"."""
        doc = self.doc
        by = end
        while by < sentence.end and self._skippable(doc[by]):
            by += 1
        if by >= sentence.end or doc[by].lower_ != "by":
            return None
        agents = self._actors_from(by + 1, sentence.end)
        if not agents:
            return None
        i = start - 1
        passive_be = False
        while i >= first and (self._skippable(doc[i]) or doc[i].lower_ in self.g.be_forms):
            if doc[i].lower_ in self.g.obligation_modals:
                return None  # "This must be condemned by the United Nations": a demand, not the UN's act
            passive_be = passive_be or doc[i].lower_ in self.g.be_forms
            i -= 1
        if passive_be and i - 1 >= first and doc[i].lower_ in ("which", "that"):
            if trigger.type in self.g.types_without_reduced_passive:
                return None  # "the reforms that are being undertaken by the UN": a description, not a pledge
            i -= 2 if doc[i - 1].text == "," else 1  # "resolution 687, which was accepted by Iraq"
            begin = self._noun_phrase_start(i, first, whole_phrase=True)
        elif i >= first and doc[i].text == ",":
            i -= 1
            begin = self._noun_phrase_start(i, first)
        elif not passive_be:
            if trigger.type in self.g.types_without_reduced_passive:
                return None  # "the efforts undertaken by X": a description, not X's commitment
            begin = self._noun_phrase_start(i, first)  # "supports the decisions adopted by the Assembly"
        else:
            begin = self._clause_start(start, first)
        if begin > i:
            return None
        object_start = doc[begin].idx + self.offset
        object_end = doc[i].idx + len(doc[i].text) + self.offset
        raw = self.document.text[object_start:object_end]
        trimmed = trim_item(raw.strip("\"\u201c\u201d "))
        if not trimmed:
            return None
        object_start += raw.index(trimmed)
        return self._make(
            trigger, agents, object_start, object_start + len(trimmed), evidence, evidence_start, evidence_end,
            anchor=doc[start].idx + self.offset, negated=False, subject_rule="subject-passive-by",
        )

    def _noun_phrase_start(self, i: int, first: int, *, whole_phrase: bool = False) -> int:
        """The first token of the noun phrase ending at ``i`` ("the implementation of the PfP initiatives").

        Without a determiner it is ``i`` alone, or with ``whole_phrase`` everything back to the
        punctuation before it ("..., under resolution 687 (1991), which was accepted by ...")."""
        doc = self.doc
        begin = i
        found = False
        lowest = max(first, i - (20 if whole_phrase else 12))
        for j in range(i, lowest - 1, -1):
            if doc[j].text in (",", ";", ":") or doc[j].lower_ in self.g.be_forms:
                break
            if doc[j].lower_ in self.g.determiners - {"of", "for"}:
                begin, found = j, True
                if not (j - 1 >= first and doc[j - 1].lower_ == "of"):
                    break
        if not whole_phrase or found:
            return begin
        for j in range(i, lowest - 1, -1):
            token = doc[j]
            if token.text in (",", ";", ":") or token.lower_ in self.g.be_forms or token.is_lower and verb_form(token) == "past":
                return j + 1  # "Iraq violated | resolution 687 (1991), which ..."
        return lowest if lowest == first else begin


    def _conditional_or_aside(self, subject: Subject, end: int, limit: int) -> bool:
        """True for a clause that states no act: a condition ("if we wish to ...") or an aside
        between commas or dashes (", we hope, ")."""
        doc = self.doc
        before = subject.begin - 1
        while before >= 0 and doc[before].lower_ in self.g.before_subject:
            before -= 1  # "If the United Nations is to continue ..."
        if before >= 0 and doc[before].lower_ in self.g.conditionals:
            return True
        # an aside is a subject and its verb alone between commas or dashes: ", we hope, ", "— we would hope —"
        return before >= 0 and doc[before].text in _ASIDE_MARKS and end < limit and doc[end].text in _ASIDE_MARKS and end - subject.begin <= 3

    def _after_condition(self, subject: Subject, first: int) -> bool:
        """True for the main clause of a sentence that opens with a condition ("If we apply the
        Charter, we will be able to ..."): what "will" happen then is a consequence, not a pledge."""
        doc = self.doc
        return (
            doc[first].lower_ in self.g.conditionals
            and subject.begin > first
            and any(doc[i].text == "," for i in range(first, subject.begin))
        )

    def _believed(self, subject: Subject, first: int) -> bool:
        """True for a subject inside the that-clause of a belief ("in the firm belief that,
        together, we will be able to", "convinced that we will succeed"): what it "will" do is
        believed, not pledged."""
        doc = self.doc
        i = subject.begin - 1
        while i >= first and (doc[i].text == "," or self._skippable(doc[i])):
            i -= 1
        if i - 1 < first or doc[i].lower_ != "that":
            return False
        return doc[i - 1].lemma_ in self.g.belief_words or doc[i - 1].lower_ in self.g.belief_words

    def _reported(self, subject: Subject) -> bool:
        """True for the subject of reported speech: "his Government" after a speaker, or any
        subject right after a verb of saying ("He said that Germany would ...")."""
        rule = self.finder.subjects.get(subject.rule)
        if rule is not None and rule.refers == "speaker":
            return True
        return self._saying_verb_before(subject.begin) is not None

    def _before_verb(self, start: int, first: int) -> list[str]:
        """The words between the verb at ``start`` and its subject, nearest first: adverbs,
        auxiliaries, modals and "to" ("has to", "will also")."""
        words = []
        i = start - 1
        while i >= first and (self._skippable(self.doc[i]) or self.doc[i].lower_ == "to"):
            words.append(self.doc[i].lower_)
            i -= 1
        return words

    def _obliged(self, start: int, first: int) -> bool:
        """True when an obligation stands between the verb at ``start`` and its subject: a
        modal ("must accept") or "have to" ("has to accept")."""
        words = self._before_verb(start, first)
        return any(
            word in self.g.obligation_modals or word == "to" and words[k + 1 : k + 2] in (["has"], ["have"], ["had"])
            for k, word in enumerate(words)
        )

    def _will_before(self, start: int, first: int) -> bool:
        """True when "will" or "shall" stands between the verb at ``start`` and its subject
        ("The General Assembly, at this session, will launch ...")."""
        return not {"will", "shall"}.isdisjoint(self._before_verb(start, first))

    def _forecast(self, subject: Subject) -> bool:
        """True for what a State's speech says another actor will do ("Namibia will share its
        youth with us"): a forecast, not that actor's commitment."""
        return self.context.state_speech and not set(subject.agents) & set(self.context.issuers)

    def _past_parenthetical(self, i: int, limit: int) -> int:
        """The first token of an object after a parenthetical ("is ready, within its means, to help")."""
        doc = self.doc
        if i >= limit or doc[i].text != ",":
            return i
        for j in range(i + 1, min(limit, i + 10)):
            if doc[j].text in (";", ":"):
                break
            if doc[j].text == ",":
                return j + 1
        return i

    def _fronted_participle(self, start: int, end: int, first: int, limit: int) -> tuple[Subject, int] | None:
        """"Adopting resolution 1004, the Council demanded ...": a participle that opens the sentence
        has the subject of the clause after its comma; the participle's object ends at that comma."""
        doc = self.doc
        if verb_form(doc[start]) not in ("ing", "past") or any(not self._skippable(doc[i]) for i in range(first, start)):
            return None  # "Adopting X, the Council ...", "Firmly committed to X, Togo ..."
        return self._clause_after_comma(end, limit)

    def _participle(self, open_actions: list[dict[str, Any]], start: int, first: int) -> dict[str, Any] | None:
        """", noting ...", ", welcoming ...": a participle shares the subject of the clause before it."""
        if not open_actions or verb_form(self.doc[start]) != "ing":
            return None
        i = start - 1
        while i >= first and self._skippable(self.doc[i]):
            i -= 1
        if i < first or self.doc[i].text != ",":
            return None
        previous = open_actions[-1]
        if self.doc[previous["object_start"]].lower_ == "that":
            return None  # "agreed that, ..., intensifying X will ...": inside the that-clause
        previous["coordinator"] = i
        return previous

    def _coordinated(self, open_actions: list[dict[str, Any]], start: int, trigger: Trigger) -> dict[str, Any] | None:
        """The earlier governing verb this one is coordinated with ("welcome ... and seek")."""
        if not open_actions or start == 0:
            return None
        i = start - 1
        while i > 0 and self._skippable(self.doc[i]) and self.doc[i].lower_ not in ("and", "or"):
            i -= 1
        i = self._before_focus_phrase(i)  # "welcomes X, and in particular supports Y"
        coordinator = i
        if self.doc[i].lower_ not in ("and", "or", ","):
            return None
        if self.doc[i].lower_ in ("and", "or") and i > 0 and self.doc[i - 1].text == ",":
            coordinator = i - 1
        previous = open_actions[-1]
        if not (previous["object_start"] <= coordinator <= previous["object_end"] or coordinator == previous["object_start"]):
            return None
        if self.doc[i].text == "," and self.doc[previous["object_start"]].lower_ == "that":
            return None  # "hope that X, in all cases, will act": the that-clause's own verb
        between = range(i + 1, start)
        form = verb_form(self.doc[start])
        if self.doc[i].text == "," and form == "past" and start + 1 < len(self.doc) and self.doc[start + 1].lower_ in self.g.participle_prepositions:
            return None  # "a discussion on security, aimed at devising a concept": a participle describes the noun
        modal = form == "base" and any(self.doc[k].lower_ in self.g.modals for k in between)
        if modal:
            form = "third"  # "welcomed X and would continue to ...": finite through its modal
        if trigger.modal and form == "base":
            modal, form = True, "third"  # "supports X, and will participate in Y": the modal is the verb
        perfect = any(self.doc[k].lower_ in ("has", "have", "had") for k in between)
        conjunction = self.doc[i].lower_ in ("and", "or")
        before = verb_form(self.doc[previous["verb"]])
        if before == "base" and self._after_modal(previous) and conjunction and form in FINITE:
            before = form  # "will continue to follow X and remains ready to Y": both finite
        if not _coordinable(before, form, conjunction=conjunction, perfect=perfect, modal=modal):
            return None
        object_tokens = self.doc[previous["object_start"] : coordinator]
        if verb_form(self.doc[start]) == "base" and any(
            t.lower_ == "to" and t.i + 1 < coordinator and verb_form(self.doc[t.i + 1]) == "base" and self.doc[t.i + 1].is_alpha
            and self.doc[t.i + 1].lower_ not in self.g.determiners  # "committed to the Partnership and welcome": no infinitive
            for t in object_tokens
        ):
            return None  # "agree to develop ... and support", "urge all to support ... and adopt": the infinitive's
        if trigger.modal and self.doc[previous["object_start"]].lower_ == "that" and any(
            t.lower_ == self.doc[start].lower_ for t in object_tokens
        ):
            return None  # "hope that the work will be effective and will contribute": the that-clause's own verb
        relative = next((t.i for t in object_tokens if t.lower_ in ("that", "which", "who")), None)
        if relative is not None and relative + 1 < coordinator and (
            self.doc[relative + 1].lower_ in self.g.between_subject_and_verb or self.doc[relative + 1].lower_ in self.g.be_forms
        ):
            return None  # "call upon those nations that have contributed or continue to ...": the relative clause's verb
        previous["coordinator"] = coordinator
        return previous


    def _before_focus_phrase(self, i: int) -> int:
        """The token before a focus phrase ending at ``i`` ("in particular", "above all"), with the
        commas around it ("and, above all, support"), or ``i``."""
        doc = self.doc
        end = i - 1 if doc[i].text == "," else i
        for phrase in self.g.focus_phrases:
            words = phrase.split()
            k = end - len(words) + 1
            if k > 1 and [t.lower_ for t in doc[k : end + 1]] == words:
                return k - 2 if doc[k - 1].text == "," else k - 1
        return i

    def _after_modal(self, action: dict[str, Any]) -> bool:
        """Whether the verb of ``action`` is finite through a modal ("will continue", or the
        modal trigger itself)."""
        return action["trigger"].modal or not self.g.modals.isdisjoint(self._before_verb(action["start"], self.first))

    def _coordinated_verb(self, verb: int, object_start: int, object_end: int) -> int:
        """Where a finite verb of the form of ``verb``, after "and", ends the object ("welcomed
        the elections and underlined the importance of ..."): the "and" (or the comma before
        it), or ``object_end``. The verb must be followed by a determiner, "that" or "to", so
        a participle before a noun ("and related reforms") stays in the object; a that-clause
        keeps its own verbs."""
        doc = self.doc
        form = verb_form(doc[verb])
        if form not in ("past", "third") or doc[object_start].lower_ == "that":
            return object_end
        for k in range(object_start + 1, object_end - 2):
            if doc[k].lower_ != "and":
                continue
            word, after = doc[k + 1], doc[k + 2]
            if not (word.is_alpha and word.text == word.lower_ and verb_form(word) == form):
                continue
            if after.lower_ in ("that", "to") or after.lower_ in self.g.determiners - {"of", "for", "further", "continued", "full", "strong", "close"}:
                return k - 1 if doc[k - 1].text == "," else k
        return object_end

    def _clause_end(self, start: int, limit: int) -> int:
        """The ";" that ends the clause of token ``start``, or ``limit``."""
        at = bisect_left(self.semicolons, start)
        return self.semicolons[at] if at < len(self.semicolons) and self.semicolons[at] < limit else limit

    def _nominal(
        self, trigger: Trigger, start: int, end: int, sentence: Any, evidence: str, evidence_start: int, evidence_end: int
    ) -> ActionRecord | None:
        """"the signature of X by Y": an action of Y whose object is X."""
        doc = self.doc
        by = next((i for i in range(end, sentence.end) if doc[i].lower_ == "by"), None)
        if by is None or by == end:
            return None
        if any(doc[i].lower_ in self.g.be_forms for i in range(end, by)):
            return None  # "The establishment of X is welcomed by Y": the agent of the passive
        actors = self._actors_from(by + 1, sentence.end)
        if not actors:
            return None
        object_start = doc[end].idx + self.offset
        object_end = doc[by - 1].idx + len(doc[by - 1].text) + self.offset
        return self._make(
            trigger, actors, object_start, object_end, evidence, evidence_start, evidence_end,
            anchor=doc[start].idx + self.offset, negated=False, subject_rule="subject-nominal-by",
        )

    def _record(
        self, action: dict[str, Any], later: list[dict[str, Any]], evidence: str, evidence_start: int, evidence_end: int
    ) -> tuple[ActionRecord | None, bool]:
        doc = self.doc
        object_start_tok, object_end_tok = action["object_start"], action["object_end"]
        if object_start_tok >= object_end_tok and later:
            object_start_tok, object_end_tok = later[0]["object_start"], later[0]["object_end"]  # "endorsed and agreed to publish X"
        if object_start_tok >= len(doc) or object_start_tok >= object_end_tok:
            return None, False
        begin = doc[object_start_tok].idx + self.offset
        last = doc[object_end_tok - 1]
        finish = last.idx + len(last.text) + self.offset
        text = self.document.text
        raw = text[begin:finish]
        list_end = raw.rstrip().endswith(":") and object_end_tok >= doc[object_end_tok - 1].sent.end
        trimmed = trim_item(raw)
        trigger: Trigger = action["trigger"]
        subject: Subject = action["subject"]
        if not trimmed and list_end and raw.strip() == ":":
            # "The Council has decided: (a) ...; (b) ...": the list that follows is the object
            record = self._make(
                trigger, subject.agents, begin, begin, evidence, evidence_start, evidence_end,
                anchor=doc[action["start"]].idx + self.offset, negated=action["negated"], subject_rule=subject.rule,
            )
            return record, True
        if not trimmed or trigger.object_excludes is not None and trigger.object_excludes.search(trimmed):
            return None, False
        items = inline_items(trimmed, begin)
        if items:
            head = trim_item(trimmed.split(":", 1)[0])
            if head:
                trimmed = head
        record = self._make(
            action["trigger"], subject.agents, begin, begin + len(trimmed), evidence, evidence_start, evidence_end,
            anchor=doc[action["start"]].idx + self.offset, negated=action["negated"], subject_rule=subject.rule,
            clause_prefix=(doc[subject.begin].idx + self.offset if subject.begin < len(doc) else begin),
        )
        if items:
            from dataclasses import replace

            parts = tuple(
                replace(
                    record, object=text, object_start=start, object_end=start + len(text), evidence=text,
                    start=start, end=start + len(text), anchor=start, rule="part-inline-list",
                    frameworks=self.frameworks.between(start, start + len(text)), topics=self.finder.topics_in(text),
                )
                for text, start in items
            )
            record = replace(record, parts=parts)
        return record, list_end

    def _make(
        self, trigger: Trigger, agents: tuple[str, ...], begin: int, finish: int, evidence: str,
        evidence_start: int, evidence_end: int, *, anchor: int, negated: bool, subject_rule: str,
        clause_prefix: int | None = None,
    ) -> ActionRecord:
        frameworks = self.frameworks.between(begin, finish)
        if clause_prefix is not None:
            frameworks = tuple(dict.fromkeys(frameworks + self._placing_frameworks(evidence_start, clause_prefix)))
        return ActionRecord(
            type=trigger.type,
            agents=agents,
            object=self.document.text[begin:finish],
            object_start=begin,
            object_end=finish,
            evidence=evidence,
            start=evidence_start,
            end=evidence_end,
            anchor=anchor,
            rule=trigger.rule,
            paragraph=self.paragraph.number,
            frameworks=frameworks,
            topics=self.finder.topics_in(self.document.text[begin:finish]),
            negated=negated,
            subject_rule=subject_rule,
        )

    def _placing_frameworks(self, clause_start: int, subject_start: int) -> tuple[str, ...]:
        """Frameworks that place the clause, named before its subject ("Within the NACC, we agreed")."""
        if subject_start <= clause_start:
            return ()
        prefix = self.document.text[clause_start:subject_start].lower()
        if not any(word in prefix.split() for word in ("within", "under", "in", "inside", "through", "framework")):
            return ()
        return self.frameworks.between(clause_start, subject_start)


