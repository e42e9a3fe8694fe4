"""Recognition (CAMEO 054): what is recognised, and at which rung of the ladder.

Reads: the trigger's targets and the heads of their phrases (a government or a state, not "the
Taliban's position"), the diplomatic ranks named in the sentence, the article's last recognition target.
Writes: a decision to recognise coded as the recognition (`Candidate.entry`); the roles and negation of
"unrecognised by X"; drops a recognition of
something other than a state or government; `Candidate.targets` for
"none of them has recognised it either"; `Discourse.recognition_target`; the rung of a coded event;
the one direction of an exchange of ambassadors that is a recognition (`Candidate.pairs`).
"""

from __future__ import annotations

from spacy.tokens import Token

from blocwatch.events import clauses, phrases, triggers
from blocwatch.events.lexicon import Trigger
from blocwatch.events.sentence import SUBJECTS, Actor, Candidate, Sentence, unique
from blocwatch.plover import RECOGNITION_CAMEO


def level(s: Sentence, trigger: Token, entry: Trigger) -> str | None:
    """The ladder's rung: the entry's own, or for accreditation and hosting the rank of the nearest
    diplomat named ("a chargé d'affaires was accredited" is a mission, "the ambassador" credentials)."""
    if not entry.level_by_rank:
        return entry.recognition
    ranks = [(abs(t.i - trigger.i), rung) for t in s.sent
             for rung, words in (("credentials", s.grammar.ambassador_ranks), ("mission", s.grammar.mission_ranks))
             if t.lower_ in words]
    return min(ranks)[1] if ranks else entry.recognition


def target_head_ok(s: Sentence, token: Token, entry: Trigger, found: list[Actor]) -> bool:
    """Recognition is of a government or a state, not of "the Taliban's firm grip on the country"."""
    if not found:
        return True
    for actor in found:
        head = s.doc[actor.token]
        phrase_head = head
        while phrase_head.dep_ in ("compound", "amod", "poss", "nmod") and phrase_head.head.i != phrase_head.i:
            phrase_head = phrase_head.head
        if _through_other_noun(s, phrase_head, token, entry):
            continue  # "recognition of the group's control of Afghanistan": of the control, not the state
        if phrase_head.i in s.codes or phrase_head.lemma_.lower() in entry.target_heads \
                or phrase_head.lower_ in entry.target_heads:
            return True
        if not entry.require_target_head and phrase_head.i == head.i:
            return True
    return False


def _through_other_noun(s: Sentence, start: Token, trigger: Token, entry: Trigger) -> bool:
    """Whether the way up from `start` to `trigger` passes a noun that is neither an actor nor a target head."""
    # "a legitimacy or recognition of the Taliban": the phrase hangs on the first of the coordinated nouns
    ends = {trigger.i, trigger.head.i} if trigger.dep_ == "conj" else {trigger.i}
    node = start
    while node.head.i != node.i and node.head.i not in ends:
        node = node.head
        if node.pos_ in ("NOUN", "PROPN") and node.i not in s.codes \
                and node.lemma_.lower() not in entry.target_heads and node.lower_ not in entry.target_heads:
            return True
    return False


def decided(s: Sentence, c: Candidate) -> str | None:
    """ "decided to upgrade Kabul's mission to an embassy": a state grants recognition by deciding it,
    so the decision is coded as the recognition it decides (with its rung), not as an intention."""
    embedded = c.embedded
    if embedded is None or not c.entry.intent or c.token.lemma_.lower() not in s.grammar.decision_verbs:
        return None
    aim = triggers.match(s, embedded)
    if aim is not None and aim.cameo == RECOGNITION_CAMEO:
        # "decided not to recognise": the recognition, refused
        c.negated = c.negated or any(child.dep_ == "neg" for child in embedded.children)
        c.entry, c.embedded = aim, None
    return None


