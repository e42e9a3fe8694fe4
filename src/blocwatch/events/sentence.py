"""The per-sentence working state the coder's passes share, and the candidate event they refine.

Reads: a parsed sentence (spaCy `Span`) and its actor mentions, resolved at the article's date (a person
out of office then, at a period the sentence names in which he held one).
Writes: a `Sentence` (which token stands for which actor, what is a place, what the dateline is,
which tokens a trigger has used up) and, per trigger, a `Candidate` that each pass refines or drops;
a candidate that survives every pass becomes one `Coded` per source-target pair.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence, Set
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from blocwatch.actors import (
    CAPITAL,
    GENERIC,
    GROUP,
    IGO,
    INSTITUTION,
    NAME,
    PERSON,
    PLACE,
    Gazetteer,
    Mention,
    ResolvedActor,
)
from blocwatch.events import repair
from blocwatch.events.lexicon import Grammar, Lexicon, Trigger

SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")
CLAUSE_EDGE = ("ccomp", "relcl", "advcl", "parataxis")


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor found for a role, with the token it hangs on and how sure we are."""

    code: str
    token: int
    weight: float = 1.0


@dataclass(slots=True)
class Coded:
    """An event of one sentence before dates and contexts are added."""

    trigger: Token
    entry: Trigger
    source: str
    target: str
    negated: bool
    type: str
    cameo: str
    confidence: float
    place: str | None = None
    recognition: str | None = None  # the rung of the recognition ladder, for cameo 054
    trail: tuple[str, ...] = ()  # what each pass decided, for `blocwatch extract --explain`
    # the tokens the source and target were found on (a name, a pronoun), where known: an event dated by its
    # sentence reads the names there again at its own date
    tokens: tuple[int | None, int | None] = (None, None)
    bygone: bool = False  # an actor is named as the earlier one: the event is of its time, not the article's


@dataclass(slots=True)
class Candidate:
    """One trigger on its way through the passes: what they have found so far."""

    token: Token
    entry: Trigger
    is_noun: bool
    chain: list[Token] = field(default_factory=list)  # the trigger and the words governing it (polarity)
    negated: bool = False
    mood: str = "real"
    confidence: float = 0.85
    embedded: Token | None = None  # the verb an intent governs: "pledged to *work* with X"
    sources: list[Actor] = field(default_factory=list)
    targets: list[Actor] = field(default_factory=list)
    has_subject: bool = False  # a grammatical subject was found, even one that names no actor
    pairs: list[tuple[str, str]] = field(default_factory=list)
    type: str = ""
    cameo: str = ""
    trail: list[str] = field(default_factory=list)  # "pass: what it decided", in order


@dataclass(slots=True)
class Discourse:
    """What earlier sentences leave for later ones: their actors, and attacks nobody claimed yet."""

    subjects: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)  # subjects and objects, not places
    actors: list[str] = field(default_factory=list)
    unclaimed_attacks: list[tuple[str, str | None]] = field(default_factory=list)  # (target, place)
    recognition_target: str | None = None  # what the article's recognition talk is about
    mentions: Counter[str] = field(default_factory=Counter)  # how often the article has named each actor
    last_subjects: list[str] = field(default_factory=list)  # of the latest sentence whose subject was an actor
    accusers: dict[str, str] = field(default_factory=dict)  # the accused or threatened -> who did so last
    attackers: dict[str, str] = field(default_factory=dict)  # the attacked -> who attacked them last
    # "group" -> AFG after "the Taliban" (actors.csv), "council" -> UN after "the UN Security Council"
    described: dict[str, str] = field(default_factory=dict)
    last_attacker: str | None = None
    host: str | None = None  # who hosts the meeting the article tells of, for "attended the meeting"
    attendees: list[str] = field(default_factory=list)  # who took part in it, for "the participants"
    # "Qatar's foreign minister held talks ...": an office holder told of by title, whom the next sentence
    # may name by a name the gazetteer does not know ("Sheikh Mohammed called on ...")
    officer: str | None = None
    lone_person: bool = False  # whether the latest sentence's subject was one individual named alone

    def name(self, code: str, nouns: Iterable[str]) -> None:
        """Remember an actor just named for what a later "the group" or "the council" means."""
        for noun in nouns:
            self.described[noun] = code

    def advance(self, subjects: list[str], participants: list[str], actors: list[str], *,
                lone_person: bool = False) -> None:
        """Move on past a sentence with these actors."""
        self.subjects, self.participants, self.actors = subjects, participants, actors
        self.lone_person = lone_person
        self.mentions.update(actors)
        if subjects:
            self.last_subjects = subjects


