"""Noun phrases to actors: which actors a phrase stands for, whatever role it fills.

Reads: the parse, the actors placed on tokens (`Sentence.codes`) and pair phrases ("the two sides"); where a
phrase names no actor of its own, `antecedents` for the actors named before it (the article's `Discourse`).
Writes: nothing; returns `Actor`s.

A verb's subject, a reported speaker and a pronoun's referent are read here too, as the grammar is recursive
(a pronoun's referent is a clause's subject, a subject is a phrase): kept in one module, the recursion asks no
pass anything; the passes (arguments, targets, parties, polarity, discourse) ask this, and it asks `clauses`
and `antecedents`, which resolve no phrase themselves.
"""

from __future__ import annotations

from collections.abc import Set

from spacy.tokens import Token

from blocwatch.events import antecedents, clauses, repair
from blocwatch.events.sentence import (
    SUBJECTS,
    Actor,
    Sentence,
    definite,
    is_place,
    main_state,
    one_person,
    personal,
    possessed_act,
    purpose,
    unique,
)

_MODIFIERS = ("poss", "compound", "amod", "nmod", "nummod", "npadvmod")
_MODIFIER_ORDER = {"poss": 0, "compound": 1, "nmod": 2, "appos": 3, "amod": 4}


def actors_of(s: Sentence, token: Token, depth: int = 0) -> list[Actor]:
    """The actors a noun phrase stands for, with its conjuncts ("Turkey, Qatar and Oman")
    and its companions ("Qatar, like Turkey and Egypt, ...")."""
    found = []
    for head in (token, *(c for c in token.conjuncts if not possessed_act(s, c))):
        found += head_actors(s, head, depth)
        # "Dar and his host, Amir Khan Muttaqi": a name in apposition to a coordination adds its actor
        found += [Actor(s.codes[c.i], c.i) for c in head.children if c.dep_ == "appos" and c.i in s.codes]
    if found and depth == 0 and token.dep_ in ("nsubj", "nsubjpass"):
        found = antecedents.listed_before(s, token) + found
    if found and depth == 0 and token.dep_ != "pobj":  # "support for the regime with the minister": no companion
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in s.grammar.companion_preps:
                found += [a for p in child.children if p.dep_ == "pobj" for a in actors_of(s, p, 1)]
    return unique(found)


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
        return referents(s, token, depth)
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
    # a government or forces named by their seat: "the administration in Kabul" (even where the parser hung
    # "in Kabul" on the verb: "recognised the government in Kabul"), "security forces in Guinea"
    seated = token.lemma_.lower() in grammar.seated_heads
    np_preps = [p for p in grammar.np_preps if seated or token.lemma_.lower() in grammar.force_heads
                or p not in grammar.seat_preps]
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
        return main_state(s, token)
    # "the group's government", "pressed the council to ease the sanctions": the actor last named so;
    # not "the same group" or "another group", which point past the latest one
    described = antecedents.described_before(s, token)
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


