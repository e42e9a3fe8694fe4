"""The event lexicon (data/lexicon.jsonl) and grammatical cues (data/grammar.json)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field, fields
from importlib import resources
from typing import Any

from blocwatch.errors import DataError
from blocwatch.plover import CONFLICTUAL_QUADS, plover_types

_POS = {"verb": ("VERB",), "noun": ("NOUN", "PROPN"), "adj": ("ADJ",)}


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon entry: a word that signals an event, with what it needs around it."""

    lemma: str
    pos: str
    type: str
    cameo: str
    recognition: str | None = None
    mode: str | None = None
    objects: frozenset[str] = frozenset()
    objects_any: frozenset[str] = frozenset()
    target_heads: frozenset[str] = frozenset()
    require_target_head: bool = False
    particle: str | None = None
    particle_any: frozenset[str] = frozenset()
    of: str = "target"
    inverse: bool = False
    # the level follows the rank of whoever is accredited or hosted: an ambassador's is `credentials`,
    # a chargé's or a diplomat's `mission` (EVENTS.md's ladder); with no rank named, `recognition` stands
    level_by_rank: bool = False
    intent: bool = False
    when_negated: tuple[str, str] | None = None
    only_negated: bool = False
    needs_target: bool = False
    needs_source: bool = False
    needs_predicate: bool = False
    needs_object: bool = False  # "warned Moscow of a plot" shares intelligence; "warned of a threat" tells nobody
    no_predicate: bool = False  # "called on Uzbek officials" (a visit), unlike "called on them to act"
    light_verb_only: bool = False  # "extended the truce" is an act; "sent troops to oversee the truce" is not
    symmetric: bool = False
    from_source: bool = False
    place_target: bool = False
    people_object: bool = False  # "hosts four million Afghans": only where its object is people
    implicit_target: bool = False  # "the withdrawal of US forces": from the state the story is about
    alleged: bool = False
    recipient: bool = False
    topic: bool = False
    # "unrecognised by the UN": a word that says the act was not done, by its by-phrase, to what it describes
    privative: bool = False

    @property
    def specificity(self) -> int:
        """Entries with more constraints win over plainer ones for the same word."""
        return (bool(self.objects) or self.people_object) * 4 + bool(self.objects_any) * 3 \
            + bool(self.particle or self.particle_any) * 2 + self.needs_predicate * 2


