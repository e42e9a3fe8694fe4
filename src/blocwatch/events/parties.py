"""Several parties: who acts on whom when an event has more than one side.

Reads: the sources and targets the argument passes found, "between" phrases, pair phrases, the meeting
a consultation is about and who hosts, convenes or mediates it (in the sentence, or told earlier).
Writes: `Candidate.pairs`, the (source, target) pairs the event is coded for: attendees of a meeting
each with its host, never with each other (EVENTS.md); a mediator with each party; each pair of two or
more that agree or act among themselves ("X and Y signed"), both ways for acts that run both ways
("clashed", "blamed each other"); else every source with every target.
"""

from __future__ import annotations

from spacy.tokens import Token

from blocwatch.events import clauses, phrases, repair
from blocwatch.events.sentence import Actor, Candidate, Sentence, definite, unique
from blocwatch.plover import cameo_codes

_MEDIATION = cameo_codes()["mediation"]


def between(s: Sentence, noun: Token) -> list[Actor]:
    """Everyone named after "between": "trade between the two states", "talks between Pakistan
    and Afghanistan's Taliban government" (where the parser makes Pakistan a possessor)."""
    found: list[Actor] = []
    # "an exchange of fire between X and Y": the phrase may hang on what the noun is of
    heads = [noun] + [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                      if p.dep_ == "pobj"]
    for prep in (c for head in heads for c in head.children if c.dep_ == "prep" and c.lower_ == "between"):
        for phrase in (c for c in prep.children if c.dep_ == "pobj"):
            found += phrases.actors_of(s, phrase) + [Actor(s.codes[t.i], t.i) for t in phrase.subtree
                                                     if t.i in s.codes]
    return unique(found)


def meeting_of(s: Sentence, trigger: Token) -> Token | None:
    """The meeting a consultation is: the trigger itself ("the talks"), or what it attends ("attended the
    summit", "took part in the meeting")."""
    meetings = s.grammar.meeting_nouns
    if trigger.lemma_.lower() in meetings:
        return trigger
    return next((t for t in trigger.subtree if t.lemma_.lower() in meetings and t.dep_ in ("dobj", "pobj")
                 and t.head.i in (trigger.i, *(c.i for c in trigger.children))), None)


def hosts(s: Sentence, meeting: Token) -> list[Actor]:
    """Who hosts, convenes or mediates a meeting: named on it ("the conference that Uzbekistan is convening",
    "talks mediated by Oman"), else, for "the meeting", the host the article named before."""
    for clause in meeting.children:
        if clause.lemma_.lower() not in s.grammar.host_verbs:
            continue
        if clause.dep_ in ("relcl", "acl"):
            found = phrases.agent_actors(s, clause) or (
                phrases.subject_of(s, clause)[0] if clause.dep_ == "relcl" else [])
        elif clause.dep_ == "amod":  # "a UN-convened meeting"
            found = [Actor(s.codes[t.i], t.i) for t in clause.subtree if t.i in s.codes][:1]
        else:
            found = []
        if found:
            return found
    venue = venue_host(s, meeting)
    if venue:
        return venue
    host = s.discourse.host
    return [Actor(host, meeting.i, 0.8)] if host and definite(s, meeting) else []


def venue_host(s: Sentence, meeting: Token) -> list[Actor]:
    """ "The dialogue was held at the Pakistani foreign ministry", "a session held in Islamabad": a meeting
    is hosted by the state it is held in."""
    held: Token | None = meeting.head if meeting.dep_ == "nsubjpass" else next(
        (c for c in meeting.children if c.dep_ == "acl" and c.tag_ == "VBN"), None)
    if held is None or held.lemma_.lower() not in s.grammar.holding_verbs:
        return []
    for prep in (c for c in held.children if c.dep_ == "prep" and c.lower_ in s.grammar.location_preps):
        for place in (p for p in prep.children if p.dep_ == "pobj"):
            found = phrases.actors_of(s, place) or [Actor(s.located[t.i], t.i, 0.8) for t in place.subtree
                                                    if t.i in s.located][:1]
            if found:
                return found[:1]
    return []


