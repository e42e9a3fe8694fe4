"""Validation of the actor gazetteer data files in src/blocwatch/data/.

Only the csv module and pathlib: these tests check the data, not the code that
loads it. Date bounds are inclusive on both ends; an empty bound is open.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from datetime import date
from itertools import combinations
from pathlib import Path

import pytest

DATA = Path(__file__).parents[1] / "src/blocwatch/data"
SEP = "|"

COLUMNS = {
    "countries.csv": ["iso3", "name", "aliases", "demonyms", "capitals", "family_name_first"],
    "actors.csv": ["key", "code", "kind", "aliases", "described_as", "valid_from", "valid_to", "note"],
    "roles.csv": ["key", "person", "aliases", "known_as", "code", "office", "valid_from", "valid_to"],
    "titles.csv": ["title", "office"],
    "places.csv": ["name", "code", "kind", "aliases"],
}
KEYS = {"countries.csv": "iso3", "actors.csv": "key", "roles.csv": "key", "titles.csv": "title", "places.csv": "name"}
MULTI_VALUED = {
    "countries.csv": ["aliases", "demonyms", "capitals"],
    "actors.csv": ["aliases", "described_as"],
    "roles.csv": ["aliases", "known_as"],
    "places.csv": ["aliases"],
}
DATED = ["actors.csv", "roles.csv"]
KINDS = {"institution", "armed_group", "igo", "generic"}
NON_STATE_KINDS = {"armed_group", "igo", "generic"}

# Offices by how many hold one at a time per code (data/offices.csv): "one" (terms must not overlap) or
# "several" (spokespersons, deputies, envoys ...).
OFFICES = {row["office"]: row["holders"]
           for row in csv.DictReader((DATA / "offices.csv").read_text("utf-8").splitlines())}
SINGLE_HOLDER_OFFICES = {office for office, holders in OFFICES.items() if holders == "one"}
SHARED_OFFICES = {office for office, holders in OFFICES.items() if holders == "several"}
# Codes the event spec (shared/spec/EVENTS.md section 1) names: must be resolvable.
SPEC_CODES = {
    "AFG",
    "TAL",
    "ISKP",
    "TTP",
    "ETIM",
    "SCO",
    "UN",
    "NATO",
    "EU",
    "WHO",
    "IMF",
    "WB",
    "WST",
    "NGO",
    "CHN",
    "RUS",
    "IRN",
    "PAK",
    "USA",
    "IND",
    "UZB",
    "TJK",
    "TKM",
    "KAZ",
    "KGZ",
    "GBR",
    "DNK",
}


def read(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def split(value: str) -> list[str]:
    return value.split(SEP) if value else []


def parse_date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def overlaps(a: tuple[date | None, date | None], b: tuple[date | None, date | None]) -> bool:
    lo = max(a[0] or date.min, b[0] or date.min)
    hi = min(a[1] or date.max, b[1] or date.max)
    return lo <= hi


def iso3_codes() -> set[str]:
    return {row["iso3"] for row in read("countries.csv")}


def non_state_codes() -> set[str]:
    return {row["code"] for row in read("actors.csv") if row["kind"] in NON_STATE_KINDS} - iso3_codes()


def surface_forms() -> dict[str, list[tuple[str, date | None, date | None, str]]]:
    """Every matchable string -> (code, from, to, where) across the three files."""
    forms: dict[str, list[tuple[str, date | None, date | None, str]]] = defaultdict(list)
    for row in read("countries.csv"):
        for col in ("name", "aliases", "demonyms", "capitals"):
            for form in split(row[col]) if col != "name" else [row["name"]]:
                forms[form].append((row["iso3"], None, None, f"countries.csv:{row['iso3']}"))
    for row in read("actors.csv"):
        span = (parse_date(row["valid_from"]), parse_date(row["valid_to"]))
        for form in split(row["aliases"]):
            forms[form].append((row["code"], *span, f"actors.csv:{row['key']}"))
    for row in read("roles.csv"):
        span = (parse_date(row["valid_from"]), parse_date(row["valid_to"]))
        for form in [row["person"], *split(row["aliases"]), *split(row["known_as"])]:
            forms[form].append((row["code"], *span, f"roles.csv:{row['key']}"))
    return forms


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_data_files_columns(name: str) -> None:
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header == COLUMNS[name]
    for i, row in enumerate(read(name), start=2):
        assert None not in row and all(v is not None for v in row.values()), f"{name}:{i} has a wrong field count"


@pytest.mark.parametrize("name", sorted(KEYS))
def test_data_files_keys_unique(name: str) -> None:
    keys = [row[KEYS[name]] for row in read(name)]
    assert all(keys), f"{name}: empty key"
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    assert not dupes, f"{name}: duplicate keys {dupes}"


@pytest.mark.parametrize("name", ["actors.csv", "roles.csv"])
def test_data_files_keys_are_identifiers(name: str) -> None:
    bad = [row["key"] for row in read(name) if not re.fullmatch(r"[a-z0-9_]+", row["key"])]
    assert not bad, f"{name}: keys must be snake_case: {bad}"


@pytest.mark.parametrize("name", sorted(MULTI_VALUED))
def test_data_files_multivalued_fields_clean(name: str) -> None:
    for row in read(name):
        for col in MULTI_VALUED[name]:
            if not row[col]:
                continue
            parts = row[col].split(SEP)
            assert all(p and p == p.strip() for p in parts), (
                f"{name}:{row[KEYS[name]]}:{col} has an empty or padded value"
            )
            assert len(parts) == len(set(parts)), f"{name}:{row[KEYS[name]]}:{col} repeats a value"


def test_data_files_states_have_name_and_demonym() -> None:
    rows = read("countries.csv")
    assert len(rows) >= 195
    for row in rows:
        assert re.fullmatch(r"[A-Z]{3}", row["iso3"]), row["iso3"]
        assert row["name"].strip(), f"{row['iso3']} has no name"
        assert split(row["demonyms"]), f"{row['iso3']} has no demonym"
    assert {"PSE", "XKX"} <= {row["iso3"] for row in rows}


def test_data_files_actor_kinds_known() -> None:
    bad = [(row["key"], row["kind"]) for row in read("actors.csv") if row["kind"] not in KINDS]
    assert not bad, bad


def test_data_files_non_state_codes_not_iso3() -> None:
    # Institutions act for a state or an organisation: they never define a code.
    defined = non_state_codes()
    for row in read("actors.csv"):
        if row["kind"] == "institution":
            assert row["code"] in iso3_codes() | defined, row["key"]
    for code in defined:
        assert re.fullmatch(r"[A-Z][A-Z0-9]{1,5}", code), code


@pytest.mark.parametrize("name", ["actors.csv", "roles.csv"])
def test_data_files_codes_known(name: str) -> None:
    known = iso3_codes() | non_state_codes()
    unknown = sorted({(row["key"], row["code"]) for row in read(name) if row["code"] not in known})
    assert not unknown, f"{name}: codes neither ISO3 in countries.csv nor non-state in actors.csv: {unknown}"


def test_data_files_spec_codes_resolvable() -> None:
    known = iso3_codes() | non_state_codes()
    assert known >= SPEC_CODES, sorted(SPEC_CODES - known)


@pytest.mark.parametrize("name", DATED)
def test_data_files_dates_valid(name: str) -> None:
    for row in read(name):
        try:
            start, end = parse_date(row["valid_from"]), parse_date(row["valid_to"])
        except ValueError as exc:
            pytest.fail(f"{name}:{row['key']}: {exc}")
        if start and end:
            assert start <= end, f"{name}:{row['key']}: valid_from after valid_to"


def test_data_files_roles_offices_known() -> None:
    assert set(OFFICES.values()) <= {"one", "several"}, OFFICES
    assert len(OFFICES) == len((DATA / "offices.csv").read_text("utf-8").splitlines()) - 1, "an office listed twice"
    bad = sorted({row["office"] for row in read("roles.csv")} - SINGLE_HOLDER_OFFICES - SHARED_OFFICES)
    assert not bad, f"offices not classified as single-holder or shared: {bad}"


def test_data_files_roles_single_holder_terms_do_not_overlap() -> None:
    terms = defaultdict(list)
    for row in read("roles.csv"):
        if row["office"] in SINGLE_HOLDER_OFFICES:
            span = (parse_date(row["valid_from"]), parse_date(row["valid_to"]))
            terms[(row["code"], row["office"])].append((row["key"], row["person"], span))
    clashes = [
        (office, a[0], b[0])
        for office, rows in terms.items()
        for a, b in combinations(rows, 2)
        if a[1] != b[1] and overlaps(a[2], b[2])
    ]
    assert not clashes, f"overlapping terms of a single-holder office: {clashes}"


def test_data_files_roles_aliases_are_full_names() -> None:
    bad = [
        (row["key"], form)
        for row in read("roles.csv")
        for form in [row["person"], *split(row["aliases"])]
        if len(form.split()) < 2
    ]
    assert not bad, f"bare names (the engine derives surnames itself): {bad}"


def test_data_files_roles_known_as_is_one_name_of_the_person_and_no_one_else() -> None:
    rows = list(read("roles.csv"))
    people_by_word = defaultdict(set)
    for row in rows:
        for name in [row["person"], *split(row["aliases"])]:
            for word in name.split():
                people_by_word[word].add(row["person"])
    bad = [(row["key"], form) for row in rows for form in split(row["known_as"])
           if len(form.split()) != 1 or people_by_word[form] != {row["person"]}]
    assert not bad, f"known_as must be a word of the person's names and of nobody else's: {bad}"


def test_data_files_taliban_switch_on_2021_08_15() -> None:
    actors = {row["key"]: row for row in read("actors.csv")}
    assert actors["taliban_insurgency"]["code"] == "TAL"
    assert actors["taliban_insurgency"]["valid_to"] == "2021-08-14"
    assert actors["taliban_government"]["code"] == "AFG"
    assert actors["taliban_government"]["valid_from"] == "2021-08-15"
    for row in read("roles.csv"):
        start, end = parse_date(row["valid_from"]), parse_date(row["valid_to"])
        if row["code"] == "TAL":
            assert end and end <= date(2021, 8, 14), row["key"]
        if row["code"] == "AFG" and row["key"].endswith(("_afg", "_afg_interim")):
            assert start and start >= date(2021, 8, 15), row["key"]


def test_data_files_aliases_unambiguous() -> None:
    """No surface form maps to two codes with overlapping validity (case-sensitive)."""
    clashes = []
    for form, entries in surface_forms().items():
        for a, b in combinations(entries, 2):
            if a[0] != b[0] and overlaps((a[1], a[2]), (b[1], b[2])):
                clashes.append((form, a[3], a[0], b[3], b[0]))
    assert not clashes, f"ambiguous surface forms: {clashes}"


def test_data_files_places_lie_in_states_and_shadow_no_actor() -> None:
    rows = read("places.csv")
    states = iso3_codes()
    assert not [(row["name"], row["code"]) for row in rows if row["code"] not in states]
    assert not [(row["name"], row["kind"]) for row in rows if row["kind"] not in {"province", "district", "city",
                                                                                 "region"}]
    actor_forms = surface_forms()  # a place spelt like a state, capital, group or person would hide it
    shadowing = [form for row in rows for form in [row["name"], *split(row["aliases"])] if form in actor_forms]
    assert not shadowing, f"places spelt like actors: {shadowing}"


def test_data_files_titles_offices_are_identifiers() -> None:
    for row in read("titles.csv"):
        assert row["title"] == row["title"].strip().lower(), row["title"]
        assert re.fullmatch(r"[a-z_]+", row["office"]), row


def test_data_files_version() -> None:
    assert re.fullmatch(r"\d{4}\.\d+\.\d+", (DATA / "VERSION").read_text(encoding="utf-8").strip())


def test_data_files_lexicon_has_no_repeated_entry_and_every_field_is_read() -> None:
    import dataclasses

    from blocwatch.events.lexicon import Trigger

    lines = [line for line in (DATA / "lexicon.jsonl").read_text("utf-8").splitlines()
             if line.strip() and not line.startswith('{"_about"')]
    entries = [json.dumps(json.loads(line), sort_keys=True) for line in lines]
    repeated = sorted({entry for entry in entries if entries.count(entry) > 1})
    assert not repeated, repeated
    # A field the coder never reads is a promise the data file cannot keep.
    code = "\n".join(path.read_text("utf-8") for path in (DATA.parent / "events").glob("*.py")
                     if path.name != "lexicon.py")
    unread = [f.name for f in dataclasses.fields(Trigger) if f".{f.name}" not in code]
    assert not unread, unread


def test_data_files_lexicon_writes_no_word_list_out_twice() -> None:
    # Words two entries share are one named list ("@captives"): written out twice, one copy is
    # bound to be extended without the other.
    rows = [json.loads(line) for line in (DATA / "lexicon.jsonl").read_text("utf-8").splitlines()]
    written = defaultdict(list)
    for number, row in enumerate(rows, 1):
        for value in row.values():
            words = sorted(word for word in value if not word.startswith("@")) if isinstance(value, list) else []
            if len(words) >= 3:
                written[tuple(words)].append(number)
    assert not {words: lines for words, lines in written.items() if len(lines) > 1}


def test_data_files_cameo_codes_and_plover_quads() -> None:
    from blocwatch.plover import RECOGNITION_CAMEO, cameo_codes, plover_types, quads

    assert RECOGNITION_CAMEO == cameo_codes()["recognition"] == "054"
    types = plover_types()
    assert len(types) == 16 and set(quads().values()) == {1, 2, 3, 4}
    assert all((t.quad <= 2) == (t.goldstein > 0) for t in types.values()), "cooperation weighs up, conflict down"


def test_data_files_cameo_roles_name_a_plover_type_and_a_code_of_it() -> None:
    from blocwatch.plover import cameo_roles, plover_types

    roles = cameo_roles()
    assert {"recognition", "threat", "intent_to_cooperate", "refusal", "demand", "claimed_attack",
            "mediation"} <= roles.keys()
    assert all(role.type in plover_types() for role in roles.values())
    # No code the coder singles out is left as a literal in its modules: they live in cameo.csv.
    for path in (DATA.parent / "events").glob("*.py"):
        literal = re.search(r"""["'][A-Z]{4,}["'],\s*["']\d{3}["']|cameo\s*[!=]=\s*["']\d{3}["']""",
                            path.read_text("utf-8"))
        assert literal is None, f"{path.name}: {literal.group(0)}"


@pytest.fixture
def packaged(tmp_path, monkeypatch):
    """The packaged data files copied to `tmp_path` and read from there, so that a test can spoil one;
    the loaders' caches are emptied before and after."""
    from importlib import resources

    from blocwatch import boilerplate, events, plover
    from blocwatch.analysis import geo

    for path in DATA.iterdir():
        if path.is_file():
            (tmp_path / path.name).write_bytes(path.read_bytes())
    files = resources.files
    monkeypatch.setattr(resources, "files", lambda package: tmp_path if package == "blocwatch.data" else files(package))
    caches = (plover.plover_types, plover.cameo_roles, boilerplate.pattern_lists, boilerplate.pattern,
              geo.gazetteer_points, events._context_patterns)
    for cache in caches:
        cache.cache_clear()
    yield tmp_path
    for cache in caches:
        cache.cache_clear()


