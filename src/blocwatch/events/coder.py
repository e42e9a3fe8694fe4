"""Code the events of one parsed sentence, as a list of passes.

Reads: a parsed sentence, its actor mentions, the lexicon and grammar cues, the article's discourse.
Writes: the sentence's events (`Coded`) and, once the sentence is coded, the discourse.

Each word the lexicon knows becomes a `Candidate` that the passes below refine, in order; a pass
returns a reason to drop it, or None. Verbs take their subject (or passive agent) as source and their
object or prepositional complement as target; nouns a possessor, a by-phrase or the subject of the
light verb they serve; intent frames ("pledged to work with X") code the promise, not the act.
Negated events are kept with `negated`; hypotheticals, conditionals, predictions and questions are
dropped. Two events come from the whole sentence rather than one trigger: claims of an earlier attack
and obligations a speaker voices.

Where this departs from the sketch in ../shared/design/CODER.md, and why:
- The passes work per candidate, not per sentence: a trigger's match may use up a later word
  ("signed a *deal*"), so triggers are found as the sentence is read, not all first.
- `repair` names the known misparses the passes look past; it does not yet rewrite the parse, which
  would change what every pass sees and so the coder's output.
- Who acts on whom is split by role: `phrases` (which actors a noun phrase stands for), `arguments`
  (sources, and the roles pass), `targets` (targets), with `attacks` for attacks and their claims.
  These call one another (and `discourse`) because the grammar does: a pronoun's referent is a subject.
- Single function words that mark one construction ("by" for an agent, "between", "yet to") stay in
  the code beside it; lists of words live in data/grammar.json.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from spacy.tokens import Span, Token

from blocwatch.actors import Gazetteer, Mention
from blocwatch.events import arguments, attacks, finalise, parties, polarity, recognition, targets, triggers
from blocwatch.events import discourse as _discourse
from blocwatch.events.discourse import Discourse
from blocwatch.events.lexicon import Lexicon, Trigger
from blocwatch.events.sentence import Candidate, Coded, Sentence, read_sentence

__all__ = ["PASSES", "Coded", "Discourse", "code_sentence"]

Pass = Callable[[Sentence, Candidate], "str | None"]

# The order matters: each pass reads what the ones before it found.
PASSES: tuple[Pass, ...] = (
    triggers.own_event,           # a noun that is the object of another trigger adds nothing
    polarity.scope,               # the words governing the trigger; blocked acts
    polarity.negation,
    polarity.modality,            # hypothetical, future, ultimatum, a threat voiced as a possibility
    polarity.refusal,             # "refused to X": the refusal is the event
    arguments.roles,              # sources and targets by construction: intent, noun, verb
    _discourse.rejected_accuser,  # "rejected the accusation": whoever made it
    targets.threat_condition,     # "threatened ... unless X": X
    attacks.attack_targets,       # attacks' implicit targets; an attack told before
    arguments.voiced,             # "the plans of IS are of concern": the speaker's charge
    polarity.tip_off,             # a warning of others' attack is no threat
    recognition.recognised,       # recognition of a state or government; its carried target
    targets.own_phrase,           # inverse entries; "pulled their diplomats out of Kabul"
    arguments.guessed_source,     # no subject: drop, or the nearest actor
    polarity.own_warning,         # a possible threat only as the speaker's own side's
    attacks.unclaimed,            # no source: drop; an attack by someone unnamed awaits a claim
    parties.pairs,                # source-target pairs; a group among itself
    finalise.type_and_cameo,
)


def code_sentence(sent: Span, mentions: list[Mention], *, gazetteer: Gazetteer, lexicon: Lexicon,
                  on: date | None, discourse: Discourse) -> list[Coded]:
    """Every event of the sentence, one per (source, target, type, negated, cameo); then the
    discourse moves on past the sentence."""
    s = read_sentence(sent, mentions, gazetteer=gazetteer, lexicon=lexicon, on=on, discourse=discourse)
    s.pairs = _discourse.pair_phrases(s)
    events: list[Coded] = []
    for token in s.sent:
        if token.i in s.consumed:
            continue
        entry = triggers.match(s, token)
        if entry is None:
            continue
        events.extend(code_trigger(s, token, entry))
    events.extend(attacks.claimed_attacks(s))
    events.extend(polarity.obligations(s))
    found = finalise.distinct(events)
    _discourse.close(s, events)
    return found


def code_trigger(s: Sentence, token: Token, entry: Trigger) -> list[Coded]:
    """The events of one trigger: its candidate through every pass, or nothing if one drops it."""
    candidate = Candidate(token, entry, token.pos_ in ("NOUN", "PROPN"))
    for step in PASSES:
        if step(s, candidate) is not None:
            return []
    return finalise.coded(s, candidate)
