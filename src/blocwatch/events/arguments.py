"""Who acts: the source of an event, one function per construction, and the roles pass.

Reads: the trigger's parse (subject, passive agent, possessor, by-phrase, light verb, the verb of
saying that reports it), actors through `phrases`.
Writes: `Candidate.sources`, `targets` (through `targets`), `has_subject`, `embedded` and `confidence`;
drops a candidate whose doer is nobody the text names.
"""

from __future__ import annotations

from spacy.tokens import Token

from blocwatch.events import clauses, discourse, parties, phrases, polarity, repair, targets, triggers
from blocwatch.events.lexicon import Trigger
from blocwatch.events.sentence import Actor, Candidate, Sentence, in_place_phrase, main_state, unique
from blocwatch.plover import RECOGNITION_CAMEO, cameo_codes

_MEDIATION = cameo_codes()["mediation"]


def noun_source(s: Sentence, noun: Token, entry: Trigger) -> tuple[list[Actor], bool]:
    """A nominal event's doer: its possessor, a by-phrase, or the subject of its light verb."""
    for child in noun.children:
        if child.dep_ == "poss":
            return phrases.actors_of(s, child), True
        if entry.from_source and child.dep_ == "prep" and child.lower_ == "from":
            found = _pobj_actors(s, child)
            if found:  # "the expulsion of Afghans from Pakistan": the expeller
                return found, True
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            return _pobj_actors(s, child), True
        if child.dep_ == "acl":
            for agent in child.children:
                if agent.dep_ == "agent":
                    return _pobj_actors(s, agent), True
        if entry.of == "source" and child.dep_ == "prep" and child.lower_ == "of":
            found = _pobj_actors(s, child)
            if found:
                return found, True
    for clause in repair.noun_clauses(noun):  # "two days of talks in Muscat mediated by Oman"
        for agent in (c for c in clause.children if c.dep_ == "agent"):
            return _pobj_actors(s, agent), True
    modifiers = [a for child in noun.children if child.dep_ in ("amod", "compound", "nmod")
                 for a in phrases.head_actors(s, child, 1)]
    if modifiers:
        return modifiers, True
    if entry.of == "source" and noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        return phrases.subject_of(s, noun.head)  # "hastened the pull-out of troops from Chad"
    governor = clauses.governing_verb(s, noun)
    if governor is not None:
        return phrases.subject_of(s, governor)
    owners = _owners_of_predicate(s, noun)
    return owners, bool(owners)


def _owners_of_predicate(s: Sentence, noun: Token) -> list[Actor]:
    """ "Trade with Kabul is a priority for Astana", "cooperation with X is a cornerstone of Y's policy":
    whose priority or policy the act is said to be, where the copula's attribute names an owner."""
    if noun.dep_ != "nsubj" or noun.head.lemma_ != "be":
        return []
    for attr in (c for c in noun.head.children if c.dep_ == "attr"):
        found = phrases.prep_actors(s, attr, {"for"}) or [
            a for t in attr.subtree if t.dep_ == "poss" for a in phrases.actors_of(s, t)]
        if found:
            return found
    return []


def _pobj_actors(s: Sentence, prep: Token) -> list[Actor]:
    return [a for p in prep.children if p.dep_ == "pobj" for a in phrases.actors_of(s, p)]