def _spoil(path: Path, line: int, text: str) -> None:
    lines = path.read_text("utf-8").splitlines()
    lines[line - 1] = text
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize(("line", "text", "problem"), [
    (3, "threat,13,THREATEN,a code of two digits", "line 3: expected role,code,type,meaning"),
    (4, "intent_to_cooperate,030,PROMISE,a type PLOVER lacks", "line 4: expected role,code,type,meaning"),
    (5, "threat,120,REJECT,a role given twice", "line 5: role 'threat' is given twice"),
])
def test_data_files_cameo_csv_errors_name_the_line(packaged, line, text, problem) -> None:
    from blocwatch.errors import DataError
    from blocwatch.plover import cameo_roles

    _spoil(packaged / "cameo.csv", line, text)
    with pytest.raises(DataError, match=f"^cameo.csv {re.escape(problem)}"):
        cameo_roles()


def test_data_files_plover_types_errors_name_the_line(packaged) -> None:
    from blocwatch.errors import DataError
    from blocwatch.plover import plover_types

    _spoil(packaged / "plover_types.csv", 4, "SUPPORT,5,verbal cooperation,3.5,0")
    with pytest.raises(DataError, match=r"^plover_types.csv line 4: quad must be 1-4"):
        plover_types()


@pytest.mark.parametrize(("spoil", "problem"), [
    (lambda raw: raw["captions"].insert(1, "(unclosed"), r"captions pattern 2 '\(unclosed' does not compile"),
    (lambda raw: raw.update(captions="Photo:"), "captions is not a list of patterns"),
])
def test_data_files_boilerplate_errors_name_the_list_and_pattern(packaged, spoil, problem) -> None:
    from blocwatch import boilerplate
    from blocwatch.errors import DataError

    raw = json.loads((packaged / "boilerplate.json").read_text("utf-8"))
    spoil(raw)
    (packaged / "boilerplate.json").write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(DataError, match=f"^boilerplate.json: {problem}"):
        boilerplate.pattern("captions")