@dataclass(slots=True)
class Sentence:
    """A parsed sentence with its actors placed on its tokens, and the article's discourse."""

    sent: Span
    lexicon: Lexicon
    discourse: Discourse
    states: Set[str]  # the codes of states (the gazetteer's)
    codes: dict[int, str] = field(default_factory=dict)  # token -> the actor it names
    located: dict[int, str] = field(default_factory=dict)  # tokens of provinces and cities -> their state
    # where each mention starts, its actor, and the nouns a later description may call it by
    named: list[tuple[int, str, frozenset[str]]] = field(default_factory=list)
    places: set[int] = field(default_factory=set)  # tokens of states and capitals named outright
    state_names: set[int] = field(default_factory=set)
    institutions: set[int] = field(default_factory=set)  # tokens of organisations, groups and bodies: never "he"
    people: set[int] = field(default_factory=set)  # tokens of the names of individuals
    dateline: range = range(0)
    dateline_place: range = range(0)  # the dateline's city or capital ("KABUL —"), where the story is told from
    consumed: set[int] = field(default_factory=set)  # tokens a trigger has used up ("signed a *deal*")
    pairs: dict[int, list[str]] = field(default_factory=dict)  # "the two sides" -> the actors it stands for
    # tokens of a name marked as the earlier actor ("the previous Taliban government"): the text says
    # when it is, so no date read later makes it today's again
    bygone: set[int] = field(default_factory=set)

    @property
    def doc(self) -> Doc:
        return self.sent.doc

    @property
    def grammar(self) -> Grammar:
        return self.lexicon.grammar


def read_sentence(sent: Span, mentions: list[Mention], *, gazetteer: Gazetteer, lexicon: Lexicon,
                  on: date | None, discourse: Discourse,
                  periods: Callable[[], Sequence[tuple[date, date]]] = tuple) -> Sentence:
    """Place the resolved actors of `mentions` on the sentence's tokens (pair phrases are left to discourse).

    `periods` gives the first and last days of the dates the sentence names (asked only when a mention does not
    resolve at `on`, for resolving a sentence's dates is costly): a person out of office at the
    article's date `on` is read at the first of them in which he held an office ("the former prime minister
    visited Moscow in 2022"), for the events stage to read again at each event's own date."""
    s = Sentence(sent, lexicon, discourse, gazetteer.states)
    # A state or capital named outright is never "he" or "his": "Beijing accepted his credentials"
    s.places = {i for m in mentions if m.kind in (NAME, CAPITAL) for i in range(m.start, m.end)}
    s.state_names = {i for m in mentions if m.kind == NAME for i in range(m.start, m.end)}
    s.institutions = {i for m in mentions if m.kind in (IGO, INSTITUTION, GROUP, GENERIC)
                      for i in range(m.start, m.end)}
    for mention in mentions:
        resolved = gazetteer.resolve(mention.alias, on=on) or next(
            (then for period in periods() if (then := gazetteer.resolve_during(mention.alias, *period, near=on))), None)
        if on is not None and _bygone(s, mention, resolved):
            # "recognised the previous Taliban government": the one before the government of the day
            earlier = gazetteer.resolve_before(mention.alias, on=on)
            if earlier is not None:
                resolved = earlier
                s.bygone.update(range(mention.start, mention.end))
        if resolved and not _stance(s, mention.start):
            for i in range(mention.start, mention.end):
                (s.located if resolved.kind == PLACE else s.codes)[i] = resolved.code
            if resolved.kind == PERSON:
                s.people.update(range(mention.start, mention.end))
            if resolved.kind != PLACE:
                s.named.append((mention.start, resolved.code, _recall_nouns(s, mention, resolved)))
    s.dateline = repair.dateline(sent)
    for i in s.dateline:
        s.codes.pop(i, None)
    s.dateline_place = _dateline_place(s, gazetteer, on)
    return s


