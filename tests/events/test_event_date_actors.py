"""Actors at the event's date: a person out of office at the article's date who held an office when the
event happened acts for the state of that office then; out of office at both dates, for no one.
Sentences of our own, told in an article of May 2024 (Imran Khan: prime minister of Pakistan 2018-2022)."""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch.model import Article

pytestmark = pytest.mark.issue(10)


def _coded(extractor, text: str) -> set[tuple]:
    article = Article(id="t", origin="test", title=None, url=None, outlet=None, date=date(2024, 5, 2),
                      language="en", raw_text=text, text=text)
    return {(e.source, e.type, e.target, e.date) for e in extractor.extract(article)}


@pytest.mark.parametrize(("text", "expected"), [
    # a visit the former prime minister made while in office
    ("The former prime minister Imran Khan travelled to Moscow in February 2022 and held talks with Putin.",
     {("PAK", "CONSULT", "RUS", "2022-02")}),
    # a year in which his term ended in the spring: he acted for Pakistan during it
    ("In 2022, Imran Khan met Kazakhstan's president in Islamabad.", {("PAK", "CONSULT", "KAZ", "2022")}),
    # the day of the article, out of office: he acts for no one
    ("Imran Khan criticised Afghanistan's rulers on Monday.", set()),
    # no date of its own: the article's, out of office
    ("Imran Khan met Putin in Moscow.", set()),
    # a date before any of his terms
    ("Imran Khan visited Kabul in 2005.", set()),
])
def test_a_person_acts_for_the_state_he_served_at_the_events_date(extractor, text, expected):
    assert _coded(extractor, text) == expected


def test_a_period_holding_part_of_a_term_reads_the_term(extractor):
    gazetteer = extractor.gazetteer
    # out of office on the period's day nearest the article, in office for part of the period
    assert gazetteer.resolve_during("Imran Khan", date(2022, 1, 1), date(2022, 12, 31), near=date(2024, 5, 2)).code \
        == "PAK"
    assert gazetteer.resolve_during("Imran Khan", date(2023, 1, 1), date(2023, 12, 31), near=date(2024, 5, 2)) is None
