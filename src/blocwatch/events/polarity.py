"""Polarity and modality: whether the text says an event happened, did not, may, or will.

Reads: the chain of words governing the trigger up to its clause's main verb (`chain`), with their
negations, modals, hedges, conditions and the verb of saying that reports them.
Writes: `Candidate.chain`, `negated` and `mood` ("real", "future", "ultimatum", "warned"); drops
hypotheticals, questions, blocked acts ("was barred from joining") and refusals coded by their own
trigger. Obligations ("X must cooperate", as a speaker reports it) become demands.

Scope stops at clause edges: a coordinated finite verb ("had never accepted X and urged Y") is a
clause of its own, which the first one's "not" does not reach.
"""

from __future__ import annotations

from spacy.tokens import Token

from blocwatch.events import clauses, phrases, triggers
from blocwatch.events.sentence import SUBJECTS, Actor, Candidate, Coded, Sentence
from blocwatch.plover import RECOGNITION_CAMEO, coded_as

_COMPLEMENTS = ("xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl", "attr", "oprd", "compound", "amod", "nmod",
                "poss", "dative")


def is_negated(s: Sentence, path: list[Token], trigger: Token) -> bool:
    """Whether the text says the event did not happen."""
    grammar = s.grammar
    for position, token in enumerate(path):
        children = list(token.children)
        if any(c.dep_ == "neg" for c in children) and not (position and _own_clause(path[position - 1])):
            return True
        if position > 0 and token.lemma_.lower() in grammar.negators and token.pos_ in ("VERB", "ADJ", "NOUN"):
            return True
        if position > 0 and (f"{token.head.lemma_.lower()} {token.lower_}" in grammar.phrasal_negators or any(
                f"{token.lemma_.lower()} {c.lower_}" in grammar.phrasal_negators for c in children)):
            return True  # "held back from criticising", with "from" on "held" or on "back"
        if position > 0 and token.lower_ in grammar.negating_preps:
            return True
        if position > 0 and any(c.lower_ == "yet" and c.dep_ == "advmod" for c in children):
            return True
        if position > 0 and path[position - 1].dep_ in SUBJECTS and any(
                c.dep_ == "acomp" and c.lemma_.lower() in grammar.negators for c in children):
            return True  # "recognition is impossible while ..."
        if any(c.dep_ == "det" and c.lower_ in grammar.negating_dets for c in children) and token.pos_ == "NOUN":
            return True
    if negative_subject(s, path):
        return True
    if any(c.dep_ == "det" and c.lower_ == "no" for c in trigger.children):
        return True
    top = path[-1]
    if top.dep_ == "ccomp" and top.head.lemma_.lower() in grammar.negators:
        return True  # "denied that it was sheltering TTP fighters"
    return top.i == s.sent.root.i and _opens_with_no(s)


def negative_subject(s: Sentence, path: list[Token]) -> bool:
    """Whether a clause of the chain has a subject such as "no other country" or "none"."""
    return any(c.dep_ in SUBJECTS and _negative_phrase(s, c) for t in path for c in t.children)


def _negative_phrase(s: Sentence, token: Token) -> bool:
    """ "no country", "none of them"; not "no country but Russia", which names the one that does."""
    negating = s.grammar.negating_dets
    if not (token.lower_ in negating or any(d.dep_ == "det" and d.lower_ in negating for d in token.children)):
        return False
    return not phrases.excepted(s, token)


def _opens_with_no(s: Sentence) -> bool:
    """ "But no government, China included, has recognised ...": a negative quantifier opening the
    sentence negates its main clause, however the parser attached it."""
    words = [t for t in s.sent[:4] if t.lower_ not in s.grammar.sentence_openers]
    if not words or words[0].lower_ not in s.grammar.negating_dets or words[0].i >= s.sent.root.i:
        return False
    return not phrases.excepted(s, words[0].head if words[0].dep_ == "det" else words[0])


def mood(s: Sentence, path: list[Token]) -> str:
    """ "real", "future" (an announced intention), "ultimatum" ("will withdraw unless ...") or
    "irrealis" (hypothetical, conditional, hedged, asked, recommended: not an event)."""
    if _is_ultimatum(s, path):
        return "ultimatum"
    if _is_irrealis(s, path):
        return "irrealis"
    if _is_future(s, path) and not any(t.lemma_.lower() in s.grammar.continuation for t in path[1:]):
        return "future"
    return "real"  # "would keep backing": what goes on, not a new intention


