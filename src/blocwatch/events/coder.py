"""Code the events of one parsed sentence: trigger -> source and target actors -> polarity.

Works over the dependency parse: verbs take their subject (or passive agent) as source and
their object or prepositional complement as target; nouns take a possessor, a by-phrase or
the subject of the light verb they serve ("voiced backing for"). Intent frames
("pledged to work with X") code the promise, not the act. Pronouns and "the two sides"
resolve to the previous sentence's actors. Negated events are kept with `negated`;
hypotheticals, conditionals, predictions and questions are dropped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from blocwatch.actors import CAPITAL, NAME, PLACE, Gazetteer, Mention, ResolvedActor
from blocwatch.events.lexicon import Grammar, Lexicon, Trigger

_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")
_CLIMB = ("xcomp", "pcomp", "acomp", "advcl", "prep", "dobj", "pobj", "attr", "oprd", "appos", "acl", "amod",
          "compound", "ccomp", "relcl", "dative", "npadvmod", "nmod", "poss", "agent", "dep")
_CLAUSE_EDGE = ("ccomp", "relcl", "advcl", "parataxis")
_RELATIVE = {"who", "which", "that", "whom"}
_MODIFIERS = ("poss", "compound", "amod", "nmod", "nummod", "npadvmod")
_COMPLEMENTS = ("xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl", "attr", "oprd", "compound", "amod", "nmod",
                "poss", "dative")
_LOCATED = ("ASSAULT", "COERCE", "MOBILIZE")  # event types whose place can be their target
_MUTUAL = ("AGREE", "CONSULT", "COOPERATE")  # event types a group does among itself
_CONFLICT = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
_MODIFIER_ORDER = {"poss": 0, "compound": 1, "nmod": 2, "appos": 3, "amod": 4}
_NP_PREPS = ("by", "of", "as", "like", "including")
_COMPANIONS = {"like", "alongside", "with"}
_OBJECT_CONTROL = {"urge", "ask", "invite", "allow", "help", "force", "persuade", "tell", "encourage", "press",
                   "call", "push", "order", "permit", "enable", "require"}
_PUSHING = {"urge", "force", "persuade", "encourage", "press", "push", "order", "require"}


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor found for a role, with the token it hangs on and how sure we are."""

    code: str
    token: int
    weight: float = 1.0


@dataclass(slots=True)
class Coded:
    """An event of one sentence before dates and contexts are added."""

    trigger: Token
    entry: Trigger
    source: str
    target: str
    negated: bool
    type: str
    cameo: str
    confidence: float
    place: str | None = None
    recognition: str | None = None  # the rung of the recognition ladder, for cameo 054


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

    def name(self, code: str, nouns: Iterable[str]) -> None:
        """Remember an actor just named for what a later "the group" or "the council" means."""
        for noun in nouns:
            self.described[noun] = code
    last_attacker: str | None = None

    def advance(self, subjects: list[str], participants: list[str], actors: list[str]) -> None:
        """Move on past a sentence with these actors."""
        self.subjects, self.participants, self.actors = subjects, participants, actors
        self.mentions.update(actors)
        if subjects:
            self.last_subjects = subjects