def _bygone(s: Sentence, mention: Mention, resolved: ResolvedActor | None) -> bool:
    """Whether a name of a group or a government is marked as the earlier one ("the former Taliban
    regime"); a person's "former" is of his office, not of whom he acts for."""
    return resolved is not None and resolved.kind != PERSON and mention.start > s.sent.start \
        and s.doc[mention.start - 1].lower_ in s.grammar.bygone_modifiers


def _dateline_place(s: Sentence, gazetteer: Gazetteer, on: date | None) -> range:
    """ "NEW DELHI —", "ISLAMABAD, Pakistan:", "Tehran - IRNA -": the name before any comma or dash of a
    dateline, when the gazetteer knows it as a capital or a place; wires write it in capitals, which the
    mention matcher does not read."""
    name = range(s.dateline.start, next((t.i for t in s.doc[s.dateline.start: s.dateline.stop]
                                         if t.text == "," or t.is_punct and t.text in "-–—"),
                                        s.dateline.stop))
    text = s.doc[name.start: name.stop].text
    resolved = (gazetteer.resolve(text, on=on) or gazetteer.resolve(text.title(), on=on)) if name else None
    return name if resolved and resolved.kind in (CAPITAL, PLACE) else range(0)


def _stance(s: Sentence, start: int) -> bool:
    """ "a pro-Taliban party", "anti-China protests": a name inside a stance word stands for no actor."""
    doc = s.doc
    return start - 2 >= s.sent.start and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ \
        and doc[start - 2].lower_ in s.grammar.stance_prefixes


def _recall_nouns(s: Sentence, mention: Mention, resolved: ResolvedActor) -> frozenset[str]:
    """What a later definite description may call this actor: its actors.csv nouns ("the group"), and
    for an institution the last word of its name or the noun its name modifies ("the council" after
    "the UN Security Council", "the committee" after "the UN Security Council committee"), for a
    state the body or envoys its name modifies ("the delegation" after "a Taliban delegation")."""
    grammar = s.grammar
    head = s.doc[mention.end - 1]
    while head.dep_ in ("compound", "amod") and head.head.i > head.i:
        head = head.head
    bodies = grammar.institution_heads | grammar.state_agent_heads | grammar.definite_heads
    named = ({s.doc[mention.end - 1].lower_} & grammar.institution_heads) | ({head.lemma_.lower()} & bodies)
    return resolved.described_as | named


def unique(actors: list[Actor]) -> list[Actor]:
    """The first actor found for each code, in order."""
    seen: dict[str, Actor] = {}
    for actor in actors:
        seen.setdefault(actor.code, actor)
    return list(seen.values())


def definite(s: Sentence, noun: Token) -> bool:
    """Whether a determiner makes the noun point at something known ("the group", "these states")."""
    return any(c.dep_ == "det" and c.lower_ in s.grammar.definite_dets for c in noun.children)


def personal(s: Sentence, pronoun: Token) -> bool:
    """ "he", "his": a pronoun that stands for a person, never for a state named as such."""
    return pronoun.lower_ in s.grammar.personal_pronouns


def is_place(s: Sentence, token: Token) -> bool:
    """A state or capital standing for itself ("Beijing accepted"), not modifying a person ("Jordan's king")."""
    return token.i in s.places and token.dep_ not in ("poss", "compound", "amod", "nmod")


def one_person(s: Sentence, actors: list[Actor]) -> bool:
    """ "Ishaq Dar", "he": one individual alone, whom "they" never stands for; a state, a group or a body
    may be "they", and so may several people ("Dar and Wang Yi")."""
    if len(actors) != 1:
        return False
    token = s.doc[actors[0].token]
    return (token.i in s.people or personal(s, token)) and not token.conjuncts


def phrase_head(token: Token) -> Token:
    """The noun a name modifies: "authorities" for "Afghan" in "with the Afghan authorities"."""
    while token.dep_ in ("amod", "compound", "poss", "nmod") and token.head.i != token.i:
        token = token.head
    return token