def subject_of(s: Sentence, verb: Token, depth: int = 0) -> tuple[list[Actor], bool]:
    """Actors of a verb's subject, climbing through xcomp/conj chains.

    Returns:
        The actors and whether a grammatical subject was found at all (an expert's or a
        bomber's subject blocks guessing a source from nearby words).
    """
    grammar = s.grammar
    # "DOHA - X and Y signed": a dateline parsed as a subject is tried last
    labels = ("nsubj", "csubj", "nsubjpass") if repair.stative(grammar, verb) else ("nsubj", "csubj")
    subjects = sorted((c for c in verb.children if c.dep_ in labels), key=lambda c: c.i in s.dateline)
    for child in subjects:
        if child.lower_ in grammar.partitive_negators or child.lower_ in grammar.relative_pronouns \
                and verb.dep_ != "relcl":
            return partitive(s, child), True
        if child.lemma_.lower() in grammar.non_actor_heads:
            return [], False  # an analyst's words: the state they speak of is named elsewhere
        found = actors_of(s, child) or antecedents.latest_subject_described(s, child) \
            or _reported_forces(s, child, verb)
        if found or child.i == subjects[-1].i:
            return found, True
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return actors_of(s, pobj), True
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return [], False
    if depth > 4 or verb.dep_ == "ROOT":
        return [], False
    head = verb.head
    # "pressed Iran and India to expand", the infinitive sometimes parsed as a clause of purpose
    # (but "called Putin to offer condolences" is the caller's purpose)
    if head.lemma_ in grammar.object_control_verbs and (
            verb.dep_ == "xcomp" or purpose(verb) and head.lemma_ in grammar.pushing_verbs):
        for child in head.children:
            if child.dep_ in ("dobj", "dative"):
                return actors_of(s, child), True
    if verb.dep_ == "conj" and head.dep_ == "ccomp":
        found, has_subject = subject_of(s, head, depth + 1)
        # "officials said two attackers were Pakistanis and accused Islamabad": the parser may hang
        # the speakers' second verb on what they said
        return (found, has_subject) if found else subject_of(s, head.head, depth + 1)
    if repair.participle_as_modifier(verb) and verb.dep_ != "acl":
        return [], False  # "attended the meeting as invited parties": whoever invited them is unnamed
    if verb.dep_ in ("xcomp", "conj", "advcl", "acomp", "ccomp") or repair.via_adverb(verb):
        return subject_of(s, head, depth + 1)
    if verb.dep_ == "pcomp" and head.lower_ in grammar.doer_object_preps:
        # "blacklisted three firms for supplying it", "thanked Russia for hosting": the object does it
        objects = [c for c in head.head.children if c.dep_ == "dobj"]
        if objects:
            return actors_of(s, objects[0]), True
    if verb.dep_ == "pcomp" or (verb.dep_ == "pobj" and head.dep_ == "prep"):
        return subject_of(s, head.head, depth + 1)
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return [], False  # "a commander accused of planning the bombing": the commander is accused, not accuser
    if verb.dep_ in ("acl", "relcl"):
        found = actors_of(s, head, 1)
        if not found and head.dep_ in ("attr", "oprd") and any(c.dep_ == "aux" and c.lower_ == "to"
                                                                for c in verb.children):
            return subject_of(s, head.head, depth + 1)  # "X became the first state to recognise": X does
        return found, bool(found)
    return [], False


def _reported_forces(s: Sentence, subject: Token, verb: Token) -> list[Actor]:
    """ "Pakistani officials said security forces killed two commanders": unnamed forces are the speaker's,
    where the speaker is a state (a rights group speaks of others' forces)."""
    if subject.lemma_.lower() not in s.grammar.force_heads:
        return []
    return [Actor(a.code, subject.i, 0.7) for a in speaker(s, clauses.chain(s, verb)) if a.code in s.states]


def speaker(s: Sentence, chain: list[Token]) -> list[Actor]:
    """The actor whose words a clause reports ("Lavrov stated, '...'")."""
    verb = clauses.speech_verb(s, chain)
    if verb is None:
        return []
    return subject_of(s, verb)[0] or _title_before(s, verb)


