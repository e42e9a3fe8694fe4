"""The calendar finder: date and time expressions found by a Matcher (data/calendar.json), in place of NER."""

from __future__ import annotations

import pytest

from blocwatch.events.sentence import place_of
from blocwatch.events.triggers import has_particle
from blocwatch.nlp import calendar_spans

from .helpers import word

pytestmark = pytest.mark.issue(15)

# One sentence of our own for each pattern line of calendar.json, with the expression it must find.
CASES = [
    ("The envoys met in late March.", "DATE", "late March"),
    ("The pact was signed on June 4, 2023 in Tashkent.", "DATE", "June 4, 2023"),
    ("The ministers talked on 9th October about trade.", "DATE", "9th October"),
    ("The consulate reopened on 2 May, 2022 after repairs.", "DATE", "2 May, 2022"),
    ("The railway plan dates from mid-2019.", "DATE", "mid-2019"),
    ("The statement carried the date 2024-02-17 at its foot.", "DATE", "2024-02-17"),
    ("Trade between them grew through the 2000s.", "DATE", "the 2000s"),
    ("Kabul answered last Thursday.", "DATE", "last Thursday"),
    ("The delegation landed on Tuesday, Nov. 5 in Almaty.", "DATE", "Tuesday, Nov. 5"),
    ("The delegation landed on Tuesday, Nov. 5, 2024 in Almaty.", "DATE", "Tuesday, Nov. 5, 2024"),
    ("The ministry replied yesterday.", "DATE", "yesterday"),
    ("Earlier this week the border was closed.", "DATE", "Earlier this week"),
    ("The embassy was upgraded last November.", "DATE", "last November"),
    ("Talks resumed this winter.", "DATE", "this winter"),
    ("Flights restarted in mid-April last year.", "DATE", "mid-April last year"),
    ("Floods struck in spring of last year.", "DATE", "spring of last year"),
    ("Tehran protested the same day.", "DATE", "the same day"),
    ("The crossing stayed shut over the weekend.", "DATE", "the weekend"),
    ("In 2022 trade fell, and in October that year the talks began.", "DATE", "October that year"),
    ("Later in the month the envoy left.", "DATE", "Later in the month"),
    ("A deal is due by the end of September.", "DATE", "the end of September"),
    ("The office opened at the start of 2021.", "DATE", "the start of 2021"),
    ("Prices rose by the end of last year.", "DATE", "the end of last year"),
    ("Envoys met in the autumn of 2022.", "DATE", "the autumn of 2022"),
    ("The visit came less than three weeks earlier.", "DATE", "less than three weeks earlier"),
    ("Attacks rose in the past two years.", "DATE", "the past two years"),
    ("A five-day visit ended.", "DATE", "five-day"),
    ("Shelling went on into the night.", "TIME", "night"),
    ("The talks began at 9:30 a.m. in the capital.", "TIME", "9:30 a.m."),
    ("A 72-hour truce was agreed.", "TIME", "72-hour"),
    ("The meeting lasted six hours.", "TIME", "six hours"),
]


@pytest.mark.parametrize(("text", "label", "expression"), CASES)
def test_each_pattern_finds_its_expression(extractor, text, label, expression):
    assert expression in [span.text for span in calendar_spans(extractor.nlp(text), label)]


def test_the_pipeline_runs_without_ner(extractor):
    assert "ner" not in extractor.nlp.pipe_names
    assert not extractor.nlp("Russia hosted talks in Moscow on Friday.").ents


def test_may_in_lower_case_is_no_month(extractor):
    assert calendar_spans(extractor.nlp("Kabul may answer soon."), "DATE") == []


def test_a_particle_is_no_particle_before_a_date_or_time(read):
    s = read("Uzbekistan called Kazakhstan on Saturday.")
    assert not has_particle(word(s, "called"), {"on"})
    s = read("Uzbekistan called on Kazakhstan to reopen the border.")
    assert has_particle(word(s, "called"), {"on"})


def test_a_place_comes_from_the_gazetteer(read):
    s = read("Pakistan attacked a camp in Khost province.")
    assert place_of(s, word(s, "attacked")) == "Khost"