def _is_ultimatum(s: Sentence, path: list[Token]) -> bool:
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in s.grammar.ultimatum_marks
                                         for m in c.children) for t in path for c in t.children)


def _is_future(s: Sentence, path: list[Token]) -> bool:
    return any(c.dep_ == "aux" and (c.lower_ in s.grammar.future or _reported_would(s, c, path))
               for t in path for c in t.children)


def _reported_would(s: Sentence, aux: Token, path: list[Token]) -> bool:
    """ "said they would attend": the future of a past report, not a hypothetical, whoever said it."""
    return aux.lower_ == "would" and clauses.speech_verb(s, path) is not None


def _is_irrealis(s: Sentence, path: list[Token]) -> bool:
    grammar = s.grammar
    if s.sent.text.rstrip().endswith("?"):
        return True
    for position, token in enumerate(path):
        for child in token.children:
            if child.dep_ == "aux" and child.lower_ in grammar.modals and not _reported_would(s, child, path):
                return True
            if child.dep_ in ("mark", "advmod") and child.lower_ in grammar.conditional_marks:
                return True
            if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in grammar.conditional_marks
                                             for m in child.children) and _is_future(s, path):
                return True  # "will resume aid once an elected cabinet sits"
        if position > 0 and token.lemma_.lower() in grammar.hedges and not _coordinated_clause(path[position - 1]):
            return True
    root = path[-1]
    if root.dep_ == "ROOT" and root.tag_ == "VB" and not any(c.dep_ in SUBJECTS for c in root.children):
        return True  # an imperative: a recommendation, not a report
    trigger = path[0]
    if any(c.dep_ == "amod" and c.lower_ in grammar.prospective_modifiers for c in trigger.children):
        return True  # "a planned visit", "the proposed deal"
    # "turned down a request for its troops to be sent", "threatened to impose restrictions": the content
    # of a rejection, a demand or an intention is not something that happened
    child = trigger
    for ancestor in trigger.ancestors:
        if child.dep_ not in _COMPLEMENTS or clauses.time_adjunct(s, child):
            break  # a coordinated phrase, a subject, an adverbial clause or a time adjunct is an event of its own
        if ancestor.lemma_.lower() in grammar.hedges and ancestor.pos_ in ("VERB", "NOUN"):
            return True
        child = ancestor
    return False


def _own_clause(token: Token) -> bool:
    """A finite verb coordinated with another ("had never accepted X and urged Y"): its own clause,
    which the other's "not" does not reach; a bare one shares it ("did not recognise or engage")."""
    return token.dep_ == "conj" and token.tag_ in ("VBD", "VBZ", "VBP")


def _coordinated_clause(token: Token) -> bool:
    """ "we hope X, and we ask Y": a verb coordinated with a subject of its own is not under the first
    verb's hedge (though both stay under the verb of saying that reports them)."""
    return token.dep_ == "conj" and any(c.dep_ in SUBJECTS for c in token.children)


def _tips_off(s: Sentence, verb: Token) -> bool:
    """Whether a warning reports an attack that unnamed others plan, rather than threatening one."""
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        doers = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        if doers and all(d.pos_ == "NOUN" and not phrases.actors_of(s, d) for d in doers) and any(
                triggers.is_attack(s, t) for t in clause.subtree):
            return True
    return False


def obligations(s: Sentence) -> list[Coded]:
    """ "Chirac said Iraq must cooperate": a demand the speaker makes of the clause's subject; "the reserves
    must come home from American banks": of whom a thing must leave, where no other actor is the subject."""
    entry = s.lexicon.lookup("demand", "VERB")[0]
    events = []
    for token in s.sent:
        if not any(c.dep_ == "aux" and c.lower_ in s.grammar.obligation for c in token.children):
            continue
        speaker = phrases.speaker(s, clauses.chain(s, token))
        warned: list[Actor] = []
        if not speaker:
            speaker, warned = _warning(s, token)
        own = {a.code for a in speaker}
        addressees = [a for a in phrases.subject_of(s, token)[0] if a.code not in own] or phrases.prep_actors(
            s, token, s.grammar.yielding_preps) or warned
        events += [Coded(token, entry, a.code, t.code, False, *coded_as("demand"), 0.6)
                   for a in speaker for t in addressees if a.code != t.code]
    return events


