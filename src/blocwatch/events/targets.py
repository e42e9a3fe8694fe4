"""On whom: the target of an event, one function per construction.

Reads: the trigger's parse (object, passive subject, prepositional complement, the verb an intent
governs, a that-clause, a condition), actors through `phrases`.
Writes: `Candidate.targets` (and, for inverse entries such as "obtained accreditation at", the sources);
an intent's governed verb is marked used up (`Sentence.consumed`).
"""

from __future__ import annotations

from spacy.tokens import Token

from blocwatch.events import clauses, phrases, repair, triggers
from blocwatch.events.lexicon import Trigger
from blocwatch.events.sentence import SUBJECTS, Actor, Candidate, Sentence, definite, main_state, purpose
from blocwatch.plover import cameo_codes

_MEDIATION = cameo_codes()["mediation"]


def verb_target(s: Sentence, verb: Token, entry: Trigger, *, allow_location: bool = False) -> list[Actor]:
    """The verb's object or prepositional complement; "in X" only where a place can be the target."""
    grammar, codes = s.grammar, s.codes
    if entry.topic:  # "discussed using Iran's Chabahar port": Iran is talked about, not talked with
        return phrases.prep_actors(s, verb, {"with"})
    preps = grammar.target_preps | ({"of"} if entry.particle else set())
    if entry.type == "CONSULT":
        # "hosted a meeting on Afghanistan": about it, not with it; but "called on officials" is the entry's own
        preps = preps - (grammar.topic_preps - {entry.particle})
    if allow_location:
        preps = preps | grammar.location_preps
    if any(c.dep_ == "nsubjpass" for c in verb.children) and not repair.stative(grammar, verb):
        return [a for c in verb.children if c.dep_ == "nsubjpass" for a in phrases.actors_of(s, c)]
    if entry.recipient:  # "handed over to the US a suspected IS commander": the receiver, never the handed
        return phrases.prep_actors(s, verb, {"to"}) or [a for c in verb.children if c.dep_ == "dative"
                                                        for a in phrases.actors_of(s, c)]
    found: list[Actor] = []
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "attr", "oprd") and not found:
            found = phrases.actors_of(s, child)
            if not found and child.dep_ == "dobj":
                found = phrases.prep_actors(s, child, preps - _destinations(s, child, entry))
    if not found and (antecedent := repair.fronted_whose_object(verb)) is not None:
        found = phrases.actors_of(s, antecedent)
    if not found and entry.type in grammar.grievance_types:
        found = _grievance(s, verb)
    if not found:
        found = phrases.prep_actors(s, verb, preps - _destinations(s, verb, entry))
    if not found:  # "welcomed the move": whoever the sentence before says made it
        found = [Actor(code, verb.i, 0.6) for c in verb.children if c.dep_ == "dobj" and c.tag_ == "NN"
                 and c.lemma_.lower() in grammar.act_nouns and definite(s, c)
                 for code in dict.fromkeys(s.discourse.last_subjects)][:1]
    if not found and entry.type in grammar.charge_types:
        found = [a for doer in repair.object_agent(verb) for a in phrases.actors_of(s, doer)]
    if not found:
        follower = repair.adjective_as_clause(verb)
        if follower is not None:
            found = verb_target(s, follower, entry, allow_location=allow_location)
    if not found and entry.objects_any:
        # "found Putin's remarks understandable": what is judged is the subject of the small clause
        found = [a for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.lemma_.lower() in entry.objects_any
                 for g in c.children if g.dep_ == "nsubj" for a in phrases.actors_of(s, g)]
    if not found and entry.type in grammar.clause_target_types:
        for child in verb.children:  # "demanded that Iran halt the shipment"
            if child.dep_ == "ccomp":
                if repair.name_as_verb(codes, child):
                    found = [Actor(codes[child.i], child.i, 0.8)]
                elif any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
                    found = phrases.subject_of(s, child)[0]
                break
    if not found and entry.type in grammar.clause_target_types:
        found = _purpose_of_approach(s, verb) or _as_asked(s, verb)
    if not found and entry.type in grammar.charge_types:
        # "warned that Kabul would have to pull back": the one bound is the one warned; not "warned that
        # Kabul could not absorb more returnees", a forecast
        found = [a for c in verb.children if c.dep_ == "ccomp" and clauses.deontic(s, c)
                 for a in phrases.subject_of(s, c)[0]]
    addressed = preps - _destinations(s, verb, entry)
    if not found and entry.type in grammar.clause_target_types and verb.dep_ == "conj" and not any(
            c.dep_ in SUBJECTS or c.dep_ == "dative" or c.lower_ in addressed for c in verb.children):
        # "accused Moscow of stalling the trains and demanded their dispatch": one frame, one addressee, named
        # as the first verb's object (not "welcomed the Kazakh decision and called on others")
        found = [a for c in verb.head.children if c.dep_ == "dobj" and (c.i in s.codes or c.pos_ == "PRON")
                 for a in phrases.actors_of(s, c)]
    if not found and entry.type in grammar.beneficiary_types:
        found = _beneficiary(s, verb)
    if not found and entry.type in grammar.measure_target_types:
        for child in verb.children:  # "suspended a ban that had placed the Taliban among outlawed groups"
            if child.dep_ == "dobj":
                found = [Actor(codes[t.i], t.i, 0.7) for t in child.subtree if t.i in codes][:1]
    return found