@dataclass(frozen=True, slots=True)
class Grammar:
    """Cue words, as sets of lemmas or lower-case phrases."""

    negators: frozenset[str]
    blockers: frozenset[str]
    negating_preps: frozenset[str]
    negating_dets: frozenset[str]
    exceptions: frozenset[str]
    light_verbs: frozenset[str]
    modals: frozenset[str]
    future: frozenset[str]
    # "to sanction": with the modals and the future, the words after which a verb stands in its bare form
    infinitive_marks: frozenset[str]
    continuation: frozenset[str]
    obligation: frozenset[str]
    obliging_verbs: frozenset[str]  # "would have to pull back", "need to release": an obligation without a modal
    yielding_preps: frozenset[str]  # "the funds must come back *from* X": X is bound to let them go
    # a charge laid without a word of accusing, in what a speaker reports: "X was *behind* the attacks",
    # "X *failed* to keep its promises", "X's decision was *unacceptable*", "the bombing was *planned in* X"
    culprit_preps: frozenset[str]
    failing_verbs: frozenset[str]
    plotting_verbs: frozenset[str]
    plotting_preps: frozenset[str]
    censure_adjectives: frozenset[str]
    hedges: frozenset[str]
    conditional_marks: frozenset[str]
    speech_verbs: frozenset[str]
    receiving_verbs: frozenset[str]
    ambassador_ranks: frozenset[str]
    mission_ranks: frozenset[str]
    warning_verbs: frozenset[str]
    responsibility_verbs: frozenset[str]
    responsibility_objects: frozenset[str]
    responsibility_doers: frozenset[str]  # "those responsible were IS fighters", "the bomber was a TTP member"
    target_preps: frozenset[str]
    location_preps: frozenset[str]
    plural_pronouns: frozenset[str]
    personal_pronouns: frozenset[str]
    singular_pronouns: frozenset[str]
    pair_pattern: re.Pattern[str]
    non_actor_heads: frozenset[str]
    definite_heads: frozenset[str]
    seated_heads: frozenset[str]
    group_heads: frozenset[str]
    force_heads: frozenset[str]
    country_heads: frozenset[str]  # "withdrew from the country": the state the article is about
    retaliation: frozenset[str]
    institution_heads: frozenset[str]
    framing_preps: frozenset[str]
    state_agent_heads: frozenset[str]
    stative_passives: frozenset[str]
    accusation_nouns: frozenset[str]
    prospective_modifiers: frozenset[str]
    ultimatum_marks: frozenset[str]
    relative_pronouns: frozenset[str]
    seat_preps: frozenset[str]
    companion_preps: frozenset[str]
    object_control_verbs: frozenset[str]
    pushing_verbs: frozenset[str]
    partitive_negators: frozenset[str]
    contrastive_modifiers: frozenset[str]
    stance_prefixes: frozenset[str]  # "a pro-Taliban party", "anti-Pakistan slogans": neither is that actor
    definite_dets: frozenset[str]
    anaphoric_dets: frozenset[str]
    sentence_openers: frozenset[str]
    list_separators: frozenset[str]
    list_joiners: frozenset[str]
    away_particles: frozenset[str]
    doer_object_preps: frozenset[str]
    inverse_source_preps: frozenset[str]
    recogniser_preps: frozenset[str]
    into_preps: frozenset[str]
    reaction_nouns: frozenset[str]  # "expressed shock at the attack": a reaction, whose holder did not attack
    incident_nouns: frozenset[str]  # "condemned the incident": the attack told before, by whoever did it
    relational_heads: frozenset[str]  # "Russia's allies" are others than Russia
    topic_preps: frozenset[str]  # "talks on Afghanistan": what a meeting is about, never a party to it
    travel_verbs: frozenset[str]  # "flew to Doha": the city "to" names after them is where the visit happens
    host_verbs: frozenset[str]  # who hosts, convenes or mediates a meeting is whom its parties consult
    meeting_nouns: frozenset[str]
    holding_verbs: frozenset[str]  # "the summit was held in Astana": the state it is held in hosts it
    place_named_heads: frozenset[str]  # "the Doha Agreement": named after where it was signed, not a party
    document_heads: frozenset[str]  # "a resolution that demands ...": a text speaks for whoever adopted it
    authoring_verbs: frozenset[str]  # "the council adopted a resolution": the subject wrote what it adopted
    attendee_heads: frozenset[str]  # "the participants": the attendees of the meeting told of
    participation_words: frozenset[str]  # "a meeting involving X and Y", "with the participation of X"
    adjunct_preps: frozenset[str]  # "agreed to a truce after talks": the talks are not under the agreeing
    first_person_pronouns: frozenset[str]  # "we ask Moscow", quoted: the speaker's side
    equating_verbs: frozenset[str]  # "talks do not *mean* recognition": what the talks are said to be
    reliance_verbs: frozenset[str]  # "depends on Russian aid": the subject receives the aid
    gratitude_verbs: frozenset[str]  # "thanked X for its aid": X gave it, the thanker received it
    reliance_preps: frozenset[str]  # what joins a reliance verb to what is relied on ("on", "upon")
    gratitude_preps: frozenset[str]  # what joins a gratitude verb to what is thanked for ("for")
    speaker_titles: frozenset[str]  # "the Norwegian foreign minister, Jane Doe, said": a title before the name
    # "was the second country, after Qatar, to sign", "one of three states, with Qatar, to sign": the
    # verbs that rank a subject among others, the ordinals that say others came first, and the words
    # that name those others
    ranking_verbs: frozenset[str]
    later_ordinals: frozenset[str]
    fellow_preps: frozenset[str]
    people_heads: frozenset[str]  # "hosts Afghan refugees": people a state takes in, not a party it meets
    private_heads: frozenset[str]  # "an attack by a Syrian man": one private person, who acts for no state
    act_nouns: frozenset[str]  # "criticised the move": the act told before, so whoever did it
    phrasal_negators: frozenset[str]  # "held back from criticising": a verb and particle that say it did not
    # "decided to upgrade its mission", "decided to recognise": a state's decision on recognition is the act
    decision_verbs: frozenset[str]
    concessive_marks: frozenset[str]  # "though it accepted their envoy": "it" is the subject conceded to
    negotiating_seats: frozenset[str]  # "a seat at the table" is a place in talks, not a state's seat
    bygone_modifiers: frozenset[str]  # "the previous Taliban government": the actor before today's
    # "agreed to halt the fighting": a verb stopping what it governs, and the hostilities it may stop
    cessation_verbs: frozenset[str]
    hostility_nouns: frozenset[str]
    # PLOVER types by how the coder treats them (not facts of PLOVER's): a group does them among
    # itself (each pair of "X, Y and Z signed"); their place can be their target ("strikes in Khost");
    # they charge someone (an accusation or a threat); their target may be a that-clause's subject
    # ("demanded that Iran halt the shipment"); or be named inside their object ("suspended a ban on X")
    mutual_types: frozenset[str]
    located_types: frozenset[str]
    noun_located_types: frozenset[str]
    charge_types: frozenset[str]
    voiced_types: frozenset[str]  # what a body asks or charges, which a member's envoy voicing it makes its own
    clause_target_types: frozenset[str]
    # in what these ask for, a "to" before a bare name is where the thing goes ("demanded the dispatch of
    # wagons to Afghanistan"), not who is asked
    destination_types: frozenset[str]
    # these are aimed at whose act they are over ("complained to the UN *over* Israeli raids"), not at the
    # one they are made to
    beneficiary_types: frozenset[str]  # "freed funds *to pay Afghan teachers*": given to whom the purpose serves
    origin_preps: frozenset[str]  # "raids *from* Afghan soil": where an attack comes from, never what it strikes
    enabling_verbs: frozenset[str]  # "the forum *helped* them collaborate": an effect credited to a thing
    grievance_types: frozenset[str]
    grievance_preps: frozenset[str]
    destination_preps: frozenset[str]
    noun_clause_target_types: frozenset[str]
    measure_target_types: frozenset[str]
    # a mutual act of these types runs both ways ("clashed", "blamed each other", "exchanged ambassadors")
    reciprocal_types: frozenset[str]
    np_preps: tuple[str, ...]  # in the order a noun's phrases are tried for its actor ("by" first)
    group_sizes: tuple[tuple[str, int], ...]  # "the three ministers": the first word found gives the count