def _warning(s: Sentence, clause: Token) -> tuple[list[Actor], list[Actor]]:
    """ "I am issuing a warning to Kabul, that they should release the water": a that-clause the parser
    hangs on the verb whose object is a warning says what its subject demands, and of whom."""
    verb = clause.head
    content = clause.dep_ in ("advcl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that"
                                                        for m in clause.children)
    if not content or not any(c.dep_ == "dobj" and c.lemma_.lower() in s.grammar.accusation_nouns
                              for c in verb.children):
        return [], []
    return phrases.subject_of(s, verb)[0], phrases.prep_actors(s, verb, {"to"})


# --- passes ---------------------------------------------------------------------------------


def scope(s: Sentence, c: Candidate) -> str | None:
    """Set the chain; a blocker above the trigger ("was barred from joining") drops it unless negated
    ("did not prevent Moscow from hosting": it happened), which cuts the chain there."""
    path = clauses.chain(s, c.token)
    blocker = next((i for i, t in enumerate(path) if i and t.lemma_.lower() in s.grammar.blockers), None)
    if blocker is not None:
        if not any(child.dep_ == "neg" for child in path[blocker].children):
            return f"blocked by {path[blocker].text!r}"
        path = path[:blocker]
    c.chain = path
    return None


def negation(s: Sentence, c: Candidate) -> str | None:
    """Set `negated`; an entry that is only an event when negated ("stopped short of") needs it."""
    c.negated = is_negated(s, c.chain, c.token)
    if c.entry.only_negated and not c.negated:
        return "an entry that counts only when negated"
    return None


def modality(s: Sentence, c: Candidate) -> str | None:
    """Set `mood`; drop what did not happen, except a conflictual act voiced as a possibility by a
    speaker ("Rubio said the US could put a bounty on them"), kept as a possible threat."""
    c.mood = mood(s, c.chain)
    if c.mood == "irrealis" and not (c.entry.when_negated and c.negated):
        if c.entry.type not in s.lexicon.conflictual or clauses.speech_verb(s, c.chain) is None:
            return "hypothetical, conditional, hedged or asked"
        c.mood = "warned"
    return None


def refusal(s: Sentence, c: Candidate) -> str | None:
    """ "refused to commit aid": the refusal is the event; only recognition is kept negated."""
    # in this order: matching a word may use up its object (Sentence.consumed), whatever the cameo
    if c.negated and any(t.lemma_.lower() in s.grammar.negators and triggers.match(s, t) is not None
                         for t in c.chain[1:]) and c.entry.cameo != RECOGNITION_CAMEO:
        return "refused: the refusal is coded as its own event"
    return None


def credited_outcome(s: Sentence, c: Candidate) -> str | None:
    """ "a forum which helped the three nations collaborate": what a thing, not an actor, is said to have
    let others do is an effect credited to it, not their act."""
    top = c.chain[-1]
    enabler = top.head if top.dep_ in ("ccomp", "xcomp") else None
    if enabler is None or enabler.lemma_.lower() not in s.grammar.enabling_verbs:
        return None
    doers, has_subject = phrases.subject_of(s, enabler)
    return "an outcome credited to a thing" if has_subject and not doers else None


def claim_not_made(s: Sentence, c: Candidate) -> str | None:
    """ "IS-K has not claimed the attack", "no group took responsibility for it": a claim not made
    says nothing of who attacked (unlike "denied carrying out the attack", which stays negated)."""
    if not (c.negated and c.entry.type == "ASSAULT"):
        return None
    verbs = s.grammar.responsibility_verbs
    if any(t.lemma_.lower() in verbs and (any(ch.dep_ == "neg" for ch in t.children) or negative_subject(s, [t]))
           for t in c.chain[1:]):
        return "a claim of responsibility not made"
    return None


def tip_off(s: Sentence, c: Candidate) -> str | None:
    """ "warned Moscow that extremists were planning an attack": a tip-off, not a threat."""
    if c.token.lemma_.lower() in s.grammar.warning_verbs and _tips_off(s, c.token):
        return "a warning of others' attack"
    return None


def own_warning(s: Sentence, c: Candidate) -> str | None:
    """A possible threat counts only as the speaker's own side's, with its doer found, not guessed."""
    if c.mood != "warned":
        return None
    if not c.has_subject or not {a.code for a in phrases.speaker(s, c.chain)} & {a.code for a in c.sources}:
        return "another's possible act, or one whose doer is only guessed"
    c.mood = "future"
    return None
