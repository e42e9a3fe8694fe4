"""Attacks across sentences: whom an attack hit, who is behind one told before, who claims it.

Reads: the trigger's clause (where the attack's objects lie), and the discourse's attacks awaiting a
claim and who last attacked whom.
Writes: an attack's targets; `Discourse.unclaimed_attacks` (an attack with no attacker named, for a
later claim; emptied when one is claimed); `Sentence.consumed` for a claim's own attack noun.
"""

from __future__ import annotations

from spacy.tokens import Token

from blocwatch.events import clauses, phrases, targets, triggers
from blocwatch.events.sentence import (
    CLAUSE_EDGE,
    SUBJECTS,
    Actor,
    Candidate,
    Coded,
    Sentence,
    definite,
    in_place_phrase,
    located_in,
    place_of,
)
from blocwatch.plover import coded_as


def names_unclaimed_attack(s: Sentence, trigger: Token) -> bool:
    """ "condemned the killing", "called the strikes a violation", "will not leave this aggression
    unanswered": an attack whose doer it leaves out."""
    verb = trigger.head if trigger.pos_ == "ADJ" else trigger
    return any(c.dep_ in ("dobj", "nsubjpass") and not phrases.actors_of(s, c) and (
        triggers.is_attack(s, c) or c.lemma_.lower() in s.grammar.incident_nouns and definite(s, c))
        for c in verb.children)


def attackers(s: Sentence, token: Token, sources: list[Actor]) -> list[Actor]:
    """Who attacked the sources last in the article, else whoever attacked last."""
    discourse = s.discourse
    found = [discourse.attackers.get(a.code) or discourse.last_attacker for a in sources]
    return [Actor(code, token.i, 0.7) for code in dict.fromkeys(found) if code]


def struck_place(s: Sentence, head: Token, sources: list[Actor]) -> list[Actor]:
    """ "strikes on what it called hideouts of separatists in Iran's Sistan province": with no
    target nearer, the state where the attack's objects lie, nearest first, within its clause."""
    own = {a.code for a in sources}
    frontier = [head]
    while frontier:
        # "the bombing that killed 54 people at a rally in Bajaur": a clause on the attack itself says where
        below = [c for t in frontier for c in t.children if c.dep_ != "conj" and (
            c.dep_ not in CLAUSE_EDGE or (c.dep_ == "relcl" and triggers.is_attack(s, t)))]
        for token in below:
            if token.dep_ == "pobj" and token.head.lower_ in s.grammar.location_preps:
                found = [a for a in phrases.actors_of(s, token) if a.code not in own] or located_in(s, token, own)
                if found:
                    return found
        frontier = below
    return []


def attack_clause(s: Sentence, noun: Token) -> Token:
    """Where a nominal attack's place is said: its light verb's clause ("carried out strikes on ..."),
    or for "..., an attack claimed by IS" the clause the apposition sums up."""
    governor = clauses.governing_verb(s, noun)
    if governor is not None:
        return governor
    if noun.dep_ in ("appos", "npadvmod"):
        return next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), noun)
    return noun


def victims(s: Sentence, token: Token) -> list[Actor]:
    """Whom an attack with an unnamed attacker hit: the actors in its clause ("a vehicle carrying
    mechanics who worked for a Taliban unit")."""
    return [Actor(s.codes[t.i], t.i, 0.7) for t in token.subtree if t.i in s.codes
            and not in_place_phrase(s, t.i)][:1]


def claimed_attacks(s: Sentence) -> list[Coded]:
    """ "X said it staged the raid", "those responsible were X fighters": X is the source of the
    unclaimed attack before it."""
    grammar, discourse = s.grammar, s.discourse
    for token in s.sent:
        claims = token.lemma_ in grammar.responsibility_verbs and any(
            c.dep_ == "dobj" and (c.lemma_ in grammar.responsibility_objects or triggers.is_attack(s, c))
            for c in token.children)
        behind = token.lemma_ == "be" and any(  # "said it was behind Monday's blast"
            c.dep_ == "prep" and c.lower_ == "behind" and any(triggers.is_attack(s, p) for p in c.children)
            for c in token.children)
        named = named_doers(s, token)
        if claims or behind or named:
            sources = named or phrases.subject_of(s, token)[0]
            own = [a.code for c in token.children if c.dep_ == "dobj"
                   for entry in [triggers.attack_entry(s, c)] if entry is not None
                   for a in targets.noun_target(s, c, entry)]
            if own:  # "claimed the assault, in which five Chinese citizens were wounded"
                discourse.unclaimed_attacks = [(code, place_of(s, token)) for code in own]
            entry = s.lexicon.lookup("attack", "NOUN")[0]
            events = [Coded(token, entry, a.code, target, False, *coded_as("claimed_attack"), 0.7, place)
                      for a in sources for target, place in discourse.unclaimed_attacks if a.code != target]
            if events:
                discourse.unclaimed_attacks.clear()
                for child in token.children:  # the claim names its own attack: "claimed the Kunduz attack"
                    if child.dep_ == "dobj":
                        s.consumed.add(child.i)
                return events
    return []