def unrecognised(s: Sentence, c: Candidate) -> str | None:
    """ "the Taliban authorities, who remain unrecognised by the UN": the UN's recognition, negated, of
    what the word describes; with no by-phrase it names no one who withholds it, unless it is a verb
    with a subject ("the UN denied the Taliban Afghanistan's seat")."""
    if not c.entry.privative:
        return None
    agents = [a for by in c.token.children if by.dep_ == "agent" or by.dep_ == "prep" and by.lower_ == "by"
              for p in by.children if p.dep_ == "pobj" for a in phrases.actors_of(s, p)]
    if agents:
        c.sources, c.targets, c.has_subject = agents, _described(s, c.token), True
    elif c.token.pos_ == "ADJ" or not c.sources:
        return "unrecognised, by no one named"
    c.negated = not c.negated  # "the UN denied the Taliban the seat": its subject withholds it
    return None


def _described(s: Sentence, word: Token) -> list[Actor]:
    """The actors a predicate word describes: its clause's subject ("the rulers remain unrecognised"),
    a relative clause's antecedent ("the rulers, who are unrecognised"), the noun it modifies."""
    node = word
    while True:
        subjects = [c for c in node.children if c.dep_ in SUBJECTS]
        if node.dep_ in ("relcl", "amod") and all(c.lower_ in s.grammar.relative_pronouns for c in subjects):
            return phrases.actors_of(s, node.head)
        if subjects:
            return phrases.actors_of(s, subjects[0])
        if node.dep_ not in ("conj", "acomp", "oprd", "xcomp") or node.head.i == node.i:
            return []
        node = node.head


def recognised(s: Sentence, c: Candidate) -> str | None:
    """Check what an entry with target heads is of; carry the article's recognition target to a
    recognition that names none ("none of them has extended formal recognition either")."""
    token, entry = c.token, c.entry
    if entry.target_heads and not target_head_ok(s, token, entry, c.targets):
        return "not of a state or a government"
    if any(place.lemma_.lower() in s.grammar.negotiating_seats for seat in token.children if seat.dep_ == "dobj"
           for prep in seat.children if prep.dep_ == "prep" for place in prep.children):
        return "a seat at talks, not a state's seat"
    if entry.cameo == RECOGNITION_CAMEO:
        discourse = s.discourse
        if not c.sources and c.is_noun:
            c.sources, about = _disclaimer(s, c)
            c.targets = c.targets or about
        if not c.targets:  # "accepted Hassan as the Taliban's ambassador": whose envoy he is taken as
            c.targets = [a for a in phrases.prep_actors(s, token, {"as"}) if a.code not in {b.code for b in c.sources}]
        if c.targets:
            discourse.recognition_target = c.targets[0].code
        elif discourse.recognition_target and not any(
                child.dep_ in ("dobj", "prep") and child.lower_ not in s.grammar.recogniser_preps
                for child in token.children):
            # not "recognition of a government", which names its own
            c.targets = [Actor(discourse.recognition_target, token.i, 0.8)]
    return None


def one_way(s: Sentence, c: Candidate) -> str | None:
    """ "Uzbekistan and the Taliban exchanged ambassadors": what is recognised is the government named
    as a movement or an authority, by the state named as a state, not the state by that government."""
    if not (c.entry.symmetric and c.entry.cameo == RECOGNITION_CAMEO):
        return None
    movements = {a.code for a in c.sources if a.token in s.institutions and a.token not in s.places}
    c.pairs = [(source, target) for source, target in c.pairs
               if not (source in movements and target not in movements)]
    return None


def _disclaimer(s: Sentence, c: Candidate) -> tuple[list[Actor], list[Actor]]:
    """ "Talks with the Taliban do not amount to recognition," the minister said: whoever says what
    the talks are is the one who recognises, or not (the negation is the clause's own), and the
    talks' other party the one recognised, unless the noun names its own."""
    verb = next((t for t in c.chain[1:] if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or verb.lemma_.lower() not in s.grammar.equating_verbs:
        return [], []
    speakers = [Actor(a.code, a.token, 0.8) for a in phrases.speaker(s, clauses.chain(s, verb))]
    own = {a.code for a in speakers}
    about = [Actor(s.codes[t.i], t.i, 0.7) for subject in verb.children if subject.dep_ in SUBJECTS
             for t in subject.subtree if t.i in s.codes and s.codes[t.i] not in own]
    return speakers, (unique(about) if speakers else [])