def received(s: Sentence, noun: Token) -> tuple[list[Actor], list[Actor]] | None:
    """ "The ban drew criticism from Uzbekistan": the from-phrase gives, the receiving verb's subject gets."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in s.grammar.receiving_verbs:
        return None
    givers = phrases.prep_actors(s, noun, {"from"}) or phrases.prep_actors(s, verb, {"from"})
    receivers = phrases.subject_of(s, verb)[0] if givers else []
    return (givers, receivers) if receivers else None


def benefited(s: Sentence, noun: Token, entry: Trigger) -> tuple[list[Actor], list[Actor]] | None:
    """ "Kyrgyzstan depends on Russian aid": the aid's own doer gives, the subject relying on it gets;
    "thanked Turkmenistan for its gas supplies": the one thanked gives, the one thanking gets."""
    first = noun
    while first.dep_ == "conj" and first.head.pos_ == "NOUN":  # "for gas supplies and technical assistance"
        first = first.head
    prep = first.head
    if first.dep_ != "pobj" or prep.dep_ != "prep" or prep.head.pos_ != "VERB":
        return None
    verb, grammar = prep.head, s.grammar
    if verb.lemma_.lower() in grammar.reliance_verbs and prep.lower_ in grammar.reliance_preps:
        givers = noun_source(s, noun, entry)[0]
    elif verb.lemma_.lower() in grammar.gratitude_verbs and prep.lower_ in grammar.gratitude_preps:
        givers = [a for c in verb.children if c.dep_ == "dobj" for a in phrases.actors_of(s, c)]
    else:
        return None
    own = {a.code for a in givers}
    receivers = [a for a in phrases.subject_of(s, verb)[0] if a.code not in own]
    return (givers, receivers) if givers and receivers else None


def adjective_or_verb_subject(s: Sentence, token: Token) -> tuple[list[Actor], bool]:
    """The subject of a verb, or of the verb an adjective is the complement of ("is ready to")."""
    if token.pos_ == "ADJ" and token.dep_ in ("acomp", "amod", "oprd"):
        return phrases.subject_of(s, token.head)
    return phrases.subject_of(s, token)


# --- passes ---------------------------------------------------------------------------------


def roles(s: Sentence, c: Candidate) -> str | None:
    """Find the sources and targets by the trigger's construction: an intent ("pledged to work with X"),
    a noun (possessor, "between", a received act) or a verb (subject and object)."""
    token, entry = c.token, c.entry
    if entry.intent:
        c.targets, c.embedded = targets.intent_target(s, token)
        if c.embedded is None and c.is_noun:
            return "an interest, not an intent to act"  # "their interests", not "an interest in trading"
    if c.embedded is not None:
        c.sources, c.has_subject = noun_source(s, token, entry) if c.is_noun else adjective_or_verb_subject(s, token)
    elif c.is_noun:
        got = received(s, token) or benefited(s, token, entry)
        # every actor named after "between" is a party ("between Pakistan and Afghanistan's Taliban government")
        between = parties.between(s, token) if entry.type in s.grammar.mutual_types or entry.symmetric else []
        if got:
            (c.sources, c.targets), c.has_subject = got, True
        elif len({a.code for a in between}) >= 2 and entry.cameo == _MEDIATION:
            # "Oman's mediation between Iran and the US": the mediator acts on each party
            (c.sources, c.has_subject), c.targets = noun_source(s, token, entry), between
        elif len({a.code for a in between}) >= 2:  # "talks between Pakistan and Afghanistan, mediated by ..."
            c.sources, c.targets, c.has_subject = between, [], True
        else:
            c.sources, c.has_subject = noun_source(s, token, entry)
            c.targets = targets.noun_target(s, token, entry)
        c.confidence = 0.75
    else:
        c.sources, c.has_subject = adjective_or_verb_subject(s, token)
        c.sources = c.sources or discourse.named_officer(s, token)
        c.targets = targets.verb_target(s, token, entry,
                                        allow_location=entry.place_target or entry.type in s.grammar.located_types)
        if not c.targets and not entry.topic and not _asked_another(s, token, entry):
            # "refused to engage the Taliban", "threatened to cut power to ..."
            c.targets, aim = targets.intent_target(s, token)
            if aim is not None and (triggers.match(s, aim) or entry).cameo == RECOGNITION_CAMEO:
                s.consumed.discard(aim.i)
                return "a refusal to recognise: the recognition, negated, is the event"
    # "an attack committed by a Syrian man": one private person acts for no state, though "Kyrgyz migrants
    # rioted" is coded for theirs
    c.sources = [a for a in c.sources if not (s.doc[a.token].dep_ in ("amod", "compound")
                                              and s.doc[a.token].head.tag_ == "NN"
                                              and s.doc[a.token].head.lemma_.lower() in s.grammar.private_heads)]
    return None


def _asked_another(s: Sentence, verb: Token, entry: Trigger) -> bool:
    """ "urged donors to engage with the Taliban": a request is made to whom is asked, so one made to
    others than actors has no target in what they are asked to do."""
    return entry.type == "REQUEST" and verb.lemma_ in s.grammar.object_control_verbs and any(
        c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") for c in verb.children)


def voiced(s: Sentence, c: Candidate) -> str | None:
    """Lavrov: "the plans of IS are of concern": an accusation with no target is the speaker's, about its
    subject."""
    if c.entry.needs_target and not c.targets and c.entry.type in s.grammar.charge_types:
        found = phrases.speaker(s, c.chain)
        if found:
            c.sources, c.targets, c.has_subject = found, c.sources, True
    return None


def guessed_source(s: Sentence, c: Candidate) -> str | None:
    """With no subject at all, drop the acts whose doer is only implied; otherwise take the excluder named
    inside a passive or the nearest actor, with less confidence."""
    if c.sources or c.has_subject:
        return None
    token = c.token
    if c.is_noun and (triggers.attack_framed(s, token) or triggers.reacted_to(s, token)):
        return "an attack framed by another's act"  # "Iran condemned the bombing": not Iran's bombing
    if repair.participle_as_modifier(token):
        return "a participle with its doer unnamed"  # "several others accused of helping them"
    if c.negated and polarity.negative_subject(s, c.chain):
        return "negated by a negative subject"  # "No other country has followed Russia's lead in recognising"
    if c.entry.needs_source:
        return "no source, and the entry needs one"  # "Russia is expected to sign": whoever expects is unnamed
    if c.entry.type == "ASSAULT" and any(ch.dep_ == "auxpass" for t in c.chain for ch in t.children):
        return None  # "89 people, including 12 Afghans, were killed": the names near a passive are its victims
    if c.is_noun and c.entry.type in s.grammar.mutual_types and c.entry.cameo != _MEDIATION:
        # "efforts to ease tensions between X and Y collapsed after the talks ended without agreement": the
        # two the sentence has set against each other before are the parties
        sides = unique([a for t in s.sent[:token.i - s.sent.start] if t.lower_ == "between" and t.dep_ == "prep"
                        for p in t.children if p.dep_ == "pobj" for a in phrases.actors_of(s, p)])
        if len({a.code for a in sides}) == 2:
            c.sources, c.has_subject = sides, True
            return None
    c.sources = _complement_source(s, token, c.targets) or _summoning_body(s, token, c.targets) \
        or _nearby_source(s, token, c.targets)
    c.confidence -= 0.25
    return None


def _complement_source(s: Sentence, token: Token, found: list[Actor]) -> list[Actor]:
    """ "was barred from joining the SCO's summit": with no agent, the excluder is named inside."""
    if not any(c.dep_ == "nsubjpass" for c in token.children):
        return []
    taken = {a.code for a in found}
    for t in token.subtree:
        if t.i in s.codes and s.codes[t.i] not in taken and t.i > token.i and not in_place_phrase(s, t.i):
            return [Actor(s.codes[t.i], t.i, 0.8)]  # "were shot dead in Iran's east": a place, not a doer
    return []


def _summoning_body(s: Sentence, token: Token, found: list[Actor]) -> list[Actor]:
    """ "The Afghan envoy was summoned to the foreign ministry": with no agent, the body one is called to acts,
    for the state it was named for before, else for the state the article names most (not the summoned's)."""
    if not any(c.dep_ == "nsubjpass" for c in token.children):
        return []
    taken = {a.code for a in found}
    for body in (p for c in token.children if c.dep_ == "prep" and c.lower_ == "to" for p in c.children
                 if p.dep_ == "pobj" and p.lemma_.lower() in s.grammar.institution_heads):
        return [a for a in phrases.actors_of(s, body) if a.code not in taken] or main_state(s, body, taken)
    return []


def _nearby_source(s: Sentence, token: Token, found: list[Actor]) -> list[Actor]:
    """No actor subject (a participle, a fragment, an analyst's gloss): the nearest actor before
    the trigger, else the nearest actor that is the subject of an earlier clause."""
    taken = {a.token for a in found} | {a.code for a in found}
    for i in range(token.i - 1, max(s.sent.start, token.i - 10) - 1, -1):
        if i in s.codes and i not in taken and s.codes[i] not in taken and not in_place_phrase(s, i):
            return [Actor(s.codes[i], i, 0.8)]
    for i in range(token.i - 1, s.sent.start - 1, -1):
        if i in s.codes and s.codes[i] not in taken and s.doc[i].dep_ in ("nsubj", "nsubjpass"):
            return [Actor(s.codes[i], i, 0.6)]
    return []
