"""Referents across sentences: what "it", "the two sides", "the group" or "none of them" stand for.

Reads: the article's running state (`Discourse`: the actors of earlier sentences by role, the actors
named so far and by which nouns, who last accused or attacked whom) and the sentence's own actors.
Writes: the `Discourse`, in one place (`close`, once a sentence is coded) and, for attacks, claims and
recognition, where the candidate passes record what a later sentence may point back to.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Token

from blocwatch.events import arguments, parties, phrases, polarity
from blocwatch.events.sentence import (
    SUBJECTS,
    Actor,
    Candidate,
    Coded,
    Sentence,
    definite,
    is_place,
    personal,
    purpose,
    unique,
)


@dataclass(slots=True)
class Discourse:
    """What earlier sentences leave for later ones: their actors, and attacks nobody claimed yet."""

    subjects: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)  # subjects and objects, not places
    actors: list[str] = field(default_factory=list)
    unclaimed_attacks: list[tuple[str, str | None]] = field(default_factory=list)  # (target, place)
    recognition_target: str | None = None  # what the article's recognition talk is about
    mentions: Counter[str] = field(default_factory=Counter)  # how often the article has named each actor
    last_subjects: list[str] = field(default_factory=list)  # of the latest sentence whose subject was an actor
    accusers: dict[str, str] = field(default_factory=dict)  # the accused or threatened -> who did so last
    attackers: dict[str, str] = field(default_factory=dict)  # the attacked -> who attacked them last
    # "group" -> AFG after "the Taliban" (actors.csv), "council" -> UN after "the UN Security Council"
    described: dict[str, str] = field(default_factory=dict)
    last_attacker: str | None = None
    host: str | None = None  # who hosts the meeting the article tells of, for "attended the meeting"
    attendees: list[str] = field(default_factory=list)  # who took part in it, for "the participants"

    def name(self, code: str, nouns: Iterable[str]) -> None:
        """Remember an actor just named for what a later "the group" or "the council" means."""
        for noun in nouns:
            self.described[noun] = code

    def advance(self, subjects: list[str], participants: list[str], actors: list[str]) -> None:
        """Move on past a sentence with these actors."""
        self.subjects, self.participants, self.actors = subjects, participants, actors
        self.mentions.update(actors)
        if subjects:
            self.last_subjects = subjects


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


def referents(s: Sentence, pronoun: Token, depth: int) -> list[Actor]:
    """What a pronoun stands for: a relative's antecedent, the subject of its clause or of the clause it is
    coordinated with, an actor named before it in the sentence, else the previous sentence's subjects."""
    grammar, doc, codes = s.grammar, s.doc, s.codes
    lower = pronoun.lower_
    if lower in grammar.first_person_pronouns:  # "'we ask Moscow to ...,' the minister said": the speaker's side
        root = s.sent.root
        found = arguments.subject_of(s, root, depth + 1)[0] if root.lemma_ in grammar.speech_verbs else []
        return [Actor(a.code, pronoun.i, 0.8) for a in found]
    if lower in grammar.relative_pronouns and pronoun.head.dep_ == "relcl":
        antecedent = pronoun.head.head
        # "... in the Afghan capital, which killed ...": a place does not kill; but "migrants in Iran,
        # which deported ...": a state does
        if antecedent.dep_ == "pobj" and antecedent.head.lower_ in grammar.location_preps \
                and antecedent.i not in s.state_names:
            return []
        # "Western states, which pulled out, ..., Russia and China kept theirs": later names are not in it
        return [a for a in phrases.actors_of(s, antecedent, depth + 1) if a.token < pronoun.i]
    if pronoun.dep_ == "nsubj" and pronoun.head.dep_ == "conj" and pronoun.head.head.pos_ in ("VERB", "AUX"):
        # "Beijing has yet to recognise the Taliban, but it has accepted ...": the first clause's subject
        first, _ = arguments.subject_of(s, pronoun.head.head, depth + 1)
        if first and (lower in grammar.plural_pronouns) == (len({a.code for a in first}) > 1):
            return [Actor(a.code, pronoun.i, 0.85) for a in first]
    if pronoun.dep_ == "poss" or (pronoun.dep_ == "nsubj" and pronoun.head.dep_ == "ccomp"):
        # "their partnership": the clause's subject; "X said it carried out": the speaker
        bound = _clause_subject(s, pronoun, depth)
        # "Beijing has deepened ties with the Taliban despite not recognising their government": a plural
        # pronoun does not stand for one singular name
        singular = len(bound) == 1 and bound[0].token in s.places
        if bound and not (lower in grammar.plural_pronouns and singular):
            return [Actor(a.code, pronoun.i, 0.85) for a in bound]
    plural = lower in grammar.plural_pronouns
    is_personal = personal(s, pronoun)
    earlier = list(dict.fromkeys(codes[i] for i in sorted(codes)
                                 if i < pronoun.i and doc[i].dep_ != "pobj"
                                 and not (is_personal and (is_place(s, doc[i]) or i in s.institutions))))
    if earlier and not plural:
        return [Actor(earlier[-1], pronoun.i, 0.8)]
    if plural and len(earlier) >= 2:
        return [Actor(code, pronoun.i, 0.8) for code in earlier]
    candidates = list(dict.fromkeys(s.discourse.subjects or s.discourse.actors))
    if plural and not candidates and earlier:
        candidates = earlier  # "the Taliban ... they": a group named in the singular
    if len(candidates) == 1 or (plural and candidates):
        return [Actor(code, pronoun.i, 0.7) for code in candidates]
    return []


