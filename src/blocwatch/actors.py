"""Actors stage: find actor mentions in text and resolve them to codes as of a date.

The gazetteer (data/countries.csv, actors.csv, roles.csv, places.csv) maps names, demonyms,
capitals, institutions, groups and office holders to actor codes, each with a validity interval, so
"the Taliban" is TAL in a 2019 story and AFG after 2021-08-15, and "Muttaqi" follows his
side; a person outside every term of office acts for no one. The coder reads names at the article's
date, and the events stage reads them again at each event's own date. Matching is a spaCy
PhraseMatcher over token text, so it runs on the tokenizer's output before any parsing (the gate
that decides which sentences are worth parsing).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from blocwatch.errors import DataError
from blocwatch.packaged import packaged_rows

_OPEN_START = date.min
_OPEN_END = date.max

# Mention kinds, from what names an actor outright to what only hints at one. A PLACE (a province
# or a city other than a capital) never acts: it only says in which state something happened.
NAME, CAPITAL, DEMONYM, INSTITUTION, GROUP, IGO, GENERIC, PERSON, PLACE = (
    "name", "capital", "demonym", "institution", "armed_group", "igo", "generic", "person", "place")


@dataclass(frozen=True, slots=True)
class Sense:
    """One meaning of an alias: the actor it names over an interval, and why."""

    code: str
    kind: str
    valid_from: date
    valid_to: date
    reason: str
    described_as: frozenset[str] = frozenset()  # "the group", "the movement": what news calls it later

    def covers(self, on: date) -> bool:
        return self.valid_from <= on <= self.valid_to


@dataclass(frozen=True, slots=True)
class ResolvedActor:
    """An actor code with the reason it was chosen (which alias, which term of office)."""

    code: str
    kind: str
    reason: str
    described_as: frozenset[str] = frozenset()


@dataclass(slots=True)
class Gazetteer:
    """Every alias blocwatch knows, with its senses; built once by `load_gazetteer`."""

    senses: dict[str, list[Sense]] = field(default_factory=dict)
    codes: set[str] = field(default_factory=set)
    states: set[str] = field(default_factory=set)  # the codes of countries.csv
    # States whose people are named family name first: "Wang Yi" is later "Wang", not "Yi".
    family_name_first: set[str] = field(default_factory=set)
    # Words of titles and honorifics (titles.csv): "Minister Lavrov", "Mullah Baradar" are the known
    # person, while another capitalised word before a known surname names someone else ("Khalil Haqqani").
    title_words: set[str] = field(default_factory=set)
    _matcher: PhraseMatcher | None = None

    def resolve(self, alias: str, *, on: date | None) -> ResolvedActor | None:
        """The actor an alias names on a date (the latest sense when the date is unknown).

        Args:
            alias: the mention's text as matched.
            on: the date the mention refers to; None picks the sense valid last.
        """
        senses = self.senses.get(alias) or self.senses.get(_fold(alias))
        if not senses:
            return None
        if on is None:
            chosen = max(senses, key=lambda s: s.valid_to)
        else:
            covering = [s for s in senses if s.covers(on)]
            nearest = min(senses, key=lambda s: _days_outside(s, on))
            # A person outside every term of office ("Ashraf Ghani" in 2023, a prime minister between his
            # terms) acts for no state (EVENTS.md 1: who held the office on that date)
            if not covering and nearest.kind == PERSON:
                return None
            chosen = covering[0] if covering else nearest
        return ResolvedActor(chosen.code, chosen.kind, chosen.reason, chosen.described_as)

    def resolve_during(self, alias: str, first: date, last: date, *, near: date | None) -> ResolvedActor | None:
        """The actor an alias names during a period known only to its month or year ("in 2003").

        The period's day nearest `near` (the article's date, at which the sentence was first read) is
        taken: the least change from that reading where a sense changes within the period. A person out of
        office that day who held one for part of the period acts for the state of that term ("visited
        Moscow in 2022" of a prime minister until the April of that year).
        """
        day = min(max(near or last, first), last)
        found = self.resolve(alias, on=day)
        if found is None:
            terms = [s for s in self.senses.get(alias) or self.senses.get(_fold(alias)) or ()
                     if s.valid_from <= last and first <= s.valid_to]
            if terms:
                term = min(terms, key=lambda s: _days_outside(s, day))
                return ResolvedActor(term.code, term.kind, term.reason, term.described_as)
        return found

    def resolve_before(self, alias: str, *, on: date) -> ResolvedActor | None:
        """The actor an alias named before the sense it has on `on` began ("the previous Taliban
        government" in 2024 is the insurgency's, TAL); None where it named nothing else before."""
        senses = self.senses.get(alias) or self.senses.get(_fold(alias))
        current = next((s for s in senses or () if s.covers(on)), None)
        if current is None or current.valid_from == _OPEN_START:
            return None
        earlier = self.resolve(alias, on=current.valid_from - timedelta(days=1))
        return earlier if earlier is not None and earlier.code != current.code else None

    def described_as(self, alias: str) -> frozenset[str]:
        """The nouns news may use for what an alias names, once named ("the group"), in any of its senses."""
        return frozenset(noun for sense in self.senses.get(alias, ()) for noun in sense.described_as)

    def matcher(self, nlp: Language) -> PhraseMatcher:
        """A PhraseMatcher over token text for every alias (built on first use)."""
        if self._matcher is None:
            matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
            for alias in self.senses:
                matcher.add(alias, [nlp.make_doc(alias)])
            self._matcher = matcher
        return self._matcher


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text that names an actor, still unresolved (resolution needs the event's date)."""

    start: int
    end: int
    alias: str
    kind: str


def find_mentions(doc: Doc, gazetteer: Gazetteer, nlp: Language) -> list[Mention]:
    """Every actor mention in a tokenized doc (no parse needed); longest match wins.

    Surnames of office holders named in full earlier in the doc ("Wang" after "Wang Yi")
    count as mentions of that person.
    """
    matcher = gazetteer.matcher(nlp)
    spans = [Span(doc, start, end, label=key) for key, start, end in matcher(doc)]
    spans = filter_spans(spans)
    mentions = []
    seen_people: dict[str, str] = {}
    taken: set[int] = set()
    for span in spans:
        alias = nlp.vocab.strings[span.label]
        kind = gazetteer.senses[alias][0].kind
        mentions.append(Mention(span.start, span.end, alias, kind))
        taken.update(range(span.start, span.end))
        if kind == PERSON and len(span) > 1:
            seen_people[span[-1].text] = alias
            if gazetteer.senses[alias][0].code in gazetteer.family_name_first:
                seen_people[span[0].text] = alias
    if seen_people:
        for token in doc:
            if token.i not in taken and token.text in seen_people and not _other_persons_name(doc, token, gazetteer):
                mentions.append(Mention(token.i, token.i + 1, seen_people[token.text], PERSON))
        mentions.sort(key=lambda m: m.start)
    return mentions


def _other_persons_name(doc: Doc, surname: Token, gazetteer: Gazetteer) -> bool:
    """Whether a known surname follows a given name that is not the known person's ("Khalil Haqqani")."""
    if surname.i == 0:
        return False
    before = doc[surname.i - 1]
    return before.is_title and before.is_alpha and before.lower_ not in gazetteer.title_words


def load_gazetteer() -> Gazetteer:
    """Load the packaged gazetteer files.

    Raises:
        DataError: naming the file and line: a file is missing a column, a row its fields, code or name, or a
            date is malformed.
    """
    gazetteer = Gazetteer()
    for _where, row in _rows("countries.csv", "iso3", "name", "aliases", "demonyms", "capitals", "family_name_first"):
        code = row["iso3"]
        gazetteer.codes.add(code)
        gazetteer.states.add(code)
        if row["family_name_first"]:
            gazetteer.family_name_first.add(code)
        reason = f"{row['name']} ({code})"
        for column, kind in (("name", NAME), ("aliases", NAME), ("demonyms", DEMONYM), ("capitals", CAPITAL)):
            for alias in _split(row[column]):
                _add(gazetteer, alias, Sense(code, kind, _OPEN_START, _OPEN_END, f"{kind} of {reason}"))
    for where, row in _rows("actors.csv", "key", "code", "kind", "aliases", "described_as", "valid_from", "valid_to"):
        gazetteer.codes.add(row["code"])
        sense = Sense(row["code"], row["kind"], *_interval(row, where),
                      f"{row['key']}: {row.get('note') or row['kind']}", frozenset(_split(row["described_as"])))
        for alias in _split(row["aliases"]):
            _add(gazetteer, alias, sense)
    for where, row in _rows("roles.csv", "person", "aliases", "known_as", "code", "office", "valid_from", "valid_to"):
        sense = Sense(row["code"], PERSON, *_interval(row, where),
                      f"{row['person']}, {row['office']} ({row['code']})")
        for alias in [row["person"], *_split(row["aliases"]), *_split(row.get("known_as"))]:
            _add(gazetteer, alias, sense)
    for _where, row in _rows("titles.csv", "title"):
        gazetteer.title_words.update(row["title"].split())
    for _where, row in _rows("places.csv", "name", "code", "kind", "aliases"):
        sense = Sense(row["code"], PLACE, _OPEN_START, _OPEN_END, f"{row['name']}, a {row['kind']} of {row['code']}")
        for alias in [row["name"], *_split(row["aliases"])]:
            _add(gazetteer, alias, sense)
    return gazetteer


def _add(gazetteer: Gazetteer, alias: str, sense: Sense) -> None:
    variants = {alias}
    if alias.lower().startswith("the ") and sense.kind not in (GENERIC,):
        variants.add(alias[4:])  # "the Kremlin" is also "Kremlin"; but "the West" is not "west of Kabul"
    for variant in list(variants):
        if sense.kind in (GENERIC,) or variant.islower():
            variants.update({variant.lower(), variant[:1].upper() + variant[1:]})
    for variant in variants:
        if variant:
            senses = gazetteer.senses.setdefault(variant, [])
            if sense not in senses:
                senses.append(sense)


def _days_outside(sense: Sense, on: date) -> int:
    return max((sense.valid_from - on).days, (on - sense.valid_to).days, 0)


def _fold(alias: str) -> str:
    return alias.lower()


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split("|") if part.strip()]


def _interval(row: dict[str, str], where: str) -> tuple[date, date]:
    """A dated row's valid_from and valid_to, an empty bound open."""
    bounds = []
    for column, default in (("valid_from", _OPEN_START), ("valid_to", _OPEN_END)):
        value = row[column].strip()
        try:
            bounds.append(date.fromisoformat(value) if value else default)
        except ValueError as exc:
            raise DataError(f"{where}: bad {column} {value!r} (expected YYYY-MM-DD)") from exc
    return bounds[0], bounds[1]


def _rows(name: str, *columns: str) -> list[tuple[str, dict[str, str]]]:
    """The rows of gazetteer file `name`, each with where it stands ("roles.csv line 4") for errors; the
    first of `columns` (what the row names) may not be empty."""
    rows = []
    for number, row in packaged_rows(name, columns):
        if not row[columns[0]].strip():
            raise DataError(f"{name} line {number}: empty {columns[0]}")
        rows.append((f"{name} line {number}", row))
    return rows