def named_doers(s: Sentence, copula: Token) -> list[Actor]:
    """ "those responsible were IS fighters", "the bomber was assessed to be a TTP member": who the
    doers of an attack told before are said to be, the actors of the copula's predicate."""
    if copula.lemma_ != "be":
        return []
    verb = copula
    while verb.dep_ == "xcomp" and not any(c.dep_ in SUBJECTS for c in verb.children):
        verb = verb.head  # "were assessed to have been": the subject hangs on the raising verb
    doers = s.grammar.responsibility_doers
    if not any(c.dep_ in SUBJECTS and (c.lemma_.lower() in doers or any(
            m.dep_ == "amod" and m.lemma_.lower() in doers for m in c.children)) for c in verb.children):
        return []
    # "the bomber was an Afghan citizen" names his nationality, not who sent him; "Pakistani soldiers" do act
    return [a for c in copula.children if c.dep_ == "attr" for a in phrases.actors_of(s, c)
            if a.code not in s.states or c.lemma_.lower() in s.grammar.force_heads]


# --- passes ---------------------------------------------------------------------------------


def attack_targets(s: Sentence, c: Candidate) -> str | None:
    """Targets an attack or a charge leaves implicit: the attacker of a condemned or avenged attack, the
    state where an attack struck, or the attack told before with nobody behind it yet."""
    token, entry = c.token, c.entry
    retaliation = s.grammar.retaliation
    if not c.targets and (entry.type in s.grammar.charge_types and names_unclaimed_attack(s, token)
                          or token.lemma_.lower() in retaliation
                          or any(o.dep_ == "dobj" and o.lemma_.lower() in retaliation for o in token.children)):
        # "condemned the provocations by Kabul, vowing a response": to the condemned; else to whoever
        # struck the vower last
        charge = triggers.match(s, token.head) if token.dep_ in ("advcl", "conj") else None
        c.targets = (charge is not None and charge.type == "ACCUSE" and targets.verb_target(s, token.head, charge)
                     ) or attackers(s, token, c.sources)
    if not c.targets and entry.type == "ASSAULT":
        c.targets = struck_place(s, attack_clause(s, token) if c.is_noun else token, c.sources)
    if not c.targets and entry.type == "ASSAULT" and c.is_noun:
        c.targets = _struck_reporter(s, c)
    if not c.targets and entry.type == "ASSAULT" and c.is_noun and c.sources and definite(s, token) \
            and token.head.lemma_ not in s.grammar.responsibility_verbs:  # a claim keeps the attack's place
        # "said its fighters carried out the bombing": the attack told before, with nobody behind it yet
        c.targets = [Actor(code, token.i, 0.7) for code, _ in s.discourse.unclaimed_attacks]
        s.discourse.unclaimed_attacks.clear()
    return None


def _struck_reporter(s: Sentence, c: Candidate) -> list[Actor]:
    """ "The TTP stepped up raids from Afghan soil, Pakistani officials said": raids launched from one
    state, with no target named, strike the state that reports them."""
    origin = phrases.prep_actors(s, c.token, s.grammar.origin_preps)
    if not origin:
        return []
    others = {a.code for a in origin + c.sources}
    return [a for a in phrases.speaker(s, c.chain) if a.code in s.states and a.code not in others]


def unclaimed(s: Sentence, c: Candidate) -> str | None:
    """Drop an event with no source; an attack by someone unnamed ("a bomber struck ...", "was killed
    when ...") is kept for a later claim."""
    if c.sources:
        return None
    token = c.token
    if c.entry.type == "ASSAULT" and (c.has_subject or any(child.dep_ == "nsubjpass" for child in token.children)):
        hit = c.targets or victims(s, s.sent.root)
        s.discourse.unclaimed_attacks.extend((a.code, place_of(s, token)) for a in hit)
        return "an attack with no attacker named, kept for a claim"
    return "no source"


def blamed_for(s: Sentence, c: Candidate) -> str | None:
    """ "Kabul laid the blame for the shooting at Dushanbe's door": an attack that a charge is about is
    never the accuser's own, whatever the parse lends it."""
    if c.entry.type != "ASSAULT" or not c.sources:
        return None
    for governor in c.chain[1:]:
        entry = triggers.match(s, governor)
        if entry is not None and entry.type == "ACCUSE":
            accusers = {a.code for a in phrases.subject_of(s, governor)[0]}
            if accusers and {a.code for a in c.sources} <= accusers:
                return "what its accuser blames on another"
    return None