def _clause_subject(s: Sentence, pronoun: Token, depth: int) -> list[Actor]:
    """The actors of the nearest subject above a possessive pronoun, outside the pronoun's own phrase."""
    inside = {t.i for t in pronoun.head.subtree} if pronoun.dep_ == "poss" else {pronoun.i}
    for ancestor in pronoun.ancestors:
        if ancestor.pos_ not in ("VERB", "AUX"):
            continue
        if ancestor.dep_ == "acl" and not any(c.dep_ in SUBJECTS for c in ancestor.children):
            # "the decision by Pakistan and Afghanistan to upgrade their ties": the noun's doer
            found = phrases.head_actors(s, ancestor.head, depth + 1)
            if found:
                return found
        for child in ancestor.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i not in inside and child.i < pronoun.i \
                    and pronoun.i not in {t.i for t in child.subtree}:
                found = phrases.actors_of(s, child, depth + 1)
                if personal(s, pronoun) and is_place(s, child):
                    continue
                found = unique(phrases.listed_before(s, child) + found) if found else found
                if found:
                    return found
    return []


def main_state(s: Sentence, token: Token) -> list[Actor]:
    """The state the article names most, counting this sentence's names before `token`: what "the
    country" stands for where no subject or description says otherwise."""
    counts = s.discourse.mentions + Counter(s.codes[i] for i in s.codes if i < token.i)
    # "Washington withdrew its troops from the country": not the clause's own subject
    clause = next((v for v in token.ancestors if any(c.dep_ in SUBJECTS for c in v.children)), None)
    own = {s.codes[t.i] for c in (clause.children if clause is not None else ()) if c.dep_ in SUBJECTS
           for t in c.subtree if t.i in s.codes}
    states = [(n, code) for code, n in counts.items() if code in s.states and code not in own]
    return [Actor(max(states)[1], token.i, 0.6)] if states else []


def described_before(s: Sentence, token: Token) -> str | None:
    """The actor a description such as "the group" last meant, counting names earlier in this sentence."""
    lemma = token.lemma_.lower()
    earlier = [code for start, code, nouns in s.named if start < token.i and lemma in nouns]
    return earlier[-1] if earlier else s.discourse.described.get(lemma)


