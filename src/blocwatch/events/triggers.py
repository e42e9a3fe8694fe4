"""Pass 1: lexicon matches. Which words of a sentence signal an event, and with which lexicon entry.

Reads: a token, its lemma and part of speech, and the words around it that an entry may require
(an object, a particle, a predicate).
Writes: the entry chosen; the object words an entry needed are marked used up (`Sentence.consumed`),
so "signed a *deal*" codes one event, not two.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from blocwatch.events import repair
from blocwatch.events.lexicon import Trigger
from blocwatch.events.sentence import Candidate, Sentence, purpose
from blocwatch.nlp import calendar_spans


def match(s: Sentence, token: Token) -> Trigger | None:
    """The most specific lexicon entry whose constraints this token meets."""
    lexicon = s.lexicon
    lemma, form = token.lemma_.lower(), token.lower_
    if lemma not in lexicon.words and form not in lexicon.words:
        return None
    pos = "VERB" if repair.verb_after_auxiliary(s.grammar, token) else token.pos_
    for entry in lexicon.lookup(lemma, pos) or lexicon.lookup(form, pos):
        if entry.objects and not _object_matches(s, token, entry.objects, deep=False):
            continue
        if entry.objects_any and not _object_matches(s, token, entry.objects_any, deep=True):
            continue
        if entry.people_object and not _people_object(s, token):
            continue
        if entry.particle and not has_particle(token, {entry.particle}):
            continue
        if entry.particle_any and not has_particle(token, entry.particle_any):
            continue
        predicate = any(c.dep_ in ("oprd", "ccomp", "xcomp") for c in token.children)
        if entry.needs_predicate and not predicate:
            continue
        if entry.needs_object and not _object_first(token):
            continue
        if entry.light_verb_only and not (token.dep_ == "dobj" and token.head.lemma_ in s.grammar.light_verbs):
            continue
        if entry.no_predicate and (predicate or any(c.dep_ == "advcl" and purpose(c) for c in token.children)):
            continue  # "called on officials to hand over": a request, however the infinitive is parsed
        return entry
    return None


def _object_matches(s: Sentence, token: Token, lemmas: frozenset[str], *, deep: bool) -> bool:
    if deep:
        return any(_forms(t) & lemmas for t in token.subtree if t.i != token.i)
    # "granted Muttaqi an exemption" may be parsed with the exemption under the person
    children = list(token.children) + [c for d in token.children if d.dep_ == "dative"
                                       for c in d.children if c.dep_ == "dobj"]
    for child in children:
        # "accepted Hassan *as* ambassador": the role the object is taken in
        if child.dep_ in ("dobj", "nsubjpass", "attr") or (child.dep_ == "prep" and child.lower_ in ("of", "as")):
            heads = [child] if child.dep_ != "prep" else [c for c in child.children if c.dep_ == "pobj"]
            # "sent 50,000 tonnes of wheat", "a consignment of vaccines": what the measure is of
            heads += [p for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
                      for p in c.children if p.dep_ == "pobj"]
            for head in heads:
                if _forms(head) & lemmas:
                    s.consumed.add(head.i)
                    return True
                if any(c.dep_ == "conj" and c.lemma_.lower() in lemmas for c in head.children):
                    return True
    return False


def _object_first(verb: Token) -> bool:
    """ "warned Moscow of a plot": a direct object before the verb's prepositional phrases; one after them
    is a misparse of the phrase's end ("warned of a threat posed by IS-K.")."""
    phrases = [c.i for c in verb.children if c.dep_ == "prep"]
    return any(c.dep_ in ("dobj", "dative") and c.i < min(phrases, default=c.i + 1) for c in verb.children)


def _people_object(s: Sentence, token: Token) -> bool:
    """ "hosts four million Afghans", "shelters Afghan refugees": people, named by a plural demonym or a
    word for people (the head of its object, or what a measure is of: "millions of Afghans")."""
    objects = [c for c in token.children if c.dep_ == "dobj"]
    objects += [p for o in objects for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
    return any(o.lemma_.lower() in s.grammar.people_heads or o.i in s.codes and o.tag_ in ("NNS", "NNPS")
               and o.i not in s.institutions | s.places for o in objects)


def _forms(token: Token) -> set[str]:
    """The word and its lemma as the lexicon writes them: "d’affaires" with a typographer's apostrophe is
    "d'affaires"."""
    return {form.replace("\u2019", "'") for form in (token.lemma_.lower(), token.lower_)}


def has_particle(verb: Token, words: Iterable[str]) -> bool:
    """ "called on Kabul", "called for talks"; not "called Putin on Saturday", where "on" opens a date."""
    particles = [c for c in verb.children if c.dep_ in ("prt", "prep") and c.lower_ in words]
    if not particles:
        return False
    times = [span for label in ("DATE", "TIME") for span in calendar_spans(verb.doc, label)]
    return any(not any(span.start <= p.i < span.end for p in c.children for span in times) for c in particles)


def is_attack(s: Sentence, token: Token) -> bool:
    """Whether the word is an attack in the lexicon ("the bombing", "strikes")."""
    return attack_entry(s, token) is not None


def attack_entry(s: Sentence, token: Token) -> Trigger | None:
    """The word's lexicon entry when it is an attack ("the bombing", "strikes"), else None."""
    entry = match(s, token)
    return entry if entry is not None and entry.type == "ASSAULT" else None


def attack_framed(s: Sentence, noun: Token) -> bool:
    """ "condemned Pakistan's air strikes": an attack named as the object of another kind of event is an
    event of its own, though only with a doer named in its own phrase."""
    head, entry = noun.head, match(s, noun)
    if entry is None or entry.type != "ASSAULT" or noun.dep_ not in ("dobj", "nsubjpass"):
        return False
    framing = match(s, head)
    return framing is not None and framing.type != "ASSAULT"


def reacted_to(s: Sentence, noun: Token) -> bool:
    """ "outrage at the bombing", "condolences over the attack": an event named as what a reaction is to."""
    head = noun
    for _ in range(3):
        if head.dep_ not in ("pobj", "prep") or head.head.i == head.i:
            return False
        head = head.head
        if head.lemma_.lower() in s.grammar.reaction_nouns or any(
                c.dep_ == "dobj" and c.lemma_.lower() in s.grammar.reaction_nouns for c in head.children):
            return True  # "outrage at the bombing", or "voiced dismay | at the shelling" as parsed
    return False


def topic_of_another(s: Sentence, noun: Token) -> bool:
    """ "talks on transit agreements", "a meeting about the ceasefire": what another event is about."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in s.grammar.topic_preps or prep.head.i == prep.i:
        return False
    about = prep.head
    return about.lemma_.lower() in s.grammar.meeting_nouns or match(s, about) is not None


def own_event(s: Sentence, c: Candidate) -> str | None:
    """Drop a noun that is the object of another trigger ("signed a deal"): it adds nothing of its own."""
    noun = c.token
    if not c.is_noun:
        return None
    if topic_of_another(s, noun):
        return f"the topic of {noun.head.head.text!r}"
    head = noun.head
    if noun.dep_ not in ("dobj", "nsubjpass") or head.pos_ != "VERB" or head.lemma_ in s.grammar.light_verbs:
        return None
    # "condemned Pakistan's air strikes": the strikes are an event of their own
    if match(s, head) is not None and not attack_framed(s, noun):
        return f"the object of the event verb {head.text!r}"
    return None
