"""Browsing a store: pages of documents, one document with its events placed in its text, the overview."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from blocwatch.analysis import build_clusters, list_documents, read_document, summarise
from conftest import make_article, make_event, put

pytestmark = pytest.mark.issue(5)


@pytest.fixture
def browsed(store):
    put(store, "b", [make_event("RUS", "AFG", "CONSULT", date="2024-01-02"),
                     make_event("PAK", "AFG", "ASSAULT", date="2024-03-18")], published="2024-03-19")
    put(store, "a", [], published="2023-05-01")
    put(store, "c", [make_event("CHN", "AFG", "AGREE")])
    build_clusters(store)
    return store


def test_corpus_documents_page_in_date_order_with_event_counts(browsed):
    first = list_documents(browsed, limit=2)
    assert first.total == 3
    assert [(d.id, d.date, d.events) for d in first.documents] == [("a", date(2023, 5, 1), 0),
                                                                   ("b", date(2024, 3, 19), 2)]
    assert [d.id for d in list_documents(browsed, limit=2, offset=2).documents] == ["c"]


def test_corpus_read_document_places_events_in_its_text(store):
    article = make_article("d", text="Russia met the Taliban. Pakistan struck Khost.")
    events = [replace(make_event("PAK", "AFG", "ASSAULT", doc="d", sentence=1), sentence_start=24, sentence_end=46),
              replace(make_event("RUS", "AFG", "CONSULT", doc="d"), sentence_start=0, sentence_end=23)]
    store.write(article, events)
    view = read_document(store, "d")
    assert view.text == article.text
    assert [view.text[e.sentence_start:e.sentence_end] for e in view.events] == ["Russia met the Taliban.",
                                                                                  "Pakistan struck Khost."]
    assert view.to_json()["events"][0]["source"] == "RUS"
    assert read_document(store, "absent") is None


def test_corpus_summarise_counts_actors_and_span(browsed):
    overview = summarise(browsed)
    assert (overview.documents, overview.events, overview.clusters) == (3, 3, 3)
    assert list(overview.actors) == ["AFG", "CHN", "PAK", "RUS"] and overview.actors["AFG"] == 3
    assert (overview.first_day, overview.last_day) == (date(2024, 1, 2), date(2024, 3, 18))
