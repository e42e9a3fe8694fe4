"""Known misparses of the small English model, recognised in one place.

Reads: the dependency parse of one sentence (and grammar cue words).
Writes: nothing. Each function names one misparse and tells the passes how to look past it.

None of them rewrites the parse: every pass would then see another tree, and the coder's output
would change with it. A rewriting pass is the aim (CODER.md); these predicates are where it starts.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from blocwatch.events.lexicon import Grammar


def dateline(sent: Span) -> range:
    """ "KABUL -", "DOHA:", "Tehran - IRNA -": the wire dateline opening a story names where, not who, though
    the parser may make it the subject."""
    if not (sent[0].is_upper and len(sent[0]) > 2):
        return _agency_dateline(sent)
    for token in sent[:10]:
        if (token.text == ":" or _free_dash(token)) and token.i > sent.start:  # not MAZAR-I-SHARIF's hyphens
            return range(sent.start, token.i)
    return range(0)


def _agency_dateline(sent: Span) -> range:
    """ "Tehran - IRNA -": a city in title case, then the acronym of the agency that filed the story, between
    dashes. The acronym's shape marks it, not a list of agencies: a sentence that opens on a name and a
    dash ("Tehran - the capital - said") goes on in words, not in capitals."""
    opening = next((t for t in sent[1:4] if _free_dash(t)), None)
    if opening is None or not all(t.is_title for t in sent[:opening.i - sent.start]):
        return range(0)
    after = sent[opening.i - sent.start + 1: opening.i - sent.start + 3]
    if len(after) < 2 or not (after[0].is_upper and after[0].is_alpha and len(after[0]) > 1) \
            or not _free_dash(after[1]):
        return range(0)
    return range(sent.start, after[1].i)


def _free_dash(token: Token) -> bool:
    """A dash with a space on either side: punctuation between phrases, not the hyphen inside a name."""
    return token.text in ("-", "–", "—") and bool(token.whitespace_ or token.doc[token.i - 1].whitespace_)


def verb_after_auxiliary(grammar: Grammar, token: Token) -> bool:
    """ "Kabul will telephone diplomats": a bare verb after a modal or an infinitive's "to", which the tagger
    may read as an adjective or a noun before a plural. An adverb or "not" may stand between. The word before
    must be tagged an auxiliary or a particle: "access to aid convoys" has a preposition, "the will of"
    a noun."""
    if token.pos_ not in ("ADJ", "NOUN") or token.lower_ != token.lemma_.lower():
        return False
    before = token.i - 1
    while before > token.sent.start and (token.doc[before].pos_ == "ADV" or token.doc[before].dep_ == "neg"):
        before -= 1
    auxiliary = token.doc[before]
    bare_before = (grammar.modals, grammar.future, grammar.infinitive_marks)
    return before >= token.sent.start and auxiliary.pos_ in ("AUX", "PART") \
        and any(auxiliary.lower_ in words for words in bare_before)


def stative(grammar: Grammar, verb: Token) -> bool:
    """An adjective, or a participle that states an attitude ("is opposed to", "is committed to"), which the
    parser reads as a passive: "Moscow was prepared to" names the doer as its subject."""
    return verb.pos_ == "ADJ" or (verb.lemma_.lower() in grammar.stative_passives
                                  and any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children))


def adjective_as_clause(verb: Token) -> Token | None:
    """ "bombed suspected TTP hideouts": a participle before the object, parsed as a clause of its own."""
    return next((c for c in verb.children if c.i == verb.i + 1 and c.dep_ == "advcl"
                 and c.tag_ in ("VBN", "VBD")), None)


def name_as_verb(codes: dict[int, str], clause: Token) -> bool:
    """ "accused IS fighters of ...": a name (here "IS") misread as the verb of a clause."""
    return clause.i in codes


def participle_as_modifier(verb: Token) -> bool:
    """ "accused of planning", "as invited parties": a participle describing a noun, its doer unnamed; the
    parser may read "as invited parties" as a clause of manner."""
    if verb.tag_ != "VBN":
        return False
    return verb.dep_ in ("acl", "amod") or (verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in verb.children))


def noun_clauses(noun: Token) -> list[Token]:
    """The participle clauses of a noun ("talks mediated by Oman"), with those the parser hangs on the
    measure the noun is counted in ("two days of talks in Muscat mediated by Oman")."""
    clauses = [c for c in noun.children if c.dep_ == "acl"]
    measure = noun.head.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and measure.pos_ == "NOUN":
        clauses += [c for c in measure.children if c.dep_ == "acl" and c.i > noun.i]
    return clauses


def via_adverb(verb: Token) -> bool:
    """ "stopped short of recognising": the verb parsed as hanging on an adverb, not on the verb before it."""
    return verb.dep_ == "advmod" and verb.pos_ == "ADV"


def object_agent(verb: Token) -> list[Token]:
    """ "condemned the shelling by the Taliban": the doer of the object, which the parser hangs on the verb;
    an active verb with an object has no agent of its own."""
    if not any(c.dep_ == "dobj" for c in verb.children) or any(c.dep_ == "auxpass" for c in verb.children):
        return []
    return [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "by" for p in c.children if p.dep_ == "pobj"]


def attribution_as_relative(grammar: Grammar, verb: Token) -> bool:
    """ "X breached the deal by sheltering Zawahiri, the US secretary of state said": a trailing
    attribution, parsed as a relative clause on the nearest noun; a verb of saying with its subject
    after a comma, no relative word and nothing said of its own."""
    if verb.dep_ != "relcl" or verb.lemma_ not in grammar.speech_verbs:
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    start = subject.left_edge.i if subject is not None else verb.sent.start
    return subject is not None and start > verb.sent.start and verb.doc[start - 1].text == "," \
        and subject.lower_ not in grammar.relative_pronouns \
        and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children)


def fronted_whose_object(verb: Token) -> Token | None:
    """ "the Taliban, whose government it has yet to recognise": the relative's object, fronted, which the
    parser hangs on the verb above ("has") rather than on the verb it is the object of. Returns the
    relative clause's antecedent, whose government (or envoy, or embassy) it is."""
    clause = verb.head
    if verb.dep_ != "xcomp" or clause.dep_ != "relcl" or any(c.dep_ == "dobj" for c in verb.children):
        return None
    fronted = any(c.dep_ == "dobj" and c.i < clause.i and any(p.dep_ == "poss" and p.lower_ == "whose"
                                                                for p in c.children) for c in clause.children)
    return clause.head if fronted else None
