"""Noun phrases to actors: which actors a phrase stands for, whatever role it fills.

Reads: the parse, the actors placed on tokens (`Sentence.codes`), pair phrases ("the two sides"), and
through `discourse` the referents of pronouns and descriptions.
Writes: nothing; returns `Actor`s.

Phrases, arguments and discourse call one another because the grammar does: a pronoun's referent
is the subject of a clause, and a subject is a phrase.
"""

from __future__ import annotations

from collections.abc import Set

from spacy.tokens import Token

from blocwatch.events import discourse
from blocwatch.events.sentence import Actor, Sentence, definite, is_place, unique

_MODIFIERS = ("poss", "compound", "amod", "nmod", "nummod", "npadvmod")
_MODIFIER_ORDER = {"poss": 0, "compound": 1, "nmod": 2, "appos": 3, "amod": 4}


def actors_of(s: Sentence, token: Token, depth: int = 0) -> list[Actor]:
    """The actors a noun phrase stands for, with its conjuncts ("Turkey, Qatar and Oman")
    and its companions ("Qatar, like Turkey and Egypt, ...")."""
    found = []
    for head in (token, *token.conjuncts):
        found += head_actors(s, head, depth)
        # "Dar and his host, Amir Khan Muttaqi": a name in apposition to a coordination adds its actor
        found += [Actor(s.codes[c.i], c.i) for c in head.children if c.dep_ == "appos" and c.i in s.codes]
    if found and depth == 0 and token.dep_ in ("nsubj", "nsubjpass"):
        found = listed_before(s, token) + found
    if found and depth == 0 and token.dep_ != "pobj":  # "support for the regime with the minister": no companion
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in s.grammar.companion_preps:
                found += [a for p in child.children if p.dep_ == "pobj" for a in actors_of(s, p, 1)]
    return unique(found)


def listed_before(s: Sentence, subject: Token) -> list[Actor]:
    """ "..., Turkey, Qatar, and Oman have held back": names the parser hung on an earlier phrase."""
    separators = s.grammar.list_separators
    doc = s.doc
    listed: list[Actor] = []
    i = subject.i - 1
    while i > s.sent.start and doc[i].lower_ in separators:
        i -= 1
        while i >= s.sent.start and doc[i].lower_ in separators:
            i -= 1
        if i < s.sent.start or i not in s.codes or doc[i].dep_ == "pobj":
            break  # "trade with the Taliban, Turkey, Qatar and Oman": the list starts after the phrase
        code = s.codes[i]
        while i > s.sent.start and s.codes.get(i - 1) == code:
            i -= 1  # the start of a multi-word name
        listed.insert(0, Actor(code, i, 0.9))
        i -= 1
    # "Raisi and Prime Minister Shehbaz Sharif signed", with "Raisi" read as a modifier of the title
    own = s.codes.get(subject.i)
    listed += [Actor(s.codes[t.i], t.i, 0.9) for t in subject.subtree
               if t.i < subject.i and t.i in s.codes and s.codes[t.i] != own
               and doc[t.i + 1].lower_ in s.grammar.list_joiners and t.dep_ not in ("pobj", "poss")]
    return listed