@pytest.mark.parametrize(("text", "problem"), [
    ('{"lemma": "sign", "pos": "verb"', "line 3: not valid JSON"),
    ('{"lemma": "sign", "pos": "verb", "type": "AGREE", "cameo": "057", "colour": "red"}',
     "line 3: unknown field colour"),
    ('{"lemma": "sign", "pos": "verb", "type": "AGREE"}', "line 3: missing cameo"),
    # line 2 names the list `credentials`, line 4 `kin`: a list serves only the lines below it
    ('{"lemma": "accept", "pos": "verb", "type": "SUPPORT", "cameo": "054", "objects": ["@credentials", "@envoys"]}',
     "line 3: objects names unknown word list envoys"),
    ('{"lemma": "accept", "pos": "verb", "type": "SUPPORT", "cameo": "054", "objects": "envoy"}',
     "line 3: objects is not a list of words"),
    ('{"list": "captives", "words": ["@kin", "prisoner"]}', "line 3: word list captives names unknown word list kin"),
    ('{"list": "credentials", "words": ["credential"]}', "line 3: word list credentials is named twice"),
])
def test_data_files_lexicon_errors_name_the_line(packaged, text, problem) -> None:
    from blocwatch.errors import DataError
    from blocwatch.events.lexicon import load_lexicon

    _spoil(packaged / "lexicon.jsonl", 3, text)
    with pytest.raises(DataError, match=f"^lexicon.jsonl {re.escape(problem)}"):
        load_lexicon()