def in_place_phrase(s: Sentence, i: int) -> bool:
    """ "in the Qatari capital": a name that locates rather than acts."""
    token = phrase_head(s.doc[i])
    return token.dep_ == "pobj" and token.head.lower_ in s.grammar.location_preps


def locative(s: Sentence, i: int) -> bool:
    """ "in Moscow", "at a ceremony in Doha", "travelled to Kabul": a name that says where, though it may
    also stand for its state elsewhere in the clause."""
    token = s.doc[i]
    while token.head.i in s.places and token.head.i != token.i:  # the head of a name of several words
        token = token.head
    # the name heads the phrase itself: "the Taliban-Beijing dynamic" is no venue of its own
    prep = token.head
    return token.dep_ == "pobj" and (prep.lower_ in s.grammar.location_preps
                                     or (prep.lower_ == "to" and prep.head.lemma_ in s.grammar.travel_verbs))


def located_in(s: Sentence, phrase: Token, own: set[str]) -> list[Actor]:
    """ "in Kunduz", "in the Khatlon region": the state a province or city named in the phrase lies in."""
    for token in phrase.subtree:
        if token.i in s.located and s.located[token.i] not in own:
            return [Actor(s.located[token.i], token.i, 0.8)]
    return []


def purpose(verb: Token) -> bool:
    """ "to bring the two sides back": an infinitive of purpose, part of the clause it serves."""
    return verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def place_of(s: Sentence, token: Token) -> str | None:
    """Where the trigger's event happened, the nearest first: its own phrase, then the sentence, then the
    dateline's city. In a phrase a province or city, or a state or capital that names no actor there, comes
    before a capital named where something happens ("talks in Moscow", "flew to Doha"), which may act there
    too; a state or capital that only acts is never a place, and a dateline's state ("ISLAMABAD, Pakistan")
    is not where."""
    specific = {i for i in s.located.keys() | s.places if i not in s.codes and i not in s.dateline}
    venues = {i for i in s.places - s.state_names if locative(s, i)}
    for scope in (token, s.sent.root):
        subtree = {t.i for t in scope.subtree}
        for named in (specific, venues):
            chosen = next((run for run in _runs(named) if subtree.intersection(run)), None)
            if chosen:
                return s.doc[chosen[0]: chosen[-1] + 1].text
    return s.doc[s.dateline_place.start: s.dateline_place.stop].text if s.dateline_place else None


def _runs(tokens: set[int]) -> list[list[int]]:
    """The tokens grouped into names: the tokens of one name are consecutive."""
    runs: list[list[int]] = []
    for i in sorted(tokens):
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def main_state(s: Sentence, token: Token, others_than: Set[str] | None = None) -> list[Actor]:
    """The state the article names most, counting this sentence's names before `token`: what "the
    country" stands for where no subject or description says otherwise. Not `others_than` (by default,
    the subject of the clause: "Washington withdrew its troops from the country")."""
    counts = s.discourse.mentions + Counter(s.codes[i] for i in s.codes if i < token.i)
    if others_than is None:
        clause = next((v for v in token.ancestors if any(c.dep_ in SUBJECTS for c in v.children)), None)
        others_than = {s.codes[t.i] for c in (clause.children if clause is not None else ())
                       if c.dep_ in SUBJECTS for t in c.subtree if t.i in s.codes}
    states = [(n, code) for code, n in counts.items() if code in s.states and code not in others_than]
    return [Actor(max(states)[1], token.i, 0.6)] if states else []


def possessed_act(s: Sentence, head: Token) -> bool:
    """ "the withdrawal of US forces and the Taliban's return": a happening conjoined to a common noun is
    no party of the phrase, though its possessor is an actor; a body ("Iran's envoys") is."""
    grammar = s.grammar
    bodies = grammar.institution_heads | grammar.state_agent_heads | grammar.definite_heads \
        | grammar.seated_heads | grammar.force_heads | grammar.group_heads | grammar.country_heads
    first = head.head
    return head.pos_ == first.pos_ == "NOUN" and head.lemma_.lower() not in bodies | {first.lemma_.lower()} \
        and first.i not in s.codes and any(c.dep_ == "poss" and c.i in s.codes for c in head.children)