def latest_subject_described(s: Sentence, subject: Token) -> list[Actor]:
    """ "The ministry did not accuse ...", "the Gulf state", "the participants", "the jets": a
    definite description with no actor of its own stands for the latest subject that was an
    actor, one actor for a singular description or a force, several for a plural group."""
    if not definite(s, subject):
        return []
    grammar = s.grammar
    previous = list(dict.fromkeys(s.discourse.last_subjects))
    lemma = subject.lemma_.lower()
    if subject.tag_ == "NNS" and lemma in grammar.attendee_heads and len(s.discourse.attendees) >= 2:
        return [Actor(code, subject.i, 0.7) for code in s.discourse.attendees]  # "the participants called on"
    if subject.tag_ == "NN" and lemma in grammar.definite_heads and len(previous) == 1:
        return [Actor(previous[0], subject.i, 0.7)]
    if subject.tag_ == "NNS" and lemma in grammar.group_heads and len(previous) >= 2:
        return [Actor(code, subject.i, 0.7) for code in previous]
    if lemma in grammar.force_heads and len(previous) == 1:  # "the jets had targeted ...": one side's
        return [Actor(previous[0], subject.i, 0.7)]
    return []


def partitive(s: Sentence, subject: Token) -> list[Actor]:
    """ "None of them", "none of the four": the group named before."""
    for child in subject.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            groups = [pobj for pobj in child.children if pobj.dep_ == "pobj"]
            found = [a for pobj in groups for a in phrases.actors_of(s, pobj)]
            named = any(pobj.pos_ == "NOUN" and not any(d.lower_ in s.grammar.anaphoric_dets for d in pobj.children)
                        for pobj in groups)
            if found or named:
                return found  # "none of the Central Asian states": a group not named, so nobody
            return _group_before(s, subject)  # "none of them", "none of these countries"
    return []


def _group_before(s: Sentence, token: Token) -> list[Actor]:
    """The group named before `token`: the subjects of the sentence's earlier clauses where they list
    several ("X, Y and Z trade with the Taliban, but none of these states has recognised it": not the
    Taliban), else every actor named before it, else the previous sentence's subjects."""
    doers = list(dict.fromkeys(a.code for t in s.sent if t.i < token.i and t.dep_ in ("nsubj", "nsubjpass")
                               for a in phrases.actors_of(s, t)))
    earlier = doers if len(doers) >= 2 else list(dict.fromkeys(s.codes[i] for i in sorted(s.codes) if i < token.i))
    group = earlier if len(earlier) >= 2 else list(dict.fromkeys(s.discourse.subjects or s.discourse.actors))
    return [Actor(code, token.i, 0.7) for code in group]


def rejected_accuser(s: Sentence, c: Candidate) -> str | None:
    """ "New Delhi dismissed the accusation as baseless", "Kabul rejected the threat": what is rejected is
    whoever last accused or threatened the rejecter; "X said ..., an accusation Kabul rejected": whoever
    said what the accusation sums up."""
    if c.targets or c.entry.type != "REJECT":
        return None
    verb, nouns = c.token, s.grammar.accusation_nouns
    if verb.dep_ == "relcl" and verb.head.lemma_.lower() in nouns:
        clause = next((a for a in verb.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
        speakers = (arguments.speaker(s, polarity.chain(s, clause)) or arguments.subject_of(s, clause)[0]) \
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
    discourse.advance(_subject_codes(s), _participant_codes(s), _all_codes(s))
    for _, code, nouns in s.named:
        discourse.name(code, nouns)


def _subject_codes(s: Sentence) -> list[str]:
    """Codes of the main clause's subject, for pronouns in the next sentence."""
    root = s.sent.root
    for child in root.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return [a.code for a in phrases.actors_of(s, child)]
    # "Zabihullah Mujahid, who led the delegation, called on ...", parsed with the name as the root
    return [s.codes[root.i]] if root.i in s.codes else []


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