def test_data_files_coordinates_errors_name_the_line(packaged) -> None:
    from blocwatch.analysis.geo import gazetteer_points
    from blocwatch.errors import DataError

    _spoil(packaged / "coordinates.csv", 2, "Badakhshan,north,70.58")
    with pytest.raises(DataError, match=r"^coordinates.csv line 2: Badakhshan: lat and lon must be numbers"):
        gazetteer_points()


def test_data_files_contexts_errors_name_the_context(packaged) -> None:
    from blocwatch.errors import DataError
    from blocwatch.events import find_contexts

    raw = json.loads((packaged / "contexts.json").read_text("utf-8"))
    raw["diplomatic"] = "embassy"
    (packaged / "contexts.json").write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(DataError, match=r"^contexts.json: diplomatic is not a list of word stems"):
        find_contexts("The embassy reopened.")


def test_data_files_calibration_errors_name_the_file() -> None:
    from blocwatch.errors import DataError
    from blocwatch.events.confidence import load_calibration, parse_calibration

    raw = {"weights": dict(load_calibration().weights), "intercept": "high"}
    with pytest.raises(DataError, match=r"^calibration.json: every weight and the intercept must be a finite number"):
        parse_calibration(raw)


@pytest.mark.parametrize(("name", "line", "text", "problem"), [
    ("actors.csv", 2, "taliban_insurgency,TAL,armed_group,Taliban,group,,14 August 2021,an insurgency",
     "actors.csv line 2: bad valid_to '14 August 2021' (expected YYYY-MM-DD)"),
    ("roles.csv", 3, "li_keqiang_premier,Li Keqiang,,,CHN,prime_minister,2013-15-03,",
     "roles.csv line 3: bad valid_from '2013-15-03' (expected YYYY-MM-DD)"),
    ("countries.csv", 3, "AGO,Angola,Republic of Angola",
     "countries.csv line 3: expected 6 fields (iso3,name,aliases,demonyms,capitals,family_name_first)"),
    ("places.csv", 2, ",AFG,province,", "places.csv line 2: empty name"),
    ("titles.csv", 1, "word,office", "titles.csv: no column title in its header"),
])
def test_data_files_gazetteer_errors_name_the_file_and_line(packaged, name, line, text, problem) -> None:
    from blocwatch.actors import load_gazetteer
    from blocwatch.errors import DataError

    _spoil(packaged / name, line, text)
    with pytest.raises(DataError, match=f"^{re.escape(problem)}$"):
        load_gazetteer()