def _title_before(s: Sentence, verb: Token) -> list[Actor]:
    """ "..., the Norwegian foreign minister, Jane Doe, said": a speaker named by a person the
    gazetteer does not know, whose title stands before the name (the parser often hangs the title
    on the quoted clause)."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"), None)
    if subject is None or subject.left_edge.i - 2 < s.sent.start or s.doc[subject.left_edge.i - 1].text != ",":
        return []
    end = s.doc[subject.left_edge.i - 2]
    title = next((t for t in [end, *end.ancestors] if t.pos_ == "NOUN" and t.right_edge.i == end.i
                  and t.lemma_.lower() in s.grammar.speaker_titles), None)
    return actors_of(s, title) if title is not None else []


def referents(s: Sentence, pronoun: Token, depth: int) -> list[Actor]:
    """What a pronoun stands for: a relative's antecedent, the subject of its own or a coordinated clause, a name
    before it outside a phrase ("with Afghan officials, we ..., she said"), else the previous sentence's subjects."""
    grammar = s.grammar
    lower = pronoun.lower_
    if lower in grammar.first_person_pronouns:  # "'we ask Moscow to ...,' the minister said": the speaker's side
        root = s.sent.root
        found = subject_of(s, root, depth + 1)[0] if root.lemma_ in grammar.speech_verbs else []
        return [Actor(a.code, pronoun.i, 0.8) for a in found]
    if lower in grammar.relative_pronouns and pronoun.head.dep_ == "relcl":
        antecedent = pronoun.head.head
        # "... in the Afghan capital, which killed ...": a place does not kill; but "migrants in Iran,
        # which deported ...": a state does
        if antecedent.dep_ == "pobj" and antecedent.head.lower_ in grammar.location_preps \
                and antecedent.i not in s.state_names:
            return []
        # "Western states, which pulled out, ..., Russia and China kept theirs": later names are not in it
        return [a for a in actors_of(s, antecedent, depth + 1) if a.token < pronoun.i]
    if pronoun.dep_ == "nsubj" and pronoun.head.dep_ == "conj" and pronoun.head.head.pos_ in ("VERB", "AUX"):
        # "Beijing has yet to recognise the Taliban, but it has accepted ...": the first clause's subject
        first, _ = subject_of(s, pronoun.head.head, depth + 1)
        if first and (lower in grammar.plural_pronouns) == (len({a.code for a in first}) > 1):
            return [Actor(a.code, pronoun.i, 0.85) for a in first]
    if pronoun.dep_ == "poss" or (pronoun.dep_ == "nsubj" and clauses.bound_subject_clause(s, pronoun.head)):
        # "their partnership": the clause's subject; "X said it carried out": the speaker
        bound = _clause_subject(s, pronoun, depth)
        # "Beijing has deepened ties with the Taliban despite not recognising their government", "Dar said
        # they would ...": a plural pronoun does not stand for one singular name, nor for one person
        singular = len(bound) == 1 and bound[0].token in s.places or one_person(s, bound)
        if bound and not (lower in grammar.plural_pronouns and singular):
            return [Actor(a.code, pronoun.i, 0.85) for a in bound]
    return antecedents.named_before(s, pronoun)


def _clause_subject(s: Sentence, pronoun: Token, depth: int) -> list[Actor]:
    """The actors of the nearest subject above a possessive pronoun, outside the pronoun's own phrase."""
    inside = {t.i for t in pronoun.head.subtree} if pronoun.dep_ == "poss" else {pronoun.i}
    for ancestor in pronoun.ancestors:
        if ancestor.pos_ not in ("VERB", "AUX"):
            continue
        if ancestor.dep_ == "acl" and not any(c.dep_ in SUBJECTS for c in ancestor.children):
            # "the decision by Pakistan and Afghanistan to upgrade their ties": the noun's doer
            found = head_actors(s, ancestor.head, depth + 1)
            if found:
                return found
        for child in ancestor.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i not in inside and child.i < pronoun.i \
                    and pronoun.i not in {t.i for t in child.subtree}:
                found = actors_of(s, child, depth + 1)
                if personal(s, pronoun) and is_place(s, child):
                    continue
                found = unique(antecedents.listed_before(s, child) + found) if found else found
                if found:
                    return found
    return []


def partitive(s: Sentence, subject: Token) -> list[Actor]:
    """ "None of them", "none of the four": the group named before."""
    for child in subject.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            groups = [pobj for pobj in child.children if pobj.dep_ == "pobj"]
            found = [a for pobj in groups for a in actors_of(s, pobj)]
            named = any(pobj.pos_ == "NOUN" and not any(d.lower_ in s.grammar.anaphoric_dets for d in pobj.children)
                        for pobj in groups)
            if found or named:
                return found  # "none of the Central Asian states": a group not named, so nobody
            doers = [a.code for t in s.sent if t.i < subject.i and t.dep_ in ("nsubj", "nsubjpass")
                     for a in actors_of(s, t)]
            return antecedents.group_before(s, subject, doers)  # "none of them", "none of these countries"
    return []
