"""Reading the subject of a governing verb: who acts.

``SubjectReader`` is the part of the paragraph reader (``graph.extractors.actions``) that
looks leftwards from a verb for its subject: named actors and their coordination ("NATO and
Russia", "the Heads of State of the Alliance and the President of Russia"), subject words
(``graph/data/subjects.jsonl``: "We", "Ministers", "They"), a verb with no subject in front
(the items of a decision: the issuer), and a subject shared with an earlier verb of the clause.
It reads these attributes of the reader: ``doc`` (the paragraph's spaCy Doc), ``columns``
(its token attributes, for the matchers), ``g`` (the closed word classes), ``finder`` (the
subject matcher), ``entities``, ``context`` and
``mention_by_end`` (token index of a mention's last token -> its first token and the mention)
and ``mention_end_by_start`` (the same, from the first token to the last).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from graph.extractors.lexicon import Grammar
from graph.extractors.matching import Columns
from graph.records import Entity, EntityMention


@dataclass
class Subject:
    """The actors a subject refers to, the rule that found them, and its first token."""

    agents: tuple[str, ...]
    rule: str
    begin: int  # first token of the subject (or of the clause for a bare verb)


OPENING_QUOTES = frozenset({'"', "\u201c", "\u2018", "'", "``"})
"""Quote marks that may open a paragraph of a quoted text (a resolution in a press release)."""

FINITE = frozenset({"third", "past"})
"""Verb forms that state an act: "has signed X and intends to ratify it"."""

NOMINATIVES = frozenset({"we", "i", "they"})
"""Pronouns that can only be subjects: after an opening phrase without a comma ("Through close
cooperation we will") they start the main clause."""

REACH = 3
"""How many sentences back "They", "It" and "He said" look for what they refer to."""


@dataclass
class Context:
    """What the finder remembers while reading one document.

    The antecedents are kept by kind, each with the sentence it was read in: "plural" (the
    last subject with several actors, for "They"), "singular" (with one, for "It") and
    "speaker" (the actors the last reported speaker spoke for, "The representative of X
    said ...", for a later "He said his Government ...")."""

    issuers: tuple[str, ...]
    named: tuple[str, ...] = ()
    """The actors the document names, in the order first named."""
    state_speech: bool = False
    """The issuers are States only: a State's speech, which has no decision items and no
    "they" for its "we", and in which what others "will" do is a forecast."""
    sentence: int = 0
    """How many sentences of the document have been read."""
    unresolved: int = 0
    antecedents: dict[str, tuple[tuple[str, ...], int]] = field(default_factory=dict)

    def remember(self, kind: str, agents: tuple[str, ...]) -> None:
        """Keep ``agents`` as the antecedent of ``kind``, read in the current sentence."""
        self.antecedents[kind] = (agents, self.sentence)

    def recall(self, kind: str) -> tuple[str, ...]:
        """The antecedent of ``kind`` if it was read at most ``REACH`` sentences ago, else ()."""
        agents, read_in = self.antecedents.get(kind, ((), 0))
        return agents if self.sentence - read_in <= REACH else ()


class SubjectReader:
    """Subject finding for one paragraph (a base of the paragraph reader)."""

    doc: Any
    columns: Columns
    g: Grammar
    finder: Any
    entities: dict[str, Entity]
    context: Context
    mention_by_end: dict[int, tuple[int, EntityMention]]
    mention_end_by_start: dict[int, int]
    body_token: int
    clause_marks: list[int]
    """The tokens ";" and ":" of the paragraph, in order."""
    semicolons: list[int]
    """The tokens ";" of the paragraph, in order."""
    first: int
    """The first token of the sentence being read, after any opening quote and item number."""

    def _note_plural_subject(self, sentence: Any) -> None:
        """Remember a sentence's opening subject ("NATO and Russia met", "The Council met"),
        whatever its verb, for a later "They" or "It"."""
        starts = self.mention_end_by_start
        opening = i = max(sentence.start, self.body_token if sentence.start <= self.body_token else sentence.start)
        while i < sentence.end and self.doc[i].lower_ in self.g.before_subject:
            i += 1
        self._note_speaker(i, sentence.end)
        if i not in starts:
            self._note_issuer_words(opening, min(opening + 5, sentence.end))
            return
        agents: list[str] = []
        while i in starts:
            end = starts[i]
            entity_id = self.mention_by_end[end][1].entity_id
            if not self.entities[entity_id].is_actor:
                return
            agents.append(entity_id)
            i = end + 1
            while i < sentence.end and self.doc[i].text in (",", "and"):
                i += 1
        if len(set(agents)) > 1:
            self.context.remember("plural", tuple(dict.fromkeys(agents)))
        elif agents:
            self.context.remember("singular", (agents[0],))

    def _note_issuer_words(self, i: int, limit: int) -> None:
        """Remember a sentence that opens with words for the issuing body ("Foreign Ministers
        and Representatives of the member countries ... met today", "Council members held
        consultations"), for a later "They" (or "It" after "The Council")."""
        issuers = self.context.issuers
        if not issuers or self.context.state_speech:
            return
        for match_id, start, end in self.finder.subject_matcher(self.doc, self.columns, i, limit):
            if start == 0 and self.finder.subjects[self.finder.nlp.vocab.strings[match_id]].refers in ("issuer", "body"):
                plural = self.doc[i + end - 1].lower_.endswith("s")
                self.context.remember("plural" if plural else "singular", issuers)
                return

    def _note_speaker(self, i: int, limit: int) -> None:
        """Remember a sentence that opens with a speaker for an actor ("The representative of
        Italy ..."), for a later "He said his Government ..."."""
        doc = self.doc
        if i + 2 >= limit:
            return
        if doc[i].lower_ not in self.g.speaker_heads or doc[i + 1].lower_ != "of":
            named = self._named_speaker(i, limit)  # "SERGEY LAVROV (Russian Federation) said"
            if named:
                self.context.remember("speaker", named)
            return
        actors = self._actors_from(i + 2, limit)
        if actors:
            self.context.remember("speaker", actors)

    def _named_speaker(self, i: int, limit: int) -> tuple[str, ...]:
        """The State of a speaker named with it in brackets before a verb of saying, as press
        releases report a meeting ("SERGEY LAVROV (Russian Federation) said ..."): a few
        capitalised words from token ``i``, then "(" State ")" and the verb; else ()."""
        doc = self.doc
        k = i
        while k < min(limit, i + 6) and doc[k].text[:1].isupper() and doc[k].is_alpha or k < limit and doc[k].text in (".", "Mr.", "Mrs.", "Ms."):
            k += 1
        if k == i or k + 3 >= limit or doc[k].text != "(" or k + 1 not in self.mention_end_by_start:
            return ()
        end = self.mention_end_by_start[k + 1]
        if end + 2 >= limit or doc[end + 1].text != ")" or doc[end + 2].lower_ not in self.g.saying_verbs:
            return ()
        entity_id = self.mention_by_end[end][1].entity_id
        return (entity_id,) if "State" in self.entities[entity_id].classes else ()

    def _skippable(self, token: Any) -> bool:
        lower = token.lower_
        if lower in self.g.between_subject_and_verb:
            return True
        following = token.doc[token.i + 1].lower_ if token.i + 1 < len(token.doc) else ""
        if lower in ("this", "last") and following in self.g.time_words or lower in self.g.time_words and token.i > 0 and token.doc[token.i - 1].lower_ in ("this", "last", "yesterday"):
            return True  # "The Council this afternoon adopted"
        if not (lower.endswith("ly") and token.is_alpha) or lower in self.g.not_adverbs_in_ly:
            return False
        if token.text == lower:
            return True
        # a capitalised adverb only where a clause begins ('"Deeply concerned at ...'), never a
        # name inside one ("Italy")
        return token.text == lower.capitalize() and (token.i in (0, self.body_token, self.first) or token.doc[token.i - 1].text in OPENING_QUOTES)

    def _actors_from(self, i: int, limit: int) -> tuple[str, ...]:
        """The actors named from token ``i`` on ("the Council", "NATO and Russia", "NATO Heads of State")."""
        starts = self.mention_end_by_start
        agents: list[str] = []
        while i < limit:
            if i not in starts and self.doc[i].lower_ in ("the", "both"):
                i += 1
            if i >= limit or i not in starts:
                break
            end = starts[i]
            agents.append(self.mention_by_end[end][1].entity_id)
            i = end + 1
            if i < limit and self.doc[i].lower_ in ("and", ","):
                i += 1
        return tuple(dict.fromkeys(a for a in agents if self.entities[a].is_actor))

    def _subject(self, start: int, first: int, sentence: Any) -> tuple[Subject, bool] | None:
        doc, g = self.doc, self.g
        negated = False
        i = start - 1
        modal = False
        if i > first and doc[i].lower_ == "in" and verb_form(doc[start]) == "ing":
            joined = self._joined_in(i, first)
            if joined is not None:
                i = joined - 1  # "I join previous speakers in congratulating you": the congratulation is the act
        if i >= first + 1 and (doc[i].lower_ == "to" or doc[i].lower_ == "by" and doc[i - 1].lemma_ in ("begin", "start", "conclude", "close")):
            j = i - 1
            while j >= first:
                if doc[j].lower_ in g.catenatives or doc[j].lemma_ in g.catenatives or self._skippable(doc[j]) or doc[j].lower_ in g.before_infinitive:
                    j -= 1
                elif doc[j].text == "," and (aside := self._aside_before(j, first)) is not None:
                    j = aside  # "allow me, on behalf of my delegation, to congratulate"
                else:
                    break
            if j == i - 1 and doc[i].lower_ == "to" and j in self.mention_by_end:
                return None  # "call upon X and the ICRC to condemn": an infinitive asked of X, not X's act
            i = j  # "I would like to welcome", "is delighted to welcome", "Allow me first of all to congratulate"
        while i >= first and (
            self._skippable(doc[i]) or doc[i].lemma_ in g.refusals or doc[i].lower_ == "to" and i > first and doc[i - 1].lemma_ in g.refusals
        ):
            if doc[i].lower_ in g.negations or doc[i].lemma_ in g.refusals:
                negated = not negated  # "did not agree"; "cannot fail to be concerned" is concerned
            modal = modal or doc[i].lower_ in g.modals
            i -= 1
        clause_start = self._clause_start(start, first)
        if i < clause_start or doc[i].text in (";", ":"):
            bare = self._bare(start, clause_start)
            return (bare, negated) if bare is not None else None
        for _ in range(3):  # "We, the Heads of State ..., building on ..., are committed"
            if doc[i].text != ",":
                break
            j = i - 1
            while j >= clause_start and doc[j].text != ",":
                j -= 1
            if j >= clause_start and j + 1 < i and all(self._skippable(doc[k]) for k in range(j + 1, i)):
                i = j - 1  # "My country, therefore, welcomes": an adverb between commas
                continue
            if j >= clause_start and doc[j + 1].lower_ in g.parenthetical_openers:
                i = j - 1  # "The Council, acting under Chapter VII, authorized"
                while i >= clause_start and self._skippable(doc[i]):
                    i -= 1
            elif j < clause_start and doc[self._after_conjunction(clause_start, i)].lower_ in g.intro_openers:
                if verb_form(doc[start]) == "past" and self._clause_after_comma(start + 1, sentence.end) is not None:
                    return None  # "By the terms of resolution 1004, adopted unanimously, the Council demanded"
                bare = self._bare(start, clause_start)  # "In this context, welcomed ..."
                return (bare, negated) if bare is not None else None
            else:
                return None
        if doc[i].lower_ in ("and", "or"):
            shared = self._clause_subject(start, clause_start, i, after_modal=modal)  # "They stressed X and agreed to Y"
            return (shared, negated) if shared is not None else None
        subject = self._named_subject(i, clause_start) or self._word_subject(i, clause_start)
        if subject is None or not subject.agents:
            return None
        return subject, negated

    def _joined_in(self, in_token: int, first: int) -> int | None:
        """The "join" of "join (other speakers) in V-ing" ending at ``in_token``, or None."""
        doc = self.doc
        for k in range(in_token - 1, max(first, in_token - 10) - 1, -1):
            if doc[k].text in (",", ";", ":", "."):
                return None
            if doc[k].lemma_ == "join":
                return k
        return None

    def _aside_before(self, comma: int, first: int) -> int | None:
        """The token before a short aside that ends with the comma at ``comma`` and opens with
        one of ``parenthetical_openers`` (", on behalf of my Government,"), or None."""
        doc = self.doc
        for k in range(comma - 1, max(first, comma - 12) - 1, -1):
            if doc[k].text == ",":
                return k - 1 if k + 1 < comma and doc[k + 1].lower_ in self.g.parenthetical_openers else None
            if doc[k].text in (";", ":", "."):
                return None
        return None

    def _clause_after_comma(self, end: int, limit: int) -> tuple[Subject, int] | None:
        """The subject of the clause that follows the first comma after ``end`` (the subject
        and a finite verb or a modal right after it), and that comma; None when there is none."""
        doc = self.doc
        for comma in range(end, limit - 2):
            if doc[comma].text in (";", ":"):
                return None
            if doc[comma].text != ",":
                continue
            head = comma + 1
            for last in range(head, min(limit - 1, head + 12)):
                if doc[last].text in (",", ";", ":"):
                    break
                subject = self._named_subject(last, head) or self._word_subject(last, head)
                if subject is None or subject.begin > head + 1:
                    continue
                if subject.rule in self.finder.subjects and self.finder.subjects[subject.rule].refers == "singular":
                    return None  # "Considering X, it is imperative that ...": "it" is no actor here
                verb = last + 1
                while verb < limit and self._skippable(doc[verb]) and doc[verb].lower_ not in self.g.modals:
                    verb += 1
                word = doc[verb] if verb < limit else None
                if word is not None and word.is_alpha and word.text == word.lower_ and word.lower_ not in self.g.be_forms and (
                    word.lower_ in self.g.modals or verb_form(word) in FINITE
                ):
                    return subject, comma
        return None

    def _after_conjunction(self, i: int, limit: int) -> int:
        """The first token at or after ``i`` that is not "and", "but" or "or"."""
        while i < limit and self.doc[i].lower_ in ("and", "but", "or"):
            i += 1
        return i

    def _clause_subject(self, start: int, clause_start: int, coordinator: int, *, after_modal: bool = False) -> Subject | None:
        """The subject at the start of the clause, when its verb has the form of the verb at ``start``."""
        doc = self.doc
        for end in range(coordinator - 1, clause_start - 1, -1):
            subject = self._named_subject(end, clause_start) or self._word_subject(end, clause_start)
            if subject is None or subject.begin > clause_start + 1:
                continue
            verb = end + 1
            while verb < coordinator and self._skippable(doc[verb]):
                verb += 1
            same_form = verb_form(doc[verb]) == verb_form(doc[start]) and (after_modal or verb_form(doc[start]) != "base")
            if verb < coordinator and doc[verb].is_alpha and same_form:
                return Subject(subject.agents, subject.rule, subject.begin) if subject.agents else None
            return None
        return None

    def _clause_start(self, start: int, first: int) -> int:
        """The first token of the clause of token ``start``: after the last ";" or ":" from ``first`` on."""
        at = bisect_left(self.clause_marks, start) - 1
        if at >= 0 and self.clause_marks[at] >= first:
            return self.clause_marks[at] + 1
        return first

    def _bare(self, start: int, clause_start: int) -> Subject | None:
        """A verb with no subject in front: the items of a decision or resolution."""
        token = self.doc[start]
        if verb_form(token) == "base" and token.lower_ != "welcome":
            return None
        agents = self.context.issuers
        if self.context.state_speech:
            return None  # a State's speech has no decision items: "Agreed arrangements have ...", "Considering X, ..."
        if not agents:
            self.context.unresolved += 1
            return None
        return Subject(agents, "subject-issuer-bare-verb", clause_start)

    def _boundary_ok(self, i: int, clause_start: int) -> bool:
        """True when the subject ending before ``i + 1`` starts a clause."""
        doc, g = self.doc, self.g
        while i >= clause_start and doc[i].lower_ in g.before_subject:
            i -= 1
        if i < clause_start or doc[i].text in (",", ";", ":", "(") or doc[i].lower_ in g.clause_openers:
            return True
        if doc[i].lower_ in g.opening_time_words or doc[i].like_num:
            # "This year my country signed", "In 1994 Latvia joined": a time phrase opens the clause
            k = i
            while k >= clause_start and (doc[k].lower_ in g.opening_time_words or doc[k].like_num):
                k -= 1
            if k < clause_start and doc[clause_start].lower_ in g.time_phrase_openers:
                return True
        return self._saying_verb_before(i + 1, clause_start) is not None  # "He said (that) Japan would ..."

    def _saying_verb_before(self, begin: int, lowest: int = 0) -> int | None:
        """The verb of saying whose words the clause starting at ``begin`` reports ("said (that)
        ..."), no further left than ``lowest``; None when there is none."""
        i = begin - 1
        if i >= lowest and self.doc[i].lower_ == "that":
            i -= 1
        return i if i >= lowest and self.doc[i].lower_ in self.g.saying_verbs else None

    def _named_subject(self, i: int, clause_start: int) -> Subject | None:
        """Named actors ending at token ``i`` ("NATO and Russia", "the Ministers of Ukraine")."""
        subject = self._named_subject_raw(i, clause_start)
        return self._remember(subject) if subject is not None and subject.agents else None

    def _named_subject_raw(self, i: int, clause_start: int) -> Subject | None:
        doc = self.doc
        if i not in self.mention_by_end and doc[i].lower_ in self.g.member_nouns:
            k = i - 1 if i - 1 >= clause_start and doc[i - 1].lower_ in ("participating", "member") else i
            if k - 2 >= clause_start and doc[k - 1].lower_ in ("its", "their") and doc[k - 2].lower_ == "and" and k - 3 in self.mention_by_end:
                i = k - 3  # "the Community and its Member States": the body with its members
        if i not in self.mention_by_end and (doc[i].lower_ in self.g.member_nouns or doc[i].lower_ in self.g.speaker_heads):
            # "the CSCE participating States", "the NACC member countries": the body acts;
            # "France's representative", "the Malawi delegation": the state speaks ("the French
            # delegation" is a mention of its own, through the state's adjective)
            k = i - 1 if i - 1 >= clause_start and doc[i - 1].lower_ in ("participating", "member") else i
            while k - 1 > clause_start and doc[k - 1].lower_ in ("'s", "\u2019s", "s", "'", "\u2019", "\u00e2\u20ac\u2122"):
                k -= 1  # "the OSCE's participating States"
            if k - 1 in self.mention_by_end:
                i = k - 1
        if i not in self.mention_by_end and doc[i].lower_ in self.g.member_nouns:
            k = i - 1  # "Pakistan and other Islamic countries": the named actor acts with a group
            while k > clause_start and k > i - 4 and doc[k].is_alpha and doc[k].lower_ not in ("other", "and"):
                k -= 1
            if k - 2 >= clause_start and doc[k].lower_ == "other" and doc[k - 1].lower_ == "and" and k - 2 in self.mention_by_end:
                i = k - 2
        if i not in self.mention_by_end and doc[i].lower_ in self.g.compound_heads:
            k = i - 1  # "NATO Allies", "EU Foreign Ministers": the actor's own people act for it
            while k > clause_start and doc[k].lower_ in self.g.portfolios:
                k -= 1
            if k >= clause_start and k in self.mention_by_end:
                i = k
        if i not in self.mention_by_end:
            return None
        agents: list[str] = []
        begin = i
        joined = False  # "A, B and C": a comma joins actors only left of an "and"
        while i in self.mention_by_end:
            token_start, mention = self.mention_by_end[i]
            agents.insert(0, mention.entity_id)
            begin = token_start
            i = token_start - 1
            if i >= clause_start and (doc[i].lower_ in ("and", "as") or doc[i].text == "," and joined):
                joined = True
                j = i - 1
                if doc[i].lower_ == "and" and j >= clause_start and doc[j].text == ",":
                    j -= 1
                if doc[i].lower_ == "as" and j >= clause_start + 1 and doc[j].lower_ == "well" and doc[j - 1].lower_ == "as":
                    j -= 2
                if j in self.mention_by_end and self.entities[self.mention_by_end[j][1].entity_id].is_actor:
                    i = j
        actors = tuple(dict.fromkeys(a for a in agents if self.entities[a].is_actor))
        k = i - 1 if i - 1 >= clause_start and doc[i].lower_ == "the" else i
        if i >= clause_start and doc[k].lower_ in ("of", "for"):
            # "the representative of X"; "for" only after a spokesman ("the spokesman for the
            # Alliance"), not after other heads ("the Special Envoy for Bosnia" is not Bosnia)
            head = doc[k - 1].lower_ if k - 1 >= clause_start else ""
            if head not in self.g.pp_heads or doc[k].lower_ == "for" and head not in self.g.spokesmen:
                return None
            word = self._word_match(k - 1, clause_start)
            heads_start = word[1] if word else k - 1
            while heads_start > clause_start and (doc[heads_start - 1].lower_ in self.g.pp_heads or doc[heads_start - 1].lower_ in ("of", "the", "member", "foreign", "defence", "defense")):
                heads_start -= 1
            if not self._boundary_ok(heads_start - 1, clause_start):
                return None
            return self._with_coordinated(Subject(actors, "subject-of-named-actors", heads_start), clause_start)
        if not self._boundary_ok(i, clause_start):
            return None
        return self._with_coordinated(Subject(actors, "subject-named-actors", begin), clause_start)

    def _with_coordinated(self, subject: Subject, clause_start: int) -> Subject | None:
        """Add the actors of a subject coordinated before this one ("the Heads of State of the
        Alliance and the President of Russia"); None when no actor is named at all."""
        doc = self.doc
        i = subject.begin - 1
        while i >= clause_start and doc[i].lower_ in self.g.before_subject:
            i -= 1
        if i >= clause_start and doc[i].lower_ == "and":
            i -= 1
            while i >= clause_start and doc[i].text == ",":
                i -= 1
            if i in self.mention_by_end or i - 1 >= clause_start and doc[i].lower_ in self.g.pp_heads:
                other = self._named_subject_raw(i, clause_start)
                if other is not None:
                    merged = tuple(dict.fromkeys(other.agents + subject.agents))
                    return Subject(merged, subject.rule, other.begin) if merged else None
                if i in self.mention_by_end and self.entities[self.mention_by_end[i][1].entity_id].is_actor:
                    return None  # "Mediators appointed by the UN and the EU advocated": the names are in a phrase
        return subject if subject.agents else None

    def _word_match(self, i: int, clause_start: int) -> tuple[str, int] | None:
        """The longest subject word (``subjects.jsonl``) ending at token ``i``: (rule, first token)."""
        best = None
        for match_id, start, _end in self.finder.subject_matcher(self.doc, self.columns, clause_start, i + 1, ending=True):
            if best is None or start < best[1]:
                best = (match_id, start)
        if best is None:
            return None
        return self.finder.nlp.vocab.strings[best[0]], clause_start + best[1]

    def _word_subject(self, i: int, clause_start: int) -> Subject | None:
        """A subject word ending at token ``i``, resolved to the actors it refers to."""
        found = self._word_match(i, clause_start)
        if found is None:
            return None
        rule, begin = found
        refers = self.finder.subjects[rule].refers
        if refers == "speaker":
            agents = self._reported_speaker(begin)
            return Subject(agents, rule, begin) if agents else None
        if refers == "named-head":
            if not self._boundary_ok(begin - 1, clause_start):
                return None
            agents = self._named_by_head(self.doc[i].text)
            return self._remember(Subject(agents, rule, begin)) if agents else None
        if not self._boundary_ok(begin - 1, clause_start) and not self._after_opening_phrase(begin, clause_start):
            return None
        if refers in ("issuer", "body"):
            agents = self.context.issuers
            if refers == "body" and agents:
                # "the Union", "Council members": a body, never the State whose speech names it
                agents = tuple(a for a in agents if "State" not in self.entities[a].classes)
                if not agents:
                    return None
                agents = self._body_by_head(self.doc[i].text, agents)
            if not agents:
                self.context.unresolved += 1
                return None
            if any("State" not in self.entities[a].classes for a in agents if a in self.entities):
                # "Ministers ... They agreed", "The Council ... It decided"; a State's "we" is never "they"
                singular = refers == "body" and not self.doc[i].lower_.endswith("s")
                self.context.remember("singular" if singular else "plural", agents)
        elif refers == "plural":
            agents = self.context.recall("plural")
            if not agents:
                self.context.unresolved += 1
                return None
        else:
            spoken, said_in = self.context.antecedents.get("speaker-it", ((), -1))
            if spoken and said_in == self.context.sentence and self.doc[i].lower_ == "it":
                return Subject(spoken, rule, begin)  # "his country was concerned, but it did not favour"
            agents = self.context.recall("singular")
            if agents and self.context.state_speech and agents == self.context.issuers and self.doc[i].lower_ == "it":
                said_in = self.context.antecedents["singular"][1]
                if self.context.sentence - said_in == 1 and self._opens_sentence(begin):
                    return Subject(agents, rule, begin)  # "Hungary supports X. It intends to ...": the speaking State
            if not agents or any("State" in self.entities[a].classes for a in agents if a in self.entities):
                return None  # "It" is a body ("The Council ... It decided"); a state is "we" or named
        return Subject(agents, rule, begin)

    def _after_opening_phrase(self, begin: int, clause_start: int) -> bool:
        """True for a nominative pronoun after a phrase that opens its clause with a preposition
        and no comma ("Through close cooperation we will ..."). Elsewhere a pronoun after a
        noun opens a relative clause ("the lines we had hoped", "the partnership we want")."""
        doc = self.doc
        return (
            doc[begin].lower_ in NOMINATIVES
            and begin > clause_start
            and doc[clause_start].lower_ in self.g.intro_openers
            and not any(doc[i].text == "," or doc[i].lemma_ in self.g.mental_verbs for i in range(clause_start, begin))
        )

    def _body_by_head(self, head: str, issuers: tuple[str, ...]) -> tuple[str, ...]:
        """"The Group", "The Committee": the issuer when its name ends with the word, else the
        one body the document names whose name does ("decided to establish a Reflection
        Group. The Group will ..."), else the issuer."""
        if head not in self.g.body_heads or any(self.entities[a].label.split()[-1] == head for a in issuers if a in self.entities):
            return issuers
        return self._named_by_head(head) or issuers

    def _named_by_head(self, head: str) -> tuple[str, ...]:
        """The one actor of the document whose name ends with ``head`` ("the Union": the issuer
        if it is a Union, else the one Union of the gazetteer the document names, else the one
        it names at all), or () when none or several."""
        def ending(ids: tuple[str, ...]) -> list[str]:
            return [a for a in ids if a in self.entities and self.entities[a].label.split()[-1] == head]

        named = self.context.named
        found = (
            ending(self.context.issuers)
            or ending(tuple(a for a in named if not self.entities[a].local))
            or ending(tuple(a for a in named if self.entities[a].local))
        )
        return (found[0],) if len(found) == 1 else ()

    def _reported_speaker(self, begin: int) -> tuple[str, ...]:
        """The actors of the speaker whose words a clause starting at ``begin`` reports ("The
        representative of Germany said (that) ...", "Germany's delegate stated ..."), or ()."""
        doc = self.doc
        verb = self._saying_verb_before(begin)
        if verb is None and self._opens_sentence(begin):
            return self._spoken_for(self.context.recall("speaker"))  # "... said X. His country would ..."
        if verb is None or verb < 1:
            return ()
        end = verb - 1
        while end >= 0 and self._skippable(doc[end]):
            end -= 1
        if end < 0:
            return ()
        sentence_start = doc[verb].sent.start
        if doc[end].lower_ in ("he", "she"):
            return self.context.recall("speaker") if self._boundary_ok(end - 1, sentence_start) else ()
        if doc[end].text == ")":
            named = self._named_speaker(sentence_start, verb + 1)  # "SERGEY LAVROV (Russian Federation) said"
            if named:
                self.context.remember("speaker", named)
                return self._spoken_for(named)
        subject = self._named_subject_raw(end, sentence_start)
        if subject is None or not subject.agents or subject.rule != "subject-of-named-actors" and doc[end].lower_ not in self.g.speaker_heads:
            return ()  # a speaker, not a State saying something of itself ("Germany said its ...")
        self.context.remember("speaker", subject.agents)
        return self._spoken_for(subject.agents)

    def _spoken_for(self, agents: tuple[str, ...]) -> tuple[str, ...]:
        """``agents``, the actor a reported speaker speaks for, kept for an "it" later in the
        sentence ("said his country was concerned, but it did not favour ...")."""
        if len(agents) == 1:
            self.context.remember("speaker-it", agents)
        return agents

    def _opens_sentence(self, begin: int) -> bool:
        """Whether token ``begin`` opens its sentence (after an opening quote, "But" or "However,")."""
        doc = self.doc
        k = begin - 1
        while k >= doc[begin].sent.start and (doc[k].text in OPENING_QUOTES or doc[k].text == "," or doc[k].lower_ in ("but", "however", "and")):
            k -= 1
        return k < doc[begin].sent.start

    def _remember(self, subject: Subject) -> Subject:
        """Keep the subject for a later "They" or "It"."""
        if len(subject.agents) > 1:
            self.context.remember("plural", subject.agents)
        else:
            self.context.remember("singular", subject.agents)
        return subject


def verb_form(token: Any) -> str:
    """The inflection of a verb: base, third person singular, past, or -ing."""
    lower = token.lower_
    if lower.endswith("ing") and lower != token.lemma_:
        return "ing"
    if lower == token.lemma_:
        return "base"
    if lower.endswith("s") and lower[:-1] == token.lemma_ or lower.endswith("es") and lower[:-2] == token.lemma_:
        return "third"
    return "past"