@dataclass(slots=True)
class Lexicon:
    """Triggers indexed by (lemma, coarse part of speech), plus the grammar cues."""

    grammar: Grammar
    triggers: dict[tuple[str, str], list[Trigger]] = field(default_factory=dict)
    conflictual: frozenset[str] = frozenset()  # PLOVER types of verbal or material conflict (plover_types.csv)
    # Every word some entry is indexed by: the coder asks for each word of a parsed sentence, and most are
    # none, which this answers before the part of speech is read or repaired
    words: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        self.words = frozenset(word for word, _ in self.triggers)

    def lookup(self, lemma: str, pos: str) -> list[Trigger]:
        """Entries for a lemma and spaCy coarse POS tag, most specific first."""
        for name, tags in _POS.items():
            if pos in tags:
                return self.triggers.get((lemma, name), [])
        return []


def load_lexicon() -> Lexicon:
    """Load and check the packaged lexicon and grammar cues.

    Raises:
        DataError: naming the file and line or list: grammar.json is no valid JSON, lacks a list or holds one
            that is not of words; a lexicon entry names an unknown PLOVER type or word list or lacks a required
            field; a lexicon word list is named twice or holds something other than words.
    """
    base = resources.files("blocwatch.data")
    try:
        cues = json.loads(base.joinpath("grammar.json").read_text("utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(f"grammar.json line {exc.lineno}: not valid JSON ({exc.msg})") from None
    for part, words in dict(cues.get("responsibility") or {}).items():
        cues[f"responsibility_{part}"] = words
    # Every set-valued field of Grammar is a list of the same name in grammar.json.
    sets = [f.name for f in fields(Grammar) if f.type == "frozenset[str]"]
    missing = [name for name in [*sets, "pair_pattern", "np_preps", "group_sizes"] if name not in cues]
    if missing:
        raise DataError(f"grammar.json: missing {', '.join(missing)}")
    not_words = [name for name in sets
                 if not isinstance(cues[name], list) or not all(isinstance(word, str) for word in cues[name])]
    if not_words:
        raise DataError(f"grammar.json: {', '.join(not_words)} not a list of words")
    types = plover_types()
    unknown = sorted({kind for name in sets if name.endswith("_types") for kind in cues[name]} - types.keys())
    if unknown:
        raise DataError(f"grammar.json: unknown PLOVER types {', '.join(unknown)}")
    grammar = Grammar(**{name: frozenset(cues[name]) for name in sets},
                      pair_pattern=re.compile(cues["pair_pattern"], re.IGNORECASE),
                      np_preps=tuple(cues["np_preps"]),
                      group_sizes=tuple((word, int(size)) for word, size in cues["group_sizes"].items()))
    triggers: dict[tuple[str, str], list[Trigger]] = defaultdict(list)
    lists: dict[str, frozenset[str]] = {}
    for number, line in enumerate(base.joinpath("lexicon.jsonl").read_text("utf-8").splitlines(), 1):
        where = f"lexicon.jsonl line {number}"
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(f"{where}: not valid JSON ({exc.msg})") from None
        if not isinstance(entry, dict):
            raise DataError(f"{where}: not a JSON object")
        if "_about" in entry:
            continue
        if "list" in entry:
            name = str(entry["list"])
            if name in lists:
                raise DataError(f"{where}: word list {name} is named twice")
            lists[name] = _words(entry.get("words"), f"{where}: word list {name}", lists)
            continue
        trigger = _trigger(entry, where, lists)
        triggers[(trigger.lemma, trigger.pos)].append(trigger)
    for entries in triggers.values():
        entries.sort(key=lambda t: -t.specificity)
    conflictual = frozenset(name for name, kind in types.items() if kind.quad in CONFLICTUAL_QUADS)
    return Lexicon(grammar=grammar, triggers=dict(triggers), conflictual=conflictual)


def _trigger(entry: dict[str, Any], where: str, lists: dict[str, frozenset[str]]) -> Trigger:
    missing = {"lemma", "pos", "type", "cameo"} - entry.keys()
    if missing:
        raise DataError(f"{where}: missing {', '.join(sorted(missing))}")
    if entry["type"] not in plover_types() or entry["pos"] not in _POS:
        raise DataError(f"{where}: unknown type {entry['type']!r} or part of speech {entry['pos']!r}")
    values = dict(entry)
    for key in ("objects", "objects_any", "target_heads", "particle_any"):
        values[key] = _words(values.get(key, []), f"{where}: {key}", lists)
    if "when_negated" in values:
        values["when_negated"] = (values["when_negated"]["type"], values["when_negated"]["cameo"])
    unknown = sorted(values.keys() - {f.name for f in fields(Trigger)})
    if unknown:
        raise DataError(f"{where}: unknown field {', '.join(unknown)}")
    return Trigger(**values)


def _words(value: object, where: str, lists: dict[str, frozenset[str]]) -> frozenset[str]:
    """A list of words, where "@name" stands for the words of a list named on a line above."""
    if not isinstance(value, list) or not all(isinstance(word, str) for word in value):
        raise DataError(f"{where} is not a list of words")
    unknown = [word[1:] for word in value if word.startswith("@") and word[1:] not in lists]
    if unknown:
        raise DataError(f"{where} names unknown word list {', '.join(unknown)} (a list is named above its first use)")
    return frozenset(known for word in value for known in (lists[word[1:]] if word.startswith("@") else [word]))