def participants(s: Sentence, verb: Token, meeting: Token) -> list[Actor]:
    """Who takes part in a meeting its host holds: "a meeting involving X and Y", "with the participation
    of X", where the parser may hang the phrase on the meeting or on the hosting verb."""
    words = s.grammar.participation_words
    found: list[Actor] = []
    for head in (verb, *meeting.subtree):  # "a round of talks involving X"
        for child in head.children:
            if child.lemma_.lower() in words and child.dep_ in ("acl", "advcl", "prep"):
                found += [a for c in child.children if c.dep_ in ("dobj", "pobj") for a in phrases.actors_of(s, c)]
            elif child.dep_ == "prep" and child.lower_ == "with":
                found += [a for p in child.children if p.dep_ == "pobj" and p.lemma_.lower() in words
                          for a in phrases.prep_actors(s, p, {"of"})]
    return unique(found)


def host_named(s: Sentence) -> str | None:
    """ "Kazakhstan hosted a transport meeting", "Kazan hosted the fifth meeting", "the summit was held in
    Astana": the state that hosts a meeting this sentence tells of (a city hosts for its state)."""
    for meeting in (t for t in s.sent if t.lemma_.lower() in s.grammar.meeting_nouns):
        venue = venue_host(s, meeting)
        if venue:
            return venue[0].code
    for verb in s.sent:
        if verb.lemma_.lower() not in s.grammar.host_verbs or not any(
                c.dep_ == "dobj" and c.lemma_.lower() in s.grammar.meeting_nouns for c in verb.children):
            continue
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            found = phrases.actors_of(s, subject)
            if found:
                return found[0].code
            if subject.i in s.located:
                return s.located[subject.i]
    return None


def pairs(s: Sentence, c: Candidate) -> str | None:
    """Pair the sources with the targets; a group acting among itself yields each pair once, or both
    ways where the act runs both ways; attendees pair with the meeting's host."""
    entry, grammar = c.entry, s.grammar
    source_codes = {a.code for a in c.sources}
    meeting = meeting_of(s, c.token) if entry.type == "CONSULT" and not c.targets else None
    host = hosts(s, meeting) if meeting is not None else []
    if host and meeting is c.token and {a.code for a in host} & source_codes:
        # "officials took part in a UN-convened meeting": the convener modifies the meeting, the attendees
        # are the subject of the clause it is part of
        governor = clauses.governing_verb(s, meeting)
        c.sources = phrases.subject_of(s, governor)[0] if governor is not None else []
        source_codes = {a.code for a in c.sources}
    host = [a for a in host if a.code not in source_codes]
    if meeting is not None and meeting is not c.token and c.token.lemma_.lower() in grammar.host_verbs:
        # "Pakistan will host a meeting involving China, Russia and the US": each guest consults the host
        c.pairs = [(guest.code, source.code) for guest in participants(s, c.token, meeting)
                   for source in c.sources if guest.code != source.code]
        return None
    # "X, Y and Z signed": each pair agreed; "the three agreed to extend the China-Pakistan corridor"
    # names one of them again, not a fourth party
    mutual = {a.code for a in c.targets} <= source_codes
    if host:  # "envoys of India, Iran and Turkey attended the meeting" that Kazakhstan hosted
        c.pairs = [(a.code, h.code) for a in c.sources for h in host]
    elif (meeting is not None or entry.type in grammar.mutual_types and mutual and _at_meeting(s, c)
          or entry.type == "CONSULT" and mutual) and len(source_codes) >= 3:
        # three or more at one meeting ("the three ministers discussed", "held talks to deepen ties") are
        # not coded with each other, only with the host: the state it meets in, or the one the article named
        told = next((a.code for a in _venue(s, meeting)), None) if meeting is not None else None
        told = told or s.discourse.host
        c.pairs = [(a.code, told) for a in c.sources if told and a.code != told]
    elif mutual and len(source_codes) >= 2 and (entry.symmetric or entry.type in grammar.mutual_types) \
            and entry.cameo != _MEDIATION and not (entry.needs_target and not c.targets):  # "X and Y supply": whom?
        c.pairs = _among(c.sources, reciprocal=entry.type in grammar.reciprocal_types)
    elif mutual and len(source_codes) >= 2 and _each_other(s, c.token):
        c.pairs = _among(c.sources, reciprocal=True)  # "blamed each other", "praised one another": both ways
    elif mutual and c.targets and all(a.token in s.pairs for a in c.sources):
        c.pairs = []  # "the two leaders opened a bridge carrying power from one to the other": no act on the other
    else:
        c.pairs = [(source.code, target.code) for source in c.sources for target in c.targets]
        if entry.symmetric and entry.type in grammar.reciprocal_types:  # "swapped prisoners with X": both released
            c.pairs += [(target, source) for source, target in c.pairs]
        if c.is_noun and len({a.code for a in c.targets}) >= 2 and _mediated(s, c.token):
            c.pairs += _among(c.targets, reciprocal=False)  # "talks mediated by Oman": the parties talked too
    return None


