"""Finalisation: the event's type and CAMEO code by mood, its confidence and place, one `Coded` a pair.

Reads: the candidate as the passes left it (entry, negation, mood, the verb an intent governs, pairs).
Writes: `Candidate.type`, `cameo` (an announced intention is AGREE 030, a threat or an ultimatum
THREATEN 130, a vow not to act a REJECT 120); the coded events, with an accusation for an act that
another actor alleges; across the sentence's events, one event a key; and, once the event is dated,
its actors as of that date (`at_event_date`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from spacy.tokens import Token

from blocwatch.actors import Gazetteer
from blocwatch.events import phrases, recognition, triggers
from blocwatch.events.sentence import Actor, Candidate, Coded, Sentence, place_of
from blocwatch.plover import RECOGNITION_CAMEO, coded_as
from blocwatch.precision import period_end


def type_and_cameo(s: Sentence, c: Candidate) -> str | None:
    """The type and CAMEO code the entry gives, changed by negation, an ultimatum or a future."""
    entry, conflictual = c.entry, s.lexicon.conflictual
    c.type, c.cameo = entry.type, entry.cameo
    if c.negated and entry.when_negated:
        (c.type, c.cameo), c.negated = entry.when_negated, False
    elif c.mood == "ultimatum":
        c.type, c.cameo = coded_as("threat")  # "will withdraw its force unless ...": an ultimatum
    elif c.mood == "future" and not entry.when_negated:
        # "Norway will send Nepal a loan": an announced intention (CAMEO 03 / 13)
        c.type, c.cameo = coded_as("threat" if entry.type in conflictual else "intent_to_cooperate")
    aim = triggers.match(s, c.embedded) if entry.intent and c.embedded is not None else None
    restraint = c.embedded is not None and (any(child.dep_ == "neg" for child in c.embedded.children)
                                            or _ceasing(s, c.embedded))
    if entry.type == "AGREE" and aim is not None and aim.type in conflictual and not restraint:
        c.type, c.cameo = coded_as("threat")  # "plans to strike the camps": an intent to attack is a threat
    if entry.type == "AGREE" and c.embedded is not None and any(child.dep_ == "neg" for child in c.embedded.children):
        # "vowed never to hand the islands back to Japan": a refusal; "pledged not to attack": a promise of restraint
        aim = triggers.match(s, c.embedded)
        if aim is None or aim.type not in conflictual:
            c.type, c.cameo = coded_as("refusal")
    return None


def _ceasing(s: Sentence, verb: Token) -> bool:
    """ "agreed to halt the fighting", "pledged to end the attacks": an intent to stop hostilities is no threat."""
    grammar = s.grammar
    return verb.lemma_.lower() in grammar.cessation_verbs and any(
        {child.lemma_.lower(), child.lower_} & grammar.hostility_nouns or (aim := triggers.match(s, child)) is not None
        and aim.type == "ASSAULT" for child in verb.children if child.dep_ in ("dobj", "nsubjpass"))


def coded(s: Sentence, c: Candidate) -> list[Coded]:
    """One event for each distinct pair, with its confidence, place and recognition rung."""
    token, entry = c.token, c.entry
    weight = min((a.weight for a in c.sources + c.targets), default=1.0)
    place = place_of(s, token)
    rung = recognition.level(s, token, entry) if c.cameo == RECOGNITION_CAMEO else None
    found = [Coded(token, entry, source, target, c.negated, c.type, c.cameo, round(c.confidence * weight, 2), place,
                   rung, tokens=(_found_on(s, c, source), _found_on(s, c, target)),
                   bygone=any(a.token in s.bygone for a in c.sources + c.targets if a.code in (source, target)))
             for source, target in dict.fromkeys(c.pairs) if source != target]
    if entry.alleged and not c.negated and found:
        found += _allegation(s, token, c.chain, c.sources)
    return found


def _found_on(s: Sentence, c: Candidate, code: str) -> int | None:
    """The token an actor was found on, for `at_event_date` to read again; none for a name the text
    itself dates ("the previous Taliban government")."""
    token = next((actor.token for actor in c.sources + c.targets if actor.code == code), None)
    return None if token in s.bygone else token


def _allegation(s: Sentence, token: Token, chain: list[Token], accused: list[Actor]) -> list[Coded]:
    """ "Islamabad says the Taliban shelter TTP fighters": voiced by another actor, the act is also
    that actor's accusation."""
    entry = s.lexicon.lookup("accuse", "VERB")[0]
    codes = list(dict.fromkeys(a.code for a in accused))
    return [Coded(token, entry, speaker.code, code, False, entry.type, entry.cameo, 0.6)
            for speaker in phrases.speaker(s, chain) if speaker.code not in codes for code in codes]


def distinct(events: list[Coded]) -> list[Coded]:
    """One event per (source, target, type, negated, cameo, rung): the most confident. The rungs of the
    recognition ladder are distinct events ("recognised the Taliban and accepted their ambassador's
    credentials" is both `formal` and `credentials`)."""
    kept: dict[tuple[str, str, str, bool, str, str | None], Coded] = {}
    for event in events:
        key = (event.source, event.target, event.type, event.negated, event.cameo, event.recognition)
        if key not in kept or kept[key].confidence < event.confidence:
            kept[key] = event
    return list(kept.values())



def at_event_date(gazetteer: Gazetteer, event: Coded, aliases: Mapping[int, str], when: tuple[date, str] | None,
                  published: date | None) -> tuple[str, str] | None:
    """The event's source and target as of the event's own date (EVENTS.md: "Russia banned the Taliban
    in 2003" is RUS -> TAL in a 2025 article); None where one of them acted for no one then (a person
    outside every term of office) or both were the same actor.

    The coder reads a sentence's names at the article's date; an event dated by its sentence reads the
    name each actor was found on again at that date. An actor found otherwise (a pronoun, "the group",
    a sentence's claim) keeps the article's reading.

    Args:
        event: the coded event, with the tokens its actors were found on.
        aliases: the sentence's tokens that are part of a name -> that name (the gazetteer's alias).
        when: the event's date and precision; "published" (the article's date standing in) changes nothing.
        published: the article's date.
    """
    pair = (event.source, event.target)
    if when is None or when[1] == "published":
        # A person read at another date the sentence names, out of office at the article's, acts for no one
        people = [aliases.get(token) for token in event.tokens if token is not None]
        return None if any(alias and gazetteer.resolve(alias, on=published) is None for alias in people) else pair
    first, precision = when
    recoded = []
    for code, token in zip(pair, event.tokens, strict=True):
        alias = aliases.get(token) if token is not None else None
        if alias is None:
            recoded.append(code)
            continue
        then = gazetteer.resolve_during(alias, first, period_end(first, precision), near=published)
        if then is None:
            return None
        recoded.append(then.code)
    source, target = recoded
    return None if source == target else (source, target)
