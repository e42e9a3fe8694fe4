"""Code the events of one parsed sentence, as a list of passes.

Reads: a parsed sentence, its actor mentions, the lexicon and grammar cues, the article's discourse.
Writes: the sentence's events (`Coded`) and, once the sentence is coded, the discourse.

Each word the lexicon knows becomes a `Candidate` that the passes below refine, in order; a pass
returns a reason to drop it, or None. Verbs take their subject (or passive agent) as source and their
object or prepositional complement as target; nouns a possessor, a by-phrase or the subject of the
light verb they serve; intent frames ("pledged to work with X") code the promise, not the act.
Negated events are kept with `negated`; hypotheticals, conditionals, predictions and questions are
dropped. Three events come from the whole sentence rather than one trigger: claims of an earlier attack,
obligations a speaker voices and charges it lays without a word of accusing.

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
- The trail is written here, not by each pass: after every pass the coder notes what it changed
  (sources, targets, negation, mood, type), or the reason it dropped the candidate. A pass says
  nothing of itself, so a new pass has a trail for free. It is written only when asked for
  (`decisions`, as `blocwatch extract --explain` asks): noting every pass's state costs about a
  twentieth of the coder's time, for text nobody reads otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Span, Token

from blocwatch.actors import Gazetteer, Mention
from blocwatch.events import (
    arguments,
    attacks,
    charges,
    fellows,
    finalise,
    parties,
    polarity,
    recognition,
    targets,
    triggers,
)
from blocwatch.events import discourse as _discourse
from blocwatch.events.lexicon import Lexicon, Trigger
from blocwatch.events.sentence import Candidate, Coded, Discourse, Sentence, read_sentence

__all__ = ["PASSES", "Coded", "Decision", "Discourse", "code_sentence"]

Pass = Callable[[Sentence, Candidate], "str | None"]

# The order matters: each pass reads what the ones before it found.
PASSES: tuple[Pass, ...] = (
    triggers.own_event,           # a noun that is the object of another trigger adds nothing
    polarity.scope,               # the words governing the trigger; blocked acts
    polarity.negation,
    polarity.modality,            # hypothetical, future, ultimatum, a threat voiced as a possibility
    polarity.refusal,             # "refused to X": the refusal is the event
    polarity.credited_outcome,    # "a forum which helped them collaborate": no act of theirs
    arguments.roles,              # sources and targets by construction: intent, noun, verb
    _discourse.rejected_accuser,  # "rejected the accusation": whoever made it
    targets.threat_condition,     # "threatened ... unless X": X
    attacks.attack_targets,       # attacks' implicit targets; an attack told before
    arguments.voiced,             # "the plans of IS are of concern": the speaker's charge
    polarity.tip_off,             # a warning of others' attack is no threat
    recognition.unrecognised,     # "unrecognised by the UN": the UN's recognition, negated
    recognition.decided,          # "decided to upgrade its mission": the recognition decided
    recognition.recognised,       # recognition of a state or government; its carried target
    targets.own_phrase,           # inverse entries; "pulled their diplomats out of Kabul"
    arguments.guessed_source,     # no subject: drop, or the nearest actor
    targets.left_implicit,        # a withdrawal from the story's state, left unsaid
    attacks.blamed_for,           # "blamed X for the shooting": not the accuser's shooting
    polarity.own_warning,         # a possible threat only as the speaker's own side's
    attacks.unclaimed,            # no source: drop; an attack by someone unnamed awaits a claim
    polarity.claim_not_made,      # "X has not claimed the attack": no negated attack by X
    fellows.also_did,             # "the second country, after X, to sign": X signed too
    parties.pairs,                # source-target pairs; a group among itself
    parties.member_voice,         # "'the Council expects X to ...,' the US envoy said": the envoy's too
    recognition.one_way,          # an exchange of ambassadors recognises the government, not the state
    finalise.type_and_cameo,
)


@dataclass(frozen=True, slots=True)
class Decision:
    """What became of one trigger, and why: its trail through the passes and its events (none if dropped)."""

    trigger: Token
    trail: tuple[str, ...]
    events: tuple[Coded, ...]


def code_sentence(sent: Span, mentions: list[Mention], *, gazetteer: Gazetteer, lexicon: Lexicon,
                  on: date | None, discourse: Discourse, decisions: list[Decision] | None = None,
                  periods: Callable[[], Sequence[tuple[date, date]]] = tuple) -> list[Coded]:
    """Every event of the sentence, one per (source, target, type, negated, cameo); then the
    discourse moves on past the sentence. `decisions`, if given, receives each trigger's decision with
    its trail (and each event its trail); without it no trail is written. `periods`: the dates the
    sentence names (see `read_sentence`)."""
    explain = decisions is not None
    s = read_sentence(sent, mentions, gazetteer=gazetteer, lexicon=lexicon, on=on, discourse=discourse,
                      periods=periods)
    s.pairs = _discourse.pair_phrases(s)
    found: list[Decision] = []
    for token in s.sent:
        if token.i in s.consumed:
            continue
        entry = triggers.match(s, token)
        if entry is None:
            continue
        found.append(code_trigger(s, token, entry, explain=explain))
    # events of the sentence, not of one trigger
    for whole in (attacks.claimed_attacks, polarity.obligations, charges.reported_charges):
        reason = f"{_name(whole)}: {(whole.__doc__ or '').strip().splitlines()[0]}" if explain else ""
        found += [Decision(event.trigger, (reason,) if explain else (), (event,)) for event in whole(s)]
    events = [event for decision in found for event in decision.events]
    if decisions is not None:
        for decision in found:
            for event in decision.events:
                event.trail = decision.trail
        decisions.extend(found)
    kept = finalise.distinct(events)
    _discourse.close(s, events)
    return kept


def code_trigger(s: Sentence, token: Token, entry: Trigger, *, explain: bool = True) -> Decision:
    """One trigger's candidate through every pass: its events, or none if a pass drops it; with `explain`,
    the trail of what each pass decided."""
    candidate = Candidate(token, entry, entry.pos == "noun")  # a verb the tagger misread is no noun
    if not explain:
        if any(step(s, candidate) is not None for step in PASSES):
            return Decision(token, (), ())
        return Decision(token, (), tuple(finalise.coded(s, candidate)))
    candidate.trail.append(f"triggers.match: {token.text!r} is {entry.lemma} ({entry.pos}), {entry.type} {entry.cameo}")
    for step in PASSES:
        before = _state(candidate)
        reason = step(s, candidate)
        if reason is not None:
            candidate.trail.append(f"{_name(step)}: dropped, {reason}")
            return Decision(token, tuple(candidate.trail), ())
        changed = [f"{field} {now}".strip() for field, was, now in zip(_FIELDS, before, _state(candidate), strict=True)
                   if now != was]
        if changed:
            candidate.trail.append(f"{_name(step)}: {'; '.join(changed)}")
    events = finalise.coded(s, candidate)
    if not events:
        candidate.trail.append("finalise.coded: no source with a target other than itself")
    return Decision(token, tuple(candidate.trail), tuple(events))


_FIELDS = ("governed by", "", "mood", "intent on", "sources", "targets", "confidence", "pairs", "type")


def _state(c: Candidate) -> tuple[str, ...]:
    """What a pass may decide about a candidate, as text for the trail."""
    return (" > ".join(t.text for t in c.chain[1:]), "negated" if c.negated else "not negated", c.mood,
            c.embedded.text if c.embedded else "",
            ", ".join(a.code for a in c.sources), ", ".join(a.code for a in c.targets), str(c.confidence),
            ", ".join(f"{a}>{b}" for a, b in c.pairs), f"{c.type} {c.cameo}".strip())


def _name(function: Callable[..., object]) -> str:
    return f"{function.__module__.rsplit('.', 1)[-1]}.{function.__name__}"