def _at_meeting(s: Sentence, c: Candidate) -> bool:
    """ "X, Y and Z held a dialogue to deepen cooperation": an aim voiced at a meeting."""
    return any(meeting_of(s, governor) is not None for governor in [*c.chain[1:], *list(c.token.ancestors)[:2]])


def _venue(s: Sentence, meeting: Token) -> list[Actor]:
    """ "a trilateral meeting in Beijing": the state a meeting of several is in."""
    places = [p for c in meeting.children if c.dep_ == "prep" and c.lower_ in s.grammar.location_preps
              for p in c.children if p.dep_ == "pobj"]
    return [a for p in places for a in phrases.actors_of(s, p) if p.i in s.places] or [
        Actor(s.located[t.i], t.i, 0.8) for p in places for t in p.subtree if t.i in s.located][:1]


def _each_other(s: Sentence, trigger: Token) -> bool:
    """Whether the trigger's object, or that of its preposition, is "each other" or "one another"."""
    objects = [c for c in trigger.children if c.dep_ in ("dobj", "dative")] + [
        p for c in trigger.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    # the parser reads "one another" either way round: "another" after "one", or "one" with "another" under it
    return any(o.lower_ in ("other", "another") and o.i > s.sent.start and s.doc[o.i - 1].lower_ in ("each", "one")
               or o.lower_ == "one" and any(d.lower_ == "another" for d in o.children) for o in objects)


def _mediated(s: Sentence, noun: Token) -> bool:
    return any(clause.lemma_.lower() in s.grammar.host_verbs and phrases.agent_actors(s, clause)
               for clause in repair.noun_clauses(noun))


def _among(actors: list[Actor], *, reciprocal: bool) -> list[tuple[str, str]]:
    """Each pair of the actors once ("X and Y agreed"), or both ways ("X and Y clashed")."""
    codes = list(dict.fromkeys(a.code for a in actors))
    if reciprocal:
        return [(a, b) for a in codes for b in codes if a != b]
    return [(a, b) for i, a in enumerate(codes) for b in codes[i + 1:]]


def member_voice(s: Sentence, c: Candidate) -> str | None:
    """ "'The Security Council expects the Taliban to keep its word,' the US ambassador said": a state's envoy
    voicing what a body asks of or charges another makes the demand the state's own as well."""
    grammar = s.grammar
    if c.entry.type not in grammar.voiced_types or not c.sources or any(a.code in s.states for a in c.sources):
        return None
    body = next((t for t in c.token.children if t.dep_ == "nsubj"), None)
    if body is None or body.lemma_.lower() not in grammar.institution_heads:
        return None
    speakers = [a.code for a in phrases.speaker(s, c.chain) if a.code in s.states]
    c.pairs += [(code, target) for code in speakers for _, target in c.pairs if code != target]
    return None

