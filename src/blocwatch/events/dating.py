"""Which date expression of a parsed sentence dates a coded event, read off the dependency tree.

The expression governing the trigger wins, else the only one in the sentence, else the publication.
Some expressions are in the sentence but not the event's: a bound ("since 2021"), a dateline, a date
of another noun ("calling Tuesday's strike a violation"), the day a claim of responsibility was
made (the attack it claims came before). An article's `Dating` remembers the last dated attack, which
a later claim ("claimed responsibility for the attack") refers back to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from blocwatch.events.dates import Timeline, dateline_end
from blocwatch.events.lexicon import Grammar
from blocwatch.events.sentence import Coded
from blocwatch.nlp import calendar_spans
from blocwatch.precision import period_end

__all__ = ["Dating", "When"]

_CLAUSES = ("relcl", "advcl", "acl", "ccomp", "xcomp", "parataxis")
_BOUNDS = frozenset({"since", "until", "till", "before", "after", "by", "through"})
# "a day after X arrived", "two weeks before the vote": X is that many days before the clause above it
_SPAN_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}

When = tuple[date, str]
Period = tuple[date, date]  # its first and last days
# How far before its publication the day a headline's news happened may lie.
_NEWS_DAYS = 7


class Dating:
    """Dates the events of one article, sentence by sentence, in reading order."""

    def __init__(self, timeline: Timeline, grammar: Grammar, attacks: re.Pattern[str]):
        self.timeline = timeline
        self._grammar = grammar
        self._attacks = attacks
        self._last_attack: When | None = None

    def date(self, doc: Doc, coded: Coded, start: int, *, fallback: When | None = None) -> When | None:
        """The date of an event coded from `doc`, a sentence starting at `start` in the article; with no date
        expression of its own, `fallback` where given (a headline's: its lead's), else the publication."""
        trigger = coded.trigger
        claim = next((t for t in (trigger, *trigger.ancestors) if self._is_claim(t)), None)
        if coded.type == "ASSAULT" and claim is not None:
            # The attack's own date ("claimed Sunday's attack"), else the attack told before; the day
            # of the claim is only the latest the attack can have happened
            attack = [c for c in claim.children
                      if c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in ("for", "behind"))]
            own = self._first(doc, start, [e for e in self._dates(doc) if any(_under(e.root, a) for a in attack)])
            return own or self._last_attack or self._dated(doc, trigger, start, fallback)
        if coded.bygone:  # "recognised the previous Taliban government": not on the article's day
            return self._own(doc, trigger, start)
        return self._dated(doc, trigger, start, fallback)

    def periods(self, doc: Doc, start: int) -> list[Period]:
        """The first and last days of each date the sentence `doc` (at `start`) names as a date of its events."""
        found = (self.timeline.resolve(ent.text, start + ent.start_char) for ent in self._dates(doc))
        return [(when[0], period_end(*when)) for when in found if when]

    def lead(self, doc: Doc, start: int) -> When | None:
        """The date an article's lead (`doc`, parsed or only tokenized, at `start`) tells of its news: the one
        its date expressions name, where that is within the week before the publication; None where they
        name none or several, or an earlier date ("In 2006 a court banned the group"), which is background
        to the news a headline tells."""
        found = {when for ent in self._dates(doc) if (when := self.timeline.resolve(ent.text, start + ent.start_char))}
        if len(found) != 1:
            return None
        when, published = found.pop(), self.timeline.published
        recent = published is None or published.day - timedelta(days=_NEWS_DAYS) <= when[0] <= published.last
        return when if recent else None

    def observe(self, doc: Doc, start: int) -> None:
        """Remember the date of an attack this sentence tells, for a claim that comes later."""
        if not self._attacks.search(doc.text) or any(self._is_claim(t) for t in doc):
            return
        found = self._first(doc, start, self._dates(doc))
        if found and found[1] != "published":
            self._last_attack = found

    def _dated(self, doc: Doc, trigger: Token, start: int, fallback: When | None = None) -> When | None:
        shifted = self._offset_clause(doc, trigger, start)
        if shifted:
            return shifted
        return self._own(doc, trigger, start) or fallback or self.timeline.fallback()

    def _own(self, doc: Doc, trigger: Token, start: int) -> When | None:
        """The expression governing the trigger, else the only one in its sentence."""
        # Nearest in the tree first: "appointed an envoy in late 2023, and Beijing accepted his credentials
        # in January" dates the acceptance by its own phrase, not by the verb it is coordinated with.
        distance = {trigger.i: 0, **{t.i: n for n, t in enumerate(_governors(trigger), 1)}}

        def nearness(ent: Span) -> int:
            steps = [distance[_anchor(ent.root).i]] if _anchor(ent.root).i in distance else []
            if _below_in_clause(ent.root, trigger):
                # Only the verbs between count: a date in the trigger's own clause is its date wherever the
                # parser hangs it ("banned the group as a terrorist organisation in 2003": on the noun), before
                # one on a verb above ("..., an official recalled this week").
                steps.append(sum(1 for t in _path_up(ent.root, trigger) if t.pos_ in ("VERB", "AUX")))
            return min(steps)

        # "calling Tuesday's attack a violation": a possessive date dates its own noun, not the trigger,
        # unless that noun is the trigger or the act that is its subject ("Monday's attack killed five")
        dates = [ent for ent in self._dates(doc) if ent.root.dep_ != "poss" or ent.root.head.i == trigger.i
                 or (ent.root.head.dep_ in ("nsubj", "nsubjpass") and ent.root.head.head.i == trigger.i)]
        attached = sorted((ent for ent in dates
                           if _anchor(ent.root).i in distance or _below_in_clause(ent.root, trigger)), key=nearness)
        main_clause = [ent for ent in dates if _below_in_clause(ent.root, doc[:].root)]
        return self._first(doc, start, attached or (main_clause if len(dates) == 1 else []))

    def _offset_clause(self, doc: Doc, trigger: Token, start: int) -> When | None:
        """ "The meeting is held a day after the minister arrived": the arrival is a day before the meeting."""
        for clause in (trigger, *trigger.ancestors):
            if clause.dep_ != "advcl":
                continue
            mark = next((c for c in clause.children if c.dep_ in ("mark", "prep") and c.lower_ in ("after", "before")),
                        None)
            span = next((c for c in clause.head.children if c.dep_ == "npadvmod" and c.lower_ in _SPAN_DAYS), None)
            if mark is None or span is None:
                return None
            count = next((_NUMBERS.get(c.lower_) or (int(c.text) if c.text.isdigit() else None)
                          for c in span.children if c.dep_ in ("det", "nummod")), None)
            anchor = self._dated(doc, clause.head, start)
            if not count or anchor is None or anchor[1] not in ("day", "published"):
                return None
            days = count * _SPAN_DAYS[span.lower_]
            return anchor[0] + timedelta(days=-days if mark.lower_ == "after" else days), "day"
        return None

    def _dates(self, doc: Doc) -> list[Span]:
        """The sentence's date expressions that may date an event: not a dateline's, not a bound."""
        opening = dateline_end(doc.text)
        return [ent for ent in calendar_spans(doc, "DATE") if ent.start_char >= opening
                and not (ent.start > 0 and doc[ent.start - 1].lower_ in _BOUNDS)
                and ent.root.head.lower_ not in _BOUNDS]

    def _first(self, doc: Doc, start: int, ents: list[Span]) -> When | None:
        for ent in ents:
            resolved = self.timeline.resolve(ent.text, start + ent.start_char)
            if resolved:
                return resolved
        return None

    def _is_claim(self, token: Token) -> bool:
        return token.lemma_ in self._grammar.responsibility_verbs and any(
            c.dep_ == "dobj" and c.lemma_ in self._grammar.responsibility_objects for c in token.children) or (
            token.lemma_ == "be" and any(c.dep_ == "prep" and c.lower_ == "behind" for c in token.children))


def _under(token: Token, top: Token) -> bool:
    return token.i == top.i or any(a.i == top.i for a in token.ancestors)


def _governors(trigger: Token) -> Iterator[Token]:
    """The words above the trigger up to the sentence's root, short of a clause coordinated with it:
    "seized power in August 2021, and Russia recognised them" is not dated by the seizure, but
    "recalled its envoy on Wednesday and barred ..." shares the first verb's subject and day."""
    token = trigger
    while token.head.i != token.i and (token.dep_ != "conj" or not _own_subject(token)):
        token = token.head
        yield token


