"""Fellow doers: the others a sentence says did the same before, or with, the subject.

"Oman became the second country, after Qatar, to sign the pact", "Oman signed the pact, becoming the
second country after Qatar to do so" and "Oman was one of three states, with Qatar and Kuwait, to sign
the pact" each tell that Qatar (and Kuwait) did it too: the one act is coded for each of them.

Reads: the trigger, the be/become clause that ranks its subject ("the second country", "one of three
states") and the actors named in that rank after a preposition of company ("after", "with").
Writes: adds those actors to `Candidate.sources`.
"""

from __future__ import annotations

from spacy.tokens import Token

from blocwatch.events.sentence import Actor, Candidate, Sentence, unique

# "do so": the act of the clause the ranking hangs on
_PROXY, _PROXY_ADVERB = "do", "so"


def also_did(s: Sentence, c: Candidate) -> str | None:
    """Add the actors the ranking of the trigger's subject names as having done the act too."""
    if c.is_noun or not c.sources:
        return None
    own = {a.code for a in c.sources}
    fellows = [a for rank, verb in _rankings(s, c.token) for a in _named_in(s, rank, verb) if a.code not in own]
    c.sources = unique(c.sources + fellows)
    return None


def _rankings(s: Sentence, trigger: Token) -> list[tuple[Token, Token]]:
    """(the ranking noun, the infinitive it ranks by) for the trigger: "the second country ... to
    accept" with the trigger as that infinitive, or "..., becoming the second country ... to do so"
    hanging on the trigger."""
    found = []
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children):
        rank = _rank_noun(s, trigger.head)
        if rank is not None and rank.i < trigger.i:
            found.append((rank, trigger))
    # "X accepted them, officials said, becoming the second ...": the parser may hang the participle on the
    # verb of saying that interrupts the clause it belongs to
    said = trigger.head if trigger.dep_ == "ccomp" and trigger.head.lemma_.lower() in s.grammar.speech_verbs else None
    for clause in [*trigger.children, *(said.children if said is not None else ())]:
        if clause.dep_ in ("advcl", "conj", "xcomp") and clause.lemma_.lower() in s.grammar.ranking_verbs:
            rank = _rank_noun(s, clause)
            proxy = next((t for t in clause.subtree if t.lemma_.lower() == _PROXY
                          and any(a.lower_ == _PROXY_ADVERB for a in t.children)), None)
            if rank is not None and proxy is not None and rank.i < proxy.i:
                found.append((rank, proxy))
    return found


def _rank_noun(s: Sentence, head: Token) -> Token | None:
    """The noun that ranks a subject among others doing the same, "the second country" (an ordinal
    after the first) or "one of three states": the head itself, or the complement of a ranking verb."""
    grammar = s.grammar
    if head.lemma_.lower() in grammar.ranking_verbs:
        nouns = [c for c in head.children if c.dep_ in ("attr", "oprd")]
    else:
        nouns = [head] if head.pos_ in ("NOUN", "NUM") else []
    for noun in nouns:
        if noun.lemma_.lower() in grammar.group_heads and any(
                c.dep_ == "amod" and c.lower_ in grammar.later_ordinals for c in noun.children):
            return noun
        if noun.lower_ == "one":
            groups = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                      if p.dep_ == "pobj" and p.lemma_.lower() in grammar.group_heads]
            if groups:
                return groups[0]
    return None


def _named_in(s: Sentence, rank: Token, verb: Token) -> list[Actor]:
    """The actors between the ranking noun and its infinitive that follow a word of company."""
    found: list[Actor] = []
    company = False
    for token in s.doc[rank.i + 1:verb.i]:
        company = company or token.lower_ in s.grammar.fellow_preps
        if company and token.i in s.codes and (not found or found[-1].code != s.codes[token.i]):
            found.append(Actor(s.codes[token.i], token.i, 0.8))
    return found
