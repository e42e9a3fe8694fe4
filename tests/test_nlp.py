"""The extractor's spaCy pipeline against the model as installed: its caches and its BLAS change the speed
of a parse, never the parse."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from blocwatch.nlp import load_model
from conftest import DATA


def _analyses(docs) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for doc in docs for t in doc]


@pytest.fixture(scope="module")
def paragraphs() -> list[str]:
    """The paragraphs of our dev articles: every construction the coder has been written for."""
    texts = [path.read_text("utf-8") for path in sorted((DATA / "articles").glob("*.txt"))]
    return [p.strip() for text in texts for p in text.split("\n\n") if p.strip()]


def test_the_extractors_pipeline_parses_as_the_installed_model(extractor, paragraphs):
    installed = load_model(exclude=["ner"])  # thinc's BLIS, the ruler and lemmatizer without caches
    # twice: the second pass reads the caches the first has filled
    for _ in range(2):
        ours = _analyses(extractor.nlp.pipe(paragraphs))
        theirs = _analyses(installed.pipe(paragraphs))
        assert len(ours) > 10_000
        assert ours == theirs


def test_the_extractors_layers_multiply_on_one_blas_thread():
    # In a process of its own: a BLAS library that another test's import loads after the model (scipy's, with
    # scikit-learn) keeps its own threads, and says nothing of the model's.
    checked = subprocess.run([sys.executable, "-c", _CHECK], capture_output=True, text=True, timeout=300)
    assert checked.returncode == 0, checked.stderr[-2000:]
    layers, blis, threads = json.loads(checked.stdout)
    assert layers > 5
    assert blis == 0
    assert threads == [1]


# The parser's steps go through spaCy's own calls to BLIS (spaCy even makes its output layer on BLIS); the
# token vectors and the tagger are where thinc's layers multiply.
_CHECK = """
import json
from threadpoolctl import threadpool_info
from blocwatch.nlp import load_nlp
nlp = load_nlp()
layers = [node for name in ("tok2vec", "tagger") for node in nlp.get_pipe(name).model.walk()]
threads = sorted({pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"})
print(json.dumps([len(layers), sum(getattr(node.ops, "use_blis", True) is not False for node in layers), threads]))
"""