def head_actors(s: Sentence, token: Token, depth: int) -> list[Actor]:
    """The actors of one head noun, without its conjuncts: its name, its pair phrase, its referent, its
    modifiers ("Hungarian officials"), its agent or its prepositional phrase ("envoys from Russia")."""
    grammar = s.grammar
    if token.i in s.codes:
        return [Actor(s.codes[token.i], token.i)]
    if depth > 6:  # guards the pronoun -> clause subject -> pronoun cycle
        return []
    if token.i in s.pairs:
        return [Actor(code, token.i, 0.8) for code in s.pairs[token.i]]
    if token.pos_ == "PRON" or token.lower_ in grammar.plural_pronouns | grammar.singular_pronouns:
        return discourse.referents(s, token, depth)
    if token.lemma_.lower() in grammar.non_actor_heads:
        return []
    if excepted(s, token) and any(d.dep_ == "det" and d.lower_ in grammar.negating_dets for d in token.children):
        # "no SCO member except Russia": the exception alone acts
        return [a for c in token.children if c.lower_ in grammar.exceptions and c.dep_ == "prep"
                for p in c.children if p.dep_ == "pobj" for a in actors_of(s, p, depth + 1)]
    relational = token.lemma_.lower() in grammar.relational_heads
    for child in sorted(token.children, key=lambda c: _MODIFIER_ORDER.get(c.dep_, 9)):
        if child.dep_ == "poss" and relational:
            continue  # "Pakistan's neighbours", "Russia's allies": others than the possessor
        if child.i in s.places and child.i not in s.state_names and token.lemma_.lower() in grammar.place_named_heads:
            continue  # "the Doha Agreement", "the Tashkent declaration": where it was signed
        if child.dep_ in _MODIFIERS or child.dep_ == "appos":
            found = actors_of(s, child, depth + 1)  # "Kazakh and Uzbek officials"
            if found:
                return found
    for child in token.children:  # "the credentials presented by Karimi"
        if child.dep_ == "acl":
            found = agent_actors(s, child, depth + 1)
            if found:
                return found
    # "the administration in Kabul": a government is named by its seat, even where the parser
    # hung "in Kabul" on the verb ("recognised the government in Kabul")
    seated = token.lemma_.lower() in grammar.seated_heads
    np_preps = [p for p in grammar.np_preps if seated or p not in grammar.seat_preps]
    phrases = list(token.children) + [c for c in token.head.children if seated and c.i == token.right_edge.i + 1]
    preps = sorted((c for c in phrases if c.dep_ == "prep" and c.lower_ in np_preps),
                   key=lambda c: np_preps.index(c.lower_))
    for prep in preps:  # "a violation of its airspace by the air force": the by-phrase names the doer
        for grandchild in prep.children:
            # "gunmen from the BLA" are the group's, "envoys" or "troops from Russia" the state's;
            # "militants from Afghanistan" are not the state's
            if grandchild.dep_ == "pobj" and not (prep.lower_ == "from" and is_place(s, grandchild)
                                                  and token.lemma_.lower() not in grammar.state_agent_heads):
                found = actors_of(s, grandchild, depth + 1)
                if found:
                    return found
    if token.lemma_.lower() in grammar.document_heads:
        found = author(s, token, depth)
        if found:
            return found
    if token.dep_ == "pobj" and token.tag_ == "NN" and token.lemma_.lower() in grammar.country_heads \
            and all(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        # "their pullout from the country": the state the article is about, the one it names most
        return discourse.main_state(s, token)
    # "the group's government", "pressed the council to ease the sanctions": the actor last named so;
    # not "the same group" or "another group", which point past the latest one
    described = discourse.described_before(s, token)
    if described and definite(s, token) and not any(c.lower_ in grammar.contrastive_modifiers
                                                    for c in token.children):
        return [Actor(described, token.i, 0.75)]
    return []


def author(s: Sentence, document: Token, depth: int) -> list[Actor]:
    """ "The council adopted a resolution that demands ...": a text speaks for whoever adopted, issued or
    signed it, the subject of the verb it is the object of."""
    verb = document.head
    if document.dep_ != "dobj" or verb.lemma_.lower() not in s.grammar.authoring_verbs:
        return []
    return [a for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for a in actors_of(s, c, depth + 1)]


def agent_actors(s: Sentence, participle: Token, depth: int = 0) -> list[Actor]:
    """The actors of a participle's by-phrase: "the credentials presented *by Karimi*"."""
    for agent in participle.children:
        if agent.dep_ == "agent":
            found = [a for p in agent.children if p.dep_ == "pobj" for a in actors_of(s, p, depth)]
            if found:
                return found
    return []


def excepted(s: Sentence, token: Token) -> bool:
    """ "no country but Russia", "no member except Russia": a negative group with its exception."""
    return any(c.dep_ in ("cc", "prep") and c.lower_ in s.grammar.exceptions for c in token.children)


def prep_actors(s: Sentence, head: Token, preps: Set[str]) -> list[Actor]:
    """The actors of the first of `head`'s prepositional phrases with one of `preps` that names any."""
    for child in head.children:
        if child.dep_ in ("prep", "prt", "agent", "dative") and child.lower_ in preps and child.lower_ != "by":
            for pobj in child.children:
                if pobj.dep_ in ("pobj", "pcomp"):
                    # "sought guarantees from Kabul": the actor sits one phrase deeper
                    found = actors_of(s, pobj) or prep_actors(s, pobj, preps - {"of"})
                    if found:
                        return found
        if child.dep_ in ("prt", "prep", "advmod") and child.lower_ in s.grammar.away_particles:
            found = prep_actors(s, child, preps)  # "moved out of Syria"
            if found:
                return found
    return []