def _beneficiary(s: Sentence, verb: Token) -> list[Actor]:
    """ "will free up frozen grants to pay the salaries of Afghan teachers": what is given with no
    receiver named goes to whom its purpose serves."""
    for clause in (c for c in verb.children if purpose(c)):
        found = [a for c in clause.children if c.dep_ in ("dobj", "dative")
                 for a in phrases.actors_of(s, c) or phrases.prep_actors(s, c, s.grammar.doer_object_preps)]
        if found:
            return found
    return []


def _grievance(s: Sentence, verb: Token) -> list[Actor]:
    """ "complained to the UN over Israeli air raids": whose act the complaint is over is accused, not
    the one it is made to; only the act's own doer counts ("over the killing of Afghan refugees" names
    victims, and leaves the one complained to)."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in s.grammar.grievance_preps):
        for thing in (c for c in prep.children if c.dep_ == "pobj"):
            if thing.i in s.codes:
                return [Actor(s.codes[thing.i], thing.i)]
            found = [a for c in thing.children if c.dep_ in ("amod", "compound", "poss")
                     for a in phrases.head_actors(s, c, 1)]
            if found:
                return found
    return []


def _destinations(s: Sentence, thing: Token, entry: Trigger) -> set[str]:
    """ "demanded the dispatch of the wagons to Afghanistan": in what a request asks for, a "to" before a
    bare name says where the thing goes, not who is asked (unlike "an end to Russia's blockade"); so on
    the verb, once it has an object ("demanded the tankers' passage to Kabul", not "appealed to Kabul")."""
    if entry.type not in s.grammar.destination_types or (
            thing.pos_ in ("VERB", "AUX") and not any(c.dep_ == "dobj" for c in thing.children)):
        return set()
    return {c.lower_ for c in thing.children if c.dep_ == "prep" and c.lower_ in s.grammar.destination_preps
            and any(p.dep_ == "pobj" and p.i in s.codes for p in c.children)}


def _purpose_of_approach(s: Sentence, verb: Token) -> list[Actor]:
    """ "approached Kabul to highlight the incident and demand action": a request made in the purpose of
    an approach is made to whom was approached."""
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if not purpose(clause):
        return []
    return [a for c in clause.head.children if c.dep_ == "dobj" for a in phrases.actors_of(s, c)]


def noun_target(s: Sentence, noun: Token, entry: Trigger) -> list[Actor]:
    """A nominal event's target: its for/to/with/against/on phrase, or its of-phrase."""
    grammar = s.grammar
    preps = set(grammar.target_preps) | ({"of"} if entry.of == "target" else set())
    if entry.type == "CONSULT":
        preps -= grammar.topic_preps  # "a meeting on Afghan border security": talked about, not with
    if entry.type in grammar.noun_located_types:
        preps = (preps | grammar.location_preps) - grammar.origin_preps  # "raids from Afghan soil" come from it
    elif entry.place_target:  # "a joint drill in Tajikistan", not one "near the Afghan border"
        preps |= grammar.into_preps
    found = phrases.prep_actors(s, noun, preps)
    if not found and entry.type in grammar.noun_clause_target_types:
        for child in noun.children:  # "accusations that the Taliban shelter militants"
            if child.dep_ in ("acl", "ccomp") and child.pos_ in ("VERB", "AUX"):
                found = phrases.subject_of(s, child)[0]
                break
    if not found and entry.type == "ASSAULT":
        for child in noun.children:  # "the assault, in which five Chinese citizens were wounded"
            if child.dep_ == "relcl":
                found = [a for c in child.children if c.dep_ == "nsubjpass" for a in phrases.actors_of(s, c)]
                break
    if not found and entry.type == "CONSULT" and any(
            any(g.dep_ == "agent" for g in c.children) for c in repair.noun_clauses(noun)):
        # "talks mediated by Qatar": the parties are the main clause's subject
        found = phrases.subject_of(s, s.sent.root)[0]
    if not found and noun.dep_ == "pobj" and noun.head.dep_ == "agent":
        # "Pakistan was hit by raids staged by the TTP": the sufferer is the subject
        found = [a for c in noun.head.head.children if c.dep_ == "nsubjpass" for a in phrases.actors_of(s, c)]
    if not found and entry.of == "target":
        modifiers = [a for c in noun.children if c.dep_ in ("compound", "amod") for a in phrases.head_actors(s, c, 1)]
        source_poss = any(c.dep_ == "poss" for c in noun.children)
        if modifiers and source_poss:
            found = modifiers
    if not found and noun.dep_ == "conj" and noun.head.pos_ == "NOUN" and noun.head.i < noun.i:
        # "a legitimacy or recognition of the Taliban": the phrase after both, parsed on the first
        found = [a for a in phrases.prep_actors(s, noun.head, preps) if a.token > noun.i]
    if not found:
        governor = clauses.governing_verb(s, noun)
        if governor is not None:
            found = phrases.prep_actors(s, governor, preps - {"of"})
    return found