class SentenceCoder:
    """Codes events in one parsed sentence with its actor mentions resolved."""

    def __init__(self, sent: Span, mentions: list[Mention], *, gazetteer: Gazetteer, lexicon: Lexicon,
                 on: date | None, discourse: Discourse):
        self.sent = sent
        self.doc: Doc = sent.doc
        self.grammar: Grammar = lexicon.grammar
        self.lexicon = lexicon
        self.discourse = discourse
        self.codes: dict[int, str] = {}
        self.located: dict[int, str] = {}  # tokens of provinces and cities -> their state; never actors
        # where each mention starts, its actor, and the nouns a later description may call it by
        self._named: list[tuple[int, str, frozenset[str]]] = []
        # A state or capital named outright is never "he" or "his": "Beijing accepted his credentials"
        self.places = {i for m in mentions if m.kind in (NAME, CAPITAL) for i in range(m.start, m.end)}
        self.state_names = {i for m in mentions if m.kind == NAME for i in range(m.start, m.end)}
        for mention in mentions:
            resolved = gazetteer.resolve(mention.alias, on=on)
            if resolved:
                for i in range(mention.start, mention.end):
                    (self.located if resolved.kind == PLACE else self.codes)[i] = resolved.code
                if resolved.kind != PLACE:
                    self._named.append((mention.start, resolved.code, self._recall_nouns(mention, resolved)))
        self.dateline = self._dateline()
        for i in self.dateline:
            self.codes.pop(i, None)
        self.consumed: set[int] = set()
        self.states = gazetteer.states
        self.pairs = self._pair_phrases()

    # --- actors --------------------------------------------------------------------------

    def _dateline(self) -> range:
        """ "KABUL -", "DOHA:": the wire dateline opening a story names where, not who."""
        if not (self.sent[0].is_upper and len(self.sent[0]) > 2):
            return range(0)
        for token in self.sent[:10]:
            free_dash = token.text in ("-", "–", "—") and bool(token.whitespace_ or self.doc[token.i - 1].whitespace_)
            if (token.text == ":" or free_dash) and token.i > self.sent.start:  # not MAZAR-I-SHARIF's hyphens
                return range(self.sent.start, token.i)
        return range(0)

    def _recall_nouns(self, mention: Mention, resolved: ResolvedActor) -> frozenset[str]:
        """What a later definite description may call this actor: its actors.csv nouns ("the group"), and
        for an institution the last word of its name or the noun its name modifies ("the council" after
        "the UN Security Council", "the committee" after "the UN Security Council committee")."""
        head = self.doc[mention.end - 1]
        while head.dep_ == "compound" and head.head.i > head.i:
            head = head.head
        named = {self.doc[mention.end - 1].lower_, head.lemma_.lower()} & self.grammar.institution_heads
        return resolved.described_as | named

    def _pair_phrases(self) -> dict[int, list[str]]:
        """Heads of "the two sides"/"both countries" mapped to the previous sentence's actors."""
        heads: dict[int, list[str]] = {}
        discourse = self.discourse
        previous = discourse.participants if len(discourse.participants) >= 2 else discourse.actors
        # "the two sides", "both countries", "the two top diplomats": a count and a plural noun
        for match in self.grammar.pair_pattern.finditer(self.sent.text):
            phrase = match.group(0).lower()
            span = self.doc.char_span(self.sent.start_char + match.start(), self.sent.start_char + match.end(),
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
                                                 or _purpose(clause)):
                clause = clause.head
            own = {t.i for t in clause.subtree if t.i < span.start}
            before = list(dict.fromkeys(self.codes[i] for i in sorted(self.codes) if i < span.start and i not in own))
            group = before if len(before) >= 2 else previous
            # "the three ministers", "both countries" are states; "the two sides" may be any actors
            of_states = head.lemma_.lower() in self.grammar.definite_heads | self.grammar.group_heads
            allowed = (lambda code: code in self.states) if of_states else (lambda code: True)
            group = [code for code in group if allowed(code)]
            size = 3 if "three" in phrase else 2 if ("two" in phrase or "both" in phrase) else len(group)
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

    def actors_of(self, token: Token, depth: int = 0) -> list[Actor]:
        """The actors a noun phrase stands for, with its conjuncts ("China, Iran and Russia")
        and its companions ("Russia, like China and Iran, ...")."""
        found = []
        for head in (token, *token.conjuncts):
            found += self._head_actors(head, depth)
            # "Dar and his host, Amir Khan Muttaqi": a name in apposition to a coordination adds its actor
            found += [Actor(self.codes[c.i], c.i) for c in head.children if c.dep_ == "appos" and c.i in self.codes]
        if found and depth == 0 and token.dep_ in ("nsubj", "nsubjpass"):
            found = self._listed_before(token) + found
        if found and depth == 0 and token.dep_ != "pobj":  # "support for the regime with the minister": no companion
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in _COMPANIONS:
                    found += [a for p in child.children if p.dep_ == "pobj" for a in self.actors_of(p, 1)]
        return _unique(found)

    def _clause_subject(self, pronoun: Token, depth: int) -> list[Actor]:
        """The actors of the nearest subject above a possessive pronoun, outside the pronoun's own phrase."""
        inside = {t.i for t in pronoun.head.subtree} if pronoun.dep_ == "poss" else {pronoun.i}
        for ancestor in pronoun.ancestors:
            if ancestor.pos_ not in ("VERB", "AUX"):
                continue
            if ancestor.dep_ == "acl" and not any(c.dep_ in _SUBJECTS for c in ancestor.children):
                # "the decision by Pakistan and Afghanistan to upgrade their ties": the noun's doer
                found = self._head_actors(ancestor.head, depth + 1)
                if found:
                    return found
            for child in ancestor.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.i not in inside and child.i < pronoun.i \
                        and pronoun.i not in {t.i for t in child.subtree}:
                    found = self.actors_of(child, depth + 1)
                    if self._personal(pronoun) and self._is_place(child):
                        continue
                    found = _unique(self._listed_before(child) + found) if found else found
                    if found:
                        return found
        return []

    def _listed_before(self, subject: Token) -> list[Actor]:
        """ "..., China, Iran, and Russia have refrained": names the parser hung on an earlier phrase."""
        listed: list[Actor] = []
        i = subject.i - 1
        while i > self.sent.start and self.doc[i].lower_ in (",", "and", "or"):
            i -= 1
            while i >= self.sent.start and self.doc[i].lower_ in (",", "and", "or"):
                i -= 1
            if i < self.sent.start or i not in self.codes or self.doc[i].dep_ == "pobj":
                break  # "ties with the Taliban, China, Iran and Russia": the list starts after the phrase
            code = self.codes[i]
            while i > self.sent.start and self.codes.get(i - 1) == code:
                i -= 1  # the start of a multi-word name
            listed.insert(0, Actor(code, i, 0.9))
            i -= 1
        # "Raisi and Prime Minister Shehbaz Sharif signed", with "Raisi" read as a modifier of the title
        own = self.codes.get(subject.i)
        listed += [Actor(self.codes[t.i], t.i, 0.9) for t in subject.subtree
                   if t.i < subject.i and t.i in self.codes and self.codes[t.i] != own
                   and self.doc[t.i + 1].lower_ in ("and", ",") and t.dep_ not in ("pobj", "poss")]
        return listed

    def _head_actors(self, token: Token, depth: int) -> list[Actor]:
        if token.i in self.codes:
            return [Actor(self.codes[token.i], token.i)]
        if depth > 6:  # guards the pronoun -> clause subject -> pronoun cycle
            return []
        if token.i in self.pairs:
            return [Actor(code, token.i, 0.8) for code in self.pairs[token.i]]
        lower = token.lower_
        if token.pos_ == "PRON" or lower in self.grammar.plural_pronouns | self.grammar.singular_pronouns:
            return self._referents(token, depth)
        if token.lemma_.lower() in self.grammar.non_actor_heads:
            return []
        if self._excepted(token) and any(d.dep_ == "det" and d.lower_ in self.grammar.negating_dets
                                         for d in token.children):
            # "no SCO member except Russia": the exception alone acts
            return [a for c in token.children if c.lower_ in self.grammar.exceptions and c.dep_ == "prep"
                    for p in c.children if p.dep_ == "pobj" for a in self.actors_of(p, depth + 1)]
        for child in sorted(token.children, key=lambda c: _MODIFIER_ORDER.get(c.dep_, 9)):
            if child.dep_ in _MODIFIERS or child.dep_ == "appos":
                found = self.actors_of(child, depth + 1)  # "Hungarian and Romanian officials"
                if found:
                    return found
        for child in token.children:  # "the credentials presented by Karimi"
            if child.dep_ == "acl":
                for agent in child.children:
                    if agent.dep_ == "agent":
                        found = [a for p in agent.children if p.dep_ == "pobj" for a in self.actors_of(p, depth + 1)]
                        if found:
                            return found
        # "the administration in Kabul": a government is named by its seat, even where the parser
        # hung "in Kabul" on the verb ("recognised the government in Kabul")
        seated = token.lemma_.lower() in self.grammar.seated_heads
        np_preps = _NP_PREPS + (("in",) if seated else ()) + ("from",)
        phrases = list(token.children) + [c for c in token.head.children if seated and c.i == token.right_edge.i + 1]
        preps = sorted((c for c in phrases if c.dep_ == "prep" and c.lower_ in np_preps),
                       key=lambda c: np_preps.index(c.lower_))
        for prep in preps:  # "a breach of its borders by the army": the by-phrase names the doer
            for grandchild in prep.children:
                # "gunmen from the BLA" are the group's, "envoys" or "troops from Russia" the state's;
                # "militants from Afghanistan" are not the state's
                if grandchild.dep_ == "pobj" and not (prep.lower_ == "from" and self._is_place(grandchild)
                                                      and token.lemma_.lower() not in self.grammar.state_agent_heads):
                    found = self.actors_of(grandchild, depth + 1)
                    if found:
                        return found
        # "the group's government", "pressed the council to ease the sanctions": the actor last named so;
        # not "the same group" or "another group", which point past the latest one
        described = self._described_before(token)
        if described and self._definite(token) and not any(c.lower_ in ("same", "other") for c in token.children):
            return [Actor(described, token.i, 0.75)]
        return []

    def _described_before(self, token: Token) -> str | None:
        """The actor a description such as "the group" last meant, counting names earlier in this sentence."""
        lemma = token.lemma_.lower()
        earlier = [code for start, code, nouns in self._named if start < token.i and lemma in nouns]
        return earlier[-1] if earlier else self.discourse.described.get(lemma)

    def _referents(self, pronoun: Token, depth: int) -> list[Actor]:
        lower = pronoun.lower_
        if lower in _RELATIVE and pronoun.head.dep_ == "relcl":
            antecedent = pronoun.head.head
            # "... in the Afghan capital, which killed ...": a place does not kill; but "migrants in Iran,
            # which deported ...": a state does
            if antecedent.dep_ == "pobj" and antecedent.head.lower_ in self.grammar.location_preps \
                    and antecedent.i not in self.state_names:
                return []
            # "Western states, which pulled out, ..., Russia and China kept theirs": later names are not in it
            return [a for a in self.actors_of(antecedent, depth + 1) if a.token < pronoun.i]
        if pronoun.dep_ == "nsubj" and pronoun.head.dep_ == "conj" and pronoun.head.head.pos_ in ("VERB", "AUX"):
            # "Beijing has yet to recognise the Taliban, but it has accepted ...": the first clause's subject
            first, _ = self.subject_of(pronoun.head.head, depth + 1)
            if first and (lower in self.grammar.plural_pronouns) == (len({a.code for a in first}) > 1):
                return [Actor(a.code, pronoun.i, 0.85) for a in first]
        if pronoun.dep_ == "poss" or (pronoun.dep_ == "nsubj" and pronoun.head.dep_ == "ccomp"):
            # "their partnership": the clause's subject; "X said it carried out": the speaker
            bound = self._clause_subject(pronoun, depth)
            # "Beijing has deepened ties with the Taliban despite not recognising their government": a plural
            # pronoun does not stand for one singular name
            singular = len(bound) == 1 and bound[0].token in self.places
            if bound and not (lower in self.grammar.plural_pronouns and singular):
                return [Actor(a.code, pronoun.i, 0.85) for a in bound]
        plural = lower in self.grammar.plural_pronouns
        personal = self._personal(pronoun)
        earlier = list(dict.fromkeys(self.codes[i] for i in sorted(self.codes)
                                     if i < pronoun.i and self.doc[i].dep_ != "pobj"
                                     and not (personal and self._is_place(self.doc[i]))))
        if earlier and not plural:
            return [Actor(earlier[-1], pronoun.i, 0.8)]
        if plural and len(earlier) >= 2:
            return [Actor(code, pronoun.i, 0.8) for code in earlier]
        candidates = list(dict.fromkeys(self.discourse.subjects or self.discourse.actors))
        if plural and not candidates and earlier:
            candidates = earlier  # "the Taliban ... they": a group named in the singular
        if len(candidates) == 1 or (plural and candidates):
            return [Actor(code, pronoun.i, 0.7) for code in candidates]
        return []

    def _personal(self, pronoun: Token) -> bool:
        return pronoun.lower_ in self.grammar.personal_pronouns

    def _is_place(self, token: Token) -> bool:
        """A state or capital standing for itself ("Beijing accepted"), not modifying a person ("Jordan's king")."""
        return token.i in self.places and token.dep_ not in ("poss", "compound", "amod", "nmod")

    # --- sources ---------------------------------------------------------------------------

    def subject_of(self, verb: Token, depth: int = 0) -> tuple[list[Actor], bool]:
        """Actors of a verb's subject, climbing through xcomp/conj chains.

        Returns:
            The actors and whether a grammatical subject was found at all (an expert's or a
            bomber's subject blocks guessing a source from nearby words).
        """
        # "DOHA - X and Y signed": a dateline parsed as a subject is tried last
        # an adjective has no passive: "Moscow was prepared to", "Israel is opposed to" parsed as passives
        # still name the doer
        labels = ("nsubj", "csubj", "nsubjpass") if self._stative(verb) else ("nsubj", "csubj")
        subjects = sorted((c for c in verb.children if c.dep_ in labels), key=lambda c: c.i in self.dateline)
        for child in subjects:
            if child.lower_ in ("none", "neither") or child.lower_ in _RELATIVE and verb.dep_ != "relcl":
                return self._subject_of_partitive(child), True
            if child.lemma_.lower() in self.grammar.non_actor_heads:
                return [], False  # an analyst's words: the state they speak of is named elsewhere
            found = self.actors_of(child) or self._latest_subject_described(child) or self._reported_forces(child, verb)
            if found or child.i == subjects[-1].i:
                return found, True
        for child in verb.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return self.actors_of(pobj), True
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            return [], False
        if depth > 4 or verb.dep_ == "ROOT":
            return [], False
        head = verb.head
        # "pushed China and Russia to strengthen", the infinitive sometimes parsed as a clause of purpose
        # (but "called Putin to offer condolences" is the caller's purpose)
        if head.lemma_ in _OBJECT_CONTROL and (verb.dep_ == "xcomp" or _purpose(verb) and head.lemma_ in _PUSHING):
            for child in head.children:
                if child.dep_ in ("dobj", "dative"):
                    return self.actors_of(child), True
        if verb.dep_ == "conj" and head.dep_ == "ccomp":
            found, has_subject = self.subject_of(head, depth + 1)
            # "officials said two attackers were Pakistanis and accused Islamabad": the parser may hang
            # the speakers' second verb on what they said
            return (found, has_subject) if found else self.subject_of(head.head, depth + 1)
        if verb.dep_ in ("xcomp", "conj", "advcl", "acomp", "ccomp") or (verb.dep_ == "advmod" and verb.pos_ == "ADV"):
            return self.subject_of(head, depth + 1)  # advmod: "stopped short of recognising", parsed via the adverb
        if verb.dep_ == "pcomp" and head.lower_ in ("for", "of"):
            # "blacklisted three firms for supplying it", "thanked Russia for hosting": the object does it
            objects = [c for c in head.head.children if c.dep_ == "dobj"]
            if objects:
                return self.actors_of(objects[0]), True
        if verb.dep_ == "pcomp" or (verb.dep_ == "pobj" and head.dep_ == "prep"):
            return self.subject_of(head.head, depth + 1)
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            return [], False  # "a commander accused of planning the bombing": the commander is accused, not accuser
        if verb.dep_ in ("acl", "relcl"):
            found = self.actors_of(head, 1)
            return found, bool(found)
        return [], False

    def _reported_forces(self, subject: Token, verb: Token) -> list[Actor]:
        """ "Pakistani officials said security forces killed two commanders": unnamed forces are the speaker's,
        where the speaker is a state (a rights group speaks of others' forces)."""
        if subject.lemma_.lower() not in self.grammar.force_heads:
            return []
        return [Actor(a.code, subject.i, 0.7) for a in self._speaker(self.chain(verb)) if a.code in self.states]

    def _stative(self, verb: Token) -> bool:
        """An adjective, or a participle that states an attitude ("is opposed to", "is committed to")."""
        return verb.pos_ == "ADJ" or (verb.lemma_.lower() in self.grammar.stative_passives
                                      and any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children))

    def _latest_subject_described(self, subject: Token) -> list[Actor]:
        """ "The ministry did not accuse ...", "the Gulf state", "the participants", "the jets": a
        definite description with no actor of its own stands for the latest subject that was an
        actor, one actor for a singular description or a force, several for a plural group."""
        if not self._definite(subject):
            return []
        previous = list(dict.fromkeys(self.discourse.last_subjects))
        lemma = subject.lemma_.lower()
        if subject.tag_ == "NN" and lemma in self.grammar.definite_heads and len(previous) == 1:
            return [Actor(previous[0], subject.i, 0.7)]
        if subject.tag_ == "NNS" and lemma in self.grammar.group_heads and len(previous) >= 2:
            return [Actor(code, subject.i, 0.7) for code in previous]
        if lemma in self.grammar.force_heads and len(previous) == 1:  # "the jets had targeted ...": one side's
            return [Actor(previous[0], subject.i, 0.7)]
        return []

    def _subject_of_partitive(self, subject: Token) -> list[Actor]:
        """ "None of them", "none of the four": the group named before."""
        for child in subject.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                groups = [pobj for pobj in child.children if pobj.dep_ == "pobj"]
                found = [a for pobj in groups for a in self.actors_of(pobj)]
                named = any(pobj.pos_ == "NOUN" and not any(d.lower_ in ("these", "those") for d in pobj.children)
                            for pobj in groups)
                if found or named:
                    return found  # "none of the Central Asian states": a group not named, so nobody
                return self._group_before(subject)  # "none of them", "none of these countries"
        return []

    def _group_before(self, token: Token) -> list[Actor]:
        earlier = list(dict.fromkeys(self.codes[i] for i in sorted(self.codes) if i < token.i))
        group = earlier if len(earlier) >= 2 else list(dict.fromkeys(self.discourse.subjects or self.discourse.actors))
        return [Actor(code, token.i, 0.7) for code in group]

    def noun_source(self, noun: Token, entry: Trigger) -> tuple[list[Actor], bool]:
        """A nominal event's doer: its possessor, a by-phrase, or the subject of its light verb."""
        for child in noun.children:
            if child.dep_ == "poss":
                return self.actors_of(child), True
            if entry.from_source and child.dep_ == "prep" and child.lower_ == "from":
                found = [a for p in child.children if p.dep_ == "pobj" for a in self.actors_of(p)]
                if found:  # "the expulsion of Afghans from Pakistan": the expeller
                    return found, True
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                return [a for p in child.children if p.dep_ == "pobj" for a in self.actors_of(p)], True
            if child.dep_ == "acl":
                for agent in child.children:
                    if agent.dep_ == "agent":
                        return [a for p in agent.children if p.dep_ == "pobj" for a in self.actors_of(p)], True
            if entry.of == "source" and child.dep_ == "prep" and child.lower_ == "of":
                found = [a for p in child.children if p.dep_ == "pobj" for a in self.actors_of(p)]
                if found:
                    return found, True
        modifiers = [a for child in noun.children if child.dep_ in ("amod", "compound", "nmod")
                     for a in self._head_actors(child, 1)]
        if modifiers:
            return modifiers, True
        if entry.of == "source" and noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
            return self.subject_of(noun.head)  # "speeded up the withdrawal of forces from Panama"
        governor = self._governing_verb(noun)
        if governor is not None:
            return self.subject_of(governor)
        return [], False

    def _received(self, noun: Token) -> tuple[list[Actor], list[Actor]] | None:
        """ "The ban drew criticism from Uzbekistan": the from-phrase gives, the receiving verb's subject gets."""
        verb = noun.head
        if noun.dep_ != "dobj" or verb.lemma_.lower() not in self.grammar.receiving_verbs:
            return None
        givers = self._prep_actors(noun, {"from"}) or self._prep_actors(verb, {"from"})
        receivers = self.subject_of(verb)[0] if givers else []
        return (givers, receivers) if receivers else None

    def _governing_verb(self, noun: Token) -> Token | None:
        """The verb whose subject does a nominal event: a light verb it is the object of ("extend
        recognition", "voiced backing"), or the verb of the clause it frames ("In a call with
        Blinken, Wang said")."""
        token = noun
        for _ in range(4):
            if token.dep_ not in ("dobj", "pobj", "attr", "prep", "nsubjpass", "oprd", "conj", "appos"):
                return None
            child, token = token, token.head
            if token.pos_ in ("VERB", "AUX"):
                # "In a call with Blinken, Wang said", "at a meeting in Moscow, X said"; not "despite appeals
                # from the UN, Pakistan began", which are others' acts
                adjunct = child.dep_ == "prep" and child.lower_ in self.grammar.framing_preps and noun.dep_ == "pobj" \
                    and noun.head.i == child.i
                if token.lemma_ in self.grammar.light_verbs or token.pos_ == "AUX" or adjunct:
                    return token
                return None
        return None

    # --- targets ---------------------------------------------------------------------------

    def verb_target(self, verb: Token, entry: Trigger, *, allow_location: bool = False) -> list[Actor]:
        """The verb's object or prepositional complement; "in X" only where a place can be the target."""
        if entry.topic:  # "discussed using Iran's Chabahar port": Iran is talked about, not talked with
            return self._prep_actors(verb, {"with"})
        preps = self.grammar.target_preps | ({"of"} if entry.particle else set())
        if allow_location:
            preps = preps | self.grammar.location_preps
        if any(c.dep_ == "nsubjpass" for c in verb.children) and not self._stative(verb):
            return [a for c in verb.children if c.dep_ == "nsubjpass" for a in self.actors_of(c)]
        if entry.recipient:  # "handed over to the US a suspected IS commander": the receiver, never the handed
            return self._prep_actors(verb, {"to"}) or [a for c in verb.children if c.dep_ == "dative"
                                                       for a in self.actors_of(c)]
        found: list[Actor] = []
        for child in verb.children:
            if child.dep_ in ("dobj", "dative", "attr", "oprd") and not found:
                found = self.actors_of(child)
                if not found and child.dep_ == "dobj":
                    found = self._prep_actors(child, preps)
        if not found:
            found = self._prep_actors(verb, preps)
        if not found:
            follower = next((c for c in verb.children if c.i == verb.i + 1 and c.dep_ == "advcl"
                             and c.tag_ in ("VBN", "VBD")), None)
            if follower is not None:  # "bombed suspected TTP hideouts": an adjective parsed as a clause
                found = self.verb_target(follower, entry, allow_location=allow_location)
        if not found and entry.type in ("REQUEST", "ACCUSE"):
            for child in verb.children:  # "demanded that the US cancel the sale"
                if child.dep_ == "ccomp":
                    if child.i in self.codes:  # "accused IS fighters of ...", the name misread as the verb "is"
                        found = [Actor(self.codes[child.i], child.i, 0.8)]
                    elif any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
                        found = self.subject_of(child)[0]
                    break
        if not found and entry.type in ("CONCEDE", "RETREAT", "SANCTION", "COERCE"):
            for child in verb.children:  # "suspended a ban that had placed the Taliban among outlawed groups"
                if child.dep_ == "dobj":
                    found = [Actor(self.codes[t.i], t.i, 0.7) for t in child.subtree if t.i in self.codes][:1]
        return found

    def _accusers(self, verb: Token, sources: list[Actor]) -> list[Actor]:
        """ "New Delhi dismissed the accusation as baseless", "Kabul rejected the threat": what is rejected is
        whoever last accused or threatened the rejecter;
        "X said ..., an accusation Kabul rejected": whoever said what the accusation sums up."""
        nouns = self.grammar.accusation_nouns
        if verb.dep_ == "relcl" and verb.head.lemma_.lower() in nouns:
            clause = next((a for a in verb.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
            speakers = (self._speaker(self.chain(clause)) or self.subject_of(clause)[0]) if clause is not None else []
            own = {a.code for a in sources}
            return [Actor(a.code, verb.i, 0.7) for a in speakers if a.code not in own]
        if not any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in nouns for c in verb.children):
            return []
        accusers = self.discourse.accusers
        return [Actor(accusers[a.code], verb.i, 0.7) for a in sources if a.code in accusers]

    def _conditioned(self, threat: Token, sources: list[Actor]) -> list[Actor]:
        """ "threatened to launch an offensive unless Baghdad accepted": the threat is to whoever the
        condition is on."""
        own = {a.code for a in sources}
        clauses = [threat] + [c for c in threat.children if c.dep_ in ("xcomp", "ccomp")]
        for clause in clauses:
            for condition in clause.children:
                if condition.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in self.grammar.conditional_marks
                                                     for m in condition.children):
                    # "unless Baghdad accepted"; "if attacks by militants based in Afghanistan continued"
                    found = [a for a in self.subject_of(condition)[0] if a.code not in own] or [
                        Actor(self.codes[t.i], t.i, 0.7) for t in condition.subtree
                        if t.i in self.codes and self.codes[t.i] not in own][:1]
                    if found:
                        return found
        return []

    def _names_unclaimed_attack(self, trigger: Token) -> bool:
        """ "condemned the killing", "called the strikes a violation", "will not leave this aggression
        unanswered": an attack whose doer it leaves out."""
        verb = trigger.head if trigger.pos_ == "ADJ" else trigger
        return any(c.dep_ in ("dobj", "nsubjpass") and self._is_attack(c) and not self.actors_of(c)
                   for c in verb.children)

    def _attackers(self, token: Token, sources: list[Actor]) -> list[Actor]:
        """Who attacked the sources last in the article, else whoever attacked last."""
        discourse = self.discourse
        found = [discourse.attackers.get(a.code) or discourse.last_attacker for a in sources]
        return [Actor(code, token.i, 0.7) for code in dict.fromkeys(found) if code]

    def _struck_place(self, head: Token, sources: list[Actor]) -> list[Actor]:
        """ "strikes on what it called hideouts of separatists in Iran's Sistan province": with no
        target nearer, the state where the attack's objects lie, nearest first, within its clause."""
        own = {a.code for a in sources}
        frontier = [head]
        while frontier:
            # "the bombing that killed 54 people at a rally in Bajaur": a clause on the attack itself says where
            below = [c for t in frontier for c in t.children if c.dep_ != "conj" and (
                c.dep_ not in _CLAUSE_EDGE or (c.dep_ == "relcl" and self._is_attack(t)))]
            for token in below:
                if token.dep_ == "pobj" and token.head.lower_ in self.grammar.location_preps:
                    found = [a for a in self.actors_of(token) if a.code not in own] or self._located_in(token, own)
                    if found:
                        return found
            frontier = below
        return []

    @staticmethod
    def _definite(noun: Token) -> bool:
        return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in noun.children)

    def _parties(self, noun: Token) -> list[Actor]:
        """Everyone named after "between": "cooperation between the two countries", "talks between Pakistan
        and Afghanistan's Taliban government" (where the parser makes Pakistan a possessor)."""
        found: list[Actor] = []
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"):
            for phrase in (c for c in prep.children if c.dep_ == "pobj"):
                found += self.actors_of(phrase) + [Actor(self.codes[t.i], t.i) for t in phrase.subtree
                                                   if t.i in self.codes]
        return _unique(found)

    def _attack_clause(self, noun: Token) -> Token:
        """Where a nominal attack's place is said: its light verb's clause ("carried out strikes on ..."),
        or for "..., an attack claimed by IS" the clause the apposition sums up."""
        governor = self._governing_verb(noun)
        if governor is not None:
            return governor
        if noun.dep_ in ("appos", "npadvmod"):
            return next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), noun)
        return noun

    def _located_in(self, phrase: Token, own: set[str]) -> list[Actor]:
        """ "in Kunduz", "in the Khatlon region": the state a province or city named in the phrase lies in."""
        for token in phrase.subtree:
            if token.i in self.located and self.located[token.i] not in own:
                return [Actor(self.located[token.i], token.i, 0.8)]
        return []

    def _prep_actors(self, head: Token, preps: Iterable[str]) -> list[Actor]:
        for child in head.children:
            if child.dep_ in ("prep", "prt", "agent", "dative") and child.lower_ in preps and child.lower_ != "by":
                for pobj in child.children:
                    if pobj.dep_ in ("pobj", "pcomp"):
                        # "sought guarantees from Kabul": the actor sits one phrase deeper
                        found = self.actors_of(pobj) or self._prep_actors(pobj, preps - {"of"})
                        if found:
                            return found
            if child.dep_ in ("prt", "prep", "advmod") and child.lower_ in ("out", "away", "back"):
                found = self._prep_actors(child, preps)  # "moved out of Syria"
                if found:
                    return found
        return []

    def noun_target(self, noun: Token, entry: Trigger) -> list[Actor]:
        """A nominal event's target: its for/to/with/against/on phrase, or its of-phrase."""
        preps = set(self.grammar.target_preps) | ({"of"} if entry.of == "target" else set())
        if entry.type in ("ASSAULT", "COERCE"):
            preps |= self.grammar.location_preps
        found = self._prep_actors(noun, preps)
        if not found and entry.type in ("ACCUSE", "REQUEST", "THREATEN"):
            for child in noun.children:  # "accusations that the Taliban shelter militants"
                if child.dep_ in ("acl", "ccomp") and child.pos_ in ("VERB", "AUX"):
                    found = self.subject_of(child)[0]
                    break
        if not found and entry.type == "ASSAULT":
            for child in noun.children:  # "the assault, in which five Chinese citizens were wounded"
                if child.dep_ == "relcl":
                    found = [a for c in child.children if c.dep_ == "nsubjpass" for a in self.actors_of(c)]
                    break
        if not found and entry.type == "CONSULT" and any(
                c.dep_ == "acl" and any(g.dep_ == "agent" for g in c.children) for c in noun.children):
            # "talks mediated by Qatar": the parties are the main clause's subject
            found = self.subject_of(self.sent.root)[0]
        if not found and noun.dep_ == "pobj" and noun.head.dep_ == "agent":
            # "Pakistan has been plagued by attacks carried out by the TTP": the sufferer is the subject
            found = [a for c in noun.head.head.children if c.dep_ == "nsubjpass" for a in self.actors_of(c)]
        if not found and entry.of == "target":
            modifiers = [a for c in noun.children if c.dep_ in ("compound", "amod") for a in self._head_actors(c, 1)]
            source_poss = any(c.dep_ == "poss" for c in noun.children)
            if modifiers and source_poss:
                found = modifiers
        if not found:
            governor = self._governing_verb(noun)
            if governor is not None:
                found = self._prep_actors(governor, preps - {"of"})
        return found

    # --- triggers --------------------------------------------------------------------------

    def match(self, token: Token) -> Trigger | None:
        """The most specific lexicon entry whose constraints this token meets."""
        lemma = token.lemma_.lower()
        for entry in self.lexicon.lookup(lemma, token.pos_) or self.lexicon.lookup(token.lower_, token.pos_):
            if entry.objects and not self._object_matches(token, entry.objects, deep=False):
                continue
            if entry.objects_any and not self._object_matches(token, entry.objects_any, deep=True):
                continue
            if entry.particle and not _has_particle(token, {entry.particle}):
                continue
            if entry.particle_any and not _has_particle(token, entry.particle_any):
                continue
            if entry.needs_predicate and not any(c.dep_ in ("oprd", "ccomp", "xcomp") for c in token.children):
                continue
            return entry
        return None

    def _object_matches(self, token: Token, lemmas: frozenset[str], *, deep: bool) -> bool:
        if deep:
            return any(t.lemma_.lower() in lemmas or t.lower_ in lemmas for t in token.subtree if t.i != token.i)
        # "granted Muttaqi an exemption" may be parsed with the exemption under the person
        children = list(token.children) + [c for d in token.children if d.dep_ == "dative"
                                           for c in d.children if c.dep_ == "dobj"]
        for child in children:
            if child.dep_ in ("dobj", "nsubjpass", "attr") or (child.dep_ == "prep" and child.lower_ == "of"):
                heads = [child] if child.dep_ != "prep" else [c for c in child.children if c.dep_ == "pobj"]
                # "sent 50,000 tonnes of wheat", "a consignment of vaccines": what the measure is of
                heads += [p for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
                          for p in c.children if p.dep_ == "pobj"]
                for head in heads:
                    if {head.lemma_.lower(), head.lower_} & lemmas:
                        self.consumed.add(head.i)
                        return True
                    if any(c.dep_ == "conj" and c.lemma_.lower() in lemmas for c in head.children):
                        return True
        return False

    def intent_target(self, token: Token) -> tuple[list[Actor], Token | None]:
        """For "pledged to work with X", "interest in investing in X": X, and the governed verb."""
        embedded = None
        # "offered Tajikistan funds to build an outpost": the one offered to, before what it is for
        offered = [a for c in token.children if c.dep_ in ("dative", "dobj") for a in self.actors_of(c)]
        for child in token.children:
            if child.dep_ in ("xcomp", "ccomp", "acl") and child.pos_ in ("VERB", "AUX"):
                if child.dep_ == "ccomp" and any(c.dep_ in _SUBJECTS for c in child.children):
                    break  # "denied that it was sheltering TTP fighters": a claim about a doer, not an aim
                embedded = child
                break
            if child.dep_ == "prep":
                for grandchild in child.children:
                    if grandchild.dep_ == "pcomp" and grandchild.pos_ == "VERB":
                        embedded = grandchild
        if embedded is None:
            return [], None
        entry = self.match(embedded)
        probe = entry or self.lexicon.lookup("cooperate", "VERB")[0]
        self.consumed.add(embedded.i)
        if offered:
            return offered, embedded
        # "refused to deploy peacekeepers in Iraq": where a deployment or an attack is, is its target
        located = probe.place_target or probe.type in _LOCATED
        return self.verb_target(embedded, probe, allow_location=located) or self._intent_object(embedded), embedded

    def _intent_object(self, verb: Token) -> list[Actor]:
        """ "investing in Afghanistan"; "to help Dushanbe strengthen the border", where the helped
        is parsed as the subject of what they are helped to do."""
        found = self._prep_actors(verb, {"in", "into"})
        for clause in (c for c in verb.children if c.dep_ == "ccomp" and not found):
            found = [a for c in clause.children if c.dep_ == "nsubj" for a in self.actors_of(c)]
        return found

    # --- polarity and modality -------------------------------------------------------------

    def chain(self, token: Token) -> list[Token]:
        """The trigger and the words that govern it up to its clause's main verb."""
        path = [token]
        if token.dep_ in ("nsubj", "nsubjpass", "csubj") and token.head.i != token.i:
            path.append(token.head)  # "recognition would come", "recognising X was not on the agenda"
        while (path[-1].dep_ in _CLIMB or _coordinated_complement(path[-1])) and path[-1].dep_ not in _CLAUSE_EDGE \
                and path[-1].head.i != path[-1].i:
            path.append(path[-1].head)
            if path[-1].pos_ in ("VERB", "AUX") and path[-2].dep_ not in ("xcomp", "pcomp", "prep", "pobj", "acomp",
                                                                            "dobj", "conj", "attr", "oprd"):
                break
            if len(path) > 8:
                break
        return path

    def is_negated(self, chain: list[Token], trigger: Token) -> bool:
        """Whether the text says the event did not happen."""
        grammar = self.grammar
        for position, token in enumerate(chain):
            children = list(token.children)
            if any(c.dep_ == "neg" for c in children) and not (position and _own_clause(chain[position - 1])):
                return True
            if position > 0 and token.lemma_.lower() in grammar.negators and token.pos_ in ("VERB", "ADJ", "NOUN"):
                return True
            if position > 0 and token.lower_ in grammar.negating_preps:
                return True
            if position > 0 and any(c.lower_ == "yet" and c.dep_ == "advmod" for c in children):
                return True
            if any(c.dep_ == "det" and c.lower_ in grammar.negating_dets for c in children) and token.pos_ == "NOUN":
                return True
        if self._negative_subject(chain):
            return True
        if any(c.dep_ == "det" and c.lower_ == "no" for c in trigger.children):
            return True
        top = chain[-1]
        if top.dep_ == "ccomp" and top.head.lemma_.lower() in grammar.negators:
            return True  # "denied that it was sheltering TTP fighters"
        return top.i == self.sent.root.i and self._opens_with_no()

    def _negative_subject(self, chain: list[Token]) -> bool:
        """Whether a clause of the chain has a subject such as "no other country" or "none"."""
        return any(c.dep_ in _SUBJECTS and self._negative_phrase(c) for t in chain for c in t.children)

    def _negative_phrase(self, token: Token) -> bool:
        """ "no country", "none of them"; not "no country but Russia", which names the one that does."""
        negating = self.grammar.negating_dets
        if not (token.lower_ in negating or any(d.dep_ == "det" and d.lower_ in negating for d in token.children)):
            return False
        return not self._excepted(token)

    def _excepted(self, token: Token) -> bool:
        return any(c.dep_ in ("cc", "prep") and c.lower_ in self.grammar.exceptions for c in token.children)

    def _opens_with_no(self) -> bool:
        """ "But no government, China included, has recognised ...": a negative quantifier opening the
        sentence negates its main clause, however the parser attached it."""
        words = [t for t in self.sent[:4] if t.lower_ not in ("but", "and", "yet", "so", ",")]
        if not words or words[0].lower_ not in self.grammar.negating_dets or words[0].i >= self.sent.root.i:
            return False
        return not self._excepted(words[0].head if words[0].dep_ == "det" else words[0])

    def mood(self, chain: list[Token]) -> str:
        """ "real", "future" (an announced intention), "ultimatum" ("will withdraw unless ...") or
        "irrealis" (hypothetical, conditional, hedged, asked, recommended: not an event)."""
        if self._is_ultimatum(chain):
            return "ultimatum"
        if self._is_irrealis(chain):
            return "irrealis"
        if self._is_future(chain) and not any(t.lemma_.lower() in self.grammar.continuation for t in chain[1:]):
            return "future"
        return "real"  # "would keep backing": what goes on, not a new intention

    def _is_ultimatum(self, chain: list[Token]) -> bool:
        return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in self.grammar.ultimatum_marks
                                             for m in c.children) for t in chain for c in t.children)

    def _is_future(self, chain: list[Token]) -> bool:
        return any(c.dep_ == "aux" and (c.lower_ in self.grammar.future or self._reported_would(c, chain))
                   for t in chain for c in t.children)

    def _reported_would(self, aux: Token, chain: list[Token]) -> bool:
        """ "said they would boycott": the future of a past report, not a hypothetical, whoever said it."""
        return aux.lower_ == "would" and self._speech_verb(chain) is not None

    def _is_irrealis(self, chain: list[Token]) -> bool:
        grammar = self.grammar
        if self.sent.text.rstrip().endswith("?"):
            return True
        for position, token in enumerate(chain):
            for child in token.children:
                if child.dep_ == "aux" and child.lower_ in grammar.modals and not self._reported_would(child, chain):
                    return True
                if child.dep_ in ("mark", "advmod") and child.lower_ in grammar.conditional_marks:
                    return True
                if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in grammar.conditional_marks
                                                 for m in child.children) and self._is_future(chain):
                    return True  # "will release the funds when there is a stable government"
            if position > 0 and token.lemma_.lower() in grammar.hedges:
                return True
        root = chain[-1]
        if root.dep_ == "ROOT" and root.tag_ == "VB" and not any(c.dep_ in _SUBJECTS for c in root.children):
            return True  # an imperative: a recommendation, not a report
        trigger = chain[0]
        if any(c.dep_ == "amod" and c.lower_ in grammar.prospective_modifiers for c in trigger.children):
            return True  # "a planned visit", "the proposed deal"
        # "rejected a call for its forces to be deployed", "threatened to impose restrictions": the content
        # of a rejection, a demand or an intention is not something that happened
        child = trigger
        for ancestor in trigger.ancestors:
            if child.dep_ not in _COMPLEMENTS:
                break  # a coordinated phrase, a subject or an adverbial clause is an event of its own
            if ancestor.lemma_.lower() in grammar.hedges and ancestor.pos_ in ("VERB", "NOUN"):
                return True
            child = ancestor
        return False

    # --- the sentence ----------------------------------------------------------------------

    def code(self) -> list[Coded]:
        """Every event of the sentence, deduplicated."""
        events: list[Coded] = []
        for token in self.sent:
            if token.i in self.consumed:
                continue
            entry = self.match(token)
            if entry is None:
                continue
            events.extend(self._code_trigger(token, entry))
        events.extend(self._claimed_attacks())
        events.extend(self._obligations())
        unique: dict[tuple, Coded] = {}
        for event in events:
            key = (event.source, event.target, event.type, event.negated, event.cameo)
            if key not in unique or unique[key].confidence < event.confidence:
                unique[key] = event
            if event.type in ("ACCUSE", "THREATEN") and not event.negated:
                self.discourse.accusers[event.target] = event.source
            if event.type == "ASSAULT" and not event.negated:
                self.discourse.attackers[event.target] = self.discourse.last_attacker = event.source
        return list(unique.values())

    def _code_trigger(self, token: Token, entry: Trigger) -> list[Coded]:
        is_noun = token.pos_ in ("NOUN", "PROPN")
        if is_noun and self._serves_event_verb(token):
            return []
        chain = self.chain(token)
        blocker = next((i for i, t in enumerate(chain) if i and t.lemma_.lower() in self.grammar.blockers), None)
        if blocker is not None:
            if not any(c.dep_ == "neg" for c in chain[blocker].children):
                return []  # "was barred from joining": the attendance did not happen and is not news
            chain = chain[:blocker]  # "did not prevent Moscow from hosting": it happened
        negated = self.is_negated(chain, token)
        if entry.only_negated and not negated:
            return []
        mood = self.mood(chain)
        if mood == "irrealis" and not (entry.when_negated and negated):
            if entry.type not in _CONFLICT or self._speech_verb(chain) is None:
                return []
            mood = "warned"  # "Rubio said the US could put a bounty on them": a threat, if it is his own side's
        if negated and any(t.lemma_.lower() in self.grammar.negators and self.match(t) is not None
                           for t in chain[1:]) and entry.cameo != "054":
            return []  # "refused to commit aid": the refusal is the event; only recognition is kept negated
        confidence = 0.85
        embedded = None
        if entry.intent:
            targets, embedded = self.intent_target(token)
            if embedded is None and is_noun:
                return []  # "their interests", not "interest in investing"
        if embedded is not None:
            sources, has_subject = (self.noun_source(token, entry) if is_noun
                                    else self._adjective_or_verb_subject(token))
        elif is_noun:
            received = self._received(token)
            # every actor named after "between" is a party ("between Pakistan and Afghanistan's Taliban government")
            between = self._parties(token) if entry.type in _MUTUAL or entry.symmetric else []
            if received:
                (sources, targets), has_subject = received, True
            elif len({a.code for a in between}) >= 2:  # "talks between Pakistan and Afghanistan, mediated by ..."
                sources, targets, has_subject = between, [], True
            else:
                sources, has_subject = self.noun_source(token, entry)
                targets = self.noun_target(token, entry)
            confidence = 0.75
        else:
            sources, has_subject = self._adjective_or_verb_subject(token)
            targets = self.verb_target(token, entry, allow_location=entry.place_target or entry.type in _LOCATED)
            if not targets and not entry.topic:  # "refused to engage the Taliban", "threatened to cut power to ..."
                targets, aim = self.intent_target(token)
                if aim is not None and (self.match(aim) or entry).cameo == "054":
                    self.consumed.discard(aim.i)
                    return []  # "refuses to recognise the Taliban": the recognition, negated, is the news
        if not targets and entry.type == "REJECT":
            targets = self._accusers(token, sources)
        if entry.type == "THREATEN" and {a.code for a in targets} <= {a.code for a in sources}:
            targets = self._conditioned(token, sources) or targets  # "its Gulf war": its own is no target
        if not targets and (entry.type in ("ACCUSE", "THREATEN") and self._names_unclaimed_attack(token)
                            or token.lemma_.lower() in self.grammar.retaliation):
            targets = self._attackers(token, sources)
        if not targets and entry.type == "ASSAULT":
            targets = self._struck_place(self._attack_clause(token) if is_noun else token, sources)
        if not targets and entry.type == "ASSAULT" and is_noun and sources and self._definite(token) \
                and token.head.lemma_ not in self.grammar.responsibility_verbs:  # a claim keeps the attack's place
            # "said its fighters carried out the bombing": the attack told before, with nobody behind it yet
            targets = [Actor(code, token.i, 0.7) for code, _ in self.discourse.unclaimed_attacks]
            self.discourse.unclaimed_attacks.clear()
        if entry.needs_target and not targets and entry.type in ("ACCUSE", "THREATEN"):
            speaker = self._speaker(chain)
            if speaker:  # Lavrov: "the plans of IS are of concern": the speaker voices it about them
                sources, targets, has_subject = speaker, sources, True
        if token.lemma_.lower() in self.grammar.warning_verbs and self._tips_off(token):
            return []  # "warned Moscow that extremists were planning an attack": a tip-off, not a threat
        if entry.target_heads and not self._target_head_ok(token, entry, targets, is_noun):
            return []
        if entry.cameo == "054":
            if targets:
                self.discourse.recognition_target = targets[0].code
            elif self.discourse.recognition_target and not any(
                    c.dep_ in ("dobj", "prep") and c.lower_ not in ("to", "by") for c in token.children):
                # "none of them has extended formal recognition either"; not "recognition of a government"
                targets = [Actor(self.discourse.recognition_target, token.i, 0.8)]
        if entry.inverse:
            sources, targets = self._inverse(token, sources, is_noun), sources
        elif targets and {a.code for a in targets} <= {a.code for a in sources} and any(
                self.doc[a.token].pos_ == "PRON" for a in targets):
            # "pulled their diplomats out of Kabul": their = the subject; the target is elsewhere
            own = {a.code for a in sources}
            preps = self.grammar.target_preps | {"of"}
            # "recalled its ambassador from Tehran": the phrase may hang on the object
            heads = [token] + [c for c in token.children if c.dep_ == "dobj"]
            if entry.place_target:  # "reopened its embassy in Kabul": where the object is
                preps |= self.grammar.location_preps
            targets = [a for head in heads for a in self._prep_actors(head, preps) if a.code not in own] or (
                targets if entry.type in _MUTUAL else [])
        if not sources and not has_subject:
            if is_noun and self._attack_framed(token):
                return []  # "Iran condemned the bombing": not Iran's bombing
            if token.dep_ == "acl" and token.tag_ == "VBN":
                return []  # "several others accused of helping them": whoever accused them is not named
            if negated and self._negative_subject(chain):
                return []  # "No other country has followed Russia's lead in recognising": not Russia's denial
            if entry.needs_source:
                return []  # "Russia is expected to sign": whoever expects it is nobody named nearby
            sources = self._complement_source(token, targets) or self._nearby_source(token, targets)
            confidence -= 0.25
        if mood == "warned":
            if not has_subject or not {a.code for a in self._speaker(chain)} & {a.code for a in sources}:
                return []  # another's possible act, or one whose doer is only guessed: not a threat
            mood = "future"
        if not sources:
            # "a bomber struck ...", "was killed when ...": an attacker not named, for a later claim
            if entry.type == "ASSAULT" and (has_subject or any(c.dep_ == "nsubjpass" for c in token.children)):
                place = self.place_of(token)
                victims = targets or self._victims(self.sent.root)
                self.discourse.unclaimed_attacks.extend((a.code, place or self.place_of(self.sent.root))
                                                        for a in victims)
            return []
        # "X, Y and Z signed": each pair agreed; "the three agreed to extend the China-Pakistan corridor"
        # names one of them again, not a fourth party
        mutual = {a.code for a in targets} <= {a.code for a in sources}
        if mutual and len({a.code for a in sources}) >= 2 and (entry.symmetric or entry.type in _MUTUAL) \
                and entry.cameo != "045" and not (entry.needs_target and not targets):  # "X and Y supply": whom?
            codes = list(dict.fromkeys(a.code for a in sources))
            pairs = [(a, b) for i, a in enumerate(codes) for b in codes[i + 1:]]
        elif mutual and targets and all(a.token in self.pairs for a in sources):
            pairs = []  # "the two leaders opened a bridge carrying power from one to the other": no act on the other
        else:
            pairs = [(s.code, t.code) for s in sources for t in targets]
        event_type, cameo = entry.type, entry.cameo
        if negated and entry.when_negated:
            (event_type, cameo), negated = entry.when_negated, False
        elif mood == "ultimatum":
            event_type, cameo = "THREATEN", "130"  # "will withdraw its force unless ...": an ultimatum
        elif mood == "future" and not entry.when_negated:
            # "Finland will give Tanzania a grant": an announced intention (CAMEO 03 / 13)
            event_type, cameo = ("THREATEN", "130") if entry.type in _CONFLICT else ("AGREE", "030")
        if entry.type == "AGREE" and embedded is not None and any(c.dep_ == "neg" for c in embedded.children):
            # "vowed not to return the Golan to Syria": a refusal; "pledged not to attack": a promise of restraint
            aim = self.match(embedded)
            if aim is None or aim.type not in _CONFLICT:
                event_type, cameo = "REJECT", "120"
        weight = min((a.weight for a in sources + targets), default=1.0)
        place = self.place_of(token) or self.place_of(self.sent.root)
        level = self.recognition_level(token, entry) if cameo == "054" else None
        coded = [Coded(token, entry, s, t, negated, event_type, cameo, round(confidence * weight, 2), place, level)
                 for s, t in dict.fromkeys(pairs) if s != t]
        if entry.alleged and not negated and coded:
            coded += self._allegation(token, chain, sources)
        return coded

    def _allegation(self, token: Token, chain: list[Token], accused: list[Actor]) -> list[Coded]:
        """ "Islamabad says the Taliban shelter TTP fighters": voiced by another actor, the act is also
        that actor's accusation."""
        entry = self.lexicon.lookup("accuse", "VERB")[0]
        codes = list(dict.fromkeys(a.code for a in accused))
        return [Coded(token, entry, s.code, code, False, entry.type, entry.cameo, 0.6)
                for s in self._speaker(chain) if s.code not in codes for code in codes]

    def _tips_off(self, verb: Token) -> bool:
        """Whether a warning reports an attack that unnamed others plan, rather than threatening one."""
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            doers = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            if doers and all(d.pos_ == "NOUN" and not self.actors_of(d) for d in doers) and any(
                    self._is_attack(t) for t in clause.subtree):
                return True
        return False

    def _adjective_or_verb_subject(self, token: Token) -> tuple[list[Actor], bool]:
        if token.pos_ == "ADJ" and token.dep_ in ("acomp", "amod", "oprd"):
            return self.subject_of(token.head)
        return self.subject_of(token)

    def _serves_event_verb(self, noun: Token) -> bool:
        """A noun that is the object of another trigger ("signed a deal") adds nothing of its own."""
        head = noun.head
        if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB" and head.lemma_ not in self.grammar.light_verbs:
            # "condemned Pakistan's air strikes": the strikes are an event of their own
            verb_entry = self.match(head)
            return verb_entry is not None and not self._attack_framed(noun)
        return False

    def _attack_framed(self, noun: Token) -> bool:
        """ "condemned Pakistan's air strikes": an attack named as the object of another kind of event is an
        event of its own, though only with a doer named in its own phrase."""
        head, entry = noun.head, self.match(noun)
        if entry is None or entry.type != "ASSAULT" or noun.dep_ not in ("dobj", "nsubjpass"):
            return False
        framing = self.match(head)
        return framing is not None and framing.type != "ASSAULT"

    def _target_head_ok(self, token: Token, entry: Trigger, targets: list[Actor], is_noun: bool) -> bool:
        """Recognition is of a government or a state, not of "the Taliban's entrenched position"."""
        if not targets:
            return True
        for actor in targets:
            head = self.doc[actor.token]
            phrase_head = head
            while phrase_head.dep_ in ("compound", "amod", "poss", "nmod") and phrase_head.head.i != phrase_head.i:
                phrase_head = phrase_head.head
            if self._through_other_noun(phrase_head, token, entry):
                continue  # "recognition of the group's control of Afghanistan": of the control, not the state
            if phrase_head.i in self.codes or phrase_head.lemma_.lower() in entry.target_heads \
                    or phrase_head.lower_ in entry.target_heads:
                return True
            if not entry.require_target_head and phrase_head.i == head.i:
                return True
        return False

    def _through_other_noun(self, start: Token, trigger: Token, entry: Trigger) -> bool:
        """Whether the way up from `start` to `trigger` passes a noun that is neither an actor nor a target head."""
        node = start
        while node.head.i != node.i and node.head.i != trigger.i:
            node = node.head
            if node.pos_ in ("NOUN", "PROPN") and node.i not in self.codes \
                    and node.lemma_.lower() not in entry.target_heads and node.lower_ not in entry.target_heads:
                return True
        return False

    def _inverse(self, token: Token, subjects: list[Actor], is_noun: bool) -> list[Actor]:
        """For "received accreditation at the Russian ministry": the ministry's state is the source."""
        found = self._prep_actors(token, {"at", "from", "by", "in", "of"})
        if not found and not is_noun:
            for child in token.children:
                if child.dep_ == "dobj":
                    found = self._prep_actors(child, {"at", "from", "by", "in", "of"})
        return found

    def _complement_source(self, token: Token, targets: list[Actor]) -> list[Actor]:
        """ "was barred from joining the SCO's summit": with no agent, the excluder is named inside."""
        if not any(c.dep_ == "nsubjpass" for c in token.children):
            return []
        taken = {a.code for a in targets}
        for t in token.subtree:
            if t.i in self.codes and self.codes[t.i] not in taken and t.i > token.i:
                return [Actor(self.codes[t.i], t.i, 0.8)]
        return []

    def _nearby_source(self, token: Token, targets: list[Actor]) -> list[Actor]:
        """No actor subject (a participle, a fragment, an analyst's gloss): the nearest actor before
        the trigger, else the nearest actor that is the subject of an earlier clause."""
        taken = {a.token for a in targets} | {a.code for a in targets}
        for i in range(token.i - 1, max(self.sent.start, token.i - 10) - 1, -1):
            if i in self.codes and i not in taken and self.codes[i] not in taken and not self._in_place_phrase(i):
                return [Actor(self.codes[i], i, 0.8)]
        for i in range(token.i - 1, self.sent.start - 1, -1):
            if i in self.codes and self.codes[i] not in taken and self.doc[i].dep_ in ("nsubj", "nsubjpass"):
                return [Actor(self.codes[i], i, 0.6)]
        return []

    def _in_place_phrase(self, i: int) -> bool:
        """ "in the Qatari capital": a name that locates rather than acts."""
        token = self.doc[i]
        while token.dep_ in ("amod", "compound", "poss", "nmod") and token.head.i != token.i:
            token = token.head
        return token.dep_ == "pobj" and token.head.lower_ in self.grammar.location_preps

    def _victims(self, token: Token) -> list[Actor]:
        """Whom an attack with an unnamed attacker hit: the actors in its clause ("a vehicle carrying
        mechanics who worked for a Taliban unit")."""
        return [Actor(self.codes[t.i], t.i, 0.7) for t in token.subtree if t.i in self.codes
                and not self._in_place_phrase(t.i)][:1]

    def _speaker(self, chain: list[Token]) -> list[Actor]:
        """The actor whose words a clause reports ("Lavrov stated, '...'")."""
        verb = self._speech_verb(chain)
        return self.subject_of(verb)[0] if verb is not None else []

    def _speech_verb(self, chain: list[Token]) -> Token | None:
        """The verb of saying that reports a clause, if one does."""
        top = chain[-1]
        speech = self.grammar.speech_verbs
        if top.dep_ in ("ccomp", "parataxis") and top.head.lemma_ in speech:
            return top.head
        return next((child for child in top.children
                     if child.dep_ in ("parataxis", "ccomp") and child.lemma_ in speech), None)

    def _claimed_attacks(self) -> list[Coded]:
        """ "X took responsibility for the attack": X is the source of the unclaimed attack before it."""
        grammar = self.grammar
        for token in self.sent:
            claims = token.lemma_ in grammar.responsibility_verbs and any(
                c.dep_ == "dobj" and (c.lemma_ in grammar.responsibility_objects or self._is_attack(c))
                for c in token.children)
            behind = token.lemma_ == "be" and any(  # "said it was behind Monday's blast"
                c.dep_ == "prep" and c.lower_ == "behind" and any(self._is_attack(p) for p in c.children)
                for c in token.children)
            if claims or behind:
                sources, _ = self.subject_of(token)
                own = [a.code for c in token.children if c.dep_ == "dobj" and self._is_attack(c)
                       for a in self.noun_target(c, self.match(c))]
                if own:  # "claimed the assault, in which five Chinese citizens were wounded"
                    self.discourse.unclaimed_attacks = [(code, self.place_of(token)) for code in own]
                entry = self.lexicon.lookup("attack", "NOUN")[0]
                events = [Coded(token, entry, s.code, target, False, "ASSAULT", "183", 0.7, place)
                          for s in sources for target, place in self.discourse.unclaimed_attacks if s.code != target]
                if events:
                    self.discourse.unclaimed_attacks.clear()
                    for child in token.children:  # the claim names its own attack: "claimed the Kunduz attack"
                        if child.dep_ == "dobj":
                            self.consumed.add(child.i)
                    return events
        return []

    def _obligations(self) -> list[Coded]:
        """ "Chirac said Iraq must cooperate": a demand the speaker makes of the clause's subject."""
        entry = self.lexicon.lookup("demand", "VERB")[0]
        events = []
        for token in self.sent:
            if not any(c.dep_ == "aux" and c.lower_ in self.grammar.obligation for c in token.children):
                continue
            speaker = self._speaker(self.chain(token))
            addressees = self.subject_of(token)[0]
            events += [Coded(token, entry, s.code, t.code, False, "REQUEST", "100", 0.6)
                       for s in speaker for t in addressees if s.code != t.code]
        return events

    def _is_attack(self, token: Token) -> bool:
        entry = self.match(token)
        return entry is not None and entry.type == "ASSAULT"

    def recognition_level(self, trigger: Token, entry: Trigger) -> str | None:
        """The ladder's rung: the entry's own, or for accreditation and hosting the rank of the nearest
        diplomat named ("a chargé d'affaires was accredited" is a mission, "the ambassador" credentials)."""
        if not entry.level_by_rank:
            return entry.recognition
        ranks = [(abs(t.i - trigger.i), level) for t in self.sent
                 for level, words in (("credentials", self.grammar.ambassador_ranks),
                                      ("mission", self.grammar.mission_ranks))
                 if t.lower_ in words]
        return min(ranks)[1] if ranks else entry.recognition

    def place_of(self, token: Token) -> str | None:
        """The most specific place named in the trigger's phrase: a city over a country."""
        subtree = {t.i for t in token.subtree}
        places = [ent for ent in self.doc.ents if ent.label_ in ("GPE", "LOC", "FAC") and ent.root.i in subtree]
        specific = [ent for ent in places if ent.root.i not in self.codes]
        chosen = specific[:1]
        return chosen[0].text if chosen else None

    def remember_names(self) -> None:
        """Pass what this sentence named on, for "the group" in later sentences."""
        for _, code, nouns in self._named:
            self.discourse.name(code, nouns)

    def subject_codes(self) -> list[str]:
        """Codes of the main clause's subject, for pronouns in the next sentence."""
        root = self.sent.root
        for child in root.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return [a.code for a in self.actors_of(child)]
        # "Zabihullah Mujahid, who led the delegation, called on ...", parsed with the name as the root
        return [self.codes[root.i]] if root.i in self.codes else []

    def all_codes(self) -> list[str]:
        """Codes of every actor the sentence names, with those a pair phrase stands for ("the two sides")."""
        return list(dict.fromkeys([self.codes[i] for i in sorted(self.codes)] + self._paired_codes()))

    def participant_codes(self) -> list[str]:
        """Codes of the sentence's actors other than places ("met X in Islamabad"), with those a pair
        phrase stands for ("bring the two sides back to the table")."""
        named = [self.codes[i] for i in sorted(self.codes) if self.doc[i].dep_ != "pobj"
                 or self.doc[i].head.lower_ == "with"]
        return list(dict.fromkeys(named + self._paired_codes()))

    def _paired_codes(self) -> list[str]:
        return [code for group in self.pairs.values() for code in group]


def _has_particle(verb: Token, words: Iterable[str]) -> bool:
    """ "called on Kabul", "called for talks"; not "called Putin on Saturday", where "on" opens a date."""
    return any(c.dep_ in ("prt", "prep") and c.lower_ in words
               and not any(p.ent_type_ in ("DATE", "TIME") for p in c.children) for c in verb.children)


def _purpose(verb: Token) -> bool:
    """ "to bring the two sides back": an infinitive of purpose, part of the clause it serves."""
    return verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _own_clause(token: Token) -> bool:
    """A finite verb coordinated with another ("had never accepted X and urged Y"): its own clause,
    which the other's "not" does not reach; a bare one shares it ("did not recognise or engage")."""
    return token.dep_ == "conj" and token.tag_ in ("VBD", "VBZ", "VBP")


def _coordinated_complement(token: Token) -> bool:
    """ "pressed X to keep its promises and sever ties": the second verb shares the first one's frame."""
    return token.dep_ == "conj" and token.head.dep_ in ("xcomp", "ccomp", "pcomp")


def _unique(actors: list[Actor]) -> list[Actor]:
    seen: dict[str, Actor] = {}
    for actor in actors:
        seen.setdefault(actor.code, actor)
    return list(seen.values())