def _own_subject(verb: Token) -> bool:
    return any(child.dep_ in ("nsubj", "nsubjpass", "expl") for child in verb.children)


def _anchor(token: Token) -> Token:
    """What a date phrase modifies: "on Thursday" hangs on the verb above its preposition."""
    head = token.head
    return head.head if head.dep_ == "prep" else head


def _below_in_clause(token: Token, trigger: Token) -> bool:
    """Whether `token` hangs under `trigger` without crossing into a clause of its own
    ("recognised the group that seized power in August 2021" is not dated August 2021), except a
    participle framing the trigger ("in a treaty signed in 1973, Afghanistan committed to ...")."""
    above = trigger.i == token.i or any(a.i == trigger.i for a in token.ancestors)
    return above and all(step.dep_ not in _CLAUSES or _framing(step) for step in _path_up(token, trigger))


def _framing(step: Token) -> bool:
    """A past participle describing the setting of an act: "at a meeting held in May", "in a deal signed"."""
    return step.dep_ == "acl" and step.tag_ == "VBN" and step.head.dep_ == "pobj" and step.head.head.dep_ == "prep"


def _path_up(token: Token, top: Token) -> Iterator[Token]:
    """The tokens from `token` up to, not including, `top` (or to the root when `top` is not above)."""
    while token.i != top.i and token.head.i != token.i:
        yield token
        token = token.head
