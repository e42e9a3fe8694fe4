"""The extractor's spaCy pipeline against the model as installed: its caches and its BLAS change the speed
of a parse, never the parse."""

from __future__ import annotations

import pytest
from threadpoolctl import threadpool_info

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


def test_the_extractors_layers_multiply_on_one_blas_thread(extractor):
    # The parser's steps go through spaCy's own calls to BLIS (its output layer is even made on BLIS by spaCy);
    # the token vectors and the tagger are where thinc's layers multiply.
    layers = [node for name in ("tok2vec", "tagger") for node in extractor.nlp.get_pipe(name).model.walk()]
    assert len(layers) > 5
    assert all(getattr(node.ops, "use_blis", None) is False for node in layers)
    assert {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"} == {1}
