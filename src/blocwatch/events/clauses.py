"""Where a word stands in its clause: the words governing it up to the clause's main verb, the verb of
saying that reports the clause, and the verb whose subject does a nominal event.

Reads: the parse and the grammar's word lists. Writes: nothing. Every pass may ask these, so this
module asks no pass anything back.
"""

from __future__ import annotations

from spacy.tokens import Token

from blocwatch.events import repair
from blocwatch.events.sentence import CLAUSE_EDGE, Sentence

_CLIMB = ("xcomp", "pcomp", "acomp", "advcl", "prep", "dobj", "pobj", "attr", "oprd", "appos", "acl", "amod",
          "compound", "ccomp", "relcl", "dative", "npadvmod", "nmod", "poss", "agent", "dep")


def chain(s: Sentence, token: Token) -> list[Token]:
    """The trigger and the words that govern it up to its clause's main verb."""
    path = [token]
    if token.dep_ in ("nsubj", "nsubjpass", "csubj") and token.head.i != token.i:
        path.append(token.head)  # "recognition would come", "recognising X was not on the agenda"
    while (path[-1].dep_ in _CLIMB or _coordinated_complement(path[-1])) and path[-1].dep_ not in CLAUSE_EDGE \
            and path[-1].head.i != path[-1].i and not time_adjunct(s, path[-1]):
        path.append(path[-1].head)
        if path[-1].pos_ in ("VERB", "AUX") and path[-2].dep_ not in ("xcomp", "pcomp", "prep", "pobj", "acomp",
                                                                        "dobj", "conj", "attr", "oprd"):
            break
        if len(path) > 8:
            break
    return path


def _coordinated_complement(token: Token) -> bool:
    """ "pressed X to keep its promises and sever ties": the second verb shares the first one's frame;
    "did not sign a transit or a trade deal": a coordinated noun, its first conjunct's governor."""
    nominal = token.pos_ in ("NOUN", "PROPN") and token.head.pos_ in ("NOUN", "PROPN")
    return token.dep_ == "conj" and (token.head.dep_ in ("xcomp", "ccomp", "pcomp") or nominal)


def time_adjunct(s: Sentence, token: Token) -> bool:
    """ "after two days of talks", "during the visit": a time adjunct is an event of its own, which the
    verb it hangs on neither hedges nor negates."""
    return token.dep_ == "prep" and token.lower_ in s.grammar.adjunct_preps


def speech_verb(s: Sentence, chain: list[Token]) -> Token | None:
    """The verb of saying that reports a clause, if one does."""
    top = chain[-1]
    speech = s.grammar.speech_verbs
    if top.dep_ in ("ccomp", "parataxis") and top.head.lemma_ in speech:
        return top.head
    return next((child for child in top.children
                 if child.dep_ in ("parataxis", "ccomp") and child.lemma_ in speech), None) \
        or next((t for t in top.subtree if repair.attribution_as_relative(s.grammar, t)), None)


def governing_verb(s: Sentence, noun: Token) -> Token | None:
    """The verb whose subject does a nominal event: a light verb it is the object of ("extend
    recognition", "voiced backing"), or the verb of the clause it frames ("In a call with
    Blinken, Wang said")."""
    grammar = s.grammar
    token = noun
    for _ in range(4):
        if token.dep_ not in ("dobj", "pobj", "attr", "prep", "nsubjpass", "oprd", "conj", "appos"):
            return None
        child, token = token, token.head
        if token.lemma_.lower() in grammar.reaction_nouns:
            return None  # "expressed shock at the attack": the one shocked did not attack
        if token.pos_ in ("VERB", "AUX"):
            if any(c.dep_ == "dobj" and c.lemma_.lower() in grammar.reaction_nouns for c in token.children):
                return None  # "voiced dismay at the shelling", the phrase hung on the verb
            # "In a call with Blinken, Wang said", "at a meeting in Moscow, X said"; not "despite appeals
            # from the UN, Pakistan began", which are others' acts
            adjunct = child.dep_ == "prep" and child.lower_ in grammar.framing_preps and noun.dep_ == "pobj" \
                and noun.head.i == child.i
            if token.lemma_ in grammar.light_verbs or token.pos_ == "AUX" or adjunct:
                return token
            return None
    return None


def deontic(s: Sentence, clause: Token) -> bool:
    """ "Kabul must release the water", "Kabul would have to release it": the clause says what its
    subject is bound to do, not what will befall it."""
    if any(c.dep_ == "aux" and c.lower_ in s.grammar.obligation for c in clause.children):
        return True
    return clause.lemma_.lower() in s.grammar.obliging_verbs and any(c.dep_ == "xcomp" for c in clause.children)


def bound_subject_clause(s: Sentence, clause: Token) -> bool:
    """A clause whose pronoun subject stands for the subject above it: a report ("X said it would"), a
    concession ("X has not recognised them, though it accepted their envoy"), or a relative clause, whose
    subject is not its antecedent ("the Taliban, whose government it has not recognised")."""
    return clause.dep_ in ("ccomp", "relcl") or clause.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ in s.grammar.concessive_marks for m in clause.children)
