"""Actors named before a phrase that the phrase stands for or takes in, read from what is already known.

Reads: the actors placed on the sentence's tokens (`Sentence.codes`, `named`), the tokens just before
the phrase, and the article's `Discourse` (the subjects and actors of earlier sentences).
Writes: nothing; returns `Actor`s or codes.

`phrases` asks this where a phrase names no actor of its own ("the group", "it", "none of them") or where
the parser hung part of a list of names on an earlier phrase. Everything read here lies before the phrase
and is already resolved, so this resolves no phrase itself: the recursion through pronouns and clause
subjects stays in `phrases`, which lies above this.
"""

from __future__ import annotations

from spacy.tokens import Token

from blocwatch.events.sentence import Actor, Sentence, definite, is_place, one_person, personal, phrase_head


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


def named_before(s: Sentence, pronoun: Token) -> list[Actor]:
    """A pronoun's referent among the names before it: the latest one outside a prepositional phrase
    ("with Afghan officials, we ..., she said"), or all of them for a plural, else the previous sentence's
    subjects."""
    grammar, doc, codes = s.grammar, s.doc, s.codes
    plural = pronoun.lower_ in grammar.plural_pronouns
    is_personal = personal(s, pronoun)
    named = [i for i in sorted(codes) if i < pronoun.i and phrase_head(doc[i]).dep_ != "pobj"
             and not (is_personal and (is_place(s, doc[i]) or i in s.institutions))]
    earlier = list(dict.fromkeys(codes[i] for i in named))
    if earlier and not plural:
        return [Actor(earlier[-1], pronoun.i, 0.8)]
    if plural and len(earlier) >= 2:
        return [Actor(code, pronoun.i, 0.8) for code in earlier]
    if plural and all(one_person(s, [Actor(codes[i], i)]) for i in named):
        earlier = []  # "Dar said on Monday ... they": one person is never "they"
    discourse = s.discourse
    candidates = list(dict.fromkeys(discourse.subjects or discourse.actors))
    if plural and discourse.lone_person:
        # "Dar met Wang Yi. They agreed ...": not the one person who was the subject, but those who took part
        participants = list(dict.fromkeys(discourse.participants))
        candidates = participants if len(participants) >= 2 else []
    if plural and not candidates and earlier:
        candidates = earlier  # "the Taliban ... they": a group named in the singular
    if len(candidates) == 1 or (plural and candidates):
        return [Actor(code, pronoun.i, 0.7) for code in candidates]
    return []


def group_before(s: Sentence, token: Token, doers: list[str]) -> list[Actor]:
    """The group named before `token`: `doers`, the actors of the sentence's earlier subjects, where they are
    several ("X, Y and Z trade with the Taliban, but none of these states has recognised it": not the
    Taliban), else every actor named before it, else the previous sentence's subjects."""
    doers = list(dict.fromkeys(doers))
    earlier = doers if len(doers) >= 2 else list(dict.fromkeys(s.codes[i] for i in sorted(s.codes) if i < token.i))
    group = earlier if len(earlier) >= 2 else list(dict.fromkeys(s.discourse.subjects or s.discourse.actors))
    return [Actor(code, token.i, 0.7) for code in group]


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


def described_before(s: Sentence, token: Token) -> str | None:
    """The actor a description such as "the group" last meant, counting names earlier in this sentence."""
    lemma = token.lemma_.lower()
    earlier = [code for start, code, nouns in s.named if start < token.i and lemma in nouns]
    return earlier[-1] if earlier else s.discourse.described.get(lemma)