def intent_target(s: Sentence, token: Token) -> tuple[list[Actor], Token | None]:
    """For "pledged to work with X", "an interest in trading with X": X, and the governed verb."""
    embedded = None
    # "offered Tajikistan funds to build an outpost": the one offered to, before what it is for
    offered = [a for c in token.children if c.dep_ in ("dative", "dobj") for a in phrases.actors_of(s, c)]
    for child in token.children:
        if child.dep_ in ("xcomp", "ccomp", "acl") and child.pos_ in ("VERB", "AUX"):
            if child.dep_ == "ccomp" and any(c.dep_ in SUBJECTS for c in child.children):
                break  # "denied that it was sheltering TTP fighters": a claim about a doer, not an aim
            embedded = child
            break
        if child.dep_ == "prep":
            for grandchild in child.children:
                if grandchild.dep_ == "pcomp" and grandchild.pos_ == "VERB":
                    embedded = grandchild
    if embedded is None:
        return [], None
    entry = triggers.match(s, embedded)
    probe = entry or s.lexicon.lookup("cooperate", "VERB")[0]
    s.consumed.add(embedded.i)
    if offered:
        return offered, embedded
    # "refused to station troops in Mali": where a deployment or an attack is, is its target
    located = probe.place_target or probe.type in s.grammar.located_types
    return verb_target(s, embedded, probe, allow_location=located) or _intent_object(s, embedded), embedded


def _as_asked(s: Sentence, verb: Token) -> list[Actor]:
    """ "India agreed to send doctors, as requested by Kabul": what was asked is what the main clause's
    subject does."""
    if verb.tag_ != "VBN" or verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as"
                                                              for c in verb.children):
        return []
    return phrases.subject_of(s, verb.head)[0]


