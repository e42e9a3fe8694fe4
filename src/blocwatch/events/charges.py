"""Charges a speaker lays without a word of accusing: "Islamabad said the TTP was behind the attacks",
"said Kabul had failed to keep its promises", "said Pakistan's decision was unacceptable", "said the
bombing was planned in Afghanistan".

Reads: the parse of each clause that a verb of saying reports, the grammar's cue words (culprit
prepositions, failing verbs, censuring adjectives) and the lexicon's conflictual types.
Writes: nothing; returns the speaker's accusations of the one the clause charges, as events of the
whole sentence (there is no trigger word to start from).
"""

from __future__ import annotations

from spacy.tokens import Token

from blocwatch.events import clauses, phrases
from blocwatch.events.sentence import Actor, Coded, Sentence
from blocwatch.plover import coded_as


def reported_charges(s: Sentence) -> list[Coded]:
    """A speaker accuses whom the clause it reports charges, with no word of accusing.

    The charged is the culprit behind a hostile act, the one that failed to do something, the owner of
    what the speaker calls unacceptable, or where an attack was plotted."""
    events = []
    for token in s.sent:
        found = _charged(s, token)
        if found is None:
            continue
        clause, charged = found
        if any(c.dep_ == "neg" or c.lower_ in s.grammar.modals for c in clause.children):
            continue  # "was not behind the attack", "may have been behind it": no charge laid
        entry = s.lexicon.lookup("accuse", "VERB")[0]
        speakers = phrases.speaker(s, clauses.chain(s, clause))
        events += [Coded(token, entry, a.code, t.code, False, *coded_as("reported_charge"), 0.6,
                         tokens=(a.token, t.token)) for a in speakers for t in charged if a.code != t.code]
    return events


def _charged(s: Sentence, token: Token) -> tuple[Token, list[Actor]] | None:
    """The clause that lays a charge at `token`, and whom it charges; None where `token` lays none."""
    grammar = s.grammar
    if token.dep_ == "prep" and token.lower_ in grammar.culprit_preps and token.head.pos_ in ("AUX", "VERB") \
            and any(_hostile(s, t) for t in token.subtree):
        return token.head, phrases.subject_of(s, token.head)[0]  # "the TTP was behind a surge in attacks"
    if token.lemma_.lower() in grammar.failing_verbs and any(c.dep_ == "xcomp" for c in token.children):
        return token, phrases.subject_of(s, token)[0]  # "Kabul had failed to honour its promises"
    if token.lemma_.lower() in grammar.plotting_verbs and any(
            c.dep_ == "nsubjpass" and _hostile(s, c) for c in token.children):
        return token, _plotted_in(s, token)  # "the bombing was planned in X"
    if token.lower_ not in grammar.censure_adjectives:
        return None
    if token.dep_ == "acomp":  # "Pakistan's decision was unacceptable"
        owners = [a for subject in token.head.children if subject.dep_ == "nsubj"
                  for a in _owners(s, subject)]
        return token.head, owners
    if token.dep_ == "amod" and token.head.dep_ == "dobj":  # "they set unacceptable conditions"
        return token.head.head, phrases.subject_of(s, token.head.head)[0]
    return None


def _owners(s: Sentence, noun: Token) -> list[Actor]:
    """Whose the thing judged is: its possessor ("Pakistan's decision"), else the actor it names."""
    owners = [a for c in noun.children if c.dep_ == "poss" for a in phrases.actors_of(s, c)]
    return owners or phrases.actors_of(s, noun)


def _hostile(s: Sentence, token: Token) -> bool:
    """A word of a conflictual event ("attacks", "the bombing"), which a culprit can be behind."""
    return any(e.type in s.lexicon.conflictual for e in s.lexicon.lookup(token.lemma_.lower(), token.pos_))


def _plotted_in(s: Sentence, verb: Token) -> list[Actor]:
    """The first actor of the phrase saying where an act was plotted, however the parser hung its words
    ("planned in neighbouring Afghanistan" is read with "neighbouring" as a verb)."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in s.grammar.plotting_preps):
        found = [Actor(s.codes[t.i], t.i, 0.8) for t in prep.subtree if t.i in s.codes]
        if found:
            return found[:1]
    return []