def test_data_files_grammar_errors_name_the_line_or_list(packaged) -> None:
    from blocwatch.errors import DataError
    from blocwatch.events.lexicon import load_lexicon

    grammar = packaged / "grammar.json"
    kept = grammar.read_text("utf-8")
    raw = json.loads(kept)
    first = raw["negators"][0]
    line = kept.splitlines().index(f'    "{first}",') + 1
    _spoil(grammar, line, f'    "{first}"')
    with pytest.raises(DataError, match=rf"^grammar.json line {line + 1}: not valid JSON \(Expecting ',' delimiter"):
        load_lexicon()
    raw["negators"] = first
    grammar.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(DataError, match="^grammar.json: negators not a list of words$"):
        load_lexicon()


def test_data_files_calendar_errors_name_the_pattern(packaged) -> None:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from blocwatch.errors import DataError
    from blocwatch.nlp import calendar_spans

    calendar = packaged / "calendar.json"
    first = json.loads(calendar.read_text("utf-8"))["DATE"][0]
    line = calendar.read_text("utf-8").splitlines().index(f'    "{first}",') + 1
    _spoil(calendar, line, '    "@mnth @day?",')
    # A vocabulary of its own: the matcher is cached per vocabulary, so this one is built from the spoilt file.
    with pytest.raises(DataError, match=r"^calendar.json: DATE pattern 1 '@mnth @day\?' names no class @mnth$"):
        calendar_spans(Doc(Vocab(), words=["on", "Monday"]), "DATE")