def _intent_object(s: Sentence, verb: Token) -> list[Actor]:
    """ "building in Afghanistan", "to open a grain terminal in the country"; "to help Dushanbe strengthen
    the border", where the helped is parsed as the subject of what they are helped to do."""
    found = phrases.prep_actors(s, verb, s.grammar.into_preps)
    for thing in (c for c in verb.children if c.dep_ == "dobj" and not found):
        found = phrases.prep_actors(s, thing, s.grammar.into_preps)  # the phrase parsed on what is built
    for clause in (c for c in verb.children if c.dep_ == "ccomp" and not found):
        found = [a for c in clause.children if c.dep_ == "nsubj" for a in phrases.actors_of(s, c)]
    return found


def _conditioned(s: Sentence, threat: Token, sources: list[Actor]) -> list[Actor]:
    """ "threatened to launch an offensive unless Baghdad accepted": the threat is to whoever the
    condition is on."""
    own = {a.code for a in sources}
    clauses = [threat] + [c for c in threat.children if c.dep_ in ("xcomp", "ccomp")]
    for clause in clauses:
        for condition in clause.children:
            if condition.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in s.grammar.conditional_marks
                                                 for m in condition.children):
                # "unless Baghdad accepted"; "if attacks by militants based in Afghanistan continued"
                found = [a for a in phrases.subject_of(s, condition)[0] if a.code not in own] or [
                    Actor(s.codes[t.i], t.i, 0.7) for t in condition.subtree
                    if t.i in s.codes and s.codes[t.i] not in own][:1]
                if found:
                    return found
    return []


def _inverse(s: Sentence, token: Token, is_noun: bool) -> list[Actor]:
    """For "obtained accreditation at the Iranian foreign ministry": the ministry's state is the source."""
    preps = s.grammar.inverse_source_preps
    found = phrases.prep_actors(s, token, preps)
    if not found and not is_noun:
        for child in token.children:
            if child.dep_ == "dobj":
                found = phrases.prep_actors(s, child, preps)
    return found


# --- passes ---------------------------------------------------------------------------------


def threat_condition(s: Sentence, c: Candidate) -> str | None:
    """ "its Gulf war": a threat's own side is no target; the one its condition is on may be."""
    if c.entry.type == "THREATEN" and {a.code for a in c.targets} <= {a.code for a in c.sources}:
        c.targets = _conditioned(s, c.token, c.sources) or c.targets
    return None


def own_phrase(s: Sentence, c: Candidate) -> str | None:
    """Inverse entries swap the roles; a target that is only the subject's own pronoun ("pulled their
    diplomats out of Kabul") gives way to the place the act is from or in."""
    entry, token = c.entry, c.token
    if entry.inverse:
        c.sources, c.targets = _inverse(s, token, c.is_noun), c.sources
    elif c.targets and {a.code for a in c.targets} <= {a.code for a in c.sources} and any(
            s.doc[a.token].pos_ == "PRON" for a in c.targets):
        own = {a.code for a in c.sources}
        preps = s.grammar.target_preps | {"of"}
        # "recalled its ambassador from Tehran": the phrase may hang on the object
        heads = [token] + [child for child in token.children if child.dep_ == "dobj"]
        if entry.place_target:  # "reopened its embassy in Kabul": where the object is
            preps |= s.grammar.location_preps
        c.targets = [a for head in heads for a in phrases.prep_actors(s, head, preps) if a.code not in own] or (
            c.targets if entry.type in s.grammar.mutual_types else [])
    return None


def left_implicit(s: Sentence, c: Candidate) -> str | None:
    """ "since the withdrawal of US forces in 2021": a pullout whose news leaves out where from is from the
    state the story is about; not one from something named that is no actor ("withdrew from the deal").
    A mediation with no parties named is between "the two sides" the sentence names."""
    token = c.token
    if c.entry.cameo == _MEDIATION and c.sources and not c.targets:
        own = {a.code for a in c.sources}
        c.targets = [Actor(code, i, 0.7) for i, codes in s.pairs.items() for code in codes if code not in own]
    named = {"from"} if c.is_noun else {"from", "of"}  # "pulled out of the talks", "forces from Panama"
    if c.entry.implicit_target and c.sources and not c.targets and not any(
            p.dep_ == "prep" and p.lower_ in named for p in token.subtree):
        c.targets = main_state(s, token, {a.code for a in c.sources})
    return None
