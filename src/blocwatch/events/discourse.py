"""Across sentences: what "the two sides" or "none of them" stand for, and the article's running state
kept up to date (the `Discourse` record itself is in `sentence`, beside the records every pass reads;
what "it" or "the group" stands for is read in `phrases` and `antecedents`).

Reads: the article's running state (`Discourse`: the actors of earlier sentences by role, the actors
named so far and by which nouns, who last accused or attacked whom) and the sentence's own actors.
Writes: the `Discourse`, in one place (`close`, once a sentence is coded) and, for attacks, claims and
recognition, where the candidate passes record what a later sentence may point back to.
"""

from __future__ import annotations

from spacy.tokens import Token

from blocwatch.events import clauses, parties, phrases
from blocwatch.events.sentence import (
    SUBJECTS,
    Actor,
    Candidate,
    Coded,
    Sentence,
    one_person,
    purpose,
)


def pair_phrases(s: Sentence) -> dict[int, list[str]]:
    """Heads of "the two sides"/"both countries" mapped to the actors they stand for."""
    heads: dict[int, list[str]] = {}
    grammar, doc, discourse = s.grammar, s.doc, s.discourse
    previous = discourse.participants if len(discourse.participants) >= 2 else discourse.actors
    # "the two sides", "both countries", "the two foreign ministers": a count and a plural noun
    for match in grammar.pair_pattern.finditer(s.sent.text):
        phrase = match.group(0).lower()
        span = doc.char_span(s.sent.start_char + match.start(), s.sent.start_char + match.end(),
                             alignment_mode="expand")
        if span is None:
            continue
        # The phrase's first plural noun: the pattern may run on ("the two sides signed agreements")
        head = next((t for t in span if t.tag_ in ("NNS", "NNPS")), span.root)
        # Not the actors of the phrase's own clause: "Moscow, which has talked with the Taliban, urged both
        # sides", "Ankara would work with Qatar to bring the two sides back"; but "Kazakhstan sells wheat to
        # Afghanistan, and the two sides signed" names them in a clause of its own
        clause = head
        while clause.head.i != clause.i and (clause.dep_ not in ("ccomp", "conj", "advcl", "relcl", "parataxis")
                                             or purpose(clause)):
            clause = clause.head
        own = {t.i for t in clause.subtree if t.i < span.start}
        before = list(dict.fromkeys(s.codes[i] for i in sorted(s.codes) if i < span.start and i not in own))
        group = before if len(before) >= 2 else previous
        # "the three ministers", "both countries" are states; "the two sides" may be any actors; and
        # not the clause's own subject ("Kabul is mediating between the two sides")
        of_states = head.lemma_.lower() in grammar.definite_heads | grammar.group_heads
        subject = {s.codes[i] for i in own if i in s.codes and s.doc[i].dep_ in SUBJECTS + ("conj", "appos")
                   and not _in_span(head, s.doc[i])}
        def allowed(code: str, subject: set[str] = subject, of_states: bool = of_states) -> bool:
            return code not in subject and (code in s.states or not of_states)

        group = [code for code in group if allowed(code)]
        size = next((n for word, n in grammar.group_sizes if word in phrase), len(group))
        named = discourse.mentions
        if len(group) > size:  # "both sides" after a sentence naming three: the two the story names most
            keep = set(sorted(group, key=lambda code: -named[code])[:size])
            group = [code for code in group if code in keep]
        elif len(group) < size:  # "both countries" after a sentence naming one: those the story names most
            ranked = sorted((code for code in named if allowed(code)),
                            key=lambda code: (-named[code], code not in group))
            group = ranked[:size]
        if len(group) >= 2:
            heads[head.i] = group
    return heads


def _in_span(head: Token, token: Token) -> bool:
    return head.left_edge.i <= token.i <= head.right_edge.i


def rejected_accuser(s: Sentence, c: Candidate) -> str | None:
    """ "New Delhi dismissed the accusation as baseless", "Kabul rejected the threat": what is rejected is
    whoever last accused or threatened the rejecter; "X said ..., an accusation Kabul rejected": whoever
    said what the accusation sums up."""
    if c.targets or c.entry.type != "REJECT":
        return None
    verb, nouns = c.token, s.grammar.accusation_nouns
    if verb.dep_ == "relcl" and verb.head.lemma_.lower() in nouns:
        clause = next((a for a in verb.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
        speakers = (phrases.speaker(s, clauses.chain(s, clause)) or phrases.subject_of(s, clause)[0]) \
            if clause is not None else []
        own = {a.code for a in c.sources}
        c.targets = [Actor(a.code, verb.i, 0.7) for a in speakers if a.code not in own]
    elif any(child.dep_ in ("dobj", "nsubjpass") and child.lemma_.lower() in nouns for child in verb.children):
        accusers = s.discourse.accusers
        c.targets = [Actor(accusers[a.code], verb.i, 0.7) for a in c.sources if a.code in accusers]
    return None


def close(s: Sentence, events: list[Coded]) -> None:
    """Pass on what this sentence leaves for later ones: who accused, threatened or attacked whom (for
    "rejected the accusation", "retaliated"), its subjects, participants and actors (for pronouns),
    and the nouns its names may be recalled by (for "the group")."""
    discourse = s.discourse
    for event in events:
        if event.type in s.grammar.charge_types and not event.negated:
            discourse.accusers[event.target] = event.source
        if event.type == "ASSAULT" and not event.negated:
            discourse.attackers[event.target] = discourse.last_attacker = event.source
    host = parties.host_named(s)
    if host or any(t.lemma_.lower() in s.grammar.meeting_nouns for t in s.sent) and any(
            e.type == "CONSULT" for e in events):
        discourse.host = host or discourse.host  # a meeting told of: its attendees are its participants
        named = [s.codes[i] for i in sorted(s.codes) if not _in_topic(s, s.doc[i])]
        discourse.attendees = list(dict.fromkeys(discourse.attendees + named))
    discourse.officer = _officer(s)
    subjects = _subject_actors(s)
    discourse.advance([a.code for a in subjects], _participant_codes(s), _all_codes(s),
                      lone_person=one_person(s, subjects))
    for _, code, nouns in s.named:
        discourse.name(code, nouns)


def _subject_actors(s: Sentence) -> list[Actor]:
    """Actors of the main clause's subject, for pronouns in the next sentence."""
    root = s.sent.root
    for child in root.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return phrases.actors_of(s, child)
    # "Zabihullah Mujahid, who led the delegation, called on ...", parsed with the name as the root
    return [Actor(s.codes[root.i], root.i)] if root.i in s.codes else []


def _officer(s: Sentence) -> str | None:
    """The state of the main clause's subject when it is one office holder told of by title ("Qatar's foreign
    minister"), for a name the next sentence may call them by."""
    subject = next((c for c in s.sent.root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in s.dateline),
                   None)
    if subject is None or subject.lemma_.lower() not in s.grammar.speaker_titles or subject.tag_ != "NN":
        return None
    found = {a.code for a in phrases.actors_of(s, subject)}
    return found.pop() if len(found) == 1 else None


def named_officer(s: Sentence, verb: Token) -> list[Actor]:
    """ "Qatar's foreign minister held talks in Kabul. Sheikh Mohammed called on ...": a subject named by a
    person the gazetteer does not know, with nothing said of who they are, is the office holder just told of."""
    officer = s.discourse.officer
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if officer is None or subject is None or subject.pos_ != "PROPN" or subject.i in s.codes \
            or any(c.dep_ in ("appos", "acl", "relcl") for c in subject.children):
        return []
    return [Actor(officer, subject.i, 0.6)]


def _all_codes(s: Sentence) -> list[str]:
    """Codes of every actor the sentence names, with those a pair phrase stands for ("the two sides")."""
    return list(dict.fromkeys([s.codes[i] for i in sorted(s.codes)] + _paired_codes(s)))


def _participant_codes(s: Sentence) -> list[str]:
    """Codes of the sentence's actors other than places ("met X in Islamabad"), with those a pair
    phrase stands for ("bring the two sides back to the table")."""
    named = [s.codes[i] for i in sorted(s.codes) if s.doc[i].dep_ != "pobj" or s.doc[i].head.lower_ == "with"]
    return list(dict.fromkeys(named + _paired_codes(s)))


def _in_topic(s: Sentence, token: Token) -> bool:
    """ "a meeting on Afghanistan": a name in what something is about."""
    while token.dep_ in ("conj", "compound", "amod", "poss") and token.head.i != token.i:
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ in s.grammar.topic_preps


def _paired_codes(s: Sentence) -> list[str]:
    return [code for group in s.pairs.values() for code in group]
